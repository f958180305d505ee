//! The list pages (by year, issuer, document type, tag) and the jobs of a build: one job per
//! page, so pages render in parallel.

use std::collections::BTreeMap;

use super::view::{
    CampaignGroup, CampaignsExtra, ContactsExtra, CountedLink, DirectivesExtra, Facets, HomeContext, ListContext,
    ListView, Pagination, SearchChoice, SearchContext, SearchView, TagExtra, Views, YearLink,
};
use crate::content::paths;
use crate::content::{DocType, Site};
use crate::render::embeds::Embed;
use crate::render::{Job, pages, server_files, shortlinks};
use crate::text;
use crate::{feeds, pwa};

/// Items per page on long lists, so a page stays light on a phone.
pub const PAGE_SIZE: usize = 50;

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
    /// A lĩnh vực of `site.yaml`'s `fields:`, by slug.
    Field(String),
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
            ListKind::Campaigns => paths::CAMPAIGNS.into(),
            ListKind::AllDirectives => paths::DIRECTIVES.into(),
            ListKind::Year(year) => paths::year(*year),
            ListKind::Issuer(_, slug) => paths::issuer(slug),
            ListKind::DocType(slug) => paths::doc_type(slug),
            ListKind::Field(slug) => paths::field(slug),
            ListKind::Tag(slug) => paths::tag(slug),
            ListKind::Tags => paths::TAGS.into(),
            ListKind::Guides => paths::GUIDES.into(),
            ListKind::Contacts => paths::CONTACTS.into(),
            ListKind::Attachments => paths::ATTACHMENTS.into(),
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
    paths::page(base, page)
}

/// Groupings computed once per build.
#[derive(Debug, Default, Clone)]
pub struct Lists {
    /// Year → directive indices (newest first), years descending.
    pub years: BTreeMap<i32, Vec<usize>>,
    pub doc_types: BTreeMap<&'static str, Vec<usize>>,
    /// Lĩnh vực slug (of `site.yaml`'s `fields:`) → directive indices.
    pub fields: BTreeMap<String, Vec<usize>>,
    /// Tag slug → (tag as written first, directive indices, campaign indices).
    pub tags: BTreeMap<String, (String, Vec<usize>, Vec<usize>)>,
    /// The issuers with the most directives, for the filter column of every list page: all
    /// of them would make each page grow with the number of organizations.
    pub top_issuers: Vec<usize>,
    pub issuer_count: usize,
    /// The items the lists show, in the model's order: all of them, also in a language
    /// edition, where an untranslated item is listed in Vietnamese and links to its
    /// Vietnamese page (the edition's own pages are the translated items only).
    pub campaigns: Vec<usize>,
    pub directives: Vec<usize>,
    /// The directives of the list of all directives, the home page and the newest in the
    /// feeds: `directives` without the withdrawn ones, which keep their pages and stay,
    /// marked, on the pages their own page links to (campaigns, year, type, issuer, tags).
    pub listed: Vec<usize>,
    /// The directives of the feeds: `listed` in the site's language (the translated ones
    /// in an edition).
    pub feed: Vec<usize>,
    pub guides: Vec<usize>,
    pub organizations: Vec<usize>,
    pub people: Vec<usize>,
}

/// What the filter column of every directive list shows ([`Lists::facet_counts`]).
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct FacetCounts {
    years: Vec<i32>,
    doc_types: Vec<(&'static str, usize)>,
    fields: Vec<(String, usize)>,
    issuers: Vec<(usize, usize)>,
    more_issuers: bool,
}

/// How many pages a list of `count` items has (an empty list has one).
pub(crate) fn page_count(count: usize) -> usize {
    count.div_ceil(PAGE_SIZE).max(1)
}

/// The pages the list of files had when it listed every file, beyond the ones it has now,
/// each with where it goes (the list's first page), for the servers' rules.
pub(crate) fn dropped_attachment_pages(site: &Site) -> Vec<(String, String)> {
    let written = page_count(listed_attachments(site).count());
    (written + 1..=page_count(site.attachments.len()))
        .map(|page| (page_path(paths::ATTACHMENTS, page), paths::ATTACHMENTS.to_owned()))
        .collect()
}

/// How many of a list's pages are written: the list of all directives only its first (the
/// newest), whose last link hands over to the year lists, which hold the same directives
/// in the same order; every other list all its pages.
pub(crate) fn written_pages(list: &ListKind, count: usize) -> usize {
    match list {
        ListKind::AllDirectives => 1,
        _ => page_count(count),
    }
}

/// The attachments the list of files shows: the shared ones (`content/attachments/`), which
/// have a page. A page bundle's files are listed on their page, which is where readers find
/// them.
pub(crate) fn listed_attachments(site: &Site) -> impl Iterator<Item = usize> + '_ {
    (0..site.attachments.len()).filter(|&i| paths::attachment_has_page(&site.attachments[i].path))
}

