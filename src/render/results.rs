//! Output `results`: a contest's results page (Kết quả) with its pages filtered by award
//! level and by field (the filters work without JavaScript; `loa-results.js` filters and
//! sorts in place), and the API's list of results, `/api/v1/results.json`. The campaign
//! page's "Kết quả" section is [`teaser`]; the embed is [`super::embeds`]'s.

use serde_json::json;

use super::view::{
    AttachmentView, ResultAuthor, ResultDecision, ResultEntryView, ResultFacet, ResultsContext, ResultsPage,
    ResultsTeaser, Views,
};
use super::{OutputFile, RenderCtx, page_file};
use crate::content::{ContactRef, ResultEntry, ResultSet, Site, paths};
use crate::diag::Diagnostics;

/// A results job.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    /// The results pages of a campaign (by index): the whole list and each filter's.
    Page(usize),
    /// `/api/v1/results.json`: every result of the portal.
    Api,
}

impl Job {
    /// The path of the page the job renders.
    pub fn page_path(&self, site: &Site) -> Option<String> {
        match self {
            Job::Page(i) => Some(paths::results(&site.campaigns[*i].source.slug)),
            Job::Api => None,
        }
    }
}

/// The results jobs of a site: a page per campaign with results (in an edition, per
/// translated campaign), and in the portal's language the API list.
pub(crate) fn jobs(site: &Site, campaigns: &[usize]) -> Vec<super::Job> {
    let mut jobs: Vec<super::Job> = campaigns
        .iter()
        .filter(|&&i| crate::content::results::campaign_has_results(site, i))
        .map(|&i| super::Job::Results(Job::Page(i)))
        .collect();
    if !site.is_edition() {
        jobs.push(super::Job::Results(Job::Api));
    }
    jobs
}

/// Renders a results job.
pub(crate) fn render(ctx: &RenderCtx<'_>, job: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    match job {
        Job::Page(i) => pages(ctx, *i, problems),
        Job::Api => Some(vec![api_list(ctx.site)]),
    }
}

