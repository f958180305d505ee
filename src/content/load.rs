//! Load: walk `content/`, read each file (UTF-8, BOM, CRLF, NFC) and turn its front matter
//! into the typed model of its kind.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::fields::{Fields, Spanned};
use super::front_matter;
use super::model::*;
use crate::date::PartialDate;
use crate::diag::{Diagnostic, Position};
use crate::text;
use crate::yaml::{self, Locator};

use super::model::Kind;

/// One loaded content file.
#[derive(Debug, Clone)]
pub enum Loaded {
    Campaign(Campaign),
    Directive(Directive),
    Guide(Guide),
    Organization(Organization),
    Person(Person),
    Result(ResultSet),
}

impl Loaded {
    pub fn source(&self) -> &Source {
        match self {
            Loaded::Campaign(c) => &c.source,
            Loaded::Directive(d) => &d.source,
            Loaded::Guide(g) => &g.source,
            Loaded::Organization(o) => &o.source,
            Loaded::Person(p) => &p.source,
            Loaded::Result(r) => &r.source,
        }
    }
}

/// Every Markdown file under `content/`, sorted, hidden and editor temp files skipped.
pub fn content_files(content_dir: &Path) -> Vec<PathBuf> {
    scan(content_dir).0
}

/// The folders of `content/` whose files are pages (`contacts` holds two of them).
const PAGE_FOLDERS: &[&str] = &["campaigns", "directives", "guides", "contacts", "results"];
const CONTACT_FOLDERS: &[&str] = &["organizations", "people"];

/// Every Markdown file under `content/` (as `content_files`), with what the walk found
/// wrong: FIFOs, sockets and devices (errors: only regular files are read), and unknown
/// folders and Markdown files with another extension than `.md` (warnings: they would
/// otherwise be skipped without a word).
pub fn scan(content_dir: &Path) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    if !content_dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let root = content_dir.parent().unwrap_or(content_dir);
    markdown_under(root, content_dir, Place::Content)
}

/// Where in `content/` a folder is, for what it may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// `content/` itself.
    Content,
    /// `content/contacts/`.
    Contacts,
    /// Inside a folder of pages.
    Pages,
    /// `content/attachments/`: any file, none of them a page.
    Attachments,
}

impl Place {
    fn of_child(self, name: &str) -> Option<Place> {
        match self {
            Place::Content if name == "attachments" => Some(Place::Attachments),
            Place::Content if name == "contacts" => Some(Place::Contacts),
            Place::Content => PAGE_FOLDERS.contains(&name).then_some(Place::Pages),
            Place::Contacts => CONTACT_FOLDERS.contains(&name).then_some(Place::Pages),
            Place::Pages | Place::Attachments => Some(self),
        }
    }
}

type Found = (Vec<PathBuf>, Vec<Diagnostic>);

