//! Contest results (Kết quả): the result files' errors with their positions, the results
//! pages, the campaign's section, the API list and search.

use crate::support::{TestSite, assert_error};

const SITE: &str = "title: Cổng thử nghiệm
base_url: https://thidua.example.gov.vn/
province: Tỉnh Mẫu
organization: so-khcn-mau
build_date: 2024-07-01
fields:
  - {slug: co-khi, name: Cơ khí, name_en: Mechanics}
  - {slug: y-duoc, name: Y dược}
";

const RESULT: &str = "---
title: Kết quả Hội thi mẫu
decision: kh-45-skhcn
entries:
  - title: Máy bóc vỏ lạc mini
    authors: [Nguyễn Hữu Phúc]
    unit: Hợp tác xã Hoằng Hóa
    field: co-khi
    level: nhat
  - title: Bài thuốc xông hơi thảo dược
    authors:
      - {person: vu-van-a}
      - {name: Lương Thị Nhung}
    field: y-duoc
    level: Giải Khuyến khích
---
";

fn portal_with(result: &str) -> TestSite {
    let site = TestSite::from_fixture("minimal");
    site.write("site.yaml", SITE);
    site.write("content/results/hoi-thi-mau/ket-qua.md", result);
    site
}

#[test]
fn a_result_file_makes_results_pages_filtered_by_level_and_field() {
    let site = portal_with(RESULT);
    site.build_ok();
    let page = site.page("phong-trao/hoi-thi-mau/ket-qua/index.html");
    assert!(page.contains("Máy bóc vỏ lạc mini") && page.contains("Bài thuốc xông hơi thảo dược"), "{page}");
    // The person's name comes from their page, linked.
    assert!(page.contains(r#"<a href="/lien-he/vu-van-a/">Vũ Văn A</a>"#), "{page}");
    // Highest level first, whatever the file's order.
    assert!(page.find("Máy bóc").unwrap() < page.find("Bài thuốc").unwrap());
    let level = site.page("phong-trao/hoi-thi-mau/ket-qua/giai/khuyen-khich/index.html");
    assert!(level.contains("Bài thuốc xông hơi") && !level.contains("Máy bóc vỏ lạc mini</td>"), "{level}");
    let field = site.page("phong-trao/hoi-thi-mau/ket-qua/linh-vuc/co-khi/index.html");
    assert!(field.contains("Máy bóc vỏ lạc mini") && !field.contains("Bài thuốc xông hơi thảo dược</td>"), "{field}");
    let campaign = site.page("phong-trao/hoi-thi-mau/index.html");
    assert!(campaign.contains(r#"id="loa-ket-qua""#) && campaign.contains("/phong-trao/hoi-thi-mau/ket-qua/"));
    let embed = site.page("nhung/phong-trao/hoi-thi-mau/ket-qua/index.html");
    assert!(embed.contains("Máy bóc vỏ lạc mini"), "{embed}");
    let api: serde_json::Value = serde_json::from_str(&site.page("api/v1/results.json")).unwrap();
    let entries = &api["results"][0]["entries"];
    assert_eq!(entries.as_array().unwrap().len(), 2);
    assert_eq!(entries[1]["authors"][0]["person"], "vu-van-a");
    assert_eq!(entries[1]["level"], "khuyen-khich");
}

#[test]
fn a_campaign_without_results_has_no_results_section() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    assert!(!site.page("phong-trao/hoi-thi-mau/index.html").contains("loa-ket-qua"));
    assert!(!site.out().join("phong-trao/hoi-thi-mau/ket-qua").exists());
}

#[test]
fn an_unknown_campaign_is_refused_at_its_line() {
    let site = portal_with(&RESULT.replace("decision: kh-45-skhcn", "campaign: hoi-thi-mao\ndecision: kh-45-skhcn"));
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/results/hoi-thi-mau/ket-qua.md:3:11: error: the result names an unknown campaign `hoi-thi-mao`",
        "did you mean `hoi-thi-mau`?",
    );
}

#[test]
fn a_folder_that_names_no_campaign_is_refused() {
    let site = TestSite::from_fixture("minimal");
    site.write("site.yaml", SITE);
    site.write("content/results/hoi-thi-khac/ket-qua.md", RESULT);
    let errors = site.build_errors();
    assert_error(
        &errors,
        "content/results/hoi-thi-khac/ket-qua.md:1:1: error: the result names an unknown campaign `hoi-thi-khac`",
        "",
    );
}

#[test]
fn an_unknown_decision_person_field_or_level_is_refused_at_its_column() {
    let bad = RESULT
        .replace("decision: kh-45-skhcn", "decision: kh-46-skhcn")
        .replace("{person: vu-van-a}", "{person: vu-van-b}")
        .replace("field: co-khi", "field: co-khj")
        .replace("level: Giải Khuyến khích", "level: dac-biet");
    let errors = portal_with(&bad).build_errors();
    let file = "content/results/hoi-thi-mau/ket-qua.md";
    assert_error(
        &errors,
        &format!("{file}:3:11: error: `decision` names an unknown directive `kh-46-skhcn`"),
        "did you mean `kh-45-skhcn`?",
    );
    assert_error(
        &errors,
        &format!("{file}:12:9: error: `person` names an unknown person `vu-van-b`"),
        "did you mean `vu-van-a`?",
    );
    assert_error(
        &errors,
        &format!("{file}:8:12: error: `field` names `co-khj`, which is not in site.yaml `fields:`"),
        "did you mean `co-khi`?",
    );
    assert_error(
        &errors,
        &format!("{file}:15:12: error: `dac-biet` is not an award level of this result"),
        "nhat, nhi, ba, khuyen-khich",
    );
}

#[test]
fn custom_levels_replace_the_standard_ones() {
    let custom = RESULT
        .replace("entries:", "levels:\n  - {slug: dac-biet, name: Giải Đặc biệt}\n  - {slug: phong-trao, name: Giải Phong trào}\nentries:")
        .replace("level: nhat", "level: dac-biet");
    let errors = portal_with(&custom).build_errors();
    assert_error(
        &errors,
        "content/results/hoi-thi-mau/ket-qua.md:18:12: error: `khuyen-khich` is not an award level",
        "dac-biet, phong-trao",
    );
}

#[test]
fn an_entry_listed_twice_is_refused_at_the_second() {
    let twice = RESULT.replace("Bài thuốc xông hơi thảo dược", "Máy bóc vỏ lạc MINI");
    let errors = portal_with(&twice).build_errors();
    assert_error(
        &errors,
        "content/results/hoi-thi-mau/ket-qua.md:10:12: error: the entry “Máy bóc vỏ lạc MINI” is listed twice",
        "one award per contest",
    );
}

#[test]
fn an_author_finds_their_solution_in_search() {
    let site = portal_with(RESULT);
    site.build_ok();
    let mut all = String::new();
    let mut folders = vec![site.out().join("tim-kiem/chi-muc")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(folder).unwrap().filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|x| x == "json") {
                all.push_str(&std::fs::read_to_string(path).unwrap());
            }
        }
    }
    assert!(all.contains("Máy bóc vỏ lạc mini") && all.contains("Nguyễn Hữu Phúc"), "no result document in the index");
}

