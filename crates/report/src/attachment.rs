//! Photos attached to a report: which kinds are accepted, and the copy analysts look at.
//!
//! A photo is kept twice, both sealed: the original, byte for byte, as evidence, and a copy
//! with everything but the picture removed, which is what the case team views. A phone's
//! photo carries the place it was taken (EXIF GPS), the phone's make, model and serial
//! number, times, editing software, thumbnails (which may show the picture before it was
//! cropped) and free-text comments; any of those can identify the person who took it.
//!
//! The copy is made by rewriting the file's own structure, not by decoding and re-encoding
//! the picture (which would need a large image library and change every pixel):
//!
//! - **JPEG**: the segments are walked marker by marker. Every application segment
//!   (APP0–APP15: EXIF, XMP, ICC profiles, Photoshop IPTC, maker notes, MPF thumbnails) and
//!   every comment (COM) is dropped, except a JFIF APP0 (rewritten without its thumbnail) and
//!   the 12-byte Adobe APP14 that says how colours are transformed. Tables, frame and scan
//!   headers and the entropy-coded data are copied; anything after the end-of-image marker
//!   is dropped.
//! - **PNG**: chunks are walked and every CRC checked. The image chunks (IHDR, PLTE, IDAT,
//!   IEND) and a few colour chunks with no text in them are copied; everything else (eXIf,
//!   tEXt, zTXt, iTXt, tIME, iCCP, unknown chunks, animation) is dropped.
//!
//! A file that says it is a JPEG or PNG but does not hold one (wrong magic, cut off, garbage
//! where a segment should be, a bad CRC) is refused with [`AttachmentErrorCode::Invalid`].
//! Pure functions: no I/O, so the same rules could run anywhere.

use std::fmt;

/// How many photos a report may carry by default.
pub const DEFAULT_MAX_ATTACHMENTS: usize = 4;
/// The largest photo accepted by default, in bytes (8 MiB: a full-resolution phone photo).
pub const DEFAULT_MAX_ATTACHMENT_BYTES: usize = 8 * 1024 * 1024;

/// The kinds of photo accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaType {
    Jpeg,
    Png,
}

impl MediaType {
    /// The IANA media type.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
        }
    }

    /// What the file's first bytes say it is.
    pub fn sniff(bytes: &[u8]) -> Option<MediaType> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(MediaType::Jpeg)
        } else if bytes.starts_with(&PNG_SIGNATURE) {
            Some(MediaType::Png)
        } else {
            None
        }
    }

    /// A declared type (`Content-Type` of an upload, without parameters); `None` for a type
    /// that is not a photo this service takes. `image/jpg` and `image/pjpeg` are what some
    /// browsers send for JPEG.
    pub fn from_declared(declared: &str) -> Option<MediaType> {
        let essence = declared.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        match essence.as_str() {
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(MediaType::Jpeg),
            "image/png" => Some(MediaType::Png),
            _ => None,
        }
    }
}

/// Limits on the photos of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttachmentLimits {
    pub max_count: usize,
    pub max_bytes: usize,
}

impl Default for AttachmentLimits {
    fn default() -> Self {
        AttachmentLimits { max_count: DEFAULT_MAX_ATTACHMENTS, max_bytes: DEFAULT_MAX_ATTACHMENT_BYTES }
    }
}

/// The stable codes of refused attachments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentErrorCode {
    /// Not a JPEG or PNG, or not the kind it says, or damaged.
    Invalid,
    /// Larger than the limit.
    TooLarge,
    /// More photos than a report may carry.
    TooMany,
}

impl AttachmentErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            AttachmentErrorCode::Invalid => "invalid_attachment",
            AttachmentErrorCode::TooLarge => "attachment_too_large",
            AttachmentErrorCode::TooMany => "too_many_attachments",
        }
    }
}

