// loa search engine: queries the static index written by `loa build` (src/search/index.rs).
// The text rules here mirror src/text/mod.rs (`tokens`); tests/search-vectors.json holds both
// to the same answers. Works in browsers and in Node (for the shared test vectors).

const TONE_MARKS = { "\u0300": "2", "\u0301": "1", "\u0303": "3", "\u0309": "4", "\u0323": "5" };
const WORD = /[\p{Alphabetic}\p{N}\p{M}]+/gu;
const MARK = /\p{M}/gu;

/** Lower case, every mark removed, đ → d. */
export function fold(text) {
  return text.normalize("NFD").replace(MARK, "").replace(/[đĐ]/g, "d").toLowerCase();
}

/** Search tokens: { exact, folded } for each word (see `text::tokens` in Rust). */
export function tokens(text) {
  const words = text.normalize("NFC").toLowerCase().match(WORD) || [];
  return words.map((word) => {
    let tone = "";
    let base = "";
    for (const c of word.normalize("NFD")) {
      if (TONE_MARKS[c]) tone = TONE_MARKS[c];
      else base += c;
    }
    let folded = fold(word);
    if (folded.length > 1 && /^[0-9]+$/.test(folded)) folded = folded.replace(/^0+/, "") || "0";
    return { exact: base.normalize("NFC") + tone, folded };
  });
}

/** 32-bit FNV-1a over UTF-8 bytes, as `index::fnv1a`. */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function hex(text) {
  return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Decodes base64 varint-delta postings into a Map of page id → impact. */
export function decodePostings(encoded) {
  const bytes = Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0));
  const postings = new Map();
  let id = 0;
  let i = 0;
  while (i < bytes.length) {
    let delta = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[i++];
      delta |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    id += delta;
    postings.set(id, bytes[i++]);
  }
  return postings;
}

/** A spelling typed without diacritics matches every spelling fully; one typed with
 * diacritics prefers pages that write the word the same way. */
const OTHER_SPELLING = 0.5;
const COMPLETION = 0.6;
const PHRASE_BONUS = 1.5;
const FACET_FIELDS = ["year", "type", "status", "issuer", "campaign"];

export class SearchIndex {
  /** `base` is the index folder URL, ending with "/". */
  constructor(base, fetchImpl = globalThis.fetch.bind(globalThis)) {
    this.base = base;
    this.fetch = fetchImpl;
    this.cache = new Map();
    this.bytes = 0;
  }

  async get(path, binary = false) {
    if (!this.cache.has(path)) {
      const load = this.fetch(this.base + path).then(async (response) => {
        if (!response.ok) return null;
        const body = binary ? new Uint8Array(await response.arrayBuffer()) : await response.text();
        this.bytes += body.length;
        return binary ? body : JSON.parse(body);
      });
      this.cache.set(path, load);
    }
    return this.cache.get(path);
  }

  meta() {
    return this.get("meta.json");
  }

  /** The index entry of a folded word or bigram, or null. */
  async entry(key) {
    const meta = await this.meta();
    const shard = await this.get(`t/${fnv1a(key) % meta.shards}.json`);
    const entry = shard && shard[key];
    if (entry && entry.f) return this.get(`t/${entry.f}.json`);
    return entry || null;
  }

  /** The most frequent indexed words starting with `prefix` (at least two letters). */
  async completions(prefix, limit = 3) {
    if ([...prefix].length < 2) return [];
    const file = hex([...prefix].slice(0, 2).join(""));
    const meta = await this.meta();
    if (!meta.prefixes.includes(file)) return [];
    const list = (await this.get(`p/${file}.json`)) || [];
    return list.filter(([word]) => word.startsWith(prefix) && word !== prefix).slice(0, limit).map(([word]) => word);
  }

  async facetTable() {
    const bytes = await this.get("facets.bin", true);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return (id) => ({
      year: view.getUint16(id * 8, true),
      type: view.getUint8(id * 8 + 2),
      status: view.getUint8(id * 8 + 3),
      issuer: view.getUint16(id * 8 + 4, true),
      campaign: view.getUint16(id * 8 + 6, true),
    });
  }

