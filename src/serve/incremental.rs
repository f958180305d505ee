//! Incremental rebuilds: which pages an edit can change. An edited directive re-renders
//! itself, its campaigns, issuer and contacts, the documents it cites or that cite it, the
//! pages of each list it sits on (by year, type, issuer, tag) from its old to its new place,
//! the home page, feeds and embeds; not the other ten thousand directives.

use std::collections::HashSet;

use crate::content::Kind;
use crate::content::shortlinks::Target;
use crate::content::{ContactRef, Site};
use crate::feeds;
use crate::pwa;
use crate::render::embeds::Embed;
use crate::render::lists::{ListKind, ListPage, Lists, PAGE_SIZE, page_count};
use crate::render::{Job, pages, server_files, shortlinks};

/// A content file that changed, by kind and slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub kind: Kind,
    pub slug: String,
}

/// The jobs to re-run after `changed` files went from `old` to `new`, or None when the
/// change reaches too far to track (an organization or person renamed everywhere) and a
/// full render is simpler.
pub fn affected_jobs(
    (old, old_lists): (&Site, &Lists),
    (new, new_lists): (&Site, &Lists),
    changed: &[Changed],
) -> Option<Vec<Job>> {
    let mut jobs: Vec<Job> = vec![
        Job::Pages(pages::Job::Home),
        Job::Pages(pages::Job::Search),
        Job::Feeds(feeds::Job::Feeds),
        Job::Feeds(feeds::Job::Calendar),
        Job::ApiLists,
        Job::ServerFiles(server_files::Job::Sitemap),
        Job::ServerFiles(server_files::Job::ServerFiles),
        Job::Pages(pages::Job::NotFound),
    ];
    jobs.push(Job::Embed(Embed::Deadlines));
    jobs.push(Job::Embed(Embed::ActiveCampaigns));
    for change in changed {
        match change.kind {
            Kind::Directive => directive_jobs(old, new, old_lists, new_lists, &change.slug, &mut jobs),
            Kind::Campaign => {
                campaign_jobs(old, new, &change.slug, &mut jobs);
                // The editor's campaign choices are made from the campaigns' titles and slugs.
                if new.config.cms.is_some() {
                    jobs.push(Job::Cms);
                }
            }
            Kind::Guide => guide_jobs(new, &change.slug, &mut jobs),
            Kind::Organization | Kind::Person | Kind::Result => return None,
        }
    }
    // The list of attachments, when a file is cited for the first time or no more.
    if !old.attachments.iter().map(|a| (&a.slug, &a.title)).eq(new.attachments.iter().map(|a| (&a.slug, &a.title))) {
        jobs.extend(all_list_pages(new, ListKind::Attachments, new.attachments.len()));
    }
    // The filter column of every directive list counts types and issuers and names the years.
    if old_lists.facet_counts(old) != new_lists.facet_counts(new) {
        jobs.extend(new_lists.directive_list_pages(new));
    }
    let mut seen = HashSet::new();
    jobs.retain(|job| seen.insert(job.clone()));
    Some(jobs)
}

/// An edit's jobs in the order their files are written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Stages {
    /// The edited pages themselves: what the person who saved is looking at.
    pub edited: Vec<Job>,
    /// The pages that show the edit: the lists the edited directives sit on, their
    /// campaigns, issuers and contacts, the home page, feeds, embeds…
    pub pages: Vec<Job>,
    /// Written last: the portal-wide calendar and API lists, which take longest at thousands
    /// of directives, and the pages of the other directive lists, which an edit reaches only
    /// through the filter column's counts (a type or issuer edit reaches every one of them).
    /// They report no problems, so writing the pages before them never publishes part of a
    /// failed rebuild.
    pub later: Vec<Job>,
}

