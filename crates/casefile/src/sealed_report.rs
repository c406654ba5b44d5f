//! Sealed reports: each report's content is one complete age file (age-encryption.org/v1)
//! encrypted to every case-team X25519 public key.
//!
//! age does exactly what the design asks and nothing more: its file key is a fresh random
//! 128-bit data key per report, the payload is ChaCha20-Poly1305 in age's STREAM construction
//! (an AEAD, so a changed byte fails to decrypt rather than decrypting to something else), and
//! the header wraps the file key to each recipient. Because every stored ciphertext is a
//! standard age file, a sealed export copies them out unopened and the `age` command-line tool
//! decrypts them with a team identity; shieldcheck holds no private key to lose.
//!
//! What is sealed is the report as JSON without `ref` and `source`, which stay in the clear
//! beside it (the contract: "everything except `ref`, `source` and `submitted_at` is report
//! content and is stored encrypted"). The exact `submitted_at` stays inside the ciphertext as
//! well: only its hour is kept in the clear, yet an export gives back the time a report came
//! with, so that an import followed by an export returns the same JSON.

use std::fmt;
use std::io::{Read as _, Write as _};
use std::str::FromStr as _;

use age::secrecy::ExposeSecret as _;
use serde::Serialize;
use sha2::{Digest as _, Sha256};
use shieldcheck_report::attachment::CheckedAttachment;
use shieldcheck_report::{Hour, MAX_REPORT_BYTES, Report, Source, UnixTime};

use crate::Sealed;
use crate::team_recipient::TeamRecipientKey;

/// Why a report could not be sealed or opened, or a key not read. Messages never contain
/// report content or key material.
#[derive(Debug, thiserror::Error)]
pub enum SealError {
    #[error("no case-team key is registered: reports cannot be sealed to anyone")]
    NoRecipients,
    #[error("not an age X25519 public key (age1…): {0}")]
    InvalidRecipient(&'static str),
    #[error("not an age identity file: line {line} is not an X25519 secret key (AGE-SECRET-KEY-1…)")]
    InvalidIdentity { line: usize },
    #[error("the identity file holds no key")]
    EmptyIdentity,
    #[error("could not encrypt the report: {0}")]
    Encrypt(String),
    #[error("this identity cannot open the report (it was sealed to other keys)")]
    NoMatchingKey,
    #[error("the sealed report is damaged or was altered")]
    Damaged,
    #[error("the sealed report decrypted but is not a report: {0}")]
    NotAReport(String),
}

/// One case-team public key as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRecipient {
    /// The age X25519 recipient, `age1…`.
    pub recipient: String,
    pub label: Option<String>,
    /// Unix time it was added.
    pub added_at: i64,
}

/// Checks that `text` is an age X25519 recipient and returns its canonical spelling.
pub fn parse_recipient(text: &str) -> Result<String, SealError> {
    let recipient = age::x25519::Recipient::from_str(text.trim()).map_err(SealError::InvalidRecipient)?;
    Ok(recipient.to_string())
}

/// The set of team keys reports are sealed to, and its key id.
#[derive(Clone)]
pub struct TeamKeys {
    /// Shared: each key carries a precomputed table (about 30 KB) built once.
    recipients: std::sync::Arc<[TeamRecipientKey]>,
    key_id: String,
}

impl fmt::Debug for TeamKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TeamKeys").field("key_id", &self.key_id).field("recipients", &self.recipients.len()).finish()
    }
}

