//! Verifying many presentations at once, as a busy verification service receives them: the
//! issuer signatures (Ed25519) of the whole batch are checked together, which costs well under
//! half as much per signature as checking them one by one. When the batch does not verify (one
//! bad signature is enough), each signature is checked alone, so every presentation gets the
//! answer [`verify_presentation`](super::verify_presentation) gives it.
//!
//! Batch verification accepts a few signatures that strict verification refuses, so those never
//! enter a batch: signatures whose `R` is not a canonical encoding or is a point of small
//! order, and keys of small order or with a small-order component. What remains is an `R` with
//! a small-order component: the batch may accept it where strict verification refuses it, but
//! only the holder of the issuer's secret key can make such a signature (it satisfies the
//! signature equation up to that component), and the service's own signer never does.

use super::verify::{OpenedSign1, Presentation, failed, open_sign1, parse_presentation, verify_after_issuer};
use super::{StatusListToken, TrustedKey, Verification, VerifyOptions, VerifyResult};

/// The most signatures checked in one batch; a longer list is checked in batches of this size.
pub const MAX_BATCH: usize = 256;

/// One presentation to verify in a batch, with the time and options of its own request.
#[derive(Debug, Clone, Copy)]
pub struct BatchItem<'a> {
    pub payload: &'a str,
    /// Unix seconds.
    pub now: i64,
    pub options: VerifyOptions,
}

/// Verifies presentations that share trusted keys and one status list; the answers are in the
/// order of `items`, each exactly what `verify_presentation` answers for it.
pub fn verify_items(
    items: &[BatchItem<'_>],
    keys: &[TrustedKey],
    status: Option<&StatusListToken>,
) -> Vec<Verification> {
    enum Stage<'k> {
        Done(Verification),
        Opened(Presentation, OpenedSign1<'k>),
    }
    let stages: Vec<Stage<'_>> = items
        .iter()
        .map(|item| {
            let Some(presentation) = parse_presentation(item.payload) else {
                return Stage::Done(failed(VerifyResult::Malformed));
            };
            match open_sign1(&presentation.credential, keys, None) {
                Ok(opened) => Stage::Opened(presentation, opened),
                Err(e) => Stage::Done(failed(e)),
            }
        })
        .collect();
    let opened: Vec<&OpenedSign1<'_>> = stages
        .iter()
        .filter_map(|s| match s {
            Stage::Opened(_, o) => Some(o),
            Stage::Done(_) => None,
        })
        .collect();
    let mut checked = check_signatures(&opened).into_iter();
    stages
        .into_iter()
        .zip(items)
        .map(|(stage, item)| match stage {
            Stage::Done(v) => v,
            Stage::Opened(presentation, opened) => match checked.next() {
                Some(Ok(())) => match opened.payload() {
                    Ok(payload) => verify_after_issuer(&presentation, payload, status, item.now, &item.options),
                    Err(e) => failed(e),
                },
                Some(Err(e)) => failed(e),
                None => failed(VerifyResult::BadSignature),
            },
        })
        .collect()
}

/// [`verify_items`] for presentations checked at one time with the same options.
pub fn verify_presentations_batch(
    payloads: &[&str],
    keys: &[TrustedKey],
    status: Option<&StatusListToken>,
    now: i64,
    options: &VerifyOptions,
) -> Vec<Verification> {
    let items: Vec<BatchItem<'_>> =
        payloads.iter().map(|payload| BatchItem { payload, now, options: *options }).collect();
    verify_items(&items, keys, status)
}

/// Credentials whose issuer signatures are still to be checked, parsed once so that only the
/// signature checks remain (as when many stored credentials are checked again).
#[derive(Debug)]
pub struct PendingSignatures<'k> {
    opened: Vec<OpenedSign1<'k>>,
}

impl std::fmt::Debug for OpenedSign1<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenedSign1").field("kid", &self.key.kid).finish_non_exhaustive()
    }
}

