//! Markdown bodies to HTML: CommonMark with tables, footnotes, strikethrough, heading ids
//! and smart punctuation; directive blocks rendered through the theme.
//!
//! Raw HTML in a body is shown as text: content comes from staff pasting from Word, and a
//! public portal must never run markup it did not generate. What Markdown itself produces
//! then passes an allow-list sanitizer (`sanitize`), and the theme's block templates are
//! put between the sanitized pieces, where the scanner's placeholders stood.

pub mod blocks;
mod headings;
pub mod nesting;
mod sanitize;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::diag::{Position, Text};
pub use blocks::Block;
use blocks::{Part, Placeholder, Scanned};

/// Renders directive blocks. Implemented by the render stage, which owns the templates.
pub trait BlockRenderer {
    /// The HTML of a leaf block, or (message, hint) when it cannot be rendered.
    fn leaf(&self, block: &Block) -> Result<String, (Text, Text)>;
    /// The opening and closing HTML around a container's content.
    fn container(&self, block: &Block) -> Result<(String, String), (Text, Text)>;
}

/// A rendered body.
#[derive(Debug, Default, Clone)]
pub struct RenderedBody {
    pub html: String,
    /// Headings (level, id, text) for a table of contents.
    pub headings: Vec<(u8, String, String)>,
    pub errors: Vec<(Position, Text, Text)>,
    /// Things the body asked for that were ignored (e.g. a heading's `onfocus=`).
    pub warnings: Vec<(Position, Text, Text)>,
}

/// Renders a Markdown body. `first_line` is the file line of the body's first line;
/// `base_path` prefixes site links that start with `/`.
pub fn render(body: &str, first_line: usize, base_path: &str, blocks: &dyn BlockRenderer) -> RenderedBody {
    let mut scanned = blocks::scan(body, first_line);
    let mut rendered = RenderedBody { errors: std::mem::take(&mut scanned.errors), ..Default::default() };
    let block_html = render_blocks(&scanned.blocks, blocks, &mut rendered.errors);
    if scanned.too_deep {
        return rendered;
    }
    let Some(items) = transform(&scanned, base_path, &mut rendered) else { return rendered };
    let (html, marks) = write_html(items);
    rendered.html = assemble(&html, &marks, &block_html);
    rendered
}

/// The text of a body without markup or directive blocks, for the search index and
/// summaries: words separated by spaces, paragraphs by newlines.
pub fn plain_text(body: &str) -> String {
    let scanned = blocks::scan(body, 1);
    let mut text = String::with_capacity(scanned.markdown.len());
    if scanned.too_deep {
        return text;
    }
    let mut depth = Depth::default();
    for event in Parser::new_ext(&scanned.markdown, options()) {
        // `render` reports a body nested too deep; its text stops there.
        if depth.exceeded_by(&event) {
            break;
        }
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

/// Each block's HTML: (leaf or container opening, container closing). A block that cannot
/// be rendered is reported and left empty.
fn render_blocks(
    blocks: &[Block],
    renderer: &dyn BlockRenderer,
    errors: &mut Vec<(Position, Text, Text)>,
) -> Vec<(String, String)> {
    let rendered = blocks.iter().map(|block| {
        if block.container { renderer.container(block) } else { renderer.leaf(block).map(|html| (html, String::new())) }
    });
    rendered
        .zip(blocks)
        .map(|(result, block)| {
            result.unwrap_or_else(|(message, hint)| {
                errors.push((block.position, message, hint));
                (String::new(), String::new())
            })
        })
        .collect()
}

/// How many elements that count as levels are open.
#[derive(Default)]
struct Depth(usize);

impl Depth {
    /// Follows one event; true when it opens a level past the limit.
    fn exceeded_by(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(tag) if nesting::nests(tag.to_end()) => self.0 += 1,
            Event::End(end) if nesting::nests(*end) => self.0 -= 1,
            _ => {}
        }
        self.0 > nesting::MAX_DEPTH
    }
}

/// A Markdown event to write, or the place of a directive block.
enum Item<'a> {
    Event(Event<'a>),
    Block(Placeholder),
}

/// Reads the parsed body: raw HTML becomes text, placeholders become `Item::Block`, headings
/// get ids and lose attributes other than id and class, site links get the base path,
/// footnote ids a prefix (pulldown-cmark's bare `#1` ids could collide with heading ids).
/// None when the body nests too deep (the error is in `rendered`).
fn transform<'a>(scanned: &'a Scanned, base_path: &str, rendered: &mut RenderedBody) -> Option<Vec<Item<'a>>> {
    let mut items: Vec<Item<'a>> = Vec::new();
    let mut used_ids: HashMap<String, usize> = HashMap::new();
    let mut heading_start: Option<usize> = None;
    let mut depth = Depth::default();
    for (event, range) in Parser::new_ext(&scanned.markdown, options()).into_offset_iter() {
        if depth.exceeded_by(&event) {
            rendered.errors.push((scanned.position(range.start), nesting::message(), nesting::hint()));
            return None;
        }
        let event = match event {
            Event::Html(html) | Event::InlineHtml(html) => match placeholder(scanned, &html, &range) {
                Some(placeholder) => Item::Block(placeholder),
                None => Item::Event(Event::Text(html)),
            },
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                heading_start = Some(items.len());
                let (id, classes) = heading_attributes(scanned, &range, id, classes, attrs, rendered);
                Item::Event(Event::Start(Tag::Heading { level, id, classes, attrs: Vec::new() }))
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading_start.take() {
                    name_heading(&mut items, start, level, &mut used_ids, &mut rendered.headings);
                }
                Item::Event(Event::End(TagEnd::Heading(level)))
            }
            other => Item::Event(link_and_footnote(other, base_path)),
        };
        items.push(event);
    }
    Some(items)
}

