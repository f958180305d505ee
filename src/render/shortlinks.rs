//! Output `short links and posters`: short-link redirect pages and QR images, the redirect
//! pages of retired codes, A4 posters and A5 flyers.

use super::lists::Job;
use super::view::{PosterContext, PosterLink, PosterSubject, PosterView, RedirectContext, RedirectView, ShortView};
use super::{OutputFile, RenderCtx};
use crate::content::shortlinks::{Target, target_path};
use crate::diag::{Diagnostic, Diagnostics, Position};

/// Poster formats: (folder name, paper size; `assets/poster-<size>.css` sets its page and QR code).
pub const FORMATS: &[(&str, &str)] = &[("ap-phich", "A4"), ("to-roi", "A5")];

/// The path of a short link: `/q/STKT14/`.
pub fn short_path(code: &str) -> String {
    format!("/q/{code}/")
}

/// Renders a short link, a redirect page or a poster job.
pub(crate) fn render(ctx: &RenderCtx<'_>, job: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    match job {
        Job::ShortLink(code, target) => short_link_files(ctx, code, *target, problems),
        Job::Redirect(from, to) => redirect_files(ctx, from, to, "", problems),
        Job::Posters(target) => posters(ctx, *target, problems),
        _ => None,
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
        png_url: ctx.views.link(&format!("{}qr.png", short_path(code))),
        svg_url: ctx.views.link(&format!("{}qr.svg", short_path(code))),
        posters: if has_posters {
            FORMATS
                .iter()
                .map(|&(folder, size)| PosterLink { size, url: ctx.views.link(&format!("{page}{folder}/")) })
                .collect()
        } else {
            Vec::new()
        },
    })
}

/// Redirect page and QR images of one live code.
pub(crate) fn short_link_files(
    ctx: &RenderCtx<'_>,
    code: &str,
    target: Target,
    problems: &Diagnostics,
) -> Option<Vec<OutputFile>> {
    let page = target_path(ctx.site, target);
    let title = target_title(ctx, target);
    let url = ctx.site.config.absolute(&short_path(code));
    let qr = match crate::qr::encode(&url) {
        Ok(qr) => qr,
        Err(message) => {
            problems.push(
                Diagnostic::error("site.yaml", Position::new(1, 1), message)
                    .with_hint("use a base_url with ASCII letters only"),
            );
            return None;
        }
    };
    let folder = short_path(code).trim_start_matches('/').to_owned();
    let mut files = vec![
        (format!("{folder}qr.png"), crate::qr::png(&qr, ctx.site.config.qr_module_px)),
        (format!("{folder}qr.svg"), crate::qr::svg(&qr).into_bytes()),
    ];
    files.extend(redirect_files(ctx, &short_path(code), &page, &title, problems)?);
    Some(files)
}

/// A static redirect page at `from` (and at its lower-case spelling, for codes typed by hand).
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
    let mut files = vec![(format!("{}index.html", from.trim_start_matches('/')), html.clone())];
    let lower = from.to_lowercase();
    if lower != from {
        files.push((format!("{}index.html", lower.trim_start_matches('/')), html));
    }
    Some(files)
}

/// The A4 poster and the A5 flyer of `target`, a campaign or guide, from one view of it:
/// what the template shows (`poster.html` reads these fields of `poster.subject`), not
/// the whole page's view.
pub(crate) fn posters(ctx: &RenderCtx<'_>, target: Target, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let page = target_path(ctx.site, target);
    let (kind, subject, deadlines) = match target {
        Target::Campaign(i) => {
            let card = ctx.views.campaign_card(i);
            let subject = PosterSubject {
                organizer: card.organizer,
                kind: Some(card.kind),
                title: card.title,
                period: Some(card.period),
                summary: card.summary,
                phases: ctx.views.campaign_phases(i),
                contacts: ctx.views.contact_cards(&ctx.site.campaigns[i].contacts),
            };
            ("campaign", subject, ctx.views.campaign_deadlines(i))
        }
        Target::Guide(i) => {
            let guide = &ctx.site.guides[i];
            let subject = PosterSubject {
                organizer: None,
                kind: None,
                title: guide.title.clone(),
                period: None,
                summary: guide.summary.clone(),
                phases: Vec::new(),
                contacts: ctx.views.contact_cards(&guide.contacts),
            };
            ("guide", subject, Vec::new())
        }
        Target::Directive(_) => return None,
    };
    let deadlines: Vec<_> = deadlines.into_iter().filter(|d| !d.overdue).take(4).collect();
    let mut files = Vec::with_capacity(FORMATS.len());
    for (format, &(folder, size)) in FORMATS.iter().enumerate() {
        let data = PosterContext {
            poster: PosterView {
                kind,
                size,
                subject: subject.clone(),
                deadlines: deadlines.clone(),
                short: short_view(ctx, target),
                page_url: ctx.views.link(&page),
            },
        };
        let path = format!("{page}{folder}/");
        let name = ctx.views.t(if format == 0 { "poster_a4" } else { "flyer_a5" });
        let title = format!("{name} – {}", target_title(ctx, target));
        let html = ctx.render_page(&path, "poster.html", &title, None, "poster", data, problems)?;
        files.push((format!("{}index.html", path.trim_start_matches('/')), html.into_bytes()));
    }
    Some(files)
}

fn target_title(ctx: &RenderCtx<'_>, target: Target) -> String {
    match target {
        Target::Campaign(i) => ctx.site.campaigns[i].title.clone(),
        Target::Guide(i) => ctx.site.guides[i].title.clone(),
        Target::Directive(i) => ctx.site.directives[i].title.clone(),
    }
}
