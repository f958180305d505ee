//! The link checker: every internal link, script, stylesheet, image and download in the
//! output must resolve to a file in the output, and every `#fragment` to an id on its page.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Position};

/// Checks every HTML file under `out`. `base_url` decides which absolute URLs are internal
/// and which path prefix every internal link must carry.
pub fn check_links(out: &Path, base_url: &str) -> Vec<Diagnostic> {
    let base_path = base_path_of(base_url);
    let origin =
        base_url.trim_end_matches('/').strip_suffix(base_path.trim_end_matches('/')).unwrap_or(base_url).to_owned();
    let pages: Vec<PathBuf> =
        crate::output::list_files(out).into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")).collect();
    let ids = IdCache::default();
    let mut diagnostics: Vec<Diagnostic> = pages
        .par_iter()
        .flat_map_iter(|page| {
            let html = std::fs::read_to_string(out.join(page)).unwrap_or_default();
            let checker = PageChecker { out, page, base_path: &base_path, origin: &origin, ids: &ids, html: &html };
            checker.broken_links()
        })
        .collect();
    diagnostics.sort_by(|a, b| (&a.file, a.position).cmp(&(&b.file, b.position)));
    diagnostics
}

fn base_path_of(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map(|(_, rest)| rest).unwrap_or(base_url);
    let path = after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/");
    if path.ends_with('/') { path.to_owned() } else { format!("{path}/") }
}

/// The ids of pages, read once each.
#[derive(Default)]
struct IdCache {
    pages: Mutex<HashMap<PathBuf, HashSet<String>>>,
}

impl IdCache {
    fn has(&self, file: &Path, html: Option<&str>, id: &str) -> bool {
        let mut pages = self.pages.lock().expect("id cache");
        let ids = pages.entry(file.to_path_buf()).or_insert_with(|| {
            let text = html.map(str::to_owned).unwrap_or_else(|| std::fs::read_to_string(file).unwrap_or_default());
            attribute_values(&text, &["id", "name"]).into_iter().map(|(_, v)| v).collect()
        });
        ids.contains(id)
    }
}

struct PageChecker<'a> {
    out: &'a Path,
    page: &'a Path,
    base_path: &'a str,
    origin: &'a str,
    ids: &'a IdCache,
    html: &'a str,
}

impl PageChecker<'_> {
    fn broken_links(&self) -> Vec<Diagnostic> {
        attribute_values(self.html, &["href", "src"])
            .into_iter()
            .filter_map(|(offset, url)| {
                let problem = self.problem(&url)?;
                let position = position_of(self.html, offset);
                Some(
                    Diagnostic::error(self.page, position, crate::msg!("link-broken", url, problem))
                        .with_hint(crate::msg!("link-broken-hint")),
                )
            })
            .collect()
    }

    /// Why an internal link does not resolve, or None when it does (or is external).
    fn problem(&self, url: &str) -> Option<crate::diag::Text> {
        let url = url.trim();
        if url.is_empty() {
            return Some(crate::msg!("link-empty"));
        }
        let lower = url.to_ascii_lowercase();
        if ["mailto:", "tel:", "data:", "javascript:", "sms:"].iter().any(|s| lower.starts_with(s)) {
            return None;
        }
        let local = if let Some(rest) = url.strip_prefix(self.origin) {
            rest
        } else if lower.starts_with("http://") || lower.starts_with("https://") || url.starts_with("//") {
            return None;
        } else {
            url
        };
        let (path_part, fragment) = match local.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (local, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        let target = if path_part.is_empty() {
            self.out.join(self.page)
        } else if let Some(absolute) = path_part.strip_prefix('/') {
            let Some(inside) = format!("/{absolute}").strip_prefix(self.base_path).map(str::to_owned) else {
                return Some(crate::msg!("link-outside-base-path", base_path = self.base_path));
            };
            self.out.join(percent_decode(&inside))
        } else {
            self.out.join(self.page).parent().unwrap_or(self.out).join(percent_decode(path_part))
        };
        let file = resolve_file(&target)?;
        let file = match file {
            Ok(file) => file,
            Err(()) => return Some(crate::msg!("link-no-file")),
        };
        if let Some(fragment) = fragment.filter(|f| !f.is_empty())
            && file.extension().is_some_and(|e| e == "html")
        {
            let same_page = file == self.out.join(self.page);
            let html = same_page.then_some(self.html);
            if !self.ids.has(&file, html, &percent_decode(fragment)) {
                return Some(crate::msg!("link-no-id", fragment));
            }
        }
        None
    }
}

/// The file a link target means: itself, or its `index.html`. `Some(Err)` when missing.
fn resolve_file(target: &Path) -> Option<Result<PathBuf, ()>> {
    if target.is_file() {
        return Some(Ok(target.to_path_buf()));
    }
    let index = target.join("index.html");
    if index.is_file() {
        return Some(Ok(index));
    }
    Some(Err(()))
}

