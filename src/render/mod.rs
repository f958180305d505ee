//! Render: the model through the theme's Tera templates. [`RenderCtx`] holds what every
//! output renders from; each output module owns its job variants (its own `Job` enum) and
//! a `render` function of one job; [`Job`] has one variant per output module, and
//! [`render_job`] says which module makes which job. What to render and where the files go
//! is the sequencer's ([`crate::sequencer`]).

pub mod blocks;
pub mod copies;
pub mod csp;
pub mod embeds;
pub mod federation;
pub mod list_pages;
pub mod lists;
pub mod pages;
pub mod plan;
pub mod results;
pub mod scans;
pub mod server_files;
pub(crate) mod server_syntax;
pub mod shortlinks;
pub(crate) mod slim;
pub mod theme;
pub mod view;

use std::path::PathBuf;

use tera::{Context, Kwargs, State, Tera};

use crate::content::Site;
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::markdown;
use lists::Lists;
use theme::Theme;
use view::{LanguageInfo, Views};

/// Compiles the theme's templates once; reports template errors with their file position.
pub fn compile(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("vcard", vcard_escape);
    tera.register_filter("vcard_uri", vcard_uri);
    tera.register_filter("email_breaks", email_breaks);
    let mut errors = Vec::new();
    let sources: Vec<(String, String)> = theme
        .templates
        .iter()
        .filter_map(|(name, file)| match String::from_utf8(file.bytes.clone()) {
            Ok(text) => Some((
                name.clone(),
                match theme.strings.as_slice() {
                    [only] => inline_strings(text, only),
                    _ => text,
                },
            )),
            Err(_) => {
                errors.push(Diagnostic::error(&file.origin, Position::new(1, 1), crate::msg!("template-not-utf8")));
                None
            }
        })
        .collect();
    if let Err(error) = tera.add_raw_templates(sources) {
        errors.push(template_error(theme, &error));
    }
    if errors.is_empty() { Ok(tera) } else { Err(errors) }
}

/// With one language, its UI strings are written into the templates before they are
/// compiled (`{{ t.key }}` becomes the text), so pages do not look each one up: the output is
/// the same, the build as fast as with literal text. Strings that would need escaping or hold
/// braces, and every other use of `t`, stay lookups. With several languages all are lookups.
fn inline_strings(text: String, strings: &crate::i18n::Strings) -> String {
    const OPEN: &str = "{{ t.";
    if !text.contains(OPEN) {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let key_len = after.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(after.len());
        let value =
            strings.lookup(&after[..key_len]).filter(|v| !v.contains(['&', '<', '>', '"', '\'', '{', '}', '\n']));
        match value {
            Some(value) if after[key_len..].starts_with(" }}") => {
                out.push_str(value);
                rest = &after[key_len + " }}".len()..];
            }
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Turns a Tera error into a diagnostic at the template's file, line and column.
pub fn template_error(theme: &Theme, error: &tera::Error) -> Diagnostic {
    let report = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => Some(report),
        _ => None,
    };
    match report {
        Some(report) => {
            let origin = theme
                .templates
                .get(report.filename())
                .map(|f| f.origin.clone())
                .unwrap_or_else(|| PathBuf::from(report.filename()));
            let span = report.span();
            Diagnostic::error(
                origin,
                Position::new(span.start_line, span.start_col + 1),
                crate::msg!("template-error", error = report.message()),
            )
            .with_hint(crate::msg!("template-error-hint"))
        }
        None => Diagnostic::error("templates", Position::new(1, 1), crate::msg!("template-error", error)),
    }
}

/// vCard TEXT values are escaped as iCalendar TEXT: one escaper for both (line breaks of
/// every kind folded out).
fn vcard_escape(value: &str, _: Kwargs, _: &State) -> String {
    crate::feeds::calendar::escape(value).into_owned()
}

/// vCard URI values (`URL:`): percent-encoded so the value stays on its line.
fn vcard_uri(value: &str, _: Kwargs, _: &State) -> String {
    crate::feeds::calendar::escape_uri(value).into_owned()
}

/// An e-mail address, escaped, with a line-break opportunity (`<wbr>`) after each `@` and
/// `.`, so that a narrow column breaks it only there. The output is HTML: templates mark it
/// `| safe`, and nothing of the address reaches it unescaped.
fn email_breaks(value: &str, _: Kwargs, _: &State) -> String {
    let mut html = String::with_capacity(value.len() + 16);
    for c in value.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            '\'' => html.push_str("&#x27;"),
            '@' | '.' => {
                html.push(c);
                html.push_str("<wbr>");
            }
            _ => html.push(c),
        }
    }
    html
}

