//! The open-data API, version 3: `/api/v1/campaigns.json` with the whole campaigns 100 a page
//! in `/api/v1/campaigns/N.json` (version 2 wrote one file per campaign),
//! `/api/v1/directives.json` with the whole directives 100 a page in `/api/v1/directives/N.json`
//! (version 1 wrote one file per directive), `/api/v1/deadlines.json` (every campaign period and deadline, as the
//! portal's calendar has them), the JSON Schemas that document them under `/api/v1/schema/`,
//! and `/api/v1/index.json`, which names each list with a version (a hash of its items), so
//! a reader such as a national portal fetches the small index and only the lists whose
//! version changed.

use serde_json::{Value, json};

use crate::content::Site;
use crate::content::paths;
use crate::feeds::calendar::{Event, When};
use crate::render::view::Views;

pub const API_DIR: &str = "api/v1";

/// The `version` every file of the API carries. 3: a campaign's `api_url` names a page of
/// [`PER_PAGE`] whole campaigns and the campaign's slug as fragment
/// (`campaigns/2.json#slug`), where version 2 gave each campaign a file of its own; 2: the
/// same for directives (`directives/3.json#slug`), where version 1 gave each a file.
pub const API_VERSION: u32 = 3;

/// Whole items per page of `directives/N.json` and `campaigns/N.json`: a reader who wants
/// one item fetches about as many bytes as the list's entries of the same hundred, and a
/// portal writes a file per hundred items instead of one per item.
const PER_PAGE: usize = 100;

/// The number (from 1) of the page of whole items that holds item `i`.
fn page_of(i: usize) -> usize {
    i / PER_PAGE + 1
}

/// The address of a page of whole items and the item's slug: `…/campaigns/2.json#slug`.
fn paged_url(site: &Site, list: &str, i: usize, slug: &str) -> String {
    site.config.absolute(&format!("/{API_DIR}/{list}/{}.json#{slug}", page_of(i)))
}

/// The address of campaign `i`'s own file in version 2 and its page now, for the redirects
/// of addresses handed out before: (`/api/v1/campaigns/<slug>.json`, `/api/v1/campaigns/N.json`).
/// None for a slug of digits only, whose old address is now a page's.
pub(crate) fn old_campaign_file(site: &Site, i: usize) -> Option<(String, String)> {
    let slug = &site.campaigns[i].source.slug;
    if slug.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((format!("/{API_DIR}/campaigns/{slug}.json"), format!("/{API_DIR}/campaigns/{}.json", page_of(i))))
}

const SCHEMAS: &[(&str, &str)] = &[
    ("campaign.schema.json", include_str!("schema/campaign.schema.json")),
    ("directive.schema.json", include_str!("schema/directive.schema.json")),
    ("campaigns.schema.json", include_str!("schema/campaigns.schema.json")),
    ("directives.schema.json", include_str!("schema/directives.schema.json")),
    ("directive-page.schema.json", include_str!("schema/directive-page.schema.json")),
    ("campaign-page.schema.json", include_str!("schema/campaign-page.schema.json")),
    ("results.schema.json", include_str!("schema/results.schema.json")),
    ("index.schema.json", include_str!("schema/index.schema.json")),
    ("deadlines.schema.json", include_str!("schema/deadlines.schema.json")),
];

fn date(d: Option<crate::date::PartialDate>) -> Value {
    d.map(|d| json!(d.to_string())).unwrap_or(Value::Null)
}

/// What `campaigns.json` lists of a campaign; its page of whole campaigns has these and more.
fn campaign_entry(site: &Site, views: &Views<'_>, i: usize) -> Value {
    let c = &site.campaigns[i];
    json!({
        "slug": c.source.slug,
        "url": site.config.absolute(&paths::campaign(&c.source.slug)),
        "api_url": paged_url(site, "campaigns", i, &c.source.slug),
        "title": c.title,
        "kind": c.kind.0,
        "status": views.campaign_status(c).key,
        "start": date(c.start.as_ref().map(|d| d.value)),
        "end": date(c.end.as_ref().map(|d| d.value)),
    })
}

