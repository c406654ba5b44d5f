//! QR images of presentations as PNG files, and reading them back; the encoding rules
//! (alphanumeric, level Q, version 20 at most) live in `shieldcheck_credential::qr`.

use std::path::Path;

use anyhow::{Context as _, ensure};
use shieldcheck_credential::qr::{MAX_DECODE_PIXELS, QUIET_ZONE, decode_luma, encode};

/// Pixels per module.
const SCALE: usize = 6;

/// Writes `payload` as a PNG QR code; returns the version used.
pub fn write_png(payload: &str, path: &Path) -> anyhow::Result<i16> {
    let code = encode(payload)?;
    let side = (code.width + 2 * QUIET_ZONE) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, dark) in code.dark.iter().enumerate() {
        if *dark {
            let (mx, my) = (i % code.width + QUIET_ZONE, i / code.width + QUIET_ZONE);
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
    Ok(code.version)
}

/// Reads a PNG image as greyscale: (width, height, one byte a pixel).
pub fn read_png_luma(path: &Path) -> anyhow::Result<(usize, usize, Vec<u8>)> {
    let file = std::fs::File::open(path).with_context(|| format!("could not read {}", path.display()))?;
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().context("not a PNG image")?;
    let mut buffer = vec![0; reader.output_buffer_size().context("the image is too large")?];
    let info = reader.next_frame(&mut buffer).context("the PNG image is damaged")?;
    let (width, height) = (info.width as usize, info.height as usize);
    ensure!(width * height <= MAX_DECODE_PIXELS, "the image is too large");
    let channels = info.color_type.samples();
    let grey: Vec<u8> = buffer[..info.buffer_size()]
        .chunks(channels)
        .map(|px| match px {
            [g] | [g, _] => *g,
            [r, g, b, ..] => ((u16::from(*r) + u16::from(*g) + u16::from(*b)) / 3) as u8,
            [] => 255,
        })
        .collect();
    Ok((width, height, grey))
}

/// Reads the text of the QR code in a PNG image.
pub fn read_png(path: &Path) -> anyhow::Result<String> {
    let (width, height, grey) = read_png_luma(path)?;
    decode_luma(width, height, &grey).context("no readable QR code found in the image")
}
