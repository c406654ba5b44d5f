//! Revocation and suspension through an IETF Token Status List
//! (draft-ietf-oauth-status-list): 2 bits per credential, compressed with DEFLATE in the
//! ZLIB format. Index `i` lives in byte `i * 2 / 8`, starting at bit `(i * 2) % 8` from the
//! least significant bit.

use std::io::Read as _;

/// Bits per entry.
pub const BITS: u8 = 2;
/// The smallest list this system publishes: large enough that a random index tells nothing
/// about how many credentials exist.
pub const MIN_ENTRIES: usize = 131_072;
/// The most bytes a list may inflate to (4 Mi entries at 2 bits); a larger one is refused, so
/// a small "zip bomb" cannot exhaust a phone's memory.
pub const MAX_INFLATED_BYTES: usize = 1 << 20;

/// The status of one credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Valid,
    Revoked,
    Suspended,
    /// The value 3, which this system never writes ("application specific" in the draft).
    Other,
}

impl Status {
    fn bits(self) -> u8 {
        match self {
            Status::Valid => 0,
            Status::Revoked => 1,
            Status::Suspended => 2,
            Status::Other => 3,
        }
    }

    fn from_bits(v: u8) -> Status {
        match v & 0b11 {
            0 => Status::Valid,
            1 => Status::Revoked,
            2 => Status::Suspended,
            _ => Status::Other,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusListError {
    #[error("the status list is not valid ZLIB data")]
    Corrupt,
    #[error("the status list inflates beyond {MAX_INFLATED_BYTES} bytes")]
    TooLarge,
    #[error("the status list uses {0} bits per entry; only 2 is supported")]
    UnsupportedBits(u8),
}

/// A status list of 2-bit entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    bytes: Vec<u8>,
}

impl StatusList {
    /// A list of `entries` valid entries (rounded up to whole bytes).
    pub fn new(entries: usize) -> StatusList {
        StatusList { bytes: vec![0; entries.div_ceil(4)] }
    }

    pub fn len(&self) -> usize {
        self.bytes.len() * 4
    }

    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The status at `index`, or `None` past the end.
    pub fn get(&self, index: usize) -> Option<Status> {
        let byte = self.bytes.get(index / 4)?;
        Some(Status::from_bits(byte >> ((index % 4) * 2)))
    }

    /// Sets the status at `index`; `false` past the end.
    pub fn set(&mut self, index: usize, status: Status) -> bool {
        let Some(byte) = self.bytes.get_mut(index / 4) else { return false };
        let shift = (index % 4) * 2;
        *byte = (*byte & !(0b11 << shift)) | (status.bits() << shift);
        true
    }

    /// The `lst` value: the bytes compressed with DEFLATE in the ZLIB format.
    pub fn compress(&self) -> Vec<u8> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = std::io::Write::write_all(&mut encoder, &self.bytes);
        encoder.finish().unwrap_or_default()
    }

    /// Reads an `lst` value, inflating at most [`MAX_INFLATED_BYTES`].
    pub fn decompress(bits: u8, lst: &[u8]) -> Result<StatusList, StatusListError> {
        if bits != BITS {
            return Err(StatusListError::UnsupportedBits(bits));
        }
        let limit = u64::try_from(MAX_INFLATED_BYTES).unwrap_or(u64::MAX) + 1;
        let mut bytes = Vec::new();
        flate2::read::ZlibDecoder::new(lst)
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|_| StatusListError::Corrupt)?;
        if bytes.len() > MAX_INFLATED_BYTES {
            return Err(StatusListError::TooLarge);
        }
        Ok(StatusList { bytes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_two_bits_least_significant_first() {
        let mut list = StatusList::new(8);
        assert!(list.set(0, Status::Revoked));
        assert!(list.set(1, Status::Suspended));
        assert!(list.set(3, Status::Other));
        assert!(list.set(5, Status::Revoked));
        // Byte 0 = 0b11_00_10_01, byte 1 = 0b00_00_01_00 (the draft's layout).
        assert_eq!(list.bytes, vec![0b1100_1001, 0b0000_0100]);
        assert_eq!(list.get(1), Some(Status::Suspended));
        assert_eq!(list.get(2), Some(Status::Valid));
        assert!(list.set(1, Status::Valid));
        assert_eq!(list.get(1), Some(Status::Valid));
        assert_eq!(list.get(0), Some(Status::Revoked), "neighbours are untouched");
        assert_eq!(list.get(8), None);
        assert!(!list.set(8, Status::Revoked));
    }

    #[test]
    fn a_full_size_list_compresses_and_round_trips() {
        let mut list = StatusList::new(MIN_ENTRIES);
        list.set(77_777, Status::Revoked);
        list.set(131_071, Status::Suspended);
        let lst = list.compress();
        assert!(lst.len() < 1_000, "a sparse list is small: {} bytes", lst.len());
        let back = StatusList::decompress(2, &lst).expect("valid");
        assert_eq!(back, list);
        assert_eq!(back.len(), MIN_ENTRIES);
    }

    #[test]
    fn zip_bombs_and_garbage_are_refused() {
        let bomb = StatusList { bytes: vec![0; MAX_INFLATED_BYTES + 1] }.compress();
        assert!(bomb.len() < 4_096, "the bomb is small: {}", bomb.len());
        assert_eq!(StatusList::decompress(2, &bomb), Err(StatusListError::TooLarge));
        assert_eq!(StatusList::decompress(2, b"not zlib"), Err(StatusListError::Corrupt));
        assert_eq!(StatusList::decompress(1, &StatusList::new(4).compress()), Err(StatusListError::UnsupportedBits(1)));
    }
}
