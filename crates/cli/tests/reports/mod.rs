//! `shieldcheck team-keys` and `shieldcheck reports import|export` as an operator runs them:
//! a round trip that gives back the same JSON, per-line errors, idempotent re-import, the
//! audit trail, and a sealed export that the real `age` tool decrypts — on SQLite, and on
//! PostgreSQL when `SHIELDCHECK_TEST_POSTGRES_URL` is set.

use std::path::Path;
use std::process::Output;

use serde_json::{Value, json};
use shieldcheck_store::OpenOptions;
use shieldcheck_store::testing::{POSTGRES_URL_VAR, ScratchPostgres};

use crate::common::{shieldcheck, skipped, text};

/// The case team's follow-up commands and retention.
mod casework;
/// Durability: the server killed with SIGKILL under load loses no acknowledged report.
mod crash;

/// Runs the binary against `db`.
fn run(dir: &Path, db: &str, args: &[&str]) -> Output {
    let mut all = vec!["--database-url", db];
    all.extend_from_slice(args);
    shieldcheck(dir, &all)
}

/// Reports as partners send them: every field kind, several scripts, floats, empty lists.
fn good_lines() -> Vec<Value> {
    (0..40)
        .map(|i| {
            let language = ["es", "zh-Hant", "ar", "en"][i % 4];
            let source = if i % 2 == 0 { "partner" } else { "311" };
            let lat = 40.8682 + f64::from(i as u32) / 1e4;
            let mut report = json!({
                "ref": format!("partner-17/2026-{i:04}"),
                "source": source,
                "submitted_at": format!("2026-03-{:02}T09:02:{:02}-04:00", 1 + i % 28, i % 60),
                "language": language,
                "incident": {
                    "started_at": "2026-03-14T06:40:00-04:00",
                    "place": {"kind": "home", "precinct": 34, "borough": "Manhattan", "lat": lat, "lon": -73.9212}
                },
                "claims": {"agencies": ["NYPD"], "titles": ["detective"], "units": ["narcotics squad", "the three-four"], "names": [format!("Det. Quillfeather {i}")], "showed": ["badge"], "precincts": []},
                "actors": {"count": 3, "description": "two men and a woman, plain clothes"},
                "vehicles": [{"kind": "suv", "color": "black", "plate": "KZQ 918", "plate_state": "NJ"}],
                "asks": ["asked_for_person_by_name", "come_to_precinct"],
                "outcome": "detained_someone",
                "check": {"done": true, "result": "no_match"},
                "narrative": format!("Tocaron a las 6:40 — 他们说是警察 — قالوا إنهم من الشرطة ({i})\nsecond line"),
                "reporter": {"role": "family", "contact": "+1 917 555 0199", "wants_contact": true}
            });
            if i % 5 == 0 {
                report.as_object_mut().unwrap().remove("vehicles");
            }
            report
        })
        .collect()
}

