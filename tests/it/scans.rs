//! QR scan counts: placements' print runs and QR codes, the nginx snippet's private log
//! (a real nginx writes it), `loa scans` counting it exactly, and the reading rules for the
//! common and combined formats (bots, repeats, unreadable lines, logs read twice).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use loa::content::scans::{Count, ScanData};

use crate::qr::{decode_svg, inline_svg_after};
use crate::support::{TestSite, assert_error};

const CAMPAIGN: &str = "content/campaigns/hoi-thi-mau/index.md";

fn add_to_front_matter(site: &TestSite, file: &str, after: &str, lines: &str) {
    let path = site.root().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(after), "{file} has no `{after}`");
    std::fs::write(&path, text.replacen(after, &format!("{after}{lines}"), 1)).unwrap();
}

fn with_placements(site: &TestSite) {
    add_to_front_matter(
        site,
        CAMPAIGN,
        "short: STKT5\n",
        "placements:\n  - slug: cho-huyen\n    name: Chợ huyện Mẫu\n  - slug: truong-thpt\n    name: Trường THPT số 2\n",
    );
}

#[test]
fn each_placement_gets_print_pages_whose_qr_code_carries_it() {
    let site = TestSite::from_fixture("minimal");
    with_placements(&site);
    site.build_ok();
    for (slug, name) in [("cho-huyen", "Chợ huyện Mẫu"), ("truong-thpt", "Trường THPT số 2")] {
        let poster = site.page(&format!("phong-trao/hoi-thi-mau/ap-phich/{slug}/index.html"));
        let svg = inline_svg_after(&poster, "<figure class=\"poster-qr\">");
        assert_eq!(decode_svg(svg), format!("https://thidua.example.gov.vn/q/STKT5/?n={slug}"));
        assert!(!site.out().join(format!("q/STKT5/qr-{slug}.svg")).exists(), "drawn inline, no file");
        assert!(poster.contains(&format!("<figcaption class=\"poster-placement\">{name}</figcaption>")), "{poster}");
        // The printed short link stays the short one, typed by hand.
        assert!(poster.contains("<strong class=\"poster-url\">https://thidua.example.gov.vn/q/STKT5/</strong>"));
    }
    let general = site.page("phong-trao/hoi-thi-mau/ap-phich/index.html");
    let svg = inline_svg_after(&general, "<figure class=\"poster-qr\">");
    assert_eq!(decode_svg(svg), "https://thidua.example.gov.vn/q/STKT5/", "old posters keep their code");
    assert!(!general.contains("poster-placement"), "{general}");
    let campaign = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(campaign.contains("href=\"/phong-trao/hoi-thi-mau/ap-phich/cho-huyen/#a5\""), "staff find the print runs");
    assert!(campaign.contains("– Chợ huyện Mẫu</a>"), "{campaign}");
}

#[test]
fn placement_mistakes_are_errors_where_they_are_written() {
    let site = TestSite::from_fixture("minimal");
    add_to_front_matter(
        &site,
        CAMPAIGN,
        "short: STKT5\n",
        "placements:\n  - slug: Chợ Huyện\n    name: Chợ\n  - slug: a\n    name: A\n  - slug: a\n    name: B\n  - slug: b\n",
    );
    let errors = site.build_errors();
    assert_error(&errors, &format!("{CAMPAIGN}:18:"), "`Chợ Huyện` is not a usable placement slug");
    assert_error(&errors, &format!("{CAMPAIGN}:22:"), "the placement `a` is listed twice");
    assert_error(&errors, &format!("{CAMPAIGN}:24:"), "`name`");
}

#[test]
fn without_a_scans_section_the_snippet_logs_nothing_new() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let nginx = site.page("loa-nginx.conf");
    assert!(!nginx.contains("access_log"), "{nginx}");
    assert!(site.page("loa-nginx-http.conf").contains("log_format loa_scans "), "the format is there to include");
}

