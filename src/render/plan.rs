//! Which jobs an edit reaches. Each output module answers for its own jobs
//! (`jobs_for(change) -> Vec<Job>`: pages, list pages, feeds and calendars, the API, short
//! links and posters, embeds, the web app, server files, the editor's configuration), and
//! the plan of an incremental rebuild is their union ([`jobs_for`]). The search index is
//! not planned here: `loa serve` rebuilds it from the search documents on a thread of its
//! own. A new output module adds its own `jobs_for` and one line here.

use std::collections::HashSet;

use super::Job;
use super::lists::Lists;
use crate::content::{Directive, Kind, Site};

/// A content file that changed, by kind and slug.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub kind: Kind,
    pub slug: String,
}

/// An edit: the model and its lists before and after it, and the files it changed.
#[derive(Clone, Copy)]
pub struct Change<'a> {
    pub old: &'a Site,
    pub old_lists: &'a Lists,
    pub new: &'a Site,
    pub new_lists: &'a Lists,
    pub changed: &'a [Changed],
}

impl<'a> Change<'a> {
    /// The slugs of the changed files of one kind.
    pub(crate) fn slugs(&self, kind: Kind) -> impl Iterator<Item = &'a str> + use<'a> {
        self.changed.iter().filter(move |c| c.kind == kind).map(|c| c.slug.as_str())
    }

    /// An edited directive as it was (None when it is new) and its index after the edit
    /// (None when it is gone).
    pub(crate) fn directive(&self, slug: &str) -> (Option<&'a Directive>, Option<usize>) {
        let before = self.old.links.directive_by_slug.get(slug).map(|&i| &*self.old.directives[i]);
        (before, self.new.links.directive_by_slug.get(slug).copied())
    }

    /// The versions of an edited directive: before the edit, then after it.
    pub(crate) fn versions(&self, slug: &str) -> Vec<&'a Directive> {
        let (before, after) = self.directive(slug);
        before.into_iter().chain(after.map(|i| &*self.new.directives[i])).collect()
    }

    /// A campaign's index after the edit.
    pub(crate) fn campaign(&self, slug: &str) -> Option<usize> {
        self.new.links.campaign_by_slug.get(slug).copied()
    }

    /// A guide's index after the edit.
    pub(crate) fn guide(&self, slug: &str) -> Option<usize> {
        self.new.links.guide_by_slug.get(slug).copied()
    }

    /// The campaigns (indices after the edit) whose page, embeds and posters show what
    /// changed: those an edited directive names before or after the edit, an edited
    /// campaign itself, an edited guide's campaigns.
    pub(crate) fn campaigns_shown(&self) -> Vec<usize> {
        let mut campaigns = Vec::new();
        for change in self.changed {
            match change.kind {
                Kind::Directive => {
                    for d in self.versions(&change.slug) {
                        campaigns.extend(d.campaigns.iter().filter_map(|c| self.campaign(&c.value)));
                    }
                }
                Kind::Campaign => campaigns.extend(self.campaign(&change.slug)),
                Kind::Guide => {
                    let guide = self.guide(&change.slug).map(|g| &self.new.guides[g]);
                    campaigns.extend(guide.iter().flat_map(|g| &g.campaigns).filter_map(|c| self.campaign(&c.value)));
                }
                Kind::Organization | Kind::Person | Kind::Result => {}
            }
        }
        campaigns
    }
}

/// Every job an edit reaches, the union of each output module's answer, each job once;
/// None when the edit reaches too far to track (an organization, person or result, which
/// pages everywhere name) and a full render is simpler.
pub fn jobs_for(change: &Change<'_>) -> Option<Vec<Job>> {
    let far = |kind: Kind| matches!(kind, Kind::Organization | Kind::Person | Kind::Result);
    if change.changed.iter().any(|c| far(c.kind)) {
        return None;
    }
    let mut changed = change.changed.to_vec();
    for slug in acted_on(change) {
        let reached = Changed { kind: Kind::Directive, slug };
        if !changed.contains(&reached) {
            changed.push(reached);
        }
    }
    let change = &Change { changed: &changed, ..*change };
    let mut jobs = Vec::new();
    jobs.extend(super::pages::jobs_for(change).into_iter().map(Job::Pages));
    jobs.extend(super::list_pages::jobs_for(change).into_iter().map(Job::List));
    jobs.extend(crate::feeds::jobs_for(change));
    jobs.extend(crate::feeds::api::jobs_for(change));
    jobs.extend(super::shortlinks::jobs_for(change).into_iter().map(Job::ShortLinks));
    jobs.extend(super::embeds::jobs_for(change).into_iter().map(Job::Embed));
    jobs.extend(crate::pwa::render::jobs_for(change));
    jobs.extend(super::server_files::jobs_for(change).into_iter().map(Job::ServerFiles));
    jobs.extend(crate::cms::jobs_for(change));
    jobs.extend(retitled_attachments(change).into_iter().map(Job::Pages));
    jobs.extend(citing_deleted(change).into_iter().map(Job::Pages));
    let mut seen = HashSet::new();
    jobs.retain(|job| seen.insert(job.clone()));
    Some(jobs)
}

