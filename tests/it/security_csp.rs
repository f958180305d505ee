//! The Content-Security-Policy (issue 17): every HTML page loa writes carries the policy as a
//! `<meta>` and needs nothing it forbids (no inline script or style, no event-handler
//! attribute, no `javascript:` URL); `_headers` gives every page exactly one policy header
//! (with `frame-ancestors`), so does `loa-nginx.conf`, which Debian's nginx accepts; the
//! service worker's offline page and `loa serve`'s live reload live under the same policy.

use std::path::{Path, PathBuf};
use std::process::Command;

use loa::render::csp::{PAGE_POLICY, header};
use scraper::{ElementRef, Html, Selector};

use crate::serve::{get, serve};
use crate::support::TestSite;

const ALLOWED: &str = "https://bo.example.gov.vn";

/// A copy of the sample portal (the repository's own site.yaml and content/), which has
/// every page kind: language edition, short links, posters, embeds. One campaign gets old
/// paths (`aliases:`) for the redirect pages, and one allowed embed origin.
fn sample_portal() -> TestSite {
    let site = TestSite::sample_portal();
    let campaign = site.root().join("content/campaigns/hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14/index.md");
    let text = std::fs::read_to_string(&campaign).unwrap();
    let text = text.replacen("\nshort: STKT14\n", "\nshort: STKT14\naliases: [\"/hoi-thi-cu/\", \"stkt-14\"]\n", 1);
    std::fs::write(&campaign, text).unwrap();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let start = yaml.find("\nembed:\n").expect("the sample portal allows embeds");
    let end = yaml[start + 1..].find("\nedit:").map(|i| start + 1 + i).expect("a key after embed:");
    let yaml = format!("{}\nembed:\n  allowed_origins: [\"{ALLOWED}\"]{}", &yaml[..start], &yaml[end..]);
    std::fs::write(site.root().join("site.yaml"), yaml).unwrap();
    site
}

fn html_files(out: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| p.strip_prefix(out).unwrap().to_owned())
        .collect();
    files.sort();
    files
}

