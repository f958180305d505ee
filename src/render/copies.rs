//! Output `copies`: the files published as they are: attachments, the theme's assets and
//! the portal's `static/` folder. They are not rendered: the sink copies each from a handle
//! checked to stay inside its folder.

use super::{CopySource, RenderCtx, theme};
use crate::content::paths;

/// Theme assets, attachments and the portal's `static/` files: (output path, source).
pub(crate) fn files<'c>(ctx: &'c RenderCtx<'_>) -> Vec<(String, CopySource<'c>)> {
    use crate::content::attachments::CheckedFile;
    // Copies are read through handles checked to stay inside these folders: a file
    // swapped for a symlink after validation is refused, not published.
    let content_root = ctx.portal_folder("content");
    let mut files: Vec<(String, CopySource<'c>)> = ctx
        .site
        .attachments
        .iter()
        .map(|a| {
            let file =
                CheckedFile { path: ctx.site.root.join(&a.path), root: content_root.clone(), identity: a.identity };
            (format!("{}{}", paths::attachment(&a.slug), a.file_name), CopySource::File(file))
        })
        .collect();
    // The service worker's source is written to the site root by the build, with its
    // version (`crate::pwa`), not copied with the assets.
    files.extend(
        ctx.theme
            .assets
            .iter()
            .filter(|(name, _)| name.as_str() != crate::pwa::SERVICE_WORKER)
            .map(|(name, file)| (format!("/assets/{name}"), CopySource::Bytes(&file.bytes))),
    );
    let static_root = ctx.portal_folder("static");
    files.extend(theme::files_under(&ctx.site.root.join("static")).into_iter().map(|(relative, path)| {
        let file = CheckedFile { path, root: static_root.clone(), identity: None };
        (format!("/{relative}"), CopySource::File(file))
    }));
    files
}
