//! Receipts: the 16-digit number a reporter keeps to come back to a report.
//!
//! A receipt is 16 decimal digits drawn uniformly from the operating system's random source
//! (about 53 bits) and shown like a phone number, `482-155-4019-376620`, which people are used
//! to writing down and reading out. The database never holds it: only
//!
//! - a keyed index, BLAKE3 keyed with the receipt key, so that a receipt finds its report in
//!   one indexed lookup. The key is not in the database (a settings secret, or a key file
//!   beside the SQLite file created with owner-only permissions), so a stolen database cannot
//!   be searched for receipts by hashing guesses; and
//! - a verifier: Argon2id of the receipt with its own salt, *keyed* with the same receipt key
//!   (Argon2's secret input), checked after the index matched. The same Argon2id run gives the
//!   reporter's X25519 key (see [`ReceiptKey::record`]).
//!
//! Why the Argon2id cost is small (64 KiB, one pass, about 40 µs of a core): the
//! receipt key is what protects receipts. Without it, a stolen database cannot test a single
//! guess, neither against the index nor against a verifier (both are keyed). With it, the
//! index alone already tests a guess with one BLAKE3 call, against every report at once, so a
//! costly verifier would slow no attacker who has the key; it would only slow every reporter.
//! What stops guessing at the server is the throttle in front of the lookup (one failed-lookup
//! budget for all callers) and the 10^16 receipts. Receipts stored before the keyed format
//! (an unkeyed Argon2id at the `argon2` crate's default cost, 19 MiB and two passes) still
//! verify at their own cost.
//!
//! A lookup whose index finds nothing still verifies against a dummy of the current format, so
//! a wrong receipt and an unknown one take the same time. Callers run [`ReceiptKey::record`]
//! and [`ReceiptKey::check`] on blocking threads.

use std::fmt;
use std::io::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use rand::Rng as _;
use rand::TryRngCore as _;
use secrecy::{ExposeSecret as _, SecretBox, SecretString};
use serde::{Serialize, Serializer};

use crate::sealed_report::ReceiptRecord;

/// Digits in a receipt.
pub const RECEIPT_DIGITS: usize = 16;

/// A receipt that could not be read. Its code is stable: `invalid_receipt`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a receipt is 16 digits, such as 482-155-4019-376620")]
pub struct InvalidReceipt;

impl InvalidReceipt {
    pub fn code(&self) -> &'static str {
        "invalid_receipt"
    }
}

/// A receipt. It is a secret that lets its holder follow a report: `Debug` hides it, and it
/// is shown only through [`Receipt::formatted`] or serialised into the answer to the reporter.
#[derive(Clone, PartialEq, Eq)]
pub struct Receipt {
    digits: [u8; RECEIPT_DIGITS],
}

impl fmt::Debug for Receipt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Receipt(…)")
    }
}

impl Serialize for Receipt {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.formatted())
    }
}

impl Receipt {
    /// A new receipt: 16 digits, each uniform, from the operating system's random source.
    pub fn generate() -> Receipt {
        let mut rng = rand::rngs::OsRng.unwrap_err();
        let mut digits = [0u8; RECEIPT_DIGITS];
        for d in &mut digits {
            *d = b'0' + rng.random_range(0..10u8);
        }
        Receipt { digits }
    }

    /// Reads a receipt as a person may type it: spaces, dashes, dots, parentheses and a
    /// leading `+` are ignored, and digits of other scripts (Arabic-Indic, Bengali, full
    /// width…) count as digits. Letters, other characters or a count other than 16 are
    /// refused.
    pub fn parse(text: &str) -> Result<Receipt, InvalidReceipt> {
        let folded = shieldcheck_nypd::text::fold(text.trim());
        let folded = folded.strip_prefix('+').unwrap_or(&folded);
        let mut digits = [0u8; RECEIPT_DIGITS];
        let mut n = 0;
        for c in folded.chars() {
            match c {
                '0'..='9' => {
                    let slot = digits.get_mut(n).ok_or(InvalidReceipt)?;
                    *slot = c as u8;
                    n += 1;
                }
                ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
                _ => return Err(InvalidReceipt),
            }
        }
        if n == RECEIPT_DIGITS { Ok(Receipt { digits }) } else { Err(InvalidReceipt) }
    }

