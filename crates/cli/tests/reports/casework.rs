//! The case team's side of follow-up as an operator runs it: `reports list|show|status|reply|
//! disclose|purge`, each decryption and disclosure counted and in the audit chain, replies that
//! only the receipt opens, and purges by the settings' retention — on SQLite, and on PostgreSQL
//! when it is configured.

use serde_json::Value;
use shieldcheck_casefile::followup::{Author, EntryKind, NewEntry, open_entry, seal_entry};
use shieldcheck_casefile::receipt::{Checked, Receipt, ReceiptKey};
use shieldcheck_casefile::sealed_report::{AuditEvent, NewReport, ReportStatus, TeamKeys, audit_chain_intact};
use shieldcheck_report::{Hour, Report, Source, UnixTime};
use shieldcheck_store::OpenOptions;

use super::{database, run, runtime, text};

fn now() -> UnixTime {
    UnixTime::from_secs(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64)
}

fn json_lines(out: &std::process::Output) -> Vec<Value> {
    text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn casework(postgres: bool, test: &str) {
    let dir = tempfile::tempdir().unwrap();
    let Some(db) = database(dir.path(), postgres, test) else { return };
    let db = db.url.as_str();
    let rt = runtime();
    let ok = |args: &[&str]| {
        let out = run(dir.path(), db, args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        out
    };
    ok(&["team-keys", "init", "--out", "team.txt"]);
    // An imported report (no receipt, so no reporter key) with a ref.
    std::fs::write(dir.path().join("in.jsonl"), "{\"ref\": \"clinic-7\", \"narrative\": \"imported one\"}\n").unwrap();
    ok(&["reports", "import", "in.jsonl"]);
    // A web report as the server stores it, with its receipt's reporter key.
    let store = rt.block_on(shieldcheck_store::open(db, &OpenOptions::default())).unwrap();
    let receipt = Receipt::generate();
    let receipt_key = ReceiptKey::generate();
    let (web, reporter) = rt.block_on(async {
        let keys = TeamKeys::from_records(&store.team_recipients().await.unwrap()).unwrap();
        let (record, reporter) = receipt_key.record(&receipt).unwrap();
        let report = Report::from_json(br#"{"narrative": "Det. Quillfeather at the door"}"#).unwrap();
        let sealed = NewReport::seal(&report, &keys, Source::Web, now(), Some(record)).unwrap();
        let id = store.insert_report(&sealed).await.unwrap().id;
        // The reporter added something.
        let addendum = NewEntry {
            report_id: id,
            author: Author::Reporter,
            kind: EntryKind::Addendum,
            created_hour: now().hour(),
            key_id: keys.key_id().to_owned(),
            ciphertext: seal_entry("They came back on Tuesday", &keys, Some(&reporter.recipient())).unwrap(),
        };
        store.add_report_entry(&addendum, 200).await.unwrap().unwrap();
        (id, reporter)
    });
    let web_id = web.to_string();

    // list: clear metadata only.
    let listed = json_lines(&ok(&["reports", "list", "--json"]));
    assert_eq!(listed.len(), 2);
    assert_eq!((listed[0]["ref"].as_str(), listed[0]["replies_possible"].as_bool()), (Some("clinic-7"), Some(false)));
    assert_eq!((listed[1]["entries"].as_u64(), listed[1]["replies_possible"].as_bool()), (Some(1), Some(true)));
    assert!(!text(&ok(&["reports", "list"]).stdout).contains("Quillfeather"));
    assert!(!run(dir.path(), db, &["reports", "list", "--status", "pending"]).status.success());

    // show: decrypted with its addendum, counted as an opening, audited first.
    let shown = json_lines(&ok(&["reports", "show", "--identity", "team.txt", "--id", &web_id, "--json"]));
    assert_eq!(shown[0]["content"]["narrative"], "Det. Quillfeather at the door");
    assert_eq!(shown[0]["entries"][0]["text"], "They came back on Tuesday");
    assert_eq!(shown[0]["entries"][0]["from"], "reporter");
    assert_eq!(shown[0]["report"]["opened"], 1);
    let human = text(&ok(&["reports", "show", "--identity", "team.txt", "--ref", "clinic-7"]).stdout);
    assert!(human.contains("imported one") && human.contains("no reporter key"), "{human}");
    let state = |id: i64| rt.block_on(store.report_state(id)).unwrap().unwrap();
    assert_eq!(state(web).opened, 1);
    let out = run(dir.path(), db, &["reports", "show", "--identity", "team.txt", "--id", "999"]);
    assert!(!out.status.success() && text(&out.stderr).contains("no report 999"));
    let out = run(dir.path(), db, &["reports", "show", "--identity", "team.txt"]);
    assert!(!out.status.success(), "a report must be named");

    // status, with the values sealed_report knows.
    ok(&["reports", "status", "--id", &web_id, "--set", "open"]);
    assert_eq!(state(web).status, ReportStatus::Open);
    let out = run(dir.path(), db, &["reports", "status", "--id", &web_id, "--set", "triaged"]);
    assert!(!out.status.success() && text(&out.stderr).contains("new, open, closed"));

    // reply: readable with the receipt's key (and the team's), refused without a reporter key.
    ok(&["reports", "reply", "--id", &web_id, "--message", "Thank you. Can we call you?"]);
    let entries = rt.block_on(store.report_entries(web)).unwrap();
    assert_eq!((entries[1].author, entries[1].kind), (Author::Team, EntryKind::Message));
    assert_eq!(open_entry(&entries[1].ciphertext, &[reporter.identity()]).unwrap(), "Thank you. Can we call you?");
    let found = rt.block_on(async {
        let listed = store.report_states_after(0, 10, None).await.unwrap();
        listed.into_iter().find(|s| s.id == web).unwrap()
    });
    assert!(found.reporter_recipient.is_some());
    assert!(matches!(receipt_key.check(&receipt, None), Checked::Refused));
    let out = run(dir.path(), db, &["reports", "reply", "--ref", "clinic-7", "--message", "hello"]);
    assert!(!out.status.success() && text(&out.stderr).contains("no reporter key"), "{}", text(&out.stderr));
    let out = run(dir.path(), db, &["reports", "reply", "--id", &web_id, "--message", "  "]);
    assert!(!out.status.success(), "an empty reply is refused");

    // disclose: counted for the reporter, who and why in the audit trail.
    ok(&["reports", "disclose", "--id", &web_id, "--to", "US Attorney SDNY", "--reason", "judicial warrant 26-123"]);
    assert_eq!(state(web).disclosed, 1);
    let out = run(dir.path(), db, &["reports", "disclose", "--id", &web_id, "--to", " ", "--reason", "x"]);
    assert!(!out.status.success());

    // A decrypted export opens every report.
    ok(&["reports", "export", "--identity", "team.txt", "--out", "all.jsonl"]);
    assert_eq!(state(web).opened, 2);

    // So does a pattern analysis of the stored reports, audited; it says what analysing the
    // export says.
    let now_flag = ["--now", "2026-11-29T00:00:00Z"];
    let stored = ok(&[&["patterns", "analyze", "--identity", "team.txt"][..], &now_flag].concat());
    let stored: Value = serde_json::from_slice(&stored.stdout).unwrap();
    assert_eq!(stored["reports"], 2);
    assert_eq!(state(web).opened, 3);
    let exported = ok(&[&["patterns", "analyze", "--input", "all.jsonl"][..], &now_flag].concat());
    let exported: Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(stored["statistics"], exported["statistics"]);
    assert_eq!(stored["roster_findings"], exported["roster_findings"]);
    assert!(stored["statistics"].is_object());
    for wrong in
        [&["patterns", "analyze"][..], &["patterns", "analyze", "--identity", "team.txt", "--input", "all.jsonl"]]
    {
        assert!(!run(dir.path(), db, wrong).status.success(), "{wrong:?}");
    }
    assert_eq!(state(web).opened, 3, "a refused command opens nothing");

    // purge: by the settings' retention, after a dry run; the reporter's activity defers it.
    std::fs::write(dir.path().join("retention.toml"), "[retention]\nclosed_days = 1\ngrace_days = 1\n").unwrap();
    let imported = listed[0]["id"].as_i64().unwrap();
    rt.block_on(async {
        let event =
            AuditEvent { at: now(), actor: "test".into(), action: "reports.status".into(), detail: "{}".into() };
        for id in [imported, web] {
            let three_days_ago = Hour::of(UnixTime::from_secs(now().as_secs() - 3 * 86_400));
            store.set_report_status(id, ReportStatus::Closed, three_days_ago, &event).await.unwrap();
        }
    });
    let dry = json_lines(&ok(&["--config", "retention.toml", "reports", "purge", "--dry-run", "--json"]));
    assert_eq!((dry[0]["total_reports"].as_u64(), dry[0]["dry_run"].as_bool()), (Some(1), Some(true)), "{dry:?}");
    assert_eq!(rt.block_on(store.report_count()).unwrap(), 2);
    let done = text(&ok(&["--config", "retention.toml", "reports", "purge"]).stdout);
    assert!(done.contains("purged 1 reports (1 closed)"), "{done}");
    assert!(rt.block_on(store.report_state(imported)).unwrap().is_none());
    assert!(rt.block_on(store.report_state(web)).unwrap().is_some(), "its reporter wrote within a day");
    let none = text(&ok(&["reports", "purge", "--dry-run"]).stdout);
    assert!(none.contains("would purge 0 reports"), "the default keeps closed reports a year: {none}");

    // Everything the case team did is in the chain, with no report content.
    let trail = rt.block_on(store.audit_events()).unwrap();
    let actions: Vec<&str> = trail.iter().map(|r| r.event.action.as_str()).collect();
    for action in [
        "reports.open",
        "reports.status",
        "reports.reply",
        "reports.disclose",
        "reports.export",
        "patterns.analyze",
        "reports.purge",
    ] {
        assert!(actions.contains(&action), "{action} missing from {actions:?}");
    }
    let disclosure = trail.iter().find(|r| r.event.action == "reports.disclose").unwrap();
    assert!(disclosure.event.detail.contains("judicial warrant 26-123"));
    let all: String = trail.iter().map(|r| r.event.detail.clone()).collect();
    for secret in ["Quillfeather", "Tuesday", "Can we call you", "imported one"] {
        assert!(!all.contains(secret), "{secret} in the audit trail");
    }
    assert!(audit_chain_intact(&trail));
}

#[test]
fn the_case_team_follows_up_on_sqlite() {
    casework(false, "the_case_team_follows_up_on_sqlite");
}

#[test]
fn the_case_team_follows_up_on_postgres() {
    casework(true, "the_case_team_follows_up_on_postgres");
}
