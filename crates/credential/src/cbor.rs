//! A small CBOR reader for what a verifier receives: presentations, COSE_Sign1 credentials and
//! status list tokens. Items borrow from the input, so nothing is copied while a presentation
//! is taken apart; only the subset of CBOR this format uses is accepted.
//!
//! Refused: indefinite lengths, tags, floats and simple values other than `false`, `true` and
//! `null`, text that is not UTF-8, nesting deeper than [`MAX_DEPTH`], and (by [`decode_exact`])
//! anything after the one item. Lengths are checked against the bytes that remain before
//! anything is allocated, so a short input cannot ask for a large allocation.

/// The deepest nesting accepted (a credential's claims are three levels deep).
pub const MAX_DEPTH: usize = 8;

/// One decoded item, borrowing its bytes and text from the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item<'a> {
    /// An unsigned integer (major type 0).
    Unsigned(u64),
    /// A negative integer −1 − n (major type 1), holding n.
    Negative(u64),
    Bytes(&'a [u8]),
    Text(&'a str),
    Array(Vec<Item<'a>>),
    Map(Vec<(Item<'a>, Item<'a>)>),
    Bool(bool),
    Null,
}

impl<'a> Item<'a> {
    /// The integer, when it fits in an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Item::Unsigned(n) => i64::try_from(n).ok(),
            Item::Negative(n) => i64::try_from(n).ok().map(|n| -1 - n),
            _ => None,
        }
    }

    /// The integer, when it is unsigned.
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Item::Unsigned(n) => Some(n),
            _ => None,
        }
    }

    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        match *self {
            Item::Bytes(b) => Some(b),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&'a str> {
        match *self {
            Item::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value under a text key of a map.
    pub fn get_text_key(&self, key: &str) -> Option<&Item<'a>> {
        match self {
            Item::Map(entries) => entries.iter().find(|(k, _)| *k == Item::Text(key)).map(|(_, v)| v),
            _ => None,
        }
    }

    /// The value under an integer key of a map.
    pub fn get_int_key(&self, key: i64) -> Option<&Item<'a>> {
        match self {
            Item::Map(entries) => entries.iter().find(|(k, _)| k.as_i64() == Some(key)).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Decodes one item that must fill `bytes` exactly.
pub fn decode_exact(bytes: &[u8]) -> Option<Item<'_>> {
    let mut reader = Reader { bytes, pos: 0 };
    let item = reader.item(0)?;
    (reader.pos == bytes.len()).then_some(item)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(n)?;
        let out = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(out)
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// The argument of a head whose additional information is `info`.
    fn argument(&mut self, info: u8) -> Option<u64> {
        let n = match info {
            0..=23 => return Some(u64::from(info)),
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            // 28–30 are reserved; 31 is an indefinite length.
            _ => return None,
        };
        let raw = self.take(n)?;
        Some(raw.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
    }

    /// A length that the remaining input can hold, counting at least `min_each` bytes per unit.
    fn length(&mut self, info: u8, min_each: usize) -> Option<usize> {
        let n = usize::try_from(self.argument(info)?).ok()?;
        (n.checked_mul(min_each)? <= self.remaining()).then_some(n)
    }

    fn item(&mut self, depth: usize) -> Option<Item<'a>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let head = *self.bytes.get(self.pos)?;
        self.pos += 1;
        let (major, info) = (head >> 5, head & 0x1f);
        Some(match major {
            0 => Item::Unsigned(self.argument(info)?),
            1 => Item::Negative(self.argument(info)?),
            2 => {
                let n = self.length(info, 1)?;
                Item::Bytes(self.take(n)?)
            }
            3 => {
                let n = self.length(info, 1)?;
                Item::Text(std::str::from_utf8(self.take(n)?).ok()?)
            }
            4 => {
                let n = self.length(info, 1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.item(depth + 1)?);
                }
                Item::Array(items)
            }
            5 => {
                let n = self.length(info, 2)?;
                let mut entries = Vec::with_capacity(n);
                for _ in 0..n {
                    let key = self.item(depth + 1)?;
                    let value = self.item(depth + 1)?;
                    entries.push((key, value));
                }
                Item::Map(entries)
            }
            7 => match info {
                20 => Item::Bool(false),
                21 => Item::Bool(true),
                22 => Item::Null,
                _ => return None,
            },
            // Tags (6) are not part of this format.
            _ => return None,
        })
    }
}

