//! What the commands print and which exit code they return. `main.rs` parses arguments and
//! calls these.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Severity};
use crate::pipeline::{self, BuildOptions};

/// Exit codes, documented in the README.
pub const EXIT_OK: i32 = 0;
pub const EXIT_ERRORS: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// `loa build`.
pub fn build(options: &BuildOptions, quiet: bool) -> i32 {
    let mut options = options.clone();
    let display = (!quiet).then(|| {
        let progress = std::sync::Arc::new(pipeline::Progress::default());
        options.progress = Some(progress.clone());
        ProgressDisplay::start(progress)
    });
    let outcome = pipeline::build(&options);
    if let Some(display) = display {
        display.finish();
    }
    print_timings(&outcome.timings);
    print_diagnostics(&options.root, &outcome.diagnostics, quiet);
    if !outcome.succeeded() {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("{}", crate::msg!("build-failed", errors, out = options.out.display()));
        return EXIT_ERRORS;
    }
    if !quiet {
        println!(
            "built {} pages and {} attachments into {} in {} ms",
            outcome.counts.pages,
            outcome.counts.attachments,
            options.out.display(),
            outcome.elapsed.as_millis()
        );
    }
    EXIT_OK
}

/// The time (and memory) of each stage, recorded only with `LOA_TIMINGS` set, for profiling
/// (see the README's performance section).
fn print_timings(timings: &[crate::sequencer::Timing]) {
    timings.iter().for_each(|timing| eprintln!("{timing}"));
}

/// Output format of `loa check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// `loa check`: everything `build` validates, without writing; with `links`, also the
/// links of the built output folder; with `nd42`, also what Nghị định 42/2022 expects of
/// each directive (`check::nd42`).
pub fn check(options: &BuildOptions, links: bool, format: Format, nd42: bool) -> i32 {
    let mut dry = options.clone();
    dry.dry_run = true;
    let outcome = pipeline::build(&dry);
    print_timings(&outcome.timings);
    let succeeded = outcome.succeeded();
    let scheduled = outcome.scheduled;
    let mut diagnostics = outcome.diagnostics;
    if nd42 && succeeded {
        let load_options = crate::content::LoadOptions { drafts: options.drafts, base_url: options.base_url.clone() };
        let hashes = crate::content::attachments::FileHashes::load(&options.root);
        if let (Some(site), _) = crate::content::load_site(&options.root, &load_options, &hashes) {
            diagnostics.extend(crate::check::nd42::check(&site));
        }
    }
    if links && succeeded {
        let base_url = options.base_url.clone().or_else(|| {
            crate::config::Config::load(&options.root.join("site.yaml"), std::path::Path::new("site.yaml"), None)
                .ok()
                .map(|c| c.base_url)
        });
        match base_url {
            Some(base_url) if options.out.is_dir() => {
                diagnostics.extend(crate::check::links::check_links(&options.out, &base_url))
            }
            _ => diagnostics.push(
                Diagnostic::error(
                    options.out.clone(),
                    crate::diag::Position::new(1, 1),
                    crate::msg!("links-no-output"),
                )
                .with_hint(crate::msg!("links-no-output-hint")),
            ),
        }
    }
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    match format {
        Format::Json => {
            let report = serde_json::json!({
                "errors": errors,
                "warnings": diagnostics.len() - errors,
                "diagnostics": diagnostics,
                "scheduled": scheduled,
            });
            println!("{}", serde_json::to_string_pretty(&report).expect("json"));
        }
        Format::Text => {
            print_diagnostics(&options.root, &diagnostics, false);
            print_scheduled(&scheduled);
            eprintln!("{}", crate::msg!("check-summary", errors, warnings = diagnostics.len() - errors));
        }
    }
    if errors > 0 { EXIT_ERRORS } else { EXIT_OK }
}

/// What is held back until its `publish:` moment, soonest first.
fn print_scheduled(scheduled: &[crate::content::Scheduled]) {
    if scheduled.is_empty() {
        return;
    }
    eprintln!("scheduled (not in this build; Vietnam time):");
    for item in scheduled {
        eprintln!("  {}  {} {}  {}", item.publish, item.kind, item.file.display(), item.title);
    }
}

