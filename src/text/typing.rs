//! Query words typed with a Vietnamese keyboard switched off: raw Telex ("hooij" → "hội")
//! and VNI ("ho6i5" → "hội"). Only a word that cannot be a Vietnamese syllable as typed is
//! decoded, so "thi" or "sang" stay as they are.
//!
//! `loa-search.js` (`decodeTyping`) implements the same rules; the `typing` vectors of
//! `tests/search-vectors.json` hold both to the same answers.

use unicode_normalization::UnicodeNormalization;

/// Telex tone keys (sắc, huyền, hỏi, ngã, nặng) and their combining marks. No Vietnamese
/// final consonant uses these letters, so after a vowel they can only be tones.
const TELEX_TONES: [(char, char); 5] =
    [('s', '\u{301}'), ('f', '\u{300}'), ('r', '\u{309}'), ('x', '\u{303}'), ('j', '\u{323}')];
/// VNI tone digits 1–5.
const VNI_TONES: [char; 5] = ['\u{301}', '\u{300}', '\u{309}', '\u{303}', '\u{323}'];

const VOWELS: &str = "aăâeêioôơuưy";
/// The vowel groups of Vietnamese syllables (after the initial consonant; "oo" of "xoong").
const NUCLEI: &[&str] = &[
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia",
    "iê", "iu", "oa", "oă", "oe", "oi", "ôi", "ơi", "oo", "ua", "uâ", "uê", "ui", "uô", "uơ", "uy", "ưa", "ưi", "ưu",
    "ươ", "yê", "iêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyê", "uyu", "yêu",
];
const INITIALS: [&str; 27] = [
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "đ", "g", "h", "k", "l", "m",
    "n", "p", "r", "s", "t", "v", "x",
];
const FINALS: [&str; 9] = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];

/// The Vietnamese syllable a raw Telex or VNI word stands for, in NFC lower case, or None
/// when `word` is a syllable as typed or decodes to no syllable.
pub fn decode(word: &str) -> Option<String> {
    let word = word.to_lowercase();
    if !word.is_ascii() || !word.starts_with(|c: char| c.is_ascii_alphabetic()) || is_syllable(&word) {
        return None;
    }
    let decoded = if word.bytes().any(|b| b.is_ascii_digit()) { vni(&word)? } else { telex(&word)? };
    (decoded != word && is_syllable(&folded_keep_marks(&decoded))).then_some(decoded)
}

/// `text` with its tone marks removed but its vowel marks and đ kept, for the shape check.
fn folded_keep_marks(text: &str) -> String {
    let toneless: String = text.nfd().filter(|c| !VNI_TONES.contains(c)).collect();
    toneless.nfc().collect()
}

/// Whether `word` (lower case, no tone marks) has the shape of a Vietnamese syllable:
/// an optional initial consonant, one to three vowels, an optional final consonant.
pub(crate) fn is_syllable(word: &str) -> bool {
    has_shape(word, |nucleus| NUCLEI.contains(&nucleus))
}

/// Whether a folded word (lower case, no marks, đ as d: "thuong") has the shape of a
/// Vietnamese syllable. Toneless syllables this shape admits are few (initials × nuclei ×
/// finals: under 10,000, a few thousand in use), so the search page can carry every folded
/// word of the index that has it, and know that a word of this shape missing from that list
/// is in no page (see `search::index::vocabulary`).
pub fn is_folded_syllable(word: &str) -> bool {
    static FOLDED_NUCLEI: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| NUCLEI.iter().map(|nucleus| crate::text::fold(nucleus)).collect());
    word.bytes().all(|b| b.is_ascii_lowercase())
        && has_shape(word, |nucleus| FOLDED_NUCLEI.iter().any(|n| n == nucleus))
}

/// `is_syllable` with the vowel groups `nucleus_ok` admits: an optional initial consonant,
/// one to three vowels, an optional final consonant.
fn has_shape(word: &str, nucleus_ok: impl Fn(&str) -> bool) -> bool {
    let rest = INITIALS.iter().find_map(|i| word.strip_prefix(i)).unwrap_or(word);
    // "gi" before no other vowel is g + i: "gì", "gìn".
    let rest = if word.starts_with("gi") && !rest.starts_with(|c| VOWELS.contains(c)) { &word[1..] } else { rest };
    let vowels = rest.chars().take_while(|c| VOWELS.contains(*c)).count();
    let start = rest.char_indices().nth(vowels).map_or(rest.len(), |(at, _)| at);
    let (nucleus, last) = rest.split_at(start);
    // "oo" only in loanwords before ng (xoong, boong).
    nucleus_ok(nucleus) && FINALS.contains(&last) && (nucleus != "oo" || last == "ng")
}

