//! Short links: every campaign and guide (and any page with `short:`) gets a code for
//! `<base_url>q/<CODE>/`, the address its QR code carries. Printed codes cannot be recalled,
//! so every code ever published is kept in `short-links.yaml` (committed, like Cargo.lock)
//! and a build that would drop one, or send it to another page, fails.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::fields::Spanned;
use super::site::Site;
use crate::diag::{Diagnostic, Position, Text};
use crate::text;
use crate::yaml::{self, Locator, Segment};

/// The registry, in the portal's root folder.
pub const REGISTRY_FILE: &str = "short-links.yaml";
/// Generated codes avoid characters confused on paper: 0/O, 1/I/L.
pub const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const GENERATED_LENGTH: usize = 4;

/// A page a code leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    Campaign(usize),
    Guide(usize),
    Directive(usize),
}

/// The short links of a build.
#[derive(Debug, Default, Clone)]
pub struct ShortLinks {
    /// Code → page, every live code (a page may have several: all stay printed somewhere).
    pub links: BTreeMap<String, Target>,
    /// The code shown and printed for each page.
    pub primary: HashMap<Target, String>,
    /// Retired codes → the site path they now send people to.
    pub retired: BTreeMap<String, String>,
    /// The registry as it should be written after a successful build.
    pub registry: String,
    /// Whether `registry` differs from the file on disk.
    pub changed: bool,
}

/// One entry of the registry file.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `campaign/<slug>`, `guide/<slug>` or `directive/<slug>`.
    pub page: Option<String>,
    pub title: Option<String>,
    /// The site path a retired code now sends people to (checked by `check_site_path`).
    pub retired: Option<String>,
    /// Where the code is written in the registry.
    pub position: Position,
}

struct Page {
    target: Target,
    key: String,
    /// Keys this page was known by before (from `aliases`).
    old_keys: Vec<String>,
    title: String,
    declared: Option<Spanned<String>>,
    file: std::path::PathBuf,
}

/// Resolves every page's codes against the registry. Errors name the poster link that
/// would break and how to keep it.
pub fn resolve(site: &Site) -> (ShortLinks, Vec<Diagnostic>) {
    match read(&site.root) {
        Ok(on_disk) => resolve_read(site, on_disk.as_deref()),
        Err(error) => (ShortLinks::default(), vec![error]),
    }
}

/// The registry's text in the portal at `root`, None when there is none.
pub(crate) fn read(root: &std::path::Path) -> Result<Option<String>, Diagnostic> {
    super::load::read_settings(&root.join(REGISTRY_FILE), std::path::Path::new(REGISTRY_FILE))
}

