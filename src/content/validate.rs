//! Validate: the rules that look across files (refs, unique slugs and short codes).
//! Rules about one field live where the field is read (`load.rs`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use super::fields::{Ref, Spanned};
use super::model::Directive;
use super::site::{ContactRef, Site};
use crate::diag::{Diagnostic, Position, did_you_mean};

/// Every cross-file problem of the site.
pub(crate) fn validate(site: &Site) -> Vec<Diagnostic> {
    validate_with(site, &check_directives(site))
}

/// Every directive's own problems ([`check_directive`]), in the model's order: the one full
/// recompute, for assembly and for a patch that reaches past the edited directives. Each
/// directive is checked alone, so on every core.
pub(crate) fn check_directives(site: &Site) -> Vec<Arc<DirectiveChecks>> {
    use rayon::prelude::*;
    site.directives.par_iter().map(|d| check_directive(site, d)).collect()
}

/// One directive's own problems: what the rules find reading the directive and the lookups
/// an edit of directives leaves as they were (campaigns, contacts, organizations,
/// `site.yaml`). Kept with the model, so a patch that edits directives only checks those.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DirectiveChecks {
    problems: Vec<Diagnostic>,
    issuer_warning: Option<super::format::IssuerWarning>,
}

/// The problems of directive `d` of `site` that are its own ([`DirectiveChecks`]).
pub(crate) fn check_directive(site: &Site, d: &Directive) -> Arc<DirectiveChecks> {
    let mut problems = Vec::new();
    let file = &d.source.path;
    d.issuer.iter().for_each(|r| check_ref(site, file, "issuer", r, Target::Organization, &mut problems));
    d.campaigns.iter().for_each(|r| check_ref(site, file, "campaigns", r, Target::Campaign, &mut problems));
    d.contacts.iter().for_each(|r| check_ref(site, file, "contacts", r, Target::Contact, &mut problems));
    check_directive_warnings(d, &mut problems);
    check_field_slugs(site, d, &mut problems);
    let (format_problems, issuer_warning) = super::format::check_directive(site, d);
    problems.extend(format_problems);
    Arc::new(DirectiveChecks { problems, issuer_warning })
}

/// Every cross-file problem of the site, given each directive's own (`checks`, one per
/// directive in the model's order).
pub(crate) fn validate_with(site: &Site, checks: &[Arc<DirectiveChecks>]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    check_unique_slugs(site, &mut diagnostics);
    check_refs(site, &mut diagnostics);
    check_short_codes(site, &mut diagnostics);
    check_replacements(site, &mut diagnostics);
    check_links_to_scheduled(site, &mut diagnostics);
    super::results::check(site, &mut diagnostics);
    diagnostics.extend(super::format::check_rest(site, checks.iter().map(|c| &c.issuer_warning)));
    for checked in checks {
        diagnostics.extend(checked.problems.iter().cloned());
    }
    diagnostics
}

/// A directive's `fields` name lĩnh vực of `site.yaml`'s controlled list.
fn check_field_slugs(site: &Site, d: &Directive, diagnostics: &mut Vec<Diagnostic>) {
    for field in &d.fields {
        if site.config.field(&field.value).is_some() {
            continue;
        }
        let slugs = site.config.fields.iter().map(|f| f.slug.as_str());
        let hint = match did_you_mean(&field.value, slugs) {
            Some(suggestion) => crate::msg!("hint-did-you-mean", suggestion),
            None if site.config.fields.is_empty() => crate::msg!("field-slug-none-hint"),
            None => crate::msg!(
                "field-slug-list-hint",
                slugs = site.config.fields.iter().map(|f| f.slug.as_str()).collect::<Vec<_>>().join(", ")
            ),
        };
        diagnostics.push(
            Diagnostic::error(&d.source.path, field.position, crate::msg!("field-slug-unknown", slug = field.value))
                .with_hint(hint),
        );
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
                    crate::msg!("link-to-scheduled", path, publish = item.publish),
                )
                .with_hint(crate::msg!(
                    "link-to-scheduled-hint",
                    publish = item.publish,
                    file = item.file.display()
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
    Diagnostic::error(file, r.position, crate::msg!("ref-to-scheduled", field, slug = r.value, publish = held.publish))
        .with_hint(crate::msg!("ref-to-scheduled-hint", publish = held.publish, file = held.file.display()))
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
                Diagnostic::error(file, r.position, crate::msg!("replaced-by-itself"))
                    .with_hint(crate::msg!("replaced-by-itself-hint")),
            );
        } else if !site.links.directive_by_slug.contains_key(&r.value) {
            let slugs = site.directives.iter().map(|d| d.source.slug.as_str());
            let hint = match did_you_mean(&r.value, slugs) {
                Some(suggestion) => crate::msg!("hint-did-you-mean", suggestion),
                None => crate::msg!("replaced-by-unknown-hint"),
            };
            diagnostics.push(
                Diagnostic::error(file, r.position, crate::msg!("replaced-by-unknown", slug = r.value)).with_hint(hint),
            );
        }
    }
}

