//! Attachments: find each attached file, refuse paths that leave the content folder, and
//! give every distinct file one slug, size and SHA-256, whatever number of pages cite it.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::model::{Attachment, AttachmentUse};
use super::site::Site;
use crate::diag::{Diagnostic, Position};
use crate::text;

/// SHA-256 of files already hashed, keyed by path and checked against size and mtime, so an
/// unchanged attachment is not read again. Kept in `.loa-cache/` (safe to delete).
#[derive(Debug, Default)]
pub struct FileHashes {
    known: std::sync::Mutex<HashMap<PathBuf, (u64, u128, String)>>,
    /// Under `loa serve`: where each attachment was found and what opening it gave, kept
    /// between assemblies, so an edit of one page does not look up and open every attached
    /// file of the portal again. Valid while the files on disk stay as they were: the server
    /// forgets it before any rebuild that follows a change other than a page's text.
    memo: Option<std::sync::Mutex<Memo>>,
}

/// What [`resolve`] found on disk, by page folder and written name, and by file and page.
#[derive(Debug, Default)]
struct Memo {
    located: HashMap<(PathBuf, String), Result<PathBuf, Problem>>,
    opened: HashMap<(PathBuf, PathBuf), Hashed>,
}

/// An attachment's size, SHA-256, identity and what its confidentiality gate reported.
type Hashed = (u64, String, Identity, Vec<Diagnostic>);

const HASH_CACHE: &str = ".loa-cache/attachment-hashes.tsv";

impl FileHashes {
    /// The cache of a portal, or an empty one.
    pub fn load(root: &Path) -> FileHashes {
        let text = std::fs::read_to_string(root.join(HASH_CACHE)).unwrap_or_default();
        let known = text
            .lines()
            .filter_map(|line| {
                let mut parts = line.split('\t');
                let (size, modified, hash, path) = (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
                Some((PathBuf::from(path), (size.parse().ok()?, modified.parse().ok()?, hash.to_owned())))
            })
            .collect();
        FileHashes { known: std::sync::Mutex::new(known), memo: None }
    }

    /// Keeps what resolving attachments found on disk between assemblies, until
    /// [`FileHashes::forget`] (for `loa serve`, which forgets it whenever a file other than a
    /// page's text changes).
    pub fn remembering(mut self) -> FileHashes {
        self.memo = Some(std::sync::Mutex::default());
        self
    }

    /// Forgets where attachments were found and what opening them gave.
    pub fn forget(&self) {
        if let Some(memo) = &self.memo {
            *memo.lock().expect("attachment memo") = Memo::default();
        }
    }

    /// Where `written` was found for a page of `folder`, looked up once while remembering.
    fn locate(&self, written: &str, folder: &Path, places: &Places<'_>) -> Result<PathBuf, Problem> {
        let Some(memo) = &self.memo else { return locate(written, folder, places) };
        let key = (folder.to_path_buf(), written.to_owned());
        if let Some(found) = memo.lock().expect("attachment memo").located.get(&key) {
            return found.clone();
        }
        let found = locate(written, folder, places);
        memo.lock().expect("attachment memo").located.insert(key, found.clone());
        found
    }

    /// [`FileHashes::hash`], opened once per file and citing page while remembering (the
    /// gate's problems name the page); failures are tried again.
    fn hash_once(
        &self,
        path: &Path,
        root: &Path,
        page: &Path,
        gate: impl FnOnce(&mut std::fs::File, u64) -> Vec<Diagnostic>,
    ) -> std::io::Result<Hashed> {
        let Some(memo) = &self.memo else { return self.hash(path, root, gate) };
        let key = (path.to_path_buf(), page.to_path_buf());
        if let Some(hashed) = memo.lock().expect("attachment memo").opened.get(&key) {
            return Ok(hashed.clone());
        }
        let hashed = self.hash(path, root, gate)?;
        memo.lock().expect("attachment memo").opened.insert(key, hashed.clone());
        Ok(hashed)
    }

    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let known = self.known.lock().expect("hash cache");
        let mut lines: Vec<String> = known
            .iter()
            .map(|(path, (size, modified, hash))| format!("{size}\t{modified}\t{hash}\t{}", path.display()))
            .collect();
        lines.sort();
        std::fs::create_dir_all(root.join(".loa-cache"))?;
        std::fs::write(root.join(HASH_CACHE), lines.join("\n"))
    }

