//! The whole portal as one model: every kind of content, looked up by slug, with the
//! reverse links (a campaign's directives, a person's campaigns) computed once.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use super::load::Loaded;
use super::model::*;
use crate::config::Config;
use crate::date::DateTime;
use crate::text;

/// A contact: people and organizations share one namespace of slugs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContactRef {
    Person(usize),
    Organization(usize),
}

#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// Newest first.
    pub campaigns: Vec<Campaign>,
    /// Newest first (by date, then slug). Shared, so that `loa serve` keeps the model before
    /// an edit beside the patched one without copying ten thousand directives.
    pub directives: Vec<Arc<Directive>>,
    pub guides: Vec<Guide>,
    pub organizations: Vec<Organization>,
    pub people: Vec<Person>,
    /// Kết quả: the winners of contests, in file order.
    pub results: Vec<ResultSet>,
    /// Shared with the model before an edit (`loa serve`), as `directives`.
    pub attachments: Arc<Vec<Attachment>>,
    /// Shared with the model before an edit (`loa serve`), as `directives`: a patch makes
    /// its links anew ([`super::reach`]) from these, which it only reads.
    pub links: Arc<Links>,
    /// Short codes for QR links, resolved against `short-links.yaml`.
    pub short_links: super::shortlinks::ShortLinks,
    /// When each content file last changed (Git history), read when edit links are on.
    pub changed: HashMap<PathBuf, crate::date::PartialDate>,
    /// The language of this model: the default (`vi`) for the portal itself, another code
    /// for a language edition.
    pub language: String,
    /// Translation files as loaded (`index.en.md`), before they replace their originals in
    /// the editions. Empty with `languages: [vi]`.
    pub translations: Vec<Loaded>,
    /// One model per other language (`languages[1..]`): every item, translated ones in place
    /// of their originals (`Source::translation` set), untranslated ones as they are. Only
    /// translated items get pages, list entries, feed items and search entries in that
    /// language; links to the others go to the Vietnamese page. Empty with `[vi]`.
    pub editions: Vec<Site>,
    /// The moment publication is decided for (Vietnam time): see `Config::build_moment`.
    pub moment: DateTime,
    /// Campaigns, directives and guides whose `publish:` moment is after `moment`: in no
    /// output unless previewed (`loa serve`, `--drafts`), listed by `loa check`.
    pub scheduled: Vec<Scheduled>,
    /// The record of published pages and the redirects of deleted ones.
    pub published: Arc<super::published::Published>,
    /// Each directive's effect, status and relations, derived by `life::derive` (same
    /// order as `directives`).
    pub life: Vec<super::life::Life>,
    /// What steps of the derivation found, kept for a patch that does not reach them.
    pub derived: super::reach::Derived,
    /// QR scan counts from `data/scans.json`, when the portal has them.
    pub scans: Option<super::scans::ScanData>,
}

/// A file held back until its `publish:` moment.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Scheduled {
    /// `campaign`, `directive` or `guide`.
    pub kind: &'static str,
    pub slug: String,
    pub title: String,
    pub file: PathBuf,
    /// `2026-12-08T08:00`, Vietnam time.
    #[serde(serialize_with = "as_text")]
    pub publish: DateTime,
}

/// A moment as written in front matter, `2026-12-08T08:00`.
fn as_text<S: serde::Serializer>(moment: &DateTime, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(moment)
}

/// What a preview publishes beyond a public build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Preview {
    /// Files marked `draft: true`.
    pub drafts: bool,
    /// Files whose `publish:` moment has not come yet, shown with a banner.
    pub scheduled: bool,
}

