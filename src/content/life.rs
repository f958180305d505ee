//! The life of a directive (Nghị định 42/2022: ngày có hiệu lực, tình trạng hiệu lực): when it
//! takes effect and stops, the newer documents that amend, replace, correct or extend it,
//! its status on a given day, and its deadlines as extended.
//!
//! Relations are declared on the newer document only (`amends`, `replaces`, `corrects`,
//! `extends`); everything the older one shows (its status, its banner and trail, its
//! back-links, its effective deadlines) is derived here, by [`derive`], in one linear pass
//! over the whole model. `derive` may run again on a model it already ran on (a patched
//! model): it starts by undoing the deadline moves of the previous run.

use std::collections::HashMap;

use super::fields::Ref;
use super::model::{Directive, Effective, Target};
use super::site::Site;
use crate::date::PartialDate;
use crate::diag::{Diagnostic, Position, did_you_mean};

/// Tình trạng hiệu lực: the status of a directive on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum LegalStatus {
    /// Còn hiệu lực.
    #[default]
    InForce,
    /// Chưa có hiệu lực: its effect date is later.
    NotYetInForce,
    /// Hết hiệu lực: past `expires`, or withdrawn.
    Expired,
    /// Bị thay thế: a newer document replaces it.
    Replaced,
    /// Được sửa đổi, bổ sung: in force, with parts amended by a newer document.
    Amended,
    /// Đã đính chính: in force, with errors corrected by a newer document.
    Corrected,
}

impl LegalStatus {
    /// Every status, in the order of the search facet's codes.
    pub const ALL: [LegalStatus; 6] = [
        LegalStatus::InForce,
        LegalStatus::NotYetInForce,
        LegalStatus::Expired,
        LegalStatus::Replaced,
        LegalStatus::Amended,
        LegalStatus::Corrected,
    ];

    /// The key of its label in the UI strings (`effect_<key>`) and its `data-` value.
    pub fn key(self) -> &'static str {
        match self {
            LegalStatus::InForce => "in_force",
            LegalStatus::NotYetInForce => "not_yet",
            LegalStatus::Expired => "expired",
            LegalStatus::Replaced => "replaced",
            LegalStatus::Amended => "amended",
            LegalStatus::Corrected => "corrected",
        }
    }

    /// Schema.org `legislationLegalForce`: InForce, NotInForce or PartiallyInForce.
    pub fn schema_org(self) -> &'static str {
        match self {
            LegalStatus::InForce | LegalStatus::Corrected => "https://schema.org/InForce",
            LegalStatus::Amended => "https://schema.org/PartiallyInForce",
            LegalStatus::NotYetInForce | LegalStatus::Expired | LegalStatus::Replaced => {
                "https://schema.org/NotInForce"
            }
        }
    }

    /// 1 + its place in `ALL`: its code in the search index's facet table.
    pub fn code(self) -> u8 {
        Self::ALL.iter().position(|s| *s == self).map_or(0, |i| i as u8 + 1)
    }
}

/// What a newer document does to an older one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    Amends,
    Replaces,
    Corrects,
    Extends,
}

impl Relation {
    /// The front-matter field that declares it, also the key of its UI strings.
    pub fn field(self) -> &'static str {
        match self {
            Relation::Amends => "amends",
            Relation::Replaces => "replaces",
            Relation::Corrects => "corrects",
            Relation::Extends => "extends",
        }
    }
}

/// The document a relation names, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Acted {
    /// A directive of the portal (index into `Site::directives`).
    Directive(usize),
    /// A document outside the portal, by its số ký hiệu.
    Outside(String),
}

/// What was derived for one directive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Life {
    /// The first day in force: `effective`, the issue date for "kể từ ngày ký" or when
    /// `effective` is absent.
    pub effective: Option<PartialDate>,
    /// The first day no longer in force (`expires`).
    pub expires: Option<PartialDate>,
    /// The day a withdrawal (`withdrawn:`) ended it.
    pub withdrawn: Option<PartialDate>,
    /// The relations newer directives declare on this one: (relation, the newer directive,
    /// the first day it applies: the newer one's effect date, `None` when it has none), oldest first.
    pub acted_on: Vec<(Relation, usize, Option<PartialDate>)>,
    /// The relations this directive declares, in the order written.
    pub acts: Vec<(Relation, Acted)>,
    /// The status on the build day.
    pub status: LegalStatus,
}

impl Life {
    /// The first day a relation of this kind applies, when one does: a relation whose newer
    /// document has no date applies from the start.
    pub fn since(&self, relation: Relation) -> Option<PartialDate> {
        self.acted_on
            .iter()
            .filter(|(r, _, _)| *r == relation)
            .map(|(_, _, from)| from.unwrap_or(PartialDate::full(1, 1, 1)))
            .min()
    }

