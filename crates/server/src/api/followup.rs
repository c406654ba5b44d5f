//! Follow-up with a receipt: `POST /api/v1/followup` (the report's status, how often the case
//! team opened it, whether anything left the City, and the messages), `POST
//! /api/v1/followup/addenda` and `POST /api/v1/followup/messages`; the page at `/followup`
//! (`pages/followup.rs`) calls the same functions. The receipt travels only in request bodies,
//! never in a URL.
//!
//! Guessing receipts is throttled for everyone together: each wrong or unknown receipt spends
//! a token of one global budget, and once it is spent every lookup waits its turn (and is told
//! to come back when the wait would be too long). No address is looked at, so a legal clinic
//! behind one address is never locked out; Argon2id makes each guess cost as well. Nothing
//! here logs a receipt or what a reporter wrote.

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use serde::Deserialize;
use shieldcheck_casefile::followup::EntryKind;
use shieldcheck_report::MAX_REPORT_BYTES;
use shieldcheck_service::followup::{Case, FollowupResponse};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::extract::ApiJson;

/// Opens the case of a receipt as typed (see `shieldcheck_service::followup`).
pub(crate) async fn open_case(state: &AppState, receipt: &str) -> Result<Case, ApiError> {
    Ok(state.followup.open_case(receipt).await?)
}

/// The reporter's view of a case.
pub(crate) async fn view(state: &AppState, case: Case) -> Result<FollowupResponse, ApiError> {
    Ok(state.followup.view(case).await?)
}

/// Adds what the reporter wrote to the case (errors name `field`).
pub(crate) async fn add_entry(
    state: &AppState,
    case: &Case,
    kind: EntryKind,
    field: &str,
    text: &str,
) -> Result<(), ApiError> {
    Ok(state.followup.add_entry(case, kind, field, text).await?)
}

pub fn router() -> OpenApiRouter<AppState> {
    // An addendum may be as long as a report's story, in a four-byte script.
    OpenApiRouter::new()
        .routes(routes!(post_followup))
        .routes(routes!(post_addendum))
        .routes(routes!(post_message))
        .layer(DefaultBodyLimit::max(MAX_REPORT_BYTES))
}

/// The receipt, in the body (never in a URL, where logs and histories would keep it).
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowupRequest {
    /// The receipt as given: `482-155-4019-376620` (spaces, dashes and other scripts' digits
    /// are fine).
    pub receipt: String,
}

/// The receipt and what the reporter writes.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EntryRequest {
    pub receipt: String,
    /// At most 20,000 characters; no control characters but tabs and line breaks.
    pub text: String,
}

impl std::fmt::Debug for EntryRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EntryRequest(…)")
    }
}

/// Follow a report with its receipt.
///
/// The report's status, how many times the case team opened it, whether anything of it left
/// the City, and the messages. A wrong receipt and an unknown one get the same answer, after
/// the same work; guessing is slowed for everyone once a global budget of failed lookups is
/// spent (`followup_busy`, with Retry-After).
#[utoipa::path(
    post,
    path = "/followup",
    request_body(content = FollowupRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The report as the reporter may see it", body = FollowupResponse),
        (status = 404, description = "receipt_not_found: a wrong or unknown receipt", body = ErrorBody),
        (status = 422, description = "invalid_receipt (not 16 digits) or invalid_request", body = ErrorBody),
        (status = 503, description = "followup_busy (try again after Retry-After) or reports_unavailable", body = ErrorBody),
    ),
    tag = "followup"
)]
#[tracing::instrument(skip_all)]
async fn post_followup(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<FollowupRequest>,
) -> Result<Json<FollowupResponse>, ApiError> {
    let case = open_case(&state, &request.receipt).await?;
    Ok(Json(view(&state, case).await?))
}

/// Add information to a report.
///
/// Checked like a report's story, sealed to the case team (and to the reporter, so it shows
/// here again), stored before the answer. A reporter's addendum keeps the report at least the
/// retention grace period longer.
#[utoipa::path(
    post,
    path = "/followup/addenda",
    request_body(content = EntryRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored; the report as the reporter now sees it", body = FollowupResponse),
        (status = 404, description = "receipt_not_found", body = ErrorBody),
        (status = 409, description = "too_many_entries", body = ErrorBody),
        (status = 422, description = "invalid_receipt, or the text's problem: empty, too_long, invalid_characters", body = ErrorBody),
        (status = 503, description = "followup_busy or reports_unavailable", body = ErrorBody),
    ),
    tag = "followup"
)]
#[tracing::instrument(skip_all)]
async fn post_addendum(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<EntryRequest>,
) -> Result<(StatusCode, Json<FollowupResponse>), ApiError> {
    add_and_view(&state, request, EntryKind::Addendum).await
}

/// Send a message to the case team.
///
/// As an addendum, for the conversation: the case team answers through the receipt (when the
/// report has a reporter key; see `replies_possible`).
#[utoipa::path(
    post,
    path = "/followup/messages",
    request_body(content = EntryRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored; the report as the reporter now sees it", body = FollowupResponse),
        (status = 404, description = "receipt_not_found", body = ErrorBody),
        (status = 409, description = "too_many_entries", body = ErrorBody),
        (status = 422, description = "invalid_receipt, or the text's problem: empty, too_long, invalid_characters", body = ErrorBody),
        (status = 503, description = "followup_busy or reports_unavailable", body = ErrorBody),
    ),
    tag = "followup"
)]
#[tracing::instrument(skip_all)]
async fn post_message(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<EntryRequest>,
) -> Result<(StatusCode, Json<FollowupResponse>), ApiError> {
    add_and_view(&state, request, EntryKind::Message).await
}

async fn add_and_view(
    state: &AppState,
    request: EntryRequest,
    kind: EntryKind,
) -> Result<(StatusCode, Json<FollowupResponse>), ApiError> {
    let mut case = open_case(state, &request.receipt).await?;
    add_entry(state, &case, kind, "text", &request.text).await?;
    case.note_entry_added();
    Ok((StatusCode::CREATED, Json(view(state, case).await?)))
}
