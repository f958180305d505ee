//! The message catalog (`locales/vi/loa.ftl`, `locales/en/loa.ftl`): both languages hold the
//! same ids with the same placeables, every id the code uses is in both, no message is left
//! as a plain string, and the binary speaks Vietnamese unless told otherwise.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::TestSite;

/// id → the placeables (`{ $name }`) of its text, for one catalog.
fn placeables(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut found = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in source.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let text = if !line.starts_with(' ') && line.contains('=') {
            let (id, text) = line.split_once('=').unwrap();
            current = Some(id.trim().to_string());
            found.entry(id.trim().to_string()).or_insert_with(BTreeSet::new);
            text
        } else {
            line
        };
        let Some(id) = &current else { continue };
        let names = found.get_mut(id).unwrap();
        for piece in text.split("{ $").skip(1) {
            names.insert(piece.split([' ', '}']).next().unwrap().to_string());
        }
    }
    found
}

#[test]
fn both_catalogs_parse_and_hold_the_same_ids_with_the_same_placeables() {
    for (name, source) in [("vi", loa::diag::VI), ("en", loa::diag::EN)] {
        let errors = loa::diag::catalog_parse_errors(source);
        assert!(errors.is_empty(), "locales/{name}/loa.ftl does not parse: {errors:#?}");
        let ids = loa::diag::catalog_ids(source);
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "locales/{name}/loa.ftl defines an id twice");
    }
    let vi = placeables(loa::diag::VI);
    let en = placeables(loa::diag::EN);
    let only_vi: Vec<&String> = vi.keys().filter(|id| !en.contains_key(*id)).collect();
    let only_en: Vec<&String> = en.keys().filter(|id| !vi.contains_key(*id)).collect();
    assert!(only_vi.is_empty() && only_en.is_empty(), "in one language only: vi {only_vi:?}, en {only_en:?}");
    let differ: Vec<String> = vi
        .iter()
        .filter(|(id, names)| en[*id] != **names)
        .map(|(id, names)| format!("{id}: vi {names:?}, en {:?}", en[id]))
        .collect();
    assert!(differ.is_empty(), "placeables differ between languages:\n{}", differ.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each source file of `src/` (relative path, text before its `#[cfg(test)]` module).
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            // Comments are blanked (lines kept) so examples in doc comments are not calls.
            let code: Vec<&str> = text
                .split("#[cfg(test)]")
                .next()
                .unwrap()
                .lines()
                .map(|line| if line.trim_start().starts_with("//") { "" } else { line })
                .collect();
            let code = code.join("\n");
            (path.strip_prefix(root).unwrap().to_string_lossy().into_owned(), code)
        })
        .collect()
}

#[test]
fn every_id_the_code_uses_is_in_the_catalog() {
    let vi = placeables(loa::diag::VI);
    let mut missing = Vec::new();
    for (file, code) in sources() {
        for (n, line) in code.lines().enumerate() {
            for piece in line.split("msg!(\"").skip(1) {
                let id = piece.split('"').next().unwrap();
                if !vi.contains_key(id) {
                    missing.push(format!("{file}:{}: `{id}`", n + 1));
                }
            }
        }
    }
    assert!(missing.is_empty(), "ids missing from locales/*/loa.ftl:\n{}", missing.join("\n"));
}

/// The calls that take a message or a hint, and the index of that argument.
const MESSAGE_ARGUMENTS: &[(&str, usize)] = &[
    ("Diagnostic::error(", 2),
    ("Diagnostic::warning(", 2),
    (".with_hint(", 0),
    // `Fields::error(key, message, hint)` and `warning`, whatever the variable is called.
    (".error(", 1),
    (".error(", 2),
    (".warning(", 1),
    (".warning(", 2),
    ("DateError(", 0),
    // `loa import`'s refusals and the cover photo's errors.
    ("ImportError::new(", 1),
    ("ImportError::new(", 2),
    ("docx_error(", 0),
    ("docx_error(", 1),
    ("corrupt(", 0),
    ("PhotoError::unreadable(", 0),
];

