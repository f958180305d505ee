//! The record of published pages: every campaign, directive and guide page a build has put
//! online is kept in `published-pages.yaml` (committed, like `short-links.yaml`). Printed
//! QR codes, links from other sites and search engines point at those addresses, so a page
//! that disappears from `content/` fails the build unless it was renamed (`aliases:`) or
//! its line in the record names a page to send readers to (`redirect:`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::paths;
use super::shortlinks::{check_site_path, site_path_hint};
use super::site::Site;
use crate::diag::{Diagnostic, Position};
use crate::yaml::{self, Locator, Segment};

/// The record, in the portal's root folder.
pub const RECORD_FILE: &str = "published-pages.yaml";

/// The record as this build reads it, checked against the site's pages.
#[derive(Debug, Default, Clone)]
pub struct Published {
    /// Deleted pages' paths → the site path readers are sent to, by path.
    pub redirects: Vec<(String, String)>,
    /// What each line of the record on disk says, by page path: the lines whose path is a
    /// site path (the others were refused).
    entries: BTreeMap<String, Entry>,
    /// A line was refused: the record is then never rewritten (that would drop it).
    refused: bool,
}

/// What a line of the record says of its page, as read (a redirect's target is checked
/// only while its page is gone).
#[derive(Debug, Clone, PartialEq)]
enum Entry {
    /// `{redirect: /path/}`.
    Redirect(String),
    /// A page's kind (`directive`), as a live or renamed page's line reads.
    Kind(String),
    /// Anything else.
    Other,
}

/// What one page's line of the record resolves to after a build.
enum Resolved<'a> {
    /// A live or renamed page, of this kind.
    Page(&'static str),
    /// A deleted page, its readers sent to this site path.
    Redirect(&'a str),
    /// Neither in the record nor live.
    Absent,
}

/// Why a record line is refused, with where its message points (the line's key, or its
/// redirect).
enum Refusal {
    Gone,
    RedirectNotSitePath(String),
}

/// One line of the record as written: a live page's kind, or a deleted page's redirect.
#[derive(serde::Serialize)]
#[serde(untagged)]
enum Line<'a> {
    Page(&'a str),
    Redirect { redirect: &'a str },
}

const HEADER: &str = "# Every page this portal has published. Written by `loa build`; commit this file.\n\
     # A page listed here must keep working: rename it with `aliases:`, withdraw it with\n\
     # `withdrawn:`, or, to delete it, replace its kind with `{redirect: /path/}`.\n";

/// Checks the site against the record: every recorded page is still here, renamed, or
/// redirected. Pages published for the first time join the record.
pub fn resolve(site: &Site) -> (Published, Vec<Diagnostic>) {
    match read(&site.root) {
        Ok(on_disk) => resolve_read(site, on_disk.as_deref()),
        Err(error) => (Published::unread(), vec![error]),
    }
}

impl Published {
    /// The record of a build that could not read it: never rewritten.
    pub(crate) fn unread() -> Published {
        Published { refused: true, ..Published::default() }
    }
}

/// The record's text in the portal at `root`, None when there is none.
pub(crate) fn read(root: &Path) -> Result<Option<String>, Diagnostic> {
    super::load::read_settings(&root.join(RECORD_FILE), Path::new(RECORD_FILE))
}

/// [`resolve`] with the record's text as read (`on_disk`).
pub(crate) fn resolve_read(site: &Site, on_disk: Option<&str>) -> (Published, Vec<Diagnostic>) {
    let text = on_disk.unwrap_or("");
    let value = match yaml::parse_yaml(text, 1) {
        Ok(value) => value,
        Err(e) => {
            return (
                Published::unread(),
                vec![Diagnostic::error(RECORD_FILE, e.position, e.message).with_hint(e.hint)],
            );
        }
    };
    let locator = Locator::new(text, 1);
    let live = live_pages(site);
    let renamed: BTreeSet<String> = site.alias_redirects().into_iter().map(|(from, _)| from).collect();
    let mut diagnostics = Vec::new();
    let mut published = Published::default();
    for (page, line) in value.as_object().into_iter().flatten() {
        let position = locator.key_position(&[Segment::Key(page.clone())]);
        if let Err(problem) = check_site_path(page, false) {
            diagnostics.push(
                Diagnostic::error(RECORD_FILE, position, crate::msg!("published-not-site-path", page, problem))
                    .with_hint(site_path_hint()),
            );
            published.refused = true;
            continue;
        }
        let entry = match (line.get("redirect").and_then(|v| v.as_str()), line.as_str()) {
            (Some(to), _) => Entry::Redirect(to.to_owned()),
            (None, Some(kind)) => Entry::Kind(kind.to_owned()),
            (None, None) => Entry::Other,
        };
        match resolve_line(Some(&entry), live.get(page.as_str()).copied(), || renamed.contains(page.as_str())) {
            Ok(Resolved::Redirect(to)) => published.redirects.push((page.clone(), to.to_owned())),
            Ok(_) => {}
            Err(Refusal::RedirectNotSitePath(problem)) => {
                let to = match &entry {
                    Entry::Redirect(to) => to.as_str(),
                    _ => "",
                };
                let at = locator.position(&[Segment::Key(page.clone()), Segment::Key("redirect".into())]);
                diagnostics.push(
                    Diagnostic::error(RECORD_FILE, at, crate::msg!("published-redirect-not-site-path", to, problem))
                        .with_hint(site_path_hint()),
                );
                published.refused = true;
            }
            Err(Refusal::Gone) => {
                diagnostics.push(deleted(site, page, position));
                published.refused = true;
            }
        }
        published.entries.insert(page.clone(), entry);
    }
    (published, diagnostics)
}

/// What a page's line (`entry`, None without one) resolves to, given whether the page is
/// live (its kind) and, asked only for a gone page, whether a page was renamed from it.
fn resolve_line<'a>(
    entry: Option<&'a Entry>,
    live: Option<&'static str>,
    renamed: impl FnOnce() -> bool,
) -> Result<Resolved<'a>, Refusal> {
    if let Some(kind) = live {
        return Ok(Resolved::Page(kind));
    }
    match entry {
        None => Ok(Resolved::Absent),
        Some(Entry::Redirect(to)) => match check_site_path(to, true) {
            Ok(()) => Ok(Resolved::Redirect(to)),
            Err(problem) => Err(Refusal::RedirectNotSitePath(problem.to_string())),
        },
        Some(Entry::Kind(kind)) if renamed() => Ok(Resolved::Page(known_kind(kind))),
        Some(_) => Err(Refusal::Gone),
    }
}

