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

/** Search tokens: { exact, folded, text } for each word (text: the word in lower case) (see `text::tokens` in Rust). */
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
    const exact = base.normalize("NFC") + tone;
    return { exact: iToY(exact) ?? exact, folded: iToY(folded) ?? folded, text: word };
  });
}

// i/y spellings of one syllable (kĩ/kỹ, lí/lý, quí/quý): see src/text/spelling.rs.
const I_Y_INITIALS = ["h", "k", "l", "m", "s", "t", "v", "qu"];

/** `word` with a final i written y when it is one of the i/y pairs, else null. */
export function iToY(word) {
  const m = /^(.*?)i([0-9]?)$/.exec(word);
  return m && I_Y_INITIALS.includes(m[1]) ? `${m[1]}y${m[2]}` : null;
}

// Raw Telex and VNI (see src/text/typing.rs, which this mirrors).
const VOWELS = "aăâeêioôơuưy";
const INITIALS = ["ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x"];
const FINALS = ["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
const NUCLEI = "a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ưu ươ yê iêu oai oao oay oeo uây uôi ươi ươu uya uyê uyu yêu".split(" ");
const TONE_LIST = ["\u0301", "\u0300", "\u0309", "\u0303", "\u0323"];
const TELEX_TONES = { s: "\u0301", f: "\u0300", r: "\u0309", x: "\u0303", j: "\u0323" };
const TELEX_LETTERS = [["dd", "đ"], ["uow", "ươ"], ["uwow", "ươ"], ["uwo", "ươ"], ["uw", "ư"], ["ow", "ơ"], ["aw", "ă"], ["aa", "â"], ["ee", "ê"], ["oo", "ô"], ["w", "ư"]];

/** Whether `word` (lower case, no tone marks) has the shape of a Vietnamese syllable. */
export function isSyllable(word) {
  return hasShape(word, (nucleus) => NUCLEI.includes(nucleus));
}

const FOLDED_NUCLEI = new Set(NUCLEI.map(fold));

/** Whether a folded word ("thuong") has the shape of a syllable: the words the index's
 * vocabulary (`words` of meta.json) lists all of (see `is_folded_syllable` in typing.rs). */
export function isFoldedSyllable(word) {
  return /^[a-z]+$/.test(word) && hasShape(word, (nucleus) => FOLDED_NUCLEI.has(nucleus));
}

/** An optional initial consonant, vowels `nucleusOk` admits, an optional final consonant. */
function hasShape(word, nucleusOk) {
  const initial = INITIALS.find((i) => word.startsWith(i));
  let rest = initial ? word.slice(initial.length) : word;
  // "gi" before no other vowel is g + i: "gì", "gìn".
  if (word.startsWith("gi") && !VOWELS.includes([...rest][0] ?? "-")) rest = word.slice(1);
  const chars = [...rest];
  let vowels = 0;
  while (vowels < chars.length && VOWELS.includes(chars[vowels])) vowels++;
  const nucleus = chars.slice(0, vowels).join("");
  const last = chars.slice(vowels).join("");
  // "oo" only in loanwords before ng (xoong, boong).
  return nucleusOk(nucleus) && FINALS.includes(last) && (nucleus !== "oo" || last === "ng");
}

function withTone(base, mark) {
  if (!mark) return base;
  const chars = [...base];
  const skip = base.startsWith("qu") || (base.startsWith("gi") && chars.length > 2 && VOWELS.includes(chars[2])) ? 2 : 0;
  const vowels = [];
  for (let i = skip; i < chars.length; i++) if (VOWELS.includes(chars[i])) vowels.push(i);
  if (vowels.length === 0) return base;
  const marked = [...vowels].reverse().find((i) => "ăâêôơư".includes(chars[i]));
  const hasFinal = vowels[vowels.length - 1] + 1 < chars.length;
  const tail = chars.slice(vowels[0]).join("");
  let at;
  if (marked !== undefined) at = marked;
  else if (vowels.length === 1) at = vowels[0];
  else if (vowels.length === 2) at = hasFinal || ["oa", "oe", "uy"].includes(tail) ? vowels[1] : vowels[0];
  else at = vowels[1];
  chars[at] += mark;
  return chars.join("").normalize("NFC");
}

function telex(word) {
  let tone = null;
  let letters = "";
  let seenVowel = false;
  for (const c of word) {
    if (TELEX_TONES[c] && seenVowel) tone = TELEX_TONES[c];
    else {
      if ("aeiouyw".includes(c)) seenVowel = true;
      letters += c;
    }
  }
  // The u of "qu" belongs to the consonant: "quowf" is quờ, not qườ.
  const initial = letters.startsWith("qu") ? "qu" : "";
  let rest = letters.slice(initial.length);
  for (const [from, to] of TELEX_LETTERS) rest = rest.split(from).join(to);
  return /[fjwz]/.test(rest) ? null : withTone(initial + rest, tone);
}

function vni(word) {
  let tone = null;
  const letters = [];
  const change = (from, to) => {
    for (let at = letters.length - 1; at >= 0; at--) {
      const i = from.indexOf(letters[at]);
      if (i >= 0) {
        letters[at] = to[i];
        return true;
      }
    }
    return false;
  };
  for (const c of word) {
    if (!/[0-9]/.test(c)) {
      letters.push(c);
      continue;
    }
    const digit = Number(c);
    let ok;
    if (digit >= 1 && digit <= 5) {
      tone = TONE_LIST[digit - 1];
      ok = true;
    } else if (digit === 6) ok = change("aeo", "âêô");
    else if (digit === 7) {
      const n = letters.length;
      // Not the u of "qu": "quo7" is quơ.
      if (n >= 2 && letters[n - 2] === "u" && letters[n - 1] === "o" && letters[n - 3] !== "q") {
        letters[n - 2] = "ư";
        letters[n - 1] = "ơ";
        ok = true;
      } else ok = change("ou", "ơư");
    } else if (digit === 8) ok = change("a", "ă");
    else if (digit === 9) ok = change("d", "đ");
    else ok = false;
    if (!ok) return null;
  }
  return withTone(letters.join(""), tone);
}

/** The syllable a raw Telex or VNI word stands for ("hooij", "ho6i5" → "hội"), or null. */
export function decodeTyping(word) {
  word = word.toLowerCase();
  if (!/^[a-z][a-z0-9]*$/.test(word) || isSyllable(word)) return null;
  const decoded = /[0-9]/.test(word) ? vni(word) : telex(word);
  if (decoded === null || decoded === word) return null;
  const toneless = decoded.normalize("NFD").replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "").normalize("NFC");
  return isSyllable(toneless) ? decoded : null;
}

