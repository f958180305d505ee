//! The static search index: BM25 impacts precomputed per (word, page), stored in shards that
//! the browser fetches on demand, so a query downloads a small part of the index.
//!
//! Layout under `/tim-kiem/chi-muc/` (format version 6, read by `loa-search.js`):
//! - `meta.json`: counts, shard count, result kinds (facet labels live in the search page's
//!   form, whose options carry the facet codes), the syllables of the index (`words`, and
//!   `words_cut`: how many of them were left out; see `vocabulary`); `meta.js`, the same as
//!   a script that sets `self.loaSearchMeta`, for the search page;
//! - `t/<n>.json`: shard `n` = FNV-1a(folded word) mod shards; each entry maps a folded word
//!   to its spellings (`v`: exact form → postings) or a bigram (`b`: postings); an entry too
//!   large for a shard lives in its own files, `t/x<n>.json` and `t/x<n>-2.json`, `n` its
//!   position in `big` of `meta.json` (see `tiers`);
//! - `p/<n>.json`: completions for search-as-you-type, by the first two letters, in files
//!   of consecutive two-letter starts (`completions` of `meta.json`: each file's first start);
//! - `d/<id>.json`: what a result shows (url, title, meta, excerpt);
//! - `n/<k>.json`: the document-number index, shard `k` = FNV-1a(number key) mod `numbers`
//!   of `meta.json`: each number key (`45-kh-ubnd`, see `text::numbers`) maps to its pages
//!   (`n`) and what they show (`d`), so a query shaped like a number needs one request;
//! - a bigram with a large word carries `h`: per page of its postings, the impacts of its two
//!   words (0 for a word that is not large), and, when both words are large, `d`: what the
//!   pair's best pages show, and `f`: the two-word query's first page, ranked (see
//!   `pair_first_page`);
//! - `facets.bin`: 16 bytes per page (year u16, type u8, status u8, issuer u16, campaign u16,
//!   lĩnh vực u64: bit i for the i-th field of `site.yaml`).
//!
//! Postings are base64 of (varint delta of page id, impact byte) pairs, page ids ascending.

use std::borrow::Borrow;
use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use rayon::prelude::*;
use serde_json::json;

use super::documents::{KIND_LABELS, STATUS_LABELS, SearchDoc};
use crate::hash::fnv1a;
use crate::text;

/// Where the index lives in the output.
pub(crate) const INDEX_DIR: &str = "tim-kiem/chi-muc";
/// Shards are merged to about this size: fewer files and fewer requests, each still small.
const TARGET_SHARD_BYTES: usize = 24 * 1024;
const OWN_FILE_BYTES: usize = 4 * 1024;
/// Postings in a large entry's top tier (see `tiers`).
const TOP_TIER: usize = 512;
/// Results a top tier carries: a one-word query's first page, and most of a query's whose
/// words are not adjacent in any page (sampled at 10,000 directives: within the best 64 of
/// one word). When they are, the query's first page is in its bigram entry
/// (`pair_results`), which carries those its words' top tiers do not.
const INLINE_RESULTS: usize = 64;
/// Results a bigram of two large words carries: the first page of the two-word query.
const PAIR_RESULTS: usize = 20;
/// Pages per file of results (`d/<n>.json`).
const BLOCK: usize = 16;
const COMPLETIONS_PER_PREFIX: usize = 400;
/// Campaigns first, then guides: they are what a citizen looks for; a file's page last.
const KIND_BOOSTS: [f64; 7] = [1.3, 1.15, 1.0, 0.8, 1.0, 1.0, 1.0];
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// Words are inverted in this many independent groups (by hash), in parallel.
const BUCKETS: usize = 64;

fn bucket(key: &str) -> usize {
    fnv1a(key) as usize % BUCKETS
}

/// Postings of one key: (page id, weighted tf), in the order the pages were analysed.
type Postings = Vec<(u32, u32)>;

/// One group of the vocabulary, filled by every page. Each word and bigram is stored once,
/// with its postings; a page adds only (id, tf) pairs, so memory grows with the postings,
/// not with a copy of every word per page.
#[derive(Default)]
struct Bucket {
    /// Exact spelling → index into `words`.
    word_ids: FxHashMap<Box<str>, u32>,
    /// (folded, exact, postings)
    words: Vec<(Box<str>, Box<str>, Postings)>,
    /// Folded bigram "a b" → index into `bigrams`.
    bigram_ids: FxHashMap<Box<str>, u32>,
    bigrams: Vec<(Box<str>, Postings)>,
}

impl Bucket {
    fn add_word(&mut self, folded: &str, exact: &str, id: u32, tf: u32) {
        let index = match self.word_ids.get(exact) {
            Some(&index) => index,
            None => {
                let index = self.words.len() as u32;
                self.word_ids.insert(exact.into(), index);
                self.words.push((folded.into(), exact.into(), Vec::new()));
                index
            }
        };
        self.words[index as usize].2.push((id, tf));
    }

    fn add_bigram(&mut self, bigram: &str, id: u32, tf: u32) {
        let index = match self.bigram_ids.get(bigram) {
            Some(&index) => index,
            None => {
                let index = self.bigrams.len() as u32;
                self.bigram_ids.insert(bigram.into(), index);
                self.bigrams.push((bigram.into(), Vec::new()));
                index
            }
        };
        self.bigrams[index as usize].1.push((id, tf));
    }
}

