//! Recognising the parts of a dispatch (Nghị định 30/2020/NĐ-CP, Hướng dẫn 36-HD/VPTW):
//! the header (issuing body, motto, Số/ký hiệu, place and date, V/v or type and title,
//! Kính gửi, urgency), the footer (Nơi nhận, signer) and the body between them. Pure
//! functions over paragraphs of text; nothing here reads files or knows the portal.

use super::Note;
use super::citations::{self, AttachmentMention, ContactsFound, DeadlineMention, Reference};
use super::scan::{self, Folded, clean, is_list_line, is_name, is_rule, is_upper, office_case, strip_item};
use crate::content::model::{Authority, DOC_TYPES};
use crate::date::PartialDate;

/// One paragraph or table of the source, as read from a `.docx` or a text file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph: its lines of Markdown inline text.
    Para { lines: Vec<String>, list: Option<ListMark>, heading: Option<usize> },
    /// Rows of cells; each cell holds paragraphs.
    Table { rows: Vec<Vec<Vec<Block>>> },
}

/// A paragraph that is a list item (Word numbering).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMark {
    pub ordered: bool,
    pub level: usize,
    /// Which list it belongs to (items of one list count together).
    pub list: String,
}

/// A source document: its blocks and footnotes (id, text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<(String, String)>,
    /// What reading found to check by hand (a legacy encoding converted).
    pub notes: Vec<Note>,
}

impl Document {
    /// A text or Markdown file: paragraphs are separated by blank lines.
    pub fn from_text(text: &str) -> Document {
        let mut blocks = Vec::new();
        let mut lines: Vec<String> = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                if !lines.is_empty() {
                    blocks.push(Block::Para { lines: std::mem::take(&mut lines), list: None, heading: None });
                }
            } else {
                lines.push(line.trim_end().to_owned());
            }
        }
        if !lines.is_empty() {
            blocks.push(Block::Para { lines, list: None, heading: None });
        }
        Document { blocks, footnotes: Vec::new(), notes: Vec::new() }
    }
}

/// State (Quốc hiệu) or Party ("ĐẢNG CỘNG SẢN VIỆT NAM") format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum System {
    State,
    Party,
}

/// The signature block as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignerFound {
    /// In the content model's spelling: `TM.`, `KT.` … or `T/M`, `K/T`, `T/L`.
    pub authority: Option<String>,
    pub body: Option<String>,
    pub position: Option<String>,
    pub name: Option<String>,
}

/// Everything read from one dispatch, before it is matched against the portal.
#[derive(Debug, Clone, Default)]
pub struct Recognised {
    pub system: Option<System>,
    /// The upper-left block, line by line (cleaned, upper case as printed).
    pub issuer_lines: Vec<String>,
    /// The issuing body and its parent, as the block most likely splits.
    pub issuer: Option<String>,
    pub parent: Option<String>,
    /// `cong-van`, `ke-hoach`…
    pub doc_type: Option<&'static str>,
    pub number: Option<String>,
    pub place: Option<String>,
    pub date: Option<PartialDate>,
    pub title: Option<String>,
    pub recipients: Vec<String>,
    pub references: Vec<Reference>,
    pub attachments: Vec<AttachmentMention>,
    pub deadlines: Vec<DeadlineMention>,
    pub contacts: ContactsFound,
    pub signer: Option<SignerFound>,
    pub distribution: Vec<String>,
    /// `khan`, `thuong-khan`, `hoa-toc`.
    pub urgency: Option<&'static str>,
    /// The body as Markdown.
    pub body: String,
    /// The body's paragraphs as plain text (for matching campaigns).
    pub body_text: Vec<String>,
    pub notes: Vec<Note>,
}

/// Why a file cannot be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub message: crate::diag::Text,
    pub hint: crate::diag::Text,
}

/// A paragraph after layout tables are opened: lines, list mark, or a table kept whole.
#[derive(Debug, Clone)]
struct Item {
    lines: Vec<String>,
    list: Option<ListMark>,
    heading: Option<usize>,
    table: Option<Vec<Vec<Vec<Block>>>>,
}

impl Item {
    fn para(lines: Vec<String>) -> Item {
        Item { lines, list: None, heading: None, table: None }
    }

    fn text_len(&self) -> usize {
        self.lines.iter().map(|l| l.chars().count()).sum()
    }
}

