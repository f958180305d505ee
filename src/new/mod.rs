//! `loa new`: a new content file with the right front matter skeleton, each field explained
//! in Vietnamese for the staff who fill it in.

use std::path::{Path, PathBuf};

use crate::content::{Kind, schema};
use crate::date::PartialDate;
use crate::text;

/// The kinds `loa new` makes, as typed on the command line.
pub const KINDS: &[&str] = &["campaign", "directive", "guide", "person", "organization"];

/// Writes the file and returns its path; refuses to overwrite an existing one.
pub fn create(root: &Path, kind: &str, title: &str, today: PartialDate) -> Result<PathBuf, String> {
    let title = text::nfc(title.trim());
    let slug = text::slugify(&title);
    if slug.is_empty() {
        return Err(format!("`{title}` gives an empty file name; use a title with letters or digits"));
    }
    let folder = match kind {
        "campaign" => PathBuf::from("content/campaigns"),
        "directive" => PathBuf::from(format!("content/directives/{}", today.year)),
        "guide" => PathBuf::from("content/guides"),
        "person" => PathBuf::from("content/contacts/people"),
        "organization" => PathBuf::from("content/contacts/organizations"),
        other => return Err(format!("`{other}` is not something loa can make; choose one of: {}", KINDS.join(", "))),
    };
    let path = root.join(&folder).join(format!("{slug}.md"));
    if path.exists() {
        return Err(format!(
            "{} already exists; loa new never overwrites a file (choose another title or edit that file)",
            folder.join(format!("{slug}.md")).display()
        ));
    }
    std::fs::create_dir_all(root.join(&folder)).map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    std::fs::write(&path, skeleton(kind, &title, today))
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(folder.join(format!("{slug}.md")))
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("json string")
}

/// The file `loa new` writes: the front matter of [`crate::content::schema::skeleton`] (the
/// table the web editor reads too) and a body to replace; `{title}` and `{today}` are
/// filled in.
fn skeleton(kind: &str, title: &str, today: PartialDate) -> String {
    let (kind, body) = match kind {
        "campaign" => (Kind::Campaign, "Giới thiệu phong trào: mục đích, đối tượng, cách tham gia.\n"),
        "directive" => {
            (Kind::Directive, "Nội dung văn bản (không chép phần đầu, chữ ký và Nơi nhận: chúng nằm ở phía trên).\n")
        }
        "guide" => (Kind::Guide, "1. Bước thứ nhất.\n2. Bước thứ hai.\n"),
        "person" => (Kind::Person, ""),
        _ => (Kind::Organization, ""),
    };
    let template = schema::skeleton(kind) + body;
    template.replace("{title}", &quoted(title)).replace("{today}", &today.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_skeleton_named_after_the_vietnamese_title_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let today = PartialDate::full(2026, 11, 22);
        let path = create(dir.path(), "directive", "Tổ chức Hội thi Sáng tạo kỹ thuật", today).unwrap();
        assert_eq!(path, PathBuf::from("content/directives/2026/to-chuc-hoi-thi-sang-tao-ky-thuat.md"));
        let text = std::fs::read_to_string(dir.path().join(&path)).unwrap();
        assert!(text.starts_with("---\ntitle: \"Tổ chức Hội thi Sáng tạo kỹ thuật\"   # trích yếu"));
        assert!(text.contains("date: 2026-11-22"));
        assert!(
            create(dir.path(), "directive", "Tổ chức Hội thi Sáng tạo kỹ thuật", today)
                .unwrap_err()
                .contains("never overwrites")
        );
        assert!(create(dir.path(), "poster", "x", today).is_err());
    }
}