/// Counts a page's words and bigrams and adds them to the buckets; returns the page's
/// weighted length.
fn analyze(id: u32, doc: &SearchDoc, buckets: &[std::sync::Mutex<Bucket>]) -> u32 {
    let fields: Vec<(u32, Vec<text::Token>)> = doc.fields.iter().map(|(w, f)| (*w, text::tokens(f))).collect();
    let count: usize = fields.iter().map(|(_, tokens)| tokens.len()).sum();
    let mut words: FxHashMap<(&str, &str), u32> = FxHashMap::with_capacity_and_hasher(count, Default::default());
    let mut bigrams: FxHashMap<(&str, &str), u32> = FxHashMap::with_capacity_and_hasher(count, Default::default());
    let mut length = 0;
    for (weight, tokens) in &fields {
        length += tokens.len() as u32 * weight;
        for pair in tokens.windows(2) {
            *bigrams.entry((&pair[0].folded, &pair[1].folded)).or_default() += weight;
        }
        for token in tokens {
            *words.entry((&token.folded, &token.exact)).or_default() += weight;
        }
    }
    // Sorted by bucket, so each bucket is locked once per page.
    let mut word_list: Vec<(usize, &str, &str, u32)> =
        words.into_iter().map(|((folded, exact), tf)| (bucket(folded), folded, exact, tf)).collect();
    word_list.sort_unstable_by_key(|w| w.0);
    for run in word_list.chunk_by(|a, b| a.0 == b.0) {
        let mut bucket = buckets[run[0].0].lock().expect("bucket lock");
        for &(_, folded, exact, tf) in run {
            bucket.add_word(folded, exact, id, tf);
        }
    }
    // Bigram keys "a b" are written into one buffer; only a key new to its bucket is copied.
    let mut keys = String::with_capacity(bigrams.len() * 12);
    let mut bigram_list: Vec<(usize, std::ops::Range<usize>, u32)> = bigrams
        .into_iter()
        .map(|((a, b), tf)| {
            let start = keys.len();
            keys.push_str(a);
            keys.push(' ');
            keys.push_str(b);
            (bucket(&keys[start..]), start..keys.len(), tf)
        })
        .collect();
    bigram_list.sort_unstable_by_key(|b| b.0);
    for run in bigram_list.chunk_by(|a, b| a.0 == b.0) {
        let mut bucket = buckets[run[0].0].lock().expect("bucket lock");
        for (_, key, tf) in run {
            bucket.add_bigram(&keys[key.clone()], id, *tf);
        }
    }
    length
}

/// What an index entry holds: the postings of a word's spellings or of a bigram.
enum Lists {
    /// (exact spelling, postings)
    Words(Vec<(String, Vec<(u32, u8)>)>),
    Bigram(Vec<(u32, u8)>),
}

impl Lists {
    /// The entry's JSON value with `keep` deciding which postings it holds.
    fn json(&self, keep: impl Fn(u8) -> bool) -> String {
        let encoded = |postings: &[(u32, u8)]| {
            let kept: Vec<(u32, u8)> = postings.iter().copied().filter(|&(_, impact)| keep(impact)).collect();
            encode(&kept)
        };
        match self {
            Lists::Words(spellings) => {
                let variants: Vec<String> =
                    spellings.iter().map(|(exact, p)| format!("{}:\"{}\"", json_string(exact), encoded(p))).collect();
                format!("{{\"v\":{{{}}}}}", variants.join(","))
            }
            Lists::Bigram(postings) => format!("{{\"b\":\"{}\"}}", encoded(postings)),
        }
    }

    /// Every (page id, impact) of the entry, spellings together.
    fn postings(&self) -> Vec<(u32, u8)> {
        match self {
            Lists::Words(spellings) => spellings.iter().flat_map(|(_, p)| p.iter().copied()).collect(),
            Lists::Bigram(postings) => postings.clone(),
        }
    }
}

/// Index entries: (key, what it holds).
type Entries = Vec<(String, Lists)>;

