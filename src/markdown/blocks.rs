//! Directive blocks in Markdown bodies: `:::note` … `:::` containers and `::name{k=v}` leaves,
//! each on its own line. They are found before Markdown parsing (outside code fences) and
//! replaced by placeholder lines that the theme's templates fill in.
//!
//! A placeholder is known by the byte offset where the scanner wrote it, never by its text:
//! a body that contains the same text elsewhere gets no placeholder out of it.

use std::collections::BTreeMap;

use super::nesting;
use crate::diag::{Position, Text};

/// A `::name{attrs}` leaf or the opening of a `:::name` container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub position: Position,
    pub container: bool,
}

/// Which end of a block a placeholder stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Leaf,
    Open,
    Close,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Leaf => "leaf",
            Part::Open => "open",
            Part::Close => "close",
        }
    }
}

/// A placeholder line written into `Scanned::markdown` at `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placeholder {
    pub offset: usize,
    pub block: usize,
    pub part: Part,
}

/// A body with its directive lines replaced by placeholder HTML comments.
#[derive(Debug, Default)]
pub struct Scanned {
    pub markdown: String,
    pub blocks: Vec<Block>,
    /// In the order of their offsets.
    pub placeholders: Vec<Placeholder>,
    /// (offset in `markdown`, file line) of every line written, in order.
    lines: Vec<(usize, usize)>,
    pub errors: Vec<(Position, Text, Text)>,
    /// A line nests deeper than the limit: the body must not be parsed.
    pub too_deep: bool,
}

impl Scanned {
    /// The placeholder written at `offset`, if the scanner wrote one there.
    pub fn placeholder_at(&self, offset: usize) -> Option<Placeholder> {
        let index = self.placeholders.binary_search_by_key(&offset, |p| p.offset).ok()?;
        Some(self.placeholders[index])
    }

    /// The file position of a byte offset in `markdown`.
    pub fn position(&self, offset: usize) -> Position {
        let index = self.lines.partition_point(|&(start, _)| start <= offset).saturating_sub(1);
        let Some(&(start, line)) = self.lines.get(index) else { return Position::new(1, 1) };
        let col = self.markdown.get(start..offset).map_or(0, |text| text.chars().count());
        Position::new(line, col + 1)
    }

    fn push_line(&mut self, line: &str, file_line: usize) {
        self.lines.push((self.markdown.len(), file_line));
        self.markdown.push_str(line);
        self.markdown.push('\n');
    }

    /// Placeholders stand alone between blank lines so Markdown treats them as HTML blocks
    /// at the top level, outside any list, quote or paragraph.
    fn push_placeholder(&mut self, block: usize, part: Part, file_line: usize) {
        self.push_line("", file_line);
        let offset = self.markdown.len();
        self.placeholders.push(Placeholder { offset, block, part });
        self.push_line(&placeholder(block, part), file_line);
        self.push_line("", file_line);
    }
}

/// The HTML comment that stands for a block's `part`.
pub fn placeholder(index: usize, part: Part) -> String {
    format!("<!--loa:{}:{index}-->", part.name())
}

/// An open code fence: its character and length (CommonMark closes it with a run of the same
/// character at least as long).
struct Fence {
    marker: char,
    len: usize,
}

impl Fence {
    fn open(trimmed: &str) -> Option<Fence> {
        let marker = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
        let len = trimmed.chars().take_while(|c| *c == marker).count();
        // A backtick line with another backtick after the run is inline code, not a fence.
        let inline_code = marker == '`' && trimmed[len..].contains('`');
        (len >= 3 && !inline_code).then_some(Fence { marker, len })
    }

    fn closes(&self, trimmed: &str) -> bool {
        let len = trimmed.chars().take_while(|c| *c == self.marker).count();
        len >= self.len && trimmed[len * self.marker.len_utf8()..].trim().is_empty()
    }
}

/// The blocks that wrap text (`:::note` … `:::`): the theme renders each around its content.
pub const CONTAINERS: &[&str] = &["note", "warning"];
/// The one-line blocks (`::deadline{…}`): the theme renders each from the model's data.
pub const LEAVES: &[&str] = &["deadline", "contact", "attachment", "qr"];

