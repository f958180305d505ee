//! Views: what templates see. Built from the model on demand, with every URL, Vietnamese
//! date and label already worked out, so templates only lay things out.

use serde_json::{Value, json};

use crate::content::site::{AttachmentUser, ContactRef};
use crate::content::{AttachmentUse, Campaign, Deadline, Directive, Guide, Organization, Person, Site};
use crate::date::PartialDate;
use crate::text;

/// URL paths of every page kind (before the base path is added).
pub mod paths {
    pub fn campaign(slug: &str) -> String {
        format!("/phong-trao/{slug}/")
    }
    pub fn directive(slug: &str) -> String {
        format!("/van-ban/{slug}/")
    }
    pub fn guide(slug: &str) -> String {
        format!("/huong-dan/{slug}/")
    }
    pub fn contact(slug: &str) -> String {
        format!("/lien-he/{slug}/")
    }
    pub fn attachment(slug: &str) -> String {
        format!("/tep/{slug}/")
    }
    pub fn year(year: i32) -> String {
        format!("/van-ban/nam/{year}/")
    }
    pub fn issuer(slug: &str) -> String {
        format!("/van-ban/co-quan/{slug}/")
    }
    pub fn doc_type(slug: &str) -> String {
        format!("/van-ban/loai/{slug}/")
    }
    pub fn tag(slug: &str) -> String {
        format!("/the/{slug}/")
    }
}

/// Builds views for one site; cheap to create, shared by all pages.
pub struct Views<'a> {
    pub site: &'a Site,
    today: PartialDate,
}

impl<'a> Views<'a> {
    pub fn new(site: &'a Site) -> Self {
        Views { site, today: site.config.build_date }
    }

    pub fn link(&self, path: &str) -> String {
        self.site.config.link(path)
    }

    /// The `site` object every template gets.
    pub fn site_view(&self) -> Value {
        let config = &self.site.config;
        let organization = config.organization.as_ref().and_then(|r| self.site.organization(&r.value));
        json!({
            "title": config.title,
            "description": config.description,
            "province": config.province,
            "language": config.language,
            "base_url": config.base_url,
            "base_path": config.base_path(),
            "home_url": self.link("/"),
            "assets_url": self.link("/assets/"),
            "build_date": config.build_date.to_string(),
            "build_date_vi": text::vi_date(&config.build_date),
            "organization": organization.map(|o| self.organization_link(o)),
            "nav": [
                {"title": "Trang chủ", "url": self.link("/")},
                {"title": "Phong trào", "url": self.link("/phong-trao/")},
                {"title": "Văn bản", "url": self.link("/van-ban/")},
                {"title": "Hướng dẫn", "url": self.link("/huong-dan/")},
                {"title": "Liên hệ", "url": self.link("/lien-he/")},
            ],
        })
    }

    /// The `page` object: title, URL and canonical URL of the page being rendered.
    pub fn page_view(&self, title: &str, path: &str, description: Option<&str>, kind: &str) -> Value {
        json!({
            "title": title,
            "url": self.link(path),
            "path": path,
            "canonical": self.site.config.absolute(path),
            "description": description.unwrap_or(self.site.config.description.as_deref().unwrap_or("")),
            "kind": kind,
        })
    }

    fn date_view(&self, date: Option<&PartialDate>) -> Value {
        match date {
            None => Value::Null,
            Some(d) => json!({
                "iso": d.to_string(),
                "vi": text::vi_date(d),
                "short": text::vi_date_short(d),
                "document": text::vi_document_date(d),
                "year": d.year,
            }),
        }
    }

    pub fn organization_link(&self, org: &Organization) -> Value {
        json!({"title": org.title, "abbr": org.abbr, "url": self.link(&paths::contact(&org.source.slug)), "slug": org.source.slug})
    }

    fn org_ref(&self, slug: Option<&String>) -> Value {
        slug.and_then(|s| self.site.organization(s)).map(|o| self.organization_link(o)).unwrap_or(Value::Null)
    }