/// The URL path a page is served at: `/phong-trao/x/` for `phong-trao/x/index.html`.
fn url_path(file: &Path) -> String {
    let text = file.to_string_lossy().replace('\\', "/");
    match text.strip_suffix("index.html") {
        Some(folder) => format!("/{folder}"),
        None => format!("/{text}"),
    }
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// What a page holds that the policy forbids or needs, as readable problems.
fn policy_problems(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut problems = Vec::new();
    let metas: Vec<ElementRef> = doc
        .select(&selector("meta[http-equiv]"))
        .filter(|m| m.attr("http-equiv").unwrap().eq_ignore_ascii_case("content-security-policy"))
        .collect();
    match metas.as_slice() {
        [meta] => {
            if meta.attr("content") != Some(PAGE_POLICY) {
                problems.push(format!("the policy is {:?}", meta.attr("content")));
            }
            // A <meta> policy governs only what comes after it.
            let all = selector("*");
            let before = doc.select(&all).take_while(|e| e.id() != meta.id());
            if let Some(load) = before.map(|e| e.value().name()).find(|n| ["script", "link", "style"].contains(n)) {
                problems.push(format!("<{load}> comes before the policy"));
            }
        }
        other => problems.push(format!("{} <meta http-equiv=Content-Security-Policy>, expected 1", other.len())),
    }
    for element in doc.select(&selector("*")) {
        let name = element.value().name();
        for (attribute, value) in element.value().attrs() {
            if attribute == "style" || attribute.starts_with("on") {
                problems.push(format!("<{name} {attribute}=\"{value}\">"));
            }
            if matches!(attribute, "href" | "src" | "action" | "formaction")
                && value.trim_start().to_ascii_lowercase().starts_with("javascript:")
            {
                problems.push(format!("<{name} {attribute}=\"{value}\">"));
            }
        }
        if name == "style" {
            problems.push("an inline <style>".to_owned());
        }
        if name == "script" && element.attr("src").is_none() && element.attr("type") != Some("application/ld+json") {
            problems.push(format!("an inline <script>: {}", element.inner_html().chars().take(80).collect::<String>()));
        }
    }
    problems
}

#[test]
fn every_page_of_every_kind_carries_the_policy_and_needs_nothing_it_forbids() {
    let site = sample_portal();
    site.build_ok();
    let files = html_files(&site.out());
    let has = |prefix: &str| files.iter().any(|f| url_path(f).starts_with(prefix));
    for kind in [
        "/phong-trao/hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14/ap-phich/",
        "/hoi-thi-cu/",
        "/phong-trao/stkt-14/",
        "/q/STKT14/",
        "/nhung/thoi-han/",
        "/nhung/tim-kiem/",
        "/tim-kiem/",
        "/tep/",
        "/the/",
        "/lien-he/",
        "/en/",
        "/404.html",
    ] {
        assert!(has(kind), "no page under {kind}: the test would miss a page kind");
    }
    let mut failures = Vec::new();
    for file in &files {
        let html = std::fs::read_to_string(site.out().join(file)).unwrap();
        for problem in policy_problems(&html) {
            failures.push(format!("{}: {problem}", file.display()));
        }
    }
    assert!(failures.is_empty(), "{} problems in {} pages:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn the_checker_sees_what_the_policy_forbids() {
    let page = |head: &str, body: &str| {
        format!(
            "<!DOCTYPE html><html><head><meta charset=utf-8>{head}<title>t</title></head><body>{body}</body></html>"
        )
    };
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{PAGE_POLICY}\">");
    assert_eq!(policy_problems(&page(&meta, "<p>ok</p><script src=/a.js></script>")), Vec::<String>::new());
    for (head, body) in [
        ("", ""),
        (meta.as_str(), "<script>alert(1)</script>"),
        (meta.as_str(), "<p style=\"position:fixed\">x</p>"),
        (meta.as_str(), "<img src=x onerror=alert(1)>"),
        (meta.as_str(), "<a href=\" JavaScript:alert(1)\">x</a>"),
        (meta.as_str(), "<style>p{}</style>"),
    ] {
        assert!(!policy_problems(&page(head, body)).is_empty(), "{head}{body}");
    }
    let late = "<script src=/a.js></script><meta http-equiv=\"Content-Security-Policy\" content=\"x\">";
    assert_eq!(policy_problems(&page(late, "")).len(), 2, "a policy after a script, and the wrong one");
}

/// `_headers` as Netlify and Cloudflare Pages read it: (pattern, [(name, value)]).
fn header_rules(text: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        if line.starts_with(' ') {
            let (name, value) = line.trim().split_once(": ").expect("Name: value");
            rules.last_mut().expect("a rule").1.push((name.to_owned(), value.to_owned()));
        } else {
            rules.push((line.to_owned(), Vec::new()));
        }
    }
    rules
}

/// Every `Content-Security-Policy` value the host sends for a path: each matching rule adds
/// its own, as those hosts do.
fn policies_for(rules: &[(String, Vec<(String, String)>)], path: &str) -> Vec<String> {
    rules
        .iter()
        .filter(|(pattern, _)| match pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == pattern,
        })
        .flat_map(|(_, headers)| headers.iter().filter(|(n, _)| n == "Content-Security-Policy").map(|(_, v)| v.clone()))
        .collect()
}

#[test]
fn the_headers_file_gives_every_page_exactly_one_full_policy() {
    let site = sample_portal();
    site.build_ok();
    let rules = header_rules(&site.page("_headers"));
    let embeds = header(&format!("'self' {ALLOWED}"));
    let mut failures = Vec::new();
    for file in html_files(&site.out()) {
        let path = url_path(&file);
        let expected = if path.starts_with("/nhung/") { embeds.clone() } else { header("'none'") };
        let got = policies_for(&rules, &path);
        if got != [expected.clone()] {
            failures.push(format!("{path}: {got:?}"));
        }
    }
    assert!(failures.is_empty(), "expected one policy per page:\n{}", failures.join("\n"));
}

