//! The template contract: one `Serialize` struct per object a template reads. Each field's
//! doc comment says what a template gets under that name; the test in
//! `render::view::check` fails when a theme template reads a field no view has.
//!
//! Field order is free: no template iterates over an object's keys. `Option` fields are
//! `null` when empty, as templates test them with `{% if … %}`.

use serde::Serialize;

/// Derives the schema the template check reads, in tests only.
macro_rules! view {
    ($(#[$meta:meta])* pub struct $name:ident $($rest:tt)*) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Serialize)]
        #[cfg_attr(test, derive(schemars::JsonSchema))]
        pub struct $name $($rest)*
    };
}

view! {
/// A link in the site's navigation bar.
pub struct NavItem {
    /// The link's text, a UI string.
    pub title: String,
    /// The section's URL, in this language.
    pub url: String,
}
}

view! {
/// The `site` object every template gets.
pub struct SiteView {
    /// The portal's title (the `site_title` UI string when the language sets one).
    pub title: String,
    /// The portal's description (`site_description` UI string when set).
    pub description: Option<String>,
    /// The province the portal serves.
    pub province: Option<String>,
    /// The language code of the page (`vi`, `en`).
    pub language: String,
    /// `base_url` from site.yaml.
    pub base_url: String,
    /// The path part of `base_url`, ending in `/`.
    pub base_path: String,
    /// `base_url` without its path (`https://host`): before a link, it makes the full URL
    /// printed on paper.
    pub origin: String,
    /// The home page's URL in this language.
    pub home_url: String,
    /// The search page's URL in this language.
    pub search_url: String,
    /// The URL of the theme's assets folder, ending in `/`.
    pub assets_url: String,
    /// The Content-Security-Policy of every page, for a `<meta>` tag.
    pub csp: &'static str,
    /// The build date, ISO (`2024-06-01`).
    pub build_date: String,
    /// The build date in Vietnamese words.
    pub build_date_vi: String,
    /// The build date in the page's language.
    pub build_date_text: String,
    /// The organization that runs the portal.
    pub organization: Option<OrganizationLink>,
    /// The navigation bar's links.
    pub nav: Vec<NavItem>,
}
}

view! {
/// An `hreflang` alternate of a page.
pub struct Alternate {
    /// The language code.
    pub lang: String,
    /// The page's absolute URL in that language.
    pub url: String,
}
}

view! {
/// An entry of the language switcher.
pub struct LanguageLink {
    /// The language code.
    pub lang: String,
    /// The language's name in itself.
    pub name: String,
    /// The same page in that language, else that language's section home or home page.
    pub url: String,
    /// Whether this is the page's own language.
    pub current: bool,
    /// Whether `url` is the same page (not a fallback).
    pub same_page: bool,
}
}

view! {
/// The `page` object: the page being rendered.
pub struct PageView {
    /// `hreflang` alternates, when the page exists in more than one language.
    pub alternates: Vec<Alternate>,
    /// The `x-default` URL (the Vietnamese page), when there are alternates.
    pub x_default: Option<String>,
    /// The language switcher's entries (empty with one language).
    pub languages: Vec<LanguageLink>,
    /// The page's title, for `<title>`.
    pub title: String,
    /// The page's URL (with the base path and language prefix).
    pub url: String,
    /// The page's site path, before the base path.
    pub path: String,
    /// The page's absolute URL.
    pub canonical: String,
    /// The page's description, else the site's, else empty.
    pub description: String,
    /// What the page is: `directive`, `campaign`, `list`, `home`, `embed`…
    pub kind: String,
}
}

view! {
/// A date (possibly partial) in each of its spellings.
pub struct DateView {
    /// ISO 8601 (`2024-06`, `2024-06-01`).
    pub iso: String,
    /// In Vietnamese words ("ngày 1 tháng 6 năm 2024").
    pub vi: String,
    /// In the page's language.
    pub text: String,
    /// Short form (`01/6/2024`).
    pub short: String,
    /// As a dispatch writes it ("ngày 01 tháng 6 năm 2024").
    pub document: String,
    /// As lists of documents write it: the dispatch's own form in Vietnamese ("ngày 01 tháng
    /// 6 năm 2024"), the page language's written form in another edition.
    pub listed: String,
    /// The year.
    pub year: i32,
}
}

view! {
/// A link to an organization.
pub struct OrganizationLink {
    /// Its full name.
    pub title: String,
    /// Its abbreviation.
    pub abbr: Option<String>,
    /// Its contact page's URL.
    pub url: String,
    /// Its slug.
    pub slug: String,
    /// `vi` when its text is untranslated on a page of another language.
    pub lang: Option<&'static str>,
}
}

view! {
/// A contact (person or organization) as a card.
pub struct ContactCard {
    /// `person` or `organization`.
    pub kind: &'static str,
    /// The name.
    pub title: String,
    /// `vi` when its text is untranslated on a page of another language.
    pub lang: Option<&'static str>,
    /// A person's honorific (ông, bà, đồng chí); null for an organization.
    pub honorific: Option<String>,
    /// A person's position; null for an organization.
    pub position: Option<String>,
    /// A person's organization, or an organization's parent.
    pub organization: Option<OrganizationLink>,
    /// The phone number as written.
    pub phone: Option<String>,
    /// The phone number as a `tel:` URI.
    pub tel: Option<String>,
    /// The e-mail address.
    pub email: Option<String>,
    /// The contact page's URL.
    pub url: String,
    /// A person's vCard URL; null for an organization.
    pub vcard_url: Option<String>,
}
}

view! {
/// A campaign's status on the build date.
pub struct Status {
    /// `upcoming`, `ongoing` or `ended`.
    pub key: &'static str,
    /// The status in the page's language.
    pub label: String,
    /// The first day of the campaign (ISO), for the browser's recomputation.
    pub starts: Option<String>,
    /// The last day of the campaign (ISO), for the browser's recomputation.
    pub ends: Option<String>,
}
}

view! {
/// A campaign as lists, cards and embeds show it.
pub struct CampaignCard {
    /// The campaign's title.
    pub title: String,
    /// Its slug.
    pub slug: String,
    /// Its page's URL.
    pub url: String,
    /// Its kind (phong trào, hội thi…) in the page's language.
    pub kind: String,
    /// `vi` when its text is untranslated on a page of another language.
    pub lang: Option<&'static str>,
    /// Its status on the build date.
    pub status: Status,
    /// Its start date.
    pub start: Option<DateView>,
    /// Its end date.
    pub end: Option<DateView>,
    /// Its period in words ("Từ ngày … đến ngày …", "Thường xuyên").
    pub period: String,
    /// The organizing organization.
    pub organizer: Option<OrganizationLink>,
    /// Its summary.
    pub summary: Option<String>,
    /// How many directives belong to it.
    pub directive_count: usize,
}
}

view! {
/// A directive as lists show it.
pub struct DirectiveItem {
    /// The trích yếu.
    pub title: String,
    /// Its slug.
    pub slug: String,
    /// Its page's URL.
    pub url: String,
    /// Số/ký hiệu (`1338-CV/ĐUK`).
    pub number: Option<String>,
    /// The document type's name in the page's language.
    pub doc_type: String,
    /// The document type's slug (`cong-van`).
    pub doc_type_slug: &'static str,
    /// `vi` when its text is untranslated on a page of another language.
    pub lang: Option<&'static str>,
    /// The URL of the list of its document type.
    pub doc_type_url: String,
    /// Its date.
    pub date: Option<DateView>,
    /// The issuing organization.
    pub issuer: Option<OrganizationLink>,
    /// Its summary.
    pub summary: Option<String>,
    /// "Đã thu hồi" when it was withdrawn (it stays on its campaign's page, marked).
    pub withdrawn: Option<String>,
    /// Its legal status (tình trạng hiệu lực).
    pub effect: EffectBadge,
    /// The names of its lĩnh vực.
    pub fields: Vec<String>,
}
}

view! {
/// A directive's legal status as a badge, with the days `loa-live.js` recomputes it from.
pub struct EffectBadge {
    /// `in_force`, `not_yet`, `expired`, `replaced`, `amended` or `corrected` on the build date.
    pub key: &'static str,
    /// Its label in the page's language.
    pub label: String,
    /// The first day in force (ISO), when known.
    pub effective: Option<String>,
    /// The first day no longer in force: `expires` or the withdrawal, whichever is first (ISO).
    pub expires: Option<String>,
    /// The first day a newer document replaces it (ISO).
    pub replaced: Option<String>,
    /// The first day a newer document amends it (ISO).
    pub amended: Option<String>,
    /// The first day a newer document corrects it (ISO).
    pub corrected: Option<String>,
}
}

view! {
/// What a directive page shows of its effect and relations.
pub struct LifeView {
    /// The first day in force, in the page's language.
    pub effective: Option<String>,
    /// The first day no longer in force, in the page's language.
    pub expires: Option<String>,
    /// Each relation, declared here or on a newer document.
    pub relations: Vec<RelationView>,
    /// The banner's sentence when a newer document replaced, amended or corrected this one.
    pub banner: Option<String>,
    /// One sentence per deadline extension: what moved, to when, by which document.
    pub trail: Vec<TrailLine>,
}
}

view! {
/// One deadline extension on the extended document's page.
pub struct TrailLine {
    /// "Thời hạn “…” đã được gia hạn đến ngày … (trước đây: ngày …) theo Công văn số … ngày …".
    pub text: String,
    /// The extending document's page.
    pub url: String,
}
}

view! {
/// One relation between two documents, as the page of one of them names the other.
pub struct RelationView {
    /// "Sửa đổi, bổ sung", "Bị thay thế bởi"…
    pub label: String,
    /// The other document: its type, number and date.
    pub title: String,
    /// Its page, when it is in the portal.
    pub url: Option<String>,
    /// Whether the other document is the newer one, acting on this one.
    pub by: bool,
}
}

view! {
/// What a page says above its content when it is not an ordinary published page.
pub struct PageNotices {
    /// "Hẹn đăng lúc …": a preview of a page whose `publish:` moment has not come.
    pub scheduled: Option<String>,
    /// Its withdrawal (directives only).
    pub withdrawn: Option<WithdrawnView>,
}
}

view! {
/// A withdrawn directive's banner.
pub struct WithdrawnView {
    /// "Văn bản đã bị thu hồi/bãi bỏ ngày …: lý do …".
    pub text: String,
    /// The withdrawal's date, ISO.
    pub iso: String,
    /// The directive that replaces it.
    pub replaced_by: Option<ReplacementView>,
}
}

view! {
/// The directive that replaces a withdrawn one.
pub struct ReplacementView {
    /// Its type, number and trích yếu.
    pub title: String,
    /// Its page's URL.
    pub url: String,
}
}

view! {
/// A guide as lists show it.
pub struct GuideItem {
    /// Its title.
    pub title: String,
    /// Its page's URL.
    pub url: String,
    /// Its summary.
    pub summary: Option<String>,
    /// `vi` when its text is untranslated on a page of another language.
    pub lang: Option<&'static str>,
}
}

view! {
/// An attachment: a file, with a page when it is shared ([`crate::content::paths::attachment_has_page`]).
pub struct AttachmentView {
    /// Its title (the one the listing page gives it, when it gives one).
    pub title: String,
    /// Its number (the one the listing page gives it, when it gives one).
    pub number: Option<String>,
    /// Its slug.
    pub slug: String,
    /// Its page's URL; the file's when it has no page (a file of a page bundle: what its
    /// page showed, the SHA-256 included, is on each row that lists it).
    pub url: String,
    /// The file's URL, for the download link.
    pub download_url: String,
    /// The file's name.
    pub file_name: String,
    /// Its size in words ("12,3 KB").
    pub size: String,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its file type in words (PDF, Word…).
    #[serde(rename = "type")]
    pub kind: String,
    /// Its extension in capitals (`PDF`).
    pub extension: String,
    /// Its SHA-256, hex.
    pub sha256: String,
}
}

view! {
/// The page a deadline comes from.
pub struct DeadlineSource {
    /// The page's title.
    pub title: String,
    /// The page's URL.
    pub url: String,
}
}

view! {
/// A deadline (thời hạn).
pub struct DeadlineView {
    /// What is due.
    pub what: String,
    /// When, ISO.
    pub iso: String,
    /// When, in Vietnamese words.
    pub vi: String,
    /// When, in the page's language.
    pub text: String,
    /// The day, short form.
    pub short: String,
    /// Days from the build date to the deadline (negative when past).
    pub days_left: i64,
    /// Whether it is past on the build date.
    pub overdue: bool,
    /// "Còn 3 ngày", "Hôm nay là hạn cuối", "Đã hết hạn ngày 15/08/2024"… on the build date.
    pub status: String,
    /// The last day it can mean (ISO): the day the browser counts down to.
    pub due: String,
    /// Its time of day (`17:00`, Vietnam time) when it has one.
    pub due_time: Option<String>,
    /// What `status` says once it is past, whatever the day it is read.
    pub overdue_text: String,
    /// In an "upcoming" list: rendered hidden, shown by the browser when earlier items pass.
    pub spare: bool,
    /// The iCalendar file of the page it comes from.
    pub calendar_url: Option<String>,
    /// The page it comes from, when shown away from it.
    pub source: Option<DeadlineSource>,
    /// The extensions (gia hạn) that moved it, oldest first: every list that shows the date
    /// in force says it was moved, from when, and by which document.
    pub extended: Vec<DeadlineStep>,
}
}

view! {
/// One extension of a deadline as a list shows it: "Gia hạn từ ngày 15/07/2024 theo" and a
/// link to the extending document.
pub struct DeadlineStep {
    /// The words before the link, with the date the deadline had before this extension.
    pub text: String,
    /// "Thông báo số 66/TB-LHH ngày 28/06/2024": the extending document.
    pub by: String,
    /// The extending document's page.
    pub url: String,
}
}

view! {
/// A tag with its list's URL.
pub struct TagLink {
    /// The tag as written.
    pub title: String,
    /// Its list's URL.
    pub url: String,
}
}

view! {
/// A link to a campaign.
pub struct CampaignLink {
    /// Its title.
    pub title: String,
    /// Its page's URL.
    pub url: String,
    /// `vi` when its text is untranslated on a page of another language.
    pub lang: Option<&'static str>,
}
}

view! {
/// "Sửa trang này" and "Lịch sử thay đổi" links and the page's last change.
pub struct EditView {
    /// The editor's URL of the page's file.
    pub url: String,
    /// The history's URL of the page's file.
    pub history_url: Option<String>,
    /// The last change, in Vietnamese words.
    pub changed: Option<String>,
    /// The last change, in the page's language.
    pub changed_text: Option<String>,
    /// The last change, ISO.
    pub changed_iso: Option<String>,
}
}

view! {
/// A document a directive cites (căn cứ).
pub struct ReferenceView {
    /// Its number.
    pub number: Option<String>,
    /// Its date.
    pub date: Option<DateView>,
    /// Its issuer, as written.
    pub issuer: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Its page's URL, when the portal has it.
    pub url: Option<String>,
}
}

view! {
/// A directive's signature block.
pub struct SignerView {
    /// TM., KT., Q., TL., TUQ.
    pub authority: Option<&'static str>,
    /// The body signed for, in capitals.
    pub body: Option<String>,
    /// The signer's position, in capitals.
    pub position: Option<String>,
    /// The signer's name.
    pub name: Option<String>,
}
}

view! {
/// A short link: its code, URL, QR images and print pages.
pub struct ShortView {
    /// The code (`STKT14`).
    pub code: String,
    /// The short link's absolute URL, as printed.
    pub url: String,
    /// The QR code as SVG markup, inline in the page (no file per code). Its SVG and PNG
    /// files (for documents and print shops) are made from it in the browser on demand
    /// (`loa-qr-png.js`).
    pub svg: String,
    /// Pixels per module of that PNG (`qr_module_px`).
    pub module_px: u32,
    /// The A4 poster and A5 flyer pages (none for a directive).
    pub posters: Vec<PosterLink>,
    /// "Đã có N lượt quét mã": the campaign's scans, when `scans.public_total` is on.
    pub scans: Option<String>,
}
}

view! {
/// A print page of a short link.
pub struct PosterLink {
    /// `A4` or `A5`.
    pub size: &'static str,
    /// The placement this print run goes to (`placements:`), None for the general one.
    pub placement: Option<String>,
    /// Its URL.
    pub url: String,
}
}

view! {
/// A campaign's cover photo in its resized copies.
pub struct CoverView {
    /// The default copy's URL.
    pub src: String,
    /// Every copy, for `srcset`.
    pub srcset: String,
    /// The default copy's width in pixels.
    pub width: u32,
    /// The default copy's height in pixels.
    pub height: u32,
    /// The alternative text.
    pub alt: String,
}
}

view! {
/// A campaign's share image (`og:image`).
pub struct ShareView {
    /// Its absolute URL.
    pub url: String,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// Its description.
    pub alt: String,
}
}

view! {
/// The copy-paste snippet of an embed.
pub struct EmbedSnippet {
    /// What it shows.
    pub title: String,
    /// The title as the copied `<iframe title="…">` must hold it: escaped once here by the
    /// template escaper, so that after the page's own escaping the text a webmaster copies
    /// is still an attribute value (a title with `">` cannot become markup on their site).
    pub title_attribute: String,
    /// The embed's absolute URL.
    pub url: String,
    /// The absolute URL of the portal page the embed shows: the snippet's link, which a
    /// host page keeps when the frame is not allowed there or runs no script.
    pub page_url: String,
    /// `embed.contact` of site.yaml: whom to ask for a site to join the allow-list.
    pub contact: Option<String>,
}
}

view! {
/// A phase of a campaign.
pub struct PhaseView {
    /// Its name.
    pub name: String,
    /// Its dates in words.
    pub when: String,
    /// Its start.
    pub start: Option<DateView>,
    /// `done`, `current` or `upcoming` on the build date.
    pub state: &'static str,
    /// Its first day (ISO), for the browser's recomputation.
    pub starts: Option<String>,
    /// Its last day (ISO), for the browser's recomputation.
    pub ends: Option<String>,
}
}

view! {
/// A directive page's `directive`.
pub struct DirectivePage {
    /// Its scheduled or withdrawn banners.
    pub notices: PageNotices,
    /// Its effect, relations, banner and trail.
    pub life: LifeView,
    /// The fields of its list item.
    #[serde(flatten)]
    pub item: DirectiveItem,
    /// Whether it is laid out in the Party format (derived: `content/format.rs`).
    pub party: bool,
    /// The trích yếu in sentence case, the page's title outside the document frame.
    pub title_sentence: String,
    /// "The number was left blank on the original" when `number_blank: true`.
    pub number_note: Option<String>,
    /// The issuer's name in capitals.
    pub issuer_full: Option<String>,
    /// The issuer's parent's name in capitals.
    pub issuer_parent: Option<String>,
    /// The national or Party motto.
    pub motto: String,
    /// The motto's second line (null for the Party's).
    pub motto_sub: Option<String>,
    /// The place it was signed.
    pub place: Option<String>,
    /// Its urgency (khẩn, thượng khẩn, hỏa tốc).
    pub urgency: Option<String>,
    /// Kính gửi.
    pub recipients: Vec<String>,
    /// Căn cứ: the documents it cites.
    pub references: Vec<ReferenceView>,
    /// Its attachments.
    pub attachments: Vec<AttachmentView>,
    /// Its deadlines, each with the page's calendar.
    pub deadlines: Vec<DeadlineView>,
    /// Its contacts.
    pub contacts: Vec<ContactCard>,
    /// Its signature block.
    pub signer: Option<SignerView>,
    /// Nơi nhận.
    pub distribution: Vec<String>,
    /// The campaigns it belongs to.
    pub campaigns: Vec<CampaignLink>,
    /// Its tags.
    pub tags: Vec<TagLink>,
    /// Its body as HTML.
    pub body: String,
    /// Its file, relative to the portal.
    pub source_path: String,
    /// Its edit links.
    pub edit: Option<EditView>,
    /// Its schema.org `DigitalDocument`, escaped for a script element.
    pub json_ld: String,
    /// The directives that cite it (`DirectiveItem`s, made once per build).
    #[cfg_attr(test, schemars(with = "Vec<DirectiveItem>"))]
    pub cited_by: tera::Value,
    /// Its short link (null in a language edition).
    pub short: Option<ShortView>,
    /// The QR code of its own URL as inline SVG markup made by loa (no content text in
    /// it), for the printed footer when it has no short link: inline rather than a file
    /// beside the page, one file fewer per directive.
    pub qr_svg: Option<String>,
}
}

view! {
/// A primary action of a campaign page, shown on its first screen.
pub struct CampaignAction {
    /// `rules`, `file`, `guide`, `call` or `email`: what the action does (a CSS class).
    pub kind: &'static str,
    /// The button's text ("Tải Thể lệ", "Hướng dẫn tham gia", "Gọi đầu mối").
    pub label: String,
    /// What it opens: the file, the guide's page, a `tel:` or `mailto:` URI.
    pub url: String,
    /// The line under the label: the file's title, type and size, the guide's title, the
    /// contact's name and number or address.
    pub detail: String,
    /// Whether the link downloads a file.
    pub download: bool,
}
}

view! {
/// A campaign page's `campaign`.
pub struct CampaignPage {
    /// Its scheduled or withdrawn banners.
    pub notices: PageNotices,
    /// The fields of its card.
    #[serde(flatten)]
    pub card: CampaignCard,
    /// Its deadlines by date, for the first screen: all but the one shown are `spare`
    /// (the soonest to come, else the latest past), so the page's script can show another
    /// when the reader's date is later than the build's.
    pub next_deadlines: Vec<DeadlineView>,
    /// Whether the deadline shown has passed (labelled "the latest", not "the next").
    pub next_overdue: bool,
    /// Up to three primary actions for its first screen (rules, guide, contact), each only
    /// when the campaign has what it opens.
    pub actions: Vec<CampaignAction>,
    /// The page's sections after its first screen, in the order a participant needs them:
    /// `summary`, `results`, `timeline`, `attachments`, `guides`, `contacts`, `body`, `directives`,
    /// `qr`, `embeds`, `tags` (a section with nothing to show is left out).
    pub sections: Vec<&'static str>,
    /// Its fields of work.
    pub fields: Vec<String>,
    /// Its phases.
    pub phases: Vec<PhaseView>,
    /// The deadlines of its directives, each naming its directive.
    pub deadlines: Vec<DeadlineView>,
    /// Its guides.
    pub guides: Vec<GuideItem>,
    /// Its attachments and its directives', each file once.
    pub attachments: Vec<AttachmentView>,
    /// Its contacts.
    pub contacts: Vec<ContactCard>,
    /// Its tags.
    pub tags: Vec<TagLink>,
    /// Its body as HTML.
    pub body: String,
    /// Its file, relative to the portal.
    pub source_path: String,
    /// Its edit links.
    pub edit: Option<EditView>,
    /// Its results (Kết quả), once a result file is published.
    pub results: Option<ResultsTeaser>,
    /// Its iCalendar file.
    pub calendar_url: String,
    /// Its Atom feed.
    pub atom_url: String,
    /// Its schema.org `Event`, escaped for a script element.
    pub json_ld: String,
    /// Its directives (`DirectiveItem`s, made once per build).
    #[cfg_attr(test, schemars(with = "Vec<DirectiveItem>"))]
    pub directives: tera::Value,
    /// Its cover photo.
    pub cover: Option<CoverView>,
    /// Its short link (null in a language edition).
    pub short: Option<ShortView>,
    /// Its embeds' snippets (none in a language edition).
    pub embeds: Vec<EmbedSnippet>,
    /// Its share image.
    pub share: Option<ShareView>,
}
}

view! {
/// A guide page's `guide`.
pub struct GuidePage {
    /// Its scheduled or withdrawn banners.
    pub notices: PageNotices,
    /// The fields of its list item.
    #[serde(flatten)]
    pub item: GuideItem,
    /// The campaigns it belongs to.
    pub campaigns: Vec<CampaignLink>,
    /// Its attachments.
    pub attachments: Vec<AttachmentView>,
    /// Its contacts.
    pub contacts: Vec<ContactCard>,
    /// Its tags.
    pub tags: Vec<TagLink>,
    /// Its body as HTML.
    pub body: String,
    /// Its file, relative to the portal.
    pub source_path: String,
    /// Its edit links.
    pub edit: Option<EditView>,
    /// Its short link (null in a language edition and on posters).
    pub short: Option<ShortView>,
    /// The QR code of its own URL as inline SVG markup (see [`DirectivePage::qr_svg`]).
    pub qr_svg: Option<String>,
}
}

view! {
/// The pages that name a contact.
pub struct ContactFor {
    /// Campaigns that name it as a contact.
    pub contact_for_campaigns: Vec<CampaignCard>,
    /// Directives that name it as a contact.
    pub contact_for_directives: Vec<DirectiveItem>,
    /// Guides that name it as a contact.
    pub contact_for_guides: Vec<GuideItem>,
}
}

view! {
/// A page that lists an attachment, on the attachment's page.
pub struct AttachmentUserView {
    /// What the page is, in words.
    pub kind: String,
    /// Its title.
    pub title: String,
    /// Its URL.
    pub url: String,
    /// A directive's number.
    pub number: Option<String>,
    /// A directive's date.
    pub date: Option<DateView>,
}
}

view! {
/// An attachment page's `attachment`.
pub struct AttachmentPage {
    /// The attachment.
    #[serde(flatten)]
    pub file: AttachmentView,
    /// The pages that list it.
    pub cited_by: Vec<AttachmentUserView>,
}
}

view! {
/// An organization page's `organization`.
pub struct OrganizationPage {
    /// The fields of its contact card.
    #[serde(flatten)]
    pub card: ContactCard,
    /// Its abbreviation.
    pub abbr: Option<String>,
    /// Its system (state, Party, mass organization) in words.
    pub system: String,
    /// Its address.
    pub address: Option<String>,
    /// Its website.
    pub website: Option<String>,
    /// Its place (for the dispatch header).
    pub place: Option<String>,
    /// Since when it exists.
    pub valid_from: Option<DateView>,
    /// Until when it existed.
    pub valid_to: Option<DateView>,
    /// The organizations it replaced.
    pub predecessors: Vec<OrganizationLink>,
    /// Its child organizations.
    pub children: Vec<OrganizationLink>,
    /// Its people.
    pub people: Vec<ContactCard>,
    /// Its newest directives (at most 50).
    pub issued: Vec<DirectiveItem>,
    /// How many directives it issued.
    pub issued_count: usize,
    /// The list of all its directives.
    pub issued_url: String,
    /// The campaigns it organizes.
    pub organized: Vec<CampaignCard>,
    /// Its body as HTML.
    pub body: String,
    /// Its file, relative to the portal.
    pub source_path: String,
    /// Its edit links.
    pub edit: Option<EditView>,
    /// The pages that name it as a contact.
    #[serde(flatten)]
    pub contact_for: ContactFor,
}
}

view! {
/// A person page's `person` (and the vCard's).
pub struct PersonPage {
    /// The fields of their contact card.
    #[serde(flatten)]
    pub card: ContactCard,
    /// Their body as HTML.
    pub body: String,
    /// Their file, relative to the portal.
    pub source_path: String,
    /// Their edit links.
    pub edit: Option<EditView>,
    /// The pages that name them as a contact.
    #[serde(flatten)]
    pub contact_for: ContactFor,
}
}

view! {
/// A directive as a feed entry.
pub struct FeedEntry {
    /// The fields of its list item.
    #[serde(flatten)]
    pub item: DirectiveItem,
    /// "Công văn số …: …", the entry's title.
    pub feed_title: String,
    /// Its page's absolute URL.
    pub absolute_url: String,
    /// When it last changed, RFC 3339 (Atom): its date, or the day it was withdrawn.
    pub updated: String,
    /// Its date, RFC 3339 (Atom).
    pub published: String,
    /// Its date, RFC 822 (RSS).
    pub pub_date: String,
    /// Its summary, else the start of its body as plain text.
    pub feed_summary: String,
}
}

view! {
/// An Atom or RSS feed's `feed`.
pub struct FeedView {
    /// The feed's title.
    pub title: String,
    /// The absolute URL of the page the feed follows.
    pub page_url: String,
    /// The Atom file's absolute URL.
    pub atom_url: String,
    /// The RSS file's absolute URL.
    pub rss_url: String,
    /// The language code.
    pub language: String,
    /// The newest entry's date, RFC 3339.
    pub updated: String,
    /// The newest entry's date, RFC 822.
    pub pub_date: String,
    /// The entries, newest first.
    pub entries: Vec<FeedEntry>,
}
}

view! {
/// A campaign embed's `campaign`: its card, then its directives.
pub struct EmbedCampaign {
    /// The fields of its card.
    #[serde(flatten)]
    pub card: CampaignCard,
    /// Its deadlines not past on the build date, soonest first: the first is shown, the others
    /// are spares the browser shows in turn as earlier ones pass.
    pub deadlines: Vec<DeadlineView>,
    /// Its newest directives (the whole embed in its directives view).
    pub directives: EmbedDirectives,
}
}

view! {
/// A campaign embed's directives.
pub struct EmbedDirectives {
    /// The embed's title.
    pub title: String,
    /// The newest directives.
    pub items: Vec<DirectiveItem>,
    /// The campaign page's URL.
    pub more_url: String,
}
}

view! {
/// The `embed` of the running campaigns embed.
pub struct EmbedCampaigns {
    /// The embed's title.
    pub title: String,
    /// The campaigns not ended.
    pub items: Vec<CampaignCard>,
    /// The campaigns list's URL.
    pub more_url: String,
}
}

view! {
/// The `embed` of the deadlines embed.
pub struct EmbedDeadlines {
    /// The embed's title.
    pub title: String,
    /// The next deadlines, with spares.
    pub items: Vec<DeadlineView>,
    /// How many of them are shown on the build date.
    pub shown: usize,
}
}

view! {
/// The `embed` of the search box embed.
pub struct EmbedSearch {
    /// The search page's URL.
    pub search_url: String,
}
}

view! {
/// What a poster shows of its campaign or guide.
pub struct PosterSubject {
    /// The issuing agency: a campaign's organizer, a guide's campaign's, else the portal's
    /// organization or title.
    pub agency: String,
    /// A campaign's kind; null for a guide.
    pub kind: Option<String>,
    /// The title (document numbers in it do not break across lines).
    pub title: String,
    /// Whether the title is long enough to need the smaller headline size.
    pub long_title: bool,
    /// A campaign's period; null for a guide.
    pub period: Option<String>,
    /// The summary: what to do (document numbers do not break).
    pub summary: Option<String>,
    /// The contacts.
    pub contacts: Vec<ContactCard>,
}
}

view! {
/// The guide a campaign poster points to for "how".
pub struct PosterGuide {
    /// The guide's title.
    pub title: String,
    /// Its short link's URL as printed, else its page's full URL.
    pub url: String,
}
}

view! {
/// A poster page's `poster`.
pub struct PosterView {
    /// `campaign` or `guide`.
    pub kind: &'static str,
    /// What it shows.
    pub subject: PosterSubject,
    /// The next deadline not past, printed at headline size (`what` keeps numbers whole).
    pub next: Option<DeadlineView>,
    /// The deadlines after it that the A4 poster has room for.
    pub later: Vec<DeadlineView>,
    /// How many of `later` the A5 flyer prints (the rest are `a4-only`).
    pub flyer_later: usize,
    /// The extension trail of the deadlines printed ("Thời hạn … đã được gia hạn đến …
    /// theo Công văn số …"), the same lines as the extended document's banner.
    pub trail: Vec<PosterTrailLine>,
    /// The contacts the A4 poster has room for (all of them when they fit).
    pub contacts: Vec<ContactCard>,
    /// How many of `contacts` the A5 flyer prints (the rest are `a4-only`).
    pub flyer_contacts: usize,
    /// How many contacts the A4 poster leaves out: it says where to find them.
    pub more_contacts: usize,
    /// How many contacts the A5 flyer leaves out.
    pub flyer_more_contacts: usize,
    /// A campaign's guide.
    pub guide: Option<PosterGuide>,
    /// The short link and its QR code (for a placement's print run, the QR code carries
    /// the placement).
    pub short: Option<ShortView>,
    /// The placement's name, printed small under the QR code.
    pub placement: Option<String>,
    /// The page the poster is for.
    pub page_url: String,
    /// The page's full URL, printed when there is no short link.
    pub page_canonical: String,
}
}

view! {
/// One line of a poster's extension trail.
pub struct PosterTrailLine {
    pub text: String,
    /// Whether only the A4 poster prints it (its deadline is not on the flyer).
    pub a4_only: bool,
}
}

view! {
/// `scans.html`: the staff page of QR scan counts.
pub struct ScansContext {
    pub scans: ScansView,
}
}

view! {
/// The scan counts: chart, table and CSV.
pub struct ScansView {
    pub chart: ScanChart,
    /// One row per code and placement, grouped by page.
    pub rows: Vec<ScanRow>,
    /// The first and last day counted, ISO.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub csv_url: String,
}
}

view! {
/// A code and placement's scans, the text alternative of its line in the chart.
pub struct ScanRow {
    /// The page the code leads to (None for a code no longer live).
    pub page_title: Option<String>,
    pub page_url: Option<String>,
    pub code: String,
    /// The placement's name, None for the general print run.
    pub placement: Option<String>,
    /// Scans over all days, days under 5 left out.
    pub total: u64,
    /// Days with under 5 scans (not in `total`).
    pub small_days: usize,
    /// Its line's colour and dash pattern in the chart.
    pub colour: &'static str,
    pub dash: &'static str,
}
}

view! {
/// The chart, drawn by the template as inline SVG from these numbers.
pub struct ScanChart {
    pub width: u32,
    pub height: u32,
    /// The x of the vertical axis, the y of the horizontal one, the right end of the grid.
    pub left: u32,
    pub bottom_y: String,
    pub right_x: String,
    pub series: Vec<ScanSeries>,
    /// The count ticks (`at` is a y).
    pub y_ticks: Vec<ScanTick>,
    /// The day ticks (`at` is an x).
    pub x_ticks: Vec<ScanTick>,
}
}

view! {
/// A tick of a chart axis: where, and its label.
pub struct ScanTick {
    pub at: String,
    pub label: String,
}
}

view! {
/// One line of the chart.
pub struct ScanSeries {
    /// SVG `points`: `x,y x,y …`.
    pub points: String,
    pub colour: &'static str,
    pub dash: &'static str,
}
}

view! {
/// A redirect page's `redirect`.
pub struct RedirectView {
    /// Where it goes.
    pub url: String,
    /// Where it goes, absolute.
    pub canonical: String,
    /// The title of the page it goes to.
    pub title: String,
}
}

view! {
/// A `sitemap.xml` entry.
pub struct SitemapUrl {
    /// The page's absolute URL.
    pub loc: String,
    /// Its last change, ISO.
    pub lastmod: String,
}
}

view! {
/// `directive.html`.
pub struct DirectiveContext {
    /// The directive.
    pub directive: DirectivePage,
}
}

view! {
/// `campaign.html`.
pub struct CampaignContext {
    /// The campaign.
    pub campaign: CampaignPage,
}
}

view! {
/// `guide.html`.
pub struct GuideContext {
    /// The guide.
    pub guide: GuidePage,
}
}

view! {
/// `organization.html`.
pub struct OrganizationContext {
    /// The organization.
    pub organization: OrganizationPage,
}
}

view! {
/// `person.html`.
pub struct PersonContext<'a> {
    /// The person.
    pub person: &'a PersonPage,
}
}

