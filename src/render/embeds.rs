//! Output `embeds`: compact views under `/nhung/` that ministry websites put in an iframe,
//! and the copy-paste snippets shown on the pages they embed. Their frame policy is written
//! with the server files ([`super::server_files`]).

use super::view::{
    EmbedCampaign, EmbedCampaignContext, EmbedCampaigns, EmbedCampaignsContext, EmbedDeadlines, EmbedDeadlinesContext,
    EmbedDirectives, EmbedSearch, EmbedSearchContext, EmbedSnippet,
};
use super::{OutputFile, RenderCtx};
use crate::content::paths;
use crate::diag::Diagnostics;

/// An embed job: the embed it renders.
pub type Job = Embed;

/// An embeddable view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Embed {
    /// A campaign's card; with [`DIRECTIVES_VIEW`], its newest directives instead. One file
    /// holds both views (`embed.css` shows one), where each had a file before.
    Campaign(usize),
    ActiveCampaigns,
    Deadlines,
    SearchBox,
    /// A contest's results list.
    CampaignResults(usize),
}

pub(crate) const EMBED_ROOT: &str = "/nhung/";
/// The query that makes a campaign's embed show its directives instead of its card
/// (`embed-frame.js` reads it, as it reads the other options; a frame only shows once that
/// script reports its height). The view had a file of its own before,
/// `<campaign embed>van-ban/`, which redirects here.
pub const DIRECTIVES_VIEW: &str = "?xem=van-ban";
/// The folder of the former directives embed under a campaign's embed.
pub(crate) const OLD_DIRECTIVES: &str = "van-ban";
const LIST_ITEMS: usize = 10;

impl Embed {
    pub fn path(self, site: &crate::content::Site) -> String {
        match self {
            Embed::Campaign(i) => format!("{EMBED_ROOT}phong-trao/{}/", site.campaigns[i].source.slug),
            Embed::ActiveCampaigns => format!("{EMBED_ROOT}phong-trao/"),
            Embed::Deadlines => format!("{EMBED_ROOT}thoi-han/"),
            Embed::SearchBox => format!("{EMBED_ROOT}tim-kiem/"),
            Embed::CampaignResults(i) => format!("{EMBED_ROOT}phong-trao/{}/ket-qua/", site.campaigns[i].source.slug),
        }
    }

    /// The portal page an embed shows, which its snippet links to.
    fn page_path(self, site: &crate::content::Site) -> String {
        match self {
            Embed::Campaign(i) => paths::campaign(&site.campaigns[i].source.slug),
            Embed::ActiveCampaigns => "/phong-trao/".to_owned(),
            Embed::Deadlines => "/".to_owned(),
            Embed::SearchBox => "/tim-kiem/".to_owned(),
            Embed::CampaignResults(i) => paths::results(&site.campaigns[i].source.slug),
        }
    }

    /// Every embed of a site.
    pub fn all(site: &crate::content::Site) -> Vec<Embed> {
        let mut embeds = vec![Embed::ActiveCampaigns, Embed::Deadlines, Embed::SearchBox];
        for i in 0..site.campaigns.len() {
            embeds.push(Embed::Campaign(i));
            if crate::content::results::campaign_has_results(site, i) {
                embeds.push(Embed::CampaignResults(i));
            }
        }
        embeds
    }
}

/// The copy-paste snippet of an embed, for the page it embeds.
pub fn snippet(site: &crate::content::Site, embed: Embed, title: &str) -> EmbedSnippet {
    EmbedSnippet {
        title: title.to_owned(),
        title_attribute: escaped(title),
        url: site.config.absolute(&embed.path(site)),
        page_url: site.config.absolute(&embed.page_path(site)),
        contact: site.config.embed_contact.clone(),
    }
}

/// The snippet of campaign `i`'s embed in its directives view ([`DIRECTIVES_VIEW`]), which
/// links to the directives on the campaign's page.
pub fn directives_snippet(site: &crate::content::Site, i: usize, title: &str) -> EmbedSnippet {
    let general = snippet(site, Embed::Campaign(i), title);
    EmbedSnippet {
        url: format!("{}{DIRECTIVES_VIEW}", general.url),
        page_url: format!("{}#loa-van-ban", general.page_url),
        ..general
    }
}

/// The embeds an edit reaches ([`crate::render::plan`]): the deadlines and the running
/// campaigns, and the embed (card and directives) of each campaign that shows the edit.
pub(crate) fn jobs_for(change: &crate::render::plan::Change<'_>) -> Vec<Embed> {
    let mut jobs = vec![Embed::Deadlines, Embed::ActiveCampaigns];
    jobs.extend(change.campaigns_shown().into_iter().map(Embed::Campaign));
    jobs
}

/// Renders an embed job.
pub(crate) fn render(ctx: &RenderCtx<'_>, embed: Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let v = &ctx.views;
    let site = ctx.site;
    let (template, title, data) = match embed {
        Embed::Campaign(i) => {
            let c = &site.campaigns[i];
            let mut deadlines: Vec<_> = v.campaign_deadlines(i).into_iter().filter(|d| !d.overdue).collect();
            deadlines.sort_by(|a, b| (&a.due, &a.due_time).cmp(&(&b.due, &b.due_time)));
            deadlines.truncate(LIST_ITEMS);
            let items = site.links.directives_of_campaign[i]
                .iter()
                .filter(|&&d| site.directives[d].withdrawn.is_none())
                .take(LIST_ITEMS)
                .map(|&d| v.directive_item(d))
                .collect();
            let directives = EmbedDirectives {
                title: format!("Văn bản: {}", c.title),
                items,
                more_url: v.link(&paths::campaign(&c.source.slug)),
            };
            let campaign = EmbedCampaign { card: v.campaign_card(i), deadlines, directives };
            ("embed_campaign.html", c.title.clone(), tera::Value::from_serializable(&EmbedCampaignContext { campaign }))
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
                    embed: {
                        let items = v.upcoming_deadlines(LIST_ITEMS);
                        EmbedDeadlines { title, shown: crate::render::view::shown_count(&items), items }
                    },
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
        Embed::CampaignResults(i) => {
            let results = super::results::page_view(ctx, i, super::results::Filter::All);
            (
                "embed_results.html",
                v.strings.fill("embed_results", &[("title", &site.campaigns[i].title)]),
                tera::Value::from_serializable(&super::view::EmbedResultsContext { results }),
            )
        }
    };
    let path = embed.path(site);
    let html = ctx.render_page(&path, template, &title, None, "embed", data, problems)?;
    Some(vec![(format!("{}index.html", path.trim_start_matches('/')), html.into_bytes())])
}

/// `text` through the template escaper (Tera's own), for code shown as text on a page.
fn escaped(text: &str) -> String {
    let mut out = Vec::with_capacity(text.len());
    tera::escape_html(text, &mut out).expect("writing to memory");
    String::from_utf8(out).expect("escaped UTF-8 stays UTF-8")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_snippet_title_cannot_close_the_copied_attribute() {
        let escaped = super::escaped("Hội thi \"><script>alert(1)</script>");
        assert!(!escaped.contains(['"', '<', '>']), "{escaped}");
        assert!(escaped.starts_with("Hội thi &quot;&gt;&lt;script&gt;"), "{escaped}");
    }
}
