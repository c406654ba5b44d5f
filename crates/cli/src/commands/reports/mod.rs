//! `shieldcheck reports …`: confidential reports. `import` and `export` move them in and out in
//! bulk; `list`, `show`, `status`, `reply`, `disclose` and `purge` are the case team's
//! follow-up and retention (casework). Every decryption and disclosure is in the audit trail.

use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand};
use shieldcheck_casefile::sealed_report::ReportStatus;
use shieldcheck_service::settings::Settings;

use crate::store;

pub mod casework;
pub mod export;
pub mod import;

use casework::ReportSelector;
pub use export::decrypt_for_analysis;
/// `reports import` as a function, for the import benchmark.
pub use import::import;

#[derive(Debug, Subcommand)]
pub enum ReportsCommand {
    /// Import reports from a JSON Lines file (docs/contracts/report-v1.md), sealed as they go in.
    /// Valid lines import even when others are refused (each refusal is reported with its line
    /// number); a (source, ref) already stored is skipped, so importing again is harmless.
    /// Exits non-zero when any line was refused.
    Import(import::ImportArgs),
    /// Export every report: decrypted with a team identity as JSON Lines, or, with --sealed,
    /// still sealed as a tar of age files with a manifest. Recorded in the audit trail.
    Export(export::ExportArgs),
    /// List reports by id with what is in the clear (status, counts, entries); decrypts nothing.
    List(casework::ListArgs),
    /// Decrypt one report with its addenda and messages. Counted as an opening (the reporter
    /// sees how many) and recorded in the audit trail before anything is decrypted.
    Show(casework::ShowArgs),
    /// Set a report's status (new, open, closed); recorded in the audit trail. Retention
    /// counts from the change.
    Status(casework::StatusArgs),
    /// Write to the reporter: sealed to the reporter's key (derived from the receipt) and the
    /// team keys; the reporter reads it on /followup. Recorded in the audit trail.
    Reply(casework::ReplyArgs),
    /// Record that content of a report left the City: to whom and why go to the audit trail;
    /// the reporter sees that it happened.
    Disclose(casework::DiscloseArgs),
    /// Delete the reports past the retention periods of the settings ([retention]), with their
    /// addenda and messages, unrecoverably; recorded in the audit trail with the counts.
    Purge(casework::PurgeArgs),
}

/// Which report: by id (`reports list`) or by the sender's ref.
#[derive(Debug, Args)]
pub struct ReportArg {
    /// The report's id.
    #[arg(long, required_unless_present = "reference", conflicts_with = "reference")]
    id: Option<i64>,
    /// The ref the sender gave it.
    #[arg(long = "ref", id = "reference")]
    reference: Option<String>,
}

impl ReportArg {
    fn selector(&self) -> ReportSelector {
        match (&self.id, &self.reference) {
            (Some(id), _) => ReportSelector::Id(*id),
            (None, Some(reference)) => ReportSelector::Ref(reference.clone()),
            // clap requires one of them.
            (None, None) => ReportSelector::Id(0),
        }
    }
}

/// Runs a `reports` subcommand.
pub async fn run(
    command: &ReportsCommand,
    database_url: Option<&str>,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let store = store::open(database_url, settings).await?;
    let store = store.as_ref();
    match command {
        ReportsCommand::Import(args) => return import::run(store, args).await,
        ReportsCommand::Export(args) => export::run(store, args).await?,
        ReportsCommand::List(args) => {
            let status = match &args.status {
                Some(s) => Some(
                    ReportStatus::parse(s)
                        .with_context(|| format!("unknown status {s:?}; one of new, open, closed"))?,
                ),
                None => None,
            };
            casework::list(store, status, args.json).await?;
        }
        ReportsCommand::Show(args) => casework::show(store, &args.identity, &args.report.selector(), args.json).await?,
        ReportsCommand::Status(args) => casework::set_status(store, &args.report.selector(), &args.set).await?,
        ReportsCommand::Reply(args) => {
            let max = settings.followup.max_entries_per_report;
            casework::reply(store, &args.report.selector(), &args.message, max).await?;
        }
        ReportsCommand::Disclose(args) => {
            casework::disclose(store, &args.report.selector(), &args.to, &args.reason).await?;
        }
        ReportsCommand::Purge(args) => {
            casework::purge(store, &settings.retention.policy(), args.dry_run, args.json).await?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
