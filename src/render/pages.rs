//! Output `pages`: the HTML page of each campaign, directive, guide, organization, person
//! and shared attachment, the home, search and 404 pages; with the files only such a page makes
//! (a person's vCard, a campaign's cover photos).

use super::{OutputFile, RenderCtx, embeds, page_file, view};
use crate::content::Site;
use crate::content::paths;
use crate::content::shortlinks::Target;
use crate::diag::{Diagnostic, Diagnostics};

/// A page job: the page of an item (by index in its list of the model), or a page of the portal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    Home,
    NotFound,
    Search,
    Campaign(usize),
    Directive(usize),
    Guide(usize),
    Organization(usize),
    Person(usize),
    /// A shared attachment's page ([`paths::attachment_has_page`]); the files of a page
    /// bundle have none, and make nothing.
    Attachment(usize),
}

impl Job {
    /// The path of the page the job renders.
    pub fn page_path(&self, site: &Site) -> String {
        match self {
            Job::Home => "/".into(),
            Job::NotFound => "/404.html".into(),
            Job::Search => "/tim-kiem/".into(),
            Job::Campaign(i) => paths::campaign(&site.campaigns[*i].source.slug),
            Job::Directive(i) => paths::directive(&site.directives[*i].source.slug),
            Job::Guide(i) => paths::guide(&site.guides[*i].source.slug),
            Job::Organization(i) => paths::contact(&site.organizations[*i].source.slug),
            Job::Person(i) => paths::contact(&site.people[*i].source.slug),
            Job::Attachment(i) => paths::attachment(&site.attachments[*i].slug),
        }
    }
}

/// The page job of attachment `i`; None for a file of a page bundle, which has no page
/// ([`paths::attachment_has_page`]). Build and serve plan attachment pages through it.
pub(crate) fn attachment_job(site: &crate::content::Site, i: usize) -> Option<Job> {
    paths::attachment_has_page(&site.attachments[i].path).then_some(Job::Attachment(i))
}

/// The pages an edit reaches ([`crate::render::plan`]): the home, search and 404 pages; an
/// edited directive's own page, the pages that cite it or that it cites; the campaigns,
/// contacts and attachments its versions name; an edited campaign's directives, guides,
/// contacts and attachments (or, removed, the directives that named it); an edited guide
/// with its contacts and attachments.
pub(crate) fn jobs_for(change: &crate::render::plan::Change<'_>) -> Vec<Job> {
    use crate::content::{ContactRef, Kind};
    let (old, new) = (change.old, change.new);
    let mut jobs = vec![Job::Home, Job::Search, Job::NotFound];
    let contact = |slug: &str| match new.contact(slug) {
        Some(ContactRef::Organization(i)) => Some(Job::Organization(i)),
        Some(ContactRef::Person(i)) => Some(Job::Person(i)),
        None => None,
    };
    jobs.extend(change.campaigns_shown().into_iter().map(Job::Campaign));
    for slug in change.slugs(Kind::Directive) {
        let (_, after) = change.directive(slug);
        if let Some(i) = after {
            jobs.push(Job::Directive(i));
            // Pages that cite it, and pages it cites, show each other.
            jobs.extend(new.links.citations_of_directive[i].iter().map(|&c| Job::Directive(c)));
            for reference in &new.directives[i].references {
                jobs.extend(
                    reference.number.as_ref().and_then(|n| new.directive_by_number(&n.text)).map(Job::Directive),
                );
            }
        }
        for d in change.versions(slug) {
            jobs.extend(d.contacts.iter().chain(d.issuer.iter()).filter_map(|c| contact(&c.value)));
            for use_ in &d.attachments {
                let attachment = use_.attachment.and_then(|a| old.attachments.get(a));
                let now = attachment.and_then(|a| new.links.attachment_by_slug.get(&a.slug));
                jobs.extend(now.and_then(|&a| attachment_job(new, a)));
            }
        }
        if let Some(i) = after {
            let uses = &new.directives[i].attachments;
            jobs.extend(uses.iter().filter_map(|u| u.attachment.and_then(|a| attachment_job(new, a))));
        }
    }
    for slug in change.slugs(Kind::Campaign) {
        let Some(i) = change.campaign(slug) else {
            // Removed: its directives lose a link.
            let Some(o) = old.links.campaign_by_slug.get(slug) else { continue };
            for &d in &old.links.directives_of_campaign[*o] {
                jobs.extend(
                    new.links.directive_by_slug.get(&old.directives[d].source.slug).map(|&n| Job::Directive(n)),
                );
            }
            continue;
        };
        let campaign = &new.campaigns[i];
        jobs.extend(new.links.directives_of_campaign[i].iter().map(|&d| Job::Directive(d)));
        jobs.extend(new.links.guides_of_campaign[i].iter().map(|&g| Job::Guide(g)));
        jobs.extend(campaign.contacts.iter().chain(campaign.organizer.iter()).filter_map(|c| contact(&c.value)));
        let uses = &campaign.attachments;
        jobs.extend(uses.iter().filter_map(|u| u.attachment.and_then(|a| attachment_job(new, a))));
    }
    for slug in change.slugs(Kind::Guide) {
        let Some(i) = change.guide(slug) else { continue };
        let guide = &new.guides[i];
        jobs.push(Job::Guide(i));
        jobs.extend(guide.contacts.iter().filter_map(|c| contact(&c.value)));
        jobs.extend(guide.attachments.iter().filter_map(|u| u.attachment.and_then(|a| attachment_job(new, a))));
    }
    jobs
}