#[test]
fn a_log_path_nginx_would_misread_is_refused_in_site_yaml() {
    let site = TestSite::from_fixture("minimal");
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{text}scans:\n  log: \"/var/log/x.log; return 200 x\"\n"));
    assert_error(&site.build_errors(), "site.yaml:8:", "is not a usable log path");
}

// A real nginx (Debian's package, as deployments run it) writes the log.

fn nginx_binary() -> Option<PathBuf> {
    let candidates =
        [std::env::var_os("NGINX").map(PathBuf::from), Some("/usr/sbin/nginx".into()), Some("/usr/bin/nginx".into())];
    let found = candidates.into_iter().flatten().find(|p| p.exists());
    if found.is_none() && std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("missing: nginx (apt-get install nginx) — required in CI");
    }
    found
}

/// nginx.conf as the README tells admins: `loa-nginx-http.conf` in `http { }`, then the
/// portal's server with `loa-nginx.conf` inside it. The server's own access log keeps the
/// combined format (address, user agent): the snippet must keep `/q/` out of it.
fn nginx_conf(prefix: &Path, root: &Path, port: u16) -> PathBuf {
    for folder in ["logs", "tmp"] {
        std::fs::create_dir_all(prefix.join(folder)).unwrap();
    }
    let as_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let p = |name: &str| prefix.join(name).display().to_string();
    let conf = format!(
        "{user}daemon off;\nmaster_process off;\nworker_processes 1;\npid {pid};\nerror_log {log} warn;\n\
         events {{ worker_connections 16; }}\nhttp {{\n  access_log {all} combined;\n  client_body_temp_path {tmp}/body;\n\
         proxy_temp_path {tmp}/proxy;\n  fastcgi_temp_path {tmp}/fastcgi;\n  uwsgi_temp_path {tmp}/uwsgi;\n\
         scgi_temp_path {tmp}/scgi;\n  types {{ text/html html; image/png png; }}\n  default_type application/octet-stream;\n\
         include {root}/loa-nginx-http.conf;\n\
         server {{\n    listen 127.0.0.1:{port};\n    server_name localhost;\n    root {root};\n    index index.html;\n\
         include {root}/loa-nginx.conf;\n  }}\n}}\n",
        user = if as_root { "user root;\n" } else { "" },
        pid = p("nginx.pid"),
        log = p("logs/error.log"),
        all = p("logs/access.log"),
        tmp = p("tmp"),
        root = root.display(),
    );
    let path = prefix.join("nginx.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

/// nginx in the foreground; stopped (by its own id) when dropped.
struct Nginx(Child);

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(port: u16, path: &str) -> String {
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: localhost\r\nUser-Agent: ScanTestAgent/1.0 (phone)\r\nReferer: https://referrer.example/\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

fn total(data: &ScanData, code: &str, placement: Option<&str>) -> Option<u64> {
    let cells: Vec<_> = data.counts.iter().filter(|c| c.code == code && c.placement.as_deref() == placement).collect();
    if cells.iter().any(|c| c.scans == Count::Small) {
        return None;
    }
    Some(cells.iter().map(|c| c.scans.shown()).sum())
}

#[test]
fn nginx_logs_scans_without_personal_data_and_loa_scans_counts_them_exactly() {
    let Some(nginx) = nginx_binary() else {
        eprintln!("skipped: nginx is not installed (apt-get install nginx)");
        return;
    };
    let site = TestSite::from_fixture("minimal");
    with_placements(&site);
    let prefix = site.dir.path().join("nginx");
    let scan_log = prefix.join("logs/loa-scans.log");
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{text}scans:\n  log: {}\n", scan_log.display()));
    site.build_ok();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let conf = nginx_conf(&prefix, &site.out(), port);
    let test = Command::new(&nginx).arg("-t").arg("-p").arg(&prefix).arg("-c").arg(&conf).output().unwrap();
    assert!(test.status.success(), "nginx -t: {}", String::from_utf8_lossy(&test.stderr));
    let child = Command::new(&nginx)
        .arg("-p")
        .arg(&prefix)
        .arg("-c")
        .arg(&conf)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Nginx(child);
    let up = (0..100).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(50));
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    });
    assert!(up, "nginx did not answer on port {port}");
    // A bounded loop: (path, times, counted as).
    let requests: [(&str, usize); 8] = [
        ("/q/STKT5/", 7),
        ("/q/stkt5/?n=cho-huyen", 4),
        ("/q/STKT5?n=CHO-HUYEN", 2),
        ("/q/STKT5/?n=truong-thpt", 3),
        ("/q/HDTG/", 5),
        ("/q/STKT5/qr.png", 2),
        ("/q/NOSUCH/", 2),
        ("/phong-trao/", 1),
    ];
    for (path, times) in requests {
        for _ in 0..times {
            let response = get(port, path);
            assert!(response.starts_with("HTTP/1.1 "), "{path}: {response}");
        }
    }
    drop(server);
    let log = std::fs::read_to_string(&scan_log).unwrap();
    assert_eq!(log.lines().count(), 25, "every /q/ request, and only those: {log}");
    for line in log.lines() {
        assert!(line.starts_with("loa-scans-1 "), "{line}");
        assert!(!line.contains("127.0.0.1") && !line.contains("ScanTestAgent") && !line.contains("referrer"), "{line}");
        // The time is cut to the hour.
        let hour = line.split(' ').nth(1).unwrap();
        assert_eq!(&hour[13..16], ":00", "{line}");
    }
    let everything = std::fs::read_to_string(prefix.join("logs/access.log")).unwrap();
    assert!(everything.contains("/phong-trao/") && everything.contains("ScanTestAgent"), "the server's own log works");
    assert!(!everything.contains("/q/"), "/q/ is kept out of the log with addresses: {everything}");

    let cli =
        Command::new(env!("CARGO_BIN_EXE_loa")).arg("scans").arg(&scan_log).arg("--root").arg(site.root()).output();
    let cli = cli.unwrap();
    let stdout = String::from_utf8_lossy(&cli.stdout);
    assert!(cli.status.success(), "{stdout}{}", String::from_utf8_lossy(&cli.stderr));
    assert!(stdout.contains("added 21 scans"), "{stdout}");
    let data = loa::content::scans::load(&site.root()).unwrap().unwrap();
    assert_eq!(total(&data, "STKT5", None), Some(7));
    assert_eq!(total(&data, "STKT5", Some("cho-huyen")), Some(6), "case-insensitive code and placement");
    assert_eq!(total(&data, "STKT5", Some("truong-thpt")), None, "3 scans are written as <5");
    assert_eq!(total(&data, "HDTG", None), Some(5));
    assert!(!data.counts.iter().any(|c| c.code == "NOSUCH"), "a 404 is no scan");
    let written = std::fs::read_to_string(site.root().join("data/scans.json")).unwrap();
    assert!(written.contains("\"scans\": \"<5\""), "{written}");
    assert!(!written.contains("127.0.0.1"), "{written}");

    // Read again, and read its rotated, compressed copy: nothing is added.
    let rotated = prefix.join("logs/loa-scans.log.1.gz");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(log.as_bytes()).unwrap();
    std::fs::write(&rotated, gz.finish().unwrap()).unwrap();
    let mut again = Command::new(env!("CARGO_BIN_EXE_loa"));
    let again = again.arg("scans").arg(&scan_log).arg(&rotated).arg("--root").arg(site.root()).output().unwrap();
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("added 0 scans"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert_eq!(loa::content::scans::load(&site.root()).unwrap().unwrap().counts, data.counts);
}

fn log_file(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

fn combined(client: &str, time: &str, target: &str, agent: &str) -> String {
    format!("{client} - - [05/Dec/2026:{time} +0700] \"GET {target} HTTP/1.1\" 301 169 \"-\" \"{agent}\"")
}

const PHONE: &str = "Mozilla/5.0 (Linux; Android 14) Zalo";

#[test]
fn combined_logs_drop_bots_and_repeats_and_a_grown_log_adds_only_its_new_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = Vec::new();
    for n in 0..6 {
        // Six people, each scanning twice within a minute: counted once each.
        let client = format!("198.51.100.{n}");
        lines.push(combined(&client, "10:00:05", "/q/AB3/?n=cho", PHONE));
        lines.push(combined(&client, "10:00:50", "/q/AB3/?n=cho", PHONE));
    }
    lines.push(combined("198.51.100.0", "10:02:00", "/q/AB3/?n=cho", PHONE));
    lines.push(combined("192.0.2.1", "10:03:00", "/q/AB3/?n=cho", "Googlebot/2.1"));
    lines.push("not a log line".into());
    lines.push(combined("192.0.2.2", "10:04:00", "/q/AB3/", PHONE));
    let first = log_file(dir.path(), "access.log", &lines);
    let report = loa::scans::count(ScanData::new(), std::slice::from_ref(&first)).unwrap();
    let key = ("AB3".to_owned(), Some("cho".to_owned()), "2026-12-05".to_owned());
    assert_eq!(report.added[&key], 7, "six people, one came back after two minutes");
    assert_eq!((report.repeats, report.bots), (6, 1));
    assert_eq!(report.unreadable, [loa::scans::Unreadable { file: first.clone(), line: 15 }]);
    // The same log, grown: only its new lines count.
    lines.push(combined("203.0.113.5", "11:00:00", "/q/AB3/?n=cho", PHONE));
    let grown = log_file(dir.path(), "access.log", &lines);
    let report = loa::scans::count(report.data, &[grown]).unwrap();
    assert_eq!(report.added.values().sum::<u64>(), 1);
    assert!(report.unreadable.is_empty(), "the counted part is not reported again");
    let cell = report.data.counts.iter().find(|c| c.placement.as_deref() == Some("cho")).unwrap();
    assert_eq!(cell.scans, Count::Exact(8));
}

fn cell(code: &str, placement: Option<&str>, day: &str, n: u64) -> loa::content::scans::Cell {
    loa::content::scans::Cell {
        code: code.into(),
        placement: placement.map(Into::into),
        day: day.into(),
        scans: Count::of(n),
        at_least: false,
    }
}

/// Every file under `dir`, relative, with its text (HTML and text files only).
fn texts(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push((path.strip_prefix(dir).unwrap().display().to_string(), text));
            }
        }
    }
    out
}