/** The key of a document number (see src/text/numbers.rs): "45/KH-UBND" → "45-kh-ubnd". */
export function numberKey(text, isAbbreviation = () => true) {
  // A number has digits: most queries have none and need no more look.
  if (!/[0-9]/.test(text)) return null;
  const groups = text.split(/[\s/\-._]+/u).filter(Boolean);
  if (groups.length && fold(groups[0]) === "so") groups.shift();
  if (groups.length < 2 || groups.length > 6) return null;
  if (groups[0].length > 6 || !/^[0-9]+$/.test(groups[0])) return null;
  let key = groups[0].replace(/^0+/, "") || "0";
  let letters = 0;
  for (let i = 1; i < groups.length; i++) {
    const group = groups[i];
    if (i === 1 && /^[0-9]{4}$/.test(group)) {
      key += `-${group}`;
      continue;
    }
    const plain = group.replaceAll("&", "");
    if (!plain || [...plain].length > 10 || !/^\p{Alphabetic}+$/u.test(plain)) return null;
    if (!isAbbreviation(plain)) return null;
    key += `-${fold(plain)}`;
    letters++;
  }
  return letters > 0 ? key : null;
}

/** The number key of a query shaped like a document number, or null. */
export function queryNumberKey(text) {
  return numberKey(text, (group) => group === group.toUpperCase() || !isSyllable(fold(group)));
}

/** Query tokens: abbreviations joined by "&" (or "-" in capitals) become one term ("KH&CN" → khcn). */
export function queryTokens(query) {
  const joined = query.replace(/[\p{L}&-]+/gu, (chunk) => {
    const parts = chunk.split(/[&-]/);
    const short = parts.length > 1 && parts.every((p) => p && [...p].length <= 6 && /^\p{L}+$/u.test(p));
    const capitals = chunk === chunk.toUpperCase();
    return short && (chunk.includes("&") || capitals) ? parts.join("") : chunk;
  });
  return tokens(joined);
}

/** Whether `a` and `b` are one edit apart (insert, delete, substitute or swap two letters). */
export function oneEdit(a, b) {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    return diff.length === 1 || (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < short.length && short[i] === long[i]) i++;
  return short.slice(i) === long.slice(i + 1);
}

