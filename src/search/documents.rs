//! What the search index knows of each page: weighted text fields, the facets to filter by,
//! and what a result shows.

use std::sync::Arc;

use rayon::prelude::*;

use crate::content::Kind;
use crate::content::paths;
use crate::content::{ContactRef, Site};
use crate::render::view::Views;
use crate::text;

/// Field weights: a word in a title or number counts more than one in the body.
pub(crate) const TITLE: u32 = 6;
pub(crate) const NUMBER: u32 = 6;
pub(crate) const TAGS: u32 = 4;
pub(crate) const PEOPLE: u32 = 3;
pub(crate) const META: u32 = 2;
pub(crate) const BODY: u32 = 1;
/// Initials of title words ("sáng tạo kỹ thuật" → "stkt"), as people abbreviate names.
pub(crate) const ACRONYMS: u32 = 2;

/// Kinds of results, in the order of `KIND_LABELS`.
pub(crate) const KIND_LABELS: &[&str] =
    &["Phong trào", "Hướng dẫn", "Văn bản", "Tài liệu", "Cơ quan", "Người liên hệ", "Giải pháp đạt giải"];
/// Campaign statuses, in the order of the facet codes 1, 2, 3.
pub(crate) const STATUS_LABELS: &[&str] = &["Sắp diễn ra", "Đang diễn ra", "Đã kết thúc"];

/// One searchable page.
#[derive(Debug, Clone, Default)]
pub(crate) struct SearchDoc {
    pub url: String,
    pub title: String,
    pub kind: u8,
    pub number: Option<String>,
    /// One line under the title: type, date, issuer.
    pub meta: String,
    /// Start of the text, for snippets.
    pub excerpt: String,
    /// (weight, text) pairs to index.
    pub fields: Vec<(u32, String)>,
    pub facets: Facets,
}

/// Facet codes: 0 means none; other values are 1 + an index into the facet's list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Facets {
    pub year: u16,
    pub doc_type: u8,
    pub status: u8,
    pub issuer: u16,
    pub campaign: u16,
    /// Lĩnh vực: bit `i` set for the `i`-th field of `site.yaml`'s `fields:` (the first 64).
    pub fields: u64,
}

/// The lĩnh vực bits of fields named by slug (or, for a campaign's free text, by name).
fn field_bits<'a>(site: &Site, names: impl IntoIterator<Item = &'a str>) -> u64 {
    let mut bits = 0;
    for name in names {
        let folded = text::fold(name.trim());
        let found = site.config.fields.iter().position(|f| f.slug == name || text::fold(&f.name) == folded);
        if let Some(i) = found.filter(|&i| i < 64) {
            bits |= 1 << i;
        }
    }
    bits
}

const EXCERPT_CHARS: usize = 700;

fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(EXCERPT_CHARS) {
        Some((cut, _)) => format!("{}…", &flat[..cut]),
        None => flat,
    }
}

/// 1 + index, or 0 past what the facet table's 16 bits hold (the facet is then unfiltered).
fn facet_code(index: usize) -> u16 {
    u16::try_from(index + 1).unwrap_or(0)
}

/// Initials of every run of 3 to 5 title words: "Hội thi Sáng tạo kỹ thuật" gives "htst",
/// "stkt", "htstk"…, so an abbreviation typed in the search box finds the title.
pub(crate) fn acronyms(title: &str) -> String {
    let initials: Vec<char> =
        text::tokens(title).iter().filter_map(|t| t.folded.chars().next().filter(char::is_ascii_alphabetic)).collect();
    let mut out = String::new();
    for length in 3..=5 {
        for run in initials.windows(length) {
            out.extend(run);
            out.push(' ');
        }
    }
    out
}

fn status_code(views: &Views<'_>, campaign: usize) -> u8 {
    match views.campaign_status(&views.site.campaigns[campaign]).key {
        "upcoming" => 1,
        "ongoing" => 2,
        "ended" => 3,
        _ => 0,
    }
}

