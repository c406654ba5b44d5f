//! Presenting a credential when the device key cannot leave its keystore (the officer page's
//! WebCrypto key): [`signing_input`] gives the bytes to sign, the keystore signs them with
//! ECDSA P-256 / SHA-256, and [`assemble`] builds the same payload [`super::present`] would.

use ciborium::value::{Integer, Value};

use super::presentation::presentation_message;
use super::{PRESENTATION_PREFIX, TIME_STEP_SECS, base45};

/// The time step for `unix_time`.
pub fn time_step(unix_time: i64) -> u64 {
    u64::try_from(unix_time.div_euclid(TIME_STEP_SECS)).unwrap_or(0)
}

/// The message the device signs (ECDSA P-256 with SHA-256) for this step and challenge.
pub fn signing_input(credential: &[u8], step: u64, challenge: Option<&str>) -> Vec<u8> {
    presentation_message(credential, step, challenge)
}

/// The `SC1:` payload from a device signature in IEEE P1363 form (r ‖ s, 64 bytes, as
/// WebCrypto returns it). `None` when the signature has the wrong length.
pub fn assemble(credential: &[u8], step: u64, challenge: Option<&str>, signature: &[u8]) -> Option<String> {
    if signature.len() != 64 {
        return None;
    }
    let array = Value::Array(vec![
        Value::Bytes(credential.to_vec()),
        Value::Integer(Integer::from(step)),
        challenge.map_or(Value::Null, |c| Value::Text(c.to_owned())),
        Value::Bytes(signature.to_vec()),
    ]);
    let mut bytes = Vec::new();
    ciborium::into_writer(&array, &mut bytes).ok()?;
    Some(format!("{PRESENTATION_PREFIX}{}", base45::encode(&bytes)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use p256::ecdsa::signature::Signer as _;

    use super::*;

    #[test]
    fn an_external_signature_gives_the_same_payload_as_present() {
        let device = p256::ecdsa::SigningKey::from_bytes(&[0x22u8; 32].into()).unwrap();
        let credential = b"any credential bytes";
        let at = 1_790_000_005;
        for challenge in [None, Some("0042")] {
            let step = time_step(at);
            let signature: p256::ecdsa::Signature = device.sign(&signing_input(credential, step, challenge));
            let assembled = assemble(credential, step, challenge, &signature.to_bytes()).unwrap();
            // RFC 6979 signatures are deterministic, so both paths give identical bytes.
            assert_eq!(assembled, super::super::present(credential, &device, at, challenge));
        }
        assert_eq!(assemble(credential, 1, None, &[0; 63]), None);
    }
}
