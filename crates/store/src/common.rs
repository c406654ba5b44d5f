//! What the SQLite and PostgreSQL stores share: every [`Store`] method, written once by
//! [`store_impl`] into each backend's `impl Store`, in full where both databases read the SQL
//! alike and around a step of the backend's [`Dialect`] where they do not. It refuses SQL that
//! one database would read differently: such a query lives in its backend's file, never behind
//! a branch on the backend here.
//!
//! One query text serves both because it is written with PostgreSQL's `$1` placeholders, which
//! sqlx's SQLite driver binds by the number in the name (the test below holds it to that).
//! Where PostgreSQL must be told a parameter's type (an optional filter tested with `IS NULL`),
//! a standard `CAST` tells it in words SQLite reads the same way.
//!
//! The shared methods are stamped out once per backend by a macro, not written as functions
//! generic over the database: sqlx's bounds for binding, decoding and executing on any database
//! would outweigh the queries themselves.

use std::path::PathBuf;

use async_trait::async_trait;
use shieldcheck_casefile::sealed_report::{AuditEvent, AuditRecord, Inserted, NewReport};
use shieldcheck_claim::roster::RosterMember;
use shieldcheck_nypd::rank::ShieldSeries;
use shieldcheck_report::Hour;

#[cfg(doc)]
use crate::Store;
#[cfg(doc)]
use crate::roster_json;
use crate::{Backend, Durability, StoreError};

/// What each backend does its own way: the [`Store`] methods whose SQL differs, which the
/// shared `impl Store` hands on unchanged, and the steps inside shared methods that rest on how
/// each database locks and keeps its files.
#[async_trait]
pub(crate) trait Dialect: Send + Sync {
    /// The database sqlx talks to.
    type Db: sqlx::Database;

    /// The pool the shared queries run on.
    fn pool(&self) -> &sqlx::Pool<Self::Db>;

    /// [`Store::backend`].
    fn backend(&self) -> Backend;

    /// The durability settings one connection runs with, as the database reports them (each
    /// names them its own way), counted as one connection checked.
    async fn durability_of(conn: &mut <Self::Db as sqlx::Database>::Connection) -> Result<Durability, StoreError>;

