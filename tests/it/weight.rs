//! Page weight and the offline portal: the page-weight budget (a warning naming the heavy
//! page and what it loads, an error with `strict`), precompressed `.gz` twins, the web app
//! manifest and icons, the service worker's build version, share images, and determinism.

use std::io::Read;
use std::path::{Path, PathBuf};

use loa::pipeline::{self, BuildOptions};

use crate::support::{TestSite, copy_dir, snapshot};

fn budget_problems(diagnostics: &[loa::diag::Diagnostic]) -> Vec<String> {
    diagnostics.iter().filter(|d| d.message.contains("over the budget")).map(|d| d.to_string()).collect()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut decoded).expect("a valid gzip stream");
    decoded
}

/// 200 KB of letters and digits that gzip cannot shrink much (a linear congruential sequence).
fn heavy_script() -> String {
    let mut state: u32 = 12345;
    let mut text = String::from("/* nặng */\nvar nang = \"");
    while text.len() < 200 * 1024 {
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        text.push(alphabet[(state >> 16) as usize % alphabet.len()] as char);
    }
    text.push_str("\";\n");
    text
}

/// The minimal portal whose 404 page loads a 200 KB script.
fn heavy_site() -> TestSite {
    let site = TestSite::from_fixture("minimal");
    site.write("static/nang.js", &heavy_script());
    site.write(
        "templates/404.html",
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>Không tìm thấy trang</title>\n<link rel=\"stylesheet\" href=\"/assets/loa.css\">\n<script src=\"/nang.js\" defer></script>\n</head>\n<body><main><h1>Không tìm thấy trang</h1></main></body>\n</html>\n",
    );
    site
}

/// A copy of the repository's sample portal (site.yaml and content/) in a temporary folder.
fn sample_site() -> TestSite {
    let dir = tempfile::tempdir().expect("temp dir");
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = dir.path().join("site");
    std::fs::create_dir_all(&root).unwrap();
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
    if repo.join("short-links.yaml").is_file() {
        std::fs::copy(repo.join("short-links.yaml"), root.join("short-links.yaml")).unwrap();
    }
    copy_dir(&repo.join("content"), &root.join("content"));
    TestSite { dir }
}

fn files_with(out: &Path, suffix: &str) -> Vec<PathBuf> {
    loa::output::list_files(out).into_iter().filter(|p| p.to_string_lossy().ends_with(suffix)).collect()
}

fn sw_version(site: &TestSite) -> String {
    let sw = site.page("sw.js");
    let line = sw.lines().find(|l| l.starts_with("const VERSION = ")).expect("the VERSION line");
    line.trim_start_matches("const VERSION = \"").trim_end_matches("\";").to_owned()
}

#[test]
fn the_sample_portals_stay_within_the_budget() {
    let minimal = TestSite::from_fixture("minimal");
    let warnings = minimal.build_ok();
    assert_eq!(budget_problems(&warnings), Vec::<String>::new());

    let sample = sample_site();
    let warnings = sample.build_ok();
    assert_eq!(budget_problems(&warnings), Vec::<String>::new());
    // `loa check` weighs the pages it renders in memory: the same verdict.
    let mut check = sample.options();
    check.dry_run = true;
    check.strict = true;
    let outcome = pipeline::build(&check);
    assert!(outcome.succeeded(), "{:?}", outcome.diagnostics);
    // Every page's gzip size, with its CSS and JavaScript, stays well under 50 KB.
    let weights = loa::weight::Weights::new("https://thidua.example.gov.vn/");
    for file in loa::output::list_files(&sample.out()) {
        let name = file.to_string_lossy().into_owned();
        if loa::weight::weighed(&name) {
            weights.measure(&name, &std::fs::read(sample.out().join(&file)).unwrap());
        }
    }
    let totals = weights.page_totals();
    assert!(totals.len() > 50, "every page is weighed");
    let (heaviest, bytes) = totals.iter().max_by_key(|(_, b)| *b).unwrap();
    assert!(*bytes < 50 * 1024, "{heaviest} weighs {bytes} bytes");
}

