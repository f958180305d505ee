//! The static search index: BM25 impacts precomputed per (word, page), stored in shards that
//! the browser fetches on demand, so a query downloads a small part of the index.
//!
//! Layout under `/tim-kiem/chi-muc/` (format version 2, read by `loa-search.js`):
//! - `meta.json`: counts, shard count, result kinds (facet labels live in the search page's
//!   form, whose options carry the facet codes);
//! - `t/<n>.json`: shard `n` = FNV-1a(folded word) mod shards; each entry maps a folded word
//!   to its spellings (`v`: exact form → postings) or a bigram (`b`: postings); an entry too
//!   large for a shard lives in its own file (`f`: file name under `t/`);
//! - `p/<hex of the first two letters>.json`: completions for search-as-you-type (the
//!   prefixes that have a file are listed in `meta.json`);
//! - `d/<id>.json`: what a result shows (url, title, meta, excerpt);
//! - `w.json`: known syllables and their document frequencies, for typo correction;
//! - entries `#<number key>` (`#45-kh-ubnd`, see `text::numbers`) list the pages with
//!   that document number (`n`);
//! - `facets.bin`: 8 bytes per page (year u16, type u8, status u8, issuer u16, campaign u16).
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
pub const INDEX_DIR: &str = "tim-kiem/chi-muc";
const TARGET_SHARD_BYTES: usize = 8 * 1024;
const OWN_FILE_BYTES: usize = 4 * 1024;
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

/// Index entries: (key, JSON text of its value).
type Entries = Vec<(String, String)>;

/// Builds every file of the index: (path under the output root, bytes).
pub fn build<D: Borrow<SearchDoc> + Sync>(docs: &[D]) -> Vec<(String, Vec<u8>)> {
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
                let variants: Vec<String> = spellings
                    .iter()
                    .map(|(_, exact, postings)| format!("{}:\"{}\"", json_string(exact), encode(&impact(postings, df))))
                    .collect();
                entries.push((folded.to_string(), format!("{{\"v\":{{{}}}}}", variants.join(","))));
                frequencies.push((folded.to_string(), df));
            }
            for (bigram, postings) in &bigrams {
                if postings.len() > 1 || doc_count < 2.0 {
                    entries.push((
                        bigram.to_string(),
                        format!("{{\"b\":\"{}\"}}", encode(&impact(postings, postings.len()))),
                    ));
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

    entries.extend(number_entries(docs));
    let mut files = shard(entries);
    files.push((format!("{INDEX_DIR}/w.json"), vocabulary(&frequencies)));
    let completion_files = completions(frequencies);
    let prefixes: Vec<String> = completion_files
        .iter()
        .filter_map(|(path, _)| path.rsplit('/').next()?.strip_suffix(".json").map(str::to_owned))
        .collect();
    files.extend(completion_files);
    files.extend(
        docs.par_iter()
            .enumerate()
            .map(|(id, doc)| (format!("{INDEX_DIR}/d/{id}.json"), fragment(doc.borrow())))
            .collect::<Vec<_>>(),
    );
    files.push((format!("{INDEX_DIR}/facets.bin"), facet_table(docs)));
    let shards = files.iter().filter(|(p, _)| p.starts_with(&format!("{INDEX_DIR}/t/")) && !p.contains("/t/x")).count();
    let meta = json!({
        "version": 2,
        "docs": docs.len(),
        "shards": shards,
        "prefixes": prefixes,
        "kinds": KIND_LABELS,
        "statuses": STATUS_LABELS,
    });
    files.push((format!("{INDEX_DIR}/meta.json"), meta.to_string().into_bytes()));
    files
}

/// The pages of each document number, under `#` and its key (`#45-kh-ubnd`): a query shaped
/// like a number is looked up whole before word by word.
fn number_entries<D: Borrow<SearchDoc>>(docs: &[D]) -> Entries {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (id, doc) in docs.iter().enumerate() {
        if let Some(key) = doc.borrow().number.as_deref().and_then(text::numbers::number_key) {
            by_key.entry(format!("#{key}")).or_default().push(id);
        }
    }
    by_key.into_iter().map(|(key, ids)| (key, json!({ "n": ids }).to_string())).collect()
}

/// Syllables longer than this are not corrected: they are names, numbers or words of other
/// languages.
const VOCABULARY_LETTERS: usize = 7;
const VOCABULARY_WORDS: usize = 12_000;

/// The known syllables (folded, letters only) with their document frequency, for one-edit
/// typo correction in the browser: `[["hoi", 12], …]`, most frequent first.
fn vocabulary(frequencies: &[(String, usize)]) -> Vec<u8> {
    let mut words: Vec<(&str, usize)> = frequencies
        .iter()
        .filter(|(w, _)| (2..=VOCABULARY_LETTERS).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(|(w, df)| (w.as_str(), *df))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    words.truncate(VOCABULARY_WORDS);
    json!(words).to_string().into_bytes()
}

/// Groups entries (key, JSON value text) into hash shards; large entries get their own file.
fn shard(entries: Vec<(String, String)>) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut small: Vec<(String, String)> = Vec::with_capacity(entries.len());
    let mut small_bytes = 0;
    for (key, encoded) in entries {
        if encoded.len() > OWN_FILE_BYTES {
            let name = format!("x{:08x}", fnv1a(&key));
            files.push((format!("{INDEX_DIR}/t/{name}.json"), encoded.into_bytes()));
            small.push((key, format!("{{\"f\":\"{name}\"}}")));
        } else {
            small_bytes += encoded.len() + key.len() + 4;
            small.push((key, encoded));
        }
    }
    let shard_count = small_bytes.div_ceil(TARGET_SHARD_BYTES).max(1);
    let mut shards: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); shard_count];
    for (key, value) in small {
        let n = fnv1a(&key) as usize % shard_count;
        shards[n].insert(key, value);
    }
    files.extend(
        shards
            .into_par_iter()
            .enumerate()
            .map(|(n, entries)| {
                let body: Vec<String> =
                    entries.iter().map(|(key, value)| format!("{}:{value}", json_string(key))).collect();
                (format!("{INDEX_DIR}/t/{n}.json"), format!("{{{}}}", body.join(",")).into_bytes())
            })
            .collect::<Vec<_>>(),
    );
    files
}

