//! `publish:`, `withdrawn:` and deleted pages, through every output of a real build.

use std::path::Path;

use crate::support::{TestSite, assert_error};

const SCHEDULED: &str = "content/directives/2024/tb-99-hen-gio/index.md";

/// The minimal portal with an English edition and a directive scheduled for 08:00 on
/// 1 July 2024, with its own attachment, short code and translation.
fn scheduled_portal(build_date: &str) -> TestSite {
    let site = TestSite::from_fixture("minimal");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!(
            "{}languages: [vi, en]\n",
            config.replace("build_date: 2024-07-01", &format!("build_date: {build_date}"))
        ),
    );
    let front = "title: Thông báo hẹn giờ Zuvexa\ndoc_type: thong-bao\nnumber: 99/TB-SKHCN\nissuer: so-khcn-mau\n\
                 date: 2024-06-28\ncampaigns: [hoi-thi-mau]\nshort: HENGIO\npublish: 2024-07-01T08:00\n\
                 attachments:\n  - file: phu-luc-zuvexa.pdf\n    title: Phụ lục Zuvexa\ntags: [zuvexa]\n\
                 deadlines:\n  - date: 2024-08-01\n    what: Nộp hồ sơ Zuvexa\n";
    site.write(SCHEDULED, &format!("---\n{front}---\nNội dung Zuvexa.\n"));
    site.write("content/directives/2024/tb-99-hen-gio/index.en.md", "---\ntitle: Zuvexa notice\n---\nZuvexa body.\n");
    site.write("content/directives/2024/tb-99-hen-gio/phu-luc-zuvexa.pdf", "%PDF-1.4 zuvexa\n");
    site
}

/// Every output file (not the `.gz` twins) whose text holds `needle`, ignoring case.
fn files_holding(out: &Path, needle: &str) -> Vec<String> {
    let needle = needle.to_lowercase();
    loa::output::list_files(out)
        .into_iter()
        .filter(|p| !p.to_string_lossy().ends_with(".gz"))
        .filter(|p| {
            let bytes = std::fs::read(out.join(p)).unwrap();
            String::from_utf8_lossy(&bytes).to_lowercase().contains(&needle)
                || p.to_string_lossy().to_lowercase().contains(&needle)
        })
        .map(|p| p.display().to_string())
        .collect()
}

#[test]
fn a_scheduled_directive_is_in_no_output_before_its_moment() {
    let site = scheduled_portal("2024-07-01");
    let outcome = site.build();
    assert!(outcome.succeeded(), "{:?}", outcome.diagnostics);
    assert_eq!(outcome.scheduled.len(), 1, "loa check lists it");
    assert_eq!(outcome.scheduled[0].publish.to_string(), "2024-07-01T08:00");
    assert_eq!(outcome.scheduled[0].file, Path::new(SCHEDULED));
    // Its slug, title, translation, number, code, attachment, tag and deadline: nowhere
    // (pages, lists, search, feeds, calendars, API, sitemap, embeds, short links).
    for needle in ["tb-99-hen-gio", "zuvexa", "99/TB-SKHCN", "HENGIO"] {
        assert_eq!(files_holding(&site.out(), needle), Vec::<String>::new(), "{needle}");
    }
    let registry = std::fs::read_to_string(site.root().join("short-links.yaml")).unwrap();
    assert!(!registry.contains("HENGIO") && !registry.contains("tb-99"), "no code is allocated:\n{registry}");
    let record = std::fs::read_to_string(site.root().join("published-pages.yaml")).unwrap();
    assert!(!record.contains("tb-99"), "{record}");
}

#[test]
fn a_scheduled_directive_is_everywhere_once_its_moment_has_come() {
    let site = scheduled_portal("2024-07-02");
    let outcome = site.build();
    assert!(outcome.succeeded(), "{:?}", outcome.diagnostics);
    assert!(outcome.scheduled.is_empty());
    let found = files_holding(&site.out(), "tb-99-hen-gio");
    for expected in [
        "van-ban/tb-99-hen-gio/index.html",
        "en/van-ban/tb-99-hen-gio/index.html",
        "index.html",
        "van-ban/index.html",
        "atom.xml",
        "lich.ics",
        "sitemap.xml",
        "api/v1/directives.json",
        "q/HENGIO/index.html",
        "the/zuvexa/index.html",
    ] {
        assert!(found.iter().any(|f| f == expected), "{expected} not in {found:#?}");
    }
    assert!(site.out().join("tep/phu-luc-zuvexa/phu-luc-zuvexa.pdf").exists());
    assert!(!site.page("van-ban/tb-99-hen-gio/index.html").contains("Hẹn đăng"), "no banner once published");
}

