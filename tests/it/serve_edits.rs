//! `loa serve` against `loa build` on a portal large enough that every list has several
//! pages: each kind of single-file edit is saved under a serve session, and the live folder
//! must then hold exactly the files a fresh build of the edited portal makes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use loa::serve::session::Session;

use crate::support::TestSite;

/// Directives in the generated portal: more than three pages of the portal-wide list (lists
/// have 50 items per page) and more than two of each year, type, issuer and tag list.
const DIRECTIVES: usize = 180;

const ISSUERS: [&str; 3] = ["so-khcn-mau", "ubnd-tinh-mau", "dang-uy-khoi-mau"];
const TYPES: [(&str, &str); 3] = [("cong-van", "CV"), ("ke-hoach", "KH"), ("thong-bao", "TB")];
const CAMPAIGNS: [&str; 3] = ["hoi-thi-mau", "thi-dua-nong-thon-moi", "thi-dua-chuyen-doi-so"];

/// The relative path of generated directive `n`.
fn directive_path(n: usize) -> String {
    let year = if n.is_multiple_of(2) { 2023 } else { 2024 };
    format!("content/directives/{year}/vb-{n:03}.md")
}

/// The text of generated directive `n`: dates, types, issuers, campaigns and tags are spread
/// so that neighbours in one list are far apart in another.
fn directive_text(n: usize) -> String {
    let year = if n.is_multiple_of(2) { 2023 } else { 2024 };
    // Several directives share a date (the slug breaks the tie in every list).
    let (month, day) = (1 + (n * 7) % 12, 1 + (n * 11) % 28);
    let (doc_type, abbr) = TYPES[n % 3];
    let issuer = ISSUERS[(n / 3) % 3];
    let campaign = CAMPAIGNS[(n / 2) % 3];
    let tags = match n % 4 {
        0 => "[thi đua, khen thưởng]",
        1 => "[thi đua]",
        2 => "[thi đua, chuyển đổi số]",
        _ => "[khen thưởng]",
    };
    let mut text = format!(
        "---\ntitle: Văn bản thử số {n} về thi đua\ndoc_type: {doc_type}\nnumber: {n}/{abbr}-TEST\n\
         issuer: {issuer}\nplace: Tỉnh Mẫu\ndate: {year}-{month:02}-{day:02}\ncampaigns: [{campaign}]\n\
         tags: {tags}\n"
    );
    if n.is_multiple_of(4) {
        text.push_str(&format!("deadlines:\n  - date: {}-12-{:02}\n    what: Gửi báo cáo số {n}\n", year, 1 + n % 28));
    }
    if n.is_multiple_of(10) {
        text.push_str("attachments:\n  - file: mau-phieu.pdf\n    title: Mẫu phiếu đăng ký\n");
    }
    text.push_str(&format!("---\nNội dung văn bản thử số {n}.\n"));
    text
}

fn campaign_text(title: &str, start: &str) -> String {
    format!(
        "---\ntitle: {title}\nkind: thi-dua-theo-dot\norganizer: ubnd-tinh-mau\nstart: {start}\nend: 2025-12\n\
         summary: Phong trào thử.\ntags: [thi đua]\n---\nPhong trào thử.\n"
    )
}

/// The `minimal` fixture with two more campaigns and [`DIRECTIVES`] small directives.
fn generated_portal() -> TestSite {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/campaigns/thi-dua-nong-thon-moi/index.md",
        &campaign_text("Thi đua xây dựng nông thôn mới", "2023-01"),
    );
    site.write("content/campaigns/thi-dua-chuyen-doi-so/index.md", &campaign_text("Thi đua chuyển đổi số", "2023-03"));
    for n in 0..DIRECTIVES {
        site.write(&directive_path(n), &directive_text(n));
    }
    site
}

/// The files of `dir` that `loa serve` and `loa build` both write: build alone adds `.gz`
/// twins. The service worker is compared: serve writes it again after every edit, its
/// version from every file of the live folder, as build's from every file it wrote.
fn comparable_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::support::snapshot(dir)
        .into_iter()
        .map(|(path, bytes)| (path.to_string_lossy().replace('\\', "/"), bytes))
        .filter(|(path, _)| {
            !path.ends_with(".gz") && path != loa::output::MANIFEST && path != loa::output::manifest::FILE
        })
        .collect()
}

