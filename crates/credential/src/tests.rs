use ciborium::value::{Integer, Value};
use coset::{CborSerializable as _, CoseSign1, TaggedCborSerializable as _, iana};
use ed25519_dalek::Signer as _;

use super::claims::{int, text};
use super::issue::sign;
use super::statuslist::{Status, StatusList};
use super::verify::open_sign1;
use super::*;

const NOW: i64 = 1_790_000_000;

fn issuer() -> IssuerKey {
    IssuerKey::from_secret(b"k2026a".to_vec(), &[7u8; 32])
}

use crate::testing::device;

/// The known-answer credential's claims, issued an hour before `NOW`, at another index and
/// bound to another device than the vectors', so that these tests see values of their own.
fn claims() -> CredentialClaims {
    CredentialClaims {
        photo_hash: Some([0xAB; 16]),
        issued_at: NOW - 3600,
        not_before: NOW - 3600,
        expires: NOW + 29 * 24 * 3600,
        status_index: 77_777,
        device_key: crate::testing::device_public(&device(9)),
        ..crate::testing::claims()
    }
}

fn status(set: Option<(usize, Status)>) -> StatusListToken {
    let mut list = StatusList::new(statuslist::MIN_ENTRIES);
    if let Some((i, s)) = set {
        list.set(i, s);
    }
    StatusListToken { uri: claims().status_uri, issued_at: NOW - 60, expires: None, ttl: Some(300), list }
}

fn verify(payload: &str, token: Option<&StatusListToken>, now: i64) -> VerifyResult {
    verify_presentation(payload, &[issuer().public()], token, now, &VerifyOptions::default()).result
}

