//! Issue 4, point 9: a report is acknowledged only once it is durably committed. The real
//! `shieldcheck serve` takes a load of API submissions from several clients and is killed with
//! SIGKILL at a seeded moment while requests are in flight; restarted on the same database,
//! every receipt it gave out must find its report, which must open with the team identity and
//! be exactly what was sent. On SQLite, and on PostgreSQL when `SHIELDCHECK_TEST_POSTGRES_URL`
//! is set.
//!
//! The assertions never depend on timing: which reports were in flight when the server died
//! changes from run to run, and those may be stored or not, but an acknowledged one must be
//! there every time. A SIGKILL leaves the operating system's page cache intact, so this test
//! shows that nothing is acknowledged before its commit; it cannot tell `synchronous=FULL`
//! from `NORMAL` (that difference appears only when the machine itself loses power).

use std::collections::{HashMap, HashSet};
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::{Rng as _, SeedableRng as _};
use serde_json::Value;
use shieldcheck_casefile::sealed_report::TeamIdentity;
use shieldcheck_service::reports::{Receipt, ReportDesk, lookup};
use shieldcheck_service::settings::ReceiptSettings;
use shieldcheck_store::OpenOptions;

use super::{database, good_lines, run};
use crate::common::{HANG, RunningServer, skipped, text};

/// Clients submitting at the same time: well above the server's Argon2 slots (one per core),
/// so that at any moment several reports wait in the server, sealed or half-way to the commit.
const CLIENTS: usize = 8;
/// Acknowledged reports before the kill: at least this many, up to this many more (seeded).
const MIN_ACKNOWLEDGED: usize = 50;
const EXTRA_ACKNOWLEDGED: usize = 15;
/// Requests sent and not yet answered when the kill is sent, at least.
const MIN_IN_FLIGHT: usize = 2;

#[test]
fn acknowledged_reports_survive_sigkill_on_sqlite() {
    crash_during_submissions(false, "acknowledged_reports_survive_sigkill_on_sqlite");
}

#[test]
fn acknowledged_reports_survive_sigkill_on_postgres() {
    crash_during_submissions(true, "acknowledged_reports_survive_sigkill_on_postgres");
}

/// A report the server answered with 201: its receipt, and what was sent.
#[derive(Debug, Clone)]
struct Acknowledged {
    receipt: String,
    marker: String,
    sent: Value,
}

/// What the clients saw, shared between them.
#[derive(Default)]
struct Load {
    /// Markers of every report whose request was started, answered or not.
    sent: Mutex<HashSet<String>>,
    acknowledged: Mutex<Vec<Acknowledged>>,
    acknowledged_count: AtomicUsize,
    /// Requests written to the server and not yet answered.
    in_flight: AtomicUsize,
    /// Set just before the kill: a failed connection after it is the crash, before it a bug.
    killed: AtomicBool,
    /// Anything but a 201 while the server was alive.
    failures: Mutex<Vec<String>>,
}

