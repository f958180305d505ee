//! The life of a document (issue #22): effect and status, relations declared on the newer
//! document (amends, replaces, corrects, extends), effective deadlines everywhere, and the
//! positioned errors of relations that cannot hold.

use crate::support::{TestSite, assert_error};

/// Writes `content/directives/<slug>.md`: a plan of the minimal portal's issuer and campaign,
/// with `extra` front-matter lines from line 8 of the file.
fn directive(site: &TestSite, slug: &str, doc_type: &str, number: &str, date: &str, extra: &str) {
    site.write(
        &format!("content/directives/{slug}.md"),
        &format!(
            "---\ntitle: Văn bản {slug}\ndoc_type: {doc_type}\nnumber: {number}\nissuer: so-khcn-mau\ndate: {date}\ncampaigns: [hoi-thi-mau]\n{extra}---\n\nNội dung.\n"
        ),
    );
}

fn with_fields(site: &TestSite) {
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}fields:\n  - {{slug: khoa-hoc-cong-nghe, name: Khoa học và công nghệ, name_en: Science and technology}}\n  - {{slug: thi-dua, name: Thi đua}}\n"),
    );
}

/// A plan with a deadline, its extension, a replaced plan and its replacement, an amendment.
fn portal() -> TestSite {
    let site = TestSite::from_fixture("minimal");
    with_fields(&site);
    directive(
        &site,
        "ke-hoach-hoi-thi",
        "ke-hoach",
        "12/KH-SKHCN",
        "2024-05-02",
        "effective: kể từ ngày ký\nfields: [khoa-hoc-cong-nghe]\ndeadlines:\n  - date: 2024-08-14\n    what: Nộp hồ sơ dự thi\n",
    );
    directive(
        &site,
        "cv-gia-han",
        "cong-van",
        "88/SKHCN-QLCN",
        "2024-06-20",
        "extends:\n  ref: ke-hoach-hoi-thi\n  deadlines:\n    - {was: 2024-08-14, now: 2024-09-15}\n",
    );
    directive(&site, "ke-hoach-cu", "ke-hoach", "3/KH-SKHCN", "2023-02-01", "");
    directive(
        &site,
        "ke-hoach-moi",
        "ke-hoach",
        "40/KH-SKHCN",
        "2024-03-01",
        "replaces: ke-hoach-cu\namends: {number: 7/KH-UBND}\n",
    );
    directive(
        &site,
        "ke-hoach-sau",
        "ke-hoach",
        "60/KH-SKHCN",
        "2024-06-25",
        "effective: 2024-09-01\nexpires: 2025-01-01\n",
    );
    site
}

