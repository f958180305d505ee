//! Output `PWA`: the web app manifest and its icons, and each campaign's share image. (The
//! service worker is written last, by [`super::finish_output`].)

use super::{ICON_SIZES, MANIFEST, SHARE_HEIGHT, SHARE_IMAGE, SHARE_WIDTH};
use crate::content::paths;
use crate::content::shortlinks::Target;
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::render::{OutputFile, RenderCtx};

/// A PWA job.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Job {
    /// The web app manifest and its icons.
    WebApp,
    /// A campaign's share image (`og:image`).
    ShareImage(usize),
}

/// The web app's jobs an edit reaches ([`crate::render::plan`]): the share image of each
/// edited campaign.
pub(crate) fn jobs_for(change: &crate::render::plan::Change<'_>) -> Vec<crate::render::Job> {
    let campaigns = change.slugs(crate::content::Kind::Campaign).filter_map(|slug| change.campaign(slug));
    campaigns.map(|i| crate::render::Job::Pwa(Job::ShareImage(i))).collect()
}

/// Renders the web app files or a campaign's share image.
pub(crate) fn render(ctx: &RenderCtx<'_>, job: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    match job {
        Job::WebApp => Some(web_app_files(ctx)),
        Job::ShareImage(i) => share_image(ctx, *i, problems),
    }
}

/// `manifest.webmanifest` and the icons it names, at the site root.
pub(crate) fn web_app_files(ctx: &RenderCtx<'_>) -> Vec<OutputFile> {
    let mut files = vec![(MANIFEST.to_owned(), super::manifest(&ctx.site.config))];
    files.extend(ICON_SIZES.iter().map(|size| (super::icon_name(*size), super::icon_png(*size))));
    files
}

/// What a campaign's share image encodes: its short link, else its page.
fn share_target(ctx: &RenderCtx<'_>, index: usize) -> String {
    let config = &ctx.site.config;
    match ctx.site.short_links.primary.get(&Target::Campaign(index)) {
        Some(code) => config.absolute(&crate::render::shortlinks::short_path(code)),
        None => config.absolute(&paths::campaign(&ctx.site.campaigns[index].source.slug)),
    }
}

/// `phong-trao/<slug>/chia-se.png`.
pub(crate) fn share_image(ctx: &RenderCtx<'_>, index: usize, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let url = share_target(ctx, index);
    if !url.is_ascii() {
        return Some(Vec::new());
    }
    match super::share_image(&url) {
        Ok(png) => {
            let folder = paths::campaign(&ctx.site.campaigns[index].source.slug);
            Some(vec![(format!("{}{SHARE_IMAGE}", folder.trim_start_matches('/')), png)])
        }
        Err(message) => {
            problems.push(Diagnostic::error(&ctx.site.campaigns[index].source.path, Position::new(1, 1), message));
            None
        }
    }
}

/// The `share` view of a campaign page: the `og:image` and its size and description.
pub(crate) fn share_view(ctx: &RenderCtx<'_>, index: usize) -> Option<crate::render::view::ShareView> {
    let url = share_target(ctx, index);
    if !url.is_ascii() {
        return None;
    }
    let campaign = &ctx.site.campaigns[index];
    let folder = paths::campaign(&campaign.source.slug);
    Some(crate::render::view::ShareView {
        url: ctx.site.config.absolute(&format!("{folder}{SHARE_IMAGE}")),
        width: SHARE_WIDTH,
        height: SHARE_HEIGHT,
        alt: format!("Thẻ chia sẻ của {} trên {}, có mã QR dẫn đến {url}", campaign.title, ctx.site.config.title),
    })
}
