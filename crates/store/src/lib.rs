//! shieldcheck's storage: one [`Store`] trait, with an SQLite and a PostgreSQL
//! implementation chosen at run time from the database URL. This crate owns all SQL; each
//! backend has its own migrations (`migrations/sqlite`, `migrations/postgres`), run on open.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use async_trait::async_trait;
use serde::Serialize;
use shieldcheck_claim::roster::{MemberStatus, RosterMember};
use shieldcheck_nypd::rank::{Rank, ShieldSeries};
use shieldcheck_report::{Hour, UnixTime};

use shieldcheck_casefile::Sealed;
use shieldcheck_casefile::followup::{
    Author, EntryKind, NewEntry, PurgeCounts, PurgeRule, ReportAccess, ReportState, SealedEntry,
};
use shieldcheck_casefile::sealed_report::{
    AttachmentVariant, AuditEvent, AuditRecord, Inserted, NewReport, ReceiptMatch, ReportStatus, SealedAttachment,
    SealedReport, TeamRecipient,
};

mod common;
mod postgres;
mod sqlite;

pub mod testing;

pub use postgres::PostgresStore;
pub use sqlite::SqliteStore;

/// The default database when none is configured: an SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://shieldcheck-data/shieldcheck.db";

/// Which database a store talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// How a store's connection pool is sized.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    pub max_connections: u32,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions { max_connections: 8 }
    }
}

