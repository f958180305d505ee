//! Content photos: a campaign's cover is resized to a few responsive widths and re-encoded,
//! which also strips EXIF metadata (camera GPS positions must not leak from a public portal).

use std::io::Cursor;
use std::path::Path;

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader};

/// Widths the theme's `srcset` offers.
pub const WIDTHS: &[u32] = &[480, 960, 1440];

/// One resized copy of a photo.
#[derive(Debug, Clone)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// Decodes a JPEG or PNG photo and returns JPEG copies at each width up to its own; a photo
/// narrower than the smallest width is kept at its size.
pub fn responsive_variants(path: &Path) -> Result<Vec<Variant>, String> {
    let reader = ImageReader::open(path).map_err(|e| format!("cannot open the photo: {e}"))?;
    let reader = reader.with_guessed_format().map_err(|e| format!("cannot read the photo: {e}"))?;
    let photo = reader.decode().map_err(|e| format!("the photo is not a readable JPEG or PNG image: {e}"))?;
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < photo.width()).collect();
    if widths.len() < WIDTHS.len() {
        widths.push(photo.width());
    }
    widths.into_iter().map(|width| encode(&photo, width)).collect()
}

fn encode(photo: &DynamicImage, width: u32) -> Result<Variant, String> {
    let resized = if width == photo.width() {
        photo.clone()
    } else {
        let height = (u64::from(photo.height()) * u64::from(width) / u64::from(photo.width())).max(1) as u32;
        photo.resize_exact(width, height, FilterType::Triangle)
    };
    let rgb = DynamicImage::ImageRgb8(resized.to_rgb8());
    let mut jpeg = Vec::new();
    rgb.write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
        .map_err(|e| format!("cannot encode the photo: {e}"))?;
    Ok(Variant { width: rgb.width(), height: rgb.height(), jpeg })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A JPEG with an EXIF (APP1) segment spliced in after the SOI marker.
    fn jpeg_with_exif(width: u32, height: u32) -> Vec<u8> {
        let photo = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30])));
        let mut plain = Vec::new();
        photo.write_to(&mut Cursor::new(&mut plain), ImageFormat::Jpeg).unwrap();
        let payload = b"Exif\0\0GPSLatitude=21.0285";
        let length = (payload.len() + 2) as u16;
        let mut with_exif = plain[..2].to_vec();
        with_exif.extend_from_slice(&[0xFF, 0xE1]);
        with_exif.extend_from_slice(&length.to_be_bytes());
        with_exif.extend_from_slice(payload);
        with_exif.extend_from_slice(&plain[2..]);
        with_exif
    }

    #[test]
    fn resizes_to_responsive_widths_and_drops_exif() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("anh-bia.jpg");
        std::fs::write(&path, jpeg_with_exif(1200, 600)).unwrap();
        assert!(std::fs::read(&path).unwrap().windows(4).any(|w| w == b"Exif"));
        let variants = responsive_variants(&path).unwrap();
        let sizes: Vec<(u32, u32)> = variants.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, vec![(480, 240), (960, 480), (1200, 600)]);
        for variant in &variants {
            assert!(!variant.jpeg.windows(4).any(|w| w == b"Exif"), "EXIF must be stripped");
            assert!(!variant.jpeg.windows(11).any(|w| w == b"GPSLatitude"));
        }
    }

    #[test]
    fn refuses_files_that_are_not_photos() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("anh.jpg");
        std::fs::write(&path, b"not a photo").unwrap();
        assert!(responsive_variants(&path).unwrap_err().contains("not a readable"));
    }
}