    /// A contact (person or organization) as a card with its phone and e-mail.
    pub fn contact_card(&self, slug: &str) -> Value {
        match self.site.contact(slug) {
            Some(ContactRef::Person(i)) => {
                let person = &self.site.people[i];
                json!({
                    "kind": "person",
                    "title": person.title,
                    "honorific": person.honorific,
                    "position": person.position,
                    "organization": self.org_ref(person.organization.as_ref().map(|r| &r.value)),
                    "phone": person.phone,
                    "tel": person.phone.as_deref().map(tel_uri),
                    "email": person.email,
                    "url": self.link(&paths::contact(&person.source.slug)),
                    "vcard_url": self.link(&format!("{}{}.vcf", paths::contact(&person.source.slug), person.source.slug)),
                })
            }
            Some(ContactRef::Organization(i)) => {
                let org = &self.site.organizations[i];
                json!({
                    "kind": "organization",
                    "title": org.title,
                    "honorific": null,
                    "position": null,
                    "organization": self.org_ref(org.parent.as_ref().map(|r| &r.value)),
                    "phone": org.phone,
                    "tel": org.phone.as_deref().map(tel_uri),
                    "email": org.email,
                    "url": self.link(&paths::contact(&org.source.slug)),
                    "vcard_url": null,
                })
            }
            None => Value::Null,
        }
    }

    /// Campaign status on the build date: sắp diễn ra / đang diễn ra / đã kết thúc.
    pub fn campaign_status(&self, campaign: &Campaign) -> Value {
        let starts = campaign.start.as_ref().map(|d| d.value.first_day());
        let ends = campaign.end.as_ref().map(|d| d.value.last_day());
        let (key, label) = if starts.is_some_and(|s| s > self.today) {
            ("upcoming", "Sắp diễn ra")
        } else if ends.is_some_and(|e| e < self.today) {
            ("ended", "Đã kết thúc")
        } else {
            ("ongoing", "Đang diễn ra")
        };
        json!({"key": key, "label": label})
    }

    pub fn campaign_card(&self, index: usize) -> Value {
        let campaign = &self.site.campaigns[index];
        let start = campaign.start.as_ref().map(|d| d.value);
        let end = campaign.end.as_ref().map(|d| d.value);
        let period = match (start, end) {
            (Some(s), Some(e)) => format!("Từ {} đến {}", text::vi_date(&s), text::vi_date(&e)),
            (Some(s), None) => format!("Từ {}", text::vi_date(&s)),
            (None, Some(e)) => format!("Đến {}", text::vi_date(&e)),
            (None, None) => "Thường xuyên".to_owned(),
        };
        json!({
            "title": campaign.title,
            "slug": campaign.source.slug,
            "url": self.link(&paths::campaign(&campaign.source.slug)),
            "kind": campaign.kind.name(),
            "status": self.campaign_status(campaign),
            "start": self.date_view(start.as_ref()),
            "end": self.date_view(end.as_ref()),
            "period": period,
            "organizer": self.org_ref(campaign.organizer.as_ref().map(|r| &r.value)),
            "summary": campaign.summary,
            "short": campaign.short.as_ref().map(|s| &s.value),
            "directive_count": self.site.links.directives_of_campaign.get(index).map_or(0, Vec::len),
        })
    }

    pub fn directive_item(&self, index: usize) -> Value {
        let directive = &self.site.directives[index];
        json!({
            "title": directive.title,
            "slug": directive.source.slug,
            "url": self.link(&paths::directive(&directive.source.slug)),
            "number": directive.number.as_ref().map(|n| &n.text),
            "doc_type": directive.doc_type.name(),
            "doc_type_url": self.link(&paths::doc_type(directive.doc_type.0)),
            "date": self.date_view(directive.date.as_ref().map(|d| &d.value)),
            "issuer": self.org_ref(directive.issuer.as_ref().map(|r| &r.value)),
            "summary": directive.summary,
        })
    }

    pub fn guide_item(&self, index: usize) -> Value {
        let guide = &self.site.guides[index];
        json!({
            "title": guide.title,
            "url": self.link(&paths::guide(&guide.source.slug)),
            "summary": guide.summary,
        })
    }

    pub fn attachment_view(&self, index: usize) -> Value {
        let attachment = &self.site.attachments[index];
        json!({
            "title": attachment.title,
            "number": attachment.number,
            "slug": attachment.slug,
            "url": self.link(&paths::attachment(&attachment.slug)),
            "download_url": self.link(&format!("{}{}", paths::attachment(&attachment.slug), attachment.file_name)),
            "file_name": attachment.file_name,
            "size": text::vi_file_size(attachment.bytes),
            "bytes": attachment.bytes,
            "type": file_type_label(&attachment.extension),
            "extension": attachment.extension.to_uppercase(),
            "sha256": attachment.sha256,
        })
    }

