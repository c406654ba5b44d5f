//! The production PostgreSQL store, shared by several stateless server instances.

use std::path::PathBuf;
use std::str::FromStr;

use async_trait::async_trait;
use shieldcheck_claim::roster::RosterMember;
use shieldcheck_nypd::rank::ShieldSeries;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::{
    AttachmentRow, AuditRow, Backend, CredentialRecord, CredentialStatus, Durability, EntryRow, IssuerKeyRecord,
    IssuerKeyRow, MemberRow, OpenOptions, ReportStateRow, RosterSummary, SealedReportRow, Store, StoreError, count,
    index_param, member_columns, now_unix, purge_detail, report_columns, roster_json, series_names, state_columns,
    statuses,
};
use shieldcheck_casefile::followup::{
    Author, NewEntry, PurgeCounts, PurgeRule, ReportAccess, ReportState, SealedEntry,
};
use shieldcheck_casefile::sealed_report::{
    AttachmentVariant, AuditEvent, AuditRecord, Inserted, NewReport, ReceiptMatch, ReportStatus, SealedAttachment,
    SealedReport, TeamRecipient, audit_hash, hour_of,
};

/// A store in a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    /// Connects and runs the migrations (serialised across instances by sqlx's advisory lock).
    #[tracing::instrument(skip_all, err)]
    pub async fn open(url: &str, options: &OpenOptions) -> Result<Self, StoreError> {
        let connect = PgConnectOptions::from_str(url).map_err(StoreError::Connect)?;
        let pool = PgPoolOptions::new()
            .max_connections(options.max_connections.max(1))
            .connect_with(connect)
            .await
            .map_err(StoreError::Connect)?;
        sqlx::migrate!("./migrations/postgres").run(&pool).await.map_err(StoreError::Migrate)?;
        Ok(PostgresStore { pool })
    }

    /// Closes the pool's connections (so that a test database can be dropped).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[async_trait]
impl Store for PostgresStore {
    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn ping(&self) -> Result<(), StoreError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn durability(&self) -> Result<Durability, StoreError> {
        let want = self.pool.options().get_max_connections().max(1);
        let mut held = Vec::new();
        let mut seen = Vec::new();
        for _ in 0..want {
            let mut conn = self.pool.acquire().await?;
            let (commit,): (String,) = sqlx::query_as("SHOW synchronous_commit").fetch_one(&mut *conn).await?;
            let (fsync,): (String,) = sqlx::query_as("SHOW fsync").fetch_one(&mut *conn).await?;
            seen.push((commit, fsync));
            held.push(conn);
        }
        drop(held);
        let consistent = seen.windows(2).all(|w| w[0] == w[1]);
        let (commit, fsync) = seen.into_iter().next().unwrap_or_default();
        Ok(Durability {
            journal_mode: None,
            synchronous: None,
            synchronous_commit: Some(commit),
            fsync: Some(fsync),
            connections_checked: want,
            consistent,
        })
    }

    #[tracing::instrument(skip_all, fields(members = members.len()), err)]
    async fn replace_roster(&self, members: &[RosterMember], source_digest: &str) -> Result<RosterSummary, StoreError> {
        let rows = roster_json(members);
        let imported_at = now_unix();
        let mut tx = self.pool.begin().await?;
        // Readers keep seeing the old roster until the commit; concurrent imports queue here.
        sqlx::query("LOCK TABLE roster_members IN EXCLUSIVE MODE").execute(&mut *tx).await?;
        sqlx::query("DELETE FROM roster_members").execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO roster_members (member_id, last_name, first_name, rank, shield_series, shield_number, \
             tax_registry_number, command_code, squad, status, photo_sha256) \
             SELECT r ->> 0, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, r ->> 6, r ->> 7, r ->> 8, r ->> 9, r ->> 10 \
             FROM jsonb_array_elements($1::text::jsonb) AS r",
        )
        .bind(rows)
        .execute(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO roster_imports (imported_at, member_count, source_digest) VALUES ($1, $2, $3)")
            .bind(imported_at)
            .bind(i64::try_from(members.len()).unwrap_or(i64::MAX))
            .bind(source_digest)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.roster_summary().await
    }

    async fn roster(&self) -> Result<Vec<RosterMember>, StoreError> {
        let rows: Vec<MemberRow> = sqlx::query_as(concat!(
            "SELECT ",
            member_columns!(),
            " FROM roster_members ORDER BY member_id COLLATE \"C\""
        ))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(MemberRow::into_member).collect()
    }

