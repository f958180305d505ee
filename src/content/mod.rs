//! The content stage: load every file, resolve attachments and refs, validate, and build the
//! `Site` model that every output reads.

pub mod attachments;
pub mod editions;
pub mod fields;
pub mod format;
pub mod front_matter;
pub(crate) mod history;
pub mod life;
pub mod load;
pub mod model;
pub mod paths;
pub mod published;
pub mod reach;
pub mod results;
pub mod scans;
pub mod schema;
pub mod shortlinks;
pub mod site;
pub(crate) mod validate;

pub use model::*;
pub use site::{ContactRef, Preview, Scheduled, Site};

use std::path::Path;

use crate::config::Config;
use crate::diag::Diagnostic;

/// Options that change what is loaded.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Publish files marked `draft: true`.
    pub drafts: bool,
    pub base_url: Option<String>,
}

/// Loads and validates a whole portal. Returns the site (when it could be built at all) and
/// every diagnostic, errors and warnings, sorted.
pub fn load_site(
    root: &Path,
    options: &LoadOptions,
    hashes: &attachments::FileHashes,
) -> (Option<Site>, Vec<Diagnostic>) {
    let config = match Config::load(&root.join("site.yaml"), Path::new("site.yaml"), options.base_url.as_deref()) {
        Ok(config) => config,
        Err(diagnostics) => return (None, diagnostics),
    };
    let (files, mut diagnostics) = load::scan(&root.join("content"));
    let (loaded, problems) = load::load_all(root, &files, &config.languages, config.max_file_bytes);
    diagnostics.extend(problems);
    // A build with drafts is a preview: it shows scheduled files too.
    let preview = Preview { drafts: options.drafts, scheduled: options.drafts };
    let (site, diagnostics) = assemble(root, config, loaded, preview, hashes, diagnostics);
    (Some(site), diagnostics)
}

/// Builds the model from loaded files: attachments, cross-file validation, short links and
/// reverse links. `diagnostics` are the loading problems, returned with the new ones, sorted.
pub fn assemble(
    root: &Path,
    config: Config,
    loaded: Vec<load::Loaded>,
    preview: Preview,
    hashes: &attachments::FileHashes,
    diagnostics: Vec<Diagnostic>,
) -> (Site, Vec<Diagnostic>) {
    let (translations, loaded): (Vec<load::Loaded>, Vec<load::Loaded>) =
        loaded.into_iter().partition(|item| item.source().translation.is_some());
    let mut site = Site::assemble(root.to_path_buf(), config, loaded, preview);
    site.translations = translations;
    let diagnostics = derive(&mut site, preview, hashes, diagnostics, None, &mut |_| {});
    (site, diagnostics)
}

/// A new state of one content file, for [`patch`].
#[derive(Debug, Clone)]
pub enum Edit {
    /// The file as loaded now: new, or in place of its earlier version.
    Put(Box<load::Loaded>),
    /// The file (its path relative to the portal root, as in `Source::path`) is gone.
    Remove(std::path::PathBuf),
}

/// Applies `edits` to a model in place and derives everything again, so that the result is
/// the model [`assemble`] makes from the files after the edits (the moment publication is
/// decided for stays the model's own). `diagnostics` are the loading problems, as for
/// [`assemble`]. None, leaving the model untouched, for a model with language editions or an
/// edit of a translation: those are assembled again.
pub fn patch(
    site: &mut Site,
    edits: Vec<Edit>,
    preview: Preview,
    hashes: &attachments::FileHashes,
    diagnostics: Vec<Diagnostic>,
) -> Option<Vec<Diagnostic>> {
    patch_timed(site, edits, preview, hashes, diagnostics, &mut |_| {})
}

