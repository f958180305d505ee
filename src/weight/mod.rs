//! Page weight: precompressed output and the page-weight budget.
//!
//! Every text file a build writes over [`MIN_GZIP_BYTES`], and the shared ones every page
//! loads ([`wants_twin`]), gets a `.gz` twin as it is written ([`Precompressor`], gzip level
//! 6, header mtime 0, so two builds stay byte-identical), for `gzip_static on;` in nginx; the
//! rest are compressed by the server as it sends them. Brotli (`.br`) is left out: there is no pure-Rust brotli encoder
//! in the dependency budget.
//!
//! The same step weighs every HTML page: its own gzip size plus the gzip size of each
//! stylesheet, script and font it loads. A page over the budget (`budget: {page_kb: 50}` in
//! `site.yaml`) is a warning naming the page and its heaviest files; an error with
//! `--strict`. Images (content photos) and attachments are not counted. `loa check` weighs
//! the pages it renders in memory, so it reports the same as `loa build`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use crate::diag::{Arg, Diagnostic, Position, Text};

/// Files smaller than this get no `.gz` twin unless every page loads them ([`wants_twin`]);
/// the server compresses them as it sends them (`gzip on; gzip_comp_level 6;` in
/// `loa-nginx.conf`, static hosts and CDNs do it by themselves) and sends the same bytes as a
/// twin would, so a twin saves only the server's compressing time, while each twin is one
/// more file to create, store, list and upload (object storage serves no twins at all). From
/// this size up (the API's lists and pages, the sitemap, the search index), which machine
/// readers fetch again and again, that time is worth a file. The measurements behind the
/// threshold are in the README ("Output files and deploys").
pub const MIN_GZIP_BYTES: usize = 256 * 1024;
/// Twins of smaller files are still written for what every page loads or links in its head:
/// the theme's assets and the site-root files (home page, feeds, sitemap, service worker).
pub const SHARED_MIN_GZIP_BYTES: usize = 1024;

/// Whether the text file `name` (output path) of `size` bytes gets a `.gz` twin.
pub fn wants_twin(name: &str, size: usize) -> bool {
    let name = name.trim_start_matches('/');
    let shared = name.starts_with("assets/") || !name.contains('/');
    size >= MIN_GZIP_BYTES || (shared && size >= SHARED_MIN_GZIP_BYTES)
}
/// Pages reported one by one; the rest are summed up in one more diagnostic.
const REPORTED_PAGES: usize = 20;

/// Extensions of text files that get a `.gz` twin (the search shards are JSON).
const COMPRESSIBLE: &[&str] =
    &["html", "htm", "css", "js", "mjs", "json", "xml", "svg", "ics", "webmanifest", "txt", "vcf"];
/// Font files: loaded by stylesheets, counted in the budget, sent as they are.
const FONTS: &[&str] = &["woff2", "woff", "ttf", "otf"];

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

/// Whether a file of the output gets a `.gz` twin when large enough.
pub fn compressible(path: &str) -> bool {
    let ext = extension(path).to_ascii_lowercase();
    COMPRESSIBLE.contains(&ext.as_str())
}

/// Pages and the files a page loads: what the budget counts.
pub fn weighed(path: &str) -> bool {
    let ext = extension(path).to_ascii_lowercase();
    ["html", "htm", "css", "js", "mjs"].contains(&ext.as_str()) || is_font(path)
}

fn is_font(path: &str) -> bool {
    FONTS.contains(&extension(path).to_ascii_lowercase().as_str())
}

/// Gzip with a fixed header (mtime 0, no name): same input, same bytes. libdeflate at level
/// 6: on the portal's pages and search shards it is faster than zlib at the same level and a
/// little smaller; level 9 would save little more for much more time. Each thread keeps one
/// compressor: allocating a fresh one per file fragments the heap over tens of thousands of
/// files.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::cell::RefCell;
    thread_local! {
        static DEFLATE: RefCell<libdeflater::Compressor> =
            RefCell::new(libdeflater::Compressor::new(libdeflater::CompressionLvl::new(GZIP_LEVEL).expect("level")));
    }
    DEFLATE.with(|deflate| {
        let mut deflate = deflate.borrow_mut();
        let mut out = vec![0; deflate.gzip_compress_bound(bytes.len())];
        let written = deflate.gzip_compress(bytes, &mut out).expect("the bound is large enough");
        out.truncate(written);
        out
    })
}

