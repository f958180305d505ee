//! `loa check --require nd42`: what Nghị định 42/2022/NĐ-CP (online information of State
//! agencies) expects a portal to show of each document it publishes, checked per directive.
//! Each missing field is a warning at the directive's front matter, so a portal's CI can
//! list them without failing.
//!
//! The decree asks for: type, issuing body, số ký hiệu, date of issue, date of effect and
//! status, trích yếu, a downloadable file and full-text search. Type, trích yếu and status
//! are always there (the type and title are required, the status is derived); search is the
//! portal's. Legal-document databases add the signer, which staff can always fill in.

use crate::content::{Directive, Site};
use crate::diag::{Diagnostic, Position, Text};

/// The fields the profile checks.
pub const CHECKED: &[&str] = &["issuer", "number", "date", "effective", "attachments", "signer"];

/// What is missing when `field` is absent, and the hint to add it.
fn texts(field: &str) -> (Text, Text) {
    match field {
        "issuer" => (crate::msg!("nd42-issuer"), crate::msg!("nd42-issuer-hint")),
        "number" => (crate::msg!("nd42-number"), crate::msg!("nd42-number-hint")),
        "date" => (crate::msg!("nd42-date"), crate::msg!("nd42-date-hint")),
        "effective" => (crate::msg!("nd42-effective"), crate::msg!("nd42-effective-hint")),
        "attachments" => (crate::msg!("nd42-attachments"), crate::msg!("nd42-attachments-hint")),
        _ => (crate::msg!("nd42-signer"), crate::msg!("nd42-signer-hint")),
    }
}

/// One warning per directive and missing field.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    site.directives.iter().flat_map(|d| missing(d)).collect()
}

fn missing(d: &Directive) -> Vec<Diagnostic> {
    let absent = |field: &str| match field {
        "issuer" => d.issuer.is_none(),
        "number" => d.number.as_ref().is_none_or(|n| n.number.is_none()),
        "date" => d.date.as_ref().is_none_or(|s| !s.value.is_full()),
        "effective" => d.lifecycle.effective.is_none(),
        "attachments" => d.attachments.iter().all(|a| a.attachment.is_none()),
        "signer" => d.signer.as_ref().and_then(|s| s.name.as_ref()).is_none(),
        _ => false,
    };
    CHECKED
        .iter()
        .filter(|field| absent(field))
        .map(|field| {
            let (what, hint) = texts(field);
            Diagnostic::warning(&d.source.path, Position::new(1, 1), crate::msg!("nd42-missing", what)).with_hint(hint)
        })
        .collect()
}
