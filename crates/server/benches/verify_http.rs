//! `POST /api/v1/verify` under load, over loopback: the real server (SQLite store, rate limits
//! raised out of the way) and an open-loop load generator in the same process. Each request
//! carries a presentation made at the current time step, with its own challenge, so every
//! request differs and every answer must be `valid`.
//!
//!     cargo bench -p shieldcheck-server --bench verify_http
//!
//! First 1,000 requests/s for 10 s (p50, p99, max latency), then rates stepped up (or down,
//! when 1,000/s is not sustained) to find the highest rate served with p99 < 10 ms, no error
//! and the offered rate reached. Latency is measured from the moment each request was due,
//! so a generator that falls behind counts against the server (no coordinated omission).
//! `SHIELDCHECK_BENCH_STEP_SECS` sets the length of each later step (default 4).
//! Server and generator share the machine's cores; each step also prints the process's CPU
//! time per request (both together), and the run starts by timing `credentials::trust`, the
//! store reads each request makes. Results are in docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use shieldcheck_credential::present;
use shieldcheck_service::clock::now;
use shieldcheck_service::settings::Settings;

/// The server's test harness (`spawn_app`, `TestApp`), shared with its tests.
#[path = "../tests/helpers/mod.rs"]
mod helpers;

/// Requests allowed in flight; beyond that a request counts as failed (the server is not
/// keeping up).
const MAX_IN_FLIGHT: usize = 1024;
/// Distinct presentations (challenges 0000–1999) cycled through in each step.
const POOL: u16 = 2000;
const P99_GOAL: Duration = Duration::from_millis(10);

struct Target {
    url: String,
    client: reqwest::Client,
    credential: Vec<u8>,
    device: p256::ecdsa::SigningKey,
}

impl Target {
    /// Request bodies presented now, one per challenge.
    fn bodies(&self) -> Arc<Vec<Vec<u8>>> {
        let at = now().as_secs();
        Arc::new(
            (0..POOL)
                .map(|c| {
                    let payload = present(&self.credential, &self.device, at, Some(&format!("{c:04}")));
                    serde_json::to_vec(&serde_json::json!({"payload": payload, "challenge": c})).unwrap()
                })
                .collect(),
        )
    }
}

#[derive(Debug)]
struct Step {
    offered: f64,
    achieved: f64,
    sent: usize,
    errors: usize,
    /// From the moment each request was due.
    p50: Duration,
    p99: Duration,
    max: Duration,
    /// From the moment each request was actually sent.
    sent_p50: Duration,
    sent_p99: Duration,
    /// CPU time of this process (server and generator) per request, where the system tells.
    cpu_per_request: Option<Duration>,
}

impl Step {
    fn sustained(&self) -> bool {
        self.errors == 0 && self.p99 < P99_GOAL && self.achieved >= 0.95 * self.offered
    }

    fn print(&self) {
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        println!(
            "{:5.0} req/s offered, {:5.0} answered/s: p50 {:5.2} ms  p99 {:6.2} ms  max {:6.2} ms  \
             (from send: p50 {:5.2} ms  p99 {:6.2} ms)  CPU/request {}  errors {}  {}",
            self.offered,
            self.achieved,
            ms(self.p50),
            ms(self.p99),
            ms(self.max),
            ms(self.sent_p50),
            ms(self.sent_p99),
            self.cpu_per_request.map_or("?".into(), |d| format!("{:.2} ms", ms(d))),
            self.errors,
            if self.sustained() { "sustained" } else { "NOT sustained" }
        );
    }
}

/// Offers `rate` requests a second for `length`, each due at its own instant.
async fn open_loop(target: &Arc<Target>, rate: f64, length: Duration) -> Step {
    let bodies = target.bodies();
    let total = (rate * length.as_secs_f64()).round() as usize;
    let interval = Duration::from_secs_f64(1.0 / rate);
    let in_flight = Arc::new(tokio::sync::Semaphore::new(MAX_IN_FLIGHT));
    let mut tasks = tokio::task::JoinSet::new();
    let cpu_before = process_cpu();
    let start = Instant::now();
    let mut errors = 0;
    for i in 0..total {
        let due = start + interval * u32::try_from(i).unwrap();
        tokio::time::sleep_until(due.into()).await;
        let Ok(permit) = in_flight.clone().try_acquire_owned() else {
            errors += 1;
            continue;
        };
        let target = target.clone();
        let body = bodies[i % bodies.len()].clone();
        tasks.spawn(async move {
            let sent = Instant::now();
            let answer = target
                .client
                .post(&target.url)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .ok()
                .filter(|r| r.status().is_success());
            let valid = match answer {
                Some(r) => r
                    .bytes()
                    .await
                    .ok()
                    .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
                    .is_some_and(|answer| answer["result"] == "valid"),
                None => false,
            };
            drop(permit);
            (due.elapsed(), sent.elapsed(), Instant::now(), valid)
        });
    }
    let mut latencies = Vec::with_capacity(total);
    let mut from_send = Vec::with_capacity(total);
    let mut last = start;
    while let Some(done) = tasks.join_next().await {
        let (latency, service, at, valid) = done.unwrap();
        if !valid {
            errors += 1;
        }
        latencies.push(latency);
        from_send.push(service);
        last = last.max(at);
    }
    let cpu = process_cpu().zip(cpu_before).map(|(after, before)| after.saturating_sub(before));
    latencies.sort();
    from_send.sort();
    Step {
        offered: rate,
        achieved: latencies.len() as f64 / (last - start).as_secs_f64().max(1e-9),
        sent: latencies.len(),
        errors,
        p50: quantile(&latencies, 0.50),
        p99: quantile(&latencies, 0.99),
        max: latencies.last().copied().unwrap_or_default(),
        sent_p50: quantile(&from_send, 0.50),
        sent_p99: quantile(&from_send, 0.99),
        cpu_per_request: cpu.map(|c| c / u32::try_from(latencies.len().max(1)).unwrap_or(u32::MAX)),
    }
}

