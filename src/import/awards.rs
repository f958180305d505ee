//! Award decisions (Quyết định khen thưởng): when an imported decision's annex lists the
//! winning solutions, as a Word table or as text, `loa import` proposes a result file
//! (`content/results/<campaign>/<slug>.md`) with one entry per winner, each uncertain value
//! marked `# REVIEW:`. The file starts as a draft, as the imported decision does.

use std::path::{Path, PathBuf};

use super::Draft;
use super::recognise::{Block, Document};
use super::write::{comment, quote};
use crate::text::fold;

/// One winner read from the annex.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Winner {
    pub title: String,
    pub authors: Vec<String>,
    pub unit: Option<String>,
    /// As written in the annex; matched against site.yaml's fields when written.
    pub field: Option<String>,
    /// As written: "Giải Nhất", "Nhì"…
    pub level: Option<String>,
}

/// The result file proposed for an award decision: its path and text. None when the
/// document is no award decision or lists no winner.
pub(crate) fn propose(
    document: &Document,
    draft: &Draft,
    decision_slug: &str,
    root: &Path,
    out: Option<&Path>,
    source_name: &str,
) -> Option<(PathBuf, String)> {
    if !is_award_decision(draft) {
        return None;
    }
    let mut winners = from_tables(document);
    if winners.is_empty() {
        winners = from_text(document);
    }
    if winners.is_empty() {
        return None;
    }
    let fields = crate::config::Config::load(&root.join("site.yaml"), Path::new("site.yaml"), None)
        .map(|c| c.fields)
        .unwrap_or_default();
    let campaign = draft.campaigns.first().cloned();
    let folder = campaign.clone().unwrap_or_else(|| "chua-ro-phong-trao".to_owned());
    // With --out every file the import writes is under it, the result file too.
    let results = out.map_or_else(|| root.join("content/results"), |out| out.join("results"));
    let path = results.join(folder).join(format!("{decision_slug}.md"));
    Some((path, result_file(draft, decision_slug, campaign.as_deref(), &winners, &fields, source_name)))
}

/// A quyết định whose title or text speaks of awards.
fn is_award_decision(draft: &Draft) -> bool {
    let text = fold(&format!("{} {}", draft.title.as_deref().unwrap_or(""), draft.body));
    draft.doc_type == "quyet-dinh" && ["khen thuong", "trao giai", "dat giai"].iter().any(|w| text.contains(w))
}

