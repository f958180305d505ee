//! Render: the only stage that touches Tera. Turns the model into pages through the theme's
//! templates, in parallel, into the staging folder.

pub mod blocks;
pub mod csp;
pub mod embeds;
pub mod lists;
pub mod server_syntax;
pub mod shortlinks;
pub mod theme;
pub mod view;

use std::path::PathBuf;

use rayon::prelude::*;
use serde_json::{Value, json};
use tera::{Context, Kwargs, State, Tera};

use crate::content::Site;
use crate::content::shortlinks::Target;
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::markdown;
use crate::output::Staging;
use crate::output::confine::RefusedPath;
use lists::{Job, Lists};
use theme::Theme;
use view::{LanguageInfo, Views, paths};

/// Compiles the theme's templates once; reports template errors with their file position.
pub fn compile(theme: &Theme) -> Result<Tera, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.register_filter("vcard", vcard_escape);
    tera.register_filter("vcard_uri", vcard_uri);
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
                errors.push(Diagnostic::error(&file.origin, Position::new(1, 1), "the template is not UTF-8 text"));
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
                format!("template error: {}", report.message()),
            )
            .with_hint("fix the template; `loa` shows the first problem of each template")
        }
        None => Diagnostic::error("templates", Position::new(1, 1), format!("template error: {error}")),
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

/// Renders every page and copies every attachment and asset into `staging`.
pub struct Renderer<'a> {
    pub site: &'a Site,
    pub tera: &'a Tera,
    pub theme: &'a Theme,
    pub views: Views<'a>,
    /// Computed here, or kept by `loa serve` from one edit to the next.
    pub lists: std::borrow::Cow<'a, Lists>,
    /// The `site` object, converted for Tera once rather than on every page.
    site_value: tera::Value,
    /// The UI strings (`t` in templates), converted once.
    t_value: tera::Value,
    /// The lists' filter column (`facets` in templates), converted once when first shown.
    facets_value: std::sync::OnceLock<tera::Value>,
    /// Where this language's files go under the output folder: empty for the default
    /// language, `en/` for the English edition.
    out_prefix: String,
    pub progress: Option<std::sync::Arc<crate::pipeline::Progress>>,
    /// Weighs pages and what they load as they are rendered, when nothing is written
    /// (`loa check`); a build weighs its staging folder instead.
    pub weigh: Option<std::sync::Arc<crate::weight::Weights>>,
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

impl<'a> Renderer<'a> {
    pub fn new(site: &'a Site, tera: &'a Tera, theme: &'a Theme) -> Self {
        Self::with_lists(site, tera, theme, std::borrow::Cow::Owned(Lists::new(site)))
    }

