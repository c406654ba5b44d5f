//! The credential of the known-answer vectors (`tests/data/credential-kat.json`), for the
//! tests and benchmarks of this crate and the crates above it: the issuer key, the device key
//! and Ana Rivera's claims. Behind the `testing` feature; never in a build that ships.

use crate::{CredentialClaims, IssuerKey};
use shieldcheck_nypd::rank::Rank;

/// The issuer key's id.
pub const KID: &[u8] = b"nypd-2026-1";
/// The issuer's Ed25519 secret.
pub const ISSUER_SECRET: [u8; 32] = [0x11; 32];
/// The seed of the officer's device key (every byte of its P-256 secret).
pub const DEVICE_SEED: u8 = 0x22;
/// When the known-answer credential was issued (Unix seconds).
pub const MADE: i64 = 1_790_000_000;
/// The status list the known-answer credential points into.
pub const STATUS_URI: &str = "https://shieldcheck.example/status/1";

/// The issuer key (`KID`, `ISSUER_SECRET`).
pub fn issuer() -> IssuerKey {
    IssuerKey::from_secret(KID.to_vec(), &ISSUER_SECRET)
}

/// A P-256 device key whose secret is `seed` in every byte.
pub fn device(seed: u8) -> p256::ecdsa::SigningKey {
    p256::ecdsa::SigningKey::from_bytes(&[seed; 32].into()).expect("a valid P-256 scalar")
}

/// The uncompressed SEC1 public key of `device`, as a credential binds it.
pub fn device_public(device: &p256::ecdsa::SigningKey) -> Vec<u8> {
    device.verifying_key().to_encoded_point(false).as_bytes().to_vec()
}

/// The claims of the known-answer credential: Det. Ana Rivera of the 34th Precinct, issued at
/// `MADE` for 30 days, at index 4242 of `STATUS_URI`, bound to `device(DEVICE_SEED)`.
pub fn claims() -> CredentialClaims {
    CredentialClaims {
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
        issued_at: MADE,
        not_before: MADE,
        expires: MADE + 30 * 24 * 3600,
        status_uri: STATUS_URI.into(),
        status_index: 4242,
        device_key: device_public(&device(DEVICE_SEED)),
    }
}

/// The same claims valid from `from` until `until`.
pub fn claims_valid(from: i64, until: i64) -> CredentialClaims {
    CredentialClaims { issued_at: from, not_before: from, expires: until, ..claims() }
}
