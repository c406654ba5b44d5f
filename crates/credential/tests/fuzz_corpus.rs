#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The fuzz corpus, with the stable toolchain: every file under `fuzz/corpus/presentation` and
//! `fuzz/corpus/status_list` goes through the fuzz targets' own checks (`fuzz/src/lib.rs`),
//! and a deterministic sweep of byte flips, truncations, insertions and deletions of the
//! known-answer presentation must never panic and never be `valid`.
//!
//! The `seed-*` files are made here from fixed keys (signatures are deterministic). To write
//! them again after a deliberate format change:
//! `SHIELDCHECK_UPDATE_FUZZ_SEEDS=1 cargo test -p shieldcheck-credential --test fuzz_corpus`.

#[path = "../../../fuzz/src/lib.rs"]
mod fuzz;

use std::path::{Path, PathBuf};

use ciborium::value::Value;
use coset::CborSerializable as _;
use ed25519_dalek::Signer as _;
use shieldcheck_credential::base45;
use shieldcheck_credential::batch::verify_presentations_batch;
use shieldcheck_credential::statuslist::{MAX_INFLATED_BYTES, StatusList};
use shieldcheck_credential::testing::{ISSUER_SECRET, KID, MADE, claims, device, issuer};
use shieldcheck_credential::{
    CredentialClaims, IssuerKey, PRESENTATION_PREFIX, StatusListToken, VerifyOptions, VerifyResult, issue, present,
    sign_status_list, verify_presentation,
};
use shieldcheck_nypd::rank::Rank;

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus").join(target)
}

fn kat() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/credential-kat.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn unhex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

/// A COSE_Sign1 with its payload changed by `change` and signed again by the issuer.
fn resigned(sign1_bytes: &[u8], change: impl FnOnce(&mut Vec<(Value, Value)>)) -> Vec<u8> {
    let sign1 = coset::CoseSign1::from_slice(sign1_bytes).unwrap();
    let mut payload: Value = ciborium::from_reader(sign1.payload.as_deref().unwrap()).unwrap();
    let Value::Map(entries) = &mut payload else { panic!("a claims map") };
    change(entries);
    let mut bytes = Vec::new();
    ciborium::into_writer(&payload, &mut bytes).unwrap();
    let key = ed25519_dalek::SigningKey::from_bytes(&ISSUER_SECRET);
    coset::CoseSign1Builder::new()
        .protected(sign1.protected.header)
        .payload(bytes)
        .create_signature(b"", |data| key.sign(data).to_bytes().to_vec())
        .build()
        .to_vec()
        .unwrap()
}

fn entry(entries: &mut [(Value, Value)], key: i64) -> &mut Value {
    &mut entries.iter_mut().find(|(k, _)| *k == Value::from(key)).unwrap().1
}

