//! `site.yaml`: the portal's settings.

use std::path::Path;

use crate::content::fields::{Fields, Spanned};
use crate::date::PartialDate;
use crate::diag::{Diagnostic, Position};
use crate::yaml::{self, Locator};

/// Default PNG module size of QR codes (`qr: {module_px}`, and `loa qr --module-px`): 16 px
/// per module prints a 33-module code at 8.9 cm at 150 dpi.
pub const DEFAULT_QR_MODULE_PX: u32 = 16;
/// The default page-weight budget (`budget: {page_kb}`): 50 KB (gzip) per page with what it
/// loads.
pub const DEFAULT_PAGE_KB: u32 = 50;

/// The portal's settings, resolved.
#[derive(Debug, Clone)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`, e.g. `https://sokhcn.example.gov.vn/thidua/`.
    pub base_url: String,
    pub language: String,
    /// The published languages, the default (`vi`, the language of the content files) first:
    /// `languages: [vi, en]`. Every other language gets its edition under `/<code>/`.
    pub languages: Vec<String>,
    pub province: Option<String>,
    pub organization: Option<crate::content::fields::Ref>,
    pub theme: String,
    pub description: Option<String>,
    /// The day campaign and deadline status is computed for.
    pub build_date: PartialDate,
    /// Whether `build_date` was set in the file (reproducible builds) or is today.
    pub build_date_fixed: bool,
    /// Pixels per QR module in PNG images (`qr: {module_px: 16}`).
    pub qr_module_px: u32,
    /// Origins allowed to frame the embeds (`embed: {allowed_origins: [...]}`).
    pub embed_origins: Vec<String>,
    /// The e-mail address an agency writes to for its site to join `embed.allowed_origins`
    /// (`embed: {contact: …}`), named next to every embed snippet.
    pub embed_contact: Option<String>,
    /// The repository's web editor: `edit: {url: …/-/edit/main/, history_url: …/-/commits/main/}`.
    /// A page's source path is appended to each.
    pub edit_url: Option<String>,
    pub history_url: Option<String>,
    /// Page-weight budget in KB (1024 bytes) of gzip transfer: a page with the CSS,
    /// JavaScript and fonts it loads (`budget: {page_kb: 50}`); 0 turns the check off.
    pub page_budget_kb: u32,
    /// The largest content file read, in bytes (`limits: {max_file_bytes: 2000000}`).
    pub max_file_bytes: u64,
    /// The portal's own abbreviations for search, beside the common table of
    /// `text::abbreviations` (`search: {abbreviations: ["LHH = Liên hiệp các Hội…"]}`).
    pub search_abbreviations: Vec<(String, String)>,
    /// Lĩnh vực: the controlled list of fields directives (and contest results) name by
    /// slug (`fields: [{slug, name, name_en?}]`).
    pub fields: Vec<FieldDef>,
    /// The member portals a national portal aggregates (`federation: [{name, base_url}]`).
    pub federation: Vec<FederationMember>,
    /// The web editor (`cms:`): `admin/` is written only when it is set.
    pub cms: Option<CmsConfig>,
    /// QR scan counting (`scans: {log, public_total}`).
    pub scans: ScansConfig,
}

/// One member of `site.yaml`'s `federation:` list: a provincial portal whose `/api/v1/`
/// a national build reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FederationMember {
    /// The name shown on national pages, e.g. `Thanh Hóa`.
    pub name: String,
    /// The member's folder under the federation cache: the slug of its name.
    pub slug: String,
    pub source: MemberSource,
    /// Where the member is named in `site.yaml`, for warnings about it.
    pub position: Position,
}

/// Where a member's published portal is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberSource {
    /// Its published address (normalized, ending with `/`): `/api/v1/` is read under it.
    Url(String),
    /// A folder holding its built output (`public/`), for tests and air-gapped builds; relative
    /// to the portal folder unless absolute.
    Folder(std::path::PathBuf),
}

/// `scans:` in site.yaml: where nginx writes the scan log, and whether campaign pages
/// show their public total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScansConfig {
    /// Whether site.yaml has a `scans:` section: only then does `loa-nginx.conf` log `/q/`
    /// (its log format lives in `loa-nginx-http.conf`, which the server must include first).
    pub enabled: bool,
    /// The file `loa-nginx.conf` logs `/q/` requests to (`scans: {log: …}`).
    pub log: String,
    /// Whether campaign pages say "đã có N lượt quét mã" (`scans: {public_total: true}`).
    pub public_total: bool,
}

