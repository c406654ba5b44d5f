//! The server as a client sees it: each test starts the real server on a free port with its
//! own database (SQLite; PostgreSQL too when `SHIELDCHECK_TEST_POSTGRES_URL` is set).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::{Value, json};
use shieldcheck_claim::roster::parse_roster;
use shieldcheck_nypd::registry::Registry;
use shieldcheck_server::Application;
use shieldcheck_service::i18n::Lang;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::testing::{POSTGRES_URL_VAR, ScratchPostgres};
use shieldcheck_store::{OpenOptions, Store};

/// Follow-up with a receipt, API and page (its own file, in this one test binary).
mod followup;
/// The questionnaire at `/report` (its own file, in this one test binary).
mod report_page;
/// `POST /api/v1/reports` and sealed storage (its own file, in this one test binary).
mod reports;

const ROSTER: &str = "\
member_id,last_name,first_name,rank,shield_number,tax_registry_number,command_code,squad,status,photo_sha256
M0012345,Rivera,Ana,Detective Second Grade,4471,948213,34,Detective Squad,active,
M0098765,Chen,Wei,Police Officer,4471,951002,NBMN,Narcotics,active,
M0011111,Okafor,James,Lieutenant,,912345,TD4,,active,
M0022222,O'Brien,Michael,Sergeant,1234,900001,75,,suspended,
M0033333,García-López,María José,Detective Third Grade,5150,900002,18,,active,
";

/// Every roster value a response must never contain unless the client sent it.
const SECRETS: &[&str] = &["M0012345", "M0098765", "948213", "951002", "912345", "Okafor", "O'Brien", "García"];

/// Log lines of every server in this test binary.
fn log_buffer() -> Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = buffer.clone();
        let subscriber = tracing_subscriber::fmt()
            // Everything the server side logs, at debug level; the test's own HTTP client is
            // left out (it naturally knows the server's address).
            .with_env_filter("debug,hyper_util::client=off,reqwest=off")
            .with_ansi(false)
            .with_writer(move || LogWriter(writer.clone()))
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
        buffer
    })
    .clone()
}

struct LogWriter(Arc<Mutex<Vec<u8>>>);

impl Write for LogWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

struct TestApp {
    base: String,
    client: reqwest::Client,
    _dir: Option<tempfile::TempDir>,
    db_file: Option<std::path::PathBuf>,
}

