//! Verifying: a presentation payload ([`verify_presentation`]) and a status list token
//! ([`verify_status_list`]) against the issuer keys the verifier trusts ([`TrustedKey`]), at
//! the time the caller gives, with no I/O (the caller fetches the keys and the status list).
//!
//! It refuses whatever the issuer never writes rather than reading around it: a tagged or
//! detached COSE_Sign1, a non-empty unprotected header, any protected header but the algorithm, the
//! key id and the type, an algorithm other than EdDSA (the key is found by key id alone and
//! nothing taken from a header is trusted), a claim given twice, a device key that is not an
//! EC2 P-256 COSE_Key, and payloads over the size limits. Every failure is one stable
//! [`VerifyResult`], and the holder's claims come back only once the issuer's signature has
//! verified. Checking many presentations at once is `batch`'s, built on the steps here.

use coset::iana;
use shieldcheck_nypd::rank::Rank;

use crate::cbor::{self, Item};
use crate::claims::{CredentialClaims, MAX_CREDENTIAL_BYTES, STATUS_LIST_TYP, StatusListToken};
use crate::presentation::{PRESENTATION_PREFIX, TIME_STEP_SECS, presentation_message};
use crate::statuslist::{self, Status, StatusList};
use crate::{base45, es256, key};

/// The longest presentation payload accepted, in characters.
pub const MAX_PRESENTATION_CHARS: usize = 4096;

/// A public issuer key the verifier trusts, pinned to EdDSA.
#[derive(Clone)]
pub struct TrustedKey {
    pub kid: Vec<u8>,
    pub(crate) key: ed25519_dalek::VerifyingKey,
    /// Whether signatures by this key may be checked in a batch, worked out when first needed
    /// ([`batch`](crate::batch)).
    pub(crate) batchable: std::sync::OnceLock<bool>,
}

impl std::fmt::Debug for TrustedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrustedKey").field("kid", &self.kid).field("key", &self.key).finish()
    }
}

impl PartialEq for TrustedKey {
    fn eq(&self, other: &Self) -> bool {
        self.kid == other.kid && self.key == other.key
    }
}

impl Eq for TrustedKey {}

impl TrustedKey {
    pub(crate) fn new(kid: Vec<u8>, key: ed25519_dalek::VerifyingKey) -> TrustedKey {
        TrustedKey { kid, key, batchable: std::sync::OnceLock::new() }
    }

    pub fn from_bytes(kid: Vec<u8>, public: &[u8; 32]) -> Option<TrustedKey> {
        ed25519_dalek::VerifyingKey::from_bytes(public).ok().map(|key| TrustedKey::new(kid, key))
    }

    pub fn to_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }
}

/// The stable results of a verification.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyResult {
    Valid,
    Expired,
    NotYetValid,
    Revoked,
    Suspended,
    BadSignature,
    UnknownIssuerKey,
    StalePresentation,
    WrongDevice,
    Malformed,
    StatusUnavailable,
}

/// A COSE_Sign1 matched to a trusted key whose signature is still to be checked: what one
/// signature check needs, so that checks can also be made many at a time ([`batch`](crate::batch)).
pub(crate) struct OpenedSign1<'k> {
    pub(crate) key: &'k TrustedKey,
    /// The signed bytes: the COSE Sig_structure (RFC 9052 §4.4), without external data. It
    /// ends with the payload, which starts at `payload_start`.
    pub(crate) tbs: Vec<u8>,
    pub(crate) payload_start: usize,
    pub(crate) signature: Vec<u8>,
}

/// The COSE algorithm identifier of EdDSA.
const ALG_EDDSA: i64 = -8;

/// The protected header of a credential or status list: the algorithm, the key id and the
/// type, each at most once; any other header is refused.
struct ProtectedHeader<'a> {
    alg: Option<Item<'a>>,
    kid: Option<&'a [u8]>,
    typ: Option<Item<'a>>,
}