/// Where Debian's nginx keeps its logs.
pub const DEFAULT_SCANS_LOG: &str = "/var/log/nginx/loa-scans.log";

impl Default for ScansConfig {
    fn default() -> Self {
        ScansConfig { enabled: false, log: DEFAULT_SCANS_LOG.into(), public_total: false }
    }
}

/// One lĩnh vực of `site.yaml`'s `fields:` list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDef {
    /// What content writes, e.g. `nong-nghiep`.
    pub slug: String,
    /// The Vietnamese name, e.g. `Nông nghiệp`.
    pub name: String,
    /// The English name, for the English edition (the Vietnamese one when absent).
    pub name_en: Option<String>,
}

impl Config {
    /// The lĩnh vực with this slug.
    pub fn field(&self, slug: &str) -> Option<&FieldDef> {
        self.fields.iter().find(|f| f.slug == slug)
    }
}

/// The default of `limits.max_file_bytes`: far above any real dispatch, far below what
/// would make one file cost the build seconds and memory.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 2_000_000;

/// The largest `site.yaml`, `i18n/<lang>.yaml` or `short-links.yaml` read, in bytes.
pub const MAX_SETTINGS_BYTES: u64 = 4_000_000;

const SITE_FIELDS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "languages",
    "province",
    "organization",
    "theme",
    "build_date",
    "description",
    "qr",
    "embed",
    "edit",
    "budget",
    "limits",
    "fields",
    "search",
    "federation",
    "cms",
    "scans",
];
const FEDERATION_FIELDS: &[&str] = &["name", "base_url"];
const SCANS_FIELDS: &[&str] = &["log", "public_total"];
const FIELD_DEF_FIELDS: &[&str] = &["slug", "name", "name_en"];
const SEARCH_FIELDS: &[&str] = &["abbreviations"];
const LIMITS_FIELDS: &[&str] = &["max_file_bytes"];
const BUDGET_FIELDS: &[&str] = &["page_kb"];
const QR_FIELDS: &[&str] = &["module_px"];
const EMBED_FIELDS: &[&str] = &["allowed_origins", "contact"];
const EDIT_FIELDS: &[&str] = &["url", "history_url"];

impl Config {
    /// The path part of `base_url`, `/` or `/thidua/`: every site link starts with it.
    /// The moment `publish:` dates are compared with: 00:00 Vietnam time of a fixed
    /// `build_date` (reproducible: the same input gives the same output whenever it is
    /// built), else now in Vietnam time.
    pub fn build_moment(&self) -> crate::date::DateTime {
        if self.build_date_fixed {
            crate::date::DateTime { date: self.build_date, time: Some((0, 0)) }
        } else {
            crate::date::DateTime::now_in_vietnam()
        }
    }

    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map(|(_, rest)| rest).unwrap_or(&self.base_url);
        after_scheme.find('/').map(|i| &after_scheme[i..]).unwrap_or("/")
    }

    /// A site path (`/van-ban/x/`) as a link under the base path.
    pub fn link(&self, path: &str) -> String {
        format!("{}{}", self.base_path().trim_end_matches('/'), path)
    }

    /// A site path as an absolute URL, for canonical links and feeds.
    pub fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.base_url.trim_end_matches('/'), path)
    }

    /// Reads `site.yaml`, reporting every problem; `base_url_override` comes from `--base-url`.
    pub fn load(path: &Path, display: &Path, base_url_override: Option<&str>) -> Result<Config, Vec<Diagnostic>> {
        let text = match crate::content::load::read_regular(path, MAX_SETTINGS_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text.replace("\r\n", "\n").trim_start_matches('\u{feff}').to_owned(),
                Err(_) => {
                    return Err(vec![
                        Diagnostic::error(display, Position::new(1, 1), crate::msg!("site-yaml-not-utf8"))
                            .with_hint(crate::msg!("file-not-utf8-settings-hint")),
                    ]);
                }
            },
            Err(crate::content::load::ReadError::Io(error)) => {
                return Err(vec![
                    Diagnostic::error(display, Position::new(1, 1), crate::msg!("site-yaml-unreadable", error))
                        .with_hint(crate::msg!("site-yaml-unreadable-hint")),
                ]);
            }
            Err(error) => {
                return Err(vec![error.diagnostic(
                    display,
                    MAX_SETTINGS_BYTES,
                    crate::msg!("site-yaml-too-large-hint"),
                )]);
            }
        };
        let value = yaml::parse_yaml(&text, 1)
            .map_err(|e| vec![Diagnostic::error(display, e.position, e.message).with_hint(e.hint)])?;
        let locator = Locator::new(&text, 1);
        let mut diagnostics = Vec::new();
        let config = {
            let mut fields = Fields::new(value, &locator, Vec::new(), display, SITE_FIELDS, &mut diagnostics);
            read_config(&mut fields, base_url_override)
        };
        match config {
            Some(config) if !diagnostics.iter().any(Diagnostic::is_error) => Ok(config),
            _ => Err(diagnostics),
        }
    }
}