    /// The 16 digits.
    pub fn digits(&self) -> &str {
        // Only ASCII digits are ever stored in `digits`.
        std::str::from_utf8(&self.digits).unwrap_or_default()
    }

    /// As shown to the reporter: `NNN-NNN-NNNN-NNNNNN`.
    pub fn formatted(&self) -> String {
        let d = self.digits();
        format!("{}-{}-{}-{}", &d[0..3], &d[3..6], &d[6..10], &d[10..16])
    }
}

/// The key of the receipt index. Never stored in the database; `Debug` hides it.
pub struct ReceiptKey {
    key: SecretBox<[u8; 32]>,
    /// The record an unknown receipt is checked against, made once (a fixed receipt and
    /// salt), so that checking it costs what checking a stored record does.
    dummy: OnceLock<String>,
}

impl fmt::Debug for ReceiptKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReceiptKey(…)")
    }
}

/// Why the receipt key could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ReceiptKeyError {
    #[error("the receipt key must be 64 hexadecimal digits")]
    Malformed,
    #[error("could not read or create the receipt key file {path}: {source}")]
    File {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("could not hash the receipt: {0}")]
    Hash(String),
}

impl ReceiptKey {
    /// A fresh random key (tests, and the first use of a key file).
    pub fn generate() -> ReceiptKey {
        let mut key = [0u8; 32];
        rand::rngs::OsRng.unwrap_err().fill(&mut key);
        ReceiptKey { key: SecretBox::new(Box::new(key)), dummy: OnceLock::new() }
    }

    /// The key written as 64 hexadecimal digits (a settings secret).
    pub fn from_hex(hex: &SecretString) -> Result<ReceiptKey, ReceiptKeyError> {
        let hex = hex.expose_secret().trim();
        if hex.len() != 64 {
            return Err(ReceiptKeyError::Malformed);
        }
        let mut key = [0u8; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2).ok_or(ReceiptKeyError::Malformed)?, 16)
                .map_err(|_| ReceiptKeyError::Malformed)?;
        }
        Ok(ReceiptKey { key: SecretBox::new(Box::new(key)), dummy: OnceLock::new() })
    }

    /// Reads the key file at `path`, creating it with a new random key (mode 0600) when it
    /// does not exist. Creation is atomic: a key is written beside the target and linked into
    /// place only if no other process made one first, so two servers starting together agree.
    #[tracing::instrument(skip_all, err)]
    pub fn load_or_create(path: &Path) -> Result<ReceiptKey, ReceiptKeyError> {
        let file_error = |source| ReceiptKeyError::File { path: path.display().to_string(), source };
        match std::fs::read_to_string(path) {
            Ok(text) => return ReceiptKey::from_hex(&SecretString::from(text)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(file_error(e)),
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(file_error)?;
        }
        let key = ReceiptKey::generate();
        let hex: String = key.key.expose_secret().iter().map(|b| format!("{b:02x}")).collect();
        let tmp = path.with_extension(format!("tmp-{:016x}", rand::rngs::OsRng.unwrap_err().random::<u64>()));
        let written = write_private(&tmp, format!("{hex}\n").as_bytes()).and_then(|()| std::fs::hard_link(&tmp, path));
        let _ = std::fs::remove_file(&tmp);
        // The new name must survive a power cut as surely as the receipts indexed under the
        // key will: sync the directory that holds it.
        let written = written.and_then(|()| {
            let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            std::fs::File::open(dir)?.sync_all()
        });
        match written {
            Ok(()) => Ok(key),
            // Another process created it first: use theirs.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let text = std::fs::read_to_string(path).map_err(file_error)?;
                ReceiptKey::from_hex(&SecretString::from(text))
            }
            Err(e) => Err(file_error(e)),
        }
    }

    /// The index under which a receipt's report is stored.
    pub fn index(&self, receipt: &Receipt) -> [u8; 32] {
        *blake3::keyed_hash(self.key.expose_secret(), &receipt.digits).as_bytes()
    }

    /// The Argon2id hash of a receipt, as a PHC string with its own salt. Slow: call it on a
    /// blocking thread.
    pub fn hash(&self, receipt: &Receipt) -> Result<String, ReceiptKeyError> {
        hash_digits(&receipt.digits)
    }
}

