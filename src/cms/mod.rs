//! Output `cms`: the web editor under `admin/`, written only when `site.yaml` has `cms:`.
//! Decap CMS (vendored in the theme's `admin/`, served from the portal's own origin) reads
//! `admin/config.yml`, which is generated here from the content model's described fields
//! (`content::schema`, the table `loa new` writes its skeletons from): one collection per
//! content kind, a widget per field, the Vietnamese help as each field's hint.

use serde_json::{Map, Value, json};

use crate::config::{CmsBackend, CmsConfig, Config};
use crate::content::Kind;
use crate::content::schema::{self, Choices, Field, Target, Widget};
use crate::content::site::Site;
use crate::diag::Diagnostics;
use crate::render::server_files;
use crate::render::server_syntax::{self as syntax, Refused};
use crate::render::view::AdminContext;
use crate::render::{OutputFile, RenderCtx};

/// Where the editor is written in the output.
pub(crate) const ADMIN_DIR: &str = "admin";

/// The content policy of `admin/` alone (the rest of the portal keeps `render::csp`):
/// Decap's bundle is one same-origin script, but it styles through injected `<style>`
/// elements (emotion), shows uploaded files as `blob:` URLs and reads them back with
/// `fetch` when it commits them (so `connect-src` needs `blob:` too, or a save with an
/// attachment fails), and it talks to the Git host's API. Nothing else may be loaded: no CDN, no fonts or analytics from elsewhere.
/// The `<meta>` form leaves out `frame-ancestors`, which only a header can carry.
pub(crate) fn admin_policy(cms: &CmsConfig) -> String {
    let mut hosts = Vec::new();
    hosts.extend(api_origin(cms));
    if let Some(local) = &cms.local_backend {
        hosts.extend(origin_of(local));
    }
    if let Some(base) = &cms.base_url {
        hosts.extend(origin_of(base));
    }
    hosts.sort();
    hosts.dedup();
    let hosts: String = hosts.iter().map(|h| format!(" {h}")).collect();
    format!(
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:{hosts}; media-src 'self' blob:; font-src 'self' data:; connect-src 'self'{hosts} blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

/// The header form: the policy and `frame-ancestors 'none'` (nobody frames the editor).
fn admin_header(cms: &CmsConfig) -> String {
    format!("{}; frame-ancestors 'none'", admin_policy(cms))
}

/// The `_headers` rule of `admin/` (empty without `cms:`): its own policy, never indexed.
pub(crate) fn headers_rule(ctx: &RenderCtx<'_>) -> Result<String, Refused> {
    let Some(cms) = &ctx.site.config.cms else { return Ok(String::new()) };
    let path = ctx.views.link(&format!("/{ADMIN_DIR}/"));
    syntax::line_word(syntax::HEADERS, &path)?;
    Ok(format!(
        "{path}*\n  Content-Security-Policy: {}\n  X-Frame-Options: DENY\n  X-Robots-Tag: noindex\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: same-origin\n  Cache-Control: no-cache\n",
        syntax::header_value(&admin_header(cms))?
    ))
}

/// The nginx location of `admin/` (empty without `cms:`), repeating every header since a
/// location with its own `add_header` drops the server's.
pub(crate) fn nginx_location(ctx: &RenderCtx<'_>) -> Result<String, Refused> {
    let Some(cms) = &ctx.site.config.cms else { return Ok(String::new()) };
    let policy = syntax::nginx_string(&admin_header(cms))?;
    server_files::nginx_location(
        &ctx.views.link(&format!("/{ADMIN_DIR}/")),
        &[
            ("Content-Security-Policy", &policy),
            ("X-Frame-Options", "\"DENY\""),
            ("X-Robots-Tag", "\"noindex\""),
            server_files::NOSNIFF,
            ("Referrer-Policy", "\"same-origin\""),
            ("Cache-Control", "\"no-cache\""),
        ],
    )
}

fn api_origin(cms: &CmsConfig) -> Option<String> {
    let api = cms.api_root.as_deref().or(cms.backend.default_api_root())?;
    origin_of(api)
}

fn origin_of(url: &str) -> Option<String> {
    match url::Url::parse(url).ok()?.origin() {
        origin @ url::Origin::Tuple(..) => Some(origin.ascii_serialization()),
        url::Origin::Opaque(_) => None,
    }
}

/// The editor's jobs an edit reaches ([`crate::render::plan`]): its configuration, whose
/// campaign choices are made from the campaigns' titles and slugs.
pub(crate) fn jobs_for(change: &crate::render::plan::Change<'_>) -> Vec<crate::render::Job> {
    let campaign_edited = change.slugs(Kind::Campaign).next().is_some();
    match campaign_edited && change.new.config.cms.is_some() {
        true => vec![crate::render::Job::Cms],
        false => Vec::new(),
    }
}

/// Renders `admin/`: the page, its generated `config.yml` and the vendored editor.
pub(crate) fn render(ctx: &RenderCtx<'_>, problems: &Diagnostics) -> Option<Vec<OutputFile>> {
    let config = &ctx.site.config;
    let cms = config.cms.as_ref()?;
    let page = AdminContext { title: format!("Soạn thảo – {}", config.title), policy: admin_policy(cms) };
    let html = ctx.render_template("admin.html", &page, problems)?;
    let mut files = vec![
        (format!("{ADMIN_DIR}/index.html"), html.into_bytes()),
        (format!("{ADMIN_DIR}/config.yml"), config_yml(ctx.site, cms).into_bytes()),
    ];
    for (name, file) in &ctx.theme.admin {
        files.push((format!("{ADMIN_DIR}/{name}"), file.bytes.clone()));
    }
    Some(files)
}

/// The editor's `config.yml`, written through the YAML emitter.
pub(crate) fn config_yml(site: &Site, cms: &CmsConfig) -> String {
    let config = &site.config;
    let mut root = Map::new();
    root.insert("backend".into(), backend(cms));
    if let Some(local) = &cms.local_backend {
        root.insert("local_backend".into(), json!({ "url": local }));
    }
    root.insert("publish_mode".into(), json!("editorial_workflow"));
    root.insert("locale".into(), json!(if config.language == "en" { "en" } else { "vi" }));
    root.insert("media_folder".into(), json!("content/attachments"));
    root.insert("public_folder".into(), json!(""));
    // Decap's ASCII slugs with accents cleaned: `Đ`/`đ` fold to `d` as in `text::slugify`.
    root.insert("slug".into(), json!({"encoding": "ascii", "clean_accents": true, "sanitize_replacement": "-"}));
    if let Some(preview) = &cms.preview_url {
        root.insert("site_url".into(), json!(preview.replace("{branch}", &cms.branch)));
        root.insert("show_preview_links".into(), json!(true));
    } else {
        root.insert("show_preview_links".into(), json!(false));
    }
    root.insert("collections".into(), Value::Array(collections(config, &Targets::of(site))));
    crate::yaml::emit_yaml(&Value::Object(root))
}

fn backend(cms: &CmsConfig) -> Value {
    let mut backend = Map::new();
    backend.insert("name".into(), json!(cms.backend.name()));
    backend.insert("repo".into(), json!(cms.repo));
    backend.insert("branch".into(), json!(cms.branch));
    if let Some(api) = &cms.api_root {
        backend.insert("api_root".into(), json!(api));
    }
    if let Some(base) = &cms.base_url {
        backend.insert("base_url".into(), json!(base));
    }
    if let Some(app_id) = &cms.app_id {
        backend.insert("app_id".into(), json!(app_id));
        if cms.backend != CmsBackend::GitHub {
            backend.insert("auth_type".into(), json!("pkce"));
        }
    }
    backend.insert(
        "commit_messages".into(),
        json!({
            "create": "Tạo {{collection}} “{{slug}}”",
            "update": "Sửa {{collection}} “{{slug}}”",
            "delete": "Xóa {{collection}} “{{slug}}”",
            "uploadMedia": "Tải lên “{{path}}”",
            "deleteMedia": "Xóa “{{path}}”"
        }),
    );
    Value::Object(backend)
}

/// One collection of the editor: a content kind and where its files are.
struct Collection {
    name: &'static str,
    label: &'static str,
    kind: Kind,
    folder: &'static str,
    /// Decap's `path` inside the folder; None for `<slug>.md`.
    path: Option<&'static str>,
    /// Files beside the page (a page bundle) rather than in `content/attachments/`.
    bundle: bool,
    /// The page's address for preview links.
    preview: &'static str,
}

/// The collections, one per content kind (directives in year folders, campaigns and
/// directives as page bundles so their files sit beside them).
const COLLECTIONS: &[Collection] = &[
    Collection {
        name: "directives",
        label: "Văn bản",
        kind: Kind::Directive,
        folder: "content/directives",
        path: Some("{{year}}/{{slug}}/index"),
        bundle: true,
        preview: "van-ban/{{slug}}/",
    },
    Collection {
        name: "campaigns",
        label: "Phong trào, hội thi",
        kind: Kind::Campaign,
        folder: "content/campaigns",
        path: Some("{{slug}}/index"),
        bundle: true,
        preview: "phong-trao/{{slug}}/",
    },
    Collection {
        name: "guides",
        label: "Hướng dẫn",
        kind: Kind::Guide,
        folder: "content/guides",
        path: None,
        bundle: false,
        preview: "huong-dan/{{slug}}/",
    },
    Collection {
        name: "organizations",
        label: "Cơ quan, đơn vị",
        kind: Kind::Organization,
        folder: "content/contacts/organizations",
        path: None,
        bundle: false,
        preview: "lien-he/{{slug}}/",
    },
    Collection {
        name: "people",
        label: "Người liên hệ",
        kind: Kind::Person,
        folder: "content/contacts/people",
        path: None,
        bundle: false,
        preview: "lien-he/{{slug}}/",
    },
    Collection {
        name: "results",
        label: "Kết quả hội thi",
        kind: Kind::Result,
        folder: "content/results",
        path: Some("{{fields.campaign}}/{{slug}}"),
        bundle: false,
        preview: "phong-trao/",
    },
];

fn collections(config: &Config, targets: &Targets) -> Vec<Value> {
    let originals: Vec<Value> = COLLECTIONS.iter().map(|c| collection(config, targets, c)).collect();
    let mut all = originals.clone();
    for code in config.languages.iter().skip(1) {
        all.extend(originals.iter().map(|c| translations(c, code)));
    }
    all
}

/// The collection of a kind's translations into `code`: the files `x.<code>.md` beside
/// their originals, as loa names them. Decap's own i18n cannot write that layout (its
/// `multiple_files` names the original `x.vi.md` too), so each language is a collection of
/// its own. A translation writes only the keys it changes and inherits the rest, so nothing
/// is required and nothing has a default; and it is started beside its original (the
/// editor would name a new entry from its translated title), so the editor only edits.
fn translations(original: &Value, code: &str) -> Value {
    let mut out = original.clone();
    let language = if code == "en" { "tiếng Anh".to_owned() } else { code.to_owned() };
    out["name"] = json!(format!("{}_{code}", original["name"].as_str().unwrap_or_default()));
    out["label"] = json!(format!("{} ({language})", original["label"].as_str().unwrap_or_default()));
    out["extension"] = json!(format!("{code}.md"));
    out["create"] = json!(false);
    out["description"] = json!(format!(
        "Bản {language} (tệp .{code}.md cạnh bản gốc): chỉ ghi các ô khác bản tiếng Việt; ô để trống lấy theo bản gốc."
    ));
    if let Some(preview) = original["preview_path"].as_str() {
        out["preview_path"] = json!(format!("{code}/{preview}"));
    }
    optional(&mut out["fields"]);
    out
}

/// Makes every field of a widget list, nested ones included, optional and without default.
fn optional(fields: &mut Value) {
    for field in fields.as_array_mut().into_iter().flatten() {
        if let Some(field) = field.as_object_mut() {
            field.insert("required".into(), json!(false));
            field.remove("default");
            if let Some(sub) = field.get_mut("fields") {
                optional(sub);
            }
            if let Some(item) = field.get_mut("field").and_then(Value::as_object_mut) {
                item.insert("required".into(), json!(false));
            }
        }
    }
}

/// What a reference may name, read from the portal being built: `(title, loa's slug)`.
///
/// Decap's relation widget stores a page bundle's path inside its folder (`x/index`,
/// `2024/x/index`) rather than loa's slug, and it lists translation files (`x.en.md`) as
/// entries of their own; so references are selects over the model's own items, Vietnamese
/// originals only. An item created in the editor can be named once the portal is rebuilt
/// (after its merge), as the editor is deployed with the portal.
pub(crate) struct Targets {
    campaigns: Vec<(String, String)>,
    organizations: Vec<(String, String)>,
    people: Vec<(String, String)>,
}

impl Targets {
    /// The portal's campaigns, organizations and people.
    pub(crate) fn of(site: &Site) -> Targets {
        Targets {
            campaigns: site.campaigns.iter().map(|c| (c.title.clone(), c.source.slug.clone())).collect(),
            organizations: site.organizations.iter().map(|o| (o.title.clone(), o.source.slug.clone())).collect(),
            people: site.people.iter().map(|p| (p.title.clone(), p.source.slug.clone())).collect(),
        }
    }

    /// The options for a target; None for directives, too many to list in the config.
    fn options(&self, target: Target) -> Option<Vec<Value>> {
        let items: Vec<&(String, String)> = match target {
            Target::Campaign => self.campaigns.iter().collect(),
            Target::Organization => self.organizations.iter().collect(),
            Target::Person => self.people.iter().collect(),
            Target::Contact => self.people.iter().chain(&self.organizations).collect(),
            Target::Directive => return None,
        };
        Some(items.into_iter().map(|(title, slug)| json!({"label": title, "value": slug})).collect())
    }
}

fn collection(config: &Config, targets: &Targets, c: &Collection) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(c.name));
    out.insert("label".into(), json!(c.label));
    out.insert("folder".into(), json!(c.folder));
    out.insert("create".into(), json!(true));
    out.insert("extension".into(), json!("md"));
    out.insert("format".into(), json!("yaml-frontmatter"));
    out.insert("slug".into(), json!("{{slug}}"));
    out.insert("summary".into(), json!("{{title}}"));
    out.insert("preview_path".into(), json!(c.preview));
    if let Some(path) = c.path {
        out.insert("path".into(), json!(path));
    }
    if c.bundle {
        out.insert("media_folder".into(), json!(""));
        out.insert("public_folder".into(), json!(""));
    }
    let mut fields: Vec<Value> = schema::fields(c.kind).iter().map(|f| widget(config, targets, f)).collect();
    fields.push(json!({
        "name": "body", "label": "Nội dung", "widget": "markdown", "required": false,
        "hint": "nội dung trang (Markdown)"
    }));
    out.insert("fields".into(), Value::Array(fields));
    Value::Object(out)
}

