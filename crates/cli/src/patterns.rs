//! `shieldcheck patterns …`: generate synthetic reports with ground truth, analyse reports
//! into incidents, series and roster findings (`docs/contracts/patterns-v1.md`), evaluate an
//! analysis, query one report's candidates, and measure the engine at scale.

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Args, Subcommand, ValueEnum};
use shieldcheck_claim::roster::parse_roster;
use shieldcheck_nypd::registry::Registry;
use shieldcheck_patterns::blocking::BlockIndex;
use shieldcheck_patterns::eval::{Evaluation, Scores, Truth, pair_completeness_by, score_groups};
use shieldcheck_patterns::features::Features;
use shieldcheck_patterns::findings::{RosterFinding, RosterIndex, roster_findings};
use shieldcheck_patterns::generate::{GenerateSettings, generate};
use shieldcheck_patterns::output::{Analysis, ReportFacts, analysis, analysis_of, report_names};
use shieldcheck_patterns::scoring::Corpus;
use shieldcheck_patterns::{Engine, Progress, Settings, html, map_on_cores};
use shieldcheck_report::{Report, civil_from_days};

#[derive(Debug, Subcommand)]
pub enum PatternsCommand {
    /// Write synthetic reports (JSON Lines) and their ground truth.
    Generate(GenerateArgs),
    /// Find incidents, series and roster findings in reports.
    Analyze(AnalyzeArgs),
    /// Compare an analysis with ground truth.
    Eval(EvalArgs),
    /// One report in, its most likely linked reports out, ranked and explained.
    Seed(SeedArgs),
    /// Generate, analyse and evaluate in memory, timing each step (for benchmarks).
    Bench(BenchArgs),
}

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
    difficulty: f64,
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
    fn settings(&self, reports: usize, seed: u64) -> GenerateSettings {
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Html,
}

#[derive(Debug, Args)]
pub struct EngineArgs {
    /// Reports as JSON Lines (docs/contracts/report-v1.md).
    #[arg(long)]
    input: Option<PathBuf>,
    /// The least score of a link [default: where EM makes a pair as likely linked as not].
    #[arg(long)]
    link_threshold: Option<f64>,
    /// The largest series.
    #[arg(long, default_value_t = 60)]
    max_series_size: usize,
}

impl EngineArgs {
    fn input(&self) -> anyhow::Result<&Path> {
        self.input.as_deref().context("give the reports with --input FILE.jsonl")
    }

    fn settings(&self) -> Settings {
        Settings { link_threshold: self.link_threshold, max_series_size: self.max_series_size, ..Settings::default() }
    }
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    #[command(flatten)]
    engine: EngineArgs,
    /// Analyse the stored reports, decrypted with this case-team identity file (instead of
    /// `--input`). Every report is counted as opened and the analysis is audited.
    #[arg(long, conflicts_with = "input", required_unless_present = "input")]
    pub identity: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write here instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
    /// A roster CSV (docs/contracts/roster-v1.md) for the identity findings; with `--identity` the
    /// database's roster is used when this is not given; without any, only units are checked
    /// (against the command registry).
    #[arg(long)]
    roster: Option<PathBuf>,
    /// The `generated_at` to write (RFC 3339), instead of the clock: for reproducible output.
    #[arg(long)]
    now: Option<String>,
}

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

#[derive(Debug, Args)]
pub struct SeedArgs {
    #[command(flatten)]
    engine: EngineArgs,
    /// The seed report's `ref` (or `#N` for line N).
    #[arg(long)]
    report: String,
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    reports: usize,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[command(flatten)]
    knobs: Knobs,
    /// Seed queries and placements to time.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

pub fn run(command: &PatternsCommand) -> anyhow::Result<ExitCode> {
    match command {
        PatternsCommand::Generate(args) => generate_cmd(args),
        PatternsCommand::Analyze(args) => analyze_cmd(args),
        PatternsCommand::Eval(args) => eval_cmd(args),
        PatternsCommand::Seed(args) => seed_cmd(args),
        PatternsCommand::Bench(args) => bench_cmd(args),
    }
    .map(|()| ExitCode::SUCCESS)
}

/// A progress bar on standard error (hidden when it is not a terminal).
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::new(0);
        let style = indicatif::ProgressStyle::with_template("{msg:>20} [{bar:30}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        Bar(bar)
    }
}

impl Progress for Bar {
    fn stage(&mut self, name: &'static str, total: u64) {
        self.0.set_message(name);
        self.0.set_length(total);
        self.0.set_position(0);
    }