/// Lookups and reverse links, computed once in O(n) after loading.
#[derive(Debug, Default, Clone)]
pub struct Links {
    pub campaign_by_slug: HashMap<String, usize>,
    pub directive_by_slug: HashMap<String, usize>,
    pub guide_by_slug: HashMap<String, usize>,
    pub contact_by_slug: HashMap<String, ContactRef>,
    pub attachment_by_slug: HashMap<String, usize>,
    /// An attachment's file as `Attachment::path` names it (`content/…`) → its index: an
    /// edit of a page's attachments finds the files it cites without resolving every page's.
    pub attachment_by_path: HashMap<PathBuf, usize>,
    /// Folded document number (`1338-cv/duk`) → directive.
    pub directive_by_number: HashMap<String, usize>,
    pub directives_of_campaign: Vec<Vec<usize>>,
    pub guides_of_campaign: Vec<Vec<usize>>,
    pub directives_of_issuer: Vec<Vec<usize>>,
    pub children_of_organization: Vec<Vec<usize>>,
    pub people_of_organization: Vec<Vec<usize>>,
    /// For each contact slug: the campaigns, directives and guides that name it.
    pub campaigns_of_contact: HashMap<String, Vec<usize>>,
    pub directives_of_contact: HashMap<String, Vec<usize>>,
    pub guides_of_contact: HashMap<String, Vec<usize>>,
    /// For each attachment: the pages that attach it.
    pub users_of_attachment: Vec<Vec<AttachmentUser>>,
    /// Directives that cite each directive in their căn cứ.
    pub citations_of_directive: Vec<Vec<usize>>,
    /// For each campaign: its result files (Kết quả), in file order.
    pub results_of_campaign: Vec<Vec<usize>>,
}

/// A page that attaches a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum AttachmentUser {
    Directive(usize),
    Campaign(usize),
    Guide(usize),
}

impl Site {
    /// Sorts the loaded files into the model, leaving drafts and files scheduled for later
    /// out unless previewed.
    pub fn assemble(root: PathBuf, config: Config, loaded: Vec<Loaded>, preview: Preview) -> Site {
        let moment = config.build_moment();
        let mut site = Site {
            root,
            config,
            campaigns: Vec::new(),
            directives: Vec::new(),
            guides: Vec::new(),
            organizations: Vec::new(),
            people: Vec::new(),
            results: Vec::new(),
            attachments: Default::default(),
            links: Default::default(),
            short_links: Default::default(),
            changed: HashMap::new(),
            language: crate::i18n::DEFAULT_LANGUAGE.to_owned(),
            translations: Vec::new(),
            editions: Vec::new(),
            moment,
            scheduled: Vec::new(),
            published: Default::default(),
            life: Vec::new(),
            derived: Default::default(),
            scans: None,
        };
        let drafts = preview.drafts;
        for item in loaded {
            if let Some(held) = scheduled(&item, moment) {
                site.scheduled.push(held);
                if !preview.scheduled {
                    continue;
                }
            }
            match item {
                Loaded::Campaign(c) if drafts || !c.draft => site.campaigns.push(c),
                Loaded::Directive(d) if drafts || !d.draft => site.directives.push(Arc::new(d)),
                Loaded::Guide(g) if drafts || !g.draft => site.guides.push(g),
                Loaded::Organization(o) => site.organizations.push(o),
                Loaded::Person(p) => site.people.push(p),
                Loaded::Result(r) if drafts || !r.draft => site.results.push(r),
                _ => {}
            }
        }
        site.directives.sort_by(|a, b| directive_order(a, b));
        site.campaigns.sort_by(campaign_order);
        site.guides.sort_by(|a, b| by_slug(&a.source, &b.source));
        site.scheduled.sort_by(scheduled_order);
        site.organizations.sort_by(|a, b| by_slug(&a.source, &b.source));
        site.people.sort_by(|a, b| by_slug(&a.source, &b.source));
        site.results.sort_by(|a, b| by_slug(&a.source, &b.source));
        site.index_slugs();
        site
    }

    /// Puts new versions of files into the model, adds new files and takes out deleted ones,
    /// each where [`Site::assemble`] would have sorted it. Derived data is left as it was:
    /// see [`super::patch`].
    pub(super) fn patch_items(&mut self, edits: Vec<super::Edit>, preview: Preview) {
        for edit in edits {
            let path = match &edit {
                super::Edit::Put(item) => item.source().path.clone(),
                super::Edit::Remove(path) => path.clone(),
            };
            // Paths of the model are made one way (relative to the root): their bytes compare,
            // without `Path`'s component by component comparison ten thousand times.
            let other = |p: &std::path::Path| p.as_os_str() != path.as_os_str();
            self.campaigns.retain(|c| other(&c.source.path));
            self.directives.retain(|d| other(&d.source.path));
            self.guides.retain(|g| other(&g.source.path));
            self.organizations.retain(|o| other(&o.source.path));
            self.people.retain(|p| other(&p.source.path));
            self.results.retain(|r| other(&r.source.path));
            self.scheduled.retain(|s| other(&s.file));
            if let super::Edit::Put(item) = edit {
                self.insert_item(*item, preview);
            }
        }
    }

