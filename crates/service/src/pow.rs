//! A small proof of work in place of a CAPTCHA on the web questionnaire.
//!
//! Every `/report` form carries a challenge issued by this server: a random id, the time it was
//! issued and the difficulty, authenticated with a BLAKE3 keyed hash under a key drawn at
//! start-up and held only in memory. Before sending, the page's script (`static/report.js`)
//! finds a nonce such that SHA-256(`challenge` `:` `nonce`) starts with the required number of
//! zero bits. The server checks the tag, the age and the work, and spends the challenge when a
//! report is accepted, so one piece of work buys one report.
//!
//! Without JavaScript there is no work to show. A person needs time to fill in a form, so a
//! challenge that is at least `pow_min_form_secs` old is accepted in place of the work, still
//! only once. This lets bots through at the pace of one report per form load and wait, which the
//! global submission ceiling then bounds; the alternative, refusing people without JavaScript,
//! would shut out exactly the cheap and locked-down phones this service is for.
//!
//! Nothing here looks at who is asking: no address, no cookie, no per-client limit (a legal
//! clinic may send many reports from one address).
//!
//! Spent challenge ids are kept in memory until they expire. That is right for one server; with
//! several instances behind a load balancer, each holds its own key and its own spent set, so a
//! form must be posted back to the instance that served it (sticky sessions), and a restart
//! invalidates open forms (the person is asked to press send again, their answers kept).

use std::collections::HashMap;
use std::sync::Mutex;

use rand::RngCore as _;
use sha2::{Digest as _, Sha256};

use crate::settings::ReportSettings;

/// The most zero bits a challenge may ask for; beyond this a phone would take hours.
const MAX_BITS: u8 = 32;
/// Seconds a challenge may appear to come from the future (clock steps on the host).
const CLOCK_SLACK_SECS: i64 = 60;
/// Bytes of the BLAKE3 tag kept in a challenge: 128 bits, far beyond guessing, and short enough
/// that the hashed message fits in two SHA-256 blocks.
const TAG_BYTES: usize = 16;
/// The most digits a nonce may have.
const MAX_NONCE_DIGITS: usize = 20;

/// Why a challenge was refused. Each has a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PowError {
    /// Malformed, forged (bad tag) or without enough work.
    Invalid,
    /// Older than `pow_challenge_ttl_secs`.
    Expired,
    /// No work shown and the form is younger than `pow_min_form_secs`.
    TooFresh,
    /// Already used for an accepted report.
    Reused,
}

impl PowError {
    pub fn code(self) -> &'static str {
        match self {
            PowError::Invalid => "pow_invalid",
            PowError::Expired => "pow_expired",
            PowError::TooFresh => "pow_too_fresh",
            PowError::Reused => "pow_reused",
        }
    }
}

/// A challenge that passed every check except spending; [`Challenges::spend`] uses it up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket {
    id: [u8; 16],
    expires_at: i64,
}

/// Issues and checks challenges; remembers spent ones until they expire.
pub struct Challenges {
    key: [u8; 32],
    bits: u8,
    min_age_secs: i64,
    ttl_secs: i64,
    spent: Mutex<Spent>,
}

impl std::fmt::Debug for Challenges {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The key never reaches a log.
        f.debug_struct("Challenges").field("bits", &self.bits).finish_non_exhaustive()
    }
}

#[derive(Default)]
struct Spent {
    expiry: HashMap<[u8; 16], i64>,
    /// Size at which expired entries are next swept out, so sweeping stays amortised O(1).
    sweep_at: usize,
}

impl Challenges {
    /// With a fresh random key.
    pub fn new(settings: &ReportSettings) -> Challenges {
        let mut key = [0u8; 32];
        rand::rng().fill_bytes(&mut key);
        Challenges {
            key,
            bits: settings.pow_difficulty_bits.min(MAX_BITS),
            min_age_secs: i64::try_from(settings.pow_min_form_secs).unwrap_or(i64::MAX),
            ttl_secs: i64::try_from(settings.pow_challenge_ttl_secs).unwrap_or(i64::MAX),
            spent: Mutex::new(Spent { expiry: HashMap::new(), sweep_at: 1024 }),
        }
    }

    /// The difficulty new challenges ask for.
    pub fn bits(&self) -> u8 {
        self.bits
    }

    /// A new challenge issued at `now` (unix seconds):
    /// `1.<id hex>.<issued>.<bits>.<tag hex>`.
    pub fn issue(&self, now: i64) -> String {
        let mut id = [0u8; 16];
        rand::rng().fill_bytes(&mut id);
        let tag = self.tag(&id, now, self.bits);
        format!("1.{}.{now}.{}.{}", hex(&id), self.bits, hex(&tag))
    }