/// The editor widget of one described field.
pub(crate) fn widget(config: &Config, targets: &Targets, field: &Field) -> Value {
    widget_in(config, targets, field, true)
}

/// `parent_required`: whether the group holding the field must be filled; Decap checks the
/// required fields of an empty optional group (`withdrawn`, `extends`) too, so they are
/// required only when the group is.
fn widget_in(config: &Config, targets: &Targets, field: &Field, parent_required: bool) -> Value {
    let mut out = Map::new();
    out.insert("name".into(), json!(field.key));
    out.insert("label".into(), json!(label(field)));
    out.insert("hint".into(), json!(field.help));
    out.insert("required".into(), json!(field.required && parent_required));
    let spec: Value = match field.widget {
        Widget::Text => json!({"widget": "string"}),
        Widget::LongText => json!({"widget": "text"}),
        // Partial dates (YYYY-MM) are valid: a string checked by pattern, not a date picker
        // that would always write a day.
        Widget::Date => json!({
            "widget": "string",
            "pattern": [r"^\d{4}-\d{2}(-\d{2})?$", "YYYY-MM-DD, hoặc YYYY-MM khi văn bản để trống ngày"]
        }),
        Widget::Moment => json!({
            "widget": "string",
            "pattern": [r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$", "YYYY-MM-DD, hoặc YYYY-MM-DDTHH:MM"]
        }),
        Widget::Bool => json!({"widget": "boolean", "default": false}),
        Widget::Select(choices) => select(config, choices, false),
        Widget::MultiSelect(choices) => select(config, choices, true),
        Widget::Ref(target) => reference(targets, target, false),
        Widget::Refs(target) => reference(targets, target, true),
        // One line per item (Decap's bare list splits one line at commas, which recipients
        // and Nơi nhận contain).
        Widget::TextList => json!({
            "widget": "list",
            "field": {"name": "item", "label": label(field), "widget": "string"}
        }),
        Widget::Object(fields) => json!({
            "widget": "object", "collapsed": !matches!(field.skeleton, schema::Skeleton::Value(_)),
            "fields": fields.iter().map(|f| widget_in(config, targets, f, field.required && parent_required)).collect::<Vec<_>>()
        }),
        // Items open, so a deadline or an attachment is seen and edited where it stands.
        Widget::List(fields) => json!({
            "widget": "list", "collapsed": false,
            "fields": fields.iter().map(|f| widget(config, targets, f)).collect::<Vec<_>>()
        }),
        Widget::File => json!({"widget": "file", "choose_url": false}),
    };
    if let Value::Object(spec) = spec {
        out.extend(spec);
    }
    Value::Object(out)
}

/// The label the editor shows: the help up to its first `:` or `(`, capitalized.
fn label(field: &Field) -> String {
    let short = field.help.split([':', '(', ',']).next().unwrap_or(field.key).trim();
    let mut chars = short.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => field.key.to_owned(),
    }
}