const GZIP_LEVEL: i32 = 6;

/// Text of a written file: checked, not copied, when it is UTF-8 (as everything loa writes).
fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    std::str::from_utf8(bytes).map_or_else(|_| String::from_utf8_lossy(bytes), std::borrow::Cow::Borrowed)
}

/// One weighed page: its gzip size and the output files it loads.
#[derive(Debug, Clone)]
struct Page {
    path: String,
    gzip: u64,
    loads: Vec<String>,
}

/// What a page loads and how much each file weighs, collected while the build writes.
#[derive(Debug)]
pub struct Weights {
    origin: String,
    base_path: String,
    pages: Mutex<Vec<Page>>,
    /// Output path → bytes transferred (gzip size of text files, size of fonts).
    sizes: Mutex<HashMap<String, u64>>,
    /// Stylesheet → the fonts it loads.
    fonts: Mutex<HashMap<String, Vec<String>>>,
}

impl Weights {
    /// `base_url` decides which links are the portal's own.
    pub fn new(base_url: &str) -> Weights {
        let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
        let base_path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]).to_owned();
        let base_path = if base_path.ends_with('/') { base_path } else { format!("{base_path}/") };
        let origin = base_url.trim_end_matches('/').strip_suffix(base_path.trim_end_matches('/')).unwrap_or(base_url);
        Weights {
            origin: origin.to_owned(),
            base_path,
            pages: Mutex::default(),
            sizes: Mutex::default(),
            fonts: Mutex::default(),
        }
    }

    /// Weighs one output file (path relative to the output root). Returns its gzip bytes
    /// when it is a text file; pages, stylesheets, scripts and fonts are remembered.
    pub fn measure(&self, path: &str, bytes: &[u8]) -> Option<Vec<u8>> {
        let path = path.trim_start_matches('/');
        if is_font(path) {
            self.sizes.lock().expect("sizes").insert(path.to_owned(), bytes.len() as u64);
            return None;
        }
        if !compressible(path) {
            return None;
        }
        let gz = gzip(bytes);
        let ext = extension(path).to_ascii_lowercase();
        // The web editor (`admin/`) is for staff: its page is not a reader's page, so neither
        // the budget nor the service worker's shell counts the editor's script.
        if (ext == "html" || ext == "htm") && !path.starts_with("admin/") {
            let loads = self.loads(path, bytes);
            self.pages.lock().expect("pages").push(Page { path: path.to_owned(), gzip: gz.len() as u64, loads });
        } else if ext == "css" {
            let fonts = self.css_fonts(path, &text_of(bytes));
            if !fonts.is_empty() {
                self.fonts.lock().expect("fonts").insert(path.to_owned(), fonts);
            }
        }
        self.sizes.lock().expect("sizes").insert(path.to_owned(), gz.len() as u64);
        Some(gz)
    }

    /// Only what `loa check` needs weighed: pages and what they load (no gzip of the rest).
    pub fn measure_if_loaded(&self, path: &str, bytes: &[u8]) {
        if weighed(path) {
            self.measure(path, bytes);
        }
    }

    /// Stylesheets, scripts and preloaded fonts a page loads, as output paths.
    fn loads(&self, page: &str, html: &[u8]) -> Vec<String> {
        use crate::check::links::{attribute_values, start_tag_spans};
        let value = |tag: &str, name: &str| -> Option<String> {
            attribute_values(tag, &[name]).into_iter().next().map(|(_, v)| v)
        };
        let mut loads: Vec<String> = Vec::new();
        for (name, span) in start_tag_spans(html) {
            if name != "script" && name != "link" {
                continue;
            }
            let tag = String::from_utf8_lossy(&html[span]);
            let url = if name == "script" {
                value(&tag, "src")
            } else {
                let rel = value(&tag, "rel").unwrap_or_default().to_ascii_lowercase();
                let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
                let preloaded = || {
                    let kind = value(&tag, "as").unwrap_or_default().to_ascii_lowercase();
                    ["style", "script", "font"].contains(&kind.as_str())
                };
                let loaded = rels.contains(&"stylesheet")
                    || rels.contains(&"modulepreload")
                    || (rels.contains(&"preload") && preloaded());
                if loaded { value(&tag, "href") } else { None }
            };
            if let Some(target) = url.and_then(|url| self.resolve(page, &url))
                && !loads.contains(&target)
            {
                loads.push(target);
            }
        }
        loads
    }

    /// Font files a stylesheet loads through `url(…)`.
    fn css_fonts(&self, stylesheet: &str, css: &str) -> Vec<String> {
        let mut fonts = Vec::new();
        let mut rest = css;
        while let Some(at) = rest.find("url(") {
            rest = &rest[at + 4..];
            let end = rest.find(')').unwrap_or(rest.len());
            let url = rest[..end].trim().trim_matches(|c| c == '"' || c == '\'');
            if is_font(url.split(['?', '#']).next().unwrap_or(url))
                && let Some(target) = self.resolve(stylesheet, url)
            {
                fonts.push(target);
            }
            rest = &rest[end..];
        }
        fonts
    }

    /// The output path a link of `from` points to, or None when it is not the portal's.
    fn resolve(&self, from: &str, url: &str) -> Option<String> {
        let url = url.trim();
        let local = match url.strip_prefix(&self.origin) {
            Some(rest) if rest.starts_with('/') => rest,
            _ if url.contains("://") || url.starts_with("//") || url.starts_with("data:") => return None,
            _ => url,
        };
        let path = local.split(['?', '#']).next().unwrap_or("");
        if path.is_empty() {
            return None;
        }
        let joined = if path.starts_with('/') {
            path.strip_prefix(&self.base_path)
                .map(str::to_owned)
                .or_else(|| (self.base_path.len() > 1 && format!("{path}/") == self.base_path).then(String::new))?
        } else {
            let folder = from.rsplit_once('/').map_or("", |(folder, _)| folder);
            if folder.is_empty() { path.to_owned() } else { format!("{folder}/{path}") }
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in joined.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                part => parts.push(part),
            }
        }
        let mut resolved = percent_decode(&parts.join("/"));
        if joined.ends_with('/') || resolved.is_empty() {
            if !resolved.is_empty() {
                resolved.push('/');
            }
            resolved.push_str("index.html");
        }
        Some(resolved)
    }

    /// Output files every page (outside the embeds) loads: the shell a service worker keeps.
    pub fn shell(&self, skip_prefixes: &[&str]) -> Vec<String> {
        let pages = self.pages.lock().expect("pages");
        let fonts = self.fonts.lock().expect("fonts");
        let mut shell = BTreeSet::new();
        for page in pages.iter().filter(|p| !skip_prefixes.iter().any(|s| p.path.starts_with(s))) {
            for load in &page.loads {
                shell.insert(load.clone());
                shell.extend(fonts.get(load).into_iter().flatten().cloned());
            }
        }
        let sizes = self.sizes.lock().expect("sizes");
        shell.into_iter().filter(|f| sizes.contains_key(f)).collect()
    }

    /// Pages over `budget_kb`: warnings, or errors when `strict`. Files a page loads that
    /// are not in the output are left to the link checker.
    pub fn over_budget(&self, budget_kb: u32, strict: bool) -> Vec<Diagnostic> {
        if budget_kb == 0 {
            return Vec::new();
        }
        let budget = u64::from(budget_kb) * 1024;
        let sizes = self.sizes.lock().expect("sizes");
        let fonts = self.fonts.lock().expect("fonts");
        let mut pages = self.pages.lock().expect("pages").clone();
        pages.sort_by(|a, b| a.path.cmp(&b.path));
        // (page, total, each file with its size, heaviest first)
        type Heavy = (String, u64, Vec<(Option<String>, u64)>);
        let mut over: Vec<Heavy> = Vec::new();
        for page in &pages {
            // Each file counts once, fonts after the stylesheet that loads them.
            let mut parts: BTreeMap<String, u64> = BTreeMap::new();
            for load in &page.loads {
                for file in std::iter::once(load).chain(fonts.get(load).into_iter().flatten()) {
                    if let Some(size) = sizes.get(file) {
                        parts.insert(file.clone(), *size);
                    }
                }
            }
            let total = page.gzip + parts.values().sum::<u64>();
            if total > budget {
                // `None` is the page itself, named in the message's language.
                let mut heavy: Vec<(Option<String>, u64)> = vec![(None, page.gzip)];
                heavy.extend(parts.into_iter().map(|(file, size)| (Some(file), size)));
                heavy.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                over.push((page.path.clone(), total, heavy));
            }
        }
        let make = |file: &str, message: Text| {
            let diagnostic = if strict {
                Diagnostic::error(file, Position::new(1, 1), message)
            } else {
                Diagnostic::warning(file, Position::new(1, 1), message)
            };
            let strict_note = (!strict).then(|| crate::msg!("weight-strict-note"));
            diagnostic.with_hint(crate::msg!("weight-budget-hint", budget_kb, strict_note))
        };
        let mut diagnostics: Vec<Diagnostic> = over
            .iter()
            .take(REPORTED_PAGES)
            .map(|(path, total, heavy)| {
                let files: Vec<Arg> = heavy
                    .iter()
                    .map(|(name, size)| match name {
                        Some(name) => Arg::Plain(format!("{name} {}", kb(*size))),
                        None => Arg::Text(crate::msg!("weight-page-itself", size = kb(*size))),
                    })
                    .collect();
                make(path, crate::msg!("weight-over", total = kb(*total), budget_kb, files))
            })
            .collect();
        if over.len() > REPORTED_PAGES {
            let rest = &over[REPORTED_PAGES..];
            let heaviest = rest.iter().max_by_key(|(_, total, _)| *total).expect("not empty");
            diagnostics.push(make(
                &rest[0].0,
                crate::msg!(
                    "weight-more-pages",
                    count = rest.len(),
                    budget_kb,
                    heaviest = heaviest.0,
                    size = kb(heaviest.1)
                ),
            ));
        }
        diagnostics
    }

    /// Every page weighed: (output path, total bytes with what it loads).
    pub fn page_totals(&self) -> Vec<(String, u64)> {
        let sizes = self.sizes.lock().expect("sizes");
        let mut totals: Vec<(String, u64)> = self
            .pages
            .lock()
            .expect("pages")
            .iter()
            .map(|p| (p.path.clone(), p.gzip + p.loads.iter().filter_map(|l| sizes.get(l)).sum::<u64>()))
            .collect();
        totals.sort();
        totals
    }
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        if bytes[i] == b'%'
            && let Some(byte) = hex.and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            decoded.push(byte);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