impl TeamKeys {
    /// The keys of `recipients` (`age1…` strings, in any order, repeats ignored).
    pub fn new<S: AsRef<str>>(recipients: &[S]) -> Result<TeamKeys, SealError> {
        let mut canonical = recipients.iter().map(|r| parse_recipient(r.as_ref())).collect::<Result<Vec<_>, _>>()?;
        canonical.sort();
        canonical.dedup();
        if canonical.is_empty() {
            return Err(SealError::NoRecipients);
        }
        let key_id = key_id(&canonical);
        let recipients = canonical
            .iter()
            .map(|r| {
                age::x25519::Recipient::from_str(r).map(TeamRecipientKey::new).map_err(SealError::InvalidRecipient)
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(TeamKeys { recipients: recipients.into(), key_id })
    }

    /// The keys of the stored team recipients.
    pub fn from_records(records: &[TeamRecipient]) -> Result<TeamKeys, SealError> {
        let texts: Vec<&str> = records.iter().map(|r| r.recipient.as_str()).collect();
        TeamKeys::new(&texts)
    }

    /// `team-` and the first 16 hex digits of SHA-256 over the sorted recipients, one per
    /// line: the same set of keys always has the same id, and a new set (a key added or
    /// retired) a new one, so each ciphertext says which keys can open it.
    pub fn key_id(&self) -> &str {
        &self.key_id
    }

    /// Seals the content of `report` (everything but `ref` and `source`) as one age file
    /// with a fresh random data key.
    pub fn seal(&self, report: &Report) -> Result<Sealed, SealError> {
        let content = Report { reference: None, source: None, ..report.clone() };
        self.seal_bytes(content.to_json_line().as_bytes())
    }

    /// Seals any bytes (a photo) as one age file with a fresh random data key.
    pub fn seal_bytes(&self, plaintext: &[u8]) -> Result<Sealed, SealError> {
        self.seal_bytes_also_to(plaintext, None)
    }

    /// Seals bytes to the team keys and, when given, one more recipient (a reporter's key).
    pub(crate) fn seal_bytes_also_to(
        &self,
        plaintext: &[u8],
        also: Option<&age::x25519::Recipient>,
    ) -> Result<Sealed, SealError> {
        let team = self.recipients.iter().map(|r| r as &dyn age::Recipient);
        let encryptor = age::Encryptor::with_recipients(team.chain(also.map(|r| r as &dyn age::Recipient)))
            .map_err(|e| SealError::Encrypt(e.to_string()))?;
        let mut sealed = Vec::with_capacity(plaintext.len() + 64 + 128 * (self.recipients.len() + 1));
        let mut writer = encryptor.wrap_output(&mut sealed).map_err(|e| SealError::Encrypt(e.to_string()))?;
        writer.write_all(plaintext).map_err(|e| SealError::Encrypt(e.to_string()))?;
        writer.finish().map_err(|e| SealError::Encrypt(e.to_string()))?;
        Ok(Sealed(sealed))
    }
}

fn key_id(sorted: &[String]) -> String {
    let mut hasher = Sha256::new();
    for recipient in sorted {
        hasher.update(recipient.as_bytes());
        hasher.update(b"\n");
    }
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("team-{hex}")
}

/// A case-team identity (age X25519 secret keys), read from an identity file in the format
/// `age-keygen` writes. It never enters the database; `Debug` shows only public keys.
#[derive(Clone)]
pub struct TeamIdentity {
    pub(crate) identities: Vec<age::x25519::Identity>,
}

impl fmt::Debug for TeamIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TeamIdentity").field("public_keys", &self.public_keys()).finish()
    }
}

impl TeamIdentity {
    /// A new random identity.
    pub fn generate() -> TeamIdentity {
        TeamIdentity { identities: vec![age::x25519::Identity::generate()] }
    }

