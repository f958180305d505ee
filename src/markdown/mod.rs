//! Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough, heading ids
//! and smart punctuation; directive blocks rendered through the theme.
//!
//! Raw HTML in a body is shown as text: content comes from staff pasting from Word, and a
//! public portal must never run markup it did not generate.

pub mod blocks;

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::diag::Position;
use crate::text;
pub use blocks::Block;

/// Renders directive blocks. Implemented by the render stage, which owns the templates.
pub trait BlockRenderer {
    /// The HTML of a leaf block, or (message, hint) when it cannot be rendered.
    fn leaf(&self, block: &Block) -> Result<String, (String, String)>;
    /// The opening and closing HTML around a container's content.
    fn container(&self, block: &Block) -> Result<(String, String), (String, String)>;
}

/// A rendered body.
#[derive(Debug, Default, Clone)]
pub struct RenderedBody {
    pub html: String,
    /// Headings (level, id, text) for a table of contents.
    pub headings: Vec<(u8, String, String)>,
    pub errors: Vec<(Position, String, String)>,
}

/// Renders a Markdown body. `first_line` is the file line of the body's first line;
/// `base_path` prefixes site links that start with `/`.
pub fn render(body: &str, first_line: usize, base_path: &str, blocks: &dyn BlockRenderer) -> RenderedBody {
    let scanned = blocks::scan(body, first_line);
    let mut rendered = RenderedBody { errors: scanned.errors, ..Default::default() };
    let events = transform(Parser::new_ext(&scanned.markdown, options()), base_path, &mut rendered.headings);
    let mut html_out = String::with_capacity(scanned.markdown.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    rendered.html = fill_placeholders(html_out, &scanned.blocks, blocks, &mut rendered.errors);
    rendered
}

/// The text of a body without markup or directive blocks, for the search index and
/// summaries: words separated by spaces, paragraphs by newlines.
pub fn plain_text(body: &str) -> String {
    let scanned = blocks::scan(body, 1);
    let mut text = String::with_capacity(scanned.markdown.len());
    for event in Parser::new_ext(&scanned.markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell) => text.push('\n'),
            _ => {}
        }
    }
    text
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Escapes raw HTML (keeping our placeholders), gives headings ids, prefixes site links and
/// footnote ids (pulldown-cmark's bare `#1` ids could collide with heading ids).
fn transform<'a>(parser: Parser<'a>, base_path: &str, headings: &mut Vec<(u8, String, String)>) -> Vec<Event<'a>> {
    let mut events: Vec<Event<'a>> = Vec::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut heading_start: Option<usize> = None;
    for event in parser {
        match event {
            Event::Html(html) | Event::InlineHtml(html) if is_placeholder(&html) => events.push(Event::Html(html)),
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                heading_start = Some(events.len());
                events.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    name_heading(&mut events, start, level, &mut used_ids, headings);
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = site_link(dest_url, base_path);
                events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = site_link(dest_url, base_path);
                events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
            }
            Event::FootnoteReference(name) => {
                events.push(Event::FootnoteReference(CowStr::from(format!("fn-{name}"))));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                events.push(Event::Start(Tag::FootnoteDefinition(CowStr::from(format!("fn-{name}")))));
            }
            other => events.push(other),
        }
    }
    events
}

fn is_placeholder(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--loa:") && html.ends_with("-->") && !html[8..].contains("<!--")
}

fn name_heading<'a>(
    events: &mut [Event<'a>],
    start: usize,
    level: HeadingLevel,
    used: &mut HashMap<String, usize>,
    headings: &mut Vec<(u8, String, String)>,
) {
    let heading_text: String = events[start + 1..]
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let Event::Start(Tag::Heading { id, .. }) = &mut events[start] else { return };
    let mut candidate = id.as_ref().map(|i| i.to_string()).unwrap_or_else(|| text::slugify(&heading_text));
    // The theme's own ids start with `loa-`; a heading never takes one of them.
    if candidate.is_empty() || candidate.starts_with("loa-") {
        candidate = format!("muc-{candidate}").trim_end_matches('-').to_owned();
    }
    // `used` maps each id to the next number to try after it, so a thousand equal
    // headings do not each count up from 2 again.
    let base = candidate.clone();
    let mut n = used.get(&base).copied().unwrap_or(2);
    while used.contains_key(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    used.insert(base, n);
    used.entry(candidate.clone()).or_insert(2);
    *id = Some(CowStr::from(candidate.clone()));
    headings.push((level as u8, candidate, heading_text));
}

fn site_link<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if url.starts_with('/') && !url.starts_with("//") {
        CowStr::from(format!("{}{}", base_path.trim_end_matches('/'), url))
    } else {
        url
    }
}