/// (byte offset, value) of every `name="value"` attribute among `names`, entities decoded.
pub fn attribute_values(html: &str, names: &[&str]) -> Vec<(usize, String)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(eq) = html[i..].find('=') {
        let at = i + eq;
        i = at + 1;
        let name_start = html[..at].rfind(|c: char| c.is_whitespace()).map(|p| p + 1).unwrap_or(at);
        let name = &html[name_start..at];
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) || !inside_tag(html, name_start) {
            continue;
        }
        let quote = bytes.get(at + 1).copied();
        let (start, end) = match quote {
            Some(q @ (b'"' | b'\'')) => {
                let start = at + 2;
                let Some(len) = html[start..].find(q as char) else { continue };
                (start, start + len)
            }
            _ => {
                let start = at + 1;
                let len = html[start..].find(|c: char| c.is_whitespace() || c == '>').unwrap_or(html.len() - start);
                (start, start + len)
            }
        };
        found.push((start, decode_entities(&html[start..end])));
        i = end;
    }
    found
}

/// The start tags of a page in order, as (lower-case name, text from `<` to `>`). Comments
/// are skipped, and so is the text inside `script` and `style`, where `<` is not a tag.
pub fn start_tags(html: &str) -> impl Iterator<Item = (String, &str)> {
    start_tag_spans(html.as_bytes()).map(move |(name, span)| (name, &html[span]))
}

/// [`start_tags`] over bytes, as (name, byte range): the tags begin and end at ASCII
/// characters, so a page's bytes need no UTF-8 check to be scanned.
pub fn start_tag_spans(bytes: &[u8]) -> impl Iterator<Item = (String, std::ops::Range<usize>)> {
    use memchr::memmem;
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let open = i + memchr::memchr(b'<', bytes.get(i..)?)?;
            if bytes[open..].starts_with(b"<!--") {
                i = memmem::find(&bytes[open..], b"-->").map_or(bytes.len(), |end| open + end + 3);
                continue;
            }
            if !bytes.get(open + 1).is_some_and(u8::is_ascii_alphabetic) {
                i = open + 1;
                continue;
            }
            let close = tag_end(bytes, open);
            i = close;
            let name = bytes[open + 1..close].iter().take_while(|b| b.is_ascii_alphanumeric());
            let name: String = name.map(|b| b.to_ascii_lowercase() as char).collect();
            if name == "script" || name == "style" {
                i = end_tag(bytes, close, name.as_bytes());
            }
            return Some((name, open..close));
        }
    })
}

/// Where the raw text of a `script` or `style` element that starts at `from` ends: at its
/// end tag, in any letter case.
fn end_tag(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"</") {
        let after = at + found + 2;
        if bytes.get(after..after + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return at + found;
        }
        at = after;
    }
    bytes.len()
}

/// Where the tag opened at `open` ends: after its `>`, which does not count inside quotes.
fn tag_end(bytes: &[u8], open: usize) -> usize {
    let mut at = open + 1;
    while let Some(found) = memchr::memchr3(b'>', b'"', b'\'', &bytes[at..]) {
        let mark = at + found;
        if bytes[mark] == b'>' {
            return mark + 1;
        }
        // A quoted value: its `>` are text.
        match memchr::memchr(bytes[mark], &bytes[mark + 1..]) {
            Some(length) => at = mark + 1 + length + 1,
            None => break,
        }
    }
    bytes.len()
}

/// Whether `offset` is inside a tag (after a `<` with no `>` in between), not in text.
fn inside_tag(html: &str, offset: usize) -> bool {
    let before = &html[..offset];
    match (before.rfind('<'), before.rfind('>')) {
        (Some(open), Some(close)) => open > close && !html[open..].starts_with("<!--"),
        (Some(_), None) => true,
        _ => false,
    }
}

fn decode_entities(value: &str) -> String {
    value.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(byte) =
                std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            decoded.push(byte);
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

fn position_of(text: &str, offset: usize) -> Position {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
    Position::new(line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_tags_skip_comments_and_script_text() {
        let html =
            r#"<p title="a > b">x</p><!-- <link href="no"> --><SCRIPT>if (a<b) "<link href=no>"</Script><link rel=x>"#;
        let tags: Vec<(String, &str)> = start_tags(html).collect();
        let names: Vec<&str> = tags.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["p", "script", "link"]);
        assert_eq!(tags[0].1, r#"<p title="a > b">"#);
        assert_eq!(tags[2].1, "<link rel=x>");
    }

    #[test]
    fn finds_attributes_in_tags_only() {
        let html = "<a href=\"/x/?a=1&amp;b=2\">href=\"/text/\"</a><img src=/i.png alt=x>";
        let values: Vec<String> = attribute_values(html, &["href", "src"]).into_iter().map(|(_, v)| v).collect();
        assert_eq!(values, vec!["/x/?a=1&b=2", "/i.png"]);
    }

    #[test]
    fn reports_missing_files_and_fragments_under_a_sub_path() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path();
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "<h2 id=\"muc\">x</h2>").unwrap();
        std::fs::write(
            out.join("index.html"),
            "<a href=\"/thidua/a/\">ok</a>\n<a href=\"/thidua/a/#muc\">ok</a>\n<a href=\"/thidua/b/\">bad</a>\n<a href=\"/a/\">outside</a>\n<a href=\"/thidua/a/#nope\">frag</a>\n<a href=\"https://example.org/\">ext</a>",
        )
        .unwrap();
        let problems = check_links(out, "https://so.example.gov.vn/thidua/");
        let messages: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
        assert_eq!(problems.len(), 3, "{messages:#?}");
        assert!(messages[0].starts_with("index.html:3:10: error: broken link `/thidua/b/`"), "{messages:#?}");
        assert!(messages[1].contains("outside the portal's base path"));
        assert!(messages[2].contains("no element with id `nope`"));
    }
}