/// [`resolve`] with the registry's text as read (`on_disk`).
pub(crate) fn resolve_read(site: &Site, on_disk: Option<&str>) -> (ShortLinks, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let (registry, problems) = match on_disk.map(parse_registry) {
        Some(Ok(read)) => read,
        Some(Err(error)) => return (ShortLinks::default(), vec![error]),
        None => (BTreeMap::new(), Vec::new()),
    };
    // A registry with refused entries is never rewritten: that would drop them.
    let keep_file = !problems.is_empty();
    diagnostics.extend(problems);
    let pages = pages(site);
    let by_key: HashMap<&str, usize> = pages.iter().enumerate().map(|(i, p)| (p.key.as_str(), i)).collect();
    let by_old_key: HashMap<&str, usize> =
        pages.iter().enumerate().flat_map(|(i, p)| p.old_keys.iter().map(move |k| (k.as_str(), i))).collect();
    let page_of = |key: &str| by_key.get(key).or_else(|| by_old_key.get(key)).copied();

    let declared_by: HashMap<&str, usize> =
        pages.iter().enumerate().filter_map(|(i, p)| Some((p.declared.as_ref()?.value.as_str(), i))).collect();
    let registered_keys: Vec<&str> = registry.values().filter_map(|e| e.page.as_deref()).collect();
    let mut links = ShortLinks::default();
    for (code, entry) in &registry {
        match (&entry.page, &entry.retired) {
            (_, Some(redirect)) => {
                links.retired.insert(code.clone(), redirect.clone());
            }
            (Some(key), None) => {
                // The page itself, a page that lists the old slug in `aliases`, a renamed file
                // that kept its declared `short:`, or else the one new page with the same title.
                let renamed_with_title = || {
                    let title = entry.title.as_deref()?;
                    let mut matches = pages
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| p.title == title && !registered_keys.contains(&p.key.as_str()));
                    let (i, _) = matches.next()?;
                    matches.next().is_none().then_some(i)
                };
                let found = page_of(key).or_else(|| declared_by.get(code.as_str()).copied());
                match found.or_else(|| {
                    let i = renamed_with_title()?;
                    diagnostics.push(
                        Diagnostic::warning(
                            &pages[i].file,
                            Position::new(1, 1),
                            crate::msg!("short-code-follows-title", code, key),
                        )
                        .with_hint(crate::msg!(
                            "short-code-follows-title-hint",
                            key,
                            registry = REGISTRY_FILE
                        )),
                    );
                    Some(i)
                }) {
                    Some(i) => {
                        links.links.insert(code.clone(), pages[i].target);
                    }
                    None => diagnostics.push(broken(site, code, key, entry.position)),
                }
            }
            (None, None) => diagnostics.push(
                Diagnostic::error(REGISTRY_FILE, entry.position, crate::msg!("short-code-empty", code))
                    .with_hint(crate::msg!("short-code-empty-hint")),
            ),
        }
    }
    for page in &pages {
        let Some(declared) = &page.declared else { continue };
        let code = &declared.value;
        match links.links.get(code) {
            Some(target) if *target == page.target => {}
            Some(target) => {
                let other = &pages[pages.iter().position(|p| p.target == *target).expect("target is a page")];
                diagnostics.push(
                    Diagnostic::error(
                        &page.file,
                        declared.position,
                        crate::msg!("short-code-printed", code, other = other.file.display()),
                    )
                    .with_hint(crate::msg!("short-code-printed-hint")),
                );
            }
            None => {
                links.retired.remove(code);
                links.links.insert(code.clone(), page.target);
            }
        }
        links.primary.insert(page.target, code.clone());
    }
    let mut taken: Vec<String> = registry.keys().cloned().collect();
    taken.extend(links.links.keys().cloned());
    for page in &pages {
        if links.primary.contains_key(&page.target) || page.declared.is_some() {
            continue;
        }
        let existing = links.links.iter().find(|(_, t)| **t == page.target).map(|(c, _)| c.clone());
        let code = existing.unwrap_or_else(|| {
            let code = generate(&page.key, &taken);
            taken.push(code.clone());
            links.links.insert(code.clone(), page.target);
            code
        });
        links.primary.insert(page.target, code);
    }
    links.registry = write_registry(&links, &pages, site);
    links.changed = !keep_file && on_disk != Some(links.registry.as_str());
    (links, diagnostics)
}

fn broken(site: &Site, code: &str, key: &str, position: Position) -> Diagnostic {
    let slug = key.split('/').nth(1).unwrap_or(key);
    Diagnostic::error(
        REGISTRY_FILE,
        position,
        crate::msg!("short-code-broken", link = format_args!("{}q/{code}/", site.config.base_url), key),
    )
    .with_hint(crate::msg!("short-code-broken-hint", slug, registry = REGISTRY_FILE))
}

fn pages(site: &Site) -> Vec<Page> {
    let old_keys = |kind: &str, aliases: &[Spanned<String>]| -> Vec<String> {
        aliases
            .iter()
            .map(|a| {
                format!(
                    "{kind}/{}",
                    text::slugify(a.value.trim_end_matches('/').rsplit('/').next().unwrap_or(&a.value))
                )
            })
            .collect()
    };
    let page = |target: Target,
                kind: &str,
                source: &super::Source,
                aliases: &[Spanned<String>],
                title: &str,
                short: &Option<Spanned<String>>| Page {
        target,
        key: format!("{kind}/{}", source.slug),
        old_keys: old_keys(kind, aliases),
        title: title.to_owned(),
        declared: short.clone(),
        file: source.path.clone(),
    };
    let mut pages = Vec::new();
    for (i, c) in site.campaigns.iter().enumerate() {
        pages.push(page(Target::Campaign(i), "campaign", &c.source, &c.aliases, &c.title, &c.short));
    }
    for (i, g) in site.guides.iter().enumerate() {
        pages.push(page(Target::Guide(i), "guide", &g.source, &g.aliases, &g.title, &g.short));
    }
    // Directives get a code only when they ask for one (or were renamed).
    for (i, d) in site.directives.iter().enumerate() {
        if d.short.is_some() || !d.aliases.is_empty() {
            pages.push(page(Target::Directive(i), "directive", &d.source, &d.aliases, &d.title, &d.short));
        }
    }
    pages
}

/// A new code for a page: a hash of its key in the unambiguous alphabet, skipping codes in use.
fn generate(key: &str, taken: &[String]) -> String {
    (0u32..)
        .map(|attempt| {
            let mut hash = crate::hash::fnv1a(&format!("{key}#{attempt}"));
            (0..GENERATED_LENGTH)
                .map(|_| {
                    let c = ALPHABET[(hash % ALPHABET.len() as u32) as usize] as char;
                    hash /= ALPHABET.len() as u32;
                    c
                })
                .collect::<String>()
        })
        .find(|code| !taken.contains(code))
        .expect("an unused code")
}