/// What the pass over the staging folder did.
#[derive(Debug, Default)]
pub struct Precompressed {
    /// `.gz` files written and their total size.
    pub files: usize,
    pub bytes: u64,
    /// A hash over every output file (path, size and CRC-32 of text files, path and size
    /// of the rest): changes whenever the published portal changes.
    pub version: String,
}

/// How one output file counts in the version: its size, and the CRC-32 of its bytes for
/// text files (0 for the rest). A CRC is enough to notice a change, and the gzip trailer
/// already carries it for every file that was compressed; SHA-256 of every byte was a
/// measurable share of a build.
pub(crate) type Fingerprint = (u64, u32);

/// A file's fingerprint from its bytes, as [`Precompressor`] makes it while writing: `loa
/// serve` keeps one per file of its live folder, to version its service worker after an edit.
pub(crate) fn fingerprint(name: &str, bytes: &[u8]) -> Fingerprint {
    let crc = if compressible(name) || is_font(name) { libdeflater::crc32(bytes) } else { 0 };
    (bytes.len() as u64, crc)
}

/// The version of an output whose files have these fingerprints, given in path order.
pub(crate) fn version<'a>(fingerprints: impl IntoIterator<Item = (&'a str, &'a Fingerprint)>) -> String {
    let mut version = Sha256::new();
    for (name, (size, crc)) in fingerprints {
        version.update(name.as_bytes());
        version.update([0]);
        version.update(size.to_le_bytes());
        version.update(crc.to_le_bytes());
    }
    version.finalize().iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Weighs every file as the build writes it into the staging folder, writes `.gz` twins of
