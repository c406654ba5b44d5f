//! Throwaway databases for tests of this crate and the crates above it: an SQLite file in a
//! temporary folder, or, when `SHIELDCHECK_TEST_POSTGRES_URL` is set, a fresh PostgreSQL
//! database created for the test and dropped afterwards.

use std::str::FromStr;

use rand::Rng as _;
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

use crate::StoreError;

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
