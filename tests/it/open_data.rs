//! Embeds, feeds, calendars, the JSON API and the sitemap come out of the same build.
//! (Independent parsers check the same files in tests/e2e/.)

use serde_json::Value;

use crate::support::TestSite;

#[test]
fn embeds_are_minimal_pages_that_open_links_in_the_top_window() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let card = site.page("nhung/phong-trao/hoi-thi-mau/index.html");
    assert!(card.contains("<base target=\"_top\">"));
    assert!(card.contains("embed-frame.js"));
    assert!(!card.contains("class=\"site-header\""), "no header or footer");
    // One embed per campaign: its card, then its directives; `?xem=van-ban` shows the list alone.
    assert!(card.contains("href=\"/van-ban/cv-12-duk/\""), "{card}");
    assert!(card.find("class=\"embed-card\"") < card.find("class=\"embed-directives\""), "{card}");
    assert!(
        site.page("assets/embed.css").contains(".embed-directives,.embed-directives-only .embed-card{display:none;}")
    );
    assert!(!site.out().join("nhung/phong-trao/hoi-thi-mau/van-ban").exists(), "no file of its own");
    assert!(site.page("assets/embed-frame.js").contains("\"embed-directives-only\""));
    // Frames of the old address go to that view, with their options.
    let redirects = site.page("_redirects");
    assert!(redirects.contains("/nhung/phong-trao/:slug/van-ban/ /nhung/phong-trao/:slug/?xem=van-ban 301\n"));
    assert!(site.page("loa-nginx.conf").contains(
        "location ~ ^/nhung/phong-trao/([^/]+)/van-ban/?$ { return 301 /nhung/phong-trao/$1/?xem=van-ban&$args; }"
    ));
    assert!(site.page("nhung/thoi-han/index.html").contains("Gửi danh sách đăng ký"));
    assert!(site.page("nhung/tim-kiem/index.html").contains("action=\"/tim-kiem/\""));
    assert!(site.page("nhung/phong-trao/index.html").contains("Hội thi Sáng tạo kỹ thuật tỉnh Mẫu"));
    let campaign = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(campaign.contains("Nhúng vào trang của bạn"));
    // Link first: the host keeps a readable link, embed.js adds the iframe.
    assert!(
        campaign.contains(
            "&lt;a href=\"https://thidua.example.gov.vn/phong-trao/hoi-thi-mau/\" data-loa-embed=\"https://thidua.example.gov.vn/nhung/phong-trao/hoi-thi-mau/\"&gt;"
        ),
        "{campaign}"
    );
    assert!(
        campaign.contains("data-loa-embed=\"https://thidua.example.gov.vn/nhung/phong-trao/hoi-thi-mau/?xem=van-ban\""),
        "the directives snippet: {campaign}"
    );
    assert!(!campaign.contains("&lt;iframe"), "the snippet pastes no iframe of its own");
    assert!(campaign.contains("class=\"embed-options\""), "the snippet builder's options");
    assert!(campaign.contains("embed-builder.js"));
    // Without embed.contact, the portal's organization is whom to ask.
    assert!(campaign.contains("liên hệ Sở Khoa học và Công nghệ tỉnh Mẫu."), "{campaign}");
}

#[test]
fn embed_contact_is_named_next_to_each_snippet_and_must_be_an_address() {
    let site = TestSite::from_fixture("minimal");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    std::fs::write(site.root().join("site.yaml"), format!("{yaml}embed:\n  contact: quantri@skhcn.example.gov.vn\n"))
        .unwrap();
    site.build_ok();
    let campaign = site.page("phong-trao/hoi-thi-mau/index.html");
    assert_eq!(
        campaign.matches("<a href=\"mailto:quantri@skhcn.example.gov.vn\">quantri@skhcn.example.gov.vn</a>.").count(),
        2,
        "one sentence per snippet"
    );
    std::fs::write(site.root().join("site.yaml"), format!("{yaml}embed:\n  contact: Văn phòng Sở\n")).unwrap();
    let errors = site.build_errors();
    crate::support::assert_error(&errors, "site.yaml:8:", "is not an e-mail address");
}

#[test]
fn the_frame_policy_allows_listed_origins_on_embeds_only() {
    let site = TestSite::from_fixture("minimal");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    std::fs::write(
        site.root().join("site.yaml"),
        format!("{yaml}embed:\n  allowed_origins: [\"https://bo.example.gov.vn\"]\n"),
    )
    .unwrap();
    site.build_ok();
    let headers = site.page("_headers");
    assert!(
        headers.contains("/nhung/*\n  Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self' https://bo.example.gov.vn\n"),
        "{headers}"
    );
    assert!(
        headers.contains("/phong-trao/*\n  Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\n  X-Frame-Options: DENY\n")
    );
    let catch_all = headers.split("\n/*\n").nth(1).unwrap_or("").split("\n/").next().unwrap_or("");
    assert!(
        !catch_all.contains("frame-ancestors"),
        "the catch-all rule carries no frame policy: hosts combine it with the embeds' rule"
    );
    let nginx = site.page("loa-nginx.conf");
    assert!(nginx.contains("add_header Content-Security-Policy \"default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'\" always;"));
    assert!(nginx.contains("location ^~ /nhung/ {\n    add_header Content-Security-Policy \"default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self' https://bo.example.gov.vn\" always;"));
}