/// What one line of a header or footer is.
#[derive(Debug, Clone, PartialEq)]
enum Class {
    Blank,
    StateMotto,
    PartyMotto,
    Number(Option<String>),
    Date { place: Option<String>, date: scan::ReadDate },
    Subject(String),
    KinhGui(String),
    NoiNhan(String),
    Authority { label: String, rest: String },
    Urgency(&'static str),
    Classified(String),
    Internal(String),
    TypeName(&'static str),
    Upper(String),
    Other(String),
}

impl Class {
    fn strong(&self) -> bool {
        matches!(self, Class::Number(_) | Class::Date { .. } | Class::Subject(_) | Class::KinhGui(_))
    }
}

fn classify(line: &str) -> Class {
    let t = clean(line);
    if t.is_empty() || is_rule(&t) {
        return Class::Blank;
    }
    let f = Folded::new(&t);
    let folded: String = f.fold.iter().collect();
    let lower = t.to_lowercase();
    if folded.contains("cong hoa xa hoi chu nghia viet nam")
        || (folded.contains("doc lap") && folded.contains("tu do") && folded.contains("hanh phuc"))
    {
        return Class::StateMotto;
    }
    if is_upper(&t) && folded.trim_matches(|c: char| !c.is_alphanumeric()) == "dang cong san viet nam" {
        return Class::PartyMotto;
    }
    // The Youth Union's own line in the motto's place (Hướng dẫn of its Central Committee).
    if is_upper(&t)
        && matches!(
            folded.trim_matches(|c: char| !c.is_alphanumeric()),
            "doan tncs ho chi minh" | "doan thanh nien cong san ho chi minh"
        )
    {
        return Class::Blank;
    }
    if let Some(rest) = lower.strip_prefix("số") {
        let next = rest.chars().next();
        if next.is_none_or(|c| c == ':' || c == ' ' || c == '.' || c.is_ascii_digit() || c == '/' || c == '…') {
            let start = f.skip(2, ":");
            let number = scan::doc_number_at(&f, start, true).map(|(n, _)| n);
            let rest_text = f.slice(start, f.len());
            if number.is_some() || rest_text.chars().all(|c| !c.is_alphabetic()) {
                return Class::Number(number);
            }
        }
    }
    if let Some(date) = date_line(&f) {
        return date;
    }
    if lower.starts_with("v/v") {
        let rest = t.chars().skip(3).collect::<String>();
        return Class::Subject(rest.trim_start_matches([':', '.', ' ']).trim().to_owned());
    }
    if folded.starts_with("ve viec") && t.chars().count() < 250 {
        let rest = t.chars().skip(7).collect::<String>();
        return Class::Subject(rest.trim_start_matches([':', '.', ' ']).trim().to_owned());
    }
    if folded.starts_with("kinh gui") {
        let rest = t.chars().skip(8).collect::<String>();
        return Class::KinhGui(rest.trim_start_matches([':', ' ']).trim().to_owned());
    }
    if folded.starts_with("noi nhan") {
        let rest = t.chars().skip(8).collect::<String>();
        return Class::NoiNhan(rest.trim_start_matches([':', ' ']).trim().to_owned());
    }
    for label in ["T/M", "K/T", "T/L", "TM.", "KT.", "TL.", "TUQ.", "Q.", "TM ", "KT ", "TL ", "TUQ "] {
        if let Some(rest) = t.strip_prefix(label) {
            let rest = rest.trim();
            if is_upper(rest) {
                return Class::Authority { label: label.trim().to_owned(), rest: rest.to_owned() };
            }
        }
    }
    let bare = folded.trim_matches(|c: char| !c.is_alphanumeric()).to_owned();
    if is_upper(&t) {
        match bare.as_str() {
            "khan" => return Class::Urgency("khan"),
            "thuong khan" => return Class::Urgency("thuong-khan"),
            "hoa toc" => return Class::Urgency("hoa-toc"),
            "mat" | "toi mat" | "tuyet mat" => return Class::Classified(t),
            _ => {}
        }
        if bare.contains("luu hanh noi bo") || bare.contains("xem xong tra lai") {
            return Class::Internal(t);
        }
        if let Some(slug) = type_from_name(&bare) {
            return Class::TypeName(slug);
        }
        return Class::Upper(t);
    }
    Class::Other(t)
}

/// The document type named by a header line such as `KẾ HOẠCH` (folded).
fn type_from_name(folded: &str) -> Option<&'static str> {
    if folded == "ke hoach lien tich" {
        return Some("ke-hoach");
    }
    DOC_TYPES
        .iter()
        .find(|(slug, name, _)| *slug != "khac" && crate::text::fold(name) == folded)
        .map(|(slug, _, _)| *slug)
}

/// "Thanh Hóa, ngày 25 tháng 6 năm 2024", "Thái Nguyên, ngày tháng 9 năm 2022",
/// "Hà Nội, ngày …… tháng 02 năm 2024".
fn date_line(f: &Folded) -> Option<Class> {
    let ngay = f.find_word("ngay", 0)?;
    let place_text = f.slice(0, ngay);
    let place = place_text.trim().trim_end_matches(',').trim();
    if place.chars().any(|c| c.is_ascii_digit()) || place.split_whitespace().count() > 6 {
        return None;
    }
    if !place.is_empty() && !place_text.trim_end().ends_with(',') {
        return None;
    }
    let mut i = f.skip(ngay + 4, ".…_-:");
    let mut day = None;
    if f.orig.get(i).is_some_and(|c| c.is_ascii_digit()) {
        let start = i;
        while i < f.len() && f.orig[i].is_ascii_digit() {
            i += 1;
        }
        day = f.slice(start, i).parse::<u32>().ok();
        i = f.skip_spaces(i);
    }
    let after_month_word = f.word_after(i, "thang")?;
    let m = f.skip(after_month_word, ".…_");
    let mut j = m;
    while j < f.len() && f.orig[j].is_ascii_digit() {
        j += 1;
    }
    let month: u32 = f.slice(m, j).parse().ok()?;
    let y0 = f.skip_spaces(f.word_after(j, "nam")?);
    let mut y = y0;
    while y < f.len() && f.orig[y].is_ascii_digit() {
        y += 1;
    }
    if y - y0 != 4 {
        return None;
    }
    let year: i32 = f.slice(y0, y).parse().ok()?;
    let place = (!place.is_empty()).then(|| place.to_owned());
    Some(Class::Date { place, date: scan::ReadDate { day, month, year: Some(year) } })
}

/// Recognises one dispatch.
pub fn recognise(document: &Document) -> Result<Recognised, Refusal> {
    let mut items = flatten(&document.blocks);
    let mut r = Recognised { notes: document.notes.clone(), ..Default::default() };
    let body_start = read_header(&mut items, &mut r)?;
    let body_end = read_footer(&mut items, body_start, &mut r);
    let found = [
        r.number.is_some(),
        r.date.is_some(),
        r.title.is_some() || r.doc_type.is_some(),
        !r.recipients.is_empty(),
        !r.distribution.is_empty(),
        r.signer.is_some(),
    ]
    .iter()
    .filter(|f| **f)
    .count();
    if found < 2 {
        return Err(Refusal {
            message: crate::msg!("import-not-dispatch"),
            hint: crate::msg!("import-not-dispatch-hint"),
        });
    }
    let body_items = &items[body_start..body_end.max(body_start)];
    r.body = render_body(body_items, &document.footnotes);
    r.body_text = body_items
        .iter()
        .filter(|i| i.table.is_none())
        .map(|i| clean(&i.lines.join(" ")))
        .filter(|t| !t.is_empty())
        .collect();
    let paragraphs = merge_broken(&r.body_text);
    let year = r.date.map(|d| d.year);
    let (references, notes) = citations::references(&paragraphs, r.number.as_deref());
    r.references = references;
    r.notes.extend(notes);
    let (attachments, notes) = citations::attachments(&paragraphs, &r.references, r.number.as_deref());
    r.attachments = attachments;
    r.notes.extend(notes);
    let (deadlines, notes) = citations::deadlines(&paragraphs, year);
    r.deadlines = deadlines;
    r.notes.extend(notes);
    r.contacts = citations::contacts(&paragraphs);
    if r.doc_type.is_none() {
        r.doc_type = r.number.as_deref().and_then(|n| {
            let number = crate::content::model::DocNumber::parse(n);
            crate::content::model::DocType::from_abbreviation(number.type_segment()).map(|t| t.0)
        });
        if r.doc_type.is_some() {
            r.notes.push(Note { field: "doc_type", message: crate::msg!("import-note-type-from-number") });
        }
    }
    Ok(r)
}

/// Paragraphs split by a page break ("… chất lượng" / "trong hoạt động …") joined again.
fn merge_broken(paragraphs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in paragraphs {
        if let Some(last) = out.last_mut()
            && continues(last, p)
        {
            last.push(' ');
            last.push_str(p);
            continue;
        }
        out.push(p.clone());
    }
    out
}

fn continues(previous: &str, next: &str) -> bool {
    continues_sentence(previous, next)
}

/// Opens layout tables (the two-column header and footer of a Word dispatch) into
/// paragraphs, one per cell; splits text lines laid out in two columns by spaces or tabs.
fn flatten(blocks: &[Block]) -> Vec<Item> {
    let mut items = Vec::new();
    for block in blocks {
        match block {
            Block::Para { lines, list, heading } => {
                if list.is_none() && heading.is_none() {
                    items.extend(split_columns(lines));
                } else {
                    items.push(Item { lines: lines.clone(), list: list.clone(), heading: *heading, table: None });
                }
            }
            Block::Table { rows } => {
                if is_layout_table(rows) {
                    for row in rows {
                        for cell in row {
                            let lines: Vec<String> = cell
                                .iter()
                                .flat_map(|b| match b {
                                    Block::Para { lines, list: Some(_), .. } => {
                                        let mut lines = lines.clone();
                                        if let Some(first) = lines.first_mut() {
                                            *first = format!("- {first}");
                                        }
                                        lines
                                    }
                                    Block::Para { lines, .. } => lines.clone(),
                                    Block::Table { .. } => Vec::new(),
                                })
                                .collect();
                            if !lines.is_empty() {
                                items.push(Item::para(lines));
                            }
                        }
                    }
                } else {
                    items.push(Item { lines: Vec::new(), list: None, heading: None, table: Some(rows.clone()) });
                }
            }
        }
    }
    items
}

fn is_layout_table(rows: &[Vec<Vec<Block>>]) -> bool {
    rows.iter().flatten().flatten().any(|block| match block {
        Block::Para { lines, .. } => lines.iter().any(|line| {
            matches!(
                classify(line),
                Class::StateMotto
                    | Class::PartyMotto
                    | Class::Number(_)
                    | Class::Date { .. }
                    | Class::Subject(_)
                    | Class::NoiNhan(_)
                    | Class::Authority { .. }
            )
        }),
        Block::Table { .. } => false,
    })
}

/// Splits a paragraph whose lines hold two columns ("Số: 45/KH-UBND      Thanh Hóa, ngày …")
/// into a left and a right paragraph, when a column is a header or footer part.
fn split_columns(lines: &[String]) -> Vec<Item> {
    let cells: Vec<Vec<String>> = lines.iter().map(|line| columns(line)).collect();
    // "- Lưu: VT.      Nguyễn Văn An": a distribution item beside the signer's name.
    let beside_signer = |c: &Vec<String>| c.len() == 2 && is_list_line(&c[0]) && (is_name(&c[1]) || is_upper(&c[1]));
    let meaningful = cells.iter().any(|c| {
        beside_signer(c)
            || c.len() > 1
                && c.iter().any(|cell| {
                    matches!(
                        classify(cell),
                        Class::StateMotto
                            | Class::PartyMotto
                            | Class::Number(_)
                            | Class::Date { .. }
                            | Class::NoiNhan(_)
                            | Class::Authority { .. }
                            | Class::Subject(_)
                    )
                })
    });
    if !meaningful {
        return vec![Item::para(lines.to_vec())];
    }
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (line, c) in lines.iter().zip(cells) {
        let indent = line.chars().take_while(|c| *c == ' ' || *c == '\t').count();
        match c.len() {
            0 => {}
            1 if indent >= 12 || line.starts_with('\t') => right.push(c[0].clone()),
            1 => left.push(c[0].clone()),
            _ => {
                left.push(c[0].clone());
                right.push(c[1..].join(" "));
            }
        }
    }
    [left, right].into_iter().filter(|l| !l.is_empty()).map(Item::para).collect()
}

/// The cells of a line whose columns are set apart by a tab or three or more spaces; a
/// label cell ("Số:") keeps what follows it ("Số:      /HPN-TG").
fn columns(line: &str) -> Vec<String> {
    let mut cells = raw_columns(line);
    let mut k = 0;
    while k + 1 < cells.len() {
        if cells[k].ends_with(':') && cells[k].chars().count() <= 8 {
            let next = cells.remove(k + 1);
            cells[k] = format!("{} {next}", cells[k]);
        }
        k += 1;
    }
    cells
}

fn raw_columns(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut current = String::new();
    let mut spaces = 0;
    for c in line.trim().chars() {
        if c == '\t' {
            spaces = 3;
            continue;
        }
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 3 && !current.is_empty() {
            cells.push(std::mem::take(&mut current));
        } else if spaces > 0 && !current.is_empty() {
            current.push(' ');
        }
        spaces = 0;
        current.push(c);
    }
    if !current.is_empty() {
        cells.push(current);
    }
    cells
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    None,
    Subject,
    TypeTitle,
    Recipients,
}

/// Reads the header; returns the index of the first body item.
fn read_header(items: &mut Vec<Item>, r: &mut Recognised) -> Result<usize, Refusal> {
    let mut mode = Mode::None;
    let mut title: Vec<String> = Vec::new();
    let mut seen_title = false;
    let mut seen_recipients = false;
    let mut i = 0;
    'items: while i < items.len() {
        if items[i].table.is_some() || items[i].heading.is_some() {
            break;
        }
        let classes: Vec<Class> = items[i].lines.iter().map(|l| classify(l)).collect();
        let is_list = items[i].list.is_some();
        // A whole paragraph that is not a header part: a continuation, or the body.
        let first_other = matches!(classes.first(), Some(Class::Other(_))) || is_list;
        if first_other && !absorbs(mode, &items[i].lines[0], &title, &r.recipients, is_list) {
            let short = items[i].text_len() < 300 && items[i].lines.len() <= 4;
            let strong_ahead = |n: usize| {
                items[i + 1..items.len().min(i + 1 + n)]
                    .iter()
                    .any(|item| item.lines.iter().any(|l| classify(l).strong()))
            };
            let all_list = items[i].lines.iter().all(|l| is_list_line(l));
            if mode == Mode::Recipients && (is_list || all_list) {
                r.recipients.extend(items[i].lines.iter().map(|l| strip_item(l)).filter(|s| !s.is_empty()));
                i += 1;
                continue;
            }
            if mode == Mode::Recipients && r.recipients.is_empty() && short && !looks_like_body(&items[i].lines[0]) {
                r.recipients.extend(items[i].lines.iter().map(|l| strip_item(l)).filter(|s| !s.is_empty()));
                i += 1;
                continue;
            }
            if mode == Mode::TypeTitle && title.is_empty() && items[i].text_len() < 400 {
                title.extend(items[i].lines.iter().map(|l| clean(l)));
                i += 1;
                continue;
            }
            if mode == Mode::Subject && short && items[i].lines.len() <= 2 && strong_ahead(1) {
                title.extend(items[i].lines.iter().map(|l| clean(l)));
                i += 1;
                continue;
            }
            if !seen_title && !seen_recipients && short && strong_ahead(3) {
                r.notes.push(Note {
                    field: "header",
                    message: crate::msg!("import-note-header-left-out", text = clean(&items[i].lines.join(" "))),
                });
                i += 1;
                continue;
            }
            break;
        }
        for (j, class) in classes.into_iter().enumerate() {
            let line = &items[i].lines[j];
            match class {
                Class::Blank => {}
                Class::StateMotto => r.system = r.system.or(Some(System::State)),
                Class::PartyMotto => r.system = Some(System::Party),
                Class::Number(number) => {
                    if r.number.is_none() {
                        r.number = number.map(|n| crate::content::model::DocNumber::parse(&n).text);
                    }
                    mode = Mode::None;
                }
                Class::Date { place, date } => {
                    if r.date.is_none() {
                        r.date = date.to_partial(None);
                        if r.date.is_none() {
                            r.notes.push(Note {
                                field: "date",
                                message: crate::msg!("import-note-date-impossible", line = clean(line)),
                            });
                        }
                        r.place = place;
                    }
                    mode = Mode::None;
                }
                Class::Subject(rest) => {
                    if mode == Mode::TypeTitle && !clean(line).to_lowercase().starts_with("v/v") {
                        // "KẾ HOẠCH / Về việc …": the title of a typed document.
                        title.push(clean(line));
                    } else {
                        r.doc_type = Some("cong-van");
                        title = vec![rest];
                        seen_title = true;
                        mode = Mode::Subject;
                    }
                }
                Class::TypeName(slug) => {
                    if r.doc_type.is_none() {
                        r.doc_type = Some(slug);
                        seen_title = true;
                        mode = Mode::TypeTitle;
                        title.clear();
                    } else {
                        title.push(clean(line));
                    }
                }
                Class::KinhGui(rest) => {
                    seen_recipients = true;
                    mode = Mode::Recipients;
                    for part in rest.split(';') {
                        let item = strip_item(part);
                        if !item.is_empty() {
                            r.recipients.push(item);
                        }
                    }
                }
                Class::Urgency(level) => r.urgency = Some(level),
                Class::Classified(mark) => {
                    return Err(Refusal {
                        message: crate::msg!("import-classified", mark),
                        hint: crate::msg!("import-classified-hint"),
                    });
                }
                Class::Internal(mark) => {
                    return Err(Refusal {
                        message: crate::msg!("import-internal", mark),
                        hint: crate::msg!("import-internal-hint"),
                    });
                }
                Class::Upper(text) => match mode {
                    Mode::Subject => title.push(text),
                    // A title in capitals goes on in capitals; a capitals line after a
                    // title in normal case is the issuing authority of a decision
                    // ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"), not part of the title.
                    Mode::TypeTitle if title.last().is_none_or(|l| is_upper(l)) => title.push(text),
                    Mode::TypeTitle => {}
                    Mode::Recipients => r.recipients.push(strip_item(&text)),
                    Mode::None => r.issuer_lines.push(text),
                },
                Class::Other(text) => {
                    if absorbs(mode, line, &title, &r.recipients, is_list) {
                        match mode {
                            Mode::Subject | Mode::TypeTitle => title.push(text),
                            Mode::Recipients => {
                                let item = strip_item(&text);
                                if !item.is_empty() {
                                    r.recipients.push(item);
                                }
                            }
                            Mode::None => {}
                        }
                    } else {
                        // The body starts inside this paragraph.
                        let rest = items[i].lines.split_off(j);
                        items.insert(i + 1, Item::para(rest));
                        i += 1;
                        break 'items;
                    }
                }
                Class::NoiNhan(_) | Class::Authority { .. } => break 'items,
            }
        }
        i += 1;
    }
    let joined = title.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    let joined = joined.trim_end_matches(['.', ';', ',']).trim().to_owned();
    // A title starts with a capital letter, the rest as written ("V/v triển khai …").
    r.title = (!joined.is_empty()).then(|| scan::capitalize(&joined));
    let (parent, issuer) = super::header::split(&r.issuer_lines, r.place.as_deref());
    r.parent = parent;
    r.issuer = issuer;
    Ok(i)
}