fn hash_digits(digits: &[u8]) -> Result<String, ReceiptKeyError> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    argon2::Argon2::default()
        .hash_password(digits, &salt)
        .map(|h| h.to_string())
        .map_err(|e| ReceiptKeyError::Hash(e.to_string()))
}

/// What presenting a receipt gave.
#[derive(Debug)]
pub enum Checked {
    /// Wrong or unknown: the same answer for both.
    Refused,
    /// The receipt is the report's. `reporter` is the reporter's key when the report has one
    /// (reports stored before follow-up messages existed have none).
    Verified { reporter: Option<ReporterKey> },
}

impl ReceiptKey {
    /// Checks a receipt against the stored verifier of the report its index found, or, when
    /// the index found nothing (`stored` is `None`), against a dummy of the current format
    /// with the same cost, so that the answer takes as long. On a blocking thread.
    pub fn verify(&self, receipt: &Receipt, stored: Option<&str>) -> bool {
        matches!(self.check(receipt, stored), Checked::Verified { .. })
    }

    /// Checks a receipt as [`ReceiptKey::verify`] does and, for a receipt stored with
    /// [`ReceiptKey::record`], derives the reporter's key from the same Argon2id run. A wrong
    /// receipt, an unknown one and a right one each cost one Argon2id run of the stored
    /// record's format. On a blocking thread.
    pub fn check(&self, receipt: &Receipt, stored: Option<&str>) -> Checked {
        let hash = stored.unwrap_or_else(|| {
            self.dummy.get_or_init(|| {
                self.keyed_record(b"0000000000000000", &[0u8; SALT_BYTES]).map(|(hash, _)| hash).unwrap_or_default()
            })
        });
        let checked = if let Some(rest) = hash.strip_prefix(KEYED_PREFIX) {
            check_split(&receipt.digits, rest, Some(self.key.expose_secret()))
        } else if let Some(rest) = hash.strip_prefix(SPLIT_PREFIX) {
            check_split(&receipt.digits, rest, None)
        } else {
            let matched = PasswordHash::new(hash)
                .map(|hash| argon2::Argon2::default().verify_password(&receipt.digits, &hash).is_ok())
                .unwrap_or(false);
            if matched { Checked::Verified { reporter: None } } else { Checked::Refused }
        };
        if stored.is_some() { checked } else { Checked::Refused }
    }
}

/// The reporter's X25519 key, derived from the receipt: messages from the case team are sealed
/// to its public half (stored with the report), and only someone presenting the receipt lets
/// the server open them. `Debug` hides it; it is never stored.
pub struct ReporterKey {
    identity: age::x25519::Identity,
}

impl fmt::Debug for ReporterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReporterKey(…)")
    }
}

impl ReporterKey {
    fn from_secret(secret: &[u8; 32]) -> Option<ReporterKey> {
        use std::str::FromStr as _;
        let hrp = bech32::Hrp::parse("AGE-SECRET-KEY-").ok()?;
        let encoded = SecretString::from(bech32::encode::<bech32::Bech32>(hrp, secret).ok()?.to_uppercase());
        let identity = age::x25519::Identity::from_str(encoded.expose_secret()).ok()?;
        Some(ReporterKey { identity })
    }

    /// The public key (`age1…`) to seal messages for the reporter to.
    pub fn recipient(&self) -> String {
        self.identity.to_public().to_string()
    }

    /// The key as an age identity, to open what was sealed to the reporter.
    pub fn identity(&self) -> &age::x25519::Identity {
        &self.identity
    }
}

