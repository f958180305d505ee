//! The preview server: files of the output folder (never outside it), the portal's 404 page,
//! correct content types, and a small script added to HTML pages (served from a reserved
//! path, since pages allow no inline script) that reloads on rebuild and shows build errors
//! as an overlay.

use std::io::Read;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use tiny_http::{Header, Response, StatusCode};

use super::Shared;
use super::listen::{self, Request};

const EVENTS_PATH: &str = "/__loa/events";
/// The live-reload client, served from here rather than inline: pages forbid inline script
/// (`script-src 'self'`, see [`crate::render::csp`]), in the preview as on the web.
const RELOAD_PATH: &str = "/__loa/reload.js";

/// Event streams open at once: each holds a connection and a thread (one per open tab).
pub const MAX_EVENT_STREAMS: usize = 16;

/// How long an event stream stays open; the browser reconnects on its own after it closes.
pub const EVENT_STREAM_LIFETIME: Duration = Duration::from_secs(10 * 60);

/// Serves requests, one thread each, within `listen::LIMITS` (Server-Sent Events keep a
/// connection open).
pub fn spawn(listener: std::net::TcpListener, out: PathBuf, shared: Arc<Shared>) {
    std::thread::spawn(move || listen::serve(listener, listen::LIMITS, move |request| handle(request, &out, &shared)));
}

fn handle(request: Request, out: &Path, shared: &Shared) {
    let path = request.url().split(['?', '#']).next().unwrap_or("/").to_owned();
    if path == EVENTS_PATH {
        return events(request, shared);
    }
    if path == RELOAD_PATH {
        let _ = request.respond(reload_script_response());
        return;
    }
    let response = match resolve(out, &path) {
        Some(file) => file_response(&file, StatusCode(200)),
        None => match std::fs::read(out.join("404.html")) {
            Ok(_) => file_response(&out.join("404.html"), StatusCode(404)),
            Err(_) => Response::from_data(b"404".to_vec()).with_status_code(404),
        },
    };
    let _ = request.respond(response);
}

/// The file for a URL path inside `out`, or None. Any `..`, absolute or drive component is
/// refused, so no request reads outside the output folder.
pub fn resolve(out: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if relative.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let candidate = out.join(relative);
    let file = if candidate.is_dir() { candidate.join("index.html") } else { candidate };
    let real = file.canonicalize().ok()?;
    let root = out.canonicalize().ok()?;
    (real.starts_with(&root) && real.is_file()).then_some(real)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content types of every kind of file a portal holds.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "ics" => "text/calendar; charset=utf-8",
        "vcf" => "text/vcard; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "txt" | "conf" => "text/plain; charset=utf-8",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        "bin" => "application/octet-stream",
        _ => "application/octet-stream",
    }
}

fn file_response(path: &Path, status: StatusCode) -> Response<std::io::Cursor<Vec<u8>>> {
    let mut bytes = std::fs::read(path).unwrap_or_default();
    let kind = content_type(path);
    if kind.starts_with("text/html") {
        bytes = inject_reload(bytes);
    }
    let header = Header::from_bytes("Content-Type", kind).expect("header");
    let no_cache = Header::from_bytes("Cache-Control", "no-store").expect("header");
    Response::from_data(bytes).with_status_code(status).with_header(header).with_header(no_cache)
}

/// The live-reload client: reload on "reload", an overlay with the errors on "errors". The
/// overlay is styled through the CSSOM (`style.cssText`), which the content policy allows.
const RELOAD_SCRIPT: &str = r#"(function(){var s=new EventSource("/__loa/events");s.onmessage=function(e){if(e.data==="reload"){location.reload();return}if(e.data.indexOf("errors ")===0){var list=JSON.parse(e.data.slice(7));var o=document.getElementById("loa-errors")||document.createElement("div");o.id="loa-errors";o.setAttribute("role","alert");o.style.cssText="position:fixed;inset:0;z-index:99999;background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 monospace;padding:2rem;overflow:auto;white-space:pre-wrap";o.textContent=list.join("\n\n");document.body.appendChild(o)}}})();
"#;