    /// One file into the model, as [`Site::assemble`] takes it (or leaves it out).
    fn insert_item(&mut self, item: Loaded, preview: Preview) {
        if let Some(held) = scheduled(&item, self.moment) {
            insert_sorted(&mut self.scheduled, held, scheduled_order);
            if !preview.scheduled {
                return;
            }
        }
        let slugs = |a: &Source, b: &Source| by_slug(a, b);
        match item {
            Loaded::Campaign(c) if preview.drafts || !c.draft => insert_sorted(&mut self.campaigns, c, campaign_order),
            Loaded::Directive(d) if preview.drafts || !d.draft => {
                insert_sorted(&mut self.directives, Arc::new(d), |a, b| directive_order(a, b))
            }
            Loaded::Guide(g) if preview.drafts || !g.draft => {
                insert_sorted(&mut self.guides, g, |a, b| slugs(&a.source, &b.source))
            }
            Loaded::Organization(o) => insert_sorted(&mut self.organizations, o, |a, b| slugs(&a.source, &b.source)),
            Loaded::Person(p) => insert_sorted(&mut self.people, p, |a, b| slugs(&a.source, &b.source)),
            Loaded::Result(r) if preview.drafts || !r.draft => {
                insert_sorted(&mut self.results, r, |a, b| slugs(&a.source, &b.source))
            }
            _ => {}
        }
    }

