//! How far a patch of the model reaches: the edited directives before and after, and the
//! steps of derivation whose previous results still hold for them. `derive` asks here
//! before running a step over the whole portal; a step kept here gives exactly what running
//! it again would (the differential test `tests/it/model_patch.rs` holds that).

use std::collections::HashSet;
use std::path::PathBuf;

use super::Edit;
use super::model::Directive;
use super::site::{AttachmentUser, Links, Site};
use crate::diag::Diagnostic;

/// What derivation found in steps a patch may keep, stored with the model.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Derived {
    /// The problems found resolving attachments.
    pub attachments: Vec<Diagnostic>,
    /// The problems found checking the record of published pages.
    pub published: Vec<Diagnostic>,
    /// The problems found resolving short links.
    pub short_links: Vec<Diagnostic>,
    /// The short-link registry's text as last read, as `record`.
    pub registry: Option<Option<String>>,
    /// The record's text as last read: Some(None) when there is no record, None when it
    /// could not be read (it is read and checked again).
    pub record: Option<Option<String>>,
    /// Each directive's own problems, in the model's order (`validate::DirectiveChecks`).
    pub checks: Vec<std::sync::Arc<super::validate::DirectiveChecks>>,
}

/// The edited files as the model held them before a patch, and where they are after it.
#[derive(Debug, Default)]
pub(super) struct Before {
    /// An edit touched something other than a directive (or a directive became something
    /// else): every step runs again.
    other: bool,
    /// Each edited directive file: its index and version before, then after the patch.
    directives: Vec<Versions>,
}

#[derive(Debug)]
struct Versions {
    path: PathBuf,
    old: Option<(usize, Directive)>,
    new: Option<usize>,
}

impl Before {
    /// The items `edits` replace or remove, read from the model before they are applied.
    pub(super) fn take(site: &Site, edits: &[Edit]) -> Before {
        let mut before = Before::default();
        for edit in edits {
            let path = match edit {
                Edit::Put(item) => {
                    if !matches!(**item, super::load::Loaded::Directive(_)) {
                        before.other = true;
                    }
                    item.source().path.clone()
                }
                Edit::Remove(path) => path.clone(),
            };
            // The model's paths are made one way: their bytes compare ([`Site::patch_items`]).
            let held = |p: &PathBuf| p.as_os_str() == path.as_os_str();
            if site.campaigns.iter().any(|c| held(&c.source.path))
                || site.guides.iter().any(|g| held(&g.source.path))
                || site.organizations.iter().any(|o| held(&o.source.path))
                || site.people.iter().any(|p| held(&p.source.path))
                || site.results.iter().any(|r| held(&r.source.path))
                || before.directives.iter().any(|v| v.path == path)
            {
                before.other = true;
            }
            let old =
                site.directives.iter().position(|d| held(&d.source.path)).map(|i| (i, (*site.directives[i]).clone()));
            before.directives.push(Versions { path, old, new: None });
        }
        before
    }

    /// Notes where each edited directive sits after the patch.
    pub(super) fn locate_after(&mut self, site: &Site) {
        for versions in &mut self.directives {
            let path = versions.path.as_os_str();
            versions.new = site.directives.iter().position(|d| d.source.path.as_os_str() == path);
        }
    }

