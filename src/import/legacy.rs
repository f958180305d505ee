//! Legacy Vietnamese encodings still found in provincial archives: TCVN3 (ABC, the
//! `.VnTime` fonts) and VNI (the `VNI-Times` fonts). Both put Vietnamese letters on the
//! upper half of an 8-bit code page, so the same text reaches the importer three ways: as
//! bytes in a `.txt`, as Unicode text typed with those fonts and pasted ("Uû ban nh©n d©n"
//! is TCVN3 read as Windows-1252), or inside `.docx` runs whose font names the encoding.
//! Everything is converted to Unicode NFC; only text whose encoding cannot be decided is
//! refused.

use crate::text;

/// A legacy encoding the importer converts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Legacy {
    Tcvn3,
    Vni,
}

impl Legacy {
    /// Its name as staff know it, for notes and errors.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Legacy::Tcvn3 => "TCVN3 (ABC, .VnTime fonts)",
            Legacy::Vni => "VNI (VNI-Times fonts)",
        }
    }

    /// Converts text in this encoding (each byte read as the Latin-1 character of the
    /// same code, which is what a pasted or mis-decoded text holds) to Unicode NFC.
    /// `upper`: the text was set in an all-capitals font (`.VnTimeH`), whose lower-case
    /// codes print as capitals.
    pub(crate) fn convert(self, text: &str, upper: bool) -> String {
        let converted = match self {
            Legacy::Tcvn3 => from_tcvn3(text),
            Legacy::Vni => from_vni(text),
        };
        if upper { converted.to_uppercase() } else { converted }
    }
}

/// The encoding a font name implies: `.VnTime`, `.VnArialH`… are TCVN3 (the `H` ones all
/// capitals); `VNI-Times`, `VNI-Helve`… are VNI.
pub(crate) fn font_encoding(font: &str) -> Option<(Legacy, bool)> {
    let font = font.trim();
    let lower = font.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        return Some((Legacy::Tcvn3, font.ends_with('H')));
    }
    if lower.starts_with("vni-") || lower.starts_with("vni ") {
        return Some((Legacy::Vni, false));
    }
    None
}

/// TCVN 5712:1993, table VN3 (the 8-bit "ABC" code used by the `.VnTime` fonts): the
/// code of each Vietnamese letter not in ASCII. VN3 has the 67 lower-case letters and the
/// seven upper-case letters without a tone; capitals with a tone are printed with the
/// all-capitals fonts (`.VnTimeH`) using the lower-case codes.
const TCVN3: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

fn tcvn3_char(c: char) -> Option<char> {
    let code = u8::try_from(u32::from(c)).ok()?;
    TCVN3.iter().find(|(b, _)| *b == code).map(|(_, letter)| *letter)
}

/// TCVN3 text to Unicode. A word whose other letters are capitals gets its toned letters
/// in capitals too (it was set in a `.VnTimeH` font, which VN3 cannot tell apart), as does
/// a whole line in capitals ("UBND TØNH" → "UBND TỈNH").
fn from_tcvn3(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let converted: String = line.chars().map(|c| tcvn3_char(c).unwrap_or(c)).collect();
        // Each column of a line laid out in columns (three spaces or a tab apart) is
        // judged on its own: "SỞ TÀI NGUYÊN      Độc lập - Tự do".
        if column_starts(&converted).len() > 1 {
            let starts = column_starts(&converted);
            let chars: Vec<char> = converted.chars().collect();
            for (k, start) in starts.iter().enumerate() {
                let end = starts.get(k + 1).copied().unwrap_or(chars.len());
                let column: String = chars[*start..end].iter().collect();
                out.push_str(&case_line(&column));
            }
            continue;
        }
        out.push_str(&case_line(&converted));
    }
    text::nfc(&out)
}

/// Where the columns of a line start (char indices): after three spaces or a tab.
fn column_starts(line: &str) -> Vec<usize> {
    let chars: Vec<char> = line.chars().collect();
    let mut starts = vec![0];
    let mut spaces = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' || *c == '\t' {
            spaces += if *c == '\t' { 3 } else { 1 };
        } else {
            if spaces >= 3 && i > spaces {
                starts.push(i - spaces);
            }
            spaces = 0;
        }
    }
    starts
}

/// The case of converted TCVN3 text: all capitals when its ASCII letters are.
fn case_line(converted: &str) -> String {
    let mut out = String::new();
    {
        // Words alone: capitals when their other letters are ("ĐẠI", but "Uỷ").
        let lower_ascii = converted.chars().filter(char::is_ascii_lowercase).count();
        let upper = converted.chars().filter(|c| c.is_uppercase()).count();
        if lower_ascii == 0 && upper >= 3 {
            return converted.to_uppercase();
        }
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let lower_ascii = word.chars().filter(char::is_ascii_lowercase).count();
            let upper = word.chars().filter(|c| c.is_uppercase()).count();
            if lower_ascii == 0 && upper >= 2 {
                out.push_str(&word.to_uppercase());
            } else {
                out.push_str(word);
            }
            word.clear();
        };
        for c in converted.chars() {
            if c.is_alphabetic() {
                word.push(c);
            } else {
                flush(&mut word, &mut out);
                out.push(c);
            }
        }
        flush(&mut word, &mut out);
    }
    out
}

