//! Language editions: for each language after the default, a model of the whole portal in
//! which translated items replace their Vietnamese originals. Keeping every item (translated
//! or not) keeps every reference resolving: an English campaign still lists its Vietnamese
//! directives, linked to their Vietnamese pages. Built only when `languages` has more than
//! one entry.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use super::attachments::FileHashes;
use super::load::Loaded;
use super::site::{Preview, Site};
use super::{attachments, life, validate};
use crate::diag::Diagnostic;

/// Builds the edition of `lang` from the default-language model and its translations.
/// Returns the edition and the problems found in translation files.
pub fn build(base: &Site, lang: &str, preview: Preview, hashes: &FileHashes) -> (Site, Vec<Diagnostic>) {
    let mut by_original: HashMap<&std::path::Path, &Loaded> = HashMap::new();
    for item in &base.translations {
        let Some(translation) = &item.source().translation else { continue };
        // A translation scheduled later than its original leaves the original in its place.
        let published = (preview.drafts || !is_draft(item)) && (preview.scheduled || !is_scheduled(item, base));
        if translation.lang == lang && published {
            by_original.insert(translation.original.as_path(), item);
        }
    }
    let translated_files: HashSet<PathBuf> = by_original.values().map(|t| t.source().path.clone()).collect();
    let mut loaded = Vec::with_capacity(
        base.campaigns.len() + base.directives.len() + base.guides.len() + base.organizations.len() + base.people.len(),
    );
    let pick = |path: &std::path::Path| by_original.get(path).copied();
    // Each item: its translation when there is one, else the original. A page keeps its
    // short code and old paths, whatever its language.
    macro_rules! edition_items {
        ($items:expr, $variant:ident) => {
            $items.map(|original| match pick(&original.source.path) {
                Some(Loaded::$variant(t)) => Loaded::$variant(t.clone()),
                _ => Loaded::$variant(original.clone()),
            })
        };
        ($items:expr, $variant:ident, keeping short and aliases) => {
            $items.map(|original| match pick(&original.source.path) {
                Some(Loaded::$variant(t)) => {
                    let mut t = t.clone();
                    t.short = original.short.clone();
                    t.aliases = original.aliases.clone();
                    Loaded::$variant(t)
                }
                _ => Loaded::$variant(original.clone()),
            })
        };
    }
    loaded.extend(edition_items!(base.campaigns.iter(), Campaign, keeping short and aliases));
    loaded.extend(edition_items!(base.directives.iter().map(|d| &**d), Directive, keeping short and aliases));
    loaded.extend(edition_items!(base.guides.iter(), Guide, keeping short and aliases));
    loaded.extend(edition_items!(base.organizations.iter(), Organization));
    loaded.extend(edition_items!(base.people.iter(), Person));
    loaded.extend(edition_items!(base.results.iter(), Result));
    let mut site =
        Site::assemble(base.root.clone(), base.config.clone(), loaded, Preview { drafts: true, scheduled: true });
    site.language = lang.to_owned();
    site.changed = base.changed.clone();
    let mut diagnostics = attachments::resolve(&mut site, hashes);
    // Warnings (a directive with no campaign…) are the original's, already reported.
    diagnostics.extend(validate::validate(&site).into_iter().filter(Diagnostic::is_error));
    site.short_links = base.short_links.clone();
    site.link();
    // Relation errors are the original's, already reported.
    life::derive(&mut site);
    diagnostics.retain(|d| translated_files.contains(&d.file));
    (site, diagnostics)
}

fn is_scheduled(item: &Loaded, base: &Site) -> bool {
    match item {
        Loaded::Campaign(c) => base.is_scheduled(&c.publish),
        Loaded::Directive(d) => base.is_scheduled(&d.publish),
        Loaded::Guide(g) => base.is_scheduled(&g.publish),
        Loaded::Result(r) => base.is_scheduled(&r.publish),
        Loaded::Organization(_) | Loaded::Person(_) => false,
    }
}

fn is_draft(item: &Loaded) -> bool {
    match item {
        Loaded::Campaign(c) => c.draft,
        Loaded::Directive(d) => d.draft,
        Loaded::Guide(g) => g.draft,
        Loaded::Result(r) => r.draft,
        Loaded::Organization(_) | Loaded::Person(_) => false,
    }
}
