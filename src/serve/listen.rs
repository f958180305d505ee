//! The preview server's front: accepts connections and reads each request's head itself,
//! with a cap on its size and time and on the connections open at once, before anything is
//! handled. One request per connection (`Connection: close`), so every request passes the
//! same checks. tiny_http builds and prints the responses; it reads no request, since it
//! has no limit on a request's head.

use std::io::{self, BufWriter, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tiny_http::{HTTPVersion, Header, Response};

/// What one client may cost the preview server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Request line and headers together, in bytes.
    pub max_head_bytes: usize,
    /// Connections handled at once (each holds a thread); more are closed at once.
    pub max_connections: usize,
    /// Time for a request's whole head to arrive.
    pub head_timeout: Duration,
    /// Time a single write may wait for a client that does not read.
    pub write_timeout: Duration,
}

pub const LIMITS: Limits = Limits {
    max_head_bytes: 16 * 1024,
    max_connections: 64,
    head_timeout: Duration::from_secs(10),
    write_timeout: Duration::from_secs(30),
};

/// A request whose head was read within the limits.
pub struct Request {
    method: String,
    url: String,
    version: HTTPVersion,
    headers: Vec<Header>,
    stream: TcpStream,
}

impl Request {
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Writes the response and closes the connection.
    pub fn respond<R: Read>(self, response: Response<R>) -> io::Result<()> {
        let response = response.with_header(Header::from_bytes("Connection", "close").expect("header"));
        let head_only = self.method.eq_ignore_ascii_case("HEAD");
        // A small buffer: the event stream pads each message past it so it leaves at once.
        let mut writer = BufWriter::with_capacity(1024, &self.stream);
        let result = response.raw_print(&mut writer, self.version, &self.headers, head_only, None);
        let flushed = writer.flush();
        let _ = self.stream.shutdown(Shutdown::Both);
        result.and(flushed)
    }
}

/// Accepts connections on `listener` for ever, handing each request read within `limits`
/// to `handle` on its own thread.
pub fn serve(listener: TcpListener, limits: Limits, handle: impl Fn(Request) + Send + Sync + 'static) {
    let handle = Arc::new(handle);
    let open = Arc::new(AtomicUsize::new(0));
    for stream in listener.incoming() {
        let Ok(stream) = stream else {
            // Out of file descriptors, say: wait instead of spinning.
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        if open.load(Ordering::Acquire) >= limits.max_connections {
            // Closed without a thread: a flood of sockets costs no more than the cap.
            drop(stream);
            continue;
        }
        let slot = Slot::take(&open);
        let handle = handle.clone();
        std::thread::spawn(move || {
            let _slot = slot;
            if let Some(request) = read_request(stream, &limits) {
                handle(request);
            }
        });
    }
}

/// One of the open connections, given back when its thread ends.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Slot {
        open.fetch_add(1, Ordering::AcqRel);
        Slot(open.clone())
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Reads and parses a request's head; answers and closes the connection itself when the
/// head is too large, too slow or malformed.
fn read_request(stream: TcpStream, limits: &Limits) -> Option<Request> {
    let _ = stream.set_write_timeout(Some(limits.write_timeout));
    let head = match read_head(&stream, limits) {
        Ok(head) => head,
        Err(Refusal::TooLarge) => return refuse(stream, "431 Request Header Fields Too Large"),
        Err(Refusal::Closed) => return None,
    };
    let Some((method, url, version, headers)) = parse_head(&head) else {
        return refuse(stream, "400 Bad Request");
    };
    Some(Request { method, url, version, headers, stream })
}

enum Refusal {
    TooLarge,
    /// Timed out, closed early or failed: nothing to answer.
    Closed,
}

/// The bytes up to the blank line ending the head, within the size and time limits.
fn read_head(mut stream: &TcpStream, limits: &Limits) -> Result<Vec<u8>, Refusal> {
    let deadline = Instant::now() + limits.head_timeout;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()).ok_or(Refusal::Closed)?;
        stream.set_read_timeout(Some(left)).map_err(|_| Refusal::Closed)?;
        let room = (limits.max_head_bytes + 4 - head.len()).min(chunk.len());
        let n = stream.read(&mut chunk[..room]).map_err(|_| Refusal::Closed)?;
        if n == 0 {
            return Err(Refusal::Closed);
        }
        // Look for the end from a little before the new bytes: it may straddle two reads.
        let from = head.len().saturating_sub(3);
        head.extend_from_slice(&chunk[..n]);
        if let Some(end) = memchr::memmem::find(&head[from..], b"\r\n\r\n") {
            head.truncate(from + end);
            return Ok(head);
        }
        if head.len() > limits.max_head_bytes {
            return Err(Refusal::TooLarge);
        }
    }
}

fn parse_head(head: &[u8]) -> Option<(String, String, HTTPVersion, Vec<Header>)> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next()?.split(' ');
    let (method, url, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !url.starts_with('/') {
        return None;
    }
    let version = match version {
        "HTTP/1.1" => HTTPVersion(1, 1),
        "HTTP/1.0" => HTTPVersion(1, 0),
        _ => return None,
    };
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(':')?;
            Header::from_bytes(name.trim(), value.trim()).ok()
        })
        .collect::<Option<Vec<Header>>>()?;
    Some((method.to_owned(), url.to_owned(), version, headers))
}

fn refuse(mut stream: TcpStream, status: &str) -> Option<Request> {
    let _ = write!(stream, "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    let _ = stream.shutdown(Shutdown::Both);
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_request_head() {
        let (method, url, version, headers) =
            parse_head(b"GET /a/?q=1 HTTP/1.1\r\nHost: x\r\nAccept: text/html").unwrap();
        assert_eq!((method.as_str(), url.as_str(), version), ("GET", "/a/?q=1", HTTPVersion(1, 1)));
        assert_eq!(headers.len(), 2);
        assert!(parse_head(b"GET http://evil/ HTTP/1.1").is_none());
        assert!(parse_head(b"GET / HTTP/1.1\r\nno colon").is_none());
    }
}