/// `loa new result`: the skeleton goes in the contest's folder; `loa check` points at the
/// entry's title left empty; once the placeholders are filled, check passes and the entry is
/// on the results page.
#[test]
fn loa_new_result_writes_a_skeleton_that_passes_check_once_filled() {
    let site = TestSite::from_fixture("minimal");
    site.write("site.yaml", SITE);
    let loa = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_loa"))
            .args(args)
            .arg("--root")
            .arg(site.root())
            .output()
            .unwrap()
    };
    let made = loa(&["new", "result", "Kết quả Hội thi mẫu", "--campaign", "hoi-thi-mau"]);
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let file = "content/results/hoi-thi-mau/ket-qua-hoi-thi-mau.md";
    let skeleton = std::fs::read_to_string(site.root().join(file)).unwrap();
    let title_line = skeleton.lines().position(|l| l.starts_with("  - title: \"\"")).expect("an entry to fill") + 1;
    let unfilled = loa(&["check"]);
    let stderr = String::from_utf8_lossy(&unfilled.stderr);
    assert!(!unfilled.status.success() && stderr.contains(&format!("{file}:{title_line}:")), "{stderr}");
    let filled = skeleton
        .replacen("decision:", "decision: kh-45-skhcn", 1)
        .replacen("title: \"\"", "title: Máy bóc vỏ lạc mini", 1)
        .replacen("authors: []", "authors: [Nguyễn Hữu Phúc]", 1)
        .replacen("unit: \"\"", "unit: Hợp tác xã Hoằng Hóa", 1)
        .replacen("field: \"\"", "field: co-khi", 1);
    site.write(file, &filled);
    let checked = loa(&["check"]);
    assert!(checked.status.success(), "{}\n{filled}", String::from_utf8_lossy(&checked.stderr));
    site.build_ok();
    let page = site.page("phong-trao/hoi-thi-mau/ket-qua/index.html");
    assert!(page.contains("Máy bóc vỏ lạc mini") && page.contains("Nguyễn Hữu Phúc"), "{page}");
}

