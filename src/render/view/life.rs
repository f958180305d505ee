//! Views of a directive's effect and relations (`content::life`): its status badge, the
//! facts and links of its page, its banner and the trail of its deadline extensions.

use super::{DeadlineStep, EffectBadge, LifeView, RelationView, TrailLine, Views};
use crate::content::Deadline;
use crate::content::life::{Acted, Relation};
use crate::content::paths;
use crate::date::PartialDate;

impl Views<'_> {
    /// A directive's status on the build date, with the days the browser recomputes it from.
    pub fn effect_badge(&self, index: usize) -> EffectBadge {
        let Some(life) = self.site.life.get(index) else {
            return EffectBadge {
                key: "in_force",
                label: self.t("effect_in_force").to_owned(),
                effective: None,
                expires: None,
                replaced: None,
                amended: None,
                corrected: None,
            };
        };
        let iso = |date: Option<PartialDate>| date.map(|d| d.first_day().to_string());
        let ends = [life.expires, life.withdrawn].into_iter().flatten().map(|d| d.first_day()).min();
        let key = life.status.key();
        EffectBadge {
            key,
            label: self.t(&format!("effect_{key}")).to_owned(),
            effective: iso(life.effective),
            expires: iso(ends),
            replaced: iso(life.since(Relation::Replaces)),
            amended: iso(life.since(Relation::Amends)),
            corrected: iso(life.since(Relation::Corrects)),
        }
    }

    /// The names of a directive's lĩnh vực in the page's language.
    pub fn field_names(&self, index: usize) -> Vec<String> {
        let english = !self.strings.is_default();
        self.site.directives[index]
            .fields
            .iter()
            .filter_map(|r| self.site.config.field(&r.value))
            .map(|f| match (&f.name_en, english) {
                (Some(name), true) => name.clone(),
                _ => f.name.clone(),
            })
            .collect()
    }

    /// A date in a trail or a citation: `20/05/2025` in Vietnamese (the template says
    /// "ngày"), the language's long form in another.
    fn short_date(&self, date: &PartialDate) -> String {
        if self.strings.is_default() { crate::text::vi_date_short(date) } else { self.strings.date(date) }
    }

    /// A deadline in a trail: its date, after its time of day when it has one.
    pub(crate) fn short_datetime(&self, moment: &crate::date::DateTime) -> String {
        match moment.time {
            Some((hour, minute)) => format!("{hour:02}:{minute:02} {}", self.short_date(&moment.date)),
            None => self.short_date(&moment.date),
        }
    }

    /// "Công văn số 88/SKHCN-QLCN ngày 20/05/2025": how a trail or a relation names a
    /// document.
    pub fn doc_citation(&self, index: usize) -> String {
        let d = &self.site.directives[index];
        let kind = self.doc_type_name(d.doc_type);
        match (&d.number, &d.date) {
            (Some(number), Some(date)) => self.strings.fill(
                "doc_citation",
                &[("type", &kind), ("number", &number.text), ("date", &self.short_date(&date.value))],
            ),
            (Some(number), None) => format!("{kind} {} {}", self.t("number_word"), number.text),
            _ => format!("{kind}: {}", d.title),
        }
    }

    /// The trail of a directive's deadline extensions, oldest first.
    pub fn extension_trail(&self, index: usize) -> Vec<TrailLine> {
        self.extension_steps(index).into_iter().map(|(_, line)| line).collect()
    }

    /// The trail of a directive's deadline extensions, oldest first, each with the deadline
    /// it moved: a poster prints the lines of the deadlines it shows.
    pub fn extension_steps(&self, index: usize) -> Vec<(&Deadline, TrailLine)> {
        let d = &self.site.directives[index];
        d.deadlines
            .iter()
            .flat_map(|deadline| deadline.extended.iter().map(move |step| (deadline, step)))
            .map(|(deadline, step)| {
                (
                    deadline,
                    TrailLine {
                        url: self.link(&paths::directive(&self.site.directives[step.by].source.slug)),
                        text: self.strings.fill(
                            "extension_trail",
                            &[
                                ("what", &deadline.what),
                                ("now", &self.short_datetime(&step.now)),
                                ("was", &self.short_datetime(&step.was)),
                                ("by", &self.doc_citation(step.by)),
                            ],
                        ),
                    },
                )
            })
            .collect()
    }

    /// A deadline's extensions as a list item shows them, oldest first.
    pub fn deadline_steps(&self, deadline: &Deadline) -> Vec<DeadlineStep> {
        deadline
            .extended
            .iter()
            .map(|step| DeadlineStep {
                text: self.strings.fill("deadline_extended_from", &[("was", &self.short_datetime(&step.was))]),
                by: self.doc_citation(step.by),
                url: self.link(&paths::directive(&self.site.directives[step.by].source.slug)),
            })
            .collect()
    }

    /// The trail lines an extending directive set on its target: for its own page's feed entry.
    pub fn trail_set_by(&self, index: usize) -> Vec<String> {
        let Some(life) = self.site.life.get(index) else { return Vec::new() };
        life.acts
            .iter()
            .filter_map(|(relation, acted)| match (relation, acted) {
                (Relation::Extends, Acted::Directive(target)) => Some(*target),
                _ => None,
            })
            .flat_map(|target| {
                let lines = self.extension_trail(target);
                let d = &self.site.directives[target];
                let steps: Vec<bool> =
                    d.deadlines.iter().flat_map(|dl| dl.extended.iter().map(|s| s.by == index)).collect();
                lines.into_iter().zip(steps).filter(|(_, mine)| *mine).map(|(line, _)| line.text).collect::<Vec<_>>()
            })
            .collect()
    }

    /// A directive page's effect, relations both ways, banner and trail.
    pub fn life_view(&self, index: usize) -> LifeView {
        let Some(life) = self.site.life.get(index) else {
            return LifeView { effective: None, expires: None, relations: Vec::new(), banner: None, trail: Vec::new() };
        };
        let relation = |label: String, acted: &Acted, by: bool| match acted {
            Acted::Directive(i) => RelationView {
                label,
                title: self.doc_citation(*i),
                url: Some(self.link(&paths::directive(&self.site.directives[*i].source.slug))),
                by,
            },
            Acted::Outside(number) => {
                RelationView { label, title: format!("{} {number}", self.t("number_prefix")), url: None, by }
            }
        };
        let mut relations: Vec<RelationView> = life
            .acts
            .iter()
            .map(|(r, acted)| relation(self.t(&format!("relation_{}", r.field())).to_owned(), acted, false))
            .collect();
        relations.extend(life.acted_on.iter().map(|(r, by, _)| {
            relation(self.t(&format!("relation_{}_by", r.field())).to_owned(), &Acted::Directive(*by), true)
        }));
        let banner = match life.status.key() {
            key @ ("replaced" | "amended" | "corrected") => Some(self.t(&format!("life_banner_{key}")).to_owned()),
            _ => None,
        };
        LifeView {
            effective: life.effective.map(|date| self.strings.date(&date)),
            expires: life.expires.map(|date| self.strings.date(&date)),
            relations,
            banner,
            trail: self.extension_trail(index),
        }
    }
}