impl<'k> PendingSignatures<'k> {
    /// Parses credentials (COSE_Sign1 bytes) and finds their keys; the first credential that
    /// cannot be parsed, or whose key is unknown, gives the error.
    pub fn parse(credentials: &[&[u8]], keys: &'k [TrustedKey]) -> Result<PendingSignatures<'k>, VerifyResult> {
        let opened = credentials.iter().map(|c| open_sign1(c, keys, None)).collect::<Result<_, _>>()?;
        Ok(PendingSignatures { opened })
    }

    pub fn len(&self) -> usize {
        self.opened.len()
    }

    pub fn is_empty(&self) -> bool {
        self.opened.is_empty()
    }

    /// Checks every signature alone, strictly.
    pub fn check_one_by_one(&self) -> Vec<Result<(), VerifyResult>> {
        self.opened.iter().map(OpenedSign1::check_signature).collect()
    }

    /// Checks the signatures in batches, with the same answers as [`Self::check_one_by_one`].
    pub fn check_batched(&self) -> Vec<Result<(), VerifyResult>> {
        let opened: Vec<&OpenedSign1<'_>> = self.opened.iter().collect();
        check_signatures(&opened)
    }
}

/// Whether a key can be checked in a batch: not of small order and with no small-order
/// component (strict verification refuses the first; the batch equation needs the second).
/// Worked out once per key.
fn key_batchable(key: &TrustedKey) -> bool {
    *key.batchable.get_or_init(|| !key.key.is_weak() && key.key.to_edwards().is_torsion_free())
}

/// The encodings, with y below p, of the eight points of small order: the canonical encoding
/// of each, and the second encoding of the two with x = 0 (sign bit set).
const SMALL_ORDER: [[u8; 32]; 10] = [
    // The neutral element (0, 1) and the point of order 2 (0, -1), with either sign bit.
    hex32("0100000000000000000000000000000000000000000000000000000000000000"),
    hex32("0100000000000000000000000000000000000000000000000000000000000080"),
    hex32("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    hex32("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
    // The two points of order 4 (y = 0).
    hex32("0000000000000000000000000000000000000000000000000000000000000000"),
    hex32("0000000000000000000000000000000000000000000000000000000000000080"),
    // The four points of order 8.
    hex32("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
    hex32("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"),
    hex32("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    hex32("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"),
];

/// 64 hexadecimal digits as 32 bytes, at compile time.
const fn hex32(text: &str) -> [u8; 32] {
    const fn digit(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not a hexadecimal digit"),
        }
    }
    let text = text.as_bytes();
    assert!(text.len() == 64, "32 bytes");
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = digit(text[2 * i]) * 16 + digit(text[2 * i + 1]);
        i += 1;
    }
    out
}

/// Whether a signature's `R` can be checked in a batch: a canonical encoding of a point that is
/// not of small order, as strict verification demands of every signature. An `R` that is not a
/// point at all fails the batch, and each signature is then checked alone.
fn r_batchable(signature: &ed25519_dalek::Signature) -> bool {
    let r = signature.r_bytes();
    // The y coordinate, without the sign bit, must be below p = 2^255 - 19; with it, the only
    // encodings that do not compress back to themselves are those of the points with x = 0,
    // which are of small order.
    let non_canonical_y = r[31] & 0x7f == 0x7f && r[1..31].iter().all(|b| *b == 0xff) && r[0] >= 0xed;
    !non_canonical_y && !SMALL_ORDER.contains(r)
}

/// The issuer-signature check of each opened credential, in order.
fn check_signatures(opened: &[&OpenedSign1<'_>]) -> Vec<Result<(), VerifyResult>> {
    let mut results: Vec<Option<Result<(), VerifyResult>>> = vec![None; opened.len()];
    // (position, signature) of those that may go into a batch.
    let mut queue: Vec<(usize, ed25519_dalek::Signature)> = opened
        .iter()
        .enumerate()
        .filter_map(|(i, o)| o.ed25519_signature().filter(r_batchable).map(|s| (i, s)))
        .collect();
    // A batch of one saves nothing.
    if queue.len() < 2 {
        queue.clear();
    }
    queue.retain(|(i, _)| key_batchable(opened[*i].key));
    for chunk in queue.chunks(MAX_BATCH) {
        let messages: Vec<&[u8]> = chunk.iter().map(|(i, _)| opened[*i].tbs.as_slice()).collect();
        let signatures: Vec<ed25519_dalek::Signature> = chunk.iter().map(|(_, s)| *s).collect();
        let keys: Vec<ed25519_dalek::VerifyingKey> = chunk.iter().map(|(i, _)| opened[*i].key.key).collect();
        let all_good = chunk.len() >= 2 && ed25519_dalek::verify_batch(&messages, &signatures, &keys).is_ok();
        for (i, _) in chunk {
            results[*i] = Some(if all_good { Ok(()) } else { opened[*i].check_signature() });
        }
    }
    // Whatever is not in a batch is checked alone.
    results.into_iter().zip(opened).map(|(r, o)| r.unwrap_or_else(|| o.check_signature())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signature_with_r(r: [u8; 32]) -> ed25519_dalek::Signature {
        ed25519_dalek::Signature::from_components(r, [0; 32])
    }

    #[test]
    fn the_small_order_encodings_are_the_eight_points_of_small_order() {
        let mut points = Vec::new();
        for encoding in SMALL_ORDER {
            let point = ed25519_dalek::VerifyingKey::from_bytes(&encoding).expect("a point");
            assert!(point.is_weak(), "{encoding:02x?} is of small order");
            let canonical = point.to_edwards().compress().to_bytes();
            if canonical != encoding {
                // Only the points with x = 0 have a second encoding: the sign bit set.
                assert_eq!(canonical[..31], encoding[..31]);
                assert_eq!(canonical[31] | 0x80, encoding[31]);
            }
            if !points.contains(&canonical) {
                points.push(canonical);
            }
        }
        // There are exactly eight points of small order.
        assert_eq!(points.len(), 8);
    }

    #[test]
    fn only_what_strict_verification_accepts_goes_into_a_batch() {
        use ed25519_dalek::Signer as _;
        let key = super::super::IssuerKey::from_secret(b"k".to_vec(), &[7; 32]);
        assert!(key_batchable(&key.public()));
        assert!(r_batchable(&key.key.sign(b"a credential")));
        // y = p + 1, a second encoding of y = 1.
        let mut y_above_p = [0xffu8; 32];
        y_above_p[0] = 0xee;
        y_above_p[31] = 0x7f;
        for r in SMALL_ORDER.into_iter().chain([y_above_p, [0xff; 32]]) {
            assert!(!r_batchable(&signature_with_r(r)), "{r:02x?}");
        }
        let weak = TrustedKey::from_bytes(b"w".to_vec(), &SMALL_ORDER[0]).expect("a point");
        assert!(!key_batchable(&weak));
    }
}