#[test]
fn a_preview_shows_a_scheduled_page_with_its_banner() {
    let site = scheduled_portal("2024-07-01");
    let mut options = site.options();
    options.drafts = true;
    let outcome = loa::pipeline::build(&options);
    assert!(outcome.succeeded(), "{:?}", outcome.diagnostics);
    let page = site.page("van-ban/tb-99-hen-gio/index.html");
    assert!(page.contains("class=\"page-notice\"") && page.contains("Hẹn đăng lúc"), "{page}");
    let english = site.page("en/van-ban/tb-99-hen-gio/index.html");
    assert!(english.contains("Scheduled for"), "{english}");
    let record = std::fs::read_to_string(site.root().join("published-pages.yaml")).unwrap();
    assert!(!record.contains("tb-99"), "a preview records nothing that is not out: {record}");
}

#[test]
fn publish_errors_and_links_to_scheduled_pages_are_positioned() {
    let site = scheduled_portal("2024-07-01");
    let text = std::fs::read_to_string(site.root().join(SCHEDULED)).unwrap();
    site.write(SCHEDULED, &text.replace("publish: 2024-07-01T08:00", "publish: 2024-07-01T8h"));
    let errors = site.build_errors();
    assert_error(&errors, &format!("{SCHEDULED}:9:10: error:"), "`publish` is not a moment");

    let site = scheduled_portal("2024-07-01");
    let guide = "content/guides/huong-dan-tham-gia.md";
    let text = std::fs::read_to_string(site.root().join(guide)).unwrap();
    site.write(guide, &format!("{text}\nXem [thông báo](/van-ban/tb-99-hen-gio/).\n"));
    let errors = site.build_errors();
    assert_error(&errors, guide, "which is scheduled for publication at 2024-07-01T08:00");
}

/// The minimal portal with its công văn (which has a timed deadline) withdrawn.
fn withdraw(site: &TestSite, replaced_by: &str) {
    let path = "content/directives/2024/cv-12-duk/index.md";
    let text = std::fs::read_to_string(site.root().join(path)).unwrap();
    let withdrawn = format!(
        "withdrawn:\n  date: 2024-06-30\n  reason: Thay bằng Kế hoạch 45\n  replaced_by: {replaced_by}\ntitle:"
    );
    site.write(path, &text.replacen("title:", &withdrawn, 1));
}

#[test]
fn a_withdrawn_directive_keeps_its_page_and_leaves_the_active_outputs() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let uids =
        |ics: &str| ics.lines().filter(|l| l.starts_with("UID:van-ban-cv-12")).map(str::to_owned).collect::<Vec<_>>();
    let before = uids(&site.page("phong-trao/hoi-thi-mau/lich.ics"));
    assert!(!before.is_empty());
    withdraw(&site, "kh-45-skhcn");
    site.build_ok();

    let page = site.page("van-ban/cv-12-duk/index.html");
    assert!(page.contains("Văn bản đã bị thu hồi/bãi bỏ ngày 30 tháng 6 năm 2024: Thay bằng Kế hoạch 45"), "{page}");
    assert!(page.contains("href=\"/van-ban/kh-45-skhcn/\">Kế hoạch 45/KH-SKHCN"), "links the replacement");
    assert!(!page.contains("class=\"add-calendar\""), "no \"Thêm vào lịch\" for a withdrawn document");
    for kept in ["van-ban/loai/cong-van/index.html", "van-ban/co-quan/dang-uy-khoi-mau/index.html"] {
        let list = site.page(kept);
        assert!(list.contains("/van-ban/cv-12-duk/") && list.contains("Đã thu hồi"), "{kept}: its page links here");
    }
    for list in ["index.html", "van-ban/index.html"] {
        assert!(!site.page(list).contains("/van-ban/cv-12-duk/"), "{list} lists it");
    }
    let campaign = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(
        campaign.contains("/van-ban/cv-12-duk/") && campaign.contains("Đã thu hồi"),
        "kept on its campaign, marked"
    );
    let search: Vec<String> =
        files_holding(&site.out(), "cv-12-duk").into_iter().filter(|f| f.starts_with("tim-kiem/")).collect();
    assert_eq!(search, Vec::<String>::new(), "out of the search index");
    assert!(site.page("sitemap.xml").contains("/van-ban/cv-12-duk/"), "its URL stays valid");
    let atom = site.page("atom.xml");
    assert!(atom.contains("<title>Thu hồi: Công văn số 12-CV/ĐUK"), "{atom}");
    assert!(atom.contains("<updated>2024-06-30T00:00:00+07:00</updated>"), "{atom}");
    for calendar in ["phong-trao/hoi-thi-mau/lich.ics", "lich.ics"] {
        let ics = site.page(calendar);
        assert_eq!(uids(&ics), before, "{calendar}: same UIDs, so calendar apps replace the events");
        let event = ics.split("BEGIN:VEVENT").find(|e| e.contains("UID:van-ban-cv-12")).unwrap();
        assert!(event.contains("SEQUENCE:1\r\n") && event.contains("STATUS:CANCELLED\r\n"), "{calendar}: {event}");
    }
    let json = site.api_directive("cv-12-duk");
    assert_eq!(json["withdrawn"]["date"], "2024-06-30");
    assert_eq!(json["withdrawn"]["replaced_by"], "kh-45-skhcn");
    let home = site.page("index.html");
    assert!(!home.contains("Gửi danh sách đăng ký"), "its deadline left the home page");
}