/// Markdown files under `folder`, depth first, each folder's entries sorted by name (the
/// order of the model). Sub-folders are read in parallel: a national portal's content is
/// tens of thousands of files.
fn markdown_under(root: &Path, folder: &Path, place: Place) -> Found {
    let Ok(entries) = std::fs::read_dir(folder) else { return (Vec::new(), Vec::new()) };
    let mut entries: Vec<(std::ffi::OsString, std::fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter(|entry| !is_hidden_or_temporary(entry.file_name().to_str().unwrap_or("")))
        .filter_map(|entry| Some((entry.file_name(), entry.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    // A page bundle's other files are its attachments, whatever their names.
    let bundle = entries.iter().any(|(name, kind)| name == "index.md" && kind.is_file());
    let found: Vec<Found> = entries
        .par_iter()
        .map(|(name, kind)| {
            let path = folder.join(name);
            let name = name.to_string_lossy();
            if kind.is_dir() {
                return match place.of_child(&name) {
                    Some(inner) => markdown_under(root, &path, inner),
                    None => (Vec::new(), vec![unknown_folder(root, &path)]),
                };
            }
            if let Some(what) = special_file(kind) {
                return (Vec::new(), vec![not_regular(&crate::diag::display_path(root, &path), &what)]);
            }
            let extension = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
            if place == Place::Attachments {
                (Vec::new(), Vec::new())
            } else if kind.is_file() && extension == "md" {
                (vec![path], Vec::new())
            } else if is_markdown_extension(&extension) && !bundle {
                (Vec::new(), vec![unread_markdown(root, &path, kind.is_symlink())])
            } else {
                (Vec::new(), Vec::new())
            }
        })
        .collect();
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for (found, problems) in found {
        files.extend(found);
        diagnostics.extend(problems);
    }
    (files, diagnostics)
}

/// Extensions other tools give Markdown; only `.md` (lower case) is read.
pub(crate) fn is_markdown_extension(extension: &str) -> bool {
    let lower = extension.to_ascii_lowercase();
    ["md", "markdown", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext"].contains(&lower.as_str())
}

fn unknown_folder(root: &Path, path: &Path) -> Diagnostic {
    let display = crate::diag::display_path(root, path);
    Diagnostic::warning(&display, Position::new(1, 1), crate::msg!("folder-unknown", folder = display.display()))
        .with_hint(crate::msg!("folder-unknown-hint"))
}

fn unread_markdown(root: &Path, path: &Path, symlink: bool) -> Diagnostic {
    let display = crate::diag::display_path(root, path);
    let (message, hint) = if symlink {
        (crate::msg!("file-symlink", file = display.display()), crate::msg!("file-symlink-hint"))
    } else {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        (crate::msg!("file-not-md", file = display.display()), crate::msg!("file-not-md-hint", stem))
    };
    Diagnostic::warning(&display, Position::new(1, 1), message).with_hint(hint)
}

/// What a file that is neither a regular file, a folder nor a symlink is, if it is one.
fn special_file(kind: &std::fs::FileType) -> Option<crate::diag::Text> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(crate::msg!("special-fifo"));
        } else if kind.is_socket() {
            return Some(crate::msg!("special-socket"));
        } else if kind.is_block_device() || kind.is_char_device() {
            return Some(crate::msg!("special-device"));
        }
    }
    (!kind.is_file() && !kind.is_dir() && !kind.is_symlink()).then(|| crate::msg!("special-other"))
}

fn not_regular(display: &Path, what: &crate::diag::Text) -> Diagnostic {
    Diagnostic::error(display, Position::new(1, 1), crate::msg!("file-not-regular", file = display.display(), what))
        .with_hint(crate::msg!("file-not-regular-hint"))
}

pub(crate) fn is_hidden_or_temporary(name: &str) -> bool {
    (name.starts_with('.') && name != ".") || name.ends_with('~') || name.starts_with(".#") || name.ends_with(".swp")
}

/// Reads and parses all files in parallel. Results keep the files' sorted order.
/// `languages` are the site's (`Config::languages`): files named `x.<lang>.md` for one of
/// them are translations of `x.md`.
/// Files larger than `max_file_bytes` (`Config::max_file_bytes`) are refused unread.
pub fn load_all(
    root: &Path,
    files: &[PathBuf],
    languages: &[String],
    max_file_bytes: u64,
) -> (Vec<Loaded>, Vec<Diagnostic>) {
    let results: Vec<(Option<Loaded>, Vec<Diagnostic>)> =
        files.par_iter().map(|path| load_file(root, path, languages, max_file_bytes)).collect();
    let mut loaded = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    for (item, file_diagnostics) in results {
        loaded.extend(item);
        diagnostics.extend(file_diagnostics);
    }
    (loaded, diagnostics)
}

/// What a file's name says about its language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileLanguage {
    /// A Vietnamese original (or any file without a language suffix).
    Original,
    /// `x.<lang>.md` with `<lang>` a configured language other than the default: a translation
    /// of `x.md` in the same folder.
    Translation { lang: String, original: PathBuf },
    /// `x.<code>.md` beside an `x.md`, with `<code>` a language the site does not publish.
    Unpublished { lang: String, original: PathBuf },
}

/// Reads the language suffix of a content file name. Only an ISO 639-1 code counts as one,
/// and an unconfigured code only when the original sits beside it, so `bao-cao.v2.md` or
/// `ke-hoach-2024.to.md` alone stay ordinary pages.
pub fn file_language(path: &Path, languages: &[String]) -> FileLanguage {
    let Some((stem, code)) = path.file_stem().and_then(|s| s.to_str()).and_then(|s| s.rsplit_once('.')) else {
        return FileLanguage::Original;
    };
    if stem.is_empty() || !crate::i18n::is_language_code(code) {
        return FileLanguage::Original;
    }
    let original = path.with_file_name(format!("{stem}.md"));
    let configured = languages.iter().skip(1).any(|l| l == code);
    if configured {
        FileLanguage::Translation { lang: code.to_owned(), original }
    } else if original.is_file() {
        FileLanguage::Unpublished { lang: code.to_owned(), original }
    } else {
        FileLanguage::Original
    }
}

/// Reads one content file. Returns None (with diagnostics) when it cannot be read at all.
pub fn load_file(
    root: &Path,
    path: &Path,
    languages: &[String],
    max_file_bytes: u64,
) -> (Option<Loaded>, Vec<Diagnostic>) {
    let display = crate::diag::display_path(root, path);
    let mut diagnostics = Vec::new();
    let translation = match file_language(path, languages) {
        FileLanguage::Original => None,
        FileLanguage::Unpublished { lang, original } => {
            let hint = if lang == crate::i18n::DEFAULT_LANGUAGE {
                crate::msg!("translation-into-vi-hint", original = crate::diag::display_path(root, &original).display())
            } else {
                crate::msg!("translation-unpublished-hint", lang)
            };
            diagnostics.push(
                Diagnostic::warning(&display, Position::new(1, 1), crate::msg!("translation-unpublished", lang))
                    .with_hint(hint),
            );
            return (None, diagnostics);
        }
        FileLanguage::Translation { lang, original } => {
            if !original.is_file() {
                diagnostics.push(
                    Diagnostic::error(
                        &display,
                        Position::new(1, 1),
                        crate::msg!(
                            "translation-no-original",
                            original = crate::diag::display_path(root, &original).display()
                        ),
                    )
                    .with_hint(crate::msg!("translation-no-original-hint", lang)),
                );
                return (None, diagnostics);
            }
            Some((lang, original))
        }
    };
    if let Some((lang, original)) = translation {
        return load_translation(root, path, &display, (lang, &original), max_file_bytes);
    }
    let content_dir = root.join("content");
    let Some(kind) = path.strip_prefix(&content_dir).ok().and_then(Kind::of) else {
        diagnostics.push(
            Diagnostic::warning(&display, Position::new(1, 1), crate::msg!("file-outside-content-folders"))
                .with_hint(crate::msg!("file-outside-content-folders-hint")),
        );
        return (None, diagnostics);
    };
    let text = match read_text(path, &display, max_file_bytes) {
        Ok(text) => text,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    let split = match front_matter::split(&text) {
        Ok(split) => split,
        Err(error) => {
            return (None, vec![Diagnostic::error(&display, error.position, error.message).with_hint(error.hint)]);
        }
    };
    let value = match yaml::parse_yaml(split.yaml, split.yaml_first_line) {
        Ok(value) => value,
        Err(error) => {
            return (None, vec![Diagnostic::error(&display, error.position, error.message).with_hint(error.hint)]);
        }
    };
    let locator = Locator::new(split.yaml, split.yaml_first_line);
    let source = Source {
        path: display.clone(),
        folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        slug: slug_of(path),
        body: split.body.into(),
        body_first_line: split.body_first_line,
        front_matter_hash: crate::hash::fnv1a_bytes(split.yaml.as_bytes()),
        translation: None,
    };
    let loaded = {
        let known = known_fields(kind);
        let mut fields = Fields::new(value, &locator, Vec::new(), &display, known, &mut diagnostics);
        read_kind(kind, &mut fields, source)
    };
    (loaded, diagnostics)
}

/// Reads a translation: its front matter laid over its original's (keys it sets replace the
/// original's, everything else, numbers, dates, contacts, attachments, is inherited), its
/// body replacing the original's, its slug the original's. Problems of inherited fields are
/// the original's and are reported there once, not again for the translation.
fn load_translation(
    root: &Path,
    path: &Path,
    display: &Path,
    (lang, original): (String, &Path),
    max_file_bytes: u64,
) -> (Option<Loaded>, Vec<Diagnostic>) {
    let content_dir = root.join("content");
    let Some(kind) = path.strip_prefix(&content_dir).ok().and_then(Kind::of) else {
        return (None, Vec::new());
    };
    let original_display = crate::diag::display_path(root, original);
    let parse =
        |path: &Path, display: &Path| -> Result<(String, usize, serde_json::Value, usize, String), Diagnostic> {
            let text = read_text(path, display, max_file_bytes)?;
            let split = front_matter::split(&text)
                .map_err(|e| Diagnostic::error(display, e.position, e.message).with_hint(e.hint))?;
            let value = yaml::parse_yaml(split.yaml, split.yaml_first_line)
                .map_err(|e| Diagnostic::error(display, e.position, e.message).with_hint(e.hint))?;
            Ok((split.yaml.to_owned(), split.yaml_first_line, value, split.body_first_line, split.body.to_owned()))
        };
    let (yaml, yaml_first_line, value, body_first_line, body) = match parse(path, display) {
        Ok(parts) => parts,
        Err(diagnostic) => return (None, vec![diagnostic]),
    };
    // The original's own problems are reported when it is loaded.
    let Ok((original_yaml, original_first_line, original_value, _, _)) = parse(original, &original_display) else {
        return (None, Vec::new());
    };
    let mut merged = match &original_value {
        serde_json::Value::Object(map) => map.clone(),
        _ => serde_json::Map::new(),
    };
    if let serde_json::Value::Object(own) = value {
        merged.extend(own);
    }
    let source = Source {
        path: display.to_path_buf(),
        folder: path.parent().map(Path::to_path_buf).unwrap_or_default(),
        slug: slug_of(original),
        body: body.into(),
        body_first_line,
        // The merged front matter: the translation's own and its original's.
        front_matter_hash: crate::hash::fnv1a_bytes(format!("{yaml}\n{original_yaml}").as_bytes()),
        translation: Some(Translation { lang, original: original_display.clone() }),
    };
    let known = known_fields(kind);
    let locator = Locator::new(&yaml, yaml_first_line);
    let mut diagnostics = Vec::new();
    let loaded = {
        let mut fields =
            Fields::new(serde_json::Value::Object(merged), &locator, Vec::new(), display, known, &mut diagnostics);
        read_kind(kind, &mut fields, source)
    };
    // What the original alone reports is the original's to fix: keep only what the
    // translation adds.
    let mut inherited = Vec::new();
    {
        let locator = Locator::new(&original_yaml, original_first_line);
        let source = Source {
            path: original_display.clone(),
            folder: PathBuf::new(),
            slug: String::new(),
            body: "".into(),
            body_first_line: 1,
            front_matter_hash: 0,
            translation: None,
        };
        let mut fields = Fields::new(original_value, &locator, Vec::new(), &original_display, known, &mut inherited);
        read_kind(kind, &mut fields, source);
    }
    let inherited: std::collections::HashSet<crate::diag::Text> = inherited.into_iter().map(|d| d.message).collect();
    diagnostics.retain(|d| !inherited.contains(&d.message));
    (loaded, diagnostics)
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// A FIFO, socket, device or folder: what it is.
    NotRegular(crate::diag::Text),
    /// Larger than the limit: its size in bytes.
    TooLarge(u64),
    Io(std::io::Error),
}

impl ReadError {
    /// The error as a diagnostic about `display`, the file as the user names it.
    pub fn diagnostic(&self, display: &Path, limit: u64, limit_hint: impl Into<crate::diag::Text>) -> Diagnostic {
        match self {
            ReadError::NotRegular(what) => not_regular(display, what),
            ReadError::TooLarge(bytes) => Diagnostic::error(
                display,
                Position::new(1, 1),
                crate::msg!("file-too-large", size = megabytes(*bytes), bytes, limit_size = megabytes(limit), limit),
            )
            .with_hint(limit_hint),
            ReadError::Io(error) => {
                Diagnostic::error(display, Position::new(1, 1), crate::msg!("file-unreadable", error))
            }
        }
    }
}

fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// Opens a file for reading only if it is a regular file: checked before opening (a FIFO
/// would block `open`) and again on the opened handle (the path may have been swapped in
/// between; the non-blocking open cannot hang on a FIFO put there).
pub fn open_regular(path: &Path) -> Result<(std::fs::File, std::fs::Metadata), ReadError> {
    let before = std::fs::metadata(path).map_err(ReadError::Io)?;
    check_regular(&before)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let opened = file.metadata().map_err(ReadError::Io)?;
    check_regular(&opened)?;
    Ok((file, opened))
}

fn check_regular(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    let kind = meta.file_type();
    if kind.is_file() {
        return Ok(());
    }
    Err(ReadError::NotRegular(if kind.is_dir() {
        crate::msg!("special-folder")
    } else {
        special_file(&kind).unwrap_or_else(|| crate::msg!("special-other"))
    }))
}

/// The bytes of a regular file of at most `limit` bytes; the size is checked from the
/// metadata before reading, and the read stops past the limit if the file grows meanwhile.
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1).read_to_end(&mut bytes).map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a settings file (`short-links.yaml`): None when it does not exist, an error when it
/// is no regular file, is over `config::MAX_SETTINGS_BYTES` or is not UTF-8.
pub fn read_settings(path: &Path, display: &Path) -> Result<Option<String>, Diagnostic> {
    let limit = crate::config::MAX_SETTINGS_BYTES;
    let bytes = match read_regular(path, limit) {
        Ok(bytes) => bytes,
        Err(ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.diagnostic(display, limit, crate::msg!("settings-too-large-hint"))),
    };
    String::from_utf8(bytes).map(Some).map_err(|_| {
        Diagnostic::error(display, Position::new(1, 1), crate::msg!("file-not-utf8"))
            .with_hint(crate::msg!("file-not-utf8-settings-hint"))
    })
}

/// Reads a file as UTF-8 text, BOM removed, `\r\n` turned into `\n`, normalized to NFC.
/// A file larger than `max_file_bytes` is refused unread.
pub fn read_text(path: &Path, display: &Path, max_file_bytes: u64) -> Result<String, Diagnostic> {
    let bytes = read_regular(path, max_file_bytes)
        .map_err(|error| error.diagnostic(display, max_file_bytes, crate::msg!("file-too-large-hint")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let valid = std::str::from_utf8(valid).expect("valid prefix");
        let line = valid.matches('\n').count() + 1;
        let col = valid.rsplit('\n').next().map(|l| l.chars().count()).unwrap_or(0) + 1;
        Diagnostic::error(display, Position::new(line, col), crate::msg!("file-not-utf8"))
            .with_hint(crate::msg!("file-not-utf8-hint"))
    })?;
    let mut text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    if text.contains('\r') {
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(if text::is_nfc(&text) { text } else { text::nfc(&text) })
}

/// The slug of a content file: its file stem, or its folder's name for a bundle's `index.md`.
pub fn slug_of(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let name = if stem == "index" {
        path.parent().and_then(|p| p.file_name()).and_then(|s| s.to_str()).unwrap_or(stem)
    } else {
        stem
    };
    text::slugify(name)
}

const DIRECTIVE_FIELDS: &[&str] = &[
    "title",
    "doc_type",
    "number",
    "number_blank",
    "issuer",
    "place",
    "date",
    "campaigns",
    "recipients",
    "references",
    "attachments",
    "deadlines",
    "contacts",
    "signer",
    "distribution",
    "urgency",
    "confidentiality",
    "circulation",
    "summary",
    "tags",
    "draft",
    "publish",
    "withdrawn",
    "short",
    "aliases",
    "effective",
    "expires",
    "fields",
    "amends",
    "replaces",
    "corrects",
    "extends",
];
const TARGET_FIELDS: &[&str] = &["number"];
const EXTENDS_FIELDS: &[&str] = &["ref", "deadlines"];
const MOVE_FIELDS: &[&str] = &["was", "now"];
const CAMPAIGN_FIELDS: &[&str] = &[
    "title",
    "kind",
    "organizer",
    "start",
    "end",
    "phases",
    "fields",
    "contacts",
    "summary",
    "cover",
    "cover_alt",
    "short",
    "placements",
    "aliases",
    "attachments",
    "tags",
    "draft",
    "publish",
];
const GUIDE_FIELDS: &[&str] = &[
    "title",
    "campaigns",
    "summary",
    "short",
    "placements",
    "aliases",
    "attachments",
    "contacts",
    "tags",
    "draft",
    "publish",
];
const PLACEMENT_FIELDS: &[&str] = &["slug", "name"];
const WITHDRAWN_FIELDS: &[&str] = &["date", "reason", "replaced_by"];
const ORGANIZATION_FIELDS: &[&str] = &[
    "title",
    "abbr",
    "parent",
    "system",
    "place",
    "address",
    "phone",
    "email",
    "website",
    "valid_from",
    "valid_to",
    "predecessors",
];
const RESULT_FIELDS: &[&str] = &["title", "campaign", "decision", "levels", "entries", "summary", "draft", "publish"];
const LEVEL_FIELDS: &[&str] = &["slug", "name", "name_en"];
const ENTRY_FIELDS: &[&str] = &["title", "authors", "unit", "field", "level", "attachments"];
const AUTHOR_FIELDS: &[&str] = &["name", "person"];
const PERSON_FIELDS: &[&str] = &["title", "honorific", "position", "organization", "phone", "email"];
const REFERENCE_FIELDS: &[&str] = &["number", "date", "issuer", "title"];
const ATTACHMENT_FIELDS: &[&str] = &["file", "title", "number"];
const DEADLINE_FIELDS: &[&str] = &["date", "what"];
const SIGNER_FIELDS: &[&str] = &["authority", "body", "position", "name"];
const PHASE_FIELDS: &[&str] = &["name", "date", "start", "end"];

fn known_fields(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Campaign => CAMPAIGN_FIELDS,
        Kind::Directive => DIRECTIVE_FIELDS,
        Kind::Guide => GUIDE_FIELDS,
        Kind::Organization => ORGANIZATION_FIELDS,
        Kind::Person => PERSON_FIELDS,
        Kind::Result => RESULT_FIELDS,
    }
}

fn read_kind(kind: Kind, fields: &mut Fields<'_>, source: Source) -> Option<Loaded> {
    Some(match kind {
        Kind::Campaign => Loaded::Campaign(read_campaign(fields, source)?),
        Kind::Directive => Loaded::Directive(read_directive(fields, source)?),
        Kind::Guide => Loaded::Guide(read_guide(fields, source)?),
        Kind::Organization => Loaded::Organization(read_organization(fields, source)?),
        Kind::Person => Loaded::Person(read_person(fields, source)?),
        Kind::Result => Loaded::Result(read_result(fields, source)?),
    })
}

fn texts(list: Vec<Spanned<String>>) -> Vec<String> {
    list.into_iter().map(|item| item.value).collect()
}

fn read_directive(fields: &mut Fields<'_>, source: Source) -> Option<Directive> {
    refuse_unpublishable(fields);
    let title = fields.required_text("title", "tuyên truyền, tham gia Hội thi …");
    let doc_type = fields.choice("doc_type", &DocType::slugs()).and_then(DocType::from_slug);
    if doc_type.is_none() && !fields.has("doc_type") {
        fields.error("doc_type", crate::msg!("doc-type-missing"), crate::msg!("doc-type-missing-hint"));
    }
    // Read before the fields are taken: where the format checks point.
    let at = |fields: &Fields<'_>, key: &str| {
        if fields.has(key) { fields.key_position(key) } else { crate::diag::Position::new(1, 1) }
    };
    let positions = DirectivePositions { number: at(fields, "number"), signer: at(fields, "signer") };
    let number = fields.text("number").map(|n| DocNumber::parse(&n));
    if let (Some(number), Some(doc_type)) = (&number, doc_type) {
        check_number_matches_type(fields, number, doc_type);
    }
    let directive = Directive {
        doc_type: doc_type.unwrap_or(DocType("khac")),
        number,
        number_blank: fields.bool("number_blank"),
        positions,
        issuer: fields.one_ref("issuer"),
        place: fields.text("place"),
        date: fields.date("date"),
        campaigns: fields.refs("campaigns"),
        recipients: texts(fields.text_list("recipients")),
        references: fields.items("references", REFERENCE_FIELDS, read_reference),
        attachments: read_attachments(fields),
        deadlines: fields.items("deadlines", DEADLINE_FIELDS, read_deadline),
        contacts: fields.refs("contacts"),
        signer: fields.group("signer", SIGNER_FIELDS, read_signer),
        distribution: texts(fields.text_list("distribution")),
        urgency: fields.choice("urgency", Urgency::SLUGS).and_then(Urgency::from_slug),
        summary: fields.text("summary"),
        tags: texts(fields.text_list("tags")),
        draft: fields.bool("draft"),
        publish: read_publish(fields),
        withdrawn: fields.group("withdrawn", WITHDRAWN_FIELDS, read_withdrawal).flatten().map(Box::new),
        short: read_short(fields),
        aliases: read_aliases(fields),
        fields: fields.refs("fields"),
        lifecycle: Box::new(Lifecycle {
            effective: read_effective(fields),
            expires: fields.date("expires"),
            amends: read_targets(fields, "amends"),
            replaces: read_targets(fields, "replaces"),
            corrects: read_targets(fields, "corrects"),
            extends: fields.group("extends", EXTENDS_FIELDS, read_extension).flatten(),
        }),
        title: title?,
        source,
    };
    if directive.date.is_none() && !fields.keys().contains("date") {
        fields.warning("date", crate::msg!("directive-no-date"), crate::msg!("directive-no-date-hint"));
    }
    Some(directive)
}

