//! The one sequencer of `loa build`, `loa check` and `loa serve`: **plan → jobs → render in
//! parallel → sink**. A plan is every job of the portal (each language, the copied files)
//! or the jobs an edit reaches ([`crate::serve::incremental`]); the jobs are rendered by the
//! output modules ([`crate::render::render_job`]) on all cores; each job's files go to a
//! [`Sink`]: the staging folder of a build, the confinement check of `loa check`, or the
//! live folder of `loa serve`, which skips unchanged bytes.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::output::Staging;
use crate::output::confine::{self, RefusedPath};
use crate::render::Job;
use crate::render::{CopySource, OutputFile, RenderCtx, copies, render_job};

/// How far a build is, for a progress display: jobs rendered out of all jobs.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
}

/// Where rendered files go.
pub trait Sink: Sync {
    /// Takes the files one job made (paths under the output folder).
    fn write(&self, files: Vec<OutputFile>, problems: &Diagnostics);
    /// Takes a file published as it is (an attachment, an asset, a static file).
    fn copy(&self, target: &str, source: &CopySource<'_>, problems: &Diagnostics);
}

/// What to render.
#[derive(Debug, Clone)]
pub enum Plan {
    /// Every job of every language and the copied files; `search` says whose search index
    /// is rendered with the pages.
    Full { search: SearchIndexes },
    /// These jobs of the portal's own language (an edit's reach).
    Jobs(Vec<Job>),
}

/// Which languages' search indexes a full plan renders with the pages (`loa serve` builds
/// the portal's own on a thread of its own; `loa check` builds none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchIndexes {
    All,
    EditionsOnly,
    None,
}

/// One stage's time, for `LOA_TIMINGS` (printed by the command, not here).
#[derive(Debug, Clone)]
pub struct Timing {
    /// What was done: "pages rendered", "search index built"…
    pub stage: String,
    /// Since the command started, or since the render stage started (`in_render`).
    pub elapsed: Duration,
    pub in_render: bool,
    /// The process's resident memory and its peak then, in MiB (Linux).
    pub memory: Option<(u64, u64)>,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let when = if self.in_render { "in" } else { "done at" };
        write!(f, "timing: {} {when} {} ms", self.stage, self.elapsed.as_millis())?;
        if let Some((rss, peak)) = self.memory {
            write!(f, " (RSS {rss} MiB, peak {peak} MiB)")?;
        }
        Ok(())
    }
}

/// Stage timings collected while a command runs.
#[derive(Debug)]
pub struct Timings {
    started: Instant,
    items: Mutex<Vec<Timing>>,
    /// Only with `LOA_TIMINGS` set: reading `/proc` at every stage of every serve edit is
    /// work nobody reads otherwise.
    enabled: bool,
}

impl Timings {
    pub fn new(started: Instant) -> Timings {
        Timings { started, items: Mutex::default(), enabled: std::env::var_os("LOA_TIMINGS").is_some() }
    }

    /// Records that `stage` is done, timed from the command's start.
    pub fn stage(&self, stage: &str) {
        self.push(stage, self.started.elapsed(), false);
    }

    fn push(&self, stage: &str, elapsed: Duration, in_render: bool) {
        if !self.enabled {
            return;
        }
        let timing = Timing { stage: stage.to_owned(), elapsed, in_render, memory: memory() };
        self.items.lock().expect("timings").push(timing);
    }

    /// Since the command started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn into_vec(self) -> Vec<Timing> {
        self.items.into_inner().expect("timings")
    }
}

/// The process's current and peak resident memory in MiB, from `/proc/self/status` (Linux).
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status.lines().find(|l| l.starts_with(name)).and_then(|l| l.split_whitespace().nth(1)?.parse::<u64>().ok())
    };
    Some((field("VmRSS:")? / 1024, field("VmHWM:")? / 1024))
}

/// The jobs of a context's language: its search index first (the longest job, so it starts
/// while the pages render), then every page and file of [`crate::render::lists::Lists::jobs`].
pub fn plan(ctx: &RenderCtx<'_>, search: bool) -> Vec<Job> {
    let mut jobs = Vec::new();
    if search {
        jobs.push(Job::SearchIndex);
    }
    jobs.extend(ctx.lists.jobs(ctx.site));
    jobs.extend(crate::render::federation::jobs(ctx));
    jobs
}

