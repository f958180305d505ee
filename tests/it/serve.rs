//! `loa serve`: a real server process, a live-reload client, edits on disk.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::TestSite;

pub struct Serving {
    child: Child,
    pub address: String,
}

impl Serving {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn serve(site: &TestSite) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(site.out())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let address = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split(" at http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    Serving { child, address }
}

pub fn get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response.split(' ').nth(1).unwrap().parse().unwrap();
    (status, response)
}

/// A live-reload client: the raw event stream.
pub struct Events(BufReader<TcpStream>);

impl Events {
    pub fn connect(address: &str) -> Events {
        let mut stream = TcpStream::connect(address).unwrap();
        stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        write!(stream, "GET /__loa/events HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        Events(BufReader::new(stream))
    }

    /// The next `data:` message.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            let mut line = String::new();
            self.0.read_line(&mut line).expect("an event within the timeout");
            if let Some(data) = line.strip_prefix("data: ") {
                return data.trim_end().to_owned();
            }
        }
        panic!("no event");
    }

    /// Asserts no `data:` message arrives within `quiet` (keep-alive comments are fine).
    pub fn none_within(&mut self, quiet: Duration) {
        let deadline = Instant::now() + quiet;
        while let Some(left) = deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero()) {
            self.0.get_ref().set_read_timeout(Some(left)).unwrap();
            let mut line = String::new();
            match self.0.read_line(&mut line) {
                Ok(_) => assert!(!line.starts_with("data: "), "unexpected event: {line}"),
                Err(_) => break,
            }
        }
        self.0.get_ref().set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    }
}

#[test]
fn an_edit_reloads_the_page_an_error_shows_and_a_fix_recovers() {
    let site = TestSite::from_fixture("minimal");
    let server = serve(&site);
    let (status, home) = get(&server.address, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("<script src=\"/__loa/reload.js\" data-loa-serve></script>"),
        "the reload script is added when serving, as a file: pages allow no inline script"
    );
    let (status, script) = get(&server.address, "/__loa/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("new EventSource(\"/__loa/events\")"), "{script}");
    assert!(
        !std::fs::read_to_string(site.out().join("index.html")).unwrap().contains("data-loa-serve"),
        "never on disk"
    );

    let mut events = Events::connect(&server.address);
    std::thread::sleep(Duration::from_millis(300));
    let file = site.root().join("content/directives/2024/kh-45-skhcn.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Kế hoạch tổ chức Hội thi.", "Kế hoạch đã sửa lúc xem trước.")).unwrap();
    assert_eq!(events.next(), "reload");
    let (_, page) = get(&server.address, "/van-ban/kh-45-skhcn/");
    assert!(page.contains("Kế hoạch đã sửa lúc xem trước."));

    std::fs::write(&file, text.replace("title: Tổ chức", "title: [Tổ chức")).unwrap();
    let error = events.next();
    assert!(
        error.starts_with("errors ")
            && error.contains("content/directives/2024/kh-45-skhcn.md:3:9: error: YAML syntax error"),
        "{error}"
    );
    let (status, page) = get(&server.address, "/van-ban/kh-45-skhcn/");
    assert_eq!(status, 200, "the server keeps answering with the last good version");
    assert!(page.contains("Kế hoạch đã sửa lúc xem trước."));

    std::fs::write(&file, &text).unwrap();
    assert_eq!(events.next(), "reload");
    let (_, page) = get(&server.address, "/van-ban/kh-45-skhcn/");
    assert!(page.contains("Kế hoạch tổ chức Hội thi."));
}

#[test]
fn only_the_folders_the_build_reads_are_watched() {
    let site = TestSite::from_fixture("minimal");
    site.write("ghi-chu/cuoc-hop.md", "# Ghi chú cuộc họp\n");
    let server = serve(&site);
    let mut events = Events::connect(&server.address);
    std::thread::sleep(Duration::from_millis(300));
    // Notes kept in the repository, outside content/: no rebuild, no reload.
    site.write("ghi-chu/cuoc-hop.md", "# Ghi chú cuộc họp, sửa lại\n");
    events.none_within(Duration::from_millis(1500));
    // A page: a reload.
    let file = site.root().join("content/directives/2024/kh-45-skhcn.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("Kế hoạch tổ chức Hội thi.", "Kế hoạch, bản xem trước.")).unwrap();
    assert_eq!(events.next(), "reload");
    // A templates/ folder created while serving is watched from then on.
    site.write("templates/partials/.giu-cho", "");
    assert_eq!(events.next(), "reload");
    let theme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/404.html"),
    )
    .unwrap();
    site.write("templates/404.html", &theme.replace("</ul>", "</ul>\n<p>Trang riêng của cổng.</p>"));
    assert_eq!(events.next(), "reload");
    let (_, page) = get(&server.address, "/404.html");
    assert!(page.contains("Trang riêng của cổng."), "{page}");
}

