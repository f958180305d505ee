//! What a dispatch's body says about other things: the documents it cites (căn cứ), the
//! files it sends along (gửi kèm), its deadlines (trước ngày …) and whom to contact.
//! Pure functions over the body's paragraphs as plain text.

use std::collections::{HashMap, HashSet};

use super::Note;
use super::scan::{self, Folded, MAX_SPAN, capitalize, lower_first, without_parentheses};
use crate::content::model::{DocNumber, DocType};
use crate::date::{DateTime, PartialDate};

/// A document cited in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Normalized (`57/KH/HTSTKT`).
    pub number: Option<String>,
    /// Its type as a name: `Kế hoạch`.
    pub kind: Option<String>,
    pub date: Option<PartialDate>,
    /// Free text, as written (`UBND tỉnh Thái Nguyên`).
    pub issuer: Option<String>,
    pub title: Option<String>,
}

/// A file the dispatch says it sends along.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentMention {
    /// `Kế hoạch`, `Thể lệ`…
    pub kind: String,
    pub number: Option<String>,
    pub title: String,
    /// The title was completed from the surrounding text, not read whole.
    pub title_inferred: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadlineMention {
    pub date: DateTime,
    pub what: String,
}

/// A person named as a contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonMention {
    pub name: String,
    /// `ông` or `bà`.
    pub honorific: Option<String>,
    pub position: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactsFound {
    pub people: Vec<PersonMention>,
    /// Organizations named after "liên hệ".
    pub organizations: Vec<String>,
    /// Phones and e-mail addresses that belong to no named person.
    pub phones: Vec<String>,
    pub emails: Vec<String>,
}

/// Document type words as written in running text (folded, name), longest first.
const TYPE_WORDS: &[(&str, &str)] = &[
    ("ke hoach lien tich", "Kế hoạch liên tịch"),
    ("phieu dang ky", "Phiếu đăng ký"),
    ("chuong trinh", "Chương trình"),
    ("quyet dinh", "Quyết định"),
    ("nghi quyet", "Nghị quyết"),
    ("phuong an", "Phương án"),
    ("thong bao", "Thông báo"),
    ("huong dan", "Hướng dẫn"),
    ("nghi dinh", "Nghị định"),
    ("danh sach", "Danh sách"),
    ("bieu mau", "Biểu mẫu"),
    ("ke hoach", "Kế hoạch"),
    ("cong van", "Công văn"),
    ("thong tu", "Thông tư"),
    ("thong tri", "Thông tri"),
    ("ket luan", "Kết luận"),
    ("quy dinh", "Quy định"),
    ("giay moi", "Giấy mời"),
    ("to trinh", "Tờ trình"),
    ("van ban", "Văn bản"),
    ("bao cao", "Báo cáo"),
    ("chi thi", "Chỉ thị"),
    ("phu luc", "Phụ lục"),
    ("quy che", "Quy chế"),
    ("the le", "Thể lệ"),
    ("de an", "Đề án"),
    ("luat", "Luật"),
    ("mau", "Mẫu"),
];

/// A type word starting at `i`: (length in chars, name).
fn type_word_at(f: &Folded, i: usize) -> Option<(usize, &'static str)> {
    if i > 0 && f.fold[i - 1].is_alphanumeric() {
        return None;
    }
    TYPE_WORDS.iter().find_map(|(word, name)| {
        let len = word.chars().count();
        (f.has_at(i, word) && f.fold.get(i + len).is_none_or(|c| !c.is_alphanumeric())).then_some((len, *name))
    })
}

/// The last type word that starts in `from..to`: (start, length, name).
fn last_type_word(f: &Folded, from: usize, to: usize) -> Option<(usize, usize, &'static str)> {
    (from..to.min(f.len())).rev().find_map(|i| type_word_at(f, i).map(|(len, name)| (i, len, name)))
}

/// Where the sentence holding char `i` starts (at most `MAX_SPAN` chars back).
fn sentence_start(f: &Folded, i: usize) -> usize {
    let mut k = i.min(f.len());
    let limit = k.saturating_sub(MAX_SPAN);
    while k >= 2 && k > limit {
        let boundary = matches!(f.orig[k - 2], '.' | '!' | '?')
            && f.orig[k - 1] == ' '
            && f.orig.get(k).is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '('));
        if boundary {
            return k;
        }
        k -= 1;
    }
    limit
}

/// Where the sentence holding char `i` ends (exclusive; at most `MAX_SPAN` chars on).
fn sentence_end(f: &Folded, i: usize) -> usize {
    let mut k = i;
    let limit = i.saturating_add(MAX_SPAN).min(f.len());
    while k + 2 < f.len() && k < limit {
        if matches!(f.orig[k], '.' | '!' | '?') && f.orig[k + 1] == ' ' && f.orig[k + 2].is_uppercase() {
            return k + 1;
        }
        k += 1;
    }
    if limit < f.len() && k >= limit { limit } else { f.len() }
}

/// The organization part of a number's sign: `KH-UBND` → `UBND`, `CV/ĐUK` → `ĐUK`.
fn sign_org(number: &str) -> String {
    let parsed = DocNumber::parse(number);
    parsed.sign.rsplit(['-', '/']).next().unwrap_or("").to_owned()
}

/// A citation found in a paragraph.
#[derive(Debug, Clone)]
struct Cite {
    start: usize,
    /// After its date, issuer and title.
    after: usize,
    sentence: usize,
    reference: Reference,
}