fn read_config(fields: &mut Fields<'_>, base_url_override: Option<&str>) -> Option<Config> {
    let title = fields.required_text("title", "Cổng thông tin thi đua – sáng tạo");
    let base_url = match base_url_override {
        Some(url) => {
            fields.text("base_url");
            Some(url.to_owned())
        }
        None => fields.required_text("base_url", "https://thidua.example.gov.vn/"),
    };
    let base_url = base_url.and_then(|url| match parse_base_url(&url) {
        Ok(url) => Some(url),
        Err(problem) => {
            fields.error(
                "base_url",
                crate::msg!("base-url-invalid", url = url.escape_debug(), problem),
                crate::msg!("base-url-invalid-hint"),
            );
            None
        }
    });
    let language_given = fields.has("language");
    let language = fields.text("language").unwrap_or_else(|| crate::i18n::DEFAULT_LANGUAGE.into());
    let languages = read_languages(fields, &language, language_given);
    let province = fields.text("province");
    let organization = fields.one_ref("organization");
    let theme = fields.text("theme").unwrap_or_else(|| "default".into());
    let description = fields.text("description");
    let build_date = fields.date("build_date").map(|d| d.value);
    if build_date.is_some_and(|d| !d.is_full()) {
        fields.error("build_date", crate::msg!("build-date-partial"), crate::msg!("build-date-partial-hint"));
    }
    let qr_module_px = fields
        .group("qr", QR_FIELDS, |qr| {
            let px = qr.text("module_px")?;
            match px.parse::<u32>() {
                Ok(px) if (2..=64).contains(&px) => Some(px),
                _ => {
                    qr.error("module_px", crate::msg!("qr-module-invalid", px), crate::msg!("qr-module-invalid-hint"));
                    None
                }
            }
        })
        .flatten()
        .unwrap_or(DEFAULT_QR_MODULE_PX);
    let (embed_origins, embed_contact) = fields
        .group("embed", EMBED_FIELDS, |embed| {
            let origins = embed.text_list("allowed_origins");
            let mut valid = Vec::new();
            for origin in origins {
                match parse_origin(&origin.value) {
                    Ok(value) => valid.push(value),
                    Err(problem) => embed.diagnostics.push(
                        crate::diag::Diagnostic::error(
                            embed.file(),
                            origin.position,
                            crate::msg!("origin-invalid", origin = origin.value.escape_debug(), problem),
                        )
                        .with_hint(crate::msg!("origin-invalid-hint")),
                    ),
                }
            }
            (valid, embed.email("contact"))
        })
        .unwrap_or_default();
    let (edit_url, history_url) = fields
        .group("edit", EDIT_FIELDS, |edit| {
            let mut url = |key: &str| {
                let value = edit.text(key)?;
                if value.starts_with("https://") || value.starts_with("http://") {
                    Some(if value.ends_with('/') { value } else { format!("{value}/") })
                } else {
                    edit.error(key, crate::msg!("edit-url-invalid", value), crate::msg!("edit-url-invalid-hint"));
                    None
                }
            };
            (url("url"), url("history_url"))
        })
        .unwrap_or((None, None));
    let page_budget_kb = fields
        .group("budget", BUDGET_FIELDS, |budget| {
            let kb = budget.text("page_kb")?;
            match kb.parse::<u32>() {
                Ok(kb) if kb <= 100_000 => Some(kb),
                _ => {
                    budget.error("page_kb", crate::msg!("budget-invalid", kb), crate::msg!("budget-invalid-hint"));
                    None
                }
            }
        })
        .flatten()
        .unwrap_or(DEFAULT_PAGE_KB);
    let max_file_bytes = read_limits(fields);
    let field_defs = read_field_defs(fields);
    let search_abbreviations = read_search(fields);
    let federation = read_federation(fields);
    let cms = read_cms(fields);
    let scans = read_scans(fields);
    Some(Config {
        federation,
        cms,
        scans,
        fields: field_defs,
        search_abbreviations,
        max_file_bytes,
        page_budget_kb,
        edit_url,
        history_url,
        embed_origins,
        embed_contact,
        qr_module_px,
        title: title?,
        base_url: base_url?,
        language,
        languages,
        province,
        organization,
        theme,
        description,
        build_date_fixed: build_date.is_some(),
        build_date: build_date.unwrap_or_else(PartialDate::today_in_vietnam),
    })
}

