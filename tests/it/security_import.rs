//! `loa import` stays linear in its input: a 64 KB dispatch whose one paragraph repeats
//! attachment, deadline, parenthesis or contact phrases is read in well under a second.
//! Each input below took 5–26 s before (the fuzz suite found them with
//! `LOA_FUZZ_REPEAT_KB=64`); the bound is generous because the machine may be loaded.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use loa::import::{self, ImportOptions, matching::Portal};

const HEAD: &str = "Số 12/KH-UBND\n\nHưng Yên, ngày 25 tháng 6 năm 2024\n\nV/v tuyên truyền\n\n";
const FOOT: &str = "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n(Đã ký)\n\nNguyễn Văn A";
const BODY_BYTES: usize = 64 * 1024;
const BOUND: Duration = Duration::from_secs(3);

/// One paragraph of about `BODY_BYTES` made of `unit` over and over.
fn repeated(unit: &str) -> String {
    unit.repeat(BODY_BYTES / unit.len())
}

fn dispatch(unit: &str) -> String {
    format!("{HEAD}{}{FOOT}", repeated(unit))
}

/// Reads and imports `bytes` (dry run, against the sample portal) and returns the time.
fn import_time(bytes: &[u8], extension: &str) -> Duration {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let portal = Portal::load(&root).expect("the sample portal loads");
    let source = Path::new("/nonexistent/loa-importfix").join(format!("dispatch.{extension}"));
    let mut options = ImportOptions::new(root, vec![source.clone()]);
    options.out = Some(PathBuf::from("/nonexistent/loa-importfix/out"));
    options.dry_run = true;
    let started = Instant::now();
    let document = import::document_from_bytes(bytes, extension, &source).expect("the dispatch reads");
    import::import_document(&document, &source, &portal, &options, &HashSet::new()).expect("the dispatch imports");
    started.elapsed()
}

fn assert_linear(unit: &str) {
    let took = import_time(dispatch(unit).as_bytes(), "txt");
    assert!(took < BOUND, "{took:?} to import 64 KB of {unit:?}");
}

#[test]
fn repeated_attachment_and_deadline_phrases_import_in_linear_time() {
    assert_linear("kèm theo Phụ lục trước ngày 25/6/2024 ");
    assert_linear("gửi kèm Phụ lục hạn chót ngày 25 tháng 6 năm 2024 ");
}

#[test]
fn repeated_open_parentheses_import_in_linear_time() {
    assert_linear("(kèm theo ");
}

#[test]
fn repeated_blank_deadlines_import_in_linear_time() {
    assert_linear("trước ngày … ");
}

#[test]
fn repeated_contact_phrases_import_in_linear_time() {
    assert_linear("liên hệ Văn phòng ");
}

/// Unclosed superscript marks (`^{` with no `}`), as the fuzz suite found them.
#[test]
fn repeated_unclosed_superscripts_import_in_linear_time() {
    assert_linear("^{");
}

/// The same paragraph in a Word file: a few KB compressed.
#[test]
fn a_small_word_file_with_a_repeated_paragraph_imports_in_linear_time() {
    let paragraphs: Vec<String> = [HEAD, &repeated("kèm theo Phụ lục trước ngày 25/6/2024 "), FOOT]
        .concat()
        .split("\n\n")
        .map(|p| format!("<w:p><w:r><w:t xml:space=\"preserve\">{p}</w:t></w:r></w:p>"))
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{}</w:body></w:document>",
        paragraphs.concat()
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(document.as_bytes()).unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(bytes.len() < 8 * 1024, "{} bytes", bytes.len());
    let took = import_time(&bytes, "docx");
    assert!(took < BOUND, "{took:?} to import a {} byte Word file", bytes.len());
}
