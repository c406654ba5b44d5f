//! `multipart/form-data` (RFC 7578), read from a body already in memory. Both places that take
//! photos (the questionnaire and `POST /api/v1/reports`) read their whole body under a size
//! limit first, so a small strict reader over bytes is all that is needed; a streaming parser
//! would add a dependency and buy nothing here.

/// One part of a multipart body.
pub struct Part<'a> {
    /// The `name` of its `Content-Disposition`.
    pub name: String,
    /// The `filename`, for a file input (empty when the person chose no file).
    pub filename: Option<String>,
    /// Its own `Content-Type`, if it has one.
    pub content_type: Option<String>,
    pub body: &'a [u8],
}

impl std::fmt::Debug for Part<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the body, nor the file name (it may name a person or a place).
        f.debug_struct("Part").field("name", &self.name).field("bytes", &self.body.len()).finish_non_exhaustive()
    }
}

/// Why a multipart body could not be read. Never quotes the body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MultipartError {
    #[error("the multipart body is malformed: {0}")]
    Malformed(&'static str),
    #[error("the multipart body has too many parts")]
    TooManyParts,
}

/// The `boundary` parameter of a `multipart/form-data` content type; `None` when the type is
/// another one or the boundary is missing or not what RFC 2046 allows.
pub fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let essence = params.next()?.trim();
    if !essence.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let value = params.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim().eq_ignore_ascii_case("boundary").then(|| value.trim())
    })?;
    let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    let allowed = |c: char| c.is_ascii_alphanumeric() || "'()+_,-./:=? ".contains(c);
    (!value.is_empty() && value.len() <= 70 && value.chars().all(allowed) && !value.ends_with(' '))
        .then(|| value.to_owned())
}

/// Whether `content_type` is `multipart/form-data` (with or without a usable boundary).
pub fn is_multipart(content_type: &str) -> bool {
    content_type.split(';').next().is_some_and(|e| e.trim().eq_ignore_ascii_case("multipart/form-data"))
}

/// The largest header block of one part.
const MAX_PART_HEADERS: usize = 8 * 1024;

/// The parts of `body`, at most `max_parts` of them.
pub fn parse<'a>(body: &'a [u8], boundary: &str, max_parts: usize) -> Result<Vec<Part<'a>>, MultipartError> {
    let delimiter = format!("--{boundary}");
    let delimiter = delimiter.as_bytes();
    // Anything before the first delimiter is a preamble and is ignored.
    let mut pos = if body.starts_with(delimiter) {
        delimiter.len()
    } else {
        find(body, 0, &[b"\r\n", delimiter].concat()).ok_or(MultipartError::Malformed("no boundary found"))?
            + 2
            + delimiter.len()
    };
    let mut parts = Vec::new();
    loop {
        // After a delimiter: `--` ends the body; otherwise optional spaces, then CRLF.
        if body[pos..].starts_with(b"--") {
            return Ok(parts);
        }
        while matches!(body.get(pos), Some(b' ' | b'\t')) {
            pos += 1;
        }
        if !body[pos..].starts_with(b"\r\n") {
            return Err(MultipartError::Malformed("a boundary is not followed by a line break"));
        }
        pos += 2;
        if parts.len() == max_parts {
            return Err(MultipartError::TooManyParts);
        }
        let headers_end = find(body, pos, b"\r\n\r\n").ok_or(MultipartError::Malformed("a part has no header end"))?;
        if headers_end - pos > MAX_PART_HEADERS {
            return Err(MultipartError::Malformed("a part's headers are too long"));
        }
        let headers = std::str::from_utf8(&body[pos..headers_end])
            .map_err(|_| MultipartError::Malformed("a part's headers are not UTF-8"))?;
        let content_start = headers_end + 4;
        let end = find(body, content_start, &[b"\r\n", delimiter].concat())
            .ok_or(MultipartError::Malformed("a part is not closed by a boundary (cut off)"))?;
        parts.push(part(headers, &body[content_start..end])?);
        pos = end + 2 + delimiter.len();
    }
}

