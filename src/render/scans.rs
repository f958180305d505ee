//! Output `scans`: the staff page of QR scan counts (`/noi-bo/luot-quet-ma/`), made when
//! `data/scans.json` exists: scans per page and placement over time as an SVG chart drawn
//! here from numbers (no script, no chart library), the table it is drawn from, and a CSV
//! download. Not linked from any page, `noindex` in its head, its headers and robots.txt.

use std::collections::BTreeMap;

use super::view::{ScanChart, ScanRow, ScanSeries, ScanTick, ScansContext, ScansView};
use super::{OutputFile, RenderCtx};
use crate::content::scans::{Count, ScanData};
use crate::content::shortlinks::{Target, target_path};
use crate::date::PartialDate;
use crate::diag::Diagnostics;

/// The staff page's path.
pub const PAGE: &str = "/noi-bo/luot-quet-ma/";
/// The CSV beside it.
const CSV: &str = "luot-quet-ma.csv";

/// The chart's drawing area, in SVG units.
const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 260.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 28.0;
const TOP: f64 = 12.0;
/// Line colours, told apart in greyscale too by their dash patterns.
const COLOURS: [&str; 8] = ["#a3161a", "#1f5fa8", "#2f7d32", "#b26a00", "#6a3d9a", "#00838f", "#5d4037", "#455a64"];
const DASHES: [&str; 3] = ["", "6 3", "2 3"];

/// Whether the build makes the staff page.
pub(crate) fn has_page(ctx: &RenderCtx<'_>) -> bool {
    ctx.site.scans.is_some() && !ctx.site.is_edition()
}

/// The staff page and its CSV.
pub(crate) fn render(ctx: &RenderCtx<'_>, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let data = ctx.site.scans.as_ref()?;
    let series = series(ctx, data);
    let days = days(data);
    let view = ScansView {
        chart: chart(&series, &days),
        rows: series.iter().map(|s| s.row.clone()).collect(),
        first_day: days.first().map(ToString::to_string),
        last_day: days.last().map(ToString::to_string),
        csv_url: ctx.views.link(&format!("{PAGE}{CSV}")),
    };
    let title = ctx.views.t("scans_title").to_owned();
    let html = ctx.render_page(PAGE, "scans.html", &title, None, "scans", ScansContext { scans: view }, problems)?;
    let folder = PAGE.trim_start_matches('/');
    Some(vec![(format!("{folder}index.html"), html.into_bytes()), (format!("{folder}{CSV}"), csv(ctx, data))])
}

/// One line of the chart: a code and placement, its page, and its count per day.
struct Series {
    row: ScanRow,
    per_day: BTreeMap<PartialDate, Count>,
}

/// The page a code leads to, as (title, link), when it is live.
fn page_of(ctx: &RenderCtx<'_>, code: &str) -> Option<(Target, String, String)> {
    let target = *ctx.site.short_links.links.get(code)?;
    let title = match target {
        Target::Campaign(i) => ctx.site.campaigns[i].title.clone(),
        Target::Guide(i) => ctx.site.guides[i].title.clone(),
        Target::Directive(i) => ctx.site.directives[i].title.clone(),
    };
    Some((target, title, ctx.views.link(&target_path(ctx.site, target))))
}

/// The name staff gave a placement (`placements:` of the code's page), else its slug.
fn placement_name(ctx: &RenderCtx<'_>, target: Option<Target>, slug: &str) -> String {
    let placements = match target {
        Some(Target::Campaign(i)) => &ctx.site.campaigns[i].placements[..],
        Some(Target::Guide(i)) => &ctx.site.guides[i].placements[..],
        _ => &[],
    };
    placements.iter().find(|p| p.slug == slug).map_or_else(|| slug.to_owned(), |p| p.name.clone())
}

fn series(ctx: &RenderCtx<'_>, data: &ScanData) -> Vec<Series> {
    let mut grouped: BTreeMap<(String, Option<String>), BTreeMap<PartialDate, Count>> = BTreeMap::new();
    for cell in &data.counts {
        let Ok(day) = PartialDate::parse(&cell.day) else { continue };
        grouped.entry((cell.code.clone(), cell.placement.clone())).or_default().insert(day, cell.scans);
    }
    let mut out: Vec<Series> = grouped
        .into_iter()
        .map(|((code, placement), per_day)| {
            let page = page_of(ctx, &code);
            let total: u64 = per_day.values().map(|c| c.shown()).sum();
            let small = per_day.values().filter(|c| **c == Count::Small).count();
            let row = ScanRow {
                page_title: page.as_ref().map(|p| p.1.clone()),
                page_url: page.as_ref().map(|p| p.2.clone()),
                placement: placement.as_deref().map(|slug| placement_name(ctx, page.as_ref().map(|p| p.0), slug)),
                code,
                total,
                small_days: small,
                colour: "",
                dash: "",
            };
            Series { row, per_day }
        })
        .collect();
    // Grouped by page (campaign), then code and placement.
    out.sort_by(|a, b| {
        (&a.row.page_title, &a.row.code, &a.row.placement).cmp(&(&b.row.page_title, &b.row.code, &b.row.placement))
    });
    for (n, s) in out.iter_mut().enumerate() {
        s.row.colour = COLOURS[n % COLOURS.len()];
        s.row.dash = DASHES[(n / COLOURS.len()) % DASHES.len()];
    }
    out
}