/// The record as a build writes it: every line of the record on disk resolved against the
/// site, and the pages published for the first time.
pub fn record(site: &Site) -> String {
    let published = &site.published;
    let live = live_pages(site);
    let renamed: BTreeSet<String> = site.alias_redirects().into_iter().map(|(from, _)| from).collect();
    let mut lines: BTreeMap<&str, Line<'_>> = BTreeMap::new();
    for (page, entry) in &published.entries {
        let line = match resolve_line(Some(entry), live.get(page.as_str()).copied(), || renamed.contains(page)) {
            Ok(Resolved::Page(kind)) => Line::Page(kind),
            Ok(Resolved::Redirect(to)) => Line::Redirect { redirect: to },
            Ok(Resolved::Absent) | Err(_) => continue,
        };
        lines.insert(page, line);
    }
    for (page, kind) in &live {
        lines.entry(page).or_insert(Line::Page(kind));
    }
    format!("{HEADER}{}", yaml::emit_yaml(&lines))
}

/// The record after an edit of the pages at `pages` (site paths; their liveness may have
/// changed) and of the record's text from `old_text` to `new_text`, from the record as
/// it was (`site.published`, which read `old_text` without a problem): None when the edit
/// reaches further than those lines (a line of the text that is not a one-line entry of a
/// site path, a page refused) and the record must be read again.
pub(crate) fn patched(site: &Site, pages: &[String], old_text: &str, new_text: &str) -> Option<Published> {
    let before = &site.published;
    if before.refused {
        return None;
    }
    let mut entries = before.entries.clone();
    let mut touched: BTreeSet<String> = pages.iter().cloned().collect();
    if old_text != new_text {
        let (gone, came) = changed_lines(old_text, new_text)?;
        for line in gone {
            let Some((page, _)) = simple_line(line)? else { continue };
            entries.remove(page)?;
            touched.insert(page.to_owned());
        }
        for line in came {
            let Some((page, entry)) = simple_line(line)? else { continue };
            check_site_path(page, false).ok()?;
            // A key twice is a parse error: read again, to say where.
            if entries.insert(page.to_owned(), entry).is_some() {
                return None;
            }
            touched.insert(page.to_owned());
        }
    }
    let mut redirects: BTreeMap<String, String> = before.redirects.iter().cloned().collect();
    let mut renamed: Option<BTreeSet<String>> = None;
    for page in &touched {
        let mut is_renamed = || {
            renamed
                .get_or_insert_with(|| site.alias_redirects().into_iter().map(|(from, _)| from).collect())
                .contains(page)
        };
        match resolve_line(entries.get(page), live_kind(site, page), &mut is_renamed).ok()? {
            Resolved::Redirect(to) => redirects.insert(page.clone(), to.to_owned()),
            Resolved::Page(_) | Resolved::Absent => redirects.remove(page),
        };
    }
    Some(Published { redirects: redirects.into_iter().collect(), entries, refused: false })
}

