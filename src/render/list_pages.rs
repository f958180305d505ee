//! Output `lists`: the pages of the lists (by year, issuer, document type, tag; campaigns,
//! guides, contacts, attachments), from the groupings of [`super::lists::Lists`].

use super::lists::{ListKind, ListPage, Lists, PAGE_SIZE, listed_attachments, written_pages};
use super::{OutputFile, RenderCtx, page_file};
use crate::content::{ContactRef, Site};
use crate::diag::Diagnostics;

/// A list job: one page of one list.
pub type Job = ListPage;

/// The list pages an edit reaches ([`crate::render::plan`]): for an edited directive, the
/// pages of each list it was or is on from its old to its new place (every page of a list
/// that grew or shrank) and the tag index; for a campaign, the campaign list, its tags and
/// the tag index; for a guide, the guide list; the attachment list when a file is cited for
/// the first time or no more; every directive list's pages when the filter column's counts
/// changed.
pub(crate) fn jobs_for(change: &crate::render::plan::Change<'_>) -> Vec<Job> {
    use crate::content::Kind;
    let (old, new) = ((change.old, change.old_lists), (change.new, change.new_lists));
    let mut jobs = Vec::new();
    for slug in change.slugs(Kind::Directive) {
        for list in lists_of(old, slug).into_iter().chain(lists_of(new, slug)) {
            list_pages(old, new, &list, slug, &mut jobs);
        }
        jobs.push(ListPage { list: ListKind::Tags, page: 1 });
    }
    for slug in change.slugs(Kind::Campaign) {
        jobs.extend(all_pages(ListKind::Campaigns, new.0.campaigns.len()));
        let Some(i) = change.campaign(slug) else { continue };
        for tag in &new.0.campaigns[i].tags {
            jobs.push(ListPage { list: ListKind::Tag(crate::text::slugify(tag)), page: 1 });
        }
        jobs.push(ListPage { list: ListKind::Tags, page: 1 });
    }
    if change.slugs(Kind::Guide).next().is_some() {
        jobs.push(ListPage { list: ListKind::Guides, page: 1 });
    }
    fn titled(site: &Site, i: usize) -> (&str, &str) {
        (&site.attachments[i].slug, &site.attachments[i].title)
    }
    if !listed_attachments(old.0).map(|i| titled(old.0, i)).eq(listed_attachments(new.0).map(|i| titled(new.0, i))) {
        jobs.extend(all_pages(ListKind::Attachments, listed_attachments(new.0).count()));
    }
    // The filter column of every directive list counts types and issuers and names the years.
    if old.1.facet_counts(old.0) != new.1.facet_counts(new.0) {
        let pages = new.1.directive_list_pages(new.0).into_iter();
        jobs.extend(pages.filter_map(|job| match job {
            super::Job::List(page) => Some(page),
            _ => None,
        }));
    }
    jobs
}

/// Every page of a list of `count` items.
fn all_pages(list: ListKind, count: usize) -> Vec<Job> {
    (1..=written_pages(&list, count)).map(|page| ListPage { list: list.clone(), page }).collect()
}

/// The lists a directive appears on.
pub(crate) fn lists_of((site, lists): (&Site, &Lists), slug: &str) -> Vec<ListKind> {
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
fn members(site: &Site, lists: &Lists, list: &ListKind) -> Option<Vec<usize>> {
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
/// and the number of pages). Pages a list lost are removed by `loa serve`.
fn list_pages(old: (&Site, &Lists), new: (&Site, &Lists), list: &ListKind, slug: &str, jobs: &mut Vec<Job>) {
    let place = |(site, lists): (&Site, &Lists)| -> Option<(Option<usize>, usize)> {
        let items = members(site, lists, list)?;
        let position = items.iter().position(|&i| site.directives[i].source.slug == slug);
        Some((position, items.len()))
    };
    let (old_place, old_len) = place(old).unwrap_or((None, 0));
    // A list the edit emptied is gone: nothing of it to render.
    let Some((new_place, new_len)) = place(new) else { return };
    let Some(first) = old_place.into_iter().chain(new_place).min() else { return };
    let pages = if old_len != new_len {
        0..written_pages(list, new_len)
    } else {
        let last = old_place.into_iter().chain(new_place).max().unwrap_or(first);
        first / PAGE_SIZE..last / PAGE_SIZE + 1
    };
    let list = match list {
        ListKind::Issuer(_, slug) => match new.0.contact(slug) {
            Some(ContactRef::Organization(o)) => ListKind::Issuer(o, slug.clone()),
            _ => return,
        },
        other => other.clone(),
    };
    let written = written_pages(&list, new_len);
    jobs.extend(pages.filter(|&page| page < written).map(|page| ListPage { list: list.clone(), page: page + 1 }));
}

/// Renders one page of a list.
pub(crate) fn render(ctx: &RenderCtx<'_>, list: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let (title, data) = ctx.lists.list_view(list, &ctx.views);
    let path = list.path();
    let html = ctx.render_page(&path, list.template(), &title, None, "list", data, problems)?;
    Some(vec![(page_file(&path), html.into_bytes())])
}