/// How many issuers a list page's filter column shows.
const TOP_ISSUERS: usize = 20;

impl Lists {
    pub fn new(site: &Site) -> Self {
        let mut lists = Lists::default();
        lists.campaigns = (0..site.campaigns.len()).collect();
        lists.directives = (0..site.directives.len()).collect();
        lists.guides = (0..site.guides.len()).collect();
        lists.organizations = (0..site.organizations.len()).collect();
        lists.people = (0..site.people.len()).collect();
        lists.listed = lists.directives.iter().copied().filter(|&d| site.directives[d].withdrawn.is_none()).collect();
        lists.feed = lists.listed.iter().copied().filter(|&d| site.published(&site.directives[d].source)).collect();
        for &i in &lists.directives {
            let d = &site.directives[i];
            if let Some(date) = &d.date {
                lists.years.entry(date.value.year).or_default().push(i);
            }
            lists.doc_types.entry(d.doc_type.0).or_default().push(i);
            for field in field_slugs(d) {
                lists.fields.entry(field).or_default().push(i);
            }
            for tag in &d.tags {
                lists.tags.entry(text::slugify(tag)).or_insert_with(|| (tag.clone(), Vec::new(), Vec::new())).1.push(i);
            }
        }
        for &i in &lists.campaigns {
            let c = &site.campaigns[i];
            for tag in &c.tags {
                lists.tags.entry(text::slugify(tag)).or_insert_with(|| (tag.clone(), Vec::new(), Vec::new())).2.push(i);
            }
        }
        lists.tags.retain(|slug, _| !slug.is_empty());
        lists.rank_issuers(site);
        // Lists of names read in Vietnamese alphabetical order (the model keeps slug order).
        lists.guides.sort_by(|&a, &b| text::compare(&site.guides[a].title, &site.guides[b].title));
        lists.organizations.sort_by(|&a, &b| text::compare(&site.organizations[a].title, &site.organizations[b].title));
        lists.people.sort_by(|&a, &b| text::compare(&site.people[a].title, &site.people[b].title));
        lists
    }

    /// The issuers with the most directives, and how many issued any.
    fn rank_issuers(&mut self, site: &Site) {
        let mut issuers: Vec<usize> =
            (0..site.organizations.len()).filter(|&o| !self.issued(site, o).is_empty()).collect();
        self.issuer_count = issuers.len();
        issuers.sort_by(|&a, &b| {
            let count = |o: usize| self.issued(site, o).len();
            count(b).cmp(&count(a)).then_with(|| site.organizations[a].title.cmp(&site.organizations[b].title))
        });
        issuers.truncate(TOP_ISSUERS);
        // The most active issuers are chosen by count, and shown in alphabetical order.
        issuers.sort_by(|&a, &b| text::compare(&site.organizations[a].title, &site.organizations[b].title));
        self.top_issuers = issuers;
    }