/// A file an output makes: its path under the output folder (`/`-separated; a leading `/`
/// is allowed) and its bytes.
pub type OutputFile = (String, Vec<u8>);

/// What every output renders from, for one language: the model and its lists, the compiled
/// templates, the views and the values every template sees. Immutable: jobs render from it
/// in parallel.
pub struct RenderCtx<'a> {
    pub site: &'a Site,
    /// Computed for `site`, or kept by `loa serve` from one edit to the next.
    pub lists: std::borrow::Cow<'a, Lists>,
    pub(crate) tera: &'a Tera,
    pub(crate) theme: &'a Theme,
    pub views: Views<'a>,
    /// The `site` object, converted for Tera once rather than on every page.
    site_value: tera::Value,
    /// The UI strings (`t` in templates), converted once.
    t_value: tera::Value,
    /// The lists' filter column (`facets` in templates), converted once when first shown.
    facets_value: std::sync::OnceLock<tera::Value>,
    /// Where this language's files go under the output folder: empty for the default
    /// language, `en/` for the English edition.
    pub(crate) out_prefix: String,
    /// The members a national portal read (`federation:` in `site.yaml`); their pages are
    /// made in the portal's own language only.
    pub national: Option<&'a crate::federation::National>,
}

/// Where a copied output file comes from.
pub enum CopySource<'a> {
    /// A file of the portal, opened and checked when it is read.
    File(crate::content::attachments::CheckedFile),
    Bytes(&'a [u8]),
}

/// What a build produced, for the summary line.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub pages: usize,
    pub attachments: usize,
}

/// A job of a build: one variant per output module, which owns the variants of its jobs and
/// renders them (see [`render_job`]). A new output is a new module, a variant here, a line in
/// [`render_job`] and one in the job plan ([`Lists::jobs`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    /// An HTML page of an item, or the home, search or 404 page ([`pages`]).
    Pages(pages::Job),
    /// One page of a list ([`list_pages`]).
    List(list_pages::Job),
    /// The portal's feeds or calendar ([`crate::feeds`]).
    Feeds(crate::feeds::Job),
    /// The API's lists and schemas ([`crate::feeds::api`]).
    ApiLists,
    /// The search index of the language ([`crate::search`]: its shards, documents and facets).
    SearchIndex,
    /// A short link, a retired code's redirect, or posters ([`shortlinks`]).
    ShortLinks(shortlinks::Job),
    /// An embeddable widget ([`embeds`]).
    Embed(embeds::Job),
    /// The web app manifest or a campaign's share image ([`crate::pwa::render`]).
    Pwa(crate::pwa::render::Job),
    /// Server files or the sitemap ([`server_files`]).
    ServerFiles(server_files::Job),
    /// A contest's results pages or the API's results list ([`results`]).
    Results(results::Job),
    /// A national page or calendar made from the federation's members ([`federation`]).
    Federation(federation::Job),
    /// The web editor under `admin/` ([`crate::cms`]).
    Cms,
    /// The staff page of QR scan counts ([`scans`]).
    Scans,
}

impl Job {
    /// The page path a job renders (`/phong-trao/x/`), for jobs that render a page people
    /// visit: what the language switcher and `hreflang` links may point to.
    pub fn page_path(&self, site: &Site) -> Option<String> {
        match self {
            Job::Pages(job) => Some(job.page_path(site)),
            Job::List(list) => Some(list.path()),
            Job::Results(job) => job.page_path(site),
            _ => None,
        }
    }
}