/// `scans: {log, public_total}`. The log path is written into `loa-nginx.conf`, so it is
/// an absolute path of plain characters (nothing nginx would read as syntax or a variable).
fn read_scans(fields: &mut Fields<'_>) -> ScansConfig {
    fields
        .group("scans", SCANS_FIELDS, |scans| {
            let log = scans.text("log").and_then(|log| {
                let plain = log.starts_with('/')
                    && !log.contains("/../")
                    && log.chars().all(|c| c.is_ascii_alphanumeric() || "/-_.".contains(c));
                if plain {
                    Some(log)
                } else {
                    scans.error(
                        "log",
                        crate::msg!("scans-log-invalid", log = log.escape_debug()),
                        crate::msg!("scans-log-hint", example = DEFAULT_SCANS_LOG),
                    );
                    None
                }
            });
            ScansConfig {
                enabled: true,
                log: log.unwrap_or_else(|| DEFAULT_SCANS_LOG.into()),
                public_total: scans.bool("public_total"),
            }
        })
        .unwrap_or_default()
}

/// `fields: [{slug, name, name_en?}]`: the lĩnh vực directives may name. A slug written
/// twice is an error at the second.
fn read_field_defs(fields: &mut Fields<'_>) -> Vec<FieldDef> {
    let defs = fields.items("fields", FIELD_DEF_FIELDS, |item| {
        let slug = item.required_text("slug", "nong-nghiep")?;
        let position = item.key_position("slug");
        let name = item.required_text("name", "Nông nghiệp")?;
        Some((Spanned { value: crate::text::slugify(&slug), position }, name, item.text("name_en")))
    });
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (slug, name, name_en) in defs {
        if !seen.insert(slug.value.clone()) {
            fields.diagnostics.push(
                Diagnostic::error(fields.file(), slug.position, crate::msg!("field-def-twice", slug = slug.value))
                    .with_hint(crate::msg!("field-def-twice-hint")),
            );
            continue;
        }
        out.push(FieldDef { slug: slug.value, name, name_en });
    }
    out
}

/// `federation: [{name, base_url}]`: each member's name (unique by slug) and where its
/// portal is published: an https address, plain http only on this machine (loopback), or a
/// folder of its built output.
fn read_federation(fields: &mut Fields<'_>) -> Vec<FederationMember> {
    let members = fields.items("federation", FEDERATION_FIELDS, |item| {
        let name = item.required_text("name", "Thanh Hóa")?;
        let name_position = item.key_position("name");
        let base = item.required_text("base_url", "https://thidua.thanhhoa.example.gov.vn/")?;
        let source = match member_source(&base) {
            Ok(source) => source,
            Err(problem) => {
                item.error(
                    "base_url",
                    crate::msg!("federation-base-invalid", base = base.escape_debug(), problem),
                    crate::msg!("federation-base-hint"),
                );
                return None;
            }
        };
        Some((Spanned { value: name, position: name_position }, source))
    });
    let mut out: Vec<FederationMember> = Vec::new();
    for (name, source) in members {
        let slug = crate::text::slugify(&name.value);
        if slug.is_empty() || out.iter().any(|m| m.slug == slug) {
            fields.diagnostics.push(
                Diagnostic::error(
                    fields.file(),
                    name.position,
                    crate::msg!("federation-member-name", name = name.value),
                )
                .with_hint(crate::msg!("federation-member-name-hint")),
            );
            continue;
        }
        out.push(FederationMember { name: name.value, slug, source, position: name.position });
    }
    out
}

