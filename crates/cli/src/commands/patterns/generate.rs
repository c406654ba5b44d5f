//! `shieldcheck patterns generate`: synthetic reports (JSON Lines) with their ground truth,
//! the incidents and series planted in them, for evaluating and benchmarking the analysis.
//! The difficulty knobs are shared with `patterns bench`.

use std::path::PathBuf;

use clap::Args;
use shieldcheck_patterns::generate::{GenerateSettings, generate};

use super::write_atomically;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    #[arg(long)]
    reports: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    truth: PathBuf,
    #[command(flatten)]
    knobs: Knobs,
}

/// The generator's difficulty knobs.
#[derive(Debug, Args, Clone)]
pub struct Knobs {
    /// 0 (clean) to 1 (many omissions, misspellings, noise).
    #[arg(long, default_value_t = 0.5)]
    pub(super) difficulty: f64,
    /// Share of reports about planted crews.
    #[arg(long, default_value_t = 0.45)]
    crew_share: f64,
    /// Share of copycat reports.
    #[arg(long, default_value_t = 0.05)]
    copycat_share: f64,
    /// Chance of a second (and third) witness of an event.
    #[arg(long, default_value_t = 0.3)]
    duplicate_rate: f64,
}

impl Knobs {
    pub(super) fn settings(&self, reports: usize, seed: u64) -> GenerateSettings {
        GenerateSettings {
            reports,
            seed,
            difficulty: self.difficulty,
            crew_share: self.crew_share,
            copycat_share: self.copycat_share,
            duplicate_rate: self.duplicate_rate,
        }
    }
}

/// Runs `patterns generate`.
pub(super) fn run(args: &GenerateArgs) -> anyhow::Result<()> {
    let (reports, truth) = generate(&args.knobs.settings(args.reports, args.seed));
    write_atomically(&args.out, |out| {
        for r in &reports {
            writeln!(out, "{}", r.to_json_line())?;
        }
        Ok(())
    })?;
    write_atomically(&args.truth, |out| {
        serde_json::to_writer(&mut *out, &truth)?;
        writeln!(out)
    })?;
    eprintln!(
        "wrote {} reports to {} and the truth ({} incidents, {} series) to {}",
        reports.len(),
        args.out.display(),
        truth.incidents.len(),
        truth.series.len(),
        args.truth.display()
    );
    Ok(())
}
