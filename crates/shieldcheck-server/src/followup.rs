//! Follow-up with a receipt: `POST /api/v1/followup` (the report's status, how often the case
//! team opened it, whether anything left the City, and the messages), `POST
//! /api/v1/followup/addenda` and `POST /api/v1/followup/messages`; the page at `/followup`
//! (`followup_page.rs`) calls the same functions. The receipt travels only in request bodies,
//! never in a URL.
//!
//! Guessing receipts is throttled for everyone together: each wrong or unknown receipt spends
//! a token of one global budget, and once it is spent every lookup waits its turn (and is told
//! to come back when the wait would be too long). No address is looked at, so a legal clinic
//! behind one address is never locked out; Argon2id makes each guess cost as well. Nothing
//! here logs a receipt or what a reporter wrote.

use std::sync::Mutex;
use std::time::Duration;

use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use shieldcheck_core::report::MAX_REPORT_BYTES;
use shieldcheck_store::followup::{
    Author, EntryKind, NewEntry, ReportState, SealedEntry, open_entry, seal_entry, validate_entry_text,
};
use shieldcheck_store::receipt::{Receipt, ReporterKey};
use shieldcheck_store::sealed_report::hour_of;
use tokio::time::Instant;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::ApiJson;
use crate::error::{ApiError, ErrorBody};
use crate::settings::FollowupSettings;

/// A global budget of failed receipt lookups: a token bucket that, once empty, makes lookups
/// wait in line for it to refill.
#[derive(Debug)]
pub struct GuessThrottle {
    per_second: f64,
    burst: f64,
    max_wait: Duration,
    bucket: Mutex<(f64, Instant)>,
    /// Lookups wait for the budget one at a time, in the order they came.
    line: tokio::sync::Mutex<()>,
}

impl GuessThrottle {
    pub fn new(settings: &FollowupSettings) -> GuessThrottle {
        let burst = f64::from(settings.failed_lookup_burst.max(1));
        GuessThrottle {
            per_second: f64::from(settings.failed_lookups_per_minute.max(1)) / 60.0,
            burst,
            max_wait: Duration::from_secs(settings.max_wait_secs),
            bucket: Mutex::new((burst, Instant::now())),
            line: tokio::sync::Mutex::new(()),
        }
    }

    /// The tokens left after refilling to `now`.
    fn refill(&self, bucket: &mut (f64, Instant), now: Instant) -> f64 {
        let elapsed = now.saturating_duration_since(bucket.1).as_secs_f64();
        bucket.0 = (bucket.0 + elapsed * self.per_second).min(self.burst);
        bucket.1 = now;
        bucket.0
    }

    /// Waits until the budget allows another lookup; `followup_busy` when that would take
    /// longer than the settings allow (then the person is asked to come back).
    pub async fn admit(&self) -> Result<(), ApiError> {
        let deadline = Instant::now() + self.max_wait;
        let _turn = tokio::time::timeout_at(deadline, self.line.lock()).await.map_err(|_| ApiError::FollowupBusy)?;
        loop {
            let now = Instant::now();
            let tokens = {
                let mut bucket = self.bucket.lock().map_err(|_| ApiError::FollowupBusy)?;
                self.refill(&mut bucket, now)
            };
            if tokens >= 1.0 {
                return Ok(());
            }
            let wait = Duration::from_secs_f64((1.0 - tokens) / self.per_second);
            if now + wait > deadline {
                return Err(ApiError::FollowupBusy);
            }
            tokio::time::sleep(wait).await;
        }
    }

    /// Spends a token for a wrong or unknown receipt. Lookups admitted together may overdraw
    /// the budget (never by more than a burst), which only makes the next ones wait longer.
    pub fn failed(&self) {
        if let Ok(mut bucket) = self.bucket.lock() {
            self.refill(&mut bucket, Instant::now());
            bucket.0 = (bucket.0 - 1.0).max(-self.burst);
        }
    }
}

