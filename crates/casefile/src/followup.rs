//! Follow-up after a report: what the reporter adds and the messages between reporter and case
//! team ("entries"), the state the reporter may see (status, how often the report was opened,
//! whether anything left the City), and retention.
//!
//! Every entry is one age file sealed to the case team's keys and, when the report has a
//! reporter key (derived from the receipt, `receipt::ReceiptKey::record`), to the reporter too:
//! the server can seal to both but open neither, except for the reporter's own copy while the
//! reporter presents the receipt. Only who wrote an entry, its kind and its hour are in the clear.

use std::io::Read as _;
use std::str::FromStr as _;

use serde::{Deserialize, Serialize};
use shieldcheck_report::{FieldError, Hour, MAX_NARRATIVE_CHARS, ReportError, ReportErrorCode, Source, UnixTime};

use crate::Sealed;
use crate::sealed_report::{ReportStatus, SealError, TeamIdentity, TeamKeys};

shieldcheck_nypd::str_enum! {
    /// Who wrote an entry.
    pub enum Author {
        Reporter = "reporter",
        Team = "team",
    }
}

shieldcheck_nypd::str_enum! {
    /// What an entry is: more information about the incident, or a message in the conversation.
    pub enum EntryKind {
        Addendum = "addendum",
        Message = "message",
    }
}

/// An entry to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub report_id: i64,
    pub author: Author,
    pub kind: EntryKind,
    /// The hour it was written.
    pub created_hour: Hour,
    pub key_id: String,
    /// One age file.
    pub ciphertext: Sealed,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedEntry {
    pub id: i64,
    pub report_id: i64,
    pub author: Author,
    pub kind: EntryKind,
    pub created_hour: Hour,
    pub key_id: String,
    pub ciphertext: Sealed,
}

/// A report's clear metadata and follow-up state: everything but its content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportState {
    pub id: i64,
    pub source: Source,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    pub submitted_hour: Hour,
    pub status: ReportStatus,
    /// The hour the status last changed (retention counts from it).
    pub status_hour: Hour,
    /// The reporter's age public key; `None` when replies through the receipt are impossible.
    pub reporter_recipient: Option<String>,
    /// How often the case team decrypted the report.
    pub opened: u64,
    /// How often content of the report was recorded as leaving the City.
    pub disclosed: u64,
    /// The hour of the reporter's last addendum or message.
    pub reporter_activity_hour: Option<Hour>,
    /// Entries stored (addenda and messages, both ways).
    pub entries: u64,
}

/// What the case team did with a report that the reporter is told about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportAccess {
    /// Decrypted (shown, exported).
    Opened,
    /// Content recorded as leaving the City.
    Disclosed,
}

/// The sealed content of an entry.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryContent {
    text: String,
}

/// The longest entry, in characters: as long as a report's story.
pub const MAX_ENTRY_CHARS: usize = MAX_NARRATIVE_CHARS;

/// Checks an entry's text as a report's story is checked (the same codes: `empty`, `too_long`,
/// `invalid_characters`), with `field` as the path of any error.
pub fn validate_entry_text(field: &str, text: &str) -> Result<(), ReportError> {
    let chars = text.chars().count();
    let problem = if chars > MAX_ENTRY_CHARS {
        Some((ReportErrorCode::TooLong, format!("at most {MAX_ENTRY_CHARS} characters (this has {chars})")))
    } else if text.trim().is_empty() {
        Some((ReportErrorCode::Empty, "write something first".to_owned()))
    } else if text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        Some((ReportErrorCode::InvalidCharacters, "control characters are not allowed".to_owned()))
    } else {
        None
    };
    match problem {
        None => Ok(()),
        Some((code, message)) => {
            Err(ReportError { errors: vec![FieldError { field: field.to_owned(), code, message }] })
        }
    }
}

/// Seals an entry's text to the team keys and, when given, the reporter's key (`age1…`).
pub fn seal_entry(text: &str, team: &TeamKeys, reporter: Option<&str>) -> Result<Sealed, SealError> {
    let reporter =
        reporter.map(|r| age::x25519::Recipient::from_str(r).map_err(SealError::InvalidRecipient)).transpose()?;
    let plaintext =
        serde_json::to_vec(&EntryContent { text: text.to_owned() }).map_err(|e| SealError::Encrypt(e.to_string()))?;
    team.seal_bytes_also_to(&plaintext, reporter.as_ref())
}

/// Opens an entry with any of `identities`: its text.
pub fn open_entry(sealed: &[u8], identities: &[&dyn age::Identity]) -> Result<String, SealError> {
    let decryptor = age::Decryptor::new(sealed).map_err(|_| SealError::Damaged)?;
    let mut reader = decryptor.decrypt(identities.iter().copied()).map_err(|e| match e {
        age::DecryptError::NoMatchingKeys => SealError::NoMatchingKey,
        _ => SealError::Damaged,
    })?;
    let mut plaintext = Vec::new();
    // An entry is at most MAX_ENTRY_CHARS four-byte characters, JSON-escaped.
    let limit = u64::try_from(MAX_ENTRY_CHARS * 12 + 64).unwrap_or(u64::MAX);
    reader.by_ref().take(limit).read_to_end(&mut plaintext).map_err(|_| SealError::Damaged)?;
    let content: EntryContent = serde_json::from_slice(&plaintext)
        .map_err(|e| SealError::NotAReport(format!("{:?}", e.classify()).to_lowercase()))?;
    Ok(content.text)
}