/// What went wrong in storage. Messages never contain a database URL (it may hold a password)
/// or roster data.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("unsupported database URL: expected sqlite://PATH or postgres://…, got scheme {0:?}")]
    UnsupportedUrl(String),
    #[error("could not prepare the database location: {0}")]
    Location(#[source] std::io::Error),
    #[error("could not connect to the database: {0}")]
    Connect(#[source] sqlx::Error),
    #[error("could not migrate the database: {0}")]
    Migrate(#[source] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    #[error("the database holds a value this version cannot read in {column}")]
    Corrupt { column: &'static str },
}

/// The state of the stored roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RosterSummary {
    pub members: u64,
    /// Unix time of the last import, if any.
    pub imported_at: Option<i64>,
    /// Digest of the last imported file, if any.
    pub source_digest: Option<String>,
}

/// How durably a commit is made, as the database itself reports it (not as configured): what
/// "a report is acknowledged only once it is durably stored" rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Durability {
    /// SQLite `PRAGMA journal_mode` (`wal`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub journal_mode: Option<String>,
    /// SQLite `PRAGMA synchronous` by name (`full`: the WAL is synced at every commit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synchronous: Option<String>,
    /// PostgreSQL `synchronous_commit` (`on`: a commit returns once its WAL is flushed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synchronous_commit: Option<String>,
    /// PostgreSQL `fsync` (`on`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fsync: Option<String>,
    /// How many pooled connections were asked at once, and whether they all said the same.
    pub connections_checked: u32,
    pub consistent: bool,
}

/// Everything shieldcheck keeps. Implementations share no state but the database, so several
/// server instances can use one PostgreSQL.
#[async_trait]
pub trait Store: Send + Sync + fmt::Debug {
    fn backend(&self) -> Backend;

    /// Answers when the database can be reached.
    async fn ping(&self) -> Result<(), StoreError>;

    /// The durability settings every pooled connection runs with, read from the database.
    async fn durability(&self) -> Result<Durability, StoreError>;

    /// Replaces the whole roster in one transaction: afterwards the roster is exactly
    /// `members`, or, on any error, exactly what it was before.
    async fn replace_roster(&self, members: &[RosterMember], source_digest: &str) -> Result<RosterSummary, StoreError>;

    /// Every member, ordered by member id.
    async fn roster(&self) -> Result<Vec<RosterMember>, StoreError>;

    async fn roster_summary(&self) -> Result<RosterSummary, StoreError>;

    /// The members holding shield `number` in any of `series` (at most one per series).
    async fn members_by_shield(&self, series: &[ShieldSeries], number: &str) -> Result<Vec<RosterMember>, StoreError>;

    /// The member with this tax registry number, if any.
    async fn member_by_tax_registry(&self, number: &str) -> Result<Option<RosterMember>, StoreError>;

    /// The member with this member id, if any.
    async fn member(&self, member_id: &str) -> Result<Option<RosterMember>, StoreError>;

    /// Adds an issuer key; a key id already present is an error.
    async fn add_issuer_key(&self, key: &IssuerKeyRecord) -> Result<(), StoreError>;

    /// Every issuer key, oldest first.
    async fn issuer_keys(&self) -> Result<Vec<IssuerKeyRecord>, StoreError>;

    /// Marks every key but `kid` retired at `at` (those already retired keep their time).
    async fn retire_issuer_keys_except(&self, kid: &str, at: i64) -> Result<(), StoreError>;

    /// Records an issued credential. `false` when its status index is taken (draw another).
    async fn add_credential(&self, credential: &CredentialRecord) -> Result<bool, StoreError>;

    /// Sets the status of a member's credentials that have not expired at `now`; returns how
    /// many changed.
    async fn set_credential_status(
        &self,
        member_id: &str,
        status: CredentialStatus,
        now: i64,
    ) -> Result<u64, StoreError>;

    /// The status index and status of every credential not expired at `now` whose status is
    /// not `valid` (what the status list must show).
    async fn credential_statuses(&self, now: i64) -> Result<Vec<(u64, CredentialStatus)>, StoreError>;

    /// For each issuer key, the latest expiry of a credential it signed.
    async fn latest_expiry_by_key(&self) -> Result<Vec<(String, i64)>, StoreError>;

    /// Stores a newly signed status list token for `list_uri`.
    async fn put_status_list_token(&self, list_uri: &str, issued_at: i64, token: &[u8]) -> Result<(), StoreError>;

    /// The latest signed status list token for `list_uri` and when it was issued.
    async fn latest_status_list_token(&self, list_uri: &str) -> Result<Option<(i64, Vec<u8>)>, StoreError>;

    /// Records a one-time enrolment code (by its hash) for a member, usable until `expires_at`.
    async fn add_enrolment_code(
        &self,
        code_hash: &[u8],
        member_id: &str,
        created_at: i64,
        expires_at: i64,
    ) -> Result<(), StoreError>;

    /// Uses up an enrolment code: the member it was made for, once, if it has not expired at
    /// `now`. Unknown, used and expired codes all answer `None`.
    async fn take_enrolment_code(&self, code_hash: &[u8], now: i64) -> Result<Option<String>, StoreError>;

    /// Where a secret kept beside the database belongs (the receipt index key): a file next to
    /// the SQLite database; `None` for PostgreSQL, whose servers take it from their settings.
    fn sidecar_key_path(&self) -> Option<PathBuf>;

    /// Registers a case-team public key (`age1…`, already checked); `false` when it was
    /// registered before (nothing changes then).
    async fn add_team_recipient(&self, recipient: &TeamRecipient) -> Result<bool, StoreError>;

    /// The case-team public keys reports are sealed to, oldest first.
    async fn team_recipients(&self) -> Result<Vec<TeamRecipient>, StoreError>;

    /// Stores one sealed report, committed durably before this returns. Idempotent on
    /// (source, ref): when that pair is already stored, nothing is written and the existing
    /// id comes back with `created: false`. Reports without a ref are always new.
    async fn insert_report(&self, report: &NewReport) -> Result<Inserted, StoreError>;

    /// Stores many sealed reports in one transaction (bulk import; callers send a few
    /// thousand at a time): one answer per report, in order, as [`Store::insert_report`]
    /// would give. On error nothing of the batch is stored.
    async fn insert_reports(&self, reports: &[NewReport]) -> Result<Vec<Inserted>, StoreError>;

    /// The report whose receipt has this keyed index, with its receipt hash to verify.
    async fn report_by_receipt_index(&self, index: &[u8; 32]) -> Result<Option<ReceiptMatch>, StoreError>;

    /// Up to `limit` sealed reports with an id above `after_id`, by id: export pages through
    /// any number of reports this way in constant memory.
    async fn sealed_reports_after(&self, after_id: i64, limit: u32) -> Result<Vec<SealedReport>, StoreError>;

    /// How many reports are stored.
    async fn report_count(&self) -> Result<u64, StoreError>;

    /// How many stored reports carry a receipt (those submitted on the web), whose index was
    /// made with the receipt key.
    async fn receipt_count(&self) -> Result<u64, StoreError>;

    /// The sealed photo files of the reports with ids in `first..=last`, of `variant` (both
    /// when `None`), by report id, position and variant: export reads them a page of reports
    /// at a time.
    async fn sealed_attachments(
        &self,
        first: i64,
        last: i64,
        variant: Option<AttachmentVariant>,
    ) -> Result<Vec<SealedAttachment>, StoreError>;

    /// How many photos (not files: each photo has two) are stored.
    async fn attachment_count(&self) -> Result<u64, StoreError>;

    /// Appends an event to the audit trail, chained by hash to the event before it.
    async fn append_audit_event(&self, event: &AuditEvent) -> Result<AuditRecord, StoreError>;

    /// The whole audit trail, oldest first.
    async fn audit_events(&self) -> Result<Vec<AuditRecord>, StoreError>;

    /// The sealed report with this id.
    async fn report_by_id(&self, id: i64) -> Result<Option<SealedReport>, StoreError>;

    /// The follow-up state of the report with this id.
    async fn report_state(&self, id: i64) -> Result<Option<ReportState>, StoreError>;

    /// The states of the reports whose `ref` is `reference` (from any source).
    async fn report_states_by_ref(&self, reference: &str) -> Result<Vec<ReportState>, StoreError>;

    /// Up to `limit` report states with an id above `after_id`, by id, optionally of one status.
    async fn report_states_after(
        &self,
        after_id: i64,
        limit: u32,
        status: Option<ReportStatus>,
    ) -> Result<Vec<ReportState>, StoreError>;

    /// Stores an entry, committed durably before this returns; a reporter's entry also sets
    /// the report's reporter activity hour (which defers its purge). `None` when the report
    /// does not exist (any more) or already holds `max_entries` entries.
    async fn add_report_entry(&self, entry: &NewEntry, max_entries: u64) -> Result<Option<i64>, StoreError>;

    /// A report's entries, oldest first.
    async fn report_entries(&self, report_id: i64) -> Result<Vec<SealedEntry>, StoreError>;

    /// Sets a report's status (and the hour it changed) and appends `event` to the audit trail,
    /// in one transaction. The previous status, or `None` when there is no such report (then
    /// nothing is written).
    async fn set_report_status(
        &self,
        id: i64,
        status: ReportStatus,
        hour: Hour,
        event: &AuditEvent,
    ) -> Result<Option<ReportStatus>, StoreError>;

    /// Counts an access to one report (or, with `None`, to every report with an id up to
    /// `up_to_id`: a decrypted export) and appends `event`, in one transaction. How many
    /// reports were counted; with none, nothing is written.
    async fn record_report_access(
        &self,
        report: Option<i64>,
        up_to_id: i64,
        access: ReportAccess,
        event: &AuditEvent,
    ) -> Result<u64, StoreError>;

    /// Deletes the reports `rules` select, with their entries, and, when any was deleted,
    /// appends `event` with the counts added to its detail, in one transaction. Dry, it only
    /// counts. Deleted content is not left readable in the database files (SQLite overwrites
    /// freed pages and truncates its WAL afterwards).
    async fn purge_reports(
        &self,
        rules: &[PurgeRule],
        dry_run: bool,
        event: &AuditEvent,
    ) -> Result<PurgeCounts, StoreError>;
}

/// A report state row as both backends store it.
#[derive(sqlx::FromRow)]
struct ReportStateRow {
    id: i64,
    source: String,
    #[sqlx(rename = "ref")]
    reference: Option<String>,
    submitted_hour: i64,
    status: String,
    updated_hour: i64,
    reporter_recipient: Option<String>,
    opened_count: i64,
    disclosed_count: i64,
    reporter_activity_hour: Option<i64>,
    entries: i64,
}

impl ReportStateRow {
    fn into_state(self) -> Result<ReportState, StoreError> {
        Ok(ReportState {
            id: self.id,
            source: shieldcheck_report::Source::parse(&self.source)
                .ok_or(StoreError::Corrupt { column: "reports.source" })?,
            reference: self.reference,
            submitted_hour: stored_hour(self.submitted_hour, "reports.submitted_hour")?,
            status: ReportStatus::parse(&self.status).ok_or(StoreError::Corrupt { column: "reports.status" })?,
            status_hour: stored_hour(self.updated_hour, "reports.updated_hour")?,
            reporter_recipient: self.reporter_recipient,
            opened: count(self.opened_count),
            disclosed: count(self.disclosed_count),
            reporter_activity_hour: self
                .reporter_activity_hour
                .map(|h| stored_hour(h, "reports.reporter_activity_hour"))
                .transpose()?,
            entries: count(self.entries),
        })
    }
}

/// The columns selected for a [`ReportStateRow`] from `reports r`.
macro_rules! state_columns {
    () => {
        "r.id, r.source, r.ref, r.submitted_hour, r.status, r.updated_hour, r.reporter_recipient, r.opened_count, \
         r.disclosed_count, r.reporter_activity_hour, \
         (SELECT COUNT(*) FROM report_entries e WHERE e.report_id = r.id) AS entries"
    };
}
pub(crate) use state_columns;

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    report_id: i64,
    author: String,
    kind: String,
    created_hour: i64,
    key_id: String,
    ciphertext: Vec<u8>,
}

