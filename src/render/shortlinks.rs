//! Output `short links and posters`: short-link redirect pages and QR images, the redirect
//! pages of retired codes, A4 posters and A5 flyers.

use super::view::{
    PosterContext, PosterGuide, PosterLink, PosterSubject, PosterTrailLine, PosterView, RedirectContext, RedirectView,
    ShortView,
};
use super::{OutputFile, RenderCtx};
use crate::content::shortlinks::{Target, target_path};
use crate::diag::{Diagnostic, Diagnostics, Position};

/// The folder of a campaign's or guide's print page (`<page>ap-phich/`): the A4 poster, and
/// the A5 flyer at `ap-phich/#a5`. `poster.css` chooses the paper by `:target` (the body's
/// id is `a5`) and a named `@page`, so the switch works without scripts and prints on the
/// paper it shows: an `@page` rule cannot take a class, and the content policy allows no
/// inline `<style>`.
pub const POSTERS: &str = "ap-phich";
/// The fragment of the print page that makes it the A5 flyer.
pub const FLYER: &str = "#a5";
/// The folder the A5 flyer had before it shared the poster's page: its old addresses
/// (`<page>to-roi/<sub>`) redirect to `<page>ap-phich/<sub>#a5`.
pub const OLD_FLYERS: &str = "to-roi";
/// The print formats: paper size and the fragment of the print page that shows it.
const FORMATS: &[(&str, &str)] = &[("A4", ""), ("A5", FLYER)];

/// The path of a short link: `/q/STKT14/`.
pub fn short_path(code: &str) -> String {
    format!("/q/{code}/")
}

/// A short-link job.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    /// A live short code: redirect page and QR images.
    ShortLink(String, Target),
    /// A retired code, or an old path of a renamed page: (from, to).
    Redirect(String, String),
    /// The poster (A4) and flyer (A5) of a campaign or guide.
    Posters(Target),
}

/// The short-link jobs an edit reaches ([`crate::render::plan`]): the short links' pages of
/// each edited directive, campaign and guide (their pages name them), an edited guide's
/// posters, and the posters of the campaigns that show the edit and of their guides (a
/// poster names its campaign's organizer and prints its deadlines).
pub(crate) fn jobs_for(change: &crate::render::plan::Change<'_>) -> Vec<Job> {
    use crate::content::Kind;
    let new = change.new;
    let mut jobs = Vec::new();
    let short_links = |target: Target, jobs: &mut Vec<Job>| {
        let codes = new.short_links.links.iter().filter(|(_, t)| **t == target);
        jobs.extend(codes.map(|(code, t)| Job::ShortLink(code.clone(), *t)));
    };
    for slug in change.slugs(Kind::Directive) {
        if let (_, Some(i)) = change.directive(slug) {
            short_links(Target::Directive(i), &mut jobs);
        }
    }
    for i in change.slugs(Kind::Campaign).filter_map(|slug| change.campaign(slug)) {
        short_links(Target::Campaign(i), &mut jobs);
    }
    for i in change.slugs(Kind::Guide).filter_map(|slug| change.guide(slug)) {
        if new.short_links.primary.contains_key(&Target::Guide(i)) {
            jobs.push(Job::Posters(Target::Guide(i)));
        }
        short_links(Target::Guide(i), &mut jobs);
    }
    for c in change.campaigns_shown() {
        if new.short_links.primary.contains_key(&Target::Campaign(c)) {
            jobs.push(Job::Posters(Target::Campaign(c)));
        }
        for &g in &new.links.guides_of_campaign[c] {
            if new.short_links.primary.contains_key(&Target::Guide(g)) {
                jobs.push(Job::Posters(Target::Guide(g)));
            }
        }
    }
    jobs
}

/// Renders a short link, a redirect page or a poster job.
pub(crate) fn render(ctx: &RenderCtx<'_>, job: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    match job {
        Job::ShortLink(code, target) => short_link_files(ctx, code, *target, problems),
        Job::Redirect(from, to) => redirect_files(ctx, from, to, "", problems),
        Job::Posters(target) => posters(ctx, *target, problems),
    }
}

