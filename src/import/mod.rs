//! Import: turns a dispatch as staff receive it (.docx, .pdf, .md or .txt) into a directive file
//! with its front matter filled in.
//!
//! Per file: read (size limits, encodings) → paragraphs (`docx` or plain text) → recognise
//! the parts (`recognise`, `citations`) → match names against the portal (`matching`) →
//! write the front matter and Markdown body (`write`), with a report of what was found,
//! what was not, and what to check.

mod awards;
pub(crate) mod citations;
pub mod docx;
pub(crate) mod header;
pub(crate) mod legacy;
pub mod matching;
pub(crate) mod pdf;
pub mod recognise;
pub mod scan;
pub mod write;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::content::model::{DocNumber, DocType};
use crate::date::PartialDate;
use crate::diag::did_you_mean;
use crate::text;
use citations::{DeadlineMention, Reference};
use matching::{OrgMatch, Portal};
use recognise::{Document, Recognised, SignerFound, System};

/// Something to check by hand, for one field: found by `recognise` and `citations`, added to by
/// matching, and written as `# REVIEW:` comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub field: &'static str,
    /// In the run's language (`--lang`, `LANG`), as every message of loa.
    pub message: crate::diag::Text,
}

/// Files larger than this are refused before they are read.
pub const MAX_INPUT_BYTES: u64 = 20 * 1024 * 1024;

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

impl ImportOptions {
    pub fn new(root: impl Into<PathBuf>, files: Vec<PathBuf>) -> Self {
        ImportOptions { root: root.into(), files, campaign: None, out: None, dry_run: false, force: false }
    }
}

/// Why a file was not imported: what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: PathBuf,
    pub message: crate::diag::Text,
    pub hint: crate::diag::Text,
}

impl ImportError {
    fn new(file: &Path, message: impl Into<crate::diag::Text>, hint: impl Into<crate::diag::Text>) -> Self {
        ImportError { file: file.to_path_buf(), message: message.into(), hint: hint.into() }
    }
}

impl std::fmt::Display for ImportError {
    /// `FILE: error: WHAT` and a hint line, like the build's messages.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (error, hint) = (crate::diag::Severity::Error.label(), crate::diag::hint_label());
        write!(f, "{}: {error}: {}\n  {hint}: {}", self.file.display(), self.message, self.hint)
    }
}

/// A file the dispatch sends along, as it will be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentDraft {
    /// The file name in the bundle.
    pub file: String,
    pub title: String,
    pub number: Option<String>,
    /// The file found beside the input, copied into the bundle; None: listed for review.
    pub source: Option<PathBuf>,
}

/// The directive as it will be written.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub title: Option<String>,
    pub doc_type: String,
    pub number: Option<String>,
    /// An organization slug.
    pub issuer: Option<String>,
    pub place: Option<String>,
    pub date: Option<PartialDate>,
    pub campaigns: Vec<String>,
    pub recipients: Vec<String>,
    pub references: Vec<Reference>,
    pub attachments: Vec<AttachmentDraft>,
    pub deadlines: Vec<DeadlineMention>,
    /// Person and organization slugs.
    pub contacts: Vec<String>,
    pub signer: Option<SignerFound>,
    pub distribution: Vec<String>,
    pub urgency: Option<String>,
    pub body: String,
    /// What to check by hand, by field.
    pub review: Vec<Note>,
}

impl Draft {
    /// Which fields were found and which were not, for the report.
    pub fn found_and_missing(&self) -> (Vec<String>, Vec<&'static str>) {
        let mut found = Vec::new();
        let mut missing = Vec::new();
        let mut one = |name: &'static str, present: bool| {
            if present {
                found.push(name.to_owned());
            } else {
                missing.push(name);
            }
        };
        one("title", self.title.is_some());
        one("number", self.number.is_some());
        one("issuer", self.issuer.is_some());
        one("place", self.place.is_some());
        one("date", self.date.is_some());
        one("signer", self.signer.is_some());
        let mut many = |name: &'static str, count: usize| {
            if count > 0 {
                found.push(format!("{name} ({count})"));
            } else {
                missing.push(name);
            }
        };
        many("recipients", self.recipients.len());
        many("references", self.references.len());
        many("attachments", self.attachments.len());
        many("deadlines", self.deadlines.len());
        many("contacts", self.contacts.len());
        many("distribution", self.distribution.len());
        if !self.campaigns.is_empty() {
            found.push(format!("campaigns ({})", self.campaigns.len()));
        }
        if let Some(urgency) = &self.urgency {
            found.push(format!("urgency ({urgency})"));
        }
        (found, missing)
    }
}

/// A contact file the importer suggests creating (written as `<slug>.md.suggested`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Where it is written.
    pub path: PathBuf,
    /// Where it belongs once checked (`…/<slug>.md`).
    pub final_path: PathBuf,
    pub text: String,
}

/// One imported file, ready to be written.
#[derive(Debug, Clone)]
pub struct Imported {
    pub source: PathBuf,
    /// The directive's `index.md`.
    pub target: PathBuf,
    pub slug: String,
    pub draft: Draft,
    /// The file's whole text.
    pub text: String,
    pub suggestions: Vec<Suggestion>,
    /// Said in the report, not in the file.
    pub warnings: Vec<crate::diag::Text>,
    /// For an award decision whose annex lists the winners: the proposed result file
    /// (`content/results/<campaign>/<slug>.md`) and its text.
    pub results: Option<(PathBuf, String)>,
}

