//! The importer's evaluation set (`tests/fixtures/import/eval/`): dispatches written for
//! it, none of them the samples, each with the front matter a careful clerk would write.
//! The test imports every one into a copy of the sample portal, reports the accuracy of
//! each field over the whole set, and holds the floor: 97% overall, no field under 90%.
//!
//! Inputs: `.txt` as bytes (UTF-8, or TCVN3/VNI bytes, or TCVN3/VNI text pasted as
//! Unicode); `.vntime` is TCVN3 bytes turned here into a Word file whose runs are set in
//! `.VnTime`/`.VnTimeH`; `.pdftext` is turned here into a PDF with a text layer.

use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use loa::import::{self, ImportOptions, Imported, matching::Portal};

use super::support::{copy_dir, fixture};

const FIELDS: &[&str] =
    &["doc_type", "number", "issuer", "place", "date", "title", "recipients", "deadlines", "attachments", "signer"];

fn portal_copy(dir: &Path) -> PathBuf {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = dir.join("site");
    copy_dir(&repo.join("content"), &root.join("content"));
    std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).unwrap();
    std::fs::copy(repo.join("short-links.yaml"), root.join("short-links.yaml")).unwrap();
    root
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A Word file of TCVN3 text as a `.VnTime` user typed it: one paragraph per line, lines
/// in capitals set in `.VnTimeH` (whose lower-case codes print as capitals).
pub fn vntime_docx(bytes: &[u8]) -> Vec<u8> {
    let text: String = bytes.iter().map(|b| char::from(*b)).collect();
    let mut body = String::new();
    for line in text.lines() {
        // Each column its own run, as the cells of the header table are.
        body.push_str("<w:p>");
        for (k, column) in line.split("   ").enumerate() {
            let column = if k == 0 { column.to_owned() } else { format!("   {column}") };
            let capitals =
                !column.chars().any(|c| c.is_ascii_lowercase()) && column.chars().any(|c| c.is_ascii_uppercase());
            let font = if capitals { ".VnTimeH" } else { ".VnTime" };
            body.push_str(&format!(
                "<w:r><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                escape(&column)
            ));
        }
        body.push_str("</w:p>");
    }
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("[Content_Types].xml", options).unwrap();
        zip.write_all(
            b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>",
        )
        .unwrap();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(document.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    out.into_inner()
}

/// A one-page PDF whose text layer holds `text`, line by line: a simple font whose
/// ToUnicode map gives each one-byte code its character (as PDF writers do for subsets).
pub fn text_layer_pdf(text: &str) -> Vec<u8> {
    let lines: Vec<&str> = text.lines().collect();
    let mut chars: Vec<char> = text.chars().filter(|c| *c != '\n' && *c != ' ').collect();
    chars.sort_unstable();
    chars.dedup();
    let mut codes: BTreeMap<char, u8> = BTreeMap::from([(' ', 32)]);
    let mut next: u16 = 33;
    for c in chars {
        if next == 127 {
            next = 161;
        }
        assert!(next < 256, "too many distinct characters for one font");
        codes.insert(c, next as u8);
        next += 1;
    }
    let mut content: Vec<u8> = b"BT /F1 11 Tf 14 TL 50 800 Td\n".to_vec();
    for line in &lines {
        content.push(b'(');
        for c in line.chars() {
            let code = codes[&c];
            if matches!(code, b'(' | b')' | b'\\') {
                content.push(b'\\');
            }
            if code > 126 {
                content.extend(format!("\\{code:03o}").bytes());
            } else {
                content.push(code);
            }
        }
        content.extend(b") Tj T*\n");
    }
    content.extend(b"ET");
    let mut by_code: Vec<(u8, char)> = codes.iter().map(|(c, b)| (*b, *c)).collect();
    by_code.sort_unstable();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /X def 1 begincodespacerange <00> <FF> endcodespacerange\n",
    );
    cmap.push_str(&format!("{} beginbfchar\n", by_code.len()));
    for (b, c) in &by_code {
        cmap.push_str(&format!("<{b:02X}> <{:04X}>\n", *c as u32));
    }
    cmap.push_str("endbfchar endcmap CMapName currentdict /CMap defineresource pop end end");
    let widths = vec!["500"; 224].join(" ");
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 255 /Widths [{widths}] /ToUnicode 6 0 R >>").into_bytes(),
        [format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(), content, b"\nendstream".to_vec()].concat(),
        format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len()).into_bytes(),
    ];
    let mut out: Vec<u8> = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).bytes());
        out.extend(object);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).bytes());
    out
}

/// The input to import for one case: the fixture itself, or the Word file or PDF made
/// from it.
fn input(case: &Path, scratch: &Path) -> PathBuf {
    let stem = case.file_stem().unwrap().to_str().unwrap();
    let dir = case.parent().unwrap();
    for (extension, made) in [("vntime", "docx"), ("pdftext", "pdf")] {
        let source = dir.join(format!("{stem}.{extension}"));
        if source.exists() {
            let bytes = std::fs::read(&source).unwrap();
            let out = scratch.join(format!("{stem}.{made}"));
            let made_bytes =
                if made == "docx" { vntime_docx(&bytes) } else { text_layer_pdf(std::str::from_utf8(&bytes).unwrap()) };
            std::fs::write(&out, made_bytes).unwrap();
            return out;
        }
    }
    // Alone in a folder: attachments are looked for beside the input.
    let out = scratch.join(format!("{stem}.txt"));
    std::fs::copy(dir.join(format!("{stem}.txt")), &out).unwrap();
    out
}