view! {
/// `vcard.vcf`.
pub struct VcardContext<'a> {
    /// The person.
    pub person: &'a PersonPage,
    /// Their page's absolute URL.
    pub url: String,
}
}

view! {
/// `attachment.html`.
pub struct AttachmentContext {
    /// The attachment.
    pub attachment: AttachmentPage,
}
}

view! {
/// `atom.xml` and `rss.xml`.
pub struct FeedContext {
    /// The feed.
    pub feed: FeedView,
}
}

view! {
/// `embed_campaign.html`.
pub struct EmbedCampaignContext {
    /// The campaign.
    pub campaign: EmbedCampaign,
}
}

view! {
/// `embed_campaigns.html`.
pub struct EmbedCampaignsContext {
    /// The embed.
    pub embed: EmbedCampaigns,
}
}

view! {
/// `embed_deadlines.html`.
pub struct EmbedDeadlinesContext {
    /// The embed.
    pub embed: EmbedDeadlines,
}
}

view! {
/// `embed_search.html`.
pub struct EmbedSearchContext {
    /// The embed.
    pub embed: EmbedSearch,
}
}

view! {
/// `poster.html`.
pub struct PosterContext {
    /// The poster.
    pub poster: PosterView,
}
}

view! {
/// `redirect.html`.
pub struct RedirectContext {
    /// The redirect.
    pub redirect: RedirectView,
}
}

