//! Bulk import of reports: `shieldcheck reports import FILE.jsonl` (the library function the
//! command runs) into a fresh database, on SQLite and, when `SHIELDCHECK_TEST_POSTGRES_URL` is
//! set, on PostgreSQL.
//!
//!     cargo bench -p shieldcheck-cli --bench report_import
//!     SHIELDCHECK_BENCH_IMPORT_REPORTS=1000000 cargo bench -p shieldcheck-cli --bench report_import
//!
//! The file holds `SHIELDCHECK_BENCH_IMPORT_REPORTS` reports (default 100,000): the pattern
//! generator's synthetic reports (12 languages, every field kind), cycled with distinct refs so
//! that every line is a new report. Each line is parsed, validated, sealed with age to the team
//! key (on every core) and stored in batches, one transaction per batch. The run also times
//! the sealing alone, which is what a report costs most. Results are in docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write as _;
use std::time::Instant;

use shieldcheck_casefile::sealed_report::{TeamIdentity, TeamKeys};
use shieldcheck_patterns::generate::{GenerateSettings, generate};
use shieldcheck_report::Report;
use shieldcheck_store::testing::{ScratchPostgres, register_team};
use shieldcheck_store::{OpenOptions, Store};

fn write_file(path: &std::path::Path, n: usize) -> u64 {
    let (reports, _) = generate(&GenerateSettings { reports: 10_000.min(n), seed: 7, ..GenerateSettings::default() });
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let report = Report { reference: Some(format!("bench-{i}")), ..reports[i % reports.len()].clone() };
        out.write_all(report.to_json_line().as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

async fn import(name: &str, store: &dyn Store, file: &std::path::Path, n: usize) {
    register_team(store).await.unwrap();
    let start = Instant::now();
    shieldcheck_cli::reports::import(store, file, None, true).await.unwrap();
    let secs = start.elapsed().as_secs_f64();
    let stored = store.report_count().await.unwrap();
    assert_eq!(stored, n as u64);
    println!("{name}: {n} reports imported in {secs:.1} s: {:.0} reports/s", n as f64 / secs);
}

fn main() {
    let n = std::env::var("SHIELDCHECK_BENCH_IMPORT_REPORTS").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("reports.jsonl");
    let bytes = write_file(&file, n);
    println!("{n} reports, {:.1} MB of JSON Lines", bytes as f64 / 1e6);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        // The sealing alone, on every core, as the import does it.
        let sample: Vec<Report> = std::fs::read_to_string(&file)
            .unwrap()
            .lines()
            .take(20_000)
            .map(|l| Report::from_json(l.as_bytes()).unwrap())
            .collect();
        let keys = TeamKeys::new(&TeamIdentity::generate().public_keys()).unwrap();
        let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
        let start = Instant::now();
        std::thread::scope(|scope| {
            for chunk in sample.chunks(sample.len().div_ceil(threads)) {
                let keys = &keys;
                scope.spawn(move || chunk.iter().for_each(|r| drop(keys.seal(r).unwrap())));
            }
        });
        let secs = start.elapsed().as_secs_f64();
        println!("age sealing alone on {threads} threads: {:.0} reports/s", sample.len() as f64 / secs);

        let url = format!("sqlite://{}/bench.db", dir.path().display());
        let store = shieldcheck_store::open(&url, &OpenOptions::default()).await.unwrap();
        import("SQLite", store.as_ref(), &file, n).await;
        drop(store);

        match ScratchPostgres::create().await.unwrap() {
            None => println!("PostgreSQL skipped: set SHIELDCHECK_TEST_POSTGRES_URL"),
            Some(db) => {
                let pg = shieldcheck_store::PostgresStore::open(&db.url, &OpenOptions::default()).await.unwrap();
                import("PostgreSQL", &pg, &file, n).await;
                pg.close().await;
                db.drop_database().await.unwrap();
            }
        }
    });
}
