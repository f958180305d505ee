//! The theme: templates and static assets, layered built-in → `themes/<name>/` on disk →
//! the portal's own `templates/`, so a portal overrides one template by adding one file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diag::{Diagnostic, Position};

include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// One theme file and where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub bytes: Vec<u8>,
    pub origin: PathBuf,
}

/// The merged theme: template name → source, asset path → bytes.
#[derive(Debug, Default)]
pub struct Theme {
    pub templates: BTreeMap<String, ThemeFile>,
    pub assets: BTreeMap<String, ThemeFile>,
    /// The web editor's files (`admin/`: the vendored Decap CMS), copied only for a portal
    /// with `cms:`.
    pub admin: BTreeMap<String, ThemeFile>,
    /// UI strings per language file (`vi.yaml`): the layers from the built-in theme to the
    /// portal's own `i18n/`, each overriding the keys it sets (see `crate::i18n`).
    pub i18n: BTreeMap<String, Vec<ThemeFile>>,
    /// The UI strings of the site's languages, once `load_strings` has read them.
    pub strings: Vec<crate::i18n::Strings>,
}

impl Theme {
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::default();
        for (path, bytes) in THEME_FILES {
            theme.add(path, bytes.to_vec(), PathBuf::from(format!("(built-in theme)/{path}")));
        }
        let on_disk = root.join("themes").join(name);
        if on_disk.is_dir() {
            for (relative, path) in files_under(&on_disk) {
                let bytes = if relative.starts_with("admin/") { read_admin(&path)? } else { read(&path)? };
                theme.add(&relative, bytes, crate::diag::display_path(root, &path));
            }
        } else if name != "default" {
            return Err(Diagnostic::error("site.yaml", Position::new(1, 1), crate::msg!("theme-missing", name))
                .with_hint(crate::msg!("theme-missing-hint", name)));
        }
        for (relative, path) in files_under(&root.join("templates")) {
            let bytes = read(&path)?;
            theme.add(&format!("templates/{relative}"), bytes, crate::diag::display_path(root, &path));
        }
        for (relative, path) in files_under(&root.join("i18n")) {
            let bytes = read(&path)?;
            theme.add(&format!("i18n/{relative}"), bytes, crate::diag::display_path(root, &path));
        }
        Ok(theme)
    }

    /// Reads the UI strings of `languages` (see `crate::i18n::load`).
    pub fn load_strings(&mut self, languages: &[String]) -> Result<(), Vec<Diagnostic>> {
        self.strings = crate::i18n::load(languages, |lang| self.i18n_layers(lang))?;
        Ok(())
    }

    /// The UI strings of one language: loaded ones, else read now (a missing key shows as
    /// the key; `load_strings` is where the build reports it).
    pub fn strings_for(&self, lang: &str) -> crate::i18n::Strings {
        if let Some(strings) = self.strings.iter().find(|s| s.lang == lang) {
            return strings.clone();
        }
        match crate::i18n::load(&[lang.to_owned()], |lang| self.i18n_layers(lang)) {
            Ok(mut strings) if !strings.is_empty() => strings.remove(0),
            _ => crate::i18n::Strings::empty(lang),
        }
    }

    /// The files of one language's UI strings, built-in theme first, portal last.
    fn i18n_layers(&self, lang: &str) -> Option<Vec<crate::i18n::Layer<'_>>> {
        let files = self.i18n.get(&format!("{lang}.yaml"))?;
        Some(files.iter().map(|f| crate::i18n::Layer { origin: &f.origin, bytes: &f.bytes }).collect())
    }

    fn add(&mut self, path: &str, bytes: Vec<u8>, origin: PathBuf) {
        let bytes = slimmed(path, bytes);
        let file = ThemeFile { bytes, origin };
        if let Some(name) = path.strip_prefix("templates/") {
            self.templates.insert(name.to_owned(), file);
        } else if let Some(name) = path.strip_prefix("static/") {
            self.assets.insert(name.to_owned(), file);
        } else if let Some(name) = path.strip_prefix("admin/") {
            self.admin.insert(name.to_owned(), file);
        } else if let Some(name) = path.strip_prefix("i18n/") {
            self.i18n.entry(name.to_owned()).or_default().push(file);
        }
    }
}

/// A theme file as the build uses it (`super::slim`): HTML templates without indentation,
/// the published stylesheets and scripts slimmed. The service worker's source is left as
/// written: the build fills it in (`crate::pwa`).
fn slimmed(path: &str, bytes: Vec<u8>) -> Vec<u8> {
    if path.starts_with("templates/") && path.ends_with(".html") {
        return match std::str::from_utf8(&bytes) {
            Ok(source) => super::slim::template(source).into_bytes(),
            Err(_) => bytes,
        };
    }
    match path.strip_prefix("static/") {
        Some(name) if name != crate::pwa::SERVICE_WORKER => super::slim::asset(name, bytes),
        _ => bytes,
    }
}

/// Reads a theme file the way content is read: a regular file only (a FIFO would hang the
/// build), at most the settings limit, opened without blocking.
fn read(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let limit = crate::config::MAX_SETTINGS_BYTES;
    crate::content::load::read_regular(path, limit)
        .map_err(|error| error.diagnostic(path, limit, crate::msg!("theme-file-too-large-hint")))
}

/// Reads a file of the vendored web editor: its script is larger than the settings limit.
fn read_admin(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    const LIMIT: u64 = 16_000_000;
    crate::content::load::read_regular(path, LIMIT)
        .map_err(|error| error.diagnostic(path, LIMIT, crate::msg!("admin-file-too-large-hint")))
}

/// Files under `dir` as (relative path with `/`, full path), sorted, hidden files skipped.
pub fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_str().is_some_and(|n| n.starts_with('.') && n.len() > 1))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let relative = e.path().strip_prefix(dir).ok()?.to_string_lossy().replace('\\', "/");
            Some((relative, e.into_path()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_theme_file_swapped_for_a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("base.html");
        let status = std::process::Command::new("mkfifo").arg(&path).status().expect("mkfifo");
        assert!(status.success());
        let error = super::read(&path).expect_err("a FIFO is no theme file");
        assert!(error.to_string().contains("FIFO"), "{error}");
    }
}
