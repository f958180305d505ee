//! The Markdown nesting limit. Block quotes, lists, emphasis and links nested thousands deep
//! cost the parser and the sanitizer memory and time out of proportion to the text (a body of
//! `>` characters alone used gigabytes), and no dispatch needs more than a few levels.
//!
//! Two checks share one limit: a line-by-line scan of the quote and list markers that open a
//! line, before anything is parsed, and a count of the open elements while the parsed events
//! are read, for nesting the markers alone do not show (indented lists, emphasis, links).

use pulldown_cmark::TagEnd;

use crate::diag::Text;

/// How many block quotes, lists, emphases, links… may be open at once in a body.
pub const MAX_DEPTH: usize = 32;

pub fn message() -> Text {
    crate::msg!("nesting-too-deep", max = MAX_DEPTH)
}

pub fn hint() -> Text {
    crate::msg!("nesting-too-deep-hint")
}

pub fn block_message() -> Text {
    crate::msg!("nesting-blocks-too-deep", max = MAX_DEPTH)
}

pub fn block_hint() -> Text {
    crate::msg!("nesting-blocks-too-deep-hint")
}

/// The column (1-based, in characters) of the quote or list marker that takes a line past
/// the limit, if one does.
pub fn line_exceeds(line: &str) -> Option<usize> {
    if is_thematic_break(line) {
        return None;
    }
    let bytes = line.as_bytes();
    let mut at = 0;
    let mut depth = 0;
    loop {
        while at < bytes.len() && (bytes[at] == b' ' || bytes[at] == b'\t') {
            at += 1;
        }
        let marker_start = at;
        at = marker_end(bytes, at)?;
        depth += 1;
        if depth > MAX_DEPTH {
            return Some(line[..marker_start].chars().count() + 1);
        }
    }
}

/// Where the quote or list marker starting at `at` ends, if one starts there.
fn marker_end(bytes: &[u8], at: usize) -> Option<usize> {
    let followed_by_space = |end: usize| bytes.get(end).is_none_or(|b| *b == b' ' || *b == b'\t');
    match *bytes.get(at)? {
        b'>' => Some(at + 1),
        b'-' | b'+' | b'*' if followed_by_space(at + 1) => Some(at + 1),
        b'0'..=b'9' => {
            let digits = bytes[at..].iter().take_while(|b| b.is_ascii_digit()).count();
            let end = at + digits;
            let ordered = digits <= 9 && matches!(bytes.get(end), Some(b'.' | b')')) && followed_by_space(end + 1);
            ordered.then_some(end + 1)
        }
        _ => None,
    }
}

/// `- - -`, `* * *` and `___` draw a line; they open no list.
fn is_thematic_break(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else { return false };
    matches!(first, '-' | '*' | '_') && marks.clone().all(|c| c == first) && marks.count() >= 2
}

/// Whether an element counts as a level. Paragraphs, list items and table parts are part of
/// the element that holds them and cannot nest by themselves.
pub fn nests(end: TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Paragraph | TagEnd::Item | TagEnd::TableHead | TagEnd::TableRow | TagEnd::TableCell | TagEnd::HtmlBlock
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_quote_and_list_markers_at_the_start_of_a_line() {
        let deep = format!("{}text", "> ".repeat(MAX_DEPTH));
        assert_eq!(line_exceeds(&deep), None);
        assert_eq!(line_exceeds(&format!("> {deep}")), Some(2 * MAX_DEPTH + 1));
        assert_eq!(line_exceeds(&">".repeat(MAX_DEPTH + 1)), Some(MAX_DEPTH + 1));
        let mixed = "- 1. > * 2) ".repeat(MAX_DEPTH / 5 + 1);
        assert!(line_exceeds(&mixed).is_some());
    }

    #[test]
    fn text_and_rules_are_not_nesting() {
        assert_eq!(line_exceeds(&"- ".repeat(100)), None, "a thematic break");
        assert_eq!(line_exceeds(&"*".repeat(100)), None);
        assert_eq!(line_exceeds(&"-".repeat(100)), None);
        assert_eq!(line_exceeds(&"a > ".repeat(100)), None);
        assert_eq!(line_exceeds("Ngày 25 tháng 6 năm 2024. Hội thi"), None);
        assert_eq!(line_exceeds(&"2024.".repeat(100)), None);
    }
}
