//! The one sequencer (plan → jobs → render → sink) as `loa build` and `loa serve` use it:
//! which jobs an edit reaches, that a full render in `loa serve` ends as a build does, and
//! the set of files the sample portal's build makes.

use std::collections::BTreeSet;
use std::path::Path;

use loa::content::model::Kind;
use loa::content::{self, LoadOptions, Site};
use loa::feeds;
use loa::render::lists::{ListKind, ListPage, Lists};
use loa::render::server_files;
use loa::render::{Job, pages};
use loa::serve::incremental::{Changed, Stages, affected_jobs, body_jobs, deleted_pages, stages};
use loa::serve::session::Session;

use crate::support::TestSite;

const PLAN: &str = "content/directives/2024/kh-45-skhcn.md";
const OTHER: &str = "content/directives/2024/cv-12-duk/index.md";

/// The model of the portal as it is on disk now.
fn model(site: &TestSite) -> Site {
    let options = LoadOptions { drafts: false, base_url: None };
    let (model, diagnostics) = content::load_site(&site.root(), &options, &content::attachments::FileHashes::default());
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    model.expect("a model")
}

fn edit(site: &TestSite, relative: &str, from: &str, to: &str) {
    let path = site.root().join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{relative} holds {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn directive(site: &Site, slug: &str) -> usize {
    site.links.directive_by_slug[slug]
}

fn list(list: ListKind) -> Job {
    Job::List(ListPage { list, page: 1 })
}

fn changed(slug: &str) -> Vec<Changed> {
    vec![Changed { kind: Kind::Directive, slug: slug.into() }]
}

/// The jobs an edit of the plan's front matter reaches: `edit` goes from the portal as it
/// is to the edited one.
fn front_matter_jobs(site: &TestSite, from: &str, to: &str) -> (Site, Vec<Job>) {
    let old = model(site);
    let old_lists = Lists::new(&old);
    edit(site, PLAN, from, to);
    let new = model(site);
    let new_lists = Lists::new(&new);
    let jobs = affected_jobs((&old, &old_lists), (&new, &new_lists), &changed("kh-45-skhcn")).expect("tracked");
    (new, jobs)
}

#[test]
fn a_body_edit_reaches_the_page_its_campaign_and_the_feeds_only() {
    let site = TestSite::from_fixture("minimal");
    let model = model(&site);
    let lists = Lists::new(&model);
    let jobs = body_jobs(&model, &lists, &changed("kh-45-skhcn"));
    let campaign = model.links.campaign_by_slug["hoi-thi-mau"];
    for job in [
        Job::Pages(pages::Job::Directive(directive(&model, "kh-45-skhcn"))),
        Job::Pages(pages::Job::Campaign(campaign)),
        Job::Feeds(feeds::Job::Feeds),
    ] {
        assert!(jobs.contains(&job), "{job:?} in {jobs:?}");
    }
    let other = Job::Pages(pages::Job::Directive(directive(&model, "cv-12-duk")));
    assert!(!jobs.contains(&other), "a body is not shown on other directives: {jobs:?}");
    assert!(
        !jobs
            .iter()
            .any(|j| matches!(j, Job::Pages(pages::Job::Home) | Job::List(_) | Job::Feeds(feeds::Job::Calendar))),
        "{jobs:?}"
    );
}

#[test]
fn a_title_edit_reaches_the_lists_it_is_on_home_feeds_and_its_issuer_not_unrelated_pages() {
    let site = TestSite::from_fixture("minimal");
    let (model, jobs) = front_matter_jobs(&site, "title: Tổ chức Hội thi", "title: Tổ chức lại Hội thi");
    let issuer = model.organizations.iter().position(|o| o.source.slug == "so-khcn-mau").unwrap();
    let expected = [
        Job::Pages(pages::Job::Directive(directive(&model, "kh-45-skhcn"))),
        // The directive that cites it shows its title.
        Job::Pages(pages::Job::Directive(directive(&model, "cv-12-duk"))),
        Job::Pages(pages::Job::Organization(issuer)),
        Job::Pages(pages::Job::Home),
        Job::Feeds(feeds::Job::Feeds),
        Job::Feeds(feeds::Job::Calendar),
        Job::ApiLists,
        list(ListKind::AllDirectives),
        list(ListKind::Year(2024)),
        list(ListKind::DocType("ke-hoach")),
        list(ListKind::Issuer(issuer, "so-khcn-mau".into())),
    ];
    for job in expected {
        assert!(jobs.contains(&job), "{job:?} in {jobs:?}");
    }
    let unrelated = [
        Job::Pages(pages::Job::Guide(0)),
        Job::Pages(pages::Job::Person(0)),
        list(ListKind::DocType("cong-van")),
        list(ListKind::Guides),
    ];
    for job in unrelated {
        assert!(!jobs.contains(&job), "{job:?} is not reached: {jobs:?}");
    }
}

#[test]
fn a_tag_change_reaches_the_old_and_the_new_tag_and_the_tag_index() {
    let site = TestSite::from_fixture("minimal");
    edit(&site, PLAN, "place: Tỉnh Mẫu", "place: Tỉnh Mẫu\ntags: [sáng tạo]");
    // The other directive keeps the old tag, so its list stays and loses one entry.
    edit(&site, OTHER, "tags: [", "tags: [sáng tạo, ");
    let (_, jobs) = front_matter_jobs(&site, "tags: [sáng tạo]", "tags: [đổi mới]");
    for job in [list(ListKind::Tag("sang-tao".into())), list(ListKind::Tag("doi-moi".into())), list(ListKind::Tags)] {
        assert!(jobs.contains(&job), "{job:?} in {jobs:?}");
    }
}

#[test]
fn a_tag_list_that_empties_is_not_rendered() {
    let site = TestSite::from_fixture("minimal");
    edit(&site, PLAN, "place: Tỉnh Mẫu", "place: Tỉnh Mẫu\ntags: [sáng tạo]");
    let (_, jobs) = front_matter_jobs(&site, "tags: [sáng tạo]", "tags: [đổi mới]");
    // Its pages are removed in place (tests/it/serve_edits.rs); the new tag and the index are made.
    assert!(!jobs.contains(&list(ListKind::Tag("sang-tao".into()))), "{jobs:?}");
    for job in [list(ListKind::Tag("doi-moi".into())), list(ListKind::Tags)] {
        assert!(jobs.contains(&job), "{job:?} in {jobs:?}");
    }
}

#[test]
fn a_date_change_reaches_the_lists_of_both_years() {
    let site = TestSite::from_fixture("minimal");
    let (_, jobs) = front_matter_jobs(&site, "date: 2024-06-10", "date: 2023-12-28");
    for job in [list(ListKind::Year(2024)), list(ListKind::Year(2023))] {
        assert!(jobs.contains(&job), "{job:?} in {jobs:?}");
    }
}

#[test]
fn a_new_page_and_a_deleted_page_are_planned_and_leave_no_stale_file() {
    let site = TestSite::from_fixture("minimal");
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    assert!(session.full().succeeded());
    let new = site.root().join("content/directives/2024/tb-7-skhcn.md");
    let text = std::fs::read_to_string(site.root().join(PLAN)).unwrap();
    let text =
        text.replace("number: 45/KH-SKHCN", "number: 7/TB-SKHCN").replace("doc_type: ke-hoach", "doc_type: thong-bao");
    std::fs::write(&new, text).unwrap();
    let added = session.changed(std::slice::from_ref(&new));
    assert!(added.succeeded() && !added.full, "{:?}", added.diagnostics);
    assert!(added.written.iter().any(|p| p == "van-ban/tb-7-skhcn/index.html"), "{:?}", added.written);
    assert!(added.written.iter().any(|p| p.starts_with("van-ban/loai/thong-bao/")), "{:?}", added.written);
    std::fs::remove_file(&new).unwrap();
    let deleted = session.changed(&[new]);
    assert!(deleted.succeeded() && !deleted.full, "{:?}", deleted.diagnostics);
    assert!(deleted.removed.iter().any(|p| p == "van-ban/tb-7-skhcn/index.html"), "{:?}", deleted.removed);
    assert!(!served.join("van-ban/loai/thong-bao/index.html").exists(), "the emptied list is removed");
}

#[test]
fn a_full_rebuild_in_serve_ends_as_a_build_does_service_worker_and_page_weight_budget() {
    let site = TestSite::from_fixture("minimal");
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    std::fs::write(site.root().join("site.yaml"), format!("{yaml}budget:\n  page_kb: 1\n")).unwrap();
    let served = site.dir.path().join("served");
    let mut session = Session::new(&site.root(), &served, None, false).quiet(true);
    let rebuild = session.full();
    assert!(rebuild.succeeded(), "{:?}", rebuild.diagnostics);
    let built = site.build_ok();
    let budget = |diagnostics: &[loa::diag::Diagnostic]| -> BTreeSet<String> {
        diagnostics.iter().filter(|d| d.message.contains("the page weighs")).map(|d| d.to_string()).collect()
    };
    assert!(!budget(&built).is_empty(), "a 1 KB budget is exceeded: {built:?}");
    assert_eq!(budget(&rebuild.diagnostics), budget(&built), "serve reports the budget as build does");
    // The service worker follows the search index, whose files its version counts.
    session.wait_for_search();
    let worker = |dir: &Path| std::fs::read(dir.join(loa::pwa::SERVICE_WORKER)).expect("sw.js");
    let (served, built) = (worker(&served), worker(&site.out()));
    let differing: Vec<(&str, &str)> = std::str::from_utf8(&served)
        .unwrap()
        .lines()
        .zip(std::str::from_utf8(&built).unwrap().lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert!(served == built, "the same service worker, with the same version: {differing:?}");
}

/// The sorted paths of every file the sample portal's build makes, checked in: a change to
/// what is published shows in review. `LOA_BLESS=1 cargo test --test it output_paths`
/// rewrites the list after an intended change.
#[test]
fn the_sample_portal_makes_exactly_the_output_paths_checked_in() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = TestSite::sample_portal();
    site.build_ok();
    let paths: Vec<String> = walkdir::WalkDir::new(site.out())
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(site.out()).unwrap().to_string_lossy().replace('\\', "/"))
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    let listing: String = paths.iter().map(|p| format!("{p}\n")).collect();
    let golden = repo.join("tests/fixtures/sample-output-paths.txt");
    if std::env::var_os("LOA_BLESS").is_some() {
        std::fs::write(&golden, &listing).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    let expected: BTreeSet<&str> = expected.lines().collect();
    let actual: BTreeSet<&str> = listing.lines().collect();
    let missing: Vec<&&str> = expected.difference(&actual).take(20).collect();
    let extra: Vec<&&str> = actual.difference(&expected).take(20).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the sample portal's output paths changed (after an intended change, run \
         `LOA_BLESS=1 cargo test --test it output_paths` and review the diff of {}):\n  \
         no longer made: {missing:?}\n  newly made: {extra:?}",
        golden.display()
    );
}

#[test]
fn a_type_edit_writes_its_page_first_and_the_lists_it_does_not_sit_on_last() {
    let site = TestSite::from_fixture("minimal");
    let (model, jobs) = front_matter_jobs(&site, "doc_type: ke-hoach", "doc_type: thong-bao");
    let lists = Lists::new(&model);
    let reached = jobs.len();
    let Stages { edited, pages, later } = stages(jobs, (&model, &lists), &changed("kh-45-skhcn"));
    assert_eq!(edited, vec![Job::Pages(pages::Job::Directive(directive(&model, "kh-45-skhcn")))]);
    assert_eq!(edited.len() + pages.len() + later.len(), reached, "every reached job is in one stage");
    // The lists it sits on now come with the pages; the others only show the filter
    // column's counts, which the type changed: after them, with the calendar and API.
    for job in [
        list(ListKind::AllDirectives),
        list(ListKind::DocType("thong-bao")),
        list(ListKind::Year(2024)),
        Job::Pages(pages::Job::Home),
    ] {
        assert!(pages.contains(&job), "{job:?} in {pages:?}");
    }
    for job in [list(ListKind::DocType("cong-van")), Job::Feeds(feeds::Job::Calendar), Job::ApiLists] {
        assert!(later.contains(&job), "{job:?} in {later:?}");
    }
}

/// The jobs `plan::jobs_for` gives for an edit of one file of `kind` (`from` → `to` in
/// `relative`), with the model after it.
fn planned(
    site: &TestSite,
    relative: &str,
    kind: Kind,
    slug: &str,
    (from, to): (&str, &str),
) -> (Site, Option<Vec<Job>>) {
    let old = model(site);
    let old_lists = Lists::new(&old);
    edit(site, relative, from, to);
    let new = model(site);
    let new_lists = Lists::new(&new);
    let changed = vec![Changed { kind, slug: slug.into() }];
    let change = loa::render::plan::Change {
        old: &old,
        old_lists: &old_lists,
        new: &new,
        new_lists: &new_lists,
        changed: &changed,
    };
    let jobs = loa::render::plan::jobs_for(&change);
    (new, jobs)
}

#[test]
fn a_campaign_edit_is_planned_by_each_module_that_shows_a_campaign() {
    let site = TestSite::from_fixture("minimal");
    let relative = "content/campaigns/hoi-thi-mau/index.md";
    let (new, jobs) = planned(&site, relative, Kind::Campaign, "hoi-thi-mau", ("title: ", "title: Đã sửa "));
    let jobs = jobs.expect("a campaign edit is tracked");
    let c = new.links.campaign_by_slug["hoi-thi-mau"];
    let guide = new.links.guide_by_slug["huong-dan-tham-gia"];
    let expected = [
        // pages: the campaign, its directives and guides
        Job::Pages(pages::Job::Campaign(c)),
        Job::Pages(pages::Job::Directive(directive(&new, "kh-45-skhcn"))),
        Job::Pages(pages::Job::Guide(guide)),
        // lists, embeds, the web app's share image, feeds, API, server files
        list(ListKind::Campaigns),
        Job::Embed(loa::render::embeds::Embed::Campaign(c)),
        Job::Pwa(loa::pwa::render::Job::ShareImage(c)),
        Job::Feeds(feeds::Job::Calendar),
        Job::ApiLists,
        Job::ServerFiles(loa::render::server_files::Job::Sitemap),
    ];
    for job in expected {
        assert!(jobs.contains(&job), "{job:?} in {jobs:?}");
    }
    // The guide's posters print the campaign's name: planned by the short-link module.
    assert!(jobs.iter().any(|j| matches!(j, Job::ShortLinks(loa::render::shortlinks::Job::Posters(_)))), "{jobs:?}");
    // Not a directive list: the campaign changed no directive's place.
    assert!(!jobs.contains(&list(ListKind::AllDirectives)), "{jobs:?}");
    let unique: std::collections::HashSet<&Job> = jobs.iter().collect();
    assert_eq!(unique.len(), jobs.len(), "each job once: {jobs:?}");
}

#[test]
fn a_guide_edit_reaches_the_guide_list_its_campaign_and_no_directive() {
    let site = TestSite::from_fixture("minimal");
    let relative = "content/guides/huong-dan-tham-gia.md";
    let (new, jobs) = planned(&site, relative, Kind::Guide, "huong-dan-tham-gia", ("title: ", "title: Đã sửa "));
    let jobs = jobs.expect("a guide edit is tracked");
    let guide = new.links.guide_by_slug["huong-dan-tham-gia"];
    let c = new.links.campaign_by_slug["hoi-thi-mau"];
    for job in [
        Job::Pages(pages::Job::Guide(guide)),
        Job::Pages(pages::Job::Campaign(c)),
        list(ListKind::Guides),
        Job::ShortLinks(loa::render::shortlinks::Job::Posters(loa::content::shortlinks::Target::Guide(guide))),
    ] {
        assert!(jobs.contains(&job), "{job:?} in {jobs:?}");
    }
    assert!(!jobs.iter().any(|j| matches!(j, Job::Pages(pages::Job::Directive(_)))), "{jobs:?}");
    assert!(!jobs.iter().any(|j| matches!(j, Job::Pwa(_) | Job::Cms)), "{jobs:?}");
}

#[test]
fn an_organization_edit_is_not_planned_but_rendered_in_full() {
    let site = TestSite::from_fixture("minimal");
    let organization = std::fs::read_dir(site.root().join("content/contacts/organizations"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .expect("an organization");
    let relative = organization.strip_prefix(site.root()).unwrap().to_string_lossy().into_owned();
    let slug = content::load::slug_of(&organization);
    let (_, jobs) = planned(&site, &relative, Kind::Organization, &slug, ("title: ", "title: Đã sửa "));
    assert!(jobs.is_none(), "{jobs:?}");
}

#[test]
fn a_shared_files_title_edit_reaches_every_page_that_attaches_the_file() {
    // The plan cites the form first (directives come before guides): the form takes its
    // title from it, and the guide that attaches it shows that title.
    let (new, jobs) =
        front_matter_jobs(&TestSite::from_fixture("minimal"), "title: Mẫu phiếu đăng ký", "title: Mẫu phiếu (sửa)");
    let form = new.links.attachment_by_slug["mau-phieu"];
    assert_eq!(new.attachments[form].title, "Mẫu phiếu (sửa)");
    assert!(jobs.contains(&Job::Pages(pages::Job::Attachment(form))), "{jobs:?}");
    let guide = new.links.guide_by_slug["huong-dan-tham-gia"];
    assert!(jobs.contains(&Job::Pages(pages::Job::Guide(guide))), "{jobs:?}");
}

#[test]
fn an_edit_of_the_record_of_published_pages_reaches_the_server_files_not_the_pages() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let old = model(&site);
    let old_lists = Lists::new(&old);
    let record = site.root().join("published-pages.yaml");
    let text = std::fs::read_to_string(&record).unwrap();
    std::fs::write(
        &record,
        text.replace("/van-ban/kh-45-skhcn/: directive", "/van-ban/kh-45-skhcn/: {redirect: /van-ban/}"),
    )
    .unwrap();
    let new = model(&site);
    let jobs = affected_jobs((&old, &old_lists), (&new, &old_lists), &[]).expect("tracked");
    assert!(jobs.contains(&Job::ServerFiles(loa::render::server_files::Job::ServerFiles)), "{jobs:?}");
    assert!(!jobs.iter().any(|j| matches!(j, Job::Pages(pages::Job::Directive(_)) | Job::List(_))), "{jobs:?}");
}

#[test]
fn a_deleted_directive_reaches_the_pages_that_cited_it() {
    let site = TestSite::from_fixture("minimal");
    let old = model(&site);
    let old_lists = Lists::new(&old);
    let citing = directive(&old, "cv-12-duk");
    assert!(old.links.citations_of_directive[directive(&old, "kh-45-skhcn")].contains(&citing));
    std::fs::remove_file(site.root().join(PLAN)).unwrap();
    let new = model(&site);
    let new_lists = Lists::new(&new);
    let jobs = affected_jobs((&old, &old_lists), (&new, &new_lists), &changed("kh-45-skhcn")).expect("tracked");
    let now = directive(&new, "cv-12-duk");
    assert!(jobs.contains(&Job::Pages(pages::Job::Directive(now))), "{jobs:?}");
    // A page not in the record of published pages leaves no redirect: nothing is written
    // first, its own files (named by its page in the model before) are removed first.
    let Stages { edited, pages: second, .. } = stages(jobs, (&new, &new_lists), &changed("kh-45-skhcn"));
    assert_eq!(edited, vec![]);
    assert!(second.contains(&Job::ServerFiles(server_files::Job::ServerFiles)), "{second:?}");
    let own = Job::Pages(pages::Job::Directive(directive(&old, "kh-45-skhcn")));
    assert_eq!(deleted_pages(&old, &new, &changed("kh-45-skhcn")), vec![own]);
    assert_eq!(deleted_pages(&old, &old, &changed("kh-45-skhcn")), vec![], "a page still there is not deleted");
}

#[test]
fn a_deleted_published_page_writes_its_redirect_page_first_and_the_server_files_after() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let old = model(&site);
    let old_lists = Lists::new(&old);
    edit(
        &site,
        "published-pages.yaml",
        "/van-ban/kh-45-skhcn/: directive",
        "/van-ban/kh-45-skhcn/: {redirect: /van-ban/}",
    );
    std::fs::remove_file(site.root().join(PLAN)).unwrap();
    let new = model(&site);
    let new_lists = Lists::new(&new);
    let jobs = affected_jobs((&old, &old_lists), (&new, &new_lists), &changed("kh-45-skhcn")).expect("tracked");
    let Stages { edited, pages: second, later } = stages(jobs, (&new, &new_lists), &changed("kh-45-skhcn"));
    // The redirect page alone first; `_redirects`, nginx and the sitemap with the pages.
    assert_eq!(edited, vec![Job::ServerFiles(server_files::Job::Redirect("/van-ban/kh-45-skhcn/".into()))]);
    for job in [server_files::Job::ServerFiles, server_files::Job::Sitemap] {
        assert!(second.contains(&Job::ServerFiles(job.clone())), "{job:?} in {second:?}");
    }
    assert!(!later.iter().any(|j| matches!(j, Job::ServerFiles(_))), "{later:?}");
    // Its own page, in the model before, names the files it made (the redirect page writes
    // one of them again).
    let own = Job::Pages(pages::Job::Directive(directive(&old, "kh-45-skhcn")));
    assert_eq!(deleted_pages(&old, &new, &changed("kh-45-skhcn")), vec![own]);
}
