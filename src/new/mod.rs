//! `loa new`: a new content file with the right front matter skeleton, each field explained
//! in Vietnamese for the staff who fill it in.

use std::path::{Path, PathBuf};

use crate::content::{Kind, schema};
use crate::date::PartialDate;
use crate::text;

/// The kinds `loa new` makes, as typed on the command line.
pub(crate) const KINDS: &[&str] = &["campaign", "directive", "guide", "person", "organization", "result"];

/// Writes the file and returns its path; refuses to overwrite an existing one. A result
/// belongs to a contest: `campaign` (its slug) names the folder it goes in.
pub(crate) fn create(
    root: &Path,
    kind: &str,
    title: &str,
    campaign: Option<&str>,
    today: PartialDate,
) -> Result<PathBuf, String> {
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
        "result" => PathBuf::from("content/results").join(contest(root, campaign)?),
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

/// The contest a new result file belongs to: a campaign of the portal, named by its slug
/// (the slug becomes a folder name, so nothing but an existing campaign's slug is accepted).
fn contest<'a>(root: &Path, campaign: Option<&'a str>) -> Result<&'a str, String> {
    let campaigns = campaign_slugs(root);
    let known = if campaigns.is_empty() {
        "the portal has no campaign yet: make one first with loa new campaign".to_owned()
    } else {
        format!("one of: {}", campaigns.join(", "))
    };
    match campaign {
        None => Err(format!("a result belongs to a contest: add --campaign SLUG ({known})")),
        Some(slug) if text::is_slug(slug) && campaigns.iter().any(|c| c == slug) => Ok(slug),
        Some(slug) => Err(format!("`{slug}` is not a campaign of this portal; use {known}")),
    }
}

/// The slugs of the portal's campaigns: `content/campaigns/<slug>.md` or `<slug>/index.md`.
fn campaign_slugs(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join("content/campaigns")) else { return Vec::new() };
    let mut slugs: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?.to_owned();
            let path = entry.path();
            if path.is_dir() {
                path.join("index.md").is_file().then_some(name)
            } else {
                name.strip_suffix(".md").map(str::to_owned)
            }
        })
        .collect();
    slugs.sort();
    slugs
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
        "result" => (Kind::Result, ""),
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
        let path = create(dir.path(), "directive", "Tổ chức Hội thi Sáng tạo kỹ thuật", None, today).unwrap();
        assert_eq!(path, PathBuf::from("content/directives/2026/to-chuc-hoi-thi-sang-tao-ky-thuat.md"));
        let text = std::fs::read_to_string(dir.path().join(&path)).unwrap();
        assert!(text.starts_with("---\ntitle: \"Tổ chức Hội thi Sáng tạo kỹ thuật\"   # trích yếu"));
        assert!(text.contains("date: 2026-11-22"));
        assert!(
            create(dir.path(), "directive", "Tổ chức Hội thi Sáng tạo kỹ thuật", None, today)
                .unwrap_err()
                .contains("never overwrites")
        );
        assert!(create(dir.path(), "poster", "x", None, today).is_err());
    }

    #[test]
    fn a_result_goes_in_its_contests_folder_and_only_an_existing_campaign_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let today = PartialDate::full(2026, 11, 22);
        let title = "Kết quả Hội thi lần thứ 14";
        assert!(create(dir.path(), "result", title, Some("hoi-thi"), today).unwrap_err().contains("no campaign yet"));
        std::fs::create_dir_all(dir.path().join("content/campaigns/hoi-thi")).unwrap();
        std::fs::write(dir.path().join("content/campaigns/hoi-thi/index.md"), "---\ntitle: x\n---\n").unwrap();
        std::fs::write(dir.path().join("content/campaigns/giai-bao-chi.md"), "---\ntitle: y\n---\n").unwrap();
        let missing = create(dir.path(), "result", title, None, today).unwrap_err();
        assert!(missing.contains("--campaign") && missing.contains("giai-bao-chi, hoi-thi"), "{missing}");
        for wrong in ["hoi-thi-khac", "../hoi-thi", "hoi-thi/../../x"] {
            assert!(create(dir.path(), "result", title, Some(wrong), today).is_err(), "{wrong}");
        }
        let path = create(dir.path(), "result", title, Some("hoi-thi"), today).unwrap();
        assert_eq!(path, PathBuf::from("content/results/hoi-thi/ket-qua-hoi-thi-lan-thu-14.md"));
        let text = std::fs::read_to_string(dir.path().join(&path)).unwrap();
        assert!(text.starts_with("---\ntitle: \"Kết quả Hội thi lần thứ 14\"   # tên kết quả"), "{text}");
        assert!(text.contains("entries:   # ") && text.contains("\n  - title: \"\"   # tên giải pháp\n"), "{text}");
    }
}