    /// Attachments as a page lists them, with the title the page gives each file.
    pub fn attachment_uses(&self, uses: &[AttachmentUse]) -> Vec<Value> {
        uses.iter()
            .filter_map(|use_| {
                let mut view = self.attachment_view(use_.attachment?);
                if let Some(title) = &use_.title {
                    view["title"] = json!(title);
                }
                if let Some(number) = &use_.number {
                    view["number"] = json!(number);
                }
                Some(view)
            })
            .collect()
    }

    pub fn deadline_view(&self, deadline: &Deadline, source: Option<(&str, String)>) -> Value {
        let date = deadline.date.value;
        let days_left = date.date.last_day().days_since_epoch() - self.today.days_since_epoch();
        let status = match days_left {
            d if d < 0 => "Đã hết hạn".to_owned(),
            0 => "Hết hạn hôm nay".to_owned(),
            d => format!("Còn {d} ngày"),
        };
        json!({
            "what": deadline.what,
            "iso": date.to_string(),
            "vi": text::vi_datetime(&date),
            "short": text::vi_date_short(&date.date),
            "days_left": days_left,
            "overdue": days_left < 0,
            "status": status,
            "calendar_url": source.as_ref().map(|(_, url)| format!("{url}lich.ics")),
            "source": source.map(|(title, url)| json!({"title": title, "url": url})),
        })
    }

    /// Upcoming deadlines across all directives, soonest first.
    pub fn upcoming_deadlines(&self, limit: usize) -> Vec<Value> {
        let today = self.today.days_since_epoch();
        let mut all: Vec<(&Deadline, &Directive)> = self
            .site
            .directives
            .iter()
            .flat_map(|d| d.deadlines.iter().map(move |deadline| (deadline, d)))
            .filter(|(deadline, _)| deadline.date.value.date.last_day().days_since_epoch() >= today)
            .collect();
        all.sort_by(|a, b| a.0.date.value.cmp(&b.0.date.value).then(a.1.source.slug.cmp(&b.1.source.slug)));
        all.into_iter()
            .take(limit)
            .map(|(deadline, d)| {
                self.deadline_view(deadline, Some((&d.title, self.link(&paths::directive(&d.source.slug)))))
            })
            .collect()
    }

    pub fn tag_links(&self, tags: &[String]) -> Vec<Value> {
        tags.iter().map(|t| json!({"title": t, "url": self.link(&paths::tag(&text::slugify(t)))})).collect()
    }

    pub fn campaign_links(&self, refs: &[crate::content::fields::Ref]) -> Vec<Value> {
        refs.iter()
            .filter_map(|r| self.site.links.campaign_by_slug.get(&r.value))
            .map(|&i| {
                let c = &self.site.campaigns[i];
                json!({"title": c.title, "url": self.link(&paths::campaign(&c.source.slug))})
            })
            .collect()
    }

    pub fn contact_cards(&self, refs: &[crate::content::fields::Ref]) -> Vec<Value> {
        refs.iter().map(|r| self.contact_card(&r.value)).filter(|v| !v.is_null()).collect()
    }