#[test]
fn the_nginx_snippet_sets_the_policy_in_every_block_and_nginx_accepts_it() {
    let site = sample_portal();
    site.build_ok();
    let nginx = site.page("loa-nginx.conf");
    let server_level = format!("\nadd_header Content-Security-Policy \"{}\" always;\n", header("'none'"));
    assert!(nginx.contains(&server_level), "{nginx}");
    let embeds = format!(
        "location ^~ /nhung/ {{\n    add_header Content-Security-Policy \"{}\" always;\n",
        header(&format!("'self' {ALLOWED}"))
    );
    assert!(nginx.contains(&embeds), "{nginx}");
    // A location with its own add_header drops the server's: each must set the policy again.
    for block in nginx.split("location ").skip(1) {
        let block = &block[..block.find('}').unwrap()];
        assert!(!block.contains("add_header") || block.contains("Content-Security-Policy"), "{block}");
    }
    nginx_accepts(&site.out().join("loa-nginx.conf"));
}

/// `nginx -t` on a server block that includes the snippet. Without nginx the check is
/// skipped here and fails in CI (`CI` set), where .ci/run installs it.
fn nginx_accepts(snippet: &Path) {
    let binary = ["/usr/sbin/nginx", "/usr/bin/nginx"].into_iter().find(|p| Path::new(p).exists());
    let Some(binary) = binary else {
        assert!(std::env::var_os("CI").is_none_or(|v| v.is_empty()), "nginx is missing (apt-get install nginx)");
        eprintln!("skipped: nginx is not installed (apt-get install nginx)");
        return;
    };
    let prefix = tempfile::tempdir().unwrap();
    let p = prefix.path().display();
    let conf = prefix.path().join("nginx.conf");
    std::fs::write(
        &conf,
        format!(
            "pid {p}/nginx.pid;\nerror_log {p}/error.log;\nevents {{ worker_connections 16; }}\nhttp {{\n  access_log off;\n  \
             client_body_temp_path {p}/body;\n  proxy_temp_path {p}/proxy;\n  fastcgi_temp_path {p}/fastcgi;\n  \
             uwsgi_temp_path {p}/uwsgi;\n  scgi_temp_path {p}/scgi;\n  server {{\n    listen 127.0.0.1:8;\n    \
             root {};\n    include {};\n  }}\n}}\n",
            snippet.parent().unwrap().display(),
            snippet.display()
        ),
    )
    .unwrap();
    let output = Command::new(binary).arg("-t").arg("-p").arg(prefix.path()).arg("-c").arg(&conf).output().unwrap();
    assert!(output.status.success(), "nginx -t: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn the_offline_page_of_the_service_worker_carries_the_policy() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let worker = site.page("sw.js");
    let policy = serde_json::to_string(PAGE_POLICY).unwrap();
    assert!(worker.contains(&format!("const PAGE_POLICY = {policy};")), "the policy is filled in");
    assert!(worker.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"${escapeHtml(PAGE_POLICY)}\">"));
    assert!(!worker.contains("style="), "the offline page and notice carry no inline style");
}

#[test]
fn the_live_preview_adds_its_reload_script_as_a_file() {
    let site = TestSite::from_fixture("minimal");
    let server = serve(&site);
    let (status, home) = get(&server.address, "/");
    assert_eq!(status, 200);
    let body = &home[home.find("\r\n\r\n").unwrap() + 4..];
    assert_eq!(policy_problems(body), Vec::<String>::new(), "the served page keeps to the policy");
    assert!(body.contains("<script src=\"/__loa/reload.js\" data-loa-serve></script>"));
    let (status, script) = get(&server.address, "/__loa/reload.js");
    assert_eq!(status, 200);
    assert!(script.to_ascii_lowercase().contains("content-type: text/javascript"), "{script}");
    assert!(script.contains("new EventSource(\"/__loa/events\")"));
}