/// Receipts stored from the first follow-up messages until the keyed format: one unkeyed
/// Argon2id run (the default cost, a 64-byte output, the report's own salt), split by BLAKE3
/// key derivation into a verifier, which is stored, and the reporter's X25519 secret, which
/// is not. Still verified; no longer written.
const SPLIT_PREFIX: &str = "$sc-split-argon2id$v=19$";
/// Receipts stored now: the same split, with the Argon2id run keyed by the receipt key.
const KEYED_PREFIX: &str = "$sc-keyed-argon2id$v=19$";
const SALT_BYTES: usize = 16;
/// The keyed format's Argon2id cost: 64 KiB, one pass, one lane (see the module).
const KEYED_COST: (u32, u32, u32) = (64, 1, 1);

impl ReceiptKey {
    /// The stored record of a new receipt (index, verifier, the reporter's public key) and the
    /// reporter's key. On a blocking thread.
    pub fn record(&self, receipt: &Receipt) -> Result<(ReceiptRecord, ReporterKey), ReceiptKeyError> {
        let mut salt = [0u8; SALT_BYTES];
        rand::rngs::OsRng.unwrap_err().fill(&mut salt);
        let (hash, reporter) = self.keyed_record(&receipt.digits, &salt)?;
        let record = ReceiptRecord { index: self.index(receipt), hash, reporter_recipient: Some(reporter.recipient()) };
        Ok((record, reporter))
    }

    fn keyed_record(&self, digits: &[u8], salt: &[u8; SALT_BYTES]) -> Result<(String, ReporterKey), ReceiptKeyError> {
        let (m, t, p) = KEYED_COST;
        split_record(digits, salt, (m, t, p), Some(self.key.expose_secret()), KEYED_PREFIX)
    }
}

fn split_output(
    digits: &[u8],
    salt: &[u8],
    (m, t, p): (u32, u32, u32),
    secret: Option<&[u8; 32]>,
) -> Result<[u8; 64], ReceiptKeyError> {
    let error = |e: argon2::Error| ReceiptKeyError::Hash(e.to_string());
    let params = argon2::Params::new(m, t, p, Some(64)).map_err(error)?;
    let argon = match secret {
        Some(secret) => {
            argon2::Argon2::new_with_secret(secret, argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
                .map_err(error)?
        }
        None => argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params),
    };
    let mut out = [0u8; 64];
    argon.hash_password_into(digits, salt, &mut out).map_err(error)?;
    Ok(out)
}

fn split_keys(out: &[u8; 64]) -> ([u8; 32], [u8; 32]) {
    (
        blake3::derive_key("shieldcheck receipt verifier v1", out),
        blake3::derive_key("shieldcheck reporter x25519 v1", out),
    )
}

fn split_record(
    digits: &[u8],
    salt: &[u8; SALT_BYTES],
    cost: (u32, u32, u32),
    secret: Option<&[u8; 32]>,
    prefix: &str,
) -> Result<(String, ReporterKey), ReceiptKeyError> {
    let (verifier, reporter) = split_keys(&split_output(digits, salt, cost, secret)?);
    let reporter = ReporterKey::from_secret(&reporter).ok_or_else(|| ReceiptKeyError::Hash("x25519 key".into()))?;
    let (m, t, p) = cost;
    Ok((format!("{prefix}m={m},t={t},p={p}${}${}", hex(salt), hex(&verifier)), reporter))
}