/// Splits the jobs an edit reaches ([`affected_jobs`], [`body_jobs`]) into [`Stages`], given
/// the model and lists after the edit.
pub fn stages(jobs: Vec<Job>, (site, lists): (&Site, &Lists), changed: &[Changed]) -> Stages {
    let edited: HashSet<Job> = changed.iter().filter_map(|change| own_page(site, change)).collect();
    let sits_on: HashSet<ListKind> =
        changed.iter().filter(|c| c.kind == Kind::Directive).flat_map(|c| lists_of(site, lists, &c.slug)).collect();
    let mut stages = Stages::default();
    for job in jobs {
        let later = match &job {
            Job::Feeds(feeds::Job::Calendar) | Job::ApiLists => true,
            Job::List(page) => is_directive_list(&page.list) && !sits_on.contains(&page.list),
            _ => false,
        };
        match () {
            () if edited.contains(&job) => stages.edited.push(job),
            () if later => stages.later.push(job),
            () => stages.pages.push(job),
        }
    }
    stages
}

/// The job of a changed file's own page in `site`, if it has one there.
fn own_page(site: &Site, change: &Changed) -> Option<Job> {
    let links = &site.links;
    match change.kind {
        Kind::Directive => links.directive_by_slug.get(&change.slug).map(|&i| Job::Pages(pages::Job::Directive(i))),
        Kind::Campaign => links.campaign_by_slug.get(&change.slug).map(|&i| Job::Pages(pages::Job::Campaign(i))),
        Kind::Guide => links.guide_by_slug.get(&change.slug).map(|&i| Job::Pages(pages::Job::Guide(i))),
        Kind::Result => None,
        Kind::Organization | Kind::Person => match site.contact(&change.slug)? {
            ContactRef::Organization(i) => Some(Job::Pages(pages::Job::Organization(i))),
            ContactRef::Person(i) => Some(Job::Pages(pages::Job::Person(i))),
        },
    }
}

/// Whether a list's pages show directives and the filter column.
fn is_directive_list(list: &ListKind) -> bool {
    matches!(
        list,
        ListKind::AllDirectives
            | ListKind::Year(_)
            | ListKind::DocType(_)
            | ListKind::Field(_)
            | ListKind::Issuer(..)
            | ListKind::Tag(_)
    )
}

/// The lists of `new` patched from those of `old` when one directive is all that changed
/// between the two models; None otherwise (make them again).
pub(crate) fn patched_lists((old, old_lists): (&Site, &Lists), new: &Site, changed: &[Changed]) -> Option<Lists> {
    match changed {
        [Changed { kind: Kind::Directive, slug }] => old_lists.patched(old, new, slug),
        _ => None,
    }
}

/// The jobs to re-run when `changed` pages kept their front matter and only their bodies
/// changed: the pages themselves, and what quotes a body. A directive's body is quoted (as
/// the summary of a directive without one) by its campaigns' feeds and, among the newest
/// directives, by the portal's feed. Lists, contacts, calendars and the home page show front
/// matter only.
pub fn body_jobs(site: &Site, lists: &Lists, changed: &[Changed]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for change in changed {
        match change.kind {
            Kind::Directive => {
                let Some(&i) = site.links.directive_by_slug.get(&change.slug) else { continue };
                jobs.push(Job::Pages(pages::Job::Directive(i)));
                jobs.extend(
                    site.directives[i]
                        .campaigns
                        .iter()
                        .filter_map(|c| campaign_index(site, &c.value))
                        .map(|i| Job::Pages(pages::Job::Campaign(i))),
                );
                if crate::feeds::feed_directives(lists).contains(&i) {
                    jobs.push(Job::Feeds(feeds::Job::Feeds));
                }
            }
            Kind::Campaign => {
                jobs.extend(campaign_index(site, &change.slug).map(|i| Job::Pages(pages::Job::Campaign(i))))
            }
            Kind::Guide => {
                jobs.extend(site.links.guide_by_slug.get(&change.slug).map(|&i| Job::Pages(pages::Job::Guide(i))))
            }
            Kind::Organization | Kind::Person | Kind::Result => {}
        }
    }
    let mut seen = HashSet::new();
    jobs.retain(|job| seen.insert(job.clone()));
    jobs
}

fn campaign_index(site: &Site, slug: &str) -> Option<usize> {
    site.links.campaign_by_slug.get(slug).copied()
}

fn contact_jobs(site: &Site, slug: &str, jobs: &mut Vec<Job>) {
    match site.contact(slug) {
        Some(ContactRef::Organization(i)) => jobs.push(Job::Pages(pages::Job::Organization(i))),
        Some(ContactRef::Person(i)) => jobs.push(Job::Pages(pages::Job::Person(i))),
        None => {}
    }
}

