//! `loa import`: random and mutated dispatch text (`.txt`, `.md`, UTF-16), and random Word
//! files, through reading, recognising and matching against the sample portal. Nothing is
//! written; the properties hold for what would be.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use loa::content::front_matter;
use loa::import::{self, ImportOptions, Imported, matching::Portal, recognise::Document};
use loa::yaml;
use proptest::prelude::*;

use super::support::{Entropy, Report, bounded, config, entropy};

const SEEDS: &[&str] = &[
    include_str!("../fixtures/import/000_5da598729f3be19b.txt"),
    include_str!("../fixtures/import/002_a0f01d78cc4a4145.txt"),
    include_str!("../fixtures/import/004_94fb45b8ea1aa45b.txt"),
];

/// The words and shapes the recogniser looks for.
const DISPATCH: &[&str] = &[
    "Số ",
    "Số: ",
    "/KH-UBND",
    "-CV/ĐUK",
    "/QĐ-",
    "/TB-SKHCN",
    "ngày ",
    " tháng ",
    " năm 2024",
    " năm ",
    "V/v ",
    "Kính gửi:",
    "Kính gửi: - ",
    "Nơi nhận:",
    "\n- ",
    "- Lưu: VT.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "ĐẢNG BỘ TỈNH",
    "UBND TỈNH HƯNG YÊN",
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "KẾ HOẠCH",
    "THÔNG BÁO",
    "QUYẾT ĐỊNH",
    "Căn cứ ",
    "Quyết định số ",
    "Kế hoạch số ",
    "Phụ lục ",
    "Phụ lục I",
    "kèm theo",
    "(có Thể lệ gửi kèm)",
    "trước ngày ",
    "chậm nhất ngày ",
    "hạn chót",
    "trước 17 giờ ngày ",
    "điện thoại: ",
    "ĐT: 0237.3852.246",
    "0912 345 678",
    "+84 ",
    "email: ",
    "a@b.vn",
    "@",
    "Ông ",
    "Bà ",
    "đồng chí ",
    "đ/c ",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "T/M BAN THƯỜNG VỤ",
    "(Đã ký)",
    "TM.",
    "**",
    "_",
    "*",
    "[^1]",
    "^{",
    "}",
    "|",
    " | ",
    "\n\n",
    "\n",
    "1. ",
    "2.",
    "a) ",
    "I. ",
    "“",
    "”",
    "\"",
    "(",
    ")",
    "[",
    "]",
    "HỎA TỐC",
    "KHẨN",
    "MẬT",
    ":",
    "/",
    "-",
    "–",
    ".",
    ",",
    "0",
    "1",
    "31",
    "12",
    "13",
    "2024",
    "29/02/2023",
    "25/6/2024",
    "99/99/99999999999",
    "ngày … tháng … năm",
    "ngày    tháng 6 năm 2024",
    "…",
    "Hưng Yên, ",
    "Thanh Hóa",
    "Hội thi “Sáng tạo kỹ thuật”",
    "Đinh Thị Thanh Hà",
    "Nguyễn Văn A",
    "---\n",
    "# ",
    "\\",
    "#",
    "'",
    "\u{0301}",
    "\u{00a0}",
    "\u{2028}",
    "\u{85}",
    "\t",
];

fn portal() -> &'static Portal {
    static PORTAL: OnceLock<Portal> = OnceLock::new();
    PORTAL.get_or_init(|| Portal::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the sample portal loads"))
}

/// A folder that does not exist: nothing lies beside the dispatch, nothing is overwritten.
fn nowhere() -> PathBuf {
    PathBuf::from("/nonexistent/loa-fuzz")
}

/// Reads `bytes` as a file with `extension`, then imports it. Errors are fine (they are
/// reported to the user); panics, hangs, paths outside the portal and front matter that
/// does not parse back are not.
fn check(bytes: &[u8], extension: &str) -> Result<(), TestCaseError> {
    let source = nowhere().join(format!("dispatch.{extension}"));
    let imported = bounded(bytes, || {
        let document = import::document_from_bytes(bytes, extension, &source).ok()?;
        Some(import_both_ways(&document, &source))
    })?;
    if let Some([to_out, to_portal]) = imported {
        if let Some(Ok(imported)) = to_out {
            check_imported(&imported, &nowhere().join("out"), bytes.len())?;
        }
        if let Some(Ok(imported)) = to_portal {
            check_imported(&imported, &portal().root.join("content/directives"), bytes.len())?;
        }
    }
    Ok(())
}