    /// The lists of `new`, made from `self` (the lists of `old`) when the two models differ
    /// in one directive only, `slug` (edited, added or removed), and hold the same other
    /// pages: the directive leaves the lists it was on and joins those it is on now, and the
    /// directives between its old and new place in the model's order move by one. Equal to
    /// `Lists::new(new)` without reading every directive's tags again. None for a language
    /// edition, whose lists hold its translated pages only.
    pub(crate) fn patched(&self, old: &Site, new: &Site, slug: &str) -> Option<Lists> {
        let withdrawals = |site: &Site| site.directives.iter().any(|d| d.withdrawn.is_some());
        if old.is_edition() || new.is_edition() || withdrawals(old) || withdrawals(new) {
            return None;
        }
        let before = old.links.directive_by_slug.get(slug).copied();
        let after = new.links.directive_by_slug.get(slug).copied();
        // Old index → new index of every other directive.
        let moved = |i: usize| {
            let i = if before.is_some_and(|b| i > b) { i - 1 } else { i };
            if after.is_some_and(|a| i >= a) { i + 1 } else { i }
        };
        // Lists::new lists a directive once per tag it writes: twice for two spellings of one.
        let place = |items: &mut Vec<usize>, times: usize| {
            items.retain(|&i| Some(i) != before);
            items.iter_mut().for_each(|i| *i = moved(*i));
            if let Some(a) = after.filter(|_| times > 0) {
                let at = items.partition_point(|&i| i < a);
                items.splice(at..at, std::iter::repeat_n(a, times));
            }
        };
        let mut lists = self.clone();
        let was = before.map(|i| &*old.directives[i]);
        let is = after.map(|i| &*new.directives[i]);
        let year = |d: Option<&crate::content::Directive>| d.and_then(|d| d.date.as_ref()).map(|date| date.value.year);
        for (y, items) in lists.years.iter_mut() {
            place(items, usize::from(year(is) == Some(*y)));
        }
        if let Some(y) = year(is) {
            lists.years.entry(y).or_insert_with(|| after.into_iter().collect());
        }
        for (t, items) in lists.doc_types.iter_mut() {
            place(items, usize::from(is.is_some_and(|d| d.doc_type.0 == *t)));
        }
        if let Some(d) = is {
            lists.doc_types.entry(d.doc_type.0).or_insert_with(|| after.into_iter().collect());
        }
        let new_fields = is.map(field_slugs).unwrap_or_default();
        for (f, items) in lists.fields.iter_mut() {
            place(items, usize::from(new_fields.contains(f)));
        }
        for f in new_fields {
            lists.fields.entry(f).or_insert_with(|| after.into_iter().collect());
        }
        let slugs = |d: Option<&crate::content::Directive>| -> Vec<String> {
            d.map(|d| d.tags.iter().map(|t| text::slugify(t)).filter(|t| !t.is_empty()).collect()).unwrap_or_default()
        };
        let (old_tags, new_tags) = (slugs(was), slugs(is));
        for (t, (_, items, _)) in lists.tags.iter_mut() {
            place(items, new_tags.iter().filter(|n| *n == t).count());
        }
        for t in &new_tags {
            if !lists.tags.contains_key(t) {
                let times = new_tags.iter().filter(|n| *n == t).count();
                lists.tags.insert(
                    t.clone(),
                    (String::new(), after.into_iter().flat_map(|a| vec![a; times]).collect(), Vec::new()),
                );
            }
        }
        lists.years.retain(|_, items| !items.is_empty());
        lists.doc_types.retain(|_, items| !items.is_empty());
        lists.fields.retain(|_, items| !items.is_empty());
        lists.tags.retain(|_, (_, d, c)| !d.is_empty() || !c.is_empty());
        // A tag is named as its first directive (or campaign) writes it.
        for t in old_tags.iter().chain(&new_tags) {
            if let Some((name, directives, campaigns)) = lists.tags.get_mut(t) {
                let written = |tags: &[String]| tags.iter().find(|tag| text::slugify(tag) == *t).cloned();
                *name = match directives.first() {
                    Some(&d) => written(&new.directives[d].tags),
                    None => campaigns.first().and_then(|&c| written(&new.campaigns[c].tags)),
                }
                .unwrap_or_default();
            }
        }
        lists.directives = (0..new.directives.len()).collect();
        lists.listed = lists.directives.clone();
        lists.feed = lists.listed.clone();
        lists.rank_issuers(new);
        Some(lists)
    }

    /// The directives of an issuer.
    pub fn issued<'s>(&'s self, site: &'s Site, organization: usize) -> &'s [usize] {
        site.links.directives_of_issuer.get(organization).map_or(&[], Vec::as_slice)
    }

    /// The pages of a language edition: its home, search, translated items, lists of them
    /// and feeds. Attachments, short links, posters, embeds, the API and server files are
    /// the portal's, shared by every language.
    fn edition_jobs(&self, site: &Site) -> Vec<Job> {
        let mut jobs = vec![Job::Pages(pages::Job::Home), Job::Pages(pages::Job::Search)];
        // The edition's own pages: its translated items, in the model's order.
        let own =
            |count: usize, published: &dyn Fn(usize) -> bool| (0..count).filter(|&i| published(i)).collect::<Vec<_>>();
        let campaigns = own(site.campaigns.len(), &|i| site.published(&site.campaigns[i].source));
        let directives = own(site.directives.len(), &|i| site.published(&site.directives[i].source));
        let guides = own(site.guides.len(), &|i| site.published(&site.guides[i].source));
        let organizations = own(site.organizations.len(), &|i| site.published(&site.organizations[i].source));
        let people = own(site.people.len(), &|i| site.published(&site.people[i].source));
        jobs.extend(campaigns.into_iter().map(|i| Job::Pages(pages::Job::Campaign(i))));
        jobs.extend(directives.into_iter().map(|i| Job::Pages(pages::Job::Directive(i))));
        jobs.extend(guides.into_iter().map(|i| Job::Pages(pages::Job::Guide(i))));
        jobs.extend(organizations.into_iter().map(|i| Job::Pages(pages::Job::Organization(i))));
        jobs.extend(people.into_iter().map(|i| Job::Pages(pages::Job::Person(i))));
        jobs.extend([Job::Feeds(feeds::Job::Feeds), Job::Feeds(feeds::Job::Calendar)]);
        jobs.extend(crate::render::results::jobs(site, &self.campaigns));
        self.push_list_pages(site, false, &mut jobs);
        jobs
    }

