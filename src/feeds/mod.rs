//! Outputs `feeds and calendars` (Atom and RSS, iCalendar files) and `API` ([`api`]: the
//! JSON API with its schemas): open data out of the same model.

pub mod api;
pub mod calendar;

use crate::content::Site;
use crate::content::paths;
use crate::diag::Diagnostics;
use crate::render::view::{FeedContext, FeedEntry, FeedView};
use crate::render::{OutputFile, RenderCtx};
use calendar::{Event, When};

/// Items in the portal-wide feeds; campaign feeds carry all of the campaign's directives.
const FEED_ITEMS: usize = 50;

/// The directives of the portal's feed: the newest listed, as the lists order them
/// (withdrawn ones join the feed as withdrawal entries, [`withdrawals`]).
pub fn feed_directives(lists: &crate::render::lists::Lists) -> &[usize] {
    &lists.feed[..lists.feed.len().min(FEED_ITEMS)]
}

/// The withdrawn directives of the site's language, most recently withdrawn first.
fn withdrawals(site: &Site, lists: &crate::render::lists::Lists) -> Vec<usize> {
    let mut withdrawn: Vec<usize> = lists
        .directives
        .iter()
        .copied()
        .filter(|&i| site.directives[i].withdrawn.is_some() && site.published(&site.directives[i].source))
        .collect();
    let when = |i: usize| site.directives[i].withdrawn.as_ref().map(|w| w.date.value);
    withdrawn.sort_by_key(|&i| std::cmp::Reverse(when(i)));
    withdrawn.truncate(FEED_ITEMS);
    withdrawn
}

/// A feeds-and-calendars job.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    /// The portal's RSS and Atom feeds (the newest directives).
    Feeds,
    /// `lich.ics`: every deadline and campaign period of the portal.
    Calendar,
}

/// The feeds an edit reaches ([`crate::render::plan`]): the portal's feeds and calendar
/// (each campaign's are written with them).
pub(crate) fn jobs_for(_change: &crate::render::plan::Change<'_>) -> Vec<crate::render::Job> {
    vec![crate::render::Job::Feeds(Job::Feeds), crate::render::Job::Feeds(Job::Calendar)]
}

/// Renders the portal's feeds or its calendar.
pub(crate) fn render(ctx: &RenderCtx<'_>, job: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    match job {
        Job::Feeds => Some(site_feeds(ctx, problems)),
        Job::Calendar => Some(site_calendar(ctx)),
    }
}

/// A feed entry for a directive; for a withdrawn one, an update of the same entry (same
/// id) that says it was withdrawn, dated the day of the withdrawal.
fn feed_entry(ctx: &RenderCtx<'_>, index: usize) -> FeedEntry {
    let mut entry = document_entry(ctx, index);
    let d = &ctx.site.directives[index];
    if let Some(withdrawal) = &d.withdrawn {
        let notices = ctx.views.notices(&None, Some(withdrawal.as_ref()));
        let banner = notices.withdrawn.expect("a withdrawal");
        entry.feed_title = ctx.views.strings.fill("withdrawn_feed_title", &[("title", &entry.feed_title)]);
        entry.feed_summary = match banner.replaced_by {
            Some(by) => {
                format!("{}. {} {}", banner.text.trim_end_matches('.'), ctx.views.t("withdrawn_replaced_by"), by.title)
            }
            None => banner.text,
        };
        entry.updated = withdrawal.date.value.rfc3339();
        entry.pub_date = withdrawal.date.value.rfc822();
    }
    // A công văn gia hạn says in its entry what it moved: the trail its target's page shows.
    let trail = ctx.views.trail_set_by(index);
    if !trail.is_empty() {
        entry.feed_summary = format!("{} {}", trail.join(" "), entry.feed_summary);
    }
    entry
}

