//! The embedded SQLite store: one file, WAL journal, full synchronous commits, foreign keys on.
//! It holds only what SQLite does its own way (its settings, JSON unpacking, its write lock,
//! batch ids and the WAL after a purge); the queries both backends share are written once in
//! `common`, and this file refuses copies of them.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use async_trait::async_trait;
use shieldcheck_casefile::sealed_report::{AuditEvent, AuditRecord, Inserted, NewReport, audit_hash};
use shieldcheck_claim::roster::RosterMember;
use shieldcheck_nypd::rank::ShieldSeries;
use shieldcheck_report::Hour;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::common::{Dialect, store_impl};
use crate::{Backend, Durability, MemberRow, OpenOptions, StoreError, member_columns, series_names, synchronous_name};

/// A store in one SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    path: PathBuf,
}

impl SqliteStore {
    /// Opens (creating when missing) the database file and runs the migrations.
    #[tracing::instrument(skip_all, err)]
    pub async fn open(path: &Path, options: &OpenOptions) -> Result<Self, StoreError> {
        owner_only(path).map_err(StoreError::Location)?;
        let connect = SqliteConnectOptions::from_str("sqlite:")
            .map_err(StoreError::Connect)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            // Deleted rows (purged reports) are overwritten with zeros, not left in free pages.
            .pragma("secure_delete", "ON")
            // A 16 MiB page cache per connection (SQLite's default is 2 MiB): a bulk import's
            // inserts land all over the status index, which a small cache reads again and
            // again. Filled only as pages are used.
            .pragma("cache_size", "-16384")
            .busy_timeout(Duration::from_secs(10));
        let pool = SqlitePoolOptions::new()
            .max_connections(options.max_connections.max(1))
            .connect_with(connect)
            .await
            .map_err(StoreError::Connect)?;
        sqlx::migrate!("./migrations/sqlite").run(&pool).await.map_err(StoreError::Migrate)?;
        Ok(SqliteStore { pool, path: path.to_owned() })
    }
}

/// The database holds sealed reports, receipt verifiers and the roster: only its owner may read
/// it. A directory made for it is made 0700; the file is created 0600 before SQLite opens it,
/// and SQLite gives its WAL and shared-memory files the mode of the database. A database made
/// with wider modes by an earlier version is narrowed to 0600, with its WAL and shared-memory
/// files; a directory that was already there is left as it is (it may be shared on purpose).
fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
            std::fs::DirBuilder::new().recursive(true).mode(0o700).create(parent)?;
        }
        match std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path) {
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            match std::fs::metadata(&file) {
                Ok(meta) if meta.permissions().mode() & 0o077 != 0 => {
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))?;
                }
                Ok(_) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e),
            }
        }
    }
    #[cfg(not(unix))]
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    Ok(())
}

#[async_trait]
impl Dialect for SqliteStore {
    type Db = sqlx::Sqlite;

    fn pool(&self) -> &SqlitePool {
        &self.pool
    }

    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn durability_of(conn: &mut SqliteConnection) -> Result<Durability, StoreError> {
        // Each connection runs its own pragmas.
        let (journal_mode,): (String,) = sqlx::query_as("PRAGMA journal_mode").fetch_one(&mut *conn).await?;
        let (synchronous,): (i64,) = sqlx::query_as("PRAGMA synchronous").fetch_one(&mut *conn).await?;
        Ok(Durability {
            journal_mode: Some(journal_mode.to_ascii_lowercase()),
            synchronous: Some(synchronous_name(synchronous)),
            synchronous_commit: None,
            fsync: None,
            connections_checked: 1,
            consistent: true,
        })
    }

    async fn replace_members(
        tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
        rows: String,
    ) -> Result<(), StoreError> {
        // The DELETE takes SQLite's write lock, held until the commit: imports do not interleave.
        sqlx::query("DELETE FROM roster_members").execute(&mut **tx).await?;
        sqlx::query(
            "INSERT INTO roster_members (member_id, last_name, first_name, rank, shield_series, shield_number, \
             tax_registry_number, command_code, squad, status, photo_sha256) \
             SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, \
                    value ->> 6, value ->> 7, value ->> 8, value ->> 9, value ->> 10 \
             FROM json_each(?1)",
        )
        .bind(rows)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }

    async fn roster(&self) -> Result<Vec<RosterMember>, StoreError> {
        let rows: Vec<MemberRow> =
            sqlx::query_as(concat!("SELECT ", member_columns!(), " FROM roster_members ORDER BY member_id"))
                .fetch_all(&self.pool)
                .await?;
        rows.into_iter().map(MemberRow::into_member).collect()
    }

