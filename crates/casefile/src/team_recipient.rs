//! A case-team key as an age X25519 recipient that wraps file keys about twice as fast as the
//! `age` crate's own, for the same bytes on the wire.
//!
//! Every report is its own age file, so every report costs an X25519 key agreement per team
//! key: a fresh ephemeral key pair (a fixed-base multiplication) and the Diffie–Hellman with
//! the team key (a variable-base Montgomery ladder). The ladder is most of it. A team key is
//! the same for every report, though, so its multiples can be precomputed once, as they are
//! for the base point: the shared secret then costs a fixed-base multiplication against a
//! table of the team key (curve25519-dalek's constant-time `EdwardsBasepointTable`), converted
//! to the Montgomery u-coordinate X25519 gives.
//!
//! The stanza is exactly age's (age-encryption.org/v1, "X25519" recipient): the ephemeral
//! share as its argument, and the file key sealed with ChaCha20-Poly1305 under
//! HKDF-SHA-256(salt = ephemeral share ‖ team key, ikm = shared secret, info =
//! "age-encryption.org/v1/X25519"), using `age-core`'s own HKDF and AEAD. Files made with it
//! open with `age::x25519::Identity` and the `age` command-line tool (both tested).
//!
//! The table holds only when the team key is a point of the prime-order subgroup (every key
//! `age-keygen` or `team-keys init` makes is): X25519 clamps its scalar to a multiple of the
//! cofactor, which the table's reduced scalar is not. A key outside the subgroup, or not on the
//! curve, is wrapped by the `age` crate's recipient instead.

use std::collections::HashSet;
use std::fmt;

use age::secrecy::ExposeSecret as _;
use age_core::format::{FileKey, Stanza};
use base64::Engine as _;
use curve25519_dalek::edwards::EdwardsBasepointTable;
use curve25519_dalek::montgomery::MontgomeryPoint;
use curve25519_dalek::scalar::{Scalar, clamp_integer};
use curve25519_dalek::traits::BasepointTable as _;
use rand::TryRngCore as _;
use zeroize::Zeroize as _;

const TAG: &str = "X25519";
const LABEL: &[u8] = b"age-encryption.org/v1/X25519";

/// One team key, ready to wrap file keys.
pub(crate) struct TeamRecipientKey {
    public: [u8; 32],
    /// Multiples of the team key; `None` for a key the table cannot serve (see the module).
    table: Option<Box<EdwardsBasepointTable>>,
    fallback: age::x25519::Recipient,
}

impl fmt::Debug for TeamRecipientKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TeamRecipientKey({})", self.fallback)
    }
}

impl TeamRecipientKey {
    pub(crate) fn new(recipient: age::x25519::Recipient) -> TeamRecipientKey {
        let public = public_bytes(&recipient);
        let table = public.and_then(|bytes| {
            let point = MontgomeryPoint(bytes).to_edwards(0)?;
            point.is_torsion_free().then(|| Box::new(EdwardsBasepointTable::create(&point)))
        });
        TeamRecipientKey { public: public.unwrap_or_default(), table, fallback: recipient }
    }

    /// The X25519 shared secret of `ephemeral` (a secret scalar, clamped here as X25519 does)
    /// with this key, and the ephemeral share. `None` when the table cannot serve this key.
    fn agree(&self, ephemeral: &[u8; 32]) -> Option<([u8; 32], [u8; 32])> {
        let table = self.table.as_ref()?;
        let share = MontgomeryPoint::mul_base_clamped(*ephemeral).to_bytes();
        // The team key is in the prime-order subgroup, so the clamped scalar may be reduced.
        let mut scalar = Scalar::from_bytes_mod_order(clamp_integer(*ephemeral));
        let shared = (table.as_ref() * &scalar).to_montgomery().to_bytes();
        scalar.zeroize();
        Some((shared, share))
    }
}

impl age::Recipient for TeamRecipientKey {
    fn wrap_file_key(&self, file_key: &FileKey) -> Result<(Vec<Stanza>, HashSet<String>), age::EncryptError> {
        let mut ephemeral = [0u8; 32];
        rand::rngs::OsRng
            .try_fill_bytes(&mut ephemeral)
            .map_err(|e| age::EncryptError::Io(std::io::Error::other(e)))?;
        let agreed = self.agree(&ephemeral);
        ephemeral.zeroize();
        let Some((mut shared, share)) = agreed else { return self.fallback.wrap_file_key(file_key) };
        // As age does: an all-zero shared secret means a broken random source; never use it.
        if shared.iter().all(|&b| b == 0) {
            return Err(age::EncryptError::Io(std::io::Error::other("X25519 produced the all-zero secret")));
        }
        let mut salt = [0u8; 64];
        salt[..32].copy_from_slice(&share);
        salt[32..].copy_from_slice(&self.public);
        let mut wrap_key = age_core::primitives::hkdf(&salt, LABEL, &shared);
        shared.zeroize();
        let body = age_core::primitives::aead_encrypt(&wrap_key, file_key.expose_secret());
        wrap_key.zeroize();
        let stanza = Stanza {
            tag: TAG.to_owned(),
            args: vec![base64::engine::general_purpose::STANDARD_NO_PAD.encode(share)],
            body,
        };
        Ok((vec![stanza], HashSet::new()))
    }
}