fn campaign(site: &Site, views: &Views<'_>, i: usize) -> Value {
    let c = &site.campaigns[i];
    with(
        campaign_entry(site, views, i),
        json!({
            "organizer": c.organizer.as_ref().map(|r| &r.value),
            "summary": c.summary,
            "fields": c.fields,
            "tags": c.tags,
            "phases": c.phases.iter().map(|p| json!({
                "name": p.name,
                "start": date(p.start.as_ref().map(|d| d.value)),
                "end": date(p.end.as_ref().map(|d| d.value)),
            })).collect::<Vec<_>>(),
            "contacts": c.contacts.iter().map(|r| &r.value).collect::<Vec<_>>(),
            "short_url": site.short_links.primary.get(&crate::content::shortlinks::Target::Campaign(i)).map(|code| site.config.absolute(&format!("/q/{code}/"))),
            "directives": site.links.directives_of_campaign[i].iter().map(|&d| &site.directives[d].source.slug).collect::<Vec<_>>(),
        }),
    )
}

/// `entry` with the members of `more` added (both objects).
fn with(mut entry: Value, more: Value) -> Value {
    if let (Some(entry), Value::Object(more)) = (entry.as_object_mut(), more) {
        entry.extend(more);
    }
    entry
}

/// What `directives.json` lists of a directive; its page of whole directives has these and
/// more. Fields in alphabetical order, as in the whole directive (a JSON object of
/// `serde_json` sorts its keys).
#[derive(serde::Serialize)]
struct DirectiveEntry<'a> {
    api_url: String,
    campaigns: Vec<&'a str>,
    date: Option<String>,
    doc_type: &'a str,
    /// The first day in force (ngày có hiệu lực), when known.
    effective: Option<String>,
    /// The first day no longer in force, when set.
    expires: Option<String>,
    /// Lĩnh vực, by slug.
    fields: Vec<&'a str>,
    issuer: Option<&'a str>,
    number: Option<&'a str>,
    slug: &'a str,
    /// Tình trạng hiệu lực on the build date (`content::life::LegalStatus::key`).
    status: &'static str,
    title: &'a str,
    url: String,
    /// Present only when the directive was withdrawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn: Option<WithdrawnEntry<'a>>,
}

/// A withdrawal as the API gives it: when, why, and the replacing directive.
#[derive(serde::Serialize)]
struct WithdrawnEntry<'a> {
    date: String,
    reason: &'a str,
    replaced_by: Option<&'a str>,
    replaced_by_url: Option<String>,
}

fn directive_entry(site: &Site, i: usize) -> DirectiveEntry<'_> {
    let d = &site.directives[i];
    let life = site.life.get(i);
    let withdrawn = d.withdrawn.as_ref().map(|w| {
        let replaced_by = w.replaced_by.as_ref().map(|r| r.value.as_str());
        WithdrawnEntry {
            date: w.date.value.to_string(),
            reason: &w.reason,
            replaced_by,
            replaced_by_url: replaced_by.map(|slug| site.config.absolute(&paths::directive(slug))),
        }
    });
    DirectiveEntry {
        withdrawn,
        api_url: paged_url(site, "directives", i, &d.source.slug),
        campaigns: d.campaigns.iter().map(|r| r.value.as_str()).collect(),
        date: d.date.as_ref().map(|s| s.value.to_string()),
        doc_type: d.doc_type.0,
        effective: life.and_then(|l| l.effective).map(|e| e.to_string()),
        expires: life.and_then(|l| l.expires).map(|e| e.to_string()),
        fields: d.fields.iter().map(|r| r.value.as_str()).collect(),
        status: life.map_or("in_force", |l| l.status.key()),
        issuer: d.issuer.as_ref().map(|r| r.value.as_str()),
        number: d.number.as_ref().map(|n| n.text.as_str()),
        slug: &d.source.slug,
        title: &d.title,
        url: site.config.absolute(&paths::directive(&d.source.slug)),
    }
}

