//! What the case team holds, and nothing about where it is kept: the team's keys and
//! identities, reports sealed as age files and opened with a team identity, receipts and the
//! reporter keys derived from them, follow-up entries and statuses, the audit hash chain, and
//! the retention rules.
//!
//! No SQL and no async: the store persists what this crate seals as opaque bytes, and the same
//! code can open a report wherever a team identity is (the command line today, a member's
//! browser through WebAssembly tomorrow).

pub mod followup;
pub mod receipt;
pub mod sealed_report;
mod team_recipient;

/// Bytes sealed to the case team: one complete age file, as the store keeps it. The store and
/// every layer above hand it on without opening it; `Debug` prints only its length, so that no
/// log line or panic message ever holds a ciphertext.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Sealed(pub Vec<u8>);

impl Sealed {
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

impl std::fmt::Debug for Sealed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sealed({} bytes)", self.0.len())
    }
}

impl std::ops::Deref for Sealed {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Sealed {
    fn from(bytes: Vec<u8>) -> Sealed {
        Sealed(bytes)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sealed_bytes_never_show_in_debug() {
        let sealed = super::Sealed(b"age-encryption.org/v1\nsecret".to_vec());
        assert_eq!(format!("{sealed:?}"), "Sealed(28 bytes)");
    }
}