/// The VNI-Windows code (VNI Software's published keyboard/font table): a vowel is its
/// ASCII letter followed by one mark character; these are the marks, lower and upper
/// case, as the combining marks they stand for (shape mark first, then tone).
const VNI_MARKS: &[(char, char, &str)] = &[
    ('ø', 'Ø', "\u{300}"),        // huyền
    ('ù', 'Ù', "\u{301}"),        // sắc
    ('û', 'Û', "\u{309}"),        // hỏi
    ('õ', 'Õ', "\u{303}"),        // ngã
    ('ï', 'Ï', "\u{323}"),        // nặng
    ('â', 'Â', "\u{302}"),        // mũ (â ê ô)
    ('á', 'Á', "\u{302}\u{301}"), // mũ + sắc
    ('à', 'À', "\u{302}\u{300}"), // mũ + huyền
    ('å', 'Å', "\u{302}\u{309}"), // mũ + hỏi
    ('ã', 'Ã', "\u{302}\u{303}"), // mũ + ngã
    ('ä', 'Ä', "\u{302}\u{323}"), // mũ + nặng
    ('ê', 'Ê', "\u{306}"),        // trăng (ă)
    ('é', 'É', "\u{306}\u{301}"), // trăng + sắc
    ('è', 'È', "\u{306}\u{300}"), // trăng + huyền
    ('ú', 'Ú', "\u{306}\u{309}"), // trăng + hỏi
    ('ü', 'Ü', "\u{306}\u{303}"), // trăng + ngã
    ('ë', 'Ë', "\u{306}\u{323}"), // trăng + nặng
];

/// VNI letters written as one character of their own.
const VNI_LETTERS: &[(char, char)] = &[
    ('ñ', 'đ'),
    ('Ñ', 'Đ'),
    ('ô', 'ơ'),
    ('Ô', 'Ơ'),
    ('ö', 'ư'),
    ('Ö', 'Ư'),
    ('ì', 'ì'),
    ('Ì', 'Ì'),
    ('í', 'í'),
    ('Í', 'Í'),
    ('æ', 'ỉ'),
    ('Æ', 'Ỉ'),
    ('ó', 'ĩ'),
    ('Ó', 'Ĩ'),
    ('ò', 'ị'),
    ('Ò', 'Ị'),
    ('î', 'ỵ'),
    ('Î', 'Ỵ'),
];

fn vni_mark(c: char) -> Option<&'static str> {
    VNI_MARKS.iter().find(|(lower, upper, _)| *lower == c || *upper == c).map(|(_, _, marks)| *marks)
}

/// VNI text to Unicode: a base vowel (or ơ/ư) takes the mark after it.
fn from_vni(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let base = VNI_LETTERS.iter().find(|(code, _)| *code == c).map(|(_, letter)| *letter);
        let takes_mark = "aeiouyAEIOUY".contains(c) || matches!(base, Some('ơ' | 'Ơ' | 'ư' | 'Ư'));
        out.push(base.unwrap_or(c));
        if takes_mark && let Some(marks) = chars.peek().copied().and_then(vni_mark) {
            out.push_str(marks);
            chars.next();
        }
    }
    text::nfc(&out)
}

/// What a text's encoding was found to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Detected {
    /// Unicode already (or plain ASCII): nothing to convert.
    Unicode,
    Legacy(Legacy),
    /// Not Unicode Vietnamese, and neither encoding fits well: the likelier one, if any.
    Undecidable(Option<Legacy>),
}

/// Vietnamese letters outside Latin-1: present in any real Unicode Vietnamese text, absent
/// from text in the legacy encodings.
fn is_unicode_vietnamese(c: char) -> bool {
    matches!(c, '\u{0102}' | '\u{0103}' | '\u{0110}' | '\u{0111}' | '\u{0128}' | '\u{0129}' | '\u{0168}' | '\u{0169}')
        || matches!(c, '\u{01A0}' | '\u{01A1}' | '\u{01AF}' | '\u{01B0}')
        || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        || ('\u{0300}'..='\u{0323}').contains(&c)
}