/// Every day from the first to the last with counts.
fn days(data: &ScanData) -> Vec<PartialDate> {
    let known: Vec<PartialDate> = data.counts.iter().filter_map(|c| PartialDate::parse(&c.day).ok()).collect();
    let (Some(first), Some(last)) = (known.iter().min(), known.iter().max()) else { return Vec::new() };
    (first.days_since_epoch()..=last.days_since_epoch()).map(PartialDate::from_days_since_epoch).collect()
}

/// The chart: one polyline per series over the days, a count under 5 drawn as 0.
fn chart(series: &[Series], days: &[PartialDate]) -> ScanChart {
    let top = series.iter().flat_map(|s| s.per_day.values().map(|c| c.shown())).max().unwrap_or(0).max(5);
    let step = nice_step(top);
    let top = top.div_ceil(step) * step;
    let plot_w = WIDTH - LEFT - 8.0;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |i: usize| LEFT + if days.len() > 1 { plot_w * i as f64 / (days.len() - 1) as f64 } else { plot_w / 2.0 };
    let y = |n: u64| TOP + plot_h - plot_h * n as f64 / top as f64;
    let lines = series
        .iter()
        .map(|s| ScanSeries {
            points: days
                .iter()
                .enumerate()
                .map(|(i, d)| format!("{:.1},{:.1}", x(i), y(s.per_day.get(d).map_or(0, |c| c.shown()))))
                .collect::<Vec<_>>()
                .join(" "),
            colour: s.row.colour,
            dash: s.row.dash,
        })
        .collect();
    let y_ticks = (0..=top / step)
        .map(|k| ScanTick { at: format!("{:.1}", y(k * step)), label: (k * step).to_string() })
        .collect();
    // At most about eight day labels.
    let every = days.len().div_ceil(8).max(1);
    let x_ticks = days
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0 || *i + 1 == days.len())
        .map(|(i, d)| ScanTick {
            at: format!("{:.1}", x(i)),
            label: format!("{:02}/{:02}", d.day.unwrap_or(1), d.month.unwrap_or(1)),
        })
        .collect();
    ScanChart {
        width: WIDTH as u32,
        height: HEIGHT as u32,
        left: LEFT as u32,
        bottom_y: format!("{:.1}", TOP + plot_h),
        right_x: format!("{:.1}", WIDTH - 8.0),
        series: lines,
        y_ticks,
        x_ticks,
    }
}

/// A tick step of 1, 2 or 5 × 10ⁿ giving at most five steps up to `top`.
fn nice_step(top: u64) -> u64 {
    let mut magnitude = 1;
    loop {
        for step in [1, 2, 5].map(|m| m * magnitude) {
            if top.div_ceil(step) <= 5 {
                return step;
            }
        }
        magnitude *= 10;
    }
}

/// The CSV download: one row per code, placement and day, counts as in data/scans.json.
/// Every field is quoted; a field a spreadsheet would run as a formula gets a leading `'`.
fn csv(ctx: &RenderCtx<'_>, data: &ScanData) -> Vec<u8> {
    let mut out = String::from("\"ma\",\"trang\",\"noi_dat\",\"ngay\",\"luot_quet\"\r\n");
    for cell in &data.counts {
        let page = page_of(ctx, &cell.code).map(|p| p.1).unwrap_or_default();
        let count = if cell.at_least { format!(">={}", cell.scans) } else { cell.scans.to_string() };
        let fields = [cell.code.as_str(), &page, cell.placement.as_deref().unwrap_or(""), &cell.day, &count];
        out.push_str(&fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn csv_field(value: &str) -> String {
    let guarded = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.into() };
    format!("\"{}\"", guarded.replace('"', "\"\""))
}

/// The public total of a campaign's scans ("đã có N lượt quét mã") when site.yaml asks for
/// it: every code of the campaign, counts under 5 left out.
pub(crate) fn campaign_total(ctx: &RenderCtx<'_>, target: Target) -> Option<u64> {
    if !ctx.site.config.scans.public_total || !matches!(target, Target::Campaign(_)) {
        return None;
    }
    let data = ctx.site.scans.as_ref()?;
    let codes: Vec<&str> =
        ctx.site.short_links.links.iter().filter(|(_, t)| **t == target).map(|(c, _)| c.as_str()).collect();
    let total: u64 = data.counts.iter().filter(|c| codes.contains(&c.code.as_str())).map(|c| c.scans.shown()).sum();
    (total > 0).then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_steps_are_round_and_few() {
        assert_eq!(nice_step(5), 1);
        assert_eq!(nice_step(9), 2);
        assert_eq!(nice_step(23), 5);
        assert_eq!(nice_step(480), 100);
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(csv_field("a\"b"), "\"a\"\"b\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
    }
}
