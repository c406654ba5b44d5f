//! `shieldcheck patterns eval`: an analysis scored against the ground truth (pairwise,
//! B-cubed, adjusted Rand index), and with the reports also the blocking's pair completeness.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use shieldcheck_patterns::Settings;
use shieldcheck_patterns::blocking::BlockIndex;
use shieldcheck_patterns::eval::{Evaluation, Scores, Truth, pair_completeness_by, score_groups};
use shieldcheck_patterns::features::Features;
use shieldcheck_patterns::output::Analysis;
use shieldcheck_patterns::scoring::Corpus;

use super::input;

#[derive(Debug, Args)]
pub struct EvalArgs {
    #[arg(long)]
    truth: PathBuf,
    #[arg(long)]
    analysis: PathBuf,
    /// The reports analysed, to measure blocking pair completeness.
    #[arg(long)]
    input: Option<PathBuf>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let bytes = std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{} is not what was expected", path.display()))
}

/// The reports an evaluation measures blocking on: their names and features, in file order
/// (the parsed reports themselves are not kept: a million of them would take most of the
/// memory).
#[derive(Debug)]
pub struct Blockable {
    pub names: Vec<String>,
    pub features: Vec<Features>,
}

impl Blockable {
    /// The reports of a JSON Lines file, read as `analyze` reads them.
    pub fn read(path: &Path) -> anyhow::Result<Blockable> {
        let loaded = input::read_for_analysis(path, None)?;
        Ok(Blockable { names: loaded.facts.into_iter().map(|f| f.name).collect(), features: loaded.features })
    }
}

/// Scores an analysis against the truth; with the reports, also blocking completeness.
pub fn evaluate(truth: &Truth, analysis: &Analysis, reports: Option<Blockable>) -> Evaluation {
    let incidents: Vec<Vec<String>> = analysis.incidents.iter().map(|i| i.reports.clone()).collect();
    let series: Vec<Vec<String>> = analysis.series.iter().map(|s| s.reports.clone()).collect();
    let mut inc = score_groups(&truth.reports, &truth.incidents, &incidents);
    let mut ser = score_groups(&truth.reports, &truth.series, &series);
    if let Some(Blockable { names, features }) = reports {
        let corpus = Corpus::new(features);
        let settings = Settings::default();
        let index = BlockIndex::build(&corpus, settings.blocking);
        let is_candidate = |a: u32, b: u32| index.is_candidate(a as usize, b as usize);
        inc.blocking_pair_completeness = Some(pair_completeness_by(&names, &truth.incidents, is_candidate));
        ser.blocking_pair_completeness = Some(pair_completeness_by(&names, &truth.series, is_candidate));
    }
    Evaluation { reports: truth.reports.len(), incidents: inc, series: ser }
}

pub(super) fn print_scores(name: &str, s: &Scores) {
    println!(
        "{name:<10} pairwise P {:.3} R {:.3} F1 {:.3} | B-cubed P {:.3} R {:.3} F1 {:.3} | ARI {:.3} | blocking completeness {} | groups {} true, {} predicted; largest {} true, {} predicted",
        s.pairwise.precision,
        s.pairwise.recall,
        s.pairwise.f1,
        s.bcubed.precision,
        s.bcubed.recall,
        s.bcubed.f1,
        s.adjusted_rand_index,
        s.blocking_pair_completeness.map_or_else(|| "not measured (give --input)".to_owned(), |c| format!("{c:.4}")),
        s.true_groups,
        s.predicted_groups,
        s.largest_true,
        s.largest_predicted
    );
}

/// Runs `patterns eval`.
pub(super) fn run(args: &EvalArgs) -> anyhow::Result<()> {
    let truth: Truth = read_json(&args.truth)?;
    let result: Analysis = read_json(&args.analysis)?;
    let reports = args.input.as_deref().map(Blockable::read).transpose()?;
    let evaluation = evaluate(&truth, &result, reports);
    if args.json {
        println!("{}", serde_json::to_string(&evaluation)?);
    } else {
        println!("{} reports", evaluation.reports);
        print_scores("incidents", &evaluation.incidents);
        print_scores("series", &evaluation.series);
    }
    Ok(())
}