/// Error structs built field by field (`Refusal { message: …, hint: … }`): their `message` and
/// `hint` must be catalog texts too.
const MESSAGE_STRUCTS: &[&str] = &["Refusal {", "PdfError {", "DocxError {", "PhotoError {"];

/// The top-level arguments of the call whose `(` ends `before`.
fn arguments(after: &str) -> Vec<String> {
    let mut depth = 0;
    let mut args = vec![String::new()];
    let mut in_string = false;
    let mut previous = ' ';
    for c in after.chars() {
        if in_string {
            in_string = !(c == '"' && previous != '\\');
        } else {
            match c {
                '"' => in_string = true,
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' if depth == 0 => break,
                ')' | ']' | '}' => depth -= 1,
                ',' if depth == 0 => {
                    args.push(String::new());
                    previous = c;
                    continue;
                }
                _ => {}
            }
        }
        args.last_mut().unwrap().push(c);
        previous = c;
    }
    args
}

/// `file:line` of every message built from a plain string (a literal or `format!`) instead of
/// a catalog `msg!`.
fn untranslated() -> Vec<String> {
    let mut found = Vec::new();
    for (file, code) in sources() {
        for (call, index) in MESSAGE_ARGUMENTS {
            for (at, _) in code.match_indices(call) {
                let arguments = arguments(&code[at + call.len()..]);
                // `Fields::error`/`warning` take three arguments; a one-argument `.with_hint` is checked.
                if matches!(*call, ".error(" | ".warning(") && arguments.len() != 3 {
                    continue;
                }
                let Some(argument) = arguments.into_iter().nth(*index) else { continue };
                let argument = argument.trim();
                if plain(argument) {
                    found.push(format!("{file}:{}", code[..at].lines().count().max(1)));
                }
            }
        }
        for name in MESSAGE_STRUCTS {
            for (at, _) in code.match_indices(name) {
                for field in arguments(&code[at + name.len()..]) {
                    let field = field.trim();
                    let value = field.strip_prefix("message:").or_else(|| field.strip_prefix("hint:"));
                    if value.is_some_and(|value| plain(value.trim())) {
                        found.push(format!("{file}:{}", code[..at].lines().count().max(1)));
                    }
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// A message argument written as a literal or `format!` rather than a catalog `msg!`.
fn plain(argument: &str) -> bool {
    !argument.contains("msg!(") && (argument.contains('"') || argument.contains("format!"))
}

#[test]
fn no_message_is_left_untranslated() {
    let found = untranslated();
    assert!(
        found.is_empty(),
        "message(s) built from a plain string: write them as msg!(\"id\", args) with the id in both \
         locales/*/loa.ftl (see diag::Text):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_finds_plain_strings_and_accepts_catalog_messages() {
    let args = arguments("file, pos, format!(\"a, b {x}\", x = f(1, 2))).with_hint(\"h\")");
    assert_eq!(args.len(), 3, "{args:?}");
    assert!(args[2].contains("format!"));
    let fields = arguments(" message: format!(\"a {x}\"), hint: crate::msg!(\"h\") });");
    assert!(plain(fields[0].trim().strip_prefix("message:").unwrap()), "{fields:?}");
    assert!(!plain(fields[1].trim().strip_prefix("hint:").unwrap()), "{fields:?}");
}

fn loa(site: &TestSite, args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command.args(args).arg("--root").arg(site.root()).arg("--out").arg(site.out());
    for name in ["LC_ALL", "LC_MESSAGES", "LANG", "NO_COLOR"] {
        command.env_remove(name);
    }
    command.envs(env.iter().copied()).output().unwrap()
}

fn site_with_typos() -> TestSite {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/directives/sai.md",
        "---\ntitle: Kế hoạch\nisuer: so-khcn-mau\ndate: 2024-02-30\ncampaigns: [hoi-thi-mau]\n---\nx\n",
    );
    site
}

#[test]
fn the_binary_speaks_vietnamese_by_default_with_field_names_as_written() {
    let site = site_with_typos();
    let output = loa(&site, &["check"], &[]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("lỗi: trường `isuer` không tồn tại"), "{stderr}");
    assert!(stderr.contains("= gợi ý: có phải ý bạn là `issuer`?"), "{stderr}");
    assert!(stderr.contains("--> content/directives/sai.md:3:1"), "file:line:col stays: {stderr}");
    assert!(stderr.contains("ngày không hợp lệ ở `date`: 2024-02 không có ngày 30 (tháng này có 29 ngày)"), "{stderr}");
    assert!(!stderr.contains("unknown field"), "{stderr}");
}

#[test]
fn english_is_chosen_by_the_flag_or_the_locale() {
    let site = site_with_typos();
    for (args, env) in [
        (vec!["check", "--lang", "en"], vec![]),
        (vec!["--lang", "en", "check"], vec![("LANG", "vi_VN.UTF-8")]),
        (vec!["check"], vec![("LANG", "en_US.UTF-8")]),
        (vec!["check"], vec![("LC_ALL", "en_GB.UTF-8"), ("LANG", "vi_VN.UTF-8")]),
    ] {
        let stderr = String::from_utf8(loa(&site, &args, &env).stderr).unwrap();
        assert!(stderr.contains("error: unknown field `isuer`"), "{args:?} {env:?}: {stderr}");
        assert!(stderr.contains("= hint: did you mean `issuer`?"), "{stderr}");
    }
    let stderr = String::from_utf8(loa(&site, &["check", "--lang", "vi"], &[("LANG", "en_US")]).stderr).unwrap();
    assert!(stderr.contains("trường `isuer` không tồn tại"), "--lang wins over LANG: {stderr}");
}

#[test]
fn json_keeps_a_stable_code_beside_the_text_in_the_chosen_language() {
    let site = site_with_typos();
    let report = |lang: &str| -> serde_json::Value {
        let output = loa(&site, &["check", "--format", "json", "--lang", lang], &[]);
        serde_json::from_slice(&output.stdout).unwrap()
    };
    let find = |report: &serde_json::Value| {
        report["diagnostics"].as_array().unwrap().iter().find(|d| d["code"] == "field-unknown").cloned().unwrap()
    };
    let (vi, en) = (find(&report("vi")), find(&report("en")));
    assert_eq!(vi["message"], "trường `isuer` không tồn tại");
    assert_eq!(en["message"], "unknown field `isuer`");
    assert_eq!(vi["hint"], "có phải ý bạn là `issuer`?");
    assert_eq!((vi["line"].clone(), vi["col"].clone()), (en["line"].clone(), en["col"].clone()));
}

/// `loa serve` in Vietnamese (no locale set): killed when dropped.
struct Serving(std::process::Child);

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn the_serve_overlay_is_in_vietnamese() {
    use std::io::BufRead;
    let site = TestSite::from_fixture("minimal");
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    let mut child = command
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(site.out())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let serving = Serving(child);
    let address = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split(" at http://").nth(1) {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let mut events = crate::serve::Events::connect(&address);
    std::thread::sleep(std::time::Duration::from_millis(300));
    let file = site.root().join("content/directives/2024/kh-45-skhcn.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("title: ", "isuer: so-khcn-mau\ntitle: ", 1)).unwrap();
    let event = events.next();
    let list: Vec<String> = serde_json::from_str(event.strip_prefix("errors ").expect("an errors event")).unwrap();
    assert_eq!(list[0], "loa: dựng trang thất bại (trang đang hiện phiên bản tốt gần nhất)", "{list:?}");
    assert!(
        list.iter().any(|e| e.contains("kh-45-skhcn.md:")
            && e.contains(": lỗi: trường `isuer` không tồn tại\n  gợi ý: có phải ý bạn là `issuer`?")),
        "{list:?}"
    );
    drop(serving);
}
