//! Follow-up and retention in the store, on SQLite and (when configured) PostgreSQL: entries
//! sealed to the team and the reporter, status changes, opened and disclosed counts in the
//! audit chain, and purges that leave nothing readable.

use std::path::Path;
use std::sync::Arc;

use shieldcheck_casefile::followup::{
    Author, EntryKind, NewEntry, PurgeRule, ReportAccess, ReportState, RetentionPolicy, open_entry, seal_entry,
};
use shieldcheck_casefile::receipt::{Checked, Receipt, ReceiptKey};
use shieldcheck_casefile::sealed_report::{
    AuditEvent, NewReport, ReceiptRecord, ReportStatus, TeamIdentity, TeamKeys, TeamRecipient, audit_chain_intact,
};
use shieldcheck_report::{Hour, Report, Source, UnixTime};
use shieldcheck_store::testing::{POSTGRES_URL_VAR, ScratchPostgres};
use shieldcheck_store::{OpenOptions, Store, open};

use super::skipped;

const DAY: i64 = 86_400;
/// A fixed "now" for the purge rules: 2026-11-28T00:00:00Z.
const NOW: i64 = 1_795_824_000;

/// The hour starting at `secs` (a multiple of 3,600).
fn whole_hour(secs: i64) -> Hour {
    Hour::from_secs(secs).expect("the start of an hour")
}

fn event(action: &str) -> AuditEvent {
    AuditEvent { at: UnixTime::from_secs(NOW), actor: "cli:test".into(), action: action.into(), detail: "{}".into() }
}

fn report(text: &str) -> Report {
    Report::from_json(serde_json::json!({ "narrative": text }).to_string().as_bytes()).unwrap()
}

struct Stored {
    with_key: i64,
    old_style: i64,
    team_message: Vec<u8>,
}

