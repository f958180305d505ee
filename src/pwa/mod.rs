//! The installable, offline-capable portal: the web app manifest, its icons, the service
//! worker (`sw.js` at the site root, scope = the base path) and the share images of
//! campaigns (`og:image`).
//!
//! Images are drawn with pixel operations on the `image` crate's buffers: there is no font
//! rasterizer in the dependencies, so the share card carries no text (the title and dates go
//! in `og:title` and `og:description`): a red band with the portal's loudspeaker mark, a
//! pattern, and the QR code of the campaign's short link.

pub mod render;

use std::io::Cursor;

use image::{ImageFormat, Rgb, RgbImage};
use serde_json::json;

use crate::config::Config;

/// The portal's red, the `theme_color` of the manifest and of `<meta name="theme-color">`.
pub const THEME_COLOUR: &str = "#a3161a";
pub const MANIFEST: &str = "manifest.webmanifest";
/// Icon sizes written at the site root as `icon-<size>.png`.
pub const ICON_SIZES: &[u32] = &[192, 512];
/// The service worker's name at the site root, and its source among the theme's assets.
pub const SERVICE_WORKER: &str = "sw.js";
/// A campaign's share image, in its page folder.
pub const SHARE_IMAGE: &str = "chia-se.png";
pub const SHARE_WIDTH: u32 = 1200;
pub const SHARE_HEIGHT: u32 = 630;

const RED: Rgb<u8> = Rgb([0xa3, 0x16, 0x1a]);
const DARK_RED: Rgb<u8> = Rgb([0x8a, 0x10, 0x14]);
const YELLOW: Rgb<u8> = Rgb([0xff, 0xd8, 0x4d]);
const WHITE: Rgb<u8> = Rgb([0xff, 0xff, 0xff]);
const TINT: Rgb<u8> = Rgb([0xf6, 0xf3, 0xee]);
const INK: Rgb<u8> = Rgb([0x1b, 0x1b, 0x1b]);

pub fn icon_name(size: u32) -> String {
    format!("icon-{size}.png")
}

/// `/manifest.webmanifest`: name from `site.title`, scope and start at the base path.
pub fn manifest(config: &Config) -> Vec<u8> {
    let base = config.base_path();
    let mut icons: Vec<serde_json::Value> = ICON_SIZES
        .iter()
        .map(|size| {
            json!({"src": format!("{base}{}", icon_name(*size)), "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": "any"})
        })
        .collect();
    // The mark stays inside the central safe circle, so the largest icon is maskable too.
    let largest = ICON_SIZES[ICON_SIZES.len() - 1];
    icons.push(json!({"src": format!("{base}{}", icon_name(largest)), "sizes": format!("{largest}x{largest}"), "type": "image/png", "purpose": "maskable"}));
    let mut manifest = json!({
        "id": base,
        "name": config.title,
        "short_name": short_name(&config.title),
        "lang": config.language,
        "dir": "ltr",
        "start_url": base,
        "scope": base,
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    });
    if let Some(description) = &config.description {
        manifest["description"] = json!(description);
    }
    let mut bytes = serde_json::to_vec_pretty(&manifest).expect("JSON");
    bytes.push(b'\n');
    bytes
}

/// A home-screen label of at most 12 characters: the title without "Cổng (thông tin)", cut
/// at a word.
pub fn short_name(title: &str) -> String {
    const MAX: usize = 12;
    if title.chars().count() <= MAX {
        return title.to_owned();
    }
    let mut rest = title.trim();
    for prefix in ["Cổng thông tin điện tử ", "Cổng thông tin ", "Cổng "] {
        if let Some(stripped) = rest.strip_prefix(prefix) {
            rest = stripped;
            break;
        }
    }
    let mut short = String::new();
    for word in rest.split_whitespace() {
        if ["–", "-", "—", "|", ":"].contains(&word) {
            break;
        }
        let next = if short.is_empty() { word.to_owned() } else { format!("{short} {word}") };
        if next.chars().count() > MAX {
            break;
        }
        short = next;
    }
    if short.is_empty() {
        short = rest.chars().take(MAX).collect();
    }
    let mut chars = short.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => short,
    }
}

/// The loudspeaker of the favicon (a 32-unit square), yellow, with a white sound wave.
fn mark(x: f32, y: f32) -> Option<Rgb<u8>> {
    // The drawing spans x 7..28.5: shifted to sit in the middle.
    let x = x + 1.75;
    // The driver box and the horn: M7 13h5l8-6v18l-8-6H7z.
    if (7.0..=12.0).contains(&x) && (13.0..=19.0).contains(&y) {
        return Some(YELLOW);
    }
    if (12.0..=20.0).contains(&x) {
        let half = 3.0 + (x - 12.0) * 0.75;
        if (y - 16.0).abs() <= half {
            return Some(YELLOW);
        }
    }
    // Two sound waves: rings around (15.4, 16), clipped to a cone.
    let (dx, dy) = (x - 15.4, y - 16.0);
    let r = (dx * dx + dy * dy).sqrt();
    if dx > 0.0 && dy.abs() <= dx * 0.75 && ((r - 9.1).abs() <= 1.1 || (r - 13.1).abs() <= 1.1) {
        return Some(WHITE);
    }
    None
}