    /// Reads an identity file: `#` comments, blank lines, and one `AGE-SECRET-KEY-1…` per line.
    pub fn from_file_text(text: &str) -> Result<TeamIdentity, SealError> {
        let mut identities = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let identity =
                age::x25519::Identity::from_str(line).map_err(|_| SealError::InvalidIdentity { line: i + 1 })?;
            identities.push(identity);
        }
        if identities.is_empty() {
            return Err(SealError::EmptyIdentity);
        }
        Ok(TeamIdentity { identities })
    }

    /// The public keys (`age1…`) of this identity's secret keys.
    pub fn public_keys(&self) -> Vec<String> {
        self.identities.iter().map(|i| i.to_public().to_string()).collect()
    }

    /// The identity file as `age-keygen` writes it: when it was created (`created` is an
    /// RFC 3339 time), the public key, then the secret key. The caller writes it with
    /// owner-only permissions.
    pub fn to_file_text(&self, created: &str) -> age::secrecy::SecretString {
        let mut text = String::new();
        for identity in &self.identities {
            text.push_str(&format!("# created: {created}\n# public key: {}\n", identity.to_public()));
            text.push_str(identity.to_string().expose_secret());
            text.push('\n');
        }
        age::secrecy::SecretString::from(text)
    }

    /// Decrypts a sealed report's content: the report without `ref` and `source`.
    pub fn open(&self, sealed: &[u8]) -> Result<Report, SealError> {
        let decryptor = age::Decryptor::new(sealed).map_err(|_| SealError::Damaged)?;
        let mut reader =
            decryptor.decrypt(self.identities.iter().map(|i| i as &dyn age::Identity)).map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => SealError::NoMatchingKey,
                _ => SealError::Damaged,
            })?;
        let mut plaintext = Vec::with_capacity(sealed.len());
        // A sealed report was at most MAX_REPORT_BYTES of JSON; never read more than that.
        let limit = u64::try_from(MAX_REPORT_BYTES).unwrap_or(u64::MAX) + 1;
        reader.by_ref().take(limit).read_to_end(&mut plaintext).map_err(|_| SealError::Damaged)?;
        if plaintext.len() > MAX_REPORT_BYTES {
            return Err(SealError::NotAReport("larger than any report".into()));
        }
        // Read without validating again: a report accepted once is never lost to a rule
        // added later.
        serde_json::from_slice(&plaintext)
            .map_err(|e| SealError::NotAReport(format!("{:?}", e.classify()).to_lowercase()))
    }

    /// Decrypts a sealed attachment (a photo), reading at most `limit` bytes of plaintext.
    pub fn open_bytes(&self, sealed: &[u8], limit: usize) -> Result<Vec<u8>, SealError> {
        let decryptor = age::Decryptor::new(sealed).map_err(|_| SealError::Damaged)?;
        let mut reader =
            decryptor.decrypt(self.identities.iter().map(|i| i as &dyn age::Identity)).map_err(|e| match e {
                age::DecryptError::NoMatchingKeys => SealError::NoMatchingKey,
                _ => SealError::Damaged,
            })?;
        let mut plaintext = Vec::with_capacity(sealed.len());
        let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        reader.by_ref().take(cap).read_to_end(&mut plaintext).map_err(|_| SealError::Damaged)?;
        if plaintext.len() > limit {
            return Err(SealError::Damaged);
        }
        Ok(plaintext)
    }

    /// The whole report back: the sealed content with `ref` and `source` restored.
    pub fn open_report(&self, stored: &SealedReport) -> Result<Report, SealError> {
        let mut report = self.open(&stored.ciphertext)?;
        report.reference = stored.reference.clone();
        report.source = Some(stored.source);
        Ok(report)
    }
}

shieldcheck_nypd::str_enum! {
    /// Where a report stands with the case team.
    pub enum ReportStatus {
        /// Received, not yet looked at.
        New = "new",
        /// Being worked on by the case team.
        Open = "open",
        /// Done; what retention rules eventually purge.
        Closed = "closed",
    }
}

/// The stored receipt of a report: a keyed index to find it and an Argon2id hash to check it.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptRecord {
    pub index: [u8; 32],
    /// The verifier: a PHC string (receipts stored before follow-up messages), or the split
    /// Argon2id record of `receipt::ReceiptKey::record`.
    pub hash: String,
    /// The reporter's age public key derived from the receipt, which team replies are sealed
    /// to; `None` for receipts stored without one.
    pub reporter_recipient: Option<String>,
}

impl fmt::Debug for ReceiptRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReceiptRecord { .. }")
    }
}

