// Browser quality gate over the sample portal: one page of each kind is loaded in chromium
// and must have no console errors or failed requests, a working skip link, no horizontal
// scrolling at 360 px, no serious/critical axe violations; the directive page must print to
// an A4 PDF that contains its number and title. A second build under a sub-path
// (/thidua/) must have no broken same-origin links.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ARTIFACTS,
  axeSerious,
  axeSummary,
  buildSite,
  cleanup,
  discoverPages,
  formatAxe,
  launchBrowser,
  LIST_FOLDERS,
  newContext,
  openPage,
  pageDirs,
  pool,
  problemLines,
  serve,
  SITE_ROOT,
  tempDir,
  toolCheck,
  withSubPathSite,
} from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium', 'axe', 'pdftotext');

const KINDS = ['home', 'campaign', 'directive', 'attachment', 'person', 'organization', 'list', '404', 'campaign-en', 'home-en'];

function norm(s) {
  return s.normalize('NFKC').replace(/[\s\u00a0\u00ad]+/g, ' ').trim().toLocaleLowerCase('vi');
}

describe('quality gate (sample portal)', { skip, concurrency: 2 }, () => {
  let work;
  let out;
  let server;
  let browser;
  let pages;

  before(async () => {
    if (toolError) throw toolError;
    mkdirSync(ARTIFACTS, { recursive: true });
    work = tempDir();
    out = buildSite({ root: SITE_ROOT, out: join(work, 'public') });
    pages = discoverPages(out);
    // The English edition: a translated campaign and the English home page.
    const english = pageDirs(join(out, 'en', 'phong-trao'));
    pages['campaign-en'] = english.length ? `en/phong-trao/${english[0]}/` : new Error('no en/phong-trao/*/index.html');
    pages['home-en'] = pageDirs(out).includes('en') ? 'en/' : new Error('no en/index.html');
    server = await serve(out);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    cleanup(work);
  });

  for (const kind of KINDS) {
    test(`${kind} page`, { timeout: 120_000 }, async (t) => {
      const path = pages[kind];
      if (path instanceof Error) throw path;
      const url = server.url + path;
      t.diagnostic(`url: ${url}`);
      const context = await newContext(browser);
      try {
        const { page, rec, response } = await openPage(context, url);

        await t.test('responds with the right status', () => {
          const expected = kind === '404' ? 404 : 200;
          assert.equal(response?.status(), expected, `${url} answered ${response?.status()}`);
        });

        await t.test('axe: no serious or critical violations', async () => {
          const violations = await axeSerious(page);
          t.diagnostic(`${url}: ${axeSummary(violations.all)}`);
          assert.equal(violations.length, 0, formatAxe(url, violations));
        });

        await page.screenshot({ path: join(ARTIFACTS, `${kind}.png`), fullPage: true });

        await t.test('skip link is the first focusable element and moves focus to <main>', async () => {
          await page.evaluate(() => {
            document.activeElement?.blur?.();
            window.scrollTo(0, 0);
          });
          await page.keyboard.press('Tab');
          const first = await page.evaluate(() => {
            const a = document.activeElement;
            return {
              tag: a?.tagName ?? null,
              href: a?.getAttribute?.('href') ?? null,
              html: a?.outerHTML?.slice(0, 200) ?? '',
            };
          });
          assert.ok(
            first.tag === 'A' && first.href && first.href.includes('#'),
            `${url}: the first Tab stop is not a skip link (an <a href="#…">); it is ${first.html || first.tag}`,
          );
          await page.keyboard.press('Enter');
          await page.waitForTimeout(150);
          const after = await page.evaluate(() => {
            const main = document.querySelector('main');
            const ae = document.activeElement;
            const hash = decodeURIComponent(location.hash.slice(1));
            const target = hash ? document.getElementById(hash) : null;
            return {
              hasMain: !!main,
              mainId: main?.id ?? '',
              focusInMain: !!main && !!ae && (ae === main || main.contains(ae)),
              hashInMain: !!main && !!target && (target === main || main.contains(target)),
              active: ae ? ae.outerHTML.slice(0, 120) : null,
              hash: location.hash,
            };
          });
          assert.ok(after.hasMain, `${url}: the page has no <main>`);
          assert.ok(
            after.focusInMain || after.hashInMain,
            `${url}: after Tab, Enter on the skip link (${first.href}) focus is on ${after.active} ` +
              `and location.hash is "${after.hash}"; <main id="${after.mainId}"> is not focused or targeted`,
          );
        });

        await t.test('no horizontal scrolling at 360×740', async () => {
          await page.setViewportSize({ width: 360, height: 740 });
          await page.evaluate(() => window.scrollTo(0, 0));
          await page.waitForTimeout(100);
          const { scrollWidth, wide } = await page.evaluate(() => {
            const vw = document.documentElement.clientWidth;
            const wide = [];
            for (const el of document.querySelectorAll('body *')) {
              const r = el.getBoundingClientRect();
              if (r.right > vw + 0.5 && r.width > 0) wide.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right=${Math.round(r.right)})`);
              if (wide.length >= 10) break;
            }
            return { scrollWidth: document.documentElement.scrollWidth, wide };
          });
          await page.screenshot({ path: join(ARTIFACTS, `${kind}-360.png`), fullPage: true });
          assert.ok(
            scrollWidth <= 360,
            `${url}: document scrollWidth is ${scrollWidth} at a 360 px viewport; overflowing: ${wide.join(', ')}`,
          );
        });

        if (kind === 'directive') {
          await t.test('prints to an A4 PDF containing the number and title', async () => {
            const fields = await page.evaluate(() => {
              const get = (f) => document.querySelector(`[data-field="${f}"]`)?.textContent ?? null;
              return { number: get('number'), title: get('title') };
            });
            assert.ok(
              fields.number != null && fields.title != null,
              `${url}: the directive page must mark its number and title with ` +
                `data-field="number" / data-field="title" (found number=${JSON.stringify(fields.number)}, ` +
                `title=${JSON.stringify(fields.title)})`,
            );
            const pdfPath = join(ARTIFACTS, 'directive.pdf');
            const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
            writeFileSync(pdfPath, pdf);
            const info = spawnSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
            const size = info.stdout.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
            assert.ok(size, `pdfinfo could not read ${pdfPath}: ${info.stderr}`);
            const [w, h] = [Number(size[1]), Number(size[2])];
            assert.ok(
              Math.abs(w - 595.3) < 3 && Math.abs(h - 841.9) < 3,
              `${url}: printed page size is ${w}×${h} pt, expected A4 portrait (595×842 pt)`,
            );
            const txt = spawnSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' });
            assert.equal(txt.status, 0, `pdftotext failed: ${txt.stderr}`);
            const text = norm(txt.stdout);
            for (const [field, value] of Object.entries(fields)) {
              assert.ok(norm(value).length > 0, `${url}: data-field="${field}" is empty`);
              assert.ok(
                text.includes(norm(value)),
                `${url}: the printed PDF (${pdfPath}) does not contain the directive's ${field} ` +
                  `"${value.trim()}"`,
              );
            }
          });
        }

        await t.test('no console errors or failed requests', () => {
          const lines = problemLines(rec, { ignoreUrl: kind === '404' ? url : undefined });
          assert.equal(lines.length, 0, `${url}:\n  ${lines.join('\n  ')}`);
        });
      } finally {
        await context.close();
      }
    });
  }
});