/// Paints the mark into `image` inside the square at (`left`, `top`) of side `side`, with
/// 4×4 supersampling over `background`.
fn paint_mark(image: &mut RgbImage, left: u32, top: u32, side: u32, background: Rgb<u8>) {
    const SAMPLES: u32 = 4;
    let unit = 32.0 / side as f32;
    for py in 0..side {
        for px in 0..side {
            let mut sum = [0u32; 3];
            let mut hit = false;
            for sy in 0..SAMPLES {
                for sx in 0..SAMPLES {
                    let x = (px as f32 + (sx as f32 + 0.5) / SAMPLES as f32) * unit;
                    let y = (py as f32 + (sy as f32 + 0.5) / SAMPLES as f32) * unit;
                    let colour = mark(x, y).inspect(|_| hit = true).unwrap_or(background);
                    for (total, channel) in sum.iter_mut().zip(colour.0) {
                        *total += u32::from(channel);
                    }
                }
            }
            if hit {
                let n = SAMPLES * SAMPLES;
                let colour = Rgb([(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]);
                image.put_pixel(left + px, top + py, colour);
            }
        }
    }
}

/// A PNG of `image`: indexed when it has at most 256 colours, as the portal's drawings do.
fn encode_png(image: &RgbImage) -> Vec<u8> {
    if let Some(indexed) = Indexed::from_rgb(image) {
        return indexed.png();
    }
    let mut bytes = Vec::new();
    image.write_to(&mut Cursor::new(&mut bytes), ImageFormat::Png).expect("PNG encoding in memory");
    bytes
}

/// An image as indices into a palette. The share card has about thirty colours: an indexed
/// PNG is smaller than an RGB one and faster to compress.
#[derive(Debug, Clone)]
struct Indexed {
    width: u32,
    height: u32,
    palette: Vec<Rgb<u8>>,
    pixels: Vec<u8>,
}

impl Indexed {
    /// None when the image has more than 256 colours.
    fn from_rgb(image: &RgbImage) -> Option<Indexed> {
        let mut indexed =
            Indexed { width: image.width(), height: image.height(), palette: Vec::new(), pixels: Vec::new() };
        indexed.pixels.reserve(image.len() / 3);
        // Drawings are runs of one colour: the last one found is the likely next.
        let mut last: Option<(Rgb<u8>, u8)> = None;
        for &colour in image.pixels() {
            let index = match last {
                Some((known, index)) if known == colour => index,
                _ => indexed.index_of(colour)?,
            };
            last = Some((colour, index));
            indexed.pixels.push(index);
        }
        Some(indexed)
    }

    /// The palette index of `colour`, added when new; None when the palette is full.
    fn index_of(&mut self, colour: Rgb<u8>) -> Option<u8> {
        if let Some(found) = self.palette.iter().position(|&c| c == colour) {
            return Some(found as u8);
        }
        if self.palette.len() == 256 {
            return None;
        }
        self.palette.push(colour);
        Some((self.palette.len() - 1) as u8)
    }

    fn row(&mut self, y: u32) -> &mut [u8] {
        let width = self.width as usize;
        &mut self.pixels[y as usize * width..(y as usize + 1) * width]
    }

    /// Fast compression with the Up filter: for these drawings, adaptive filtering or a
    /// stronger deflate costs several times the time for a card that is already small.
    fn png(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut encoder = png::Encoder::new(&mut bytes, self.width, self.height);
        encoder.set_color(png::ColorType::Indexed);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_palette(self.palette.iter().flat_map(|c| c.0).collect::<Vec<u8>>());
        encoder.set_compression(png::Compression::Fast);
        encoder.set_filter(png::Filter::Up);
        let mut writer = encoder.write_header().expect("PNG header in memory");
        writer.write_image_data(&self.pixels).expect("PNG encoding in memory");
        writer.finish().expect("PNG end in memory");
        bytes
    }
}

/// The app icon: the mark on the portal's red, inside the central 80% (the safe zone of a
/// maskable icon).
pub fn icon_png(size: u32) -> Vec<u8> {
    let mut image = RgbImage::from_pixel(size, size, RED);
    let inset = size / 10;
    paint_mark(&mut image, inset, inset, size - 2 * inset, RED);
    encode_png(&image)
}

/// Width of the red band on the left of a share card.
const SHARE_BAND: u32 = 520;

/// What every share card has behind its QR code: a red band with the mark and a diagonal
/// pattern, a yellow edge, and dots on the light side.
fn share_background() -> RgbImage {
    let (width, height, band) = (SHARE_WIDTH, SHARE_HEIGHT, SHARE_BAND);
    let mut image = RgbImage::from_pixel(width, height, TINT);
    for y in 0..height {
        for x in 0..band {
            // Thin diagonal stripes, a darker red.
            let stripe = (x + y) % 48 < 6;
            image.put_pixel(x, y, if stripe { DARK_RED } else { RED });
        }
        // A yellow edge between the band and the light side.
        for x in band..band + 12 {
            image.put_pixel(x, y, YELLOW);
        }
    }
    for y in (21..height).step_by(42) {
        for x in (band + 33..width).step_by(42) {
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                image.put_pixel(x + dx, y + dy, Rgb([0xe0, 0xd8, 0xcc]));
            }
        }
    }
    let mark_side = 360;
    paint_mark(&mut image, (band - mark_side) / 2, (height - mark_side) / 2, mark_side, RED);
    image
}

