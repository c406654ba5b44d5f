//! Errors of the HTTP layer: one table from error to stable code and status. Bodies carry
//! the code and a safe message; causes go to the log, never to the client.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use shieldcheck_claim::ClaimInputError;
use shieldcheck_report::attachment::{AttachmentError, AttachmentErrorCode};
use shieldcheck_report::{FieldError, ReportError, ReportErrorCode};
use shieldcheck_service::claims::ClaimError;
use shieldcheck_service::followup::FollowupError;
use shieldcheck_service::reports::IntakeError;
use utoipa::ToSchema;

/// An error answered by the JSON API.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("the request body is larger than this server accepts")]
    PayloadTooLarge,
    #[error("the request body is not valid JSON")]
    MalformedJson,
    #[error("the request body must be JSON (Content-Type: application/json)")]
    UnsupportedMediaType,
    #[error("the request does not match the API: {0}")]
    InvalidRequest(String),
    #[error("{0}")]
    Field(#[from] ClaimInputError),
    #[error("too many requests; try again in a minute")]
    RateLimited,
    #[error("no such API route")]
    NotFound,
    #[error("enrolment is not open on this service; ask the credential office")]
    EnrolmentUnavailable,
    #[error(
        "that enrolment code is not valid: it may be mistyped, used or expired; ask the credential office for a new one"
    )]
    InvalidEnrolmentCode,
    #[error("the device public key is not a P-256 key")]
    InvalidDeviceKey,
    #[error("the member is not active; no credential can be issued")]
    MemberNotActive,
    #[error("the report was not accepted: {0}")]
    Report(ReportError),
    #[error("reports cannot be received right now: the case team's keys are not set up on this service")]
    ReportsUnavailable,
    #[error("a report with this ref was already received")]
    DuplicateReport,
    #[error("a receipt is 16 digits, such as 482-155-4019-376620")]
    InvalidReceipt,
    #[error("no report has this receipt; check the digits")]
    ReceiptNotFound,
    #[error("many receipts are being checked right now; nothing was saved; try again in a minute")]
    FollowupBusy,
    #[error("this report holds as many messages as it can; call 311 to add more")]
    TooManyEntries,
    #[error("the report was not accepted: {0}")]
    Attachment(#[from] AttachmentError),
    #[error("the request body is not valid multipart/form-data")]
    MalformedMultipart,
    #[error("something went wrong on our side")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl ApiError {
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::PayloadTooLarge => "payload_too_large",
            ApiError::MalformedJson => "malformed_json",
            ApiError::UnsupportedMediaType => "unsupported_media_type",
            ApiError::InvalidRequest(_) => "invalid_request",
            ApiError::Field(e) => e.code(),
            ApiError::RateLimited => "rate_limited",
            ApiError::NotFound => "not_found",
            ApiError::EnrolmentUnavailable => "enrolment_unavailable",
            ApiError::InvalidEnrolmentCode => "invalid_enrolment_code",
            ApiError::InvalidDeviceKey => "invalid_device_key",
            ApiError::MemberNotActive => "member_not_active",
            ApiError::Report(e) => e.code().as_str(),
            ApiError::ReportsUnavailable => "reports_unavailable",
            ApiError::DuplicateReport => "duplicate_report",
            ApiError::InvalidReceipt => "invalid_receipt",
            ApiError::ReceiptNotFound => "receipt_not_found",
            ApiError::FollowupBusy => "followup_busy",
            ApiError::TooManyEntries => "too_many_entries",
            ApiError::Attachment(e) => e.code().as_str(),
            ApiError::MalformedMultipart => "malformed_multipart",
            ApiError::Internal(_) => "internal",
        }
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::MalformedJson => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::InvalidRequest(_) | ApiError::Field(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::EnrolmentUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::InvalidEnrolmentCode => StatusCode::FORBIDDEN,
            ApiError::InvalidDeviceKey => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::MemberNotActive => StatusCode::CONFLICT,
            ApiError::Report(e) => match e.code() {
                ReportErrorCode::InvalidJson | ReportErrorCode::InvalidUtf8 => StatusCode::BAD_REQUEST,
                ReportErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            },
            ApiError::ReportsUnavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::DuplicateReport => StatusCode::CONFLICT,
            ApiError::InvalidReceipt => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::ReceiptNotFound => StatusCode::NOT_FOUND,
            ApiError::FollowupBusy => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::TooManyEntries => StatusCode::CONFLICT,
            ApiError::Attachment(e) => match e.code() {
                AttachmentErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
                AttachmentErrorCode::Invalid | AttachmentErrorCode::TooMany => StatusCode::UNPROCESSABLE_ENTITY,
            },
            ApiError::MalformedMultipart => StatusCode::BAD_REQUEST,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        ApiError::Internal(Box::new(e))
    }
}

