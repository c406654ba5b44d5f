//! Follow-up with a receipt through the real server: `POST /api/v1/followup` and its addenda and
//! messages, the page at `/followup` without JavaScript, the case team's replies reaching only
//! the receipt's holder, reports without a reporter key, the global guessing budget, and
//! nothing of a receipt or a message in the logs — on SQLite, and on PostgreSQL when configured.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use shieldcheck_casefile::followup::{Author, EntryKind, NewEntry, ReportAccess, seal_entry};
use shieldcheck_casefile::receipt::Receipt;
use shieldcheck_casefile::sealed_report::{AuditEvent, NewReport, ReceiptRecord, TeamIdentity, TeamKeys};
use shieldcheck_service::i18n::Lang;
use shieldcheck_store::Store;

use super::helpers::{TestApp, TestDb, generous, log_buffer, spawn_app, spawn_app_with, with_receipt_key};

/// Words that must never reach a log.
const SECRET_WORDS: &[&str] = &["Quillfeather", "Volvieron", "Ravensworth"];

/// Follow-up's API and page, from a client that says who it is (which must not be logged).
impl TestApp {
    async fn post_api(&self, path: &str, body: &Value) -> (u16, Value) {
        let r = self
            .client
            .post(format!("{}/api/v1{path}", self.address))
            .header("user-agent", "MarkerAgent/9.9")
            .json(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Submits a report; its receipt.
    async fn new_receipt(&self) -> String {
        let (status, body) = self
            .post_api(
                "/reports",
                &json!({"narrative": "Det. Quillfeather knocked at 6:40", "claims": {"titles": ["detective"]}}),
            )
            .await;
        assert_eq!(status, 201, "{body}");
        body["receipt"].as_str().unwrap().to_owned()
    }

    async fn followup_page(&self, form: &[(&str, &str)]) -> (u16, String, reqwest::header::HeaderMap) {
        let r = self.client.post(format!("{}/followup", self.address)).form(form).send().await.unwrap();
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        (status, r.text().await.unwrap(), headers)
    }
}

/// A case-team key, and the keys the team seals to.
async fn register_team(store: &Arc<dyn Store>) -> (TeamIdentity, TeamKeys) {
    let team = super::helpers::register_team(store).await;
    let keys = TeamKeys::from_records(&store.team_recipients().await.unwrap()).unwrap();
    (team, keys)
}

fn event(action: &str) -> AuditEvent {
    AuditEvent {
        at: shieldcheck_report::UnixTime::EPOCH,
        actor: "cli:test".into(),
        action: action.into(),
        detail: "{}".into(),
    }
}

/// The reporter follows up; the case team replies, opens and discloses; the reporter sees it.
async fn followup_story(app: &TestApp) {
    let receipt_key = app.receipt_key();
    let logs = log_buffer();
    let (team, keys) = register_team(&app.store).await;
    let receipt = app.new_receipt().await;

    let (status, body) = app.post_api("/followup", &json!({"receipt": receipt})).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "new");
    assert_eq!((body["opened"].as_u64(), body["left_the_city"].as_bool()), (Some(0), Some(false)));
    assert_eq!(body["replies_possible"], true);
    assert_eq!(body["messages"], json!([]));
    assert!(body["submitted"].as_str().unwrap().ends_with(":00:00Z"), "hours only: {body}");
    // The receipt read as people write it.
    let spaced = receipt.replace('-', " ");
    assert_eq!(app.post_api("/followup", &json!({"receipt": spaced})).await.0, 200);

    // The reporter adds information and writes a message.
    let (status, body) = app
        .post_api("/followup/addenda", &json!({"receipt": receipt, "text": "Volvieron el martes, dos hombres"}))
        .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) =
        app.post_api("/followup/messages", &json!({"receipt": receipt, "text": "¿Pueden llamarme?"})).await;
    assert_eq!(status, 201, "{body}");
    let messages = body["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!((messages[0]["from"].as_str(), messages[0]["kind"].as_str()), (Some("reporter"), Some("addendum")));
    assert_eq!(messages[0]["text"], "Volvieron el martes, dos hombres");
    assert_eq!(
        (messages[1]["kind"].as_str(), messages[1]["text"].as_str()),
        (Some("message"), Some("¿Pueden llamarme?"))
    );

    // The case team reads them, replies (sealed to the team and the reporter), opens and
    // discloses; the reporter sees the reply and the counts.
    let report_id = app.store.report_states_after(0, 10, None).await.unwrap()[0].id;
    let entries = app.store.report_entries(report_id).await.unwrap();
    assert_eq!(team.open_entry(&entries[0]).unwrap(), "Volvieron el martes, dos hombres");
    let state = app.store.report_state(report_id).await.unwrap().unwrap();
    assert!(state.reporter_activity_hour.is_some(), "the reporter's writing defers a purge");
    let reply = NewEntry {
        report_id,
        author: Author::Team,
        kind: EntryKind::Message,
        created_hour: shieldcheck_service::clock::now().hour(),
        key_id: keys.key_id().to_owned(),
        ciphertext: seal_entry("Sí. Ravensworth le llamará.", &keys, state.reporter_recipient.as_deref()).unwrap(),
    };
    app.store.add_report_entry(&reply, 200).await.unwrap().unwrap();
    for access in [ReportAccess::Opened, ReportAccess::Opened, ReportAccess::Disclosed] {
        app.store.record_report_access(Some(report_id), i64::MAX, access, &event("reports.open")).await.unwrap();
    }
    let (status, body) = app.post_api("/followup", &json!({"receipt": receipt})).await;
    assert_eq!(status, 200);
    assert_eq!((body["opened"].as_u64(), body["left_the_city"].as_bool()), (Some(2), Some(true)));
    assert_eq!(body["disclosures"], 1);
    let last = &body["messages"][2];
    assert_eq!((last["from"].as_str(), last["text"].as_str()), (Some("team"), Some("Sí. Ravensworth le llamará.")));

    // Wrong, unknown and malformed receipts; the receipt only ever in a body.
    let mut wrong = receipt.clone().into_bytes();
    wrong[0] = if wrong[0] == b'9' { b'1' } else { wrong[0] + 1 };
    let wrong = String::from_utf8(wrong).unwrap();
    for other in [wrong.as_str(), "000-000-0000-000000"] {
        let (status, body) = app.post_api("/followup", &json!({"receipt": other})).await;
        assert_eq!((status, body["error"]["code"].as_str()), (404, Some("receipt_not_found")), "{other}");
        assert_eq!(body["error"]["message"], "no report has this receipt; check the digits");
    }
    for bad in ["482-155-4019-37662O", "abcd", "", "4821554019376620 OR 1=1"] {
        let (status, body) = app.post_api("/followup", &json!({"receipt": bad})).await;
        assert_eq!((status, body["error"]["code"].as_str()), (422, Some("invalid_receipt")), "{bad}");
    }
    let r = app
        .client
        .post(format!("{}/api/v1/followup?receipt={}", app.address, receipt.replace('-', "")))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 422, "a receipt in the URL is not read");
    assert_eq!(app.post_api("/followup", &json!({"receipt": receipt, "lang": "es"})).await.0, 422, "unknown fields");