    /// Every page of every list; the attachments list only in the portal's own language.
    fn push_list_pages(&self, site: &Site, attachments: bool, jobs: &mut Vec<Job>) {
        let mut lists: Vec<(ListKind, usize)> = vec![
            (ListKind::Campaigns, self.campaigns.len()),
            (ListKind::AllDirectives, self.listed.len()),
            (ListKind::Tags, 1),
            (ListKind::Guides, 1),
            (ListKind::Contacts, 1),
        ];
        if attachments {
            lists.push((ListKind::Attachments, listed_attachments(site).count()));
        }
        self.push_grouped_lists(site, &mut lists);
        for (list, count) in lists {
            for page in 1..=written_pages(&list, count) {
                jobs.push(Job::List(ListPage { list: list.clone(), page }));
            }
        }
    }

    fn push_grouped_lists(&self, site: &Site, lists: &mut Vec<(ListKind, usize)>) {
        lists.extend(self.years.iter().map(|(year, items)| (ListKind::Year(*year), items.len())));
        lists.extend(self.doc_types.iter().map(|(slug, items)| (ListKind::DocType(slug), items.len())));
        lists.extend(self.fields.iter().map(|(slug, items)| (ListKind::Field(slug.clone()), items.len())));
        lists.extend(
            (0..site.organizations.len())
                .filter(|&o| !self.issued(site, o).is_empty())
                .map(|o| (ListKind::Issuer(o, site.organizations[o].source.slug.clone()), self.issued(site, o).len())),
        );
        lists.extend(self.tags.iter().map(|(slug, (_, d, _))| (ListKind::Tag(slug.clone()), d.len())));
    }

    /// What the filter column of the directive lists ([`Lists::facets`]) shows, besides the
    /// organizations' titles: the years, each type's and lĩnh vực's count, the top issuers
    /// with theirs. An
    /// edit that changes it changes every page of every directive list.
    pub(crate) fn facet_counts(&self, site: &Site) -> FacetCounts {
        FacetCounts {
            years: self.years.keys().copied().collect(),
            doc_types: self.doc_types.iter().map(|(slug, d)| (*slug, d.len())).collect(),
            fields: self.fields.iter().map(|(slug, d)| (slug.clone(), d.len())).collect(),
            issuers: self.top_issuers.iter().map(|&o| (o, self.issued(site, o).len())).collect(),
            more_issuers: self.issuer_count > self.top_issuers.len(),
        }
    }

    /// Every page of the lists of directives (all, by year, type, issuer and tag): the
    /// pages that show the filter column.
    pub(crate) fn directive_list_pages(&self, site: &Site) -> Vec<Job> {
        let mut lists = vec![(ListKind::AllDirectives, self.listed.len())];
        self.push_grouped_lists(site, &mut lists);
        lists
            .into_iter()
            .flat_map(|(list, count)| {
                (1..=written_pages(&list, count)).map(move |page| Job::List(ListPage { list: list.clone(), page }))
            })
            .collect()
    }

    /// Every page of the build, in a stable order.
    pub fn jobs(&self, site: &Site) -> Vec<Job> {
        if site.is_edition() {
            return self.edition_jobs(site);
        }
        let mut jobs =
            vec![Job::Pages(pages::Job::Home), Job::Pages(pages::Job::NotFound), Job::Pages(pages::Job::Search)];
        jobs.extend((0..site.campaigns.len()).map(|i| Job::Pages(pages::Job::Campaign(i))));
        jobs.extend((0..site.directives.len()).map(|i| Job::Pages(pages::Job::Directive(i))));
        jobs.extend((0..site.guides.len()).map(|i| Job::Pages(pages::Job::Guide(i))));
        jobs.extend((0..site.organizations.len()).map(|i| Job::Pages(pages::Job::Organization(i))));
        jobs.extend((0..site.people.len()).map(|i| Job::Pages(pages::Job::Person(i))));
        jobs.extend((0..site.attachments.len()).filter_map(|i| pages::attachment_job(site, i)).map(Job::Pages));
        jobs.push(Job::ServerFiles(server_files::Job::ServerFiles));
        if site.config.cms.is_some() {
            jobs.push(Job::Cms);
        }
        jobs.extend([
            Job::Feeds(feeds::Job::Feeds),
            Job::Feeds(feeds::Job::Calendar),
            Job::ApiLists,
            Job::ServerFiles(server_files::Job::Sitemap),
        ]);
        jobs.extend(crate::render::embeds::Embed::all(site).into_iter().map(Job::Embed));
        jobs.extend(crate::render::results::jobs(site, &(0..site.campaigns.len()).collect::<Vec<_>>()));
        if site.scans.is_some() {
            jobs.push(Job::Scans);
        }
        jobs.push(Job::Pwa(pwa::render::Job::WebApp));
        jobs.extend((0..site.campaigns.len()).map(|i| Job::Pwa(pwa::render::Job::ShareImage(i))));
        for (code, target) in &site.short_links.links {
            jobs.push(Job::ShortLinks(shortlinks::Job::ShortLink(code.clone(), *target)));
        }
        for (code, to) in &site.short_links.retired {
            jobs.push(Job::ShortLinks(shortlinks::Job::Redirect(
                crate::render::shortlinks::short_path(code),
                to.clone(),
            )));
        }
        for target in site.short_links.primary.keys() {
            if !matches!(target, crate::content::shortlinks::Target::Directive(_)) {
                jobs.push(Job::ShortLinks(shortlinks::Job::Posters(*target)));
            }
        }
        self.push_list_pages(site, true, &mut jobs);
        jobs
    }