/// A report to store: the clear metadata and the sealed content.
#[derive(Clone, PartialEq, Eq)]
pub struct NewReport {
    pub source: Source,
    pub reference: Option<String>,
    /// The submission hour.
    pub submitted_hour: Hour,
    pub key_id: String,
    /// One age file.
    pub ciphertext: Sealed,
    /// Reports from the web and the API have a receipt; imported ones do not.
    pub receipt: Option<ReceiptRecord>,
    /// Sealed photos, stored in the same transaction as the report (all or none).
    pub attachments: Vec<NewAttachment>,
}

impl fmt::Debug for NewReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewReport")
            .field("source", &self.source)
            .field("submitted_hour", &self.submitted_hour)
            .field("key_id", &self.key_id)
            .field("ciphertext", &self.ciphertext)
            .field("attachments", &self.attachments.len())
            .finish_non_exhaustive()
    }
}

impl NewReport {
    /// Seals `report` to `keys`: its source (`default_source` when it names none), ref and
    /// submission hour in the clear, the rest sealed. `now` is used for the hour when the
    /// report carries no `submitted_at`.
    pub fn seal(
        report: &Report,
        keys: &TeamKeys,
        default_source: Source,
        now: UnixTime,
        receipt: Option<ReceiptRecord>,
    ) -> Result<NewReport, SealError> {
        let at = report.submitted_at.as_deref().and_then(UnixTime::parse).unwrap_or(now);
        Ok(NewReport {
            source: report.source.unwrap_or(default_source),
            reference: report.reference.clone(),
            submitted_hour: Hour::of(at),
            key_id: keys.key_id().to_owned(),
            ciphertext: keys.seal(report)?,
            receipt,
            attachments: Vec::new(),
        })
    }

    /// Seals each checked photo twice to `keys` (the report's keys): the original and the
    /// stripped copy, numbered from 1 in the order given.
    pub fn seal_attachments(&mut self, keys: &TeamKeys, photos: &[CheckedAttachment]) -> Result<(), SealError> {
        for (i, photo) in photos.iter().enumerate() {
            let position = u32::try_from(i + 1).unwrap_or(u32::MAX);
            for (variant, bytes) in
                [(AttachmentVariant::Original, &photo.original), (AttachmentVariant::Stripped, &photo.stripped)]
            {
                self.attachments.push(NewAttachment { position, variant, ciphertext: keys.seal_bytes(bytes)? });
            }
        }
        Ok(())
    }
}

shieldcheck_nypd::str_enum! {
    /// Which of a photo's two sealed files: the original as received (evidence) or the copy
    /// without metadata (what analysts view).
    pub enum AttachmentVariant {
        Original = "original",
        Stripped = "stripped",
    }
}

/// One sealed photo file to store with its report (under the report's key id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttachment {
    /// The photo's place in the report, from 1.
    pub position: u32,
    pub variant: AttachmentVariant,
    /// One age file.
    pub ciphertext: Sealed,
}

/// A stored sealed photo file, as export reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealedAttachment {
    pub report_id: i64,
    pub position: u32,
    pub variant: AttachmentVariant,
    pub key_id: String,
    pub ciphertext: Sealed,
}

/// The result of storing a report: its id, and whether it is new (`false` when a report with
/// the same source and ref was already stored; nothing was written then).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Inserted {
    pub id: i64,
    pub created: bool,
}

/// A stored report as export reads it.
#[derive(Clone, PartialEq, Eq)]
pub struct SealedReport {
    pub id: i64,
    pub source: Source,
    pub reference: Option<String>,
    pub submitted_hour: Hour,
    pub status: ReportStatus,
    pub key_id: String,
    pub ciphertext: Sealed,
}

impl fmt::Debug for SealedReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealedReport")
            .field("id", &self.id)
            .field("source", &self.source)
            .field("submitted_hour", &self.submitted_hour)
            .field("status", &self.status)
            .field("key_id", &self.key_id)
            .field("ciphertext", &self.ciphertext)
            .finish_non_exhaustive()
    }
}