    /// The full view of a directive page.
    pub fn directive_page(&self, index: usize, body_html: &str) -> Value {
        let d = &self.site.directives[index];
        let party = self.site.is_party_issuer(d);
        let issuer = d.issuer.as_ref().and_then(|r| self.site.organization(&r.value));
        let parent = issuer.and_then(|o| o.parent.as_ref()).and_then(|r| self.site.organization(&r.value));
        let references: Vec<Value> = d
            .references
            .iter()
            .map(|r| {
                let linked =
                    r.number.as_ref().and_then(|n| self.site.directive_by_number(&n.text)).filter(|&i| i != index);
                json!({
                    "number": r.number.as_ref().map(|n| &n.text),
                    "date": self.date_view(r.date.as_ref()),
                    "issuer": r.issuer,
                    "title": r.title,
                    "url": linked.map(|i| self.link(&paths::directive(&self.site.directives[i].source.slug))),
                })
            })
            .collect();
        let url = self.link(&paths::directive(&d.source.slug));
        let signer = d.signer.as_ref().map(|s| {
            json!({
                "authority": s.authority.map(|a| a.label(party)),
                "body": s.body.as_deref().map(str::to_uppercase),
                "position": s.position.as_deref().map(str::to_uppercase),
                "name": s.name,
            })
        });
        let mut view = self.directive_item(index);
        let extra = json!({
            "party": party,
            "issuer_full": issuer.map(|o| o.title.to_uppercase()),
            "issuer_parent": parent.map(|o| o.title.to_uppercase()),
            "motto": if party { "ĐẢNG CỘNG SẢN VIỆT NAM" } else { "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" },
            "motto_sub": if party { Value::Null } else { json!("Độc lập - Tự do - Hạnh phúc") },
            "place": d.place,
            "urgency": d.urgency.map(|u| u.label()),
            "recipients": d.recipients,
            "references": references,
            "attachments": self.attachment_uses(&d.attachments),
            "deadlines": d.deadlines.iter().map(|dl| {
                let mut deadline = self.deadline_view(dl, None);
                deadline["calendar_url"] = json!(format!("{url}lich.ics"));
                deadline
            }).collect::<Vec<_>>(),
            "contacts": self.contact_cards(&d.contacts),
            "signer": signer,
            "distribution": d.distribution,
            "campaigns": self.campaign_links(&d.campaigns),
            "tags": self.tag_links(&d.tags),
            "body": body_html,
            "cited_by": self.site.links.citations_of_directive[index].iter().map(|&i| self.directive_item(i)).collect::<Vec<_>>(),
            "source_path": d.source.path.to_string_lossy(),
            "edit": self.edit_view(&d.source, d.date.as_ref().map(|s| &s.value)),
            "json_ld": json_ld(&json!({
                "@context": "https://schema.org",
                "@type": "DigitalDocument",
                "name": format!("{} {}", d.doc_type.name(), d.title),
                "identifier": d.number.as_ref().map(|n| &n.text),
                "dateCreated": d.date.as_ref().map(|s| s.value.to_string()),
                "inLanguage": "vi",
                "url": self.site.config.absolute(&paths::directive(&d.source.slug)),
                "author": issuer.map(|o| json!({"@type": "GovernmentOrganization", "name": o.title, "url": self.site.config.absolute(&paths::contact(&o.source.slug))})),
                "hasPart": d.attachments.iter().filter_map(|a| a.attachment).map(|a| {
                    let file = &self.site.attachments[a];
                    json!({"@type": "DigitalDocument", "name": file.title, "encodingFormat": file.extension, "url": self.site.config.absolute(&format!("{}{}", paths::attachment(&file.slug), file.file_name))})
                }).collect::<Vec<_>>(),
            })),
        });
        merge(&mut view, extra);
        view["url"] = json!(url);
        view
    }