    /// Where page `page` of the list of all directives is now (only its first page is
    /// written): the year and the path of the year list's page that holds that page's first
    /// directive. None past the end or for an undated directive.
    pub(crate) fn handed_over(&self, site: &Site, page: usize) -> Option<(i32, String)> {
        self.handed_over_by(site, page, |year, first| self.years.get(&year)?.iter().position(|&i| i == first))
    }

    /// [`Lists::handed_over`], with `place` giving a directive's place in its year's list.
    fn handed_over_by(
        &self,
        site: &Site,
        page: usize,
        place: impl Fn(i32, usize) -> Option<usize>,
    ) -> Option<(i32, String)> {
        let &first = self.listed.get(page.checked_sub(1)? * PAGE_SIZE)?;
        let year = site.directives[first].date.as_ref()?.value.year;
        let position = place(year, first)?;
        Some((year, page_path(&paths::year(year), position / PAGE_SIZE + 1)))
    }

    /// The old pages of the list of all directives (`/van-ban/trang/N/`) and where each is
    /// now ([`Lists::handed_over`], else the list's first page), for the servers' rules.
    /// Each directive's place in its year's list is looked up once, not searched per page.
    pub(crate) fn handed_over_pages(&self, site: &Site) -> Vec<(String, String)> {
        let mut places: Vec<Option<usize>> = vec![None; site.directives.len()];
        for list in self.years.values() {
            for (place, &i) in list.iter().enumerate() {
                places[i] = Some(place);
            }
        }
        (2..=page_count(self.listed.len()))
            .map(|page| {
                let to = self
                    .handed_over_by(site, page, |_, first| places[first])
                    .map_or_else(|| paths::DIRECTIVES.to_owned(), |(_, path)| path);
                (page_path(paths::DIRECTIVES, page), to)
            })
            .collect()
    }

    /// Where each year starts in the list of all directives (`2025:0 2024:812 …`, newest
    /// first): the 404 page's script finds an old page of that list in the year lists with
    /// it on hosts without rules.
    pub(crate) fn year_starts(&self, site: &Site) -> String {
        let mut starts: Vec<String> = Vec::new();
        let mut last = None;
        for (position, &i) in self.listed.iter().enumerate() {
            let year = site.directives[i].date.as_ref().map(|d| d.value.year);
            if year.is_some() && year != last {
                starts.push(format!("{}:{position}", year.unwrap_or_default()));
                last = year;
            }
        }
        starts.join(" ")
    }

    /// The home page: running and upcoming campaigns, next deadlines, latest directives.
    pub fn home(&self, views: &Views<'_>) -> HomeContext {
        let site = views.site;
        let active: Vec<_> =
            self.campaigns.iter().map(|&i| views.campaign_card(i)).filter(|c| c.status.key != "ended").collect();
        // Embeds are the portal's (in Vietnamese): offered on the Vietnamese pages.
        let embeds = if site.is_edition() {
            Vec::new()
        } else {
            vec![
                crate::render::embeds::snippet(site, Embed::ActiveCampaigns, views.t("embed_active_campaigns")),
                crate::render::embeds::snippet(site, Embed::Deadlines, views.t("embed_deadlines")),
                crate::render::embeds::snippet(site, Embed::SearchBox, views.t("embed_search_box")),
            ]
        };
        let deadlines = views.upcoming_deadlines(8);
        HomeContext {
            ended_count: self.campaigns.len() - active.len(),
            campaigns: active,
            deadlines_shown: crate::render::view::shown_count(&deadlines),
            deadlines,
            directives: self.listed.iter().take(10).map(|&i| views.directive_item(i)).collect(),
            guides: self.guides.iter().take(6).map(|&i| views.guide_item(i)).collect(),
            embeds,
        }
    }

