//! The web editor (`cms:` in site.yaml): `admin/` is written only when configured, its
//! `config.yml` has a widget for every field of the content model, its policy applies to
//! `admin/` alone, the vendored Decap CMS is the pinned npm copy, and `loa init --cms`
//! makes a portal that builds with it.

use std::path::Path;
use std::process::Command;

use loa::content::Kind;
use loa::content::schema::{self, Field, Target, Widget};
use serde_json::Value;

use crate::support::TestSite;

const CMS: &str = "\ncms:\n  backend: gitlab\n  repo: so-khcn/cong-thi-dua\n  api_root: https://gitlab.example.gov.vn/api/v4\n  base_url: https://gitlab.example.gov.vn\n  preview_url: https://preview.example.gov.vn/{branch}/\n";

fn with_cms(extra: &str) -> TestSite {
    let site = TestSite::sample_portal();
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{yaml}{extra}"));
    site
}

fn config_of(site: &TestSite) -> Value {
    let text = std::fs::read_to_string(site.out().join("admin/config.yml")).unwrap();
    loa::yaml::parse_yaml(&text, 1).unwrap()
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()
}

/// Asserts that each described field has a widget of the right kind, recursively.
fn assert_widgets(path: &str, fields: &[Field], widgets: &Value) {
    let widgets = widgets.as_array().unwrap_or_else(|| panic!("{path}: no fields"));
    for field in fields {
        let widget = widgets
            .iter()
            .find(|w| w["name"] == field.key)
            .unwrap_or_else(|| panic!("{path}.{} has no widget in admin/config.yml", field.key));
        assert_eq!(widget["hint"], field.help, "{path}.{}: the hint is the field's help", field.key);
        let expected = match field.widget {
            // Directives are named by slug (too many to list); the rest are selects of slugs.
            Widget::Ref(Target::Directive) => "string",
            Widget::Refs(Target::Directive) => "list",
            Widget::Ref(_) | Widget::Refs(_) => "select",
            Widget::Object(_) => "object",
            Widget::List(_) | Widget::TextList => "list",
            Widget::File => "file",
            Widget::Bool => "boolean",
            Widget::Text | Widget::Date | Widget::Moment => "string",
            Widget::LongText => "text",
            Widget::Select(_) | Widget::MultiSelect(_) => widget["widget"].as_str().unwrap(),
        };
        assert_eq!(widget["widget"], expected, "{path}.{}", field.key);
        if let Some(sub) = schema::nested(field) {
            assert_widgets(&format!("{path}.{}", field.key), sub, &widget["fields"]);
        }
    }
}

