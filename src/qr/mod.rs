//! QR codes for printed posters: PNG at print resolution, SVG, and text for a terminal.
//! Every code has a quiet zone of 4 modules, error correction Q (print survives smudges and
//! folds) and the smallest version that fits, chosen by the `qrcode` crate.

use std::io::Cursor;

use image::{GrayImage, ImageFormat};
use qrcode::render::unicode::Dense1x2;
use qrcode::{Color, EcLevel, QrCode};

/// The white margin around a code, in modules, as the QR standard asks.
pub const QUIET_ZONE: usize = 4;
/// Default PNG module size: 16 px per module prints a 33-module code at 8.9 cm at 150 dpi.
pub const DEFAULT_MODULE_PX: u32 = 16;

/// Encodes a URL. Non-ASCII must already be percent-encoded: scanners guess the charset of
/// byte-mode data and get short UTF-8 wrong.
pub fn encode(url: &str) -> Result<QrCode, String> {
    if !url.is_ascii() {
        return Err(format!("`{url}` has non-ASCII characters; percent-encode them first"));
    }
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::Q)
        .map_err(|e| format!("cannot make a QR code of `{url}`: {e}"))
}

/// A PNG with `module_px` pixels per module and the quiet zone.
pub fn png(code: &QrCode, module_px: u32) -> Vec<u8> {
    let modules = code.width();
    let colors = code.to_colors();
    let scale = module_px as usize;
    let side = (modules + 2 * QUIET_ZONE) * scale;
    // Build each module row once, then repeat it `module_px` times.
    let mut pixels = vec![255u8; side * side];
    for my in 0..modules {
        let mut row = vec![255u8; side];
        for mx in 0..modules {
            if colors[my * modules + mx] == Color::Dark {
                let start = (mx + QUIET_ZONE) * scale;
                row[start..start + scale].fill(0);
            }
        }
        for repeat in 0..scale {
            let y = (my + QUIET_ZONE) * scale + repeat;
            pixels[y * side..(y + 1) * side].copy_from_slice(&row);
        }
    }
    let image = GrayImage::from_raw(side as u32, side as u32, pixels).expect("buffer of the right size");
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).expect("PNG encoding in memory");
    bytes
}

/// A scalable SVG: one square per module unit, white background including the quiet zone.
pub fn svg(code: &QrCode) -> String {
    let modules = code.width();
    let side = modules + 2 * QUIET_ZONE;
    let colors = code.to_colors();
    let mut path = String::new();
    for y in 0..modules {
        let mut x = 0;
        while x < modules {
            if colors[y * modules + x] == Color::Dark {
                let start = x;
                while x < modules && colors[y * modules + x] == Color::Dark {
                    x += 1;
                }
                path.push_str(&format!("M{} {}h{}v1h-{}z", start + QUIET_ZONE, y + QUIET_ZONE, x - start, x - start));
            } else {
                x += 1;
            }
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>\n"
    )
}

/// The code drawn with block characters, two rows per line, for `loa qr`.
pub fn terminal(code: &QrCode) -> String {
    code.render::<Dense1x2>().dark_color(Dense1x2::Light).light_color(Dense1x2::Dark).quiet_zone(true).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_png(bytes: &[u8]) -> String {
        let image = image::load_from_memory(bytes).unwrap().to_luma8();
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(image.width() as usize, image.height() as usize, |x, y| {
                image.get_pixel(x as u32, y as u32).0[0]
            });
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        grids[0].decode().unwrap().1
    }

    #[test]
    fn the_png_decodes_to_the_url_with_a_four_module_quiet_zone() {
        let url = "https://thidua.example.gov.vn/q/STKT14/";
        let code = encode(url).unwrap();
        assert_eq!(code.error_correction_level(), EcLevel::Q);
        let bytes = png(&code, 4);
        assert_eq!(decode_png(&bytes), url);
        let image = image::load_from_memory(&bytes).unwrap().to_luma8();
        let margin = (QUIET_ZONE * 4) as u32;
        for i in 0..image.width() {
            for j in 0..margin {
                assert_eq!(image.get_pixel(i, j).0[0], 255, "top quiet zone");
                assert_eq!(image.get_pixel(j, i).0[0], 255, "left quiet zone");
            }
        }
    }

    #[test]
    fn uses_the_smallest_version_that_fits() {
        let short = encode("https://a.vn/q/AB/").unwrap();
        let long = encode(&format!("https://a.vn/{}", "x".repeat(120))).unwrap();
        assert!(short.width() < long.width());
        assert_eq!(short.width(), 25, "version 2 fits a short URL at level Q");
    }

    #[test]
    fn svg_and_terminal_renderings() {
        let code = encode("https://a.vn/q/AB/").unwrap();
        let svg = svg(&code);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 33 33\""));
        let text = terminal(&code);
        assert_eq!(text.lines().count(), 33usize.div_ceil(2));
        assert!(encode("https://a.vn/đ").is_err());
    }
}
