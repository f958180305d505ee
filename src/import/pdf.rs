//! PDF with a text layer: its text, line by line in the order the page draws it (a
//! dispatch printed to PDF from Word draws the header table's left cell, then the right,
//! then the body), read with `pdf-extract` (pure Rust, over `lopdf`). A scanned PDF has no
//! text layer: reading images (OCR) is not part of `loa import`, and such a file is
//! refused with a message that says so.

use super::recognise::{Block, Document};

/// Fewer letters than this on the pages: a scan, not a text layer.
const MIN_LETTERS: usize = 20;

/// Why a PDF cannot be read: what is wrong and how to fix it.
pub(crate) struct PdfError {
    pub message: crate::diag::Text,
    pub hint: crate::diag::Text,
}

/// Reads the text layer of a PDF held in memory into one paragraph per line (the
/// recognition joins the lines of a sentence again).
pub(crate) fn extract(bytes: &[u8]) -> Result<Document, PdfError> {
    // A damaged file can make the reader panic; it is refused like any unreadable file.
    let text = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes));
    let text = match text {
        Ok(Ok(text)) => text,
        Ok(Err(e)) => {
            return Err(PdfError {
                message: crate::msg!("pdf-unreadable", error = e),
                hint: crate::msg!("pdf-unreadable-hint"),
            });
        }
        Err(_) => {
            return Err(PdfError { message: crate::msg!("pdf-damaged"), hint: crate::msg!("pdf-damaged-hint") });
        }
    };
    if text.chars().filter(|c| c.is_alphabetic()).count() < MIN_LETTERS {
        return Err(PdfError { message: crate::msg!("pdf-scanned"), hint: crate::msg!("pdf-scanned-hint") });
    }
    Ok(from_lines(&text))
}

fn from_lines(text: &str) -> Document {
    let blocks = text
        .lines()
        .map(|line| line.trim_end().replace('\u{c}', ""))
        .filter(|line| !line.trim().is_empty())
        .map(|line| Block::Para { lines: vec![crate::text::nfc(&line)], list: None, heading: None })
        .collect();
    Document { blocks, footnotes: Vec::new(), notes: Vec::new() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pdf_without_text_is_refused_with_ocr_named() {
        let empty = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
        let error = extract(empty).expect_err("refused");
        assert!(
            error.message.contains("no text layer") || error.message.contains("cannot be read"),
            "{}",
            error.message
        );
        let garbage = extract(b"%PDF-1.4 not really").expect_err("refused");
        assert!(!garbage.hint.is_empty());
    }
}
