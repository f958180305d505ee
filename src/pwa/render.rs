//! The jobs of the web app: manifest and icons, and each campaign's share image.

use super::{ICON_SIZES, MANIFEST, SHARE_HEIGHT, SHARE_IMAGE, SHARE_WIDTH};
use crate::content::shortlinks::Target;
use crate::diag::{Diagnostic, Diagnostics, Position};
use crate::render::Renderer;
use crate::render::view::paths;

impl Renderer<'_> {
    /// `manifest.webmanifest` and the icons it names, at the site root.
    pub fn web_app_files(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = vec![(MANIFEST.to_owned(), super::manifest(&self.site.config))];
        files.extend(ICON_SIZES.iter().map(|size| (super::icon_name(*size), super::icon_png(*size))));
        files
    }

    /// What a campaign's share image encodes: its short link, else its page.
    fn share_target(&self, index: usize) -> String {
        let config = &self.site.config;
        match self.site.short_links.primary.get(&Target::Campaign(index)) {
            Some(code) => config.absolute(&crate::render::shortlinks::short_path(code)),
            None => config.absolute(&paths::campaign(&self.site.campaigns[index].source.slug)),
        }
    }

    /// `phong-trao/<slug>/chia-se.png`.
    pub fn share_image(&self, index: usize, diagnostics: &Diagnostics) -> Option<Vec<(String, Vec<u8>)>> {
        let url = self.share_target(index);
        if !url.is_ascii() {
            return Some(Vec::new());
        }
        match super::share_image(&url) {
            Ok(png) => {
                let folder = paths::campaign(&self.site.campaigns[index].source.slug);
                Some(vec![(format!("{}{SHARE_IMAGE}", folder.trim_start_matches('/')), png)])
            }
            Err(message) => {
                diagnostics.push(Diagnostic::error(
                    &self.site.campaigns[index].source.path,
                    Position::new(1, 1),
                    message,
                ));
                None
            }
        }
    }

    /// The `share` view of a campaign page: the `og:image` and its size and description.
    pub fn share_view(&self, index: usize) -> Option<crate::render::view::ShareView> {
        let url = self.share_target(index);
        if !url.is_ascii() {
            return None;
        }
        let campaign = &self.site.campaigns[index];
        let folder = paths::campaign(&campaign.source.slug);
        Some(crate::render::view::ShareView {
            url: self.site.config.absolute(&format!("{folder}{SHARE_IMAGE}")),
            width: SHARE_WIDTH,
            height: SHARE_HEIGHT,
            alt: format!("Thẻ chia sẻ của {} trên {}, có mã QR dẫn đến {url}", campaign.title, self.site.config.title),
        })
    }
}