impl<'a> ProtectedHeader<'a> {
    fn parse(bytes: &'a [u8]) -> Option<ProtectedHeader<'a>> {
        let mut header = ProtectedHeader { alg: None, kid: None, typ: None };
        // A zero-length protected header is an empty map (RFC 9052 §3).
        if bytes.is_empty() {
            return Some(header);
        }
        let Item::Map(entries) = cbor::decode_exact(bytes)? else { return None };
        for (label, value) in entries {
            let slot_taken = match label.as_i64()? {
                1 => header.alg.replace(value).is_some(),
                4 => header.kid.replace(value.as_bytes()?).is_some(),
                16 => header.typ.replace(value).is_some(),
                _ => return None,
            };
            if slot_taken {
                return None;
            }
        }
        Some(header)
    }
}

/// The COSE Sig_structure for a COSE_Sign1 without external data:
/// `["Signature1", protected, h'', payload]`. Returns it with where the payload starts.
fn sig_structure(protected: &[u8], payload: &[u8]) -> (Vec<u8>, usize) {
    const CONTEXT: &[u8] = b"Signature1";
    let mut tbs = Vec::with_capacity(CONTEXT.len() + protected.len() + payload.len() + 24);
    cbor::write_head(&mut tbs, 4, 4);
    cbor::write_head(&mut tbs, 3, CONTEXT.len() as u64);
    tbs.extend_from_slice(CONTEXT);
    cbor::write_head(&mut tbs, 2, protected.len() as u64);
    tbs.extend_from_slice(protected);
    cbor::write_head(&mut tbs, 2, 0);
    cbor::write_head(&mut tbs, 2, payload.len() as u64);
    let payload_start = tbs.len();
    tbs.extend_from_slice(payload);
    (tbs, payload_start)
}

/// Parses a COSE_Sign1 (untagged, with an empty unprotected header and an attached payload)
/// and finds its key: the key is found by the protected key id only, and the algorithm must
/// be EdDSA (nothing taken from headers is trusted).
pub(crate) fn open_sign1<'k>(
    bytes: &[u8],
    keys: &'k [TrustedKey],
    typ: Option<&str>,
) -> Result<OpenedSign1<'k>, VerifyResult> {
    let Some(Item::Array(items)) = cbor::decode_exact(bytes) else { return Err(VerifyResult::Malformed) };
    let Ok([Item::Bytes(protected), Item::Map(unprotected), Item::Bytes(payload), Item::Bytes(signature)]) =
        <[Item<'_>; 4]>::try_from(items)
    else {
        return Err(VerifyResult::Malformed);
    };
    if !unprotected.is_empty() {
        return Err(VerifyResult::Malformed);
    }
    let header = ProtectedHeader::parse(protected).ok_or(VerifyResult::Malformed)?;
    if let Some(typ) = typ
        && header.typ != Some(Item::Text(typ))
    {
        return Err(VerifyResult::Malformed);
    }
    let kid = header.kid.unwrap_or_default();
    let key = keys.iter().find(|k| k.kid == kid).ok_or(VerifyResult::UnknownIssuerKey)?;
    if header.alg.as_ref().and_then(Item::as_i64) != Some(ALG_EDDSA) {
        return Err(VerifyResult::BadSignature);
    }
    let (tbs, payload_start) = sig_structure(protected, payload);
    Ok(OpenedSign1 { key, tbs, payload_start, signature: signature.to_vec() })
}

impl OpenedSign1<'_> {
    /// The signature, when it has the length of one.
    pub(crate) fn ed25519_signature(&self) -> Option<ed25519_dalek::Signature> {
        ed25519_dalek::Signature::from_slice(&self.signature).ok()
    }

    /// Checks the signature strictly (no small-order points, canonical encodings).
    pub(crate) fn check_signature(&self) -> Result<(), VerifyResult> {
        let signature = self.ed25519_signature().ok_or(VerifyResult::BadSignature)?;
        self.key.key.verify_strict(&self.tbs, &signature).map_err(|_| VerifyResult::BadSignature)
    }

    /// The payload, one exact CBOR item.
    pub(crate) fn payload(&self) -> Result<Item<'_>, VerifyResult> {
        cbor::decode_exact(&self.tbs[self.payload_start..]).ok_or(VerifyResult::Malformed)
    }
}

