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
    // A call rustfmt spreads over lines ends with a comma: that is no argument.
    if args.len() > 1 && args.last().is_some_and(|a| a.trim().is_empty()) {
        args.pop();
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
    // rustfmt's trailing comma after the last argument of a call spread over lines.
    let spread = arguments("\n    \"log\",\n    format!(\"`{}` is bad\", x),\n    \"write it so\",\n);");
    assert_eq!(spread.len(), 3, "{spread:?}");
}

/// Whether a piece of code holds a string literal with English prose in it: two words of
/// ASCII letters in a row ("the page itself"), which a reader of the Vietnamese edition would
/// see untranslated. Values (`"{c:?}"`, `"U+{:04X}"`, `"{name} {}"`, `".."`) have none, nor
/// has Vietnamese page text ("Thẻ chia sẻ của …"), which is content, not a message.
fn prose(code: &str) -> bool {
    // A quote as a char literal (`'"'`, `b'"'`, `'\"'`) opens no string.
    let code = code.replace("'\"'", "' '").replace("'\\\"'", "' '");
    let mut literals = Vec::new();
    let mut current: Option<String> = None;
    let mut previous = ' ';
    for c in code.chars() {
        match &mut current {
            Some(_) if c == '"' && previous != '\\' => literals.push(current.take().unwrap()),
            Some(text) => text.push(c),
            None if c == '"' => current = Some(String::new()),
            None => {}
        }
        previous = c;
    }
    let word = |w: &str| {
        let w = w.trim_end_matches([',', '.', ':', ';', '?', '!']);
        w.chars().count() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic())
    };
    literals.iter().any(|text| {
        let words: Vec<&str> = text.split_whitespace().collect();
        words.windows(2).any(|pair| word(pair[0]) && word(pair[1]))
    })
}

