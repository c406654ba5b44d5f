//! The one harness of this test binary, and of the server's benchmarks (which include this
//! file): [`spawn_app`] starts the real server on a free port with its own database (SQLite;
//! PostgreSQL through [`TestDb::postgres`] when `SHIELDCHECK_TEST_POSTGRES_URL` is set) and the
//! roster of `shieldcheck_claim::testing::city`, and gives back a [`TestApp`]: the address, the
//! store, an HTTP client and the requests every module makes. What differs between tests is
//! an option: the database ([`TestDb`], prepared before the server starts when a test needs
//! that), the settings, an open issuer key.

// Each test module, and each benchmark, uses a part of the harness.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

use shieldcheck_casefile::receipt::{Receipt, ReceiptKey};
use shieldcheck_casefile::sealed_report::{SealedReport, TeamIdentity};
use shieldcheck_claim::roster::parse_roster;
use shieldcheck_nypd::registry::Registry;
use shieldcheck_server::Application;
use shieldcheck_service::issuer::Issuer;
use shieldcheck_service::reports::ReportDesk;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::Store;
use shieldcheck_store::testing::{POSTGRES_URL_VAR, ScratchStore};

/// Log lines of every server in this test binary.
pub fn log_buffer() -> Arc<Mutex<Vec<u8>>> {
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

/// Default settings with the rate limits out of the way.
pub fn generous() -> Settings {
    let mut s = Settings::default();
    s.rate_limit.client_burst = 10_000;
    s.rate_limit.global_burst = 10_000;
    s
}

/// `settings` with a receipt key of their own, as servers sharing one PostgreSQL share it.
pub fn with_receipt_key(mut settings: Settings) -> Settings {
    let hex: String = (0..32).map(|i| format!("{:02x}", i * 7)).collect();
    settings.receipts.key = Some(hex.into());
    settings
}

/// Registers a new case-team key in `store`; its identity opens what is sealed from then on.
pub async fn register_team(store: &Arc<dyn Store>) -> TeamIdentity {
    shieldcheck_store::testing::register_team(store.as_ref()).await.unwrap()
}

/// A test's database before the server starts on it (to store what the server must find
/// when it starts).
#[derive(Debug)]
pub struct TestDb {
    pub store: Arc<dyn Store>,
    scratch: ScratchStore,
    _dir: tempfile::TempDir,
}

impl TestDb {
    /// A fresh SQLite file in a temporary folder.
    pub async fn sqlite() -> TestDb {
        let dir = tempfile::tempdir().unwrap();
        let scratch = ScratchStore::sqlite(dir.path(), "test.db").await.unwrap();
        TestDb { store: scratch.store.clone(), scratch, _dir: dir }
    }

    /// A fresh PostgreSQL database, or `None` (and a SKIPPED line naming `test`) when
    /// `SHIELDCHECK_TEST_POSTGRES_URL` is not set.
    pub async fn postgres(test: &str) -> Option<TestDb> {
        let Some(scratch) = ScratchStore::postgres().await.unwrap() else {
            skipped(&format!("SKIPPED {test}: set {POSTGRES_URL_VAR} to run it"));
            return None;
        };
        Some(TestDb { store: scratch.store.clone(), scratch, _dir: tempfile::tempdir().unwrap() })
    }

    /// The server on this database, with the test roster, its log captured.
    pub async fn spawn(self, settings: Settings) -> TestApp {
        self.spawn_with_issuer(settings, None).await
    }

    /// As [`TestDb::spawn`], holding the open issuer key (officers can enrol).
    pub async fn spawn_with_issuer(self, settings: Settings, issuer: Option<Issuer>) -> TestApp {
        let _ = log_buffer();
        self.start(settings, issuer).await
    }

    /// As [`TestDb::spawn_with_issuer`], leaving the log alone (for the benchmarks).
    pub async fn start(self, settings: Settings, issuer: Option<Issuer>) -> TestApp {
        let members = parse_roster(shieldcheck_claim::testing::city().as_bytes(), Registry::nypd()).unwrap();
        self.store.replace_roster(&members, "test").await.unwrap();
        let receipts = settings.receipts.clone();
        let address = serve(&self.store, settings, issuer).await;
        TestApp {
            address,
            client: reqwest::Client::new(),
            store: self.store.clone(),
            db_file: self.scratch.file.clone(),
            receipts,
            db: self,
        }
    }

    /// Closes the store and drops a PostgreSQL database.
    pub async fn close(self) {
        self.scratch.close().await.unwrap();
    }
}

/// Builds and runs a server on `store` on a free port; its address (`http://…`).
pub async fn serve(store: &Arc<dyn Store>, mut settings: Settings, issuer: Option<Issuer>) -> String {
    settings.server.listen = "127.0.0.1:0".parse().unwrap();
    let app = Application::build_with_issuer(settings, store.clone(), issuer).await.unwrap();
    let address = format!("http://{}", app.local_addr().unwrap());
    tokio::spawn(app.run_until_stopped());
    address
}

/// The server of SQLite tests with the given settings.
pub async fn spawn_app_with(settings: Settings) -> TestApp {
    TestDb::sqlite().await.spawn(settings).await
}

/// The server on a fresh SQLite database with [`generous`] settings.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(generous()).await
}