/// The lines of `old` and `new` between their common first and last lines: those the
/// edit removed and those it wrote. None when a changed line is not a whole line of its
/// own (the last line lost or gained its line break).
fn changed_lines<'a>(old: &'a str, new: &'a str) -> Option<(Vec<&'a str>, Vec<&'a str>)> {
    if !old.ends_with('\n') && !old.is_empty() || !new.ends_with('\n') && !new.is_empty() {
        return None;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a[prefix..].iter().rev().zip(b[prefix..].iter().rev()).take_while(|(x, y)| x == y).count();
    let following = a.get(a.len() - suffix);
    // A line after the edit that continues an entry (indented) could belong to an edited one.
    if following.is_some_and(|line| line.starts_with([' ', '\t'])) {
        return None;
    }
    Some((a[prefix..a.len() - suffix].to_vec(), b[prefix..b.len() - suffix].to_vec()))
}

/// A record line that YAML reads as one whole entry on its own: a site path (letters,
/// digits, `-`, `_`, `.`, `/`, shorter than [`LONGEST_PLAIN_KEY`]), then `: ` and a page's kind or
/// `{redirect: PATH}`; or a comment or blank line (Some(None): no entry). None for any
/// other line: the record is read again.
fn simple_line(line: &str) -> Option<Option<(&str, Entry)>> {
    if line.is_empty() {
        return Some(None);
    }
    if line.starts_with('#') {
        // YAML also breaks lines at these: what follows one would be a line of its own.
        let other_break = line.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']);
        return (!other_break).then_some(None);
    }
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./".contains(&b));
    let (page, value) = line.split_once(": ")?;
    // YAML reads a key written without `?` only up to 1,024 characters.
    if !page.starts_with('/') || !plain(page) || page.len() >= LONGEST_PLAIN_KEY {
        return None;
    }
    if let Some(to) = value.strip_prefix("{redirect: ").and_then(|v| v.strip_suffix('}')) {
        return (to.starts_with('/') && plain(to)).then(|| Some((page, Entry::Redirect(to.to_owned()))));
    }
    // Only the kinds a build writes: another word may be a YAML boolean or null.
    let kind = ["campaign", "directive", "guide"].contains(&value);
    kind.then(|| Some((page, Entry::Kind(value.to_owned()))))
}

/// The longest page path (in bytes) [`simple_line`] reads, under YAML's limit on a key
/// written without `?` (1,024 characters).
const LONGEST_PLAIN_KEY: usize = 1000;

/// The kind of the live page at site path `page`, None when no live page is there.
fn live_kind(site: &Site, page: &str) -> Option<&'static str> {
    let links = &site.links;
    let live = |draft: bool, publish| !draft && !site.is_scheduled(publish);
    let slug = page.strip_suffix('/')?.rsplit('/').next()?;
    if let Some(&i) = links.directive_by_slug.get(slug)
        && paths::directive(slug) == page
    {
        let d = &site.directives[i];
        return live(d.draft, &d.publish).then_some("directive");
    }
    if let Some(&i) = links.campaign_by_slug.get(slug)
        && paths::campaign(&site.campaigns[i].source.slug) == page
    {
        let c = &site.campaigns[i];
        return live(c.draft, &c.publish).then_some("campaign");
    }
    if let Some(&i) = links.guide_by_slug.get(slug)
        && paths::guide(slug) == page
    {
        let g = &site.guides[i];
        return live(g.draft, &g.publish).then_some("guide");
    }
    None
}