/// What became of each file given to `loa import`, in order: imported (and written unless
/// `--dry-run`), or why nothing was written for it.
pub type Outcomes = Vec<Result<Imported, ImportError>>;

/// Runs `loa import`: each file is read, matched against the portal and written (unless
/// `dry_run`). An error means nothing could be tried: the portal cannot be read or
/// `--campaign` names no campaign of it (a usage error).
pub fn run(options: &ImportOptions) -> Result<Outcomes, ImportError> {
    let portal = Portal::load(&options.root)
        .map_err(|message| ImportError::new(&options.root, message, crate::msg!("import-no-portal-hint")))?;
    check_campaign(options, &portal)?;
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut outcomes = Vec::with_capacity(options.files.len());
    for file in &options.files {
        let result = import_file(file, &portal, options, &taken).and_then(|imported| {
            if !options.dry_run {
                write_imported(&imported, options.force)?;
            }
            Ok(imported)
        });
        if let Ok(imported) = &result {
            taken.insert(imported.target.clone());
        }
        outcomes.push(result);
    }
    Ok(outcomes)
}

/// `--campaign` must name a campaign of the portal.
pub fn check_campaign(options: &ImportOptions, portal: &Portal) -> Result<(), ImportError> {
    let Some(slug) = &options.campaign else { return Ok(()) };
    if portal.campaign_exists(slug) {
        return Ok(());
    }
    let slugs: Vec<&str> = portal.campaigns.iter().map(|c| c.slug.as_str()).collect();
    let hint = match did_you_mean(slug, slugs.iter().copied()) {
        Some(suggestion) => crate::msg!("hint-did-you-mean", suggestion),
        None if slugs.is_empty() => crate::msg!("import-no-campaigns-hint"),
        None => crate::msg!("import-campaigns-hint", slugs = slugs.join(", ")),
    };
    Err(ImportError::new(Path::new("--campaign"), crate::msg!("import-no-campaign", slug), hint))
}

/// `relative` under the portal root, without a leading `./` when the root is the current
/// folder (so paths compare equal to the loader's and read well in messages).
fn under_root(root: &Path, relative: impl AsRef<Path>) -> PathBuf {
    if root == Path::new(".") || root.as_os_str().is_empty() {
        relative.as_ref().to_path_buf()
    } else {
        root.join(relative)
    }
}

/// The report printed for one file.
pub fn report(imported: &Imported) -> String {
    let (found, missing) = imported.draft.found_and_missing();
    let mut out = format!("{} → {}\n", imported.source.display(), imported.target.display());
    out.push_str(&format!("  {}\n", crate::msg!("import-report-found", fields = found.join(", "))));
    if !missing.is_empty() {
        out.push_str(&format!("  {}\n", crate::msg!("import-report-missing", fields = missing.join(", "))));
    }
    if !imported.draft.review.is_empty() {
        out.push_str(&format!("  {}\n", crate::msg!("import-report-review", count = imported.draft.review.len())));
        for note in &imported.draft.review {
            out.push_str(&format!("    - {}: {}\n", note.field, note.message));
        }
    }
    for warning in &imported.warnings {
        out.push_str(&format!("  {}: {warning}\n", crate::diag::Severity::Warning.label()));
    }
    // Every file the import writes, one by one: with --out, all of them are under it.
    out.push_str(&format!("  {}\n", crate::msg!("import-report-files")));
    for file in files_written(imported) {
        out.push_str(&format!("    {}\n", file.display()));
    }
    out
}

/// The files `write_imported` writes for an import: the directive, the attachments copied
/// beside it, the suggested contact files and a proposed result file.
pub fn files_written(imported: &Imported) -> Vec<PathBuf> {
    let folder = imported.target.parent().unwrap_or(Path::new("."));
    let mut files = vec![imported.target.clone()];
    files.extend(imported.draft.attachments.iter().filter(|a| a.source.is_some()).map(|a| folder.join(&a.file)));
    files.extend(imported.suggestions.iter().map(|s| s.path.clone()));
    files.extend(imported.results.iter().map(|(path, _)| path.clone()));
    files
}

/// Reads a file into paragraphs: refuses files too large, empty, or in a format it cannot
/// read, before reading them whole.
pub fn read_document(path: &Path) -> Result<Document, ImportError> {
    let metadata = std::fs::metadata(path).map_err(|e| {
        ImportError::new(path, crate::msg!("file-unreadable", error = e), crate::msg!("import-unreadable-hint"))
    })?;
    if metadata.is_dir() {
        return Err(ImportError::new(path, crate::msg!("import-folder"), crate::msg!("import-folder-hint")));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(ImportError::new(
            path,
            crate::msg!(
                "import-too-large",
                size = metadata.len() / (1024 * 1024),
                limit = MAX_INPUT_BYTES / (1024 * 1024)
            ),
            crate::msg!("import-too-large-hint"),
        ));
    }
    if metadata.len() == 0 {
        return Err(ImportError::new(path, crate::msg!("import-empty"), crate::msg!("import-empty-hint")));
    }
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
    let bytes = std::fs::read(path).map_err(|e| {
        ImportError::new(path, crate::msg!("file-unreadable", error = e), crate::msg!("import-permissions-hint"))
    })?;
    document_from_bytes(&bytes, &extension, path)
}

