//! Writes outside the output folder and server-configuration injection (issue #17): every
//! output path is confined, aliases, short codes and `retired:` targets are checked where
//! they are written, and the server files, `.ics` and `.vcf` are made from validated values.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::support::{TestSite, assert_error, snapshot};

/// Every file under `dir` (relative paths), to show nothing was written beside the output.
fn files_beside_output(site: &TestSite) -> Vec<PathBuf> {
    walkdir::WalkDir::new(site.dir.path())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(site.dir.path()).unwrap().to_path_buf())
        .filter(|p| !p.starts_with("site") && !p.starts_with("public"))
        .collect()
}

/// `loa check` (render without writing) of a test portal: its errors as printed.
fn check_errors(site: &TestSite) -> Vec<String> {
    let mut options = site.options();
    options.dry_run = true;
    let outcome = loa::pipeline::build(&options);
    outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
}

fn add_to_front_matter(site: &TestSite, file: &str, after: &str, lines: &str) {
    let path = site.root().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(after), "{file} has no `{after}`");
    std::fs::write(&path, text.replacen(after, &format!("{after}{lines}"), 1)).unwrap();
}

const CAMPAIGN: &str = "content/campaigns/hoi-thi-mau/index.md";

#[test]
fn an_alias_that_climbs_out_of_the_output_is_an_error_where_it_is_written() {
    let site = TestSite::from_fixture("minimal");
    std::fs::create_dir_all(site.dir.path().join("victim")).unwrap();
    std::fs::write(site.dir.path().join("victim/index.html"), "the victim's page").unwrap();
    add_to_front_matter(&site, CAMPAIGN, "kind: hoi-thi\n", "aliases: [\"/../victim/\"]\n");
    let errors = site.build_errors();
    assert_error(&errors, "content/campaigns/hoi-thi-mau/index.md:4:", "the alias `/../victim/`");
    assert_error(&errors, "content/campaigns/hoi-thi-mau/index.md:4:", "`..` segment");
    assert!(errors.iter().any(|e| e.contains("hint: write a path of this site like /cu/duong-dan/")), "{errors:?}");
    assert_eq!(std::fs::read_to_string(site.dir.path().join("victim/index.html")).unwrap(), "the victim's page");
    assert!(!site.out().exists(), "a failed build writes no output");
    let checked = check_errors(&site);
    assert_error(&checked, "content/campaigns/hoi-thi-mau/index.md:4:", "the alias `/../victim/`");
}

#[test]
fn every_alias_that_is_not_a_slug_or_a_plain_site_path_is_refused_at_its_line() {
    let site = TestSite::from_fixture("minimal");
    let hostile = [
        "/../victim/",
        "../victim",
        "/a/./b/",
        "\"/a\\\\b/\"",
        "\"/a\\tb/\"",
        "\"/a\\rb/\"",
        "/",
        "/a//b/",
        "\"/a b/\"",
        "\"/a;b/\"",
        "\"/a\\\"b/\"",
        "/x/$host/",
        "Hội thi mẫu",
    ];
    let list: String = hostile.iter().map(|a| format!("  - {a}\n")).collect();
    add_to_front_matter(&site, CAMPAIGN, "kind: hoi-thi\n", &format!("aliases:\n{list}"));
    let errors = site.build_errors();
    for line in 5..5 + hostile.len() {
        assert_error(&errors, &format!("content/campaigns/hoi-thi-mau/index.md:{line}:"), "the alias");
    }
    assert_error(&errors, "content/campaigns/hoi-thi-mau/index.md:17:", "e.g. `hoi-thi-mau`");
    assert_eq!(files_beside_output(&site), Vec::<PathBuf>::new());
}

