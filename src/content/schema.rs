//! The front-matter fields of each content kind, described once for the people who fill them
//! in: `loa new` writes its skeleton (values and Vietnamese comments) from this table, and the
//! web editor's `config.yml` (`crate::cms`) makes its widgets and help texts from it. The
//! loader's lists of known fields must match it (a test in `load` checks every kind and
//! every nested group), so a field added to the model without a description fails the tests.

use super::model::{CAMPAIGN_KINDS, DOC_TYPES, Kind, OrgSystem, Urgency};

/// How a field's value is written, which is also how the web editor asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Widget {
    /// One line of text.
    Text,
    /// A paragraph (summaries).
    LongText,
    /// A date: `YYYY-MM-DD`, or `YYYY-MM` when the document leaves the day blank.
    Date,
    /// A moment in Vietnam time: `YYYY-MM-DDTHH:MM`, or a date alone.
    Moment,
    /// `true` or `false`.
    Bool,
    /// One value of a controlled list.
    Select(Choices),
    /// Several values of a controlled list.
    MultiSelect(Choices),
    /// The slug of another content file.
    Ref(Target),
    /// Slugs of other content files.
    Refs(Target),
    /// A list of lines of text.
    TextList,
    /// A group of fields.
    Object(&'static [Field]),
    /// A list of groups of fields.
    List(&'static [Field]),
    /// A file's name, the file stored beside the page (its bundle).
    File,
}

/// The controlled lists of values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    DocType,
    CampaignKind,
    Urgency,
    System,
    /// The lĩnh vực of `site.yaml`'s `fields:`.
    SiteFields,
    /// Values written as they are.
    Fixed(&'static [&'static str]),
}

impl Choices {
    /// (value, label) pairs; `SiteFields` has none here (they come from `site.yaml`).
    pub fn options(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Choices::DocType => DOC_TYPES.iter().map(|(slug, name, _)| (*slug, *name)).collect(),
            Choices::CampaignKind => CAMPAIGN_KINDS.to_vec(),
            Choices::Urgency => {
                Urgency::SLUGS.iter().zip(["Khẩn", "Thượng khẩn", "Hỏa tốc"]).map(|(s, n)| (*s, n)).collect()
            }
            Choices::System => OrgSystem::SLUGS
                .iter()
                .zip(["Cơ quan nhà nước", "Tổ chức Đảng", "Đoàn thể, hội"])
                .map(|(s, n)| (*s, n))
                .collect(),
            Choices::SiteFields => Vec::new(),
            Choices::Fixed(values) => values.iter().map(|v| (*v, *v)).collect(),
        }
    }
}

/// What a reference names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Campaign,
    Directive,
    Organization,
    Person,
    /// A person or an organization (they share one namespace).
    Contact,
}

/// What `loa new` writes for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skeleton {
    /// Nothing: an optional field the staff rarely need.
    Omit,
    /// `key: value   # help` (`{title}` and `{today}` are filled in); an empty value writes
    /// `key:` (an object then lists its own fields below it).
    Value(&'static str),
    /// The line commented out, under a heading: a field to uncomment when needed.
    Commented(&'static str),
}

/// One front-matter field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    /// What it means, in Vietnamese, for `loa new`'s comment and the editor's hint.
    pub help: &'static str,
    pub widget: Widget,
    pub required: bool,
    pub skeleton: Skeleton,
}

const fn field(key: &'static str, help: &'static str, widget: Widget, skeleton: Skeleton) -> Field {
    Field { key, help, widget, required: false, skeleton }
}

const fn required(key: &'static str, help: &'static str, widget: Widget, skeleton: Skeleton) -> Field {
    Field { key, help, widget, required: true, skeleton }
}

use Skeleton::{Commented, Omit, Value};
use Widget::*;

const DRAFT: Field = field("draft", "bản nháp: true thì chưa đăng", Bool, Omit);
const PUBLISH: Field =
    field("publish", "hẹn giờ đăng: YYYY-MM-DDTHH:MM (giờ Việt Nam); bỏ trống để đăng ngay", Moment, Omit);
const SHORT: Field = field("short", "mã ngắn cho liên kết QR: 3–12 chữ cái và chữ số", Text, Omit);
const ALIASES: Field =
    field("aliases", "tên tệp hoặc đường dẫn cũ của trang đã đổi tên (để chuyển hướng)", TextList, Omit);
const TAGS: Field = field("tags", "chủ đề", TextList, Value("[]"));
const SUMMARY: Field = field("summary", "tóm tắt một đoạn", LongText, Value("\"\""));

