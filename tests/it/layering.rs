//! The layering rule of the README ("Layers"), checked on the source: the model imports
//! nothing from outputs or commands, and outputs import nothing from commands. Each `crate::X`
//! path (in `use` or inline, grouped `crate::{X, …}` too) and each `super::` path that climbs
//! to the crate root is read from the code with comments and string literals blanked out.

use std::path::{Path, PathBuf};

/// The model and its leaf helpers: what every output reads.
const MODEL: &[&str] = &["config", "content", "date", "diag", "federation", "hash", "i18n", "markdown", "text", "yaml"];
/// Outputs: what is made from the model (pages, feeds, search, images…) and where it is
/// written or checked.
const OUTPUTS: &[&str] = &["check", "cms", "feeds", "images", "output", "pwa", "qr", "render", "search", "weight"];
/// Commands: what sequences and drives the rest.
const COMMANDS: &[&str] = &["cli", "import", "init", "new", "pipeline", "scans", "sequencer", "serve", "snippet"];

#[test]
fn every_top_level_module_is_in_one_layer() {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let declared: Vec<&str> = lib.lines().filter_map(|l| l.trim().split_once("mod ")?.1.strip_suffix(';')).collect();
    assert!(!declared.is_empty(), "no `mod` lines in src/lib.rs");
    for module in declared {
        let layers = [MODEL, OUTPUTS, COMMANDS].iter().filter(|layer| layer.contains(&module)).count();
        assert_eq!(layers, 1, "src/lib.rs declares `{module}`: put it in exactly one layer here and in the README");
    }
}

#[test]
fn the_model_imports_nothing_from_outputs_or_commands() {
    let violations = violations(MODEL, |_, target| !MODEL.contains(&target));
    assert!(
        violations.is_empty(),
        "the model ({}) may only import the model:\n{}",
        MODEL.join(", "),
        violations.join("\n")
    );
}

#[test]
fn outputs_import_nothing_from_commands() {
    let violations = violations(OUTPUTS, |_, target| COMMANDS.contains(&target));
    assert!(
        violations.is_empty(),
        "outputs may not import commands ({}):\n{}",
        COMMANDS.join(", "),
        violations.join("\n")
    );
}

#[test]
fn the_scanner_sees_grouped_inline_and_super_paths_and_skips_comments_and_strings() {
    let code = "use crate::{text, render::view};\n// crate::serve\nlet a = \"crate::pwa\";\nlet c = '\"';\n\
                fn f() { crate::feeds::x(); }\n/* crate::cli */ use super::super::search;\n";
    let found: Vec<(usize, String)> = crate_paths(code, 2);
    let found: Vec<(usize, &str)> = found.iter().map(|(line, m)| (*line, m.as_str())).collect();
    assert_eq!(found, [(1, "text"), (1, "render"), (5, "feeds"), (6, "search")]);
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `path:line: crate::X` for every top-level module X that a file of `layer` names and
/// `forbidden(file, X)` refuses (`file` relative to `src/`).
fn violations(layer: &[&str], forbidden: impl Fn(&str, &str) -> bool) -> Vec<String> {
    let root = src();
    let mut found = Vec::new();
    for module in layer {
        let mut files = Vec::new();
        rust_files(&root.join(module), &mut files);
        rust_files(&root.join(format!("{module}.rs")), &mut files);
        for file in files {
            let relative = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            let code = std::fs::read_to_string(&file).unwrap();
            for (line, target) in crate_paths(&code, module_depth(&relative)) {
                if is_module(&target) && forbidden(&relative, &target) {
                    found.push(format!("src/{relative}:{line}: crate::{target}"));
                }
            }
        }
    }
    found
}

fn is_module(name: &str) -> bool {
    [MODEL, OUTPUTS, COMMANDS].iter().any(|layer| layer.contains(&name))
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() && path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    } else if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for entry in entries {
            rust_files(&entry, out);
        }
    }
}

/// How many `super::` reach the crate root from a file: `content/load.rs` and
/// `content/mod.rs` are 2 and 1.
fn module_depth(relative: &str) -> usize {
    let parts = relative.split('/').count();
    if relative.ends_with("/mod.rs") { parts - 1 } else { parts }
}

