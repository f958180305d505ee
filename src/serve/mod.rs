//! `loa serve`: builds, serves the output on loopback, watches the portal and rebuilds what
//! an edit changes, then reloads open browser tabs (Server-Sent Events). Errors show in the
//! terminal and as an overlay in the browser; the server keeps running and recovers on the
//! next good save. For preview only: `loa build` output never carries the reload script.

pub mod http;
pub mod incremental;
pub mod listen;
pub mod session;
pub mod watch;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use session::{Rebuild, Session};

/// What `loa serve` is asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub out: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
    pub quiet: bool,
}

/// The state the HTTP threads read: the latest errors and a way to reach the browsers.
#[derive(Default)]
pub struct Shared {
    /// The problems of the last rebuild, as printed (empty when it succeeded).
    pub errors: Mutex<Vec<String>>,
    pub clients: Mutex<Vec<std::sync::mpsc::Sender<String>>>,
    /// Event streams open now.
    streams: Arc<std::sync::atomic::AtomicUsize>,
}

/// An open event stream, counted until it is dropped.
pub struct StreamSlot(Arc<std::sync::atomic::AtomicUsize>);

impl Drop for StreamSlot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::AcqRel);
    }
}

impl Shared {
    /// Counts one more event stream, or None when `max` are open.
    pub fn open_stream(&self, max: usize) -> Option<StreamSlot> {
        use std::sync::atomic::Ordering;
        self.streams
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |open| (open < max).then_some(open + 1))
            .ok()
            .map(|_| StreamSlot(self.streams.clone()))
    }

    /// Sends an event to every open page; drops pages that went away.
    pub fn broadcast(&self, event: &str) {
        self.clients.lock().expect("clients").retain(|client| client.send(event.to_owned()).is_ok());
    }
}

pub fn run(options: &ServeOptions) -> i32 {
    let listener = match std::net::TcpListener::bind((options.bind.as_str(), options.port)) {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("error: cannot listen on {}:{}: {e}", options.bind, options.port);
            return crate::cli::EXIT_USAGE;
        }
    };
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let base_url = format!("http://{address}/");
    let shared = Arc::new(Shared::default());
    let mut session = Session::new(&options.root, &options.out, Some(base_url.clone()), options.drafts);
    if !options.quiet {
        session = session.on_search(Arc::new(|report: session::SearchReport| {
            println!(
                "search index: {} files written, {} removed in {} ms",
                report.written,
                report.removed,
                report.elapsed.as_millis()
            );
            for problem in &report.diagnostics {
                eprintln!("{problem}");
            }
        }));
    }
    report(&session.full(), &shared, options.quiet);
    http::spawn(listener, options.out.clone(), shared.clone());
    println!("Serving {} at {base_url} (Ctrl+C to stop)", options.out.display());
    if options.open {
        open_browser(&base_url);
    }
    let events = match watch::watch(&options.root, &options.out) {
        Ok(events) => events,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", options.root.display());
            return crate::cli::EXIT_ERRORS;
        }
    };
    for paths in events {
        let rebuild = session.changed(&paths);
        if rebuild.pages_rendered > 0 || !rebuild.diagnostics.is_empty() {
            report(&rebuild, &shared, options.quiet);
        }
    }
    crate::cli::EXIT_OK
}

/// Prints a rebuild's outcome and tells the browsers: reload, or show the errors.
fn report(rebuild: &Rebuild, shared: &Shared, quiet: bool) {
    if std::env::var_os("LOA_TIMINGS").is_some() {
        rebuild.timings.iter().for_each(|timing| eprintln!("{timing}"));
    }
    let errors: Vec<String> = rebuild.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    for diagnostic in &rebuild.diagnostics {
        if !quiet || diagnostic.is_error() {
            eprintln!("{diagnostic}");
        }
    }
    if errors.is_empty() {
        if !quiet {
            println!(
                "{} rebuild: {} pages rendered, {} files written, {} removed{}; pages on disk in {} ms (the search index follows)",
                if rebuild.full { "full" } else { "incremental" },
                rebuild.pages_rendered,
                rebuild.written.len(),
                rebuild.removed.len(),
                if rebuild.patched { ", model patched in place" } else { "" },
                rebuild.pages_time.as_millis(),
            );
        }
        *shared.errors.lock().expect("errors") = Vec::new();
        shared.broadcast("reload");
    } else {
        eprintln!("build failed: {} error(s); the preview keeps the last good version", errors.len());
        let payload = serde_json::to_string(&errors).expect("json");
        *shared.errors.lock().expect("errors") = errors;
        shared.broadcast(&format!("errors {payload}"));
    }
}

fn open_browser(url: &str) {
    for opener in ["xdg-open", "open"] {
        if std::process::Command::new(opener).arg(url).spawn().is_ok() {
            return;
        }
    }
}