impl EntryRow {
    fn into_entry(self) -> Result<SealedEntry, StoreError> {
        Ok(SealedEntry {
            id: self.id,
            report_id: self.report_id,
            author: Author::parse(&self.author).ok_or(StoreError::Corrupt { column: "report_entries.author" })?,
            kind: EntryKind::parse(&self.kind).ok_or(StoreError::Corrupt { column: "report_entries.kind" })?,
            created_hour: stored_hour(self.created_hour, "report_entries.created_hour")?,
            key_id: self.key_id,
            ciphertext: Sealed(self.ciphertext),
        })
    }
}

/// The audit detail of a purge: the event's own detail (a JSON object) with the counts added.
fn purge_detail(detail: &str, counts: &PurgeCounts) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(detail).unwrap_or_else(|_| serde_json::Value::Object(serde_json::Map::new()));
    if let Some(object) = value.as_object_mut() {
        let by_status: serde_json::Map<String, serde_json::Value> =
            counts.reports.iter().map(|(s, n)| (s.as_str().to_owned(), serde_json::Value::from(*n))).collect();
        object.insert("purged_reports".into(), serde_json::Value::Object(by_status));
        object.insert("purged_entries".into(), serde_json::Value::from(counts.entries));
    }
    value.to_string()
}

/// A report row as both backends store it.
#[derive(sqlx::FromRow)]
struct SealedReportRow {
    id: i64,
    source: String,
    #[sqlx(rename = "ref")]
    reference: Option<String>,
    submitted_hour: i64,
    status: String,
    key_id: String,
    ciphertext: Vec<u8>,
}