    /// Size, SHA-256 and identity of the file at `path`, opened once and read from that
    /// handle; refused unless it is a regular file inside `root`.
    /// `gate` reads the same handle first (then it is rewound): the file checked for a
    /// classification is the file hashed and, through its identity, the file copied.
    fn hash(
        &self,
        path: &Path,
        root: &Path,
        gate: impl FnOnce(&mut std::fs::File, u64) -> Vec<Diagnostic>,
    ) -> std::io::Result<(u64, String, Identity, Vec<Diagnostic>)> {
        use std::io::{Seek, SeekFrom};
        let mut opened = open_inside(path, root)?;
        let gated = gate(&mut opened.file, opened.len);
        opened.file.seek(SeekFrom::Start(0))?;
        if let Some((size, when, hash)) = self.known.lock().expect("hash cache").get(path)
            && *size == opened.len
            && *when == opened.modified
        {
            return Ok((*size, hash.clone(), opened.identity, gated));
        }
        let (size, hash) = hash_reader(&mut opened.file)?;
        self.known.lock().expect("hash cache").insert(path.to_path_buf(), (size, opened.modified, hash.clone()));
        Ok((size, hash, opened.identity, gated))
    }
}

/// Which file an open handle is: device and inode, to tell whether a path still names the
/// file that was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    dev: u64,
    ino: u64,
}

/// A regular file opened for reading, checked through its handle.
#[derive(Debug)]
pub struct Opened {
    pub file: std::fs::File,
    pub identity: Identity,
    pub len: u64,
    /// Modification time, nanoseconds since the epoch.
    pub modified: u128,
}

/// Opens `path` without following a symlink at its end, then checks the opened file itself:
/// a regular file, whose real location is inside `root` (canonical). What is read from the
/// returned handle is what was checked, whatever happens to the path afterwards.
pub fn open_inside(path: &Path, root: &Path) -> std::io::Result<Opened> {
    use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
    // O_NONBLOCK: opening a FIFO put in a file's place must not hang the build.
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC)
        .open(path)
        .map_err(|error| match error.raw_os_error() {
            Some(libc::ELOOP) => refused(crate::msg!("attachment-refused-symlink")),
            _ => error,
        })?;
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(refused(crate::msg!("attachment-refused-not-regular")));
    }
    let identity = Identity { dev: meta.dev(), ino: meta.ino() };
    if !opened_inside(&file, path, identity, root) {
        return Err(refused(crate::msg!("attachment-refused-outside")));
    }
    let modified =
        meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    Ok(Opened { file, identity, len: meta.len(), modified })
}

/// An `io::Error` carrying a catalog text, so its message is shown in the chosen language.
fn refused(why: crate::diag::Text) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::PermissionDenied, crate::msg!("attachment-refused", why))
}

/// Whether an opened file lies inside `root`: the kernel's own name for the handle where
/// there is one (Linux), else the canonical path, which must still name the opened file.
fn opened_inside(file: &std::fs::File, path: &Path, identity: Identity, root: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::io::AsRawFd;
    if let Ok(real) = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
        return real.starts_with(root);
    }
    path.canonicalize().is_ok_and(|real| {
        real.starts_with(root)
            && std::fs::metadata(&real).is_ok_and(|m| Identity { dev: m.dev(), ino: m.ino() } == identity)
    })
}

/// A file to copy into the output: where it is, the folder it must stay inside, and, for
/// an attachment, the identity of the file that was hashed.
#[derive(Debug, Clone)]
pub struct CheckedFile {
    pub path: PathBuf,
    pub root: PathBuf,
    pub identity: Option<Identity>,
}

