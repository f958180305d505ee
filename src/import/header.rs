//! The issuer block (upper left of both formats, Nghị định 30/2020 Phụ lục I and Hướng dẫn
//! 36-HD/VPTW): the parent agency on its first line or lines, then the issuing body over
//! one to three lines, then the rule. A small grammar: every split of the block into
//! parent and issuer is an alternative, scored by what each part starts and ends with; a
//! part cannot start with a word that continues a name (VÀ, CỦA, TỈNH …, the place), and
//! an issuer that is a body of its parent (BAN THƯỜNG VỤ, BAN TUYÊN GIÁO under a party
//! committee) takes the parent's name. Also the title case of an organization name.

use crate::text;

/// First words of an organization's name (folded), longest first where one starts another.
const HEADS: &[&str] = &[
    "uy ban nhan dan",
    "hoi dong nhan dan",
    "ban chap hanh",
    "ban thuong vu",
    "thuong truc",
    "trung tam",
    "van phong",
    "lien doan",
    "lien hiep",
    "cong doan",
    "chi cuc",
    "tong cuc",
    "dang uy",
    "dang bo",
    "huyen uy",
    "tinh uy",
    "thanh uy",
    "tinh doan",
    "huyen doan",
    "thanh doan",
    "uy ban",
    "hoi dong",
    "chi bo",
    "mat tran",
    "ubnd",
    "hdnd",
    "ubmttq",
    "bch",
    "so",
    "ban",
    "phong",
    "hoi",
    "cuc",
    "vien",
    "truong",
    "doan",
    "khoi",
    "bo",
    "tong",
];

/// Words that continue a name begun on the line before.
const CONTINUATIONS: &[&str] =
    &["va", "cua", "thuoc", "tinh", "huyen", "quan", "thanh pho", "thi xa", "xa", "phuong", "&", "-"];

/// Bodies of their parent: their own name does not say whose they are.
const BODIES: &[&str] = &[
    "ban thuong vu",
    "ban chap hanh",
    "thuong truc",
    "bch",
    "ban tuyen giao",
    "ban to chuc",
    "ban dan van",
    "ban kiem tra",
    "van phong",
];

/// Parents that name a body under them (a party or people's committee, an association).
const COMMITTEES: &[&str] =
    &["huyen uy", "tinh uy", "thanh uy", "dang uy", "hoi ", "tinh doan", "huyen doan", "thanh doan"];

fn starts_with_word(folded: &str, word: &str) -> bool {
    folded == word || folded.starts_with(&format!("{word} "))
}

/// Whether a (folded) text starts with an organization's head word ("sở", "ban", "ubnd"…).
pub(crate) fn starts_with_head(folded: &str) -> bool {
    head_of(folded).is_some()
}

fn head_of(folded: &str) -> Option<&'static str> {
    HEADS.iter().copied().find(|h| starts_with_word(folded, h))
}

/// Whether a line or part can only continue a name (it starts with a joining word, or it
/// is the place alone).
fn continues(folded: &str, place: Option<&str>) -> bool {
    // "HUYỆN ỦY …", "TỈNH ĐOÀN …" start names of their own.
    if COMMITTEE_WORDS.iter().any(|w| starts_with_word(folded, w)) {
        return false;
    }
    CONTINUATIONS.iter().any(|w| starts_with_word(folded, w))
        || place.is_some_and(|p| text::fold(p) == folded.trim_matches(|c: char| !c.is_alphanumeric()))
}

/// One way of reading the block: its score, parent and issuer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reading {
    pub score: i32,
    pub parent: Option<String>,
    pub issuer: String,
}

