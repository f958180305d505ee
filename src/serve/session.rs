//! A build kept in memory between edits: the parsed files, the model, the compiled theme and
//! the hash of every file on disk, so a rebuild re-parses only what changed, re-renders only
//! the pages that depend on it and writes only the files whose bytes changed.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use tera::Tera;

use super::incremental::{self, Changed, Stages};
use crate::config::Config;
use crate::content::Kind;
use crate::content::attachments::FileHashes;
use crate::content::load::{self, Loaded};
use crate::content::{self, Site};
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::render::lists::Lists;
use crate::render::theme::Theme;
use crate::render::{self, CopySource, OutputFile, RenderCtx};
use crate::render::{Job, pages};
use crate::search::documents::SearchDoc;
use crate::sequencer::{self, Plan, SearchIndexes, Sink, Timing, Timings};

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuild {
    pub diagnostics: Vec<Diagnostic>,
    /// Files written (their bytes changed), relative to the output folder.
    pub written: Vec<String>,
    pub removed: Vec<String>,
    pub pages_rendered: usize,
    pub full: bool,
    /// The model was patched in place (an edit of bodies or of fields pages only show), not
    /// assembled again.
    pub patched: bool,
    /// Until the edited pages themselves were on disk (an incremental rebuild writes them
    /// before the pages that show them).
    pub edited_time: Option<Duration>,
    /// Until the pages were on disk (the portal-wide files of an edit follow).
    pub pages_time: Duration,
    /// Until the rebuild returned (the search index follows on its own thread).
    pub total_time: Duration,
    /// The time of each step, for `LOA_TIMINGS`.
    pub timings: Vec<Timing>,
}

/// What the search worker did with one index, reported after the rebuild that asked for it.
#[derive(Debug, Default)]
pub struct SearchReport {
    pub written: usize,
    pub removed: usize,
    pub elapsed: Duration,
    pub diagnostics: Vec<Diagnostic>,
}

/// Told of each search index written by the worker thread.
pub type SearchReporter = Arc<dyn Fn(SearchReport) + Send + Sync>;

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
    /// Whether `state` was assembled from exactly the files in `files` (false after a
    /// rebuild failed and the last good model was kept).
    in_sync: bool,
    /// Hash of every file in the output folder, as last written; shared with the search
    /// worker, which writes the index.
    written: Written,
    search: Option<SearchWorker>,
    reporter: Option<SearchReporter>,
    /// The site's languages, as of the last full load (a translation is read with them).
    languages: Vec<String>,
    /// `limits.max_file_bytes` as of the last full load.
    max_file_bytes: u64,
    /// What the walk of `content/` found wrong, as of the last full load.
    scan_problems: Vec<Diagnostic>,
    /// A national portal's members (`federation:`), read again on every rebuild that is not a
    /// content edit, as `loa build` reads them on every build.
    national: Option<crate::federation::read::Report>,
    /// What the pages of the last full render load, for the service worker's precache list.
    weights: Option<Arc<crate::weight::Weights>>,
}

/// Output path → hash of the bytes last written there, and their fingerprint for the
/// service worker's version; None while a new file is listed in the manifest but not yet
/// written.
type Written = Arc<Mutex<HashMap<String, Option<(u64, crate::weight::Fingerprint)>>>>;

struct Built {
    site: Site,
    theme: Theme,
    tera: Tera,
    lists: Lists,
    /// What assembling the model reported; holds until the next assembly.
    diagnostics: Vec<Diagnostic>,
    /// The search documents of this model: an edit of one page replaces one.
    search: SearchDocs,
}

/// Every search document in id order, and the id of each directive's (None for one not
/// indexed), so an edit of directives keeps the others' documents ([`kept_documents`]).
#[derive(Default)]
struct SearchDocs {
    all: Vec<Arc<SearchDoc>>,
    of_directive: Vec<Option<usize>>,
}

impl Session {
    /// The preview shows scheduled pages (with their "Hẹn đăng" banner) so staff can check
    /// them before their time; drafts only with `--drafts`.
    fn preview(&self) -> content::Preview {
        content::Preview { drafts: self.drafts, scheduled: true }
    }

    pub fn new(root: &Path, out: &Path, base_url: Option<String>, drafts: bool) -> Session {
        Session {
            root: root.to_path_buf(),
            out: out.to_path_buf(),
            base_url,
            drafts,
            files: BTreeMap::new(),
            hashes: FileHashes::load(root).remembering(),
            state: None,
            in_sync: false,
            written: Written::default(),
            search: None,
            reporter: None,
            languages: Vec::new(),
            max_file_bytes: crate::config::DEFAULT_MAX_FILE_BYTES,
            scan_problems: Vec::new(),
            national: None,
            weights: None,
        }
    }

    /// No report from the search worker (the default).
    pub fn quiet(mut self, quiet: bool) -> Session {
        if quiet {
            self.reporter = None;
        }
        self
    }

    /// Tells `reporter` of each search index the worker writes.
    pub fn on_search(mut self, reporter: SearchReporter) -> Session {
        self.reporter = Some(reporter);
        self
    }

    /// Loads and renders everything, writing what changed on disk.
    pub fn full(&mut self) -> Rebuild {
        let started = Instant::now();
        // Anything may have changed on disk: attachments are looked up and opened again.
        self.hashes.forget();
        let (paths, scan_problems) = load::scan(&self.root.join("content"));
        self.scan_problems = scan_problems;
        let config = Config::load(&self.root.join("site.yaml"), Path::new("site.yaml"), None).ok();
        self.languages = config.as_ref().map(|c| c.languages.clone()).unwrap_or_default();
        self.max_file_bytes = config.map_or(crate::config::DEFAULT_MAX_FILE_BYTES, |c| c.max_file_bytes);
        let (languages, max) = (&self.languages, self.max_file_bytes);
        self.files = paths.iter().map(|p| (p.clone(), load::load_file(&self.root, p, languages, max))).collect();
        let mut rebuild = self.rebuild_with(None, &[], started);
        rebuild.full = true;
        rebuild
    }

