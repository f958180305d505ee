//! Output `lists`: the pages of the lists (by year, issuer, document type, tag; campaigns,
//! guides, contacts, attachments), from the groupings of [`super::lists::Lists`].

use super::lists::ListPage;
use super::{OutputFile, RenderCtx, page_file};
use crate::diag::Diagnostics;

/// A list job: one page of one list.
pub type Job = ListPage;

/// Renders one page of a list.
pub(crate) fn render(ctx: &RenderCtx<'_>, list: &Job, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let (title, data) = ctx.lists.list_view(list, &ctx.views);
    let path = list.path();
    let html = ctx.render_page(&path, list.template(), &title, None, "list", data, problems)?;
    Some(vec![(page_file(&path), html.into_bytes())])
}