/// Whether a mixed-case line continues the header part being read.
fn absorbs(mode: Mode, line: &str, title: &[String], recipients: &[String], is_list: bool) -> bool {
    match mode {
        Mode::Subject => !is_list && clean(line).chars().count() < 200 && !looks_like_body(line),
        Mode::TypeTitle => !is_list && title.is_empty(),
        Mode::Recipients => is_list || is_list_line(line) || (recipients.is_empty() && !looks_like_body(line)),
        Mode::None => false,
    }
}

/// The usual first words of a dispatch's body.
fn looks_like_body(line: &str) -> bool {
    let cleaned = clean(line);
    if !cleaned.chars().next().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    let folded = crate::text::fold(&cleaned);
    const STARTS: &[&str] =
        &["can cu", "thuc hien", "theo ", "de ", "nham ", "tren co so", "sau khi", "vua qua", "trong "];
    // "Ngày 12/3/2024, …" starts a body; "Ngày Khoa học và Công nghệ" may go on a title.
    let dated = folded.strip_prefix("ngay ").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()));
    STARTS.iter().any(|s| folded.starts_with(s)) || dated || clean(line).chars().count() > 150
}

/// Splits the upper-left block into parent and issuer (see `header`).
pub fn split_issuer(lines: &[String]) -> (Option<String>, Option<String>) {
    super::header::split(lines, None)
}