/// Reads a file's bytes, already in memory, by its lower-case extension; `path` only names
/// the file in errors. Split from `read_document` so that it can be tested without files.
pub fn document_from_bytes(bytes: &[u8], extension: &str, path: &Path) -> Result<Document, ImportError> {
    match extension {
        "docx" => docx::extract(bytes).map_err(|e| ImportError::new(path, e.message, e.hint)),
        "md" | "txt" | "markdown" | "text" => {
            let (text, encoding) = decode_any(bytes).map_err(|likely| {
                let message = match likely {
                    Some(legacy) => crate::msg!("import-encoding-unsure", likely = legacy.name()),
                    None => crate::msg!("import-encoding-unknown"),
                };
                ImportError::new(path, message, crate::msg!("import-encoding-hint"))
            })?;
            let text = if extension == "md" || extension == "markdown" { strip_front_matter(&text) } else { &text };
            if text.trim().is_empty() {
                return Err(ImportError::new(path, crate::msg!("import-no-text"), crate::msg!("import-no-text-hint")));
            }
            let mut document = Document::from_text(&text::nfc(text));
            document.notes.extend(encoding.map(legacy_note));
            Ok(document)
        }
        "pdf" => {
            let mut document = pdf::extract(bytes).map_err(|e| ImportError::new(path, e.message, e.hint))?;
            // A PDF made from a .VnTime document without a Unicode map keeps the old codes.
            if let Some(encoding) = legacy::convert_document(&mut document) {
                document.notes.push(legacy_note(encoding));
            }
            Ok(document)
        }
        "doc" | "odt" | "rtf" => Err(ImportError::new(
            path,
            crate::msg!("import-old-format", extension),
            crate::msg!("import-old-format-hint"),
        )),
        _ => Err(ImportError::new(
            path,
            if extension.is_empty() {
                crate::msg!("import-no-extension")
            } else {
                crate::msg!("import-unknown-type", extension)
            },
            crate::msg!("import-unknown-type-hint"),
        )),
    }
}

/// The REVIEW note for a text converted from a legacy encoding.
fn legacy_note(legacy: legacy::Legacy) -> Note {
    Note { field: "encoding", message: crate::msg!("import-note-legacy", encoding = legacy.name()) }
}

/// A text file's text and the legacy encoding it was converted from, if any: UTF-8 or
/// UTF-16 text as it is (converted when it holds TCVN3 or VNI text pasted as Unicode),
/// other bytes as TCVN3 or VNI. Err: the encoding cannot be decided (the likelier one).
fn decode_any(bytes: &[u8]) -> Result<(String, Option<legacy::Legacy>), Option<legacy::Legacy>> {
    use legacy::Detected;
    if let Some(text) = decode_text(bytes) {
        return Ok(match legacy::detect(&text) {
            Detected::Legacy(encoding) => (legacy::convert_lines(&text, encoding), Some(encoding)),
            Detected::Unicode | Detected::Undecidable(_) => (text, None),
        });
    }
    let read = legacy::latin1(bytes).replace("\r\n", "\n").replace('\r', "\n");
    match legacy::detect(&read) {
        Detected::Legacy(encoding) => Ok((encoding.convert(&read, false), Some(encoding))),
        Detected::Undecidable(likely) => Err(likely),
        Detected::Unicode => Err(None),
    }
}

fn decode_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |bytes: &[u8], little: bool| {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
            .collect();
        String::from_utf16(&units).ok()
    };
    let text = match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true)?,
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false)?,
        _ => String::from_utf8(bytes.to_vec()).ok()?,
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Some(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn strip_front_matter(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return &rest[end + 5..];
    }
    text
}

/// Reads, recognises and matches one file; writes nothing.
pub fn import_file(
    path: &Path,
    portal: &Portal,
    options: &ImportOptions,
    taken: &HashSet<PathBuf>,
) -> Result<Imported, ImportError> {
    let document = read_document(path)?;
    import_document(&document, path, portal, options, taken)
}

