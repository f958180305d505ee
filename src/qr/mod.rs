//! QR codes for printed posters: PNG at print resolution, SVG, and text for a terminal.
//! Every code has a quiet zone of 4 modules, error correction Q (print survives smudges and
//! folds; M for the small code in a printed document's footer, [`encode_for_footer`]) and
//! the smallest version that fits, chosen by the `qrcode` crate.

mod mask;

use qrcode::render::Renderer;
use qrcode::render::unicode::Dense1x2;
use qrcode::{Color, EcLevel};

use crate::diag::Text;

/// A QR code: the `qrcode` crate's code for the same text and level, bit for bit, with its
/// mask chosen by [`mask::modules`].
#[derive(Clone)]
pub struct QrCode {
    colors: Vec<Color>,
    width: usize,
    ec_level: EcLevel,
}

impl QrCode {
    /// Encodes `data` at `ec_level` in the smallest version that fits.
    pub fn with_error_correction_level(data: &[u8], ec_level: EcLevel) -> qrcode::QrResult<Self> {
        let (colors, width) = mask::modules(data, ec_level)?;
        Ok(Self { colors, width, ec_level })
    }

    /// The number of modules per side, without the quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    /// The modules, left to right then top to bottom.
    pub fn colors(&self) -> &[Color] {
        &self.colors
    }

    pub fn error_correction_level(&self) -> EcLevel {
        self.ec_level
    }
}

impl std::ops::Index<(usize, usize)> for QrCode {
    type Output = Color;

    fn index(&self, (x, y): (usize, usize)) -> &Color {
        &self.colors[y * self.width + x]
    }
}

/// The white margin around a code, in modules, as the QR standard asks.
pub const QUIET_ZONE: usize = 4;

/// Encodes a URL. Non-ASCII must already be percent-encoded: scanners guess the charset of
/// byte-mode data and get short UTF-8 wrong.
/// A campaign's code is drawn twice (short-link files and share card): the masks, the costly
/// part, are chosen once per URL.
pub fn encode(url: &str) -> Result<QrCode, Text> {
    use std::sync::{Mutex, OnceLock};
    static MADE: OnceLock<Mutex<rustc_hash::FxHashMap<String, QrCode>>> = OnceLock::new();
    if !url.is_ascii() {
        return Err(crate::msg!("qr-not-ascii", url));
    }
    let made = MADE.get_or_init(Mutex::default);
    if let Some(code) = made.lock().expect("QR codes").get(url) {
        return Ok(code.clone());
    }
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::Q)
        .map_err(|error| crate::msg!("qr-failed", url, error))?;
    let mut made = made.lock().expect("QR codes");
    // A server runs for days: keep the memory bounded.
    if made.len() >= 100_000 {
        made.clear();
    }
    made.insert(url.to_owned(), code.clone());
    Ok(code)
}

/// Encodes a page's full URL for the footer of a printed directive or guide: error
/// correction M, since a sheet read at hand distance indoors needs less than a poster on a
/// wall, and a long URL then fits a version small enough for a 24 mm code.
pub fn encode_for_footer(url: &str) -> Result<QrCode, Text> {
    if !url.is_ascii() {
        return Err(crate::msg!("qr-not-ascii", url));
    }
    QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M)
        .map_err(|error| crate::msg!("qr-failed", url, error))
}

/// A PNG with `module_px` pixels per module and the quiet zone.
pub fn png(code: &QrCode, module_px: u32) -> Vec<u8> {
    let modules = code.width();
    let colors = code.colors();
    let scale = module_px as usize;
    let side = (modules + 2 * QUIET_ZONE) * scale;
    // One bit per pixel, 1 = white: build each module row once, repeat it `module_px` times.
    let row_bytes = side.div_ceil(8);
    let mut row = vec![0u8; row_bytes];
    let white_row = {
        let mut white = vec![0xffu8; row_bytes];
        set_padding(&mut white, side);
        white
    };
    let mut pixels = Vec::with_capacity(row_bytes * side);
    (0..QUIET_ZONE * scale).for_each(|_| pixels.extend_from_slice(&white_row));
    for my in 0..modules {
        row.copy_from_slice(&white_row);
        for mx in 0..modules {
            if colors[my * modules + mx] == Color::Dark {
                for x in (mx + QUIET_ZONE) * scale..(mx + QUIET_ZONE + 1) * scale {
                    row[x / 8] &= !(0x80 >> (x % 8));
                }
            }
        }
        (0..scale).for_each(|_| pixels.extend_from_slice(&row));
    }
    (0..QUIET_ZONE * scale).for_each(|_| pixels.extend_from_slice(&white_row));
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, side as u32, side as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::One);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Up);
    let mut writer = encoder.write_header().expect("PNG header in memory");
    writer.write_image_data(&pixels).expect("PNG encoding in memory");
    writer.finish().expect("PNG end in memory");
    bytes
}

