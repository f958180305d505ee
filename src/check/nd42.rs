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
use crate::diag::{Diagnostic, Position};

/// The fields the profile checks, with the hint for each: (field, what is missing, hint).
pub const CHECKED: &[(&str, &str, &str)] = &[
    ("issuer", "no issuing body (`issuer`)", "add issuer: <organization slug>"),
    ("number", "no số ký hiệu (`number`)", "add number: 12/KH-UBND as printed on the document"),
    ("date", "no full date of issue (`date`)", "add date: 2025-05-20 (the day it was signed)"),
    ("effective", "no date of effect (`effective`)", "add effective: 2025-06-01, or effective: kể từ ngày ký"),
    (
        "attachments",
        "no downloadable file (`attachments`)",
        "attach the signed document, e.g. attachments: [{file: cong-van.pdf}]",
    ),
    ("signer", "no signer's name (`signer.name`)", "add signer: {position: Giám đốc, name: …}"),
];

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
        .filter(|(field, _, _)| absent(field))
        .map(|(_, what, hint)| {
            Diagnostic::warning(&d.source.path, Position::new(1, 1), format!("Nghị định 42/2022: {what}"))
                .with_hint(*hint)
        })
        .collect()
}
