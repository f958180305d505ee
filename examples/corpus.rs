//! Synthetic corpus for the performance benchmark (`benches/run.sh`).
//!
//! ```sh
//! cargo run --release --example corpus -- --directives 10000 --out target/bench/10000/loa \
//!     [--hugo target/bench/10000/hugo] [--seed 42]
//! ```
//!
//! Writes a complete loa portal following docs/content-model.md: `site.yaml`, N directives
//! over N/20 campaigns, ~N/200 organizations (at least 5), ~N/100 people (at least 5), one
//! guide per 10 campaigns, one attachment per directive (10% shared from
//! `content/attachments/`, the rest beside the directive in its bundle). Every ref is valid
//! and every body is ~5.5–6 KB of Vietnamese Markdown (NFC) built from a deterministic PRNG
//! (xorshift64*) over a vocabulary of administrative phrases: the same seed gives the same
//! bytes. With `--hugo DIR` it also writes a Hugo site of the same data (same bodies and
//! front matter, loa's directive blocks as Hugo shortcodes) whose templates do the work of
//! loa's theme: every page, every list, paginated 50 per page.
//!
//! Std only (plus the crate's own `loa::text::slugify`), so it builds with the crate.

#![allow(clippy::needless_range_loop, clippy::collapsible_if, clippy::explicit_auto_deref)]
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use loa::date::PartialDate;
use loa::text::slugify;

// ---------------------------------------------------------------------------------------
// Command line
// ---------------------------------------------------------------------------------------

struct Args {
    directives: usize,
    out: PathBuf,
    hugo: Option<PathBuf>,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut directives = None;
    let mut out = None;
    let mut hugo = None;
    let mut seed = 42u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--directives" => {
                directives = Some(value("--directives")?.parse::<usize>().map_err(|e| format!("--directives: {e}"))?)
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--hugo" => hugo = Some(PathBuf::from(value("--hugo")?)),
            "--seed" => seed = value("--seed")?.parse::<u64>().map_err(|e| format!("--seed: {e}"))?,
            "-h" | "--help" => {
                return Err("usage: corpus --directives N --out DIR [--hugo DIR] [--seed S]".into());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(Args {
        directives: directives.ok_or("--directives N is required")?,
        out: out.ok_or("--out DIR is required")?,
        hugo,
        seed,
    })
}

fn main() {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("corpus: {message}");
            std::process::exit(2);
        }
    };
    let started = std::time::Instant::now();
    let corpus = Corpus::generate(args.directives.max(1), args.seed);
    let written = (|| -> io::Result<(usize, u64)> {
        let loa = write_loa(&corpus, &args.out)?;
        if let Some(hugo) = &args.hugo {
            write_hugo(&corpus, hugo)?;
        }
        Ok(loa)
    })();
    match written {
        Ok((files, bytes)) => {
            let markdown: usize = corpus.directives.iter().map(|d| d.body.len()).sum();
            eprintln!(
                "corpus: {} directives, {} campaigns, {} guides, {} organizations, {} people, {} shared attachments; \
                 {files} files, {:.1} MB ({:.1} MB of directive Markdown, {:.0} B per body) in {:.1} s",
                corpus.directives.len(),
                corpus.campaigns.len(),
                corpus.guides.len(),
                corpus.orgs.len(),
                corpus.people.len(),
                corpus.shared.len(),
                bytes as f64 / 1e6,
                markdown as f64 / 1e6,
                markdown as f64 / corpus.directives.len() as f64,
                started.elapsed().as_secs_f64()
            );
        }
        Err(error) => {
            eprintln!("corpus: cannot write: {error}");
            std::process::exit(1);
        }
    }
}

// ---------------------------------------------------------------------------------------
// PRNG and dates
// ---------------------------------------------------------------------------------------

/// xorshift64* (Vigna): small, fast, deterministic across platforms.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut state = seed ^ 0x9E37_79B9_7F4A_7C15;
        if state == 0 {
            state = 0x2545_F491_4F6C_DD1D;
        }
        let mut rng = Rng(state);
        for _ in 0..8 {
            rng.next();
        }
        rng
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        ((self.next() >> 11) % n.max(1) as u64) as usize
    }

    /// lo..=hi
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() >> 11) as i64 % (hi - lo + 1).max(1)
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.below(1000) < percent as usize * 10
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// `count` distinct items, in list order.
    fn pick_distinct<'a, T>(&mut self, items: &'a [T], count: usize) -> Vec<&'a T> {
        let count = count.min(items.len());
        let mut chosen: Vec<usize> = Vec::with_capacity(count);
        while chosen.len() < count {
            let i = self.below(items.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| &items[i]).collect()
    }
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    y: i32,
    m: u32,
    d: u32,
}

impl Date {
    fn new(y: i32, m: u32, d: u32) -> Self {
        Date { y, m, d }
    }

    /// Day arithmetic is loa's own calendar code, so the corpus and the portal agree.
    fn days(self) -> i64 {
        PartialDate::full(self.y, self.m, self.d).days_since_epoch()
    }

    fn from_days(days: i64) -> Self {
        let date = PartialDate::from_days_since_epoch(days);
        Date { y: date.year, m: date.month.unwrap_or(1), d: date.day.unwrap_or(1) }
    }

