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

/// Every stable code the service answers with: one row per code, with its HTTP status. What
/// `ApiError::code` and `ApiError::status` return, and the list of codes in the OpenAPI
/// document, all come from these rows, so a code cannot be answered without a status or be
/// missing from the document.
macro_rules! error_codes {
    ($( $(#[$doc:meta])* $name:ident = $code:literal, $status:ident; )*) => {
        /// A stable error code (see the table in `error.rs`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Code {
            $( $(#[$doc])* $name, )*
        }

        impl Code {
            /// Every code, in the table's order.
            pub const ALL: &'static [Code] = &[$(Code::$name),*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $code,)*
                }
            }

            pub fn status(self) -> StatusCode {
                match self {
                    $(Code::$name => StatusCode::$status,)*
                }
            }
        }
    };
}

error_codes! {
    PayloadTooLarge = "payload_too_large", PAYLOAD_TOO_LARGE;
    MalformedJson = "malformed_json", BAD_REQUEST;
    UnsupportedMediaType = "unsupported_media_type", UNSUPPORTED_MEDIA_TYPE;
    InvalidRequest = "invalid_request", UNPROCESSABLE_ENTITY;
    /// A claim's field is longer than it may be.
    FieldTooLong = "field_too_long", UNPROCESSABLE_ENTITY;
    /// Control or bidirectional-override characters, in a claim's field or a report's text.
    InvalidCharacters = "invalid_characters", UNPROCESSABLE_ENTITY;
    RateLimited = "rate_limited", TOO_MANY_REQUESTS;
    NotFound = "not_found", NOT_FOUND;
    EnrolmentUnavailable = "enrolment_unavailable", SERVICE_UNAVAILABLE;
    InvalidEnrolmentCode = "invalid_enrolment_code", FORBIDDEN;
    InvalidDeviceKey = "invalid_device_key", UNPROCESSABLE_ENTITY;
    MemberNotActive = "member_not_active", CONFLICT;
    ReportsUnavailable = "reports_unavailable", SERVICE_UNAVAILABLE;
    DuplicateReport = "duplicate_report", CONFLICT;
    InvalidReceipt = "invalid_receipt", UNPROCESSABLE_ENTITY;
    ReceiptNotFound = "receipt_not_found", NOT_FOUND;
    FollowupBusy = "followup_busy", SERVICE_UNAVAILABLE;
    TooManyEntries = "too_many_entries", CONFLICT;
    /// A report's codes (`ReportErrorCode`).
    InvalidUtf8 = "invalid_utf8", BAD_REQUEST;
    InvalidJson = "invalid_json", BAD_REQUEST;
    TooLarge = "too_large", PAYLOAD_TOO_LARGE;
    UnknownField = "unknown_field", UNPROCESSABLE_ENTITY;
    UnknownValue = "unknown_value", UNPROCESSABLE_ENTITY;
    WrongType = "wrong_type", UNPROCESSABLE_ENTITY;
    InvalidTime = "invalid_time", UNPROCESSABLE_ENTITY;
    OutOfRange = "out_of_range", UNPROCESSABLE_ENTITY;
    TooLong = "too_long", UNPROCESSABLE_ENTITY;
    Empty = "empty", UNPROCESSABLE_ENTITY;
    InvalidLanguage = "invalid_language", UNPROCESSABLE_ENTITY;
    NothingReported = "nothing_reported", UNPROCESSABLE_ENTITY;
    /// A report's photos (`AttachmentErrorCode`).
    InvalidAttachment = "invalid_attachment", UNPROCESSABLE_ENTITY;
    AttachmentTooLarge = "attachment_too_large", PAYLOAD_TOO_LARGE;
    TooManyAttachments = "too_many_attachments", UNPROCESSABLE_ENTITY;
    MalformedMultipart = "malformed_multipart", BAD_REQUEST;
    Internal = "internal", INTERNAL_SERVER_ERROR;
}

impl From<ReportErrorCode> for Code {
    fn from(code: ReportErrorCode) -> Code {
        match code {
            ReportErrorCode::InvalidUtf8 => Code::InvalidUtf8,
            ReportErrorCode::InvalidJson => Code::InvalidJson,
            ReportErrorCode::TooLarge => Code::TooLarge,
            ReportErrorCode::UnknownField => Code::UnknownField,
            ReportErrorCode::UnknownValue => Code::UnknownValue,
            ReportErrorCode::WrongType => Code::WrongType,
            ReportErrorCode::InvalidTime => Code::InvalidTime,
            ReportErrorCode::OutOfRange => Code::OutOfRange,
            ReportErrorCode::TooLong => Code::TooLong,
            ReportErrorCode::Empty => Code::Empty,
            ReportErrorCode::InvalidCharacters => Code::InvalidCharacters,
            ReportErrorCode::InvalidLanguage => Code::InvalidLanguage,
            ReportErrorCode::NothingReported => Code::NothingReported,
        }
    }
}

impl From<AttachmentErrorCode> for Code {
    fn from(code: AttachmentErrorCode) -> Code {
        match code {
            AttachmentErrorCode::Invalid => Code::InvalidAttachment,
            AttachmentErrorCode::TooLarge => Code::AttachmentTooLarge,
            AttachmentErrorCode::TooMany => Code::TooManyAttachments,
        }
    }
}

impl From<&ClaimInputError> for Code {
    fn from(e: &ClaimInputError) -> Code {
        match e {
            ClaimInputError::TooLong { .. } => Code::FieldTooLong,
            ClaimInputError::InvalidCharacters { .. } => Code::InvalidCharacters,
        }
    }
}

impl ApiError {
    /// This error's row in the table.
    pub fn stable_code(&self) -> Code {
        match self {
            ApiError::PayloadTooLarge => Code::PayloadTooLarge,
            ApiError::MalformedJson => Code::MalformedJson,
            ApiError::UnsupportedMediaType => Code::UnsupportedMediaType,
            ApiError::InvalidRequest(_) => Code::InvalidRequest,
            ApiError::Field(e) => Code::from(e),
            ApiError::RateLimited => Code::RateLimited,
            ApiError::NotFound => Code::NotFound,
            ApiError::EnrolmentUnavailable => Code::EnrolmentUnavailable,
            ApiError::InvalidEnrolmentCode => Code::InvalidEnrolmentCode,
            ApiError::InvalidDeviceKey => Code::InvalidDeviceKey,
            ApiError::MemberNotActive => Code::MemberNotActive,
            ApiError::Report(e) => Code::from(e.code()),
            ApiError::ReportsUnavailable => Code::ReportsUnavailable,
            ApiError::DuplicateReport => Code::DuplicateReport,
            ApiError::InvalidReceipt => Code::InvalidReceipt,
            ApiError::ReceiptNotFound => Code::ReceiptNotFound,
            ApiError::FollowupBusy => Code::FollowupBusy,
            ApiError::TooManyEntries => Code::TooManyEntries,
            ApiError::Attachment(e) => Code::from(e.code()),
            ApiError::MalformedMultipart => Code::MalformedMultipart,
            ApiError::Internal(_) => Code::Internal,
        }
    }

    pub fn code(&self) -> &'static str {
        self.stable_code().as_str()
    }

    pub fn status(&self) -> StatusCode {
        self.stable_code().status()
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
    /// A stable code, one of those listed (the table in `error.rs`).
    #[schema(schema_with = code_schema)]
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

/// The `code` of an error body in the OpenAPI document: a string, one of every code in the table.
fn code_schema() -> utoipa::openapi::schema::Object {
    utoipa::openapi::schema::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .description(Some("A stable code; the message beside it is for a person and may change."))
        .enum_values(Some(Code::ALL.iter().map(|code| code.as_str())))
        .build()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_one_row() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            assert!(seen.insert(code.as_str()), "{} twice", code.as_str());
            let text = code.as_str();
            assert!(
                !text.is_empty() && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{text}"
            );
        }
    }

    #[test]
    fn domain_codes_keep_their_text() {
        use ReportErrorCode::*;
        for code in [
            InvalidUtf8,
            InvalidJson,
            TooLarge,
            UnknownField,
            UnknownValue,
            WrongType,
            InvalidTime,
            OutOfRange,
            TooLong,
            Empty,
            InvalidCharacters,
            InvalidLanguage,
            NothingReported,
        ] {
            assert_eq!(Code::from(code).as_str(), code.as_str());
        }
        for code in [AttachmentErrorCode::Invalid, AttachmentErrorCode::TooLarge, AttachmentErrorCode::TooMany] {
            assert_eq!(Code::from(code).as_str(), code.as_str());
        }
        for e in
            [ClaimInputError::TooLong { field: "name", max: 1 }, ClaimInputError::InvalidCharacters { field: "name" }]
        {
            assert_eq!(Code::from(&e).as_str(), e.code());
        }
    }

    #[test]
    fn statuses_are_those_the_api_documents() {
        let too_large = ReportError {
            errors: vec![FieldError { field: String::new(), code: ReportErrorCode::TooLarge, message: "x".into() }],
        };
        assert_eq!(ApiError::Report(too_large).status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(ApiError::FollowupBusy.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(ApiError::internal(std::io::Error::other("x")).status(), StatusCode::INTERNAL_SERVER_ERROR);
    }
}