impl TestApp {
    async fn post_claim(&self, body: Value) -> (u16, Value) {
        let r = self.client.post(format!("{}/api/v1/claims/check", self.base)).json(&body).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    async fn raw(&self, content_type: &str, body: Vec<u8>) -> (u16, Value) {
        let r = self
            .client
            .post(format!("{}/api/v1/claims/check", self.base))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.unwrap()
    }
}

async fn start(store: Arc<dyn Store>, settings: Settings) -> String {
    let members = parse_roster(ROSTER.as_bytes(), Registry::nypd()).unwrap();
    store.replace_roster(&members, "test").await.unwrap();
    let mut settings = settings;
    settings.server.listen = "127.0.0.1:0".parse().unwrap();
    let app = Application::build(settings, store).await.unwrap();
    let base = format!("http://{}", app.local_addr().unwrap());
    tokio::spawn(app.run_until_stopped());
    base
}

async fn spawn_sqlite(settings: Settings) -> TestApp {
    let _ = log_buffer();
    let dir = tempfile::tempdir().unwrap();
    let db_file = dir.path().join("test.db");
    let store =
        shieldcheck_store::open(&format!("sqlite://{}", db_file.display()), &OpenOptions::default()).await.unwrap();
    let base = start(store, settings).await;
    TestApp { base, client: reqwest::Client::new(), _dir: Some(dir), db_file: Some(db_file) }
}

fn generous() -> Settings {
    let mut s = Settings::default();
    s.rate_limit.client_burst = 10_000;
    s.rate_limit.global_burst = 10_000;
    s
}

/// The checks a resident makes, on any backend.
async fn claims_story(app: &TestApp) {
    let (status, body) =
        app.post_claim(json!({"name": "Det. Ana Rivera", "shield_number": "4471", "command": "the three-four"})).await;
    assert_eq!(status, 200);
    assert_eq!(body["result"], "matches_active_member");
    assert_eq!(body["language"], "en");
    let desk = body["next_steps"].as_array().unwrap().iter().find(|s| s["kind"] == "call_desk").unwrap();
    let registry_phone = Registry::nypd().command("34").unwrap().desk_phone.clone().unwrap();
    assert_eq!(desk["phone"], registry_phone.as_str());
    assert!(body["next_steps"].as_array().unwrap().iter().any(|s| s["phone"] == "911"));
    assert!(body["next_steps"].as_array().unwrap().iter().any(|s| s["phone"] == "311"));

    let cases = [
        (json!({"name": "Rivera", "rank": "Police Officer", "shield_number": "4471"}), "no_match"),
        (
            json!({"name": "PO Chen", "shield_number": "4471", "command": "Manhattan North narcotics"}),
            "matches_active_member",
        ),
        (json!({"name": "Rivera", "rank": "detective", "shield_number": "4471", "command": "75 pct"}), "no_match"),
        (json!({"name": "Sgt. Michael O'Brien", "shield_number": "1234"}), "member_not_active"),
        (json!({"name": "Lt. Okafor", "tax_registry_number": "912345", "command": "TD 4"}), "matches_active_member"),
        (json!({"name": "Lt. Okafor", "shield_number": "912345"}), "insufficient"),
        (
            json!({"name": "M. J. Garcia Lopez", "rank": "detective", "shield_number": "5150", "command": "Midtown North"}),
            "matches_active_member",
        ),
        (json!({"name": "Smith", "command": "immigration squad"}), "unit_not_in_nypd"),
        (json!({"shield_number": "4471"}), "insufficient"),
        (json!({}), "insufficient"),
        (json!({"name": "Rivera' OR '1'='1", "rank": "detective", "shield_number": "4471' OR '1'='1"}), "no_match"),
        (json!({"name": "Rivera; DROP TABLE roster_members;--", "tax_registry_number": "1 OR 1=1"}), "no_match"),
    ];
    for (claim, want) in cases {
        let (status, body) = app.post_claim(claim.clone()).await;
        assert_eq!((status, body["result"].as_str().unwrap()), (200, want), "{claim}");
        let text = body.to_string();
        for secret in SECRETS {
            assert!(!text.contains(secret), "{claim} revealed {secret}: {text}");
        }
    }
    // The roster survived the metacharacters.
    let (_, body) = app.post_claim(json!({"name": "Rivera", "rank": "detective", "shield_number": "4471"})).await;
    assert_eq!(body["result"], "matches_active_member");
}

#[tokio::test]
async fn claim_checks_on_sqlite() {
    let app = spawn_sqlite(generous()).await;
    claims_story(&app).await;
}

#[tokio::test]
async fn claim_checks_on_postgres() {
    let Some(db) = ScratchPostgres::create().await.unwrap() else {
        skipped(&format!("SKIPPED claim_checks_on_postgres: set {POSTGRES_URL_VAR} to run it"));
        return;
    };
    let _ = log_buffer();
    let store = shieldcheck_store::PostgresStore::open(&db.url, &OpenOptions::default()).await.unwrap();
    let base = start(Arc::new(store.clone()), generous()).await;
    let app = TestApp { base, client: reqwest::Client::new(), _dir: None, db_file: None };
    claims_story(&app).await;
    store.close().await;
    db.drop_database().await.unwrap();
}

#[tokio::test]
async fn answers_come_in_the_users_language() {
    let app = spawn_sqlite(generous()).await;
    let claim = json!({"name": "Rivera", "rank": "detective", "shield_number": "4471", "command": "34"});
    let r = app
        .client
        .post(format!("{}/api/v1/claims/check", app.base))
        .header("accept-language", "ar-EG,ar;q=0.9,en;q=0.5")
        .json(&claim)
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["language"], "ar");
    assert!(body["answer"].as_str().unwrap().chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
    let r = app.client.post(format!("{}/api/v1/claims/check?lang=es", app.base)).json(&claim).send().await.unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["language"], "es");
    assert_ne!(body["answer"], "");
}

