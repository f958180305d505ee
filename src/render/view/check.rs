//! The theme's templates checked against the view types, in strict mode.
//!
//! Tera 2 has no strict switch: printing an undefined value or reading a field of one is an
//! error, but `{% if campaign.misspelled %}` is silently false. So every variable path a
//! template reads (`d.issuer.title`, `list.extra.groups`, `t.nav_home`) is checked here
//! against the JSON schema of the view type the renderer gives that template, following
//! `{% for %}`, `{% set %}`, `{% include %}` and `{% extends %}`. A path that no field of the
//! type has fails the test, naming the template, the path and the type.

use std::collections::{BTreeMap, HashMap};

use schemars::{JsonSchema, schema_for};
use serde_json::Value;

use super::types::*;

/// What a name or path stands for: a node of a type's schema, a concrete JSON object (the UI
/// strings), Tera's `loop`, or the union of a `{% set x = a if … else b %}`.
#[derive(Clone, Debug)]
enum Node<'s> {
    Schema(&'s Value, &'s Value),
    Concrete(Value),
    Loop,
    Union(Vec<Node<'s>>),
}

impl<'s> Node<'s> {
    /// The field `key` of this node, if it has one.
    fn field(&self, key: &str) -> Option<Node<'s>> {
        match self {
            Node::Schema(schema, root) => schema_field(schema, root, key),
            Node::Concrete(value) => value.get(key).cloned().map(Node::Concrete),
            Node::Loop => ["index", "index0", "first", "last", "length"].contains(&key).then_some(Node::Loop),
            Node::Union(nodes) => union(nodes.iter().filter_map(|n| n.field(key)).collect()),
        }
    }

    /// The element of this node when it is a list.
    fn element(&self) -> Option<Node<'s>> {
        match self {
            Node::Schema(schema, root) => schema_element(schema, root),
            Node::Concrete(Value::Array(items)) => items.first().cloned().map(Node::Concrete),
            Node::Union(nodes) => union(nodes.iter().filter_map(Node::element).collect()),
            _ => None,
        }
    }
}

fn union(nodes: Vec<Node<'_>>) -> Option<Node<'_>> {
    match nodes.len() {
        0 => None,
        1 => nodes.into_iter().next(),
        _ => Some(Node::Union(nodes)),
    }
}

/// The schema behind a `$ref` (`#/$defs/Name`), else the schema itself.
fn deref<'s>(schema: &'s Value, root: &'s Value) -> &'s Value {
    match schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/")) {
        Some(pointer) => root.pointer(&format!("/{pointer}")).map_or(schema, |s| deref(s, root)),
        None => schema,
    }
}

/// The sub-schemas a value of `schema` may match (`anyOf`, `oneOf`, `allOf`: an `Option`, an
/// untagged enum, a flattened struct).
fn branches<'s>(schema: &'s Value, root: &'s Value) -> Vec<&'s Value> {
    let schema = deref(schema, root);
    let mut out = vec![schema];
    for key in ["anyOf", "oneOf", "allOf"] {
        for branch in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            out.extend(branches(branch, root));
        }
    }
    out
}

fn schema_field<'s>(schema: &'s Value, root: &'s Value, key: &str) -> Option<Node<'s>> {
    let found = branches(schema, root)
        .into_iter()
        .filter_map(|b| b.get("properties").and_then(|p| p.get(key)))
        .map(|s| Node::Schema(s, root))
        .collect();
    union(found)
}

fn schema_element<'s>(schema: &'s Value, root: &'s Value) -> Option<Node<'s>> {
    let found =
        branches(schema, root).into_iter().filter_map(|b| b.get("items")).map(|s| Node::Schema(s, root)).collect();
    union(found)
}

/// A template and the view type its context is made of.
struct Root {
    template: &'static str,
    /// The type's name, for messages.
    view: &'static str,
    schema: Value,
    /// Whether the renderer adds `page` (pages do; feeds, vCards, redirects and blocks don't).
    page: bool,
}

fn root<T: JsonSchema>(template: &'static str, page: bool) -> Root {
    let view = std::any::type_name::<T>().rsplit("::").next().unwrap_or("?");
    let view: &'static str = Box::leak(view.to_owned().into_boxed_str());
    Root { template, view, schema: schema_for!(T).to_value(), page }
}