fn crash_during_submissions(postgres: bool, test: &str) {
    let dir = tempfile::tempdir().unwrap();
    // Declared before the servers, so dropped after them: the scratch PostgreSQL database is
    // dropped only once no server uses it.
    let Some(db) = database(dir.path(), postgres, test) else { return };
    let url = db.url.clone();

    let seed = std::env::var("SHIELDCHECK_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or_else(|| rand::rng().random());
    // Printed so that a failure can be replayed with the same kill point.
    eprintln!("{test}: SHIELDCHECK_CRASH_SEED={seed}");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let threshold = MIN_ACKNOWLEDGED + rng.random_range(0..=EXTRA_ACKNOWLEDGED);
    // A pause after the threshold moves the kill to another phase of the requests in flight
    // (sealing, Argon2, the commit, writing the answer).
    let pause = Duration::from_millis(rng.random_range(0..=150));

    let out = run(dir.path(), &url, &["team-keys", "init", "--out", "team.txt"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let identity =
        TeamIdentity::from_file_text(&std::fs::read_to_string(dir.path().join("team.txt")).unwrap()).unwrap();
    // SQLite keeps the receipt key in a file beside the database; a PostgreSQL server has it
    // only from its settings, and the checks below need the same one.
    let receipt_key: Option<String> =
        postgres.then(|| (0..32).map(|_| format!("{:02x}", rng.random::<u8>())).collect());
    let env: Vec<(&str, String)> = receipt_key.iter().map(|key| ("SHIELDCHECK_RECEIPTS__KEY", key.clone())).collect();

    let mut server = RunningServer::start(dir.path(), &url, &env);
    let load = Arc::new(Load::default());
    let templates = Arc::new(templates());
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let (load, templates, addr) = (load.clone(), templates.clone(), server.addr);
            std::thread::spawn(move || submit_until_killed(client, seed, addr, &templates, &load))
        })
        .collect();

    let started = Instant::now();
    let wait_for = |what: &str, done: &dyn Fn() -> bool, server: &RunningServer| {
        while !done() {
            assert!(started.elapsed() < HANG, "the server seems hung waiting for {what}:\n{}", server.log());
            assert!(load.failures.lock().unwrap().is_empty(), "{:?}\n{}", load.failures.lock().unwrap(), server.log());
            std::thread::sleep(Duration::from_millis(2));
        }
    };
    wait_for("acknowledgements", &|| load.acknowledged_count.load(Ordering::SeqCst) >= threshold, &server);
    std::thread::sleep(pause);
    wait_for("requests in flight", &|| load.in_flight.load(Ordering::SeqCst) >= MIN_IN_FLIGHT, &server);
    load.killed.store(true, Ordering::SeqCst);
    let in_flight_at_kill = load.in_flight.load(Ordering::SeqCst);
    // `Child::kill` is SIGKILL on Unix: no shutdown code runs, nothing is flushed.
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    for client in clients {
        client.join().unwrap();
    }
    let failures = load.failures.lock().unwrap().clone();
    assert!(failures.is_empty(), "requests failed while the server was up: {failures:?}\n{}", server.log());
    drop(server);

    let mut acknowledged = load.acknowledged.lock().unwrap().clone();
    let sent = load.sent.lock().unwrap().clone();
    let acknowledged_before_kill = acknowledged.len();
    assert!(acknowledged_before_kill >= threshold);

    if !postgres {
        check_sqlite_file(&dir.path().join("reports.db"));
    }

    // Restarted on the same database, the server recovers and takes reports again.
    let server = RunningServer::start(dir.path(), &url, &env);
    let mut after = templates[0].clone();
    let marker = format!("crash-{seed:016x}-after-restart");
    set_narrative(&mut after, &marker);
    let answer = post_report(server.addr, &after.to_string(), &AtomicUsize::new(0)).unwrap();
    assert_eq!(answer.status, 201, "{}\n{}", answer.body, server.log());
    let receipt = serde_json::from_str::<Value>(&answer.body).unwrap()["receipt"].as_str().unwrap().to_owned();
    acknowledged.push(Acknowledged { receipt, marker: marker.clone(), sent: after });
    let mut sent = sent;
    sent.insert(marker);

    let stored = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(check_acknowledged(&url, receipt_key, &identity, &acknowledged, &sent));
    eprintln!(
        "{test}: killed with {acknowledged_before_kill} reports acknowledged (threshold {threshold}) and \
         {in_flight_at_kill} in flight; after the restart all {} acknowledged are found, and {stored} of {} sent \
         are stored",
        acknowledged.len(),
        sent.len()
    );
    drop(server);
}

/// One client: submits reports, each with its own marker, until the server is gone.
fn submit_until_killed(client: usize, seed: u64, addr: SocketAddr, templates: &[Value], load: &Load) {
    for n in 0.. {
        if load.killed.load(Ordering::SeqCst) {
            return;
        }
        let marker = format!("crash-{seed:016x}-{client}-{n}");
        let mut report = templates[(client * 7 + n) % templates.len()].clone();
        set_narrative(&mut report, &marker);
        load.sent.lock().unwrap().insert(marker.clone());
        match post_report(addr, &report.to_string(), &load.in_flight) {
            Ok(Answer { status: 201, body }) => {
                let receipt =
                    serde_json::from_str::<Value>(&body).ok().and_then(|v| v["receipt"].as_str().map(str::to_owned));
                match receipt {
                    Some(receipt) => {
                        load.acknowledged.lock().unwrap().push(Acknowledged { receipt, marker, sent: report });
                        load.acknowledged_count.fetch_add(1, Ordering::SeqCst);
                    }
                    // An answer cut off by the kill: the reporter never saw a receipt.
                    None if load.killed.load(Ordering::SeqCst) => return,
                    None => load.failures.lock().unwrap().push(format!("201 without a receipt: {body}")),
                }
            }
            // Every report sent is valid: any refusal while the server runs is a bug
            // (a database busy under load, a queue that drops), whenever it happens.
            Ok(Answer { status, body }) => load.failures.lock().unwrap().push(format!("{status}: {body}")),
            Err(_) if load.killed.load(Ordering::SeqCst) => return,
            Err(e) => {
                load.failures.lock().unwrap().push(format!("client {client}: {e} while the server was up"));
                return;
            }
        }
    }
}

/// Checks, through the same receipt lookup follow-up uses, that every acknowledged receipt
/// finds a report that opens and is what was sent; then that every stored report, including
/// those committed but never acknowledged, opens and was sent once. Returns how many are stored.
async fn check_acknowledged(
    url: &str,
    receipt_key: Option<String>,
    identity: &TeamIdentity,
    acknowledged: &[Acknowledged],
    sent: &HashSet<String>,
) -> usize {
    let store = shieldcheck_store::open(url, &OpenOptions::default()).await.unwrap();
    let settings = ReceiptSettings { key: receipt_key.map(secrecy::SecretString::from), key_file: None };
    let desk = ReportDesk::new(&settings, store.sidecar_key_path()).unwrap();
    // Argon2 verifications dominate; the desk runs one per core at a time.
    let lookups: Vec<_> = acknowledged
        .iter()
        .map(|ack| {
            let (store, desk) = (store.clone(), desk.clone());
            let receipt = Receipt::parse(&ack.receipt).unwrap();
            tokio::spawn(async move { lookup(store.as_ref(), &desk, &receipt).await })
        })
        .collect();
    for (ack, found) in acknowledged.iter().zip(lookups) {
        let found = found.await.unwrap().unwrap();
        let sealed = found.unwrap_or_else(|| panic!("acknowledged receipt of {} is not stored", ack.marker));
        let opened = identity.open_report(&sealed).unwrap_or_else(|e| panic!("{}: {e}", ack.marker));
        let mut opened: Value = serde_json::from_str(&opened.to_json_line()).unwrap();
        let object = opened.as_object_mut().unwrap();
        // Set by the server for API reports, so not in what the client sent.
        assert_eq!(object.remove("source"), Some(Value::from("web")), "{}", ack.marker);
        assert!(object.remove("submitted_at").is_some(), "{}", ack.marker);
        assert_eq!(opened, ack.sent, "the report of {} is not what was sent", ack.marker);
    }

    let mut stored: HashMap<String, i64> = HashMap::new();
    let mut after = 0;
    loop {
        let page = store.sealed_reports_after(after, 500).await.unwrap();
        let Some(last) = page.last() else { break };
        after = last.id;
        for sealed in &page {
            let report = identity.open_report(sealed).unwrap_or_else(|e| panic!("report {}: {e}", sealed.id));
            let narrative = report.narrative.clone().unwrap_or_default();
            let marker = narrative.split(':').next().unwrap_or_default().to_owned();
            assert!(sent.contains(&marker), "report {} was never sent: {narrative:?}", sealed.id);
            assert!(stored.insert(marker, sealed.id).is_none(), "report {} is stored twice", sealed.id);
        }
    }
    assert_eq!(u64::try_from(stored.len()).unwrap(), store.report_count().await.unwrap());
    for ack in acknowledged {
        assert!(stored.contains_key(&ack.marker), "{} is missing from the full scan", ack.marker);
    }
    stored.len()
}

/// The SQLite file as the kill left it: intact, and still in WAL mode. Read-only, so that
/// this check neither recovers nor checkpoints anything before the server's restart does.
fn check_sqlite_file(path: &Path) {
    let sqlite3 = std::env::var("SHIELDCHECK_SQLITE3").unwrap_or_else(|_| "/usr/bin/sqlite3".into());
    if !Path::new(&sqlite3).exists() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but the sqlite3 tool ({sqlite3}) is missing: apt-get install sqlite3");
        }
        skipped(&format!("SKIPPED PRAGMA integrity_check after the crash: the sqlite3 tool ({sqlite3}) is missing"));
        return;
    }
    let out = Command::new(&sqlite3)
        .arg("-readonly")
        .arg(path)
        .arg("PRAGMA journal_mode; PRAGMA integrity_check;")
        .output()
        .unwrap();
    assert!(out.status.success(), "sqlite3: {}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().collect::<Vec<_>>(), ["wal", "ok"], "{}", text(&out.stderr));
}

