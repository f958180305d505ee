//! Vietnamese alphabetical order: one comparison for every sorted list of names and titles.
//!
//! ICU4X's collator with CLDR's Vietnamese tailoring: base letters in the order
//! a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, tones second (none, huyền,
//! hỏi, ngã, sắc, nặng), case third. A hand-written key gave the same order on the
//! alphabet; the collator also orders every other script and punctuation the way CLDR
//! does, and its data was already half in the binary (the normalizer's tables).

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use std::cmp::Ordering;
use std::sync::LazyLock;

/// The collator, made once: its data is compiled into the binary.
static VIETNAMESE: LazyLock<CollatorBorrowed<'static>> = LazyLock::new(|| {
    let locale: icu_locale_core::Locale = icu_locale_core::locale!("vi");
    Collator::try_new((&locale).into(), CollatorOptions::default()).expect("compiled Vietnamese collation data")
});

/// `a` against `b` in Vietnamese alphabetical order; texts that collate equal are ordered
/// by their bytes, so a sort is the same on every run and every machine.
pub fn compare(a: &str, b: &str) -> Ordering {
    VIETNAMESE.compare(a, b).then_with(|| a.cmp(b))
}

/// Sorts `items` by the name `name` gives each, in Vietnamese alphabetical order (stable).
pub fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| compare(name(a), name(b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        sort_by_name(&mut words, String::as_str);
        words
    }

    #[test]
    fn d_with_stroke_comes_after_d() {
        assert_eq!(
            sorted(&["Đảng ủy Khối", "Dân vận", "Sở Khoa học", "Ủy ban nhân dân"]),
            ["Dân vận", "Đảng ủy Khối", "Sở Khoa học", "Ủy ban nhân dân"]
        );
        assert_eq!(compare("Đảng", "Dân"), Ordering::Greater);
        assert_eq!(compare("Đa", "Dz"), Ordering::Greater);
    }

    #[test]
    fn u_with_a_tone_sits_among_the_u_and_before_u_with_horn() {
        assert_eq!(
            sorted(&["Văn phòng", "Ưu tiên", "Ủy ban", "Uông Bí", "Tỉnh ủy", "Ủy ban Mặt trận"]),
            ["Tỉnh ủy", "Uông Bí", "Ủy ban", "Ủy ban Mặt trận", "Ưu tiên", "Văn phòng"]
        );
    }

    #[test]
    fn vowels_with_marks_are_letters_of_their_own() {
        assert_eq!(compare("Ông", "Ong"), Ordering::Greater);
        assert_eq!(compare("Ông", "Oz"), Ordering::Greater);
        assert_eq!(compare("Ơn", "Ông"), Ordering::Greater);
        assert_eq!(compare("ăn", "az"), Ordering::Greater);
        assert_eq!(compare("ân", "ăz"), Ordering::Greater);
        assert_eq!(compare("êm", "ez"), Ordering::Greater);
        assert_eq!(
            sorted(&["y", "ư", "ơ", "ô", "o", "đ", "d", "ê", "e", "â", "ă", "a"]),
            ["a", "ă", "â", "d", "đ", "e", "ê", "o", "ô", "ơ", "ư", "y"]
        );
    }

    #[test]
    fn tones_are_secondary_and_case_tertiary() {
        // Tones decide only between words with the same letters.
        assert_eq!(compare("má", "mb"), Ordering::Less);
        assert_eq!(sorted(&["mạ", "má", "mã", "mả", "mà", "ma"]), ["ma", "mà", "mả", "mã", "má", "mạ"]);
        // Case decides only between words with the same letters and tones.
        assert_eq!(compare("Ma", "mà"), Ordering::Less);
        assert_eq!(compare("ma", "Ma"), Ordering::Less);
        assert_eq!(compare("Hà Nội", "hà nội"), Ordering::Greater);
    }

    #[test]
    fn decomposed_and_composed_text_collate_alike() {
        assert_eq!(VIETNAMESE.compare("Ủy ban", "U\u{31B}\u{309}y ban"), Ordering::Less);
        assert_eq!(VIETNAMESE.compare("Ủy ban", "U\u{309}y ban"), Ordering::Equal);
    }
}

/// The hand-written key the collator was measured against (`cargo test --release --lib
/// collation_cost -- --ignored --nocapture`): base letters first, then tones, then case.
#[cfg(test)]
mod measure {
    use std::time::Instant;

    const LETTERS: &str = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz";
    const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

    fn key(text: &str) -> (Vec<u32>, Vec<u8>, Vec<bool>) {
        use unicode_normalization::UnicodeNormalization;
        let (mut primary, mut tones, mut case) = (Vec::new(), Vec::new(), Vec::new());
        let mut chars = text.nfd().peekable();
        while let Some(c) = chars.next() {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let mut letter = lower;
            // The vowel marks make letters of their own; the tones are kept aside.
            while let Some(&m) = chars.peek() {
                let with = match (letter, m) {
                    ('a', '\u{306}') => 'ă',
                    ('a', '\u{302}') => 'â',
                    ('e', '\u{302}') => 'ê',
                    ('o', '\u{302}') => 'ô',
                    ('o', '\u{31B}') => 'ơ',
                    ('u', '\u{31B}') => 'ư',
                    _ => match TONES.iter().position(|&t| t == m) {
                        Some(t) => {
                            tones.push(t as u8 + 1);
                            chars.next();
                            continue;
                        }
                        None => break,
                    },
                };
                letter = with;
                chars.next();
            }
            let rank = LETTERS.chars().position(|l| l == letter).map_or(1000 + letter as u32, |r| r as u32 + 100);
            primary.push(if letter.is_whitespace() { 1 } else { rank });
            case.push(c.is_uppercase());
        }
        (primary, tones, case)
    }

    #[test]
    fn the_hand_written_key_agrees_with_the_collator_on_the_alphabet() {
        let words = ["Đảng", "Dân", "Ủy ban", "Uông", "Ưu", "Ông", "Ong", "Ơn", "mạ", "má", "ma", "Ma", "Ăn", "Âm"];
        let mut by_key = words.to_vec();
        by_key.sort_by_key(|w| key(w));
        let mut by_collator = words.to_vec();
        super::sort_by_name(&mut by_collator, |w| w);
        assert_eq!(by_key, by_collator);
    }

    #[test]
    #[ignore = "a measurement, not a check"]
    fn collation_cost() {
        let syllables = [
            "Kế", "hoạch", "Đảng", "ủy", "Sở", "Khoa", "học", "Ủy", "ban", "nhân", "dân", "tỉnh", "Hội", "thi", "Sáng",
            "tạo", "ông", "Ưu", "tiên", "Thanh", "Hóa", "phát", "động", "thi", "đua",
        ];
        let mut seed = 7u64;
        let titles: Vec<String> = (0..10_000)
            .map(|_| {
                (0..6)
                    .map(|_| {
                        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        syllables[(seed >> 33) as usize % syllables.len()]
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let time = |name: &str, sort: &dyn Fn(&mut Vec<String>)| {
            let mut list = titles.clone();
            let start = Instant::now();
            sort(&mut list);
            println!("{name}: {:?} for {} titles", start.elapsed(), list.len());
        };
        time("icu_collator compare", &|l| super::sort_by_name(l, String::as_str));
        time("hand-written key (cached)", &|l| l.sort_by_cached_key(|t| key(t)));
    }
}