/// the text files [`wants_twin`] picks, and fingerprints each file for the output's
/// version: all while the bytes are in memory, in the threads that rendered them, instead of
/// reading the whole output back afterwards.
pub struct Precompressor {
    weights: std::sync::Arc<Weights>,
    /// Whether `.gz` twins are written (not in `loa serve`'s live folder, which the preview
    /// server sends as it is).
    twins_wanted: bool,
    /// (output path, its fingerprint)
    fingerprints: Mutex<Vec<(String, Fingerprint)>>,
    twins: Mutex<(usize, u64)>,
    /// Every file written, twins included, for `loa-manifest.json` (`loa build` only).
    manifest: Option<crate::output::manifest::Manifest>,
}

impl Precompressor {
    pub fn new(weights: std::sync::Arc<Weights>) -> Precompressor {
        Precompressor {
            weights,
            twins_wanted: true,
            fingerprints: Mutex::default(),
            twins: Mutex::default(),
            manifest: Some(crate::output::manifest::Manifest::default()),
        }
    }

    /// Weighs and fingerprints every file, writing no `.gz` twin (`loa serve`).
    pub fn without_twins(weights: std::sync::Arc<Weights>) -> Precompressor {
        Precompressor { twins_wanted: false, manifest: None, ..Precompressor::new(weights) }
    }