#[test]
fn the_staff_page_charts_the_counts_is_kept_out_of_search_and_campaigns_show_their_total() {
    let site = TestSite::from_fixture("minimal");
    with_placements(&site);
    let text = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{text}scans:\n  public_total: true\n"));
    let mut data = ScanData::new();
    data.counts = vec![
        cell("STKT5", None, "2024-06-28", 9),
        cell("STKT5", None, "2024-07-01", 6),
        cell("STKT5", Some("cho-huyen"), "2024-06-29", 12),
        cell("STKT5", Some("truong-thpt"), "2024-06-30", 2),
        cell("HDTG", None, "2024-06-30", 3),
    ];
    loa::scans::save(&site.root(), &data).unwrap();
    site.build_ok();
    let page = site.page("noi-bo/luot-quet-ma/index.html");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"), "{page}");
    let document = scraper::Html::parse_document(&page);
    let select = |css: &str| scraper::Selector::parse(css).unwrap();
    let chart = document.select(&select("svg[data-scans-chart]")).next().expect("an inline SVG chart");
    let lines: Vec<_> = chart.select(&select("polyline[data-scans-series]")).collect();
    assert_eq!(lines.len(), 4, "one line per code and placement");
    for line in &lines {
        let points: Vec<(f64, f64)> = line
            .value()
            .attr("points")
            .unwrap()
            .split(' ')
            .map(|p| {
                let (x, y) = p.split_once(',').unwrap();
                (x.parse().unwrap(), y.parse().unwrap())
            })
            .collect();
        assert_eq!(points.len(), 4, "one point per day, 28/6 to 1/7");
        assert!(points.iter().all(|&(x, y)| (0.0..=720.0).contains(&x) && (0.0..=260.0).contains(&y)));
        assert!(points.windows(2).all(|w| w[0].0 < w[1].0), "days left to right");
    }
    // The highest count (12) is the highest point of the chart.
    let lowest_y = |line: &scraper::ElementRef| {
        line.value()
            .attr("points")
            .unwrap()
            .split(' ')
            .map(|p| p.split_once(',').unwrap().1.parse::<f64>().unwrap())
            .fold(f64::MAX, f64::min)
    };
    let tops: Vec<f64> = lines.iter().map(lowest_y).collect();
    let highest = tops.iter().cloned().fold(f64::MAX, f64::min);
    let rows: Vec<String> =
        document.select(&select("table.scans-table tbody tr")).map(|r| r.text().collect()).collect();
    assert_eq!(rows.len(), 4, "{rows:?}");
    let cho = rows.iter().position(|r| r.contains("Chợ huyện Mẫu")).expect("the placement's name");
    assert!(rows[cho].contains("STKT5") && rows[cho].contains("12"), "{rows:?}");
    assert_eq!(tops[cho], highest, "{tops:?}");
    assert!(rows.iter().any(|r| r.contains("HDTG") && r.contains("Hướng dẫn")), "{rows:?}");
    let csv = site.page("noi-bo/luot-quet-ma/luot-quet-ma.csv");
    assert!(csv.starts_with("\"ma\",\"trang\",\"noi_dat\",\"ngay\",\"luot_quet\"\r\n"), "{csv}");
    assert!(
        csv.contains(
            "\"STKT5\",\"Hội thi Sáng tạo kỹ thuật tỉnh Mẫu lần thứ 5\",\"truong-thpt\",\"2024-06-30\",\"<5\""
        )
    );
    // Not linked, not listed, not indexed.
    assert!(site.page("robots.txt").contains("Disallow: /noi-bo/luot-quet-ma/\n"));
    assert!(site.page("_headers").contains("/noi-bo/luot-quet-ma/*\n"));
    assert!(site.page("_headers").contains("  X-Robots-Tag: noindex, nofollow\n"));
    assert!(site.page("loa-nginx.conf").contains("location ^~ /noi-bo/luot-quet-ma/ {\n    add_header X-Robots-Tag"));
    for (file, text) in texts(&site.out()) {
        let server_file =
            file.starts_with('.') || file.ends_with(".conf") || file == "robots.txt" || file == "_headers";
        // The deploy manifest lists every output file for deploy tools; it is not a page.
        let server_file = server_file || file == "loa-manifest.json";
        if !file.starts_with("noi-bo/") && !server_file {
            assert!(!text.contains("luot-quet-ma"), "{file} names the staff page");
        }
    }
    // The campaign's public total: its codes' days of 5 and more (9 + 6 + 12).
    let campaign = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(campaign.contains("<p class=\"scans-total\">Đã có 27 lượt quét mã.</p>"), "{campaign}");
    let guide = texts(&site.out()).into_iter().find(|(f, _)| f.starts_with("huong-dan/") && f.ends_with("index.html"));
    assert!(!guide.unwrap().1.contains("scans-total"), "guides have no public total");
}

#[test]
fn without_scan_counts_there_is_no_staff_page_and_a_broken_file_is_an_error() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    assert!(!site.out().join("noi-bo").exists());
    assert!(!site.page("robots.txt").contains("noi-bo"));
    site.write(
        "data/scans.json",
        "{\"format\": \"loa-scans-1\", \"counts\": [{\"code\": \"AB3\", \"day\": \"2024-07-01\", \"scans\": 3}]}",
    );
    assert_error(&site.build_errors(), "data/scans.json:1:", "3 is under 5");
}