/// Every template the renderer renders directly, with its view type. Partials and base
/// templates are reached through `{% include %}` and `{% extends %}`.
fn roots() -> Vec<Root> {
    type DirectiveList = ListContext<Vec<DirectiveItem>, Option<DirectivesExtra>>;
    vec![
        root::<DirectiveContext>("directive.html", true),
        root::<CampaignContext>("campaign.html", true),
        root::<GuideContext>("guide.html", true),
        root::<OrganizationContext>("organization.html", true),
        root::<PersonContext<'static>>("person.html", true),
        root::<VcardContext<'static>>("vcard.vcf", false),
        root::<AttachmentContext>("attachment.html", true),
        root::<HomeContext>("index.html", true),
        root::<SearchContext>("search.html", true),
        root::<NotFoundContext>("404.html", true),
        root::<NationalContext>("national.html", true),
        root::<ListContext<Vec<CampaignCard>, CampaignsExtra>>("campaigns.html", true),
        root::<DirectiveList>("directives.html", true),
        root::<ListContext<Vec<CountedLink>, ()>>("tags.html", true),
        root::<ListContext<Vec<GuideItem>, ()>>("guides.html", true),
        root::<ListContext<Vec<ContactCard>, ContactsExtra>>("contacts.html", true),
        root::<ListContext<Vec<AttachmentView>, ()>>("attachments.html", true),
        root::<FeedContext>("atom.xml", false),
        root::<FeedContext>("rss.xml", false),
        root::<SitemapContext>("sitemap.xml", false),
        root::<AdminContext>("admin.html", false),
        root::<RedirectContext>("redirect.html", false),
        root::<PosterContext>("poster.html", true),
        root::<EmbedCampaignContext>("embed_campaign.html", true),
        root::<EmbedCampaignsContext>("embed_campaigns.html", true),
        root::<EmbedDeadlinesContext>("embed_deadlines.html", true),
        root::<EmbedSearchContext>("embed_search.html", true),
        root::<ResultsContext>("results.html", true),
        root::<EmbedResultsContext>("embed_results.html", true),
        root::<ScansContext>("scans.html", true),
        root::<DeadlineBlock>("blocks/deadline.html", false),
        root::<ContactBlock>("blocks/contact.html", false),
        root::<AttachmentBlock>("blocks/attachment.html", false),
        root::<QrBlock>("blocks/qr.html", false),
        root::<ContainerBlock<'static>>("blocks/note.html", false),
        root::<ContainerBlock<'static>>("blocks/warning.html", false),
    ]
}

/// Words of Tera's expression language that are not variables.
const KEYWORDS: &[&str] =
    &["and", "or", "not", "in", "is", "if", "else", "true", "false", "none", "True", "False", "None"];

/// One template being checked: the names in scope, innermost last.
struct Checker<'s, 't> {
    templates: &'t BTreeMap<String, String>,
    scopes: Vec<HashMap<String, Node<'s>>>,
    /// The variable paths no view has: (template, path).
    errors: Vec<(String, String)>,
    /// Every template reached, so the test can name those no root reaches.
    reached: std::collections::BTreeSet<String>,
}