#[test]
fn a_bad_embed_origin_is_an_error() {
    let site = TestSite::from_fixture("minimal");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    std::fs::write(
        site.root().join("site.yaml"),
        format!("{yaml}embed:\n  allowed_origins: [\"https://bo.example.gov.vn/trang\"]\n"),
    )
    .unwrap();
    let errors = site.build_errors();
    crate::support::assert_error(&errors, "site.yaml:8:", "is not a web origin");
}

#[test]
fn feeds_calendars_api_and_sitemap_are_written() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let atom = site.page("atom.xml");
    assert!(atom.contains("<title>Công văn số 12-CV/ĐUK: tuyên truyền, tham gia Hội thi Sáng tạo kỹ thuật</title>"));
    assert!(atom.contains("<updated>2024-06-25T00:00:00+07:00</updated>"));
    assert!(site.page("rss.xml").contains("<pubDate>Tue, 25 Jun 2024 00:00:00 +0700</pubDate>"));
    assert!(site.page("phong-trao/hoi-thi-mau/atom.xml").contains("kh-45-skhcn"));
    let ics = site.page("phong-trao/hoi-thi-mau/lich.ics");
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3, "two phases and one deadline");
    assert!(ics.contains("DTSTART:20240820T100000Z\r\nSUMMARY:"), "17:00 Vietnam time, an instant without DTEND");
    assert!(
        site.page("van-ban/cv-12-duk/index.html").contains("href=\"/phong-trao/hoi-thi-mau/lich.ics\">Thêm vào lịch")
    );
    let directive = site.api_directive("cv-12-duk");
    assert!(
        !site.out().join("api/v1/directives/cv-12-duk.json").exists(),
        "API version 2 writes no file per directive"
    );
    assert_eq!(directive["number"], "12-CV/ĐUK");
    assert_eq!(directive["signer"]["authority"], "T/M");
    assert_eq!(directive["attachments"][0]["sha256"].as_str().unwrap().len(), 64);
    let list: Value = serde_json::from_str(&site.page("api/v1/campaigns.json")).unwrap();
    assert_eq!(list["campaigns"][0]["status"], "ongoing");
    // API version 3: a campaign is whole on a page of 100 (`api_url` names it with #slug),
    // and its version 2 address goes there.
    let slug = list["campaigns"][0]["slug"].as_str().unwrap();
    assert_eq!(
        list["campaigns"][0]["api_url"],
        format!("https://thidua.example.gov.vn/api/v1/campaigns/1.json#{slug}")
    );
    let page: Value = serde_json::from_str(&site.page("api/v1/campaigns/1.json")).unwrap();
    assert_eq!(page["version"], 3);
    let whole = page["campaigns"].as_array().unwrap().iter().find(|c| c["slug"] == slug).expect("the campaign whole");
    assert!(whole["directives"].as_array().is_some_and(|d| !d.is_empty()), "{whole}");
    assert!(!site.out().join(format!("api/v1/campaigns/{slug}.json")).exists(), "no file per campaign");
    let old = format!("/api/v1/campaigns/{slug}.json");
    assert!(site.page("_redirects").contains(&format!("{old} /api/v1/campaigns/1.json 301\n")));
    assert!(
        site.page("loa-nginx.conf").contains(&format!("location = {old} {{ return 301 /api/v1/campaigns/1.json; }}"))
    );
    assert!(site.page("api/v1/schema/directive.schema.json").contains("\"$id\": \"directive.schema.json\""));
    let sitemap = site.page("sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://thidua.example.gov.vn/van-ban/cv-12-duk/</loc><lastmod>2024-06-25</lastmod>")
    );
    assert!(site.page("robots.txt").contains("Sitemap: https://thidua.example.gov.vn/sitemap.xml"));
}

#[test]
fn json_ld_cannot_be_broken_out_of_by_content() {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/directives/ld.md",
        "---\ntitle: \"</script><script>alert(1)</script>\"\ndoc_type: thong-bao\ncampaigns: [hoi-thi-mau]\n---\n",
    );
    site.build_ok();
    let page = site.page("van-ban/ld/index.html");
    let script = page.split("<script type=\"application/ld+json\">").nth(1).unwrap().split("</script>").next().unwrap();
    assert!(script.contains("\\u003c/script\\u003e"), "{script}");
    let parsed: Value = serde_json::from_str(script).unwrap();
    assert_eq!(parsed["@type"], "DigitalDocument");
}