impl CheckedFile {
    /// Opens the file (see `open_inside`); refused if it is no longer the file checked.
    pub fn open(&self) -> std::io::Result<std::fs::File> {
        let opened = open_inside(&self.path, &self.root)?;
        if self.identity.is_some_and(|identity| identity != opened.identity) {
            return Err(refused(crate::msg!("attachment-refused-replaced")));
        }
        Ok(opened.file)
    }

    pub fn read(&self) -> std::io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut self.open()?, &mut bytes)?;
        Ok(bytes)
    }
}

/// Resolves every `attachments:` entry of every page, filling `Site::attachments`.
pub fn resolve(site: &mut Site, hashes: &FileHashes) -> Vec<Diagnostic> {
    let content_dir = site.root.join("content");
    // Found again from the pages, also in a model resolved before ([`super::patch`]).
    site.attachments = Default::default();
    let Ok(content_root) = content_dir.canonicalize() else { return Vec::new() };
    let shared_dir = content_dir.join("attachments");
    let mut diagnostics = Vec::new();
    let mut by_path: HashMap<PathBuf, usize> = HashMap::new();
    let mut found: Vec<(PathBuf, String, Option<String>)> = Vec::new();
    // The first page citing each found file, named by the confidentiality gate.
    let mut cited_by: Vec<PathBuf> = Vec::new();

    let shared_is_real = shared_dir.canonicalize().is_ok_and(|real| real == content_root.join("attachments"));
    let places =
        Places { content_dir: &content_dir, content_root: &content_root, shared_dir: &shared_dir, shared_is_real };
    // Finding the files is a few system calls each: done for all pages in parallel first.
    let locate_all = |uses: &[AttachmentUse], folder: &Path| -> Vec<Result<PathBuf, Problem>> {
        uses.iter().map(|use_| hashes.locate(&use_.file.value, folder, &places)).collect()
    };
    let mut located_directives: Vec<Vec<Result<PathBuf, Problem>>> =
        site.directives.par_iter().map(|d| locate_all(&d.attachments, &d.source.folder)).collect();
    let mut located_campaigns: Vec<Vec<Result<PathBuf, Problem>>> =
        site.campaigns.iter().map(|c| locate_all(&c.attachments, &c.source.folder)).collect();
    let mut located_guides: Vec<Vec<Result<PathBuf, Problem>>> =
        site.guides.iter().map(|g| locate_all(&g.attachments, &g.source.folder)).collect();

    let mut visit = |uses: &mut Vec<AttachmentUse>, located: Vec<Result<PathBuf, Problem>>, file: &Path| {
        for (use_, location) in uses.iter_mut().zip(located) {
            match location {
                Ok(path) => {
                    let index = *by_path.entry(path.clone()).or_insert_with(|| {
                        let title = first_title(use_, &path);
                        found.push((path, title, use_.number.clone()));
                        cited_by.push(file.to_path_buf());
                        found.len() - 1
                    });
                    use_.attachment = Some(index);
                }
                Err(problem) => {
                    // A model resolved before ([`super::patch`]) may hold an earlier answer.
                    use_.attachment = None;
                    diagnostics
                        .push(Diagnostic::error(file, use_.file.position, problem.message).with_hint(problem.hint))
                }
            }
        }
    };
    for (directive, located) in site.directives.iter_mut().zip(located_directives.drain(..)) {
        // Written only when an index changed: a directive the model before an edit shares
        // is copied only then.
        let mut uses = directive.attachments.clone();
        visit(&mut uses, located, &directive.source.path);
        if !uses.iter().map(|u| u.attachment).eq(directive.attachments.iter().map(|u| u.attachment)) {
            std::sync::Arc::make_mut(directive).attachments = uses;
        }
    }
    for (campaign, located) in site.campaigns.iter_mut().zip(located_campaigns.drain(..)) {
        visit(&mut campaign.attachments, located, &campaign.source.path);
    }
    for (guide, located) in site.guides.iter_mut().zip(located_guides.drain(..)) {
        visit(&mut guide.attachments, located, &guide.source.path);
    }
    // A winning entry's files (its description, photos) are attachments too.
    for result in &mut site.results {
        for entry in &mut result.entries {
            let located = locate_all(&entry.attachments, &result.source.folder);
            visit(&mut entry.attachments, located, &result.source.path);
        }
    }
    for campaign in &mut site.campaigns {
        if let Some(cover) = &mut campaign.cover {
            match hashes.locate(&cover.file.value, &campaign.source.folder, &places) {
                Ok(path) => cover.path = Some(path),
                Err(problem) => {
                    cover.path = None;
                    diagnostics.push(
                        Diagnostic::error(&campaign.source.path, cover.file.position, problem.message)
                            .with_hint(problem.hint),
                    )
                }
            }
        }
    }

    let max_bytes = site.config.max_file_bytes;
    let hash_and_gate = |((path, _, _), page): (&(PathBuf, String, Option<String>), &PathBuf)| {
        let display = path.strip_prefix(&content_root).map(|p| Path::new("content").join(p)).unwrap_or(path.clone());
        hashes.hash_once(path, &content_root, page, |file, len| gate_front_matter(file, len, &display, page, max_bytes))
    };
    let hashed: Vec<_> = found.par_iter().zip(cited_by.par_iter()).map(hash_and_gate).collect();
    let slugs = unique_slugs(&found, &content_root);
    for (((path, title, number), slug), hash) in found.into_iter().zip(slugs).zip(hashed) {
        let (bytes, sha256, identity) = match hash {
            Ok((bytes, sha256, identity, gated)) => {
                diagnostics.extend(gated);
                (bytes, sha256, Some(identity))
            }
            Err(error) => {
                diagnostics.push(Diagnostic::error(
                    &path,
                    Position::new(1, 1),
                    crate::msg!("attachment-unreadable", error),
                ));
                (0, String::new(), None)
            }
        };
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_lowercase();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("tep");
        let file_name =
            if extension.is_empty() { text::slugify(stem) } else { format!("{}.{extension}", text::slugify(stem)) };
        let relative = path.strip_prefix(&content_root).map(|p| Path::new("content").join(p)).unwrap_or(path.clone());
        std::sync::Arc::make_mut(&mut site.attachments).push(Attachment {
            slug,
            path: relative,
            file_name,
            title,
            number,
            bytes,
            sha256,
            extension,
            identity,
        });
    }
    diagnostics
}