/// A file attached to a page: in its bundle folder, else under `content/attachments/`.
pub const ATTACHMENT: &[Field] = &[
    required("file", "tên tệp (PDF, DOCX…) đặt cạnh trang", File, Omit),
    field("title", "tên tài liệu", Text, Omit),
    field("number", "số, ký hiệu của tài liệu (nếu có)", Text, Omit),
];
const ATTACHMENTS: Field =
    field("attachments", "tài liệu kèm theo, mỗi mục: - file: ten-tep.pdf / title: …", List(ATTACHMENT), Value("[]"));

/// A deadline of a directive.
pub const DEADLINE: &[Field] = &[
    required("date", "hạn: YYYY-MM-DD, hoặc YYYY-MM-DDTHH:MM khi có giờ", Moment, Omit),
    required("what", "việc phải làm trước hạn", Text, Omit),
];

/// A document a directive cites (căn cứ), written as it reads.
pub const REFERENCE: &[Field] = &[
    field("number", "số, ký hiệu", Text, Omit),
    field("date", "ngày ban hành", Date, Omit),
    field("issuer", "cơ quan ban hành (ghi đầy đủ tên)", Text, Omit),
    field("title", "trích yếu", Text, Omit),
];

/// The signature block of a directive.
pub const SIGNER: &[Field] = &[
    field(
        "authority",
        "quyền hạn ký: TM., KT., TL. (Nhà nước) hoặc T/M, K/T, T/L (Đảng); bỏ trống nếu cấp trưởng ký",
        Text,
        Value("\"\""),
    ),
    field("body", "tập thể hoặc chức vụ cấp trưởng, ví dụ \"Ban Thường vụ\", \"Giám đốc\"", Text, Value("\"\"")),
    field("position", "chức vụ người ký", Text, Value("\"\"")),
    field("name", "họ và tên", Text, Value("\"\"")),
];

/// A withdrawal (thu hồi, bãi bỏ).
pub const WITHDRAWN: &[Field] = &[
    required("date", "ngày thu hồi, bãi bỏ", Date, Omit),
    field("reason", "lý do", Text, Omit),
    field("replaced_by", "văn bản thay thế (tên tệp)", Ref(Target::Directive), Omit),
];

/// A deadline moved by an extension.
pub const MOVE: &[Field] = &[required("was", "hạn cũ", Moment, Omit), required("now", "hạn mới", Moment, Omit)];

/// An extension (gia hạn) of another directive's deadlines.
pub const EXTENDS: &[Field] = &[
    required("ref", "văn bản được gia hạn (tên tệp)", Ref(Target::Directive), Omit),
    required("deadlines", "các hạn được dời", List(MOVE), Omit),
];

