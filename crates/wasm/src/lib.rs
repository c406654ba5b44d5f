//! shieldcheck in the browser. The public scanner (`/verify`) decodes the camera's frames and
//! verifies presentations with exactly the Rust code the server and the CLI run, against the
//! key set and signed status list its service worker caches, so a check works with the network
//! off. The officer page (`/officer`) builds its live presentation here around a signature made
//! by a WebCrypto key that never leaves the browser's keystore.
//!
//! Built with `scripts/build-wasm` into `crates/server/static/wasm/` (committed, so
//! that a fresh clone serves it without a WebAssembly toolchain).

use shieldcheck_credential::answer::verify_published;
use shieldcheck_credential::keyset::KeySet;
use shieldcheck_credential::{VerifyOptions, VerifyResult, holder};
use shieldcheck_nypd::registry::Registry;
use wasm_bindgen::prelude::wasm_bindgen;

/// Verifies a presentation at `now_unix` (seconds) against the published key set (JSON, as
/// served at `/.well-known/shieldcheck/keys`) and the signed status list token (bytes, as
/// served at `/api/v1/status-lists/1`; absent offline before the first fetch). Returns the
/// answer as JSON, the same object `POST /api/v1/verify` returns.
#[wasm_bindgen]
pub fn verify(
    payload: &str,
    keys_json: &str,
    status_token: Option<Vec<u8>>,
    now_unix: f64,
    challenge: Option<u16>,
) -> String {
    let options = VerifyOptions { challenge, ..VerifyOptions::default() };
    let answer = match serde_json::from_str::<KeySet>(keys_json) {
        Ok(keys) => {
            verify_published(payload, &keys, status_token.as_deref(), seconds(now_unix), &options, Registry::nypd())
        }
        // No usable key set: nothing can be trusted.
        Err(_) => shieldcheck_credential::answer::VerifyAnswer {
            result: VerifyResult::UnknownIssuerKey,
            member: None,
            status_as_of: None,
        },
    };
    serde_json::to_string(&answer).unwrap_or_default()
}

/// Reads the first QR code in an RGBA image (a camera frame drawn on a canvas).
#[wasm_bindgen]
pub fn decode_qr_rgba(rgba: &[u8], width: u32, height: u32) -> Option<String> {
    let luma: Vec<u8> = rgba
        .chunks_exact(4)
        .map(|px| ((u16::from(px[0]) * 77 + u16::from(px[1]) * 150 + u16::from(px[2]) * 29) >> 8) as u8)
        .collect();
    shieldcheck_credential::qr::decode_luma(width as usize, height as usize, &luma)
}

/// The presentation time step for `now_unix`.
#[wasm_bindgen]
pub fn time_step(now_unix: f64) -> f64 {
    holder::time_step(seconds(now_unix)) as f64
}

/// The bytes the officer's device key signs (ECDSA P-256, SHA-256) for a time step.
#[wasm_bindgen]
pub fn signing_input(credential: &[u8], step: f64, challenge: Option<String>) -> Vec<u8> {
    holder::signing_input(credential, step_of(step), challenge.as_deref())
}

/// The `SC1:` payload from the device's P1363 signature; `None` if the signature is not 64 bytes.
#[wasm_bindgen]
pub fn assemble(credential: &[u8], step: f64, challenge: Option<String>, signature: &[u8]) -> Option<String> {
    holder::assemble(credential, step_of(step), challenge.as_deref(), signature)
}

/// The QR code of a payload as SVG (level Q, version 20 at most); `None` if it does not fit.
#[wasm_bindgen]
pub fn qr_svg(payload: &str) -> Option<String> {
    shieldcheck_credential::qr::encode(payload).ok().map(|m| m.to_svg())
}

fn seconds(unix: f64) -> i64 {
    if unix.is_finite() { unix.floor() as i64 } else { 0 }
}

fn step_of(step: f64) -> u64 {
    if step.is_finite() && step >= 0.0 { step as u64 } else { 0 }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    #[test]
    fn a_garbage_key_set_never_verifies() {
        let answer: serde_json::Value = serde_json::from_str(&super::verify("SC1:00", "{", None, 0.0, None)).unwrap();
        assert_eq!(answer["result"], "unknown_issuer_key");
        let answer: serde_json::Value =
            serde_json::from_str(&super::verify("SC1:00", r#"{"keys":[],"as_of":0}"#, None, 0.0, None)).unwrap();
        assert_eq!(answer["result"], "malformed");
    }

    #[test]
    fn time_steps_and_signature_lengths() {
        assert_eq!(super::time_step(1_790_000_005.9), 59_666_666.0);
        assert_eq!(super::assemble(b"c", 1.0, None, &[0; 10]), None);
        assert!(super::qr_svg("SC1:ABC").unwrap().contains("<path"));
        assert_eq!(super::decode_qr_rgba(&[255; 400], 10, 10), None);
    }
}
