//! Officer credentials: a CWT
//! (RFC 8392) in COSE_Sign1 (RFC 9052), signed with an Ed25519 issuer key named by key id,
//! bound to the officer's P-256 device key (RFC 8747 `cnf`), presented as a live QR payload
//! (`SC1:` + Base45) that the device signs per 30-second time step, and checked against a
//! signed Token Status List. Pure code: the caller supplies keys, the status list and the time.

pub mod answer;
pub mod base45;
pub mod batch;
pub mod cbor;
mod claims;
pub mod es256;
pub mod holder;
mod issue;
pub mod keyset;
mod presentation;
pub mod qr;
#[cfg(feature = "sealing")]
pub mod sealed;
pub mod statuslist;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
mod verify;

pub use claims::{CredentialClaims, MAX_CREDENTIAL_BYTES, STATUS_LIST_TYP, StatusListToken};
pub use issue::{IssueError, IssuerKey, MAX_VALIDITY_SECS, issue, sign_status_list};
pub use presentation::{PRESENTATION_PREFIX, TIME_STEP_SECS, present};
pub use verify::{
    MAX_PRESENTATION_CHARS, TrustedKey, Verification, VerifyOptions, VerifyResult, verify_presentation,
    verify_status_list,
};

/// CWT claim keys. Registered keys (RFC 8392, RFC 8747, the status list draft) and private
/// ones below -65536 for the member's fields.
mod key {
    pub const ISS: i64 = 1;
    pub const SUB: i64 = 2;
    pub const EXP: i64 = 4;
    pub const NBF: i64 = 5;
    pub const IAT: i64 = 6;
    pub const CNF: i64 = 8;
    pub const STATUS_LIST: i64 = 65533;
    pub const TTL: i64 = 65534;
    pub const STATUS: i64 = 65535;
    pub const MEMBER_ID: i64 = -65537;
    pub const LAST_NAME: i64 = -65538;
    pub const FIRST_NAME: i64 = -65539;
    pub const RANK: i64 = -65540;
    pub const SHIELD: i64 = -65541;
    pub const TAX_REGISTRY: i64 = -65542;
    pub const COMMAND: i64 = -65543;
    pub const SQUAD: i64 = -65544;
    pub const PHOTO_HASH: i64 = -65545;
    /// `cnf` member holding a COSE_Key (RFC 8747).
    pub const COSE_KEY: i64 = 1;
}

#[cfg(test)]
mod tests;