    async fn roster_summary(&self) -> Result<RosterSummary, StoreError> {
        let (members,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM roster_members").fetch_one(&self.pool).await?;
        let last: Option<(i64, String)> =
            sqlx::query_as("SELECT imported_at, source_digest FROM roster_imports ORDER BY id DESC LIMIT 1")
                .fetch_optional(&self.pool)
                .await?;
        Ok(RosterSummary {
            members: u64::try_from(members).unwrap_or(0),
            imported_at: last.as_ref().map(|l| l.0),
            source_digest: last.map(|l| l.1),
        })
    }

    async fn members_by_shield(&self, series: &[ShieldSeries], number: &str) -> Result<Vec<RosterMember>, StoreError> {
        let rows: Vec<MemberRow> = sqlx::query_as(concat!(
            "SELECT ",
            member_columns!(),
            " FROM roster_members WHERE shield_number = $1 AND shield_series = ANY($2)"
        ))
        .bind(number)
        .bind(series_names(series))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(MemberRow::into_member).collect()
    }

    async fn member_by_tax_registry(&self, number: &str) -> Result<Option<RosterMember>, StoreError> {
        let row: Option<MemberRow> = sqlx::query_as(concat!(
            "SELECT ",
            member_columns!(),
            " FROM roster_members WHERE tax_registry_number = $1"
        ))
        .bind(number)
        .fetch_optional(&self.pool)
        .await?;
        row.map(MemberRow::into_member).transpose()
    }

    async fn member(&self, member_id: &str) -> Result<Option<RosterMember>, StoreError> {
        let row: Option<MemberRow> =
            sqlx::query_as(concat!("SELECT ", member_columns!(), " FROM roster_members WHERE member_id = $1"))
                .bind(member_id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(MemberRow::into_member).transpose()
    }

    async fn add_issuer_key(&self, key: &IssuerKeyRecord) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO issuer_keys (kid, public_key, sealed_secret, created_at, retired_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&key.kid)
        .bind(&key.public_key)
        .bind(&key.sealed_secret)
        .bind(key.created_at)
        .bind(key.retired_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn issuer_keys(&self) -> Result<Vec<IssuerKeyRecord>, StoreError> {
        let rows: Vec<IssuerKeyRow> = sqlx::query_as(
            "SELECT kid, public_key, sealed_secret, created_at, retired_at FROM issuer_keys ORDER BY created_at, kid",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(IssuerKeyRecord::from).collect())
    }

    async fn retire_issuer_keys_except(&self, kid: &str, at: i64) -> Result<(), StoreError> {
        sqlx::query("UPDATE issuer_keys SET retired_at = $1 WHERE kid <> $2 AND retired_at IS NULL")
            .bind(at)
            .bind(kid)
            .execute(&self.pool)
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
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn set_credential_status(
        &self,
        member_id: &str,
        status: CredentialStatus,
        now: i64,
    ) -> Result<u64, StoreError> {
        let done = sqlx::query("UPDATE credentials SET status = $1 WHERE member_id = $2 AND expires_at > $3")
            .bind(status.as_str())
            .bind(member_id)
            .bind(now)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    async fn credential_statuses(&self, now: i64) -> Result<Vec<(u64, CredentialStatus)>, StoreError> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT status_index, status FROM credentials WHERE expires_at > $1 AND status <> 'valid' ORDER BY status_index",
        )
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        statuses(rows)
    }

    async fn latest_expiry_by_key(&self) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(sqlx::query_as("SELECT kid, MAX(expires_at) FROM credentials GROUP BY kid ORDER BY kid")
            .fetch_all(&self.pool)
            .await?)
    }

    async fn put_status_list_token(&self, list_uri: &str, issued_at: i64, token: &[u8]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
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
        .fetch_optional(&self.pool)
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
            "INSERT INTO enrolment_codes (code_hash, member_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(code_hash)
        .bind(member_id)
        .bind(created_at)
        .bind(expires_at)
        .execute(&self.pool)
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
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(member_id,)| member_id))
    }

    fn sidecar_key_path(&self) -> Option<PathBuf> {
        None
    }