/// The first line where two versions of a file differ, for the failure message.
fn first_difference(built: &[u8], served: &[u8]) -> String {
    let (built, served) = (String::from_utf8_lossy(built), String::from_utf8_lossy(served));
    let mut served_lines = served.lines();
    for (number, line) in built.lines().enumerate() {
        let other = served_lines.next().unwrap_or("<end of file>");
        if line != other {
            let cut = |s: &str| s.chars().take(300).collect::<String>();
            return format!("line {}:\n      build: {}\n      serve: {}", number + 1, cut(line), cut(other));
        }
    }
    "serve's file is longer".into()
}

/// Asserts the live folder holds exactly the files a fresh build of the portal makes,
/// naming the differing files (the first with its first differing line).
fn assert_same_as_a_build(site: &TestSite, session: &Session, served: &Path, step: &str) {
    session.wait_for_search();
    site.build_ok();
    let built = comparable_files(&site.out());
    let empty = empty_folders(served);
    assert!(empty.is_empty(), "after {step}, serve left folders a build never makes: {empty:?}");
    let served = comparable_files(served);
    let differing: Vec<&String> =
        built.iter().filter(|(path, bytes)| served.get(*path).is_some_and(|s| s != *bytes)).map(|(p, _)| p).collect();
    let missing: Vec<&String> = built.keys().filter(|path| !served.contains_key(*path)).collect();
    let extra: Vec<&String> = served.keys().filter(|path| !built.contains_key(*path)).collect();
    if differing.is_empty() && missing.is_empty() && extra.is_empty() {
        return;
    }
    let mut report = format!("after {step}, the live folder differs from a build of the edited portal:\n");
    report.push_str(&format!("  {} files differ: {:?}\n", differing.len(), &differing[..differing.len().min(12)]));
    for path in differing.iter().take(3) {
        report.push_str(&format!("    {path}: {}\n", first_difference(&built[*path], &served[*path])));
    }
    report.push_str(&format!("  {} built, not served: {:?}\n", missing.len(), &missing[..missing.len().min(12)]));
    report.push_str(&format!("  {} served, not built: {:?}\n", extra.len(), &extra[..extra.len().min(12)]));
    panic!("{report}");
}

/// The empty folders under `dir`: a build makes none, and serve removes those an edit empties.
fn empty_folders(dir: &Path) -> Vec<PathBuf> {
    let mut empty = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let entries: Vec<PathBuf> = std::fs::read_dir(&folder).unwrap().map(|e| e.unwrap().path()).collect();
        if entries.is_empty() {
            empty.push(folder.clone());
        }
        pending.extend(entries.into_iter().filter(|p| p.is_dir()));
    }
    empty
}

/// The directive most edits change: in the middle of every list it sits on.
const EDITED: usize = 91;

/// Serves the generated portal, applies `edit` to it (it returns the files it touched),
/// tells the session, and compares the live folder with a build of the edited portal.
fn serve_then_build(step: &str, edit: impl FnOnce(&TestSite) -> Vec<PathBuf>) -> loa::serve::session::Rebuild {
    let site = generated_portal();
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    let first = session.full();
    assert!(first.succeeded(), "{:?}", first.diagnostics);
    let touched = edit(&site);
    let rebuild = session.changed(&touched);
    assert!(rebuild.succeeded(), "{step}: {:?}", rebuild.diagnostics);
    assert_same_as_a_build(&site, &session, &served, step);
    rebuild
}

/// The generated directive with the latest date (the lowest number among equals, as the
/// slug breaks ties).
fn newest() -> usize {
    let date = |n: usize| directive_text(n).lines().find_map(|l| l.strip_prefix("date: ").map(str::to_owned));
    (0..DIRECTIVES).max_by(|&a, &b| date(a).cmp(&date(b)).then(b.cmp(&a))).unwrap()
}

/// Rewrites generated directive `n` through `edit`; returns its path.
fn rewrite(site: &TestSite, n: usize, edit: impl FnOnce(String) -> String) -> Vec<PathBuf> {
    let path = site.root().join(directive_path(n));
    let before = std::fs::read_to_string(&path).unwrap();
    let after = edit(before.clone());
    assert_ne!(before, after, "the edit changes the file");
    std::fs::write(&path, after).unwrap();
    vec![path]
}