/// A feed entry for a directive as it was published.
fn document_entry(ctx: &RenderCtx<'_>, index: usize) -> FeedEntry {
    let d = &ctx.site.directives[index];
    let date = d.date.as_ref().map(|s| s.value).unwrap_or(ctx.site.config.build_date);
    let title = crate::render::pages::directive_title(ctx, index);
    let summary = d.summary.clone().unwrap_or_else(|| {
        let text = crate::markdown::plain_text(&d.source.body);
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match flat.char_indices().nth(300) {
            Some((cut, _)) => format!("{}…", &flat[..cut]),
            None => flat,
        }
    });
    FeedEntry {
        item: ctx.views.directive_item(index),
        feed_title: title,
        absolute_url: ctx.views.absolute(&paths::directive(&d.source.slug)),
        updated: date.rfc3339(),
        published: date.rfc3339(),
        pub_date: date.rfc822(),
        feed_summary: summary,
    }
}

/// The feed files (`formats`) for a list of directives, at `folder` (`/` or a campaign's path).
pub(crate) fn feeds(
    ctx: &RenderCtx<'_>,
    folder: &str,
    formats: &[&str],
    title: &str,
    directives: &[usize],
    problems: &Diagnostics,
) -> Vec<OutputFile> {
    let mut entries: Vec<FeedEntry> = directives.iter().map(|&i| feed_entry(ctx, i)).collect();
    // Newest change first: a withdrawal moves its entry up to the day it was withdrawn (the
    // others keep the lists' order, undated documents last).
    if directives.iter().any(|&i| ctx.site.directives[i].withdrawn.is_some()) {
        entries.sort_by(|a, b| b.updated.cmp(&a.updated));
    }
    let changed = |i: &usize| {
        let d = &ctx.site.directives[*i];
        d.withdrawn.as_ref().map(|w| w.date.value).or(d.date.as_ref().map(|d| d.value.first_day()))
    };
    let updated = directives.iter().filter_map(changed).max().unwrap_or(ctx.site.config.build_date);
    // Made into a Tera value once for both formats.
    let data = tera::Value::from_serializable(&FeedContext {
        feed: FeedView {
            title: title.to_owned(),
            page_url: ctx.views.absolute(folder),
            atom_url: ctx.views.absolute(&format!("{folder}atom.xml")),
            rss_url: ctx.views.absolute(&format!("{folder}rss.xml")),
            language: ctx.views.strings.lang.clone(),
            updated: updated.rfc3339(),
            pub_date: updated.rfc822(),
            entries,
        },
    });
    let base = folder.trim_start_matches('/');
    formats
        .iter()
        .filter_map(|name| Some((format!("{base}{name}"), ctx.render_template(name, &data, problems)?.into_bytes())))
        .collect()
}

/// The portal's feeds: Atom and RSS, the two formats readers look for at a site's root.
const SITE_FEEDS: &[&str] = &["atom.xml", "rss.xml"];
/// A campaign's feed: Atom only (every feed reader reads it; ids and update dates are
/// exact). A second format per campaign was one more file each for the same entries: old
/// `rss.xml` addresses are sent to `atom.xml` by one pattern rule (`server_files`).
const CAMPAIGN_FEEDS: &[&str] = &["atom.xml"];

/// The portal's RSS and Atom feeds: the newest directives.
pub(crate) fn site_feeds(ctx: &RenderCtx<'_>, problems: &Diagnostics) -> Vec<OutputFile> {
    let site = ctx.site;
    let mut latest = feed_directives(ctx.lists.as_ref()).to_vec();
    latest.extend(withdrawals(site, ctx.lists.as_ref()));
    let title = ctx.views.strings.optional("site_title").unwrap_or(&site.config.title);
    feeds(ctx, "/", SITE_FEEDS, title, &latest, problems)
}

/// `lich.ics`: every campaign period and deadline of the portal.
pub(crate) fn site_calendar(ctx: &RenderCtx<'_>) -> Vec<OutputFile> {
    let site = ctx.site;
    let title = ctx.views.strings.optional("site_title").unwrap_or(&site.config.title);
    let ics = calendar::calendar(title, &site_events(ctx), site.config.build_date);
    vec![("lich.ics".into(), ics.into_bytes())]
}

