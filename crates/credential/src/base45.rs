//! Base45 (RFC 9285): the encoding that fits QR alphanumeric mode.

/// The 45 characters of QR alphanumeric mode, in Base45 order.
const ALPHABET: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Encodes bytes as Base45.
pub fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(2) * 3);
    for chunk in data.chunks(2) {
        let (n, digits) = match chunk {
            [a, b] => (u32::from(*a) * 256 + u32::from(*b), 3),
            [a] => (u32::from(*a), 2),
            _ => unreachable!("chunks(2) yields one or two bytes"),
        };
        let mut n = n;
        for _ in 0..digits {
            out.push(char::from(ALPHABET[(n % 45) as usize]));
            n /= 45;
        }
    }
    out
}

/// Why a Base45 string could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Base45Error {
    #[error("a character outside the Base45 alphabet")]
    InvalidCharacter,
    #[error("a length that no Base45 encoding has")]
    InvalidLength,
    #[error("a group whose value does not fit its bytes")]
    Overflow,
}

/// The value of each byte in [`ALPHABET`], or [`INVALID`].
const DECODE: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < ALPHABET.len() {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};
const INVALID: u8 = 0xff;

/// Decodes Base45, refusing characters outside the alphabet, a dangling character, and groups
/// whose value does not fit (so that every byte string has exactly one encoding).
pub fn decode(text: &str) -> Result<Vec<u8>, Base45Error> {
    let values: Vec<u32> = text
        .bytes()
        .map(|c| match DECODE[usize::from(c)] {
            INVALID => Err(Base45Error::InvalidCharacter),
            v => Ok(u32::from(v)),
        })
        .collect::<Result<_, _>>()?;
    if values.len() % 3 == 1 {
        return Err(Base45Error::InvalidLength);
    }
    let mut out = Vec::with_capacity(values.len() / 3 * 2 + 1);
    for group in values.chunks(3) {
        match group {
            [c, d, e] => {
                let n = c + d * 45 + e * 45 * 45;
                if n > 0xFFFF {
                    return Err(Base45Error::Overflow);
                }
                out.extend_from_slice(&[(n >> 8) as u8, (n & 0xFF) as u8]);
            }
            [c, d] => {
                let n = c + d * 45;
                if n > 0xFF {
                    return Err(Base45Error::Overflow);
                }
                out.push(n as u8);
            }
            _ => return Err(Base45Error::InvalidLength),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples of RFC 9285, section 4.
    #[test]
    fn rfc_9285_examples() {
        for (plain, encoded) in
            [(&b"AB"[..], "BB8"), (b"Hello!!", "%69 VD92EX0"), (b"base-45", "UJCLQE7W581"), (b"ietf!", "QED8WEX0")]
        {
            assert_eq!(encode(plain), encoded);
            assert_eq!(decode(encoded).as_deref(), Ok(plain));
        }
    }

    #[test]
    fn refuses_what_is_not_base45() {
        assert_eq!(decode("GGW"), Err(Base45Error::Overflow));
        assert_eq!(decode("ab"), Err(Base45Error::InvalidCharacter));
        assert_eq!(decode("BB8B"), Err(Base45Error::InvalidLength));
        assert_eq!(decode(""), Ok(vec![]));
    }

    #[test]
    fn round_trips_every_byte_pair_edge() {
        let data: Vec<u8> = (0..=255u8).chain([0xFF, 0xFF, 0x00]).collect();
        assert_eq!(decode(&encode(&data)), Ok(data));
    }
}