impl SealedReportRow {
    fn into_report(self) -> Result<SealedReport, StoreError> {
        Ok(SealedReport {
            id: self.id,
            source: shieldcheck_report::Source::parse(&self.source)
                .ok_or(StoreError::Corrupt { column: "reports.source" })?,
            reference: self.reference,
            submitted_hour: stored_hour(self.submitted_hour, "reports.submitted_hour")?,
            status: ReportStatus::parse(&self.status).ok_or(StoreError::Corrupt { column: "reports.status" })?,
            key_id: self.key_id,
            ciphertext: Sealed(self.ciphertext),
        })
    }
}

/// The columns selected for a [`SealedReportRow`].
macro_rules! report_columns {
    () => {
        "id, source, ref, submitted_hour, status, key_id, ciphertext"
    };
}
pub(crate) use report_columns;

/// An attachment row as both backends store it.
#[derive(sqlx::FromRow)]
struct AttachmentRow {
    report_id: i64,
    position: i64,
    variant: String,
    key_id: String,
    ciphertext: Vec<u8>,
}

impl AttachmentRow {
    fn into_attachment(self) -> Result<SealedAttachment, StoreError> {
        Ok(SealedAttachment {
            report_id: self.report_id,
            position: u32::try_from(self.position)
                .map_err(|_| StoreError::Corrupt { column: "report_attachments.position" })?,
            variant: AttachmentVariant::parse(&self.variant)
                .ok_or(StoreError::Corrupt { column: "report_attachments.variant" })?,
            key_id: self.key_id,
            ciphertext: Sealed(self.ciphertext),
        })
    }
}