fn cites(f: &Folded) -> Vec<Cite> {
    let mut out: Vec<Cite> = Vec::new();
    let mut i = 0;
    while i < f.len() {
        if !f.orig[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let Some((written, end)) = scan::doc_number_at(f, i, false) else {
            i += 1;
            continue;
        };
        let number = DocNumber::parse(&written);
        let sentence = sentence_start(f, i);
        let previous = out.last().filter(|p| p.sentence == sentence).cloned();
        let gap_from = previous.as_ref().map(|p| p.after.min(i)).unwrap_or(sentence);
        let mut reference = Reference {
            number: Some(number.text.clone()),
            kind: DocType::from_abbreviation(number.type_segment())
                .filter(|t| t.0 != "khac")
                .map(|t| t.name().to_owned()),
            date: None,
            issuer: None,
            title: None,
        };
        if reference.kind.is_none() {
            reference.kind =
                last_type_word(f, gap_from.max(i.saturating_sub(40)), i).map(|(_, _, name)| name.to_owned());
        }
        let mut k = end;
        let after_comma = f.skip(k, ",");
        if let Some(n) = f.word_after(after_comma, "ngay")
            && let Some((date, e)) = scan::date_at(f, f.skip_spaces(n))
        {
            reference.date = date.to_partial(None);
            k = e;
        }
        let after_comma = f.skip(k, ",");
        if let Some(n) = f.word_after(after_comma, "cua") {
            let (issuer, e) = read_issuer(f, f.skip_spaces(n));
            if issuer.is_some() {
                reference.issuer = issuer;
                k = e;
            }
        }
        let after_comma = f.skip(k, ",");
        if let Some(mut n) = f.word_after(after_comma, "ve") {
            if let Some(m) = f.word_after(n, "viec") {
                n = m;
            }
            let (title, e) = read_title(f, f.skip(n, ":"));
            if !title.is_empty() {
                reference.title = Some(capitalize(&title));
                k = e;
            }
        }
        if reference.issuer.is_none() {
            reference.issuer = issuer_before(f, gap_from, i, sentence, previous.is_none());
        }
        if reference.issuer.is_none()
            && let Some(previous) = &previous
        {
            let enumerated = last_type_word(f, previous.after.min(i), i).is_none();
            let same_org = previous.reference.number.as_deref().map(sign_org) == Some(sign_org(&number.text));
            if enumerated || same_org {
                reference.issuer = previous.reference.issuer.clone();
            }
        }
        out.push(Cite { start: i, after: k.max(end), sentence, reference });
        i = end;
    }
    out
}

const ISSUER_STOPS: &[&str] = &["về", "số", "ngày", "nhằm", "để", "theo", "tại", "đã", "được", "thì", "trong"];

/// An issuer after "của": up to "về", a comma, a parenthesis….
fn read_issuer(f: &Folded, k: usize) -> (Option<String>, usize) {
    let mut j = k;
    while j < f.len() {
        let c = f.orig[j];
        if ",;:()".contains(c) || (c == '.' && f.orig.get(j + 1).is_none_or(|n| *n == ' ')) {
            break;
        }
        if j > k && f.orig[j - 1] == ' ' {
            if ISSUER_STOPS.iter().any(|w| f.word_exact(j, w)) {
                break;
            }
            if f.word_exact(j, "và") {
                let a = f.skip_spaces(j + 2);
                if type_word_at(f, a).is_some() || f.word_exact(a, "số") {
                    break;
                }
            }
        }
        if j - k > 120 {
            return (None, k);
        }
        j += 1;
    }
    let issuer = f.slice(k, j).trim().to_owned();
    if issuer.chars().next().is_some_and(|c| c.is_uppercase()) { (Some(issuer), j) } else { (None, k) }
}

/// The issuer written before the number: "Kế hoạch của UBND tỉnh Thái Nguyên số …",
/// "các Kế hoạch của UBND tỉnh: số …", or "Sở … đã ban hành các kế hoạch: số …".
fn issuer_before(f: &Folded, from: usize, to: usize, sentence: usize, first: bool) -> Option<String> {
    let tidy = |text: String| -> Option<String> {
        let mut t = text.trim().trim_end_matches([':', ',', ' ']).trim().to_owned();
        for tail in [" số", " các"] {
            if let Some(stripped) = t.strip_suffix(tail) {
                t = stripped.trim_end_matches([':', ',', ' ']).to_owned();
            }
        }
        let t = without_parentheses(&t);
        let ok = t.chars().next().is_some_and(|c| c.is_uppercase()) && t.chars().count() <= 100;
        ok.then_some(t)
    };
    if let Some(c) = f.rfind_word("cua", from, to)
        && let Some((start, len, _)) = last_type_word(f, from, c)
        && f.skip_spaces(start + len) == c
    {
        return tidy(f.slice(c + 3, to));
    }
    if first && let Some(b) = f.rfind_word("ban hanh", sentence, to) {
        let mut subject = f.slice(sentence, b).trim().to_owned();
        if let Some(stripped) = subject.strip_suffix(" đã") {
            subject = stripped.to_owned();
        }
        if subject.split_whitespace().count() <= 14 {
            return tidy(subject);
        }
    }
    None
}

/// A title after "về (việc)": up to a semicolon, the end of the sentence, a comma after a
/// closing quote or parenthesis or before a capital, or "và Kế hoạch…".
fn read_title(f: &Folded, k: usize) -> (String, usize) {
    let mut j = k;
    let mut quote = false;
    let mut paren = 0i32;
    let end = k.saturating_add(MAX_SPAN).min(f.len());
    while j < end {
        let c = f.orig[j];
        match c {
            '“' => quote = true,
            '”' => quote = false,
            '"' => quote = !quote,
            '(' => paren += 1,
            ')' => {
                if paren == 0 {
                    break;
                }
                paren -= 1;
            }
            _ => {}
        }
        if !quote && paren == 0 {
            if c == ';' || c == ':' {
                break;
            }
            if c == '.' && f.orig.get(j + 1) != Some(&'.') && (j == 0 || f.orig[j - 1] != '.') {
                let next = f.orig.get(j + 1);
                if next.is_none() || next == Some(&' ') && f.orig.get(j + 2).is_none_or(|n| !n.is_lowercase()) {
                    break;
                }
            }
            if c == ',' {
                let previous = f.orig[..j].iter().rev().find(|c| !c.is_whitespace());
                let capital_next =
                    f.orig.get(j + 1) == Some(&' ') && f.orig.get(j + 2).is_some_and(|n| n.is_uppercase());
                if matches!(previous, Some('”' | ')' | '"')) || capital_next {
                    break;
                }
            }
            if c == ' ' && f.word_exact(j + 1, "và") {
                let a = f.skip_spaces(j + 3);
                if type_word_at(f, a).is_some() || f.word_exact(a, "số") {
                    break;
                }
            }
        }
        j += 1;
    }
    let title = f.slice(k, j);
    let title = title.trim().trim_end_matches([',', ';', ' ']).trim_end_matches('.');
    (title.trim().to_owned(), j)
}

fn number_key(number: &str) -> String {
    crate::text::fold(&DocNumber::parse(number).text)
}

/// Every document the body cites by number, in order, each once (later mentions fill in
/// what earlier ones lacked). The dispatch's own number is left out.
pub(crate) fn references(paragraphs: &[String], own_number: Option<&str>) -> (Vec<Reference>, Vec<Note>) {
    let own = own_number.filter(|n| n.chars().any(|c| c.is_ascii_digit())).map(number_key);
    let mut found: Vec<Reference> = Vec::new();
    for paragraph in paragraphs {
        let f = Folded::new(paragraph);
        for cite in cites(&f) {
            let reference = cite.reference;
            let key = reference.number.as_deref().map(number_key);
            if key.is_some() && key == own {
                continue;
            }
            match found.iter_mut().find(|r| r.number.as_deref().map(number_key) == key) {
                Some(existing) => {
                    existing.date = existing.date.or(reference.date);
                    existing.issuer = existing.issuer.take().or(reference.issuer);
                    existing.title = existing.title.take().or(reference.title);
                    existing.kind = existing.kind.take().or(reference.kind);
                }
                None => found.push(reference),
            }
        }
    }
    (found, Vec::new())
}

/// Type words that can name an attachment without a number ("theo Kế hoạch, Thể lệ gửi kèm").
const UNNUMBERED_KINDS: &[&str] = &[
    "Kế hoạch",
    "Thể lệ",
    "Quyết định",
    "Hướng dẫn",
    "Phụ lục",
    "Mẫu",
    "Biểu mẫu",
    "Danh sách",
    "Phiếu đăng ký",
    "Thông báo",
    "Chương trình",
    "Báo cáo",
];

/// The files the dispatch sends along: the documents named in a passage with "gửi kèm",
/// "kèm theo" or "đính kèm".
pub(crate) fn attachments(
    paragraphs: &[String],
    references: &[Reference],
    own_number: Option<&str>,
) -> (Vec<AttachmentMention>, Vec<Note>) {
    let own = own_number.map(number_key);
    let mut by_number: HashMap<String, &Reference> = HashMap::new();
    for r in references.iter().rev() {
        if let Some(number) = &r.number {
            by_number.insert(number_key(number), r);
        }
    }
    let mut found: Vec<AttachmentMention> = Vec::new();
    let mut seen = SeenMentions::default();
    let mut only_of_kind = HashMap::new();
    let mut notes = Vec::new();
    for paragraph in paragraphs {
        let f = Folded::new(paragraph);
        let all = cites(&f);
        for (a, b) in attachment_passages(&f) {
            let mut mentions: Vec<(usize, AttachmentMention)> = Vec::new();
            let mut named_thing: Option<Option<String>> = None;
            let first = all.partition_point(|c| c.start < a);
            for cite in all[first..].iter().take_while(|c| c.start < b) {
                let number = cite.reference.number.clone().unwrap_or_default();
                if Some(number_key(&number)) == own {
                    continue;
                }
                let cited = by_number.get(&number_key(&number)).copied();
                let kind = cite
                    .reference
                    .kind
                    .clone()
                    .or_else(|| cited.and_then(|r| r.kind.clone()))
                    .unwrap_or_else(|| "Văn bản".to_owned());
                let title = match cited.and_then(|r| r.title.as_deref()) {
                    Some(title) => format!("{kind} {}", lower_first(title)),
                    None => format!("{kind} số {number}"),
                };
                mentions
                    .push((cite.start, AttachmentMention { kind, number: Some(number), title, title_inferred: false }));
            }
            // A list written out after "Gửi kèm:" ("Thể lệ …; Mẫu …"): each item as titled.
            let listed = listed_attachments(&f, a, b);
            for (at, title) in &listed {
                let kind = type_word_at(&Folded::new(title), 0).map(|(_, name)| name).unwrap_or("Tài liệu");
                mentions.push((
                    *at,
                    AttachmentMention {
                        kind: kind.to_owned(),
                        number: None,
                        title: title.clone(),
                        title_inferred: false,
                    },
                ));
            }
            let mut i = if listed.is_empty() { a } else { b };
            while i < b {
                let Some((len, name)) = type_word_at(&f, i) else {
                    i += 1;
                    continue;
                };
                let after = f.skip_spaces(i + len);
                let next_cite = all.partition_point(|c| c.start < i);
                let numbered = f.word_exact(after, "số")
                    || f.orig.get(after).is_some_and(|c| c.is_ascii_digit())
                    || all.get(next_cite).is_some_and(|c| c.start <= after + 4);
                let this_one = f.word_after(i + len, "nay").is_some();
                if numbered || this_one || !UNNUMBERED_KINDS.contains(&name) {
                    i += len;
                    continue;
                }
                let mention = if let Some(cited) = only_numbered(references, name, &mut only_of_kind) {
                    let number = cited.number.clone();
                    let title = match &cited.title {
                        Some(title) => format!("{name} {}", lower_first(title)),
                        None => format!("{name} số {}", number.as_deref().unwrap_or("")),
                    };
                    notes.push(Note {
                        field: "attachments",
                        message: crate::msg!(
                            "import-note-attachment-cited",
                            name,
                            number = number.as_deref().unwrap_or("")
                        ),
                    });
                    AttachmentMention { kind: name.to_owned(), number, title, title_inferred: true }
                } else {
                    let thing = named_thing.get_or_insert_with(|| named_thing_before(&f, a));
                    let title = match thing {
                        Some(thing) => format!("{name} {thing}"),
                        None => name.to_owned(),
                    };
                    notes.push(Note {
                        field: "attachments",
                        message: crate::msg!("import-note-attachment-title", title),
                    });
                    AttachmentMention { kind: name.to_owned(), number: None, title, title_inferred: true }
                };
                mentions.push((i, mention));
                i += len;
            }
            mentions.sort_by_key(|(at, _)| *at);
            for (_, mention) in mentions {
                if seen.insert(&mention) {
                    found.push(mention);
                }
            }
        }
    }
    // "(theo mẫu gửi kèm)" and, later, "Gửi kèm: Mẫu phiếu …" name one file: the listed
    // title stands for the bare word.
    let listed: Vec<String> =
        found.iter().filter(|m| m.number.is_none() && !m.title_inferred).map(|m| m.kind.clone()).collect();
    found.retain(|m| !(m.number.is_none() && m.title_inferred && listed.contains(&m.kind)));
    (found, notes)
}

/// Attachments listed by title in `a..b` after "gửi kèm", "đính kèm" or "kèm theo …:",
/// separated by ";": (position, title) of each item that cites no numbered document
/// (those are read as citations). "Phụ lục 1." before a title is dropped.
fn listed_attachments(f: &Folded, a: usize, b: usize) -> Vec<(usize, String)> {
    let Some(at) =
        ["gui kem", "dinh kem", "kem theo"].iter().filter_map(|p| f.find_word(p, a)).filter(|at| *at < b).min()
    else {
        return Vec::new();
    };
    let mut start = f.skip_spaces(at + 7);
    if f.word_at(start, "theo") {
        start = f.skip_spaces(start + 4);
    }
    // After a label ("Gửi kèm theo Công văn này:"), or straight after "Gửi kèm" when a
    // name follows.
    let colon = (start..b).find(|&k| f.orig[k] == ':');
    // After a colon the list runs to the paragraph's end ("Phụ lục 1. Thể lệ …" holds a
    // full stop that is no sentence end).
    let (start, end) = match colon {
        Some(k) => (k + 1, b.saturating_add(MAX_SPAN).min(f.len())),
        None if f.orig.get(start).is_some_and(|c| c.is_uppercase()) => (start, b),
        None => return Vec::new(),
    };
    let text = f.slice(start, end);
    let mut items = Vec::new();
    let mut offset = start;
    for raw in text.split(';') {
        let at = offset;
        offset += raw.chars().count() + 1;
        let mut item = raw.trim().trim_end_matches(['.', ')', ',', ' ']).trim().to_owned();
        let folded = crate::text::fold(&item);
        if folded.starts_with("phu luc") {
            let rest: String = item.chars().skip(7).collect();
            let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || "IVX .:-".contains(c));
            item = rest.trim().to_owned();
        }
        let cites_number = item.contains('/') && item.chars().any(|c| c.is_ascii_digit());
        // "… gửi kèm Công văn này": the dispatch itself, not something sent along.
        let itself = crate::text::fold(&item).split_whitespace().last() == Some("nay");
        if itself {
            continue;
        }
        if item.chars().count() < 3 || cites_number || !item.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        items.push((at, item));
    }
    items
}

