//! The content model: plain data, built once, read by every output (pages, feeds, search…).
//! Nothing here renders: no HTML, no templates.

use std::path::{Path, PathBuf};

use super::fields::{Ref, Spanned};
use crate::date::{DateTime, PartialDate};

/// The kind of a content file, decided by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Campaign,
    Directive,
    Guide,
    Organization,
    Person,
    /// Kết quả: a contest's award decision and its winning entries.
    Result,
}

impl Kind {
    /// The kind for a path relative to `content/`, or None for files that are not pages.
    pub fn of(relative: &Path) -> Option<Kind> {
        let mut parts = relative.components().map(|c| c.as_os_str().to_str().unwrap_or(""));
        match (parts.next()?, parts.next()) {
            ("campaigns", Some(_)) => Some(Kind::Campaign),
            ("directives", Some(_)) => Some(Kind::Directive),
            ("guides", Some(_)) => Some(Kind::Guide),
            ("contacts", Some("organizations")) => Some(Kind::Organization),
            ("contacts", Some("people")) => Some(Kind::Person),
            ("results", Some(_)) => Some(Kind::Result),
            _ => None,
        }
    }
}

/// Where a piece of content came from.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to the portal root, e.g. `content/directives/2024/cv-1338/index.md`.
    pub path: PathBuf,
    /// The folder holding the file's bundle attachments.
    pub folder: PathBuf,
    pub slug: String,
    /// The Markdown body (NFC, `\n` line endings).
    pub body: std::sync::Arc<str>,
    /// The 1-based line of the file where the body starts.
    pub body_first_line: usize,
    /// A hash of the front matter's text: an edit that keeps it changed only the body.
    pub front_matter_hash: u64,
    /// Set when this file is a translation (`index.en.md`) of a Vietnamese original.
    pub translation: Option<Translation>,
}

/// What a translation file translates: its language and its original's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Translation {
    /// The language code, e.g. `en`.
    pub lang: String,
    /// The original's path relative to the portal root, e.g. `content/campaigns/x/index.md`.
    pub original: PathBuf,
}

/// Văn bản: an official dispatch (công văn, kế hoạch, thông báo, quyết định…).
#[derive(Debug, Clone)]
pub struct Directive {
    pub source: Source,
    /// Trích yếu: what follows "V/v".
    pub title: String,
    pub doc_type: DocType,
    /// Số, ký hiệu, e.g. `1338-CV/ĐUK`, or only the sign `/KH-CN-TTR` when the number is blank.
    pub number: Option<DocNumber>,
    /// `number_blank: true`: the original left the number blank (`Số: …/SKHCN-VP`).
    pub number_blank: bool,
    /// Where the format checks point: the number and the signer in the file.
    pub positions: DirectivePositions,
    pub issuer: Option<Ref>,
    /// Địa danh.
    pub place: Option<String>,
    pub date: Option<Spanned<PartialDate>>,
    pub campaigns: Vec<Ref>,
    /// Kính gửi.
    pub recipients: Vec<String>,
    /// Căn cứ: the documents this one cites.
    pub references: Vec<Reference>,
    pub attachments: Vec<AttachmentUse>,
    pub deadlines: Vec<Deadline>,
    pub contacts: Vec<Ref>,
    pub signer: Option<Signer>,
    /// Nơi nhận.
    pub distribution: Vec<String>,
    pub urgency: Option<Urgency>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    /// When the page may first appear (Vietnam time): until a build at or after it, the
    /// file is in no output (see `Site::scheduled`).
    pub publish: Option<Spanned<DateTime>>,
    /// Thu hồi / bãi bỏ: the document no longer applies; its page stays with a banner.
    pub withdrawn: Option<Box<Withdrawal>>,
    /// A short code for a QR link to this page.
    pub short: Option<Spanned<String>>,
    /// Earlier slugs or paths of this page, kept working (and their short codes with them).
    pub aliases: Vec<Spanned<String>>,
    /// Lĩnh vực: slugs of `site.yaml`'s `fields:` list.
    pub fields: Vec<Ref>,
    /// Its effect dates and the relations it declares (boxed: most directives set none).
    pub lifecycle: Box<Lifecycle>,
}

