//! Embeds for ministry websites: compact views under `/nhung/` that other sites put in an
//! iframe, the copy-paste snippets shown on the pages they embed, and the frame policy
//! (`Content-Security-Policy` with `frame-ancestors`) for web servers.

use super::Renderer;
use super::csp;
use super::server_syntax::{self as syntax, Refused};
use super::view::{
    EmbedCampaign, EmbedCampaignContext, EmbedCampaigns, EmbedCampaignsContext, EmbedDeadlines, EmbedDeadlinesContext,
    EmbedDirectives, EmbedDirectivesContext, EmbedSearch, EmbedSearchContext, EmbedSnippet, paths,
};
use crate::diag::Diagnostics;

/// An embeddable view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Embed {
    CampaignCard(usize),
    CampaignDirectives(usize),
    ActiveCampaigns,
    Deadlines,
    SearchBox,
}

const EMBED_ROOT: &str = "/nhung/";
const LIST_ITEMS: usize = 10;

impl Embed {
    pub fn path(self, site: &crate::content::Site) -> String {
        match self {
            Embed::CampaignCard(i) => format!("{EMBED_ROOT}phong-trao/{}/", site.campaigns[i].source.slug),
            Embed::CampaignDirectives(i) => {
                format!("{EMBED_ROOT}phong-trao/{}/van-ban/", site.campaigns[i].source.slug)
            }
            Embed::ActiveCampaigns => format!("{EMBED_ROOT}phong-trao/"),
            Embed::Deadlines => format!("{EMBED_ROOT}thoi-han/"),
            Embed::SearchBox => format!("{EMBED_ROOT}tim-kiem/"),
        }
    }

    /// The iframe's height when the host page runs no JavaScript.
    fn fallback_height(self) -> u32 {
        match self {
            Embed::SearchBox => 140,
            Embed::CampaignCard(_) => 320,
            _ => 420,
        }
    }

    /// Every embed of a site.
    pub fn all(site: &crate::content::Site) -> Vec<Embed> {
        let mut embeds = vec![Embed::ActiveCampaigns, Embed::Deadlines, Embed::SearchBox];
        for i in 0..site.campaigns.len() {
            embeds.push(Embed::CampaignCard(i));
            embeds.push(Embed::CampaignDirectives(i));
        }
        embeds
    }
}

/// The copy-paste snippet of an embed, for the page it embeds.
pub fn snippet(site: &crate::content::Site, embed: Embed, title: &str) -> EmbedSnippet {
    EmbedSnippet {
        title: title.to_owned(),
        url: site.config.absolute(&embed.path(site)),
        height: embed.fallback_height(),
    }
}

