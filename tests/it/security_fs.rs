//! Files and processes under attack (issue #17): an attachment swapped for a symlink after
//! it was checked, a symlink beside an imported dispatch, a cover photo that declares a
//! huge image, killed builds' leftovers and the output swap, and `loa serve` flooded with
//! huge request heads, idle sockets and event streams.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use loa::content::{self, LoadOptions};
use loa::diag::Diagnostics;
use loa::output::Staging;
use loa::render::{self, RenderCtx, theme::Theme};
use loa::sequencer::{Plan, SearchIndexes, StagingSink, Timings};

use crate::serve::{Serving, serve};
use crate::support::{TestSite, fixture};

const SECRET: &[u8] = b"TOP SECRET: not for the portal";

/// Runs the build's stages by hand, calling `between` after the content was loaded and
/// checked and before anything is copied: the moment an attacker swaps a file.
fn build_with_swap(site: &TestSite, between: impl FnOnce()) -> (PathBuf, Vec<String>) {
    let root = site.root();
    let hashes = content::attachments::FileHashes::default();
    let (site_model, diagnostics) = content::load_site(&root, &LoadOptions { drafts: false, base_url: None }, &hashes);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    let site_model = site_model.unwrap();
    let mut theme = Theme::load(&root, &site_model.config.theme).unwrap();
    theme.load_strings(&site_model.config.languages).unwrap();
    let tera = render::compile(&theme).unwrap();
    let staging = Staging::new(&site.out()).unwrap();
    between();
    let collected = Diagnostics::new();
    let ctx = RenderCtx::new(&site_model, &tera, &theme);
    let plan = Plan::Full { search: SearchIndexes::All };
    let timings = Timings::new(std::time::Instant::now());
    loa::sequencer::render(&ctx, &plan, &StagingSink(&staging), &collected, None, &timings);
    let errors = collected.into_sorted().iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    (staging.dir.clone(), errors)
}

/// Every file under `dir` holding `needle`.
fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| std::fs::read(e.path()).is_ok_and(|bytes| bytes.windows(needle.len()).any(|w| w == needle)))
        .map(|e| e.into_path())
        .collect()
}

#[test]
fn an_attachment_swapped_for_a_symlink_after_its_check_is_not_published() {
    let site = TestSite::from_fixture("minimal");
    let secret = site.dir.path().join("secret.pdf");
    std::fs::write(&secret, SECRET).unwrap();
    let attachment = site.root().join("content/directives/2024/cv-12-duk/ke-hoach.pdf");
    let (staging, errors) = build_with_swap(&site, || {
        std::fs::remove_file(&attachment).unwrap();
        std::os::unix::fs::symlink(&secret, &attachment).unwrap();
    });
    assert_eq!(files_containing(&staging, SECRET), Vec::<PathBuf>::new(), "published from outside content/");
    assert!(errors.iter().any(|e| e.contains("ke-hoach.pdf") && e.contains("symbolic link")), "{errors:?}");
}

#[test]
fn an_attachment_folder_swapped_for_a_symlink_after_its_check_is_not_published() {
    let site = TestSite::from_fixture("minimal");
    let elsewhere = site.dir.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    std::fs::write(elsewhere.join("ke-hoach.pdf"), SECRET).unwrap();
    let folder = site.root().join("content/directives/2024/cv-12-duk");
    let (staging, errors) = build_with_swap(&site, || {
        std::fs::rename(&folder, site.dir.path().join("moved")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &folder).unwrap();
    });
    assert_eq!(files_containing(&staging, SECRET), Vec::<PathBuf>::new(), "published from outside content/");
    assert!(errors.iter().any(|e| e.contains("ke-hoach.pdf")), "{errors:?}");
}

#[test]
fn an_attachment_replaced_after_it_was_hashed_is_refused() {
    let site = TestSite::from_fixture("minimal");
    let attachment = site.root().join("content/directives/2024/cv-12-duk/ke-hoach.pdf");
    let (staging, errors) = build_with_swap(&site, || {
        // Another file at the same path: the published SHA-256 would not be its own.
        let other = attachment.with_extension("new");
        std::fs::write(&other, SECRET).unwrap();
        std::fs::rename(&other, &attachment).unwrap();
    });
    assert_eq!(files_containing(&staging, SECRET), Vec::<PathBuf>::new());
    assert!(errors.iter().any(|e| e.contains("ke-hoach.pdf") && e.contains("replaced")), "{errors:?}");
}

