//! The one gate for every path written into the output folder. Paths are made from content
//! (slugs, aliases, short codes, file names), so each is checked before it is joined to the
//! output root: a path that passes has only plain segments and cannot leave the root.

use std::fmt;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Position, Text};

/// Why a path was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Empty,
    Absolute,
    ParentSegment,
    CurrentSegment,
    EmptySegment,
    Backslash,
    Nul,
    Control(char),
}

/// A path refused by [`confine`]: the caller reports it; nothing is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedPath {
    pub path: String,
    pub reason: Reason,
}

impl Reason {
    /// Why, as a catalog message.
    pub fn text(&self) -> Text {
        match self {
            Reason::Empty => crate::msg!("path-empty"),
            Reason::Absolute => crate::msg!("path-absolute"),
            Reason::ParentSegment => crate::msg!("site-path-dot-segment", segment = ".."),
            Reason::CurrentSegment => crate::msg!("site-path-dot-segment", segment = "."),
            Reason::EmptySegment => crate::msg!("path-empty-segment"),
            Reason::Backslash => crate::msg!("path-backslash"),
            Reason::Nul => crate::msg!("path-nul"),
            Reason::Control(c) => crate::msg!("path-control", code = format!("U+{:04X}", u32::from(*c))),
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl RefusedPath {
    fn text(&self) -> Text {
        crate::msg!("output-path-refused", path = format!("{:?}", self.path), reason = self.reason.text())
    }
}

impl fmt::Display for RefusedPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl std::error::Error for RefusedPath {}

impl From<RefusedPath> for std::io::Error {
    fn from(refused: RefusedPath) -> Self {
        std::io::Error::new(std::io::ErrorKind::InvalidInput, refused)
    }
}

impl RefusedPath {
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::error(&self.path, Position::new(1, 1), self.text())
            .with_hint(crate::msg!("output-path-refused-hint"))
    }
}

/// Checks `relative`, a `/`-separated path relative to the output root, and returns it as a
/// path that stays inside the root when joined to it.
pub(crate) fn confine(relative: &str) -> Result<PathBuf, RefusedPath> {
    let refuse = |reason| Err(RefusedPath { path: relative.to_owned(), reason });
    if relative.is_empty() {
        return refuse(Reason::Empty);
    }
    if relative.starts_with('/') {
        return refuse(Reason::Absolute);
    }
    if let Some(c) = relative.chars().find(|c| c.is_control() || *c == '\\') {
        return refuse(match c {
            '\0' => Reason::Nul,
            '\\' => Reason::Backslash,
            c => Reason::Control(c),
        });
    }
    for segment in relative.split('/') {
        match segment {
            "" => return refuse(Reason::EmptySegment),
            "." => return refuse(Reason::CurrentSegment),
            ".." => return refuse(Reason::ParentSegment),
            _ => {}
        }
    }
    let path = PathBuf::from(relative);
    // What the checks above guarantee, stated for the platform's own path rules (prefixes).
    if !path.components().all(|c| matches!(c, Component::Normal(_))) {
        return refuse(Reason::Absolute);
    }
    Ok(path)
}

/// `root` joined with the confined `relative`.
pub(crate) fn join(root: &Path, relative: &str) -> Result<PathBuf, RefusedPath> {
    Ok(root.join(confine(relative)?))
}

/// A site-rooted path (`/assets/loa.css`, one leading `/`) or a relative one, confined.
pub(crate) fn join_site_path(root: &Path, path: &str) -> Result<PathBuf, RefusedPath> {
    join(root, path.strip_prefix('/').unwrap_or(path))
}

/// The diagnostic for a failed write: the refusal's own when the path was refused.
pub(crate) fn write_error(path: &str, error: &std::io::Error) -> Diagnostic {
    match error.get_ref().and_then(|inner| inner.downcast_ref::<RefusedPath>()) {
        Some(refused) => refused.diagnostic(),
        None => Diagnostic::error(path, Position::new(1, 1), crate::msg!("output-cannot-write", error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_relative_paths_pass() {
        assert_eq!(confine("van-ban/x/index.html").unwrap(), PathBuf::from("van-ban/x/index.html"));
        assert_eq!(confine(".loa-manifest").unwrap(), PathBuf::from(".loa-manifest"));
        assert_eq!(confine("q/AB..C/qr.png").unwrap(), PathBuf::from("q/AB..C/qr.png"));
    }

    #[test]
    fn every_way_out_is_refused() {
        let cases = [
            ("", Reason::Empty),
            ("/etc/passwd", Reason::Absolute),
            ("../victim/index.html", Reason::ParentSegment),
            ("a/../../victim", Reason::ParentSegment),
            ("a/./b", Reason::CurrentSegment),
            ("a//b", Reason::EmptySegment),
            ("a/", Reason::EmptySegment),
            ("a\\..\\b", Reason::Backslash),
            ("a\0b", Reason::Nul),
            ("a\nb", Reason::Control('\n')),
            ("a\rb", Reason::Control('\r')),
            ("a\u{85}b", Reason::Control('\u{85}')),
        ];
        for (path, reason) in cases {
            assert_eq!(confine(path).unwrap_err().reason, reason, "{path:?}");
        }
    }

    #[test]
    fn site_paths_lose_one_leading_slash_only() {
        let root = Path::new("/out");
        assert_eq!(join_site_path(root, "/assets/a.css").unwrap(), PathBuf::from("/out/assets/a.css"));
        assert_eq!(join_site_path(root, "//etc/passwd").unwrap_err().reason, Reason::Absolute);
    }
}