/// Builds every file of the index: (path under the output root, bytes).
pub(crate) fn build<D: Borrow<SearchDoc> + Sync>(docs: &[D]) -> Vec<(String, Vec<u8>)> {
    let buckets: Vec<std::sync::Mutex<Bucket>> = (0..BUCKETS).map(|_| Default::default()).collect();
    let lengths: Vec<u32> =
        docs.par_iter().enumerate().map(|(id, doc)| analyze(id as u32, doc.borrow(), &buckets)).collect();
    let total_length: u64 = lengths.iter().map(|&l| u64::from(l)).sum();
    let avg_length = (total_length as f64 / lengths.len().max(1) as f64).max(1.0);
    let doc_count = docs.len() as f64;

    let boosts: Vec<f64> = docs.iter().map(|d| KIND_BOOSTS[usize::from(d.borrow().kind)]).collect();
    let impact = |postings: &Postings, df: usize| -> Vec<(u32, u8)> {
        let idf = (1.0 + (doc_count - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
        postings
            .iter()
            .map(|&(id, tf)| {
                let tf = f64::from(tf);
                let norm = K1 * (1.0 - B + B * f64::from(lengths[id as usize]) / avg_length);
                let score = boosts[id as usize] * idf * tf * (K1 + 1.0) / (tf + norm);
                (id, (score * 16.0).round().clamp(1.0, 255.0) as u8)
            })
            .collect()
    };

    // Invert each bucket on its own, grouped by folded word so every spelling shares one
    // document frequency. Entries are written straight to JSON text.
    let inverted: Vec<(Entries, Vec<(String, usize)>)> = buckets
        .into_par_iter()
        .map(|bucket| {
            let Bucket { mut words, mut bigrams, .. } = bucket.into_inner().expect("bucket lock");
            // Pages were added from several threads: put each posting list in page order.
            words.iter_mut().for_each(|(_, _, postings)| postings.sort_unstable());
            bigrams.iter_mut().for_each(|(_, postings)| postings.sort_unstable());
            words.sort_unstable_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
            bigrams.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            let mut entries = Vec::with_capacity(words.len() + bigrams.len());
            let mut frequencies = Vec::with_capacity(words.len());
            for spellings in words.chunk_by(|a, b| a.0 == b.0) {
                let folded = &spellings[0].0;
                let mut ids: Vec<u32> = spellings.iter().flat_map(|(_, _, p)| p.iter().map(|(id, _)| *id)).collect();
                ids.sort_unstable();
                ids.dedup();
                let df = ids.len();
                let variants: Vec<(String, Vec<(u32, u8)>)> =
                    spellings.iter().map(|(_, exact, postings)| (exact.to_string(), impact(postings, df))).collect();
                entries.push((folded.to_string(), Lists::Words(variants)));
                frequencies.push((folded.to_string(), df));
            }
            for (bigram, postings) in &bigrams {
                if postings.len() > 1 || doc_count < 2.0 {
                    entries.push((bigram.to_string(), Lists::Bigram(impact(postings, postings.len()))));
                }
            }
            (entries, frequencies)
        })
        .collect();
    let mut entries = Vec::new();
    let mut frequencies = Vec::new();
    for (bucket_entries, bucket_frequencies) in inverted {
        entries.extend(bucket_entries);
        frequencies.extend(bucket_frequencies);
    }

    let (mut files, big) = shard(entries, docs);
    let (number_files, numbers) = number_index(docs);
    files.extend(number_files);
    let (words, words_cut) = vocabulary(&frequencies);
    let (completion_files, completion_starts) = completions(frequencies);
    files.extend(completion_files);
    files.extend(
        docs.par_chunks(BLOCK)
            .enumerate()
            .map(|(n, block)| {
                let fragments: Vec<serde_json::Value> = block.iter().map(|doc| fragment(doc.borrow(), None)).collect();
                (format!("{INDEX_DIR}/d/{n}.json"), serde_json::Value::Array(fragments).to_string().into_bytes())
            })
            .collect::<Vec<_>>(),
    );
    files.push((format!("{INDEX_DIR}/facets.bin"), facet_table(docs)));
    let shards = files.iter().filter(|(p, _)| p.starts_with(&format!("{INDEX_DIR}/t/")) && !p.contains("/t/x")).count();
    let meta = json!({
        "version": 6,
        "docs": docs.len(),
        "shards": shards,
        "numbers": numbers,
        "big": big,
        "block": BLOCK,
        "completions": completion_starts,
        "kinds": KIND_LABELS,
        "statuses": STATUS_LABELS,
        "words": words,
        "words_cut": words_cut,
    });
    files.extend(meta_files(meta.to_string().into_bytes()));
    files
}

/// Replaces `meta.json` among `files` with `rewrite` of it, and `meta.js` with the same.
pub(crate) fn rewrite_meta(files: &mut Vec<(String, Vec<u8>)>, rewrite: impl FnOnce(&[u8]) -> Vec<u8>) {
    let (json, script) = (format!("{INDEX_DIR}/meta.json"), format!("{INDEX_DIR}/meta.js"));
    let Some(at) = files.iter().position(|(path, _)| *path == json) else { return };
    let meta = rewrite(&files[at].1);
    files.retain(|(path, _)| *path != json && *path != script);
    files.extend(meta_files(meta));
}

/// `meta.json` and `meta.js`, the same object as a script for the search page: a deferred
/// script that runs before the page's module, so the first entries are asked for as the
/// search starts, not after a fetch of `meta.json` that the page's own first tasks hold back.
/// It only sets `self.loaSearchMeta`: a page or a script from before it (a cached copy) still
/// works with `meta.json`. The object is serde_json's, and JSON is a JavaScript expression
/// (since ES2019 even with U+2028 or U+2029 in a string), so the file says nothing but the
/// index's data.
pub(crate) fn meta_files(meta_json: Vec<u8>) -> [(String, Vec<u8>); 2] {
    let mut script = b"self.loaSearchMeta = ".to_vec();
    script.extend_from_slice(&meta_json);
    script.extend_from_slice(b";\n");
    [(format!("{INDEX_DIR}/meta.js"), script), (format!("{INDEX_DIR}/meta.json"), meta_json)]
}

/// Number shards are text that compresses well (about 1:5), so they are larger than word shards.
const NUMBER_SHARD_BYTES: usize = 64 * 1024;

/// The document-number index (`n/<k>.json`): each number key lists its pages and what they
/// show, so a query shaped like a number is answered from one small file before any word is
/// looked up. Returns the files and their count.
fn number_index<D: Borrow<SearchDoc> + Sync>(docs: &[D]) -> (Vec<(String, Vec<u8>)>, usize) {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        if let Some(key) = doc.borrow().number.as_deref().and_then(text::numbers::number_key) {
            by_key.entry(key).or_default().push(id);
        }
    }
    let entries: Vec<(String, String)> = by_key
        .into_iter()
        .map(|(key, ids)| {
            // The start of each page's excerpt: the query's words are a number, not text.
            let shown: serde_json::Map<String, serde_json::Value> =
                ids.iter().map(|&id| (id.to_string(), fragment(docs[id].borrow(), Some("")))).collect();
            (key, json!({ "n": ids, "d": shown }).to_string())
        })
        .collect();
    let files = shard_files("n", entries, NUMBER_SHARD_BYTES);
    let count = files.len();
    (files, count)
}

/// Groups entries (key, JSON value) into hash shards `<dir>/<n>.json` of about `target_bytes`
/// each: shard `n` holds the keys whose FNV-1a is `n` modulo the number of shards, which the
/// browser computes from the key and the count in `meta.json`.
fn shard_files(dir: &str, entries: Vec<(String, String)>, target_bytes: usize) -> Vec<(String, Vec<u8>)> {
    let bytes: usize = entries.iter().map(|(key, value)| key.len() + value.len() + 4).sum();
    let count = bytes.div_ceil(target_bytes).max(1);
    let mut shards: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); count];
    for (key, value) in entries {
        shards[fnv1a(&key) as usize % count].insert(key, value);
    }
    shards
        .into_par_iter()
        .enumerate()
        .map(|(n, entries)| {
            let body: Vec<String> =
                entries.iter().map(|(key, value)| format!("{}:{value}", json_string(key))).collect();
            (format!("{INDEX_DIR}/{dir}/{n}.json"), format!("{{{}}}", body.join(",")).into_bytes())
        })
        .collect()
}

