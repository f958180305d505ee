//! Vietnamese text: NFC normalization, diacritic folding (with đ→d), slugs and dates
//! written the Vietnamese way.
//!
//! Validation, rendering, search and import all go through this module, so that the slugs
//! in URLs and the words in the search index never disagree about a spelling.

pub(crate) mod abbreviations;
pub mod numbers;
pub mod spelling;
pub mod typing;

use std::rc::Rc;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::date::{DateTime, PartialDate};

mod collate;
pub use collate::{compare, sort_by_name};

/// Text in Unicode NFC. Text pasted from Word or macOS is often decomposed (NFD), which
/// looks the same but compares and searches differently.
pub fn nfc(text: &str) -> String {
    if is_nfc(text) { text.to_owned() } else { text.nfc().collect() }
}

/// Whether `text` is already NFC. Vietnamese text is letters below U+0300 and precomposed
/// letters in U+1EA0–U+1EFF, with punctuation from U+2002–U+206F: all of them NFC on their
/// own, checked without the normalization tables; anything else gets the full quick check.
pub fn is_nfc(text: &str) -> bool {
    let plainly = |c: char| matches!(c as u32, 0..0x300 | 0x1EA0..=0x1EFF | 0x2002..=0x206F);
    text.chars().all(plainly)
        || unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
}

/// Lower-case text with every diacritic removed, `đ` folded to `d`.
///
/// NFD alone does not decompose `đ`/`Đ` (U+0111/U+0110): they need their own mapping, or
/// "thi dua" would never match "thi đua".
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// An element id for a slug made from content (a heading, a results entry): never one of the
/// theme's own ids, which start with `loa-`, and never empty (`muc`, "section").
pub fn content_id(slug: &str) -> String {
    if slug.is_empty() || slug.starts_with("loa-") {
        format!("muc-{slug}").trim_end_matches('-').to_owned()
    } else {
        slug.to_owned()
    }
}

/// An ASCII slug for URLs and file names: `Hội thi Sáng tạo kỹ thuật` → `hoi-thi-sang-tao-ky-thuat`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            slug.push(c);
            pending_dash = false;
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Whether a slug is already in canonical form (what `slugify` would make of it).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty() && slugify(text) == text
}

/// "ngày 25 tháng 6 năm 2024", "tháng 9 năm 2022" when the day is blank, "năm 2022".
pub fn vi_date(date: &PartialDate) -> String {
    match (date.month, date.day) {
        (Some(month), Some(day)) => format!("ngày {day} tháng {month} năm {}", date.year),
        (Some(month), None) => format!("tháng {month} năm {}", date.year),
        _ => format!("năm {}", date.year),
    }
}

/// The date line of an official document (Nghị định 30/2020/NĐ-CP, Phụ lục I): days below
/// 10 and months below 3 take a leading zero, a blank day stays blank:
/// "ngày 05 tháng 01 năm 2024", "ngày … tháng 9 năm 2022".
pub fn vi_document_date(date: &PartialDate) -> String {
    let month = date.month.map(|m| if m < 3 { format!("{m:02}") } else { m.to_string() });
    let day = date.day.map(|d| format!("{d:02}"));
    match (month, day) {
        (Some(month), Some(day)) => format!("ngày {day} tháng {month} năm {}", date.year),
        (Some(month), None) => format!("ngày … tháng {month} năm {}", date.year),
        _ => format!("năm {}", date.year),
    }
}

/// A deadline with its optional time: "17 giờ 00, ngày 20 tháng 5 năm 2023".
pub fn vi_datetime(value: &DateTime) -> String {
    match value.time {
        Some((hour, minute)) => format!("{hour} giờ {minute:02}, {}", vi_date(&value.date)),
        None => vi_date(&value.date),
    }
}

