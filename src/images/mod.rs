//! Content photos: a campaign's cover is resized to a few responsive widths and re-encoded,
//! which also strips EXIF metadata (camera GPS positions must not leak from a public portal).

use std::io::Cursor;

use image::imageops::FilterType;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader};

/// Widths the theme's `srcset` offers.
pub(crate) const WIDTHS: &[u32] = &[480, 960, 1440];

/// One resized copy of a photo.
#[derive(Debug, Clone)]
pub(crate) struct Variant {
    pub width: u32,
    pub height: u32,
    pub jpeg: Vec<u8>,
}

/// The largest photo decoded, in pixels, read from its header first: a small file can
/// declare a huge image, and decoding costs memory in proportion to its pixels.
pub(crate) const MAX_PIXELS: u64 = 40_000_000;

/// Bytes a decoder may allocate: a photo at the pixel limit in the widest pixel format the
/// decoders produce (16-bit RGBA).
const MAX_DECODE_BYTES: u64 = MAX_PIXELS * 8;

/// Why a photo cannot be used, and how to fix it.
#[derive(Debug, Clone)]
pub(crate) struct PhotoError {
    pub message: crate::diag::Text,
    pub hint: crate::diag::Text,
}

impl PhotoError {
    fn unreadable(message: crate::diag::Text) -> PhotoError {
        PhotoError { message, hint: crate::msg!("photo-unreadable-hint") }
    }
}

/// Decodes a JPEG or PNG photo from an opened file and returns JPEG copies at each width up
/// to its own; a photo narrower than the smallest width is kept at its size. Photos over
/// `max_pixels` are refused from their header, before anything is decoded.
pub(crate) fn responsive_variants(file: std::fs::File, max_pixels: u64) -> Result<Vec<Variant>, PhotoError> {
    let photo = decode(file, max_pixels)?;
    let mut widths: Vec<u32> = WIDTHS.iter().copied().filter(|&w| w < photo.width()).collect();
    if widths.len() < WIDTHS.len() {
        widths.push(photo.width());
    }
    widths.into_iter().map(|width| encode(&photo, width).map_err(PhotoError::unreadable)).collect()
}

fn decode(file: std::fs::File, max_pixels: u64) -> Result<DynamicImage, PhotoError> {
    let mut reader = ImageReader::new(std::io::BufReader::new(file))
        .with_guessed_format()
        .map_err(|e| PhotoError::unreadable(crate::msg!("photo-unreadable", error = e)))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_BYTES.min(max_pixels.saturating_mul(8)));
    reader.limits(limits.clone());
    let not_a_photo = |e: image::ImageError| PhotoError::unreadable(crate::msg!("photo-not-image", error = e));
    let decoder = reader.into_decoder().map_err(not_a_photo)?;
    let (width, height) = decoder.dimensions();
    let pixels = u64::from(width) * u64::from(height);
    if pixels > max_pixels {
        return Err(PhotoError {
            message: crate::msg!(
                "photo-too-large",
                width,
                height,
                megapixels = pixels / 1_000_000,
                limit = max_pixels / 1_000_000
            ),
            hint: crate::msg!("photo-too-large-hint"),
        });
    }
    limits.reserve(decoder.total_bytes()).map_err(not_a_photo)?;
    DynamicImage::from_decoder(decoder).map_err(not_a_photo)
}

fn encode(photo: &DynamicImage, width: u32) -> Result<Variant, crate::diag::Text> {
    let resized = if width == photo.width() {
        photo.clone()
    } else {
        let height = (u64::from(photo.height()) * u64::from(width) / u64::from(photo.width())).max(1) as u32;
        photo.resize_exact(width, height, FilterType::Triangle)
    };
    let rgb = DynamicImage::ImageRgb8(resized.to_rgb8());
    let mut jpeg = Vec::new();
    rgb.write_to(&mut Cursor::new(&mut jpeg), ImageFormat::Jpeg)
        .map_err(|e| crate::msg!("photo-unencodable", error = e))?;
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
        let variants = responsive_variants(std::fs::File::open(&path).unwrap(), MAX_PIXELS).unwrap();
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
        let error = responsive_variants(std::fs::File::open(&path).unwrap(), MAX_PIXELS).unwrap_err();
        assert!(error.message.contains("not a readable"));
    }

    #[test]
    fn refuses_photos_over_the_pixel_limit_from_their_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("anh.png");
        let photo = DynamicImage::ImageLuma8(image::GrayImage::new(300, 200));
        photo.save(&path).unwrap();
        let error = responsive_variants(std::fs::File::open(&path).unwrap(), 50_000).unwrap_err();
        assert!(error.message.contains("300×200 pixels"), "{}", error.message);
        assert!(responsive_variants(std::fs::File::open(&path).unwrap(), 60_000).is_ok());
    }
}
