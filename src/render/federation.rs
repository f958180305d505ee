//! Output `federation`: what a national portal makes of its members (`federation:` in
//! `site.yaml`, read by [`crate::federation`]): the national campaign list (`/toan-quoc/`),
//! the deadline calendar as a page (`/toan-quoc/han/`) and as iCalendar
//! (`/toan-quoc/lich.ics`, each event's UID the member's own under the member's slug), and the
//! members' directives and campaigns as documents of the national search index
//! ([`search_docs`]). Every item links to the member's own page: nothing of a member's
//! documents is copied. Member text is plain text: Tera's escaper and the iCalendar escaper
//! write it like the portal's own.

use crate::federation::{Member, National};
use crate::feeds::calendar::{self, Event, When};
use crate::render::view::{NationalCampaign, NationalContext, NationalDeadline, NationalMember};
use crate::render::{OutputFile, RenderCtx};
use crate::search::documents::{Facets, SearchDoc};

/// The national campaign list.
pub const CAMPAIGNS_PATH: &str = "/toan-quoc/";
/// The national deadline calendar page.
pub const DEADLINES_PATH: &str = "/toan-quoc/han/";
/// The national calendar file.
pub const CALENDAR_FILE: &str = "toan-quoc/lich.ics";
/// The most upcoming deadlines the page lists (the calendar file has them all).
const PAGE_DEADLINES: usize = 500;

/// The jobs of the federation output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Job {
    Campaigns,
    Deadlines,
    Calendar,
}

/// The jobs to plan: none unless the context has members (the portal's own language only).
pub(crate) fn jobs(ctx: &RenderCtx<'_>) -> Vec<crate::render::Job> {
    match ctx.national {
        Some(_) if !ctx.site.is_edition() => {
            [Job::Campaigns, Job::Deadlines, Job::Calendar].into_iter().map(crate::render::Job::Federation).collect()
        }
        _ => Vec::new(),
    }
}

/// Renders one national page or the calendar.
pub(crate) fn render(ctx: &RenderCtx<'_>, job: &Job, problems: &crate::diag::Diagnostics) -> Option<Vec<OutputFile>> {
    let national = ctx.national?;
    match job {
        Job::Calendar => Some(vec![(CALENDAR_FILE.to_owned(), calendar_file(ctx, national).into_bytes())]),
        Job::Campaigns | Job::Deadlines => {
            let (path, title) = match job {
                Job::Campaigns => (CAMPAIGNS_PATH, ctx.views.t("national_campaigns_title")),
                _ => (DEADLINES_PATH, ctx.views.t("national_deadlines_title")),
            };
            let context = context(ctx, national, *job);
            let html = ctx.render_page(path, "national.html", title, None, "national", context, problems)?;
            Some(vec![(format!("{}index.html", path.trim_start_matches('/')), html.into_bytes())])
        }
    }
}

fn context(ctx: &RenderCtx<'_>, national: &National, job: Job) -> NationalContext {
    let views = &ctx.views;
    let members = national
        .members
        .iter()
        .map(|m| NationalMember {
            name: m.name.clone(),
            title: m.title.clone(),
            url: m.url.clone(),
            campaigns: m.campaigns.len(),
            directives: m.directives.len(),
            stale: m.stale,
            generated: crate::text::vi_date(&m.generated),
        })
        .collect();
    let mut campaigns = Vec::new();
    let mut deadlines = Vec::new();
    let mut more_deadlines = 0;
    match job {
        Job::Campaigns => {
            // Running campaigns first, then upcoming, then ended; newest first within each.
            let rank = |status: &str| match status {
                "ongoing" => 0,
                "upcoming" => 1,
                _ => 2,
            };
            let mut all: Vec<(&Member, &crate::federation::Campaign)> =
                national.members.iter().flat_map(|m| m.campaigns.iter().map(move |c| (m, c))).collect();
            all.sort_by(|a, b| rank(a.1.status).cmp(&rank(b.1.status)).then(b.1.start.cmp(&a.1.start)));
            campaigns = all
                .into_iter()
                .map(|(m, c)| NationalCampaign {
                    member: m.name.clone(),
                    title: c.title.clone(),
                    url: c.url.clone(),
                    status: views.t(&format!("status_{}", c.status)).to_owned(),
                    status_key: c.status.to_owned(),
                    dates: match (c.start, c.end) {
                        (Some(s), Some(e)) => {
                            format!("{} – {}", crate::text::vi_date_short(&s), crate::text::vi_date_short(&e))
                        }
                        (Some(d), None) | (None, Some(d)) => crate::text::vi_date_short(&d),
                        (None, None) => String::new(),
                    },
                })
                .collect();
        }
        _ => {
            let today = ctx.site.config.build_date;
            let mut upcoming: Vec<(&Member, &crate::federation::Deadline)> = national
                .members
                .iter()
                .flat_map(|m| m.deadlines.iter().map(move |d| (m, d)))
                .filter(|(_, d)| !d.cancelled && d.end.unwrap_or(d.start.date).last_day() >= today.first_day())
                .collect();
            upcoming.sort_by(|a, b| a.1.start.cmp(&b.1.start).then(a.0.name.cmp(&b.0.name)));
            more_deadlines = upcoming.len().saturating_sub(PAGE_DEADLINES);
            deadlines = upcoming
                .into_iter()
                .take(PAGE_DEADLINES)
                .map(|(m, d)| NationalDeadline {
                    member: m.name.clone(),
                    summary: d.summary.clone(),
                    description: d.description.clone(),
                    url: d.url.clone(),
                    datetime: d.start.to_string(),
                    when: match d.end {
                        Some(end) if end != d.start.date => format!(
                            "{} – {}",
                            crate::text::vi_date_short(&d.start.date),
                            crate::text::vi_date_short(&end)
                        ),
                        _ => crate::text::vi_datetime(&d.start),
                    },
                })
                .collect();
        }
    }
    NationalContext {
        members,
        campaigns,
        deadlines,
        more_deadlines,
        showing: if job == Job::Campaigns { "campaigns" } else { "deadlines" }.to_owned(),
        campaigns_url: views.link(CAMPAIGNS_PATH),
        deadlines_url: views.link(DEADLINES_PATH),
        calendar_url: views.link(&format!("/{CALENDAR_FILE}")),
    }
}

