//! Import: turns a dispatch as staff receive it (.docx, .md or .txt) into a directive file
//! with its front matter filled in. Being written; see issue 8.

use std::path::PathBuf;

/// What `loa import` is asked to do.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The portal root (for matching organizations, people and campaigns).
    pub root: PathBuf,
    pub files: Vec<PathBuf>,
    /// A campaign slug to put in `campaigns:`.
    pub campaign: Option<String>,
    /// Where to write; default `content/directives/<year>/`.
    pub out: Option<PathBuf>,
    pub dry_run: bool,
    pub force: bool,
}

/// Runs `loa import`; returns the exit code (0 ok, 1 errors, 2 usage).
pub fn run(options: &ImportOptions) -> i32 {
    let _ = options;
    eprintln!("loa import is not available yet");
    crate::cli::EXIT_ERRORS
}
