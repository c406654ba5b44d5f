#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Artifacts for the independent interoperability check (`tests/interop/check_artifacts.py`,
//! run by `.ci/run`): the real binary issues credentials to a small roster (one with the longest
//! realistic name, command and squad, so that its QR code nears the version-20 limit), revokes
//! one and suspends another, presents them with and without a challenge as payloads and PNG QR
//! images, and verifies them online, which caches the published key set (`keys.json`) and the
//! signed status list (`status-list.cwt`). Everything, with a `manifest.json`, goes to the
//! directory named by `SHIELDCHECK_INTEROP_DIR`, or to a temporary one when it is unset; either
//! way the Rust side is checked here (online, offline and from the images).

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{command, text};
use shieldcheck_claim::testing::{CHEN, OKAFOR, RIVERA, roster};
use shieldcheck_credential::keyset::KeySet;
use shieldcheck_credential::statuslist::Status;
use shieldcheck_credential::{VerifyOptions, VerifyResult, verify_presentation, verify_status_list};

/// The one harness of the command line's test binaries.
mod common;

const PASSPHRASE: &str = "interop artifacts passphrase";

/// The long member: a double-barrelled surname, two given names, the longest command code in
/// the registry (WARRANT), a long squad and a photo hash: about the largest credential that still
/// presents, with a challenge, within QR version 20 at level Q (702 characters) whatever its
/// random status index (a CBOR integer of 1 to 5 bytes). Four more bytes of squad and it would
/// not, for an index of 65,536 or more.
const LONG: &str = "M0077777,Christodoulopoulos-Vanderbilt,Maria Guadalupe,Detective First Grade,10472,967431,WARRANT,Special Victims Warrant Squad,active,9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
/// The roster: Rivera, the long member, Okafor and Chen.
const ROSTER: [&str; 4] = [RIVERA, LONG, OKAFOR, CHEN];

/// One presentation to write: who, with which challenge, and the answer expected.
struct Case {
    name: &'static str,
    member: &'static str,
    challenge: Option<u16>,
    expected: &'static str,
}

const CASES: &[Case] = &[
    Case { name: "long-challenge", member: "M0077777", challenge: Some(1234), expected: "valid" },
    Case { name: "long-plain", member: "M0077777", challenge: None, expected: "valid" },
    Case { name: "rivera-plain", member: "M0012345", challenge: None, expected: "valid" },
    Case { name: "okafor-revoked", member: "M0011111", challenge: Some(42), expected: "revoked" },
    Case { name: "chen-suspended", member: "M0098765", challenge: None, expected: "suspended" },
];

fn run(dir: &Path, args: &[&str]) -> Output {
    let out = command(dir)
        .args(args)
        .env_remove("SHIELDCHECK_CONFIG")
        .env_remove("SHIELDCHECK_TRUST_DIR")
        .env("SHIELDCHECK_KEY_PASSPHRASE", PASSPHRASE)
        .output()
        .unwrap();
    assert!(out.status.success(), "shieldcheck {args:?} failed:\n{}", text(&out.stderr));
    out
}

fn unix_now() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    i64::try_from(since.as_secs()).unwrap()
}

