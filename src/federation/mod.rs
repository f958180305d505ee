//! Federation: the member portals a national portal aggregates (`federation:` in
//! `site.yaml`). [`read::read_members`] reads each member's published `/api/v1/` (over HTTP or
//! from a folder), checks it here against the API's constraints and keeps the last good copy
//! beside the portal; outputs render the national pages from [`National`].
//!
//! Member data is untrusted: it is read into typed structs (serde) whose values are then
//! checked with the constraints of the API's JSON Schemas (`feeds/schema/`), plus what the
//! national pages rely on: every link is an http(s) address under the member's own base
//! URL, texts are bounded and NFC, lists are bounded. A member whose data fails any check
//! keeps its last good copy; nothing of it is published.

pub(crate) mod read;

use serde::Deserialize;

use crate::content::model::DocType;
use crate::date::{DateTime, PartialDate};
use crate::diag::{Arg, Text};

/// What a national build read of its members, in the order of `federation:`.
#[derive(Debug, Default)]
pub struct National {
    pub members: Vec<Member>,
}

/// One member portal's published data, checked.
#[derive(Debug, Clone)]
pub struct Member {
    /// The name `site.yaml` gives it (e.g. `Thanh Hóa`).
    pub name: String,
    /// Its slug: the cache folder's name and the prefix of its calendar UIDs.
    pub slug: String,
    /// The portal's own title.
    pub title: String,
    /// The portal's base URL (ends with `/`).
    pub url: String,
    /// The build date of the copy read.
    pub generated: PartialDate,
    /// Whether this is the last good copy because the member could not be read this time.
    pub stale: bool,
    pub campaigns: Vec<Campaign>,
    pub directives: Vec<Directive>,
    pub deadlines: Vec<Deadline>,
}

/// A campaign of a member.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub title: String,
    pub url: String,
    /// `upcoming`, `ongoing` or `ended` on the member's build date.
    pub status: &'static str,
    pub start: Option<PartialDate>,
    pub end: Option<PartialDate>,
}

/// A directive of a member.
#[derive(Debug, Clone)]
pub struct Directive {
    pub title: String,
    pub url: String,
    pub doc_type: Option<DocType>,
    pub number: Option<String>,
    pub date: Option<PartialDate>,
}

/// A campaign period or deadline of a member's calendar.
#[derive(Debug, Clone)]
pub struct Deadline {
    /// The member's own UID of the event.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub url: String,
    pub start: DateTime,
    /// The last day of a period; None for a moment.
    pub end: Option<PartialDate>,
    pub cancelled: bool,
    pub sequence: u32,
}

/// The longest text field accepted from a member, in characters.
const MAX_TEXT: usize = 2_000;
/// The most items accepted in one list of a member.
pub(crate) const MAX_ITEMS: usize = 200_000;

/// `index.json` as published.
#[derive(Debug, Deserialize)]
pub(crate) struct IndexFile {
    pub version: u32,
    pub generated: String,
    pub title: String,
    pub url: String,
    pub lists: IndexLists,
}

#[derive(Debug, Deserialize)]
pub(crate) struct IndexLists {
    pub campaigns: ListRef,
    pub directives: ListRef,
    pub deadlines: ListRef,
}

/// A list's entry in `index.json`.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub(crate) struct ListRef {
    pub url: String,
    pub version: String,
    pub count: usize,
}

#[derive(Deserialize)]
struct CampaignList {
    version: u32,
    campaigns: Vec<CampaignEntry>,
}

#[derive(Deserialize)]
struct CampaignEntry {
    title: String,
    url: String,
    status: String,
    start: Option<String>,
    end: Option<String>,
}

#[derive(Deserialize)]
struct DirectiveList {
    version: u32,
    directives: Vec<DirectiveEntry>,
}

#[derive(Deserialize)]
struct DirectiveEntry {
    title: String,
    url: String,
    doc_type: String,
    number: Option<String>,
    date: Option<String>,
}

#[derive(Deserialize)]
struct DeadlineList {
    version: u32,
    deadlines: Vec<DeadlineEntry>,
}

#[derive(Deserialize)]
struct DeadlineEntry {
    uid: String,
    summary: String,
    description: String,
    url: String,
    start: String,
    end: Option<String>,
    cancelled: bool,
    sequence: u32,
}

/// Reads `index.json`; `base` is the member's configured address (None for a folder member,
/// whose index names its own).
pub(crate) fn parse_index(bytes: &[u8], base: Option<&str>) -> Result<IndexFile, Text> {
    let index: IndexFile = serde_json::from_slice(bytes).map_err(|e| at_file("index.json", parse_error(e)))?;
    version(index.version, "index.json")?;
    PartialDate::parse(&index.generated).map_err(|e| at_file("index.json: generated", e.0))?;
    text(&index.title, "index.json: title")?;
    let url = crate::config::parse_base_url(&index.url).map_err(|e| at_file("index.json: url", e))?;
    if let Some(base) = base
        && url != base
    {
        return Err(crate::msg!("federation-index-url", url = index.url.escape_debug(), base));
    }
    for (name, list) in [
        ("campaigns", &index.lists.campaigns),
        ("directives", &index.lists.directives),
        ("deadlines", &index.lists.deadlines),
    ] {
        if list.version.len() != 32 || !list.version.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(crate::msg!("federation-list-version", name));
        }
        if list.count > MAX_ITEMS {
            return Err(crate::msg!("federation-list-count", name, count = list.count, max = MAX_ITEMS));
        }
        within(&list.url, &url).map_err(|e| at_file(format!("index.json: lists.{name}.url"), e))?;
    }
    Ok(IndexFile { url, ..index })
}

