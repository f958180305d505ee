//! Splitting a content file into YAML front matter and Markdown body, and parsing the YAML.
//!
//! This is the only module that touches `serde_yaml` (deprecated upstream, but the
//! customer's choice): a maintained fork can replace it here and nowhere else. The YAML is
//! handed on as a `serde_json::Value` tree, with a `Locator` to find where each key was.

use crate::diag::Position;

mod depth;

pub use depth::MAX_YAML_DEPTH;

/// The front matter of one file, split from its body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML text between the `---` lines.
    pub yaml: &'a str,
    /// The 1-based line in the file where the YAML starts.
    pub yaml_first_line: usize,
    /// The Markdown body after the closing `---`.
    pub body: &'a str,
    /// The 1-based line in the file where the body starts.
    pub body_first_line: usize,
}

/// A problem with the front matter's shape or syntax, positioned in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub position: Position,
    pub message: String,
    pub hint: String,
}

/// Splits `---\n<yaml>\n---\n<body>`. The text must already have its BOM removed and its
/// line endings turned into `\n`.
pub fn split(text: &str) -> Result<Split<'_>, SyntaxError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(SyntaxError {
            position: Position::new(1, 1),
            message: "the file does not start with front matter".into(),
            hint: "start the file with a line `---`, the YAML fields (title: …), then another `---` line".into(),
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let content = raw_line.trim_end();
        if content == "---" || content == "..." {
            let body_start = offset + raw_line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[body_start.min(text.len())..],
                body_first_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(SyntaxError {
        position: Position::new(1, 1),
        message: "the front matter opened by `---` on line 1 is never closed".into(),
        hint: "add a line with only `---` after the last YAML field, before the text of the page".into(),
    })
}

/// Parses front-matter YAML into a JSON-like tree. Positions in errors are file positions.
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
        Some(line) => format!(
            "`{key}` is already set on line {}: keep one of the two lines (YAML would silently keep only the last)",
            line + yaml_first_line
        ),
        None => format!(
            "`{key}` is already set earlier in the same group: keep one of the two (YAML would silently keep only the last)"
        ),
    };
    SyntaxError { position, message: format!("the field `{key}` is written twice"), hint }
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
fn yaml_message(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(index) => &message[..index],
        None => message,
    };
    format!("YAML syntax error: {message}")
}

fn yaml_hint(message: &str) -> String {
    if message.contains("mapping values are not allowed") {
        "a value that contains `: ` must be quoted, e.g. title: \"V/v: tuyên truyền\"".into()
    } else if message.contains("found character that cannot start any token") {
        "a value that starts with `@`, `` ` `` or `%` must be quoted; indent with spaces, never tabs".into()
    } else {
        "check the indentation (spaces only) and quote values that contain `:`, `#` or start with `-`, `[`, `{`".into()
    }
}

/// Deserializes YAML into `serde_json::Value` like `serde_json::Value`'s own visitor, except
/// that a key already present in its mapping is refused. The refusal is raised while the
/// key itself is read, so serde_yaml places the error at the duplicate key.
mod strict {
    use std::cell::RefCell;
    use std::fmt;

