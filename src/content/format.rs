//! Which official format a directive follows, State (Nghị định 30/2020/NĐ-CP) or Party
//! (Hướng dẫn 36-HD/VPTW), derived from its issuer, the issuer's parents and the shape of
//! its number, and the checks of what each format requires of the header and the signer.
//!
//! The derivation, first that answers: the issuer's own `system`; the number's shape
//! (`1338-CV/ĐUK` is Party, `45/KH-UBND` State); the nearest parent's `system`; State. A
//! document whose number says one format under an issuer that says the other is a warning
//! at both places, since only a person can tell which of the two is wrong.

use std::collections::BTreeSet;

use super::model::{Directive, DocNumber, OrgSystem, Organization};
use super::site::Site;
use crate::diag::{Diagnostic, Position};

/// The two official formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    State,
    Party,
}

impl Format {
    /// The format an organization's own system prescribes (mass organizations write as the
    /// State does, and are also met with Party-shaped numbers: neither is a contradiction).
    fn of(system: OrgSystem) -> Option<Format> {
        match system {
            OrgSystem::State => Some(Format::State),
            OrgSystem::Party => Some(Format::Party),
            OrgSystem::Mass => None,
        }
    }

    /// The format's name with the rule that sets it, in the chosen language.
    fn name(self) -> crate::diag::Text {
        match self {
            Format::State => crate::msg!("format-state"),
            Format::Party => crate::msg!("format-party"),
        }
    }
}

/// The format a number's shape says: `1338-CV/ĐUK` (number, hyphen, type, slash, issuer) is
/// Party; `45/KH-UBND`, `1234/SKHCN-VP` (number, slash) are State. A blank number says what
/// its sign says: `-CV/ĐUK` or `CV/ĐUK` Party, `/KH-UBND` State when the type comes first.
pub fn number_format(number: &DocNumber) -> Option<Format> {
    let text = number.text.as_str();
    let after_digits = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '…' || c == '.');
    let party_sign = |sign: &str| {
        let mut parts = sign.splitn(2, '/');
        let kind = parts.next().unwrap_or("");
        let issuer = parts.next().unwrap_or("");
        !kind.is_empty()
            && !kind.contains('-')
            && kind.chars().all(char::is_alphabetic)
            && kind.chars().next().is_some_and(char::is_uppercase)
            && !issuer.is_empty()
            && !issuer.contains('/')
    };
    match after_digits.chars().next() {
        Some('-') if party_sign(&after_digits[1..]) => Some(Format::Party),
        Some('/') if number.number.is_some() => Some(Format::State),
        Some('/') if after_digits[1..].contains('-') && !after_digits[1..].contains('/') => Some(Format::State),
        _ => None,
    }
}

/// The system an organization declares, or the nearest parent's (cycles and missing parents
/// end the walk), with the organization that declares it.
fn declared_system<'s>(site: &'s Site, org: &'s Organization) -> Option<(OrgSystem, &'s Organization)> {
    let mut seen = BTreeSet::new();
    let mut current = Some(org);
    while let Some(o) = current {
        if !seen.insert(o.source.slug.as_str()) {
            return None;
        }
        if o.system_at.is_some() {
            return Some((o.system, o));
        }
        current = o.parent.as_ref().and_then(|p| site.organization(&p.value));
    }
    None
}

/// The format a directive is laid out in (see the module's comment).
pub fn directive_format(site: &Site, directive: &Directive) -> Format {
    let issuer = directive.issuer.as_ref().and_then(|r| site.organization(&r.value));
    if let Some(own) = issuer.filter(|o| o.system_at.is_some()).and_then(|o| Format::of(o.system)) {
        return own;
    }
    if let Some(shape) = directive.number.as_ref().and_then(number_format) {
        return shape;
    }
    issuer.and_then(|o| declared_system(site, o)).and_then(|(system, _)| Format::of(system)).unwrap_or(Format::State)
}

/// One directive's format warnings (its number against its issuer's system, a blank
/// number, its signer), and the warning at its issuer it makes when it is the first of that
/// issuer's directives whose number has the wrong shape ([`check_rest`] keeps the first).
pub(crate) fn check_directive(site: &Site, d: &Directive) -> (Vec<Diagnostic>, Option<IssuerWarning>) {
    let mut diagnostics = Vec::new();
    let issuer_warning = check_number_against_issuer(site, d, &mut diagnostics);
    check_blank_number(d, &mut diagnostics);
    check_signer(site, d, &mut diagnostics);
    (diagnostics, issuer_warning)
}