/// Every campaign period and deadline of the context's language: `lich.ics` and the API's
/// `deadlines.json`.
pub(crate) fn site_events(ctx: &RenderCtx<'_>) -> Vec<Event> {
    let site = ctx.site;
    let lists = &ctx.lists;
    // The calendar holds the site's language only: an edition's, its translated items.
    let own = |source: &crate::content::Source| site.published(source);
    let mut events: Vec<Event> = lists
        .campaigns
        .iter()
        .filter(|&&i| own(&site.campaigns[i].source))
        .flat_map(|&i| campaign_events(site, i))
        .collect();
    events.extend(
        lists
            .directives
            .iter()
            .filter(|&&i| own(&site.directives[i].source))
            .flat_map(|&i| directive_events(&ctx.views, i)),
    );
    if site.is_edition() {
        // A language edition's calendar: its own UIDs (the same event in another language
        // is another calendar entry), its pages, its words.
        let deadline = ctx.views.t("deadline_label");
        for event in &mut events {
            event.uid = format!("{}-{}", site.language, event.uid);
            if let Some(what) = event.summary.strip_prefix("Hạn: ") {
                event.summary = format!("{deadline} {what}");
            }
            if let Some(path) = event.url.strip_prefix(site.config.base_url.trim_end_matches('/')) {
                event.url = ctx.views.absolute(path);
            }
        }
    }
    events
}

/// A campaign's own feeds and calendar.
pub(crate) fn campaign_open_data(ctx: &RenderCtx<'_>, index: usize, problems: &Diagnostics) -> Vec<OutputFile> {
    let site = ctx.site;
    let campaign = &site.campaigns[index];
    let folder = paths::campaign(&campaign.source.slug);
    let mut files =
        feeds(ctx, &folder, CAMPAIGN_FEEDS, &campaign.title, &site.links.directives_of_campaign[index], problems);
    let mut events = campaign_events(site, index);
    for &d in &site.links.directives_of_campaign[index] {
        events.extend(directive_events(&ctx.views, d));
    }
    files.push((
        format!("{}lich.ics", folder.trim_start_matches('/')),
        calendar::calendar(&campaign.title, &events, site.config.build_date).into_bytes(),
    ));
    files
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
                cancelled: false,
                sequence: 0,
                extended: Vec::new(),
                summary: format!("{}: {}", phase.name, campaign.title),
                description: campaign.summary.clone().unwrap_or_default(),
                url: url.clone(),
                when: When::Days { start, end },
            })
        })
        .collect()
}

/// What a calendar app shows of a moved deadline: each extension, oldest first, on its own
/// line after the document, in the calendar's language and naming the extending document as
/// the pages' trail does ("Gia hạn từ ngày 15/07/2024 đến ngày 15/08/2024 theo Thông báo số
/// 66/TB-LHH ngày 28/06/2024.").
fn extension_note(views: &crate::render::view::Views<'_>, deadline: &crate::content::Deadline) -> String {
    deadline
        .extended
        .iter()
        .map(|step| {
            let line = views.strings.fill(
                "calendar_extension",
                &[
                    ("was", &views.short_datetime(&step.was)),
                    ("now", &views.short_datetime(&step.now)),
                    ("by", &views.doc_citation(step.by)),
                ],
            );
            format!("\n{line}")
        })
        .collect()
}

/// A directive's deadlines: all-day when no time is given.
pub fn directive_events(views: &crate::render::view::Views<'_>, index: usize) -> Vec<Event> {
    let site = views.site;
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
                cancelled: d.withdrawn.is_some(),
                // Each extension that moved the deadline is a revision of the same event.
                sequence: deadline.extended.len() as u32 + u32::from(d.withdrawn.is_some()),
                extended: deadline
                    .extended
                    .iter()
                    .map(|step| calendar::Moved {
                        was: step.was.to_string(),
                        now: step.now.to_string(),
                        by: site.directives[step.by].source.slug.clone(),
                    })
                    .collect(),
                summary: format!("Hạn: {}", deadline.what),
                description: format!("{}{number}: {}{}", d.doc_type.name(), d.title, extension_note(views, deadline)),
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