/// A member's campaigns, directives and deadlines.
pub(crate) type MemberLists = (Vec<Campaign>, Vec<Directive>, Vec<Deadline>);

/// The three lists of a member, checked: every link under `base` (the index's `url`).
pub(crate) fn parse_lists(
    base: &str,
    campaigns: &[u8],
    directives: &[u8],
    deadlines: &[u8],
) -> Result<MemberLists, Text> {
    let list: CampaignList =
        serde_json::from_slice(campaigns).map_err(|e| at_file("campaigns.json", parse_error(e)))?;
    version(list.version, "campaigns.json")?;
    bounded(list.campaigns.len(), "campaigns.json")?;
    let campaigns = list
        .campaigns
        .into_iter()
        .enumerate()
        .map(|(n, c)| {
            let at = |field: &str| format!("campaigns.json: campaigns[{n}].{field}");
            Ok(Campaign {
                title: text(&c.title, &at("title"))?,
                url: within(&c.url, base).map_err(|e| at_file(at("url"), e))?,
                status: ["upcoming", "ongoing", "ended"].into_iter().find(|s| *s == c.status).ok_or_else(|| {
                    crate::msg!("federation-status", at = at("status"), status = c.status.escape_debug())
                })?,
                start: date(c.start.as_deref(), &at("start"))?,
                end: date(c.end.as_deref(), &at("end"))?,
            })
        })
        .collect::<Result<Vec<_>, Text>>()?;

    let list: DirectiveList =
        serde_json::from_slice(directives).map_err(|e| at_file("directives.json", parse_error(e)))?;
    version(list.version, "directives.json")?;
    bounded(list.directives.len(), "directives.json")?;
    let directives = list
        .directives
        .into_iter()
        .enumerate()
        .map(|(n, d)| {
            let at = |field: &str| format!("directives.json: directives[{n}].{field}");
            Ok(Directive {
                title: text(&d.title, &at("title"))?,
                url: within(&d.url, base).map_err(|e| at_file(at("url"), e))?,
                doc_type: DocType::from_slug(&d.doc_type),
                number: d.number.map(|n| text(&n, &at("number"))).transpose()?,
                date: date(d.date.as_deref(), &at("date"))?,
            })
        })
        .collect::<Result<Vec<_>, Text>>()?;

    let list: DeadlineList =
        serde_json::from_slice(deadlines).map_err(|e| at_file("deadlines.json", parse_error(e)))?;
    version(list.version, "deadlines.json")?;
    bounded(list.deadlines.len(), "deadlines.json")?;
    let deadlines = list
        .deadlines
        .into_iter()
        .enumerate()
        .map(|(n, d)| {
            let at = |field: &str| format!("deadlines.json: deadlines[{n}].{field}");
            let start = DateTime::parse(&d.start).map_err(|e| at_file(at("start"), e.0))?;
            let uid = text(&d.uid, &at("uid"))?;
            if uid.contains(|c: char| c.is_whitespace()) {
                return Err(crate::msg!("federation-uid-spaces", at = at("uid")));
            }
            Ok(Deadline {
                uid,
                summary: text(&d.summary, &at("summary"))?,
                description: if d.description.is_empty() {
                    String::new()
                } else {
                    text(&d.description, &at("description"))?
                },
                url: within(&d.url, base).map_err(|e| at_file(at("url"), e))?,
                start,
                end: date(d.end.as_deref(), &at("end"))?,
                cancelled: d.cancelled,
                sequence: d.sequence,
            })
        })
        .collect::<Result<Vec<_>, Text>>()?;
    Ok((campaigns, directives, deadlines))
}

/// The API versions a member may publish: 2 folded the directives' own files into pages of
/// 100, 3 the campaigns' the same way. The lists keep every field version 1 listed and this
/// reader uses (only `api_url` points elsewhere), so a member not yet rebuilt is read as before.
const READABLE_VERSIONS: std::ops::RangeInclusive<u32> = 1..=3;

fn version(version: u32, file: &str) -> Result<(), Text> {
    if READABLE_VERSIONS.contains(&version) {
        Ok(())
    } else {
        Err(crate::msg!("federation-api-version", file, version))
    }
}

fn bounded(count: usize, file: &str) -> Result<(), Text> {
    if count <= MAX_ITEMS { Ok(()) } else { Err(crate::msg!("federation-too-many", file, count, max = MAX_ITEMS)) }
}

