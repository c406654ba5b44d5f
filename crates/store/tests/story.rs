//! One story of the store, told on SQLite always and on PostgreSQL when
//! `SHIELDCHECK_TEST_POSTGRES_URL` is set (each run on a fresh database).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use shieldcheck_casefile::receipt::{Receipt, ReceiptKey};
use shieldcheck_casefile::sealed_report::{
    AttachmentVariant, AuditEvent, NewReport, ReceiptRecord, TeamIdentity, TeamKeys, TeamRecipient, audit_chain_intact,
};
use shieldcheck_claim::roster::{MemberStatus, RosterMember, parse_roster};
use shieldcheck_nypd::rank::{Rank, ShieldSeries};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_report::attachment::{CheckedAttachment, MediaType};
use shieldcheck_report::{Report, Source, UnixTime};
use shieldcheck_store::testing::{POSTGRES_URL_VAR, ScratchPostgres};
use shieldcheck_store::{Backend, CredentialRecord, CredentialStatus, IssuerKeyRecord, OpenOptions, Store, open};

/// Follow-up entries, case-team actions and retention (its own file, in this one test binary).
mod followup;

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
    let alice = reports_story(store.as_ref()).await;
    attachments_story(store.as_ref(), &alice).await;
    // Every pooled connection runs in WAL mode with synchronous=FULL: a commit returns only
    // once the WAL is synced, which is what acknowledging a report rests on.
    let durability = store.durability().await.unwrap();
    assert_eq!(durability.journal_mode.as_deref(), Some("wal"));
    assert_eq!(durability.synchronous.as_deref(), Some("full"));
    assert_eq!(durability.connections_checked, OpenOptions::default().max_connections);
    assert!(durability.consistent);
    assert_eq!(
        store.sidecar_key_path().unwrap(),
        dir.path().join("nested/folder/test.db.receipt-key"),
        "the receipt key belongs beside the database file, never in it"
    );
    // Every byte SQLite wrote (the database, its WAL and shared memory) is free of content.
    let folder = dir.path().join("nested/folder");
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(&folder).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    assert_reveals_no_content(&bytes);
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
    let alice = reports_story(&store).await;
    attachments_story(&store, &alice).await;
    // A commit returns once its WAL is flushed to disk.
    let durability = store.durability().await.unwrap();
    assert_eq!(durability.synchronous_commit.as_deref(), Some("on"));
    assert_eq!(durability.fsync.as_deref(), Some("on"));
    assert!(durability.consistent && durability.connections_checked >= 1);
    assert_eq!(store.sidecar_key_path(), None, "PostgreSQL servers take the receipt key from their settings");
    assert_reveals_no_content(postgres_dump(&db.url).await.as_bytes());
    store.close().await;
    db.drop_database().await.unwrap();
}

