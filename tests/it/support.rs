//! A test portal: a copy of a fixture in a temporary folder, built with the real pipeline.

use std::path::{Path, PathBuf};

use loa::diag::Diagnostic;
use loa::pipeline::{self, BuildOptions, Outcome};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

impl TestSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn from_fixture(name: &str) -> TestSite {
        let dir = tempfile::tempdir().expect("temp dir");
        copy_dir(&fixture(name), &dir.path().join("site"));
        TestSite { dir }
    }

    /// A copy of the sample portal: the repository's own `site.yaml`, short-link registry,
    /// record of published pages,
    /// `content/` and `i18n/`.
    pub fn sample_portal() -> TestSite {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = TestSite { dir: tempfile::tempdir().expect("temp dir") };
        for name in ["content", "i18n"] {
            copy_dir(&repo.join(name), &site.root().join(name));
        }
        for name in ["site.yaml", "short-links.yaml", "published-pages.yaml"] {
            std::fs::copy(repo.join(name), site.root().join(name)).expect("sample portal file");
        }
        site
    }

    /// The `minimal` portal with the files of `tests/fixtures/invalid/<case>` laid over it.
    pub fn minimal_with(case: &str) -> TestSite {
        let site = TestSite::from_fixture("minimal");
        copy_dir(&fixture("invalid").join(case), &site.root());
        site
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("public")
    }

    pub fn write(&self, relative: &str, text: &str) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn options(&self) -> BuildOptions {
        let mut options = BuildOptions::new(self.root());
        options.out = self.out();
        options
    }

    pub fn build(&self) -> Outcome {
        pipeline::build(&self.options())
    }

    /// Builds and asserts success with no errors; returns the warnings.
    pub fn build_ok(&self) -> Vec<Diagnostic> {
        let outcome = self.build();
        let errors: Vec<String> = outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
        assert!(errors.is_empty(), "build failed:\n{}", errors.join("\n"));
        outcome.diagnostics
    }

    /// Builds, expecting failure; returns the errors as printed (`path:line:col: error: …`).
    pub fn build_errors(&self) -> Vec<String> {
        let outcome = self.build();
        assert!(!outcome.succeeded(), "the build should have failed");
        outcome.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect()
    }

    pub fn page(&self, relative: &str) -> String {
        std::fs::read_to_string(self.out().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    /// A directive whole from the built API: `directives.json` names its page of whole
    /// directives as `api_url` (`…/api/v1/directives/N.json#slug`, API version 2).
    pub fn api_directive(&self, slug: &str) -> serde_json::Value {
        let list: serde_json::Value = serde_json::from_str(&self.page("api/v1/directives.json")).unwrap();
        let entries = list["directives"].as_array().expect("directives.json lists directives");
        let entry =
            entries.iter().find(|d| d["slug"] == slug).unwrap_or_else(|| panic!("directives.json has no {slug}"));
        let api_url = entry["api_url"].as_str().expect("an api_url");
        let (page, fragment) = api_url.split_once("/api/v1/").unwrap().1.split_once('#').expect("a #slug");
        assert_eq!(fragment, slug, "{api_url}");
        let page: serde_json::Value = serde_json::from_str(&self.page(&format!("api/v1/{page}"))).unwrap();
        let whole = page["directives"].as_array().expect("a page of directives");
        whole.iter().find(|d| d["slug"] == slug).unwrap_or_else(|| panic!("{api_url}: no {slug}")).clone()
    }
}

/// Asserts one error starts with `prefix` (`path:line:col: error: …`) and contains `text`.
pub fn assert_error(errors: &[String], prefix: &str, text: &str) {
    assert!(
        errors.iter().any(|e| e.starts_with(prefix) && e.contains(text)),
        "no error starting with `{prefix}` and containing `{text}` in:\n{}",
        errors.join("\n")
    );
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file of a folder with its bytes, for comparing two builds.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    loa::output::list_files(dir).into_iter().map(|p| (p.clone(), std::fs::read(dir.join(&p)).unwrap())).collect()
}

/// Asserts that `hostile` (the time a build of hostile input took) is in proportion to a
/// clean build of the `fixture` portal timed just after it, in the same test. Wall-clock
/// bounds fail on a loaded machine; a loaded machine slows both builds alike, while the
/// blow-ups these tests guard against cost tens of clean builds.
pub fn assert_in_proportion(hostile: std::time::Duration, fixture: &str, what: &str) {
    let clean = (0..3)
        .map(|_| {
            let site = TestSite::from_fixture(fixture);
            let started = std::time::Instant::now();
            site.build();
            started.elapsed()
        })
        .min()
        .expect("three builds");
    assert!(
        hostile < clean * 10 + std::time::Duration::from_millis(200),
        "{what} took {hostile:?}, a clean build of `{fixture}` {clean:?}"
    );
}