/// A member's `base_url`: an https address (http only for a loopback host, where no one
/// between can change the data), or a folder path.
fn member_source(text: &str) -> Result<MemberSource, crate::diag::Text> {
    if !text.contains("://") {
        if text.trim().is_empty() || text.chars().any(char::is_control) {
            return Err(crate::msg!("federation-neither-address-nor-folder"));
        }
        return Ok(MemberSource::Folder(std::path::PathBuf::from(text)));
    }
    let url = parse_base_url(text)?;
    let parsed = url::Url::parse(&url).map_err(|error| crate::msg!("url-unparsable", error))?;
    let loopback = match parsed.host() {
        Some(url::Host::Domain(host)) => host == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    };
    if parsed.scheme() == "http" && !loopback {
        return Err(crate::msg!("federation-plain-http"));
    }
    Ok(MemberSource::Url(url))
}

/// `search: {abbreviations: ["KHCN = Khoa học và Công nghệ", …]}`: each entry an
/// abbreviation, `=`, and the long form it stands for.
fn read_search(fields: &mut Fields<'_>) -> Vec<(String, String)> {
    fields
        .group("search", SEARCH_FIELDS, |search| {
            let mut pairs = Vec::new();
            for entry in search.text_list("abbreviations") {
                match entry.value.split_once('=') {
                    Some((short, long)) if !short.trim().is_empty() && long.split_whitespace().count() >= 2 => {
                        pairs.push((short.trim().to_owned(), long.trim().to_owned()));
                    }
                    _ => search.diagnostics.push(
                        crate::diag::Diagnostic::error(
                            search.file(),
                            entry.position,
                            crate::msg!("abbreviation-invalid", entry = entry.value.escape_debug()),
                        )
                        .with_hint(crate::msg!("abbreviation-invalid-hint")),
                    ),
                }
            }
            pairs
        })
        .unwrap_or_default()
}

/// `limits: {max_file_bytes: N}`: the largest content file read (at least 1 KB).
fn read_limits(fields: &mut Fields<'_>) -> u64 {
    fields
        .group("limits", LIMITS_FIELDS, |limits| {
            let bytes = limits.text("max_file_bytes")?;
            match bytes.replace(['_', ' '], "").parse::<u64>() {
                Ok(bytes) if bytes >= 1_000 => Some(bytes),
                _ => {
                    limits.error(
                        "max_file_bytes",
                        crate::msg!("file-limit-invalid", bytes),
                        crate::msg!("file-limit-invalid-hint"),
                    );
                    None
                }
            }
        })
        .flatten()
        .unwrap_or(DEFAULT_MAX_FILE_BYTES)
}

/// Characters refused in `base_url` and origins before parsing: the URL parser would drop
/// tabs and line breaks silently or encode quotes, and these values are written into server
/// files (nginx, `_headers`) where any of them could end a value.
fn raw_url_problem(text: &str) -> Option<crate::diag::Text> {
    text.chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'`;\\<>{}|^$".contains(*c))
        .map(|c| crate::msg!("url-has-character", character = format!("{c:?}")))
}

/// `base_url`: an absolute http(s) URL with a host, no user, query or fragment, and a path of
/// unreserved characters; returned in its normalized form, ending with `/`.
pub fn parse_base_url(text: &str) -> Result<String, crate::diag::Text> {
    if let Some(problem) = raw_url_problem(text) {
        return Err(problem);
    }
    let url = url::Url::parse(text).map_err(|error| crate::msg!("url-unparsable", error))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(crate::msg!("url-scheme", scheme = url.scheme()));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(crate::msg!("url-no-host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(crate::msg!("url-user"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(crate::msg!("url-query"));
    }
    let path = url.path();
    if let Some(c) = path.chars().find(|c| !(c.is_ascii_alphanumeric() || "/-_.~".contains(*c))) {
        return Err(crate::msg!("url-path-character", character = format!("{c:?}")));
    }
    if path.contains("//") {
        return Err(crate::msg!("url-path-empty-segment"));
    }
    let url = url.as_str();
    Ok(if url.ends_with('/') { url.to_owned() } else { format!("{url}/") })
}

/// An `embed.allowed_origins` entry: `scheme://host[:port]` with http or https, a valid host
/// and nothing else (a trailing `/` is accepted). Returned as the origin's serialization.
pub fn parse_origin(text: &str) -> Result<String, crate::diag::Text> {
    if let Some(problem) = raw_url_problem(text) {
        return Err(problem);
    }
    let bare = text.strip_suffix('/').unwrap_or(text);
    let Some((scheme, authority)) = bare.split_once("://") else {
        return Err(crate::msg!("url-no-scheme"));
    };
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return Err(crate::msg!("url-scheme", scheme));
    }
    if let Some(c) = authority.chars().find(|c| "/?#@*".contains(*c)) {
        return Err(crate::msg!("origin-character", character = format!("{c:?}")));
    }
    let url = url::Url::parse(text).map_err(|error| crate::msg!("url-unparsable", error))?;
    match url.origin() {
        origin @ url::Origin::Tuple(..) => Ok(origin.ascii_serialization()),
        url::Origin::Opaque(_) => Err(crate::msg!("url-no-host")),
    }
}

