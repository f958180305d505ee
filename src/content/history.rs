//! When each content file last changed, from Git history read in one pass (one `git log`
//! process for the whole portal, not one per file).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::date::PartialDate;

/// Last-change dates (Vietnam time) by path relative to the portal root. Empty outside a Git
/// checkout or when Git is missing: pages then fall back to their own dates.
pub(crate) fn last_changed(root: &Path) -> HashMap<PathBuf, PartialDate> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "--format=@%ct", "--name-only", "--no-renames", "--relative", "--", "content"])
        .output();
    let Ok(output) = output else { return HashMap::new() };
    if !output.status.success() {
        return HashMap::new();
    }
    parse_log(&String::from_utf8_lossy(&output.stdout))
}

/// Reads `@<unix time>` lines followed by file names, newest commit first: the first time a
/// file appears is its last change.
fn parse_log(log: &str) -> HashMap<PathBuf, PartialDate> {
    let mut changed = HashMap::new();
    let mut current: Option<PartialDate> = None;
    for line in log.lines() {
        if let Some(stamp) = line.strip_prefix('@') {
            current = stamp
                .trim()
                .parse::<i64>()
                .ok()
                .map(|seconds| PartialDate::from_days_since_epoch((seconds + 7 * 3600).div_euclid(86_400)));
        } else if !line.trim().is_empty()
            && let Some(date) = current
        {
            changed.entry(PathBuf::from(line.trim())).or_insert(date);
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_commit_of_a_file_wins() {
        let log = "@1719300000\n\ncontent/a.md\ncontent/b.md\n@1600000000\n\ncontent/a.md\ncontent/c.md\n";
        let dates = parse_log(log);
        assert_eq!(dates[Path::new("content/a.md")], PartialDate::full(2024, 6, 25));
        assert_eq!(dates[Path::new("content/c.md")], PartialDate::full(2020, 9, 13));
    }
}