/// Where each of `uses` (a page's in `folder`) is found, as [`Attachment::path`] names a
/// file (`content/…`): the lookups of [`resolve`] for one page, as a patch of the model
/// makes them for the pages it edits. None when a file is not found or is refused (a full
/// [`resolve`] says why).
pub(super) fn locate_uses(
    site: &Site,
    hashes: &FileHashes,
    uses: &[AttachmentUse],
    folder: &Path,
) -> Option<Vec<PathBuf>> {
    let content_dir = site.root.join("content");
    let content_root = content_dir.canonicalize().ok()?;
    let shared_dir = content_dir.join("attachments");
    let shared_is_real = shared_dir.canonicalize().is_ok_and(|real| real == content_root.join("attachments"));
    let places =
        Places { content_dir: &content_dir, content_root: &content_root, shared_dir: &shared_dir, shared_is_real };
    let relative = |path: PathBuf| match path.strip_prefix(&content_root) {
        Ok(inside) => Path::new("content").join(inside),
        Err(_) => path,
    };
    uses.iter().map(|use_| hashes.locate(&use_.file.value, folder, &places).ok().map(relative)).collect()
}

/// The title an attachment takes from the page that cites it first: the title that page
/// gives it, else its file name.
pub(super) fn first_title(use_: &AttachmentUse, path: &Path) -> String {
    use_.title.clone().unwrap_or_else(|| file_title(path))
}

