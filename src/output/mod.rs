//! Write: the build renders into a fresh staging folder beside the output and swaps it into
//! place only when everything succeeded, so a failed or interrupted build leaves the previous
//! `public/` untouched.
//!
//! Files a person put into `public/` by hand are never deleted silently: the build records
//! what it wrote in a manifest, and refuses to replace an output folder that holds anything
//! else unless told to (`--clean`).

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::FxHashSet;

pub mod confine;

/// The list of files the last build wrote, kept in the output folder.
pub const MANIFEST: &str = ".loa-manifest";

/// Files kept in an output folder that are not the build's (e.g. Git's placeholder).
const KEPT: &[&str] = &[".gitkeep", ".gitignore"];

/// Told of every file written into a staging folder, with its bytes when the build had them
/// in memory (None for copied files).
pub trait Observer: Send + Sync {
    /// Returns the files (relative paths) the observer wrote into the folder itself.
    fn written(&self, relative: &str, path: &Path, bytes: Option<&[u8]>) -> io::Result<Vec<String>>;
}

/// A staging folder being filled by the build.
pub struct Staging {
    pub dir: PathBuf,
    out: PathBuf,
    /// Deletes the outputs that earlier builds replaced, while this build renders.
    cleaner: Option<std::thread::JoinHandle<()>>,
    observer: Option<std::sync::Arc<dyn Observer>>,
    /// Every file written so far (relative paths): the manifest, without listing the folder.
    written: Mutex<Vec<String>>,
    /// Folders made so far: a page's folder is made once, not asked for again per file.
    folders: Mutex<FxHashSet<PathBuf>>,
}

impl std::fmt::Debug for Staging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staging").field("dir", &self.dir).field("out", &self.out).finish_non_exhaustive()
    }
}

impl Staging {
    /// Creates an empty staging folder next to `out`.
    pub fn new(out: &Path) -> io::Result<Staging> {
        let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)?;
        let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let dir = parent.join(format!(".{name}.loa-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let replaced = replaced_outputs(parent, name);
        let cleaner = (!replaced.is_empty()).then(|| {
            std::thread::spawn(move || {
                for old in replaced {
                    let _ = std::fs::remove_dir_all(old);
                }
            })
        });
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            cleaner,
            observer: None,
            written: Mutex::default(),
            folders: Mutex::default(),
        })
    }

    /// Tells `observer` of every file written from now on.
    pub fn observe(&mut self, observer: std::sync::Arc<dyn Observer>) {
        self.observer = Some(observer);
    }

    /// Writes one file (path relative to the output root, `/`-separated, or site-rooted with
    /// one leading `/`). A path that would leave the output folder is refused
    /// ([`confine::RefusedPath`] inside the `io::Error`; see [`confine::write_error`]).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        let path = self.prepare(relative)?;
        std::fs::write(&path, bytes)?;
        self.observed(relative, &path, Some(bytes))
    }

    /// Copies a file into the output (attachments are served byte for byte: signed PDFs
    /// must not change).
    pub fn copy(&self, relative: &str, from: &Path) -> io::Result<()> {
        let path = self.prepare(relative)?;
        std::fs::copy(from, &path)?;
        self.observed(relative, &path, None)
    }

    /// Writes one file without telling the observer: for what is made from the observer's
    /// own result (the service worker carries the version of every other file).
    pub fn write_unobserved(&self, relative: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(self.prepare(relative)?, bytes)
    }

    /// Records a file written into the folder by other means than `write` and `copy`.
    fn record(&self, relative: &str) {
        self.written.lock().expect("written").push(relative.trim_start_matches('/').to_owned());
    }

    /// The path of `relative` in the staging folder, confined to it, its folder made, the
    /// file recorded.
    fn prepare(&self, relative: &str) -> io::Result<PathBuf> {
        let path = confine::join_site_path(&self.dir, relative)?;
        let relative = relative.strip_prefix('/').unwrap_or(relative);
        if let Some(parent) = path.parent()
            && !self.folders.lock().expect("folders").contains(parent)
        {
            std::fs::create_dir_all(parent)?;
            self.folders.lock().expect("folders").insert(parent.to_path_buf());
        }
        self.record(relative);
        Ok(path)
    }

    fn observed(&self, relative: &str, path: &Path, bytes: Option<&[u8]>) -> io::Result<()> {
        if let Some(observer) = &self.observer {
            for extra in observer.written(relative, path, bytes)? {
                self.record(&extra);
            }
        }
        Ok(())
    }

    /// Files a person added to the current output by hand: neither written by the last
    /// build nor kept placeholders.
    pub fn foreign_files(&self) -> Vec<PathBuf> {
        foreign_files(&self.out)
    }

    /// Swaps the staging folder into place. With `clean`, foreign files are dropped; without
    /// it, the caller has checked there are none.
    pub fn commit(self) -> io::Result<()> {
        let mut written: Vec<PathBuf> =
            std::mem::take(&mut *self.written.lock().expect("written")).into_iter().map(PathBuf::from).collect();
        written.retain(|p| p != Path::new(MANIFEST));
        written.par_sort_unstable();
        written.dedup();
        for kept in KEPT {
            let existing = self.out.join(kept);
            if existing.is_file() && !self.dir.join(kept).exists() {
                std::fs::copy(&existing, self.dir.join(kept))?;
            }
        }
        let manifest: String = written.iter().map(|p| format!("{}\n", p.display())).collect();
        std::fs::write(self.dir.join(MANIFEST), manifest)?;
        // The replaced output is deleted by the next build, in the background: removing tens
        // of thousands of files here would hold up every build.
        let name = self.out.file_name().and_then(|n| n.to_str()).unwrap_or("public");
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let old = self.dir.with_file_name(format!(".{name}.loa-replaced-{stamp}"));
        if self.out.exists() {
            std::fs::rename(&self.out, &old)?;
        }
        if let Err(error) = std::fs::rename(&self.dir, &self.out) {
            // Put the previous output back before reporting.
            if old.exists() {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(error);
        }
        if let Some(cleaner) = self.cleaner {
            let _ = cleaner.join();
        }
        Ok(())
    }

    /// Removes the staging folder (after a failed build).
    pub fn discard(self) {
        let _ = std::fs::remove_dir_all(&self.dir);
        if let Some(cleaner) = self.cleaner {
            let _ = cleaner.join();
        }
    }
}