    /// The search page: the facet choices for its no-JavaScript form, and where to browse.
    pub fn search(&self, views: &Views<'_>) -> SearchContext {
        let site = views.site;
        let embeds = if site.is_edition() {
            Vec::new()
        } else {
            vec![crate::render::embeds::snippet(site, Embed::SearchBox, views.t("embed_search_box"))]
        };
        let choice = |slug: &str, title: &str, code: usize| SearchChoice {
            slug: slug.to_owned(),
            title: title.to_owned(),
            code,
        };
        let mut doc_types: Vec<SearchChoice> = self
            .doc_types
            .keys()
            .map(|slug| {
                let doc_type = DocType::from_slug(slug);
                let title = doc_type.map(|t| views.doc_type_name(t)).unwrap_or_default();
                choice(slug, &title, doc_type.map_or(0, DocType::code).into())
            })
            .collect();
        let mut issuers: Vec<SearchChoice> = (0..site.organizations.len())
            .filter(|&i| !self.issued(site, i).is_empty())
            .map(|i| choice(&site.organizations[i].source.slug, &site.organizations[i].title, i + 1))
            .collect();
        let mut campaigns: Vec<SearchChoice> = self
            .campaigns
            .iter()
            .map(|&i| choice(&site.campaigns[i].source.slug, &site.campaigns[i].title, i + 1))
            .collect();
        let mut fields: Vec<SearchChoice> = site
            .config
            .fields
            .iter()
            .enumerate()
            .take(64)
            .filter(|(_, f)| field_used(site, &f.slug, &f.name))
            .map(|(i, f)| {
                let name = if site.is_edition() { f.name_en.as_ref().unwrap_or(&f.name) } else { &f.name };
                choice(&f.slug, name, i + 1)
            })
            .collect();
        for choices in [&mut doc_types, &mut issuers, &mut campaigns, &mut fields] {
            text::sort_by_name(choices, |c| &c.title);
        }
        SearchContext {
            search: SearchView {
                embeds,
                index_url: views.link("/tim-kiem/chi-muc/"),
                years: self.years.keys().rev().copied().collect(),
                doc_types,
                issuers,
                campaigns,
                fields,
                abbreviations: serde_json::to_string(
                    &text::abbreviations::Abbreviations::with(&site.config.search_abbreviations).long_forms(),
                )
                .unwrap_or_default(),
            },
        }
    }

    /// Title and data of one list page. Only the items of this page are turned into views,
    /// so a long list costs O(items) over all its pages, not O(items × pages).
    pub fn list_view(&self, page: &ListPage, views: &Views<'_>) -> (String, tera::Value) {
        let site = views.site;
        let window = |count: usize| (page.page - 1) * PAGE_SIZE..(page.page * PAGE_SIZE).min(count);
        let directives = |indices: &[usize]| -> (tera::Value, usize) {
            let shown = indices.get(window(indices.len())).unwrap_or(&[]);
            (views.directive_list(shown), indices.len())
        };
        let base = page.base_path();
        // The list's view with its page links and title, as a Tera value.
        let list = |title: String, items, count: usize, extra| {
            let total_pages = written_pages(&page.list, count);
            let more = match page.list {
                ListKind::AllDirectives if page_count(count) > 1 => {
                    self.handed_over(site, 2).map(|(year, path)| YearLink {
                        title: views.strings.fill("older_by_year", &[("year", &year.to_string())]),
                        url: views.link(&path),
                    })
                }
                _ => None,
            };
            let pagination = Pagination {
                current: page.page,
                total: total_pages,
                prev: (page.page > 1).then(|| views.link(&page_path(&base, page.page - 1))),
                next: (page.page < total_pages).then(|| views.link(&page_path(&base, page.page + 1))),
                more,
            };
            let title = if page.page > 1 {
                views.strings.fill("list_page", &[("title", &title), ("page", &page.page.to_string())])
            } else {
                title
            };
            let data = tera::Value::from_serializable(&ListContext {
                list: ListView { title: title.clone(), count, pagination, extra, items },
            });
            (title, data)
        };
        let directive_list = |title: String, (items, count): (tera::Value, usize), extra: Option<DirectivesExtra>| {
            list(title, items, count, tera::Value::from_serializable(&extra))
        };
        match &page.list {
            ListKind::Campaigns => {
                let shown = self.campaigns.get(window(self.campaigns.len())).unwrap_or(&[]);
                let cards: Vec<_> = shown.iter().map(|&i| views.campaign_card(i)).collect();
                let groups = ["ongoing", "upcoming", "ended"]
                    .iter()
                    .map(|&key| CampaignGroup {
                        key,
                        title: views.t(&format!("status_{key}")).to_owned(),
                        cards: cards.iter().filter(|c| c.status.key == key).cloned().collect(),
                    })
                    .collect();
                let embeds = if site.is_edition() {
                    Vec::new()
                } else {
                    vec![crate::render::embeds::snippet(
                        site,
                        Embed::ActiveCampaigns,
                        views.t("embed_active_campaigns"),
                    )]
                };
                let extra = tera::Value::from_serializable(&CampaignsExtra { groups, embeds });
                list(
                    views.t("list_campaigns").into(),
                    tera::Value::from_serializable(&cards),
                    self.campaigns.len(),
                    extra,
                )
            }
            ListKind::AllDirectives => {
                directive_list(views.t("list_directives").into(), directives(&self.listed), None)
            }
            ListKind::Year(year) => directive_list(
                views.strings.fill("list_year", &[("year", &year.to_string())]),
                directives(&self.years[year]),
                None,
            ),
            ListKind::DocType(slug) => {
                let name = DocType::from_slug(slug)
                    .map(|t| views.doc_type_name(t))
                    .unwrap_or_else(|| views.t("list_directives").to_owned());
                directive_list(name, directives(&self.doc_types[slug]), None)
            }
            ListKind::Field(slug) => directive_list(
                views.strings.fill("list_field", &[("field", &field_name(views, slug))]),
                directives(&self.fields[slug]),
                None,
            ),
            ListKind::Issuer(org, _) => {
                let organization = &site.organizations[*org];
                directive_list(
                    views.strings.fill("list_issuer", &[("issuer", &organization.title)]),
                    directives(self.issued(site, *org)),
                    Some(DirectivesExtra::Issuer(views.organization_link(organization))),
                )
            }
            ListKind::Tag(slug) => {
                let (name, tagged, campaigns) = &self.tags[slug];
                // The tag's campaigns head its first page; the next pages go on with directives.
                let campaigns = match page.page {
                    1 => campaigns.iter().map(|&i| views.campaign_card(i)).collect(),
                    _ => Vec::new(),
                };
                directive_list(
                    views.strings.fill("list_tag", &[("tag", name)]),
                    directives(tagged),
                    Some(DirectivesExtra::Tag(TagExtra { campaigns })),
                )
            }
            ListKind::Tags => {
                let mut items: Vec<_> = self
                    .tags
                    .iter()
                    .map(|(slug, (name, d, c))| CountedLink {
                        title: name.clone(),
                        url: views.link(&paths::tag(slug)),
                        count: d.len() + c.len(),
                    })
                    .collect();
                text::sort_by_name(&mut items, |item| &item.title);
                list(views.t("list_tags").into(), tera::Value::from_serializable(&items), 0, tera::Value::none())
            }
            ListKind::Guides => {
                let items: Vec<_> = self.guides.iter().map(|&i| views.guide_item(i)).collect();
                list(views.t("list_guides").into(), tera::Value::from_serializable(&items), 0, tera::Value::none())
            }
            ListKind::Contacts => {
                let organizations: Vec<_> = self
                    .organizations
                    .iter()
                    .filter_map(|&i| views.contact_card(&site.organizations[i].source.slug))
                    .collect();
                let people =
                    self.people.iter().filter_map(|&i| views.contact_card(&site.people[i].source.slug)).collect();
                let extra = tera::Value::from_serializable(&ContactsExtra { people });
                list(views.t("list_contacts").into(), tera::Value::from_serializable(&organizations), 0, extra)
            }
            ListKind::Attachments => {
                let listed: Vec<usize> = listed_attachments(site).collect();
                let shown = listed.get(window(listed.len())).unwrap_or(&[]);
                let items: Vec<_> = shown.iter().map(|&i| views.attachment_view(i)).collect();
                list(
                    views.t("list_attachments").into(),
                    tera::Value::from_serializable(&items),
                    listed.len(),
                    tera::Value::none(),
                )
            }
        }
    }