/// Renders `planned` from `ctx` (the portal's own language) into `sink`; returns the number of
/// HTML pages made.
pub fn render(
    ctx: &RenderCtx<'_>,
    planned: &Plan,
    sink: &dyn Sink,
    problems: &Diagnostics,
    progress: Option<&Progress>,
    timings: &Timings,
) -> usize {
    let started = Instant::now();
    let search = match planned {
        Plan::Jobs(jobs) => return render_jobs(ctx, jobs, sink, problems, progress, None),
        Plan::Full { search } => *search,
    };
    let jobs = plan(ctx, search == SearchIndexes::All);
    let mut pages = render_jobs(ctx, &jobs, sink, problems, progress, Some((timings, started)));
    timings.push("pages rendered", started.elapsed(), true);
    for edition in ctx.editions() {
        let jobs = plan(&edition, search != SearchIndexes::None);
        pages += render_jobs(&edition, &jobs, sink, problems, progress, None);
    }
    copies::files(ctx).par_iter().for_each(|(target, source)| sink.copy(target, source, problems));
    pages
}

/// Renders `jobs` in parallel, handing each job's files to `sink` under the language's
/// folder; returns the number of HTML pages. With `timings`, notes when the search index
/// was built.
fn render_jobs(
    ctx: &RenderCtx<'_>,
    jobs: &[Job],
    sink: &dyn Sink,
    problems: &Diagnostics,
    progress: Option<&Progress>,
    timings: Option<(&Timings, Instant)>,
) -> usize {
    if let Some(progress) = progress {
        progress.total.fetch_add(jobs.len(), Ordering::Relaxed);
    }
    jobs.par_iter()
        .map(|job| {
            if let Some(progress) = progress {
                progress.done.fetch_add(1, Ordering::Relaxed);
            }
            let Some(outputs) = render_job(ctx, job, problems) else { return 0 };
            if let (Job::SearchIndex, Some((timings, started))) = (job, timings) {
                timings.push("search index built", started.elapsed(), true);
            }
            let count = outputs.iter().filter(|(path, _)| path.ends_with(".html")).count();
            // Output paths are relative to the output folder, whatever a job wrote.
            let files = outputs
                .into_iter()
                .map(|(path, bytes)| (format!("{}{}", ctx.out_prefix, path.trim_start_matches('/')), bytes))
                .collect();
            sink.write(files, problems);
            count
        })
        .sum()
}

/// `loa build`'s sink: the staging folder, swapped into place when the build succeeded.
pub struct StagingSink<'s>(pub &'s Staging);

impl Sink for StagingSink<'_> {
    fn write(&self, files: Vec<OutputFile>, problems: &Diagnostics) {
        for (path, bytes) in files {
            if let Err(e) = self.0.write(&path, &bytes) {
                problems.push(confine::write_error(&path, &e));
            }
        }
    }

    fn copy(&self, target: &str, source: &CopySource<'_>, problems: &Diagnostics) {
        let result = match source {
            CopySource::File(file) => file.open().and_then(|from| self.0.copy(target, from)),
            CopySource::Bytes(bytes) => self.0.write(target, bytes),
        };
        if let Err(e) = result {
            problems.push(match e.get_ref().and_then(|inner| inner.downcast_ref::<RefusedPath>()) {
                Some(refused) => refused.diagnostic(),
                None => Diagnostic::error(target, Position::new(1, 1), crate::msg!("output-cannot-copy", error = e)),
            });
        }
    }
}

/// Reports a path `loa build` would refuse to write.
fn check_confined(path: &str, problems: &Diagnostics) {
    if let Err(refused) = confine::join_site_path(std::path::Path::new(""), path) {
        problems.push(refused.diagnostic());
    }
}

/// `loa check`'s sink: nothing is written, but every path passes the output's confinement,
/// so `loa check` reports what `loa build` would refuse; pages and what they load are
/// weighed when there is a budget.
pub struct CheckSink<'w>(pub Option<&'w crate::weight::Weights>);

impl Sink for CheckSink<'_> {
    fn write(&self, files: Vec<OutputFile>, problems: &Diagnostics) {
        for (path, bytes) in files {
            if let Some(weights) = self.0 {
                weights.measure_if_loaded(&path, &bytes);
            }
            check_confined(&path, problems);
        }
    }

    fn copy(&self, target: &str, source: &CopySource<'_>, problems: &Diagnostics) {
        // A copy's target passes the same confinement as in `loa build` (`Staging::copy`).
        check_confined(target, problems);
        let Some(weights) = self.0 else { return };
        match source {
            CopySource::Bytes(bytes) => weights.measure_if_loaded(target, bytes),
            CopySource::File(file) => {
                if crate::weight::weighed(target) {
                    weights.measure_if_loaded(target, &file.read().unwrap_or_default());
                }
            }
        }
    }
}