#[tokio::test]
async fn hostile_requests_get_stable_codes_and_change_nothing() {
    let mut settings = generous();
    settings.server.max_body_bytes = 4096;
    let app = spawn_sqlite(settings).await;
    let expect = |got: (u16, Value), status: u16, code: &str| {
        assert_eq!(got.0, status, "{}", got.1);
        assert_eq!(got.1["error"]["code"], code, "{}", got.1);
        let message = got.1["error"]["message"].as_str().unwrap();
        assert!(!message.is_empty());
        for internal in ["sqlx", "panicked", "src/", "SELECT", "serde"] {
            assert!(!message.contains(internal), "{message}");
        }
    };
    expect(app.raw("application/json", vec![b' '; 10 * 1024 * 1024]).await, 413, "payload_too_large");
    expect(app.raw("application/json", b"{\"name\": ".to_vec()).await, 400, "malformed_json");
    expect(app.raw("application/json", b"{\"name\": \"\xff\xfe\"}".to_vec()).await, 400, "malformed_json");
    expect(app.raw("text/plain", b"{}".to_vec()).await, 415, "unsupported_media_type");
    expect(app.raw("application/json", b"[1,2]".to_vec()).await, 422, "invalid_request");
    expect(app.post_claim(json!({"name": "Rivera", "badge": "4471"})).await, 422, "invalid_request");
    expect(app.post_claim(json!({"name": 4471})).await, 422, "invalid_request");
    let nested = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    // Deep nesting is refused at its first bracket, long before any recursion limit.
    expect(app.raw("application/json", nested.into_bytes()).await, 422, "invalid_request");
    let nested_field = format!("{{\"name\": {}{}}}", "[".repeat(1000), "]".repeat(1000));
    expect(app.raw("application/json", nested_field.into_bytes()).await, 422, "invalid_request");
    let long = app.post_claim(json!({"name": "x".repeat(10_000)})).await;
    expect(long, 413, "payload_too_large");
    let long = app.post_claim(json!({"name": "x".repeat(300), "shield_number": "1"})).await;
    expect(long.clone(), 422, "field_too_long");
    assert_eq!(long.1["error"]["field"], "name");
    expect(app.post_claim(json!({"name": "Rivera\u{202E}", "shield_number": "1"})).await, 422, "invalid_characters");
    expect(app.post_claim(json!({"name": "Rivera", "command": "34\u{0007}"})).await, 422, "invalid_characters");
    let r = app.get("/api/v1/no-such-route").await;
    assert_eq!(r.status().as_u16(), 404);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    // Nothing changed: the roster still answers.
    let (_, body) = app.post_claim(json!({"name": "Rivera", "rank": "detective", "shield_number": "4471"})).await;
    assert_eq!(body["result"], "matches_active_member");
}

#[tokio::test]
async fn a_client_over_its_budget_gets_429() {
    let mut settings = Settings::default();
    settings.rate_limit.client_burst = 3;
    settings.rate_limit.client_per_minute = 1;
    let app = spawn_sqlite(settings).await;
    for _ in 0..3 {
        assert_eq!(app.post_claim(json!({"name": "Rivera"})).await.0, 200);
    }
    let r = app.client.post(format!("{}/api/v1/claims/check", app.base)).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "60");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // The form is limited by the same budget.
    let r = app.client.post(format!("{}/verify", app.base)).form(&[("name", "Rivera")]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
}

