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
