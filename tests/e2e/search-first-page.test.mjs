// The early first page of loa-search.js is exact: over generated indexes (pages, words with
// several spellings, impacts with many ties, phrases; each entry large, with an impact tier
// cut, a bitmap of its lower tier's pages and, for a phrase, its words' impacts `h`, or small,
// in a shard), the first 20 results that `search()` shows before any lower tier is loaded are
// the first 20 of a ranking computed here from the postings themselves, in the same order,
// and the first 20 of the whole result that `complete()` loads. Property-style: seeded random
// indexes in the layout `src/search/index.rs` writes (format 5), queried as typed (every
// spelling counts fully) and with marks (other spellings count half), with and without a
// filter (a year of the facet table), in Node. Ties are the
// hard case: a page whose score is not known yet may tie with the page's last and still rank
// before it, by its smaller page id. LOA_SEARCH_ENGINE=<file> runs it on another copy of the
// engine.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, test } from 'node:test';

import { REPO } from './helpers.mjs';

const ENGINE = process.env.LOA_SEARCH_ENGINE || join(REPO, 'themes', 'default', 'static', 'loa-search.js');
const { FIRST_PAGE, SearchIndex, tokens } = await import(pathToFileURL(ENGINE).href);

/** Deterministic random numbers in [0, 1) (mulberry32). */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Postings [[page, impact], …] (pages ascending) as the index writes them: base64 of varint
 * page-id deltas, each followed by its impact byte. */
function encode(postings) {
  const bytes = [];
  let last = 0;
  for (const [id, impact] of postings) {
    let delta = id - last;
    last = id;
    while (delta >= 0x80) {
      bytes.push((delta & 0x7f) | 0x80);
      delta >>>= 7;
    }
    bytes.push(delta, impact);
  }
  return Buffer.from(bytes).toString('base64');
}

const SPELLINGS = { thi: ['thi', 'thì', 'thí'], dua: ['đua', 'dua'], moi: ['mọi', 'mới', 'môi'], phu: ['phủ', 'phú'] };
const WORDS = Object.keys(SPELLINGS);

/**
 * A generated index: `files` (path under the index folder → JSON text) and the postings it
 * was made from: `words` (folded word → exact spelling → Map(page → impact)) and `phrases`
 * ("a b" → Map(page → impact)).
 */
function generate(seed) {
  const rand = random(seed);
  const pick = (n) => Math.floor(rand() * n);
  const pages = 150 + pick(600);
  // Few distinct impacts, so ties are many, at the cut too.
  const levels = 4 + pick(40);
  const impact = () => 1 + Math.min(254, Math.floor(rand() ** 2 * levels));
  const words = {};
  for (const word of WORDS) {
    const share = 0.1 + rand() * 0.8;
    words[word] = {};
    for (const spelling of SPELLINGS[word].slice(0, 1 + pick(SPELLINGS[word].length))) {
      const exact = tokens(spelling)[0].exact;
      const postings = new Map();
      for (let id = 0; id < pages; id++) if (rand() < share / 2) postings.set(id, impact());
      words[word][exact] = postings;
    }
  }
  const best = (word, id) => Math.max(0, ...Object.values(words[word]).map((p) => p.get(id) || 0));
  const phrases = {};
  for (let i = 0; i < WORDS.length; i++) {
    for (let j = 0; j < WORDS.length; j++) {
      if (i === j) continue;
      const postings = new Map();
      const share = rand() * 0.6;
      for (let id = 0; id < pages; id++) if (best(WORDS[i], id) && best(WORDS[j], id) && rand() < share) postings.set(id, impact());
      if (postings.size) phrases[`${WORDS[i]} ${WORDS[j]}`] = postings;
    }
  }
  const top = 20 + pick(150);
  const large = new Set([...WORDS, ...Object.keys(phrases)].filter(() => rand() < 0.7));
  const files = {};
  const shard = {};
  const big = [];
  const lists = (key) => (key.includes(' ') ? { b: phrases[key] } : { v: words[key] });
  const json = (entry, keep) => {
    const sorted = (postings) => [...postings].filter(([, imp]) => keep(imp)).sort((a, b) => a[0] - b[0]);
    if (entry.b) return { b: encode(sorted(entry.b)) };
    return { v: Object.fromEntries(Object.entries(entry.v).map(([exact, postings]) => [exact, encode(sorted(postings))])) };
  };
  for (const key of [...WORDS, ...Object.keys(phrases)]) {
    const entry = lists(key);
    const all = entry.b ? [...entry.b] : Object.values(entry.v).flatMap((postings) => [...postings]);
    let value;
    let kept = () => true;
    if (large.has(key)) {
      const impacts = all.map(([, imp]) => imp).sort((a, b) => b - a);
      const cut = impacts.length > top ? impacts[top - 1] : 0;
      kept = (imp) => imp >= cut;
      const rest = all.some(([, imp]) => imp < cut);
      const lower = new Uint8Array(Math.ceil(pages / 8));
      for (const [id, imp] of all) if (imp < cut) lower[id >> 3] |= 1 << (id & 7);
      value = { ...json(entry, kept), c: cut, r: rest ? 1 : 0, d: {} };
      // Most large entries name their lower tier's pages; without the bitmap any page may be
      // in it (the engine must then bound every page).
      if (rest && rand() < 0.85) value.l = Buffer.from(lower).toString('base64');
      big.push(key);
      files[`t/x${big.length - 1}.json`] = value;
      if (rest) files[`t/x${big.length - 1}-2.json`] = json(entry, (imp) => imp < cut);
    } else {
      value = json(entry, kept);
      shard[key] = value;
    }
    // A phrase with a large word carries, per posting of its file, each large word's best
    // impact on that page (0 for a word that is not large).
    const [a, b] = key.split(' ');
    if (entry.b && (large.has(a) || large.has(b))) {
      const ids = [...entry.b].filter(([, imp]) => kept(imp)).map(([id]) => id).sort((x, y) => x - y);
      const h = ids.flatMap((id) => [large.has(a) ? best(a, id) : 0, large.has(b) ? best(b, id) : 0]);
      value.h = Buffer.from(h).toString('base64');
    }
  }
  files['t/0.json'] = shard;
  // The facet table (16 bytes a page): a year, 2023 or 2024, to filter by.
  const years = Array.from({ length: pages }, () => 2023 + pick(2));
  const facets = Buffer.alloc(16 * pages);
  years.forEach((year, id) => facets.writeUInt16LE(year, 16 * id));
  files['meta.json'] = { version: 6, docs: pages, shards: 1, big, block: 16, kinds: [], completions: [], numbers: 0 };
  const texts = Object.fromEntries(Object.entries(files).map(([path, value]) => [path, JSON.stringify(value)]));
  return { files: { ...texts, 'facets.bin': facets }, words, phrases, pages, years };
}

