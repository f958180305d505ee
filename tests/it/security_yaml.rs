//! YAML read strictly, the confidentiality gate, size limits and only regular files
//! (issue #17). Each test is an attack that got through before.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use loa::pipeline::{self, BuildOptions, Outcome};

use crate::support::{TestSite, assert_error, assert_in_proportion};

/// A directive of the minimal portal with `extra` front-matter lines after line 7.
fn directive(extra: &str) -> String {
    format!(
        "---\ntitle: Văn bản thử\ndoc_type: cong-van\nnumber: 7/CV-SKHCN\nissuer: so-khcn-mau\ndate: 2024-06-10\ncampaigns: [hoi-thi-mau]\n{extra}---\nNội dung.\n"
    )
}

/// Runs a build on its own thread: a build that hangs (on a FIFO) fails the test instead
/// of hanging the suite.
fn build_within(options: BuildOptions, seconds: u64) -> Outcome {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(pipeline::build(&options));
    });
    receiver.recv_timeout(Duration::from_secs(seconds)).expect("the build hung")
}

fn errors(outcome: &Outcome) -> Vec<String> {
    outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
}

fn warnings(outcome: &Outcome) -> Vec<String> {
    outcome.diagnostics.iter().filter(|d| !d.is_error()).map(|d| d.to_string()).collect()
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn a_classification_written_twice_is_an_error_at_the_second_key() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/directives/2024/mat-trung.md", &directive("confidentiality: Mật\nconfidentiality: none\n"));
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/directives/2024/mat-trung.md:9:1: error: the field `confidentiality` is written twice",
        "already set on line 8",
    );
    assert!(!site.out().join("van-ban/mat-trung").exists(), "the document was published");
}

#[test]
fn duplicate_keys_are_refused_at_any_depth() {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/directives/2024/ky-trung.md",
        &directive("signer:\n  name: Trần Văn C\n  position: Giám đốc\n  name: Lê Văn D\n"),
    );
    site.write(
        "content/directives/2024/han-trung.md",
        &directive("deadlines:\n  - date: 2024-07-01\n    what: Gửi hồ sơ\n    date: 2024-08-01\n"),
    );
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/directives/2024/ky-trung.md:11:3: error: the field `name` is written twice",
        "line 9",
    );
    assert_error(
        &errors,
        "content/directives/2024/han-trung.md:11:5: error: the field `date` is written twice",
        "line 9",
    );
}

#[test]
fn duplicate_keys_are_refused_in_site_yaml_i18n_and_the_short_link_registry() {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "site.yaml",
        "title: Cổng thử nghiệm\nbase_url: https://thidua.example.gov.vn/\norganization: so-khcn-mau\nbuild_date: 2024-07-01\nbase_url: https://ke-gian.example/\n",
    );
    assert_error(&site.build_errors(), "site.yaml:5:1: error: the field `base_url` is written twice", "line 2");

    let site = TestSite::from_fixture("minimal");
    site.write("i18n/vi.yaml", "search: Tìm\nmenu: Danh mục\nsearch: Tìm kiếm\n");
    assert_error(&site.build_errors(), "i18n/vi.yaml:3:1: error: the field `search` is written twice", "line 1");

    let site = TestSite::from_fixture("minimal");
    site.write("short-links.yaml", "STKT5:\n  page: campaign/hoi-thi-mau\nSTKT5:\n  page: guide/huong-dan-tham-gia\n");
    assert_error(&site.build_errors(), "short-links.yaml:3:1: error: the field `STKT5` is written twice", "line 1");
}

#[test]
fn an_empty_classification_or_circulation_asks_for_an_explicit_value() {
    let site = TestSite::from_fixture("minimal");
    let cases = [
        ("trong", "confidentiality:\n"),
        ("nga", "confidentiality: ~\n"),
        ("rong", "confidentiality: \"\"\n"),
        ("null", "confidentiality: null\n"),
        ("luu-hanh", "circulation:\n"),
    ];
    for (slug, line) in cases {
        site.write(&format!("content/directives/2024/{slug}.md"), &directive(line));
    }
    let errors = site.build_errors();
    for (slug, line) in cases {
        let key = line.split(':').next().unwrap();
        assert_error(
            &errors,
            &format!("content/directives/2024/{slug}.md:8:"),
            &format!("`{key}` is empty: this document must say explicitly whether it may be published"),
        );
        assert!(!site.out().join(format!("van-ban/{slug}")).exists());
    }
    assert!(errors.iter().any(|e| e.contains("write `confidentiality: none` (or `không`)")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("write `circulation: public` (or `công khai`)")), "{errors:?}");
}