/// The kinds a record line may name; anything else is kept as a directive's.
fn known_kind(kind: &str) -> &'static str {
    ["campaign", "guide"].into_iter().find(|k| *k == kind).unwrap_or("directive")
}

fn deleted(site: &Site, page: &str, position: Position) -> Diagnostic {
    let slug = page.trim_end_matches('/').rsplit('/').next().unwrap_or(page);
    let withdraw = if page.starts_with(paths::DIRECTIVES) {
        format!(" {}", crate::msg!("published-withdraw-hint"))
    } else {
        String::new()
    };
    Diagnostic::error(
        RECORD_FILE,
        position,
        crate::msg!("published-gone", base = site.config.base_url.trim_end_matches('/'), page),
    )
    .with_hint(crate::msg!("published-gone-hint", slug, page, withdraw))
}

/// The pages of this build that count as published: not drafts, not scheduled for later
/// (a preview shows both, and records neither).
fn live_pages(site: &Site) -> BTreeMap<String, &'static str> {
    let mut live = BTreeMap::new();
    for c in site.campaigns.iter().filter(|c| !c.draft && !site.is_scheduled(&c.publish)) {
        live.insert(paths::campaign(&c.source.slug), "campaign");
    }
    for d in site.directives.iter().filter(|d| !d.draft && !site.is_scheduled(&d.publish)) {
        live.insert(paths::directive(&d.source.slug), "directive");
    }
    for g in site.guides.iter().filter(|g| !g.draft && !site.is_scheduled(&g.publish)) {
        live.insert(paths::guide(&g.source.slug), "guide");
    }
    live
}

