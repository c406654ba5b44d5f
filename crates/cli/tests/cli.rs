//! The `shieldcheck` binary as an operator uses it, and the public pages in real headless
//! Chromium (when Chromium, Node.js and the browser test's packages are present).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{RunningServer, command, shieldcheck, skipped, text};
use shieldcheck_claim::testing::{CHEN, HEADER, OKAFOR, RIVERA, roster};

/// The one harness of this test binary: the binary run as an operator runs it.
mod common;
/// The pattern engine as an analyst runs it (its own file, in this one test binary).
mod patterns;
/// Team keys and bulk report import and export (their own file, in this one test binary).
mod reports;

/// The roster of these tests.
const GOOD: [&str; 3] = [RIVERA, CHEN, OKAFOR];

#[test]
fn config_print_default_is_a_valid_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = shieldcheck(dir.path(), &["config", "print-default"]);
    assert!(out.status.success());
    let printed = text(&out.stdout);
    assert!(printed.contains("[rate_limit]") && printed.contains("listen = \"127.0.0.1:8080\""));
    std::fs::write(dir.path().join("mine.toml"), &printed).unwrap();
    assert!(shieldcheck(dir.path(), &["--config", "mine.toml", "config", "print-default"]).status.success());
    std::fs::write(dir.path().join("typo.toml"), "[server]\nlisten_on = \"0.0.0.0:80\"\n").unwrap();
    let out = shieldcheck(dir.path(), &["--config", "typo.toml", "roster", "export"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("listen_on"), "{}", text(&out.stderr));
}

#[test]
fn roster_import_export_round_trip_on_the_default_database() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roster.csv"), roster(&GOOD)).unwrap();
    let out = shieldcheck(dir.path(), &["roster", "import", "roster.csv", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["members"], 3);
    assert!(dir.path().join("shieldcheck-data/shieldcheck.db").exists(), "the default SQLite file is created");

    let out = shieldcheck(dir.path(), &["roster", "export"]);
    assert!(out.status.success());
    let exported = text(&out.stdout);
    let mut lines: Vec<&str> = exported.lines().collect();
    assert_eq!(lines.remove(0), HEADER);
    let mut want: Vec<&str> = GOOD.to_vec();
    want.sort_unstable();
    assert_eq!(lines, want);

    assert!(shieldcheck(dir.path(), &["roster", "export", "--out", "back.csv"]).status.success());
    assert_eq!(std::fs::read_to_string(dir.path().join("back.csv")).unwrap(), exported);
}

