//! `loa scans LOG…`: counts QR scans (requests for `/q/<CODE>/`) in nginx access logs and
//! merges them into `data/scans.json`. The library returns the counts and the problems;
//! the CLI prints them.
//!
//! What is read of a line, and what is dropped on reading:
//! - the snippet's own format (`loa-scans-1 <hour> "<path>" <status>`): nothing personal in it;
//! - the common and combined formats: the client address is hashed at once with a salt made
//!   for this run (std's random SipHash keys), kept in memory only while it can still mark
//!   a repeat (one minute) and forgotten with the salt when the run ends; the user agent is
//!   only asked whether it is a bot; the referrer and user name are never kept.

mod parse;

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hasher};
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use parse::{Line, parse_line, scan_of};

use crate::content::scans::{Cell, Count, SCANS_FILE, ScanData, SourceRange};

/// A repeat from the same client within this many seconds is not counted again.
pub const REPEAT_WINDOW_SECONDS: i64 = 60;

/// A log line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub file: PathBuf,
    pub line: usize,
}

/// What one run read and counted.
#[derive(Debug, Default)]
pub struct Report {
    /// The counts after the run (the file's earlier ones and the new ones).
    pub data: ScanData,
    /// Scans counted by this run, per (code, placement, day).
    pub added: BTreeMap<(String, Option<String>, String), u64>,
    /// Lines skipped because an earlier run counted them.
    pub already_counted: u64,
    /// Requests from bots (by user agent), not counted.
    pub bots: u64,
    /// Repeats from one client within a minute, not counted.
    pub repeats: u64,
    /// Lines that could not be read, by file and line number.
    pub unreadable: Vec<Unreadable>,
    /// Cells whose earlier count was under 5, now a lower bound.
    pub lower_bounds: usize,
}

/// A log file that could not be opened or decompressed.
#[derive(Debug)]
pub struct FileError {
    pub file: PathBuf,
    pub error: std::io::Error,
}

/// Reads `logs` (plain or gzip, by their first bytes) and merges their scans into `earlier`.
pub fn count(earlier: ScanData, logs: &[PathBuf]) -> Result<Report, FileError> {
    let mut report = Report { data: earlier, ..Report::default() };
    // Made for this run and dropped with it: client hashes cannot be linked across runs.
    let salt = std::collections::hash_map::RandomState::new();
    for log in logs {
        let text = read_log(log).map_err(|error| FileError { file: log.clone(), error })?;
        count_file(&mut report, &salt, log, &text);
    }
    merge(&mut report);
    Ok(report)
}

