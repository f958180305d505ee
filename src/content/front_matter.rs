//! Splitting a content file into YAML front matter and Markdown body, and parsing the YAML.
//!
//! This is the only module that touches `serde_yaml` (deprecated upstream, but the
//! customer's choice): a maintained fork can replace it here and nowhere else. The YAML is
//! handed on as a `serde_json::Value` tree, with a `Locator` to find where each key was.

use crate::diag::Position;

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
pub fn parse_yaml(yaml: &str, yaml_first_line: usize) -> Result<serde_json::Value, SyntaxError> {
    if yaml.trim().is_empty() {
        return Ok(serde_json::Value::Object(Default::default()));
    }
    serde_yaml::from_str::<serde_json::Value>(yaml).map_err(|error| {
        let position = error
            .location()
            .map(|l| Position::new(l.line() + yaml_first_line - 1, l.column()))
            .unwrap_or(Position::new(yaml_first_line, 1));
        SyntaxError { position, message: yaml_message(&error.to_string()), hint: yaml_hint(&error.to_string()) }
    })
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

/// One step of a path to a value in the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Finds the line and column of a key path in front-matter YAML text, so that errors found
/// after parsing (a bad date, an unknown ref) still point at the right place.
#[derive(Debug)]
pub struct Locator {
    lines: Vec<LocatedLine>,
    first_line: usize,
    /// Top-level keys → (line index, end of their block), found in one pass: most lookups
    /// start with one.
    top_level: std::collections::HashMap<String, (usize, usize)>,
}

#[derive(Debug)]
struct LocatedLine {
    /// Column (0-based, chars) of the first char after indentation and `- ` list markers.
    content_col: usize,
    /// Columns (0-based) of the `- ` markers on this line.
    dash_cols: Vec<usize>,
    content: String,
}

impl Locator {
    pub fn new(yaml: &str, first_line: usize) -> Self {
        let lines: Vec<LocatedLine> = yaml.lines().map(LocatedLine::new).collect();
        let starts: Vec<usize> = (0..lines.len())
            .filter(|&i| !lines[i].is_blank() && lines[i].block_col() == 0 && lines[i].dash_cols.is_empty())
            .collect();
        let mut top_level = std::collections::HashMap::new();
        for (n, &start) in starts.iter().enumerate() {
            let end = starts.get(n + 1).copied().unwrap_or(lines.len());
            if let Some(key) = lines[start].key_name() {
                top_level.entry(key).or_insert((start, end));
            }
        }
        Locator { lines, first_line, top_level }
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
        let mut path = path;
        if let Some((Segment::Key(key), rest)) = path.split_first()
            && let Some(&(line, end)) = self.top_level.get(key)
        {
            let col = self.lines[line].value_col(key).unwrap_or(0);
            found = Some((line, col));
            range = line + 1..end;
            path = rest;
        }
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

    fn find_key(&self, range: std::ops::Range<usize>, key: &str) -> Option<(usize, usize, std::ops::Range<usize>)> {
        let level = range.clone().filter(|&i| !self.lines[i].is_blank()).map(|i| self.lines[i].content_col).min()?;
        let index = range.clone().find(|&i| self.lines[i].content_col == level && self.lines[i].has_key(key))?;
        let line = &self.lines[index];
        let value_col = line.value_col(key).unwrap_or(line.content_col);
        let end = (index + 1..range.end)
            .find(|&i| !self.lines[i].is_blank() && self.lines[i].block_col() <= level)
            .unwrap_or(range.end);
        Some((index, value_col, index + 1..end))
    }

    fn find_item(
        &self,
        range: std::ops::Range<usize>,
        wanted: usize,
    ) -> Option<(usize, usize, std::ops::Range<usize>)> {
        // List items follow their key's line; in flow style (`[a, b]`) there are none and
        // the key's own position is kept.
        let items: Vec<(usize, usize)> =
            (range.start..range.end).filter_map(|i| self.lines[i].dash_cols.first().map(|&col| (i, col))).collect();
        let dash_col = items.iter().map(|&(_, col)| col).min()?;
        let starts: Vec<usize> = items.iter().filter(|&&(_, col)| col == dash_col).map(|&(i, _)| i).collect();
        let start = *starts.get(wanted)?;
        let end = starts.get(wanted + 1).copied().unwrap_or(range.end);
        let line = &self.lines[start];
        Some((start, line.content_col, start..end))
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
        let colon = content.find(':')?;
        let key = content[..colon].trim_end().trim_matches(|c| c == '"' || c == '\'');
        (!key.is_empty() && self.value_col(key).is_some()).then(|| key.to_owned())
    }

    fn has_key(&self, key: &str) -> bool {
        self.value_col(key).is_some()
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
}