/// `loa new KIND TITLE`.
pub fn new(root: &std::path::Path, kind: &str, title: &str, campaign: Option<&str>) -> i32 {
    if title.trim().is_empty() {
        eprintln!("error: give a title, e.g. loa new {kind} \"Hội thi Sáng tạo kỹ thuật lần thứ 15\"");
        return EXIT_USAGE;
    }
    match crate::new::create(root, kind, title, campaign, crate::date::PartialDate::today_in_vietnam()) {
        Ok(path) => {
            println!("wrote {}", path.display());
            EXIT_OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            if crate::new::KINDS.contains(&kind) { EXIT_ERRORS } else { EXIT_USAGE }
        }
    }
}

/// `loa qr CODE|URL`: prints the QR code on the terminal and writes PNG and SVG files.
pub fn qr(target: &str, root: &std::path::Path, out_dir: &std::path::Path, module_px: u32) -> i32 {
    let url = if target.starts_with("https://") || target.starts_with("http://") {
        percent_encode_non_ascii(target)
    } else {
        match crate::config::Config::load(&root.join("site.yaml"), std::path::Path::new("site.yaml"), None) {
            Ok(config) => config.absolute(&format!("/q/{}/", target.to_uppercase())),
            Err(diagnostics) => {
                print_diagnostics(root, &diagnostics, false);
                eprintln!(
                    "`{target}` is not a URL, and no portal here gives the base URL for a short code (use --root DIR)"
                );
                return EXIT_USAGE;
            }
        }
    };
    let code = match crate::qr::encode(&url) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            return EXIT_ERRORS;
        }
    };
    let name = crate::text::slugify(url.trim_end_matches('/').rsplit('/').next().unwrap_or("qr"));
    let png_path = out_dir.join(format!("qr-{name}.png"));
    let svg_path = out_dir.join(format!("qr-{name}.svg"));
    let written = std::fs::create_dir_all(out_dir)
        .and_then(|()| std::fs::write(&png_path, crate::qr::png(&code, module_px)))
        .and_then(|()| std::fs::write(&svg_path, crate::qr::svg(&code)));
    if let Err(e) = written {
        eprintln!("error: cannot write the QR files: {e}");
        return EXIT_ERRORS;
    }
    println!("{}\n{url}\nwrote {} and {}", crate::qr::terminal(&code), png_path.display(), svg_path.display());
    EXIT_OK
}

/// `loa scans LOG…`: counts the logs' scans into data/scans.json and prints the table, the
/// lines that could not be read (by file and line) and what was left out. Exit 1 when a
/// file cannot be read or a line could not be parsed.
pub fn scans(root: &Path, logs: &[std::path::PathBuf]) -> i32 {
    let earlier = match crate::content::scans::load(root) {
        Ok(data) => data.unwrap_or_default(),
        Err(problem) => {
            print_diagnostics(root, &[problem], false);
            return EXIT_ERRORS;
        }
    };
    let report = match crate::scans::count(earlier, logs) {
        Ok(report) => report,
        Err(failed) => {
            eprintln!("error: cannot read {}: {}", failed.file.display(), failed.error);
            return EXIT_ERRORS;
        }
    };
    let written = match crate::scans::save(root, &report.data) {
        Ok(path) => path,
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", crate::content::scans::SCANS_FILE);
            return EXIT_ERRORS;
        }
    };
    print!("{}", crate::scans::table(&report.data));
    let added: u64 = report.added.values().sum();
    println!(
        "added {added} scans; left out: {} already counted lines, {} bots, {} repeats within a minute",
        report.already_counted, report.bots, report.repeats
    );
    if report.lower_bounds > 0 {
        println!("{} day(s) had under 5 scans before: their totals are lower bounds (marked ≥)", report.lower_bounds);
    }
    println!("wrote {}", written.display());
    for line in &report.unreadable {
        eprintln!(
            "{}:{}: error: this line is not an nginx log line loa can read (not counted)",
            line.file.display(),
            line.line
        );
    }
    if report.unreadable.is_empty() {
        EXIT_OK
    } else {
        eprintln!("{} line(s) could not be read; the rest were counted", report.unreadable.len());
        EXIT_ERRORS
    }
}