/// Reads Nơi nhận and the signer from the end; returns the index where the body ends.
fn read_footer(items: &mut Vec<Item>, body_start: usize, r: &mut Recognised) -> usize {
    let mut body_end = items.len();
    let noi_nhan = (body_start..items.len()).rev().find_map(|k| {
        if items[k].table.is_some() {
            return None;
        }
        items[k].lines.iter().position(|l| matches!(classify(l), Class::NoiNhan(_))).map(|j| (k, j))
    });
    let mut signer_lines: Vec<String> = Vec::new();
    if let Some((k, j)) = noi_nhan {
        if j > 0 {
            let rest = items[k].lines.split_off(j);
            items.insert(k + 1, Item::para(rest));
        }
        let k = if j > 0 { k + 1 } else { k };
        body_end = k;
        if let Class::NoiNhan(inline) = classify(&items[k].lines[0]) {
            let item = strip_item(&inline);
            if !item.is_empty() {
                r.distribution.push(item);
            }
        }
        for line in &items[k].lines[1..] {
            if is_signer_line(line) && !is_list_line(line) {
                signer_lines.push(clean(line));
            } else {
                let item = strip_item(line);
                if !item.is_empty() {
                    r.distribution.push(item);
                }
            }
        }
        let mut n = k + 1;
        while n < items.len()
            && items[n].table.is_none()
            && (items[n].list.is_some() || items[n].lines.iter().all(|l| is_list_line(l)))
        {
            r.distribution.extend(items[n].lines.iter().map(|l| strip_item(l)).filter(|s| !s.is_empty()));
            n += 1;
        }
        for item in &items[n..] {
            signer_lines.extend(item.lines.iter().map(|l| clean(l)));
        }
        // A signer printed before Nơi nhận.
        if !signer_lines.iter().any(|l| is_name(l)) {
            let mut s = body_end;
            while s > body_start && items[s - 1].table.is_none() && items[s - 1].lines.iter().all(|l| is_signer_line(l))
            {
                s -= 1;
            }
            if s < body_end {
                let before: Vec<String> =
                    items[s..body_end].iter().flat_map(|i| i.lines.iter().map(|l| clean(l))).collect();
                if before.iter().any(|l| is_name(l)) {
                    signer_lines = before;
                    body_end = s;
                }
            }
        }
    } else {
        let mut s = items.len();
        while s > body_start && items[s - 1].table.is_none() && items[s - 1].lines.iter().all(|l| is_signer_line(l)) {
            s -= 1;
        }
        let tail: Vec<String> = items[s..].iter().flat_map(|i| i.lines.iter().map(|l| clean(l))).collect();
        if tail.iter().any(|l| is_name(l)) && tail.iter().any(|l| is_upper(l)) {
            signer_lines = tail;
            body_end = s;
        }
    }
    r.signer = read_signer(&signer_lines, r);
    body_end
}