    /// The status on `day`. `loa-live.js` computes the same from the `data-` attributes of
    /// the status badge (`effect_since` in the views): keep both in step.
    pub fn status_on(&self, day: PartialDate) -> LegalStatus {
        let reached = |date: Option<PartialDate>| date.is_some_and(|d| d.first_day() <= day);
        if reached(self.since(Relation::Replaces)) {
            LegalStatus::Replaced
        } else if reached(self.withdrawn) || reached(self.expires) {
            LegalStatus::Expired
        } else if self.effective.is_some_and(|d| d.first_day() > day) {
            LegalStatus::NotYetInForce
        } else if reached(self.since(Relation::Amends)) {
            LegalStatus::Amended
        } else if reached(self.since(Relation::Corrects)) {
            LegalStatus::Corrected
        } else {
            LegalStatus::InForce
        }
    }
}

/// The first day a directive is in force.
pub fn effect_date(d: &Directive) -> Option<PartialDate> {
    let issued = d.date.as_ref().map(|s| s.value);
    match d.lifecycle.effective.as_ref().map(|e| e.value) {
        Some(Effective::On(date)) => Some(date),
        Some(Effective::Signing) | None => issued,
    }
}

/// One declared relation with where it was written.
struct Edge {
    relation: Relation,
    from: usize,
    to: usize,
    at: Position,
}

/// Derives every directive's life (`Site::life`) and moves extended deadlines, reporting
/// relations that cannot hold: unknown targets, self-references, cycles, a document replaced
/// twice, an extension of a deadline the target does not have. A relation in error is left
/// out of the derived data.
pub fn derive(site: &mut Site) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    undo_moves(site);
    let day = site.moment.date;
    let mut lives: Vec<Life> = site
        .directives
        .iter()
        .map(|d| Life {
            effective: effect_date(d),
            expires: d.lifecycle.expires.as_ref().map(|e| e.value),
            withdrawn: d.withdrawn.as_ref().map(|w| w.date.value),
            ..Life::default()
        })
        .collect();
    let edges = resolve_edges(site, &mut lives, &mut diagnostics);
    let cyclic = cycle_edges(site, &edges, &mut diagnostics);
    let mut replaced_by: HashMap<usize, usize> = HashMap::new();
    // Oldest relation first: the trail and the extensions read in the order they happened.
    let mut order: Vec<usize> = (0..edges.len()).filter(|e| !cyclic.contains(e)).collect();
    order.sort_by_key(|&e| (lives[edges[e].from].effective, std::cmp::Reverse(edges[e].from)));
    for e in order {
        let edge = &edges[e];
        if edge.relation == Relation::Replaces {
            if let Some(&first) = replaced_by.get(&edge.to) {
                diagnostics.push(double_replacement(site, edge, first));
                continue;
            }
            replaced_by.insert(edge.to, edge.from);
        }
        if edge.relation == Relation::Extends && !move_deadlines(site, edge, &mut diagnostics) {
            continue;
        }
        let since = lives[edge.from].effective;
        lives[edge.to].acted_on.push((edge.relation, edge.from, since));
    }
    for life in &mut lives {
        life.status = life.status_on(day);
    }
    site.life = lives;
    diagnostics
}

/// Puts every deadline a previous run moved back to its written date.
fn undo_moves(site: &mut Site) {
    // Only a directive an extension moved is written (and so copied when shared).
    let moved = |d: &super::model::Directive| d.deadlines.iter().any(|deadline| !deadline.extended.is_empty());
    for d in site.directives.iter_mut().filter(|d| moved(d)) {
        for deadline in &mut std::sync::Arc::make_mut(d).deadlines {
            deadline.date.value = deadline.written();
            deadline.extended.clear();
        }
    }
}

/// The relations of every directive resolved to indexes; unknown targets and
/// self-references are reported and dropped. Fills each directive's `acts`.
fn resolve_edges(site: &Site, lives: &mut [Life], diagnostics: &mut Vec<Diagnostic>) -> Vec<Edge> {
    let mut edges = Vec::new();
    for (from, d) in site.directives.iter().enumerate() {
        let declared = [
            (Relation::Amends, &d.lifecycle.amends),
            (Relation::Replaces, &d.lifecycle.replaces),
            (Relation::Corrects, &d.lifecycle.corrects),
        ];
        let extension = d.lifecycle.extends.as_ref().map(|e| (Relation::Extends, &e.target));
        let named = declared
            .into_iter()
            .flat_map(|(relation, targets)| targets.iter().map(move |t| (relation, t)))
            .map(|(relation, target)| match target {
                Target::Directive(r) => (relation, Ok(r)),
                Target::Outside(n) => (relation, Err(n.value.text.clone())),
            })
            .chain(extension.map(|(relation, r)| (relation, Ok(r))));
        for (relation, target) in named {
            match target {
                Err(number) => lives[from].acts.push((relation, Acted::Outside(number))),
                Ok(r) => match site.links.directive_by_slug.get(&r.value) {
                    Some(&to) if to == from => diagnostics.push(
                        Diagnostic::error(
                            &d.source.path,
                            r.position,
                            crate::msg!("life-self-reference", field = relation.field()),
                        )
                        .with_hint(crate::msg!("life-self-reference-hint")),
                    ),
                    Some(&to) => {
                        lives[from].acts.push((relation, Acted::Directive(to)));
                        edges.push(Edge { relation, from, to, at: r.position });
                    }
                    None => diagnostics.push(unknown_target(site, d, relation, r)),
                },
            }
        }
    }
    edges
}

