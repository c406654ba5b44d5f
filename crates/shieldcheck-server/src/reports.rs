//! Report intake: `POST /api/v1/reports`, and [`submit`], which the questionnaire page calls
//! too. A report is sealed to the case team's keys, stored, and only after the commit is its
//! receipt given out. Nothing here logs report content, addresses or user agents.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use shieldcheck_core::report::{MAX_REPORT_BYTES, Report, Source};
use shieldcheck_store::Store;
use shieldcheck_store::receipt::{Checked, ReceiptKey, ReporterKey, check};
use shieldcheck_store::sealed_report::{NewReport, SealedReport, TeamKeys};
use tokio::sync::Semaphore;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use shieldcheck_store::receipt::Receipt;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};

/// What intake holds beyond the store: the receipt index key and a bound on concurrent
/// Argon2 work (each hash takes about 19 MiB, so a burst of submissions queues here instead
/// of exhausting memory).
#[derive(Debug, Clone)]
pub struct ReportDesk {
    receipt_key: Option<Arc<ReceiptKey>>,
    argon2_slots: Arc<Semaphore>,
}

impl ReportDesk {
    /// The desk with the receipt key from the settings (`receipts.key`, then
    /// `receipts.key_file`), else from the key file beside the SQLite database (created on
    /// first use, mode 0600). Without any (PostgreSQL and no setting), reports are refused
    /// with `reports_unavailable` and the reason is logged.
    pub fn new(settings: &crate::settings::ReceiptSettings, sidecar: Option<PathBuf>) -> std::io::Result<ReportDesk> {
        let receipt_key = if let Some(secret) = &settings.key {
            Some(ReceiptKey::from_hex(secret).map_err(std::io::Error::other)?)
        } else if let Some(path) = settings.key_file.clone().or(sidecar) {
            Some(ReceiptKey::load_or_create(&path).map_err(std::io::Error::other)?)
        } else {
            tracing::warn!(
                "no receipt key: set receipts.key (64 hex digits, the same on every server) to accept reports"
            );
            None
        };
        let slots = std::thread::available_parallelism().map_or(2, |n| n.get()).max(2);
        Ok(ReportDesk { receipt_key: receipt_key.map(Arc::new), argon2_slots: Arc::new(Semaphore::new(slots)) })
    }
}

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
    // four-byte script); this limit replaces the server-wide one for this route only.
    OpenApiRouter::new().routes(routes!(post_report)).layer(DefaultBodyLimit::max(MAX_REPORT_BYTES))
}

/// Seals a report to the case team, stores it durably (committed) and returns its receipt.
// No `err` in the span: a refusal names fields and values of the report, which stay out of logs.
#[tracing::instrument(skip_all)]
pub async fn submit(state: &AppState, report: Report) -> Result<Receipt, ApiError> {
    let recipients = state.store.team_recipients().await.map_err(ApiError::internal)?;
    if recipients.is_empty() {
        tracing::error!("a report was refused: no case-team key is registered (shieldcheck team-keys init)");
        return Err(ApiError::ReportsUnavailable);
    }
    let key = state.report_desk.receipt_key.clone().ok_or(ApiError::ReportsUnavailable)?;
    let now = crate::credentials::now();
    // Web and API reports: the server says where and when (contract: submitted_at "set by the
    // server for web and API reports").
    let report = Report { source: Some(Source::Web), submitted_at: Some(rfc3339_utc(now)), ..report };
    report.validate().map_err(ApiError::Report)?;
    let _slot = state.report_desk.argon2_slot().await?;
    let (receipt, sealed) = tokio::task::spawn_blocking(move || -> Result<(Receipt, NewReport), ApiError> {
        let keys = TeamKeys::from_records(&recipients).map_err(ApiError::internal)?;
        let receipt = Receipt::generate();
        // One Argon2id run gives the verifier and the reporter's key, whose public half lets
        // the case team write back (sealed so that only the receipt opens it).
        let (record, _reporter) = key.record(&receipt).map_err(ApiError::internal)?;
        let sealed = NewReport::seal(&report, &keys, Source::Web, now, Some(record)).map_err(ApiError::internal)?;
        Ok((receipt, sealed))
    })
    .await
    .map_err(ApiError::internal)??;
    let inserted = state.store.insert_report(&sealed).await.map_err(ApiError::internal)?;
    if !inserted.created {
        return Err(ApiError::DuplicateReport);
    }
    Ok(receipt)
}