view! {
/// `admin/index.html`: the web editor's page ([`crate::cms`]).
pub struct AdminContext {
    /// The page's title.
    pub title: String,
    /// Its content policy, for the `<meta>`.
    pub policy: String,
}
}

view! {
/// `sitemap.xml`.
pub struct SitemapContext {
    /// Every page.
    pub urls: Vec<SitemapUrl>,
}
}

view! {
/// `404.html`: besides `site`, `page`, `t` and `facets`, what its script needs to find an
/// old address's page on hosts without rules.
pub struct NotFoundContext {
    /// Where each year starts in the list of all directives ([`crate::render::lists::Lists::year_starts`]).
    pub year_starts: String,
}
}

view! {
/// A list page's page links.
pub struct Pagination {
    /// This page's number, from 1.
    pub current: usize,
    /// How many pages the list has (at least 1).
    pub total: usize,
    /// The previous page's URL.
    pub prev: Option<String>,
    /// The next page's URL.
    pub next: Option<String>,
    /// Where a list whose later pages are another list's goes on (the list of all
    /// directives: the year lists).
    pub more: Option<YearLink>,
}
}

view! {
/// A list page's `list`; `I` is its items, `E` what the list kind adds.
pub struct ListView<I, E> {
    /// The list's title (with "trang 2" after the first page).
    pub title: String,
    /// How many items the whole list has (0 for lists on one page).
    pub count: usize,
    /// Its page links.
    pub pagination: Pagination,
    /// What the list kind adds: campaign groups, the issuer, a tag's campaigns, people.
    pub extra: E,
    /// This page's items (a directive list's are shared `DirectiveItem` values).
    pub items: I,
}
}