#[test]
fn explicitly_public_values_still_publish() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/directives/2024/cong-khai.md", &directive("confidentiality: Không\ncirculation: công khai\n"));
    site.build_ok();
    assert!(site.out().join("van-ban/cong-khai/index.html").exists());
}

#[test]
fn classified_text_attachments_are_refused_like_pages() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/attachments/bao-cao-mat.md", "---\ntitle: Báo cáo\nconfidentiality: Mật\n---\nSố liệu.\n");
    site.write("content/directives/2024/cv-12-duk/noi-bo.txt", "---\ncirculation: nội bộ\n---\nGhi chú.\n");
    site.write("content/attachments/cong-khai.md", "---\ntitle: Mẫu\nconfidentiality: none\n---\nMẫu.\n");
    site.write(
        "content/directives/2024/dinh-kem.md",
        &directive("attachments:\n  - file: bao-cao-mat.md\n  - file: cong-khai.md\n"),
    );
    let index = site.root().join("content/directives/2024/cv-12-duk/index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    let text = text.replacen("attachments:\n", "attachments:\n  - file: noi-bo.txt\n", 1);
    assert!(text.contains("noi-bo.txt"), "the fixture lists attachments");
    std::fs::write(&index, text).unwrap();
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/attachments/bao-cao-mat.md:3:18: error: this attachment (attached by content/directives/2024/dinh-kem.md) is classified (Mật)",
        "never publishes",
    );
    assert_error(
        &errors,
        "content/directives/2024/cv-12-duk/noi-bo.txt:2:14: error: this attachment (attached by content/directives/2024/cv-12-duk/index.md) is for internal circulation",
        "",
    );
    assert!(!errors.iter().any(|e| e.contains("cong-khai.md")), "{errors:?}");
    assert!(!site.out().exists(), "nothing is published");
}

#[test]
fn a_long_front_matter_list_is_located_in_linear_time() {
    let site = TestSite::from_fixture("minimal");
    // 100,000 items in about 1.2 MB, under the default size limit.
    let items: String = (0..100_000).map(|i| format!("  - Số {i}\n")).collect();
    site.write("content/directives/2024/danh-sach.md", &directive(&format!("recipients:\n{items}")));
    let mut options = site.options();
    options.dry_run = true;
    let started = Instant::now();
    let outcome = build_within(options, 60);
    assert!(outcome.succeeded(), "{:?}", errors(&outcome));
    assert!(started.elapsed() < Duration::from_secs(60), "{:?}", started.elapsed());
}

#[test]
fn content_files_over_the_size_limit_are_refused_unread() {
    let site = TestSite::from_fixture("minimal");
    let body = "Đoạn văn bản.\n".repeat(120_000);
    site.write("content/guides/qua-lon.md", &format!("---\ntitle: Quá lớn\n---\n{body}"));
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/guides/qua-lon.md:1:1: error: the file is 2.4 MB (2400026 bytes), over the limit of 2.0 MB (2000000 bytes)",
        "limits: {max_file_bytes: …}",
    );
    site.write(
        "site.yaml",
        "title: Cổng thử nghiệm\nbase_url: https://thidua.example.gov.vn/\norganization: so-khcn-mau\nbuild_date: 2024-07-01\nlimits:\n  max_file_bytes: 3000000\n",
    );
    site.build_ok();
    site.write(
        "site.yaml",
        "title: Cổng thử nghiệm\nbase_url: https://thidua.example.gov.vn/\norganization: so-khcn-mau\nbuild_date: 2024-07-01\nlimits:\n  max_file_bytes: lớn\n",
    );
    assert_error(&site.build_errors(), "site.yaml:6:19: error: `lớn` is not a file-size limit", "whole number");
}

#[test]
fn an_oversized_site_yaml_is_refused() {
    let site = TestSite::from_fixture("minimal");
    let padding = "# chú thích\n".repeat(400_000);
    site.write(
        "site.yaml",
        &format!("title: Cổng thử nghiệm\nbase_url: https://thidua.example.gov.vn/\nbuild_date: 2024-07-01\n{padding}"),
    );
    assert_error(&site.build_errors(), "site.yaml:1:1: error: the file is", "over the limit of 4.0 MB");
}

#[test]
fn a_fifo_in_place_of_site_yaml_is_refused_without_hanging() {
    let site = TestSite::from_fixture("minimal");
    std::fs::remove_file(site.root().join("site.yaml")).unwrap();
    mkfifo(&site.root().join("site.yaml"));
    let outcome = build_within(site.options(), 20);
    assert_error(
        &errors(&outcome),
        "site.yaml:1:1: error: site.yaml is a FIFO (named pipe), not a regular file",
        "would hang the build",
    );
}