impl TeamIdentity {
    /// Opens an entry sealed to the team: its text.
    pub fn open_entry(&self, entry: &SealedEntry) -> Result<String, SealError> {
        let identities: Vec<&dyn age::Identity> = self.identities.iter().map(|i| i as &dyn age::Identity).collect();
        open_entry(&entry.ciphertext, &identities)
    }
}

/// How long reports are kept, by status, counted from the hour their status last changed; a
/// reporter's addendum or message keeps a report at least `grace_days` longer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RetentionPolicy {
    /// Days kept in each status; a status not listed is kept for ever.
    pub days: Vec<(ReportStatus, u32)>,
    pub grace_days: u32,
}

/// Which reports of one status a purge removes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PurgeRule {
    pub status: ReportStatus,
    /// Reports whose status has not changed since before this time...
    pub status_before: i64,
    /// ...and whose reporter has not written since before this time (or never).
    pub activity_before: i64,
}

impl RetentionPolicy {
    /// The rules of this policy at `now`.
    pub fn rules(&self, now: UnixTime) -> Vec<PurgeRule> {
        let now = now.as_secs();
        let days = |d: u32| i64::from(d) * 86_400;
        self.days
            .iter()
            .map(|&(status, kept)| PurgeRule {
                status,
                status_before: now - days(kept),
                activity_before: now - days(self.grace_days),
            })
            .collect()
    }
}

/// What a purge removed (or, dry, would remove), per status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PurgeCounts {
    pub reports: Vec<(ReportStatus, u64)>,
    pub entries: u64,
}

impl PurgeCounts {
    pub fn total_reports(&self) -> u64 {
        self.reports.iter().map(|(_, n)| n).sum()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn entries_open_for_the_team_and_the_reporter_only() {
        let (team, reporter, stranger) =
            (TeamIdentity::generate(), age::x25519::Identity::generate(), TeamIdentity::generate());
        let keys = TeamKeys::new(&team.public_keys()).unwrap();
        let sealed = seal_entry("Vinieron otra vez", &keys, Some(&reporter.to_public().to_string())).unwrap();
        assert!(!String::from_utf8_lossy(&sealed).contains("Vinieron"));
        let entry = SealedEntry {
            id: 1,
            report_id: 1,
            author: Author::Team,
            kind: EntryKind::Message,
            created_hour: Hour::of(UnixTime::EPOCH),
            key_id: keys.key_id().to_owned(),
            ciphertext: sealed.clone(),
        };
        assert_eq!(team.open_entry(&entry).unwrap(), "Vinieron otra vez");
        assert_eq!(open_entry(&sealed, &[&reporter]).unwrap(), "Vinieron otra vez");
        assert!(matches!(stranger.open_entry(&entry), Err(SealError::NoMatchingKey)));
        let team_only = seal_entry("x", &keys, None).unwrap();
        assert!(matches!(open_entry(&team_only, &[&reporter]), Err(SealError::NoMatchingKey)));
        assert!(seal_entry("x", &keys, Some("age1nope")).is_err());
        assert!(!format!("{entry:?}").contains("Vinieron"));
    }

    #[test]
    fn entry_text_is_checked_like_a_story() {
        assert!(validate_entry_text("text", "Volvieron el martes.\nDos hombres.").is_ok());
        let code = |t: &str| validate_entry_text("text", t).unwrap_err().code();
        assert_eq!(code("   \n"), ReportErrorCode::Empty);
        assert_eq!(code(&"ب".repeat(MAX_ENTRY_CHARS + 1)), ReportErrorCode::TooLong);
        assert!(validate_entry_text("text", &"ب".repeat(MAX_ENTRY_CHARS)).is_ok());
        assert_eq!(code("bell\u{7}"), ReportErrorCode::InvalidCharacters);
        assert_eq!(validate_entry_text("addendum", "").unwrap_err().errors[0].field, "addendum");
    }

    #[test]
    fn retention_rules_count_days_from_now() {
        let policy = RetentionPolicy { days: vec![(ReportStatus::Closed, 365)], grace_days: 30 };
        let now = 1_000 * 86_400;
        assert_eq!(
            policy.rules(UnixTime::from_secs(now)),
            vec![PurgeRule {
                status: ReportStatus::Closed,
                status_before: now - 365 * 86_400,
                activity_before: now - 30 * 86_400
            }]
        );
        assert!(RetentionPolicy { days: vec![], grace_days: 0 }.rules(UnixTime::from_secs(now)).is_empty());
    }
}