/// What a results page shows: everything, or one level's or one field's entries.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Filter<'a> {
    All,
    Level(&'a str),
    Field(&'a str),
}

/// The whole results page and one page per level and per field that has entries.
fn pages(ctx: &RenderCtx<'_>, campaign: usize, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let site = ctx.site;
    let v = &ctx.views;
    let slug = &site.campaigns[campaign].source.slug;
    let whole = page_view(ctx, campaign, Filter::All);
    let mut files = Vec::new();
    for (path, filter) in targets(slug, &whole) {
        let mut results = page_view(ctx, campaign, filter);
        if matches!(filter, Filter::All) && !site.is_edition() {
            let title = v.strings.fill("embed_results", &[("title", &site.campaigns[campaign].title)]);
            results.embed = Some(super::embeds::snippet(site, super::embeds::Embed::CampaignResults(campaign), &title));
        }
        let title = match &results.filter {
            Some(filter) => format!("{} – {filter}: {}", v.t("results_heading"), site.campaigns[campaign].title),
            None => format!("{}: {}", v.t("results_heading"), site.campaigns[campaign].title),
        };
        let description = results.summaries.first().cloned();
        let html = ctx.render_page(
            &path,
            "results.html",
            &title,
            description.as_deref(),
            "results",
            ResultsContext { results },
            problems,
        )?;
        files.push((page_file(&path), html.into_bytes()));
    }
    Some(files)
}

/// The paths of a campaign's results pages, each with what it shows: the whole list first,
/// then one page per level and per field that has entries.
fn targets<'a>(slug: &str, whole: &'a ResultsPage) -> Vec<(String, Filter<'a>)> {
    let mut targets: Vec<(String, Filter<'_>)> = vec![(paths::results(slug), Filter::All)];
    targets.extend(whole.levels.iter().map(|l| (level_path(slug, &l.slug), Filter::Level(&l.slug))));
    targets.extend(whole.fields.iter().map(|f| (field_path(slug, &f.slug), Filter::Field(&f.slug))));
    targets
}

/// The paths of a campaign's results pages (for the sitemap): the whole list first, then
/// its filter pages.
pub(crate) fn page_paths(ctx: &RenderCtx<'_>, campaign: usize) -> Vec<String> {
    let whole = page_view(ctx, campaign, Filter::All);
    targets(&ctx.site.campaigns[campaign].source.slug, &whole).into_iter().map(|(path, _)| path).collect()
}

fn level_path(campaign: &str, level: &str) -> String {
    format!("{}giai/{level}/", paths::results(campaign))
}

fn field_path(campaign: &str, field: &str) -> String {
    format!("{}linh-vuc/{field}/", paths::results(campaign))
}

/// The results of a campaign as a page (or the embed) shows them.
pub(crate) fn page_view(ctx: &RenderCtx<'_>, campaign: usize, filter: Filter<'_>) -> ResultsPage {
    let site = ctx.site;
    let v = &ctx.views;
    let c = &site.campaigns[campaign];
    let all = entries(v, campaign);
    let decisions = results_of(site, campaign)
        .filter_map(|r| {
            let &d = site.links.directive_by_slug.get(&r.decision.as_ref()?.value)?;
            Some(ResultDecision {
                title: super::pages::directive_title(ctx, d),
                url: v.link(&paths::directive(&site.directives[d].source.slug)),
            })
        })
        .collect();
    let current = |facet: &ResultFacet, is_level: bool| match filter {
        Filter::Level(slug) => is_level && facet.slug == slug,
        Filter::Field(slug) => !is_level && facet.slug == slug,
        Filter::All => false,
    };
    let mut levels = level_facets(v, campaign, &all);
    levels.iter_mut().for_each(|f| f.current = current(f, true));
    let mut fields = field_facets(v, campaign, &all);
    fields.iter_mut().for_each(|f| f.current = current(f, false));
    let filter_name = levels.iter().chain(&fields).find(|f| f.current).map(|f| f.name.clone());
    let total = all.len();
    let shown = all
        .into_iter()
        .filter(|e| match filter {
            Filter::All => true,
            Filter::Level(slug) => e.level == slug,
            Filter::Field(slug) => e.field.as_deref() == Some(slug),
        })
        .collect();
    ResultsPage {
        campaign_title: c.title.clone(),
        campaign_url: v.link(&paths::campaign(&c.source.slug)),
        all_url: v.link(&paths::results(&c.source.slug)),
        decisions,
        summaries: results_of(site, campaign).filter_map(|r| r.summary.clone()).collect(),
        levels,
        fields,
        filter: filter_name,
        entries: shown,
        total,
        api_url: site.config.absolute("/api/v1/results.json"),
        embed: None,
    }
}

/// The "Kết quả" section of a campaign page, when the campaign has published results.
pub(crate) fn teaser(v: &Views<'_>, campaign: usize) -> Option<ResultsTeaser> {
    if !crate::content::results::campaign_has_results(v.site, campaign) {
        return None;
    }
    let all = entries(v, campaign);
    let top_rank = all.first()?.rank;
    Some(ResultsTeaser {
        url: v.link(&paths::results(&v.site.campaigns[campaign].source.slug)),
        total: all.len(),
        levels: level_facets(v, campaign, &all),
        top: all.into_iter().filter(|e| e.rank == top_rank).collect(),
    })
}

fn results_of(site: &Site, campaign: usize) -> impl Iterator<Item = &ResultSet> {
    site.links.results_of_campaign[campaign].iter().map(move |&r| &site.results[r])
}

/// Every entry of a campaign's results, by level, then field (in site.yaml's order), then
/// title (folded, so that `Đ` sorts with `D` as readers expect).
fn entries(v: &Views<'_>, campaign: usize) -> Vec<ResultEntryView> {
    let site = v.site;
    let anchors = crate::content::results::entry_anchors(site, campaign);
    let page = v.link(&paths::results(&site.campaigns[campaign].source.slug));
    let mut all: Vec<(usize, String, ResultEntryView)> = results_of(site, campaign)
        .zip(anchors)
        .flat_map(|(r, anchors)| r.entries.iter().zip(anchors).map(move |(e, anchor)| (r, e, anchor)))
        .map(|(r, e, anchor)| {
            let field_rank = e
                .field
                .as_ref()
                .and_then(|f| site.config.fields.iter().position(|d| d.slug == f.value))
                .unwrap_or(usize::MAX);
            (field_rank, crate::text::fold(&e.title.value), entry_view(v, r, e, &page, anchor))
        })
        .collect();
    all.sort_by(|a, b| (a.2.rank, a.0, &a.1).cmp(&(b.2.rank, b.0, &b.1)));
    all.into_iter().map(|(_, _, e)| e).collect()
}

/// An entry as shown; `page` is its results page, `anchor` its id there.
fn entry_view(v: &Views<'_>, result: &ResultSet, e: &ResultEntry, page: &str, anchor: String) -> ResultEntryView {
    let site = v.site;
    let english = site.is_edition();
    let level = result.levels.iter().find(|l| l.slug == e.level.value);
    let field = e.field.as_ref().and_then(|f| site.config.fields.iter().find(|d| d.slug == f.value));
    ResultEntryView {
        url: format!("{page}#{anchor}"),
        anchor,
        title: e.title.value.clone(),
        authors: e
            .authors
            .iter()
            .map(|a| ResultAuthor {
                name: crate::content::results::author_name(site, a),
                url: a
                    .person
                    .as_ref()
                    .filter(|p| matches!(site.contact(&p.value), Some(ContactRef::Person(_))))
                    .map(|p| v.link(&paths::contact(&p.value))),
            })
            .collect(),
        unit: e.unit.clone(),
        field: field.map(|f| f.slug.clone()),
        field_name: field.map(|f| if english { f.name_en.clone().unwrap_or(f.name.clone()) } else { f.name.clone() }),
        level: e.level.value.clone(),
        level_name: level
            .map(|l| if english { l.name_en.clone().unwrap_or(l.name.clone()) } else { l.name.clone() })
            .unwrap_or_else(|| e.level.value.clone()),
        rank: result.level_index(&e.level.value).unwrap_or(usize::MAX),
        attachments: v.attachment_uses(&e.attachments).into_iter().collect::<Vec<AttachmentView>>(),
    }
}

fn level_facets(v: &Views<'_>, campaign: usize, all: &[ResultEntryView]) -> Vec<ResultFacet> {
    let slug = &v.site.campaigns[campaign].source.slug;
    let mut facets: Vec<ResultFacet> = Vec::new();
    for e in all {
        match facets.iter_mut().find(|f| f.slug == e.level) {
            Some(facet) => facet.count += 1,
            None => facets.push(ResultFacet {
                slug: e.level.clone(),
                name: e.level_name.clone(),
                count: 1,
                url: v.link(&level_path(slug, &e.level)),
                current: false,
            }),
        }
    }
    facets
}

fn field_facets(v: &Views<'_>, campaign: usize, all: &[ResultEntryView]) -> Vec<ResultFacet> {
    let slug = &v.site.campaigns[campaign].source.slug;
    v.site
        .config
        .fields
        .iter()
        .filter_map(|field| {
            let mine: Vec<&ResultEntryView> = all.iter().filter(|e| e.field.as_ref() == Some(&field.slug)).collect();
            let first = mine.first()?;
            Some(ResultFacet {
                slug: field.slug.clone(),
                name: first.field_name.clone().unwrap_or_default(),
                count: mine.len(),
                url: v.link(&field_path(slug, &field.slug)),
                current: false,
            })
        })
        .collect()
}

/// `/api/v1/results.json`: every entry of every published result, with its contest,
/// decision, level and field (slugs and names), in the order of `results.schema.json`.
fn api_list(site: &Site) -> OutputFile {
    let mut anchors: std::collections::HashMap<usize, Vec<String>> = std::collections::HashMap::new();
    for (c, results) in site.links.results_of_campaign.iter().enumerate() {
        anchors.extend(results.iter().copied().zip(crate::content::results::entry_anchors(site, c)));
    }
    let results: Vec<serde_json::Value> = site
        .results
        .iter()
        .enumerate()
        .filter(|(_, r)| site.links.campaign_by_slug.contains_key(&r.campaign.value))
        .map(|(i, r)| {
            let page = site.config.absolute(&paths::results(&r.campaign.value));
            let anchors = anchors.remove(&i).unwrap_or_default();
            let decision = r.decision.as_ref().and_then(|d| site.links.directive_by_slug.get(&d.value)).map(|&d| {
                let directive = &site.directives[d];
                json!({
                    "slug": directive.source.slug,
                    "url": site.config.absolute(&paths::directive(&directive.source.slug)),
                    "number": directive.number.as_ref().map(|n| &n.text),
                    "date": directive.date.as_ref().map(|d| d.value.to_string()),
                })
            });
            json!({
                "campaign": r.campaign.value,
                "url": page,
                "title": r.title,
                "decision": decision,
                "levels": r.levels.iter().map(|l| json!({"slug": l.slug, "name": l.name, "name_en": l.name_en})).collect::<Vec<_>>(),
                "entries": r.entries.iter().zip(anchors).map(|(e, anchor)| json!({
                    "title": e.title.value,
                    "anchor": anchor,
                    "url": format!("{page}#{anchor}"),
                    "authors": e.authors.iter().map(|a| json!({
                        "name": crate::content::results::author_name(site, a),
                        "person": a.person.as_ref().map(|p| &p.value),
                    })).collect::<Vec<_>>(),
                    "unit": e.unit,
                    "field": e.field.as_ref().map(|f| &f.value),
                    "field_name": e.field.as_ref().and_then(|f| site.config.fields.iter().find(|d| d.slug == f.value)).map(|d| &d.name),
                    "level": e.level.value,
                    "level_name": r.levels.iter().find(|l| l.slug == e.level.value).map(|l| &l.name),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "$schema": site.config.absolute("/api/v1/schema/results.schema.json"),
        "version": crate::feeds::api::API_VERSION,
        "generated": site.config.build_date.to_string(),
        "results": results,
    });
    let mut bytes = serde_json::to_vec_pretty(&value).expect("json");
    bytes.push(b'\n');
    (format!("{}/results.json", crate::feeds::api::API_DIR), bytes)
}