/// A line that can be part of a signature block.
fn is_signer_line(line: &str) -> bool {
    let t = clean(line);
    t.is_empty()
        || is_rule(&t)
        || is_upper(&t) && t.chars().count() < 80
        || is_name(&t)
        || is_signature_mark(&t)
        || matches!(classify(&t), Class::Authority { .. })
}

fn is_signature_mark(t: &str) -> bool {
    let folded = crate::text::fold(t);
    let bare = folded.trim_matches(|c: char| !c.is_alphanumeric());
    bare.starts_with("da ky")
        || bare == "ky"
        || bare.starts_with("ky ten")
        || bare.starts_with("ky va")
        || bare.starts_with("ky,")
}

fn read_signer(lines: &[String], r: &mut Recognised) -> Option<SignerFound> {
    let lines: Vec<&String> = lines.iter().filter(|l| !l.is_empty() && !is_rule(l) && !is_signature_mark(l)).collect();
    if lines.is_empty() {
        return None;
    }
    let mut signer = SignerFound::default();
    let mut position: Vec<String> = Vec::new();
    for line in &lines {
        match classify(line) {
            Class::Authority { label, rest } => {
                if signer.authority.is_none() {
                    let party = label.contains('/') || r.system == Some(System::Party);
                    signer.authority = Authority::parse(&label).map(|a| a.label(party).to_owned());
                    signer.body = Some(office_case(&rest));
                } else {
                    r.notes.push(Note { field: "signer", message: crate::msg!("import-note-second-authority", line) });
                }
            }
            _ if is_name(line) => signer.name = Some((*line).clone()),
            _ if is_upper(line) && signer.name.is_none() => position.push((*line).clone()),
            _ => {}
        }
    }
    if !position.is_empty() {
        signer.position = Some(office_case(&position.join(" ")));
    }
    (signer != SignerFound::default()).then_some(signer)
}