/// A text field: not empty, not too long, no control characters; returned in NFC. It is
/// plain text: pages escape it like any text of the portal's own.
fn text(value: &str, at: &str) -> Result<String, Text> {
    if value.trim().is_empty() {
        return Err(crate::msg!("federation-text-empty", at));
    }
    if value.chars().count() > MAX_TEXT {
        return Err(crate::msg!("federation-text-long", at, max = MAX_TEXT));
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(crate::msg!("federation-text-control", at));
    }
    Ok(crate::text::nfc(value))
}

fn date(value: Option<&str>, at: &str) -> Result<Option<PartialDate>, Text> {
    value.map(|v| PartialDate::parse(v).map_err(|e| at_file(at, e.0))).transpose()
}

/// `url` when it is an http(s) address under `base` (the member's own portal), so a national
/// page never links anywhere the member does not publish.
fn within(url: &str, base: &str) -> Result<String, Text> {
    let parsed =
        url::Url::parse(url).map_err(|error| crate::msg!("federation-not-address", url = url.escape_debug(), error))?;
    let normalized = parsed.as_str();
    if !matches!(parsed.scheme(), "http" | "https") || !normalized.starts_with(base) || normalized.len() > MAX_TEXT {
        return Err(crate::msg!("federation-not-under", url = url.escape_debug(), base));
    }
    Ok(normalized.to_owned())
}

/// A problem at a place of a member's files (`index.json: url`): the place as written, the
/// problem in the message's language (a `Text`) or as the parser gave it (`Arg::Plain`:
/// serde_json's own error, already English, with line and column).
fn at_file(at: impl std::fmt::Display, problem: impl Into<Arg>) -> Text {
    let problem: Arg = problem.into();
    crate::msg!("federation-at", at, problem)
}

/// A parser's error as [`at_file`] shows it: as written.
fn parse_error(error: serde_json::Error) -> Arg {
    Arg::Plain(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://thidua.a.example.gov.vn/";

    fn lists(campaign_url: &str, title: &str) -> Result<MemberLists, Text> {
        let campaigns = serde_json::json!({"version": 1, "generated": "2024-07-01", "campaigns": [
            {"slug": "a", "url": campaign_url, "api_url": campaign_url, "title": title, "kind": "hoi-thi",
             "status": "ongoing", "start": "2024-05", "end": null}]});
        let directives = serde_json::json!({"version": 1, "directives": []});
        let deadlines = serde_json::json!({"version": 1, "deadlines": [
            {"uid": "van-ban-x-han-1@a", "summary": "Hạn: nộp", "description": "", "url": BASE,
             "start": "2024-07-05T17:00", "end": null, "cancelled": false, "sequence": 0}]});
        parse_lists(
            BASE,
            campaigns.to_string().as_bytes(),
            directives.to_string().as_bytes(),
            deadlines.to_string().as_bytes(),
        )
    }

    #[test]
    fn accepts_a_member_list_and_keeps_hostile_text_as_text() {
        let (campaigns, _, deadlines) = lists(&format!("{BASE}phong-trao/a/"), "<script>alert(1)</script>").unwrap();
        assert_eq!(campaigns[0].title, "<script>alert(1)</script>", "text stays text: templates escape it");
        assert_eq!(campaigns[0].start, Some(PartialDate { year: 2024, month: Some(5), day: None }));
        assert_eq!(deadlines[0].start.time, Some((17, 0)));
    }

    #[test]
    fn refuses_links_outside_the_member_and_schema_violations() {
        for url in
            ["javascript:alert(1)", "https://evil.example/phong-trao/a/", "https://thidua.a.example.gov.vn.evil/"]
        {
            let error = lists(url, "T").unwrap_err();
            assert!(error.contains("campaigns[0].url"), "{url}: {error}");
        }
        assert!(lists(&format!("{BASE}x/"), "").unwrap_err().contains("title is empty"));
        assert!(lists(&format!("{BASE}x/"), "a\u{0}b").unwrap_err().contains("control character"));
        let missing = parse_lists(BASE, br#"{"version": 1, "campaigns": [{"title": "T"}]}"#, b"{}", b"{}");
        assert!(missing.unwrap_err().starts_with("campaigns.json: missing field"));
    }

    #[test]
    fn an_index_must_name_the_members_own_address() {
        let index = |url: &str| {
            let v = "0123456789abcdef0123456789abcdef";
            let list = |name: &str| serde_json::json!({"url": format!("{url}api/v1/{name}.json?v={v}"), "version": v, "count": 1});
            serde_json::json!({"version": 1, "generated": "2024-07-01", "title": "T", "province": null, "url": url,
                "lists": {"campaigns": list("campaigns"), "directives": list("directives"), "deadlines": list("deadlines")}})
            .to_string()
        };
        assert!(parse_index(index(BASE).as_bytes(), Some(BASE)).is_ok());
        let other = parse_index(index("https://b.example.gov.vn/").as_bytes(), Some(BASE)).unwrap_err();
        assert!(other.contains("is not the member's address"), "{other}");
        assert!(
            parse_index(index("https://b.example.gov.vn/").as_bytes(), None).is_ok(),
            "a folder member names its own"
        );
    }
}
