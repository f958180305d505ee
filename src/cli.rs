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
    let outcome = pipeline::build(options);
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
    let stderr = std::io::stderr();
    let mut out = stderr.lock();
    for diagnostic in diagnostics {
        if quiet && diagnostic.severity == Severity::Warning {
            continue;
        }
        let _ = writeln!(out, "{diagnostic}");
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