fn check_unique_slugs(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    // The slug lookup holds one entry per distinct slug: as many as directives, none empty,
    // and there is nothing to sort out (the common case, and the one a serve edit meets).
    let directives_clean = site.links.directive_by_slug.len() == site.directives.len()
        && site.directives.iter().all(|d| !d.source.slug.is_empty());
    let directives = match directives_clean {
        true => Vec::new(),
        false => site.directives.iter().map(|d| (d.source.slug.as_str(), d.source.path.as_path())).collect(),
    };
    let namespaces: [(&str, Vec<(&str, &Path)>); 4] = [
        ("campaign", site.campaigns.iter().map(|c| (c.source.slug.as_str(), c.source.path.as_path())).collect()),
        ("directive", directives),
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
                    Diagnostic::error(path, Position::new(1, 1), crate::msg!("slug-empty"))
                        .with_hint(crate::msg!("slug-empty-hint")),
                );
                continue;
            }
            if let Some(first) = first_seen.get(slug) {
                diagnostics.push(
                    Diagnostic::error(
                        path,
                        Position::new(1, 1),
                        crate::msg!("slug-taken", kind, slug, first = first.display()),
                    )
                    .with_hint(crate::msg!("slug-taken-hint")),
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

/// A ref names a page of the right kind that is published in this build.
fn check_ref(site: &Site, file: &Path, field: &str, r: &Ref, target: Target, diagnostics: &mut Vec<Diagnostic>) {
    if let (Target::Campaign, Some(held)) = (target, scheduled(site, "campaign", &r.value)) {
        diagnostics.push(held_back(file, field, r, held));
    } else if let Some(problem) = ref_problem(site, field, r, target) {
        diagnostics.push(Diagnostic::error(file, r.position, problem).with_hint(ref_hint(site, r, target)));
    }
}

/// The refs of everything but directives (theirs are [`check_directive`]'s).
fn check_refs(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    let mut check =
        |file: &Path, field: &str, r: &Ref, target: Target| check_ref(site, file, field, r, target, diagnostics);
    if let Some(r) = &site.config.organization {
        check(Path::new("site.yaml"), "organization", r, Target::Organization);
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

fn ref_problem(site: &Site, field: &str, r: &Ref, target: Target) -> Option<crate::diag::Text> {
    let slug = r.value.as_str();
    match target {
        Target::Campaign if site.links.campaign_by_slug.contains_key(slug) => None,
        Target::Campaign => Some(crate::msg!("ref-unknown-campaign", field, slug)),
        Target::Organization => match site.contact(slug) {
            Some(ContactRef::Organization(_)) => None,
            Some(ContactRef::Person(_)) => Some(crate::msg!("ref-person-not-organization", field, slug)),
            None => Some(crate::msg!("ref-unknown-organization", field, slug)),
        },
        Target::Contact if site.contact(slug).is_some() => None,
        Target::Contact => Some(crate::msg!("ref-unknown-contact", field, slug)),
    }
}

fn ref_hint(site: &Site, r: &Ref, target: Target) -> crate::diag::Text {
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
        Some(suggestion) => crate::msg!("hint-did-you-mean", suggestion),
        None => crate::msg!("ref-unknown-hint", folder),
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
                    crate::msg!(
                        "short-code-taken",
                        code = code.value,
                        first = format_args!("{}:{}:{}", first_path.display(), first_position.line, first_position.col)
                    ),
                )
                .with_hint(crate::msg!("short-code-taken-hint")),
            ),
            None => {
                first_claim.insert(code.value.as_str(), (path, code.position));
            }
        }
    }
}

fn check_directive_warnings(d: &Directive, diagnostics: &mut Vec<Diagnostic>) {
    if d.campaigns.is_empty() {
        diagnostics.push(
            Diagnostic::warning(&d.source.path, Position::new(1, 1), crate::msg!("directive-no-campaign"))
                .with_hint(crate::msg!("directive-no-campaign-hint")),
        );
    }
    if let Some(date) = &d.date {
        for deadline in &d.deadlines {
            let written = deadline.written();
            if written.date.last_day() < date.value.first_day() {
                diagnostics.push(
                    Diagnostic::warning(
                        &d.source.path,
                        deadline.date.position,
                        crate::msg!("deadline-before-date", deadline = written, date = date.value),
                    )
                    .with_hint(crate::msg!("deadline-before-date-hint")),
                );
            }
        }
    }
}