/// Writes the record next to `site.yaml` (through a temporary file, so it is never half
/// written) when it differs from the record the model read. A record with a refused line,
/// or that could not be read, is never rewritten.
pub fn save(root: &Path, site: &Site) -> std::io::Result<()> {
    let Some(on_disk) = site.derived.record.as_ref().filter(|_| !site.published.refused) else { return Ok(()) };
    let record = record(site);
    if on_disk.as_deref() == Some(record.as_str()) {
        return Ok(());
    }
    let temporary = root.join(format!(".{RECORD_FILE}.tmp"));
    std::fs::write(&temporary, &record)?;
    std::fs::rename(temporary, root.join(RECORD_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_one_line_entry_is_read_as_yaml_reads_it_and_anything_else_is_not() {
        let redirect = simple_line("/van-ban/a-b/: {redirect: /van-ban/}");
        assert_eq!(redirect, Some(Some(("/van-ban/a-b/", Entry::Redirect("/van-ban/".into())))));
        assert_eq!(
            simple_line("/huong-dan/x_1.2/: guide"),
            Some(Some(("/huong-dan/x_1.2/", Entry::Kind("guide".into()))))
        );
        assert_eq!(simple_line("# a comment"), Some(None));
        assert_eq!(simple_line(""), Some(None));
        // Quoted, indented, flow with more keys, a comment after the value, a block entry.
        for line in [
            "'/van-ban/a/': directive",
            "  /van-ban/a/: directive",
            "/van-ban/a/: {redirect: /van-ban/, x: 1}",
            "/van-ban/a/: directive # note",
            "/van-ban/a/:",
            "/van-ban/ä/: directive",
            "/van-ban/a/: {redirect: van-ban}",
            "/van-ban/a/: true",
            "/van-ban/a/: null",
        ] {
            assert_eq!(simple_line(line), None, "{line}");
        }
    }

    /// What YAML reads of `line` among the lines of a record (after a line of its own):
    /// Err when the record does not parse, else its entries but the first line's.
    fn yaml_reading(line: &str) -> Result<Vec<(String, Entry)>, ()> {
        let value = yaml::parse_yaml(&format!("{FIRST}\n{line}\n"), 1).map_err(|_| ())?;
        let Some(entries) = value.as_object() else { return Err(()) };
        let read = entries.iter().filter(|(page, _)| page.as_str() != FIRST_PAGE).map(|(page, line)| {
            let entry = match (line.get("redirect").and_then(|v| v.as_str()), line.as_str()) {
                (Some(to), _) => Entry::Redirect(to.to_owned()),
                (None, Some(kind)) => Entry::Kind(kind.to_owned()),
                (None, None) => Entry::Other,
            };
            (page.clone(), entry)
        });
        Ok(read.collect())
    }

    const FIRST_PAGE: &str = "/~first~/";
    const FIRST: &str = "/~first~/: directive";

    /// A site path as a build writes it: `/`, segments of the plain characters, `/`.
    fn site_path() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::collection::vec("[a-z0-9][a-z0-9._-]{0,30}", 0..4)
                .prop_map(|segments| format!("/{}", segments.iter().map(|s| format!("{s}/")).collect::<String>())),
            // Longer than YAML's 1,024-character limit on a key written without `?`.
            (1000usize..1100).prop_map(|n| format!("/{}/", "a".repeat(n))),
        ]
    }

    /// A line as a build writes it: a live page's kind or a deleted page's redirect.
    fn written_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let kind = prop_oneof![Just("campaign"), Just("directive"), Just("guide")];
        prop_oneof![
            (site_path(), kind).prop_map(|(page, kind)| format!("{page}: {kind}")),
            (site_path(), site_path()).prop_map(|(page, to)| format!("{page}: {{redirect: {to}}}")),
        ]
    }

    /// An odd line: a written one with characters put in, or any text of the characters
    /// that mean something in YAML (quotes, colons, `#`, spaces, braces, unicode…).
    fn odd_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let odd = r#"[ #:'"{}\[\],&*!|>%@`?\t\\ạđ\u{2028}\u{a0}\u{feff}-]"#;
        prop_oneof![
            (written_line(), proptest::collection::vec((any::<proptest::sample::Index>(), odd), 1..3)).prop_map(
                |(mut line, inserts)| {
                    for (at, text) in inserts {
                        let chars: Vec<(usize, char)> = line.char_indices().collect();
                        let at = chars.get(at.index(chars.len() + 1)).map_or(line.len(), |(i, _)| *i);
                        line.insert_str(at, &text);
                    }
                    line
                }
            ),
            proptest::string::string_regex(&format!(
                "{odd}{{0,3}}/[a-z/ #:'\"{{}}ạ.-]{{0,12}}{odd}{{0,2}}[a-z :{{}}/#'ạ-]{{0,16}}"
            ))
            .expect("a regex"),
            Just("/a/: true".to_owned()),
            Just("/a/: ~".to_owned()),
            Just("/a/: {redirect: /b/}  ".to_owned()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn a_line_read_alone_is_read_as_yaml_reads_it_or_declined(
            line in proptest::prop_oneof![written_line(), odd_line()]
        ) {
            let Some(read) = simple_line(&line) else { return Ok(()) };
            let yaml = yaml_reading(&line);
            let expected: Result<Vec<(String, Entry)>, ()> =
                Ok(read.map(|(page, entry)| (page.to_owned(), entry)).into_iter().collect());
            proptest::prop_assert_eq!(yaml, expected, "{:?}", line);
        }
    }

    proptest::proptest! {
        #[test]
        fn a_line_a_build_writes_is_read_alone(line in written_line()) {
            let page = line.split_once(": ").map(|(page, _)| page).unwrap_or_default();
            proptest::prop_assume!(page.len() < LONGEST_PLAIN_KEY);
            proptest::prop_assert!(matches!(simple_line(&line), Some(Some(_))), "{:?}", line);
        }
    }

    #[test]
    fn the_changed_lines_are_those_between_the_common_first_and_last_lines() {
        let old = "# h\n/a/: directive\n/b/: directive\n/c/: guide\n";
        let new = "# h\n/a/: directive\n/b/: {redirect: /}\n/c/: guide\n";
        assert_eq!(changed_lines(old, new), Some((vec!["/b/: directive"], vec!["/b/: {redirect: /}"])));
        assert_eq!(changed_lines(old, &format!("{old}/d/: guide\n")), Some((vec![], vec!["/d/: guide"])));
        // The edited line's entry may go on below it.
        let block = "# h\n/a/: directive\n/b/:\n  redirect: /\n";
        assert_eq!(changed_lines("# h\n/a/: directive\n/b/: x\n  redirect: /\n", block), None);
        assert_eq!(changed_lines(old, "# h\n/a/: directive"), None, "no line break at the end");
    }
}
