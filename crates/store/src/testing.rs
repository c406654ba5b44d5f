//! Throwaway databases for tests of this crate and the crates above it: an SQLite file in a
//! temporary folder, or, when `SHIELDCHECK_TEST_POSTGRES_URL` is set, a fresh PostgreSQL
//! database created for the test and dropped afterwards; and a case team to seal reports to.

use std::path::Path;
use std::str::FromStr;
use std::sync::Arc;

use rand::Rng as _;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

use shieldcheck_casefile::sealed_report::{TeamIdentity, TeamRecipient};

use crate::{OpenOptions, PostgresStore, Store, StoreError};

/// The environment variable naming a PostgreSQL server tests may create databases on.
pub const POSTGRES_URL_VAR: &str = "SHIELDCHECK_TEST_POSTGRES_URL";

/// A database created for one test on the server `SHIELDCHECK_TEST_POSTGRES_URL` names.
#[derive(Debug)]
pub struct ScratchPostgres {
    admin: PgConnectOptions,
    name: String,
    /// The URL of the new database.
    pub url: String,
}

impl ScratchPostgres {
    /// Creates a database with a random name, or returns `None` when the variable is unset.
    pub async fn create() -> Result<Option<ScratchPostgres>, StoreError> {
        let Ok(admin_url) = std::env::var(POSTGRES_URL_VAR) else {
            return Ok(None);
        };
        let admin = PgConnectOptions::from_str(&admin_url).map_err(StoreError::Connect)?;
        let name = format!("shieldcheck_test_{:016x}", rand::rng().random::<u64>());
        let mut conn = admin.connect().await.map_err(StoreError::Connect)?;
        // The name is ours (a fixed prefix and hex digits), never input.
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut conn).await?;
        conn.close().await?;
        let url = replace_database(&admin_url, &name);
        Ok(Some(ScratchPostgres { admin, name, url }))
    }

    /// Drops the database (after the store using it has closed its connections).
    pub async fn drop_database(self) -> Result<(), StoreError> {
        let mut conn = self.admin.connect().await.map_err(StoreError::Connect)?;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name)))
            .execute(&mut conn)
            .await?;
        conn.close().await?;
        Ok(())
    }
}

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A store on a database of its own: an SQLite file, or a scratch PostgreSQL database that
/// [`ScratchStore::close`] drops.
#[derive(Debug)]
pub struct ScratchStore {
    pub store: Arc<dyn Store>,
    /// The database's URL, for a process of its own (the command line).
    pub url: String,
    /// The SQLite file; `None` on PostgreSQL.
    pub file: Option<std::path::PathBuf>,
    postgres: Option<(PostgresStore, ScratchPostgres)>,
}

impl ScratchStore {
    /// A store on a new SQLite file `name` in `dir` (which the caller keeps for the test).
    pub async fn sqlite(dir: &Path, name: &str) -> Result<ScratchStore, StoreError> {
        let file = dir.join(name);
        let url = format!("sqlite://{}", file.display());
        let store = crate::open(&url, &OpenOptions::default()).await?;
        Ok(ScratchStore { store, url, file: Some(file), postgres: None })
    }

    /// A store on a new PostgreSQL database, or `None` when `SHIELDCHECK_TEST_POSTGRES_URL` is
    /// unset.
    pub async fn postgres() -> Result<Option<ScratchStore>, StoreError> {
        let Some(db) = ScratchPostgres::create().await? else {
            return Ok(None);
        };
        let pg = PostgresStore::open(&db.url, &OpenOptions::default()).await?;
        let store: Arc<dyn Store> = Arc::new(pg.clone());
        Ok(Some(ScratchStore { store, url: db.url.clone(), file: None, postgres: Some((pg, db)) }))
    }

    /// A store on `backend`: SQLite as [`ScratchStore::sqlite`] (the file `name` in `dir`),
    /// PostgreSQL as [`ScratchStore::postgres`].
    pub async fn open(backend: Backend, dir: &Path, name: &str) -> Result<Option<ScratchStore>, StoreError> {
        match backend {
            Backend::Sqlite => ScratchStore::sqlite(dir, name).await.map(Some),
            Backend::Postgres => ScratchStore::postgres().await,
        }
    }

    /// Closes a PostgreSQL store's connections and drops its database; nothing on SQLite.
    pub async fn close(self) -> Result<(), StoreError> {
        if let Some((pg, db)) = self.postgres {
            pg.close().await;
            db.drop_database().await?;
        }
        Ok(())
    }
}

/// Registers a new case-team key, as `shieldcheck team-keys init` does; its identity opens
/// what is sealed from then on.
pub async fn register_team(store: &dyn Store) -> Result<TeamIdentity, StoreError> {
    let team = TeamIdentity::generate();
    let recipient = TeamRecipient { recipient: team.public_keys()[0].clone(), label: None, added_at: 0 };
    store.add_team_recipient(&recipient).await?;
    Ok(team)
}

/// The same URL with its database path replaced.
fn replace_database(url: &str, database: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            super::replace_database("postgres://postgres@127.0.0.1:5432/test", "x"),
            "postgres://postgres@127.0.0.1:5432/x"
        );
        assert_eq!(super::replace_database("postgres://h", "x"), "postgres://h/x");
        assert_eq!(super::replace_database("postgres://h/db?sslmode=disable", "x"), "postgres://h/x?sslmode=disable");
    }
}