impl<'s> Checker<'s, '_> {
    fn lookup(&self, name: &str) -> Option<Node<'s>> {
        self.scopes.iter().rev().find_map(|scope| scope.get(name).cloned())
    }

    /// What `path` (`d.issuer.title`, `d.recipients[0]`) stands for, if every step exists.
    fn resolve(&self, path: &str) -> Option<Node<'s>> {
        let mut parts = path.split('.');
        let first = parts.next()?;
        let (name, mut indexed) = split_index(first);
        let mut node = self.lookup(name)?;
        for _ in 0..indexed {
            node = node.element()?;
        }
        for part in parts {
            let (field, n) = split_index(part);
            indexed = n;
            node = node.field(field)?;
            for _ in 0..indexed {
                node = node.element()?;
            }
        }
        Some(node)
    }

    /// The variable paths of an expression: string literals, keywords, filters, tests,
    /// functions and keyword arguments left out; a path tested with `is defined` may be absent.
    fn paths(&self, expression: &str) -> Vec<(String, bool)> {
        let text = &without_strings(expression);
        let mut out = Vec::new();
        for (start, end) in path_spans(text) {
            let found = &text[start..end];
            let before = text[..start].trim_end();
            let after = text[end..].trim_start();
            let head = found.split(['.', '[']).next().unwrap_or("");
            let is_filter = before.ends_with('|');
            let is_test = before.ends_with(" is") || before.ends_with(" is not") || before == "is";
            let is_call = after.starts_with('(');
            let is_kwarg = after.starts_with('=') && !after.starts_with("==");
            if KEYWORDS.contains(&head) || is_filter || is_test || is_call || is_kwarg {
                continue;
            }
            let defined_test = after.starts_with("is defined") || after.starts_with("is not defined");
            out.push((found.to_owned(), defined_test));
        }
        out
    }

    /// Reports each path of `expression` that no view in scope has.
    fn check_expression(&mut self, template: &str, expression: &str) {
        for (path, may_be_absent) in self.paths(expression) {
            if !may_be_absent && self.resolve(&path).is_none() {
                self.errors.push((template.to_owned(), path));
            }
        }
    }

    /// Checks a template and what it includes and extends, with the names in scope.
    fn check(&mut self, name: &str) {
        self.reached.insert(name.to_owned());
        let Some(source) = self.templates.get(name).cloned() else {
            self.errors.push((name.to_owned(), "(template not found)".to_owned()));
            return;
        };
        for (kind, body) in tags(&source) {
            if kind == "{{" {
                self.check_expression(name, &body);
                continue;
            }
            let (word, rest) = body.split_once(char::is_whitespace).unwrap_or((&body, ""));
            let rest = rest.trim();
            match word {
                "if" | "elif" => self.check_expression(name, rest),
                "for" => self.enter_for(name, rest),
                "endfor" => {
                    self.scopes.pop();
                }
                "set" | "set_global" => self.set(name, rest),
                "include" | "extends" => {
                    let included = rest.trim_matches(|c| c == '"' || c == '\'');
                    self.check(included);
                }
                _ => {}
            }
        }
    }

    /// `{% for x in list %}` / `{% for k, v in map %}`: the loop's names in a new scope.
    fn enter_for(&mut self, template: &str, rest: &str) {
        let (names, list) = rest.split_once(" in ").unwrap_or((rest, ""));
        self.check_expression(template, list);
        let element = self.resolve(list.trim()).and_then(|n| n.element());
        let mut scope = HashMap::new();
        for name in names.split(',').map(str::trim) {
            match &element {
                Some(node) => scope.insert(name.to_owned(), node.clone()),
                None => {
                    self.errors.push((template.to_owned(), format!("{} (not a list)", list.trim())));
                    None
                }
            };
        }
        scope.insert("loop".to_owned(), Node::Loop);
        self.scopes.push(scope);
    }

    /// `{% set x = path %}` or `{% set x = a if test else b %}`: `x` stands for the path (or
    /// for whichever of `a` and `b` exist).
    fn set(&mut self, template: &str, rest: &str) {
        let (name, value) = rest.split_once('=').map_or((rest, ""), |(n, v)| (n.trim(), v.trim()));
        let node = match value.split_once(" if ") {
            Some((then, tail)) => {
                let (test, otherwise) = tail.split_once(" else ").unwrap_or((tail, ""));
                self.check_expression(template, test);
                union([then, otherwise].iter().filter_map(|p| self.resolve(p.trim())).collect())
            }
            None => {
                self.check_expression(template, value);
                self.resolve(value)
            }
        };
        match node {
            Some(node) => {
                self.scopes.last_mut().expect("a scope").insert(name.to_owned(), node);
            }
            None => self.errors.push((template.to_owned(), format!("{value} (in `set {name}`)"))),
        }
    }
}

/// The tags of a template: (`{{` or `{%`, what is inside, without `-` trims).
fn tags(source: &str) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(['{']) {
        let (kind, close) = match rest[at..].get(..2) {
            Some("{{") => ("{{", "}}"),
            Some("{%") => ("{%", "%}"),
            _ => {
                rest = &rest[at + 1..];
                continue;
            }
        };
        let inner = &rest[at + 2..];
        let end = inner.find(close).unwrap_or(inner.len());
        out.push((kind, inner[..end].trim_matches('-').trim().to_owned()));
        rest = inner.get(end + 2..).unwrap_or("");
    }
    out
}

/// An expression with its string literals emptied (`"a.b"` → `""`).
fn without_strings(expression: &str) -> String {
    let mut out = String::with_capacity(expression.len());
    let mut quote = None;
    for c in expression.chars() {
        match quote {
            Some(q) if c == q => {
                out.push(c);
                quote = None;
            }
            Some(_) => {}
            None => {
                if c == '"' || c == '\'' {
                    quote = Some(c);
                }
                out.push(c);
            }
        }
    }
    out
}

