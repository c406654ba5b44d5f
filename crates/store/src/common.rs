//! What the SQLite and PostgreSQL stores share. For now it only holds to account the one
//! thing sharing query text would rest on: that sqlx's SQLite driver binds `$1`-style
//! placeholders, PostgreSQL's own form, by the number in their names. It holds no SQL that
//! either database would read differently.

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