/// A claims map with integer keys, each key at most once.
struct Claims<'a>(Vec<(i64, Item<'a>)>);

impl<'a> Claims<'a> {
    fn parse(value: Item<'a>) -> Option<Claims<'a>> {
        let Item::Map(entries) = value else { return None };
        let mut out: Vec<(i64, Item<'a>)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            let k = k.as_i64()?;
            if out.iter().any(|(seen, _)| *seen == k) {
                return None;
            }
            out.push((k, v));
        }
        Some(Claims(out))
    }

    fn get(&self, k: i64) -> Option<&Item<'a>> {
        self.0.iter().find(|(key, _)| *key == k).map(|(_, v)| v)
    }

    fn int(&self, k: i64) -> Option<i64> {
        self.get(k)?.as_i64()
    }

    fn text(&self, k: i64) -> Option<String> {
        self.get(k)?.as_text().map(str::to_owned)
    }

    /// An optional text claim: absent is fine, another type is not.
    fn opt_text(&self, k: i64) -> Result<Option<String>, ()> {
        match self.get(k) {
            None => Ok(None),
            Some(Item::Text(s)) => Ok(Some((*s).to_owned())),
            Some(_) => Err(()),
        }
    }
}

/// The device key of a `cnf` claim: an EC2 COSE_Key on P-256 with x and either y or its
/// sign bit, each parameter once and no others. Returned as SEC1 bytes, as they came.
fn cose_device_key(cnf: &Item<'_>) -> Option<Vec<u8>> {
    let Item::Map(params) = cnf.get_int_key(key::COSE_KEY)? else { return None };
    let (mut kty, mut crv, mut x, mut y) = (None, None, None, None);
    for (label, value) in params {
        let slot_taken = match label.as_i64()? {
            1 => kty.replace(value.as_i64()?).is_some(),
            -1 => crv.replace(value.as_i64()?).is_some(),
            -2 => x.replace(value.as_bytes().filter(|x| x.len() == 32)?).is_some(),
            -3 => y.replace(value).is_some(),
            _ => return None,
        };
        if slot_taken {
            return None;
        }
    }
    if kty != Some(iana::KeyType::EC2 as i64) || crv != Some(iana::EllipticCurve::P_256 as i64) {
        return None;
    }
    let x = x?;
    // y is the coordinate itself or, as this issuer writes it, only its sign bit.
    let mut sec1 = Vec::with_capacity(65);
    match y? {
        Item::Bytes(y) if y.len() == 32 => {
            sec1.push(4);
            sec1.extend_from_slice(x);
            sec1.extend_from_slice(y);
        }
        Item::Bool(odd) => {
            sec1.push(if *odd { 3 } else { 2 });
            sec1.extend_from_slice(x);
        }
        _ => return None,
    }
    Some(sec1)
}

