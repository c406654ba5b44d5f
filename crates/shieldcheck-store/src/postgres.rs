//! The production PostgreSQL store, shared by several stateless server instances.

use std::str::FromStr;

use async_trait::async_trait;
use shieldcheck_core::rank::ShieldSeries;
use shieldcheck_core::roster::RosterMember;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use crate::{
    Backend, CredentialRecord, CredentialStatus, IssuerKeyRecord, IssuerKeyRow, MemberRow, OpenOptions, RosterSummary,
    Store, StoreError, index_param, member_columns, now_unix, roster_json, series_names, statuses,
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
}
