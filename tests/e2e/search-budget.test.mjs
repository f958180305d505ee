// The search's request budget on a generated portal large enough for merged shards, impact
// tiers and more than 20 results (2,500 directives): a two-word query, as a citizen types it,
// needs at most 6 requests and 150 KB (gzip) under /tim-kiem/chi-muc/ before its first 20
// results are on screen, in Chromium. The first page drawn from the top tiers alone must be
// the first page of the whole result, which the count then follows. Two shapes of query:
// - "thi dua": a phrase whose best pages are each word's best pages;
// - "nong nghiep": two words frequent separately, each with its own best pages (titles with
//   one word only), whose intersection ranks below each word's best 24 pages. Its first page
//   needs to know that a word's best pages lack the other word, and their results;
// - "dia phuong": two words frequent separately ("địa bàn", "phương án") whose phrase is in
//   long pages only: those rank low for each word, but first for the query. Its first page
//   needs each word's impact on the phrase's pages (the bigram entry's `h`) and their results
//   (its `d`), not both lower tiers and a block of results per page.
// And queries shaped like a document number: "45/KH-SKHCN" is answered by the number index,
// with what its page shows, in 2 requests, and the words then fill the page; "9999 KH SKHCN",
// a number no page has, says so after the number index's one file (2 requests), and the
// documents of its type and issuer follow within the same budget as any query.
// The words' entries and their phrases' go out together, in one round after `meta.json`: on a
// slow link each round trip costs more than the bytes.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { buildSite, cleanup, launchBrowser, newContext, problemLines, recordProblems, REPO, serve, tempDir, toolCheck } from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium');
const DIRECTIVES = 2500;
const ENGINE = join(REPO, 'themes', 'default', 'static', 'loa-search.js');

// A deterministic vocabulary: directives mention "thi đua" a different number of times in
// bodies of different lengths, so the impacts spread over many values.
const WORDS = ['kế hoạch', 'triển khai', 'khen thưởng', 'sáng tạo', 'phong trào', 'yêu nước', 'đơn vị', 'báo cáo', 'tổng kết', 'cơ sở', 'điển hình', 'tiên tiến'];

function portal() {
  const root = join(tempDir('loa-budget-'), 'portal');
  cpSync(join(REPO, 'tests', 'fixtures', 'minimal'), root, { recursive: true });
  const dir = join(root, 'content', 'directives', '2024');
  mkdirSync(dir, { recursive: true });
  let seed = 7;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  let otherSeed = 11;
  const other = (n) => {
    otherSeed = (otherSeed * 1103515245 + 12345) % 2147483648;
    return otherSeed % n;
  };
  for (let i = 1; i <= DIRECTIVES; i++) {
    const body = [];
    // "nông" is in three pages in four, "nghiệp" too; the pages with both are long, so
    // they rank low for each (the ones with both ranking high are i % 50 == 10).
    const both = i % 4 < 2;
    const length = both ? 150 + next(60) : 20 + next(80);
    // Three pages in five mention "thi đua" (a word in every page would weigh nothing).
    const every = i % 5 < 3 ? 3 + next(12) : 0;
    for (let w = 0; w < length; w++) body.push(every && w % every === 1 ? 'thi đua' : WORDS[next(WORDS.length)]);
    const insert = (word) => body.splice(1 + next(body.length - 1), 0, word);
    if (i % 4 !== 3) insert('nông');
    if (i % 4 !== 2) insert('nghiệp');
    if (i % 50 === 10) ['nông', 'nông', 'nông', 'nghiệp', 'nghiệp', 'nghiệp'].forEach(insert);
    let title = i % 4 === 0 ? `Phát động thi đua đợt ${i}` : `${WORDS[next(WORDS.length)]} số ${i}`;
    // Each word's best pages lack the other word.
    if (i % 100 === 2) title = `Nông thôn mới đợt ${i}`;
    if (i % 100 === 3) title = `Doanh nghiệp đợt ${i}`;
    // "địa" in three pages in five, "phương" too; the phrase once in the longest pages only,
    // which rank last for each word. A second generator, so the other queries' pages keep
    // their words.
    const place = (word) => body.splice(1 + other(body.length - 1), 0, word);
    if (i % 7 === 0) {
      for (let k = 0; k < 300; k++) place(WORDS[other(WORDS.length)]);
      place('địa phương');
    } else {
      if (i % 5 < 3) place('địa bàn');
      if (i % 5 > 1) place('phương án');
    }
    writeFileSync(
      join(dir, `kh-${i}-skhcn.md`),
      `---\ntitle: ${title}\ndoc_type: ke-hoach\nnumber: ${i}/KH-SKHCN\nissuer: so-khcn-mau\ndate: 2024-0${1 + (i % 6)}-1${i % 10}\n---\n${body.join(' ')}.\n`,
    );
  }
  return root;
}