/// Every reading of the block, best first. `place` is the place of the date line.
pub(crate) fn readings(lines: &[String], place: Option<&str>) -> Vec<Reading> {
    let lines: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let mut out: Vec<Reading> = Vec::new();
    for k in 0..lines.len() {
        let issuer_lines = &lines[k..];
        let parent_lines = &lines[..k];
        let issuer = join(issuer_lines);
        let parent = (!parent_lines.is_empty()).then(|| join(parent_lines));
        let folded = text::fold(&issuer);
        let mut score = 0;
        if head_of(&folded).is_some() {
            score += 3;
        }
        if continues(&folded, place) {
            score -= 10;
        }
        if let Some(parent) = &parent {
            let folded_parent = text::fold(parent);
            score += if head_of(&folded_parent).is_some() { 1 } else { 0 };
            if continues(&folded_parent, place) {
                score -= 10;
            }
            // Inside the parent, each line must start a name or continue one: a line
            // that does neither belongs with the issuer.
            score += 1;
        }
        out.push(Reading { score, parent, issuer });
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.issuer.len().cmp(&b.issuer.len())));
    out
}

fn join(lines: &[&String]) -> String {
    lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
}

/// The block's best reading as (parent, issuer); a body of its parent (BAN THƯỜNG VỤ
/// under HỘI LHPN TỈNH …) is named with its parent.
pub(crate) fn split(lines: &[String], place: Option<&str>) -> (Option<String>, Option<String>) {
    let Some(best) = readings(lines, place).into_iter().next() else { return (None, None) };
    let folded = text::fold(&best.issuer);
    if let Some(parent) = &best.parent {
        let parent_folded = text::fold(parent);
        let body = BODIES.iter().any(|b| folded == *b || (starts_with_word(&folded, b) && !has_place_word(&folded)));
        let committee = COMMITTEES.iter().any(|c| parent_folded.starts_with(c));
        if body && committee {
            return (Some(parent.clone()), Some(format!("{} {parent}", best.issuer)));
        }
    }
    (best.parent, Some(best.issuer))
}

fn has_place_word(folded: &str) -> bool {
    folded.split_whitespace().any(|w| matches!(w, "tinh" | "huyen" | "quan" | "xa" | "phuong"))
}

/// Abbreviations kept in capitals in a name.
const ABBREVIATIONS: &[&str] = &[
    "ubnd", "hdnd", "ubmttq", "mttq", "bch", "lhpn", "lđlđ", "ldld", "tncs", "ptnt", "thcs", "thpt", "kh&cn", "khcn",
    "vhxh", "tp",
];

/// Compounds written with a capital on their first word only, and never followed by a
/// place name of their own ("Tỉnh ủy", "Huyện đoàn").
const COMMITTEE_WORDS: &[&str] =
    &["tinh uy", "huyen uy", "thanh uy", "tinh doan", "huyen doan", "thanh doan", "dang uy"];

/// Proper nouns always capitalized word by word.
const PROPER: &[&str] = &["viet nam", "ho chi minh", "cong thuong"];