/// Why an attachment was refused. The message names the attachment by its position (from 1)
/// and says what is wrong with its structure; it never quotes the file's content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AttachmentError {
    #[error("a report carries at most {max} photos")]
    TooMany { max: usize },
    #[error("photo {position} is larger than {max_bytes} bytes")]
    TooLarge { position: usize, max_bytes: usize },
    #[error("photo {position} is empty")]
    Empty { position: usize },
    #[error("photo {position} is not a JPEG or PNG image (only those are accepted)")]
    Unsupported { position: usize },
    #[error("photo {position} says it is {declared} but its content is not")]
    Mismatch { position: usize, declared: &'static str },
    #[error("photo {position} is not a valid {kind}: {reason}")]
    Malformed { position: usize, kind: &'static str, reason: &'static str },
}

impl AttachmentError {
    pub fn code(&self) -> AttachmentErrorCode {
        match self {
            AttachmentError::TooMany { .. } => AttachmentErrorCode::TooMany,
            AttachmentError::TooLarge { .. } => AttachmentErrorCode::TooLarge,
            _ => AttachmentErrorCode::Invalid,
        }
    }
}

/// One photo as it arrived: what the sender said it is (a `Content-Type`, if any) and its
/// bytes. `Debug` shows only the size.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    pub declared_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Upload").field("declared_type", &self.declared_type).field("bytes", &self.bytes.len()).finish()
    }
}

/// A photo that passed: the original as it came and the copy without metadata.
#[derive(Clone, PartialEq, Eq)]
pub struct CheckedAttachment {
    pub media_type: MediaType,
    pub original: Vec<u8>,
    pub stripped: Vec<u8>,
}

impl fmt::Debug for CheckedAttachment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CheckedAttachment")
            .field("media_type", &self.media_type)
            .field("original", &self.original.len())
            .field("stripped", &self.stripped.len())
            .finish()
    }
}

/// Checks every photo of a report and makes its stripped copy: all of them pass, or the
/// first problem is returned and nothing is kept.
pub fn check_all(uploads: Vec<Upload>, limits: AttachmentLimits) -> Result<Vec<CheckedAttachment>, AttachmentError> {
    if uploads.len() > limits.max_count {
        return Err(AttachmentError::TooMany { max: limits.max_count });
    }
    if let Some(i) = uploads.iter().position(|u| u.bytes.len() > limits.max_bytes) {
        return Err(AttachmentError::TooLarge { position: i + 1, max_bytes: limits.max_bytes });
    }
    uploads.into_iter().enumerate().map(|(i, upload)| check(i + 1, upload)).collect()
}

/// Checks one photo (at `position`, from 1) and makes its stripped copy.
pub fn check(position: usize, upload: Upload) -> Result<CheckedAttachment, AttachmentError> {
    if upload.bytes.is_empty() {
        return Err(AttachmentError::Empty { position });
    }
    // A declared type that is not a photo (a browser's `application/octet-stream`) leaves the
    // content to speak for itself; a declared photo type must match the content.
    let declared = upload.declared_type.as_deref().and_then(MediaType::from_declared);
    let media_type = match (declared, MediaType::sniff(&upload.bytes)) {
        (Some(declared), Some(found)) if declared != found => {
            return Err(AttachmentError::Mismatch { position, declared: declared.as_str() });
        }
        (Some(declared), None) => return Err(AttachmentError::Mismatch { position, declared: declared.as_str() }),
        (_, Some(found)) => found,
        (None, None) => return Err(AttachmentError::Unsupported { position }),
    };
    let stripped = match media_type {
        MediaType::Jpeg => strip_jpeg(&upload.bytes),
        MediaType::Png => strip_png(&upload.bytes),
    }
    .map_err(|reason| AttachmentError::Malformed { position, kind: kind_name(media_type), reason })?;
    Ok(CheckedAttachment { media_type, original: upload.bytes, stripped })
}

fn kind_name(media_type: MediaType) -> &'static str {
    match media_type {
        MediaType::Jpeg => "JPEG",
        MediaType::Png => "PNG",
    }
}