/// Recognises and matches a document already read from `path`; writes nothing and reads
/// only the folder beside `path` (for attachments) and whether the target exists.
pub fn import_document(
    document: &Document,
    path: &Path,
    portal: &Portal,
    options: &ImportOptions,
    taken: &HashSet<PathBuf>,
) -> Result<Imported, ImportError> {
    let recognised =
        recognise::recognise(document).map_err(|refusal| ImportError::new(path, refusal.message, refusal.hint))?;
    let mut warnings = Vec::new();
    let mut suggestions = Vec::new();
    let mut draft = build_draft(recognised, portal, options, path, &mut suggestions, &mut warnings);

    let slug = unique_slug(&output_slug(&draft), portal, options, &draft, taken);
    let folder = match &options.out {
        Some(out) => out.join(&slug),
        None => {
            let year = draft.date.map(|d| d.year.to_string()).unwrap_or_else(|| "chua-ro-nam".to_owned());
            under_root(&options.root, "content/directives").join(year).join(&slug)
        }
    };
    let target = folder.join("index.md");
    if target.exists() && !options.force {
        return Err(ImportError::new(
            path,
            crate::msg!("import-target-exists", target = target.display()),
            crate::msg!("import-target-exists-out-hint"),
        ));
    }
    if let Some(number) = &draft.number
        && let Some(existing) = portal.directives.iter().find(|d| d.number.as_deref() == Some(number.as_str()))
        && target != under_root(&options.root, &existing.path)
    {
        warnings.push(crate::msg!("import-warning-number-exists", number, path = existing.path.display()));
    }
    for attachment in &mut draft.attachments {
        if attachment.source.is_some() && folder.join(&attachment.file).exists() && !options.force {
            warnings.push(crate::msg!("import-warning-kept", path = folder.join(&attachment.file).display()));
            attachment.source = None;
        }
    }
    let source_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("the source file").to_owned();
    let text = write::directive_file(&draft, &source_name);
    let results = awards::propose(document, &draft, &slug, &options.root, options.out.as_deref(), &source_name);
    if let Some((path, _)) = &results {
        warnings.push(crate::msg!("import-warning-results", path = path.display()));
    }
    Ok(Imported { source: path.to_path_buf(), target, slug, draft, text, suggestions, warnings, results })
}

/// Writes the directive, its attachment copies and suggested contacts. On failure, files
/// this call created are removed again; the directive file is written last.
pub fn write_imported(imported: &Imported, force: bool) -> Result<(), ImportError> {
    let folder = imported.target.parent().unwrap_or(Path::new("."));
    let fail = |e: std::io::Error, what: &Path| {
        ImportError::new(
            &imported.source,
            crate::msg!("file-cannot-write", file = what.display(), error = e),
            crate::msg!("import-write-hint"),
        )
    };
    if imported.target.exists() && !force {
        return Err(ImportError::new(
            &imported.source,
            crate::msg!("import-target-exists", target = imported.target.display()),
            crate::msg!("import-target-exists-hint"),
        ));
    }
    let mut created: Vec<PathBuf> = Vec::new();
    let result = (|| {
        for attachment in &imported.draft.attachments {
            let Some(source) = &attachment.source else { continue };
            let destination = folder.join(&attachment.file);
            let bytes = read_beside(source).map_err(|e| fail(e, source))?;
            let existed = destination.exists();
            write::write_atomic(&destination, &bytes).map_err(|e| fail(e, &destination))?;
            if !existed {
                created.push(destination);
            }
        }
        for suggestion in &imported.suggestions {
            if suggestion.path.exists() && !force {
                continue;
            }
            write::write_atomic(&suggestion.path, suggestion.text.as_bytes()).map_err(|e| fail(e, &suggestion.path))?;
            created.push(suggestion.path.clone());
        }
        if let Some((path, text)) = imported.results.as_ref().filter(|(path, _)| force || !path.exists()) {
            std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).map_err(|e| fail(e, path))?;
            write::write_atomic(path, text.as_bytes()).map_err(|e| fail(e, path))?;
            created.push(path.clone());
        }
        write::write_atomic(&imported.target, imported.text.as_bytes()).map_err(|e| fail(e, &imported.target))
    })();
    if result.is_err() {
        for path in created {
            let _ = std::fs::remove_file(path);
        }
    }
    result
}

/// Reads an attachment found beside the dispatch through a handle checked to be a regular
/// file in that folder: a file swapped for a symlink since it was found is refused.
fn read_beside(source: &Path) -> std::io::Result<Vec<u8>> {
    let folder = source.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut opened = crate::content::attachments::open_inside(source, &folder.canonicalize()?)?;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut opened.file, &mut bytes)?;
    Ok(bytes)
}

fn note(review: &mut Vec<Note>, field: &'static str, message: crate::diag::Text) {
    review.push(Note { field, message });
}