/// Imports with `--out` and into the portal's own folders (Word files only the first way:
/// what follows reading is the same for both formats).
fn import_both_ways(document: &Document, source: &Path) -> [Option<Result<Imported, import::ImportError>>; 2] {
    let mut to_out = ImportOptions::new(portal().root.clone(), vec![source.to_path_buf()]);
    to_out.out = Some(nowhere().join("out"));
    to_out.dry_run = true;
    let mut to_portal = ImportOptions::new(portal().root.clone(), vec![source.to_path_buf()]);
    to_portal.dry_run = true;
    let word = source.extension().is_some_and(|e| e == "docx");
    let import =
        |options: &ImportOptions| import::import_document(document, source, portal(), options, &HashSet::new());
    [Some(import(&to_out)), (!word).then(|| import(&to_portal))]
}

fn check_imported(imported: &Imported, folder: &Path, input_len: usize) -> Result<(), TestCaseError> {
    prop_assert!(
        is_inside(&imported.target, folder),
        "target {} is outside {}",
        imported.target.display(),
        folder.display()
    );
    let bundle = imported.target.parent().unwrap();
    for attachment in &imported.draft.attachments {
        prop_assert!(is_inside(&bundle.join(&attachment.file), bundle), "attachment file {:?}", attachment.file);
    }
    let contacts = portal().root.join("content/contacts");
    for suggestion in &imported.suggestions {
        // Under content/contacts, or under --out when it is given (#23).
        let out = folder.join("suggested-contacts");
        prop_assert!(
            is_inside(&suggestion.path, &contacts) || is_inside(&suggestion.path, &out),
            "suggestion {}",
            suggestion.path.display()
        );
        parses_back(&suggestion.text)?;
    }
    parses_back(&imported.text)?;
    // A Word file's input is compressed; its size is bounded by `docx::MAX_XML_BYTES`.
    let word = imported.source.extension().is_some_and(|e| e == "docx");
    prop_assert!(
        word || imported.text.len() <= 64 * 1024 + 40 * input_len,
        "{} bytes of directive from {input_len} bytes of input",
        imported.text.len()
    );
    Ok(())
}

/// Whether `path`, taken lexically, stays under `folder`: no `..`, no root, no prefix.
fn is_inside(path: &Path, folder: &Path) -> bool {
    path.strip_prefix(folder)
        .is_ok_and(|rest| rest.components().count() > 0 && rest.components().all(|c| matches!(c, Component::Normal(_))))
}

/// The written front matter reads back as YAML, as the build will read it.
fn parses_back(text: &str) -> Result<(), TestCaseError> {
    let split = front_matter::split(text).map_err(|e| TestCaseError::fail(format!("{e:?} in\n{text}")))?;
    yaml::parse_yaml(split.yaml, split.yaml_first_line)
        .map_err(|e| TestCaseError::fail(format!("{e:?} in\n{text}")))?;
    Ok(())
}

fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut bytes = if little { vec![0xFF, 0xFE] } else { vec![0xFE, 0xFF] };
    for unit in text.encode_utf16() {
        bytes.extend(if little { unit.to_le_bytes() } else { unit.to_be_bytes() });
    }
    bytes
}

/// A dispatch: a seed or a short piece shaped like a part of one, mutated (a whole seed is
/// slow to recognise: one case in sixteen), or text made of the recogniser's words.
fn dispatch_text(e: &mut Entropy) -> String {
    match e.byte() % 16 {
        0 => {
            let seed = e.pick(SEEDS);
            e.mutate(seed, DISPATCH)
        }
        1..=9 => {
            let part = e.pick(&SEED_PARTS);
            e.mutate(part, DISPATCH)
        }
        _ => e.text(DISPATCH, 60),
    }
}