fn campaign_pages(site: &Site, i: usize, jobs: &mut Vec<Job>) {
    jobs.push(Job::Pages(pages::Job::Campaign(i)));
    jobs.push(Job::Embed(Embed::CampaignCard(i)));
    jobs.push(Job::Embed(Embed::CampaignDirectives(i)));
    if site.short_links.primary.contains_key(&Target::Campaign(i)) {
        jobs.push(Job::ShortLinks(shortlinks::Job::Posters(Target::Campaign(i))));
    }
    // Its guides' posters name its organizer and print its deadlines.
    for &g in &site.links.guides_of_campaign[i] {
        if site.short_links.primary.contains_key(&Target::Guide(g)) {
            jobs.push(Job::ShortLinks(shortlinks::Job::Posters(Target::Guide(g))));
        }
    }
}

/// The jobs an edit of directive `slug` reaches.
fn directive_jobs(old: &Site, new: &Site, old_lists: &Lists, new_lists: &Lists, slug: &str, jobs: &mut Vec<Job>) {
    let before = old.links.directive_by_slug.get(slug).map(|&i| &*old.directives[i]);
    let after = new.links.directive_by_slug.get(slug).copied();
    if let Some(i) = after {
        jobs.push(Job::Pages(pages::Job::Directive(i)));
        // Its short link's page names it.
        short_link_jobs(new, Target::Directive(i), jobs);
        // Pages that cite it, and pages it cites, show each other.
        jobs.extend(new.links.citations_of_directive[i].iter().map(|&c| Job::Pages(pages::Job::Directive(c))));
        for reference in &new.directives[i].references {
            if let Some(cited) = reference.number.as_ref().and_then(|n| new.directive_by_number(&n.text)) {
                jobs.push(Job::Pages(pages::Job::Directive(cited)));
            }
        }
    }
    let versions: Vec<&crate::content::Directive> =
        before.into_iter().chain(after.map(|i| &*new.directives[i])).collect();
    for d in &versions {
        for campaign in &d.campaigns {
            if let Some(c) = campaign_index(new, &campaign.value) {
                campaign_pages(new, c, jobs);
            }
        }
        for contact in d.contacts.iter().chain(d.issuer.iter()) {
            contact_jobs(new, &contact.value, jobs);
        }
        for use_ in &d.attachments {
            if let Some(a) = use_
                .attachment
                .and_then(|a| old.attachments.get(a))
                .and_then(|a| new.links.attachment_by_slug.get(&a.slug))
            {
                jobs.extend(pages::attachment_job(new, *a).map(Job::Pages));
            }
        }
    }
    if let Some(i) = after {
        for use_ in &new.directives[i].attachments {
            jobs.extend(use_.attachment.and_then(|i| pages::attachment_job(new, i)).map(Job::Pages));
        }
    }
    for list in lists_of(old, old_lists, slug).into_iter().chain(lists_of(new, new_lists, slug)) {
        list_pages(old, old_lists, new, new_lists, &list, slug, jobs);
    }
    jobs.push(Job::List(ListPage { list: ListKind::Tags, page: 1 }));
}

/// The lists a directive appears on.
fn lists_of(site: &Site, lists: &Lists, slug: &str) -> Vec<ListKind> {
    let Some(&i) = site.links.directive_by_slug.get(slug) else { return Vec::new() };
    let d = &site.directives[i];
    let mut kinds = vec![ListKind::AllDirectives, ListKind::DocType(d.doc_type.0)];
    if let Some(date) = &d.date {
        kinds.push(ListKind::Year(date.value.year));
    }
    if let Some(ContactRef::Organization(o)) = d.issuer.as_ref().and_then(|r| site.contact(&r.value)) {
        kinds.push(ListKind::Issuer(o, site.organizations[o].source.slug.clone()));
    }
    kinds.extend(
        d.tags.iter().map(|t| crate::text::slugify(t)).filter(|t| lists.tags.contains_key(t)).map(ListKind::Tag),
    );
    kinds.extend(
        d.fields.iter().filter(|f| lists.fields.contains_key(&f.value)).map(|f| ListKind::Field(f.value.clone())),
    );
    kinds
}

