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

/// The record as this build reads and rewrites it.
#[derive(Debug, Default, Clone)]
pub struct Published {
    /// Deleted pages' paths → the site path readers are sent to.
    pub redirects: Vec<(String, String)>,
    /// The record as it should be written after a successful build.
    pub record: String,
    /// Whether `record` differs from the file on disk.
    pub changed: bool,
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
        Err(error) => (Published::default(), vec![error]),
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
                Published::default(),
                vec![Diagnostic::error(RECORD_FILE, e.position, e.message).with_hint(e.hint)],
            );
        }
    };
    let locator = Locator::new(text, 1);
    let live = live_pages(site);
    let renamed: BTreeSet<String> = site.alias_redirects().into_iter().map(|(from, _)| from).collect();
    let mut diagnostics = Vec::new();
    let mut lines: BTreeMap<String, Line<'_>> = BTreeMap::new();
    let mut published = Published::default();
    let mut refused = false;
    for (page, line) in value.as_object().into_iter().flatten() {
        let position = locator.key_position(&[Segment::Key(page.clone())]);
        let redirect = line.get("redirect").and_then(|v| v.as_str());
        if let Err(problem) = check_site_path(page, false) {
            diagnostics.push(
                Diagnostic::error(RECORD_FILE, position, crate::msg!("published-not-site-path", page, problem))
                    .with_hint(site_path_hint()),
            );
            refused = true;
            continue;
        }
        if let Some(kind) = live.get(page.as_str()) {
            lines.insert(page.clone(), Line::Page(kind));
            continue;
        }
        match (redirect, line.as_str()) {
            (Some(to), _) => match check_site_path(to, true) {
                Ok(()) => {
                    published.redirects.push((page.clone(), to.to_owned()));
                    lines.insert(page.clone(), Line::Redirect { redirect: to });
                }
                Err(problem) => {
                    let at = locator.position(&[Segment::Key(page.clone()), Segment::Key("redirect".into())]);
                    diagnostics.push(
                        Diagnostic::error(
                            RECORD_FILE,
                            at,
                            crate::msg!("published-redirect-not-site-path", to, problem),
                        )
                        .with_hint(site_path_hint()),
                    );
                    refused = true;
                }
            },
            (None, Some(kind)) if renamed.contains(page.as_str()) => {
                lines.insert(page.clone(), Line::Page(known_kind(kind)));
            }
            (None, _) => {
                diagnostics.push(deleted(site, page, position));
                refused = true;
            }
        }
    }
    for (page, kind) in &live {
        lines.entry(page.clone()).or_insert(Line::Page(kind));
    }
    published.record = format!("{HEADER}{}", yaml::emit_yaml(&lines));
    // A record with refused lines is never rewritten: that would drop them.
    published.changed = !refused && on_disk != Some(published.record.as_str());
    (published, diagnostics)
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

/// Writes the record next to `site.yaml` (through a temporary file, so it is never half written).
pub fn save(root: &Path, published: &Published) -> std::io::Result<()> {
    if !published.changed {
        return Ok(());
    }
    let temporary = root.join(format!(".{RECORD_FILE}.tmp"));
    std::fs::write(&temporary, &published.record)?;
    std::fs::rename(temporary, root.join(RECORD_FILE))
}
