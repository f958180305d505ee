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

/// A field the profile checks: whether a directive lacks it, what is missing and the hint
/// to add it. One row per field, so the three cannot fall out of step.
struct Checked {
    absent: fn(&Directive) -> bool,
    what: fn() -> Text,
    hint: fn() -> Text,
}

/// The fields the profile checks, in the order their warnings are listed.
const CHECKED: &[Checked] = &[
    Checked {
        absent: |d| d.issuer.is_none(),
        what: || crate::msg!("nd42-issuer"),
        hint: || crate::msg!("nd42-issuer-hint"),
    },
    Checked {
        absent: |d| d.number.as_ref().is_none_or(|n| n.number.is_none()),
        what: || crate::msg!("nd42-number"),
        hint: || crate::msg!("nd42-number-hint"),
    },
    Checked {
        absent: |d| d.date.as_ref().is_none_or(|s| !s.value.is_full()),
        what: || crate::msg!("nd42-date"),
        hint: || crate::msg!("nd42-date-hint"),
    },
    Checked {
        absent: |d| d.lifecycle.effective.is_none(),
        what: || crate::msg!("nd42-effective"),
        hint: || crate::msg!("nd42-effective-hint"),
    },
    Checked {
        absent: |d| d.attachments.iter().all(|a| a.attachment.is_none()),
        what: || crate::msg!("nd42-attachments"),
        hint: || crate::msg!("nd42-attachments-hint"),
    },
    Checked {
        absent: |d| d.signer.as_ref().and_then(|s| s.name.as_ref()).is_none(),
        what: || crate::msg!("nd42-signer"),
        hint: || crate::msg!("nd42-signer-hint"),
    },
];

/// One warning per directive and missing field.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    site.directives.iter().flat_map(|d| missing(d)).collect()
}

fn missing(d: &Directive) -> Vec<Diagnostic> {
    CHECKED
        .iter()
        .filter(|field| (field.absent)(d))
        .map(|field| {
            Diagnostic::warning(&d.source.path, Position::new(1, 1), crate::msg!("nd42-missing", what = (field.what)()))
                .with_hint((field.hint)())
        })
        .collect()
}
