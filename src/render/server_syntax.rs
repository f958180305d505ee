//! Values written into web-server files: `loa-nginx.conf`, `_headers`, `_redirects` and
//! `robots.txt`. Each syntax has one function here. Where the syntax can escape (nginx's
//! quoted strings) the value is escaped; where it cannot (line-based files, nginx's `$`
//! variables) a value that would change the file's meaning is refused. The values are
//! validated where they are read (site.yaml, aliases, short codes), so a refusal here means
//! a check was missed: the build fails rather than serve a changed configuration.

use std::fmt;

use crate::diag::{Diagnostic, Position, Text};

/// A value refused for a server file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refused {
    pub file: &'static str,
    pub value: String,
    pub reason: Text,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.text().fmt(f)
    }
}

impl Refused {
    fn text(&self) -> Text {
        crate::msg!("server-value-refused", value = format!("{:?}", self.value), file = self.file, reason = self.reason)
    }

    pub(crate) fn diagnostic(&self) -> Diagnostic {
        Diagnostic::error(self.file, Position::new(1, 1), self.text())
            .with_hint(crate::msg!("server-syntax-refused-hint"))
    }
}

fn refuse<T>(file: &'static str, value: &str, reason: Text) -> Result<T, Refused> {
    Err(Refused { file, value: value.to_owned(), reason })
}

fn control(value: &str) -> Option<char> {
    value.chars().find(|c| c.is_control())
}

pub(crate) const NGINX: &str = "loa-nginx.conf";
pub(crate) const HEADERS: &str = "_headers";
pub(crate) const REDIRECTS: &str = "_redirects";
pub(crate) const ROBOTS: &str = "robots.txt";

/// An nginx double-quoted string: `"` and `\` escaped. Control characters and `$` are
/// refused: nginx has no escape for a variable's `$` in `add_header` or `return` values.
pub(crate) fn nginx_string(value: &str) -> Result<String, Refused> {
    if let Some(c) = control(value) {
        return refuse(NGINX, value, crate::msg!("server-value-control", character = format!("{c:?}")));
    }
    if value.contains('$') {
        return refuse(NGINX, value, crate::msg!("server-value-dollar"));
    }
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        if matches!(c, '"' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    Ok(out)
}

/// A bare nginx word (a location path, a redirect target): URL characters that never need
/// quoting in nginx; anything else is refused.
pub(crate) fn nginx_word(value: &str) -> Result<&str, Refused> {
    url_word(NGINX, value)
}

/// A path or URL field of a line-based file (`_redirects`, `_headers` paths, robots.txt):
/// these have no escape, so only URL characters with no meaning there pass.
pub(crate) fn line_word<'a>(file: &'static str, value: &'a str) -> Result<&'a str, Refused> {
    url_word(file, value)
}

fn url_word<'a>(file: &'static str, value: &'a str) -> Result<&'a str, Refused> {
    if value.is_empty() {
        return refuse(file, value, crate::msg!("path-empty"));
    }
    match value.chars().find(|c| !(c.is_ascii_alphanumeric() || "/-_.~:%".contains(*c))) {
        Some(c) => refuse(file, value, crate::msg!("url-has-character", character = format!("{c:?}"))),
        None => Ok(value),
    }
}

/// A header's value in `_headers` (`  Name: value`, one per line): spaces are fine, a
/// control character would start another line or header.
pub(crate) fn header_value(value: &str) -> Result<&str, Refused> {
    match control(value) {
        Some(c) => refuse(HEADERS, value, crate::msg!("server-value-control", character = format!("{c:?}"))),
        None => Ok(value),
    }
}

/// The nginx location regex of a site path: `^/q/ABC/?$` matching with or without the
/// trailing slash; the path must be an nginx word, its regex characters escaped.
pub(crate) fn nginx_location_regex(path: &str) -> Result<String, Refused> {
    let word = nginx_word(path.trim_end_matches('/'))?;
    let escaped: String =
        word.chars().flat_map(|c| if ".+*?()[]{}|^$\\".contains(c) { vec!['\\', c] } else { vec![c] }).collect();
    Ok(format!("^{escaped}/?$"))
}

/// An nginx regex matching every path under a site folder: `^/assets/` (an nginx word,
/// its regex characters escaped).
pub(crate) fn nginx_prefix_regex(path: &str) -> Result<String, Refused> {
    let word = nginx_word(path)?;
    let escaped: String =
        word.chars().flat_map(|c| if ".+*?()[]{}|^$\\".contains(c) { vec!['\\', c] } else { vec![c] }).collect();
    Ok(format!("^{escaped}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nginx_strings_escape_quotes_and_refuse_variables_and_line_breaks() {
        assert_eq!(
            nginx_string("frame-ancestors 'self' https://a.vn").unwrap(),
            "\"frame-ancestors 'self' https://a.vn\""
        );
        assert_eq!(nginx_string("a\"b\\c").unwrap(), "\"a\\\"b\\\\c\"");
        for hostile in ["https://a.vn\"; return 200 \"DEFACED", "a\nb", "a\tb", "a\rb", "$host"] {
            let escaped = nginx_string(hostile);
            if let Ok(quoted) = &escaped {
                let inner = &quoted[1..quoted.len() - 1];
                assert!(!inner.replace("\\\"", "").contains('"'), "{quoted}");
            }
            if hostile.contains(['\n', '\t', '\r', '$']) {
                assert!(escaped.is_err(), "{hostile:?}");
            }
        }
    }

    #[test]
    fn words_refuse_what_would_end_them() {
        assert_eq!(nginx_word("/thidua/q/ABC/").unwrap(), "/thidua/q/ABC/");
        assert!(nginx_word("https://a.vn/x").is_ok());
        for hostile in ["/a;b", "/a b", "/a{", "/a}", "/a\"", "/a'", "/a#b", "/a\nb", "/$x", "/a\\b", ""] {
            assert!(nginx_word(hostile).is_err(), "{hostile:?}");
            assert!(line_word(REDIRECTS, hostile).is_err(), "{hostile:?}");
        }
        assert!(header_value("frame-ancestors 'none'").is_ok());
        assert!(header_value("x\r\nSet-Cookie: a=b").is_err());
    }

    #[test]
    fn location_regexes_escape_dots() {
        assert_eq!(nginx_location_regex("/q/AB.C/").unwrap(), "^/q/AB\\.C/?$");
    }
}
