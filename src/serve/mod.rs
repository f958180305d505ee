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

/// What `loa serve` tells its caller as it runs; the caller prints it.
#[derive(Debug)]
pub enum Event<'a> {
    /// The first full build finished and the server listens at `url`.
    Serving { out: &'a std::path::Path, url: &'a str },
    /// A rebuild finished (the first full build, then one per batch of edits that rendered
    /// something or found problems).
    Rebuilt(&'a Rebuild),
    /// The search index caught up with a rebuild (on the index's own thread).
    Indexed(&'a session::SearchReport),
}

/// Where `loa serve` sends its events: called from the watcher's thread and the search
/// index's thread.
pub type Listener = Arc<dyn Fn(Event<'_>) + Send + Sync>;

/// Why `loa serve` stopped or could not start.
#[derive(Debug)]
pub enum ServeError {
    /// The address cannot be listened on (in use, not an address of this machine…): a usage
    /// problem, the user picks another `--port` or `--bind`.
    Listen { bind: String, port: u16, error: std::io::Error },
    /// The portal folder cannot be watched.
    Watch { root: PathBuf, error: notify::Error },
}

impl std::fmt::Display for ServeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ServeError::Listen { bind, port, error } => write!(f, "cannot listen on {bind}:{port}: {error}"),
            ServeError::Watch { root, error } => write!(f, "cannot watch {}: {error}", root.display()),
        }
    }
}

/// Builds, serves and rebuilds until the watcher ends, telling `on_event` what happens; the
/// browsers are told too (reload, or the errors as an overlay).
pub fn run(options: &ServeOptions, on_event: Listener) -> Result<(), ServeError> {
    let listener = std::net::TcpListener::bind((options.bind.as_str(), options.port))
        .map_err(|error| ServeError::Listen { bind: options.bind.clone(), port: options.port, error })?;
    let address = listener.local_addr().map(|a| a.to_string()).unwrap_or_default();
    let base_url = format!("http://{address}/");
    let shared = Arc::new(Shared::default());
    let mut session = Session::new(&options.root, &options.out, Some(base_url.clone()), options.drafts);
    if !options.quiet {
        let listener = on_event.clone();
        session = session.on_search(Arc::new(move |report: session::SearchReport| listener(Event::Indexed(&report))));
    }
    let first = session.full();
    on_event(Event::Rebuilt(&first));
    publish(&first, &shared);
    http::spawn(listener, options.out.clone(), shared.clone());
    on_event(Event::Serving { out: &options.out, url: &base_url });
    if options.open {
        open_browser(&base_url);
    }
    let events = watch::watch(&options.root, &options.out)
        .map_err(|error| ServeError::Watch { root: options.root.clone(), error })?;
    for paths in events {
        let rebuild = session.changed(&paths);
        if rebuild.pages_rendered > 0 || !rebuild.diagnostics.is_empty() {
            on_event(Event::Rebuilt(&rebuild));
            publish(&rebuild, &shared);
        }
    }
    Ok(())
}

/// Tells the browsers a rebuild's outcome: reload, or show its errors.
fn publish(rebuild: &Rebuild, shared: &Shared) {
    let errors: Vec<String> = rebuild.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    if errors.is_empty() {
        *shared.errors.lock().expect("errors") = Vec::new();
        shared.broadcast("reload");
    } else {
        // The overlay's heading leads the list, so it is in the language of the messages.
        let errors: Vec<String> =
            std::iter::once(crate::msg!("serve-overlay-title").to_string()).chain(errors).collect();
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
