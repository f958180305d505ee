//! How many files the output grows by per directive: at 10,000 directives every file is
//! an object to upload and an inode to create. A directive is its page and its attachment
//! files; nothing else of its own (the API has it whole on a page of 100 directives, its QR
//! code is inline in the page, its deadlines are in its campaign's calendar, its attachments
//! have no page).

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::TestSite;

/// A generated portal: the `minimal` fixture with `n` directives, each a page bundle with a
/// PDF attachment, every third one with a deadline.
fn generated(n: usize) -> TestSite {
    let site = TestSite::from_fixture("minimal");
    for i in 0..n {
        let deadline = if i % 3 == 0 {
            format!("deadlines:\n  - date: 2024-{:02}-{:02}\n    what: Gửi báo cáo {i}\n", 1 + i % 12, 1 + i % 28)
        } else {
            String::new()
        };
        site.write(
            &format!("content/directives/2024/vb-{i:04}/index.md"),
            &format!(
                "---\ntitle: Kế hoạch tổ chức thi đua số {i}\ndoc_type: ke-hoach\nnumber: {i}/KH-SKHCN\n\
                 issuer: so-khcn-mau\ndate: 2024-{:02}-{:02}\ncampaigns: [hoi-thi-mau]\ntags: [chuyển đổi số]\n\
                 attachments:\n  - file: ke-hoach-{i}.pdf\n    title: Kế hoạch số {i}\n{deadline}---\n\
                 Nội dung kế hoạch {i}.\n",
                1 + i % 12,
                1 + i % 28
            ),
        );
        site.write(&format!("content/directives/2024/vb-{i:04}/ke-hoach-{i}.pdf"), &format!("%PDF-1.4\n% {i}\n"));
    }
    site
}

/// Output files by top-level folder.
fn count(out: &Path) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for entry in walkdir::WalkDir::new(out).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let relative = entry.path().strip_prefix(out).unwrap();
        let top = relative.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        *counts.entry(top).or_default() += 1;
    }
    counts
}