/// Counts of what each encoding leaves in text read as Latin-1: (TCVN3, VNI).
fn signals(text: &str) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    // TCVN3 codes from 0xA1 to 0xBE are letters (â ê ô đ à á ạ…), in every line of
    // Vietnamese; VNI uses none of them.
    let tcvn = chars.iter().filter(|c| tcvn3_char(**c).is_some() && ('\u{A1}'..='\u{BE}').contains(*c)).count();
    // VNI: an ASCII vowel followed by a mark, and its own đ/ơ/ư characters.
    let mut vni = 0;
    for (i, c) in chars.iter().enumerate() {
        let after_vowel = i > 0 && "aeiouyAEIOUY".contains(chars[i - 1]);
        if (after_vowel && vni_mark(*c).is_some()) || matches!(c, 'ñ' | 'Ñ' | 'ö' | 'Ö') {
            vni += 1;
        }
    }
    (tcvn, vni)
}

/// Decides a text's encoding. Text holding Vietnamese letters beyond Latin-1 is Unicode;
/// otherwise the encodings' own characters decide, and a text with too few of them or
/// with both alike is undecidable.
pub(crate) fn detect(text: &str) -> Detected {
    let unicode = text.chars().filter(|c| is_unicode_vietnamese(*c)).count();
    let (tcvn, vni) = signals(text);
    let legacy = tcvn + vni;
    if legacy < 3 || unicode * 5 >= legacy {
        return if text.chars().any(|c| ('\u{80}'..='\u{FF}').contains(&c)) && unicode == 0 && legacy > 0 {
            Detected::Undecidable(likelier(tcvn, vni))
        } else {
            Detected::Unicode
        };
    }
    // TCVN3 text also shows vowel + mark pairs ("tiÕn"), but VNI text shows almost no
    // TCVN3 letters: those decide.
    if tcvn >= 3 && tcvn * 4 >= vni {
        Detected::Legacy(Legacy::Tcvn3)
    } else if vni >= 3 && tcvn * 10 <= vni {
        Detected::Legacy(Legacy::Vni)
    } else {
        Detected::Undecidable(likelier(tcvn, vni))
    }
}

fn likelier(tcvn: usize, vni: usize) -> Option<Legacy> {
    match tcvn.cmp(&vni) {
        std::cmp::Ordering::Greater => Some(Legacy::Tcvn3),
        std::cmp::Ordering::Less => Some(Legacy::Vni),
        std::cmp::Ordering::Equal => None,
    }
}

/// Bytes that are not UTF-8, read one character per byte as the legacy fonts showed them.
pub(crate) fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(*b)).collect()
}