/// What the import gave for each field, in the expected file's shapes.
fn actual(imported: &Imported) -> BTreeMap<&'static str, serde_yaml::Value> {
    use serde_yaml::Value;
    let d = &imported.draft;
    let string = |s: Option<String>| s.map(Value::String).unwrap_or(Value::Null);
    let list = |items: Vec<String>| Value::Sequence(items.into_iter().map(Value::String).collect());
    // The issuer: the portal's slug, or the title of the organization file suggested.
    let issuer = d.issuer.clone().or_else(|| {
        imported.suggestions.iter().find(|s| s.final_path.to_string_lossy().contains("organizations")).and_then(|s| {
            s.text.lines().find_map(|l| l.strip_prefix("title: ")).map(|t| t.trim_matches('"').to_owned())
        })
    });
    BTreeMap::from([
        ("doc_type", Value::String(d.doc_type.clone())),
        ("number", string(d.number.clone())),
        ("issuer", string(issuer)),
        ("place", string(d.place.clone())),
        ("date", string(d.date.map(|x| x.to_string()))),
        ("title", string(d.title.clone())),
        ("recipients", list(d.recipients.clone())),
        (
            "deadlines",
            Value::Sequence(
                d.deadlines.iter().map(|x| list(vec![x.date.to_string(), x.what.clone()])).collect::<Vec<_>>(),
            ),
        ),
        ("attachments", list(d.attachments.iter().map(|a| a.title.clone()).collect())),
        ("signer", string(d.signer.as_ref().and_then(|s| s.name.clone()))),
    ])
}

/// Expected values as the YAML gives them, with scalars as strings (dates are read as
/// strings already; `[]` and null stay).
fn normalise(value: &serde_yaml::Value) -> serde_yaml::Value {
    use serde_yaml::Value;
    match value {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Sequence(items) => Value::Sequence(items.iter().map(normalise).collect()),
        other => other.clone(),
    }
}

#[test]
fn field_accuracy_over_the_evaluation_set() {
    let dir = tempfile::tempdir().unwrap();
    let root = portal_copy(dir.path());
    let portal = Portal::load(&root).unwrap();
    let eval = fixture("import").join("eval");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&eval)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "the evaluation set has {} dispatches", cases.len());
    let mut right: BTreeMap<&str, usize> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for case in &cases {
        let scratch = dir.path().join("in").join(case.file_stem().unwrap());
        std::fs::create_dir_all(&scratch).unwrap();
        let file = input(case, &scratch);
        let expected: BTreeMap<String, serde_yaml::Value> =
            serde_yaml::from_str(&std::fs::read_to_string(case).unwrap()).unwrap();
        let options = ImportOptions::new(&root, vec![file.clone()]);
        let got = match import::import_file(&file, &portal, &options, &HashSet::new()) {
            Ok(imported) => actual(&imported),
            Err(e) => {
                misses.push(format!("{}: not imported: {e}", case.display()));
                BTreeMap::new()
            }
        };
        for field in FIELDS {
            let want = normalise(expected.get(*field).unwrap_or_else(|| panic!("{}: no {field}", case.display())));
            let want =
                if want == serde_yaml::Value::Null && matches!(*field, "recipients" | "deadlines" | "attachments") {
                    serde_yaml::Value::Sequence(Vec::new())
                } else {
                    want
                };
            match got.get(field) {
                Some(value) if *value == want => *right.entry(field).or_default() += 1,
                value => misses.push(format!(
                    "{} {field}:\n    expected {}\n    got      {}",
                    case.file_stem().unwrap().to_string_lossy(),
                    serde_json::to_string(&want).unwrap(),
                    serde_json::to_string(&value).unwrap()
                )),
            }
        }
    }
    let total = cases.len();
    let mut table =
        format!("\nimport field accuracy over {total} dispatches\n| field | right | accuracy |\n| --- | --- | --- |\n");
    let mut all = 0;
    for field in FIELDS {
        let n = right.get(field).copied().unwrap_or(0);
        all += n;
        table.push_str(&format!("| {field} | {n}/{total} | {:.1}% |\n", 100.0 * n as f64 / total as f64));
    }
    let overall = 100.0 * all as f64 / (total * FIELDS.len()) as f64;
    table.push_str(&format!("| all fields | {all}/{} | {overall:.1}% |\n", total * FIELDS.len()));
    println!("{table}");
    for miss in &misses {
        println!("{miss}");
    }
    assert!(overall >= 97.0, "overall accuracy {overall:.1}% is under 97%{table}\n{}", misses.join("\n"));
    for field in FIELDS {
        let n = right.get(field).copied().unwrap_or(0);
        assert!(n * 10 >= total * 9, "{field}: {n}/{total} is under 90%{table}\n{}", misses.join("\n"));
    }
}
