//! Open data out of the same model: Atom and RSS feeds, iCalendar files, the JSON API with
//! its schemas, `sitemap.xml` and `robots.txt`.

pub mod api;
pub mod calendar;

use crate::content::Site;
use crate::diag::Diagnostics;
use crate::render::Renderer;
use crate::render::view::{FeedContext, FeedEntry, FeedView, SitemapContext, SitemapUrl, paths};
use calendar::{Event, When};

/// Items in the portal-wide feeds; campaign feeds carry all of the campaign's directives.
const FEED_ITEMS: usize = 50;

/// The directives of the portal's feed: the newest, as the lists order them.
pub fn feed_directives(lists: &crate::render::lists::Lists) -> &[usize] {
    &lists.directives[..lists.directives.len().min(FEED_ITEMS)]
}

impl Renderer<'_> {
    /// A feed entry for a directive.
    fn feed_entry(&self, index: usize) -> FeedEntry {
        let d = &self.site.directives[index];
        let date = d.date.as_ref().map(|s| s.value).unwrap_or(self.site.config.build_date);
        let doc_type = self.views.doc_type_name(d.doc_type);
        let title = match &d.number {
            Some(n) => self
                .views
                .strings
                .fill("directive_title_numbered", &[("type", &doc_type), ("number", &n.text), ("title", &d.title)]),
            None => self.views.strings.fill("directive_title", &[("type", &doc_type), ("title", &d.title)]),
        };
        let summary = d.summary.clone().unwrap_or_else(|| {
            let text = crate::markdown::plain_text(&d.source.body);
            let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            match flat.char_indices().nth(300) {
                Some((cut, _)) => format!("{}…", &flat[..cut]),
                None => flat,
            }
        });
        FeedEntry {
            item: self.views.directive_item(index),
            feed_title: title,
            absolute_url: self.views.absolute(&paths::directive(&d.source.slug)),
            updated: date.rfc3339(),
            pub_date: date.rfc822(),
            feed_summary: summary,
        }
    }

    /// Atom and RSS files for a list of directives, at `folder` (`/` or a campaign's path).
    pub fn feeds(
        &self,
        folder: &str,
        title: &str,
        directives: &[usize],
        diagnostics: &Diagnostics,
    ) -> Vec<(String, Vec<u8>)> {
        let entries = directives.iter().map(|&i| self.feed_entry(i)).collect();
        let updated = directives
            .iter()
            .filter_map(|&i| self.site.directives[i].date.as_ref().map(|d| d.value.first_day()))
            .max()
            .unwrap_or(self.site.config.build_date);
        // Made into a Tera value once for both formats.
        let data = tera::Value::from_serializable(&FeedContext {
            feed: FeedView {
                title: title.to_owned(),
                page_url: self.views.absolute(folder),
                atom_url: self.views.absolute(&format!("{folder}atom.xml")),
                rss_url: self.views.absolute(&format!("{folder}rss.xml")),
                language: self.views.strings.lang.clone(),
                updated: updated.rfc3339(),
                pub_date: updated.rfc822(),
                entries,
            },
        });
        let base = folder.trim_start_matches('/');
        ["atom.xml", "rss.xml"]
            .iter()
            .filter_map(|name| {
                Some((format!("{base}{name}"), self.render_template(name, &data, diagnostics)?.into_bytes()))
            })
            .collect()
    }

    /// The portal's RSS and Atom feeds: the newest directives.
    pub fn site_feeds(&self, diagnostics: &Diagnostics) -> Vec<(String, Vec<u8>)> {
        let site = self.site;
        let latest = feed_directives(&self.lists);
        let title = self.views.strings.optional("site_title").unwrap_or(&site.config.title);
        self.feeds("/", title, latest, diagnostics)
    }

    /// `lich.ics`: every campaign period and deadline of the portal.
    pub fn site_calendar(&self) -> Vec<(String, Vec<u8>)> {
        let site = self.site;
        let lists = &self.lists;
        let title = self.views.strings.optional("site_title").unwrap_or(&site.config.title);
        let mut events: Vec<Event> = lists.campaigns.iter().flat_map(|&i| campaign_events(site, i)).collect();
        events.extend(lists.directives.iter().flat_map(|&i| directive_events(site, i)));
        if site.is_edition() {
            // A language edition's calendar: its own UIDs (the same event in another language
            // is another calendar entry), its pages, its words.
            let deadline = self.views.t("deadline_label");
            for event in &mut events {
                event.uid = format!("{}-{}", site.language, event.uid);
                if let Some(what) = event.summary.strip_prefix("Hạn: ") {
                    event.summary = format!("{deadline} {what}");
                }
                if let Some(path) = event.url.strip_prefix(site.config.base_url.trim_end_matches('/')) {
                    event.url = self.views.absolute(path);
                }
            }
        }
        let ics = calendar::calendar(title, &events, site.config.build_date);
        vec![("lich.ics".into(), ics.into_bytes())]
    }

    /// `sitemap.xml` and `robots.txt`.
    pub fn site_map(&self, diagnostics: &Diagnostics) -> Vec<(String, Vec<u8>)> {
        let site = self.site;
        let mut files = self.sitemap(diagnostics);
        // robots.txt has no escape: its values pass as plain URL words or the file is refused.
        use crate::render::server_syntax::{ROBOTS, line_word};
        let (embeds, sitemap) = (self.views.link("/nhung/"), site.config.absolute("/sitemap.xml"));
        match line_word(ROBOTS, &embeds).and_then(|embeds| Ok((embeds, line_word(ROBOTS, &sitemap)?))) {
            Ok((embeds, sitemap)) => files.push((
                "robots.txt".into(),
                format!("User-agent: *\nAllow: /\nDisallow: {embeds}\n\nSitemap: {sitemap}\n").into_bytes(),
            )),
            Err(refused) => diagnostics.push(refused.diagnostic()),
        }
        files
    }

    /// A campaign's own feeds and calendar.
    pub fn campaign_open_data(&self, index: usize, diagnostics: &Diagnostics) -> Vec<(String, Vec<u8>)> {
        let site = self.site;
        let campaign = &site.campaigns[index];
        let folder = paths::campaign(&campaign.source.slug);
        let mut files = self.feeds(&folder, &campaign.title, &site.links.directives_of_campaign[index], diagnostics);
        let mut events = campaign_events(site, index);
        for &d in &site.links.directives_of_campaign[index] {
            events.extend(directive_events(site, d));
        }
        files.push((
            format!("{}lich.ics", folder.trim_start_matches('/')),
            calendar::calendar(&campaign.title, &events, site.config.build_date).into_bytes(),
        ));
        files
    }

    /// A directive's deadlines as a calendar file, behind its "Thêm vào lịch" links.
    pub fn directive_calendar(&self, index: usize) -> Option<(String, Vec<u8>)> {
        let d = &self.site.directives[index];
        if d.deadlines.is_empty() {
            return None;
        }
        let ics = calendar::calendar(&d.title, &directive_events(self.site, index), self.site.config.build_date);
        Some((format!("{}lich.ics", paths::directive(&d.source.slug).trim_start_matches('/')), ics.into_bytes()))
    }

    fn sitemap(&self, diagnostics: &Diagnostics) -> Vec<(String, Vec<u8>)> {
        let site = self.site;
        let build = site.config.build_date.to_string();
        let built = |path: &str| SitemapUrl { loc: site.config.absolute(path), lastmod: build.clone() };
        let mut urls: Vec<SitemapUrl> =
            ["/", "/phong-trao/", "/van-ban/", "/huong-dan/", "/lien-he/"].into_iter().map(built).collect();
        let dated = |path: String, date: Option<crate::date::PartialDate>| SitemapUrl {
            loc: site.config.absolute(&path),
            lastmod: date.map(|d| d.first_day().to_string()).unwrap_or_else(|| build.clone()),
        };
        let lists = &self.lists;
        let mut list_paths = vec!["/tep/".to_owned(), "/the/".to_owned()];
        list_paths.extend(lists.years.keys().map(|y| paths::year(*y)));
        list_paths.extend(lists.doc_types.keys().map(|t| paths::doc_type(t)));
        list_paths.extend(lists.tags.keys().map(|t| paths::tag(t)));
        list_paths.extend(
            site.links
                .directives_of_issuer
                .iter()
                .enumerate()
                .filter(|(_, d)| !d.is_empty())
                .map(|(o, _)| paths::issuer(&site.organizations[o].source.slug)),
        );
        urls.extend(list_paths.into_iter().map(|p| dated(p, None)));
        urls.extend(site.campaigns.iter().map(|c| dated(paths::campaign(&c.source.slug), None)));
        urls.extend(
            site.directives.iter().map(|d| dated(paths::directive(&d.source.slug), d.date.as_ref().map(|s| s.value))),
        );
        urls.extend(site.guides.iter().map(|g| dated(paths::guide(&g.source.slug), None)));
        urls.extend(site.organizations.iter().map(|o| dated(paths::contact(&o.source.slug), None)));
        urls.extend(site.people.iter().map(|p| dated(paths::contact(&p.source.slug), None)));
        urls.extend(site.attachments.iter().map(|a| dated(paths::attachment(&a.slug), None)));
        // The language editions' pages (their lists, feeds and search are theirs too).
        for language in self.views.languages.iter().filter(|l| !l.prefix.is_empty()) {
            let mut pages: Vec<&String> =
                language.pages.iter().filter(|p| p.ends_with('/') && !p.starts_with("/tim-kiem/")).collect();
            pages.sort();
            urls.extend(pages.into_iter().map(|p| dated(format!("{}{p}", language.prefix), None)));
        }
        self.render_template("sitemap.xml", &SitemapContext { urls }, diagnostics)
            .map(|xml| vec![("sitemap.xml".to_owned(), xml.into_bytes())])
            .unwrap_or_default()
    }
}

