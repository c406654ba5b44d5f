//! The case team's side of follow-up, on the command line until the web workspace exists:
//! `reports list|show|status|reply|disclose|purge`. Every decryption and every disclosure is an
//! event in the audit chain, written (with the report's counter) before anything is shown, and
//! it is what the reporter sees through the receipt: how often the report was opened, whether
//! anything left the City. Audit details name reports by id, never their content.

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;
use shieldcheck_casefile::followup::{
    Author, EntryKind, NewEntry, ReportAccess, ReportState, RetentionPolicy, seal_entry, validate_entry_text,
};
use shieldcheck_casefile::sealed_report::{ReportStatus, TeamIdentity, TeamKeys};
use shieldcheck_service::clock::now;
use shieldcheck_store::Store;

use super::ReportArg;
use crate::audit::event;

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only reports with this status (new, open, closed).
    #[arg(long)]
    pub(super) status: Option<String>,
    /// One JSON object per line instead of text.
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// A case-team identity file (from `team-keys init` or `age-keygen`).
    #[arg(long)]
    pub(super) identity: PathBuf,
    #[command(flatten)]
    pub(super) report: ReportArg,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(super) json: bool,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub(super) report: ReportArg,
    /// new, open or closed.
    #[arg(long)]
    pub(super) set: String,
}

#[derive(Debug, Args)]
pub struct ReplyArgs {
    #[command(flatten)]
    pub(super) report: ReportArg,
    #[arg(long)]
    pub(super) message: String,
}

#[derive(Debug, Args)]
pub struct DiscloseArgs {
    #[command(flatten)]
    pub(super) report: ReportArg,
    /// Who received it.
    #[arg(long)]
    pub(super) to: String,
    /// Why (the request, the law that allowed it).
    #[arg(long)]
    pub(super) reason: String,
}

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Only count what would be purged.
    #[arg(long)]
    pub(super) dry_run: bool,
    /// Print one JSON object instead of text.
    #[arg(long)]
    pub(super) json: bool,
}

/// Which report a command is about: its id (as `reports list` shows), or the sender's `ref`.
#[derive(Debug, Clone)]
pub enum ReportSelector {
    Id(i64),
    Ref(String),
}

/// The one report `selector` names.
async fn find(store: &dyn Store, selector: &ReportSelector) -> anyhow::Result<ReportState> {
    match selector {
        ReportSelector::Id(id) => store.report_state(*id).await?.with_context(|| format!("there is no report {id}")),
        ReportSelector::Ref(reference) => {
            let mut found = store.report_states_by_ref(reference).await?;
            match found.len() {
                0 => anyhow::bail!("no report has the ref {reference:?}"),
                1 => Ok(found.remove(0)),
                n => anyhow::bail!(
                    "{n} reports (from different sources) have the ref {reference:?}: name one with --id ({})",
                    found.iter().map(|s| s.id.to_string()).collect::<Vec<_>>().join(", ")
                ),
            }
        }
    }
}

fn read_identity(path: &Path) -> anyhow::Result<TeamIdentity> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("could not read the identity file {}", path.display()))?;
    Ok(TeamIdentity::from_file_text(&text)?)
}

/// One line of `reports list`: only what is in the clear.
#[derive(Debug, Serialize)]
struct ListedReport<'a> {
    id: i64,
    source: &'static str,
    #[serde(rename = "ref")]
    reference: Option<&'a str>,
    submitted_hour: String,
    status: &'static str,
    status_since: String,
    opened: u64,
    disclosed: u64,
    entries: u64,
    last_reporter_activity: Option<String>,
    replies_possible: bool,
}

impl<'a> From<&'a ReportState> for ListedReport<'a> {
    fn from(s: &'a ReportState) -> Self {
        ListedReport {
            id: s.id,
            source: s.source.as_str(),
            reference: s.reference.as_deref(),
            submitted_hour: s.submitted_hour.to_string(),
            status: s.status.as_str(),
            status_since: s.status_hour.to_string(),
            opened: s.opened,
            disclosed: s.disclosed,
            entries: s.entries,
            last_reporter_activity: s.reporter_activity_hour.map(|h| h.to_string()),
            replies_possible: s.reporter_recipient.is_some(),
        }
    }
}

