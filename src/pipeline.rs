//! `loa build` and `loa check`, start to end: load → validate → model → render → write. The
//! render goes through the sequencer `loa serve` uses too ([`crate::sequencer`]).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::{self, LoadOptions};
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::output::Staging;
use crate::render::{self, Counts, RenderCtx, theme::Theme};
use crate::sequencer::{self, CheckSink, Plan, SearchIndexes, StagingSink, Timings};
pub use crate::sequencer::{Progress, Timing};

/// What `loa build` and `loa check` are asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Replace an output folder even if it holds files the build did not write.
    pub clean: bool,
    /// Render but write nothing (`loa check`).
    pub dry_run: bool,
    /// Pages over the page-weight budget are errors, not warnings (`--strict`).
    pub strict: bool,
    /// Updated while pages render, when something displays it.
    pub progress: Option<std::sync::Arc<Progress>>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            out: root.join("public"),
            root,
            base_url: None,
            drafts: false,
            clean: false,
            dry_run: false,
            strict: false,
            progress: None,
        }
    }
}

/// The result of a build: counts, time and every diagnostic (warnings on success).
#[derive(Debug)]
pub struct Outcome {
    pub counts: Counts,
    pub elapsed: Duration,
    pub diagnostics: Vec<Diagnostic>,
    /// The time of each stage, for `LOA_TIMINGS`.
    pub timings: Vec<Timing>,
    /// Files held back until their `publish:` moment, soonest first (`loa check` lists them).
    pub scheduled: Vec<content::Scheduled>,
}

impl Outcome {
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Builds the portal. On any error nothing in the output folder changes.
pub fn build(options: &BuildOptions) -> Outcome {
    let started = Instant::now();
    let timings = Timings::new(started);
    let outcome = run(options, &timings);
    Outcome { elapsed: started.elapsed(), timings: timings.into_vec(), ..outcome }
}

fn run(options: &BuildOptions, timings: &Timings) -> Outcome {
    let finish = |counts: Counts, diagnostics: Vec<Diagnostic>| Outcome {
        counts,
        elapsed: Duration::ZERO,
        diagnostics,
        timings: Vec::new(),
        scheduled: Vec::new(),
    };

    let load_options = LoadOptions { drafts: options.drafts, base_url: options.base_url.clone() };
    let hashes = content::attachments::FileHashes::load(&options.root);
    let (site, mut diagnostics) = content::load_site(&options.root, &load_options, &hashes);
    timings.stage("load and validate");
    let Some(site) = site else { return finish(Counts::default(), diagnostics) };
    let finish = |counts: Counts, diagnostics: Vec<Diagnostic>| Outcome {
        scheduled: site.scheduled.clone(),
        ..finish(counts, diagnostics)
    };
    let mut theme = match Theme::load(&options.root, &site.config.theme) {
        Ok(theme) => theme,
        Err(error) => {
            diagnostics.push(error);
            return finish(Counts::default(), diagnostics);
        }
    };
    if let Err(errors) = theme.load_strings(&site.config.languages) {
        diagnostics.extend(errors);
        return finish(Counts::default(), diagnostics);
    }
    let tera = match render::compile(&theme) {
        Ok(tera) => tera,
        Err(errors) => {
            diagnostics.extend(errors);
            return finish(Counts::default(), diagnostics);
        }
    };
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    let weights = std::sync::Arc::new(crate::weight::Weights::new(&site.config.base_url));
    let precompressor = std::sync::Arc::new(crate::weight::Precompressor::new(weights.clone()));
    let staging = if options.dry_run || has_errors {
        None
    } else {
        match Staging::new(&options.out) {
            Ok(mut staging) => {
                staging.observe(precompressor.clone());
                Some(staging)
            }
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    &options.out,
                    Position::new(1, 1),
                    crate::msg!("output-folder-create", error = e),
                ));
                return finish(Counts::default(), diagnostics);
            }
        }
    };
    // Render even when loading found errors: template and body problems are reported in the
    // same run, so one build shows everything to fix.
    let collected = Diagnostics::new();
    collected.extend(diagnostics);
    timings.stage("theme");
    // A national portal reads its members' published API; no member can fail the build.
    let members = crate::federation::read::read_configured(&options.root, &site.config);
    if let Some(report) = &members {
        timings.stage("read federation members");
        collected.extend(report.warnings.iter().cloned());
    }
    let ctx = RenderCtx::new(&site, &tera, &theme).with_national(members.as_ref());
    let pages = match &staging {
        Some(staging) => {
            let plan = Plan::Full { search: SearchIndexes::All };
            sequencer::render(&ctx, &plan, &StagingSink(staging), &collected, options.progress.as_deref(), timings)
        }
        None => {
            let plan = Plan::Full { search: SearchIndexes::None };
            let sink = CheckSink((site.config.page_budget_kb > 0).then_some(&*weights));
            sequencer::render(&ctx, &plan, &sink, &collected, options.progress.as_deref(), timings)
        }
    };
    let counts = Counts { pages, attachments: site.attachments.len() };
    timings.stage("render and write");
    // After rendering, before the swap: `.gz` twins, page weights and the service worker.
    if let Some(staging) = &staging
        && !collected.has_errors()
    {
        if let Err(errors) = crate::pwa::finish_output(staging, &theme, &site.config, &weights, &precompressor) {
            collected.extend(errors);
        }
        timings.stage("service worker");
    }
    collected.extend(weights.over_budget(site.config.page_budget_kb, options.strict));
    let mut diagnostics = collected.into_sorted();
    if let Some(staging) = staging {
        commit(staging, options, &mut diagnostics);
        timings.stage("swap into place");
        // The cache only saves work; a build that cannot write it is still a good build.
        let _ = hashes.save(&options.root);
        // The records are written only after a good build: a failed one never changes them.
        if !diagnostics.iter().any(Diagnostic::is_error) {
            let saved = content::shortlinks::save(&options.root, &site.short_links)
                .map_err(|e| Diagnostic::unsaved(content::shortlinks::REGISTRY_FILE, "the short-link registry", &e))
                .and_then(|()| {
                    content::published::save(&options.root, &site).map_err(|e| {
                        Diagnostic::unsaved(content::published::RECORD_FILE, "the record of published pages", &e)
                    })
                });
            diagnostics.extend(saved.err());
        }
    }
    finish(counts, diagnostics)
}

fn commit(staging: Staging, options: &BuildOptions, diagnostics: &mut Vec<Diagnostic>) {
    if diagnostics.iter().any(Diagnostic::is_error) {
        staging.discard();
        return;
    }
    let foreign = staging.foreign_files();
    if !foreign.is_empty() && !options.clean {
        // The names as written, then "and N more" in the language the message is shown in.
        let mut files: Vec<crate::diag::Arg> =
            foreign.iter().take(5).map(|p| crate::diag::Arg::Plain(p.display().to_string())).collect();
        if foreign.len() > 5 {
            files.push(crate::diag::Arg::Text(crate::msg!("output-folder-more", count = foreign.len() - 5)));
        }
        diagnostics.push(
            Diagnostic::error(&options.out, Position::new(1, 1), crate::msg!("output-folder-foreign", files))
                .with_hint(crate::msg!("output-folder-foreign-hint")),
        );
        staging.discard();
        return;
    }
    if let Err(e) = staging.commit() {
        diagnostics.push(Diagnostic::error(
            &options.out,
            Position::new(1, 1),
            crate::msg!("output-folder-replace", error = e),
        ));
    }
}

/// The portal root to use: `--root`, else the current folder.
pub fn root_or_current(root: Option<&Path>) -> PathBuf {
    root.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))
}