/// Outputs that earlier builds swapped out and left for deletion, beside `out`.
fn replaced_outputs(parent: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!(".{name}.loa-replaced-");
    std::fs::read_dir(parent)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_str().is_some_and(|n| n.starts_with(&prefix)))
        .map(|e| e.path())
        .collect()
}

/// Every file under `dir`, relative, sorted, the manifest left out. Folders are read in
/// parallel: an output holds a hundred thousand files in tens of thousands of folders.
pub fn list_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = files_under(dir, Path::new(""));
    files.retain(|p| p != Path::new(MANIFEST));
    files.par_sort_unstable();
    files
}

/// Files (not symlinks) under `dir`, as paths relative to the listing's root `relative`.
fn files_under(dir: &Path, relative: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut files = Vec::new();
    let mut folders = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_file() {
            files.push(relative.join(entry.file_name()));
        } else if kind.is_dir() {
            folders.push((entry.path(), relative.join(entry.file_name())));
        }
    }
    let nested: Vec<Vec<PathBuf>> = folders.par_iter().map(|(path, relative)| files_under(path, relative)).collect();
    files.extend(nested.into_iter().flatten());
    files
}

fn foreign_files(out: &Path) -> Vec<PathBuf> {
    if !out.is_dir() {
        return Vec::new();
    }
    let manifest: BTreeSet<PathBuf> =
        std::fs::read_to_string(out.join(MANIFEST)).unwrap_or_default().lines().map(PathBuf::from).collect();
    list_files(out).into_iter().filter(|p| !manifest.contains(p) && !KEPT.iter().any(|k| p == Path::new(k))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_the_output_and_keeps_gitkeep() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join(".gitkeep"), "").unwrap();
        let staging = Staging::new(&out).unwrap();
        staging.write("a/index.html", b"A").unwrap();
        assert!(staging.foreign_files().is_empty());
        staging.commit().unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "A");
        assert!(out.join(".gitkeep").exists());

        std::fs::write(out.join("by-hand.html"), "mine").unwrap();
        let staging = Staging::new(&out).unwrap();
        assert_eq!(staging.foreign_files(), vec![PathBuf::from("by-hand.html")]);
        staging.discard();
    }
}
