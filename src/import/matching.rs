//! Matching what a dispatch names (its issuer, contacts, campaigns) against the portal's
//! organizations, people and campaigns, comparing folded Vietnamese text.

use std::path::{Path, PathBuf};

use crate::content::load::{self, Loaded};
use crate::content::model::OrgSystem;
use crate::text;

#[derive(Debug, Clone)]
pub struct OrgInfo {
    pub slug: String,
    pub title: String,
    pub abbr: Option<String>,
    pub place: Option<String>,
    pub system: OrgSystem,
    /// The parent organization's slug.
    pub parent: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PersonInfo {
    pub slug: String,
    pub name: String,
    pub organization: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone)]
pub struct CampaignInfo {
    pub slug: String,
    pub title: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct DirectiveInfo {
    pub slug: String,
    pub path: PathBuf,
    pub number: Option<String>,
}

/// What the importer needs to know about the portal at `--root`.
#[derive(Debug, Clone, Default)]
pub struct Portal {
    pub root: PathBuf,
    pub organizations: Vec<OrgInfo>,
    pub people: Vec<PersonInfo>,
    pub campaigns: Vec<CampaignInfo>,
    pub directives: Vec<DirectiveInfo>,
}

/// How a name matched the portal's organizations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgMatch {
    One(String),
    Ambiguous(Vec<String>),
    None,
}

impl Portal {
    /// Reads the portal's content files (drafts included; problems in them are ignored
    /// here: `loa check` reports them).
    pub fn load(root: &Path) -> Result<Portal, crate::diag::Text> {
        if !root.join("site.yaml").is_file() {
            return Err(crate::msg!("import-not-portal", root = root.display()));
        }
        let files = load::content_files(&root.join("content"));
        let (loaded, _) = load::load_all(root, &files, &[], crate::config::DEFAULT_MAX_FILE_BYTES);
        let mut portal = Portal { root: root.to_path_buf(), ..Default::default() };
        for item in loaded {
            match item {
                Loaded::Organization(o) => portal.organizations.push(OrgInfo {
                    slug: o.source.slug,
                    title: o.title,
                    abbr: o.abbr,
                    place: o.place,
                    system: o.system,
                    parent: o.parent.map(|r| r.value),
                }),
                Loaded::Person(p) => portal.people.push(PersonInfo {
                    slug: p.source.slug,
                    name: p.title,
                    organization: p.organization.map(|r| r.value),
                    phone: p.phone,
                }),
                Loaded::Campaign(c) => portal.campaigns.push(CampaignInfo {
                    slug: c.source.slug,
                    title: c.title,
                    aliases: c
                        .aliases
                        .iter()
                        .map(|a| text::slugify(a.value.trim_end_matches('/').rsplit('/').next().unwrap_or(&a.value)))
                        .collect(),
                }),
                Loaded::Directive(d) => portal.directives.push(DirectiveInfo {
                    slug: d.source.slug,
                    path: d.source.path,
                    number: d.number.filter(|n| n.number.is_some()).map(|n| n.text),
                }),
                Loaded::Guide(_) | Loaded::Result(_) => {}
            }
        }
        Ok(portal)
    }

    pub fn organization(&self, slug: &str) -> Option<&OrgInfo> {
        self.organizations.iter().find(|o| o.slug == slug)
    }

    /// Whether a slug is taken by any person or organization.
    pub fn contact_slug_taken(&self, slug: &str) -> bool {
        self.organizations.iter().any(|o| o.slug == slug) || self.people.iter().any(|p| p.slug == slug)
    }

    /// The organization a name means: its title (with or without the place), or its
    /// abbreviation within the same place.
    pub fn match_org(&self, name: &str, place: Option<&str>) -> OrgMatch {
        let key = org_key(name);
        if key.is_empty() {
            return OrgMatch::None;
        }
        let place_key = place.map(org_key).filter(|p| !p.is_empty());
        let same_place = |o: &OrgInfo| match (&place_key, &o.place) {
            (Some(p), Some(op)) => &org_key(op) == p,
            _ => true,
        };
        let mut best: Vec<(u8, &OrgInfo)> = Vec::new();
        for org in &self.organizations {
            let title = org_key(&org.title);
            let score = if title == key || place_key.as_ref().is_some_and(|p| format!("{key} {p}") == title) {
                3
            } else if org.abbr.as_deref().map(org_key).is_some_and(|a| a == key) && same_place(org) {
                2
            } else {
                0
            };
            if score > 0 {
                best.push((score, org));
            }
        }
        let Some(top) = best.iter().map(|(s, _)| *s).max() else { return OrgMatch::None };
        let mut top: Vec<&OrgInfo> = best.into_iter().filter(|(s, _)| *s == top).map(|(_, o)| o).collect();
        if top.len() > 1 {
            let local: Vec<&OrgInfo> = top.iter().copied().filter(|o| same_place(o) && o.place.is_some()).collect();
            if !local.is_empty() {
                top = local;
            }
        }
        match top.as_slice() {
            [one] => OrgMatch::One(one.slug.clone()),
            many => OrgMatch::Ambiguous(many.iter().map(|o| o.slug.clone()).collect()),
        }
    }