/// The warning at an issuer, by the issuer's slug: made by each directive whose number
/// contradicts the issuer's system, shown for the first of them only.
pub(crate) type IssuerWarning = (String, Diagnostic);

/// The format warnings that are no one directive's: the issuer warnings of
/// [`check_directive`] (the first per issuer, in the model's order), and parent chains that
/// cross systems.
pub(crate) fn check_rest<'a>(
    site: &Site,
    issuer_warnings: impl Iterator<Item = &'a Option<IssuerWarning>>,
) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let mut warned_issuers = BTreeSet::new();
    for (issuer, warning) in issuer_warnings.flatten() {
        if warned_issuers.insert(issuer.as_str()) {
            diagnostics.push(warning.clone());
        }
    }
    for o in &site.organizations {
        check_parent(site, o, &mut diagnostics);
    }
    diagnostics
}

/// Warns when a directive's number has the other format's shape; returns the warning for
/// its issuer's file.
fn check_number_against_issuer(site: &Site, d: &Directive, diagnostics: &mut Vec<Diagnostic>) -> Option<IssuerWarning> {
    let (Some(number), Some(issuer)) = (&d.number, d.issuer.as_ref().and_then(|r| site.organization(&r.value))) else {
        return None;
    };
    let shape = number_format(number)?;
    let (system, declared_by) = declared_system(site, issuer).unwrap_or((OrgSystem::State, issuer));
    let expected = Format::of(system)?;
    if shape == expected {
        return None;
    }
    let said = match declared_by.system_at {
        Some(_) if declared_by.source.slug == issuer.source.slug => {
            crate::msg!("format-declares-system", issuer = issuer.source.slug, system = system_slug(system))
        }
        Some(_) => crate::msg!(
            "format-follows-parent",
            issuer = issuer.source.slug,
            parent = declared_by.source.slug,
            system = system_slug(system)
        ),
        None => crate::msg!("format-no-system", issuer = issuer.source.slug),
    };
    let fix = match shape {
        Format::Party => crate::msg!("format-fix-party"),
        Format::State => crate::msg!("format-fix-state"),
    };
    // The issuer is where a person fixes it: at its `system`, else at the `parent` its
    // system comes from, else at its first line.
    let issuer_at = match (issuer.system_at, &issuer.parent) {
        (Some(at), _) => at,
        (None, Some(parent)) if declared_by.source.slug != issuer.source.slug => parent.position,
        _ => Position::new(1, 1),
    };
    diagnostics.push(
        Diagnostic::warning(
            &d.source.path,
            d.positions.number,
            crate::msg!("format-number-shape", number = number.text, shape = shape.name(), said),
        )
        .with_hint(crate::msg!(
            "format-number-shape-hint",
            fix,
            at = format!("{}:{}:{}", issuer.source.path.display(), issuer_at.line, issuer_at.col)
        )),
    );
    Some((
        issuer.source.slug.clone(),
        Diagnostic::warning(
            &issuer.source.path,
            issuer_at,
            crate::msg!(
                "format-issuer-layout",
                expected = expected.name(),
                file = d.source.path.display(),
                shape = match shape {
                    Format::Party => crate::msg!("format-party-short"),
                    Format::State => crate::msg!("format-state-short"),
                },
                number = number.text
            ),
        )
        .with_hint(crate::msg!(
            "format-issuer-layout-hint",
            fix,
            at = format!("{}:{}:{}", d.source.path.display(), d.positions.number.line, d.positions.number.col)
        )),
    ))
}

fn system_slug(system: OrgSystem) -> &'static str {
    match system {
        OrgSystem::State => "state",
        OrgSystem::Party => "party",
        OrgSystem::Mass => "mass",
    }
}

/// A number with its sign but no number is a warning unless `number_blank: true` says the
/// original left it blank (a dispatch numbered by hand after printing).
fn check_blank_number(d: &Directive, diagnostics: &mut Vec<Diagnostic>) {
    if let Some(number) = &d.number
        && number.number.is_none()
        && !d.number_blank
    {
        diagnostics.push(
            Diagnostic::warning(
                &d.source.path,
                d.positions.number,
                crate::msg!("number-without-number", number = number.text),
            )
            .with_hint(crate::msg!("number-without-number-hint")),
        );
    }
}

