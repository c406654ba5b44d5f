//! `shieldcheck verify`: a presentation (the `SC1:` payload of an officer's QR code, or a PNG
//! image of the code) checked online against the database, where a revocation counts at once,
//! or with `--offline` against the published key set and signed status list cached on disk.
//! Every online check refreshes that cache.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use shieldcheck_credential::answer::{VerifyAnswer, verify_published};
use shieldcheck_credential::keyset::KeySet;
use shieldcheck_credential::{VerifyOptions, VerifyResult};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_service::clock::now;
use shieldcheck_service::credentials::{STATUS_LIST_URI, key_set, verify_payload};
use shieldcheck_service::settings::Settings;
use shieldcheck_store::Store;

use crate::time::utc;
use crate::{qr, store};

#[derive(Debug, Args)]
pub struct VerifyArgs {
    #[arg(required_unless_present = "image", conflicts_with = "image")]
    payload: Option<String>,
    /// Read the payload from a PNG image of the QR code.
    #[arg(long)]
    image: Option<PathBuf>,
    /// Verify as of this unix time instead of now.
    #[arg(long)]
    at: Option<i64>,
    /// The 4-digit challenge shown to the officer, in challenge mode.
    #[arg(long)]
    challenge: Option<u16>,
    /// Verify without the database, from the key set and signed status list cached in
    /// --trust-dir (written by every online `verify`; or copy them from the service's /.well-known/shieldcheck/keys and
    /// /api/v1/status-lists/1). The answer says how old the status list is.
    #[arg(long)]
    offline: bool,
    /// Where the offline cache lives.
    #[arg(long, env = "SHIELDCHECK_TRUST_DIR", default_value = "shieldcheck-data/verifier")]
    trust_dir: PathBuf,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs `verify`: the payload (given, or read from the image), checked online or offline.
pub async fn run(args: &VerifyArgs, database_url: Option<&str>, settings: &Settings) -> anyhow::Result<ExitCode> {
    let payload = match (&args.payload, &args.image) {
        (Some(p), _) => p.clone(),
        (None, Some(image)) => qr::read_png(image)?,
        (None, None) => anyhow::bail!("give a payload or --image"),
    };
    let request = VerifyRequest {
        payload: &payload,
        at: args.at,
        challenge: args.challenge,
        clock_skew_secs: settings.credentials.clock_skew_secs,
        json: args.json,
    };
    if args.offline {
        verify_offline(&args.trust_dir, &request)?;
    } else {
        let store = store::open(database_url, settings).await?;
        verify(store.as_ref(), &args.trust_dir, &request).await?;
    }
    Ok(ExitCode::SUCCESS)
}

/// What to verify, and how to answer.
#[derive(Debug)]
struct VerifyRequest<'a> {
    payload: &'a str,
    at: Option<i64>,
    challenge: Option<u16>,
    /// Tolerated clock difference beyond the ±1 time step (settings: credentials.clock_skew_secs).
    clock_skew_secs: i64,
    json: bool,
}

/// The offline cache: the published key set and the signed status list token.
const CACHED_KEYS: &str = "keys.json";
const CACHED_STATUS_LIST: &str = "status-list.cwt";

/// Online: against the store (a revocation counts at once); then refreshes the offline cache.
async fn verify(store: &dyn Store, trust_dir: &Path, request: &VerifyRequest<'_>) -> anyhow::Result<()> {
    let at = request.at.unwrap_or_else(|| now().as_secs());
    let options = VerifyOptions { challenge: request.challenge, clock_skew_secs: request.clock_skew_secs };
    let answer = verify_payload(store, Registry::nypd(), request.payload, &options, at).await?;
    if let Err(e) = refresh_cache(store, trust_dir).await {
        tracing::warn!("could not refresh the offline cache in {}: {e:#}", trust_dir.display());
    }
    print_answer(&answer, request.json)
}

/// Offline: only the cached key set and status list; the answer says how old the list is.
fn verify_offline(trust_dir: &Path, request: &VerifyRequest<'_>) -> anyhow::Result<()> {
    let keys_path = trust_dir.join(CACHED_KEYS);
    let keys = std::fs::read(&keys_path).with_context(|| {
        format!(
            "no cached key set at {}: verify once online, or save the service's /.well-known/shieldcheck/keys there",
            keys_path.display()
        )
    })?;
    let keys: KeySet =
        serde_json::from_slice(&keys).with_context(|| format!("{} is not a key set", keys_path.display()))?;
    // Without a cached status list the answer is at best status_unavailable, never valid.
    let token = std::fs::read(trust_dir.join(CACHED_STATUS_LIST)).ok();
    let options = VerifyOptions { challenge: request.challenge, clock_skew_secs: request.clock_skew_secs };
    let at = request.at.unwrap_or_else(|| now().as_secs());
    let answer = verify_published(request.payload, &keys, token.as_deref(), at, &options, Registry::nypd());
    print_answer(&answer, request.json)
}

/// Writes the key set and the latest signed status list where `verify --offline` reads them.
async fn refresh_cache(store: &dyn Store, trust_dir: &Path) -> anyhow::Result<()> {
    let keys = key_set(store, now().as_secs()).await?;
    std::fs::create_dir_all(trust_dir)?;
    write_atomically(&trust_dir.join(CACHED_KEYS), &serde_json::to_vec_pretty(&keys)?)?;
    if let Some((_, token)) = store.latest_status_list_token(STATUS_LIST_URI).await? {
        write_atomically(&trust_dir.join(CACHED_STATUS_LIST), &token)?;
    }
    Ok(())
}

fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let tmp = path.with_extension("partial");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)?;
    Ok(())
}

fn print_answer(answer: &VerifyAnswer, json: bool) -> anyhow::Result<()> {
    if json {
        println!("{}", serde_json::to_string(answer)?);
        return Ok(());
    }
    let verdict = if answer.result == VerifyResult::Valid { "VALID" } else { "NOT VALID" };
    println!("{verdict}: {}", serde_json::to_value(answer.result)?.as_str().unwrap_or_default());
    // Details only beside a valid answer, so that a name cannot make "not valid" look good.
    if let Some(m) = answer.member.as_ref().filter(|_| answer.result == VerifyResult::Valid) {
        let number = m.shield_number.as_ref().or(m.tax_registry_number.as_ref()).cloned().unwrap_or_default();
        let command = m.command.clone().unwrap_or_else(|| m.command_code.clone());
        println!("{} · {} · {number} · {command}", m.name, m.rank);
        if let Some(phone) = &m.command_phone {
            println!("to be sure, call the command's desk: {phone}");
        }
    }
    if let Some(as_of) = answer.status_as_of {
        println!("status as of {}", utc(as_of));
    }
    Ok(())
}