/// Says a test was skipped on the real standard error, past the test harness's capture, so
/// that a plain `cargo test` shows it.
fn skipped(message: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// What a report says that must never be readable from the database.
const SECRETS: [&str; 6] = ["Tocaron", "Marchetti", "HXR 45", "917 555 0100", "Post Ave", "the three-four"];

fn confidential_report(n: usize, reference: Option<&str>) -> Report {
    let json = serde_json::json!({
        "ref": reference,
        "source": "partner",
        "submitted_at": "2026-03-14T09:02:11-04:00",
        "language": "es",
        "incident": {"place": {"kind": "home", "precinct": 34, "description": "building on Post Ave near 207 St"}},
        "claims": {"titles": ["detective"], "units": ["the three-four"], "names": ["Det. Marchetti"]},
        "vehicles": [{"kind": "suv", "plate": "HXR 45", "plate_state": "NJ"}],
        "narrative": format!("Tocaron a las 6:40 ({n})"),
        "reporter": {"role": "family", "contact": "+1 917 555 0100", "wants_contact": true}
    });
    let mut json = json;
    if reference.is_none() {
        json.as_object_mut().unwrap().remove("ref");
    }
    Report::from_json(json.to_string().as_bytes()).unwrap()
}

/// Team keys, sealed reports stored idempotently, receipts, export paging and the audit chain.
async fn reports_story(store: &dyn Store) -> TeamIdentity {
    let (alice, bob) = (TeamIdentity::generate(), TeamIdentity::generate());
    assert!(store.team_recipients().await.unwrap().is_empty());
    let recipient = |identity: &TeamIdentity, at: i64| TeamRecipient {
        recipient: identity.public_keys()[0].clone(),
        label: Some(format!("added at {at}")),
        added_at: at,
    };
    assert!(store.add_team_recipient(&recipient(&alice, 10)).await.unwrap());
    assert!(store.add_team_recipient(&recipient(&bob, 20)).await.unwrap());
    assert!(!store.add_team_recipient(&recipient(&alice, 30)).await.unwrap(), "a key is registered once");
    let recipients = store.team_recipients().await.unwrap();
    assert_eq!(recipients, [recipient(&alice, 10), recipient(&bob, 20)]);
    let keys = TeamKeys::from_records(&recipients).unwrap();

    // One report, stored once however often it arrives with the same (source, ref).
    let first =
        NewReport::seal(&confidential_report(0, Some("p-17/0042")), &keys, Source::Import, UnixTime::EPOCH, None)
            .unwrap();
    let stored = store.insert_report(&first).await.unwrap();
    assert!(stored.created);
    let again =
        NewReport::seal(&confidential_report(1, Some("p-17/0042")), &keys, Source::Import, UnixTime::EPOCH, None)
            .unwrap();
    assert_eq!(
        store.insert_report(&again).await.unwrap(),
        shieldcheck_casefile::sealed_report::Inserted { id: stored.id, created: false }
    );
    assert_eq!(store.report_count().await.unwrap(), 1);
    // The same ref from another source is another report; no ref is never a duplicate.
    let other_source = NewReport { source: Source::Sms, ..again.clone() };
    let other = store.insert_report(&other_source).await.unwrap();
    assert!(other.created);
    // Both are found by their ref, in id order.
    let states = store.report_states_by_ref("p-17/0042").await.unwrap();
    assert_eq!(
        states.iter().map(|s| (s.id, s.source, s.reference.as_deref())).collect::<Vec<_>>(),
        [(stored.id, Source::Partner, Some("p-17/0042")), (other.id, Source::Sms, Some("p-17/0042"))]
    );
    let unreferenced =
        NewReport::seal(&confidential_report(2, None), &keys, Source::Web, UnixTime::EPOCH, None).unwrap();
    let a = store.insert_report(&unreferenced).await.unwrap();
    let b = store.insert_report(&unreferenced).await.unwrap();
    assert!(a.created && b.created && a.id != b.id);
    // A hostile ref is only data.
    let hostile = NewReport { reference: Some("x'); DROP TABLE reports; --".into()), ..first.clone() };
    assert!(store.insert_report(&hostile).await.unwrap().created);
    assert_eq!(store.report_count().await.unwrap(), 5);

    // A batch: new reports, one already stored, and a ref repeated inside the batch.
    let mut batch: Vec<NewReport> =
        (0..2_500).map(|i| NewReport { reference: Some(format!("bulk-{i}")), ..first.clone() }).collect();
    batch.push(first.clone());
    batch.push(NewReport { reference: Some("bulk-7".into()), ..first.clone() });
    let answers = store.insert_reports(&batch).await.unwrap();
    assert_eq!(answers.len(), 2_502);
    assert_eq!(answers.iter().filter(|a| a.created).count(), 2_500);
    assert_eq!(answers[2_500].id, stored.id);
    assert_eq!(answers[2_501].id, answers[7].id);
    assert_eq!(store.report_count().await.unwrap(), 2_505);
    // A batch that fails stores nothing of itself.
    let receipt = Receipt::generate();
    let key = ReceiptKey::generate();
    let record =
        ReceiptRecord { index: key.index(&receipt), hash: key.hash(&receipt).unwrap(), reporter_recipient: None };
    let clash = vec![
        NewReport { reference: Some("clash-1".into()), receipt: Some(record.clone()), ..first.clone() },
        NewReport { reference: Some("clash-2".into()), receipt: Some(record.clone()), ..first.clone() },
    ];
    assert!(store.insert_reports(&clash).await.is_err(), "a receipt index is unique");
    assert_eq!(store.report_count().await.unwrap(), 2_505);
    assert_eq!(store.receipt_count().await.unwrap(), 0, "imported reports have no receipt");

    // Receipts: found by index, then checked against the Argon2id hash.
    let with_receipt = NewReport::seal(
        &Report { source: None, ..confidential_report(3, None) },
        &keys,
        Source::Web,
        UnixTime::EPOCH,
        Some(record.clone()),
    )
    .unwrap();
    let web = store.insert_report(&with_receipt).await.unwrap();
    assert_eq!(store.receipt_count().await.unwrap(), 1);
    let found = store.report_by_receipt_index(&key.index(&receipt)).await.unwrap().unwrap();
    assert_eq!(found.report.id, web.id);
    assert!(key.verify(&receipt, Some(&found.receipt_hash)));
    assert!(!key.verify(&Receipt::generate(), Some(&found.receipt_hash)));
    assert!(store.report_by_receipt_index(&key.index(&Receipt::generate())).await.unwrap().is_none());
    assert!(!format!("{found:?}").contains("argon2"), "Debug hides the hash");

    // Export pages through everything by id, and every page opens with either team key.
    let mut after = 0;
    let mut seen = Vec::new();
    loop {
        let page = store.sealed_reports_after(after, 1_000).await.unwrap();
        let Some(last) = page.last() else { break };
        assert!(page.len() <= 1_000);
        after = last.id;
        seen.extend(page);
    }
    assert_eq!(seen.len(), 2_506);
    assert!(seen.windows(2).all(|w| w[0].id < w[1].id));
    let original = &seen[0];
    assert_eq!(
        (original.id, original.source, original.reference.as_deref()),
        (stored.id, Source::Partner, Some("p-17/0042"))
    );
    assert_eq!(original.key_id, keys.key_id());
    assert_eq!(original.submitted_hour.get(), 1_773_493_200, "2026-03-14T13:00:00Z: the hour, not the minute");
    assert_eq!(alice.open_report(original).unwrap(), confidential_report(0, Some("p-17/0042")));
    assert_eq!(bob.open_report(original).unwrap(), confidential_report(0, Some("p-17/0042")));
    let last = seen.last().unwrap();
    assert_eq!((last.id, last.source, last.submitted_hour.get()), (web.id, Source::Web, 1_773_493_200));

    // The audit trail is chained.
    for i in 0..3 {
        let event = AuditEvent {
            at: UnixTime::from_secs(100 + i),
            actor: "cli:test".into(),
            action: "reports.export".into(),
            detail: format!("{{\"n\":{i}}}"),
        };
        let record = store.append_audit_event(&event).await.unwrap();
        assert_eq!(record.event, event);
    }
    let trail = store.audit_events().await.unwrap();
    assert_eq!(trail.len(), 3);
    assert!(audit_chain_intact(&trail));
    alice
}

/// Photos stored with their report in one transaction, both files sealed, read back a page at
/// a time; a report whose photos cannot all be stored is not stored at all.
async fn attachments_story(store: &dyn Store, team: &TeamIdentity) {
    let recipients = store.team_recipients().await.unwrap();
    let keys = TeamKeys::from_records(&recipients).unwrap();
    let alice_and_bob_count = recipients.len();
    assert_eq!(alice_and_bob_count, 2);
    let reports_before = store.report_count().await.unwrap();
    let photos = vec![
        CheckedAttachment {
            media_type: MediaType::Jpeg,
            original: b"\xFF\xD8 original with GPS near Post Ave".to_vec(),
            stripped: b"\xFF\xD8 stripped copy".to_vec(),
        },
        CheckedAttachment {
            media_type: MediaType::Png,
            original: b"\x89PNG second original, Marchetti".to_vec(),
            stripped: b"\x89PNG second stripped".to_vec(),
        },
    ];
    let mut with_photos =
        NewReport::seal(&confidential_report(9, Some("photos-1")), &keys, Source::Partner, UnixTime::EPOCH, None)
            .unwrap();
    with_photos.seal_attachments(&keys, &photos).unwrap();
    assert_eq!(with_photos.attachments.len(), 4);
    assert!(!format!("{with_photos:?}").contains("Post Ave"));
    let inserted = store.insert_report(&with_photos).await.unwrap();
    assert!(inserted.created);
    assert_eq!(store.attachment_count().await.unwrap(), 2);

    // Both files of both photos, by position then variant, each an age file the team opens.
    let files = store.sealed_attachments(inserted.id, inserted.id, None).await.unwrap();
    let order: Vec<(u32, AttachmentVariant)> = files.iter().map(|f| (f.position, f.variant)).collect();
    assert_eq!(
        order,
        [
            (1, AttachmentVariant::Original),
            (1, AttachmentVariant::Stripped),
            (2, AttachmentVariant::Original),
            (2, AttachmentVariant::Stripped)
        ]
    );
    let stranger = TeamIdentity::generate();
    for file in &files {
        assert_eq!(file.key_id, keys.key_id());
        assert!(file.ciphertext.starts_with(b"age-encryption.org/v1\n"));
        let photo = &photos[file.position as usize - 1];
        let expected = match file.variant {
            AttachmentVariant::Original => &photo.original,
            AttachmentVariant::Stripped => &photo.stripped,
        };
        assert_eq!(&team.open_bytes(&file.ciphertext, 1 << 20).unwrap(), expected, "byte for byte");
        assert!(team.open_bytes(&file.ciphertext, 4).is_err(), "never more than the limit is read");
        assert!(stranger.open_bytes(&file.ciphertext, 1 << 20).is_err(), "only the team's keys open it");
    }
    let stripped =
        store.sealed_attachments(inserted.id - 5, inserted.id + 5, Some(AttachmentVariant::Stripped)).await.unwrap();
    assert_eq!(stripped.len(), 2);
    assert!(stripped.iter().all(|f| f.variant == AttachmentVariant::Stripped && f.report_id == inserted.id));
    assert!(store.sealed_attachments(0, inserted.id - 1, None).await.unwrap().is_empty());

    // A repeated (source, ref) stores neither the report nor its photos again.
    let again = store.insert_report(&with_photos).await.unwrap();
    assert_eq!((again.id, again.created), (inserted.id, false));
    assert_eq!(store.attachment_count().await.unwrap(), 2);

    // A report whose photos cannot all be stored (two files in one place) is not stored.
    let mut broken =
        NewReport::seal(&confidential_report(10, Some("photos-2")), &keys, Source::Partner, UnixTime::EPOCH, None)
            .unwrap();
    broken.seal_attachments(&keys, &photos).unwrap();
    broken.attachments[3].position = 1;
    assert!(store.insert_report(&broken).await.is_err());
    assert_eq!(store.report_count().await.unwrap(), reports_before + 1);
    assert_eq!(store.attachment_count().await.unwrap(), 2);
    // The same within a batch: the batch stores nothing.
    let fine =
        NewReport::seal(&confidential_report(11, Some("photos-3")), &keys, Source::Partner, UnixTime::EPOCH, None)
            .unwrap();
    assert!(store.insert_reports(&[fine, broken]).await.is_err());
    assert_eq!(store.report_count().await.unwrap(), reports_before + 1);
}

/// Fails when any report secret is in `bytes`, as text or as hexadecimal (how PostgreSQL
/// prints binary columns).
fn assert_reveals_no_content(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes).to_lowercase();
    for secret in SECRETS {
        let hex: String = secret.bytes().map(|b| format!("{b:02x}")).collect();
        assert!(!text.contains(&secret.to_lowercase()), "{secret:?} is readable in the database");
        assert!(!text.contains(&hex), "{secret:?} is readable (as hex) in the database");
    }
    assert!(text.contains("p-17/0042"), "the check reads the data: the ref is in the clear by design");
}

/// Every row of every table, as text: what a dump of the database would hold.
async fn postgres_dump(url: &str) -> String {
    use sqlx::Connection as _;
    let mut conn = sqlx::PgConnection::connect(url).await.unwrap();
    let tables: Vec<(String,)> =
        sqlx::query_as("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public'")
            .fetch_all(&mut conn)
            .await
            .unwrap();
    let mut dump = String::new();
    for (table,) in tables {
        assert!(table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b.is_ascii_digit()));
        // Table names come from the catalogue and were just checked to be plain identifiers.
        let rows: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT t::text FROM {table} t")))
            .fetch_all(&mut conn)
            .await
            .unwrap();
        for (row,) in rows {
            dump.push_str(&row);
            dump.push('\n');
        }
    }
    conn.close().await.unwrap();
    dump
}