/// Reads the registry: entries by upper-case code. A code or `retired:` target that could
/// not be a site path is an error at its line and is left out.
pub fn parse_registry(text: &str) -> Result<(BTreeMap<String, Entry>, Vec<Diagnostic>), Diagnostic> {
    let value = yaml::parse_yaml(text, 1)
        .map_err(|e| Diagnostic::error(REGISTRY_FILE, e.position, e.message).with_hint(e.hint))?;
    let locator = Locator::new(text, 1);
    let Some(map) = value.as_object() else {
        return Ok((BTreeMap::new(), Vec::new()));
    };
    let mut entries = BTreeMap::new();
    let mut problems = Vec::new();
    for (code, fields) in map {
        let position = locator.key_position(&[Segment::Key(code.clone())]);
        if let Err(problem) = check_code(code) {
            problems.push(
                Diagnostic::error(REGISTRY_FILE, position, crate::msg!("short-code-invalid", code, problem))
                    .with_hint(code_hint()),
            );
            continue;
        }
        let field = |name: &str| fields.get(name).and_then(|v| v.as_str()).map(str::to_owned);
        let retired = field("retired");
        if let Some(target) = &retired
            && let Err(problem) = check_site_path(target, true)
        {
            let at = locator.position(&[Segment::Key(code.clone()), Segment::Key("retired".into())]);
            problems.push(
                Diagnostic::error(REGISTRY_FILE, at, crate::msg!("short-retired-not-site-path", target, problem))
                    .with_hint(site_path_hint()),
            );
            continue;
        }
        entries.insert(code.to_uppercase(), Entry { page: field("page"), title: field("title"), retired, position });
    }
    Ok((entries, problems))
}

/// The letters, digits and length a short code may have (printed on paper, typed by hand,
/// and a folder of the output: `q/<CODE>/`).
pub fn code_hint() -> Text {
    crate::msg!("short-code-hint")
}

/// Whether `code` can be a short code.
pub fn check_code(code: &str) -> Result<(), Text> {
    if !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(crate::msg!("short-code-characters"));
    }
    if !(3..=12).contains(&code.len()) {
        return Err(crate::msg!("short-code-length"));
    }
    Ok(())
}

/// The longest placement slug: it is printed in the QR code of every poster of the run.
pub const PLACEMENT_MAX: usize = 24;

/// How to write a placement slug.
pub fn placement_hint() -> Text {
    crate::msg!("placement-slug-hint")
}

/// Whether `slug` can be a placement slug (`?n=<slug>` on a short link, a folder of the
/// print pages, a word of the scans log): plain ASCII so it needs no escaping anywhere.
pub fn check_placement(slug: &str) -> Result<(), Text> {
    if slug.is_empty() || slug.len() > PLACEMENT_MAX {
        return Err(crate::msg!("placement-slug-length", max = PLACEMENT_MAX));
    }
    if !slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        || slug.starts_with('-')
        || slug.ends_with('-')
    {
        return Err(crate::msg!("placement-slug-characters"));
    }
    Ok(())
}

/// How to write a site path (`aliases:` and `retired:`).
pub fn site_path_hint() -> Text {
    crate::msg!("site-path-hint")
}

/// Whether `path` is a site path such as `/cu/duong-dan/`: starts with `/`, segments of
/// unreserved URL characters only, none empty, `.` or `..`. These paths become output
/// folders, server redirect rules and URLs, so nothing needs escaping in any of them.
/// `root` allows `/` itself (a retired code may send people to the home page; an alias there
/// would replace it).
pub fn check_site_path(path: &str, root: bool) -> Result<(), Text> {
    let Some(rest) = path.strip_prefix('/') else {
        return Err(crate::msg!("site-path-no-slash"));
    };
    if rest.is_empty() {
        return if root { Ok(()) } else { Err(crate::msg!("site-path-home")) };
    }
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    for segment in rest.split('/') {
        if let Some(c) = segment.chars().find(|c| !(c.is_ascii_alphanumeric() || "-_.~".contains(*c))) {
            return Err(crate::msg!("url-has-character", character = format!("{c:?}")));
        }
        match segment {
            "" => return Err(crate::msg!("site-path-empty-segment")),
            "." | ".." => return Err(crate::msg!("site-path-dot-segment", segment)),
            _ => {}
        }
    }
    Ok(())
}

/// One code in the registry file, as written: every value goes through the YAML emitter.
#[derive(serde::Serialize)]
struct RegistryEntry<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    page: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retired: Option<&'a str>,
}

const REGISTRY_HEADER: &str = "# Short links printed on posters and flyers as QR codes: <base_url>q/<CODE>/.\n\
     # Written by `loa build`; commit this file. A code listed here must keep working:\n\
     # rename a page and list its old slug under `aliases:`, or retire a code with\n\
     # `retired: /path/` to send people to another page.\n";

