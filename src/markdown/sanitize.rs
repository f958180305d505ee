//! The allow-list every rendered body passes through before it reaches a page: only the
//! elements and attributes the Markdown renderer itself produces, and links and images only
//! to http, https, mailto, tel and relative URLs. Anything else is dropped (a link with a
//! `javascript:` URL keeps its text and loses the URL).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

/// Elements pulldown-cmark writes for CommonMark with tables, footnotes and strikethrough.
const TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ul",
    "ol",
    "li",
    "pre",
    "code",
    "em",
    "strong",
    "del",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
    "sup",
    "div",
];

/// Attributes allowed with any value (values are still checked by `attribute`).
const ATTRIBUTES: &[(&str, &[&str])] = &[
    ("h1", &["id", "class"]),
    ("h2", &["id", "class"]),
    ("h3", &["id", "class"]),
    ("h4", &["id", "class"]),
    ("h5", &["id", "class"]),
    ("h6", &["id", "class"]),
    ("ol", &["start"]),
    ("code", &["class"]),
    ("a", &["href", "title"]),
    ("img", &["src", "alt", "title"]),
    ("div", &["id"]),
];

/// Attributes allowed only with these exact values: footnote markup and table alignment.
const FIXED_VALUES: &[(&str, &str, &[&str])] = &[
    ("sup", "class", &["footnote-reference", "footnote-definition-label"]),
    ("div", "class", &["footnote-definition"]),
    ("th", "style", &["text-align: left", "text-align: center", "text-align: right"]),
    ("td", "style", &["text-align: left", "text-align: center", "text-align: right"]),
];

const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(builder);

fn builder() -> Builder<'static> {
    let mut builder = Builder::empty();
    let attributes: HashMap<&str, HashSet<&str>> =
        ATTRIBUTES.iter().map(|(tag, names)| (*tag, names.iter().copied().collect())).collect();
    let mut fixed: HashMap<&str, HashMap<&str, HashSet<&str>>> = HashMap::new();
    for (tag, name, values) in FIXED_VALUES {
        fixed.entry(*tag).or_default().insert(*name, values.iter().copied().collect());
    }
    builder
        .tags(TAGS.iter().copied().collect())
        .generic_attributes(HashSet::new())
        .tag_attributes(attributes)
        .tag_attribute_values(fixed)
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(UrlRelative::PassThrough)
        // Links cannot open new windows (no `target`), so `rel="noopener"` would only add bytes.
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(attribute);
    builder
}

/// Classes and ids must be plain tokens; a code block's class names its language.
fn attribute<'v>(element: &str, name: &str, value: &'v str) -> Option<Cow<'v, str>> {
    let keep = match (element, name) {
        ("code", "class") => value.strip_prefix("language-").is_some_and(is_language),
        (_, "class") => value.split(' ').all(is_token),
        (_, "id") => is_token(value),
        _ => true,
    };
    keep.then_some(Cow::Borrowed(value))
}

/// Letters, digits, `-` and `_`: a name that means the same in HTML, CSS and a URL fragment.
pub(super) fn is_token(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// A fenced code block's language (`rust`, `c++`, `c#`, `objective-c`).
fn is_language(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || "-_+#.".contains(c))
}

/// The HTML with everything outside the allow-list removed.
pub(super) fn clean(html: &str) -> String {
    if html.is_empty() {
        return String::new();
    }
    SANITIZER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_markdown_produces() {
        let html = "<h2 id=\"a\" class=\"b c\">T</h2>\n<p><a href=\"/x\" title=\"t\">x</a> <a href=\"#fn-1\">1</a> \
                    <img src=\"a.png\" alt=\"A\"></p>\n<table><thead><tr><th style=\"text-align: center\">a</th></tr>\
                    </thead><tbody>\n</tbody></table>\n<pre><code class=\"language-rust\">x</code></pre>\n\
                    <div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">1</sup>\n\
                    </div>\n<ol start=\"3\">\n<li><del>x</del></li>\n</ol>\n";
        assert_eq!(clean(html), html);
    }

    #[test]
    fn drops_scripts_handlers_styles_and_foreign_schemes() {
        let html = "<h2 id=\"h\" autofocus=\"\" onfocus=\"alert(1)\" style=\"position:fixed\">T</h2>\
                    <script>alert(1)</script><p><a href=\"javascript:alert(1)\">a</a>\
                    <a href=\"JaVa&#x09;ScRiPt:alert(1)\">b</a><img src=\"data:text/html,x\" alt=\"c\">\
                    <a href=\"vbscript:x\">d</a><a href=\"mailto:a@b.vn\">e</a><a href=\"tel:0237\">f</a></p>";
        assert_eq!(
            clean(html),
            "<h2 id=\"h\">T</h2><p><a>a</a><a>b</a><img alt=\"c\"><a>d</a><a href=\"mailto:a@b.vn\">e</a>\
             <a href=\"tel:0237\">f</a></p>"
        );
    }

    #[test]
    fn classes_and_ids_are_tokens() {
        assert_eq!(clean("<h2 id=\"a b\" class=\"x y\">T</h2>"), "<h2 class=\"x y\">T</h2>");
        assert_eq!(clean("<code class=\"x\">c</code>"), "<code>c</code>");
        assert_eq!(clean("<th style=\"color: red\">c</th>"), "c");
    }
}