/// Checks `digits` against a split record without its prefix (`m=…,t=…,p=…$salt$verifier`).
fn check_split(digits: &[u8], stored: &str, secret: Option<&[u8; 32]>) -> Checked {
    let parsed = (|| {
        let mut parts = stored.split('$');
        let (params, salt, verifier) = (parts.next()?, parts.next()?, parts.next()?);
        let mut cost = params.split(',').map(|kv| kv.split_once('=').and_then(|(_, v)| v.parse::<u32>().ok()));
        let (m, t, p) = (cost.next()??, cost.next()??, cost.next()??);
        // A stored hash cannot make a lookup arbitrarily expensive.
        (m <= 256 * 1024 && t <= 16 && p <= 8).then_some(())?;
        Some((m, t, p, unhex(salt)?, <[u8; 32]>::try_from(unhex(verifier)?).ok()?))
    })();
    let Some((m, t, p, salt, verifier)) = parsed else { return Checked::Refused };
    let Ok(out) = split_output(digits, &salt, (m, t, p), secret) else { return Checked::Refused };
    let (derived, secret) = split_keys(&out);
    // blake3::Hash compares in constant time.
    if blake3::Hash::from(derived) != blake3::Hash::from(verifier) {
        return Checked::Refused;
    }
    Checked::Verified { reporter: ReporterKey::from_secret(&secret) }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || text.len() > 128 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::OpenOptionsExt as _;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn receipts_read_as_people_write_them() {
        let r = Receipt::parse("482-155-4019-376620").unwrap();
        assert_eq!(r.digits(), "4821554019376620");
        assert_eq!(r.formatted(), "482-155-4019-376620");
        for same in [
            "4821554019376620",
            "+482 155 4019 376620",
            "(482) 155.4019.376620",
            " 482-155-4019-376620 ",
            "٤٨٢١٥٥٤٠١٩٣٧٦٦٢٠",
            "４８２１５５４０１９３７６６２０",
        ] {
            assert_eq!(Receipt::parse(same), Ok(r.clone()), "{same}");
        }
        for bad in [
            "482-155-4019-37662O",
            "482-155-4019-37662",
            "482-155-4019-3766200",
            "",
            "abcd",
            "482/155/4019/376620",
            "++4821554019376620",
            "4821554019376620\0",
        ] {
            assert_eq!(Receipt::parse(bad), Err(InvalidReceipt), "{bad:?}");
        }
        assert_eq!(InvalidReceipt.code(), "invalid_receipt");
        assert_eq!(format!("{r:?}"), "Receipt(…)");
        assert_eq!(serde_json::to_string(&r).unwrap(), "\"482-155-4019-376620\"");
    }

    #[test]
    fn generated_receipts_are_16_uniform_digits() {
        let mut counts = [0u32; 10];
        let mut seen = std::collections::HashSet::new();
        for _ in 0..2_000 {
            let r = Receipt::generate();
            assert_eq!(r.digits().len(), 16);
            assert_eq!(Receipt::parse(&r.formatted()), Ok(r.clone()));
            for b in r.digits().bytes() {
                counts[usize::from(b - b'0')] += 1;
            }
            seen.insert(r.digits().to_owned());
        }
        assert_eq!(seen.len(), 2_000);
        // 32,000 digits: each value expected 3,200 times; ±12% is far outside chance.
        assert!(counts.iter().all(|&c| (2_800..3_600).contains(&c)), "{counts:?}");
    }

    #[test]
    fn the_index_is_keyed_and_the_hash_verifies_only_its_receipt() {
        let (k1, k2) = (ReceiptKey::generate(), ReceiptKey::generate());
        let r = Receipt::generate();
        assert_eq!(k1.index(&r), k1.index(&r));
        assert_ne!(k1.index(&r), k2.index(&r));
        let hash = k1.hash(&r).unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains(r.digits()));
        assert_ne!(hash, k1.hash(&r).unwrap(), "each hash has its own salt");
        assert!(k1.verify(&r, Some(&hash)), "an old unkeyed hash verifies with any key");
        assert!(k2.verify(&r, Some(&hash)));
        assert!(!k1.verify(&Receipt::generate(), Some(&hash)));
        assert!(!k1.verify(&r, None), "the dummy never matches");
        assert!(!k1.verify(&Receipt::parse("0000000000000000").unwrap(), None), "not even its own receipt");
        assert!(!k1.verify(&r, Some("not a phc string")));
        assert_eq!(format!("{k1:?}"), "ReceiptKey(…)");
    }

    #[test]
    fn a_record_verifies_its_receipt_and_derives_the_reporter_key_again() {
        let key = ReceiptKey::generate();
        let receipt = Receipt::generate();
        let (record, reporter) = key.record(&receipt).unwrap();
        assert_eq!(record.index, key.index(&receipt));
        assert!(record.hash.starts_with(KEYED_PREFIX), "{}", record.hash);
        assert!(record.hash.contains("m=64,t=1,p=1$"), "{}", record.hash);
        assert!(!record.hash.contains(receipt.digits()));
        assert_eq!(record.reporter_recipient.as_deref(), Some(reporter.recipient().as_str()));
        assert!(reporter.recipient().starts_with("age1"));
        match key.check(&receipt, Some(&record.hash)) {
            Checked::Verified { reporter: Some(again) } => assert_eq!(again.recipient(), reporter.recipient()),
            other => panic!("{other:?}"),
        }
        assert!(key.verify(&receipt, Some(&record.hash)));
        assert!(matches!(key.check(&Receipt::generate(), Some(&record.hash)), Checked::Refused));
        assert!(matches!(key.check(&receipt, None), Checked::Refused));
        // The verifier is keyed: with another key (a stolen database and no key file) the
        // right receipt does not verify, so a guess cannot be tested.
        assert!(!ReceiptKey::generate().verify(&receipt, Some(&record.hash)));
        // Each record has its own salt: the same receipt gives another verifier and key.
        let (other, other_reporter) = key.record(&receipt).unwrap();
        assert_ne!(other.hash, record.hash);
        assert_ne!(other_reporter.recipient(), reporter.recipient());
        // Receipts of the earlier formats still verify: the unkeyed split record, with its
        // reporter key, and a PHC string, without one.
        let (split, split_reporter) =
            split_record(&receipt.digits, &[7u8; SALT_BYTES], (19 * 1024, 2, 1), None, SPLIT_PREFIX).unwrap();
        match key.check(&receipt, Some(&split)) {
            Checked::Verified { reporter: Some(again) } => assert_eq!(again.recipient(), split_reporter.recipient()),
            other => panic!("{other:?}"),
        }
        assert!(!key.verify(&Receipt::generate(), Some(&split)));
        let old = key.hash(&receipt).unwrap();
        assert!(matches!(key.check(&receipt, Some(&old)), Checked::Verified { reporter: None }));
        // A damaged or hostile stored value is refused, never trusted for its cost.
        let mut damaged = record.hash.clone();
        damaged.pop();
        damaged.push(if record.hash.ends_with('0') { '1' } else { '0' });
        for bad in [
            damaged,
            format!("{SPLIT_PREFIX}m=4000000,t=2,p=1$00$00"),
            format!("{KEYED_PREFIX}m=4000000,t=2,p=1$00$00"),
            format!("{SPLIT_PREFIX}m=19456,t=2$00$00"),
            SPLIT_PREFIX.to_owned(),
            KEYED_PREFIX.to_owned(),
        ] {
            assert!(matches!(key.check(&receipt, Some(&bad)), Checked::Refused), "{bad}");
        }
        assert_eq!(format!("{reporter:?}"), "ReporterKey(…)");
        assert!(!format!("{record:?}").contains("argon2"));
    }

    #[test]
    fn key_files_are_created_once_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/receipt.key");
        let a = ReceiptKey::load_or_create(&path).unwrap();
        let b = ReceiptKey::load_or_create(&path).unwrap();
        let r = Receipt::generate();
        assert_eq!(a.index(&r), b.index(&r));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "no temporary file left");
        std::fs::write(&path, "short\n").unwrap();
        assert!(matches!(ReceiptKey::load_or_create(&path), Err(ReceiptKeyError::Malformed)));
        let hex = SecretString::from("00".repeat(32));
        assert!(ReceiptKey::from_hex(&hex).is_ok());
        assert!(ReceiptKey::from_hex(&SecretString::from("zz".repeat(32))).is_err());
    }
}