/// The passages (parentheses or sentences) around each "gửi kèm", "kèm theo" or "đính
/// kèm", in order, overlapping ones merged so that no text is read twice.
fn attachment_passages(f: &Folded) -> Vec<(usize, usize)> {
    let mut segments: Vec<(usize, usize)> = Vec::new();
    for pattern in ["gui kem", "kem theo", "dinh kem"] {
        let mut from = 0;
        while let Some(at) = f.find_word(pattern, from) {
            // "Quy chế … ban hành kèm theo Thông tư …": issued with it, not sent along.
            // Only the few characters before it are read (the text may repeat it).
            let before = f.fold[at.saturating_sub(12)..at].iter().collect::<String>();
            if pattern == "kem theo" && (before.trim_end().ends_with("ban hanh") || before.trim_end().ends_with("gui"))
            {
                from = at + 1;
                continue;
            }
            segments.push(enclosing_parentheses(f, at).unwrap_or_else(|| (sentence_start(f, at), sentence_end(f, at))));
            from = at + 1;
        }
    }
    segments.sort();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in segments {
        match merged.last_mut() {
            Some(last) if a < last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

/// The attachment mentions kept so far. Two are the same when both have a number and the
/// numbers match, or else when their folded titles match.
#[derive(Default)]
struct SeenMentions {
    numbers: HashSet<String>,
    titles: HashSet<String>,
    unnumbered_titles: HashSet<String>,
}

impl SeenMentions {
    /// Records `mention`; false if it repeats one already seen.
    fn insert(&mut self, mention: &AttachmentMention) -> bool {
        let title = crate::text::fold(&mention.title);
        let duplicate = match &mention.number {
            Some(number) => self.numbers.contains(&number_key(number)) || self.unnumbered_titles.contains(&title),
            None => self.titles.contains(&title),
        };
        if duplicate {
            return false;
        }
        match &mention.number {
            Some(number) => self.numbers.insert(number_key(number)),
            None => self.unnumbered_titles.insert(title.clone()),
        };
        self.titles.insert(title);
        true
    }
}

/// The one numbered reference of kind `name`, if there is exactly one (memoized per kind).
fn only_numbered<'r>(
    references: &'r [Reference],
    name: &'static str,
    memo: &mut HashMap<&'static str, Option<&'r Reference>>,
) -> Option<&'r Reference> {
    *memo.entry(name).or_insert_with(|| {
        let mut same_kind = references.iter().filter(|r| r.kind.as_deref() == Some(name) && r.number.is_some());
        match (same_kind.next(), same_kind.next()) {
            (Some(cited), None) => Some(cited),
            _ => None,
        }
    })
}

/// The parenthesized passage holding char `at`: (after "(", at ")").
fn enclosing_parentheses(f: &Folded, at: usize) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut open = None;
    for k in (at.saturating_sub(MAX_SPAN)..at).rev() {
        match f.orig[k] {
            ')' => depth += 1,
            '(' if depth == 0 => {
                open = Some(k);
                break;
            }
            '(' => depth -= 1,
            _ => {}
        }
    }
    let open = open?;
    let mut depth = 0;
    let end = at.saturating_add(MAX_SPAN).min(f.len());
    let mut close = end;
    for k in at..end {
        match f.orig[k] {
            '(' => depth += 1,
            ')' if depth == 0 => {
                close = k;
                break;
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    Some((open + 1, close))
}

/// The nearest named event before `before`: `Hội thi “Sáng tạo kỹ thuật …”`.
fn named_thing_before(f: &Folded, before: usize) -> Option<String> {
    const NAMES: &[&str] = &["hoi thi", "cuoc thi", "giai thuong", "phong trao thi dua", "dot thi dua", "phong trao"];
    let from = before.saturating_sub(MAX_SPAN);
    let open = (from..before).rev().find(|&k| f.orig[k] == '“' || f.orig[k] == '"')?;
    let open = if f.orig[open] == '"' { (from..open).rev().find(|&k| f.orig[k] == '"')? } else { open };
    let end = open.saturating_add(MAX_SPAN).min(f.len());
    let close = (open + 1..end).find(|&k| f.orig[k] == '”' || f.orig[k] == '"')?;
    let head_end = open;
    NAMES.iter().find_map(|name| {
        let len = name.chars().count();
        let start = f.skip_spaces(head_end.saturating_sub(len + 1));
        (start + len <= head_end && f.has_at(start, name) && f.skip_spaces(start + len) == head_end)
            .then(|| f.slice(start, close + 1))
    })
}

const DEADLINE_PHRASES: &[&str] = &[
    "cham nhat truoc ngay",
    "cham nhat la ngay",
    "cham nhat vao ngay",
    "cham nhat ngay",
    "cham nhat la",
    "cham nhat",
    "den het ngay",
    "den ngay",
    "truoc ngay",
    "han chot",
    "han cuoi",
    "truoc",
];

/// Deadlines: "trước ngày 20/5/2023", "chậm nhất ngày …", "đến hết ngày …", "trước 17 giờ
/// ngày …", with what is due by then. A date without a year takes the dispatch's year.
pub(crate) fn deadlines(paragraphs: &[String], year: Option<i32>) -> (Vec<DeadlineMention>, Vec<Note>) {
    let mut found: Vec<DeadlineMention> = Vec::new();
    let mut notes = Vec::new();
    for paragraph in paragraphs {
        let f = Folded::new(paragraph);
        let mut i = 0;
        while i < f.len() {
            let Some(phrase) = DEADLINE_PHRASES.iter().find(|p| f.word_at(i, p)) else {
                i += 1;
                continue;
            };
            let phrase_end = i + phrase.len();
            let mut k = f.skip(phrase_end, ":,");
            if let Some(n) = f.word_after(k, "ngay") {
                k = f.skip_spaces(n);
            }
            let (time, after_time) = time_at(&f, k);
            let mut k = after_time;
            if time.is_some() {
                k = f.skip(k, ",");
                if let Some(n) = f.word_after(k, "ngay") {
                    k = f.skip_spaces(n);
                }
            }
            match scan::date_at(&f, k) {
                Some((read, end)) if read.day.is_some() => {
                    let sentence = f.slice(sentence_start(&f, i), end);
                    // "Thời gian nhận hồ sơ … đến ngày …": the campaign's schedule.
                    if is_phase(&f.slice(sentence_start(&f, i), i)) {
                        notes.push(Note {
                            field: "campaigns",
                            message: crate::msg!("import-note-phase", sentence = sentence.trim()),
                        });
                        i = end;
                        continue;
                    }
                    // "đến ngày" without a phase: a span, not a deadline.
                    if *phrase == "den ngay" {
                        i = end;
                        continue;
                    }
                    let what = what_is_due(&f, i, end);
                    match read.to_partial(year) {
                        Some(date) => {
                            if read.year.is_none() {
                                notes.push(Note {
                                    field: "deadlines",
                                    message: crate::msg!("import-note-deadline-no-year", deadline = f.slice(i, end)),
                                });
                            }
                            let mention = DeadlineMention { date: DateTime { date, time }, what };
                            if !found.contains(&mention) {
                                found.push(mention);
                            }
                        }
                        None => notes.push(Note {
                            field: "deadlines",
                            message: crate::msg!("import-note-deadline-impossible", deadline = f.slice(i, end)),
                        }),
                    }
                    i = end;
                }
                _ => {
                    let blank = f.orig.get(k).is_some_and(|c| matches!(c, '…' | '.' | '_'));
                    if *phrase != "truoc" && blank {
                        notes.push(Note {
                            field: "deadlines",
                            message: crate::msg!(
                                "import-note-deadline-blank",
                                sentence = f.slice(sentence_start(&f, i), sentence_end(&f, i)).trim()
                            ),
                        });
                    }
                    i = phrase_end;
                }
            }
        }
    }
    (found, notes)
}

/// "17 giờ 00", "17h00", "17h", "17:00" at `k`: ((hour, minute), index after).
fn time_at(f: &Folded, k: usize) -> (Option<(u32, u32)>, usize) {
    let mut j = k;
    while j < f.len() && f.orig[j].is_ascii_digit() && j - k < 2 {
        j += 1;
    }
    if j == k {
        return (None, k);
    }
    let hour: u32 = f.slice(k, j).parse().unwrap_or(99);
    let after_hour = if f.fold.get(j) == Some(&'h') || f.fold.get(j) == Some(&':') {
        j + 1
    } else if let Some(n) = f.word_after(j, "gio") {
        f.skip_spaces(n)
    } else {
        return (None, k);
    };
    let mut m = after_hour;
    while m < f.len() && f.orig[m].is_ascii_digit() && m - after_hour < 2 {
        m += 1;
    }
    let minute: u32 = if m > after_hour { f.slice(after_hour, m).parse().unwrap_or(99) } else { 0 };
    let mut end = m;
    if let Some(n) = f.word_after(end, "phut") {
        end = n;
    }
    if hour > 23 || minute > 59 {
        return (None, k);
    }
    (Some((hour, minute)), end)
}

const VERBS: &[&str] = &[
    "gui",
    "nop",
    "bao cao",
    "dang ky",
    "hoan thanh",
    "hoan thien",
    "tong hop",
    "cung cap",
    "tra loi",
    "chuyen",
    "to chuc",
    "trien khai",
    "de xuat",
    "chi dao",
    "binh chon",
    "tuyen truyen",
];

/// Verbs by which the writer hands the action to someone: "đề nghị các đơn vị gửi …",
/// "giao Sở Nội vụ tổng hợp …".
const ASKS: &[&str] = &["de nghi", "yeu cau", "giao"];

/// Words that start the part of a clause before the subject ("Thực hiện …, Sở …").
const LEADS: &[&str] = &["thuc hien", "can cu", "theo ", "de ", "nham ", "tiep theo"];

/// Labels that start a contact detail ("Email: …", "ĐT: …", "điện thoại …").
const CONTACT_LABELS: &[&str] =
    &["email", "e-mail", "dt", "dien thoai", "so dien thoai", "sdt", "di dong", "dd", "fax", "hotline"];

/// Phrases of a campaign's own schedule, not of the dispatch's recipients: dates after
/// them are offered as campaign phases.
const PHASE_CUES: &[&str] = &[
    "nhan ho so",
    "nhan tac pham",
    "nhan bai",
    "tiep nhan",
    "thoi gian",
    "cham thi",
    "cham giai",
    "so khao",
    "chung khao",
    "trao giai",
    "cong bo ket qua",
    "to chuc le",
    "tong ket",
];

/// Whether the sentence before a date describes a campaign phase.
fn is_phase(clause: &str) -> bool {
    let folded = crate::text::fold(clause);
    PHASE_CUES.iter().any(|cue| folded.contains(cue))
}

/// Index after the list marker ("- ", "2. ", "a) ") at `k`, or `k`.
fn after_marker(f: &Folded, k: usize) -> usize {
    let k = f.skip_spaces(k);
    if matches!(f.orig.get(k), Some('-' | '+' | '•' | '–')) && f.orig.get(k + 1) == Some(&' ') {
        return f.skip_spaces(k + 1);
    }
    let mut j = k;
    while j < f.len() && j - k < 4 && (f.orig[j].is_ascii_digit() || "IVX".contains(f.orig[j])) {
        j += 1;
    }
    if j == k && f.orig.get(k).is_some_and(|c| c.is_lowercase()) && f.orig.get(k + 1) == Some(&')') {
        j = k + 1;
    }
    if j > k && matches!(f.orig.get(j), Some('.' | ')')) && f.orig.get(j + 1) == Some(&' ') {
        return f.skip_spaces(j + 1);
    }
    k
}

/// A clause without its contact details: parenthesised parts keep only what is not an
/// e-mail or phone ("(qua Văn phòng Sở, Email: …; ĐT: …)" → "(qua Văn phòng Sở)"), and
/// comma parts that start with a contact label go.
fn without_contacts(clause: &str) -> String {
    let is_contact = |part: &str| {
        let folded = crate::text::fold(part.trim());
        CONTACT_LABELS
            .iter()
            .any(|l| folded == *l || folded.starts_with(&format!("{l} ")) || folded.starts_with(&format!("{l}:")))
            || part.contains('@')
            || part.chars().filter(char::is_ascii_digit).count() >= 8
    };
    let mut out = String::new();
    let mut rest = clause;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let kept: Vec<&str> = rest[open + 1..close]
            .split([',', ';'])
            .map(str::trim)
            .filter(|p| !p.is_empty() && !is_contact(p))
            .collect();
        if !kept.is_empty() {
            out.push('(');
            out.push_str(&kept.join(", "));
            out.push(')');
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    let parts: Vec<&str> = out.split(',').collect();
    let kept: Vec<&str> =
        parts.iter().enumerate().filter(|(i, p)| *i == 0 || !is_contact(p)).map(|(_, p)| *p).collect();
    kept.join(",").split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches([',', ' ']).to_owned()
}

/// What is due: the clause before the deadline, turned into an action
/// ("Danh sách … đề nghị các cơ quan gửi về Sở …" → "Gửi danh sách … về Sở …").
fn what_is_due(f: &Folded, phrase_start: usize, date_end: usize) -> String {
    let sentence = sentence_start(f, phrase_start);
    // The clause starts after the last ";" outside parentheses (a ";" between an e-mail
    // and a phone in parentheses does not end the clause), then after a list marker.
    let mut depth = 0i32;
    let mut clause_start = sentence;
    for k in sentence..phrase_start {
        match f.orig[k] {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            ';' if depth == 0 => clause_start = k + 1,
            _ => {}
        }
    }
    let clause_start = after_marker(f, clause_start);
    let mut clause = without_contacts(&scan::clean(&f.slice(clause_start, phrase_start)));
    clause = clause.trim().trim_end_matches([',', ':']).trim().to_owned();
    for tail in [" vào", " là", " và"] {
        if let Some(stripped) = clause.strip_suffix(tail) {
            clause = stripped.trim().to_owned();
        }
    }
    if clause.is_empty() {
        // "Trước ngày 20/5/2023, các đơn vị gửi báo cáo về Sở."
        let end = sentence_end(f, date_end);
        clause = scan::clean(&f.slice(date_end, end));
        clause = clause.trim_start_matches([',', ' ']).trim_end_matches(['.', ';', ' ']).to_owned();
    }
    action(&clause)
}

fn action(clause: &str) -> String {
    let f = Folded::new(clause);
    let first_verb = |from: usize| {
        (from..f.len()).find_map(|i| {
            VERBS.iter().find(|v| f.word_at(i, v) && (i == 0 || f.orig[i - 1] == ' ')).map(|v| (i, v.len()))
        })
    };
    // "giao" asks only when a name follows ("giao Sở Nội vụ"), not in "Tuyên giáo".
    let asks = |a: &&str| {
        f.find_word(a, 0)
            .filter(|d| *a != "giao" || f.orig.get(d + 5).is_some_and(|c| c.is_uppercase()))
            .map(|d| (d, a.len()))
    };
    if let Some((d, ask)) = ASKS.iter().find_map(asks) {
        let object = f.slice(0, d).trim().to_owned();
        if let Some((v, len)) = first_verb(d + ask) {
            let verb = f.slice(v, v + len);
            let rest = f.slice(v + len, f.len());
            // "Sở … đề nghị", "Thực hiện …, Sở … đề nghị": who asks, not what is due.
            let folded_object = crate::text::fold(&object);
            let asker = super::header::starts_with_head(&folded_object)
                || folded_object.starts_with("chu tich")
                || LEADS.iter().any(|l| folded_object.starts_with(l));
            if object.is_empty() || asker {
                return capitalize(&f.slice(v, f.len()));
            }
            return capitalize(&format!("{verb} {}{rest}", lower_first(&object)));
        }
    }
    if let Some((v, _)) = first_verb(0) {
        let before = crate::text::fold(&f.slice(0, v));
        if before.is_empty() || ["cac ", "yeu cau", "don vi", "de nghi"].iter().any(|s| before.starts_with(s)) {
            return capitalize(&f.slice(v, f.len()));
        }
    }
    capitalize(clause)
}

const CUES: &[&str] =
    &["lien he", "lien lac", "dau moi", "dien thoai", "sdt", "email", "e-mail", "thu dien tu", "di dong"];
const HONORIFICS: &[(&str, Option<&str>)] = &[
    ("đồng chí", None),
    ("đ/c", None),
    ("ông", Some("ông")),
    ("bà", Some("bà")),
    ("anh", Some("ông")),
    ("chị", Some("bà")),
];
const PHONE_LABELS: &[&str] = &["sdt", "dt", "dien thoai", "di dong", "dd", "email", "e-mail", "so dien thoai", "fax"];

/// Contacts named in the body: people (after ông, bà, đồng chí…) with their phone, e-mail
/// and position; organizations after "liên hệ"; other phones and addresses.
pub(crate) fn contacts(paragraphs: &[String]) -> ContactsFound {
    let mut found = ContactsFound::default();
    let (mut seen_people, mut seen_organizations) = (HashSet::new(), HashSet::new());
    let (mut seen_phones, mut seen_emails) = (HashSet::new(), HashSet::new());
    for paragraph in paragraphs {
        let f = Folded::new(paragraph);
        let phones = scan::phones(&f);
        let emails = scan::emails(&f);
        let cue = CUES.iter().any(|c| f.find_word(c, 0).is_some());
        if !cue && phones.is_empty() && emails.is_empty() {
            continue;
        }
        let lower: Vec<char> = f.orig.iter().flat_map(|c| c.to_lowercase()).collect();
        let lower = if lower.len() == f.len() { lower } else { f.orig.clone() };
        let mut people: Vec<(usize, usize, PersonMention)> = Vec::new();
        let mut i = 0;
        while i < f.len() {
            let boundary = i == 0 || !f.orig[i - 1].is_alphanumeric();
            let honorific = boundary
                .then(|| {
                    HONORIFICS.iter().find(|(word, _)| {
                        let w: Vec<char> = word.chars().collect();
                        lower.get(i..i + w.len()) == Some(&w[..]) && f.orig.get(i + w.len()) == Some(&' ')
                    })
                })
                .flatten();
            let Some((word, title)) = honorific else {
                i += 1;
                continue;
            };
            let start = i + word.chars().count() + 1;
            let (name, end) = read_name(&f, start);
            if name.split_whitespace().count() >= 2 {
                let mut person = PersonMention { name, honorific: title.map(str::to_owned), ..Default::default() };
                person.position = position_after(&f, end);
                people.push((i, end, person));
                i = end;
            } else {
                i += 1;
            }
        }
        if !cue && people.is_empty() {
            continue;
        }
        let mut used_phones = vec![false; phones.len()];
        let mut used_emails = vec![false; emails.len()];
        for index in 0..people.len() {
            let (_, end, _) = people[index];
            let limit = people.get(index + 1).map(|p| p.0).unwrap_or(f.len());
            if let Some(p) = first_in(&phones, end, limit) {
                people[index].2.phone = Some(phones[p].0.clone());
                used_phones[p] = true;
            }
            if let Some(e) = first_in(&emails, end, limit) {
                people[index].2.email = Some(emails[e].0.clone());
                used_emails[e] = true;
            }
        }
        for (_, _, person) in people {
            if seen_people.insert(crate::text::fold(&person.name)) {
                found.people.push(person);
            }
        }
        let mut from = 0;
        while let Some(at) = f.find_word("lien he", from) {
            from = at + 1;
            let mut k = f.skip_spaces(at + 7);
            for word in ["voi", "qua", "truc tiep", "den", "tai"] {
                if let Some(n) = f.word_after(k, word) {
                    k = f.skip_spaces(n);
                }
            }
            if !f.orig.get(k).is_some_and(|c| c.is_uppercase()) {
                continue;
            }
            let mut j = k;
            let end = k.saturating_add(MAX_SPAN).min(f.len());
            while j < end {
                if "(,;:.".contains(f.orig[j])
                    && !(f.orig[j] == '.' && f.orig.get(j + 1).is_some_and(|c| !c.is_whitespace()))
                {
                    break;
                }
                if j > k
                    && f.orig[j - 1] == ' '
                    && ["để", "theo", "qua", "trong", "khi", "nếu", "về", "gặp", "số"]
                        .iter()
                        .any(|w| f.word_exact(j, w))
                {
                    break;
                }
                j += 1;
            }
            let organization = f.slice(k, j).trim().to_owned();
            let words = organization.split_whitespace().count();
            if (1..=12).contains(&words) && seen_organizations.insert(organization.clone()) {
                found.organizations.push(organization);
            }
        }
        for (p, used) in phones.iter().zip(used_phones) {
            if !used && seen_phones.insert(p.0.clone()) {
                found.phones.push(p.0.clone());
            }
        }
        for (e, used) in emails.iter().zip(used_emails) {
            if !used && seen_emails.insert(e.0.clone()) {
                found.emails.push(e.0.clone());
            }
        }
    }
    found
}

/// The first of `found` (phones or e-mails, in text order) that starts in `from..to`.
fn first_in<T>(found: &[(String, usize, T)], from: usize, to: usize) -> Option<usize> {
    let i = found.partition_point(|(_, start, _)| *start < from);
    found.get(i).is_some_and(|(_, start, _)| *start < to).then_some(i)
}

/// Capitalized words from `start`: a person's name. Returns (name, end).
fn read_name(f: &Folded, start: usize) -> (String, usize) {
    let mut words = Vec::new();
    let mut i = start;
    let mut end = start;
    while words.len() < 5 {
        let word_start = i;
        if !f.orig.get(i).is_some_and(|c| c.is_uppercase()) {
            break;
        }
        while i < f.len() && f.orig[i].is_alphabetic() {
            i += 1;
        }
        let word = f.slice(word_start, i);
        if word.chars().skip(1).any(|c| c.is_uppercase()) {
            break;
        }
        words.push(word);
        end = i;
        if f.orig.get(i) == Some(&' ') {
            i += 1;
        } else {
            break;
        }
    }
    (words.join(" "), end)
}

/// ", Chuyên viên Văn phòng," after a name.
fn position_after(f: &Folded, end: usize) -> Option<String> {
    if f.orig.get(end) != Some(&',') {
        return None;
    }
    let start = f.skip_spaces(end + 1);
    let end = start.saturating_add(MAX_SPAN).min(f.len());
    let stop = (start..end).find(|&k| ",;()".contains(f.orig[k])).unwrap_or(end);
    let text = f.slice(start, stop).trim().trim_end_matches('.').to_owned();
    let folded = crate::text::fold(&text);
    let labelled = PHONE_LABELS.iter().any(|l| folded.starts_with(l));
    let ok = !text.is_empty()
        && !labelled
        && !text.chars().any(|c| c.is_ascii_digit() || c == '@')
        && text.split_whitespace().count() <= 10
        && text.chars().next().is_some_and(|c| c.is_uppercase());
    ok.then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(paragraph: &str) -> Vec<Reference> {
        references(&[paragraph.to_owned()], None).0
    }

    #[test]
    fn reads_a_reference_with_its_date_issuer_and_title() {
        let refs = one(
            "Theo Kế hoạch số 57/KH/HTSTKT, ngày 10/6/2024 của Liên hiệp các Hội Khoa học và Kỹ thuật Thanh Hóa về Tổ chức triển khai Hội thi “Sáng tạo kỹ thuật Thanh Hóa lần thứ 14 (2024-2025)”, Hội thi được tổ chức từ tháng 6/2024 đến tháng 12/2025.",
        );
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].number.as_deref(), Some("57/KH/HTSTKT"));
        assert_eq!(refs[0].kind.as_deref(), Some("Kế hoạch"));
        assert_eq!(refs[0].date, Some(PartialDate::full(2024, 6, 10)));
        assert_eq!(refs[0].issuer.as_deref(), Some("Liên hiệp các Hội Khoa học và Kỹ thuật Thanh Hóa"));
        assert_eq!(
            refs[0].title.as_deref(),
            Some("Tổ chức triển khai Hội thi “Sáng tạo kỹ thuật Thanh Hóa lần thứ 14 (2024-2025)”")
        );
    }

    #[test]
    fn enumerations_share_their_issuer() {
        let refs = one(
            "Thực hiện các Kế hoạch của UBND tỉnh: số 90/KH-UBND ngày 11/6/2021 về việc Triển khai tuyên truyền phong trào thi đua yêu nước, xây dựng điển hình tiên tiến giai đoạn 2021-2025; số 79/KH-UBND ngày 21/4/2022 về Bồi dưỡng, nhân rộng gương điển hình tiên tiến;",
        );
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[1].issuer.as_deref(), Some("UBND tỉnh"));
        assert_eq!(refs[1].title.as_deref(), Some("Bồi dưỡng, nhân rộng gương điển hình tiên tiến"));
        assert_eq!(
            refs[0].title.as_deref(),
            Some(
                "Triển khai tuyên truyền phong trào thi đua yêu nước, xây dựng điển hình tiên tiến giai đoạn 2021-2025"
            )
        );
    }

    #[test]
    fn finds_attachments_by_number_and_by_kind() {
        let refs = one("Theo Kế hoạch số 57/KH/HTSTKT, ngày 10/6/2024 của Liên hiệp về Tổ chức Hội thi.");
        let text = "Triển khai Hội thi “Sáng tạo kỹ thuật lần thứ 14” tại đơn vị (theo Kế hoạch, Thẻ lệ gửi kèm).";
        let (found, _) = attachments(&[text.to_owned()], &refs, None);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].number.as_deref(), Some("57/KH/HTSTKT"));
        assert_eq!(found[0].title, "Kế hoạch tổ chức Hội thi");
        assert_eq!(found[1].title, "Thể lệ Hội thi “Sáng tạo kỹ thuật lần thứ 14”");
    }

    #[test]
    fn reads_deadlines_and_what_is_due() {
        let (found, _) = deadlines(
            &["Danh sách đề nghị các đơn vị gửi về *Sở KH&CN (qua Văn phòng Sở) trước ngày 20/5/2023* để tổng hợp."
                .into()],
            Some(2023),
        );
        assert_eq!(found[0].date.to_string(), "2023-05-20");
        assert_eq!(found[0].what, "Gửi danh sách về Sở KH&CN (qua Văn phòng Sở)");
        let (found, _) = deadlines(&["Các đơn vị nộp hồ sơ chậm nhất 17 giờ 00 ngày 30/6/2025.".into()], None);
        assert_eq!(found[0].date.to_string(), "2025-06-30T17:00");
        assert_eq!(found[0].what, "Nộp hồ sơ");
    }

    #[test]
    fn reads_contacts() {
        let found = contacts(&[
            "Đề nghị liên hệ Văn phòng Sở KH&CN (gặp ông Vũ Xuân Thu, SĐT: 094.2200.232) để được hướng dẫn./.".into(),
            "Đầu mối: đồng chí Lê Thị Mai, Chuyên viên Ban Tuyên giáo, điện thoại 0912 345 678, email mai@duk.vn."
                .into(),
        ]);
        assert_eq!(found.organizations, ["Văn phòng Sở KH&CN"]);
        assert_eq!(found.people[0].name, "Vũ Xuân Thu");
        assert_eq!(found.people[0].honorific.as_deref(), Some("ông"));
        assert_eq!(found.people[0].phone.as_deref(), Some("094.2200.232"));
        assert_eq!(found.people[1].position.as_deref(), Some("Chuyên viên Ban Tuyên giáo"));
        assert_eq!(found.people[1].email.as_deref(), Some("mai@duk.vn"));
    }
}
