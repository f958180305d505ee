//! Headings: the attributes an author may give them (`## Hạn nộp {#han-nop .noi-bat}`) and
//! the ids every heading gets for the table of contents.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, HeadingLevel};

use super::sanitize::is_token;
use crate::diag::Text;
use crate::text;

/// A warning about a heading: what was ignored and how to write it instead.
pub(super) type Warning = (Text, Text);

fn hint() -> Text {
    crate::msg!("heading-attributes-hint")
}

/// Keeps a heading's id and classes when they are plain tokens and drops every other
/// attribute (`onfocus=…`, `style=…`, `autofocus`), with a warning for each.
pub(super) fn allowed_attributes<'a>(
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    warnings: &mut Vec<Warning>,
) -> (Option<CowStr<'a>>, Vec<CowStr<'a>>) {
    for (name, _) in &attrs {
        warnings.push((crate::msg!("heading-attribute-ignored", name), hint()));
    }
    let id = id.filter(|id| {
        let keep = is_token(id);
        if !keep {
            warnings.push((crate::msg!("heading-id-ignored", id), hint()));
        }
        keep
    });
    let classes = classes
        .into_iter()
        .filter(|class| {
            let keep = is_token(class);
            if !keep {
                warnings.push((crate::msg!("heading-class-ignored", class), hint()));
            }
            keep
        })
        .collect();
    (id, classes)
}

/// Gives a heading its id (the author's, or one made from its text), unique in the body,
/// and records it for the table of contents.
pub(super) fn name_heading(
    id: &mut Option<CowStr<'_>>,
    heading_text: String,
    level: HeadingLevel,
    used: &mut HashMap<String, usize>,
    headings: &mut Vec<(u8, String, String)>,
) {
    let written = id.as_ref().map(|i| i.to_string()).unwrap_or_else(|| text::slugify(&heading_text));
    let mut candidate = text::content_id(&written);
    // `used` maps each id to the next number to try after it, so a thousand equal
    // headings do not each count up from 2 again.
    let base = candidate.clone();
    let mut n = used.get(&base).copied().unwrap_or(2);
    while used.contains_key(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    used.insert(base, n);
    used.entry(candidate.clone()).or_insert(2);
    *id = Some(CowStr::from(candidate.clone()));
    headings.push((level as u8, candidate, heading_text));
}