/// The body of every API error: `{"error": {"code": "...", "message": "..."}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// A stable code: payload_too_large, malformed_json, unsupported_media_type,
    /// invalid_request, field_too_long, invalid_characters, rate_limited, not_found,
    /// enrolment_unavailable, invalid_enrolment_code, invalid_device_key, member_not_active,
    /// reports_unavailable, duplicate_report, invalid_receipt, receipt_not_found,
    /// followup_busy, too_many_entries, a report's field codes (invalid_json,
    /// unknown_field, too_long, nothing_reported, …), a report's photos (invalid_attachment,
    /// attachment_too_large, too_many_attachments), malformed_multipart, internal.
    pub code: String,
    /// A message for a person; never internal detail.
    pub message: String,
    /// The request field at fault, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Every problem of a refused report, each with its field path and code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Vec<FieldError>>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(cause) = &self {
            tracing::error!(error = %cause, "internal error");
        }
        let (field, details) = match &self {
            ApiError::Field(e) => (Some(e.field().to_owned()), None),
            ApiError::Attachment(_) => (Some("attachment".to_owned()), None),
            ApiError::Report(e) => {
                (e.errors.first().map(|f| f.field.clone()).filter(|f| !f.is_empty()), Some(e.errors.clone()))
            }
            _ => (None, None),
        };
        let body = ErrorBody {
            error: ErrorDetail { code: self.code().to_owned(), message: self.to_string(), field, details },
        };
        let mut response = (self.status(), Json(body)).into_response();
        if matches!(self, ApiError::RateLimited | ApiError::FollowupBusy) {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        response
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType,
            StatusCode::UNPROCESSABLE_ENTITY => {
                // serde's text names the offending field or type; keep it short.
                let text = rejection.body_text();
                let detail = text.rsplit(": ").next().unwrap_or("").chars().take(160).collect();
                ApiError::InvalidRequest(detail)
            }
            _ => ApiError::MalformedJson,
        }
    }
}

impl From<ClaimError> for ApiError {
    fn from(e: ClaimError) -> Self {
        match e {
            ClaimError::Input(e) => ApiError::Field(e),
            ClaimError::Store(e) => ApiError::internal(e),
        }
    }
}

impl From<IntakeError> for ApiError {
    fn from(e: IntakeError) -> Self {
        match e {
            IntakeError::Report(e) => ApiError::Report(e),
            IntakeError::Attachment(e) => ApiError::Attachment(e),
            IntakeError::Unavailable => ApiError::ReportsUnavailable,
            IntakeError::Duplicate => ApiError::DuplicateReport,
            IntakeError::Store(e) => ApiError::internal(e),
            IntakeError::Internal(e) => ApiError::Internal(e),
        }
    }
}

impl From<FollowupError> for ApiError {
    fn from(e: FollowupError) -> Self {
        match e {
            FollowupError::InvalidReceipt => ApiError::InvalidReceipt,
            FollowupError::NotFound => ApiError::ReceiptNotFound,
            FollowupError::Busy => ApiError::FollowupBusy,
            FollowupError::TooManyEntries => ApiError::TooManyEntries,
            FollowupError::Entry(e) => ApiError::Report(e),
            FollowupError::Intake(e) => e.into(),
            FollowupError::Store(e) => ApiError::internal(e),
            FollowupError::Internal(e) => ApiError::Internal(e),
        }
    }
}