    fn pairs<'a>(&'a self, site: &'a Site) -> impl Iterator<Item = (Option<&'a Directive>, Option<&'a Directive>)> {
        self.directives.iter().map(|v| (v.old.as_ref().map(|(_, d)| d), v.new.map(|i| &*site.directives[i])))
    }

    /// Whether resolving attachments again would give what the model holds: no edited
    /// directive changed what it attaches, and none that moved in the order (which numbers
    /// the attachments by their first citation) is or becomes the first to cite one of its
    /// files. `previous` are the links of the model before the edit.
    pub(super) fn keeps_attachments(&self, site: &Site, previous: &Links) -> bool {
        if self.other {
            return false;
        }
        let mut remap = None;
        self.directives.iter().all(|v| {
            let old = v.old.as_ref().map(|(_, d)| d);
            let new = v.new.map(|i| &*site.directives[i]);
            let (before, after) = (attachment_uses(old), attachment_uses(new));
            if before != after {
                return false;
            }
            let (Some((from, old)), Some(to)) = (&v.old, v.new) else { return after.is_empty() };
            if after.is_empty() || *from == to {
                return true;
            }
            let remap = remap.get_or_insert_with(|| self.remap(site, previous.citations_of_directive.len()));
            old.attachments.iter().filter_map(|u| u.attachment).all(|a| {
                previous.users_of_attachment.get(a).is_some_and(|users| {
                    users
                        .iter()
                        .find_map(|u| match *u {
                            AttachmentUser::Directive(i) => remap[i].map(|new| (i, new)),
                            _ => None,
                        })
                        .is_some_and(|(first, first_new)| first < *from && first_new < to)
                })
            })
        })
    }

    /// Gives the edited directives the attachment indices their earlier versions had (they
    /// attach the same files: [`Before::keeps_attachments`]).
    pub(super) fn carry_attachments(&self, site: &mut Site) {
        for v in &self.directives {
            if let (Some((_, old)), Some(i)) = (&v.old, v.new) {
                let directive = std::sync::Arc::make_mut(&mut site.directives[i]);
                for (use_, was) in directive.attachments.iter_mut().zip(&old.attachments) {
                    use_.attachment = was.attachment;
                }
            }
        }
    }

    /// Resolves the attachments of the edited directives alone, keeping the resolution of
    /// the model before for every other page: true when that gives what resolving every
    /// page would. It does when the model before resolved without a problem, every file an
    /// edited directive attaches now is already an attachment, and the attachments the
    /// edit touches keep a first citation (which numbers and titles them) in their place
    /// among their neighbours'. An attachment whose first citation changed takes its title
    /// and number from the new one (a shared file's title edited). False, changing nothing,
    /// when an attachment comes, goes or moves in the numbering: every page is resolved again.
    pub(super) fn patch_attachments(
        &self,
        site: &mut Site,
        hashes: &super::attachments::FileHashes,
        previous: &Links,
    ) -> bool {
        if self.other || !site.derived.attachments.is_empty() {
            return false;
        }
        let remap = self.remap(site, previous.citations_of_directive.len());
        // Each edited directive's index after the edit and the attachment each of its uses names.
        let mut cites: Vec<(usize, Vec<usize>)> = Vec::new();
        for i in self.directives.iter().filter_map(|v| v.new) {
            let d = &site.directives[i];
            let Some(paths) = super::attachments::locate_uses(site, hashes, &d.attachments, &d.source.folder) else {
                return false;
            };
            let Some(indices) = paths.iter().map(|p| previous.attachment_by_path.get(p).copied()).collect() else {
                return false;
            };
            cites.push((i, indices));
        }
        let citations = Citations { site, previous, remap: &remap, cites: &cites };
        let mut touched: Vec<usize> = self
            .directives
            .iter()
            .filter_map(|v| v.old.as_ref())
            .flat_map(|(_, d)| d.attachments.iter().filter_map(|u| u.attachment))
            .chain(cites.iter().flat_map(|(_, indices)| indices.iter().copied()))
            .collect();
        touched.sort_unstable();
        touched.dedup();
        let count = site.attachments.len();
        let in_place = touched.iter().all(|&a| {
            let key = citations.first(a);
            let before = a.checked_sub(1).map(|b| citations.first(b));
            let after = (a + 1 < count).then(|| citations.first(a + 1));
            key.is_some()
                && before.is_none_or(|b| b.is_some() && b < key)
                && after.is_none_or(|n| n.is_some() && key < n)
        });
        if !in_place {
            return false;
        }
        let firsts: Vec<(usize, (AttachmentUser, usize))> =
            touched.iter().filter_map(|&a| citations.first(a).map(|key| (a, key))).collect();
        for (i, indices) in &cites {
            let directive = std::sync::Arc::make_mut(&mut site.directives[*i]);
            for (use_, &a) in directive.attachments.iter_mut().zip(indices) {
                use_.attachment = Some(a);
            }
        }
        for (a, (user, position)) in firsts {
            let use_ = match user {
                AttachmentUser::Directive(i) => &site.directives[i].attachments[position],
                AttachmentUser::Campaign(i) => &site.campaigns[i].attachments[position],
                AttachmentUser::Guide(i) => &site.guides[i].attachments[position],
            };
            let title = super::attachments::first_title(use_, &site.attachments[a].path);
            let number = use_.number.clone();
            if site.attachments[a].title != title || site.attachments[a].number != number {
                let attachment = &mut std::sync::Arc::make_mut(&mut site.attachments)[a];
                (attachment.title, attachment.number) = (title, number);
            }
        }
        true
    }

    /// Each directive's own problems after the patch: those of the model before for the
    /// directives no edit touched (an edit of directives changes no lookup their checks
    /// read), checked anew for the edited ones. Every directive is checked when an edit
    /// touched something else, or `old` is not one per directive of the model before
    /// (`old_count` directives).
    pub(super) fn patched_checks(
        &self,
        site: &Site,
        old: &[std::sync::Arc<super::validate::DirectiveChecks>],
        old_count: usize,
    ) -> Vec<std::sync::Arc<super::validate::DirectiveChecks>> {
        if self.other || old.len() != old_count {
            return super::validate::check_directives(site);
        }
        let check = |i: usize| super::validate::check_directive(site, &site.directives[i]);
        let mut checks = vec![None; site.directives.len()];
        for (old_index, new_index) in self.remap(site, old_count).into_iter().enumerate() {
            if let Some(n) = new_index {
                checks[n] = Some(old[old_index].clone());
            }
        }
        checks.into_iter().enumerate().map(|(i, kept)| kept.unwrap_or_else(|| check(i))).collect()
    }

    /// Whether the record of published pages reads the same from the model: no edited
    /// directive came, went, changed slug, went live or stopped being live, or changed aliases.
    pub(super) fn keeps_published(&self, site: &Site) -> bool {
        let key = |d: Option<&Directive>| {
            d.map(|d| {
                let aliases: Vec<String> = d.aliases.iter().map(|a| a.value.clone()).collect();
                (d.source.slug.clone(), !d.draft && !site.is_scheduled(&d.publish), aliases)
            })
        };
        !self.other && self.pairs(site).all(|(old, new)| key(old) == key(new))
    }

    /// The site paths of the pages whose line of the record an edit of directives may
    /// change (each edited directive's, before and after): None when it reaches further
    /// (another kind of page edited, or a directive renamed from an old path by `aliases:`).
    pub(super) fn published_pages(&self, site: &Site) -> Option<Vec<String>> {
        if self.other {
            return None;
        }
        let mut pages = Vec::new();
        for (old, new) in self.pairs(site) {
            for d in old.into_iter().chain(new) {
                if !d.aliases.is_empty() {
                    return None;
                }
                pages.push(super::paths::directive(&d.source.slug));
            }
        }
        Some(pages)
    }

    /// Whether resolving short links again would give what the model holds, its pages
    /// renumbered: no edited directive has or had a short link (a `short:` code or
    /// `aliases:`), so the pages with codes, their order and titles are as they were.
    pub(super) fn keeps_short_links(&self, site: &Site) -> bool {
        let coded = |d: Option<&Directive>| d.is_some_and(|d| d.short.is_some() || !d.aliases.is_empty());
        !self.other && self.pairs(site).all(|(old, new)| !coded(old) && !coded(new))
    }

    /// The short links of the model before the edit, their directives renumbered
    /// ([`Before::keeps_short_links`]: no edited directive is a target).
    pub(super) fn renumber_short_links(&self, site: &mut Site, old_count: usize) {
        let remap = self.remap(site, old_count);
        let renumber = |target: &mut super::shortlinks::Target| {
            if let super::shortlinks::Target::Directive(i) = target {
                *i = remap[*i].expect("an edited directive has no short link");
            }
        };
        let links = &mut site.short_links;
        links.links.values_mut().for_each(renumber);
        links.primary = std::mem::take(&mut links.primary)
            .into_iter()
            .map(|(mut target, code)| {
                renumber(&mut target);
                (target, code)
            })
            .collect();
    }

    /// Whether the reverse links can be patched from `previous` (the links of the model
    /// before the edit; `lookups` are the slug lookups after it): not when the edit reaches
    /// further than the directives' own links, as when a directive came or went with a
    /// number, an edited number or one another directive shares, or attachments were
    /// numbered anew.
    pub(super) fn can_relink(&self, site: &Site, lookups: &Links, previous: &Links, attachments_kept: bool) -> bool {
        if self.other || !attachments_kept {
            return false;
        }
        let key = |d: &Directive| d.number.as_ref().filter(|n| n.number.is_some()).map(|n| n.key.clone());
        self.directives.iter().all(|v| {
            let old = v.old.as_ref().map(|(i, d)| (*i, key(d)));
            let new = v.new.map(|i| (i, key(&site.directives[i])));
            let wins = |links: &Links, (i, k): &(usize, Option<String>)| {
                k.as_ref().is_none_or(|k| links.directive_by_number.get(k) == Some(i))
            };
            // A number that comes or goes with a page: no other page has it, before or after.
            let alone = |links: &Links, k: &Option<String>| {
                k.as_ref().is_none_or(|k| !links.directive_by_number.contains_key(k))
            };
            match (old, new) {
                (Some(old), Some(new)) => old.1 == new.1 && wins(previous, &old) && wins(lookups, &new),
                (Some(old), None) => wins(previous, &old) && alone(lookups, &old.1),
                (None, Some(new)) => wins(lookups, &new) && alone(previous, &new.1),
                (None, None) => true,
            }
        })
    }

    /// `lookups` (the slug lookups of the model after the edit) with the reverse links of
    /// `previous` renumbered and the edited directives' own links put in.
    pub(super) fn patched_links(&self, site: &Site, mut links: Links, previous: &Links) -> Links {
        let remap = self.remap(site, previous.citations_of_directive.len());
        let map = |list: &[usize]| -> Vec<usize> { list.iter().filter_map(|&i| remap[i]).collect() };
        links.attachment_by_slug = previous.attachment_by_slug.clone();
        links.attachment_by_path = previous.attachment_by_path.clone();
        links.guides_of_campaign = previous.guides_of_campaign.clone();
        links.children_of_organization = previous.children_of_organization.clone();
        links.people_of_organization = previous.people_of_organization.clone();
        links.campaigns_of_contact = previous.campaigns_of_contact.clone();
        links.guides_of_contact = previous.guides_of_contact.clone();
        links.results_of_campaign = previous.results_of_campaign.clone();
        links.directives_of_campaign = previous.directives_of_campaign.iter().map(|l| map(l)).collect();
        links.directives_of_issuer = previous.directives_of_issuer.iter().map(|l| map(l)).collect();
        links.directives_of_contact = previous.directives_of_contact.iter().map(|(k, l)| (k.clone(), map(l))).collect();
        links.users_of_attachment = previous
            .users_of_attachment
            .iter()
            .map(|users| {
                users
                    .iter()
                    .filter_map(|u| match *u {
                        AttachmentUser::Directive(i) => remap[i].map(AttachmentUser::Directive),
                        other => Some(other),
                    })
                    .collect()
            })
            .collect();
        // Who cites each directive: an edited directive keeps the citers of its earlier
        // version (its number is unchanged and its own).
        let mut citations = vec![Vec::new(); site.directives.len()];
        for (old, list) in previous.citations_of_directive.iter().enumerate() {
            if let Some(new) = remap[old] {
                citations[new] = map(list);
            }
        }
        for v in &self.directives {
            match (&v.old, v.new) {
                (Some((old, _)), Some(new)) => citations[new] = map(&previous.citations_of_directive[*old]),
                // A new page with a number: the pages that cite it ([`Before::can_relink`]: its
                // number is its own).
                (None, Some(new)) => citations[new] = citing(site, new),
                _ => {}
            }
        }
        links.citations_of_directive = citations;
        for i in self.directives.iter().filter_map(|v| v.new) {
            let directive = &site.directives[i];
            super::site::link_directive(&mut links, i, directive);
        }
        // Each list in directive order, as linking every directive in turn makes it; a
        // contact no directive names any more has no list.
        let sort = |lists: &mut Vec<Vec<usize>>| lists.iter_mut().for_each(|l| l.sort_unstable());
        sort(&mut links.directives_of_campaign);
        sort(&mut links.directives_of_issuer);
        sort(&mut links.citations_of_directive);
        links.directives_of_contact.values_mut().for_each(|l| l.sort_unstable());
        links.directives_of_contact.retain(|_, l| !l.is_empty());
        for users in &mut links.users_of_attachment {
            users.sort();
            users.dedup();
        }
        links
    }

    /// Each directive index before the patch → its index after, None for an edited one.
    /// The directives no edit touched keep their order, so the two lists of them, in order,
    /// pair up.
    fn remap(&self, site: &Site, old_count: usize) -> Vec<Option<usize>> {
        let edited_old: HashSet<usize> =
            self.directives.iter().filter_map(|v| v.old.as_ref().map(|(i, _)| *i)).collect();
        let edited_new: HashSet<usize> = self.directives.iter().filter_map(|v| v.new).collect();
        let kept_new = (0..site.directives.len()).filter(|i| !edited_new.contains(i));
        let mut remap = vec![None; old_count];
        for (old, new) in (0..old_count).filter(|i| !edited_old.contains(i)).zip(kept_new) {
            remap[old] = Some(new);
        }
        remap
    }
}