/// The `short` view of a page: code, printed URL, QR images and print pages.
pub(crate) fn short_view(ctx: &RenderCtx<'_>, target: Target) -> Option<ShortView> {
    let code = ctx.site.short_links.primary.get(&target)?;
    let page = target_path(ctx.site, target);
    let has_posters = !matches!(target, Target::Directive(_));
    Some(ShortView {
        code: code.clone(),
        url: ctx.site.config.absolute(&short_path(code)),
        svg: crate::qr::encode(&ctx.site.config.absolute(&short_path(code))).map(|qr| inline_svg(&qr)).ok()?,
        module_px: ctx.site.config.qr_module_px,
        posters: if has_posters {
            let general: Vec<PosterLink> = FORMATS
                .iter()
                .map(|&(size, fragment)| PosterLink {
                    size,
                    placement: None,
                    url: format!("{}{fragment}", ctx.views.link(&format!("{page}{POSTERS}/"))),
                })
                .collect();
            let page = &page;
            let placed = placements(ctx, target).iter().flat_map(|p| {
                FORMATS.iter().map(move |&(size, fragment)| PosterLink {
                    size,
                    placement: Some(p.name.clone()),
                    url: format!("{}{fragment}", ctx.views.link(&format!("{page}{POSTERS}/{}/", p.slug))),
                })
            });
            general.into_iter().chain(placed).collect()
        } else {
            Vec::new()
        },
        scans: super::scans::campaign_total(ctx, target)
            .map(|n| ctx.views.strings.fill("scans_public_total", &[("n", &n.to_string())])),
    })
}

/// The placements of a campaign's or guide's print runs.
fn placements<'a>(ctx: &RenderCtx<'a>, target: Target) -> &'a [crate::content::Placement] {
    match target {
        Target::Campaign(i) => &ctx.site.campaigns[i].placements,
        Target::Guide(i) => &ctx.site.guides[i].placements,
        Target::Directive(_) => &[],
    }
}

/// The URL a placement's QR code carries: the short link with `?n=<placement>`. The printed
/// code stays the short one; old posters (no `n`) keep working and count as unplaced.
pub fn placement_url(short_url: &str, placement: &str) -> String {
    format!("{short_url}?n={placement}")
}

/// The QR code of a placement's print run, inline in its print page as the general code is
/// in its own.
fn placement_qr(ctx: &RenderCtx<'_>, code: &str, placement: &str) -> Option<String> {
    let url = placement_url(&ctx.site.config.absolute(&short_path(code)), placement);
    crate::qr::encode(&url).ok().map(|qr| inline_svg(&qr))
}

/// A QR code as SVG markup to inline in a page: the element that holds it names it
/// (`role="img"` and a label), so the drawing itself is hidden from assistive technology.
/// Inline, not a file: only the page of its code and its print pages show it, and a file
/// would be one more per code and one more request per view. Without the `xmlns` a file
/// needs: an HTML parser puts `<svg>` in its namespace, and the download link's serializer
/// (`loa-qr-png.js`) writes it back into the file.
fn inline_svg(code: &crate::qr::QrCode) -> String {
    crate::qr::svg(code).trim_end().replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1).replacen(
        " role=\"img\"",
        " aria-hidden=\"true\"",
        1,
    )
}

/// The QR code of a directive or guide page's own full URL as SVG markup to inline in the
/// page: the printed footer of a page with no short link (or in a language edition) shows
/// it. Inline, since only that page shows it (a file would cost one per page). The page's
/// footer names it, so the drawing itself is hidden from assistive technology.
/// None when the URL cannot be encoded (a non-ASCII base URL, reported with short links).
pub(crate) fn page_qr(ctx: &RenderCtx<'_>, path: &str) -> Option<String> {
    crate::qr::encode_for_footer(&ctx.views.absolute(path)).ok().map(|code| inline_svg(&code))
}

/// The redirect page of one live code.
pub(crate) fn short_link_files(
    ctx: &RenderCtx<'_>,
    code: &str,
    target: Target,
    problems: &Diagnostics,
) -> Option<Vec<OutputFile>> {
    let page = target_path(ctx.site, target);
    let title = target_title(ctx, target);
    let url = ctx.site.config.absolute(&short_path(code));
    // The code's QR image is inline in its page and print pages ([`short_view`]): checked
    // here, where a URL that cannot be encoded is reported once.
    if let Err(message) = crate::qr::encode(&url) {
        problems.push(
            Diagnostic::error("site.yaml", Position::new(1, 1), message).with_hint(crate::msg!("qr-base-url-hint")),
        );
        return None;
    }
    redirect_files(ctx, &short_path(code), &page, &title, problems)
}

/// A static redirect page at `from`. A code typed by hand in lower case has no file of its
/// own (one per code, not two): `_redirects` and `loa-nginx.conf` send it on, and on hosts
/// without rules the 404 page's script does (`loa-404.js`).
pub(crate) fn redirect_files(
    ctx: &RenderCtx<'_>,
    from: &str,
    to: &str,
    title: &str,
    problems: &Diagnostics,
) -> Option<Vec<OutputFile>> {
    let data = RedirectContext {
        redirect: RedirectView {
            url: ctx.views.link(to),
            canonical: ctx.site.config.absolute(to),
            title: title.to_owned(),
        },
    };
    let html = ctx.render_template("redirect.html", &data, problems)?.into_bytes();
    Some(vec![(format!("{}index.html", from.trim_start_matches('/')), html)])
}

