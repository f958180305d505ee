//! Content files and `site.yaml`: random and mutated front matter through the splitter, the
//! YAML parser, the key locator and the whole-file loader; `site.yaml` through the
//! configuration loader; Markdown bodies with directive blocks through the renderer.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use loa::config::Config;
use loa::content::front_matter;
use loa::diag::Text;
use loa::markdown::{self, Block, BlockRenderer};
use loa::yaml::{self, Locator, Segment};
use proptest::prelude::*;

use super::support::{Entropy, Report, bounded, config, entropy};

const CONTENT_SEEDS: &[&str] = &[
    include_str!("../fixtures/minimal/content/guides/huong-dan-tham-gia.md"),
    include_str!("../fixtures/minimal/content/directives/2024/kh-45-skhcn.md"),
    include_str!("../fixtures/minimal/content/directives/2024/cv-12-duk/index.md"),
    include_str!("../fixtures/minimal/content/campaigns/hoi-thi-mau/index.md"),
    include_str!("../fixtures/minimal/content/contacts/people/vu-van-a.md"),
];

/// Keys of the content model and YAML's own syntax, with hostile values.
const YAML: &[&str] = &[
    "title: ",
    "date: ",
    "issuer: ",
    "number: ",
    "doc_type: ",
    "confidentiality: ",
    "circulation: ",
    "aliases: ",
    "short: ",
    "attachments:\n  - file: ",
    "    title: ",
    "deadlines:\n  - date: ",
    "    what: ",
    "contacts: ",
    "campaigns: ",
    "tags: ",
    "draft: ",
    "start: ",
    "end: ",
    "summary: ",
    "signer:\n  name: ",
    "phone: ",
    "email: ",
    "retired: ",
    "references:\n  - number: ",
    "\n",
    "\n  ",
    "\n  - ",
    "- ",
    "  ",
    ": ",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!binary ",
    "!!str ",
    "!<tag:x> ",
    "? ",
    "|\n  ",
    ">-\n  ",
    "~",
    "null",
    "none",
    "Mật",
    "Tối mật",
    "internal",
    "public",
    "true",
    "no",
    "0237.3852.246",
    "84942200232",
    "1e309",
    "0x1F",
    ".nan",
    "2024-06-10",
    "2023-02-29",
    "2024-13-01",
    "2024-06",
    "9999999999-01-01",
    "/../victim/",
    "../../victim2",
    "/tep/x/",
    "C:\\x",
    "\u{0}",
    "javascript:alert(1)",
    "hoi-thi-mau",
    "vu-van-a",
    "so-khcn-mau",
    "a@b.vn",
    "\t",
    "---",
    "...",
    "%YAML 1.2\n",
    "\u{feff}",
    "Hội thi “Sáng tạo”",
    "\\",
    "@",
    "`",
];

/// Markdown and directive syntax, nested and unbalanced.
const MARKDOWN: &[&str] = &[
    ":::note\n",
    ":::warning\n",
    ":::\n",
    ":::unknown{a=b}\n",
    "::deadline{date=2024-06-30 what=\"Nộp hồ sơ\"}\n",
    "::contact{ref=vu-van-a}\n",
    "::attachment{ref=mau-phieu.pdf}\n",
    "::qr{ref=HDTG}\n",
    "::x{",
    "{#id .class k=v}",
    "{#h autofocus onfocus=alert(1)}",
    "{style=position:fixed}",
    "\n",
    "\n\n",
    "> ",
    ">",
    "- ",
    "* ",
    "1. ",
    "   ",
    "    ",
    "# ",
    "## ",
    "###### ",
    "```\n",
    "~~~\n",
    "`",
    "**",
    "*",
    "_",
    "~~",
    "[",
    "]",
    "(",
    ")",
    "[a]",
    "[a]: /x\n",
    "[^1]",
    "[^1]: chú thích\n",
    "![ảnh](/a.png)",
    "[link](javascript:alert(1))",
    "<https://a.vn>",
    "<b>",
    "</b>",
    "<script>alert(1)</script>",
    "<!--loa:open:0-->",
    "<!--loa:leaf:99-->",
    "<!--loa:x-->",
    "-->",
    "| a | b |\n",
    "|---|---|\n",
    "&amp;",
    "&#0;",
    "\\",
    "Hạn nộp",
    "“",
    "…",
    "\t",
    "---\n",
    "***\n",
    "=\n",
];