/// The directives that cite directive `i` by its number in their căn cứ, in order, once per
/// reference (as linking every directive in turn lists them).
fn citing(site: &Site, i: usize) -> Vec<usize> {
    let Some(key) = site.directives[i].number.as_ref().filter(|n| n.number.is_some()).map(|n| &n.key) else {
        return Vec::new();
    };
    let mut citing = Vec::new();
    for (j, d) in site.directives.iter().enumerate().filter(|(j, _)| *j != i) {
        let refs = d.references.iter().filter(|r| r.number.as_ref().is_some_and(|n| n.key == *key));
        citing.extend(refs.map(|_| j));
    }
    citing
}

/// Who cites each attachment after an edit of directives, from the links of the model
/// before it (`previous`, its directives renumbered by `remap`) and the edited directives'
/// citations (`cites`: each one's index and the attachment of each of its uses).
struct Citations<'a> {
    site: &'a Site,
    previous: &'a Links,
    remap: &'a [Option<usize>],
    cites: &'a [(usize, Vec<usize>)],
}

impl Citations<'_> {
    /// The first citation of attachment `a` in the order [`super::attachments::resolve`]
    /// visits pages (directives, campaigns, guides, each page's files in turn): the page
    /// and the place of the file among its attachments. None when no page cites it (a
    /// result's entry may: not tracked here).
    fn first(&self, a: usize) -> Option<(AttachmentUser, usize)> {
        let kept = self.previous.users_of_attachment.get(a)?.iter().filter_map(|u| match *u {
            AttachmentUser::Directive(i) => self.remap[i].map(AttachmentUser::Directive),
            other => Some(other),
        });
        let edited =
            self.cites.iter().filter(|(_, indices)| indices.contains(&a)).map(|(i, _)| AttachmentUser::Directive(*i));
        let user = kept.chain(edited).min()?;
        let position = match user {
            AttachmentUser::Directive(i) => match self.cites.iter().find(|(e, _)| *e == i) {
                Some((_, indices)) => indices.iter().position(|&x| x == a),
                None => self.site.directives[i].attachments.iter().position(|u| u.attachment == Some(a)),
            },
            AttachmentUser::Campaign(i) => {
                self.site.campaigns[i].attachments.iter().position(|u| u.attachment == Some(a))
            }
            AttachmentUser::Guide(i) => self.site.guides[i].attachments.iter().position(|u| u.attachment == Some(a)),
        }?;
        Some((user, position))
    }
}

/// What resolving a directive's attachments reads of it: each file as written (with its
/// place, which messages name), title and number, and the folder it is looked up from.
type Use<'a> = (&'a crate::content::fields::Spanned<String>, &'a Option<String>, &'a Option<String>, &'a PathBuf);

fn attachment_uses(directive: Option<&Directive>) -> Vec<Use<'_>> {
    let Some(d) = directive else { return Vec::new() };
    d.attachments.iter().map(|u| (&u.file, &u.title, &u.number, &d.source.folder)).collect()
}
