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
use crate::render::list_pages::lists_of;
use crate::render::lists::{ListKind, Lists};
use crate::render::{Job, pages, server_files, shortlinks};

pub use crate::render::plan::Changed;

/// The jobs to re-run after `changed` files went from `old` to `new`: the union of what each
/// output module answers ([`crate::render::plan::jobs_for`]); None when the change reaches
/// too far to track (an organization or person renamed everywhere) and a full render is
/// simpler.
pub fn affected_jobs(
    (old, old_lists): (&Site, &Lists),
    (new, new_lists): (&Site, &Lists),
    changed: &[Changed],
) -> Option<Vec<Job>> {
    crate::render::plan::jobs_for(&crate::render::plan::Change { old, old_lists, new, new_lists, changed })
}

/// An edit's jobs in the order their files are written.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Stages {
    /// The edited pages themselves: what the person who saved is looking at (for a deleted
    /// page whose address now sends readers elsewhere, the redirect page there).
    pub edited: Vec<Job>,
    /// The pages that show the edit: the lists the edited directives sit on, their
    /// campaigns, issuers and contacts, the home page, feeds, embeds, the server files…
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
        changed.iter().filter(|c| c.kind == Kind::Directive).flat_map(|c| lists_of((site, lists), &c.slug)).collect();
    let mut stages = Stages { edited: redirect_jobs(site, changed), ..Stages::default() };
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

/// The redirect pages at the addresses of the pages `changed` deleted that send readers
/// elsewhere in `site` (a `redirect:` in the record of published pages, another page's
/// `aliases:`): what the person who deleted a page opens next, written on their own ahead
/// of the server files, which write them too.
fn redirect_jobs(site: &Site, changed: &[Changed]) -> Vec<Job> {
    let mut jobs: Vec<Job> = changed
        .iter()
        .filter(|change| own_page(site, change).is_none())
        .filter_map(page_address)
        .filter(|address| server_files::redirect_target(site, address).is_some())
        .map(|address| Job::ServerFiles(server_files::Job::Redirect(address)))
        .collect();
    jobs.dedup();
    jobs
}

/// The site path of a changed file's page, for the kinds the record of published pages
/// holds.
fn page_address(change: &Changed) -> Option<String> {
    match change.kind {
        Kind::Directive => Some(crate::content::paths::directive(&change.slug)),
        Kind::Campaign => Some(crate::content::paths::campaign(&change.slug)),
        Kind::Guide => Some(crate::content::paths::guide(&change.slug)),
        Kind::Organization | Kind::Person | Kind::Result => None,
    }
}

/// The own pages in `old` of the campaigns, directives and guides that `changed` deleted
/// (none in `new`): rendered from `old`, they name the files the edit removes first, before
/// the pages that showed them are written (what is left of a deleted page is removed after
/// them, [`gone_jobs`]).
pub fn deleted_pages(old: &Site, new: &Site, changed: &[Changed]) -> Vec<Job> {
    changed
        .iter()
        .filter(|change| page_address(change).is_some() && own_page(new, change).is_none())
        .filter_map(|change| own_page(old, change))
        .collect()
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
        // No page changed (the record of published pages did): the same pages in the same lists.
        [] => Some(old_lists.clone()),
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
/// their own pages (with a campaign's feed and calendar), a campaign's embed, share image
/// and print pages, the pages of short codes that lead nowhere now and of attachments no page
/// cites any more. Rendered from `old`, they name the files to remove.
pub(crate) fn gone_jobs(old: &Site, new: &Site, changed: &[Changed]) -> Vec<Job> {
    let mut jobs = Vec::new();
    for change in changed.iter().filter(|change| own_page(new, change).is_none()) {
        let target = match own_page(old, change) {
            Some(Job::Pages(pages::Job::Directive(i))) => Target::Directive(i),
            Some(Job::Pages(pages::Job::Campaign(i))) => {
                jobs.extend([
                    Job::Embed(Embed::Campaign(i)),
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
