//! Short links and QR codes: every printed code decodes to its short URL, and a printed code
//! keeps working when pages are renamed; a build that would break one fails.

use crate::support::{TestSite, assert_error};

/// The text of the one QR code in a PNG image, read by rqrr.
pub(crate) fn decode(png: &[u8]) -> String {
    let image = image::load_from_memory(png).unwrap().to_luma8();
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(image.width() as usize, image.height() as usize, |x, y| {
            image.get_pixel(x as u32, y as u32).0[0]
        });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().unwrap().1
}

fn registry(site: &TestSite) -> String {
    std::fs::read_to_string(site.root().join("short-links.yaml")).unwrap()
}

/// The first QR drawing inline in `page` after `marker` (the `<svg>…</svg>` markup).
pub(crate) fn inline_svg_after<'p>(page: &'p str, marker: &str) -> &'p str {
    let from = page.find(marker).unwrap_or_else(|| panic!("no {marker:?} in {page}")) + marker.len();
    let start = from + page[from..].find("<svg").expect("an inline <svg>");
    let end = start + page[start..].find("</svg>").expect("the drawing's end") + "</svg>".len();
    &page[start..end]
}

/// The text of the QR code an SVG of `loa::qr::svg` draws: its path (moves and horizontal
/// runs on module rows) rasterized at 8 pixels a module, then read by rqrr.
pub(crate) fn decode_svg(svg: &str) -> String {
    let side: usize = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
    let mut dark = vec![false; side * side];
    let (mut x, mut y, mut rest) = (0.0f64, 0.0f64, d);
    while let Some(command) = rest.chars().next() {
        let end = rest[1..].find(|c: char| c.is_ascii_alphabetic()).map_or(rest.len(), |i| i + 1);
        let n: Vec<f64> = rest[1..end].split(' ').map(|v| v.parse().unwrap()).collect();
        match command {
            'M' => (x, y) = (n[0], n[1]),
            'm' => (x, y) = (x + n[0], y + n[1]),
            'h' => {
                (x as usize..(x + n[0]) as usize).for_each(|c| dark[(y - 0.5) as usize * side + c] = true);
                x += n[0];
            }
            other => panic!("unexpected path command {other}"),
        }
        rest = &rest[end..];
    }
    let scale = 8;
    let image = image::GrayImage::from_fn((side * scale) as u32, (side * scale) as u32, |px, py| {
        let (mx, my) = (px as usize / scale, py as usize / scale);
        image::Luma([if dark[my * side + mx] { 0 } else { 255 }])
    });
    let mut png = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    decode(&png)
}

#[test]
fn every_short_code_is_drawn_inline_in_its_page_and_decodes_to_its_short_url() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let mut decoded = 0;
    for entry in std::fs::read_dir(site.out().join("q")).unwrap() {
        let folder = entry.unwrap().path();
        let code = folder.file_name().unwrap().to_str().unwrap().to_owned();
        assert!(!code.chars().any(|c| c.is_ascii_lowercase()), "one spelling per code: {code}");
        // The redirect page only: the code is drawn inline in its page and print pages, and
        // its SVG and PNG files are made in the browser (tests/e2e/qr.test.mjs).
        let files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(files, ["index.html"], "{code}: no image files");
        let redirect = std::fs::read_to_string(folder.join("index.html")).unwrap();
        let target = redirect.split("url=/").nth(1).unwrap().split('"').next().unwrap();
        let page = site.page(&format!("{target}index.html"));
        let url = format!("https://thidua.example.gov.vn/q/{code}/");
        let svg =
            inline_svg_after(&page, &format!("class=\"qr-img\" role=\"img\" aria-label=\"Mã QR dẫn đến {url}\">"));
        assert_eq!(decode_svg(svg), url);
        decoded += 1;
    }
    assert_eq!(decoded, 2, "the campaign's declared code and the guide's generated one");
}

