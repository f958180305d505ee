//! Search: the shared text vectors, and the index files a build writes.

use serde_json::Value;

use crate::support::TestSite;

/// The shared vectors of `group` as (input, case): at least `min` of them.
fn cases(group: &str, min: usize) -> Vec<(String, Value)> {
    let vectors: Value = serde_json::from_str(include_str!("../search-vectors.json")).unwrap();
    let cases = vectors[group].as_array().cloned().unwrap_or_default();
    assert!(cases.len() >= min, "{group}: {} vectors", cases.len());
    cases.into_iter().map(|case| (case["input"].as_str().unwrap().to_owned(), case)).collect()
}

#[test]
fn rust_tokens_match_the_shared_vectors() {
    for (input, case) in cases("tokens", 5) {
        let input = input.as_str();
        let got: Vec<[String; 2]> =
            loa::text::tokens(input).into_iter().map(|t| [t.exact.to_string(), t.folded.to_string()]).collect();
        let expected: Vec<[String; 2]> = serde_json::from_value(case["tokens"].clone()).unwrap();
        assert_eq!(got, expected, "tokens of {input:?}");
    }
}

#[test]
fn a_build_writes_a_sharded_index_and_a_search_page() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let meta: Value = serde_json::from_str(&site.page("tim-kiem/chi-muc/meta.json")).unwrap();
    assert_eq!(meta["version"], 6);
    // Completions: a few files of consecutive two-letter starts, each listed by its first.
    let starts = meta["completions"].as_array().expect("completions in meta.json");
    for (n, start) in starts.iter().enumerate() {
        let file: Value = serde_json::from_str(&site.page(&format!("tim-kiem/chi-muc/p/{n}.json"))).unwrap();
        assert!(file[start.as_str().unwrap()].is_array(), "p/{n}.json does not start with {start}: {file}");
    }
    assert!(!site.out().join(format!("tim-kiem/chi-muc/p/{}.json", starts.len())).exists());
    let docs = meta["docs"].as_u64().unwrap();
    assert_eq!(docs, 1 + 1 + 2 + 3 + 3 + 1, "campaign, guide, directives, attachments, organizations, person");
    assert_eq!(std::fs::read(site.out().join("tim-kiem/chi-muc/facets.bin")).unwrap().len() as u64, docs * 16);
    let shards = meta["shards"].as_u64().unwrap();
    let key = "sang tao";
    let shard: Value =
        serde_json::from_str(&site.page(&format!("tim-kiem/chi-muc/t/{}.json", loa::hash::fnv1a(key) as u64 % shards)))
            .unwrap();
    assert!(shard[key]["b"].is_string() || shard[key]["f"].is_string(), "the bigram `sang tao` is in its shard");
    // The number index: the key of "45/KH-SKHCN" in its shard, with its page and what it shows.
    let numbers = meta["numbers"].as_u64().unwrap();
    let key = loa::text::numbers::number_key("45/KH-SKHCN").unwrap();
    let shard: Value = serde_json::from_str(
        &site.page(&format!("tim-kiem/chi-muc/n/{}.json", loa::hash::fnv1a(&key) as u64 % numbers)),
    )
    .unwrap();
    let ids = shard[&key]["n"].as_array().expect("the number's pages");
    assert_eq!(ids.len(), 2, "the directive and its file: {shard}");
    let shown: Vec<&Value> = ids.iter().map(|id| &shard[&key]["d"][id.to_string()]).collect();
    assert!(shown.iter().all(|d| d["n"] == "45/KH-SKHCN"), "{shard}");
    assert!(shown.iter().any(|d| d["u"] == "/van-ban/kh-45-skhcn/"), "{shard}");
    let page = site.page("tim-kiem/index.html");
    assert!(page.contains("<form id=\"search-form\""));
    assert!(page.contains("data-index=\"/tim-kiem/chi-muc/\""));
    assert!(site.page("index.html").contains("action=\"/tim-kiem/\""), "every page has a search box");
}

#[test]
fn rust_typing_decoder_matches_the_shared_vectors() {
    for (input, case) in cases("typing", 11) {
        assert_eq!(loa::text::typing::decode(&input).as_deref(), case["decoded"].as_str(), "decode({input:?})");
    }
}

#[test]
fn rust_folded_syllable_shape_matches_the_shared_vectors() {
    for (input, case) in cases("syllables", 11) {
        let expected = case["folded_syllable"].as_bool().unwrap();
        assert_eq!(loa::text::typing::is_folded_syllable(&input), expected, "is_folded_syllable({input:?})");
    }
}

/// The search page reads a word of a syllable's shape missing from `words` as in no page, so
/// `words` must hold every such word key of the index, and nothing else.
#[test]
fn the_vocabulary_in_meta_holds_every_syllable_of_the_index() {
    let site = TestSite::from_fixture("minimal");
    site.build_ok();
    let meta: Value = serde_json::from_str(&site.page("tim-kiem/chi-muc/meta.json")).unwrap();
    let words: Vec<&str> = meta["words"].as_str().expect("words in meta.json").split(' ').collect();
    assert_eq!(meta["words_cut"], 0, "every syllable is listed");
    let mut keys: Vec<String> =
        meta["big"].as_array().unwrap().iter().map(|k| k.as_str().unwrap().to_owned()).collect();
    for n in 0..meta["shards"].as_u64().unwrap() {
        let shard: Value = serde_json::from_str(&site.page(&format!("tim-kiem/chi-muc/t/{n}.json"))).unwrap();
        keys.extend(shard.as_object().unwrap().keys().cloned());
    }
    let mut syllables: Vec<&str> = keys
        .iter()
        .map(String::as_str)
        .filter(|key| key.len() >= 2 && loa::text::typing::is_folded_syllable(key))
        .collect();
    assert!(syllables.contains(&"sang") && syllables.contains(&"tao") && !words.contains(&"skhcn"), "{words:?}");
    let mut listed = words.clone();
    syllables.sort_unstable();
    listed.sort_unstable();
    assert_eq!(listed, syllables);
    assert!(!site.out().join("tim-kiem/chi-muc/w.json").exists(), "the vocabulary moved into meta.json");
}

#[test]
fn rust_number_keys_match_the_shared_vectors() {
    for (input, case) in cases("numbers", 6) {
        let input = input.as_str();
        assert_eq!(loa::text::numbers::number_key(input).as_deref(), case["key"].as_str(), "number_key({input:?})");
        assert_eq!(loa::text::numbers::query_number_key(input).as_deref(), case["query"].as_str(), "query({input:?})");
    }
}
