// The two official formats on the sample portal (issue 21): a Party công văn (Hướng dẫn
// 36-HD/VPTW) and a State kế hoạch (Nghị định 30/2020), each at 1280 px, on a 360 px phone
// and printed on A4. Asserted, in the browser's own layout:
//
//   - the motto is one line (its box is one line box high) and never overflows its column;
//   - Party: a star under the issuer, a rule under "ĐẢNG CỘNG SẢN VIỆT NAM" as wide as the
//     line; State: a short rule under the issuer (a third to a half of the issuer's line);
//   - a công văn shows no visible type heading ("CÔNG VĂN"), but its page has an h1 naming
//     the type for screen readers, and its trích yếu starts with a capital;
//   - printed: one A4 page or more, the motto on one printed line (pdftotext).
//
// Screenshots (PNG of the screen, PNG of the printed first page) go to the artifacts folder;
// LOA_SCREENSHOTS=1 copies them to docs/images/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ARTIFACTS, buildSite, cleanup, launchBrowser, newContext, REPO, rasterizePdf, serve, tempDir, toolCheck } from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium');

const PAGES = {
  party: 'van-ban/cv-1338-duk-tuyen-truyen-hoi-thi-sang-tao-ky-thuat/',
  state: 'van-ban/kh-57-htstkt-to-chuc-trien-khai-hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14/',
};
const VIEWPORTS = { desktop: { width: 1280, height: 900 }, phone: { width: 360, height: 740 } };

/** What the page's layout says about the format rules. */
async function measure(page) {
  return page.evaluate(() => {
    const box = (el) => el?.getBoundingClientRect();
    const motto = document.querySelector('.motto');
    const style = getComputedStyle(motto);
    const range = document.createRange();
    range.selectNodeContents(motto);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    const column = box(document.querySelector('.doc-motto'));
    const issuer = document.querySelector('.doc-issuer-name');
    const issuerRange = document.createRange();
    issuerRange.selectNodeContents(issuer);
    const issuerWidth = Math.max(...[...issuerRange.getClientRects()].map((r) => r.width));
    const rule = box(document.querySelector('.doc-rule'));
    const star = document.querySelector('.doc-star');
    const h1 = document.querySelector('h1');
    const visible = (el) => el && el.getBoundingClientRect().width > 1 && getComputedStyle(el).visibility !== 'hidden';
    const typeHeading = [...document.querySelectorAll('.directive h1, .directive .doc-type-name')].filter(visible);
    return {
      mottoLines: lines,
      mottoHeight: box(motto).height,
      lineHeight: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2,
      mottoWidth: range.getBoundingClientRect().width,
      columnWidth: column.width,
      partyRule: getComputedStyle(motto).borderBottomStyle === 'solid' ? box(motto).width : 0,
      star: star ? star.textContent.trim() : null,
      ruleWidth: rule ? rule.width : 0,
      ruleBorder: rule ? getComputedStyle(document.querySelector('.doc-rule')).borderTopStyle : null,
      issuerWidth,
      h1: h1?.textContent.trim() ?? '',
      h1Title: document.querySelector('h1')?.lastChild?.textContent.trim() ?? '',
      visibleTypeHeading: typeHeading.map((e) => e.textContent.trim()),
    };
  });
}

describe('official formats: State and Party', { skip }, () => {
  let work;
  let server;
  let browser;

  before(async () => {
    if (toolError) return;
    work = tempDir('loa-format-');
    const out = buildSite({ out: join(work, 'public') });
    server = await serve(out);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    cleanup(work);
  });

  for (const [format, path] of Object.entries(PAGES)) {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      test(`${format} format at ${viewport.width} px`, async () => {
        const context = await newContext(browser, { viewport });
        const page = await context.newPage();
        await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
        const m = await measure(page);
        await page.screenshot({ path: join(ARTIFACTS, `format-${format}-${name}.png`), fullPage: false });
        await context.close();
        const where = `${path} at ${viewport.width} px: ${JSON.stringify(m)}`;
        assert.equal(m.mottoLines, 1, `the motto wraps: ${where}`);
        assert.ok(m.mottoHeight <= m.lineHeight * 1.5, `the motto's box is more than one line high: ${where}`);
        assert.ok(m.mottoWidth <= m.columnWidth + 0.5, `the motto overflows its column: ${where}`);
        if (format === 'party') {
          assert.equal(m.star, '*', `no star under the Party issuer: ${where}`);
          assert.ok(Math.abs(m.partyRule - m.mottoWidth) < 2, `the rule under ĐẢNG CỘNG SẢN VIỆT NAM is not as wide as the line: ${where}`);
          // A công văn: no visible type heading, an accessible h1 with the type, sentence case.
          assert.deepEqual(m.visibleTypeHeading, [], `a visible type heading in the frame: ${where}`);
          assert.match(m.h1, /^Công văn số 1338-CV\/ĐUK: /, where);
          assert.match(m.h1Title, /^\p{Lu}/u, `the trích yếu title is not in sentence case: ${where}`);
        } else {
          assert.equal(m.star, null, where);
          assert.equal(m.ruleBorder, 'solid', `no rule under the State issuer: ${where}`);
          assert.ok(m.ruleWidth >= m.issuerWidth / 4 && m.ruleWidth <= m.issuerWidth * 0.6, `the rule under the issuer is not short: ${where}`);
        }
      });
    }

    test(`${format} format printed on A4`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      const m = await measure(page);
      const pdf = join(ARTIFACTS, `format-${format}-a4.pdf`);
      writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
      await context.close();
      assert.equal(m.mottoLines, 1, `the printed motto wraps: ${JSON.stringify(m)}`);
      const text = spawnSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' }).stdout;
      const motto = format === 'party' ? 'ĐẢNG CỘNG SẢN VIỆT NAM' : 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
      assert.ok(text.split('\n').some((line) => line.includes(motto)), `the motto is not on one printed line:\n${text}`);
      if (format === 'party') assert.ok(text.split('\n').some((line) => line.trim() === '*' || /\s\*\s/.test(line)), `no printed star:\n${text}`);
      const [png] = rasterizePdf(pdf, join(ARTIFACTS, `format-${format}-a4`), 100);
      if (process.env.LOA_SCREENSHOTS === '1') {
        copyFileSync(png, join(REPO, 'docs', 'images', `format-${format}-a4.png`));
        for (const name of Object.keys(VIEWPORTS)) {
          copyFileSync(join(ARTIFACTS, `format-${format}-${name}.png`), join(REPO, 'docs', 'images', `format-${format}-${name}.png`));
        }
      }
    });
  }
});