    /// Rebuilds after `paths` changed: content files incrementally; anything else (site.yaml,
    /// templates, theme, static files, attachments) in full.
    pub fn changed(&mut self, paths: &[PathBuf]) -> Rebuild {
        let started = Instant::now();
        let content = self.root.join("content");
        let mut changes = Vec::new();
        // Each edited page with the problems it had before the edit.
        let mut edited = Vec::new();
        // The record of published pages: the model reads it again, the edit's plan is that
        // of the pages it names (their redirects, in the server files).
        let record = self.root.join(content::published::RECORD_FILE);
        let mut record_edited = false;
        for path in paths {
            if *path == record {
                record_edited = true;
                continue;
            }
            let is_page = path.extension().is_some_and(|e| e == "md");
            let attached = self.is_attached(path);
            // Editors and tools write temporary files beside the one they save; a file that
            // is gone again and was neither a page nor an attachment changes nothing.
            if !path.exists() && !is_page && !attached {
                continue;
            }
            let kind = path.strip_prefix(&content).ok().and_then(Kind::of);
            // A page's text attached to another page changes that attachment: in full.
            match (is_page && !attached, kind) {
                // An edited page: re-read it alone. A new or deleted page changes lists and
                // slugs everywhere: render everything (still writing only changed files).
                // A translation changes its language edition too: rebuild in full.
                (true, Some(kind))
                    if path.exists()
                        && self.files.contains_key(path)
                        && load::file_language(path, &self.languages) == load::FileLanguage::Original =>
                {
                    let loaded = load::load_file(&self.root, path, &self.languages, self.max_file_bytes);
                    let before = self.files.insert(path.clone(), loaded).map(|(_, problems)| problems);
                    edited.push((path.clone(), before));
                    self.reload_translations_of(path);
                    changes.push(Changed { kind, slug: load::slug_of(path) });
                }
                // A page added or deleted: read (or forgotten) alone; what lists it is planned
                // as for an edit, and the files only it made are removed.
                (true, Some(kind))
                    if load::file_language(path, &self.languages) == load::FileLanguage::Original
                        && self.comes_or_goes_alone(path) =>
                {
                    if path.exists() {
                        let loaded = load::load_file(&self.root, path, &self.languages, self.max_file_bytes);
                        self.files.insert(path.clone(), loaded);
                    } else {
                        self.files.remove(path);
                    }
                    edited.push((path.clone(), None));
                    self.reload_translations_of(path);
                    changes.push(Changed { kind, slug: load::slug_of(path) });
                }
                _ => return self.full(),
            }
        }
        if self.state.is_none() {
            return self.full();
        }
        if changes.is_empty() && !record_edited {
            return Rebuild { total_time: started.elapsed(), ..Rebuild::default() };
        }
        if !record_edited && let Some(reach) = self.patch_in_place(&edited) {
            return self.rebuild_patched(&changes, reach, started);
        }
        let paths: Vec<PathBuf> = edited.into_iter().map(|(path, _)| path).collect();
        self.rebuild_with(Some(changes), &paths, started)
    }

    /// Whether the file at `path` is attached to a page: looked up by its path relative to
    /// the root, as the model names attachments.
    fn is_attached(&self, path: &Path) -> bool {
        let (Some(built), Ok(relative)) = (self.state.as_ref(), path.strip_prefix(&self.root)) else { return false };
        built.site.links.attachment_by_path.contains_key(relative)
    }

    /// When every edited page changed only in its body, or (a directive) in what pages show
    /// of it ([`same_structure`]), and kept its problems, puts the new versions into the
    /// model in place and returns how far the edits reach: links, lists and problems stay
    /// what they were, and the model is not assembled again (the README's incremental
    /// figures). None, changing nothing, when an edit reaches further.
    fn patch_in_place(&mut self, edited: &[(PathBuf, Option<Vec<Diagnostic>>)]) -> Option<Reach> {
        // Language editions inherit from the Vietnamese pages: they take the general path.
        let built = self.state.as_mut().filter(|b| self.in_sync && b.site.editions.is_empty())?;
        let mut patches = Vec::new();
        for (path, before) in edited {
            let (Some(loaded), problems) = self.files.get(path)? else { return None };
            if before.as_ref() != Some(problems) {
                return None;
            }
            patches.push(patch_for(built, loaded)?);
        }
        let reach = patches.iter().map(|(_, reach)| *reach).max()?;
        for (patch, _) in patches {
            match patch {
                Patch::Body(Kind::Directive, i, source) => Arc::make_mut(&mut built.site.directives[i]).source = source,
                Patch::Body(Kind::Campaign, i, source) => built.site.campaigns[i].source = source,
                Patch::Body(Kind::Guide, i, source) => built.site.guides[i].source = source,
                // `patch_for` patches no contact: their edits take the general path.
                Patch::Body(Kind::Organization | Kind::Person | Kind::Result, ..) => {}
                Patch::ShownFields(i, directive) => built.site.directives[i] = Arc::new(*directive),
            }
        }
        Some(reach)
    }

    /// Renders and writes what the edited pages show on: the pages themselves, and the
    /// pages that quote or list them; then hands the search index to the worker.
    fn rebuild_patched(&mut self, changes: &[Changed], reach: Reach, started: Instant) -> Rebuild {
        let timings = Timings::new(started);
        let mut rebuild = self.render_patched(changes, reach, &timings);
        rebuild.timings = timings.into_vec();
        rebuild
    }

    fn render_patched(&mut self, changes: &[Changed], reach: Reach, timings: &Timings) -> Rebuild {
        let mut rebuild = Rebuild::default();
        let built = self.state.as_mut().expect("patched a built site");
        // Put back once the edited pages' documents replace theirs. A failed render leaves
        // none, and the session out of step with its files: the next edit assembles the
        // model and collects every document again.
        let mut search = std::mem::take(&mut built.search);
        let site = &built.site;
        rebuild.patched = true;
        let jobs = match reach {
            Reach::Bodies => incremental::body_jobs(site, &built.lists, changes),
            // The model before and after the edit differ only in what the pages show: the
            // pages that show the edited directives are those of a front-matter edit.
            // The sitemap, server files, search page and 404 page show no directive's fields.
            Reach::ShownFields => {
                let mut jobs = incremental::affected_jobs((site, &built.lists), (site, &built.lists), changes)
                    .unwrap_or_else(|| built.lists.jobs(site));
                jobs.retain(|job| {
                    !matches!(job, Job::ServerFiles(_) | Job::Pages(pages::Job::Search | pages::Job::NotFound))
                });
                jobs
            }
        };
        let Stages { edited, pages, later } = incremental::stages(jobs, (site, &built.lists), changes);
        timings.stage("jobs chosen");
        rebuild.diagnostics = built.diagnostics.clone();
        let ctx = RenderCtx::with_lists(site, &built.tera, &built.theme, std::borrow::Cow::Borrowed(&built.lists))
            .with_national(self.national.as_ref());
        if write_edited(&self.out, &self.written, &ctx, edited, timings, &mut rebuild).is_none() {
            self.in_sync = false;
            return rebuild;
        }
        let collected = Diagnostics::new();
        let sink = LiveSink::default();
        rebuild.pages_rendered += sequencer::render(&ctx, &Plan::Jobs(pages), &sink, &collected, None, timings);
        timings.stage("pages rendered");
        rebuild.diagnostics.extend(collected.into_sorted());
        if !rebuild.succeeded() {
            self.in_sync = false;
            return rebuild;
        }
        write_changed(&self.out, &self.written, sink.into_files(), &mut rebuild);
        rebuild.pages_time = timings.elapsed();
        write_later(&self.out, &self.written, &ctx, later, timings, &mut rebuild);
        for change in changes {
            if let Some((id, doc)) = search_doc(site, &ctx.views, &search, change)
                && let Some(slot) = search.all.get_mut(id)
            {
                *slot = Arc::new(doc);
            }
        }
        let docs = search.all.clone();
        built.search = search;
        let finish = (self.weights.clone())
            .map(|weights| refreshed_service_worker(weights, &built.theme, &built.site.config, self.written.clone()));
        self.update_search_and_finish(docs, finish);
        write_manifest(&self.out, &self.written, &mut rebuild);
        rebuild.total_time = timings.elapsed();
        rebuild
    }