    fn advance(&mut self, done: u64) {
        self.0.set_position(done);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

/// Writes beside the target and renames, so a failed write never leaves half a file.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let tmp = path.with_extension("partial");
    let file = std::fs::File::create(&tmp).with_context(|| format!("could not create {}", tmp.display()))?;
    let mut out = std::io::BufWriter::new(file);
    write(&mut out).with_context(|| format!("could not write {}", tmp.display()))?;
    out.flush()?;
    drop(out);
    std::fs::rename(&tmp, path).with_context(|| format!("could not write {}", path.display()))?;
    Ok(())
}

fn generate_cmd(args: &GenerateArgs) -> anyhow::Result<()> {
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

/// Reads reports from JSON Lines. A line that fails validation is reported with its number
/// and left out; the other lines are read.
pub fn read_reports(path: &Path) -> anyhow::Result<Vec<Report>> {
    let mut reports = Vec::new();
    for_each_batch(path, |batch| reports.extend(batch))?;
    Ok(reports)
}

/// Lines read and parsed at a time. Parsing (and, for an analysis, making features) runs on
/// every core over one batch, and no more than a batch of parsed reports is held.
const BATCH: usize = 8_192;

/// Parses the reports of a JSON Lines file on every core, a batch of lines at a time, and
/// hands each batch of reports to `take`, in the file's order (a line that fails validation
/// is reported with its number and left out).
fn for_each_batch(path: &Path, mut take: impl FnMut(Vec<Report>)) -> anyhow::Result<()> {
    let file = std::fs::File::open(path).with_context(|| format!("could not open {}", path.display()))?;
    let mut refused = 0usize;
    let mut lines = std::io::BufReader::new(file).lines().enumerate();
    loop {
        let mut batch: Vec<(usize, String)> = Vec::with_capacity(BATCH);
        for (i, line) in lines.by_ref() {
            let line = line.with_context(|| format!("could not read {} line {}", path.display(), i + 1))?;
            if line.trim().is_empty() {
                continue;
            }
            batch.push((i, line));
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        let parsed = map_on_cores(&batch, |_, (_, line)| Report::from_json(line.as_bytes()));
        let mut reports = Vec::with_capacity(parsed.len());
        for ((i, _), result) in batch.iter().zip(parsed) {
            match result {
                Ok(r) => reports.push(r),
                Err(e) => {
                    refused += 1;
                    if refused <= 20 {
                        eprintln!("{} line {}: {e}", path.display(), i + 1);
                    }
                }
            }
        }
        drop(batch);
        take(reports);
    }
    if refused > 0 {
        eprintln!("{refused} lines of {} were refused and left out", path.display());
    }
    Ok(())
}

/// What an analysis keeps of each report read: its features, its facts and its roster
/// findings. The parsed reports are dropped batch by batch: a million of them would hold more
/// memory than the engine does.
#[derive(Default)]
struct Loaded {
    features: Vec<Features>,
    facts: Vec<ReportFacts>,
    findings: Vec<RosterFinding>,
}

impl Loaded {
    /// Keeps what the analysis needs of the next reports, worked out on every core.
    fn add(&mut self, reports: &[Report], roster: Option<&RosterIndex>) {
        let registry = Registry::nypd();
        let first = self.facts.len();
        let kept = map_on_cores(reports, |k, report| {
            let features = Features::of(report, registry);
            let facts = ReportFacts::of(report, first + k);
            let findings =
                roster_findings(std::slice::from_ref(report), std::slice::from_ref(&facts.name), registry, roster);
            (features, facts, findings)
        });
        for (features, facts, findings) in kept {
            self.features.push(features);
            self.facts.push(facts);
            self.findings.extend(findings);
        }
    }
}

fn read_for_analysis(path: &Path, roster: Option<&RosterIndex>) -> anyhow::Result<Loaded> {
    let mut read = Loaded::default();
    for_each_batch(path, |batch| read.add(&batch, roster))?;
    Ok(read)
}

/// The current time as RFC 3339 in UTC.
fn now_utc() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let t = secs.rem_euclid(86_400);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", t / 3_600, t % 3_600 / 60, t % 60)
}

/// The roster CSV of `--roster`, if given.
fn roster_file(args: &AnalyzeArgs) -> anyhow::Result<Option<RosterIndex>> {
    let Some(path) = &args.roster else { return Ok(None) };
    let bytes = std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    let members = parse_roster(&bytes, Registry::nypd()).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(Some(RosterIndex::new(&members)))
}

fn analyze_cmd(args: &AnalyzeArgs) -> anyhow::Result<()> {
    let roster = roster_file(args)?;
    let started = Instant::now();
    let loaded = read_for_analysis(args.engine.input()?, roster.as_ref())?;
    write_analysis(args, loaded, started)
}

/// Where `patterns analyze` writes, for the audit trail.
pub fn analysis_destination(args: &AnalyzeArgs) -> String {
    args.out.as_ref().map_or_else(|| "standard output".to_owned(), |p| p.display().to_string())
}

/// `patterns analyze --identity`: the decrypted stored reports are added one by one (each kept
/// only as what the analysis needs, like a file read with `--input`), then analysed. The roster
/// for the findings is `--roster` when given, else the database's, else none: units are still
/// checked against the registry.
pub struct StoredAnalysis<'a> {
    args: &'a AnalyzeArgs,
    roster: Option<RosterIndex>,
    loaded: Loaded,
    /// Decrypted reports not yet added: they are added a batch at a time, on every core.
    pending: Vec<Report>,
    started: Instant,
}

impl std::fmt::Debug for StoredAnalysis<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredAnalysis")
            .field("reports", &(self.loaded.facts.len() + self.pending.len()))
            .field("roster", &self.roster.is_some())
            .finish_non_exhaustive()
    }
}

