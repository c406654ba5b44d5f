//! Credential verification cost, on one core:
//!
//! - a full presentation check (`verify_presentation` with a status list) against the raw cost
//!   of its two signature checks (Ed25519 `verify_strict` over the same COSE Sig_structure
//!   bytes, ES256 over the same device message by the same device key): the goal is
//!   raw / full ≥ 0.85, so that parsing and the other checks add little. The device key travels
//!   compressed in the credential (33 bytes), so checking its signature includes decoding the
//!   point (a square root in the field); the raw ES256 check therefore starts from the
//!   compressed key. The summary also prints the ratio against a check whose key was decoded
//!   beforehand, for comparison;
//! - issuer signatures checked in batches of 64 and 256 against one by one: the goal is at
//!   least twice the throughput;
//! - whole presentations verified in a batch of 64 against one by one.
//!
//!     cargo bench -p shieldcheck-credential --bench verify
//!
//! After criterion's figures, a summary measured in interleaved rounds prints the ratios.
//! Results are recorded in docs/benchmarks.md.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use coset::CborSerializable as _;
use criterion::{Criterion, Throughput};
use p256::ecdsa::signature::Signer as _;
use sha2::{Digest as _, Sha256};
use shieldcheck_credential::batch::{PendingSignatures, verify_presentations_batch};
use shieldcheck_credential::es256;
use shieldcheck_credential::statuslist::{MIN_ENTRIES, Status, StatusList};
use shieldcheck_credential::testing::{self, MADE as NOW, STATUS_URI};
use shieldcheck_credential::{
    CredentialClaims, StatusListToken, TIME_STEP_SECS, TrustedKey, VerifyOptions, VerifyResult, issue, present,
    verify_presentation,
};

struct Fixture {
    keys: Vec<TrustedKey>,
    token: StatusListToken,
    /// Distinct credentials (one member each), signed by the issuer.
    credentials: Vec<Vec<u8>>,
    /// A live presentation of each credential at `NOW`.
    presentations: Vec<String>,
    /// The first presentation's two signature checks, as raw inputs.
    raw: RawChecks,
}

struct RawChecks {
    issuer: ed25519_dalek::VerifyingKey,
    sig_structure: Vec<u8>,
    issuer_signature: ed25519_dalek::Signature,
    /// Compressed SEC1, as the key travels in the credential.
    device: Vec<u8>,
    /// The same key uncompressed.
    device_decoded: Vec<u8>,
    device_message: Vec<u8>,
    device_signature: Vec<u8>,
}

impl RawChecks {
    fn verify(&self) -> bool {
        let point = p256::EncodedPoint::from_bytes(&self.device).unwrap();
        let key = p256::ecdsa::VerifyingKey::from_encoded_point(&point).unwrap();
        self.issuer.verify_strict(&self.sig_structure, &self.issuer_signature).is_ok()
            && es256::verify(key.to_encoded_point(false).as_bytes(), &self.device_message, &self.device_signature)
    }

    /// The same two checks with the device key decoded beforehand.
    fn verify_predecoded(&self) -> bool {
        self.issuer.verify_strict(&self.sig_structure, &self.issuer_signature).is_ok()
            && es256::verify(&self.device_decoded, &self.device_message, &self.device_signature)
    }
}