/// Short pieces shaped like each part of a dispatch: header, Kính gửi, body, foot.
const SEED_PARTS: [&str; 6] = [
    "Số 12/KH-UBND\n\nHưng Yên, ngày 25 tháng 6 năm 2024\n\nV/v tuyên truyền",
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Văn A",
    "Kính gửi: - Các sở, ban, ngành;\n- UBND các huyện.\n\nCăn cứ Quyết định số 45/QĐ-UBND ngày 01/02/2024 của UBND tỉnh",
    "Hồ sơ gửi về trước ngày 30/9/2024. Liên hệ: Ông Nguyễn Văn A, điện thoại 0912 345 678, email a@b.vn (có Thể lệ gửi kèm).",
    "**ỦY BAN NHÂN DÂN\nTỈNH HƯNG YÊN**\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 45/TB-SKHCN",
    "ĐẢNG BỘ TỈNH THANH HÓA\nĐẢNG ỦY KHỐI CƠ QUAN\n\nĐẢNG CỘNG SẢN VIỆT NAM\n\nSố 1338 -CV/ĐUK\n\nKẾ HOẠCH\nTổ chức Hội thi",
];

/// The text as a `.txt` or `.md` file in one of the encodings `loa import` reads.
fn text_file(e: &mut Entropy) -> (Vec<u8>, &'static str) {
    let extension = e.pick(&["txt", "md"]);
    let encoding = e.byte() % 6;
    let text = dispatch_text(e);
    let bytes = match encoding {
        0 => utf16(&text, true),
        1 => utf16(&text, false),
        2 => format!("\u{feff}{}", text.replace('\n', "\r\n")).into_bytes(),
        _ => text.into_bytes(),
    };
    (bytes, extension)
}

#[test]
fn import_text() {
    let config = config(1_500);
    let _report = Report::start("import_text", &config);
    proptest!(config, |(bytes in entropy(256))| {
        let (input, extension) = text_file(&mut Entropy::new(&bytes));
        check(&input, extension)?;
    });
}

#[test]
fn import_text_bytes() {
    let config = config(3_000);
    let _report = Report::start("import_text_bytes", &config);
    let prefixes: &[&[u8]] = &[b"", b"\xFF\xFE", b"\xFE\xFF", b"\xEF\xBB\xBF", b"---\n"];
    proptest!(config, |(prefix in prop::sample::select(prefixes), bytes in entropy(2048))| {
        check(&[prefix, &bytes[..]].concat(), "txt")?;
    });
}

// ---- Word files ----

/// Pieces of WordprocessingML, well-formed or not.
const XML: &[&str] = &[
    "<w:p>",
    "</w:p>",
    "<w:r>",
    "</w:r>",
    "<w:t>",
    "</w:t>",
    "<w:t xml:space=\"preserve\">",
    "<w:tbl>",
    "</w:tbl>",
    "<w:tr>",
    "</w:tr>",
    "<w:tc>",
    "</w:tc>",
    "<w:br/>",
    "<w:tab/>",
    "<w:rPr><w:b/></w:rPr>",
    "<w:rPr><w:i/></w:rPr>",
    "<w:rPr><w:b w:val=\"0\"/><w:i w:val=\"false\"/></w:rPr>",
    "<w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>",
    "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
    "<w:pPr><w:numPr><w:ilvl w:val=\"99999999999999999999\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr>",
    "<w:pPr><w:numPr><w:ilvl w:val=\"-1\"/></w:numPr></w:pPr>",
    "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>",
    "<w:pPr><w:pStyle w:val=\"Heading9\"/></w:pPr>",
    "<w:footnoteReference w:id=\"1\"/>",
    "<w:footnoteReference w:id=\"999\"/>",
    "<w:footnoteReference/>",
    "<w:fldSimple w:instr=\"PAGE\">",
    "</w:fldSimple>",
    "<w:hyperlink r:id=\"rId9\">",
    "</w:hyperlink>",
    "<w:sdt><w:sdtContent>",
    "</w:sdtContent></w:sdt>",
    "<w:ins>",
    "</w:ins>",
    "<w:del><w:r><w:delText>xoá</w:delText></w:r></w:del>",
    "<mc:AlternateContent>",
    "</mc:AlternateContent>",
    "&amp;",
    "&lt;",
    "&#x1;",
    "&#0;",
    "&#xD800;",
    "&bogus;",
    "&",
    "<",
    ">",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?pi x?>",
    "<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\">]>",
    "&a;",
    "\"",
    "'",
];

const DOCUMENT_HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
const DOCUMENT_TAIL: &str = "<w:sectPr/></w:body></w:document>";
const NUMBERING: &str = "<?xml version=\"1.0\"?><w:numbering xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl></w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num><w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num></w:numbering>";
const FOOTNOTES: &str = "<?xml version=\"1.0\"?><w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:footnote w:id=\"1\"><w:p><w:r><w:t>Chú thích</w:t></w:r></w:p></w:footnote></w:footnotes>";

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A run of dispatch text, escaped as Word writes it.
fn run(e: &mut Entropy) -> String {
    let text = e.text(DISPATCH, 6);
    let props = if e.chance(64) { e.pick(&XML[15..19]) } else { "" };
    format!("<w:r>{props}<w:t xml:space=\"preserve\">{}</w:t></w:r>", xml_escape(&text))
}

