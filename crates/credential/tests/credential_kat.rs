//! Known-answer vectors for the credential format: fixed keys and claims must give exactly the
//! bytes in `tests/data/credential-kat.json` (Ed25519 and RFC 6979 ECDSA are deterministic).
//! Independent implementations check the same file. To regenerate after a deliberate format
//! change: `SHIELDCHECK_UPDATE_KAT=1 cargo test -p shieldcheck-credential --test credential_kat`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use shieldcheck_credential::statuslist::{Status, StatusList};
use shieldcheck_credential::{
    CredentialClaims, IssuerKey, StatusListToken, VerifyOptions, VerifyResult, issue, present, sign_status_list,
    verify_presentation, verify_status_list,
};
use shieldcheck_nypd::rank::Rank;

const TIME: i64 = 1_790_000_000;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn the_known_answers_hold() {
    let issuer_secret = [0x11u8; 32];
    let device_secret = [0x22u8; 32];
    let issuer = IssuerKey::from_secret(b"nypd-2026-1".to_vec(), &issuer_secret);
    let device = p256::ecdsa::SigningKey::from_bytes(&device_secret.into()).unwrap();
    let device_public = device.verifying_key().to_encoded_point(false).as_bytes().to_vec();
    let claims = CredentialClaims {
        issuer: "shieldcheck:nypd".into(),
        member_id: "M0012345".into(),
        last_name: "Rivera".into(),
        first_name: "Ana".into(),
        rank: Rank::DetectiveSecondGrade,
        shield_number: Some("4471".into()),
        tax_registry_number: None,
        command_code: "34".into(),
        squad: Some("Detective Squad".into()),
        photo_hash: Some([0x5a; 16]),
        issued_at: TIME,
        not_before: TIME,
        expires: TIME + 30 * 24 * 3600,
        status_uri: "https://shieldcheck.example/status/1".into(),
        status_index: 4242,
        device_key: device_public.clone(),
    };
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
