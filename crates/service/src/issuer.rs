//! Issuing credentials: the credential office's CLI and, when the service is started with the
//! issuer passphrase, the officer page's enrolment both go through [`Issuer`]. The signing key
//! is opened once from its sealed form in the store and never leaves this type (its `Debug`
//! shows only the key id).

use rand::Rng as _;
use sha2::Digest as _;
use shieldcheck_claim::roster::{MemberStatus, RosterMember};
use shieldcheck_credential::answer::MemberView;
use shieldcheck_credential::qr;
use shieldcheck_credential::sealed::SealedSecret;
use shieldcheck_credential::statuslist::MIN_ENTRIES;
use shieldcheck_credential::{CredentialClaims, IssueError, IssuerKey, holder, issue, sign_status_list};
use shieldcheck_nypd::registry::Registry;
use shieldcheck_store::{CredentialRecord, CredentialStatus, Store, StoreError};

use crate::credentials::{STATUS_LIST_URI, trust};

/// The issuer named in every credential.
pub const ISSUER: &str = "shieldcheck:nypd";
/// The longest validity the office may choose, in days.
pub const MAX_DAYS: u32 = 30;
/// The highest status list index a credential may get.
const MAX_INDEX: u64 = MIN_ENTRIES as u64 - 1;
/// How long an enrolment code may live at most.
pub const MAX_ENROLMENT_HOURS: u32 = 7 * 24;

#[derive(Debug, thiserror::Error)]
pub enum IssuerError {
    #[error("no issuer key; run `shieldcheck keys init`")]
    NoKey,
    #[error("the issuer passphrase does not open the signing key")]
    WrongPassphrase,
    #[error("the stored issuer key is damaged")]
    DamagedKey,
    #[error("no member with that id on the roster")]
    NoSuchMember,
    #[error("the member is not active ({0})")]
    NotActive(&'static str),
    #[error("validity must be between 1 and {MAX_DAYS} days")]
    BadValidity,
    #[error(
        "the member's name, command and squad are too long for a credential's QR code; shorten the squad on the roster"
    )]
    TooLargeForQr,
    #[error("the status list is full; rotate to a new list")]
    StatusListFull,
    #[error(transparent)]
    Issue(#[from] IssueError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The open signing key.
pub struct Issuer {
    key: IssuerKey,
}

impl std::fmt::Debug for Issuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issuer").field("kid", &String::from_utf8_lossy(&self.key.kid)).finish_non_exhaustive()
    }
}

/// A credential just issued.
#[derive(Debug, Clone)]
pub struct Issued {
    pub credential: Vec<u8>,
    /// What the credential says, as signed.
    pub claims: CredentialClaims,
}

impl Issued {
    /// The holder as a verifier shows them.
    pub fn member_view(&self, registry: &Registry) -> MemberView {
        MemberView::from_claims(self.claims.clone(), registry)
    }
}

impl Issuer {
    /// Opens the current (unretired) signing key with the passphrase.
    pub async fn open(store: &dyn Store, passphrase: &[u8]) -> Result<Issuer, IssuerError> {
        let keys = store.issuer_keys().await?;
        let record = keys.iter().rev().find(|k| k.retired_at.is_none()).ok_or(IssuerError::NoKey)?;
        let sealed = SealedSecret::from_text(&record.sealed_secret).map_err(|_| IssuerError::DamagedKey)?;
        let secret = sealed.open(passphrase, record.kid.as_bytes()).map_err(|_| IssuerError::WrongPassphrase)?;
        let secret: [u8; 32] = secret.as_slice().try_into().map_err(|_| IssuerError::DamagedKey)?;
        Ok(Issuer { key: IssuerKey::from_secret(record.kid.clone().into_bytes(), &secret) })
    }

    pub fn kid(&self) -> String {
        String::from_utf8_lossy(&self.key.kid).into_owned()
    }