/// How many contacts each paper prints before it says where to find the rest (A4, A5).
const CONTACTS_FIT: [usize; 2] = [6, 2];
/// How many deadlines each paper prints after the next one (A4, A5).
const LATER_FIT: [usize; 2] = [3, 1];
/// A title longer than this (in characters) gets the smaller headline size.
const LONG_TITLE: usize = 90;

/// The print pages (A4 poster, A5 flyer) of `target`, a campaign or guide, from one view of it:
/// what to do, by when (the next deadline), how (QR code, short link, the guide) and whom
/// to ask, named after the issuing agency. Each paper keeps what it has room for and
/// says where to find the rest.
pub(crate) fn posters(ctx: &RenderCtx<'_>, target: Target, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    use crate::text::keep_numbers_whole as whole;
    let (kind, subject, deadlines, guide, trails) = match target {
        Target::Campaign(i) => {
            let card = ctx.views.campaign_card(i);
            let subject = PosterSubject {
                agency: card.organizer.map_or_else(|| portal_agency(ctx), |o| o.title),
                kind: Some(card.kind),
                long_title: card.title.chars().count() > LONG_TITLE,
                title: whole(&card.title),
                period: Some(card.period),
                summary: card.summary.as_deref().map(whole),
                contacts: ctx.views.contact_cards(&ctx.site.campaigns[i].contacts),
            };
            let guide = ctx.site.links.guides_of_campaign[i].first().map(|&g| PosterGuide {
                title: whole(&ctx.site.guides[g].title),
                url: match ctx.site.short_links.primary.get(&Target::Guide(g)) {
                    Some(code) => ctx.site.config.absolute(&short_path(code)),
                    None => ctx.views.absolute(&target_path(ctx.site, Target::Guide(g))),
                },
            });
            let mut deadlines = ctx.views.campaign_deadlines(i);
            deadlines.extend(phase_ends(ctx, i));
            ("campaign", subject, deadlines, guide, extension_trails(ctx, &[i]))
        }
        Target::Guide(i) => {
            let guide = &ctx.site.guides[i];
            let campaigns: Vec<usize> =
                guide.campaigns.iter().filter_map(|r| ctx.site.links.campaign_by_slug.get(&r.value).copied()).collect();
            let organizer = campaigns.iter().find_map(|&c| ctx.views.campaign_card(c).organizer);
            // A guide's "by when" is its campaigns'.
            let deadlines = campaigns.iter().flat_map(|&c| ctx.views.campaign_deadlines(c)).collect();
            let subject = PosterSubject {
                agency: organizer.map_or_else(|| portal_agency(ctx), |o| o.title),
                kind: None,
                long_title: guide.title.chars().count() > LONG_TITLE,
                title: whole(&guide.title),
                period: None,
                summary: guide.summary.as_deref().map(whole),
                contacts: ctx.views.contact_cards(&guide.contacts),
            };
            ("guide", subject, deadlines, None, extension_trails(ctx, &campaigns))
        }
        Target::Directive(_) => return None,
    };
    let mut deadlines: Vec<_> = deadlines.into_iter().filter(|d| !d.overdue).collect();
    // Soonest first; the same day and task once (a guide's campaigns may share a directive).
    deadlines.sort_by(|a, b| a.iso.cmp(&b.iso));
    deadlines.dedup_by(|a, b| a.iso == b.iso && a.what == b.what);
    for d in &mut deadlines {
        d.what = whole(&d.what);
    }
    let mut files = Vec::new();
    let short = short_view(ctx, target);
    // The general print run, then one per placement with its own QR code.
    let mut runs = vec![(String::new(), None, short.clone())];
    for placement in placements(ctx, target) {
        let Some(general) = &short else { break };
        let Some(svg) = placement_qr(ctx, &general.code, &placement.slug) else { continue };
        let short = ShortView { svg, ..general.clone() };
        runs.push((format!("{}/", placement.slug), Some(placement.name.clone()), Some(short)));
    }
    for (sub, placement, short) in runs {
        let parts = (kind, &subject, &deadlines[..], &guide, &trails[..]);
        files.extend(print_pages(ctx, target, parts, &sub, placement, short, problems)?);
    }
    Some(files)
}