// ---------------------------------------------------------------------------------------------
// JPEG

const SOI: u8 = 0xD8;
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;
const APP0: u8 = 0xE0;
const APP14: u8 = 0xEE;
const COM: u8 = 0xFE;

/// The JPEG without application segments (but a plain JFIF and Adobe header), comments or
/// anything after the image; `Err` says what is wrong with its structure.
pub fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
    if !bytes.starts_with(&[0xFF, SOI]) {
        return Err("it does not start with a JPEG start-of-image marker");
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, SOI]);
    let mut pos = 2;
    let (mut frame, mut scans, mut jfif) = (false, 0usize, false);
    loop {
        match bytes.get(pos) {
            None => return Err("it ends before its end-of-image marker (cut off)"),
            Some(0xFF) => {}
            Some(_) => return Err("garbage where a segment marker should be"),
        }
        // Any number of 0xFF fill bytes may precede a marker.
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let Some(&marker) = bytes.get(pos) else { return Err("it ends before its end-of-image marker (cut off)") };
        pos += 1;
        match marker {
            EOI => {
                if !frame || scans == 0 {
                    return Err("it holds no image (no frame or no scan)");
                }
                out.extend_from_slice(&[0xFF, EOI]);
                return Ok(out);
            }
            SOI | 0x00 | 0x01 | 0xD0..=0xD7 => return Err("a marker appears where it cannot"),
            0x02..=0xBF => return Err("a reserved marker (garbage where a segment should be)"),
            _ => {}
        }
        let length_bytes = bytes.get(pos..pos + 2).ok_or("it ends inside a segment (cut off)")?;
        let length = usize::from(u16::from_be_bytes([length_bytes[0], length_bytes[1]]));
        if length < 2 {
            return Err("a segment has an impossible length");
        }
        let end = pos + length;
        let data = bytes.get(pos + 2..end).ok_or("it ends inside a segment (cut off)")?;
        let segment = &bytes[pos - 2..end];
        pos = end;
        match marker {
            // Only the first JFIF header is kept, and without its thumbnail: version, density
            // units and pixel density, nothing else.
            APP0 if !jfif && data.len() >= 14 && data.starts_with(b"JFIF\0") => {
                jfif = true;
                out.extend_from_slice(&[0xFF, APP0, 0x00, 16]);
                out.extend_from_slice(&data[..12]);
                out.extend_from_slice(&[0, 0]);
            }
            // Adobe's colour-transform flag (how YCCK and CMYK files are to be read): 12 bytes
            // of fixed fields, no text.
            APP14 if data.len() == 12 && data.starts_with(b"Adobe") => out.extend_from_slice(segment),
            // Every other application segment and every comment.
            APP0..=0xEF | COM => {}
            // Baseline, extended, progressive and lossless frames (not DHT C4, JPG C8, DAC CC).
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                if frame {
                    return Err("it has a second frame header");
                }
                check_frame(data)?;
                frame = true;
                out.extend_from_slice(segment);
            }
            // Huffman and arithmetic tables, quantisation tables, restart interval, line count.
            0xC4 | 0xCC | 0xDB | 0xDD | 0xDC => out.extend_from_slice(segment),
            SOS => {
                if !frame {
                    return Err("a scan comes before the frame header");
                }
                let components = usize::from(*data.first().ok_or("a scan header is empty")?);
                if components == 0 || components > 4 || data.len() != 4 + 2 * components {
                    return Err("a scan header is malformed");
                }
                out.extend_from_slice(segment);
                let scan_end = entropy_coded_end(bytes, pos)?;
                out.extend_from_slice(&bytes[pos..scan_end]);
                pos = scan_end;
                scans += 1;
            }
            // JPG, JPGn extensions and anything else: not needed to show the picture.
            _ => {}
        }
    }
}