    // Hostile text: each refused with the report's codes, nothing stored.
    let long = "ب".repeat(20_001);
    for (text, code) in [("   ", "empty"), (long.as_str(), "too_long"), ("bell\u{7}", "invalid_characters")] {
        let (status, body) = app.post_api("/followup/addenda", &json!({"receipt": receipt, "text": text})).await;
        assert_eq!((status, body["error"]["code"].as_str()), (422, Some(code)), "{body}");
        assert_eq!(body["error"]["field"], "text");
    }
    let (status, body) = app.post_api("/followup/messages", &json!({"receipt": wrong, "text": "hola"})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (404, Some("receipt_not_found")));
    assert_eq!(app.store.report_entries(report_id).await.unwrap().len(), 3);

    // A report stored before reporter keys existed: follow-up works, replies are not possible,
    // and what the reporter writes is sealed to the team only (so it cannot be shown back).
    let old_receipt = Receipt::generate();
    let record = ReceiptRecord {
        index: receipt_key.index(&old_receipt),
        hash: receipt_key.hash(&old_receipt).unwrap(),
        reporter_recipient: None,
    };
    let old = shieldcheck_report::Report::from_json(br#"{"narrative": "an older report"}"#).unwrap();
    let sealed = NewReport::seal(
        &old,
        &keys,
        shieldcheck_report::Source::Web,
        shieldcheck_report::UnixTime::EPOCH,
        Some(record),
    )
    .unwrap();
    let old_id = app.store.insert_report(&sealed).await.unwrap().id;
    let old_text = old_receipt.formatted();
    let (status, body) = app.post_api("/followup", &json!({"receipt": old_text})).await;
    assert_eq!((status, body["replies_possible"].as_bool()), (200, Some(false)), "{body}");
    let (status, body) = app.post_api("/followup/addenda", &json!({"receipt": old_text, "text": "una cosa más"})).await;
    assert_eq!(status, 201);
    assert_eq!(body["messages"][0]["text"], Value::Null);
    let entry = &app.store.report_entries(old_id).await.unwrap()[0];
    assert_eq!(team.open_entry(entry).unwrap(), "una cosa más");

    // Nothing of receipts, messages or the client reached the log.
    let text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(text.contains("/followup"), "requests are logged by route");
    let digits = receipt.replace('-', "");
    for word in SECRET_WORDS.iter().chain(&["MarkerAgent", receipt.as_str(), digits.as_str(), old_text.as_str()]) {
        let line = text.lines().find(|l| l.contains(word));
        assert!(line.is_none(), "the log holds {word:?}: {line:?}");
    }
}

#[tokio::test]
async fn followup_with_a_receipt_on_sqlite() {
    let app = spawn_app().await;
    followup_story(&app).await;
}

#[tokio::test]
async fn followup_with_a_receipt_on_postgres() {
    let Some(db) = TestDb::postgres("followup_with_a_receipt_on_postgres").await else { return };
    let app = db.spawn(with_receipt_key(generous())).await;
    followup_story(&app).await;
    app.stop().await;
}

/// Once the global budget of failed lookups is spent, lookups wait their turn; when the wait
/// would be too long everyone, right receipt or not, is asked to come back. No per-address
/// limit is involved.
#[tokio::test]
async fn guessing_receipts_is_throttled_for_everyone() {
    let mut settings = generous();
    settings.followup.failed_lookups_per_minute = 1;
    settings.followup.failed_lookup_burst = 2;
    settings.followup.max_wait_secs = 1;
    let app = spawn_app_with(settings).await;
    register_team(&app.store).await;
    let receipt = app.new_receipt().await;
    assert_eq!(app.post_api("/followup", &json!({"receipt": receipt})).await.0, 200, "successes spend nothing");
    for _ in 0..2 {
        let guess = Receipt::generate().formatted();
        assert_eq!(app.post_api("/followup", &json!({"receipt": guess})).await.0, 404);
    }
    let guess = Receipt::generate().formatted();
    let started = Instant::now();
    let r = app
        .client
        .post(format!("{}/api/v1/followup", app.address))
        .json(&json!({"receipt": guess}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 503);
    assert_eq!(r.headers()["retry-after"], "60");
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "followup_busy");
    assert!(started.elapsed() < Duration::from_secs(1), "refused at once when the wait is longer than allowed");
    let (status, body) = app.post_api("/followup", &json!({"receipt": receipt})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (503, Some("followup_busy")), "the budget is global");
    // The page says the same, in the person's language.
    let (status, html, _) = app.followup_page(&[("lang", "es"), ("receipt", &receipt), ("action", "view")]).await;
    assert_eq!(status, 503);
    assert!(html.contains("Inténtelo de nuevo en un minuto"), "{html}");

    // With a budget that refills twice a second, a guess past it waits in line and is answered.
    let mut settings = generous();
    settings.followup.failed_lookups_per_minute = 120;
    settings.followup.failed_lookup_burst = 1;
    settings.followup.max_wait_secs = 5;
    let app = spawn_app_with(settings).await;
    register_team(&app.store).await;
    assert_eq!(app.post_api("/followup", &json!({"receipt": Receipt::generate().formatted()})).await.0, 404);
    let started = Instant::now();
    assert_eq!(app.post_api("/followup", &json!({"receipt": Receipt::generate().formatted()})).await.0, 404);
    assert!(started.elapsed() >= Duration::from_millis(400), "{:?}: the second guess waited", started.elapsed());
}

/// `/followup` without JavaScript: a form, errors tied to the receipt field, the case with its
/// messages, adding information, in every language, small, private.
#[tokio::test]
async fn the_followup_page_works_without_javascript() {
    let app = spawn_app().await;
    register_team(&app.store).await;
    for lang in Lang::ALL {
        let r = app.client.get(format!("{}/followup?lang={}", app.address, lang.tag())).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200);
        assert_eq!(r.headers()["cache-control"], "no-store");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("<html lang=\"{}\" dir=\"{}\">", lang.tag(), lang.dir())), "{lang:?}");
        assert!(html.contains("<label for=\"receipt\">"), "{lang:?}");
        assert!(!html.contains("http://") && !html.contains("https://"), "{lang:?} links elsewhere");
        assert!(!html.contains("<script"), "{lang:?}: no script needed");
        assert!(html.len() < 100_000, "{lang:?} is {} bytes", html.len());
        assert!(
            !html.contains(">followup-") && !html.contains(">nav-"),
            "{lang:?}: a message id shows instead of its text"
        );
    }
    // The site's navigation leads here.
    let home = app.client.get(format!("{}/?lang=ko", app.address)).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("href=\"/followup?lang=ko\""));

    // A receipt with letters: the error is tied to its field, what was typed stays.
    let (status, html, _) =
        app.followup_page(&[("lang", "en"), ("receipt", "482-155-4019-37662O"), ("action", "view")]).await;
    assert_eq!(status, 422);
    assert!(html.contains("data-code=\"invalid_receipt\"") && html.contains("href=\"#receipt\""), "{html}");
    assert!(html.contains("aria-invalid=\"true\"") && html.contains("receipt-error"));
    assert!(html.contains("value=\"482-155-4019-37662O\""));
    let (status, html, _) =
        app.followup_page(&[("lang", "fr"), ("receipt", "000-000-0000-000000"), ("action", "view")]).await;
    assert_eq!(status, 404);
    assert!(html.contains("data-code=\"receipt_not_found\"") && html.contains("Aucun signalement"), "{html}");

    // The case, and information added through the page; input is escaped.
    let receipt = app.new_receipt().await;
    let (status, html, headers) = app.followup_page(&[("lang", "es"), ("receipt", &receipt), ("action", "view")]).await;
    assert_eq!(status, 200, "{html}");
    assert_eq!(headers["cache-control"], "no-store");
    assert!(html.contains("data-status=\"new\"") && html.contains("Recibida."), "{html}");
    assert!(html.contains("id=\"addendum\"") && html.contains("<label for=\"addendum\">"));
    let hostile = "<script>alert(1)</script> Volvieron";
    let (status, html, _) = app
        .followup_page(&[("lang", "es"), ("receipt", &receipt), ("action", "addendum"), ("addendum", hostile)])
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"notice\""), "{html}");
    assert!(!html.contains("<script>alert") && html.contains("&#60;script&#62;alert(1)"), "{html}");
    // An empty message: the error is on the message field, the other form untouched.
    let (status, html, _) =
        app.followup_page(&[("lang", "ar"), ("receipt", &receipt), ("action", "message"), ("message", " ")]).await;
    assert_eq!(status, 422);
    assert!(html.contains("href=\"#message\"") && html.contains("id=\"message-error\""), "{html}");
    assert!(html.contains("dir=\"rtl\""));
    // No link on the page carries the receipt.
    let digits = receipt.replace('-', "");
    assert!(!html.contains(&format!("?receipt={receipt}")) && !html.contains(&format!("?receipt={digits}")));
    // A body too large is answered, not dropped.
    let huge = "x".repeat(500 * 1024);
    let (status, _, _) = app.followup_page(&[("receipt", &receipt), ("action", "addendum"), ("addendum", &huge)]).await;
    assert_eq!(status, 413);
    assert_eq!(app.store.report_entries(1).await.unwrap().len(), 1);
}

