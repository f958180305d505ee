//! YAML with positions, for every YAML file loa reads or writes: front matter, `site.yaml`,
//! the UI strings and the short-link registry.
//!
//! This is the only module that touches `serde_yaml` (deprecated upstream, but the
//! customer's choice): a maintained fork can replace it here and nowhere else. The YAML is
//! handed on as a `serde_json::Value` tree, with a `Locator` to find where each key was.
//! Errors carry file positions: callers pass the file line where the YAML starts.

use crate::diag::Position;

mod depth;
mod locator;
mod strict;

pub use depth::MAX_YAML_DEPTH;
use locator::LocatedLine;
pub use locator::{Locator, Segment};

/// A problem with a YAML text's shape or syntax, positioned in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub position: Position,
    pub message: crate::diag::Text,
    pub hint: crate::diag::Text,
}

/// Parses YAML into a JSON-like tree. Positions in errors are file positions.
/// A key written twice in one mapping is an error at the second one: YAML parsers keep the
/// last value, so `confidentiality: Mật` followed by `confidentiality: none` would publish.
pub fn parse_yaml(yaml: &str, yaml_first_line: usize) -> Result<serde_json::Value, SyntaxError> {
    if yaml.trim().is_empty() {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    depth::check(yaml, yaml_first_line)?;
    let duplicate = std::cell::RefCell::new(None);
    let deserializer = serde_yaml::Deserializer::from_str(yaml);
    serde::de::DeserializeSeed::deserialize(strict::AnyValue { duplicate: &duplicate }, deserializer).map_err(|error| {
        let position = error
            .location()
            .map(|l| editor_position(yaml, l.line(), l.column(), yaml_first_line))
            .unwrap_or(Position::new(yaml_first_line, 1));
        match duplicate.into_inner() {
            Some(key) => duplicate_key_error(yaml, yaml_first_line, &key, position),
            None => {
                SyntaxError { position, message: yaml_message(&error.to_string()), hint: yaml_hint(&error.to_string()) }
            }
        }
    })
}

/// The file position of a YAML parser's (line, column). The parser also breaks lines at
/// `\r`, U+0085, U+2028 and U+2029 (Word pastes the last two), which editors and the error
/// display do not, so its line can be past the end of the file: count `\n` only.
fn editor_position(yaml: &str, yaml_line: usize, yaml_col: usize, yaml_first_line: usize) -> Position {
    // The byte offset where the parser's line starts.
    let mut line_start = 0;
    let mut breaks = 1;
    let mut chars = yaml.char_indices().peekable();
    while breaks < yaml_line {
        let Some((at, c)) = chars.next() else { break };
        let is_break = match c {
            '\r' => chars.peek().is_none_or(|&(_, next)| next != '\n'),
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
            _ => false,
        };
        if is_break {
            breaks += 1;
            line_start = at + c.len_utf8();
        }
    }
    let rest = &yaml[line_start..];
    let target = line_start + rest.char_indices().nth(yaml_col.saturating_sub(1)).map_or(rest.len(), |(at, _)| at);
    let before = &yaml[..target];
    let editor_line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    Position::new(line + yaml_first_line - 1, before[editor_line_start..].chars().count() + 1)
}

fn duplicate_key_error(yaml: &str, yaml_first_line: usize, key: &str, position: Position) -> SyntaxError {
    let second = position.line.saturating_sub(yaml_first_line);
    let first = first_occurrence(yaml, second, position.col.saturating_sub(1), key);
    let hint = match first {
        Some(line) => crate::msg!("yaml-key-twice-line-hint", key, line = line + yaml_first_line),
        None => crate::msg!("yaml-key-twice-hint", key),
    };
    SyntaxError { position, message: crate::msg!("yaml-key-twice", key), hint }
}

/// The 0-based line of the first `key` in the block mapping whose duplicate key is at
/// (`line`, `col`): the nearest earlier line at the same column, within the same mapping.
fn first_occurrence(yaml: &str, line: usize, col: usize, key: &str) -> Option<usize> {
    let lines: Vec<&str> = yaml.lines().take(line + 1).collect();
    let own = LocatedLine::new(lines.get(line)?);
    if own.content_col == col && own.key_name().as_deref() == Some(key) && own.dash_cols.is_empty() {
        for index in (0..line).rev() {
            let earlier = LocatedLine::new(lines[index]);
            if earlier.is_blank() || earlier.content_col > col {
                continue;
            }
            if earlier.content_col == col && earlier.key_name().as_deref() == Some(key) {
                return Some(index);
            }
            // A shallower line, or the `- ` line that opens this list item, ends the mapping.
            if earlier.content_col < col || earlier.block_col() < col {
                return None;
            }
        }
    }
    None
}

/// serde_yaml appends "at line N column M" to its messages; we print positions ourselves.
fn yaml_message(message: &str) -> crate::diag::Text {
    let message = match message.find(" at line ") {
        Some(index) => &message[..index],
        None => message,
    };
    crate::msg!("yaml-syntax", problem = message)
}

fn yaml_hint(message: &str) -> crate::diag::Text {
    if message.contains("mapping values are not allowed") {
        crate::msg!("yaml-colon-hint")
    } else if message.contains("found character that cannot start any token") {
        crate::msg!("yaml-token-hint")
    } else {
        crate::msg!("yaml-syntax-hint")
    }
}

/// Writes a typed value as YAML: files loa generates (the short-link registry) go through
/// this emitter, which quotes and escapes every string as YAML needs, never through string
/// concatenation.
pub(crate) fn emit_yaml<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("maps of strings always serialize")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_errors_are_placed_on_editor_lines_even_after_unicode_line_separators() {
        // U+2028 and U+0085 end a line for the YAML parser, not for an editor.
        let error = parse_yaml("a: x\u{2028}b: c: d\n", 1).unwrap_err();
        assert_eq!(error.position.line, 1);
        let error = parse_yaml("a: ă\u{85}b\nc: d: e\n", 5).unwrap_err();
        assert!(error.position.line <= 6, "{:?}", error.position);
        let error = parse_yaml("ăăă: x\nb: c: d\n", 1).unwrap_err();
        assert_eq!((error.position.line, error.position.col), (2, 5));
    }

    #[test]
    fn reports_yaml_errors_at_file_lines() {
        let error = parse_yaml("title: A\nnumber: [1, 2\n", 2).unwrap_err();
        assert!(error.position.line >= 3, "{error:?}");
        assert!(error.message.starts_with("YAML syntax error"));
    }

    #[test]
    fn yaml_reads_some_phone_spellings_as_numbers() {
        let value = parse_yaml("a: 0942200232\nb: 0237.3852\nc: +84942200232\n", 2).unwrap();
        assert!(value["a"].is_string(), "a leading 0 before 8 or 9 keeps it text");
        assert!(value["b"].is_number(), "a dotted number loses its leading 0");
        assert!(value["c"].is_number(), "an international number loses its +");
    }

    #[test]
    fn refuses_duplicate_keys_at_the_second_one() {
        let error = parse_yaml("title: A\nconfidentiality: Mật\nconfidentiality: none\n", 2).unwrap_err();
        assert_eq!(error.position, Position::new(4, 1));
        assert!(error.message.contains("`confidentiality` is written twice"), "{error:?}");
        assert!(error.hint.contains("line 3"), "{error:?}");
        let nested = parse_yaml("signer:\n  name: A\n  name: B\n", 2).unwrap_err();
        assert_eq!(nested.position, Position::new(4, 3));
        assert!(nested.hint.contains("line 3"), "{nested:?}");
        let item = parse_yaml("deadlines:\n  - date: 2024-01-01\n    date: 2024-02-01\n", 2).unwrap_err();
        assert_eq!(item.position, Position::new(4, 5));
        assert!(item.hint.contains("line 3"), "{item:?}");
        let flow = parse_yaml("signer: {name: A, name: B}\n", 2).unwrap_err();
        assert_eq!(flow.position.line, 2);
        assert!(parse_yaml("a: 1\n\"a\": 2\n", 1).is_err(), "a quoted key is the same key");
        assert!(parse_yaml("a:\n  - b: 1\n  - b: 2\n", 1).is_ok(), "items are separate mappings");
    }
}