/// Renders one job to its output files: the one line per output module that says which
/// module makes which jobs. Problems go to `problems` (a page whose body has a problem is
/// still made); None when the job made nothing.
pub(crate) fn render_job(ctx: &RenderCtx<'_>, job: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    match job {
        Job::Pages(job) => pages::render(ctx, job, problems),
        Job::List(job) => list_pages::render(ctx, job, problems),
        Job::Feeds(job) => crate::feeds::render(ctx, job, problems),
        Job::ApiLists => crate::feeds::api::render(ctx, problems),
        Job::SearchIndex => crate::search::render(ctx, problems),
        Job::ShortLinks(job) => shortlinks::render(ctx, job, problems),
        Job::Embed(job) => embeds::render(ctx, *job, problems),
        Job::Pwa(job) => crate::pwa::render::render(ctx, job, problems),
        Job::ServerFiles(job) => server_files::render(ctx, job, problems),
        Job::Results(job) => results::render(ctx, job, problems),
        Job::Federation(job) => federation::render(ctx, job, problems),
        Job::Cms => crate::cms::render(ctx, problems),
        Job::Scans => scans::render(ctx, problems),
    }
}

impl<'a> RenderCtx<'a> {
    /// The context of the portal's own language.
    pub fn new(site: &'a Site, tera: &'a Tera, theme: &'a Theme) -> Self {
        Self::with_lists(site, tera, theme, std::borrow::Cow::Owned(Lists::new(site)))
    }

    /// A context over lists already computed for `site` (`loa serve` keeps them between
    /// edits).
    pub fn with_lists(site: &'a Site, tera: &'a Tera, theme: &'a Theme, lists: std::borrow::Cow<'a, Lists>) -> Self {
        let languages = std::sync::Arc::new(languages(site, theme));
        Self::in_language(site, tera, theme, languages, lists)
    }

    fn in_language(
        site: &'a Site,
        tera: &'a Tera,
        theme: &'a Theme,
        languages: std::sync::Arc<Vec<LanguageInfo>>,
        lists: std::borrow::Cow<'a, Lists>,
    ) -> Self {
        let strings = theme.strings_for(&site.language);
        let t_value = tera::Value::from_serializable(&strings.to_value());
        let views = Views::with_language(site, strings, languages);
        let site_value = tera::Value::from_serializable(&views.site_view());
        let out_prefix = if site.is_edition() { format!("{}/", site.language) } else { String::new() };
        RenderCtx {
            site,
            tera,
            theme,
            lists,
            views,
            site_value,
            t_value,
            facets_value: std::sync::OnceLock::new(),
            out_prefix,
            national: None,
        }
    }

    /// This context with the members a national portal read (`loa build` and `loa serve`
    /// both pass what [`crate::federation::read::read_configured`] gave them).
    pub fn with_national(mut self, national: Option<&'a crate::federation::read::Report>) -> Self {
        self.national = national.map(|report| &report.national);
        self
    }

