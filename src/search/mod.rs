//! Search: a Vietnamese-aware static index that the browser queries with no server.
//! Words are indexed both as typed and folded (no diacritics, đ→d) by `text::tokens`, which
//! the browser's `loa-search.js` mirrors.

pub mod documents;
pub mod index;

use serde_json::json;

use crate::content::{DOC_TYPES, Site};
use crate::render::view::Views;

/// Every file of the search index for `site`: (path under the output root, bytes).
pub fn build(site: &Site, views: &Views<'_>) -> Vec<(String, Vec<u8>)> {
    let docs = documents::collect(site, views);
    index::build(&docs, facet_lists(site))
}

/// The labels behind the facet codes, in code order (code = 1 + index).
fn facet_lists(site: &Site) -> serde_json::Value {
    json!({
        "types": DOC_TYPES.iter().map(|(slug, name, _)| json!([slug, name])).collect::<Vec<_>>(),
        "issuers": site.organizations.iter().map(|o| json!([o.source.slug, o.title])).collect::<Vec<_>>(),
        "campaigns": site.campaigns.iter().map(|c| json!([c.source.slug, c.title])).collect::<Vec<_>>(),
    })
}
