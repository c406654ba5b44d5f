//! Presenting a credential: the message the officer's device signs for one 30-second time
//! step (with the verifier's challenge, if any), and the `SC1:` payload the QR code carries.
//!
//! It checks nothing: a payload means nothing until `verify` has checked the issuer's and the
//! device's signatures, the time step and the status. It builds the payload with a device key
//! held in memory; when the key cannot leave its keystore, `holder` builds the same payload
//! from the keystore's signature over the same message.

use ciborium::value::{Integer, Value};
use p256::ecdsa::signature::Signer as _;
use sha2::{Digest, Sha256};

use crate::base45;
use crate::claims::text;

/// The length of a presentation time step.
pub const TIME_STEP_SECS: i64 = 30;
/// The prefix of a presentation payload.
pub const PRESENTATION_PREFIX: &str = "SC1:";

/// The message a device signs for a presentation: SHA-256 of the credential, the time step
/// (8 bytes, big-endian) and the challenge's UTF-8 bytes, if any.
pub(crate) fn presentation_message(credential: &[u8], time_step: u64, challenge: Option<&str>) -> Vec<u8> {
    let mut message = Sha256::digest(credential).to_vec();
    message.extend_from_slice(&time_step.to_be_bytes());
    if let Some(challenge) = challenge {
        message.extend_from_slice(challenge.as_bytes());
    }
    message
}

/// A live presentation payload: `SC1:` + Base45 of the CBOR array
/// [credential, time step, challenge or null, ES256 signature].
pub fn present(credential: &[u8], device: &p256::ecdsa::SigningKey, unix_time: i64, challenge: Option<&str>) -> String {
    let time_step = u64::try_from(unix_time.div_euclid(TIME_STEP_SECS)).unwrap_or(0);
    let signature: p256::ecdsa::Signature = device.sign(&presentation_message(credential, time_step, challenge));
    let array = Value::Array(vec![
        Value::Bytes(credential.to_vec()),
        Value::Integer(Integer::from(time_step)),
        challenge.map_or(Value::Null, text),
        Value::Bytes(signature.to_bytes().to_vec()),
    ]);
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = ciborium::into_writer(&array, &mut bytes);
    format!("{PRESENTATION_PREFIX}{}", base45::encode(&bytes))
}
