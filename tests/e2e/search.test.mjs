// The site search on the built sample portal: the search page (/tim-kiem/) finds documents
// by words with or without diacritics, by document number and by person name; ranks the
// Sáng tạo kỹ thuật contest first for its name; facets narrow the results; the URL
// reproduces a search; results appear while typing and on Enter; ArrowDown moves to the first
// result; a nonsense query says so; the lĩnh vực facet filters and results name the field.
// The shared tokenizer vectors (tests/search-vectors.json, also checked by the Rust tests)
// must hold in Node and in Chromium.
//
// Metrics for the report (printed as diagnostics and written to
// tests/e2e/artifacts/search-metrics.json): the bytes fetched under /tim-kiem/chi-muc/ for
// the query "thi dua" and the time to first results (data-ms set by search-page.js).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';

import {
  ARTIFACTS,
  axeSummary,
  buildSite,
  cleanup,
  launchBrowser,
  listFiles,
  newContext,
  problemLines,
  recordProblems,
  REPO,
  runAxe,
  serve,
  SITE_ROOT,
  tempDir,
  toolCheck,
  withSubPathSite,
} from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium', 'axe');

const VECTORS = JSON.parse(readFileSync(join(REPO, 'tests', 'search-vectors.json'), 'utf8'));
const ENGINE = join(REPO, 'themes', 'default', 'static', 'loa-search.js');
const SEARCH_PATH = 'tim-kiem/';
const INDEX_PATH = 'tim-kiem/chi-muc/';

