//! `POST /api/v1/reports` through the real server: sealed storage, the receipt only after the
//! commit, hostile bodies answered with stable codes, nothing of a report in the logs, the
//! JSON Schema published — on SQLite, and on PostgreSQL when it is configured.

use std::sync::Arc;

use serde_json::{Value, json};
use shieldcheck_casefile::receipt::{Receipt, ReceiptKey};
use shieldcheck_casefile::sealed_report::AttachmentVariant;
use shieldcheck_report::Report;
use shieldcheck_report::attachment::strip_jpeg;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::Store;

use super::helpers::{
    FormPart, PHOTO, TestApp, TestDb, generous, log_buffer, multipart_body, register_team, spawn_app_with,
    with_receipt_key,
};

/// Words of the test report that must never reach a log or the database in the clear.
const CONTENT: &[&str] = &["Quillfeather", "Tocaron", "KZQ 918", "917 555 0199", "Vermilyea Ave"];

fn report_json() -> Value {
    json!({
        "language": "es",
        "incident": {"date": "2026-03-14", "time_of_day": "early_morning", "place": {"kind": "home", "description": "Vermilyea Ave near 207 St"}},
        "claims": {"agencies": ["NYPD"], "titles": ["detective"], "names": ["Det. Quillfeather"]},
        "vehicles": [{"kind": "suv", "plate": "KZQ 918"}],
        "asks": ["asked_for_person_by_name"],
        "narrative": "Tocaron a las 6:40, dijeron que eran detectives",
        "reporter": {"role": "self", "contact": "+1 917 555 0199", "wants_contact": true}
    })
}

/// `POST /api/v1/reports`, from a client that says who it is (which must not be logged).
impl TestApp {
    async fn submit_report(&self, body: &Value) -> (u16, Value) {
        self.submit_report_raw("application/json", body.to_string().into_bytes()).await
    }

    async fn submit_report_raw(&self, content_type: &str, body: Vec<u8>) -> (u16, Value) {
        let r = self
            .client
            .post(format!("{}/api/v1/reports", self.address))
            .header("content-type", content_type)
            .header("user-agent", "MarkerAgent/9.9")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap_or(Value::Null))
    }
}

/// The server on SQLite with `settings`; it made its receipt key file beside the database,
/// owner-only (`TestApp::receipt_key` checks).
async fn spawn_desk(settings: Settings) -> TestApp {
    let app = spawn_app_with(settings).await;
    app.receipt_key();
    app
}