fn public_bytes(recipient: &age::x25519::Recipient) -> Option<[u8; 32]> {
    let (hrp, bytes) = bech32::decode(&recipient.to_string()).ok()?;
    (hrp.as_str().eq_ignore_ascii_case("age")).then_some(())?;
    bytes.try_into().ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::io::{Read as _, Write as _};
    use std::str::FromStr as _;

    use super::*;

    fn seal(recipient: &dyn age::Recipient, plaintext: &[u8]) -> Vec<u8> {
        let encryptor = age::Encryptor::with_recipients(std::iter::once(recipient)).unwrap();
        let mut sealed = Vec::new();
        let mut writer = encryptor.wrap_output(&mut sealed).unwrap();
        writer.write_all(plaintext).unwrap();
        writer.finish().unwrap();
        sealed
    }

    fn open(identity: &age::x25519::Identity, sealed: &[u8]) -> Option<Vec<u8>> {
        let decryptor = age::Decryptor::new(sealed).ok()?;
        let mut reader = decryptor.decrypt(std::iter::once(identity as &dyn age::Identity)).ok()?;
        let mut out = Vec::new();
        reader.read_to_end(&mut out).ok()?;
        Some(out)
    }

    #[test]
    fn the_shared_secret_is_the_x25519_one() {
        for _ in 0..50 {
            let identity = age::x25519::Identity::generate();
            let key = TeamRecipientKey::new(identity.to_public());
            assert!(key.table.is_some(), "a generated key is in the prime-order subgroup");
            let mut ephemeral = [0u8; 32];
            rand::rngs::OsRng.try_fill_bytes(&mut ephemeral).unwrap();
            let (shared, share) = key.agree(&ephemeral).unwrap();
            // X25519 as RFC 7748 defines it: the Montgomery ladder with the clamped scalar.
            assert_eq!(share, MontgomeryPoint::mul_base_clamped(ephemeral).to_bytes());
            assert_eq!(shared, MontgomeryPoint(key.public).mul_clamped(ephemeral).to_bytes());
        }
    }

    #[test]
    fn files_open_with_the_identity_and_only_it() {
        let identity = age::x25519::Identity::generate();
        let key = TeamRecipientKey::new(identity.to_public());
        let sealed = seal(&key, b"a report");
        assert!(sealed.starts_with(b"age-encryption.org/v1\n-> X25519 "));
        assert_eq!(open(&identity, &sealed).unwrap(), b"a report");
        assert_eq!(open(&age::x25519::Identity::generate(), &sealed), None);
        // Each file has its own ephemeral share.
        assert_ne!(seal(&key, b"a report"), sealed);
    }

    #[test]
    fn a_key_outside_the_prime_order_subgroup_is_wrapped_by_age_itself() {
        // An identity's public key plus a point of order 8 is still a valid curve point (and a
        // valid-looking recipient), but not one the table may serve.
        let identity = age::x25519::Identity::generate();
        let public = public_bytes(&identity.to_public()).unwrap();
        let point = MontgomeryPoint(public).to_edwards(0).unwrap();
        let torsion = curve25519_dalek::constants::EIGHT_TORSION[1];
        let shifted = (point + torsion).to_montgomery();
        let hrp = bech32::Hrp::parse("age").unwrap();
        let text = bech32::encode::<bech32::Bech32>(hrp, shifted.as_bytes()).unwrap();
        let recipient = age::x25519::Recipient::from_str(&text).unwrap();
        let key = TeamRecipientKey::new(recipient);
        assert!(key.table.is_none());
        // Sealing still works, through age's own recipient, and gives what age gives: a file
        // the identity behind the untouched key cannot open (age binds the wrap key to the
        // recipient's exact bytes).
        let sealed = seal(&key, b"still sealed");
        assert!(sealed.starts_with(b"age-encryption.org/v1\n-> X25519 "));
        assert_eq!(open(&identity, &sealed), None);
        assert_eq!(open(&identity, &seal(&age::x25519::Recipient::from_str(&text).unwrap(), b"x")), None);
    }
}
