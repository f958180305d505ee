//! What a built portal shows: every page kind with the fields of the content model.

use crate::support::{TestSite, snapshot};

#[test]
fn a_directive_page_reads_like_the_official_document() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let page = site.page("van-ban/cv-12-duk/index.html");
    assert!(page.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "Party documents carry the Party line");
    assert!(page.contains("<span data-field=\"number\">12-CV/ĐUK</span>"));
    assert!(page.contains("<span data-field=\"title\">tuyên truyền, tham gia Hội thi Sáng tạo kỹ thuật</span>"));
    assert!(page.contains("V/v <span data-field=\"title\">tuyên truyền, tham gia Hội thi Sáng tạo kỹ thuật"));
    assert!(page.contains("Tỉnh Mẫu, <time datetime=\"2024-06-25\">ngày 25 tháng 6 năm 2024</time>"));
    assert!(page.contains("<li>Các tổ chức cơ sở đảng trực thuộc</li>"), "Kính gửi as a list");
    assert!(page.contains("T/M BAN THƯỜNG VỤ"), "signer authority in the Party form");
    assert!(page.contains("PHÓ BÍ THƯ"));
    assert!(page.contains("Nguyễn Thị B"));
    assert!(page.contains("Nơi nhận:"));
    assert!(page.contains("<li>Lưu VP</li>"));
    assert!(page.contains("17 giờ 00, ngày 20 tháng 8 năm 2024"), "deadline with its time");
    assert!(page.contains("Còn 50 ngày"), "deadline countdown from build_date 2024-07-01");
}

#[test]
fn a_state_directive_uses_the_state_format() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let page = site.page("van-ban/kh-45-skhcn/index.html");
    assert!(page.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(page.contains("Độc lập - Tự do - Hạnh phúc"));
    assert!(page.contains("KT. GIÁM ĐỐC"));
    assert!(page.contains("ỦY BAN NHÂN DÂN TỈNH MẪU"), "the parent body heads the issuer block");
    assert!(page.contains("ngày 10 tháng 6 năm 2024"));
    assert!(page.contains("<aside class=\"callout callout-note\">"), ":::note is rendered by its template");
}

#[test]
fn references_link_to_directives_in_the_portal_both_ways() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let citing = site.page("van-ban/cv-12-duk/index.html");
    assert!(citing.contains("<a href=\"/van-ban/kh-45-skhcn/\">Số 45/KH-SKHCN ngày 10/06/2024</a>"), "{citing}");
    let cited = site.page("van-ban/kh-45-skhcn/index.html");
    assert!(cited.contains("Văn bản dẫn chiếu"));
    assert!(cited.contains("href=\"/van-ban/cv-12-duk/\""));
}

#[test]
fn a_campaign_page_shows_status_timeline_directives_and_contacts() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let page = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(page.contains("Đang diễn ra"));
    assert!(page.contains("Từ tháng 6 năm 2024 đến tháng 12 năm 2025"));
    assert!(page.contains("Phát động"));
    assert!(page.contains("Từ ngày 1 tháng 7 năm 2024 đến ngày 30 tháng 6 năm 2025"));
    assert!(page.contains("href=\"/van-ban/cv-12-duk/\""));
    assert!(page.contains("href=\"/huong-dan/huong-dan-tham-gia/\""));
    assert!(page.contains("href=\"tel:0942200232\""));
    assert!(page.contains("Thể lệ Hội thi"), "the campaign's own attachment");
    assert!(page.contains("Kế hoạch tổ chức Hội thi"), "attachments of its directives");
}

#[test]
fn an_attachment_page_gives_size_type_hash_and_citing_pages() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let page = site.page("tep/mau-phieu/index.html");
    let bytes = std::fs::read(site.root().join("content/attachments/mau-phieu.pdf")).unwrap();
    assert_eq!(std::fs::read(site.out().join("tep/mau-phieu/mau-phieu.pdf")).unwrap(), bytes, "served byte for byte");
    assert!(page.contains(&format!("{} byte", bytes.len())));
    assert!(page.contains("Tài liệu PDF"));
    assert!(page.contains("href=\"/van-ban/kh-45-skhcn/\""), "cited by the directive");
    assert!(page.contains("href=\"/huong-dan/huong-dan-tham-gia/\""), "and by the guide");
    let hash = page.split("<code class=\"hash\">").nth(1).unwrap().split('<').next().unwrap();
    assert_eq!(hash.len(), 64);
}