/// An attached text file with front matter passes the same confidentiality gate as a page:
/// a classified or internal document attached as a file is not published either.
/// Reads from `file` (the attachment's checked handle, `len` bytes long).
fn gate_front_matter(
    file: &mut std::fs::File,
    len: u64,
    display: &Path,
    page: &Path,
    max_bytes: u64,
) -> Vec<Diagnostic> {
    use std::io::Read;
    let mut head = Vec::with_capacity(8);
    if (&mut *file).take(8).read_to_end(&mut head).is_err() || !opens_front_matter(&head) {
        return Vec::new();
    }
    let subject = crate::msg!("subject-attachment", page = page.display());
    let page = page.display();
    if len > max_bytes {
        let message = crate::msg!("attachment-front-matter-too-large", page, len);
        return vec![
            Diagnostic::error(display, Position::new(1, 1), message)
                .with_hint(crate::msg!("attachment-front-matter-too-large-hint")),
        ];
    }
    let mut bytes = head;
    if let Err(error) = file.take(max_bytes + 1 - bytes.len() as u64).read_to_end(&mut bytes) {
        let message = crate::msg!("attachment-front-matter-unreadable", page, error);
        return vec![Diagnostic::error(display, Position::new(1, 1), message)];
    }
    if bytes.len() as u64 > max_bytes {
        let message = crate::msg!("attachment-front-matter-grew", page, max_bytes);
        return vec![
            Diagnostic::error(display, Position::new(1, 1), message).with_hint(crate::msg!("build-again-hint")),
        ];
    }
    let text = String::from_utf8_lossy(&bytes);
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    // No closing `---`: a leading rule of a text file, not front matter.
    let Ok(split) = super::front_matter::split(&text) else { return Vec::new() };
    let value = match crate::yaml::parse_yaml(split.yaml, split.yaml_first_line) {
        Ok(value) => value,
        Err(error) => {
            let message = crate::msg!("attachment-front-matter-invalid", subject, problem = error.message);
            return vec![Diagnostic::error(display, error.position, message).with_hint(error.hint)];
        }
    };
    let locator = crate::yaml::Locator::new(split.yaml, split.yaml_first_line);
    let mut diagnostics = Vec::new();
    let mut fields = super::fields::Fields::subset(value, &locator, display, GATED_FIELDS, &mut diagnostics);
    super::load::refuse_unpublishable_as(&mut fields, &subject);
    diagnostics
}

const GATED_FIELDS: &[&str] = &["confidentiality", "circulation"];

/// Whether a file's first line is `---` (after a BOM), as front matter opens.
fn opens_front_matter(head: &[u8]) -> bool {
    let head = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let Some(rest) = head.strip_prefix(b"---") else { return false };
    let rest = &rest[rest.iter().take_while(|b| **b == b' ' || **b == b'\t').count()..];
    rest.first().is_none_or(|b| *b == b'\n' || *b == b'\r')
}

#[derive(Debug, Clone)]
struct Problem {
    message: crate::diag::Text,
    hint: crate::diag::Text,
}

/// Where attachments are looked for.
struct Places<'a> {
    /// `content/` as the portal names it.
    content_dir: &'a Path,
    /// The same, canonical: every attachment must be inside it.
    content_root: &'a Path,
    /// `content/attachments/`.
    shared_dir: &'a Path,
    /// Whether `content/attachments/` is a real folder there, not a symlink elsewhere.
    shared_is_real: bool,
}

/// Finds an attached file beside the page, else in `content/attachments/`, refusing any
/// path that is absolute or leads outside the content folder (also through a symlink).
fn locate(written: &str, folder: &Path, places: &Places<'_>) -> Result<PathBuf, Problem> {
    let (shared_dir, content_root) = (places.shared_dir, places.content_root);
    let relative = Path::new(written);
    if relative.is_absolute() || written.starts_with('\\') || written.contains(':') {
        return Err(Problem {
            message: crate::msg!("attachment-absolute", written),
            hint: crate::msg!("attachment-absolute-hint"),
        });
    }
    let escapes = relative.components().any(|c| matches!(c, Component::ParentDir));
    let candidates = [folder.join(relative), shared_dir.join(relative)];
    // The common case, a plain file name: the page's folder was reached without following
    // a symlink (the content walk follows none), so a regular file there, itself no
    // symlink, is inside the content folder at the canonical path below; one `lstat`
    // instead of resolving the whole path.
    let plain_name = matches!(relative.components().collect::<Vec<_>>()[..], [Component::Normal(_)]);
    let trusted = [true, places.shared_is_real];
    for (candidate, trusted) in candidates.iter().zip(trusted).filter(|_| plain_name) {
        match candidate.symlink_metadata() {
            Ok(meta) if meta.file_type().is_file() && trusted => match candidate.strip_prefix(places.content_dir) {
                Ok(inside) => return Ok(content_root.join(inside)),
                Err(_) => break,
            },
            // A symlink, a folder, or an untrusted folder: the full check below.
            Ok(_) => break,
            Err(_) => continue,
        }
    }
    let Some(existing) = candidates.iter().find(|c| c.exists()) else {
        if escapes {
            return Err(outside(written));
        }
        return Err(Problem {
            message: crate::msg!("attachment-missing", written),
            hint: match suggestion(written, folder) {
                Some(name) => crate::msg!("attachment-missing-suggestion-hint", name),
                None => crate::msg!("attachment-missing-hint"),
            },
        });
    };
    let real = existing.canonicalize().map_err(|_| outside(written))?;
    if !real.starts_with(content_root) {
        return Err(outside(written));
    }
    if !real.is_file() {
        return Err(Problem {
            message: crate::msg!("attachment-folder", written),
            hint: crate::msg!("attachment-folder-hint"),
        });
    }
    Ok(real)
}