/// Telex: aa â, aw ă, ee ê, oo ô, ow ơ, uw ư, uow ươ, w alone ư, dd đ; s f r x j tones.
fn telex(word: &str) -> Option<String> {
    let mut tone = None;
    let mut letters = String::with_capacity(word.len());
    let mut seen_vowel = false;
    for c in word.chars() {
        match TELEX_TONES.iter().find(|(key, _)| *key == c) {
            Some((_, mark)) if seen_vowel => tone = Some(*mark),
            _ => {
                seen_vowel |= "aeiouyw".contains(c);
                letters.push(c);
            }
        }
    }
    // The u of "qu" belongs to the consonant: "quowf" is quờ, not qườ.
    let (initial, mut out) = match letters.strip_prefix("qu") {
        Some(rest) => ("qu", rest.to_owned()),
        None => ("", letters),
    };
    for (from, to) in [
        ("dd", "đ"),
        ("uow", "ươ"),
        ("uwow", "ươ"),
        ("uwo", "ươ"),
        ("uw", "ư"),
        ("ow", "ơ"),
        ("aw", "ă"),
        ("aa", "â"),
        ("ee", "ê"),
        ("oo", "ô"),
        ("w", "ư"),
    ] {
        out = out.replace(from, to);
    }
    if out.contains(|c: char| "fjwz".contains(c)) {
        return None;
    }
    Some(with_tone(&format!("{initial}{out}"), tone))
}

/// VNI: 1–5 tones (sắc huyền hỏi ngã nặng), 6 â ê ô, 7 ơ ư (and ươ), 8 ă, 9 đ, each after the
/// letter it changes (or later in the word).
fn vni(word: &str) -> Option<String> {
    let mut tone = None;
    let mut letters: Vec<char> = Vec::with_capacity(word.len());
    for c in word.chars() {
        let Some(digit) = c.to_digit(10) else {
            letters.push(c);
            continue;
        };
        let change = |from: &str, to: &str, letters: &mut Vec<char>| -> bool {
            match letters.iter().rposition(|l| from.contains(*l)) {
                Some(at) => {
                    letters[at] = to.chars().nth(from.find(letters[at]).unwrap_or(0)).unwrap_or(letters[at]);
                    true
                }
                None => false,
            }
        };
        let ok = match digit {
            1..=5 => {
                tone = Some(VNI_TONES[digit as usize - 1]);
                true
            }
            6 => change("aeo", "âêô", &mut letters),
            7 => {
                // "uo7" is ươ: both letters take the horn.
                let n = letters.len();
                // Not the u of "qu": "quo7" is quơ.
                let after_q = n >= 3 && letters[n - 3] == 'q';
                if n >= 2 && letters[n - 2] == 'u' && letters[n - 1] == 'o' && !after_q {
                    letters[n - 2] = 'ư';
                    letters[n - 1] = 'ơ';
                    true
                } else {
                    change("ou", "ơư", &mut letters)
                }
            }
            8 => change("a", "ă", &mut letters),
            9 => change("d", "đ", &mut letters),
            _ => false,
        };
        if !ok {
            return None;
        }
    }
    Some(with_tone(&letters.into_iter().collect::<String>(), tone))
}

/// `base` with `tone` on its main vowel: a vowel with a mark (ơ in ươ), else the second of
/// two vowels before a final consonant or in oa/oe/uy, else the middle of three, else the first.
fn with_tone(base: &str, tone: Option<char>) -> String {
    let Some(mark) = tone else { return base.to_owned() };
    let chars: Vec<char> = base.chars().collect();
    // "qu" and "gi" start with a consonant letter that looks like a vowel.
    let skip = if base.starts_with("qu") || (base.starts_with("gi") && chars.len() > 2 && VOWELS.contains(chars[2])) {
        2
    } else {
        0
    };
    let vowels: Vec<usize> = (skip..chars.len()).filter(|&i| VOWELS.contains(chars[i])).collect();
    let Some(&first) = vowels.first() else { return base.to_owned() };
    let marked = vowels.iter().rev().find(|&&i| "ăâêôơư".contains(chars[i])).copied();
    let has_final = vowels.last().is_some_and(|&last| last + 1 < chars.len());
    let at = marked.unwrap_or(match vowels.len() {
        1 => first,
        2 if has_final => vowels[1],
        2 if matches!(&base[base.char_indices().nth(first).map_or(0, |(b, _)| b)..], "oa" | "oe" | "uy") => vowels[1],
        2 => first,
        _ => vowels[1],
    });
    let mut out = String::with_capacity(base.len() + 2);
    for (i, c) in chars.iter().enumerate() {
        out.push(*c);
        if i == at {
            out.push(mark);
        }
    }
    out.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_telex_and_vni_but_leaves_syllables_alone() {
        assert_eq!(decode("hooij").as_deref(), Some("hội"));
        assert_eq!(decode("tieesng").as_deref(), Some("tiếng"));
        assert_eq!(decode("vieejt").as_deref(), Some("việt"));
        assert_eq!(decode("nguwowif").as_deref(), Some("người"));
        assert_eq!(decode("ddua").as_deref(), Some("đua"));
        assert_eq!(decode("tw").as_deref(), Some("tư"));
        assert_eq!(decode("ho6i5").as_deref(), Some("hội"));
        assert_eq!(decode("ngu7o72i").as_deref(), Some("người"));
        assert_eq!(decode("thi"), None);
        assert_eq!(decode("sang"), None);
        assert_eq!(decode("2024"), None);
        assert_eq!(decode("ubnd"), None);
    }
}
