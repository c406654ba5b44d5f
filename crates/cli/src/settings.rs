//! Loading the settings every command runs with. The defaults come first, then the file named
//! by `--config` (or `SHIELDCHECK_CONFIG`), then `SHIELDCHECK_<SECTION>__<KEY>` environment
//! variables; each overrides what came before.

use std::path::Path;

use anyhow::Context as _;
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use shieldcheck_service::settings::{DEFAULT_TOML, Settings};

/// Settings: defaults < file < `SHIELDCHECK_<SECTION>__<KEY>` environment variables.
pub fn load(config: Option<&Path>) -> anyhow::Result<Settings> {
    let mut figment = Figment::new().merge(Toml::string(DEFAULT_TOML));
    if let Some(path) = config {
        anyhow::ensure!(path.is_file(), "the settings file {} does not exist", path.display());
        figment = figment.merge(Toml::file(path));
    }
    // Only nested keys: SHIELDCHECK_DATABASE_URL, SHIELDCHECK_LOG and the like are flags.
    figment = figment.merge(Env::prefixed("SHIELDCHECK_").filter(|k| k.as_str().contains("__")).split("__"));
    figment.extract().context("the settings are not valid")
}
