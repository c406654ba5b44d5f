//! The passphrase that seals and opens the issuer keys: read from `SHIELDCHECK_KEY_PASSPHRASE`,
//! or asked for on the terminal. The key commands, the credential commands, `serve` and `demo`
//! use it.

use anyhow::{Context as _, bail, ensure};

/// The environment variable holding the passphrase that seals issuer keys.
pub const PASSPHRASE_VAR: &str = "SHIELDCHECK_KEY_PASSPHRASE";
const MIN_PASSPHRASE_CHARS: usize = 12;

/// The passphrase: from SHIELDCHECK_KEY_PASSPHRASE, or asked for on the terminal (never
/// echoed). Scripts and services set the variable; people at a terminal may type it.
pub fn passphrase() -> anyhow::Result<Vec<u8>> {
    let value = match std::env::var(PASSPHRASE_VAR) {
        Ok(value) => value,
        Err(_) if std::io::IsTerminal::is_terminal(&std::io::stdin()) => {
            rpassword::prompt_password("issuer key passphrase: ").context("could not read the passphrase")?
        }
        Err(_) => bail!("set {PASSPHRASE_VAR} to the passphrase that protects the issuer keys (or run on a terminal)"),
    };
    ensure!(
        value.chars().count() >= MIN_PASSPHRASE_CHARS,
        "the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters"
    );
    Ok(value.into_bytes())
}
