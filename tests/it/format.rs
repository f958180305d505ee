//! Official formats (State / Party), Vietnamese alphabetical order of every list, and the
//! English edition's lists against the Vietnamese ones.

use std::cmp::Ordering;
use std::path::Path;

use crate::support::TestSite;

/// The texts of the elements `selector` matches inside `scope` (the first match of it).
fn texts(html: &str, scope: &str, selector: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let scope = scraper::Selector::parse(scope).unwrap();
    let selector = scraper::Selector::parse(selector).unwrap();
    document
        .select(&scope)
        .next()
        .map(|s| s.select(&selector).map(|e| e.text().collect::<String>().trim().to_owned()).collect())
        .unwrap_or_default()
}

fn assert_alphabetical(what: &str, names: &[String]) {
    assert!(names.len() >= 2, "{what}: too few names to check an order: {names:?}");
    for pair in names.windows(2) {
        assert_ne!(loa::text::compare(&pair[0], &pair[1]), Ordering::Greater, "{what}: {names:#?}");
    }
}

#[test]
fn every_list_of_names_of_the_sample_portal_is_in_vietnamese_alphabetical_order() {
    let site = TestSite::sample_portal();
    site.build_ok();
    let issuers = texts(&site.page("van-ban/index.html"), ".facets", "ul:last-of-type li a");
    assert_alphabetical("the issuers of the filter column", &issuers);
    // Đảng ủy… after Dân/D… and before E…; Ủy ban… among the U's, after Sở….
    let dang = issuers.iter().position(|t| t.starts_with("Đảng")).expect("a Party issuer");
    let uy = issuers.iter().position(|t| t.starts_with("Ủy ban")).expect("a People's Committee");
    let so = issuers.iter().position(|t| t.starts_with("Sở")).expect("a Sở");
    assert!(dang < so && so < uy, "{issuers:#?}");
    assert_alphabetical(
        "the document types",
        &texts(&site.page("van-ban/index.html"), ".facets", "ul:nth-of-type(2) li a"),
    );
    assert_alphabetical("the tags", &texts(&site.page("the/index.html"), "main", ".tag-cloud li a"));
    assert_alphabetical("the guides", &texts(&site.page("huong-dan/index.html"), "main", ".item-title"));
    let contacts = site.page("lien-he/index.html");
    assert_alphabetical(
        "the organizations",
        &texts(&contacts, "section[aria-labelledby=loa-co-quan]", ".card-title a span"),
    );
    assert_alphabetical(
        "the people",
        &texts(&contacts, "section[aria-labelledby=loa-nguoi-lien-he]", ".card-title a span"),
    );
    let search = site.page("tim-kiem/index.html");
    for select in ["select[name=co-quan]", "select[name=phong-trao]", "select[name=loai]"] {
        let options: Vec<String> =
            texts(&search, select, "option").into_iter().skip(1).filter(|o| !o.is_empty()).collect();
        if options.len() >= 2 {
            assert_alphabetical(select, &options);
        }
    }
    // The English edition's filter column too.
    assert_alphabetical(
        "the English issuers",
        &texts(&site.page("en/van-ban/index.html"), ".facets", "ul:last-of-type li a"),
    );
}

/// The item links of a list page's main column, as site paths without the language prefix.
fn listed(html: &str) -> Vec<String> {
    let document = scraper::Html::parse_document(html);
    let selector = scraper::Selector::parse("main .item-title, main .card-title a").unwrap();
    document
        .select(&selector)
        .filter_map(|a| a.value().attr("href"))
        .map(|href| href.strip_prefix("/en").unwrap_or(href).to_owned())
        .collect()
}

fn list_pages(out: &Path) -> Vec<String> {
    let mut pages = Vec::new();
    // Tag pages are left out: a translation writes its own tags, so an English tag page
    // lists the items tagged in English.
    for section in ["van-ban", "phong-trao", "huong-dan", "lien-he"] {
        for entry in walkdir::WalkDir::new(out.join(section)).into_iter().filter_map(Result::ok) {
            let relative = entry.path().strip_prefix(out).unwrap().to_string_lossy().into_owned();
            let depth = relative.matches('/').count();
            let is_list = relative.ends_with("index.html")
                && (depth == 1 || ["/nam/", "/loai/", "/co-quan/", "/trang/"].iter().any(|w| relative.contains(w)));
            if is_list {
                pages.push(relative);
            }
        }
    }
    pages.sort();
    pages
}