/// The placeholder the scanner wrote where this HTML starts, if it wrote one there.
fn placeholder(scanned: &Scanned, html: &str, range: &Range<usize>) -> Option<Placeholder> {
    let placeholder = scanned.placeholder_at(range.start)?;
    (html.trim_end() == blocks::placeholder(placeholder.block, placeholder.part)).then_some(placeholder)
}

fn heading_attributes<'a>(
    scanned: &Scanned,
    range: &Range<usize>,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    rendered: &mut RenderedBody,
) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
    let mut warnings = Vec::new();
    let allowed = headings::allowed_attributes(id, classes, attrs, &mut warnings);
    if !warnings.is_empty() {
        // The warnings point at the braces that hold the attributes.
        let braces = scanned.markdown[range.clone()].rfind('{').map_or(range.start, |at| range.start + at);
        let position = scanned.position(braces);
        rendered.warnings.extend(warnings.into_iter().map(|(message, hint)| (position, message, hint)));
    }
    allowed
}

/// Names the heading whose events start at `items[start]` (a heading holds no blocks).
fn name_heading(
    items: &mut [Item<'_>],
    start: usize,
    level: pulldown_cmark::HeadingLevel,
    used: &mut HashMap<String, usize>,
    headings: &mut Vec<(u8, String, String)>,
) {
    let heading_text: String = items[start + 1..]
        .iter()
        .filter_map(|item| match item {
            Item::Event(Event::Text(t) | Event::Code(t)) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    if let Item::Event(Event::Start(Tag::Heading { id, .. })) = &mut items[start] {
        headings::name_heading(id, heading_text, level, used, headings);
    }
}

fn link_and_footnote<'a>(event: Event<'a>, base_path: &str) -> Event<'a> {
    match event {
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Link { link_type, dest_url: site_link(dest_url, base_path), title, id })
        }
        Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
            Event::Start(Tag::Image { link_type, dest_url: site_link(dest_url, base_path), title, id })
        }
        Event::FootnoteReference(name) => Event::FootnoteReference(CowStr::from(format!("fn-{name}"))),
        Event::Start(Tag::FootnoteDefinition(name)) => {
            Event::Start(Tag::FootnoteDefinition(CowStr::from(format!("fn-{name}"))))
        }
        other => other,
    }
}

fn site_link<'a>(url: CowStr<'a>, base_path: &str) -> CowStr<'a> {
    if url.starts_with('/') && !url.starts_with("//") {
        CowStr::from(format!("{}{}", base_path.trim_end_matches('/'), url))
    } else {
        url
    }
}

/// A `fmt::Write` into a shared string, so the items' iterator can read how much has been
/// written while pulldown-cmark's writer holds the sink.
struct SharedOut<'s>(&'s RefCell<String>);

impl std::fmt::Write for SharedOut<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.0.borrow_mut().push_str(text);
        Ok(())
    }
}

/// Writes the events as one HTML document (one writer, so footnotes are numbered across the
/// whole body) and returns where in it each block goes.
fn write_html(items: Vec<Item<'_>>) -> (String, Vec<(usize, Placeholder)>) {
    let out = RefCell::new(String::new());
    let mut marks = Vec::new();
    let events = items.into_iter().filter_map(|item| match item {
        Item::Event(event) => Some(event),
        // The writer has written every earlier event before it asks for the next one.
        Item::Block(placeholder) => {
            marks.push((out.borrow().len(), placeholder));
            None
        }
    });
    html::write_html_fmt(SharedOut(&out), events).expect("writing to a String cannot fail");
    (out.into_inner(), marks)
}

