//! QR scan counts, `data/scans.json`: written by `loa scans` from the web server's logs and
//! committed by staff; read by the build for the staff page and the public totals. The file
//! holds aggregates only: counts per short code, placement and day, a count under
//! [`SMALL`] written as `"<5"`, and the digests of the log ranges already counted.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Position};

/// The file, relative to the portal's root.
pub const SCANS_FILE: &str = "data/scans.json";
/// The version of the file's format.
pub const FORMAT: &str = "loa-scans-1";
/// Counts below this are written as `"<5"`.
pub const SMALL: u64 = 5;
/// How a count below [`SMALL`] is written.
pub const SMALL_TEXT: &str = "<5";

/// The whole file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanData {
    /// [`FORMAT`].
    pub format: String,
    /// What the file is, for whoever opens it.
    #[serde(default)]
    pub note: String,
    /// The log ranges already counted: a log that starts with one of them adds only its
    /// lines after it (a rotated or re-read log is never counted twice).
    #[serde(default)]
    pub sources: Vec<SourceRange>,
    /// Scans per code, placement and day.
    #[serde(default)]
    pub counts: Vec<Cell>,
}

/// A counted run of log lines: the first `lines` lines of a log whose SHA-256 is `digest`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRange {
    /// The hour of its first and last scan lines (Vietnam time), or `-` when it had none.
    pub first: String,
    pub last: String,
    pub lines: u64,
    pub digest: String,
}

/// Scans of one code (and placement) on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    /// The short code, upper case.
    pub code: String,
    /// The placement slug (`?n=`), absent for scans of the general print run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<String>,
    /// `YYYY-MM-DD`, Vietnam time.
    pub day: String,
    pub scans: Count,
    /// Whether `scans` is a lower bound: an earlier reading of this day was under 5 and
    /// could not be added exactly.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub at_least: bool,
}

/// A count: exact from 5 up, `"<5"` below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    Exact(u64),
    Small,
}

impl Count {
    /// The count as written in the file.
    pub fn of(n: u64) -> Count {
        if n < SMALL { Count::Small } else { Count::Exact(n) }
    }

    /// The count for charts and totals: a small count as 0, so nothing shown is more than seen.
    pub fn shown(self) -> u64 {
        match self {
            Count::Exact(n) => n,
            Count::Small => 0,
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::Small => f.write_str(SMALL_TEXT),
        }
    }
}

impl Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Count::Exact(n) => serializer.serialize_u64(*n),
            Count::Small => serializer.serialize_str(SMALL_TEXT),
        }
    }
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        match Raw::deserialize(deserializer)? {
            Raw::Number(n) if n >= SMALL => Ok(Count::Exact(n)),
            // serde keeps a custom error as text: rendered now, in the chosen language.
            Raw::Number(n) => Err(serde::de::Error::custom(crate::msg!("scans-count-small", n))),
            Raw::Text(t) if t == SMALL_TEXT => Ok(Count::Small),
            Raw::Text(t) => Err(serde::de::Error::custom(crate::msg!("scans-count-invalid", t = t.escape_debug()))),
        }
    }
}

impl ScanData {
    /// An empty file.
    pub fn new() -> ScanData {
        ScanData {
            format: FORMAT.into(),
            note: "QR scan counts written by `loa scans` from the web server's logs: aggregates only, counts under 5 as \"<5\". Commit this file.".into(),
            sources: Vec::new(),
            counts: Vec::new(),
        }
    }

    /// Scans per code over all days (small counts as 0).
    pub fn totals_by_code(&self) -> BTreeMap<&str, u64> {
        let mut totals = BTreeMap::new();
        for cell in &self.counts {
            *totals.entry(cell.code.as_str()).or_default() += cell.scans.shown();
        }
        totals
    }
}

impl Default for ScanData {
    fn default() -> Self {
        ScanData::new()
    }
}

/// Reads `data/scans.json` under `root`: None when there is none, an error with the line
/// and column serde_json points to when it cannot be read.
pub fn load(root: &Path) -> Result<Option<ScanData>, Diagnostic> {
    let path = root.join(SCANS_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            return Err(Diagnostic::error(SCANS_FILE, Position::new(1, 1), crate::msg!("scans-unreadable", error))
                .with_hint(crate::msg!("scans-unreadable-hint")));
        }
    };
    let data: ScanData = serde_json::from_str(&text).map_err(|error| {
        Diagnostic::error(
            SCANS_FILE,
            Position::new(error.line().max(1), error.column().max(1)),
            crate::msg!("scans-invalid", error),
        )
        .with_hint(crate::msg!("scans-restore-hint"))
    })?;
    if data.format != FORMAT {
        return Err(Diagnostic::error(
            SCANS_FILE,
            Position::new(1, 1),
            crate::msg!("scans-unknown-format", format = data.format),
        )
        .with_hint(crate::msg!("scans-unknown-format-hint", expected = FORMAT)));
    }
    for (n, cell) in data.counts.iter().enumerate() {
        let day_ok = crate::date::PartialDate::parse(&cell.day).is_ok_and(|d| d.is_full() && d.to_string() == cell.day);
        let problem = if super::shortlinks::check_code(&cell.code).is_err() || cell.code != cell.code.to_uppercase() {
            format!("`{}` is not a short code", cell.code)
        } else if let Some(p) = cell.placement.as_deref().filter(|p| super::shortlinks::check_placement(p).is_err()) {
            format!("`{p}` is not a placement slug")
        } else if !day_ok {
            format!("`{}` is not a day (YYYY-MM-DD)", cell.day)
        } else {
            continue;
        };
        return Err(Diagnostic::error(
            SCANS_FILE,
            Position::new(1, 1),
            crate::msg!("scans-bad-count", n = n + 1, problem),
        )
        .with_hint(crate::msg!("scans-restore-hint")));
    }
    Ok(Some(data))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_written_and_read_as_under_five() {
        let mut data = ScanData::new();
        data.counts.push(Cell {
            code: "AB3".into(),
            placement: None,
            day: "2026-12-05".into(),
            scans: Count::of(3),
            at_least: false,
        });
        data.counts.push(Cell {
            code: "AB3".into(),
            placement: Some("cho".into()),
            day: "2026-12-05".into(),
            scans: Count::of(7),
            at_least: false,
        });
        let text = serde_json::to_string(&data).unwrap();
        assert!(text.contains("\"scans\":\"<5\""), "{text}");
        assert!(text.contains("\"scans\":7"), "{text}");
        assert_eq!(serde_json::from_str::<ScanData>(&text).unwrap(), data);
        assert!(serde_json::from_str::<Count>("3").is_err(), "an exact small count is refused");
        assert!(serde_json::from_str::<Count>("\"<6\"").is_err());
    }
}