/// A directive's effect dates and the relations it declares on older documents, as written.
#[derive(Debug, Clone, Default)]
pub struct Lifecycle {
    /// Ngày có hiệu lực: a date, or "kể từ ngày ký" (the issue date).
    pub effective: Option<Spanned<Effective>>,
    /// Ngày hết hiệu lực: the first day the document no longer applies.
    pub expires: Option<Spanned<PartialDate>>,
    /// Sửa đổi, bổ sung: the documents this one amends.
    pub amends: Vec<Target>,
    /// Thay thế: the documents this one replaces.
    pub replaces: Vec<Target>,
    /// Đính chính: the documents this one corrects.
    pub corrects: Vec<Target>,
    /// Gia hạn: the document whose deadlines this one moves.
    pub extends: Option<Extension>,
}

/// When a directive takes effect, as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effective {
    /// A date of its own.
    On(PartialDate),
    /// "Kể từ ngày ký": the issue date (`date`).
    Signing,
}

/// The document a relation (`amends`, `replaces`, `corrects`) names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A directive of the portal, by slug.
    Directive(Ref),
    /// A document outside the portal, by its số ký hiệu (`{number: 12/KH-UBND}`).
    Outside(Spanned<DocNumber>),
}

/// `extends: {ref, deadlines: [{was, now}]}`: a công văn gia hạn.
#[derive(Debug, Clone)]
pub struct Extension {
    /// The directive whose deadlines move.
    pub target: Ref,
    pub moves: Vec<DeadlineMove>,
}

/// One deadline moved from `was` to `now` (it keeps its `what`).
#[derive(Debug, Clone)]
pub struct DeadlineMove {
    pub was: Spanned<DateTime>,
    pub now: Spanned<DateTime>,
}

/// A deadline as it was before an extension moved it: the trail of gia hạn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extended {
    /// The date before this extension.
    pub was: DateTime,
    /// The date this extension set.
    pub now: DateTime,
    /// The extending directive (index into `Site::directives`).
    pub by: usize,
}

/// Positions of a directive's fields that the format checks (`content/format.rs`) point at:
/// each is the field's value, or the file's first line when the field is not written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DirectivePositions {
    pub number: crate::diag::Position,
    pub signer: crate::diag::Position,
}

/// Thu hồi, bãi bỏ: when a document stopped applying, why, and what replaces it.
#[derive(Debug, Clone)]
pub struct Withdrawal {
    pub date: Spanned<PartialDate>,
    pub reason: String,
    /// The directive that replaces this one, by slug.
    pub replaced_by: Option<Ref>,
}

/// Tên loại văn bản.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocType(pub &'static str);

/// Every document type the portal knows: (slug, Vietnamese name, abbreviation in ký hiệu).
pub const DOC_TYPES: &[(&str, &str, &str)] = &[
    ("cong-van", "Công văn", "CV"),
    ("ke-hoach", "Kế hoạch", "KH"),
    ("thong-bao", "Thông báo", "TB"),
    ("quyet-dinh", "Quyết định", "QĐ"),
    ("huong-dan", "Hướng dẫn", "HD"),
    ("the-le", "Thể lệ", "TL"),
    ("bao-cao", "Báo cáo", "BC"),
    ("chi-thi", "Chỉ thị", "CT"),
    ("nghi-quyet", "Nghị quyết", "NQ"),
    ("to-trinh", "Tờ trình", "TTr"),
    ("giay-moi", "Giấy mời", "GM"),
    ("chuong-trinh", "Chương trình", "CTr"),
    ("khac", "Văn bản khác", ""),
];

impl DocType {
    pub fn slugs() -> Vec<&'static str> {
        DOC_TYPES.iter().map(|(slug, _, _)| *slug).collect()
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        DOC_TYPES.iter().find(|(s, _, _)| *s == slug).map(|(s, _, _)| DocType(s))
    }

    pub fn name(self) -> &'static str {
        DOC_TYPES.iter().find(|(s, _, _)| *s == self.0).map(|(_, name, _)| *name).unwrap_or("Văn bản")
    }

    /// 1 + the type's place in `DOC_TYPES`: its code in the search index's facet table.
    pub fn code(self) -> u8 {
        DOC_TYPES.iter().position(|(s, _, _)| *s == self.0).map_or(0, |i| i as u8 + 1)
    }

    pub fn abbreviation(self) -> &'static str {
        DOC_TYPES.iter().find(|(s, _, _)| *s == self.0).map(|(_, _, abbr)| *abbr).unwrap_or("")
    }

    /// The type whose abbreviation a ký hiệu segment is, e.g. `KH` → kế hoạch.
    pub fn from_abbreviation(abbreviation: &str) -> Option<Self> {
        let folded = crate::text::fold(abbreviation);
        DOC_TYPES
            .iter()
            .find(|(_, _, abbr)| !abbr.is_empty() && crate::text::fold(abbr) == folded)
            .map(|(s, _, _)| DocType(s))
    }
}