view! {
/// A list page's context (`campaigns.html`, `directives.html`, `tags.html`…).
pub struct ListContext<I, E> {
    /// The list.
    pub list: ListView<I, E>,
}
}

view! {
/// Campaigns of one status on the campaigns list.
pub struct CampaignGroup {
    /// The status key (`ongoing`, `upcoming`, `ended`), for the browser's regrouping.
    pub key: &'static str,
    /// The status in words.
    pub title: String,
    /// Its campaigns on this page.
    pub cards: Vec<CampaignCard>,
}
}

view! {
/// `extra` of the campaigns list.
pub struct CampaignsExtra {
    /// This page's campaigns by status (ongoing, upcoming, ended); an empty group is rendered
    /// hidden, for a campaign the browser moves into it.
    pub groups: Vec<CampaignGroup>,
    /// The running campaigns embed's snippet (none in a language edition).
    pub embeds: Vec<EmbedSnippet>,
}
}

view! {
/// `extra` of a tag's directive list.
pub struct TagExtra {
    /// The tag's campaigns (on its first page only).
    pub campaigns: Vec<CampaignCard>,
}
}

/// `extra` of a directive list: the issuer of an issuer's list, a tag's campaigns on a tag's
/// list, null otherwise.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum DirectivesExtra {
    /// An issuer's list: the issuer.
    Issuer(OrganizationLink),
    /// A tag's list: its campaigns.
    Tag(TagExtra),
}

