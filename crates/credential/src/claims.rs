//! The credential model both sides share: what a credential says about its holder
//! ([`CredentialClaims`]), what a status list token carries ([`StatusListToken`]), the
//! largest credential either side handles and the type a status list token is signed under.
//!
//! Nothing here signs, parses or checks anything. A [`CredentialClaims`] is only what the
//! issuer is asked to sign or what the verifier read from a credential whose issuer signature
//! verified; turning claims into CBOR is the issuer's (`issue`) and reading them back is the
//! verifier's (`verify`), which refuses whatever the issuer never writes. The two value
//! helpers live here because the issuer and the presenting device both write CBOR with them.

use ciborium::value::{Integer, Value};
use shieldcheck_nypd::rank::Rank;

use crate::statuslist::StatusList;

/// The longest credential accepted, in bytes.
pub const MAX_CREDENTIAL_BYTES: usize = 1024;

/// The `typ` of a status list token (draft-ietf-oauth-status-list).
pub const STATUS_LIST_TYP: &str = "application/statuslist+cwt";

/// What a credential says about its holder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialClaims {
    pub issuer: String,
    /// Opaque; never shown to the public.
    pub member_id: String,
    pub last_name: String,
    pub first_name: String,
    pub rank: Rank,
    pub shield_number: Option<String>,
    pub tax_registry_number: Option<String>,
    pub command_code: String,
    pub squad: Option<String>,
    pub photo_hash: Option<[u8; 16]>,
    pub issued_at: i64,
    pub not_before: i64,
    pub expires: i64,
    pub status_uri: String,
    pub status_index: u64,
    /// The officer's device public key, SEC1 uncompressed (65 bytes).
    pub device_key: Vec<u8>,
}

/// A verified status list, with when it was issued (for "status as of").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusListToken {
    pub uri: String,
    pub issued_at: i64,
    pub expires: Option<i64>,
    pub ttl: Option<i64>,
    pub list: StatusList,
}

/// A CBOR integer, as the issuer and the presenting device write one.
pub(crate) fn int(v: i64) -> Value {
    Value::Integer(Integer::from(v))
}

/// A CBOR text string, as the issuer and the presenting device write one.
pub(crate) fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}
