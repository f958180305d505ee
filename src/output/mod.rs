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

pub(crate) mod confine;
pub mod manifest;

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
        let mut leftovers = replaced_outputs(parent, name);
        leftovers.extend(abandoned_stagings(parent, name));
        let cleaner = (!leftovers.is_empty()).then(|| {
            std::thread::spawn(move || {
                for old in leftovers {
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

    /// Copies an opened file into the output (attachments are served byte for byte: signed
    /// PDFs must not change). The caller opened and checked it: the bytes come from that
    /// handle, never from a path that could have changed since.
    pub fn copy(&self, relative: &str, mut from: std::fs::File) -> io::Result<()> {
        let path = self.prepare(relative)?;
        io::copy(&mut from, &mut std::fs::File::create(&path)?)?;
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
        swap_into_place(&self.dir, &self.out, &old)?;
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

/// How a staging folder took the output's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swap {
    /// One atomic exchange: the output path never stopped naming a complete folder.
    Exchanged,
    /// Two renames (no exchange on this system or filesystem): a kill between them leaves
    /// the previous output under the `old` name, none at the output path.
    Renamed,
    /// There was no output before.
    Created,
}

/// Moves `staging` to `out`; the previous output, if any, ends up at `old`.
pub fn swap_into_place(staging: &Path, out: &Path, old: &Path) -> io::Result<Swap> {
    if out.symlink_metadata().is_err() {
        std::fs::rename(staging, out)?;
        return Ok(Swap::Created);
    }
    match exchange(staging, out) {
        Ok(()) => {
            // The previous output now has the staging name; if this rename fails or the
            // build is killed here, the next build removes it as an abandoned staging folder.
            let _ = std::fs::rename(staging, old);
            return Ok(Swap::Exchanged);
        }
        Err(error) if !exchange_unsupported(&error) => return Err(error),
        Err(_) => {}
    }
    std::fs::rename(out, old)?;
    if let Err(error) = std::fs::rename(staging, out) {
        // Put the previous output back before reporting.
        let _ = std::fs::rename(old, out);
        return Err(error);
    }
    Ok(Swap::Renamed)
}

/// Swaps two paths in one step (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // Through `syscall`: the libc wrapper is missing from older glibc and from musl.
    // SAFETY: both paths are NUL-terminated strings that outlive the call.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 { Ok(()) } else { Err(io::Error::last_os_error()) }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether an exchange failed because the kernel or filesystem lacks it (not a real error).
fn exchange_unsupported(error: &io::Error) -> bool {
    if error.kind() == io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(unix)]
    if let Some(code) = error.raw_os_error() {
        return [libc::EINVAL, libc::ENOSYS, libc::EOPNOTSUPP, libc::ENOTSUP].contains(&code);
    }
    false
}

/// Staging folders beside `out` left by builds that were killed: their process is gone.
/// A live concurrent build's staging folder is left alone.
fn abandoned_stagings(parent: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!(".{name}.loa-staging-");
    let own = std::process::id();
    std::fs::read_dir(parent)
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter(|e| {
            let file_name = e.file_name();
            let pid = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)).and_then(|p| p.parse::<u32>().ok());
            pid.is_some_and(|pid| pid != own && !process_alive(pid))
        })
        .map(|e| e.path())
        .collect()
}

/// Whether a process with this id exists (signal 0 checks without sending anything).
#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    // SAFETY: signal 0 only asks whether the process exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a way to ask, every other build is taken to be alive.
#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
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

    #[test]
    #[cfg(target_os = "linux")]
    fn the_swap_is_one_exchange_and_the_old_tree_moves_aside_whole() {
        let temp = tempfile::tempdir().unwrap();
        let (staging, out, old) = (temp.path().join("s"), temp.path().join("public"), temp.path().join("old"));
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join("new.html"), "new").unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("old.html"), "old").unwrap();
        assert_eq!(swap_into_place(&staging, &out, &old).unwrap(), Swap::Exchanged);
        assert_eq!(std::fs::read_to_string(out.join("new.html")).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(old.join("old.html")).unwrap(), "old");
        assert!(!staging.exists());
    }
}
