// Contest results in Chromium on the sample portal: the results page sorts and filters by
// award level and field in place (and its filter links work without JavaScript), search by
// an author's name finds their solution, the contest's page shows "Kết quả", and the
// results embed renders.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { buildSite, cleanup, launchBrowser, newContext, problemLines, recordProblems, serve, SITE_ROOT, tempDir, toolCheck } from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium');
const CAMPAIGN = 'phong-trao/hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-13/';
const RESULTS = `${CAMPAIGN}ket-qua/`;

describe('contest results (sample portal, Chromium)', { skip }, () => {
  let work;
  let server;
  let browser;

  before(async () => {
    if (toolError) throw toolError;
    work = tempDir('loa-results-');
    const out = buildSite({ root: SITE_ROOT, out: join(work, 'public') });
    server = await serve(out);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    cleanup(work);
  });

  const visibleRows = (page) =>
    page.$$eval('table[data-results] tbody tr', (rows) =>
      rows.filter((r) => !r.hidden).map((r) => ({ level: r.dataset.level, field: r.dataset.field, title: r.cells[1].textContent.trim(), unit: r.cells[3].textContent.trim() })),
    );

  test('the results page lists at least 10 entries, filters by level and field, and sorts', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const rec = recordProblems(page);
    await page.goto(server.url + RESULTS, { waitUntil: 'load' });
    const all = await visibleRows(page);
    assert.ok(all.length >= 10, `${all.length} entries`);
    await page.click('a[data-filter="level"][data-value="nhat"]');
    const first = await visibleRows(page);
    assert.ok(first.length > 0 && first.length < all.length && first.every((r) => r.level === 'nhat'), JSON.stringify(first));
    assert.match(page.url(), /ket-qua\/giai\/nhat\/$/);
    await page.click('a[data-filter="field"][data-value="co-khi"]');
    const field = await visibleRows(page);
    assert.ok(field.length > 0 && field.every((r) => r.field === 'co-khi'), JSON.stringify(field));
    await page.click('a[data-filter=""]');
    assert.equal((await visibleRows(page)).length, all.length);
    // Sorting by unit: ascending, then descending on a second click.
    const unitHeader = page.locator('th[data-sort="unit"] button');
    await unitHeader.click();
    const units = (await visibleRows(page)).map((r) => r.unit);
    const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });
    assert.deepEqual(units, [...units].sort(collator.compare));
    assert.equal(await page.getAttribute('th[data-sort="unit"]', 'aria-sort'), 'ascending');
    await unitHeader.click();
    assert.deepEqual((await visibleRows(page)).map((r) => r.unit), [...units].reverse());
    assert.deepEqual(problemLines(rec), []);
    await context.close();
  });

  test('without JavaScript the filter links open filtered pages', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(server.url + RESULTS, { waitUntil: 'load' });
    await page.click('a[data-filter="field"][data-value="y-duoc"]');
    await page.waitForURL(/linh-vuc\/y-duoc\/$/);
    const rows = await visibleRows(page);
    assert.ok(rows.length > 0 && rows.every((r) => r.field === 'y-duoc'), JSON.stringify(rows));
    await context.close();
  });

  test("an author's name finds their solution in search", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}tim-kiem/?q=${encodeURIComponent('Lương Thị Nhung')}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('search-results')?.dataset.ms !== undefined, null, { timeout: 10_000 });
    const hits = await page.$$eval('#search-results a', (links) => links.map((a) => ({ text: a.textContent, href: a.getAttribute('href') })));
    const hit = hits.find((h) => h.text.includes('Bài thuốc xông hơi'));
    assert.ok(hit, JSON.stringify(hits));
    assert.match(hit.href, /ket-qua\/#bai-thuoc-xong-hoi-[a-z0-9-]+$/);
    await context.close();
  });

  test("clicking an author's hit opens the results page scrolled to their entry, which :target matches", async () => {
    // A short window, so that the entry's row is below the fold until the page scrolls to it.
    const context = await newContext(browser, { viewport: { width: 800, height: 500 } });
    const page = await context.newPage();
    const problems = recordProblems(page);
    await page.goto(`${server.url}tim-kiem/?q=${encodeURIComponent('Lương Thị Nhung')}`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('search-results')?.dataset.ms !== undefined, null, { timeout: 10_000 });
    const link = page.locator('#search-results a', { hasText: 'Bài thuốc xông hơi' }).first();
    const href = await link.getAttribute('href');
    const anchor = decodeURIComponent(new URL(href, server.url).hash.slice(1));
    await Promise.all([page.waitForURL((url) => url.pathname.endsWith(`/${RESULTS}`)), link.click()]);
    await page.waitForLoadState('load');
    const target = await page.evaluate(() => {
      const row = document.querySelector(':target');
      if (!row) return null;
      const box = row.getBoundingClientRect();
      return {
        tag: row.tagName,
        id: row.id,
        title: row.cells?.[1]?.textContent.trim(),
        authors: row.cells?.[2]?.textContent.trim(),
        top: box.top,
        bottom: box.bottom,
        height: window.innerHeight,
        scrollY: window.scrollY,
        ids: document.querySelectorAll(`[id="${CSS.escape(row.id)}"]`).length,
      };
    });
    assert.ok(target, `nothing matches :target at ${page.url()}`);
    assert.equal(target.tag, 'TR');
    assert.equal(target.id, anchor);
    assert.equal(target.ids, 1, 'the id is unique on the page');
    assert.match(target.title, /^Bài thuốc xông hơi/);
    assert.match(target.authors, /Lương Thị Nhung/);
    assert.ok(target.scrollY > 0, `the page scrolled (scrollY ${target.scrollY})`);
    assert.ok(target.top >= -1 && target.bottom <= target.height, `the row is in the window: ${JSON.stringify(target)}`);
    assert.deepEqual(problemLines(problems), []);
    await context.close();
  });

  test('the contest page shows "Kết quả" and the embed renders the list', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(server.url + CAMPAIGN, { waitUntil: 'load' });
    assert.equal((await page.textContent('#loa-ket-qua')).trim(), 'Kết quả');
    assert.ok(await page.isVisible(`section.results-teaser a[href$="${RESULTS}"]`));
    await page.goto(`${server.url}nhung/${RESULTS}`, { waitUntil: 'load' });
    assert.ok((await page.$$('table[data-results] tbody tr')).length >= 10);
    await context.close();
  });
});
