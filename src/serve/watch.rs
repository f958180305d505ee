//! Watching the portal folder: batches of changed paths, debounced so an editor's save
//! (often several events) triggers one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// How long to wait for more events after the first one.
const SETTLE: Duration = Duration::from_millis(15);

/// The folders of a portal that the build reads, watched with everything under them. The
/// rest of the portal (the output folder, `.git`, `node_modules`, anything else a repository
/// holds) is not: watching the built pages would take a kernel watch per output folder and
/// grow with the portal.
const WATCHED_FOLDERS: &[&str] = &["content", "templates", "static", "themes", "i18n"];

/// Starts watching the portal at `root`: its top level (site.yaml, short-links.yaml, a folder
/// created later) and the folders the build reads. Each item of the returned iterator is one
/// batch of changed paths (editor temp files and the output folder left out).
pub fn watch(root: &Path, out: &Path) -> notify::Result<impl Iterator<Item = Vec<PathBuf>>> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = sender.send(event.paths);
        }
    })?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for folder in WATCHED_FOLDERS.iter().map(|name| root.join(name)).filter(|f| f.is_dir()) {
        watcher.watch(&folder, RecursiveMode::Recursive)?;
    }
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let out = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    Ok(Batches { receiver, watcher, root, out })
}

struct Batches<W> {
    receiver: Receiver<Vec<PathBuf>>,
    watcher: W,
    root: PathBuf,
    out: PathBuf,
}

impl<W> Batches<W> {
    fn relevant(&self, path: &Path) -> bool {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let temporary =
            name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".tmp");
        let inside = |dir: &Path| path.starts_with(dir);
        !temporary
            && !inside(&self.out)
            && !inside(&self.root.join(".git"))
            && !inside(&self.root.join("target"))
            && !inside(&self.root.join(".loa-cache"))
            && !inside(&self.root.join("node_modules"))
            && name != crate::content::shortlinks::REGISTRY_FILE
    }
}

impl<W: Watcher> Batches<W> {
    /// A watched folder created after serving started (e.g. `templates/`) is watched from now.
    fn watch_new_folders(&mut self, batch: &[PathBuf]) {
        for path in batch {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let top_level = path.parent().and_then(|p| p.canonicalize().ok()).is_some_and(|p| p == self.root);
            if top_level && WATCHED_FOLDERS.contains(&name) && path.is_dir() {
                let _ = self.watcher.watch(path, RecursiveMode::Recursive);
            }
        }
    }
}

impl<W: Watcher> Iterator for Batches<W> {
    type Item = Vec<PathBuf>;

    fn next(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let mut batch: Vec<PathBuf> = self.receiver.recv().ok()?;
            while let Ok(more) = self.receiver.recv_timeout(SETTLE) {
                batch.extend(more);
            }
            batch.retain(|p| self.relevant(p));
            self.watch_new_folders(&batch);
            batch.sort();
            batch.dedup();
            if !batch.is_empty() {
                return Some(batch);
            }
        }
    }
}