    /// A renderer over lists already computed for `site` (`loa serve` keeps them between
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
        Renderer {
            site,
            tera,
            theme,
            lists,
            views,
            site_value,
            t_value,
            facets_value: std::sync::OnceLock::new(),
            out_prefix,
            progress: None,
            weigh: None,
        }
    }

    /// A renderer for each language edition of the site (none with `languages: [vi]`).
    pub fn editions(&self) -> Vec<Renderer<'a>> {
        self.site
            .editions
            .iter()
            .map(|edition| {
                let lists = std::borrow::Cow::Owned(Lists::new(edition));
                let mut renderer =
                    Self::in_language(edition, self.tera, self.theme, self.views.languages.clone(), lists);
                renderer.progress = self.progress.clone();
                renderer.weigh = self.weigh.clone();
                renderer
            })
            .collect()
    }

    /// The search index of this renderer's language, its paths under the output folder.
    pub fn search_index(&self) -> Vec<(String, Vec<u8>)> {
        let files = crate::search::build(self.site, &self.views);
        if self.out_prefix.is_empty() {
            return files;
        }
        files
            .into_iter()
            .map(|(path, bytes)| {
                let bytes = if path.ends_with("/meta.json") { self.localized_search_meta(&bytes) } else { bytes };
                (format!("{}{}", self.out_prefix, path.trim_start_matches('/')), bytes)
            })
            .collect()
    }

    /// The search index's result kinds and statuses in this renderer's language.
    fn localized_search_meta(&self, bytes: &[u8]) -> Vec<u8> {
        let Ok(mut meta) = serde_json::from_slice::<Value>(bytes) else { return bytes.to_vec() };
        let t = |key: &str| json!(self.views.t(key));
        meta["kinds"] = json!([
            t("search_kind_campaign"),
            t("search_kind_guide"),
            t("search_kind_directive"),
            t("search_kind_attachment"),
            t("search_kind_organization"),
            t("search_kind_person")
        ]);
        meta["statuses"] = json!([t("status_upcoming"), t("status_ongoing"), t("status_ended")]);
        meta.to_string().into_bytes()
    }

    /// Renders everything in parallel; problems go to `diagnostics`. When `staging` is None
    /// nothing is written (`loa check`).
    pub fn render_all(&self, staging: Option<&Staging>, diagnostics: &Diagnostics) -> Counts {
        let jobs = self.lists.jobs(self.site);
        let weigh = self.weigh.as_deref().filter(|_| staging.is_none());
        let write = |files: Vec<(String, Vec<u8>)>| {
            if let Some(weights) = weigh {
                files.iter().for_each(|(path, bytes)| weights.measure_if_loaded(path, bytes));
            }
            write_all(staging, files, diagnostics)
        };
        let started = std::time::Instant::now();
        let timings = std::env::var_os("LOA_TIMINGS").is_some();
        let (pages, ()) = rayon::join(
            || {
                let pages = self.render_jobs(&jobs, &write, diagnostics);
                if timings {
                    eprintln!(
                        "timing: pages rendered in {} ms{}",
                        started.elapsed().as_millis(),
                        crate::pipeline::memory_note()
                    );
                }
                pages
            },
            || {
                if staging.is_some() {
                    write(self.search_index());
                    if timings {
                        eprintln!(
                            "timing: search index built in {} ms{}",
                            started.elapsed().as_millis(),
                            crate::pipeline::memory_note()
                        );
                    }
                }
            },
        );
        let mut pages = pages;
        for edition in self.editions() {
            let jobs = edition.lists.jobs(edition.site);
            let (edition_pages, ()) = rayon::join(
                || edition.render_jobs(&jobs, &write, diagnostics),
                || {
                    if staging.is_some() {
                        write(edition.search_index());
                    }
                },
            );
            pages += edition_pages;
        }
        if let Some(staging) = staging {
            self.copy_files(staging, diagnostics);
        } else if let Some(weights) = weigh {
            self.copied_files().par_iter().for_each(|(target, source)| match source {
                CopySource::Bytes(bytes) => weights.measure_if_loaded(target, bytes),
                CopySource::File(file) => {
                    if crate::weight::weighed(target) {
                        weights.measure_if_loaded(target, &file.read().unwrap_or_default());
                    }
                }
            });
        }
        Counts { pages, attachments: self.site.attachments.len() }
    }

    /// Renders `jobs` in parallel, handing each job's files to `write`; returns the number of
    /// HTML pages.
    pub fn render_jobs(
        &self,
        jobs: &[Job],
        write: &(dyn Fn(Vec<(String, Vec<u8>)>) + Sync),
        diagnostics: &Diagnostics,
    ) -> usize {
        use std::sync::atomic::Ordering;
        if let Some(progress) = &self.progress {
            progress.total.fetch_add(jobs.len(), Ordering::Relaxed);
        }
        jobs.par_iter()
            .inspect(|_| {
                if let Some(progress) = &self.progress {
                    progress.done.fetch_add(1, Ordering::Relaxed);
                }
            })
            .map(|job| match self.render_job(job, diagnostics) {
                Some(outputs) => {
                    let count = outputs.iter().filter(|(path, _)| path.ends_with(".html")).count();
                    // Output paths are relative to the output folder, whatever a job wrote.
                    write(
                        outputs
                            .into_iter()
                            .map(|(path, bytes)| {
                                (format!("{}{}", self.out_prefix, path.trim_start_matches('/')), bytes)
                            })
                            .collect(),
                    );
                    count
                }
                None => 0,
            })
            .sum()
    }

    /// A folder of the portal as the kernel names it, which opened files must stay inside
    /// (as written when it cannot be resolved: never an empty path, which every path starts with).
    fn portal_folder(&self, name: &str) -> PathBuf {
        let folder = self.site.root.join(name);
        folder.canonicalize().unwrap_or(folder)
    }

    /// Theme assets, attachments and the portal's `static/` files: (output path, source).
    pub fn copied_files(&self) -> Vec<(String, CopySource<'_>)> {
        use crate::content::attachments::CheckedFile;
        // Copies are read through handles checked to stay inside these folders: a file
        // swapped for a symlink after validation is refused, not published.
        let content_root = self.portal_folder("content");
        let mut files: Vec<(String, CopySource<'_>)> = self
            .site
            .attachments
            .iter()
            .map(|a| {
                let file = CheckedFile {
                    path: self.site.root.join(&a.path),
                    root: content_root.clone(),
                    identity: a.identity,
                };
                (format!("{}{}", paths::attachment(&a.slug), a.file_name), CopySource::File(file))
            })
            .collect();
        // The service worker's source is written to the site root by the build, with its
        // version (`crate::pwa`), not copied with the assets.
        files.extend(
            self.theme
                .assets
                .iter()
                .filter(|(name, _)| name.as_str() != crate::pwa::SERVICE_WORKER)
                .map(|(name, file)| (format!("/assets/{name}"), CopySource::Bytes(&file.bytes))),
        );
        let static_root = self.portal_folder("static");
        files.extend(theme::files_under(&self.site.root.join("static")).into_iter().map(|(relative, path)| {
            let file = CheckedFile { path, root: static_root.clone(), identity: None };
            (format!("/{relative}"), CopySource::File(file))
        }));
        files
    }

    fn copy_files(&self, staging: &Staging, diagnostics: &Diagnostics) {
        self.copied_files().par_iter().for_each(|(target, source)| {
            let result = match source {
                CopySource::File(file) => file.open().and_then(|from| staging.copy(target, from)),
                CopySource::Bytes(bytes) => staging.write(target, bytes),
            };
            if let Err(e) = result {
                diagnostics.push(match e.get_ref().and_then(|inner| inner.downcast_ref::<RefusedPath>()) {
                    Some(refused) => refused.diagnostic(),
                    None => Diagnostic::error(target, Position::new(1, 1), format!("cannot copy into the output: {e}")),
                });
            }
        });
    }

    /// Renders one job to its output files (path, bytes).
    pub fn render_job(&self, job: &Job, diagnostics: &Diagnostics) -> Option<Vec<(String, Vec<u8>)>> {
        let mut files = Vec::new();
        let v = &self.views;
        let site = self.site;
        let (path, template, title, description, kind, data) = match job {
            Job::Directive(i) => {
                let d = &site.directives[*i];
                // Calendars and API files are the portal's: one per item, in every language.
                if !site.is_edition() {
                    files.extend(self.directive_calendar(*i));
                    files.push(crate::feeds::api::directive_file(site, *i));
                }
                let body = self.body(&d.source, diagnostics);
                let description = d.summary.clone().or_else(|| {
                    d.number.as_ref().map(|n| {
                        self.views.strings.fill("directive_description", &[("number", &n.text), ("title", &d.title)])
                    })
                });
                (
                    paths::directive(&d.source.slug),
                    "directive.html",
                    self.directive_title(*i),
                    description,
                    "directive",
                    tera::Value::from_serializable(&view::DirectiveContext {
                        directive: view::DirectivePage {
                            short: self.page_short(Target::Directive(*i)),
                            ..v.directive_page(*i, &body)
                        },
                    }),
                )
            }
            Job::Campaign(i) => {
                let c = &site.campaigns[*i];
                let body = self.body(&c.source, diagnostics);
                let mut campaign = v.campaign_page(*i, &body);
                if site.is_edition() {
                    // The cover's resized copies, QR posters, share image, feeds, calendar
                    // and API file are written once, by the Vietnamese page; an edition links
                    // to them.
                    campaign.cover = self.cover(c, &mut Vec::new(), diagnostics);
                } else {
                    campaign.cover = self.cover(c, &mut files, diagnostics);
                    campaign.short = self.short_view(Target::Campaign(*i));
                    campaign.embeds = vec![
                        embeds::snippet(
                            site,
                            embeds::Embed::CampaignCard(*i),
                            &v.strings.fill("embed_campaign_card", &[("title", &c.title)]),
                        ),
                        embeds::snippet(
                            site,
                            embeds::Embed::CampaignDirectives(*i),
                            &v.strings.fill("embed_campaign_directives", &[("title", &c.title)]),
                        ),
                    ];
                    files.extend(self.campaign_open_data(*i, diagnostics));
                    files.push(crate::feeds::api::campaign_file(site, v, *i));
                }
                campaign.share = self.share_view(*i);
                (
                    paths::campaign(&c.source.slug),
                    "campaign.html",
                    c.title.clone(),
                    c.summary.clone(),
                    "campaign",
                    tera::Value::from_serializable(&view::CampaignContext { campaign }),
                )
            }
            Job::Guide(i) => {
                let g = &site.guides[*i];
                let body = self.body(&g.source, diagnostics);
                (
                    paths::guide(&g.source.slug),
                    "guide.html",
                    g.title.clone(),
                    g.summary.clone(),
                    "guide",
                    tera::Value::from_serializable(&view::GuideContext {
                        guide: view::GuidePage { short: self.page_short(Target::Guide(*i)), ..v.guide_page(*i, &body) },
                    }),
                )
            }
            Job::Organization(i) => {
                let o = &site.organizations[*i];
                let body = self.body(&o.source, diagnostics);
                (
                    paths::contact(&o.source.slug),
                    "organization.html",
                    o.title.clone(),
                    None,
                    "organization",
                    tera::Value::from_serializable(&view::OrganizationContext {
                        organization: v.organization_page(*i, &body),
                    }),
                )
            }
            Job::Person(i) => {
                let p = &site.people[*i];
                let body = self.body(&p.source, diagnostics);
                let person = v.person_page(*i, &body);
                let vcard_path = format!("{}{}.vcf", paths::contact(&p.source.slug), p.source.slug);
                let page = self.render_page(
                    &paths::contact(&p.source.slug),
                    "person.html",
                    &p.title,
                    p.position.as_deref(),
                    "person",
                    view::PersonContext { person: &person },
                    diagnostics,
                )?;
                let mut files = vec![(page_file(&paths::contact(&p.source.slug)), page.into_bytes())];
                if !site.is_edition() {
                    let url = v.absolute(&paths::contact(&p.source.slug));
                    let vcard =
                        self.render_template("vcard.vcf", &view::VcardContext { person: &person, url }, diagnostics)?;
                    // One property per template line; RFC 6350 lines end in CRLF, folded at 75 octets.
                    files.push((vcard_path, crate::feeds::calendar::content_lines(&vcard).into_bytes()));
                }
                return Some(files);
            }
            Job::Attachment(i) => {
                let a = &site.attachments[*i];
                (
                    paths::attachment(&a.slug),
                    "attachment.html",
                    a.title.clone(),
                    None,
                    "attachment",
                    tera::Value::from_serializable(&view::AttachmentContext { attachment: v.attachment_page(*i) }),
                )
            }
            Job::ShortLink(code, target) => return self.short_link_files(code, *target, diagnostics),
            Job::Redirect(from, to) => return self.redirect_files(from, to, "", diagnostics),
            Job::Posters(target) => return self.posters(*target, diagnostics),
            Job::Feeds => return Some(self.site_feeds(diagnostics)),
            Job::Calendar => return Some(self.site_calendar()),
            Job::ApiLists => return Some(crate::feeds::api::lists(site, v)),
            Job::Sitemap => return Some(self.site_map(diagnostics)),
            Job::Embed(embed) => return self.render_embed(*embed, diagnostics),
            Job::WebApp => return Some(self.web_app_files()),
            Job::ShareImage(i) => return self.share_image(*i, diagnostics),
            Job::ServerFiles => {
                let mut files = match self.server_redirects() {
                    Ok(files) => files,
                    Err(refused) => {
                        diagnostics.push(refused.diagnostic());
                        return None;
                    }
                };
                for (from, to) in self.alias_redirects() {
                    files.extend(self.redirect_files(&from, &to, "", diagnostics)?);
                }
                return Some(files);
            }
            Job::Search => (
                "/tim-kiem/".to_owned(),
                "search.html",
                v.t("search_title").to_owned(),
                None,
                "search",
                tera::Value::from_serializable(&self.lists.search(v)),
            ),
            Job::Home => {
                let title = v.strings.optional("site_title").unwrap_or(&site.config.title).to_owned();
                ("/".to_owned(), "index.html", title, None, "home", tera::Value::from_serializable(&self.lists.home(v)))
            }
            Job::NotFound => {
                let html = self.render_page(
                    "/404.html",
                    "404.html",
                    v.t("not_found_title"),
                    None,
                    "404",
                    view::NotFoundContext {},
                    diagnostics,
                )?;
                return Some(vec![("404.html".to_owned(), html.into_bytes())]);
            }
            Job::List(list) => {
                let (title, data) = self.lists.list_view(list, v);
                (list.path(), list.template(), title, None, "list", tera::Value::from_serializable(&data))
            }
        };
        let html = self.render_page(&path, template, &title, description.as_deref(), kind, data, diagnostics)?;
        files.push((page_file(&path), html.into_bytes()));
        Some(files)
    }

    /// A page's short link: the portal's, none in a language edition.
    fn page_short(&self, target: Target) -> Option<view::ShortView> {
        if self.site.is_edition() { None } else { self.short_view(target) }
    }

    /// Resized copies of a campaign's cover photo (EXIF stripped) and the view of them.
    fn cover(
        &self,
        campaign: &crate::content::Campaign,
        files: &mut Vec<(String, Vec<u8>)>,
        diagnostics: &Diagnostics,
    ) -> Option<view::CoverView> {
        let cover = campaign.cover.as_ref()?;
        let path = cover.path.as_ref()?;
        let content_root = self.portal_folder("content");
        let opened =
            crate::content::attachments::open_inside(path, &content_root).map_err(|e| crate::images::PhotoError {
                message: format!("cannot open the photo: {e}"),
                hint: "use a JPEG or PNG photo inside content/ for `cover`".into(),
            });
        let variants = match opened
            .and_then(|opened| crate::images::responsive_variants(opened.file, crate::images::MAX_PIXELS))
        {
            Ok(variants) => variants,
            Err(error) => {
                diagnostics.push(
                    Diagnostic::error(&campaign.source.path, cover.file.position, error.message).with_hint(error.hint),
                );
                return None;
            }
        };
        let folder = paths::campaign(&campaign.source.slug);
        let mut srcset = Vec::new();
        for variant in &variants {
            let name = format!("anh-bia-{}.jpg", variant.width);
            srcset.push(format!("{} {}w", self.views.link(&format!("{folder}{name}")), variant.width));
            files.push((format!("{}{name}", folder.trim_start_matches('/')), variant.jpeg.clone()));
        }
        let default = &variants[variants.len().min(2) - 1];
        Some(view::CoverView {
            src: self.views.link(&format!("{folder}anh-bia-{}.jpg", default.width)),
            srcset: srcset.join(", "),
            width: default.width,
            height: default.height,
            alt: cover
                .alt
                .clone()
                .unwrap_or_else(|| self.views.strings.fill("cover_alt", &[("title", &campaign.title)])),
        })
    }

    /// A directive's page title: "Công văn số 1338-CV/ĐUK: tuyên truyền…".
    fn directive_title(&self, index: usize) -> String {
        let d = &self.site.directives[index];
        let doc_type = self.views.doc_type_name(d.doc_type);
        match &d.number {
            Some(n) => self
                .views
                .strings
                .fill("directive_title_numbered", &[("type", &doc_type), ("number", &n.text), ("title", &d.title)]),
            None => self.views.strings.fill("directive_title", &[("type", &doc_type), ("title", &d.title)]),
        }
    }

    fn body(&self, source: &crate::content::Source, diagnostics: &Diagnostics) -> String {
        let block_renderer = blocks::Blocks { renderer: self, diagnostics };
        let rendered =
            markdown::render(&source.body, source.body_first_line, self.site.config.base_path(), &block_renderer);
        for (position, message, hint) in rendered.errors {
            diagnostics.push(Diagnostic::error(&source.path, position, message).with_hint(hint));
        }
        for (position, message, hint) in rendered.warnings {
            diagnostics.push(Diagnostic::warning(&source.path, position, message).with_hint(hint));
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

    #[allow(clippy::too_many_arguments)]
    fn render_page(
        &self,
        path: &str,
        template: &str,
        title: &str,
        description: Option<&str>,
        kind: &str,
        data: impl serde::Serialize,
        diagnostics: &Diagnostics,
    ) -> Option<String> {
        let mut context = Context::from_serialize(&data).ok()?;
        context.insert("page", &self.views.page_view(title, path, description, kind));
        self.render_context(template, context, diagnostics)
    }

    pub fn render_template(
        &self,
        template: &str,
        data: &impl serde::Serialize,
        diagnostics: &Diagnostics,
    ) -> Option<String> {
        let context = Context::from_serialize(data).ok()?;
        self.render_context(template, context, diagnostics)
    }

    /// Renders a template with `site`, `t` and `facets` added to its context.
    fn render_context(&self, template: &str, mut context: Context, diagnostics: &Diagnostics) -> Option<String> {
        context.insert_value("site", self.site_value.clone());
        context.insert_value("t", self.t_value.clone());
        let facets = self.facets_value.get_or_init(|| tera::Value::from_serializable(&self.lists.facets(&self.views)));
        context.insert_value("facets", facets.clone());
        match self.tera.render(template, &context) {
            Ok(html) => Some(html),
            Err(error) => {
                diagnostics.push(template_error(self.theme, &error));
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
                // The edition's own feeds and search index (see `Job::Feeds`, `search_index`).
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

/// Writes rendered files into the staging folder. When checking, nothing is written but
/// every path still passes the output's confinement, so `loa check` reports what `loa build`
/// would refuse.
fn write_all(staging: Option<&Staging>, files: Vec<(String, Vec<u8>)>, diagnostics: &Diagnostics) {
    use crate::output::confine;
    let Some(staging) = staging else {
        for (path, _) in files {
            if let Err(refused) = confine::join_site_path(std::path::Path::new(""), &path) {
                diagnostics.push(refused.diagnostic());
            }
        }
        return;
    };
    for (path, bytes) in files {
        if let Err(e) = staging.write(&path, &bytes) {
            diagnostics.push(confine::write_error(&path, &e));
        }
    }
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
