//! The production PostgreSQL store, shared by several stateless server instances. It holds
//! only what PostgreSQL does its own way (its settings, JSON and array parameters, its table
//! and row locks, batch ids from the sequence); the queries both backends share are written
//! once in `common`, and this file refuses copies of them.

use std::path::PathBuf;
use std::str::FromStr;

use async_trait::async_trait;
use shieldcheck_casefile::sealed_report::{AuditEvent, AuditRecord, Inserted, NewReport, audit_hash};
use shieldcheck_claim::roster::RosterMember;
use shieldcheck_nypd::rank::ShieldSeries;
use shieldcheck_report::Hour;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};

use crate::common::{Dialect, store_impl};
use crate::{Backend, Durability, MemberRow, OpenOptions, StoreError, member_columns, series_names};

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
impl Dialect for PostgresStore {
    type Db = sqlx::Postgres;

    fn pool(&self) -> &PgPool {
        &self.pool
    }

    fn backend(&self) -> Backend {
        Backend::Postgres
    }

    async fn durability_of(conn: &mut PgConnection) -> Result<Durability, StoreError> {
        let (commit,): (String,) = sqlx::query_as("SHOW synchronous_commit").fetch_one(&mut *conn).await?;
        let (fsync,): (String,) = sqlx::query_as("SHOW fsync").fetch_one(&mut *conn).await?;
        Ok(Durability {
            journal_mode: None,
            synchronous: None,
            synchronous_commit: Some(commit),
            fsync: Some(fsync),
            connections_checked: 1,
            consistent: true,
        })
    }

    async fn replace_members(
        tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
        rows: String,
    ) -> Result<(), StoreError> {
        // Readers keep seeing the old roster until the commit; concurrent imports queue here.
        sqlx::query("LOCK TABLE roster_members IN EXCLUSIVE MODE").execute(&mut **tx).await?;
        sqlx::query("DELETE FROM roster_members").execute(&mut **tx).await?;
        sqlx::query(
            "INSERT INTO roster_members (member_id, last_name, first_name, rank, shield_series, shield_number, \
             tax_registry_number, command_code, squad, status, photo_sha256) \
             SELECT r ->> 0, r ->> 1, r ->> 2, r ->> 3, r ->> 4, r ->> 5, r ->> 6, r ->> 7, r ->> 8, r ->> 9, r ->> 10 \
             FROM jsonb_array_elements($1::text::jsonb) AS r",
        )
        .bind(rows)
        .execute(&mut **tx)
        .await?;
        Ok(())
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

    async fn begin_batch(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, StoreError> {
        // No lock up front: insert_many draws its ids from the sequence, which no other
        // transaction is given.
        Ok(self.pool.begin().await?)
    }

    async fn insert_rows(
        tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
        reports: &[NewReport],
        updated_hour: Hour,
    ) -> Result<Vec<Inserted>, StoreError> {
        insert_many(tx, reports, updated_hour).await
    }

    fn sidecar_key_path(&self) -> Option<PathBuf> {
        None
    }

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
        .bind(event.at.as_secs())
        .bind(&event.actor)
        .bind(&event.action)
        .bind(&event.detail)
        .bind(&prev_hash)
        .bind(&hash)
        .fetch_one(&mut **tx)
        .await?;
        Ok(AuditRecord { id, event: event.clone(), prev_hash, hash })
    }

    async fn locked_report_status(
        tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
        id: i64,
    ) -> Result<Option<String>, StoreError> {
        let previous: Option<(String,)> = sqlx::query_as("SELECT status FROM reports WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
        Ok(previous.map(|(status,)| status))
    }

    async fn after_purge(&self) -> Result<(), StoreError> {
        // Nothing more: the deleted rows are gone from every table once the purge commits.
        Ok(())
    }
}

store_impl!(PostgresStore);

/// Stores many reports with three statements whatever their number (a bulk import's batch,
/// or a group of web submissions): ids are drawn from the sequence first, so that each report
/// knows its id; the rows go in as arrays (`UNNEST`); the reports whose (source, ref) was
/// already stored, which the insert skipped, are looked up together. Answers are in the order
/// of `reports`; their photos are left to the shared `insert_reports`.
async fn insert_many(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    reports: &[NewReport],
    updated_hour: Hour,
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
    let hours: Vec<i64> = reports.iter().map(|r| r.submitted_hour.get()).collect();
    let ciphertexts: Vec<&[u8]> = reports.iter().map(|r| r.ciphertext.as_bytes()).collect();
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
    .bind(updated_hour.get())
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
    Ok(answers)
}