/// [`patch`], telling `stage` as each step of the derivation ends (for `LOA_TIMINGS`).
pub fn patch_timed(
    site: &mut Site,
    edits: Vec<Edit>,
    preview: Preview,
    hashes: &attachments::FileHashes,
    diagnostics: Vec<Diagnostic>,
    stage: &mut dyn FnMut(&'static str),
) -> Option<Vec<Diagnostic>> {
    let translation = |edit: &Edit| matches!(edit, Edit::Put(item) if item.source().translation.is_some());
    if site.config.languages.len() > 1 || !site.translations.is_empty() || edits.iter().any(translation) {
        return None;
    }
    let mut before = reach::Before::take(site, &edits);
    site.patch_items(edits, preview);
    before.locate_after(site);
    stage("model: items patched");
    Some(derive(site, preview, hashes, diagnostics, Some(&before), stage))
}

/// Everything the model derives from its items, in order: slug lookups, Git dates,
/// attachments, validation, short links, the record of published pages, reverse links and
/// language editions. The one place derived data is made: [`assemble`] and [`patch`] both
/// call it, so data derived here is right after either (add new derived data here, never
/// to one of them). Each step starts from nothing, so it may run again on a model it ran
/// on. Returns `diagnostics` with the problems found, sorted.
fn derive(
    site: &mut Site,
    preview: Preview,
    hashes: &attachments::FileHashes,
    mut diagnostics: Vec<Diagnostic>,
    before: Option<&reach::Before>,
    stage: &mut dyn FnMut(&'static str),
) -> Vec<Diagnostic> {
    // A patch renumbers the reverse links of the model before it, when it can.
    let previous = before.map(|_| std::mem::take(&mut site.links));
    site.index_slugs();
    site.changed = match site.config.edit_url {
        Some(_) => history::last_changed(&site.root),
        None => Default::default(),
    };
    let attachments_kept = match before.zip(previous.as_ref()) {
        Some((before, links)) if before.keeps_attachments(site, links) => {
            before.carry_attachments(site);
            true
        }
        // Only the edited directives' attachments looked up, when that is all that changed.
        Some((before, links)) => before.patch_attachments(site, hashes, links),
        None => false,
    };
    if !attachments_kept {
        site.derived.attachments = attachments::resolve(site, hashes);
    }
    diagnostics.extend(site.derived.attachments.iter().cloned());
    stage("model: attachments");
    let old_count = previous.as_ref().map_or(0, |links| links.citations_of_directive.len());
    site.derived.checks = match before {
        Some(before) => before.patched_checks(site, &site.derived.checks, old_count),
        None => validate::check_directives(site),
    };
    diagnostics.extend(validate::validate_with(site, &site.derived.checks));
    stage("model: validated");
    resolve_short_links(site, before, old_count);
    diagnostics.extend(site.derived.short_links.iter().cloned());
    stage("model: short links");
    resolve_published(site, before);
    diagnostics.extend(site.derived.published.iter().cloned());
    stage("model: published record");
    // Made by `index_slugs` above: held here only, so taken without a copy.
    let lookups = std::sync::Arc::unwrap_or_clone(std::mem::take(&mut site.links));
    site.links = std::sync::Arc::new(match (before, previous) {
        (Some(before), Some(previous)) if before.can_relink(site, &lookups, &previous, attachments_kept) => {
            before.patched_links(site, lookups, &previous)
        }
        _ => relinked(site, lookups),
    });
    stage("model: reverse links");
    diagnostics.extend(life::derive(site));
    site.scans = match scans::load(&site.root) {
        Ok(scans) => scans,
        Err(problem) => {
            diagnostics.push(problem);
            None
        }
    };
    stage("model: life");
    site.editions.clear();
    let languages: Vec<String> = site.config.languages.iter().skip(1).cloned().collect();
    for lang in languages {
        let (edition, problems) = editions::build(site, &lang, preview, hashes);
        diagnostics.extend(problems);
        site.editions.push(edition);
    }
    diagnostics.sort_by(|a, b| (&a.file, a.position, a.severity).cmp(&(&b.file, b.position, b.severity)));
    diagnostics.dedup();
    diagnostics
}

/// `site` linked in full from its slug lookups.
fn relinked(site: &mut Site, lookups: site::Links) -> site::Links {
    site.links = std::sync::Arc::new(lookups);
    site.link();
    std::sync::Arc::unwrap_or_clone(std::mem::take(&mut site.links))
}

/// The record of published pages checked again, unless the edit (`before`) reaches nothing
/// it reads and its text is as last read; only the lines it reaches, when that is all an
/// edit of directives or of the record's lines changes ([`published::patched`]).
fn resolve_published(site: &mut Site, before: Option<&reach::Before>) {
    let read = published::read(&site.root);
    let text = read.as_ref().ok().cloned();
    let same_text = text.is_some() && site.derived.record == text;
    if same_text && before.is_some_and(|b| b.keeps_published(site)) {
        return;
    }
    let pages = before.filter(|_| site.derived.published.is_empty()).and_then(|b| b.published_pages(site));
    if let (Some(pages), Some(old), Some(new)) = (pages, &site.derived.record, &text) {
        let text_of = |t: &Option<String>| t.clone().unwrap_or_default();
        if let Some(patched) = published::patched(site, &pages, &text_of(old), &text_of(new)) {
            site.published = std::sync::Arc::new(patched);
            site.derived.record = text;
            return;
        }
    }
    let (published, problems) = match &read {
        Ok(on_disk) => published::resolve_read(site, on_disk.as_deref()),
        Err(error) => (published::Published::unread(), vec![error.clone()]),
    };
    site.published = std::sync::Arc::new(published);
    site.derived.published = problems;
    site.derived.record = text;
}

/// The short links resolved again, unless the edit (`before`) reaches no page with a code
/// and the registry's text is as last read: then renumbered (`old_count` directives before).
fn resolve_short_links(site: &mut Site, before: Option<&reach::Before>, old_count: usize) {
    let read = shortlinks::read(&site.root);
    let text = read.as_ref().ok().cloned();
    if let Some(before) =
        before.filter(|b| text.is_some() && site.derived.registry == text && b.keeps_short_links(site))
    {
        before.renumber_short_links(site, old_count);
        return;
    }
    let (short_links, problems) = match &read {
        Ok(on_disk) => shortlinks::resolve_read(site, on_disk.as_deref()),
        Err(error) => (Default::default(), vec![error.clone()]),
    };
    site.short_links = short_links;
    site.derived.short_links = problems;
    site.derived.registry = text;
}
