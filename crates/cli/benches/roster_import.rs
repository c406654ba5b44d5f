//! Roster import at the department's scale: a 60,000-row roster file checked line by line
//! and swapped in atomically, on SQLite (and on PostgreSQL when
//! `SHIELDCHECK_TEST_POSTGRES_URL` is set).
//!
//!     cargo bench -p shieldcheck-cli --bench roster_import
//!
//! The file is the demo's synthetic roster padded to 60,000 members. Results are recorded in
//! docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use shieldcheck_claim::roster::{RosterMember, parse_roster, write_roster};
use shieldcheck_cli::demo::synthetic_roster;
use shieldcheck_nypd::registry::Registry;
use shieldcheck_store::testing::ScratchPostgres;
use shieldcheck_store::{OpenOptions, Store};

const ROWS: usize = 60_000;

/// 60,000 valid, distinct members: the demo roster plus civilian-like extra rows.
fn roster_file() -> Vec<u8> {
    let mut members = synthetic_roster(1, Registry::nypd());
    let template = members[1].clone();
    let mut i = 0u32;
    while members.len() < ROWS {
        i += 1;
        members.push(RosterMember {
            member_id: format!("C{i:07}"),
            rank: shieldcheck_nypd::rank::Rank::AuxiliaryPolice,
            shield_number: Some(i.to_string()),
            tax_registry_number: format!("{}", 2_000_000 + i),
            ..template.clone()
        });
    }
    let mut csv = Vec::new();
    write_roster(&members, &mut csv).unwrap();
    csv
}

fn import(c: &mut Criterion) {
    let file = roster_file();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut group = c.benchmark_group("roster_import_60k");
    group.sample_size(10).measurement_time(Duration::from_secs(20));

    group.bench_function("check_file", |b| b.iter(|| parse_roster(&file, Registry::nypd()).unwrap().len()));

    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db", dir.path().display());
    let sqlite = runtime.block_on(shieldcheck_store::open(&url, &OpenOptions::default())).unwrap();
    group.bench_function("check_and_replace_sqlite", |b| {
        b.iter(|| {
            let members = parse_roster(&file, Registry::nypd()).unwrap();
            runtime.block_on(sqlite.replace_roster(&members, "bench")).unwrap()
        })
    });

    if let Some(db) = runtime.block_on(ScratchPostgres::create()).unwrap() {
        let pg = runtime.block_on(shieldcheck_store::PostgresStore::open(&db.url, &OpenOptions::default())).unwrap();
        let store: Arc<dyn Store> = Arc::new(pg.clone());
        group.bench_function("check_and_replace_postgres", |b| {
            b.iter(|| {
                let members = parse_roster(&file, Registry::nypd()).unwrap();
                runtime.block_on(store.replace_roster(&members, "bench")).unwrap()
            })
        });
        runtime.block_on(pg.close());
        runtime.block_on(db.drop_database()).unwrap();
    } else {
        eprintln!("PostgreSQL skipped: set SHIELDCHECK_TEST_POSTGRES_URL to include it");
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
