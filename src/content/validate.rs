//! Validate: the rules that look across files (refs, unique slugs and short codes).
//! Rules about one field live where the field is read (`load.rs`).

use std::collections::HashMap;
use std::path::Path;

use super::fields::{Ref, Spanned};
use super::site::{ContactRef, Site};
use crate::diag::{Diagnostic, Position, did_you_mean};

/// Every cross-file problem of the site.
pub fn validate(site: &Site) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    check_unique_slugs(site, &mut diagnostics);
    check_refs(site, &mut diagnostics);
    check_short_codes(site, &mut diagnostics);
    check_directive_warnings(site, &mut diagnostics);
    check_replacements(site, &mut diagnostics);
    check_links_to_scheduled(site, &mut diagnostics);
    check_field_slugs(site, &mut diagnostics);
    super::results::check(site, &mut diagnostics);
    diagnostics.extend(super::format::check(site));
    diagnostics
}

/// A directive's `fields` name lĩnh vực of `site.yaml`'s controlled list.
fn check_field_slugs(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for d in &site.directives {
        for field in &d.fields {
            if site.config.field(&field.value).is_some() {
                continue;
            }
            let slugs = site.config.fields.iter().map(|f| f.slug.as_str());
            let hint = match did_you_mean(&field.value, slugs) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None if site.config.fields.is_empty() => {
                    "list the portal's lĩnh vực in site.yaml: fields: [{slug: nong-nghiep, name: Nông nghiệp}]"
                        .to_owned()
                }
                None => format!(
                    "the lĩnh vực of site.yaml are: {}",
                    site.config.fields.iter().map(|f| f.slug.as_str()).collect::<Vec<_>>().join(", ")
                ),
            };
            diagnostics.push(
                Diagnostic::error(
                    &d.source.path,
                    field.position,
                    format!("`fields` names an unknown lĩnh vực `{}`", field.value),
                )
                .with_hint(hint),
            );
        }
    }
}

/// A published page's body that links to a page held back until later would send readers
/// to a missing page: an error at the link's line.
fn check_links_to_scheduled(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    use super::paths;
    let held: Vec<(String, &super::site::Scheduled)> = site
        .scheduled
        .iter()
        .filter(|s| scheduled(site, s.kind, &s.slug).is_some())
        .map(|s| {
            let path = match s.kind {
                "campaign" => paths::campaign(&s.slug),
                "guide" => paths::guide(&s.slug),
                _ => paths::directive(&s.slug),
            };
            (path, s)
        })
        .collect();
    if held.is_empty() {
        return;
    }
    let sources = site
        .campaigns
        .iter()
        .map(|c| &c.source)
        .chain(site.directives.iter().map(|d| &d.source))
        .chain(site.guides.iter().map(|g| &g.source));
    for source in sources {
        for (path, item) in &held {
            let Some(at) = source.body.find(path.trim_end_matches('/')) else { continue };
            let line = source.body_first_line + source.body[..at].matches('\n').count();
            let col = source.body[..at].rsplit('\n').next().unwrap_or("").chars().count() + 1;
            diagnostics.push(
                Diagnostic::error(
                    &source.path,
                    Position::new(line, col),
                    format!("this links to {path}, which is scheduled for publication at {} (Vietnam time)", item.publish),
                )
                .with_hint(format!(
                    "schedule this file too, with `publish: {}` (or later), remove the link until then, or publish {} earlier",
                    item.publish,
                    item.file.display()
                )),
            );
        }
    }
}

/// The scheduled file of this kind and slug, when it is held back from this build.
fn scheduled<'a>(site: &'a Site, kind: &str, slug: &str) -> Option<&'a super::site::Scheduled> {
    let in_model = match kind {
        "campaign" => site.links.campaign_by_slug.contains_key(slug),
        "guide" => site.links.guide_by_slug.contains_key(slug),
        _ => site.links.directive_by_slug.contains_key(slug),
    };
    (!in_model).then(|| site.scheduled.iter().find(|s| s.kind == kind && s.slug == slug)).flatten()
}

/// A published page may not link to a page that is not out yet: the link would lead nowhere.
fn held_back(file: &Path, field: &str, r: &Ref, held: &super::site::Scheduled) -> Diagnostic {
    Diagnostic::error(
        file,
        r.position,
        format!("`{field}` names `{}`, which is scheduled for publication at {} (Vietnam time)", r.value, held.publish),
    )
    .with_hint(format!(
        "schedule this file too, with `publish: {}` (or later), or publish {} earlier",
        held.publish,
        held.file.display()
    ))
}

