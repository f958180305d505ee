//! Fewer bytes per view without changing what a reader sees: the theme's HTML templates
//! lose their lines' indentation, its stylesheets are minified and its scripts lose their
//! comment lines and indentation, once, when the theme is loaded.
//!
//! Every change keeps at least one whitespace character wherever there was whitespace, so
//! HTML and scripts parse the same way: a line break stays a line break (no two tokens
//! meet, automatic semicolon insertion sees the same lines), and in HTML a run of spaces
//! renders as one space already.

/// An HTML template without the indentation after its line breaks, except inside
/// `<pre>` and `<textarea>`, where whitespace is shown as written.
pub(crate) fn template(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut verbatim = false;
    for (i, line) in source.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(if verbatim { line } else { line.trim_start_matches([' ', '\t']) });
        verbatim = ends_inside_verbatim(line, verbatim);
    }
    out
}

/// Whether a `<pre>` or `<textarea>` is still open at the end of `line`.
fn ends_inside_verbatim(line: &str, mut open: bool) -> bool {
    let lower = line.to_ascii_lowercase();
    let mut rest = lower.as_str();
    loop {
        let tag = if open { ["</pre", "</textarea"] } else { ["<pre", "<textarea"] };
        let Some(at) = tag.iter().filter_map(|t| find_tag(rest, t)).min() else { return open };
        open = !open;
        rest = &rest[at + 1..];
    }
}

/// The position of `tag` in `text` as a whole tag name (`<pre>` or `<pre `, not `<prefix`).
fn find_tag(text: &str, tag: &str) -> Option<usize> {
    text.match_indices(tag)
        .map(|(at, _)| at)
        .find(|&at| text[at + tag.len()..].chars().next().is_none_or(|c| c == '>' || c.is_ascii_whitespace()))
}

/// A theme asset as published: stylesheets minified, scripts slimmed; other files as they
/// are. A stylesheet the minifier cannot read is published as written.
pub(crate) fn asset(name: &str, bytes: Vec<u8>) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(&bytes) else { return bytes };
    if name.ends_with(".css") {
        match minifier::css::minify(text) {
            Ok(minified) => minified.to_string().trim_start().as_bytes().to_vec(),
            Err(_) => bytes,
        }
    } else if name.ends_with(".js") {
        script(text).into_bytes()
    } else {
        bytes
    }
}

/// A script without its whole-line comments (`//`, and `/* … */` that no code shares a line
/// with), blank lines and indentation. Not a minifier: the crates that rename and join
/// (`minifier`, `minify-js`) broke or refused the theme's scripts (`60+ +m` joined into
/// `60++m`; a panic on `loa-offline.js`), and these lines are most of what a minifier would
/// save here. Lines that begin inside a template literal (an odd number of backticks before
/// them) or after a line ending in `\` are kept as written, since their whitespace is part of
/// a string.
pub(crate) fn script(source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let mut out = String::with_capacity(source.len());
    let mut in_template = false;
    let mut continued = false;
    // A kept line may open a comment that a later line closes ("x = 1; /* why"): until one
    // does, lines are kept, so that a comment line in between cannot take its end away.
    let mut in_comment = false;
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        at += 1;
        if in_template || continued || in_comment {
            out.push_str(line);
            out.push('\n');
            if in_comment {
                // Still open until a `*/`; after it, code may open another.
                in_comment = line.split_once("*/").is_none_or(|(_, after)| opens_comment(after));
                continue;
            }
        } else {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with("//") {
                continue;
            }
            if let Some(end) = comment_lines_end(&lines, at - 1) {
                at = end;
                continue;
            }
            out.push_str(trimmed);
            out.push('\n');
            in_comment = opens_comment(trimmed);
        }
        in_template ^= unescaped_backticks(line) % 2 == 1;
        continued = line.ends_with('\\');
    }
    out
}

/// Whether `code` leaves a `/*` open at its end (a string holding `/*` counts too: its
/// lines are then kept, which is safe).
fn opens_comment(code: &str) -> bool {
    code.rfind("/*").is_some_and(|open| !code[open + 2..].contains("*/"))
}

