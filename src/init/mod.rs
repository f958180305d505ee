//! `loa init`: a new portal repository, ready to build and to publish: `site.yaml`, starter
//! content for the province and organization given (valid, with `[Điền …]` placeholders), a
//! `.gitignore`, a README in Vietnamese for the staff, and CI files for GitLab and GitHub that
//! install `loa`, check, build and deploy `public/` with rsync.
//!
//! The files are real files under `src/init/starter/`, compiled in; `{name}` in them is filled
//! in, `{name_yaml}` with a double-quoted YAML string.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::date::PartialDate;
use crate::text;

/// The person file's slug (the name is a placeholder until the staff fill it in).
const PERSON_SLUG: &str = "nguoi-lien-he";

/// The starter files: path in the new portal, template.
const FILES: &[(&str, &str)] = &[
    ("site.yaml", include_str!("starter/site.yaml")),
    (".gitignore", include_str!("starter/gitignore")),
    ("README.md", include_str!("starter/README.md")),
    (".gitlab-ci.yml", include_str!("starter/gitlab-ci.yml")),
    (".github/workflows/portal.yml", include_str!("starter/github-workflow.yml")),
    ("content/contacts/organizations/{org_slug}.md", include_str!("starter/organization.md")),
    ("content/contacts/people/{person_slug}.md", include_str!("starter/person.md")),
    ("content/campaigns/{campaign_slug}/index.md", include_str!("starter/campaign.md")),
    ("content/directives/{directive_year}/{directive_slug}/index.md", include_str!("starter/directive.md")),
    ("content/guides/{guide_slug}.md", include_str!("starter/guide.md")),
];

/// The deploy commands shared by both CI files, put where a line reads `{deploy_script}`.
const DEPLOY_SCRIPT: &str = include_str!("starter/deploy.sh");

/// Why `loa init` wrote nothing.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum InitError {
    /// Wrong arguments (exit code 2).
    Usage(String),
    /// The folder cannot be used or written (exit code 1).
    Refused(String),
}

/// Writes the new portal into `dir` (created if missing; refused unless empty) and returns the
/// files written, relative to `dir`. `today` places the starter campaign around it.
pub(crate) fn create(
    dir: &Path,
    province: &str,
    organization: &str,
    today: PartialDate,
) -> Result<Vec<PathBuf>, InitError> {
    let values = Values::new(province, organization, today)?;
    let created_dir = prepare_dir(dir)?;
    let mut written = Vec::new();
    for (path, template) in FILES {
        let relative = PathBuf::from(values.fill(path));
        let text = text::nfc(&values.fill(&with_deploy_script(template)));
        if let Err(e) = write_new(&dir.join(&relative), &text) {
            undo(dir, created_dir, &values);
            return Err(InitError::Refused(format!("cannot write {}: {e}", relative.display())));
        }
        written.push(relative);
    }
    Ok(written)
}

/// `loa init --cms BACKEND`: appends a `cms:` section to the new portal's `site.yaml` (the
/// web editor under `admin/`, see `crate::cms`), its repository a placeholder to replace.
pub(crate) fn add_cms(dir: &Path, backend: &str) -> Result<(), InitError> {
    let host = match backend {
        "gitlab" => "GitLab",
        "github" => "GitHub",
        "gitea" => "Gitea",
        other => {
            return Err(InitError::Usage(format!("`{other}` is not a Git host; write --cms gitlab, github or gitea")));
        }
    };
    let api = match backend {
        "gitlab" => "https://gitlab.example.gov.vn/api/v4",
        "github" => "https://api.github.com",
        _ => "https://gitea.example.gov.vn/api/v1",
    };
    let section = format!(
        "\n# Trình soạn thảo trên web cho cán bộ (địa chỉ …/admin/): mỗi lần lưu là một yêu cầu hợp nhất\n\
         # (merge request) được duyệt trước khi đăng. Hướng dẫn: docs/soan-thao-tren-web.md của loa.\n\
         cms:\n  backend: {backend}   # {host}\n  repo: ten-nhom/ten-du-an   # [Điền nhóm/dự án của kho trên {host}]\n  branch: main   # nhánh được đăng\n\
         {api_line}\
         #  app_id: …   # [Điền] mã ứng dụng OAuth để cán bộ đăng nhập (GitLab, Gitea tự cài đặt)\n\
         #  preview_url: https://…/{{branch}}/   # địa chỉ bản xem trước của một nhánh do CI dựng\n",
        api_line = if backend == "gitea" {
            format!("  api_root: {api}   # [Điền địa chỉ API của máy chủ Gitea]\n")
        } else {
            format!("#  api_root: {api}   # máy chủ tự cài đặt: địa chỉ API\n")
        },
    );
    let path = dir.join("site.yaml");
    let mut text =
        std::fs::read_to_string(&path).map_err(|e| InitError::Refused(format!("cannot read site.yaml: {e}")))?;
    text.push_str(&section);
    std::fs::write(&path, text).map_err(|e| InitError::Refused(format!("cannot write site.yaml: {e}")))
}

