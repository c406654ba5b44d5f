//! Opening the database the commands work on. Its URL is the one of `--database-url` (or
//! `SHIELDCHECK_DATABASE_URL`) when given, else `database.url` of the settings, else the
//! default SQLite file.

use std::sync::Arc;

use secrecy::ExposeSecret as _;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::{DEFAULT_DATABASE_URL, OpenOptions, Store};

/// The database URL: the flag's, else the settings', else the default.
pub fn database_url(flag: Option<&str>, settings: &Settings) -> String {
    flag.map(str::to_owned)
        .or_else(|| settings.database.url.as_ref().map(|u| u.expose_secret().to_owned()))
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned())
}

/// Opens the database at `url` with the connection limits of the settings.
pub async fn open_url(url: &str, settings: &Settings) -> anyhow::Result<Arc<dyn Store>> {
    let options = OpenOptions { max_connections: settings.database.max_connections };
    Ok(shieldcheck_store::open(url, &options).await?)
}

/// Opens the database that the `--database-url` flag (`flag`) and the settings name.
pub async fn open(flag: Option<&str>, settings: &Settings) -> anyhow::Result<Arc<dyn Store>> {
    open_url(&database_url(flag, settings), settings).await
}
