//! Diagnostics as rustc shows them on a terminal: the severity and message, `--> path:line:col`,
//! the offending source line with a caret under the column, and the hint. Rendering is
//! `annotate-snippets` (rustc's own renderer); this module finds the line and turns the
//! diagnostic's character column into the byte span the renderer wants.
//!
//! `Diagnostic`'s `Display` stays the one-line `path:line:col: error: message` form: tests,
//! `loa check --format json` and the browser overlay of `loa serve` use it.

use std::borrow::Cow;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

use crate::diag::{Diagnostic, Severity};

/// No source line is shown from further into a file than this: the line is looked up for a
/// message, and a file this large is refused by the loader anyway.
const MAX_BYTES_READ: u64 = 8 << 20;

/// Renders one diagnostic, with `line` (the text of the line it points at, as
/// [`source_line`] returns it) under its header when there is one. `colour` adds ANSI styles.
pub(crate) fn render(diagnostic: &Diagnostic, line: Option<&str>, colour: bool) -> String {
    let label = diagnostic.severity.label().to_string();
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    }
    .with_name(label.as_str());
    let message = diagnostic.message.to_string();
    let path = diagnostic.file.display().to_string();
    let position = diagnostic.position;
    let located = match line {
        Some(line) if position.line > 0 && position.col > 0 => {
            let (source, span) = caret_span(line, position.col);
            level.primary_title(message.as_str()).element(
                Snippet::source(source)
                    .line_start(position.line)
                    .path(path)
                    .annotation(AnnotationKind::Primary.span(span)),
            )
        }
        _ => level
            .primary_title(diagnostic.message.as_str())
            .element(Origin::path(path).line(position.line).char_column(position.col)),
    };
    let hint = diagnostic.hint.as_ref().map(ToString::to_string);
    let hint_label = crate::diag::hint_label().to_string();
    let group = match &hint {
        Some(hint) => located.element(Level::HELP.with_name(hint_label.as_str()).message(hint.as_str())),
        None => located,
    };
    let renderer = if colour { Renderer::styled() } else { Renderer::plain() };
    renderer.render(&[group])
}

/// The line and the byte span of the character at `col` (1-based, in characters). A column
/// past the end of the line is padded with spaces so the caret still sits at that column and
/// the header names it.
fn caret_span(line: &str, col: usize) -> (Cow<'_, str>, std::ops::Range<usize>) {
    let chars = line.chars().count();
    if col > chars {
        let padded = format!("{line}{}", " ".repeat(col - 1 - chars));
        let end = padded.len();
        return (Cow::Owned(padded), end..end);
    }
    let (start, c) = line.char_indices().nth(col - 1).expect("column within the line");
    (Cow::Borrowed(line), start..start + c.len_utf8())
}

/// The text of the line `diagnostic` points at, read as the loader reads files (BOM removed,
/// lines broken at `\n`, `\r\n` and `\r`, normalized to NFC) so that its character column
/// falls on the same character. A relative path is looked up under `root`. None when the file
/// is not a regular file, the line is past its end or looks binary.
pub(crate) fn source_line(root: &Path, diagnostic: &Diagnostic) -> Option<String> {
    let number = diagnostic.position.line;
    if number == 0 {
        return None;
    }
    let path = if diagnostic.file.is_absolute() { diagnostic.file.clone() } else { root.join(&diagnostic.file) };
    // A FIFO or device must never be opened for a message: open_regular refuses them.
    let (file, _) = crate::content::load::open_regular(&path).ok()?;
    nth_line(BufReader::new(file.take(MAX_BYTES_READ)), number)
}

/// Line `number` (1-based) of `reader`, as [`source_line`] describes.
fn nth_line(mut reader: impl BufRead, number: usize) -> Option<String> {
    let mut bytes = Vec::new();
    let mut current = 0;
    while current < number {
        bytes.clear();
        if reader.read_until(b'\n', &mut bytes).ok()? == 0 {
            return None;
        }
        let mut text = bytes.strip_suffix(b"\n").unwrap_or(&bytes);
        if bytes.ends_with(b"\n") {
            text = text.strip_suffix(b"\r").unwrap_or(text);
        }
        // A lone `\r` (old Mac files) also ends a line for the loader.
        for piece in text.split(|&b| b == b'\r') {
            current += 1;
            if current == number {
                return printable(piece, number == 1);
            }
        }
    }
    None
}