fn outside(written: &str) -> Problem {
    Problem { message: crate::msg!("attachment-outside", written), hint: crate::msg!("attachment-outside-hint") }
}

fn suggestion(written: &str, folder: &Path) -> Option<String> {
    let names: Vec<String> = std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".md"))
        .collect();
    crate::diag::did_you_mean(written, names.iter().map(String::as_str)).map(str::to_owned)
}

fn file_title(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("Tệp đính kèm").to_owned()
}

/// Slugs from file names; a clash gets the parent folder's name, then a number.
fn unique_slugs(found: &[(PathBuf, String, Option<String>)], content_root: &Path) -> Vec<String> {
    let mut taken: HashMap<String, usize> = HashMap::new();
    found
        .iter()
        .map(|(path, _, _)| {
            let stem = text::slugify(path.file_stem().and_then(|s| s.to_str()).unwrap_or("tep"));
            let stem = if stem.is_empty() { "tep".to_owned() } else { stem };
            let mut slug = stem.clone();
            if taken.contains_key(&slug) {
                let parent =
                    path.parent().filter(|p| *p != content_root).and_then(|p| p.file_name()).and_then(|n| n.to_str());
                slug = format!("{}-{stem}", text::slugify(parent.unwrap_or("tep")));
            }
            let base = slug.clone();
            let mut n = 2;
            while taken.contains_key(&slug) {
                slug = format!("{base}-{n}");
                n += 1;
            }
            taken.insert(slug.clone(), 1);
            slug
        })
        .collect()
}

fn hash_reader(reader: &mut impl std::io::Read) -> std::io::Result<(u64, String)> {
    let mut hasher = Sha256::new();
    let bytes = std::io::copy(reader, &mut hasher)?;
    let digest = hasher.finalize();
    Ok((bytes, digest.iter().map(|b| format!("{b:02x}")).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classification check reads the handle that is hashed: a file put in the path's
    /// place while it is checked is neither what was checked nor what is hashed.
    #[test]
    fn the_gate_and_the_hash_read_one_handle() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let path = root.join("ke-hoach.md");
        std::fs::write(&path, "---\nconfidentiality: Mật\n---\nA\n").unwrap();
        let hashes = FileHashes::default();
        let (_, sha256, _, gated) = hashes
            .hash(&path, &root, |file, len| {
                std::fs::write(root.join("swap.md"), "public text\n").unwrap();
                std::fs::rename(root.join("swap.md"), &path).unwrap();
                gate_front_matter(file, len, Path::new("content/ke-hoach.md"), Path::new("content/a.md"), 1 << 20)
            })
            .unwrap();
        assert_eq!(gated.len(), 1, "the classified file was checked: {gated:?}");
        let classified = hash_reader(&mut "---\nconfidentiality: Mật\n---\nA\n".as_bytes()).unwrap().1;
        assert_eq!(sha256, classified, "the hash is of the file that was checked");
    }
}
