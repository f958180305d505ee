//! Kết quả: checks of contest results across files (campaign, decision, people, fields,
//! levels, duplicates), and the lookups every output of results shares.

use std::collections::HashMap;

use super::fields::Ref;
use super::model::{Author, ResultEntry, ResultSet};
use super::site::{ContactRef, Site};
use crate::diag::{Diagnostic, did_you_mean};

/// Every problem of the result files that needs the whole site to see.
pub(crate) fn check(site: &Site, diagnostics: &mut Vec<Diagnostic>) {
    // Folded title → where it was first written, per campaign: one solution wins once.
    let mut seen: HashMap<(String, String), (std::path::PathBuf, usize)> = HashMap::new();
    for result in &site.results {
        let file = &result.source.path;
        check_campaign(site, result, diagnostics);
        if let Some(decision) = &result.decision {
            check_decision(site, file, decision, diagnostics);
        }
        for entry in &result.entries {
            check_entry(site, result, entry, diagnostics);
            let key = (result.campaign.value.clone(), crate::text::fold(&entry.title.value));
            match seen.get(&key) {
                Some((first, line)) => diagnostics.push(
                    Diagnostic::error(
                        file,
                        entry.title.position,
                        format!(
                            "the entry “{}” is listed twice: first at {}:{line}",
                            entry.title.value,
                            first.display()
                        ),
                    )
                    .with_hint("a solution wins one award per contest: remove one of the two entries"),
                ),
                None => {
                    seen.insert(key, (file.clone(), entry.title.position.line));
                }
            }
        }
    }
}

fn check_campaign(site: &Site, result: &ResultSet, diagnostics: &mut Vec<Diagnostic>) {
    let r = &result.campaign;
    if site.links.campaign_by_slug.contains_key(&r.value) {
        return;
    }
    let slugs = site.campaigns.iter().map(|c| c.source.slug.as_str());
    let hint = match did_you_mean(&r.value, slugs) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => "name the contest by its file name under content/campaigns/ (the folder under content/results/ or `campaign:`)".to_owned(),
    };
    diagnostics.push(
        Diagnostic::error(
            &result.source.path,
            r.position,
            format!("the result names an unknown campaign `{}`", r.value),
        )
        .with_hint(hint),
    );
}

fn check_decision(site: &Site, file: &std::path::Path, r: &Ref, diagnostics: &mut Vec<Diagnostic>) {
    if site.links.directive_by_slug.contains_key(&r.value) {
        return;
    }
    let slugs = site.directives.iter().map(|d| d.source.slug.as_str());
    let hint = match did_you_mean(&r.value, slugs) {
        Some(suggestion) => format!("did you mean `{suggestion}`?"),
        None => {
            "name the award decision (Quyết định khen thưởng) by its file name under content/directives/".to_owned()
        }
    };
    diagnostics.push(
        Diagnostic::error(file, r.position, format!("`decision` names an unknown directive `{}`", r.value))
            .with_hint(hint),
    );
}

fn check_entry(site: &Site, result: &ResultSet, entry: &ResultEntry, diagnostics: &mut Vec<Diagnostic>) {
    let file = &result.source.path;
    for person in entry.authors.iter().filter_map(|a| a.person.as_ref()) {
        let problem = match site.contact(&person.value) {
            Some(ContactRef::Person(_)) => continue,
            Some(ContactRef::Organization(_)) => format!("`{}`, which is an organization, not a person", person.value),
            None => format!("an unknown person `{}`", person.value),
        };
        let people = site.people.iter().map(|p| p.source.slug.as_str());
        let hint = match did_you_mean(&person.value, people) {
            Some(suggestion) => format!("did you mean `{suggestion}`?"),
            None => {
                "write the author's name alone (`name:`), or add the person under content/contacts/people/".to_owned()
            }
        };
        diagnostics.push(Diagnostic::error(file, person.position, format!("`person` names {problem}")).with_hint(hint));
    }
    if let Some(field) = &entry.field {
        check_field(site, file, field, diagnostics);
    }
    if result.level_index(&entry.level.value).is_none() {
        let slugs: Vec<&str> = result.levels.iter().map(|l| l.slug.as_str()).collect();
        let hint = match did_you_mean(&entry.level.value, slugs.iter().copied()) {
            Some(suggestion) => format!("did you mean `{suggestion}`? The levels are {}", slugs.join(", ")),
            None => {
                format!("the levels are {}; a decision with other levels lists them in `levels:`", slugs.join(", "))
            }
        };
        diagnostics.push(
            Diagnostic::error(
                file,
                entry.level.position,
                format!("`{}` is not an award level of this result", entry.level.value),
            )
            .with_hint(hint),
        );
    }
}

fn check_field(site: &Site, file: &std::path::Path, field: &Ref, diagnostics: &mut Vec<Diagnostic>) {
    let fields = &site.config.fields;
    if fields.iter().any(|f| f.slug == field.value) {
        return;
    }
    let hint = if fields.is_empty() {
        "declare the portal's fields in site.yaml, e.g. fields: [{slug: co-khi, name: Cơ khí, tự động hóa}]".to_owned()
    } else {
        let slugs: Vec<&str> = fields.iter().map(|f| f.slug.as_str()).collect();
        match did_you_mean(&field.value, slugs.iter().copied()) {
            Some(suggestion) => {
                format!("did you mean `{suggestion}`? The fields of site.yaml are {}", slugs.join(", "))
            }
            None => format!("the fields of site.yaml are {}", slugs.join(", ")),
        }
    };
    diagnostics.push(
        Diagnostic::error(
            file,
            field.position,
            format!("`field` names `{}`, which is not in site.yaml `fields:`", field.value),
        )
        .with_hint(hint),
    );
}

/// An author's name as shown: as written, else the person's name in the portal.
pub fn author_name(site: &Site, author: &Author) -> String {
    if let Some(name) = &author.name {
        return name.clone();
    }
    match author.person.as_ref().and_then(|p| site.contact(&p.value)) {
        Some(ContactRef::Person(i)) => site.people[i].title.clone(),
        _ => author.person.as_ref().map(|p| p.value.clone()).unwrap_or_default(),
    }
}

/// Whether any result of `campaign` (by index) is published.
pub fn campaign_has_results(site: &Site, campaign: usize) -> bool {
    site.links.results_of_campaign.get(campaign).is_some_and(|r| !r.is_empty())
}