view! {
/// `extra` of the contacts list.
pub struct ContactsExtra {
    /// Every person (the list's items are the organizations).
    pub people: Vec<ContactCard>,
}
}

view! {
/// A link with a count: a tag, a document type or an issuer with its directives.
pub struct CountedLink {
    /// The name.
    pub title: String,
    /// Its list's URL.
    pub url: String,
    /// How many items the list has.
    pub count: usize,
}
}

view! {
/// A link to a year's list.
pub struct YearLink {
    /// The year.
    pub title: String,
    /// Its list's URL.
    pub url: String,
}
}

view! {
/// The `facets` object every template gets: the filter column of the directive lists.
pub struct Facets {
    /// The years, newest first.
    pub years: Vec<YearLink>,
    /// The document types with their counts.
    pub doc_types: Vec<CountedLink>,
    /// The lĩnh vực (`site.yaml`'s `fields:`) with their counts, in Vietnamese order.
    pub fields: Vec<CountedLink>,
    /// The issuers with the most directives.
    pub issuers: Vec<CountedLink>,
    /// Whether there are more issuers than shown.
    pub more_issuers: bool,
}
}

view! {
/// `index.html`.
pub struct HomeContext {
    /// Running and upcoming campaigns.
    pub campaigns: Vec<CampaignCard>,
    /// How many campaigns have ended.
    pub ended_count: usize,
    /// The next deadlines, with spares.
    pub deadlines: Vec<DeadlineView>,
    /// How many of them are shown on the build date.
    pub deadlines_shown: usize,
    /// The newest directives.
    pub directives: Vec<DirectiveItem>,
    /// The first guides.
    pub guides: Vec<GuideItem>,
    /// The embeds' snippets (none in a language edition).
    pub embeds: Vec<EmbedSnippet>,
}
}

