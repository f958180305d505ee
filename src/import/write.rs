//! Writing an imported directive: front matter in the content model's shape (every string
//! double-quoted), `# REVIEW:` comments for what to check, `# NOT FOUND:` for what the
//! dispatch did not give; files written through a temporary file and a rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Draft;

/// A YAML double-quoted string: `\`, `"`, line breaks and every character YAML does not
/// allow raw (C0 and C1 controls, DEL, U+FFFE/FFFF) escaped, as well as the BOM and the
/// Unicode line separators, which YAML parsers may take for line breaks.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if !yaml_printable(c) || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// YAML 1.1's printable characters (`c-printable`): anything else makes the parser refuse
/// the whole file, even inside a comment.
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        || c >= '\u{10000}'
}

/// A comment line: one line, whatever the text holds; characters YAML refuses become U+FFFD.
pub fn comment(out: &mut String, indent: &str, label: &str, text: &str) {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let printable: String = one_line.chars().map(|c| if yaml_printable(c) { c } else { '\u{fffd}' }).collect();
    out.push_str(&format!("{indent}# {label}: {printable}\n"));
}

/// The whole file: front matter and body.
pub fn directive_file(draft: &Draft, source_name: &str) -> String {
    let mut out = String::from("---\n");
    // The markers (REVIEW, NOT FOUND) stay as written in every language, so staff and
    // tools can search for them; the text after them is in the run's language.
    comment(
        &mut out,
        "",
        &crate::msg!("import-label-imported").to_string(),
        &crate::msg!("import-header", source_name).to_string(),
    );
    let review = |out: &mut String, field: &str| {
        for note in draft.review.iter().filter(|n| n.field == field) {
            comment(out, "", "REVIEW", &format!("{field}: {}", note.message));
        }
    };
    let not_found = |out: &mut String, field: &str, hint: crate::diag::Text| {
        comment(out, "", "NOT FOUND", &format!("{field} ({hint})"));
    };
    review(&mut out, "encoding");
    review(&mut out, "header");

    review(&mut out, "title");
    match &draft.title {
        Some(title) => out.push_str(&format!("title: {}\n", quote(title))),
        None => {
            not_found(&mut out, "title", crate::msg!("import-missing-title"));
            out.push_str("title:\n");
        }
    }
    review(&mut out, "doc_type");
    out.push_str(&format!("doc_type: {}\n", quote(&draft.doc_type)));
    review(&mut out, "number");
    match &draft.number {
        Some(number) => out.push_str(&format!("number: {}\n", quote(number))),
        None => not_found(&mut out, "number", crate::msg!("import-missing-number")),
    }
    review(&mut out, "issuer");
    match &draft.issuer {
        Some(issuer) => out.push_str(&format!("issuer: {}\n", quote(issuer))),
        None => {
            if !draft.review.iter().any(|n| n.field == "issuer") {
                not_found(&mut out, "issuer", crate::msg!("import-missing-issuer"));
            }
            out.push_str("issuer:\n");
        }
    }
    review(&mut out, "place");
    match &draft.place {
        Some(place) => out.push_str(&format!("place: {}\n", quote(place))),
        None => not_found(&mut out, "place", crate::msg!("import-missing-place")),
    }
    review(&mut out, "date");
    match &draft.date {
        Some(date) => out.push_str(&format!("date: {}\n", quote(&date.to_string()))),
        None => {
            not_found(&mut out, "date", crate::msg!("import-missing-date"));
            out.push_str("date:\n");
        }
    }
    review(&mut out, "campaigns");
    list(&mut out, "campaigns", &draft.campaigns);
    review(&mut out, "recipients");
    if draft.recipients.is_empty() {
        not_found(&mut out, "recipients", crate::msg!("import-missing-recipients"));
    }
    list(&mut out, "recipients", &draft.recipients);

    review(&mut out, "references");
    if draft.references.is_empty() {
        not_found(&mut out, "references", crate::msg!("import-missing-references"));
    } else {
        out.push_str("references:\n");
        for r in &draft.references {
            let mut first = true;
            let mut field = |out: &mut String, key: &str, value: &str| {
                out.push_str(&format!("{}{key}: {}\n", if first { "  - " } else { "    " }, quote(value)));
                first = false;
            };
            if let Some(number) = &r.number {
                field(&mut out, "number", number);
            }
            if let Some(date) = &r.date {
                field(&mut out, "date", &date.to_string());
            }
            if let Some(issuer) = &r.issuer {
                field(&mut out, "issuer", issuer);
            }
            if let Some(title) = &r.title {
                field(&mut out, "title", title);
            }
        }
    }

    review(&mut out, "attachments");
    let (present, missing): (Vec<_>, Vec<_>) = draft.attachments.iter().partition(|a| a.source.is_some());
    if draft.attachments.is_empty() {
        not_found(&mut out, "attachments", crate::msg!("import-missing-attachments"));
    }
    if !missing.is_empty() {
        comment(
            &mut out,
            "",
            "REVIEW",
            &crate::msg!("import-attachments-not-beside", count = missing.len(), source_name).to_string(),
        );
    }
    if !present.is_empty() {
        out.push_str("attachments:\n");
    } else if !missing.is_empty() {
        out.push_str("# attachments:\n");
    }
    for (commented, a) in present.iter().map(|a| (false, *a)).chain(missing.iter().map(|a| (true, *a))) {
        let prefix = if commented { "# " } else { "" };
        out.push_str(&format!("{prefix}  - file: {}\n", quote(&a.file)));
        out.push_str(&format!("{prefix}    title: {}\n", quote(&a.title)));
        if let Some(number) = &a.number {
            out.push_str(&format!("{prefix}    number: {}\n", quote(number)));
        }
    }

    review(&mut out, "deadlines");
    if draft.deadlines.is_empty() {
        not_found(&mut out, "deadlines", crate::msg!("import-missing-deadlines"));
    } else {
        out.push_str("deadlines:\n");
        for d in &draft.deadlines {
            out.push_str(&format!("  - date: {}\n    what: {}\n", quote(&d.date.to_string()), quote(&d.what)));
        }
    }
    review(&mut out, "contacts");
    if draft.contacts.is_empty() && !draft.review.iter().any(|n| n.field == "contacts") {
        not_found(&mut out, "contacts", crate::msg!("import-missing-contacts"));
    }
    list(&mut out, "contacts", &draft.contacts);

    review(&mut out, "signer");
    match &draft.signer {
        Some(signer) => {
            out.push_str("signer:\n");
            for (key, value) in [
                ("authority", &signer.authority),
                ("body", &signer.body),
                ("position", &signer.position),
                ("name", &signer.name),
            ] {
                if let Some(value) = value {
                    out.push_str(&format!("  {key}: {}\n", quote(value)));
                }
            }
        }
        None => not_found(&mut out, "signer", crate::msg!("import-missing-signer")),
    }
    review(&mut out, "distribution");
    if draft.distribution.is_empty() {
        not_found(&mut out, "distribution", crate::msg!("import-missing-distribution"));
    }
    list(&mut out, "distribution", &draft.distribution);
    if let Some(urgency) = &draft.urgency {
        out.push_str(&format!("urgency: {}\n", quote(urgency)));
    }
    out.push_str("draft: true\n---\n\n");
    out.push_str(&draft.body);
    out
}

