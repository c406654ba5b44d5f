//! `shieldcheck patterns analyze`: incidents, series and roster findings in reports read from
//! a JSON Lines file, or with `--identity` in the stored reports, decrypted (every one counted as
//! opened, the analysis audited), written as JSON or HTML.

use std::io::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use shieldcheck_claim::roster::parse_roster;
use shieldcheck_nypd::registry::Registry;
use shieldcheck_patterns::findings::RosterIndex;
use shieldcheck_patterns::output::analysis_of;
use shieldcheck_patterns::{Engine, html};
use shieldcheck_report::{Report, civil_from_days};
use shieldcheck_service::settings::Settings;

use super::input::{self, BATCH, Loaded};
use super::{Bar, EngineArgs, write_atomically};
use crate::commands::reports;
use crate::store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Html,
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

/// Runs `patterns analyze --identity`: the stored reports, decrypted one by one and audited
/// as opened, analysed like a file.
pub(super) async fn run_stored(
    args: &AnalyzeArgs,
    database_url: Option<&str>,
    settings: &Settings,
) -> anyhow::Result<()> {
    let store = store::open(database_url, settings).await?;
    let identity = args.identity.as_deref().context("--identity")?;
    let mut analysis = StoredAnalysis::new(args, store.roster().await?)?;
    let to = analysis_destination(args);
    reports::decrypt_for_analysis(store.as_ref(), identity, &to, |report| analysis.add(report)).await?;
    tokio::task::block_in_place(|| analysis.finish())
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

/// Runs `patterns analyze --input`.
pub(super) fn run(args: &AnalyzeArgs) -> anyhow::Result<()> {
    let roster = roster_file(args)?;
    let started = Instant::now();
    let loaded = input::read_for_analysis(args.engine.input()?, roster.as_ref())?;
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