/// Entries, status, counts and the audit chain. Returns what the purge test needs.
async fn followup_story(store: &dyn Store) -> Stored {
    let team = TeamIdentity::generate();
    store
        .add_team_recipient(&TeamRecipient { recipient: team.public_keys()[0].clone(), label: None, added_at: 0 })
        .await
        .unwrap();
    let keys = TeamKeys::from_records(&store.team_recipients().await.unwrap()).unwrap();
    let key = ReceiptKey::generate();

    // A report with a reporter key (every web report now) and one stored before there were any.
    let receipt = Receipt::generate();
    let (record, reporter) = key.record(&receipt).unwrap();
    let new = NewReport::seal(
        &report("Tocaron a las 6:40"),
        &keys,
        Source::Web,
        UnixTime::from_secs(NOW),
        Some(record.clone()),
    )
    .unwrap();
    let with_key = store.insert_report(&new).await.unwrap().id;
    let old_receipt = Receipt::generate();
    let old_record = ReceiptRecord {
        index: key.index(&old_receipt),
        hash: key.hash(&old_receipt).unwrap(),
        reporter_recipient: None,
    };
    let old = NewReport::seal(&report("Otro"), &keys, Source::Web, UnixTime::from_secs(NOW), Some(old_record)).unwrap();
    let old_style = store.insert_report(&old).await.unwrap().id;

    let state = store.report_state(with_key).await.unwrap().unwrap();
    assert_eq!((state.status, state.opened, state.disclosed, state.entries), (ReportStatus::New, 0, 0, 0));
    assert_eq!(state.reporter_recipient.as_deref(), Some(reporter.recipient().as_str()));
    assert_eq!(state.reporter_activity_hour, None);
    assert_eq!(store.report_state(old_style).await.unwrap().unwrap().reporter_recipient, None);
    assert!(store.report_state(999_999).await.unwrap().is_none());
    assert_eq!(store.report_by_id(with_key).await.unwrap().unwrap().ciphertext, new.ciphertext);

    // The receipt finds the report and gives the reporter key back.
    let found = store.report_by_receipt_index(&key.index(&receipt)).await.unwrap().unwrap();
    let Checked::Verified { reporter: Some(again) } = key.check(&receipt, Some(&found.receipt_hash)) else {
        panic!("the receipt verifies with its reporter key")
    };
    assert_eq!(again.recipient(), reporter.recipient());

    // The reporter adds information; the team replies; both sealed to team and reporter.
    let entry = |author, kind, hour, text: &str| NewEntry {
        report_id: with_key,
        author,
        kind,
        created_hour: whole_hour(hour),
        key_id: keys.key_id().to_owned(),
        ciphertext: seal_entry(text, &keys, Some(&reporter.recipient())).unwrap(),
    };
    let addendum = entry(Author::Reporter, EntryKind::Addendum, NOW - 40 * DAY, "Volvieron el martes");
    assert!(store.add_report_entry(&addendum, 3).await.unwrap().is_some());
    let reply = entry(Author::Team, EntryKind::Message, NOW - 39 * DAY, "Gracias, lo revisamos");
    assert!(store.add_report_entry(&reply, 3).await.unwrap().is_some());
    let state = store.report_state(with_key).await.unwrap().unwrap();
    assert_eq!(state.entries, 2);
    assert_eq!(
        state.reporter_activity_hour.map(Hour::get),
        Some(NOW - 40 * DAY),
        "only the reporter's entries count as activity"
    );
    let entries = store.report_entries(with_key).await.unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!((entries[0].author, entries[0].kind), (Author::Reporter, EntryKind::Addendum));
    assert_eq!((entries[1].author, entries[1].kind), (Author::Team, EntryKind::Message));
    assert_eq!(team.open_entry(&entries[1]).unwrap(), "Gracias, lo revisamos");
    assert_eq!(open_entry(&entries[0].ciphertext, &[again.identity()]).unwrap(), "Volvieron el martes");
    // A cap on entries, and no entry for a report that does not exist.
    assert!(store.add_report_entry(&addendum, 3).await.unwrap().is_some());
    assert!(store.add_report_entry(&addendum, 3).await.unwrap().is_none(), "the fourth is over the cap");
    assert!(store.add_report_entry(&NewEntry { report_id: 999_999, ..addendum.clone() }, 3).await.unwrap().is_none());
    assert_eq!(store.report_entries(with_key).await.unwrap().len(), 3);

    // Status changes, opens and disclosures are counted and audited together.
    let before = store.audit_events().await.unwrap().len();
    assert_eq!(
        store.set_report_status(with_key, ReportStatus::Open, whole_hour(NOW), &event("reports.status")).await.unwrap(),
        Some(ReportStatus::New)
    );
    assert_eq!(
        store
            .set_report_status(999_999, ReportStatus::Closed, whole_hour(NOW), &event("reports.status"))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .record_report_access(Some(with_key), i64::MAX, ReportAccess::Opened, &event("reports.open"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .record_report_access(Some(with_key), i64::MAX, ReportAccess::Opened, &event("reports.open"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .record_report_access(Some(with_key), i64::MAX, ReportAccess::Disclosed, &event("reports.disclose"))
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store.record_report_access(Some(999_999), i64::MAX, ReportAccess::Opened, &event("x")).await.unwrap(),
        0
    );
    // A decrypted export opens every report up to the last one it saw.
    assert_eq!(
        store.record_report_access(None, old_style, ReportAccess::Opened, &event("reports.export")).await.unwrap(),
        2
    );
    let state = store.report_state(with_key).await.unwrap().unwrap();
    assert_eq!((state.status, state.status_hour.get(), state.opened, state.disclosed), (ReportStatus::Open, NOW, 3, 1));
    assert_eq!(store.report_state(old_style).await.unwrap().unwrap().opened, 1);
    let trail = store.audit_events().await.unwrap();
    let actions: Vec<&str> = trail[before..].iter().map(|r| r.event.action.as_str()).collect();
    assert_eq!(actions, ["reports.status", "reports.open", "reports.open", "reports.disclose", "reports.export"]);
    assert!(audit_chain_intact(&trail));

    // Listing by status and by ref reads only clear metadata.
    let open = store.report_states_after(0, 100, Some(ReportStatus::Open)).await.unwrap();
    assert_eq!(open.iter().map(|s| s.id).collect::<Vec<_>>(), [with_key]);
    assert_eq!(store.report_states_after(0, 100, None).await.unwrap().len(), 2);
    // Pages are cut at the limit and go on after the last id seen.
    let ids = |states: Vec<ReportState>| states.iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(ids(store.report_states_after(0, 1, None).await.unwrap()), [with_key]);
    assert_eq!(ids(store.report_states_after(with_key, 100, None).await.unwrap()), [old_style]);
    assert!(store.report_states_by_ref("none").await.unwrap().is_empty());

    Stored { with_key, old_style, team_message: entries[1].ciphertext.to_vec() }
}

/// Closed reports past their days go, unless the reporter wrote within the grace period;
/// other statuses stay; a dry run changes nothing; the purge is audited with counts only.
async fn purge_story(store: &dyn Store, stored: &Stored) -> Vec<u8> {
    let sealed = store.report_by_id(stored.old_style).await.unwrap().unwrap().ciphertext;
    // Both closed 400 days ago; the first had its reporter write 40 days ago.
    for id in [stored.with_key, stored.old_style] {
        store
            .set_report_status(id, ReportStatus::Closed, whole_hour(NOW - 400 * DAY), &event("reports.status"))
            .await
            .unwrap();
    }
    let policy = RetentionPolicy { days: vec![(ReportStatus::Closed, 365)], grace_days: 60 };
    let dry =
        store.purge_reports(&policy.rules(UnixTime::from_secs(NOW)), true, &event("reports.purge")).await.unwrap();
    assert_eq!((dry.reports.clone(), dry.entries), (vec![(ReportStatus::Closed, 1)], 0));
    assert!(store.report_by_id(stored.old_style).await.unwrap().is_some(), "a dry run deletes nothing");
    let audited = store.audit_events().await.unwrap().len();

    let done =
        store.purge_reports(&policy.rules(UnixTime::from_secs(NOW)), false, &event("reports.purge")).await.unwrap();
    assert_eq!(done, dry);
    assert!(store.report_by_id(stored.old_style).await.unwrap().is_none());
    assert!(store.report_state(stored.old_style).await.unwrap().is_none());
    assert!(store.report_state(stored.with_key).await.unwrap().is_some(), "the reporter wrote within the grace period");
    let trail = store.audit_events().await.unwrap();
    assert_eq!(trail.len(), audited + 1);
    let last = &trail.last().unwrap().event;
    assert_eq!(last.action, "reports.purge");
    let detail: serde_json::Value = serde_json::from_str(&last.detail).unwrap();
    assert_eq!(detail["purged_reports"]["closed"], 1, "{detail}");
    assert!(audit_chain_intact(&trail));

    // Once the grace period is over, the report goes with its entries.
    let later = RetentionPolicy { days: vec![(ReportStatus::Closed, 365)], grace_days: 30 };
    let done =
        store.purge_reports(&later.rules(UnixTime::from_secs(NOW)), false, &event("reports.purge")).await.unwrap();
    assert_eq!((done.total_reports(), done.entries), (1, 3));
    assert!(store.report_entries(stored.with_key).await.unwrap().is_empty());
    // Nothing left to purge: nothing is audited.
    let audited = store.audit_events().await.unwrap().len();
    let none =
        store.purge_reports(&later.rules(UnixTime::from_secs(NOW)), false, &event("reports.purge")).await.unwrap();
    assert_eq!(none.total_reports(), 0);
    assert_eq!(store.audit_events().await.unwrap().len(), audited);
    // Rules for other statuses leave closed ones alone and vice versa.
    let fresh = PurgeRule { status: ReportStatus::New, status_before: NOW, activity_before: NOW };
    assert_eq!(store.purge_reports(&[fresh], true, &event("x")).await.unwrap().total_reports(), 0);
    // A purged report's id is never given again, not even by a batch (which picks its ids
    // itself on SQLite): an old audit event or note naming it cannot come to name another.
    assert_eq!(store.report_count().await.unwrap(), 0, "both were purged");
    let keys = TeamKeys::from_records(&store.team_recipients().await.unwrap()).unwrap();
    let batch: Vec<NewReport> = (0..2)
        .map(|_| {
            NewReport::seal(&report("after the purge"), &keys, Source::Web, UnixTime::from_secs(NOW), None).unwrap()
        })
        .collect();
    let inserted = store.insert_reports(&batch).await.unwrap();
    let highest_purged = stored.with_key.max(stored.old_style);
    assert!(inserted.iter().all(|i| i.created && i.id > highest_purged), "{inserted:?} after {highest_purged}");
    sealed.into_bytes()
}

/// A run of 64 bytes from the middle of an age payload: random-looking, so found only where
/// the ciphertext itself is.
fn fragment(sealed: &[u8]) -> Vec<u8> {
    let middle = sealed.len() - 80;
    sealed[middle..middle + 64].to_vec()
}

fn files_contain(folder: &Path, needle: &[u8]) -> bool {
    std::fs::read_dir(folder).unwrap().any(|entry| {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap_or_default();
        bytes.windows(needle.len()).any(|w| w == needle)
    })
}

#[tokio::test]
async fn followup_and_purge_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/f.db", dir.path().display());
    let store = open(&url, &OpenOptions::default()).await.unwrap();
    let stored = followup_story(store.as_ref()).await;
    let report = fragment(&store.report_by_id(stored.old_style).await.unwrap().unwrap().ciphertext);
    let message = fragment(&stored.team_message);
    assert!(files_contain(dir.path(), &report), "the check finds a stored ciphertext");
    let sealed = purge_story(store.as_ref(), &stored).await;
    assert_eq!(fragment(&sealed), report);
    // Purged bytes are gone from the database file and its WAL, not merely unlinked.
    for (what, bytes) in [("report", &report), ("team message", &message)] {
        assert!(!files_contain(dir.path(), bytes), "the purged {what} is still readable in the SQLite files");
    }
}

#[tokio::test]
async fn followup_and_purge_on_postgres() {
    let Some(db) = ScratchPostgres::create().await.unwrap() else {
        skipped(&format!("SKIPPED followup_and_purge_on_postgres: set {POSTGRES_URL_VAR} to run it"));
        return;
    };
    let store = shieldcheck_store::PostgresStore::open(&db.url, &OpenOptions::default()).await.unwrap();
    let shared: Arc<dyn Store> = Arc::new(store.clone());
    let stored = followup_story(shared.as_ref()).await;
    let message = stored.team_message.clone();
    let sealed = purge_story(shared.as_ref(), &stored).await;
    // The rows are deleted: no table holds the purged ciphertexts any more.
    let dump = super::postgres_dump(&db.url).await;
    for bytes in [fragment(&sealed), fragment(&message)] {
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert!(!dump.contains(&hex), "a purged ciphertext is still in a table");
    }
    store.close().await;
    db.drop_database().await.unwrap();
}
