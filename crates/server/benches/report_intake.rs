//! Durable report intake: `POST /api/v1/reports` through the real server against a baseline
//! that writes the same bytes with the same durability and does nothing else, in the same run.
//!
//!     cargo bench -p shieldcheck-server --bench report_intake
//!     SHIELDCHECK_TEST_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/test \
//!       cargo bench -p shieldcheck-server --bench report_intake
//!
//! For each backend (SQLite always, PostgreSQL when the URL is set, on a scratch database):
//!
//! - **API**: `SHIELDCHECK_BENCH_CLIENTS` (default 32) clients in this process each send a
//!   report (a typical one, about 1 KB of JSON) and wait for its `201` before sending the
//!   next, for `SHIELDCHECK_BENCH_SECS` (default 5) seconds. Each acknowledged report was
//!   parsed, validated, given a receipt (keyed index + keyed Argon2id verifier), sealed with age
//!   to the team key and committed (SQLite WAL `synchronous=FULL`, PostgreSQL commit).
//! - **Baseline**: as many tasks, each storing a report row of the same bytes (a ciphertext of
//!   the same length, a receipt index and verifier) through `Store::insert_report`, one durable
//!   transaction per report, with no HTTP, parsing, validation, hashing or encryption.
//! - **Baseline, grouped**: the same rows through the server's own group commit
//!   (`reports::GroupCommit`: the reports waiting when a commit ends go into the next
//!   transaction together), so the cost of everything but the write is seen apart from the
//!   way it is written.
//!
//! All are run twice, interleaved (baseline, API, grouped baseline, …), and the figures are
//! the means of the two rounds. The run starts by timing the parts of one submission on one
//! thread (parse and validate, the receipt's keyed Argon2id record, age sealing) so the
//! figures can be explained. Results are in docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use shieldcheck_casefile::receipt::{Receipt, ReceiptKey};
use shieldcheck_casefile::sealed_report::{NewReport, TeamKeys};
use shieldcheck_report::{Report, Source};
use shieldcheck_service::reports::GroupCommit;
use shieldcheck_service::settings::Settings;

/// The server's test harness (`TestDb`, `TestApp`), shared with its tests.
#[path = "../tests/helpers/mod.rs"]
mod helpers;

fn report_json() -> String {
    serde_json::json!({
        "language": "es",
        "incident": {"date": "2026-03-14", "time_of_day": "early_morning",
            "place": {"kind": "home", "precinct": 34, "description": "building on Post Ave near 207 St"}},
        "claims": {"agencies": ["NYPD"], "titles": ["detective"], "units": ["narcotics squad", "the three-four"],
            "names": ["Det. Rivera"], "shield_numbers": ["4471"], "showed": ["badge", "photo_of_person"],
            "verification_offered": "said I could call the 34th precinct at a number they wrote down"},
        "actors": {"count": 3, "description": "two men and a woman, plain clothes"},
        "vehicles": [{"kind": "suv", "color": "black", "make": "Ford", "model": "Explorer", "plate": "HXR 45", "plate_state": "NJ"}],
        "asks": ["asked_for_person_by_name", "showed_photo", "asked_for_phone_number", "come_to_precinct"],
        "outcome": "detained_someone",
        "check": {"done": true, "result": "no_match"},
        "narrative": "Tocaron a las 6:40, dijeron que eran detectives de la 34 y que buscaban a mi esposo. Tenían una foto. Dijeron que podía llamar a la comisaría para verificar, a un número que escribieron en un papel.",
        "reporter": {"role": "family", "contact": "+1 917 555 0100", "wants_contact": true}
    })
    .to_string()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn mean_micros(n: u32, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        f();
    }
    start.elapsed().as_secs_f64() * 1e6 / f64::from(n)
}

/// The parts of one submission, on one thread.
fn costs(keys: &TeamKeys) {
    let body = report_json();
    let parse = mean_micros(2_000, || {
        let report = Report::from_json(body.as_bytes()).unwrap();
        report.validate().unwrap();
    });
    let report = Report::from_json(body.as_bytes()).unwrap();
    let seal = mean_micros(500, || {
        keys.seal(&report).unwrap();
    });
    let key = ReceiptKey::generate();
    let receipt = Receipt::generate();
    let record = mean_micros(200, || {
        key.record(&receipt).unwrap();
    });
    let earlier = mean_micros(10, || {
        key.hash(&receipt).unwrap();
    });
    println!(
        "one submission's parts on one thread: parse + validate {parse:.1} µs, age seal {seal:.1} µs, \
         receipt record (keyed Argon2id, 64 KiB, 1 pass, and the reporter key) {record:.1} µs \
         (the earlier unkeyed Argon2id at 19 MiB, 2 passes: {:.2} ms)",
        earlier / 1000.0
    );
}

