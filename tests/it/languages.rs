//! Languages: `languages: [vi, en]`, translations `x.en.md` beside their originals, the
//! English edition under `/en/`, and what a portal in Vietnamese only keeps exactly as it was.

use crate::support::{TestSite, assert_error};

fn index_text(site: &TestSite, dir: &str) -> String {
    let mut text = String::new();
    for entry in walkdir::WalkDir::new(site.out().join(dir)) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|e| e == "json") {
            text.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    text
}

#[test]
fn a_translation_inherits_the_structured_fields_of_its_original() {
    let site = TestSite::from_fixture("languages");
    site.build_ok();
    let page = site.page("en/van-ban/tb-7-skhcn/index.html");
    assert!(page.contains("<html lang=\"en\">"));
    assert!(
        page.contains("<span data-field=\"title\">Results of the preliminary round of the contest</span>"),
        "{page}"
    );
    assert!(page.contains("<span data-field=\"number\">7/TB-SKHCN</span>"), "the number comes from the original");
    assert!(page.contains("<dd>25 June 2024</dd>"), "the date comes from the original, written in English");
    assert!(page.contains("Submit the entries for the final round"), "the translation's deadlines");
    assert!(page.contains("20 August 2024"));
    assert!(page.contains("50 days left"), "deadline status in English");
    assert!(page.contains("href=\"tel:0942200232\""), "the contact of the original, with its phone");
    assert!(page.contains("Notice of the preliminary round results."), "the body is the translation's");
    assert!(!page.contains("Thông báo kết quả vòng sơ khảo"));
    assert!(page.contains("Mẫu Province Department of Science and Technology"), "the issuer in English");
    // The Vietnamese page is unchanged by the translation.
    let original = site.page("van-ban/tb-7-skhcn/index.html");
    assert!(original.contains("<html lang=\"vi\">"));
    assert!(original.contains("Kết quả vòng sơ khảo Hội thi"));
    assert!(original.contains("ngày 25 tháng 6 năm 2024"));
    // An organization's translation keeps the original's phone and e-mail.
    let org = site.page("en/lien-he/so-khcn-mau/index.html");
    assert!(org.contains("Mẫu Province Department of Science and Technology"));
    assert!(org.contains("0237 3852 246") && org.contains("vanphong@skhcn.example.gov.vn"));
    assert!(org.contains("<dt>Phone</dt>"));
}