/// `reports list [--status S] [--json]`: the reports' clear metadata, by id. Nothing is
/// decrypted, so nothing is audited.
pub async fn list(store: &dyn Store, status: Option<ReportStatus>, json: bool) -> anyhow::Result<()> {
    let mut after = 0;
    let mut stdout = std::io::stdout().lock();
    loop {
        let page = store.report_states_after(after, 1_000, status).await?;
        let Some(last) = page.last() else { break };
        after = last.id;
        for state in &page {
            let listed = ListedReport::from(state);
            if json {
                use std::io::Write as _;
                writeln!(stdout, "{}", serde_json::to_string(&listed)?)?;
            } else {
                use std::io::Write as _;
                writeln!(
                    stdout,
                    "{:>6}  {:<8} {:<7} since {}  opened {}  disclosed {}  entries {}{}",
                    listed.id,
                    listed.source,
                    listed.status,
                    listed.status_since,
                    listed.opened,
                    listed.disclosed,
                    listed.entries,
                    listed.reference.map(|r| format!("  ref {r}")).unwrap_or_default()
                )?;
            }
        }
    }
    Ok(())
}

/// `reports show --identity FILE (--id N | --ref REF) [--json]`: the report decrypted with its
/// addenda and messages. Counted and audited as an opening before anything is decrypted.
pub async fn show(store: &dyn Store, identity: &Path, selector: &ReportSelector, json: bool) -> anyhow::Result<()> {
    let identity = read_identity(identity)?;
    let state = find(store, selector).await?;
    let detail = serde_json::json!({ "report": state.id, "identity": identity.public_keys() });
    let counted = store
        .record_report_access(Some(state.id), i64::MAX, ReportAccess::Opened, &event("reports.open", detail))
        .await?;
    anyhow::ensure!(counted == 1, "report {} was purged meanwhile", state.id);
    let sealed =
        store.report_by_id(state.id).await?.with_context(|| format!("report {} was purged meanwhile", state.id))?;
    let report = identity
        .open_report(&sealed)
        .with_context(|| format!("report {} (sealed to key set {}) could not be opened", sealed.id, sealed.key_id))?;
    let entries = store.report_entries(state.id).await?;
    let opened: Vec<(String, String, String, anyhow::Result<String>)> = entries
        .iter()
        .map(|e| {
            let text = identity.open_entry(e).map_err(anyhow::Error::from);
            (e.author.as_str().to_owned(), e.kind.as_str().to_owned(), e.created_hour.to_string(), text)
        })
        .collect();
    if json {
        let entries: Vec<serde_json::Value> = opened
            .iter()
            .map(|(from, kind, at, text)| {
                serde_json::json!({
                    "from": from, "kind": kind, "at": at,
                    "text": text.as_ref().ok(),
                    "error": text.as_ref().err().map(|e| e.to_string()),
                })
            })
            .collect();
        let report: serde_json::Value = serde_json::from_str(&report.to_json_line())?;
        let mut listed = serde_json::to_value(ListedReport::from(&state))?;
        if let Some(object) = listed.as_object_mut() {
            // This opening counts too.
            object.insert("opened".into(), serde_json::Value::from(state.opened + 1));
        }
        println!("{}", serde_json::json!({ "report": listed, "content": report, "entries": entries }));
    } else {
        println!(
            "report {}  source {}  status {} since {}  opened {} times (this one included)  disclosed {} times",
            state.id,
            state.source.as_str(),
            state.status.as_str(),
            state.status_hour,
            state.opened + 1,
            state.disclosed
        );
        if state.reporter_recipient.is_none() {
            println!("(no reporter key: replies through the receipt are not possible for this report)");
        }
        println!("{}", report.to_json_line());
        for (from, kind, at, text) in &opened {
            match text {
                Ok(text) => println!("--- {at} {from} ({kind})\n{text}"),
                Err(e) => println!("--- {at} {from} ({kind}): could not be opened: {e}"),
            }
        }
    }
    Ok(())
}

/// `reports status (--id N | --ref REF) --set new|open|closed`: audited; retention counts from
/// the hour of the change.
pub async fn set_status(store: &dyn Store, selector: &ReportSelector, status: &str) -> anyhow::Result<()> {
    let status =
        ReportStatus::parse(status).with_context(|| format!("unknown status {status:?}; one of new, open, closed"))?;
    let state = find(store, selector).await?;
    let detail = serde_json::json!({ "report": state.id, "from": state.status.as_str(), "to": status.as_str() });
    let previous = store
        .set_report_status(state.id, status, now().hour(), &event("reports.status", detail))
        .await?
        .with_context(|| format!("report {} was purged meanwhile", state.id))?;
    println!("report {}: {} -> {}", state.id, previous.as_str(), status.as_str());
    Ok(())
}