#[test]
fn a_page_loading_a_heavy_script_is_named_with_what_is_heavy() {
    let site = heavy_site();
    let problems = budget_problems(&site.build_ok());
    assert_eq!(problems.len(), 1, "only the 404 page loads the script: {problems:#?}");
    let problem = &problems[0];
    assert!(problem.starts_with("404.html:1:1: warning: the page weighs "), "{problem}");
    assert!(problem.contains("over the budget of 50 KB"), "{problem}");
    // Heaviest first, each with its gzip size: the script, then the page and the stylesheet.
    let listed = problem.split("KB: ").nth(1).unwrap();
    assert!(listed.starts_with("nang.js 1"), "{problem}");
    assert!(listed.contains("the page itself ") && listed.contains("assets/loa.css "), "{problem}");
    assert!(problem.contains("budget: {page_kb: 50}"), "the hint names the setting: {problem}");

    // `loa check` reports the same without writing.
    let mut check = site.options();
    check.dry_run = true;
    let checked = budget_problems(&pipeline::build(&check).diagnostics);
    assert_eq!(checked, problems);

    // --strict: an error, and the previous output stays.
    let before = snapshot(&site.out());
    let mut strict = site.options();
    strict.strict = true;
    let outcome = pipeline::build(&strict);
    assert!(!outcome.succeeded());
    let errors: Vec<String> = outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].starts_with("404.html:1:1: error: the page weighs "), "{errors:#?}");
    assert_eq!(snapshot(&site.out()), before);

    // A larger budget in site.yaml lets it through.
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}budget:\n  page_kb: 400\n"));
    assert_eq!(budget_problems(&site.build_ok()), Vec::<String>::new());
    site.write("site.yaml", &format!("{yaml}budget:\n  page_kb: lớn\n"));
    crate::support::assert_error(&site.build_errors(), "site.yaml:", "`lớn` is not a page-weight budget");
}

#[test]
fn text_files_get_gz_twins_that_decompress_to_the_same_bytes() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let out = site.out();
    let twins = files_with(&out, ".gz");
    assert!(twins.len() > 10, "{twins:?}");
    for twin in &twins {
        let gz = std::fs::read(out.join(twin)).unwrap();
        assert_eq!(&gz[4..8], &[0, 0, 0, 0], "{}: gzip header mtime 0", twin.display());
        let original = out.join(twin.to_string_lossy().trim_end_matches(".gz"));
        assert_eq!(gunzip(&gz), std::fs::read(&original).unwrap(), "{}", twin.display());
    }
    // Every text file of 256 KB or more has one, and the shared files every page loads
    // (assets, site-root files) from 1 KB; the rest are left to the server's gzip.
    for file in loa::output::list_files(&out) {
        let name = file.to_string_lossy().into_owned();
        if name == loa::output::manifest::FILE {
            continue; // for deploy tools, not visitors: written after the twins, without one
        }
        let size = std::fs::metadata(out.join(&file)).unwrap().len();
        let twin = out.join(format!("{name}.gz")).is_file();
        if loa::weight::compressible(&name) && loa::weight::wants_twin(&name, size as usize) {
            assert!(twin, "{name} ({size} bytes) has no .gz");
        } else if !name.ends_with(".gz") {
            assert!(!twin, "{name} ({size} bytes) gets no .gz twin");
        }
    }
    assert!(
        !out.join("van-ban").read_dir().unwrap().any(|d| d.unwrap().path().join("index.html.gz").is_file()),
        "a directive page is compressed by the server"
    );
    for kind in ["index.html.gz", ".css.gz", ".js.gz"] {
        assert!(!files_with(&out, kind).is_empty(), "no {kind} file");
    }
    assert!(files_with(&out, ".pdf.gz").is_empty(), "attachments are sent as they are");
    let nginx = site.page("loa-nginx.conf");
    assert!(nginx.contains("\ngzip_static on;\ngzip on;\n"), "twins, and small files compressed on the fly");
    // The link checker reads pages only: the twins are not pages.
    let broken = loa::check::links::check_links(&out, "https://thidua.example.gov.vn/");
    assert!(broken.is_empty(), "{broken:#?}");
}

#[test]
fn the_manifest_names_the_portal_and_its_icons_exist() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let manifest: serde_json::Value = serde_json::from_str(&site.page("manifest.webmanifest")).unwrap();
    assert_eq!(manifest["name"], "Cổng thử nghiệm");
    assert_eq!(manifest["short_name"], "Thử nghiệm");
    assert_eq!(manifest["lang"], "vi");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["scope"], "/");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["theme_color"], "#a3161a");
    let icons = manifest["icons"].as_array().unwrap();
    for size in [192u32, 512] {
        let icon = icons.iter().find(|i| i["sizes"] == format!("{size}x{size}")).expect("an icon of each size");
        assert_eq!(icon["type"], "image/png");
        let png = std::fs::read(site.out().join(icon["src"].as_str().unwrap().trim_start_matches('/'))).unwrap();
        let image = image::load_from_memory(&png).unwrap();
        assert_eq!((image.width(), image.height()), (size, size));
    }
    assert!(icons.iter().any(|i| i["purpose"] == "maskable"));
    let home = site.page("index.html");
    assert!(home.contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"));
    assert!(home.contains("<meta name=\"theme-color\" content=\"#a3161a\">"));
    assert!(home.contains("<script src=\"/assets/loa-offline.js\" defer data-scope=\"/\"></script>"));
    assert!(!site.out().join("assets/sw.js").exists(), "the worker lives at the root only");
}