/// A campaign's 1200×630 share card: a red band with the mark and a diagonal pattern, and on
/// the light side the QR code of `url` (the short link) on a white card.
pub fn share_image(url: &str) -> Result<Vec<u8>, crate::diag::Text> {
    let code = crate::qr::encode(url)?;
    let (width, height) = (SHARE_WIDTH, SHARE_HEIGHT);
    let band = SHARE_BAND;
    // Every card has the same background: painted once per build, copied per campaign.
    static BACKGROUND: std::sync::OnceLock<Indexed> = std::sync::OnceLock::new();
    let mut image = BACKGROUND
        .get_or_init(|| {
            let mut background = Indexed::from_rgb(&share_background()).expect("a drawing of few colours");
            background.index_of(INK).and(background.index_of(WHITE)).expect("room for the QR colours");
            background
        })
        .clone();
    let (ink, white) = (image.index_of(INK).expect("in the palette"), image.index_of(WHITE).expect("in the palette"));
    // The QR code with its quiet zone on a white card with a thin ink border.
    let modules = code.width() as u32 + 2 * crate::qr::QUIET_ZONE as u32;
    let module_px = (440 / modules).max(2);
    let side = modules * module_px;
    let card_left = band + 12 + (width - band - 12 - side) / 2;
    let card_top = (height - side) / 2;
    let border = (card_left - 3) as usize..(card_left + side + 3) as usize;
    for y in card_top - 3..card_top + side + 3 {
        image.row(y)[border.clone()].fill(ink);
    }
    // Each row of modules is drawn once and repeated `module_px` times.
    let colours = code.colors();
    let (count, quiet) = (code.width(), crate::qr::QUIET_ZONE);
    let card = card_left as usize..(card_left + side) as usize;
    let mut pixels = vec![white; side as usize];
    for my in 0..modules as usize {
        pixels.fill(white);
        if (quiet..quiet + count).contains(&my) {
            for mx in 0..count {
                if colours[(my - quiet) * count + mx] == qrcode::Color::Dark {
                    let start = (mx + quiet) * module_px as usize;
                    pixels[start..start + module_px as usize].fill(ink);
                }
            }
        }
        for repeat in 0..module_px {
            image.row(card_top + my as u32 * module_px + repeat)[card.clone()].copy_from_slice(&pixels);
        }
    }
    Ok(image.png())
}

/// The service worker: the theme's `sw.js` with the build version, the shell (the files
/// every page loads, as URLs) and the pages' content policy (for its offline page) filled in.
pub fn service_worker(source: &[u8], version: &str, shell: &[String]) -> Vec<u8> {
    let text = String::from_utf8_lossy(source);
    let shell = serde_json::to_string(shell).expect("JSON");
    text.replace("\"__LOA_VERSION__\"", &format!("\"{version}\""))
        .replace("[] /* __LOA_SHELL__ */", &shell)
        .replace("\"__LOA_CSP__\"", &serde_json::to_string(crate::render::csp::PAGE_POLICY).expect("JSON"))
        .into_bytes()
}