#[tokio::test]
async fn every_api_route_is_in_the_openapi_document() {
    let app = spawn_sqlite(generous()).await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    assert_eq!(doc["servers"][0]["url"], "/api/v1");
    let paths = doc["paths"].as_object().unwrap();
    let mut documented: Vec<(String, String)> = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.clone(), path.clone()));
        }
    }
    documented.sort();
    // Each documented route is served.
    for (method, path) in &documented {
        let url = format!("{}/api/v1{path}", app.base);
        let r = match method.as_str() {
            "get" => app.client.get(url).send().await.unwrap(),
            "post" => app.client.post(url).json(&json!({})).send().await.unwrap(),
            other => panic!("unexpected method {other}"),
        };
        let status = r.status().as_u16();
        // A 404 with a JSON error body is the route answering "nothing published yet".
        let routed = status != 405
            && (status != 404
                || r.json::<Value>()
                    .await
                    .is_ok_and(|b| b["error"]["code"] == "not_found" && path.starts_with("/status-lists")));
        assert!(routed, "{method} {path} is documented but not served");
    }
    // The served routes are exactly the documented ones: the API router is built only from
    // `routes!`, and this list is what the crate serves today.
    let served = [
        ("get", "/health"),
        ("get", "/openapi.json"),
        ("get", "/status-lists/1"),
        ("post", "/claims/check"),
        ("post", "/enrolments"),
        ("post", "/followup"),
        ("post", "/followup/addenda"),
        ("post", "/followup/messages"),
        ("post", "/reports"),
        ("post", "/verify"),
    ];
    let served: Vec<(String, String)> = served.iter().map(|(m, p)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(documented, served);
    assert_eq!(shieldcheck_server::openapi().paths.paths.len(), paths.len());
    let schema = &doc["components"]["schemas"]["ClaimRequest"];
    assert_eq!(schema["additionalProperties"], false, "unknown fields are refused: {schema}");
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let app = spawn_sqlite(generous()).await;
    for path in ["/", "/verify", "/precincts", "/api/v1/health", "/nope", "/static/style.css"] {
        let r = app.get(path).await;
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("http:") && !csp.contains("https:") && !csp.contains('*'), "{path}: {csp}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(h.get("strict-transport-security").is_none(), "no HSTS over plain HTTP");
    }
    let mut settings = generous();
    settings.server.behind_tls = true;
    let tls = spawn_sqlite(settings).await;
    assert!(tls.get("/verify").await.headers()["strict-transport-security"].to_str().unwrap().contains("max-age="));
}

#[tokio::test]
async fn pages_render_in_all_twelve_languages() {
    let app = spawn_sqlite(generous()).await;
    for lang in Lang::ALL {
        for path in ["/", "/verify", "/precincts"] {
            let r = app.get(&format!("{path}?lang={}", lang.tag())).await;
            assert_eq!(r.status().as_u16(), 200);
            let html = r.text().await.unwrap();
            assert!(
                html.contains(&format!("<html lang=\"{}\" dir=\"{}\">", lang.tag(), lang.dir())),
                "{path} {lang:?}"
            );
            assert!(!html.contains("http://") && !html.contains("https://"), "{path} {lang:?} links elsewhere");
            assert!(html.len() < 100_000, "{path} {lang:?} is {} bytes", html.len());
        }
    }
    // The form answers in every language, real and made-up claims alike.
    for lang in Lang::ALL {
        for (shield, want) in [("4471", "matches_active_member"), ("4470", "no_match")] {
            let form =
                [("name", "Det. Ana Rivera"), ("shield_number", shield), ("command", "34"), ("lang", lang.tag())];
            let r = app.client.post(format!("{}/verify", app.base)).form(&form).send().await.unwrap();
            let html = r.text().await.unwrap();
            assert!(html.contains(&format!("data-result=\"{want}\"")), "{lang:?} {shield}");
            assert!(html.contains(&format!("<html lang=\"{}\"", lang.tag())));
            assert!(html.contains("tel:+12129279711"), "{lang:?}: the 34th Precinct's real desk phone");
        }
    }
    let r = app.client.get(format!("{}/verify", app.base)).header("accept-language", "ur-PK").send().await.unwrap();
    assert!(r.text().await.unwrap().contains("<html lang=\"ur\" dir=\"rtl\">"));
}

#[tokio::test]
async fn the_form_answers_without_javascript_and_escapes_input() {
    let app = spawn_sqlite(generous()).await;
    let form = [
        ("name", "Det. Ana Rivera"),
        ("rank", "detective"),
        ("shield_number", "4471"),
        ("command", "34 pct"),
        ("lang", "es"),
    ];
    let html = app.client.post(format!("{}/verify", app.base)).form(&form).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-result=\"matches_active_member\""), "{html}");
    assert!(html.contains("<html lang=\"es\""));
    assert!(html.contains("tel:+1"), "the precinct desk is offered");

    let hostile =
        [("name", "<script>alert(1)</script>"), ("shield_number", "\"><img src=x onerror=alert(1)>"), ("rank", "")];
    let html =
        app.client.post(format!("{}/verify", app.base)).form(&hostile).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("<script>alert"), "input must be escaped");
    assert!(!html.contains("<img src=x"), "input must be escaped");
    assert!(html.contains("data-result=\"insufficient\"") || html.contains("data-result=\"no_match\""));

    let long = "x".repeat(300);
    let bad = [("name", long.as_str()), ("shield_number", "1")];
    let r = app.client.post(format!("{}/verify", app.base)).form(&bad).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("aria-invalid=\"true\"") && html.contains("role=\"alert\""));
}