/// A named presentation seed and the answer it gets at `fuzz::NOW` without a challenge.
type PresentationSeed = (&'static str, Vec<u8>, VerifyResult);

/// The named seeds of each target.
fn seeds() -> (Vec<PresentationSeed>, Vec<(&'static str, Vec<u8>)>) {
    use VerifyResult::*;
    let at = MADE + 5;
    let credential = issue(&claims(), &issuer()).unwrap();
    let with = |change: &dyn Fn(&mut CredentialClaims)| {
        let mut c = claims();
        change(&mut c);
        issue(&c, &issuer()).unwrap()
    };
    let kat_presentation = kat()["presentation"].as_str().unwrap().to_owned();
    assert_eq!(present(&credential, &device(0x22), at, None), kat_presentation, "the seeds use the KAT's keys");
    let lieutenant = with(&|c| {
        c.rank = Rank::Lieutenant;
        c.shield_number = None;
        c.tax_registry_number = Some("912345".into());
        c.squad = None;
        c.photo_hash = None;
        c.first_name = "María José".into();
        c.last_name = "García-López".into();
        c.command_code = "TD4".into();
    });
    // The device point written whole (x and y), as another issuer may write it.
    let y = claims().device_key[33..].to_vec();
    let uncompressed = resigned(&credential, |entries| {
        let Value::Map(cnf) = entry(entries, 8) else { panic!("cnf") };
        let Value::Map(cose_key) = &mut cnf[0].1 else { panic!("COSE_Key") };
        *entry(cose_key, -3) = Value::Bytes(y);
    });
    let text_nbf = resigned(&credential, |entries| *entry(entries, 5) = Value::Text("yesterday".into()));
    let forged = issue(&claims(), &IssuerKey::from_secret(KID.to_vec(), &[0x12; 32])).unwrap();
    let unknown = issue(&claims(), &IssuerKey::from_secret(b"nypd-2025-9".to_vec(), &ISSUER_SECRET)).unwrap();
    let p = |c: &[u8], d: u8, t: i64, challenge: Option<&str>| present(c, &device(d), t, challenge).into_bytes();
    let presentation = vec![
        ("seed-kat", kat_presentation.clone().into_bytes(), Valid),
        ("seed-kat-padded", format!("  {kat_presentation}\n").into_bytes(), Valid),
        ("seed-challenge-0417", p(&credential, 0x22, at, Some("0417")), Valid),
        ("seed-revoked", p(&with(&|c| c.status_index = 7), 0x22, at, None), Revoked),
        ("seed-suspended", p(&with(&|c| c.status_index = 8), 0x22, at, None), Suspended),
        ("seed-beyond-list", p(&with(&|c| c.status_index = 1 << 40), 0x22, at, None), StatusUnavailable),
        (
            "seed-other-list",
            p(&with(&|c| c.status_uri = "https://x.example/2".into()), 0x22, at, None),
            StatusUnavailable,
        ),
        (
            "seed-expired",
            p(
                &with(&|c| {
                    c.not_before = MADE - 40 * 86_400;
                    c.issued_at = c.not_before;
                    c.expires = MADE - 20 * 86_400;
                }),
                0x22,
                at,
                None,
            ),
            Expired,
        ),
        ("seed-not-yet-valid", p(&with(&|c| c.not_before = MADE + 7200), 0x22, at, None), NotYetValid),
        ("seed-wrong-device", p(&credential, 0x33, at, None), WrongDevice),
        ("seed-stale", p(&credential, 0x22, at - 600, None), StalePresentation),
        ("seed-forged", p(&forged, 0x22, at, None), BadSignature),
        ("seed-unknown-key", p(&unknown, 0x22, at, None), UnknownIssuerKey),
        ("seed-lieutenant", p(&lieutenant, 0x22, at, Some("9999")), Valid),
        ("seed-uncompressed-device-key", p(&uncompressed, 0x22, at, None), Valid),
        ("seed-nbf-as-text", p(&text_nbf, 0x22, at, None), Malformed),
        ("seed-empty", Vec::new(), Malformed),
        ("seed-prefix-only", b"SC1:".to_vec(), Malformed),
        ("seed-not-an-array", b"SC1:%69 VD92EX0".to_vec(), Malformed),
    ];

    let kat_token = unhex(kat()["status_list_token_hex"].as_str().unwrap());
    let token = fuzz::FIXTURE.token.clone();
    assert_eq!(sign_status_list(&token, &issuer()).unwrap(), kat_token, "the seeds use the KAT's status list");
    let bare = StatusListToken { expires: None, ttl: None, ..token.clone() };
    let bomb = StatusListToken { list: StatusList::new((MAX_INFLATED_BYTES + 1) * 4), ..token.clone() };
    let one_bit = resigned(&kat_token, |entries| {
        let Value::Map(list) = entry(entries, 65533) else { panic!("status list") };
        list[0].1 = Value::from(1);
    });
    let lst = token.list.compress();
    let status_list = vec![
        ("seed-kat-token", kat_token),
        ("seed-no-exp-no-ttl", sign_status_list(&bare, &issuer()).unwrap()),
        ("seed-zip-bomb", sign_status_list(&bomb, &issuer()).unwrap()),
        ("seed-one-bit", one_bit),
        ("seed-credential", credential),
        ("seed-lst", lst.clone()),
        ("seed-bits-and-lst", [&[2u8][..], &lst].concat()),
        ("seed-empty-lst", StatusList::new(0).compress()),
    ];
    (presentation, status_list)
}

fn write_or_compare(target: &str, name: &str, bytes: &[u8]) {
    let path = corpus_dir(target).join(name);
    if std::env::var("SHIELDCHECK_UPDATE_FUZZ_SEEDS").is_ok_and(|v| v == "1") {
        std::fs::create_dir_all(corpus_dir(target)).unwrap();
        std::fs::write(&path, bytes).unwrap();
    }
    let stored = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; see this file's header", path.display()));
    assert!(stored == bytes, "{} changed; see this file's header", path.display());
}

#[test]
fn the_seeds_are_current_and_get_their_answers() {
    let (presentation, status_list) = seeds();
    let f = &*fuzz::FIXTURE;
    let mut written: Vec<Vec<u8>> = Vec::new();
    for (name, bytes, expected) in &presentation {
        write_or_compare("presentation", name, bytes);
        let payload = String::from_utf8_lossy(bytes);
        let v = verify_presentation(&payload, &f.keys, Some(&f.token), fuzz::NOW, &VerifyOptions::default());
        assert_eq!(v.result, *expected, "{name}");
        // The same presentation as bare CBOR, which the fuzz target wraps in `SC1:` + Base45.
        if let Some(cbor) = payload.trim().strip_prefix(PRESENTATION_PREFIX).and_then(|b| base45::decode(b).ok())
            && !cbor.is_empty()
            && !written.contains(&cbor)
        {
            write_or_compare("presentation", &name.replace("seed-", "seed-cbor-"), &cbor);
            written.push(cbor);
        }
    }
    for (name, bytes) in &status_list {
        write_or_compare("status_list", name, bytes);
    }
}

fn corpus_files(target: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus_dir(target))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_file_passes_the_fuzz_checks() {
    let presentations = corpus_files("presentation");
    assert!(presentations.len() >= 10, "the presentation corpus has its seeds");
    for (name, bytes) in &presentations {
        eprintln!("presentation/{name}");
        fuzz::check_presentation(bytes);
    }
    let status_lists = corpus_files("status_list");
    assert!(status_lists.len() >= 5, "the status list corpus has its seeds");
    for (name, bytes) in &status_lists {
        eprintln!("status_list/{name}");
        fuzz::check_status_list(bytes);
    }
}

/// Every single-byte flip, truncation, deletion and insertion of the known-answer
/// presentation.
fn mutations(original: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for i in 0..original.len() {
        for bit in 0..8 {
            let mut m = original.to_vec();
            m[i] ^= 1 << bit;
            out.push(m);
        }
        out.push(original[..i].to_vec());
        out.push(original[i + 1..].to_vec());
        out.push([&original[..i], &original[i + 1..]].concat());
        for c in [b'0', b'A', b':', b' ', b'%'] {
            out.push([&original[..i], &[c][..], &original[i..]].concat());
        }
    }
    for c in [b'0', b'A', b'Z'] {
        out.push([original, &[c][..]].concat());
    }
    out
}

#[test]
fn no_changed_presentation_is_valid() {
    let f = &*fuzz::FIXTURE;
    let original = kat()["presentation"].as_str().unwrap().to_owned();
    let options = VerifyOptions::default();
    let all = mutations(original.as_bytes());
    let payloads: Vec<String> = all.iter().map(|m| String::from_utf8_lossy(m).into_owned()).collect();
    let mut results = std::collections::BTreeMap::<String, usize>::new();
    let mut answers = Vec::with_capacity(payloads.len());
    for payload in &payloads {
        let v = verify_presentation(payload, &f.keys, Some(&f.token), fuzz::NOW, &options);
        // Whitespace around the payload is not part of it.
        if payload.trim() != original {
            assert_ne!(v.result, VerifyResult::Valid, "{payload:?}");
        }
        *results.entry(format!("{:?}", v.result)).or_default() += 1;
        answers.push(v);
    }
    let refs: Vec<&str> = payloads.iter().map(String::as_str).collect();
    for (chunk, expected) in refs.chunks(200).zip(answers.chunks(200)) {
        assert_eq!(verify_presentations_batch(chunk, &f.keys, Some(&f.token), fuzz::NOW, &options), expected);
    }
    eprintln!("{} mutations: {results:?}", payloads.len());
    assert!(results.get("BadSignature").is_some_and(|n| *n > 100), "the sweep reaches the issuer signature");
    assert!(results.get("WrongDevice").is_some_and(|n| *n > 100), "the sweep reaches the device signature");
}