    /// First pass of links: slug lookups, needed by validation. Starts from no links.
    pub(super) fn index_slugs(&mut self) {
        let mut links = Links {
            campaign_by_slug: self.campaigns.iter().enumerate().map(|(i, c)| (c.source.slug.clone(), i)).collect(),
            ..Links::default()
        };
        // A renamed campaign lists its old slug in `aliases`; refs to the old slug still resolve.
        for (i, campaign) in self.campaigns.iter().enumerate() {
            for alias in &campaign.aliases {
                let slug =
                    crate::text::slugify(alias.value.trim_end_matches('/').rsplit('/').next().unwrap_or(&alias.value));
                links.campaign_by_slug.entry(slug).or_insert(i);
            }
        }
        links.directive_by_slug = self.directives.iter().enumerate().map(|(i, d)| (d.source.slug.clone(), i)).collect();
        links.guide_by_slug = self.guides.iter().enumerate().map(|(i, g)| (g.source.slug.clone(), i)).collect();
        links.contact_by_slug = self
            .organizations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.source.slug.clone(), ContactRef::Organization(i)))
            .chain(self.people.iter().enumerate().map(|(i, p)| (p.source.slug.clone(), ContactRef::Person(i))))
            .collect();
        for (i, directive) in self.directives.iter().enumerate() {
            if let Some(number) = directive.number.as_ref().filter(|n| n.number.is_some()) {
                links.directive_by_number.entry(number.key.clone()).or_insert(i);
            }
        }
        self.links = Arc::new(links);
    }

    /// Second pass: reverse links, once refs are known to be valid.
    pub fn link(&mut self) {
        let campaign_count = self.campaigns.len();
        let mut links = Arc::unwrap_or_clone(std::mem::take(&mut self.links));
        links.attachment_by_slug = self.attachments.iter().enumerate().map(|(i, a)| (a.slug.clone(), i)).collect();
        links.attachment_by_path = self.attachments.iter().enumerate().map(|(i, a)| (a.path.clone(), i)).collect();
        links.directives_of_campaign = vec![Vec::new(); campaign_count];
        links.guides_of_campaign = vec![Vec::new(); campaign_count];
        links.directives_of_issuer = vec![Vec::new(); self.organizations.len()];
        links.children_of_organization = vec![Vec::new(); self.organizations.len()];
        links.people_of_organization = vec![Vec::new(); self.organizations.len()];
        links.users_of_attachment = vec![Vec::new(); self.attachments.len()];
        links.citations_of_directive = vec![Vec::new(); self.directives.len()];
        links.results_of_campaign = vec![Vec::new(); campaign_count];
        for (i, result) in self.results.iter().enumerate() {
            if let Some(&c) = links.campaign_by_slug.get(&result.campaign.value) {
                links.results_of_campaign[c].push(i);
            }
        }
        links.directives_of_contact = HashMap::new();
        links.campaigns_of_contact = HashMap::new();
        links.guides_of_contact = HashMap::new();

        for (i, directive) in self.directives.iter().enumerate() {
            link_directive(&mut links, i, directive);
        }
        for (i, campaign) in self.campaigns.iter().enumerate() {
            for contact in &campaign.contacts {
                links.campaigns_of_contact.entry(contact.value.clone()).or_default().push(i);
            }
            for use_ in &campaign.attachments {
                if let Some(a) = use_.attachment {
                    links.users_of_attachment[a].push(AttachmentUser::Campaign(i));
                }
            }
        }
        for (i, guide) in self.guides.iter().enumerate() {
            for campaign in &guide.campaigns {
                if let Some(&c) = links.campaign_by_slug.get(&campaign.value) {
                    links.guides_of_campaign[c].push(i);
                }
            }
            for contact in &guide.contacts {
                links.guides_of_contact.entry(contact.value.clone()).or_default().push(i);
            }
            for use_ in &guide.attachments {
                if let Some(a) = use_.attachment {
                    links.users_of_attachment[a].push(AttachmentUser::Guide(i));
                }
            }
        }
        for (i, org) in self.organizations.iter().enumerate() {
            if let Some(ContactRef::Organization(p)) =
                org.parent.as_ref().and_then(|r| links.contact_by_slug.get(&r.value))
            {
                links.children_of_organization[*p].push(i);
            }
        }
        for (i, person) in self.people.iter().enumerate() {
            if let Some(ContactRef::Organization(o)) =
                person.organization.as_ref().and_then(|r| links.contact_by_slug.get(&r.value))
            {
                links.people_of_organization[*o].push(i);
            }
        }
        for users in &mut links.users_of_attachment {
            users.sort();
            users.dedup();
        }
        self.links = Arc::new(links);
    }

    /// Whether a page with this `publish:` moment is shown before its time (a preview).
    pub fn is_scheduled(&self, publish: &Option<super::fields::Spanned<DateTime>>) -> bool {
        publish.as_ref().is_some_and(|p| p.value > self.moment)
    }

    /// Old paths of renamed pages (`aliases:`) → their pages' paths.
    pub fn alias_redirects(&self) -> Vec<(String, String)> {
        use super::paths;
        let mut redirects = Vec::new();
        let mut add = |aliases: &[super::fields::Spanned<String>], kind_path: fn(&str) -> String, to: String| {
            for alias in aliases {
                let value = alias.value.trim();
                let from = if value.starts_with('/') {
                    format!("{}/", value.trim_end_matches('/'))
                } else {
                    kind_path(&text::slugify(value))
                };
                if from != to {
                    redirects.push((from, to.clone()));
                }
            }
        };
        for c in &self.campaigns {
            add(&c.aliases, paths::campaign, paths::campaign(&c.source.slug));
        }
        for g in &self.guides {
            add(&g.aliases, paths::guide, paths::guide(&g.source.slug));
        }
        for d in &self.directives {
            add(&d.aliases, paths::directive, paths::directive(&d.source.slug));
        }
        redirects
    }

    /// Whether this model is a language edition (not the default language).
    pub fn is_edition(&self) -> bool {
        self.language != crate::i18n::DEFAULT_LANGUAGE
    }

    /// Whether an item is published in this model's language: always in the default
    /// language; in an edition only when translated.
    pub fn published(&self, source: &Source) -> bool {
        !self.is_edition() || source.translation.is_some()
    }

    pub fn contact(&self, slug: &str) -> Option<ContactRef> {
        self.links.contact_by_slug.get(slug).copied()
    }

    pub fn organization(&self, slug: &str) -> Option<&Organization> {
        match self.contact(slug)? {
            ContactRef::Organization(i) => Some(&self.organizations[i]),
            ContactRef::Person(_) => None,
        }
    }

    pub fn campaign(&self, slug: &str) -> Option<&Campaign> {
        self.links.campaign_by_slug.get(slug).map(|&i| &self.campaigns[i])
    }

    /// The directive in the portal with this number, for linking căn cứ.
    pub fn directive_by_number(&self, number: &str) -> Option<usize> {
        self.links.directive_by_number.get(&number_key(number)).copied()
    }

    /// Whether a directive is laid out in the Party format (T/M, K/T): derived from its
    /// issuer, the issuer's parents and its number's shape (`content/format.rs`).
    pub fn is_party_issuer(&self, directive: &Directive) -> bool {
        super::format::directive_format(self, directive) == super::format::Format::Party
    }
}