/// The search document of campaign `i` (its document id is `i`).
pub(crate) fn campaign_doc(site: &Site, views: &Views<'_>, i: usize) -> SearchDoc {
    let c = &site.campaigns[i];
    let org_index = |slug: Option<&String>| -> u16 { organization_code(site, slug) };
    let body = crate::markdown::plain_text(&c.source.body);
    let organizer = c.organizer.as_ref().and_then(|r| site.organization(&r.value));
    SearchDoc {
        url: views.link(&paths::campaign(&c.source.slug)),
        title: c.title.clone(),
        kind: 0,
        number: None,
        meta: [
            Some(views.label("campaign_kind", c.kind.0, c.kind.name())),
            organizer.map(|o| o.title.clone()),
            Some(campaign_field_names(site, c)).filter(|f| !f.is_empty()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · "),
        excerpt: excerpt(&format!("{} {}", c.summary.as_deref().unwrap_or(""), body)),
        fields: vec![
            (TITLE, c.title.clone()),
            (ACRONYMS, acronyms(&c.title)),
            (TAGS, c.tags.join(" ")),
            (META, format!("{} {}", organizer.map_or("", |o| o.title.as_str()), c.fields.join(" "))),
            (BODY, format!("{} {}", c.summary.as_deref().unwrap_or(""), body)),
        ],
        facets: Facets {
            status: status_code(views, i),
            campaign: facet_code(i),
            issuer: org_index(c.organizer.as_ref().map(|r| &r.value)),
            fields: field_bits(site, c.fields.iter().map(String::as_str)),
            ..Facets::default()
        },
    }
}

/// A campaign's lĩnh vực as the search result shows them: the names of `site.yaml`'s fields
/// (in the edition's language), or the text as written when it names none.
fn campaign_field_names(site: &Site, c: &crate::content::Campaign) -> String {
    c.fields
        .iter()
        .map(|name| {
            let folded = text::fold(name.trim());
            match site.config.fields.iter().find(|f| f.slug == *name || text::fold(&f.name) == folded) {
                Some(f) if site.is_edition() => f.name_en.clone().unwrap_or_else(|| f.name.clone()),
                Some(f) => f.name.clone(),
                None => name.clone(),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The search document of guide `index` (its document id follows the campaigns').
pub(crate) fn guide_doc(site: &Site, views: &Views<'_>, index: usize) -> SearchDoc {
    let links = &site.links;
    let g = &site.guides[index];
    let first_campaign = g.campaigns.first().and_then(|r| links.campaign_by_slug.get(&r.value)).copied();
    SearchDoc {
        url: views.link(&paths::guide(&g.source.slug)),
        title: g.title.clone(),
        kind: 1,
        meta: views.t("kind_guide").to_owned(),
        excerpt: excerpt(&format!(
            "{} {}",
            g.summary.as_deref().unwrap_or(""),
            crate::markdown::plain_text(&g.source.body)
        )),
        fields: vec![
            (TITLE, g.title.clone()),
            (ACRONYMS, acronyms(&g.title)),
            (TAGS, g.tags.join(" ")),
            (BODY, format!("{} {}", g.summary.as_deref().unwrap_or(""), crate::markdown::plain_text(&g.source.body))),
        ],
        facets: Facets {
            campaign: first_campaign.map_or(0, facet_code),
            status: first_campaign.map_or(0, |c| status_code(views, c)),
            ..Facets::default()
        },
        ..SearchDoc::default()
    }
}

/// The search document of directive `index`: the same in a full build and after an edit.
pub(crate) fn directive_doc(site: &Site, views: &Views<'_>, index: usize) -> SearchDoc {
    let links = &site.links;
    let d = &site.directives[index];
    let org_index = |slug: Option<&String>| -> u16 { organization_code(site, slug) };
    let issuer = d.issuer.as_ref().and_then(|r| site.organization(&r.value));
    let first_campaign = d.campaigns.first().and_then(|r| links.campaign_by_slug.get(&r.value)).copied();
    let date = d.date.as_ref().map(|s| text::vi_date_short(&s.value));
    let body = crate::markdown::plain_text(&d.source.body);
    let number = d.number.as_ref().map(|n| n.text.clone());
    let attachment_titles: Vec<String> = d.attachments.iter().filter_map(|a| a.title.clone()).collect();
    let signer = d
        .signer
        .as_ref()
        .map(|s| format!("{} {}", s.name.as_deref().unwrap_or(""), s.position.as_deref().unwrap_or("")))
        .unwrap_or_default();
    SearchDoc {
        url: views.link(&paths::directive(&d.source.slug)),
        title: d.title.clone(),
        kind: 2,
        meta: [
            Some(views.doc_type_name(d.doc_type)),
            number.clone().map(|n| format!("{} {n}", views.t("number_word"))),
            date,
            issuer.map(|o| o.title.clone()),
            // Tình trạng hiệu lực and lĩnh vực, as the document's page shows them.
            Some(views.effect_badge(index).label),
            Some(views.field_names(index).join(", ")).filter(|f| !f.is_empty()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · "),
        excerpt: excerpt(&body),
        fields: vec![
            (TITLE, format!("{} {}", views.doc_type_name(d.doc_type), d.title)),
            (ACRONYMS, acronyms(&d.title)),
            (NUMBER, number.clone().unwrap_or_default()),
            (TAGS, d.tags.join(" ")),
            (PEOPLE, signer),
            (
                META,
                format!(
                    "{} {} {} {}",
                    issuer.map_or("", |o| o.title.as_str()),
                    d.recipients.join(" "),
                    attachment_titles.join(" "),
                    views.field_names(index).join(" ")
                ),
            ),
            (BODY, body),
        ],
        facets: Facets {
            year: d.date.as_ref().map_or(0, |s| s.value.year.clamp(0, 65_535) as u16),
            doc_type: d.doc_type.code(),
            status: first_campaign.map_or(0, |c| status_code(views, c)),
            issuer: org_index(d.issuer.as_ref().map(|r| &r.value)),
            campaign: first_campaign.map_or(0, facet_code),
            fields: field_bits(site, d.fields.iter().map(|r| r.value.as_str())),
        },
        number,
    }
}

/// The facet code of an issuing organization, 0 for none.
fn organization_code(site: &Site, slug: Option<&String>) -> u16 {
    match slug.and_then(|s| site.contact(s)) {
        Some(ContactRef::Organization(i)) => facet_code(i),
        _ => 0,
    }
}

/// The search document of one campaign, guide or directive (by its index in the model), with
/// its document id: where `collect` puts it. Only for a site that indexes every page (not a
/// language edition, which indexes its translations only); None for other kinds.
pub(crate) fn page_doc(site: &Site, views: &Views<'_>, kind: Kind, index: usize) -> Option<(usize, SearchDoc)> {
    match kind {
        Kind::Campaign => Some((index, campaign_doc(site, views, index))),
        Kind::Guide => Some((site.campaigns.len() + index, guide_doc(site, views, index))),
        Kind::Directive => Some((site.campaigns.len() + site.guides.len() + index, directive_doc(site, views, index))),
        Kind::Organization | Kind::Person | Kind::Result => None,
    }
    .map(|(id, mut doc)| {
        add_abbreviations(&abbreviations(site), &mut doc);
        (id, doc)
    })
}

/// The portal's abbreviation table: the common one and `search.abbreviations` of site.yaml.
fn abbreviations(site: &Site) -> text::abbreviations::Abbreviations {
    text::abbreviations::Abbreviations::with(&site.config.search_abbreviations)
}

/// Adds, beside each field, the abbreviations its text holds or spells out ("KH&CN",
/// "Khoa học và Công nghệ" → `khcn`), with the field's weight, so an abbreviation finds
/// the page whichever way the page writes it.
pub(crate) fn add_abbreviations(table: &text::abbreviations::Abbreviations, doc: &mut SearchDoc) {
    let extra: Vec<(u32, String)> = doc
        .fields
        .iter()
        .filter_map(|(weight, field)| {
            let terms = table.extra_terms(field, &text::tokens(field));
            let words: Vec<&str> = terms.iter().map(|t| &*t.folded).collect();
            (!words.is_empty()).then(|| (*weight, words.join(" ")))
        })
        .collect();
    doc.fields.extend(extra);
}

/// Every page worth finding, in a stable order (the order is the document id), with
/// directive `i`'s document taken from `kept(i)` when it gives one (`loa serve`: the document of a directive an edit left as it was, which reads only
/// the directive, its issuer, campaigns and status), so an edit of one directive does not
/// read every page's text again. Also returns each directive's document id (None for one
/// not indexed).
pub(crate) fn collect_keeping(
    site: &Site,
    views: &Views<'_>,
    kept: &(dyn Fn(usize) -> Option<Arc<SearchDoc>> + Sync),
) -> (Vec<Arc<SearchDoc>>, Vec<Option<usize>>) {
    let table = abbreviations(site);
    let made = |mut doc: SearchDoc| {
        add_abbreviations(&table, &mut doc);
        Arc::new(doc)
    };
    let published = |source: &crate::content::Source| site.published(source);
    let mut docs: Vec<Arc<SearchDoc>> = (0..site.campaigns.len())
        .filter(|&i| published(&site.campaigns[i].source))
        .map(|i| campaign_doc(site, views, i))
        .map(made)
        .collect();
    docs.extend(
        (0..site.guides.len())
            .filter(|&i| published(&site.guides[i].source))
            .map(|i| guide_doc(site, views, i))
            .map(made),
    );
    // A withdrawn document keeps its page but is no longer offered as an answer.
    let indexed = |i: usize| published(&site.directives[i].source) && site.directives[i].withdrawn.is_none();
    let directives: Vec<Option<Arc<SearchDoc>>> = (0..site.directives.len())
        .into_par_iter()
        .map(|i| indexed(i).then(|| kept(i).unwrap_or_else(|| made(directive_doc(site, views, i)))))
        .collect();
    let mut ids = Vec::with_capacity(directives.len());
    for doc in directives {
        ids.push(doc.as_ref().map(|_| docs.len()));
        docs.extend(doc);
    }
    docs.extend(other_docs(site, views).into_iter().map(made));
    (docs, ids)
}

/// The documents after the directives': attachments, organizations, people and contest
/// results.
fn other_docs(site: &Site, views: &Views<'_>) -> Vec<SearchDoc> {
    let org_index = |slug: Option<&String>| -> u16 { organization_code(site, slug) };
    let mut docs = Vec::new();
    // Attachments (their page, else their file) are the portal's, in Vietnamese.
    for a in site.attachments.iter().filter(|_| !site.is_edition()) {
        docs.push(SearchDoc {
            url: views.attachment_url(a),
            title: a.title.clone(),
            kind: 3,
            number: a.number.clone(),
            meta: format!("{} · {}", a.extension.to_uppercase(), text::vi_file_size(a.bytes)),
            excerpt: String::new(),
            fields: vec![
                (TITLE, a.title.clone()),
                (NUMBER, a.number.clone().unwrap_or_default()),
                (META, a.file_name.clone()),
            ],
            facets: Facets::default(),
        });
    }
    for o in site.organizations.iter().filter(|o| site.published(&o.source)) {
        docs.push(SearchDoc {
            url: views.link(&paths::contact(&o.source.slug)),
            title: o.title.clone(),
            kind: 4,
            meta: [o.abbr.clone(), o.phone.clone(), o.email.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            excerpt: o.address.clone().unwrap_or_default(),
            fields: vec![
                (TITLE, o.title.clone()),
                (NUMBER, o.abbr.clone().unwrap_or_default()),
                (
                    META,
                    format!(
                        "{} {} {}",
                        o.address.as_deref().unwrap_or(""),
                        o.phone.as_deref().unwrap_or(""),
                        o.email.as_deref().unwrap_or("")
                    ),
                ),
            ],
            facets: Facets { issuer: org_index(Some(&o.source.slug)), ..Facets::default() },
            ..SearchDoc::default()
        });
    }
    for p in site.people.iter().filter(|p| site.published(&p.source)) {
        let organization = p.organization.as_ref().and_then(|r| site.organization(&r.value));
        docs.push(SearchDoc {
            url: views.link(&paths::contact(&p.source.slug)),
            title: p.title.clone(),
            kind: 5,
            meta: [p.position.clone(), organization.map(|o| o.title.clone()), p.phone.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            excerpt: String::new(),
            fields: vec![
                (TITLE, p.title.clone()),
                (PEOPLE, p.position.clone().unwrap_or_default()),
                (
                    META,
                    format!(
                        "{} {} {}",
                        organization.map_or("", |o| o.title.as_str()),
                        p.phone.as_deref().unwrap_or(""),
                        p.email.as_deref().unwrap_or("")
                    ),
                ),
            ],
            facets: Facets { issuer: org_index(p.organization.as_ref().map(|r| &r.value)), ..Facets::default() },
            ..SearchDoc::default()
        });
    }
    docs.extend(result_docs(site, views));
    docs
}

/// One document per winning entry (giải pháp đạt giải) of a published contest: its title,
/// authors, unit, field and level, so that an author's name finds their solution; the hit
/// opens the results page at the entry's row.
fn result_docs(site: &Site, views: &Views<'_>) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for (c, campaign) in site.campaigns.iter().enumerate().filter(|(_, c)| site.published(&c.source)) {
        let page = views.link(&paths::results(&campaign.source.slug));
        let anchors = crate::content::results::entry_anchors(site, c);
        for (&r, anchors) in site.links.results_of_campaign[c].iter().zip(anchors) {
            let result = &site.results[r];
            for (entry, anchor) in result.entries.iter().zip(anchors) {
                let authors: Vec<String> =
                    entry.authors.iter().map(|a| crate::content::results::author_name(site, a)).collect();
                let level = result.levels.iter().find(|l| l.slug == entry.level.value);
                let level =
                    level.map(|l| if site.is_edition() { l.name_en.as_ref().unwrap_or(&l.name) } else { &l.name });
                let field = entry.field.as_ref().and_then(|f| site.config.fields.iter().find(|d| d.slug == f.value));
                let field =
                    field.map(|f| if site.is_edition() { f.name_en.as_ref().unwrap_or(&f.name) } else { &f.name });
                let meta = [level.cloned(), Some(authors.join(", ")), entry.unit.clone(), field.cloned()]
                    .into_iter()
                    .flatten()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                docs.push(SearchDoc {
                    url: format!("{page}#{anchor}"),
                    title: entry.title.value.clone(),
                    kind: 6,
                    meta,
                    excerpt: campaign.title.clone(),
                    fields: vec![
                        (TITLE, entry.title.value.clone()),
                        (PEOPLE, authors.join(" ")),
                        (
                            META,
                            format!(
                                "{} {} {} {}",
                                entry.unit.as_deref().unwrap_or(""),
                                field.map_or("", String::as_str),
                                level.map_or("", String::as_str),
                                campaign.title
                            ),
                        ),
                    ],
                    facets: Facets {
                        status: status_code(views, c),
                        campaign: facet_code(c),
                        fields: field_bits(site, entry.field.iter().map(|f| f.value.as_str())),
                        ..Facets::default()
                    },
                    ..SearchDoc::default()
                });
            }
        }
    }
    docs
}