/// Finds directive lines. `first_line` is the file line of the body's first line.
pub fn scan(body: &str, first_line: usize) -> Scanned {
    let mut scanned = Scanned { markdown: String::with_capacity(body.len() + 64), ..Default::default() };
    let mut fence: Option<Fence> = None;
    let mut open: Vec<usize> = Vec::new();
    for (offset, line) in body.lines().enumerate() {
        let file_line = first_line + offset;
        let position = Position::new(file_line, 1);
        let trimmed = line.trim();
        if let Some(current) = &fence {
            if current.closes(trimmed) {
                fence = None;
            }
            scanned.push_line(line, file_line);
            continue;
        }
        if let Some(opened) = Fence::open(trimmed) {
            fence = Some(opened);
            scanned.push_line(line, file_line);
            continue;
        }
        if !scanned.too_deep {
            check_nesting(&mut scanned, line, file_line);
        }
        if trimmed == ":::" {
            match open.pop() {
                Some(index) => scanned.push_placeholder(index, Part::Close, file_line),
                None => scanned.errors.push((
                    position,
                    crate::msg!("block-close-unopened"),
                    crate::msg!("block-close-unopened-hint"),
                )),
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(":::") {
            if open.len() >= nesting::MAX_DEPTH {
                // One error for the body, not one per unclosed block; the body is not
                // rendered, since the sanitizer's cost grows with the depth.
                if !scanned.too_deep {
                    scanned.too_deep = true;
                    scanned.errors.push((position, nesting::block_message(), nesting::block_hint()));
                }
                continue;
            }
            match parse_head(rest, position, true) {
                // `:::deadline{…}`, a one-line block written with a container's three colons,
                // would open a block nothing closes: one error that says so, and the line is
                // read as the block it names.
                Ok(mut block) if LEAVES.contains(&block.name.as_str()) => {
                    scanned.errors.push((
                        position,
                        crate::msg!("block-leaf-as-container", name = block.name.clone()),
                        crate::msg!("block-leaf-as-container-hint", name = block.name.clone()),
                    ));
                    block.container = false;
                    let index = scanned.blocks.len();
                    scanned.blocks.push(block);
                    scanned.push_placeholder(index, Part::Leaf, file_line);
                }
                Ok(block) => {
                    let index = scanned.blocks.len();
                    scanned.blocks.push(block);
                    open.push(index);
                    scanned.push_placeholder(index, Part::Open, file_line);
                }
                Err((message, hint)) => scanned.errors.push((position, message, hint)),
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("::") {
            match parse_head(rest, position, false) {
                Ok(block) => {
                    let index = scanned.blocks.len();
                    scanned.blocks.push(block);
                    scanned.push_placeholder(index, Part::Leaf, file_line);
                }
                Err((message, hint)) => scanned.errors.push((position, message, hint)),
            }
            continue;
        }
        scanned.push_line(line, file_line);
    }
    let last_line = first_line + body.lines().count();
    for index in open {
        let block = &scanned.blocks[index];
        scanned.errors.push((
            block.position,
            crate::msg!("block-unclosed", name = block.name),
            crate::msg!("block-unclosed-hint"),
        ));
        scanned.push_placeholder(index, Part::Close, last_line);
    }
    scanned
}

/// Reports the first line whose quote and list markers nest deeper than the limit; such a
/// body is not parsed at all, since the parser's cost grows with the depth.
fn check_nesting(scanned: &mut Scanned, line: &str, file_line: usize) {
    if let Some(col) = nesting::line_exceeds(line) {
        scanned.too_deep = true;
        scanned.errors.push((Position::new(file_line, col), nesting::message(), nesting::hint()));
    }
}

/// Parses `name{key=value key2="quoted value"}` (the braces are optional for containers).
fn parse_head(text: &str, position: Position, container: bool) -> Result<Block, (Text, Text)> {
    let name: String = text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    if name.is_empty() {
        return Err((crate::msg!("block-not-directive", text = text.trim()), crate::msg!("block-not-directive-hint")));
    }
    let rest = text[name.len()..].trim();
    let attrs = if rest.is_empty() {
        BTreeMap::new()
    } else {
        let inner = rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')).ok_or_else(|| {
            (crate::msg!("block-attributes-braces", name), crate::msg!("block-attributes-braces-hint"))
        })?;
        parse_attrs(inner).map_err(|message| (message, crate::msg!("block-attributes-hint")))?
    };
    Ok(Block { name, attrs, position, container })
}

fn parse_attrs(text: &str) -> Result<BTreeMap<String, String>, Text> {
    let mut attrs = BTreeMap::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            return Ok(attrs);
        }
        let key: String = std::iter::from_fn(|| chars.next_if(|c| *c != '=' && !c.is_whitespace())).collect();
        if chars.next() != Some('=') {
            return Err(crate::msg!("block-attribute-no-value", key));
        }
        let value: String = if chars.peek() == Some(&'"') || chars.peek() == Some(&'“') {
            chars.next();
            let value: String = std::iter::from_fn(|| chars.next_if(|c| *c != '"' && *c != '”')).collect();
            if chars.next().is_none() {
                return Err(crate::msg!("block-attribute-unquoted", key));
            }
            value
        } else {
            std::iter::from_fn(|| chars.next_if(|c| !c.is_whitespace())).collect()
        };
        attrs.insert(key, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_leaves_and_containers_outside_code() {
        let body =
            "Text\n:::note\nInside\n:::\n::deadline{date=2023-05-20 what=\"Gửi danh sách\"}\n```\n::not{a=b}\n```\n";
        let scanned = scan(body, 10);
        assert!(scanned.errors.is_empty(), "{:?}", scanned.errors);
        assert_eq!(scanned.blocks.len(), 2);
        assert_eq!(scanned.blocks[0].name, "note");
        assert_eq!(scanned.blocks[1].attrs["what"], "Gửi danh sách");
        assert_eq!(scanned.blocks[1].position, Position::new(14, 1));
        assert!(scanned.markdown.contains("::not{a=b}"));
    }

    #[test]
    fn reports_unclosed_blocks_and_bad_attributes() {
        let scanned = scan(":::warning\ntext\n::contact{ref}\n", 5);
        let messages: Vec<&str> = scanned.errors.iter().map(|e| e.1.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("no value")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("never closed")), "{messages:?}");
    }

    #[test]
    fn a_one_line_block_written_with_three_colons_is_one_error_that_says_so() {
        let scanned = scan("Hạn nộp:\n\n:::deadline{date=2024-07-15 what=\"Nộp hồ sơ\"}\n\nHết.\n", 4);
        let errors: Vec<(Position, &str, &str)> =
            scanned.errors.iter().map(|(at, message, hint)| (*at, message.as_str(), hint.as_str())).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].0, Position::new(6, 1));
        assert!(errors[0].1.contains("`:::deadline`") && errors[0].2.contains("`::deadline{"), "{errors:?}");
        assert_eq!(scanned.blocks[0].attrs["what"], "Nộp hồ sơ", "read as the block it names");
        assert!(!scanned.blocks[0].container);
    }

    #[test]
    fn placeholders_are_known_by_offset_not_text() {
        let body = "<!--loa:leaf:0-->\n\n::deadline{date=2023-05-20}\n";
        let scanned = scan(body, 1);
        assert_eq!(scanned.placeholders.len(), 1);
        assert!(scanned.placeholder_at(0).is_none(), "the body's own comment is not a placeholder");
        let at = scanned.placeholders[0].offset;
        assert!(scanned.markdown[at..].starts_with("<!--loa:leaf:0-->\n"));
        assert_eq!(scanned.position(at), Position::new(3, 1));
    }

    #[test]
    fn a_longer_fence_is_not_closed_by_a_shorter_one() {
        let scanned = scan("````\n```\n::deadline{date=2023-05-20}\n````\n", 1);
        assert!(scanned.blocks.is_empty(), "{:?}", scanned.blocks);
        assert!(scanned.markdown.contains("::deadline"));
    }

    #[test]
    fn a_line_nested_too_deep_is_reported_at_the_marker_over_the_limit() {
        let line = "> ".repeat(nesting::MAX_DEPTH + 5);
        let scanned = scan(&format!("Intro\n{line}text\n"), 4);
        assert!(scanned.too_deep);
        assert_eq!(scanned.errors[0].0, Position::new(5, 2 * nesting::MAX_DEPTH + 1));
        let fenced = scan(&format!("```\n{line}\n```\n"), 1);
        assert!(!fenced.too_deep, "code is not nested");
    }
}
