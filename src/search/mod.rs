//! Search: a Vietnamese-aware static index that the browser queries with no server.
//! Words are indexed both as typed and folded (no diacritics, đ→d) by `text::tokens`, which
//! the browser's `loa-search.js` mirrors.

pub mod documents;
pub mod index;

use crate::content::Site;
use crate::render::view::Views;

/// Every file of the search index for `site`: (path under the output root, bytes).
pub fn build(site: &Site, views: &Views<'_>) -> Vec<(String, Vec<u8>)> {
    let docs = documents::collect(site, views);
    index::build(&docs)
}