#[test]
fn a_bad_roster_is_refused_whole_with_every_line_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/r.db", dir.path().display());
    std::fs::write(dir.path().join("good.csv"), roster(&GOOD)).unwrap();
    assert!(shieldcheck(dir.path(), &["--database-url", &db, "roster", "import", "good.csv"]).status.success());
    let before = text(&shieldcheck(dir.path(), &["--database-url", &db, "roster", "export"]).stdout);

    // A BOM and CRLF line ends are fine; duplicates and unknown codes are not.
    let bad = format!(
        "\u{FEFF}{HEADER}\r\n\
         M1,Diaz,Eva,Police Officer,1,100001,34,,active,\r\n\
         M1,Diaz,Eve,Police Officer,2,100002,34,,active,\r\n\
         M3,Park,Min,Police Officer,1,100003,34,,active,\r\n\
         M4,Lee,Jo,Detective,1,100004,35,,active,\r\n\
         M5,Khan,Ali,Sergeant,9,100001,PSA2,,on vacation,\r\n"
    );
    std::fs::write(dir.path().join("bad.csv"), bad).unwrap();
    let out = shieldcheck(dir.path(), &["--database-url", &db, "roster", "import", "bad.csv"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    for expected in [
        "line 3: member_id: this member id already appears on line 2 (duplicate)",
        "line 4: shield_number: this shield number in the same rank series already appears on line 2 (duplicate)",
        "line 5: command_code: \"35\" is not a precinct number or command code (unknown_command)",
        "line 6: status:",
        "nothing was changed",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    assert!(!err.contains("line 5: shield_number"), "a detective's 1 is not a police officer's 1:\n{err}");

    let out = shieldcheck(dir.path(), &["--database-url", &db, "roster", "import", "bad.csv", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["imported"], false);
    assert_eq!(json["problems"].as_array().unwrap().len(), 5, "{json}");

    std::fs::write(dir.path().join("nocol.csv"), "member_id,last_name,first_name,rank\nM1,A,B,Sergeant\n").unwrap();
    let out = shieldcheck(dir.path(), &["--database-url", &db, "roster", "import", "nocol.csv"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("line 1: tax_registry_number: the header has no tax_registry_number column"));

    let out = shieldcheck(dir.path(), &["--database-url", &db, "roster", "import", "missing.csv"]);
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("could not read missing.csv"));

    let after = text(&shieldcheck(dir.path(), &["--database-url", &db, "roster", "export"]).stdout);
    assert_eq!(before, after, "nothing changed");
}

#[test]
fn claim_check_prints_one_answer_and_exits_zero_whatever_it_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roster.csv"), roster(&GOOD)).unwrap();
    assert!(shieldcheck(dir.path(), &["roster", "import", "roster.csv"]).status.success());
    let check = |args: &[&str]| {
        let mut all = vec!["claim", "check", "--json"];
        all.extend_from_slice(args);
        let out = shieldcheck(dir.path(), &all);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let stdout = text(&out.stdout);
        assert_eq!(stdout.trim().lines().count(), 1, "exactly one JSON object: {stdout}");
        let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        json["result"].as_str().unwrap().to_owned()
    };
    assert_eq!(
        check(&["--name", "Det. Ana Rivera", "--shield", "4471", "--command", "the three-four"]),
        "matches_active_member"
    );
    assert_eq!(check(&["--name", "Rivera", "--rank", "PO", "--shield", "4471"]), "no_match");
    assert_eq!(check(&["--name", "Okafor", "--tax-registry", "912345", "--rank", "Lt"]), "matches_active_member");
    assert_eq!(check(&["--command", "immigration squad"]), "unit_not_in_nypd");
    assert_eq!(check(&["--shield", "4471"]), "insufficient");

    let out = shieldcheck(
        dir.path(),
        &["claim", "check", "--name", "Rivera", "--shield", "4471", "--rank", "det", "--lang", "es"],
    );
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("Sí"), "{}", text(&out.stdout));

    let long = "x".repeat(5000);
    let out = shieldcheck(dir.path(), &["claim", "check", "--name", &long, "--shield", "1"]);
    assert!(!out.status.success(), "a claim it cannot take is an error, not an answer");
    assert!(text(&out.stderr).contains("field_too_long"));
}

#[test]
fn demo_seed_only_builds_a_city_sized_roster() {
    let dir = tempfile::tempdir().unwrap();
    let out = shieldcheck(dir.path(), &["demo", "--seed-only"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("/verify") && stdout.contains("Det. Ana Rivera"));
    let db = "sqlite://shieldcheck-data/demo.db";
    let out = shieldcheck(dir.path(), &["--database-url", db, "roster", "export"]);
    let members = text(&out.stdout).lines().count() - 1;
    assert!((35_000..=37_000).contains(&members), "{members}");
    // The demo's /report seals to a case-team identity the demo wrote and registered.
    let identity = std::fs::read_to_string(dir.path().join("shieldcheck-data/demo-team-identity.txt")).unwrap();
    assert!(identity.contains("AGE-SECRET-KEY-1"));
    let keys: serde_json::Value =
        serde_json::from_slice(&shieldcheck(dir.path(), &["--database-url", db, "team-keys", "list", "--json"]).stdout)
            .unwrap();
    let public = keys["keys"][0]["recipient"].as_str().unwrap();
    assert!(identity.contains(&format!("# public key: {public}")), "{identity}");
    // Every example the demo prints answers as it says.
    let check = |args: &[&str]| {
        let mut all = vec!["--database-url", db, "claim", "check", "--json"];
        all.extend_from_slice(args);
        let json: serde_json::Value = serde_json::from_slice(&shieldcheck(dir.path(), &all).stdout).unwrap();
        json["result"].as_str().unwrap().to_owned()
    };
    assert_eq!(
        check(&["--name", "Det. Ana Rivera", "--rank", "detective", "--shield", "4471", "--command", "the three-four"]),
        "matches_active_member"
    );
    assert_eq!(
        check(&["--name", "Ana Rivera", "--rank", "police-officer", "--shield", "4471", "--command", "34th Precinct"]),
        "no_match"
    );
    assert_eq!(
        check(&["--name", "PO Wei Chen", "--shield", "20711", "--command", "Manhattan North narcotics"]),
        "matches_active_member"
    );
    assert_eq!(
        check(&["--name", "Lt. James Okafor", "--tax-registry", "912345", "--command", "TD 4"]),
        "matches_active_member"
    );
    assert_eq!(
        check(&["--name", "Sgt. Michael O'Brien", "--shield", "1234", "--command", "75 pct"]),
        "member_not_active"
    );
    assert_eq!(
        check(&[
            "--name",
            "Maria Jose Garcia Lopez",
            "--rank",
            "detective",
            "--shield",
            "5150",
            "--command",
            "Midtown North"
        ]),
        "matches_active_member"
    );
    assert_eq!(check(&["--name", "Smith", "--command", "immigration squad"]), "unit_not_in_nypd");
    // Running the demo again starts fresh.
    assert!(shieldcheck(dir.path(), &["demo", "--seed-only"]).status.success());
}

fn http_get(base_port: u16, path: &str) -> Option<String> {
    let mut stream = TcpStream::connect(("127.0.0.1", base_port)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").ok()?;
    let mut response = String::new();
    stream.read_to_string(&mut response).ok()?;
    Some(response)
}

/// The issuer passphrase the browser test's demo uses.
const BROWSER_PASSPHRASE: &str = "browser test passphrase";

/// Seeds a demo database (with an issuer key and enrolment codes) and serves it with the
/// issuer key open. Returns the server and Ana Rivera's one-time enrolment code.
fn serve_demo(dir: &Path) -> (RunningServer, String) {
    let db = format!("sqlite://{}/browser.db", dir.display());
    let out = command(dir)
        .args(["--database-url", &db, "demo", "--seed-only"])
        .env("SHIELDCHECK_KEY_PASSPHRASE", BROWSER_PASSPHRASE)
        .env("SHIELDCHECK_LOG", "warn")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let code = stdout
        .lines()
        .find(|l| l.contains("(M0012345)"))
        .and_then(|l| l.split_whitespace().next())
        .expect("the demo prints an enrolment code for M0012345")
        .to_owned();
    // A case-team key, so that the questionnaire's reports can be sealed and stored.
    let out =
        command(dir).args(["--database-url", &db, "team-keys", "init", "--out", "team-identity.txt"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let env = [
        // The browser test submits many claims from one address.
        ("SHIELDCHECK_RATE_LIMIT__CLIENT_BURST", "1000".to_owned()),
        // report.mjs sends a form without JavaScript after this many seconds.
        ("SHIELDCHECK_REPORTS__POW_MIN_FORM_SECS", "2".to_owned()),
        ("SHIELDCHECK_KEY_PASSPHRASE", BROWSER_PASSPHRASE.to_owned()),
    ];
    let server = RunningServer::start(dir, &db, &env);
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if http_get(server.addr.port(), "/api/v1/health").is_some_and(|r| r.starts_with("HTTP/1.1 200")) {
            return (server, code);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the server did not come up");
}

/// A live presentation of a fresh credential for Ana Rivera (M0012345), as a one-frame Y4M
/// video for Chromium's fake camera: the QR image centred on a white 4:2:0 frame. Presented
/// 30 s ahead so that it stays within the verifier's window for the whole browser run.
fn fake_camera_video(dir: &Path) -> PathBuf {
    let run = |args: &[&str]| {
        let out = command(dir)
            .args(["--database-url", &format!("sqlite://{}/browser.db", dir.display())])
            .args(args)
            .env("SHIELDCHECK_KEY_PASSPHRASE", BROWSER_PASSPHRASE)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    };
    run(&["credential", "device-key", "--out", "rivera.key"]);
    run(&[
        "credential",
        "issue",
        "--member",
        "M0012345",
        "--device-public-key",
        "rivera.key.pub",
        "--out",
        "rivera.cred",
    ]);
    let at = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 30).to_string();
    run(&[
        "credential",
        "present",
        "--credential",
        "rivera.cred",
        "--device-key",
        "rivera.key",
        "--at",
        &at,
        "--qr",
        "rivera.png",
    ]);
    let (width, height, luma) = shieldcheck_cli::qr::read_png_luma(&dir.join("rivera.png")).unwrap();
    let side = (width.max(height) + 40).next_multiple_of(16);
    let mut y = vec![255u8; side * side];
    let (ox, oy) = ((side - width) / 2, (side - height) / 2);
    for row in 0..height {
        y[(oy + row) * side + ox..(oy + row) * side + ox + width]
            .copy_from_slice(&luma[row * width..(row + 1) * width]);
    }
    let mut video = format!("YUV4MPEG2 W{side} H{side} F10:1 Ip A1:1 C420jpeg\nFRAME\n").into_bytes();
    video.extend_from_slice(&y);
    video.extend(std::iter::repeat_n(128u8, side * side / 2));
    let path = dir.join("camera.y4m");
    std::fs::write(&path, video).unwrap();
    path
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap()
}

/// Runs `tests/browser/verify.mjs`, then `tests/browser/report.mjs`, in headless Chromium
/// against a demo server. Skipped (and
/// says so) when Chromium, Node.js or the test's npm packages are missing, except under
/// `CI=true`, where a missing browser is a failure.
#[test]
fn public_pages_in_headless_chromium() {
    let root = workspace_root();
    let browser_dir = root.join("tests/browser");
    let chromium = std::env::var("SHIELDCHECK_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    let packages =
        browser_dir.join("node_modules/playwright-core").exists() && browser_dir.join("node_modules/axe-core").exists();
    let missing: Vec<&str> = [
        (!Path::new(&chromium).exists()).then_some("Chromium (set SHIELDCHECK_CHROMIUM or install /usr/bin/chromium)"),
        (!node).then_some("Node.js"),
        (!packages).then_some("the npm packages (run `npm ci` in tests/browser)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        let why = missing.join(", ");
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true but the browser test cannot run: missing {why}");
        }
        skipped(&format!("SKIPPED public_pages_in_headless_chromium: missing {why}"));
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (server, enrolment_code) = serve_demo(dir.path());
    let camera = fake_camera_video(dir.path());
    let out = Command::new("node")
        .current_dir(&browser_dir)
        .arg("verify.mjs")
        .arg(format!("http://{}", server.addr))
        .env("SHIELDCHECK_CHROMIUM", &chromium)
        .env("SHIELDCHECK_FAKE_CAMERA", &camera)
        .env("SHIELDCHECK_ENROLMENT_CODE", &enrolment_code)
        .output()
        .unwrap();
    let report = format!("{}{}", text(&out.stdout), text(&out.stderr));
    eprintln!("{report}");
    assert!(out.status.success(), "the browser test failed:\n{report}");
    assert!(report.contains(", 0 failed"), "{report}");

    // The questionnaire at /report, against the same server.
    let out = Command::new("node")
        .current_dir(&browser_dir)
        .arg("report.mjs")
        .arg(format!("http://{}", server.addr))
        .env("SHIELDCHECK_CHROMIUM", &chromium)
        .env("SHIELDCHECK_MIN_FORM_SECS", "2")
        .output()
        .unwrap();
    let report = format!("{}{}", text(&out.stdout), text(&out.stderr));
    eprintln!("{report}");
    assert!(out.status.success(), "the questionnaire's browser test failed:\n{report}");
    assert!(report.contains(", 0 failed"), "{report}");
}

#[test]
fn credentials_issue_present_verify_and_revoke() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("roster.csv"), roster(&GOOD)).unwrap();
    let run = |args: &[&str], passphrase: Option<&str>| {
        let mut command = command(dir.path());
        command.args(args);
        match passphrase {
            Some(p) => command.env("SHIELDCHECK_KEY_PASSPHRASE", p),
            None => command.env_remove("SHIELDCHECK_KEY_PASSPHRASE"),
        };
        command.output().unwrap()
    };
    let pass = Some("correct horse battery");
    assert!(run(&["roster", "import", "roster.csv"], None).status.success());
    let out = run(&["keys", "init"], None);
    assert!(!out.status.success() && text(&out.stderr).contains("SHIELDCHECK_KEY_PASSPHRASE"));
    assert!(!run(&["keys", "init"], Some("short")).status.success(), "a short passphrase is refused");
    assert!(run(&["keys", "init"], pass).status.success());
    assert!(run(&["credential", "device-key", "--out", "phone.key"], None).status.success());
    assert!(run(&["credential", "device-key", "--out", "thief.key"], None).status.success());
    let secret = std::fs::read_to_string(dir.path().join("phone.key")).unwrap();
    let issue =
        ["credential", "issue", "--member", "M0012345", "--device-public-key", "phone.key.pub", "--out", "c.cred"];
    let out = run(&issue, Some("wrong passphrase!"));
    assert!(!out.status.success() && text(&out.stderr).contains("passphrase does not open"), "{}", text(&out.stderr));
    let out = run(&issue, pass);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(!text(&out.stderr).contains(secret.trim()), "no secret in the output");

    let present = |key: &str, extra: &[&str]| {
        let mut args = vec!["credential", "present", "--credential", "c.cred", "--device-key", key];
        args.extend_from_slice(extra);
        let out = run(&args, None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout).trim().to_owned()
    };
    let verify = |payload: &str, extra: &[&str]| {
        let mut args = vec!["verify", payload, "--json"];
        args.extend_from_slice(extra);
        let out = run(&args, None);
        assert!(out.status.success(), "verify exits 0 whatever the answer: {}", text(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json
    };
    let payload = present("phone.key", &[]);
    assert!(payload.starts_with("SC1:"));
    let json = verify(&payload, &[]);
    assert_eq!(json["result"], "valid");
    assert_eq!(json["member"]["name"], "Ana Rivera");
    assert_eq!(json["member"]["command"], "34th Precinct");
    assert_eq!(verify(&present("thief.key", &[]), &[])["result"], "wrong_device");
    assert_eq!(verify(&present("phone.key", &["--at", "1000000000"]), &[])["result"], "stale_presentation");
    assert_eq!(verify(&present("phone.key", &["--challenge", "417"]), &["--challenge", "417"])["result"], "valid");
    // Two steps old: inside the default 30 s of clock skew, stale with the skew set to 0.
    let minute_ago =
        (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() - 60).to_string();
    let old = present("phone.key", &["--at", &minute_ago]);
    assert_eq!(verify(&old, &[])["result"], "valid");
    let out = command(dir.path())
        .args(["verify", &old, "--json"])
        .env("SHIELDCHECK_CREDENTIALS__CLOCK_SKEW_SECS", "0")
        .output()
        .unwrap();
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["result"], "stale_presentation");
    assert_eq!(verify(&present("phone.key", &[]), &["--challenge", "417"])["result"], "stale_presentation");

    // Offline: nothing cached before the first online check, then the cached key set and
    // status list answer without the database, saying how old the list is.
    let offline = |payload: &str| {
        let out =
            run(&["verify", payload, "--offline", "--json", "--database-url", "sqlite:///nonexistent/x.db"], None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    std::fs::remove_dir_all(dir.path().join("shieldcheck-data/verifier")).unwrap();
    let out = run(&["verify", &payload, "--offline"], None);
    assert!(!out.status.success() && text(&out.stderr).contains("no cached key set"), "{}", text(&out.stderr));
    assert_eq!(verify(&payload, &[])["result"], "valid");
    let answer = offline(&payload);
    assert_eq!(answer["result"], "valid", "{answer}");
    assert!(answer["status_as_of"].as_i64().is_some());
    let out = run(&["verify", &payload, "--offline"], None);
    assert!(
        text(&out.stdout).starts_with("VALID") && text(&out.stdout).contains("status as of "),
        "{}",
        text(&out.stdout)
    );

    // Enrolment codes for the officer page.
    let out = run(&["credential", "enrol", "--member", "M0012345"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let code = text(&out.stdout).trim().to_owned();
    assert!(code.len() == 14 && code.chars().filter(|c| *c == '-').count() == 2, "{code}");
    let out = run(&["credential", "enrol", "--member", "nobody"], None);
    assert!(!out.status.success() && text(&out.stderr).contains("no member"));
    assert!(!run(&["credential", "enrol", "--member", "M0012345", "--hours", "0"], None).status.success());

    let out = run(&["credential", "suspend", "--member", "M0012345"], None);
    assert!(!out.status.success(), "a status change needs the passphrase to publish the list");
    assert_eq!(verify(&payload, &[])["result"], "valid", "and changes nothing without it");
    assert!(run(&["credential", "suspend", "--member", "M0012345"], pass).status.success());
    assert_eq!(verify(&payload, &[])["result"], "suspended");
    assert!(run(&["credential", "reinstate", "--member", "M0012345"], pass).status.success());
    assert_eq!(verify(&payload, &[])["result"], "valid");
    // Rotation keeps the old key verifying.
    assert!(run(&["keys", "rotate"], pass).status.success());
    assert_eq!(verify(&payload, &[])["result"], "valid");
    let keys: serde_json::Value = serde_json::from_slice(&run(&["keys", "list", "--json"], None).stdout).unwrap();
    assert_eq!(keys.as_array().unwrap().len(), 2);
    assert_eq!(keys[0]["signing"], false);
    assert!(run(&["credential", "revoke", "--member", "M0012345"], pass).status.success());
    assert!(run(&["credential", "publish-status"], pass).status.success());
    assert_eq!(offline(&payload)["result"], "valid", "offline, the revocation counts only after a refresh");
    assert_eq!(verify(&payload, &[])["result"], "revoked");
    assert_eq!(offline(&payload)["result"], "revoked", "the online check refreshed the cache");
    assert_eq!(verify("SC1:garbage", &[])["result"], "malformed");
    // The QR image carries exactly the payload, within version 20 at level Q.
    let payload = present("phone.key", &["--qr", "code.png", "--challenge", "1234"]);
    let out = run(&["verify", "--image", "code.png", "--json", "--challenge", "1234"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["result"], "revoked", "the image decodes to the revoked credential's payload");
    assert_eq!(shieldcheck_cli::qr::read_png(&dir.path().join("code.png")).unwrap(), payload);
    assert_eq!(verify("hello", &[])["result"], "malformed");
    let out = run(&["credential", "issue", "--member", "nobody", "--device-public-key", "phone.key.pub"], pass);
    assert!(!out.status.success() && text(&out.stderr).contains("no member"));
}
