//! Views: what templates see. Built from the model on demand, with every URL, Vietnamese
//! date and label already worked out, so templates only lay things out.

use serde_json::{Value, json};

use crate::content::paths;
use crate::content::site::{AttachmentUser, ContactRef};
use crate::content::{AttachmentUse, Campaign, Deadline, Directive, Guide, Organization, Person, Site};
use crate::date::PartialDate;
use crate::i18n::Strings;
use crate::text;

pub mod types;

mod life;

#[cfg(test)]
mod check;

pub use types::*;

/// A published language, for `hreflang` alternates and the language switcher.
#[derive(Debug, Default)]
pub struct LanguageInfo {
    pub code: String,
    /// URL prefix before every path: empty for the default language, `/en` for English.
    pub prefix: String,
    /// The language's name in itself ("Tiếng Việt", "English"), from its UI strings.
    pub name: String,
    /// The page paths (unprefixed) that exist in this language.
    pub pages: std::sync::Arc<std::collections::HashSet<String>>,
}

/// Builds views for one site; cheap to create, shared by all pages.
pub struct Views<'a> {
    pub site: &'a Site,
    today: PartialDate,
    /// The UI strings of the site's language.
    pub strings: Strings,
    /// In a language edition: its URL prefix (`/en`) and the page paths (unprefixed) that
    /// exist in it. A link to any other path goes to the Vietnamese page or file.
    edition: Option<(String, std::sync::Arc<std::collections::HashSet<String>>)>,
    /// Every published language when there are several, else empty.
    pub languages: std::sync::Arc<Vec<LanguageInfo>>,
    /// Document type names in the order of `DOC_TYPES`, looked up once (every list item
    /// shows one).
    doc_type_names: Vec<String>,
    /// Each directive's list item as a Tera value, made the first time a page lists it. A
    /// directive is listed on a dozen pages or more (its campaign, tag, year, type and issuer
    /// lists, the pages that cite it); Tera values are reference-counted, so every page shares
    /// the one made here instead of serializing the item again.
    directive_items: Vec<std::sync::OnceLock<tera::Value>>,
}

impl<'a> Views<'a> {
    /// Views in a language, with the edition's prefix and pages when it is not the default.
    pub fn with_language(site: &'a Site, strings: Strings, languages: std::sync::Arc<Vec<LanguageInfo>>) -> Self {
        let edition = languages
            .iter()
            .find(|l| l.code == site.language && !l.prefix.is_empty())
            .map(|l| (l.prefix.clone(), l.pages.clone()));
        let doc_type_names = crate::content::DOC_TYPES
            .iter()
            .map(|(slug, name, _)| strings.optional(&format!("doc_type.{slug}")).unwrap_or(name).to_owned())
            .collect();
        let directive_items = site.directives.iter().map(|_| std::sync::OnceLock::new()).collect();
        Views { site, today: site.config.build_date, strings, edition, languages, doc_type_names, directive_items }
    }