/// Valid reports of every kind the contract allows; the server sets `source` and
/// `submitted_at`, and a `ref` must be new, so those are left out.
fn templates() -> Vec<Value> {
    good_lines()
        .into_iter()
        .map(|mut report| {
            let object = report.as_object_mut().unwrap();
            for server_set in ["ref", "source", "submitted_at"] {
                object.remove(server_set);
            }
            report
        })
        .collect()
}

/// Puts `marker` at the start of the narrative, before a colon: what identifies the report.
fn set_narrative(report: &mut Value, marker: &str) {
    let story = report["narrative"].as_str().unwrap_or_default().to_owned();
    report["narrative"] = Value::from(format!("{marker}: {story}"));
}

struct Answer {
    status: u16,
    body: String,
}

/// `POST /api/v1/reports` over a fresh connection. `in_flight` counts the request from when
/// it is fully written until its answer (or the connection's end) is read.
fn post_report(addr: SocketAddr, body: &str, in_flight: &AtomicUsize) -> std::io::Result<Answer> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(HANG))?;
    write!(
        stream,
        "POST /api/v1/reports HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    stream.flush()?;
    in_flight.fetch_add(1, Ordering::SeqCst);
    let mut response = Vec::new();
    let read = stream.read_to_end(&mut response);
    in_flight.fetch_sub(1, Ordering::SeqCst);
    read?;
    let response = String::from_utf8_lossy(&response);
    let (head, body) = response
        .split_once("\r\n\r\n")
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "no complete answer"))?;
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidData, head.to_owned()))?;
    Ok(Answer { status, body: body.to_owned() })
}