    /// The `.gz` files written so far and the version of the output: a hash over every file.
    pub fn finish(&self) -> Precompressed {
        let mut fingerprints = std::mem::take(&mut *self.fingerprints.lock().expect("fingerprints"));
        fingerprints.sort_unstable();
        let version = version(fingerprints.iter().map(|(name, fingerprint)| (name.as_str(), fingerprint)));
        let (files, bytes) = *self.twins.lock().expect("twins");
        Precompressed { files, bytes, version }
    }

    /// Compresses a text file when it is weighed or large enough for a twin, writes the twin
    /// when it is worth it; returns the file's CRC-32.
    fn compress(&self, name: &str, path: &Path, bytes: &[u8], twin: &mut Vec<String>) -> std::io::Result<u32> {
        // Pages and what they load are weighed whatever their size; the rest is compressed
        // only when a twin is worth writing.
        let gz = if weighed(name) {
            self.weights.measure(name, bytes)
        } else {
            (self.twins_wanted && wants_twin(name, bytes.len())).then(|| gzip(bytes))
        };
        let Some(gz) = gz else { return Ok(libdeflater::crc32(bytes)) };
        if self.twins_wanted && wants_twin(name, bytes.len()) && gz.len() < bytes.len() {
            let mut target = path.as_os_str().to_owned();
            target.push(".gz");
            std::fs::write(target, &gz)?;
            twin.push(format!("{name}.gz"));
            self.listed(&format!("{name}.gz"), &gz);
            let mut twins = self.twins.lock().expect("twins");
            twins.0 += 1;
            twins.1 += gz.len() as u64;
        }
        Ok(gzip_crc(&gz))
    }
}

impl Precompressor {
    /// Adds a file to the manifest (when this build writes one).
    pub fn listed(&self, name: &str, bytes: &[u8]) {
        if let Some(manifest) = &self.manifest {
            manifest.add(name, bytes);
        }
    }

    /// `loa-manifest.json` of every file listed so far, for an output of this `version`;
    /// None in `loa serve`.
    pub fn manifest_json(&self, version: &str) -> Option<Vec<u8>> {
        self.manifest.as_ref().map(|m| m.to_json(version))
    }
}