    /// Issues a credential to an active member for `days`, bound to a P-256 device public key
    /// (SEC1), under a random unused status list index; then publishes the status list.
    pub async fn issue(
        &self,
        store: &dyn Store,
        member_id: &str,
        device_key: Vec<u8>,
        days: u32,
        at: i64,
    ) -> Result<Issued, IssuerError> {
        if !(1..=MAX_DAYS).contains(&days) {
            return Err(IssuerError::BadValidity);
        }
        let member = store.member(member_id).await?.ok_or(IssuerError::NoSuchMember)?;
        if member.status != MemberStatus::Active {
            return Err(IssuerError::NotActive(member.status.as_str()));
        }
        let expires = at + i64::from(days) * 86_400;
        // Refuse, before anything is recorded, a credential whose live code could not be
        // shown: with the widest status index, a challenge and the last time step, the
        // presentation must fit a version-20 QR code.
        let widest = issue(&claims_for(&member, device_key.clone(), MAX_INDEX, at, expires), &self.key)?;
        let longest = holder::assemble(&widest, holder::time_step(expires), Some("0000"), &[0xff; 64]);
        if longest.as_deref().map(qr::encode).is_none_or(|qr| qr.is_err()) {
            return Err(IssuerError::TooLargeForQr);
        }
        let kid = self.kid();
        let mut index = None;
        for _ in 0..64 {
            let candidate: u64 = rand::rng().random_range(0..=MAX_INDEX);
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
        let status_index = index.ok_or(IssuerError::StatusListFull)?;
        let claims = claims_for(&member, device_key, status_index, at, expires);
        let credential = issue(&claims, &self.key)?;
        self.publish(store, at).await?;
        Ok(Issued { credential, claims })
    }

    /// Signs the current status list and stores it for the service to serve; returns its size.
    pub async fn publish(&self, store: &dyn Store, at: i64) -> Result<usize, IssuerError> {
        let (_, token) = trust(store, at).await?;
        let signed = sign_status_list(&token, &self.key)?;
        store.put_status_list_token(STATUS_LIST_URI, at, &signed).await?;
        Ok(signed.len())
    }
}

fn claims_for(
    member: &RosterMember,
    device_key: Vec<u8>,
    status_index: u64,
    at: i64,
    expires: i64,
) -> CredentialClaims {
    // Ranks with a shield show its number; lieutenants and above show the tax registry number.
    let uses_shield = member.rank.shield_series().is_some();
    CredentialClaims {
        issuer: ISSUER.into(),
        member_id: member.member_id.clone(),
        last_name: member.last_name.clone(),
        first_name: member.first_name.clone(),
        rank: member.rank,
        shield_number: if uses_shield { member.shield_number.clone() } else { None },
        tax_registry_number: if uses_shield { None } else { Some(member.tax_registry_number.clone()) },
        command_code: member.command_code.clone(),
        squad: member.squad.clone(),
        photo_hash: member.photo_sha256.as_deref().and_then(photo_hash),
        issued_at: at,
        not_before: at,
        expires,
        status_uri: STATUS_LIST_URI.into(),
        status_index,
        device_key,
    }
}

/// The first 16 bytes of the roster's hex SHA-256 of the member's photo.
fn photo_hash(hex: &str) -> Option<[u8; 16]> {
    let bytes: Option<Vec<u8>> =
        (0..32).step_by(2).map(|i| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok())).collect();
    bytes?.try_into().ok()
}

/// Crockford's base 32 without I, L, O and U: codes read aloud or typed from paper survive.
const CODE_ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in an enrolment code (60 bits).
const CODE_CHARS: usize = 12;

/// A fresh one-time enrolment code, `XXXX-XXXX-XXXX`.
pub fn new_enrolment_code() -> String {
    let mut rng = rand::rng();
    let chars: Vec<char> = (0..CODE_CHARS).map(|_| char::from(CODE_ALPHABET[rng.random_range(0..32)])).collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

/// What is stored for a code: SHA-256 of its canonical form (upper case, no separators, the
/// look-alikes O→0 and I/L→1 folded). The code is random and short-lived, so a fast hash
/// suffices; the store never sees the code itself. `None` for text that is not a code.
pub fn enrolment_code_hash(code: &str) -> Option<Vec<u8>> {
    let canonical: String = code
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    if canonical.len() != CODE_CHARS || !canonical.bytes().all(|b| CODE_ALPHABET.contains(&b)) {
        return None;
    }
    Some(sha2::Sha256::digest(canonical.as_bytes()).to_vec())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn enrolment_codes_are_typed_forgivingly_and_refused_otherwise() {
        let code = new_enrolment_code();
        assert_eq!(code.len(), 14);
        let hash = enrolment_code_hash(&code).unwrap();
        assert_eq!(enrolment_code_hash(&code.to_lowercase().replace('-', " ")).unwrap(), hash);
        assert_eq!(enrolment_code_hash("0000-1111-2222"), enrolment_code_hash("OOOO-iiii-2222"));
        for bad in ["", "0000-1111-222", "0000-1111-2222-3", "0000-1111-222U", "ÀÀÀÀ-1111-2222"] {
            assert_eq!(enrolment_code_hash(bad), None, "{bad}");
        }
        assert_ne!(new_enrolment_code(), new_enrolment_code());
    }

    #[test]
    fn photo_hashes_take_the_first_sixteen_bytes() {
        let hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        assert_eq!(photo_hash(hex).unwrap()[15], 0xff);
        assert_eq!(photo_hash("zz"), None);
    }
}