fn build_draft(
    r: Recognised,
    portal: &Portal,
    options: &ImportOptions,
    source: &Path,
    suggestions: &mut Vec<Suggestion>,
    warnings: &mut Vec<crate::diag::Text>,
) -> Draft {
    let mut review: Vec<Note> = r.notes.clone();
    let place = r.place.clone();
    let mut draft = Draft {
        title: r.title.clone(),
        doc_type: r.doc_type.unwrap_or("khac").to_owned(),
        number: r.number.clone(),
        place: place.clone(),
        date: r.date,
        recipients: r.recipients.clone(),
        signer: r.signer.clone(),
        distribution: r.distribution.clone(),
        urgency: r.urgency.map(str::to_owned),
        body: r.body.clone(),
        ..Default::default()
    };
    if r.doc_type.is_none() {
        note(&mut review, "doc_type", crate::msg!("import-note-no-type"));
    }
    if r.date.is_some_and(|d| d.day.is_none()) {
        note(&mut review, "date", crate::msg!("import-note-no-day"));
    }

    let out = options.out.as_deref();
    draft.issuer = match_issuer(&r, portal, place.as_deref(), out, &mut review, suggestions);

    // References: issuers completed with the place or the portal's name.
    draft.references = r
        .references
        .iter()
        .map(|reference| {
            let mut reference = reference.clone();
            if let Some(issuer) = &reference.issuer
                && let Some(completed) = complete_issuer(issuer, place.as_deref(), portal)
            {
                note(
                    &mut review,
                    "references",
                    match reference.number.as_deref() {
                        Some(number) => crate::msg!("import-note-reference-completed", number, issuer, completed),
                        None => crate::msg!("import-note-reference-completed-unnumbered", issuer, completed),
                    },
                );
                reference.issuer = Some(completed);
            }
            reference
        })
        .collect();

    draft.attachments = attachments(&r, source, options, &mut review);
    draft.deadlines = r.deadlines.clone();
    for deadline in &mut draft.deadlines {
        if deadline.what.trim().is_empty() {
            deadline.what = "Thời hạn nêu trong văn bản".to_owned();
            note(&mut review, "deadlines", crate::msg!("import-note-deadline-what", date = deadline.date));
        }
    }
    draft.contacts =
        match_contacts(&r, portal, place.as_deref(), out, &draft.issuer, &mut review, suggestions, warnings);

    // Campaigns: --campaign first, then those named in the text.
    if let Some(slug) = &options.campaign {
        draft.campaigns.push(slug.clone());
    }
    let mut texts = vec![r.title.clone().unwrap_or_default()];
    texts.extend(r.body_text.iter().cloned());
    for (slug, strong) in portal.campaigns_in(&texts) {
        if draft.campaigns.contains(&slug) {
            continue;
        }
        let message = if strong {
            crate::msg!("import-note-campaign-full-name", slug)
        } else {
            crate::msg!("import-note-campaign-quoted", slug)
        };
        note(&mut review, "campaigns", message);
        draft.campaigns.push(slug);
    }
    draft.review = review;
    draft
}

/// The issuer: the header's name matched against the portal; without a header, the
/// signer's organization or the organization whose initials the number carries.
fn match_issuer(
    r: &Recognised,
    portal: &Portal,
    place: Option<&str>,
    out: Option<&Path>,
    review: &mut Vec<Note>,
    suggestions: &mut Vec<Suggestion>,
) -> Option<String> {
    // The header's reading first, then every split of the block, longest issuer first;
    // each by full name or abbreviation, and between namesakes the one under the parent.
    let parent = r.parent.as_deref().and_then(|p| match portal.match_org(p, place) {
        OrgMatch::One(slug) => Some(slug),
        _ => None,
    });
    let names = r.issuer.iter().cloned().chain((0..r.issuer_lines.len()).map(|k| r.issuer_lines[k..].join(" ")));
    for name in names {
        match portal.match_org(&name, place) {
            OrgMatch::One(slug) => return Some(slug),
            OrgMatch::Ambiguous(slugs) => {
                let under: Vec<&String> = slugs
                    .iter()
                    .filter(|s| {
                        parent.is_some() && portal.organization(s).and_then(|o| o.parent.as_ref()) == parent.as_ref()
                    })
                    .collect();
                if let [one] = under.as_slice() {
                    return Some((*one).clone());
                }
                note(review, "issuer", crate::msg!("import-note-issuer-ambiguous", name, slugs = slugs.join(", ")));
                return None;
            }
            OrgMatch::None => {}
        }
    }
    if let Some(name) = &r.issuer {
        let title = recognise_title_case(name, place, r.parent.as_deref());
        let slug = free_contact_slug(&text::slugify(&title), portal, suggestions);
        let system = if r.system == Some(System::Party) { "party" } else { "state" };
        let parent = r.parent.as_ref().and_then(|p| match portal.match_org(p, place) {
            OrgMatch::One(slug) => Some(slug),
            _ => None,
        });
        let mut text = String::from("---\n");
        text.push_str(&format!("# {}\n", crate::msg!("import-suggested-organization")));
        text.push_str(&format!("title: {}\n", write::quote(&title)));
        if let Some(abbr) = r.number.as_deref().map(issuer_abbreviation).filter(|a| !a.is_empty()) {
            text.push_str(&format!("abbr: {}\n", write::quote(&abbr)));
        }
        if let Some(parent) = &parent {
            text.push_str(&format!("parent: {}\n", write::quote(parent)));
        } else if let Some(p) = &r.parent {
            write::comment(&mut text, "", "parent", &crate::msg!("import-suggested-no-parent", parent = p).to_string());
        }
        text.push_str(&format!("system: {}\n", write::quote(system)));
        if let Some(place) = place {
            text.push_str(&format!("place: {}\n", write::quote(place)));
        }
        text.push_str("---\n");
        let final_path = under_root(&portal.root, "content/contacts/organizations").join(format!("{slug}.md"));
        let path = suggested_path(&final_path, "organizations", out);
        note(review, "issuer", crate::msg!("import-note-issuer-suggested", name, path = path.display(), slug));
        suggestions.push(Suggestion { path, final_path, text });
        return None;
    }
    // No header block: the signer's organization in the portal.
    if let Some(name) = r.signer.as_ref().and_then(|s| s.name.as_deref())
        && let Some(person) = portal.person_by_name(name)
        && let Some(org) = person.organization.as_deref().and_then(|slug| portal.organization(slug))
        && place.is_none_or(|p| org.place.as_deref().is_none_or(|op| text::fold(op) == text::fold(p)))
    {
        note(review, "issuer", crate::msg!("import-note-issuer-from-signer", slug = org.slug, name));
        return Some(org.slug.clone());
    }
    if let Some(number) = &r.number {
        let sign = DocNumber::parse(number).sign;
        if let Some(slug) = portal.org_by_sign(&sign, place) {
            note(review, "issuer", crate::msg!("import-note-issuer-from-number", slug, number));
            return Some(slug);
        }
    }
    note(review, "issuer", crate::msg!("import-note-no-issuer"));
    None
}