describe('search request budget (generated portal, Chromium)', { skip }, () => {
  let browser;
  let server;
  let out;
  before(async () => {
    if (toolError) throw new Error(toolError);
    out = buildSite({ root: portal() });
    server = await serve(out);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    cleanup(out);
  });

  test('every pair the index ranked (`f`) shows the first page the posting lists give', { timeout: 300_000 }, async () => {
    const dir = join(out, 'tim-kiem', 'chi-muc');
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8'));
    const keys = [];
    meta.big.forEach((key, n) => {
      if (JSON.parse(readFileSync(join(dir, 't', `x${n}.json`), 'utf8')).f) keys.push(key);
    });
    for (let n = 0; n < meta.shards; n++) {
      for (const [key, entry] of Object.entries(JSON.parse(readFileSync(join(dir, 't', `${n}.json`), 'utf8')))) if (entry.f) keys.push(key);
    }
    assert.ok(keys.some((k) => meta.big.includes(k)) && keys.some((k) => !meta.big.includes(k)), `ranked pairs, large and in shards: ${keys.join(', ')}`);
    const { SearchIndex } = await import(pathToFileURL(ENGINE).href);
    // The same index read as it is, with every `f` left out, or with each `f` reversed.
    const reader = (change) => async (path) => {
      let text = readFileSync(join(dir, path), 'utf8');
      if (change && path.startsWith('t/')) {
        const json = JSON.parse(text);
        for (const entry of [json, ...Object.values(json)]) {
          if (!entry?.f) continue;
          if (change === 'none') delete entry.f;
          else entry.f = entry.f.flatMap((_, k, f) => (k % 2 ? [] : [f[f.length - 2 - k], f[f.length - 1 - k]]));
        }
        text = JSON.stringify(json);
      }
      return { ok: true, text: async () => text };
    };
    for (const key of keys) {
      const ranked = await new SearchIndex('', reader(null)).search(key, {}, { complete: false });
      const lists = await new SearchIndex('', reader('none')).search(key, {}, { complete: false });
      const whole = await lists.complete();
      assert.deepEqual(ranked.ids, whole.ids.slice(0, 20), `"${key}": the ranked first page is not the whole result's`);
      assert.deepEqual(lists.ids.slice(0, 20), whole.ids.slice(0, 20), `"${key}": the lists' first page is not the whole result's`);
      assert.deepEqual((await ranked.complete()).ids, whole.ids, `"${key}": the whole result differs`);
      // The page shows `f` as it is, without ranking the lists: reversed, it comes reversed.
      const reversed = await new SearchIndex('', reader('reversed')).search(key, {}, { complete: false });
      assert.deepEqual(reversed.ids, [...ranked.ids].reverse(), `"${key}": the first page was not read from f`);
      // Typed with a mark, a spelling counts as typed and other spellings half: `f` does not
      // rank that query, the lists do.
      if (key.includes('a')) {
        const marked = key.replace('a', 'á');
        const read = await new SearchIndex('', reader('reversed')).search(marked, {}, { complete: false });
        const listed = await new SearchIndex('', reader('none')).search(marked, {}, { complete: false });
        assert.deepEqual(read.ids, listed.ids, `"${marked}": ranked by f`);
      }
    }
  });

  test('the index has merged shards and tiered large entries', () => {
    const meta = JSON.parse(readFileSync(join(out, 'tim-kiem', 'chi-muc', 'meta.json'), 'utf8'));
    assert.ok(meta.shards > 1, `${meta.shards} shard(s)`);
    assert.ok(['thi', 'thi dua', 'nong', 'nghiep', 'dia', 'phuong'].every((k) => meta.big.includes(k)), `large entries: ${meta.big.join(', ')}`);
    assert.ok(!meta.big.includes('dia phuong'), 'the phrase "dia phuong" is in a shard');
    const top = JSON.parse(readFileSync(join(out, 'tim-kiem', 'chi-muc', 't', `x${meta.big.indexOf('thi')}.json`), 'utf8'));
    assert.equal(top.r, 1, '"thi" has a lower tier');
    assert.ok(Object.keys(top.d).length >= 20, 'the top tier carries results');
  });

  for (const query of ['thi dua', 'nong nghiep', 'dia phuong']) {
    test(`"${query}": at most 6 requests and 150 KB gzip before the first 20 results, which are the whole result's first 20`, { timeout: 120_000 }, (t) =>
      budget(t, query),
    );
  }

  // The mistyped or Telex word is read from the page's vocabulary (meta.js): its reading and
  // that reading's pair are asked for with the other word, in the one round checked below.
  test('"phong trau" (a typo): corrected to phong trào in one round, within the budget', { timeout: 120_000 }, (t) =>
    budget(t, 'phong trau', { notice: 'Có phải bạn muốn tìm: phong trao' }),
  );

  test('"phong traof" (raw Telex): read as phong trào in one round, within the budget', { timeout: 120_000 }, (t) =>
    budget(t, 'phong traof', { notice: 'Đang hiển thị kết quả cho phong trào. Tìm chính xác: phong traof' }),
  );

  test('"45/KH-SKHCN": 2 requests before its page is the first result, then the words fill the first page', { timeout: 120_000 }, (t) =>
    budget(t, '45/KH-SKHCN', { requests: 2, number: '45/KH-SKHCN' }),
  );

  test('"9999 KH SKHCN" (no such number): the notice after 2 requests, then its type and issuer within the budget', { timeout: 120_000 }, (t) =>
    budget(t, '9999 KH SKHCN', { requests: 5, unknownNumber: true }),
  );

  async function budget(t, query, { requests = 6, number = null, unknownNumber = false, notice = null } = {}) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      // A round trip of 200 ms, so that a request sent after another's answer is told apart
      // from one sent with it, whatever the machine's load.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 200, downloadThroughput: -1, uploadThroughput: -1 });
      const rec = recordProblems(page);
      const fetched = [];
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (path.startsWith('/tim-kiem/chi-muc/')) fetched.push({ path, at: Date.now() });
      });
      // The index files requested before the results list is first filled (resource timing).
      await page.addInitScript(() => {
        new MutationObserver((changes, observer) => {
          if (window.noticeAt === undefined && document.getElementById('search-notice')?.textContent) window.noticeAt = performance.now();
          const list = document.getElementById('search-results');
          if (list?.children.length) {
            window.firstResultsAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(`${server.origin}/tim-kiem/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
      await page.waitForFunction((q) => document.getElementById('search-results').dataset.query === q, query, { timeout: 30_000 });
      const first = await page.$$eval('#search-results li a', (links) => links.slice(0, 20).map((a) => new URL(a.href).pathname));
      const status = await page.$eval('#search-status', (s) => s.textContent);
      const timing = (
        await page.evaluate(() =>
          performance.getEntriesByType('resource').map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
        )
      ).filter((e) => e.path.startsWith('/tim-kiem/chi-muc/'));
      const firstResultsAt = await page.evaluate(() => window.firstResultsAt);
      // The engine's module is asked for beside the page's module (modulepreload), not once
      // that has arrived and been read: on this link, a round trip before any search starts.
      const modules = await page.evaluate(() =>
        Object.fromEntries(
          performance
            .getEntriesByType('resource')
            .filter((e) => /\/(search-page|loa-search)\.js$/.test(e.name))
            .map((e) => [e.name.replace(/^.*\//, ''), { start: e.startTime, end: e.responseEnd }]),
        ),
      );
      assert.ok(
        modules['loa-search.js']?.start < modules['search-page.js']?.end,
        `loa-search.js was asked for after search-page.js arrived: ${JSON.stringify(modules)}`,
      );
      const before = timing.filter((e) => e.start < firstResultsAt);
      const gzip = before.reduce((sum, f) => sum + gzipSync(readFileSync(join(out, f.path))).length, 0);
      t.diagnostic(`${before.length} request(s), ${(gzip / 1024).toFixed(1)} KB gzip before the first results: ${before.map((f) => f.path.slice(18)).join(' ')}`);
      t.diagnostic(`${fetched.length} request(s) in all; status: ${status}`);
      const total = Number(status.match(/[\d.,]+/)?.[0].replace(/[.,]/g, ''));
      assert.ok(number ? total > 0 : total > 20, `status: ${status}`);
      assert.equal(first.length, Math.min(20, total), `${first.length} results shown`);
      assert.ok(before.length <= requests, `${before.length} requests before the first results`);
      assert.ok(gzip <= 150 * 1024, `${gzip} B gzip before the first results`);
      const words = before.filter((f) => /\/t\//.test(f.path));
      if (number) {
        assert.ok(before.some((f) => /\/n\/\d+\.json$/.test(f.path)), 'the first result came from the number index');
        const meta = await page.$eval('#search-results li .result-meta', (p) => p.textContent);
        assert.ok(meta.includes(number), `the first result is not ${number}: ${meta}`);
      } else if (unknownNumber) {
        const { notice, noticeAt } = await page.evaluate(() => ({ notice: document.getElementById('search-notice').textContent, noticeAt: window.noticeAt }));
        assert.equal(notice.normalize('NFC'), `Không có văn bản số ${query} trên cổng này.`);
        const asked = timing.filter((e) => e.start < noticeAt);
        t.diagnostic(`the notice after: ${asked.map((f) => f.path.slice(18)).join(' ')}`);
        assert.ok(asked.length <= 2 && asked.some((f) => /\/n\/\d+\.json$/.test(f.path)), `the notice came after ${asked.length} requests`);
        assert.ok(noticeAt <= firstResultsAt, 'the notice came after the results');
        assert.ok(!before.some((f) => /-2\.json$/.test(f.path)), 'no lower tier before the first results');
      } else {
        assert.ok(before.some((f) => /\/t\/x\d+\.json$/.test(f.path)), 'the first page came from top tiers');
        assert.ok(!before.some((f) => /-2\.json$/.test(f.path)), 'no lower tier before the first results');
      }
      if (notice) {
        const shown = await page.$eval('#search-notice', (p) => p.textContent);
        assert.equal(shown.normalize('NFC').trim(), notice);
      }
      if (!number) {
        // One round: every entry of the words and phrases was asked for before any arrived.
        const arrived = Math.min(...words.map((f) => f.end));
        const late = words.filter((f) => f.start > arrived);
        assert.equal(late.length, 0, `asked for after an entry arrived (another round trip): ${late.map((f) => f.path.slice(18)).join(' ')}`);
      }

      // The same query in Node, every tier loaded: its first 20 are the ones shown.
      const { SearchIndex } = await import(pathToFileURL(ENGINE).href);
      const index = new SearchIndex('', async (path) => {
        const body = readFileSync(join(out, 'tim-kiem', 'chi-muc', path));
        return { ok: true, text: async () => body.toString('utf8') };
      });
      const whole = await (await index.search(query, {}, { complete: false })).complete();
      const best = [...whole.scores.keys()].sort((a, b) => whole.scores.get(b) - whole.scores.get(a) || a - b).slice(0, 20);
      const urls = await Promise.all(best.map(async (id) => new URL((await index.fragment(id)).u, server.origin).pathname));
      assert.deepEqual(first, urls, 'the first page differs from the first 20 of the whole result');
      assert.equal(whole.total, total, 'the count is the whole result');
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, problems.join('\n'));
    } finally {
      await context.close();
    }
  }
});