    /// Renders after `changes` (None: everything) to the files at `paths`.
    fn rebuild_with(&mut self, changes: Option<Vec<Changed>>, paths: &[PathBuf], started: Instant) -> Rebuild {
        let timings = Timings::new(started);
        let mut rebuild = self.assemble_and_render(changes, paths, &timings);
        rebuild.timings = timings.into_vec();
        rebuild
    }

    fn assemble_and_render(&mut self, changes: Option<Vec<Changed>>, paths: &[PathBuf], timings: &Timings) -> Rebuild {
        let mut rebuild = Rebuild::default();
        let (site, diagnostics) = match self.patched_model(changes.is_some(), paths, timings) {
            Some(patched) => {
                timings.stage("model patched");
                patched
            }
            None => match self.assembled_model() {
                Ok(assembled) => {
                    timings.stage("model assembled");
                    assembled
                }
                Err(diagnostics) => {
                    rebuild.diagnostics = diagnostics;
                    self.in_sync = false;
                    return rebuild;
                }
            },
        };
        rebuild.diagnostics = diagnostics;
        // Content edits keep the compiled theme; anything else reloads it.
        let mut previous = self.state.take();
        let old_search = previous.as_mut().map(|built| std::mem::take(&mut built.search)).unwrap_or_default();
        let (old, theme, tera) = match (changes.is_some(), previous) {
            (true, Some(Built { site, lists, theme, tera, .. })) => (Some((site, lists)), theme, tera),
            (_, previous) => match self.theme(&site) {
                Ok((theme, tera)) => (previous.map(|p| (p.site, p.lists)), theme, tera),
                Err(errors) => {
                    rebuild.diagnostics.extend(errors);
                    self.in_sync = false;
                    return rebuild;
                }
            },
        };
        let keep_old = |session: &mut Session, old: Option<(Site, Lists)>, theme, tera, diagnostics| {
            session.in_sync = false;
            session.state =
                old.map(|(site, lists)| Built { site, theme, tera, lists, diagnostics, search: SearchDocs::default() });
        };
        if !rebuild.succeeded() {
            keep_old(self, old, theme, tera, Vec::new());
            return rebuild;
        }
        let patched = match (&changes, &old) {
            (Some(changes), Some((old_site, old_lists))) if self.in_sync => {
                incremental::patched_lists((old_site, old_lists), &site, changes)
            }
            _ => None,
        };
        let lists = patched.unwrap_or_else(|| Lists::new(&site));
        timings.stage("lists made");
        if changes.is_none() {
            self.national = crate::federation::read::read_configured(&self.root, &site.config);
            timings.stage("read federation members");
        }
        if let Some(report) = &self.national {
            rebuild.diagnostics.extend(report.warnings.iter().cloned());
        }
        let collected = Diagnostics::new();
        // Editions inherit from the Vietnamese pages: a multilingual site re-renders in full
        // (still writing only the files whose bytes changed). The portal's own search index
        // is built on the worker's thread, after the pages are on disk.
        let plan = match (&changes, &old) {
            (Some(changes), Some((old_site, old_lists))) if site.editions.is_empty() => {
                match incremental::affected_jobs((old_site, old_lists), (&site, &lists), changes) {
                    Some(jobs) => Plan::Jobs(jobs),
                    None => Plan::Full { search: SearchIndexes::EditionsOnly },
                }
            }
            _ => Plan::Full { search: SearchIndexes::EditionsOnly },
        };
        let full = matches!(plan, Plan::Full { .. });
        // An edit's own pages are written first, its portal-wide files last ([`Stages`]).
        let (edited, plan, later) = match (plan, &changes) {
            (Plan::Jobs(jobs), Some(changes)) => {
                let stages = incremental::stages(jobs, (&site, &lists), changes);
                (stages.edited, Plan::Jobs(stages.pages), stages.later)
            }
            (plan, _) => (Vec::new(), plan, Vec::new()),
        };
        rebuild.full = full;
        timings.stage("jobs chosen");
        let assembly = rebuild.diagnostics.clone();
        let mut edited_paths = Vec::new();
        if !edited.is_empty() {
            let ctx = RenderCtx::with_lists(&site, &tera, &theme, std::borrow::Cow::Borrowed(&lists))
                .with_national(self.national.as_ref());
            match write_edited(&self.out, &self.written, &ctx, edited, timings, &mut rebuild) {
                Some(paths) => edited_paths = paths,
                None => {
                    keep_old(self, old, theme, tera, Vec::new());
                    return rebuild;
                }
            }
        }
        if let (false, Some(changes), Some((old_site, old_lists))) = (full, &changes, &old) {
            let old_ctx = RenderCtx::with_lists(old_site, &tera, &theme, std::borrow::Cow::Borrowed(old_lists))
                .with_national(self.national.as_ref());
            self.remove_deleted_pages(&old_ctx, &site, changes, &edited_paths, timings, &mut rebuild);
        }
        // A full render ends as a build does: the service worker and the page-weight budget,
        // from the weights and fingerprints of every file (no `.gz` twins: the preview server
        // sends files as they are).
        let weights = Arc::new(crate::weight::Weights::new(&site.config.base_url));
        let finishing = full.then(|| crate::weight::Precompressor::without_twins(weights.clone()));
        let sink = LiveSink { files: Mutex::default(), observer: finishing.as_ref() };
        let mut gone = Vec::new();
        {
            let ctx = RenderCtx::with_lists(&site, &tera, &theme, std::borrow::Cow::Borrowed(&lists))
                .with_national(self.national.as_ref());
            rebuild.pages_rendered += sequencer::render(&ctx, &plan, &sink, &collected, None, timings);
            if let (false, Some(changes), Some((old_site, old_lists))) = (full, &changes, &old) {
                let old_ctx = RenderCtx::with_lists(old_site, &tera, &theme, std::borrow::Cow::Borrowed(old_lists))
                    .with_national(self.national.as_ref());
                gone = gone_files(&old_ctx, &ctx, changes, &sink, &collected);
            }
        }
        timings.stage("pages rendered");
        rebuild.diagnostics.extend(collected.into_sorted());
        if !rebuild.succeeded() {
            keep_old(self, old, theme, tera, Vec::new());
            return rebuild;
        }
        let produced = sink.into_files();
        let mut names: HashSet<String> = produced.iter().map(|(p, _)| p.clone()).collect();
        // What the edit's own pages wrote first is made by this render too (none in a full one).
        names.extend(edited_paths);
        let finish = match finishing {
            Some(precompressor) => {
                rebuild.diagnostics.extend(weights.over_budget(site.config.page_budget_kb, false));
                if theme.assets.contains_key(crate::pwa::SERVICE_WORKER) {
                    names.insert(crate::pwa::SERVICE_WORKER.to_owned());
                }
                self.weights = Some(weights.clone());
                Some(service_worker_step(precompressor, weights, &theme, &site.config, names.clone()))
            }
            None => self.service_worker_refresh(&theme, &site.config),
        };
        write_changed(&self.out, &self.written, produced, &mut rebuild);
        if full {
            self.remove_stale(&names, &mut rebuild);
        } else if let Some((old_site, old_lists)) = &old {
            let mut vanished = incremental::vanished_list_pages((old_site, old_lists), (&site, &lists));
            vanished.extend(gone);
            // A deleted page's address may be written again by this render (its redirect
            // page, written first with the edit's own pages).
            vanished.retain(|path| !names.contains(path));
            self.remove_written(vanished, &mut rebuild);
        }
        rebuild.pages_time = timings.elapsed();
        // The pages are on disk (and the browser reloads): now the search documents.
        let search = {
            let ctx = RenderCtx::with_lists(&site, &tera, &theme, std::borrow::Cow::Borrowed(&lists))
                .with_national(self.national.as_ref());
            write_later(&self.out, &self.written, &ctx, later, timings, &mut rebuild);
            timings.stage("portal-wide files on disk");
            let old_site = old.as_ref().map(|(site, _)| site).filter(|_| self.in_sync);
            let kept = kept_documents(old_site, &old_search, &site, changes.as_deref());
            let (all, of_directive) = crate::search::documents_keeping(&ctx, &kept);
            SearchDocs { all, of_directive }
        };
        timings.stage("search documents collected");
        self.update_search_and_finish(search.all.clone(), finish);
        // As in `loa build`: a registry that cannot be saved is an error.
        if let Err(e) = content::shortlinks::save(&self.root, &site.short_links) {
            rebuild.diagnostics.push(Diagnostic::unsaved(
                content::shortlinks::REGISTRY_FILE,
                "the short-link registry",
                &e,
            ));
        }
        write_manifest(&self.out, &self.written, &mut rebuild);
        self.state = Some(Built { site, theme, tera, lists, diagnostics: assembly, search });
        self.in_sync = true;
        rebuild.total_time = timings.elapsed();
        rebuild
    }