impl Renderer<'_> {
    pub fn render_embed(&self, embed: Embed, diagnostics: &Diagnostics) -> Option<Vec<(String, Vec<u8>)>> {
        let v = &self.views;
        let site = self.site;
        let (template, title, data) = match embed {
            Embed::CampaignCard(i) => {
                let campaign = EmbedCampaign {
                    card: v.campaign_card(i),
                    next_deadline: v.campaign_deadlines(i).into_iter().find(|d| !d.overdue),
                };
                (
                    "embed_campaign.html",
                    site.campaigns[i].title.clone(),
                    tera::Value::from_serializable(&EmbedCampaignContext { campaign }),
                )
            }
            Embed::CampaignDirectives(i) => {
                let c = &site.campaigns[i];
                let items = site.links.directives_of_campaign[i]
                    .iter()
                    .take(LIST_ITEMS)
                    .map(|&d| v.directive_item(d))
                    .collect();
                let title = format!("Văn bản: {}", c.title);
                let embed =
                    EmbedDirectives { title: title.clone(), items, more_url: v.link(&paths::campaign(&c.source.slug)) };
                ("embed_directives.html", title, tera::Value::from_serializable(&EmbedDirectivesContext { embed }))
            }
            Embed::ActiveCampaigns => {
                let items = (0..site.campaigns.len())
                    .map(|i| v.campaign_card(i))
                    .filter(|c| c.status.key != "ended")
                    .take(LIST_ITEMS)
                    .collect();
                let title = format!(
                    "Phong trào đang diễn ra{}",
                    site.config.province.as_ref().map(|p| format!(" – {p}")).unwrap_or_default()
                );
                (
                    "embed_campaigns.html",
                    title.clone(),
                    tera::Value::from_serializable(&EmbedCampaignsContext {
                        embed: EmbedCampaigns { title, items, more_url: v.link("/phong-trao/") },
                    }),
                )
            }
            Embed::Deadlines => {
                let title = "Thời hạn sắp tới".to_owned();
                (
                    "embed_deadlines.html",
                    title.clone(),
                    tera::Value::from_serializable(&EmbedDeadlinesContext {
                        embed: EmbedDeadlines { title, items: v.upcoming_deadlines(LIST_ITEMS) },
                    }),
                )
            }
            Embed::SearchBox => (
                "embed_search.html",
                "Tìm kiếm".to_owned(),
                tera::Value::from_serializable(&EmbedSearchContext {
                    embed: EmbedSearch { search_url: v.link("/tim-kiem/") },
                }),
            ),
        };
        let path = embed.path(site);
        let html = self.render_page(&path, template, &title, None, "embed", data, diagnostics)?;
        Some(vec![(format!("{}index.html", path.trim_start_matches('/')), html.into_bytes())])
    }

    /// `frame-ancestors` for embeds: the portal itself and the origins in site.yaml.
    pub fn embed_frame_ancestors(&self) -> String {
        std::iter::once("'self'".to_owned())
            .chain(self.site.config.embed_origins.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// `_headers` rules: every page gets the content policy ([`csp::header`]); embeds may
    /// be framed by the allowed origins, every other page by nobody. Paths are listed per
    /// section (and per language edition), since hosts combine the headers of every rule
    /// that matches and two policies would both apply: a catch-all `/*` would forbid the
    /// embeds' framing. Paths and values pass the `_headers` escapers (the file has no
    /// escape: a line break would add a header).
    pub fn headers_file(&self) -> Result<String, Refused> {
        let deny = format!("  Content-Security-Policy: {}\n  X-Frame-Options: DENY\n", csp::header("'none'"));
        let common = "  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n";
        let mut out = String::from("# Generated by loa: content and frame policy, safe defaults.\n");
        for pattern in self.page_patterns() {
            out.push_str(&format!("{}\n{deny}{common}", headers_path(&pattern)?));
        }
        let embeds = format!("{}*", self.views.link(EMBED_ROOT));
        let policy = csp::header(&self.embed_frame_ancestors());
        out.push_str(&format!(
            "{}\n  Content-Security-Policy: {}\n{common}",
            headers_path(&embeds)?,
            syntax::header_value(&policy)?
        ));
        Ok(out)
    }

    /// The `_headers` path patterns of every page outside the embeds: the home page, the 404
    /// page, each section, each language edition (`/en/*`), and the redirect pages of old
    /// paths (`aliases:`) that lie outside them.
    fn page_patterns(&self) -> Vec<String> {
        const SECTIONS: [&str; 11] = [
            "",
            "index.html",
            "404.html",
            "phong-trao/*",
            "van-ban/*",
            "huong-dan/*",
            "lien-he/*",
            "tep/*",
            "the/*",
            "tim-kiem/*",
            "q/*",
        ];
        let editions = self.site.editions.iter().map(|e| format!("{}/*", e.language));
        let mut patterns: Vec<String> = SECTIONS.iter().map(|s| (*s).to_owned()).chain(editions).collect();
        for (from, _) in self.alias_redirects() {
            let covered = patterns.iter().any(|p| match p.strip_suffix('*') {
                Some(prefix) => from[1..].starts_with(prefix),
                None => from[1..] == **p,
            });
            if !covered && !from.starts_with(EMBED_ROOT) {
                patterns.push(format!("{}*", &from[1..]));
            }
        }
        patterns.iter().map(|s| self.views.link(&format!("/{s}"))).collect()
    }

    /// nginx lines: compression (see [`NGINX_COMPRESSION`]), then the content policy with
    /// framing denied at server level, and allowed for embeds in their own location (which
    /// repeats every header: nginx drops the server's `add_header` lines in a location that
    /// has its own). The location is an nginx word and the policies quoted nginx strings
    /// ([`syntax::nginx_string`]).
    pub fn nginx_frame_policy(&self) -> Result<String, Refused> {
        Ok(format!(
            "{NGINX_COMPRESSION}add_header Content-Security-Policy {} always;\nadd_header X-Frame-Options \"DENY\" always;\nadd_header X-Content-Type-Options \"nosniff\" always;\nadd_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\nlocation ^~ {} {{\n    add_header Content-Security-Policy {} always;\n    add_header X-Content-Type-Options \"nosniff\" always;\n    add_header Referrer-Policy \"strict-origin-when-cross-origin\" always;\n}}\n",
            syntax::nginx_string(&csp::header("'none'"))?,
            syntax::nginx_word(&self.views.link(EMBED_ROOT))?,
            syntax::nginx_string(&csp::header(&self.embed_frame_ancestors()))?
        ))
    }
}

/// A `_headers` rule's path: a URL path with `*` wildcards (its `*` is the file's syntax,
/// added by loa, never taken from a value).
fn headers_path(path: &str) -> Result<&str, Refused> {
    syntax::line_word(syntax::HEADERS, &path.replace('*', "")).map(|_| path)
}

/// The `.gz` twins loa writes (text files of 4 KB and more, [`crate::weight::MIN_GZIP_BYTES`])
/// are sent as they are; smaller text files are compressed by nginx as it sends them.
const NGINX_COMPRESSION: &str =
    "# Send the .gz twins loa writes beside HTML, CSS, JS, JSON, XML, SVG and ICS files of 4 KB
# and more; compress smaller ones on the fly (level 1 costs them 18-46 bytes against a twin).
gzip_static on;
gzip on;
gzip_vary on;
gzip_min_length 1200;
gzip_types text/css text/javascript application/javascript application/json application/xml text/xml
    application/atom+xml application/rss+xml image/svg+xml text/calendar text/vcard
    application/manifest+json text/plain;
";