/// `file:line` of every place a text can become a message without the catalog: a conversion
/// from a string into `Text` or a `Text::untranslated` outside tests, and prose written as a
/// plain argument of a `msg!` (its words would stay in one language) or as an `Err` or `Some`
/// value of a check whose reason is shown inside a message (`check_site_path`'s and
/// `links::problem`'s `problem`).
fn held_in_variables(sources: &[(String, String)]) -> Vec<String> {
    let mut found = Vec::new();
    let line = |code: &str, at: usize| code[..at].lines().count().max(1);
    for (file, code) in sources {
        for (at, _) in code.match_indices("impl From<") {
            let head = code[at..].split('{').next().unwrap_or("");
            if head.trim_end().ends_with("for Text") || head.contains("for crate::diag::Text") {
                found.push(format!("{file}:{}: a conversion into Text", line(code, at)));
            }
        }
        if file != "src/diag/catalog.rs" {
            for (at, _) in code.match_indices("Text::untranslated(") {
                found.push(format!("{file}:{}: Text::untranslated", line(code, at)));
            }
        }
        for (at, _) in code.match_indices("msg!(") {
            let args = arguments(&code[at + "msg!(".len()..]);
            if args.iter().skip(1).any(|arg| prose(arg)) {
                found.push(format!("{file}:{}: prose as a plain msg! argument", line(code, at)));
            }
        }
        for call in ["Err(", "Some(", "Arg::Plain("] {
            for (at, _) in code.match_indices(call) {
                let args = arguments(&code[at + call.len()..]);
                if args.first().is_some_and(|arg| !arg.contains("msg!(") && prose(arg)) {
                    found.push(format!("{file}:{}: prose in {call}…)", line(code, at)));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Commands whose errors are not diagnostics: `loa init` and `loa new` print a usage error
/// and stop (issue #25 asks for the messages of check, build, import and serve).
const COMMANDS_OUTSIDE: &[&str] = &["src/init/", "src/new/"];

#[test]
fn no_message_is_held_in_a_plain_string_first() {
    let sources: Vec<(String, String)> =
        sources().into_iter().filter(|(file, _)| !COMMANDS_OUTSIDE.iter().any(|dir| file.starts_with(dir))).collect();
    let found = held_in_variables(&sources);
    assert!(
        found.is_empty(),
        "text that can reach a message without the catalog: return a diag::Text built with \
         msg!(\"id\", args) instead of a String, and pass prose to msg! as a Text argument:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_variable_scan_fails_on_planted_cases() {
    let planted = |code: &str| held_in_variables(&[("src/planted.rs".to_owned(), code.to_owned())]);
    // The cases #25 found: a reason returned as a String, then shown inside a message.
    assert_eq!(
        planted("fn check(p: &str) -> Result<(), String> {\n    Err(\"it must start with `/`\".into())\n}").len(),
        1
    );
    assert_eq!(planted("let e = Err(format!(\"it has a `{s}` segment\"));").len(), 1);
    assert_eq!(
        planted("fn problem(&self) -> Option<String> {\n    Some(\"no such file in the output\".into())\n}").len(),
        1
    );
    assert_eq!(planted("crate::msg!(\"weight\", files = format!(\"the page itself {}\", kb))").len(), 1);
    assert_eq!(planted("impl From<String> for Text {\n fn from(t: String) -> Text { x } }").len(), 1);
    assert_eq!(planted("let t = Text::untranslated(message);").len(), 1);
    assert_eq!(planted("heavy.push(Arg::Plain(\"the page itself\".into()));").len(), 1);
    // Values are not prose, and catalog texts pass.
    assert!(planted("crate::msg!(\"x\", character = format!(\"{c:?}\"), segment = \"..\")").is_empty());
    assert!(planted("return Err(crate::msg!(\"site-path-no-slash\"));").is_empty());
    assert!(planted("Arg::Plain(format!(\"{name} {}\", kb(size)))").is_empty());
    assert!(planted("Some(View { alt: format!(\"Thẻ chia sẻ của {} trên {}\", a, b) })").is_empty());
    assert!(planted("match q { Some(b'\"') => Some('\"'), _ => Some('&') }; let s = \"a b c\";").is_empty());
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

/// `loa import --dry-run` of a real dispatch (its date line leaves the day blank, it names no
/// deadline) into a copy of the minimal portal, in the language `args`/`env` choose: (stdout,
/// stderr).
fn import_dry_run(args: &[&str], env: &[(&str, &str)]) -> (String, String) {
    let site = TestSite::from_fixture("minimal");
    let input = crate::support::fixture("import").join("002_a0f01d78cc4a4145.txt");
    let mut command = Command::new(env!("CARGO_BIN_EXE_loa"));
    command.arg("import").arg(&input).arg("--dry-run").arg("--root").arg(site.root()).args(args);
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(name);
    }
    let output = command.envs(env.iter().copied()).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn loa_import_writes_its_review_notes_in_vietnamese_by_default() {
    let (file, report) = import_dry_run(&[], &[]);
    for expected in [
        "# Đã nhập: bằng `loa import` từ 002_a0f01d78cc4a4145.txt. Đối chiếu các trường đánh dấu REVIEW và NOT FOUND",
        "# REVIEW: date: văn bản để trống ngày (ngày … tháng …): giữ năm và tháng",
        "# NOT FOUND: deadlines (không có \"trước ngày …\", \"chậm nhất …\" hay \"đến hết ngày …\")",
    ] {
        assert!(file.contains(expected), "{expected}\nnot in:\n{file}");
    }
    assert!(report.contains("  tìm thấy:   "), "{report}");
    assert!(report.contains("cần xem lại ("), "{report}");
    assert!(report.contains("    - date: văn bản để trống ngày"), "{report}");
    assert!(!file.contains("the day is blank") && !report.contains("to review"), "{file}\n{report}");
    // Precomposed letters (NFC), as every Vietnamese text loa writes.
    assert_eq!(loa::text::nfc(&file), file);
    assert_eq!(loa::text::nfc(&report), report);
}

#[test]
fn loa_import_writes_its_review_notes_in_english_when_asked() {
    for (args, env) in [(vec!["--lang", "en"], vec![]), (vec![], vec![("LANG", "en_US.UTF-8")])] {
        let (file, report) = import_dry_run(&args, &env);
        for expected in [
            "# Imported: by `loa import` from 002_a0f01d78cc4a4145.txt. Check the fields marked REVIEW and NOT FOUND",
            "# REVIEW: date: the day is blank in the document (ngày … tháng …): kept as year and month",
            "# NOT FOUND: deadlines (no \"trước ngày …\", \"chậm nhất …\" or \"đến hết ngày …\")",
        ] {
            assert!(file.contains(expected), "{args:?} {env:?}: {expected}\nnot in:\n{file}");
        }
        assert!(report.contains("  found:      ") && report.contains("to review ("), "{report}");
        assert!(!file.contains("giữ năm và tháng"), "{file}");
    }
}

#[test]
fn nested_pieces_follow_the_language_the_message_is_shown_in() {
    // A message whose argument is itself a catalog text: each language renders its own.
    let subject = loa::msg!("subject-document");
    let message = loa::msg!("gate-empty", key = "confidentiality", subject);
    assert_eq!(
        message.in_lang(loa::diag::Lang::En),
        "`confidentiality` is empty: this document must say explicitly whether it may be published"
    );
    assert_eq!(
        message.in_lang(loa::diag::Lang::Vi),
        "`confidentiality` để trống: văn bản này phải ghi rõ có được đăng hay không"
    );
    // A list: names as written, then "and N more" in the message's language.
    let files =
        vec![loa::diag::Arg::Plain("a.html".into()), loa::diag::Arg::Text(loa::msg!("output-folder-more", count = 3))];
    let message = loa::msg!("output-folder-foreign", files);
    assert!(message.in_lang(loa::diag::Lang::En).ends_with("a.html, and 3 more"), "{message:?}");
    assert!(message.in_lang(loa::diag::Lang::Vi).ends_with("a.html, và 3 tệp khác"), "{message:?}");
    // No text at all: the optional note of the page-weight hint.
    let strict = loa::msg!("weight-budget-hint", budget_kb = 200, strict_note = None::<loa::diag::Text>);
    assert!(strict.in_lang(loa::diag::Lang::En).ends_with("in site.yaml"), "{strict:?}");
    let lenient = loa::msg!("weight-budget-hint", budget_kb = 200, strict_note = Some(loa::msg!("weight-strict-note")));
    assert!(lenient.in_lang(loa::diag::Lang::Vi).ends_with("trong site.yaml (`--strict` biến cảnh báo này thành lỗi)"));
}