fn part<'a>(headers: &str, body: &'a [u8]) -> Result<Part<'a>, MultipartError> {
    let (mut name, mut filename, mut content_type) = (None, None, None);
    for line in headers.split("\r\n") {
        let (key, value) = line.split_once(':').ok_or(MultipartError::Malformed("a part header has no colon"))?;
        let key = key.trim();
        if key.eq_ignore_ascii_case("content-disposition") {
            let mut params = split_params(value);
            if !params.next().is_some_and(|(k, _)| k.eq_ignore_ascii_case("form-data")) {
                return Err(MultipartError::Malformed("a part is not form-data"));
            }
            for (k, v) in params {
                if k.eq_ignore_ascii_case("name") {
                    name = Some(v);
                } else if k.eq_ignore_ascii_case("filename") {
                    filename = Some(v);
                }
            }
        } else if key.eq_ignore_ascii_case("content-type") {
            content_type = Some(value.trim().to_owned());
        }
    }
    let name = name.ok_or(MultipartError::Malformed("a part has no name"))?;
    Ok(Part { name, filename, content_type, body })
}

/// `form-data; name="a"; filename="b.jpg"` as (key, value) pairs; the first has no value.
fn split_params(value: &str) -> impl Iterator<Item = (String, String)> + '_ {
    let mut rest = value.trim();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let key_end = rest.find(['=', ';']).unwrap_or(rest.len());
        let key = rest[..key_end].trim().to_owned();
        rest = &rest[key_end..];
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(quoted) = after.strip_prefix('"') {
                // A quoted string; browsers escape `"` as %22 and leave backslashes alone.
                let close = quoted.find('"').unwrap_or(quoted.len());
                value = quoted[..close].to_owned();
                rest = quoted.get(close + 1..).unwrap_or("");
            } else {
                let end = after.find(';').unwrap_or(after.len());
                value = after[..end].trim().to_owned();
                rest = &after[end..];
            }
        }
        rest = rest.trim_start().strip_prefix(';').unwrap_or(rest).trim_start();
        Some((key, value))
    })
}

/// The first `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut i = from;
    while i + needle.len() <= haystack.len() {
        let offset = haystack[i..haystack.len() - needle.len() + 1].iter().position(|&b| b == first)?;
        i += offset;
        if &haystack[i..i + needle.len()] == needle {
            return Some(i);
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn boundaries_are_read_from_the_content_type() {
        assert_eq!(boundary("multipart/form-data; boundary=abc123").as_deref(), Some("abc123"));
        assert_eq!(boundary("Multipart/Form-Data;boundary=\"a b:c\"").as_deref(), Some("a b:c"));
        assert_eq!(boundary("multipart/form-data"), None);
        assert_eq!(boundary("multipart/mixed; boundary=x"), None);
        assert_eq!(boundary(&format!("multipart/form-data; boundary={}", "x".repeat(71))), None);
        assert_eq!(boundary("multipart/form-data; boundary=\"\""), None);
        assert!(is_multipart("multipart/form-data") && !is_multipart("application/json"));
    }

    #[test]
    fn parts_are_read_with_names_files_and_types() {
        let body = b"preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"report\"\r\nContent-Type: application/json\r\n\r\n{\"narrative\":\"a\r\n--XY\"}\r\n--XyZ\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"door; 1.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\x00\r\n\r\n--XyZ  \r\ncontent-disposition: form-data; name=empty\r\n\r\n\r\n--XyZ--\r\nepilogue";
        let parts = parse(body, "XyZ", 10).unwrap();
        assert_eq!(parts.len(), 3);
        assert_eq!((parts[0].name.as_str(), parts[0].content_type.as_deref()), ("report", Some("application/json")));
        assert_eq!(parts[0].body, b"{\"narrative\":\"a\r\n--XY\"}");
        assert_eq!(parts[1].filename.as_deref(), Some("door; 1.jpg"));
        assert_eq!(parts[1].body, b"\xFF\xD8\xFF\x00\r\n");
        assert_eq!((parts[2].name.as_str(), parts[2].body), ("empty", &b""[..]));
        assert!(!format!("{:?}", parts[1]).contains("door"));
    }

    #[test]
    fn malformed_bodies_are_refused() {
        let ok = b"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--b--";
        assert_eq!(parse(ok, "b", 10).unwrap().len(), 1);
        assert_eq!(parse(ok, "b", 0).unwrap_err(), MultipartError::TooManyParts);
        for bad in [
            &b"no boundary at all"[..],
            b"--b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\ncut off",
            b"--b\r\nContent-Disposition: form-data\r\n\r\n1\r\n--b--",
            b"--b\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\n1\r\n--b--",
            b"--b\r\nno colon here\r\n\r\n1\r\n--b--",
            b"--bgarbage\r\n",
            b"--b\r\nContent-Disposition: form-data; name=\"x\"",
        ] {
            assert!(parse(bad, "b", 10).is_err(), "{}", String::from_utf8_lossy(bad));
        }
    }
}