#[test]
fn every_english_list_holds_the_items_of_its_vietnamese_counterpart() {
    let site = TestSite::sample_portal();
    site.build_ok();
    let out = site.out();
    let pages = list_pages(&out);
    assert!(pages.len() > 10, "{pages:#?}");
    let mut untranslated = 0;
    for page in &pages {
        let english = format!("en/{page}");
        assert!(out.join(&english).exists(), "{english} is missing: the English edition lacks a list of the portal");
        let (vi, en) = (site.page(page), site.page(&english));
        // The same items; lists of names may order them otherwise (English names sort apart).
        let sorted = |mut items: Vec<String>| {
            items.sort();
            items
        };
        assert_eq!(sorted(listed(&en)), sorted(listed(&vi)), "{english} lists other items than {page}");
        assert!(!en.contains("No documents yet"), "{english}");
        // An untranslated item: its Vietnamese title, marked, linking to its Vietnamese page.
        let document = scraper::Html::parse_document(&en);
        let marked = scraper::Selector::parse("main a[lang=vi]").unwrap();
        for a in document.select(&marked) {
            untranslated += 1;
            assert!(!a.value().attr("href").unwrap_or("").starts_with("/en/"), "{english}: {}", a.html());
        }
    }
    assert!(untranslated > 0, "the sample portal has untranslated items: none was marked lang=vi");
    let home = site.page("en/index.html");
    assert_eq!(
        texts(&home, "main", ".directive-item .item-title").len(),
        texts(&site.page("index.html"), "main", ".directive-item .item-title").len(),
        "the English home's latest documents"
    );
    assert!(home.contains("(in Vietnamese)"));
}

const ISSUER: &str = "---\ntitle: Đảng ủy Khối Cơ quan tỉnh Mẫu\nabbr: ĐUK\nparent: ubnd-tinh-mau\n---\n";
const UBND: &str = "---\ntitle: Ủy ban nhân dân tỉnh Mẫu\nsystem: state\n---\n";

fn party_dispatch(extra: &str) -> String {
    format!(
        "---\ntitle: tuyên truyền Hội thi\ndoc_type: cong-van\nnumber: 1338-CV/ĐUK\nissuer: duk-mau\ncampaigns: [hoi-thi-mau]\n{extra}---\nNội dung.\n"
    )
}

#[test]
fn a_party_number_under_an_issuer_without_system_party_warns_at_both_places() {
    let site = TestSite::from_fixture("minimal");
    site.write("content/contacts/organizations/duk-mau.md", ISSUER);
    site.write("content/contacts/organizations/ubnd-tinh-mau.md", UBND);
    site.write("content/directives/cv-1338.md", &party_dispatch("signer:\n  name: Nguyễn Văn A\n"));
    let warnings: Vec<String> = site.build_ok().iter().map(ToString::to_string).collect();
    let has = |prefix: &str, text: &str| warnings.iter().any(|w| w.starts_with(prefix) && w.contains(text));
    assert!(has("content/directives/cv-1338.md:4:9: warning:", "Party"), "{warnings:#?}");
    assert!(has("content/contacts/organizations/duk-mau.md:4:9: warning:", "1338-CV/ĐUK"), "{warnings:#?}");
    assert!(has("content/directives/cv-1338.md:", "the signer has no `position`"), "{warnings:#?}");
    // The number's shape decides the layout when the issuer does not declare a system.
    let page = site.page("van-ban/cv-1338/index.html");
    assert!(page.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), "Party header");
    assert!(page.contains("class=\"doc-star\""), "Party star");
}

#[test]
fn a_party_committee_under_a_peoples_committee_and_a_deputy_without_authority_warn() {
    let site = TestSite::from_fixture("minimal");
    site.write(
        "content/contacts/organizations/duk-mau.md",
        &ISSUER.replace("abbr: ĐUK\n", "abbr: ĐUK\nsystem: party\n"),
    );
    site.write("content/contacts/organizations/ubnd-tinh-mau.md", UBND);
    site.write(
        "content/directives/cv-1338.md",
        &party_dispatch("signer:\n  position: Phó Bí thư\n  name: Nguyễn Văn A\n"),
    );
    site.write(
        "content/directives/cv-blank.md",
        "---\ntitle: x\ndoc_type: cong-van\nnumber: /UBND-VX\nissuer: ubnd-tinh-mau\ncampaigns: [hoi-thi-mau]\n---\n",
    );
    let warnings: Vec<String> = site.build_ok().iter().map(ToString::to_string).collect();
    let has = |prefix: &str, text: &str| warnings.iter().any(|w| w.starts_with(prefix) && w.contains(text));
    assert!(has("content/contacts/organizations/duk-mau.md:", "the parent `ubnd-tinh-mau`"), "{warnings:#?}");
    assert!(has("content/directives/cv-1338.md:", "`authority` is missing"), "{warnings:#?}");
    assert!(has("content/directives/cv-blank.md:4:9: warning:", "no number"), "{warnings:#?}");
    assert!(!warnings.iter().any(|w| w.contains("shaped as")), "the issuer declares party: {warnings:#?}");
    // With `number_blank: true` the blank is explained, not warned about.
    site.write(
        "content/directives/cv-blank.md",
        "---\ntitle: x\ndoc_type: cong-van\nnumber: /UBND-VX\nnumber_blank: true\nissuer: ubnd-tinh-mau\ncampaigns: [hoi-thi-mau]\n---\n",
    );
    let warnings: Vec<String> = site.build_ok().iter().map(ToString::to_string).collect();
    assert!(!warnings.iter().any(|w| w.contains("cv-blank.md") && w.contains("number")), "{warnings:#?}");
    let page = site.page("van-ban/cv-blank/index.html");
    assert!(page.contains("<span data-field=\"number\">…/UBND-VX</span>"), "{page}");
    assert!(page.contains("Số văn bản để trống trên bản gốc."));
}
