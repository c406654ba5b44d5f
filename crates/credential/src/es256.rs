//! ES256 (ECDSA on P-256 with SHA-256) verification of the officer's device signature.
//!
//! The rules are the same on every target: the public key is an uncompressed SEC1 point on the
//! curve, the signature is r ‖ s (32 bytes each) with both in [1, n − 1], the message is hashed
//! with SHA-256. Where the verifier runs natively (the server, the CLI) it uses `ring`, whose
//! assembly P-256 is several times faster than a portable implementation and carries most of
//! the online verify budget; in the browser's WebAssembly it uses RustCrypto's `p256`, which
//! compiles there without a C toolchain. Both are checked against each other in the tests.

/// True when `signature` is a valid ES256 signature by `public_key` (uncompressed SEC1) over
/// `message`.
pub fn verify(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    // Refuse r or s equal to zero or not below the group order before any curve arithmetic,
    // with the same parser on every target, so that the range rule cannot differ between them.
    if p256::ecdsa::Signature::from_slice(signature).is_err() || public_key.len() != 65 || public_key[0] != 4 {
        return false;
    }
    imp::verify(public_key, message, signature)
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub(super) fn verify(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        ring::signature::UnparsedPublicKey::new(&ring::signature::ECDSA_P256_SHA256_FIXED, public_key)
            .verify(message, signature)
            .is_ok()
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    pub(super) fn verify(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        super::portable(public_key, message, signature)
    }
}

/// The portable implementation: what the browser runs, and the reference the native one is
/// tested against.
#[cfg(any(test, target_arch = "wasm32"))]
pub(crate) fn portable(public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
    use p256::ecdsa::signature::Verifier as _;
    let key = p256::EncodedPoint::from_bytes(public_key)
        .ok()
        .and_then(|point| p256::ecdsa::VerifyingKey::from_encoded_point(&point).ok());
    let signature = p256::ecdsa::Signature::from_slice(signature).ok();
    match (key, signature) {
        (Some(key), Some(signature)) => key.verify(message, &signature).is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use p256::ecdsa::signature::Signer as _;

    use super::*;

    fn key(seed: u8) -> (p256::ecdsa::SigningKey, Vec<u8>) {
        let signing = p256::ecdsa::SigningKey::from_bytes(&[seed; 32].into()).expect("valid scalar");
        let public = signing.verifying_key().to_encoded_point(false).as_bytes().to_vec();
        (signing, public)
    }

    /// Every case gives the same answer natively and portably.
    #[track_caller]
    fn agree(public: &[u8], message: &[u8], signature: &[u8], expect: bool) {
        assert_eq!(verify(public, message, signature), expect, "native");
        let portable_answer = public.len() == 65
            && public[0] == 4
            && p256::ecdsa::Signature::from_slice(signature).is_ok()
            && portable(public, message, signature);
        assert_eq!(portable_answer, expect, "portable");
    }

    #[test]
    fn native_and_portable_agree() {
        let order = hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551");
        for seed in 1..=8u8 {
            let (signing, public) = key(seed);
            let message = format!("presentation {seed}").into_bytes();
            let signature: p256::ecdsa::Signature = signing.sign(&message);
            let bytes = signature.to_bytes().to_vec();
            agree(&public, &message, &bytes, true);
            agree(&public, b"another message", &bytes, false);
            agree(&key(seed.wrapping_add(100)).1, &message, &bytes, false);

            // The high-s twin of a valid signature (n - s) is valid ECDSA; both accept it.
            let s = p256::NonZeroScalar::try_from(&bytes[32..]).expect("s");
            let high = (-*s).to_bytes();
            let twin = [&bytes[..32], &high[..]].concat();
            agree(&public, &message, &twin, true);

            // r or s zero, equal to the order, or above it.
            for bad in [vec![0u8; 32], order.clone(), vec![0xff; 32]] {
                agree(&public, &message, &[bad.as_slice(), &bytes[32..]].concat(), false);
                agree(&public, &message, &[&bytes[..32], bad.as_slice()].concat(), false);
            }
            agree(&public, &message, &bytes[..63], false);
            let compressed = signing.verifying_key().to_encoded_point(true).as_bytes().to_vec();
            agree(&compressed, &message, &bytes, false);
            let mut off_curve = public.clone();
            off_curve[64] ^= 1;
            agree(&off_curve, &message, &bytes, false);
        }
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).expect("hex")).collect()
    }
}
