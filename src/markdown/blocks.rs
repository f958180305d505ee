//! Directive blocks in Markdown bodies: `:::note` … `:::` containers and `::name{k=v}` leaves,
//! each on its own line. They are found before Markdown parsing (outside code fences) and
//! replaced by placeholders that the theme's templates fill in.

use std::collections::BTreeMap;

use crate::diag::Position;

/// A `::name{attrs}` leaf or the opening of a `:::name` container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub position: Position,
    pub container: bool,
}

/// A body with its directive lines replaced by placeholder HTML comments.
#[derive(Debug, Default)]
pub struct Scanned {
    pub markdown: String,
    pub blocks: Vec<Block>,
    pub errors: Vec<(Position, String, String)>,
}

/// The HTML comment that stands for block `index`; `part` is "open", "close" or "leaf".
pub fn placeholder(index: usize, part: &str) -> String {
    format!("<!--loa:{part}:{index}-->")
}

/// Finds directive lines. `first_line` is the file line of the body's first line.
pub fn scan(body: &str, first_line: usize) -> Scanned {
    let mut scanned = Scanned { markdown: String::with_capacity(body.len() + 64), ..Default::default() };
    let mut fence: Option<String> = None;
    let mut open: Vec<usize> = Vec::new();
    for (offset, line) in body.lines().enumerate() {
        let position = Position::new(first_line + offset, 1);
        let trimmed = line.trim();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
            }
            push_line(&mut scanned.markdown, line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_owned());
            push_line(&mut scanned.markdown, line);
            continue;
        }
        if trimmed == ":::" {
            match open.pop() {
                Some(index) => push_block_line(&mut scanned.markdown, &placeholder(index, "close")),
                None => scanned.errors.push((
                    position,
                    "`:::` closes a block that was never opened".into(),
                    "remove this line, or open the block with `:::note` or `:::warning`".into(),
                )),
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix(":::") {
            match parse_head(rest, position, true) {
                Ok(block) => {
                    let index = scanned.blocks.len();
                    scanned.blocks.push(block);
                    open.push(index);
                    push_block_line(&mut scanned.markdown, &placeholder(index, "open"));
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
                    push_block_line(&mut scanned.markdown, &placeholder(index, "leaf"));
                }
                Err((message, hint)) => scanned.errors.push((position, message, hint)),
            }
            continue;
        }
        push_line(&mut scanned.markdown, line);
    }
    for index in open {
        let block = &scanned.blocks[index];
        scanned.errors.push((
            block.position,
            format!("the `:::{}` block is never closed", block.name),
            "add a line with only `:::` after its content".into(),
        ));
        push_block_line(&mut scanned.markdown, &placeholder(index, "close"));
    }
    scanned
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// Placeholders stand alone between blank lines so Markdown treats them as HTML blocks.
fn push_block_line(out: &mut String, html: &str) {
    out.push('\n');
    out.push_str(html);
    out.push_str("\n\n");
}

/// Parses `name{key=value key2="quoted value"}` (the braces are optional for containers).
fn parse_head(text: &str, position: Position, container: bool) -> Result<Block, (String, String)> {
    let name: String = text.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    if name.is_empty() {
        return Err((
            format!("`{}` is not a directive block", text.trim()),
            "write `::name{key=value}` (e.g. ::deadline{date=2023-05-20 what=\"…\"}) or `:::note` … `:::`".into(),
        ));
    }
    let rest = text[name.len()..].trim();
    let attrs = if rest.is_empty() {
        BTreeMap::new()
    } else {
        let inner = rest.strip_prefix('{').and_then(|r| r.strip_suffix('}')).ok_or_else(|| {
            (format!("the attributes of `{name}` must be inside {{…}}"), "e.g. ::contact{ref=vu-xuan-thu}".to_owned())
        })?;
        parse_attrs(inner).map_err(|message| {
            (
                message,
                "write key=value pairs separated by spaces; quote values with spaces: what=\"Gửi báo cáo\"".to_owned(),
            )
        })?
    };
    Ok(Block { name, attrs, position, container })
}

fn parse_attrs(text: &str) -> Result<BTreeMap<String, String>, String> {
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
            return Err(format!("the attribute `{key}` has no value"));
        }
        let value: String = if chars.peek() == Some(&'"') || chars.peek() == Some(&'“') {
            chars.next();
            let value: String = std::iter::from_fn(|| chars.next_if(|c| *c != '"' && *c != '”')).collect();
            if chars.next().is_none() {
                return Err(format!("the value of `{key}` has no closing quote"));
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
}