/// An organization name printed in capitals, in Vietnamese title case (Nghị định 30/2020,
/// Phụ lục II: the first word of the name and of each part naming the body's type or
/// field takes a capital; "và", "các" join; place names keep their capitals):
/// "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN" → "Sở Nông nghiệp và Phát triển nông thôn",
/// "BAN TUYÊN GIÁO HUYỆN ỦY GIA LÂM" → "Ban Tuyên giáo Huyện ủy Gia Lâm".
pub(crate) fn org_case(name: &str, place: Option<&str>) -> String {
    if !super::scan::is_upper(name) {
        return name.to_owned();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let folded: Vec<String> = lower.iter().map(|w| text::fold(w).trim_matches(|c: char| c == ',').to_owned()).collect();
    let place_words: Vec<String> = place.map(|p| p.split_whitespace().map(text::fold).collect()).unwrap_or_default();
    let mut capital = vec![false; words.len()];
    let mut keep = vec![false; words.len()];
    let mut place_from = usize::MAX;
    let pair = |i: usize| if i + 1 < folded.len() { format!("{} {}", folded[i], folded[i + 1]) } else { String::new() };
    let mut i = 0;
    while i < words.len() {
        if ABBREVIATIONS.contains(&folded[i].as_str()) {
            keep[i] = true;
            i += 1;
            continue;
        }
        if i >= place_from {
            capital[i] = true;
            i += 1;
            continue;
        }
        // The place of the date line, wherever it stands.
        if !place_words.is_empty() && folded[i..].starts_with(&place_words) {
            for c in capital.iter_mut().skip(i).take(place_words.len()) {
                *c = true;
            }
            i += place_words.len();
            continue;
        }
        let two = pair(i);
        let three = if i + 2 < folded.len() { format!("{two} {}", folded[i + 2]) } else { String::new() };
        if let Some(len) = [(three.as_str(), 3), (two.as_str(), 2)]
            .iter()
            .find(|(words, _)| PROPER.contains(words))
            .map(|(_, len)| *len)
        {
            for c in capital.iter_mut().skip(i).take(len) {
                *c = true;
            }
            i += len;
            continue;
        }
        if COMMITTEE_WORDS.contains(&two.as_str()) {
            capital[i] = true;
            i += 2;
            // After a committee its members' names start anew.
            if i < words.len() && !ABBREVIATIONS.contains(&folded[i].as_str()) {
                capital[i] = true;
            }
            continue;
        }
        let previous = if i > 0 { folded[i - 1].as_str() } else { "" };
        let after_comma = i > 0 && lower[i - 1].ends_with(',');
        let rest: String = folded[i..].join(" ");
        let starts_name =
            head_of(&rest).is_some_and(|h| !matches!(h, "bo" | "tong" | "truong" | "doan" | "phong" | "khoi"));
        if i == 0 || after_comma || matches!(previous, "va" | "-" | "cac") || starts_name {
            capital[i] = true;
        }
        // The first word after a head starts the body's field ("Sở Giáo dục"), except in
        // "Ủy ban nhân dân" and "Hội đồng nhân dân"; "Ban Chấp hành", "Ban Thường vụ" are
        // names of their own.
        if let Some(head) = head_of(&rest) {
            let len = head.split(' ').count();
            if matches!(head, "ban chap hanh" | "ban thuong vu") {
                capital[i + 1] = true;
            }
            let nhan_dan = matches!(head, "uy ban nhan dan" | "hoi dong nhan dan");
            if !nhan_dan && i + len < words.len() && !CONTINUATIONS.contains(&folded[i + len].as_str()) {
                capital[i + len] = true;
            }
            i += len;
            continue;
        }
        if matches!(lower[i].as_str(), "tỉnh" | "huyện" | "quận")
            || (previous, folded[i].as_str()) == ("thanh", "pho")
            || (previous, folded[i].as_str()) == ("thi", "xa")
        {
            capital[i] = false;
            place_from = i + 1;
        }
        i += 1;
    }
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if keep[i] {
                (*w).to_owned()
            } else if capital[i] {
                super::scan::capitalize(&lower[i])
            } else {
                lower[i].clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_owned).collect()
    }

    #[test]
    fn one_line_is_the_issuer() {
        assert_eq!(split(&lines("SỞ GIÁO DỤC VÀ ĐÀO TẠO"), None), (None, Some("SỞ GIÁO DỤC VÀ ĐÀO TẠO".into())));
    }

    #[test]
    fn a_parent_then_the_issuer() {
        assert_eq!(
            split(&lines("ĐẢNG BỘ TỈNH NINH BÌNH\nHUYỆN ỦY KIM SƠN"), Some("Kim Sơn")),
            (Some("ĐẢNG BỘ TỈNH NINH BÌNH".into()), Some("HUYỆN ỦY KIM SƠN".into()))
        );
    }

    #[test]
    fn an_issuer_over_two_lines_after_its_parent() {
        // The case: the second line of the body's name starts no name.
        assert_eq!(
            split(&lines("UBND TỈNH NAM ĐỊNH\nSỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN\nNÔNG THÔN"), Some("Nam Định")),
            (Some("UBND TỈNH NAM ĐỊNH".into()), Some("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN".into()))
        );
        assert_eq!(
            split(&lines("ĐẢNG BỘ TỈNH THANH HÓA\nĐẢNG ỦY KHỐI CƠ QUAN\nVÀ DOANH NGHIỆP TỈNH"), Some("Thanh Hóa")).1,
            Some("ĐẢNG ỦY KHỐI CƠ QUAN VÀ DOANH NGHIỆP TỈNH".into())
        );
    }

    #[test]
    fn an_issuer_whose_second_line_is_its_unit_or_place() {
        assert_eq!(
            split(&lines("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG BÌNH"), None).1,
            Some("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH".into())
        );
        assert_eq!(
            split(&lines("BAN CHẤP HÀNH TỈNH ĐOÀN\nHÀ TĨNH"), Some("Hà Tĩnh")),
            (None, Some("BAN CHẤP HÀNH TỈNH ĐOÀN HÀ TĨNH".into()))
        );
    }

    #[test]
    fn a_body_of_its_parent_takes_the_parents_name() {
        assert_eq!(
            split(&lines("HUYỆN ỦY GIA LÂM\nBAN TUYÊN GIÁO"), Some("Gia Lâm")).1,
            Some("BAN TUYÊN GIÁO HUYỆN ỦY GIA LÂM".into())
        );
        assert_eq!(
            split(&lines("HỘI LHPN TỈNH HẬU GIANG\nBAN THƯỜNG VỤ"), Some("Hậu Giang")).1,
            Some("BAN THƯỜNG VỤ HỘI LHPN TỈNH HẬU GIANG".into())
        );
        // A department of a people's committee is not renamed.
        assert_eq!(
            split(&lines("UBND HUYỆN YÊN THẾ\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO"), Some("Yên Thế")).1,
            Some("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO".into())
        );
    }

    #[test]
    fn names_in_vietnamese_title_case() {
        let case = |name: &str, place: Option<&str>| org_case(name, place);
        assert_eq!(case("SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", None), "Sở Nông nghiệp và Phát triển nông thôn");
        assert_eq!(case("SỞ GIÁO DỤC VÀ ĐÀO TẠO", None), "Sở Giáo dục và Đào tạo");
        assert_eq!(case("ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH", None), "Ủy ban nhân dân tỉnh Quảng Bình");
        assert_eq!(case("BAN TUYÊN GIÁO HUYỆN ỦY GIA LÂM", Some("Gia Lâm")), "Ban Tuyên giáo Huyện ủy Gia Lâm");
        assert_eq!(case("BAN CHẤP HÀNH TỈNH ĐOÀN HÀ TĨNH", Some("Hà Tĩnh")), "Ban Chấp hành Tỉnh đoàn Hà Tĩnh");
        assert_eq!(case("BAN THƯỜNG VỤ HỘI LHPN TỈNH HẬU GIANG", None), "Ban Thường vụ Hội LHPN tỉnh Hậu Giang");
        assert_eq!(case("LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC GIANG", None), "Liên đoàn Lao động tỉnh Bắc Giang");
        assert_eq!(case("TRUNG TÂM VĂN HÓA, ĐIỆN ẢNH", None), "Trung tâm Văn hóa, Điện ảnh");
        assert_eq!(case("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", None), "Sở Tài nguyên và Môi trường");
        assert_eq!(case("VĂN PHÒNG UBND TỈNH VĨNH PHÚC", None), "Văn phòng UBND tỉnh Vĩnh Phúc");
        assert_eq!(case("SỞ Y TẾ", None), "Sở Y tế");
        assert_eq!(case("SỞ CÔNG THƯƠNG", None), "Sở Công Thương");
        assert_eq!(case("Sở Khoa học", None), "Sở Khoa học");
    }
}