/// When `lines[start]` begins a `/* … */` comment that ends at the end of a line with no code
/// after it: the index of the line after that one; else None (the lines are code).
fn comment_lines_end(lines: &[&str], start: usize) -> Option<usize> {
    let body = lines[start].trim_start().strip_prefix("/*")?;
    let (mut line, mut rest) = (start, body);
    loop {
        if let Some(close) = rest.find("*/") {
            return rest[close + 2..].trim().is_empty().then_some(line + 1);
        }
        line += 1;
        rest = lines.get(line)?;
    }
}

/// The backticks of `line` that open or close a template literal: a backtick after a
/// backslash is a character of the literal.
fn unescaped_backticks(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for c in line.chars() {
        if c == '`' && !escaped {
            count += 1;
        }
        escaped = c == '\\' && !escaped;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_loses_its_indentation_but_not_its_line_breaks_or_pre() {
        let source = "<ul>\n  <li>a</li>\n\t<li>b</li>\n</ul>\n<pre><code>x\n    y\n</code></pre>\n  <p>z</p>";
        assert_eq!(
            template(source),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<pre><code>x\n    y\n</code></pre>\n<p>z</p>"
        );
    }

    #[test]
    fn a_textarea_keeps_its_text_and_a_prefix_of_pre_is_no_pre() {
        let source = "<textarea name=\"t\">\n  a\n</textarea>\n  <prefix>\n  b";
        assert_eq!(template(source), "<textarea name=\"t\">\n  a\n</textarea>\n<prefix>\nb");
    }

    #[test]
    fn a_script_loses_comment_lines_and_indentation_but_keeps_every_line_break_between_code() {
        let source = "// About.\n(function () {\n  // Why.\n  var a = 1\n\n  var b = a + +2; // kept\n})();\n";
        assert_eq!(script(source), "(function () {\nvar a = 1\nvar b = a + +2; // kept\n})();\n");
    }

    #[test]
    fn a_script_loses_block_comment_lines_but_not_code_that_shares_their_lines() {
        let source = "/** About `x.\n * More. */\nconst a = 1;\n  /* one */\n/* a */ const b = 2;\n/* c\n*/ const c = 3;\nconst d = `/*\n  */`;\n/* open";
        assert_eq!(
            script(source),
            "const a = 1;\n/* a */ const b = 2;\n/* c\n*/ const c = 3;\nconst d = `/*\n  */`;\n/* open\n"
        );
    }

    #[test]
    fn a_comment_opened_after_code_keeps_its_lines_to_its_end() {
        let source = "x = 1; /* why\n  /* inner */\n  y = 2;\n  /* gone */\nz = 3;";
        assert_eq!(script(source), "x = 1; /* why\n  /* inner */\ny = 2;\nz = 3;\n");
        // Lines with no `*/` keep the comment open: its end on a comment-shaped line stays.
        let source = "x = 1; /* why\n  more\n  /* end */\n  /* gone */\ny = 2;";
        assert_eq!(script(source), "x = 1; /* why\n  more\n  /* end */\ny = 2;\n");
    }

    #[test]
    fn a_template_literal_across_lines_is_kept_as_written() {
        let source = "var s = `a\n  // not a comment\n  b`;\n  var t = 1;\n";
        assert_eq!(script(source), "var s = `a\n  // not a comment\n  b`;\nvar t = 1;\n");
    }

    #[test]
    fn an_escaped_backtick_does_not_end_a_template_literal() {
        let source = "var s = `a \\` b\n  c`;\n  var t = 1;\n";
        assert_eq!(script(source), "var s = `a \\` b\n  c`;\nvar t = 1;\n");
    }

    #[test]
    fn a_stylesheet_is_minified_and_other_assets_are_left_alone() {
        let css = asset("a.css", b"/* Why. */\n.a {\n  color: red;\n}\n".to_vec());
        assert_eq!(String::from_utf8(css).unwrap(), ".a{color:red;}");
        assert_eq!(asset("a.svg", b"<svg> </svg>".to_vec()), b"<svg> </svg>");
    }
}