/// Where the dotted paths of an expression are (`d.issuer.title`, `d.recipients[0]`).
fn path_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut spans = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = (bytes[i].is_ascii_alphabetic() || bytes[i] == b'_')
            && (i == 0 || !(word(bytes[i - 1]) || bytes[i - 1] == b'.'));
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (word(bytes[i]) || bytes[i] == b'.' || bytes[i] == b'[' || bytes[i] == b']') {
            i += 1;
        }
        spans.push((start, i));
    }
    spans
}

/// `recipients[0]` → ("recipients", 1).
fn split_index(part: &str) -> (&str, usize) {
    match part.find('[') {
        Some(at) => (&part[..at], part[at..].matches('[').count()),
        None => (part, 0),
    }
}

/// The theme's templates by name, and its UI strings (`t`) in Vietnamese.
fn theme() -> (BTreeMap<String, String>, Value) {
    let mut theme =
        super::super::theme::Theme::load(std::path::Path::new("/nonexistent"), "default").expect("the built-in theme");
    theme.load_strings(&["vi".to_owned()]).expect("the theme's strings");
    let templates = theme
        .templates
        .iter()
        .map(|(name, file)| (name.clone(), String::from_utf8(file.bytes.clone()).expect("UTF-8 template")))
        .collect();
    (templates, theme.strings[0].to_value())
}

/// Checks the templates against the views; returns the paths no view has, as
/// "template: `path` is not in View".
fn unknown_paths(templates: &BTreeMap<String, String>, strings: &Value) -> (Vec<String>, Vec<String>) {
    let site = schema_for!(SiteView).to_value();
    let page = schema_for!(PageView).to_value();
    let facets = schema_for!(Facets).to_value();
    let roots = roots();
    let mut messages = Vec::new();
    let mut reached = std::collections::BTreeSet::new();
    for root in &roots {
        let mut globals: HashMap<String, Node<'_>> = HashMap::new();
        globals.insert("site".into(), Node::Schema(&site, &site));
        globals.insert("facets".into(), Node::Schema(&facets, &facets));
        globals.insert("t".into(), Node::Concrete(strings.clone()));
        if root.page {
            globals.insert("page".into(), Node::Schema(&page, &page));
        }
        for (key, schema) in root.schema.get("properties").and_then(Value::as_object).into_iter().flatten() {
            globals.insert(key.clone(), Node::Schema(schema, &root.schema));
        }
        let mut checker = Checker { templates, scopes: vec![globals], errors: Vec::new(), reached: Default::default() };
        checker.check(root.template);
        reached.extend(checker.reached);
        let mut errors = checker.errors;
        errors.dedup();
        messages.extend(errors.into_iter().map(|(template, path)| {
            format!("{template} (rendered as {}): `{path}` is not in {}", root.template, root.view)
        }));
    }
    messages.sort();
    messages.dedup();
    let unreached = templates.keys().filter(|name| !reached.contains(*name)).cloned().collect();
    (messages, unreached)
}

#[test]
fn every_theme_template_reads_only_fields_its_view_has() {
    let (templates, strings) = theme();
    let (unknown, unreached) = unknown_paths(&templates, &strings);
    assert!(unknown.is_empty(), "templates read fields no view has:\n{}", unknown.join("\n"));
    assert!(unreached.is_empty(), "templates with no view type in `roots()`: {unreached:?}");
}

#[test]
fn a_misspelled_or_missing_field_is_named_with_its_template() {
    let (mut templates, strings) = theme();
    let broken = |templates: &mut BTreeMap<String, String>, name: &str, from: &str, to: &str| {
        let source = templates.get_mut(name).expect("template");
        assert!(source.contains(from), "{name} has `{from}`");
        *source = source.replacen(from, to, 1);
    };
    broken(&mut templates, "directive.html", "{% if d.urgency %}", "{% if d.urgent %}");
    broken(&mut templates, "partials/edit_links.html", "item.edit.history_url %}", "item.edit.history %}");
    broken(&mut templates, "base.html", "{{ t.", "{{ t.no_such_string }}{{ t.");
    let (unknown, _) = unknown_paths(&templates, &strings);
    let has = |text: &str| unknown.iter().any(|m| m.contains(text));
    assert!(has("directive.html (rendered as directive.html): `d.urgent` is not in DirectiveContext"), "{unknown:#?}");
    assert!(has("partials/edit_links.html (rendered as campaign.html): `item.edit.history`"), "{unknown:#?}");
    assert!(has("base.html (rendered as 404.html): `t.no_such_string` is not in NotFoundContext"), "{unknown:#?}");
}