/// Upper-case header names in normal capitalization, completed with the place as the
/// portal's organizations are named (`SỞ TÀI CHÍNH` → `Sở tài chính Ninh Bình`).
/// A suggested organization's full name: the header's name in title case, completed with
/// the place when it lacks it, after the unit the parent names ("Phòng Giáo dục và Đào
/// tạo" under "UBND HUYỆN YÊN THẾ" → "… huyện Yên Thế").
fn recognise_title_case(name: &str, place: Option<&str>, parent: Option<&str>) -> String {
    let cased = header::org_case(name, place);
    let Some(place) = place else { return cased };
    if text::fold(&cased).contains(&text::fold(place)) {
        return cased;
    }
    let parent = parent.map(text::fold).unwrap_or_default();
    let unit = ["huyen", "quan", "thi xa"]
        .iter()
        .zip(["huyện", "quận", "thị xã"])
        .find(|(folded, _)| parent.contains(&format!("{folded} {}", text::fold(place))))
        .map(|(_, unit)| unit);
    match unit {
        Some(unit) => format!("{cased} {unit} {place}"),
        None => format!("{cased} {place}"),
    }
}

fn ends_with_bare_unit(name: &str) -> bool {
    let folded = text::fold(name);
    ["tinh", "huyen", "thanh pho", "thi xa", "quan"].iter().any(|u| folded == *u || folded.ends_with(&format!(" {u}")))
}

/// "UBND tỉnh" → "UBND tỉnh Hưng Yên"; "Sở Khoa học và Công nghệ" → the portal's
/// "Sở Khoa học và Công nghệ Hưng Yên". None when nothing is completed.
fn complete_issuer(issuer: &str, place: Option<&str>, portal: &Portal) -> Option<String> {
    let place = place?;
    if ends_with_bare_unit(issuer) {
        return Some(format!("{issuer} {place}"));
    }
    let with_place = matching::org_key(&format!("{issuer} {place}"));
    portal
        .organizations
        .iter()
        .find(|o| matching::org_key(&o.title) == with_place && matching::org_key(issuer) != with_place)
        .map(|o| o.title.clone())
}

/// The issuer's part of a number's sign: `1338-CV/ĐUK` → `ĐUK`, `45/KH-UBND` → `UBND`.
fn issuer_abbreviation(number: &str) -> String {
    let parsed = DocNumber::parse(number);
    let segments: Vec<&str> = parsed.sign.split(['-', '/']).filter(|s| !s.is_empty()).collect();
    match segments.as_slice() {
        [first, rest @ ..] if DocType::from_abbreviation(first).is_some() && !rest.is_empty() => rest[0].to_owned(),
        [first, ..] => (*first).to_owned(),
        [] => String::new(),
    }
}