#[test]
fn short_links_redirect_and_are_listed_for_web_servers() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let redirect = site.page("q/STKT5/index.html");
    assert!(redirect.contains("<meta http-equiv=\"refresh\" content=\"0; url=/phong-trao/hoi-thi-mau/\">"));
    assert!(
        redirect.contains("<link rel=\"canonical\" href=\"https://thidua.example.gov.vn/phong-trao/hoi-thi-mau/\">")
    );
    assert!(redirect.contains("<a href=\"/phong-trao/hoi-thi-mau/\">"));
    // One file per code: a code typed in lower case goes on by the server's rules, or by
    // the 404 page's script on hosts without rules (tests/e2e/qr.test.mjs).
    assert!(!site.out().join("q/stkt5").exists(), "no second spelling on disk");
    assert!(site.page("_redirects").contains("/q/stkt5/ /phong-trao/hoi-thi-mau/ 301\n"), "typed in lower case");
    assert!(site.page("404.html").contains("src=\"/assets/loa-404.js\""));
    assert!(site.page("_redirects").contains("/q/STKT5/ /phong-trao/hoi-thi-mau/ 301\n"));
    assert!(site.page("loa-nginx.conf").contains("location ~* ^/q/STKT5/?$ { return 301 /phong-trao/hoi-thi-mau/; }"));
    let campaign = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(campaign.contains("href=\"https://thidua.example.gov.vn/q/STKT5/\""));
    assert!(
        campaign
            .contains("<li data-qr-png hidden><a href=\"#loa-ma-qr\" download=\"STKT5.png\" data-module-px=\"16\">"),
        "the PNG is drawn from the inline SVG by loa-qr-png.js"
    );
    assert!(campaign.contains("src=\"/assets/loa-qr-png.js\""));
    // One print page: the A4 poster, and the A5 flyer at its #a5 (the paper chosen by `:target`).
    assert!(campaign.contains("href=\"/phong-trao/hoi-thi-mau/ap-phich/\""));
    assert!(campaign.contains("href=\"/phong-trao/hoi-thi-mau/ap-phich/#a5\""));
    assert!(!site.out().join("phong-trao/hoi-thi-mau/to-roi").exists(), "no page of its own for the flyer");
    let poster = site.page("phong-trao/hoi-thi-mau/ap-phich/index.html");
    assert!(poster.contains("<link rel=\"stylesheet\" href=\"/assets/poster.css\">"), "its paper sizes");
    assert!(poster.contains("<body class=\"poster\" id=\"a5\">") && poster.contains("<a href=\"#a5\">"), "{poster}");
    let css = site.page("assets/poster.css");
    // The stylesheet is published minified (`loa::render::slim`).
    assert!(css.contains("@page {size:A4;") && css.contains("@page flyer{size:A5;"), "{css}");
    assert!(css.contains("#a5:target{page:flyer;}"), "{css}");
    assert!(poster.contains("https://thidua.example.gov.vn/q/STKT5/"));
    assert!(!poster.contains("class=\"nav\""), "no navigation chrome");
    // Old flyer addresses go to the switch: rules, and the 404 page's script elsewhere.
    let redirects = site.page("_redirects");
    assert!(redirects.contains("/phong-trao/:slug/to-roi/ /phong-trao/:slug/ap-phich/#a5 301\n"), "{redirects}");
    assert!(redirects.contains("/huong-dan/:slug/to-roi/* /huong-dan/:slug/ap-phich/:splat#a5 301\n"));
    assert!(
        site.page("loa-nginx.conf")
            .contains("location ~ ^/phong-trao/([^/]+)/to-roi/(.*)$ { return 301 /phong-trao/$1/ap-phich/$2#a5; }")
    );
    assert!(site.page("assets/loa-404.js").contains("'ap-phich/'"));
}

#[test]
fn the_build_records_published_codes_in_the_registry() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let text = registry(&site);
    assert!(text.contains("STKT5:\n  page: campaign/hoi-thi-mau\n"), "{text}");
    assert!(text.contains("  page: guide/huong-dan-tham-gia\n"), "{text}");
    let generated = text
        .lines()
        .find(|l| !l.starts_with([' ', '#']) && !l.starts_with("STKT5") && !l.starts_with("HDTG"))
        .unwrap_or("");
    assert!(generated.is_empty(), "the guide declares HDTG: {text}");
    let again = registry(&site);
    site.build_ok();
    assert_eq!(registry(&site), again, "a second build changes nothing");
}

#[test]
fn renaming_a_page_keeps_its_code_working() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let folder = site.root().join("content/campaigns/hoi-thi-mau-lan-5");
    std::fs::rename(site.root().join("content/campaigns/hoi-thi-mau"), &folder).unwrap();
    let index = std::fs::read_to_string(folder.join("index.md")).unwrap();
    std::fs::write(
        folder.join("index.md"),
        index.replacen("kind: hoi-thi\n", "kind: hoi-thi\naliases: [hoi-thi-mau]\n", 1),
    )
    .unwrap();
    site.build_ok();
    assert!(
        site.page("phong-trao/hoi-thi-mau/index.html").contains("url=/phong-trao/hoi-thi-mau-lan-5/"),
        "old URL redirects"
    );
    assert!(
        site.page("van-ban/cv-12-duk/index.html").contains("href=\"/phong-trao/hoi-thi-mau-lan-5/\""),
        "refs to the old slug resolve"
    );
    assert!(site.page("q/STKT5/index.html").contains("url=/phong-trao/hoi-thi-mau-lan-5/"));
    assert!(registry(&site).contains("STKT5:\n  page: campaign/hoi-thi-mau-lan-5\n"));
}