    /// The problems found loading the files, as assembling the model takes them.
    fn load_problems(&self) -> Vec<Diagnostic> {
        let files = self.files.values().flat_map(|(_, d)| d.iter().cloned());
        self.scan_problems.iter().cloned().chain(files).collect()
    }

    /// The model assembled from every parsed file, with its problems; Err when site.yaml
    /// cannot be read.
    fn assembled_model(&self) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
        let config = Config::load(&self.root.join("site.yaml"), Path::new("site.yaml"), self.base_url.as_deref())?;
        // Copying ten thousand parsed files is a step of its own: on every core.
        let loaded: Vec<Loaded> = {
            use rayon::prelude::*;
            self.files.par_iter().filter_map(|(_, (l, _))| l.clone()).collect()
        };
        Ok(content::assemble(&self.root, config, loaded, self.preview(), &self.hashes, self.load_problems()))
    }

    /// The model after an edit (`edit`: not a full render) of the page files at `paths` (each
    /// read again, added or gone; none when only the record of published pages changed),
    /// patched in a copy of the current one ([`content::patch`]) instead of assembled from
    /// every file: the same model, without copying and sorting every parsed file. None when
    /// the current model is not that of the files before the edit, or has language editions.
    fn patched_model(&self, edit: bool, paths: &[PathBuf], timings: &Timings) -> Option<(Site, Vec<Diagnostic>)> {
        let built = self.state.as_ref().filter(|_| self.in_sync && edit)?;
        if built.site.config.languages.len() > 1 {
            return None;
        }
        let edits = paths
            .iter()
            .map(|path| match self.files.get(path) {
                Some((Some(loaded), _)) => content::Edit::Put(Box::new(loaded.clone())),
                // Gone, or no longer readable as a page: out of the model.
                _ => content::Edit::Remove(crate::diag::display_path(&self.root, path)),
            })
            .collect();
        let mut site = built.site.clone();
        timings.stage("model copied");
        let problems = self.load_problems();
        let stage = &mut |name: &'static str| timings.stage(name);
        let diagnostics = content::patch_timed(&mut site, edits, self.preview(), &self.hashes, problems, stage)?;
        Some((site, diagnostics))
    }

    /// Whether `path` is a page file that is new (a regular `.md` file the walk of
    /// `content/` would find, in a folder where it found pages) or gone (a page it found), and changes
    /// nothing else the walk finds: no other Markdown file of its folder is read or left
    /// unread because of it (a bundle's `index.md` decides that for `.markdown` files).
    fn comes_or_goes_alone(&self, path: &Path) -> bool {
        let known = self.files.contains_key(path);
        let is_file = match path.symlink_metadata() {
            Ok(meta) => meta.file_type().is_file(),
            Err(_) => false,
        };
        let (Some(folder), Ok(relative)) = (path.parent(), path.strip_prefix(self.root.join("content"))) else {
            return false;
        };
        let hidden = relative.components().any(|c| load::is_hidden_or_temporary(&c.as_os_str().to_string_lossy()));
        // A page found in this folder or below it: the walk reads the folder.
        let beside_pages = self.files.keys().any(|p| p != path && p.starts_with(folder));
        let added = !known && is_file && beside_pages;
        let removed = known && !path.exists();
        let other_markdown = std::fs::read_dir(folder).into_iter().flatten().flatten().any(|entry| {
            let name = entry.path();
            let extension = name.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            extension != "md" && load::is_markdown_extension(&extension)
        });
        path.extension().is_some_and(|e| e == "md") && !hidden && (added || removed) && !other_markdown
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
            self.files.insert(path.clone(), load::load_file(&self.root, &path, &self.languages, self.max_file_bytes));
        }
    }

    fn theme(&self, site: &Site) -> Result<(Theme, Tera), Vec<Diagnostic>> {
        let mut theme = Theme::load(&self.root, &site.config.theme).map_err(|e| vec![e])?;
        theme.load_strings(&site.config.languages)?;
        let tera = render::compile(&theme)?;
        Ok((theme, tera))
    }

    /// After an incremental edit: the step that writes `sw.js` again once the search index
    /// is made, as after a full render (None before the first full render).
    fn service_worker_refresh(&self, theme: &Theme, config: &Config) -> Option<Finish> {
        let weights = self.weights.clone()?;
        Some(refreshed_service_worker(weights, theme, config, self.written.clone()))
    }

    /// Hands the documents to the search worker, and what writes the service worker once
    /// the index is known (after a full render).
    fn update_search_and_finish(&mut self, docs: Vec<Arc<SearchDoc>>, finish: Option<Finish>) {
        let worker =
            self.search.get_or_insert_with(|| SearchWorker::start(&self.out, &self.written, self.reporter.clone()));
        worker.submit(docs, finish);
    }

    /// Blocks until the search index of the last rebuild is on disk.
    pub fn wait_for_search(&self) {
        if let Some(worker) = &self.search {
            worker.wait();
        }
    }

    /// Removes first the files of the pages `changes` deleted ([`incremental::deleted_pages`],
    /// named by rendering them from `old`), but those the edit's first stage wrote
    /// (`written_first`: a redirect page at the same address); the rest of what the deleted
    /// pages made is removed after the pages that showed them are written.
    fn remove_deleted_pages(
        &self,
        old: &RenderCtx<'_>,
        new: &Site,
        changes: &[Changed],
        written_first: &[String],
        timings: &Timings,
        rebuild: &mut Rebuild,
    ) {
        let jobs = incremental::deleted_pages(old.site, new, changes);
        if jobs.is_empty() {
            return;
        }
        let rendered = LiveSink::default();
        sequencer::render(old, &Plan::Jobs(jobs), &rendered, &Diagnostics::new(), None, &Timings::new(Instant::now()));
        let gone: Vec<String> =
            rendered.into_files().into_iter().map(|(path, _)| path).filter(|p| !written_first.contains(p)).collect();
        let removed_before = rebuild.removed.len();
        self.remove_written(gone, rebuild);
        // With no redirect page, the page gone is what the person who deleted it sees first.
        if rebuild.removed.len() > removed_before && rebuild.edited_time.is_none() {
            rebuild.edited_time = Some(timings.elapsed());
        }
        timings.stage("deleted pages removed");
    }

    /// Removes files this session wrote (and only those) that the render no longer makes.
    fn remove_written(&self, paths: Vec<String>, rebuild: &mut Rebuild) {
        let mut written = self.written.lock().expect("written");
        for path in paths {
            if written.remove(&path).is_some() {
                let file = self.out.join(&path);
                let _ = std::fs::remove_file(&file);
                remove_emptied_folders(&self.out, &file);
                rebuild.removed.push(path);
            }
        }
    }

    /// After a full render: removes files this session wrote earlier that no page makes now
    /// (the search index's own files are the worker's to remove).
    fn remove_stale(&mut self, produced: &HashSet<String>, rebuild: &mut Rebuild) {
        let index = format!("{}/", crate::search::index::INDEX_DIR);
        let stale: Vec<String> = (self.written.lock().expect("written").keys())
            .filter(|p| !produced.contains(*p) && !p.starts_with(&index))
            .cloned()
            .collect();
        self.remove_written(stale, rebuild);
    }
}