/// Renders a page job to its files.
pub(crate) fn render(ctx: &RenderCtx<'_>, job: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let mut files = Vec::new();
    let v = &ctx.views;
    let site = ctx.site;
    let (path, template, title, description, kind, data) = match job {
        Job::Directive(i) => {
            let d = &site.directives[*i];
            let body = ctx.body(&d.source, problems);
            let short = page_short(ctx, Target::Directive(*i));
            let qr_svg = footer_qr(ctx, short.is_none(), &paths::directive(&d.source.slug));
            let description = d.summary.clone().or_else(|| {
                d.number.as_ref().map(|n| {
                    ctx.views.strings.fill("directive_description", &[("number", &n.text), ("title", &d.title)])
                })
            });
            (
                paths::directive(&d.source.slug),
                "directive.html",
                directive_title(ctx, *i),
                description,
                "directive",
                tera::Value::from_serializable(&view::DirectiveContext {
                    directive: view::DirectivePage { short, qr_svg, ..v.directive_page(*i, &body) },
                }),
            )
        }
        Job::Campaign(i) => {
            let c = &site.campaigns[*i];
            let body = ctx.body(&c.source, problems);
            let mut campaign = v.campaign_page(*i, &body);
            if site.is_edition() {
                // The cover's resized copies, QR posters, share image, feeds and calendar
                // are written once, by the Vietnamese page; an edition links to them.
                campaign.cover = cover(ctx, c, &mut Vec::new(), problems);
            } else {
                campaign.cover = cover(ctx, c, &mut files, problems);
                campaign.short = super::shortlinks::short_view(ctx, Target::Campaign(*i));
                campaign.embeds = vec![
                    embeds::snippet(
                        site,
                        embeds::Embed::Campaign(*i),
                        &v.strings.fill("embed_campaign_card", &[("title", &c.title)]),
                    ),
                    embeds::directives_snippet(
                        site,
                        *i,
                        &v.strings.fill("embed_campaign_directives", &[("title", &c.title)]),
                    ),
                ];
                files.extend(crate::feeds::campaign_open_data(ctx, *i, problems));
            }
            campaign.share = crate::pwa::render::share_view(ctx, *i);
            (
                paths::campaign(&c.source.slug),
                "campaign.html",
                c.title.clone(),
                c.summary.clone(),
                "campaign",
                tera::Value::from_serializable(&view::CampaignContext { campaign }),
            )
        }
        Job::Guide(i) => {
            let g = &site.guides[*i];
            let body = ctx.body(&g.source, problems);
            let short = page_short(ctx, Target::Guide(*i));
            let qr_svg = footer_qr(ctx, short.is_none(), &paths::guide(&g.source.slug));
            (
                paths::guide(&g.source.slug),
                "guide.html",
                g.title.clone(),
                g.summary.clone(),
                "guide",
                tera::Value::from_serializable(&view::GuideContext {
                    guide: view::GuidePage { short, qr_svg, ..v.guide_page(*i, &body) },
                }),
            )
        }
        Job::Organization(i) => {
            let o = &site.organizations[*i];
            let body = ctx.body(&o.source, problems);
            (
                paths::contact(&o.source.slug),
                "organization.html",
                o.title.clone(),
                None,
                "organization",
                tera::Value::from_serializable(&view::OrganizationContext {
                    organization: v.organization_page(*i, &body),
                }),
            )
        }
        Job::Person(i) => return person(ctx, *i, problems),
        Job::Attachment(i) => {
            let a = &site.attachments[*i];
            if !paths::attachment_has_page(&a.path) {
                return None;
            }
            (
                paths::attachment(&a.slug),
                "attachment.html",
                a.title.clone(),
                None,
                "attachment",
                tera::Value::from_serializable(&view::AttachmentContext { attachment: v.attachment_page(*i) }),
            )
        }
        Job::Search => (
            "/tim-kiem/".to_owned(),
            "search.html",
            v.t("search_title").to_owned(),
            None,
            "search",
            tera::Value::from_serializable(&ctx.lists.search(v)),
        ),
        Job::Home => {
            let title = v.strings.optional("site_title").unwrap_or(&site.config.title).to_owned();
            ("/".to_owned(), "index.html", title, None, "home", tera::Value::from_serializable(&ctx.lists.home(v)))
        }
        Job::NotFound => {
            let html = ctx.render_page(
                "/404.html",
                "404.html",
                v.t("not_found_title"),
                None,
                "404",
                view::NotFoundContext { year_starts: ctx.lists.year_starts(site) },
                problems,
            )?;
            return Some(vec![("404.html".to_owned(), html.into_bytes())]);
        }
    };
    let html = ctx.render_page(&path, template, &title, description.as_deref(), kind, data, problems)?;
    files.push((page_file(&path), html.into_bytes()));
    Some(files)
}