/// Replaces the front-matter line starting with `key: ` in directive `n` by `line`.
fn set_field(site: &TestSite, n: usize, key: &str, line: &str) -> Vec<PathBuf> {
    rewrite(site, n, |text| {
        let prefix = format!("{key}: ");
        text.lines()
            .map(|l| if l.starts_with(&prefix) { line.to_owned() } else { l.to_owned() })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    })
}

#[test]
fn the_generated_portal_serves_as_it_builds() {
    let site = generated_portal();
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    assert_same_as_a_build(&site, &session, &served, "the first build");
    let built = comparable_files(&site.out());
    // The list of all directives is its first page; its later pages are the year lists'.
    for list in ["van-ban/", "van-ban/nam/2023/trang/2/", "van-ban/loai/cong-van/trang/2/", "the/thi-dua/trang/3/"] {
        assert!(built.contains_key(&format!("{list}index.html")), "{list} exists: every list has several pages");
    }
}

#[test]
fn serve_equals_build_after_a_body_edit() {
    serve_then_build("a body edit", |site| rewrite(site, EDITED, |t| t + "\nMột đoạn mới.\n"));
}

#[test]
fn serve_equals_build_after_a_title_edit() {
    serve_then_build("a title edit", |site| set_field(site, EDITED, "title", "title: Văn bản thử đã đổi tên"));
}

#[test]
fn serve_equals_build_after_a_tag_edit() {
    // Leaves `khen thưởng` (every page after its place moves up one), joins `thi đua` (every
    // page after its new place moves down one) and makes a new tag.
    serve_then_build("a tag edit", |site| set_field(site, EDITED, "tags", "tags: [thi đua, tag mới]"));
}

#[test]
fn serve_equals_build_after_a_date_edit() {
    // From 2024 to 2023: another year list, another place in every list.
    serve_then_build("a date edit", |site| set_field(site, EDITED, "date", "date: 2023-02-14"));
}

#[test]
fn serve_equals_build_after_a_campaign_edit() {
    serve_then_build("a campaign edit", |site| {
        set_field(site, EDITED, "campaigns", "campaigns: [hoi-thi-mau, thi-dua-chuyen-doi-so]")
    });
}

#[test]
fn serve_equals_build_after_an_issuer_edit() {
    serve_then_build("an issuer edit", |site| set_field(site, EDITED, "issuer", "issuer: dang-uy-khoi-mau"));
}

#[test]
fn serve_equals_build_after_a_type_edit() {
    serve_then_build("a type edit", |site| set_field(site, EDITED, "doc_type", "doc_type: quyet-dinh"));
}

#[test]
fn serve_equals_build_after_a_deadline_edit() {
    serve_then_build("a deadline edit", |site| {
        rewrite(site, EDITED, |t| {
            t.replacen("tags: ", "deadlines:\n  - date: 2024-09-30\n    what: Nộp hồ sơ dự thi\ntags: ", 1)
        })
    });
}

#[test]
fn serve_equals_build_after_a_number_edit() {
    serve_then_build("a number edit", |site| set_field(site, EDITED, "number", "number: 999/KH-TEST"));
}

#[test]
fn serve_equals_build_after_an_attachment_edit() {
    serve_then_build("an attachment edit", |site| {
        rewrite(site, EDITED, |t| {
            t.replacen("tags: ", "attachments:\n  - file: mau-phieu.pdf\n    title: Phiếu\ntags: ", 1)
        })
    });
}

#[test]
fn serve_equals_build_after_a_deletion() {
    let rebuild = serve_then_build("a deletion", |site| {
        let path = site.root().join(directive_path(EDITED));
        std::fs::remove_file(&path).unwrap();
        vec![path]
    });
    assert!(!rebuild.full, "a deleted page is planned, not rendered in full");
    // Its page is removed first, before the pages that showed it are written.
    assert_eq!(rebuild.removed.first().map(String::as_str), Some("van-ban/vb-091/index.html"), "{:?}", rebuild.removed);
    assert!(rebuild.edited_time.is_some(), "the page gone is the edit's first result");
    // `serve_then_build` found no empty folder: the page's own folder went with its files.
}

