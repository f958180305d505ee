//! Issue 17, stored script through Markdown bodies: a body (written by staff or imported from
//! a Word dispatch) cannot put a script, an event handler, a heading style or a
//! `javascript:`/`data:` URL on a page, and cannot nest deep enough to exhaust the build.

use std::io::Write;
use std::path::{Path, PathBuf};

use loa::import::ImportOptions;
use loa::pipeline::{self, BuildOptions};

use super::support::{TestSite, assert_error, copy_dir};

/// The minimal portal with one guide whose body is `body`; returns the built guide page and
/// the build's warnings as printed.
fn guide_page(body: &str) -> (String, Vec<String>) {
    let site = TestSite::from_fixture("minimal");
    site.write("content/guides/tan-cong.md", &format!("---\ntitle: Hướng dẫn thử\n---\n{body}"));
    let warnings = site.build_ok().iter().map(|d| d.to_string()).collect();
    (site.page("huong-dan/tan-cong/index.html"), warnings)
}

/// What no page may carry from content, checked in its tags (text shows `<` as `&lt;`, so
/// every `<` starts a tag): no inline script (the theme's scripts have a `src` or are JSON-LD),
/// no event handler, no `autofocus`, no style from a heading, no script URL.
fn assert_inert(html: &str) {
    for tag in html.split('<').skip(1).map(|rest| rest.split('>').next().unwrap_or(rest).to_lowercase()) {
        let inline_script =
            tag == "script" || (tag.starts_with("script ") && !tag.contains(" src=") && !tag.contains("ld+json"));
        let handler = tag.split_whitespace().skip(1).any(|attr| attr.starts_with("on") && attr.contains('='));
        let bad_attribute = ["autofocus", "style=\"position", "=\"javascript:", "=\"vbscript:", "=\"data:"]
            .iter()
            .any(|bad| tag.contains(bad));
        assert!(!inline_script && !handler && !bad_attribute, "<{tag}> reached the page:\n{html}");
    }
}

#[test]
fn a_forged_placeholder_is_shown_as_text() {
    let (html, _) = guide_page("Trước\n\n<!--loa:x--><script>alert(1)</script>-->\n\nSau\n");
    assert_inert(&html);
    assert!(html.contains("&lt;!--loa:x--&gt;&lt;script&gt;alert(1)&lt;/script&gt;--&gt;"), "{html}");
}

#[test]
fn a_forged_placeholder_of_a_real_block_number_is_shown_as_text() {
    let body = "<!--loa:leaf:0--><script>alert(1)</script>-->\n\n<!--loa:leaf:0-->\n\n::deadline{date=2025-01-01 what=\"Nộp\"}\n";
    let (html, _) = guide_page(body);
    assert_inert(&html);
    assert!(html.contains("&lt;!--loa:leaf:0--&gt;"), "{html}");
}

#[test]
fn heading_attributes_other_than_id_and_class_are_dropped_with_a_warning() {
    let body = "## Hạn nộp {#h autofocus onfocus=alert(1)}\n\n## Che trang {.ghi-chu style=position:fixed;inset:0}\n";
    let (html, warnings) = guide_page(body);
    assert_inert(&html);
    assert!(html.contains("<h2 id=\"h\">Hạn nộp</h2>"), "{html}");
    assert!(html.contains("<h2 id=\"che-trang\" class=\"ghi-chu\">Che trang</h2>"), "{html}");
    let prefix = "content/guides/tan-cong.md:4:12: warning: the heading attribute `onfocus` is ignored";
    assert!(warnings.iter().any(|w| w.starts_with(prefix)), "{warnings:#?}");
    assert!(warnings.iter().any(|w| w.contains("`style` is ignored")), "{warnings:#?}");
}

#[test]
fn links_references_autolinks_and_images_keep_only_safe_urls() {
    let body = "[Xem](javascript:alert(1)) [Tham chiếu][r] <javascript:alert(3)> [B](JaVaScRiPt:alert(4))\n\n\
                ![Ảnh](data:text/html;base64,PHNjcmlwdD4=) [Tệp](data:text/html,<script>alert(5)</script>) \
                [V](vbscript:msgbox) [Thư](mailto:vp@thanhhoa.gov.vn) [Gọi](tel:02373852246) [Trang](/huong-dan/)\n\n\
                [r]: javascript:alert(2)\n";
    let (html, _) = guide_page(body);
    assert_inert(&html);
    assert!(!html.to_lowercase().contains("=\"javascript:"), "{html}");
    assert!(html.contains("<a>Xem</a>") && html.contains("<a>Tham chiếu</a>"), "the text stays: {html}");
    assert!(html.contains("<img alt=\"Ảnh\">"), "{html}");
    for kept in ["mailto:vp@thanhhoa.gov.vn", "tel:02373852246", "/huong-dan/"] {
        assert!(html.contains(&format!("href=\"{kept}\"")), "{kept}: {html}");
    }
}