/// At most this many syllables go to the page (the most frequent): a large portal uses a few
/// thousand (about 2.2 B gzip each), and 8,976 folded shapes exist.
const VOCABULARY_WORDS: usize = 4_000;

/// The folded words of the index that have a syllable's shape, most frequent first (ties in
/// byte order), space-separated: `words` of `meta.json`, and how many were left out
/// (`words_cut`). The search page has them before its first request: when none was left out,
/// a query word of that shape not in the list is in no page, so the page asks for the word's
/// Telex/VNI reading or typo correction (one edit to a listed word) in the first round
/// instead of after the word's shard came back empty. Names, numbers, abbreviations and words
/// of other languages are not syllables, are not corrected to, and are looked up as before.
fn vocabulary(frequencies: &[(String, usize)]) -> (String, usize) {
    let mut words: Vec<(&str, usize)> = frequencies
        .iter()
        .filter(|(word, _)| word.len() >= 2 && text::typing::is_folded_syllable(word))
        .map(|(word, df)| (word.as_str(), *df))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let cut = words.len().saturating_sub(VOCABULARY_WORDS);
    words.truncate(VOCABULARY_WORDS);
    (words.iter().map(|(word, _)| *word).collect::<Vec<_>>().join(" "), cut)
}

/// Groups entries into hash shards; a large entry gets its own files instead, in impact
/// tiers (see `tiers`). Returns the files and the keys of the large entries, whose position
/// in that list names their files (`t/x<n>.json`, `t/x<n>-2.json`).
fn shard<D: Borrow<SearchDoc> + Sync>(entries: Entries, docs: &[D]) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let mut small: Vec<(String, Lists, String)> = Vec::with_capacity(entries.len());
    let mut large: Vec<(String, Lists)> = Vec::new();
    for (key, lists) in entries {
        let encoded = lists.json(|_| true);
        if encoded.len() > OWN_FILE_BYTES {
            large.push((key, lists));
        } else {
            small.push((key, lists, encoded));
        }
    }
    large.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let words = large_word_impacts(&large);
    let small: Vec<(String, String)> = small
        .into_par_iter()
        .map(|(key, lists, encoded)| match &lists {
            Lists::Bigram(postings) => {
                let extras = pair_extras(&key, postings, &words, docs);
                (key, format!("{}{extras}}}", &encoded[..encoded.len() - 1]))
            }
            _ => (key, encoded),
        })
        .collect();
    let mut files: Vec<(String, Vec<u8>)> =
        large.par_iter().enumerate().flat_map_iter(|(n, (key, lists))| tiers(n, key, lists, &words, docs)).collect();
    files.extend(shard_files("t", small, TARGET_SHARD_BYTES));
    (files, large.into_iter().map(|(key, _)| key).collect())
}

/// The files of large entry `n`: its top tier (`t/x<n>.json`: the postings whose impact is at
/// least `c`, about `TOP_TIER` of them, `d`, what the best `INLINE_RESULTS` pages show, and
/// `l`, which pages have a posting in the rest), and the rest (`t/x<n>-2.json`, every impact
/// below `c`), fetched only when the top tiers cannot decide the first page of results, or
/// to count them all.
fn tiers<D: Borrow<SearchDoc>>(
    n: usize,
    key: &str,
    lists: &Lists,
    words: &WordImpacts,
    docs: &[D],
) -> Vec<(String, Vec<u8>)> {
    let mut postings = lists.postings();
    // Best first; a page's best spelling decides where it ranks.
    postings.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let impacts: Vec<u8> = postings.iter().map(|p| p.1).collect();
    let cut = top_tier_cut(&impacts);
    let mut inline = serde_json::Map::new();
    let mut seen = std::collections::HashSet::new();
    for &(id, _) in &postings {
        if inline.len() == INLINE_RESULTS {
            break;
        }
        if seen.insert(id) {
            let first_word = key.split(' ').next().unwrap_or(key);
            inline.insert(id.to_string(), fragment(docs[id as usize].borrow(), Some(first_word)));
        }
    }
    let mut ranked = String::new();
    if let Lists::Bigram(all) = lists {
        let shown;
        (shown, ranked) = pair_first_page(key, all, words, docs);
        for (id, fragment) in shown {
            inline.entry(id).or_insert(fragment);
        }
    }
    let top = lists.json(|impact| u16::from(impact) >= cut);
    let rest = postings.iter().any(|p| u16::from(p.1) < cut);
    // Without this, a page in one word's top tier but in no other word's top tier could still
    // be in their rest, and the first page could rarely be decided before the rest is loaded.
    let lower = if rest { format!(",\"l\":\"{}\"", lower_pages(&postings, cut, docs.len())) } else { String::new() };
    let hints = match lists {
        Lists::Bigram(all) => {
            let kept: Vec<(u32, u8)> = all.iter().copied().filter(|&(_, impact)| u16::from(impact) >= cut).collect();
            word_hints(key, &kept, words).map(|h| format!(",\"h\":\"{h}\"")).unwrap_or_default()
        }
        _ => String::new(),
    };
    let mut files = vec![(
        format!("{INDEX_DIR}/t/x{n}.json"),
        format!(
            "{},\"c\":{cut},\"r\":{}{lower}{hints}{ranked},\"d\":{}}}",
            &top[..top.len() - 1],
            u8::from(rest),
            serde_json::Value::Object(inline)
        )
        .into_bytes(),
    )];
    if rest {
        files.push((format!("{INDEX_DIR}/t/x{n}-2.json"), lists.json(|impact| u16::from(impact) < cut).into_bytes()));
    }
    files
}

/// A large word's impacts: (page id, best impact of its spellings) by page, and the pages
/// whose results its top tier carries (`tiers`).
struct WordImpact {
    impacts: Vec<(u32, u8)>,
    inline: rustc_hash::FxHashSet<u32>,
}

impl WordImpact {
    /// The word's impact on page `id` (0: none).
    fn on(&self, id: u32) -> u8 {
        self.impacts.binary_search_by_key(&id, |p| p.0).map_or(0, |i| self.impacts[i].1)
    }
}