/// Số, ký hiệu of a document, split into its number and its sign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocNumber {
    /// As written, normalized: `1338-CV/ĐUK`, `/KH-CN-TTR`.
    pub text: String,
    /// The number before the sign, if any: `1338`.
    pub number: Option<String>,
    /// The sign (ký hiệu): `CV/ĐUK`.
    pub sign: String,
    /// `text` folded, as numbers are compared (`site::number_key`): made once here, since the
    /// model's lookup by number is made again after every edit.
    pub key: String,
}

impl DocNumber {
    /// Splits `1338 -CV/ĐUK`, `57/KH/HTSTKT`, `/SKHCN-VP`, tidying stray spaces.
    pub fn parse(text: &str) -> Self {
        let compact: String = text.split_whitespace().collect::<Vec<_>>().join("");
        let digits: String = compact.chars().take_while(char::is_ascii_digit).collect();
        let rest = compact[digits.len()..].trim_start_matches(['-', '/']).to_owned();
        let text = if digits.is_empty() { format!("/{rest}") } else { compact.clone() };
        let key = super::site::number_key(&text);
        DocNumber { text, number: (!digits.is_empty()).then_some(digits), sign: rest, key }
    }

    /// The first segment of the sign, which names the document type in most formats.
    pub fn type_segment(&self) -> &str {
        self.sign.split(['-', '/']).next().unwrap_or("")
    }
}

/// A document cited in the căn cứ, linked when the portal holds a directive with its number.
#[derive(Debug, Clone)]
pub struct Reference {
    pub number: Option<DocNumber>,
    pub date: Option<PartialDate>,
    pub issuer: Option<String>,
    pub title: Option<String>,
}

/// A file a directive, campaign or guide attaches, as written in its front matter.
#[derive(Debug, Clone)]
pub struct AttachmentUse {
    /// The path as written, for messages.
    pub file: Spanned<String>,
    pub title: Option<String>,
    pub number: Option<String>,
    /// Index into `Site::attachments` once resolved.
    pub attachment: Option<usize>,
}

/// Tài liệu kèm theo: one file in the output, whatever number of documents cite it.
#[derive(Debug, Clone)]
pub struct Attachment {
    pub slug: String,
    /// Path relative to the portal root.
    pub path: PathBuf,
    /// The output file name (slug of the stem + extension).
    pub file_name: String,
    pub title: String,
    pub number: Option<String>,
    pub bytes: u64,
    pub sha256: String,
    pub extension: String,
    /// The file that was hashed: the copy is refused if the path names another by then.
    pub identity: Option<super::attachments::Identity>,
}

#[derive(Debug, Clone)]
pub struct Deadline {
    /// The deadline in force: the written date, or the date the last extension set.
    pub date: Spanned<DateTime>,
    pub what: String,
    /// The extensions that moved it, oldest first (derived: see `content::life`).
    pub extended: Vec<Extended>,
}

impl Deadline {
    /// The date written in its file: the one before the first extension moved it. A check
    /// of what the author wrote reads this, whether or not extensions were applied yet (a
    /// patched model under `loa serve` carries the moves of unedited directives).
    pub fn written(&self) -> DateTime {
        self.extended.first().map_or(self.date.value, |first| first.was)
    }
}

/// The signature block: quyền hạn (authority), the body or principal, chức vụ, họ tên.
#[derive(Debug, Clone)]
pub struct Signer {
    pub authority: Option<Authority>,
    pub body: Option<String>,
    pub position: Option<String>,
    pub name: Option<String>,
}

/// Thẩm quyền ký: TM. (on behalf of a collective), KT. (deputy signing for the head), TL.,
/// TUQ., Q. — written T/M, K/T, T/L in Party documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Authority {
    OnBehalfOf,
    Deputy,
    ByOrder,
    Authorized,
    Acting,
}

impl Authority {
    pub fn parse(text: &str) -> Option<Self> {
        let key: String = text.chars().filter(|c| c.is_alphabetic()).collect::<String>().to_uppercase();
        Some(match key.as_str() {
            "TM" => Authority::OnBehalfOf,
            "KT" => Authority::Deputy,
            "TL" => Authority::ByOrder,
            "TUQ" => Authority::Authorized,
            "Q" => Authority::Acting,
            _ => return None,
        })
    }