/// A whole content file: a seed mutated, or front matter and body made of the syntax.
fn content_file(e: &mut Entropy) -> String {
    if e.chance(100) {
        let seed = e.pick(CONTENT_SEEDS);
        return e.mutate(seed, YAML);
    }
    let yaml = e.text(YAML, 40);
    let body = e.text(MARKDOWN, 30);
    let close = e.pick(&["---\n", "...\n", "--- \n", "", "----\n"]);
    format!("---\n{yaml}\n{close}{body}")
}

/// Every key path in a YAML tree (at most a few hundred), for the locator.
fn paths(value: &serde_json::Value, prefix: &mut Vec<Segment>, out: &mut Vec<Vec<Segment>>) {
    if out.len() > 300 {
        return;
    }
    out.push(prefix.clone());
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                prefix.push(Segment::Key(key.clone()));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                prefix.push(Segment::Index(i));
                paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

/// Splits, parses and locates every key; positions stay inside the file.
fn check_front_matter(text: &str) -> Result<(), TestCaseError> {
    let lines = text.lines().count().max(1) + 1;
    let positions = bounded(text.as_bytes(), || {
        let split = front_matter::split(text).ok()?;
        let value = yaml::parse_yaml(split.yaml, split.yaml_first_line).ok()?;
        let locator = Locator::new(split.yaml, split.yaml_first_line);
        let mut all = Vec::new();
        paths(&value, &mut Vec::new(), &mut all);
        Some(all.iter().flat_map(|p| [locator.position(p), locator.key_position(p)]).collect::<Vec<_>>())
    })?;
    for position in positions.into_iter().flatten() {
        prop_assert!(position.line >= 1 && position.line <= lines, "line {} of {lines}", position.line);
    }
    Ok(())
}

#[test]
fn front_matter() {
    let config = config(10_000);
    let _report = Report::start("front_matter", &config);
    proptest!(config, |(bytes in entropy(256))| {
        check_front_matter(&content_file(&mut Entropy::new(&bytes)))?;
    });
}

/// A portal folder per test thread, whose one guide each case overwrites.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn root(&self) -> &Path {
        self.dir.path()
    }
}

thread_local! {
    static SCRATCH: RefCell<Option<Scratch>> = const { RefCell::new(None) };
}

fn with_scratch<T>(f: impl FnOnce(&Path) -> T) -> T {
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let scratch = scratch.get_or_insert_with(|| {
            let dir = tempfile::tempdir().expect("temp dir");
            std::fs::create_dir_all(dir.path().join("content/guides")).unwrap();
            Scratch { dir }
        });
        f(scratch.root())
    })
}

#[test]
fn content_file_load() {
    let config = config(1_000);
    let _report = Report::start("content_file_load", &config);
    proptest!(config, |(bytes in entropy(256))| {
        let text = content_file(&mut Entropy::new(&bytes));
        with_scratch(|root| -> Result<(), TestCaseError> {
            let path: PathBuf = root.join("content/guides/thu.md");
            std::fs::write(&path, &text).unwrap();
            let (_, diagnostics) = bounded(text.as_bytes(), || loa::content::load::load_file(root, &path, &["vi".to_owned()], loa::config::DEFAULT_MAX_FILE_BYTES))?;
            for d in &diagnostics {
                prop_assert!(d.position.line >= 1 && d.position.line <= text.lines().count() + 2, "{d}");
            }
            Ok(())
        })?;
    });
}

const SITE_SEED: &str = include_str!("../../site.yaml");