#[test]
fn interop_artifacts_are_written_and_verify_in_rust() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path();
    let out_dir: PathBuf = match std::env::var_os("SHIELDCHECK_INTEROP_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => dir.join("artifacts"),
    };
    std::fs::create_dir_all(&out_dir).unwrap();
    // A manifest from an earlier run must not outlive a failure of this one.
    let _ = std::fs::remove_file(out_dir.join("manifest.json"));
    let out = out_dir.to_str().unwrap();
    let db = format!("sqlite://{}/interop.db", dir.display());
    let sc = |args: &[&str]| {
        let mut all = vec!["--database-url", db.as_str()];
        all.extend_from_slice(args);
        run(dir, &all)
    };

    std::fs::write(dir.join("roster.csv"), roster(&ROSTER)).unwrap();
    sc(&["roster", "import", "roster.csv"]);
    sc(&["keys", "init"]);
    let members: Vec<&str> = ROSTER.iter().map(|l| l.split(',').next().unwrap()).collect();
    for (i, member) in members.iter().enumerate() {
        // Rivera's credential is signed by the first key; a rotation then makes the key set hold
        // two keys, so that a verifier must pick the issuer key by kid.
        if i == 1 {
            sc(&["keys", "rotate"]);
        }
        let key = format!("{member}.key");
        sc(&["credential", "device-key", "--out", &key]);
        let pub_key = format!("{key}.pub");
        let cred = format!("{member}.cred");
        sc(&["credential", "issue", "--member", member, "--device-public-key", &pub_key, "--out", &cred]);
    }
    sc(&["credential", "revoke", "--member", "M0011111"]);
    sc(&["credential", "suspend", "--member", "M0098765"]);

    let mut entries = Vec::new();
    let mut payloads = Vec::new();
    for case in CASES {
        let png = format!("{}.png", case.name);
        let png_path = out_dir.join(&png);
        let key = format!("{}.key", case.member);
        let cred = format!("{}.cred", case.member);
        let challenge = case.challenge.map(|c| c.to_string());
        let mut args = vec!["credential", "present", "--credential", &cred, "--device-key", &key];
        args.extend(["--qr", png_path.to_str().unwrap()]);
        if let Some(c) = &challenge {
            args.extend(["--challenge", c.as_str()]);
        }
        let presented = sc(&args);
        let payload = text(&presented.stdout).trim().to_owned();
        assert!(payload.starts_with("SC1:"), "{payload}");
        let version: u32 = text(&presented.stderr)
            .split("QR version ")
            .nth(1)
            .and_then(|rest| rest.split(',').next())
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or_else(|| panic!("no QR version in {:?}", text(&presented.stderr)));
        assert!(version <= 20, "{}: version {version}", case.name);
        if case.name == "long-challenge" {
            // Near the limit: version 20 at level Q holds 702 alphanumeric characters.
            assert!(version == 20 && payload.len() > 690, "not near the limit: v{version}, {}", payload.len());
        }
        // rqrr reads the image back to the exact payload.
        assert_eq!(shieldcheck_cli::qr::read_png(&png_path).unwrap(), payload, "{}", case.name);
        let payload_file = format!("{}.txt", case.name);
        std::fs::write(out_dir.join(&payload_file), &payload).unwrap();

        // Online: against the database; this also writes keys.json and status-list.cwt.
        let mut args = vec!["verify", payload.as_str(), "--json", "--trust-dir", out];
        if let Some(c) = &challenge {
            args.extend(["--challenge", c.as_str()]);
        }
        let answer: serde_json::Value = serde_json::from_slice(&sc(&args).stdout).unwrap();
        assert_eq!(answer["result"], case.expected, "{}: {answer}", case.name);
        entries.push((case, payload_file, png, version, challenge));
        payloads.push(payload);
    }

    // The cache the last online verify wrote: every key, and the list after both changes.
    let keys: KeySet = serde_json::from_slice(&std::fs::read(out_dir.join("keys.json")).unwrap()).unwrap();
    let trusted = keys.trusted();
    assert_eq!(trusted.len(), 2, "both issuer keys are published: {keys:?}");
    let token_bytes = std::fs::read(out_dir.join("status-list.cwt")).unwrap();
    let token = verify_status_list(&token_bytes, &trusted).expect("the cached status list verifies");
    let now = unix_now();
    assert!(token.expires.is_some_and(|exp| exp > now));

    let mut manifest = Vec::new();
    for ((case, payload_file, png, version, challenge), payload) in entries.iter().zip(&payloads) {
        let options = VerifyOptions { challenge: case.challenge, ..VerifyOptions::default() };
        // The issuer kid: the one key under which the credential's signature checks.
        let mut signed_by = trusted.iter().filter_map(|key| {
            let v = verify_presentation(payload, std::slice::from_ref(key), Some(&token), now, &options);
            (v.result != VerifyResult::UnknownIssuerKey).then_some((key, v))
        });
        let (key, verification) = signed_by.next().expect("a published key signed it");
        assert!(signed_by.next().is_none(), "one kid per credential");
        let claims = verification.claims.expect("claims once the issuer signature verifies");
        assert_eq!(claims.member_id, case.member);
        assert_eq!(serde_json::to_value(verification.result).unwrap(), case.expected, "{}", case.name);
        let index = usize::try_from(claims.status_index).unwrap();
        let want = match case.expected {
            "valid" => Status::Valid,
            "revoked" => Status::Revoked,
            _ => Status::Suspended,
        };
        assert_eq!(token.list.get(index), Some(want), "{}: index {index}", case.name);

        // Offline, from the cache alone, and from the image: the same answer.
        let mut args = vec!["verify", payload.as_str(), "--json", "--offline", "--trust-dir", out];
        if let Some(c) = challenge {
            args.extend(["--challenge", c.as_str()]);
        }
        let answer: serde_json::Value = serde_json::from_slice(&sc(&args).stdout).unwrap();
        assert_eq!(answer["result"], case.expected, "offline {}: {answer}", case.name);
        assert_eq!(answer["status_as_of"], token.issued_at, "{answer}");

        manifest.push(serde_json::json!({
            "name": case.name,
            "payload_file": payload_file,
            "png_file": png,
            "member_id": case.member,
            "challenge": case.challenge.map(|c| format!("{c:04}")),
            "expected_status": case.expected,
            "status_index": claims.status_index,
            "status_uri": claims.status_uri,
            "kid": String::from_utf8(key.kid.clone()).unwrap(),
            "qr_version": version,
            "payload_chars": payload.len(),
        }));
    }
    let kids: std::collections::BTreeSet<&str> = manifest.iter().map(|m| m["kid"].as_str().unwrap()).collect();
    assert_eq!(kids.len(), 2, "the credentials span both issuer keys: {kids:?}");
    let image = out_dir.join("long-challenge.png");
    let answer =
        sc(&["verify", "--image", image.to_str().unwrap(), "--json", "--challenge", "1234", "--trust-dir", out]);
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&answer.stdout).unwrap()["result"], "valid");

    let manifest = serde_json::json!({
        "format": "shieldcheck-interop-v1",
        "keys": "keys.json",
        "status_list": "status-list.cwt",
        "status_list_typ": shieldcheck_credential::STATUS_LIST_TYP,
        "presentations": manifest,
    });
    std::fs::write(out_dir.join("manifest.json"), serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
    eprintln!("wrote the interoperability artifacts to {}", out_dir.display());
}