#[test]
fn contact_pages_have_tel_mailto_and_a_vcard() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let person = site.page("lien-he/vu-van-a/index.html");
    assert!(person.contains("Ông Vũ Văn A"));
    assert!(person.contains("href=\"mailto:vuvana@skhcn.example.gov.vn\""));
    assert!(person.contains("href=\"/lien-he/vu-van-a/vu-van-a.vcf\""));
    assert!(person.contains("Hội thi Sáng tạo kỹ thuật tỉnh Mẫu lần thứ 5"), "campaigns they are contact for");
    let vcard = site.page("lien-he/vu-van-a/vu-van-a.vcf");
    assert!(vcard.starts_with("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vũ Văn A\r\n"), "{vcard}");
    assert!(vcard.contains("TEL;TYPE=WORK,VOICE:094.2200.232"));
    assert!(vcard.contains("ORG:Sở Khoa học và Công nghệ tỉnh Mẫu"));
    let org = site.page("lien-he/so-khcn-mau/index.html");
    assert!(org.contains("Văn bản ban hành"));
    assert!(org.contains("href=\"/lien-he/ubnd-tinh-mau/\""), "parent organization");
}

#[test]
fn lists_by_year_issuer_type_and_tag_exist() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    for list in [
        "phong-trao/index.html",
        "van-ban/index.html",
        "van-ban/nam/2024/index.html",
        "van-ban/co-quan/so-khcn-mau/index.html",
        "van-ban/loai/ke-hoach/index.html",
        "the/index.html",
        "the/sang-tao-ky-thuat/index.html",
        "huong-dan/index.html",
        "lien-he/index.html",
        "tep/index.html",
        "404.html",
        "index.html",
    ] {
        let page = site.page(list);
        assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<html lang=\"vi\">"), "{list}");
    }
    assert!(site.page("van-ban/loai/ke-hoach/index.html").contains("href=\"/van-ban/kh-45-skhcn/\""));
    assert!(!site.page("van-ban/loai/ke-hoach/index.html").contains("href=\"/van-ban/cv-12-duk/\""));
}

#[test]
fn a_tag_shows_its_campaigns_on_its_first_page_only() {
    let site = TestSite::from_fixture("minimal");
    for n in 1..=60 {
        site.write(
            &format!("content/directives/2024/tb-{n}.md"),
            &format!("---\ntitle: Thông báo số {n}\ndoc_type: thong-bao\ncampaigns: [hoi-thi-mau]\ndate: 2024-05-01\ntags: [sáng tạo kỹ thuật]\n---\nNội dung.\n"),
        );
    }
    site.build_ok();
    let first = site.page("the/sang-tao-ky-thuat/index.html");
    let second = site.page("the/sang-tao-ky-thuat/trang/2/index.html");
    assert!(first.contains("href=\"/phong-trao/hoi-thi-mau/\""), "page 1 lists the tag's campaign");
    assert!(!second.contains("campaign-card"), "page 2 goes on with directives only");
    assert!(second.contains("href=\"/van-ban/"), "page 2 lists directives");
}

#[test]
fn every_page_has_canonical_open_graph_and_a_skip_link() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let page = site.page("van-ban/cv-12-duk/index.html");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://thidua.example.gov.vn/van-ban/cv-12-duk/\">"));
    assert!(page.contains("<meta property=\"og:title\""));
    assert!(page.contains("<a class=\"skip-link\" href=\"#loa-noi-dung\">"));
    assert!(page.contains("<main id=\"loa-noi-dung\""));
    let loaded: Vec<String> = loa::check::links::attribute_values(&page, &["src"])
        .into_iter()
        .map(|(_, url)| url)
        .chain(
            page.split("<link ")
                .skip(1)
                .filter(|tag| tag.contains("stylesheet") || tag.contains("icon"))
                .filter_map(|tag| tag.split("href=\"").nth(1)?.split('"').next().map(str::to_owned)),
        )
        .collect();
    assert!(!loaded.is_empty());
    assert!(loaded.iter().all(|url| url.starts_with('/') && !url.starts_with("//")), "no external assets: {loaded:?}");
}

