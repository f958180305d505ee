//! Abbreviations as search terms: "KH&CN", "KHCN" and "Khoa học và Công nghệ" all give the
//! term `khcn`, so any of them finds the others.
//!
//! The table holds the administrative abbreviations a provincial portal uses every day; a
//! portal adds its own in `site.yaml` (`search: {abbreviations: ["LHH = Liên hiệp các Hội
//! Khoa học và Kỹ thuật"]}`).

use rustc_hash::FxHashMap;

use super::Token;

/// Common abbreviations of Vietnamese administration: (abbreviation, what it stands for).
pub(crate) const COMMON: &[(&str, &str)] = &[
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("KH&CN", "Khoa học và Công nghệ"),
    ("KHCN", "Khoa học Công nghệ"),
    ("TĐKT", "Thi đua, khen thưởng"),
    ("STKT", "Sáng tạo kỹ thuật"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("ĐUK", "Đảng ủy Khối"),
    ("BCH", "Ban Chấp hành"),
    ("LHH", "Liên hiệp các Hội Khoa học và Kỹ thuật"),
    ("GD&ĐT", "Giáo dục và Đào tạo"),
    ("LĐTB&XH", "Lao động – Thương binh và Xã hội"),
    ("VHTT&DL", "Văn hóa, Thể thao và Du lịch"),
    ("TN&MT", "Tài nguyên và Môi trường"),
    ("NN&PTNT", "Nông nghiệp và Phát triển nông thôn"),
    ("KH&ĐT", "Kế hoạch và Đầu tư"),
    ("TT&TT", "Thông tin và Truyền thông"),
    ("LĐLĐ", "Liên đoàn Lao động"),
    ("LHPN", "Liên hiệp Phụ nữ"),
    ("CHXHCN", "Cộng hòa xã hội chủ nghĩa"),
    ("VP", "Văn phòng"),
];

/// A long form's folded words and the term of its abbreviation.
type LongForm = (Vec<Box<str>>, Box<str>);

/// The abbreviation table, looked up by the first word of each long form.
#[derive(Debug, Clone)]
pub(crate) struct Abbreviations {
    /// First folded word → (the long form's folded words, the abbreviation's term).
    by_first: FxHashMap<Box<str>, Vec<LongForm>>,
}

impl Default for Abbreviations {
    fn default() -> Self {
        Self::new(COMMON.iter().map(|(a, b)| (a.to_string(), b.to_string())))
    }
}

/// The search term of an abbreviation: "KH&CN", "kh-cn" → `khcn`.
pub(crate) fn term(abbreviation: &str) -> String {
    super::fold(&abbreviation.chars().filter(|c| c.is_alphanumeric()).collect::<String>())
}

impl Abbreviations {
    /// A table of (abbreviation, long form) pairs.
    pub(crate) fn new(pairs: impl IntoIterator<Item = (String, String)>) -> Self {
        let mut by_first: FxHashMap<Box<str>, Vec<LongForm>> = FxHashMap::default();
        for (abbreviation, long) in pairs {
            let words: Vec<Box<str>> = super::tokens(&long).into_iter().map(|t| (*t.folded).into()).collect();
            let term = term(&abbreviation);
            if words.len() < 2 || term.is_empty() {
                continue;
            }
            by_first.entry(words[0].clone()).or_default().push((words, term.into()));
        }
        Abbreviations { by_first }
    }

    /// The common table with a portal's own pairs added.
    pub(crate) fn with(extra: &[(String, String)]) -> Self {
        Self::new(COMMON.iter().map(|(a, b)| (a.to_string(), b.to_string())).chain(extra.iter().cloned()))
    }

    /// Every long form as folded words joined by spaces, with its abbreviation's term, sorted:
    /// the search page reads a query that spells a long form out as the term, which the index
    /// gives every page that writes either.
    pub(crate) fn long_forms(&self) -> Vec<(String, String)> {
        let mut forms: Vec<(String, String)> =
            self.by_first.values().flatten().map(|(words, term)| (words.join(" "), term.to_string())).collect();
        forms.sort();
        forms.dedup();
        forms
    }

    /// Terms `text` (already split into `tokens`) holds beyond its words: abbreviations
    /// written with `&` or `-` ("KH&CN" → `khcn`), and the abbreviation of each long form.
    pub(crate) fn extra_terms(&self, text: &str, tokens: &[Token]) -> Vec<Token> {
        let mut out: Vec<Token> = joined(text).into_iter().map(plain).collect();
        for (i, token) in tokens.iter().enumerate() {
            let Some(forms) = self.by_first.get(&*token.folded) else { continue };
            for (words, term) in forms {
                let matches =
                    tokens.len() >= i + words.len() && words.iter().zip(&tokens[i..]).all(|(w, t)| **w == *t.folded);
                if matches {
                    out.push(plain(term.to_string()));
                }
            }
        }
        out
    }
}

fn plain(term: String) -> Token {
    let shared: std::rc::Rc<str> = term.into();
    Token { exact: shared.clone(), folded: shared }
}

/// Capitalised abbreviations joined by `&` or `-` ("KH&CN", "GD-ĐT", "KH-UBND"), as one term.
fn joined(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '&' || c == '-'))
        .filter(|chunk| chunk.contains(['&', '-']))
        .filter_map(|chunk| {
            let parts: Vec<&str> = chunk.split(['&', '-']).collect();
            let capitals = |p: &&str| {
                !p.is_empty() && p.chars().count() <= 6 && p.chars().all(|c| c.is_alphabetic() && !c.is_lowercase())
            };
            (parts.len() >= 2 && parts.iter().all(capitals)).then(|| term(chunk))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str) -> Vec<String> {
        Abbreviations::default()
            .extra_terms(text, &super::super::tokens(text))
            .iter()
            .map(|t| t.folded.to_string())
            .collect()
    }

    #[test]
    fn long_forms_and_joined_capitals_give_the_abbreviation() {
        assert_eq!(terms("Sở Khoa học và Công nghệ"), ["khcn"]);
        assert_eq!(terms("Sở KH&CN Hưng Yên"), ["khcn"]);
        assert_eq!(terms("UBND tỉnh, Ủy ban nhân dân"), ["ubnd"]);
        assert_eq!(terms("sáng tạo kĩ thuật"), ["stkt"]);
        assert_eq!(terms("số 45/KH-UBND"), ["khubnd"]);
        assert_eq!(terms("thi đua - khen thưởng"), ["tdkt"]);
        assert!(terms("Sở - Ngành, a-b").is_empty());
        let own = Abbreviations::with(&[("HTSTKT".into(), "Hội thi Sáng tạo kỹ thuật".into())]);
        let text = "Hội thi Sáng tạo kỹ thuật";
        let got: Vec<String> =
            own.extra_terms(text, &super::super::tokens(text)).iter().map(|t| t.folded.to_string()).collect();
        assert_eq!(got, ["htstkt", "stkt"]);
        assert!(own.long_forms().contains(&("uy ban nhan dan".into(), "ubnd".into())));
    }
}