/// Appends a CBOR head (major type and argument) in its shortest form.
pub fn write_head(out: &mut Vec<u8>, major: u8, n: u64) {
    let major = major << 5;
    match n {
        0..=23 => out.push(major | n as u8),
        24..=0xff => out.extend_from_slice(&[major | 24, n as u8]),
        0x100..=0xffff => {
            out.push(major | 25);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        0x1_0000..=0xffff_ffff => {
            out.push(major | 26);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&n.to_be_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use ciborium::value::{Integer, Value};

    use super::*;

    fn encode(value: &Value) -> Vec<u8> {
        let mut out = Vec::new();
        ciborium::into_writer(value, &mut out).expect("encode");
        out
    }

    #[test]
    fn reads_what_ciborium_writes() {
        let value = Value::Array(vec![
            Value::Integer(Integer::from(0)),
            Value::Integer(Integer::from(23)),
            Value::Integer(Integer::from(24)),
            Value::Integer(Integer::from(65_536)),
            Value::Integer(Integer::from(u64::MAX)),
            Value::Integer(Integer::from(-1)),
            Value::Integer(Integer::from(-65_545)),
            Value::Bytes(vec![1, 2, 3]),
            Value::Text("Ñandú 警察".into()),
            Value::Map(vec![(Value::Text("idx".into()), Value::Integer(Integer::from(7)))]),
            Value::Bool(true),
            Value::Bool(false),
            Value::Null,
        ]);
        let bytes = encode(&value);
        let Some(Item::Array(items)) = decode_exact(&bytes) else { panic!("not an array") };
        assert_eq!(items[0].as_i64(), Some(0));
        assert_eq!(items[1].as_i64(), Some(23));
        assert_eq!(items[2].as_i64(), Some(24));
        assert_eq!(items[3].as_u64(), Some(65_536));
        assert_eq!(items[4].as_u64(), Some(u64::MAX));
        assert_eq!(items[4].as_i64(), None);
        assert_eq!(items[5].as_i64(), Some(-1));
        assert_eq!(items[6].as_i64(), Some(-65_545));
        assert_eq!(items[7].as_bytes(), Some(&[1u8, 2, 3][..]));
        assert_eq!(items[8].as_text(), Some("Ñandú 警察"));
        assert_eq!(items[9].get_text_key("idx").and_then(Item::as_u64), Some(7));
        assert_eq!(items[10..], [Item::Bool(true), Item::Bool(false), Item::Null]);
    }

    #[test]
    fn heads_are_written_in_their_shortest_form() {
        for n in [0u64, 23, 24, 255, 256, 65_535, 65_536, u64::from(u32::MAX), u64::from(u32::MAX) + 1, u64::MAX] {
            let mut ours = Vec::new();
            write_head(&mut ours, 2, n);
            // ciborium writes the same head for a byte string of that length; compare heads only.
            let mut reference = Vec::new();
            ciborium::ser::into_writer(&Value::Integer(Integer::from(n)), &mut reference).expect("encode");
            reference[0] = (reference[0] & 0x1f) | (2 << 5);
            assert_eq!(ours, reference, "{n}");
        }
    }

    #[test]
    fn refuses_what_the_format_does_not_use() {
        for bad in [
            &[0x5f, 0x41, 0x00, 0xff][..],      // indefinite-length byte string
            &[0x9f, 0x01, 0xff],                // indefinite-length array
            &[0xd8, 0x12, 0x80],                // tag 18
            &[0xf9, 0x3c, 0x00],                // half float
            &[0xf7],                            // undefined
            &[0x62, 0xc3, 0x28],                // invalid UTF-8
            &[0x1c],                            // reserved additional information
            &[0x5a, 0xff, 0xff, 0xff, 0xff, 0], // length beyond the input
            &[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            &[0xbb, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
            &[0x01, 0x02], // trailing bytes
            &[],
        ] {
            assert_eq!(decode_exact(bad), None, "{bad:02x?}");
        }
        // Nesting: MAX_DEPTH levels of arrays are fine, one more is refused.
        let mut nested = vec![0x81; MAX_DEPTH];
        nested.push(0x00);
        assert!(decode_exact(&nested).is_some());
        let mut deeper = vec![0x81; MAX_DEPTH + 1];
        deeper.push(0x00);
        assert_eq!(decode_exact(&deeper), None);
    }
}