    /// The path in this view's language: `/en/phong-trao/x/` when the English edition has
    /// the page, the path itself otherwise (the Vietnamese page, or a file every language
    /// shares).
    pub fn localize<'p>(&self, path: &'p str) -> std::borrow::Cow<'p, str> {
        match &self.edition {
            Some((prefix, pages)) if pages.contains(path) => std::borrow::Cow::Owned(format!("{prefix}{path}")),
            _ => std::borrow::Cow::Borrowed(path),
        }
    }

    pub fn link(&self, path: &str) -> String {
        self.site.config.link(&self.localize(path))
    }

    /// A site path as an absolute URL in this view's language.
    pub fn absolute(&self, path: &str) -> String {
        self.site.config.absolute(&self.localize(path))
    }

    /// A UI string.
    pub fn t<'s>(&'s self, key: &'s str) -> &'s str {
        self.strings.get(key)
    }

    /// A label from a keyed family of UI strings (`doc_type.cong-van`), or `fallback`.
    pub fn label(&self, family: &str, slug: &str, fallback: &'static str) -> String {
        self.strings.optional(&format!("{family}.{slug}")).unwrap_or(fallback).to_owned()
    }

    pub fn doc_type_name(&self, doc_type: crate::content::DocType) -> String {
        match self.doc_type_names.get(usize::from(doc_type.code()).wrapping_sub(1)) {
            Some(name) => name.clone(),
            None => self.label("doc_type", doc_type.0, doc_type.name()),
        }
    }

    /// "Từ ngày 1 tháng 6 năm 2024 đến ngày 30 tháng 6 năm 2025", "Thường xuyên"…
    fn period(&self, start: Option<PartialDate>, end: Option<PartialDate>, open: &str) -> String {
        let date = |d: &PartialDate| self.strings.date(d);
        match (start, end) {
            (Some(s), Some(e)) => self.strings.fill("period_from_to", &[("start", &date(&s)), ("end", &date(&e))]),
            (Some(s), None) => self.strings.fill("period_from", &[("start", &date(&s))]),
            (None, Some(e)) => self.strings.fill("period_to", &[("end", &date(&e))]),
            (None, None) => open.to_owned(),
        }
    }

    /// The `site` object every template gets, with the language's `site_title` and
    /// `site_description` UI strings when it sets them.
    pub fn site_view(&self) -> SiteView {
        let config = &self.site.config;
        let organization = config.organization.as_ref().and_then(|r| self.site.organization(&r.value));
        let nav = |key: &str, path: &str| NavItem { title: self.t(key).to_owned(), url: self.link(path) };
        SiteView {
            title: self.strings.optional("site_title").unwrap_or(&config.title).to_owned(),
            description: self
                .strings
                .optional("site_description")
                .map(str::to_owned)
                .or_else(|| config.description.clone()),
            province: config.province.clone(),
            language: self.strings.lang.clone(),
            base_url: config.base_url.clone(),
            base_path: config.base_path().to_owned(),
            origin: origin(&config.base_url, config.base_path()),
            home_url: self.link("/"),
            search_url: self.link("/tim-kiem/"),
            assets_url: self.link("/assets/"),
            csp: super::csp::PAGE_POLICY,
            build_date: config.build_date.to_string(),
            build_date_vi: text::vi_date(&config.build_date),
            build_date_text: self.strings.date(&config.build_date),
            organization: organization.map(|o| self.organization_link(o)),
            nav: vec![
                nav("nav_home", "/"),
                nav("nav_campaigns", "/phong-trao/"),
                nav("nav_directives", "/van-ban/"),
                nav("nav_guides", "/huong-dan/"),
                nav("nav_contacts", "/lien-he/"),
            ],
        }
    }

    /// The `page` object: title, URL and canonical URL of the page being rendered.
    pub fn page_view(&self, title: &str, path: &str, description: Option<&str>, kind: &str) -> PageView {
        let (alternates, x_default, languages) = self.page_languages(path);
        PageView {
            alternates,
            x_default,
            languages,
            title: title.to_owned(),
            url: self.link(path),
            path: path.to_owned(),
            canonical: self.absolute(path),
            description: description.unwrap_or(self.site.config.description.as_deref().unwrap_or("")).to_owned(),
            kind: kind.to_owned(),
        }
    }

    /// The `hreflang` alternates of a page (when it exists in more than one language), the
    /// `x-default` URL (the Vietnamese page) and the language switcher's entries: the same
    /// page in each language when it exists there, else that language's section home, else
    /// its home page.
    fn page_languages(&self, path: &str) -> (Vec<Alternate>, Option<String>, Vec<LanguageLink>) {
        if self.languages.len() < 2 {
            return (Vec::new(), None, Vec::new());
        }
        let config = &self.site.config;
        let mut alternates: Vec<Alternate> = self
            .languages
            .iter()
            .filter(|l| l.pages.contains(path))
            .map(|l| Alternate { lang: l.code.clone(), url: config.absolute(&format!("{}{path}", l.prefix)) })
            .collect();
        let x_default = match self.languages.first() {
            Some(default) if alternates.len() > 1 && default.pages.contains(path) => {
                Some(config.absolute(&format!("{}{path}", default.prefix)))
            }
            _ => None,
        };
        if alternates.len() < 2 {
            alternates.clear();
        }
        let section = path.split('/').nth(1).filter(|s| !s.is_empty()).map(|s| format!("/{s}/"));
        let switcher = self
            .languages
            .iter()
            .map(|l| {
                let target = if l.pages.contains(path) {
                    path.to_owned()
                } else {
                    section.clone().filter(|s| l.pages.contains(s)).unwrap_or_else(|| "/".to_owned())
                };
                LanguageLink {
                    lang: l.code.clone(),
                    name: l.name.clone(),
                    url: config.link(&format!("{}{target}", l.prefix)),
                    current: l.code == self.site.language,
                    same_page: target == path,
                }
            })
            .collect();
        (alternates, x_default, switcher)
    }

    fn date_view(&self, date: Option<&PartialDate>) -> Option<DateView> {
        let d = date?;
        let vi = text::vi_date(d);
        let localized = if self.strings.is_default() { vi.clone() } else { self.strings.date(d) };
        Some(DateView {
            iso: d.to_string(),
            vi,
            text: localized.clone(),
            short: text::vi_date_short(d),
            document: text::vi_document_date(d),
            listed: if self.strings.is_default() { text::vi_document_date(d) } else { localized.clone() },
            year: d.year,
        })
    }

    pub fn organization_link(&self, org: &Organization) -> OrganizationLink {
        OrganizationLink {
            title: org.title.clone(),
            abbr: org.abbr.clone(),
            url: self.link(&paths::contact(&org.source.slug)),
            slug: org.source.slug.clone(),
            lang: self.item_lang(&org.source),
        }
    }

    fn org_ref(&self, slug: Option<&String>) -> Option<OrganizationLink> {
        slug.and_then(|s| self.site.organization(s)).map(|o| self.organization_link(o))
    }

    /// A contact (person or organization) as a card with its phone and e-mail.
    pub fn contact_card(&self, slug: &str) -> Option<ContactCard> {
        match self.site.contact(slug)? {
            ContactRef::Person(i) => Some(self.person_card(i)),
            ContactRef::Organization(i) => Some(self.organization_card(i)),
        }
    }

    fn person_card(&self, index: usize) -> ContactCard {
        let person = &self.site.people[index];
        let slug = &person.source.slug;
        ContactCard {
            kind: "person",
            title: person.title.clone(),
            lang: self.item_lang(&person.source),
            // Ông → Mr., Bà → Ms. in English; as written where the language has no word for it.
            honorific: person.honorific.as_ref().map(|h| {
                let label = self.label("honorific", &text::slugify(h), "");
                if label.is_empty() { h.clone() } else { label }
            }),
            position: person.position.clone(),
            organization: self.org_ref(person.organization.as_ref().map(|r| &r.value)),
            phone: person.phone.as_deref().map(text::phone_for_reading),
            tel: person.phone.as_deref().map(tel_uri),
            email: person.email.clone(),
            url: self.link(&paths::contact(slug)),
            vcard_url: Some(self.link(&format!("{}{slug}.vcf", paths::contact(slug)))),
        }
    }

    fn organization_card(&self, index: usize) -> ContactCard {
        let org = &self.site.organizations[index];
        ContactCard {
            kind: "organization",
            title: org.title.clone(),
            lang: self.item_lang(&org.source),
            honorific: None,
            position: None,
            organization: self.org_ref(org.parent.as_ref().map(|r| &r.value)),
            phone: org.phone.as_deref().map(text::phone_for_reading),
            tel: org.phone.as_deref().map(tel_uri),
            email: org.email.clone(),
            url: self.link(&paths::contact(&org.source.slug)),
            vcard_url: None,
        }
    }

    /// Campaign status on the build date: sắp diễn ra / đang diễn ra / đã kết thúc.
    pub fn campaign_status(&self, campaign: &Campaign) -> Status {
        let starts = campaign.start.as_ref().map(|d| d.value.first_day());
        let ends = campaign.end.as_ref().map(|d| d.value.last_day());
        let key = if starts.is_some_and(|s| s > self.today) {
            "upcoming"
        } else if ends.is_some_and(|e| e < self.today) {
            "ended"
        } else {
            "ongoing"
        };
        Status {
            key,
            label: self.t(&format!("status_{key}")).to_owned(),
            starts: starts.map(|d| d.to_string()),
            ends: ends.map(|d| d.to_string()),
        }
    }

    pub fn campaign_card(&self, index: usize) -> CampaignCard {
        let campaign = &self.site.campaigns[index];
        let start = campaign.start.as_ref().map(|d| d.value);
        let end = campaign.end.as_ref().map(|d| d.value);
        let period = self.period(start, end, self.t("period_regular"));
        CampaignCard {
            title: campaign.title.clone(),
            slug: campaign.source.slug.clone(),
            url: self.link(&paths::campaign(&campaign.source.slug)),
            kind: self.label("campaign_kind", campaign.kind.0, campaign.kind.name()),
            lang: self.item_lang(&campaign.source),
            status: self.campaign_status(campaign),
            start: self.date_view(start.as_ref()),
            end: self.date_view(end.as_ref()),
            period,
            organizer: self.org_ref(campaign.organizer.as_ref().map(|r| &r.value)),
            summary: campaign.summary.clone(),
            directive_count: self.site.links.directives_of_campaign.get(index).map_or(0, Vec::len),
        }
    }

    pub fn directive_item(&self, index: usize) -> DirectiveItem {
        let directive = &self.site.directives[index];
        DirectiveItem {
            title: directive.title.clone(),
            slug: directive.source.slug.clone(),
            url: self.link(&paths::directive(&directive.source.slug)),
            number: directive.number.as_ref().map(number_shown),
            doc_type: self.doc_type_name(directive.doc_type),
            doc_type_slug: directive.doc_type.0,
            lang: self.item_lang(&directive.source),
            doc_type_url: self.link(&paths::doc_type(directive.doc_type.0)),
            date: self.date_view(directive.date.as_ref().map(|d| &d.value)),
            issuer: self.org_ref(directive.issuer.as_ref().map(|r| &r.value)),
            summary: directive.summary.clone(),
            withdrawn: directive.withdrawn.as_ref().map(|_| self.t("withdrawn_label").to_owned()),
            effect: self.effect_badge(index),
            fields: self.field_names(index),
        }
    }

    /// The banners of a campaign, directive or guide page.
    pub fn notices(
        &self,
        publish: &Option<crate::content::fields::Spanned<crate::date::DateTime>>,
        withdrawn: Option<&crate::content::Withdrawal>,
    ) -> PageNotices {
        let scheduled = publish
            .as_ref()
            .filter(|_| self.site.is_scheduled(publish))
            .map(|p| self.strings.fill("scheduled_banner", &[("when", &self.strings.datetime(&p.value))]));
        let withdrawn = withdrawn.map(|w| WithdrawnView {
            text: self
                .strings
                .fill("withdrawn_banner", &[("date", &self.strings.date(&w.date.value)), ("reason", &w.reason)]),
            iso: w.date.value.to_string(),
            replaced_by: w.replaced_by.as_ref().and_then(|r| {
                let i = *self.site.links.directive_by_slug.get(&r.value)?;
                let d = &self.site.directives[i];
                let number = d.number.as_ref().map(|n| format!(" {}", n.text)).unwrap_or_default();
                Some(ReplacementView {
                    title: format!("{}{number}: {}", self.doc_type_name(d.doc_type), d.title),
                    url: self.link(&paths::directive(&d.source.slug)),
                })
            }),
        });
        PageNotices { scheduled, withdrawn }
    }

    /// Directives as a list of `DirectiveItem`s, for a template: each item made once per build.
    pub fn directive_list(&self, indices: &[usize]) -> tera::Value {
        let items: Vec<tera::Value> = indices
            .iter()
            .map(|&i| {
                self.directive_items[i].get_or_init(|| tera::Value::from_serializable(&self.directive_item(i))).clone()
            })
            .collect();
        tera::Value::from(items)
    }

    pub fn guide_item(&self, index: usize) -> GuideItem {
        let guide = &self.site.guides[index];
        GuideItem {
            title: guide.title.clone(),
            url: self.link(&paths::guide(&guide.source.slug)),
            summary: guide.summary.clone(),
            lang: self.item_lang(&guide.source),
        }
    }

    /// Where an attachment's title links: its page, or its file when it has no page.
    pub fn attachment_url(&self, attachment: &crate::content::Attachment) -> String {
        let folder = paths::attachment(&attachment.slug);
        match paths::attachment_has_page(&attachment.path) {
            true => self.link(&folder),
            false => self.link(&format!("{folder}{}", attachment.file_name)),
        }
    }

    pub fn attachment_view(&self, index: usize) -> AttachmentView {
        let attachment = &self.site.attachments[index];
        AttachmentView {
            title: attachment.title.clone(),
            number: attachment.number.clone(),
            slug: attachment.slug.clone(),
            url: self.attachment_url(attachment),
            download_url: self.link(&format!("{}{}", paths::attachment(&attachment.slug), attachment.file_name)),
            file_name: attachment.file_name.clone(),
            size: self.file_size(attachment.bytes),
            bytes: attachment.bytes,
            kind: self.t(file_type_label(&attachment.extension)).to_owned(),
            extension: attachment.extension.to_uppercase(),
            sha256: attachment.sha256.clone(),
        }
    }

    /// Attachments as a page lists them, with the title the page gives each file.
    pub fn attachment_uses(&self, uses: &[AttachmentUse]) -> Vec<AttachmentView> {
        uses.iter()
            .filter_map(|use_| {
                let mut view = self.attachment_view(use_.attachment?);
                if let Some(title) = &use_.title {
                    view.title = title.clone();
                }
                if let Some(number) = &use_.number {
                    view.number = Some(number.clone());
                }
                Some(view)
            })
            .collect()
    }

    pub fn deadline_view(&self, deadline: &Deadline, source: Option<(&str, String)>) -> DeadlineView {
        let date = deadline.date.value;
        let days_left = date.date.last_day().days_since_epoch() - self.today.days_since_epoch();
        let overdue_text = self.strings.fill("deadline_overdue", &[("date", &text::vi_date_short(&date.date))]);
        let status = match days_left {
            d if d < 0 => overdue_text.clone(),
            0 => self.t("deadline_today").to_owned(),
            1 => self.t("deadline_one_day_left").to_owned(),
            d => self.strings.fill("deadline_days_left", &[("days", &d.to_string())]),
        };
        DeadlineView {
            what: deadline.what.clone(),
            iso: date.to_string(),
            vi: text::vi_datetime(&date),
            text: self.strings.datetime(&date),
            short: text::vi_date_short(&date.date),
            days_left,
            overdue: days_left < 0,
            status,
            due: date.date.last_day().to_string(),
            due_time: date.time.map(|(hour, minute)| format!("{hour:02}:{minute:02}")),
            overdue_text,
            spare: false,
            calendar_url: None,
            source: source.map(|(title, url)| DeadlineSource { title: title.to_owned(), url }),
            extended: self.deadline_steps(deadline),
        }
    }

    /// Upcoming deadlines across all directives, soonest first: `limit` shown, and up to
    /// twice as many more marked `spare` (rendered hidden), which the browser shows in place
    /// of those that have passed when the page is read after its build date.
    pub fn upcoming_deadlines(&self, limit: usize) -> Vec<DeadlineView> {
        let today = self.today.days_since_epoch();
        let mut all: Vec<(&Deadline, &Directive)> = self
            .site
            .directives
            .iter()
            .filter(|d| self.site.published(&d.source) && d.withdrawn.is_none())
            .flat_map(|d| d.deadlines.iter().map(move |deadline| (deadline, &**d)))
            .filter(|(deadline, _)| deadline.date.value.date.last_day().days_since_epoch() >= today)
            .collect();
        all.sort_by(|a, b| a.0.date.value.cmp(&b.0.date.value).then(a.1.source.slug.cmp(&b.1.source.slug)));
        all.into_iter()
            .take(limit * SPARE_FACTOR)
            .enumerate()
            .map(|(n, (deadline, d))| {
                let mut view =
                    self.deadline_view(deadline, Some((&d.title, self.link(&paths::directive(&d.source.slug)))));
                view.spare = n >= limit;
                view.calendar_url = Some(self.directive_calendar(d));
                view
            })
            .collect()
    }

    pub fn tag_links(&self, tags: &[String]) -> Vec<TagLink> {
        tags.iter().map(|t| TagLink { title: t.clone(), url: self.link(&paths::tag(&text::slugify(t))) }).collect()
    }

    pub fn campaign_links(&self, refs: &[crate::content::fields::Ref]) -> Vec<CampaignLink> {
        refs.iter()
            .filter_map(|r| self.site.links.campaign_by_slug.get(&r.value))
            .map(|&i| {
                let c = &self.site.campaigns[i];
                CampaignLink {
                    title: c.title.clone(),
                    url: self.link(&paths::campaign(&c.source.slug)),
                    lang: self.item_lang(&c.source),
                }
            })
            .collect()
    }

    pub fn contact_cards(&self, refs: &[crate::content::fields::Ref]) -> Vec<ContactCard> {
        refs.iter().filter_map(|r| self.contact_card(&r.value)).collect()
    }

    /// The full view of a directive page (its `short` is left empty for the renderer).
    pub fn directive_page(&self, index: usize, body_html: &str) -> DirectivePage {
        let d = &self.site.directives[index];
        let party = self.site.is_party_issuer(d);
        let issuer = d.issuer.as_ref().and_then(|r| self.site.organization(&r.value));
        let parent = issuer.and_then(|o| o.parent.as_ref()).and_then(|r| self.site.organization(&r.value));
        let references = d
            .references
            .iter()
            .map(|r| {
                let linked =
                    r.number.as_ref().and_then(|n| self.site.directive_by_number(&n.text)).filter(|&i| i != index);
                ReferenceView {
                    number: r.number.as_ref().map(|n| n.text.clone()),
                    date: self.date_view(r.date.as_ref()),
                    issuer: r.issuer.clone(),
                    title: r.title.clone(),
                    url: linked.map(|i| self.link(&paths::directive(&self.site.directives[i].source.slug))),
                }
            })
            .collect();
        let signer = d.signer.as_ref().map(|s| SignerView {
            authority: s.authority.map(|a| a.label(party)),
            body: s.body.as_deref().map(str::to_uppercase),
            position: s.position.as_deref().map(str::to_uppercase),
            name: s.name.clone(),
        });
        DirectivePage {
            notices: self.notices(&d.publish, d.withdrawn.as_deref()),
            life: self.life_view(index),
            item: self.directive_item(index),
            party,
            title_sentence: text::sentence_case(&d.title),
            number_note: d
                .number_blank
                .then(|| d.number.as_ref().filter(|n| n.number.is_none()))
                .flatten()
                .map(|_| self.t("number_blank_note").to_owned()),
            issuer_full: issuer.map(|o| o.title.to_uppercase()),
            issuer_parent: parent.map(|o| o.title.to_uppercase()),
            motto: if party { self.t("motto_party") } else { self.t("motto_state") }.to_owned(),
            motto_sub: if party { None } else { Some(self.t("motto_state_sub").to_owned()) },
            place: d.place.clone(),
            urgency: d.urgency.map(|u| self.label("urgency", urgency_slug(u), u.label())),
            recipients: d.recipients.clone(),
            references,
            attachments: self.attachment_uses(&d.attachments),
            deadlines: d
                .deadlines
                .iter()
                .map(|dl| {
                    let mut deadline = self.deadline_view(dl, None);
                    // A withdrawn document's deadlines no longer apply: nothing to add to a calendar.
                    deadline.calendar_url = d.withdrawn.is_none().then(|| self.directive_calendar(d));
                    deadline
                })
                .collect(),
            contacts: self.contact_cards(&d.contacts),
            signer,
            distribution: d.distribution.clone(),
            campaigns: self.campaign_links(&d.campaigns),
            tags: self.tag_links(&d.tags),
            body: body_html.to_owned(),
            source_path: d.source.path.to_string_lossy().into_owned(),
            edit: self.edit_view(&d.source, d.date.as_ref().map(|s| &s.value)),
            json_ld: self.directive_json_ld(index),
            cited_by: self.directive_list(&self.site.links.citations_of_directive[index]),
            short: None,
            qr_svg: None,
        }
    }

    /// Schema.org `DigitalDocument` of a directive, for search engines.
    fn directive_json_ld(&self, index: usize) -> String {
        let d = &self.site.directives[index];
        let issuer = d.issuer.as_ref().and_then(|r| self.site.organization(&r.value));
        json_ld(&json!({
            "@context": "https://schema.org",
            "@type": "DigitalDocument",
            "name": format!("{} {}", self.doc_type_name(d.doc_type), d.title),
            "identifier": d.number.as_ref().map(|n| &n.text),
            "dateCreated": d.date.as_ref().map(|s| s.value.to_string()),
            // Schema.org's term for tình trạng hiệu lực (from its Legislation type).
            "legislationLegalForce": self.site.life.get(index).map(|l| l.status.schema_org()),
            "legislationDateOfApplicability": self.site.life.get(index).and_then(|l| l.effective).map(|e| e.to_string()),
            "inLanguage": self.strings.lang,
            "url": self.absolute(&paths::directive(&d.source.slug)),
            "author": issuer.map(|o| json!({"@type": "GovernmentOrganization", "name": o.title, "url": self.site.config.absolute(&paths::contact(&o.source.slug))})),
            "hasPart": d.attachments.iter().filter_map(|a| a.attachment).map(|a| {
                let file = &self.site.attachments[a];
                json!({"@type": "DigitalDocument", "name": file.title, "encodingFormat": file.extension, "url": self.site.config.absolute(&format!("{}{}", paths::attachment(&file.slug), file.file_name))})
            }).collect::<Vec<_>>(),
        }))
    }

    /// A campaign's phases, each with its dates and whether it is done, current or upcoming.
    pub fn campaign_phases(&self, index: usize) -> Vec<PhaseView> {
        self.site.campaigns[index]
            .phases
            .iter()
            .map(|p| {
                let start = p.start.as_ref().map(|d| d.value);
                let end = p.end.as_ref().map(|d| d.value);
                let when = match (start, end) {
                    (Some(s), Some(e)) if s == e => self.strings.date(&s),
                    _ => self.period(start, end, ""),
                };
                let state = match (start.map(|s| s.first_day()), end.map(|e| e.last_day())) {
                    (_, Some(e)) if e < self.today => "done",
                    (Some(s), _) if s > self.today => "upcoming",
                    _ => "current",
                };
                PhaseView {
                    name: p.name.clone(),
                    when,
                    start: self.date_view(start.as_ref()),
                    state,
                    starts: start.map(|s| s.first_day().to_string()),
                    ends: end.map(|e| e.last_day().to_string()),
                }
            })
            .collect()
    }

    /// The deadlines of a campaign's directives, each naming its directive.
    pub fn campaign_deadlines(&self, index: usize) -> Vec<DeadlineView> {
        let campaign = &self.site.campaigns[index];
        self.site.links.directives_of_campaign[index]
            .iter()
            .map(|&i| &self.site.directives[i])
            .filter(|d| d.withdrawn.is_none())
            .flat_map(|d| d.deadlines.iter().map(move |dl| (dl, d)))
            .map(|(dl, d)| {
                let mut view = self.deadline_view(dl, Some((&d.title, self.link(&paths::directive(&d.source.slug)))));
                view.calendar_url = Some(self.link(&format!("{}lich.ics", paths::campaign(&campaign.source.slug))));
                view
            })
            .collect()
    }

    /// The calendar a directive's "Thêm vào lịch" links open: its first campaign's, which
    /// holds its deadlines beside the campaign's, else the portal's `lich.ics`. Not a file
    /// per directive: that cost a file for each directive with deadlines, and a campaign's
    /// calendar is what a participant follows.
    pub fn directive_calendar(&self, d: &Directive) -> String {
        let campaign = d.campaigns.iter().find_map(|r| self.site.links.campaign_by_slug.get(&r.value));
        match campaign {
            Some(&c) => self.link(&format!("{}lich.ics", paths::campaign(&self.site.campaigns[c].source.slug))),
            None => self.link("/lich.ics"),
        }
    }

    /// The full view of a campaign page (its cover, short link, embeds and share image are
    /// left empty for the renderer).
    pub fn campaign_page(&self, index: usize, body_html: &str) -> CampaignPage {
        let c = &self.site.campaigns[index];
        let links = &self.site.links;
        let directive_indices = &links.directives_of_campaign[index];
        let mut attachments = self.attachment_uses(&c.attachments);
        for &i in directive_indices {
            attachments.extend(self.attachment_uses(&self.site.directives[i].attachments));
        }
        dedup_by_url(&mut attachments);
        let deadlines = self.campaign_deadlines(index);
        let guides: Vec<GuideItem> = links.guides_of_campaign[index].iter().map(|&i| self.guide_item(i)).collect();
        let contacts = self.contact_cards(&c.contacts);
        let phases = self.campaign_phases(index);
        let present = [
            ("summary", c.summary.is_some() || !c.fields.is_empty()),
            ("results", crate::content::results::campaign_has_results(self.site, index)),
            ("timeline", !phases.is_empty() || !deadlines.is_empty()),
            ("attachments", !attachments.is_empty()),
            ("guides", !guides.is_empty()),
            ("contacts", !contacts.is_empty()),
            ("body", !body_html.trim().is_empty()),
            ("directives", true),
            // Filled in by the renderer; their blocks test for themselves.
            ("qr", true),
            ("embeds", true),
            ("tags", !c.tags.is_empty()),
        ];
        let next_deadlines = next_deadlines(&deadlines);
        CampaignPage {
            notices: self.notices(&c.publish, None),
            card: self.campaign_card(index),
            next_overdue: next_deadlines.iter().any(|d| !d.spare && d.overdue),
            next_deadlines,
            actions: self.campaign_actions(&attachments, &guides, &contacts),
            sections: present.iter().filter(|(_, shown)| *shown).map(|(name, _)| *name).collect(),
            fields: c.fields.clone(),
            phases,
            deadlines,
            guides,
            attachments,
            contacts,
            tags: self.tag_links(&c.tags),
            body: body_html.to_owned(),
            source_path: c.source.path.to_string_lossy().into_owned(),
            edit: self.edit_view(&c.source, None),
            results: super::results::teaser(self, index),
            calendar_url: self.link(&format!("{}lich.ics", paths::campaign(&c.source.slug))),
            atom_url: self.link(&format!("{}atom.xml", paths::campaign(&c.source.slug))),
            json_ld: self.campaign_json_ld(index),
            directives: self.directive_list(directive_indices),
            cover: None,
            short: None,
            embeds: Vec::new(),
            share: None,
        }
    }

    /// A campaign's primary actions: its rules (else its first file), its first guide, and
    /// its first contact that has a phone number or an e-mail address.
    fn campaign_actions(
        &self,
        attachments: &[AttachmentView],
        guides: &[GuideItem],
        contacts: &[ContactCard],
    ) -> Vec<CampaignAction> {
        let mut actions = Vec::with_capacity(3);
        let rules = attachments.iter().find(|a| is_rules(&a.title));
        if let Some(file) = rules.or_else(|| attachments.first()) {
            let (kind, label) = if rules.is_some() { ("rules", "action_rules") } else { ("file", "action_file") };
            actions.push(CampaignAction {
                kind,
                label: self.t(label).to_owned(),
                url: file.download_url.clone(),
                detail: format!("{} · {} · {}", file.title, file.extension, file.size),
                download: true,
            });
        }
        if let Some(guide) = guides.first() {
            actions.push(CampaignAction {
                kind: "guide",
                label: self.t("action_guide").to_owned(),
                url: guide.url.clone(),
                detail: guide.title.clone(),
                download: false,
            });
        }
        let reachable = contacts.iter().find_map(|card| {
            let name = match &card.honorific {
                Some(h) => format!("{} {}", capitalized(h), card.title),
                None => card.title.clone(),
            };
            if let (Some(tel), Some(phone)) = (&card.tel, &card.phone) {
                Some(("call", "action_call", tel.clone(), format!("{name} · {phone}")))
            } else {
                card.email.as_ref().map(|e| ("email", "action_email", format!("mailto:{e}"), format!("{name} · {e}")))
            }
        });
        if let Some((kind, label, url, detail)) = reachable {
            actions.push(CampaignAction { kind, label: self.t(label).to_owned(), url, detail, download: false });
        }
        actions
    }

    /// Schema.org `Event` of a campaign, for search engines.
    fn campaign_json_ld(&self, index: usize) -> String {
        let c = &self.site.campaigns[index];
        let organizer = c.organizer.as_ref().and_then(|r| self.site.organization(&r.value));
        json_ld(&json!({
            "@context": "https://schema.org",
            "@type": "Event",
            "name": c.title,
            "description": c.summary,
            "url": self.absolute(&paths::campaign(&c.source.slug)),
            "startDate": c.start.as_ref().map(|d| d.value.first_day().to_string()),
            "endDate": c.end.as_ref().map(|d| d.value.last_day().to_string()),
            "eventStatus": "https://schema.org/EventScheduled",
            "inLanguage": self.strings.lang,
            "location": {"@type": "Place", "name": self.site.config.province.clone().unwrap_or_else(|| self.site.config.title.clone())},
            "organizer": organizer.map(|o| json!({"@type": "GovernmentOrganization", "name": o.title, "url": self.site.config.absolute(&paths::contact(&o.source.slug))})),
        }))
    }

    /// The full view of a guide page (its `short` is left empty for the renderer).
    pub fn guide_page(&self, index: usize, body_html: &str) -> GuidePage {
        let g: &Guide = &self.site.guides[index];
        GuidePage {
            notices: self.notices(&g.publish, None),
            item: self.guide_item(index),
            campaigns: self.campaign_links(&g.campaigns),
            attachments: self.attachment_uses(&g.attachments),
            contacts: self.contact_cards(&g.contacts),
            tags: self.tag_links(&g.tags),
            body: body_html.to_owned(),
            source_path: g.source.path.to_string_lossy().into_owned(),
            edit: self.edit_view(&g.source, None),
            short: None,
            qr_svg: None,
        }
    }

    pub fn attachment_page(&self, index: usize) -> AttachmentPage {
        let user = |kind: &str, title: &str, url: String| AttachmentUserView {
            kind: self.t(kind).to_owned(),
            title: title.to_owned(),
            url,
            number: None,
            date: None,
        };
        let cited_by = self.site.links.users_of_attachment[index]
            .iter()
            .map(|user_| match *user_ {
                AttachmentUser::Directive(i) => {
                    let item = self.directive_item(i);
                    AttachmentUserView {
                        kind: self.t("kind_directive").to_owned(),
                        title: item.title,
                        url: item.url,
                        number: item.number,
                        date: item.date,
                    }
                }
                AttachmentUser::Campaign(i) => {
                    let c = &self.site.campaigns[i];
                    user("kind_campaign", &c.title, self.link(&paths::campaign(&c.source.slug)))
                }
                AttachmentUser::Guide(i) => {
                    let g = &self.site.guides[i];
                    user("kind_guide", &g.title, self.link(&paths::guide(&g.source.slug)))
                }
            })
            .collect();
        AttachmentPage { file: self.attachment_view(index), cited_by }
    }

    pub fn organization_page(&self, index: usize, body_html: &str) -> OrganizationPage {
        let org = &self.site.organizations[index];
        let links = &self.site.links;
        let slug = &org.source.slug;
        OrganizationPage {
            card: self.organization_card(index),
            abbr: org.abbr.clone(),
            system: self.label("org_system", org_system_slug(org.system), org.system.label()),
            address: org.address.clone(),
            website: org.website.clone(),
            place: org.place.clone(),
            valid_from: self.date_view(org.valid_from.as_ref().map(|d| &d.value)),
            valid_to: self.date_view(org.valid_to.as_ref().map(|d| &d.value)),
            predecessors: org
                .predecessors
                .iter()
                .filter_map(|r| self.site.organization(&r.value))
                .map(|o| self.organization_link(o))
                .collect(),
            children: {
                let mut children: Vec<_> = links.children_of_organization[index]
                    .iter()
                    .map(|&i| self.organization_link(&self.site.organizations[i]))
                    .collect();
                text::sort_by_name(&mut children, |link| &link.title);
                children
            },
            people: {
                let mut people = links.people_of_organization[index].clone();
                people.sort_by(|&a, &b| text::compare(&self.site.people[a].title, &self.site.people[b].title));
                people.iter().map(|&i| self.person_card(i)).collect()
            },
            issued: links.directives_of_issuer[index].iter().take(50).map(|&i| self.directive_item(i)).collect(),
            issued_count: links.directives_of_issuer[index].len(),
            issued_url: self.link(&paths::issuer(slug)),
            organized: self
                .site
                .campaigns
                .iter()
                .enumerate()
                .filter(|(_, c)| c.organizer.as_ref().is_some_and(|r| &r.value == slug))
                .map(|(i, _)| self.campaign_card(i))
                .collect(),
            body: body_html.to_owned(),
            source_path: org.source.path.to_string_lossy().into_owned(),
            edit: self.edit_view(&org.source, None),
            contact_for: self.contact_for(slug),
        }
    }

    pub fn person_page(&self, index: usize, body_html: &str) -> PersonPage {
        let person: &Person = &self.site.people[index];
        PersonPage {
            card: self.person_card(index),
            body: body_html.to_owned(),
            source_path: person.source.path.to_string_lossy().into_owned(),
            edit: self.edit_view(&person.source, None),
            contact_for: self.contact_for(&person.source.slug),
        }
    }

    /// The campaigns, directives and guides that name this contact.
    fn contact_for(&self, slug: &str) -> ContactFor {
        let links = &self.site.links;
        let list = |map: &std::collections::HashMap<String, Vec<usize>>| map.get(slug).cloned().unwrap_or_default();
        ContactFor {
            contact_for_campaigns: list(&links.campaigns_of_contact)
                .into_iter()
                .map(|i| self.campaign_card(i))
                .collect(),
            contact_for_directives: list(&links.directives_of_contact)
                .into_iter()
                .map(|i| self.directive_item(i))
                .collect(),
            contact_for_guides: list(&links.guides_of_contact).into_iter().map(|i| self.guide_item(i)).collect(),
        }
    }
}