#[test]
fn a_blocks_attribute_is_escaped_by_the_template() {
    let (html, _) = guide_page("::deadline{date=2025-01-01 what=\"<img src=x onerror=alert(1)>\"}\n");
    assert_inert(&html);
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "{html}");
}

#[test]
fn a_body_nested_too_deep_is_an_error_at_its_line() {
    for (body, col) in [
        (format!("Mở đầu\n\n{}\n", ">".repeat(200_000)), 33),
        (format!("Mở đầu\n\n{}x\n", "- ".repeat(200_000)), 65),
        (format!("Mở đầu\n\n{}x{}\n", "*a ".repeat(50_000), " a*".repeat(50_000)), 97),
    ] {
        let site = TestSite::from_fixture("minimal");
        site.write("content/guides/tan-cong.md", &format!("---\ntitle: Hướng dẫn thử\n---\n{body}"));
        let errors = site.build_errors();
        let prefix = format!("content/guides/tan-cong.md:6:{col}: error:");
        assert_error(&errors, &prefix, "levels deep");
        assert!(errors.iter().any(|e| e.contains("hint:")), "{errors:?}");
    }
}

// ---- The same attacks in a Word dispatch ----------------------------------------------

const ATTACKS: &[&str] = &[
    "<!--loa:x--><script>alert(1)</script>-->",
    "## Hạn nộp {#h autofocus onfocus=alert(1)}",
    "## Che trang {style=position:fixed;inset:0}",
    "Xem [kế hoạch](javascript:alert(1)) và <javascript:alert(2)>.",
    "![Ảnh](data:text/html;base64,PHNjcmlwdD4=) [Tệp](data:text/html,alert)",
    "<img src=x onerror=alert(1)>",
];

#[test]
fn attacks_in_an_imported_word_dispatch_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = sample_portal(dir.path());
    let docx = dir.path().join("cong-van.docx");
    std::fs::write(&docx, word_file(&dispatch_with_attacks())).unwrap();
    assert_eq!(loa::cli::import(&ImportOptions::new(&root, vec![docx])), 0, "the import succeeds");

    let mut options = BuildOptions::new(&root);
    options.out = dir.path().join("public");
    options.drafts = true;
    let outcome = pipeline::build(&options);
    let errors: Vec<String> = outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");

    let pages = html_files(&options.out);
    let imported: Vec<&(PathBuf, String)> = pages.iter().filter(|(_, html)| html.contains("Che trang")).collect();
    assert!(!imported.is_empty(), "the imported directive is on the portal");
    for (path, html) in &pages {
        assert_inert(html);
        assert!(!html.contains("<script>alert"), "{}", path.display());
    }
    assert!(imported.iter().any(|(_, html)| html.contains("&lt;script&gt;alert(1)")), "shown as text");
}

/// A copy of the repository's sample portal, whose organizations the seed dispatch names.
fn sample_portal(dir: &Path) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = dir.join("site");
    copy_dir(&repo.join("content"), &root.join("content"));
    for file in ["site.yaml", "short-links.yaml"] {
        std::fs::copy(repo.join(file), root.join(file)).unwrap();
    }
    root
}

/// The Party dispatch of the import seeds with the attacks as paragraphs of its body.
fn dispatch_with_attacks() -> Vec<String> {
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/000_5da598729f3be19b.txt");
    let text = std::fs::read_to_string(seed).unwrap();
    let mut paragraphs: Vec<String> = Vec::new();
    for line in text.lines() {
        if line.starts_with("Nơi nhận") {
            paragraphs.extend(ATTACKS.iter().map(|a| a.to_string()));
        }
        paragraphs.push(line.to_owned());
    }
    paragraphs
}

fn word_file(paragraphs: &[String]) -> Vec<u8> {
    let escape = |t: &str| t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    let body: String = paragraphs
        .iter()
        .map(|p| format!(r#"<w:p><w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#, escape(p)))
        .collect();
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in
        [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS), ("word/document.xml", document.as_str())]
    {
        zip.start_file(name, options).unwrap();
        zip.write_all(bytes.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn html_files(out: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| (e.path().to_path_buf(), std::fs::read_to_string(e.path()).unwrap()))
        .collect()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
