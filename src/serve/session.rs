//! A build kept in memory between edits: the parsed files, the model, the compiled theme and
//! the hash of every file on disk, so a rebuild re-parses only what changed, re-renders only
//! the pages that depend on it and writes only the files whose bytes changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use tera::Tera;

use super::incremental::{self, Changed};
use crate::config::Config;
use crate::content::attachments::FileHashes;
use crate::content::load::{self, Kind, Loaded};
use crate::content::{self, Site};
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::render::theme::Theme;
use crate::render::{self, CopySource, Renderer};

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuild {
    pub diagnostics: Vec<Diagnostic>,
    /// Files written (their bytes changed), relative to the output folder.
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub pages_rendered: usize,
    pub full: bool,
    /// Until the pages were on disk.
    pub pages_time: Duration,
    /// Until the search index was up to date too.
    pub total_time: Duration,
}

impl Rebuild {
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

pub struct Session {
    pub root: PathBuf,
    pub out: PathBuf,
    base_url: Option<String>,
    drafts: bool,
    /// Parsed content files with their own problems, by path.
    files: BTreeMap<PathBuf, (Option<Loaded>, Vec<Diagnostic>)>,
    hashes: FileHashes,
    state: Option<Built>,
    /// Hash of every file in the output folder, as last written.
    written: HashMap<String, u64>,
    /// The site's languages, as of the last full load (a translation is read with them).
    languages: Vec<String>,
}

struct Built {
    site: Site,
    theme: Theme,
    tera: Tera,
}

impl Session {
    pub fn new(root: &Path, out: &Path, base_url: Option<String>, drafts: bool) -> Session {
        Session {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            base_url,
            drafts,
            files: BTreeMap::new(),
            hashes: FileHashes::load(root),
            state: None,
            written: HashMap::new(),
            languages: Vec::new(),
        }
    }

    /// Loads and renders everything, writing what changed on disk.
    pub fn full(&mut self) -> Rebuild {
        let started = Instant::now();
        let paths = load::content_files(&self.root.join("content"));
        self.languages = Config::load(&self.root.join("site.yaml"), Path::new("site.yaml"), None)
            .map(|c| c.languages)
            .unwrap_or_default();
        let languages = &self.languages;
        self.files = paths.iter().map(|p| (p.clone(), load::load_file(&self.root, p, languages))).collect();
        let mut rebuild = self.rebuild_with(None, started);
        rebuild.full = true;
        rebuild
    }

    /// Rebuilds after `paths` changed: content files incrementally; anything else (site.yaml,
    /// templates, theme, static files, attachments) in full.
    pub fn changed(&mut self, paths: &[PathBuf]) -> Rebuild {
        let started = Instant::now();
        let content = self.root.join("content");
        let mut changes = Vec::new();
        let attachments: HashSet<PathBuf> = self
            .state
            .as_ref()
            .map(|built| built.site.attachments.iter().map(|a| self.root.join(&a.path)).collect())
            .unwrap_or_default();
        for path in paths {
            let is_page = path.extension().is_some_and(|e| e == "md");
            // Editors and tools write temporary files beside the one they save; a file that
            // is gone again and was neither a page nor an attachment changes nothing.
            if !path.exists() && !is_page && !attachments.contains(path) {
                continue;
            }
            let kind = path.strip_prefix(&content).ok().and_then(Kind::of);
            match (is_page, kind) {
                // An edited page: re-read it alone. A new or deleted page changes lists and
                // slugs everywhere: render everything (still writing only changed files).
                // A translation changes its language edition too: rebuild in full.
                (true, Some(kind))
                    if path.exists()
                        && self.files.contains_key(path)
                        && load::file_language(path, &self.languages) == load::FileLanguage::Original =>
                {
                    self.files.insert(path.clone(), load::load_file(&self.root, path, &self.languages));
                    self.reload_translations_of(path);
                    changes.push(Changed { kind, slug: load::slug_of(path) });
                }
                _ => return self.full(),
            }
        }
        if self.state.is_none() {
            return self.full();
        }
        if changes.is_empty() {
            return Rebuild { total_time: started.elapsed(), ..Rebuild::default() };
        }
        self.rebuild_with(Some(changes), started)
    }

