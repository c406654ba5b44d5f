//! One story of the store, told on SQLite always and on PostgreSQL when
//! `SHIELDCHECK_TEST_POSTGRES_URL` is set (each run on a fresh database).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use shieldcheck_core::rank::{Rank, ShieldSeries};
use shieldcheck_core::registry::Registry;
use shieldcheck_core::roster::{MemberStatus, RosterMember, parse_roster};
use shieldcheck_store::testing::{POSTGRES_URL_VAR, ScratchPostgres};
use shieldcheck_store::{Backend, OpenOptions, Store, open};

const ROSTER: &str = "\
member_id,last_name,first_name,rank,shield_number,tax_registry_number,command_code,squad,status,photo_sha256
M0012345,Rivera,Ana,Detective Second Grade,4471,948213,34,Detective Squad,active,
M0098765,Chen,Wei,Police Officer,4471,951002,NBMN,Narcotics,active,
M0011111,Okafor,James,Lieutenant,,912345,TD4,,active,
M0022222,O'Brien,Michael,Sergeant,1234,900001,75,,suspended,aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
";

async fn story(store: Arc<dyn Store>) {
    store.ping().await.unwrap();
    assert_eq!(store.roster_summary().await.unwrap().members, 0);

    let members = parse_roster(ROSTER.as_bytes(), Registry::nypd()).unwrap();
    let summary = store.replace_roster(&members, "digest-1").await.unwrap();
    assert_eq!(summary.members, 4);
    assert_eq!(summary.source_digest.as_deref(), Some("digest-1"));

    // Shield numbers are read within their series.
    let det = store.members_by_shield(&[ShieldSeries::Detective], "4471").await.unwrap();
    assert_eq!(det.len(), 1);
    assert_eq!(det[0].last_name, "Rivera");
    assert_eq!(det[0].rank, Rank::DetectiveSecondGrade);
    let all = store.members_by_shield(&ShieldSeries::ALL, "4471").await.unwrap();
    assert_eq!(all.len(), 2);
    assert!(store.members_by_shield(&[ShieldSeries::Sergeant], "4471").await.unwrap().is_empty());
    assert!(store.members_by_shield(&ShieldSeries::ALL, "4471' OR '1'='1").await.unwrap().is_empty());

    let lt = store.member_by_tax_registry("912345").await.unwrap().unwrap();
    assert_eq!((lt.rank, lt.shield_number.as_deref()), (Rank::Lieutenant, None));
    assert!(store.member_by_tax_registry("0").await.unwrap().is_none());

    // Export gives back exactly what was imported, ordered by member id.
    let mut sorted = members.clone();
    sorted.sort_by(|a, b| a.member_id.cmp(&b.member_id));
    assert_eq!(store.roster().await.unwrap(), sorted);

    // A replacement that breaks a constraint changes nothing.
    let mut clash = members.clone();
    clash.push(RosterMember { member_id: "M9".into(), ..members[0].clone() });
    assert!(store.replace_roster(&clash, "digest-bad").await.is_err());
    assert_eq!(store.roster().await.unwrap(), sorted);
    assert_eq!(store.roster_summary().await.unwrap().source_digest.as_deref(), Some("digest-1"));

    // A good replacement replaces everything.
    let one = vec![RosterMember { status: MemberStatus::Retired, ..members[1].clone() }];
    assert_eq!(store.replace_roster(&one, "digest-2").await.unwrap().members, 1);
    assert_eq!(store.roster().await.unwrap(), one);
    assert!(store.member_by_tax_registry("948213").await.unwrap().is_none());

    // A city-sized roster goes in as one statement.
    let big: Vec<RosterMember> = (0..5000)
        .map(|i| RosterMember {
            member_id: format!("B{i:06}"),
            shield_number: Some(i.to_string()),
            tax_registry_number: format!("{}", 100_000 + i),
            ..members[1].clone()
        })
        .collect();
    assert_eq!(store.replace_roster(&big, "digest-3").await.unwrap().members, 5000);
    assert_eq!(store.members_by_shield(&[ShieldSeries::PoliceOfficer], "4999").await.unwrap().len(), 1);
}

#[tokio::test]
async fn story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nested/folder/test.db", dir.path().display());
    let store = open(&url, &OpenOptions::default()).await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    story(store).await;
    // Reopening runs the migrations again harmlessly and keeps the data.
    let again = open(&url, &OpenOptions::default()).await.unwrap();
    assert_eq!(again.roster_summary().await.unwrap().members, 5000);
}

#[tokio::test]
async fn story_on_postgres() {
    let Some(db) = ScratchPostgres::create().await.unwrap() else {
        eprintln!("SKIPPED story_on_postgres: set {POSTGRES_URL_VAR} to run it");
        return;
    };
    let store = shieldcheck_store::PostgresStore::open(&db.url, &OpenOptions::default()).await.unwrap();
    assert_eq!(store.backend(), Backend::Postgres);
    story(Arc::new(store.clone())).await;
    store.close().await;
    db.drop_database().await.unwrap();
}