#[test]
fn links_resolve_under_a_sub_path_base_url() {
    let site = TestSite::from_fixture("minimal");
    let mut options = site.options();
    options.base_url = Some("https://so.example.gov.vn/thidua/".into());
    assert!(loa::pipeline::build(&options).succeeded());
    let page = site.page("van-ban/cv-12-duk/index.html");
    assert!(page.contains("href=\"/thidua/assets/loa.css\""));
    assert!(page.contains("href=\"/thidua/phong-trao/hoi-thi-mau/\""));
    let guide = site.page("huong-dan/huong-dan-tham-gia/index.html");
    assert!(guide.contains("href=\"/thidua/tep/mau-phieu/\""), "site links in Markdown get the base path");
    let broken = loa::check::links::check_links(&site.out(), "https://so.example.gov.vn/thidua/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn every_internal_link_of_the_sample_portal_resolves() {
    let site = TestSite { dir: tempfile::tempdir().unwrap() };
    let mut options = loa::pipeline::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    options.out = site.out();
    for base_url in ["https://thidua.example.gov.vn/", "https://so.example.gov.vn/thidua/"] {
        options.base_url = Some(base_url.into());
        let outcome = loa::pipeline::build(&options);
        assert!(
            outcome.diagnostics.is_empty(),
            "the sample portal builds with no warnings: {:#?}",
            outcome.diagnostics
        );
        let broken = loa::check::links::check_links(&site.out(), base_url);
        assert!(broken.is_empty(), "{base_url}: {broken:#?}");
    }
}

#[test]
fn the_manifest_lists_exactly_the_files_the_build_wrote() {
    // The manifest is kept as files are written, not by listing the folder: a writer that
    // forgets to record its file would make the next build refuse the output as hand-made.
    let site = TestSite { dir: tempfile::tempdir().unwrap() };
    let mut options = loa::pipeline::BuildOptions::new(env!("CARGO_MANIFEST_DIR"));
    options.out = site.out();
    assert!(loa::pipeline::build(&options).succeeded());
    let manifest = std::fs::read_to_string(site.out().join(loa::output::MANIFEST)).unwrap();
    let listed: Vec<std::path::PathBuf> = manifest.lines().map(Into::into).collect();
    assert_eq!(listed, loa::output::list_files(&site.out()));
    assert!(listed.iter().any(|p| p.ends_with("sw.js.gz")) && listed.iter().any(|p| p.ends_with("index.html.gz")));
    assert!(loa::pipeline::build(&options).succeeded(), "the next build takes the output for its own");
}

#[test]
fn the_deploy_manifest_lists_every_file_with_its_size_and_md5() {
    use md5::{Digest, Md5};
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let out = site.out();
    let text = std::fs::read(out.join(loa::output::manifest::FILE)).unwrap();
    let manifest: serde_json::Value = serde_json::from_slice(&text).unwrap();
    let files = manifest["files"].as_array().unwrap();
    let listed: Vec<String> = files.iter().map(|f| f["path"].as_str().unwrap().to_owned()).collect();
    // Every file but the manifest itself and the build's own record of what it wrote.
    let mut expected: Vec<String> = loa::output::list_files(&out)
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .filter(|p| p != loa::output::manifest::FILE && p != loa::output::MANIFEST)
        .collect();
    expected.sort();
    assert_eq!(listed, expected, "sorted by path, byte order");
    assert!(listed.iter().any(|p| p == "sw.js") && listed.iter().any(|p| p.ends_with(".pdf")), "{listed:?}");
    for file in files {
        let bytes = std::fs::read(out.join(file["path"].as_str().unwrap())).unwrap();
        assert_eq!(file["size"], bytes.len(), "{file}");
        let md5: String = Md5::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(file["md5"], md5, "{file}");
    }
    assert_eq!(manifest["files_count"], files.len());
    // Deterministic: a second build of the same content writes the same manifest.
    site.build_ok();
    assert_eq!(std::fs::read(out.join(loa::output::manifest::FILE)).unwrap(), text);
}

#[test]
fn front_matter_text_is_escaped() {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/directives/xss.md",
        "---\ntitle: \"<script>alert('x')</script> & bạn\"\ndoc_type: thong-bao\ncampaigns: [hoi-thi-mau]\ndate: 2024-05-01\n---\n<script>alert(2)</script>\n",
    );
    site.build_ok();
    let page = site.page("van-ban/xss/index.html");
    assert!(!page.contains("<script>"), "no script tag may come from content");
    assert!(page.contains("&lt;script&gt;alert("));
    assert!(page.contains("&amp; bạn"));
}