#[test]
fn serve_equals_build_after_a_new_file() {
    let rebuild = serve_then_build("a new file", |site| {
        let path = site.root().join("content/directives/2024/vb-moi.md");
        std::fs::write(&path, directive_text(DIRECTIVES + 1).replace("TEST", "MOI")).unwrap();
        vec![path]
    });
    assert!(!rebuild.full, "a new page is planned, not rendered in full");
    assert!(rebuild.edited_time.is_some(), "the new page is written first");
}

/// An edit of the portal that returns the files it touched.
type Edit = Box<dyn Fn(&TestSite) -> Vec<PathBuf>>;

#[test]
fn serve_equals_build_after_successive_edits_that_keep_search_documents() {
    // Each structural edit keeps the search documents of the directives it left as they
    // were: a body edit first (its document replaced in place), then structural edits, one
    // of which replaces another directive (whose status, shown in its document and lists,
    // changes), and a new file, each compared with a build. (Each comparison's build records
    // the published pages, so a deletion after it would be refused: it has its own test.)
    let site = generated_portal();
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    let steps: Vec<(&str, Edit)> = vec![
        ("a body edit", Box::new(|site| rewrite(site, 40, |t| t + "\nMột đoạn mới về thi đua.\n"))),
        ("a tag edit", Box::new(|site| set_field(site, EDITED, "tags", "tags: [chuyển đổi số]"))),
        ("a date edit", Box::new(|site| set_field(site, 40, "date", "date: 2022-02-02"))),
        ("a replacement", Box::new(|site| rewrite(site, 20, |t| t.replacen("tags:", "replaces: vb-120\ntags:", 1)))),
        ("a body edit after it", Box::new(|site| rewrite(site, 120, |t| t + "\nĐã được thay thế.\n"))),
        (
            "a new file",
            Box::new(|site| {
                let path = site.root().join("content/directives/2024/vb-moi.md");
                std::fs::write(&path, directive_text(DIRECTIVES + 1).replace("TEST", "MOI")).unwrap();
                vec![path]
            }),
        ),
    ];
    for (step, edit) in steps {
        let touched = edit(&site);
        let rebuild = session.changed(&touched);
        assert!(rebuild.succeeded(), "{step}: {:?}", rebuild.diagnostics);
        assert_same_as_a_build(&site, &session, &served, step);
    }
}

#[test]
fn serve_equals_build_after_an_edit_of_the_newest_directive() {
    // The newest directive heads every list, the home page and the feeds.
    serve_then_build("an edit of the newest directive", |site| set_field(site, newest(), "date", "date: 2022-05-05"));
}

#[test]
fn serve_equals_build_after_a_list_appears_and_goes_away() {
    let site = generated_portal();
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    // 90 directives tagged `khen thưởng`: two pages, the second of 40.
    let original = std::fs::read_to_string(site.root().join(directive_path(EDITED))).unwrap();
    for (step, tags) in [("a new tag", "tags: [tag mới]"), ("its only directive leaving it", "tags: [khen thưởng]")]
    {
        let rebuild = session.changed(&set_field(&site, EDITED, "tags", tags));
        assert!(rebuild.succeeded() && !rebuild.full, "{step}: {:?}", rebuild.diagnostics);
        assert_same_as_a_build(&site, &session, &served, step);
    }
    assert_eq!(std::fs::read_to_string(site.root().join(directive_path(EDITED))).unwrap(), original);
}

#[test]
fn serve_equals_build_after_a_new_file_cites_a_file_no_page_cited() {
    let rebuild = serve_then_build("a new file citing a new attachment", |site| {
        site.write("content/attachments/phu-luc-moi.pdf", "%PDF-1.4 phụ lục mới");
        let path = site.root().join("content/directives/2023/vb-moi.md");
        let text = directive_text(DIRECTIVES + 2).replace("TEST", "MOI").replacen(
            "tags: ",
            "attachments:\n  - file: phu-luc-moi.pdf\n    title: Phụ lục mới\ntags: ",
            1,
        );
        std::fs::write(&path, text).unwrap();
        vec![path]
    });
    assert!(!rebuild.full, "planned, not rendered in full");
}