#[tokio::test]
async fn nothing_about_the_client_is_logged_or_stored() {
    let logs = log_buffer();
    let app = spawn_sqlite(generous()).await;
    let marker = "Zyxwvutsrq";
    for _ in 0..3 {
        app.client
            .post(format!("{}/api/v1/claims/check", app.base))
            .header("user-agent", "MarkerAgent/9.9")
            .header("x-forwarded-for", "198.51.100.77")
            .json(&json!({"name": marker, "shield_number": "86753091", "command": "34"}))
            .send()
            .await
            .unwrap();
        app.client
            .post(format!("{}/verify", app.base))
            .header("user-agent", "MarkerAgent/9.9")
            .form(&[("name", marker), ("shield_number", "86753091")])
            .send()
            .await
            .unwrap();
    }
    let text = String::from_utf8_lossy(&logs.lock().unwrap()).into_owned();
    assert!(text.contains("/claims/check"), "requests are logged by route: {text}");
    for forbidden in [marker, "MarkerAgent", "127.0.0.1", "198.51.100.77", "86753091"] {
        let line = text.lines().find(|l| l.contains(forbidden));
        assert!(line.is_none(), "the log holds {forbidden:?}: {line:?}");
    }
    let db = std::fs::read(app.db_file.as_ref().unwrap()).unwrap();
    let wal = std::fs::read(app.db_file.as_ref().unwrap().with_extension("db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(marker) && !text.contains("MarkerAgent") && !text.contains("127.0.0.1"));
    }
}

#[tokio::test]
async fn credentials_verify_online_and_revocation_counts_within_a_second() {
    use shieldcheck_credential::{CredentialClaims, IssuerKey, issue, present};
    use shieldcheck_nypd::rank::Rank;
    use shieldcheck_store::{CredentialRecord, CredentialStatus, IssuerKeyRecord};

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/v.db", dir.path().display());
    let store = shieldcheck_store::open(&url, &OpenOptions::default()).await.unwrap();
    let issuer = IssuerKey::from_secret(b"k1".to_vec(), &[3u8; 32]);
    store
        .add_issuer_key(&IssuerKeyRecord {
            kid: "k1".into(),
            public_key: issuer.public().to_bytes().to_vec(),
            sealed_secret: "not used here".into(),
            created_at: 0,
            retired_at: None,
        })
        .await
        .unwrap();
    let now = shieldcheck_service::clock::now();
    let record = CredentialRecord {
        member_id: "M0012345".into(),
        kid: "k1".into(),
        status_index: 99,
        issued_at: now,
        expires_at: now + 86_400,
        status: CredentialStatus::Valid,
    };
    assert!(store.add_credential(&record).await.unwrap());
    let device = p256::ecdsa::SigningKey::from_bytes(&[5u8; 32].into()).unwrap();
    let claims = CredentialClaims {
        issuer: "shieldcheck:nypd".into(),
        member_id: "M0012345".into(),
        last_name: "Rivera".into(),
        first_name: "Ana".into(),
        rank: Rank::DetectiveSecondGrade,
        shield_number: Some("4471".into()),
        tax_registry_number: None,
        command_code: "34".into(),
        squad: None,
        photo_hash: None,
        issued_at: now,
        not_before: now,
        expires: now + 86_400,
        status_uri: shieldcheck_service::credentials::STATUS_LIST_URI.into(),
        status_index: 99,
        device_key: device.verifying_key().to_encoded_point(false).as_bytes().to_vec(),
    };
    let credential = issue(&claims, &issuer).unwrap();
    let base = start(store.clone(), generous()).await;
    let client = reqwest::Client::new();
    let verify = |payload: String| {
        let client = client.clone();
        let base = base.clone();
        async move {
            let r =
                client.post(format!("{base}/api/v1/verify")).json(&json!({"payload": payload})).send().await.unwrap();
            assert_eq!(r.status().as_u16(), 200);
            r.json::<Value>().await.unwrap()
        }
    };
    let body = verify(present(&credential, &device, now, None)).await;
    assert_eq!(body["result"], "valid", "{body}");
    assert_eq!(body["member"]["name"], "Ana Rivera");
    assert_eq!(body["member"]["command"], "34th Precinct");
    assert!(body["member"].get("member_id").is_none(), "the opaque member id is never shown");
    store.set_credential_status("M0012345", CredentialStatus::Revoked, now).await.unwrap();
    // The service re-reads keys and statuses every second.
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let now = shieldcheck_service::clock::now();
    assert_eq!(verify(present(&credential, &device, now, None)).await["result"], "revoked");
    assert_eq!(verify("SC1:nonsense".into()).await["result"], "malformed");
    let keys: Value =
        client.get(format!("{base}/.well-known/shieldcheck/keys")).send().await.unwrap().json().await.unwrap();
    assert_eq!(keys["keys"][0]["kid"], "k1");
    assert_eq!(keys["keys"][0]["crv"], "Ed25519");
    assert_eq!(keys["keys"][0]["x"].as_str().unwrap().len(), 43, "32 bytes in base64url");
    assert!(!keys.to_string().contains("not used here"), "no sealed secret is published");
    let r =
        client.post(format!("{base}/api/v1/verify")).json(&json!({"payload": "x", "extra": 1})).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 422);
}