/// Creates `dir` if missing (returns true then), or checks that it is an empty folder.
fn prepare_dir(dir: &Path) -> Result<bool, InitError> {
    match std::fs::read_dir(dir) {
        Ok(mut entries) => match entries.next() {
            None => Ok(false),
            Some(entry) => {
                let name = entry.map(|e| e.file_name().to_string_lossy().into_owned()).unwrap_or_default();
                Err(InitError::Refused(format!(
                    "{} is not empty (it holds `{name}`); loa init only writes into an empty or new folder, \
                     so that nothing there is overwritten: choose a new folder, e.g. loa init cong-thi-dua --province … \
                     --organization …",
                    dir.display()
                )))
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => std::fs::create_dir_all(dir)
            .map(|()| true)
            .map_err(|e| InitError::Refused(format!("cannot create the folder {}: {e}", dir.display()))),
        Err(_) if dir.exists() && !dir.is_dir() => Err(InitError::Refused(format!(
            "{} is a file, not a folder; choose a folder for the portal",
            dir.display()
        ))),
        Err(e) => Err(InitError::Refused(format!("cannot read the folder {}: {e}", dir.display()))),
    }
}

/// Writes a file that must not exist yet, creating its folders.
fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::OpenOptions::new().write(true).create_new(true).open(path)?.write_all(text.as_bytes())
}

/// After a failed write, removes what this run made: the folder was empty before.
fn undo(dir: &Path, created_dir: bool, values: &Values) {
    if created_dir {
        let _ = std::fs::remove_dir_all(dir);
        return;
    }
    for (path, _) in FILES {
        let path = PathBuf::from(values.fill(path));
        let Some(top) = path.components().next() else { continue };
        let top = dir.join(top);
        let _ = if top.is_dir() { std::fs::remove_dir_all(&top) } else { std::fs::remove_file(&top) };
    }
}

/// A line reading only `{deploy_script}` becomes the deploy commands, indented like it.
fn with_deploy_script(template: &str) -> String {
    let mut out = String::with_capacity(template.len() + DEPLOY_SCRIPT.len());
    for line in template.split_inclusive('\n') {
        if line.trim() == "{deploy_script}" {
            let indent = &line[..line.len() - line.trim_start().len()];
            for script_line in DEPLOY_SCRIPT.lines() {
                if !script_line.is_empty() {
                    out.push_str(indent);
                    out.push_str(script_line);
                }
                out.push('\n');
            }
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The words and dates filled into the starter files.
struct Values(HashMap<&'static str, String>);

impl Values {
    fn new(province: &str, organization: &str, today: PartialDate) -> Result<Values, InitError> {
        let province = text::nfc(province.trim());
        let organization = text::nfc(organization.trim());
        if text::slugify(&province).is_empty() {
            return Err(InitError::Usage("give the province in letters, e.g. --province \"Thanh Hóa\"".to_owned()));
        }
        let org_slug = text::slugify(&organization);
        if org_slug.is_empty() {
            return Err(InitError::Usage(
                "give the organization's full name, e.g. --organization \"Sở Khoa học và Công nghệ Thanh Hóa\""
                    .to_owned(),
            ));
        }
        if org_slug == PERSON_SLUG {
            return Err(InitError::Usage(format!("`{organization}` is not an organization's name")));
        }
        let day = today.days_since_epoch();
        let date = |offset: i64| PartialDate::from_days_since_epoch(day + offset);
        // The campaign was launched two weeks ago and runs for about half a year; the
        // registration deadline is a month from now.
        let (start, deadline, end) = (date(-14), date(30), date(180));
        let year = today.year;
        let title = format!("Cổng thông tin thi đua – sáng tạo {province}");
        let address = format!("[Điền số nhà, đường phố, phường/xã], {province}");
        let campaign_slug = format!("phong-trao-thi-dua-nam-{year}");
        let mut map: HashMap<&'static str, String> = HashMap::from([
            ("title", title.clone()),
            ("title_yaml", yaml(&title)),
            ("province_yaml", yaml(&province)),
            ("place_yaml", yaml(&place_name(&province))),
            ("organization_yaml", yaml(&organization)),
            ("address_yaml", yaml(&address)),
            ("org_slug", org_slug),
            ("person_slug", PERSON_SLUG.to_owned()),
            ("directive_slug", format!("ke-hoach-phat-dong-{campaign_slug}")),
            ("guide_slug", format!("huong-dan-tham-gia-{campaign_slug}")),
            ("campaign_slug", campaign_slug),
            ("directive_year", start.year.to_string()),
            ("year", year.to_string()),
            ("start", start.to_string()),
            ("deadline", deadline.to_string()),
            ("end", end.to_string()),
            ("start_vi", text::vi_date(&start)),
            ("end_vi", text::vi_date(&end)),
        ]);
        map.insert("province", province);
        map.insert("organization", organization);
        Ok(Values(map))
    }

    /// Replaces each `{name}` with its value in one pass (a value is never read again);
    /// other braces (`${{ vars.X }}`, `::deadline{date=…}`) stay as they are.
    fn fill(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 256);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let name_len = after.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(after.len());
            match self.0.get(&after[..name_len]) {
                Some(value) if after[name_len..].starts_with('}') => {
                    out.push_str(value);
                    rest = &after[name_len + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// A double-quoted YAML string (JSON strings are YAML).
fn yaml(text: &str) -> String {
    serde_json::to_string(text).expect("json string")
}

/// The địa danh of documents: the province without "tỉnh" or "thành phố" before it.
fn place_name(province: &str) -> String {
    let folded = text::fold(province);
    for prefix in ["tinh ", "thanh pho ", "tp. ", "tp "] {
        if folded.starts_with(prefix) {
            let cut = province.char_indices().nth(prefix.chars().count()).map(|(i, _)| i).unwrap_or(province.len());
            return province[cut..].trim().to_owned();
        }
    }
    province.to_owned()
}

/// A path as one shell word for the hint line.
pub(crate) fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text.chars().all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c)) { text } else { format!("'{text}'") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values::new("tỉnh Thanh Hóa", "Sở Khoa học và Công nghệ Thanh Hóa", PartialDate::full(2026, 1, 5)).unwrap()
    }

    #[test]
    fn fills_known_names_only() {
        let v = values();
        assert_eq!(
            v.fill("{org_slug}/{nope} ${{ vars.X }} ::deadline{date={deadline}}"),
            "so-khoa-hoc-va-cong-nghe-thanh-hoa/{nope} ${{ vars.X }} ::deadline{date=2026-02-04}"
        );
        assert_eq!(v.fill("{province_yaml} {place_yaml}"), "\"tỉnh Thanh Hóa\" \"Thanh Hóa\"");
    }

    #[test]
    fn dates_put_the_campaign_around_today_even_across_a_new_year() {
        let v = values();
        assert_eq!(v.0["start"], "2025-12-22");
        assert_eq!(v.0["directive_year"], "2025");
        assert_eq!(v.0["end"], "2026-07-04");
        assert_eq!(v.0["campaign_slug"], "phong-trao-thi-dua-nam-2026");
    }

    #[test]
    fn every_placeholder_in_the_starter_files_is_known() {
        let v = values();
        for (path, template) in FILES {
            let filled = v.fill(&with_deploy_script(template));
            for (i, _) in filled.match_indices('{') {
                let after = &filled[i + 1..];
                let name: String = after.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                assert!(
                    name.is_empty() || !after[name.len()..].starts_with('}'),
                    "{path}: unknown placeholder {{{name}}}"
                );
            }
            assert!(!v.fill(path).contains('{'), "{path}");
        }
    }

    #[test]
    fn place_names_drop_the_kind_of_province() {
        assert_eq!(place_name("Thanh Hóa"), "Thanh Hóa");
        assert_eq!(place_name("tỉnh Thanh Hóa"), "Thanh Hóa");
        assert_eq!(place_name("Thành phố Hà Nội"), "Hà Nội");
        assert_eq!(place_name("TP. Hồ Chí Minh"), "Hồ Chí Minh");
    }

    #[test]
    fn refuses_names_without_letters() {
        let today = PartialDate::full(2026, 1, 5);
        assert!(matches!(Values::new(" ", "Sở", today), Err(InitError::Usage(_))));
        assert!(matches!(Values::new("Huế", "—", today), Err(InitError::Usage(_))));
    }
}