/// The members of a list, in order.
fn members<'a>(site: &'a Site, lists: &'a Lists, list: &ListKind) -> Option<Vec<usize>> {
    Some(match list {
        ListKind::AllDirectives => (0..site.directives.len()).collect(),
        ListKind::Year(y) => lists.years.get(y)?.clone(),
        ListKind::DocType(t) => lists.doc_types.get(t)?.clone(),
        ListKind::Issuer(_, slug) => match site.contact(slug)? {
            ContactRef::Organization(o) => site.links.directives_of_issuer[o].clone(),
            ContactRef::Person(_) => return None,
        },
        ListKind::Tag(t) => lists.tags.get(t)?.1.clone(),
        ListKind::Field(f) => lists.fields.get(f)?.clone(),
        _ => return None,
    })
}

/// The pages of `list` that show the directive's old or new place: those between the two
/// when the list kept its length, every page when it grew or shrank (each shows the count
/// and the number of pages). Pages a list lost are [`vanished_list_pages`].
fn list_pages(
    old: &Site,
    old_lists: &Lists,
    new: &Site,
    new_lists: &Lists,
    list: &ListKind,
    slug: &str,
    jobs: &mut Vec<Job>,
) {
    let place = |site: &Site, lists: &Lists| -> Option<(Option<usize>, usize)> {
        let items = members(site, lists, list)?;
        let position = items.iter().position(|&i| site.directives[i].source.slug == slug);
        Some((position, items.len()))
    };
    let (old_place, old_len) = place(old, old_lists).unwrap_or((None, 0));
    // A list the edit emptied is gone: nothing of it to render.
    let Some((new_place, new_len)) = place(new, new_lists) else { return };
    let Some(first) = old_place.into_iter().chain(new_place).min() else { return };
    let pages = if old_len != new_len {
        0..page_count(new_len)
    } else {
        let last = old_place.into_iter().chain(new_place).max().unwrap_or(first);
        first / PAGE_SIZE..last / PAGE_SIZE + 1
    };
    let list = match list {
        ListKind::Issuer(_, slug) => match new.contact(slug) {
            Some(ContactRef::Organization(o)) => ListKind::Issuer(o, slug.clone()),
            _ => return,
        },
        other => other.clone(),
    };
    jobs.extend(pages.map(|page| Job::List(ListPage { list: list.clone(), page: page + 1 })));
}

/// The files of the directive lists' pages that `old` had and `new` has not (a list that lost
/// its last page, or went away), relative to the output folder.
pub(crate) fn vanished_list_pages((old, old_lists): (&Site, &Lists), (new, new_lists): (&Site, &Lists)) -> Vec<String> {
    let page_file = |job: Job| match job {
        Job::List(page) => Some(format!("{}index.html", page.path().trim_start_matches('/'))),
        _ => None,
    };
    let kept: HashSet<String> = new_lists.directive_list_pages(new).into_iter().filter_map(page_file).collect();
    old_lists.directive_list_pages(old).into_iter().filter_map(page_file).filter(|p| !kept.contains(p)).collect()
}

/// The jobs of `old` that made files `new` makes no more after `changed` pages went away:
/// their own pages (with each one's calendar and API file), a campaign's embeds, share image
/// and posters, the pages of short codes that lead nowhere now and of attachments no page
/// cites any more. Rendered from `old`, they name the files to remove.
pub(crate) fn gone_jobs(old: &Site, new: &Site, changed: &[Changed]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for change in changed.iter().filter(|change| own_page(new, change).is_none()) {
        let target = match own_page(old, change) {
            Some(Job::Pages(pages::Job::Directive(i))) => Target::Directive(i),
            Some(Job::Pages(pages::Job::Campaign(i))) => {
                jobs.extend([
                    Job::Embed(Embed::CampaignCard(i)),
                    Job::Embed(Embed::CampaignDirectives(i)),
                    Job::Pwa(pwa::render::Job::ShareImage(i)),
                    Job::ShortLinks(shortlinks::Job::Posters(Target::Campaign(i))),
                ]);
                Target::Campaign(i)
            }
            Some(Job::Pages(pages::Job::Guide(i))) => {
                jobs.push(Job::ShortLinks(shortlinks::Job::Posters(Target::Guide(i))));
                Target::Guide(i)
            }
            _ => continue,
        };
        jobs.extend(own_page(old, change));
        for (code, t) in &old.short_links.links {
            let still = new.short_links.links.contains_key(code) || new.short_links.retired.contains_key(code);
            if *t == target && !still {
                jobs.push(Job::ShortLinks(shortlinks::Job::ShortLink(code.clone(), *t)));
            }
        }
    }
    for (i, attachment) in old.attachments.iter().enumerate() {
        if !new.links.attachment_by_slug.contains_key(&attachment.slug) {
            jobs.push(Job::Pages(pages::Job::Attachment(i)));
        }
    }
    jobs
}