fn free_contact_slug(base: &str, portal: &Portal, suggestions: &[Suggestion]) -> String {
    let base = if base.is_empty() { "lien-he".to_owned() } else { base.to_owned() };
    let taken = |slug: &str| {
        portal.contact_slug_taken(slug)
            || suggestions.iter().any(|s| s.final_path.file_stem().and_then(|n| n.to_str()) == Some(slug))
    };
    let mut slug = base.clone();
    let mut n = 2;
    while taken(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

/// Where a suggested contact file is written: beside its final place in the portal, or
/// under `--out` when it is given, so that nothing is written outside `--out`.
fn suggested_path(final_path: &Path, kind: &str, out: Option<&Path>) -> PathBuf {
    let file = final_path.with_extension("md.suggested");
    match (out, file.file_name()) {
        (Some(out), Some(name)) => out.join("suggested-contacts").join(kind).join(name),
        _ => file,
    }
}

#[allow(clippy::too_many_arguments)]
fn match_contacts(
    r: &Recognised,
    portal: &Portal,
    place: Option<&str>,
    out: Option<&Path>,
    issuer: &Option<String>,
    review: &mut Vec<Note>,
    suggestions: &mut Vec<Suggestion>,
    warnings: &mut Vec<crate::diag::Text>,
) -> Vec<String> {
    let mut contacts: Vec<String> = Vec::new();
    let mut organizations: Vec<String> = Vec::new();
    for organization in &r.contacts.organizations {
        match portal.match_org(organization, place) {
            OrgMatch::One(slug) => {
                if !organizations.contains(&slug) {
                    organizations.push(slug);
                }
            }
            OrgMatch::Ambiguous(slugs) => note(
                review,
                "contacts",
                crate::msg!("import-note-contact-ambiguous", organization, slugs = slugs.join(", ")),
            ),
            OrgMatch::None => {
                note(review, "contacts", crate::msg!("import-note-contact-unknown-organization", organization))
            }
        }
    }
    for person in &r.contacts.people {
        match portal.person_by_name(&person.name) {
            Some(known) => {
                if let (Some(phone), Some(known_phone)) = (&person.phone, &known.phone)
                    && digits(phone) != digits(known_phone)
                {
                    note(
                        review,
                        "contacts",
                        crate::msg!(
                            "import-note-contact-phone",
                            name = person.name,
                            phone,
                            known_phone,
                            slug = known.slug
                        ),
                    );
                }
                if !contacts.contains(&known.slug) {
                    contacts.push(known.slug.clone());
                }
            }
            None => {
                let slug = free_contact_slug(&text::slugify(&person.name), portal, suggestions);
                let organization = organizations.first().cloned().or_else(|| issuer.clone());
                let mut text = format!("---\n# {}\n", crate::msg!("import-suggested-person"));
                text.push_str(&format!("title: {}\n", write::quote(&person.name)));
                if let Some(h) = &person.honorific {
                    text.push_str(&format!("honorific: {}\n", write::quote(h)));
                }
                if let Some(p) = &person.position {
                    text.push_str(&format!("position: {}\n", write::quote(p)));
                }
                if let Some(o) = &organization {
                    text.push_str(&format!("organization: {}\n", write::quote(o)));
                }
                if let Some(p) = &person.phone {
                    text.push_str(&format!("phone: {}\n", write::quote(p)));
                }
                if let Some(e) = &person.email {
                    text.push_str(&format!("email: {}\n", write::quote(e)));
                }
                text.push_str("---\n");
                let final_path = under_root(&portal.root, "content/contacts/people").join(format!("{slug}.md"));
                let path = suggested_path(&final_path, "people", out);
                note(
                    review,
                    "contacts",
                    crate::msg!("import-note-contact-suggested", name = person.name, path = path.display(), slug),
                );
                suggestions.push(Suggestion { path, final_path, text });
            }
        }
    }
    contacts.extend(organizations.into_iter().filter(|o| !contacts.contains(o)).collect::<Vec<_>>());
    if !r.contacts.phones.is_empty() || !r.contacts.emails.is_empty() {
        let mut details = r.contacts.phones.clone();
        details.extend(r.contacts.emails.iter().cloned());
        note(review, "contacts", crate::msg!("import-note-contact-details", details = details.join(", ")));
    }
    let _ = warnings;
    contacts
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The attachments with their file names; files found beside the input are copied.
fn attachments(r: &Recognised, source: &Path, options: &ImportOptions, review: &mut Vec<Note>) -> Vec<AttachmentDraft> {
    let folder = source.parent().map(Path::to_path_buf).unwrap_or_default();
    let inputs: Vec<PathBuf> = options.files.iter().filter_map(|f| f.canonicalize().ok()).collect();
    let beside: Vec<PathBuf> = std::fs::read_dir(if folder.as_os_str().is_empty() { Path::new(".") } else { &folder })
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        // Symlinks stay in the list so a match is reported, never copied (see below).
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file() || t.is_symlink()))
        .map(|e| e.path())
        .filter(|p| !p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')))
        .filter(|p| p.canonicalize().ok().is_none_or(|c| !inputs.contains(&c)))
        .collect();
    let mut out: Vec<AttachmentDraft> = Vec::new();
    for mention in &r.attachments {
        let stem = match &mention.number {
            Some(number) => text::slugify(&format!("{} {number}", mention.kind)),
            None => truncate_slug(&text::slugify(&mention.title), 60),
        };
        let number_slug = mention.number.as_deref().map(text::slugify);
        let stem_of = |p: &PathBuf| text::slugify(p.file_stem().and_then(|s| s.to_str()).unwrap_or(""));
        let matches: Vec<&PathBuf> = beside
            .iter()
            .filter(|p| {
                let s = stem_of(p);
                s == stem
                    || number_slug.as_ref().is_some_and(|n| contains_words(&s, n))
                    || (mention.number.is_none() && s.starts_with(&text::slugify(&mention.kind)))
            })
            .collect();
        let found = match matches.as_slice() {
            [one] => Some((*one).clone()),
            [] => None,
            many => {
                note(
                    review,
                    "attachments",
                    crate::msg!(
                        "import-note-attachment-several",
                        title = mention.title,
                        files = many.iter().filter_map(|p| p.file_name()?.to_str()).collect::<Vec<_>>().join(", ")
                    ),
                );
                None
            }
        };
        // A symlink beside the dispatch may point anywhere on the machine: never followed.
        let found = found.filter(|p| {
            let link = p.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
            if link {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                note(review, "attachments", crate::msg!("import-note-attachment-symlink", name));
            }
            !link
        });
        let extension = found
            .as_ref()
            .and_then(|p| p.extension().and_then(|e| e.to_str()))
            .map(|e| e.to_lowercase())
            .unwrap_or_else(|| "pdf".to_owned());
        let file = format!("{stem}.{extension}");
        if out.iter().any(|a| a.file == file) {
            continue;
        }
        out.push(AttachmentDraft { file, title: mention.title.clone(), number: mention.number.clone(), source: found });
    }
    out
}

/// Whether slug `haystack` holds the words of slug `needle` in a row.
fn contains_words(haystack: &str, needle: &str) -> bool {
    format!("-{haystack}-").contains(&format!("-{needle}-"))
}

fn truncate_slug(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_owned();
    }
    let cut = &slug[..max];
    match cut.rfind('-') {
        Some(at) if at > 0 => cut[..at].to_owned(),
        _ => cut.to_owned(),
    }
}

/// `cv-1338-duk-tuyen-truyen-…`: type abbreviation, number, the issuer's part of the sign,
/// then the title, at most 60 characters.
pub fn output_slug(draft: &Draft) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(doc_type) = DocType::from_slug(&draft.doc_type) {
        parts.push(text::slugify(doc_type.abbreviation()));
    }
    if let Some(number) = &draft.number {
        let parsed = DocNumber::parse(number);
        if let Some(n) = &parsed.number {
            parts.push(n.clone());
        }
        let segments: Vec<&str> = parsed.sign.split(['-', '/']).filter(|s| !s.is_empty()).collect();
        let rest = match segments.as_slice() {
            [first, rest @ ..] if DocType::from_abbreviation(first).is_some() && !rest.is_empty() => rest.join("-"),
            all => all.join("-"),
        };
        parts.push(text::slugify(&rest));
    }
    if let Some(title) = &draft.title {
        parts.push(text::slugify(title));
    }
    let slug = parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    let slug = truncate_slug(&slug, 60);
    if slug.is_empty() { "van-ban-nhap".to_owned() } else { slug }
}