/// Replaces the placeholders with the blocks' HTML.
fn fill_placeholders(
    html: String,
    blocks: &[Block],
    renderer: &dyn BlockRenderer,
    errors: &mut Vec<(Position, String, String)>,
) -> String {
    if blocks.is_empty() {
        return html;
    }
    let mut html = html;
    for (index, block) in blocks.iter().enumerate() {
        if block.container {
            let (open, close) = renderer.container(block).unwrap_or_else(|(message, hint)| {
                errors.push((block.position, message, hint));
                (String::new(), String::new())
            });
            html = html.replacen(&placeholder_line(index, "open"), &open, 1);
            html = html.replacen(&placeholder_line(index, "close"), &close, 1);
        } else {
            let rendered = renderer.leaf(block).unwrap_or_else(|(message, hint)| {
                errors.push((block.position, message, hint));
                String::new()
            });
            html = html.replacen(&placeholder_line(index, "leaf"), &rendered, 1);
        }
    }
    html
}

fn placeholder_line(index: usize, part: &str) -> String {
    format!("{}\n", blocks::placeholder(index, part))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl BlockRenderer for Fake {
        fn leaf(&self, block: &Block) -> Result<String, (String, String)> {
            match block.name.as_str() {
                "deadline" => Ok(format!("<p class=\"deadline\">{}</p>", block.attrs["date"])),
                other => Err((format!("unknown directive `{other}`"), "hint".into())),
            }
        }
        fn container(&self, block: &Block) -> Result<(String, String), (String, String)> {
            Ok((format!("<aside class=\"{}\">", block.name), "</aside>".into()))
        }
    }

    #[test]
    fn renders_tables_footnotes_and_heading_ids() {
        let body = "## Thể lệ Hội thi\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nVăn bản[^1].\n\n[^1]: Ghi chú.\n";
        let out = render(body, 1, "/", &Fake);
        assert!(out.html.contains("<h2 id=\"the-le-hoi-thi\">"), "{}", out.html);
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("href=\"#fn-1\""), "{}", out.html);
    }

    #[test]
    fn plain_text_drops_markup_and_blocks() {
        let text = plain_text("## Mục đích\n\nThúc đẩy **sáng tạo**.\n\n::contact{ref=a}\n\n- một\n- hai\n");
        assert_eq!(text, "Mục đích\nThúc đẩy sáng tạo.\nmột\nhai\n");
    }

    #[test]
    fn heading_ids_never_take_the_themes_loa_prefix() {
        let out = render("# Loa noi dung\n\n## Nội dung\n\n## Nội dung\n", 1, "/", &Fake);
        assert!(out.html.contains("id=\"muc-loa-noi-dung\""), "{}", out.html);
        assert!(out.html.contains("id=\"noi-dung\""));
        assert!(out.html.contains("id=\"noi-dung-2\""));
    }

    /// Found by the fuzz tests: 8,000 `=` lines are 4,000 equal headings, and numbering
    /// each one by counting up from 2 took seconds for 16 KB.
    #[test]
    fn equal_headings_are_numbered_without_counting_up_again() {
        let started = std::time::Instant::now();
        let out = render(&format!("## a-3\n\n{}", "a\n=\n\n".repeat(20_000)), 1, "/", &Fake);
        assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
        let ids: Vec<&str> = out.headings.iter().map(|(_, id, _)| id.as_str()).collect();
        assert_eq!(&ids[..5], ["a-3", "a", "a-2", "a-4", "a-5"]);
        assert_eq!(ids.iter().collect::<std::collections::HashSet<_>>().len(), ids.len());
    }

    #[test]
    fn shows_raw_html_as_text() {
        let out = render("<script>alert(1)</script>\n\nA <b>b</b>\n", 1, "/", &Fake);
        assert!(!out.html.contains("<script>"), "{}", out.html);
        assert!(out.html.contains("&lt;script&gt;"));
    }

    #[test]
    fn prefixes_site_links_with_the_base_path() {
        let out = render("[Văn bản](/van-ban/) [ngoài](https://example.org/)\n", 1, "/thidua/", &Fake);
        assert!(out.html.contains("href=\"/thidua/van-ban/\""), "{}", out.html);
        assert!(out.html.contains("href=\"https://example.org/\""));
    }

    #[test]
    fn renders_blocks_and_reports_unknown_ones_with_their_line() {
        let out = render("Intro\n\n:::note\nLưu ý\n:::\n\n::deadline{date=2023-05-20}\n\n::bogus{}\n", 7, "/", &Fake);
        assert!(out.html.contains("<aside class=\"note\">"), "{}", out.html);
        assert!(out.html.contains("<p>Lưu ý</p>"));
        assert!(out.html.contains("<p class=\"deadline\">2023-05-20</p>"));
        assert_eq!(out.errors.len(), 1);
        assert_eq!(out.errors[0].0, Position::new(15, 1));
    }
}