impl Views<'_> {
    /// The language of an item's text when it differs from the page's (an untranslated
    /// item shown in an edition), for a `lang` attribute; None otherwise.
    pub fn item_lang(&self, source: &crate::content::Source) -> Option<&'static str> {
        (self.site.is_edition() && source.translation.is_none()).then_some(crate::i18n::DEFAULT_LANGUAGE)
    }

    /// A file size: "12,3 KB" in Vietnamese, "12.3 KB" elsewhere.
    pub fn file_size(&self, bytes: u64) -> String {
        let size = text::vi_file_size(bytes);
        if self.strings.is_default() { size } else { size.replace(',', ".") }
    }

    /// "Sửa trang này" and "Lịch sử thay đổi" links and the last-change date of a page, when
    /// site.yaml names the repository's editor; the page's own `date` outside Git. The date
    /// is at most the build date, so it never contradicts the footer's "dựng lại" date.
    pub fn edit_view(&self, source: &crate::content::Source, own_date: Option<&PartialDate>) -> Option<EditView> {
        let config = &self.site.config;
        let edit_url = config.edit_url.as_ref()?;
        let path = source.path.to_string_lossy().replace('\\', "/");
        // A page's last change never postdates the build date the page is "as of": a change
        // Git records later only exists when `build_date` pins an earlier day (reproducible
        // builds), and the page then reads as built on that day.
        let changed = self.site.changed.get(&source.path).or(own_date).map(|d| (*d).min(self.today));
        let changed = changed.as_ref();
        Some(EditView {
            url: format!("{edit_url}{path}"),
            history_url: config.history_url.as_ref().map(|h| format!("{h}{path}")),
            changed: changed.map(text::vi_date),
            changed_text: changed.map(|d| self.strings.date(d)),
            changed_iso: changed.map(|d| d.to_string()),
        })
    }
}