#[test]
fn under_a_sub_path_the_app_and_its_worker_keep_to_the_base_path() {
    let site = TestSite::from_fixture("minimal");
    let mut options = site.options();
    options.base_url = Some("https://so.example.gov.vn/thidua/".into());
    let outcome = pipeline::build(&options);
    assert!(outcome.succeeded(), "{:?}", outcome.diagnostics);
    let manifest: serde_json::Value = serde_json::from_str(&site.page("manifest.webmanifest")).unwrap();
    assert_eq!(manifest["start_url"], "/thidua/");
    assert_eq!(manifest["scope"], "/thidua/");
    assert_eq!(manifest["icons"][0]["src"], "/thidua/icon-192.png");
    let sw = site.page("sw.js");
    assert!(sw.contains("\"/thidua/assets/loa.css\""), "the shell is under the base path");
    assert!(sw.contains("\"/thidua/assets/loa-offline.js\""));
    assert!(!sw.contains("\"/assets/"));
    assert!(site.page("index.html").contains("data-scope=\"/thidua/\""));
    assert!(budget_problems(&outcome.diagnostics).is_empty(), "links under the base path are weighed");
}

#[test]
fn the_service_worker_carries_a_version_that_follows_the_content() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let first = sw_version(&site);
    assert_eq!(first.len(), 16, "{first}");
    assert!(first.chars().all(|c| c.is_ascii_hexdigit()), "{first}");
    let sw = site.page("sw.js");
    assert!(!sw.contains("__LOA_"), "every placeholder is filled in");
    assert!(
        sw.contains(concat!(
            "const SHELL = [\"/assets/embed-builder.js\",\"/assets/favicon.svg\",\"/assets/loa-404.js\",",
            "\"/assets/loa-live.js\",",
            "\"/assets/loa-offline.js\",\"/assets/loa-print.js\",\"/assets/loa-qr-png.js\",\"/assets/loa-search.js\",\"/assets/loa.css\""
        )),
        "{sw}"
    );
    assert_eq!(gunzip(&std::fs::read(site.out().join("sw.js.gz")).unwrap()), sw.as_bytes());

    site.build_ok();
    assert_eq!(sw_version(&site), first, "the same content, the same version");

    let guide = site.root().join("content/guides/huong-dan-tham-gia.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, text.replace("Gửi hồ sơ.", "Gửi hồ sơ trước ngày 30/6.")).unwrap();
    site.build_ok();
    assert_ne!(sw_version(&site), first, "changed content, a new version");
}

#[test]
fn campaign_pages_share_an_image_with_their_qr_code() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let page = site.page("phong-trao/hoi-thi-mau/index.html");
    let image_url = "https://thidua.example.gov.vn/phong-trao/hoi-thi-mau/chia-se.png";
    assert!(page.contains(&format!("<meta property=\"og:image\" content=\"{image_url}\">")), "{page}");
    assert!(page.contains("<meta property=\"og:image:width\" content=\"1200\">"));
    assert!(page.contains("<meta property=\"og:image:height\" content=\"630\">"));
    assert!(page.contains(
        "<meta property=\"og:image:alt\" content=\"Thẻ chia sẻ của Hội thi Sáng tạo kỹ thuật tỉnh Mẫu lần thứ 5"
    ));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"));
    // The title is og:title; the dates open og:description (the image has no text).
    assert!(page.contains("<meta property=\"og:description\" content=\"Từ tháng 6 năm 2024 đến tháng 12 năm 2025. Hội thi dành cho mọi người lao động trong tỉnh.\">"), "{page}");
    assert_eq!(page.matches("property=\"og:description\"").count(), 1);
    let png = std::fs::read(site.out().join("phong-trao/hoi-thi-mau/chia-se.png")).unwrap();
    let image = image::load_from_memory(&png).unwrap().to_luma8();
    assert_eq!(image.dimensions(), (1200, 630));
    let mut prepared =
        rqrr::PreparedImage::prepare_from_greyscale(image.width() as usize, image.height() as usize, |x, y| {
            image.get_pixel(x as u32, y as u32).0[0]
        });
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    assert_eq!(grids[0].decode().unwrap().1, "https://thidua.example.gov.vn/q/STKT5/");
    // Its guides and contacts, for the service worker to save with it.
    assert!(
        page.contains("data-offline-links=\"/huong-dan/huong-dan-tham-gia/ /lien-he/vu-van-a/ \""),
        "{}",
        page.lines().find(|l| l.contains("<article")).unwrap_or_default()
    );
}

#[test]
fn two_builds_are_byte_identical_including_the_gz_twins() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let mut again = BuildOptions::new(site.root());
    again.out = site.dir.path().join("public-2");
    let outcome = pipeline::build(&again);
    assert!(outcome.succeeded(), "{:?}", outcome.diagnostics);
    let first = snapshot(&site.out());
    assert!(first.iter().any(|(p, _)| p.to_string_lossy().ends_with(".html.gz")));
    assert!(first.iter().any(|(p, _)| p.to_string_lossy().ends_with("chia-se.png")));
    assert_eq!(first, snapshot(&again.out));
}