/// Removes the folders above `file` that its removal left empty (a deleted directive's page
/// folder), up to the output folder, as a build (which never makes an empty folder) has none.
fn remove_emptied_folders(out: &Path, file: &Path) {
    let mut folder = file.parent();
    while let Some(dir) = folder.filter(|dir| *dir != out && dir.starts_with(out)) {
        // Fails, and stops, at the first folder that still holds something.
        if std::fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
}

/// How far a patch of the model in place reaches (bodies reach least).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Reach {
    /// Only bodies changed.
    Bodies,
    /// Bodies and front-matter fields that pages show, not what links or lists them.
    ShownFields,
}

/// Whether two versions of a directive agree on everything the model's assembly reads:
/// slug, type, number, issuer, dates, campaigns, contacts, citations, attachments,
/// deadlines, tags, draft state, publication moment, withdrawal, short code and aliases. They may differ in the body and in
/// what pages show of the directive: title, summary, place, recipients, signer,
/// distribution and urgency. Every field is named, so a new field must be placed here.
fn same_structure(old: &crate::content::Directive, new: &crate::content::Directive) -> bool {
    let crate::content::Directive {
        source,
        title: _,
        doc_type,
        number,
        issuer,
        place: _,
        date,
        campaigns,
        recipients: _,
        references,
        attachments,
        deadlines,
        contacts,
        signer: _,
        number_blank: _,
        positions: _,
        distribution: _,
        urgency: _,
        summary: _,
        tags,
        draft,
        publish,
        withdrawn,
        short,
        aliases,
        fields,
        lifecycle,
    } = old;
    let values = |refs: &[crate::content::fields::Ref]| refs.iter().map(|r| r.value.clone()).collect::<Vec<_>>();
    let number_text = |n: &Option<crate::content::DocNumber>| n.as_ref().map(|n| n.text.clone());
    let cited = |refs: &[crate::content::Reference]| {
        refs.iter().map(|r| (number_text(&r.number), r.date, r.issuer.clone(), r.title.clone())).collect::<Vec<_>>()
    };
    let files = |uses: &[crate::content::AttachmentUse]| {
        uses.iter().map(|a| (a.file.value.clone(), a.title.clone(), a.number.clone())).collect::<Vec<_>>()
    };
    // A withdrawal moves the directive out of lists, search and calendars: structural.
    let withdrawal = |w: &Option<Box<crate::content::Withdrawal>>| {
        w.as_ref().map(|w| (w.date.value, w.reason.clone(), w.replaced_by.as_ref().map(|r| r.value.clone())))
    };
    let due =
        |list: &[crate::content::Deadline]| list.iter().map(|d| (d.date.value, d.what.clone())).collect::<Vec<_>>();
    source.slug == new.source.slug
        && *doc_type == new.doc_type
        && number_text(number) == number_text(&new.number)
        && issuer.as_ref().map(|r| &r.value) == new.issuer.as_ref().map(|r| &r.value)
        && date.as_ref().map(|d| d.value) == new.date.as_ref().map(|d| d.value)
        && values(campaigns) == values(&new.campaigns)
        && values(contacts) == values(&new.contacts)
        && cited(references) == cited(&new.references)
        && files(attachments) == files(&new.attachments)
        && due(deadlines) == due(&new.deadlines)
        && *tags == new.tags
        && *draft == new.draft
        && publish.as_ref().map(|p| p.value) == new.publish.as_ref().map(|p| p.value)
        && withdrawal(withdrawn) == withdrawal(&new.withdrawn)
        && short.as_ref().map(|s| &s.value) == new.short.as_ref().map(|s| &s.value)
        && values(aliases) == values(&new.aliases)
        && same_life((fields, lifecycle), new)
}

