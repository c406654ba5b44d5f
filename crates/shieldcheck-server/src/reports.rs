//! Report intake: `POST /api/v1/reports`, and [`submit`], which the questionnaire page calls
//! too. A report is sealed to the case team's keys, stored, and only after the commit is its
//! receipt given out. Nothing here logs report content, addresses or user agents.

use std::path::PathBuf;
use std::sync::Arc;

use axum::Json;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use serde::{Deserialize, Serialize};
use shieldcheck_core::report::attachment::{AttachmentError, CheckedAttachment, Upload, check_all};
use shieldcheck_core::report::{MAX_REPORT_BYTES, Report, Source};
use shieldcheck_store::receipt::{Checked, ReceiptKey, ReporterKey};
use shieldcheck_store::sealed_report::{Inserted, NewReport, SealedReport, TeamKeys};
use shieldcheck_store::{Store, StoreError};
use tokio::sync::Semaphore;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use shieldcheck_store::receipt::Receipt;

use crate::AppState;
use crate::error::{ApiError, ErrorBody};
use crate::multipart;
use crate::settings::ReportSettings;

/// What intake holds beyond the store: the receipt index key, a bound on concurrent Argon2
/// work (a burst of follow-up lookups of old receipts, 19 MiB each, queues here instead of
/// exhausting memory), and the team keys last read, with their precomputed tables.
#[derive(Debug, Clone)]
pub struct ReportDesk {
    receipt_key: Option<Arc<ReceiptKey>>,
    argon2_slots: Arc<Semaphore>,
    team_keys: Arc<std::sync::Mutex<Option<KnownTeamKeys>>>,
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
        Ok(ReportDesk {
            receipt_key: receipt_key.map(Arc::new),
            argon2_slots: Arc::new(Semaphore::new(slots)),
            team_keys: Arc::default(),
        })
    }

    /// The case team's keys, read from the store at most once a second (so a key added with
    /// `team-keys add` seals reports from the next second on; until then they are sealed to
    /// the keys before, which still open them) and built into [`TeamKeys`] only when they
    /// changed. Without any, reports cannot be sealed: `reports_unavailable`.
    pub async fn team_keys(&self, store: &dyn Store) -> Result<TeamKeys, ApiError> {
        let poisoned = |_| ApiError::internal(std::io::Error::other("team keys lock poisoned"));
        let now = std::time::Instant::now();
        let fresh = {
            let cached = self.team_keys.lock().map_err(poisoned)?;
            cached.as_ref().filter(|known| now.duration_since(known.read_at) < TEAM_KEYS_TTL).map(|k| k.keys.clone())
        };
        if let Some(keys) = fresh {
            return Ok(keys);
        }
        let records = store.team_recipients().await.map_err(ApiError::internal)?;
        if records.is_empty() {
            tracing::error!("a report was refused: no case-team key is registered (shieldcheck team-keys init)");
            return Err(ApiError::ReportsUnavailable);
        }
        let texts: Vec<String> = records.iter().map(|r| r.recipient.clone()).collect();
        let unchanged = {
            let mut cached = self.team_keys.lock().map_err(poisoned)?;
            cached.as_mut().filter(|known| known.texts == texts).map(|known| {
                known.read_at = now;
                known.keys.clone()
            })
        };
        if let Some(keys) = unchanged {
            return Ok(keys);
        }
        let keys = tokio::task::spawn_blocking(move || TeamKeys::from_records(&records))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
        *self.team_keys.lock().map_err(poisoned)? = Some(KnownTeamKeys { texts, keys: keys.clone(), read_at: now });
        Ok(keys)
    }
}

/// How long the team keys read from the store are used before they are read again.
const TEAM_KEYS_TTL: std::time::Duration = std::time::Duration::from_secs(1);

/// The team keys last read, as stored (`age1…`) and built.
#[derive(Debug)]
struct KnownTeamKeys {
    texts: Vec<String>,
    keys: TeamKeys,
    read_at: std::time::Instant,
}

/// Group commit: reports sealed by concurrent submissions are stored together, one durable
/// transaction for all that are waiting when the last commit ends (up to [`GROUP_MAX`]), and
/// each submission is answered only after the transaction holding its report has committed.
/// A receipt is still never shown before its report is on disk; a busy minute simply costs
/// one disk sync per group instead of one per report. If a group's transaction fails, its
/// reports are stored again one by one, so that one report's failure is only its own.
#[derive(Debug, Clone)]
pub struct GroupCommit {
    jobs: tokio::sync::mpsc::Sender<(NewReport, tokio::sync::oneshot::Sender<Result<Inserted, StoreError>>)>,
}

/// The most reports stored in one transaction.
pub const GROUP_MAX: usize = 256;