    /// A context for each language edition of the site (none with `languages: [vi]`).
    pub fn editions(&self) -> Vec<RenderCtx<'a>> {
        self.site
            .editions
            .iter()
            .map(|edition| {
                let lists = std::borrow::Cow::Owned(Lists::new(edition));
                Self::in_language(edition, self.tera, self.theme, self.views.languages.clone(), lists)
            })
            .collect()
    }

    /// A folder of the portal as the kernel names it, which opened files must stay inside
    /// (as written when it cannot be resolved: never an empty path, which every path starts with).
    pub(crate) fn portal_folder(&self, name: &str) -> PathBuf {
        let folder = self.site.root.join(name);
        folder.canonicalize().unwrap_or(folder)
    }

    /// A page's body as HTML, its Markdown problems reported.
    pub(crate) fn body(&self, source: &crate::content::Source, problems: &Diagnostics) -> String {
        let block_renderer = blocks::Blocks { ctx: self, diagnostics: problems };
        let rendered =
            markdown::render(&source.body, source.body_first_line, self.site.config.base_path(), &block_renderer);
        for (position, message, hint) in rendered.errors {
            problems.push(Diagnostic::error(&source.path, position, message).with_hint(hint));
        }
        for (position, message, hint) in rendered.warnings {
            problems.push(Diagnostic::warning(&source.path, position, message).with_hint(hint));
        }
        if self.site.is_edition() { self.localize_links(&rendered.html) } else { rendered.html }
    }

    /// In a language edition, site links written in a body (`/huong-dan/x/`, as in the
    /// original) go to the page in this language when it exists there.
    fn localize_links(&self, html: &str) -> String {
        let base = self.site.config.base_path();
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find("href=\"") {
            let start = at + "href=\"".len();
            out.push_str(&rest[..start]);
            rest = &rest[start..];
            let end = rest.find('"').unwrap_or(rest.len());
            let url = &rest[..end];
            let split = url.find(['#', '?']).unwrap_or(url.len());
            match url[..split].strip_prefix(base) {
                Some(path) => {
                    let path = format!("/{path}");
                    out.push_str(&self.views.link(&path));
                    out.push_str(&url[split..]);
                }
                None => out.push_str(url),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// A page through its template, with the `page` object every page template reads.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn render_page(
        &self,
        path: &str,
        template: &str,
        title: &str,
        description: Option<&str>,
        kind: &str,
        data: impl serde::Serialize,
        problems: &Diagnostics,
    ) -> Option<String> {
        let mut context = self.context_of(template, &data, problems)?;
        context.insert("page", &self.views.page_view(title, path, description, kind));
        self.render_context(template, context, problems)
    }

    /// A template with `data` and what every template sees (`site`, `t`, `facets`); a
    /// template error goes to `problems`.
    pub(crate) fn render_template(
        &self,
        template: &str,
        data: &impl serde::Serialize,
        problems: &Diagnostics,
    ) -> Option<String> {
        let context = self.context_of(template, data, problems)?;
        self.render_context(template, context, problems)
    }

    /// A view as a template context. A view that is not a map is a bug in loa, reported
    /// rather than leaving the page out of a build that would still succeed.
    fn context_of(&self, template: &str, data: &impl serde::Serialize, problems: &Diagnostics) -> Option<Context> {
        match Context::from_serialize(data) {
            Ok(context) => Some(context),
            Err(error) => {
                problems.push(Diagnostic::error(
                    template,
                    Position::new(1, 1),
                    crate::msg!("template-view-not-map", error),
                ));
                None
            }
        }
    }

    /// Renders a template with `site`, `t` and `facets` added to its context.
    fn render_context(&self, template: &str, mut context: Context, problems: &Diagnostics) -> Option<String> {
        context.insert_value("site", self.site_value.clone());
        context.insert_value("t", self.t_value.clone());
        let facets = self.facets_value.get_or_init(|| tera::Value::from_serializable(&self.lists.facets(&self.views)));
        context.insert_value("facets", facets.clone());
        match self.tera.render(template, &context) {
            Ok(html) => Some(html),
            Err(error) => {
                problems.push(template_error(self.theme, &error));
                None
            }
        }
    }
}

/// The published languages and the pages each has, when the site has language editions;
/// empty for a site in Vietnamese only (no alternates, no switcher).
fn languages(site: &Site, theme: &Theme) -> Vec<LanguageInfo> {
    if site.editions.is_empty() {
        return Vec::new();
    }
    std::iter::once(site)
        .chain(site.editions.iter())
        .map(|s| {
            let lists = Lists::new(s);
            let mut pages: std::collections::HashSet<String> =
                lists.jobs(s).iter().filter_map(|job| job.page_path(s)).collect();
            if s.is_edition() {
                // The edition's own feeds and search index (see `Job::Feeds`, `Job::SearchIndex`).
                pages.extend(["/atom.xml", "/rss.xml", "/lich.ics", "/tim-kiem/chi-muc/"].map(String::from));
            }
            LanguageInfo {
                code: s.language.clone(),
                prefix: if s.is_edition() { format!("/{}", s.language) } else { String::new() },
                name: theme.strings_for(&s.language).get("language_name").to_owned(),
                pages: std::sync::Arc::new(pages),
            }
        })
        .collect()
}

/// The file of a page path: `/van-ban/x/` → `van-ban/x/index.html`.
fn page_file(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') { format!("{trimmed}index.html") } else { trimmed.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_language_strings_are_written_into_the_templates() {
        let mut theme = Theme::load(std::path::Path::new("/nonexistent"), "default").expect("built-in theme");
        theme.load_strings(&["vi".to_owned()]).expect("vi strings");
        let strings = &theme.strings[0];
        let text = "<a>{{ t.nav_home }}</a>{{ t.lang }}{{ t.search_no_results }}{{ t.unknown_key }}{% if t.nav_home %}";
        assert_eq!(
            inline_strings(text.to_owned(), strings),
            "<a>Trang chủ</a>{{ t.lang }}{{ t.search_no_results }}{{ t.unknown_key }}{% if t.nav_home %}",
            "known plain strings inlined; braces, unknown keys and other uses stay lookups"
        );
    }
}