/// Whether two versions of a directive agree on what the derivation of status and
/// relations reads (`content::life`): all of it is structural.
fn same_life(
    (fields, old): (&[crate::content::fields::Ref], &crate::content::Lifecycle),
    new: &crate::content::Directive,
) -> bool {
    use crate::content::{Extension, Target};
    let targets = |list: &[Target]| {
        list.iter()
            .map(|t| match t {
                Target::Directive(r) => r.value.clone(),
                Target::Outside(n) => format!("#{}", n.value.text),
            })
            .collect::<Vec<_>>()
    };
    let extension = |e: &Option<Extension>| {
        e.as_ref()
            .map(|e| (e.target.value.clone(), e.moves.iter().map(|m| (m.was.value, m.now.value)).collect::<Vec<_>>()))
    };
    let (a, b) = (old, &new.lifecycle);
    a.effective.as_ref().map(|s| s.value) == b.effective.as_ref().map(|s| s.value)
        && a.expires.as_ref().map(|d| d.value) == b.expires.as_ref().map(|d| d.value)
        && fields.iter().map(|r| &r.value).eq(new.fields.iter().map(|r| &r.value))
        && targets(&a.amends) == targets(&b.amends)
        && targets(&a.replaces) == targets(&b.replaces)
        && targets(&a.corrects) == targets(&b.corrects)
        && extension(&a.extends) == extension(&b.extends)
}

/// A new version of a page already in the model.
enum Patch {
    /// A new body (and source) for the directive, campaign or guide at this index.
    Body(Kind, usize, crate::content::Source),
    /// A directive whose front matter changed only in what pages show of it.
    ShownFields(usize, Box<crate::content::Directive>),
}

/// The patch for `loaded` when only its body differs from the page in the model, or, for a
/// directive the model's checks found nothing in, only what pages show of it.
fn patch_for(built: &Built, loaded: &Loaded) -> Option<(Patch, Reach)> {
    let site = &built.site;
    let same = |old: &crate::content::Source, new: &crate::content::Source| {
        old.path == new.path && old.slug == new.slug && old.front_matter_hash == new.front_matter_hash
    };
    let links = &site.links;
    let body = |kind, i, old: &crate::content::Source, new: &crate::content::Source| {
        same(old, new).then(|| (Patch::Body(kind, i, new.clone()), Reach::Bodies))
    };
    match loaded {
        Loaded::Directive(new) => {
            let &i = links.directive_by_slug.get(&new.source.slug)?;
            let old = &site.directives[i];
            if let Some(patch) = body(Kind::Directive, i, &old.source, &new.source) {
                return Some(patch);
            }
            // A problem the model's checks found here points at a line the edit may move.
            let checked_clean = !built.diagnostics.iter().any(|d| d.file == old.source.path);
            if old.source.path != new.source.path || !checked_clean || !same_structure(old, new) {
                return None;
            }
            let mut patched = new.clone();
            // The same files in the same order: they resolve to the same attachments.
            for (use_, resolved) in patched.attachments.iter_mut().zip(&old.attachments) {
                use_.attachment = resolved.attachment;
            }
            Some((Patch::ShownFields(i, Box::new(patched)), Reach::ShownFields))
        }
        Loaded::Campaign(c) => {
            let &i = links.campaign_by_slug.get(&c.source.slug)?;
            body(Kind::Campaign, i, &site.campaigns[i].source, &c.source)
        }
        Loaded::Guide(g) => {
            let &i = links.guide_by_slug.get(&g.source.slug)?;
            body(Kind::Guide, i, &site.guides[i].source, &g.source)
        }
        Loaded::Organization(_) | Loaded::Person(_) | Loaded::Result(_) => None,
    }
}

/// The new search document of an edited page, with its id.
fn search_doc(
    site: &Site,
    views: &crate::render::view::Views<'_>,
    search: &SearchDocs,
    change: &Changed,
) -> Option<(usize, SearchDoc)> {
    let links = &site.links;
    let index = match change.kind {
        Kind::Directive => links.directive_by_slug.get(&change.slug),
        Kind::Campaign => links.campaign_by_slug.get(&change.slug),
        Kind::Guide => links.guide_by_slug.get(&change.slug),
        Kind::Organization | Kind::Person | Kind::Result => None,
    }?;
    let (id, doc) = crate::search::documents::page_doc(site, views, change.kind, *index)?;
    // A directive's id counts only the directives indexed before it.
    let id = match change.kind {
        Kind::Directive => search.of_directive.get(*index).copied().flatten()?,
        _ => id,
    };
    Some((id, doc))
}

/// The search document of each directive an edit of directives (`changes`) left as it was,
/// taken from `search`, the documents of the model before it (`old`, None when it is not
/// the model of the files before the edit): a directive the two models share unchanged (the
/// patch copies only what it changes) with the same status on the build day. A document
/// reads, besides its directive, only its issuer and campaigns, which such an edit leaves as
/// they were. None for every directive after a full render or an edit of another page.
fn kept_documents<'a>(
    old: Option<&'a Site>,
    search: &'a SearchDocs,
    new: &'a Site,
    changes: Option<&[Changed]>,
) -> Box<dyn Fn(usize) -> Option<Arc<SearchDoc>> + Sync + 'a> {
    let directives_only = changes.is_some_and(|c| c.iter().all(|c| c.kind == Kind::Directive));
    // A document shows its campaign's status on the build day: a model of another day (one
    // assembled again after midnight) keeps none.
    let usable = |old: &&Site| {
        directives_only
            && search.of_directive.len() == old.directives.len()
            && new.editions.is_empty()
            && old.config.build_date == new.config.build_date
    };
    let Some(old) = old.filter(usable) else { return Box::new(|_| None) };
    Box::new(move |j| {
        let d = &new.directives[j];
        let &i = old.links.directive_by_slug.get(&d.source.slug)?;
        let status = |site: &Site, i: usize| site.life.get(i).map(|life| life.status);
        let same = Arc::ptr_eq(&old.directives[i], d) && status(old, i) == status(new, j);
        search.all.get(search.of_directive[i].filter(|_| same)?).cloned()
    })
}

/// Writes `sw.js` once the search index is made: its version is a hash over every file of
/// the output, the index included, as in `loa build`.
type Finish = Box<dyn FnOnce(&[OutputFile]) -> Option<OutputFile> + Send>;

/// The service worker step of a full render, given the files it made.
fn service_worker_step(
    precompressor: crate::weight::Precompressor,
    weights: Arc<crate::weight::Weights>,
    theme: &Theme,
    config: &Config,
    names: HashSet<String>,
) -> Finish {
    use crate::output::Observer;
    let source = theme.assets.get(crate::pwa::SERVICE_WORKER).map(|file| file.bytes.clone());
    let base = config.base_path().to_owned();
    Box::new(move |index: &[OutputFile]| {
        let source = source?;
        for (path, bytes) in index {
            // Only bytes in memory: nothing to fail.
            let _ = precompressor.written(path, Path::new(path), Some(bytes));
        }
        let version = precompressor.finish().version;
        let exists = |file: &str| names.contains(file);
        let worker = crate::pwa::service_worker_file(&source, &base, &weights, &version, &exists);
        Some((crate::pwa::SERVICE_WORKER.to_owned(), worker))
    })
}

