//! What the `loa` command prints: diagnostics with their source line and caret (as rustc
//! shows them), and the exit codes chosen by the command line, not the library.

use std::process::Command;

use crate::support::TestSite;

fn loa(args: &[&str], site: &TestSite) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .arg("--out")
        .arg(site.out())
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// A directive saved decomposed (NFD, as some Mac editors do) with a YAML error after its
/// Vietnamese words: the loader counts the column in NFC characters, and the caret must fall
/// under the same character of the line shown.
fn site_with_a_vietnamese_error() -> TestSite {
    let site = TestSite::from_fixture("minimal");
    let title = "title: \"Ke\u{302}\u{301} hoa\u{323}ch to\u{302}\u{309} chu\u{31b}\u{301}c\" thu\u{31b}\u{300}a";
    site.write("content/directives/nfd.md", &format!("---\n{title}\nissuer: so-khcn-mau\n---\nx\n"));
    site
}

const NFD_SNIPPET: &str = "error: YAML syntax error: did not find expected key
 --> content/directives/nfd.md:2:27
  |
2 | title: \"Kế hoạch tổ chức\" thừa
  |                           ^
  |
  = hint: ";

#[test]
fn build_shows_the_source_line_with_a_caret_under_the_vietnamese_column() {
    let site = site_with_a_vietnamese_error();
    let output = loa(&["build"], &site);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(NFD_SNIPPET), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "no colour when stderr is not a terminal: {stderr:?}");
    let summary = format!("build failed: 1 error(s); the previous output in {} is unchanged\n", site.out().display());
    assert!(stderr.ends_with(&summary), "{stderr}");
}

#[test]
fn check_shows_the_same_snippet_and_json_stays_one_object_per_diagnostic() {
    let site = site_with_a_vietnamese_error();
    let output = loa(&["check"], &site);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains(NFD_SNIPPET), "{stderr}");
    assert!(stderr.ends_with("1 error(s), 0 warning(s)\n"), "{stderr}");

    let output = loa(&["check", "--format", "json"], &site);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["line"], 2);
    assert_eq!(report["diagnostics"][0]["col"], 27);
}

#[test]
fn a_diagnostic_whose_line_cannot_be_shown_keeps_its_position_and_hint() {
    // A file-level problem on a folder: nothing to quote, the position and hint still print.
    let site = TestSite::from_fixture("minimal");
    let output = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["check", "--links", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(site.root().join("khong-co"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("error: there is no built output to check links in\n--> "), "{stderr}");
    assert!(stderr.contains("khong-co:1:1\n = hint: run `loa build` first"), "{stderr}");
}

#[test]
fn serve_on_an_address_in_use_is_a_usage_error() {
    let site = TestSite::from_fixture("minimal");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = loa(&["serve", "--port", &port], &site);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with(&format!("error: cannot listen on 127.0.0.1:{port}: ")), "{stderr}");
}

/// Only `main.rs` and `cli.rs` print and choose exit codes: the library returns data and
/// diagnostics. Test modules may print.
#[test]
fn only_the_command_line_prints_and_chooses_exit_codes() {
    let forbidden = [
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "dbg!(",
        "process::exit",
        "EXIT_",
        "io::stdout()",
        "io::stderr()",
    ];
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found: Vec<(String, usize)> = Vec::new();
    for entry in walkdir::WalkDir::new(&src).into_iter().filter_map(Result::ok) {
        let path = entry.path();
        let name = path.strip_prefix(src.parent().unwrap()).unwrap().to_string_lossy().replace('\\', "/");
        if path.extension().is_none_or(|e| e != "rs") || name == "src/main.rs" || name == "src/cli.rs" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        // Test modules may print; a `#[cfg(test)]` function between library code does not end it.
        let code = text.split("#[cfg(test)]\nmod ").next().unwrap();
        let count = code
            .lines()
            .filter(|line| !line.trim_start().starts_with("//"))
            .filter(|line| forbidden.iter().any(|f| line.contains(f)))
            .count();
        if count > 0 {
            found.push((name, count));
        }
    }
    found.sort();
    assert_eq!(found, [], "library code that prints or picks an exit code (return data to cli.rs instead)");
}