view! {
/// A choice of the search form, with the code the search index uses for it.
pub struct SearchChoice {
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub title: String,
    /// Its code in the search index.
    pub code: usize,
}
}

view! {
/// The search page's `search`.
pub struct SearchView {
    /// The search box embed's snippet (none in a language edition).
    pub embeds: Vec<EmbedSnippet>,
    /// The search index's folder (the page loads its `meta.js`).
    pub index_url: String,
    /// The years with directives, newest first.
    pub years: Vec<i32>,
    /// The document types with directives.
    pub doc_types: Vec<SearchChoice>,
    /// The organizations that issued directives.
    pub issuers: Vec<SearchChoice>,
    /// The campaigns.
    pub campaigns: Vec<SearchChoice>,
    /// The lĩnh vực that pages name (code: 1 + position in `site.yaml`'s `fields:`).
    pub fields: Vec<SearchChoice>,
    /// The abbreviations' long forms and terms, JSON (`[["uy ban nhan dan", "ubnd"], …]`).
    pub abbreviations: String,
}
}

view! {
/// `search.html`.
pub struct SearchContext {
    /// The search page.
    pub search: SearchView,
}
}

view! {
/// `blocks/deadline.html` (`::deadline{date=… what="…"}`).
pub struct DeadlineBlock {
    /// The deadline.
    pub deadline: DeadlineView,
}
}