/// Paragraphs, lists and nested tables, with raw XML pieces mixed in.
fn blocks(e: &mut Entropy, depth: usize, out: &mut String) {
    for _ in 0..1 + e.below(if depth == 0 { 24 } else { 4 }) {
        if e.is_empty() {
            return;
        }
        match e.byte() % 16 {
            0..=9 => {
                out.push_str("<w:p>");
                if e.chance(64) {
                    out.push_str(e.pick(&XML[19..24]));
                }
                for _ in 0..e.below(6) {
                    out.push_str(&run(e));
                }
                out.push_str("</w:p>");
            }
            10..=12 => out.push_str(e.pick(XML)),
            13 | 14 if depth < 6 => {
                out.push_str("<w:tbl>");
                for _ in 0..1 + e.below(3) {
                    out.push_str("<w:tr>");
                    for _ in 0..1 + e.below(3) {
                        out.push_str("<w:tc>");
                        blocks(e, depth + 1, out);
                        out.push_str("</w:tc>");
                    }
                    out.push_str("</w:tr>");
                }
                out.push_str("</w:tbl>");
            }
            _ => {
                let depth = 1 + e.below(2000);
                out.push_str(&"<w:tbl><w:tr><w:tc>".repeat(depth));
                out.push_str("<w:p><w:r><w:t>sâu</w:t></w:r></w:p>");
                out.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth));
            }
        }
    }
}

fn document_xml(e: &mut Entropy) -> String {
    let mut body = String::new();
    if e.chance(32) {
        let text = dispatch_text(e);
        for paragraph in text.split("\n\n") {
            body.push_str(&format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", xml_escape(paragraph)));
        }
    }
    blocks(e, 0, &mut body);
    format!("{DOCUMENT_HEAD}{body}{DOCUMENT_TAIL}")
}

/// An optional part: missing, as Word writes it, or mutated.
fn part_xml(e: &mut Entropy, valid: &str) -> Option<String> {
    match e.byte() % 5 {
        0 | 1 => None,
        2 | 3 => Some(valid.to_owned()),
        _ => Some(e.mutate(valid, XML)),
    }
}

fn zip_of(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let method = if deflate { zip::CompressionMethod::Deflated } else { zip::CompressionMethod::Stored };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn docx(e: &mut Entropy) -> Vec<u8> {
    let deflate = e.chance(128);
    let document = document_xml(e);
    let numbering = part_xml(e, NUMBERING);
    let footnotes = part_xml(e, FOOTNOTES);
    let mut entries: Vec<(&str, &[u8])> = vec![("word/document.xml", document.as_bytes())];
    if let Some(numbering) = &numbering {
        entries.push(("word/numbering.xml", numbering.as_bytes()));
    }
    if let Some(footnotes) = &footnotes {
        entries.push(("word/footnotes.xml", footnotes.as_bytes()));
    }
    zip_of(&entries, deflate)
}

/// A valid Word file with a few bytes changed, cut or inserted.
fn mutated_docx(e: &mut Entropy) -> Vec<u8> {
    let mut bytes = docx(e);
    for _ in 0..1 + e.below(8) {
        let i = e.below(bytes.len() + 1);
        match e.byte() % 3 {
            0 if i < bytes.len() => bytes[i] = e.byte(),
            1 => bytes.insert(i, e.byte()),
            _ => bytes.truncate(i.max(22)),
        }
    }
    bytes
}

#[test]
fn import_docx() {
    let config = config(800);
    let _report = Report::start("import_docx", &config);
    proptest!(config, |(bytes in entropy(512))| {
        check(&docx(&mut Entropy::new(&bytes)), "docx")?;
    });
}

#[test]
fn import_docx_bytes() {
    let config = config(1_500);
    let _report = Report::start("import_docx_bytes", &config);
    proptest!(config, |(bytes in entropy(1024))| {
        let mut e = Entropy::new(&bytes);
        let input = if e.chance(200) { mutated_docx(&mut e) } else { bytes.clone() };
        check(&input, "docx")?;
    });
}