/// A report goes in, comes back only as a receipt, and is stored sealed: found by the receipt,
/// opened only with the team's identity.
async fn intake_story(app: &TestApp) {
    let receipt_key = app.receipt_key();
    let (status, body) = app.submit_report(&report_json()).await;
    assert_eq!((status, body["error"]["code"].as_str()), (503, Some("reports_unavailable")), "{body}");
    assert_eq!(app.store.report_count().await.unwrap(), 0);

    let team = register_team(&app.store).await;
    let (status, body) = app.submit_report(&report_json()).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["status"], "new");
    let shown = body["receipt"].as_str().unwrap();
    assert_eq!(shown.len(), 19);
    assert!(shown.chars().enumerate().all(|(i, c)| if [3, 7, 12].contains(&i) {
        c == '-'
    } else {
        c.is_ascii_digit()
    }));
    assert_eq!(body.as_object().unwrap().len(), 2, "the answer is the receipt and the status only: {body}");

    let receipt = Receipt::parse(shown).unwrap();
    let found = app.store.report_by_receipt_index(&receipt_key.index(&receipt)).await.unwrap().unwrap();
    assert!(receipt_key.verify(&receipt, Some(&found.receipt_hash)));
    let stored = team.open_report(&found.report).unwrap();
    assert_eq!(stored.source, Some(shieldcheck_report::Source::Web));
    let at = shieldcheck_report::parse_timestamp(stored.submitted_at.as_deref().unwrap()).unwrap();
    assert!((at.unix - shieldcheck_service::clock::now().as_secs()).abs() < 60, "set by the server");
    assert_eq!(found.report.submitted_hour.get(), at.unix - at.unix % 3_600, "only the hour in the clear");
    let sent = Report::from_json(report_json().to_string().as_bytes()).unwrap();
    assert_eq!(Report { source: None, submitted_at: None, ..stored }, sent);

    // Two reports, two receipts.
    let (_, second) = app.submit_report(&report_json()).await;
    assert_ne!(second["receipt"], body["receipt"]);
    assert_eq!(app.lookup(&receipt).await.map(|r| r.id), Some(found.report.id));
    assert!(app.lookup(&Receipt::generate()).await.is_none(), "an unknown receipt finds nothing");
    // A sender's ref is kept, and the same ref twice is one report.
    let mut with_ref = report_json();
    with_ref["ref"] = json!("clinic-2026-0042");
    with_ref["source"] = json!("partner");
    with_ref["submitted_at"] = json!("2020-01-01T00:00:00Z");
    assert_eq!(app.submit_report(&with_ref).await.0, 201);
    let (status, body) = app.submit_report(&with_ref).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("duplicate_report")));
    assert_eq!(app.store.report_count().await.unwrap(), 3);

    // Concurrent submissions are committed in groups: each is answered after its own report
    // is stored, and a duplicate ref in the same group is refused alone.
    let mut same_ref = report_json();
    same_ref["ref"] = json!("clinic-2026-0099");
    // Four of the forty carry the same new ref (0, 13, 26, 39).
    let bodies: Vec<Value> = (0..40).map(|i| if i % 13 == 0 { same_ref.clone() } else { report_json() }).collect();
    let mut posts = tokio::task::JoinSet::new();
    for body in bodies {
        let (client, url) = (app.client.clone(), format!("{}/api/v1/reports", app.address));
        posts.spawn(async move {
            let r = client.post(url).header("content-type", "application/json").body(body.to_string()).send();
            let r = r.await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap_or(Value::Null))
        });
    }
    let answers = posts.join_all().await;
    let mut statuses: Vec<u16> = answers.iter().map(|(status, _)| *status).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [vec![201; 37], vec![409; 3]].concat(), "{answers:?}");
    let receipts: std::collections::HashSet<&str> =
        answers.iter().filter_map(|(_, body)| body["receipt"].as_str()).collect();
    assert_eq!(receipts.len(), 37);
    for shown in receipts {
        let receipt = Receipt::parse(shown).unwrap();
        let found = app.store.report_by_receipt_index(&receipt_key.index(&receipt)).await.unwrap().unwrap();
        assert!(receipt_key.verify(&receipt, Some(&found.receipt_hash)));
        assert!(team.open_report(&found.report).is_ok());
    }
    assert_eq!(app.store.report_count().await.unwrap(), 40);

    // A team key added while the server runs seals the reports from the next second on.
    let second = register_team(&app.store).await;
    tokio::time::sleep(std::time::Duration::from_millis(1_100)).await;
    let (status, body) = app.submit_report(&report_json()).await;
    assert_eq!(status, 201, "{body}");
    let receipt = Receipt::parse(body["receipt"].as_str().unwrap()).unwrap();
    let found = app.store.report_by_receipt_index(&receipt_key.index(&receipt)).await.unwrap().unwrap();
    assert!(second.open_report(&found.report).is_ok(), "the new key opens it");
    assert!(team.open_report(&found.report).is_ok(), "and so does the first");
}

#[tokio::test]
async fn reports_are_sealed_and_answered_with_a_receipt_on_sqlite() {
    let app = spawn_desk(generous()).await;
    intake_story(&app).await;
    // The database file and its WAL hold nothing of what was reported.
    let db_file = app.db_file.clone().unwrap();
    for path in [db_file.clone(), db_file.with_extension("db-wal")] {
        let text = String::from_utf8_lossy(&std::fs::read(&path).unwrap_or_default()).into_owned();
        for word in CONTENT {
            assert!(!text.contains(word), "{word:?} is readable in {}", path.display());
        }
    }
}

/// A server that finds its receipt key file gone while receipts exist stops with a clear
/// error instead of making a new key under which no old receipt would find its report.
#[tokio::test]
async fn a_missing_receipt_key_file_is_refused_while_receipts_exist() {
    let app = spawn_desk(generous()).await;
    let key_file = app.receipt_key_file().unwrap();
    let build = |settings: Settings| {
        let store = app.store.clone();
        async move {
            let mut settings = settings;
            settings.server.listen = "127.0.0.1:0".parse().unwrap();
            shieldcheck_server::Application::build(settings, store).await.map(drop)
        }
    };
    let kept = std::fs::read_to_string(&key_file).unwrap();
    // No receipt yet: a missing key file is simply made again.
    std::fs::remove_file(&key_file).unwrap();
    build(generous()).await.unwrap();
    assert!(key_file.exists());
    // The running server's key back in place, and a report submitted to it.
    std::fs::write(&key_file, &kept).unwrap();
    register_team(&app.store).await;
    let (status, _) = app.submit_report(&report_json()).await;
    assert_eq!(status, 201);
    assert_eq!(app.store.receipt_count().await.unwrap(), 1);

    std::fs::remove_file(&key_file).unwrap();
    let refused = build(generous()).await.expect_err("a new key over existing receipts");
    let message = refused.to_string();
    assert!(message.contains("receipt key file") && message.contains("1 stored reports"), "{message}");
    assert!(!key_file.exists(), "no new key was made");

    // Restored from a backup, it starts again; a key set in the settings is the operator's call.
    std::fs::write(&key_file, &kept).unwrap();
    build(generous()).await.unwrap();
    std::fs::remove_file(&key_file).unwrap();
    let mut chosen = generous();
    chosen.receipts.key = Some(kept.trim().to_owned().into());
    build(chosen).await.unwrap();
    assert!(!key_file.exists());
}