    pub fn campaign_page(&self, index: usize, body_html: &str) -> Value {
        let c = &self.site.campaigns[index];
        let links = &self.site.links;
        let phases: Vec<Value> = c
            .phases
            .iter()
            .map(|p| {
                let start = p.start.as_ref().map(|d| d.value);
                let end = p.end.as_ref().map(|d| d.value);
                let when = match (start, end) {
                    (Some(s), Some(e)) if s == e => text::vi_date(&s),
                    (Some(s), Some(e)) => format!("Từ {} đến {}", text::vi_date(&s), text::vi_date(&e)),
                    (Some(s), None) => format!("Từ {}", text::vi_date(&s)),
                    (None, Some(e)) => format!("Đến {}", text::vi_date(&e)),
                    (None, None) => String::new(),
                };
                let state = match (start.map(|s| s.first_day()), end.map(|e| e.last_day())) {
                    (_, Some(e)) if e < self.today => "done",
                    (Some(s), _) if s > self.today => "upcoming",
                    _ => "current",
                };
                json!({"name": p.name, "when": when, "start": self.date_view(start.as_ref()), "state": state})
            })
            .collect();
        let directive_indices = &links.directives_of_campaign[index];
        let deadlines: Vec<Value> = directive_indices
            .iter()
            .flat_map(|&i| {
                let d = &self.site.directives[i];
                d.deadlines.iter().map(move |dl| (dl, d))
            })
            .map(|(dl, d)| self.deadline_view(dl, Some((&d.title, self.link(&paths::directive(&d.source.slug))))))
            .collect();
        let mut attachments = self.attachment_uses(&c.attachments);
        for &i in directive_indices {
            attachments.extend(self.attachment_uses(&self.site.directives[i].attachments));
        }
        dedup_by_url(&mut attachments);
        let mut view = self.campaign_card(index);
        merge(
            &mut view,
            json!({
                "fields": c.fields,
                "phases": phases,
                "deadlines": deadlines,
                "directives": directive_indices.iter().map(|&i| self.directive_item(i)).collect::<Vec<_>>(),
                "guides": links.guides_of_campaign[index].iter().map(|&i| self.guide_item(i)).collect::<Vec<_>>(),
                "attachments": attachments,
                "contacts": self.contact_cards(&c.contacts),
                "tags": self.tag_links(&c.tags),
                "body": body_html,
                "source_path": c.source.path.to_string_lossy(),
                "edit": self.edit_view(&c.source, None),
                "calendar_url": self.link(&format!("{}lich.ics", paths::campaign(&c.source.slug))),
                "atom_url": self.link(&format!("{}atom.xml", paths::campaign(&c.source.slug))),
                "rss_url": self.link(&format!("{}rss.xml", paths::campaign(&c.source.slug))),
                "json_ld": self.campaign_json_ld(index),
            }),
        );
        view
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
            "url": self.site.config.absolute(&paths::campaign(&c.source.slug)),
            "startDate": c.start.as_ref().map(|d| d.value.first_day().to_string()),
            "endDate": c.end.as_ref().map(|d| d.value.last_day().to_string()),
            "eventStatus": "https://schema.org/EventScheduled",
            "inLanguage": "vi",
            "location": {"@type": "Place", "name": self.site.config.province.clone().unwrap_or_else(|| self.site.config.title.clone())},
            "organizer": organizer.map(|o| json!({"@type": "GovernmentOrganization", "name": o.title, "url": self.site.config.absolute(&paths::contact(&o.source.slug))})),
        }))
    }

    pub fn guide_page(&self, index: usize, body_html: &str) -> Value {
        let g: &Guide = &self.site.guides[index];
        let mut view = self.guide_item(index);
        merge(
            &mut view,
            json!({
                "campaigns": self.campaign_links(&g.campaigns),
                "attachments": self.attachment_uses(&g.attachments),
                "contacts": self.contact_cards(&g.contacts),
                "tags": self.tag_links(&g.tags),
                "body": body_html,
                "source_path": g.source.path.to_string_lossy(),
                "edit": self.edit_view(&g.source, None),
            }),
        );
        view
    }

    pub fn attachment_page(&self, index: usize) -> Value {
        let mut view = self.attachment_view(index);
        let users: Vec<Value> = self.site.links.users_of_attachment[index]
            .iter()
            .map(|user| match *user {
                AttachmentUser::Directive(i) => {
                    let mut item = self.directive_item(i);
                    item["kind"] = json!("Văn bản");
                    item
                }
                AttachmentUser::Campaign(i) => {
                    let c = &self.site.campaigns[i];
                    json!({"kind": "Phong trào", "title": c.title, "url": self.link(&paths::campaign(&c.source.slug)), "number": null, "date": null})
                }
                AttachmentUser::Guide(i) => {
                    let g = &self.site.guides[i];
                    json!({"kind": "Hướng dẫn", "title": g.title, "url": self.link(&paths::guide(&g.source.slug)), "number": null, "date": null})
                }
            })
            .collect();
        view["cited_by"] = json!(users);
        view
    }

    pub fn organization_page(&self, index: usize, body_html: &str) -> Value {
        let org = &self.site.organizations[index];
        let links = &self.site.links;
        let slug = &org.source.slug;
        let mut view = self.contact_card(slug);
        merge(
            &mut view,
            json!({
                "abbr": org.abbr,
                "system": org.system.label(),
                "address": org.address,
                "website": org.website,
                "place": org.place,
                "valid_from": self.date_view(org.valid_from.as_ref().map(|d| &d.value)),
                "valid_to": self.date_view(org.valid_to.as_ref().map(|d| &d.value)),
                "predecessors": org.predecessors.iter().filter_map(|r| self.site.organization(&r.value)).map(|o| self.organization_link(o)).collect::<Vec<_>>(),
                "children": links.children_of_organization[index].iter().map(|&i| self.organization_link(&self.site.organizations[i])).collect::<Vec<_>>(),
                "people": links.people_of_organization[index].iter().map(|&i| self.contact_card(&self.site.people[i].source.slug)).collect::<Vec<_>>(),
                "issued": links.directives_of_issuer[index].iter().take(50).map(|&i| self.directive_item(i)).collect::<Vec<_>>(),
                "issued_count": links.directives_of_issuer[index].len(),
                "issued_url": self.link(&paths::issuer(slug)),
                "organized": self.site.campaigns.iter().enumerate().filter(|(_, c)| c.organizer.as_ref().is_some_and(|r| &r.value == slug)).map(|(i, _)| self.campaign_card(i)).collect::<Vec<_>>(),
                "body": body_html,
                "source_path": org.source.path.to_string_lossy(),
                "edit": self.edit_view(&org.source, None),
            }),
        );
        self.add_contact_for(&mut view, slug);
        view
    }

    pub fn person_page(&self, index: usize, body_html: &str) -> Value {
        let person: &Person = &self.site.people[index];
        let mut view = self.contact_card(&person.source.slug);
        view["body"] = json!(body_html);
        view["source_path"] = json!(person.source.path.to_string_lossy());
        view["edit"] = self.edit_view(&person.source, None);
        self.add_contact_for(&mut view, &person.source.slug);
        view
    }

    /// The campaigns, directives and guides that name this contact.
    fn add_contact_for(&self, view: &mut Value, slug: &str) {
        let links = &self.site.links;
        let list = |map: &std::collections::HashMap<String, Vec<usize>>| map.get(slug).cloned().unwrap_or_default();
        view["contact_for_campaigns"] =
            json!(list(&links.campaigns_of_contact).into_iter().map(|i| self.campaign_card(i)).collect::<Vec<_>>());
        view["contact_for_directives"] =
            json!(list(&links.directives_of_contact).into_iter().map(|i| self.directive_item(i)).collect::<Vec<_>>());
        view["contact_for_guides"] =
            json!(list(&links.guides_of_contact).into_iter().map(|i| self.guide_item(i)).collect::<Vec<_>>());
    }
}

