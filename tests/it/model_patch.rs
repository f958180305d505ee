//! The model patched in place (`content::patch`, what `loa serve` does after a page edit)
//! equals the model assembled from every file again, with the same diagnostics, after any
//! sequence of edits: a field swapped with another file's (tags, date, campaigns, issuer,
//! type, deadlines, number, attachments, title, an organization's parent, a person's
//! organization…), a body changed, a file added or deleted, a file broken and repaired.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use loa::config::Config;
use loa::content::attachments::FileHashes;
use loa::content::load::{self, Loaded};
use loa::content::{self, Edit, Preview, Site};
use loa::diag::Diagnostic;
use proptest::prelude::*;

use super::support::TestSite;

/// The sample portal in one language (a patch leaves multilingual models to assembly).
fn one_language_portal() -> TestSite {
    let site = TestSite::sample_portal();
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &config.replace("languages: [vi, en]", "languages: [vi]"));
    for path in load::content_files(&site.root().join("content")) {
        if path.to_string_lossy().ends_with(".en.md") {
            std::fs::remove_file(path).unwrap();
        }
    }
    site
}

/// A map as sorted text: two equal maps print alike whatever their hashers.
fn sorted<K: Ord + std::fmt::Debug, V: std::fmt::Debug>(map: &HashMap<K, V>) -> String {
    format!("{:?}", map.iter().collect::<BTreeMap<_, _>>())
}

/// Everything in a model, as text. Every field is named: a new one must be compared too.
fn canonical(site: &Site) -> String {
    let Site {
        root,
        config,
        campaigns,
        directives,
        guides,
        organizations,
        people,
        attachments,
        links,
        short_links,
        changed,
        language,
        translations,
        editions,
        moment,
        scheduled,
        published,
        results,
        life,
        derived,
        scans,
    } = site;
    let content::site::Links {
        campaign_by_slug,
        directive_by_slug,
        guide_by_slug,
        contact_by_slug,
        attachment_by_slug,
        attachment_by_path,
        directive_by_number,
        directives_of_campaign,
        guides_of_campaign,
        directives_of_issuer,
        children_of_organization,
        people_of_organization,
        campaigns_of_contact,
        directives_of_contact,
        guides_of_contact,
        users_of_attachment,
        citations_of_directive,
        results_of_campaign,
    } = &**links;
    let content::shortlinks::ShortLinks { links: codes, primary, retired, registry, changed: registry_changed } =
        short_links;
    [
        format!("{root:?}\n{config:?}\n{campaigns:#?}\n{directives:#?}\n{guides:#?}\n{organizations:#?}"),
        format!("{people:#?}\n{attachments:#?}\n{language}\n{translations:?}\n{moment:?}\n{scheduled:#?}"),
        format!("{published:#?}\n{codes:?}\n{retired:?}\n{registry}\n{registry_changed}\n"),
        format!("{}\n{}\n{}", sorted(primary), sorted(changed), editions.iter().map(canonical).collect::<String>()),
        [campaign_by_slug, directive_by_slug, guide_by_slug, attachment_by_slug, directive_by_number]
            .iter()
            .map(|m| sorted(m))
            .collect::<Vec<_>>()
            .join("\n"),
        sorted(contact_by_slug),
        sorted(attachment_by_path),
        format!("{directives_of_campaign:?}\n{guides_of_campaign:?}\n{directives_of_issuer:?}"),
        format!("{children_of_organization:?}\n{people_of_organization:?}\n{users_of_attachment:?}"),
        format!(
            "{citations_of_directive:?}\n{results_of_campaign:?}\n{results:#?}\n{life:#?}\n{derived:#?}\n{scans:?}"
        ),
        [campaigns_of_contact, directives_of_contact, guides_of_contact].iter().map(|m| sorted(m)).collect(),
    ]
    .join("\n")
}

/// One step of a random sequence, read against the portal's files at that moment.
#[derive(Debug, Clone)]
enum Step {
    /// File `a` takes file `b`'s block of the front matter's `key`-th key (or loses it).
    Swap {
        a: usize,
        b: usize,
        key: usize,
    },
    Body(usize),
    Delete(usize),
    /// A copy of file `a` under a new name.
    New(usize),
    /// File `a` made invalid: a bad date, an unknown campaign or issuer, broken YAML.
    Break {
        a: usize,
        how: usize,
    },
    /// File `a` back to what it was at the start (a deleted file comes back).
    Repair(usize),
}

fn step() -> impl Strategy<Value = Step> {
    let n = 0..1000usize;
    prop_oneof![
        4 => (n.clone(), n.clone(), n.clone()).prop_map(|(a, b, key)| Step::Swap { a, b, key }),
        1 => n.clone().prop_map(Step::Body),
        1 => n.clone().prop_map(Step::Delete),
        1 => n.clone().prop_map(Step::New),
        1 => (n.clone(), 0..4usize).prop_map(|(a, how)| Step::Break { a, how }),
        1 => n.prop_map(Step::Repair),
    ]
}