/// How many deadlines an "upcoming" list renders for each one it shows: the rest are spares
/// for a reader whose date is past the first ones.
const SPARE_FACTOR: usize = 3;

/// How many items of an "upcoming" list are shown (not spares).
pub(crate) fn shown_count(items: &[DeadlineView]) -> usize {
    items.iter().filter(|d| !d.spare).count()
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so no content
/// can close the script element.
pub fn json_ld(value: &Value) -> String {
    serde_json::to_string(value).expect("json").replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// A campaign's deadlines by date for its first screen, all `spare` but the one shown: the
/// soonest still to come, else the latest past (a reader who scanned an old poster learns
/// that it has passed). loa-live.js makes the same choice from the reader's date.
fn next_deadlines(deadlines: &[DeadlineView]) -> Vec<DeadlineView> {
    let mut sorted = deadlines.to_vec();
    sorted.sort_by(|a, b| a.iso.cmp(&b.iso));
    let shown = sorted.iter().position(|d| !d.overdue).or(sorted.len().checked_sub(1));
    for (n, deadline) in sorted.iter_mut().enumerate() {
        deadline.spare = Some(n) != shown;
    }
    sorted
}

/// Whether an attachment's title names a campaign's rules (thể lệ), written with or without
/// diacritics.
fn is_rules(title: &str) -> bool {
    let folded = text::fold(title);
    folded.split(|c: char| !c.is_alphanumeric()).collect::<Vec<_>>().windows(2).any(|w| w == ["the", "le"])
}

/// The first letter in capitals ("ông" → "Ông"), as the contact card's `capitalize` does.
fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The scheme and host of `base_url`: `base_url` less its path, so that the origin followed
/// by a link (which starts with the path) is the absolute URL.
fn origin(base_url: &str, base_path: &str) -> String {
    let root = base_url.trim_end_matches('/');
    root.strip_suffix(base_path.trim_end_matches('/')).unwrap_or(root).to_owned()
}

fn dedup_by_url(items: &mut Vec<AttachmentView>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert(item.url.clone()));
}

/// A `tel:` URI: digits and a leading +, nothing else.
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

/// The UI-string key of a file type's label.
fn file_type_label(extension: &str) -> &'static str {
    match extension {
        "pdf" => "file_pdf",
        "doc" | "docx" | "odt" => "file_word",
        "xls" | "xlsx" | "ods" => "file_sheet",
        "ppt" | "pptx" | "odp" => "file_slides",
        "jpg" | "jpeg" | "png" | "webp" => "file_image",
        "zip" => "file_zip",
        _ => "file_other",
    }
}