view! {
/// `blocks/contact.html` (`::contact{ref=…}`).
pub struct ContactBlock {
    /// The contact.
    pub contact: ContactCard,
}
}

view! {
/// `blocks/attachment.html` (`::attachment{ref=…}`).
pub struct AttachmentBlock {
    /// The attachment.
    pub attachment: AttachmentView,
}
}

view! {
/// `blocks/qr.html` (`::qr{ref=…}`).
pub struct QrBlock {
    /// The short link and its QR code.
    pub short: ShortView,
}
}

view! {
/// `blocks/note.html` and `blocks/warning.html` (`:::note` … `:::`).
pub struct ContainerBlock<'a> {
    /// Where the block's content goes (`{{ body | safe }}`).
    pub body: &'a str,
    /// The block's attributes as written.
    pub attrs: &'a std::collections::BTreeMap<String, String>,
}
}

view! {
/// `results.html`: a contest's results page (Kết quả), whole or filtered by a level or a field.
pub struct ResultsContext {
    /// The results.
    pub results: ResultsPage,
}
}

view! {
/// A contest's winners, from its result files.
pub struct ResultsPage {
    /// The contest's title.
    pub campaign_title: String,
    /// The contest's page.
    pub campaign_url: String,
    /// The whole results page's URL (the filters' "all" link).
    pub all_url: String,
    /// The award decisions the entries come from.
    pub decisions: Vec<ResultDecision>,
    /// The result files' summaries.
    pub summaries: Vec<String>,
    /// The levels with entries, highest first, each linking to its filtered page.
    pub levels: Vec<ResultFacet>,
    /// The fields with entries, each linking to its filtered page.
    pub fields: Vec<ResultFacet>,
    /// What the page is filtered by (a level's or field's name), if anything.
    pub filter: Option<String>,
    /// The entries shown, by level, then field, then title.
    pub entries: Vec<ResultEntryView>,
    /// The number of every entry of the contest.
    pub total: usize,
    /// The results file of the API.
    pub api_url: String,
    /// The embed's snippet (on the portal's own page).
    pub embed: Option<EmbedSnippet>,
}
}