fn read_log(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&bytes[..]).read_to_end(&mut out)?;
        out
    } else {
        bytes
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The number of leading lines of `lines` an earlier run counted: the longest recorded
/// range whose digest is that of the same number of leading lines.
fn counted_prefix(sources: &[SourceRange], lines: &[&str]) -> (usize, Option<usize>) {
    let wanted: HashMap<u64, Vec<usize>> = sources.iter().enumerate().fold(HashMap::new(), |mut map, (i, s)| {
        map.entry(s.lines).or_default().push(i);
        map
    });
    let mut hasher = Sha256::new();
    let mut best = (0, None);
    for (n, line) in lines.iter().enumerate() {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
        if let Some(candidates) = wanted.get(&(n as u64 + 1)) {
            let digest = hex(&hasher.clone().finalize());
            if let Some(&i) = candidates.iter().find(|&&i| sources[i].digest == digest) {
                best = (n + 1, Some(i));
            }
        }
    }
    best
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn count_file(report: &mut Report, salt: &impl BuildHasher, file: &Path, text: &str) {
    let lines: Vec<&str> = text.lines().collect();
    let (skip, replaced) = counted_prefix(&report.data.sources, &lines);
    report.already_counted += skip as u64;
    // The last counted moment of each (client, code, placement), by salted client hash.
    let mut last_seen: HashMap<(u64, String, Option<String>), i64> = HashMap::new();
    let (mut first, mut last): (Option<String>, Option<String>) = (None, None);
    for (index, raw) in lines.iter().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let Some(line) = parse_line(raw) else {
            if index >= skip {
                report.unreadable.push(Unreadable { file: file.to_path_buf(), line: index + 1 });
            }
            continue;
        };
        let Some(scan) = scan_of(&line) else { continue };
        let hour = line.hour();
        first.get_or_insert_with(|| hour.clone());
        last = Some(hour);
        if index < skip {
            continue;
        }
        if line.bot {
            report.bots += 1;
            continue;
        }
        if let Some(client) = &line.client {
            let mut hasher = salt.build_hasher();
            hasher.write(client.as_bytes());
            let key = (hasher.finish(), scan.code.clone(), scan.placement.clone());
            let seconds = line.seconds();
            match last_seen.get(&key) {
                Some(&then) if (seconds - then).abs() < REPEAT_WINDOW_SECONDS => {
                    report.repeats += 1;
                    continue;
                }
                _ => {
                    last_seen.insert(key, seconds);
                }
            }
            // Forget clients once they can no longer mark a repeat.
            if last_seen.len() > 4096 {
                last_seen.retain(|_, then| seconds - *then < REPEAT_WINDOW_SECONDS);
            }
        }
        *report.added.entry((scan.code, scan.placement, line.day())).or_default() += 1;
    }
    drop(last_seen);
    let mut hasher = Sha256::new();
    for line in &lines {
        hasher.update(line.as_bytes());
        hasher.update(b"\n");
    }
    let range = SourceRange {
        first: first.unwrap_or_else(|| "-".into()),
        last: last.unwrap_or_else(|| "-".into()),
        lines: lines.len() as u64,
        digest: hex(&hasher.finalize()),
    };
    match replaced {
        Some(i) => report.data.sources[i] = range,
        None => report.data.sources.push(range),
    }
}

/// Adds this run's counts to the file's: a cell written as "<5" counts as 1 (so the sum
/// is a lower bound, marked `at_least`).
fn merge(report: &mut Report) {
    let mut cells: BTreeMap<(String, Option<String>, String), (u64, bool)> = BTreeMap::new();
    for cell in report.data.counts.drain(..) {
        let value = match cell.scans {
            Count::Exact(n) => (n, cell.at_least),
            Count::Small => (0, true),
        };
        cells.insert((cell.code, cell.placement, cell.day), value);
    }
    for (key, added) in &report.added {
        let entry = cells.entry(key.clone()).or_insert((0, false));
        if entry.1 && entry.0 == 0 {
            // An earlier "<5": at least one scan.
            entry.0 = 1;
            report.lower_bounds += 1;
        }
        entry.0 += added;
    }
    report.data.counts = cells
        .into_iter()
        .map(|((code, placement, day), (n, at_least))| {
            let scans = if at_least && n == 0 { Count::Small } else { Count::of(n) };
            Cell { code, placement, day, scans, at_least: at_least && n >= crate::content::scans::SMALL }
        })
        .collect();
    report.data.sources.sort_by(|a, b| (&a.first, &a.digest).cmp(&(&b.first, &b.digest)));
}

/// Writes `data/scans.json` under `root` through serde_json (via a temporary file).
pub fn save(root: &Path, data: &ScanData) -> std::io::Result<PathBuf> {
    let path = root.join(SCANS_FILE);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let text = serde_json::to_string_pretty(data).map_err(std::io::Error::other)? + "\n";
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, &path)?;
    Ok(path)
}

/// The table `loa scans` prints: one row per code, placement and day, then a total per code.
pub fn table(data: &ScanData) -> String {
    let mut out = format!("{:<12} {:<24} {:<10} {:>8}\n", "code", "placement", "day", "scans");
    for cell in &data.counts {
        let shown = if cell.at_least { format!("≥{}", cell.scans) } else { cell.scans.to_string() };
        out.push_str(&format!(
            "{:<12} {:<24} {:<10} {:>8}\n",
            cell.code,
            cell.placement.as_deref().unwrap_or("-"),
            cell.day,
            shown
        ));
    }
    for (code, total) in data.totals_by_code() {
        out.push_str(&format!("{:<12} {:<24} {:<10} {:>8}\n", code, "(total, ≥5 cells)", "", total));
    }
    out
}