    use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Visitor};
    use serde_json::{Map, Number, Value};

    /// Any value; `duplicate` receives the key of the first duplicate found.
    #[derive(Clone, Copy)]
    pub struct AnyValue<'a> {
        pub duplicate: &'a RefCell<Option<String>>,
    }

    impl<'de> DeserializeSeed<'de> for AnyValue<'_> {
        type Value = Value;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
            deserializer.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for AnyValue<'_> {
        type Value = Value;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("any YAML value")
        }

        fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
            Ok(Value::Bool(value))
        }

        fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
            Ok(Value::Number(value.into()))
        }

        fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
            Ok(Value::Number(value.into()))
        }

        fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
            Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
        }

        fn visit_str<E>(self, value: &str) -> Result<Value, E> {
            Ok(Value::String(value.to_owned()))
        }

        fn visit_string<E>(self, value: String) -> Result<Value, E> {
            Ok(Value::String(value))
        }

        fn visit_unit<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_none<E>(self) -> Result<Value, E> {
            Ok(Value::Null)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
            deserializer.deserialize_any(self)
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element_seed(self)? {
                items.push(item);
            }
            Ok(Value::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
            let mut map = Map::new();
            while let Some(key) = access.next_key_seed(NewKey { map: &map, duplicate: self.duplicate })? {
                let value = access.next_value_seed(self)?;
                map.insert(key, value);
            }
            Ok(Value::Object(map))
        }
    }

    /// A mapping key, refused when `map` already has it.
    struct NewKey<'a> {
        map: &'a Map<String, Value>,
        duplicate: &'a RefCell<Option<String>>,
    }

    impl<'de> DeserializeSeed<'de> for NewKey<'_> {
        type Value = String;

        fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
            deserializer.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for NewKey<'_> {
        type Value = String;

        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a field name")
        }

        fn visit_str<E: Error>(self, key: &str) -> Result<String, E> {
            if self.map.contains_key(key) {
                *self.duplicate.borrow_mut() = Some(key.to_owned());
                return Err(E::custom(format_args!("the field `{key}` is written twice")));
            }
            Ok(key.to_owned())
        }
    }
}

/// One step of a path to a value in the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Finds the line and column of a key path in front-matter YAML text, so that errors found
/// after parsing (a bad date, an unknown ref) still point at the right place.
///
/// Each block of lines (the whole text, a key's value, a list item) is indexed once, on its
/// first lookup: its keys and its list items. A lookup is then a hash or index access, so
/// locating every item of a long list costs time in proportion to the list, not its square.
#[derive(Debug)]
pub struct Locator {
    lines: Vec<LocatedLine>,
    first_line: usize,
    blocks: std::sync::Mutex<std::collections::HashMap<(usize, usize), std::sync::Arc<Block>>>,
}

/// The direct children of one block of lines.
#[derive(Debug, Default)]
struct Block {
    /// Each key at the block's level (its first occurrence) → (its line, the end of its block).
    keys: std::collections::HashMap<String, (usize, usize)>,
    /// The lines that start the block's outermost list items.
    items: Vec<usize>,
}

#[derive(Debug)]
struct LocatedLine {
    /// Column (0-based, chars) of the first char after indentation and `- ` list markers.
    content_col: usize,
    /// Columns (0-based) of the `- ` markers on this line.
    dash_cols: Vec<usize>,
    content: String,
}

type Range = std::ops::Range<usize>;

impl Locator {
    pub fn new(yaml: &str, first_line: usize) -> Self {
        let lines: Vec<LocatedLine> = yaml.lines().map(LocatedLine::new).collect();
        Locator { lines, first_line, blocks: Default::default() }
    }

    /// The position of the key at the end of `path` itself (not its value).
    pub fn key_position(&self, path: &[Segment]) -> Position {
        let mut position = self.position(path);
        if let (Some(Segment::Key(_)), Some(line)) =
            (path.last(), self.lines.get(position.line.wrapping_sub(self.first_line)))
        {
            position.col = line.content_col + 1;
        }
        position
    }

    /// The position of the value at `path`, or of its nearest located ancestor.
    pub fn position(&self, path: &[Segment]) -> Position {
        let mut range = 0..self.lines.len();
        let mut found: Option<(usize, usize)> = None;
        for segment in path {
            let step = match segment {
                Segment::Key(key) => self.find_key(range.clone(), key),
                Segment::Index(index) => self.find_item(range.clone(), *index),
            };
            match step {
                Some((line, col, block)) => {
                    found = Some((line, col));
                    range = block;
                }
                None => break,
            }
        }
        match found {
            Some((line, col)) => Position::new(self.first_line + line, col + 1),
            None => Position::new(self.first_line, 1),
        }
    }