/// `languages: [vi, en]`: known ISO 639-1 codes, no repeats, Vietnamese first (the content
/// files are the Vietnamese originals; other languages are translations of them).
fn read_languages(fields: &mut Fields<'_>, language: &str, language_given: bool) -> Vec<String> {
    let default = crate::i18n::DEFAULT_LANGUAGE;
    if !fields.has("languages") {
        if language != default {
            fields.error(
                "language",
                crate::msg!("language-not-default", language, default),
                crate::msg!("language-not-default-hint", language, default),
            );
        }
        return vec![default.to_owned()];
    }
    let listed = fields.text_list("languages");
    let mut languages: Vec<String> = Vec::new();
    for code in &listed {
        let value = code.value.to_lowercase();
        let problem = if !crate::i18n::is_language_code(&value) {
            Some((crate::msg!("language-code-invalid", code = code.value), crate::msg!("language-code-invalid-hint")))
        } else if languages.contains(&value) {
            Some((crate::msg!("language-twice", value), crate::msg!("language-twice-hint")))
        } else {
            None
        };
        match problem {
            Some((message, hint)) => fields
                .diagnostics
                .push(crate::diag::Diagnostic::error(fields.file(), code.position, message).with_hint(hint)),
            None => languages.push(value),
        }
    }
    match languages.first() {
        None if listed.is_empty() => {
            fields.error("languages", crate::msg!("languages-empty"), crate::msg!("languages-empty-hint"))
        }
        Some(first) if first != default => fields.error(
            "languages",
            crate::msg!("languages-first", default, first),
            crate::msg!("languages-first-hint", default, first),
        ),
        _ => {}
    }
    if language_given && languages.first().is_some_and(|first| first != language) {
        fields.error("language", crate::msg!("language-disagrees", language), crate::msg!("language-disagrees-hint"));
    }
    if languages.first().map(String::as_str) != Some(default) {
        languages.retain(|l| l != default);
        languages.insert(0, default.to_owned());
    }
    languages
}

/// The Git host the web editor commits through (`cms.backend`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmsBackend {
    GitLab,
    GitHub,
    Gitea,
}

impl CmsBackend {
    const NAMES: &'static [&'static str] = &["gitlab", "github", "gitea"];

    /// The backend's name in the editor's `config.yml`.
    pub fn name(self) -> &'static str {
        match self {
            CmsBackend::GitLab => "gitlab",
            CmsBackend::GitHub => "github",
            CmsBackend::Gitea => "gitea",
        }
    }

    /// The public host's API, for a backend without `api_root`.
    pub fn default_api_root(self) -> Option<&'static str> {
        match self {
            CmsBackend::GitLab => Some("https://gitlab.com/api/v4"),
            CmsBackend::GitHub => Some("https://api.github.com"),
            CmsBackend::Gitea => None,
        }
    }
}

/// `cms:` in site.yaml: the web editor generated into `admin/` (see `crate::cms`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CmsConfig {
    pub backend: CmsBackend,
    /// `group/project` on the Git host.
    pub repo: String,
    /// The branch published from (default `main`).
    pub branch: String,
    /// The Git host's API (`https://gitlab.example.gov.vn/api/v4`); the public host's by default.
    pub api_root: Option<String>,
    /// The Git host's web address for sign-in (`https://gitlab.example.gov.vn`).
    pub base_url: Option<String>,
    /// The OAuth application id of a self-hosted GitLab or Gitea (sign-in without a server).
    pub app_id: Option<String>,
    /// The address of a branch preview built by the CI, with `{branch}`.
    pub preview_url: Option<String>,
    /// Decap's local backend (`decap-server`) API, for trying the editor on one machine.
    pub local_backend: Option<String>,
}

const CMS_FIELDS: &[&str] =
    &["backend", "repo", "branch", "api_root", "base_url", "app_id", "preview_url", "local_backend"];