    async fn members_by_shield(&self, series: &[ShieldSeries], number: &str) -> Result<Vec<RosterMember>, StoreError> {
        let series = serde_json::to_string(&series_names(series)).unwrap_or_else(|_| "[]".into());
        let rows: Vec<MemberRow> = sqlx::query_as(concat!(
            "SELECT ",
            member_columns!(),
            " FROM roster_members WHERE shield_number = ?1 AND shield_series IN (SELECT value FROM json_each(?2))"
        ))
        .bind(number)
        .bind(series)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(MemberRow::into_member).collect()
    }

    async fn begin_batch(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, StoreError> {
        // IMMEDIATE: the write lock is taken first, so the ids insert_many reads stay this
        // transaction's to give.
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }

    async fn insert_rows(
        tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
        reports: &[NewReport],
        updated_hour: Hour,
    ) -> Result<Vec<Inserted>, StoreError> {
        insert_many(tx, reports, updated_hour).await
    }

    fn sidecar_key_path(&self) -> Option<PathBuf> {
        let mut name = self.path.file_name()?.to_owned();
        name.push(".receipt-key");
        Some(self.path.with_file_name(name))
    }

    async fn append_audit_in(
        tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
        event: &AuditEvent,
    ) -> Result<AuditRecord, StoreError> {
        // Writing first takes SQLite's write lock, so no other event can slip in between
        // reading the previous hash and chaining to it.
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO audit_events (at, actor, action, detail, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, X'', X'') \
             RETURNING id",
        )
        .bind(event.at.as_secs())
        .bind(&event.actor)
        .bind(&event.action)
        .bind(&event.detail)
        .fetch_one(&mut **tx)
        .await?;
        let prev: Option<(Vec<u8>,)> =
            sqlx::query_as("SELECT hash FROM audit_events WHERE id < ?1 ORDER BY id DESC LIMIT 1")
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
        let prev_hash = prev.map_or_else(|| vec![0u8; 32], |(h,)| h);
        let hash = audit_hash(&prev_hash, event);
        sqlx::query("UPDATE audit_events SET prev_hash = ?1, hash = ?2 WHERE id = ?3")
            .bind(&prev_hash)
            .bind(&hash)
            .bind(id)
            .execute(&mut **tx)
            .await?;
        Ok(AuditRecord { id, event: event.clone(), prev_hash, hash })
    }

    async fn locked_report_status(
        tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
        id: i64,
    ) -> Result<Option<String>, StoreError> {
        // SQLite has no SELECT … FOR UPDATE, and its UPDATE … RETURNING gives the new row: read
        // the old status under the write lock taken by a no-op update first.
        let touched =
            sqlx::query("UPDATE reports SET status = status WHERE id = ?1").bind(id).execute(&mut **tx).await?;
        if touched.rows_affected() == 0 {
            return Ok(None);
        }
        let (previous,): (String,) =
            sqlx::query_as("SELECT status FROM reports WHERE id = ?1").bind(id).fetch_one(&mut **tx).await?;
        Ok(Some(previous))
    }

    async fn after_purge(&self) -> Result<(), StoreError> {
        // secure_delete zeroed the freed pages, but older copies of them may still sit in the
        // WAL: copy everything back into the database and cut the WAL to nothing.
        let (busy, _, _): (i64, i64, i64) =
            sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)").fetch_one(&self.pool).await?;
        if busy != 0 {
            tracing::warn!(
                "the WAL could not be truncated after a purge (a reader was active); it will be at the next purge"
            );
        }
        Ok(())
    }
}

store_impl!(SqliteStore);

/// Rows per multi-row statement in [`insert_many`] (10 parameters each, far below SQLite's
/// limit of 32,766).
const ROWS_PER_STATEMENT: usize = 500;