fn fixture() -> Fixture {
    let issuer = testing::issuer();
    let devices: Vec<p256::ecdsa::SigningKey> = (1..=16u8).map(testing::device).collect();
    let mut credentials = Vec::new();
    let mut presentations = Vec::new();
    for i in 0..256usize {
        let device = &devices[i % devices.len()];
        // The known-answer officer, a member and a shield of her own each time.
        let claims = CredentialClaims {
            member_id: format!("M{i:07}"),
            shield_number: Some(format!("{}", 4000 + i)),
            status_index: 1000 + i as u64,
            device_key: testing::device_public(device),
            ..testing::claims_valid(NOW - 3600, NOW + 29 * 86_400)
        };
        let credential = issue(&claims, &issuer).unwrap();
        presentations.push(present(&credential, device, NOW, None));
        credentials.push(credential);
    }
    let mut list = StatusList::new(MIN_ENTRIES);
    list.set(7, Status::Revoked);
    let token = StatusListToken { uri: STATUS_URI.into(), issued_at: NOW - 60, expires: None, ttl: Some(300), list };

    let sign1 = coset::CoseSign1::from_slice(&credentials[0]).unwrap();
    let mut device_message = Sha256::digest(&credentials[0]).to_vec();
    device_message.extend_from_slice(&u64::try_from(NOW / TIME_STEP_SECS).unwrap().to_be_bytes());
    let device_signature: p256::ecdsa::Signature = devices[0].sign(&device_message);
    let raw = RawChecks {
        issuer: ed25519_dalek::VerifyingKey::from_bytes(&issuer.public().to_bytes()).unwrap(),
        sig_structure: sign1.tbs_data(b""),
        issuer_signature: ed25519_dalek::Signature::from_slice(&sign1.signature).unwrap(),
        device: devices[0].verifying_key().to_encoded_point(true).as_bytes().to_vec(),
        device_decoded: devices[0].verifying_key().to_encoded_point(false).as_bytes().to_vec(),
        device_message,
        device_signature: device_signature.to_bytes().to_vec(),
    };
    assert!(raw.verify() && raw.verify_predecoded());
    Fixture { keys: vec![issuer.public()], token, credentials, presentations, raw }
}

impl Fixture {
    fn full(&self, i: usize) -> VerifyResult {
        verify_presentation(&self.presentations[i], &self.keys, Some(&self.token), NOW, &VerifyOptions::default())
            .result
    }

    fn pending(&self, n: usize) -> PendingSignatures<'_> {
        let credentials: Vec<&[u8]> = self.credentials[..n].iter().map(Vec::as_slice).collect();
        PendingSignatures::parse(&credentials, &self.keys).unwrap()
    }

    fn sig_structures(&self, n: usize) -> (Vec<Vec<u8>>, Vec<ed25519_dalek::Signature>) {
        self.credentials[..n]
            .iter()
            .map(|c| {
                let sign1 = coset::CoseSign1::from_slice(c).unwrap();
                (sign1.tbs_data(b""), ed25519_dalek::Signature::from_slice(&sign1.signature).unwrap())
            })
            .unzip()
    }

    fn payloads(&self, n: usize) -> Vec<&str> {
        self.presentations[..n].iter().map(String::as_str).collect()
    }
}

fn benches(c: &mut Criterion, f: &Fixture) {
    let mut group = c.benchmark_group("presentation");
    group.throughput(Throughput::Elements(1)).measurement_time(Duration::from_secs(4));
    group.bench_function("verify_presentation", |b| b.iter(|| black_box(f.full(0))));
    group.bench_function("raw_ed25519_and_es256", |b| b.iter(|| black_box(f.raw.verify())));
    group.finish();

    let mut group = c.benchmark_group("issuer_signatures");
    group.measurement_time(Duration::from_secs(4));
    for n in [64usize, 256] {
        let pending = f.pending(n);
        assert!(pending.check_batched().iter().all(Result::is_ok));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("one_by_one_{n}"), |b| b.iter(|| black_box(pending.check_one_by_one())));
        group.bench_function(format!("batched_{n}"), |b| b.iter(|| black_box(pending.check_batched())));
    }
    group.finish();

    let mut group = c.benchmark_group("presentations_64");
    group.throughput(Throughput::Elements(64)).measurement_time(Duration::from_secs(4)).sample_size(30);
    let payloads = f.payloads(64);
    let options = VerifyOptions::default();
    group.bench_function("one_by_one", |b| {
        b.iter(|| {
            payloads
                .iter()
                .map(|p| verify_presentation(p, &f.keys, Some(&f.token), NOW, &options).result)
                .collect::<Vec<_>>()
        })
    });
    group.bench_function("batched", |b| {
        b.iter(|| black_box(verify_presentations_batch(&payloads, &f.keys, Some(&f.token), NOW, &options)))
    });
    group.finish();
}