/// Checks a frame header: sample precision, a non-empty picture, and one to four components
/// described exactly.
fn check_frame(data: &[u8]) -> Result<(), &'static str> {
    if data.len() < 6 {
        return Err("the frame header is too short");
    }
    let width = u16::from_be_bytes([data[3], data[4]]);
    let components = usize::from(data[5]);
    if !matches!(data[0], 2..=16) || width == 0 || components == 0 || components > 4 || data.len() != 6 + 3 * components
    {
        return Err("the frame header is malformed");
    }
    Ok(())
}

/// Where the entropy-coded data starting at `start` ends: at the first marker that is not a
/// stuffed zero or a restart marker.
fn entropy_coded_end(bytes: &[u8], start: usize) -> Result<usize, &'static str> {
    let mut i = start;
    while i < bytes.len() {
        if bytes[i] == 0xFF {
            match bytes.get(i + 1) {
                None => break,
                Some(0x00 | 0xD0..=0xD7) => i += 2,
                Some(0xFF) => i += 1,
                Some(_) => return Ok(i),
            }
        } else {
            i += 1;
        }
    }
    Err("it ends inside the image data (cut off)")
}

// ---------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// Ancillary chunks copied to the stripped PNG: colour and transparency, no text, no time.
const KEPT_ANCILLARY: [&[u8; 4]; 7] = [b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD", b"pHYs"];

/// The PNG with only its image chunks and a few colour chunks, every CRC checked; `Err` says
/// what is wrong with its structure.
pub fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, &'static str> {
    if !bytes.starts_with(&PNG_SIGNATURE) {
        return Err("it does not start with the PNG signature");
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&PNG_SIGNATURE);
    let mut pos = PNG_SIGNATURE.len();
    let (mut header, mut data, mut after_data) = (false, false, false);
    loop {
        let head = bytes.get(pos..pos + 8).ok_or("it ends before its IEND chunk (cut off)")?;
        let length = u32::from_be_bytes([head[0], head[1], head[2], head[3]]);
        if length > 0x7FFF_FFFF {
            return Err("a chunk has an impossible length");
        }
        let kind: [u8; 4] = [head[4], head[5], head[6], head[7]];
        if !kind.iter().all(u8::is_ascii_alphabetic) {
            return Err("garbage where a chunk should be");
        }
        let end = usize::try_from(length).map_err(|_| "a chunk has an impossible length")?.saturating_add(pos + 12);
        let chunk = bytes.get(pos..end).ok_or("it ends inside a chunk (cut off)")?;
        let body = &chunk[8..chunk.len() - 4];
        let stored_crc = u32::from_be_bytes([
            chunk[chunk.len() - 4],
            chunk[chunk.len() - 3],
            chunk[chunk.len() - 2],
            chunk[chunk.len() - 1],
        ]);
        let mut crc = flate2::Crc::new();
        crc.update(&kind);
        crc.update(body);
        if crc.sum() != stored_crc {
            return Err("a chunk's CRC does not match (damaged)");
        }
        pos = end;
        if !header && &kind != b"IHDR" {
            return Err("the first chunk is not IHDR");
        }
        match &kind {
            b"IHDR" => {
                if header {
                    return Err("it has a second IHDR chunk");
                }
                let width = body.get(0..4).map(|w| u32::from_be_bytes([w[0], w[1], w[2], w[3]]));
                let height = body.get(4..8).map(|h| u32::from_be_bytes([h[0], h[1], h[2], h[3]]));
                let sane = |d: Option<u32>| d.is_some_and(|d| d > 0 && d <= 0x7FFF_FFFF);
                if body.len() != 13 || !sane(width) || !sane(height) {
                    return Err("the IHDR chunk is malformed");
                }
                header = true;
                out.extend_from_slice(chunk);
            }
            b"IDAT" => {
                if after_data {
                    return Err("its image data is split by other chunks");
                }
                data = true;
                out.extend_from_slice(chunk);
            }
            b"IEND" => {
                if !data || !body.is_empty() {
                    return Err("it holds no image data");
                }
                out.extend_from_slice(chunk);
                return Ok(out);
            }
            b"PLTE" => out.extend_from_slice(chunk),
            _ if kind[0].is_ascii_uppercase() => return Err("it has a critical chunk no decoder knows"),
            _ => {
                if KEPT_ANCILLARY.contains(&&kind) {
                    out.extend_from_slice(chunk);
                }
            }
        }
        if data && &kind != b"IDAT" {
            after_data = true;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// An EXIF block (big-endian TIFF) whose IFD0 holds the camera make and points to a GPS
    /// IFD with latitude 40° 52' 5.5" N, as a phone writes it.
    fn exif_with_gps() -> Vec<u8> {
        let mut tiff = Vec::new();
        tiff.extend_from_slice(b"MM\0\x2A\0\0\0\x08");
        // IFD0 at 8: two entries (Make, GPSInfo), then the next-IFD offset 0.
        tiff.extend_from_slice(&2u16.to_be_bytes());
        tiff.extend_from_slice(&[0x01, 0x0F, 0, 2, 0, 0, 0, 10]); // Make, ASCII, 10 bytes at 38
        tiff.extend_from_slice(&38u32.to_be_bytes());
        tiff.extend_from_slice(&[0x88, 0x25, 0, 4, 0, 0, 0, 1]); // GPSInfo, LONG, 1
        tiff.extend_from_slice(&48u32.to_be_bytes());
        tiff.extend_from_slice(&0u32.to_be_bytes());
        assert_eq!(tiff.len(), 38);
        tiff.extend_from_slice(b"PhoneMake\0");
        // GPS IFD at 48: GPSLatitudeRef "N", GPSLatitude 3 RATIONAL at 78.
        tiff.extend_from_slice(&2u16.to_be_bytes());
        tiff.extend_from_slice(&[0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
        tiff.extend_from_slice(&[0, 2, 0, 5, 0, 0, 0, 3]);
        tiff.extend_from_slice(&78u32.to_be_bytes());
        tiff.extend_from_slice(&0u32.to_be_bytes());
        assert_eq!(tiff.len(), 78);
        for (num, den) in [(40u32, 1u32), (52, 1), (55, 10)] {
            tiff.extend_from_slice(&num.to_be_bytes());
            tiff.extend_from_slice(&den.to_be_bytes());
        }
        let mut exif = b"Exif\0\0".to_vec();
        exif.extend_from_slice(&tiff);
        exif
    }

    fn pixels() -> Vec<u8> {
        (0..32u32 * 24).flat_map(|i| [(i % 32 * 8) as u8, (i / 32 * 10) as u8, 128]).collect()
    }

    /// A real JPEG (32×24) with an EXIF APP1 holding GPS, an XMP APP1, an ICC APP2 and a comment.
    fn jpeg_with_metadata() -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 90);
        encoder.add_app_segment(1, exif_with_gps()).unwrap();
        encoder
            .add_app_segment(1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Author Secret</x:xmpmeta>".to_vec())
            .unwrap();
        encoder.add_app_segment(2, b"ICC_PROFILE\0\x01\x01device-serial-123".to_vec()).unwrap();
        encoder.encode(&pixels(), 32, 24, jpeg_encoder::ColorType::Rgb).unwrap();
        // A comment right after SOI, as editing software writes it.
        let mut with_comment = bytes[..2].to_vec();
        let comment = b"taken at 123 Post Ave";
        with_comment.extend_from_slice(&[0xFF, COM, 0, (comment.len() + 2) as u8]);
        with_comment.extend_from_slice(comment);
        with_comment.extend_from_slice(&bytes[2..]);
        with_comment
    }

    fn decode_jpeg(bytes: &[u8]) -> Vec<u8> {
        let mut decoder = jpeg_decoder::Decoder::new(bytes);
        let pixels = decoder.decode().unwrap();
        let info = decoder.info().unwrap();
        assert_eq!((info.width, info.height), (32, 24));
        pixels
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    fn upload(declared: Option<&str>, bytes: Vec<u8>) -> Upload {
        Upload { declared_type: declared.map(str::to_owned), bytes }
    }

    /// The markers of a JPEG's segments before the first scan, in order.
    fn markers(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut pos = 2;
        while bytes[pos] == 0xFF && bytes[pos + 1] != SOS {
            out.push(bytes[pos + 1]);
            pos += 2 + usize::from(u16::from_be_bytes([bytes[pos + 2], bytes[pos + 3]]));
        }
        out
    }

    #[test]
    fn a_jpeg_loses_exif_gps_xmp_icc_and_comments_and_still_decodes() {
        let original = jpeg_with_metadata();
        for secret in [&b"Exif\0\0"[..], b"MM\0\x2A", b"PhoneMake", b"Author Secret", b"device-serial", b"Post Ave"] {
            assert!(contains(&original, secret), "the test photo carries {secret:?}");
        }
        let checked = check(1, upload(Some("image/jpeg"), original.clone())).unwrap();
        assert_eq!(checked.media_type, MediaType::Jpeg);
        assert_eq!(checked.original, original, "the original is kept byte for byte");
        let stripped = &checked.stripped;
        for secret in
            [&b"Exif"[..], b"MM\0\x2A", b"PhoneMake", b"Author Secret", b"xmpmeta", b"ICC_PROFILE", b"Post Ave"]
        {
            assert!(!contains(stripped, secret), "{secret:?} survived");
        }
        // The 40/1 52/1 55/10 latitude rationals are gone too.
        assert!(!contains(stripped, &[0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 52]));
        // No application segment but a plain JFIF, no comment.
        let kept = markers(stripped);
        assert!(kept.iter().all(|m| !(0xE1..=0xEF).contains(m) && *m != COM), "{kept:x?}");
        assert!(kept.contains(&0xDB) && kept.contains(&0xC4) && kept.iter().any(|m| (0xC0..=0xC2).contains(m)));
        assert!(stripped.starts_with(&[0xFF, SOI]) && stripped.ends_with(&[0xFF, EOI]));
        // The same picture, pixel for pixel.
        assert_eq!(decode_jpeg(stripped), decode_jpeg(&original));
        // Stripping the copy again changes nothing.
        assert_eq!(&strip_jpeg(stripped).unwrap(), stripped);
    }

    #[test]
    fn the_jfif_header_stays_without_its_thumbnail() {
        let mut jpeg = jpeg_with_metadata();
        // A JFIF APP0 with a 1×1 thumbnail (3 bytes of RGB) after SOI.
        let mut app0 = vec![0xFF, APP0, 0, 19];
        app0.extend_from_slice(b"JFIF\0\x01\x02\x01\0\x48\0\x48\x01\x01\xAA\xBB\xCC");
        jpeg.splice(2..2, app0);
        let stripped = strip_jpeg(&jpeg).unwrap();
        assert_eq!(&stripped[2..20], b"\xFF\xE0\x00\x10JFIF\0\x01\x02\x01\0\x48\0\x48\0\0");
        assert!(!contains(&stripped, b"\xAA\xBB\xCC"));
        decode_jpeg(&stripped);
    }

    #[test]
    fn trailing_bytes_after_the_image_are_dropped_from_the_copy() {
        let mut jpeg = jpeg_with_metadata();
        jpeg.extend_from_slice(b"hidden zip archive");
        let checked = check(1, upload(None, jpeg.clone())).unwrap();
        assert!(checked.stripped.ends_with(&[0xFF, EOI]));
        assert_eq!(checked.original, jpeg);
    }

    #[test]
    fn something_that_claims_to_be_a_jpeg_but_is_not_is_refused() {
        let good = jpeg_with_metadata();
        let invalid = |declared: Option<&str>, bytes: Vec<u8>| {
            let e = check(2, upload(declared, bytes)).unwrap_err();
            assert_eq!(e.code(), AttachmentErrorCode::Invalid, "{e}");
            assert_eq!(e.code().as_str(), "invalid_attachment");
            e
        };
        // Wrong magic: a text file, a GIF, a PNG declared as JPEG.
        let e = invalid(Some("image/jpeg"), b"GIF89a not a jpeg".to_vec());
        assert!(e.to_string().contains("photo 2"), "{e}");
        invalid(Some("image/jpeg"), png_with_metadata());
        invalid(None, b"%PDF-1.7".to_vec());
        invalid(Some("image/jpeg"), Vec::new());
        // Cut off in the middle of the scan, of a segment, before EOI.
        invalid(Some("image/jpeg"), good[..good.len() / 2].to_vec());
        invalid(Some("image/jpeg"), good[..good.len() - 2].to_vec());
        invalid(Some("image/jpeg"), good[..5].to_vec());
        // Garbage where a segment should be.
        let mut garbage = good[..2].to_vec();
        garbage.extend_from_slice(b"\x00\x11garbage garbage");
        garbage.extend_from_slice(&good[2..]);
        invalid(Some("image/jpeg"), garbage);
        // A segment whose length runs past the end.
        let mut long = good[..2].to_vec();
        long.extend_from_slice(&[0xFF, 0xE1, 0xFF, 0xFF, b'E']);
        invalid(Some("image/jpeg"), long);
        // SOI and EOI only: no picture.
        invalid(Some("image/jpeg"), vec![0xFF, SOI, 0xFF, EOI]);
        // A reserved marker.
        let mut reserved = good.clone();
        reserved.splice(2..2, [0xFF, 0x50, 0, 2]);
        invalid(None, reserved);
    }

    #[test]
    fn limits_count_and_size() {
        let jpeg = jpeg_with_metadata();
        let limits = AttachmentLimits { max_count: 2, max_bytes: jpeg.len() };
        let three = vec![upload(None, jpeg.clone()), upload(None, jpeg.clone()), upload(None, jpeg.clone())];
        let e = check_all(three, limits).unwrap_err();
        assert_eq!((e.code().as_str(), e), ("too_many_attachments", AttachmentError::TooMany { max: 2 }));
        let mut big = jpeg.clone();
        big.push(0);
        let e = check_all(vec![upload(None, jpeg.clone()), upload(None, big)], limits).unwrap_err();
        assert_eq!(e.code().as_str(), "attachment_too_large");
        assert_eq!(e, AttachmentError::TooLarge { position: 2, max_bytes: jpeg.len() });
        let ok = check_all(vec![upload(Some("image/jpg"), jpeg.clone()), upload(None, png_with_metadata())], limits)
            .unwrap();
        assert_eq!(ok.iter().map(|a| a.media_type).collect::<Vec<_>>(), vec![MediaType::Jpeg, MediaType::Png]);
        assert!(check_all(Vec::new(), limits).unwrap().is_empty());
    }

    /// A chunk with its length and CRC.
    fn chunk(kind: &[u8; 4], body: &[u8]) -> Vec<u8> {
        let mut out = (body.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(body);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(body);
        out.extend_from_slice(&crc.sum().to_be_bytes());
        out
    }

    /// A real PNG (32×24 RGB) with eXIf, tEXt, zTXt, iTXt and tIME chunks before its image data.
    fn png_with_metadata() -> Vec<u8> {
        let mut plain = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut plain, 32, 24);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().unwrap();
            writer.write_image_data(&pixels()).unwrap();
        }
        // Insert the metadata chunks right after IHDR (8 signature + 25 IHDR bytes).
        let mut png = plain[..33].to_vec();
        png.extend(chunk(b"eXIf", &exif_with_gps()[6..]));
        png.extend(chunk(b"tEXt", b"Author\0Reporter Name"));
        png.extend(chunk(b"zTXt", b"Comment\0\0x\x9c\x03\0\0\0\0\x01"));
        png.extend(chunk(b"iTXt", b"Location\0\0\0en\0\0\x31\x323 Post Ave"));
        png.extend(chunk(b"tIME", &[0x07, 0xEA, 3, 14, 9, 2, 11]));
        png.extend(chunk(b"pHYs", &[0, 0, 0x0B, 0x13, 0, 0, 0x0B, 0x13, 1]));
        png.extend_from_slice(&plain[33..]);
        png
    }

    fn decode_png(bytes: &[u8]) -> Vec<u8> {
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes)).read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (32, 24));
        buf
    }

    fn chunk_kinds(bytes: &[u8]) -> Vec<String> {
        let mut out = Vec::new();
        let mut pos = 8;
        while pos < bytes.len() {
            let len = u32::from_be_bytes(bytes[pos..pos + 4].try_into().unwrap()) as usize;
            out.push(String::from_utf8_lossy(&bytes[pos + 4..pos + 8]).into_owned());
            pos += len + 12;
        }
        out
    }

    #[test]
    fn a_png_loses_its_text_time_and_exif_chunks_and_still_decodes() {
        let original = png_with_metadata();
        let checked = check(1, upload(Some("image/png"), original.clone())).unwrap();
        assert_eq!((checked.media_type, &checked.original), (MediaType::Png, &original));
        let kinds = chunk_kinds(&checked.stripped);
        assert_eq!(kinds.first().map(String::as_str), Some("IHDR"));
        assert_eq!(kinds.last().map(String::as_str), Some("IEND"));
        for gone in ["eXIf", "tEXt", "zTXt", "iTXt", "tIME"] {
            assert!(chunk_kinds(&original).iter().any(|k| k == gone));
            assert!(!kinds.iter().any(|k| k == gone), "{gone} survived");
        }
        assert!(kinds.iter().any(|k| k == "pHYs"));
        for secret in [&b"Reporter Name"[..], b"Post Ave", b"MM\0\x2A", b"PhoneMake"] {
            assert!(!contains(&checked.stripped, secret));
        }
        assert_eq!(decode_png(&checked.stripped), decode_png(&original));
    }

    #[test]
    fn a_damaged_png_is_refused() {
        let good = png_with_metadata();
        let invalid = |bytes: Vec<u8>| {
            let e = check(1, upload(Some("image/png"), bytes)).unwrap_err();
            assert_eq!(e.code(), AttachmentErrorCode::Invalid, "{e}");
        };
        let mut flipped = good.clone();
        let last_idat = good.len() - 20;
        flipped[last_idat] ^= 1;
        invalid(flipped);
        invalid(good[..good.len() - 12].to_vec()); // no IEND
        invalid(good[..good.len() / 2].to_vec());
        let mut no_header = PNG_SIGNATURE.to_vec();
        no_header.extend(chunk(b"IDAT", b"x"));
        no_header.extend(chunk(b"IEND", b""));
        invalid(no_header);
        let mut unknown_critical = good[..33].to_vec();
        unknown_critical.extend(chunk(b"ABCD", b""));
        unknown_critical.extend_from_slice(&good[33..]);
        invalid(unknown_critical);
        invalid(b"\x89PNG\r\n\x1a\nnot chunks at all".to_vec());
    }

    /// `tests/data/photo-exif-gps.jpg`, which the server's and the command line's tests send
    /// and export, is such a photo: EXIF with GPS, XMP, an ICC profile and a comment.
    #[test]
    fn the_shared_test_photo_carries_gps_and_strips_clean() {
        let fixture = include_bytes!("../tests/data/photo-exif-gps.jpg");
        for secret in [&b"Exif\0\0"[..], b"PhoneMake", b"Author Secret", b"Post Ave"] {
            assert!(contains(fixture, secret));
        }
        let stripped = strip_jpeg(fixture).unwrap();
        assert!(!contains(&stripped, b"Exif") && !contains(&stripped, b"PhoneMake"));
        assert_eq!(decode_jpeg(&stripped), decode_jpeg(fixture));
    }
}