/// The body as Markdown.
fn render_body(items: &[Item], footnotes: &[(String, String)]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut counters: std::collections::HashMap<(String, usize), usize> = Default::default();
    let mut previous_list = false;
    let mut previous_open: Option<usize> = None;
    for item in items {
        if let Some(rows) = &item.table {
            out.push(markdown_table(rows));
            previous_list = false;
            previous_open = None;
            continue;
        }
        let lines: Vec<String> = item.lines.iter().map(|l| body_line(l)).collect();
        if lines.iter().all(|l| l.trim().is_empty()) {
            continue;
        }
        if let Some(mark) = &item.list {
            counters.retain(|(list, level), _| !(list == &mark.list && *level > mark.level));
            let n = counters.entry((mark.list.clone(), mark.level)).or_insert(0);
            *n += 1;
            let marker = if mark.ordered { format!("{n}. ") } else { "- ".to_owned() };
            let indent = "   ".repeat(mark.level);
            let text = format!("{indent}{marker}{}", lines.join(&format!("\n{indent}   ")));
            if previous_list && let Some(last) = out.last_mut() {
                last.push('\n');
                last.push_str(&text);
            } else {
                out.push(text);
            }
            previous_list = true;
            previous_open = None;
            continue;
        }
        previous_list = false;
        if let Some(level) = item.heading {
            out.push(format!("{} {}", "#".repeat((level + 1).min(6)), clean(&lines.join(" "))));
            previous_open = None;
            continue;
        }
        let text = join_lines(&lines);
        let plain = clean(&text);
        if let Some(index) = previous_open
            && continues_sentence(&clean(&out[index]), &plain)
        {
            let last: &mut String = &mut out[index];
            if last.ends_with('\u{ad}') {
                // The source hyphenated a word across the break: joined without the hyphen.
                last.pop();
                last.push_str(text.trim_start());
            } else {
                last.push('\n');
                last.push_str(&text);
            }
            previous_open = continues_open(&clean(last)).then_some(index);
            continue;
        }
        if is_heading_line(&lines) {
            let heading = lines[0].trim().trim_start_matches("**").trim_end_matches("**").to_owned();
            out.push(format!("## {heading}"));
            previous_open = None;
            continue;
        }
        out.extend(split_points(&text));
        previous_open = out.last().and_then(|last| continues_open(&clean(last)).then_some(out.len() - 1));
    }
    let mut body = out.join("\n\n");
    let cited = footnote_refs(&body);
    let used: Vec<&(String, String)> = footnotes.iter().filter(|(id, _)| cited.contains(id.as_str())).collect();
    if !used.is_empty() {
        body.push_str("\n\n");
        body.push_str(&used.iter().map(|(id, text)| format!("[^{id}]: {text}")).collect::<Vec<_>>().join("\n"));
    }
    if !body.is_empty() {
        body.push('\n');
    }
    body
}

