//! Follow-up with a receipt, without HTTP: the guessing budget for receipt lookups, opening a
//! case with its receipt, the reporter's view of it, and what the reporter adds.
//!
//! Guessing receipts is throttled for everyone together: each wrong or unknown receipt spends
//! a token of one global budget, and once it is spent every lookup waits its turn (and is told
//! to come back when the wait would be too long). No address is looked at, so a legal clinic
//! behind one address is never locked out; Argon2id makes each guess cost as well. Nothing
//! here logs a receipt or what a reporter wrote.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use shieldcheck_casefile::followup::{
    Author, EntryKind, NewEntry, ReportState, SealedEntry, open_entry, seal_entry, validate_entry_text,
};
use shieldcheck_casefile::receipt::{Receipt, ReporterKey};
use shieldcheck_report::ReportError;
use shieldcheck_store::{Store, StoreError};
use tokio::time::Instant;

use crate::reports::{IntakeError, ReportDesk};
use crate::settings::FollowupSettings;

/// Why a follow-up request was not served.
#[derive(Debug, thiserror::Error)]
pub enum FollowupError {
    #[error("a receipt is 16 digits, such as 482-155-4019-376620")]
    InvalidReceipt,
    /// A wrong or unknown receipt (the same answer, after the same work).
    #[error("no report has this receipt; check the digits")]
    NotFound,
    /// Guessing has used up the budget for longer than a person should wait.
    #[error("many receipts are being checked right now; nothing was saved; try again in a minute")]
    Busy,
    #[error("this report holds as many messages as it can; call 311 to add more")]
    TooManyEntries,
    /// What the reporter wrote was refused (errors name the field).
    #[error("the entry was not accepted: {0}")]
    Entry(ReportError),
    #[error(transparent)]
    Intake(#[from] IntakeError),
    #[error("the report could not be read or stored: {0}")]
    Store(#[source] StoreError),
    #[error("{0}")]
    Internal(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl FollowupError {
    pub fn internal(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        FollowupError::Internal(Box::new(e))
    }
}

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
    pub async fn admit(&self) -> Result<(), FollowupError> {
        let deadline = Instant::now() + self.max_wait;
        let _turn = tokio::time::timeout_at(deadline, self.line.lock()).await.map_err(|_| FollowupError::Busy)?;
        loop {
            let now = Instant::now();
            let tokens = {
                let mut bucket = self.bucket.lock().map_err(|_| FollowupError::Busy)?;
                self.refill(&mut bucket, now)
            };
            if tokens >= 1.0 {
                return Ok(());
            }
            let wait = Duration::from_secs_f64((1.0 - tokens) / self.per_second);
            if now + wait > deadline {
                return Err(FollowupError::Busy);
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

/// A report opened with its receipt.
#[derive(Debug)]
pub struct Case {
    state: ReportState,
    reporter: Option<ReporterKey>,
}

impl Case {
    /// Counts an entry just added (for the cap on entries).
    pub fn note_entry_added(&mut self) {
        self.state.entries += 1;
    }
}

/// What the reporter sees.
#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

#[derive(Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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

/// Follow-up with a receipt: the store, the report desk that looks receipts up, the guessing
/// budget and the cap on entries.
#[derive(Debug)]
pub struct Followup {
    store: Arc<dyn Store>,
    desk: ReportDesk,
    throttle: GuessThrottle,
    max_entries: u64,
}

impl Followup {
    pub fn new(settings: &FollowupSettings, store: Arc<dyn Store>, desk: ReportDesk) -> Followup {
        Followup {
            store,
            desk,
            throttle: GuessThrottle::new(settings),
            max_entries: settings.max_entries_per_report.max(1),
        }
    }

    /// Finds the report of a receipt as typed: `invalid_receipt` when it is not 16 digits,
    /// `receipt_not_found` for a wrong or unknown one (the same answer, after the same work),
    /// `followup_busy` when guessing has used up the budget.
    pub async fn open_case(&self, receipt: &str) -> Result<Case, FollowupError> {
        let receipt = Receipt::parse(receipt).map_err(|_| FollowupError::InvalidReceipt)?;
        self.throttle.admit().await?;
        let Some((report, reporter)) =
            crate::reports::lookup_with_key(self.store.as_ref(), &self.desk, &receipt).await?
        else {
            self.throttle.failed();
            return Err(FollowupError::NotFound);
        };
        // Purged between the two reads: as gone as an unknown receipt.
        let report_state =
            self.store.report_state(report.id).await.map_err(FollowupError::Store)?.ok_or(FollowupError::NotFound)?;
        Ok(Case { state: report_state, reporter })
    }

    /// The reporter's view of a case: entries opened with the reporter's key.
    pub async fn view(&self, case: Case) -> Result<FollowupResponse, FollowupError> {
        let entries = self.store.report_entries(case.state.id).await.map_err(FollowupError::Store)?;
        let reporter = case.reporter;
        // age decryption of up to a few hundred entries: off the async threads.
        let messages = tokio::task::spawn_blocking(move || {
            entries.iter().map(|entry| message_body(entry, reporter.as_ref())).collect::<Vec<_>>()
        })
        .await
        .map_err(FollowupError::internal)?;
        let s = &case.state;
        Ok(FollowupResponse {
            status: s.status.as_str().to_owned(),
            status_since: s.status_hour.to_string(),
            submitted: s.submitted_hour.to_string(),
            opened: s.opened,
            left_the_city: s.disclosed > 0,
            disclosures: s.disclosed,
            replies_possible: s.reporter_recipient.is_some(),
            messages,
        })
    }

    /// Adds what the reporter wrote to the case: checked like a report's story (errors name
    /// `field`), sealed to the case team and the reporter, stored durably.
    pub async fn add_entry(&self, case: &Case, kind: EntryKind, field: &str, text: &str) -> Result<(), FollowupError> {
        validate_entry_text(field, text).map_err(FollowupError::Entry)?;
        if case.state.entries >= self.max_entries {
            return Err(FollowupError::TooManyEntries);
        }
        let keys = self.desk.team_keys(self.store.as_ref()).await?;
        let text = text.to_owned();
        let reporter = case.state.reporter_recipient.clone();
        let (key_id, ciphertext) = tokio::task::spawn_blocking(move || {
            let sealed = seal_entry(&text, &keys, reporter.as_deref())?;
            Ok::<_, shieldcheck_casefile::sealed_report::SealError>((keys.key_id().to_owned(), sealed))
        })
        .await
        .map_err(FollowupError::internal)?
        .map_err(FollowupError::internal)?;
        let entry = NewEntry {
            report_id: case.state.id,
            author: Author::Reporter,
            kind,
            created_hour: crate::clock::now().hour(),
            key_id,
            ciphertext,
        };
        match self.store.add_report_entry(&entry, self.max_entries).await.map_err(FollowupError::Store)? {
            Some(_) => Ok(()),
            None => Err(FollowupError::TooManyEntries),
        }
    }
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
        at: entry.created_hour.to_string(),
        text,
    }
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
        assert!(matches!(slow.admit().await, Err(FollowupError::Busy)));
        assert!(started.elapsed() < Duration::from_millis(50));
    }
}