#[test]
fn an_extension_moves_the_deadline_everywhere_with_a_trail() {
    let site = portal();
    site.build_ok();
    let page = site.page("van-ban/ke-hoach-hoi-thi/index.html");
    assert!(
        page.contains("<a href=\"/van-ban/cv-gia-han/\">Thời hạn “Nộp hồ sơ dự thi” đã được gia hạn đến ngày 15/09/2024 (trước đây: ngày 14/08/2024) theo Công văn số 88/SKHCN-QLCN ngày 20/06/2024.</a>"),
        "the banner's trail"
    );
    assert!(page.contains("data-due=\"2024-09-15\""), "the deadline in force is the new one");
    assert!(!page.contains("data-due=\"2024-08-14\""), "the old deadline is gone");
    assert!(page.contains("Được gia hạn bởi: <a href=\"/van-ban/cv-gia-han/\">"), "a link to the extension");
    let newer = site.page("van-ban/cv-gia-han/index.html");
    assert!(newer.contains("Gia hạn thời hạn của: <a href=\"/van-ban/ke-hoach-hoi-thi/\">"), "a link to the target");

    let step = "<span class=\"deadline-extended\">Gia hạn từ ngày 14/08/2024 theo <a href=\"/van-ban/cv-gia-han/\">Công văn số 88/SKHCN-QLCN ngày 20/06/2024</a></span>";
    for list in [
        "phong-trao/hoi-thi-mau/index.html",
        "index.html",
        "nhung/phong-trao/hoi-thi-mau/index.html",
        "nhung/thoi-han/index.html",
    ] {
        let html = site.page(list);
        assert!(html.contains("data-due=\"2024-09-15\"") && !html.contains("data-due=\"2024-08-14\""), "{list}");
        assert!(html.contains(step), "{list} says the deadline was moved, from when and by what:\n{html}");
    }
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}languages: [vi, en]\n"));
    site.write("content/campaigns/hoi-thi-mau/index.en.md", "---\ntitle: Sample contest\n---\nThe contest.\n");
    site.build_ok();
    let english = site.page("en/phong-trao/hoi-thi-mau/index.html");
    assert!(english.contains("Extended from 14 August 2024 by <a href=\"/van-ban/cv-gia-han/\">"), "{english}");

    let api = site.api_directive("ke-hoach-hoi-thi");
    assert_eq!(api["deadlines"][0]["date"], "2024-09-15");
    assert_eq!(api["deadlines"][0]["extended"][0]["was"], "2024-08-14");
    assert_eq!(api["deadlines"][0]["extended"][0]["by"], "cv-gia-han");
    assert_eq!(api["relations"]["extends_by"][0]["slug"], "cv-gia-han");
    assert_eq!(api["fields"][0], "khoa-hoc-cong-nghe");

    let ics = site.page("lich.ics");
    let event = ics.split("BEGIN:VEVENT").find(|e| e.contains("UID:van-ban-ke-hoach-hoi-thi-han-1@")).unwrap();
    assert!(event.contains("UID:van-ban-ke-hoach-hoi-thi-han-1@thidua.example.gov.vn"), "the same UID:\n{event}");
    assert!(event.contains("DTSTART;VALUE=DATE:20240915") && event.contains("SEQUENCE:1\r\n"), "{event}");
    assert!(!event.contains("STATUS:CANCELLED"));
    let unfolded = event.replace("\r\n ", "");
    assert!(
        unfolded.contains(
            "\\nGia hạn từ ngày 14/08/2024 đến ngày 15/09/2024 theo Công văn số 88/SKHCN-QLCN ngày 20/06/2024."
        ),
        "the calendar app shows the trail:\n{unfolded}"
    );
    let deadlines: serde_json::Value = serde_json::from_str(&site.page("api/v1/deadlines.json")).unwrap();
    let moved: Vec<_> =
        deadlines["deadlines"].as_array().unwrap().iter().filter(|e| e.get("extended").is_some()).collect();
    assert_eq!(moved.len(), 1, "only the moved deadline lists extensions");
    assert_eq!(moved[0]["start"], "2024-09-15");
    assert_eq!(
        moved[0]["extended"],
        serde_json::json!([{"was": "2024-08-14", "now": "2024-09-15", "by": "cv-gia-han"}])
    );

    let atom = site.page("atom.xml");
    let entry = atom.split("<entry>").find(|e| e.contains("/van-ban/cv-gia-han/")).expect("the extension's entry");
    assert!(entry.contains("đã được gia hạn đến ngày 15/09/2024"), "the trail in the feed entry:\n{entry}");
}

#[test]
fn a_campaign_poster_prints_the_trail_of_its_extended_deadline() {
    let site = portal();
    site.build_ok();
    let banner = "Thời hạn “Nộp hồ sơ dự thi” đã được gia hạn đến ngày 15/09/2024 (trước đây: ngày 14/08/2024) theo Công văn số 88/SKHCN-QLCN ngày 20/06/2024.";
    // One print page for both papers: the trail's deadline is the next one, so both print it.
    let poster = site.page("phong-trao/hoi-thi-mau/ap-phich/index.html");
    let when = poster.find("<time datetime=\"2024-09-15\">").expect("the new date is printed");
    let trail = poster.find(&format!("<ul class=\"poster-trail\"><li>{banner}</li></ul>"));
    assert!(trail.is_some_and(|trail| when < trail), "the trail follows the dates it explains:\n{poster}");
    assert!(!poster.contains("2024-08-14"), "the old date is not printed");
}