#[test]
fn untranslated_pages_are_not_invented_and_links_to_them_go_to_vietnamese() {
    let site = TestSite::from_fixture("languages");
    site.build_ok();
    for missing in [
        "en/van-ban/kh-45-skhcn/index.html",
        "en/lien-he/vu-van-a/index.html",
        "en/huong-dan/huong-dan-tham-gia/index.html",
    ] {
        assert!(!site.out().join(missing).exists(), "{missing} has no translation and must not exist");
    }
    assert!(!site.out().join("en/tep").exists() && !site.out().join("en/api").exists());
    let campaign = site.page("en/phong-trao/hoi-thi-mau/index.html");
    assert!(campaign.contains("href=\"/van-ban/kh-45-skhcn/\" lang=\"vi\""), "untranslated directive: Vietnamese page");
    assert!(campaign.contains("href=\"/en/van-ban/tb-7-skhcn/\""), "translated directive: English page");
    assert!(campaign.contains("href=\"/lien-he/vu-van-a/\""), "untranslated person: Vietnamese page");
    assert!(campaign.contains("href=\"/en/lien-he/so-khcn-mau/\""), "translated organizer: English page");
    // Site links written in a translation's body go to the English page when there is one.
    assert!(campaign.contains("<a href=\"/en/van-ban/tb-7-skhcn/#ket-qua\">results</a>"), "{campaign}");
    assert!(campaign.contains("<a href=\"/van-ban/kh-45-skhcn/\">plan (in Vietnamese)</a>"));
    // Lists of the edition hold every item: the untranslated ones in Vietnamese, marked,
    // linking to the Vietnamese page; feeds and search hold translated items only.
    let list = site.page("en/van-ban/index.html");
    assert!(list.contains("/en/van-ban/tb-7-skhcn/"), "{list}");
    assert!(list.contains("href=\"/van-ban/kh-45-skhcn/\" lang=\"vi\""), "{list}");
    assert!(list.contains("(in Vietnamese)"), "{list}");
    assert!(list.contains("2 documents"), "{list}");
    let feed = site.page("en/atom.xml");
    assert!(feed.contains("https://thidua.example.gov.vn/en/van-ban/tb-7-skhcn/") && !feed.contains("kh-45-skhcn"));
    let tag = site.page("en/the/technical-innovation/index.html");
    assert!(tag.contains("Fifth Technical Innovation Contest of Mẫu Province"));
    let english = index_text(&site, "en/tim-kiem/chi-muc");
    assert!(english.contains("\"docs\":3"), "campaign, directive, organization: {english:.300}");
    assert!(english.contains("innovation"));
    assert!(!english.contains("kh-45-skhcn"));
    // Each edition's search page loads its own index's meta.js: its meta.json (result kinds in
    // its language) as a script.
    for (prefix, kind) in [("en/", "\"Campaign\""), ("", "\"Phong trào\"")] {
        let json = site.page(&format!("{prefix}tim-kiem/chi-muc/meta.json"));
        assert!(json.contains(kind), "{prefix}meta.json: {json:.300}");
        assert_eq!(site.page(&format!("{prefix}tim-kiem/chi-muc/meta.js")), format!("self.loaSearchMeta = {json};\n"));
        let page = site.page(&format!("{prefix}tim-kiem/index.html"));
        assert!(
            page.contains(&format!("<script src=\"/{prefix}tim-kiem/chi-muc/meta.js\" defer>")),
            "{prefix}tim-kiem/"
        );
    }
    let vietnamese = index_text(&site, "tim-kiem/chi-muc");
    assert!(!vietnamese.contains("/en/"), "the Vietnamese index has no English page");
    assert!(!vietnamese.contains("innovation"));
    // The sitemap lists both editions.
    let sitemap = site.page("sitemap.xml");
    assert!(sitemap.contains("https://thidua.example.gov.vn/en/phong-trao/hoi-thi-mau/"));
    assert!(!sitemap.contains("/en/van-ban/kh-45-skhcn/"));
}

#[test]
fn hreflang_and_the_switcher_link_the_two_editions_both_ways() {
    let site = TestSite::from_fixture("languages");
    site.build_ok();
    let vi = site.page("phong-trao/hoi-thi-mau/index.html");
    let en = site.page("en/phong-trao/hoi-thi-mau/index.html");
    for page in [&vi, &en] {
        assert!(page.contains(
            "<link rel=\"alternate\" hreflang=\"en\" href=\"https://thidua.example.gov.vn/en/phong-trao/hoi-thi-mau/\">"
        ));
        assert!(page.contains(
            "<link rel=\"alternate\" hreflang=\"vi\" href=\"https://thidua.example.gov.vn/phong-trao/hoi-thi-mau/\">"
        ));
        assert!(page.contains(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://thidua.example.gov.vn/phong-trao/hoi-thi-mau/\">"
        ));
    }
    assert!(
        vi.contains(
            "<a href=\"/en/phong-trao/hoi-thi-mau/\" hreflang=\"en\" lang=\"en\" rel=\"alternate\">English</a>"
        )
    );
    assert!(
        en.contains(
            "<a href=\"/phong-trao/hoi-thi-mau/\" hreflang=\"vi\" lang=\"vi\" rel=\"alternate\">Tiếng Việt</a>"
        )
    );
    assert!(en.contains("<link rel=\"canonical\" href=\"https://thidua.example.gov.vn/en/phong-trao/hoi-thi-mau/\">"));
    // A page with no translation has no alternates; its switcher goes to the section home.
    let untranslated = site.page("van-ban/kh-45-skhcn/index.html");
    assert!(!untranslated.contains("hreflang=\"en\" href="));
    assert!(
        untranslated.contains("<a href=\"/en/van-ban/\" hreflang=\"en\" lang=\"en\">English</a>"),
        "{untranslated}"
    );
    let person = site.page("lien-he/vu-van-a/index.html");
    assert!(person.contains("<a href=\"/en/lien-he/\" hreflang=\"en\" lang=\"en\">English</a>"));
}