    fn find_key(&self, range: Range, key: &str) -> Option<(usize, usize, Range)> {
        let &(index, end) = self.block(range).keys.get(key)?;
        let line = &self.lines[index];
        let value_col = line.value_col(key).unwrap_or(line.content_col);
        Some((index, value_col, index + 1..end))
    }

    fn find_item(&self, range: Range, wanted: usize) -> Option<(usize, usize, Range)> {
        // List items follow their key's line; in flow style (`[a, b]`) there are none and
        // the key's own position is kept.
        let block = self.block(range.clone());
        let start = *block.items.get(wanted)?;
        let end = block.items.get(wanted + 1).copied().unwrap_or(range.end);
        Some((start, self.lines[start].content_col, start..end))
    }

    /// The index of a block of lines, built on first use.
    fn block(&self, range: Range) -> std::sync::Arc<Block> {
        let key = (range.start, range.end);
        if let Some(block) = self.blocks.lock().expect("locator").get(&key) {
            return block.clone();
        }
        let block = std::sync::Arc::new(self.index_block(range));
        self.blocks.lock().expect("locator").insert(key, block.clone());
        block
    }

    /// One pass over a block: its level is the smallest indentation of its lines; a key line
    /// at that level runs until the next line at or left of it.
    fn index_block(&self, range: Range) -> Block {
        let mut block = Block::default();
        let lines = &self.lines[range.clone()];
        let Some(level) = lines.iter().filter(|l| !l.is_blank()).map(|l| l.content_col).min() else {
            return block;
        };
        let mut open: Option<String> = None;
        for (offset, line) in lines.iter().enumerate().filter(|(_, l)| !l.is_blank()) {
            let index = range.start + offset;
            if line.block_col() <= level
                && let Some(key) = open.take()
                && let Some(entry) = block.keys.get_mut(&key)
            {
                entry.1 = index;
            }
            if line.content_col == level
                && let Some(key) = line.key_name()
                && !block.keys.contains_key(&key)
            {
                block.keys.insert(key.clone(), (index, range.end));
                open = Some(key);
            }
        }
        let dash_col = lines.iter().filter_map(|l| l.dash_cols.first()).min();
        block.items = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| dash_col.is_some() && l.dash_cols.first() == dash_col)
            .map(|(offset, _)| range.start + offset)
            .collect();
        block
    }
}

impl LocatedLine {
    fn new(raw: &str) -> Self {
        // Indentation and list markers are ASCII, so byte offsets are columns up to `col`.
        let bytes = raw.as_bytes();
        let mut col = 0;
        let mut dash_cols = Vec::new();
        loop {
            while bytes.get(col) == Some(&b' ') {
                col += 1;
            }
            if bytes.get(col) == Some(&b'-') && bytes.get(col + 1).is_none_or(|b| *b == b' ') {
                dash_cols.push(col);
                col += 1;
            } else {
                break;
            }
        }
        LocatedLine { content_col: col, dash_cols, content: raw[col..].to_owned() }
    }

    fn is_blank(&self) -> bool {
        self.content.trim().is_empty() && self.dash_cols.is_empty() || self.content.trim_start().starts_with('#')
    }

    /// The column that decides which block a line belongs to: its first dash, or its content.
    fn block_col(&self) -> usize {
        self.dash_cols.first().copied().unwrap_or(self.content_col)
    }

    /// The key this line starts with, unquoted, if it is a `key:` line.
    fn key_name(&self) -> Option<String> {
        let content = self.content.as_str();
        let key = match content.chars().next()? {
            quote @ ('"' | '\'') => content[1..].split(quote).next()?,
            // A plain key ends at the first `:` followed by a space or the line's end.
            _ => {
                let colon = content
                    .match_indices(':')
                    .map(|(i, _)| i)
                    .find(|&i| content[i + 1..].is_empty() || content[i + 1..].starts_with(' '))?;
                content[..colon].trim_end()
            }
        };
        (!key.is_empty() && self.value_col(key).is_some()).then(|| key.to_owned())
    }

