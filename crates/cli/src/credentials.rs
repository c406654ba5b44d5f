//! `shieldcheck keys …`, `credential …` and `verify`: the credential office's commands.
//! Issuer secrets are opened with the passphrase (through `shieldcheck_service::issuer`); the
//! server serves what these commands sign and store. `verify --offline` needs neither: it reads the published key set
//! and signed status list cached on disk.

use std::path::Path;

use anyhow::{Context as _, bail, ensure};
use rand::Rng as _;
use shieldcheck_claim::roster::MemberStatus;
use shieldcheck_credential::answer::{VerifyAnswer, verify_published};
use shieldcheck_credential::keyset::KeySet;
use shieldcheck_credential::sealed::SealedSecret;
use shieldcheck_credential::{IssuerKey, VerifyOptions, VerifyResult, present};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_service::clock::now;
use shieldcheck_service::credentials::{STATUS_LIST_URI, key_set, verify_payload};
use shieldcheck_service::issuer::{Issuer, MAX_DAYS, MAX_ENROLMENT_HOURS, enrolment_code_hash, new_enrolment_code};
use shieldcheck_store::{CredentialStatus, IssuerKeyRecord, Store};

use crate::passphrase::passphrase;
use crate::time::utc;

/// A new sealed issuer key whose key id differs from every id in `taken`.
pub fn new_key_record(passphrase: &[u8], now: i64, taken: &[IssuerKeyRecord]) -> anyhow::Result<IssuerKeyRecord> {
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

pub async fn keys_init(store: &dyn Store) -> anyhow::Result<()> {
    ensure!(store.issuer_keys().await?.is_empty(), "issuer keys already exist; use `shieldcheck keys rotate`");
    let record = new_key_record(&passphrase()?, now(), &[])?;
    store.add_issuer_key(&record).await?;
    println!("created issuer key {}", record.kid);
    Ok(())
}

pub async fn keys_rotate(store: &dyn Store) -> anyhow::Result<()> {
    let at = now();
    let record = new_key_record(&passphrase()?, at, &store.issuer_keys().await?)?;
    store.add_issuer_key(&record).await?;
    store.retire_issuer_keys_except(&record.kid, at).await?;
    println!(
        "created issuer key {}; earlier keys sign nothing new and verify until their credentials expire",
        record.kid
    );
    Ok(())
}

pub async fn keys_list(store: &dyn Store, json: bool) -> anyhow::Result<()> {
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

/// Writes a new P-256 device key: the secret to `out`, the public key to `out.pub`.
pub fn device_key(out: &Path) -> anyhow::Result<()> {
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

pub async fn issue_credential(
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
    let issued = issuer.issue(store, member_id, device_key, days, now()).await?;
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
pub async fn enrolment_code(store: &dyn Store, member_id: &str, hours: u32) -> anyhow::Result<()> {
    ensure!((1..=MAX_ENROLMENT_HOURS).contains(&hours), "--hours must be between 1 and {MAX_ENROLMENT_HOURS}");
    let member = store.member(member_id).await?.context("no member with that id on the roster")?;
    ensure!(member.status == MemberStatus::Active, "the member is not active ({})", member.status.as_str());
    let code = new_enrolment_code();
    let hash = enrolment_code_hash(&code).context("a fresh code did not parse")?;
    let at = now();
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

pub fn present_credential(
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
    let payload = present(&bytes, &device, at.unwrap_or_else(now), challenge.as_deref());
    if let Some(path) = qr {
        let version = crate::qr::write_png(&payload, path)?;
        eprintln!("wrote {} (QR version {version}, level Q, {} characters)", path.display(), payload.len());
    }
    println!("{payload}");
    Ok(())
}

pub async fn set_status(store: &dyn Store, member_id: &str, status: CredentialStatus) -> anyhow::Result<()> {
    // Open the signing key first: a status change is only done once it can be published.
    let issuer = open_issuer(store).await?;
    let at = now();
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
pub async fn publish_status_list(store: &dyn Store) -> anyhow::Result<()> {
    let issuer = open_issuer(store).await?;
    let at = now();
    let size = issuer.publish(store, at).await?;
    eprintln!("published the status list ({size} bytes, issued at {at})");
    Ok(())
}

/// What to verify, and how to answer.
#[derive(Debug)]
pub struct VerifyRequest<'a> {
    pub payload: &'a str,
    pub at: Option<i64>,
    pub challenge: Option<u16>,
    /// Tolerated clock difference beyond the ±1 time step (settings: credentials.clock_skew_secs).
    pub clock_skew_secs: i64,
    pub json: bool,
}

/// The offline cache: the published key set and the signed status list token.
const CACHED_KEYS: &str = "keys.json";
const CACHED_STATUS_LIST: &str = "status-list.cwt";

/// Online: against the store (a revocation counts at once); then refreshes the offline cache.
pub async fn verify(store: &dyn Store, trust_dir: &Path, request: &VerifyRequest<'_>) -> anyhow::Result<()> {
    let at = request.at.unwrap_or_else(now);
    let options = VerifyOptions { challenge: request.challenge, clock_skew_secs: request.clock_skew_secs };
    let answer = verify_payload(store, Registry::nypd(), request.payload, &options, at).await?;
    if let Err(e) = refresh_cache(store, trust_dir).await {
        tracing::warn!("could not refresh the offline cache in {}: {e:#}", trust_dir.display());
    }
    print_answer(&answer, request.json)
}

/// Offline: only the cached key set and status list; the answer says how old the list is.
pub fn verify_offline(trust_dir: &Path, request: &VerifyRequest<'_>) -> anyhow::Result<()> {
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
    let at = request.at.unwrap_or_else(now);
    let answer = verify_published(request.payload, &keys, token.as_deref(), at, &options, Registry::nypd());
    print_answer(&answer, request.json)
}

/// Writes the key set and the latest signed status list where `verify --offline` reads them.
async fn refresh_cache(store: &dyn Store, trust_dir: &Path) -> anyhow::Result<()> {
    let keys = key_set(store, now()).await?;
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