    /// Checks a challenge and the work (or, with no nonce, the form's age) at `now`, and that
    /// it was not spent. Spends nothing: a form with mistakes keeps its challenge.
    pub fn check(&self, challenge: &str, nonce: &str, now: i64) -> Result<Ticket, PowError> {
        let (id, issued, bits) = self.parse(challenge).ok_or(PowError::Invalid)?;
        if issued > now.saturating_add(CLOCK_SLACK_SECS) {
            return Err(PowError::Invalid);
        }
        let expires_at = issued.saturating_add(self.ttl_secs);
        if now > expires_at {
            return Err(PowError::Expired);
        }
        let nonce = nonce.trim();
        if nonce.is_empty() {
            if now.saturating_sub(issued) < self.min_age_secs {
                return Err(PowError::TooFresh);
            }
        } else if nonce.len() > MAX_NONCE_DIGITS
            || !nonce.bytes().all(|b| b.is_ascii_digit())
            || leading_zero_bits(challenge, nonce) < u32::from(bits)
        {
            return Err(PowError::Invalid);
        }
        if self.lock().expiry.contains_key(&id) {
            return Err(PowError::Reused);
        }
        Ok(Ticket { id, expires_at })
    }

    /// Uses a ticket up, atomically: of two requests racing with one challenge, one wins.
    pub fn spend(&self, ticket: Ticket, now: i64) -> Result<(), PowError> {
        let mut spent = self.lock();
        if spent.expiry.len() >= spent.sweep_at {
            spent.expiry.retain(|_, expires_at| *expires_at >= now);
            spent.sweep_at = (spent.expiry.len() * 2).max(1024);
        }
        if spent.expiry.insert(ticket.id, ticket.expires_at).is_some() {
            return Err(PowError::Reused);
        }
        Ok(())
    }