/// A file's front matter split into top-level keys, each with its indented lines.
fn blocks(text: &str) -> Option<(Vec<(String, String)>, &str)> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let (front, body) = (&rest[..end + 1], &rest[end + 5..]);
    let mut blocks: Vec<(String, String)> = Vec::new();
    for line in front.lines() {
        match (line.starts_with([' ', '-']), blocks.last_mut()) {
            (true, Some((_, block))) => block.push_str(&format!("{line}\n")),
            _ => blocks.push((line.split(':').next().unwrap_or("").to_owned(), format!("{line}\n"))),
        }
    }
    Some((blocks, body))
}

fn join(blocks: &[(String, String)], body: &str) -> String {
    format!("---\n{}---\n{body}", blocks.iter().map(|(_, b)| b.as_str()).collect::<String>())
}

/// The portal as the test edits it: its files, and the parsed files as the server keeps them.
struct Portal {
    site: TestSite,
    originals: BTreeMap<PathBuf, String>,
    files: BTreeMap<PathBuf, (Option<Loaded>, Vec<Diagnostic>)>,
    config: Config,
    hashes: FileHashes,
    copies: usize,
}

const PREVIEW: Preview = Preview { drafts: false, scheduled: true };

impl Portal {
    fn new() -> Portal {
        let site = one_language_portal();
        let root = site.root();
        let config = Config::load(&root.join("site.yaml"), Path::new("site.yaml"), None).expect("site.yaml");
        let originals = load::content_files(&root.join("content")).into_iter().map(|p| (p.clone(), read(&p))).collect();
        let hashes = FileHashes::load(&root).remembering();
        let mut portal = Portal { site, originals, files: BTreeMap::new(), config, hashes, copies: 0 };
        let paths = portal.paths();
        portal.files = paths.iter().map(|p| (p.clone(), portal.load(p))).collect();
        portal
    }

    fn paths(&self) -> Vec<PathBuf> {
        load::scan(&self.site.root().join("content")).0
    }

    fn load(&self, path: &Path) -> (Option<Loaded>, Vec<Diagnostic>) {
        load::load_file(&self.site.root(), path, &self.config.languages, self.config.max_file_bytes)
    }

    /// Every file read again and the model assembled from them, as a full rebuild does.
    fn assembled(&self) -> (Site, Vec<Diagnostic>) {
        let root = self.site.root();
        let (paths, mut problems) = load::scan(&root.join("content"));
        let mut loaded = Vec::new();
        for path in &paths {
            let (item, file_problems) = self.load(path);
            loaded.extend(item);
            problems.extend(file_problems);
        }
        content::assemble(&root, self.config.clone(), loaded, PREVIEW, &self.hashes, problems)
    }

    /// Applies one step to the files on disk; returns the files it changed.
    fn apply(&mut self, step: &Step) -> Vec<PathBuf> {
        let paths = self.paths();
        let pick = |i: usize| paths[i % paths.len()].clone();
        match *step {
            Step::Swap { a, b, key } => {
                let (a, b) = (pick(a), pick(b));
                let (text_a, text_b) = (read(&a), read(&b));
                let (Some((mut own, body)), Some((theirs, _))) = (blocks(&text_a), blocks(&text_b)) else {
                    return Vec::new();
                };
                let Some((name, _)) = theirs.get(key % theirs.len().max(1)).cloned() else { return Vec::new() };
                let block = theirs.iter().find(|(k, _)| *k == name).map(|(_, b)| b.clone());
                match (own.iter().position(|(k, _)| *k == name), block) {
                    (Some(i), Some(block)) => own[i].1 = block,
                    (None, Some(block)) => own.push((name, block)),
                    (Some(i), None) => drop(own.remove(i)),
                    (None, None) => {}
                }
                write(&a, &join(&own, body));
                vec![a]
            }
            Step::Body(a) => {
                let a = pick(a);
                write(&a, &format!("{}\nMột đoạn mới.\n", read(&a)));
                vec![a]
            }
            Step::Delete(a) => {
                let a = pick(a);
                std::fs::remove_file(&a).unwrap();
                vec![a]
            }
            Step::New(a) => {
                let a = pick(a);
                self.copies += 1;
                let name = format!("ban-sao-{}.md", self.copies);
                let copy = a.with_file_name(name);
                write(&copy, &read(&a));
                vec![copy]
            }
            Step::Break { a, how } => {
                let a = pick(a);
                let text = read(&a);
                let broken = match how {
                    0 => text.replacen("\ndate: ", "\ndate: 2024-13-45\nx_date: ", 1),
                    1 => text.replacen("\ncampaigns:\n", "\ncampaigns:\n  - chien-dich-khong-co\n", 1),
                    2 => text.replacen("\nissuer: ", "\nissuer: khong-co-ai\nx_issuer: ", 1),
                    _ => text.replacen("\ntitle: ", "\ntitle: [chưa đóng\nx_title: ", 1),
                };
                write(&a, &broken);
                vec![a]
            }
            Step::Repair(a) => {
                let originals: Vec<&PathBuf> = self.originals.keys().collect();
                let a = originals[a % originals.len()].clone();
                write(&a, &self.originals[&a]);
                vec![a]
            }
        }
    }

