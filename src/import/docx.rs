//! Reading a Word `.docx`: a zip of XML parts. Only `word/document.xml` (with
//! `word/numbering.xml` for list kinds and `word/footnotes.xml`) is read, each through a
//! decompressed-size budget, so a small zip that inflates to gigabytes is refused.
//!
//! The result is paragraphs of Markdown inline text (bold, italic, `^{…}` superscripts,
//! `[^n]` footnote marks), list items with their level, and tables.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::legacy::Legacy;
use super::recognise::{Block, Document, ListMark};
use crate::diag::Text;

/// More entries than this is not a Word document of a dispatch.
pub const MAX_ENTRIES: usize = 5_000;
/// The most XML read out of one `.docx`, all parts together (decompressed).
pub const MAX_XML_BYTES: u64 = 20 * 1024 * 1024;

/// Why a `.docx` could not be read, with what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxError {
    pub message: Text,
    pub hint: Text,
}

fn docx_error(message: Text, hint: Text) -> DocxError {
    DocxError { message, hint }
}

fn corrupt(detail: impl std::fmt::Display) -> DocxError {
    docx_error(crate::msg!("docx-corrupt", detail), crate::msg!("docx-corrupt-hint"))
}

/// Reads the text of a `.docx` held in memory.
pub fn extract(bytes: &[u8]) -> Result<Document, DocxError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    if archive.len() > MAX_ENTRIES {
        return Err(docx_error(
            crate::msg!("docx-too-many-entries", entries = archive.len(), max = MAX_ENTRIES),
            crate::msg!("docx-too-many-entries-hint"),
        ));
    }
    let mut budget = MAX_XML_BYTES;
    let document = read_part(&mut archive, "word/document.xml", &mut budget)?
        .ok_or_else(|| docx_error(crate::msg!("docx-not-word"), crate::msg!("docx-not-word-hint")))?;
    let formats = match read_part(&mut archive, "word/numbering.xml", &mut budget)? {
        Some(xml) => parse_numbering(&xml).map_err(corrupt)?,
        None => ListFormats::default(),
    };
    let footnotes = match read_part(&mut archive, "word/footnotes.xml", &mut budget)? {
        Some(xml) => {
            let parsed = Parser::run(&xml, &formats).map_err(corrupt)?;
            parsed
                .notes
                .into_iter()
                .map(|(id, blocks)| {
                    let text = blocks.iter().map(block_text).collect::<Vec<_>>().join(" ");
                    (id, text.trim().to_owned())
                })
                .filter(|(_, text)| !text.is_empty())
                .collect()
        }
        None => Vec::new(),
    };
    let parsed = Parser::run(&document, &formats).map_err(corrupt)?;
    let mut found = parsed.legacy.clone();
    let mut document = Document { blocks: parsed.blocks, footnotes, notes: Vec::new() };
    // Legacy text in a Unicode font (pasted, or a font the run does not name).
    if let Some(encoding) = super::legacy::convert_document(&mut document)
        && !found.contains(&encoding)
    {
        found.push(encoding);
    }
    document.notes.extend(found.into_iter().map(super::legacy_note));
    Ok(document)
}

fn read_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    budget: &mut u64,
) -> Result<Option<String>, DocxError> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(corrupt(e)),
    };
    let too_big = || {
        docx_error(
            crate::msg!("docx-zip-bomb", name, limit = MAX_XML_BYTES / (1024 * 1024)),
            crate::msg!("docx-zip-bomb-hint"),
        )
    };
    if file.size() > *budget {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    (&mut file).take(*budget + 1).read_to_end(&mut bytes).map_err(corrupt)?;
    if bytes.len() as u64 > *budget {
        return Err(too_big());
    }
    *budget -= bytes.len() as u64;
    String::from_utf8(bytes).map(Some).map_err(|_| corrupt(crate::msg!("docx-not-utf8-xml", name)))
}

/// For each numbering id, the number format of each level (`decimal`, `bullet`…).
#[derive(Debug, Default)]
struct ListFormats {
    formats: HashMap<String, HashMap<usize, String>>,
}

impl ListFormats {
    fn ordered(&self, num_id: &str, level: usize) -> bool {
        self.formats
            .get(num_id)
            .and_then(|levels| levels.get(&level))
            .is_some_and(|format| !matches!(format.as_str(), "bullet" | "none"))
    }
}