#[test]
fn serve_equals_build_after_the_only_page_citing_a_file_is_deleted() {
    let site = generated_portal();
    site.write("content/attachments/chi-mot.pdf", "%PDF-1.4 chỉ một trang dẫn");
    let path = site.root().join(directive_path(EDITED));
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("tags: ", "attachments:\n  - file: chi-mot.pdf\n    title: Chỉ một\ntags: ", 1),
    )
    .unwrap();
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    std::fs::remove_file(&path).unwrap();
    let rebuild = session.changed(&[path]);
    assert!(rebuild.succeeded() && !rebuild.full, "{:?}", rebuild.diagnostics);
    assert_same_as_a_build(&site, &session, &served, "the deletion of the only page citing a file");
}

/// A national portal under `loa serve` shows its members as `loa build` does: the national
/// pages, the calendar and the members' documents in the search index.
#[test]
fn a_national_portal_serves_its_members_as_it_builds() {
    let member = TestSite::from_fixture("minimal");
    member.build_ok();
    let site = TestSite::from_fixture("minimal");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let base_url = member.out().display().to_string();
    site.write("site.yaml", &format!("{yaml}federation:\n  - name: Tỉnh Mẫu\n    base_url: {base_url}\n"));
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    for page in ["toan-quoc/index.html", "toan-quoc/han/index.html", "toan-quoc/lich.ics"] {
        assert!(served.join(page).is_file(), "serve wrote {page}");
    }
    let sitemap = std::fs::read_to_string(served.join("sitemap.xml")).unwrap();
    for page in ["toan-quoc/", "toan-quoc/han/"] {
        assert!(sitemap.contains(&format!("<loc>https://thidua.example.gov.vn/{page}</loc>")), "{page} in the sitemap");
    }
    assert_same_as_a_build(&site, &session, &served, "the first build of a national portal");
}

#[test]
fn serve_equals_build_after_a_campaign_retitle_on_a_portal_with_the_editor() {
    // The editor's config lists the campaigns by title: serve must write it again.
    let site = generated_portal();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}cms:\n  backend: gitlab\n  repo: so-khcn/cong-thi-dua\n"));
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    let path = "content/campaigns/thi-dua-chuyen-doi-so/index.md";
    site.write(path, &campaign_text("Thi đua chuyển đổi số năm 2025", "2023-03"));
    let rebuild = session.changed(&[site.root().join(path)]);
    assert!(rebuild.succeeded(), "{:?}", rebuild.diagnostics);
    let config = std::fs::read_to_string(served.join("admin/config.yml")).unwrap();
    assert!(config.contains("Thi đua chuyển đổi số năm 2025"), "the editor's campaign choices follow the edit");
    assert_same_as_a_build(&site, &session, &served, "a campaign retitle with the editor");
}

#[test]
fn serve_equals_build_after_an_attachment_is_removed() {
    // Directive 90 cites the shared form; others cite it before and after it.
    serve_then_build("an attachment removed", |site| {
        rewrite(site, 90, |t| {
            t.replacen("attachments:\n  - file: mau-phieu.pdf\n    title: Mẫu phiếu đăng ký\n", "", 1)
        })
    });
}

#[test]
fn serve_equals_build_after_a_second_file_is_attached() {
    serve_then_build("a second file attached", |site| {
        rewrite(site, 90, |t| {
            t.replacen(
                "attachments:\n",
                "attachments:\n  - file: mau-phieu.pdf\n    title: Mẫu phiếu (bản hai)\n    number: 2/MP\n",
                1,
            )
        })
    });
}

