//! Positions of keys in YAML text: the parser returns a value tree without positions, so
//! errors found after parsing (a bad date, an unknown ref) are placed by reading the text.

use crate::diag::Position;

/// One step of a path to a value in a YAML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// Finds the line and column of a key path in YAML text (front matter, `site.yaml`, UI
/// strings, the short-link registry), so that errors found
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
pub(super) struct LocatedLine {
    /// Column (0-based, chars) of the first char after indentation and `- ` list markers.
    pub(super) content_col: usize,
    /// Columns (0-based) of the `- ` markers on this line.
    pub(super) dash_cols: Vec<usize>,
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
    pub(super) fn new(raw: &str) -> Self {
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

    pub(super) fn is_blank(&self) -> bool {
        self.content.trim().is_empty() && self.dash_cols.is_empty() || self.content.trim_start().starts_with('#')
    }

    /// The column that decides which block a line belongs to: its first dash, or its content.
    pub(super) fn block_col(&self) -> usize {
        self.dash_cols.first().copied().unwrap_or(self.content_col)
    }

    /// The key this line starts with, unquoted, if it is a `key:` line.
    pub(super) fn key_name(&self) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(k: &str) -> Segment {
        Segment::Key(k.into())
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