/// The authority a signer's position needs in this directive, if any: a deputy signs for the
/// head (KT., K/T), the head of a collective body or a Party committee for the collective
/// (TM., T/M).
fn needed_authority(position: &str, issuer: Option<&Organization>, format: Format) -> Option<crate::diag::Text> {
    let folded = crate::text::fold(position);
    let issuer_title = issuer.map(|o| crate::text::fold(&o.title)).unwrap_or_default();
    let collective = ["uy ban", "ubnd", "hoi dong", "ban thuong vu", "ban chap hanh", "dang uy", "tinh uy", "huyen uy"]
        .iter()
        .any(|w| issuer_title.starts_with(w));
    if folded.starts_with("pho ") {
        return Some(match format {
            Format::State => crate::msg!("authority-deputy-state"),
            Format::Party => crate::msg!("authority-deputy-party"),
        });
    }
    if format == Format::Party && folded.starts_with("bi thu") {
        return Some(crate::msg!("authority-party-secretary"));
    }
    if format == Format::State && folded.starts_with("chu tich") && collective {
        return Some(crate::msg!("authority-collective-chair"));
    }
    None
}

fn check_signer(site: &Site, d: &Directive, diagnostics: &mut Vec<Diagnostic>) {
    let Some(signer) = &d.signer else { return };
    let Some(position) = &signer.position else {
        diagnostics.push(
            Diagnostic::warning(&d.source.path, d.positions.signer, crate::msg!("signer-no-position"))
                .with_hint(crate::msg!("signer-no-position-hint")),
        );
        return;
    };
    if signer.authority.is_some() {
        return;
    }
    let issuer = d.issuer.as_ref().and_then(|r| site.organization(&r.value));
    if let Some(needed) = needed_authority(position, issuer, directive_format(site, d)) {
        diagnostics.push(
            Diagnostic::warning(&d.source.path, d.positions.signer, crate::msg!("signer-no-authority", position))
                .with_hint(crate::msg!("signer-no-authority-hint", needed)),
        );
    }
}

/// A Party organization under a State one, or the reverse: a parent chain crosses systems.
fn check_parent(site: &Site, o: &Organization, diagnostics: &mut Vec<Diagnostic>) {
    let Some(parent_ref) = &o.parent else { return };
    let Some(parent) = site.organization(&parent_ref.value) else { return };
    let own = declared_system(site, o).map_or(OrgSystem::State, |(s, _)| s);
    let above = declared_system(site, parent).map_or(OrgSystem::State, |(s, _)| s);
    let (Some(own), Some(above)) = (Format::of(own), Format::of(above)) else { return };
    if own != above {
        diagnostics.push(
            Diagnostic::warning(
                &o.source.path,
                parent_ref.position,
                crate::msg!("format-parent", parent = parent.source.slug, above = above.name(), own = own.name()),
            )
            .with_hint(match own {
                Format::Party => crate::msg!("format-parent-party-hint"),
                Format::State => crate::msg!("format-parent-state-hint"),
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Option<Format> {
        number_format(&DocNumber::parse(text))
    }

    #[test]
    fn numbers_say_their_format_by_shape() {
        assert_eq!(shape("1338-CV/ĐUK"), Some(Format::Party));
        assert_eq!(shape("36-HD/VPTW"), Some(Format::Party));
        assert_eq!(shape("45/KH-UBND"), Some(Format::State));
        assert_eq!(shape("1234/SKHCN-VP"), Some(Format::State));
        assert_eq!(shape("30/2020/NĐ-CP"), Some(Format::State));
        assert_eq!(shape("/SKHCN-VP"), Some(Format::State));
        assert_eq!(shape("367-QĐ/TWĐTN-VP"), Some(Format::Party));
        assert_eq!(shape("/KH"), None);
    }

    #[test]
    fn deputies_and_collective_heads_need_an_authority() {
        assert!(needed_authority("Phó Giám đốc", None, Format::State).is_some());
        assert!(needed_authority("Bí thư", None, Format::Party).is_some());
        assert!(needed_authority("Giám đốc", None, Format::State).is_none());
    }
}