/// The top-level module of each path that starts at the crate root, with its 1-based line:
/// `crate::X`, `$crate::X`, each item of `crate::{X, Y::z}`, and `super::…::X` with at
/// least `depth` `super`s (an inline `mod tests` adds a level, so one more is still the root
/// or an error the compiler reports).
fn crate_paths(code: &str, depth: usize) -> Vec<(usize, String)> {
    let code: Vec<char> = blank_comments_and_strings(code).chars().collect();
    let line_of = |at: usize| code[..at].iter().filter(|&&c| c == '\n').count() + 1;
    let starts_path =
        |at: usize| at == 0 || !(code[at - 1].is_alphanumeric() || code[at - 1] == '_' || code[at - 1] == ':');
    let mut found = Vec::new();
    let mut at = 0;
    while at < code.len() {
        if starts_path(at) && matches_at(&code, at, "crate::") {
            let after = at + "crate::".len();
            found.extend(path_heads(&code, after).into_iter().map(|(name, pos)| (line_of(pos), name)));
            at = after;
        } else if starts_path(at) && matches_at(&code, at, "super::") {
            let mut after = at;
            let mut supers = 0;
            while matches_at(&code, after, "super::") {
                after += "super::".len();
                supers += 1;
            }
            if supers >= depth {
                found.extend(path_heads(&code, after).into_iter().map(|(name, pos)| (line_of(pos), name)));
            }
            at = after;
        } else {
            at += 1;
        }
    }
    found
}

fn matches_at(code: &[char], at: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(i, c)| code.get(at + i) == Some(&c))
}

/// The first segment of the path at `at`, or of each top-level item of a `{…}` group.
fn path_heads(code: &[char], at: usize) -> Vec<(String, usize)> {
    let ident = |from: usize| -> (String, usize) {
        let mut end = from;
        while end < code.len() && (code[end].is_alphanumeric() || code[end] == '_') {
            end += 1;
        }
        (code[from..end].iter().collect(), end)
    };
    if code.get(at) != Some(&'{') {
        let (name, _) = ident(at);
        return if name.is_empty() { Vec::new() } else { vec![(name, at)] };
    }
    let mut heads = Vec::new();
    let mut nesting = 0;
    let mut expect_item = true;
    let mut i = at + 1;
    while i < code.len() {
        match code[i] {
            '{' => nesting += 1,
            '}' if nesting == 0 => break,
            '}' => nesting -= 1,
            ',' if nesting == 0 => expect_item = true,
            c if expect_item && nesting == 0 && (c.is_alphanumeric() || c == '_') => {
                let (name, end) = ident(i);
                heads.push((name, i));
                expect_item = false;
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    heads
}

/// The code with comments, string and char literals replaced by spaces (newlines kept, so
/// lines still count).
fn blank_comments_and_strings(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '/' && peek(&chars, i, 1) == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if chars[i] == '/' && peek(&chars, i, 1) == Some('*') {
            let mut nesting = 0;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '/' && peek(&chars, i, 1) == Some('*') {
                    nesting += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && peek(&chars, i, 1) == Some('/') {
                    nesting -= 1;
                    out.push_str("  ");
                    i += 2;
                    if nesting == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if chars[i] == 'r' && matches!(peek(&chars, i, 1), Some('"' | '#')) && starts_literal(&chars, i) {
            // A raw string: r"…", r#"…"#, …
            let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
            if chars.get(i + 1 + hashes) != Some(&'"') {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
            let start = i + 2 + hashes;
            let end =
                (start..chars.len()).find(|&j| matches_at(&chars, j, &close)).map_or(chars.len(), |j| j + close.len());
            for &c in &chars[i..end] {
                blank(&mut out, c);
            }
            i = end;
        } else if chars[i] == '"' {
            blank(&mut out, chars[i]);
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            if i < chars.len() {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if chars[i] == '\'' && (peek(&chars, i, 1) == Some('\\') || peek(&chars, i, 2) == Some('\'')) {
            // A char literal ('"', '\'', '\u{..}'); a lifetime ('a) has no closing quote.
            let from = if peek(&chars, i, 1) == Some('\\') { i + 3 } else { i + 2 };
            let end = (from..chars.len()).find(|&j| chars[j] == '\'').map_or(chars.len(), |j| j + 1);
            for &c in &chars[i..end] {
                blank(&mut out, c);
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whether the `r` at `at` opens a raw string (`r"`, `br"`), not the end of an identifier.
fn starts_literal(chars: &[char], at: usize) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    match at.checked_sub(1).map(|i| chars[i]) {
        None => true,
        Some('b') => at < 2 || !is_ident(chars[at - 2]),
        Some(c) => !is_ident(c),
    }
}

fn peek(chars: &[char], at: usize, ahead: usize) -> Option<char> {
    chars.get(at + ahead).copied()
}
