//! Report intake: `POST /api/v1/reports`, and [`submit`], which the questionnaire page calls
//! too. A report is sealed to the case team's keys, stored, and only after the commit is its
//! receipt given out. Nothing here logs report content, addresses or user agents.

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use shieldcheck_report::attachment::{AttachmentError, CheckedAttachment, Upload};
use shieldcheck_report::{MAX_REPORT_BYTES, Report, Source};
use shieldcheck_service::reports::{self, check_attachments};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use shieldcheck_service::reports::Receipt;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::multipart;
use shieldcheck_service::settings::ReportSettings;

/// The answer to a stored report.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct ReceiptResponse {
    /// The receipt, `NNN-NNN-NNNN-NNNNNN`: the only way back to the report. Keep it safe.
    #[schema(example = "482-155-4019-376620")]
    pub receipt: String,
    /// The report's status: `new`.
    pub status: String,
}

pub fn router() -> OpenApiRouter<AppState> {
    // A report may be far larger than other API bodies (a 20,000-character narrative in a
    // four-byte script, and photos); the handler reads the body itself under the limit its
    // content type and the settings allow, so the server-wide limit is lifted for this route.
    OpenApiRouter::new().routes(routes!(post_report)).layer(DefaultBodyLimit::disable())
}

/// Seals a report and its photos to the case team, stores them durably (committed, all in one
/// transaction) and returns the receipt. The report is validated before the photos are
/// looked at; a refused photo stores nothing.
// No `err` in the span: a refusal names fields and values of the report, which stay out of logs.
#[tracing::instrument(skip_all, fields(photos = uploads.len()))]
pub async fn submit(state: &AppState, report: Report, uploads: Vec<Upload>) -> Result<Receipt, ApiError> {
    Report { source: Some(Source::Web), ..report.clone() }.validate().map_err(ApiError::Report)?;
    let photos = check_attachments(&state.settings.reports, uploads).await?;
    submit_checked(state, report, photos).await
}

/// [`submit`] for photos already checked (the questionnaire checks them with its other answers).
pub async fn submit_checked(
    state: &AppState,
    report: Report,
    photos: Vec<CheckedAttachment>,
) -> Result<Receipt, ApiError> {
    Ok(reports::submit_checked(state.store.as_ref(), &state.report_desk, &state.report_writer, report, photos).await?)
}

/// Submit a report of a suspected impersonation.
///
/// One report in the report-v1 format, either as the JSON body (`application/json`) or, with
/// photos, as `multipart/form-data`: one part named `report` holding the same JSON, and up to
/// `reports.max_attachments` parts named `attachment`, each a JPEG or PNG photo of at most
/// `reports.max_attachment_bytes` (defaults: 4 photos, 8 MiB each). Each photo is sealed twice:
/// the original as evidence, and a copy without its metadata (EXIF, GPS, XMP, comments) that
/// the case team views. A photo that is not the JPEG or PNG it claims to be is refused with
/// `invalid_attachment`, and then nothing of the report is stored.
///
/// The server sets `source` (`web`) and `submitted_at`; a `ref` is kept and must be new. The
/// answer comes only once the report is sealed to the case team's keys and durably stored:
/// its receipt is the only way back to it.
#[utoipa::path(
    post,
    path = "/reports",
    request_body(
        description = "The report as JSON, or multipart/form-data with a `report` part (the same JSON) and `attachment` parts (JPEG or PNG)",
        content(
            (Report = "application/json"),
            (ReportWithPhotos = "multipart/form-data"),
        ),
    ),
    responses(
        (status = 201, description = "Stored; the receipt", body = ReceiptResponse),
        (status = 400, description = "invalid_json, invalid_utf8 or malformed_multipart", body = ErrorBody),
        (status = 409, description = "duplicate_report: a report with this ref was already received", body = ErrorBody),
        (status = 413, description = "payload_too_large, or attachment_too_large: a photo is over the limit", body = ErrorBody),
        (status = 415, description = "unsupported_media_type", body = ErrorBody),
        (status = 422, description = "a field is wrong: the code of the first problem, and every problem in details; invalid_attachment (not the JPEG or PNG it claims to be, or damaged) or too_many_attachments", body = ErrorBody),
        (status = 503, description = "reports_unavailable: no case-team key is configured", body = ErrorBody),
    ),
    tag = "reports"
)]
async fn post_report(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<ReceiptResponse>), ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let essence = content_type.split(';').next().unwrap_or("").trim();
    let (report, uploads) = if essence.eq_ignore_ascii_case("application/json") {
        let body = read_body(body, &headers, MAX_REPORT_BYTES).await?;
        (Report::from_json(&body).map_err(ApiError::Report)?, Vec::new())
    } else if multipart::is_multipart(content_type) {
        let boundary = multipart::boundary(content_type).ok_or(ApiError::MalformedMultipart)?;
        let settings = &state.settings.reports;
        let body = read_body(body, &headers, settings.max_multipart_bytes(MAX_REPORT_BYTES)).await?;
        report_parts(&body, &boundary, settings)?
    } else {
        return Err(ApiError::UnsupportedMediaType);
    };
    let receipt = submit(&state, report, uploads).await?;
    Ok((StatusCode::CREATED, Json(ReceiptResponse { receipt: receipt.formatted(), status: "new".into() })))
}

