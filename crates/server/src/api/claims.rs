//! `POST /api/v1/claims/check`: the claim check, answered in the asker's language.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use shieldcheck_claim::Claim;
use shieldcheck_service::claims::{ClaimResponse, answer, check_claim};
use shieldcheck_service::i18n::Tr;
use utoipa::ToSchema;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, LangQuery, request_lang};

/// What the resident was told. Every field is optional; unknown fields are refused.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ClaimRequest {
    /// The name given, with or without a title: "Det. Ana Rivera", "Rivera".
    pub name: Option<String>,
    /// The rank given: "Detective", "PO", "sergeant", or a form value such as "police-officer".
    pub rank: Option<String>,
    /// The number on the shield.
    pub shield_number: Option<String>,
    /// The tax registry number (Lieutenants and above have no shield number).
    pub tax_registry_number: Option<String>,
    /// The precinct or unit named: "the 34th Precinct", "the three-four", "narcotics squad".
    pub command: Option<String>,
}

impl From<ClaimRequest> for Claim {
    fn from(r: ClaimRequest) -> Claim {
        Claim {
            name: r.name,
            rank: r.rank,
            shield_number: r.shield_number,
            tax_registry_number: r.tax_registry_number,
            command: r.command,
        }
    }
}

/// Check a claim against the roster.
///
/// Answers only whether what the person was told matches an active member. A check needs a
/// last name and either a rank with a shield number or a tax registry number. Rate limited.
#[utoipa::path(
    post,
    path = "/claims/check",
    params(LangQuery),
    request_body = ClaimRequest,
    responses(
        (status = 200, description = "The answer", body = ClaimResponse),
        (status = 400, description = "malformed_json", body = ErrorBody),
        (status = 413, description = "payload_too_large", body = ErrorBody),
        (status = 415, description = "unsupported_media_type", body = ErrorBody),
        (status = 422, description = "invalid_request, field_too_long or invalid_characters", body = ErrorBody),
        (status = 429, description = "rate_limited", body = ErrorBody),
    ),
    tag = "claims"
)]
pub(super) async fn post_claims_check(
    State(state): State<AppState>,
    Query(query): Query<LangQuery>,
    headers: HeaderMap,
    body: Result<ApiJson<ClaimRequest>, ApiError>,
) -> Result<Json<ClaimResponse>, ApiError> {
    let ApiJson(request) = body?;
    let claim = Claim::from(request);
    let result = check_claim(state.store.as_ref(), state.registry, &claim).await?;
    let tr = Tr::new(request_lang(query.lang.as_deref(), &headers));
    Ok(Json(answer(&tr, &claim, result, state.registry)))
}