/// What follow-up holds beyond the store.
#[derive(Debug)]
pub struct Followup {
    throttle: GuessThrottle,
    max_entries: u64,
}

impl Followup {
    pub fn new(settings: &FollowupSettings) -> Followup {
        Followup { throttle: GuessThrottle::new(settings), max_entries: settings.max_entries_per_report.max(1) }
    }
}

/// A report opened with its receipt.
pub(crate) struct Case {
    state: ReportState,
    reporter: Option<ReporterKey>,
}

impl Case {
    /// Counts an entry just added (for the cap on entries).
    pub(crate) fn note_entry_added(&mut self) {
        self.state.entries += 1;
    }
}

/// Finds the report of a receipt as typed: `invalid_receipt` when it is not 16 digits,
/// `receipt_not_found` for a wrong or unknown one (the same answer, after the same work),
/// `followup_busy` when guessing has used up the budget.
pub(crate) async fn open_case(state: &AppState, receipt: &str) -> Result<Case, ApiError> {
    let receipt = Receipt::parse(receipt).map_err(|_| ApiError::InvalidReceipt)?;
    state.followup.throttle.admit().await?;
    let Some((report, reporter)) =
        crate::reports::lookup_with_key(state.store.as_ref(), &state.report_desk, &receipt).await?
    else {
        state.followup.throttle.failed();
        return Err(ApiError::ReceiptNotFound);
    };
    // Purged between the two reads: as gone as an unknown receipt.
    let report_state =
        state.store.report_state(report.id).await.map_err(ApiError::internal)?.ok_or(ApiError::ReceiptNotFound)?;
    Ok(Case { state: report_state, reporter })
}

/// What the reporter sees.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct FollowupResponse {
    /// `new` (not looked at yet), `open` (the case team is working on it) or `closed`.
    pub status: String,
    /// The hour the status last changed (RFC 3339, UTC).
    pub status_since: String,
    /// The hour the report was received.
    pub submitted: String,
    /// How many times the case team opened (decrypted) the report; each time is in the audit
    /// trail.
    pub opened: u64,
    /// Whether anything of the report was given to anyone outside the City.
    pub left_the_city: bool,
    /// How many times that happened.
    pub disclosures: u64,
    /// Whether the case team can write back through the receipt. Reports sent before replies
    /// existed have no reporter key: no replies can reach them here.
    pub replies_possible: bool,
    /// Addenda and messages, oldest first.
    pub messages: Vec<MessageBody>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MessageBody {
    /// `reporter` or `team`.
    pub from: String,
    /// `addendum` (information added to the report) or `message`.
    pub kind: String,
    /// The hour it was written (RFC 3339, UTC).
    pub at: String,
    /// The text; `null` for what the reporter wrote to a report without a reporter key (it
    /// was sealed to the case team only).
    pub text: Option<String>,
}

/// The reporter's view of a case: entries opened with the reporter's key.
pub(crate) async fn view(state: &AppState, case: Case) -> Result<FollowupResponse, ApiError> {
    let entries = state.store.report_entries(case.state.id).await.map_err(ApiError::internal)?;
    let reporter = case.reporter;
    // age decryption of up to a few hundred entries: off the async threads.
    let messages = tokio::task::spawn_blocking(move || {
        entries.iter().map(|entry| message_body(entry, reporter.as_ref())).collect::<Vec<_>>()
    })
    .await
    .map_err(ApiError::internal)?;
    let s = &case.state;
    Ok(FollowupResponse {
        status: s.status.as_str().to_owned(),
        status_since: rfc3339_utc(s.status_hour),
        submitted: rfc3339_utc(s.submitted_hour),
        opened: s.opened,
        left_the_city: s.disclosed > 0,
        disclosures: s.disclosed,
        replies_possible: s.reporter_recipient.is_some(),
        messages,
    })
}