/// The name SQLite's `PRAGMA synchronous` number stands for.
fn synchronous_name(level: i64) -> String {
    match level {
        0 => "off".into(),
        1 => "normal".into(),
        2 => "full".into(),
        3 => "extra".into(),
        n => n.to_string(),
    }
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: i64,
    at: i64,
    actor: String,
    action: String,
    detail: String,
    prev_hash: Vec<u8>,
    hash: Vec<u8>,
}

impl From<AuditRow> for AuditRecord {
    fn from(r: AuditRow) -> Self {
        AuditRecord {
            id: r.id,
            event: AuditEvent { at: UnixTime::from_secs(r.at), actor: r.actor, action: r.action, detail: r.detail },
            prev_hash: r.prev_hash,
            hash: r.hash,
        }
    }
}

/// An hour column read back: the hour it holds, or `Corrupt` when it is not the start of one.
fn stored_hour(secs: i64, column: &'static str) -> Result<Hour, StoreError> {
    Hour::from_secs(secs).ok_or(StoreError::Corrupt { column })
}

/// `u64` counts from the database's signed integers.
fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// A stored issuer key.
#[derive(Clone, PartialEq, Eq)]
pub struct IssuerKeyRecord {
    pub kid: String,
    pub public_key: Vec<u8>,
    /// `SealedSecret::to_text` of the signing key.
    pub sealed_secret: String,
    pub created_at: i64,
    pub retired_at: Option<i64>,
}

impl fmt::Debug for IssuerKeyRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IssuerKeyRecord")
            .field("kid", &self.kid)
            .field("created_at", &self.created_at)
            .field("retired_at", &self.retired_at)
            .finish_non_exhaustive()
    }
}

/// A credential's status on the status list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CredentialStatus {
    Valid,
    Revoked,
    Suspended,
}

impl CredentialStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CredentialStatus::Valid => "valid",
            CredentialStatus::Revoked => "revoked",
            CredentialStatus::Suspended => "suspended",
        }
    }

    fn parse(s: &str) -> Result<CredentialStatus, StoreError> {
        match s {
            "valid" => Ok(CredentialStatus::Valid),
            "revoked" => Ok(CredentialStatus::Revoked),
            "suspended" => Ok(CredentialStatus::Suspended),
            _ => Err(StoreError::Corrupt { column: "credentials.status" }),
        }
    }
}

/// An issued credential, as recorded (the credential bytes are not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialRecord {
    pub member_id: String,
    pub kid: String,
    pub status_index: u64,
    pub issued_at: i64,
    pub expires_at: i64,
    pub status: CredentialStatus,
}

#[derive(sqlx::FromRow)]
struct IssuerKeyRow {
    kid: String,
    public_key: Vec<u8>,
    sealed_secret: String,
    created_at: i64,
    retired_at: Option<i64>,
}

impl From<IssuerKeyRow> for IssuerKeyRecord {
    fn from(r: IssuerKeyRow) -> Self {
        IssuerKeyRecord {
            kid: r.kid,
            public_key: r.public_key,
            sealed_secret: r.sealed_secret,
            created_at: r.created_at,
            retired_at: r.retired_at,
        }
    }
}

fn statuses(rows: Vec<(i64, String)>) -> Result<Vec<(u64, CredentialStatus)>, StoreError> {
    rows.into_iter()
        .map(|(index, status)| {
            let index = u64::try_from(index).map_err(|_| StoreError::Corrupt { column: "credentials.status_index" })?;
            Ok((index, CredentialStatus::parse(&status)?))
        })
        .collect()
}

fn index_param(index: u64) -> Result<i64, StoreError> {
    i64::try_from(index).map_err(|_| StoreError::Corrupt { column: "credentials.status_index" })
}

/// Opens the store a URL names, creating an SQLite file (and its folder) when missing, and
/// runs the backend's migrations. `postgres://` and `postgresql://` select PostgreSQL;
/// `sqlite://PATH`, `sqlite:///ABSOLUTE/PATH` or a plain file path select SQLite.
pub async fn open(url: &str, options: &OpenOptions) -> Result<Arc<dyn Store>, StoreError> {
    match parse_url(url)? {
        Location::Postgres(url) => Ok(Arc::new(PostgresStore::open(url, options).await?)),
        Location::Sqlite(path) => Ok(Arc::new(SqliteStore::open(&path, options).await?)),
    }
}