/// A directive whole, as its page of `directives/N.json` has it.
fn directive(site: &Site, i: usize) -> Value {
    let d = &site.directives[i];
    with(
        json!(directive_entry(site, i)),
        json!({
            "place": d.place,
            "recipients": d.recipients,
            "references": d.references.iter().map(|r| json!({
                "number": r.number.as_ref().map(|n| &n.text),
                "date": date(r.date),
                "issuer": r.issuer,
                "title": r.title,
            })).collect::<Vec<_>>(),
            "attachments": d.attachments.iter().filter_map(|a| {
                let file = &site.attachments[a.attachment?];
                Some(json!({
                    "title": a.title.as_ref().unwrap_or(&file.title),
                    "number": a.number,
                    "url": site.config.absolute(&format!("{}{}", paths::attachment(&file.slug), file.file_name)),
                    "bytes": file.bytes,
                    "sha256": file.sha256,
                }))
            }).collect::<Vec<_>>(),
            "deadlines": d.deadlines.iter().map(|dl| json!({
                "date": dl.date.value.to_string(),
                "what": dl.what,
                "extended": dl.extended.iter().map(|step| json!({
                    "was": step.was.to_string(),
                    "now": step.now.to_string(),
                    "by": site.directives[step.by].source.slug,
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "relations": relations(site, i),
            "contacts": d.contacts.iter().map(|r| &r.value).collect::<Vec<_>>(),
            "signer": d.signer.as_ref().map(|s| json!({
                "authority": s.authority.map(|a| a.label(site.is_party_issuer(d))),
                "body": s.body,
                "position": s.position,
                "name": s.name,
            })),
            "distribution": d.distribution,
            "urgency": d.urgency.map(|u| u.label()),
            "tags": d.tags,
        }),
    )
}

/// The relations of a directive both ways: what it declares (`amends`…) and what newer
/// documents declare on it (`amends_by`, `replaces_by`…), each a list of `{slug, number, url}`.
fn relations(site: &Site, i: usize) -> Value {
    use crate::content::life::Acted;
    let mut out = serde_json::Map::new();
    let Some(life) = site.life.get(i) else { return Value::Object(out) };
    let named = |acted: &Acted| match acted {
        Acted::Directive(j) => {
            let d = &site.directives[*j];
            json!({
                "slug": d.source.slug,
                "number": d.number.as_ref().map(|n| &n.text),
                "url": site.config.absolute(&paths::directive(&d.source.slug)),
            })
        }
        Acted::Outside(number) => json!({"slug": null, "number": number, "url": null}),
    };
    for (relation, acted) in &life.acts {
        let list = out.entry(relation.field()).or_insert_with(|| json!([]));
        list.as_array_mut().expect("a list").push(named(acted));
    }
    for (relation, by, _) in &life.acted_on {
        let list = out.entry(format!("{}_by", relation.field())).or_insert_with(|| json!([]));
        list.as_array_mut().expect("a list").push(named(&Acted::Directive(*by)));
    }
    Value::Object(out)
}

fn schema_url(site: &Site, name: &str) -> String {
    site.config.absolute(&format!("/{API_DIR}/schema/{name}"))
}

/// The lists, the index and the schemas; `events` are the portal's calendar events.
pub fn lists(site: &Site, views: &Views<'_>, events: &[Event]) -> Vec<(String, Vec<u8>)> {
    let generated = site.config.build_date.to_string();
    let campaigns: Vec<Value> = (0..site.campaigns.len()).map(|i| campaign_entry(site, views, i)).collect();
    let directives: Vec<DirectiveEntry<'_>> = (0..site.directives.len()).map(|i| directive_entry(site, i)).collect();
    let deadlines: Vec<DeadlineEntry<'_>> = events.iter().map(DeadlineEntry::from).collect();
    let index = json!({
        "$schema": schema_url(site, "index.schema.json"),
        "version": API_VERSION,
        "generated": generated,
        "title": site.config.title,
        "province": site.config.province,
        "url": site.config.base_url,
        "lists": {
            "campaigns": list_version(site, "campaigns", &campaigns),
            "directives": list_version(site, "directives", &directives),
            "deadlines": list_version(site, "deadlines", &deadlines),
        },
    });
    let mut files = vec![
        (
            format!("{API_DIR}/campaigns.json"),
            pretty(&json!({
                "$schema": schema_url(site, "campaigns.schema.json"),
                "version": API_VERSION,
                "generated": generated,
                "campaigns": campaigns,
            })),
        ),
        (
            format!("{API_DIR}/directives.json"),
            pretty(&DirectiveList {
                schema: schema_url(site, "directives.schema.json"),
                directives,
                generated: generated.clone(),
                version: API_VERSION,
            }),
        ),
        (
            format!("{API_DIR}/deadlines.json"),
            pretty(&json!({
                "$schema": schema_url(site, "deadlines.schema.json"),
                "version": API_VERSION,
                "generated": generated,
                "deadlines": deadlines,
            })),
        ),
        (format!("{API_DIR}/{INDEX_FILE}"), pretty(&index)),
    ];
    files.extend(pages(site, "directives", site.directives.len(), |i| directive(site, i)));
    files.extend(pages(site, "campaigns", site.campaigns.len(), |i| campaign(site, views, i)));
    files.extend(SCHEMAS.iter().map(|(name, text)| (format!("{API_DIR}/schema/{name}"), text.as_bytes().to_vec())));
    files
}

/// `directives/N.json` or `campaigns/N.json` (`list`): the whole items, `whole(i)`, in the
/// order of their list, [`PER_PAGE`] a page; each page names its schema `<item>-page`.
fn pages(site: &Site, list: &str, count: usize, whole: impl Fn(usize) -> Value) -> Vec<(String, Vec<u8>)> {
    let generated = site.config.build_date.to_string();
    let schema = schema_url(site, &format!("{}-page.schema.json", list.trim_end_matches('s')));
    let pages = count.div_ceil(PER_PAGE);
    (1..=pages)
        .map(|page| {
            let first = (page - 1) * PER_PAGE;
            let last = (first + PER_PAGE).min(count);
            let mut value = json!({
                "$schema": schema,
                "version": API_VERSION,
                "generated": generated,
                "page": page,
                "pages": pages,
            });
            value[list] = Value::Array((first..last).map(&whole).collect());
            (format!("{API_DIR}/{list}/{page}.json"), pretty(&value))
        })
        .collect()
}

/// The API's index, read first by anyone who follows the portal.
pub const INDEX_FILE: &str = "index.json";

/// A list's entry in `index.json`: its address, item count and version. The version hashes
/// the items only (not the `generated` date), so it changes exactly when the list does; the
/// address carries it as `?v=`, so a cache or CDN in between never serves an old copy
/// under a new version.
fn list_version<T: serde::Serialize>(site: &Site, name: &str, items: &[T]) -> Value {
    use sha2::Digest;
    let bytes = serde_json::to_vec(items).expect("json");
    let digest = sha2::Sha256::digest(&bytes);
    let version: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    json!({
        "url": site.config.absolute(&format!("/{API_DIR}/{name}.json?v={version}")),
        "version": version,
        "count": items.len(),
    })
}

/// One calendar event of `deadlines.json`: a campaign period or a directive's deadline.
#[derive(serde::Serialize)]
struct DeadlineEntry<'a> {
    /// The event's UID in the portal's calendars, stable across builds.
    uid: &'a str,
    summary: &'a str,
    description: &'a str,
    url: &'a str,
    /// `YYYY-MM-DD` (all day) or `YYYY-MM-DDTHH:MM` (Vietnam time).
    start: String,
    /// The last day of an all-day period (inclusive); null for a moment.
    end: Option<String>,
    cancelled: bool,
    sequence: u32,
    /// A moved deadline's extensions, oldest first (absent when it was never moved).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    extended: &'a [crate::feeds::calendar::Moved],
}

impl<'a> From<&'a Event> for DeadlineEntry<'a> {
    fn from(event: &'a Event) -> Self {
        let (start, end) = match event.when {
            When::Days { start, end } => (start.to_string(), Some(end.to_string())),
            When::At(moment) => (moment.to_string(), None),
        };
        DeadlineEntry {
            uid: &event.uid,
            summary: &event.summary,
            description: &event.description,
            url: &event.url,
            start,
            end,
            cancelled: event.cancelled,
            sequence: event.sequence,
            extended: &event.extended,
        }
    }
}

/// `directives.json`: written from typed entries (the list is as long as the portal), its
/// fields in the order a JSON object of `serde_json` has them.
#[derive(serde::Serialize)]
struct DirectiveList<'a> {
    #[serde(rename = "$schema")]
    schema: String,
    directives: Vec<DirectiveEntry<'a>>,
    generated: String,
    version: u32,
}

fn pretty(value: &impl serde::Serialize) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).expect("json");
    bytes.push(b'\n');
    bytes
}

/// The API files an edit reaches ([`crate::render::plan`]): the lists, one job.
pub(crate) fn jobs_for(_change: &crate::render::plan::Change<'_>) -> Vec<crate::render::Job> {
    vec![crate::render::Job::ApiLists]
}

/// Renders the API's lists, the pages of whole campaigns and directives and the schemas
/// (`Job::ApiLists`).
pub(crate) fn render(
    ctx: &crate::render::RenderCtx<'_>,
    _problems: &crate::diag::Diagnostics,
) -> Option<Vec<crate::render::OutputFile>> {
    Some(lists(ctx.site, &ctx.views, &crate::feeds::site_events(ctx)))
}