/// The ids of every `[^id]` in `body`, read in one pass (not one search per footnote).
fn footnote_refs(body: &str) -> std::collections::HashSet<&str> {
    body.split("[^").skip(1).filter_map(|rest| rest.split_once(']').map(|(id, _)| id)).collect()
}

/// The lines of one paragraph: a line ending in a soft hyphen (U+00AD, where the source
/// broke a word) runs into the next; other lines keep their break.
fn join_lines(lines: &[String]) -> String {
    let mut text = String::new();
    for line in lines {
        if text.ends_with('\u{ad}') {
            text.pop();
            text.push_str(line.trim_start());
        } else {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        }
    }
    text
}

/// Words that leave a sentence open at the end of a line ("… của", "… số").
const JOINING: &[&str] = &[
    "cua", "va", "ve", "cho", "tai", "voi", "cac", "nhung", "la", "theo", "thuoc", "trong", "de", "tu", "den", "so",
    "ngay", "thang", "nam", "o", "qua", "hoac", "nhu", "tren", "duoi", "sau", "truoc",
];

/// Whether a paragraph continues the sentence the previous one left open: it starts in
/// lower case, or the previous ends with a comma or a joining word and this one is not a
/// list item, numbered point or heading.
fn continues_sentence(previous: &str, next: &str) -> bool {
    // A parenthesis left open ("(Email:" / "qlkh@…)") goes on.
    let open = previous.matches('(').count() > previous.matches(')').count();
    if open && !is_point(next) {
        return true;
    }
    if !continues_open(previous) {
        return false;
    }
    if next.chars().next().is_some_and(|c| c.is_lowercase()) {
        return true;
    }
    if is_point(next) || is_heading_line(&[next.to_owned()]) {
        return false;
    }
    let last = previous.split_whitespace().last().map(crate::text::fold).unwrap_or_default();
    previous.ends_with(',') || JOINING.contains(&last.as_str())
}

/// A list item or numbered point: "- ", "+ ", "• ", "a) ", "1. ", "1) ", "II. ".
fn is_point(line: &str) -> bool {
    let t = line.trim_start();
    if is_list_line(t) || t.starts_with("+ ") || t.starts_with("• ") {
        return true;
    }
    let marker: String = t.chars().take_while(|c| !c.is_whitespace()).collect();
    let Some(body) = marker.strip_suffix(['.', ')']) else { return false };
    !body.is_empty()
        && body.chars().count() <= 4
        && (body.chars().all(|c| c.is_ascii_digit())
            || body.chars().all(|c| "IVX".contains(c))
            || (body.chars().count() == 1 && body.chars().all(|c| c.is_lowercase())))
}

/// A paragraph whose lines hold numbered points or list items, split so that each point
/// stays a point (consecutive dash items stay one list); other lines keep their break.
fn split_points(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut dash_list = false;
    for line in text.split('\n') {
        let point = is_point(line);
        let dash = is_list_line(line.trim_start());
        match blocks.last_mut() {
            Some(last) if !point || (dash && dash_list) => {
                last.push('\n');
                last.push_str(line);
            }
            _ => blocks.push(line.to_owned()),
        }
        if point {
            dash_list = dash;
        }
    }
    blocks
}

fn continues_open(plain: &str) -> bool {
    plain.chars().last().is_some_and(|c| !".:;!?)”\"…/".contains(c))
}

/// "1. Nội dung phát động", "II. TỔ CHỨC THỰC HIỆN": a short numbered line on its own.
fn is_heading_line(lines: &[String]) -> bool {
    if lines.len() != 1 {
        return false;
    }
    let t = clean(&lines[0]);
    if t.chars().count() > 80 || t.ends_with(['.', ';', ':', ',']) {
        return false;
    }
    let Some((number, rest)) = t.split_once(". ") else { return false };
    let numbered = (!number.is_empty() && number.len() <= 2 && number.chars().all(|c| c.is_ascii_digit()))
        || (!number.is_empty() && number.len() <= 4 && number.chars().all(|c| "IVX".contains(c)));
    numbered && rest.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A body line: `^{2}` superscripts as Unicode, other superscript marks dropped.
fn body_line(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(start) = rest.find("^{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) => {
                let inner = &after[..end];
                if inner.chars().all(|c| c.is_ascii_digit() || c == '+' || c == '-') {
                    out.extend(inner.chars().map(superscript));
                } else {
                    out.push_str(inner);
                }
                rest = &after[end + 1..];
            }
            None => {
                // No `}` anywhere after: the rest is literal text (searching again from
                // each later `^{` would reread it).
                out.push_str("^{");
                rest = after;
                break;
            }
        }
    }
    out.push_str(rest);
    out.replace('\t', " ").trim_end().to_owned()
}

fn superscript(c: char) -> char {
    match c {
        '0' => '⁰',
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        '4' => '⁴',
        '5' => '⁵',
        '6' => '⁶',
        '7' => '⁷',
        '8' => '⁸',
        '9' => '⁹',
        '+' => '⁺',
        '-' => '⁻',
        other => other,
    }
}

