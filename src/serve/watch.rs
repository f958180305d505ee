//! Watching the portal folder: batches of changed paths, debounced so an editor's save
//! (often several events) triggers one rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// How long to wait for more events after the first one.
const SETTLE: Duration = Duration::from_millis(15);

/// Starts watching `root` (except the output folder, `.git`, `target` and editor temp files).
/// Each item of the returned iterator is one batch of changed paths.
pub fn watch(root: &Path, out: &Path) -> notify::Result<impl Iterator<Item = Vec<PathBuf>>> {
    let (sender, receiver) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = sender.send(event.paths);
        }
    })?;
    watcher.watch(root, RecursiveMode::Recursive)?;
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let out = out.canonicalize().unwrap_or_else(|_| out.to_path_buf());
    Ok(Batches { receiver, _watcher: watcher, root, out })
}

struct Batches<W> {
    receiver: Receiver<Vec<PathBuf>>,
    _watcher: W,
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

impl<W> Iterator for Batches<W> {
    type Item = Vec<PathBuf>;

    fn next(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            let mut batch: Vec<PathBuf> = self.receiver.recv().ok()?;
            while let Ok(more) = self.receiver.recv_timeout(SETTLE) {
                batch.extend(more);
            }
            batch.retain(|p| self.relevant(p));
            batch.sort();
            batch.dedup();
            if !batch.is_empty() {
                return Some(batch);
            }
        }
    }
}