/// The large words by folded form.
type WordImpacts<'a> = FxHashMap<&'a str, WordImpact>;

fn large_word_impacts(large: &[(String, Lists)]) -> WordImpacts<'_> {
    large
        .par_iter()
        .filter(|(_, lists)| matches!(lists, Lists::Words(_)))
        .map(|(key, lists)| {
            let mut impacts = lists.postings();
            // By page, best impact first, so `dedup` keeps each page's best spelling.
            impacts.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            impacts.dedup_by_key(|p| p.0);
            let mut best = impacts.clone();
            best.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let inline = best.iter().take(INLINE_RESULTS).map(|p| p.0).collect();
            (key.as_str(), WordImpact { impacts, inline })
        })
        .collect()
}

/// For each of `postings` (a bigram's, by page), the impacts of the bigram's two words on
/// that page (0 for a word that is not large), base64; None when neither word is large.
/// The browser then knows the exact score of a page with the phrase without either word's
/// lower tier: a two-word query whose best pages have the phrase but rank low for each word
/// ("mọi phủ") is decided from the top tiers and this entry.
fn word_hints(key: &str, postings: &[(u32, u8)], words: &WordImpacts) -> Option<String> {
    let (a, b) = key.split_once(' ')?;
    let (a, b) = (words.get(a), words.get(b));
    if a.is_none() && b.is_none() {
        return None;
    }
    let impact = |word: Option<&WordImpact>, id: u32| word.map_or(0, |w| w.on(id));
    let bytes: Vec<u8> = postings.iter().flat_map(|&(id, _)| [impact(a, id), impact(b, id)]).collect();
    Some(base64(&bytes))
}

/// What a small bigram entry adds to its JSON object: `h` (see `word_hints`), and `d` and `f`
/// (see `pair_first_page`).
fn pair_extras<D: Borrow<SearchDoc>>(key: &str, postings: &[(u32, u8)], words: &WordImpacts, docs: &[D]) -> String {
    let Some(hints) = word_hints(key, postings, words) else { return String::new() };
    let mut out = format!(",\"h\":\"{hints}\"");
    let (shown, ranked) = pair_first_page(key, postings, words, docs);
    if !shown.is_empty() {
        out.push_str(&format!(",\"d\":{}", serde_json::Value::Object(shown.into_iter().collect())));
    }
    out.push_str(&ranked);
    out
}

/// The first page of the two-word query of bigram `key` when both its words are large: what
/// its pages show that the words' top tiers do not (see `pair_results`), and `f` (see
/// `ranked_json`). Empty otherwise.
fn pair_first_page<D: Borrow<SearchDoc>>(
    key: &str,
    phrase: &[(u32, u8)],
    words: &WordImpacts,
    docs: &[D],
) -> (Vec<(String, serde_json::Value)>, String) {
    let best = pair_ranking(key, phrase, words);
    (pair_results(key, &best, words, docs).collect(), ranked_json(&best))
}

/// `f`, the first page of the two-word query when both words are large: the best
/// `PAIR_RESULTS` page ids, each followed by twice its score (an integer), which
/// `loa-search.js` shows for the words typed without marks instead of ranking their top tiers
/// (the costliest first page: each word has thousands of pages). Empty when there are fewer:
/// the lists are then as quick to rank.
fn ranked_json(best: &[(u32, u32)]) -> String {
    if best.len() < PAIR_RESULTS {
        return String::new();
    }
    let pairs: Vec<String> = best.iter().map(|(id, doubled)| format!("{id},{doubled}")).collect();
    format!(",\"f\":[{}]", pairs.join(","))
}

/// When both words of bigram `key` are large: what the best pages of the two-word query show
/// (`best`, from `pair_ranking`), but those the words' top tiers carry; so that query's first
/// page needs no block of results.
fn pair_results<'a, D: Borrow<SearchDoc>>(
    key: &'a str,
    best: &'a [(u32, u32)],
    words: &'a WordImpacts,
    docs: &'a [D],
) -> impl Iterator<Item = (String, serde_json::Value)> + 'a {
    let (a, b) = key.split_once(' ').unwrap_or((key, key));
    let pair = words.get(a).zip(words.get(b));
    best.iter()
        .filter(move |(id, _)| pair.is_some_and(|(wa, wb)| !wa.inline.contains(id) && !wb.inline.contains(id)))
        .map(move |&(id, _)| (id.to_string(), fragment(docs[id as usize].borrow(), Some(a))))
}