fn markdown_table(rows: &[Vec<Vec<Block>>]) -> String {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let cell_text = |cell: &Vec<Block>| -> String {
        cell.iter()
            .map(|b| match b {
                Block::Para { lines, .. } => lines.iter().map(|l| body_line(l)).collect::<Vec<_>>().join(" "),
                Block::Table { .. } => String::new(),
            })
            .collect::<Vec<_>>()
            .join(" ")
            .replace('|', "\\|")
            .trim()
            .to_owned()
    };
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(cell_text).collect();
        cells.resize(width, String::new());
        out.push(format!("| {} |", cells.join(" | ")));
        if i == 0 {
            out.push(format!("|{}", " --- |".repeat(width)));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn classifies_header_lines() {
        assert_eq!(classify("Số 1338 -CV/ĐUK"), Class::Number(Some("1338 -CV/ĐUK".into())));
        assert_eq!(classify("Số: /KH-CN-TTR"), Class::Number(Some("/KH-CN-TTR".into())));
        assert_eq!(classify("Số: ……/KH- UBND"), Class::Number(Some("/KH- UBND".into())));
        assert!(matches!(classify("Sở Khoa học và Công nghệ"), Class::Other(_)));
        assert_eq!(classify("ĐẢNG CỘNG SẢN VIỆT NAM"), Class::PartyMotto);
        assert_eq!(classify("**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**"), Class::StateMotto);
        assert_eq!(classify("KẾ HOẠCH"), Class::TypeName("ke-hoach"));
        assert_eq!(classify("HỎA TỐC"), Class::Urgency("hoa-toc"));
        assert_eq!(
            classify("**T/M BAN THƯỜNG VỤ**"),
            Class::Authority { label: "T/M".into(), rest: "BAN THƯỜNG VỤ".into() }
        );
        assert_eq!(
            classify("Kính gửi: Các phòng, đơn vị thuộc Sở"),
            Class::KinhGui("Các phòng, đơn vị thuộc Sở".into())
        );
    }

    #[test]
    fn reads_date_lines_with_a_blank_day() {
        let Class::Date { place, date } = classify("Thái Nguyên, ngày tháng 9 năm 2022") else { panic!() };
        assert_eq!(place.as_deref(), Some("Thái Nguyên"));
        assert_eq!(date.to_partial(None).unwrap().to_string(), "2022-09");
        let Class::Date { date, .. } = classify("*Hà Nội, ngày …… tháng 02 năm 2024*") else { panic!() };
        assert_eq!(date.to_partial(None).unwrap().to_string(), "2024-02");
        let Class::Date { date, .. } = classify("Thanh Hóa, ngày 25 tháng 6 năm 2024") else { panic!() };
        assert_eq!(date.to_partial(None).unwrap().to_string(), "2024-06-25");
    }

    #[test]
    fn splits_the_issuer_block() {
        let (parent, issuer) =
            split_issuer(&lines("ĐẢNG BỘ TỈNH THANH HÓA\nĐẢNG ỦY KHỐI CƠ QUAN\nVÀ DOANH NGHIỆP TỈNH"));
        assert_eq!(parent.as_deref(), Some("ĐẢNG BỘ TỈNH THANH HÓA"));
        assert_eq!(issuer.as_deref(), Some("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH"));
    }

    #[test]
    fn reads_a_header_and_footer_from_columns() {
        let text = "UBND TỈNH THANH HÓA        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ KHOA HỌC VÀ CÔNG NGHỆ        Độc lập - Tự do - Hạnh phúc\n\nSố: 45/KH- UBND        Thanh Hóa, ngày 05 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nTổ chức Hội thi sáng tạo\n\nCăn cứ Quyết định số 12/QĐ-UBND ngày 01/02/2024 của UBND tỉnh về việc thành lập Ban Tổ chức;\n\nNơi nhận:                                  KT. GIÁM ĐỐC\n- Như trên;                                 PHÓ GIÁM ĐỐC\n- Lưu: VT.\n                                            Nguyễn Văn An\n";
        let r = recognise(&Document::from_text(text)).unwrap();
        assert_eq!(r.system, Some(System::State));
        assert_eq!(r.issuer.as_deref(), Some("SỞ KHOA HỌC VÀ CÔNG NGHỆ"));
        assert_eq!(r.parent.as_deref(), Some("UBND TỈNH THANH HÓA"));
        assert_eq!(r.number.as_deref(), Some("45/KH-UBND"));
        assert_eq!(r.date.unwrap().to_string(), "2024-03-05");
        assert_eq!(r.doc_type, Some("ke-hoach"));
        assert_eq!(r.title.as_deref(), Some("Tổ chức Hội thi sáng tạo"));
        assert_eq!(r.distribution, ["Như trên", "Lưu: VT"]);
        let signer = r.signer.unwrap();
        assert_eq!(signer.authority.as_deref(), Some("KT."));
        assert_eq!(signer.body.as_deref(), Some("Giám đốc"));
        assert_eq!(signer.position.as_deref(), Some("Phó Giám đốc"));
        assert_eq!(signer.name.as_deref(), Some("Nguyễn Văn An"));
        assert_eq!(r.references[0].number.as_deref(), Some("12/QĐ-UBND"));
        assert!(r.body.starts_with("Căn cứ Quyết định"), "{}", r.body);
    }

    #[test]
    fn refuses_classified_and_non_dispatches() {
        let secret = Document::from_text("MẬT\n\nSố: 1/CV-X\n\nHà Nội, ngày 1 tháng 1 năm 2024\n\nV/v x\n");
        assert!(recognise(&secret).unwrap_err().message.contains("classified"));
        let recipe = Document::from_text("Cách nấu phở\n\nNinh xương trong 6 giờ.\n");
        assert!(recognise(&recipe).unwrap_err().message.contains("does not look like"));
    }

    #[test]
    fn merges_paragraphs_split_by_a_page_break() {
        let merged = merge_broken(&["đo lường, chất lượng".into(), "trong hoạt động sản xuất.".into(), "Tiếp.".into()]);
        assert_eq!(merged, ["đo lường, chất lượng trong hoạt động sản xuất.", "Tiếp."]);
    }
}
