//! `shieldcheck credential …`: officers' credentials. Device keys and presentations need no
//! database; issuing, enrolment codes and status changes open the issuer key with the
//! passphrase, and every status change is published in a signed status list at once.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail, ensure};
use clap::Subcommand;
use rand::Rng as _;
use shieldcheck_claim::roster::MemberStatus;
use shieldcheck_credential::present;
use shieldcheck_service::clock::now;
use shieldcheck_service::issuer::{Issuer, MAX_DAYS, MAX_ENROLMENT_HOURS, enrolment_code_hash, new_enrolment_code};
use shieldcheck_service::settings::Settings;
use shieldcheck_store::{CredentialStatus, Store};

use crate::passphrase::passphrase;
use crate::time::utc;
use crate::{qr, store};

#[derive(Debug, Subcommand)]
pub enum CredentialCommand {
    /// Write a new P-256 device key to FILE and its public key to FILE.pub (kiosks, tests).
    DeviceKey {
        #[arg(long)]
        out: PathBuf,
    },
    /// Issue a credential to an active member, bound to a device public key.
    Issue {
        #[arg(long)]
        member: String,
        #[arg(long)]
        device_public_key: PathBuf,
        /// Validity in days (at most 30).
        #[arg(long, default_value_t = 30)]
        days: u32,
        /// Write the credential here (binary); without it, print it as hex.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print a live presentation (`SC1:` payload) of a credential.
    Present {
        #[arg(long)]
        credential: PathBuf,
        #[arg(long)]
        device_key: PathBuf,
        /// Present as of this unix time instead of now.
        #[arg(long)]
        at: Option<i64>,
        /// Sign the verifier's 4-digit challenge.
        #[arg(long)]
        challenge: Option<u16>,
        /// Also write the QR code as a PNG image.
        #[arg(long)]
        qr: Option<PathBuf>,
    },
    /// Make a one-time enrolment code for the officer page (/officer): the officer types it
    /// once on their own phone, which then holds the credential and a key that never leaves it.
    Enrol {
        #[arg(long)]
        member: String,
        /// Hours the code stays usable.
        #[arg(long, default_value_t = 24)]
        hours: u32,
    },
    /// Revoke a member's credentials.
    Revoke {
        #[arg(long)]
        member: String,
    },
    /// Suspend a member's credentials.
    Suspend {
        #[arg(long)]
        member: String,
    },
    /// Reinstate a member's suspended credentials.
    Reinstate {
        #[arg(long)]
        member: String,
    },
    /// Sign and store the current status list (run at least once per ttl, e.g. from cron).
    PublishStatus,
}

/// Runs a `credential` subcommand; only those that need the database open it.
pub async fn run(
    command: &CredentialCommand,
    database_url: Option<&str>,
    settings: &Settings,
) -> anyhow::Result<ExitCode> {
    match command {
        CredentialCommand::DeviceKey { out } => device_key(out)?,
        CredentialCommand::Present { credential, device_key, at, challenge, qr } => {
            present_credential(credential, device_key, *at, *challenge, qr.as_deref())?;
        }
        command => {
            let store = store::open(database_url, settings).await?;
            let store = store.as_ref();
            match command {
                CredentialCommand::Issue { member, device_public_key, days, out } => {
                    issue(store, member, device_public_key, *days, out.as_deref()).await?;
                }
                CredentialCommand::Revoke { member } => set_status(store, member, CredentialStatus::Revoked).await?,
                CredentialCommand::Suspend { member } => set_status(store, member, CredentialStatus::Suspended).await?,
                CredentialCommand::Reinstate { member } => set_status(store, member, CredentialStatus::Valid).await?,
                CredentialCommand::PublishStatus => publish_status_list(store).await?,
                CredentialCommand::Enrol { member, hours } => enrolment_code(store, member, *hours).await?,
                CredentialCommand::DeviceKey { .. } | CredentialCommand::Present { .. } => {}
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes a new P-256 device key: the secret to `out`, the public key to `out.pub`.
fn device_key(out: &Path) -> anyhow::Result<()> {
    let secret: [u8; 32] = rand::rng().random();
    let key = p256::ecdsa::SigningKey::from_bytes(&secret.into()).context("could not make a device key")?;
    let public = key.verifying_key().to_encoded_point(false);
    std::fs::write(out, format!("shieldcheck-device-key-v1 {}\n", hex(&secret)))?;
    let pub_path = out.with_extension(match out.extension() {
        Some(ext) => format!("{}.pub", ext.to_string_lossy()),
        None => "pub".to_owned(),
    });
    std::fs::write(&pub_path, format!("{}\n", hex(public.as_bytes())))?;
    eprintln!("wrote {} (secret) and {} (public)", out.display(), pub_path.display());
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    let text = text.trim();
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| text.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect()
}

fn read_device_key(path: &Path) -> anyhow::Result<p256::ecdsa::SigningKey> {
    let text = std::fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))?;
    let hex_secret =
        text.trim().strip_prefix("shieldcheck-device-key-v1 ").context("not a shieldcheck device key file")?;
    let secret: [u8; 32] = unhex(hex_secret).and_then(|b| b.try_into().ok()).context("the device key is damaged")?;
    p256::ecdsa::SigningKey::from_bytes(&secret.into()).context("the device key is not a P-256 key")
}

async fn open_issuer(store: &dyn Store) -> anyhow::Result<Issuer> {
    Ok(Issuer::open(store, &passphrase()?).await?)
}

/// `credential issue`: a credential for an active member, bound to a device public key.
async fn issue(
    store: &dyn Store,
    member_id: &str,
    device_public: &Path,
    days: u32,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    ensure!((1..=MAX_DAYS).contains(&days), "--days must be between 1 and {MAX_DAYS}");
    let text = std::fs::read_to_string(device_public)
        .with_context(|| format!("could not read {}", device_public.display()))?;
    let device_key = unhex(&text).context("the device public key file is not hex")?;
    let issuer = open_issuer(store).await?;
    let issued = issuer.issue(store, member_id, device_key, days, now().as_secs()).await?;
    match out {
        Some(path) => {
            std::fs::write(path, &issued.credential)?;
            eprintln!(
                "wrote a {}-byte credential to {}, valid for {days} days",
                issued.credential.len(),
                path.display()
            );
        }
        None => println!("{}", hex(&issued.credential)),
    }
    Ok(())
}

/// Makes a one-time enrolment code for the officer page; only its hash is stored.
async fn enrolment_code(store: &dyn Store, member_id: &str, hours: u32) -> anyhow::Result<()> {
    ensure!((1..=MAX_ENROLMENT_HOURS).contains(&hours), "--hours must be between 1 and {MAX_ENROLMENT_HOURS}");
    let member = store.member(member_id).await?.context("no member with that id on the roster")?;
    ensure!(member.status == MemberStatus::Active, "the member is not active ({})", member.status.as_str());
    let code = new_enrolment_code();
    let hash = enrolment_code_hash(&code).context("a fresh code did not parse")?;
    let at = now().as_secs();
    let expires = at + i64::from(hours) * 3600;
    store.add_enrolment_code(&hash, &member.member_id, at, expires).await?;
    eprintln!(
        "one-time enrolment code for {} {} ({}), usable once until {}:",
        member.first_name,
        member.last_name,
        member.member_id,
        utc(expires)
    );
    println!("{code}");
    Ok(())
}

/// `credential present`: a live presentation (`SC1:` payload), and its QR code on request.
fn present_credential(
    credential: &Path,
    device: &Path,
    at: Option<i64>,
    challenge: Option<u16>,
    qr: Option<&Path>,
) -> anyhow::Result<()> {
    let bytes = std::fs::read(credential).with_context(|| format!("could not read {}", credential.display()))?;
    // A credential file holds the bytes, or their hex as printed by `credential issue`.
    let bytes = std::str::from_utf8(&bytes).ok().and_then(unhex).unwrap_or(bytes);
    let device = read_device_key(device)?;
    let challenge = challenge.map(|c| format!("{c:04}"));
    let payload = present(&bytes, &device, at.unwrap_or_else(|| now().as_secs()), challenge.as_deref());
    if let Some(path) = qr {
        let version = qr::write_png(&payload, path)?;
        eprintln!("wrote {} (QR version {version}, level Q, {} characters)", path.display(), payload.len());
    }
    println!("{payload}");
    Ok(())
}

/// `credential revoke|suspend|reinstate`: the member's credentials change status, and the
/// status list is published at once.
async fn set_status(store: &dyn Store, member_id: &str, status: CredentialStatus) -> anyhow::Result<()> {
    // Open the signing key first: a status change is only done once it can be published.
    let issuer = open_issuer(store).await?;
    let at = now().as_secs();
    let changed = store.set_credential_status(member_id, status, at).await?;
    if changed == 0 {
        bail!("the member has no credential that has not expired");
    }
    let size = issuer.publish(store, at).await?;
    eprintln!("published the status list ({size} bytes, issued at {at})");
    println!("{changed} credential(s) now {}; verifiers see it at their next status list fetch", status.as_str());
    Ok(())
}

/// Signs the current status list and stores it for the server to serve. A service started
/// with the passphrase does this itself every ttl; otherwise run it from cron (see
/// docs/credential-format.md).
async fn publish_status_list(store: &dyn Store) -> anyhow::Result<()> {
    let issuer = open_issuer(store).await?;
    let at = now().as_secs();
    let size = issuer.publish(store, at).await?;
    eprintln!("published the status list ({size} bytes, issued at {at})");
    Ok(())
}