/// The tag added to served pages; `data-loa-serve` also tells loa-offline.js not to install
/// the service worker in the preview.
const RELOAD_TAG: &str = r#"<script src="/__loa/reload.js" data-loa-serve></script>"#;

fn reload_script_response() -> Response<std::io::Cursor<Vec<u8>>> {
    let kind = Header::from_bytes("Content-Type", "text/javascript; charset=utf-8").expect("header");
    let no_cache = Header::from_bytes("Cache-Control", "no-store").expect("header");
    Response::from_data(RELOAD_SCRIPT.as_bytes().to_vec()).with_header(kind).with_header(no_cache)
}

fn inject_reload(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_TAG}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{RELOAD_TAG}").into_bytes(),
    }
}

/// A Server-Sent Events stream: one message per rebuild, a comment every 15 s to keep it open,
/// closed after `EVENT_STREAM_LIFETIME`.
struct EventStream {
    events: Receiver<String>,
    pending: Vec<u8>,
    closes: std::time::Instant,
}

/// tiny_http writes a response through a 1 KiB buffer and flushes only when it is full:
/// each message is padded past that with an SSE comment so it leaves at once.
fn padded(message: &str) -> Vec<u8> {
    format!(":{}\n{message}\n\n", " ".repeat(1100)).into_bytes()
}

impl Read for EventStream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.pending.is_empty() {
            let Some(left) = self.closes.checked_duration_since(std::time::Instant::now()) else { return Ok(0) };
            self.pending = match self.events.recv_timeout(left.min(Duration::from_secs(15))) {
                Ok(event) => padded(&format!("data: {event}")),
                Err(mpsc::RecvTimeoutError::Timeout) => padded(": ping"),
                Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(0),
            };
        }
        let n = buf.len().min(self.pending.len());
        buf[..n].copy_from_slice(&self.pending[..n]);
        self.pending.drain(..n);
        Ok(n)
    }
}

fn events(request: Request, shared: &Shared) {
    let Some(_stream_slot) = shared.open_stream(MAX_EVENT_STREAMS) else {
        let _ = request.respond(Response::from_data(b"too many live-reload streams".to_vec()).with_status_code(503));
        return;
    };
    let (sender, receiver) = mpsc::channel();
    let errors = shared.errors.lock().expect("errors").clone();
    let pending = if errors.is_empty() {
        padded(": connected")
    } else {
        padded(&format!("data: errors {}", serde_json::to_string(&errors).expect("json")))
    };
    shared.clients.lock().expect("clients").push(sender);
    let closes = std::time::Instant::now() + EVENT_STREAM_LIFETIME;
    let stream = EventStream { events: receiver, pending, closes };
    let headers = vec![
        Header::from_bytes("Content-Type", "text/event-stream").expect("header"),
        Header::from_bytes("Cache-Control", "no-store").expect("header"),
    ];
    // A length that never ends and no chunking: events reach the browser as they happen.
    let response =
        Response::new(StatusCode(200), headers, stream, Some(1 << 40), None).with_chunked_threshold(usize::MAX);
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("a")).unwrap();
        std::fs::write(out.join("a/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "no").unwrap();
        assert!(resolve(&out, "/a/").is_some());
        assert!(resolve(&out, "/../secret.txt").is_none());
        assert!(resolve(&out, "/%2e%2e/secret.txt").is_none());
        assert!(resolve(&out, "/a/../../secret.txt").is_none());
        assert!(resolve(&out, "/missing/").is_none());
    }

    #[test]
    fn injects_the_reload_script_before_the_end_of_body() {
        let html = inject_reload(b"<html><body><p>x</p></body></html>".to_vec());
        let text = String::from_utf8(html).unwrap();
        assert!(text.contains("<p>x</p><script src=\"/__loa/reload.js\" data-loa-serve></script></body>"));
        assert!(text.ends_with("</body></html>"));
        assert_eq!(content_type(Path::new("a.ics")), "text/calendar; charset=utf-8");
        assert_eq!(content_type(Path::new("a.webmanifest")), "application/manifest+json");
    }
}
