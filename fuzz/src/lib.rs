//! What the fuzz targets share: the verifier's fixed inputs (the issuer key and the signed
//! status list of the known-answer vectors in
//! `crates/credential/tests/data/credential-kat.json`, built once) and the checks run on
//! every input. `crates/credential/tests/fuzz_corpus.rs` runs the same checks on the seed
//! corpus with the stable toolchain.

use std::sync::LazyLock;

use shieldcheck_credential::answer::verify_published;
use shieldcheck_credential::base45;
use shieldcheck_credential::batch::verify_presentations_batch;
use shieldcheck_credential::keyset::{Jwk, KeySet};
use shieldcheck_credential::statuslist::{MIN_ENTRIES, Status, StatusList};
use shieldcheck_credential::{
    IssuerKey, PRESENTATION_PREFIX, StatusListToken, TrustedKey, VerifyOptions, VerifyResult, sign_status_list,
    verify_presentation, verify_status_list,
};
use shieldcheck_nypd::registry::Registry;

/// The time of every check: 5 seconds after the known-answer presentation was made.
pub const NOW: i64 = 1_790_000_010;
const ISSUED: i64 = 1_790_000_000;

/// The verifier's fixed inputs.
#[derive(Debug)]
pub struct Fixture {
    pub keys: Vec<TrustedKey>,
    pub key_set: KeySet,
    pub token: StatusListToken,
    /// `token`, signed.
    pub token_bytes: Vec<u8>,
}

pub static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let issuer = IssuerKey::from_secret(b"nypd-2026-1".to_vec(), &[0x11; 32]);
    let mut list = StatusList::new(MIN_ENTRIES);
    list.set(7, Status::Revoked);
    list.set(8, Status::Suspended);
    let token = StatusListToken {
        uri: "https://shieldcheck.example/status/1".into(),
        issued_at: ISSUED,
        expires: Some(ISSUED + 86_400),
        ttl: Some(300),
        list,
    };
    let token_bytes = sign_status_list(&token, &issuer).expect("the status list signs");
    let key_set = KeySet { keys: vec![Jwk::ed25519(&issuer.public(), true, None)], as_of: ISSUED };
    Fixture { keys: vec![issuer.public()], key_set, token, token_bytes }
});

/// Verifies `input` as a presentation payload. Input that does not start with the `SC1:`
/// prefix is also taken as the CBOR inside one (`SC1:` + its Base45 is verified), so that the
/// fuzzer can change the presentation's structure directly.
pub fn check_presentation(input: &[u8]) {
    check_payload(&String::from_utf8_lossy(input));
    if !input.starts_with(PRESENTATION_PREFIX.as_bytes()) {
        check_payload(&format!("{PRESENTATION_PREFIX}{}", base45::encode(input)));
    }
}

/// Verifies a payload every way a verifier can (online, from the published key set and status
/// list, in a batch, in challenge mode) and checks that the answers agree.
fn check_payload(payload: &str) {
    let f = &*FIXTURE;
    for options in [VerifyOptions::default(), VerifyOptions { challenge: Some(417), ..VerifyOptions::default() }] {
        let v = verify_presentation(payload, &f.keys, Some(&f.token), NOW, &options);
        if v.result == VerifyResult::Valid {
            assert!(v.claims.is_some() && v.status_as_of == Some(ISSUED), "{v:?}");
        }
        let published = verify_published(payload, &f.key_set, Some(&f.token_bytes), NOW, &options, Registry::nypd());
        assert_eq!(published.result, v.result);
        assert_eq!(published.member.is_some(), v.claims.is_some());
        // Twice, so that the issuer signatures go through a batch of two.
        let batched = verify_presentations_batch(&[payload, payload], &f.keys, Some(&f.token), NOW, &options);
        assert_eq!(batched, [v.clone(), v]);
    }
}

/// Reads `input` as a signed status list token and as a bare `lst` value.
pub fn check_status_list(input: &[u8]) {
    let f = &*FIXTURE;
    if let Ok(token) = verify_status_list(input, &f.keys) {
        assert!(token.list.len() <= 4 * shieldcheck_credential::statuslist::MAX_INFLATED_BYTES);
    }
    let _ = StatusList::decompress(2, input);
    if let Some((bits, lst)) = input.split_first() {
        let _ = StatusList::decompress(*bits, lst);
    }
}