    /// As printed: `TM.` in State documents, `T/M` in Party documents.
    pub fn label(self, party: bool) -> &'static str {
        match (self, party) {
            (Authority::OnBehalfOf, false) => "TM.",
            (Authority::OnBehalfOf, true) => "T/M",
            (Authority::Deputy, false) => "KT.",
            (Authority::Deputy, true) => "K/T",
            (Authority::ByOrder, false) => "TL.",
            (Authority::ByOrder, true) => "T/L",
            (Authority::Authorized, _) => "TUQ.",
            (Authority::Acting, _) => "Q.",
        }
    }
}

/// Độ khẩn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Urgency {
    Urgent,
    VeryUrgent,
    Immediate,
}

impl Urgency {
    pub const SLUGS: &'static [&'static str] = &["khan", "thuong-khan", "hoa-toc"];

    pub fn from_slug(slug: &str) -> Option<Self> {
        match slug {
            "khan" => Some(Urgency::Urgent),
            "thuong-khan" => Some(Urgency::VeryUrgent),
            "hoa-toc" => Some(Urgency::Immediate),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Urgency::Urgent => "KHẨN",
            Urgency::VeryUrgent => "THƯỢNG KHẨN",
            Urgency::Immediate => "HỎA TỐC",
        }
    }
}

/// Phong trào thi đua or hội thi.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub source: Source,
    pub title: String,
    pub kind: CampaignKind,
    pub organizer: Option<Ref>,
    pub start: Option<Spanned<PartialDate>>,
    pub end: Option<Spanned<PartialDate>>,
    pub phases: Vec<Phase>,
    /// Lĩnh vực.
    pub fields: Vec<String>,
    pub contacts: Vec<Ref>,
    pub summary: Option<String>,
    pub cover: Option<Cover>,
    pub short: Option<Spanned<String>>,
    /// Where its posters are put up (`placements:`): each gets its own print pages and QR code.
    pub placements: Vec<Placement>,
    pub aliases: Vec<Spanned<String>>,
    pub attachments: Vec<AttachmentUse>,
    pub tags: Vec<String>,
    pub draft: bool,
    /// When the page may first appear (Vietnam time): until a build at or after it, the
    /// file is in no output (see `Site::scheduled`).
    pub publish: Option<Spanned<DateTime>>,
}

/// A campaign's cover photo, a file in its bundle.
#[derive(Debug, Clone)]
pub struct Cover {
    pub file: Spanned<String>,
    /// Text for people who cannot see the photo.
    pub alt: Option<String>,
    /// The photo's real path once found (see `attachments::resolve`).
    pub path: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CampaignKind(pub &'static str);

pub const CAMPAIGN_KINDS: &[(&str, &str)] = &[
    ("hoi-thi", "Hội thi"),
    ("thi-dua-thuong-xuyen", "Thi đua thường xuyên"),
    ("thi-dua-theo-dot", "Thi đua theo đợt"),
    ("thi-dua-chuyen-de", "Thi đua theo chuyên đề"),
];

impl CampaignKind {
    pub fn slugs() -> Vec<&'static str> {
        CAMPAIGN_KINDS.iter().map(|(slug, _)| *slug).collect()
    }

    pub fn name(self) -> &'static str {
        CAMPAIGN_KINDS.iter().find(|(s, _)| *s == self.0).map(|(_, name)| *name).unwrap_or("Phong trào")
    }
}

/// A stage of a campaign (phát động, nhận hồ sơ, chấm, tổng kết…): one day or a span.
#[derive(Debug, Clone)]
pub struct Phase {
    pub name: String,
    pub start: Option<Spanned<PartialDate>>,
    pub end: Option<Spanned<PartialDate>>,
}

/// A place a print run of posters goes to (a market, a school, a commune office): its QR
/// code carries `?n=<slug>` after the short link, so the server log tells them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// `cho-huyen`: lower-case letters, digits and `-`, at most [`crate::content::shortlinks::PLACEMENT_MAX`].
    pub slug: String,
    /// `Chợ huyện`: printed small under the QR code.
    pub name: String,
}

/// Hướng dẫn: a how-to page that posters point to.
#[derive(Debug, Clone)]
pub struct Guide {
    pub source: Source,
    pub title: String,
    pub campaigns: Vec<Ref>,
    pub summary: Option<String>,
    pub short: Option<Spanned<String>>,
    /// Where its posters are put up (`placements:`): each gets its own print pages and QR code.
    pub placements: Vec<Placement>,
    pub aliases: Vec<Spanned<String>>,
    pub attachments: Vec<AttachmentUse>,
    pub contacts: Vec<Ref>,
    pub tags: Vec<String>,
    pub draft: bool,
    /// When the page may first appear (Vietnam time): until a build at or after it, the
    /// file is in no output (see `Site::scheduled`).
    pub publish: Option<Spanned<DateTime>>,
}