fn parse_credential(payload: Item<'_>) -> Option<CredentialClaims> {
    let c = Claims::parse(payload)?;
    let sec1 = cose_device_key(c.get(key::CNF)?)?;
    // Stored uncompressed; a point not on the curve is refused here.
    let point = p256::EncodedPoint::from_bytes(&sec1).ok()?;
    let device = p256::ecdsa::VerifyingKey::from_encoded_point(&point).ok()?;
    let device_key = device.to_encoded_point(false).as_bytes().to_vec();

    let status = c.get(key::STATUS)?.get_text_key("status_list")?;
    let status_index = status.get_text_key("idx")?.as_u64()?;
    let status_uri = status.get_text_key("uri")?.as_text()?.to_owned();
    let photo_hash = match c.get(key::PHOTO_HASH) {
        None => None,
        Some(Item::Bytes(b)) => Some(<[u8; 16]>::try_from(*b).ok()?),
        Some(_) => return None,
    };
    Some(CredentialClaims {
        issuer: c.text(key::ISS)?,
        member_id: c.text(key::MEMBER_ID)?,
        last_name: c.text(key::LAST_NAME)?,
        first_name: c.text(key::FIRST_NAME)?,
        rank: Rank::from_code(u64::try_from(c.int(key::RANK)?).ok()?)?,
        shield_number: c.opt_text(key::SHIELD).ok()?,
        tax_registry_number: c.opt_text(key::TAX_REGISTRY).ok()?,
        command_code: c.text(key::COMMAND)?,
        squad: c.opt_text(key::SQUAD).ok()?,
        photo_hash,
        issued_at: c.int(key::IAT)?,
        not_before: c.int(key::NBF)?,
        expires: c.int(key::EXP)?,
        status_uri,
        status_index,
        device_key,
    })
}

/// Verifies a status list token and inflates its list (bounded).
pub fn verify_status_list(bytes: &[u8], keys: &[TrustedKey]) -> Result<StatusListToken, VerifyResult> {
    if bytes.len() > statuslist::MAX_INFLATED_BYTES {
        return Err(VerifyResult::Malformed);
    }
    let opened = open_sign1(bytes, keys, Some(STATUS_LIST_TYP))?;
    opened.check_signature()?;
    let c = Claims::parse(opened.payload()?).ok_or(VerifyResult::Malformed)?;
    let list = c.get(key::STATUS_LIST).ok_or(VerifyResult::Malformed)?;
    let bits = list.get_text_key("bits").and_then(Item::as_u64).ok_or(VerifyResult::Malformed)?;
    let bits = u8::try_from(bits).map_err(|_| VerifyResult::Malformed)?;
    let lst = list.get_text_key("lst").and_then(Item::as_bytes).ok_or(VerifyResult::Malformed)?;
    let list = StatusList::decompress(bits, lst).map_err(|_| VerifyResult::Malformed)?;
    Ok(StatusListToken {
        uri: c.text(key::SUB).ok_or(VerifyResult::Malformed)?,
        issued_at: c.int(key::IAT).ok_or(VerifyResult::Malformed)?,
        expires: c.int(key::EXP),
        ttl: c.int(key::TTL),
        list,
    })
}

/// How a verifier judges time.
#[derive(Debug, Clone, Copy)]
pub struct VerifyOptions {
    /// Extra clock difference tolerated, in seconds, beyond the ±1 time step.
    pub clock_skew_secs: i64,
    /// The challenge the verifier showed, in challenge mode.
    pub challenge: Option<u16>,
}

impl Default for VerifyOptions {
    fn default() -> Self {
        VerifyOptions { clock_skew_secs: 30, challenge: None }
    }
}

/// The outcome of checking a presentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub result: VerifyResult,
    /// The holder, once the issuer's signature is good.
    pub claims: Option<CredentialClaims>,
    /// When the status list used was issued.
    pub status_as_of: Option<i64>,
}

/// A presentation payload taken apart, nothing checked but its shape.
pub(crate) struct Presentation {
    pub(crate) credential: Vec<u8>,
    pub(crate) time_step: u64,
    pub(crate) challenge: Option<String>,
    pub(crate) signature: Vec<u8>,
}