#[test]
fn decomposed_text_bom_and_crlf_are_accepted_and_normalized() {
    use unicode_normalization::UnicodeNormalization;
    let site = TestSite::from_fixture("minimal");
    let title: String = "Thông báo Hội thi".nfd().collect();
    let text = format!(
        "\u{feff}---\r\ntitle: {title}\r\ndoc_type: thong-bao\r\ncampaigns: [hoi-thi-mau]\r\ndate: 2024-05-02\r\n---\r\nNội dung.\r\n"
    );
    site.write("content/directives/tb-word.md", &text);
    site.build_ok();
    let page = site.page("van-ban/tb-word/index.html");
    assert!(page.contains("Thông báo Hội thi"), "text is NFC in the output");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/guides/nhap.md", "---\ntitle: Bản nháp\ndraft: true\n---\n");
    site.build_ok();
    assert!(!site.out().join("huong-dan/nhap/index.html").exists());
    let mut options = site.options();
    options.drafts = true;
    assert!(loa::pipeline::build(&options).succeeded());
    assert!(site.out().join("huong-dan/nhap/index.html").exists());
}

#[test]
fn a_site_template_overrides_the_theme() {
    let site = TestSite::from_fixture("minimal");
    site.write("templates/404.html", "<!DOCTYPE html><title>x</title><p>Trang riêng của tỉnh</p>\n");
    site.build_ok();
    assert!(site.page("404.html").contains("Trang riêng của tỉnh"));
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let first = TestSite::from_fixture("minimal");
    first.build_ok();
    let second = TestSite::from_fixture("minimal");
    second.build_ok();
    assert_eq!(snapshot(&first.out()), snapshot(&second.out()));
}

#[test]
fn a_cover_photo_is_resized_and_loses_its_exif_gps_data() {
    use image::{DynamicImage, ImageFormat, Rgb, RgbImage};
    let site = TestSite::from_fixture("minimal");
    let mut plain = Vec::new();
    DynamicImage::ImageRgb8(RgbImage::from_pixel(1600, 900, Rgb([20, 90, 160])))
        .write_to(&mut std::io::Cursor::new(&mut plain), ImageFormat::Jpeg)
        .unwrap();
    let exif = b"Exif\0\0GPSLatitude=20.8";
    let mut photo = plain[..2].to_vec();
    photo.extend_from_slice(&[0xFF, 0xE1]);
    photo.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    photo.extend_from_slice(exif);
    photo.extend_from_slice(&plain[2..]);
    std::fs::write(site.root().join("content/campaigns/hoi-thi-mau/anh-bia.jpg"), photo).unwrap();
    let index = site.root().join("content/campaigns/hoi-thi-mau/index.md");
    let text = std::fs::read_to_string(&index).unwrap().replacen(
        "kind: hoi-thi\n",
        "kind: hoi-thi\ncover: anh-bia.jpg\ncover_alt: Lễ phát động Hội thi\n",
        1,
    );
    std::fs::write(&index, text).unwrap();
    site.build_ok();
    let page = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(page.contains("srcset=\"/phong-trao/hoi-thi-mau/anh-bia-480.jpg 480w, /phong-trao/hoi-thi-mau/anh-bia-960.jpg 960w, /phong-trao/hoi-thi-mau/anh-bia-1440.jpg 1440w\""), "{page}");
    assert!(page.contains("width=\"960\" height=\"540\" alt=\"Lễ phát động Hội thi\""));
    for width in [480, 960, 1440] {
        let resized = std::fs::read(site.out().join(format!("phong-trao/hoi-thi-mau/anh-bia-{width}.jpg"))).unwrap();
        assert!(!resized.windows(4).any(|w| w == b"Exif"), "{width}: EXIF must be stripped");
    }
    assert!(!site.out().join("phong-trao/hoi-thi-mau/anh-bia.jpg").exists(), "the original is not published");
}

#[test]
fn edit_links_point_to_the_source_file_of_a_page_and_a_bundle() {
    let site = TestSite::from_fixture("minimal");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let edit = "edit:\n  url: https://gitlab.example.gov.vn/so/cong/-/edit/main\n  history_url: https://gitlab.example.gov.vn/so/cong/-/commits/main/\n";
    std::fs::write(site.root().join("site.yaml"), format!("{yaml}{edit}")).unwrap();
    site.build_ok();
    let directive = site.page("van-ban/kh-45-skhcn/index.html");
    assert!(directive.contains("href=\"https://gitlab.example.gov.vn/so/cong/-/edit/main/content/directives/2024/kh-45-skhcn.md\" rel=\"nofollow\">Sửa trang này</a>"), "{directive}");
    assert!(directive.contains("href=\"https://gitlab.example.gov.vn/so/cong/-/commits/main/content/directives/2024/kh-45-skhcn.md\" rel=\"nofollow\">Lịch sử thay đổi</a>"));
    assert!(
        directive.contains("Nội dung trang này sửa lần cuối: <time datetime=\"2024-06-10\">"),
        "outside Git the page's own date"
    );
    let bundle = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(bundle.contains("/-/edit/main/content/campaigns/hoi-thi-mau/index.md\""), "a bundle links its index.md");
}