/// When both words of bigram `key` are large: the best `PAIR_RESULTS` pages of the two-word
/// query, each with twice its score: the pages with both words, ranked as `loa-search.js`
/// ranks them (each word's best spelling's impact plus 1.5 times the phrase's; ties by page
/// id). Empty otherwise.
fn pair_ranking(key: &str, phrase: &[(u32, u8)], words: &WordImpacts) -> Vec<(u32, u32)> {
    let (a, b) = key.split_once(' ').unwrap_or((key, key));
    let pair = words.get(a).zip(words.get(b));
    let mut scored: Vec<(u32, u32)> = Vec::new();
    if let Some((wa, wb)) = pair {
        let phrase_on = |id: u32| phrase.binary_search_by_key(&id, |p| p.0).map_or(0, |i| u32::from(phrase[i].1));
        // Both lists are by page: walk them together for the pages with both words.
        let (mut i, mut j) = (0, 0);
        while i < wa.impacts.len() && j < wb.impacts.len() {
            let ((x, ia), (y, ib)) = (wa.impacts[i], wb.impacts[j]);
            match x.cmp(&y) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    // Doubled, so the phrase's 1.5 stays an integer.
                    scored.push((x, 2 * (u32::from(ia) + u32::from(ib)) + 3 * phrase_on(x)));
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    scored.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    scored.truncate(PAIR_RESULTS);
    scored
}

/// The pages with a posting below `cut` (in the lower tier), as a bitmap of `pages` bits
/// (bit `id % 8` of byte `id / 8`), base64: the browser then knows that a page in neither
/// tier of a word does not have the word, without loading the lower tier.
fn lower_pages(postings: &[(u32, u8)], cut: u16, pages: usize) -> String {
    let mut bits = vec![0u8; pages.div_ceil(8)];
    for &(id, impact) in postings {
        if u16::from(impact) < cut {
            bits[id as usize / 8] |= 1 << (id % 8);
        }
    }
    base64(&bits)
}

/// The lowest impact of the top tier, given every impact best first: the tier holds the best
/// `TOP_TIER` postings and every posting that ties with the last of them (impacts are
/// coarse, so a tie group can be large); 0 (no cut) for a list no longer than the tier.
fn top_tier_cut(impacts: &[u8]) -> u16 {
    if impacts.len() <= TOP_TIER { 0 } else { u16::from(impacts[TOP_TIER - 1]) }
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("json string")
}

/// Completion files are filled with two-letter starts, in order, to about this size: a file
/// per start would be hundreds of files of a few hundred bytes.
const COMPLETION_FILE_BYTES: usize = 8 * 1024;

/// For each two-letter start, the most frequent words that begin with it, grouped in files
/// `p/<n>.json` (`{"th": [["thi", 12], …], …}`) of consecutive starts. Returns the files and
/// the first start of each, which `meta.json` lists so the browser knows the file of a start.
fn completions(frequencies: Vec<(String, usize)>) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let mut by_prefix: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for (folded, df) in frequencies {
        let prefix: String = folded.chars().take(2).collect();
        if prefix.chars().count() < 2 {
            continue;
        }
        by_prefix.entry(prefix).or_default().push((folded, df));
    }
    let mut groups: Vec<(String, Vec<String>, usize)> = Vec::new();
    for (prefix, mut list) in by_prefix {
        list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        list.truncate(COMPLETIONS_PER_PREFIX);
        let entry = format!("{}:{}", json_string(&prefix), json!(list));
        match groups.last_mut() {
            Some((_, entries, bytes)) if *bytes < COMPLETION_FILE_BYTES => {
                *bytes += entry.len() + 1;
                entries.push(entry);
            }
            _ => groups.push((prefix, vec![entry.clone()], entry.len())),
        }
    }
    groups
        .into_iter()
        .enumerate()
        .map(|(n, (first, entries, _))| {
            ((format!("{INDEX_DIR}/p/{n}.json"), format!("{{{}}}", entries.join(",")).into_bytes()), first)
        })
        .unzip()
}

/// What a result shows: url, title, kind, number, meta line and excerpt; with `word`, only the
/// part of the excerpt around the word's first use (a top tier's inline results).
fn fragment(doc: &SearchDoc, word: Option<&str>) -> serde_json::Value {
    let excerpt = match word {
        Some(word) => excerpt_around(&doc.excerpt, word),
        None => doc.excerpt.as_str(),
    };
    json!({
        "u": doc.url,
        "t": doc.title,
        "k": doc.kind,
        "n": doc.number,
        "m": doc.meta,
        "x": excerpt,
    })
}

/// Characters kept before and after a word in an inline result's excerpt: the browser's
/// snippet is a window of 220 characters starting about 70 before the first matched word.
const AROUND_BEFORE: usize = 80;
const AROUND_AFTER: usize = 160;

/// The part of `excerpt` around the first word whose folded form is `word` (the start when
/// none is), cut at spaces.
fn excerpt_around<'a>(excerpt: &'a str, word: &str) -> &'a str {
    let mut at = None;
    let mut start = None;
    for (i, c) in excerpt.char_indices().chain(std::iter::once((excerpt.len(), ' '))) {
        let letter = c.is_alphanumeric();
        match (letter, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                if text::tokens(&excerpt[from..i]).first().is_some_and(|t| &*t.folded == word) {
                    at = Some(from);
                    break;
                }
                start = None;
            }
            _ => {}
        }
    }
    let at = at.unwrap_or(0);
    let chars_before: Vec<usize> = excerpt[..at].char_indices().map(|(i, _)| i).collect();
    let mut from = chars_before.len().checked_sub(AROUND_BEFORE).map_or(0, |k| chars_before[k]);
    if from > 0 {
        from = excerpt[from..at].find(' ').map_or(from, |space| from + space + 1);
    }
    let mut to = excerpt[at..].char_indices().nth(AROUND_AFTER).map_or(excerpt.len(), |(i, _)| at + i);
    if to < excerpt.len() {
        to = excerpt[at..to].rfind(' ').map_or(to, |space| at + space);
    }
    &excerpt[from..to]
}

/// Bytes per page in `facets.bin`.
const FACET_BYTES: usize = 16;

fn facet_table<D: Borrow<SearchDoc>>(docs: &[D]) -> Vec<u8> {
    let mut table = Vec::with_capacity(docs.len() * FACET_BYTES);
    for doc in docs {
        let f = &doc.borrow().facets;
        table.extend_from_slice(&f.year.to_le_bytes());
        table.push(f.doc_type);
        table.push(f.status);
        table.extend_from_slice(&f.issuer.to_le_bytes());
        table.extend_from_slice(&f.campaign.to_le_bytes());
        table.extend_from_slice(&f.fields.to_le_bytes());
    }
    table
}