#[test]
fn a_replacement_that_names_nothing_is_a_positioned_error() {
    let site = TestSite::from_fixture("minimal");
    withdraw(&site, "kh-45-skhc");
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/directives/2024/cv-12-duk/index.md:5:16: error:",
        "`replaced_by` names an unknown directive `kh-45-skhc`",
    );
}

#[test]
fn deleting_a_published_page_needs_a_redirect() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let record = std::fs::read_to_string(site.root().join("published-pages.yaml")).unwrap();
    assert!(record.contains("/van-ban/kh-45-skhcn/: directive"), "{record}");
    std::fs::remove_file(site.root().join("content/directives/2024/kh-45-skhcn.md")).unwrap();
    let errors = site.build_errors();
    let line = record.lines().position(|l| l.starts_with("/van-ban/kh-45-skhcn/")).unwrap() + 1;
    assert_error(&errors, &format!("published-pages.yaml:{line}:1: error:"), "is no longer in content/");
    let outcome = site.build();
    let hint = outcome.diagnostics.iter().find_map(|d| d.hint.clone()).unwrap();
    assert!(hint.contains("{redirect: /van-ban/}") && hint.contains("withdrawn:"), "{hint}");
    assert!(site.out().join("van-ban/kh-45-skhcn/index.html").exists(), "the failed build left the output alone");

    let redirected =
        record.replace("/van-ban/kh-45-skhcn/: directive", "/van-ban/kh-45-skhcn/: {redirect: /van-ban/cv-12-duk/}");
    site.write("published-pages.yaml", &redirected);
    site.build_ok();
    let page = site.page("van-ban/kh-45-skhcn/index.html");
    assert!(page.contains("url=/van-ban/cv-12-duk/"), "{page}");
    assert!(site.page("_redirects").contains("/van-ban/kh-45-skhcn/ /van-ban/cv-12-duk/ 301"));
    assert!(site.page("loa-nginx.conf").contains("return 301 /van-ban/cv-12-duk/;"));
    let kept = std::fs::read_to_string(site.root().join("published-pages.yaml")).unwrap();
    assert!(kept.contains("redirect: /van-ban/cv-12-duk/"), "{kept}");
}

#[test]
fn a_renamed_page_keeps_its_record_through_its_alias() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let old = site.root().join("content/directives/2024/kh-45-skhcn.md");
    let text = std::fs::read_to_string(&old).unwrap();
    std::fs::remove_file(old).unwrap();
    site.write("content/directives/2024/kh-45-moi.md", &text.replacen("title:", "aliases: [kh-45-skhcn]\ntitle:", 1));
    site.build_ok();
    assert!(site.page("van-ban/kh-45-skhcn/index.html").contains("url=/van-ban/kh-45-moi/"));
}

#[test]
fn a_record_of_published_pages_that_cannot_be_written_is_an_error() {
    // A folder where the record's temporary file goes makes the write fail, even as root.
    let site = TestSite::from_fixture("minimal");
    std::fs::create_dir(site.root().join(".published-pages.yaml.tmp")).unwrap();
    let errors = site.build_errors();
    assert_error(&errors, "published-pages.yaml:1:1: error: cannot update the record of published pages", "");
    assert!(!site.root().join("published-pages.yaml").exists());
}
