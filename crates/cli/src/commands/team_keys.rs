//! `shieldcheck team-keys init|add|list`: the case team's age public keys. Every report is
//! sealed to all of them; `init` also writes the identity (the secret half) to a file that
//! belongs off the server.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Subcommand;
use secrecy::ExposeSecret as _;
use shieldcheck_casefile::sealed_report::{TeamIdentity, TeamKeys, TeamRecipient, parse_recipient};
use shieldcheck_report::time::rfc3339_utc;
use shieldcheck_service::clock::now;
use shieldcheck_service::settings::Settings;
use shieldcheck_store::Store;

use crate::private_files::write_new_private;
use crate::store;

#[derive(Debug, Subcommand)]
pub enum TeamKeysCommand {
    /// Make a case-team identity: write it to --out in the format of `age-keygen` (mode 0600,
    /// never overwriting; keep it off the server), register its public key and print it.
    Init {
        #[arg(long)]
        out: PathBuf,
        /// Who holds it, for `team-keys list`.
        #[arg(long)]
        label: Option<String>,
    },
    /// Register a case-team member's age public key (age1…).
    Add {
        public_key: String,
        /// Who holds it, for `team-keys list`.
        #[arg(long)]
        label: Option<String>,
    },
    /// List the registered keys.
    List {
        #[arg(long)]
        json: bool,
    },
}

/// Runs a `team-keys` subcommand.
pub async fn run(
    command: &TeamKeysCommand,
    database_url: Option<&str>,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    let store = store::open(database_url, settings).await?;
    let store = store.as_ref();
    match command {
        TeamKeysCommand::Init { out, label } => init(store, out, label.as_deref()).await?,
        TeamKeysCommand::Add { public_key, label } => add(store, public_key, label.as_deref()).await?,
        TeamKeysCommand::List { json } => list(store, *json).await?,
    }
    Ok(ExitCode::SUCCESS)
}

/// `team-keys init`: a new identity file (age-keygen format, mode 0600, never overwritten),
/// its public key registered and printed.
#[tracing::instrument(name = "team_keys_init", skip_all, err)]
async fn init(store: &dyn Store, out: &Path, label: Option<&str>) -> anyhow::Result<()> {
    let public_key = new_team_identity(store, out, label).await?;
    eprintln!(
        "wrote the case-team identity to {}: anyone holding it can read every report sealed to it. Keep it off this \
         server (an offline machine or a hardware-backed store), and keep a backup: without it no report can be read.",
        out.display()
    );
    println!("{public_key}");
    Ok(())
}

/// Writes a new case-team identity to `out` (never overwriting) and registers its public key,
/// which it returns.
pub(crate) async fn new_team_identity(store: &dyn Store, out: &Path, label: Option<&str>) -> anyhow::Result<String> {
    let identity = TeamIdentity::generate();
    let public_key = identity.public_keys().concat();
    let text = identity.to_file_text(&now().to_string());
    write_new_private(out, text.expose_secret().as_bytes())
        .with_context(|| format!("could not create {} (an existing file is never overwritten)", out.display()))?;
    let record =
        TeamRecipient { recipient: public_key.clone(), label: label.map(str::to_owned), added_at: now().as_secs() };
    store.add_team_recipient(&record).await?;
    Ok(public_key)
}

/// `team-keys add`: registers a case-team member's age X25519 public key.
#[tracing::instrument(name = "team_keys_add", skip_all, err)]
async fn add(store: &dyn Store, public_key: &str, label: Option<&str>) -> anyhow::Result<()> {
    let recipient = parse_recipient(public_key)?;
    let record =
        TeamRecipient { recipient: recipient.clone(), label: label.map(str::to_owned), added_at: now().as_secs() };
    if store.add_team_recipient(&record).await? {
        println!("added {recipient}; new reports are sealed to it as well");
    } else {
        println!("{recipient} was already registered");
    }
    Ok(())
}

/// `team-keys list`.
async fn list(store: &dyn Store, json: bool) -> anyhow::Result<()> {
    let recipients = store.team_recipients().await?;
    let key_id = TeamKeys::from_records(&recipients).ok().map(|k| k.key_id().to_owned());
    if json {
        println!("{}", serde_json::json!({ "key_id": key_id, "keys": recipients }));
        return Ok(());
    }
    if recipients.is_empty() {
        println!("no case-team key is registered");
        return Ok(());
    }
    for r in &recipients {
        println!("{}  {}  {}", r.recipient, rfc3339_utc(r.added_at), r.label.as_deref().unwrap_or(""));
    }
    if let Some(key_id) = key_id {
        println!("new reports are sealed to these {} keys (key id {key_id})", recipients.len());
    }
    Ok(())
}