/// Scanners guess the charset of QR byte data: non-ASCII in URLs must be percent-encoded.
fn percent_encode_non_ascii(url: &str) -> String {
    url.chars()
        .flat_map(|c| {
            if c.is_ascii() {
                vec![c.to_string()]
            } else {
                c.to_string().bytes().map(|b| format!("%{b:02X}")).collect()
            }
        })
        .collect()
}

/// `loa init DIR --province … --organization …`: prints what it wrote and what to do next.
pub fn init(dir: &Path, province: &str, organization: &str, cms: Option<&str>) -> i32 {
    use crate::init::InitError;
    let today = crate::date::PartialDate::today_in_vietnam();
    match crate::init::create(dir, province, organization, today).and_then(|files| match cms {
        Some(backend) => crate::init::add_cms(dir, backend).map(|()| files),
        None => Ok(files),
    }) {
        Ok(files) => {
            println!("created a new portal in {}:", dir.display());
            for file in &files {
                println!("  {}", file.display());
            }
            let cd =
                if dir == Path::new(".") { String::new() } else { format!("cd {} && ", crate::init::shell_word(dir)) };
            println!(
                "next: replace every [Điền …] placeholder (README.md says where), then preview with `{cd}loa serve`"
            );
            EXIT_OK
        }
        Err(InitError::Usage(message)) => {
            eprintln!("error: {message}");
            EXIT_USAGE
        }
        Err(InitError::Refused(message)) => {
            eprintln!("error: {message}");
            EXIT_ERRORS
        }
    }
}

/// `loa import FILE…`: prints each file written (or, with `--dry-run`, its text) on stdout and
/// its report on stderr; 1 when a file was not imported, 2 when the portal or `--campaign` is
/// wrong.
pub fn import(options: &crate::import::ImportOptions) -> i32 {
    let outcomes = match crate::import::run(options) {
        Ok(outcomes) => outcomes,
        Err(error) => {
            eprintln!("{error}");
            return EXIT_USAGE;
        }
    };
    let mut failed = 0;
    for outcome in &outcomes {
        match outcome {
            Ok(imported) => {
                if options.dry_run {
                    println!("# ---- {}", crate::msg!("import-dry-run", path = imported.target.display()));
                    print!("{}", imported.text);
                    for suggestion in &imported.suggestions {
                        println!(
                            "# ---- {}",
                            crate::msg!("import-dry-run-suggested", path = suggestion.path.display())
                        );
                        print!("{}", suggestion.text);
                    }
                } else {
                    println!("{}", crate::msg!("import-wrote", path = imported.target.display()));
                    for suggestion in &imported.suggestions {
                        println!("{}", crate::msg!("import-wrote-suggested", path = suggestion.path.display()));
                    }
                }
                eprint!("{}", crate::import::report(imported));
            }
            Err(error) => {
                failed += 1;
                eprintln!("{error}");
            }
        }
    }
    if failed > 0 {
        eprintln!("{}", crate::msg!("import-failed-summary", failed, files = options.files.len()));
        EXIT_ERRORS
    } else {
        EXIT_OK
    }
}

/// `loa serve`: prints each rebuild's problems and summary until the watcher ends.
pub fn serve(options: &crate::serve::ServeOptions) -> i32 {
    use crate::serve::{Event, ServeError};
    let (quiet, root) = (options.quiet, options.root.clone());
    let listener: crate::serve::Listener = std::sync::Arc::new(move |event| match event {
        Event::Serving { out, url } => println!("Serving {} at {url} (Ctrl+C to stop)", out.display()),
        Event::Rebuilt(rebuild) => {
            print_timings(&rebuild.timings);
            print_diagnostics(&root, &rebuild.diagnostics, quiet);
            let errors = rebuild.diagnostics.iter().filter(|d| d.is_error()).count();
            if errors > 0 {
                eprintln!("{}", crate::msg!("serve-build-failed", errors));
            } else if !quiet {
                let edited =
                    rebuild.edited_time.map(|t| format!("edited page {} ms, ", t.as_millis())).unwrap_or_default();
                println!(
                    "{} rebuild: {} pages rendered, {} files written, {} removed{}; on disk: {edited}pages {} ms, all {} ms (the search index follows)",
                    if rebuild.full { "full" } else { "incremental" },
                    rebuild.pages_rendered,
                    rebuild.written.len(),
                    rebuild.removed.len(),
                    if rebuild.patched { ", model patched in place" } else { "" },
                    rebuild.pages_time.as_millis(),
                    rebuild.total_time.as_millis(),
                );
            }
        }
        Event::Indexed(report) => {
            println!(
                "search index: {} files written, {} removed in {} ms",
                report.written,
                report.removed,
                report.elapsed.as_millis()
            );
            print_diagnostics(&root, &report.diagnostics, quiet);
        }
    });
    let outcome = crate::serve::run(options, listener);
    match outcome {
        Ok(()) => EXIT_OK,
        Err(error) => {
            eprintln!("error: {error}");
            match error {
                ServeError::Listen { .. } => EXIT_USAGE,
                ServeError::Watch { .. } => EXIT_ERRORS,
            }
        }
    }
}