/// The fields of a directive.
pub const DIRECTIVE: &[Field] = &[
    required("title", "trích yếu (phần sau \"V/v\")", Text, Value("{title}")),
    required(
        "doc_type",
        "tên loại: cong-van, ke-hoach, thong-bao, quyet-dinh, huong-dan, the-le, bao-cao…",
        Select(Choices::DocType),
        Value("cong-van"),
    ),
    field(
        "number",
        "số, ký hiệu, ví dụ \"1338-CV/ĐUK\", hoặc \"/KH-UBND\" khi văn bản chưa có số",
        Text,
        Value("\"\""),
    ),
    field("number_blank", "true khi bản gốc để trống số (chỉ ghi \"/KH-UBND\" ở trên)", Bool, Value("false")),
    field(
        "issuer",
        "cơ quan ban hành (tên tệp trong content/contacts/organizations)",
        Ref(Target::Organization),
        Value(""),
    ),
    field("place", "địa danh", Text, Value("\"\"")),
    field("date", "ngày ban hành (YYYY-MM-DD; YYYY-MM khi văn bản để trống ngày)", Date, Value("{today}")),
    field("campaigns", "thuộc phong trào nào (tên tệp trong content/campaigns)", Refs(Target::Campaign), Value("[]")),
    field("recipients", "Kính gửi", TextList, Value("[]")),
    field("references", "căn cứ, mỗi mục: - number: … / date: … / issuer: … / title: …", List(REFERENCE), Value("[]")),
    ATTACHMENTS,
    field("deadlines", "thời hạn, mỗi mục: - date: YYYY-MM-DD / what: …", List(DEADLINE), Value("[]")),
    field("effective", "ngày có hiệu lực: YYYY-MM-DD, hoặc \"kể từ ngày ký\"", Text, Value("kể từ ngày ký")),
    field("expires", "ngày hết hiệu lực (ngày đầu tiên không còn áp dụng)", Date, Omit),
    field(
        "fields",
        "lĩnh vực (slug trong danh sách fields: của site.yaml)",
        MultiSelect(Choices::SiteFields),
        Value("[]"),
    ),
    field("contacts", "đầu mối liên hệ", Refs(Target::Contact), Value("[]")),
    field("signer", "người ký", Object(SIGNER), Value("")),
    field("distribution", "Nơi nhận", TextList, Value("[]")),
    field("urgency", "độ khẩn: khan, thuong-khan, hoa-toc; bỏ trống nếu không khẩn", Select(Choices::Urgency), Omit),
    field(
        "confidentiality",
        "độ mật: chỉ \"none\" (không mật); văn bản mật không bao giờ được đăng",
        Select(Choices::Fixed(&["none"])),
        Omit,
    ),
    field(
        "circulation",
        "phạm vi lưu hành: chỉ \"public\" (công khai); văn bản lưu hành nội bộ không được đăng",
        Select(Choices::Fixed(&["public"])),
        Omit,
    ),
    SUMMARY,
    TAGS,
    DRAFT,
    PUBLISH,
    field("withdrawn", "thu hồi, bãi bỏ: ngày, lý do, văn bản thay thế", Object(WITHDRAWN), Omit),
    SHORT,
    ALIASES,
    field("amends", "sửa đổi, bổ sung", Refs(Target::Directive), Commented("ten-tep-van-ban-cu")),
    field("replaces", "thay thế", Refs(Target::Directive), Commented("ten-tep-van-ban-cu")),
    field("corrects", "đính chính", Refs(Target::Directive), Commented("ten-tep-van-ban-cu")),
    field(
        "extends",
        "gia hạn thời hạn",
        Object(EXTENDS),
        Commented("{ref: ten-tep-van-ban-cu, deadlines: [{was: YYYY-MM-DD, now: YYYY-MM-DD}]}"),
    ),
];

/// A phase of a campaign.
pub const PHASE: &[Field] = &[
    required("name", "tên giai đoạn", Text, Omit),
    field("date", "ngày (giai đoạn một ngày)", Date, Omit),
    field("start", "ngày bắt đầu", Date, Omit),
    field("end", "ngày kết thúc", Date, Omit),
];

/// A place where posters or flyers of one print run hang (its QR code carries `?n=<slug>`).
pub const PLACEMENT: &[Field] = &[
    required("slug", "mã nơi đặt: chữ thường không dấu, số và dấu gạch, ví dụ cho-huyen", Text, Omit),
    required("name", "tên nơi đặt, in nhỏ dưới mã QR", Text, Omit),
];

/// The placements of a page's posters and flyers.
const PLACEMENTS: Field =
    field("placements", "nơi dán áp phích, tờ rơi (mỗi nơi một mã QR riêng để đếm lượt quét)", List(PLACEMENT), Omit);

/// The fields of a campaign.
pub const CAMPAIGN: &[Field] = &[
    required("title", "tên phong trào, hội thi", Text, Value("{title}")),
    field(
        "kind",
        "loại: hoi-thi, thi-dua-thuong-xuyen, thi-dua-theo-dot, thi-dua-chuyen-de",
        Select(Choices::CampaignKind),
        Value("hoi-thi"),
    ),
    field(
        "organizer",
        "cơ quan chủ trì (tên tệp trong content/contacts/organizations, không có .md)",
        Ref(Target::Organization),
        Value(""),
    ),
    field("start", "ngày bắt đầu (YYYY-MM-DD, hoặc YYYY-MM)", Date, Value("{today}")),
    field("end", "ngày kết thúc", Date, Value("")),
    field(
        "phases",
        "các giai đoạn: phát động, nhận hồ sơ, chấm, tổng kết, khen thưởng",
        List(PHASE),
        Value("\n  - name: Phát động\n    date: {today}"),
    ),
    field("fields", "lĩnh vực", TextList, Value("[]")),
    field("contacts", "đầu mối liên hệ (tên tệp người hoặc cơ quan)", Refs(Target::Contact), Value("[]")),
    SUMMARY,
    field("cover", "ảnh bìa, đặt cạnh trang", File, Omit),
    field("cover_alt", "mô tả ảnh bìa cho người không xem được ảnh", Text, Omit),
    SHORT,
    ALIASES,
    field("attachments", "tài liệu kèm theo", List(ATTACHMENT), Omit),
    PLACEMENTS,
    TAGS,
    DRAFT,
    PUBLISH,
];