impl<'a> StoredAnalysis<'a> {
    pub fn new(
        args: &'a AnalyzeArgs,
        stored_roster: Vec<shieldcheck_claim::roster::RosterMember>,
    ) -> anyhow::Result<StoredAnalysis<'a>> {
        let roster = match roster_file(args)? {
            Some(roster) => Some(roster),
            None => (!stored_roster.is_empty()).then(|| RosterIndex::new(&stored_roster)),
        };
        Ok(StoredAnalysis {
            args,
            roster,
            loaded: Loaded::default(),
            pending: Vec::with_capacity(BATCH),
            started: Instant::now(),
        })
    }

    pub fn add(&mut self, report: Report) {
        self.pending.push(report);
        if self.pending.len() >= BATCH {
            self.add_pending();
        }
    }

    fn add_pending(&mut self) {
        self.loaded.add(&self.pending, self.roster.as_ref());
        self.pending.clear();
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        self.add_pending();
        write_analysis(self.args, self.loaded, self.started)
    }
}

/// Runs the engine over what was loaded and writes the analysis where `args` say.
fn write_analysis(args: &AnalyzeArgs, loaded: Loaded, started: Instant) -> anyhow::Result<()> {
    let Loaded { features, facts, findings } = loaded;
    let engine = {
        let mut bar = Bar::new();
        Engine::from_features(features, &args.engine.settings(), &mut bar)
    };
    let now = args.now.clone().unwrap_or_else(now_utc);
    let result = analysis_of(&engine, &facts, findings, &now);
    eprintln!(
        "{} reports, {} candidate pairs, {} incidents, {} series in {:.1} s",
        facts.len(),
        engine.candidate_pairs,
        result.incidents.len(),
        result.series.len(),
        started.elapsed().as_secs_f64()
    );
    // Written as it is serialised: the text of a million reports' analysis need not be held.
    let write = |out: &mut dyn std::io::Write| -> std::io::Result<()> {
        match args.format {
            Format::Json => {
                serde_json::to_writer_pretty(&mut *out, &result)?;
                writeln!(out)
            }
            Format::Html => {
                let names: Vec<String> = facts.iter().map(|f| f.name.clone()).collect();
                out.write_all(html::render(&result, &engine, &names).as_bytes())
            }
        }
    };
    match &args.out {
        Some(path) => write_atomically(path, write)?,
        None => {
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            write(&mut out as &mut dyn std::io::Write)?;
            out.flush()?;
        }
    }
    Ok(())
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let bytes = std::fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
    serde_json::from_slice(&bytes).with_context(|| format!("{} is not what was expected", path.display()))
}

/// Scores an analysis against the truth; with the reports, also blocking completeness.
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
        let loaded = read_for_analysis(path, None)?;
        Ok(Blockable { names: loaded.facts.into_iter().map(|f| f.name).collect(), features: loaded.features })
    }
}

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