/// Converts the lines of `text` that are not Unicode Vietnamese already (a pasted text may
/// mix both); lines holding Unicode Vietnamese letters are kept as they are.
pub(crate) fn convert_lines(text: &str, legacy: Legacy) -> String {
    text.split('\n')
        .map(|line| {
            if line.chars().any(is_unicode_vietnamese) || line.is_ascii() {
                line.to_owned()
            } else {
                legacy.convert(line, false)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Converts a document read from Word whose text is legacy-encoded although its fonts do
/// not say so; returns the encoding converted from, if any.
pub(crate) fn convert_document(document: &mut super::recognise::Document) -> Option<Legacy> {
    use super::recognise::Block;
    fn texts(blocks: &[Block], out: &mut String) {
        for block in blocks {
            match block {
                Block::Para { lines, .. } => lines.iter().for_each(|l| {
                    out.push_str(l);
                    out.push('\n');
                }),
                Block::Table { rows } => rows.iter().flatten().for_each(|cell| texts(cell, out)),
            }
        }
    }
    fn convert(blocks: &mut [Block], legacy: Legacy) {
        for block in blocks {
            match block {
                Block::Para { lines, .. } => lines.iter_mut().for_each(|l| *l = convert_lines(l, legacy)),
                Block::Table { rows } => rows.iter_mut().flatten().for_each(|cell| convert(cell, legacy)),
            }
        }
    }
    let mut all = String::new();
    texts(&document.blocks, &mut all);
    let Detected::Legacy(legacy) = detect(&all) else { return None };
    convert(&mut document.blocks, legacy);
    for (_, text) in &mut document.footnotes {
        *text = convert_lines(text, legacy);
    }
    Some(legacy)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every Vietnamese vowel with every tone, lower case, and the consonant đ.
    const BASES: &[&str] = &["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
    const TONES: &[&str] = &["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];

    fn every_letter() -> Vec<String> {
        let mut letters: Vec<String> =
            BASES.iter().flat_map(|base| TONES.iter().map(move |tone| text::nfc(&format!("{base}{tone}")))).collect();
        letters.push("đ".into());
        letters
    }

    /// The inverse of the VN3 table, built from the table itself: what a `.VnTime` font
    /// shows for a letter.
    fn to_tcvn3(letter: &str) -> String {
        letter.chars().map(|c| TCVN3.iter().find(|(_, l)| *l == c).map(|(b, _)| char::from(*b)).unwrap_or(c)).collect()
    }

    /// VNI as typed, found from the tables: a letter of its own, or a base (an ASCII vowel,
    /// ơ or ư) and the one mark whose combining marks compose to the letter.
    fn to_vni(expected: &str) -> String {
        if let Some((code, _)) = VNI_LETTERS.iter().find(|(_, l)| l.to_string() == expected) {
            return code.to_string();
        }
        let mut bases: Vec<(char, char)> = "aeiouyAEIOUY".chars().map(|c| (c, c)).collect();
        bases.extend([('ô', 'ơ'), ('Ô', 'Ơ'), ('ö', 'ư'), ('Ö', 'Ư')]);
        for (code, base) in bases {
            if base.to_string() == expected {
                return code.to_string();
            }
            for (lower, upper, marks) in VNI_MARKS {
                if text::nfc(&format!("{base}{marks}")) == expected {
                    return format!("{code}{}", if base.is_uppercase() { upper } else { lower });
                }
            }
        }
        panic!("no VNI code for {expected}")
    }

    #[test]
    fn tcvn3_converts_every_letter_with_every_tone() {
        for letter in every_letter() {
            let coded = to_tcvn3(&letter);
            assert!(!coded.chars().any(|c| c as u32 > 0xFF), "{letter} has a VN3 code: {coded}");
            assert_eq!(Legacy::Tcvn3.convert(&coded, false), letter, "{letter} from {coded}");
            // .VnTimeH: the same codes print as capitals.
            assert_eq!(Legacy::Tcvn3.convert(&coded, true), letter.to_uppercase(), "{letter} in .VnTimeH");
        }
        assert_eq!(Legacy::Tcvn3.convert("Uû ban nh©n d©n tØnh", false), "Uỷ ban nhân dân tỉnh");
        assert_eq!(
            Legacy::Tcvn3.convert("Céng hoµ x· héi chñ nghÜa ViÖt Nam", false),
            "Cộng hoà xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(Legacy::Tcvn3.convert("UBND TØNH H¦NG Y£N", false), "UBND TỈNH HƯNG YÊN");
        assert_eq!(Legacy::Tcvn3.convert("Së Khoa häc", false), "Sở Khoa học");
    }

    #[test]
    fn vni_converts_every_letter_with_every_tone_in_both_cases() {
        for letter in every_letter() {
            for upper in [false, true] {
                let expected = if upper { letter.to_uppercase() } else { letter.clone() };
                let coded = to_vni(&expected);
                assert!(!coded.chars().any(|c| c as u32 > 0xFF), "{expected} has a VNI code: {coded}");
                assert_eq!(Legacy::Vni.convert(&coded, false), expected, "{expected} from {coded}");
            }
        }
        assert_eq!(
            Legacy::Vni.convert("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", false),
            "Cộng hòa xã hội chủ nghĩa Việt Nam"
        );
        assert_eq!(Legacy::Vni.convert("ÑOÄC LAÄP - TÖÏ DO - HAÏNH PHUÙC", false), "ĐỘC LẬP - TỰ DO - HẠNH PHÚC");
    }

    #[test]
    fn detects_each_encoding_and_leaves_unicode_alone() {
        assert_eq!(detect("Uû ban nh©n d©n tØnh H\u{AD}ng Yªn\nSè: 12/KH-UBND"), Detected::Legacy(Legacy::Tcvn3));
        assert_eq!(detect("Uûy ban nhaân daân tænh Höng Yeân\nSoá: 12/KH-UBND"), Detected::Legacy(Legacy::Vni));
        assert_eq!(detect("Ủy ban nhân dân tỉnh Hưng Yên, hoà thuận, thuỷ lợi"), Detected::Unicode);
        assert_eq!(detect("plain ASCII text"), Detected::Unicode);
        assert_eq!(detect("Café crème à la française"), Detected::Unicode);
        assert_eq!(detect("Hµ Néi"), Detected::Undecidable(Some(Legacy::Tcvn3)));
    }

    #[test]
    fn fonts_name_their_encoding() {
        assert_eq!(font_encoding(".VnTime"), Some((Legacy::Tcvn3, false)));
        assert_eq!(font_encoding(".VnTimeH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(font_encoding("VNI-Times"), Some((Legacy::Vni, false)));
        assert_eq!(font_encoding("Times New Roman"), None);
    }

    #[test]
    fn mixed_text_converts_only_its_legacy_lines() {
        let text = "Ủy ban nhân dân tỉnh hoà bình\nCéng hoµ x· héi";
        assert_eq!(convert_lines(text, Legacy::Tcvn3), "Ủy ban nhân dân tỉnh hoà bình\nCộng hoà xã hội");
    }
}
