//! Online verification of officer credentials: the trusted keys and the status list come
//! straight from the store, so a revocation or suspension counts at once.

use serde::{Deserialize, Serialize};
use shieldcheck_core::credential::statuslist::{MIN_ENTRIES, Status, StatusList};
use shieldcheck_core::credential::{StatusListToken, TrustedKey, VerifyOptions, VerifyResult, verify_presentation};
use shieldcheck_core::registry::Registry;
use shieldcheck_store::{CredentialStatus, Store, StoreError};
use utoipa::ToSchema;

/// Where the status list is published, relative to the service; credentials name it.
pub const STATUS_LIST_URI: &str = "/api/v1/status-lists/1";

/// Every stored issuer key (retired ones still verify what they signed) and the status list
/// as of `at`.
pub async fn trust(store: &dyn Store, at: i64) -> Result<(Vec<TrustedKey>, StatusListToken), StoreError> {
    let keys = store
        .issuer_keys()
        .await?
        .into_iter()
        .filter_map(|k| {
            let public: [u8; 32] = k.public_key.try_into().ok()?;
            TrustedKey::from_bytes(k.kid.into_bytes(), &public)
        })
        .collect();
    let mut list = StatusList::new(MIN_ENTRIES);
    for (index, status) in store.credential_statuses(at).await? {
        let status = match status {
            CredentialStatus::Valid => Status::Valid,
            CredentialStatus::Revoked => Status::Revoked,
            CredentialStatus::Suspended => Status::Suspended,
        };
        list.set(usize::try_from(index).unwrap_or(usize::MAX), status);
    }
    Ok((keys, StatusListToken { uri: STATUS_LIST_URI.into(), issued_at: at, expires: None, ttl: Some(300), list }))
}

/// The holder of a credential whose issuer signature verified.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MemberView {
    pub name: String,
    pub rank: String,
    pub shield_number: Option<String>,
    pub tax_registry_number: Option<String>,
    pub command_code: String,
    /// The command's name from the registry.
    pub command: Option<String>,
    /// Unix time the credential expires.
    pub expires: i64,
}

/// The answer to a verification.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VerifyAnswer {
    /// valid, expired, not_yet_valid, revoked, suspended, bad_signature, unknown_issuer_key,
    /// stale_presentation, wrong_device, malformed or status_unavailable.
    #[schema(value_type = String, example = "valid")]
    pub result: VerifyResult,
    /// Present when the issuer's signature verified, whatever the result.
    pub member: Option<MemberView>,
    /// Unix time of the status list used.
    pub status_as_of: Option<i64>,
}

/// Verifies a presentation payload at `at` against the store.
pub async fn verify_payload(
    store: &dyn Store,
    registry: &Registry,
    payload: &str,
    challenge: Option<u16>,
    at: i64,
) -> Result<VerifyAnswer, StoreError> {
    let (keys, token) = trust(store, at).await?;
    let options = VerifyOptions { challenge, ..VerifyOptions::default() };
    let v = verify_presentation(payload, &keys, Some(&token), at, &options);
    let member = v.claims.map(|c| MemberView {
        name: format!("{} {}", c.first_name, c.last_name),
        rank: c.rank.as_str().to_owned(),
        shield_number: c.shield_number,
        tax_registry_number: c.tax_registry_number,
        command: registry.command(&c.command_code).map(|cmd| cmd.name.clone()),
        command_code: c.command_code,
        expires: c.expires,
    });
    Ok(VerifyAnswer { result: v.result, member, status_as_of: v.status_as_of })
}

/// Now, in unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Base64url without padding (RFC 4648 §5), for JWK members.
fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// The published key set: every key that may still verify a credential, as Ed25519 JWKs
/// (RFC 8037) with the key id. A retired key stays until its last credential has expired.
pub async fn key_set(store: &dyn Store, at: i64) -> Result<serde_json::Value, StoreError> {
    let expiry = store.latest_expiry_by_key().await?;
    let keys: Vec<serde_json::Value> = store
        .issuer_keys()
        .await?
        .into_iter()
        .filter_map(|k| {
            let last_credential = expiry.iter().find(|(kid, _)| *kid == k.kid).map(|(_, e)| *e);
            let verifies_until = k.retired_at.map(|r| last_credential.unwrap_or(r).max(r));
            if verifies_until.is_some_and(|until| until < at) {
                return None;
            }
            Some(serde_json::json!({
                "kty": "OKP",
                "crv": "Ed25519",
                "alg": "EdDSA",
                "use": "sig",
                "kid": k.kid,
                "x": base64url(&k.public_key),
                "signing": k.retired_at.is_none(),
                "verifies_until": verifies_until,
            }))
        })
        .collect();
    Ok(serde_json::json!({ "keys": keys, "as_of": at }))
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        for (plain, encoded) in
            [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE")]
        {
            assert_eq!(super::base64url(plain.as_bytes()), encoded);
        }
        assert_eq!(super::base64url(&[0xfb, 0xff]), "-_8");
    }
}