#[test]
fn the_preview_server_refuses_paths_outside_the_output_and_answers_404_with_the_portal_page() {
    let site = TestSite::from_fixture("minimal");
    let server = serve(&site);
    let (status, page) = get(&server.address, "/khong-co/");
    assert_eq!(status, 404);
    assert!(page.contains("Không tìm thấy trang"));
    let (status, _) = get(&server.address, "/../site/site.yaml");
    assert_eq!(status, 404);
    let (_, calendar) = get(&server.address, "/phong-trao/hoi-thi-mau/lich.ics");
    assert!(calendar.contains("Content-Type: text/calendar; charset=utf-8"));
    let (_, vcard) = get(&server.address, "/lien-he/vu-van-a/vu-van-a.vcf");
    assert!(vcard.contains("Content-Type: text/vcard; charset=utf-8"), "{vcard}");
}

#[test]
fn a_build_after_serving_replaces_the_served_files_without_complaint() {
    let site = TestSite::from_fixture("minimal");
    {
        let server = serve(&site);
        let (status, _) = get(&server.address, "/");
        assert_eq!(status, 200);
    }
    site.build_ok();
}

/// The files of `dir` that `loa serve` and `loa build` both write, with their bytes: build
/// alone adds `.gz` twins and the service worker.
fn comparable_files(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    crate::support::snapshot(dir)
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
        .filter(|(path, _)| {
            !path.ends_with(".gz")
                && path != "sw.js"
                && path != loa::output::MANIFEST
                && path != loa::output::manifest::FILE
        })
        .collect()
}

/// Asserts the files `loa serve` left in `served` are those `loa build` makes of the portal
/// as it is now (the search index included, once its worker is done).
fn assert_same_as_a_build(
    site: &TestSite,
    session: &loa::serve::session::Session,
    served: &std::path::Path,
    step: &str,
) {
    session.wait_for_search();
    site.build_ok();
    let built = comparable_files(&site.out());
    let served = comparable_files(served);
    let differing: Vec<&String> =
        built.iter().filter(|(path, bytes)| served.get(*path) != Some(*bytes)).map(|(path, _)| path).collect();
    assert!(differing.is_empty(), "after {step}, serve and build differ on {differing:?}");
    let extra: Vec<&String> = served.keys().filter(|path| !built.contains_key(*path)).collect();
    assert!(extra.is_empty(), "after {step}, serve left files a build does not make: {extra:?}");
    assert!(built.keys().any(|p| p.starts_with("tim-kiem/chi-muc/")), "the search index is compared too");
}

/// Rewrites `file` through `edit` and tells the session it was saved.
fn save(
    session: &mut loa::serve::session::Session,
    file: &std::path::Path,
    edit: impl FnOnce(String) -> String,
) -> loa::serve::session::Rebuild {
    std::fs::write(file, edit(std::fs::read_to_string(file).unwrap())).unwrap();
    session.changed(&[file.to_path_buf()])
}

/// A front-matter line added before the directive's `title:`.
fn line_before_title(line: &'static str) -> impl FnOnce(String) -> String {
    move |text| text.replacen("title: ", &format!("{line}\ntitle: "), 1)
}