/** The first page of `query` ranked from the postings: the pages with every word, by the sum
 * of each word's best spelling (other spellings than a marked word's count half) and 1.5
 * times each adjacent pair's phrase impact, then by page. */
function expected({ words, phrases, pages, years }, query, year) {
  const typed = tokens(query);
  const scores = [];
  for (let id = 0; id < pages; id++) {
    if (year && years[id] !== year) continue;
    let score = 0;
    let all = true;
    for (const token of typed) {
      const marked = token.exact !== token.folded;
      let best = 0;
      for (const [exact, postings] of Object.entries(words[token.folded])) {
        const imp = postings.get(id);
        if (imp) best = Math.max(best, imp * (!marked || exact === token.exact ? 1 : 0.5));
      }
      all &&= best > 0;
      score += best;
    }
    if (!all) continue;
    for (let i = 1; i < typed.length; i++) score += (phrases[`${typed[i - 1].folded} ${typed[i].folded}`]?.get(id) || 0) * 1.5;
    scores.push([id, score]);
  }
  scores.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return scores.slice(0, FIRST_PAGE).map(([id]) => id);
}

const QUERIES = ['thi dua', 'dua thi', 'moi phu', 'thi moi', 'thì đua', 'mọi phủ', 'thi dua moi', 'moi phu thi', 'phu', 'thí'];
/** Each query unfiltered, and filtered by a year on some indexes. */
const YEARS = [null, 2024];

describe('search: the early first page is the whole ranking’s first page (generated indexes)', () => {
  test('300 generated indexes × 10 queries (a third of them also filtered by year): the first page shown before the lower tiers is exact', async () => {
    let early = 0;
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const index = generate(seed);
      for (const [query, year] of QUERIES.flatMap((q, i) => [[q, null], ...(seed % 3 === i % 3 ? [[q, YEARS[1]]] : [])])) {
        const want = expected(index, query, year);
        if (want.length < FIRST_PAGE) continue;
        const fetched = [];
        const engine = new SearchIndex('', async (path) => {
          fetched.push(path);
          const body = index.files[path];
          if (body === undefined) return { ok: false };
          return { ok: true, text: async () => String(body), arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) };
        });
        const result = await engine.search(query, year ? { year } : {}, { complete: false });
        const before = [...fetched];
        const whole = await result.complete();
        const context = `seed ${seed}, "${query}"${year ? ` in ${year}` : ''} (${result.total === null ? 'early' : 'whole'}; files before the first page: ${before.join(' ')})`;
        assert.deepEqual(result.ids.slice(0, FIRST_PAGE), want, `first page, ${context}`);
        assert.deepEqual(whole.ids.slice(0, FIRST_PAGE), want, `whole result, ${context}`);
        checked++;
        if (result.total === null) {
          early++;
          assert.ok(!before.some((path) => path.endsWith('-2.json')), `a lower tier before the early first page, ${context}`);
        }
      }
    }
    // The test must exercise the early exit, not only the whole ranking.
    assert.ok(checked > 1000, `${checked} queries with a full first page`);
    assert.ok(early > 300, `${early} of ${checked} first pages came early`);
  });
});