#[test]
fn a_fifo_content_file_is_refused_with_its_path() {
    let site = TestSite::from_fixture("minimal");
    mkfifo(&site.root().join("content/guides/ong.md"));
    mkfifo(&site.root().join("content/attachments/ong-dinh-kem.pdf"));
    let outcome = build_within(site.options(), 20);
    let errors = errors(&outcome);
    assert_error(&errors, "content/guides/ong.md:1:1: error: content/guides/ong.md is a FIFO (named pipe)", "");
    assert_error(
        &errors,
        "content/attachments/ong-dinh-kem.pdf:1:1: error: content/attachments/ong-dinh-kem.pdf is a FIFO",
        "",
    );
}

#[test]
fn unknown_folders_and_extensions_under_content_get_a_warning() {
    let site = TestSite::from_fixture("minimal");
    let guide = "---\ntitle: Hướng dẫn\n---\nNội dung.\n";
    site.write("content/guides/viet-hoa.MD", guide);
    site.write("content/guides/dai.markdown", guide);
    site.write("content/tin-tuc/bai-1.md", guide);
    site.write("content/contacts/to-chuc/a.md", guide);
    // Legitimately there: attachments, in content/attachments/ and in a page bundle.
    site.write("content/attachments/ghi-chu.md", "Ghi chú.\n");
    site.write("content/attachments/README.markdown", "Ghi chú.\n");
    site.write("content/campaigns/hoi-thi-mau/GHI-CHU.MD", "Ghi chú.\n");
    let warnings = warnings(&build_within(site.options(), 60));
    let has = |prefix: &str, text: &str| warnings.iter().any(|w| w.starts_with(prefix) && w.contains(text));
    assert!(
        has(
            "content/guides/viet-hoa.MD:1:1: warning: content/guides/viet-hoa.MD is not read",
            "rename it to viet-hoa.md"
        ),
        "{warnings:#?}"
    );
    assert!(has("content/guides/dai.markdown:1:1: warning:", "content files end in `.md`"), "{warnings:#?}");
    assert!(
        has("content/tin-tuc:1:1: warning: the folder content/tin-tuc/ is not a content folder", "content/campaigns/"),
        "{warnings:#?}"
    );
    assert!(
        has("content/contacts/to-chuc:1:1: warning: the folder content/contacts/to-chuc/", "contacts/people"),
        "{warnings:#?}"
    );
    for legitimate in ["ghi-chu.md", "README.markdown", "GHI-CHU.MD"] {
        assert!(!warnings.iter().any(|w| w.contains(legitimate)), "{legitimate}: {warnings:#?}");
    }
}

#[test]
fn a_fifo_or_an_oversized_short_link_registry_is_refused() {
    let site = TestSite::from_fixture("minimal");
    mkfifo(&site.root().join("short-links.yaml"));
    let outcome = build_within(site.options(), 20);
    assert_error(&errors(&outcome), "short-links.yaml:1:1: error: short-links.yaml is a FIFO (named pipe)", "");

    let site = TestSite::from_fixture("minimal");
    site.write("short-links.yaml", &"# chú thích\n".repeat(400_000));
    assert_error(&site.build_errors(), "short-links.yaml:1:1: error: the file is", "over the limit of 4.0 MB");
}

#[test]
fn deeply_nested_yaml_is_refused_quickly_at_the_level_over_the_limit() {
    // 36 KB of `{` after a key took 5.6 s in serde_yaml, and 18 KB of `[` 2.4 s.
    let site = TestSite::from_fixture("minimal");
    site.write("content/directives/2024/long-nhau.md", &directive(&format!("tags: {}\n", "{a: ".repeat(9_000))));
    site.write(
        "content/guides/mang-long.md",
        &format!("---\ntitle: Mảng lồng\nrelated: {}\n---\nx\n", "[".repeat(18_000)),
    );
    let mut options = site.options();
    options.dry_run = true;
    let started = Instant::now();
    let outcome = build_within(options, 60);
    let elapsed = started.elapsed();
    let errors = errors(&outcome);
    let limit = loa::yaml::MAX_YAML_DEPTH;
    assert_error(
        &errors,
        &format!(
            "content/directives/2024/long-nhau.md:8:{}: error: the YAML is nested more than {limit} levels deep",
            7 + 4 * (limit - 1)
        ),
        "flatten the lists and groups here",
    );
    assert_error(
        &errors,
        &format!(
            "content/guides/mang-long.md:3:{}: error: the YAML is nested more than {limit} levels deep",
            10 + limit - 1
        ),
        "flatten",
    );
    assert_in_proportion(elapsed, "minimal", "the build");
}