#[test]
fn old_slugs_and_plain_old_paths_still_redirect() {
    let site = TestSite::from_fixture("minimal");
    add_to_front_matter(&site, CAMPAIGN, "kind: hoi-thi\n", "aliases: [hoi-thi-cu, /tin-tuc/Hoi_thi.5~a/]\n");
    site.build_ok();
    assert!(site.page("phong-trao/hoi-thi-cu/index.html").contains("url=/phong-trao/hoi-thi-mau/"));
    assert!(site.page("tin-tuc/Hoi_thi.5~a/index.html").contains("url=/phong-trao/hoi-thi-mau/"));
    let nginx = site.page("loa-nginx.conf");
    assert!(
        nginx.contains("location ~* ^/tin-tuc/Hoi_thi\\.5~a/?$ { return 301 /phong-trao/hoi-thi-mau/; }"),
        "{nginx}"
    );
}

fn registry(site: &TestSite) -> String {
    std::fs::read_to_string(site.root().join("short-links.yaml")).unwrap()
}

#[test]
fn a_short_code_that_climbs_out_of_the_output_is_an_error_in_the_registry() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let before = snapshot(&site.out());
    let hostile = format!("{}\"../../victim2\":\n  retired: /phong-trao/\n", registry(&site));
    std::fs::write(site.root().join("short-links.yaml"), &hostile).unwrap();
    let line = hostile.lines().count() - 1;
    let errors = site.build_errors();
    assert_error(&errors, &format!("short-links.yaml:{line}:1:"), "`../../victim2` is not a short code");
    assert!(errors.iter().any(|e| e.contains("hint: a short code is 3–12 plain letters and digits")), "{errors:?}");
    assert_eq!(files_beside_output(&site), Vec::<PathBuf>::new(), "nothing is written beside the output");
    assert_eq!(snapshot(&site.out()), before, "the published output is untouched");
    assert_eq!(registry(&site), hostile, "a registry with refused entries is not rewritten");
    assert_error(&check_errors(&site), &format!("short-links.yaml:{line}:1:"), "is not a short code");
}

#[test]
fn a_retired_target_must_be_a_site_path() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let targets = [
        "/../../victim3/",
        "\"javascript:alert(1)\"",
        "https://elsewhere.example/",
        "\"/a b/\"",
        "\"/x/\\nreturn 200 DEFACED;\"",
        "\"/x/\\rX\"",
        "/x/$request_uri",
    ];
    let mut text = registry(&site);
    let first_line = text.lines().count() + 2;
    for (n, target) in targets.iter().enumerate() {
        text.push_str(&format!("OLD{n}:\n  retired: {target}\n"));
    }
    std::fs::write(site.root().join("short-links.yaml"), &text).unwrap();
    let errors = site.build_errors();
    for n in 0..targets.len() {
        assert_error(&errors, &format!("short-links.yaml:{}:12:", first_line + 2 * n), "the `retired:` target");
    }
    assert_eq!(files_beside_output(&site), Vec::<PathBuf>::new());
}

#[test]
fn the_registry_is_written_by_a_yaml_emitter_and_reads_back_the_same() {
    let site = TestSite::from_fixture("minimal");
    let title = "V/v: tham gia # Hội thi \"Sáng tạo\" 'kỹ thuật'\nlần 2\r\n- [x]: {y}";
    let yaml_title = serde_json::to_string(title).unwrap();
    site.write("content/guides/tieu-de-la.md", &format!("---\ntitle: {yaml_title}\nshort: \"2345\"\n---\nNội dung.\n"));
    site.build_ok();
    let text = registry(&site);
    assert!(text.starts_with("# Short links printed on posters"), "the header comment is kept: {text}");
    let read: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let entry = &read["2345"];
    assert_eq!(entry["page"].as_str(), Some("guide/tieu-de-la"), "{text}");
    assert_eq!(entry["title"].as_str(), Some(title), "{text}");
    assert_eq!(entry["url"].as_str(), Some("/huong-dan/tieu-de-la/"));
    let mapping = read.as_mapping().unwrap();
    assert!(mapping.keys().all(|k| k.is_string()), "a digits-only code stays a string key: {text}");
    site.build_ok();
    assert_eq!(registry(&site), text, "a second build reads it and writes the same bytes");
    assert!(site.page("q/2345/index.html").contains("url=/huong-dan/tieu-de-la/"));
}