/// The line's text, or None when it looks binary. Bytes that are not UTF-8 show as U+FFFD
/// (one character each, as the loader's column counts them), so the caret of "the file is not
/// UTF-8 text" sits under the first of them.
fn printable(bytes: &[u8], first: bool) -> Option<String> {
    let bytes = if first { bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes) } else { bytes };
    if bytes.contains(&0) {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    // C1 controls can act on a terminal; annotate-snippets makes C0 ones visible itself.
    let text: String = text.chars().map(|c| if ('\u{80}'..='\u{9f}').contains(&c) { '\u{fffd}' } else { c }).collect();
    Some(if crate::text::is_nfc(&text) { text } else { crate::text::nfc(&text) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Position;

    fn plain(diagnostic: &Diagnostic, line: Option<&str>) -> String {
        render(diagnostic, line, false)
    }

    /// The rendered line holding the caret, and the one above it (the source line).
    fn caret_column(rendered: &str) -> usize {
        let caret_line = rendered.lines().find(|l| l.trim_start_matches([' ', '|']).starts_with('^')).unwrap();
        unicode_width::UnicodeWidthStr::width(&caret_line[..caret_line.find('^').unwrap()])
    }

    fn width_before(rendered: &str, needle: &str) -> usize {
        let line = rendered.lines().find(|l| l.contains(needle)).unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..line.find(needle).unwrap()])
    }

    #[test]
    fn shows_the_line_and_a_caret_under_the_column_as_rustc_does() {
        let d = Diagnostic::error("content/directives/typo.md", Position::new(4, 1), "unknown field `isuer`")
            .with_hint("did you mean `issuer`?");
        assert_eq!(
            plain(&d, Some("isuer: so-khcn")),
            "error: unknown field `isuer`\n --> content/directives/typo.md:4:1\n  |\n4 | isuer: so-khcn\n  | ^\n  |\n  = hint: did you mean `issuer`?"
        );
    }

    #[test]
    fn places_the_caret_under_a_vietnamese_character() {
        let line = "title: \"Kế hoạch tổ chức Hội thi\"";
        // `H` of `Hội`: characters, not bytes.
        let col = line.chars().position(|c| c == 'H').unwrap() + 1;
        let d = Diagnostic::warning("a.md", Position::new(2, col), "x");
        let rendered = plain(&d, Some(line));
        assert!(rendered.contains(&format!(" --> a.md:2:{col}\n")), "{rendered}");
        assert_eq!(caret_column(&rendered), width_before(&rendered, "Hội"), "{rendered}");
    }

    #[test]
    fn places_the_caret_after_combining_marks_as_the_loader_counts_them() {
        // The file is decomposed (NFD, as some Mac editors save it); the loader counts the
        // column in its NFC text, where `ộ` is one character.
        let on_disk = "ten: Ho\u{0323}\u{0302}i thi".as_bytes();
        let line = nth_line(on_disk, 1).unwrap();
        assert_eq!(line, "ten: Hội thi");
        let col = "ten: Hội ".chars().count() + 1;
        let rendered = plain(&Diagnostic::error("a.md", Position::new(1, col), "x"), Some(&line));
        assert_eq!(caret_column(&rendered), width_before(&rendered, "thi"), "{rendered}");
        // A combining mark with no precomposed form stays two characters of one cell.
        let line = "a: x\u{0301}y";
        let rendered = plain(&Diagnostic::error("a.md", Position::new(1, 6), "x"), Some(line));
        assert_eq!(caret_column(&rendered), width_before(&rendered, "y"), "{rendered}");
    }

    #[test]
    fn expands_tabs_and_keeps_the_caret_under_the_column() {
        let rendered = plain(&Diagnostic::error("a.yaml", Position::new(3, 3), "tab"), Some("\t\tkey: x"));
        assert!(rendered.contains(" --> a.yaml:3:3\n"), "{rendered}");
        assert_eq!(caret_column(&rendered), width_before(&rendered, "key"), "{rendered}");
    }

    #[test]
    fn a_column_past_the_end_of_the_line_keeps_its_number() {
        let rendered = plain(&Diagnostic::error("a.md", Position::new(1, 9), "late"), Some("ab"));
        assert!(rendered.contains(" --> a.md:1:9\n"), "{rendered}");
        assert_eq!(caret_column(&rendered), width_before(&rendered, "ab") + 8, "{rendered}");
        let rendered = plain(&Diagnostic::error("a.md", Position::new(1, 3), "at the end"), Some("ab"));
        assert!(rendered.contains(" --> a.md:1:3\n"), "{rendered}");
    }

    #[test]
    fn without_the_line_shows_the_position_and_the_hint() {
        let d = Diagnostic::error("a.md", Position::new(40, 2), "past the end").with_hint("fix it");
        assert_eq!(plain(&d, None), "error: past the end\n--> a.md:40:2\n = hint: fix it");
        assert_eq!(nth_line("one\ntwo\n".as_bytes(), 3), None);
        assert_eq!(nth_line("one\ntwo".as_bytes(), 3), None);
    }

    #[test]
    fn reads_lines_as_the_loader_does() {
        let text = "\u{feff}a\r\nb\rc\nd";
        assert_eq!(nth_line(text.as_bytes(), 1).as_deref(), Some("a"));
        assert_eq!(nth_line(text.as_bytes(), 2).as_deref(), Some("b"));
        assert_eq!(nth_line(text.as_bytes(), 3).as_deref(), Some("c"));
        assert_eq!(nth_line(text.as_bytes(), 4).as_deref(), Some("d"));
        assert_eq!(nth_line(text.as_bytes(), 5), None);
        // U+2028 is no line break for an editor or the loader.
        assert_eq!(nth_line("a\u{2028}b\nc".as_bytes(), 2).as_deref(), Some("c"));
        assert_eq!(nth_line(&b"\x89PNG\r\n\x1a\n\0\0"[..], 3), None);
    }

    #[test]
    fn bytes_that_are_not_utf8_show_as_one_replacement_character_each() {
        let line = nth_line(&b"ok\nTh\xe0nh ph\xe8\n"[..], 2).unwrap();
        assert_eq!(line, "Th\u{fffd}nh ph\u{fffd}");
        let rendered = plain(&Diagnostic::error("a.md", Position::new(2, 3), "not UTF-8"), Some(&line));
        assert_eq!(caret_column(&rendered), width_before(&rendered, "\u{fffd}nh"), "{rendered}");
    }

    #[test]
    fn control_characters_cannot_reach_the_terminal() {
        let line = nth_line("a: \u{1b}[31mred\u{9b}2J".as_bytes(), 1).unwrap();
        let rendered = plain(&Diagnostic::error("a.md", Position::new(1, 4), "x"), Some(&line));
        assert!(!rendered.contains('\u{1b}') && !rendered.contains('\u{9b}'), "{rendered:?}");
    }

    #[test]
    fn colours_only_when_asked() {
        let d = Diagnostic::error("a.md", Position::new(1, 1), "x");
        assert!(render(&d, Some("a"), true).contains('\u{1b}'));
        assert!(!render(&d, Some("a"), false).contains('\u{1b}'));
    }

    #[test]
    fn never_opens_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let d = Diagnostic::error("sub", Position::new(1, 1), "a folder");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert_eq!(source_line(dir.path(), &d), None);
        std::fs::write(dir.path().join("f.md"), "x\ny\n").unwrap();
        let d = Diagnostic::error("f.md", Position::new(2, 1), "in a file");
        assert_eq!(source_line(dir.path(), &d).as_deref(), Some("y"));
    }
}