/** 32-bit FNV-1a over UTF-8 bytes, as `index::fnv1a`. */
export function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** The bytes of a base64 string. */
export function base64Bytes(encoded) {
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(encoded);
  const text = atob(encoded);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Decodes base64 varint-delta postings into { ids, impacts, max }: page ids ascending
 * (Uint32Array), their impacts (Uint8Array, 1–255) and the largest, no object per posting. */
export function decodePostingArrays(encoded) {
  const bytes = base64Bytes(encoded);
  // At least two bytes per posting: the arrays are cut to the count at the end.
  const ids = new Uint32Array(bytes.length >> 1);
  const impacts = new Uint8Array(bytes.length >> 1);
  let max = 0;
  let n = 0;
  let id = 0;
  let i = 0;
  while (i < bytes.length) {
    let delta = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[i++];
      delta += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    id += delta;
    ids[n] = id;
    if (bytes[i] > max) max = bytes[i];
    impacts[n++] = bytes[i++];
  }
  return { ids: ids.subarray(0, n), impacts: impacts.subarray(0, n), max };
}

/** A spelling typed without diacritics matches every spelling fully; one typed with
 * diacritics prefers pages that write the word the same way. */
const OTHER_SPELLING = 0.5;
const COMPLETION = 0.6;
const PHRASE_BONUS = 1.5;
const FACET_FIELDS = ["year", "type", "status", "issuer", "campaign", "fields"];
/** Bytes per page in facets.bin (see src/search/index.rs). */
const FACET_BYTES = 16;
/** A syllable corrected from a typo counts less than one found as typed. */
const TYPO = 0.4;
const NUMBER_FIRST = 1e6;
/** Results on the first page, which the top tiers alone may decide. */
export const FIRST_PAGE = 20;

/** The codes a page has for a facet: lĩnh vực is a set of bits (code = bit + 1), the others
 * one code (0: none). */
function facetCodes(value, field) {
  if (field !== "fields") return value ? [value] : [];
  const codes = [];
  for (let bit = 0; bit < 64; bit++) if (value[bit >> 5] & (1 << (bit & 31))) codes.push(bit + 1);
  return codes;
}

/** Whether a page's facet value matches a chosen code. */
function facetMatches(value, field, code) {
  if (field !== "fields") return value === code;
  const bit = code - 1;
  return bit >= 0 && bit < 64 && (value[bit >> 5] & (1 << (bit & 31))) !== 0;
}

/** The pages in the lower tier of a top-tier entry (`l`, a bitmap), decoded once per entry. */
function lowerPages(entry) {
  if (!entry || !entry.r || !entry.l) return null;
  entry.lower ||= base64Bytes(entry.l);
  return entry.lower;
}

/**
 * One posting list a query reads, `w` times each impact: `ids` (ascending) are its loaded
 * pages and `impacts` their impacts, indexed by page id (0: not loaded), `pages` long, `max`
 * the largest (of the postings first loaded); `cut`
 * is the entry's top-tier cut while only its top tier is loaded (every posting not loaded has
 * an impact below it), 0 once the list is whole; `lower` is the bitmap of the pages in the
 * entry's lower tier (null: any page may be).
 */
function postingList(encoded, w, entry, pages) {
  const { ids, impacts, max } = decodePostingArrays(encoded);
  const byPage = new Uint8Array(Math.max(pages, ids.length ? ids[ids.length - 1] + 1 : 0));
  for (let i = 0; i < ids.length; i++) byPage[ids[i]] = impacts[i];
  return { ids, impacts: byPage, max, w, cut: entry && entry.r ? entry.c : 0, entry, lower: lowerPages(entry) };
}

/** Adds postings (`more`, from decodePostingArrays) to `list`, keeping `ids` ascending. */
function addPostings(list, more) {
  const merged = new Uint32Array(list.ids.length + more.ids.length);
  let [i, j, n] = [0, 0, 0];
  const { ids } = list;
  while (i < ids.length || j < more.ids.length) {
    if (j >= more.ids.length || (i < ids.length && ids[i] < more.ids[j])) merged[n++] = ids[i++];
    else {
      const id = more.ids[j];
      if (i < ids.length && ids[i] === id) i++;
      merged[n++] = id;
      if (id >= list.impacts.length) {
        const grown = new Uint8Array(id + 1);
        grown.set(list.impacts);
        list.impacts = grown;
      }
      list.impacts[id] = more.impacts[j++];
    }
  }
  list.ids = merged.subarray(0, n);
}

export class SearchIndex {
  /** `base` is the index folder URL, ending with "/"; `longForms` the abbreviations' long
   * forms and terms (`[["uy ban nhan dan", "ubnd"], …]`), as the search page carries them;
   * `meta`, when given, the index's meta.json (else fetched when first needed). */
  constructor(base, fetchImpl = globalThis.fetch.bind(globalThis), { longForms = [], meta } = {}) {
    this.base = base;
    this.fetch = fetchImpl;
    this.cache = new Map();
    if (meta && typeof meta === "object") this.cache.set("meta.json", Promise.resolve(meta));
    this.bytes = 0;
    this.longForms = longForms.map(([long, term]) => [long.split(" "), term]);
    /** What the loaded top tiers say results show: page id → fragment. */
    this.inline = new Map();
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

  async meta() {
    const meta = await this.get("meta.json");
    /** Pages in the index: the length of a posting list's impacts by page. */
    this.pages ??= meta?.docs ?? 0;
    return meta;
  }

  /** The number of a large entry (one with its own tier files), or undefined. */
  async bigNumber(key) {
    const meta = await this.meta();
    if (!this.big) {
      this.big = new Map();
      (meta.big || []).forEach((key, n) => this.big.set(key, n));
    }
    return this.big.get(key);
  }

  /** The index entry of a folded word or bigram, or null; of a large entry, its top tier. */
  async entry(key) {
    const meta = await this.meta();
    const n = await this.bigNumber(key);
    if (n !== undefined) return this.keepInline(await this.get(`t/x${n}.json`));
    const shard = await this.get(`t/${fnv1a(key) % meta.shards}.json`);
    return this.keepInline((shard && shard[key]) || null);
  }

  /** Keeps what an entry says its pages show (`d`: page id → fragment); returns the entry. */
  keepInline(found) {
    if (found && found.d) for (const [id, doc] of Object.entries(found.d)) this.inline.set(Number(id), doc);
    return found;
  }

  /** The pages with document number `key` (`45-kh-ubnd`), with what they show, or null. */
  async numberEntry(key) {
    const meta = await this.meta();
    if (!meta.numbers) return null;
    const shard = await this.get(`n/${fnv1a(key) % meta.numbers}.json`);
    return this.keepInline((shard && shard[key]) || null);
  }

  /** The postings of a list's entry not loaded yet (its lower tier), base64, or null. */
  async restOf(list) {
    if (!list.cut) return null;
    const n = await this.bigNumber(list.entry.key);
    const rest = n === undefined ? null : await this.get(`t/x${n}-2.json`);
    return (rest && (list.spelling === undefined ? rest.b : rest.v && rest.v[list.spelling])) || null;
  }

  /** Adds the rest of each list's entry (its lower tier) to the list; `sliced`: one list at
   * a time, letting the page draw and take input in between. */
  async completeLists(lists, sliced) {
    const rests = lists.map((list) => this.restOf(list));
    for (let i = 0; i < lists.length; i++) {
      const encoded = await rests[i];
      if (sliced && encoded) await nextSlice();
      if (encoded) addPostings(lists[i], decodePostingArrays(encoded));
      lists[i].cut = 0;
    }
  }

  /** The most frequent indexed words starting with `prefix` (at least two letters). */
  async completions(prefix, limit = 3) {
    if ([...prefix].length < 2) return [];
    const start = [...prefix].slice(0, 2).join("");
    // The file of a two-letter start: the last whose first start is not after it (files hold
    // consecutive starts in order).
    const starts = (await this.meta()).completions || [];
    const n = starts.findLastIndex((first) => first <= start);
    if (n < 0) return [];
    const list = ((await this.get(`p/${n}.json`)) || {})[start] || [];
    return list.filter(([word]) => word.startsWith(prefix) && word !== prefix).slice(0, limit).map(([word]) => word);
  }

  async facetTable() {
    const bytes = await this.get("facets.bin", true);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const at = (id) => id * FACET_BYTES;
    return (id) => ({
      year: view.getUint16(at(id), true),
      type: view.getUint8(at(id) + 2),
      status: view.getUint8(at(id) + 3),
      issuer: view.getUint16(at(id) + 4, true),
      campaign: view.getUint16(at(id) + 6, true),
      fields: [view.getUint32(at(id) + 8, true), view.getUint32(at(id) + 12, true)],
    });
  }

  /** The index's syllables (`words` of meta.json, most frequent first), a set of them, and
   * whether it lists them all (`words_cut`: how many the build left out). */
  async vocabulary() {
    const meta = await this.meta();
    if (!this.words) {
      const list = typeof meta?.words === "string" && meta.words ? meta.words.split(" ") : null;
      this.words = { list: list || [], set: list ? new Set(list) : null, all: !meta?.words_cut };
    }
    return this.words;
  }

  /** Whether the index has the folded word `folded`: true or false when the vocabulary
   * tells (a word of a syllable's shape; false only when it lists them all), else undefined
   * (ask its shard). */
  known(folded, words) {
    if (!words.set || folded.length < 2 || !isFoldedSyllable(folded)) return undefined;
    return words.set.has(folded) || (words.all ? false : undefined);
  }

  /** The known syllable one edit away from `folded`, or null: a mistyped letter before a
   * missing or extra one, then the most frequent. */
  correction(folded, words) {
    if (!/^[a-z]{2,7}$/.test(folded)) return null;
    let best = null;
    for (const word of words.list) {
      if (!oneEdit(word, folded)) continue;
      if (word.length === folded.length) return word;
      best ||= word;
    }
    return best;
  }

  /** The posting lists of one query word: its spellings and, for the last word typed, the
   * completions; a page's score for the word is the best of them. */
  async wordLists(token, complete, entry, weight = 1) {
    const lists = [];
    const typedMarks = token.exact !== token.folded;
    const spellings = (found, key, w) => {
      if (!found || !found.v) return;
      found.key = key;
      for (const [spelling, encoded] of Object.entries(found.v)) {
        const same = !typedMarks || spelling === token.exact;
        lists.push({ ...postingList(encoded, (w ?? (same ? 1 : OTHER_SPELLING)) * weight, found, this.pages), spelling, own: w === undefined });
      }
    };
    spellings(entry, token.folded);
    if (complete) {
      const words = await this.completions(token.folded);
      const entries = await Promise.all(words.map((word) => this.entry(word)));
      entries.forEach((more, i) => spellings(more, words[i], COMPLETION));
    }
    return lists;
  }

  /** The query's words with each abbreviation spelled out ("ủy ban nhân dân") read as its
   * term (`ubnd`), which the index gives both the pages that spell it out and those that
   * abbreviate it. */
  abbreviate(typed) {
    const out = [];
    for (let i = 0; i < typed.length; i++) {
      const form = this.longForms.find(([words]) => words.every((w, k) => typed[i + k]?.folded === w));
      if (!form) {
        out.push(typed[i]);
        continue;
      }
      const span = typed.slice(i, i + form[0].length);
      out.push({ exact: form[1], folded: form[1], text: span.map((t) => t.text).join(" "), spelledOut: span });
      i += form[0].length - 1;
    }
    return out;
  }

  /**
   * What each query word is searched as: the word as typed; its Telex/VNI decoding when that
   * is a known word and the typed one is not; else, for an unknown word, the known syllable
   * one edit away. `completeLast`: the last word is still being typed. Returns [{ token,
   * entry, weight, decoded, corrected }].
   */
  async readings(words, exact, completeLast = false) {
    const vocabulary = await this.vocabulary();
    const choices = words.map((token, i) => this.choices(token, exact, vocabulary, completeLast && i === words.length - 1));
    // Every entry the words will likely be read from goes out at once, with the pairs of the
    // likely readings; a slow link pays a round trip more than the bytes.
    // No reading of a word may be asked for (every one is in no page): it has no pairs.
    const likely = choices.map((list) => list.find((c) => c.ask && c.known) || list.find((c) => c.ask));
    const quiet = (promise) => promise.catch(() => null);
    for (const choice of choices.flat()) if (choice.ask) quiet(this.entry(choice.token.folded));
    this.askPairs(likely.map((c) => c?.token.folded));
    return Promise.all(
      choices.map(async (list, i) => {
        for (const choice of list) {
          if (choice.known === false) continue;
          if (!choice.ask) {
            // Read only now: its pairs go out with its entry.
            likely[i] = choice;
            this.askPairs([i - 1, i, i + 1].map((k) => likely[k]?.token.folded));
          }
          const entry = await this.entry(choice.token.folded);
          if (entry && entry.v) return { ...choice, entry };
        }
        return { token: list[0].token, entry: null, weight: 1 };
      }),
    );
  }

  /**
   * The readings of one query word in order of preference, { token, weight, decoded,
   * corrected, known, ask }: the word as typed, its Telex/VNI reading, the known syllable one
   * edit away. `known` is what the vocabulary says of the index having it; `ask`: its entry
   * is asked for in the first round, with the other words': each reading up to the first
   * known one, and no typo correction of a word without a vowel (an abbreviation, "khcn")
   * unless the vocabulary says the typed word is in no page. A word being typed (`typing`)
   * that starts a known syllable is not corrected: "thuon" is completed to "thuong", not
   * read as "thuoc".
   */
  choices(token, exact, vocabulary, typing = false) {
    const list = [{ token, weight: 1 }];
    if (!exact) {
      const decoded = decodeTyping(token.folded);
      if (decoded) list.push({ token: tokens(decoded)[0], weight: 1, decoded: true });
      const starts = typing && vocabulary.list.some((word) => word.length > token.folded.length && word.startsWith(token.folded));
      const fix = starts ? null : this.correction(token.folded, vocabulary);
      if (fix) list.push({ token: tokens(fix)[0], weight: TYPO, corrected: true });
    }
    let settled = false;
    for (const choice of list) {
      choice.known = this.known(choice.token.folded, vocabulary);
      // A word without a vowel may be an abbreviation the index has: its correction waits.
      const mayBeAbbreviation = choice.corrected && list[0].known !== false && !/[aeiouy]/.test(token.folded);
      choice.ask = !settled && choice.known !== false && !mayBeAbbreviation;
      settled ||= choice.known === true;
    }
    return list;
  }

  /** Asks for the entries of the pairs of adjacent `folded` words (undefined: no word). */
  askPairs(folded) {
    for (let i = 1; i < folded.length; i++) {
      if (folded[i - 1] && folded[i]) this.entry(`${folded[i - 1]} ${folded[i]}`).catch(() => null);
    }
  }

  /**
   * Runs a query. `filters` maps facet names (year, type, status, issuer, campaign, fields)
   * to codes. Returns { ids, scores, total, facets, all, words, decoded, suggestion, number,
   * complete }: `ids` holds at least the first page in order; when the top tiers of large
   * entries decided it alone, `total` is null and `complete()` loads the lower tiers and
   * resolves to the whole result { ids, scores, total, all, facets } (the first page kept
   * first); so too when some page has the document number the query is shaped like: `ids`
   * are then those pages alone (the number index's one file, before any word is read);
   * otherwise the result is whole and `complete()` resolves to it. `facets()`
   * resolves to the result counts per facet value (it may fetch the facet table); `all` is
   * false when no page had every word and the results hold pages with some of them;
   * `decoded` is the query read as Telex/VNI and `suggestion` the query with a typo
   * corrected (each null when not used); `number` is { text, found } for a query shaped like
   * a document number (see `number`; when no page has it, the results are those of its type
   * and issuer). `exact` searches the words as typed only; `words` are the tokens to
   * mark in results.
   */
  async search(query, filters = {}, { complete = true, exact = false } = {}) {
    const typed = this.abbreviate(queryTokens(query));
    const none = { ids: [], total: 0, facets: async () => ({}), all: true, words: typed };
    if (typed.length === 0) return { ...none, complete: async () => none };
    // A query shaped like a number is looked up alone first (one small file): the pages with
    // the very number are the first results, in the index's order, and the words rank the rest.
    const number = await this.number(query);
    const numberIds = number?.ids || [];
    if (number && !number.found) {
      // No page has the number: the results are the documents of its type and issuer ("kh
      // ubnd"). The number alone would match pages at random (counts, dates), few and far
      // apart, each shown from its own block of results.
      const words = number.kinds.join(" ");
      return this.wordSearch(words, this.abbreviate(tokens(words)), filters, { complete: false, exact, numberIds, number });
    }
    if (numberIds.length === 0 || FACET_FIELDS.some((f) => filters[f])) {
      return this.wordSearch(query, typed, filters, { complete, exact, numberIds, number });
    }
    let whole;
    const rest = () => {
      whole ||= this.wordSearch(query, typed, filters, { complete, exact, numberIds, number }).then((r) => r.complete());
      return whole;
    };
    const ids = numberIds.slice(0, FIRST_PAGE);
    return {
      words: typed.flatMap((w) => [w, ...(w.spelledOut || [])]),
      decoded: null,
      suggestion: null,
      number,
      ids,
      scores: new Map([...numberScores(numberIds)].slice(0, FIRST_PAGE)),
      total: null,
      all: true,
      facets: async () => (await rest()).facets(),
      complete: rest,
    };
  }

  /** For a query shaped like a document number, { text, found, ids, kinds } (the pages with
   * that number, in the index's order; the key's groups of letters: type and issuer), from
   * the number index's one file; else null. The search page shows "no such number" from it
   * before the words are read. */
  async number(query) {
    const key = queryNumberKey(query.trim());
    if (!key) return null;
    const ids = ((await this.numberEntry(key)) || {}).n || [];
    const kinds = key.split("-").filter((group) => !/^[0-9]+$/.test(group));
    return { text: query.trim(), found: ids.length > 0, ids, kinds };
  }

  /** `search` by the query's words; `numberIds` are the pages with the number it is shaped
   * like, which come first. */
  async wordSearch(query, typed, filters, { complete, exact, numberIds, number }) {
    const completeLast = complete && !/\s$/.test(query);
    // The last word's completions go out with the words' entries.
    if (completeLast) this.completions(typed[typed.length - 1].folded).catch(() => null);
    const readings = await this.readings(typed, exact, completeLast);
    const words = readings.map((r) => r.token);
    const pairs = words.slice(1).map((w, i) => `${words[i].folded} ${w.folded}`);
    // A pair of a word that no page has is in no page either.
    const pairEntries = await Promise.all(pairs.map((pair, i) => (readings[i].entry && readings[i + 1].entry ? this.entry(pair) : null)));
    const filtering = FACET_FIELDS.some((f) => filters[f]);
    const spelled = (use) => (readings.some(use) ? readings.map((r) => r.token.text).join(" ") : null);
    const about = {
      words: words.flatMap((w) => [w, ...(w.spelledOut || [])]),
      decoded: spelled((r) => r.decoded),
      suggestion: spelled((r) => r.corrected),
      number,
    };
    const ranked = !filtering && !completeLast && numberIds.length === 0 ? rankedPair(readings, pairEntries) : null;
    const lists = () => this.listSearch(readings, pairs, pairEntries, filters, filtering, { completeLast, numberIds, about });
    if (ranked) return firstThenWhole(about, ranked, () => lists().then((r) => r.complete()));
    return lists();
  }

  /** `wordSearch` from the posting lists: the words' readings, their pairs ("a b") and the
   * pairs' entries. */
  async listSearch(readings, pairs, pairEntries, filters, filtering, { completeLast, numberIds, about }) {
    const words = readings.map((r) => r.token);
    const perWord = await Promise.all(
      readings.map((r, i) => this.wordLists(r.token, completeLast && i === words.length - 1 && !r.corrected, r.entry, r.weight)),
    );
    const phrases = pairEntries.map((entry, i) => {
      if (!entry || !entry.b) return [];
      entry.key = pairs[i];
      return [postingList(entry.b, PHRASE_BONUS, entry, this.pages)];
    });
    // The facet table is needed first only to filter; otherwise the counts follow the results.
    const facetsOf = filtering ? await this.facetTable() : null;
    const matches = (of, id, skip) =>
      FACET_FIELDS.every((f) => f === skip || !filters[f] || facetMatches(of(id)[f], f, Number(filters[f])));
    /** Whether a page passes the filters; null when there are none. */
    const accepted = facetsOf ? (id) => matches(facetsOf, id) : null;

    /** The whole result; `sliced` (after the first page is on screen): in slices. */
    const finish = async (sliced = false) => {
      await this.completeLists([...perWord.flat(), ...phrases.flat()], sliced);
      if (sliced) await nextSlice();
      let all = true;
      let scores = combine(perWord, phrases, true, this.pages);
      if (scores.size === 0 && words.length > 1) {
        all = false;
        scores = combine(perWord, phrases, false, this.pages);
      }
      // The pages with the very number come first, in the index's order, whatever their words.
      for (const [id, score] of numberScores(numberIds)) scores.set(id, score);
      if (sliced) await nextSlice();
      const ids = accepted ? [...scores.keys()].filter(accepted) : [...scores.keys()];
      const byPage = new Float64Array(Math.max(this.pages, ...ids.map((id) => id + 1)));
      for (const id of ids) byPage[id] = scores.get(id);
      ids.sort((a, b) => byPage[b] - byPage[a] || a - b);
      /** Result counts per facet value: { field: Map(code → count) }; a page counts for a
       * field's values when it matches every filter but that field's. */
      const facets = async () => {
        const of = facetsOf || (await this.facetTable());
        const counts = Object.fromEntries(FACET_FIELDS.map((field) => [field, new Map()]));
        const chosen = FACET_FIELDS.filter((f) => filters[f]);
        for (const id of scores.keys()) {
          const page = of(id);
          const missed = chosen.filter((f) => !facetMatches(page[f], f, Number(filters[f])));
          if (missed.length > 1) continue;
          for (const field of FACET_FIELDS) {
            if (missed.length && missed[0] !== field) continue;
            const byCode = counts[field];
            for (const code of facetCodes(page[field], field)) byCode.set(code, (byCode.get(code) || 0) + 1);
          }
        }
        return counts;
      };
      return { ids, scores, total: ids.length, all, facets };
    };
    const first = numberIds.length === 0 ? firstPage(perWord, phrases, accepted, wordHints(perWord, phrases, this.pages), this.pages) : null;
    if (first) return firstThenWhole(about, first, () => finish(true));
    const result = { ...about, ...(await finish()) };
    result.complete = async () => result;
    return result;
  }

  /** What a result shows: { u: url, t: title, k: kind, n: number, m: meta, x: excerpt }. */
  async fragment(id) {
    if (this.inline.has(id)) return this.inline.get(id);
    const meta = await this.meta();
    const block = await this.get(`d/${Math.floor(id / meta.block)}.json`);
    return block ? block[id % meta.block] : null;
  }
}

/**
 * A result whose first page (`first`: { ids, scores }) is known before the whole: `total` is
 * null until `complete()` resolves to the whole result from `whole()` (called once), with the
 * first page's pages first in their order; `facets()` waits for it.
 */
function firstThenWhole(about, first, whole) {
  let loaded;
  const complete = () => {
    loaded ||= whole().then((r) => {
      const shown = new Set(first.ids);
      return { ...about, ...r, ids: [...first.ids, ...r.ids.filter((id) => !shown.has(id))] };
    });
    return loaded;
  };
  return { ...about, ids: first.ids, scores: first.scores, total: null, all: true, facets: async () => (await complete()).facets(), complete };
}

/**
 * The first page of a two-word query that its bigram entry ranked (`f`: the best page ids of
 * the pages with both words, each followed by twice its score, ranked as `combine` ranks the
 * whole lists: each word's best spelling, plus 1.5 times the phrase), as { ids, scores }; or
 * null when the query is not the one the entry ranked: two words as typed without marks (every
 * spelling counts fully), neither a Telex/VNI reading nor a correction, with a full page.
 */
function rankedPair(readings, pairEntries) {
  const ranked = readings.length === 2 && pairEntries[0]?.f;
  if (!ranked || ranked.length < 2 * FIRST_PAGE) return null;
  if (!readings.every((r) => r.weight === 1 && !r.decoded && !r.corrected && r.token.exact === r.token.folded)) return null;
  const ids = [];
  const scores = new Map();
  for (let k = 0; k < 2 * FIRST_PAGE; k += 2) {
    ids.push(ranked[k]);
    scores.set(ranked[k], ranked[k + 1] / 2);
  }
  return { ids, scores };
}

/** A pause that lets the page draw and take input between parts of a long task. */
function nextSlice() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The scores of `numberIds` (the pages with a document number): above every page without
 * it, in the number index's order. */
function numberScores(numberIds) {
  return new Map(numberIds.map((id, i) => [id, NUMBER_FIRST + numberIds.length - i]));
}

/**
 * Per query word, what the loaded bigram entries say its own spellings score on their pages
 * (`h`: two impacts per posting, the bigram's first and second word; 0 for a word that is not
 * large), as { impacts: by page id (0: none), ids: the pages with one, w }, or null. Exact only when the word's own
 * lists all count `w` (a word typed with marks counts its other spellings less: no hints).
 */
function wordHints(perWord, phrases, pages) {
  const hints = perWord.map((lists) => {
    const own = lists.filter((l) => l.own);
    if (own.length === 0 || own.some((l) => l.w !== own[0].w)) return null;
    return { impacts: new Uint8Array(pages), ids: [], w: own[0].w };
  });
  phrases.forEach((lists, i) => {
    for (const list of lists) {
      if (!list.entry.h) continue;
      const bytes = base64Bytes(list.entry.h);
      // The list holds the entry's postings alone until its lower tier is added (after the
      // first page), in page order: `h`'s order.
      for (let k = 0; k < list.ids.length; k++) {
        const id = list.ids[k];
        setHint(hints[i], id, bytes[2 * k]);
        setHint(hints[i + 1], id, bytes[2 * k + 1]);
      }
    }
  });
  return hints;
}

/** Records a word's impact on a page from a phrase's `h` (0: the word is not large). */
function setHint(hint, id, impact) {
  if (!hint || !impact) return;
  if (!hint.impacts[id]) hint.ids.push(id);
  hint.impacts[id] = impact;
}

/** Scores of the pages with every word (`requireAll`) or with any, from whole lists: per word
 * and phrase the best of its lists, added in that order. List by list over typed arrays, no
 * object per page. */
function combine(perWord, phrases, requireAll, pages) {
  const scores = new Map();
  if (perWord.length === 0) return scores;
  const groups = [...perWord, ...phrases];
  const size = Math.max(pages, ...groups.flat().map((l) => l.impacts.length));
  const sum = new Float64Array(size);
  const words = new Uint8Array(size);
  groups.forEach((lists, g) => {
    const best = new Float64Array(size);
    for (const { ids, impacts, w } of lists) {
      for (let k = 0; k < ids.length; k++) {
        const id = ids[k];
        if (impacts[id] * w > best[id]) best[id] = impacts[id] * w;
      }
    }
    for (let id = 0; id < size; id++) {
      sum[id] += best[id];
      if (g < perWord.length && best[id] > 0) words[id]++;
    }
  });
  const needed = requireAll ? perWord.length : 1;
  for (let id = 0; id < size; id++) if (words[id] >= needed) scores.set(id, sum[id]);
  return scores;
}

/**
 * `bound(id)`: a page's { lb, ub, all, possible } for the whole query: `lb` its score from the
 * loaded lists (the words, then the phrases, each the best of its lists), `ub` what it could
 * score with the lists not loaded yet (a list's lower tier holds impacts below its cut, on the
 * pages of its bitmap), `all` whether every word is loaded for it, `possible` whether every
 * word is loaded or may be in a lower tier; `hints` (per word, see `wordHints`) make a word's
 * own lists exact on the pages they name. One flat loop over the lists, no call or object per list
 * (the first page's check runs it on every page of the top tiers while the browser has not
 * compiled it yet). The returned object is reused.
 */
function pageBounds(perWord, phrases, hints) {
  const groups = [...perWord, ...phrases];
  const words = perWord.length;
  const lists = [];
  const starts = [0];
  for (const group of groups) {
    for (const l of group) lists.push({ impacts: l.impacts, w: l.w, rest: l.cut ? (l.cut - 1) * l.w : 0, lower: l.cut ? l.lower : null, own: Boolean(l.own) });
    starts.push(lists.length);
  }
  const out = { lb: 0, ub: 0, all: true, possible: true };
  // Plain assignments: destructuring an array would build one and iterate it, per page.
  return (id) => {
    let lb = 0;
    let ub = 0;
    let all = true;
    for (let g = 0; g < groups.length; g++) {
      const hint = g < words && hints && hints[g] ? hints[g].impacts[id] || 0 : 0;
      let best = hint ? hint * hints[g].w : 0;
      let found = hint > 0;
      let rest = 0;
      for (let k = starts[g]; k < starts[g + 1]; k++) {
        const list = lists[k];
        if (hint && list.own) continue;
        const impact = list.impacts[id];
        if (impact) {
          found = true;
          if (impact * list.w > best) best = impact * list.w;
        } else if (list.rest > rest && (!list.lower || (list.lower[id >> 3] & (1 << (id & 7))) !== 0)) rest = list.rest;
      }
      if (g < words && !found) {
        if (rest === 0) {
          out.possible = false;
          return out;
        }
        all = false;
      }
      lb += best;
      ub += Math.max(best, rest);
    }
    out.lb = lb;
    out.ub = ub;
    out.all = all;
    out.possible = true;
    return out;
  };
}

/** What a page in no loaded list could score at most, per list group. */
function unseenBound(lists) {
  return Math.max(0, ...lists.filter((l) => l.cut).map((l) => (l.cut - 1) * l.w));
}

/** The pages in no loaded list that may have every word, as a bitmap of `size` pages: those
 * every word's lower tiers may hold (a list without a bitmap of them may hold any page). */
function unseenPages(perWord, seen, size) {
  const bytes = (size + 7) >> 3;
  let pages = null;
  for (const lists of perWord) {
    const open = lists.filter((l) => l.cut > 1);
    if (open.some((l) => !l.lower)) continue;
    const may = new Uint8Array(bytes);
    for (const { lower } of open) for (let i = 0; i < Math.min(bytes, lower.length); i++) may[i] |= lower[i];
    if (pages) for (let i = 0; i < bytes; i++) pages[i] &= may[i];
    else pages = may;
  }
  pages ||= new Uint8Array(bytes).fill(0xff);
  for (let i = 0; i < bytes; i++) pages[i] &= ~seen[i];
  return pages;
}

/** The pages a word's lower tiers hold, as a bitmap, when its top tiers name them all (each
 * list whose lower tier may add to a page has the bitmap of its pages); else null. */
function lowerOf(lists, size) {
  const open = lists.filter((l) => l.cut > 1);
  if (open.some((l) => !l.lower)) return null;
  const bits = new Uint8Array((size + 7) >> 3);
  for (const { lower } of open) for (let i = 0; i < Math.min(bits.length, lower.length); i++) bits[i] |= lower[i];
  return bits;
}

/** The number of pages in a bitmap. */
function bitCount(bits) {
  let count = 0;
  for (let i = 0; i < bits.length; i++) {
    let byte = bits[i];
    for (; byte; count++) byte &= byte - 1;
  }
  return count;
}

/** Calls `visit` with each page id of a bitmap, in order. */
function visitBits(bits, visit) {
  for (let byte = 0; byte < bits.length; byte++) {
    if (!bits[byte]) continue;
    for (let bit = 0; bit < 8; bit++) if (bits[byte] & (1 << bit)) visit(byte * 8 + bit);
  }
}

/**
 * The first page when the loaded top tiers decide it: the pages with every word whose
 * scores are known, at least FIRST_PAGE of them, and no other page, loaded or not, that
 * could rank above the last of them (score more, or as much with a smaller page id: ties
 * rank by page). Null when they do not (or when nothing is in tiers: the whole result is
 * then as quick). `hints` (per word, see `wordHints`) make a word's score exact on the pages
 * of a loaded bigram entry. Its work is in the pages of the loaded lists, and in those of no
 * loaded list only when those could score as much as the page's last.
 */
function firstPage(perWord, phrases, accepted, hints, pages) {
  const groups = [...perWord, ...phrases];
  if (!groups.flat().some((l) => l.cut) || perWord.some((lists) => lists.length === 0)) return null;
  const bound = pageBounds(perWord, phrases, hints);
  const size = Math.max(pages, ...groups.flat().map((l) => l.impacts.length));
  const seen = new Uint8Array((size + 7) >> 3);
  const score = new Float64Array(size);
  const known = [];
  // The pages whose score is not known: their bound, checked once the page's last is known.
  const open = [];
  const visit = (id) => {
    if (id >= size || seen[id >> 3] & (1 << (id & 7))) return;
    seen[id >> 3] |= 1 << (id & 7);
    const b = bound(id);
    if (!b.possible || (accepted && !accepted(id))) return;
    if (b.all && b.lb === b.ub) {
      known.push(id);
      score[id] = b.lb;
    } else {
      open.push(id);
      score[id] = b.ub;
    }
  };
  const visitAll = (ids) => {
    for (let k = 0; k < ids.length; k++) visit(ids[k]);
  };
  // A page whose score is known has every word in a loaded list: it is in the loaded lists
  // (or the hints) of the word with the fewest loaded pages, the only pages visited first.
  const loaded = (g) => perWord[g].reduce((n, l) => n + l.ids.length, 0) + (hints[g]?.ids.length || 0);
  const fewest = perWord.reduce((best, _, g) => (loaded(g) < loaded(best) ? g : best), 0);
  for (const list of perWord[fewest]) visitAll(list.ids);
  if (hints[fewest]) visitAll(hints[fewest].ids);
  known.sort((a, b) => score[b] - score[a] || a - b);
  if (known.length < FIRST_PAGE) return null;
  const lastId = known[FIRST_PAGE - 1];
  const last = score[lastId];
  const passes = (id, ub) => ub > last || (ub === last && id < lastId);
  for (const id of open) if (passes(id, score[id])) return null;
  // Any other page lacks that word in the loaded lists: it scores at most that word's lower
  // tiers' bound and the best any other word or phrase has loaded or may hold. Below the
  // page's last, no other page needs a look.
  const best = (lists) => Math.max(unseenBound(lists), ...lists.map((l) => l.max * l.w));
  const others = groups.reduce((sum, lists, g) => sum + (g === fewest ? unseenBound(lists) : best(lists)), 0);
  if (others < last) return { ids: known.slice(0, FIRST_PAGE), scores: new Map(known.slice(0, FIRST_PAGE).map((id) => [id, score[id]])) };
  open.length = 0;
  // Those pages may have that word only in its lower tiers: when its top tiers name their
  // pages, they are the only ones left to bound (loaded for another word or not). When no
  // page in no loaded list can reach the page's last (`ceiling`), the loaded pages are the
  // only ones left, whichever are fewer.
  const lower = lowerOf(perWord[fewest], size);
  const ceiling = groups.reduce((sum, lists) => sum + unseenBound(lists), 0);
  const loadedPages = groups.flat().reduce((n, l) => n + l.ids.length, 0);
  if (lower && !(ceiling < last && loadedPages < bitCount(lower))) visitBits(lower, visit);
  else {
    for (const list of groups.flat()) visitAll(list.ids);
    if (ceiling >= last) visitBits(unseenPages(perWord, seen, size), visit);
  }
  for (const id of open) if (passes(id, score[id])) return null;
  const first = known.slice(0, FIRST_PAGE);
  return { ids: first, scores: new Map(first.map((id) => [id, score[id]])) };
}

/** Folded forms of the words results show, kept: a page of results repeats its words, and
 * `tokens` (normalising twice) is what marking them would otherwise spend its time on. */
const FOLDED = new Map();

/** The folded form `tokens` gives one word matched by WORD. */
function foldedWord(word) {
  let folded = FOLDED.get(word);
  if (folded === undefined) {
    folded = tokens(word)[0]?.folded ?? "";
    if (FOLDED.size > 50_000) FOLDED.clear();
    FOLDED.set(word, folded);
  }
  return folded;
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
    const folded = foldedWord(match[0]);
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
    if (wanted.has(foldedWord(match[0]))) {
      at = match.index;
      break;
    }
  }
  const start = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - size / 3)));
  const end = Math.min(text.length, start + size);
  const cut = text.lastIndexOf(" ", end) > start + size / 2 && end < text.length ? text.lastIndexOf(" ", end) : end;
  return (start > 0 ? "…" : "") + text.slice(start, cut).trim() + (cut < text.length ? "…" : "");
}