/// Varint-delta page ids and impact bytes, base64.
pub(crate) fn encode(postings: &[(u32, u8)]) -> String {
    let mut bytes = Vec::with_capacity(postings.len() * 2);
    let mut previous = 0;
    for &(id, impact) in postings {
        let mut delta = id - previous;
        previous = id;
        loop {
            let byte = (delta & 0x7f) as u8;
            delta >>= 7;
            if delta == 0 {
                bytes.push(byte);
                break;
            }
            bytes.push(byte | 0x80);
        }
        bytes.push(impact);
    }
    base64(&bytes)
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: usize, title: &str, body: &str) -> SearchDoc {
        SearchDoc {
            url: format!("/van-ban/{id}/"),
            title: title.to_owned(),
            kind: 2,
            excerpt: body.to_owned(),
            fields: vec![(6, title.to_owned()), (1, body.to_owned())],
            ..SearchDoc::default()
        }
    }

    fn file(files: &[(String, Vec<u8>)], path: &str) -> serde_json::Value {
        let (_, bytes) = files.iter().find(|(p, _)| p == &format!("{INDEX_DIR}/{path}")).expect(path);
        serde_json::from_slice(bytes).expect("json")
    }

    #[test]
    fn a_large_entry_is_split_in_impact_tiers_with_the_best_results_inline() {
        // "thi" in 3,000 of 6,000 pages (a word in every page would weigh nothing): the
        // title ones rank best, a long body ranks lowest.
        let docs: Vec<SearchDoc> = (0..6000)
            .map(|i| match i % 6 {
                0 => doc(i, &format!("Hội thi {i}"), "nội dung"),
                1 => doc(i, &format!("Kế hoạch {i}"), "thi đua"),
                2 => doc(i, &format!("Báo cáo {i}"), &format!("{} thi", "văn bản dài ".repeat(40))),
                _ => doc(i, &format!("Thông báo {i}"), "nội dung"),
            })
            .collect();
        let files = build(&docs);
        let meta = file(&files, "meta.json");
        assert_eq!(meta["version"], 6);
        let big: Vec<&str> = meta["big"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
        let n = big.iter().position(|k| *k == "thi").expect("thi is a large entry");
        let top = file(&files, &format!("t/x{n}.json"));
        let rest = file(&files, &format!("t/x{n}-2.json"));
        let cut = top["c"].as_u64().unwrap() as u8;
        assert_eq!(top["r"], 1);
        let decode = |v: &serde_json::Value| -> Vec<(u32, u8)> {
            v["v"].as_object().unwrap().values().flat_map(|p| decode(p.as_str().unwrap())).collect()
        };
        let (high, low) = (decode(&top), decode(&rest));
        // The tier's size, and the pages that tie with its last one (here the 1,000 titles).
        assert!(high.len() >= TOP_TIER && high.iter().all(|p| p.1 == cut), "{} postings", high.len());
        assert!(high.iter().all(|p| p.1 >= cut) && low.iter().all(|p| p.1 < cut), "tiers split at the cut {cut}");
        assert_eq!(high.len() + low.len(), 3000, "every posting is in one tier");
        // The top tier says which pages are in the rest: exactly those of the lower tier.
        let bits = decode_base64(top["l"].as_str().unwrap());
        assert_eq!(bits.len(), 6000_usize.div_ceil(8));
        let marked: Vec<u32> = (0..6000).filter(|&id| bits[id as usize / 8] & (1 << (id % 8)) != 0).collect();
        let mut lower: Vec<u32> = low.iter().map(|p| p.0).collect();
        lower.sort_unstable();
        lower.dedup();
        assert_eq!(marked, lower);
        // The inline results are the best pages: titles with "thi", with their excerpt.
        let inline = top["d"].as_object().unwrap();
        assert_eq!(inline.len(), INLINE_RESULTS);
        assert!(inline.values().all(|d| d["t"].as_str().unwrap().starts_with("Hội thi")), "{inline:?}");
        // Results of every page are in blocks; shards are merged.
        assert_eq!(meta["block"], BLOCK);
        let block = file(&files, "d/1.json");
        assert_eq!(block.as_array().unwrap().len(), BLOCK);
        assert_eq!(block[0]["u"], format!("/van-ban/{BLOCK}/"));
        let blocks = files.iter().filter(|(p, _)| p.starts_with(&format!("{INDEX_DIR}/d/"))).count();
        assert_eq!(blocks, 6000_usize.div_ceil(BLOCK), "one file per block of pages, not per page");
    }

    #[test]
    fn a_bigram_of_large_words_carries_their_impacts_and_the_pairs_results() {
        // "mọi" and "phủ" each in two pages of three; the phrase "mọi phủ" in long pages only,
        // which rank low for each word but first for the two-word query.
        let docs: Vec<SearchDoc> = (0..3000)
            .map(|i| {
                let filler = "nội dung ".repeat(if i % 30 == 2 { 60 } else { 5 });
                let body = match i % 3 {
                    0 => format!("phủ {filler}"),
                    1 => format!("mọi {filler}"),
                    _ if i % 30 == 2 => format!("{filler} mọi phủ"),
                    _ => format!("mọi {filler} phủ"),
                };
                doc(i, &format!("Thông báo {i}"), &body)
            })
            .collect();
        let files = build(&docs);
        let meta = file(&files, "meta.json");
        let big: Vec<&str> = meta["big"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
        let whole = |word: &str| -> FxHashMap<u32, u8> {
            let n = big.iter().position(|k| *k == word).expect("a large word");
            let mut impacts = FxHashMap::default();
            for tier in [format!("t/x{n}.json"), format!("t/x{n}-2.json")] {
                if files.iter().any(|(p, _)| p == &format!("{INDEX_DIR}/{tier}")) {
                    for spelling in file(&files, &tier)["v"].as_object().unwrap().values() {
                        for (id, impact) in decode(spelling.as_str().unwrap()) {
                            let best = impacts.entry(id).or_insert(0);
                            *best = (*best).max(impact);
                        }
                    }
                }
            }
            impacts
        };
        let (moi, phu) = (whole("moi"), whole("phu"));
        let key = "moi phu";
        let shard = file(&files, &format!("t/{}.json", fnv1a(key) as u64 % meta["shards"].as_u64().unwrap()));
        let entry = &shard[key];
        let postings = decode(entry["b"].as_str().unwrap());
        let hints = decode_base64(entry["h"].as_str().unwrap());
        assert_eq!(hints.len(), 2 * postings.len(), "two impacts per page");
        for (k, (id, _)) in postings.iter().enumerate() {
            assert_eq!((hints[2 * k], hints[2 * k + 1]), (moi[id], phu[id]), "page {id}");
        }
        // The pair's best pages are the phrase's; their results are in the entry.
        let shown: Vec<u32> = entry["d"].as_object().unwrap().keys().map(|k| k.parse().unwrap()).collect();
        assert_eq!(shown.len(), PAIR_RESULTS, "{shown:?}");
        assert!(shown.iter().all(|id| id % 30 == 2), "{shown:?}");
        // `f` is the query's first page, ranked here from the whole lists: the pages with both
        // words by each word's best impact plus 1.5 times the phrase's, ties by page.
        let phrase: FxHashMap<u32, u8> = postings.iter().copied().collect();
        let mut ranked: Vec<(u32, u32)> = moi
            .iter()
            .filter_map(|(id, a)| {
                let b = phu.get(id)?;
                Some((*id, 2 * (u32::from(*a) + u32::from(*b)) + 3 * u32::from(phrase.get(id).copied().unwrap_or(0))))
            })
            .collect();
        ranked.sort_unstable_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let expected: Vec<u64> =
            ranked.iter().take(PAIR_RESULTS).flat_map(|(id, s)| [u64::from(*id), u64::from(*s)]).collect();
        let f: Vec<u64> = entry["f"].as_array().expect("f").iter().map(|v| v.as_u64().unwrap()).collect();
        assert_eq!(f, expected);
    }

    #[test]
    fn the_top_tier_cut_keeps_the_tier_and_its_last_ties() {
        let mut impacts: Vec<u8> = (0..TOP_TIER + 300).map(|i| (i % 200) as u8 + 1).collect();
        impacts.sort_unstable_by(|a, b| b.cmp(a));
        let cut = top_tier_cut(&impacts);
        let top = impacts.iter().filter(|&&i| u16::from(i) >= cut).count();
        assert!((TOP_TIER..TOP_TIER + 4).contains(&top), "{top} postings in the top tier");
        assert_eq!(top_tier_cut(&[9; 4]), 0, "a short list is whole");
        assert_eq!(top_tier_cut(&[7; TOP_TIER + 5]), 7, "ties stay together");
    }

    #[test]
    fn an_inline_excerpt_is_the_text_around_the_word() {
        let text = format!("{} Hội thi sáng tạo {}", "mở đầu ".repeat(60), "kết thúc ".repeat(60));
        let around = excerpt_around(&text, "thi");
        assert!(around.contains("Hội thi sáng tạo"), "{around}");
        assert!(around.chars().count() <= AROUND_BEFORE + AROUND_AFTER && !around.starts_with(' '));
        assert!(excerpt_around("không có từ đó", "thi").starts_with("không"));
    }

    fn decode_base64(encoded: &str) -> Vec<u8> {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let sextets: Vec<u32> = encoded
            .bytes()
            .filter(|&b| b != b'=')
            .map(|b| ALPHABET.iter().position(|&a| a == b).unwrap() as u32)
            .collect();
        let mut bytes = Vec::new();
        for chunk in sextets.chunks(4) {
            let n = chunk.iter().enumerate().fold(0, |n, (i, s)| n | s << (18 - 6 * i));
            bytes.extend((0..chunk.len() - 1).map(|i| (n >> (16 - 8 * i)) as u8));
        }
        bytes
    }

    /// Varint-delta postings back from base64 (as `decodePostingArrays` in loa-search.js).
    fn decode(encoded: &str) -> Vec<(u32, u8)> {
        let bytes = decode_base64(encoded);
        let (mut out, mut id, mut i) = (Vec::new(), 0, 0);
        while i < bytes.len() {
            let (mut delta, mut shift) = (0, 0);
            loop {
                let byte = bytes[i];
                i += 1;
                delta |= u32::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 {
                    break;
                }
            }
            id += delta;
            out.push((id, bytes[i]));
            i += 1;
        }
        out
    }

    #[test]
    fn the_vocabulary_lists_syllables_by_frequency_and_counts_those_left_out() {
        let mut frequencies = vec![("khcn".to_owned(), 90), ("thi".to_owned(), 50), ("dua".to_owned(), 70)];
        assert_eq!(vocabulary(&frequencies), ("dua thi".to_owned(), 0), "abbreviations are not syllables");
        // More syllables than the page takes: the rarest are left out, and counted.
        let shapes = [
            "a", "ai", "ao", "au", "ay", "e", "eo", "eu", "i", "ia", "ie", "ieu", "iu", "o", "oa", "oai", "oe", "oi",
            "u", "ua", "ue", "ui", "uo", "uoi", "uu", "uy", "uye", "y", "ye", "yeu",
        ];
        let initials = [
            "", "b", "c", "ch", "d", "g", "gh", "gi", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph",
            "qu", "r", "s", "t", "th", "tr", "v", "x",
        ];
        let finals = ["", "c", "m", "n", "ng", "nh", "p", "t", "ch"];
        let mut more = std::collections::BTreeSet::new();
        for initial in initials {
            for shape in shapes {
                for last in finals {
                    let word = format!("{initial}{shape}{last}");
                    if word.len() >= 2 && text::typing::is_folded_syllable(&word) && word != "thi" && word != "dua" {
                        more.insert(word);
                    }
                }
            }
        }
        frequencies.extend(more.into_iter().map(|word| (word, 1)));
        let syllables = frequencies.len() - 1;
        assert!(syllables > VOCABULARY_WORDS, "{syllables} syllables");
        let (words, cut) = vocabulary(&frequencies);
        assert_eq!(cut, syllables - VOCABULARY_WORDS);
        assert_eq!(words.split(' ').count(), VOCABULARY_WORDS);
        assert!(words.starts_with("dua thi "), "the most frequent first");
    }

    #[test]
    fn encodes_postings_as_base64_varint_deltas() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        // ids 1 and 200: deltas 1 and 199 (two varint bytes)
        assert_eq!(encode(&[(1, 10), (200, 20)]), base64(&[1, 10, 0xc7, 0x01, 20]));
    }
}
