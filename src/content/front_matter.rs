//! Splitting a content file into its YAML front matter and its Markdown body. The YAML
//! itself is read by `crate::yaml`.

use crate::diag::Position;
use crate::yaml::SyntaxError;

/// The front matter of one file, split from its body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML text between the `---` lines.
    pub yaml: &'a str,
    /// The 1-based line in the file where the YAML starts.
    pub yaml_first_line: usize,
    /// The Markdown body after the closing `---`.
    pub body: &'a str,
    /// The 1-based line in the file where the body starts.
    pub body_first_line: usize,
}

/// Splits `---\n<yaml>\n---\n<body>`. The text must already have its BOM removed and its
/// line endings turned into `\n`.
pub fn split(text: &str) -> Result<Split<'_>, SyntaxError> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(SyntaxError {
            position: Position::new(1, 1),
            message: crate::msg!("front-matter-missing"),
            hint: crate::msg!("front-matter-missing-hint"),
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, raw_line) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let content = raw_line.trim_end();
        if content == "---" || content == "..." {
            let body_start = offset + raw_line.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                yaml_first_line: 2,
                body: &text[body_start.min(text.len())..],
                body_first_line: line + 1,
            });
        }
        offset += raw_line.len();
    }
    Err(SyntaxError {
        position: Position::new(1, 1),
        message: crate::msg!("front-matter-unclosed"),
        hint: crate::msg!("front-matter-unclosed-hint"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_line_numbers() {
        let split = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_first_line, 4);
    }

    #[test]
    fn reports_a_missing_closing_line() {
        let error = split("---\ntitle: A\nBody\n").unwrap_err();
        assert!(error.message.contains("never closed"));
    }
}
