//! Diagnostics: every problem the build finds, with the file, line and column it comes from.
//!
//! Problems are collected, never fail-first: the build reads everything, then reports all of
//! them at once so a staff member fixes a whole file in one go.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

mod catalog;

pub use catalog::{
    Arg, ArgFromDisplay, ArgFromText, ArgOf, EN, Lang, Text, VI, ids as catalog_ids, language,
    parse_errors as catalog_parse_errors, set_language,
};

/// How bad a problem is. Errors stop the build; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based position in a source file. Columns count characters, not bytes, because
/// Vietnamese text is multi-byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

impl Position {
    pub fn new(line: usize, col: usize) -> Self {
        Position { line, col }
    }
}

/// One problem found in the input.
///
/// Its message and hint are catalog [`Text`]s (`msg!`), rendered in the chosen language when
/// printed; JSON carries the message id as `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user knows it: relative to the portal root where possible.
    pub file: PathBuf,
    pub position: Position,
    pub message: Text,
    /// How to fix it, addressed to the person who edits the file.
    pub hint: Option<Text>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, position: Position, message: impl Into<Text>) -> Self {
        Diagnostic { severity: Severity::Error, file: file.into(), position, message: message.into(), hint: None }
    }

    /// The error of a file the build keeps beside the content (`file`, holding `what`) that
    /// could not be written.
    pub fn unsaved(file: &str, what: &str, error: &std::io::Error) -> Self {
        Diagnostic::error(file, Position::new(1, 1), crate::msg!("file-cannot-update", what, error))
    }

    pub fn warning(file: impl Into<PathBuf>, position: Position, message: impl Into<Text>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(file, position, message) }
    }

    pub fn with_hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl Severity {
    /// The label printed before a message ("error", "lỗi"), in the chosen language.
    pub fn label(self) -> Text {
        match self {
            Severity::Error => crate::msg!("label-error"),
            Severity::Warning => crate::msg!("label-warning"),
        }
    }
}

/// The label printed before a hint ("hint", "gợi ý"), in the chosen language.
pub fn hint_label() -> Text {
    crate::msg!("label-hint")
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = self.severity.label();
        write!(f, "{}:{}:{}: {}: {}", self.file.display(), self.position.line, self.position.col, label, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  {}: {hint}", hint_label())?;
        }
        Ok(())
    }
}

/// `loa check --format json`: severity, file, line, col, the message's catalog id as `code`
/// (`untranslated` for a text not in the catalog), and message and hint in the chosen language.
impl serde::Serialize for Diagnostic {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("Diagnostic", 7)?;
        out.serialize_field("severity", &self.severity)?;
        out.serialize_field("file", &self.file)?;
        out.serialize_field("line", &self.position.line)?;
        out.serialize_field("col", &self.position.col)?;
        out.serialize_field("code", self.message.id().unwrap_or("untranslated"))?;
        out.serialize_field("message", &self.message)?;
        out.serialize_field("hint", &self.hint)?;
        out.end()
    }
}

/// A thread-safe collector, shared by the stages that run in parallel.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Mutex<Vec<Diagnostic>>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&self, diagnostic: Diagnostic) {
        self.items.lock().expect("diagnostics lock").push(diagnostic);
    }

    pub fn extend(&self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.lock().expect("diagnostics lock").extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.items.lock().expect("diagnostics lock").iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file and position so output is stable across runs.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut items = self.items.into_inner().expect("diagnostics lock");
        items.sort_by(|a, b| {
            (&a.file, a.position, a.severity, &a.message).cmp(&(&b.file, b.position, b.severity, &b.message))
        });
        items.dedup();
        items
    }
}

/// Shortens an absolute path to one relative to `root`, for messages.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf())
}

/// Suggests the closest candidate to a misspelled name, for "did you mean" hints.
pub fn did_you_mean<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_folded = crate::text::fold(wanted);
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&wanted_folded, &crate::text::fold(candidate)), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.chars().count() / 3).max(2))
        .min_by_key(|(distance, candidate)| (*distance, *candidate))
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b_chars: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b_chars.len()).collect();
    for (i, a_char) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, b_char) in b_chars.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_char != *b_char);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b_chars.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_nearest_field_name() {
        assert_eq!(did_you_mean("isuer", ["issuer", "title", "date"]), Some("issuer"));
        assert_eq!(did_you_mean("zzzzzz", ["issuer", "title"]), None);
    }

    #[test]
    fn suggests_refs_typed_without_diacritics() {
        assert_eq!(did_you_mean("vu-xuan-thuu", ["vu-xuan-thu", "tran-tung-chuan"]), Some("vu-xuan-thu"));
    }

    #[test]
    fn displays_as_path_line_col() {
        let d = Diagnostic::error("content/a.md", Position::new(3, 7), "bad date").with_hint("write 2024-06-25");
        assert_eq!(d.to_string(), "content/a.md:3:7: error: bad date\n  hint: write 2024-06-25");
    }
}
