//! QR codes of presentations, the same on every side: the CLI's PNG files, the officer page's
//! live code and the public scanner all use these two functions. Encoding: alphanumeric mode
//! (the `SC1:` + Base45 payload uses only that alphabet), error correction level Q, version 20
//! at most. Decoding: from a greyscale image.

use qrcode::{Color, EcLevel, QrCode, Version};

/// The largest QR version a presentation may need: beyond it, cheap phone cameras struggle.
pub const MAX_VERSION: i16 = 20;
/// The quiet zone around a code, in modules.
pub const QUIET_ZONE: usize = 4;
/// The largest image the decoder looks at, in pixels.
pub const MAX_DECODE_PIXELS: usize = 40_000_000;

/// A QR code: `width` × `width` modules, row by row, `true` for dark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrMatrix {
    pub version: i16,
    pub width: usize,
    pub dark: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrError {
    #[error("the payload does not fit a QR code")]
    TooLong,
    #[error("the presentation needs QR version {0}; at most {MAX_VERSION} is allowed")]
    VersionTooHigh(i16),
}

/// Encodes `payload` at level Q.
pub fn encode(payload: &str) -> Result<QrMatrix, QrError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::Q).map_err(|_| QrError::TooLong)?;
    let version = match code.version() {
        Version::Normal(v) => v,
        Version::Micro(_) => return Err(QrError::TooLong),
    };
    if version > MAX_VERSION {
        return Err(QrError::VersionTooHigh(version));
    }
    let width = code.width();
    let dark = code.to_colors().into_iter().map(|c| c == Color::Dark).collect();
    Ok(QrMatrix { version, width, dark })
}

impl QrMatrix {
    /// A compact SVG (one path, one unit per module, quiet zone included) that scales to any
    /// size without blurring.
    pub fn to_svg(&self) -> String {
        let side = self.width + 2 * QUIET_ZONE;
        let mut path = String::new();
        for y in 0..self.width {
            let mut x = 0;
            while x < self.width {
                if self.dark[y * self.width + x] {
                    let start = x;
                    while x < self.width && self.dark[y * self.width + x] {
                        x += 1;
                    }
                    path.push_str(&format!(
                        "M{} {}h{}v1h-{}z",
                        start + QUIET_ZONE,
                        y + QUIET_ZONE,
                        x - start,
                        x - start
                    ));
                } else {
                    x += 1;
                }
            }
        }
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
             <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
        )
    }
}

/// Reads the first QR code found in a greyscale image (`luma` row by row, one byte a pixel).
pub fn decode_luma(width: usize, height: usize, luma: &[u8]) -> Option<String> {
    if width.checked_mul(height)? > MAX_DECODE_PIXELS || luma.len() < width * height {
        return None;
    }
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| luma[y * width + x]);
    image.detect_grids().iter().find_map(|grid| grid.decode().ok().map(|(_, content)| content))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn render(m: &QrMatrix, scale: usize) -> (usize, Vec<u8>) {
        let side = (m.width + 2 * QUIET_ZONE) * scale;
        let mut luma = vec![255u8; side * side];
        for (i, dark) in m.dark.iter().enumerate() {
            if *dark {
                let (mx, my) = (i % m.width + QUIET_ZONE, i / m.width + QUIET_ZONE);
                for dy in 0..scale {
                    let row = (my * scale + dy) * side;
                    luma[row + mx * scale..row + mx * scale + scale].fill(0);
                }
            }
        }
        (side, luma)
    }

    #[test]
    fn a_payload_round_trips_through_the_matrix() {
        let payload = "SC1:6BFOXN*TS0BI$ZDFRH";
        let m = encode(payload).unwrap();
        assert_eq!(m.dark.len(), m.width * m.width);
        let (side, luma) = render(&m, 4);
        assert_eq!(decode_luma(side, side, &luma).as_deref(), Some(payload));
        assert!(m.to_svg().starts_with("<svg"));
    }

    #[test]
    fn versions_above_20_and_blank_images_are_refused() {
        assert!(matches!(encode(&"A".repeat(1200)), Err(QrError::VersionTooHigh(_))));
        assert_eq!(decode_luma(100, 100, &[255; 10_000]), None);
        assert_eq!(decode_luma(100, 100, &[255; 10]), None);
    }
}