/// Stores many reports with one statement per [`ROWS_PER_STATEMENT`] rows (a bulk import's
/// batch, or a group of web submissions), inside a transaction that holds the write lock: each
/// report is given its id (after the highest ever given: the table is AUTOINCREMENT, so ids of
/// purged reports are never reused), the rows go in with `ON CONFLICT (source, ref) DO
/// NOTHING`, and the reports whose (source, ref) was already stored, which were skipped, are
/// looked up together. Answers are in the order of `reports`; their photos are left to the
/// shared `insert_reports`.
async fn insert_many(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    reports: &[NewReport],
    updated_hour: Hour,
) -> Result<Vec<Inserted>, StoreError> {
    let (last,): (i64,) = sqlx::query_as(
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'reports'), 0), \
         COALESCE((SELECT MAX(id) FROM reports), 0))",
    )
    .fetch_one(&mut **tx)
    .await?;
    let mut answers: Vec<Inserted> =
        (1..).zip(reports).map(|(i, _)| Inserted { id: last + i, created: false }).collect();
    let mut created = std::collections::HashSet::new();
    for (chunk, rows) in answers.chunks(ROWS_PER_STATEMENT).zip(reports.chunks(ROWS_PER_STATEMENT)) {
        let values = vec!["(?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?)"; rows.len()].join(", ");
        let sql = format!(
            "INSERT INTO reports (id, source, ref, submitted_hour, status, key_id, ciphertext, receipt_index, \
             receipt_hash, updated_hour, reporter_recipient) VALUES {values} \
             ON CONFLICT (source, ref) DO NOTHING RETURNING id"
        );
        let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql));
        for (answer, r) in chunk.iter().zip(rows) {
            query = query
                .bind(answer.id)
                .bind(r.source.as_str())
                .bind(&r.reference)
                .bind(r.submitted_hour.get())
                .bind(&r.key_id)
                .bind(r.ciphertext.as_bytes())
                .bind(r.receipt.as_ref().map(|x| x.index.as_slice()))
                .bind(r.receipt.as_ref().map(|x| x.hash.as_str()))
                .bind(updated_hour.get())
                .bind(r.receipt.as_ref().and_then(|x| x.reporter_recipient.as_deref()));
        }
        created.extend(query.fetch_all(&mut **tx).await?);
    }
    for answer in &mut answers {
        answer.created = created.contains(&answer.id);
    }
    // Skipped: a report with this (source, ref) was stored before, or earlier in this batch.
    let skipped: Vec<usize> = (0..reports.len()).filter(|&i| !answers[i].created).collect();
    for part in skipped.chunks(ROWS_PER_STATEMENT) {
        let values = vec!["(?, ?, ?)"; part.len()].join(", ");
        let sql = format!(
            "WITH u(ord, source, ref) AS (VALUES {values}) \
             SELECT u.ord, r.id FROM u JOIN reports r ON r.source = u.source AND r.ref = u.ref"
        );
        let mut query = sqlx::query_as::<_, (i64, i64)>(sqlx::AssertSqlSafe(sql));
        for &i in part {
            let r = &reports[i];
            query = query.bind(i64::try_from(i).unwrap_or(i64::MAX)).bind(r.source.as_str()).bind(&r.reference);
        }
        for (ord, id) in query.fetch_all(&mut **tx).await? {
            if let Some(answer) = usize::try_from(ord).ok().and_then(|i| answers.get_mut(i)) {
                answer.id = id;
            }
        }
    }
    Ok(answers)
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::os::unix::fs::PermissionsExt as _;

    use crate::Store as _;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[tokio::test]
    async fn the_database_is_its_owners_alone() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("made/for/it");
        let path = folder.join("x.db");
        let store = SqliteStore::open(&path, &OpenOptions::default()).await.unwrap();
        store.ping().await.unwrap();
        assert_eq!(mode(&folder), 0o700, "a directory made for the database");
        for suffix in ["", "-wal", "-shm"] {
            let file = PathBuf::from(format!("{}{suffix}", path.display()));
            assert_eq!(mode(&file), 0o600, "{}", file.display());
        }
        store.pool.close().await;
    }

    #[tokio::test]
    async fn a_database_made_world_readable_is_narrowed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        let first = SqliteStore::open(&path, &OpenOptions::default()).await.unwrap();
        first.pool.close().await;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let again = SqliteStore::open(&path, &OpenOptions::default()).await.unwrap();
        again.ping().await.unwrap();
        assert_eq!(mode(&path), 0o600);
        again.pool.close().await;
    }

    #[tokio::test]
    async fn a_directory_that_was_there_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let shared = dir.path().join("shared");
        std::fs::create_dir(&shared).unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o755)).unwrap();
        let store = SqliteStore::open(&shared.join("x.db"), &OpenOptions::default()).await.unwrap();
        assert_eq!(mode(&shared), 0o755);
        assert_eq!(mode(&shared.join("x.db")), 0o600);
        store.pool.close().await;
    }
}