    /// The filter column of every list page (years, types, top issuers): the same on every
    /// page, so made once per renderer (`Renderer::facets_value`) and added to each page's
    /// context.
    pub fn facets(&self, views: &Views<'_>) -> Facets {
        let site = views.site;
        let mut doc_types: Vec<CountedLink> = self
            .doc_types
            .iter()
            .map(|(slug, d)| CountedLink {
                title: DocType::from_slug(slug).map(|t| views.doc_type_name(t)).unwrap_or_default(),
                url: views.link(&paths::doc_type(slug)),
                count: d.len(),
            })
            .collect();
        text::sort_by_name(&mut doc_types, |link| &link.title);
        let mut fields: Vec<CountedLink> = self
            .fields
            .iter()
            .map(|(slug, d)| CountedLink {
                title: field_name(views, slug),
                url: views.link(&paths::field(slug)),
                count: d.len(),
            })
            .collect();
        text::sort_by_name(&mut fields, |link| &link.title);
        Facets {
            years: self
                .years
                .keys()
                .rev()
                .map(|y| YearLink { title: y.to_string(), url: views.link(&paths::year(*y)) })
                .collect(),
            doc_types,
            fields,
            issuers: self
                .top_issuers
                .iter()
                .map(|&i| CountedLink {
                    title: site.organizations[i].title.clone(),
                    url: views.link(&paths::issuer(&site.organizations[i].source.slug)),
                    count: self.issued(site, i).len(),
                })
                .collect(),
            more_issuers: self.issuer_count > self.top_issuers.len(),
        }
    }
}

/// A directive's lĩnh vực slugs, each once: those of `site.yaml`'s list (the loader reports
/// any other).
fn field_slugs(d: &crate::content::Directive) -> Vec<String> {
    let mut slugs: Vec<String> = Vec::with_capacity(d.fields.len());
    for field in &d.fields {
        if !slugs.contains(&field.value) {
            slugs.push(field.value.clone());
        }
    }
    slugs
}