/// A running server and what a test looks at.
#[derive(Debug)]
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub address: String,
    pub client: reqwest::Client,
    pub store: Arc<dyn Store>,
    /// The SQLite file; `None` on PostgreSQL.
    pub db_file: Option<PathBuf>,
    receipts: shieldcheck_service::settings::ReceiptSettings,
    db: TestDb,
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.unwrap()
    }

    /// The file the server keeps its receipt key in, beside the SQLite database.
    pub fn receipt_key_file(&self) -> Option<PathBuf> {
        self.db_file.as_ref().map(|f| f.with_extension("db.receipt-key"))
    }

    /// The server's receipt key: the one in its settings, or the file it made (owner-only)
    /// beside the database.
    pub fn receipt_key(&self) -> ReceiptKey {
        if let Some(hex) = &self.receipts.key {
            return ReceiptKey::from_hex(hex).unwrap();
        }
        let key_file = self.receipt_key_file().expect("a receipt key in the settings or a file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(std::fs::metadata(&key_file).unwrap().permissions().mode() & 0o777, 0o600);
        }
        ReceiptKey::load_or_create(&key_file).unwrap()
    }

    /// A report desk holding the server's receipt key.
    pub fn report_desk(&self) -> ReportDesk {
        ReportDesk::new(&self.receipts, self.receipt_key_file()).unwrap()
    }

    /// Follow-up's lookup, through the server's own function and the server's receipt key.
    pub async fn lookup(&self, receipt: &Receipt) -> Option<SealedReport> {
        shieldcheck_service::reports::lookup(self.store.as_ref(), &self.report_desk(), receipt).await.unwrap()
    }

    /// Closes the store and drops a PostgreSQL database.
    pub async fn stop(self) {
        self.db.close().await;
    }
}

/// One part of a multipart body: name, file name, content type, bytes.
pub type FormPart<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

/// A `multipart/form-data` body as a browser builds it; the content type to send it with.
pub fn multipart_body(parts: &[FormPart<'_>]) -> (String, Vec<u8>) {
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
pub const PHOTO: &[u8] = include_bytes!("../../../report/tests/data/photo-exif-gps.jpg");

/// Says a test was skipped on the real standard error, past the test harness's capture, so
/// that a plain `cargo test` shows it.
pub fn skipped(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// Registers the known-answer issuer key (`shieldcheck_credential::testing`) in `store` and
/// issues Ana Rivera (M0012345) a credential valid from `at` for a day, at index 99 of the
/// service's status list, recorded as valid; the credential and its device key.
pub async fn issue_credential(store: &Arc<dyn Store>, at: i64) -> (Vec<u8>, p256::ecdsa::SigningKey) {
    use shieldcheck_credential::{CredentialClaims, issue, testing};
    use shieldcheck_store::{CredentialRecord, CredentialStatus, IssuerKeyRecord};

    let issuer = testing::issuer();
    let kid = String::from_utf8(testing::KID.to_vec()).unwrap();
    store
        .add_issuer_key(&IssuerKeyRecord {
            kid: kid.clone(),
            public_key: issuer.public().to_bytes().to_vec(),
            sealed_secret: "not used here".into(),
            created_at: 0,
            retired_at: None,
        })
        .await
        .unwrap();
    let record = CredentialRecord {
        member_id: "M0012345".into(),
        kid,
        status_index: 99,
        issued_at: at,
        expires_at: at + 86_400,
        status: CredentialStatus::Valid,
    };
    assert!(store.add_credential(&record).await.unwrap());
    let device = testing::device(testing::DEVICE_SEED);
    let claims = CredentialClaims {
        status_uri: shieldcheck_service::credentials::STATUS_LIST_URI.into(),
        status_index: 99,
        device_key: testing::device_public(&device),
        ..testing::claims_valid(at, at + 86_400)
    };
    (issue(&claims, &issuer).unwrap(), device)
}
