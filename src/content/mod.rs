//! The content stage: load every file, resolve attachments and refs, validate, and build the
//! `Site` model that every output reads.

pub mod attachments;
pub mod editions;
pub mod fields;
pub mod format;
pub mod front_matter;
pub mod history;
pub mod life;
pub mod load;
pub mod model;
pub mod paths;
pub mod published;
pub mod results;
pub mod shortlinks;
pub mod site;
pub mod validate;

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
    mut diagnostics: Vec<Diagnostic>,
) -> (Site, Vec<Diagnostic>) {
    let (translations, loaded): (Vec<load::Loaded>, Vec<load::Loaded>) =
        loaded.into_iter().partition(|item| item.source().translation.is_some());
    let mut site = Site::assemble(root.to_path_buf(), config, loaded, preview);
    site.translations = translations;
    if site.config.edit_url.is_some() {
        site.changed = history::last_changed(root);
    }
    diagnostics.extend(attachments::resolve(&mut site, hashes));
    diagnostics.extend(validate::validate(&site));
    let (short_links, problems) = shortlinks::resolve(&site);
    site.short_links = short_links;
    diagnostics.extend(problems);
    let (published, problems) = published::resolve(&site);
    site.published = published;
    diagnostics.extend(problems);
    site.link();
    diagnostics.extend(life::derive(&mut site));
    let languages: Vec<String> = site.config.languages.iter().skip(1).cloned().collect();
    for lang in languages {
        let (edition, problems) = editions::build(&site, &lang, preview, hashes);
        diagnostics.extend(problems);
        site.editions.push(edition);
    }
    diagnostics.sort_by(|a, b| (&a.file, a.position, a.severity).cmp(&(&b.file, b.position, b.severity)));
    diagnostics.dedup();
    (site, diagnostics)
}