fn select(config: &Config, choices: Choices, multiple: bool) -> Value {
    let options: Vec<Value> = match choices {
        Choices::SiteFields => {
            config.fields.iter().map(|f| json!({"label": f.name, "value": f.slug})).collect::<Vec<_>>()
        }
        other => other.options().into_iter().map(|(value, label)| json!({"label": label, "value": value})).collect(),
    };
    if options.is_empty() {
        // No lĩnh vực in site.yaml: free text, as the loader accepts then.
        return if multiple {
            json!({"widget": "list", "field": {"name": "item", "label": "Lĩnh vực", "widget": "string"}})
        } else {
            json!({"widget": "string"})
        };
    }
    json!({"widget": "select", "options": options, "multiple": multiple})
}

/// A reference: a select over the portal's items storing loa's slug (see `Targets`), or for
/// directives (thousands, too many to list) the slug typed as in the page's address
/// `/van-ban/<slug>/`, checked by pattern.
fn reference(targets: &Targets, target: Target, multiple: bool) -> Value {
    match targets.options(target) {
        Some(options) if !options.is_empty() => json!({"widget": "select", "options": options, "multiple": multiple}),
        _ => {
            let slug = json!({
                "widget": "string",
                "pattern": ["^[a-z0-9]+(-[a-z0-9]+)*$", "tên tệp (slug) như trong địa chỉ trang: chữ thường không dấu, số và dấu -"]
            });
            if multiple {
                let mut item = json!({"name": "item", "label": "Tên tệp"});
                merge(&mut item, slug);
                json!({"widget": "list", "field": item})
            } else {
                slug
            }
        }
    }
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(into), Value::Object(from)) = (into, from) {
        into.extend(from);
    }
}