/// The service purges on its own, at the settings' interval, and records it.
#[tokio::test]
async fn the_service_purges_reports_past_retention_on_schedule() {
    let db = TestDb::sqlite().await;
    let store = db.store.clone();
    let (_, keys) = register_team(&store).await;
    let now = shieldcheck_service::clock::now();
    let report = shieldcheck_report::Report::from_json(br#"{"narrative": "old and closed"}"#).unwrap();
    let mut ids = Vec::new();
    for _ in 0..2 {
        let sealed = NewReport::seal(&report, &keys, shieldcheck_report::Source::Web, now, None).unwrap();
        ids.push(store.insert_report(&sealed).await.unwrap().id);
    }
    let closed = shieldcheck_casefile::sealed_report::ReportStatus::Closed;
    let three_days_ago = shieldcheck_report::UnixTime::from_secs(now.as_secs() - 3 * 86_400).hour();
    store.set_report_status(ids[0], closed, three_days_ago, &event("reports.status")).await.unwrap();

    let mut settings = generous();
    settings.retention.closed_days = Some(1);
    settings.retention.purge_interval_secs = 1;
    let _app = db.spawn(settings).await;
    let deadline = Instant::now() + Duration::from_secs(10);
    while store.report_state(ids[0]).await.unwrap().is_some() {
        assert!(Instant::now() < deadline, "the scheduled purge did not run");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(store.report_state(ids[1]).await.unwrap().is_some(), "a new report is kept");
    let trail = store.audit_events().await.unwrap();
    let purge = trail.iter().find(|r| r.event.action == "reports.purge").unwrap();
    assert_eq!(purge.event.actor, "service:retention");
    assert!(purge.event.detail.contains("\"purged_reports\":{\"closed\":1}"), "{}", purge.event.detail);
    // Ticks that find nothing write nothing.
    tokio::time::sleep(Duration::from_millis(1_500)).await;
    assert_eq!(store.audit_events().await.unwrap().len(), trail.len());
}
