//! The URL scheme: the site path of every page kind and list, before the base path or a
//! language prefix is added. Pages, lists, feeds, the API, search, short links, embeds and
//! the PWA all link through these functions, so a path changes in one place.

/// The campaigns list.
pub const CAMPAIGNS: &str = "/phong-trao/";
/// The list of every directive.
pub const DIRECTIVES: &str = "/van-ban/";
/// The guides list.
pub const GUIDES: &str = "/huong-dan/";
/// The contacts list (organizations and people).
pub const CONTACTS: &str = "/lien-he/";
/// The attachments list.
pub const ATTACHMENTS: &str = "/tep/";
/// The list of tags.
pub const TAGS: &str = "/the/";

/// A campaign's page.
pub fn campaign(slug: &str) -> String {
    format!("/phong-trao/{slug}/")
}

/// A directive's page.
pub fn directive(slug: &str) -> String {
    format!("/van-ban/{slug}/")
}

/// A guide's page.
pub fn guide(slug: &str) -> String {
    format!("/huong-dan/{slug}/")
}

/// An organization's or a person's page.
pub fn contact(slug: &str) -> String {
    format!("/lien-he/{slug}/")
}

/// An attachment's page.
pub fn attachment(slug: &str) -> String {
    format!("/tep/{slug}/")
}

/// Whether an attachment has a page of its own at [`attachment`]: a shared file of
/// `content/attachments/` (several pages cite it, and authors link its page) does; a file
/// of a page bundle belongs to that page, whose rows show what its page would (one file
/// fewer per document), and its old page address redirects to the file.
pub fn attachment_has_page(path: &std::path::Path) -> bool {
    path.starts_with("content/attachments")
}

/// A contest's results page (Kết quả).
pub fn results(campaign: &str) -> String {
    format!("/phong-trao/{campaign}/ket-qua/")
}

/// The directives of one year.
pub fn year(year: i32) -> String {
    format!("/van-ban/nam/{year}/")
}

/// The directives of one issuing organization.
pub fn issuer(slug: &str) -> String {
    format!("/van-ban/co-quan/{slug}/")
}

/// The directives of one document type.
pub fn doc_type(slug: &str) -> String {
    format!("/van-ban/loai/{slug}/")
}

/// The directives of one lĩnh vực (a slug of `site.yaml`'s `fields:`).
pub fn field(slug: &str) -> String {
    format!("/van-ban/linh-vuc/{slug}/")
}

/// The directives with one tag.
pub fn tag(slug: &str) -> String {
    format!("/the/{slug}/")
}

/// Page `page` of a list whose first page is `base`: `/van-ban/nam/2024/` page 2 →
/// `/van-ban/nam/2024/trang/2/`.
pub fn page(base: &str, page: usize) -> String {
    if page <= 1 { base.to_owned() } else { format!("{base}trang/{page}/") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_continue_on_numbered_pages() {
        assert_eq!(page(&year(2024), 1), "/van-ban/nam/2024/");
        assert_eq!(page(&year(2024), 2), "/van-ban/nam/2024/trang/2/");
        assert_eq!(page(TAGS, 3), "/the/trang/3/");
    }
}
