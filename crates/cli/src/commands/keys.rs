//! `shieldcheck keys init|rotate|list`: the issuer's signing keys, their secrets sealed with
//! the passphrase (`SHIELDCHECK_KEY_PASSPHRASE`). A rotated key signs nothing new and keeps
//! verifying until the credentials it signed expire.

use std::process::ExitCode;

use anyhow::{Context as _, ensure};
use clap::Subcommand;
use rand::Rng as _;
use shieldcheck_credential::IssuerKey;
use shieldcheck_credential::sealed::SealedSecret;
use shieldcheck_service::clock::now;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::{IssuerKeyRecord, Store};

use crate::passphrase::passphrase;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// Create the first issuer key.
    Init,
    /// Create a new issuer key and retire the others (they keep verifying until their
    /// credentials expire).
    Rotate,
    /// List issuer keys.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// Runs a `keys` subcommand.
pub async fn run(command: &KeysCommand, database_url: Option<&str>, settings: &Settings) -> anyhow::Result<ExitCode> {
    let store = store::open(database_url, settings).await?;
    match command {
        KeysCommand::Init => init(store.as_ref()).await?,
        KeysCommand::Rotate => rotate(store.as_ref()).await?,
        KeysCommand::List { json } => list(store.as_ref(), *json).await?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A new sealed issuer key whose key id differs from every id in `taken`.
pub(crate) fn new_key_record(
    passphrase: &[u8],
    now: i64,
    taken: &[IssuerKeyRecord],
) -> anyhow::Result<IssuerKeyRecord> {
    let mut rng = rand::rng();
    // Short ids keep the QR code small; a collision with an earlier key is drawn again.
    let kid = std::iter::repeat_with(|| format!("k{}-{:04x}", now / 86_400, rng.random::<u16>()))
        .find(|kid| taken.iter().all(|k| k.kid != *kid))
        .context("no free key id")?;
    let secret: [u8; 32] = rng.random();
    let key = IssuerKey::from_secret(kid.clone().into_bytes(), &secret);
    let sealed = SealedSecret::seal(passphrase, &secret, kid.as_bytes(), rng.random(), rng.random())?;
    Ok(IssuerKeyRecord {
        kid,
        public_key: key.public().to_bytes().to_vec(),
        sealed_secret: sealed.to_text(),
        created_at: now,
        retired_at: None,
    })
}

/// `keys init`: the first issuer key, sealed with the passphrase.
async fn init(store: &dyn Store) -> anyhow::Result<()> {
    ensure!(store.issuer_keys().await?.is_empty(), "issuer keys already exist; use `shieldcheck keys rotate`");
    let record = new_key_record(&passphrase()?, now().as_secs(), &[])?;
    store.add_issuer_key(&record).await?;
    println!("created issuer key {}", record.kid);
    Ok(())
}

/// `keys rotate`: a new signing key; the others retire and verify until their credentials
/// expire.
async fn rotate(store: &dyn Store) -> anyhow::Result<()> {
    let at = now().as_secs();
    let record = new_key_record(&passphrase()?, at, &store.issuer_keys().await?)?;
    store.add_issuer_key(&record).await?;
    store.retire_issuer_keys_except(&record.kid, at).await?;
    println!(
        "created issuer key {}; earlier keys sign nothing new and verify until their credentials expire",
        record.kid
    );
    Ok(())
}

/// `keys list`: every issuer key, signing or retired, and until when it verifies.
async fn list(store: &dyn Store, json: bool) -> anyhow::Result<()> {
    let keys = store.issuer_keys().await?;
    let expiry = store.latest_expiry_by_key().await?;
    let rows: Vec<serde_json::Value> = keys
        .iter()
        .map(|k| {
            let last = expiry.iter().find(|(kid, _)| *kid == k.kid).map(|(_, e)| *e);
            serde_json::json!({
                "kid": k.kid,
                "created_at": k.created_at,
                "retired_at": k.retired_at,
                "signing": k.retired_at.is_none(),
                "verifies_until": if k.retired_at.is_none() { None } else { Some(last.unwrap_or(0).max(k.retired_at.unwrap_or(0))) },
            })
        })
        .collect();
    if json {
        println!("{}", serde_json::Value::Array(rows));
    } else if rows.is_empty() {
        println!("no issuer keys; create one with `shieldcheck keys init`");
    } else {
        for (k, row) in keys.iter().zip(&rows) {
            let state = if k.retired_at.is_none() {
                "signing".to_owned()
            } else {
                format!("retired, verifies until {}", row["verifies_until"])
            };
            println!("{}  created {}  {state}", k.kid, k.created_at);
        }
    }
    Ok(())
}
