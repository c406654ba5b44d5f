//! `shieldcheck patterns …`: generate synthetic reports with ground truth, analyse reports
//! into incidents, series and roster findings (`docs/contracts/patterns-v1.md`), evaluate an
//! analysis, query one report's candidates, and measure the engine at scale. This file holds
//! the subcommands, the engine options they share, the progress bar and atomic writes; each
//! subcommand has a file of its own.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use shieldcheck_patterns::{Progress, Settings};

pub mod analyze;
pub mod bench;
pub mod eval;
pub mod generate;
pub mod input;
pub mod seed;

#[derive(Debug, Subcommand)]
pub enum PatternsCommand {
    /// Write synthetic reports (JSON Lines) and their ground truth.
    Generate(generate::GenerateArgs),
    /// Find incidents, series and roster findings in reports.
    Analyze(analyze::AnalyzeArgs),
    /// Compare an analysis with ground truth.
    Eval(eval::EvalArgs),
    /// One report in, its most likely linked reports out, ranked and explained.
    Seed(seed::SeedArgs),
    /// Generate, analyse and evaluate in memory, timing each step (for benchmarks).
    Bench(bench::BenchArgs),
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

/// Runs a `patterns` subcommand. Only `analyze --identity` opens the database (with the
/// settings' connection limits), to decrypt the stored reports.
pub async fn run(
    command: &PatternsCommand,
    database_url: Option<&str>,
    settings: &shieldcheck_service::settings::Settings,
) -> anyhow::Result<ExitCode> {
    match command {
        PatternsCommand::Generate(args) => generate::run(args),
        PatternsCommand::Analyze(args) if args.identity.is_some() => {
            analyze::run_stored(args, database_url, settings).await
        }
        PatternsCommand::Analyze(args) => analyze::run(args),
        PatternsCommand::Eval(args) => eval::run(args),
        PatternsCommand::Seed(args) => seed::run(args),
        PatternsCommand::Bench(args) => bench::run(args),
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