/// Clears the bits after the last pixel of a 1-bit row (PNG leaves their value free; zero
/// keeps the output the same from build to build).
fn set_padding(row: &mut [u8], width: usize) {
    if !width.is_multiple_of(8) {
        let last = row.len() - 1;
        row[last] &= 0xff << (8 - width % 8);
    }
}

/// A scalable SVG: each horizontal run of dark modules is one stroked line through the
/// middle of its row, every move relative to the end of the previous run. Pages carry this
/// markup inline, and relative moves repeat few digits, so it compresses to about half of
/// one closed square per run.
pub fn svg(code: &QrCode) -> String {
    let modules = code.width();
    let side = modules + 2 * QUIET_ZONE;
    let colors = code.colors();
    let mut path = String::new();
    let mut pen: Option<(usize, usize)> = None;
    for y in 0..modules {
        let mut x = 0;
        while x < modules {
            if colors[y * modules + x] != Color::Dark {
                x += 1;
                continue;
            }
            let start = x;
            while x < modules && colors[y * modules + x] == Color::Dark {
                x += 1;
            }
            let (left, row) = (start + QUIET_ZONE, y + QUIET_ZONE);
            match pen {
                None => path.push_str(&format!("M{left} {row}.5h{}", x - start)),
                Some((px, py)) => {
                    path.push_str(&format!("m{} {}h{}", left as isize - px as isize, row - py, x - start))
                }
            }
            pen = Some((x + QUIET_ZONE, row));
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\" role=\"img\"><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\"{path}\" stroke=\"#000\"/></svg>\n"
    )
}

/// The code drawn with block characters, two rows per line, for `loa qr`.
pub fn terminal(code: &QrCode) -> String {
    Renderer::<Dense1x2>::new(code.colors(), code.width(), QUIET_ZONE as u32)
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build()
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
    fn every_png_pixel_is_its_module() {
        // 3 px per module: rows of 1-bit pixels that do not end on a byte boundary.
        let code = encode("https://a.vn/q/AB/").unwrap();
        let image = image::load_from_memory(&png(&code, 3)).unwrap().to_luma8();
        let side = code.width() + 2 * QUIET_ZONE;
        assert_eq!(image.dimensions(), ((side * 3) as u32, (side * 3) as u32));
        let colors = code.colors();
        for (x, y, pixel) in image.enumerate_pixels() {
            let (mx, my) = (x as usize / 3, y as usize / 3);
            let inside = QUIET_ZONE..QUIET_ZONE + code.width();
            let dark = inside.contains(&mx)
                && inside.contains(&my)
                && colors[(my - QUIET_ZONE) * code.width() + mx - QUIET_ZONE] == Color::Dark;
            assert_eq!(pixel.0[0], if dark { 0 } else { 255 }, "pixel {x},{y}");
        }
    }

    #[test]
    fn uses_the_smallest_version_that_fits() {
        let short = encode("https://a.vn/q/AB/").unwrap();
        let long = encode(&format!("https://a.vn/{}", "x".repeat(120))).unwrap();
        assert!(short.width() < long.width());
        assert_eq!(short.width(), 25, "version 2 fits a short URL at level Q");
    }

    /// The dark modules the SVG's path draws, read back from its moves and runs.
    fn modules_drawn(svg: &str, side: usize) -> Vec<bool> {
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut grid = vec![false; side * side];
        let (mut x, mut y) = (0.0f64, 0.0f64);
        let mut rest = d;
        while let Some(command) = rest.chars().next() {
            let end = rest[1..].find(|c: char| c.is_ascii_alphabetic()).map_or(rest.len(), |i| i + 1);
            let numbers: Vec<f64> = rest[1..end].split(' ').map(|n| n.parse().unwrap()).collect();
            match command {
                'M' => (x, y) = (numbers[0], numbers[1]),
                'm' => (x, y) = (x + numbers[0], y + numbers[1]),
                'h' => {
                    for column in x as usize..(x + numbers[0]) as usize {
                        grid[(y - 0.5) as usize * side + column] = true;
                    }
                    x += numbers[0];
                }
                other => panic!("unexpected path command {other}"),
            }
            rest = &rest[end..];
        }
        grid
    }

    #[test]
    fn the_svg_path_draws_exactly_the_dark_modules() {
        for url in ["https://a.vn/q/AB/", "https://thidua.example.gov.vn/van-ban/2024/ke-hoach-12-kh-ubnd/"] {
            let code = encode(url).unwrap();
            let side = code.width() + 2 * QUIET_ZONE;
            let expected: Vec<bool> = (0..side * side)
                .map(|i| {
                    let (x, y) = (i % side, i / side);
                    let inside = |v: usize| (QUIET_ZONE..QUIET_ZONE + code.width()).contains(&v);
                    inside(x) && inside(y) && code[(x - QUIET_ZONE, y - QUIET_ZONE)] == Color::Dark
                })
                .collect();
            assert_eq!(modules_drawn(&svg(&code), side), expected, "{url}");
        }
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
