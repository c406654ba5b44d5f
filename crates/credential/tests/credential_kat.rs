//! Known-answer vectors for the credential format: fixed keys and claims must give exactly the
//! bytes in `tests/data/credential-kat.json` (Ed25519 and RFC 6979 ECDSA are deterministic).
//! Independent implementations check the same file. To regenerate after a deliberate format
//! change: `SHIELDCHECK_UPDATE_KAT=1 cargo test -p shieldcheck-credential --test credential_kat`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use shieldcheck_credential::statuslist::{Status, StatusList};
use shieldcheck_credential::testing::{self, DEVICE_SEED, ISSUER_SECRET, MADE as TIME};
use shieldcheck_credential::{
    StatusListToken, VerifyOptions, VerifyResult, issue, present, sign_status_list, verify_presentation,
    verify_status_list,
};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_known_answers_hold() {
    let issuer_secret = ISSUER_SECRET;
    let device_secret = [DEVICE_SEED; 32];
    let issuer = testing::issuer();
    let device = testing::device(DEVICE_SEED);
    let device_public = testing::device_public(&device);
    let claims = testing::claims();
    let credential = issue(&claims, &issuer).unwrap();
    let presentation = present(&credential, &device, TIME + 5, None);
    let mut list = StatusList::new(131_072);
    list.set(7, Status::Revoked);
    list.set(8, Status::Suspended);
    let token = StatusListToken {
        uri: claims.status_uri.clone(),
        issued_at: TIME,
        expires: Some(TIME + 86_400),
        ttl: Some(300),
        list,
    };
    let status_list = sign_status_list(&token, &issuer).unwrap();

    // The vectors verify.
    let keys = [issuer.public()];
    let v = verify_presentation(&presentation, &keys, Some(&token), TIME + 10, &VerifyOptions::default());
    assert_eq!(v.result, VerifyResult::Valid);
    assert_eq!(verify_status_list(&status_list, &keys).unwrap(), token);

    let vectors = serde_json::json!({
        "issuer_kid": "nypd-2026-1",
        "issuer_secret_hex": hex(&issuer_secret),
        "issuer_public_hex": hex(&issuer.public().to_bytes()),
        "device_secret_hex": hex(&device_secret),
        "device_public_sec1_hex": hex(&device_public),
        "presented_at_unix": TIME + 5,
        "credential_hex": hex(&credential),
        "presentation": presentation,
        "status_list_token_hex": hex(&status_list),
        "status_list_revoked_index": 7,
        "status_list_suspended_index": 8,
    });
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/credential-kat.json");
    let text = serde_json::to_string_pretty(&vectors).unwrap() + "\n";
    if std::env::var("SHIELDCHECK_UPDATE_KAT").is_ok_and(|v| v == "1") {
        std::fs::write(path, &text).unwrap();
    }
    let stored = std::fs::read_to_string(path).expect("tests/data/credential-kat.json exists");
    assert_eq!(stored, text, "the credential format changed; see this file's header");
}
