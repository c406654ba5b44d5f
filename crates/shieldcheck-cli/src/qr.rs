//! QR images of presentations: alphanumeric mode (the `SC1:` + Base45 payload uses only that
//! alphabet), error correction level Q, version 20 at most; and reading them back.

use std::path::Path;

use anyhow::{Context as _, bail, ensure};
use qrcode::{Color, EcLevel, QrCode, Version};

/// The largest QR version a presentation may need: beyond it, cheap phone cameras struggle.
pub const MAX_VERSION: i16 = 20;
/// Pixels per module, and the quiet zone in modules.
const SCALE: usize = 6;
const QUIET: usize = 4;

/// Writes `payload` as a PNG QR code; returns the version used.
pub fn write_png(payload: &str, path: &Path) -> anyhow::Result<i16> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::Q)
        .context("the payload does not fit a QR code")?;
    let version = match code.version() {
        Version::Normal(v) => v,
        Version::Micro(_) => bail!("a micro QR code was chosen unexpectedly"),
    };
    ensure!(version <= MAX_VERSION, "the presentation needs QR version {version}; at most {MAX_VERSION} is allowed");
    let width = code.width();
    let colors = code.to_colors();
    let side = (width + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (mx, my) = (i % width + QUIET, i / width + QUIET);
            for dy in 0..SCALE {
                let row = (my * SCALE + dy) * side;
                pixels[row + mx * SCALE..row + mx * SCALE + SCALE].fill(0);
            }
        }
    }
    let file = std::fs::File::create(path).with_context(|| format!("could not create {}", path.display()))?;
    let side32 = u32::try_from(side).context("image too large")?;
    let mut encoder = png::Encoder::new(std::io::BufWriter::new(file), side32, side32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(&pixels)?;
    Ok(version)
}

/// Reads the text of the QR code in a PNG image.
pub fn read_png(path: &Path) -> anyhow::Result<String> {
    let file = std::fs::File::open(path).with_context(|| format!("could not read {}", path.display()))?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().context("not a PNG image")?;
    let mut buffer = vec![0; reader.output_buffer_size().context("the image is too large")?];
    let info = reader.next_frame(&mut buffer).context("the PNG image is damaged")?;
    let (width, height) = (info.width as usize, info.height as usize);
    ensure!(width * height <= 40_000_000, "the image is too large");
    let channels = info.color_type.samples();
    let grey: Vec<u8> = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|px| match px {
            [g] | [g, _] => *g,
            [r, g, b, ..] => ((u16::from(*r) + u16::from(*g) + u16::from(*b)) / 3) as u8,
            [] => 255,
        })
        .collect();
    let mut image = rqrr::PreparedImage::prepare_from_greyscale(width, height, |x, y| grey[y * width + x]);
    let grids = image.detect_grids();
    let grid = grids.first().context("no QR code found in the image")?;
    let (_, content) = grid.decode().context("the QR code could not be read")?;
    Ok(content)
}
