//! One story of the store, told on SQLite always and on PostgreSQL when
//! `SHIELDCHECK_TEST_POSTGRES_URL` is set (each run on a fresh database).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use shieldcheck_core::rank::{Rank, ShieldSeries};
use shieldcheck_core::registry::Registry;
use shieldcheck_core::roster::{MemberStatus, RosterMember, parse_roster};
use shieldcheck_store::testing::{POSTGRES_URL_VAR, ScratchPostgres};
use shieldcheck_store::{Backend, CredentialRecord, CredentialStatus, IssuerKeyRecord, OpenOptions, Store, open};

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

/// Issuer keys and credential statuses.
async fn credentials_story(store: &dyn Store) {
    let key = |kid: &str, at: i64| IssuerKeyRecord {
        kid: kid.into(),
        public_key: vec![1; 32],
        sealed_secret: "sc1$...".into(),
        created_at: at,
        retired_at: None,
    };
    store.add_issuer_key(&key("k1", 100)).await.unwrap();
    assert!(store.add_issuer_key(&key("k1", 100)).await.is_err(), "key ids are unique");
    store.add_issuer_key(&key("k2", 200)).await.unwrap();
    store.retire_issuer_keys_except("k2", 250).await.unwrap();
    let keys = store.issuer_keys().await.unwrap();
    assert_eq!(
        keys.iter().map(|k| (k.kid.as_str(), k.retired_at)).collect::<Vec<_>>(),
        [("k1", Some(250)), ("k2", None)]
    );
    assert!(!format!("{keys:?}").contains("sc1$"), "Debug hides the sealed secret");

    let cred = |member: &str, index: u64, expires: i64| CredentialRecord {
        member_id: member.into(),
        kid: "k2".into(),
        status_index: index,
        issued_at: 300,
        expires_at: expires,
        status: CredentialStatus::Valid,
    };
    assert!(store.add_credential(&cred("M0012345", 77, 10_000)).await.unwrap());
    assert!(!store.add_credential(&cred("M0098765", 77, 10_000)).await.unwrap(), "an index is used once");
    assert!(store.add_credential(&cred("M0098765", 78, 10_000)).await.unwrap());
    assert!(store.add_credential(&cred("M0098765", 79, 500)).await.unwrap());
    assert!(store.credential_statuses(1_000).await.unwrap().is_empty());

    assert_eq!(store.set_credential_status("M0098765", CredentialStatus::Suspended, 1_000).await.unwrap(), 1);
    assert_eq!(store.set_credential_status("M0012345", CredentialStatus::Revoked, 1_000).await.unwrap(), 1);
    assert_eq!(
        store.credential_statuses(1_000).await.unwrap(),
        [(77, CredentialStatus::Revoked), (78, CredentialStatus::Suspended)]
    );
    assert_eq!(store.set_credential_status("M0098765", CredentialStatus::Valid, 1_000).await.unwrap(), 1);
    assert_eq!(store.credential_statuses(1_000).await.unwrap(), [(77, CredentialStatus::Revoked)]);
    assert_eq!(store.latest_expiry_by_key().await.unwrap(), [("k2".to_owned(), 10_000)]);
    assert_eq!(store.latest_status_list_token("/l/1").await.unwrap(), None);
    for i in 0..12u8 {
        store.put_status_list_token("/l/1", 1_000 + i64::from(i), &[i; 3]).await.unwrap();
    }
    store.put_status_list_token("/l/2", 5, b"other").await.unwrap();
    assert_eq!(store.latest_status_list_token("/l/1").await.unwrap(), Some((1_011, vec![11u8; 3])));
    // The roster now is the 5,000-member one the story left.
    assert_eq!(store.member("B000001").await.unwrap().map(|m| m.tax_registry_number), Some("100001".to_owned()));
    assert!(store.member("nobody").await.unwrap().is_none());

    // Enrolment codes: used once, never after expiry, unknown codes like used ones.
    store.add_enrolment_code(b"hash-a", "M0012345", 1_000, 2_000).await.unwrap();
    store.add_enrolment_code(b"hash-b", "M0098765", 1_000, 1_500).await.unwrap();
    assert!(store.add_enrolment_code(b"hash-a", "M0098765", 1_000, 2_000).await.is_err(), "a code exists once");
    assert_eq!(store.take_enrolment_code(b"hash-b", 1_500).await.unwrap(), None, "expired");
    assert_eq!(store.take_enrolment_code(b"hash-x", 1_100).await.unwrap(), None, "unknown");
    assert_eq!(store.take_enrolment_code(b"hash-a", 1_100).await.unwrap().as_deref(), Some("M0012345"));
    assert_eq!(store.take_enrolment_code(b"hash-a", 1_101).await.unwrap(), None, "used");
}

#[tokio::test]
async fn story_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nested/folder/test.db", dir.path().display());
    let store = open(&url, &OpenOptions::default()).await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    story(store.clone()).await;
    credentials_story(store.as_ref()).await;
    // Reopening runs the migrations again harmlessly and keeps the data.
    let again = open(&url, &OpenOptions::default()).await.unwrap();
    assert_eq!(again.roster_summary().await.unwrap().members, 5000);
}

#[tokio::test]
async fn story_on_postgres() {
    let Some(db) = ScratchPostgres::create().await.unwrap() else {
        skipped(&format!("SKIPPED story_on_postgres: set {POSTGRES_URL_VAR} to run it"));
        return;
    };
    let store = shieldcheck_store::PostgresStore::open(&db.url, &OpenOptions::default()).await.unwrap();
    assert_eq!(store.backend(), Backend::Postgres);
    story(Arc::new(store.clone())).await;
    credentials_story(&store).await;
    store.close().await;
    db.drop_database().await.unwrap();
}

/// Says a test was skipped on the real standard error, past the test harness's capture, so
/// that a plain `cargo test` shows it.
fn skipped(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}