#[test]
fn import_never_copies_a_symlink_beside_the_dispatch() {
    let site = TestSite::from_fixture("minimal");
    let inbox = site.dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let input = inbox.join("cong-van.txt");
    std::fs::copy(fixture("import").join("002_a0f01d78cc4a4145.txt"), &input).unwrap();
    let secret = site.dir.path().join("secret.pdf");
    std::fs::write(&secret, SECRET).unwrap();
    std::os::unix::fs::symlink(&secret, inbox.join("Ke hoach 108-KH-UBND.pdf")).unwrap();
    std::fs::write(inbox.join("KH 132-KH-UBND.PDF"), b"%PDF-1.4 132").unwrap();

    let options = loa::import::ImportOptions::new(site.root(), vec![input.clone()]);
    let portal = loa::import::matching::Portal::load(&site.root()).unwrap();
    let imported = loa::import::import_file(&input, &portal, &options, &HashSet::new()).unwrap();
    assert!(imported.text.contains("symbolic link"), "{}", imported.text);
    loa::import::write_imported(&imported, false).unwrap();
    let bundle = imported.target.parent().unwrap();
    assert_eq!(files_containing(bundle, SECRET), Vec::<PathBuf>::new(), "the symlink's target was copied");
    assert_eq!(std::fs::read(bundle.join("ke-hoach-132-kh-ubnd.pdf")).unwrap(), b"%PDF-1.4 132");
}