#[test]
fn the_last_change_comes_from_git_history_in_a_checkout() {
    let site = committed_portal("2024-03-05T10:00:00+07:00");
    site.build_ok();
    let page = site.page("huong-dan/huong-dan-tham-gia/index.html");
    assert!(
        page.contains("Nội dung trang này sửa lần cuối: <time datetime=\"2024-03-05\">ngày 5 tháng 3 năm 2024</time>"),
        "{page}"
    );
}

#[test]
fn a_page_never_changed_after_the_build_date_it_shows() {
    // Git dates a change later than a pinned `build_date`: the page reads as built on that day.
    let site = committed_portal("2026-11-22T10:00:00+07:00");
    site.build_ok();
    let page = site.page("huong-dan/huong-dan-tham-gia/index.html");
    assert!(
        page.contains("Nội dung trang này sửa lần cuối: <time datetime=\"2024-07-01\">ngày 1 tháng 7 năm 2024</time>"),
        "{page}"
    );
    assert!(page.contains(
        "Cổng thông tin dựng lại lần gần nhất: <time datetime=\"2024-07-01\">ngày 1 tháng 7 năm 2024</time>."
    ));
    assert!(!page.contains("2026"), "no date after the build date");
}

#[test]
fn statuses_and_countdowns_carry_their_dates_for_the_browser() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let campaign = site.page("phong-trao/hoi-thi-mau/index.html");
    // The campaign runs 2024-06 to 2025-12, read on the build date 2024-07-01.
    assert!(
        campaign.contains(
            "<span class=\"status status-ongoing\" data-live=\"status\" data-starts=\"2024-06-01\" data-ends=\"2025-12-31\">Đang diễn ra</span>"
        ),
        "{campaign}"
    );
    // The deadline 2024-08-20T17:00: its last day, its hour, and the words once it is past.
    assert!(campaign.contains(
        "data-live=\"deadline\" data-due=\"2024-08-20\" data-due-time=\"17:00\" data-overdue=\"Đã hết hạn ngày 20/08/2024\">"
    ));
    assert!(campaign.contains("<span class=\"deadline-status\">Còn 50 ngày</span>"));
    assert!(campaign.contains("data-live-as-of>Tình trạng và thời hạn tính đến <time datetime=\"2024-07-01\">"));
    assert!(campaign.contains("<script src=\"/assets/loa-live.js\" defer data-upcoming=\"Sắp diễn ra\""));
    assert!(site.out().join("assets/loa-live.js").is_file());

    // Built after the deadline: past on the page itself, without its calendar link.
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    std::fs::write(site.root().join("site.yaml"), yaml.replace("build_date: 2024-07-01", "build_date: 2024-09-01"))
        .unwrap();
    site.build_ok();
    let directive = site.page("van-ban/cv-12-duk/index.html");
    assert!(directive.contains("<span class=\"deadline-status\">Đã hết hạn ngày 20/08/2024</span>"), "{directive}");
    assert!(
        directive.contains("class=\"add-calendar\" href=\"/phong-trao/hoi-thi-mau/lich.ics\" hidden>"),
        "{directive}"
    );
    let home = site.page("index.html");
    assert!(home.contains("<p data-live-empty>Không có thời hạn nào sắp tới.</p>"), "{home}");
}

/// The minimal portal with an edit URL, committed to a new Git repository at `date`.
fn committed_portal(date: &str) -> TestSite {
    let site = TestSite::from_fixture("minimal");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    std::fs::write(site.root().join("site.yaml"), format!("{yaml}edit:\n  url: https://git.example.gov.vn/edit/\n"))
        .unwrap();
    for args in [&["init", "-q"][..], &["add", "."], &["commit", "-q", "-m", "portal"]] {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(site.root())
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.gov.vn")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.gov.vn")
            .status()
            .unwrap();
        assert!(status.success());
    }
    site
}
