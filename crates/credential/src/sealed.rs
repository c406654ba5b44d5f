//! Secrets sealed with a passphrase: Argon2id derives a key, XChaCha20-Poly1305 encrypts, and
//! the caller's context (a key id) is bound as associated data, so a sealed secret cannot be
//! moved to another record. Used for issuer signing keys at rest. The caller supplies the salt
//! and nonce from a secure random source; this module does no I/O.

use std::fmt;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};

/// Argon2id cost: 64 MiB, 3 passes (the RFC 9106 second recommendation), one lane.
pub const MEMORY_KIB: u32 = 64 * 1024;
pub const PASSES: u32 = 3;

/// A sealed secret in its stored text form: `sc1$<m>$<t>$<salt>$<nonce>$<ciphertext>` (hex).
#[derive(Clone, PartialEq, Eq)]
pub struct SealedSecret {
    memory_kib: u32,
    passes: u32,
    salt: [u8; 16],
    nonce: [u8; 24],
    ciphertext: Vec<u8>,
}

impl fmt::Debug for SealedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SealedSecret").field("memory_kib", &self.memory_kib).finish_non_exhaustive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the passphrase is wrong, or the sealed secret was altered or belongs to another key")]
    WrongPassphrase,
    #[error("the sealed secret is not in the sc1 format")]
    Format,
    #[error("the key derivation parameters are invalid")]
    Parameters,
}

fn derive(passphrase: &[u8], salt: &[u8; 16], memory_kib: u32, passes: u32) -> Result<[u8; 32], SealError> {
    let params = argon2::Params::new(memory_kib, passes, 1, Some(32)).map_err(|_| SealError::Parameters)?;
    let argon = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
    let mut key = [0u8; 32];
    argon.hash_password_into(passphrase, salt, &mut key).map_err(|_| SealError::Parameters)?;
    Ok(key)
}

impl SealedSecret {
    /// Seals `secret` under `passphrase`, bound to `context`.
    pub fn seal(
        passphrase: &[u8],
        secret: &[u8],
        context: &[u8],
        salt: [u8; 16],
        nonce: [u8; 24],
    ) -> Result<SealedSecret, SealError> {
        Self::seal_with_cost(passphrase, secret, context, salt, nonce, MEMORY_KIB, PASSES)
    }

    /// As [`SealedSecret::seal`], with explicit cost (tests use a small one).
    pub fn seal_with_cost(
        passphrase: &[u8],
        secret: &[u8],
        context: &[u8],
        salt: [u8; 16],
        nonce: [u8; 24],
        memory_kib: u32,
        passes: u32,
    ) -> Result<SealedSecret, SealError> {
        let key = derive(passphrase, &salt, memory_kib, passes)?;
        let cipher = XChaCha20Poly1305::new(&key.into());
        let ciphertext = cipher
            .encrypt(&XNonce::from(nonce), Payload { msg: secret, aad: context })
            .map_err(|_| SealError::Parameters)?;
        Ok(SealedSecret { memory_kib, passes, salt, nonce, ciphertext })
    }

    /// Opens the secret; any change to the passphrase, context or stored text fails.
    pub fn open(&self, passphrase: &[u8], context: &[u8]) -> Result<Vec<u8>, SealError> {
        let key = derive(passphrase, &self.salt, self.memory_kib, self.passes)?;
        let cipher = XChaCha20Poly1305::new(&key.into());
        cipher
            .decrypt(&XNonce::from(self.nonce), Payload { msg: &self.ciphertext, aad: context })
            .map_err(|_| SealError::WrongPassphrase)
    }

    pub fn to_text(&self) -> String {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        format!(
            "sc1${}${}${}${}${}",
            self.memory_kib,
            self.passes,
            hex(&self.salt),
            hex(&self.nonce),
            hex(&self.ciphertext)
        )
    }

    pub fn from_text(text: &str) -> Result<SealedSecret, SealError> {
        let parts: Vec<&str> = text.trim().split('$').collect();
        let [tag, m, t, salt, nonce, ct] = parts.as_slice() else { return Err(SealError::Format) };
        if *tag != "sc1" {
            return Err(SealError::Format);
        }
        let unhex = |s: &str| -> Result<Vec<u8>, SealError> {
            if !s.len().is_multiple_of(2) {
                return Err(SealError::Format);
            }
            (0..s.len())
                .step_by(2)
                .map(|i| s.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).ok_or(SealError::Format))
                .collect()
        };
        Ok(SealedSecret {
            memory_kib: m.parse().map_err(|_| SealError::Format)?,
            passes: t.parse().map_err(|_| SealError::Format)?,
            salt: unhex(salt)?.try_into().map_err(|_| SealError::Format)?,
            nonce: unhex(nonce)?.try_into().map_err(|_| SealError::Format)?,
            ciphertext: unhex(ct)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sealed() -> SealedSecret {
        SealedSecret::seal_with_cost(b"correct horse", &[7u8; 32], b"kid-1", [1; 16], [2; 24], 256, 1).expect("seal")
    }

    #[test]
    fn seals_and_opens() {
        let s = sealed();
        assert_eq!(s.open(b"correct horse", b"kid-1"), Ok(vec![7u8; 32]));
        let back = SealedSecret::from_text(&s.to_text()).expect("parse");
        assert_eq!(back, s);
        assert!(!format!("{s:?}").contains("07"), "Debug shows no secret material");
    }

    #[test]
    fn wrong_passphrase_context_or_tampering_fails() {
        let s = sealed();
        assert_eq!(s.open(b"wrong", b"kid-1"), Err(SealError::WrongPassphrase));
        assert_eq!(s.open(b"correct horse", b"kid-2"), Err(SealError::WrongPassphrase));
        let mut text = s.to_text();
        let last = text.pop().map_or('0', |c| if c == '0' { '1' } else { '0' });
        text.push(last);
        let tampered = SealedSecret::from_text(&text).expect("parse");
        assert_eq!(tampered.open(b"correct horse", b"kid-1"), Err(SealError::WrongPassphrase));
        assert_eq!(SealedSecret::from_text("sc2$1$1$00$00$00"), Err(SealError::Format));
        assert_eq!(SealedSecret::from_text("garbage"), Err(SealError::Format));
    }
}