/// User and system CPU time of this process so far (Linux; the clock ticks at 100 Hz).
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses: utime and stime are the
    // 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// The `q` quantile of sorted durations.
fn quantile(sorted: &[Duration], q: f64) -> Duration {
    let i = ((sorted.len() as f64 * q) as usize).min(sorted.len().saturating_sub(1));
    sorted.get(i).copied().unwrap_or_default()
}

/// The server on a test store holding the known-answer issuer key and Ana Rivera's credential
/// (rate limits out of the way, no log captured); the credential and its device key.
async fn serve() -> (helpers::TestApp, Vec<u8>, p256::ecdsa::SigningKey) {
    let db = helpers::TestDb::sqlite().await;
    let (credential, device) = helpers::issue_credential(&db.store, now().as_secs()).await;
    let mut settings = Settings::default();
    settings.rate_limit.global_per_second = 1_000_000;
    settings.rate_limit.global_burst = 1_000_000;
    settings.rate_limit.client_per_minute = 100_000_000;
    settings.rate_limit.client_burst = 1_000_000;
    (db.start(settings, None).await, credential, device)
}

fn main() {
    // `cargo bench` passes --bench; a test run of the benchmarks only checks that it builds.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let step_secs: u64 =
        std::env::var("SHIELDCHECK_BENCH_STEP_SECS").ok().and_then(|s| s.parse().ok()).unwrap_or(4).max(1);

    // The server on its own runtime (one worker per core), as `shieldcheck serve` runs it.
    let server = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let (app, credential, device) = server.block_on(serve());
    let store = app.store.clone();
    // What each request spends reading the trusted keys and building the status list.
    let trust = server.block_on(async {
        let start = Instant::now();
        for _ in 0..200 {
            std::hint::black_box(
                shieldcheck_service::credentials::trust(store.as_ref(), now().as_secs()).await.unwrap(),
            );
        }
        start.elapsed() / 200
    });

    // The load generator on one thread.
    let client = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    client.block_on(async {
        let target = Arc::new(Target {
            url: format!("{}/api/v1/verify", app.address),
            client: reqwest::Client::builder().pool_max_idle_per_host(MAX_IN_FLIGHT).build().unwrap(),
            credential,
            device,
        });
        // Warm up connections and caches.
        let _ = open_loop(&target, 200.0, Duration::from_secs(1)).await;

        println!("\n== POST /api/v1/verify, open loop over loopback ==");
        println!("reading the keys and building the status list (credentials::trust): {trust:.2?} a request");
        let first = open_loop(&target, 1000.0, Duration::from_secs(10)).await;
        first.print();
        let rates: Vec<f64> = if first.sustained() {
            vec![1250.0, 1500.0, 1750.0, 2000.0, 2500.0, 3000.0, 4000.0, 5000.0, 6000.0, 8000.0]
        } else {
            vec![900.0, 800.0, 700.0, 600.0, 500.0, 400.0, 300.0, 200.0, 100.0]
        };
        let mut best = first.sustained().then_some(first.offered);
        let mut sent = first.sent;
        for rate in rates {
            let step = open_loop(&target, rate, Duration::from_secs(step_secs)).await;
            step.print();
            sent += step.sent;
            match (step.sustained(), first.sustained()) {
                (true, true) => best = Some(rate),
                (false, true) => break,
                (true, false) => {
                    best = Some(rate);
                    break;
                }
                (false, false) => {}
            }
        }
        match best {
            Some(rate) => {
                println!("highest rate sustained with p99 < 10 ms: {rate:.0} requests/s ({sent} requests in all)")
            }
            None => println!("no rate tried was sustained with p99 < 10 ms ({sent} requests in all)"),
        }
    });
    drop(app);
    drop(server);
}