/// The text of a table cell.
fn cell_text(cell: &[Block]) -> String {
    cell.iter()
        .filter_map(|b| match b {
            Block::Para { lines, .. } => Some(lines.join(" ")),
            Block::Table { .. } => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['*', '_'], "")
        .trim()
        .to_owned()
}

/// Which column holds what, from a header row.
#[derive(Default)]
struct Columns {
    title: Option<usize>,
    authors: Option<usize>,
    unit: Option<usize>,
    field: Option<usize>,
    level: Option<usize>,
}

fn columns(header: &[String]) -> Columns {
    let mut columns = Columns::default();
    for (i, text) in header.iter().enumerate() {
        let f = fold(text);
        if f.contains("tac gia") {
            columns.authors.get_or_insert(i);
        } else if f.contains("don vi") || f.contains("co quan") {
            columns.unit.get_or_insert(i);
        } else if f.contains("linh vuc") {
            columns.field.get_or_insert(i);
        } else if f.contains("giai phap") || f.contains("ten de tai") || f.contains("ten san pham") {
            columns.title.get_or_insert(i);
        } else if f.contains("giai") || f.contains("xep loai") {
            columns.level.get_or_insert(i);
        }
    }
    columns
}

/// Winners from every table whose header names the solutions and their authors.
fn from_tables(document: &Document) -> Vec<Winner> {
    let mut winners = Vec::new();
    for block in &document.blocks {
        let Block::Table { rows } = block else { continue };
        let texts: Vec<Vec<String>> = rows.iter().map(|row| row.iter().map(|c| cell_text(c)).collect()).collect();
        let Some((header, body)) = texts.split_first() else { continue };
        let columns = columns(header);
        let (Some(title), Some(authors)) = (columns.title, columns.authors) else { continue };
        // A row with one filled cell is a level heading ("GIẢI NHẤT") inside the table.
        let mut level_heading: Option<String> = None;
        for row in body {
            let filled: Vec<&String> = row.iter().filter(|c| !c.is_empty()).collect();
            if filled.len() == 1 && level_of(filled[0]).is_some() {
                level_heading = Some(filled[0].clone());
                continue;
            }
            let get = |i: Option<usize>| i.and_then(|i| row.get(i)).filter(|t| !t.is_empty()).cloned();
            let Some(title) = get(Some(title)) else { continue };
            winners.push(Winner {
                title: unquote(&title),
                authors: split_authors(&get(Some(authors)).unwrap_or_default()),
                unit: get(columns.unit),
                field: get(columns.field),
                level: get(columns.level).or_else(|| level_heading.clone()),
            });
        }
    }
    winners
}

/// Winners from text: level headings ("I. GIẢI NHẤT") followed by numbered entries,
/// `1. Giải pháp “…”; Tác giả: …; Đơn vị: …; Lĩnh vực: …`.
fn from_text(document: &Document) -> Vec<Winner> {
    let mut winners = Vec::new();
    let mut level: Option<String> = None;
    for block in &document.blocks {
        let Block::Para { lines, .. } = block else { continue };
        for line in lines {
            let line = line.replace(['*', '_'], "");
            let line = line.trim();
            let folded = fold(line);
            if line.chars().count() < 40 && level_of(line).is_some() && !folded.contains("tac gia") {
                level = Some(strip_numbering(line).to_owned());
                continue;
            }
            if !folded.contains("tac gia") {
                continue;
            }
            let mut winner = Winner { level: level.clone(), ..Winner::default() };
            for (i, part) in strip_numbering(line).split([';', '|']).enumerate() {
                let part = part.trim();
                let (label, value) = part.split_once(':').map_or(("", part), |(l, v)| (l, v.trim()));
                match fold(label).as_str() {
                    l if l.contains("tac gia") => winner.authors = split_authors(value),
                    l if l.contains("don vi") => winner.unit = Some(value.to_owned()),
                    l if l.contains("linh vuc") => winner.field = Some(value.to_owned()),
                    l if l.contains("giai phap") || i == 0 => winner.title = unquote(value),
                    _ => {}
                }
            }
            if !winner.title.is_empty() {
                winners.push(winner);
            }
        }
    }
    winners
}

/// `1.`, `I.`, `a)` at the start of a line, removed.
fn strip_numbering(line: &str) -> &str {
    let trimmed = line.trim_start();
    let end = trimmed.find(|c: char| !(c.is_ascii_digit() || "IVXivx".contains(c))).unwrap_or(0);
    match trimmed[end..].strip_prefix(['.', ')']) {
        Some(rest) if end > 0 => rest.trim_start(),
        _ => trimmed,
    }
}

fn unquote(text: &str) -> String {
    let text = text.trim();
    let text = text.strip_prefix("Giải pháp").or_else(|| text.strip_prefix("giải pháp")).unwrap_or(text).trim();
    text.trim_matches(|c| matches!(c, '"' | '“' | '”' | '«' | '»' | ':')).trim().to_owned()
}

fn split_authors(text: &str) -> Vec<String> {
    text.split([',', ';', '\n'])
        .flat_map(|a| a.split(" và "))
        .map(|a| a.trim().trim_start_matches("và ").trim())
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The standard level a text names: `Giải Nhất`, `GIẢI NHÌ`, `Khuyến khích`, `Ba`.
fn level_of(text: &str) -> Option<&'static str> {
    let folded = fold(strip_numbering(text));
    let words: Vec<&str> = folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    if folded.contains("khuyen khich") {
        Some("khuyen-khich")
    } else if has("nhat") {
        Some("nhat")
    } else if has("nhi") {
        Some("nhi")
    } else if has("ba") && (has("giai") || words.len() == 1) {
        Some("ba")
    } else {
        None
    }
}

fn result_file(
    draft: &Draft,
    decision: &str,
    campaign: Option<&str>,
    winners: &[Winner],
    fields: &[crate::config::FieldDef],
    source_name: &str,
) -> String {
    let mut out = String::from("---\n");
    comment(
        &mut out,
        "",
        &crate::msg!("import-label-imported").to_string(),
        &crate::msg!("import-results-header", source_name, count = winners.len()).to_string(),
    );
    let title = draft.title.as_deref().unwrap_or("Kết quả Hội thi");
    out.push_str(&format!("title: {}\n", quote(&format!("Kết quả: {title}"))));
    match campaign {
        Some(slug) => out.push_str(&format!("campaign: {}\n", quote(slug))),
        None => comment(&mut out, "", "NOT FOUND", &crate::msg!("import-results-no-campaign").to_string()),
    }
    out.push_str(&format!("decision: {}\n", quote(decision)));
    out.push_str("draft: true\nentries:\n");
    for winner in winners {
        out.push_str(&format!("  - title: {}\n", quote(&winner.title)));
        if winner.authors.is_empty() {
            comment(&mut out, "    ", "NOT FOUND", "authors");
        }
        let authors: Vec<String> = winner.authors.iter().map(|a| quote(a)).collect();
        out.push_str(&format!("    authors: [{}]\n", authors.join(", ")));
        if let Some(unit) = &winner.unit {
            out.push_str(&format!("    unit: {}\n", quote(unit)));
        }
        if let Some(field) = &winner.field {
            match match_field(field, fields) {
                Some(slug) => out.push_str(&format!("    field: {}\n", quote(slug))),
                None => {
                    comment(&mut out, "    ", "REVIEW", &crate::msg!("import-results-field-unknown", field).to_string())
                }
            }
        }
        match winner.level.as_deref().and_then(level_of) {
            Some(level) => out.push_str(&format!("    level: {}\n", quote(level))),
            None => {
                comment(
                    &mut out,
                    "    ",
                    "REVIEW",
                    &match winner.level.as_deref() {
                        Some(level) => crate::msg!("import-results-level-unknown", level),
                        None => crate::msg!("import-results-level-missing"),
                    }
                    .to_string(),
                );
                out.push_str(&format!(
                    "    level: {}\n",
                    quote(&crate::text::slugify(winner.level.as_deref().unwrap_or("")))
                ));
            }
        }
    }
    out.push_str("---\n");
    out
}

/// The slug of the site.yaml field a name (or slug) written in the annex names.
fn match_field<'f>(written: &str, fields: &'f [crate::config::FieldDef]) -> Option<&'f str> {
    let folded = fold(written);
    let slug = crate::text::slugify(written);
    fields
        .iter()
        .find(|f| f.slug == slug || fold(&f.name) == folded)
        .or_else(|| fields.iter().find(|f| fold(&f.name).starts_with(&folded) || folded.starts_with(&fold(&f.name))))
        .map(|f| f.slug.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_annexes_give_one_winner_per_numbered_line() {
        let document = Document::from_text(
            "I. GIẢI NHẤT\n\n1. Giải pháp “Máy bóc vỏ lạc mini”; Tác giả: Nguyễn Hữu Phúc, Lê Văn A; Đơn vị: HTX Hoằng Hóa; Lĩnh vực: Cơ khí\n\nII. GIẢI KHUYẾN KHÍCH\n\n1. Bài thuốc xông hơi; Tác giả: Lương Thị Nhung\n",
        );
        let winners = from_text(&document);
        assert_eq!(winners.len(), 2, "{winners:?}");
        assert_eq!(winners[0].title, "Máy bóc vỏ lạc mini");
        assert_eq!(winners[0].authors, ["Nguyễn Hữu Phúc", "Lê Văn A"]);
        assert_eq!(winners[0].level.as_deref().and_then(level_of), Some("nhat"));
        assert_eq!(winners[1].level.as_deref().and_then(level_of), Some("khuyen-khich"));
    }

    #[test]
    fn levels_are_read_as_written() {
        assert_eq!(level_of("Giải Ba"), Some("ba"));
        assert_eq!(level_of("GIẢI NHÌ"), Some("nhi"));
        assert_eq!(level_of("Nhất"), Some("nhat"));
        assert_eq!(level_of("Giải Phong trào"), None);
    }
}
