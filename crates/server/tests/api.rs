//! The server as a client sees it: each test starts the real server on a free port with its
//! own database (SQLite; PostgreSQL too when `SHIELDCHECK_TEST_POSTGRES_URL` is set).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use serde_json::{Value, json};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_service::i18n::Lang;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::Store;

use helpers::{TestApp, TestDb, generous, log_buffer, spawn_app, spawn_app_with};

/// Follow-up with a receipt, API and page (its own file, in this one test binary).
mod followup;
/// The one harness of this test binary: `spawn_app()` and `TestApp`.
mod helpers;
/// The questionnaire at `/report` (its own file, in this one test binary).
mod report_page;
/// `POST /api/v1/reports` and sealed storage (its own file, in this one test binary).
mod reports;

/// Every roster value a response must never contain unless the client sent it.
const SECRETS: &[&str] = &["M0012345", "M0098765", "948213", "951002", "912345", "Okafor", "O'Brien", "García"];

/// `POST /api/v1/claims/check`.
impl TestApp {
    async fn post_claim(&self, body: Value) -> (u16, Value) {
        let r = self.client.post(format!("{}/api/v1/claims/check", self.address)).json(&body).send().await.unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }

    async fn post_claim_raw(&self, content_type: &str, body: Vec<u8>) -> (u16, Value) {
        let r = self
            .client
            .post(format!("{}/api/v1/claims/check", self.address))
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        (status, r.json().await.unwrap())
    }
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
    let app = spawn_app().await;
    claims_story(&app).await;
}

#[tokio::test]
async fn claim_checks_on_postgres() {
    let Some(db) = TestDb::postgres("claim_checks_on_postgres").await else { return };
    let app = db.spawn(generous()).await;
    claims_story(&app).await;
    app.stop().await;
}

#[tokio::test]
async fn answers_come_in_the_users_language() {
    let app = spawn_app().await;
    let claim = json!({"name": "Rivera", "rank": "detective", "shield_number": "4471", "command": "34"});
    let r = app
        .client
        .post(format!("{}/api/v1/claims/check", app.address))
        .header("accept-language", "ar-EG,ar;q=0.9,en;q=0.5")
        .json(&claim)
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["language"], "ar");
    assert!(body["answer"].as_str().unwrap().chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)));
    let r = app.client.post(format!("{}/api/v1/claims/check?lang=es", app.address)).json(&claim).send().await.unwrap();
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["language"], "es");
    assert_ne!(body["answer"], "");
}

#[tokio::test]
async fn hostile_requests_get_stable_codes_and_change_nothing() {
    let mut settings = generous();
    settings.server.max_body_bytes = 4096;
    let app = spawn_app_with(settings).await;
    let expect = |got: (u16, Value), status: u16, code: &str| {
        assert_eq!(got.0, status, "{}", got.1);
        assert_eq!(got.1["error"]["code"], code, "{}", got.1);
        let message = got.1["error"]["message"].as_str().unwrap();
        assert!(!message.is_empty());
        for internal in ["sqlx", "panicked", "src/", "SELECT", "serde"] {
            assert!(!message.contains(internal), "{message}");
        }
    };
    expect(app.post_claim_raw("application/json", vec![b' '; 10 * 1024 * 1024]).await, 413, "payload_too_large");
    expect(app.post_claim_raw("application/json", b"{\"name\": ".to_vec()).await, 400, "malformed_json");
    expect(app.post_claim_raw("application/json", b"{\"name\": \"\xff\xfe\"}".to_vec()).await, 400, "malformed_json");
    expect(app.post_claim_raw("text/plain", b"{}".to_vec()).await, 415, "unsupported_media_type");
    expect(app.post_claim_raw("application/json", b"[1,2]".to_vec()).await, 422, "invalid_request");
    expect(app.post_claim(json!({"name": "Rivera", "badge": "4471"})).await, 422, "invalid_request");
    expect(app.post_claim(json!({"name": 4471})).await, 422, "invalid_request");
    let nested = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
    // Deep nesting is refused at its first bracket, long before any recursion limit.
    expect(app.post_claim_raw("application/json", nested.into_bytes()).await, 422, "invalid_request");
    let nested_field = format!("{{\"name\": {}{}}}", "[".repeat(1000), "]".repeat(1000));
    expect(app.post_claim_raw("application/json", nested_field.into_bytes()).await, 422, "invalid_request");
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
    let app = spawn_app_with(settings).await;
    for _ in 0..3 {
        assert_eq!(app.post_claim(json!({"name": "Rivera"})).await.0, 200);
    }
    let r = app.client.post(format!("{}/api/v1/claims/check", app.address)).json(&json!({})).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "60");
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["error"]["code"], "rate_limited");
    // The form is limited by the same budget.
    let r = app.client.post(format!("{}/verify", app.address)).form(&[("name", "Rivera")]).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
}