fn attribute(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

fn parse_numbering(xml: &str) -> Result<ListFormats, quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut abstracts: HashMap<String, HashMap<usize, String>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    let mut abstract_id: Option<String> = None;
    let mut level: usize = 0;
    let mut num_id: Option<String> = None;
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "w:abstractNum" => abstract_id = attribute(&e, "w:abstractNumId"),
                "w:lvl" => level = attribute(&e, "w:ilvl").and_then(|v| v.parse().ok()).unwrap_or(0),
                "w:numFmt" => {
                    if let (Some(id), Some(format)) = (&abstract_id, attribute(&e, "w:val")) {
                        abstracts.entry(id.clone()).or_default().insert(level, format);
                    }
                }
                "w:num" => num_id = attribute(&e, "w:numId"),
                "w:abstractNumId" => {
                    if let (Some(num), Some(id)) = (&num_id, attribute(&e, "w:val")) {
                        nums.insert(num.clone(), id);
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:abstractNum" => abstract_id = None,
                "w:num" => num_id = None,
                _ => {}
            },
            _ => {}
        }
    }
    let formats = nums.into_iter().filter_map(|(num, id)| Some((num, abstracts.get(&id)?.clone()))).collect();
    Ok(ListFormats { formats })
}

#[derive(Debug, Clone, Default)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
    sup: bool,
    /// Already Markdown (a footnote mark): not escaped.
    raw: bool,
    /// The legacy encoding its font implies (`.VnTime`, `VNI-Times`), and whether the
    /// font prints capitals only.
    font: Option<(Legacy, bool)>,
}

#[derive(Debug, Default)]
struct ParagraphBuilder {
    lines: Vec<Vec<Run>>,
    num: Option<(String, usize)>,
    style: Option<String>,
}

#[derive(Debug, Default)]
struct TableBuilder {
    rows: Vec<Vec<Vec<Block>>>,
    row: Vec<Vec<Block>>,
    cell: Vec<Block>,
}

#[derive(Default)]
struct Parser {
    blocks: Vec<Block>,
    notes: Vec<(String, Vec<Block>)>,
    note: Option<(String, Vec<Block>)>,
    paragraphs: Vec<ParagraphBuilder>,
    tables: Vec<TableBuilder>,
    run: Option<Run>,
    in_ppr: bool,
    in_rpr: bool,
    in_text: bool,
    /// Depth inside parts whose text is a duplicate or not shown (mc:Fallback, w:del).
    skip_depth: usize,
    /// The legacy encodings of the runs converted, for the REVIEW note.
    legacy: Vec<Legacy>,
}