    fn value_col(&self, key: &str) -> Option<usize> {
        let content = self.content.as_str();
        let quoted = |quote: char| content.strip_prefix(quote)?.strip_prefix(key)?.strip_prefix(quote);
        let rest = content.strip_prefix(key).or_else(|| quoted('"')).or_else(|| quoted('\''))?;
        let after_colon = rest.trim_start_matches(' ').strip_prefix(':')?;
        if !(after_colon.is_empty() || after_colon.starts_with(' ')) {
            return None;
        }
        let key_len = content.chars().count() - rest.chars().count();
        let gap = rest.chars().count() - after_colon.chars().count();
        let spaces = after_colon.chars().take_while(|c| *c == ' ').count();
        if after_colon.trim().is_empty() {
            return Some(self.content_col);
        }
        Some(self.content_col + key_len + gap + spaces)
    }
}

/// Writes a typed value as YAML: files loa generates (the short-link registry) go through
/// this emitter, which quotes and escapes every string as YAML needs, never through string
/// concatenation.
pub fn emit_yaml<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("maps of strings always serialize")
}

#[cfg(test)]
mod tests {
    #[test]
    fn yaml_errors_are_placed_on_editor_lines_even_after_unicode_line_separators() {
        use super::*;
        // U+2028 and U+0085 end a line for the YAML parser, not for an editor.
        let error = parse_yaml("a: x\u{2028}b: c: d\n", 1).unwrap_err();
        assert_eq!(error.position.line, 1);
        let error = parse_yaml("a: ă\u{85}b\nc: d: e\n", 5).unwrap_err();
        assert!(error.position.line <= 6, "{:?}", error.position);
        let error = parse_yaml("ăăă: x\nb: c: d\n", 1).unwrap_err();
        assert_eq!((error.position.line, error.position.col), (2, 5));
    }

    use super::*;

    fn key(k: &str) -> Segment {
        Segment::Key(k.into())
    }

    #[test]
    fn splits_front_matter_and_body_with_line_numbers() {
        let split = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_first_line, 4);
    }

    #[test]
    fn reports_a_missing_closing_line() {
        let error = split("---\ntitle: A\nBody\n").unwrap_err();
        assert!(error.message.contains("never closed"));
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
    fn locates_nested_keys_and_list_items() {
        let yaml = "title: A\ndeadlines:\n  - date: 2023-05-20\n    what: X\n  - date: 2023-02-29\n    what: Y\nsigner:\n  name: Hà\n";
        let locator = Locator::new(yaml, 2);
        assert_eq!(locator.position(&[key("title")]), Position::new(2, 8));
        let second_date = [key("deadlines"), Segment::Index(1), key("date")];
        assert_eq!(locator.position(&second_date), Position::new(6, 11));
        assert_eq!(locator.position(&[key("signer"), key("name")]), Position::new(9, 9));
        assert_eq!(locator.position(&[key("missing")]), Position::new(2, 1));
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

    #[test]
    fn locates_every_item_of_a_long_list_in_linear_time() {
        let yaml: String =
            std::iter::once("tags:\n".to_owned()).chain((0..50_000).map(|i| format!("  - t{i}\n"))).collect();
        let locator = Locator::new(&yaml, 2);
        let started = std::time::Instant::now();
        for i in 0..50_000 {
            assert_eq!(locator.position(&[key("tags"), Segment::Index(i)]).line, i + 3);
        }
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "{:?}", started.elapsed());
    }

    #[test]
    fn locates_keys_with_colons_and_quotes() {
        let yaml = "\"a: b\": 1\nc:d: 2\n";
        let locator = Locator::new(yaml, 1);
        assert_eq!(locator.key_position(&[key("a: b")]), Position::new(1, 1));
        assert_eq!(locator.key_position(&[key("c:d")]), Position::new(2, 1));
    }
}