/// Every member's campaign periods and deadlines, each under a UID made of the member's
/// slug and its own UID: stable for as long as the member keeps its own.
fn calendar_file(ctx: &RenderCtx<'_>, national: &National) -> String {
    let events: Vec<Event> = national
        .members
        .iter()
        .flat_map(|m| {
            m.deadlines.iter().map(move |d| Event {
                uid: format!("{}.{}", m.slug, d.uid),
                summary: format!("{}: {}", m.name, d.summary),
                description: d.description.clone(),
                url: d.url.clone(),
                when: match (d.start.time, d.end) {
                    (Some(_), _) => When::At(d.start),
                    (None, end) => When::Days { start: d.start.date, end: end.unwrap_or(d.start.date) },
                },
                cancelled: d.cancelled,
                sequence: d.sequence,
                extended: Vec::new(),
            })
        })
        .collect();
    calendar::calendar(ctx.views.t("national_deadlines_title"), &events, ctx.site.config.build_date)
}

/// The members' campaigns and directives as documents of the national search index: each
/// result opens the member's own page; the member's name is searchable and shown.
pub(crate) fn search_docs(ctx: &RenderCtx<'_>) -> Vec<SearchDoc> {
    use crate::search::documents::{META, NUMBER, TITLE, acronyms};
    let Some(national) = ctx.national.filter(|_| !ctx.site.is_edition()) else { return Vec::new() };
    let views = &ctx.views;
    let mut docs = Vec::new();
    for m in &national.members {
        for c in &m.campaigns {
            docs.push(SearchDoc {
                url: c.url.clone(),
                title: c.title.clone(),
                kind: 0,
                number: None,
                meta: format!("{} · {}", m.name, views.t(&format!("status_{}", c.status))),
                excerpt: String::new(),
                fields: vec![
                    (TITLE, c.title.clone()),
                    (crate::search::documents::ACRONYMS, acronyms(&c.title)),
                    (META, m.name.clone()),
                ],
                facets: Facets::default(),
            });
        }
        for d in &m.directives {
            let type_name =
                d.doc_type.map_or_else(|| views.t("search_kind_directive").to_owned(), |t| views.doc_type_name(t));
            let meta = [
                Some(m.name.clone()),
                Some(type_name.clone()),
                d.number.as_ref().map(|n| format!("{} {n}", views.t("number_word"))),
                d.date.as_ref().map(crate::text::vi_date_short),
            ];
            docs.push(SearchDoc {
                url: d.url.clone(),
                title: d.title.clone(),
                kind: 2,
                number: d.number.clone(),
                meta: meta.into_iter().flatten().collect::<Vec<_>>().join(" · "),
                excerpt: String::new(),
                fields: vec![
                    (TITLE, format!("{type_name} {}", d.title)),
                    (crate::search::documents::ACRONYMS, acronyms(&d.title)),
                    (NUMBER, d.number.clone().unwrap_or_default()),
                    (META, m.name.clone()),
                ],
                facets: Facets {
                    year: d.date.map_or(0, |date| date.year.clamp(0, 65_535) as u16),
                    doc_type: d.doc_type.map_or(0, |t| t.code()),
                    ..Facets::default()
                },
            });
        }
    }
    docs
}