impl Parser {
    fn run(xml: &str, formats: &ListFormats) -> Result<Parser, quick_xml::Error> {
        let mut parser = Parser::default();
        let mut reader = Reader::from_str(xml);
        loop {
            let event = reader.read_event()?;
            if parser.skip_depth > 0 {
                match event {
                    Event::Start(_) => parser.skip_depth += 1,
                    Event::End(_) => parser.skip_depth -= 1,
                    Event::Eof => break,
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Eof => break,
                Event::Start(e) => parser.start(&e, false),
                Event::Empty(e) => parser.start(&e, true),
                Event::End(e) => parser.end(e.name().as_ref(), formats),
                Event::Text(t) if parser.in_text => {
                    let text = t.xml_content(quick_xml::XmlVersion::Implicit1_0);
                    parser.push_text(&text);
                }
                Event::CData(t) if parser.in_text => {
                    let text = t.into_inner().into_owned();
                    parser.push_text(&text);
                }
                Event::GeneralRef(r) if parser.in_text => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            _ => None,
                        },
                    };
                    if let Some(c) = c {
                        parser.push_text(&c.to_string());
                    }
                }
                _ => {}
            }
        }
        Ok(parser)
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.name();
        match name.as_ref() {
            "mc:Fallback" | "w:del" | "w:moveFrom" if !empty => self.skip_depth = 1,
            "w:footnote" if !empty => {
                let kind = attribute(e, "w:type").unwrap_or_default();
                if kind == "separator" || kind == "continuationSeparator" || kind == "continuationNotice" {
                    self.skip_depth = 1;
                } else {
                    self.note = Some((attribute(e, "w:id").unwrap_or_default(), Vec::new()));
                }
            }
            "w:p" => {
                if empty {
                    return;
                }
                self.paragraphs.push(ParagraphBuilder { lines: vec![Vec::new()], ..Default::default() });
            }
            "w:pPr" if !empty => self.in_ppr = true,
            "w:rPr" if !empty => self.in_rpr = true,
            "w:pStyle" if self.in_ppr => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.style = attribute(e, "w:val");
                }
            }
            "w:ilvl" if self.in_ppr => {
                if let Some(p) = self.paragraphs.last_mut() {
                    let level = attribute(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    let id = p.num.as_ref().map(|n| n.0.clone()).unwrap_or_default();
                    p.num = Some((id, level));
                }
            }
            "w:numId" if self.in_ppr => {
                if let Some(p) = self.paragraphs.last_mut() {
                    let level = p.num.as_ref().map(|n| n.1).unwrap_or(0);
                    p.num = Some((attribute(e, "w:val").unwrap_or_default(), level));
                }
            }
            "w:r" if !empty && !self.in_ppr => self.run = Some(Run::default()),
            "w:b" | "w:bCs" if self.in_rpr && !self.in_ppr => {
                if let Some(run) = self.run.as_mut() {
                    run.bold = is_on(e);
                }
            }
            "w:i" | "w:iCs" if self.in_rpr && !self.in_ppr => {
                if let Some(run) = self.run.as_mut() {
                    run.italic = is_on(e);
                }
            }
            "w:rFonts" if self.in_rpr && !self.in_ppr => {
                if let Some(run) = self.run.as_mut() {
                    let font = attribute(e, "w:ascii").or_else(|| attribute(e, "w:hAnsi")).unwrap_or_default();
                    run.font = super::legacy::font_encoding(&font);
                }
            }
            "w:vertAlign" if self.in_rpr && !self.in_ppr => {
                if let Some(run) = self.run.as_mut() {
                    run.sup = attribute(e, "w:val").as_deref() == Some("superscript");
                }
            }
            "w:t" if !empty && self.run.is_some() => self.in_text = true,
            "w:tab" if self.run.is_some() && !self.in_ppr => self.push_text("\t"),
            "w:br" | "w:cr" if self.run.is_some() => {
                let kind = attribute(e, "w:type").unwrap_or_default();
                if kind != "page" && kind != "column" {
                    self.flush_run(true);
                    if let Some(p) = self.paragraphs.last_mut() {
                        p.lines.push(Vec::new());
                    }
                }
            }
            "w:noBreakHyphen" if self.run.is_some() => self.push_text("-"),
            "w:footnoteReference" => {
                if let Some(id) = attribute(e, "w:id") {
                    self.flush_run(true);
                    let mark = Run { text: format!("[^{id}]"), raw: true, ..Default::default() };
                    if let Some(line) = self.paragraphs.last_mut().and_then(|p| p.lines.last_mut()) {
                        line.push(mark);
                    }
                }
            }
            "w:tbl" if !empty => self.tables.push(TableBuilder::default()),
            "w:tr" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Vec::new();
                }
            }
            "w:tc" if !empty => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Vec::new();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str, formats: &ListFormats) {
        match name {
            "w:t" => self.in_text = false,
            "w:pPr" => self.in_ppr = false,
            "w:rPr" => self.in_rpr = false,
            "w:r" => self.flush_run(false),
            "w:p" => {
                self.flush_run(false);
                if let Some(p) = self.paragraphs.pop()
                    && let Some(block) = finish_paragraph(p, formats)
                {
                    self.emit(block);
                }
            }
            "w:tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = std::mem::take(&mut t.cell);
                    t.row.push(cell);
                }
            }
            "w:tr" => {
                if let Some(t) = self.tables.last_mut() {
                    let row = std::mem::take(&mut t.row);
                    t.rows.push(row);
                }
            }
            "w:tbl" => {
                if let Some(t) = self.tables.pop() {
                    if self.tables.is_empty() {
                        self.emit(Block::Table { rows: t.rows });
                    } else {
                        // A table inside a cell: its paragraphs join the outer cell.
                        for block in t.rows.into_iter().flatten().flatten() {
                            self.emit(block);
                        }
                    }
                }
            }
            "w:footnote" => {
                if let Some(note) = self.note.take() {
                    self.notes.push(note);
                }
            }
            _ => {}
        }
    }

    fn emit(&mut self, block: Block) {
        if let Some(table) = self.tables.last_mut() {
            table.cell.push(block);
        } else if let Some((_, blocks)) = self.note.as_mut() {
            blocks.push(block);
        } else {
            self.blocks.push(block);
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(run) = self.run.as_mut() {
            run.text.push_str(text);
        }
    }

    /// Ends the current run's text; with `keep`, text that follows keeps its formatting.
    fn flush_run(&mut self, keep: bool) {
        let Some(mut run) = self.run.take() else { return };
        let format = Run { text: String::new(), ..run.clone() };
        if let Some((encoding, upper)) = run.font
            && !run.text.is_ascii()
        {
            run.text = encoding.convert(&run.text, upper);
            if !self.legacy.contains(&encoding) {
                self.legacy.push(encoding);
            }
        }
        if !run.text.is_empty()
            && let Some(line) = self.paragraphs.last_mut().and_then(|p| p.lines.last_mut())
        {
            line.push(run);
        }
        if keep {
            self.run = Some(format);
        }
    }
}

/// `<w:b/>` is on; `<w:b w:val="0"/>` (or false, off) is off.
fn is_on(e: &BytesStart<'_>) -> bool {
    !matches!(attribute(e, "w:val").as_deref(), Some("0" | "false" | "off" | "none"))
}