    fn rebuild_with(&mut self, changes: Option<Vec<Changed>>, started: Instant) -> Rebuild {
        let mut rebuild = Rebuild::default();
        let config = match Config::load(&self.root.join("site.yaml"), Path::new("site.yaml"), self.base_url.as_deref())
        {
            Ok(config) => config,
            Err(diagnostics) => {
                rebuild.diagnostics = diagnostics;
                return rebuild;
            }
        };
        let loaded: Vec<Loaded> = self.files.values().filter_map(|(l, _)| l.clone()).collect();
        let load_problems: Vec<Diagnostic> = self.files.values().flat_map(|(_, d)| d.iter().cloned()).collect();
        let (site, diagnostics) =
            content::assemble(&self.root, config, loaded, self.drafts, &self.hashes, load_problems);
        rebuild.diagnostics = diagnostics;
        // Content edits keep the compiled theme; anything else reloads it.
        let previous = self.state.take();
        let (old_site, theme, tera) = match (changes.is_some(), previous) {
            (true, Some(Built { site: old, theme, tera })) => (Some(old), theme, tera),
            (_, previous) => match self.theme(&site) {
                Ok((theme, tera)) => (previous.map(|p| p.site), theme, tera),
                Err(errors) => {
                    rebuild.diagnostics.extend(errors);
                    return rebuild;
                }
            },
        };
        if !rebuild.succeeded() {
            if let Some(old) = old_site {
                self.state = Some(Built { site: old, theme, tera });
            }
            return rebuild;
        }
        let collected = Diagnostics::new();
        // Editions inherit from the Vietnamese pages: a multilingual site re-renders in full
        // (still writing only the files whose bytes changed).
        let (jobs, full) = match (&changes, &old_site) {
            (Some(changes), Some(old)) if site.editions.is_empty() => {
                match incremental::affected_jobs(old, &site, changes) {
                    Some(jobs) => (jobs, false),
                    None => (render::lists::Lists::new(&site).jobs(&site), true),
                }
            }
            _ => (render::lists::Lists::new(&site).jobs(&site), true),
        };
        rebuild.full = full;
        timing("jobs chosen", started);
        let produced: Mutex<Vec<(String, Vec<u8>)>> = Mutex::new(Vec::new());
        {
            let renderer = Renderer::new(&site, &tera, &theme);
            let write = |files: Vec<(String, Vec<u8>)>| produced.lock().expect("outputs").extend(files);
            rebuild.pages_rendered = renderer.render_jobs(&jobs, &write, &collected);
            if full {
                for edition in renderer.editions() {
                    let jobs = edition.lists.jobs(edition.site);
                    rebuild.pages_rendered += edition.render_jobs(&jobs, &write, &collected);
                }
            }
            if full {
                for (target, source) in renderer.copied_files() {
                    let bytes = match source {
                        CopySource::File(path) => std::fs::read(&path).unwrap_or_default(),
                        CopySource::Bytes(bytes) => bytes.to_vec(),
                    };
                    produced.lock().expect("outputs").push((target.trim_start_matches('/').to_owned(), bytes));
                }
            }
        }
        timing("pages rendered", started);
        rebuild.diagnostics.extend(collected.into_sorted());
        if !rebuild.succeeded() {
            self.state = old_site.map(|old| Built { site: old, theme, tera });
            return rebuild;
        }
        let produced = produced.into_inner().expect("outputs");
        let names: HashSet<String> = produced.iter().map(|(p, _)| p.clone()).collect();
        self.write_changed(produced, &mut rebuild);
        rebuild.pages_time = started.elapsed();
        // The search index covers every page: rebuilt after the pages are on disk.
        let search = {
            let renderer = Renderer::new(&site, &tera, &theme);
            let mut files = renderer.search_index();
            renderer.editions().iter().for_each(|edition| files.extend(edition.search_index()));
            files
        };
        let mut names = names;
        names.extend(search.iter().map(|(p, _)| p.clone()));
        self.write_changed(search, &mut rebuild);
        if full {
            self.remove_stale(&names, &mut rebuild);
        }
        let _ = content::shortlinks::save(&self.root, &site.short_links);
        // The manifest lets a later `loa build` into the same folder tell these files from
        // files a person added by hand.
        let mut manifest: Vec<&String> = self.written.keys().collect();
        manifest.sort();
        let listing: String = manifest.iter().map(|p| format!("{p}\n")).collect();
        if let Err(e) = std::fs::write(self.out.join(crate::output::MANIFEST), listing) {
            rebuild.diagnostics.push(Diagnostic::warning(
                &self.out,
                Position::new(1, 1),
                format!("cannot write the output manifest: {e}"),
            ));
        }
        self.state = Some(Built { site, theme, tera });
        rebuild.total_time = started.elapsed();
        rebuild
    }

    /// Translations inherit their original's front matter when read: an edited original
    /// makes them re-read too.
    fn reload_translations_of(&mut self, original: &Path) {
        if self.languages.len() < 2 {
            return;
        }
        let translations: Vec<PathBuf> = self
            .files
            .keys()
            .filter(|p| {
                matches!(load::file_language(p, &self.languages), load::FileLanguage::Translation { original: o, .. } if o == original)
            })
            .cloned()
            .collect();
        for path in translations {
            self.files.insert(path.clone(), load::load_file(&self.root, &path, &self.languages));
        }
    }

    fn theme(&self, site: &Site) -> Result<(Theme, Tera), Vec<Diagnostic>> {
        let mut theme = Theme::load(&self.root, &site.config.theme).map_err(|e| vec![e])?;
        theme.load_strings(&site.config.languages)?;
        let tera = render::compile(&theme)?;
        Ok((theme, tera))
    }

    /// Writes files whose bytes differ from what is on disk.
    fn write_changed(&mut self, files: Vec<(String, Vec<u8>)>, rebuild: &mut Rebuild) {
        for (path, bytes) in files {
            let hash = crate::search::index::fnv1a_bytes(&bytes);
            let target = self.out.join(path.trim_start_matches('/'));
            if self.written.get(&path) == Some(&hash) && target.exists() {
                continue;
            }
            let result =
                target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&target, &bytes));
            match result {
                Ok(()) => {
                    self.written.insert(path.clone(), hash);
                    rebuild.written.push(path);
                }
                Err(e) => rebuild.diagnostics.push(Diagnostic::error(
                    &target,
                    Position::new(1, 1),
                    format!("cannot write: {e}"),
                )),
            }
        }
    }

    /// After a full render: removes files this session wrote earlier that no page makes now.
    fn remove_stale(&mut self, produced: &HashSet<String>, rebuild: &mut Rebuild) {
        let stale: Vec<String> = self.written.keys().filter(|p| !produced.contains(*p)).cloned().collect();
        for path in stale {
            let _ = std::fs::remove_file(self.out.join(&path));
            self.written.remove(&path);
            rebuild.removed.push(path);
        }
    }
}

/// With `LOA_TIMINGS` set, prints how long each step of a rebuild took.
fn timing(step: &str, started: Instant) {
    if std::env::var_os("LOA_TIMINGS").is_some() {
        eprintln!("timing: {step} at {} ms", started.elapsed().as_millis());
    }
}