/// Size limits, the prefix, Base45 and the exact CBOR array: anything else is `malformed`.
pub(crate) fn parse_presentation(payload: &str) -> Option<Presentation> {
    if payload.len() > MAX_PRESENTATION_CHARS {
        return None;
    }
    let encoded = payload.trim().strip_prefix(PRESENTATION_PREFIX)?;
    let bytes = base45::decode(encoded).ok()?;
    let Item::Array(items) = cbor::decode_exact(&bytes)? else { return None };
    let [Item::Bytes(credential), Item::Unsigned(time_step), challenge, Item::Bytes(signature)] =
        <[Item<'_>; 4]>::try_from(items).ok()?
    else {
        return None;
    };
    let challenge = match challenge {
        Item::Null => None,
        Item::Text(s) if s.len() <= 16 => Some(s.to_owned()),
        _ => return None,
    };
    if credential.len() > MAX_CREDENTIAL_BYTES {
        return None;
    }
    Some(Presentation { credential: credential.to_vec(), time_step, challenge, signature: signature.to_vec() })
}

pub(crate) fn failed(result: VerifyResult) -> Verification {
    Verification { result, claims: None, status_as_of: None }
}

/// Everything after the issuer's signature verified: the claims, the device signature, the
/// time step, validity and the status list.
pub(crate) fn verify_after_issuer(
    presentation: &Presentation,
    payload: Item<'_>,
    status: Option<&StatusListToken>,
    now: i64,
    options: &VerifyOptions,
) -> Verification {
    let Some(claims) = parse_credential(payload) else { return failed(VerifyResult::Malformed) };
    let (result, status_as_of) = device_time_and_status(presentation, &claims, status, now, options);
    Verification { result, claims: Some(claims), status_as_of }
}

fn device_time_and_status(
    presentation: &Presentation,
    claims: &CredentialClaims,
    status: Option<&StatusListToken>,
    now: i64,
    options: &VerifyOptions,
) -> (VerifyResult, Option<i64>) {
    // The device: the signature must be the bound key's, over this credential and step.
    let challenge = presentation.challenge.as_deref();
    let message = presentation_message(&presentation.credential, presentation.time_step, challenge);
    if !es256::verify(&claims.device_key, &message, &presentation.signature) {
        return (VerifyResult::WrongDevice, None);
    }
    if let Some(expected) = options.challenge
        && challenge != Some(format!("{expected:04}").as_str())
    {
        return (VerifyResult::StalePresentation, None);
    }
    let skew_steps = options.clock_skew_secs.max(0) / TIME_STEP_SECS;
    let current = now.div_euclid(TIME_STEP_SECS);
    let step = i64::try_from(presentation.time_step).unwrap_or(i64::MAX);
    if step.abs_diff(current) > skew_steps.unsigned_abs().saturating_add(1) {
        return (VerifyResult::StalePresentation, None);
    }
    if now.saturating_add(options.clock_skew_secs) < claims.not_before {
        return (VerifyResult::NotYetValid, None);
    }
    if now.saturating_sub(options.clock_skew_secs) >= claims.expires {
        return (VerifyResult::Expired, None);
    }
    let Some(token) = status.filter(|t| t.uri == claims.status_uri) else {
        return (VerifyResult::StatusUnavailable, None);
    };
    let result = match usize::try_from(claims.status_index).ok().and_then(|i| token.list.get(i)) {
        Some(Status::Valid) => VerifyResult::Valid,
        Some(Status::Revoked) => VerifyResult::Revoked,
        Some(Status::Suspended) => VerifyResult::Suspended,
        Some(Status::Other) | None => VerifyResult::StatusUnavailable,
    };
    (result, Some(token.issued_at))
}

/// Verifies a presentation payload at `now` (unix seconds) against trusted keys and a
/// verified status list (or none: then the answer is at best `status_unavailable`).
pub fn verify_presentation(
    payload: &str,
    keys: &[TrustedKey],
    status: Option<&StatusListToken>,
    now: i64,
    options: &VerifyOptions,
) -> Verification {
    let Some(presentation) = parse_presentation(payload) else { return failed(VerifyResult::Malformed) };
    let opened = match open_sign1(&presentation.credential, keys, None) {
        Ok(opened) => opened,
        Err(e) => return failed(e),
    };
    if let Err(e) = opened.check_signature() {
        return failed(e);
    }
    match opened.payload() {
        Ok(payload) => verify_after_issuer(&presentation, payload, status, now, options),
        Err(e) => failed(e),
    }
}