/// The fields of a guide.
pub const GUIDE: &[Field] = &[
    required("title", "tên hướng dẫn", Text, Value("{title}")),
    field("campaigns", "thuộc phong trào nào", Refs(Target::Campaign), Value("[]")),
    SUMMARY,
    SHORT,
    ALIASES,
    field("attachments", "biểu mẫu kèm theo", List(ATTACHMENT), Value("[]")),
    field("contacts", "đầu mối liên hệ", Refs(Target::Contact), Value("[]")),
    field("tags", "chủ đề", TextList, Omit),
    PLACEMENTS,
    DRAFT,
    PUBLISH,
];

/// The fields of an organization.
pub const ORGANIZATION: &[Field] = &[
    required("title", "tên cơ quan, đơn vị", Text, Value("{title}")),
    field("abbr", "tên viết tắt dùng trong ký hiệu văn bản", Text, Value("\"\"")),
    field(
        "system",
        "state (cơ quan nhà nước), party (tổ chức Đảng), mass (đoàn thể, hội)",
        Select(Choices::System),
        Value("state"),
    ),
    field("parent", "cơ quan cấp trên (tên tệp)", Ref(Target::Organization), Value("")),
    field("place", "địa danh ghi trên văn bản", Text, Omit),
    field("address", "địa chỉ", Text, Value("\"\"")),
    field("phone", "điện thoại, trong dấu ngoặc kép", Text, Value("\"\"")),
    field("email", "thư điện tử", Text, Value("\"\"")),
    field("website", "trang thông tin, bắt đầu bằng https://", Text, Value("\"\"")),
    field("valid_from", "ngày thành lập (khi cơ quan mới lập, sáp nhập)", Date, Omit),
    field("valid_to", "ngày giải thể, sáp nhập", Date, Omit),
    field("predecessors", "cơ quan tiền thân (tên tệp)", Refs(Target::Organization), Omit),
];

/// The fields of a person.
pub const PERSON: &[Field] = &[
    required("title", "họ và tên", Text, Value("{title}")),
    field("honorific", "ông hoặc bà", Select(Choices::Fixed(&["ông", "bà"])), Value("\"\"")),
    field("position", "chức vụ", Text, Value("\"\"")),
    field(
        "organization",
        "cơ quan (tên tệp trong content/contacts/organizations)",
        Ref(Target::Organization),
        Value(""),
    ),
    field("phone", "điện thoại, luôn trong dấu ngoặc kép, ví dụ \"094.2200.232\"", Text, Value("\"\"")),
    field("email", "thư điện tử", Text, Value("\"\"")),
];

/// A prize level of a contest.
pub const LEVEL: &[Field] = &[
    required("slug", "mã giải, ví dụ dac-biet", Text, Omit),
    required("name", "tên giải, ví dụ Giải Đặc biệt", Text, Omit),
    field("name_en", "tên giải tiếng Anh", Text, Omit),
];

/// An author of a winning entry: a name, or a person of the portal.
pub const AUTHOR: &[Field] = &[
    field("name", "họ và tên", Text, Omit),
    field("person", "người có trang liên hệ (tên tệp)", Ref(Target::Person), Omit),
];

/// A winning entry.
pub const ENTRY: &[Field] = &[
    required("title", "tên giải pháp", Text, Value("\"\"")),
    field(
        "authors",
        "tác giả: [Họ và tên, Họ và tên], hoặc - {name: …, person: ten-tep} khi người có trang liên hệ",
        List(AUTHOR),
        Value("[]"),
    ),
    field("unit", "đơn vị", Text, Value("\"\"")),
    field("field", "lĩnh vực (slug trong fields: của site.yaml)", Select(Choices::SiteFields), Value("\"\"")),
    required("level", "mức giải: nhat, nhi, ba, khuyen-khich hoặc mã trong levels", Text, Value("nhat")),
    field("attachments", "tài liệu kèm theo", List(ATTACHMENT), Omit),
];