/// Prints diagnostics on stderr as rustc does (the source line under each, with a caret), in
/// colour on a terminal unless `NO_COLOR` is set; `quiet` leaves warnings out. `root` is the
/// folder diagnostics' relative paths start from.
fn print_diagnostics(root: &Path, diagnostics: &[Diagnostic], quiet: bool) {
    let colour = colour_on_stderr();
    let mut out = std::io::stderr().lock();
    for diagnostic in diagnostics {
        if quiet && diagnostic.severity == Severity::Warning {
            continue;
        }
        let line = crate::snippet::source_line(root, diagnostic);
        let _ = writeln!(out, "{}\n", crate::snippet::render(diagnostic, line.as_deref(), colour));
    }
}

/// Colours go to a terminal only, and never when `NO_COLOR` is set (no-color.org).
fn colour_on_stderr() -> bool {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// Shows how far rendering is: an `indicatif` bar redrawn in place on a terminal, a line
/// every quarter otherwise (CI logs), nothing with `--quiet`. Short builds show nothing: the
/// summary line is enough.
struct ProgressDisplay {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl ProgressDisplay {
    /// How long a build runs before it shows its progress.
    const QUIET_START: std::time::Duration = std::time::Duration::from_millis(500);

    fn start(progress: std::sync::Arc<pipeline::Progress>) -> ProgressDisplay {
        use std::io::IsTerminal;
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let terminal = std::io::stderr().is_terminal();
        let thread = std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let mut bar: Option<indicatif::ProgressBar> = None;
            let mut reported_quarter = 0;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let (done, total) = (progress.done.load(Ordering::Relaxed), progress.total.load(Ordering::Relaxed));
                if total == 0 || started.elapsed() < Self::QUIET_START {
                    continue;
                }
                if terminal {
                    let bar = bar.get_or_insert_with(|| terminal_bar(total));
                    bar.set_length(total as u64);
                    bar.set_position(done as u64);
                } else if done * 4 / total > reported_quarter {
                    reported_quarter = done * 4 / total;
                    eprintln!("rendered {done}/{total} pages");
                }
            }
            if let Some(bar) = bar {
                bar.finish_and_clear();
            }
        });
        ProgressDisplay { stop, thread }
    }

    fn finish(self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = self.thread.join();
    }
}

/// The bar on stderr: `[#####     ] 1200/10000 pages`, coloured unless `NO_COLOR` is set.
fn terminal_bar(total: usize) -> indicatif::ProgressBar {
    let template =
        if colour_on_stderr() { "[{bar:30.cyan/blue}] {pos}/{len} pages" } else { "[{bar:30}] {pos}/{len} pages" };
    let style = indicatif::ProgressStyle::with_template(template).expect("valid template").progress_chars("#> ");
    indicatif::ProgressBar::with_draw_target(Some(total as u64), indicatif::ProgressDrawTarget::stderr())
        .with_style(style)
}

/// Resolves `--root` and `--out` into build options.
pub fn options(
    root: Option<PathBuf>,
    out: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
    clean: bool,
) -> BuildOptions {
    let mut options = BuildOptions::new(root.unwrap_or_else(|| PathBuf::from(".")));
    if let Some(out) = out {
        options.out = out;
    }
    options.base_url = base_url;
    options.drafts = drafts;
    options.clean = clean;
    options
}