/// A report found by its receipt index: what follow-up needs, and the hash to check.
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptMatch {
    pub report: SealedReport,
    pub receipt_hash: String,
}

impl fmt::Debug for ReceiptMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReceiptMatch").field("report", &self.report).finish_non_exhaustive()
    }
}

/// One row of the audit trail, as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub at: UnixTime,
    /// Who did it (for the command line, `cli:` and the operating-system user).
    pub actor: String,
    /// What was done: `reports.export`, `reports.export_sealed`.
    pub action: String,
    /// A JSON object saying what exactly (how many reports, to where, with which key).
    pub detail: String,
}

/// An audit row as stored, with its place in the hash chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    pub event: AuditEvent,
    pub prev_hash: Vec<u8>,
    pub hash: Vec<u8>,
}

/// The hash chaining an audit row to the one before it (32 zero bytes before the first).
pub fn audit_hash(prev_hash: &[u8], event: &AuditEvent) -> Vec<u8> {
    let mut hasher = blake3::Hasher::new_derive_key("shieldcheck audit_events v1");
    for part in
        [prev_hash, event.at.as_secs().to_be_bytes().as_slice(), event.actor.as_bytes(), event.action.as_bytes()]
    {
        hasher.update(&(part.len() as u64).to_be_bytes());
        hasher.update(part);
    }
    hasher.update(&(event.detail.len() as u64).to_be_bytes());
    hasher.update(event.detail.as_bytes());
    hasher.finalize().as_bytes().to_vec()
}