/// The end of a build's output: `sw.js` with the version of exactly this output (the `.gz`
/// twins and page weights were made as the files were written, [`crate::weight::Precompressor`]).
pub fn finish_output(
    staging: &crate::output::Staging,
    theme: &crate::render::theme::Theme,
    config: &Config,
    weights: &crate::weight::Weights,
    precompressor: &crate::weight::Precompressor,
) -> Result<crate::weight::Precompressed, Vec<crate::diag::Diagnostic>> {
    let dir = &staging.dir;
    let mut done = precompressor.finish();
    let fail = |file: &str, e: std::io::Error| {
        vec![crate::diag::Diagnostic::error(
            file,
            crate::diag::Position::new(1, 1),
            crate::msg!("file-cannot-write", file, error = e),
        )]
    };
    if let Some(source) = theme.assets.get(SERVICE_WORKER) {
        let exists = |file: &str| dir.join(file).is_file();
        let worker = service_worker_file(&source.bytes, config.base_path(), weights, &done.version, &exists);
        staging.write_unobserved(SERVICE_WORKER, &worker).map_err(|e| fail(SERVICE_WORKER, e))?;
        precompressor.listed(SERVICE_WORKER, &worker);
        if crate::weight::wants_twin(SERVICE_WORKER, worker.len()) {
            let gz = crate::weight::gzip(&worker);
            let name = format!("{SERVICE_WORKER}.gz");
            staging.write_unobserved(&name, &gz).map_err(|e| fail(&name, e))?;
            precompressor.listed(&name, &gz);
            done.files += 1;
            done.bytes += gz.len() as u64;
        }
    }
    // Last: the manifest lists every other file, the service worker included.
    if let Some(manifest) = precompressor.manifest_json(&done.version) {
        let name = crate::output::manifest::FILE;
        staging.write_unobserved(name, &manifest).map_err(|e| fail(name, e))?;
    }
    Ok(done)
}

/// `sw.js` from the theme's `source`, for an output of this `version` (a hash over its
/// files) under `base` (the base path), its shell the files pages load that `exists` in the
/// output. `loa build` and `loa serve` both write it.
pub fn service_worker_file(
    source: &[u8],
    base: &str,
    weights: &crate::weight::Weights,
    version: &str,
    exists: &dyn Fn(&str) -> bool,
) -> Vec<u8> {
    // The shell: what the pages (not the embeds) load, the favicon, the manifest and an icon.
    let mut shell = weights.shell(&["nhung/"]);
    shell.extend(["assets/favicon.svg".to_owned(), MANIFEST.to_owned(), icon_name(ICON_SIZES[0])]);
    // Not the search index's `meta.js`, which the search page loads: data that changes with
    // every build, of no use offline without the index's entries.
    let index = crate::search::index::INDEX_DIR;
    let in_edition = format!("/{index}/");
    shell.retain(|file| exists(file) && !file.starts_with(index) && !file.contains(&in_edition));
    shell.sort();
    shell.dedup();
    let urls: Vec<String> = shell.iter().map(|file| format!("{base}{file}")).collect();
    service_worker(source, version, &urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_fit_a_home_screen() {
        assert_eq!(short_name("Cổng thông tin Thi đua – Sáng tạo"), "Thi đua");
        assert_eq!(short_name("Cổng thử nghiệm"), "Thử nghiệm");
        assert_eq!(short_name("Thi đua"), "Thi đua");
        assert!(short_name("Cổng Thiđuasángtạokhoahọc").chars().count() <= 12);
    }

    #[test]
    fn icons_have_the_mark_on_red() {
        let png = icon_png(192);
        let image = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(image.dimensions(), (192, 192));
        assert_eq!(*image.get_pixel(2, 2), RED);
        // The horn, in mark units (18, 16), scaled into the inset square.
        let at = |u: f32| (19.2 + u * 153.6 / 32.0) as u32;
        assert_eq!(*image.get_pixel(at(18.0), at(16.0)), YELLOW);
    }

    #[test]
    fn indexed_pngs_keep_every_pixel() {
        let drawing = share_background();
        let decoded = image::load_from_memory(&encode_png(&drawing)).unwrap().to_rgb8();
        assert!(decoded == drawing, "the indexed PNG decodes to the drawing");
        let mut photo = RgbImage::new(32, 32);
        photo.enumerate_pixels_mut().for_each(|(x, y, p)| *p = Rgb([x as u8 * 8, y as u8 * 8, 7]));
        assert!(Indexed::from_rgb(&photo).is_none(), "1,024 colours do not fit a palette");
        assert!(image::load_from_memory(&encode_png(&photo)).unwrap().to_rgb8() == photo);
    }

    #[test]
    fn the_share_image_holds_a_readable_qr_code() {
        let png = share_image("https://thidua.example.gov.vn/q/STKT5/").unwrap();
        let image = image::load_from_memory(&png).unwrap().to_luma8();
        assert_eq!(image.dimensions(), (SHARE_WIDTH, SHARE_HEIGHT));
        let mut prepared =
            rqrr::PreparedImage::prepare_from_greyscale(image.width() as usize, image.height() as usize, |x, y| {
                image.get_pixel(x as u32, y as u32).0[0]
            });
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        assert_eq!(grids[0].decode().unwrap().1, "https://thidua.example.gov.vn/q/STKT5/");
    }
}