fn urgency_slug(urgency: crate::content::Urgency) -> &'static str {
    match urgency {
        crate::content::Urgency::Urgent => "khan",
        crate::content::Urgency::VeryUrgent => "thuong-khan",
        crate::content::Urgency::Immediate => "hoa-toc",
    }
}

/// A number as lists and pages show it: a blank number keeps its place, `…/SKHCN-VP`.
fn number_shown(number: &crate::content::DocNumber) -> String {
    match number.number {
        Some(_) => number.text.clone(),
        None => format!("…{}", number.text),
    }
}

fn org_system_slug(system: crate::content::OrgSystem) -> &'static str {
    match system {
        crate::content::OrgSystem::State => "state",
        crate::content::OrgSystem::Party => "party",
        crate::content::OrgSystem::Mass => "mass",
    }
}

#[cfg(test)]
mod first_screen_tests {
    use super::{DeadlineView, is_rules, next_deadlines};

    fn deadline(iso: &str, overdue: bool) -> DeadlineView {
        DeadlineView {
            what: iso.to_owned(),
            iso: iso.to_owned(),
            vi: String::new(),
            text: String::new(),
            short: String::new(),
            days_left: if overdue { -1 } else { 1 },
            overdue,
            status: String::new(),
            due: iso.to_owned(),
            due_time: None,
            overdue_text: String::new(),
            spare: false,
            calendar_url: None,
            source: None,
            extended: Vec::new(),
        }
    }