/// Every `id="…"` of a page, in order.
fn ids(page: &str) -> Vec<String> {
    page.split(" id=\"").skip(1).map(|rest| rest[..rest.find('"').unwrap()].to_owned()).collect()
}

/// Each entry's row has its title's slug as id, numbered when an earlier entry of the contest
/// (in file order, across its result files) took it; the ids are unique on the page, the same
/// on a filter page and in a second build, and search and the API point at them.
#[test]
fn each_entry_has_a_unique_stable_id_that_search_and_the_api_point_at() {
    let site = portal_with(RESULT);
    // `bo-sung.md` sorts before `ket-qua.md`: its entry is first to take the slug.
    let extra = "---\ntitle: Bổ sung\nentries:\n  - title: Máy bóc vỏ lạc mini!\n    authors: [Trần Văn Bình]\n    level: ba\n---\n";
    site.write("content/results/hoi-thi-mau/bo-sung.md", extra);
    site.build_ok();
    let page = site.page("phong-trao/hoi-thi-mau/ket-qua/index.html");
    let row = |anchor: &str, title: &str| {
        let at = page.find(&format!("<tr id=\"{anchor}\"")).unwrap_or_else(|| panic!("no row {anchor}:\n{page}"));
        assert!(page[at..].split("</tr>").next().unwrap().contains(title), "{anchor} is not the row of {title}");
    };
    row("may-boc-vo-lac-mini", "Máy bóc vỏ lạc mini!");
    row("may-boc-vo-lac-mini-2", "Máy bóc vỏ lạc mini<");
    row("bai-thuoc-xong-hoi-thao-duoc", "Bài thuốc xông hơi thảo dược");
    let all = ids(&page);
    let unique: std::collections::HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), all.len(), "ids twice on the page: {all:?}");
    let level = site.page("phong-trao/hoi-thi-mau/ket-qua/giai/khuyen-khich/index.html");
    assert!(level.contains("<tr id=\"bai-thuoc-xong-hoi-thao-duoc\""), "{level}");

    site.build_ok();
    assert_eq!(ids(&site.page("phong-trao/hoi-thi-mau/ket-qua/index.html")), all, "ids change between builds");

    let mut documents = String::new();
    for entry in walkdir::WalkDir::new(site.out().join("tim-kiem/chi-muc")).into_iter().filter_map(Result::ok) {
        if entry.path().extension().is_some_and(|x| x == "json") {
            documents.push_str(&std::fs::read_to_string(entry.path()).unwrap());
        }
    }
    assert!(
        documents.contains("\"/phong-trao/hoi-thi-mau/ket-qua/#bai-thuoc-xong-hoi-thao-duoc\""),
        "no entry url in search"
    );
    assert!(documents.contains("\"/phong-trao/hoi-thi-mau/ket-qua/#may-boc-vo-lac-mini-2\""), "no entry url in search");

    let api: serde_json::Value = serde_json::from_str(&site.page("api/v1/results.json")).unwrap();
    let entries: Vec<(String, String, String)> = api["results"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r["entries"].as_array().unwrap().iter())
        .map(|e| {
            (
                e["title"].as_str().unwrap().into(),
                e["anchor"].as_str().unwrap().into(),
                e["url"].as_str().unwrap().into(),
            )
        })
        .collect();
    let base = "https://thidua.example.gov.vn/phong-trao/hoi-thi-mau/ket-qua/#";
    for (title, anchor) in
        [("Máy bóc vỏ lạc mini!", "may-boc-vo-lac-mini"), ("Máy bóc vỏ lạc mini", "may-boc-vo-lac-mini-2")]
    {
        assert!(entries.contains(&(title.into(), anchor.into(), format!("{base}{anchor}"))), "{entries:?}");
    }
}