#[tokio::test]
async fn every_api_route_is_in_the_openapi_document() {
    let app = spawn_app().await;
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
        let url = format!("{}/api/v1{path}", app.address);
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
    let app = spawn_app().await;
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
    let tls = spawn_app_with(settings).await;
    assert!(tls.get("/verify").await.headers()["strict-transport-security"].to_str().unwrap().contains("max-age="));
}

#[tokio::test]
async fn pages_render_in_all_twelve_languages() {
    let app = spawn_app().await;
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
            let r = app.client.post(format!("{}/verify", app.address)).form(&form).send().await.unwrap();
            let html = r.text().await.unwrap();
            assert!(html.contains(&format!("data-result=\"{want}\"")), "{lang:?} {shield}");
            assert!(html.contains(&format!("<html lang=\"{}\"", lang.tag())));
            assert!(html.contains("tel:+12129279711"), "{lang:?}: the 34th Precinct's real desk phone");
        }
    }
    let r = app.client.get(format!("{}/verify", app.address)).header("accept-language", "ur-PK").send().await.unwrap();
    assert!(r.text().await.unwrap().contains("<html lang=\"ur\" dir=\"rtl\">"));
}

#[tokio::test]
async fn the_form_answers_without_javascript_and_escapes_input() {
    let app = spawn_app().await;
    let form = [
        ("name", "Det. Ana Rivera"),
        ("rank", "detective"),
        ("shield_number", "4471"),
        ("command", "34 pct"),
        ("lang", "es"),
    ];
    let html =
        app.client.post(format!("{}/verify", app.address)).form(&form).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("data-result=\"matches_active_member\""), "{html}");
    assert!(html.contains("<html lang=\"es\""));
    assert!(html.contains("tel:+1"), "the precinct desk is offered");

    let hostile =
        [("name", "<script>alert(1)</script>"), ("shield_number", "\"><img src=x onerror=alert(1)>"), ("rank", "")];
    let html =
        app.client.post(format!("{}/verify", app.address)).form(&hostile).send().await.unwrap().text().await.unwrap();
    assert!(!html.contains("<script>alert"), "input must be escaped");
    assert!(!html.contains("<img src=x"), "input must be escaped");
    assert!(html.contains("data-result=\"insufficient\"") || html.contains("data-result=\"no_match\""));

    let long = "x".repeat(300);
    let bad = [("name", long.as_str()), ("shield_number", "1")];
    let r = app.client.post(format!("{}/verify", app.address)).form(&bad).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("aria-invalid=\"true\"") && html.contains("role=\"alert\""));
}

#[tokio::test]
async fn nothing_about_the_client_is_logged_or_stored() {
    let logs = log_buffer();
    let app = spawn_app().await;
    let marker = "Zyxwvutsrq";
    for _ in 0..3 {
        app.client
            .post(format!("{}/api/v1/claims/check", app.address))
            .header("user-agent", "MarkerAgent/9.9")
            .header("x-forwarded-for", "198.51.100.77")
            .json(&json!({"name": marker, "shield_number": "86753091", "command": "34"}))
            .send()
            .await
            .unwrap();
        app.client
            .post(format!("{}/verify", app.address))
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
    use shieldcheck_credential::present;
    use shieldcheck_store::CredentialStatus;

    let db = TestDb::sqlite().await;
    let now = shieldcheck_service::clock::now().as_secs();
    let (credential, device) = helpers::issue_credential(&db.store, now).await;
    let store = db.store.clone();
    let app = db.spawn(generous()).await;
    let base = app.address.clone();
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
    let now = shieldcheck_service::clock::now().as_secs();
    assert_eq!(verify(present(&credential, &device, now, None)).await["result"], "revoked");
    assert_eq!(verify("SC1:nonsense".into()).await["result"], "malformed");
    let keys: Value =
        client.get(format!("{base}/.well-known/shieldcheck/keys")).send().await.unwrap().json().await.unwrap();
    assert_eq!(keys["keys"][0]["kid"].as_str().map(str::as_bytes), Some(shieldcheck_credential::testing::KID));
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

    let db = TestDb::sqlite().await;
    let store = db.store.clone();
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
    let now = shieldcheck_service::clock::now().as_secs();
    let code = new_enrolment_code();
    store.add_enrolment_code(&enrolment_code_hash(&code).unwrap(), "M0012345", now, now + 3600).await.unwrap();
    let retired = new_enrolment_code();
    store.add_enrolment_code(&enrolment_code_hash(&retired).unwrap(), "M0022222", now, now + 3600).await.unwrap();

    // Without the issuer key the service verifies but does not enrol.
    let app = db.spawn_with_issuer(generous(), Some(issuer)).await;
    let closed_base = helpers::serve(&store, generous(), None).await;
    let base = app.address.clone();

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
    let now = shieldcheck_service::clock::now().as_secs();
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