/// A slug no other directive of the portal (or of this run) has.
fn unique_slug(
    base: &str,
    portal: &Portal,
    options: &ImportOptions,
    draft: &Draft,
    taken: &HashSet<PathBuf>,
) -> String {
    let used = |slug: &str| {
        let in_portal = portal.directives.iter().any(|d| {
            d.slug == slug && {
                // The same file (re-importing with --force) is not a clash.
                let year = draft.date.map(|d| d.year.to_string()).unwrap_or_else(|| "chua-ro-nam".to_owned());
                let target = match &options.out {
                    Some(out) => out.join(slug).join("index.md"),
                    None => under_root(&options.root, "content/directives").join(year).join(slug).join("index.md"),
                };
                under_root(&options.root, &d.path) != target
            }
        });
        in_portal || taken.iter().any(|t| t.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()) == Some(slug))
    };
    let mut slug = base.to_owned();
    let mut n = 2;
    while used(&slug) {
        slug = format!("{base}-{n}");
        n += 1;
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_the_sample_portal() {
        let draft = Draft {
            doc_type: "cong-van".into(),
            number: Some("1338-CV/ĐUK".into()),
            title: Some("tuyên truyền, tham gia Hội thi “Sáng tạo kỹ thuật Thanh Hóa lần thứ 14”".into()),
            ..Default::default()
        };
        assert_eq!(output_slug(&draft), "cv-1338-duk-tuyen-truyen-tham-gia-hoi-thi-sang-tao-ky-thuat");
        assert!(output_slug(&draft).len() <= 60);
    }

    #[test]
    fn issuer_abbreviations_come_from_the_sign() {
        assert_eq!(issuer_abbreviation("1338-CV/ĐUK"), "ĐUK");
        assert_eq!(issuer_abbreviation("45/KH-UBND"), "UBND");
        assert_eq!(issuer_abbreviation("/SKHCN-VP"), "SKHCN");
    }

    #[test]
    fn references_issuers_are_completed_with_the_place() {
        let portal = Portal::default();
        assert_eq!(complete_issuer("UBND tỉnh", Some("Hưng Yên"), &portal).as_deref(), Some("UBND tỉnh Hưng Yên"));
        assert_eq!(complete_issuer("UBND tỉnh Thái Nguyên", Some("Thái Nguyên"), &portal), None);
    }

    /// Found by the fuzz tests: the parent named in the header was written raw into a
    /// comment of the suggested organization, and a control character in it made the
    /// whole file unreadable YAML.
    #[test]
    fn suggested_organizations_read_back_whatever_the_header_holds() {
        let recognised = Recognised {
            issuer: Some("SỞ KHOA HỌC\u{0}".into()),
            parent: Some("\u{0}\u{300} /KH-UBND\u{2028}TM. ---".into()),
            ..Default::default()
        };
        let mut suggestions = Vec::new();
        match_issuer(&recognised, &Portal::default(), Some("Hưng\u{1} Yên"), None, &mut Vec::new(), &mut suggestions);
        let yaml = suggestions[0].text.trim_start_matches("---\n").trim_end_matches("---\n");
        let parsed: serde_json::Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{e} in\n{yaml}"));
        assert_eq!(parsed["title"], "Sở Khoa học\u{0} Hưng\u{1} Yên");
    }

    #[test]
    fn text_files_are_decoded() {
        assert_eq!(decode_text("a\r\nb".as_bytes()).unwrap(), "a\nb");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("Số".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode_text(&utf16).unwrap(), "Số");
        assert_eq!(decode_text(&[0xC3, 0x28]), None);
    }
}