/// The CRC-32 of the uncompressed bytes, from a gzip member's trailer (RFC 1952: CRC-32,
/// then the size, little-endian).
fn gzip_crc(gz: &[u8]) -> u32 {
    let trailer: [u8; 4] = gz[gz.len() - 8..gz.len() - 4].try_into().expect("a gzip member ends with 8 bytes");
    u32::from_le_bytes(trailer)
}

impl crate::output::Observer for Precompressor {
    fn written(&self, name: &str, path: &Path, bytes: Option<&[u8]>) -> std::io::Result<Vec<String>> {
        let name = name.trim_start_matches('/');
        let mut twin = Vec::new();
        // The manifest hashes every byte: a copied file (an attachment) is read back once.
        let read;
        let bytes = match bytes {
            None if self.manifest.is_some() || compressible(name) || is_font(name) => {
                read = std::fs::read(path)?;
                Some(&read[..])
            }
            bytes => bytes,
        };
        if let Some(bytes) = bytes {
            self.listed(name, bytes);
        }
        let fingerprint = if let Some(bytes) = bytes.filter(|_| compressible(name) || is_font(name)) {
            let crc = if compressible(name) {
                self.compress(name, path, bytes, &mut twin)?
            } else {
                self.weights.measure(name, bytes);
                libdeflater::crc32(bytes)
            };
            (bytes.len() as u64, crc)
        } else {
            let size = match bytes {
                Some(bytes) => bytes.len() as u64,
                None => std::fs::metadata(path)?.len(),
            };
            (size, 0)
        };
        self.fingerprints.lock().expect("fingerprints").push((name.to_owned(), fingerprint));
        Ok(twin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_is_deterministic_and_round_trips() {
        let text = "Hội thi Sáng tạo kỹ thuật ".repeat(200);
        let a = gzip(text.as_bytes());
        assert_eq!(a, gzip(text.as_bytes()));
        assert_eq!(&a[4..8], &[0, 0, 0, 0], "mtime 0");
        let mut decoded = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&a[..]), &mut decoded).unwrap();
        assert_eq!(decoded, text);
        assert_eq!(gzip_crc(&a), libdeflater::crc32(text.as_bytes()), "the trailer's CRC is the text's");
    }

    #[test]
    fn finds_what_a_page_loads_under_a_sub_path() {
        let weights = Weights::new("https://so.example.gov.vn/thidua/");
        let html = r#"<link rel="icon" href="/thidua/assets/favicon.svg"><link rel="stylesheet" href="/thidua/assets/loa.css"><link rel="alternate" href="/thidua/atom.xml"><script src="/thidua/assets/a.js" defer></script><script src="https://cdn.example.org/x.js"></script><script src="../b.js"></script><img src="/thidua/anh.jpg" alt=""><a href="/thidua/x/">x</a><link href="https://so.example.gov.vn/thidua/assets/c.css" rel=stylesheet>"#;
        let loads = weights.loads("van-ban/x/index.html", html.as_bytes());
        assert_eq!(loads, vec!["assets/loa.css", "assets/a.js", "van-ban/b.js", "assets/c.css"]);
    }

    #[test]
    fn a_heavy_page_is_named_with_its_heaviest_files() {
        let weights = Weights::new("https://thidua.example.gov.vn/");
        let mut state = 0x2545_f491_u32;
        let noise: String = (0..60_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                char::from(b'a' + (state % 26) as u8)
            })
            .collect();
        weights.measure("nang.js", noise.as_bytes());
        weights.measure("assets/loa.css", b"body{color:#111}");
        weights.measure("a/index.html", b"<link rel=stylesheet href=/assets/loa.css><script src=/nang.js></script>");
        weights.measure("b/index.html", b"<link rel=stylesheet href=/assets/loa.css>");
        let problems = weights.over_budget(20, false);
        assert_eq!(problems.len(), 1, "{problems:?}");
        let message = problems[0].to_string();
        assert!(message.starts_with("a/index.html:1:1: warning: the page weighs"), "{message}");
        assert!(message.contains(": nang.js "), "{message}");
        assert!(weights.over_budget(20, true)[0].is_error());
        assert!(weights.over_budget(0, true).is_empty(), "0 turns the budget off");
    }
}