struct Database {
    url: String,
    scratch: Option<ScratchPostgres>,
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

/// A fresh SQLite file in `dir`, or a fresh PostgreSQL database; `None` (and a SKIPPED line)
/// when PostgreSQL is asked for and not configured.
fn database(dir: &Path, postgres: bool, test: &str) -> Option<Database> {
    if !postgres {
        return Some(Database { url: format!("sqlite://{}/reports.db", dir.display()), scratch: None });
    }
    match runtime().block_on(ScratchPostgres::create()).unwrap() {
        Some(scratch) => Some(Database { url: scratch.url.clone(), scratch: Some(scratch) }),
        None => {
            skipped(&format!("SKIPPED {test}: set {POSTGRES_URL_VAR} to run it"));
            None
        }
    }
}

impl Drop for Database {
    fn drop(&mut self) {
        if let Some(scratch) = self.scratch.take() {
            let _ = runtime().block_on(scratch.drop_database());
        }
    }
}

fn import_export_round_trip(postgres: bool, test: &str) {
    let dir = tempfile::tempdir().unwrap();
    let Some(db) = database(dir.path(), postgres, test) else { return };
    let db = db.url.as_str();
    let good = good_lines();
    let mut file = String::new();
    for (i, line) in good.iter().enumerate() {
        file.push_str(&line.to_string());
        file.push('\n');
        match i {
            3 => file.push_str("{\"narrative\": \"x\", \"nationality\": \"y\"}\n"),
            5 => file.push('\n'),
            7 => file.push_str(&format!("{}\n", json!({"narrative": "a".repeat(20_001)}))),
            9 => file.push_str("{\"asks\": [\"asked_for_papers\"], \"claims\": {\"titles\": [\"sheriff\"]}}\r\n"),
            _ => {}
        }
    }
    let mut bytes = file.into_bytes();
    bytes.extend_from_slice(b"{\"narrative\": \"caf\xc3\x28\"}\n");
    bytes.extend_from_slice(br#"{"ref": "cut", "narrative": "Tocaron a las"#);
    std::fs::write(dir.path().join("in.jsonl"), &bytes).unwrap();

    // Without a team key nothing can be sealed, and the message says what to do.
    let out = run(dir.path(), db, &["reports", "import", "in.jsonl"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("team-keys init"), "{}", text(&out.stderr));

    let out = run(dir.path(), db, &["team-keys", "init", "--out", "team.txt", "--label", "case team laptop"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let out = run(dir.path(), db, &["reports", "import", "in.jsonl", "--json"]);
    assert!(!out.status.success(), "refused lines make the exit status non-zero");
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((summary["imported"].as_u64(), summary["already_present"].as_u64()), (Some(40), Some(0)), "{summary}");
    assert_eq!(summary["refused"], 5, "{summary}");
    let errors = summary["errors"].as_array().unwrap();
    let lines: Vec<u64> = errors.iter().map(|e| e["line"].as_u64().unwrap()).collect();
    assert_eq!(lines, [5, 11, 14, 45, 46], "{summary}");
    let codes = |i: usize| -> Vec<(String, String)> {
        errors[i]["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["field"].as_str().unwrap().to_owned(), e["code"].as_str().unwrap().to_owned()))
            .collect()
    };
    assert_eq!(codes(0), [("nationality".to_owned(), "unknown_field".to_owned())]);
    assert_eq!(codes(1), [("narrative".to_owned(), "too_long".to_owned())]);
    assert_eq!(codes(2)[0], ("asks[0]".to_owned(), "unknown_value".to_owned()));
    assert_eq!(codes(3), [("".to_owned(), "invalid_utf8".to_owned())]);
    assert_eq!(codes(4), [("".to_owned(), "invalid_json".to_owned())]);
    assert_eq!(errors[4]["cut_off"], true, "the last line is reported as cut off");
    assert_eq!(errors[3]["cut_off"], false);

    // Text mode: every refusal with its file and line on stderr, the summary on stdout.
    let out = run(dir.path(), db, &["reports", "import", "in.jsonl"]);
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains("0 imported, 40 already present, 5 refused"), "{stdout}");
    assert!(stderr.contains("in.jsonl:14: asks[0]:"), "{stderr}");
    assert!(stderr.contains("in.jsonl:46:") && stderr.contains("cut off"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "no progress bar when standard error is not a terminal");

    // Decrypted export: the same JSON values that went in, in the same order.
    let out = run(dir.path(), db, &["reports", "export", "--identity", "team.txt"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let exported: Vec<Value> = text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(exported, good);
    let out = run(dir.path(), db, &["reports", "export", "--identity", "team.txt", "--out", "out.jsonl"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 40);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join("out.jsonl")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "a decrypted export is readable by its owner only");
    }

    // Lines without a source get `import`, or the one given.
    std::fs::write(dir.path().join("bare.jsonl"), "{\"ref\": \"b-1\", \"narrative\": \"one\"}\n").unwrap();
    assert!(run(dir.path(), db, &["reports", "import", "bare.jsonl"]).status.success());
    assert!(run(dir.path(), db, &["reports", "import", "bare.jsonl", "--source", "sms"]).status.success());
    let out = run(dir.path(), db, &["reports", "import", "bare.jsonl", "--source", "carrier-pigeon"]);
    assert!(!out.status.success() && text(&out.stderr).contains("unknown source"));
    let out = run(dir.path(), db, &["reports", "export", "--identity", "team.txt"]);
    let sources: Vec<Value> = text(&out.stdout)
        .lines()
        .skip(40)
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["source"].clone())
        .collect();
    assert_eq!(sources, ["import", "sms"]);

    // A stranger's identity opens nothing, and says so.
    let other_db = format!("sqlite://{}/other.db", dir.path().display());
    assert!(run(dir.path(), &other_db, &["team-keys", "init", "--out", "stranger.txt"]).status.success());
    let out = run(dir.path(), db, &["reports", "export", "--identity", "stranger.txt", "--out", "nope.jsonl"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("could not be opened"), "{}", text(&out.stderr));
    assert!(!dir.path().join("nope.jsonl").exists(), "a failed export leaves no file");

    // Every export is in the audit trail, chained.
    let trail = runtime().block_on(async {
        let store = shieldcheck_store::open(db, &OpenOptions::default()).await.unwrap();
        store.audit_events().await.unwrap()
    });
    let actions: Vec<&str> = trail.iter().map(|r| r.event.action.as_str()).collect();
    assert_eq!(actions, ["reports.export"; 4]);
    assert!(trail[1].event.detail.contains("out.jsonl"), "{:?}", trail[1]);
    assert!(shieldcheck_casefile::sealed_report::audit_chain_intact(&trail));
}

#[test]
fn reports_import_and_export_round_trip_on_sqlite() {
    import_export_round_trip(false, "reports_import_and_export_round_trip_on_sqlite");
}

#[test]
fn reports_import_and_export_round_trip_on_postgres() {
    import_export_round_trip(true, "reports_import_and_export_round_trip_on_postgres");
}

#[test]
fn team_keys_are_age_keys() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/keys.db", dir.path().display());
    let out = run(dir.path(), &db, &["team-keys", "init", "--out", "team.txt"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let public = text(&out.stdout).trim().to_owned();
    assert!(public.starts_with("age1"), "{public}");
    let identity = std::fs::read_to_string(dir.path().join("team.txt")).unwrap();
    let lines: Vec<&str> = identity.lines().collect();
    assert!(lines[0].starts_with("# created: "), "{identity}");
    assert_eq!(lines[1], format!("# public key: {public}"));
    assert!(lines[2].starts_with("AGE-SECRET-KEY-1"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(dir.path().join("team.txt")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    // Never overwritten.
    let out = run(dir.path(), &db, &["team-keys", "init", "--out", "team.txt"]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(dir.path().join("team.txt")).unwrap(), identity);

    for bad in ["age1notakey", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI", "AGE-SECRET-KEY-1QQQ", ""] {
        let out = run(dir.path(), &db, &["team-keys", "add", bad]);
        assert!(!out.status.success(), "{bad} was accepted");
        assert!(text(&out.stderr).contains("age X25519 public key"), "{}", text(&out.stderr));
    }
    let out = run(dir.path(), &db, &["team-keys", "add", &public]);
    assert!(out.status.success() && text(&out.stdout).contains("already registered"));
    let out = run(dir.path(), &db, &["team-keys", "list", "--json"]);
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list["keys"][0]["recipient"], public.as_str());
    assert!(list["key_id"].as_str().unwrap().starts_with("team-"));
    assert!(!text(&out.stdout).contains("AGE-SECRET-KEY"), "no private key is ever stored");
}

#[test]
fn a_sealed_export_is_age_files_the_age_tool_decrypts() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/sealed.db", dir.path().display());
    assert!(run(dir.path(), &db, &["team-keys", "init", "--out", "team.txt"]).status.success());
    let good = good_lines();
    let file: String = good.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(dir.path().join("in.jsonl"), file).unwrap();
    assert!(run(dir.path(), &db, &["reports", "import", "in.jsonl"]).status.success());

    let out = run(dir.path(), &db, &["reports", "export", "--sealed"]);
    assert!(!out.status.success(), "a sealed export needs --out");
    let out = run(dir.path(), &db, &["reports", "export", "--sealed", "--out", "sealed.tar"]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    // Unpack with the tar crate: one age file per report and the manifest.
    let mut archive = tar::Archive::new(std::fs::File::open(dir.path().join("sealed.tar")).unwrap());
    let unpacked = dir.path().join("unpacked");
    archive.unpack(&unpacked).unwrap();
    let manifest = std::fs::read_to_string(unpacked.join("manifest.jsonl")).unwrap();
    let entries: Vec<Value> = manifest.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(entries.len(), 40);
    for (entry, original) in entries.iter().zip(&good) {
        assert_eq!(entry["ref"], original["ref"]);
        assert_eq!(entry["source"], original["source"]);
        assert!(entry["key_id"].as_str().unwrap().starts_with("team-"));
        assert!(entry["submitted_hour"].as_str().unwrap().ends_with(":00:00Z"), "{entry}");
        let sealed = std::fs::read(unpacked.join(entry["file"].as_str().unwrap())).unwrap();
        assert!(sealed.starts_with(b"age-encryption.org/v1\n"));
        assert!(!String::from_utf8_lossy(&sealed).contains("Tocaron"));
    }
    let trail = runtime().block_on(async {
        let store = shieldcheck_store::open(&db, &OpenOptions::default()).await.unwrap();
        store.audit_events().await.unwrap()
    });
    assert_eq!(trail.len(), 1);
    assert_eq!(trail[0].event.action, "reports.export_sealed");

    // The standard age tool opens every report with the team identity.
    let age = std::env::var("SHIELDCHECK_AGE").unwrap_or_else(|_| "/usr/bin/age".into());
    if !Path::new(&age).exists() {
        skipped(&format!(
            "SKIPPED a_sealed_export_is_age_files_the_age_tool_decrypts: the age tool ({age}) is not installed; apt-get install age"
        ));
        return;
    }
    for (entry, original) in entries.iter().zip(&good) {
        let out = std::process::Command::new(&age)
            .arg("-d")
            .arg("-i")
            .arg(dir.path().join("team.txt"))
            .arg(unpacked.join(entry["file"].as_str().unwrap()))
            .output()
            .unwrap();
        assert!(out.status.success(), "age: {}", text(&out.stderr));
        let content: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut expected = original.clone();
        expected.as_object_mut().unwrap().remove("ref");
        expected.as_object_mut().unwrap().remove("source");
        assert_eq!(content, expected);
    }
}

/// A phone photo with EXIF GPS, XMP, an ICC profile and a comment (see the core's tests).
const PHOTO: &[u8] = include_bytes!("../../../report/tests/data/photo-exif-gps.jpg");

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Stores, through the store as the server does, one report with two photos and one without;
/// the id of the one with photos.
fn store_reports_with_photos(db: &str) -> i64 {
    use shieldcheck_casefile::sealed_report::{NewReport, TeamKeys};
    use shieldcheck_report::Source;
    use shieldcheck_report::attachment::{Upload, check};
    runtime().block_on(async {
        let store = shieldcheck_store::open(db, &OpenOptions::default()).await.unwrap();
        let keys = TeamKeys::from_records(&store.team_recipients().await.unwrap()).unwrap();
        let lines = good_lines();
        let report = shieldcheck_report::Report::from_json(lines[0].to_string().as_bytes()).unwrap();
        let photo =
            |declared: &str| check(1, Upload { declared_type: Some(declared.into()), bytes: PHOTO.to_vec() }).unwrap();
        let mut with_photos =
            NewReport::seal(&report, &keys, Source::Web, shieldcheck_report::UnixTime::EPOCH, None).unwrap();
        with_photos.seal_attachments(&keys, &[photo("image/jpeg"), photo("image/jpg")]).unwrap();
        let id = store.insert_report(&with_photos).await.unwrap().id;
        let plain = shieldcheck_report::Report::from_json(lines[1].to_string().as_bytes()).unwrap();
        store
            .insert_report(
                &NewReport::seal(&plain, &keys, Source::Web, shieldcheck_report::UnixTime::EPOCH, None).unwrap(),
            )
            .await
            .unwrap();
        id
    })
}

fn photos_export(postgres: bool, test: &str) {
    let dir = tempfile::tempdir().unwrap();
    let Some(db) = database(dir.path(), postgres, test) else { return };
    let db = db.url.as_str();
    assert!(run(dir.path(), db, &["team-keys", "init", "--out", "team.txt"]).status.success());
    let id = store_reports_with_photos(db);

    // By default only the copies without metadata, beside the decrypted reports.
    let out = run(
        dir.path(),
        db,
        &["reports", "export", "--identity", "team.txt", "--out", "out.jsonl", "--attachments", "photos"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let photos = dir.path().join("photos");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(std::fs::metadata(&photos).unwrap().permissions().mode() & 0o777, 0o700);
    }
    let index: Vec<Value> = std::fs::read_to_string(photos.join("index.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(index.len(), 2, "one line per report, as in the JSON Lines export");
    assert_eq!(index[0]["line"], 1);
    assert_eq!(index[0]["id"], id);
    assert_eq!(index[0]["files"], json!([format!("{id}/1.jpg"), format!("{id}/2.jpg")]));
    assert_eq!(index[1]["files"], json!([]));
    for n in 1..=2 {
        let stripped = std::fs::read(photos.join(format!("{id}/{n}.jpg"))).unwrap();
        for secret in [&b"Exif"[..], b"PhoneMake", b"xmpmeta", b"ICC_PROFILE", b"Post Ave"] {
            assert!(!contains(&stripped, secret), "{secret:?} in the exported copy");
        }
        assert!(stripped.starts_with(&[0xFF, 0xD8]) && stripped.ends_with(&[0xFF, 0xD9]));
        assert!(!photos.join(format!("{id}/{n}-original.jpg")).exists(), "originals only when asked for");
    }
    // A folder in use is never written into.
    let out = run(
        dir.path(),
        db,
        &["reports", "export", "--identity", "team.txt", "--out", "again.jsonl", "--attachments", "photos"],
    );
    assert!(!out.status.success());
    // --originals needs --attachments.
    assert!(!run(dir.path(), db, &["reports", "export", "--identity", "team.txt", "--originals"]).status.success());

    // Originals when asked for, byte for byte, and the audit trail says so.
    let out = run(
        dir.path(),
        db,
        &[
            "reports",
            "export",
            "--identity",
            "team.txt",
            "--out",
            "out2.jsonl",
            "--attachments",
            "evidence",
            "--originals",
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let evidence = dir.path().join("evidence");
    assert_eq!(std::fs::read(evidence.join(format!("{id}/1-original.jpg"))).unwrap(), PHOTO);
    assert_eq!(std::fs::read(evidence.join(format!("{id}/2-original.jpg"))).unwrap(), PHOTO);
    assert!(evidence.join(format!("{id}/1.jpg")).exists());
    let trail = runtime().block_on(async {
        let store = shieldcheck_store::open(db, &OpenOptions::default()).await.unwrap();
        store.audit_events().await.unwrap()
    });
    let details: Vec<Value> = trail.iter().map(|r| serde_json::from_str(&r.event.detail).unwrap()).collect();
    // Two exports; the one refused for its folder read nothing and is not among them.
    assert_eq!(details.len(), 2, "{details:?}");
    assert_eq!(details[0]["attachments"]["originals"], false);
    assert_eq!(details[0]["attachments"]["photos"], 2);
    assert_eq!(details[1]["attachments"]["originals"], true);
    assert!(shieldcheck_casefile::sealed_report::audit_chain_intact(&trail));

    // A sealed export carries every photo file as an age file the age tool opens.
    let out = run(dir.path(), db, &["reports", "export", "--sealed", "--out", "sealed.tar"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let mut archive = tar::Archive::new(std::fs::File::open(dir.path().join("sealed.tar")).unwrap());
    let unpacked = dir.path().join("unpacked");
    archive.unpack(&unpacked).unwrap();
    let manifest: Vec<Value> = std::fs::read_to_string(unpacked.join("manifest.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let files = manifest[0]["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 4);
    assert!(manifest[1].get("attachments").is_none());
    let age = std::env::var("SHIELDCHECK_AGE").unwrap_or_else(|_| "/usr/bin/age".into());
    for file in files {
        let path = unpacked.join(file["file"].as_str().unwrap());
        let sealed = std::fs::read(&path).unwrap();
        assert!(sealed.starts_with(b"age-encryption.org/v1\n") && !contains(&sealed, b"PhoneMake"));
        if !Path::new(&age).exists() {
            continue;
        }
        let out = std::process::Command::new(&age)
            .arg("-d")
            .arg("-i")
            .arg(dir.path().join("team.txt"))
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "age: {}", text(&out.stderr));
        match file["variant"].as_str().unwrap() {
            "original" => assert_eq!(out.stdout, PHOTO),
            "stripped" => assert!(!contains(&out.stdout, b"Exif") && out.stdout.starts_with(&[0xFF, 0xD8])),
            other => panic!("unknown variant {other}"),
        }
    }
    if !Path::new(&age).exists() {
        skipped(&format!("SKIPPED the age tool part of {test}: the age tool ({age}) is not installed"));
    }
}

#[test]
fn photos_export_stripped_by_default_originals_on_request_and_sealed_on_sqlite() {
    photos_export(false, "photos_export_stripped_by_default_originals_on_request_and_sealed_on_sqlite");
}

#[test]
fn photos_export_stripped_by_default_originals_on_request_and_sealed_on_postgres() {
    photos_export(true, "photos_export_stripped_by_default_originals_on_request_and_sealed_on_postgres");
}