#[tokio::test]
async fn officers_enrol_once_with_a_one_time_code() {
    use shieldcheck_credential::keyset::base64url_encode;
    use shieldcheck_credential::sealed::SealedSecret;
    use shieldcheck_service::issuer::{Issuer, enrolment_code_hash, new_enrolment_code};
    use shieldcheck_store::IssuerKeyRecord;

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/e.db", dir.path().display());
    let store = shieldcheck_store::open(&url, &OpenOptions::default()).await.unwrap();
    let secret = [9u8; 32];
    let public = shieldcheck_credential::IssuerKey::from_secret(b"k1".to_vec(), &secret).public();
    let sealed =
        SealedSecret::seal_with_cost(b"enrolment passphrase", &secret, b"k1", [1; 16], [2; 24], 64, 1).unwrap();
    store
        .add_issuer_key(&IssuerKeyRecord {
            kid: "k1".into(),
            public_key: public.to_bytes().to_vec(),
            sealed_secret: sealed.to_text(),
            created_at: 0,
            retired_at: None,
        })
        .await
        .unwrap();
    assert!(Issuer::open(store.as_ref(), b"wrong passphrase").await.is_err());
    let issuer = Issuer::open(store.as_ref(), b"enrolment passphrase").await.unwrap();
    assert!(!format!("{issuer:?}").contains("09"), "Debug shows the key id only");
    let now = shieldcheck_service::clock::now();
    let code = new_enrolment_code();
    store.add_enrolment_code(&enrolment_code_hash(&code).unwrap(), "M0012345", now, now + 3600).await.unwrap();
    let retired = new_enrolment_code();
    store.add_enrolment_code(&enrolment_code_hash(&retired).unwrap(), "M0022222", now, now + 3600).await.unwrap();

    // Without the issuer key the service verifies but does not enrol.
    let members = parse_roster(ROSTER.as_bytes(), Registry::nypd()).unwrap();
    store.replace_roster(&members, "test").await.unwrap();
    let mut settings = generous();
    settings.server.listen = "127.0.0.1:0".parse().unwrap();
    let closed = Application::build(settings.clone(), store.clone()).await.unwrap();
    let closed_base = format!("http://{}", closed.local_addr().unwrap());
    tokio::spawn(closed.run_until_stopped());
    let app = Application::build_with_issuer(settings, store.clone(), Some(issuer)).await.unwrap();
    let base = format!("http://{}", app.local_addr().unwrap());
    tokio::spawn(app.run_until_stopped());

    let device = p256::ecdsa::SigningKey::from_bytes(&[6u8; 32].into()).unwrap();
    let point = device.verifying_key().to_encoded_point(false);
    let jwk = json!({"kty": "EC", "crv": "P-256", "x": base64url_encode(point.x().unwrap()), "y": base64url_encode(point.y().unwrap())});
    let client = reqwest::Client::new();
    let enrol = |base: String, body: Value| {
        let client = client.clone();
        async move {
            let r = client.post(format!("{base}/api/v1/enrolments")).json(&body).send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }
    };
    let (status, body) = enrol(closed_base, json!({"code": code, "device_public_key": jwk})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (503, Some("enrolment_unavailable")));

    for (bad_key, why) in [
        (json!({"kty": "EC", "crv": "P-256", "x": "AAAA", "y": "AAAA"}), "short coordinates"),
        (json!({"kty": "EC", "crv": "P-384", "x": jwk["x"], "y": jwk["y"]}), "another curve"),
        (json!({"kty": "EC", "crv": "P-256", "x": jwk["x"], "y": jwk["x"]}), "a point off the curve"),
        (json!({"kty": "EC", "crv": "P-256", "x": jwk["x"], "y": jwk["y"], "d": "AAAA"}), "a private key"),
    ] {
        let (status, body) = enrol(base.clone(), json!({"code": code, "device_public_key": bad_key})).await;
        assert_eq!((status, body["error"]["code"].as_str()), (422, Some("invalid_device_key")), "{why}");
    }
    for wrong in ["AAAA-AAAA-AAAA", "not a code", "", "ÄÄÄÄ-ÄÄÄÄ-ÄÄÄÄ"] {
        let (status, body) = enrol(base.clone(), json!({"code": wrong, "device_public_key": jwk})).await;
        assert_eq!((status, body["error"]["code"].as_str()), (403, Some("invalid_enrolment_code")), "{wrong}");
    }
    // A bad key did not use the code up; typing it in lower case without dashes works.
    let typed = code.to_lowercase().replace('-', "");
    let (status, body) = enrol(base.clone(), json!({"code": typed, "device_public_key": jwk})).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["member"]["name"], "Ana Rivera");
    assert_eq!(body["member"]["command_phone"].as_str().map(str::is_empty), Some(false));
    let (status, body) = enrol(base.clone(), json!({"code": code, "device_public_key": jwk})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("invalid_enrolment_code")), "used once");
    let (status, body) = enrol(base.clone(), json!({"code": retired, "device_public_key": jwk})).await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("member_not_active")), "{body}");

    // The credential the device received presents and verifies; the status list was signed.
    let credential =
        shieldcheck_credential::keyset::base64url_decode(enrol_credential(&client, &base, &store, &jwk).await.as_str())
            .unwrap();
    let payload = shieldcheck_credential::present(&credential, &device, now, None);
    let r = client.post(format!("{base}/api/v1/verify")).json(&json!({"payload": payload})).send().await.unwrap();
    assert_eq!(r.json::<Value>().await.unwrap()["result"], "valid");
    let list = client.get(format!("{base}/api/v1/status-lists/1")).send().await.unwrap();
    assert_eq!(list.status().as_u16(), 200);
}

