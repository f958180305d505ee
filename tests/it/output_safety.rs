//! A failed build never damages the previous output, and hand-made files are not deleted.

use std::process::Command;

use crate::support::{TestSite, snapshot};

/// `loa build` of a test portal, as a person runs it.
fn loa_build(site: &TestSite) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["build", "--root"])
        .arg(site.root())
        .arg("--out")
        .arg(site.out())
        .output()
        .unwrap()
}

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let before = snapshot(&site.out());
    site.write("content/directives/hong.md", "---\ntitle: [unclosed\n---\n");
    site.build_errors();
    assert_eq!(snapshot(&site.out()), before);
    let leftovers: Vec<_> =
        std::fs::read_dir(site.dir.path()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no staging folder is left behind: {leftovers:?}");
}

#[test]
fn files_put_in_the_output_by_hand_are_not_deleted_without_clean() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    std::fs::write(site.out().join("google123.html"), "verification").unwrap();
    let errors = site.build_errors();
    assert!(errors[0].contains("holds files that loa did not write: google123.html"), "{errors:?}");
    assert!(site.out().join("google123.html").exists());
    let mut options = site.options();
    options.clean = true;
    assert!(loa::pipeline::build(&options).succeeded());
    assert!(!site.out().join("google123.html").exists());
}

#[test]
fn the_command_line_reports_errors_and_exits_non_zero() {
    let site = TestSite::minimal_with("unknown-field");
    let output = loa_build(&site);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    // As rustc shows it: the message, where, the source line with a caret, the hint.
    assert!(
        stderr.contains(
            "error: unknown field `isuer`\n --> content/directives/typo.md:4:1\n  |\n4 | isuer: so-khcn-mau\n  | ^\n  |\n  = hint: did you mean `issuer`?\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("the previous output"), "{stderr}");
}

#[test]
fn check_prints_the_same_errors_as_build_and_json_on_request() {
    let site = TestSite::minimal_with("unknown-refs");
    let output = Command::new(env!("CARGO_BIN_EXE_loa"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["check", "--format", "json", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["errors"], 3);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    let first = diagnostics.iter().find(|d| d["severity"] == "error").unwrap();
    assert_eq!(first["file"], "content/directives/refs.md");
    assert_eq!(first["line"], 4);
    assert_eq!(first["severity"], "error");
    assert!(!site.out().exists(), "check writes nothing");
}

#[test]
fn the_summary_line_counts_pages_and_attachments() {
    let site = TestSite::from_fixture("minimal");
    let output = loa_build(&site);
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let html_files =
        loa::output::list_files(&site.out()).iter().filter(|p| p.extension().is_some_and(|e| e == "html")).count();
    assert!(stdout.starts_with(&format!("built {html_files} pages and 3 attachments into ")), "{stdout}");
}

#[test]
fn replaced_outputs_are_deleted_by_the_next_build() {
    let site = TestSite::from_fixture("minimal");
    let replaced = || {
        std::fs::read_dir(site.dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().contains("loa-replaced"))
            .count()
    };
    site.build_ok();
    site.build_ok();
    assert_eq!(replaced(), 1, "the second build set the first output aside");
    site.build_ok();
    assert_eq!(replaced(), 1, "the third build deleted it and set the second aside");
}