fn list(out: &mut String, key: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("{key}:\n"));
    for item in items {
        out.push_str(&format!("  - {}\n", quote(item)));
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so
/// the path never holds half a file. Creates the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let temporary: PathBuf = folder.join(format!(".{name}.loa-import-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes_yaml_strings() {
        assert_eq!(quote("Lưu: VT, VP"), "\"Lưu: VT, VP\"");
        assert_eq!(quote("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c\\nd\"");
        assert_eq!(quote("x\u{1}"), "\"x\\u0001\"");
        let parsed: String = serde_yaml::from_str(&quote("# not a comment: \"q\" \\ \u{2028}")).unwrap();
        assert_eq!(parsed, "# not a comment: \"q\" \\ \u{2028}");
    }

    /// Found by the fuzz tests: a C1 control character (here U+0080 in a Kính gửi line)
    /// was written raw, and the YAML parser refused the whole imported file.
    #[test]
    fn escapes_characters_yaml_refuses_in_values_and_comments() {
        for c in ['\u{80}', '\u{9f}', '\u{7f}', '\u{fffe}', '\u{ffff}', '\u{1}'] {
            let value = format!("Số {c} ĐẢNG");
            let mut text = format!("key: {}\n", quote(&value));
            comment(&mut text, "", "REVIEW", &value);
            let parsed: serde_json::Value = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{c:?}: {e}"));
            assert_eq!(parsed["key"], value.as_str());
        }
    }

    #[test]
    fn writes_through_a_temporary_file() {
        let dir = std::env::temp_dir().join(format!("loa-write-test-{}", std::process::id()));
        let path = dir.join("a/index.md");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        let leftovers: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