/// Runs `task` on `clients` concurrent tasks for `secs` seconds; completed tasks per second.
async fn closed_loop<F, Fut>(clients: u64, secs: u64, task: F) -> f64
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let task = Arc::new(task);
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let deadline = start + Duration::from_secs(secs);
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (task, done, failed) = (task.clone(), done.clone(), failed.clone());
            tokio::spawn(async move {
                while Instant::now() < deadline {
                    if task().await {
                        done.fetch_add(1, Ordering::Relaxed);
                    } else {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let failed = failed.load(Ordering::Relaxed);
    assert_eq!(failed, 0, "{failed} requests failed");
    done.load(Ordering::Relaxed) as f64 / elapsed
}

async fn run(name: &str, db: helpers::TestDb, settings: Settings) {
    let clients = env_number("SHIELDCHECK_BENCH_CLIENTS", 32);
    let secs = env_number("SHIELDCHECK_BENCH_SECS", 5);
    let store = db.store.clone();
    let keys = TeamKeys::from_records(&store.team_recipients().await.unwrap()).unwrap();

    // The server without the tests' log capture.
    let app = db.start(settings, None).await;
    let url = format!("{}/api/v1/reports", app.address);
    let client = reqwest::Client::builder().pool_max_idle_per_host(1024).build().unwrap();
    let body = report_json();

    // The baseline's row: the same bytes the API stores for this report.
    let report = Report::from_json(body.as_bytes()).unwrap();
    let key = ReceiptKey::generate();
    let receipt = Receipt::generate();
    let template = NewReport::seal(
        &report,
        &keys,
        Source::Web,
        shieldcheck_report::UnixTime::EPOCH,
        Some(key.record(&receipt).unwrap().0),
    )
    .unwrap();
    let template = Arc::new(template);

    let mut api = Vec::new();
    let mut baseline = Vec::new();
    let mut grouped = Vec::new();
    let writer = GroupCommit::start(store.clone());
    for _ in 0..2 {
        let (b_store, b_template) = (store.clone(), template.clone());
        baseline.push(
            closed_loop(clients, secs, move || {
                let (store, template) = (b_store.clone(), b_template.clone());
                async move {
                    let mut row = (*template).clone();
                    if let Some(r) = row.receipt.as_mut() {
                        r.index = rand_index();
                    }
                    store.insert_report(&row).await.is_ok()
                }
            })
            .await,
        );
        let (a_client, a_url, a_body) = (client.clone(), url.clone(), body.clone());
        api.push(
            closed_loop(clients, secs, move || {
                let (client, url, body) = (a_client.clone(), a_url.clone(), a_body.clone());
                async move {
                    let r = client.post(&url).header("content-type", "application/json").body(body).send().await;
                    r.is_ok_and(|r| r.status().as_u16() == 201)
                }
            })
            .await,
        );
        let (g_writer, g_template) = (writer.clone(), template.clone());
        grouped.push(
            closed_loop(clients, secs, move || {
                let (writer, template) = (g_writer.clone(), g_template.clone());
                async move {
                    let mut row = (*template).clone();
                    if let Some(r) = row.receipt.as_mut() {
                        r.index = rand_index();
                    }
                    writer.insert(row).await.is_ok()
                }
            })
            .await,
        );
        println!(
            "{name}, {clients} clients, {secs} s: baseline {:.0} reports/s, API {:.0} reports/s, grouped baseline {:.0} reports/s",
            baseline.last().unwrap(),
            api.last().unwrap(),
            grouped.last().unwrap()
        );
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (api, baseline, grouped) = (mean(&api), mean(&baseline), mean(&grouped));
    println!(
        "{name}: API {api:.0} reports/s; baseline (a transaction per report) {baseline:.0} reports/s, ratio {:.3}; \
         grouped baseline {grouped:.0} reports/s, ratio {:.3} ({} reports stored)",
        api / baseline,
        api / grouped,
        store.report_count().await.unwrap()
    );
    app.stop().await;
}

fn rand_index() -> [u8; 32] {
    let receipt = Receipt::generate();
    *blake3::hash(receipt.digits().as_bytes()).as_bytes()
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let db = helpers::TestDb::sqlite().await;
        helpers::register_team(&db.store).await;
        costs(&TeamKeys::from_records(&db.store.team_recipients().await.unwrap()).unwrap());
        let durability = db.store.durability().await.unwrap();
        println!("SQLite durability: {}", serde_json::to_string(&durability).unwrap());
        run("SQLite", db, Settings::default()).await;

        if let Some(db) = helpers::TestDb::postgres("the PostgreSQL half of report_intake").await {
            helpers::register_team(&db.store).await;
            println!(
                "PostgreSQL durability: {}",
                serde_json::to_string(&db.store.durability().await.unwrap()).unwrap()
            );
            let mut settings = Settings::default();
            settings.receipts.key = Some((0..32).map(|i| format!("{:02x}", i * 5)).collect::<String>().into());
            run("PostgreSQL", db, settings).await;
        }
    });
}
