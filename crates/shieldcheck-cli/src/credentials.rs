//! `shieldcheck keys …`, `credential …` and `verify`: the credential office's commands.
//! Issuer secrets are opened only here (with the passphrase); the server serves what these
//! commands sign and store. Offline verification is still to come (see the credentials issue).

use std::path::Path;

use anyhow::{Context as _, bail, ensure};
use rand::Rng as _;
use shieldcheck_core::credential::statuslist::MIN_ENTRIES;
use shieldcheck_core::credential::{CredentialClaims, IssuerKey, VerifyResult, issue, present, sign_status_list};
use shieldcheck_core::registry::Registry;
use shieldcheck_core::roster::MemberStatus;
use shieldcheck_core::sealed::SealedSecret;
use shieldcheck_server::credentials::{STATUS_LIST_URI, now, trust, verify_payload};
use shieldcheck_store::{CredentialRecord, CredentialStatus, IssuerKeyRecord, Store};

/// The issuer named in every credential.
const ISSUER: &str = "shieldcheck:nypd";
/// The environment variable holding the passphrase that seals issuer keys.
pub const PASSPHRASE_VAR: &str = "SHIELDCHECK_KEY_PASSPHRASE";
const MIN_PASSPHRASE_CHARS: usize = 12;

fn passphrase() -> anyhow::Result<Vec<u8>> {
    let value = std::env::var(PASSPHRASE_VAR)
        .with_context(|| format!("set {PASSPHRASE_VAR} to the passphrase that protects the issuer keys"))?;
    ensure!(
        value.chars().count() >= MIN_PASSPHRASE_CHARS,
        "the passphrase must have at least {MIN_PASSPHRASE_CHARS} characters"
    );
    Ok(value.into_bytes())
}

fn new_key_record(now: i64) -> anyhow::Result<IssuerKeyRecord> {
    let passphrase = passphrase()?;
    let mut rng = rand::rng();
    let kid = format!("k{}-{:04x}", now / 86_400, rng.random::<u16>());
    let secret: [u8; 32] = rng.random();
    let key = IssuerKey::from_secret(kid.clone().into_bytes(), &secret);
    let sealed = SealedSecret::seal(&passphrase, &secret, kid.as_bytes(), rng.random(), rng.random())?;
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
    let record = new_key_record(now())?;
    store.add_issuer_key(&record).await?;
    println!("created issuer key {}", record.kid);
    Ok(())
}