impl GroupCommit {
    /// Starts the writer task for `store` (on the current Tokio runtime).
    pub fn start(store: Arc<dyn Store>) -> GroupCommit {
        let (jobs, mut waiting) = tokio::sync::mpsc::channel(4 * GROUP_MAX);
        tokio::spawn(async move {
            let mut group: Vec<(NewReport, tokio::sync::oneshot::Sender<_>)> = Vec::with_capacity(GROUP_MAX);
            while waiting.recv_many(&mut group, GROUP_MAX).await > 0 {
                let (reports, answers): (Vec<NewReport>, Vec<_>) = group.drain(..).unzip();
                let results = match store.insert_reports(&reports).await {
                    Ok(inserted) => inserted.into_iter().map(Ok).collect(),
                    Err(e) if reports.len() == 1 => vec![Err(e)],
                    Err(_) => {
                        let mut one_by_one = Vec::with_capacity(reports.len());
                        for report in &reports {
                            one_by_one.push(store.insert_report(report).await);
                        }
                        one_by_one
                    }
                };
                for (answer, result) in answers.into_iter().zip(results) {
                    // The submission may have gone (the client hung up): its report is stored.
                    let _ = answer.send(result);
                }
            }
        });
        GroupCommit { jobs }
    }

    /// Stores `report` durably with whatever else is waiting; returns once committed.
    pub async fn insert(&self, report: NewReport) -> Result<Inserted, ApiError> {
        let (answer, answered) = tokio::sync::oneshot::channel();
        let stopped = || ApiError::internal(std::io::Error::other("the report writer stopped"));
        self.jobs.send((report, answer)).await.map_err(|_| stopped())?;
        answered.await.map_err(|_| stopped())?.map_err(ApiError::internal)
    }
}

/// Refuses to go on when the receipt key file is missing but stored reports have receipts:
/// a new key would be created, and every receipt already given out would silently stop
/// finding its report. A key set in the settings (`receipts.key`) is taken as the operator's
/// decision and not checked.
pub async fn check_receipt_key_file(
    settings: &crate::settings::ReceiptSettings,
    store: &dyn shieldcheck_store::Store,
) -> std::io::Result<()> {
    if settings.key.is_some() {
        return Ok(());
    }
    let Some(path) = settings.key_file.clone().or_else(|| store.sidecar_key_path()) else { return Ok(()) };
    if path.try_exists()? {
        return Ok(());
    }
    let receipts = store.receipt_count().await.map_err(std::io::Error::other)?;
    if receipts == 0 {
        return Ok(());
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::NotFound,
        format!(
            "the receipt key file {} is missing, but {receipts} stored reports have receipts made with it: \
             restore the file from a backup so that those receipts keep working (shieldcheck will not \
             make a new key over them); if the key is lost for good, set receipts.key to a new key \
             (64 hexadecimal digits), knowing that the old receipts will no longer find their reports",
            path.display()
        ),
    ))
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

/// Checks photos against the limits and makes their stripped copies, on a blocking thread
/// (a few megabytes each are walked byte by byte).
pub async fn check_attachments(
    settings: &ReportSettings,
    uploads: Vec<Upload>,
) -> Result<Vec<CheckedAttachment>, ApiError> {
    if uploads.is_empty() {
        return Ok(Vec::new());
    }
    let limits = settings.attachment_limits();
    Ok(tokio::task::spawn_blocking(move || check_all(uploads, limits)).await.map_err(ApiError::internal)??)
}

/// [`submit`] for photos already checked (the questionnaire checks them with its other answers).
#[tracing::instrument(skip_all, fields(photos = photos.len()))]
pub async fn submit_checked(
    state: &AppState,
    report: Report,
    photos: Vec<CheckedAttachment>,
) -> Result<Receipt, ApiError> {
    let keys = state.report_desk.team_keys(state.store.as_ref()).await?;
    let key = state.report_desk.receipt_key.clone().ok_or(ApiError::ReportsUnavailable)?;
    let now = crate::credentials::now();
    // Web and API reports: the server says where and when (contract: submitted_at "set by the
    // server for web and API reports").
    let report = Report { source: Some(Source::Web), submitted_at: Some(rfc3339_utc(now)), ..report };
    report.validate().map_err(ApiError::Report)?;
    let slot = state.report_desk.argon2_slot().await?;
    let (receipt, sealed) = tokio::task::spawn_blocking(move || -> Result<(Receipt, NewReport), ApiError> {
        let receipt = Receipt::generate();
        // One Argon2id run gives the verifier and the reporter's key, whose public half lets
        // the case team write back (sealed so that only the receipt opens it).
        let (record, _reporter) = key.record(&receipt).map_err(ApiError::internal)?;
        let mut sealed = NewReport::seal(&report, &keys, Source::Web, now, Some(record)).map_err(ApiError::internal)?;
        sealed.seal_attachments(&keys, &photos).map_err(ApiError::internal)?;
        Ok((receipt, sealed))
    })
    .await
    .map_err(ApiError::internal)??;
    drop(slot);
    let inserted = state.report_writer.insert(sealed).await?;
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
        tokio::task::spawn_blocking(move || key.check(&receipt, hash.as_deref())).await.map_err(ApiError::internal)?;
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