#[test]
fn lists_have_a_field_facet_with_a_page_per_field_in_both_editions() {
    let site = portal();
    // A slug that sorts first but a name that sorts between the others, in Vietnamese and in English.
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{config}  - {{slug: an-ninh, name: \"Quốc phòng, an ninh\", name_en: Defence and security}}\nlanguages: [vi, en]\n"),
    );
    directive(&site, "cv-an-ninh", "cong-van", "9/SKHCN-VP", "2024-04-02", "fields: [an-ninh, khoa-hoc-cong-nghe]\n");
    site.build_ok();
    let column = |path: &str| {
        let page = site.page(path);
        let start = page.find("<nav class=\"facets\"").expect("the filter column");
        page[start..start + page[start..].find("</nav>").unwrap()].to_owned()
    };
    for list in ["van-ban/index.html", "van-ban/nam/2024/index.html", "van-ban/linh-vuc/an-ninh/index.html"] {
        let nav = column(list);
        let science = nav.find("<a href=\"/van-ban/linh-vuc/khoa-hoc-cong-nghe/\">Khoa học và công nghệ</a> (2)");
        let defence = nav.find("<a href=\"/van-ban/linh-vuc/an-ninh/\">Quốc phòng, an ninh</a> (1)");
        assert!(nav.contains("<h2>Theo lĩnh vực</h2>"), "{list}: {nav}");
        assert!(science.is_some() && defence.is_some() && science < defence, "{list}, in Vietnamese order: {nav}");
    }
    let page = site.page("van-ban/linh-vuc/khoa-hoc-cong-nghe/index.html");
    assert!(page.contains("<h1>Văn bản thuộc lĩnh vực Khoa học và công nghệ</h1>"), "{page}");
    assert!(page.contains("/van-ban/ke-hoach-hoi-thi/") && page.contains("/van-ban/cv-an-ninh/"));
    assert!(!page.contains("/van-ban/cv-gia-han/\""), "only the field's documents");

    let nav = column("en/van-ban/index.html");
    let science = nav.find("<a href=\"/en/van-ban/linh-vuc/khoa-hoc-cong-nghe/\">Science and technology</a> (2)");
    let defence = nav.find("<a href=\"/en/van-ban/linh-vuc/an-ninh/\">Defence and security</a> (1)");
    assert!(science.is_some() && defence.is_some() && defence < science, "in English order: {nav}");
    let page = site.page("en/van-ban/linh-vuc/an-ninh/index.html");
    assert!(page.contains("<h1>Documents in the field of Defence and security</h1>"), "{page}");
}

#[test]
fn status_comes_from_dates_and_relations() {
    let site = portal();
    site.build_ok();
    let status = |slug: &str| {
        let api = site.api_directive(slug);
        api["status"].as_str().unwrap().to_owned()
    };
    assert_eq!(status("ke-hoach-cu"), "replaced");
    assert_eq!(status("ke-hoach-moi"), "in_force");
    assert_eq!(status("ke-hoach-sau"), "not_yet", "in force from 2024-09-01, built 2024-07-01");
    assert_eq!(status("ke-hoach-hoi-thi"), "in_force");

    let old = site.page("van-ban/ke-hoach-cu/index.html");
    assert!(old.contains("Văn bản này đã bị thay thế."), "the banner");
    assert!(old.contains("class=\"effect effect-replaced\" data-live=\"effect\""), "the badge");
    assert!(old.contains("Bị thay thế bởi: <a href=\"/van-ban/ke-hoach-moi/\">"), "the link to the replacement");
    assert!(old.contains("\"legislationLegalForce\":\"https://schema.org/NotInForce\""), "JSON-LD");
    let new = site.page("van-ban/ke-hoach-moi/index.html");
    assert!(new.contains("Thay thế: <a href=\"/van-ban/ke-hoach-cu/\">"), "the link back");
    assert!(new.contains("Sửa đổi, bổ sung: Số 7/KH-UBND"), "a document outside the portal, by number");
    let later = site.page("van-ban/ke-hoach-sau/index.html");
    assert!(
        later.contains("data-effective=\"2024-09-01\" data-expires=\"2025-01-01\""),
        "what the browser recomputes from"
    );

    let list = site.page("van-ban/index.html");
    assert!(list.contains("effect effect-replaced"), "lists show the status");
    assert!(list.contains("Khoa học và công nghệ"), "lists show the lĩnh vực");
}

#[test]
fn a_relation_to_an_unknown_directive_is_an_error() {
    let site = TestSite::from_fixture("minimal");
    directive(&site, "moi", "ke-hoach", "4/KH-SKHCN", "2024-03-01", "amends: ke-hoach-kho\n");
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/directives/moi.md:8:9: error: `amends` names an unknown directive `ke-hoach-kho`",
        "",
    );
}

#[test]
fn a_document_cannot_act_on_itself() {
    let site = TestSite::from_fixture("minimal");
    directive(&site, "moi", "ke-hoach", "4/KH-SKHCN", "2024-03-01", "corrects: moi\n");
    let errors = site.build_errors();
    assert_error(&errors, "content/directives/moi.md:8:11: error: `corrects` names this document itself", "");
}