/// Makes a fresh code for Ana Rivera and enrols `jwk` with it; returns the credential.
async fn enrol_credential(client: &reqwest::Client, base: &str, store: &Arc<dyn Store>, jwk: &Value) -> String {
    use shieldcheck_service::issuer::{enrolment_code_hash, new_enrolment_code};
    let now = shieldcheck_service::clock::now();
    let code = new_enrolment_code();
    store.add_enrolment_code(&enrolment_code_hash(&code).unwrap(), "M0012345", now, now + 60).await.unwrap();
    let r = client
        .post(format!("{base}/api/v1/enrolments"))
        .json(&json!({"code": code, "device_public_key": jwk}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 201);
    r.json::<Value>().await.unwrap()["credential"].as_str().unwrap().to_owned()
}

/// Says a test was skipped on the real standard error, past the test harness's capture, so
/// that a plain `cargo test` shows it.
/// A `multipart/form-data` body as a browser builds it, from (name, file name, content type,
/// bytes) parts; the content type to send it with.
/// One part of a multipart body: name, file name, content type, bytes.
type FormPart<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

fn multipart_body(parts: &[FormPart<'_>]) -> (String, Vec<u8>) {
    let boundary = "----shieldcheckTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, filename, content_type, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"").as_bytes());
        if let Some(filename) = filename {
            body.extend_from_slice(format!("; filename=\"{filename}\"").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        if let Some(content_type) = content_type {
            body.extend_from_slice(format!("Content-Type: {content_type}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A phone photo: a JPEG with EXIF GPS, XMP, an ICC profile and a comment (the core's tests
/// check what it carries).
const PHOTO: &[u8] = include_bytes!("../../report/tests/data/photo-exif-gps.jpg");

fn skipped(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
