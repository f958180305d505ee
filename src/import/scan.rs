//! Small text tools for reading dispatches: a folded twin of a text that keeps char
//! positions (so a match found without diacritics can be cut from the original), field
//! cleaning, and the shapes official documents write numbers, dates and phones in.

use crate::date::PartialDate;
use crate::text;

/// The longest stretch (in chars) any look-around reads: a sentence, a parenthesis, a title,
/// a clause. Real ones are far shorter; the bound keeps a look-around from each of many
/// matches from rereading a whole paragraph, so an import stays linear in its input.
pub const MAX_SPAN: usize = 1000;

/// A text and its folded twin (lower case, no diacritics, `đ` → `d`), char for char.
#[derive(Debug, Clone)]
pub struct Folded {
    pub orig: Vec<char>,
    pub fold: Vec<char>,
}

impl Folded {
    pub fn new(s: &str) -> Self {
        let orig: Vec<char> = s.chars().collect();
        let fold = orig.iter().map(|&c| fold_char(c)).collect();
        Folded { orig, fold }
    }

    pub fn len(&self) -> usize {
        self.orig.len()
    }

    pub fn is_empty(&self) -> bool {
        self.orig.is_empty()
    }

    /// The original text of chars `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> String {
        let b = b.min(self.orig.len());
        if a >= b {
            return String::new();
        }
        self.orig[a..b].iter().collect()
    }

    /// Whether the folded text has `pattern` (folded, ASCII) at char `at`.
    pub fn has_at(&self, at: usize, pattern: &str) -> bool {
        (at..).zip(pattern.chars()).all(|(i, p)| self.fold.get(i) == Some(&p))
    }

    /// The first char index at or after `from` where `pattern` starts.
    pub fn find(&self, pattern: &str, from: usize) -> Option<usize> {
        (from..self.fold.len()).find(|&i| self.has_at(i, pattern))
    }

    /// Like `find`, but `pattern` must start and end at word boundaries.
    pub fn find_word(&self, pattern: &str, from: usize) -> Option<usize> {
        let mut at = from;
        while let Some(i) = self.find(pattern, at) {
            if self.is_word_at(i, pattern) {
                return Some(i);
            }
            at = i + 1;
        }
        None
    }

    /// The last word-bounded `pattern` that starts at or after `from` and before `before`.
    pub fn rfind_word(&self, pattern: &str, from: usize, before: usize) -> Option<usize> {
        (from..before.min(self.fold.len())).rev().find(|&i| self.has_at(i, pattern) && self.is_word_at(i, pattern))
    }

    /// Whether a word-bounded `pattern` starts exactly at `i` (no spaces skipped).
    pub fn word_at(&self, i: usize, pattern: &str) -> bool {
        self.has_at(i, pattern) && self.is_word_at(i, pattern)
    }

    fn is_word_at(&self, i: usize, pattern: &str) -> bool {
        let end = i + pattern.chars().count();
        let before_ok = i == 0 || !self.fold[i - 1].is_alphanumeric();
        let after_ok = self.fold.get(end).is_none_or(|c| !c.is_alphanumeric());
        before_ok && after_ok
    }

    /// The index of the first char at or after `i` that is not whitespace.
    pub fn skip_spaces(&self, mut i: usize) -> usize {
        while i < self.orig.len() && self.orig[i].is_whitespace() {
            i += 1;
        }
        i
    }

    /// Skips whitespace and any of `chars`.
    pub fn skip(&self, mut i: usize, chars: &str) -> usize {
        while i < self.orig.len() && (self.orig[i].is_whitespace() || chars.contains(self.orig[i])) {
            i += 1;
        }
        i
    }

    /// Whether the word at `i` is exactly `word` (original spelling, any case).
    pub fn word_exact(&self, i: usize, word: &str) -> bool {
        let len = word.chars().count();
        if i + len > self.orig.len() || (i > 0 && self.orig[i - 1].is_alphanumeric()) {
            return false;
        }
        if self.orig.get(i + len).is_some_and(|c| c.is_alphanumeric()) {
            return false;
        }
        self.orig[i..i + len].iter().zip(word.chars()).all(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
    }

    /// If a word-bounded `pattern` follows `i` (after spaces), the index after it.
    pub fn word_after(&self, i: usize, pattern: &str) -> Option<usize> {
        let at = self.skip_spaces(i);
        (self.has_at(at, pattern) && self.is_word_at(at, pattern)).then(|| at + pattern.chars().count())
    }
}

