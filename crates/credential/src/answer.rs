//! The answer a verifier gives, the same everywhere: `POST /api/v1/verify`, `shieldcheck
//! verify` (online or `--offline`) and the browser's WebAssembly verifier all return a
//! [`VerifyAnswer`], so that one result code means one thing to every resident.

use serde::{Deserialize, Serialize};

use super::keyset::KeySet;
use super::{
    CredentialClaims, StatusListToken, Verification, VerifyOptions, VerifyResult, verify_presentation,
    verify_status_list,
};
use shieldcheck_nypd::registry::Registry;

/// The holder of a credential whose issuer signature verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub name: String,
    /// The rank's stable code (`detective_second_grade`, …).
    pub rank: String,
    pub shield_number: Option<String>,
    pub tax_registry_number: Option<String>,
    pub command_code: String,
    /// The command's name from the registry.
    pub command: Option<String>,
    /// The command's real desk phone, when it has one (precincts do).
    pub command_phone: Option<String>,
    pub squad: Option<String>,
    /// Unix time the credential expires.
    pub expires: i64,
}

impl MemberView {
    /// The holder as every verifier shows them: the command named from the registry, with its
    /// desk phone.
    pub fn from_claims(c: CredentialClaims, registry: &Registry) -> MemberView {
        let command = registry.command(&c.command_code);
        MemberView {
            name: format!("{} {}", c.first_name, c.last_name),
            rank: c.rank.as_str().to_owned(),
            shield_number: c.shield_number,
            tax_registry_number: c.tax_registry_number,
            command: command.map(|cmd| cmd.name.clone()),
            command_phone: command.and_then(|cmd| cmd.desk_phone.clone()),
            command_code: c.command_code,
            squad: c.squad,
            expires: c.expires,
        }
    }
}

/// The answer to a verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VerifyAnswer {
    /// valid, expired, not_yet_valid, revoked, suspended, bad_signature, unknown_issuer_key,
    /// stale_presentation, wrong_device, malformed or status_unavailable.
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "valid"))]
    pub result: VerifyResult,
    /// Present when the issuer's signature verified, whatever the result.
    pub member: Option<MemberView>,
    /// Unix time of the status list used (an offline verifier's list may be hours old).
    pub status_as_of: Option<i64>,
}

impl VerifyAnswer {
    /// Shapes a verification for people: the member's command named from the registry.
    pub fn new(v: Verification, registry: &Registry) -> VerifyAnswer {
        let member = v.claims.map(|c| MemberView::from_claims(c, registry));
        VerifyAnswer { result: v.result, member, status_as_of: v.status_as_of }
    }
}

/// Verifies against what the service publishes (the key set and the signed status list
/// token), as an offline verifier holds them. A status list that does not verify, or whose
/// `exp` has passed, counts as no list: the answer is then at best `status_unavailable`.
pub fn verify_published(
    payload: &str,
    keys: &KeySet,
    status_token: Option<&[u8]>,
    now: i64,
    options: &VerifyOptions,
    registry: &Registry,
) -> VerifyAnswer {
    let trusted = keys.trusted();
    let token: Option<StatusListToken> = status_token
        .and_then(|bytes| verify_status_list(bytes, &trusted).ok())
        .filter(|t| t.expires.is_none_or(|exp| now < exp));
    VerifyAnswer::new(verify_presentation(payload, &trusted, token.as_ref(), now, options), registry)
}