/// What a poster shows: kind, subject, deadlines, guide and the extension trails.
type PosterParts<'a> =
    (&'static str, &'a PosterSubject, &'a [super::view::DeadlineView], &'a Option<PosterGuide>, &'a [Trail]);

/// One line of an extension trail, keyed by the deadline it moved (ISO date and task as a
/// poster prints them).
struct Trail {
    iso: String,
    what: String,
    text: String,
}

/// The extension trails of the campaigns' directives: the lines their banners show.
fn extension_trails(ctx: &RenderCtx<'_>, campaigns: &[usize]) -> Vec<Trail> {
    campaigns
        .iter()
        .flat_map(|&c| ctx.site.links.directives_of_campaign[c].iter().copied())
        .flat_map(|d| ctx.views.extension_steps(d))
        .map(|(deadline, line)| Trail {
            iso: deadline.date.value.to_string(),
            what: crate::text::keep_numbers_whole(&deadline.what),
            text: line.text,
        })
        .collect()
}

/// The print page of one print run, at `<page>ap-phich/<sub>`: the A4 poster, and the A5
/// flyer when its address names [`FLYER`] (`ap-phich/#a5`). One sheet of markup holds what
/// the A4 poster prints; what the flyer has no room for is marked `a4-only` (and the line
/// only the flyer needs, `a5-only`), so the flyer costs no file of its own and a view of
/// either loads one sheet's text.
fn print_pages(
    ctx: &RenderCtx<'_>,
    target: Target,
    (kind, subject, deadlines, guide, trails): PosterParts<'_>,
    sub: &str,
    placement: Option<String>,
    short: Option<ShortView>,
    problems: &Diagnostics,
) -> Option<Vec<OutputFile>> {
    let page = target_path(ctx.site, target);
    let all = &subject.contacts;
    // All contacts when they fit; else one line fewer, for the line that says where the rest are.
    let shown = |fit: usize| if all.len() <= fit { all.len() } else { fit - 1 };
    let (a4, a5) = (0, 1);
    let printed = |format: usize| &deadlines[..deadlines.len().min(1 + LATER_FIT[format])];
    let on = |format: usize, t: &Trail| printed(format).iter().any(|d| d.iso == t.iso && d.what == t.what);
    let mut trail: Vec<PosterTrailLine> = Vec::new();
    for t in trails.iter().filter(|t| on(a4, t)) {
        // A guide's campaigns may share the extended directive: each line once.
        if !trail.iter().any(|line| line.text == t.text) {
            let on_flyer = trails.iter().any(|u| u.text == t.text && on(a5, u));
            trail.push(PosterTrailLine { text: t.text.clone(), a4_only: !on_flyer });
        }
    }
    let data = PosterContext {
        poster: PosterView {
            kind,
            subject: subject.clone(),
            next: deadlines.first().cloned(),
            later: deadlines.iter().skip(1).take(LATER_FIT[a4]).cloned().collect(),
            flyer_later: LATER_FIT[a5],
            trail,
            contacts: all[..shown(CONTACTS_FIT[a4])].to_vec(),
            flyer_contacts: shown(CONTACTS_FIT[a5]),
            more_contacts: all.len() - shown(CONTACTS_FIT[a4]),
            flyer_more_contacts: all.len() - shown(CONTACTS_FIT[a5]),
            guide: guide.clone(),
            short,
            placement: placement.clone(),
            page_url: ctx.views.link(&page),
            page_canonical: ctx.views.absolute(&page),
        },
    };
    let path = format!("{page}{POSTERS}/{sub}");
    let name = format!("{} / {}", ctx.views.t("poster_a4"), ctx.views.t("flyer_a5"));
    let title = match &placement {
        Some(place) => format!("{name} – {} – {place}", target_title(ctx, target)),
        None => format!("{name} – {}", target_title(ctx, target)),
    };
    let html = ctx.render_page(&path, "poster.html", &title, None, "poster", data, problems)?;
    Some(vec![(format!("{}index.html", path.trim_start_matches('/')), html.into_bytes())])
}

/// The ends of a campaign's phases as deadlines ("Tổ chức Hội thi" by 12/2025): a
/// campaign whose directives set no deadline still tells people by when.
fn phase_ends(ctx: &RenderCtx<'_>, campaign: usize) -> Vec<super::view::DeadlineView> {
    use crate::content::{Deadline, fields::Spanned};
    ctx.site.campaigns[campaign]
        .phases
        .iter()
        .filter_map(|phase| {
            let end = phase.end.as_ref()?;
            let deadline = Deadline {
                date: Spanned { value: crate::date::DateTime { date: end.value, time: None }, position: end.position },
                what: phase.name.clone(),
                extended: Vec::new(),
            };
            Some(ctx.views.deadline_view(&deadline, None))
        })
        .collect()
}

/// The agency a poster names when its page names none: the portal's organization, else
/// the portal's title.
fn portal_agency(ctx: &RenderCtx<'_>) -> String {
    let site = ctx.views.site_view();
    site.organization.map_or(site.title, |o| o.title)
}

fn target_title(ctx: &RenderCtx<'_>, target: Target) -> String {
    match target {
        Target::Campaign(i) => ctx.site.campaigns[i].title.clone(),
        Target::Guide(i) => ctx.site.guides[i].title.clone(),
        Target::Directive(i) => ctx.site.directives[i].title.clone(),
    }
}