enum Location<'a> {
    Postgres(&'a str),
    Sqlite(PathBuf),
}

fn parse_url(url: &str) -> Result<Location<'_>, StoreError> {
    let url = url.trim();
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Ok(Location::Postgres(url));
    }
    if let Some(rest) = url.strip_prefix("sqlite:") {
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let path = rest.split('?').next().unwrap_or(rest);
        if path.is_empty() {
            return Err(StoreError::UnsupportedUrl("sqlite (no file path)".into()));
        }
        return Ok(Location::Sqlite(PathBuf::from(path)));
    }
    match url.split_once("://") {
        Some((scheme, _)) => Err(StoreError::UnsupportedUrl(scheme.chars().take(20).collect())),
        None if !url.is_empty() => Ok(Location::Sqlite(PathBuf::from(url))),
        None => Err(StoreError::UnsupportedUrl(String::new())),
    }
}

/// A roster row as both backends store it.
#[derive(sqlx::FromRow)]
struct MemberRow {
    member_id: String,
    last_name: String,
    first_name: String,
    rank: String,
    shield_number: Option<String>,
    tax_registry_number: String,
    command_code: String,
    squad: Option<String>,
    status: String,
    photo_sha256: Option<String>,
}

impl MemberRow {
    fn into_member(self) -> Result<RosterMember, StoreError> {
        Ok(RosterMember {
            rank: Rank::parse(&self.rank).ok_or(StoreError::Corrupt { column: "rank" })?,
            status: MemberStatus::parse(&self.status).ok_or(StoreError::Corrupt { column: "status" })?,
            member_id: self.member_id,
            last_name: self.last_name,
            first_name: self.first_name,
            shield_number: self.shield_number,
            tax_registry_number: self.tax_registry_number,
            command_code: self.command_code,
            squad: self.squad,
            photo_sha256: self.photo_sha256,
        })
    }
}

/// The columns selected for a [`MemberRow`], as a literal for `concat!` (queries stay
/// `&'static str`, which sqlx accepts as safe SQL).
macro_rules! member_columns {
    () => {
        "member_id, last_name, first_name, rank, shield_number, tax_registry_number, command_code, squad, status, photo_sha256"
    };
}
pub(crate) use member_columns;

/// The roster as one JSON array of rows, for a single bulk insert on either backend.
fn roster_json(members: &[RosterMember]) -> String {
    let rows: Vec<serde_json::Value> = members
        .iter()
        .map(|m| {
            serde_json::json!([
                m.member_id,
                m.last_name,
                m.first_name,
                m.rank.as_str(),
                m.shield_number.as_ref().and(m.shield_series().map(ShieldSeries::as_str)),
                m.shield_number,
                m.tax_registry_number,
                m.command_code,
                m.squad,
                m.status.as_str(),
                m.photo_sha256,
            ])
        })
        .collect();
    serde_json::Value::Array(rows).to_string()
}

fn series_names(series: &[ShieldSeries]) -> Vec<String> {
    series.iter().map(|s| s.as_str().to_owned()).collect()
}

fn now_unix() -> UnixTime {
    UnixTime::from_secs(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
    )
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn urls_select_backends() {
        assert!(matches!(parse_url("postgres://u@h/db"), Ok(Location::Postgres(_))));
        assert!(matches!(parse_url("sqlite:///abs/x.db"), Ok(Location::Sqlite(p)) if p == Path::new("/abs/x.db")));
        assert!(matches!(parse_url("sqlite://rel/x.db"), Ok(Location::Sqlite(p)) if p == Path::new("rel/x.db")));
        assert!(matches!(parse_url("sqlite:x.db"), Ok(Location::Sqlite(p)) if p == Path::new("x.db")));
        assert!(matches!(parse_url("./x.db"), Ok(Location::Sqlite(_))));
        match parse_url("mysql://root:secret@h/db") {
            Err(e) => assert!(!e.to_string().contains("secret"), "{e}"),
            Ok(_) => panic!("mysql must be refused"),
        }
    }
}