#[test]
fn the_edit_link_of_a_translation_points_to_its_own_file() {
    let site = TestSite::from_fixture("languages");
    site.build_ok();
    let en = site.page("en/phong-trao/hoi-thi-mau/index.html");
    assert!(en.contains(
        "href=\"https://git.example.gov.vn/portal/-/edit/main/content/campaigns/hoi-thi-mau/index.en.md\" rel=\"nofollow\">Edit this page</a>"
    ), "{en}");
    let vi = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(
        vi.contains("href=\"https://git.example.gov.vn/portal/-/edit/main/content/campaigns/hoi-thi-mau/index.md\"")
    );
    let directive = site.page("en/van-ban/tb-7-skhcn/index.html");
    assert!(directive.contains("/-/edit/main/content/directives/2024/tb-7-skhcn.en.md\""));
}

#[test]
fn a_translation_without_its_original_is_an_error_naming_it() {
    let site = TestSite::from_fixture("languages");
    site.write("content/guides/cach-dang-ky.en.md", "---\ntitle: How to register\n---\nText.\n");
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/guides/cach-dang-ky.en.md:1:1: error:",
        "this translation has no original: content/guides/cach-dang-ky.md does not exist",
    );
}

#[test]
fn a_mistake_in_a_translation_is_reported_at_the_translation_once() {
    let site = TestSite::from_fixture("languages");
    site.write(
        "content/contacts/organizations/so-khcn-mau.en.md",
        "---\ntitle: Department\nabreviation: DOST\nparent: so-khcn-khong-co\n---\n",
    );
    let outcome = site.build();
    let messages: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_error(
        &messages,
        "content/contacts/organizations/so-khcn-mau.en.md:3:1: error:",
        "unknown field `abreviation`",
    );
    assert_error(&messages, "content/contacts/organizations/so-khcn-mau.en.md:4:9: error:", "so-khcn-khong-co");
    assert!(!messages.iter().any(|m| m.starts_with("content/contacts/organizations/so-khcn-mau.md")), "{messages:#?}");
}

#[test]
fn a_language_suffix_the_site_does_not_publish_is_a_warning_and_dotted_names_stay_pages() {
    let site = TestSite::from_fixture("languages");
    site.write("content/guides/huong-dan-tham-gia.fr.md", "---\ntitle: Guide\n---\n");
    site.write("content/guides/bao-cao.v2.md", "---\ntitle: Báo cáo phiên bản 2\n---\nNội dung.\n");
    site.write("content/guides/ke-hoach.to.md", "---\ntitle: Kế hoạch\n---\nNội dung.\n");
    let warnings: Vec<String> = site.build_ok().iter().map(|d| d.to_string()).collect();
    assert_error_like(
        &warnings,
        "content/guides/huong-dan-tham-gia.fr.md:1:1: warning:",
        "this translation into `fr` is not published",
    );
    assert!(warnings.iter().any(|w| w.contains("add `fr` to `languages`")));
    assert!(!site.out().join("fr").exists() && !site.out().join("huong-dan/huong-dan-tham-gia-fr").exists());
    assert!(
        site.page("huong-dan/bao-cao-v2/index.html").contains("Báo cáo phiên bản 2"),
        "a dot in a name is not a language"
    );
    assert!(site.page("huong-dan/ke-hoach-to/index.html").contains("Kế hoạch"), "a code with no original beside it");
}

fn assert_error_like(lines: &[String], prefix: &str, text: &str) {
    assert!(lines.iter().any(|l| l.starts_with(prefix) && l.contains(text)), "no `{prefix}` … `{text}` in {lines:#?}");
}