/// Secret and internal documents must never reach a public portal: stop the build.
fn refuse_unpublishable(fields: &mut Fields<'_>) {
    refuse_unpublishable_as(fields, &crate::msg!("subject-document"));
}

/// A gate: its field, the values that publish, and the hint for an empty value (a function,
/// since a catalog text is built at run time).
type Gate = (&'static str, &'static [&'static str], fn() -> crate::diag::Text);

/// The fields that can keep a document off the portal, the values that publish it, and
/// the hint for an empty value.
const GATES: &[Gate] = &[
    ("confidentiality", &["none", "khong"], || crate::msg!("confidentiality-empty-hint")),
    ("circulation", &["public", "cong-khai"], || crate::msg!("circulation-empty-hint")),
];

/// The confidentiality gate for a page or an attached file (`subject` names which in the
/// messages). Only an explicitly public value, or no such field at all, passes: an empty or
/// null value is an error too, and so is any value that is not text.
pub fn refuse_unpublishable_as(fields: &mut Fields<'_>, subject: &crate::diag::Text) {
    for &(key, public, hint) in GATES {
        if fields.is_empty(key) {
            fields.error(key, crate::msg!("gate-empty", key, subject), hint());
            fields.text(key);
            continue;
        }
        let Some(value) = fields.text(key) else { continue };
        if public.contains(&text::slugify(&value).as_str()) {
            continue;
        }
        if key == "confidentiality" {
            fields.error(key, crate::msg!("gate-classified", subject, value), crate::msg!("gate-classified-hint"));
        } else {
            fields.error(key, crate::msg!("gate-internal", subject, value), crate::msg!("gate-internal-hint"));
        }
    }
}

/// A number whose type abbreviation contradicts `doc_type` is a warning: `45/KH-UBND` with
/// `doc_type: thong-bao`. State công văn carry no type abbreviation, so they are not checked.
fn check_number_matches_type(fields: &mut Fields<'_>, number: &DocNumber, doc_type: DocType) {
    let segment = number.type_segment();
    let Some(named) = DocType::from_abbreviation(segment) else { return };
    if named == doc_type || doc_type.0 == "cong-van" && !number.sign.contains('/') {
        return;
    }
    fields.warning(
        "number",
        crate::msg!(
            "number-type-mismatch",
            number = number.text,
            named = named.name().to_lowercase(),
            segment,
            doc_type = doc_type.0
        ),
        crate::msg!("number-type-mismatch-hint", doc_type = named.0),
    );
}

fn read_reference(fields: &mut Fields<'_>) -> Option<Reference> {
    let reference = Reference {
        number: fields.text("number").map(|n| DocNumber::parse(&n)),
        date: fields.date("date").map(|d| d.value),
        issuer: fields.text("issuer"),
        title: fields.text("title"),
    };
    if reference.number.is_none() && reference.title.is_none() {
        fields.error("number", crate::msg!("reference-needs-number"), crate::msg!("reference-needs-number-hint"));
        return None;
    }
    Some(reference)
}

fn read_attachments(fields: &mut Fields<'_>) -> Vec<AttachmentUse> {
    fields.items("attachments", ATTACHMENT_FIELDS, |item| {
        let file = item.required_text("file", "ke-hoach.pdf")?;
        Some(AttachmentUse {
            file: Spanned { value: file, position: item.key_position("file") },
            title: item.text("title"),
            number: item.text("number"),
            attachment: None,
        })
    })
}

fn read_deadline(fields: &mut Fields<'_>) -> Option<Deadline> {
    let date = fields.datetime("date");
    let what = fields.required_text("what", "Gửi danh sách đăng ký");
    if date.is_none() && !fields.keys().contains("date") {
        fields.error("date", crate::msg!("deadline-needs-date"), crate::msg!("deadline-needs-date-hint"));
    }
    Some(Deadline { date: date?, what: what?, extended: Vec::new() })
}

fn read_signer(fields: &mut Fields<'_>) -> Signer {
    let authority = fields.text("authority").and_then(|text| {
        let parsed = Authority::parse(&text);
        if parsed.is_none() {
            fields.error("authority", crate::msg!("authority-invalid", text), crate::msg!("authority-invalid-hint"));
        }
        parsed
    });
    Signer { authority, body: fields.text("body"), position: fields.text("position"), name: fields.text("name") }
}

fn read_campaign(fields: &mut Fields<'_>, source: Source) -> Option<Campaign> {
    let title = fields.required_text("title", "Hội thi Sáng tạo kỹ thuật …");
    let kind = fields.choice("kind", &CampaignKind::slugs()).map(CampaignKind);
    let start = fields.date("start");
    let end = fields.date("end");
    check_order(fields, ("start", &start), ("end", &end), crate::msg!("subject-campaign"));
    let phases = fields.items("phases", PHASE_FIELDS, read_phase);
    Some(Campaign {
        kind: kind.unwrap_or(CampaignKind("thi-dua-theo-dot")),
        organizer: fields.one_ref("organizer"),
        start,
        end,
        phases,
        fields: texts(fields.text_list("fields")),
        contacts: fields.refs("contacts"),
        summary: fields.text("summary"),
        cover: fields.text("cover").map(|value| Cover {
            file: Spanned { value, position: fields.key_position("cover") },
            alt: fields.text("cover_alt"),
            path: None,
        }),
        short: read_short(fields),
        placements: read_placements(fields),
        aliases: read_aliases(fields),
        attachments: read_attachments(fields),
        tags: texts(fields.text_list("tags")),
        draft: fields.bool("draft"),
        publish: read_publish(fields),
        title: title?,
        source,
    })
}

/// Reports a span whose end comes before its start, at the end field.
fn check_order(
    fields: &mut Fields<'_>,
    (start_key, start): (&str, &Option<Spanned<PartialDate>>),
    (end_key, end): (&str, &Option<Spanned<PartialDate>>),
    what: crate::diag::Text,
) {
    if let (Some(start), Some(end)) = (start, end)
        && end.value.last_day() < start.value.first_day()
    {
        fields.error(
            end_key,
            crate::msg!("ends-before-start", what, end = end.value, start = start.value),
            crate::msg!("ends-before-start-hint", end_key, start_key),
        );
    }
}

fn read_phase(fields: &mut Fields<'_>) -> Option<Phase> {
    let name = fields.required_text("name", "Phát động");
    let date = fields.date("date");
    let start = fields.date("start").or(date.clone());
    let end = fields.date("end").or(date);
    check_order(fields, ("start", &start), ("end", &end), crate::msg!("subject-phase"));
    Some(Phase { name: name?, start, end })
}

fn read_short(fields: &mut Fields<'_>) -> Option<Spanned<String>> {
    let code = fields.text("short")?.to_uppercase();
    let position = fields.key_position("short");
    if let Err(problem) = super::shortlinks::check_code(&code) {
        fields.error("short", crate::msg!("short-code-unusable", code, problem), super::shortlinks::code_hint());
        return None;
    }
    Some(Spanned { value: code, position })
}

/// `placements: [{slug, name}]`: where print runs of the page's posters go. The slug rides
/// in the QR code (`?n=<slug>`) and in server logs, so it is a short plain slug; a slug
/// written twice is an error at the second.
fn read_placements(fields: &mut Fields<'_>) -> Vec<Placement> {
    let read = fields.items("placements", PLACEMENT_FIELDS, |item| {
        let slug = item.required_text("slug", "cho-huyen");
        let position = item.key_position("slug");
        let name = item.required_text("name", "Chợ huyện");
        let slug = slug?;
        if let Err(problem) = super::shortlinks::check_placement(&slug) {
            item.error(
                "slug",
                crate::msg!("placement-slug-invalid", slug, problem),
                super::shortlinks::placement_hint(),
            );
            return None;
        }
        Some((Spanned { value: slug, position }, name?))
    });
    let mut placements: Vec<Placement> = Vec::new();
    for (slug, name) in read {
        if placements.iter().any(|p| p.slug == slug.value) {
            fields.diagnostics.push(
                Diagnostic::error(fields.file(), slug.position, crate::msg!("placement-twice", slug = slug.value))
                    .with_hint(crate::msg!("placement-twice-hint")),
            );
            continue;
        }
        placements.push(Placement { slug: slug.value, name });
    }
    placements
}

/// `aliases:` old slugs (`hoi-thi-mau`) or old site paths (`/cu/duong-dan/`) of a renamed
/// page. Each becomes a redirect page in the output and a server redirect rule, so a value
/// that is neither is an error here, where it was written.
fn read_aliases(fields: &mut Fields<'_>) -> Vec<Spanned<String>> {
    let aliases = fields.text_list("aliases");
    let (valid, invalid): (Vec<_>, Vec<_>) =
        aliases.into_iter().partition(|alias| alias_problem(&alias.value).is_none());
    for alias in invalid {
        let Some(problem) = alias_problem(&alias.value) else { continue };
        let slug = text::slugify(&alias.value);
        let hint = if alias.value.starts_with('/') || slug.is_empty() {
            super::shortlinks::site_path_hint()
        } else {
            crate::msg!("alias-hint", slug)
        };
        fields.diagnostics.push(
            Diagnostic::error(
                fields.file(),
                alias.position,
                crate::msg!("alias-invalid", alias = alias.value, problem),
            )
            .with_hint(hint),
        );
    }
    valid
}

fn alias_problem(alias: &str) -> Option<crate::diag::Text> {
    if alias.starts_with('/') {
        super::shortlinks::check_site_path(alias, false).err().map(|p| crate::msg!("alias-not-site-path", p))
    } else {
        (!text::is_slug(alias)).then(|| crate::msg!("alias-not-slug"))
    }
}

/// A result file: `content/results/<campaign>/<name>.md`, its entries in its front matter.
fn read_result(fields: &mut Fields<'_>, source: Source) -> Option<ResultSet> {
    let title = fields.required_text("title", "Kết quả Hội thi Sáng tạo kỹ thuật …");
    let campaign = fields.one_ref("campaign").or_else(|| result_folder(&source.path)).or_else(|| {
        fields.error("campaign", crate::msg!("result-no-campaign"), crate::msg!("result-no-campaign-hint"));
        None
    });
    let levels = if fields.has("levels") {
        fields.items("levels", LEVEL_FIELDS, |level| {
            let slug = level.required_text("slug", "dac-biet");
            let name = level.required_text("name", "Giải Đặc biệt");
            let name_en = level.text("name_en");
            Some(AwardLevel { slug: text::slugify(&slug?), name: name?, name_en })
        })
    } else {
        AwardLevel::standard()
    };
    Some(ResultSet {
        decision: fields.one_ref("decision"),
        entries: fields.items("entries", ENTRY_FIELDS, read_entry),
        levels,
        summary: fields.text("summary"),
        draft: fields.bool("draft"),
        publish: read_publish(fields),
        campaign: campaign?,
        title: title?,
        source,
    })
}

/// The campaign a result file's folder names: `content/results/<campaign>/x.md`.
fn result_folder(path: &Path) -> Option<Spanned<String>> {
    let mut parts = path.components().map(|c| c.as_os_str().to_string_lossy());
    let (_, _, folder) = (parts.next()?, parts.next()?, parts.next()?);
    parts.next()?;
    Some(Spanned { value: folder.into_owned(), position: crate::diag::Position::new(1, 1) })
}

fn read_entry(fields: &mut Fields<'_>) -> Option<ResultEntry> {
    let title = fields.required_text("title", "Cải tiến máy …");
    let title_position = fields.key_position("title");
    let level = fields.required_text("level", "nhat").map(|value| {
        let position = fields.key_position("level");
        // `Giải Nhất`, `giai-nhat` and `nhat` are the same level.
        let slug = text::slugify(&value);
        let slug = slug.strip_prefix("giai-").map(str::to_owned).unwrap_or(slug);
        Spanned { value: slug, position }
    });
    Some(ResultEntry {
        authors: read_authors(fields),
        unit: fields.text("unit"),
        field: fields.one_ref("field"),
        attachments: read_attachments(fields),
        level: level?,
        title: Spanned { value: title?, position: title_position },
    })
}

/// `authors:` names as written, or `{name, person}` for an author with a page in the portal.
fn read_authors(fields: &mut Fields<'_>) -> Vec<Author> {
    if fields.items_or_texts("authors") {
        fields.items("authors", AUTHOR_FIELDS, |author| {
            let name = author.text("name");
            let person = author.one_ref("person");
            if name.is_none() && person.is_none() {
                author.error("name", crate::msg!("author-needs-name"), crate::msg!("author-needs-name-hint"));
                return None;
            }
            Some(Author { name, person })
        })
    } else {
        texts(fields.text_list("authors")).into_iter().map(|name| Author { name: Some(name), person: None }).collect()
    }
}

fn read_guide(fields: &mut Fields<'_>, source: Source) -> Option<Guide> {
    let title = fields.required_text("title", "Hướng dẫn tham gia …");
    Some(Guide {
        campaigns: fields.refs("campaigns"),
        summary: fields.text("summary"),
        short: read_short(fields),
        placements: read_placements(fields),
        aliases: read_aliases(fields),
        attachments: read_attachments(fields),
        contacts: fields.refs("contacts"),
        tags: texts(fields.text_list("tags")),
        draft: fields.bool("draft"),
        publish: read_publish(fields),
        title: title?,
        source,
    })
}

/// `publish:` a date or date-time (Vietnam time unless an offset is written).
fn read_publish(fields: &mut Fields<'_>) -> Option<Spanned<crate::date::DateTime>> {
    let text = fields.text("publish")?;
    let position = fields.key_position("publish");
    match crate::date::DateTime::parse_moment(&text) {
        Ok(value) => Some(Spanned { value, position }),
        Err(error) => {
            fields.error(
                "publish",
                crate::msg!("publish-invalid", problem = error.0),
                crate::msg!("publish-invalid-hint"),
            );
            None
        }
    }
}

/// `effective`: a date, or "kể từ ngày ký" / `signing` for the issue date.
fn read_effective(fields: &mut Fields<'_>) -> Option<Spanned<Effective>> {
    let text = fields.text("effective")?;
    let position = fields.key_position("effective");
    if matches!(text::slugify(&text).as_str(), "ke-tu-ngay-ky" | "tu-ngay-ky" | "ngay-ky" | "signing") {
        return Some(Spanned { value: Effective::Signing, position });
    }
    match PartialDate::parse(&text) {
        Ok(date) => Some(Spanned { value: Effective::On(date), position }),
        Err(error) => {
            fields.error(
                "effective",
                crate::msg!("effective-invalid", problem = error.0),
                crate::msg!("effective-invalid-hint"),
            );
            None
        }
    }
}

/// `amends`, `replaces`, `corrects`: a directive's slug, `{number: …}` for a document
/// outside the portal, or a list of these.
fn read_targets(fields: &mut Fields<'_>, key: &str) -> Vec<Target> {
    fields
        .refs_or_items(key, TARGET_FIELDS, |item| {
            let number = item.required_text("number", "12/KH-UBND")?;
            Some(Spanned { value: DocNumber::parse(&number), position: item.key_position("number") })
        })
        .into_iter()
        .map(|target| match target {
            Ok(slug) => Target::Directive(slug),
            Err(number) => Target::Outside(number),
        })
        .collect()
}

/// `extends: {ref, deadlines: [{was, now}]}`.
fn read_extension(fields: &mut Fields<'_>) -> Option<Extension> {
    let target = fields.one_ref("ref");
    if target.is_none() {
        fields.error("ref", crate::msg!("extends-needs-ref"), crate::msg!("extends-needs-ref-hint"));
    }
    let moves = fields.items("deadlines", MOVE_FIELDS, |item| {
        for key in ["was", "now"] {
            if !item.has(key) {
                item.error(key, crate::msg!("deadline-move-needs", key), crate::msg!("deadline-move-needs-hint"));
            }
        }
        let was = item.datetime("was");
        let now = item.datetime("now");
        Some(DeadlineMove { was: was?, now: now? })
    });
    if moves.is_empty() {
        fields.error("deadlines", crate::msg!("extends-no-deadline"), crate::msg!("extends-no-deadline-hint"));
    }
    Some(Extension { target: target?, moves })
}

/// `withdrawn: {date, reason, replaced_by?}`: a withdrawn document keeps its page.
fn read_withdrawal(fields: &mut Fields<'_>) -> Option<Withdrawal> {
    let date = fields.date("date");
    if date.is_none() && !fields.has("date") {
        fields.error("date", crate::msg!("withdrawn-needs-date"), crate::msg!("withdrawn-needs-date-hint"));
    }
    let reason = fields.required_text("reason", "Được thay thế bằng Kế hoạch số 12/KH-SKHCN");
    let replaced_by = fields.one_ref("replaced_by");
    Some(Withdrawal { date: date?, reason: reason?, replaced_by })
}

fn read_organization(fields: &mut Fields<'_>, source: Source) -> Option<Organization> {
    let title = fields.required_text("title", "Sở Khoa học và Công nghệ tỉnh …");
    let website = fields.text("website");
    if let Some(site) = &website
        && !(site.starts_with("https://") || site.starts_with("http://"))
    {
        fields.error("website", crate::msg!("website-invalid", site), crate::msg!("website-invalid-hint"));
    }
    let valid_from = fields.date("valid_from");
    let valid_to = fields.date("valid_to");
    check_order(
        fields,
        ("valid_from", &valid_from),
        ("valid_to", &valid_to),
        crate::msg!("subject-organization-validity"),
    );
    let system_at = fields.has("system").then(|| fields.key_position("system"));
    Some(Organization {
        abbr: fields.text("abbr"),
        parent: fields.one_ref("parent"),
        system_at,
        system: fields.choice("system", OrgSystem::SLUGS).map(OrgSystem::from_slug).unwrap_or(OrgSystem::State),
        place: fields.text("place"),
        address: fields.text("address"),
        phone: fields.phone("phone"),
        email: fields.email("email"),
        website,
        valid_from,
        valid_to,
        predecessors: fields.refs("predecessors"),
        title: title?,
        source,
    })
}

fn read_person(fields: &mut Fields<'_>, source: Source) -> Option<Person> {
    let title = fields.required_text("title", "Vũ Xuân Thu");
    Some(Person {
        honorific: fields.text("honorific"),
        position: fields.text("position"),
        organization: fields.one_ref("organization"),
        phone: fields.phone("phone"),
        email: fields.email("email"),
        title: title?,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_comes_from_the_folder() {
        assert_eq!(Kind::of(Path::new("directives/2024/a.md")), Some(Kind::Directive));
        assert_eq!(Kind::of(Path::new("contacts/people/vu-xuan-thu.md")), Some(Kind::Person));
        assert_eq!(Kind::of(Path::new("contacts/x.md")), None);
        assert_eq!(Kind::of(Path::new("readme.md")), None);
    }

    #[test]
    fn slug_comes_from_the_file_or_bundle_name() {
        assert_eq!(slug_of(Path::new("content/campaigns/Hội thi Sáng tạo.md")), "hoi-thi-sang-tao");
        assert_eq!(slug_of(Path::new("content/campaigns/stkt-14/index.md")), "stkt-14");
    }

    #[test]
    fn numbers_are_split_and_tidied() {
        let party = DocNumber::parse("1338 -CV/ĐUK");
        assert_eq!(party.text, "1338-CV/ĐUK");
        assert_eq!(party.number.as_deref(), Some("1338"));
        assert_eq!(party.type_segment(), "CV");
        let blank = DocNumber::parse("/KH-CN-TTR");
        assert_eq!(blank.text, "/KH-CN-TTR");
        assert_eq!(blank.number, None);
        assert_eq!(DocNumber::parse("45/KH- UBND").text, "45/KH-UBND");
    }
}

/// The loader's lists of known fields and the described table (`schema`, which `loa new` and
/// the web editor read) must name the same fields: a field added to one and not the other
/// fails here, so no field reaches the model without a description and an editor widget.
#[cfg(test)]
mod schema_tests {
    use super::*;
    use crate::content::schema::{self, Field};

    fn same(path: &str, table: &[Field], known: &[&str]) {
        let mut described: Vec<&str> = table.iter().map(|f| f.key).collect();
        let mut read: Vec<&str> = known.to_vec();
        described.sort_unstable();
        read.sort_unstable();
        assert_eq!(described, read, "{path}: the loader's fields and content::schema differ");
    }

    /// The loader's list for a nested group, by the group's key.
    fn known_nested(key: &str) -> &'static [&'static str] {
        match key {
            "attachments" => ATTACHMENT_FIELDS,
            "deadlines" => DEADLINE_FIELDS,
            "references" => REFERENCE_FIELDS,
            "signer" => SIGNER_FIELDS,
            "withdrawn" => WITHDRAWN_FIELDS,
            "extends" => EXTENDS_FIELDS,
            "phases" => PHASE_FIELDS,
            "levels" => LEVEL_FIELDS,
            "entries" => ENTRY_FIELDS,
            "authors" => AUTHOR_FIELDS,
            "placements" => PLACEMENT_FIELDS,
            other => panic!("`{other}` is a group in content::schema: add its loader list here"),
        }
    }

    fn walk(path: &str, table: &[Field], known: &[&str]) {
        same(path, table, known);
        for field in table {
            let Some(sub) = schema::nested(field) else { continue };
            // `extends.deadlines` holds moves ({was, now}), not deadlines.
            let known = if path.ends_with("extends") && field.key == "deadlines" {
                MOVE_FIELDS
            } else {
                known_nested(field.key)
            };
            walk(&format!("{path}.{}", field.key), sub, known);
        }
    }

    #[test]
    fn every_field_the_loader_reads_is_described_for_loa_new_and_the_editor() {
        for kind in [Kind::Campaign, Kind::Directive, Kind::Guide, Kind::Organization, Kind::Person, Kind::Result] {
            walk(&format!("{kind:?}"), schema::fields(kind), known_fields(kind));
        }
    }
}