/// `withdrawn.replaced_by` names a published directive other than the withdrawn one.
fn check_replacements(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for d in &site.directives {
        let Some(r) = d.withdrawn.as_ref().and_then(|w| w.replaced_by.as_ref()) else { continue };
        let file = &d.source.path;
        if let Some(held) = scheduled(site, "directive", &r.value) {
            diagnostics.push(held_back(file, "replaced_by", r, held));
        } else if r.value == d.source.slug {
            diagnostics.push(
                Diagnostic::error(file, r.position, "`replaced_by` names this document itself").with_hint(
                    "name the directive that replaces it (its file name without .md), or leave `replaced_by` out",
                ),
            );
        } else if !site.links.directive_by_slug.contains_key(&r.value) {
            let slugs = site.directives.iter().map(|d| d.source.slug.as_str());
            let hint = match did_you_mean(&r.value, slugs) {
                Some(suggestion) => format!("did you mean `{suggestion}`?"),
                None => {
                    "name the replacing directive by its file name without .md, under content/directives/".to_owned()
                }
            };
            diagnostics.push(
                Diagnostic::error(file, r.position, format!("`replaced_by` names an unknown directive `{}`", r.value))
                    .with_hint(hint),
            );
        }
    }
}

fn check_unique_slugs(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let namespaces: [(&str, Vec<(&str, &Path)>); 4] = [
        ("campaign", site.campaigns.iter().map(|c| (c.source.slug.as_str(), c.source.path.as_path())).collect()),
        ("directive", site.directives.iter().map(|d| (d.source.slug.as_str(), d.source.path.as_path())).collect()),
        ("guide", site.guides.iter().map(|g| (g.source.slug.as_str(), g.source.path.as_path())).collect()),
        (
            "contact",
            site.organizations
                .iter()
                .map(|o| (o.source.slug.as_str(), o.source.path.as_path()))
                .chain(site.people.iter().map(|p| (p.source.slug.as_str(), p.source.path.as_path())))
                .collect(),
        ),
    ];
    for (kind, entries) in namespaces {
        let mut first_seen: HashMap<&str, &Path> = HashMap::new();
        let mut sorted = entries;
        sorted.sort();
        for (slug, path) in sorted {
            if slug.is_empty() {
                diagnostics.push(
                    Diagnostic::error(path, Position::new(1, 1), "the file name gives an empty slug")
                        .with_hint("name the file after its title with letters or digits, e.g. hoi-thi-sang-tao.md"),
                );
                continue;
            }
            if let Some(first) = first_seen.get(slug) {
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        Position::new(1, 1),
                        format!("the {kind} slug `{slug}` is already used by {}", first.display()),
                    )
                    .with_hint("rename one of the two files: slugs come from file names and must be unique"),
                );
            } else {
                first_seen.insert(slug, path);
            }
        }
    }
}

/// What a ref must point at.
#[derive(Clone, Copy)]
enum Target {
    Campaign,
    Organization,
    Contact,
}

fn check_refs(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut check = |file: &Path, field: &str, r: &Ref, target: Target| {
        if let (Target::Campaign, Some(held)) = (target, scheduled(site, "campaign", &r.value)) {
            diagnostics.push(held_back(file, field, r, held));
        } else if let Some(problem) = ref_problem(site, r, target) {
            diagnostics.push(
                Diagnostic::error(file, r.position, format!("`{field}` names {problem}"))
                    .with_hint(ref_hint(site, r, target)),
            );
        }
    };
    if let Some(r) = &site.config.organization {
        check(Path::new("site.yaml"), "organization", r, Target::Organization);
    }
    for d in &site.directives {
        let file = &d.source.path;
        d.issuer.iter().for_each(|r| check(file, "issuer", r, Target::Organization));
        d.campaigns.iter().for_each(|r| check(file, "campaigns", r, Target::Campaign));
        d.contacts.iter().for_each(|r| check(file, "contacts", r, Target::Contact));
    }
    for c in &site.campaigns {
        let file = &c.source.path;
        c.organizer.iter().for_each(|r| check(file, "organizer", r, Target::Organization));
        c.contacts.iter().for_each(|r| check(file, "contacts", r, Target::Contact));
    }
    for g in &site.guides {
        let file = &g.source.path;
        g.campaigns.iter().for_each(|r| check(file, "campaigns", r, Target::Campaign));
        g.contacts.iter().for_each(|r| check(file, "contacts", r, Target::Contact));
    }
    for o in &site.organizations {
        let file = &o.source.path;
        o.parent.iter().for_each(|r| check(file, "parent", r, Target::Organization));
        o.predecessors.iter().for_each(|r| check(file, "predecessors", r, Target::Organization));
    }
    for p in &site.people {
        p.organization.iter().for_each(|r| check(&p.source.path, "organization", r, Target::Organization));
    }
}