/// The fields of a result file (an award decision's winners).
pub const RESULT: &[Field] = &[
    required("title", "tên kết quả", Text, Value("{title}")),
    field("campaign", "hội thi (tên tệp; mặc định là thư mục chứa tệp)", Ref(Target::Campaign), Omit),
    field(
        "decision",
        "quyết định khen thưởng (tên tệp văn bản trong content/directives, không có .md)",
        Ref(Target::Directive),
        Value(""),
    ),
    field("levels", "các mức giải; mặc định nhat, nhi, ba, khuyen-khich", List(LEVEL), Omit),
    field("entries", "các giải pháp đạt giải, mỗi giải pháp một mục bắt đầu bằng - title:", List(ENTRY), Value("")),
    SUMMARY,
    DRAFT,
    PUBLISH,
];

/// The fields of a kind's front matter, in the order `loa new` writes them.
pub fn fields(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Campaign => CAMPAIGN,
        Kind::Directive => DIRECTIVE,
        Kind::Guide => GUIDE,
        Kind::Organization => ORGANIZATION,
        Kind::Person => PERSON,
        Kind::Result => RESULT,
    }
}

/// The fields of a group or of the items of a list (`signer`, `deadlines`…).
pub fn nested(field: &Field) -> Option<&'static [Field]> {
    match field.widget {
        Object(fields) | List(fields) => Some(fields),
        _ => None,
    }
}

/// The front matter `loa new` writes for a kind: each field of the table marked for the
/// skeleton, with its help as a comment; the commented-out ones last, under a heading.
pub fn skeleton(kind: Kind) -> String {
    let mut out = String::from("---\n");
    write_fields(&mut out, fields(kind), "");
    let commented: Vec<&Field> = fields(kind).iter().filter(|f| matches!(f.skeleton, Commented(_))).collect();
    if !commented.is_empty() {
        out.push_str(
            "# Văn bản này tác động đến văn bản trước (bỏ dấu # ở dòng cần dùng; tên tệp, hoặc {number: …} nếu văn bản không có trên cổng):\n",
        );
        for field in commented {
            if let Commented(value) = field.skeleton {
                out.push_str(&format!("# {}: {value}   # {}\n", field.key, field.help));
            }
        }
    }
    out.push_str("---\n");
    out
}

fn write_fields(out: &mut String, fields: &[Field], indent: &str) {
    for field in fields {
        let Value(value) = field.skeleton else { continue };
        if value.starts_with('\n') {
            out.push_str(&format!("{indent}{}:   # {}{value}\n", field.key, field.help));
        } else if value.is_empty() {
            out.push_str(&format!("{indent}{}:   # {}\n", field.key, field.help));
            match field.widget {
                Object(sub) => write_fields(out, sub, &format!("{indent}  ")),
                // One item, to copy for each further one: its first field opens it (`- `).
                List(sub) => {
                    let (inner, dash) = (format!("{indent}    "), format!("{indent}  - "));
                    let mut item = String::new();
                    write_fields(&mut item, sub, &inner);
                    out.push_str(&item.replacen(&inner, &dash, 1));
                }
                _ => {}
            }
        } else {
            out.push_str(&format!("{indent}{}: {value}   # {}\n", field.key, field.help));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_help_and_keys_are_unique() {
        fn walk(fields: &[Field]) {
            let mut seen = std::collections::HashSet::new();
            for field in fields {
                assert!(!field.help.trim().is_empty(), "`{}` has no help", field.key);
                assert!(seen.insert(field.key), "`{}` twice", field.key);
                if let Some(sub) = nested(field) {
                    walk(sub);
                }
            }
        }
        for kind in [Kind::Campaign, Kind::Directive, Kind::Guide, Kind::Organization, Kind::Person, Kind::Result] {
            walk(fields(kind));
        }
    }

    #[test]
    fn the_skeleton_comments_each_field_with_its_help() {
        let text = skeleton(Kind::Directive);
        assert!(text.starts_with("---\ntitle: {title}   # trích yếu (phần sau \"V/v\")\n"));
        assert!(text.contains("signer:   # người ký\n  authority: \"\"   # quyền hạn ký"));
        assert!(text.contains("\n# amends: ten-tep-van-ban-cu   # sửa đổi, bổ sung\n"));
        assert!(!text.contains("withdrawn"), "optional fields the staff rarely need stay out");
        let result = skeleton(Kind::Result);
        assert!(
            result.contains("\nentries:   # các giải pháp đạt giải, mỗi giải pháp một mục bắt đầu bằng - title:\n  - title: \"\"   # tên giải pháp\n    authors: []   # tác giả"),
            "{result}"
        );
        assert!(result.contains("\n    level: nhat   # mức giải"), "{result}");
    }
}