/** Lower case, no diacritics, đ → d, spaces collapsed: "Thi đua" → "thi dua". */
function fold(s) {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Compares tokens(input) with every vector; returns the mismatches as lines. */
function vectorMismatches(tokensOf) {
  const bad = [];
  for (const v of VECTORS.tokens) {
    const got = tokensOf(v.input);
    if (JSON.stringify(got) !== JSON.stringify(v.tokens)) {
      bad.push(`tokens(${JSON.stringify(v.input)}) = ${JSON.stringify(got)}, expected ${JSON.stringify(v.tokens)}`);
    }
  }
  return bad;
}

describe('search: shared token vectors in Node', () => {
  test('tokens() of themes/default/static/loa-search.js matches tests/search-vectors.json', async (t) => {
    assert.ok(VECTORS.tokens?.length > 0, 'tests/search-vectors.json has no token vectors');
    const { tokens } = await import(pathToFileURL(ENGINE).href);
    const bad = vectorMismatches((input) => tokens(input).map((tk) => [tk.exact, tk.folded]));
    t.diagnostic(`${VECTORS.tokens.length} vector(s) checked in Node ${process.version}`);
    assert.equal(bad.length, 0, `${bad.length} token vector(s) differ in Node:\n${bad.join('\n')}`);
  });

  test('decodeTyping(), isFoldedSyllable() and number keys of loa-search.js match tests/search-vectors.json', async () => {
    const { decodeTyping, isFoldedSyllable, numberKey, queryNumberKey } = await import(pathToFileURL(ENGINE).href);
    assert.ok(VECTORS.typing?.length > 10 && VECTORS.numbers?.length > 5, 'typing and numbers vectors are missing');
    assert.ok(VECTORS.syllables?.length > 10, 'syllable shape vectors are missing');
    const bad = [];
    for (const v of VECTORS.syllables) {
      if (isFoldedSyllable(v.input) !== v.folded_syllable) bad.push(`isFoldedSyllable(${JSON.stringify(v.input)}) = ${isFoldedSyllable(v.input)}`);
    }
    for (const v of VECTORS.typing) {
      if (decodeTyping(v.input) !== v.decoded) bad.push(`decodeTyping(${JSON.stringify(v.input)}) = ${decodeTyping(v.input)}, expected ${v.decoded}`);
    }
    for (const v of VECTORS.numbers) {
      if (numberKey(v.input) !== v.key) bad.push(`numberKey(${JSON.stringify(v.input)}) = ${numberKey(v.input)}, expected ${v.key}`);
      if (queryNumberKey(v.input) !== v.query) bad.push(`queryNumberKey(${JSON.stringify(v.input)}) = ${queryNumberKey(v.input)}, expected ${v.query}`);
    }
    assert.deepEqual(bad, []);
  });
});

describe('search: the vocabulary in meta.js (Node)', () => {
  test('a syllable missing from the vocabulary is in no page only when the vocabulary lists them all', async () => {
    const { SearchIndex, fnv1a } = await import(pathToFileURL(ENGINE).href);
    const shards = 64;
    const shardOf = (key) => `t/${fnv1a(key) % shards}.json`;
    for (const [cut, typoAsked] of [[0, false], [3, true]]) {
      const asked = [];
      const fetchRecorder = async (path) => {
        asked.push(path);
        return { ok: false };
      };
      const meta = { version: 6, docs: 1, shards, big: [], block: 16, words: 'khen thuong', words_cut: cut };
      const index = new SearchIndex('', fetchRecorder, { meta });
      const words = await index.vocabulary();
      assert.equal(index.known('khen', words), true);
      assert.equal(index.known('thuonh', words), cut ? undefined : false);
      assert.equal(index.known('khcn', words), undefined, 'not a syllable: only its shard tells');
      await index.search('khen thuonh', {}, { complete: false });
      // The correction and its pair go out in the first round either way; the mistyped word's
      // shard only when the vocabulary cannot say it is in no page.
      for (const key of ['khen', 'thuong', 'khen thuong']) assert.ok(asked.includes(shardOf(key)), `${key}: ${asked}`);
      assert.equal(asked.includes(shardOf('thuonh')), typoAsked, `words_cut ${cut}: ${asked}`);
    }
  });
});

describe('search page (sample portal, Chromium)', { skip }, () => {
  let work;
  let out;
  let server;
  let browser;
  const metrics = {};

  before(async () => {
    if (toolError) throw toolError;
    mkdirSync(ARTIFACTS, { recursive: true });
    work = tempDir();
    out = buildSite({ root: SITE_ROOT, out: join(work, 'public') });
    server = await serve(out);
    browser = await launchBrowser();
  });

  after(async () => {
    if (Object.keys(metrics).length) {
      writeFileSync(join(ARTIFACTS, 'search-metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    }
    await browser?.close();
    await server?.close();
    cleanup(work);
  });

  const searchUrl = (params = {}) => {
    const q = new URLSearchParams(params).toString().replace(/\+/g, '%20');
    return server.url + SEARCH_PATH + (q ? `?${q}` : '');
  };

  /** Opens a page with problem recorders; waits for the search script to be ready. */
  async function open(context, url) {
    const page = await context.newPage();
    const rec = recordProblems(page);
    const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
    await page.waitForSelector('#search-form.js-ready', { timeout: 10_000 }).catch(() => {
      throw new Error(`${url}: search-page.js never marked #search-form as ready (.js-ready): ${problemLines(rec).join('; ')}`);
    });
    return { page, rec };
  }

  /** Forgets the last finished search, so waitForSearch waits for the next one. */
  async function resetSearchMark(page) {
    await page.evaluate(() => {
      const list = document.getElementById('search-results');
      delete list.dataset.query;
      delete list.dataset.ms;
    });
  }

  /** Waits until search-page.js has finished a search for `query` (data-query, data-ms). */
  async function waitForSearch(page, query, what) {
    try {
      await page.waitForFunction(
        (q) => {
          const list = document.getElementById('search-results');
          return list.dataset.query === q && list.dataset.ms !== undefined;
        },
        query,
        { timeout: 10_000 },
      );
    } catch {
      const state = await page.evaluate(() => ({
        query: document.getElementById('search-results')?.dataset.query,
        status: document.getElementById('search-status')?.textContent,
        input: document.getElementById('q')?.value,
      }));
      throw new Error(`${what}: no search for ${JSON.stringify(query)} finished within 10 s (state: ${JSON.stringify(state)})`);
    }
  }

  /** The visible results: [{href (relative to the site root), title, meta}] and the status text. */
  async function results(page) {
    const state = await page.evaluate(() => ({
      status: document.getElementById('search-status')?.textContent ?? '',
      items: [...document.querySelectorAll('#search-results li')].map((li) => {
        const a = li.querySelector('a');
        return {
          href: a?.href ?? '',
          title: a?.textContent ?? '',
          meta: li.querySelector('.result-meta')?.textContent ?? '',
        };
      }),
    }));
    for (const item of state.items) {
      if (item.href.startsWith(server.url)) item.href = `/${item.href.slice(server.url.length)}`;
    }
    const m = state.status.match(/(\d+)/);
    state.count = m ? Number(m[1]) : null;
    return state;
  }

  const show = (items, n = 5) =>
    items
      .slice(0, n)
      .map((r, i) => `  ${i + 1}. ${r.href}  “${r.title}”  [${r.meta}]`)
      .join('\n') || '  (none)';

  test('?q=thi%20dua finds documents containing "thi đua"; index bytes and time measured', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const rec = recordProblems(page);
      const fetched = [];
      page.on('response', (resp) => {
        const path = new URL(resp.url()).pathname;
        if (!path.startsWith(`/${INDEX_PATH}`)) return;
        fetched.push(
          resp.body().then(
            (b) => ({ path: path.slice(INDEX_PATH.length + 1), status: resp.status(), bytes: b.length }),
            () => ({ path: path.slice(INDEX_PATH.length + 1), status: resp.status(), bytes: 0 }),
          ),
        );
      });
      const url = searchUrl({ q: 'thi dua' });
      const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
      await waitForSearch(page, 'thi dua', url);
      const sinceNavigation = await page.evaluate(() => Math.round(performance.now()));
      const dataMs = Number(await page.$eval('#search-results', (l) => l.dataset.ms));
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
      const files = await Promise.all(fetched);
      const r = await results(page);
      t.diagnostic(`${url}: ${r.status}\n${show(r.items)}`);

      assert.ok(r.items.length > 0, `${url}: #search-results has no <li> (status: "${r.status}")`);
      assert.ok(r.count > 0, `${url}: #search-status does not give a result count: "${r.status}"`);
      assert.doesNotMatch(r.status, /không trang nào có đủ/i, `${url}: no page has both words “thi” and “đua”: "${r.status}"`);
      assert.ok(
        fold(r.items[0].title).includes('thi dua'),
        `${url}: the first result's title does not contain “thi đua” in any spelling:\n${show(r.items)}`,
      );
      const marks = await page.$$eval('#search-results li:first-child .result-title mark', (ms) => ms.map((m) => m.textContent));
      assert.ok(
        marks.some((m) => fold(m) === 'thi') && marks.some((m) => fold(m) === 'dua'),
        `${url}: the first result does not highlight the query words with <mark> (marks: ${JSON.stringify(marks)})`,
      );
      // Every result shown has both words (all=true); at least one of them is highlighted.
      const unmarked = await page.$$eval('#search-results li', (lis) =>
        lis.filter((li) => !li.querySelector('mark')).map((li) => li.querySelector('a')?.getAttribute('href')),
      );
      assert.equal(unmarked.length, 0, `${url}: result(s) without any highlighted query word: ${unmarked.join(', ')}`);

      const bytes = files.reduce((s, f) => s + f.bytes, 0);
      const indexFiles = listFiles(join(out, INDEX_PATH));
      const indexBytes = indexFiles.reduce((s, f) => s + statSync(f).size, 0);
      Object.assign(metrics, {
        query: 'thi dua',
        url: url.replace(server.origin, ''),
        results: r.count,
        index_bytes_fetched: bytes,
        index_requests: files.length,
        index_files_fetched: files.map((f) => `${f.path} (${f.bytes} B${f.status === 200 ? '' : `, HTTP ${f.status}`})`),
        index_total_bytes: indexBytes,
        index_total_files: indexFiles.length,
        time_to_first_results_ms: dataMs,
        ms_from_navigation_start_to_results: sinceNavigation,
        browser: `chromium ${browser.version()}`,
      });
      const line =
        `search metrics for "thi dua": ${bytes} bytes in ${files.length} request(s) under /${INDEX_PATH} ` +
        `(of ${indexBytes} bytes in ${indexFiles.length} index files); time to first results ` +
        `${dataMs} ms (data-ms), ${sinceNavigation} ms after navigation start`;
      console.log(line);
      t.diagnostic(line);

      assert.ok(files.length > 0 && bytes > 0, `${url}: nothing was fetched under /${INDEX_PATH}`);
      const failed = files.filter((f) => f.status !== 200);
      assert.equal(failed.length, 0, `${url}: index requests failed: ${JSON.stringify(failed)}`);
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, `${url}:\n  ${problems.join('\n  ')}`);
    } finally {
      await context.close();
    }
  });

  test('typing "sang tao ky thuat" (no Enter) ranks the Sáng tạo kỹ thuật contest first', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const { r, rec } = await typeQuery(context, 'sang tao ky thuat');
      t.diagnostic(`typed "sang tao ky thuat": ${r.status}\n${show(r.items)}`);
      assert.ok(r.items.length > 0, `typing "sang tao ky thuat" shows no results (status: "${r.status}")`);
      const first = r.items[0];
      assert.match(first.href, /^\/phong-trao\/[^/]+\/$/, `the first result is not a campaign page:\n${show(r.items)}`);
      assert.ok(
        first.title.normalize('NFC').includes('Sáng tạo kỹ thuật'),
        `the first result's title does not contain “Sáng tạo kỹ thuật”:\n${show(r.items)}`,
      );
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  /** Types `q` into the box of the opened search page, without Enter (the results must come
   * from typing alone), and waits for its search; returns the results with the notice text. */
  async function typeQuery(context, q) {
    const { page, rec } = await open(context, searchUrl());
    await page.locator('#q').pressSequentially(q, { delay: 25 });
    await waitForSearch(page, q, 'typing into #q');
    const r = await results(page);
    r.notice = (await page.$eval('#search-notice', (n) => n.textContent)).normalize('NFC');
    return { r, rec };
  }

  /** Opens ?q=query, waits for it; returns the results, the notice text and the page. */
  async function query(context, q) {
    const url = searchUrl({ q });
    const { page } = await open(context, url);
    await waitForSearch(page, q, url);
    const r = await results(page);
    r.notice = (await page.$eval('#search-notice', (n) => n.textContent)).normalize('NFC');
    r.strong = await page.$$eval('#search-notice strong', (s) => s.map((n) => n.textContent.normalize('NFC')));
    r.noticeLinks = await page.$$eval('#search-notice a', (l) => l.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
    return { r, page, url };
  }

  test('raw Telex and VNI: "hooij thi" and "ho6i5 thi" show Hội thi first with the notice and an exact link', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      for (const q of ['hooij thi', 'ho6i5 thi']) {
        const { r, page } = await query(context, q);
        t.diagnostic(`${q}: ${r.status} / ${r.notice}\n${show(r.items)}`);
        assert.ok(r.items[0]?.title.normalize('NFC').startsWith('Hội thi'), `${q}: the first result is not a Hội thi:\n${show(r.items)}`);
        assert.deepEqual(r.strong, ['hội thi'], `${q}: the notice does not name “hội thi” in bold: ${r.notice}`);
        assert.ok(r.notice.startsWith('Đang hiển thị kết quả cho hội thi. Tìm chính xác: '), `${q}: notice “${r.notice}”`);
        assert.equal(r.noticeLinks[0]?.text, q, `${q}: the exact-search link does not carry the query`);
        // The exact search takes the words as typed: no notice, no Hội thi first.
        await resetSearchMark(page);
        await page.click('#search-notice a');
        await waitForSearch(page, q, `${q}: exact link`);
        assert.equal(await page.$eval('#search-notice', (n) => n.textContent), '', `${q}: the exact search still reads the words as Telex`);
        assert.match(page.url(), /chinh-xac=1/, `${q}: the exact search is not kept in the URL`);
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  test('i/y: "ki thuat" finds the kỹ thuật documents as exact matches, as "kỹ thuật" does', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const { r: ki } = await query(context, 'ki thuat');
      const { r: ky } = await query(context, 'kỹ thuật');
      t.diagnostic(`ki thuat: ${ki.status}\n${show(ki.items)}`);
      assert.ok(ki.items[0]?.title.normalize('NFC').includes('kỹ thuật'), `ki thuat: first result:\n${show(ki.items)}`);
      assert.equal(ki.count, ky.count, 'ki thuat and kỹ thuật find different numbers of pages');
      assert.deepEqual(ki.items.map((i) => i.href), ky.items.map((i) => i.href), 'ki thuat ranks differently from kỹ thuật');
      assert.doesNotMatch(ki.status, /một phần|some of/, 'ki thuat is only a partial match');
      assert.equal(ki.notice, '', 'ki thuat needs no notice');
    } finally {
      await context.close();
    }
  });

  test('abbreviations: "khcn" finds what "KH&CN" finds, the Sở pages included', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const { r: short } = await query(context, 'khcn');
      const { r: amp } = await query(context, 'KH&CN');
      const { r: long } = await query(context, 'Khoa học và Công nghệ');
      t.diagnostic(`khcn: ${short.count}, KH&CN: ${amp.count}, Khoa học và Công nghệ: ${long.count}`);
      assert.ok(short.count >= 5, `khcn finds only ${short.count} page(s)`);
      assert.equal(short.count, amp.count, 'khcn and KH&CN find different numbers of pages');
      assert.deepEqual(new Set(short.items.map((i) => i.href)), new Set(amp.items.map((i) => i.href)));
      assert.ok(short.items.some((i) => /Sở/.test(i.title)), `khcn does not find a Sở page:\n${show(short.items, 20)}`);
      // The other way: the long form finds the pages that only abbreviate it.
      const { r: ubnd } = await query(context, 'UBND');
      const { r: spelled } = await query(context, 'ủy ban nhân dân');
      t.diagnostic(`UBND: ${ubnd.count}, ủy ban nhân dân: ${spelled.count}`);
      const only = ubnd.items.filter((i) => !/ủy ban nhân dân|uỷ ban nhân dân/i.test(`${i.title} ${i.meta}`));
      assert.ok(ubnd.count > 0 && only.length > 0, `no UBND result writes only the abbreviation:\n${show(ubnd.items, 10)}`);
      const found = new Set(spelled.items.map((i) => i.href));
      assert.ok(only.every((i) => found.has(i.href)), `"ủy ban nhân dân" misses pages that write UBND:\n${show(only.filter((i) => !found.has(i.href)), 10)}`);
    } finally {
      await context.close();
    }
  });

  test('numbers: an unknown number says so above the results; "90 KH UBND" finds 90/KH-UBND first', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const { r: missing } = await query(context, '45/KH-UBND');
      t.diagnostic(`45/KH-UBND: ${missing.notice} / ${missing.status}`);
      assert.equal(missing.notice, 'Không có văn bản số 45/KH-UBND trên cổng này.');
      for (const q of ['90 KH UBND', '90-KH/UBND', '90/KH-UBND', 'số 90 kh ubnd']) {
        const { r } = await query(context, q);
        t.diagnostic(`${q}: ${r.status}\n${show(r.items, 2)}`);
        assert.equal(r.notice, '', `${q}: ${r.notice}`);
        assert.ok(r.items[0]?.meta.includes('90/KH-UBND'), `${q}: the first result is not 90/KH-UBND:\n${show(r.items)}`);
      }
    } finally {
      await context.close();
    }
  });

  test('typos: "khem thuong" (one letter off in a 4-letter syllable) finds khen thưởng and suggests it', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const { r } = await query(context, 'khem thuong');
      t.diagnostic(`khem thuong: ${r.status} / ${r.notice}\n${show(r.items)}`);
      assert.ok(r.count > 0, 'khem thuong finds nothing');
      assert.equal(r.notice, 'Có phải bạn muốn tìm: khen thuong');
      assert.equal(r.noticeLinks[0]?.href, '?q=khen+thuong');
      const { r: right } = await query(context, 'khen thuong');
      assert.equal(r.count, right.count, 'the corrected search finds other pages');
    } finally {
      await context.close();
    }
  });

  test('typing "khen thuon" (no Enter): the word being typed is completed to thưởng, not corrected', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const { r, rec } = await typeQuery(context, 'khen thuon');
      t.diagnostic(`typed "khen thuon": ${r.status} / ${r.notice}\n${show(r.items)}`);
      assert.equal(r.notice, '', 'a word being typed got a correction');
      const { r: whole } = await query(context, 'khen thuong');
      assert.deepEqual(r.items.map((i) => i.href), whole.items.map((i) => i.href), 'typing "khen thuon" shows other pages than "khen thuong"');
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('result lines do not repeat the kind; matched words are marked in title and snippet', { timeout: 60_000 }, async () => {
    const context = await newContext(browser);
    try {
      const { r, page } = await query(context, 'huong dan');
      for (const item of r.items) {
        const parts = item.meta.split(' · ');
        assert.notEqual(parts[0], parts[1], `a result line repeats its kind: “${item.meta}”`);
      }
      const marks = await page.$$eval('#search-results li .result-title mark, #search-results li .result-snippet mark', (m) => m.map((x) => x.textContent));
      assert.ok(marks.some((m) => fold(m) === 'huong'), `no “hướng” marked: ${marks.slice(0, 5)}`);
    } finally {
      await context.close();
    }
  });

  test('"1338" finds the dispatch 1338-CV/ĐUK', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const url = searchUrl({ q: '1338' });
      const { page } = await open(context, url);
      await waitForSearch(page, '1338', url);
      const r = await results(page);
      t.diagnostic(`${url}: ${r.status}\n${show(r.items)}`);
      assert.ok(r.items.length > 0, `${url}: no results (status: "${r.status}")`);
      assert.match(r.items[0].href, /^\/van-ban\/cv-1338-[^/]*\/$/, `${url}: the first result is not /van-ban/cv-1338-…/:\n${show(r.items)}`);
      assert.ok(
        r.items[0].meta.normalize('NFC').includes('1338-CV/ĐUK'),
        `${url}: the first result's details do not show the number 1338-CV/ĐUK:\n${show(r.items)}`,
      );
    } finally {
      await context.close();
    }
  });

  test('Enter runs the search: "vu xuan thu" finds the person page of Vũ Xuân Thu', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const { page } = await open(context, searchUrl());
      // Set the value without an input event, so only Enter (submit) can start the search.
      await page.evaluate(() => {
        window.__samePage = true;
        const q = document.getElementById('q');
        q.value = 'vu xuan thu';
        q.focus();
      });
      await page.waitForTimeout(300);
      assert.equal(
        await page.$$eval('#search-results li', (l) => l.length),
        0,
        'results appeared before Enter without any input event',
      );
      await page.keyboard.press('Enter');
      await waitForSearch(page, 'vu xuan thu', 'Enter in #q');
      assert.equal(
        await page.evaluate(() => window.__samePage === true),
        true,
        'Enter reloaded the page instead of searching in place',
      );
      const r = await results(page);
      t.diagnostic(`Enter "vu xuan thu": ${r.status}\n${show(r.items)}`);
      assert.ok(r.items.length > 0, `"vu xuan thu" shows no results (status: "${r.status}")`);
      assert.equal(r.items[0].href, '/lien-he/vu-xuan-thu/', `the first result is not the person page:\n${show(r.items)}`);
      assert.ok(r.items[0].title.normalize('NFC').includes('Vũ Xuân Thu'), `the first result's title is not Vũ Xuân Thu:\n${show(r.items)}`);
      const search = await page.evaluate(() => location.search);
      assert.equal(new URLSearchParams(search).get('q'), 'vu xuan thu', `the URL does not keep the query: ${search}`);

      await t.test('ArrowDown from the input focuses the first result link', async () => {
        await page.focus('#q');
        await page.keyboard.press('ArrowDown');
        const focused = await page.evaluate(() => {
          const first = document.querySelector('#search-results li a');
          const a = document.activeElement;
          return { same: !!first && a === first, active: a ? a.outerHTML.slice(0, 150) : null };
        });
        assert.ok(focused.same, `after ArrowDown in #q the focus is on ${focused.active}, not the first result link`);
      });
    } finally {
      await context.close();
    }
  });

  for (const [select, pick] of [
    ['#f-loai', 'ke-hoach'],
    ['#f-nam', null], // the year with the most results below the total
    ['#f-linh-vuc', 'tuyen-truyen'], // lĩnh vực: each result's line names the field
  ]) {
    test(`facet ${select} narrows the typed search "thi dua" and the URL reproduces it`, { timeout: 60_000 }, async (t) => {
      const context = await newContext(browser);
      try {
        const { page, rec } = await open(context, searchUrl());
        await page.locator('#q').pressSequentially('thi dua', { delay: 20 });
        await waitForSearch(page, 'thi dua', 'typing "thi dua"');
        const before = await results(page);
        assert.ok(before.count > 0, `"thi dua" has no results before filtering (status: "${before.status}")`);

        const options = await page.$$eval(`${select} option`, (os) =>
          os.map((o) => ({ value: o.value, label: o.dataset.label ?? o.textContent, text: o.textContent })),
        );
        assert.ok(options.length > 1, `${select} has no facet values (options: ${JSON.stringify(options)})`);
        const countOf = (o) => Number(o.text.match(/\((\d+)\)\s*$/)?.[1] ?? NaN);
        let option;
        if (pick) {
          option = options.find((o) => o.value === pick);
          assert.ok(option, `${select} has no option "${pick}" (values: ${options.map((o) => o.value).join(', ')})`);
        } else {
          option = options
            .filter((o) => o.value && countOf(o) > 0 && countOf(o) < before.count)
            .sort((a, b) => countOf(b) - countOf(a))[0];
          assert.ok(option, `${select}: no value narrows "thi dua" (${options.map((o) => o.text).join(' | ')})`);
        }
        const label = option.label.trim();

        await resetSearchMark(page);
        await page.selectOption(select, option.value);
        await waitForSearch(page, 'thi dua', `choosing ${select} = ${option.value}`);
        const afterFilter = await results(page);
        t.diagnostic(
          `"thi dua": ${before.count} result(s); with ${select} = ${option.value} (${option.text.trim()}): ` +
            `${afterFilter.count}\n${show(afterFilter.items, 20)}`,
        );
        assert.ok(
          afterFilter.count > 0 && afterFilter.count < before.count,
          `${select} = ${option.value}: the count went from ${before.count} to ${afterFilter.count} ("${afterFilter.status}")`,
        );
        if (!Number.isNaN(countOf(option))) {
          assert.equal(afterFilter.count, countOf(option), `${select}: the option said ${option.text.trim()} but the filter found ${afterFilter.count}`);
        }
        // Load every result (the "more" button) and check each one matches the facet.
        while (await page.$eval('#search-more', (b) => !b.hidden)) {
          const n = await page.$$eval('#search-results li', (l) => l.length);
          await page.click('#search-more');
          await page.waitForFunction((k) => document.querySelectorAll('#search-results li').length > k, n);
        }
        const all = await results(page);
        assert.equal(all.items.length, afterFilter.count, `the status says ${afterFilter.count} results but the list holds ${all.items.length}`);
        const wrong = all.items.filter((r) => !r.meta.normalize('NFC').includes(label.normalize('NFC')));
        assert.equal(wrong.length, 0, `${wrong.length} result(s) do not match ${select} = ${label}:\n${show(wrong, 20)}`);

        const search = await page.evaluate(() => location.search);
        const params = new URLSearchParams(search);
        const name = await page.$eval(select, (s) => s.name);
        assert.equal(params.get('q'), 'thi dua', `location.search does not carry q=: ${search}`);
        assert.equal(params.get(name), option.value, `location.search does not carry ${name}=${option.value}: ${search}`);

        const again = await context.newPage();
        const url = server.origin + (await page.evaluate(() => location.pathname)) + search;
        const response = await again.goto(url, { waitUntil: 'load' });
        assert.equal(response?.status(), 200);
        await waitForSearch(again, 'thi dua', `reopening ${url}`);
        const reopened = await results(again);
        assert.equal(await again.$eval(select, (s) => s.value), option.value, `${url}: ${select} is not restored from the URL`);
        assert.equal(reopened.count, afterFilter.count, `${url}: ${reopened.count} results, the original page had ${afterFilter.count}`);
        assert.equal(reopened.items[0]?.href, afterFilter.items[0]?.href, `${url}: the first result differs from the original page`);
        const problems = problemLines(rec);
        assert.equal(problems.length, 0, problems.join('\n'));
      } finally {
        await context.close();
      }
    });
  }

  test('the facet lists wait outside the first layout and are there once the page is idle, on a phone once the filters open', { timeout: 60_000 }, async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const rec = recordProblems(page);
      // What the page holds before any script runs: every long list in a <template>.
      const html = await (await fetch(searchUrl())).text();
      const waiting = [...html.matchAll(/<template data-options-for="([^"]+)">/g)].map((m) => m[1]);
      assert.ok(waiting.includes('f-phong-trao') && waiting.includes('f-co-quan'), `lists in templates: ${waiting.join(', ')}`);
      assert.doesNotMatch(html, /<select id="f-phong-trao"[^>]*>(<option[^>]*>[^<]*<\/option>){2}/, 'the campaign list is in the first layout');
      await page.goto(searchUrl(), { waitUntil: 'load' });
      await page.waitForFunction(() => !document.querySelector('template[data-options-for]'), null, { timeout: 10_000 });
      const counts = await page.$$eval('.search-facets select', (selects) => selects.map((s) => [s.id, s.options.length]));
      assert.ok(counts.every(([, n]) => n > 1), `options after the page is idle: ${JSON.stringify(counts)}`);

      // A phone: the filters are folded; opening them brings the lists, which filter.
      const phone = await browser.newContext({ viewport: { width: 360, height: 740 } });
      try {
        const small = await phone.newPage();
        await small.goto(searchUrl({ q: 'thi dua' }), { waitUntil: 'load' });
        await waitForSearch(small, 'thi dua', 'a phone searching "thi dua"');
        await small.locator('.search-filters > summary').click();
        const years = await small.$$eval('#f-nam option', (options) => options.map((o) => o.value).filter(Boolean));
        assert.ok(years.length > 0, 'no year in the opened filters');
        await resetSearchMark(small);
        await small.selectOption('#f-nam', years[0]);
        await waitForSearch(small, 'thi dua', `choosing the year ${years[0]}`);
        assert.equal(new URL(small.url()).searchParams.get('nam'), years[0]);
      } finally {
        await phone.close();
      }
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  });

  test('a nonsense query shows the "no results" message', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const query = 'qzxwv jjkq';
      const url = searchUrl({ q: query });
      const { page, rec } = await open(context, url);
      await waitForSearch(page, query, url);
      const state = await page.evaluate(() => ({
        status: document.getElementById('search-status').textContent,
        items: document.querySelectorAll('#search-results li').length,
        message: document.querySelector('#search-results .no-results, .no-results')?.textContent ?? null,
        moreHidden: document.getElementById('search-more').hidden,
      }));
      t.diagnostic(`${url}: status "${state.status}", message "${state.message}"`);
      assert.equal(state.items, 0, `${url}: ${state.items} result(s) for a nonsense query`);
      assert.match(state.status, /Không có kết quả/, `${url}: the status does not say there are no results: "${state.status}"`);
      assert.ok(state.message?.includes(query), `${url}: the no-results message does not repeat the query: ${state.message}`);
      assert.ok(state.moreHidden, `${url}: the "more results" button is shown with no results`);
      await t.test('no console errors or failed requests (e.g. index files that do not exist)', () => {
        const problems = problemLines(rec);
        assert.equal(problems.length, 0, `${url}:\n  ${problems.join('\n  ')}`);
      });
    } finally {
      await context.close();
    }
  });

  test('axe: no serious or critical violations with results and with no results', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      for (const query of ['thi dua', 'qzxwv']) {
        const url = searchUrl({ q: query });
        const { page } = await open(context, url);
        await waitForSearch(page, query, url);
        const all = await runAxe(page);
        const serious = all.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        t.diagnostic(`${url}: ${axeSummary(all)}`);
        assert.equal(
          serious.length,
          0,
          `${url}: ${serious.map((v) => `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(', ')})`).join('\n')}`,
        );
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  test('shared token vectors in Chromium (/assets/loa-search.js)', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const { page } = await open(context, searchUrl());
      const engineUrl = new URL('assets/loa-search.js', server.url).href;
      const got = await page.evaluate(
        async ({ engineUrl, vectors }) => {
          const { tokens } = await import(engineUrl);
          return vectors.map((v) => tokens(v.input).map((tk) => [tk.exact, tk.folded]));
        },
        { engineUrl, vectors: VECTORS.tokens },
      );
      let i = 0;
      const bad = vectorMismatches(() => got[i++]);
      t.diagnostic(`${VECTORS.tokens.length} vector(s) checked in chromium ${browser.version()}`);
      assert.equal(bad.length, 0, `${bad.length} token vector(s) differ in Chromium:\n${bad.join('\n')}`);
    } finally {
      await context.close();
    }
  });
});

