//! The claim check with the roster behind it, and its answer in a person's language: the one
//! roster lookup between `shieldcheck_claim::prepare` and `decide`, and the next steps.

use serde::{Deserialize, Serialize};
use shieldcheck_claim::{self as claim, Claim, ClaimInputError, ClaimResult, Lookup, NextStep, Step};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_store::{Store, StoreError};

use crate::i18n::Tr;

/// Why a claim could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    /// What the person typed cannot be checked (too long, forbidden characters).
    #[error("{0}")]
    Input(#[from] ClaimInputError),
    #[error("the roster could not be read: {0}")]
    Store(#[source] StoreError),
}

/// Runs a claim check: validation, at most one roster lookup, the decision.
pub async fn check_claim(store: &dyn Store, registry: &Registry, claim: &Claim) -> Result<ClaimResult, ClaimError> {
    match claim::prepare(claim, registry)? {
        Step::Answer(result) => Ok(result),
        Step::Lookup(prepared) => {
            let found = match &prepared.lookup {
                Lookup::Shield { series, number } => {
                    store.members_by_shield(series, number).await.map_err(ClaimError::Store)?
                }
                Lookup::TaxRegistry(number) => {
                    store.member_by_tax_registry(number).await.map_err(ClaimError::Store)?.into_iter().collect()
                }
            };
            Ok(claim::decide(&prepared, &found))
        }
    }
}

/// The full answer to a claim in one language: the result, its explanation and next steps.
pub fn answer(tr: &Tr, claim: &Claim, result: ClaimResult, registry: &Registry) -> ClaimResponse {
    ClaimResponse {
        result,
        language: tr.tag().to_owned(),
        answer: tr.t(&format!("result-{}", result.as_str())),
        detail: tr.t(&format!("result-{}-detail", result.as_str())),
        next_steps: next_steps(tr, claim, registry),
    }
}

/// The next steps of a claim, translated.
fn next_steps(tr: &Tr, claim: &Claim, registry: &Registry) -> Vec<NextStepBody> {
    claim::next_steps(claim, registry)
        .into_iter()
        .map(|step| {
            let mut body = NextStepBody {
                kind: String::new(),
                text: String::new(),
                phone: None,
                command_code: None,
                command_name: None,
                url: None,
            };
            match step {
                NextStep::Call911 => {
                    body.kind = "call_911".into();
                    body.phone = Some("911".into());
                }
                NextStep::CallDesk { command_code, command_name, phone } => {
                    body.kind = "call_desk".into();
                    body.text = tr.t1("next-step-call_desk", "command", &command_name);
                    body.phone = Some(phone);
                    body.command_code = Some(command_code);
                    body.command_name = Some(command_name);
                }
                NextStep::PrecinctList => {
                    body.kind = "precinct_list".into();
                    body.url = Some(format!("/precincts?lang={}", tr.tag()));
                }
                NextStep::Call311 => {
                    body.kind = "call_311".into();
                    body.phone = Some("311".into());
                }
            }
            if body.text.is_empty() {
                body.text = tr.t(&format!("next-step-{}", body.kind));
            }
            body
        })
        .collect()
}

/// The answer: one result and what to do next. Nothing else from the roster, ever.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClaimResponse {
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "matches_active_member"))]
    /// matches_active_member, no_match, member_not_active, unit_not_in_nypd or insufficient.
    pub result: ClaimResult,
    /// The language of the texts (from `?lang=` or `Accept-Language`).
    pub language: String,
    /// The answer in a sentence, and what it means.
    pub answer: String,
    pub detail: String,
    /// What to do next: 911 in danger, the named precinct's real desk phone (from the
    /// registry, never one the claimant gave) or the precinct list, and 311.
    pub next_steps: Vec<NextStepBody>,
}

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NextStepBody {
    /// call_911, call_desk, precinct_list or call_311.
    pub kind: String,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