/// The file's schedule when its `publish:` moment is after `moment`.
/// Adds directive `i` to the lists of what it names: its campaigns, issuer, contacts,
/// attachments and the directives it cites. Shared by a full link and a patch's relinking.
pub(super) fn link_directive(links: &mut Links, i: usize, directive: &Directive) {
    for campaign in &directive.campaigns {
        if let Some(&c) = links.campaign_by_slug.get(&campaign.value) {
            links.directives_of_campaign[c].push(i);
        }
    }
    if let Some(ContactRef::Organization(o)) =
        directive.issuer.as_ref().and_then(|r| links.contact_by_slug.get(&r.value))
    {
        links.directives_of_issuer[*o].push(i);
    }
    for contact in &directive.contacts {
        links.directives_of_contact.entry(contact.value.clone()).or_default().push(i);
    }
    for use_ in &directive.attachments {
        if let Some(a) = use_.attachment {
            links.users_of_attachment[a].push(AttachmentUser::Directive(i));
        }
    }
    for reference in &directive.references {
        let cited = reference.number.as_ref().and_then(|n| links.directive_by_number.get(&n.key));
        if let Some(&cited) = cited.filter(|&&c| c != i) {
            links.citations_of_directive[cited].push(i);
        }
    }
}

fn scheduled(item: &Loaded, moment: DateTime) -> Option<Scheduled> {
    let (kind, title, publish) = match item {
        Loaded::Campaign(c) => ("campaign", &c.title, &c.publish),
        Loaded::Directive(d) => ("directive", &d.title, &d.publish),
        Loaded::Guide(g) => ("guide", &g.title, &g.publish),
        Loaded::Result(r) => ("result", &r.title, &r.publish),
        Loaded::Organization(_) | Loaded::Person(_) => return None,
    };
    let publish = publish.as_ref().filter(|p| p.value > moment)?.value;
    let source = item.source();
    Some(Scheduled { kind, slug: source.slug.clone(), title: title.clone(), file: source.path.clone(), publish })
}

/// The model's order of directives: newest first (by date), then by slug, then by file
/// (equal only for two files of one slug, which validation refuses).
fn directive_order(a: &Directive, b: &Directive) -> std::cmp::Ordering {
    let date = |d: &Directive| d.date.as_ref().map(|s| s.value.first_day());
    date(b).cmp(&date(a)).then_with(|| by_slug(&a.source, &b.source))
}

/// Campaigns: the latest start first, then by slug and file.
fn campaign_order(a: &Campaign, b: &Campaign) -> std::cmp::Ordering {
    let start = |c: &Campaign| c.start.as_ref().map(|s| s.value.first_day());
    start(b).cmp(&start(a)).then_with(|| by_slug(&a.source, &b.source))
}

/// By slug, then by file.
fn by_slug(a: &Source, b: &Source) -> std::cmp::Ordering {
    a.slug.cmp(&b.slug).then_with(|| a.path.cmp(&b.path))
}

fn scheduled_order(a: &Scheduled, b: &Scheduled) -> std::cmp::Ordering {
    (a.publish, &a.file).cmp(&(b.publish, &b.file))
}

/// Inserts `item` into `items` (sorted by `order`) after every item not greater than it: where
/// a stable sort would have put it.
fn insert_sorted<T>(items: &mut Vec<T>, item: T, order: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let at = items.partition_point(|x| order(x, &item) != std::cmp::Ordering::Greater);
    items.insert(at, item);
}

/// Numbers compare without case, diacritics or spaces: `1338-CV/ĐUK` = `1338 -cv/duk`.
pub fn number_key(number: &str) -> String {
    text::fold(&number.split_whitespace().collect::<String>())
}