#[test]
fn admin_is_written_only_with_cms_and_covers_every_field() {
    let plain = TestSite::sample_portal();
    plain.build_ok();
    assert!(!plain.out().join("admin").exists(), "no cms: no admin/");
    assert!(!std::fs::read_to_string(plain.out().join("_headers")).unwrap().contains("/admin/"));

    let site = with_cms(CMS);
    site.build_ok();
    let config = config_of(&site);
    assert_eq!(config["publish_mode"], "editorial_workflow");
    assert_eq!(config["backend"]["name"], "gitlab");
    assert_eq!(config["backend"]["api_root"], "https://gitlab.example.gov.vn/api/v4");
    assert_eq!(config["site_url"], "https://preview.example.gov.vn/main/");
    assert_eq!(config["slug"]["clean_accents"], true);
    for (name, kind) in [
        ("directives", Kind::Directive),
        ("campaigns", Kind::Campaign),
        ("guides", Kind::Guide),
        ("organizations", Kind::Organization),
        ("people", Kind::Person),
        ("results", Kind::Result),
    ] {
        assert_widgets(name, schema::fields(kind), &collection(&config, name)["fields"]);
    }
    // The sample publishes `[vi, en]`: each kind's English files (`x.en.md`, `index.en.md`)
    // are a collection of their own, every field optional (a translation inherits the rest).
    let english = collection(&config, "directives_en");
    assert_eq!(english["extension"], "en.md");
    assert_eq!(english["path"], "{{year}}/{{slug}}/index");
    assert_eq!(english["create"], false);
    let text = serde_json::to_string(&english["fields"]).unwrap();
    assert!(!text.contains(r#""required":true"#) && !text.contains(r#""default""#), "{text}");
    assert_eq!(collection(&config, "people_en")["folder"], "content/contacts/people");
    assert_eq!(config["collections"].as_array().unwrap().len(), 12);

    let directives = collection(&config, "directives");
    assert_eq!(directives["folder"], "content/directives");
    assert_eq!(directives["path"], "{{year}}/{{slug}}/index");
    assert_eq!(directives["media_folder"], "", "attachments go into the page bundle");
    let field =
        |name: &str| directives["fields"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap().clone();
    // References store loa's slug: never a bundle path (`x/index`) nor a translation (`x.en`).
    let values = |name: &str| -> Vec<String> {
        field(name)["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap().to_owned()).collect()
    };
    assert!(values("issuer").contains(&"lien-hiep-hoi-thanh-hoa".to_owned()), "{:?}", values("issuer"));
    assert!(values("campaigns").contains(&"hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14".to_owned()));
    assert!(values("contacts").contains(&"dinh-thi-thanh-ha".to_owned()), "people are contacts");
    assert!(values("contacts").contains(&"so-khcn-hung-yen".to_owned()), "so are organizations");
    for name in ["issuer", "campaigns", "contacts"] {
        assert!(values(name).iter().all(|v| !v.contains('/') && !v.ends_with(".en")), "{name}: {:?}", values(name));
    }
    assert_eq!(field("doc_type")["widget"], "select");
    assert!(field("doc_type")["options"].as_array().unwrap().iter().any(|o| o["value"] == "ke-hoach"));
    assert!(field("date")["hint"].as_str().unwrap().contains("YYYY-MM"), "partial dates are explained");
    assert!(field("date")["pattern"][0].as_str().unwrap().contains("(-\\d{2})?"), "a partial date is accepted");

    let page = std::fs::read_to_string(site.out().join("admin/index.html")).unwrap().replace("&#39;", "'");
    assert!(page.contains(r#"<meta name="robots" content="noindex, nofollow">"#));
    assert!(page.contains(r#"<script src="decap-cms.js"></script>"#));
    assert!(page.contains("connect-src 'self' https://gitlab.example.gov.vn"), "{page}");
    assert!(!page.contains("frame-ancestors"), "ignored in a <meta>");
    assert!(site.out().join("admin/decap-cms.js").is_file());

    let headers = std::fs::read_to_string(site.out().join("_headers")).unwrap();
    let admin_rule = headers.split("\n/").find(|rule| rule.starts_with("admin/*")).expect("an /admin/* rule");
    assert!(admin_rule.contains("'unsafe-eval'") && admin_rule.contains("X-Robots-Tag: noindex"), "{admin_rule}");
    let others: Vec<&str> = headers.split("\n/").filter(|rule| !rule.starts_with("admin/*")).collect();
    assert!(others.iter().all(|rule| !rule.contains("unsafe")), "the editor's policy stays in admin/");
    let worker = std::fs::read_to_string(site.out().join("sw.js")).unwrap();
    assert!(!worker.contains("decap-cms"), "readers' browsers never keep the editor");
    let nginx = std::fs::read_to_string(site.out().join("loa-nginx.conf")).unwrap();
    assert!(nginx.contains("location ^~ /admin/ {"), "{nginx}");
    assert_eq!(nginx.matches("unsafe-eval").count(), 1);
}

#[test]
fn cms_settings_are_checked_where_they_are_written() {
    let site = with_cms("\ncms:\n  backend: bitbucket\n  repo: ../x\n  api_root: ftp://x\n");
    let errors = site.build_errors();
    let joined = errors.join("\n");
    assert!(joined.contains("`bitbucket` is not a Git host"), "{joined}");
    assert!(joined.contains("`../x` is not a repository path"), "{joined}");
    assert!(joined.contains("`ftp://x` is not a usable address"), "{joined}");
    assert!(errors.iter().all(|e| e.starts_with("site.yaml:")), "{joined}");
}

/// The vendored editor is the npm package pinned in package-lock.json, byte for byte.
#[test]
fn the_vendored_editor_is_the_pinned_npm_copy() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let lock: Value = serde_json::from_str(&std::fs::read_to_string(repo.join("package-lock.json")).unwrap()).unwrap();
    let pinned =
        lock["packages"]["node_modules/decap-cms"]["version"].as_str().expect("decap-cms in package-lock.json");
    let licence = std::fs::read_to_string(repo.join("themes/default/admin/LICENSE")).unwrap();
    assert!(licence.contains(&format!("Decap CMS {pinned}")), "the LICENSE note names the pinned version");
    let dist = repo.join("node_modules/decap-cms/dist");
    if !dist.is_dir() {
        assert!(std::env::var_os("CI").is_none(), "CI runs npm ci before the tests");
        eprintln!("node_modules/decap-cms missing: run npm ci");
        return;
    }
    let installed: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.join("node_modules/decap-cms/package.json")).unwrap())
            .unwrap();
    assert_eq!(installed["version"], pinned);
    let vendored = repo.join("themes/default/admin");
    let mut compared = 0;
    for entry in std::fs::read_dir(&vendored).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name == "LICENSE" {
            continue;
        }
        let ours = std::fs::read(vendored.join(&name)).unwrap();
        let theirs =
            std::fs::read(dist.join(&name)).unwrap_or_else(|e| panic!("{name} is not in the npm package: {e}"));
        assert!(ours == theirs, "themes/default/admin/{name} differs from node_modules/decap-cms/dist/{name}");
        compared += 1;
    }
    assert!(compared > 1, "decap-cms.js and its chunks");
}

#[test]
fn init_with_cms_builds_a_portal_with_the_editor() {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path().join("cong");
    let output = Command::new(env!("CARGO_BIN_EXE_loa"))
        .args([
            "init",
            root.to_str().unwrap(),
            "--province",
            "Thanh Hóa",
            "--organization",
            "Sở Khoa học và Công nghệ Thanh Hóa",
            "--cms",
            "gitlab",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let yaml = std::fs::read_to_string(root.join("site.yaml")).unwrap();
    assert!(yaml.contains("cms:\n  backend: gitlab"), "{yaml}");
    let mut options = loa::pipeline::BuildOptions::new(root.clone());
    options.out = temp.path().join("public");
    let outcome = loa::pipeline::build(&options);
    assert!(!outcome.diagnostics.iter().any(|d| d.is_error()), "{:?}", outcome.diagnostics);
    assert!(temp.path().join("public/admin/config.yml").is_file());
}
