//! `loa import`: the three real dispatches in `tests/fixtures/import/` (copies of the seeds)
//! become directives with every field read, a Word file of one of them reads the same,
//! the results pass the build, and broken input is refused with nothing written.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use loa::date::PartialDate;
use loa::import::{self, Draft, ImportOptions, Imported, matching::Portal};
use loa::pipeline::{self, BuildOptions};

use super::support::{copy_dir, fixture};

const PARTY: &str = "000_5da598729f3be19b.txt";
const THAI_NGUYEN: &str = "002_a0f01d78cc4a4145.txt";
const HUNG_YEN: &str = "004_94fb45b8ea1aa45b.txt";

/// A copy of the sample portal at the repository root. Its own hand-made directives of the
/// three seeds stay: the imports get other slugs.
struct Sample {
    dir: tempfile::TempDir,
}

impl Sample {
    fn new() -> Sample {
        let dir = tempfile::tempdir().unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = dir.path().join("site");
        copy_dir(&repo.join("content"), &root.join("content"));
        std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
        std::fs::copy(repo.join("short-links.yaml"), root.join("short-links.yaml")).unwrap();
        Sample { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    fn options(&self, files: &[PathBuf]) -> ImportOptions {
        ImportOptions::new(self.root(), files.to_vec())
    }

    fn portal(&self) -> Portal {
        Portal::load(&self.root()).unwrap()
    }

    fn import(&self, file: &Path) -> Imported {
        let options = self.options(&[file.to_path_buf()]);
        import::import_file(file, &self.portal(), &options, &HashSet::new()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn build_errors(&self, drafts: bool) -> Vec<String> {
        let mut options = BuildOptions::new(self.root());
        options.out = self.dir.path().join("public");
        options.drafts = drafts;
        let outcome = pipeline::build(&options);
        outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
    }

    /// Every file under content/, for checking that nothing was written.
    fn files(&self) -> Vec<PathBuf> {
        walkdir::WalkDir::new(self.root().join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect()
    }
}

fn seed(name: &str) -> PathBuf {
    fixture("import").join(name)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// (number, date, issuer, title) of each reference.
/// (number, date, issuer, title) of each reference.
type ReferenceFields = (String, Option<String>, Option<String>, Option<String>);

fn references(draft: &Draft) -> Vec<ReferenceFields> {
    draft
        .references
        .iter()
        .map(|r| (r.number.clone().unwrap(), r.date.map(|d| d.to_string()), r.issuer.clone(), r.title.clone()))
        .collect()
}

/// (file, title, number) of each attachment.
fn attachments(draft: &Draft) -> Vec<(String, String, Option<String>)> {
    draft.attachments.iter().map(|a| (a.file.clone(), a.title.clone(), a.number.clone())).collect()
}

fn signer(draft: &Draft) -> [Option<String>; 4] {
    let s = draft.signer.clone().expect("a signer");
    [s.authority, s.body, s.position, s.name]
}

fn some(s: &str) -> Option<String> {
    Some(s.to_owned())
}

#[test]
fn party_dispatch_every_field() {
    let site = Sample::new();
    let d = site.import(&seed(PARTY)).draft;
    assert_eq!(d.doc_type, "cong-van");
    assert_eq!(d.number.as_deref(), Some("1338-CV/ĐUK"), "\"Số 1338 -CV/ĐUK\" loses its stray space");
    assert_eq!(d.issuer.as_deref(), Some("dang-uy-khoi-thanh-hoa"));
    assert_eq!(d.place.as_deref(), Some("Thanh Hóa"));
    assert_eq!(d.date, Some(PartialDate::full(2024, 6, 25)));
    assert_eq!(d.title.as_deref(), Some("Tuyên truyền, tham gia Hội thi “Sáng tạo kỹ thuật Thanh Hóa lần thứ 14”"));
    assert_eq!(d.recipients, strings(&["Các tổ chức cơ sở đảng trực thuộc", "Các đoàn thể trực thuộc"]));
    assert_eq!(
        references(&d),
        vec![(
            "57/KH/HTSTKT".into(),
            some("2024-06-10"),
            some("Liên hiệp các Hội Khoa học và Kỹ thuật Thanh Hóa"),
            some("Tổ chức triển khai Hội thi “Sáng tạo kỹ thuật Thanh Hóa lần thứ 14 (2024-2025)”"),
        )]
    );
    assert_eq!(
        attachments(&d),
        vec![
            (
                "ke-hoach-57-kh-htstkt.pdf".into(),
                "Kế hoạch tổ chức triển khai Hội thi “Sáng tạo kỹ thuật Thanh Hóa lần thứ 14 (2024-2025)”".into(),
                some("57/KH/HTSTKT"),
            ),
            (
                "the-le-hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14-2024.pdf".into(),
                "Thể lệ Hội thi “Sáng tạo kỹ thuật Thanh Hóa lần thứ 14 (2024-2025)”".into(),
                None,
            ),
        ]
    );
    assert!(d.deadlines.is_empty(), "the dispatch sets no deadline");
    assert!(d.contacts.is_empty(), "the dispatch names no contact");
    assert_eq!(signer(&d), [some("T/M"), some("Ban Thường vụ"), some("Phó Bí thư"), some("Đinh Thị Thanh Hà")]);
    assert_eq!(
        d.distribution,
        strings(&[
            "Ban Tuyên giáo TU (b/c)",
            "Liên hiệp các Hội KH và KT (p/h)",
            "Các TCCSĐ và đoàn thể trực thuộc",
            "Lưu TG, VP"
        ])
    );
    assert_eq!(d.campaigns, strings(&["hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14"]));
    assert_eq!(d.urgency, None);
    // The body only: no header, Nơi nhận or signature.
    assert!(d.body.starts_with("Theo Kế hoạch số 57/KH/HTSTKT"), "{}", d.body);
    assert!(d.body.trim_end().ends_with("(qua Ban Tuyên giáo)."), "{}", d.body);
    for gone in ["ĐẢNG CỘNG SẢN", "Kính gửi", "Nơi nhận", "Đinh Thị Thanh Hà", "Số 1338"] {
        assert!(!d.body.contains(gone), "the body still holds {gone}");
    }
}

#[test]
fn state_dispatch_with_a_blank_day_every_field() {
    let site = Sample::new();
    let imported = site.import(&seed(THAI_NGUYEN));
    let d = imported.draft.clone();
    assert_eq!(d.doc_type, "cong-van");
    assert_eq!(d.number.as_deref(), Some("/KH-CN-TTR"), "a blank number keeps its sign");
    assert_eq!(d.date, Some(PartialDate { year: 2022, month: Some(9), day: None }));
    assert_eq!(d.place.as_deref(), Some("Thái Nguyên"));
    assert_eq!(d.issuer.as_deref(), Some("so-khcn-thai-nguyen"), "from the signer, marked for review");
    assert!(d.review.iter().any(|n| n.field == "issuer"));
    assert_eq!(d.title.as_deref(), Some("Phát động phong trào thi đua theo Đợt và theo Chuyên đề"));
    assert_eq!(d.recipients, strings(&["Các phòng, đơn vị thuộc Sở"]));
    assert_eq!(
        references(&d),
        vec![
            (
                "108/KH-UBND".into(),
                some("2022-07-13"),
                some("UBND tỉnh Thái Nguyên"),
                some(
                    "Tổ chức thực hiện phong trào thi đua “Thái Nguyên chung sức xây dựng nông thôn mới giai đoạn 2021-2025”"
                ),
            ),
            (
                "132/KH-UBND".into(),
                some("2022-09-09"),
                some("UBND tỉnh Thái Nguyên"),
                some(
                    "Tổ chức thực hiện Đợt thi đua đặc biệt kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2023)"
                ),
            ),
            ("12/KH-KHCN".into(), some("2022-02-10"), None, None),
        ]
    );
    assert_eq!(
        attachments(&d),
        vec![
            (
                "ke-hoach-108-kh-ubnd.pdf".into(),
                "Kế hoạch tổ chức thực hiện phong trào thi đua “Thái Nguyên chung sức xây dựng nông thôn mới giai đoạn 2021-2025”".into(),
                some("108/KH-UBND"),
            ),
            (
                "ke-hoach-132-kh-ubnd.pdf".into(),
                "Kế hoạch tổ chức thực hiện Đợt thi đua đặc biệt kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2023)".into(),
                some("132/KH-UBND"),
            ),
        ]
    );
    assert!(d.deadlines.is_empty());
    assert!(d.contacts.is_empty());
    assert_eq!(signer(&d), [some("KT."), some("Giám đốc"), some("Phó Giám đốc"), some("Phạm Thị Hiền")]);
    assert_eq!(d.distribution, strings(&["Lãnh đạo Sở", "Các phòng, đơn vị thuộc Sở", "Lưu: VT, TTR"]));
    assert_eq!(
        d.campaigns,
        strings(&[
            "dot-thi-dua-dac-biet-75-nam-loi-keu-goi-thi-dua-ai-quoc",
            "thai-nguyen-chung-suc-xay-dung-nong-thon-moi-giai-doan-2021-2025"
        ])
    );
    assert!(d.body.contains("## 1. Nội dung phát động"));
    // The written file marks what to check and what was not there.
    assert!(imported.text.contains("# REVIEW: date: the day is blank"));
    assert!(imported.text.contains("# NOT FOUND: deadlines"));
    assert!(imported.text.contains("date: \"2022-09\""));
    assert!(
        imported
            .target
            .ends_with("content/directives/2022/cv-cn-ttr-phat-dong-phong-trao-thi-dua-theo-dot-va-theo/index.md")
    );
}

#[test]
fn state_dispatch_with_deadline_and_contact_every_field() {
    let site = Sample::new();
    let d = site.import(&seed(HUNG_YEN)).draft;
    assert_eq!(d.doc_type, "cong-van");
    assert_eq!(d.number.as_deref(), Some("/SKHCN-VP"));
    assert_eq!(d.date, Some(PartialDate { year: 2023, month: Some(3), day: None }));
    assert_eq!(d.place.as_deref(), Some("Hưng Yên"));
    assert_eq!(d.issuer.as_deref(), Some("so-khcn-hung-yen"));
    assert_eq!(
        d.title.as_deref(),
        Some(
            "Tiếp tục đẩy mạnh thực hiện phong trào thi đua yêu nước, xây dựng, giới thiệu, bồi dưỡng điển hình tiên tiến"
        )
    );
    assert_eq!(
        d.recipients,
        strings(&[
            "Sở, ban, ngành, hội - đoàn thể tỉnh",
            "UBND các huyện, thị xã, thành phố",
            "Doanh nghiệp KH&CN, tổ chức KH&CN",
            "Trường Đại học, Cao đẳng",
            "Phòng chuyên môn, đơn vị thuộc và trực thuộc Sở",
        ])
    );
    let first = "Triển khai tuyên truyền phong trào thi đua yêu nước, xây dựng điển hình tiên tiến giai đoạn 2021-2025";
    let second = "Bồi dưỡng, nhân rộng gương điển hình tiên tiến";
    let third = "Tuyên truyền phong trào thi đua yêu nước, xây dựng điển hình tiên tiến giai đoạn 2021-2025";
    assert_eq!(
        references(&d),
        vec![
            ("90/KH-UBND".into(), some("2021-06-11"), some("UBND tỉnh Hưng Yên"), some(first)),
            ("79/KH-UBND".into(), some("2022-04-21"), some("UBND tỉnh Hưng Yên"), some(second)),
            ("34/KH-SKHCN".into(), some("2021-09-16"), some("Sở Khoa học và Công nghệ Hưng Yên"), some(third)),
            ("41/KH-SKHCN".into(), some("2022-04-25"), some("Sở Khoa học và Công nghệ Hưng Yên"), some(second)),
        ]
    );
    assert_eq!(
        attachments(&d),
        vec![
            ("ke-hoach-90-kh-ubnd.pdf".into(), "Kế hoạch triển khai tuyên truyền phong trào thi đua yêu nước, xây dựng điển hình tiên tiến giai đoạn 2021-2025".into(), some("90/KH-UBND")),
            ("ke-hoach-79-kh-ubnd.pdf".into(), "Kế hoạch bồi dưỡng, nhân rộng gương điển hình tiên tiến".into(), some("79/KH-UBND")),
            ("ke-hoach-34-kh-skhcn.pdf".into(), "Kế hoạch tuyên truyền phong trào thi đua yêu nước, xây dựng điển hình tiên tiến giai đoạn 2021-2025".into(), some("34/KH-SKHCN")),
            ("ke-hoach-41-kh-skhcn.pdf".into(), "Kế hoạch bồi dưỡng, nhân rộng gương điển hình tiên tiến".into(), some("41/KH-SKHCN")),
        ]
    );
    let deadlines: Vec<(String, String)> = d.deadlines.iter().map(|x| (x.date.to_string(), x.what.clone())).collect();
    assert_eq!(
        deadlines,
        vec![(
            "2023-05-20".into(),
            "Gửi danh sách giới thiệu điển hình tiên tiến về Sở KH&CN Hưng Yên (qua Văn phòng Sở)".into()
        )]
    );
    assert_eq!(d.contacts, strings(&["vu-xuan-thu", "van-phong-so-khcn-hung-yen"]));
    assert_eq!(signer(&d), [None, None, some("Giám đốc"), some("Trần Tùng Chuẩn")]);
    assert_eq!(
        d.distribution,
        strings(&[
            "Như trên",
            "Sở Nội vụ (để theo dõi)",
            "Sở Y tế. Trưởng khối thi đua VHXH (để biết)",
            "Giám đốc Sở, các PGĐ Sở",
            "Chánh Văn phòng Sở",
            "Công TTĐT Sở (để đăng tải)",
            "Lưu: VT, VP",
        ])
    );
    assert!(d.body.contains("chất lượng\ntrong hoạt động"), "a paragraph split by a page break is joined");
}

#[test]
fn imported_seeds_pass_the_build_and_read_back() {
    let site = Sample::new();
    let files: Vec<PathBuf> = [PARTY, THAI_NGUYEN, HUNG_YEN].iter().map(|s| seed(s)).collect();
    assert_eq!(loa::cli::import(&site.options(&files)), 0);
    assert!(site.build_errors(false).is_empty(), "{:?}", site.build_errors(false));
    assert!(site.build_errors(true).is_empty(), "with drafts: {:?}", site.build_errors(true));

    // What the loader reads back from the written files.
    let files = loa::content::load::content_files(&site.root().join("content"));
    let (loaded, problems) =
        loa::content::load::load_all(&site.root(), &files, &[], loa::config::DEFAULT_MAX_FILE_BYTES);
    assert!(problems.iter().all(|d| !d.is_error()), "{problems:?}");
    let directives: Vec<loa::content::Directive> = loaded
        .into_iter()
        .filter_map(|l| match l {
            loa::content::load::Loaded::Directive(d) => Some(d),
            _ => None,
        })
        .collect();
    let directive =
        |slug: &str| directives.iter().find(|d| d.source.slug == slug).unwrap_or_else(|| panic!("no directive {slug}"));
    let party = directive("cv-1338-duk-tuyen-truyen-tham-gia-hoi-thi-sang-tao-ky-thuat");
    assert!(party.draft, "imports wait for review as drafts");
    assert_eq!(party.number.as_ref().unwrap().text, "1338-CV/ĐUK");
    assert_eq!(party.issuer.as_ref().unwrap().value, "dang-uy-khoi-thanh-hoa");
    assert_eq!(party.recipients.len(), 2);
    assert_eq!(party.references[0].date, Some(PartialDate::full(2024, 6, 10)));
    assert!(party.attachments.is_empty(), "attachments without their files stay commented out");
    let signer = party.signer.as_ref().unwrap();
    assert_eq!(signer.authority, Some(loa::content::Authority::OnBehalfOf));
    assert_eq!(signer.name.as_deref(), Some("Đinh Thị Thanh Hà"));
    let blank = directive("cv-cn-ttr-phat-dong-phong-trao-thi-dua-theo-dot-va-theo");
    assert_eq!(blank.date.as_ref().unwrap().value.to_string(), "2022-09");
    assert_eq!(blank.number.as_ref().unwrap().text, "/KH-CN-TTR");
    let hung_yen = directive("cv-skhcn-vp-tiep-tuc-day-manh-thuc-hien-phong-trao-thi-dua");
    assert_eq!(hung_yen.deadlines[0].date.value.to_string(), "2023-05-20");
    assert_eq!(
        hung_yen.contacts.iter().map(|c| c.value.as_str()).collect::<Vec<_>>(),
        ["vu-xuan-thu", "van-phong-so-khcn-hung-yen"]
    );
    assert_eq!(hung_yen.distribution.last().map(String::as_str), Some("Lưu: VT, VP"));
    assert!(hung_yen.source.body.contains("gặp ông Vũ Xuân Thu"));
}

#[test]
fn attachment_files_beside_the_input_are_copied_into_the_bundle() {
    let site = Sample::new();
    let inbox = site.dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let input = inbox.join("cong-van.txt");
    std::fs::copy(seed(THAI_NGUYEN), &input).unwrap();
    std::fs::write(inbox.join("Ke hoach 108-KH-UBND.pdf"), b"%PDF-1.4 108").unwrap();
    std::fs::write(inbox.join("KH 132-KH-UBND.PDF"), b"%PDF-1.4 132").unwrap();
    assert_eq!(loa::cli::import(&site.options(&[input])), 0);
    let bundle = site.root().join("content/directives/2022/cv-cn-ttr-phat-dong-phong-trao-thi-dua-theo-dot-va-theo");
    assert_eq!(std::fs::read(bundle.join("ke-hoach-108-kh-ubnd.pdf")).unwrap(), b"%PDF-1.4 108");
    assert_eq!(std::fs::read(bundle.join("ke-hoach-132-kh-ubnd.pdf")).unwrap(), b"%PDF-1.4 132");
    let text = std::fs::read_to_string(bundle.join("index.md")).unwrap();
    assert!(text.contains("\nattachments:\n  - file: \"ke-hoach-108-kh-ubnd.pdf\""), "{text}");
    assert!(site.build_errors(true).is_empty(), "{:?}", site.build_errors(true));
}

#[test]
fn dry_run_writes_nothing_and_existing_files_need_force() {
    let site = Sample::new();
    let before = site.files();
    let mut options = site.options(&[seed(HUNG_YEN)]);
    options.dry_run = true;
    assert_eq!(loa::cli::import(&options), 0);
    assert_eq!(site.files(), before, "a dry run writes nothing");

    options.dry_run = false;
    assert_eq!(loa::cli::import(&options), 0);
    let written =
        site.root().join("content/directives/2023/cv-skhcn-vp-tiep-tuc-day-manh-thuc-hien-phong-trao-thi-dua/index.md");
    std::fs::write(&written, "---\ntitle: sửa tay\ndoc_type: cong-van\n---\n").unwrap();
    assert_eq!(loa::cli::import(&options), 1, "an existing file is not replaced");
    assert!(std::fs::read_to_string(&written).unwrap().contains("sửa tay"));
    let portal = site.portal();
    let error = import::import_file(&seed(HUNG_YEN), &portal, &options, &HashSet::new()).unwrap_err();
    assert!(error.message.contains("already exists") && error.hint.contains("--force"), "{error}");

    options.force = true;
    assert_eq!(loa::cli::import(&options), 0);
    assert!(std::fs::read_to_string(&written).unwrap().contains("Trần Tùng Chuẩn"));
    let leftovers: Vec<_> = std::fs::read_dir(written.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn out_folder_and_campaign_option() {
    let site = Sample::new();
    let out = site.root().join("content/directives/nhap");
    let mut options = site.options(&[seed(PARTY)]);
    options.out = Some(out.clone());
    options.campaign = Some("hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14".into());
    let imported = import::import_file(&seed(PARTY), &site.portal(), &options, &HashSet::new()).unwrap();
    assert_eq!(imported.target, out.join("cv-1338-duk-tuyen-truyen-tham-gia-hoi-thi-sang-tao-ky-thuat/index.md"));
    assert_eq!(imported.draft.campaigns, strings(&["hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14"]));

    options.campaign = Some("hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-144".into());
    let error = import::check_campaign(&options, &site.portal()).unwrap_err();
    assert!(error.hint.contains("did you mean `hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14`"), "{error}");
    assert!(import::run(&options).is_err(), "the library returns the usage error, nothing is tried");
    assert_eq!(loa::cli::import(&options), 2, "an unknown campaign is a usage error");
    assert!(!out.exists());
}

#[test]
fn unknown_issuer_and_contact_become_suggested_files() {
    let site = Sample::new();
    let input = site.dir.path().join("thong-bao.txt");
    std::fs::write(
        &input,
        "UBND TỈNH NINH BÌNH\nSỞ VĂN HÓA VÀ THỂ THAO\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 12/TB-SVHTT\n\nNinh Bình, ngày 05 tháng 3 năm 2024\n\nTHÔNG BÁO\n\nVề việc tổ chức Hội thi tuyên truyền\n\nSở thông báo tổ chức Hội thi. Hồ sơ gửi về Sở chậm nhất ngày 30/4/2024. Mọi chi tiết liên hệ đồng chí Lê Thị Mai, Chuyên viên Phòng Nghiệp vụ, điện thoại: 0229.3871.234, email: mai@svhtt.example.gov.vn.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n\nNguyễn Văn Bình\n",
    )
    .unwrap();
    assert_eq!(loa::cli::import(&site.options(std::slice::from_ref(&input))), 0);
    let organization = site.root().join("content/contacts/organizations/so-van-hoa-va-the-thao-ninh-binh.md.suggested");
    let person = site.root().join("content/contacts/people/le-thi-mai.md.suggested");
    let org_text = std::fs::read_to_string(&organization).unwrap();
    assert!(org_text.contains("title: \"Sở Văn hóa và Thể thao Ninh Bình\""), "{org_text}");
    assert!(org_text.contains("system: \"state\"") && org_text.contains("place: \"Ninh Bình\""), "{org_text}");
    assert!(org_text.contains("abbr: \"SVHTT\""), "{org_text}");
    let person_text = std::fs::read_to_string(&person).unwrap();
    for line in [
        "title: \"Lê Thị Mai\"",
        "position: \"Chuyên viên Phòng Nghiệp vụ\"",
        "phone: \"0229.3871.234\"",
        "email: \"mai@svhtt.example.gov.vn\"",
    ] {
        assert!(person_text.contains(line), "{line} in {person_text}");
    }
    let written = std::fs::read_to_string(
        site.root().join("content/directives/2024/tb-12-svhtt-ve-viec-to-chuc-hoi-thi-tuyen-truyen/index.md"),
    )
    .unwrap_or_else(|_| {
        let dir = site.root().join("content/directives/2024");
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        panic!("written: {names:?}")
    });
    assert!(written.contains("doc_type: \"thong-bao\""));
    assert!(written.contains("# REVIEW: issuer: no organization in the portal matches"), "{written}");
    assert!(written.contains("issuer:\n"));
    assert!(written.contains("  - date: \"2024-04-30\"\n    what: \"Hồ sơ gửi về Sở\""), "{written}");
    assert!(site.build_errors(true).is_empty(), "suggested files are not content: {:?}", site.build_errors(true));
}

// ---- Word ------------------------------------------------------------------------------

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#;
const FOOTNOTES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Hội thi do Liên hiệp các Hội KH&amp;KT tỉnh tổ chức.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A run; `**…**` in the text becomes bold.
fn run(text: &str, bold: bool, italic: bool) -> String {
    let mut props = String::new();
    if bold {
        props.push_str("<w:b/>");
    }
    if italic {
        props.push_str("<w:i/>");
    }
    format!(r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#, escape(text))
}

fn paragraph(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn list_item(num_id: u32, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr>{}</w:p>"#,
        run(text, false, false)
    )
}

fn cell(paragraphs: &[String]) -> String {
    format!("<w:tc>{}</w:tc>", paragraphs.concat())
}

/// The Party dispatch (seed 000) laid out as Word does: the header and the footer in
/// two-column tables, bold runs, Kính gửi as a bulleted list, the two points as a numbered
/// list, a footnote, and a table in the body.
fn party_docx_xml() -> String {
    let text = std::fs::read_to_string(seed(PARTY)).unwrap();
    let paragraphs: Vec<&str> = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    let body_start = paragraphs.iter().position(|p| p.starts_with("Theo Kế hoạch")).unwrap();
    let body_end = paragraphs.iter().position(|p| p.starts_with("Nơi nhận")).unwrap();
    let header = [
        "<w:tbl><w:tr>".to_owned(),
        cell(&[
            paragraph(&run("ĐẢNG BỘ TỈNH THANH HÓA", false, false)),
            paragraph(&run("ĐẢNG ỦY KHỐI CƠ QUAN", true, false)),
            paragraph(&run("VÀ DOANH NGHIỆP TỈNH", true, false)),
            paragraph(&run("*", false, false)),
            paragraph(&run("Số 1338 -CV/ĐUK", false, false)),
            paragraph(&format!(
                "{}<w:r><w:br/></w:r>{}",
                run("V/v tuyên truyền, tham gia Hội thi", false, true),
                run("“Sáng tạo kỹ thuật Thanh Hóa lần thứ 14”", false, true)
            )),
        ]),
        cell(&[
            paragraph(&run("ĐẢNG CỘNG SẢN VIỆT NAM", true, false)),
            paragraph(&run("Thanh Hóa, ngày 25 tháng 6 năm 2024", false, true)),
        ]),
        "</w:tr></w:tbl>".to_owned(),
    ]
    .concat();
    let mut body = vec![
        paragraph(&run("Kính gửi:", true, false)),
        list_item(2, "Các tổ chức cơ sở đảng trực thuộc,"),
        list_item(2, "Các đoàn thể trực thuộc."),
    ];
    for p in &paragraphs[body_start..body_end] {
        let p = p.replace('\n', " ");
        if let Some(point) = p.strip_prefix("1. ").or_else(|| p.strip_prefix("2. ")) {
            body.push(list_item(1, point));
        } else if p.starts_with("Theo ") {
            body.push(paragraph(&format!(
                r#"{}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/></w:r>"#,
                run(&p, false, false)
            )));
        } else {
            body.push(paragraph(&run(&p, false, false)));
        }
    }
    body.push(
        [
            "<w:tbl><w:tr>".to_owned(),
            cell(&[paragraph(&run("Nội dung", true, false))]),
            cell(&[paragraph(&run("Thời gian", true, false))]),
            "</w:tr><w:tr>".to_owned(),
            cell(&[paragraph(&run("Hội thi", false, false))]),
            cell(&[paragraph(&run("6/2024 | 12/2025", false, false))]),
            "</w:tr></w:tbl>".to_owned(),
        ]
        .concat(),
    );
    let footer = [
        "<w:tbl><w:tr>".to_owned(),
        cell(&[
            paragraph(&run("Nơi nhận:", true, true)),
            paragraph(&run("- Ban Tuyên giáo TU (b/c),", false, false)),
            paragraph(&run("- Liên hiệp các Hội KH và KT (p/h),", false, false)),
            paragraph(&run("- Các TCCSĐ và đoàn thể trực thuộc,", false, false)),
            paragraph(&run("- Lưu TG, VP.", false, false)),
        ]),
        cell(&[
            paragraph(&run("T/M BAN THƯỜNG VỤ", true, false)),
            paragraph(&run("PHÓ BÍ THƯ", true, false)),
            paragraph(&run("(Đã ký)", false, true)),
            paragraph(&run("Đinh Thị Thanh Hà", true, false)),
        ]),
        "</w:tr></w:tbl>".to_owned(),
    ]
    .concat();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{header}{}{footer}<w:sectPr/></w:body></w:document>"#,
        body.concat()
    )
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated).large_file(true);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn docx(document: &str) -> Vec<u8> {
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
        ("word/numbering.xml", NUMBERING.as_bytes()),
        ("word/footnotes.xml", FOOTNOTES.as_bytes()),
    ])
}

#[test]
fn a_word_file_imports_to_the_same_fields_as_its_text() {
    let site = Sample::new();
    let path = site.dir.path().join("cong-van-1338.docx");
    std::fs::write(&path, docx(&party_docx_xml())).unwrap();
    let word = site.import(&path).draft;
    let text = site.import(&seed(PARTY)).draft;
    assert_eq!(word.doc_type, text.doc_type);
    assert_eq!(word.title, text.title);
    assert_eq!(word.number, text.number);
    assert_eq!(word.issuer, text.issuer);
    assert_eq!(word.place, text.place);
    assert_eq!(word.date, text.date);
    assert_eq!(word.recipients, text.recipients);
    assert_eq!(references(&word), references(&text));
    assert_eq!(attachments(&word), attachments(&text));
    assert_eq!(word.deadlines, text.deadlines);
    assert_eq!(word.contacts, text.contacts);
    assert_eq!(signer(&word), signer(&text));
    assert_eq!(word.distribution, text.distribution);
    assert_eq!(word.campaigns, text.campaigns);
    // The body keeps Word's structure as Markdown.
    assert!(word.body.contains("\n\n1. Các tổ chức cơ sở đảng"), "{}", word.body);
    assert!(word.body.contains("\n2. Các ban, đoàn thể"), "{}", word.body);
    assert!(
        word.body.contains("| **Nội dung** | **Thời gian** |\n| --- | --- |\n| Hội thi | 6/2024 \\| 12/2025 |"),
        "{}",
        word.body
    );
    assert!(word.body.contains("(2024-2025)”, Hội thi"), "{}", word.body);
    assert!(
        word.body.contains("[^1]") && word.body.contains("[^1]: Hội thi do Liên hiệp các Hội KH&KT tỉnh tổ chức."),
        "{}",
        word.body
    );
    assert!(!word.body.contains("Kính gửi") && !word.body.contains("Nơi nhận"));

    assert_eq!(loa::cli::import(&site.options(&[path])), 0);
    assert!(site.build_errors(true).is_empty(), "{:?}", site.build_errors(true));
}

// ---- Refused input -------------------------------------------------------------------

/// Imports `file` into the sample portal, expecting a refusal with nothing written.
fn refused(site: &Sample, file: &Path) -> import::ImportError {
    let before = site.files();
    let options = site.options(&[file.to_path_buf()]);
    let error = import::import_file(file, &site.portal(), &options, &HashSet::new()).unwrap_err();
    let outcomes = import::run(&options).expect("the portal and options are fine");
    assert!(matches!(outcomes.as_slice(), [Err(_)]), "the library returns the refusal as data");
    assert_eq!(loa::cli::import(&options), 1);
    assert_eq!(site.files(), before, "nothing is written for a refused file");
    assert_eq!(error.file, file);
    assert!(!error.hint.is_empty());
    error
}

#[test]
fn broken_input_is_refused_with_a_clear_error() {
    let site = Sample::new();
    let dir = site.dir.path();

    let empty = dir.join("trong.txt");
    std::fs::write(&empty, b"").unwrap();
    assert!(refused(&site, &empty).message.contains("empty"));

    let recipe = dir.join("cong-thuc.md");
    std::fs::write(
        &recipe,
        "# Phở bò\n\nNinh xương bò trong sáu giờ, thêm quế, hồi.\n\nChần bánh phở, thái thịt mỏng.\n",
    )
    .unwrap();
    let error = refused(&site, &recipe);
    assert!(error.message.contains("does not look like an official dispatch"), "{error}");

    let legacy = dir.join("tcvn3.txt");
    std::fs::write(&legacy, [0x53, 0xe8, 0x3a, 0x20, 0xff, 0xfe, 0x00, 0x41]).unwrap();
    assert!(refused(&site, &legacy).message.contains("not UTF-8"));

    let corrupt = dir.join("hong.docx");
    std::fs::write(&corrupt, b"PK\x03\x04 this is not really a zip file at all").unwrap();
    let error = refused(&site, &corrupt);
    assert!(error.message.contains("not a readable .docx") && error.hint.contains("save it again"), "{error}");

    let not_word = dir.join("khac.docx");
    std::fs::write(&not_word, zip_of(&[("readme.txt", b"hello")])).unwrap();
    assert!(refused(&site, &not_word).message.contains("no word/document.xml"));

    let pdf = dir.join("cong-van.pdf");
    std::fs::write(&pdf, b"%PDF-1.4").unwrap();
    assert!(refused(&site, &pdf).hint.contains(".docx"));

    let classified = dir.join("mat.txt");
    std::fs::write(
        &classified,
        "MẬT\n\nSố: 5/CV-X\n\nHà Nội, ngày 1 tháng 2 năm 2024\n\nV/v việc riêng\n\nNội dung.\n",
    )
    .unwrap();
    assert!(refused(&site, &classified).message.contains("classified"));
}

#[test]
fn a_zip_bomb_is_refused() {
    let site = Sample::new();
    // 30 MB of spaces inflate from a few tens of kilobytes.
    let mut document = String::from(r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>"#);
    document.push_str(&" ".repeat(30 * 1024 * 1024));
    document.push_str("</w:t></w:r></w:p></w:body></w:document>");
    let bytes = docx(&document);
    assert!(bytes.len() < 1024 * 1024, "the bomb is small: {} bytes", bytes.len());
    let path = site.dir.path().join("bom.docx");
    std::fs::write(&path, bytes).unwrap();
    let error = refused(&site, &path);
    assert!(error.message.contains("zip bomb"), "{error}");

    let entries: Vec<(String, Vec<u8>)> = (0..6000).map(|i| (format!("x/{i}.xml"), Vec::new())).collect();
    let borrowed: Vec<(&str, &[u8])> = entries.iter().map(|(n, b)| (n.as_str(), b.as_slice())).collect();
    let many = site.dir.path().join("nhieu.docx");
    std::fs::write(&many, zip_of(&borrowed)).unwrap();
    assert!(refused(&site, &many).message.contains("entries"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let site = Sample::new();
    let path = site.dir.path().join("lon.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(50 * 1024 * 1024).unwrap();
    let error = refused(&site, &path);
    assert!(error.message.contains("50 MB") && error.message.contains("over 20 MB"), "{error}");
}

/// A Quyết định khen thưởng whose annex lists winners: in text, or as a Word table.
const AWARD: &str = "tests/fixtures/import/quyet-dinh-khen-thuong.txt";

fn award_results(imported: &Imported) -> String {
    let (path, text) = imported.results.clone().expect("a result file is proposed");
    assert!(path.to_string_lossy().contains("content/results/"), "{}", path.display());
    text
}

#[test]
fn an_award_decision_in_text_proposes_its_winners() {
    let site = Sample::new();
    let imported = site.import(&Path::new(env!("CARGO_MANIFEST_DIR")).join(AWARD));
    let text = award_results(&imported);
    assert!(
        text.contains("  - title: \"Máy bóc vỏ lạc mini\"\n    authors: [\"Nguyễn Hữu Phúc\", \"Lê Văn An\"]"),
        "{text}"
    );
    assert!(text.contains("    field: \"co-khi\"\n    level: \"nhat\""), "{text}");
    assert!(text.contains("    field: \"y-duoc\"\n    level: \"khuyen-khich\""), "{text}");
    assert!(text.contains("# REVIEW: field: “Thủy sản” matches no slug"), "{text}");
    assert!(text.contains("draft: true"), "{text}");
}

/// With --out, the proposed result file is under --out too, and the report names it.
#[test]
fn an_award_decision_with_out_keeps_its_result_file_under_out() {
    let site = Sample::new();
    let (out, imported) = import_under_out(&site, &Path::new(env!("CARGO_MANIFEST_DIR")).join(AWARD));
    let (result, _) = imported.results.clone().expect("a result file is proposed");
    assert!(result.starts_with(out.join("results")), "{}", result.display());
    assert!(import::files_written(&imported).contains(&result), "{}", result.display());
}

/// Imports `input` with --out and checks that nothing was written under content/ and that
/// every file the import wrote is under --out, exists, and is named in the report.
fn import_under_out(site: &Sample, input: &Path) -> (PathBuf, Imported) {
    let before = site.files();
    let out = site.dir.path().join("nhap");
    let mut options = site.options(&[input.to_path_buf()]);
    options.out = Some(out.clone());
    let mut outcomes = import::run(&options).unwrap();
    let imported = outcomes.remove(0).unwrap();
    assert_eq!(site.files(), before, "nothing was written under content/");
    let report = import::report(&imported);
    for file in import::files_written(&imported) {
        assert!(file.starts_with(&out), "{} is outside --out", file.display());
        assert!(file.exists(), "{} was written", file.display());
        assert!(report.contains(&file.display().to_string()), "the report names {}:\n{report}", file.display());
    }
    (out, imported)
}

#[test]
fn an_award_decision_with_a_word_table_proposes_its_winners() {
    let site = Sample::new();
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(AWARD)).unwrap();
    let head = text.split("DANH SÁCH CÁC GIẢI PHÁP").next().unwrap();
    let mut body: Vec<String> =
        head.split("\n\n").map(|p| paragraph(&run(&p.replace('\n', " "), false, false))).collect();
    let row = |cells: &[&str]| {
        format!("<w:tr>{}</w:tr>", cells.iter().map(|c| cell(&[paragraph(&run(c, false, false))])).collect::<String>())
    };
    body.push(paragraph(&run("DANH SÁCH CÁC GIẢI PHÁP ĐẠT GIẢI", true, false)));
    body.push(format!(
        "<w:tbl>{}{}{}{}</w:tbl>",
        row(&["TT", "Tên giải pháp", "Tác giả", "Đơn vị", "Lĩnh vực", "Giải"]),
        row(&[
            "1",
            "Máy bóc vỏ lạc mini",
            "Nguyễn Hữu Phúc; Lê Văn An",
            "Hợp tác xã Hoằng Hóa",
            "Cơ khí tự động hóa, xây dựng, giao thông vận tải",
            "Nhất"
        ]),
        row(&[
            "2",
            "Bài thuốc xông hơi từ thảo dược",
            "Lương Thị Nhung",
            "Bệnh viện Y dược cổ truyền",
            "Y dược",
            "Giải Khuyến khích"
        ]),
        row(&["3", "Giải pháp lạ", "Trần Văn Bình", "HTX Yên Định", "Y dược", "Giải Phong trào"]),
    ));
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{}<w:sectPr/></w:body></w:document>"#,
        body.concat()
    );
    let path = site.dir.path().join("quyet-dinh-khen-thuong.docx");
    std::fs::write(&path, docx(&xml)).unwrap();
    let text = award_results(&site.import(&path));
    assert!(
        text.contains("  - title: \"Máy bóc vỏ lạc mini\"\n    authors: [\"Nguyễn Hữu Phúc\", \"Lê Văn An\"]"),
        "{text}"
    );
    assert!(text.contains("    field: \"co-khi\"\n    level: \"nhat\""), "{text}");
    assert!(text.contains("    level: \"khuyen-khich\""), "{text}");
    assert!(text.contains("# REVIEW: level: “Giải Phong trào” is not Nhất"), "{text}");
}

/// With --out, every file the import writes (the directive and the suggested issuer and
/// contact) is under --out, nothing under content/, and the report names each file.
#[test]
fn with_out_nothing_is_written_outside_it() {
    let site = Sample::new();
    let input = site.dir.path().join("thong-bao.txt");
    std::fs::write(
        &input,
        "UBND TỈNH NINH BÌNH\nSỞ VĂN HÓA VÀ THỂ THAO\n\nSố: 12/TB-SVHTT\n\nNinh Bình, ngày 05 tháng 3 năm 2024\n\nTHÔNG BÁO\n\nVề việc tổ chức Hội thi tuyên truyền\n\nHồ sơ gửi về Sở chậm nhất ngày 30/4/2024. Mọi chi tiết liên hệ đồng chí Lê Thị Mai, Chuyên viên Phòng Nghiệp vụ, điện thoại: 0229.3871.234.\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nNguyễn Văn Bình\n",
    )
    .unwrap();
    let (_, imported) = import_under_out(&site, &input);
    assert_eq!(import::files_written(&imported).len(), 3, "{:?}", import::files_written(&imported));
}

/// A legacy text whose encoding cannot be decided is refused naming the likelier one.
#[test]
fn undecidable_legacy_text_is_refused_naming_the_likely_encoding() {
    let site = Sample::new();
    let file = site.dir.path().join("cu.txt");
    // Two TCVN3 letters (µ, ¸) and nothing else to go on.
    std::fs::write(&file, b"H\xb5 N\xe9i, th\xb8ng 3\n").unwrap();
    let error = refused(&site, &file);
    assert!(error.message.contains("TCVN3"), "{error}");
}