/// A grayscale PNG of `side`×`side` pixels, streamed row by row (a few hundred KB on disk).
fn huge_png(path: &Path, side: u32) {
    let file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut encoder = png::Encoder::new(file, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().unwrap();
    let mut stream = writer.stream_writer().unwrap();
    let row = vec![0u8; side as usize];
    for _ in 0..side {
        stream.write_all(&row).unwrap();
    }
    stream.finish().unwrap();
}

/// Runs the `loa` binary to its end; returns whether it succeeded, its stderr and its peak
/// resident memory in MiB.
///
/// A small Python process starts it and reads its children's peak: Linux carries the peak of
/// the process that spawned a program into the program's own figure (`exec` keeps the larger
/// of the two), so spawning from this test process, which other tests make large, would
/// charge their memory to the build.
fn run_measured(args: &[&std::ffi::OsStr]) -> (bool, String, u64) {
    const MEASURE: &str = "import resource, subprocess, sys\n\
        r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n\
        print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n\
        sys.stderr.buffer.write(r.stderr)\n";
    let output = Command::new("python3")
        .args(["-c", MEASURE, env!("CARGO_BIN_EXE_loa")])
        .args(args)
        .env("LC_ALL", "en_US.UTF-8")
        .stdin(Stdio::null())
        .output()
        .expect("python3 runs the measured build");
    let report = String::from_utf8_lossy(&output.stdout);
    let mut fields = report.split_whitespace().map(|n| n.parse::<i64>().expect("exit code and peak in KiB"));
    let (code, peak_kib) = (fields.next().unwrap(), fields.next().unwrap());
    (code == 0, String::from_utf8_lossy(&output.stderr).into_owned(), peak_kib as u64 / 1024)
}

#[test]
fn a_cover_that_declares_a_huge_image_is_refused_from_its_header() {
    let site = TestSite::from_fixture("minimal");
    let cover = site.root().join("content/campaigns/hoi-thi-mau/anh-bia.png");
    huge_png(&cover, 22_000);
    assert!(std::fs::metadata(&cover).unwrap().len() < 2_000_000);
    let index = site.root().join("content/campaigns/hoi-thi-mau/index.md");
    let text =
        std::fs::read_to_string(&index).unwrap().replacen("kind: hoi-thi\n", "kind: hoi-thi\ncover: anh-bia.png\n", 1);
    std::fs::write(&index, text).unwrap();
    let started = Instant::now();
    let root = site.root();
    let out = site.out();
    let (ok, stderr, peak_mib) =
        run_measured(&["build".as_ref(), "--root".as_ref(), root.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert!(!ok, "the build should fail");
    assert!(stderr.contains("index.md:") && stderr.contains("22000×22000 pixels"), "{stderr}");
    assert!(peak_mib < 200, "peak memory {peak_mib} MiB for a refused photo");
    assert!(started.elapsed() < Duration::from_secs(20));
}

#[test]
fn a_killed_builds_staging_folder_is_removed_by_the_next_build_a_live_ones_is_kept() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    // Process ids above the kernel's maximum (4194304) belong to no process.
    let dead = site.dir.path().join(".public.loa-staging-999999999");
    std::fs::create_dir_all(dead.join("page")).unwrap();
    std::fs::write(dead.join("page/index.html"), "half written").unwrap();
    let live = site.dir.path().join(".public.loa-staging-1");
    std::fs::create_dir_all(&live).unwrap();
    site.build_ok();
    assert!(!dead.exists(), "the killed build's staging folder is left behind");
    assert!(live.exists(), "a running build's staging folder must not be removed");
}

#[test]
fn the_output_folder_exists_at_every_instant_of_the_swap() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("public");
    std::fs::create_dir_all(&out).unwrap();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watcher = {
        let (out, done) = (out.clone(), done.clone());
        std::thread::spawn(move || {
            let mut missing = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if std::fs::symlink_metadata(&out).is_err() {
                    missing += 1;
                }
            }
            missing
        })
    };
    for round in 0..400 {
        let staging = Staging::new(&out).unwrap();
        staging.write("index.html", format!("round {round}").as_bytes()).unwrap();
        staging.commit().unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(watcher.join().unwrap(), 0, "the output folder was missing during a swap");
    assert_eq!(std::fs::read_to_string(out.join("index.html")).unwrap(), "round 399");
}

/// A field of `/proc/PID/status` of a `loa serve` process (kB for memory).
fn status(server: &Serving, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap();
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

/// Sends a request with `header_bytes` of headers; returns the response (possibly empty
/// when the server closed the connection) once the server answers or closes.
fn send_huge_head(address: &str, header_bytes: usize) -> String {
    {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = write!(stream, "GET / HTTP/1.1\r\nHost: x\r\nX-Fill: ");
        let chunk = vec![b'a'; 64 * 1024];
        let mut sent = 0;
        while sent < header_bytes {
            if stream.write_all(&chunk).is_err() {
                break;
            }
            sent += chunk.len();
        }
        let _ = stream.write_all(b"\r\n\r\n");
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    }
}

fn get_status(address: &str, path: &str) -> String {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
    let mut head = [0u8; 12];
    let _ = stream.read_exact(&mut head);
    String::from_utf8_lossy(&head).into_owned()
}

#[test]
fn serve_refuses_huge_request_heads_quickly_with_bounded_memory() {
    let site = TestSite::from_fixture("minimal");
    let server = serve(&site);
    let started = Instant::now();
    let response = send_huge_head(&server.address, 1 << 20);
    assert!(response.is_empty() || response.starts_with("HTTP/1.1 431"), "a 1 MB head was served: {response:.80}");
    assert!(started.elapsed() < Duration::from_secs(5));
    let senders: Vec<_> = (0..5)
        .map(|_| {
            let address = server.address.clone();
            std::thread::spawn(move || send_huge_head(&address, 20 << 20))
        })
        .collect();
    for sender in senders {
        let response = sender.join().unwrap();
        assert!(response.is_empty() || response.starts_with("HTTP/1.1 431"), "{response:.80}");
    }
    let peak_mib = status(&server, "VmHWM:") / 1024;
    assert!(peak_mib < 100, "5 heads of 20 MB took the server to {peak_mib} MiB");
    assert!(get_status(&server.address, "/").starts_with("HTTP/1.1 200"), "the server still serves pages");
}

#[test]
fn serve_caps_connections_and_event_streams() {
    let site = TestSite::from_fixture("minimal");
    let server = serve(&site);
    // The server's own threads: main, watcher, accept loop, the build's thread pool…
    let own = 16 + std::thread::available_parallelism().map_or(1, usize::from) as u64;
    // Idle sockets that never send a request.
    let idle: Vec<TcpStream> = (0..200).map(|_| TcpStream::connect(&server.address).unwrap()).collect();
    std::thread::sleep(Duration::from_millis(500));
    let threads = status(&server, "Threads:");
    assert!(threads <= own + 64, "{} idle sockets made {threads} threads", idle.len());
    drop(idle);
    // The idle sockets' threads end as their connections close.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !get_status(&server.address, "/").starts_with("HTTP/1.1 200") {
        assert!(Instant::now() < deadline, "the server does not recover after the idle sockets close");
        std::thread::sleep(Duration::from_millis(100));
    }

    let streams: Vec<TcpStream> = (0..16)
        .map(|_| {
            let mut stream = TcpStream::connect(&server.address).unwrap();
            write!(stream, "GET /__loa/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            let mut head = [0u8; 12];
            stream.read_exact(&mut head).unwrap();
            assert!(head.starts_with(b"HTTP/1.1 200"));
            stream
        })
        .collect();
    assert!(get_status(&server.address, "/__loa/events").starts_with("HTTP/1.1 503"), "a 17th event stream was opened");
    drop(streams);
}