/// The first letter in capitals, the rest as written: a trích yếu ("tuyên truyền, tham gia
/// Hội thi…") as a title ("Tuyên truyền, tham gia Hội thi…").
pub fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A Vietnamese phone number grouped for reading: `0983049674` → `0983 049 674` (mobile,
/// 4-3-3), `02373852246` → `0237 3852 246` (landline, 4-4-3), `+84983049674` →
/// `+84 983 049 674`. Numbers of another shape, or with letters or extensions, are kept as
/// written; the `tel:` link always dials the digits as written.
pub fn phone_for_reading(phone: &str) -> String {
    if !phone.chars().all(|c| c.is_ascii_digit() || " .-+".contains(c)) || phone.rfind('+').is_some_and(|i| i > 0) {
        return phone.to_owned();
    }
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let group = |d: &str, sizes: &[usize]| {
        let mut parts = Vec::new();
        let mut at = 0;
        for &n in sizes {
            parts.push(&d[at..at + n]);
            at += n;
        }
        parts.join(" ")
    };
    match (phone.starts_with('+'), digits.len()) {
        (false, 10) if digits.starts_with('0') && !digits.starts_with("02") => group(&digits, &[4, 3, 3]),
        (false, 11) if digits.starts_with("02") => group(&digits, &[4, 4, 3]),
        (true, 11) if digits.starts_with("84") => format!("+84 {}", group(&digits[2..], &[3, 3, 3])),
        _ => phone.to_owned(),
    }
}

/// Short numeric form for tables and lists: "25/6/2024", "9/2022".
pub fn vi_date_short(date: &PartialDate) -> String {
    match (date.month, date.day) {
        (Some(month), Some(day)) => format!("{day:02}/{month:02}/{}", date.year),
        (Some(month), None) => format!("{month:02}/{}", date.year),
        _ => date.year.to_string(),
    }
}

/// English month names, for `en_date`.
pub const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date written in English, day first as in British and Vietnamese usage: "25 June 2024",
/// "June 2024" when the day is blank, "2024".
pub fn en_date(date: &PartialDate) -> String {
    date_with_months(date, &EN_MONTHS)
}

/// A date as "25 June 2024" with the given month names (for any language written day,
/// month name, year; the UI strings of a language give its names).
pub fn date_with_months<S: AsRef<str>>(date: &PartialDate, months: &[S]) -> String {
    let month_name = |m: u32| months.get(m as usize - 1).map_or_else(|| m.to_string(), |s| s.as_ref().to_owned());
    match (date.month, date.day) {
        (Some(month), Some(day)) => format!("{day} {} {}", month_name(month), date.year),
        (Some(month), None) => format!("{} {}", month_name(month), date.year),
        _ => date.year.to_string(),
    }
}

/// A deadline in English: "17:00, 20 May 2023".
pub fn en_datetime(value: &DateTime) -> String {
    match value.time {
        Some((hour, minute)) => format!("{hour:02}:{minute:02}, {}", en_date(&value.date)),
        None => en_date(&value.date),
    }
}

/// File sizes with a Vietnamese decimal comma: "12,3 KB".
pub fn vi_file_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit]).replace('.', ",")
}

/// Text with its document numbers kept whole on paper: in each word that holds a digit and
/// a `/` or `-` (`1338-CV/ĐUK`, `57/KH-UBND`), a word joiner (U+2060, invisible) follows
/// each `/` and `-`, so a line never breaks inside the number ("1338-CV/" / "ĐUK").
/// Plain text in, plain text out: the template's escaper still sees all of it.
pub fn keep_numbers_whole(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let is_number = word.chars().any(|c| c.is_ascii_digit()) && word.contains(['/', '-']);
        for c in word.chars() {
            out.push(c);
            // Not after a trailing sign: the break after the whole word stays allowed.
            if is_number && matches!(c, '/' | '-') {
                out.push('\u{2060}');
            }
        }
        if is_number && word.ends_with(['/', '-']) {
            out.pop();
        }
    }
    out
}

/// A word as the search index keeps it, in two spellings. Shared strings: a portal repeats
/// the same few thousand syllables millions of times, and each is worked out once per thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower case, NFC, with its tone mark moved to the end as a digit (`hòa`, `hoà` → `hoa2`),
    /// so the old and new tone placements compare equal while diacritics still count.
    pub exact: Rc<str>,
    /// Every mark removed, `đ` → `d`, leading zeros of numbers dropped: what people type
    /// without a Vietnamese keyboard.
    pub folded: Rc<str>,
}

/// Vietnamese tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters, with the
/// digit they become in `Token::exact`. Vowel marks (ă â ê ô ơ ư) are not tones and stay.
const TONE_MARKS: [(char, char); 5] =
    [('\u{300}', '2'), ('\u{301}', '1'), ('\u{303}', '3'), ('\u{309}', '4'), ('\u{323}', '5')];

