//! Spelling variants that search treats as one word.
//!
//! **i/y.** After the consonants h, k, l, m, s, t, v and after "qu", a syllable ending in the
//! vowel i or y alone is written both ways: kĩ/kỹ, lí/lý, mĩ/mỹ, sĩ/sỹ, tỉ/tỷ, hi/hy, vi/vy,
//! quí/quý. Quyết định 240/QĐ (1984) of the Ministry of Education prefers i, the press and
//! many official titles keep y ("Sáng tạo kỹ thuật"), so both are standard in practice
//! (research/domain.md §4; the spelling rules summarised on thuvienphapluat.vn). Elsewhere
//! the letter is fixed ("thi", "huy", "tuy"), and "uy" is a different rhyme, so only
//! these syllables are merged, in the index and in the query alike, onto the y spelling.

/// The initial consonants after which i and y spell the same syllable.
pub const I_Y_INITIALS: [&str; 8] = ["h", "k", "l", "m", "s", "t", "v", "qu"];

/// `word` (lower case, tone marks as a trailing digit or none) with a final `i` written `y`
/// when the syllable is one of the i/y pairs; None when nothing changes.
pub fn i_to_y(word: &str) -> Option<String> {
    let (base, tone) = match word.char_indices().last() {
        Some((at, c)) if c.is_ascii_digit() => (&word[..at], &word[at..]),
        _ => (word, ""),
    };
    let initial = base.strip_suffix('i')?;
    I_Y_INITIALS.contains(&initial).then(|| format!("{initial}y{tone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_only_the_i_y_pairs() {
        assert_eq!(i_to_y("ki").as_deref(), Some("ky"));
        assert_eq!(i_to_y("ki3").as_deref(), Some("ky3"));
        assert_eq!(i_to_y("qui1").as_deref(), Some("quy1"));
        assert_eq!(i_to_y("ky3"), None);
        assert_eq!(i_to_y("thi"), None);
        assert_eq!(i_to_y("bi"), None);
        assert_eq!(i_to_y("hui"), None);
    }
}