    /// Replaces every roster row inside `tx` with `rows`, the JSON array [`roster_json`] makes:
    /// each database unpacks JSON, and keeps concurrent imports apart, its own way.
    async fn replace_members(tx: &mut sqlx::Transaction<'static, Self::Db>, rows: String) -> Result<(), StoreError>;

    /// [`Store::roster`]: each database names byte-wise ordering its own way.
    async fn roster(&self) -> Result<Vec<RosterMember>, StoreError>;

    /// [`Store::members_by_shield`]: each database takes a list parameter its own way.
    async fn members_by_shield(&self, series: &[ShieldSeries], number: &str) -> Result<Vec<RosterMember>, StoreError>;

    /// Begins the transaction a batch of reports goes in with, holding whatever lock
    /// [`Dialect::insert_rows`] needs from the start.
    async fn begin_batch(&self) -> Result<sqlx::Transaction<'static, Self::Db>, StoreError>;

    /// Inserts the rows of a batch of reports (not their photos) inside `tx`, answering as
    /// [`Store::insert_reports`] does: each database gives a batch its ids and takes many rows
    /// at once its own way.
    async fn insert_rows(
        tx: &mut sqlx::Transaction<'static, Self::Db>,
        reports: &[NewReport],
        updated_hour: Hour,
    ) -> Result<Vec<Inserted>, StoreError>;

    /// [`Store::sidecar_key_path`].
    fn sidecar_key_path(&self) -> Option<PathBuf>;

    /// Appends an event to the audit trail inside `tx`, chained to the one before it. Each
    /// database keeps a second writer from chaining to the same event its own way.
    async fn append_audit_in(
        tx: &mut sqlx::Transaction<'static, Self::Db>,
        event: &AuditEvent,
    ) -> Result<AuditRecord, StoreError>;

    /// The status of report `id`, read under a lock held until `tx` ends, so that no other
    /// change of status comes between reading it and setting the next; `None` when there is no
    /// such report.
    async fn locked_report_status(
        tx: &mut sqlx::Transaction<'static, Self::Db>,
        id: i64,
    ) -> Result<Option<String>, StoreError>;

    /// Runs once a purge that deleted reports has committed: whatever else the database must do
    /// so that the deleted content is not left readable in its files.
    async fn after_purge(&self) -> Result<(), StoreError>;
}

/// Writes `impl Store` for a backend that implements [`Dialect`]: the methods both databases
/// share in full, the others handed on to the dialect, and the shared steps of storing reports
/// (`insert_one`, `insert_attachments`) as private functions of the backend's type.
///
/// Everything sits in an unnamed constant so that the imports it needs stay out of the
/// backend's module.
macro_rules! store_impl {
    ($store:ty) => {
        const _: () = {
            use std::path::PathBuf;

            use async_trait::async_trait;
            use shieldcheck_casefile::followup::{
                Author, NewEntry, PurgeCounts, PurgeRule, ReportAccess, ReportState, SealedEntry,
            };
            use shieldcheck_casefile::sealed_report::{
                AttachmentVariant, AuditEvent, AuditRecord, Inserted, NewReport, ReceiptMatch, ReportStatus,
                SealedAttachment, SealedReport, TeamRecipient,
            };
            use shieldcheck_claim::roster::RosterMember;
            use shieldcheck_nypd::rank::ShieldSeries;
            use shieldcheck_report::Hour;

            use $crate::common::Dialect;
            use $crate::{
                AttachmentRow, AuditRow, Backend, CredentialRecord, CredentialStatus, Durability, EntryRow,
                IssuerKeyRecord, IssuerKeyRow, MemberRow, ReportStateRow, RosterSummary, SealedReportRow, Store,
                StoreError, count, index_param, member_columns, now_unix, purge_detail, report_columns, roster_json,
                state_columns, statuses,
            };

            #[async_trait]
            impl Store for $store {
                fn backend(&self) -> Backend {
                    Dialect::backend(self)
                }

                async fn ping(&self) -> Result<(), StoreError> {
                    sqlx::query("SELECT 1").execute(self.pool()).await?;
                    Ok(())
                }

                async fn durability(&self) -> Result<Durability, StoreError> {
                    // Every connection of the pool at once (each runs its own settings), not
                    // just one: all are held until the last has answered.
                    let want = self.pool().options().get_max_connections().max(1);
                    let mut conn = self.pool().acquire().await?;
                    let first = Self::durability_of(&mut *conn).await?;
                    let mut held = vec![conn];
                    let mut consistent = true;
                    for _ in 1..want {
                        let mut conn = self.pool().acquire().await?;
                        consistent &= Self::durability_of(&mut *conn).await? == first;
                        held.push(conn);
                    }
                    drop(held);
                    Ok(Durability { connections_checked: want, consistent, ..first })
                }

                #[tracing::instrument(skip_all, fields(members = members.len()), err)]
                async fn replace_roster(
                    &self,
                    members: &[RosterMember],
                    source_digest: &str,
                ) -> Result<RosterSummary, StoreError> {
                    let rows = roster_json(members);
                    let imported_at = now_unix().as_secs();
                    let mut tx = self.pool().begin().await?;
                    Self::replace_members(&mut tx, rows).await?;
                    sqlx::query(
                        "INSERT INTO roster_imports (imported_at, member_count, source_digest) VALUES ($1, $2, $3)",
                    )
                    .bind(imported_at)
                    .bind(i64::try_from(members.len()).unwrap_or(i64::MAX))
                    .bind(source_digest)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    self.roster_summary().await
                }

                async fn roster(&self) -> Result<Vec<RosterMember>, StoreError> {
                    Dialect::roster(self).await
                }

                async fn roster_summary(&self) -> Result<RosterSummary, StoreError> {
                    let (members,): (i64,) =
                        sqlx::query_as("SELECT COUNT(*) FROM roster_members").fetch_one(self.pool()).await?;
                    let last: Option<(i64, String)> = sqlx::query_as(
                        "SELECT imported_at, source_digest FROM roster_imports ORDER BY id DESC LIMIT 1",
                    )
                    .fetch_optional(self.pool())
                    .await?;
                    Ok(RosterSummary {
                        members: u64::try_from(members).unwrap_or(0),
                        imported_at: last.as_ref().map(|l| l.0),
                        source_digest: last.map(|l| l.1),
                    })
                }

                async fn members_by_shield(
                    &self,
                    series: &[ShieldSeries],
                    number: &str,
                ) -> Result<Vec<RosterMember>, StoreError> {
                    Dialect::members_by_shield(self, series, number).await
                }

                async fn member_by_tax_registry(&self, number: &str) -> Result<Option<RosterMember>, StoreError> {
                    let row: Option<MemberRow> = sqlx::query_as(concat!(
                        "SELECT ",
                        member_columns!(),
                        " FROM roster_members WHERE tax_registry_number = $1"
                    ))
                    .bind(number)
                    .fetch_optional(self.pool())
                    .await?;
                    row.map(MemberRow::into_member).transpose()
                }

                async fn member(&self, member_id: &str) -> Result<Option<RosterMember>, StoreError> {
                    let row: Option<MemberRow> = sqlx::query_as(concat!(
                        "SELECT ",
                        member_columns!(),
                        " FROM roster_members WHERE member_id = $1"
                    ))
                    .bind(member_id)
                    .fetch_optional(self.pool())
                    .await?;
                    row.map(MemberRow::into_member).transpose()
                }

                async fn add_issuer_key(&self, key: &IssuerKeyRecord) -> Result<(), StoreError> {
                    sqlx::query(
                        "INSERT INTO issuer_keys (kid, public_key, sealed_secret, created_at, retired_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(&key.kid)
                    .bind(&key.public_key)
                    .bind(&key.sealed_secret)
                    .bind(key.created_at)
                    .bind(key.retired_at)
                    .execute(self.pool())
                    .await?;
                    Ok(())
                }

                async fn issuer_keys(&self) -> Result<Vec<IssuerKeyRecord>, StoreError> {
                    let rows: Vec<IssuerKeyRow> = sqlx::query_as(
                        "SELECT kid, public_key, sealed_secret, created_at, retired_at FROM issuer_keys \
                         ORDER BY created_at, kid",
                    )
                    .fetch_all(self.pool())
                    .await?;
                    Ok(rows.into_iter().map(IssuerKeyRecord::from).collect())
                }

                async fn retire_issuer_keys_except(&self, kid: &str, at: i64) -> Result<(), StoreError> {
                    sqlx::query("UPDATE issuer_keys SET retired_at = $1 WHERE kid <> $2 AND retired_at IS NULL")
                        .bind(at)
                        .bind(kid)
                        .execute(self.pool())
                        .await?;
                    Ok(())
                }

                async fn add_credential(&self, c: &CredentialRecord) -> Result<bool, StoreError> {
                    let done = sqlx::query(
                        "INSERT INTO credentials (member_id, kid, status_index, issued_at, expires_at, status) \
                         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (status_index) DO NOTHING",
                    )
                    .bind(&c.member_id)
                    .bind(&c.kid)
                    .bind(index_param(c.status_index)?)
                    .bind(c.issued_at)
                    .bind(c.expires_at)
                    .bind(c.status.as_str())
                    .execute(self.pool())
                    .await?;
                    Ok(done.rows_affected() == 1)
                }

                async fn set_credential_status(
                    &self,
                    member_id: &str,
                    status: CredentialStatus,
                    now: i64,
                ) -> Result<u64, StoreError> {
                    let done =
                        sqlx::query("UPDATE credentials SET status = $1 WHERE member_id = $2 AND expires_at > $3")
                            .bind(status.as_str())
                            .bind(member_id)
                            .bind(now)
                            .execute(self.pool())
                            .await?;
                    Ok(done.rows_affected())
                }

                async fn credential_statuses(&self, now: i64) -> Result<Vec<(u64, CredentialStatus)>, StoreError> {
                    let rows: Vec<(i64, String)> = sqlx::query_as(
                        "SELECT status_index, status FROM credentials WHERE expires_at > $1 AND status <> 'valid' \
                         ORDER BY status_index",
                    )
                    .bind(now)
                    .fetch_all(self.pool())
                    .await?;
                    statuses(rows)
                }

                async fn latest_expiry_by_key(&self) -> Result<Vec<(String, i64)>, StoreError> {
                    Ok(sqlx::query_as("SELECT kid, MAX(expires_at) FROM credentials GROUP BY kid ORDER BY kid")
                        .fetch_all(self.pool())
                        .await?)
                }

                async fn put_status_list_token(
                    &self,
                    list_uri: &str,
                    issued_at: i64,
                    token: &[u8],
                ) -> Result<(), StoreError> {
                    let mut tx = self.pool().begin().await?;
                    sqlx::query("INSERT INTO status_list_tokens (list_uri, issued_at, token) VALUES ($1, $2, $3)")
                        .bind(list_uri)
                        .bind(issued_at)
                        .bind(token)
                        .execute(&mut *tx)
                        .await?;
                    // Only the latest token is served; keep the last few for inspection.
                    sqlx::query(
                        "DELETE FROM status_list_tokens WHERE list_uri = $1 AND id NOT IN \
                         (SELECT id FROM status_list_tokens WHERE list_uri = $1 ORDER BY id DESC LIMIT 10)",
                    )
                    .bind(list_uri)
                    .execute(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(())
                }

                async fn latest_status_list_token(&self, list_uri: &str) -> Result<Option<(i64, Vec<u8>)>, StoreError> {
                    Ok(sqlx::query_as(
                        "SELECT issued_at, token FROM status_list_tokens WHERE list_uri = $1 ORDER BY id DESC LIMIT 1",
                    )
                    .bind(list_uri)
                    .fetch_optional(self.pool())
                    .await?)
                }

                async fn add_enrolment_code(
                    &self,
                    code_hash: &[u8],
                    member_id: &str,
                    created_at: i64,
                    expires_at: i64,
                ) -> Result<(), StoreError> {
                    sqlx::query(
                        "INSERT INTO enrolment_codes (code_hash, member_id, created_at, expires_at) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(code_hash)
                    .bind(member_id)
                    .bind(created_at)
                    .bind(expires_at)
                    .execute(self.pool())
                    .await?;
                    Ok(())
                }

                async fn take_enrolment_code(&self, code_hash: &[u8], now: i64) -> Result<Option<String>, StoreError> {
                    let row: Option<(String,)> = sqlx::query_as(
                        "UPDATE enrolment_codes SET used_at = $2 \
                         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2 RETURNING member_id",
                    )
                    .bind(code_hash)
                    .bind(now)
                    .fetch_optional(self.pool())
                    .await?;
                    Ok(row.map(|(member_id,)| member_id))
                }

                fn sidecar_key_path(&self) -> Option<PathBuf> {
                    Dialect::sidecar_key_path(self)
                }

                async fn add_team_recipient(&self, r: &TeamRecipient) -> Result<bool, StoreError> {
                    let done = sqlx::query(
                        "INSERT INTO team_recipients (recipient, label, added_at) VALUES ($1, $2, $3) \
                         ON CONFLICT (recipient) DO NOTHING",
                    )
                    .bind(&r.recipient)
                    .bind(&r.label)
                    .bind(r.added_at)
                    .execute(self.pool())
                    .await?;
                    Ok(done.rows_affected() == 1)
                }

                async fn team_recipients(&self) -> Result<Vec<TeamRecipient>, StoreError> {
                    let rows: Vec<(String, Option<String>, i64)> = sqlx::query_as(
                        "SELECT recipient, label, added_at FROM team_recipients ORDER BY added_at, recipient",
                    )
                    .fetch_all(self.pool())
                    .await?;
                    Ok(rows
                        .into_iter()
                        .map(|(recipient, label, added_at)| TeamRecipient { recipient, label, added_at })
                        .collect())
                }

                #[tracing::instrument(skip_all, err)]
                async fn insert_report(&self, report: &NewReport) -> Result<Inserted, StoreError> {
                    let mut tx = self.pool().begin().await?;
                    let inserted = Self::insert_one(&mut tx, report, Hour::of(now_unix())).await?;
                    // The commit returns once the WAL is on disk: SQLite runs with synchronous
                    // FULL, PostgreSQL with synchronous_commit on (its default).
                    tx.commit().await?;
                    Ok(inserted)
                }

                #[tracing::instrument(skip_all, fields(reports = reports.len()), err)]
                async fn insert_reports(&self, reports: &[NewReport]) -> Result<Vec<Inserted>, StoreError> {
                    let hour = Hour::of(now_unix());
                    let mut tx = self.begin_batch().await?;
                    let answers = Self::insert_rows(&mut tx, reports, hour).await?;
                    for (report, answer) in reports.iter().zip(&answers) {
                        if answer.created {
                            Self::insert_attachments(&mut tx, answer.id, report).await?;
                        }
                    }
                    tx.commit().await?;
                    Ok(answers)
                }

                async fn report_by_receipt_index(&self, index: &[u8; 32]) -> Result<Option<ReceiptMatch>, StoreError> {
                    let row: Option<(String, i64)> =
                        sqlx::query_as("SELECT receipt_hash, id FROM reports WHERE receipt_index = $1")
                            .bind(index.as_slice())
                            .fetch_optional(self.pool())
                            .await?;
                    let Some((receipt_hash, id)) = row else { return Ok(None) };
                    let row: SealedReportRow =
                        sqlx::query_as(concat!("SELECT ", report_columns!(), " FROM reports WHERE id = $1"))
                            .bind(id)
                            .fetch_one(self.pool())
                            .await?;
                    Ok(Some(ReceiptMatch { report: row.into_report()?, receipt_hash }))
                }

                async fn sealed_reports_after(
                    &self,
                    after_id: i64,
                    limit: u32,
                ) -> Result<Vec<SealedReport>, StoreError> {
                    let rows: Vec<SealedReportRow> = sqlx::query_as(concat!(
                        "SELECT ",
                        report_columns!(),
                        " FROM reports WHERE id > $1 ORDER BY id LIMIT $2"
                    ))
                    .bind(after_id)
                    .bind(i64::from(limit))
                    .fetch_all(self.pool())
                    .await?;
                    rows.into_iter().map(SealedReportRow::into_report).collect()
                }

                async fn report_count(&self) -> Result<u64, StoreError> {
                    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reports").fetch_one(self.pool()).await?;
                    Ok(count(n))
                }

                async fn receipt_count(&self) -> Result<u64, StoreError> {
                    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reports WHERE receipt_index IS NOT NULL")
                        .fetch_one(self.pool())
                        .await?;
                    Ok(count(n))
                }

                async fn sealed_attachments(
                    &self,
                    first: i64,
                    last: i64,
                    variant: Option<AttachmentVariant>,
                ) -> Result<Vec<SealedAttachment>, StoreError> {
                    let rows: Vec<AttachmentRow> = sqlx::query_as(
                        "SELECT report_id, position, variant, key_id, ciphertext FROM report_attachments \
                         WHERE report_id >= $1 AND report_id <= $2 \
                         AND (CAST($3 AS TEXT) IS NULL OR variant = CAST($3 AS TEXT)) \
                         ORDER BY report_id, position, variant",
                    )
                    .bind(first)
                    .bind(last)
                    .bind(variant.map(AttachmentVariant::as_str))
                    .fetch_all(self.pool())
                    .await?;
                    rows.into_iter().map(AttachmentRow::into_attachment).collect()
                }

                async fn attachment_count(&self) -> Result<u64, StoreError> {
                    let (n,): (i64,) =
                        sqlx::query_as("SELECT COUNT(*) FROM report_attachments WHERE variant = 'original'")
                            .fetch_one(self.pool())
                            .await?;
                    Ok(count(n))
                }

                #[tracing::instrument(skip_all, err)]
                async fn append_audit_event(&self, event: &AuditEvent) -> Result<AuditRecord, StoreError> {
                    let mut tx = self.pool().begin().await?;
                    let record = Self::append_audit_in(&mut tx, event).await?;
                    tx.commit().await?;
                    Ok(record)
                }

                async fn audit_events(&self) -> Result<Vec<AuditRecord>, StoreError> {
                    let rows: Vec<AuditRow> = sqlx::query_as(
                        "SELECT id, at, actor, action, detail, prev_hash, hash FROM audit_events ORDER BY id",
                    )
                    .fetch_all(self.pool())
                    .await?;
                    Ok(rows.into_iter().map(AuditRecord::from).collect())
                }

                async fn report_by_id(&self, id: i64) -> Result<Option<SealedReport>, StoreError> {
                    let row: Option<SealedReportRow> =
                        sqlx::query_as(concat!("SELECT ", report_columns!(), " FROM reports WHERE id = $1"))
                            .bind(id)
                            .fetch_optional(self.pool())
                            .await?;
                    row.map(SealedReportRow::into_report).transpose()
                }

                async fn report_state(&self, id: i64) -> Result<Option<ReportState>, StoreError> {
                    let row: Option<ReportStateRow> =
                        sqlx::query_as(concat!("SELECT ", state_columns!(), " FROM reports r WHERE r.id = $1"))
                            .bind(id)
                            .fetch_optional(self.pool())
                            .await?;
                    row.map(ReportStateRow::into_state).transpose()
                }

                async fn report_states_by_ref(&self, reference: &str) -> Result<Vec<ReportState>, StoreError> {
                    let rows: Vec<ReportStateRow> = sqlx::query_as(concat!(
                        "SELECT ",
                        state_columns!(),
                        " FROM reports r WHERE r.ref = $1 ORDER BY r.id"
                    ))
                    .bind(reference)
                    .fetch_all(self.pool())
                    .await?;
                    rows.into_iter().map(ReportStateRow::into_state).collect()
                }

                async fn report_states_after(
                    &self,
                    after_id: i64,
                    limit: u32,
                    status: Option<ReportStatus>,
                ) -> Result<Vec<ReportState>, StoreError> {
                    let rows: Vec<ReportStateRow> = sqlx::query_as(concat!(
                        "SELECT ",
                        state_columns!(),
                        " FROM reports r WHERE r.id > $1 AND (CAST($3 AS TEXT) IS NULL OR r.status = $3) \
                         ORDER BY r.id LIMIT $2"
                    ))
                    .bind(after_id)
                    .bind(i64::from(limit))
                    .bind(status.map(ReportStatus::as_str))
                    .fetch_all(self.pool())
                    .await?;
                    rows.into_iter().map(ReportStateRow::into_state).collect()
                }

                #[tracing::instrument(skip_all, err)]
                async fn add_report_entry(
                    &self,
                    entry: &NewEntry,
                    max_entries: u64,
                ) -> Result<Option<i64>, StoreError> {
                    let mut tx = self.pool().begin().await?;
                    // The UPDATE takes its lock first (on the report's row in PostgreSQL, the
                    // database's write lock in SQLite), so the count below cannot race another
                    // entry.
                    let activity = (entry.author == Author::Reporter).then_some(entry.created_hour.get());
                    let touched = sqlx::query(
                        "UPDATE reports SET reporter_activity_hour = COALESCE($2, reporter_activity_hour) \
                         WHERE id = $1",
                    )
                    .bind(entry.report_id)
                    .bind(activity)
                    .execute(&mut *tx)
                    .await?;
                    if touched.rows_affected() == 0 {
                        return Ok(None);
                    }
                    let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM report_entries WHERE report_id = $1")
                        .bind(entry.report_id)
                        .fetch_one(&mut *tx)
                        .await?;
                    if count(n) >= max_entries {
                        return Ok(None);
                    }
                    let (id,): (i64,) = sqlx::query_as(
                        "INSERT INTO report_entries (report_id, author, kind, created_hour, key_id, ciphertext) \
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(entry.report_id)
                    .bind(entry.author.as_str())
                    .bind(entry.kind.as_str())
                    .bind(entry.created_hour.get())
                    .bind(&entry.key_id)
                    .bind(entry.ciphertext.as_bytes())
                    .fetch_one(&mut *tx)
                    .await?;
                    tx.commit().await?;
                    Ok(Some(id))
                }

                async fn report_entries(&self, report_id: i64) -> Result<Vec<SealedEntry>, StoreError> {
                    let rows: Vec<EntryRow> = sqlx::query_as(
                        "SELECT id, report_id, author, kind, created_hour, key_id, ciphertext FROM report_entries \
                         WHERE report_id = $1 ORDER BY id",
                    )
                    .bind(report_id)
                    .fetch_all(self.pool())
                    .await?;
                    rows.into_iter().map(EntryRow::into_entry).collect()
                }

                #[tracing::instrument(skip_all, err)]
                async fn set_report_status(
                    &self,
                    id: i64,
                    status: ReportStatus,
                    hour: Hour,
                    event: &AuditEvent,
                ) -> Result<Option<ReportStatus>, StoreError> {
                    let mut tx = self.pool().begin().await?;
                    let Some(previous) = Self::locked_report_status(&mut tx, id).await? else { return Ok(None) };
                    let previous =
                        ReportStatus::parse(&previous).ok_or(StoreError::Corrupt { column: "reports.status" })?;
                    sqlx::query("UPDATE reports SET status = $2, updated_hour = $3 WHERE id = $1")
                        .bind(id)
                        .bind(status.as_str())
                        .bind(hour.get())
                        .execute(&mut *tx)
                        .await?;
                    Self::append_audit_in(&mut tx, event).await?;
                    tx.commit().await?;
                    Ok(Some(previous))
                }

                #[tracing::instrument(skip_all, err)]
                async fn record_report_access(
                    &self,
                    report: Option<i64>,
                    up_to_id: i64,
                    access: ReportAccess,
                    event: &AuditEvent,
                ) -> Result<u64, StoreError> {
                    let mut tx = self.pool().begin().await?;
                    let query = match access {
                        ReportAccess::Opened => {
                            "UPDATE reports SET opened_count = opened_count + 1 \
                             WHERE (CAST($1 AS BIGINT) IS NULL OR id = $1) AND id <= $2"
                        }
                        ReportAccess::Disclosed => {
                            "UPDATE reports SET disclosed_count = disclosed_count + 1 \
                             WHERE (CAST($1 AS BIGINT) IS NULL OR id = $1) AND id <= $2"
                        }
                    };
                    let done = sqlx::query(query).bind(report).bind(up_to_id).execute(&mut *tx).await?;
                    if done.rows_affected() == 0 {
                        return Ok(0);
                    }
                    Self::append_audit_in(&mut tx, event).await?;
                    tx.commit().await?;
                    Ok(done.rows_affected())
                }

                #[tracing::instrument(skip_all, fields(dry_run), err)]
                async fn purge_reports(
                    &self,
                    rules: &[PurgeRule],
                    dry_run: bool,
                    event: &AuditEvent,
                ) -> Result<PurgeCounts, StoreError> {
                    let mut tx = self.pool().begin().await?;
                    let mut counts = PurgeCounts::default();
                    for rule in rules {
                        let (reports, entries) = if dry_run {
                            let (reports,): (i64,) = sqlx::query_as(
                                "SELECT COUNT(*) FROM reports WHERE status = $1 AND updated_hour < $2 \
                                 AND (reporter_activity_hour IS NULL OR reporter_activity_hour < $3)",
                            )
                            .bind(rule.status.as_str())
                            .bind(rule.status_before)
                            .bind(rule.activity_before)
                            .fetch_one(&mut *tx)
                            .await?;
                            let (entries,): (i64,) = sqlx::query_as(
                                "SELECT COUNT(*) FROM report_entries WHERE report_id IN (SELECT id FROM reports \
                                 WHERE status = $1 AND updated_hour < $2 \
                                 AND (reporter_activity_hour IS NULL OR reporter_activity_hour < $3))",
                            )
                            .bind(rule.status.as_str())
                            .bind(rule.status_before)
                            .bind(rule.activity_before)
                            .fetch_one(&mut *tx)
                            .await?;
                            (count(reports), count(entries))
                        } else {
                            let entries = sqlx::query(
                                "DELETE FROM report_entries WHERE report_id IN (SELECT id FROM reports \
                                 WHERE status = $1 AND updated_hour < $2 \
                                 AND (reporter_activity_hour IS NULL OR reporter_activity_hour < $3))",
                            )
                            .bind(rule.status.as_str())
                            .bind(rule.status_before)
                            .bind(rule.activity_before)
                            .execute(&mut *tx)
                            .await?;
                            let reports = sqlx::query(
                                "DELETE FROM reports WHERE status = $1 AND updated_hour < $2 \
                                 AND (reporter_activity_hour IS NULL OR reporter_activity_hour < $3)",
                            )
                            .bind(rule.status.as_str())
                            .bind(rule.status_before)
                            .bind(rule.activity_before)
                            .execute(&mut *tx)
                            .await?;
                            (reports.rows_affected(), entries.rows_affected())
                        };
                        counts.reports.push((rule.status, reports));
                        counts.entries += entries;
                    }
                    if dry_run || counts.total_reports() == 0 {
                        tx.rollback().await?;
                        return Ok(counts);
                    }
                    let event = AuditEvent { detail: purge_detail(&event.detail, &counts), ..event.clone() };
                    Self::append_audit_in(&mut tx, &event).await?;
                    tx.commit().await?;
                    self.after_purge().await?;
                    Ok(counts)
                }
            }

            impl $store {
                /// Inserts one report unless its (source, ref) is stored already; then answers
                /// the stored id.
                async fn insert_one(
                    tx: &mut sqlx::Transaction<'static, <Self as Dialect>::Db>,
                    r: &NewReport,
                    updated_hour: Hour,
                ) -> Result<Inserted, StoreError> {
                    let id: Option<(i64,)> = sqlx::query_as(
                        "INSERT INTO reports (source, ref, submitted_hour, status, key_id, ciphertext, \
                         receipt_index, receipt_hash, updated_hour, reporter_recipient) \
                         VALUES ($1, $2, $3, 'new', $4, $5, $6, $7, $8, $9) \
                         ON CONFLICT (source, ref) DO NOTHING RETURNING id",
                    )
                    .bind(r.source.as_str())
                    .bind(&r.reference)
                    .bind(r.submitted_hour.get())
                    .bind(&r.key_id)
                    .bind(r.ciphertext.as_bytes())
                    .bind(r.receipt.as_ref().map(|x| x.index.as_slice()))
                    .bind(r.receipt.as_ref().map(|x| x.hash.as_str()))
                    .bind(updated_hour.get())
                    .bind(r.receipt.as_ref().and_then(|x| x.reporter_recipient.as_deref()))
                    .fetch_optional(&mut **tx)
                    .await?;
                    if let Some((id,)) = id {
                        Self::insert_attachments(tx, id, r).await?;
                        return Ok(Inserted { id, created: true });
                    }
                    let (id,): (i64,) = sqlx::query_as("SELECT id FROM reports WHERE source = $1 AND ref = $2")
                        .bind(r.source.as_str())
                        .bind(&r.reference)
                        .fetch_one(&mut **tx)
                        .await?;
                    Ok(Inserted { id, created: false })
                }

                /// Stores the sealed photo files of report `id`, row by row (they are rare and
                /// large).
                async fn insert_attachments(
                    tx: &mut sqlx::Transaction<'static, <Self as Dialect>::Db>,
                    id: i64,
                    r: &NewReport,
                ) -> Result<(), StoreError> {
                    for a in &r.attachments {
                        sqlx::query(
                            "INSERT INTO report_attachments (report_id, position, variant, key_id, ciphertext) \
                             VALUES ($1, $2, $3, $4, $5)",
                        )
                        .bind(id)
                        .bind(i64::from(a.position))
                        .bind(a.variant.as_str())
                        .bind(&r.key_id)
                        .bind(a.ciphertext.as_bytes())
                        .execute(&mut **tx)
                        .await?;
                    }
                    Ok(())
                }
            }
        };
    };
}
pub(crate) use store_impl;

#[cfg(test)]
mod tests {
    use sqlx::sqlite::SqlitePoolOptions;

    /// sqlx's SQLite driver binds a `$N` parameter to the N-th value by the number in its
    /// name, not by where it stands: a parameter may come before a lower-numbered one, or
    /// stand twice, as PostgreSQL allows. A NULL cast to a type stays NULL, which the shared
    /// `CAST($N AS …) IS NULL` tests for optional filters rest on.
    #[tokio::test]
    async fn sqlite_binds_dollar_placeholders_by_number() {
        let pool = SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await.unwrap();
        let row: (String, String, String) =
            sqlx::query_as("SELECT $2, $1, $1 || $2").bind("a").bind("b").fetch_one(&pool).await.unwrap();
        assert_eq!(row, ("b".to_owned(), "a".to_owned(), "ab".to_owned()));
        let row: (bool, bool, i64) =
            sqlx::query_as("SELECT CAST($2 AS TEXT) IS NULL, CAST($1 AS BIGINT) IS NULL, CAST($1 AS BIGINT) + $3")
                .bind(Some(40_i64))
                .bind(None::<&str>)
                .bind(2_i64)
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(row, (true, false, 42));
    }
}