/// `cms: {backend, repo, branch?, api_root?, base_url?, app_id?, preview_url?, local_backend?}`.
fn read_cms(fields: &mut Fields<'_>) -> Option<CmsConfig> {
    fields.group("cms", CMS_FIELDS, read_cms_group).flatten()
}

fn read_cms_group(cms: &mut Fields<'_>) -> Option<CmsConfig> {
    let backend = match cms.required_text("backend", "gitlab") {
        Some(name) => match CmsBackend::NAMES.iter().position(|n| *n == name.to_lowercase()) {
            Some(0) => Some(CmsBackend::GitLab),
            Some(1) => Some(CmsBackend::GitHub),
            Some(_) => Some(CmsBackend::Gitea),
            None => {
                cms.error("backend", crate::msg!("cms-backend-unknown", name), crate::msg!("cms-backend-hint"));
                None
            }
        },
        None => None,
    };
    let repo = cms.required_text("repo", "so-khcn/cong-thi-dua");
    let repo = repo.and_then(|repo| {
        let valid = repo.split('/').count() >= 2
            && repo.split('/').all(|part| {
                !part.is_empty() && part != ".." && part.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            });
        if valid {
            Some(repo)
        } else {
            cms.error(
                "repo",
                crate::msg!("cms-repo-invalid", repo = repo.escape_debug()),
                crate::msg!("cms-repo-hint"),
            );
            None
        }
    });
    let branch = cms.text("branch").unwrap_or_else(|| "main".into());
    if !branch.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) || branch.contains("..") {
        cms.error(
            "branch",
            crate::msg!("cms-branch-invalid", branch = branch.escape_debug()),
            crate::msg!("cms-branch-hint"),
        );
    }
    let mut url = |key: &str, example: &str| {
        let value = cms.text(key)?;
        match parse_base_url(&value) {
            Ok(url) => Some(url.trim_end_matches('/').to_owned()),
            Err(problem) => {
                cms.error(
                    key,
                    crate::msg!("cms-url-invalid", value = value.escape_debug(), problem),
                    crate::msg!("cms-url-hint", key, example),
                );
                None
            }
        }
    };
    let api_root = url("api_root", "https://gitlab.example.gov.vn/api/v4");
    let base_url = url("base_url", "https://gitlab.example.gov.vn");
    let local_backend = url("local_backend", "http://127.0.0.1:8081/api/v1");
    let preview_url =
        cms.text("preview_url").and_then(|value| match parse_base_url(&value.replace("{branch}", "branch")) {
            Ok(_) => Some(value),
            Err(problem) => {
                cms.error(
                    "preview_url",
                    crate::msg!("cms-preview-invalid", value = value.escape_debug(), problem),
                    crate::msg!("cms-preview-hint"),
                );
                None
            }
        });
    let app_id = cms.text("app_id");
    if backend == Some(CmsBackend::Gitea) && api_root.is_none() {
        cms.error("backend", crate::msg!("cms-gitea-api-root"), crate::msg!("cms-gitea-api-root-hint"));
    }
    Some(CmsConfig { backend: backend?, repo: repo?, branch, api_root, base_url, app_id, preview_url, local_backend })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base_url: &str) -> Config {
        Config {
            title: "T".into(),
            base_url: base_url.into(),
            language: "vi".into(),
            languages: vec!["vi".into()],
            province: None,
            organization: None,
            theme: "default".into(),
            description: None,
            build_date: PartialDate::full(2024, 7, 1),
            build_date_fixed: true,
            qr_module_px: 16,
            embed_origins: Vec::new(),
            embed_contact: None,
            edit_url: None,
            history_url: None,
            page_budget_kb: 50,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            fields: Vec::new(),
            cms: None,
            search_abbreviations: Vec::new(),
            federation: Vec::new(),
            scans: ScansConfig::default(),
        }
    }

    #[test]
    fn links_live_under_the_base_path() {
        let sub = config("https://sokhcn.example.gov.vn/thidua/");
        assert_eq!(sub.base_path(), "/thidua/");
        assert_eq!(sub.link("/van-ban/"), "/thidua/van-ban/");
        assert_eq!(sub.absolute("/van-ban/"), "https://sokhcn.example.gov.vn/thidua/van-ban/");
        let root = config("https://thidua.example.gov.vn/");
        assert_eq!(root.link("/"), "/");
    }
}