/// The service worker step after an incremental edit: its version from the fingerprints of
/// the files in the live folder (the new index's in place of the old one's), its precache
/// list from the weights of the last full render, as `loa build` makes both from its files.
fn refreshed_service_worker(
    weights: Arc<crate::weight::Weights>,
    theme: &Theme,
    config: &Config,
    written: Written,
) -> Finish {
    let source = theme.assets.get(crate::pwa::SERVICE_WORKER).map(|file| file.bytes.clone());
    let base = config.base_path().to_owned();
    Box::new(move |index: &[OutputFile]| {
        let source = source?;
        let prefix = format!("{}/", crate::search::index::INDEX_DIR);
        let mut files: std::collections::BTreeMap<String, crate::weight::Fingerprint> = written
            .lock()
            .expect("written")
            .iter()
            .filter(|(path, _)| !path.starts_with(&prefix) && *path != crate::pwa::SERVICE_WORKER)
            .filter_map(|(path, w)| w.map(|(_, fingerprint)| (path.clone(), fingerprint)))
            .collect();
        files.extend(index.iter().map(|(path, bytes)| (path.clone(), crate::weight::fingerprint(path, bytes))));
        let version = crate::weight::version(files.iter().map(|(path, fingerprint)| (path.as_str(), fingerprint)));
        let exists = |file: &str| files.contains_key(file) || file == crate::pwa::SERVICE_WORKER;
        let worker = crate::pwa::service_worker_file(&source, &base, &weights, &version, &exists);
        Some((crate::pwa::SERVICE_WORKER.to_owned(), worker))
    })
}

/// `loa serve`'s sink: the files of a rebuild, kept in memory until it succeeded (a failed
/// one leaves the last good version on disk), then written where their bytes changed
/// ([`write_changed`]).
#[derive(Default)]
struct LiveSink<'p> {
    files: Mutex<Vec<OutputFile>>,
    /// Weighs and fingerprints every file, on a full render.
    observer: Option<&'p crate::weight::Precompressor>,
}

impl LiveSink<'_> {
    fn into_files(self) -> Vec<OutputFile> {
        self.files.into_inner().expect("outputs")
    }
}

impl LiveSink<'_> {
    fn observe(&self, path: &str, bytes: &[u8], problems: &Diagnostics) {
        use crate::output::Observer;
        if let Some(observer) = self.observer
            && let Err(e) = observer.written(path, Path::new(path), Some(bytes))
        {
            problems.push(Diagnostic::error(path, Position::new(1, 1), crate::msg!("output-cannot-weigh", error = e)));
        }
    }
}

impl Sink for LiveSink<'_> {
    fn write(&self, files: Vec<OutputFile>, problems: &Diagnostics) {
        files.iter().for_each(|(path, bytes)| self.observe(path, bytes, problems));
        self.files.lock().expect("outputs").extend(files);
    }

    fn copy(&self, target: &str, source: &CopySource<'_>, problems: &Diagnostics) {
        // A file that cannot be read, or was swapped since it was checked, is an error as in
        // `loa build`, never published as an empty file.
        let bytes = match source {
            CopySource::File(file) => match file.read() {
                Ok(bytes) => bytes,
                Err(error) => {
                    problems.push(Diagnostic::error(
                        target,
                        Position::new(1, 1),
                        crate::msg!("output-cannot-copy", error),
                    ));
                    return;
                }
            },
            CopySource::Bytes(bytes) => bytes.to_vec(),
        };
        let path = target.trim_start_matches('/').to_owned();
        self.observe(&path, &bytes, problems);
        self.files.lock().expect("outputs").push((path, bytes));
    }
}

/// Writes files whose bytes differ from what is on disk.
fn write_changed(out: &Path, written: &Written, files: Vec<(String, Vec<u8>)>, rebuild: &mut Rebuild) {
    // Every path passes the output's confinement before it is listed or written.
    let files: Vec<(String, std::path::PathBuf, Vec<u8>)> = files
        .into_iter()
        .filter_map(|(path, bytes)| match crate::output::confine::join_site_path(out, &path) {
            Ok(target) => Some((path, target, bytes)),
            Err(refused) => {
                rebuild.diagnostics.push(refused.diagnostic());
                None
            }
        })
        .collect();
    // New files are listed in the manifest before they are written: a server stopped in
    // between leaves no file that a later `loa build` would take for someone's own.
    {
        let mut written = written.lock().expect("written");
        let before = written.len();
        for (path, _, _) in &files {
            written.entry(path.clone()).or_insert(None);
        }
        if written.len() > before {
            save_manifest(out, &written, rebuild);
        }
    }
    for (path, target, bytes) in files {
        let hash = content_hash(&bytes);
        if written.lock().expect("written").get(&path).is_some_and(|w| w.is_some_and(|(h, _)| h == hash))
            && target.exists()
        {
            continue;
        }
        let fingerprint = crate::weight::fingerprint(&path, &bytes);
        let result =
            target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&target, &bytes));
        match result {
            Ok(()) => {
                written.lock().expect("written").insert(path.clone(), Some((hash, fingerprint)));
                rebuild.written.push(path);
            }
            Err(e) => rebuild.diagnostics.push(Diagnostic::error(
                &target,
                Position::new(1, 1),
                crate::msg!("output-cannot-write", error = e),
            )),
        }
    }
}

/// After an incremental render from `old` to `new`: copies into `sink` the attachments `new`
/// publishes and `old` did not, and returns the files of `old` that `new` makes no more (of
/// deleted pages, [`incremental::gone_jobs`], and attachments no page cites now).
fn gone_files(
    old: &RenderCtx<'_>,
    new: &RenderCtx<'_>,
    changes: &[Changed],
    sink: &LiveSink<'_>,
    problems: &Diagnostics,
) -> Vec<String> {
    let targets = |ctx| crate::render::copies::files(ctx).into_iter().map(|(target, _)| target).collect();
    let (old_copies, new_copies): (HashSet<String>, HashSet<String>) = (targets(old), targets(new));
    for (target, source) in crate::render::copies::files(new) {
        if !old_copies.contains(&target) {
            sink.copy(&target, &source, problems);
        }
    }
    let mut gone: Vec<String> =
        old_copies.difference(&new_copies).map(|target| target.trim_start_matches('/').to_owned()).collect();
    let jobs = incremental::gone_jobs(old.site, new.site, changes);
    if !jobs.is_empty() {
        let rendered = LiveSink::default();
        sequencer::render(old, &Plan::Jobs(jobs), &rendered, &Diagnostics::new(), None, &Timings::new(Instant::now()));
        gone.extend(rendered.into_files().into_iter().map(|(path, _)| path));
    }
    gone
}

