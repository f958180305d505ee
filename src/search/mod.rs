//! Output `search`: a Vietnamese-aware static index that the browser queries with no server.
//! Words are indexed both as typed and folded (no diacritics, đ→d) by `text::tokens`, which
//! the browser's `loa-search.js` mirrors.

pub(crate) mod documents;
pub(crate) mod index;

use serde_json::{Value, json};

use crate::diag::Diagnostics;
use crate::render::view::Views;
use crate::render::{OutputFile, RenderCtx};

/// Every document of the context's search index: the portal's own pages, and on a national
/// portal its federation members' documents. `loa build` indexes them here and `loa serve`
/// on its search worker.
pub(crate) fn documents(ctx: &RenderCtx<'_>) -> Vec<documents::SearchDoc> {
    let (docs, _) = documents_keeping(ctx, &|_| None);
    // Each document is held here only: taken without a copy.
    docs.into_iter().map(std::sync::Arc::unwrap_or_clone).collect()
}

/// [`documents`], each directive's taken from `kept` when it gives one
/// ([`documents::collect_keeping`]), with each directive's document id.
pub(crate) fn documents_keeping(
    ctx: &RenderCtx<'_>,
    kept: &(dyn Fn(usize) -> Option<std::sync::Arc<documents::SearchDoc>> + Sync),
) -> (Vec<std::sync::Arc<documents::SearchDoc>>, Vec<Option<usize>>) {
    let (mut docs, ids) = documents::collect_keeping(ctx.site, &ctx.views, kept);
    docs.extend(crate::render::federation::search_docs(ctx).into_iter().map(std::sync::Arc::new));
    (docs, ids)
}

/// Renders the search index of the context's language (`Job::SearchIndex`); a language
/// edition's result kinds and statuses are in its language.
pub(crate) fn render(ctx: &RenderCtx<'_>, _problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let mut files = index::build(&documents(ctx));
    if ctx.out_prefix.is_empty() {
        return Some(files);
    }
    // The sequencer adds the edition's folder to every path.
    index::rewrite_meta(&mut files, |meta| localized_meta(&ctx.views, meta));
    Some(files)
}

/// The search index's result kinds and statuses in the language of `views`.
fn localized_meta(views: &Views<'_>, bytes: &[u8]) -> Vec<u8> {
    let Ok(mut meta) = serde_json::from_slice::<Value>(bytes) else { return bytes.to_vec() };
    let t = |key: &str| json!(views.t(key));
    meta["kinds"] = json!([
        t("search_kind_campaign"),
        t("search_kind_guide"),
        t("search_kind_directive"),
        t("search_kind_attachment"),
        t("search_kind_organization"),
        t("search_kind_person"),
        t("search_kind_result")
    ]);
    meta["statuses"] = json!([t("status_upcoming"), t("status_ongoing"), t("status_ended")]);
    meta.to_string().into_bytes()
}