/// The median time per call of `work` (which makes `calls` calls), over rounds interleaved
/// with the other measurements so that machine noise hits all alike.
fn interleaved<const N: usize>(rounds: usize, work: [(&dyn Fn(), u32); N]) -> [Duration; N] {
    let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); N];
    for _ in 0..rounds {
        for (i, (w, calls)) in work.iter().enumerate() {
            let start = Instant::now();
            w();
            samples[i].push(start.elapsed() / *calls);
        }
    }
    std::array::from_fn(|i| {
        samples[i].sort();
        samples[i][rounds / 2]
    })
}

fn summary(f: &Fixture) {
    let micros = |d: Duration| d.as_secs_f64() * 1e6;
    let [full, raw, predecoded] = interleaved(
        61,
        [
            (
                &|| {
                    for _ in 0..100 {
                        black_box(f.full(0));
                    }
                },
                100,
            ),
            (
                &|| {
                    for _ in 0..100 {
                        black_box(f.raw.verify());
                    }
                },
                100,
            ),
            (
                &|| {
                    for _ in 0..100 {
                        black_box(f.raw.verify_predecoded());
                    }
                },
                100,
            ),
        ],
    );
    println!("\n== Credential verification summary (one core) ==");
    println!(
        "full verify_presentation:      {:8.1} µs   {:7.0} verifications/s",
        micros(full),
        1.0 / full.as_secs_f64()
    );
    println!("raw Ed25519 + ES256 checks:    {:8.1} µs (device key decoded from its compressed form)", micros(raw));
    println!("ratio raw / full:              {:8.3}   (goal ≥ 0.85)", raw.as_secs_f64() / full.as_secs_f64());
    println!(
        "  with the key decoded beforehand: {:5.1} µs, ratio {:.3}",
        micros(predecoded),
        predecoded.as_secs_f64() / full.as_secs_f64()
    );
    for n in [64usize, 256] {
        let pending = f.pending(n);
        let calls = u32::try_from(n).unwrap();
        // The bare library batch, without the checks that keep the answers equal to strict
        // verification, for comparison.
        let (messages, signatures) = f.sig_structures(n);
        let messages: Vec<&[u8]> = messages.iter().map(Vec::as_slice).collect();
        let keys = vec![f.raw.issuer; n];
        let [single, batched, bare] = interleaved(
            61,
            [
                (&|| drop(black_box(pending.check_one_by_one())), calls),
                (&|| drop(black_box(pending.check_batched())), calls),
                (&|| drop(black_box(ed25519_dalek::verify_batch(&messages, &signatures, &keys))), calls),
            ],
        );
        println!(
            "issuer signatures, {n:3} queued: one by one {:6.1} µs, batched {:6.1} µs each: {:.2}× (goal ≥ 2×); \
             bare verify_batch {:6.1} µs",
            micros(single),
            micros(batched),
            single.as_secs_f64() / batched.as_secs_f64(),
            micros(bare)
        );
    }
    let payloads = f.payloads(64);
    let options = VerifyOptions::default();
    let [single, batched] = interleaved(
        11,
        [
            (
                &|| {
                    for p in &payloads {
                        black_box(verify_presentation(p, &f.keys, Some(&f.token), NOW, &options));
                    }
                },
                64,
            ),
            (&|| drop(black_box(verify_presentations_batch(&payloads, &f.keys, Some(&f.token), NOW, &options))), 64),
        ],
    );
    println!(
        "whole presentations, 64 queued: one by one {:6.1} µs, batched {:6.1} µs each: {:.2}×, {:.0} verifications/s batched",
        micros(single),
        micros(batched),
        single.as_secs_f64() / batched.as_secs_f64(),
        1.0 / batched.as_secs_f64()
    );
}

fn main() {
    let f = fixture();
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion, &f);
    criterion.final_summary();
    // `cargo bench` passes --bench; a test run of the benchmarks (`cargo test --benches`) only
    // checks that each one runs.
    if std::env::args().any(|a| a == "--bench") {
        summary(&f);
    }
}