fn write_registry(links: &ShortLinks, pages: &[Page], site: &Site) -> String {
    let mut entries: BTreeMap<&str, RegistryEntry<'_>> = BTreeMap::new();
    for (code, target) in &links.links {
        let page = pages.iter().find(|p| p.target == *target).expect("target is a page");
        let entry = RegistryEntry {
            page: Some(&page.key),
            title: Some(&page.title),
            url: Some(target_path(site, *target)),
            retired: None,
        };
        entries.insert(code, entry);
    }
    for (code, redirect) in &links.retired {
        let entry = RegistryEntry { page: None, title: None, url: None, retired: Some(redirect) };
        entries.entry(code).or_insert(entry);
    }
    registry_text(&entries)
}

fn registry_text<T: serde::Serialize>(entries: &T) -> String {
    format!("{REGISTRY_HEADER}{}", yaml::emit_yaml(entries))
}

/// The site path of a page a code leads to.
pub fn target_path(site: &Site, target: Target) -> String {
    use crate::content::paths;
    match target {
        Target::Campaign(i) => paths::campaign(&site.campaigns[i].source.slug),
        Target::Guide(i) => paths::guide(&site.guides[i].source.slug),
        Target::Directive(i) => paths::directive(&site.directives[i].source.slug),
    }
}

/// Writes the registry next to `site.yaml` (through a temporary file, so it is never half written).
pub fn save(root: &Path, links: &ShortLinks) -> std::io::Result<()> {
    if !links.changed {
        return Ok(());
    }
    let temporary = root.join(format!(".{REGISTRY_FILE}.tmp"));
    std::fs::write(&temporary, &links.registry)?;
    std::fs::rename(temporary, root.join(REGISTRY_FILE))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_codes_avoid_confusable_characters() {
        let code = generate("campaign/hoi-thi", &[]);
        assert_eq!(code.len(), GENERATED_LENGTH);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        let other = generate("campaign/hoi-thi", std::slice::from_ref(&code));
        assert_ne!(code, other, "a taken code is skipped");
    }

    #[test]
    fn the_emitter_round_trips_codes_and_targets_with_yaml_syntax_in_them() {
        let hostile = ["A: b", "#c", "\"q\" 'r'", "x\ny", "x\r\ny", "- [z]: {w}", "2345", "yes", "~", " lead"];
        let mut entries = BTreeMap::new();
        for (n, text) in hostile.iter().enumerate() {
            let retired = RegistryEntry { page: None, title: None, url: None, retired: Some(text) };
            entries.insert(format!("R{n}{text}"), retired);
            let live =
                RegistryEntry { page: Some(text), title: Some(text), url: Some(format!("/{text}/")), retired: None };
            entries.insert(format!("L{n}{text}"), live);
        }
        let written = registry_text(&entries);
        assert!(written.starts_with(REGISTRY_HEADER));
        let read: BTreeMap<String, BTreeMap<String, String>> = serde_yaml::from_str(&written).expect(&written);
        assert_eq!(read.len(), entries.len(), "{written}");
        for (n, text) in hostile.iter().enumerate() {
            assert_eq!(read[&format!("R{n}{text}")]["retired"], *text, "{written}");
            let live = &read[&format!("L{n}{text}")];
            assert_eq!((live["page"].as_str(), live["title"].as_str()), (*text, *text), "{written}");
            assert_eq!(live["url"], format!("/{text}/"), "{written}");
        }
    }

    #[test]
    fn registry_codes_and_retired_targets_are_checked_where_they_are_read() {
        let text = "OK1:\n  retired: /phong-trao/\n\"../../x\":\n  retired: /\nBAD:\n  retired: /../y/\n";
        let (entries, problems) = parse_registry(text).unwrap();
        assert_eq!(entries.keys().collect::<Vec<_>>(), ["OK1"]);
        let shown: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert!(shown[0].starts_with("short-links.yaml:3:1: error: `../../x` is not a short code"), "{shown:?}");
        assert!(shown[1].starts_with("short-links.yaml:6:12: error: the `retired:` target `/../y/`"), "{shown:?}");
    }

    #[test]
    fn site_paths_are_plain_segments() {
        for good in ["/cu/duong-dan/", "/a", "/a.html", "/tin_tuc/~x/"] {
            assert_eq!(check_site_path(good, false), Ok(()), "{good}");
        }
        assert_eq!(check_site_path("/", true), Ok(()));
        for bad in ["/", "a/b", "/a//b", "/../a", "/a/./b", "/a b", "/a%2e", "/a\\b", "//a", "/a?b", "/é/"] {
            assert!(check_site_path(bad, false).is_err(), "{bad}");
        }
    }
}
