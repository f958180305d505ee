// The Content-Security-Policy in Chromium: zero violations on every page loa writes.
//
//   portal — a copy of the sample portal (one campaign given old paths, `aliases:`, and
//            `embed.allowed_origins` naming the host below), built with --base-url of its
//            server, which sends the headers of the generated `_headers` file: each page has
//            the policy twice, as a header and as its `<meta>`, and both are exercised
//   host   — a "ministry page" on another loopback origin that frames every embed
//
// Every HTML file of the output is opened (home, campaigns, directives, guides, attachment
// pages, people, organizations, every list, tags, search, posters and flyers, q/CODE and
// alias redirect pages, embeds, 404, the /en/ edition); a query is typed on both search
// pages; every embed is framed by the host; the service worker's saved copy and offline page
// are opened offline; `loa serve` reloads a page under the policy. A listener for
// `securitypolicyviolation` (in every frame) and the console messages that mention Content
// Security Policy must stay empty. A negative control, a page with an inline script and an
// inline style, must be reported, so the test cannot pass for want of listening.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { buildSite, cleanup, launchBrowser, listFiles, LOA_BIN, SITE_ROOT, tempDir, toolCheck } from './helpers.mjs';
import { copyPortal, embedSnippets, serveHostPages, serveWithHeaders } from './support-opendata.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium');

const CAMPAIGN = 'hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14';
const ALIAS = 'hoi-thi-cu/';
const CONTROL = 'phong-trao/kiem-tra-csp/';

/** Adds old paths to a campaign of the copied portal, so the build writes redirect pages. */
function addAliases(root) {
  const file = join(root, 'content', 'campaigns', CAMPAIGN, 'index.md');
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes('\nshort: STKT14\n'), `${file} changed: no short: line to add aliases after`);
  writeFileSync(file, text.replace('\nshort: STKT14\n', `\nshort: STKT14\naliases: ["/${ALIAS}", "stkt-14"]\n`));
}

/**
 * A browser context that records every CSP violation of every frame: the DOM event (through
 * a binding installed before any page script) and Chromium's console report.
 */
async function recordingContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const violations = [];
  await context.exposeBinding('__loaCspViolation', ({ frame }, v) => violations.push({ frame: frame.url(), ...v }));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__loaCspViolation?.({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
        sample: e.sample,
      });
    });
  });
  const watch = (page) =>
    page.on('console', (m) => {
      if (/Content.Security.Policy/i.test(m.text())) violations.push({ frame: m.location()?.url ?? '', console: m.text() });
    });
  context.on('page', watch);
  return { context, violations };
}

const describeViolations = (vs) => vs.map((v) => `  ${JSON.stringify(v)}`).join('\n');