/// One char folded (lower case, no marks, `đ` → `d`); a char that folds to nothing stays.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut buffer = [0u8; 4];
    text::fold(c.encode_utf8(&mut buffer)).chars().next().unwrap_or(c)
}

/// Header and footer text as a field: Markdown emphasis, escapes and `^{…}` superscripts
/// removed, whitespace collapsed, NFC.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    // Once no `}` follows, none follows any later `^{` either: stop searching.
    let mut closed_ahead = true;
    while i < chars.len() {
        let c = chars[i];
        if c == '^' && chars.get(i + 1) == Some(&'{') {
            let close = if closed_ahead { chars[i + 2..].iter().position(|&c| c == '}') } else { None };
            match close {
                Some(close) => {
                    i += close + 3;
                    continue;
                }
                None => {
                    closed_ahead = false;
                    i += 1;
                    continue;
                }
            }
        }
        if c == '\\' && chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) {
            if chars[i + 1] != '*' {
                out.push(chars[i + 1]);
            }
            i += 2;
            continue;
        }
        if c == '*' {
            i += 1;
            continue;
        }
        out.push(if c.is_whitespace() { ' ' } else { c });
        i += 1;
    }
    let collapsed = out.split_whitespace().collect::<Vec<_>>().join(" ");
    text::nfc(&collapsed)
}

/// Strips list markers (`- `, `+ `, `• `, `– `) and the punctuation that ends a list item.
pub fn strip_item(s: &str) -> String {
    let mut t = clean(s);
    for marker in ["- ", "+ ", "• ", "– ", "— ", "* ", "-", "•"] {
        if let Some(rest) = t.strip_prefix(marker) {
            t = rest.trim_start().to_owned();
            break;
        }
    }
    t.trim_end_matches([',', ';', '.', ' ', '\u{a0}']).trim().to_owned()
}

/// Whether a line starts with a list marker.
pub fn is_list_line(s: &str) -> bool {
    let t = clean(s);
    t.starts_with("- ") || t.starts_with("+ ") || t.starts_with("• ") || t.starts_with("– ") || t == "-"
}

/// Whether every letter is upper case (and there are at least two letters).
pub fn is_upper(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// Whether a line is only a rule or an asterisk (`*`, `-----`, `___`).
pub fn is_rule(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| "-_=*─—–.·~ \\".contains(c))
}

/// Whether a line is a person's name: 2–6 words, each capitalized, letters only.
pub fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words.iter().all(|w| {
            let mut chars = w.chars();
            chars.next().is_some_and(|c| c.is_uppercase())
                && chars.clone().all(|c| c.is_alphabetic())
                && chars.all(|c| c.is_lowercase())
        })
}

/// Upper-case office text in the usual Vietnamese capitalization: `PHÓ GIÁM ĐỐC` →
/// `Phó Giám đốc`, `BAN THƯỜNG VỤ` → `Ban Thường vụ`, `ỦY BAN NHÂN DÂN TỈNH THANH HÓA` →
/// `Ủy ban nhân dân tỉnh Thanh Hóa`. Text that is not all upper case is kept.
pub fn office_case(s: &str) -> String {
    if !is_upper(s) {
        return s.to_owned();
    }
    const PREFIXES: &[&str] = &["pho", "ban", "chanh", "tong", "quyen"];
    let words: Vec<String> = s.split_whitespace().map(|w| w.to_lowercase()).collect();
    let folded: Vec<String> = words.iter().map(|w| text::fold(w)).collect();
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    let mut place_from = usize::MAX;
    for (i, word) in words.iter().enumerate() {
        let capital = i == 0 || i >= place_from || (i == 1 && PREFIXES.contains(&folded[0].as_str()));
        out.push(if capital { capitalize(word) } else { word.clone() });
        // A place name follows "tỉnh", "huyện", "quận", "thành phố", "thị xã".
        let previous = if i > 0 { folded[i - 1].as_str() } else { "" };
        if matches!(folded[i].as_str(), "tinh" | "huyen" | "quan")
            || (previous, folded[i].as_str()) == ("thanh", "pho")
            || (previous, folded[i].as_str()) == ("thi", "xa")
        {
            place_from = place_from.min(i + 1);
        }
    }
    out.join(" ")
}