/// Splits text into search tokens: runs of letters, digits and marks. The browser's
/// `loa-search.js` implements the same rules; `tests/search-vectors.json` holds both to it.
pub fn tokens(text: &str) -> Vec<Token> {
    let normalized;
    let text = if is_nfc(text) {
        text
    } else {
        normalized = nfc(text);
        &normalized
    };
    // Words are looked up as written: a word seen before costs one lookup, no lower-casing.
    TOKEN_CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let mut tokens = Vec::new();
        let mut start = None;
        for (at, c) in text.char_indices() {
            if is_word_char(c) {
                start.get_or_insert(at);
            } else if let Some(from) = start.take() {
                tokens.push(cached_token(&mut cache, &text[from..at]));
            }
        }
        if let Some(from) = start {
            tokens.push(cached_token(&mut cache, &text[from..]));
        }
        tokens
    })
}

/// Letters, digits and combining marks make words. Latin letters with diacritics, which
/// are most of Vietnamese text, are known without the Unicode tables.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c as u32, 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x1EA0..=0x1EFF)
        || (!c.is_ascii() && (c.is_alphanumeric() || is_combining_mark(c)))
}

thread_local! {
    /// Vietnamese has a few thousand syllables and a portal repeats them endlessly: each
    /// thread works out a word's spellings once, keyed by the word as written.
    static TOKEN_CACHE: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Token>> = Default::default();
}

fn cached_token(cache: &mut rustc_hash::FxHashMap<Box<str>, Token>, word: &str) -> Token {
    if let Some(known) = cache.get(word) {
        return known.clone();
    }
    let made = token(&word.to_lowercase());
    if cache.len() < 200_000 {
        cache.insert(word.into(), made.clone());
    }
    made
}

fn token(word: &str) -> Token {
    if word.is_ascii() && !word.bytes().all(|b| b.is_ascii_digit()) {
        let same: Rc<str> = spelling::i_to_y(word).map_or_else(|| word.into(), Into::into);
        return Token { exact: same.clone(), folded: same };
    }
    let mut tone = None;
    let mut base = String::with_capacity(word.len());
    for c in word.nfd() {
        match TONE_MARKS.iter().find(|(mark, _)| *mark == c) {
            Some((_, digit)) => tone = Some(*digit),
            None => base.push(c),
        }
    }
    let mut exact: String = base.nfc().collect();
    if let Some(digit) = tone {
        exact.push(digit);
    }
    let mut folded = fold(word);
    if folded.len() > 1 && folded.bytes().all(|b| b.is_ascii_digit()) {
        folded = folded.trim_start_matches('0').to_owned();
        if folded.is_empty() {
            folded.push('0');
        }
    }
    // kĩ and kỹ are one word (see `spelling`).
    if let Some(y) = spelling::i_to_y(&exact) {
        exact = y;
    }
    if let Some(y) = spelling::i_to_y(&folded) {
        folded = y;
    }
    Token { exact: exact.into(), folded: folded.into() }
}

#[cfg(test)]
mod tests {
    #[test]
    fn document_numbers_get_word_joiners_and_other_words_do_not() {
        assert_eq!(keep_numbers_whole("Số 1338-CV/ĐUK ngày"), "Số 1338-\u{2060}CV/\u{2060}ĐUK ngày");
        assert_eq!(keep_numbers_whole("57/KH-UBND."), "57/\u{2060}KH-\u{2060}UBND.");
        assert_eq!(keep_numbers_whole("Sáng tạo - kỹ thuật 2024/"), "Sáng tạo - kỹ thuật 2024/");
        assert_eq!(keep_numbers_whole("KH-UBND và 2024–2025"), "KH-UBND và 2024–2025");
    }

    use super::*;

    #[test]
    fn english_dates_read_day_month_year() {
        assert_eq!(en_date(&PartialDate::full(2024, 6, 25)), "25 June 2024");
        assert_eq!(en_date(&PartialDate::parse("2022-09").unwrap()), "September 2022");
        assert_eq!(en_date(&PartialDate::parse("2022").unwrap()), "2022");
        let deadline = DateTime::parse("2023-05-20T17:00").unwrap();
        assert_eq!(en_datetime(&deadline), "17:00, 20 May 2023");
        assert_eq!(vi_date(&PartialDate::full(2024, 6, 25)), "ngày 25 tháng 6 năm 2024");
    }