describe('sub-path deployment (/thidua/)', { skip }, () => {
  let out;
  let server;
  let browser;
  withSubPathSite(() => toolError, (site) => ({ out, server, browser } = site));

  const targets = () => {
    const directives = pageDirs(join(out, 'van-ban')).filter((d) => !LIST_FOLDERS.has(d));
    return [
      ['home', ''],
      ['directive', directives.length ? `van-ban/${directives[0]}/` : null],
    ];
  };

  test('home and directive pages load and every same-origin link resolves', { timeout: 120_000 }, async (t) => {
    const context = await newContext(browser);
    try {
      for (const [kind, path] of targets()) {
        await t.test(kind, async () => {
          assert.ok(path !== null, `no ${kind} page in the sub-path build ${out}`);
          const url = server.url + path;
          const { page, rec, response } = await openPage(context, url);
          assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
          const problems = problemLines(rec);
          const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
          const sameOrigin = [
            ...new Set(
              hrefs
                .filter((h) => h.startsWith(server.origin + '/'))
                .map((h) => h.split('#')[0]),
            ),
          ].sort();
          assert.ok(sameOrigin.length > 0, `${url}: no same-origin links found`);
          const outside = sameOrigin.filter((h) => !h.startsWith(server.url));
          const statuses = await pool(sameOrigin, 4, async (h) => {
            const r = await page.request.get(h, { maxRedirects: 5 });
            return [h, r.status()];
          });
          const broken = statuses.filter(([, s]) => s >= 400).map(([h, s]) => `HTTP ${s}: ${h}`);
          await page.close();
          t.diagnostic(`${url}: ${sameOrigin.length} same-origin link(s) checked`);
          const all = [
            ...problems,
            ...outside.map((h) => `link outside the /thidua/ mount: ${h}`),
            ...broken.map((b) => `broken link ${b}`),
          ];
          assert.equal(all.length, 0, `${url}:\n  ${all.join('\n  ')}`);
        });
      }
    } finally {
      await context.close();
    }
  });
});
