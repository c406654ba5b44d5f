//! Online verification of officer credentials: the trusted keys and the status list come
//! from the store (re-read every second), so a revocation or suspension counts at once.

use std::sync::Arc;

pub use shieldcheck_credential::answer::{MemberView, VerifyAnswer};
use shieldcheck_credential::keyset::{Jwk, KeySet};
use shieldcheck_credential::statuslist::{MIN_ENTRIES, Status, StatusList};
use shieldcheck_credential::{StatusListToken, TrustedKey, VerifyOptions, verify_presentation};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_store::{CredentialStatus, Store, StoreError};

/// Where the status list is published, relative to the service; credentials name it.
pub const STATUS_LIST_URI: &str = "/api/v1/status-lists/1";
/// How often verifiers should fetch the status list again (its `ttl`), and how often a
/// service holding the issuer key signs a fresh one.
pub const STATUS_LIST_TTL_SECS: i64 = 300;
/// How long a signed status list may be used at all (its `exp`): an offline verifier whose
/// copy is older answers `status_unavailable` rather than trust a stale revocation state.
pub const STATUS_LIST_LIFETIME_SECS: i64 = 2 * 86_400;

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
    let token = StatusListToken {
        uri: STATUS_LIST_URI.into(),
        issued_at: at,
        expires: Some(at + STATUS_LIST_LIFETIME_SECS),
        ttl: Some(STATUS_LIST_TTL_SECS),
        list,
    };
    Ok((keys, token))
}

/// The trusted keys and status list, read from the store at most once a second: under load the
/// service verifies against memory, and a revocation still counts within a second.
#[derive(Debug, Default)]
pub struct TrustCache {
    current: std::sync::Mutex<Option<(i64, Arc<Trust>)>>,
}

/// The keys a verifier trusts and the status list it checks against.
pub type Trust = (Vec<TrustedKey>, StatusListToken);

impl TrustCache {
    /// Keys and list as of `at`, from memory when they were read this second.
    pub async fn get(&self, store: &dyn Store, at: i64) -> Result<Arc<Trust>, StoreError> {
        if let Ok(guard) = self.current.lock()
            && let Some((read_at, trust)) = guard.as_ref()
            && *read_at == at
        {
            return Ok(trust.clone());
        }
        let trust = Arc::new(trust(store, at).await?);
        if let Ok(mut guard) = self.current.lock() {
            *guard = Some((at, trust.clone()));
        }
        Ok(trust)
    }
}

/// Verifies a presentation payload at `at` against the store.
pub async fn verify_payload(
    store: &dyn Store,
    registry: &Registry,
    payload: &str,
    options: &VerifyOptions,
    at: i64,
) -> Result<VerifyAnswer, StoreError> {
    let (keys, token) = trust(store, at).await?;
    Ok(VerifyAnswer::new(verify_presentation(payload, &keys, Some(&token), at, options), registry))
}

/// The published key set: every key that may still verify a credential, as Ed25519 JWKs
/// (RFC 8037) with the key id. A retired key stays until its last credential has expired.
pub async fn key_set(store: &dyn Store, at: i64) -> Result<KeySet, StoreError> {
    let expiry = store.latest_expiry_by_key().await?;
    let keys = store
        .issuer_keys()
        .await?
        .into_iter()
        .filter_map(|k| {
            let last_credential = expiry.iter().find(|(kid, _)| *kid == k.kid).map(|(_, e)| *e);
            let verifies_until = k.retired_at.map(|r| last_credential.unwrap_or(r).max(r));
            if verifies_until.is_some_and(|until| until < at) {
                return None;
            }
            let public: [u8; 32] = k.public_key.try_into().ok()?;
            let key = TrustedKey::from_bytes(k.kid.into_bytes(), &public)?;
            Some(Jwk::ed25519(&key, k.retired_at.is_none(), verifies_until))
        })
        .collect();
    Ok(KeySet { keys, as_of: at })
}