#[test]
fn a_cycle_of_relations_is_an_error() {
    let site = TestSite::from_fixture("minimal");
    directive(&site, "a", "ke-hoach", "4/KH-SKHCN", "2024-03-01", "amends: b\n");
    directive(&site, "b", "ke-hoach", "5/KH-SKHCN", "2024-04-01", "replaces: a\n");
    let errors = site.build_errors();
    assert!(
        errors.iter().any(|e| (e.starts_with("content/directives/a.md:8:9: error: `amends` makes a cycle")
            || e.starts_with("content/directives/b.md:8:11: error: `replaces` makes a cycle"))
            && e.contains("a → b → a") | e.contains("b → a → b")),
        "{errors:?}"
    );
}

#[test]
fn two_documents_cannot_replace_the_same_one() {
    let site = TestSite::from_fixture("minimal");
    directive(&site, "cu", "ke-hoach", "4/KH-SKHCN", "2023-03-01", "");
    directive(&site, "moi-1", "ke-hoach", "5/KH-SKHCN", "2024-03-01", "replaces: cu\n");
    directive(&site, "moi-2", "ke-hoach", "6/KH-SKHCN", "2024-05-01", "replaces: [cu]\n");
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/directives/moi-2.md:8:",
        "error: `replaces` names `cu`, which `moi-1` already replaces",
    );
}

#[test]
fn an_extension_of_a_deadline_the_target_lacks_is_an_error() {
    let site = TestSite::from_fixture("minimal");
    directive(
        &site,
        "kh",
        "ke-hoach",
        "4/KH-SKHCN",
        "2024-03-01",
        "deadlines:\n  - date: 2024-08-14\n    what: Nộp hồ sơ\n",
    );
    directive(
        &site,
        "gia-han",
        "cong-van",
        "9/SKHCN-VP",
        "2024-05-01",
        "extends:\n  ref: kh\n  deadlines:\n    - was: 2024-08-15\n      now: 2024-09-15\n",
    );
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/directives/gia-han.md:11:12: error: `was: 2024-08-15` matches no deadline of `kh`",
        "the deadlines of `kh` are: 2024-08-14",
    );
}

#[test]
fn an_unknown_field_slug_is_an_error_with_a_suggestion() {
    let site = TestSite::from_fixture("minimal");
    with_fields(&site);
    directive(&site, "kh", "ke-hoach", "4/KH-SKHCN", "2024-03-01", "fields:\n  - khoa-hoc-cong-nghee\n");
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/directives/kh.md:9:5: error: `fields` names an unknown lĩnh vực `khoa-hoc-cong-nghee`",
        "did you mean `khoa-hoc-cong-nghe`?",
    );
}

#[test]
fn check_require_nd42_warns_about_each_missing_field_per_directive() {
    let site = portal();
    // A complete one: issuer, number, full date, effect, a file and a signer's name.
    site.write("content/directives/du.md", "---\ntitle: Văn bản đủ\ndoc_type: ke-hoach\nnumber: 70/KH-SKHCN\nissuer: so-khcn-mau\ndate: 2024-06-03\ncampaigns: [hoi-thi-mau]\neffective: kể từ ngày ký\nattachments: [{file: mau-phieu.pdf}]\nsigner: {position: Giám đốc, name: Nguyễn Văn An}\n---\n\nNội dung.\n");
    let run = |extra: &[&str]| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .env("LC_ALL", "en_US.UTF-8")
            .args(["check", "--root"])
            .arg(site.root())
            .args(["--format", "json"])
            .args(extra)
            .output()
            .expect("loa runs");
        assert!(output.status.success(), "warnings only: {}", String::from_utf8_lossy(&output.stderr));
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("json");
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["message"].as_str().unwrap().starts_with("Nghị định 42/2022"))
            .map(|d| format!("{}: {}", d["file"].as_str().unwrap(), d["message"].as_str().unwrap()))
            .collect::<Vec<_>>()
    };
    assert!(run(&[]).is_empty(), "only with --require nd42");
    let warnings = run(&["--require", "nd42"]);
    let of = |slug: &str| {
        warnings
            .iter()
            .filter(|w| w.starts_with(&format!("content/directives/{slug}.md:")))
            .cloned()
            .collect::<Vec<_>>()
    };
    assert!(of("du").is_empty(), "a complete directive: {:?}", of("du"));
    let plan = of("ke-hoach-hoi-thi");
    assert_eq!(
        plan,
        [
            "content/directives/ke-hoach-hoi-thi.md: Nghị định 42/2022: no downloadable file (`attachments`)",
            "content/directives/ke-hoach-hoi-thi.md: Nghị định 42/2022: no signer's name (`signer.name`)",
        ],
        "it has an effect date"
    );
    assert!(of("ke-hoach-cu").iter().any(|w| w.ends_with("no date of effect (`effective`)")));
}