    fn plus(self, days: i64) -> Self {
        Date::from_days(self.days() + days)
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    fn iso_month(self) -> String {
        format!("{:04}-{:02}", self.y, self.m)
    }

    /// As Vietnamese bodies write it: 10/6/2024.
    fn vi(self) -> String {
        format!("{}/{}/{}", self.d, self.m, self.y)
    }
}

const FIRST_DAY: Date = Date { y: 2015, m: 1, d: 1 };
const LAST_DAY: Date = Date { y: 2025, m: 12, d: 31 };
const BUILD_DATE: &str = "2024-07-01";

// ---------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------

const PROVINCES: &[&str] = &[
    "Thanh Hóa",
    "Thái Nguyên",
    "Hưng Yên",
    "Nghệ An",
    "Hà Tĩnh",
    "Quảng Bình",
    "Quảng Trị",
    "Thừa Thiên Huế",
    "Quảng Nam",
    "Quảng Ngãi",
    "Bình Định",
    "Phú Yên",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Gia Lai",
    "Kon Tum",
    "Lào Cai",
    "Yên Bái",
    "Tuyên Quang",
    "Hà Giang",
    "Cao Bằng",
    "Lạng Sơn",
    "Bắc Giang",
    "Bắc Ninh",
    "Hải Dương",
    "Thái Bình",
    "Nam Định",
    "Ninh Bình",
    "Hòa Bình",
    "Sơn La",
    "Điện Biên",
    "Lai Châu",
    "Phú Thọ",
    "Vĩnh Phúc",
    "Quảng Ninh",
    "Long An",
    "Tiền Giang",
    "Bến Tre",
    "Trà Vinh",
    "Vĩnh Long",
    "Đồng Tháp",
    "An Giang",
    "Kiên Giang",
    "Cà Mau",
    "Bạc Liêu",
    "Sóc Trăng",
    "Hậu Giang",
];

/// (title template, abbreviation, system, parent kind index, office unit for công văn numbers)
const ORG_KINDS: &[(&str, &str, &str, Option<usize>, &str)] = &[
    ("Ủy ban nhân dân tỉnh {P}", "UBND", "state", None, "VX"),
    ("Tỉnh ủy {P}", "TU", "party", None, "VPTU"),
    ("Sở Khoa học và Công nghệ {P}", "SKHCN", "state", Some(0), "VP"),
    ("Sở Nội vụ {P}", "SNV", "state", Some(0), "TĐKT"),
    ("Ban Thi đua – Khen thưởng tỉnh {P}", "BTĐKT", "state", Some(3), "NV"),
    ("Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh {P}", "ĐUK", "party", Some(1), "VP"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật {P}", "LHH", "mass", None, "VP"),
    ("Liên đoàn Lao động tỉnh {P}", "LĐLĐ", "mass", None, "TG"),
    ("Tỉnh đoàn {P}", "TĐTN", "mass", None, "VP"),
    ("Hội Liên hiệp Phụ nữ tỉnh {P}", "HLHPN", "mass", None, "VP"),
    ("Sở Giáo dục và Đào tạo {P}", "SGDĐT", "state", Some(0), "VP"),
];

/// (slug, Vietnamese name, abbreviation in the number, weight)
const DOC_TYPES: &[(&str, &str, &str, u32)] = &[
    ("cong-van", "Công văn", "CV", 38),
    ("ke-hoach", "Kế hoạch", "KH", 24),
    ("thong-bao", "Thông báo", "TB", 9),
    ("quyet-dinh", "Quyết định", "QĐ", 8),
    ("huong-dan", "Hướng dẫn", "HD", 7),
    ("bao-cao", "Báo cáo", "BC", 5),
    ("giay-moi", "Giấy mời", "GM", 3),
    ("the-le", "Thể lệ", "TL", 2),
    ("chi-thi", "Chỉ thị", "CT", 1),
    ("nghi-quyet", "Nghị quyết", "NQ", 1),
    ("to-trinh", "Tờ trình", "TTr", 1),
    ("chuong-trinh", "Chương trình", "CTr", 1),
];

const FAMILY: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương",
    "Lý", "Đinh", "Trịnh", "Lương", "Mai",
];
const MIDDLE: &[&str] = &[
    "Văn",
    "Thị",
    "Hữu",
    "Đức",
    "Minh",
    "Thanh",
    "Ngọc",
    "Xuân",
    "Quốc",
    "Thu",
    "Hồng",
    "Anh",
    "Thị Thanh",
    "Văn Tùng",
];
const GIVEN: &[&str] = &[
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa", "Hùng", "Hương", "Khánh", "Lan",
    "Linh", "Long", "Mai", "Minh", "Nam", "Nga", "Ngọc", "Phong", "Phương", "Quang", "Sơn", "Tâm", "Thảo", "Thắng",
    "Thu", "Thủy", "Trang", "Trung", "Tuấn", "Vân", "Việt", "Yến", "Chuẩn", "Hiển", "Thư", "Đông",
];
const POSITIONS: &[&str] = &[
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Trưởng phòng Quản lý khoa học",
    "Phó Trưởng ban",
    "Chuyên viên phụ trách công tác thi đua – khen thưởng",
    "Trưởng phòng Thi đua – Khen thưởng",
    "Đầu mối hướng dẫn, giải đáp",
    "Thư ký Ban Tổ chức Hội thi",
    "Phó Trưởng phòng Tổng hợp",
    "Chuyên viên Văn phòng",
];

const TAGS: &[&str] = &[
    "thi đua yêu nước",
    "sáng tạo kỹ thuật",
    "khen thưởng",
    "điển hình tiên tiến",
    "chuyển đổi số",
    "nông thôn mới",
    "cải cách hành chính",
    "khoa học và công nghệ",
    "đổi mới sáng tạo",
    "tuyên truyền",
    "hội thi",
    "thanh niên",
    "công đoàn",
    "phụ nữ",
    "nông dân",
    "giáo dục",
    "y tế",
    "môi trường",
    "an toàn giao thông",
    "phòng chống thiên tai",
    "văn hóa",
    "thể thao",
    "dân vận khéo",
    "học tập và làm theo tư tưởng Hồ Chí Minh",
    "kỷ niệm",
    "sơ kết",
    "tổng kết",
    "đăng ký thi đua",
    "sáng kiến",
    "khởi nghiệp",
];

const RECIPIENTS: &[&str] = &[
    "Các sở, ban, ngành, đoàn thể cấp tỉnh",
    "Ủy ban nhân dân các huyện, thị xã, thành phố",
    "Các tổ chức cơ sở đảng trực thuộc",
    "Các đoàn thể trực thuộc",
    "Các hội thành viên",
    "Các phòng, đơn vị thuộc Sở",
    "Các doanh nghiệp nhà nước trên địa bàn tỉnh",
    "Các trường đại học, cao đẳng trên địa bàn tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh",
];

const DISTRIBUTION: &[&str] = &[
    "Ban Thường vụ Tỉnh ủy (b/c)",
    "Thường trực HĐND tỉnh (b/c)",
    "Chủ tịch, các PCT UBND tỉnh",
    "Ban Thi đua – Khen thưởng Trung ương (b/c)",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ủy ban MTTQ Việt Nam tỉnh",
    "Báo và Đài Phát thanh – Truyền hình tỉnh",
    "Cổng thông tin điện tử tỉnh",
    "Liên hiệp các Hội KH và KT (p/h)",
];

const DEADLINE_WHAT: &[&str] = &[
    "Gửi kế hoạch triển khai",
    "Gửi danh sách đăng ký tham gia",
    "Gửi báo cáo sơ kết",
    "Gửi báo cáo tổng kết và đề nghị khen thưởng",
    "Nộp hồ sơ dự thi",
    "Gửi bản đăng ký thi đua",
    "Gửi danh sách giới thiệu điển hình tiên tiến",
    "Gửi hồ sơ đề nghị xét tặng danh hiệu thi đua",
    "Báo cáo kết quả thực hiện",
];

/// (number, date, issuer, title) of documents cited from outside the portal.
const EXTERNAL_REFS: &[(&str, Date, &str, &str)] = &[
    (
        "39/2013/QH13",
        Date { y: 2013, m: 11, d: 16 },
        "Quốc hội",
        "Luật sửa đổi, bổ sung một số điều của Luật Thi đua, khen thưởng",
    ),
    ("34-CT/TW", Date { y: 2014, m: 4, d: 7 }, "Ban Bí thư", "Về tiếp tục đổi mới công tác thi đua, khen thưởng"),
    (
        "91/2017/NĐ-CP",
        Date { y: 2017, m: 7, d: 31 },
        "Chính phủ",
        "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    ),
    (
        "12/2019/TT-BNV",
        Date { y: 2019, m: 11, d: 4 },
        "Bộ Nội vụ",
        "Quy định chi tiết thi hành một số điều của Nghị định số 91/2017/NĐ-CP",
    ),
    ("30/2020/NĐ-CP", Date { y: 2020, m: 3, d: 5 }, "Chính phủ", "Về công tác văn thư"),
    ("06/2022/QH15", Date { y: 2022, m: 6, d: 15 }, "Quốc hội", "Luật Thi đua, khen thưởng"),
    (
        "98/2023/NĐ-CP",
        Date { y: 2023, m: 12, d: 31 },
        "Chính phủ",
        "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    ),
];

const SUBJECTS: &[&str] = &[
    "Các sở, ban, ngành, đoàn thể cấp tỉnh",
    "Ủy ban nhân dân các huyện, thị xã, thành phố",
    "Các cơ quan, đơn vị, doanh nghiệp",
    "Thủ trưởng các cơ quan, đơn vị",
    "Các tổ chức cơ sở đảng trực thuộc",
    "Ban Thi đua – Khen thưởng tỉnh",
    "Sở Thông tin và Truyền thông",
    "Báo và Đài Phát thanh – Truyền hình tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Các hội thành viên",
    "Hội đồng Thi đua – Khen thưởng các cấp",
    "Các phòng, đơn vị thuộc Sở",
    "Cấp ủy, chính quyền các cấp",
    "Mặt trận Tổ quốc và các đoàn thể chính trị – xã hội",
];
const VERBS: &[&str] = &[
    "chủ động xây dựng kế hoạch triển khai",
    "tổ chức quán triệt, tuyên truyền sâu rộng",
    "chỉ đạo, hướng dẫn, đôn đốc việc thực hiện",
    "phối hợp chặt chẽ trong việc tổ chức",
    "lựa chọn, bồi dưỡng và nhân rộng",
    "kiểm tra, giám sát việc thực hiện",
    "tổng hợp, báo cáo kết quả thực hiện",
    "tổ chức đăng ký thi đua và ký kết giao ước thi đua về",
    "phát hiện, xây dựng và giới thiệu",
    "đổi mới nội dung, hình thức tổ chức",
    "quan tâm bố trí kinh phí cho",
    "đẩy mạnh ứng dụng công nghệ thông tin trong",
    "tạo điều kiện thuận lợi để cán bộ, công chức, viên chức tham gia",
    "kịp thời biểu dương, khen thưởng",
    "cụ thể hóa bằng các chỉ tiêu, nhiệm vụ về",
];
const OBJECTS: &[&str] = &[
    "phong trào thi đua yêu nước",
    "các điển hình tiên tiến, nhân tố mới",
    "các mô hình hay, cách làm hiệu quả",
    "nội dung Hội thi đến cán bộ, công chức, viên chức và người lao động",
    "công tác thi đua, khen thưởng",
    "các giải pháp, sáng kiến cải tiến kỹ thuật",
    "nhiệm vụ chính trị của cơ quan, đơn vị",
    "các hoạt động hưởng ứng phong trào",
    "việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "các đề tài, dự án khoa học và công nghệ",
    "chương trình chuyển đổi số của tỉnh",
    "tiêu chí xây dựng nông thôn mới nâng cao, kiểu mẫu",
    "các tập thể, cá nhân có thành tích xuất sắc",
    "kết quả thực hiện các chỉ tiêu thi đua",
];
const TAILS: &[&str] = &[
    "gắn với việc thực hiện nhiệm vụ chính trị của cơ quan, đơn vị",
    "bảo đảm thiết thực, hiệu quả, tránh hình thức, lãng phí",
    "góp phần hoàn thành thắng lợi các mục tiêu phát triển kinh tế – xã hội của tỉnh",
    "theo đúng quy định của Luật Thi đua, khen thưởng năm 2022 và các văn bản hướng dẫn thi hành",
    "tạo khí thế thi đua sôi nổi, rộng khắp trong toàn tỉnh",
    "phù hợp với điều kiện thực tế của từng địa phương, đơn vị",
    "bảo đảm công khai, dân chủ, chính xác, kịp thời",
    "chú trọng khen thưởng người lao động trực tiếp sản xuất, công tác",
    "lấy kết quả thực hiện nhiệm vụ làm thước đo đánh giá thi đua",
    "trong đó có ít nhất một mô hình tiêu biểu để nhân rộng",
    "đồng thời lồng ghép với các phong trào thi đua khác đang triển khai",
];
const TOPICS: &[&str] = &[
    "Đẩy mạnh công tác tuyên truyền",
    "Tổ chức phát động thi đua",
    "Phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến",
    "Ứng dụng khoa học, công nghệ và chuyển đổi số",
    "Công tác khen thưởng",
    "Sơ kết, tổng kết",
    "Kinh phí thực hiện",
    "Chế độ thông tin, báo cáo",
    "Đối tượng và phạm vi",
    "Thời gian, địa điểm",
    "Hồ sơ dự thi",
    "Tiêu chuẩn, cơ cấu giải thưởng",
    "Nội dung thi đua",
    "Giải pháp thực hiện",
];
const PURPOSES: &[&str] = &[
    "Nâng cao nhận thức, trách nhiệm của các cấp ủy đảng, chính quyền, cơ quan, đơn vị và cán bộ, đảng viên, công chức, viên chức, người lao động về vị trí, vai trò của phong trào thi đua yêu nước",
    "Khơi dậy tinh thần sáng tạo, khát vọng cống hiến, phát huy truyền thống yêu nước, ý chí tự lực, tự cường",
    "Tạo động lực góp phần hoàn thành thắng lợi các chỉ tiêu, nhiệm vụ phát triển kinh tế – xã hội, bảo đảm quốc phòng, an ninh",
    "Phát hiện, bồi dưỡng, tôn vinh và nhân rộng các tập thể, cá nhân điển hình tiên tiến trên các lĩnh vực",
    "Thúc đẩy các hoạt động sáng tạo kỹ thuật, áp dụng hiệu quả vào sản xuất và đời sống",
    "Việc tổ chức phải bảo đảm thiết thực, hiệu quả, có trọng tâm, trọng điểm, phù hợp với điều kiện thực tế",
    "Công tác khen thưởng phải bảo đảm chính xác, công khai, công bằng, kịp thời, đúng quy định",
];
const TABLE_UNITS: &[&str] = &[
    "Văn phòng UBND tỉnh",
    "Sở Nội vụ",
    "Ban Thi đua – Khen thưởng",
    "Sở Khoa học và Công nghệ",
    "Sở Tài chính",
    "Sở Thông tin và Truyền thông",
    "UBND cấp huyện",
    "Liên đoàn Lao động tỉnh",
    "Tỉnh đoàn",
];
const NOTES: &[&str] = &[
    "Các đơn vị gửi văn bản qua hệ thống quản lý văn bản điều hành, đồng thời gửi bản điện tử (định dạng .doc hoặc .docx) qua thư điện tử để tổng hợp.",
    "Hồ sơ gửi chậm so với thời hạn quy định sẽ không được xem xét, tổng hợp trong đợt này.",
    "Trường hợp có thay đổi về thời gian tổ chức, Ban Tổ chức sẽ thông báo bằng văn bản đến các đơn vị.",
    "Mẫu đăng ký và mẫu báo cáo được đăng tải trên Cổng thông tin điện tử của tỉnh, mục Thi đua – Khen thưởng.",
];

/// (title template, kind) of campaigns: {P} province, {Y} year, {Y2} end year, {K} a number.
const CAMPAIGN_TITLES: &[(&str, &str)] = &[
    ("Hội thi Sáng tạo kỹ thuật tỉnh {P} lần thứ {K} ({Y}–{Y2})", "hoi-thi"),
    (
        "Phong trào thi đua “Đổi mới sáng tạo, ứng dụng tiến bộ khoa học và công nghệ vào thực tiễn sản xuất và đời sống” tỉnh {P} giai đoạn {Y}–{Y2}",
        "thi-dua-chuyen-de",
    ),
    ("Phong trào thi đua “{P} chung sức xây dựng nông thôn mới” giai đoạn {Y}–{Y2}", "thi-dua-chuyen-de"),
    ("Đợt thi đua đặc biệt chào mừng Đại hội Đảng bộ tỉnh {P} lần thứ {K}", "thi-dua-theo-dot"),
    ("Phong trào thi đua yêu nước năm {Y} của tỉnh {P}", "thi-dua-thuong-xuyen"),
    ("Phong trào “Dân vận khéo” tỉnh {P} năm {Y}", "thi-dua-chuyen-de"),
    ("Hội thi Tin học trẻ tỉnh {P} lần thứ {K} năm {Y}", "hoi-thi"),
    ("Cuộc thi Ý tưởng khởi nghiệp sáng tạo tỉnh {P} năm {Y}", "hoi-thi"),
    ("Phong trào thi đua “Chuyển đổi số trong cơ quan nhà nước” tỉnh {P} giai đoạn {Y}–{Y2}", "thi-dua-chuyen-de"),
    (
        "Phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” tỉnh {P} giai đoạn {Y}–{Y2}",
        "thi-dua-chuyen-de",
    ),
    (
        "Đợt thi đua cao điểm kỷ niệm {K} năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc, tỉnh {P}",
        "thi-dua-theo-dot",
    ),
    ("Hội thi Cán bộ công đoàn cơ sở giỏi tỉnh {P} lần thứ {K}", "hoi-thi"),
];
const CAMPAIGN_FIELDS: &[&str] = &[
    "Công nghệ thông tin, điện tử, viễn thông",
    "Cơ khí tự động hóa, xây dựng, giao thông vận tải",
    "Vật liệu, hóa chất, năng lượng",
    "Nông lâm ngư nghiệp, tài nguyên và môi trường",
    "Y dược",
    "Giáo dục và đào tạo",
];

// ---------------------------------------------------------------------------------------
// The corpus as data
// ---------------------------------------------------------------------------------------

struct Org {
    slug: String,
    title: String,
    abbr: &'static str,
    system: &'static str,
    parent: Option<usize>,
    province: &'static str,
    unit: &'static str,
    phone: String,
    email: String,
    website: String,
    address: String,
}

struct Person {
    slug: String,
    name: String,
    honorific: &'static str,
    position: &'static str,
    org: usize,
    phone: String,
    email: String,
}

struct Phase {
    name: String,
    date: Option<Date>,
    span: Option<(Date, Date)>,
}

struct Campaign {
    slug: String,
    title: String,
    kind: &'static str,
    organizer: usize,
    start: Date,
    end: Date,
    start_partial: bool,
    phases: Vec<Phase>,
    fields: Vec<&'static str>,
    contacts: Vec<String>,
    summary: String,
    short: Option<String>,
    tags: Vec<&'static str>,
    directives: Vec<usize>,
    body: String,
}

struct Reference {
    number: String,
    date: Date,
    issuer: String,
    title: String,
    /// Index of the directive cited, when it is in the portal.
    directive: Option<usize>,
}

struct Deadline {
    date: Date,
    time: Option<&'static str>,
    what: &'static str,
}

struct Signer {
    authority: Option<&'static str>,
    body: Option<&'static str>,
    position: &'static str,
    name: String,
}

struct Directive {
    slug: String,
    title: String,
    doc_type: usize,
    number: String,
    has_digits: bool,
    issuer: usize,
    date: Date,
    partial: bool,
    campaigns: Vec<usize>,
    recipients: Vec<&'static str>,
    references: Vec<Reference>,
    attachment: usize,
    attachment_title: String,
    deadlines: Vec<Deadline>,
    contacts: Vec<String>,
    signer: Signer,
    distribution: Vec<String>,
    urgency: Option<&'static str>,
    summary: Option<String>,
    tags: Vec<&'static str>,
    body: String,
    cited_by: Vec<usize>,
}

/// An attached file: shared (content/attachments/) or in one directive's bundle.
struct Attachment {
    /// File name; its stem's slug is unique in the corpus, so it is also the page slug.
    file: String,
    title: String,
    bytes: Vec<u8>,
    shared: bool,
    users: Vec<usize>,
}

struct Guide {
    slug: String,
    title: String,
    campaign: usize,
    summary: String,
    short: String,
    contacts: Vec<String>,
    tags: Vec<&'static str>,
    body: String,
}

struct Corpus {
    orgs: Vec<Org>,
    people: Vec<Person>,
    campaigns: Vec<Campaign>,
    directives: Vec<Directive>,
    attachments: Vec<Attachment>,
    /// Indices into `attachments` of the shared files.
    shared: Vec<usize>,
    guides: Vec<Guide>,
}

/// Makes `base` unique in `taken` with -2, -3…
fn unique(base: String, taken: &mut HashSet<String>) -> String {
    if taken.insert(base.clone()) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|s| taken.insert(s.clone())).expect("a free slug")
}

/// A slug cut to at most `max` bytes at a dash.
fn short_slug(text: &str, max: usize) -> String {
    let slug = slugify(text);
    if slug.len() <= max {
        return slug;
    }
    let cut = slug[..max].rfind('-').unwrap_or(max);
    slug[..cut].to_owned()
}

fn person_name(rng: &mut Rng) -> (String, bool) {
    let middle = rng.pick(MIDDLE);
    let name = format!("{} {} {}", rng.pick(FAMILY), middle, rng.pick(GIVEN));
    (name, middle.starts_with("Thị"))
}

fn phone(rng: &mut Rng, mobile: bool) -> String {
    if mobile {
        format!("09{}.{:04}.{:03}", rng.below(10), rng.below(10_000), rng.below(1000))
    } else {
        format!("0{}.{:04}.{:03}", 203 + rng.below(90), rng.below(10_000), rng.below(1000))
    }
}

/// A tiny PDF-like file (a few hundred bytes) whose content depends on its name.
fn pdf_bytes(title_ascii: &str, rng: &mut Rng) -> Vec<u8> {
    let text = format!("BT /F1 12 Tf 72 720 Td ({title_ascii}) Tj ET");
    let mut pdf = String::from("%PDF-1.4\n%\u{e2}\u{e3}\n");
    let _ = writeln!(pdf, "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj");
    let _ = writeln!(pdf, "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj");
    let _ = writeln!(pdf, "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >> endobj");
    let _ = write!(pdf, "4 0 obj << /Length {} >> stream\n{text}\nendstream endobj\n", text.len());
    let _ = write!(pdf, "% id {:016x}\ntrailer << /Root 1 0 R >>\n%%EOF\n", rng.next());
    pdf.into_bytes()
}

impl Corpus {
    fn generate(n: usize, seed: u64) -> Corpus {
        let mut rng = Rng::new(seed);
        let orgs = make_orgs((n / 200).max(5), &mut rng);
        let people = make_people((n / 100).max(5), &orgs, &mut rng);
        let mut campaigns = make_campaigns((n / 20).max(1), &orgs, &people, &mut rng);
        let mut attachments = Vec::new();
        let mut taken_files = HashSet::new();
        let shared: Vec<usize> = (0..(n / 100).max(3))
            .map(|k| {
                let (stem, title) = match k % 4 {
                    0 => ("mau-dang-ky-thi-dua", "Mẫu bản đăng ký thi đua"),
                    1 => ("mau-bao-cao-thanh-tich", "Mẫu báo cáo thành tích đề nghị khen thưởng"),
                    2 => ("the-le-hoi-thi", "Thể lệ Hội thi"),
                    _ => ("huong-dan-ho-so-khen-thuong", "Hướng dẫn thủ tục, hồ sơ khen thưởng"),
                };
                let stem = unique(format!("{stem}-{}", k / 4 + 1), &mut taken_files);
                let bytes = pdf_bytes(&stem, &mut rng);
                attachments.push(Attachment {
                    file: format!("{stem}.pdf"),
                    title: format!("{title} (mẫu số {})", k / 4 + 1),
                    bytes,
                    shared: true,
                    users: Vec::new(),
                });
                attachments.len() - 1
            })
            .collect();
        let mut directives: Vec<Directive> = Vec::with_capacity(n);
        let mut taken_slugs = HashSet::new();
        let mut counters: HashMap<(usize, i32), u32> = HashMap::new();
        let weight_total: u32 = DOC_TYPES.iter().map(|t| t.3).sum();
        for i in 0..n {
            let c = rng.below(campaigns.len());
            let campaign = &campaigns[c];
            let issuer = if rng.chance(50) { campaign.organizer } else { rng.below(orgs.len()) };
            let org = &orgs[issuer];
            let mut roll = rng.below(weight_total as usize) as u32;
            let doc_type = DOC_TYPES
                .iter()
                .position(|t| {
                    if roll < t.3 {
                        true
                    } else {
                        roll -= t.3;
                        false
                    }
                })
                .unwrap_or(0);
            let span = (campaign.end.days() - campaign.start.days()).max(1);
            let date = Date::from_days(campaign.start.days() + rng.range(0, span)).min(LAST_DAY).max(FIRST_DAY);
            let partial = rng.chance(3);
            // Numbers count up through the year, per issuer.
            let counter = counters.entry((issuer, date.y)).or_insert_with(|| 1 + rng.below(120) as u32);
            *counter += 1 + rng.below(25) as u32;
            let digits = *counter;
            let (type_slug, type_name, type_abbr, _) = DOC_TYPES[doc_type];
            let sign = if org.system == "party" {
                format!("{type_abbr}/{}", org.abbr)
            } else if type_slug == "cong-van" {
                format!("{}-{}", org.abbr, org.unit)
            } else {
                format!("{type_abbr}-{}", org.abbr)
            };
            let has_digits = !rng.chance(2);
            let number = match (has_digits, org.system == "party") {
                (false, _) => format!("/{sign}"),
                (true, true) => format!("{digits}-{sign}"),
                (true, false) => format!("{digits}/{sign}"),
            };
            let title = directive_title(type_slug, campaign, date, &mut rng);
            let slug_base = format!(
                "{}-{}{}-{}-{}",
                slugify(type_abbr),
                if has_digits { format!("{digits}-") } else { String::new() },
                slugify(org.abbr),
                date.y,
                short_slug(&title, 48)
            );
            let slug = unique(slug_base, &mut taken_slugs);

            let mut directive_campaigns = vec![c];
            if rng.chance(12) && campaigns.len() > 1 {
                let other = rng.below(campaigns.len());
                if other != c {
                    directive_campaigns.push(other);
                }
            }
            // Căn cứ: earlier directives of the campaign (by number), then outside documents.
            let mut references = Vec::new();
            let earlier: Vec<usize> = campaign
                .directives
                .iter()
                .copied()
                .filter(|&j| directives[j].has_digits && directives[j].date <= date)
                .collect();
            if !earlier.is_empty() && rng.chance(55) {
                for &j in {
                    let k = 1 + rng.below(2);
                    rng.pick_distinct(&earlier, k)
                } {
                    let cited = &directives[j];
                    references.push(Reference {
                        number: cited.number.clone(),
                        date: cited.date,
                        issuer: orgs[cited.issuer].title.clone(),
                        title: cited.title.clone(),
                        directive: Some(j),
                    });
                }
            }
            let outside: Vec<&(&str, Date, &str, &str)> = EXTERNAL_REFS.iter().filter(|r| r.1 < date).collect();
            if !outside.is_empty() && rng.chance(60) {
                for r in {
                    let k = 1 + rng.below(2);
                    rng.pick_distinct(&outside, k)
                } {
                    references.push(Reference {
                        number: r.0.into(),
                        date: r.1,
                        issuer: r.2.into(),
                        title: r.3.into(),
                        directive: None,
                    });
                }
            }
            let deadlines: Vec<Deadline> = if rng.chance(60) {
                let count = 1 + rng.below(2);
                let mut offset = 0;
                (0..count)
                    .map(|_| {
                        offset += rng.range(7, 45);
                        let time = if rng.chance(20) { Some(*rng.pick(&["17:00", "16:30", "11:00"])) } else { None };
                        Deadline { date: date.plus(offset), time, what: *rng.pick(DEADLINE_WHAT) }
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let mut contacts = vec![people[i % people.len()].slug.clone()];
            if i % 3 == 0 {
                contacts.push(orgs[(i / 3) % orgs.len()].slug.clone());
            }
            let signer = make_signer(org, &mut rng);
            let mut distribution: Vec<String> = vec!["Như trên".into()];
            distribution.extend(
                {
                    let k = 1 + rng.below(3);
                    rng.pick_distinct(DISTRIBUTION, k)
                }
                .into_iter()
                .map(|s| s.to_string()),
            );
            distribution.push(format!("Lưu: VT, {}", org.unit));
            let urgency = match rng.below(1000) {
                0..=39 => Some("khan"),
                40..=49 => Some("thuong-khan"),
                50..=54 => Some("hoa-toc"),
                _ => None,
            };
            let summary = rng.chance(60).then(|| {
                format!(
                    "{} {} đề nghị {} {} {}, {}.",
                    type_name,
                    org.title,
                    lower_first(*rng.pick(SUBJECTS)),
                    rng.pick(VERBS),
                    rng.pick(OBJECTS),
                    rng.pick(TAILS)
                )
            });
            let tags: Vec<&'static str> = {
                let mut t: Vec<&'static str> = campaign.tags.iter().take(1 + rng.below(2)).copied().collect();
                for extra in {
                    let k = 1 + rng.below(2);
                    rng.pick_distinct(TAGS, k)
                } {
                    if !t.contains(extra) {
                        t.push(extra);
                    }
                }
                t
            };
            // One attachment: a shared file for 10% of directives, else one in the bundle.
            let (attachment, attachment_title) = if rng.chance(10) {
                let a = shared[rng.below(shared.len())];
                (a, attachments[a].title.clone())
            } else {
                let stem = unique(
                    format!("{}-{}", slugify(type_name), slugify(&number)).trim_end_matches('-').to_owned(),
                    &mut taken_files,
                );
                let bytes = pdf_bytes(&stem, &mut rng);
                let title = format!("{type_name} số {number} (bản chụp)");
                attachments.push(Attachment {
                    file: format!("{stem}.pdf"),
                    title: title.clone(),
                    bytes,
                    shared: false,
                    users: Vec::new(),
                });
                (attachments.len() - 1, title)
            };
            attachments[attachment].users.push(i);
            let mut directive = Directive {
                slug,
                title,
                doc_type,
                number,
                has_digits,
                issuer,
                date,
                partial,
                campaigns: directive_campaigns,
                recipients: {
                    let k = 1 + rng.below(4);
                    rng.pick_distinct(RECIPIENTS, k)
                }
                .into_iter()
                .copied()
                .collect(),
                references,
                attachment,
                attachment_title,
                deadlines,
                contacts,
                signer,
                distribution,
                urgency,
                summary,
                tags,
                body: String::new(),
                cited_by: Vec::new(),
            };
            directive.body = directive_body(&directive, &orgs, &campaigns, &directives, &attachments, &mut rng);
            for &j in directive.references.iter().filter_map(|r| r.directive.as_ref()) {
                directives[j].cited_by.push(i);
            }
            for &cc in &directive.campaigns {
                campaigns[cc].directives.push(i);
            }
            directives.push(directive);
        }
        for c in 0..campaigns.len() {
            campaigns[c].body = campaign_body(&campaigns[c], &orgs, &directives, &mut rng);
        }
        let guides = make_guides((campaigns.len() / 10).max(1), &campaigns, &people, &orgs, &directives, &mut rng);
        Corpus { orgs, people, campaigns, directives, attachments, shared, guides }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn make_orgs(count: usize, rng: &mut Rng) -> Vec<Org> {
    let mut orgs: Vec<Org> = Vec::with_capacity(count);
    let mut taken = HashSet::new();
    // Index of each kind's organization per province, to resolve parents.
    let mut by_kind: HashMap<(usize, usize), usize> = HashMap::new();
    for i in 0..count {
        let (p, k) = (i / ORG_KINDS.len(), i % ORG_KINDS.len());
        let province = PROVINCES[p % PROVINCES.len()];
        let (template, abbr, system, parent_kind, unit) = ORG_KINDS[k];
        let title = template.replace("{P}", province);
        let slug = unique(format!("{}-{}", slugify(abbr), slugify(province)), &mut taken);
        let host = format!("{}.{}.example.gov.vn", slugify(abbr), slugify(province).replace('-', ""));
        let parent = parent_kind.and_then(|pk| by_kind.get(&(p, pk)).copied());
        orgs.push(Org {
            address: format!(
                "Số {}, đường {}, thành phố {}, tỉnh {province}",
                1 + rng.below(300),
                rng.pick(&["Lê Lợi", "Trần Phú", "Hùng Vương", "Quang Trung", "Nguyễn Trãi", "Lý Thường Kiệt"]),
                province
            ),
            phone: phone(rng, false),
            email: format!("vanphong@{host}"),
            website: format!("https://{host}/"),
            slug,
            title,
            abbr,
            system,
            parent,
            province,
            unit,
        });
        by_kind.insert((p, k), i);
    }
    orgs
}

fn make_people(count: usize, orgs: &[Org], rng: &mut Rng) -> Vec<Person> {
    let mut taken = HashSet::new();
    (0..count)
        .map(|i| {
            let (name, female) = person_name(rng);
            let org = i % orgs.len();
            let slug = unique(slugify(&name), &mut taken);
            let host = orgs[org].email.split('@').nth(1).unwrap_or("example.gov.vn").to_owned();
            Person {
                email: format!("{}@{host}", slug.replace('-', ".")),
                honorific: if female {
                    "bà"
                } else if rng.chance(85) {
                    "ông"
                } else {
                    "bà"
                },
                position: *rng.pick(POSITIONS),
                phone: phone(rng, true),
                org,
                slug,
                name,
            }
        })
        .collect()
}

fn make_campaigns(count: usize, orgs: &[Org], people: &[Person], rng: &mut Rng) -> Vec<Campaign> {
    let mut taken = HashSet::new();
    let mut shorts = HashSet::new();
    (0..count)
        .map(|i| {
            let organizer = rng.below(orgs.len());
            let province = orgs[organizer].province;
            let (template, kind) = *rng.pick(CAMPAIGN_TITLES);
            let start = Date::new(2015 + rng.below(10) as i32, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
            let one_year = template.contains("năm {Y}") && !template.contains("{Y2}");
            let months = match kind {
                _ if one_year => rng.range(6, 12),
                "hoi-thi" => rng.range(6, 20),
                "thi-dua-theo-dot" => rng.range(3, 12),
                "thi-dua-thuong-xuyen" => 12,
                _ => rng.range(24, 60),
            };
            let end = start.plus(months * 30).min(LAST_DAY);
            let title = template
                .replace("{P}", province)
                .replace("{Y2}", &end.y.to_string())
                .replace("{Y}", &start.y.to_string())
                .replace("{K}", &(5 + rng.below(75)).to_string());
            let slug = unique(short_slug(&title, 90), &mut taken);
            let mut phases = vec![Phase { name: "Phát động".into(), date: Some(start), span: None }];
            if kind == "hoi-thi" {
                let open = start.plus(20);
                let close = start.plus(months * 30 / 2).min(end);
                phases.push(Phase {
                    name: "Nhận hồ sơ dự thi".into(),
                    date: None,
                    span: Some((open, close.max(open))),
                });
                phases.push(Phase { name: "Chấm thi và trao giải".into(), date: Some(end), span: None });
            } else {
                phases.push(Phase {
                    name: "Sơ kết giữa kỳ".into(), date: Some(start.plus(months * 15)), span: None
                });
                phases.push(Phase { name: "Tổng kết, khen thưởng".into(), date: Some(end), span: None });
            }
            let short = rng.chance(30).then(|| unique(format!("PT{}", i + 1), &mut shorts));
            Campaign {
                summary: format!(
                    "{title} do {} chủ trì, diễn ra từ tháng {}/{} đến tháng {}/{}, nhằm {}.",
                    orgs[organizer].title,
                    start.m,
                    start.y,
                    end.m,
                    end.y,
                    lower_first(*rng.pick(PURPOSES))
                ),
                contacts: vec![people[rng.below(people.len())].slug.clone(), orgs[organizer].slug.clone()],
                fields: if kind == "hoi-thi" {
                    {
                        let k = 3 + rng.below(3);
                        rng.pick_distinct(CAMPAIGN_FIELDS, k)
                    }
                    .into_iter()
                    .copied()
                    .collect()
                } else {
                    Vec::new()
                },
                tags: {
                    let k = 2 + rng.below(2);
                    rng.pick_distinct(TAGS, k)
                }
                .into_iter()
                .copied()
                .collect(),
                start_partial: rng.chance(40),
                slug,
                title,
                kind,
                organizer,
                start,
                end,
                phases,
                short,
                directives: Vec::new(),
                body: String::new(),
            }
        })
        .collect()
}

fn make_signer(org: &Org, rng: &mut Rng) -> Signer {
    let name = person_name(rng).0;
    let roll = rng.below(4);
    match (org.system, org.abbr, roll) {
        ("party", _, 0 | 1) => {
            Signer { authority: Some("T/M"), body: Some("Ban Thường vụ"), position: "Phó Bí thư", name }
        }
        ("party", _, 2) => {
            Signer { authority: Some("T/M"), body: Some("Ban Thường vụ"), position: "Bí thư", name }
        }
        ("party", _, _) => Signer { authority: Some("K/T"), body: Some("Bí thư"), position: "Phó Bí thư", name },
        ("mass", _, 0 | 1) => {
            Signer { authority: Some("TM."), body: Some("Ban Thường vụ"), position: "Chủ tịch", name }
        }
        ("mass", _, _) => {
            Signer { authority: Some("KT."), body: Some("Chủ tịch"), position: "Phó Chủ tịch", name }
        }
        (_, "UBND", 0 | 1) => {
            Signer { authority: Some("TM."), body: Some("Ủy ban nhân dân"), position: "Chủ tịch", name }
        }
        (_, "UBND", _) => {
            Signer { authority: Some("KT."), body: Some("Chủ tịch"), position: "Phó Chủ tịch", name }
        }
        (_, _, 0) => Signer { authority: None, body: None, position: "Giám đốc", name },
        (_, _, 1) => Signer { authority: Some("KT."), body: Some("Giám đốc"), position: "Phó Giám đốc", name },
        (_, _, 2) => {
            Signer { authority: Some("TL."), body: Some("Giám đốc"), position: "Chánh Văn phòng", name }
        }
        _ => Signer { authority: Some("KT."), body: Some("Giám đốc"), position: "Phó Giám đốc", name },
    }
}

fn directive_title(doc_type: &str, campaign: &Campaign, date: Date, rng: &mut Rng) -> String {
    let name = &campaign.title;
    let options: Vec<String> = match doc_type {
        "cong-van" => vec![
            format!("tuyên truyền, tham gia {name}"),
            format!("đôn đốc báo cáo kết quả thực hiện {name}"),
            format!("đăng ký thi đua năm {}", date.y),
            format!("đề nghị khen thưởng tập thể, cá nhân có thành tích trong {name}"),
            format!("hướng dẫn triển khai {name}"),
        ],
        "ke-hoach" => vec![
            format!("Tổ chức triển khai {name}"),
            format!("Tổ chức các hoạt động hưởng ứng {name}"),
            format!("Sơ kết {name}"),
        ],
        "thong-bao" => vec![
            format!("Kết quả {name}"),
            format!("Kết luận của Thường trực Hội đồng Thi đua – Khen thưởng về {name}"),
        ],
        "quyet-dinh" => vec![
            format!("Về việc thành lập Ban Tổ chức {name}"),
            format!("Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong {name}"),
        ],
        "huong-dan" => {
            vec![format!("Hướng dẫn tham gia {name}"), format!("Hướng dẫn chấm điểm, xét khen thưởng {name}")]
        }
        "bao-cao" => vec![format!("Kết quả thực hiện {name} năm {}", date.y), format!("Sơ kết {name}")],
        "giay-moi" => vec![format!("Dự Hội nghị phát động {name}"), format!("Dự Lễ tổng kết và trao giải {name}")],
        "the-le" => vec![format!("Thể lệ {name}")],
        "chi-thi" => vec![format!("Về tăng cường sự lãnh đạo đối với {name}")],
        "nghi-quyet" => vec![format!("Về đẩy mạnh {name}")],
        "to-trinh" => vec![format!("Đề nghị phê duyệt Kế hoạch tổ chức {name}")],
        _ => vec![format!("Chương trình hành động thực hiện {name}")],
    };
    options[rng.below(options.len())].clone()
}

fn sentence(rng: &mut Rng) -> String {
    format!("{} {} {}, {}.", rng.pick(SUBJECTS), rng.pick(VERBS), rng.pick(OBJECTS), rng.pick(TAILS))
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    (0..sentences).map(|_| sentence(rng)).collect::<Vec<_>>().join(" ")
}

const ROMAN: &[&str] = &["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"];

fn directive_body(
    d: &Directive,
    orgs: &[Org],
    campaigns: &[Campaign],
    directives: &[Directive],
    attachments: &[Attachment],
    rng: &mut Rng,
) -> String {
    let target = 3500 + rng.below(600);
    let issuer = &orgs[d.issuer];
    let campaign = &campaigns[d.campaigns[0]];
    let (_, type_name, _, _) = DOC_TYPES[d.doc_type];
    let mut body = String::with_capacity(target + 1200);
    // Opening: what this document carries out.
    let mut grounds: Vec<String> = Vec::new();
    for r in &d.references {
        let cited = match r.directive {
            Some(j) => format!(
                "[{} số {} ngày {}](/van-ban/{}/) của {}",
                DOC_TYPES[directives[j].doc_type].1,
                r.number,
                r.date.vi(),
                directives[j].slug,
                r.issuer
            ),
            None if r.title.starts_with("Luật") => {
                format!("{} số {} ngày {} của {}", r.title, r.number, r.date.vi(), r.issuer)
            }
            None => {
                let kind = if r.number.contains("NĐ-CP") {
                    "Nghị định"
                } else if r.number.contains("CT/") {
                    "Chỉ thị"
                } else if r.number.contains("TT-") {
                    "Thông tư"
                } else {
                    "Văn bản"
                };
                format!("{kind} số {} ngày {} của {} {}", r.number, r.date.vi(), r.issuer, lower_first(&r.title))
            }
        };
        grounds.push(cited);
    }
    if grounds.is_empty() {
        let _ = writeln!(
            body,
            "Thực hiện chương trình công tác năm {} và nhiệm vụ được giao, {} ban hành {} {} như sau:\n",
            d.date.y,
            issuer.title,
            lower_first(type_name),
            lower_first(&d.title)
        );
    } else {
        let _ = writeln!(
            body,
            "Căn cứ {};\n\nĐể triển khai có hiệu quả {}, {} ban hành {} với các nội dung như sau:\n",
            grounds.join(";\n\nCăn cứ "),
            campaign.title,
            issuer.title,
            lower_first(type_name)
        );
    }
    let mut section = 0;
    let mut note_done = !rng.chance(25);
    let mut deadline_done = d.deadlines.is_empty() || !rng.chance(40);
    let mut contact_done = !rng.chance(30);
    let mut attachment_done = !rng.chance(10);
    let mut table_done = !rng.chance(35);
    let mut footnote = rng.chance(5);
    // The closing section adds ~900 bytes.
    while body.len() + 900 < target {
        let heading =
            if section == 0 { "MỤC ĐÍCH, YÊU CẦU".to_owned() } else { rng.pick(TOPICS).to_uppercase() };
        let _ = writeln!(body, "## {}. {heading}\n", ROMAN[section.min(ROMAN.len() - 1)]);
        if section == 0 {
            let _ = writeln!(body, "### 1. Mục đích\n");
            for p in {
                let k = 2 + rng.below(2);
                rng.pick_distinct(PURPOSES, k)
            } {
                let _ = writeln!(body, "- {p}.");
            }
            let _ = writeln!(body, "\n### 2. Yêu cầu\n");
            for _ in 0..2 + rng.below(2) {
                let _ = writeln!(body, "- {}", sentence(rng));
            }
            body.push('\n');
        } else {
            let subsections = 1 + rng.below(3);
            for k in 1..=subsections {
                if k > 1 && body.len() + 900 >= target {
                    break;
                }
                let _ = writeln!(body, "### {k}. {}\n", rng.pick(TOPICS));
                let _ = writeln!(body, "{}\n", {
                    let k = 1 + rng.below(2);
                    paragraph(rng, k)
                });
                if rng.chance(60) {
                    for item in 1..=2 + rng.below(3) {
                        if rng.chance(50) {
                            let _ = writeln!(body, "{item}. {}", sentence(rng));
                        } else {
                            let _ = writeln!(body, "- {}", sentence(rng));
                        }
                    }
                    body.push('\n');
                }
            }
            if !table_done {
                table_done = true;
                let _ = writeln!(
                    body,
                    "| STT | Nội dung công việc | Đơn vị chủ trì | Thời gian thực hiện |\n| ---: | --- | --- | --- |"
                );
                let mut when = d.date;
                for row in 1..=4 + rng.below(3) {
                    when = when.plus(rng.range(10, 40));
                    let _ = writeln!(
                        body,
                        "| {row} | {} | {} | Trước ngày {} |",
                        rng.pick(TOPICS),
                        rng.pick(TABLE_UNITS),
                        when.vi()
                    );
                }
                body.push('\n');
            }
            if !deadline_done {
                deadline_done = true;
                let dl = &d.deadlines[0];
                let date = match dl.time {
                    Some(t) => format!("{}T{t}", dl.date.iso()),
                    None => dl.date.iso(),
                };
                let _ = writeln!(
                    body,
                    "Thời hạn gửi về {} (qua {}):\n\n::deadline{{date={date} what=\"{}\"}}\n",
                    issuer.title, issuer.unit, dl.what
                );
            } else if !note_done {
                note_done = true;
                let _ = writeln!(body, ":::note\n{}\n:::\n", rng.pick(NOTES));
            } else if !attachment_done {
                attachment_done = true;
                let stem = attachments[d.attachment].file.trim_end_matches(".pdf");
                let _ = writeln!(body, "Chi tiết theo tài liệu kèm theo:\n\n::attachment{{ref={}}}\n", slugify(stem));
            } else if footnote {
                footnote = false;
                let _ = writeln!(
                    body,
                    "Việc xét khen thưởng thực hiện theo tiêu chuẩn quy định[^1].\n\n[^1]: Theo Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022 và Nghị định số 98/2023/NĐ-CP.\n"
                );
            }
        }
        section += 1;
    }
    let _ = writeln!(body, "## {}. TỔ CHỨC THỰC HIỆN\n", ROMAN[section.min(ROMAN.len() - 1)]);
    for unit in rng.pick_distinct(SUBJECTS, 2) {
        let _ = writeln!(body, "- **{unit}** {} {}, {}.", rng.pick(VERBS), rng.pick(OBJECTS), rng.pick(TAILS));
    }
    if !contact_done {
        contact_done = true;
        let _ = writeln!(body, "\nĐầu mối liên hệ:\n\n::contact{{ref={}}}", d.contacts[0]);
    }
    let _ = contact_done;
    let _ = writeln!(
        body,
        "\nTrong quá trình triển khai, nếu có khó khăn, vướng mắc, đề nghị các cơ quan, đơn vị phản ánh về {} (qua {}) để được hướng dẫn, giải quyết./.",
        issuer.title, issuer.unit
    );
    body
}

fn campaign_body(c: &Campaign, orgs: &[Org], directives: &[Directive], rng: &mut Rng) -> String {
    let mut body = String::new();
    let _ = writeln!(body, "{}\n", c.summary);
    let _ = writeln!(body, "## Mục đích\n");
    for p in rng.pick_distinct(PURPOSES, 3) {
        let _ = writeln!(body, "- {p}.");
    }
    let _ = writeln!(body, "\n## Ai tham gia\n\n{}\n", paragraph(rng, 2));
    if !c.directives.is_empty() {
        let _ = writeln!(body, "## Văn bản liên quan\n");
        for &j in c.directives.iter().take(5) {
            let d = &directives[j];
            let _ = writeln!(
                body,
                "- [{} số {} ngày {}](/van-ban/{}/) của {}.",
                DOC_TYPES[d.doc_type].1,
                d.number,
                d.date.vi(),
                d.slug,
                orgs[d.issuer].title
            );
        }
        body.push('\n');
    }
    let _ = writeln!(body, ":::note\n{}\n:::", rng.pick(NOTES));
    body
}

fn make_guides(
    count: usize,
    campaigns: &[Campaign],
    people: &[Person],
    orgs: &[Org],
    directives: &[Directive],
    rng: &mut Rng,
) -> Vec<Guide> {
    let mut taken = HashSet::new();
    (0..count)
        .map(|g| {
            let c = (g * 10) % campaigns.len();
            let campaign = &campaigns[c];
            let title = format!("Hướng dẫn tham gia {}", campaign.title);
            let contact = people[rng.below(people.len())].slug.clone();
            let mut body = String::new();
            let _ = writeln!(body, "{} diễn ra **từ tháng {}/{} đến tháng {}/{}**.\n", campaign.title, campaign.start.m, campaign.start.y, campaign.end.m, campaign.end.y);
            for (k, topic) in rng.pick_distinct(TOPICS, 4).into_iter().enumerate() {
                let _ = writeln!(body, "## {}. {topic}\n\n{}\n", k + 1, paragraph(rng, 2));
                if k == 0 {
                    for &j in campaign.directives.iter().take(3) {
                        let d = &directives[j];
                        let _ = writeln!(body, "- [{} số {}](/van-ban/{}/) của {}", DOC_TYPES[d.doc_type].1, d.number, d.slug, orgs[d.issuer].title);
                    }
                    body.push('\n');
                }
            }
            let _ = writeln!(body, "## Liên hệ\n\n::contact{{ref={contact}}}");
            Guide {
                slug: unique(short_slug(&title, 90), &mut taken),
                summary: format!("Những việc cần biết để tham gia {}: thời gian, văn bản cần đọc, ai được vận động tham gia và cách báo cáo kết quả.", campaign.title),
                short: format!("HD{}", g + 1),
                contacts: vec![contact, orgs[campaign.organizer].slug.clone()],
                tags: campaign.tags.clone(),
                title,
                campaign: c,
                body,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// YAML and files
// ---------------------------------------------------------------------------------------

/// A double-quoted YAML scalar.
fn q(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn flow<S: AsRef<str>>(items: &[S]) -> String {
    format!("[{}]", items.iter().map(|s| q(s.as_ref())).collect::<Vec<_>>().join(", "))
}

struct Writer {
    files: usize,
    bytes: u64,
    dirs: HashSet<PathBuf>,
}

impl Writer {
    fn new() -> Self {
        Writer { files: 0, bytes: 0, dirs: HashSet::new() }
    }

    fn write(&mut self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if let Some(parent) = path.parent() {
            if !self.dirs.contains(parent) {
                fs::create_dir_all(parent)?;
                self.dirs.insert(parent.to_path_buf());
            }
        }
        fs::write(path, bytes)?;
        self.files += 1;
        self.bytes += bytes.len() as u64;
        Ok(())
    }
}

fn reset(dir: &Path) -> io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)
}

/// Front matter common to both sites.
fn directive_yaml(d: &Directive, c: &Corpus, hugo: bool) -> String {
    let mut y = String::with_capacity(2048);
    let (type_slug, _, _, _) = DOC_TYPES[d.doc_type];
    let _ = writeln!(y, "title: {}", q(&d.title));
    let _ = writeln!(y, "doc_type: {type_slug}");
    let _ = writeln!(y, "number: {}", q(&d.number));
    let _ = writeln!(y, "issuer: {}", c.orgs[d.issuer].slug);
    let _ = writeln!(y, "place: {}", q(c.orgs[d.issuer].province));
    if hugo {
        // Hugo needs a full date for .Date; the written form stays a parameter.
        let _ = writeln!(y, "date: {}", d.date.iso());
        let _ = writeln!(y, "date_text: {}", q(&if d.partial { d.date.iso_month() } else { d.date.iso() }));
    } else {
        let _ = writeln!(y, "date: {}", if d.partial { d.date.iso_month() } else { d.date.iso() });
    }
    let _ = writeln!(
        y,
        "campaigns: [{}]",
        d.campaigns.iter().map(|&i| c.campaigns[i].slug.as_str()).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(y, "recipients:");
    for r in &d.recipients {
        let _ = writeln!(y, "  - {}", q(r));
    }
    if !d.references.is_empty() {
        let _ = writeln!(y, "references:");
        for r in &d.references {
            let _ = writeln!(
                y,
                "  - number: {}\n    date: {}\n    issuer: {}\n    title: {}",
                q(&r.number),
                r.date.iso(),
                q(&r.issuer),
                q(&r.title)
            );
            if hugo {
                if let Some(j) = r.directive {
                    let _ = writeln!(y, "    path: {}", hugo_directive_path(&c.directives[j]));
                }
            }
        }
    }
    let attachment = &c.attachments[d.attachment];
    let _ = writeln!(y, "attachments:\n  - file: {}\n    title: {}", attachment.file, q(&d.attachment_title));
    if d.has_digits && !attachment.shared {
        let _ = writeln!(y, "    number: {}", q(&d.number));
    }
    if hugo {
        let _ = writeln!(y, "    page: {}", slugify(attachment.file.trim_end_matches(".pdf")));
    }
    if !d.deadlines.is_empty() {
        let _ = writeln!(y, "deadlines:");
        for dl in &d.deadlines {
            let date = match dl.time {
                Some(t) => format!("{}T{t}", dl.date.iso()),
                None => dl.date.iso(),
            };
            // Quoted for Hugo, whose YAML would turn a date into a time value.
            let _ = writeln!(y, "  - date: {}\n    what: {}", if hugo { q(&date) } else { date }, q(dl.what));
        }
    }
    let _ = writeln!(y, "contacts: [{}]", d.contacts.join(", "));
    let _ = writeln!(y, "signer:");
    if let Some(a) = d.signer.authority {
        let _ = writeln!(y, "  authority: {a}");
    }
    if let Some(b) = d.signer.body {
        let _ = writeln!(y, "  body: {}", q(b));
    }
    let _ = writeln!(y, "  position: {}\n  name: {}", q(d.signer.position), q(&d.signer.name));
    let _ = writeln!(y, "distribution:");
    for r in &d.distribution {
        let _ = writeln!(y, "  - {}", q(r));
    }
    if let Some(u) = d.urgency {
        let _ = writeln!(y, "urgency: {u}");
    }
    if let Some(s) = &d.summary {
        let _ = writeln!(y, "summary: {}", q(s));
    }
    let _ = writeln!(y, "tags: {}", flow(&d.tags));
    let _ = writeln!(y, "draft: false");
    if hugo {
        let _ = writeln!(y, "slug: {}", d.slug);
        let _ = writeln!(y, "years: [\"{}\"]", d.date.y);
        let _ = writeln!(y, "doctypes: [{type_slug}]");
        let _ = writeln!(y, "issuers: [{}]", c.orgs[d.issuer].slug);
        if !d.cited_by.is_empty() {
            let _ = writeln!(
                y,
                "cited_by: [{}]",
                d.cited_by.iter().map(|&j| hugo_directive_path(&c.directives[j])).collect::<Vec<_>>().join(", ")
            );
        }
    }
    y
}

fn hugo_directive_path(d: &Directive) -> String {
    format!("/directives/{}/{}", d.date.y, d.slug)
}

fn campaign_yaml(cp: &Campaign, c: &Corpus, hugo: bool) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "title: {}", q(&cp.title));
    let _ = writeln!(y, "{}: {}", if hugo { "campaign_kind" } else { "kind" }, cp.kind);
    let _ = writeln!(y, "organizer: {}", c.orgs[cp.organizer].slug);
    let start = if cp.start_partial { cp.start.iso_month() } else { cp.start.iso() };
    let end = cp.end.iso_month();
    if hugo {
        let _ = writeln!(y, "start: {}\nend: {}", q(&start), q(&end));
    } else {
        let _ = writeln!(y, "start: {start}\nend: {end}");
    }
    let _ = writeln!(y, "phases:");
    for p in &cp.phases {
        let _ = writeln!(y, "  - name: {}", q(&p.name));
        let date = |d: Date| if hugo { q(&d.iso()) } else { d.iso() };
        if let Some(d) = p.date {
            let _ = writeln!(y, "    date: {}", date(d));
        }
        if let Some((s, e)) = p.span {
            let _ = writeln!(y, "    start: {}\n    end: {}", date(s), date(e));
        }
    }
    if !cp.fields.is_empty() {
        let _ = writeln!(y, "fields: {}", flow(&cp.fields));
    }
    let _ = writeln!(y, "contacts: [{}]", cp.contacts.join(", "));
    let _ = writeln!(y, "summary: {}", q(&cp.summary));
    if let Some(s) = &cp.short {
        let _ = writeln!(y, "short: {s}");
    }
    let _ = writeln!(y, "tags: {}", flow(&cp.tags));
    let _ = writeln!(y, "draft: false");
    y
}

fn guide_yaml(g: &Guide, c: &Corpus, hugo: bool) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "title: {}", q(&g.title));
    let _ = writeln!(y, "campaigns: [{}]", c.campaigns[g.campaign].slug);
    let _ = writeln!(y, "summary: {}", q(&g.summary));
    let _ = writeln!(y, "short: {}", g.short);
    let _ = writeln!(y, "contacts: [{}]", g.contacts.join(", "));
    let _ = writeln!(y, "tags: {}", flow(&g.tags));
    let _ = writeln!(y, "draft: false");
    if hugo {
        let _ = writeln!(y, "slug: {}", g.slug);
    }
    y
}

fn org_yaml(o: &Org, c: &Corpus) -> String {
    let mut y = String::new();
    let _ = writeln!(y, "title: {}\nabbr: {}", q(&o.title), q(o.abbr));
    if let Some(p) = o.parent {
        let _ = writeln!(y, "parent: {}", c.orgs[p].slug);
    }
    let _ = writeln!(
        y,
        "system: {}\nplace: {}\naddress: {}\nphone: {}\nemail: {}\nwebsite: {}",
        o.system,
        q(o.province),
        q(&o.address),
        q(&o.phone),
        o.email,
        o.website
    );
    y
}

fn org_body(o: &Org, rng: &mut Rng) -> String {
    format!(
        "{} là cơ quan thường trực tham mưu, tổ chức các phong trào thi đua trên địa bàn tỉnh {}. {}\n\nThư điện tử và trang web ở trên là dữ liệu minh họa của cổng thông tin mẫu.\n",
        o.title,
        o.province,
        sentence(rng)
    )
}

fn person_yaml(p: &Person, c: &Corpus) -> String {
    format!(
        "title: {}\nhonorific: {}\nposition: {}\norganization: {}\nphone: {}\nemail: {}\n",
        q(&p.name),
        p.honorific,
        q(p.position),
        c.orgs[p.org].slug,
        q(&p.phone),
        p.email
    )
}

fn person_body(p: &Person, c: &Corpus) -> String {
    format!(
        "Người liên hệ tại {} khi các cơ quan, đơn vị có khó khăn, vướng mắc trong triển khai phong trào thi đua, đăng ký thi đua và đề nghị khen thưởng.\n",
        c.orgs[p.org].title
    )
}

fn page(yaml: &str, body: &str) -> String {
    format!("---\n{yaml}---\n\n{body}")
}

fn write_loa(c: &Corpus, root: &Path) -> io::Result<(usize, u64)> {
    reset(root)?;
    let mut w = Writer::new();
    let mut rng = Rng::new(7);
    w.write(
        &root.join("site.yaml"),
        format!(
            "title: Cổng thông tin Thi đua – Sáng tạo (dữ liệu tổng hợp)\nbase_url: https://thidua.example.gov.vn/\nlanguage: vi\nprovince: {}\norganization: {}\ntheme: default\nbuild_date: {BUILD_DATE}\ndescription: >-\n  Cổng thông tin tổng hợp để đo hiệu năng: {} văn bản, {} phong trào, dữ liệu sinh ngẫu nhiên có kiểm soát.\n",
            c.orgs[0].province,
            c.orgs[0].slug,
            c.directives.len(),
            c.campaigns.len()
        )
        .as_bytes(),
    )?;
    let content = root.join("content");
    for o in &c.orgs {
        w.write(
            &content.join(format!("contacts/organizations/{}.md", o.slug)),
            page(&org_yaml(o, c), &org_body(o, &mut rng)).as_bytes(),
        )?;
    }
    for p in &c.people {
        w.write(
            &content.join(format!("contacts/people/{}.md", p.slug)),
            page(&person_yaml(p, c), &person_body(p, c)).as_bytes(),
        )?;
    }
    for cp in &c.campaigns {
        w.write(
            &content.join(format!("campaigns/{}.md", cp.slug)),
            page(&campaign_yaml(cp, c, false), &cp.body).as_bytes(),
        )?;
    }
    for g in &c.guides {
        w.write(&content.join(format!("guides/{}.md", g.slug)), page(&guide_yaml(g, c, false), &g.body).as_bytes())?;
    }
    for &a in &c.shared {
        let a = &c.attachments[a];
        w.write(&content.join("attachments").join(&a.file), &a.bytes)?;
    }
    for d in &c.directives {
        let text = page(&directive_yaml(d, c, false), &d.body);
        let attachment = &c.attachments[d.attachment];
        let year = content.join("directives").join(d.date.y.to_string());
        if attachment.shared {
            w.write(&year.join(format!("{}.md", d.slug)), text.as_bytes())?;
        } else {
            let bundle = year.join(&d.slug);
            w.write(&bundle.join("index.md"), text.as_bytes())?;
            w.write(&bundle.join(&attachment.file), &attachment.bytes)?;
        }
    }
    Ok((w.files, w.bytes))
}

/// loa's directive blocks as Hugo shortcodes.
fn hugo_body(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 64);
    for line in body.lines() {
        let trimmed = line.trim();
        if let Some(rest) = trimmed.strip_prefix(":::") {
            if rest.is_empty() {
                out.push_str("{{< /note >}}");
            } else {
                let _ = write!(out, "{{{{< {rest} >}}}}");
            }
        } else if let Some(rest) = trimmed.strip_prefix("::") {
            let (name, attrs) = rest.split_once('{').unwrap_or((rest, "}"));
            let attrs = attrs.trim_end_matches('}');
            // date=2024-06-30 what="…" → date="2024-06-30" what="…"
            let mut converted = String::new();
            let mut rest = attrs;
            while let Some((key, value)) = rest.split_once('=') {
                let (value, tail) = if let Some(quoted) = value.strip_prefix('"') {
                    let end = quoted.find('"').unwrap_or(quoted.len());
                    (&quoted[..end], quoted.get(end + 1..).unwrap_or(""))
                } else {
                    let end = value.find(' ').unwrap_or(value.len());
                    (&value[..end], &value[end..])
                };
                let _ = write!(converted, " {}=\"{}\"", key.trim(), value);
                rest = tail.trim_start();
            }
            let _ = write!(out, "{{{{< {name}{converted} >}}}}");
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

fn write_hugo(c: &Corpus, root: &Path) -> io::Result<(usize, u64)> {
    reset(root)?;
    let mut w = Writer::new();
    let mut rng = Rng::new(7);
    w.write(&root.join("hugo.toml"), hugo_config(c).as_bytes())?;
    for (name, text) in HUGO_LAYOUTS {
        w.write(&root.join("layouts").join(name), text.as_bytes())?;
    }
    let content = root.join("content");
    let index = |title: &str| format!("---\ntitle: {}\n---\n", q(title));
    w.write(&content.join("_index.md"), index("Cổng thông tin Thi đua – Sáng tạo (dữ liệu tổng hợp)").as_bytes())?;
    w.write(&content.join("directives/_index.md"), index("Văn bản").as_bytes())?;
    w.write(&content.join("guides/_index.md"), index("Hướng dẫn").as_bytes())?;
    w.write(&content.join("tep/_index.md"), index("Tài liệu đính kèm").as_bytes())?;
    w.write(&content.join("campaigns/_index.md"), index("Phong trào thi đua, hội thi").as_bytes())?;
    w.write(&content.join("contacts/_index.md"), index("Liên hệ").as_bytes())?;
    w.write(&content.join("tags/_index.md"), index("Chủ đề").as_bytes())?;
    // Organizations and people are the terms of the `contacts` taxonomy, campaigns the
    // terms of `campaigns`: their pages list the directives that name them.
    for o in &c.orgs {
        let yaml = format!("{}contact_kind: organization\nslug: {}\n", org_yaml(o, c), o.slug);
        w.write(
            &content.join(format!("contacts/{}/_index.md", o.slug)),
            page(&yaml, &org_body(o, &mut rng)).as_bytes(),
        )?;
    }
    for p in &c.people {
        let yaml = format!("{}contact_kind: person\noutputs: [html, vcard]\nslug: {}\n", person_yaml(p, c), p.slug);
        w.write(&content.join(format!("contacts/{}/_index.md", p.slug)), page(&yaml, &person_body(p, c)).as_bytes())?;
    }
    for cp in &c.campaigns {
        w.write(
            &content.join(format!("campaigns/{}/_index.md", cp.slug)),
            page(
                &format!("{}slug: {}\noutputs: [html, rss]\n", campaign_yaml(cp, c, true), cp.slug),
                &hugo_body(&cp.body),
            )
            .as_bytes(),
        )?;
    }
    for g in &c.guides {
        w.write(
            &content.join(format!("guides/{}.md", g.slug)),
            page(&guide_yaml(g, c, true), &hugo_body(&g.body)).as_bytes(),
        )?;
    }
    // Every attachment has its page, with the file beside it (as loa's /tep/<slug>/).
    for a in &c.attachments {
        let slug = slugify(a.file.trim_end_matches(".pdf"));
        let users: Vec<String> = a.users.iter().map(|&j| hugo_directive_path(&c.directives[j])).collect();
        let yaml = format!(
            "title: {}\nslug: {slug}\nfile: {}\nbytes: {}\nusers: [{}]\n",
            q(&a.title),
            a.file,
            a.bytes.len(),
            users.join(", ")
        );
        let bundle = content.join("tep").join(&slug);
        w.write(&bundle.join("index.md"), page(&yaml, "").as_bytes())?;
        w.write(&bundle.join(&a.file), &a.bytes)?;
    }
    for d in &c.directives {
        let text = page(&directive_yaml(d, c, true), &hugo_body(&d.body));
        w.write(&content.join(format!("directives/{}/{}.md", d.date.y, d.slug)), text.as_bytes())?;
    }
    Ok((w.files, w.bytes))
}

fn hugo_config(c: &Corpus) -> String {
    format!(
        r##"baseURL = "https://thidua.example.gov.vn/"
locale = "vi"
defaultContentLanguage = "vi"
title = "Cổng thông tin Thi đua – Sáng tạo (dữ liệu tổng hợp)"
# loa writes RSS and Atom feeds (home and each campaign), a sitemap, robots.txt and a search
# index: so does this site (RSS only: Hugo has no Atom format built in).
enableRobotsTXT = true
removePathAccents = true
capitalizeListTitles = false

[params]
build_date = "{BUILD_DATE}"
doc_types = {{ {} }}
organization = "{}"
description = "Cổng thông tin tổng hợp để đo hiệu năng"

[pagination]
pagerSize = 50
path = "trang"
# loa writes no redirect page for page 1 of a list.
disableAliases = true

[taxonomies]
tag = "tags"
campaign = "campaigns"
contact = "contacts"
year = "years"
doctype = "doctypes"
issuer = "issuers"

[permalinks.page]
directives = "/van-ban/:slug/"
guides = "/huong-dan/:slug/"
tep = "/tep/:slug/"

[permalinks.section]
directives = "/van-ban/"
guides = "/huong-dan/"
tep = "/tep/"

[permalinks.taxonomy]
tags = "/the/"
campaigns = "/phong-trao/"
contacts = "/lien-he/"
years = "/van-ban/nam/"
doctypes = "/van-ban/loai/"
issuers = "/van-ban/co-quan/"

[permalinks.term]
tags = "/the/:slug/"
campaigns = "/phong-trao/:slug/"
contacts = "/lien-he/:slug/"
years = "/van-ban/nam/:slug/"
doctypes = "/van-ban/loai/:slug/"
issuers = "/van-ban/co-quan/:slug/"

# loa writes a search index (tim-kiem/): the usual Hugo equivalent is one JSON file of
# every directive's fields and plain text, for a client-side search.
[outputFormats.search]
mediaType = "application/json"
baseName = "index"
path = "tim-kiem"
isPlainText = true
notAlternative = true

[outputs]
home = ["html", "rss", "search"]
section = ["html"]
taxonomy = ["html"]
term = ["html"]

[services.rss]
limit = 50

[mediaTypes."text/vcard"]
suffixes = ["vcf"]

[outputFormats.vcard]
mediaType = "text/vcard"
baseName = "index"
isPlainText = true
notAlternative = true

[markup.goldmark.extensions]
footnote = true
strikethrough = true
table = true
typographer = true

[markup.goldmark.parser]
autoHeadingID = true

[markup.goldmark.renderer]
unsafe = false
"##,
        DOC_TYPES.iter().map(|t| format!("{} = \"{}\"", t.0.replace('-', "_"), t.1)).collect::<Vec<_>>().join(", "),
        c.orgs[0].slug
    )
}

/// Hugo templates doing the work of loa's default theme.
const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "baseof.html",
        r##"<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} – {{ site.Title }}{{ end }}</title>
{{ with .Params.summary }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsHome }}website{{ else }}article{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:site_name" content="{{ site.Title }}">
<meta property="og:locale" content="vi_VN">
<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/loa.css">
</head>
<body class="page-{{ .Kind }}">
<a class="skip-link" href="#noi-dung">Bỏ qua, đến nội dung chính</a>
<header class="site-header"><div class="wrap">
<a class="site-title" href="/">{{ site.Title }}</a>
<nav aria-label="Chuyên mục chính"><ul class="nav">
<li><a href="/phong-trao/">Phong trào</a></li><li><a href="/van-ban/">Văn bản</a></li><li><a href="/huong-dan/">Hướng dẫn</a></li><li><a href="/lien-he/">Liên hệ</a></li><li><a href="/the/">Chủ đề</a></li>
</ul></nav></div></header>
<main id="noi-dung" tabindex="-1" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><div class="wrap">
<p>{{ site.Title }}{{ with site.GetPage (printf "/contacts/%s" site.Params.organization) }} – <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>
<p class="muted">Thông tin cập nhật đến {{ site.Params.build_date }}. Trang được tạo bởi Hugo.</p>
</div></footer>
</body>
</html>
"##,
    ),
    (
        "_partials/directive_item.html",
        r##"<li class="item directive-item">
  <a class="item-title" href="{{ .RelPermalink }}">{{ .Title }}</a>
  <p class="item-meta"><span class="doc-type">{{ index site.Params.doc_types (replace .Params.doc_type "-" "_") }}</span>{{ with .Params.number }} số <span class="doc-number">{{ . }}</span>{{ end }} · <time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time>{{ with site.GetPage (printf "/contacts/%s" .Params.issuer) }} · {{ .Title }}{{ end }}</p>
</li>
"##,
    ),
    (
        "_partials/campaign_card.html",
        r##"{{ $today := site.Params.build_date }}
<li class="card campaign-card">
  <p class="badges"><span class="status">{{ if gt .Params.start $today }}Sắp diễn ra{{ else if lt .Params.end (substr $today 0 7) }}Đã kết thúc{{ else }}Đang diễn ra{{ end }}</span> <span class="kind">{{ .Params.campaign_kind }}</span></p>
  <h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
  <p class="item-meta">Từ {{ .Params.start }} đến {{ .Params.end }}{{ with site.GetPage (printf "/contacts/%s" .Params.organizer) }} · {{ .Title }}{{ end }}</p>
  {{ with .Params.summary }}<p>{{ . }}</p>{{ end }}
</li>
"##,
    ),
    (
        "_partials/contact_card.html",
        r##"{{ with site.GetPage (printf "/contacts/%s" .) }}<li class="card contact-card">
  <h3 class="card-title"><a href="{{ .RelPermalink }}">{{ with .Params.honorific }}{{ . | strings.FirstUpper }} {{ end }}{{ .Title }}</a></h3>
  {{ with .Params.position }}<p>{{ . }}</p>{{ end }}
  {{ with site.GetPage (printf "/contacts/%s" (.Params.organization | default "")) }}<p><a href="{{ .RelPermalink }}">{{ .Title }}</a></p>{{ end }}
  {{ with .Params.phone }}<p>Điện thoại: <a href="tel:{{ replaceRE `[^0-9+]` "" . }}">{{ . }}</a></p>{{ end }}
  {{ with .Params.email }}<p><a href="mailto:{{ . }}">{{ . }}</a></p>{{ end }}
</li>{{ end }}
"##,
    ),
    (
        "_partials/attachment_row.html",
        r##"{{ $use := .use }}{{ with site.GetPage (printf "/tep/%s" .use.page) }}{{ $file := .Resources.Get .Params.file }}<li class="attachment"><a href="{{ .RelPermalink }}">{{ $use.title | default .Title }}</a>{{ with $use.number }} ({{ . }}){{ end }} <span class="attachment-meta">(PDF, {{ lang.FormatNumber 1 (div (float .Params.bytes) 1024) }} KB)</span> <a href="{{ $file.RelPermalink }}" download>Tải về</a></li>{{ end }}
"##,
    ),
    (
        "_partials/deadline_item.html",
        r##"{{ $today := time.AsTime site.Params.build_date }}{{ $d := time.AsTime (substr .date 0 10) }}{{ $days := div ($d.Sub $today).Hours 24 }}<li class="deadline{{ if lt $days 0 }} deadline-overdue{{ end }}"><time datetime="{{ .date }}">{{ $d.Format "02/01/2006" }}</time> {{ .what }}{{ with .source }} – <a href="{{ .url }}">{{ .title }}</a>{{ end }} <span class="deadline-status">({{ if lt $days 0 }}Đã hết hạn{{ else if eq $days 0.0 }}Hết hạn hôm nay{{ else }}Còn {{ $days }} ngày{{ end }})</span></li>
"##,
    ),
    (
        "_partials/facets.html",
        r##"<nav class="facets" aria-label="Lọc văn bản">
<h2>Theo năm</h2><ul>{{ range site.Taxonomies.years.Alphabetical.Reverse }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a></li>{{ end }}</ul>
<h2>Theo loại</h2><ul>{{ range site.Taxonomies.doctypes.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ index site.Params.doc_types (replace .Page.Title "-" "_") }}</a> ({{ .Count }})</li>{{ end }}</ul>
<h2>Theo cơ quan ban hành</h2><ul>{{ range site.Taxonomies.issuers.Alphabetical }}{{ $org := site.GetPage (printf "/contacts/%s" .Page.Title) }}<li><a href="{{ .Page.RelPermalink }}">{{ with $org }}{{ .Title }}{{ end }}</a> ({{ .Count }})</li>{{ end }}</ul>
<p><a href="/the/">Theo chủ đề</a> · <a href="/tep/">Tài liệu</a></p>
</nav>
"##,
    ),
    (
        "_partials/pagination.html",
        r##"{{ if gt .TotalPages 1 }}<nav class="pagination" aria-label="Phân trang">{{ if .HasPrev }}<a rel="prev" href="{{ .Prev.URL }}">← Trang trước</a>{{ end }} <span>Trang {{ .PageNumber }}/{{ .TotalPages }}</span> {{ if .HasNext }}<a rel="next" href="{{ .Next.URL }}">Trang sau →</a>{{ end }}</nav>{{ end }}
"##,
    ),
    (
        "_partials/directive_list.html",
        r##"<h1>{{ .page.Title }}</h1>
<div class="list-layout"><div>
{{ $pager := .page.Paginate .pages }}
<p class="muted">{{ len .pages }} văn bản</p>
<ul class="items">{{ range $pager.Pages }}{{ partial "directive_item.html" . }}{{ end }}</ul>
{{ partial "pagination.html" $pager }}
</div>
{{ partialCached "facets.html" . }}
</div>
"##,
    ),
    (
        "home.html",
        r##"{{ define "main" }}
{{ $today := site.Params.build_date }}
<h1>{{ site.Title }}</h1>
<p class="lead">{{ site.Params.description }}</p>
<section><h2>Phong trào, hội thi đang và sắp diễn ra</h2>
<ul class="cards">{{ range site.Taxonomies.campaigns }}{{ if ge .Page.Params.end (substr $today 0 7) }}{{ partial "campaign_card.html" .Page }}{{ end }}{{ end }}</ul>
<p><a href="/phong-trao/">Xem tất cả phong trào</a></p></section>
<section><h2>Thời hạn sắp tới</h2>
{{ $upcoming := slice }}
{{ range where site.RegularPages "Section" "directives" }}{{ $p := . }}{{ range .Params.deadlines }}{{ if ge .date $today }}{{ $upcoming = $upcoming | append (dict "date" .date "what" .what "source" (dict "title" $p.Title "url" $p.RelPermalink)) }}{{ end }}{{ end }}{{ end }}
<ul class="deadlines">{{ range first 8 (sort $upcoming "date") }}{{ partial "deadline_item.html" . }}{{ end }}</ul></section>
<section><h2>Văn bản mới</h2>
<ul class="items">{{ range first 10 (where site.RegularPages "Section" "directives").ByDate.Reverse }}{{ partial "directive_item.html" . }}{{ end }}</ul>
<p><a href="/van-ban/">Xem tất cả văn bản</a></p></section>
<section><h2>Hướng dẫn</h2>
<ul class="items">{{ range first 6 (where site.RegularPages "Section" "guides") }}<li class="item"><a class="item-title" href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></li>{{ end }}</ul></section>
{{ end }}
"##,
    ),
    (
        "directives/page.html",
        r##"{{ define "main" }}
{{ $issuer := site.GetPage (printf "/contacts/%s" .Params.issuer) }}
{{ $party := and $issuer (eq $issuer.Params.system "party") }}
<article class="directive" aria-labelledby="trich-yeu">
  <div class="doc-header">
    <div class="doc-issuer">
      {{ with $issuer }}{{ with .Params.parent }}{{ with site.GetPage (printf "/contacts/%s" .) }}<p class="doc-parent">{{ upper .Title }}</p>{{ end }}{{ end }}
      <p class="doc-issuer-name"><a href="{{ .RelPermalink }}">{{ upper .Title }}</a></p>{{ end }}
      <p class="doc-number-line">Số{{ if not $party }}:{{ end }} <span data-field="number">{{ .Params.number }}</span></p>
      {{ if eq .Params.doc_type "cong-van" }}<p class="doc-subject-short">V/v {{ .Title }}</p>{{ end }}
    </div>
    <div class="doc-motto">
      <p class="motto">{{ if $party }}ĐẢNG CỘNG SẢN VIỆT NAM{{ else }}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM{{ end }}</p>
      {{ if not $party }}<p class="motto-sub">Độc lập - Tự do - Hạnh phúc</p>{{ end }}
      <p class="doc-place-date">{{ with .Params.place }}{{ . }}, {{ end }}<time datetime="{{ .Params.date_text }}">ngày {{ .Date.Format "02" }} tháng {{ .Date.Month | int }} năm {{ .Date.Year }}</time></p>
    </div>
  </div>
  {{ with .Params.urgency }}<p class="urgency">{{ upper . }}</p>{{ end }}
  <h1 id="trich-yeu" class="doc-title"><span class="doc-type-name">{{ index site.Params.doc_types (replace .Params.doc_type "-" "_") }}</span> <span data-field="title">{{ .Title }}</span></h1>
  {{ with .Params.recipients }}<div class="recipients"><p><strong>Kính gửi:</strong></p>{{ if eq (len .) 1 }}<p>{{ index . 0 }}</p>{{ else }}<ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}</div>{{ end }}
  <div class="doc-body prose">{{ .Content }}</div>
  <div class="doc-footer">
    {{ with .Params.distribution }}<div class="distribution"><p><strong><em>Nơi nhận:</em></strong></p><ul>{{ range . }}<li>{{ . }}</li>{{ end }}</ul></div>{{ end }}
    {{ with .Params.signer }}<div class="signer">{{ with .authority }}<p class="signer-authority">{{ . }} {{ upper $.Params.signer.body }}</p>{{ end }}<p class="signer-position">{{ upper .position }}</p><p class="signer-signature" aria-hidden="true">(đã ký)</p><p class="signer-name">{{ .name }}</p></div>{{ end }}
  </div>
</article>
<aside class="doc-aside" aria-label="Thông tin văn bản">
  <h2>Thông tin văn bản</h2>
  <dl class="facts">
    {{ range .GetTerms "doctypes" }}<dt>Loại văn bản</dt><dd><a href="{{ .RelPermalink }}">{{ index site.Params.doc_types (replace .Title "-" "_") }}</a></dd>{{ end }}
    <dt>Số, ký hiệu</dt><dd>{{ .Params.number }}</dd>
    <dt>Ngày ban hành</dt><dd>ngày {{ .Date.Day }} tháng {{ .Date.Month | int }} năm {{ .Date.Year }}</dd>
    {{ with $issuer }}<dt>Cơ quan ban hành</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}
    <dt>Phong trào</dt><dd><ul class="inline">{{ range .GetTerms "campaigns" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></dd>
    <dt>Chủ đề</dt><dd><ul class="inline">{{ range .GetTerms "tags" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></dd>
  </dl>
  {{ with .Params.deadlines }}<h2>Thời hạn</h2><ul class="deadlines">{{ range . }}{{ partial "deadline_item.html" . }}{{ end }}</ul>{{ end }}
  {{ with .Params.attachments }}<h2>Tài liệu kèm theo</h2><ul class="attachments">{{ range . }}{{ partial "attachment_row.html" (dict "use" .) }}{{ end }}</ul>{{ end }}
  {{ with .Params.references }}<h2>Căn cứ</h2><ul class="references">{{ range . }}{{ $cited := "" }}{{ with .path }}{{ $cited = site.GetPage . }}{{ end }}<li>{{ with $cited }}<a href="{{ .RelPermalink }}">{{ end }}Số {{ .number }} ngày {{ .date }}{{ with $cited }}</a>{{ end }} của {{ .issuer }}: {{ .title }}</li>{{ end }}</ul>{{ end }}
  {{ with .Params.cited_by }}<h2>Văn bản dẫn chiếu</h2><ul class="items">{{ range . }}{{ with site.GetPage . }}{{ partial "directive_item.html" . }}{{ end }}{{ end }}</ul>{{ end }}
  {{ with .Params.contacts }}<h2>Đầu mối liên hệ</h2><ul class="cards">{{ range . }}{{ partial "contact_card.html" . }}{{ end }}</ul>{{ end }}
</aside>
{{ end }}
"##,
    ),
    (
        "page.html",
        r##"{{ define "main" }}
<article class="guide">
<h1>{{ .Title }}</h1>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
<p>Phong trào: {{ range .GetTerms "campaigns" }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</p>
<div class="prose">{{ .Content }}</div>
{{ with .Params.contacts }}<h2>Liên hệ</h2><ul class="cards">{{ range . }}{{ partial "contact_card.html" . }}{{ end }}</ul>{{ end }}
<p class="tags">Chủ đề: {{ range .GetTerms "tags" }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}</p>
</article>
{{ end }}
"##,
    ),
    (
        "tep/page.html",
        r##"{{ define "main" }}
{{ $file := .Resources.Get .Params.file }}
<h1>{{ .Title }}</h1>
<dl class="facts"><dt>Tệp</dt><dd><a href="{{ $file.RelPermalink }}" download>{{ .Params.file }}</a> (PDF, {{ .Params.bytes }} B)</dd></dl>
<h2>Văn bản sử dụng tệp này</h2>
<ul class="items">{{ range .Params.users }}{{ with site.GetPage . }}{{ partial "directive_item.html" . }}{{ end }}{{ end }}</ul>
{{ end }}
"##,
    ),
    (
        "tep/section.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ul class="attachments">{{ range $pager.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ .Params.bytes }} B)</li>{{ end }}</ul>
{{ partial "pagination.html" $pager }}
{{ end }}
"##,
    ),
    (
        "section.html",
        r##"{{ define "main" }}
{{ if eq .Section "directives" }}
{{ partial "directive_list.html" (dict "page" . "pages" .Pages) }}
{{ else }}
<h1>{{ .Title }}</h1>
<ul class="items">{{ range .Pages }}<li class="item"><a class="item-title" href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></li>{{ end }}</ul>
{{ end }}
{{ end }}
"##,
    ),
    (
        "term.html",
        r##"{{ define "main" }}
{{ $directives := where .Pages "Section" "directives" }}
{{ if eq (.Paginate $directives).PageNumber 1 }}{{ with where .Pages "Section" "campaigns" }}<h2>Phong trào</h2><ul class="cards">{{ range . }}{{ partial "campaign_card.html" . }}{{ end }}</ul>{{ end }}{{ end }}
{{ partial "directive_list.html" (dict "page" . "pages" $directives) }}
{{ end }}
"##,
    ),
    (
        "taxonomy.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul class="tag-cloud">{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <span class="muted">({{ .Count }})</span></li>{{ end }}</ul>
{{ end }}
"##,
    ),
    (
        "campaigns/taxonomy.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ $pager := .Paginate .Pages }}
<ul class="cards">{{ range $pager.Pages }}{{ partial "campaign_card.html" . }}{{ end }}</ul>
{{ partial "pagination.html" $pager }}
{{ end }}
"##,
    ),
    (
        "campaigns/term.html",
        r##"{{ define "main" }}
<article class="campaign">
<p class="badges"><span class="kind">{{ .Params.campaign_kind }}</span></p>
<h1>{{ .Title }}</h1>
<p class="item-meta">Từ {{ .Params.start }} đến {{ .Params.end }}{{ with site.GetPage (printf "/contacts/%s" .Params.organizer) }} · Cơ quan chủ trì: <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>
<p class="lead">{{ .Params.summary }}</p>
{{ with .Params.fields }}<p><strong>Lĩnh vực:</strong> {{ delimit . ", " }}</p>{{ end }}
{{ $directives := (where .Pages "Section" "directives").ByDate.Reverse }}
<section><h2>Tiến độ và thời hạn</h2>
<ol class="timeline">{{ range .Params.phases }}<li class="phase"><span class="phase-name">{{ .name }}</span> <span class="phase-when">{{ .date }}{{ .start }} {{ .end }}</span></li>{{ end }}</ol>
<ul class="deadlines">{{ range $directives }}{{ $p := . }}{{ range .Params.deadlines }}{{ partial "deadline_item.html" (merge . (dict "source" (dict "title" $p.Title "url" $p.RelPermalink))) }}{{ end }}{{ end }}</ul>
</section>
<div class="prose">{{ .Content }}</div>
<section><h2>Văn bản của phong trào</h2>
<ul class="items">{{ range $directives }}{{ partial "directive_item.html" . }}{{ end }}</ul></section>
<section><h2>Hướng dẫn</h2><ul class="items">{{ range where .Pages "Section" "guides" }}<li class="item"><a class="item-title" href="{{ .RelPermalink }}">{{ .Title }}</a><p>{{ .Params.summary }}</p></li>{{ end }}</ul></section>
<section><h2>Tài liệu</h2><ul class="attachments">{{ $seen := dict }}{{ range $directives }}{{ range .Params.attachments }}{{ if not (index $seen .page) }}{{ $seen = merge $seen (dict .page true) }}{{ partial "attachment_row.html" (dict "use" .) }}{{ end }}{{ end }}{{ end }}</ul></section>
{{ with .Params.contacts }}<section><h2>Liên hệ</h2><ul class="cards">{{ range . }}{{ partial "contact_card.html" . }}{{ end }}</ul></section>{{ end }}
<p class="tags">Chủ đề: {{ range .Params.tags }}<a href="/the/{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>
</article>
{{ end }}
"##,
    ),
    (
        "contacts/taxonomy.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<h2>Cơ quan, đơn vị</h2><ul class="cards">{{ range where .Pages "Params.contact_kind" "organization" }}{{ partial "contact_card.html" .File.ContentBaseName }}{{ end }}</ul>
<h2>Người liên hệ</h2><ul class="cards">{{ range where .Pages "Params.contact_kind" "person" }}{{ partial "contact_card.html" .File.ContentBaseName }}{{ end }}</ul>
{{ end }}
"##,
    ),
    (
        "contacts/term.html",
        r##"{{ define "main" }}
{{ $slug := .File.ContentBaseName }}
<article class="contact">
<h1>{{ with .Params.honorific }}{{ . | strings.FirstUpper }} {{ end }}{{ .Title }}</h1>
{{ with .Params.position }}<p>{{ . }}</p>{{ end }}
<dl class="facts">
{{ with .Params.abbr }}<dt>Viết tắt</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.address }}<dt>Địa chỉ</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.phone }}<dt>Điện thoại</dt><dd><a href="tel:{{ replaceRE `[^0-9+]` "" . }}">{{ . }}</a></dd>{{ end }}
{{ with .Params.email }}<dt>Thư điện tử</dt><dd><a href="mailto:{{ . }}">{{ . }}</a></dd>{{ end }}
{{ with .Params.website }}<dt>Trang web</dt><dd><a href="{{ . }}">{{ . }}</a></dd>{{ end }}
{{ with .Params.parent }}{{ with site.GetPage (printf "/contacts/%s" .) }}<dt>Trực thuộc</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
{{ with .Params.organization }}{{ with site.GetPage (printf "/contacts/%s" .) }}<dt>Cơ quan</dt><dd><a href="{{ .RelPermalink }}">{{ .Title }}</a></dd>{{ end }}{{ end }}
</dl>
<div class="prose">{{ .Content }}</div>
{{ if eq .Params.contact_kind "organization" }}
<h2>Người liên hệ</h2><ul class="cards">{{ range where site.Taxonomies.contacts "Page.Params.organization" $slug }}{{ partial "contact_card.html" .Page.File.ContentBaseName }}{{ end }}</ul>
<h2>Văn bản đã ban hành</h2>
{{ with index site.Taxonomies.issuers $slug }}<ul class="items">{{ range first 50 .Pages.ByDate.Reverse }}{{ partial "directive_item.html" . }}{{ end }}</ul><p><a href="/van-ban/co-quan/{{ $slug }}/">Tất cả {{ .Count }} văn bản</a></p>{{ end }}
<h2>Phong trào chủ trì</h2><ul class="cards">{{ range site.Taxonomies.campaigns }}{{ if eq .Page.Params.organizer $slug }}{{ partial "campaign_card.html" .Page }}{{ end }}{{ end }}</ul>
{{ end }}
<h2>Đầu mối liên hệ của</h2>
<ul class="items">{{ range where .Pages "Section" "directives" }}{{ partial "directive_item.html" . }}{{ end }}</ul>
<ul class="items">{{ range where .Pages "Section" "guides" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
</article>
{{ end }}
"##,
    ),
    (
        "contacts/term.vcard.vcf",
        r##"BEGIN:VCARD
VERSION:3.0
FN:{{ .Title }}
{{ with .Params.position }}TITLE:{{ . }}
{{ end }}{{ with .Params.phone }}TEL;TYPE=WORK,VOICE:{{ . }}
{{ end }}{{ with .Params.email }}EMAIL;TYPE=INTERNET:{{ . }}
{{ end }}URL:{{ .Permalink }}
END:VCARD
"##,
    ),
    (
        "home.search.json",
        r##"[{{ range $i, $p := where site.RegularPages "Section" "directives" }}{{ if $i }},
{{ end }}{{ dict "title" .Title "url" .RelPermalink "number" .Params.number "date" (.Date.Format "2006-01-02") "issuer" .Params.issuer "type" .Params.doc_type "tags" .Params.tags "summary" .Params.summary "text" .Plain | jsonify }}{{ end }}]
"##,
    ),
    (
        "404.html",
        r##"{{ define "main" }}<h1>Không tìm thấy trang</h1><p><a href="/">Về trang chủ</a></p>{{ end }}
"##,
    ),
    (
        "_shortcodes/note.html",
        r##"<aside class="callout callout-note"><p class="callout-title">Lưu ý</p>{{ .Inner | .Page.RenderString (dict "display" "block") }}</aside>"##,
    ),
    (
        "_shortcodes/warning.html",
        r##"<aside class="callout callout-warning"><p class="callout-title">Chú ý</p>{{ .Inner | .Page.RenderString (dict "display" "block") }}</aside>"##,
    ),
    (
        "_shortcodes/deadline.html",
        r##"{{ $today := time.AsTime site.Params.build_date }}{{ $d := time.AsTime (substr (.Get "date") 0 10) }}{{ $days := div ($d.Sub $today).Hours 24 }}<p class="deadline-block"><strong>Thời hạn:</strong> <time datetime="{{ .Get "date" }}">ngày {{ $d.Day }} tháng {{ $d.Month | int }} năm {{ $d.Year }}</time> – {{ .Get "what" }} <span class="deadline-status">({{ if lt $days 0 }}Đã hết hạn{{ else }}Còn {{ $days }} ngày{{ end }})</span></p>"##,
    ),
    (
        "_shortcodes/contact.html",
        r##"{{ with site.GetPage (printf "/contacts/%s" (.Get "ref")) }}<div class="contact-block"><p><strong>Liên hệ:</strong> <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ with .Params.position }}, {{ . }}{{ end }}{{ with .Params.phone }} – Điện thoại: {{ . }}{{ end }}{{ with .Params.email }} – <a href="mailto:{{ . }}">{{ . }}</a>{{ end }}</p></div>{{ end }}"##,
    ),
    (
        "_shortcodes/attachment.html",
        r##"{{ with site.GetPage (printf "/tep/%s" (.Get "ref")) }}{{ $file := .Resources.Get .Params.file }}<p class="attachment-block"><a href="{{ .RelPermalink }}">{{ .Title }}</a> <span class="attachment-meta">(PDF, {{ .Params.bytes }} B)</span> <a href="{{ $file.RelPermalink }}" download>Tải về</a></p>{{ end }}"##,
    ),
];