#[test]
fn a_directive_adds_its_page_and_its_files_and_little_else() {
    let (small, large) = (generated(150), generated(300));
    small.build_ok();
    large.build_ok();
    let (before, after) = (count(&small.out()), count(&large.out()));
    let total = |c: &BTreeMap<String, usize>| c.values().sum::<usize>();
    let per_directive = (total(&after) - total(&before)) as f64 / 150.0;
    eprintln!(
        "files: {} at 150 directives, {} at 300; {per_directive:.2} per directive; {after:?}",
        total(&before),
        total(&after)
    );
    // Page + attachment file = 2; list pages, API pages and search files share the rest.
    assert!(per_directive <= 2.5, "{per_directive:.2} files per directive: {before:?} → {after:?}");

    let out = large.out();
    for i in [0, 1, 299] {
        let folder = out.join(format!("van-ban/vb-{i:04}"));
        let files: Vec<_> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(files, ["index.html"], "a directive's folder holds its page only");
        let page = std::fs::read_to_string(folder.join("index.html")).unwrap();
        assert!(page.contains("<span class=\"print-qr\" role=\"img\""), "the footer's QR code is inline");
        assert!(page.contains("<svg viewBox=\"0 0 "));
    }
    let page = large.page("van-ban/vb-0000/index.html");
    assert!(page.contains("href=\"/phong-trao/hoi-thi-mau/lich.ics\""), "Thêm vào lịch opens the campaign's calendar");
    let calendar = large.page("phong-trao/hoi-thi-mau/lich.ics");
    assert!(calendar.contains("Gửi báo cáo 0") && calendar.contains("Gửi báo cáo 297"));

    // Attachments: the file only, its SHA-256 on the rows that list it; old page addresses
    // go to the file.
    let tep: Vec<_> = walkdir::WalkDir::new(out.join("tep"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.path().strip_prefix(&out).unwrap().to_string_lossy().into_owned())
        // The lists of files, and the fixture's shared attachment (content/attachments/).
        .filter(|p| !p.starts_with("tep/index.html") && !p.starts_with("tep/trang/") && p != "tep/mau-phieu/index.html")
        .collect();
    assert!(tep.is_empty(), "no attachment pages: {tep:?}");
    assert!(out.join("tep/ke-hoach-0/ke-hoach-0.pdf").is_file() || page.contains("ke-hoach-0.pdf"));
    assert!(page.contains("SHA-256 <code class=\"hash\">"), "the row shows the file's SHA-256");
    let redirects = large.page("_redirects");
    let nginx = large.page("loa-nginx.conf");
    assert!(redirects.contains("/van-ban/:slug/lich.ics /lich.ics 301"), "old directive calendars");
    // A campaign's feed is Atom only; its old RSS address goes to it.
    assert!(out.join("phong-trao/hoi-thi-mau/atom.xml").is_file());
    assert!(!out.join("phong-trao/hoi-thi-mau/rss.xml").exists());
    assert!(redirects.contains("/phong-trao/:slug/rss.xml /phong-trao/:slug/atom.xml 301"));
    assert!(nginx.contains("location ~ ^/phong-trao/([^/]+)/rss\\.xml$ { return 301 /phong-trao/$1/atom.xml; }"));
    let line = redirects.lines().find(|l| l.contains("ke-hoach-0.pdf 301")).expect("an old attachment page");
    let from = line.split(' ').next().unwrap();
    assert!(nginx.contains(&format!("location = {from} {{ return 301 {}; }}", line.split(' ').nth(1).unwrap())));
    let sitemap = large.page("sitemap.xml");
    assert!(!sitemap.contains(from), "no attachment pages in the sitemap");

    // The list of all directives is its first page; its later pages are the year lists'
    // (old addresses go there), and the list of files lists the shared files only.
    assert!(!out.join("van-ban/trang").exists(), "no later pages of the list of all directives");
    let all = large.page("van-ban/index.html");
    assert!(all.contains("<a rel=\"next\" href=\"/van-ban/nam/2024/trang/"), "hands over to a year list");
    assert!(redirects.contains("/van-ban/trang/2/ /van-ban/nam/2024/trang/"), "old later pages");
    assert!(nginx.contains("location = /van-ban/trang/2/ { return 301 /van-ban/nam/2024/trang/"));
    assert!(large.page("404.html").contains("data-years=\"2024:0"), "the 404 page's script finds them too");
    assert!(!out.join("tep/trang").exists(), "the list of files: the shared files, one page here");
    assert!(redirects.contains("/tep/trang/2/ /tep/ 301"), "its old later pages");
    assert!(!large.page("tep/index.html").contains("ke-hoach-0.pdf"), "a bundle's files are on their page");
}

/// The `minimal` fixture with `n` more campaigns, each with a phase, a contact and a
/// directive of its own (so each has a feed, a calendar, a short code and its posters).
fn with_campaigns(n: usize) -> TestSite {
    let site = TestSite::from_fixture("minimal");
    for i in 0..n {
        site.write(
            &format!("content/campaigns/pt-{i:03}/index.md"),
            &format!(
                "---\ntitle: Phong trào thi đua số {i}\nkind: thi-dua-chuyen-de\norganizer: so-khcn-mau\n\
                 start: 2024-06\nend: 2025-12\nphases:\n  - name: Phát động\n    date: 2024-06-10\n\
                 contacts: [vu-van-a]\nsummary: Phong trào số {i}.\n---\nNội dung phong trào {i}.\n"
            ),
        );
        site.write(
            &format!("content/directives/2024/pt-{i:03}-kh/index.md"),
            &format!(
                "---\ntitle: Kế hoạch phát động phong trào số {i}\ndoc_type: ke-hoach\nnumber: {i}/KH-PT\n\
                 issuer: so-khcn-mau\ndate: 2024-06-10\ncampaigns: [pt-{i:03}]\n\
                 deadlines:\n  - date: 2024-09-30\n    what: Gửi báo cáo {i}\n---\nKế hoạch {i}.\n"
            ),
        );
    }
    site
}

/// What a campaign adds, beyond the directive that announces it: at 10,000 directives a
/// portal has about 500 campaigns, and each file of a campaign is 500 files.
#[test]
fn a_campaign_adds_a_bounded_set_of_files() {
    let (small, large) = (with_campaigns(10), with_campaigns(30));
    small.build_ok();
    large.build_ok();
    let (before, after) = (count(&small.out()), count(&large.out()));
    // Search files grow with the vocabulary, not by a set per page (tests of search's own).
    let total = |c: &BTreeMap<String, usize>| c.iter().filter(|(k, _)| *k != "tim-kiem").map(|(_, v)| v).sum::<usize>();
    // The 20 more directives cost 1 file each (their pages, no attachments).
    let per_campaign = (total(&after) - total(&before) - 20) as f64 / 20.0;
    eprintln!("files per campaign: {per_campaign:.2}; {before:?} → {after:?}");
    // Page, print page (A4 poster and A5 flyer), Atom feed, calendar, share image (5); its
    // short code's redirect page (1; the QR code is drawn inline in the page and the print
    // page); its embed (card and directives, 1). Its API entry is on a page of 100 campaigns.
    assert!(per_campaign <= 7.0, "{per_campaign:.2} files per campaign: {before:?} → {after:?}");
    let out = large.out();
    let folder = out.join("phong-trao/pt-000");
    let mut files: Vec<String> = walkdir::WalkDir::new(&folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&folder).unwrap().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["ap-phich/index.html", "atom.xml", "chia-se.png", "index.html", "lich.ics"],
        "one feed (Atom), one print page, no .gz twin of a page this size"
    );
    let embed: Vec<_> =
        std::fs::read_dir(out.join("nhung/phong-trao/pt-000")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(embed, ["index.html"], "one embed per campaign");
    let code = large.page("phong-trao/pt-000/index.html");
    let code = code.split("href=\"https://thidua.example.gov.vn/q/").nth(1).unwrap().split('/').next().unwrap();
    let short: Vec<_> =
        std::fs::read_dir(out.join(format!("q/{code}"))).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(short, ["index.html"], "a short code is its redirect page; its QR code is inline");
    let api: Vec<_> = walkdir::WalkDir::new(out.join("api/v1/campaigns"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(api, ["1.json"], "the campaigns 100 a page");
}