fn unknown_target(site: &Site, d: &Directive, relation: Relation, r: &Ref) -> Diagnostic {
    let slugs = site.directives.iter().map(|d| d.source.slug.as_str());
    let hint = match did_you_mean(&r.value, slugs) {
        Some(suggestion) => crate::msg!("hint-did-you-mean", suggestion),
        None => crate::msg!("life-unknown-target-hint"),
    };
    Diagnostic::error(
        &d.source.path,
        r.position,
        crate::msg!("life-unknown-target", field = relation.field(), target = r.value),
    )
    .with_hint(hint)
}

fn double_replacement(site: &Site, edge: &Edge, first: usize) -> Diagnostic {
    let d = &site.directives[edge.from];
    let target = &site.directives[edge.to].source.slug;
    let earlier = &site.directives[first];
    Diagnostic::error(
        &d.source.path,
        edge.at,
        crate::msg!("life-double-replacement", target, earlier = earlier.source.slug),
    )
    .with_hint(crate::msg!("life-double-replacement-hint", target, earlier = earlier.source.slug))
}

/// The edges that close a cycle (A amends B, B replaces A), each reported at the ref that
/// closes it. Iterative depth-first search: linear, whatever the length of the chain.
fn cycle_edges(site: &Site, edges: &[Edge], diagnostics: &mut Vec<Diagnostic>) -> Vec<usize> {
    let n = site.directives.len();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (e, edge) in edges.iter().enumerate() {
        out[edge.from].push(e);
    }
    // 0: not visited, 1: on the current path, 2: done.
    let mut state = vec![0u8; n];
    let mut closing = Vec::new();
    for start in 0..n {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            let Some(&e) = out[node].get(*next) else {
                state[node] = 2;
                stack.pop();
                continue;
            };
            *next += 1;
            let to = edges[e].to;
            match state[to] {
                0 => {
                    state[to] = 1;
                    stack.push((to, 0));
                }
                1 => {
                    let from_here = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                    let path: Vec<&str> = stack[from_here..]
                        .iter()
                        .map(|&(n, _)| site.directives[n].source.slug.as_str())
                        .chain(std::iter::once(site.directives[to].source.slug.as_str()))
                        .collect();
                    let edge = &edges[e];
                    diagnostics.push(
                        Diagnostic::error(
                            &site.directives[edge.from].source.path,
                            edge.at,
                            crate::msg!("life-cycle", field = edge.relation.field(), path = path.join(" → ")),
                        )
                        .with_hint(crate::msg!("life-cycle-hint")),
                    );
                    closing.push(e);
                }
                _ => {}
            }
        }
    }
    closing
}

/// Moves the deadlines an `extends` names, recording the trail; reports a `was` that matches
/// no deadline of the target. Returns whether anything moved.
fn move_deadlines(site: &mut Site, edge: &Edge, diagnostics: &mut Vec<Diagnostic>) -> bool {
    let (from, to) = (edge.from, edge.to);
    let moves = site.directives[from].lifecycle.extends.as_ref().map(|e| e.moves.clone()).unwrap_or_default();
    let path = site.directives[from].source.path.clone();
    let mut moved = false;
    for step in moves {
        let target = std::sync::Arc::make_mut(&mut site.directives[to]);
        // A `was` without a time matches the deadline of that day, whatever its time.
        let matches = |d: &super::model::Deadline| {
            d.date.value == step.was.value
                || (step.was.value.time.is_none() && d.date.value.date == step.was.value.date)
        };
        match target.deadlines.iter_mut().find(|d| matches(d)) {
            Some(deadline) => {
                let was = deadline.date.value;
                deadline.date.value = step.now.value;
                deadline.extended.push(super::model::Extended { was, now: step.now.value, by: from });
                moved = true;
            }
            None => {
                let written: Vec<String> = target.deadlines.iter().map(|d| d.date.value.to_string()).collect();
                let hint = if written.is_empty() {
                    crate::msg!("life-no-deadlines-hint", target = target.source.slug)
                } else {
                    crate::msg!("life-deadlines-hint", target = target.source.slug, deadlines = written.join(", "))
                };
                diagnostics.push(
                    Diagnostic::error(
                        &path,
                        step.was.position,
                        crate::msg!("life-was-unmatched", was = step.was.value, target = target.source.slug),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    moved
}