/// The sanitized Markdown pieces with the blocks' HTML between them. Each piece is sanitized
/// on its own: the trusted template HTML never passes the sanitizer, and content never
/// reaches the page without it.
fn assemble(html: &str, marks: &[(usize, Placeholder)], blocks: &[(String, String)]) -> String {
    let mut out = String::with_capacity(html.len() + blocks.iter().map(|(a, b)| a.len() + b.len()).sum::<usize>());
    let mut from = 0;
    for &(at, placeholder) in marks {
        out.push_str(&sanitize::clean(&html[from..at]));
        let (open, close) = &blocks[placeholder.block];
        out.push_str(if placeholder.part == Part::Close { close } else { open });
        from = at;
    }
    out.push_str(&sanitize::clean(&html[from..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake;
    impl BlockRenderer for Fake {
        fn leaf(&self, block: &Block) -> Result<String, (Text, Text)> {
            match block.name.as_str() {
                "deadline" => Ok(format!("<p class=\"deadline\">{}</p>", block.attrs["date"])),
                other => Err((Text::untranslated(format!("unknown directive `{other}`")), Text::untranslated("hint"))),
            }
        }
        fn container(&self, block: &Block) -> Result<(String, String), (Text, Text)> {
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

    /// Equal headings are numbered from where the last one stopped: numbering
    /// each one by counting up from 2 was quadratic.
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
    fn a_body_cannot_forge_a_placeholder() {
        let body =
            "<!--loa:leaf:0--><script>alert(1)</script>-->\n\n<!--loa:leaf:0-->\n\n::deadline{date=2023-05-20}\n";
        let out = render(body, 1, "/", &Fake);
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert!(out.html.contains("&lt;!--loa:leaf:0--&gt;&lt;script&gt;"), "{}", out.html);
        assert_eq!(out.html.matches("<p class=\"deadline\">").count(), 1, "{}", out.html);
    }

    #[test]
    fn headings_keep_only_id_and_class_and_warn_about_the_rest() {
        let out = render("Intro\n\n## Hạn nộp {#h .c autofocus onfocus=alert(1) style=x}\n", 3, "/", &Fake);
        assert!(out.html.contains("<h2 id=\"h\" class=\"c\">Hạn nộp</h2>"), "{}", out.html);
        let messages: Vec<&str> = out.warnings.iter().map(|w| w.1.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[1].contains("`onfocus`"), "{messages:?}");
        assert_eq!(out.warnings[0].0, Position::new(5, 12));
    }

    #[test]
    fn links_and_images_keep_only_safe_schemes() {
        let body = "[a](javascript:alert(1)) [b][r] <javascript:alert(2)> ![c](data:text/html,x) \
                    [d](vbscript:x) [e](mailto:a@b.vn) [f](tel:0237) [g](https://a.vn/) [h](../x/)\n\n\
                    [r]: javascript:alert(3)\n";
        let html = render(body, 1, "/", &Fake).html;
        for bad in ["=\"javascript:", "=\"data:", "=\"vbscript:"] {
            assert!(!html.contains(bad), "{bad} in {html}");
        }
        assert!(html.contains("<a>a</a> <a>b</a>"), "{html}");
        assert!(html.contains("<img alt=\"c\">"), "{html}");
        for good in ["mailto:a@b.vn", "tel:0237", "https://a.vn/", "../x/"] {
            assert!(html.contains(&format!("href=\"{good}\"")), "{good} in {html}");
        }
    }

    #[test]
    fn footnotes_are_numbered_across_blocks() {
        let out = render("A[^x].\n\n:::note\nB[^y].\n:::\n\n[^x]: X.\n[^y]: Y.\n", 1, "/", &Fake);
        assert!(out.html.contains("<a href=\"#fn-y\">2</a>"), "{}", out.html);
        assert!(out.html.contains("<aside class=\"note\"><p>B"), "{}", out.html);
    }

    #[test]
    fn unclosed_containers_nested_too_deep_are_one_error_not_a_cost() {
        // Unclosed `:::warning` lines once cost time quadratic in their number, and gave one
        // error per line.
        let body = ":::warning\n".repeat(12_000);
        let start = std::time::Instant::now();
        let out = render(&body, 3, "/", &Fake);
        assert!(start.elapsed() < std::time::Duration::from_millis(500), "took {:?}", start.elapsed());
        let deep: Vec<_> = out.errors.iter().filter(|e| e.1.contains("more than")).collect();
        assert_eq!(deep.len(), 1, "{:?}", &out.errors[..3]);
        assert_eq!(deep[0].0, Position::new(3 + nesting::MAX_DEPTH, 1), "{}", deep[0].1);
        assert!(out.errors.len() <= nesting::MAX_DEPTH + 1, "{} errors", out.errors.len());
        let closed = format!("{}x\n{}", ":::note\n".repeat(nesting::MAX_DEPTH), ":::\n".repeat(nesting::MAX_DEPTH));
        assert!(render(&closed, 1, "/", &Fake).errors.is_empty());
    }

    #[test]
    fn a_body_nested_too_deep_is_an_error_not_a_cost() {
        let quotes = format!("Intro\n\n{}x\n", ">".repeat(100_000));
        let out = render(&quotes, 10, "/", &Fake);
        assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
        assert_eq!(out.errors[0].0, Position::new(12, nesting::MAX_DEPTH + 1));
        assert!(out.html.is_empty());
        assert!(plain_text(&quotes).is_empty());
        let emphasis = format!("{}x{}\n", "*a ".repeat(40), " a*".repeat(40));
        let out = render(&emphasis, 1, "/", &Fake);
        assert_eq!(out.errors.len(), 1, "{:?}", out.errors);
        assert!(out.errors[0].1.contains("levels deep"));
        let indented: String = (0..40).map(|n| format!("{}- a\n", "  ".repeat(n))).collect();
        let out = render(&indented, 1, "/", &Fake);
        assert_eq!(out.errors[0].0.line, nesting::MAX_DEPTH + 1, "{:?}", out.errors);
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