    async fn add_team_recipient(&self, r: &TeamRecipient) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO team_recipients (recipient, label, added_at) VALUES ($1, $2, $3) \
             ON CONFLICT (recipient) DO NOTHING",
        )
        .bind(&r.recipient)
        .bind(&r.label)
        .bind(r.added_at)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn team_recipients(&self) -> Result<Vec<TeamRecipient>, StoreError> {
        let rows: Vec<(String, Option<String>, i64)> =
            sqlx::query_as("SELECT recipient, label, added_at FROM team_recipients ORDER BY added_at, recipient")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(|(recipient, label, added_at)| TeamRecipient { recipient, label, added_at }).collect())
    }

    #[tracing::instrument(skip_all, err)]
    async fn insert_report(&self, report: &NewReport) -> Result<Inserted, StoreError> {
        let mut tx = self.pool.begin().await?;
        let inserted = insert_one(&mut tx, report, hour_of(now_unix())).await?;
        // With synchronous_commit on (the default), the commit returns once the WAL is flushed.
        tx.commit().await?;
        Ok(inserted)
    }

    #[tracing::instrument(skip_all, fields(reports = reports.len()), err)]
    async fn insert_reports(&self, reports: &[NewReport]) -> Result<Vec<Inserted>, StoreError> {
        let hour = hour_of(now_unix());
        let mut tx = self.pool.begin().await?;
        let answers = insert_many(&mut tx, reports, hour).await?;
        tx.commit().await?;
        Ok(answers)
    }

    async fn report_by_receipt_index(&self, index: &[u8; 32]) -> Result<Option<ReceiptMatch>, StoreError> {
        let row: Option<(String, i64)> =
            sqlx::query_as("SELECT receipt_hash, id FROM reports WHERE receipt_index = $1")
                .bind(index.as_slice())
                .fetch_optional(&self.pool)
                .await?;
        let Some((receipt_hash, id)) = row else { return Ok(None) };
        let row: SealedReportRow = sqlx::query_as(concat!("SELECT ", report_columns!(), " FROM reports WHERE id = $1"))
            .bind(id)
            .fetch_one(&self.pool)
            .await?;
        Ok(Some(ReceiptMatch { report: row.into_report()?, receipt_hash }))
    }

    async fn sealed_reports_after(&self, after_id: i64, limit: u32) -> Result<Vec<SealedReport>, StoreError> {
        let rows: Vec<SealedReportRow> =
            sqlx::query_as(concat!("SELECT ", report_columns!(), " FROM reports WHERE id > $1 ORDER BY id LIMIT $2"))
                .bind(after_id)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(SealedReportRow::into_report).collect()
    }

    async fn report_count(&self) -> Result<u64, StoreError> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reports").fetch_one(&self.pool).await?;
        Ok(count(n))
    }

    async fn receipt_count(&self) -> Result<u64, StoreError> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM reports WHERE receipt_index IS NOT NULL")
            .fetch_one(&self.pool)
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
             WHERE report_id >= $1 AND report_id <= $2 AND ($3::text IS NULL OR variant = $3::text) \
             ORDER BY report_id, position, variant",
        )
        .bind(first)
        .bind(last)
        .bind(variant.map(AttachmentVariant::as_str))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AttachmentRow::into_attachment).collect()
    }

    async fn attachment_count(&self) -> Result<u64, StoreError> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM report_attachments WHERE variant = 'original'")
            .fetch_one(&self.pool)
            .await?;
        Ok(count(n))
    }

    #[tracing::instrument(skip_all, err)]
    async fn append_audit_event(&self, event: &AuditEvent) -> Result<AuditRecord, StoreError> {
        let mut tx = self.pool.begin().await?;
        let record = append_audit_in(&mut tx, event).await?;
        tx.commit().await?;
        Ok(record)
    }

    async fn audit_events(&self) -> Result<Vec<AuditRecord>, StoreError> {
        let rows: Vec<AuditRow> =
            sqlx::query_as("SELECT id, at, actor, action, detail, prev_hash, hash FROM audit_events ORDER BY id")
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(AuditRecord::from).collect())
    }

    async fn report_by_id(&self, id: i64) -> Result<Option<SealedReport>, StoreError> {
        let row: Option<SealedReportRow> =
            sqlx::query_as(concat!("SELECT ", report_columns!(), " FROM reports WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(SealedReportRow::into_report).transpose()
    }

    async fn report_state(&self, id: i64) -> Result<Option<ReportState>, StoreError> {
        let row: Option<ReportStateRow> =
            sqlx::query_as(concat!("SELECT ", state_columns!(), " FROM reports r WHERE r.id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(ReportStateRow::into_state).transpose()
    }

    async fn report_states_by_ref(&self, reference: &str) -> Result<Vec<ReportState>, StoreError> {
        let rows: Vec<ReportStateRow> =
            sqlx::query_as(concat!("SELECT ", state_columns!(), " FROM reports r WHERE r.ref = $1 ORDER BY r.id"))
                .bind(reference)
                .fetch_all(&self.pool)
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
            " FROM reports r WHERE r.id > $1 AND ($3::text IS NULL OR r.status = $3) ORDER BY r.id LIMIT $2"
        ))
        .bind(after_id)
        .bind(i64::from(limit))
        .bind(status.map(ReportStatus::as_str))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ReportStateRow::into_state).collect()
    }

    #[tracing::instrument(skip_all, err)]
    async fn add_report_entry(&self, entry: &NewEntry, max_entries: u64) -> Result<Option<i64>, StoreError> {
        let mut tx = self.pool.begin().await?;
        // The UPDATE locks the report's row, so the count below cannot race another entry.
        let activity = (entry.author == Author::Reporter).then_some(entry.created_hour);
        let touched = sqlx::query(
            "UPDATE reports SET reporter_activity_hour = COALESCE($2, reporter_activity_hour) WHERE id = $1",
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
        .bind(entry.created_hour)
        .bind(&entry.key_id)
        .bind(&entry.ciphertext)
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
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(EntryRow::into_entry).collect()
    }

    #[tracing::instrument(skip_all, err)]
    async fn set_report_status(
        &self,
        id: i64,
        status: ReportStatus,
        hour: i64,
        event: &AuditEvent,
    ) -> Result<Option<ReportStatus>, StoreError> {
        let mut tx = self.pool.begin().await?;
        let previous: Option<(String,)> = sqlx::query_as("SELECT status FROM reports WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
        let Some((previous,)) = previous else { return Ok(None) };
        let previous = ReportStatus::parse(&previous).ok_or(StoreError::Corrupt { column: "reports.status" })?;
        sqlx::query("UPDATE reports SET status = $2, updated_hour = $3 WHERE id = $1")
            .bind(id)
            .bind(status.as_str())
            .bind(hour)
            .execute(&mut *tx)
            .await?;
        append_audit_in(&mut tx, event).await?;
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
        let mut tx = self.pool.begin().await?;
        let query = match access {
            ReportAccess::Opened => {
                "UPDATE reports SET opened_count = opened_count + 1 WHERE ($1::bigint IS NULL OR id = $1) AND id <= $2"
            }
            ReportAccess::Disclosed => {
                "UPDATE reports SET disclosed_count = disclosed_count + 1 \
                 WHERE ($1::bigint IS NULL OR id = $1) AND id <= $2"
            }
        };
        let done = sqlx::query(query).bind(report).bind(up_to_id).execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Ok(0);
        }
        append_audit_in(&mut tx, event).await?;
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
        let mut tx = self.pool.begin().await?;
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
        append_audit_in(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(counts)
    }
}

/// Appends an event to the audit trail inside `tx`, chained to the one before it.
async fn append_audit_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    event: &AuditEvent,
) -> Result<AuditRecord, StoreError> {
    // One writer at a time (readers unaffected), so each event chains to the one before.
    sqlx::query("LOCK TABLE audit_events IN SHARE ROW EXCLUSIVE MODE").execute(&mut **tx).await?;
    let prev: Option<(Vec<u8>,)> =
        sqlx::query_as("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1").fetch_optional(&mut **tx).await?;
    let prev_hash = prev.map_or_else(|| vec![0u8; 32], |(h,)| h);
    let hash = audit_hash(&prev_hash, event);
    let (id,): (i64,) = sqlx::query_as(
        "INSERT INTO audit_events (at, actor, action, detail, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6) \
         RETURNING id",
    )
    .bind(event.at)
    .bind(&event.actor)
    .bind(&event.action)
    .bind(&event.detail)
    .bind(&prev_hash)
    .bind(&hash)
    .fetch_one(&mut **tx)
    .await?;
    Ok(AuditRecord { id, event: event.clone(), prev_hash, hash })
}

/// Inserts one report unless its (source, ref) is stored already; then answers the stored id.
/// Stores many reports with three statements whatever their number (a bulk import's batch,
/// or a group of web submissions): ids are drawn from the sequence first, so that each report
/// knows its id; the rows go in as arrays (`UNNEST`); the reports whose (source, ref) was
/// already stored, which the insert skipped, are looked up together. Photos, rare and large,
/// are inserted row by row. Answers are in the order of `reports`.
async fn insert_many(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    reports: &[NewReport],
    updated_hour: i64,
) -> Result<Vec<Inserted>, StoreError> {
    if reports.is_empty() {
        return Ok(Vec::new());
    }
    let n = i64::try_from(reports.len()).unwrap_or(i64::MAX);
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT nextval(pg_get_serial_sequence('reports', 'id')) FROM generate_series(1, $1)")
            .bind(n)
            .fetch_all(&mut **tx)
            .await?;
    if ids.len() != reports.len() {
        return Err(StoreError::Corrupt { column: "reports.id" });
    }
    let column = |f: &dyn Fn(&NewReport) -> Option<String>| reports.iter().map(f).collect::<Vec<_>>();
    let sources = column(&|r| Some(r.source.as_str().to_owned()));
    let references = column(&|r| r.reference.clone());
    let key_ids = column(&|r| Some(r.key_id.clone()));
    let hashes = column(&|r| r.receipt.as_ref().map(|x| x.hash.clone()));
    let reporters = column(&|r| r.receipt.as_ref().and_then(|x| x.reporter_recipient.clone()));
    let hours: Vec<i64> = reports.iter().map(|r| r.submitted_hour).collect();
    let ciphertexts: Vec<&[u8]> = reports.iter().map(|r| r.ciphertext.as_slice()).collect();
    let indexes: Vec<Option<&[u8]>> = reports.iter().map(|r| r.receipt.as_ref().map(|x| x.index.as_slice())).collect();
    let created: Vec<i64> = sqlx::query_scalar(
        "INSERT INTO reports (id, source, ref, submitted_hour, status, key_id, ciphertext, receipt_index, \
         receipt_hash, updated_hour, reporter_recipient) \
         SELECT id, source, ref, submitted_hour, 'new', key_id, ciphertext, receipt_index, receipt_hash, $10, \
         reporter_recipient FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], \
         $6::bytea[], $7::bytea[], $8::text[], $9::text[]) \
         AS u(id, source, ref, submitted_hour, key_id, ciphertext, receipt_index, receipt_hash, reporter_recipient) \
         ON CONFLICT (source, ref) DO NOTHING RETURNING id",
    )
    .bind(&ids)
    .bind(&sources)
    .bind(&references)
    .bind(&hours)
    .bind(&key_ids)
    .bind(&ciphertexts)
    .bind(&indexes)
    .bind(&hashes)
    .bind(&reporters)
    .bind(updated_hour)
    .fetch_all(&mut **tx)
    .await?;
    let created: std::collections::HashSet<i64> = created.into_iter().collect();
    let mut answers: Vec<Inserted> = ids.iter().map(|&id| Inserted { id, created: created.contains(&id) }).collect();
    // Skipped: a report with this (source, ref) was stored before, or earlier in this batch.
    let skipped: Vec<usize> = (0..reports.len()).filter(|&i| !answers[i].created).collect();
    if !skipped.is_empty() {
        let found: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT u.ord, r.id FROM UNNEST($1::text[], $2::text[]) WITH ORDINALITY AS u(source, ref, ord) \
             JOIN reports r ON r.source = u.source AND r.ref = u.ref",
        )
        .bind(skipped.iter().map(|&i| sources[i].clone()).collect::<Vec<_>>())
        .bind(skipped.iter().map(|&i| references[i].clone()).collect::<Vec<_>>())
        .fetch_all(&mut **tx)
        .await?;
        for (ord, id) in found {
            let i = usize::try_from(ord - 1).ok().and_then(|k| skipped.get(k)).copied();
            if let Some(answer) = i.and_then(|i| answers.get_mut(i)) {
                answer.id = id;
            }
        }
    }
    for (report, answer) in reports.iter().zip(&answers) {
        if answer.created {
            insert_attachments(tx, answer.id, report).await?;
        }
    }
    Ok(answers)
}