    /// The organization whose abbreviation, spelled as initials, is a segment of a number's
    /// sign (`/SKHCN-VP` → `Sở KH&CN`), within the same place.
    pub fn org_by_sign(&self, sign: &str, place: Option<&str>) -> Option<String> {
        let segments: Vec<String> = sign.split(['-', '/']).map(text::fold).filter(|s| s.len() >= 2).collect();
        let place_key = place.map(org_key)?;
        let found: Vec<&OrgInfo> = self
            .organizations
            .iter()
            .filter(|o| o.place.as_deref().map(org_key).as_ref() == Some(&place_key))
            .filter(|o| o.abbr.as_deref().map(initials).is_some_and(|i| i.len() >= 2 && segments.contains(&i)))
            .collect();
        match found.as_slice() {
            [one] => Some(one.slug.clone()),
            _ => None,
        }
    }

    pub fn person_by_name(&self, name: &str) -> Option<&PersonInfo> {
        let key = text::fold(name).split_whitespace().collect::<Vec<_>>().join(" ");
        let found: Vec<&PersonInfo> = self
            .people
            .iter()
            .filter(|p| text::fold(&p.name).split_whitespace().collect::<Vec<_>>().join(" ") == key)
            .collect();
        match found.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }

    pub fn campaign_exists(&self, slug: &str) -> bool {
        self.campaigns.iter().any(|c| c.slug == slug || c.aliases.iter().any(|a| a == slug))
    }

    /// Campaigns whose full title appears in the text (strong), or that contain a quoted
    /// name of four words or more from the text (weak: marked for review).
    pub fn campaigns_in(&self, texts: &[String]) -> Vec<(String, bool)> {
        let joined = texts.join("\n");
        let haystack = campaign_key(&joined);
        let quoted: Vec<String> = quoted_names(&joined).iter().map(|q| campaign_key(q)).collect();
        let mut found = Vec::new();
        for campaign in &self.campaigns {
            let title = campaign_key(&campaign.title);
            if title.split_whitespace().count() >= 4 && haystack.contains(&title) {
                found.push((campaign.slug.clone(), true));
            } else if quoted.iter().any(|q| q.split_whitespace().count() >= 4 && title.contains(q.as_str())) {
                found.push((campaign.slug.clone(), false));
            }
        }
        found
    }
}

/// Folded, with the usual abbreviations spelled out and punctuation dropped.
pub fn org_key(name: &str) -> String {
    let folded = text::fold(name).replace("kh&cn", "khoa hoc va cong nghe").replace("kh&kt", "khoa hoc va ky thuat");
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            match w {
                "ubnd" => "uy ban nhan dan",
                "hdnd" => "hoi dong nhan dan",
                "khcn" => "khoa hoc va cong nghe",
                "mttq" => "mat tran to quoc",
                "tp" => "thanh pho",
                "ldld" => "lien doan lao dong",
                other => other,
            }
            .to_owned()
        })
        .collect();
    words.join(" ")
}

/// `Sở KH&CN` → `skhcn`: upper-case words whole, other words by their first letter.
fn initials(abbr: &str) -> String {
    abbr.split_whitespace()
        .map(|w| {
            let letters: String = w.chars().filter(|c| c.is_alphanumeric()).collect();
            if letters.chars().count() >= 2 && letters.chars().all(|c| !c.is_lowercase()) {
                letters
            } else {
                letters.chars().next().map(String::from).unwrap_or_default()
            }
        })
        .map(|s| text::fold(&s))
        .collect()
}

fn campaign_key(s: &str) -> String {
    let mapped: String = text::fold(s)
        .chars()
        .map(|c| match c {
            '–' | '—' | '‐' | '-' => '-',
            '“' | '”' | '"' | '*' | '_' => ' ',
            other => other,
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn quoted_names(s: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('“') {
        let after = &rest[open + '“'.len_utf8()..];
        let Some(close) = after.find('”') else { break };
        found.push(after[..close].to_owned());
        rest = &after[close..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn portal() -> Portal {
        let org = |slug: &str, title: &str, abbr: Option<&str>, place: &str| OrgInfo {
            slug: slug.into(),
            title: title.into(),
            abbr: abbr.map(Into::into),
            place: Some(place.into()),
            system: OrgSystem::State,
            parent: None,
        };
        Portal {
            organizations: vec![
                org("so-khcn-hung-yen", "Sở Khoa học và Công nghệ Hưng Yên", Some("Sở KH&CN"), "Hưng Yên"),
                org("so-khcn-thai-nguyen", "Sở Khoa học và Công nghệ Thái Nguyên", Some("Sở KH&CN"), "Thái Nguyên"),
                org(
                    "dang-uy-khoi-thanh-hoa",
                    "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh Thanh Hóa",
                    Some("ĐUK"),
                    "Thanh Hóa",
                ),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn matches_a_header_name_with_the_place() {
        let p = portal();
        assert_eq!(
            p.match_org("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH", Some("Thanh Hóa")),
            OrgMatch::One("dang-uy-khoi-thanh-hoa".into())
        );
        assert_eq!(p.match_org("Sở KH&CN", Some("Hưng Yên")), OrgMatch::One("so-khcn-hung-yen".into()));
        assert!(matches!(p.match_org("Sở KH&CN", None), OrgMatch::Ambiguous(_)));
        assert_eq!(p.match_org("Sở Tài chính", Some("Hưng Yên")), OrgMatch::None);
    }

    #[test]
    fn matches_a_sign_to_an_abbreviation() {
        assert_eq!(portal().org_by_sign("SKHCN-VP", Some("Hưng Yên")).as_deref(), Some("so-khcn-hung-yen"));
        assert_eq!(portal().org_by_sign("KH-CN-TTR", Some("Thái Nguyên")), None);
    }
}