    /// Gives a spent ticket back when its report could not be stored, so that the person can
    /// send the same form again.
    pub fn refund(&self, ticket: Ticket) {
        self.lock().expiry.remove(&ticket.id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Spent> {
        // A panic while holding the lock cannot leave the map inconsistent (each operation
        // is a single insert, remove or retain), so a poisoned lock is still usable.
        self.spent.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn tag(&self, id: &[u8; 16], issued: i64, bits: u8) -> [u8; TAG_BYTES] {
        let mut hasher = blake3::Hasher::new_keyed(&self.key);
        hasher.update(b"shieldcheck report pow v1\0");
        hasher.update(id);
        hasher.update(&issued.to_le_bytes());
        hasher.update(&[bits]);
        let mut tag = [0u8; TAG_BYTES];
        tag.copy_from_slice(&hasher.finalize().as_bytes()[..TAG_BYTES]);
        tag
    }

    fn parse(&self, challenge: &str) -> Option<([u8; 16], i64, u8)> {
        let mut parts = challenge.split('.');
        let (version, id, issued, bits, tag) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        if version != "1" || parts.next().is_some() || issued.len() > 12 || bits.len() > 2 {
            return None;
        }
        let id: [u8; 16] = unhex(id)?;
        let issued: i64 = issued.parse().ok()?;
        let bits: u8 = bits.parse().ok()?;
        let tag: [u8; TAG_BYTES] = unhex(tag)?;
        let expected = self.tag(&id, issued, bits);
        // Compared without an early exit, so the time taken says nothing about the tag.
        let diff = expected.iter().zip(tag.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b));
        (diff == 0 && bits <= MAX_BITS).then_some((id, issued, bits))
    }
}

/// Leading zero bits of SHA-256(`challenge` `:` `nonce`), as `static/report.js` computes it.
pub fn leading_zero_bits(challenge: &str, nonce: &str) -> u32 {
    let digest = Sha256::new().chain_update(challenge.as_bytes()).chain_update(b":").chain_update(nonce).finalize();
    let mut bits = 0;
    for byte in digest {
        bits += byte.leading_zeros();
        if byte != 0 {
            break;
        }
    }
    bits
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex<const N: usize>(text: &str) -> Option<[u8; N]> {
    if text.len() != 2 * N {
        return None;
    }
    let mut out = [0u8; N];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = u8::from_str_radix(text.get(2 * i..2 * i + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn challenges(bits: u8, min_age: u64) -> Challenges {
        Challenges::new(&ReportSettings {
            pow_difficulty_bits: bits,
            pow_min_form_secs: min_age,
            pow_challenge_ttl_secs: 3600,
            ..ReportSettings::default()
        })
    }

    fn solve(challenge: &str, bits: u32) -> String {
        (0u64..).map(|n| n.to_string()).find(|n| leading_zero_bits(challenge, n) >= bits).unwrap()
    }

    #[test]
    fn solved_work_is_accepted_once() {
        let c = challenges(8, 600);
        let challenge = c.issue(1_000);
        let nonce = solve(&challenge, 8);
        let ticket = c.check(&challenge, &nonce, 1_001).unwrap();
        c.spend(ticket, 1_001).unwrap();
        assert_eq!(c.check(&challenge, &nonce, 1_002), Err(PowError::Reused));
        assert_eq!(c.spend(ticket, 1_002), Err(PowError::Reused));
    }

    #[test]
    fn a_refunded_ticket_can_be_used_again() {
        let c = challenges(4, 0);
        let challenge = c.issue(1_000);
        let ticket = c.check(&challenge, "", 1_000).unwrap();
        c.spend(ticket, 1_000).unwrap();
        c.refund(ticket);
        assert!(c.check(&challenge, "", 1_000).is_ok());
    }

    #[test]
    fn without_work_the_form_must_be_old_enough() {
        let c = challenges(20, 10);
        let challenge = c.issue(1_000);
        assert_eq!(c.check(&challenge, "", 1_005), Err(PowError::TooFresh));
        assert!(c.check(&challenge, "", 1_010).is_ok());
        assert_eq!(c.check(&challenge, "", 1_000 + 3601), Err(PowError::Expired));
    }

    #[test]
    fn forged_altered_and_unsolved_challenges_are_refused() {
        let c = challenges(12, 0);
        let other = challenges(0, 0);
        let challenge = c.issue(1_000);
        // Another key (another server, or a forger) cannot make one.
        let forged = other.issue(1_000);
        assert_eq!(c.check(&forged, "", 2_000), Err(PowError::Invalid));
        // Lowering the difficulty, or backdating, breaks the tag.
        let easier = challenge.replace(".12.", ".0.");
        assert_eq!(c.check(&easier, "0", 2_000), Err(PowError::Invalid));
        let parts: Vec<&str> = challenge.split('.').collect();
        let backdated = format!("1.{}.{}.{}.{}", parts[1], 1, parts[3], parts[4]);
        assert_eq!(c.check(&backdated, "", 2_000), Err(PowError::Invalid));
        // A nonce that does not solve it, or is not a number.
        let bad = (0u64..).map(|n| n.to_string()).find(|n| leading_zero_bits(&challenge, n) < 12).unwrap();
        assert_eq!(c.check(&challenge, &bad, 1_001), Err(PowError::Invalid));
        assert_eq!(c.check(&challenge, "12a", 1_001), Err(PowError::Invalid));
        for junk in ["", "1", "1.2.3.4.5", "2.x", &"9".repeat(500), "1.....", "1.éé.1.1.1"] {
            assert_eq!(c.check(junk, "", 2_000), Err(PowError::Invalid), "{junk}");
        }
        // From the future.
        let future = c.issue(5_000);
        assert_eq!(c.check(&future, "", 1_000), Err(PowError::Invalid));
    }

    #[test]
    fn spent_ids_are_swept_after_they_expire() {
        let c = challenges(0, 0);
        for i in 0..3_000 {
            let challenge = c.issue(i);
            let ticket = c.check(&challenge, "0", i).unwrap();
            c.spend(ticket, i).unwrap();
        }
        // Only those issued within the last hour (ttl) can still be remembered.
        assert!(c.lock().expiry.len() <= 3_000);
        let later = 100_000;
        let challenge = c.issue(later);
        for _ in 0..2 {
            let ticket = c.check(&challenge, "0", later).unwrap();
            c.spend(ticket, later).unwrap();
            c.refund(ticket);
        }
        c.lock().sweep_at = 0;
        let fresh = c.issue(later);
        c.spend(c.check(&fresh, "0", later).unwrap(), later).unwrap();
        assert_eq!(c.lock().expiry.len(), 1);
    }

    #[test]
    fn leading_zero_bits_counts_bits_not_bytes() {
        // SHA-256("abc:0") is known; compare with the byte-level definition.
        let digest = Sha256::digest(b"abc:0");
        let expected =
            digest.iter().map(|b| format!("{b:08b}")).collect::<String>().chars().take_while(|c| *c == '0').count();
        assert_eq!(leading_zero_bits("abc", "0") as usize, expected);
    }
}