    #[test]
    fn folds_tones_vowel_marks_and_d_with_stroke() {
        assert_eq!(fold("Thi đua Sáng tạo"), "thi dua sang tao");
        assert_eq!(fold("ĐẢNG ỦY KHỐI"), "dang uy khoi");
        assert_eq!(fold("hoà"), fold("hòa"));
        assert_eq!(fold("thuý"), fold("thúy"));
    }

    #[test]
    fn normalizes_decomposed_text_to_nfc() {
        let decomposed: String = "Hội thi".nfd().collect();
        assert_ne!(decomposed, "Hội thi");
        assert_eq!(nfc(&decomposed), "Hội thi");
    }

    #[test]
    fn slugs_are_vietnamese_aware() {
        assert_eq!(slugify("Hội thi Sáng tạo kỹ thuật"), "hoi-thi-sang-tao-ky-thuat");
        assert_eq!(slugify("Đảng ủy Khối – 1338-CV/ĐUK"), "dang-uy-khoi-1338-cv-duk");
        assert_eq!(slugify("  --Thi đua!! "), "thi-dua");
        assert!(is_slug("vu-xuan-thu"));
        assert!(!is_slug("Vu_Xuan"));
    }

    #[test]
    fn writes_dates_the_vietnamese_way() {
        let full = PartialDate { year: 2024, month: Some(6), day: Some(25) };
        let no_day = PartialDate { year: 2022, month: Some(9), day: None };
        assert_eq!(vi_date(&full), "ngày 25 tháng 6 năm 2024");
        assert_eq!(vi_date(&no_day), "tháng 9 năm 2022");
        assert_eq!(
            vi_document_date(&PartialDate { year: 2024, month: Some(1), day: Some(5) }),
            "ngày 05 tháng 01 năm 2024"
        );
        assert_eq!(vi_document_date(&no_day), "ngày … tháng 9 năm 2022");
        assert_eq!(vi_date_short(&full), "25/06/2024");
    }

    #[test]
    fn the_word_character_shortcut_agrees_with_the_unicode_tables() {
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            let by_tables = c.is_alphanumeric() || is_combining_mark(c);
            assert_eq!(is_word_char(c), by_tables, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn the_nfc_shortcut_agrees_with_the_normalization_tables() {
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        for c in (0..0x2100u32).filter_map(char::from_u32) {
            let text = c.to_string();
            assert_eq!(is_nfc(&text), is_nfc_quick(text.chars()) == IsNormalized::Yes, "U+{:04X}", c as u32);
        }
        let decomposed: String = "Hội thi Sáng tạo".nfd().collect();
        assert!(!is_nfc(&decomposed));
        assert_eq!(nfc(&decomposed), "Hội thi Sáng tạo");
    }

    #[test]
    fn search_tokens_fold_and_keep_tone_placement_apart_from_diacritics() {
        let words = tokens("Hội thi “Sáng tạo” 1338-CV/ĐUK, hoà hòa 09/9");
        let folded: Vec<&str> = words.iter().map(|t| &*t.folded).collect();
        assert_eq!(folded, ["hoi", "thi", "sang", "tao", "1338", "cv", "duk", "hoa", "hoa", "9", "9"]);
        assert_eq!(words[7].exact, words[8].exact, "old and new tone placement are the same word");
        assert_eq!(&*words[2].exact, "sang1");
        assert_ne!(tokens("săng")[0].exact, tokens("sáng")[0].exact);
    }

    #[test]
    fn phone_numbers_are_grouped_for_reading() {
        assert_eq!(phone_for_reading("0983049674"), "0983 049 674");
        assert_eq!(phone_for_reading("0983.049.674"), "0983 049 674");
        assert_eq!(phone_for_reading("0237.3852.246"), "0237 3852 246");
        assert_eq!(phone_for_reading("+84983049674"), "+84 983 049 674");
        assert_eq!(phone_for_reading("1900 1234"), "1900 1234");
        assert_eq!(phone_for_reading("0237 385 2246 (máy lẻ 12)"), "0237 385 2246 (máy lẻ 12)");
    }

    #[test]
    fn sentence_case_capitalizes_the_first_letter_only() {
        assert_eq!(sentence_case("đẩy mạnh phong trào Thi đua"), "Đẩy mạnh phong trào Thi đua");
        assert_eq!(sentence_case(""), "");
    }

    #[test]
    fn writes_sizes_with_a_decimal_comma() {
        assert_eq!(vi_file_size(512), "512 B");
        assert_eq!(vi_file_size(12_595), "12,3 KB");
    }
}