#[tokio::test]
async fn reports_are_sealed_and_answered_with_a_receipt_on_postgres() {
    let Some(db) = TestDb::postgres("reports_are_sealed_and_answered_with_a_receipt_on_postgres").await else {
        return;
    };
    // Servers sharing one PostgreSQL share the receipt key through their settings.
    let app = db.spawn(with_receipt_key(generous())).await;
    intake_story(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn postgres_without_a_receipt_key_refuses_reports_but_serves() {
    let Some(db) = TestDb::postgres("postgres_without_a_receipt_key_refuses_reports_but_serves").await else {
        return;
    };
    register_team(&db.store).await;
    let app = db.spawn(generous()).await;
    let base = app.address.clone();
    let client = reqwest::Client::new();
    let r = client.post(format!("{base}/api/v1/reports")).json(&report_json()).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 503);
    assert_eq!(r.json::<Value>().await.unwrap()["error"]["code"], "reports_unavailable");
    assert_eq!(client.get(format!("{base}/api/v1/health")).send().await.unwrap().status().as_u16(), 200);
    app.stop().await;
}

#[tokio::test]
async fn hostile_reports_get_stable_codes_and_store_nothing() {
    let logs = log_buffer();
    let app = spawn_desk(generous()).await;
    register_team(&app.store).await;

    let long = json!({"narrative": "a".repeat(20_001)});
    // Nesting far past any parser's depth: refused as JSON the report cannot hold,
    // without recursing (the server must not overflow its stack).
    let deep = format!("{{\"incident\": {{\"place\": {{\"kind\": {}{}}}}}}}", "[".repeat(100_000), "]".repeat(100_000));
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("invalid UTF-8", b"{\"narrative\": \"caf\xc3\x28\"}".to_vec(), 400, "invalid_utf8"),
        ("cut off", br#"{"narrative": "Tocaron a"#.to_vec(), 400, "invalid_json"),
        ("deeply nested", deep.into_bytes(), 400, "invalid_json"),
        ("20,001 characters", long.to_string().into_bytes(), 422, "too_long"),
        ("10 MB", vec![b' '; 10 * 1024 * 1024], 413, "payload_too_large"),
        ("unknown enum value", br#"{"asks": ["asked_for_papers"]}"#.to_vec(), 422, "unknown_value"),
        ("unknown field", br#"{"narrative": "x", "nationality": "y"}"#.to_vec(), 422, "unknown_field"),
        ("nothing reported", br#"{"language": "es"}"#.to_vec(), 422, "nothing_reported"),
        ("not an object", b"[1, 2]".to_vec(), 422, "wrong_type"),
    ];
    for (what, body, status, code) in cases {
        let (got, answer) = app.submit_report_raw("application/json", body).await;
        assert_eq!((got, answer["error"]["code"].as_str()), (status, Some(code)), "{what}: {answer}");
    }
    // Every problem of a report comes back, each with its field.
    let bad = json!({"narrative": "", "claims": {"titles": ["detective", "sheriff"]}, "actors": {"count": 0}});
    let (status, answer) = app.submit_report(&bad).await;
    assert_eq!(status, 422, "{answer}");
    let details = answer["error"]["details"].as_array().unwrap();
    assert_eq!(details[0]["field"], "claims.titles[1]");
    assert_eq!(details[0]["code"], "unknown_value");
    assert_eq!(answer["error"]["field"], "claims.titles[1]");
    let (status, answer) = app.submit_report(&json!({"narrative": "", "actors": {"count": 0}})).await;
    assert_eq!(status, 422);
    let fields: Vec<&str> =
        answer["error"]["details"].as_array().unwrap().iter().map(|d| d["field"].as_str().unwrap()).collect();
    assert!(fields.contains(&"narrative") && fields.contains(&"actors.count"), "{answer}");
    let (status, answer) = app.submit_report_raw("text/plain", report_json().to_string().into_bytes()).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (415, Some("unsupported_media_type")));
    assert_eq!(app.store.report_count().await.unwrap(), 0, "nothing of a refused report is stored");

    // A good report after all that still goes in, and nothing of any report was logged.
    assert_eq!(app.submit_report(&report_json()).await.0, 201);
    let text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(text.contains("/reports"), "requests are logged by route");
    for word in CONTENT.iter().chain(&["MarkerAgent", "asked_for_papers", "nationality"]) {
        let line = text.lines().find(|l| l.contains(word));
        assert!(line.is_none(), "the log holds {word:?}: {line:?}");
    }
}

#[tokio::test]
async fn the_report_schema_is_published() {
    let app = spawn_desk(generous()).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let post = &doc["paths"]["/reports"]["post"];
    assert!(post["responses"]["201"].is_object(), "{post}");
    let content = &post["requestBody"]["content"];
    assert!(content["application/json"].is_object(), "{post}");
    let multipart = &content["multipart/form-data"]["schema"];
    assert!(!multipart.is_null(), "the multipart form with photos is documented: {post}");
    let with_photos = &schemas_of(&doc)["ReportWithPhotos"];
    assert!(with_photos["properties"]["attachment"].is_object(), "{with_photos}");
    let schemas = &doc["components"]["schemas"];
    let report = &schemas["Report"];
    assert!(report["properties"]["narrative"].is_object(), "{report}");
    assert!(report["properties"]["ref"].is_object(), "{report}");
    assert!(schemas["ReceiptResponse"].is_object());
    assert!(schemas["Ask"]["enum"].as_array().unwrap().iter().any(|v| v == "come_to_precinct"), "{}", schemas["Ask"]);
}

fn schemas_of(doc: &Value) -> &Value {
    &doc["components"]["schemas"]
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A report with photos, as multipart: stored with its receipt, each photo sealed twice (the
/// original byte for byte, and a copy without EXIF/GPS/XMP/comments that is still a JPEG);
/// refused photos store nothing of the report; JSON bodies still work.
async fn photos_story(app: &TestApp) {
    let team = register_team(&app.store).await;
    let report = report_json().to_string();
    let (content_type, body) = multipart_body(&[
        ("report", None, Some("application/json"), report.as_bytes()),
        ("attachment", Some("IMG_0042.jpg"), Some("image/jpeg"), PHOTO),
        ("attachment", Some("IMG_0043.jpg"), None, PHOTO),
    ]);
    let (status, answer) = app.submit_report_raw(&content_type, body).await;
    assert_eq!(status, 201, "{answer}");
    let receipt = Receipt::parse(answer["receipt"].as_str().unwrap()).unwrap();
    let found = app.lookup(&receipt).await.unwrap();
    let sent = Report::from_json(report.as_bytes()).unwrap();
    let stored = team.open_report(&found).unwrap();
    assert_eq!(Report { source: None, submitted_at: None, ..stored }, sent, "the report is the JSON part");
    let files = app.store.sealed_attachments(found.id, found.id, None).await.unwrap();
    assert_eq!(files.len(), 4, "two photos, each original and stripped");
    for file in &files {
        let bytes = team.open_bytes(&file.ciphertext, 1 << 24).unwrap();
        match file.variant {
            AttachmentVariant::Original => assert_eq!(bytes, PHOTO, "the original comes back byte for byte"),
            AttachmentVariant::Stripped => {
                for secret in [&b"Exif"[..], b"MM\0\x2A", b"PhoneMake", b"xmpmeta", b"ICC_PROFILE", b"Post Ave"] {
                    assert!(!contains(&bytes, secret), "{secret:?} survived in the analysts' copy");
                }
                assert!(bytes.starts_with(&[0xFF, 0xD8]) && bytes.ends_with(&[0xFF, 0xD9]));
                assert_eq!(strip_jpeg(&bytes).unwrap(), bytes, "a well-formed JPEG with nothing left to strip");
            }
        }
    }
    assert_eq!(app.store.attachment_count().await.unwrap(), 2);

    // Hostile photos: a clear stable code each, and nothing of the report stored.
    let reports_before = app.store.report_count().await.unwrap();
    let mut garbage_segment = PHOTO[..2].to_vec();
    garbage_segment.extend_from_slice(b"\x00garbage where a segment should be");
    garbage_segment.extend_from_slice(&PHOTO[2..]);
    let too_many: Vec<FormPart<'_>> = std::iter::once(("report", None, None, report.as_bytes()))
        .chain((0..5).map(|_| ("attachment", Some("p.jpg"), Some("image/jpeg"), PHOTO)))
        .collect();
    let cases: Vec<(&str, Vec<FormPart<'_>>, u16, &str)> = vec![
        (
            "not a JPEG at all",
            vec![
                ("report", None, None, report.as_bytes()),
                ("attachment", Some("x.jpg"), Some("image/jpeg"), b"GIF89a\x01\x00 not a jpeg"),
            ],
            422,
            "invalid_attachment",
        ),
        (
            "cut off",
            vec![
                ("report", None, None, report.as_bytes()),
                ("attachment", Some("x.jpg"), Some("image/jpeg"), &PHOTO[..PHOTO.len() / 2]),
            ],
            422,
            "invalid_attachment",
        ),
        (
            "garbage segment",
            vec![
                ("report", None, None, report.as_bytes()),
                ("attachment", Some("x.jpg"), Some("image/jpeg"), &garbage_segment),
            ],
            422,
            "invalid_attachment",
        ),
        (
            "a PDF",
            vec![
                ("report", None, None, report.as_bytes()),
                ("attachment", Some("x.pdf"), Some("application/pdf"), b"%PDF-1.7"),
            ],
            422,
            "invalid_attachment",
        ),
        (
            "empty",
            vec![("report", None, None, report.as_bytes()), ("attachment", Some("x.jpg"), Some("image/jpeg"), b"")],
            422,
            "invalid_attachment",
        ),
        ("five photos", too_many, 422, "too_many_attachments"),
        (
            "a bad report with a good photo",
            vec![("report", None, None, br#"{"language": "es"}"#), ("attachment", None, None, PHOTO)],
            422,
            "nothing_reported",
        ),
        ("no report part", vec![("attachment", None, None, PHOTO)], 422, "invalid_request"),
        (
            "an unknown part",
            vec![("report", None, None, report.as_bytes()), ("nationality", None, None, b"x")],
            422,
            "invalid_request",
        ),
        (
            "two reports",
            vec![("report", None, None, report.as_bytes()), ("report", None, None, report.as_bytes())],
            422,
            "invalid_request",
        ),
        (
            "a report that is not JSON",
            vec![("report", None, Some("text/plain"), report.as_bytes())],
            415,
            "unsupported_media_type",
        ),
    ];
    for (what, parts, status, code) in cases {
        let (content_type, body) = multipart_body(&parts);
        let (got, answer) = app.submit_report_raw(&content_type, body).await;
        assert_eq!((got, answer["error"]["code"].as_str()), (status, Some(code)), "{what}: {answer}");
        assert!(!answer.to_string().contains("GIF89a"), "the answer never quotes the file");
    }
    let (got, answer) =
        app.submit_report_raw("multipart/form-data; boundary=abc", b"--abc\r\nno headers end".to_vec()).await;
    assert_eq!((got, answer["error"]["code"].as_str()), (400, Some("malformed_multipart")), "{answer}");
    let (got, answer) = app.submit_report_raw("multipart/form-data", b"x".to_vec()).await;
    assert_eq!((got, answer["error"]["code"].as_str()), (400, Some("malformed_multipart")), "{answer}");
    assert_eq!(app.store.report_count().await.unwrap(), reports_before, "no refused report is half-stored");
    assert_eq!(app.store.attachment_count().await.unwrap(), 2);
    // JSON keeps working beside multipart.
    assert_eq!(app.submit_report(&report_json()).await.0, 201);
}

#[tokio::test]
async fn photos_are_sealed_twice_and_stripped_on_sqlite() {
    let app = spawn_desk(generous()).await;
    photos_story(&app).await;
    // Neither the database nor its WAL holds the photo's GPS or camera in the clear.
    let db_file = app.db_file.clone().unwrap();
    for path in [db_file.clone(), db_file.with_extension("db-wal")] {
        let bytes = std::fs::read(&path).unwrap_or_default();
        for secret in [&b"PhoneMake"[..], b"Author Secret", b"Post Ave"] {
            assert!(!contains(&bytes, secret), "{secret:?} is readable in {}", path.display());
        }
    }
}

#[tokio::test]
async fn photos_are_sealed_twice_and_stripped_on_postgres() {
    let Some(db) = TestDb::postgres("photos_are_sealed_twice_and_stripped_on_postgres").await else { return };
    let app = db.spawn(with_receipt_key(generous())).await;
    photos_story(&app).await;
    app.stop().await;
}

/// The limits come from the settings: a photo over `max_attachment_bytes` is refused with
/// 413 `attachment_too_large`, a body over every photo at its limit with `payload_too_large`.
#[tokio::test]
async fn photo_limits_come_from_the_settings() {
    let mut settings = generous();
    settings.reports.max_attachment_bytes = PHOTO.len() - 1;
    settings.reports.max_attachments = 1;
    let app = spawn_desk(settings).await;
    register_team(&app.store).await;
    let report = report_json().to_string();
    let (content_type, body) =
        multipart_body(&[("report", None, None, report.as_bytes()), ("attachment", None, None, PHOTO)]);
    let (status, answer) = app.submit_report_raw(&content_type, body).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (413, Some("attachment_too_large")), "{answer}");
    let small = &PHOTO[..PHOTO.len() - 1];
    let (content_type, body) = multipart_body(&[
        ("report", None, None, report.as_bytes()),
        ("attachment", None, None, small),
        ("attachment", None, None, small),
    ]);
    let (status, answer) = app.submit_report_raw(&content_type, body).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (422, Some("too_many_attachments")), "{answer}");
    let huge = vec![0u8; 2 * 1024 * 1024];
    let (content_type, body) =
        multipart_body(&[("report", None, None, report.as_bytes()), ("attachment", None, None, &huge)]);
    let (status, answer) = app.submit_report_raw(&content_type, body).await;
    assert_eq!((status, answer["error"]["code"].as_str()), (413, Some("payload_too_large")), "{answer}");
    assert_eq!(app.store.report_count().await.unwrap(), 0);
}

/// Group commit: whatever reports end up in one transaction, a report that cannot be stored
/// fails alone, and every other one is stored and answered.
async fn group_commit_story(store: Arc<dyn Store>) {
    use shieldcheck_casefile::sealed_report::{NewReport, ReceiptRecord, TeamKeys};
    use shieldcheck_service::reports::GroupCommit;
    let team = register_team(&store).await;
    let keys = TeamKeys::from_records(&store.team_recipients().await.unwrap()).unwrap();
    let key = ReceiptKey::generate();
    let writer = GroupCommit::start(store.clone());
    let report = Report::from_json(report_json().to_string().as_bytes()).unwrap();
    let mut rows = Vec::new();
    for _ in 0..30 {
        let (record, _) = key.record(&Receipt::generate()).unwrap();
        rows.push(
            NewReport::seal(
                &report,
                &keys,
                shieldcheck_report::Source::Web,
                shieldcheck_report::UnixTime::EPOCH,
                Some(record),
            )
            .unwrap(),
        );
    }
    // Row 29 reuses row 3's receipt index, which the database keeps unique.
    let clash = ReceiptRecord { index: rows[3].receipt.as_ref().unwrap().index, ..rows[29].receipt.clone().unwrap() };
    rows[29].receipt = Some(clash);
    let mut inserts = tokio::task::JoinSet::new();
    for (i, row) in rows.into_iter().enumerate() {
        let writer = writer.clone();
        inserts.spawn(async move { (i, writer.insert(row).await.map(|inserted| inserted.created)) });
    }
    let mut outcomes = inserts.join_all().await;
    outcomes.sort_by_key(|(i, _)| *i);
    let failed: Vec<usize> = outcomes.iter().filter(|(_, r)| r.is_err()).map(|(i, _)| *i).collect();
    // Whichever of the two reached the database second is refused; nothing else is.
    assert!(failed == [3] || failed == [29], "{failed:?}");
    assert!(outcomes.iter().all(|(_, r)| r.as_ref().map_or(true, |created| *created)));
    assert_eq!(store.report_count().await.unwrap(), 29);
    let page = store.sealed_reports_after(0, 100).await.unwrap();
    assert!(page.iter().all(|stored| team.open_report(stored).is_ok()));
}

#[tokio::test]
async fn group_commit_isolates_a_failing_report_on_sqlite() {
    let db = TestDb::sqlite().await;
    group_commit_story(db.store.clone()).await;
}

#[tokio::test]
async fn group_commit_isolates_a_failing_report_on_postgres() {
    let Some(db) = TestDb::postgres("group_commit_isolates_a_failing_report_on_postgres").await else { return };
    group_commit_story(db.store.clone()).await;
    db.close().await;
}
