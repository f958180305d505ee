//! Document numbers as people type them: "45/KH-UBND", "45-KH/UBND", "45 KH UBND" and
//! "số 45/kh-ubnd" are one key, `45-kh-ubnd`, in the State format (số/LOẠI-CƠ QUAN) and the
//! Party format (số-LOẠI/CƠ QUAN) alike, with or without a year ("57/2020/NĐ-CP").
//!
//! `loa-search.js` (`numberKey`, `queryNumberKey`) implements the same rules; the `numbers`
//! vectors of `tests/search-vectors.json` hold both to the same answers.

/// The key of a document number: the number without leading zeros, then each group of
/// letters (folded, `&` dropped) or a year, joined by `-`. None when `text` is not a number
/// followed by at least one group of letters.
pub fn number_key(text: &str) -> Option<String> {
    key(text, |_| true)
}

/// The key of a search query shaped like a document number. A group of letters counts as
/// an abbreviation when it is written in capitals or cannot be a Vietnamese syllable, so
/// "45 kh ubnd" is a number and "2024 ke hoach" is two words after a year.
pub fn query_number_key(text: &str) -> Option<String> {
    key(text, |group| group.chars().all(|c| !c.is_lowercase()) || !super::typing::is_syllable(&super::fold(group)))
}

fn key(text: &str, is_abbreviation: impl Fn(&str) -> bool) -> Option<String> {
    let mut groups: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '-' | '.' | '_'))
        .filter(|g| !g.is_empty())
        .collect();
    if groups.first().is_some_and(|g| matches!(super::fold(g).as_str(), "so")) {
        groups.remove(0);
    }
    if groups.len() < 2 || groups.len() > 6 {
        return None;
    }
    let number = groups[0];
    if number.len() > 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut key = number.trim_start_matches('0').to_owned();
    if key.is_empty() {
        key.push('0');
    }
    let mut letters = 0;
    for (i, group) in groups.iter().enumerate().skip(1) {
        if i == 1 && group.len() == 4 && group.bytes().all(|b| b.is_ascii_digit()) {
            key.push('-');
            key.push_str(group);
            continue;
        }
        let plain: String = group.chars().filter(|&c| c != '&').collect();
        if plain.is_empty() || plain.chars().count() > 10 || !plain.chars().all(char::is_alphabetic) {
            return None;
        }
        if !is_abbreviation(&plain) {
            return None;
        }
        key.push('-');
        key.push_str(&super::fold(&plain));
        letters += 1;
    }
    (letters > 0).then_some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_formats_and_spaced_forms_share_a_key() {
        for typed in ["45/KH-UBND", "45-KH/UBND", "45 KH UBND", "45 kh ubnd", "số 45/kh-ubnd", "045/KH-UBND"] {
            assert_eq!(query_number_key(typed).as_deref(), Some("45-kh-ubnd"), "{typed}");
        }
        assert_eq!(number_key("1338-CV/ĐUK").as_deref(), Some("1338-cv-duk"));
        assert_eq!(number_key("57/2020/NĐ-CP").as_deref(), Some("57-2020-nd-cp"));
        assert_eq!(number_key("12/QĐ-BKH&CN").as_deref(), Some("12-qd-bkhcn"));
        assert_eq!(query_number_key("2024 ke hoach"), None);
        assert_eq!(query_number_key("45"), None);
        assert_eq!(number_key("/KH-CN"), None);
        assert_eq!(query_number_key("thi dua"), None);
    }
}