/// Checks that each row's hash covers it and the row before it.
pub fn audit_chain_intact(records: &[AuditRecord]) -> bool {
    let mut prev = vec![0u8; 32];
    records.iter().all(|r| {
        let ok = r.prev_hash == prev && r.hash == audit_hash(&prev, &r.event);
        prev.clone_from(&r.hash);
        ok
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn report() -> Report {
        Report::from_json(
            br#"{"ref":"p-1","source":"partner","submitted_at":"2026-03-14T09:02:11-04:00","narrative":"Tocaron a las 6:40","reporter":{"contact":"+1 917 555 0100"}}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_sealed_report_opens_with_any_team_key_and_only_those() {
        let (a, b, stranger) = (TeamIdentity::generate(), TeamIdentity::generate(), TeamIdentity::generate());
        let keys = TeamKeys::new(&[a.public_keys()[0].clone(), b.public_keys()[0].clone()]).unwrap();
        let sealed = keys.seal(&report()).unwrap();
        assert!(sealed.starts_with(b"age-encryption.org/v1\n"), "a standard age file");
        let text = String::from_utf8_lossy(&sealed);
        for secret in ["Tocaron", "917", "p-1", "partner"] {
            assert!(!text.contains(secret), "{secret} in the clear");
        }
        for identity in [&a, &b] {
            let opened = identity.open(&sealed).unwrap();
            assert_eq!(opened, Report { reference: None, source: None, ..report() });
        }
        assert!(matches!(stranger.open(&sealed), Err(SealError::NoMatchingKey)));
    }

    #[test]
    fn each_report_has_its_own_data_key() {
        let a = TeamIdentity::generate();
        let keys = TeamKeys::new(&a.public_keys()).unwrap();
        assert_ne!(keys.seal(&report()).unwrap(), keys.seal(&report()).unwrap());
    }

    #[test]
    fn a_changed_byte_fails_to_open() {
        let a = TeamIdentity::generate();
        let keys = TeamKeys::new(&a.public_keys()).unwrap();
        let sealed = keys.seal(&report()).unwrap();
        for at in [sealed.len() - 1, sealed.len() - 20, 30] {
            let mut bad = sealed.clone().into_bytes();
            bad[at] ^= 1;
            assert!(a.open(&bad).is_err(), "flip at {at}");
        }
        assert!(matches!(a.open(&sealed[..sealed.len() - 1]), Err(SealError::Damaged)), "cut off");
        assert!(matches!(a.open(b"not age"), Err(SealError::Damaged)));
    }

    #[test]
    fn key_ids_name_the_set_of_keys() {
        let (a, b) =
            (TeamIdentity::generate().public_keys()[0].clone(), TeamIdentity::generate().public_keys()[0].clone());
        let ab = TeamKeys::new(&[a.clone(), b.clone()]).unwrap();
        let ba = TeamKeys::new(&[b.clone(), a.clone(), b.clone()]).unwrap();
        assert_eq!(ab.key_id(), ba.key_id());
        assert_ne!(ab.key_id(), TeamKeys::new(&[a]).unwrap().key_id());
        assert!(ab.key_id().starts_with("team-") && ab.key_id().len() == 21);
        assert!(matches!(TeamKeys::new::<String>(&[]), Err(SealError::NoRecipients)));
        assert!(matches!(TeamKeys::new(&["age1nope"]), Err(SealError::InvalidRecipient(_))));
        assert!(parse_recipient("ssh-ed25519 AAAA").is_err());
    }

    #[test]
    fn identity_files_read_back_and_hide_secrets() {
        let identity = TeamIdentity::generate();
        let text = identity.to_file_text("2026-03-14T09:00:00Z");
        let text = text.expose_secret();
        assert!(text.starts_with("# created: 2026-03-14T09:00:00Z\n# public key: age1"));
        let back = TeamIdentity::from_file_text(text).unwrap();
        assert_eq!(back.public_keys(), identity.public_keys());
        assert!(!format!("{back:?}").contains("AGE-SECRET-KEY"));
        assert!(matches!(TeamIdentity::from_file_text("# only a comment\n"), Err(SealError::EmptyIdentity)));
        assert!(matches!(
            TeamIdentity::from_file_text("# c\nage1notasecret\n"),
            Err(SealError::InvalidIdentity { line: 2 })
        ));
    }

    #[test]
    fn the_submission_hour_is_all_that_stays_in_the_clear() {
        let a = TeamIdentity::generate();
        let keys = TeamKeys::new(&a.public_keys()).unwrap();
        let new = NewReport::seal(&report(), &keys, Source::Import, UnixTime::EPOCH, None).unwrap();
        // 2026-03-14T13:02:11Z, truncated.
        assert_eq!(new.submitted_hour.get() % 3_600, 0);
        assert_eq!(new.submitted_hour.to_string(), "2026-03-14T13:00:00Z");
        assert_eq!((new.source, new.reference.as_deref()), (Source::Partner, Some("p-1")));
        let stored = SealedReport {
            id: 1,
            source: new.source,
            reference: new.reference.clone(),
            submitted_hour: new.submitted_hour,
            status: ReportStatus::New,
            key_id: new.key_id.clone(),
            ciphertext: new.ciphertext.clone(),
        };
        assert_eq!(a.open_report(&stored).unwrap(), report());
        assert!(!format!("{new:?}{stored:?}").contains("Tocaron"));
        let bare = Report { source: None, submitted_at: None, ..report() };
        let new = NewReport::seal(&bare, &keys, Source::Import, UnixTime::from_secs(7_300), None).unwrap();
        assert_eq!((new.source, new.submitted_hour.get()), (Source::Import, 7_200));
    }

    #[test]
    fn the_audit_chain_shows_a_changed_row() {
        let event = |n: i64| AuditEvent {
            at: UnixTime::from_secs(n),
            actor: "cli:x".into(),
            action: "reports.export".into(),
            detail: "{}".into(),
        };
        let mut records = Vec::new();
        let mut prev = vec![0u8; 32];
        for id in 1..=3 {
            let hash = audit_hash(&prev, &event(id));
            records.push(AuditRecord { id, event: event(id), prev_hash: prev.clone(), hash: hash.clone() });
            prev = hash;
        }
        assert!(audit_chain_intact(&records));
        records[1].event.detail = r#"{"reports":0}"#.into();
        assert!(!audit_chain_intact(&records));
        records.remove(1);
        assert!(!audit_chain_intact(&records));
    }
}