#[test]
fn hostile_embed_origins_are_positioned_errors_in_site_yaml() {
    let site = TestSite::from_fixture("minimal");
    let hostile = [
        r#""https://a.vn\";return\t200\t\"DEFACED\";add_header\tX-A\t\"""#,
        r#""https://a.vn\tb""#,
        r#""https://a.vn;b""#,
        r#""https://a.vn\nreturn 200 x;""#,
        r#""https://a.vn\rX""#,
        "https://a.vn/duong-dan",
        "https://a.vn?x=1",
        "https://user@a.vn",
        "https://*.a.vn",
        "ftp://a.vn",
        "https://",
        "https://a..vn:99999",
        "a.vn",
    ];
    let list: String = hostile.iter().map(|o| format!("    - {o}\n")).collect();
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let first = text.lines().count() + 3;
    site.write("site.yaml", &format!("{text}embed:\n  allowed_origins:\n{list}"));
    let errors = site.build_errors();
    for n in 0..hostile.len() {
        assert_error(&errors, &format!("site.yaml:{}:", first + n), "is not a web origin");
    }
    assert!(errors.iter().any(|e| e.contains("hint: write scheme and host only")), "{errors:?}");
}

#[test]
fn valid_origins_are_written_in_their_normal_form() {
    let site = TestSite::from_fixture("minimal");
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{text}embed:\n  allowed_origins:\n    - HTTPS://Bo.Example.gov.vn/\n    - http://localhost:8080\n"),
    );
    site.build_ok();
    assert!(site.page("_headers").contains("frame-ancestors 'self' https://bo.example.gov.vn http://localhost:8080\n"));
}

#[test]
fn a_base_url_that_is_not_a_plain_http_address_is_refused() {
    let hostile = [
        r#""https://x.vn/\"; return 200 DEFACED; #""#,
        r#""https://x.vn/a b/""#,
        r#""https://x.vn/\ra""#,
        r#""https://x.vn/\tthidua/""#,
        "\"javascript:alert(1)\"",
        "https://x.vn/?a=1",
        "https://x.vn/#top",
        "https://x.vn/a;b/",
        "https://x.vn/$host/",
        "https://x.vn/'/",
        "https://x.vn//a/",
        "ftp://x.vn/",
        "https:///",
    ];
    for base_url in hostile {
        let site = TestSite::from_fixture("minimal");
        let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
        site.write(
            "site.yaml",
            &text.replace("base_url: https://thidua.example.gov.vn/", &format!("base_url: {base_url}")),
        );
        let errors = site.build_errors();
        assert_error(&errors, "site.yaml:2:", "is not a usable base_url");
    }
    let site = TestSite::from_fixture("minimal");
    let mut options = site.options();
    options.base_url = Some("https://x.vn/a\"b/".into());
    let outcome = loa::pipeline::build(&options);
    assert!(!outcome.succeeded(), "--base-url is checked too");
}