view! {
/// The award decision of a result file.
pub struct ResultDecision {
    /// "Quyết định số 215/QĐ-LHH …", as its page is titled.
    pub title: String,
    /// Its page.
    pub url: String,
}
}

view! {
/// A level or field of a results page's filters.
pub struct ResultFacet {
    /// Its slug (`nhat`, `co-khi`), for the script's filters.
    pub slug: String,
    /// Its name in the page's language.
    pub name: String,
    /// Its entries.
    pub count: usize,
    /// Its filtered page.
    pub url: String,
    /// Whether the page shows this filter.
    pub current: bool,
}
}

view! {
/// One winning solution.
pub struct ResultEntryView {
    /// Its id on the results page ([`crate::content::results::entry_anchors`]).
    pub anchor: String,
    /// Its place on the results page: the page's link and `#anchor`.
    pub url: String,
    /// Tên giải pháp.
    pub title: String,
    /// Its authors.
    pub authors: Vec<ResultAuthor>,
    /// The authors' unit.
    pub unit: Option<String>,
    /// Its field's slug and name.
    pub field: Option<String>,
    pub field_name: Option<String>,
    /// Its level's slug, name and rank (0 highest).
    pub level: String,
    pub level_name: String,
    pub rank: usize,
    /// Its files.
    pub attachments: Vec<AttachmentView>,
}
}

view! {
/// An author of a winning solution.
pub struct ResultAuthor {
    /// The name.
    pub name: String,
    /// The person's page, when the portal has one.
    pub url: Option<String>,
}
}

view! {
/// The "Kết quả" section of a contest's page.
pub struct ResultsTeaser {
    /// The results page.
    pub url: String,
    /// How many entries won.
    pub total: usize,
    /// The entries of the highest level.
    pub top: Vec<ResultEntryView>,
    /// Each level with entries and its count.
    pub levels: Vec<ResultFacet>,
}
}

view! {
/// `embed_results.html`.
pub struct EmbedResultsContext {
    /// The results.
    pub results: ResultsPage,
}
}

view! {
/// `national.html`: a national portal's pages made from its federation members (the
/// campaign list or the deadline calendar, by `showing`).
pub struct NationalContext {
    /// The members, in the order of `federation:`.
    pub members: Vec<NationalMember>,
    /// Every member's campaigns (on the campaign list).
    pub campaigns: Vec<NationalCampaign>,
    /// The upcoming deadlines (on the calendar page).
    pub deadlines: Vec<NationalDeadline>,
    /// How many upcoming deadlines the page leaves to the calendar file.
    pub more_deadlines: usize,
    /// `campaigns` or `deadlines`.
    pub showing: String,
    pub campaigns_url: String,
    pub deadlines_url: String,
    pub calendar_url: String,
}
}

view! {
/// A federation member on the national pages.
pub struct NationalMember {
    /// The name `site.yaml` gives it.
    pub name: String,
    /// Its portal's own title (member text).
    pub title: String,
    /// Its portal's address.
    pub url: String,
    pub campaigns: usize,
    pub directives: usize,
    /// Shown from its last good copy: it could not be read this time.
    pub stale: bool,
    /// The build date of the copy shown, as words.
    pub generated: String,
}
}

view! {
/// A member's campaign on the national list; `url` is the member's page.
pub struct NationalCampaign {
    pub member: String,
    pub title: String,
    pub url: String,
    /// The status as words, and its key (`upcoming`, `ongoing`, `ended`).
    pub status: String,
    pub status_key: String,
    pub dates: String,
}
}

view! {
/// A member's deadline or campaign period on the national calendar page.
pub struct NationalDeadline {
    pub member: String,
    pub summary: String,
    pub description: String,
    /// The member's page of the item.
    pub url: String,
    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM`, for `<time datetime>`.
    pub datetime: String,
    /// The date (or period) as words.
    pub when: String,
}
}