/// The keys of `site.yaml`.
const SITE: &[&str] = &[
    "title: ",
    "base_url: ",
    "language: ",
    "languages: [vi, en]",
    "languages: ",
    "province: ",
    "organization: ",
    "theme: ",
    "description: ",
    "build_date: ",
    "qr:\n  module_px: ",
    "embed:\n  allowed_origins:\n    - ",
    "edit_url: ",
    "history_url: ",
    "page_budget_kb: ",
    "https://thidua.example.gov.vn/",
    "http://a.vn:8080/x/",
    "https://a.vn\"; return 200 \"DEFACED",
    "https://x.vn\n",
    "ftp://a",
    "//a.vn",
    "https://",
    "\"",
    "'",
    "\n",
    "\n  - ",
    "0",
    "65",
    "2",
    "-1",
    "99999999999999999999",
    "2024-07-01",
    "2024-07",
    "vi",
    "en",
    "xx",
    "VI",
    "../../etc",
    "{{ title }}",
    "{% raw %}",
];

fn site_yaml(e: &mut Entropy) -> String {
    if e.chance(128) { e.mutate(SITE_SEED, SITE) } else { format!("{}{}", e.text(SITE, 30), e.text(YAML, 4)) }
}

#[test]
fn site_yaml_load() {
    let config = config(1_000);
    let _report = Report::start("site_yaml", &config);
    proptest!(config, |(bytes in entropy(256))| {
        let text = site_yaml(&mut Entropy::new(&bytes));
        with_scratch(|root| -> Result<(), TestCaseError> {
            let path = root.join("site.yaml");
            std::fs::write(&path, &text).unwrap();
            let loaded = bounded(text.as_bytes(), || Config::load(&path, Path::new("site.yaml"), None))?;
            if let Ok(config) = loaded {
                prop_assert!(config.base_url.starts_with("http"), "base_url {:?}", config.base_url);
            }
            Ok(())
        })?;
    });
}

/// Renders blocks as the theme would, and refuses some, as the theme does for bad refs.
struct Blocks;

impl BlockRenderer for Blocks {
    fn leaf(&self, block: &Block) -> Result<String, (Text, Text)> {
        match block.name.as_str() {
            "deadline" | "contact" | "qr" => Ok(format!("<div class=\"{}\">{}</div>", block.name, block.attrs.len())),
            _ => Err((
                Text::untranslated(format!("unknown block `{}`", block.name)),
                Text::untranslated("use a known block"),
            )),
        }
    }
    fn container(&self, block: &Block) -> Result<(String, String), (Text, Text)> {
        match block.name.as_str() {
            "note" | "warning" => Ok((format!("<aside class=\"{}\">", block.name), "</aside>".into())),
            _ => Err((
                Text::untranslated(format!("unknown block `{}`", block.name)),
                Text::untranslated("use :::note or :::warning"),
            )),
        }
    }
}

fn markdown_body(e: &mut Entropy) -> String {
    e.text(MARKDOWN, 80)
}

#[test]
fn markdown() {
    let config = config(5_000);
    let _report = Report::start("markdown", &config);
    proptest!(config, |(bytes in entropy(256))| {
        let body = markdown_body(&mut Entropy::new(&bytes));
        let (html, text, scanned) = bounded(body.as_bytes(), || {
            let rendered = markdown::render(&body, 5, "/base/", &Blocks);
            (rendered.html, markdown::plain_text(&body), markdown::blocks::scan(&body, 5))
        })?;
        let bound = 64 * 1024 + 40 * body.len();
        prop_assert!(html.len() <= bound, "{} bytes of HTML from {} bytes of Markdown", html.len(), body.len());
        prop_assert!(text.len() <= bound, "{} bytes of text from {} bytes of Markdown", text.len(), body.len());
        let lines = body.lines().count() + 5;
        for (position, _, _) in &scanned.errors {
            prop_assert!(position.line >= 5 && position.line <= lines, "error at line {}", position.line);
        }
    });
}
