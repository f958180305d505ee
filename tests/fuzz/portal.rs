//! The short-link registry: its parser alone (fast enough for a million cases), and whole
//! builds of a tiny portal with a random registry and random `short:` and `aliases:` in a
//! guide. Nothing may be written outside the output folder and the portal's own folder.

use std::path::Path;

use loa::content::shortlinks;
use loa::pipeline::{self, BuildOptions};
use proptest::prelude::*;

use super::support::{Entropy, Report, bounded, config, entropy};

/// Registry syntax and codes; `HOSTILE` adds paths that try to leave the output folder.
const REGISTRY: &[&str] = &[
    "HDTG:\n",
    "ABCD:\n",
    "Q2:\n",
    "hdtg:\n",
    "  page: ",
    "  title: ",
    "  url: ",
    "  retired: ",
    "guide/huong-dan-tham-gia",
    "campaign/hoi-thi-mau",
    "directive/kh-45-skhcn",
    "guide/khong-co",
    "/phong-trao/",
    "/huong-dan/huong-dan-tham-gia/",
    "\"",
    "'",
    "\n",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "- ",
    "~",
    "null",
    "&a ",
    "*a",
    "Hội thi",
    "#",
    "\t",
];
const HOSTILE: &[&str] =
    &["/../victim/", "../../victim2", "..", "/", "%2e%2e/", "\\..\\x", "/tmp/x", "\u{0}", "a/../../b"];
const SHORT: &[&str] = &["HDTG", "ABCD", "Q2", "hdtg", "X", "", "2345678", "ĐĐ", "A B", "A/B", "\"A\""];
const ALIASES: &[&str] = &["[/cu/]", "[/huong-dan/cu/, /a/]", "[]", "/cu/", "[x]", "[/a/b/c/]", "[\"/é/\"]"];

fn portal_files(e: &mut Entropy, hostile: bool) -> (String, String) {
    let fragments: Vec<&str> =
        if hostile { REGISTRY.iter().chain(HOSTILE).copied().collect() } else { REGISTRY.to_vec() };
    let registry = e.text(&fragments, 30);
    let short = e.pick(SHORT);
    let aliases =
        if hostile && e.chance(128) { format!("[\"{}\"]", e.pick(HOSTILE)) } else { e.pick(ALIASES).to_owned() };
    let guide = format!(
        "---\ntitle: Hướng dẫn tham gia Hội thi\ncampaigns: [hoi-thi-mau]\nshort: \"{short}\"\naliases: {aliases}\ncontacts: [vu-van-a]\n---\nNội dung.\n"
    );
    (registry, guide)
}

/// Every file in `dir` that is neither in the portal (`site/`) nor in the output
/// (`public/`, and the build's staging and replaced folders beside it).
fn strays(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned())
        .filter(|p| !p.starts_with("site/") && !p.starts_with("public/") && !p.starts_with(".public.loa-"))
        .collect()
}

fn check_build(bytes: &[u8], hostile: bool) -> Result<(), TestCaseError> {
    let (registry, guide) = portal_files(&mut Entropy::new(bytes), hostile);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal"), &root);
    std::fs::write(root.join("short-links.yaml"), &registry).unwrap();
    std::fs::write(root.join("content/guides/huong-dan-tham-gia.md"), &guide).unwrap();
    let mut options = BuildOptions::new(&root);
    options.out = dir.path().join("public");
    let input = format!("{registry}\n{guide}");
    let outcome = bounded(input.as_bytes(), || pipeline::build(&options))?;
    let strays = strays(dir.path());
    prop_assert!(strays.is_empty(), "written outside the output: {strays:?}\nregistry:\n{registry}\nguide:\n{guide}");
    if outcome.succeeded() {
        // The registry the build wrote back must read back.
        let written = std::fs::read_to_string(root.join("short-links.yaml")).unwrap();
        prop_assert!(
            serde_yaml::from_str::<serde_yaml::Value>(&written).is_ok(),
            "the registry written back is not YAML:\n{written}"
        );
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The seed the registry property mutates: what `loa build` writes, plus a retired code.
const REGISTRY_SEED: &str = "# Short links.\nHDTG:\n  page: guide/huong-dan-tham-gia\n  title: Hướng dẫn tham gia Hội thi\n  url: /huong-dan/huong-dan-tham-gia/\nQ2CU:\n  retired: /phong-trao/\n";

/// The registry parser alone: every code it accepts is a short code, every `retired:`
/// target it accepts is a site path (both become output folders), and every problem is
/// reported at a line of the file.
#[test]
fn registry() {
    let config = config(2_000);
    let _report = Report::start("registry", &config);
    let fragments: Vec<&str> = REGISTRY.iter().chain(HOSTILE).copied().collect();
    proptest!(config, |(bytes in entropy(512))| {
        let mut e = Entropy::new(&bytes);
        let text = if e.chance(128) { e.mutate(REGISTRY_SEED, &fragments) } else { e.text(&fragments, 60) };
        let lines = text.split('\n').count() + 1;
        match bounded(text.as_bytes(), || shortlinks::parse_registry(&text))? {
            Err(error) => prop_assert!(error.position.line <= lines, "{error:?}\n{text}"),
            Ok((entries, problems)) => {
                for (code, entry) in &entries {
                    prop_assert!(shortlinks::check_code(code).is_ok(), "accepted code {code:?}\n{text}");
                    prop_assert_eq!(code, &code.to_uppercase());
                    if let Some(target) = &entry.retired {
                        prop_assert!(shortlinks::check_site_path(target, true).is_ok(), "accepted {target:?}\n{text}");
                    }
                    prop_assert!((1..=lines).contains(&entry.position.line), "{entry:?}\n{text}");
                }
                for problem in &problems {
                    prop_assert!(problem.is_error() && problem.position.line <= lines, "{problem:?}\n{text}");
                }
            }
        }
    });
}

#[test]
fn short_links() {
    let config = config(30);
    let _report = Report::start("short_links", &config);
    proptest!(config, |(bytes in entropy(128))| {
        check_build(&bytes, false)?;
    });
}

/// Aliases and registry codes that try to leave the output folder (before the confinement
/// function, `aliases: ["/../victim/"]` wrote `victim/index.html` beside the output).
#[test]
fn short_links_hostile_paths() {
    let config = config(200);
    let _report = Report::start("short_links_hostile_paths", &config);
    proptest!(config, |(bytes in entropy(128))| {
        check_build(&bytes, true)?;
    });
}