/// Bytes of a CR not followed by LF, or of an LF not preceded by CR.
fn bare_line_breaks(text: &str) -> usize {
    let bytes = text.as_bytes();
    (0..bytes.len())
        .filter(|&i| {
            (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                || (bytes[i] == b'\n' && (i == 0 || bytes[i - 1] != b'\r'))
        })
        .count()
}

#[test]
fn line_breaks_are_folded_out_of_ics_and_vcf_fields_and_vcards_end_lines_with_crlf() {
    let site = TestSite::from_fixture("minimal");
    let person = "content/contacts/people/vu-van-a.md";
    let text = std::fs::read_to_string(site.root().join(person)).unwrap();
    site.write(
        person,
        &text.replace("position: Chuyên viên Văn phòng Sở", "position: \"Chuyên viên\\rX-INJECTED:1\\nEND:VCARD\""),
    );
    add_to_front_matter(
        &site,
        "content/directives/2024/kh-45-skhcn.md",
        "date: 2024-06-10\n",
        "deadlines:\n  - date: 2024-12-01\n    what: \"Gửi hồ sơ\\rBEGIN:VEVENT\\r\\nUID:x\"\n",
    );
    site.build_ok();
    let vcard = site.page("lien-he/vu-van-a/vu-van-a.vcf");
    assert_eq!(bare_line_breaks(&vcard), 0, "{vcard:?}");
    assert!(vcard.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\n"), "{vcard:?}");
    assert!(vcard.contains("TITLE:Chuyên viên\\nX-INJECTED:1\\nEND:VCARD\r\n"), "{vcard:?}");
    assert_eq!(vcard.matches("END:VCARD").count(), 2, "one real END line, one escaped text");
    assert!(!vcard.contains("\r\nX-INJECTED"), "{vcard:?}");
    for ics in ["lich.ics", "phong-trao/hoi-thi-mau/lich.ics"] {
        let calendar = site.page(ics);
        assert_eq!(bare_line_breaks(&calendar), 0, "{ics}: {calendar:?}");
        assert!(!calendar.contains("\r\nUID:x"), "{ics}: {calendar:?}");
        assert!(calendar.contains("Gửi hồ sơ\\nBEGIN:VEVENT\\nUID:x"), "{ics}: {calendar:?}");
    }
}

#[test]
fn the_vcard_url_is_the_contact_page_under_a_sub_path_base_url() {
    let site = TestSite::from_fixture("minimal");
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &text.replace("https://thidua.example.gov.vn/", "https://so.example.gov.vn/thidua/"));
    site.build_ok();
    let vcard = site.page("lien-he/vu-van-a/vu-van-a.vcf");
    assert!(vcard.contains("URL:https://so.example.gov.vn/thidua/lien-he/vu-van-a/\r\n"), "{vcard}");
}

// Debian's nginx, as the portal's deployment runs it (CI installs the `nginx` package).

fn nginx_binary() -> Option<PathBuf> {
    let candidates =
        [std::env::var_os("NGINX").map(PathBuf::from), Some("/usr/sbin/nginx".into()), Some("/usr/bin/nginx".into())];
    let found = candidates.into_iter().flatten().find(|p| p.exists());
    if found.is_none() && std::env::var_os("CI").is_some() {
        panic!("missing: nginx (apt-get install nginx) — required in CI");
    }
    found
}

/// An nginx.conf whose one server serves `root` on `port` and includes `include` inside its
/// `server { }` block, as the generated snippet asks.
fn nginx_conf(prefix: &Path, root: &Path, include: &Path, port: u16) -> PathBuf {
    for folder in ["logs", "tmp"] {
        std::fs::create_dir_all(prefix.join(folder)).unwrap();
    }
    let as_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let p = |name: &str| prefix.join(name).display().to_string();
    let conf = format!(
        "{user}daemon off;\nmaster_process off;\nworker_processes 1;\npid {pid};\nerror_log {log} warn;\n\
         events {{ worker_connections 16; }}\nhttp {{\n  access_log off;\n  client_body_temp_path {tmp}/body;\n\
         proxy_temp_path {tmp}/proxy;\n  fastcgi_temp_path {tmp}/fastcgi;\n  uwsgi_temp_path {tmp}/uwsgi;\n\
         scgi_temp_path {tmp}/scgi;\n  types {{ text/html html; }}\n  default_type application/octet-stream;\n\
         server {{\n    listen 127.0.0.1:{port};\n    server_name localhost;\n    root {root};\n    index index.html;\n\
         error_page 404 /404.html;\n    include {include};\n  }}\n}}\n",
        user = if as_root { "user root;\n" } else { "" },
        pid = p("nginx.pid"),
        log = p("logs/error.log"),
        tmp = p("tmp"),
        root = root.display(),
        include = include.display(),
    );
    let path = prefix.join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

fn nginx_test(nginx: &Path, prefix: &Path, conf: &Path) -> std::process::Output {
    Command::new(nginx).arg("-t").arg("-p").arg(prefix).arg("-c").arg(conf).output().unwrap()
}

/// nginx in the foreground; stopped (by its own id) when dropped.
struct Nginx(Child, u16);

impl Nginx {
    fn start(nginx: &Path, prefix: &Path, conf: &Path, port: u16) -> Nginx {
        let child = Command::new(nginx)
            .arg("-p")
            .arg(prefix)
            .arg("-c")
            .arg(conf)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let server = Nginx(child, port);
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return server;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("nginx did not answer on port {port}");
    }

    /// The raw HTTP/1.0 response (status line, headers, body).
    fn get(&self, path: &str) -> String {
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", self.1)).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        response
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

#[test]
fn nginx_accepts_the_snippet_and_serves_its_redirects_and_frame_policy() {
    let Some(nginx) = nginx_binary() else {
        eprintln!("skipped: nginx is not installed (apt-get install nginx)");
        return;
    };
    let site = TestSite::from_fixture("minimal");
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{text}embed:\n  allowed_origins: [\"https://bo.example.gov.vn:8443\"]\n"));
    add_to_front_matter(&site, CAMPAIGN, "kind: hoi-thi\n", "aliases: [hoi-thi-cu, /tin-tuc/hoi-thi.5/]\n");
    site.build_ok();
    let prefix = site.dir.path().join("nginx");
    let port = free_port();
    let conf = nginx_conf(&prefix, &site.out(), &site.out().join("loa-nginx.conf"), port);
    let test = nginx_test(&nginx, &prefix, &conf);
    assert!(test.status.success(), "nginx -t: {}", String::from_utf8_lossy(&test.stderr));
    let server = Nginx::start(&nginx, &prefix, &conf, port);
    let redirect = server.get("/tin-tuc/hoi-thi.5");
    assert!(redirect.starts_with("HTTP/1.1 301"), "{redirect}");
    assert!(redirect.contains("/phong-trao/hoi-thi-mau/\r\n"), "{redirect}");
    let embed = server.get("/nhung/phong-trao/");
    assert!(embed.starts_with("HTTP/1.1 200"), "{embed}");
    assert!(embed.contains("frame-ancestors 'self' https://bo.example.gov.vn:8443"), "{embed}");
}

#[test]
fn a_hostile_origin_never_reaches_nginx() {
    let Some(nginx) = nginx_binary() else {
        eprintln!("skipped: nginx is not installed (apt-get install nginx)");
        return;
    };
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    // With the old check this ended the quoted policy, returned its own page for every
    // embed and added a header.
    let hostile = r#""https://a.vn\";return\t200\t\"DEFACED\";add_header\tX-Injected\t\"""#;
    site.write("site.yaml", &format!("{text}embed:\n  allowed_origins:\n    - {hostile}\n"));
    let outcome = site.build();
    let prefix = site.dir.path().join("nginx");
    let port = free_port();
    let conf = nginx_conf(&prefix, &site.out(), &site.out().join("loa-nginx.conf"), port);
    let test = nginx_test(&nginx, &prefix, &conf);
    assert!(test.status.success(), "nginx -t: {}", String::from_utf8_lossy(&test.stderr));
    let server = Nginx::start(&nginx, &prefix, &conf, port);
    let embed = server.get("/nhung/phong-trao/");
    assert!(!embed.contains("DEFACED"), "{embed}");
    assert!(!embed.contains("X-Injected"), "{embed}");
    assert!(embed.starts_with("HTTP/1.1 200"), "{embed}");
    let errors: Vec<String> = outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert_error(&errors, &format!("site.yaml:{}:", text.lines().count() + 3), "is not a web origin");
}