fn message_body(entry: &SealedEntry, reporter: Option<&ReporterKey>) -> MessageBody {
    let text = reporter.and_then(|key| match open_entry(&entry.ciphertext, &[key.identity()]) {
        Ok(text) => Some(text),
        Err(e) => {
            // Which entry failed, never its content.
            tracing::warn!(entry = entry.id, error = %e, "an entry could not be opened with the reporter key");
            None
        }
    });
    MessageBody {
        from: entry.author.as_str().to_owned(),
        kind: entry.kind.as_str().to_owned(),
        at: rfc3339_utc(entry.created_hour),
        text,
    }
}

/// Adds what the reporter wrote to the case: checked like a report's story (errors name
/// `field`), sealed to the case team and the reporter, stored durably.
pub(crate) async fn add_entry(
    state: &AppState,
    case: &Case,
    kind: EntryKind,
    field: &str,
    text: &str,
) -> Result<(), ApiError> {
    validate_entry_text(field, text).map_err(ApiError::Report)?;
    if case.state.entries >= state.followup.max_entries {
        return Err(ApiError::TooManyEntries);
    }
    let keys = state.report_desk.team_keys(state.store.as_ref()).await?;
    let text = text.to_owned();
    let reporter = case.state.reporter_recipient.clone();
    let (key_id, ciphertext) = tokio::task::spawn_blocking(move || {
        let sealed = seal_entry(&text, &keys, reporter.as_deref())?;
        Ok::<_, shieldcheck_store::sealed_report::SealError>((keys.key_id().to_owned(), sealed))
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(ApiError::internal)?;
    let entry = NewEntry {
        report_id: case.state.id,
        author: Author::Reporter,
        kind,
        created_hour: hour_of(crate::credentials::now()),
        key_id,
        ciphertext,
    };
    match state.store.add_report_entry(&entry, state.followup.max_entries).await.map_err(ApiError::internal)? {
        Some(_) => Ok(()),
        None => Err(ApiError::TooManyEntries),
    }
}

/// `2026-03-14T13:00:00Z`.
pub(crate) fn rfc3339_utc(unix: i64) -> String {
    let (year, month, day) = shieldcheck_core::report::civil_from_days(unix.div_euclid(86_400));
    let secs = unix.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", secs / 3_600, secs % 3_600 / 60, secs % 60)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn throttle(per_minute: u32, burst: u32, max_wait_secs: u64) -> GuessThrottle {
        GuessThrottle::new(&FollowupSettings {
            failed_lookups_per_minute: per_minute,
            failed_lookup_burst: burst,
            max_wait_secs,
            max_entries_per_report: 10,
        })
    }

    #[tokio::test]
    async fn failed_lookups_spend_a_global_budget_then_wait_in_line() {
        // Four a second, so that the test waits a quarter of a second.
        let t = throttle(240, 2, 5);
        // Within the burst: no wait.
        for _ in 0..2 {
            let started = Instant::now();
            t.admit().await.unwrap_or_else(|e| panic!("{e}"));
            assert!(started.elapsed() < Duration::from_millis(50));
            t.failed();
        }
        // Spent: the next lookup waits for a token.
        let started = Instant::now();
        t.admit().await.unwrap_or_else(|e| panic!("{e}"));
        let waited = started.elapsed();
        assert!(waited >= Duration::from_millis(200), "{waited:?}");
        // Successes spend nothing.
        let started = Instant::now();
        t.admit().await.unwrap_or_else(|e| panic!("{e}"));
        assert!(started.elapsed() < Duration::from_millis(50));
        // Overdrawn beyond what the wait allows: refused at once, not after the wait.
        let slow = throttle(1, 2, 5);
        for _ in 0..3 {
            slow.failed();
        }
        let started = Instant::now();
        assert!(matches!(slow.admit().await, Err(ApiError::FollowupBusy)));
        assert!(started.elapsed() < Duration::from_millis(50));
    }
}