/// The directives an edit reaches through their legal status (tình trạng hiệu lực) and its
/// trail, by slug: those an edited directive amends, replaces, corrects or extends, before
/// or after the edit (their trail names it), and any other whose status or trail reads
/// otherwise after the edit. Each shows the edit as an edited directive would: on its page
/// and on every list it sits on.
fn acted_on(change: &Change<'_>) -> Vec<String> {
    use crate::content::life::Acted;
    let mut slugs = Vec::new();
    for slug in change.slugs(Kind::Directive) {
        let before = change.old.links.directive_by_slug.get(slug).map(|&i| (change.old, i));
        let after = change.new.links.directive_by_slug.get(slug).map(|&i| (change.new, i));
        for (site, i) in before.into_iter().chain(after) {
            let acts = site.life.get(i).map_or(&[][..], |life| &life.acts[..]);
            for (_, acted) in acts {
                if let Acted::Directive(t) = acted {
                    slugs.push(site.directives[*t].source.slug.clone());
                }
            }
        }
    }
    // Every directive is compared on each edit: without a copy of anything.
    let (old, new) = (change.old, change.new);
    for (j, d) in new.directives.iter().enumerate() {
        let Some(&i) = old.links.directive_by_slug.get(&d.source.slug) else { continue };
        if !same_status_shown((old, i), (new, j)) {
            slugs.push(d.source.slug.clone());
        }
    }
    slugs
}

/// Whether directive `i` of one model and `j` of another show the same status and trail:
/// the same status and dates, and the same relations declared on it, the newer directives
/// named by slug (their indices may differ between the models).
fn same_status_shown((a, i): (&Site, usize), (b, j): (&Site, usize)) -> bool {
    match (a.life.get(i), b.life.get(j)) {
        (Some(x), Some(y)) => {
            (x.status, x.effective, x.expires, x.withdrawn) == (y.status, y.effective, y.expires, y.withdrawn)
                && x.acted_on.len() == y.acted_on.len()
                && x.acted_on.iter().zip(&y.acted_on).all(|((r, by, from), (s, by2, from2))| {
                    r == s && from == from2 && a.directives[*by].source.slug == b.directives[*by2].source.slug
                })
        }
        (x, y) => x.is_none() && y.is_none(),
    }
}

/// The pages of the other pages that attach a file whose own title or number an edited
/// directive changed (it cites the file first: the file takes its title from it), and of
/// their campaigns, which list their files: where a page gives the file no title or
/// number of its own, the file's shows.
fn retitled_attachments(change: &Change<'_>) -> Vec<super::pages::Job> {
    use super::pages::Job as Page;
    use crate::content::site::AttachmentUser;
    let (old, new) = (change.old, change.new);
    let mut jobs = Vec::new();
    for slug in change.slugs(Kind::Directive) {
        for d in change.versions(slug) {
            for a in d.attachments.iter().filter_map(|u| u.attachment) {
                let Some(before) = old.attachments.get(a) else { continue };
                let Some(&now) = new.links.attachment_by_slug.get(&before.slug) else { continue };
                let after = &new.attachments[now];
                if (&before.title, &before.number) == (&after.title, &after.number) {
                    continue;
                }
                for user in &new.links.users_of_attachment[now] {
                    match *user {
                        // A campaign's page lists its directives' files too.
                        AttachmentUser::Directive(i) => {
                            jobs.push(Page::Directive(i));
                            let campaigns = new.directives[i].campaigns.iter();
                            jobs.extend(campaigns.filter_map(|c| change.campaign(&c.value)).map(Page::Campaign));
                        }
                        AttachmentUser::Campaign(i) => jobs.push(Page::Campaign(i)),
                        AttachmentUser::Guide(i) => jobs.push(Page::Guide(i)),
                    }
                }
            }
        }
    }
    jobs
}

/// The pages of the directives that cited a deleted directive by its number: their căn
/// cứ linked to it and no longer does.
fn citing_deleted(change: &Change<'_>) -> Vec<super::pages::Job> {
    let (old, new) = (change.old, change.new);
    let mut jobs = Vec::new();
    for slug in change.slugs(Kind::Directive) {
        let (Some(&i), None) = (old.links.directive_by_slug.get(slug), new.links.directive_by_slug.get(slug)) else {
            continue;
        };
        for &c in &old.links.citations_of_directive[i] {
            let citing = &old.directives[c].source.slug;
            jobs.extend(new.links.directive_by_slug.get(citing).map(|&n| super::pages::Job::Directive(n)));
        }
    }
    jobs
}
