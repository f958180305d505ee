//! What the commands print and which exit code they return. `main.rs` parses arguments and
//! calls these.

use std::io::Write;
use std::path::PathBuf;

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
    print_timings(&outcome);
    print_diagnostics(&outcome.diagnostics, quiet);
    if !outcome.succeeded() {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!("build failed: {errors} error(s); the previous output in {} is unchanged", options.out.display());
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

/// With `LOA_TIMINGS` set, the time (and memory) of each stage, for profiling (see the
/// README's performance section).
fn print_timings(outcome: &pipeline::Outcome) {
    if std::env::var_os("LOA_TIMINGS").is_some() {
        outcome.timings.iter().for_each(|timing| eprintln!("{timing}"));
    }
}

/// Output format of `loa check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// `loa check`: everything `build` validates, without writing; with `links`, also the
/// links of the built output folder.
pub fn check(options: &BuildOptions, links: bool, format: Format) -> i32 {
    let mut dry = options.clone();
    dry.dry_run = true;
    let outcome = pipeline::build(&dry);
    print_timings(&outcome);
    let succeeded = outcome.succeeded();
    let mut diagnostics = outcome.diagnostics;
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
                    "there is no built output to check links in".to_owned(),
                )
                .with_hint("run `loa build` first, or pass --out DIR"),
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
            });
            println!("{}", serde_json::to_string_pretty(&report).expect("json"));
        }
        Format::Text => {
            print_diagnostics(&diagnostics, false);
            eprintln!("{errors} error(s), {} warning(s)", diagnostics.len() - errors);
        }
    }
    if errors > 0 { EXIT_ERRORS } else { EXIT_OK }
}

/// `loa new KIND TITLE`.
pub fn new(root: &std::path::Path, kind: &str, title: &str) -> i32 {
    if title.trim().is_empty() {
        eprintln!("error: give a title, e.g. loa new {kind} \"Hội thi Sáng tạo kỹ thuật lần thứ 15\"");
        return EXIT_USAGE;
    }
    match crate::new::create(root, kind, title, crate::date::PartialDate::today_in_vietnam()) {
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
                print_diagnostics(&diagnostics, false);
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

fn print_diagnostics(diagnostics: &[Diagnostic], quiet: bool) {
    use std::io::IsTerminal;
    let stderr = std::io::stderr();
    let colour = stderr.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = stderr.lock();
    for diagnostic in diagnostics {
        if quiet && diagnostic.severity == Severity::Warning {
            continue;
        }
        let text = diagnostic.to_string();
        let text = if colour {
            text.replacen(": error: ", ": \x1b[1;31merror\x1b[0m: ", 1).replacen(
                ": warning: ",
                ": \x1b[1;33mwarning\x1b[0m: ",
                1,
            )
        } else {
            text
        };
        let _ = writeln!(out, "{text}");
    }
}

/// Shows how far rendering is: a bar redrawn in place on a terminal, a line every quarter
/// otherwise (CI logs), nothing with `--quiet`.
struct ProgressDisplay {
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

impl ProgressDisplay {
    fn start(progress: std::sync::Arc<pipeline::Progress>) -> ProgressDisplay {
        use std::io::IsTerminal;
        use std::sync::atomic::{AtomicBool, Ordering};
        let stop = std::sync::Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let terminal = std::io::stderr().is_terminal();
        let thread = std::thread::spawn(move || {
            let started = std::time::Instant::now();
            let mut reported_quarter = 0;
            while !flag.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(100));
                let (done, total) = (progress.done.load(Ordering::Relaxed), progress.total.load(Ordering::Relaxed));
                // Short builds show nothing: the summary line is enough.
                if total == 0 || started.elapsed().as_millis() < 500 {
                    continue;
                }
                if terminal {
                    let filled = done * 30 / total;
                    eprint!("\r[{}{}] {done}/{total} pages", "#".repeat(filled), " ".repeat(30 - filled));
                } else if done * 4 / total > reported_quarter {
                    reported_quarter = done * 4 / total;
                    eprintln!("rendered {done}/{total} pages");
                }
            }
            if terminal && started.elapsed().as_millis() >= 600 {
                eprint!("\r{}\r", " ".repeat(50));
            }
        });
        ProgressDisplay { stop, thread }
    }

    fn finish(self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = self.thread.join();
    }
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