/// A person's page, and in the portal's language their vCard.
fn person(ctx: &RenderCtx<'_>, i: usize, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let (site, v) = (ctx.site, &ctx.views);
    let p = &site.people[i];
    let body = ctx.body(&p.source, problems);
    let person = v.person_page(i, &body);
    let vcard_path = format!("{}{}.vcf", paths::contact(&p.source.slug), p.source.slug);
    let page = ctx.render_page(
        &paths::contact(&p.source.slug),
        "person.html",
        &p.title,
        p.position.as_deref(),
        "person",
        view::PersonContext { person: &person },
        problems,
    )?;
    let mut files = vec![(page_file(&paths::contact(&p.source.slug)), page.into_bytes())];
    if !site.is_edition() {
        let url = v.absolute(&paths::contact(&p.source.slug));
        // A vCard carries the number as written; pages show it grouped for reading.
        let mut person = person.clone();
        person.card.phone = p.phone.clone();
        let vcard = ctx.render_template("vcard.vcf", &view::VcardContext { person: &person, url }, problems)?;
        // One property per template line; RFC 6350 lines end in CRLF, folded at 75 octets.
        files.push((vcard_path, crate::feeds::calendar::content_lines(&vcard).into_bytes()));
    }
    Some(files)
}

/// The printed footer's QR code of a page with no short link, inline in the page.
fn footer_qr(ctx: &RenderCtx<'_>, no_short: bool, path: &str) -> Option<String> {
    if no_short { super::shortlinks::page_qr(ctx, path) } else { None }
}

/// A page's short link: the portal's, none in a language edition.
fn page_short(ctx: &RenderCtx<'_>, target: Target) -> Option<view::ShortView> {
    if ctx.site.is_edition() { None } else { super::shortlinks::short_view(ctx, target) }
}

/// Resized copies of a campaign's cover photo (EXIF stripped) and the view of them.
fn cover(
    ctx: &RenderCtx<'_>,
    campaign: &crate::content::Campaign,
    files: &mut Vec<OutputFile>,
    problems: &Diagnostics,
) -> Option<view::CoverView> {
    let cover = campaign.cover.as_ref()?;
    let path = cover.path.as_ref()?;
    let content_root = ctx.portal_folder("content");
    let opened = crate::content::attachments::open_inside(path, &content_root).map_err(|e| crate::images::PhotoError {
        message: crate::msg!("photo-unopenable", error = e),
        hint: crate::msg!("photo-unopenable-hint"),
    });
    let variants =
        match opened.and_then(|opened| crate::images::responsive_variants(opened.file, crate::images::MAX_PIXELS)) {
            Ok(variants) => variants,
            Err(error) => {
                problems.push(
                    Diagnostic::error(&campaign.source.path, cover.file.position, error.message).with_hint(error.hint),
                );
                return None;
            }
        };
    let folder = paths::campaign(&campaign.source.slug);
    let mut srcset = Vec::new();
    for variant in &variants {
        let name = format!("anh-bia-{}.jpg", variant.width);
        srcset.push(format!("{} {}w", ctx.views.link(&format!("{folder}{name}")), variant.width));
        files.push((format!("{}{name}", folder.trim_start_matches('/')), variant.jpeg.clone()));
    }
    let default = &variants[variants.len().min(2) - 1];
    Some(view::CoverView {
        src: ctx.views.link(&format!("{folder}anh-bia-{}.jpg", default.width)),
        srcset: srcset.join(", "),
        width: default.width,
        height: default.height,
        alt: cover.alt.clone().unwrap_or_else(|| ctx.views.strings.fill("cover_alt", &[("title", &campaign.title)])),
    })
}

/// A directive's page title: "Công văn số 1338-CV/ĐUK: tuyên truyền…".
pub(crate) fn directive_title(ctx: &RenderCtx<'_>, index: usize) -> String {
    let d = &ctx.site.directives[index];
    let doc_type = ctx.views.doc_type_name(d.doc_type);
    match &d.number {
        Some(n) => ctx
            .views
            .strings
            .fill("directive_title_numbered", &[("type", &doc_type), ("number", &n.text), ("title", &d.title)]),
        None => ctx.views.strings.fill("directive_title", &[("type", &doc_type), ("title", &d.title)]),
    }
}
