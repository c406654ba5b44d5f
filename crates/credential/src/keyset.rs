//! The published issuer key set (`/.well-known/shieldcheck/keys`): Ed25519 public keys as JWKs
//! (RFC 8037) with their key ids. The server writes it, offline verifiers (the CLI's cache, the
//! browser's service worker) read it back into [`TrustedKey`]s.

use serde::{Deserialize, Serialize};

use super::TrustedKey;

/// One published key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    pub kty: String,
    pub crv: String,
    pub alg: String,
    #[serde(rename = "use")]
    pub use_: String,
    pub kid: String,
    /// The public key, base64url without padding.
    pub x: String,
    /// Whether the key signs new credentials (false once retired).
    pub signing: bool,
    /// Unix time after which nothing it signed is still valid (retired keys only).
    pub verifies_until: Option<i64>,
}

/// The key set, as of a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySet {
    pub keys: Vec<Jwk>,
    pub as_of: i64,
}

impl Jwk {
    /// A published Ed25519 key.
    pub fn ed25519(key: &TrustedKey, signing: bool, verifies_until: Option<i64>) -> Jwk {
        Jwk {
            kty: "OKP".into(),
            crv: "Ed25519".into(),
            alg: "EdDSA".into(),
            use_: "sig".into(),
            kid: String::from_utf8_lossy(&key.kid).into_owned(),
            x: base64url_encode(&key.to_bytes()),
            signing,
            verifies_until,
        }
    }
}

impl KeySet {
    /// The keys a verifier may trust: Ed25519 signature keys only, anything else is skipped
    /// (an algorithm is never taken from the set, it is pinned to EdDSA).
    pub fn trusted(&self) -> Vec<TrustedKey> {
        self.keys
            .iter()
            .filter(|k| k.kty == "OKP" && k.crv == "Ed25519" && k.alg == "EdDSA" && k.use_ == "sig")
            .filter_map(|k| {
                let public: [u8; 32] = base64url_decode(&k.x)?.try_into().ok()?;
                TrustedKey::from_bytes(k.kid.clone().into_bytes(), &public)
            })
            .collect()
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

/// Decodes base64url without padding; `None` on any other character, on padding, or on a
/// length no encoder produces.
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = u32::try_from(ALPHABET.iter().position(|a| *a == c)?).ok()?;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((acc >> bits) & 0xff).ok()?);
        }
    }
    // Leftover bits must be zero (canonical encoding).
    (acc & ((1 << bits) - 1) == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        for (plain, encoded) in
            [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE")]
        {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("-_8").unwrap(), [0xfb, 0xff]);
        for bad in ["Zg==", "Z", "Zh", "a+b/", "Zm9v!"] {
            assert_eq!(base64url_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_key_set_round_trips_and_skips_foreign_keys() {
        let key = super::super::IssuerKey::from_secret(b"k1".to_vec(), &[7; 32]).public();
        let mut set = KeySet { keys: vec![Jwk::ed25519(&key, true, None)], as_of: 5 };
        let mut foreign = set.keys[0].clone();
        foreign.alg = "none".into();
        foreign.kid = "k2".into();
        set.keys.push(foreign);
        let mut short = set.keys[0].clone();
        short.x = "AAAA".into();
        set.keys.push(short);
        assert_eq!(set.trusted(), vec![key]);
    }
}