/// Cơ quan, đơn vị, tổ chức.
#[derive(Debug, Clone)]
pub struct Organization {
    pub source: Source,
    pub title: String,
    pub abbr: Option<String>,
    pub parent: Option<Ref>,
    pub system: OrgSystem,
    /// Where `system` is written; None when the file leaves it out (State by default, or
    /// the parent's: see `content/format.rs`).
    pub system_at: Option<crate::diag::Position>,
    pub place: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub valid_from: Option<Spanned<PartialDate>>,
    pub valid_to: Option<Spanned<PartialDate>>,
    pub predecessors: Vec<Ref>,
}

/// Which format an organization's documents follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgSystem {
    /// Nghị định 30/2020/NĐ-CP.
    State,
    /// Hướng dẫn 36-HD/VPTW.
    Party,
    /// Mass organizations (hội, đoàn thể) mostly follow the State format.
    Mass,
}

impl OrgSystem {
    pub const SLUGS: &'static [&'static str] = &["state", "party", "mass"];

    pub fn from_slug(slug: &str) -> Self {
        match slug {
            "party" => OrgSystem::Party,
            "mass" => OrgSystem::Mass,
            _ => OrgSystem::State,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OrgSystem::State => "Cơ quan nhà nước",
            OrgSystem::Party => "Tổ chức Đảng",
            OrgSystem::Mass => "Tổ chức chính trị – xã hội, hội",
        }
    }
}

/// Người liên hệ.
#[derive(Debug, Clone)]
pub struct Person {
    pub source: Source,
    /// Full name.
    pub title: String,
    pub honorific: Option<String>,
    pub position: Option<String>,
    pub organization: Option<Ref>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Kết quả: the winners of a contest, as an award decision (Quyết định khen thưởng) lists
/// them. One file per decision under `content/results/<campaign>/`.
#[derive(Debug, Clone)]
pub struct ResultSet {
    pub source: Source,
    pub title: String,
    /// The contest, by slug: `campaign:` or else the file's folder under `content/results/`.
    pub campaign: Ref,
    /// The award decision, a directive by slug.
    pub decision: Option<Ref>,
    /// The award levels in rank order: the file's `levels:` or the four standard ones.
    pub levels: Vec<AwardLevel>,
    pub entries: Vec<ResultEntry>,
    pub summary: Option<String>,
    pub draft: bool,
    pub publish: Option<Spanned<DateTime>>,
}

/// An award level (giải Nhất, Nhì, Ba, Khuyến khích, or a level a decision names).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AwardLevel {
    pub slug: String,
    pub name: String,
    pub name_en: Option<String>,
}

/// The levels of most decisions, highest first: (slug, Vietnamese name, English name).
pub const AWARD_LEVELS: &[(&str, &str, &str)] = &[
    ("nhat", "Giải Nhất", "First prize"),
    ("nhi", "Giải Nhì", "Second prize"),
    ("ba", "Giải Ba", "Third prize"),
    ("khuyen-khich", "Giải Khuyến khích", "Consolation prize"),
];

impl AwardLevel {
    /// The four standard levels, used when a result declares no `levels:`.
    pub fn standard() -> Vec<AwardLevel> {
        AWARD_LEVELS
            .iter()
            .map(|(slug, name, en)| AwardLevel {
                slug: (*slug).into(),
                name: (*name).into(),
                name_en: Some((*en).into()),
            })
            .collect()
    }
}

/// One winning solution (giải pháp đạt giải).
#[derive(Debug, Clone)]
pub struct ResultEntry {
    /// Tên giải pháp.
    pub title: Spanned<String>,
    pub authors: Vec<Author>,
    /// Đơn vị: the authors' workplace, as written.
    pub unit: Option<String>,
    /// A slug of `site.yaml` `fields:`.
    pub field: Option<Ref>,
    /// A slug of the result's levels; resolved to its index by `level_index`.
    pub level: Ref,
    pub attachments: Vec<AttachmentUse>,
}

/// An author: a name as written, and a person of the portal when there is one.
#[derive(Debug, Clone)]
pub struct Author {
    /// None when only `person:` is written: the person's name is shown.
    pub name: Option<String>,
    pub person: Option<Ref>,
}

impl ResultSet {
    /// The rank of a level slug in this result's levels.
    pub fn level_index(&self, slug: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.slug == slug)
    }
}