fn print_scores(name: &str, s: &Scores) {
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

fn eval_cmd(args: &EvalArgs) -> anyhow::Result<()> {
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

fn seed_cmd(args: &SeedArgs) -> anyhow::Result<()> {
    let input = args.engine.input()?;
    let reports = read_reports(input)?;
    let names = report_names(&reports);
    let seed = names
        .iter()
        .position(|n| *n == args.report)
        .with_context(|| format!("no report {} in {}", args.report, input.display()))?;
    let engine = {
        let mut bar = Bar::new();
        Engine::build(&reports, &args.engine.settings(), &mut bar)
    };
    let started = Instant::now();
    let top = engine.seed(seed, args.top);
    let micros = started.elapsed().as_micros();
    if args.json {
        let candidates: Vec<serde_json::Value> = top
            .iter()
            .map(|c| {
                serde_json::json!({
                    "report": names[c.report],
                    "score": (c.score * 1000.0).round() / 1000.0,
                    "linked": c.score >= engine.threshold,
                    "evidence": c.weights.iter().map(|(f, w)| serde_json::json!({"field": f, "weight": (w * 1000.0).round() / 1000.0})).collect::<Vec<_>>(),
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({ "seed": names[seed], "link_threshold": engine.threshold, "candidates": candidates, "query_microseconds": micros })
        );
    } else {
        println!(
            "{} candidates for {} (link threshold {:.2}; query {micros} µs):",
            top.len(),
            names[seed],
            engine.threshold
        );
        for c in &top {
            let why: Vec<String> = c.weights.iter().take(6).map(|(f, w)| format!("{f} {w:+.1}")).collect();
            println!("  {:<14} {:>6.1}  {}", names[c.report], c.score, why.join(", "));
        }
    }
    Ok(())
}

/// Peak resident memory of this process in bytes, where the system says (Linux).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn bench_cmd(args: &BenchArgs) -> anyhow::Result<()> {
    let t = Instant::now();
    let (reports, truth) = generate(&args.knobs.settings(args.reports, args.seed));
    let generate_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let engine = {
        let mut bar = Bar::new();
        Engine::build(&reports, &Settings::default(), &mut bar)
    };
    let build_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let result = analysis(&engine, &reports, None, "2026-01-01T00:00:00Z");
    let output_s = t.elapsed().as_secs_f64();
    let names = report_names(&reports);
    let is_candidate = |a: u32, b: u32| engine.index.is_candidate(a as usize, b as usize);
    let evaluation = {
        let incidents: Vec<Vec<String>> = result.incidents.iter().map(|i| i.reports.clone()).collect();
        let series: Vec<Vec<String>> = result.series.iter().map(|s| s.reports.clone()).collect();
        let mut inc = score_groups(&truth.reports, &truth.incidents, &incidents);
        let mut ser = score_groups(&truth.reports, &truth.series, &series);
        inc.blocking_pair_completeness = Some(pair_completeness_by(&names, &truth.incidents, is_candidate));
        ser.blocking_pair_completeness = Some(pair_completeness_by(&names, &truth.series, is_candidate));
        Evaluation { reports: reports.len(), incidents: inc, series: ser }
    };
    // Seed queries and placements of reports already present, spread over the collection.
    let step = (reports.len() / args.queries.max(1)).max(1);
    let picks: Vec<usize> = (0..reports.len()).step_by(step).take(args.queries).collect();
    let mut seed_ms = Vec::new();
    let mut place_ms = Vec::new();
    for &i in &picks {
        let t = Instant::now();
        let _ = engine.seed(i, 10);
        seed_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let _ = engine.place(&reports[i]);
        place_ms.push(t.elapsed().as_secs_f64() * 1e3);
    }
    let pct = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(f64::total_cmp);
        v.get(((v.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0)
    };
    let summary = serde_json::json!({
        "reports": reports.len(),
        "seed": args.seed,
        "difficulty": args.knobs.difficulty,
        "candidate_pairs": engine.candidate_pairs,
        "link_threshold": engine.threshold,
        "em_lambda": engine.model.lambda,
        "seconds": { "generate": generate_s, "analyze": build_s + output_s, "build": build_s, "output": output_s },
        "peak_memory_bytes": peak_memory(),
        "seed_query_ms": { "p50": pct(&mut seed_ms, 0.5), "p99": pct(&mut seed_ms, 0.99), "max": pct(&mut seed_ms, 1.0) },
        "place_ms": { "p50": pct(&mut place_ms, 0.5), "p99": pct(&mut place_ms, 0.99), "max": pct(&mut place_ms, 1.0) },
        "evaluation": evaluation,
    });
    if args.json {
        println!("{summary}");
    } else {
        println!(
            "{} reports: analysis {:.1} s (engine {:.1} s, output {:.1} s), {} candidate pairs, peak memory {}",
            reports.len(),
            build_s + output_s,
            build_s,
            output_s,
            engine.candidate_pairs,
            peak_memory().map_or_else(|| "unknown".to_owned(), |b| format!("{:.2} GB", b as f64 / 1e9))
        );
        println!(
            "seed query p50 {:.2} ms, max {:.2} ms; placing a report p50 {:.2} ms, max {:.2} ms",
            summary["seed_query_ms"]["p50"],
            summary["seed_query_ms"]["max"],
            summary["place_ms"]["p50"],
            summary["place_ms"]["max"]
        );
        print_scores("incidents", &evaluation.incidents);
        print_scores("series", &evaluation.series);
    }
    Ok(())
}