/// The schema of the multipart form of `POST /api/v1/reports`.
#[derive(Debug, ToSchema)]
#[allow(dead_code)]
pub struct ReportWithPhotos {
    /// The report, as the JSON body would be.
    report: Report,
    /// JPEG or PNG photos, each its own part named `attachment`.
    #[schema(value_type = Vec<String>, format = Binary)]
    attachment: Vec<Vec<u8>>,
}

/// The report and the photos of a multipart body: exactly one `report` part (JSON), any
/// number of `attachment` parts (the limit is checked with the photos), nothing else.
fn report_parts(body: &[u8], boundary: &str, settings: &ReportSettings) -> Result<(Report, Vec<Upload>), ApiError> {
    let parts = multipart::parse(body, boundary, settings.max_attachments.saturating_add(8)).map_err(|e| match e {
        multipart::MultipartError::TooManyParts => {
            ApiError::Attachment(AttachmentError::TooMany { max: settings.max_attachments })
        }
        _ => ApiError::MalformedMultipart,
    })?;
    let mut report = None;
    let mut uploads = Vec::new();
    for part in parts {
        match part.name.as_str() {
            "report" => {
                if report.is_some() {
                    return Err(ApiError::InvalidRequest("a multipart report has exactly one `report` part".into()));
                }
                let json = part.content_type.as_deref().is_none_or(|t| {
                    t.split(';').next().is_some_and(|e| e.trim().eq_ignore_ascii_case("application/json"))
                });
                if !json {
                    return Err(ApiError::UnsupportedMediaType);
                }
                if part.body.len() > MAX_REPORT_BYTES {
                    return Err(ApiError::PayloadTooLarge);
                }
                report = Some(Report::from_json(part.body).map_err(ApiError::Report)?);
            }
            "attachment" => uploads.push(Upload { declared_type: part.content_type, bytes: part.body.to_vec() }),
            _ => {
                return Err(ApiError::InvalidRequest(
                    "a multipart report has only `report` and `attachment` parts".into(),
                ));
            }
        }
    }
    let report =
        report.ok_or_else(|| ApiError::InvalidRequest("a multipart report needs a `report` part (the JSON)".into()))?;
    Ok((report, uploads))
}

/// The whole body, refused with `payload_too_large` past `limit` bytes (at once when the
/// declared length says so, else as soon as the limit is crossed).
pub(crate) async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Bytes, ApiError> {
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > u64::try_from(limit).unwrap_or(u64::MAX)) {
        return Err(ApiError::PayloadTooLarge);
    }
    axum::body::to_bytes(body, limit).await.map_err(|e| {
        let mut source: Option<&(dyn std::error::Error + 'static)> = Some(&e);
        while let Some(err) = source {
            if err.is::<http_body_util::LengthLimitError>() {
                return ApiError::PayloadTooLarge;
            }
            source = err.source();
        }
        ApiError::MalformedJson
    })
}