#[test]
fn a_generated_code_follows_a_renamed_page_through_its_aliases() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/guides/cach-nop-ho-so.md", "---\ntitle: Cách nộp hồ sơ\n---\nNộp tại Văn phòng Sở.\n");
    site.build_ok();
    let code = registry(&site)
        .split("\n")
        .collect::<Vec<_>>()
        .windows(2)
        .find(|w| w[1] == "  page: guide/cach-nop-ho-so")
        .map(|w| w[0].trim_end_matches(':').to_owned())
        .unwrap();
    std::fs::remove_file(site.root().join("content/guides/cach-nop-ho-so.md")).unwrap();
    site.write(
        "content/guides/nop-ho-so-du-thi.md",
        "---\ntitle: Nộp hồ sơ dự thi\naliases: [cach-nop-ho-so]\n---\nNộp tại Văn phòng Sở.\n",
    );
    site.build_ok();
    assert!(site.page(&format!("q/{code}/index.html")).contains("url=/huong-dan/nop-ho-so-du-thi/"));
    assert!(
        site.page("huong-dan/cach-nop-ho-so/index.html").contains("url=/huong-dan/nop-ho-so-du-thi/"),
        "the old path redirects too"
    );
}

#[test]
fn removing_a_page_with_a_published_code_fails_and_explains() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let before = crate::support::snapshot(&site.out());
    std::fs::remove_file(site.root().join("content/guides/huong-dan-tham-gia.md")).unwrap();
    let errors = site.build_errors();
    assert_error(
        &errors,
        "short-links.yaml:",
        "the poster link https://thidua.example.gov.vn/q/HDTG/ would break: it leads to `guide/huong-dan-tham-gia`, which is no longer in content/",
    );
    assert_error(&errors, "short-links.yaml:", "aliases: [huong-dan-tham-gia]");
    assert_eq!(crate::support::snapshot(&site.out()), before, "the published output is untouched");
}

#[test]
fn a_retired_code_sends_people_to_the_page_named() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    std::fs::remove_file(site.root().join("content/guides/huong-dan-tham-gia.md")).unwrap();
    let text = registry(&site);
    let start = text.find("HDTG:\n").unwrap();
    let end = text[start..].find("  url: ").map(|i| start + i).unwrap();
    let end = end + text[end..].find('\n').unwrap() + 1;
    let retired = format!("{}HDTG:\n  retired: /phong-trao/\n{}", &text[..start], &text[end..]);
    std::fs::write(site.root().join("short-links.yaml"), retired).unwrap();
    // The deleted guide's page is redirected too (the record of published pages).
    let record = std::fs::read_to_string(site.root().join("published-pages.yaml")).unwrap();
    let record = record
        .replace("/huong-dan/huong-dan-tham-gia/: guide", "/huong-dan/huong-dan-tham-gia/: {redirect: /phong-trao/}");
    std::fs::write(site.root().join("published-pages.yaml"), record).unwrap();
    site.build_ok();
    assert!(site.page("q/HDTG/index.html").contains("url=/phong-trao/"));
}

#[test]
fn a_page_cannot_take_a_code_printed_for_another() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    site.write("content/guides/khac.md", "---\ntitle: Khác\nshort: STKT5\n---\n");
    let errors = site.build_errors();
    assert_error(&errors, "content/guides/khac.md:3:8: error: the short code `STKT5`", "");
}

#[test]
fn the_qr_block_places_a_code_in_a_body() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/guides/qr.md", "---\ntitle: Mã QR\n---\n::qr{ref=hoi-thi-mau}\n\n::qr{ref=stkt5}\n");
    site.build_ok();
    let page = site.page("huong-dan/qr/index.html");
    assert_eq!(
        page.matches(
            "<span class=\"qr-img\" role=\"img\" aria-label=\"Mã QR dẫn đến https://thidua.example.gov.vn/q/STKT5/\"><svg"
        )
        .count(),
        2,
        "{page}"
    );
}