async fn insert_attachments(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
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
        .bind(&a.ciphertext)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

async fn insert_one(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    r: &NewReport,
    updated_hour: i64,
) -> Result<Inserted, StoreError> {
    let id: Option<(i64,)> = sqlx::query_as(
        "INSERT INTO reports (source, ref, submitted_hour, status, key_id, ciphertext, receipt_index, receipt_hash, \
         updated_hour, reporter_recipient) VALUES ($1, $2, $3, 'new', $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (source, ref) DO NOTHING RETURNING id",
    )
    .bind(r.source.as_str())
    .bind(&r.reference)
    .bind(r.submitted_hour)
    .bind(&r.key_id)
    .bind(&r.ciphertext)
    .bind(r.receipt.as_ref().map(|x| x.index.as_slice()))
    .bind(r.receipt.as_ref().map(|x| x.hash.as_str()))
    .bind(updated_hour)
    .bind(r.receipt.as_ref().and_then(|x| x.reporter_recipient.as_deref()))
    .fetch_optional(&mut **tx)
    .await?;
    if let Some((id,)) = id {
        insert_attachments(tx, id, r).await?;
        return Ok(Inserted { id, created: true });
    }
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM reports WHERE source = $1 AND ref = $2")
        .bind(r.source.as_str())
        .bind(&r.reference)
        .fetch_one(&mut **tx)
        .await?;
    Ok(Inserted { id, created: false })
}
