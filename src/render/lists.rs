//! The list pages (by year, issuer, document type, tag) and the jobs of a build: one job per
//! page, so pages render in parallel.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::view::{Views, paths};
use crate::content::{DocType, Site};
use crate::render::embeds::Embed;
use crate::text;

/// Items per page on long lists, so a page stays light on a phone.
pub const PAGE_SIZE: usize = 50;

/// A page to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    NotFound,
    Search,
    Campaign(usize),
    Directive(usize),
    Guide(usize),
    Organization(usize),
    Person(usize),
    Attachment(usize),
    List(ListPage),
    /// A live short code: redirect page and QR images.
    ShortLink(String, crate::content::shortlinks::Target),
    /// A retired code, or an old path of a renamed page: (from, to).
    Redirect(String, String),
    /// A poster (format 0, A4) or flyer (format 1, A5).
    Poster(crate::content::shortlinks::Target, usize),
    /// `_redirects` and the nginx snippet.
    ServerFiles,
    /// The portal's RSS and Atom feeds (the newest directives).
    Feeds,
    /// `lich.ics`: every deadline and campaign period of the portal.
    Calendar,
    /// The API's lists and schemas.
    ApiLists,
    /// `sitemap.xml` and `robots.txt`.
    Sitemap,
    Embed(crate::render::embeds::Embed),
    /// The web app manifest and its icons.
    WebApp,
    /// A campaign's share image (`og:image`).
    ShareImage(usize),
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListPage {
    pub list: ListKind,
    /// 1-based page number.
    pub page: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListKind {
    Campaigns,
    AllDirectives,
    Year(i32),
    /// Organization index and slug.
    Issuer(usize, String),
    DocType(&'static str),
    Tags,
    Tag(String),
    Guides,
    Contacts,
    Attachments,
}

impl ListPage {
    /// The path of the list's first page.
    pub fn base_path(&self) -> String {
        match &self.list {
            ListKind::Campaigns => "/phong-trao/".into(),
            ListKind::AllDirectives => "/van-ban/".into(),
            ListKind::Year(year) => paths::year(*year),
            ListKind::Issuer(_, slug) => paths::issuer(slug),
            ListKind::DocType(slug) => paths::doc_type(slug),
            ListKind::Tag(slug) => paths::tag(slug),
            ListKind::Tags => "/the/".into(),
            ListKind::Guides => "/huong-dan/".into(),
            ListKind::Contacts => "/lien-he/".into(),
            ListKind::Attachments => "/tep/".into(),
        }
    }

    pub fn path(&self) -> String {
        page_path(&self.base_path(), self.page)
    }

    pub fn template(&self) -> &'static str {
        match self.list {
            ListKind::Campaigns => "campaigns.html",
            ListKind::Tags => "tags.html",
            ListKind::Guides => "guides.html",
            ListKind::Contacts => "contacts.html",
            ListKind::Attachments => "attachments.html",
            _ => "directives.html",
        }
    }
}

/// `/van-ban/nam/2024/` page 2 → `/van-ban/nam/2024/trang/2/`.
pub fn page_path(base: &str, page: usize) -> String {
    if page <= 1 { base.to_owned() } else { format!("{base}trang/{page}/") }
}

/// Groupings computed once per build.
#[derive(Debug, Default, Clone)]
pub struct Lists {
    /// Year → directive indices (newest first), years descending.
    pub years: BTreeMap<i32, Vec<usize>>,
    pub doc_types: BTreeMap<&'static str, Vec<usize>>,
    /// Tag slug → (tag as written first, directive indices, campaign indices).
    pub tags: BTreeMap<String, (String, Vec<usize>, Vec<usize>)>,
    /// The issuers with the most directives, for the filter column of every list page: all
    /// of them would make each page grow with the number of organizations.
    pub top_issuers: Vec<usize>,
    pub issuer_count: usize,
}

/// How many issuers a list page's filter column shows.
const TOP_ISSUERS: usize = 20;

impl Lists {
    pub fn new(site: &Site) -> Self {
        let mut lists = Lists::default();
        for (i, d) in site.directives.iter().enumerate() {
            if let Some(date) = &d.date {
                lists.years.entry(date.value.year).or_default().push(i);
            }
            lists.doc_types.entry(d.doc_type.0).or_default().push(i);
            for tag in &d.tags {
                lists.tags.entry(text::slugify(tag)).or_insert_with(|| (tag.clone(), Vec::new(), Vec::new())).1.push(i);
            }
        }
        for (i, c) in site.campaigns.iter().enumerate() {
            for tag in &c.tags {
                lists.tags.entry(text::slugify(tag)).or_insert_with(|| (tag.clone(), Vec::new(), Vec::new())).2.push(i);
            }
        }
        lists.tags.retain(|slug, _| !slug.is_empty());
        let mut issuers: Vec<usize> = (0..site.organizations.len())
            .filter(|&o| !site.links.directives_of_issuer.get(o).is_none_or(Vec::is_empty))
            .collect();
        lists.issuer_count = issuers.len();
        issuers.sort_by(|&a, &b| {
            let count = |o: usize| site.links.directives_of_issuer[o].len();
            count(b).cmp(&count(a)).then_with(|| site.organizations[a].title.cmp(&site.organizations[b].title))
        });
        issuers.truncate(TOP_ISSUERS);
        lists.top_issuers = issuers;
        lists
    }

    /// Every page of the build, in a stable order.
    pub fn jobs(&self, site: &Site) -> Vec<Job> {
        let mut jobs = vec![Job::Home, Job::NotFound, Job::Search];
        jobs.extend((0..site.campaigns.len()).map(Job::Campaign));
        jobs.extend((0..site.directives.len()).map(Job::Directive));
        jobs.extend((0..site.guides.len()).map(Job::Guide));
        jobs.extend((0..site.organizations.len()).map(Job::Organization));
        jobs.extend((0..site.people.len()).map(Job::Person));
        jobs.extend((0..site.attachments.len()).map(Job::Attachment));
        jobs.push(Job::ServerFiles);
        jobs.extend([Job::Feeds, Job::Calendar, Job::ApiLists, Job::Sitemap]);
        jobs.extend(crate::render::embeds::Embed::all(site).into_iter().map(Job::Embed));
        jobs.push(Job::WebApp);
        jobs.extend((0..site.campaigns.len()).map(Job::ShareImage));
        for (code, target) in &site.short_links.links {
            jobs.push(Job::ShortLink(code.clone(), *target));
        }
        for (code, to) in &site.short_links.retired {
            jobs.push(Job::Redirect(crate::render::shortlinks::short_path(code), to.clone()));
        }
        for target in site.short_links.primary.keys() {
            if !matches!(target, crate::content::shortlinks::Target::Directive(_)) {
                jobs.extend((0..crate::render::shortlinks::FORMATS.len()).map(|format| Job::Poster(*target, format)));
            }
        }
        let mut lists: Vec<(ListKind, usize)> = vec![
            (ListKind::Campaigns, site.campaigns.len()),
            (ListKind::AllDirectives, site.directives.len()),
            (ListKind::Tags, 1),
            (ListKind::Guides, 1),
            (ListKind::Contacts, 1),
            (ListKind::Attachments, site.attachments.len()),
        ];
        lists.extend(self.years.iter().map(|(year, items)| (ListKind::Year(*year), items.len())));
        lists.extend(self.doc_types.iter().map(|(slug, items)| (ListKind::DocType(slug), items.len())));
        lists.extend(
            site.links
                .directives_of_issuer
                .iter()
                .enumerate()
                .filter(|(_, items)| !items.is_empty())
                .map(|(i, items)| (ListKind::Issuer(i, site.organizations[i].source.slug.clone()), items.len())),
        );
        lists.extend(self.tags.iter().map(|(slug, (_, d, _))| (ListKind::Tag(slug.clone()), d.len())));
        for (list, count) in lists {
            for page in 1..=count.div_ceil(PAGE_SIZE).max(1) {
                jobs.push(Job::List(ListPage { list: list.clone(), page }));
            }
        }
        jobs
    }

    /// The home page: running and upcoming campaigns, next deadlines, latest directives.
    pub fn home(&self, views: &Views<'_>) -> Value {
        let site = views.site;
        let active: Vec<Value> = (0..site.campaigns.len())
            .map(|i| views.campaign_card(i))
            .filter(|c| c["status"]["key"] != "ended")
            .collect();
        json!({
            "campaigns": active,
            "ended_count": site.campaigns.len() - active.len(),
            "deadlines": views.upcoming_deadlines(8),
            "directives": (0..site.directives.len().min(10)).map(|i| views.directive_item(i)).collect::<Vec<_>>(),
            "guides": (0..site.guides.len().min(6)).map(|i| views.guide_item(i)).collect::<Vec<_>>(),
            "embeds": [
                crate::render::embeds::snippet(site, Embed::ActiveCampaigns, "Phong trào đang diễn ra"),
                crate::render::embeds::snippet(site, Embed::Deadlines, "Thời hạn sắp tới"),
                crate::render::embeds::snippet(site, Embed::SearchBox, "Ô tìm kiếm"),
            ],
        })
    }

    /// The search page: the facet choices for its no-JavaScript form, and where to browse.
    pub fn search(&self, views: &Views<'_>) -> Value {
        let site = views.site;
        json!({
            "search": {
                "embeds": [crate::render::embeds::snippet(site, Embed::SearchBox, "Ô tìm kiếm")],
                "index_url": views.link("/tim-kiem/chi-muc/"),
                "years": self.years.keys().rev().collect::<Vec<_>>(),
                "doc_types": self.doc_types.keys().map(|slug| json!({
                    "slug": slug,
                    "title": DocType::from_slug(slug).map(DocType::name).unwrap_or(""),
                    "code": DocType::from_slug(slug).map_or(0, DocType::code),
                })).collect::<Vec<_>>(),
                "issuers": site.links.directives_of_issuer.iter().enumerate().filter(|(_, d)| !d.is_empty()).map(|(i, _)| json!({"slug": site.organizations[i].source.slug, "title": site.organizations[i].title, "code": i + 1})).collect::<Vec<_>>(),
                "campaigns": site.campaigns.iter().map(|c| json!({"slug": c.source.slug, "title": c.title})).collect::<Vec<_>>(),
            }
        })
    }

    /// Title and data of one list page. Only the items of this page are turned into views,
    /// so a long list costs O(items) over all its pages, not O(items × pages).
    pub fn list_view(&self, page: &ListPage, views: &Views<'_>) -> (String, Value) {
        let site = views.site;
        let window = |count: usize| (page.page - 1) * PAGE_SIZE..(page.page * PAGE_SIZE).min(count);
        let directives = |indices: &[usize]| -> (Vec<Value>, usize) {
            let shown = indices.get(window(indices.len())).unwrap_or(&[]);
            (shown.iter().map(|&i| views.directive_item(i)).collect(), indices.len())
        };
        let all_directives: Vec<usize>;
        let (title, (items, count), extra): (String, (Vec<Value>, usize), Value) = match &page.list {
            ListKind::Campaigns => {
                let cards: Vec<Value> = window(site.campaigns.len()).map(|i| views.campaign_card(i)).collect();
                let groups: Vec<Value> =
                    [("ongoing", "Đang diễn ra"), ("upcoming", "Sắp diễn ra"), ("ended", "Đã kết thúc")]
                        .iter()
                        .map(|(key, title)| {
                            let members: Vec<&Value> = cards.iter().filter(|c| c["status"]["key"] == *key).collect();
                            json!({"title": title, "cards": members})
                        })
                        .filter(|g| g["cards"].as_array().is_some_and(|c| !c.is_empty()))
                        .collect();
                let embeds = [crate::render::embeds::snippet(site, Embed::ActiveCampaigns, "Phong trào đang diễn ra")];
                (
                    "Phong trào thi đua, hội thi".into(),
                    (cards, site.campaigns.len()),
                    json!({"groups": groups, "embeds": embeds}),
                )
            }
            ListKind::AllDirectives => {
                all_directives = (0..site.directives.len()).collect();
                ("Văn bản".into(), directives(&all_directives), Value::Null)
            }
            ListKind::Year(year) => (format!("Văn bản năm {year}"), directives(&self.years[year]), Value::Null),
            ListKind::DocType(slug) => {
                let name = DocType::from_slug(slug).map(DocType::name).unwrap_or("Văn bản");
                (name.to_owned(), directives(&self.doc_types[slug]), Value::Null)
            }
            ListKind::Issuer(org, _) => {
                let organization = &site.organizations[*org];
                (
                    format!("Văn bản của {}", organization.title),
                    directives(&site.links.directives_of_issuer[*org]),
                    views.organization_link(organization),
                )
            }
            ListKind::Tag(slug) => {
                let (name, tagged, campaigns) = &self.tags[slug];
                let campaigns: Vec<Value> = campaigns.iter().map(|&i| views.campaign_card(i)).collect();
                (format!("Chủ đề: {name}"), directives(tagged), json!({"campaigns": campaigns}))
            }
            ListKind::Tags => {
                let items: Vec<Value> = self
                    .tags
                    .iter()
                    .map(|(slug, (name, d, c))| json!({"title": name, "url": views.link(&paths::tag(slug)), "count": d.len() + c.len()}))
                    .collect();
                ("Chủ đề".into(), (items, 0), Value::Null)
            }
            ListKind::Guides => {
                ("Hướng dẫn".into(), ((0..site.guides.len()).map(|i| views.guide_item(i)).collect(), 0), Value::Null)
            }
            ListKind::Contacts => {
                let organizations: Vec<Value> =
                    site.organizations.iter().map(|o| views.contact_card(&o.source.slug)).collect();
                let people: Vec<Value> = site.people.iter().map(|p| views.contact_card(&p.source.slug)).collect();
                ("Liên hệ".into(), (organizations, 0), json!({"people": people}))
            }
            ListKind::Attachments => {
                let range = window(site.attachments.len());
                (
                    "Tài liệu đính kèm".into(),
                    (range.map(|i| views.attachment_view(i)).collect(), site.attachments.len()),
                    Value::Null,
                )
            }
        };
        let base = page.base_path();
        let total_pages = count.div_ceil(PAGE_SIZE).max(1);
        let pagination = json!({
            "current": page.page,
            "total": total_pages,
            "prev": (page.page > 1).then(|| views.link(&page_path(&base, page.page - 1))),
            "next": (page.page < total_pages).then(|| views.link(&page_path(&base, page.page + 1))),
        });
        let title = if page.page > 1 { format!("{title} – trang {}", page.page) } else { title };
        let data = json!({
            "list": {
                "title": title,
                "items": items,
                "count": count,
                "pagination": pagination,
                "extra": extra,
                "years": self.years.keys().rev().map(|y| json!({"title": y.to_string(), "url": views.link(&paths::year(*y))})).collect::<Vec<_>>(),
                "doc_types": self.doc_types.iter().map(|(slug, d)| json!({"title": DocType::from_slug(slug).map(DocType::name).unwrap_or(""), "url": views.link(&paths::doc_type(slug)), "count": d.len()})).collect::<Vec<_>>(),
                "issuers": self.top_issuers.iter().map(|&i| json!({"title": site.organizations[i].title, "url": views.link(&paths::issuer(&site.organizations[i].source.slug)), "count": site.links.directives_of_issuer[i].len()})).collect::<Vec<_>>(),
                "more_issuers": self.issuer_count > self.top_issuers.len(),
            }
        });
        (title, data)
    }
}