    #[test]
    fn rules_are_named_with_or_without_diacritics_as_two_words() {
        assert!(is_rules("Thể lệ Hội thi “Sáng tạo kỹ thuật”"));
        assert!(is_rules("THE LE cuoc thi"));
        assert!(!is_rules("Kế hoạch thể hiện lệnh"), "two words, side by side");
        assert!(!is_rules("Kế hoạch tổ chức"));
    }

    #[test]
    fn the_first_screen_shows_the_soonest_deadline_to_come_else_the_latest_past() {
        let shown = |deadlines: &[DeadlineView]| -> Vec<String> {
            next_deadlines(deadlines).into_iter().filter(|d| !d.spare).map(|d| d.iso).collect()
        };
        let soonest = [deadline("2024-09-01", false), deadline("2024-08-01", false), deadline("2024-06-01", true)];
        assert_eq!(shown(&soonest), ["2024-08-01"]);
        assert_eq!(next_deadlines(&soonest).len(), 3, "the others stay, as spares");
        assert_eq!(shown(&[deadline("2023-05-01", true), deadline("2024-01-01", true)]), ["2024-01-01"]);
        assert!(next_deadlines(&[]).is_empty());
    }
}

#[cfg(test)]
mod origin_tests {
    use super::origin;

    #[test]
    fn the_origin_followed_by_a_link_is_the_absolute_url() {
        assert_eq!(origin("https://lhh.example.vn/", "/"), "https://lhh.example.vn");
        assert_eq!(origin("https://lhh.example.vn", "/"), "https://lhh.example.vn");
        assert_eq!(origin("https://example.vn/thidua/", "/thidua/"), "https://example.vn");
        assert_eq!(origin("http://127.0.0.1:8765/", "/"), "http://127.0.0.1:8765");
    }
}