/// Renders an edit's own pages and writes those whose bytes changed, before anything else:
/// the paths it made, or None, writing nothing, when they report an error (the rebuild
/// failed).
fn write_edited(
    out: &Path,
    written: &Written,
    ctx: &RenderCtx<'_>,
    edited: Vec<Job>,
    timings: &Timings,
    rebuild: &mut Rebuild,
) -> Option<Vec<String>> {
    if edited.is_empty() {
        return Some(Vec::new());
    }
    let collected = Diagnostics::new();
    let sink = LiveSink::default();
    rebuild.pages_rendered += sequencer::render(ctx, &Plan::Jobs(edited), &sink, &collected, None, timings);
    rebuild.diagnostics.extend(collected.into_sorted());
    if !rebuild.succeeded() {
        return None;
    }
    let files = sink.into_files();
    let paths = files.iter().map(|(path, _)| path.clone()).collect();
    write_changed(out, written, files, rebuild);
    rebuild.edited_time = Some(timings.elapsed());
    timings.stage("edited pages on disk");
    Some(paths)
}

/// Renders the jobs an edit leaves for last ([`Stages::later`])
/// and writes those whose bytes changed.
fn write_later(
    out: &Path,
    written: &Written,
    ctx: &RenderCtx<'_>,
    later: Vec<Job>,
    timings: &Timings,
    rebuild: &mut Rebuild,
) {
    if later.is_empty() {
        return;
    }
    let collected = Diagnostics::new();
    let sink = LiveSink::default();
    rebuild.pages_rendered += sequencer::render(ctx, &Plan::Jobs(later), &sink, &collected, None, timings);
    rebuild.diagnostics.extend(collected.into_sorted());
    write_changed(out, written, sink.into_files(), rebuild);
}

/// A hash of a file's bytes, to write only files that changed. FxHash reads eight bytes at a
/// step (FNV-1a one): the portal-wide files (calendar, API lists, sitemap) are megabytes,
/// hashed again on every edit.
fn content_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

/// After files were removed: the manifest without them. (New files were listed before they
/// were written, by [`write_changed`].)
fn write_manifest(out: &Path, written: &Written, rebuild: &mut Rebuild) {
    if rebuild.removed.is_empty() {
        return;
    }
    save_manifest(out, &written.lock().expect("written"), rebuild);
}

/// The manifest lets a later `loa build` into the same folder tell these files from files a
/// person added by hand. Written with the map locked, so the last one saved is the newest.
fn save_manifest(
    out: &Path,
    written: &HashMap<String, Option<(u64, crate::weight::Fingerprint)>>,
    rebuild: &mut Rebuild,
) {
    let mut listed: Vec<&String> = written.keys().collect();
    listed.sort();
    let listing: String = listed.iter().map(|p| format!("{p}\n")).collect();
    if let Err(e) =
        std::fs::create_dir_all(out).and_then(|()| std::fs::write(out.join(crate::output::MANIFEST), listing))
    {
        rebuild.diagnostics.push(Diagnostic::warning(
            out,
            Position::new(1, 1),
            crate::msg!("output-manifest-unwritable", error = e),
        ));
    }
}

/// Builds the search index on its own thread, so pages reach the browser without waiting for
/// it. Only the newest documents are indexed: a build asked for while another runs replaces
/// any still waiting.
struct SearchWorker {
    jobs: mpsc::Sender<(Vec<Arc<SearchDoc>>, Option<Finish>)>,
    /// Submitted and not yet written, with the condition the worker signals.
    pending: Arc<(Mutex<usize>, Condvar)>,
}

impl SearchWorker {
    fn start(out: &Path, written: &Written, reporter: Option<SearchReporter>) -> SearchWorker {
        let (jobs, receiver) = mpsc::channel::<(Vec<Arc<SearchDoc>>, Option<Finish>)>();
        let pending: Arc<(Mutex<usize>, Condvar)> = Arc::default();
        let (out, written, signal) = (out.to_path_buf(), written.clone(), pending.clone());
        std::thread::spawn(move || {
            // Its own thread pool: on the shared one, an edit's pages would queue behind the
            // index's tasks for seconds.
            let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
            while let Ok((mut docs, mut finish)) = receiver.recv() {
                let mut taken = 1;
                while let Ok(newer) = receiver.try_recv() {
                    docs = newer.0;
                    finish = newer.1.or(finish);
                    taken += 1;
                }
                let started = Instant::now();
                let files = match &pool {
                    Some(pool) => pool.install(|| crate::search::index::build(&docs)),
                    None => crate::search::index::build(&docs),
                };
                let mut rebuild = Rebuild::default();
                let names: HashSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
                let mut files = files;
                if let Some(finish) = finish {
                    files.extend(finish(&files));
                }
                write_changed(&out, &written, files, &mut rebuild);
                remove_stale_index(&out, &written, &names, &mut rebuild);
                write_manifest(&out, &written, &mut rebuild);
                if let Some(reporter) = &reporter {
                    reporter(SearchReport {
                        written: rebuild.written.len(),
                        removed: rebuild.removed.len(),
                        elapsed: started.elapsed(),
                        diagnostics: rebuild.diagnostics,
                    });
                }
                let (count, done) = &*signal;
                let mut count = count.lock().expect("pending");
                *count -= taken;
                done.notify_all();
            }
        });
        SearchWorker { jobs, pending }
    }

    fn submit(&self, docs: Vec<Arc<SearchDoc>>, finish: Option<Finish>) {
        *self.pending.0.lock().expect("pending") += 1;
        if self.jobs.send((docs, finish)).is_err() {
            *self.pending.0.lock().expect("pending") -= 1;
        }
    }

    fn wait(&self) {
        let (count, done) = &*self.pending;
        let mut count = count.lock().expect("pending");
        while *count > 0 {
            count = done.wait(count).expect("pending");
        }
    }
}

/// Removes index files an earlier index had and this one does not (shards come and go).
fn remove_stale_index(out: &Path, written: &Written, names: &HashSet<String>, rebuild: &mut Rebuild) {
    let index = format!("{}/", crate::search::index::INDEX_DIR);
    let mut written = written.lock().expect("written");
    let stale: Vec<String> = written.keys().filter(|p| p.starts_with(&index) && !names.contains(*p)).cloned().collect();
    for path in stale {
        let _ = std::fs::remove_file(out.join(&path));
        written.remove(&path);
        rebuild.removed.push(path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_live_writer_confines_every_path_before_listing_or_writing_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let written = Written::default();
        let mut rebuild = Rebuild::default();
        let files = vec![
            ("a/index.html".to_owned(), b"a".to_vec()),
            ("/b/index.html".to_owned(), b"b".to_vec()),
            ("../victim/index.html".to_owned(), b"x".to_vec()),
            ("//etc/x".to_owned(), b"x".to_vec()),
            ("q/a\\..\\..\\y".to_owned(), b"x".to_vec()),
        ];
        write_changed(&out, &written, files, &mut rebuild);
        assert!(out.join("a/index.html").exists() && out.join("b/index.html").exists());
        assert!(!dir.path().join("victim").exists());
        assert_eq!(rebuild.diagnostics.len(), 3, "{:?}", rebuild.diagnostics);
        let listed: Vec<String> = written.lock().unwrap().keys().cloned().collect();
        assert_eq!(listed.len(), 2, "refused paths are not listed in the manifest: {listed:?}");
    }
}