fn host(site: &Site) -> String {
    site.config.base_url.split("://").nth(1).unwrap_or("loa").split('/').next().unwrap_or("loa").to_owned()
}

/// A campaign's phases as all-day events.
pub fn campaign_events(site: &Site, index: usize) -> Vec<Event> {
    let campaign = &site.campaigns[index];
    let url = site.config.absolute(&paths::campaign(&campaign.source.slug));
    campaign
        .phases
        .iter()
        .enumerate()
        .filter_map(|(n, phase)| {
            let start = phase.start.as_ref().or(phase.end.as_ref())?.value;
            let end = phase.end.as_ref().or(phase.start.as_ref())?.value;
            Some(Event {
                uid: format!("phong-trao-{}-giai-doan-{}@{}", campaign.source.slug, n + 1, host(site)),
                summary: format!("{}: {}", phase.name, campaign.title),
                description: campaign.summary.clone().unwrap_or_default(),
                url: url.clone(),
                when: When::Days { start, end },
            })
        })
        .collect()
}

/// A directive's deadlines: all-day when no time is given.
pub fn directive_events(site: &Site, index: usize) -> Vec<Event> {
    let d = &site.directives[index];
    let url = site.config.absolute(&paths::directive(&d.source.slug));
    let number = d.number.as_ref().map(|n| format!(" (số {})", n.text)).unwrap_or_default();
    d.deadlines
        .iter()
        .enumerate()
        .map(|(n, deadline)| {
            let moment = deadline.date.value;
            Event {
                uid: format!("van-ban-{}-han-{}@{}", d.source.slug, n + 1, host(site)),
                summary: format!("Hạn: {}", deadline.what),
                description: format!("{}{number}: {}", d.doc_type.name(), d.title),
                url: url.clone(),
                when: if moment.time.is_some() {
                    When::At(moment)
                } else {
                    When::Days { start: moment.date, end: moment.date }
                },
            }
        })
        .collect()
}