/// `reports reply (--id N | --ref REF) --message TEXT`: a message to the reporter, sealed to
/// the reporter's key and the team keys; the reporter reads it with the receipt. Refused for
/// reports without a reporter key.
pub async fn reply(
    store: &dyn Store,
    selector: &ReportSelector,
    message: &str,
    max_entries: u64,
) -> anyhow::Result<()> {
    validate_entry_text("message", message)?;
    let state = find(store, selector).await?;
    let Some(reporter) = state.reporter_recipient.as_deref() else {
        anyhow::bail!(
            "report {} has no reporter key (it was imported, or sent before replies existed): a reply could never \
             reach the reporter through the receipt. If the reporter gave contact details and agreed to be contacted, \
             use those.",
            state.id
        );
    };
    let recipients = store.team_recipients().await?;
    let keys = TeamKeys::from_records(&recipients)?;
    let entry = NewEntry {
        report_id: state.id,
        author: Author::Team,
        kind: EntryKind::Message,
        created_hour: now().hour(),
        key_id: keys.key_id().to_owned(),
        ciphertext: seal_entry(message, &keys, Some(reporter))?,
    };
    store.append_audit_event(&event("reports.reply", serde_json::json!({ "report": state.id }))).await?;
    store.add_report_entry(&entry, max_entries).await?.with_context(|| {
        format!("report {} holds as many entries as it may ({max_entries}), or was purged", state.id)
    })?;
    println!("report {}: reply stored; the reporter sees it with the receipt", state.id);
    Ok(())
}

/// `reports disclose (--id N | --ref REF) --to RECIPIENT --reason TEXT`: records that content
/// of the report left the City (who received it and why go to the audit trail; the reporter
/// sees that it happened and how often).
pub async fn disclose(store: &dyn Store, selector: &ReportSelector, to: &str, reason: &str) -> anyhow::Result<()> {
    anyhow::ensure!(!to.trim().is_empty(), "say who received it (--to)");
    anyhow::ensure!(!reason.trim().is_empty(), "say why (--reason)");
    let state = find(store, selector).await?;
    let detail = serde_json::json!({ "report": state.id, "to": to.trim(), "reason": reason.trim() });
    let counted = store
        .record_report_access(Some(state.id), i64::MAX, ReportAccess::Disclosed, &event("reports.disclose", detail))
        .await?;
    anyhow::ensure!(counted == 1, "report {} was purged meanwhile", state.id);
    println!("report {}: disclosure to {} recorded ({} in all)", state.id, to.trim(), state.disclosed + 1);
    Ok(())
}

/// What `reports purge` did, for `--json`.
#[derive(Debug, Serialize)]
struct PurgeSummary {
    dry_run: bool,
    reports: serde_json::Map<String, serde_json::Value>,
    total_reports: u64,
    entries: u64,
    policy: RetentionPolicy,
}

/// `reports purge [--dry-run] [--json]`: deletes the reports past retention, with their addenda
/// and messages; audited with the counts (a dry run only counts).
pub async fn purge(store: &dyn Store, policy: &RetentionPolicy, dry_run: bool, json: bool) -> anyhow::Result<()> {
    let detail = serde_json::json!({ "scheduled": false, "policy": policy });
    let counts = store.purge_reports(&policy.rules(now()), dry_run, &event("reports.purge", detail)).await?;
    let summary = PurgeSummary {
        dry_run,
        reports: counts.reports.iter().map(|(s, n)| (s.as_str().to_owned(), serde_json::Value::from(*n))).collect(),
        total_reports: counts.total_reports(),
        entries: counts.entries,
        policy: policy.clone(),
    };
    if json {
        println!("{}", serde_json::to_string(&summary)?);
    } else if policy.days.is_empty() {
        println!("no retention period is set ([retention] in the settings): nothing is ever purged");
    } else {
        let verb = if dry_run { "would purge" } else { "purged" };
        let by_status: Vec<String> = counts.reports.iter().map(|(s, n)| format!("{n} {}", s.as_str())).collect();
        println!(
            "{verb} {} reports ({}) and {} addenda and messages",
            counts.total_reports(),
            by_status.join(", "),
            counts.entries
        );
    }
    Ok(())
}