describe('search under a sub-path base URL (/thidua/)', { skip }, () => {
  let out;
  let server;
  let browser;
  withSubPathSite(() => toolError, (site) => ({ out, server, browser } = site));

  test('results link inside /thidua/ and the index loads from there', { timeout: 60_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const rec = recordProblems(page);
      const url = `${server.url}${SEARCH_PATH}?q=sang%20tao`;
      const response = await page.goto(url, { waitUntil: 'load' });
      assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
      await page.waitForFunction(() => document.getElementById('search-results').dataset.query === 'sang tao', null, { timeout: 10_000 });
      const hrefs = await page.$$eval('#search-results li a', (as) => as.map((a) => a.href));
      t.diagnostic(`${url}: ${hrefs.length} result(s); first ${hrefs[0]}`);
      assert.ok(hrefs.length > 0, `${url}: no results`);
      const outside = hrefs.filter((h) => !h.startsWith(server.url));
      assert.equal(outside.length, 0, `${url}: result links outside ${server.url}:\n${outside.join('\n')}`);
      const first = await page.request.get(hrefs[0]);
      assert.equal(first.status(), 200, `${hrefs[0]} (first result) answered ${first.status()}`);
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, `${url}:\n  ${problems.join('\n  ')}`);
    } finally {
      await context.close();
    }
  });
});