fn json_string(text: &str) -> String {
    serde_json::to_string(text).expect("json string")
}

/// For each two-letter start, the most frequent words that begin with it.
fn completions(frequencies: Vec<(String, usize)>) -> Vec<(String, Vec<u8>)> {
    let mut by_prefix: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for (folded, df) in frequencies {
        let prefix: String = folded.chars().take(2).collect();
        if prefix.chars().count() < 2 {
            continue;
        }
        by_prefix.entry(prefix).or_default().push((folded, df));
    }
    by_prefix
        .into_iter()
        .map(|(prefix, mut list)| {
            list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            list.truncate(COMPLETIONS_PER_PREFIX);
            (format!("{INDEX_DIR}/p/{}.json", hex(&prefix)), json!(list).to_string().into_bytes())
        })
        .collect()
}

fn fragment(doc: &SearchDoc) -> Vec<u8> {
    json!({
        "u": doc.url,
        "t": doc.title,
        "k": doc.kind,
        "n": doc.number,
        "m": doc.meta,
        "x": doc.excerpt,
    })
    .to_string()
    .into_bytes()
}

fn facet_table<D: Borrow<SearchDoc>>(docs: &[D]) -> Vec<u8> {
    let mut table = Vec::with_capacity(docs.len() * 8);
    for doc in docs {
        let f = &doc.borrow().facets;
        table.extend_from_slice(&f.year.to_le_bytes());
        table.push(f.doc_type);
        table.push(f.status);
        table.extend_from_slice(&f.issuer.to_le_bytes());
        table.extend_from_slice(&f.campaign.to_le_bytes());
    }
    table
}

/// Varint-delta page ids and impact bytes, base64.
pub fn encode(postings: &[(u32, u8)]) -> String {
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

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
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

    #[test]
    fn encodes_postings_as_base64_varint_deltas() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        // ids 1 and 200: deltas 1 and 199 (two varint bytes)
        assert_eq!(encode(&[(1, 10), (200, 20)]), base64(&[1, 10, 0xc7, 0x01, 20]));
    }
}