#[test]
fn a_portal_in_vietnamese_only_publishes_no_edition() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    assert!(!site.out().join("en").exists());
    let page = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(page.contains("<html lang=\"vi\">"));
    assert!(!page.contains("hreflang=") && !page.contains("lang-switch"), "no alternates, no switcher");
    // A translation file in a Vietnamese-only portal is not published, and says how to.
    site.write("content/guides/huong-dan-tham-gia.en.md", "---\ntitle: How to take part\n---\n");
    let warnings: Vec<String> = site.build_ok().iter().map(|d| d.to_string()).collect();
    assert!(warnings.iter().any(|w| w.contains("add `en` to `languages`")), "{warnings:#?}");
    assert!(!site.out().join("en").exists());
}

#[test]
fn languages_are_checked_in_site_yaml() {
    let site = TestSite::from_fixture("languages");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &config.replace("languages: [vi, en]", "languages: [en, vi]"));
    assert_error(&site.build_errors(), "site.yaml:4:12: error:", "the first language must be `vi`, found `en`");
    site.write("site.yaml", &config.replace("languages: [vi, en]", "languages: [vi, english]"));
    assert_error(&site.build_errors(), "site.yaml:4:", "`english` is not a language code");
    site.write("site.yaml", &config.replace("languages: [vi, en]", "language: en"));
    assert_error(&site.build_errors(), "site.yaml:4:11: error:", "the default language is `vi`");
}

#[test]
fn a_language_needs_every_ui_string() {
    let site = TestSite::from_fixture("languages");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &config.replace("languages: [vi, en]", "languages: [vi, fr]"));
    std::fs::remove_file(site.root().join("content/campaigns/hoi-thi-mau/index.en.md")).unwrap();
    assert_error(&site.build_errors(), "site.yaml:1:1: error:", "no UI strings for the language `fr`");
    // A portal's own file for a new language must give every key of the Vietnamese set.
    site.write("i18n/fr.yaml", "language_name: Français\nnav_home: Accueil\n");
    let errors = site.build_errors();
    assert_error(&errors, "i18n/fr.yaml:1:1: error:", "the UI string `nav_campaigns` is missing");
    // Overriding some English strings keeps the theme's others.
    site.write("site.yaml", &config);
    site.write("i18n/en.yaml", "site_title: Test Portal\nnav_home: Start\n");
    site.build_ok();
    let home = site.page("en/index.html");
    assert!(
        home.contains("<title>Test Portal</title>") && home.contains(">Start</a>") && home.contains(">Campaigns</a>")
    );
}

#[test]
fn serve_rebuilds_the_english_edition_when_a_translation_or_its_original_changes() {
    use crate::serve::{Events, get, serve};
    let site = TestSite::from_fixture("languages");
    let server = serve(&site);
    let (status, page) = get(&server.address, "/en/phong-trao/hoi-thi-mau/");
    assert_eq!(status, 200);
    assert!(page.contains("Fifth Technical Innovation Contest of Mẫu Province"));
    let mut events = Events::connect(&server.address);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let translation = site.root().join("content/campaigns/hoi-thi-mau/index.en.md");
    let text = std::fs::read_to_string(&translation).unwrap();
    std::fs::write(&translation, text.replace("rewards new inventions", "rewards new ideas")).unwrap();
    assert_eq!(events.next(), "reload");
    let (_, page) = get(&server.address, "/en/phong-trao/hoi-thi-mau/");
    assert!(page.contains("The contest rewards new ideas."), "{page}");
    // An inherited field edited in the Vietnamese original shows on the English page.
    let original = site.root().join("content/contacts/organizations/so-khcn-mau.md");
    let text = std::fs::read_to_string(&original).unwrap();
    std::fs::write(&original, text.replace("0237 3852 246", "0237 3999 999")).unwrap();
    assert_eq!(events.next(), "reload");
    let (_, page) = get(&server.address, "/en/lien-he/so-khcn-mau/");
    assert!(page.contains("0237 3999 999"), "{page}");
}