/// A lĩnh vực's name in the page's language (its slug if `site.yaml` lacks it).
fn field_name(views: &Views<'_>, slug: &str) -> String {
    match views.site.config.field(slug) {
        Some(f) if !views.strings.is_default() => f.name_en.clone().unwrap_or_else(|| f.name.clone()),
        Some(f) => f.name.clone(),
        None => slug.to_owned(),
    }
}

/// Whether a directive, a campaign or a contest entry names the lĩnh vực (by slug, or a
/// campaign by name), so the search form offers only fields that can match.
fn field_used(site: &Site, slug: &str, name: &str) -> bool {
    let folded = text::fold(name);
    site.directives.iter().any(|d| d.fields.iter().any(|r| r.value == slug))
        || site.campaigns.iter().any(|c| c.fields.iter().any(|f| f == slug || text::fold(f.trim()) == folded))
        || site.results.iter().any(|r| r.entries.iter().any(|e| e.field.as_ref().is_some_and(|f| f.value == slug)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const TAGS: [&str; 4] = ["Thi đua", "thi đua", "Khen thưởng", "Số hóa"];

    /// A directive's fields: type, issuer, year, month, day, tags (indices into [`TAGS`]).
    type Fields = (usize, usize, i32, u32, u32, Vec<usize>);

    fn fields() -> impl Strategy<Value = Fields> {
        (0..3usize, 0..3usize, 2022..2025i32, 1..13u32, 1..29u32, proptest::collection::vec(0..4usize, 0..3))
    }

    fn directive(f: &Fields) -> String {
        let (doc_type, issuer, year, month, day, tags) = f;
        let doc_type = ["cong-van", "ke-hoach", "thong-bao"][*doc_type];
        let tags: Vec<&str> = tags.iter().map(|&t| TAGS[t]).collect();
        // The tags' lĩnh vực, each once (a repeated slug is an error).
        let mut fields: Vec<&str> =
            tags.iter().map(|t| if t.starts_with('S') { "so-hoa" } else { "thi-dua" }).collect();
        fields.sort_unstable();
        fields.dedup();
        format!(
            "---\ntitle: Văn bản\ndoc_type: {doc_type}\nissuer: co-quan-{issuer}\ndate: {year}-{month:02}-{day:02}\ntags: [{}]\nfields: [{}]\n---\nNội dung.\n",
            tags.join(", "),
            fields.join(", ")
        )
    }

    fn write(root: &std::path::Path, relative: &str, text: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn load(root: &std::path::Path) -> Site {
        let hashes = crate::content::attachments::FileHashes::load(root);
        crate::content::load_site(root, &crate::content::LoadOptions::default(), &hashes).0.expect("a model")
    }

    /// A portal of `directives`, three issuers and a tagged campaign.
    fn portal(directives: &[Fields]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            root,
            "site.yaml",
            "title: Thử\nbase_url: https://example.gov.vn/\nprovince: Tỉnh Mẫu\nbuild_date: 2024-07-01\nfields: [{slug: so-hoa, name: Số hóa}, {slug: thi-dua, name: Thi đua}]\n",
        );
        for o in 0..3 {
            write(
                root,
                &format!("content/contacts/organizations/co-quan-{o}.md"),
                &format!("---\ntitle: Cơ quan {o}\n---\n"),
            );
        }
        write(
            root,
            "content/campaigns/phong-trao/index.md",
            "---\ntitle: Phong trào\nkind: hoi-thi\norganizer: co-quan-0\nstart: 2024-01\ntags: [Số hóa, Thi đua]\n---\nPhong trào.\n",
        );
        for (k, f) in directives.iter().enumerate() {
            write(root, &format!("content/directives/vb-{k}.md"), &directive(f));
        }
        dir
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// Patched lists equal lists made from scratch, for an edit, a deletion or a new file.
        #[test]
        fn patched_lists_equal_lists_made_again(
            directives in proptest::collection::vec(fields(), 1..14),
            target in any::<proptest::sample::Index>(),
            edit in proptest::option::of(fields()),
            added in any::<bool>(),
        ) {
            let dir = portal(&directives);
            let old = load(dir.path());
            let old_lists = Lists::new(&old);
            let slug = if added {
                write(dir.path(), "content/directives/vb-moi.md", &directive(&edit.clone().unwrap_or_else(|| directives[0].clone())));
                "vb-moi".to_owned()
            } else {
                let k = target.index(directives.len());
                let path = dir.path().join(format!("content/directives/vb-{k}.md"));
                match &edit {
                    Some(f) => std::fs::write(&path, directive(f)).unwrap(),
                    None => std::fs::remove_file(&path).unwrap(),
                }
                format!("vb-{k}")
            };
            let new = load(dir.path());
            let patched = old_lists.patched(&old, &new, &slug).expect("not an edition");
            prop_assert_eq!(format!("{:?}", patched), format!("{:?}", Lists::new(&new)));
        }
    }
}