  /** Scores of every page for one query word: best of its spellings and completions. */
  async wordScores(token, complete) {
    const scores = new Map();
    const typedMarks = token.exact !== token.folded;
    const add = (postings, weight) => {
      for (const [id, impact] of postings) {
        const score = impact * weight;
        if (score > (scores.get(id) || 0)) scores.set(id, score);
      }
    };
    const entry = await this.entry(token.folded);
    if (entry && entry.v) {
      for (const [spelling, encoded] of Object.entries(entry.v)) {
        const same = !typedMarks || spelling === token.exact;
        add(decodePostings(encoded), same ? 1 : OTHER_SPELLING);
      }
    }
    if (complete) {
      for (const word of await this.completions(token.folded)) {
        const more = await this.entry(word);
        if (more && more.v) for (const encoded of Object.values(more.v)) add(decodePostings(encoded), COMPLETION);
      }
    }
    return scores;
  }

  /**
   * Runs a query. `filters` maps facet names (year, type, status, issuer, campaign) to codes.
   * Returns { ids, scores, total, facets, all } where `all` is false when no page had every
   * word and the results hold pages with some of them.
   */
  async search(query, filters = {}, { complete = true } = {}) {
    const words = tokens(query);
    if (words.length === 0) return { ids: [], total: 0, facets: {}, all: true, words };
    const completeLast = complete && !/\s$/.test(query);
    const perWord = await Promise.all(words.map((w, i) => this.wordScores(w, completeLast && i === words.length - 1)));
    const pairs = words.slice(1).map((w, i) => `${words[i].folded} ${w.folded}`);
    const phrases = await Promise.all(pairs.map((pair) => this.entry(pair)));
    const facetsOf = await this.facetTable();

    const combine = (requireAll) => {
      const scores = new Map();
      const [first, ...rest] = [...perWord].sort((a, b) => a.size - b.size);
      const candidates = requireAll ? first.keys() : new Set(perWord.flatMap((m) => [...m.keys()]));
      for (const id of candidates) {
        if (requireAll && !rest.every((m) => m.has(id))) continue;
        let score = perWord.reduce((sum, m) => sum + (m.get(id) || 0), 0);
        for (const phrase of phrases) {
          if (phrase && phrase.b) score += (phrase.decoded ||= decodePostings(phrase.b)).get(id) * PHRASE_BONUS || 0;
        }
        scores.set(id, score);
      }
      return scores;
    };
    let all = true;
    let scores = combine(true);
    if (scores.size === 0 && words.length > 1) {
      all = false;
      scores = combine(false);
    }
    const matches = (id, skip) =>
      FACET_FIELDS.every((f) => f === skip || !filters[f] || facetsOf(id)[f] === Number(filters[f]));
    const ids = [...scores.keys()].filter((id) => matches(id)).sort((a, b) => scores.get(b) - scores.get(a) || a - b);
    const facets = {};
    for (const field of FACET_FIELDS) {
      const counts = new Map();
      for (const id of scores.keys()) {
        if (!matches(id, field)) continue;
        const code = facetsOf(id)[field];
        if (code) counts.set(code, (counts.get(code) || 0) + 1);
      }
      facets[field] = counts;
    }
    return { ids, scores, total: ids.length, facets, all, words };
  }

  /** What a result shows: { u: url, t: title, k: kind, n: number, m: meta, x: excerpt }. */
  fragment(id) {
    return this.get(`d/${id}.json`);
  }
}

/**
 * Splits `text` into parts { text, hit } where hit marks words matching the query words
 * (folded comparison, a last word also by prefix).
 */
export function highlight(text, words, prefixLast = true) {
  const wanted = words.map((w) => w.folded);
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const folded = tokens(match[0])[0]?.folded ?? "";
    const hit = wanted.some((w, i) => folded === w || (prefixLast && i === wanted.length - 1 && w.length > 1 && folded.startsWith(w)));
    if (!hit) continue;
    if (match.index > last) parts.push({ text: text.slice(last, match.index), hit: false });
    parts.push({ text: match[0], hit: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), hit: false });
  return parts;
}

/** A window of about `size` characters of `text` around the first matched word. */
export function snippet(text, words, size = 220) {
  if (!text) return "";
  const wanted = new Set(words.map((w) => w.folded));
  let at = 0;
  for (const match of text.matchAll(WORD)) {
    if (wanted.has(tokens(match[0])[0]?.folded)) {
      at = match.index;
      break;
    }
  }
  const start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - size / 3)));
  const end = Math.min(text.length, start + size);
  const cut = text.lastIndexOf(" ", end) > start + size / 2 && end < text.length ? text.lastIndexOf(" ", end) : end;
  return (start > 0 ? "…" : "") + text.slice(start, cut).trim() + (cut < text.length ? "…" : "");
}