impl Views<'_> {
    /// "Sửa trang này" and "Lịch sử thay đổi" links and the last-change date of a page, when
    /// site.yaml names the repository's editor; the page's own `date` outside Git.
    pub fn edit_view(&self, source: &crate::content::Source, own_date: Option<&PartialDate>) -> Value {
        let config = &self.site.config;
        let Some(edit_url) = &config.edit_url else { return Value::Null };
        let path = source.path.to_string_lossy().replace('\\', "/");
        let changed = self.site.changed.get(&source.path).or(own_date);
        json!({
            "url": format!("{edit_url}{path}"),
            "history_url": config.history_url.as_ref().map(|h| format!("{h}{path}")),
            "changed": changed.map(text::vi_date),
            "changed_iso": changed.map(|d| d.to_string()),
        })
    }
}

/// JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so no content
/// can close the script element.
pub fn json_ld(value: &Value) -> String {
    serde_json::to_string(value).expect("json").replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Adds the fields of `extra` to `view` (both JSON objects).
fn merge(view: &mut Value, extra: Value) {
    if let (Value::Object(view), Value::Object(extra)) = (view, extra) {
        view.extend(extra);
    }
}

fn dedup_by_url(items: &mut Vec<Value>) {
    let mut seen = std::collections::HashSet::new();
    items.retain(|item| seen.insert(item["url"].as_str().unwrap_or("").to_owned()));
}

/// A `tel:` URI: digits and a leading +, nothing else.
pub fn tel_uri(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

fn file_type_label(extension: &str) -> &'static str {
    match extension {
        "pdf" => "Tài liệu PDF",
        "doc" | "docx" | "odt" => "Văn bản Word",
        "xls" | "xlsx" | "ods" => "Bảng tính",
        "ppt" | "pptx" | "odp" => "Trình chiếu",
        "jpg" | "jpeg" | "png" | "webp" => "Hình ảnh",
        "zip" => "Tệp nén ZIP",
        _ => "Tệp",
    }
}