describe('Content-Security-Policy: no violation on any page', { skip }, () => {
  let work;
  let out;
  let portal;
  let host;
  let browser;
  let pages = [];

  before(async () => {
    if (toolError) throw toolError;
    work = tempDir('loa-e2e-csp-');
    host = await serveHostPages();
    const root = copyPortal(SITE_ROOT, join(work, 'site'), { allowedOrigins: [host.origin] });
    addAliases(root);
    out = join(work, 'public');
    mkdirSync(out, { recursive: true });
    portal = await serveWithHeaders(out);
    buildSite({ root, out, baseUrl: portal.url });
    pages = listFiles(out, ['.html']).map((f) => relative(out, f).split(sep).join('/').replace(/(^|\/)index\.html$/, '$1'));

    const frames = new Map();
    for (const f of listFiles(out, ['index.html'])) {
      for (const s of embedSnippets(readFileSync(f, 'utf8'))) {
        const src = s.code.match(/<a\b[^>]*\sdata-loa-embed="([^"]+)"/)?.[1];
        if (src && !frames.has(src)) frames.set(src, s.code);
      }
    }
    host.pages.set(
      '/tat-ca/',
      '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Mọi khung nhúng</title><link rel="icon" href="data:,"></head><body>' +
        [...frames.values()].join('\n') +
        '</body></html>',
    );
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await Promise.all([portal?.close(), host?.close()]);
    cleanup(work);
  });

  test('every page is served with one full policy header and carries the same policy in its <meta>', async () => {
    for (const path of ['', `phong-trao/${CAMPAIGN}/`, 'nhung/thoi-han/', 'en/', ALIAS]) {
      const r = await fetch(portal.url + path, { redirect: 'manual' });
      const csp = r.headers.get('content-security-policy') ?? '';
      for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", 'frame-ancestors']) {
        assert.ok(csp.includes(directive), `/${path}: the header lacks ${directive}: ${csp}`);
      }
      assert.ok(!csp.includes(','), `/${path}: two policies: ${csp}`);
      assert.ok(!csp.includes('unsafe-inline'), `/${path}: ${csp}`);
      const meta = (await r.text()).match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];
      assert.ok(meta && csp.startsWith(`${meta}; frame-ancestors `), `/${path}: meta ${meta} / header ${csp}`);
    }
  });

  test('the negative control: an inline script and an inline style are reported', async () => {
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    mkdirSync(join(out, CONTROL), { recursive: true });
    writeFileSync(
      join(out, CONTROL, 'index.html'),
      home.replace('</main>', '<p id="tiem" style="position:fixed;inset:0">x</p><script>document.title = "tiêm";</script></main>'),
    );
    const { context, violations } = await recordingContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(portal.url + CONTROL, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      assert.notEqual(await page.title(), 'tiêm', 'the inline script ran');
      const directives = violations.map((v) => v.directive).filter(Boolean);
      assert.ok(directives.includes('script-src-elem'), `the inline script was not reported:\n${describeViolations(violations)}`);
      assert.ok(directives.includes('style-src-attr'), `the inline style was not reported:\n${describeViolations(violations)}`);
      assert.ok(violations.some((v) => v.console), 'Chromium printed no console report');
    } finally {
      await context.close();
    }
  });

  test('every HTML page of the output loads with zero violations', { timeout: 600_000 }, async (t) => {
    const kinds = ['', `phong-trao/${CAMPAIGN}/ap-phich/`, ALIAS, 'q/STKT14/', 'nhung/tim-kiem/', '404.html', 'en/', 'tep/', 'the/', 'lien-he/'];
    for (const kind of kinds) assert.ok(pages.includes(kind), `the output has no /${kind}: a page kind would go untested`);
    // Workers would answer from their cache: every page comes from the server here.
    const { context, violations } = await recordingContext(browser, { serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      for (const path of pages) {
        const url = portal.url + path;
        const file = join(out, path === '' || path.endsWith('/') ? `${path}index.html` : path);
        if (readFileSync(file, 'utf8').includes('http-equiv="refresh"')) {
          // A redirect page moves on by itself: wait until it has landed.
          const tab = await context.newPage();
          const landed = tab.waitForURL((u) => u.href !== url && u.protocol !== 'about:', { waitUntil: 'load' });
          await tab.goto(url).catch((e) => {
            if (!/interrupted by another navigation/.test(e.message)) throw e;
          });
          await landed;
          await tab.close();
        } else {
          await page.goto(url, { waitUntil: 'load' });
        }
      }
      await page.goto(`${portal.url}khong-ton-tai-e2e/`, { waitUntil: 'load' });
      t.diagnostic(`${pages.length} pages and a missing one (404) opened`);
      assert.equal(violations.length, 0, `CSP violations:\n${describeViolations(violations)}`);
    } finally {
      await context.close();
    }
  });

  test('searching on both search pages and in the embed: zero violations', async (t) => {
    const { context, violations } = await recordingContext(browser, { serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      for (const [path, query] of [['tim-kiem/', 'sáng tạo'], ['en/tim-kiem/', 'innovation']]) {
        await page.goto(portal.url + path, { waitUntil: 'load' });
        await page.waitForSelector('#search-form.js-ready', { timeout: 10_000 });
        await page.locator('#q').pressSequentially(query, { delay: 20 });
        await page.locator('#q').press('Enter');
        await page.waitForFunction((q) => document.getElementById('search-results')?.dataset.query === q, query, { timeout: 10_000 });
        t.diagnostic(`/${path}: "${query}": ${await page.locator('#search-results li').count()} results`);
      }
      await page.goto(`${portal.url}nhung/tim-kiem/`, { waitUntil: 'load' });
      await page.locator('input[name="q"]').fill('thi đua');
      await Promise.all([page.waitForURL(/\/tim-kiem\/\?q=/), page.locator('input[name="q"]').press('Enter')]);
      await page.waitForSelector('#search-results li', { timeout: 10_000 });
      assert.equal(violations.length, 0, `CSP violations:\n${describeViolations(violations)}`);
    } finally {
      await context.close();
    }
  });

  test('every embed framed by a host page on another origin: zero violations', async (t) => {
    const { context, violations } = await recordingContext(browser, { viewport: { width: 1024, height: 8000 }, serviceWorkers: 'block' });
    try {
      const page = await context.newPage();
      await page.goto(`${host.url}tat-ca/`, { waitUntil: 'load' });
      const frames = page.frames().filter((f) => f.url().startsWith(`${portal.url}nhung/`));
      const expected = (await page.$$('iframe[data-loa-embed]')).length;
      assert.ok(expected >= 3, `the host frames only ${expected} embeds`);
      await page.waitForFunction((n) => [...document.querySelectorAll('iframe[data-loa-embed]')].filter((f) => f.style.height).length === n, expected, { timeout: 15_000 });
      t.diagnostic(`${expected} embeds framed (${frames.length} loaded at first paint)`);
      for (const frame of page.frames().filter((f) => f.url().startsWith(`${portal.url}nhung/`))) {
        assert.ok(await frame.locator('main').count(), `${frame.url()}: no <main>: blocked?`);
      }
      assert.equal(violations.length, 0, `CSP violations:\n${describeViolations(violations)}`);
    } finally {
      await context.close();
    }
  });

  test('offline: the saved copy with its notice and the offline page, zero violations', { timeout: 120_000 }, async () => {
    const { context, violations } = await recordingContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${portal.url}phong-trao/${CAMPAIGN}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
      await page.reload({ waitUntil: 'load' }); // saved by the worker now in control
      await page.waitForFunction(
        async (url) => !!(await (await caches.open('loa:/:pages')).match(url)),
        `${portal.url}phong-trao/${CAMPAIGN}/`,
        { timeout: 30_000 },
      );
      await portal.close();
      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      assert.ok(await page.locator('#loa-ban-da-luu').isVisible(), 'no saved-copy notice offline');
      assert.notEqual(await page.locator('#loa-ban-da-luu').evaluate((n) => getComputedStyle(n).borderLeftStyle), 'none', 'the notice is unstyled');
      const unsaved = await page.goto(`${portal.url}van-ban/`, { waitUntil: 'load' });
      assert.equal(unsaved?.status(), 503, 'a page never saved answers with the offline page');
      assert.match(await page.locator('h1').innerText(), /Không có kết nối mạng/);
      assert.equal(await page.evaluate(() => getComputedStyle(document.body).maxWidth), '640px', 'the offline page is unstyled');
      assert.equal(violations.length, 0, `CSP violations:\n${describeViolations(violations)}`);
    } finally {
      await context.close();
    }
  });
});

