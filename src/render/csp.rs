//! The Content-Security-Policy of every page loa writes. One policy, in two places: a
//! `<meta http-equiv>` in each page's `<head>` (hosts that cannot set headers, saved offline
//! copies) and the `Content-Security-Policy` header of `_headers` and `loa-nginx.conf`,
//! which adds the one directive a `<meta>` cannot carry, `frame-ancestors`.
//!
//! The theme needs nothing beyond its own files: scripts and styles come from `assets/`,
//! JSON-LD is a data block (not governed by `script-src`), search data and the live-reload
//! stream are same-origin requests, and no template or theme script writes an inline style
//! attribute. So a script that a content file smuggles into a page, inline or from another
//! site, does not run.

/// The policy of a page, for `<meta http-equiv="Content-Security-Policy">`:
/// - `default-src 'self'`: images, fonts, fetches, frames and workers from the portal only
///   (a content image on another server would leak each reader's address to it);
/// - `script-src 'self'`: no inline script, no event-handler attribute, no `javascript:`
///   URL, no `eval`;
/// - `style-src 'self'`: no inline `<style>` or `style=` either, so injected markup cannot
///   cover a page (the theme styles only through its stylesheets and the CSSOM);
/// - `object-src 'none'`, `base-uri 'self'`: no plugins, no `<base>` that re-targets the
///   page's relative URLs;
/// - `form-action 'self'`: the search forms submit to the portal only (this directive does
///   not fall back to `default-src`).
pub const PAGE_POLICY: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'";

/// The `Content-Security-Policy` header: the page policy and who may frame the page
/// (`'none'`, or `'self'` and the allowed origins for embeds). One header per page, since
/// hosts that set two would enforce both.
pub fn header(frame_ancestors: &str) -> String {
    format!("{PAGE_POLICY}; frame-ancestors {frame_ancestors}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_no_inline_script_and_fits_an_attribute_and_a_header() {
        assert!(!PAGE_POLICY.contains("unsafe"));
        assert!(!PAGE_POLICY.contains("frame-ancestors"), "ignored in a <meta>, with a console error");
        assert!(!PAGE_POLICY.contains(['"', '<', '>', '&', '\n', '\r']));
        assert_eq!(
            header("'none'"),
            format!("{PAGE_POLICY}; frame-ancestors 'none'"),
            "one header carries the whole policy"
        );
    }
}