fn finish_paragraph(p: ParagraphBuilder, formats: &ListFormats) -> Option<Block> {
    let mut lines: Vec<String> = p.lines.into_iter().map(|runs| render_runs(&runs)).collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.is_empty() {
        return None;
    }
    let style = p.style.unwrap_or_default().to_lowercase();
    let list = match p.num {
        Some((id, level)) if !id.is_empty() && id != "0" => {
            Some(ListMark { ordered: formats.ordered(&id, level), level, list: id })
        }
        _ if style.starts_with("listbullet") => Some(ListMark { ordered: false, level: 0, list: style.clone() }),
        _ if style.starts_with("listnumber") => Some(ListMark { ordered: true, level: 0, list: style.clone() }),
        _ => None,
    };
    let heading = style
        .strip_prefix("heading")
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=6).contains(n))
        .or_else(|| (style == "title").then_some(1));
    Some(Block::Para { lines, list, heading })
}

/// Runs as Markdown: adjacent runs of the same look merged, emphasis around the words
/// (never around the spaces at their ends), Markdown characters escaped.
fn render_runs(runs: &[Run]) -> String {
    let mut merged: Vec<Run> = Vec::new();
    for run in runs {
        match merged.last_mut() {
            Some(last)
                if !last.raw && !run.raw && (last.bold, last.italic, last.sup) == (run.bold, run.italic, run.sup) =>
            {
                last.text.push_str(&run.text)
            }
            _ => merged.push(run.clone()),
        }
    }
    let mut out = String::new();
    for run in &merged {
        if run.raw {
            out.push_str(&run.text);
            continue;
        }
        let text = escape(&run.text);
        if run.sup {
            if !text.trim().is_empty() {
                out.push_str(&format!("^{{{}}}", text.trim()));
            }
            continue;
        }
        let marker = match (run.bold, run.italic) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        let core = text.trim();
        if marker.is_empty() || core.is_empty() {
            out.push_str(&text);
            continue;
        }
        let leading = &text[..text.len() - text.trim_start().len()];
        let trailing = &text[text.trim_end().len()..];
        out.push_str(leading);
        out.push_str(marker);
        out.push_str(core);
        out.push_str(marker);
        out.push_str(trailing);
    }
    // Adjacent runs that are both bold make "****": join them.
    out.replace("******", "").replace("****", "").trim_end().to_owned()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`') {
            out.push('\\');
        }
        out.push(if c == '\u{a0}' { ' ' } else { c });
    }
    out
}

/// The plain text of a block (for footnotes).
fn block_text(block: &Block) -> String {
    match block {
        Block::Para { lines, .. } => lines.join(" "),
        Block::Table { rows } => rows.iter().flatten().flatten().map(block_text).collect::<Vec<_>>().join(" "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(xml: &str) -> Vec<Block> {
        let document = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="x"><w:body>{xml}</w:body></w:document>"#
        );
        Parser::run(&document, &ListFormats::default()).unwrap().blocks
    }

    #[test]
    fn paragraphs_keep_bold_italic_and_line_breaks() {
        let blocks = runs(
            r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>KT. GIÁM ĐỐC</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:br/><w:t>PHÓ GIÁM ĐỐC</w:t></w:r></w:p>
               <w:p><w:r><w:t xml:space="preserve">Gửi về </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">Sở KH&amp;CN </w:t></w:r><w:r><w:t>trước ngày 20/5/2023</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            blocks,
            vec![
                Block::Para {
                    lines: vec!["**KT. GIÁM ĐỐC**".into(), "**PHÓ GIÁM ĐỐC**".into()],
                    list: None,
                    heading: None
                },
                Block::Para {
                    lines: vec!["Gửi về *Sở KH&CN* trước ngày 20/5/2023".into()], list: None, heading: None
                },
            ]
        );
    }

    #[test]
    fn superscripts_footnotes_and_escapes() {
        let blocks = runs(
            r#"<w:p><w:r><w:t>Lưu: VT, VP</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:t>XT</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> a*b</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            blocks,
            vec![Block::Para { lines: vec![r"Lưu: VT, VP^{XT}[^2] a\*b".into()], list: None, heading: None }]
        );
    }

    #[test]
    fn tables_hold_their_cells() {
        let blocks = runs(
            r#"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"#,
        );
        let Block::Table { rows } = &blocks[0] else { panic!("{blocks:?}") };
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].len(), 2);
    }

    #[test]
    fn numbering_formats_tell_ordered_lists() {
        let formats = parse_numbering(
            r#"<w:numbering xmlns:w="x"><w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:num w:numId="7"><w:abstractNumId w:val="3"/></w:num></w:numbering>"#,
        )
        .unwrap();
        assert!(formats.ordered("7", 0));
        assert!(!formats.ordered("7", 1));
        assert!(!formats.ordered("8", 0));
    }
}