pub async fn keys_rotate(store: &dyn Store) -> anyhow::Result<()> {
    let at = now();
    let record = new_key_record(at)?;
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

async fn signing_key(store: &dyn Store) -> anyhow::Result<IssuerKey> {
    let keys = store.issuer_keys().await?;
    let record =
        keys.iter().rev().find(|k| k.retired_at.is_none()).context("no issuer key; run `shieldcheck keys init`")?;
    let sealed = SealedSecret::from_text(&record.sealed_secret)?;
    let secret = sealed.open(&passphrase()?, record.kid.as_bytes())?;
    let secret: [u8; 32] = secret.try_into().map_err(|_| anyhow::anyhow!("the stored issuer key is damaged"))?;
    Ok(IssuerKey::from_secret(record.kid.clone().into_bytes(), &secret))
}

pub async fn issue_credential(
    store: &dyn Store,
    member_id: &str,
    device_public: &Path,
    days: u32,
    out: Option<&Path>,
) -> anyhow::Result<()> {
    ensure!((1..=30).contains(&days), "--days must be between 1 and 30");
    let member = store.member(member_id).await?.context("no member with that id on the roster")?;
    ensure!(member.status == MemberStatus::Active, "the member is not active ({})", member.status.as_str());
    let text = std::fs::read_to_string(device_public)
        .with_context(|| format!("could not read {}", device_public.display()))?;
    let device_key = unhex(&text).context("the device public key file is not hex")?;
    let issuer = signing_key(store).await?;
    let kid = String::from_utf8_lossy(&issuer.kid).into_owned();
    let at = now();
    let expires = at + i64::from(days) * 86_400;
    let mut rng = rand::rng();
    let mut index = None;
    for _ in 0..64 {
        let candidate: u64 = rng.random_range(0..u64::try_from(MIN_ENTRIES).unwrap_or(131_072));
        let record = CredentialRecord {
            member_id: member.member_id.clone(),
            kid: kid.clone(),
            status_index: candidate,
            issued_at: at,
            expires_at: expires,
            status: CredentialStatus::Valid,
        };
        if store.add_credential(&record).await? {
            index = Some(candidate);
            break;
        }
    }
    let status_index = index.context("the status list is full; rotate to a new list")?;
    let uses_shield = member.rank.shield_series().is_some();
    let claims = CredentialClaims {
        issuer: ISSUER.into(),
        member_id: member.member_id.clone(),
        last_name: member.last_name.clone(),
        first_name: member.first_name.clone(),
        rank: member.rank,
        shield_number: if uses_shield { member.shield_number.clone() } else { None },
        tax_registry_number: if uses_shield { None } else { Some(member.tax_registry_number.clone()) },
        command_code: member.command_code.clone(),
        squad: member.squad.clone(),
        photo_hash: member.photo_sha256.as_deref().and_then(unhex).and_then(|h| h.get(..16)?.try_into().ok()),
        issued_at: at,
        not_before: at,
        expires,
        status_uri: STATUS_LIST_URI.into(),
        status_index,
        device_key,
    };
    let credential = issue(&claims, &issuer)?;
    publish_with(store, &issuer).await?;
    match out {
        Some(path) => {
            std::fs::write(path, &credential)?;
            eprintln!("wrote a {}-byte credential to {}, valid for {days} days", credential.len(), path.display());
        }
        None => println!("{}", hex(&credential)),
    }
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
    let issuer = signing_key(store).await?;
    let changed = store.set_credential_status(member_id, status, now()).await?;
    if changed == 0 {
        bail!("the member has no credential that has not expired");
    }
    publish_with(store, &issuer).await?;
    println!("{changed} credential(s) now {}; verifiers see it at their next status list fetch", status.as_str());
    Ok(())
}

/// Signs the current status list and stores it for the server to serve. Run it at least once
/// per list ttl (from cron, say) so that verifiers' copies stay fresh.
pub async fn publish_status_list(store: &dyn Store) -> anyhow::Result<()> {
    let issuer = signing_key(store).await?;
    publish_with(store, &issuer).await
}

async fn publish_with(store: &dyn Store, issuer: &IssuerKey) -> anyhow::Result<()> {
    let at = now();
    let (_, token) = trust(store, at).await?;
    let signed = sign_status_list(&token, issuer)?;
    store.put_status_list_token(STATUS_LIST_URI, at, &signed).await?;
    eprintln!("published the status list ({} bytes, issued at {at})", signed.len());
    Ok(())
}

pub async fn verify(
    store: &dyn Store,
    payload: &str,
    at: Option<i64>,
    challenge: Option<u16>,
    json: bool,
) -> anyhow::Result<()> {
    let answer = verify_payload(store, Registry::nypd(), payload, challenge, at.unwrap_or_else(now)).await?;
    if json {
        println!("{}", serde_json::to_string(&answer)?);
    } else {
        let verdict = if answer.result == VerifyResult::Valid { "VALID" } else { "NOT VALID" };
        println!("{verdict}: {}", serde_json::to_value(answer.result)?.as_str().unwrap_or_default());
        // Details only beside a valid answer, so that a name cannot make "not valid" look good.
        if let Some(m) = answer.member.filter(|_| answer.result == VerifyResult::Valid) {
            let number = m.shield_number.or(m.tax_registry_number).unwrap_or_default();
            println!("{} · {} · {number} · {}", m.name, m.rank, m.command.unwrap_or(m.command_code));
        }
    }
    Ok(())
}