#[test]
fn a_live_presentation_verifies() {
    let credential = issue(&claims(), &issuer()).expect("issue");
    let payload = present(&credential, &device(9), NOW, None);
    assert!(payload.starts_with("SC1:"));
    assert!(payload[4..].bytes().all(|b| b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".contains(&b)));
    let token = status(None);
    let v = verify_presentation(&payload, &[issuer().public()], Some(&token), NOW, &VerifyOptions::default());
    assert_eq!(v.result, VerifyResult::Valid);
    assert_eq!(v.claims.as_ref().map(|c| c.last_name.as_str()), Some("Rivera"));
    assert_eq!(v.claims, Some(claims()));
    assert_eq!(v.status_as_of, Some(NOW - 60));
}

#[test]
fn time_steps_outside_the_window_are_stale() {
    let credential = issue(&claims(), &issuer()).expect("issue");
    let token = status(None);
    let payload = present(&credential, &device(9), NOW, None);
    assert_eq!(verify(&payload, Some(&token), NOW + 30), VerifyResult::Valid);
    assert_eq!(verify(&payload, Some(&token), NOW - 30), VerifyResult::Valid);
    // One step of tolerance, plus the default 30 s of clock skew: 2 steps either way.
    assert_eq!(verify(&payload, Some(&token), NOW + 95), VerifyResult::StalePresentation);
    assert_eq!(verify(&payload, Some(&token), NOW - 95), VerifyResult::StalePresentation);
    // Replayed 90 seconds later (three steps on, wherever in its step it was made): stale.
    for offset in [0, 1, 29] {
        let made = present(&credential, &device(9), NOW + offset, None);
        assert_eq!(verify(&made, Some(&token), NOW + offset + 90), VerifyResult::StalePresentation);
    }
}

#[test]
fn validity_revocation_and_suspension() {
    let credential = issue(&claims(), &issuer()).expect("issue");
    let at = |t: i64| present(&credential, &device(9), t, None);
    let token = status(None);
    let late = claims().expires + 3600;
    assert_eq!(verify(&at(late), Some(&token), late), VerifyResult::Expired);
    let early = claims().not_before - 3600;
    assert_eq!(verify(&at(early), Some(&token), early), VerifyResult::NotYetValid);
    assert_eq!(verify(&at(NOW), Some(&status(Some((77_777, Status::Revoked)))), NOW), VerifyResult::Revoked);
    assert_eq!(verify(&at(NOW), Some(&status(Some((77_777, Status::Suspended)))), NOW), VerifyResult::Suspended);
    assert_eq!(verify(&at(NOW), Some(&status(Some((77_776, Status::Revoked)))), NOW), VerifyResult::Valid);
    assert_eq!(verify(&at(NOW), None, NOW), VerifyResult::StatusUnavailable);
    let mut other = status(None);
    other.uri = "https://elsewhere.example/status".into();
    assert_eq!(verify(&at(NOW), Some(&other), NOW), VerifyResult::StatusUnavailable);
}

#[test]
fn forged_unknown_and_copied_credentials_fail() {
    let token = status(None);
    // Same key id, different key: a forgery.
    let forger = IssuerKey::from_secret(b"k2026a".to_vec(), &[8u8; 32]);
    let forged = issue(&claims(), &forger).expect("issue");
    assert_eq!(verify(&present(&forged, &device(9), NOW, None), Some(&token), NOW), VerifyResult::BadSignature);
    // A key id the verifier does not know.
    let stranger = IssuerKey::from_secret(b"other".to_vec(), &[7u8; 32]);
    let unknown = issue(&claims(), &stranger).expect("issue");
    assert_eq!(verify(&present(&unknown, &device(9), NOW, None), Some(&token), NOW), VerifyResult::UnknownIssuerKey);
    // The real credential presented by another phone (copied from a screenshot).
    let credential = issue(&claims(), &issuer()).expect("issue");
    assert_eq!(verify(&present(&credential, &device(10), NOW, None), Some(&token), NOW), VerifyResult::WrongDevice);
}

#[test]
fn algorithms_from_headers_are_never_trusted() {
    let token = status(None);
    let credential = issue(&claims(), &issuer()).expect("issue");
    let mut sign1 = CoseSign1::from_slice(&credential).expect("parse");
    // alg "none" is not a COSE algorithm; absent or another algorithm is refused the same way.
    for alg in [None, Some(iana::Algorithm::ES256)] {
        sign1.protected.header.alg = alg.map(coset::RegisteredLabelWithPrivate::Assigned);
        sign1.protected.original_data = None;
        let bytes = sign1.clone().to_vec().expect("encode");
        assert_eq!(verify(&present(&bytes, &device(9), NOW, None), Some(&token), NOW), VerifyResult::BadSignature);
    }
    // An unprotected key id or algorithm is refused outright.
    let mut sign1 = CoseSign1::from_slice(&credential).expect("parse");
    sign1.unprotected.key_id = b"k2026a".to_vec();
    let bytes = sign1.to_vec().expect("encode");
    assert_eq!(verify(&present(&bytes, &device(9), NOW, None), Some(&token), NOW), VerifyResult::Malformed);
}

#[test]
fn malformed_input_is_refused() {
    let token = status(None);
    let credential = issue(&claims(), &issuer()).expect("issue");
    let payload = present(&credential, &device(9), NOW, None);
    assert_eq!(verify(&payload[..payload.len() - 3], Some(&token), NOW), VerifyResult::Malformed);
    assert_eq!(verify(&payload.replace("SC1:", "SC2:"), Some(&token), NOW), VerifyResult::Malformed);
    assert_eq!(verify("SC1:abc", Some(&token), NOW), VerifyResult::Malformed);
    assert_eq!(verify(&format!("SC1:{}", "A".repeat(5000)), Some(&token), NOW), VerifyResult::Malformed);
    // Trailing bytes after the credential.
    let mut long = credential.clone();
    long.push(0);
    assert_eq!(verify(&present(&long, &device(9), NOW, None), Some(&token), NOW), VerifyResult::Malformed);
    // Trailing bytes after the presentation array.
    let bytes = base45::decode(&payload[4..]).expect("base45");
    let mut extra = bytes.clone();
    extra.push(0);
    assert_eq!(verify(&format!("SC1:{}", base45::encode(&extra)), Some(&token), NOW), VerifyResult::Malformed);
}

#[test]
fn wrong_claim_types_are_malformed() {
    let token = status(None);
    // nbf as text: build the payload by hand, correctly signed.
    let map =
        Value::Map(vec![(int(key::ISS), text("x")), (int(key::NBF), text("yesterday")), (int(key::EXP), int(NOW))]);
    let bytes = sign(map, &issuer(), None).expect("sign");
    assert_eq!(verify(&present(&bytes, &device(9), NOW, None), Some(&token), NOW), VerifyResult::Malformed);
}

#[test]
fn device_signatures_with_zero_or_huge_scalars_are_refused() {
    let token = status(None);
    let credential = issue(&claims(), &issuer()).expect("issue");
    for signature in [vec![0u8; 64], vec![0xFFu8; 64]] {
        let array = Value::Array(vec![
            Value::Bytes(credential.clone()),
            Value::Integer(Integer::from(u64::try_from(NOW / 30).expect("positive"))),
            Value::Null,
            Value::Bytes(signature),
        ]);
        let mut bytes = Vec::new();
        ciborium::into_writer(&array, &mut bytes).expect("encode");
        let payload = format!("SC1:{}", base45::encode(&bytes));
        assert_eq!(verify(&payload, Some(&token), NOW), VerifyResult::WrongDevice);
    }
}

#[test]
fn challenge_mode_defeats_a_relay_of_an_old_code() {
    let token = status(None);
    let credential = issue(&claims(), &issuer()).expect("issue");
    let options = VerifyOptions { challenge: Some(417), ..VerifyOptions::default() };
    let right = present(&credential, &device(9), NOW, Some("0417"));
    let wrong = present(&credential, &device(9), NOW, Some("9999"));
    let none = present(&credential, &device(9), NOW, None);
    let check = |p: &str| verify_presentation(p, &[issuer().public()], Some(&token), NOW, &options).result;
    assert_eq!(check(&right), VerifyResult::Valid);
    assert_eq!(check(&wrong), VerifyResult::StalePresentation);
    assert_eq!(check(&none), VerifyResult::StalePresentation);
}

#[test]
fn status_list_tokens_are_signed_and_bounded() {
    let token = status(Some((5, Status::Revoked)));
    let bytes = sign_status_list(&token, &issuer()).expect("sign");
    assert_eq!(verify_status_list(&bytes, &[issuer().public()]), Ok(token.clone()));
    let forger = IssuerKey::from_secret(b"k2026a".to_vec(), &[8u8; 32]);
    let forged = sign_status_list(&token, &forger).expect("sign");
    assert_eq!(verify_status_list(&forged, &[issuer().public()]), Err(VerifyResult::BadSignature));
    // A credential is not a status list (its typ differs).
    let credential = issue(&claims(), &issuer()).expect("issue");
    assert_eq!(verify_status_list(&credential, &[issuer().public()]), Err(VerifyResult::Malformed));
    // A signed zip bomb is refused.
    let bomb = StatusListToken { list: StatusList::new((statuslist::MAX_INFLATED_BYTES + 1) * 4), ..token };
    let bytes = sign_status_list(&bomb, &issuer()).expect("sign");
    assert_eq!(verify_status_list(&bytes, &[issuer().public()]), Err(VerifyResult::Malformed));
}

#[test]
fn issuing_refuses_long_validity_and_bad_device_keys() {
    let mut long = claims();
    long.expires = long.not_before + MAX_VALIDITY_SECS + 1;
    assert_eq!(issue(&long, &issuer()), Err(IssueError::ValidityTooLong));
    let mut bad = claims();
    bad.device_key = vec![4; 65];
    assert_eq!(issue(&bad, &issuer()), Err(IssueError::BadDeviceKey));
}

#[test]
fn a_presentation_fits_a_qr_code() {
    let credential = issue(&claims(), &issuer()).expect("issue");
    let payload = present(&credential, &device(9), NOW, Some("0417"));
    // QR version 20 at error correction Q holds 702 alphanumeric characters (485 data
    // codewords: (3880 - 4 mode bits - 11 count bits) / 11 * 2).
    eprintln!("presentation: {} characters, credential {} bytes", payload.len(), credential.len());
    assert!(payload.len() <= 702, "{} characters", payload.len());
}

/// A credential whose issuer signature was altered after signing.
fn with_signature(credential: &[u8], change: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
    let mut sign1 = CoseSign1::from_slice(credential).expect("parse");
    change(&mut sign1.signature);
    sign1.to_vec().expect("encode")
}

/// Every kind of answer, in one batch, with per-request times and challenges.
fn mixed_batch() -> Vec<(String, i64, VerifyOptions)> {
    let credential = issue(&claims(), &issuer()).expect("issue");
    let forged = issue(&claims(), &IssuerKey::from_secret(b"k2026a".to_vec(), &[8u8; 32])).expect("issue");
    let unknown = issue(&claims(), &IssuerKey::from_secret(b"other".to_vec(), &[7u8; 32])).expect("issue");
    let flipped = with_signature(&credential, |s| s[10] ^= 1);
    let short = with_signature(&credential, |s| {
        s.pop();
    });
    // s = the group order: not a canonical scalar.
    let huge_s = with_signature(&credential, |s| {
        s[32..].copy_from_slice(&[
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
        ]);
    });
    // R = the neutral element, and R with a y coordinate above p.
    let small_r = with_signature(&credential, |s| {
        s[..32].fill(0);
        s[0] = 1;
    });
    let big_y = with_signature(&credential, |s| {
        s[..32].fill(0xff);
        s[31] = 0x7f;
    });
    let plain = VerifyOptions::default();
    let challenge = VerifyOptions { challenge: Some(417), ..plain };
    let mut batch = vec![
        (present(&credential, &device(9), NOW, None), NOW, plain),
        (present(&forged, &device(9), NOW, None), NOW, plain),
        (present(&credential, &device(9), NOW, Some("0417")), NOW + 1, challenge),
        (present(&credential, &device(9), NOW, Some("0418")), NOW, challenge),
        (present(&unknown, &device(9), NOW, None), NOW, plain),
        (present(&credential, &device(10), NOW, None), NOW, plain),
        (present(&credential, &device(9), NOW - 600, None), NOW, plain),
        (present(&credential, &device(9), claims().expires + 100, None), claims().expires + 100, plain),
        (present(&flipped, &device(9), NOW, None), NOW, plain),
        (present(&short, &device(9), NOW, None), NOW, plain),
        (present(&huge_s, &device(9), NOW, None), NOW, plain),
        (present(&small_r, &device(9), NOW, None), NOW, plain),
        (present(&big_y, &device(9), NOW, None), NOW, plain),
        ("SC1:nonsense".into(), NOW, plain),
        (String::new(), NOW, plain),
    ];
    let mut revoked_claims = claims();
    revoked_claims.status_index = 5;
    let revoked = issue(&revoked_claims, &issuer()).expect("issue");
    batch.push((present(&revoked, &device(9), NOW, None), NOW, plain));
    batch
}

fn one_by_one(items: &[(String, i64, VerifyOptions)], token: Option<&StatusListToken>) -> Vec<Verification> {
    items.iter().map(|(p, now, o)| verify_presentation(p, &[issuer().public()], token, *now, o)).collect()
}

fn batched(items: &[(String, i64, VerifyOptions)], token: Option<&StatusListToken>) -> Vec<Verification> {
    let items: Vec<batch::BatchItem<'_>> = items
        .iter()
        .map(|(payload, now, options)| batch::BatchItem { payload, now: *now, options: *options })
        .collect();
    batch::verify_items(&items, &[issuer().public()], token)
}

#[test]
fn a_batch_answers_exactly_as_one_by_one() {
    let token = status(Some((5, Status::Revoked)));
    let items = mixed_batch();
    let expected = one_by_one(&items, Some(&token));
    let results: Vec<VerifyResult> = expected.iter().map(|v| v.result).collect();
    use VerifyResult::*;
    assert_eq!(
        results,
        [
            Valid,
            BadSignature,
            Valid,
            StalePresentation,
            UnknownIssuerKey,
            WrongDevice,
            StalePresentation,
            Expired,
            BadSignature,
            BadSignature,
            BadSignature,
            BadSignature,
            BadSignature,
            Malformed,
            Malformed,
            Revoked
        ]
    );
    assert_eq!(batched(&items, Some(&token)), expected);
    assert_eq!(batched(&items, None), one_by_one(&items, None));
    assert_eq!(batched(&[], Some(&token)), []);
}

#[test]
fn one_bad_signature_among_many_good_ones_is_found() {
    let token = status(None);
    let credential = issue(&claims(), &issuer()).expect("issue");
    let flipped = with_signature(&credential, |s| s[40] ^= 0x80);
    let good = present(&credential, &device(9), NOW, None);
    let bad = present(&flipped, &device(9), NOW, None);
    let mut payloads: Vec<&str> = vec![good.as_str(); 64];
    payloads[37] = bad.as_str();
    let options = VerifyOptions::default();
    let answers = batch::verify_presentations_batch(&payloads, &[issuer().public()], Some(&token), NOW, &options);
    let expected: Vec<Verification> =
        payloads.iter().map(|p| verify_presentation(p, &[issuer().public()], Some(&token), NOW, &options)).collect();
    assert_eq!(answers, expected);
    assert_eq!(answers.iter().filter(|v| v.result == VerifyResult::Valid).count(), 63);
    assert_eq!(answers[37].result, VerifyResult::BadSignature);
    assert_eq!(answers[37].claims, None);
}

#[test]
fn long_batches_are_split_and_keep_their_order() {
    let token = status(None);
    let keys = [issuer().public(), IssuerKey::from_secret(b"k2026b".to_vec(), &[9u8; 32]).public()];
    let second = IssuerKey::from_secret(b"k2026b".to_vec(), &[9u8; 32]);
    let one = issue(&claims(), &issuer()).expect("issue");
    let two = issue(&claims(), &second).expect("issue");
    let bad = with_signature(&two, |s| s[0] ^= 1);
    let credentials: Vec<&[u8]> = (0..batch::MAX_BATCH + 9)
        .map(|i| {
            if i % 2 == 0 {
                &one[..]
            } else if i == 261 {
                &bad[..]
            } else {
                &two[..]
            }
        })
        .collect();
    let pending = batch::PendingSignatures::parse(&credentials, &keys).expect("parse");
    assert_eq!(pending.len(), batch::MAX_BATCH + 9);
    let batched = pending.check_batched();
    assert_eq!(batched, pending.check_one_by_one());
    assert_eq!(batched.iter().filter(|r| r.is_err()).count(), 1);
    assert_eq!(batched[261], Err(VerifyResult::BadSignature));
    let payloads: Vec<String> = credentials.iter().take(12).map(|c| present(c, &device(9), NOW, None)).collect();
    let payloads: Vec<&str> = payloads.iter().map(String::as_str).collect();
    let options = VerifyOptions::default();
    assert_eq!(
        batch::verify_presentations_batch(&payloads, &keys, Some(&token), NOW, &options),
        payloads.iter().map(|p| verify_presentation(p, &keys, Some(&token), NOW, &options)).collect::<Vec<_>>()
    );
}

#[test]
fn the_signed_bytes_are_coses_sig_structure() {
    let credential = issue(&claims(), &issuer()).expect("issue");
    let sign1 = CoseSign1::from_slice(&credential).expect("parse");
    let keys = [issuer().public()];
    let opened = open_sign1(&credential, &keys, None).expect("open");
    assert_eq!(opened.tbs, sign1.tbs_data(b""));
    assert_eq!(opened.signature, sign1.signature);
    assert_eq!(&opened.tbs[opened.payload_start..], sign1.payload.as_deref().expect("attached"));
}

/// A credential re-signed by the issuer after `change` edited its COSE_Sign1 structure.
fn resigned(change: impl FnOnce(&mut CoseSign1)) -> Vec<u8> {
    let credential = issue(&claims(), &issuer()).expect("issue");
    let mut sign1 = CoseSign1::from_slice(&credential).expect("parse");
    change(&mut sign1);
    sign1.protected.original_data = None;
    let tbs = sign1.tbs_data(b"");
    sign1.signature = issuer().key.sign(&tbs).to_bytes().to_vec();
    sign1.to_vec().expect("encode")
}

#[test]
fn headers_outside_the_format_are_refused_even_when_signed() {
    let token = status(None);
    let check = |bytes: &[u8]| verify(&present(bytes, &device(9), NOW, None), Some(&token), NOW);
    // The unchanged structure re-signed is still valid: the edits below are what is refused.
    assert_eq!(check(&resigned(|_| {})), VerifyResult::Valid);
    // A critical header, a content type, an IV: nothing this format defines.
    assert_eq!(
        check(&resigned(
            |s| s.protected.header.crit = vec![coset::RegisteredLabelWithPrivate::Assigned(iana::HeaderParameter::Alg)]
        )),
        VerifyResult::Malformed
    );
    assert_eq!(
        check(&resigned(
            |s| s.protected.header.content_type = Some(coset::ContentType::Assigned(iana::CoapContentFormat::Cbor))
        )),
        VerifyResult::Malformed
    );
    assert_eq!(check(&resigned(|s| s.protected.header.iv = vec![0; 12])), VerifyResult::Malformed);
    // A detached payload.
    assert_eq!(check(&resigned(|s| s.payload = None)), VerifyResult::Malformed);
    // Tagged COSE_Sign1 (tag 18) is not how credentials travel.
    let credential = issue(&claims(), &issuer()).expect("issue");
    let tagged = CoseSign1::from_slice(&credential).expect("parse").to_tagged_vec().expect("encode");
    assert_eq!(check(&tagged), VerifyResult::Malformed);
}

/// The entries of a CBOR map, as ciborium holds them.
type CborMap = Vec<(Value, Value)>;

#[test]
fn device_keys_outside_the_format_are_refused_even_when_signed() {
    let token = status(None);
    let check = |bytes: &[u8]| verify(&present(bytes, &device(9), NOW, None), Some(&token), NOW);
    let credential = issue(&claims(), &issuer()).expect("issue");
    let sign1 = CoseSign1::from_slice(&credential).expect("parse");
    let payload: Value = ciborium::from_reader(sign1.payload.as_deref().expect("attached")).expect("payload");
    // Rebuilds the claims with the COSE_Key's parameters edited, and signs them.
    let with_key = |edit: &dyn Fn(&mut CborMap)| {
        let Value::Map(mut entries) = payload.clone() else { panic!("claims are a map") };
        for (k, v) in &mut entries {
            if *k == int(key::CNF) {
                let Value::Map(cnf) = v else { panic!("cnf is a map") };
                let Value::Map(params) = &mut cnf[0].1 else { panic!("COSE_Key is a map") };
                edit(params);
            }
        }
        sign(Value::Map(entries), &issuer(), None).expect("sign")
    };
    assert_eq!(check(&with_key(&|_| {})), VerifyResult::Valid);
    // A duplicated parameter, an extra one, another curve, a short x.
    assert_eq!(check(&with_key(&|p| p.push(p[0].clone()))), VerifyResult::Malformed);
    assert_eq!(check(&with_key(&|p| p.push((int(2), Value::Bytes(b"kid".to_vec()))))), VerifyResult::Malformed);
    assert_eq!(
        check(&with_key(&|p| {
            for (k, v) in p.iter_mut() {
                if *k == int(-1) {
                    *v = int(iana::EllipticCurve::P_384 as i64);
                }
            }
        })),
        VerifyResult::Malformed
    );
    assert_eq!(
        check(&with_key(&|p| {
            for (k, v) in p.iter_mut() {
                if *k == int(-2) {
                    *v = Value::Bytes(vec![1; 31]);
                }
            }
        })),
        VerifyResult::Malformed
    );
}