describe('Content-Security-Policy: loa serve reloads under the policy', { skip }, () => {
  let work;
  let child;
  let browser;
  let origin;
  let root;

  before(async () => {
    if (toolError) throw toolError;
    work = tempDir('loa-e2e-csp-serve-');
    root = copyPortal(SITE_ROOT, join(work, 'site'));
    child = spawn(LOA_BIN, ['serve', '--port', '0', '--root', root, '--out', join(work, 'public')], { stdio: ['ignore', 'pipe', 'pipe'] });
    origin = await new Promise((ok, fail) => {
      let text = '';
      const timer = setTimeout(() => fail(new Error(`loa serve printed no address: ${text}`)), 120_000);
      child.stdout.on('data', (d) => {
        text += d;
        const m = text.match(/ at (http:\/\/[^/\s]+)/);
        if (m) {
          clearTimeout(timer);
          ok(m[1]);
        }
      });
      child.once('exit', (code) => fail(new Error(`loa serve exited with ${code}: ${text}`)));
    });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    child?.kill('SIGTERM');
    cleanup(work);
  });

  test('an edit reloads the open page; no violation', { timeout: 120_000 }, async () => {
    const { context, violations } = await recordingContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/phong-trao/${CAMPAIGN}/`, { waitUntil: 'load' });
      assert.equal(await page.locator('script[data-loa-serve][src]').count(), 1, 'the reload script is not an external file');
      // The stream is open once the server has said "connected"; give it a moment.
      await page.waitForTimeout(1000);
      const reloaded = page.waitForEvent('load', { timeout: 60_000 });
      const file = join(root, 'content', 'campaigns', CAMPAIGN, 'index.md');
      writeFileSync(file, readFileSync(file, 'utf8').replace(/\n---\n/, '\n---\n\nĐoạn thêm khi xem trước.\n'));
      await reloaded;
      await page.waitForSelector('text=Đoạn thêm khi xem trước.', { timeout: 10_000 });
      assert.equal(violations.length, 0, `CSP violations:\n${describeViolations(violations)}`);
    } finally {
      await context.close();
    }
  });
});