#[test]
fn incremental_rebuilds_leave_the_same_files_as_a_full_build_of_the_edited_portal() {
    use loa::serve::session::Session;
    let site = TestSite::from_fixture("minimal");
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    assert_same_as_a_build(&site, &session, &served, "the first build");
    let file = site.root().join("content/directives/2024/kh-45-skhcn.md");

    // A body edit re-renders the page and what quotes it (the feeds), not the lists.
    let body_edit = save(&mut session, &file, |text| {
        text.replace("Kế hoạch tổ chức Hội thi.", "Kế hoạch tổ chức Hội thi, bản sửa.")
    });
    assert!(body_edit.succeeded() && !body_edit.full && body_edit.patched, "{:?}", body_edit.diagnostics);
    assert!(body_edit.pages_rendered <= 3, "{} pages for a body edit", body_edit.pages_rendered);
    assert!(body_edit.written.iter().any(|p| p == "van-ban/kh-45-skhcn/index.html"), "{:?}", body_edit.written);
    assert_same_as_a_build(&site, &session, &served, "a body edit");

    // A front-matter edit reaches the lists, the home page and the feeds. A new title
    // changes no link or list: the model is patched in place.
    let title_edit = save(&mut session, &file, |text| text.replace("lần thứ 5", "lần thứ 6"));
    assert!(title_edit.succeeded() && !title_edit.full && title_edit.patched, "{:?}", title_edit.diagnostics);
    assert!(title_edit.pages_rendered > body_edit.pages_rendered);
    assert_same_as_a_build(&site, &session, &served, "a title edit");

    // A summary added on a new line moves the lines below it: shown fields only, patched.
    let summary_edit = save(&mut session, &file, line_before_title("summary: Tóm tắt kế hoạch tổ chức hội thi."));
    assert!(summary_edit.succeeded() && summary_edit.patched, "{:?}", summary_edit.diagnostics);
    assert_same_as_a_build(&site, &session, &served, "a summary added");

    // A short code given, then a new title: the short link's page names the directive.
    let code_edit = save(&mut session, &file, line_before_title("short: KH45"));
    assert!(code_edit.succeeded() && !code_edit.patched, "{:?}", code_edit.diagnostics);
    assert_same_as_a_build(&site, &session, &served, "a short code given");
    let coded_title_edit = save(&mut session, &file, |text| text.replace("lần thứ 6", "lần thứ bảy"));
    assert!(coded_title_edit.patched && coded_title_edit.written.iter().any(|p| p.starts_with("q/KH45/")));
    assert_same_as_a_build(&site, &session, &served, "a title edit with a short code");

    // A new tag moves the directive onto another list: the model is assembled again.
    let tag_edit = save(&mut session, &file, line_before_title("tags: [thanh niên]"));
    assert!(tag_edit.succeeded() && !tag_edit.patched, "{:?}", tag_edit.diagnostics);
    assert_same_as_a_build(&site, &session, &served, "a tag added");

    // A campaign's body.
    let campaign = site.root().join("content/campaigns/hoi-thi-mau/index.md");
    assert!(save(&mut session, &campaign, |text| format!("{text}\nMột đoạn mới về hội thi.\n")).succeeded());
    assert_same_as_a_build(&site, &session, &served, "a campaign body edit");

    // A guide's body: its search document sits after the campaigns'.
    let guide = site.root().join("content/guides/huong-dan-tham-gia.md");
    let guide_edit = save(&mut session, &guide, |text| format!("{text}\nBước cuối: nộp hồ sơ trực tuyến.\n"));
    assert!(guide_edit.succeeded() && guide_edit.pages_rendered <= 2, "{:?}", guide_edit.diagnostics);
    assert_same_as_a_build(&site, &session, &served, "a guide body edit");

    // A body and a title edited in one batch: both patched, as far as the title reaches.
    std::fs::write(&file, std::fs::read_to_string(&file).unwrap().replace("lần thứ bảy", "lần thứ tám")).unwrap();
    std::fs::write(&guide, std::fs::read_to_string(&guide).unwrap() + "\nHạn chót: cuối tháng.\n").unwrap();
    let batch = session.changed(&[file.clone(), guide.clone()]);
    assert!(batch.succeeded() && batch.patched && batch.pages_rendered > 2, "{:?}", batch.diagnostics);
    assert_same_as_a_build(&site, &session, &served, "a body and a title in one batch");

    // A failed edit, then its fix together with a body edit.
    let broken = save(&mut session, &file, |text| text.replace("doc_type: ke-hoach", "doc_type: [ke-hoach"));
    assert!(!broken.succeeded());
    let fixed =
        save(&mut session, &file, |text| text.replace("doc_type: [ke-hoach", "doc_type: ke-hoach") + "\nSửa xong.\n");
    assert!(fixed.succeeded());
    assert_same_as_a_build(&site, &session, &served, "a fix after a failed edit");
}