    /// The files at `paths` read again (or forgotten), and the model patched with them.
    fn patch(&mut self, model: &mut Site, paths: &[PathBuf]) -> Vec<Diagnostic> {
        let root = self.site.root();
        let mut edits = Vec::new();
        for path in paths {
            if path.exists() {
                let (item, problems) = self.load(path);
                self.files.insert(path.clone(), (item.clone(), problems));
                match item {
                    Some(item) => edits.push(Edit::Put(Box::new(item))),
                    None => edits.push(Edit::Remove(path.strip_prefix(&root).unwrap().to_path_buf())),
                }
            } else {
                self.files.remove(path);
                edits.push(Edit::Remove(path.strip_prefix(&root).unwrap().to_path_buf()));
            }
        }
        let (_, mut problems) = load::scan(&root.join("content"));
        problems.extend(self.files.values().flat_map(|(_, p)| p.iter().cloned()));
        content::patch(model, edits, PREVIEW, &self.hashes, problems).expect("a one-language model patches")
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_patched_model_equals_the_model_assembled_again(steps in proptest::collection::vec(step(), 1..8)) {
        let mut portal = Portal::new();
        let (mut model, _) = portal.assembled();
        for step in &steps {
            let paths = portal.apply(step);
            let patched = portal.patch(&mut model, &paths);
            let (fresh, diagnostics) = portal.assembled();
            prop_assert_eq!(&patched, &diagnostics, "diagnostics after {:?}", step);
            let (patched, fresh) = (canonical(&model), canonical(&fresh));
            if patched != fresh {
                let line = patched.lines().zip(fresh.lines()).position(|(a, b)| a != b).unwrap_or(0);
                let context = |text: &str| text.lines().skip(line.saturating_sub(3)).take(8).collect::<Vec<_>>().join("\n");
                prop_assert!(false, "model differs after {:?} at line {}:\npatched:\n{}\nassembled:\n{}",
                    step, line, context(&patched), context(&fresh));
            }
        }
    }
}

/// The steps above do reach the model: an edit that moves a directive changes it.
#[test]
fn a_swap_of_dates_changes_the_model() {
    let mut portal = Portal::new();
    let (mut model, _) = portal.assembled();
    let before = canonical(&model);
    let directives: Vec<usize> =
        (0..portal.paths().len()).filter(|&i| portal.paths()[i].to_string_lossy().contains("/directives/")).collect();
    let (a, b) = (directives[0], directives[directives.len() - 1]);
    let (theirs, _) = blocks(&read(&portal.paths()[b])).expect("front matter");
    let key = theirs.iter().position(|(k, _)| k == "date").expect("a date");
    let step = Step::Swap { a, b, key };
    let paths = portal.apply(&step);
    portal.patch(&mut model, &paths);
    assert_ne!(before, canonical(&model), "{step:?} changed nothing");
    assert_eq!(canonical(&model), canonical(&portal.assembled().0));
}

/// A deadline warning names the date written at its position, whether the model was patched
/// (its unedited directives keep an extension's moved date) or assembled again.
#[test]
fn a_patched_model_warns_of_the_written_deadline_an_extension_moved() {
    let mut portal = Portal::new();
    let (mut model, _) = portal.assembled();
    let find = |part: &str| portal.paths().into_iter().find(|p| p.to_string_lossy().contains(part)).unwrap();
    let target = find("day-manh-phong-trao-thi-dua-yeu-nuoc-dien-hinh-tien-tien/index.md");
    let extension = find("gia-han-gui-danh-sach-dien-hinh-tien-tien.md");
    // Dated after both the written deadline (2023-05-20) and the extended one (2023-05-31).
    let text = read(&target);
    let dated = text.lines().map(|l| if l.starts_with("date: ") { "date: 2023-06-15" } else { l }).collect::<Vec<_>>();
    write(&target, &(dated.join("\n") + "\n"));
    portal.patch(&mut model, std::slice::from_ref(&target));
    write(&extension, &format!("{}\nMột đoạn mới.\n", read(&extension)));
    let patched = portal.patch(&mut model, &[extension]);
    let (fresh, diagnostics) = portal.assembled();
    let warning = |all: &[Diagnostic]| all.iter().map(|d| format!("{d:?}")).find(|d| d.contains("2023-05-"));
    assert!(warning(&diagnostics).is_some_and(|w| w.contains("2023-05-20")), "the written date: {diagnostics:?}");
    assert_eq!(patched, diagnostics);
    assert_eq!(canonical(&model), canonical(&fresh));
}
