// The English edition of the sample portal (site.yaml: languages: [vi, en]), built under a
// sub-path (/thidua/) on a local server so every absolute link resolves here:
// - the English campaign page exists under /en/, in English (<html lang="en">);
// - its hreflang alternates and the Vietnamese page's lead both ways to 200 pages;
// - the language switcher goes from the English page to its Vietnamese original and back;
// - the English search (/en/tim-kiem/) finds the English campaign by an English word, and the
//   Vietnamese search never returns /en/ pages;
// - every internal link of every page (English pages and the Vietnamese-only ones) resolves.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import {
  listFiles,
  newContext,
  openPage,
  pageDirs,
  pool,
  problemLines,
  rel,
  toolCheck,
  withSubPathSite,
} from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium');

const CAMPAIGN = 'hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14';

describe('English edition (sample portal)', { skip }, () => {
  let out;
  let server;
  let browser;
  withSubPathSite(() => toolError, (site) => ({ out, server, browser } = site));

  const enUrl = () => `${server.url}en/phong-trao/${CAMPAIGN}/`;
  const viUrl = () => `${server.url}phong-trao/${CAMPAIGN}/`;

  /** The hreflang alternates of the open page: {lang: href}. */
  const alternates = (page) =>
    page.$$eval('link[rel="alternate"][hreflang]', (links) =>
      Object.fromEntries(links.map((l) => [l.getAttribute('hreflang'), l.href])),
    );

  test('the English campaign page exists under /en/, in English', { timeout: 60_000 }, async () => {
    assert.ok(pageDirs(join(out, 'en', 'phong-trao')).includes(CAMPAIGN), `no en/phong-trao/${CAMPAIGN}/ in the output`);
    const context = await newContext(browser);
    try {
      const { page, rec, response } = await openPage(context, enUrl());
      assert.equal(response?.status(), 200);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      const h1 = await page.textContent('h1');
      assert.match(h1, /Technical Innovation Contest/, `the English title, got “${h1}”`);
      const period = await page.textContent('.item-meta');
      assert.match(period, /From June 2024 to December 2025/, 'dates written in English');
      assert.deepEqual(problemLines(rec), [], 'no console errors or failed requests');
    } finally {
      await context.close();
    }
  });

  test('hreflang alternates link the two pages both ways and answer 200', { timeout: 60_000 }, async () => {
    const context = await newContext(browser);
    try {
      for (const [url, own] of [[enUrl(), 'en'], [viUrl(), 'vi']]) {
        const { page } = await openPage(context, url);
        const alt = await alternates(page);
        assert.equal(alt.en, enUrl(), `${url}: hreflang="en"`);
        assert.equal(alt.vi, viUrl(), `${url}: hreflang="vi"`);
        assert.equal(alt['x-default'], viUrl(), `${url}: hreflang="x-default" is the Vietnamese page`);
        assert.equal(await page.evaluate(() => document.documentElement.lang), own);
        for (const href of Object.values(alt)) {
          const r = await page.request.get(href);
          assert.equal(r.status(), 200, `${url}: alternate ${href} answered ${r.status()}`);
        }
        await page.close();
      }
    } finally {
      await context.close();
    }
  });

  test('the language switcher goes to the Vietnamese original and back', { timeout: 60_000 }, async () => {
    const context = await newContext(browser);
    try {
      const { page } = await openPage(context, enUrl());
      const toVi = page.locator('.lang-switch a[hreflang="vi"]');
      assert.equal(await toVi.getAttribute('lang'), 'vi', 'the link names its language');
      assert.equal(await toVi.textContent(), 'Tiếng Việt');
      assert.ok(await toVi.isVisible(), 'the switcher is visible');
      await Promise.all([page.waitForURL(viUrl()), toVi.click()]);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'vi');
      assert.equal(await page.locator('.lang-switch [aria-current="true"]').getAttribute('lang'), 'vi');
      await Promise.all([page.waitForURL(enUrl()), page.locator('.lang-switch a[hreflang="en"]').click()]);
      assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
      // A page with no English translation switches to the English section home.
      await page.goto(`${server.url}van-ban/`);
      const directives = pageDirs(join(out, 'van-ban')).filter((d) => !['nam', 'co-quan', 'loai', 'trang'].includes(d));
      const untranslated = directives.find((d) => !pageDirs(join(out, 'en', 'van-ban')).includes(d));
      assert.ok(untranslated, 'the sample portal has a directive in Vietnamese only');
      await page.goto(`${server.url}van-ban/${untranslated}/`);
      assert.equal(
        await page.locator('.lang-switch a[hreflang="en"]').getAttribute('href'),
        `${new URL(server.url).pathname}en/van-ban/`,
      );
    } finally {
      await context.close();
    }
  });

  /** Runs a search on a search page and returns the result URLs (paths). */
  async function searchResults(context, searchPage, query) {
    const page = await context.newPage();
    await page.goto(`${searchPage}?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await page.waitForFunction(
      (q) => {
        const list = document.getElementById('search-results');
        return list?.dataset.query === q && list.dataset.ms !== undefined;
      },
      query,
      { timeout: 15_000 },
    );
    const found = await page.$$eval('#search-results li a.result-title', (as) => as.map((a) => new URL(a.href).pathname));
    const status = await page.textContent('#search-status');
    const index = await page.getAttribute('#search-form', 'data-index');
    await page.close();
    return { found, status, index };
  }

  test('the English search finds the English page; the Vietnamese search returns no /en/ page', { timeout: 90_000 }, async () => {
    const base = new URL(server.url).pathname;
    const context = await newContext(browser);
    try {
      const en = await searchResults(context, `${server.url}en/tim-kiem/`, 'innovation contest');
      assert.equal(en.index, `${base}en/tim-kiem/chi-muc/`, 'the English page reads the English index');
      assert.ok(en.found.includes(`${base}en/phong-trao/${CAMPAIGN}/`), `English results: ${en.found.join(', ')}`);
      assert.ok(en.found.every((p) => p.startsWith(`${base}en/`)), `English results outside /en/: ${en.found.join(', ')}`);
      assert.match(en.status, /results found/, 'the status line is in English');
      const none = await searchResults(context, `${server.url}en/tim-kiem/`, 'zzqxv');
      assert.equal(none.status, 'No results.');

      for (const query of ['innovation', 'sáng tạo kỹ thuật', 'Thanh Hóa']) {
        const vi = await searchResults(context, `${server.url}tim-kiem/`, query);
        assert.equal(vi.index, `${base}tim-kiem/chi-muc/`);
        assert.ok(!vi.found.some((p) => p.startsWith(`${base}en/`)), `Vietnamese results for “${query}” include /en/: ${vi.found.join(', ')}`);
      }
      const vi = await searchResults(context, `${server.url}tim-kiem/`, 'sáng tạo kỹ thuật');
      assert.ok(vi.found.includes(`${base}phong-trao/${CAMPAIGN}/`), 'the Vietnamese search still finds the Vietnamese page');
    } finally {
      await context.close();
    }
  });

  test('every internal link of every page resolves (no broken English links)', { timeout: 120_000 }, async (t) => {
    const base = new URL(server.url);
    const targets = new Map();
    const files = listFiles(out, ['.html']);
    const english = files.filter((f) => rel(out, f).startsWith('en/'));
    assert.ok(english.length >= 15, `only ${english.length} English pages`);
    for (const file of files) {
      const html = readFileSync(file, 'utf8');
      const pageUrl = new URL(rel(out, file).replace(/index\.html$/, ''), server.url);
      for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
        const raw = m[1].replace(/&amp;/g, '&');
        if (!raw || raw.startsWith('#') || /^(mailto|tel|data|javascript):/i.test(raw)) continue;
        const u = new URL(raw, pageUrl);
        if (u.origin !== base.origin) continue;
        u.hash = '';
        u.search = '';
        if (!targets.has(u.href)) targets.set(u.href, rel(out, file));
      }
    }
    const toEnglish = [...targets.keys()].filter((u) => new URL(u).pathname.startsWith(`${base.pathname}en/`));
    t.diagnostic(`${files.length} pages (${english.length} English), ${targets.size} internal links, ${toEnglish.length} into /en/`);
    const broken = [];
    await pool([...targets.entries()], 8, async ([url, from]) => {
      const r = await fetch(url, { method: 'HEAD', redirect: 'manual' });
      if (r.status !== 200) broken.push(`${url} (${r.status}) linked from ${from}`);
    });
    assert.deepEqual(broken, [], `${broken.length} broken link(s):\n${broken.join('\n')}`);
  });
});