#[test]
fn serve_equals_build_after_a_shared_attachments_title_is_edited() {
    let site = generated_portal();
    // The page that cites the shared form first in the model's order: the form takes its
    // own title and number from it.
    let options = loa::content::LoadOptions { drafts: false, base_url: None };
    let hashes = loa::content::attachments::FileHashes::default();
    let model = loa::content::load_site(&site.root(), &options, &hashes).0.unwrap();
    let form = model.links.attachment_by_slug["mau-phieu"];
    let first = match model.links.users_of_attachment[form][0] {
        loa::content::site::AttachmentUser::Directive(i) => model.directives[i].source.path.clone(),
        other => panic!("a directive cites the form first: {other:?}"),
    };
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    let path = site.root().join(&first);
    let text = std::fs::read_to_string(&path).unwrap();
    let (from, to) = ("    title: Mẫu phiếu đăng ký\n", "    title: Mẫu phiếu (sửa)\n    number: 7/MP\n");
    assert!(text.contains(from), "{text}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    let rebuild = session.changed(&[path]);
    assert!(rebuild.succeeded(), "{:?}", rebuild.diagnostics);
    assert!(rebuild.written.iter().any(|p| p.starts_with("tep/mau-phieu/")), "{:?}", rebuild.written);
    assert_same_as_a_build(&site, &session, &served, "a shared attachment's title edited");
}

/// Serves the generated portal after a build has written its record of published pages.
fn serve_published() -> (TestSite, PathBuf, Session) {
    let site = generated_portal();
    site.build_ok();
    assert!(site.root().join("published-pages.yaml").exists(), "the build records its pages");
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    (site, served, session)
}

/// Makes the record's line of directive `n` a redirect to the directive list, as staff
/// delete a published page; returns the record's path.
fn retire(site: &TestSite, n: usize) -> PathBuf {
    let record = site.root().join("published-pages.yaml");
    let text = std::fs::read_to_string(&record).unwrap();
    let line = format!("/van-ban/vb-{n:03}/: directive\n");
    assert!(text.contains(&line), "the record lists the page: {text}");
    std::fs::write(&record, text.replace(&line, &format!("/van-ban/vb-{n:03}/: {{redirect: /van-ban/}}\n"))).unwrap();
    record
}

#[test]
fn serve_equals_build_after_a_published_page_is_deleted_in_two_steps() {
    let (site, served, mut session) = serve_published();
    let record = retire(&site, EDITED);
    let rebuild = session.changed(std::slice::from_ref(&record));
    assert!(rebuild.succeeded() && !rebuild.full, "the record's edit is planned: {:?}", rebuild.diagnostics);
    assert_same_as_a_build(&site, &session, &served, "the record line made a redirect");
    // The build above wrote the record again, its line back to a live page's: the line as
    // staff wrote it before they remove the file (serve itself never writes the record).
    let record = retire(&site, EDITED);
    let path = site.root().join(directive_path(EDITED));
    std::fs::remove_file(&path).unwrap();
    let rebuild = session.changed(&[path, record]);
    assert!(rebuild.succeeded() && !rebuild.full, "{:?}", rebuild.diagnostics);
    assert!(
        rebuild.written.iter().any(|p| p == "van-ban/vb-091/index.html"),
        "the redirect page: {:?}",
        rebuild.written
    );
    assert_same_as_a_build(&site, &session, &served, "the published page deleted");
}

#[test]
fn serve_equals_build_after_a_published_page_is_deleted_in_one_save() {
    let (site, served, mut session) = serve_published();
    let record = retire(&site, EDITED);
    let path = site.root().join(directive_path(EDITED));
    std::fs::remove_file(&path).unwrap();
    let rebuild = session.changed(&[path.clone(), record.clone()]);
    assert!(rebuild.succeeded() && !rebuild.full, "{:?}", rebuild.diagnostics);
    // The redirect page at the deleted address is the first file written, before
    // `_redirects`, nginx and the sitemap.
    assert_eq!(rebuild.written.first().map(String::as_str), Some("van-ban/vb-091/index.html"), "{:?}", rebuild.written);
    assert!(rebuild.written.iter().any(|p| p == "_redirects"), "{:?}", rebuild.written);
    assert_same_as_a_build(&site, &session, &served, "the record line and the page in one save");
    // Put back, as `benches/incremental.py` does after each save.
    site.write(&directive_path(EDITED), &directive_text(EDITED));
    let rebuild = session.changed(&[path, record]);
    assert!(rebuild.succeeded() && !rebuild.full, "{:?}", rebuild.diagnostics);
    assert_same_as_a_build(&site, &session, &served, "the page back");
}

#[test]
fn a_published_page_deleted_without_its_redirect_fails_as_a_build_does() {
    let (site, _served, mut session) = serve_published();
    let path = site.root().join(directive_path(EDITED));
    std::fs::remove_file(&path).unwrap();
    let rebuild = session.changed(&[path]);
    let gone = rebuild.diagnostics.iter().find(|d| d.is_error()).map(|d| d.to_string()).unwrap_or_default();
    assert!(gone.contains("published-pages.yaml") && gone.contains("vb-091"), "{:?}", rebuild.diagnostics);
}