/// The first letter in upper case.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first letter in lower case, unless the text starts with a name (Hội thi, Đợt…).
pub fn lower_first(s: &str) -> String {
    const NAMES: &[&str] = &["hoi thi", "cuoc thi", "giai thuong", "dot thi dua", "ngay ", "chu tich", "dang "];
    let folded = text::fold(s);
    if NAMES.iter().any(|n| folded.starts_with(n)) || s.chars().nth(1).is_some_and(char::is_uppercase) {
        return s.to_owned();
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Removes parenthesized parts: `Sở Khoa học và Công nghệ (KH&CN)` → `Sở Khoa học và Công nghệ`.
pub fn without_parentheses(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A day, month and year read from text; the day may be blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadDate {
    pub day: Option<u32>,
    pub month: u32,
    pub year: Option<i32>,
}

impl ReadDate {
    /// The date, if it exists (`31/4` does not); a missing year comes from `default_year`.
    pub fn to_partial(self, default_year: Option<i32>) -> Option<PartialDate> {
        let year = self.year.or(default_year)?;
        let written = match self.day {
            Some(day) => format!("{year:04}-{:02}-{day:02}", self.month),
            None => format!("{year:04}-{:02}", self.month),
        };
        PartialDate::parse(&written).ok()
    }
}

fn digits_at(f: &Folded, i: usize, max: usize) -> Option<(u32, usize)> {
    let mut j = i;
    while j < f.len() && j - i < max && f.orig[j].is_ascii_digit() {
        j += 1;
    }
    if j == i || f.orig.get(j).is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let value: u32 = f.slice(i, j).parse().ok()?;
    Some((value, j))
}

/// A date at `i`: `20/5/2023`, `20-5-2023`, `20.5.2023`, `20/5` (no year), or
/// `20 tháng 5 năm 2023`. Returns the date and the index after it.
pub fn date_at(f: &Folded, i: usize) -> Option<(ReadDate, usize)> {
    if i > 0 && f.orig[i - 1].is_ascii_digit() {
        return None;
    }
    let (day, j) = digits_at(f, i, 2)?;
    // "20 tháng 5 năm 2023"
    if let Some(k) = f.word_after(j, "thang") {
        let k = f.skip_spaces(k);
        let (month, k) = digits_at(f, k, 2)?;
        let (year, end) = match f.word_after(k, "nam") {
            Some(n) => {
                let n = f.skip_spaces(n);
                let (year, end) = digits_at(f, n, 4)?;
                (Some(year as i32), end)
            }
            None => (None, k),
        };
        return valid(ReadDate { day: Some(day), month, year }).map(|d| (d, end));
    }
    let separator = *f.orig.get(j)?;
    if !matches!(separator, '/' | '-' | '.') {
        return None;
    }
    let (month, k) = digits_at(f, j + 1, 2)?;
    if f.orig.get(k) == Some(&separator) {
        let (year, end) = digits_at(f, k + 1, 4)?;
        if end - (k + 1) != 4 {
            return None;
        }
        return valid(ReadDate { day: Some(day), month, year: Some(year as i32) }).map(|d| (d, end));
    }
    if separator != '/' || f.orig.get(k).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    valid(ReadDate { day: Some(day), month, year: None }).map(|d| (d, k))
}

fn valid(date: ReadDate) -> Option<ReadDate> {
    let day_ok = date.day.is_none_or(|d| (1..=31).contains(&d));
    ((1..=12).contains(&date.month) && day_ok).then_some(date)
}

/// A document number at `i`: `57/KH/HTSTKT`, `108/KH-UBND`, `1338-CV/ĐUK`, `30/2020/NĐ-CP`,
/// `45/KH- UBND` (a space after a hyphen). With `blank_ok`, also a sign alone
/// (`/KH-CN-TTR`, `……/KH-UBND`). Returns the text as written (trimmed) and the index after.
pub fn doc_number_at(f: &Folded, i: usize, blank_ok: bool) -> Option<(String, usize)> {
    let chars = &f.orig;
    if i > 0 && (chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '/' | '-')) {
        return None;
    }
    let mut j = i;
    while j < chars.len() && chars[j].is_ascii_digit() {
        j += 1;
    }
    let has_digits = j > i;
    if !has_digits {
        if !blank_ok {
            return None;
        }
        while j < chars.len() && matches!(chars[j], '.' | '…' | '_' | ' ') {
            j += 1;
        }
    }
    let number_end = j;
    // "1338 -CV/ĐUK": a space before the hyphen.
    let mut k = j;
    while k < chars.len() && chars[k] == ' ' && k - j < 2 {
        k += 1;
    }
    if !matches!(chars.get(k), Some('/' | '-')) {
        return None;
    }
    let mut end = k;
    let mut letters = 0;
    let mut segment_start = true;
    while end < chars.len() {
        let c = chars[end];
        if c == '/' || c == '-' {
            segment_start = true;
            end += 1;
            // "KH- UBND": one space may follow a hyphen.
            if chars.get(end) == Some(&' ') && chars.get(end + 1).is_some_and(|c| c.is_uppercase()) {
                end += 1;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '&' || (c == '.' && chars.get(end + 1).is_some_and(|n| n.is_alphanumeric())) {
            if segment_start && c.is_lowercase() && letters == 0 {
                return None;
            }
            segment_start = false;
            if c.is_alphabetic() {
                letters += 1;
            }
            end += 1;
            continue;
        }
        break;
    }
    while end > k && matches!(chars[end - 1], '/' | '-' | '.' | ' ') {
        end -= 1;
    }
    if letters == 0 || !chars[k..end].iter().any(|c| c.is_uppercase()) {
        return None;
    }
    let written: String = if has_digits {
        f.slice(i, end)
    } else {
        let _ = number_end;
        f.slice(k, end)
    };
    Some((written.split_whitespace().collect::<Vec<_>>().join(" "), end))
}

/// Phone numbers: `094.2200.232`, `0237 3852 246`, `(0237) 3.852.246`, `+84 94 2200 232`.
/// Returns (text as written, start, end) for each.
pub fn phones(f: &Folded) -> Vec<(String, usize, usize)> {
    let chars = &f.orig;
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts = (c == '0' || c == '+' || (c == '(' && chars.get(i + 1) == Some(&'0')))
            && (i == 0 || !(chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '/' | '.' | '-')));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        let mut last_digit = i;
        while j < chars.len() {
            let c = chars[j];
            if c.is_ascii_digit() {
                digits += 1;
                last_digit = j;
            } else if !(matches!(c, '.' | '-' | '(' | ')' | '+')
                || (c == ' ' && chars.get(j + 1).is_some_and(|n| n.is_ascii_digit() || *n == '(')))
            {
                break;
            }
            j += 1;
        }
        let end = last_digit + 1;
        let after_ok = chars.get(end).is_none_or(|c| !(c.is_alphanumeric() || *c == '/'));
        let text = f.slice(i, end);
        let international = text.starts_with('+');
        let enough = if international { (10..=13).contains(&digits) } else { (9..=11).contains(&digits) };
        if enough && after_ok && !text.contains("--") {
            found.push((text, i, end));
            i = end;
        } else {
            i = j.max(i + 1);
        }
    }
    found
}

/// E-mail addresses: (address, start, end).
pub fn emails(f: &Folded) -> Vec<(String, usize, usize)> {
    let chars = &f.orig;
    let mut found = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, c)| **c == '@') {
        let is_local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
        let is_domain = |c: char| c.is_ascii_alphanumeric() || ".-".contains(c);
        let mut start = at;
        while start > 0 && is_local(chars[start - 1]) {
            start -= 1;
        }
        let mut end = at + 1;
        while end < chars.len() && is_domain(chars[end]) {
            end += 1;
        }
        while end > at + 1 && chars[end - 1] == '.' {
            end -= 1;
        }
        let domain = f.slice(at + 1, end);
        if start < at && domain.contains('.') && !domain.starts_with('.') {
            found.push((f.slice(start, end), start, end));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_text_keeps_positions() {
        let f = Folded::new("Kính gửi: Sở KH&CN");
        assert_eq!(f.find("gui", 0), Some(5));
        assert_eq!(f.slice(5, 8), "gửi");
        assert_eq!(f.find_word("so", 0), Some(10));
    }

    #[test]
    fn cleans_emphasis_and_superscripts() {
        assert_eq!(clean("**T/M BAN THƯỜNG VỤ**"), "T/M BAN THƯỜNG VỤ");
        assert_eq!(clean("- Lưu: VT, VP^{XT}."), "- Lưu: VT, VP.");
        assert_eq!(strip_item("- Giám đốc Sở, các PGĐ Sở;;"), "Giám đốc Sở, các PGĐ Sở");
        assert_eq!(strip_item("- Lưu: VT, VP^{XT}."), "Lưu: VT, VP");
    }

    #[test]
    fn writes_offices_in_vietnamese_capitalization() {
        assert_eq!(office_case("PHÓ BÍ THƯ"), "Phó Bí thư");
        assert_eq!(office_case("BAN THƯỜNG VỤ"), "Ban Thường vụ");
        assert_eq!(office_case("PHÓ GIÁM ĐỐC"), "Phó Giám đốc");
        assert_eq!(office_case("GIÁM ĐỐC"), "Giám đốc");
        assert_eq!(office_case("ỦY BAN NHÂN DÂN TỈNH THANH HÓA"), "Ủy ban nhân dân tỉnh Thanh Hóa");
        assert_eq!(office_case("CHÁNH VĂN PHÒNG"), "Chánh Văn phòng");
    }

    #[test]
    fn reads_numbers_in_their_spellings() {
        let read = |s: &str| doc_number_at(&Folded::new(s), 0, true).map(|(n, _)| n);
        assert_eq!(read("1338 -CV/ĐUK").as_deref(), Some("1338 -CV/ĐUK"));
        assert_eq!(read("57/KH/HTSTKT, ngày").as_deref(), Some("57/KH/HTSTKT"));
        assert_eq!(read("45/KH- UBND ngày").as_deref(), Some("45/KH- UBND"));
        assert_eq!(read("/KH-CN-TTR").as_deref(), Some("/KH-CN-TTR"));
        assert_eq!(read("……/KH-UBND").as_deref(), Some("/KH-UBND"));
        assert_eq!(read("30/2020/NĐ-CP;").as_deref(), Some("30/2020/NĐ-CP"));
        assert_eq!(read("10/6/2024"), None);
        assert_eq!(read("2021-2025"), None);
    }

    #[test]
    fn reads_dates() {
        let read = |s: &str| date_at(&Folded::new(s), 0).map(|(d, _)| d);
        assert_eq!(read("10/6/2024"), Some(ReadDate { day: Some(10), month: 6, year: Some(2024) }));
        assert_eq!(read("09/9/2022)"), Some(ReadDate { day: Some(9), month: 9, year: Some(2022) }));
        assert_eq!(read("20 tháng 5 năm 2023"), Some(ReadDate { day: Some(20), month: 5, year: Some(2023) }));
        assert_eq!(read("20/5 để"), Some(ReadDate { day: Some(20), month: 5, year: None }));
        assert_eq!(read("57/KH"), None);
        assert_eq!(read("32/1/2024"), None);
    }

    #[test]
    fn finds_phones_and_emails() {
        let f = Folded::new("gặp ông Vũ Xuân Thu, SĐT: 094.2200.232; ĐT (0237) 3852 246, email: vp@skhcn.gov.vn.");
        let found: Vec<String> = phones(&f).into_iter().map(|p| p.0).collect();
        assert_eq!(found, ["094.2200.232", "(0237) 3852 246"]);
        assert_eq!(emails(&f)[0].0, "vp@skhcn.gov.vn");
        assert!(phones(&Folded::new("giai đoạn 2021-2025, ngày 10/02/2022")).is_empty());
    }
}