fn campaign_jobs(old: &Site, new: &Site, slug: &str, jobs: &mut Vec<Job>) {
    let Some(i) = campaign_index(new, slug) else {
        // Removed: its directives lose a link.
        if let Some(o) = campaign_index(old, slug) {
            for &d in &old.links.directives_of_campaign[o] {
                if let Some(&n) = new.links.directive_by_slug.get(&old.directives[d].source.slug) {
                    jobs.push(Job::Pages(pages::Job::Directive(n)));
                }
            }
        }
        jobs.extend(all_list_pages(new, ListKind::Campaigns, new.campaigns.len()));
        return;
    };
    campaign_pages(new, i, jobs);
    jobs.push(Job::Pwa(pwa::render::Job::ShareImage(i)));
    let campaign = &new.campaigns[i];
    jobs.extend(new.links.directives_of_campaign[i].iter().map(|&d| Job::Pages(pages::Job::Directive(d))));
    jobs.extend(new.links.guides_of_campaign[i].iter().map(|&g| Job::Pages(pages::Job::Guide(g))));
    for contact in campaign.contacts.iter().chain(campaign.organizer.iter()) {
        contact_jobs(new, &contact.value, jobs);
    }
    for use_ in &campaign.attachments {
        jobs.extend(use_.attachment.and_then(|i| pages::attachment_job(new, i)).map(Job::Pages));
    }
    jobs.extend(all_list_pages(new, ListKind::Campaigns, new.campaigns.len()));
    for tag in &campaign.tags {
        jobs.push(Job::List(ListPage { list: ListKind::Tag(crate::text::slugify(tag)), page: 1 }));
    }
    jobs.push(Job::List(ListPage { list: ListKind::Tags, page: 1 }));
    short_link_jobs(new, Target::Campaign(i), jobs);
}

fn guide_jobs(new: &Site, slug: &str, jobs: &mut Vec<Job>) {
    jobs.push(Job::List(ListPage { list: ListKind::Guides, page: 1 }));
    let Some(&i) = new.links.guide_by_slug.get(slug) else { return };
    jobs.push(Job::Pages(pages::Job::Guide(i)));
    let guide = &new.guides[i];
    for campaign in &guide.campaigns {
        if let Some(c) = campaign_index(new, &campaign.value) {
            // Its campaigns' pages list it and their posters print its title and short link.
            campaign_pages(new, c, jobs);
        }
    }
    for contact in &guide.contacts {
        contact_jobs(new, &contact.value, jobs);
    }
    for use_ in &guide.attachments {
        jobs.extend(use_.attachment.and_then(|i| pages::attachment_job(new, i)).map(Job::Pages));
    }
    if new.short_links.primary.contains_key(&Target::Guide(i)) {
        jobs.push(Job::ShortLinks(shortlinks::Job::Posters(Target::Guide(i))));
    }
    short_link_jobs(new, Target::Guide(i), jobs);
}

fn short_link_jobs(site: &Site, target: Target, jobs: &mut Vec<Job>) {
    for (code, t) in &site.short_links.links {
        if *t == target {
            jobs.push(Job::ShortLinks(shortlinks::Job::ShortLink(code.clone(), *t)));
        }
    }
}

fn all_list_pages(_site: &Site, list: ListKind, count: usize) -> Vec<Job> {
    (1..=count.div_ceil(PAGE_SIZE).max(1)).map(|page| Job::List(ListPage { list: list.clone(), page })).collect()
}
