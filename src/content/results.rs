//! Kết quả: checks of contest results across files (campaign, decision, people, fields,
//! levels, duplicates), and the lookups every output of results shares.

use std::collections::{HashMap, HashSet};

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
                        crate::msg!(
                            "result-entry-twice",
                            title = entry.title.value,
                            first = format!("{}:{line}", first.display())
                        ),
                    )
                    .with_hint(crate::msg!("result-entry-twice-hint")),
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
        Some(suggestion) => crate::msg!("hint-did-you-mean", suggestion),
        None => crate::msg!("result-unknown-campaign-hint"),
    };
    diagnostics.push(
        Diagnostic::error(&result.source.path, r.position, crate::msg!("result-unknown-campaign", campaign = r.value))
            .with_hint(hint),
    );
}

fn check_decision(site: &Site, file: &std::path::Path, r: &Ref, diagnostics: &mut Vec<Diagnostic>) {
    if site.links.directive_by_slug.contains_key(&r.value) {
        return;
    }
    let slugs = site.directives.iter().map(|d| d.source.slug.as_str());
    let hint = match did_you_mean(&r.value, slugs) {
        Some(suggestion) => crate::msg!("hint-did-you-mean", suggestion),
        None => crate::msg!("result-unknown-decision-hint"),
    };
    diagnostics.push(
        Diagnostic::error(file, r.position, crate::msg!("result-unknown-decision", decision = r.value)).with_hint(hint),
    );
}

fn check_entry(site: &Site, result: &ResultSet, entry: &ResultEntry, diagnostics: &mut Vec<Diagnostic>) {
    let file = &result.source.path;
    for person in entry.authors.iter().filter_map(|a| a.person.as_ref()) {
        let problem = match site.contact(&person.value) {
            Some(ContactRef::Person(_)) => continue,
            Some(ContactRef::Organization(_)) => crate::msg!("result-person-organization", person = person.value),
            None => crate::msg!("result-person-unknown", person = person.value),
        };
        let people = site.people.iter().map(|p| p.source.slug.as_str());
        let hint = match did_you_mean(&person.value, people) {
            Some(suggestion) => crate::msg!("hint-did-you-mean", suggestion),
            None => crate::msg!("result-person-hint"),
        };
        diagnostics.push(Diagnostic::error(file, person.position, problem).with_hint(hint));
    }
    if let Some(field) = &entry.field {
        check_field(site, file, field, diagnostics);
    }
    if result.level_index(&entry.level.value).is_none() {
        let slugs: Vec<&str> = result.levels.iter().map(|l| l.slug.as_str()).collect();
        let hint = match did_you_mean(&entry.level.value, slugs.iter().copied()) {
            Some(suggestion) => crate::msg!("result-level-suggestion-hint", suggestion, levels = slugs.join(", ")),
            None => crate::msg!("result-level-hint", levels = slugs.join(", ")),
        };
        diagnostics.push(
            Diagnostic::error(
                file,
                entry.level.position,
                crate::msg!("result-unknown-level", level = entry.level.value),
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
        crate::msg!("result-field-none-hint")
    } else {
        let slugs: Vec<&str> = fields.iter().map(|f| f.slug.as_str()).collect();
        match did_you_mean(&field.value, slugs.iter().copied()) {
            Some(suggestion) => crate::msg!("result-field-suggestion-hint", suggestion, fields = slugs.join(", ")),
            None => crate::msg!("result-field-hint", fields = slugs.join(", ")),
        }
    };
    diagnostics.push(
        Diagnostic::error(file, field.position, crate::msg!("result-unknown-field", field = field.value))
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

/// The id of each entry on its contest's results page (`…/ket-qua/#<id>`), per result of
/// `campaign` (in the order of `links.results_of_campaign`), then per entry in file order:
/// the slug of the entry's title, `-2`, `-3`… after a slug an earlier entry already took. The
/// same files give the same ids, build after build, on the page, in search and in the API.
pub fn entry_anchors(site: &Site, campaign: usize) -> Vec<Vec<String>> {
    let mut taken = HashSet::new();
    let Some(results) = site.links.results_of_campaign.get(campaign) else { return Vec::new() };
    results
        .iter()
        .map(|&r| site.results[r].entries.iter().map(|e| unique_anchor(&mut taken, &e.title.value)).collect())
        .collect()
}

/// The slug of `title` (`giai-phap` when it has no letter or digit; never one of the theme's
/// `loa-` ids), made unique among `taken`.
fn unique_anchor(taken: &mut HashSet<String>, title: &str) -> String {
    let slug = crate::text::slugify(title);
    let base = if slug.is_empty() { "giai-phap".to_owned() } else { crate::text::content_id(&slug) };
    let mut anchor = base.clone();
    let mut n = 2;
    while !taken.insert(anchor.clone()) {
        anchor = format!("{base}-{n}");
        n += 1;
    }
    anchor
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_title_slugs_numbered_in_order_when_taken() {
        let mut taken = HashSet::new();
        let anchors: Vec<String> =
            ["Máy bóc vỏ lạc", "Máy bóc vỏ lạc.", "Máy bóc vỏ lạc 2", "Máy bóc vỏ lạc!", "…", "Loa nhúng"]
                .iter()
                .map(|t| unique_anchor(&mut taken, t))
                .collect();
        assert_eq!(
            anchors,
            [
                "may-boc-vo-lac",
                "may-boc-vo-lac-2",
                "may-boc-vo-lac-2-2",
                "may-boc-vo-lac-3",
                "giai-phap",
                "muc-loa-nhung"
            ],
            "numbered in order; never a theme id (`loa-nhung` is the embed section's)"
        );
    }
}