fn ref_problem(site: &Site, r: &Ref, target: Target) -> Option<String> {
    let slug = r.value.as_str();
    match target {
        Target::Campaign if site.links.campaign_by_slug.contains_key(slug) => None,
        Target::Campaign => Some(format!("an unknown campaign `{slug}`")),
        Target::Organization => match site.contact(slug) {
            Some(ContactRef::Organization(_)) => None,
            Some(ContactRef::Person(_)) => Some(format!("`{slug}`, which is a person, not an organization")),
            None => Some(format!("an unknown organization `{slug}`")),
        },
        Target::Contact if site.contact(slug).is_some() => None,
        Target::Contact => Some(format!("an unknown contact `{slug}`")),
    }
}

fn ref_hint(site: &Site, r: &Ref, target: Target) -> String {
    let candidates: Vec<&str> = match target {
        Target::Campaign => site.campaigns.iter().map(|c| c.source.slug.as_str()).collect(),
        Target::Organization => site.organizations.iter().map(|o| o.source.slug.as_str()).collect(),
        Target::Contact => site.links.contact_by_slug.keys().map(String::as_str).collect(),
    };
    let folder = match target {
        Target::Campaign => "content/campaigns/",
        Target::Organization => "content/contacts/organizations/",
        Target::Contact => "content/contacts/",
    };
    match did_you_mean(&r.value, candidates) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => format!("refs are file names without .md; add the file under {folder} or fix the name"),
    }
}

fn check_short_codes(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut claims: Vec<(&Spanned<String>, &Path)> = Vec::new();
    claims.extend(site.campaigns.iter().filter_map(|c| Some((c.short.as_ref()?, c.source.path.as_path()))));
    claims.extend(site.guides.iter().filter_map(|g| Some((g.short.as_ref()?, g.source.path.as_path()))));
    claims.extend(site.directives.iter().filter_map(|d| Some((d.short.as_ref()?, d.source.path.as_path()))));
    claims.sort_by(|a, b| (a.1, a.0.position).cmp(&(b.1, b.0.position)));
    let mut first_claim: HashMap<&str, (&Path, Position)> = HashMap::new();
    for (code, path) in claims {
        match first_claim.get(code.value.as_str()) {
            Some((first_path, first_position)) => diagnostics.push(
                Diagnostic::error(
                    path,
                    code.position,
                    format!(
                        "the short code `{}` is already claimed by {}:{}:{}",
                        code.value,
                        first_path.display(),
                        first_position.line,
                        first_position.col
                    ),
                )
                .with_hint("each printed QR code must lead to one page: choose another code for one of them"),
            ),
            None => {
                first_claim.insert(code.value.as_str(), (path, code.position));
            }
        }
    }
}

fn check_directive_warnings(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    for d in &site.directives {
        if d.campaigns.is_empty() {
            diagnostics.push(
                Diagnostic::warning(&d.source.path, Position::new(1, 1), "this directive belongs to no campaign")
                    .with_hint("add `campaigns: [slug]` so it appears on the campaign's page"),
            );
        }
        if let Some(date) = &d.date {
            for deadline in &d.deadlines {
                if deadline.date.value.date.last_day() < date.value.first_day() {
                    diagnostics.push(
                        Diagnostic::warning(
                            &d.source.path,
                            deadline.date.position,
                            format!(
                                "the deadline {} is before the directive's own date {}",
                                deadline.date.value, date.value
                            ),
                        )
                        .with_hint("check the year of the deadline"),
                    );
                }
            }
        }
    }
}