/// The report a receipt belongs to, or `None` for a wrong or unknown receipt. Both cost one
/// indexed lookup and one Argon2id verification (against a dummy hash when the index finds
/// nothing), so the answer's timing does not tell them apart. For follow-up.
#[tracing::instrument(skip_all)]
pub async fn lookup(store: &dyn Store, desk: &ReportDesk, receipt: &Receipt) -> Result<Option<SealedReport>, ApiError> {
    Ok(lookup_with_key(store, desk, receipt).await?.map(|(report, _)| report))
}

/// As [`lookup`], with the reporter's key derived from the receipt when the report has one.
#[tracing::instrument(skip_all)]
pub async fn lookup_with_key(
    store: &dyn Store,
    desk: &ReportDesk,
    receipt: &Receipt,
) -> Result<Option<(SealedReport, Option<ReporterKey>)>, ApiError> {
    let key = desk.receipt_key.clone().ok_or(ApiError::ReportsUnavailable)?;
    let found = store.report_by_receipt_index(&key.index(receipt)).await.map_err(ApiError::internal)?;
    let _slot = desk.argon2_slot().await?;
    let receipt = receipt.clone();
    let hash = found.as_ref().map(|f| f.receipt_hash.clone());
    let checked =
        tokio::task::spawn_blocking(move || check(&receipt, hash.as_deref())).await.map_err(ApiError::internal)?;
    Ok(match (found, checked) {
        (Some(found), Checked::Verified { reporter }) => Some((found.report, reporter)),
        _ => None,
    })
}

impl ReportDesk {
    async fn argon2_slot(&self) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        self.argon2_slots.clone().acquire_owned().await.map_err(ApiError::internal)
    }
}

/// Submit a report of a suspected impersonation.
///
/// One report in the report-v1 format. The server sets `source` (`web`) and `submitted_at`;
/// a `ref` is kept and must be new. The answer comes only once the report is sealed to the
/// case team's keys and durably stored: its receipt is the only way back to it.
#[utoipa::path(
    post,
    path = "/reports",
    request_body(content = Report, content_type = "application/json"),
    responses(
        (status = 201, description = "Stored; the receipt", body = ReceiptResponse),
        (status = 400, description = "invalid_json or invalid_utf8", body = ErrorBody),
        (status = 409, description = "duplicate_report: a report with this ref was already received", body = ErrorBody),
        (status = 413, description = "payload_too_large", body = ErrorBody),
        (status = 415, description = "unsupported_media_type", body = ErrorBody),
        (status = 422, description = "a field is wrong: the code of the first problem, and every problem in details", body = ErrorBody),
        (status = 503, description = "reports_unavailable: no case-team key is configured", body = ErrorBody),
    ),
    tag = "reports"
)]
async fn post_report(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<ReceiptResponse>), ApiError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Err(ApiError::UnsupportedMediaType);
    }
    let body = body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ApiError::PayloadTooLarge,
        _ => ApiError::MalformedJson,
    })?;
    let report = Report::from_json(&body).map_err(ApiError::Report)?;
    let receipt = submit(&state, report).await?;
    Ok((StatusCode::CREATED, Json(ReceiptResponse { receipt: receipt.formatted(), status: "new".into() })))
}

/// `2026-03-14T13:02:11Z`.
fn rfc3339_utc(unix: i64) -> String {
    let (year, month, day) = shieldcheck_core::report::civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3_600, secs % 3_600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    #[test]
    fn server_times_are_rfc3339_utc() {
        assert_eq!(super::rfc3339_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339_utc(1_773_493_331), "2026-03-14T13:02:11Z");
        let parsed = shieldcheck_core::report::parse_timestamp(&super::rfc3339_utc(1_773_493_331));
        assert_eq!(parsed.map(|i| i.unix), Some(1_773_493_331));
    }
}
