// Embeds in Chromium, across origins, through the generated `_headers`:
//
//   portal   — the sample portal, built with --base-url http://127.0.0.1:<portal>/ and with
//              `embed.allowed_origins: [http://127.0.0.1:<host>]`, served with the headers its
//              own `_headers` file gives (so framing is allowed or refused by loa's output)
//   host     — a "ministry page" on another loopback origin that pastes the exact snippets the
//              portal shows (HTML-unescaped from <details class="embed-snippet"><pre><code>)
//   stranger — a third origin that is not in the allowlist
//
// The snippets are link first: a link to the portal page with data-loa-embed, and embed.js,
// which adds the iframe hidden and shows it in place of the link once the frame reports its
// height (which a refused frame never does).
//
// Checks: both embeds render and fit their content with no scrollbar; links open in the top
// window; forged resize messages change nothing; ?accent= takes a hex colour and nothing
// else; ?plain=1 drops the stripe and shows no heading, ?compact=1 tightens lists; the
// snippet builder's options change the copied code; without JavaScript the host shows the
// links; Chromium refuses a non-embed page on the allowed host and an embed on a host outside
// the allowlist, where the readable link stays and the refused frame stays out of sight; axe
// finds no serious or critical violation on the ministry page.
//
// A second suite runs the generated loa-nginx.conf in Debian's nginx (package `nginx`;
// skipped locally when missing, a failure in CI): short links answer 301, portal pages carry
// frame-ancestors 'none' and the embeds carry the allowlist (in the one policy header).

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ARTIFACTS,
  axeSerious,
  axeSummary,
  buildSite,
  cleanup,
  formatAxe,
  launchBrowser,
  listFiles,
  missingTools,
  newContext,
  pageDirs,
  SITE_ROOT,
  tempDir,
  toolCheck,
} from './helpers.mjs';
import {
  copyPortal,
  embedSnippets,
  htmlUnescape,
  missingNginx,
  serveHostPages,
  serveWithHeaders,
  shortLinkTargets,
  startNginx,
} from './support-opendata.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium', 'axe');

const ACCENT = '#005a9c';
const ACCENT_RGB = 'rgb(0, 90, 156)';

function hostPage(title, body) {
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem} section{margin:1rem 0}</style>
</head>
<body>
<header><p>Sở Khoa học và Công nghệ (trang thử nghiệm nhúng)</p></header>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`;
}

/** The value of the frame-ancestors directive of a Content-Security-Policy header, or null. */
function frameAncestors(csp) {
  const directive = (csp ?? '').split(';').map((d) => d.trim()).find((d) => d.startsWith('frame-ancestors '));
  return directive ? directive.slice('frame-ancestors '.length) : null;
}

/** The embed address of a snippet (its link's data-loa-embed). */
function embedSrc(code) {
  return code.match(/<a\b[^>]*\sdata-loa-embed="([^"]+)"/)?.[1];
}

/** The snippet whose embed address is exactly `src` among the portal pages' snippets. */
function snippetFor(snippets, src) {
  const s = snippets.find((x) => embedSrc(x.code) === src);
  assert.ok(s, `no embed snippet for ${src}; the portal shows:\n${snippets.map((x) => x.code).join('\n')}`);
  return s.code;
}

function linkAttrs(code) {
  const tag = code.match(/<a\b[^>]*>/)?.[0];
  assert.ok(tag, `no <a> in the snippet:\n${code}`);
  const attrs = {};
  for (const m of tag.matchAll(/\s([a-zA-Z-]+)(?:="([^"]*)")?/g)) attrs[m[1].toLowerCase()] = m[2] ?? '';
  return attrs;
}

/** Waits until every data-loa-embed iframe of the page has been resized by embed.js. */
async function waitForResize(page, count) {
  await page.waitForFunction(
    (n) => {
      const frames = [...document.querySelectorAll('iframe[data-loa-embed]')];
      return frames.length === n && frames.every((f) => f.style.height && f.getAttribute('scrolling') === 'no');
    },
    count,
    { timeout: 15_000 },
  );
  // Let a second report (after fonts/layout settle) land.
  await page.waitForTimeout(300);
}

/** For each embed iframe of the page: its box height and its document's metrics. */
async function embedMetrics(page) {
  const handles = await page.$$('iframe[data-loa-embed]');
  const out = [];
  for (const h of handles) {
    const box = await h.evaluate((f) => ({ height: f.getBoundingClientRect().height, style: f.style.height, src: f.src, attr: f.getAttribute('height') }));
    const frame = await h.contentFrame();
    const inner = await frame.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      clientHeight: document.documentElement.clientHeight,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      title: document.querySelector('h1')?.textContent?.trim() ?? '',
      main: !!document.querySelector('main'),
      mainText: document.querySelector('main')?.textContent?.trim().length ?? 0,
    }));
    out.push({ ...box, ...inner, frame });
  }
  return out;
}

describe('embeds on another origin (Chromium, generated _headers)', { skip, concurrency: 1 }, () => {
  let work;
  let out;
  let portal;
  let host;
  let stranger;
  let browser;
  let campaignSlug;
  let cardSrc;
  let listSrc;
  let snippetCount = 0;
  const snippets = {};

  before(async () => {
    if (toolError) throw toolError;
    mkdirSync(ARTIFACTS, { recursive: true });
    work = tempDir('loa-embed-');
    out = join(work, 'public');
    portal = await serveWithHeaders(out); // the folder is filled below; files are read per request
    host = await serveHostPages();
    stranger = await serveHostPages();
    const root = copyPortal(SITE_ROOT, join(work, 'site'), { allowedOrigins: [host.origin] });
    buildSite({ root, out, baseUrl: portal.url });

    const campaigns = pageDirs(join(out, 'phong-trao'));
    assert.ok(campaigns.length > 0, 'no campaign page in the build');
    campaignSlug = campaigns[0];
    const shown = [
      ...embedSnippets(readFileSync(join(out, 'phong-trao', campaignSlug, 'index.html'), 'utf8')),
      ...embedSnippets(readFileSync(join(out, 'phong-trao', 'index.html'), 'utf8')),
    ];
    cardSrc = `${portal.url}nhung/phong-trao/${campaignSlug}/`;
    listSrc = `${portal.url}nhung/phong-trao/`;
    snippets.card = snippetFor(shown, cardSrc);
    snippets.list = snippetFor(shown, listSrc);

    host.pages.set('/bo/', hostPage('Tin thi đua của Sở', `<section>\n${snippets.card}\n</section>\n<section>\n${snippets.list}\n</section>`));
    host.pages.set(
      '/mau-nhan/',
      hostPage(
        'Màu nhấn',
        `<iframe src="${cardSrc}?accent=${encodeURIComponent(ACCENT)}" title="Thẻ có màu nhấn" width="100%" height="320" style="border:0" id="valid"></iframe>
<iframe src="${cardSrc}?accent=${encodeURIComponent('javascript:alert(1)')}" title="Thẻ có màu nhấn sai" width="100%" height="320" style="border:0" id="invalid"></iframe>
<iframe src="${cardSrc}?accent=${encodeURIComponent('red;background:url(//x)')}" title="Thẻ có màu nhấn sai 2" width="100%" height="320" style="border:0" id="invalid2"></iframe>
<iframe src="${cardSrc}" title="Thẻ mặc định" width="100%" height="320" style="border:0" id="default"></iframe>`,
      ),
    );
    // A page of the portal that is not an embed, framed by the allowed host.
    host.pages.set('/khong-phai-nhung/', hostPage('Trang thường', `<iframe src="${portal.url}phong-trao/" title="Trang phong trào" width="100%" height="400" id="framed"></iframe>`));
    // The embed, framed by a host outside the allowlist (exact snippet).
    stranger.pages.set('/', hostPage('Trang ngoài danh sách', snippets.card));
    // A script on a third origin that forges a resize message to its parent.
    stranger.pages.set(
      '/gia-mao/',
      '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>x</title><link rel="icon" href="data:,"></head><body>' +
        "<script>parent.postMessage({type:'loa:resize',height:9999},'*')</script></body></html>",
    );

    // Every embed the portal offers anywhere, once each.
    const everySnippet = new Map();
    for (const f of listFiles(out, ['index.html'])) {
      for (const sn of embedSnippets(readFileSync(f, 'utf8'))) {
        const src = embedSrc(sn.code);
        if (src && !everySnippet.has(src)) everySnippet.set(src, sn.code);
      }
    }
    snippetCount = everySnippet.size;
    host.pages.set('/tat-ca/', hostPage('Mọi khung nhúng', [...everySnippet.values()].map((c) => `<section>\n${c}\n</section>`).join('\n')));

    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await Promise.all([portal?.close(), host?.close(), stranger?.close()]);
    cleanup(work);
  });

  test('the snippets the portal shows: a link to the portal page with data-loa-embed, and embed.js', () => {
    for (const [name, code] of Object.entries(snippets)) {
      assert.ok(!/<iframe/.test(code), `${name}: the snippet pastes an iframe; a refused host would show a browser error`);
      const a = linkAttrs(code);
      assert.ok(a['data-loa-embed']?.startsWith(`${portal.url}nhung/`), `${name}: data-loa-embed ${a['data-loa-embed']} is not an embed of the portal`);
      assert.ok(a.href?.startsWith(portal.url) && !a.href.includes('/nhung/'), `${name}: the link ${a.href} does not lead to a portal page`);
      assert.ok(code.match(/<a\b[^>]*>([^<]+)<\/a>/)?.[1].trim(), `${name}: the link has no text`);
      assert.match(code, new RegExp(`<script src="${portal.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}assets/embed\\.js"[^>]*></script>`), `${name}: the snippet does not load the portal's embed.js`);
    }
  });

  test('the generated _headers allow the host to frame /nhung/ and nobody to frame other pages', async () => {
    const csp = async (path) => (await fetch(portal.url + path)).headers.get('content-security-policy') ?? '';
    const embed = await csp(`nhung/phong-trao/${campaignSlug}/`);
    assert.match(embed, /frame-ancestors\b/, `/nhung/ has no frame-ancestors: ${embed}`);
    assert.ok(embed.split(/[\s;,]+/).includes(host.origin), `/nhung/ frame-ancestors does not name ${host.origin}: ${embed}`);
    for (const path of ['', 'phong-trao/', `phong-trao/${campaignSlug}/`]) {
      assert.match(await csp(path), /frame-ancestors 'none'/, `/${path} may be framed`);
    }
  });

  test('both embeds render on the ministry page and fit their content without a scrollbar', async (t) => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${host.url}bo/`, { waitUntil: 'load' });
      await waitForResize(page, 2);
      await page.screenshot({ path: join(ARTIFACTS, 'embed-host.png'), fullPage: true });

      const check = async (label) => {
        const metrics = await embedMetrics(page);
        assert.equal(metrics.length, 2, `${label}: expected two embeds`);
        for (const m of metrics) {
          t.diagnostic(`${label}: ${m.src} → iframe ${m.height}px, document ${m.scrollHeight}px`);
          assert.ok(m.main && m.title, `${label}: ${m.src} rendered no <main>/<h1>`);
          assert.ok(Math.abs(m.height - m.scrollHeight) <= 3, `${label}: ${m.src}: the iframe is ${m.height}px high, its document ${m.scrollHeight}px`);
          assert.ok(m.scrollHeight <= m.clientHeight, `${label}: ${m.src} scrolls vertically (${m.scrollHeight} > ${m.clientHeight})`);
          assert.ok(m.scrollWidth <= m.clientWidth, `${label}: ${m.src} scrolls horizontally (${m.scrollWidth} > ${m.clientWidth})`);
        }
        return metrics;
      };
      const wide = await check('1280 px');
      assert.ok(wide[0].title.length > 0 && wide[1].title.length > 0);

      // Narrow host: the content reflows taller and the frames follow.
      await page.setViewportSize({ width: 360, height: 740 });
      await page.waitForTimeout(800);
      const narrow = await check('360 px');
      assert.ok(narrow[0].height > wide[0].height, `the card did not grow at 360 px (${wide[0].height} → ${narrow[0].height})`);

      // Content that changes inside an embed resizes the iframe again.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.waitForTimeout(500);
      const before = await check('1280 px again');
      await before[0].frame.evaluate(() => {
        const p = document.createElement('p');
        p.textContent = 'Dòng thêm. '.repeat(40);
        document.querySelector('main').append(p);
      });
      await page.waitForTimeout(500);
      const grown = await check('after content grew');
      assert.ok(grown[0].height > before[0].height, `the card did not grow with its content (${before[0].height} → ${grown[0].height})`);
      assert.equal(grown[1].height, before[1].height, 'the other embed changed height when only the card changed');
      assert.deepEqual(errors, [], 'uncaught errors on the ministry page');
    } finally {
      await context.close();
    }
  });

  test('every embed the portal offers renders and fits its content; axe finds nothing serious', async (t) => {
    assert.ok(snippetCount >= 3, `the portal offers only ${snippetCount} embed snippets`);
    // A tall viewport so that no loading="lazy" iframe waits for scrolling.
    const context = await newContext(browser, { viewport: { width: 1024, height: 8000 } });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${host.url}tat-ca/`, { waitUntil: 'load' });
      await waitForResize(page, snippetCount);
      for (const m of await embedMetrics(page)) {
        assert.ok(m.main && m.mainText > 0, `${m.src} rendered no <main> with content`);
        assert.ok(Math.abs(m.height - m.scrollHeight) <= 3, `${m.src}: the iframe is ${m.height}px high, its document ${m.scrollHeight}px`);
        assert.ok(m.scrollHeight <= m.clientHeight, `${m.src} scrolls vertically (${m.scrollHeight} > ${m.clientHeight})`);
        assert.ok(m.scrollWidth <= m.clientWidth, `${m.src} scrolls horizontally (${m.scrollWidth} > ${m.clientWidth})`);
      }
      const violations = await axeSerious(page);
      t.diagnostic(`${snippetCount} embeds on ${host.url}tat-ca/; ${axeSummary(violations.all)}`);
      assert.equal(violations.length, 0, formatAxe(`${host.url}tat-ca/`, violations));
      assert.deepEqual(errors, [], 'uncaught errors');

      // The search box submits in the top window, to the portal's search page.
      const searchHandle = await page.$(`iframe[src="${portal.url}nhung/tim-kiem/"]`);
      assert.ok(searchHandle, 'the portal offers no search embed (/nhung/tim-kiem/)');
      {
        const search = await searchHandle.contentFrame();
        await search.fill('input[name="q"]', 'sáng tạo');
        await Promise.all([page.waitForURL(/\/tim-kiem\/\?q=/, { timeout: 15_000 }), search.press('input[name="q"]', 'Enter')]);
        const url = new URL(page.url());
        assert.equal(`${url.origin}${url.pathname}`, `${portal.url}tim-kiem/`, 'the search embed did not open the portal search page in the top window');
        assert.equal(url.searchParams.get('q'), 'sáng tạo');
      }
    } finally {
      await context.close();
    }
  });

  test('forged or foreign messages do not change the iframe heights', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${host.url}bo/`, { waitUntil: 'load' });
      await waitForResize(page, 2);
      const heights = () => page.$$eval('iframe[data-loa-embed]', (fs) => fs.map((f) => f.getBoundingClientRect().height));
      const start = await heights();
      // Record every message the host window receives, to be sure the forged ones arrived.
      await page.evaluate(() => {
        window.__seen = [];
        window.addEventListener('message', (e) => window.__seen.push({ origin: e.origin, type: e.data?.type, height: e.data?.height }));
      });
      const seen = () => page.evaluate(() => window.__seen);

      // 1. From the host page's own window (same origin as the host, not the frame's).
      await page.evaluate(() => window.postMessage({ type: 'loa:resize', height: 9999 }, '*'));
      await page.waitForTimeout(300);
      assert.deepEqual(await heights(), start, 'a loa:resize message from the host window changed a height');

      // 2. From the embed's own window, but of another type.
      const [card] = await page.$$('iframe[data-loa-embed]');
      const cardFrame = await card.contentFrame();
      await cardFrame.evaluate(() => window.parent.postMessage({ type: 'loa:other', height: 9999 }, '*'));
      await cardFrame.evaluate(() => window.parent.postMessage({ type: 'loa:resize', height: '9999' }, '*'));
      await page.waitForTimeout(300);
      assert.deepEqual(await heights(), start, 'a message of another type (or a non-number height) from the embed changed a height');

      // 3. From a frame of another origin (not a loa embed) on the same page.
      await page.evaluate((src) => {
        const f = document.createElement('iframe');
        f.src = src;
        f.title = 'gia mạo';
        document.body.append(f);
        return new Promise((ok) => f.addEventListener('load', ok));
      }, `${stranger.url}gia-mao/`);
      await page.waitForTimeout(300);
      assert.deepEqual(await heights(), start, 'a loa:resize message from another origin changed a height');
      const got = await seen();
      assert.ok(got.some((m) => m.origin === host.origin && m.height === 9999), 'the forged message from the host window never arrived');
      assert.ok(got.some((m) => m.origin === portal.origin && m.type === 'loa:other'), 'the other-type message from the embed never arrived');
      assert.ok(got.some((m) => m.origin === stranger.origin && m.type === 'loa:resize'), 'the forged message from another origin never arrived');

      // Control: the embed itself can resize its own iframe, and only its own.
      await cardFrame.evaluate(() => window.parent.postMessage({ type: 'loa:resize', height: 777 }, '*'));
      await page.waitForTimeout(300);
      const after = await heights();
      assert.equal(after[0], 777, 'control: a loa:resize message from the card itself did not resize it');
      assert.equal(after[1], start[1], 'a message from the card resized the other embed');
    } finally {
      await context.close();
    }
  });

  test('a link inside an embed opens in the top window', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${host.url}bo/`, { waitUntil: 'load' });
      await waitForResize(page, 2);
      const card = await (await page.$(`iframe[src="${cardSrc}"]`)).contentFrame();
      const link = await card.$('main a[href]');
      assert.ok(link, 'no link in the campaign card');
      const href = await link.evaluate((a) => a.href);
      assert.equal(href, `${portal.url}phong-trao/${campaignSlug}/`, 'the card links to its campaign page on the portal');
      await Promise.all([page.waitForURL(href, { timeout: 15_000 }), link.click()]);
      assert.equal(page.url(), href, 'the top window did not navigate to the portal');
      assert.equal(context.pages().length, 1, 'the link opened another window');
      assert.ok((await page.title()).length > 0);
    } finally {
      await context.close();
    }
  });

  test('?accent= takes a hex colour and ignores anything else', async () => {
    const context = await newContext(browser);
    const dialogs = [];
    try {
      const page = await context.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        d.dismiss().catch(() => {});
      });
      await page.goto(`${host.url}mau-nhan/`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      const colour = async (id) => {
        const frame = await (await page.$(`#${id}`)).contentFrame();
        await frame.waitForLoadState('load');
        return frame.evaluate(() => getComputedStyle(document.body).borderTopColor);
      };
      const def = await colour('default');
      assert.notEqual(def, ACCENT_RGB, 'the default accent is already the test colour');
      assert.equal(await colour('valid'), ACCENT_RGB, `?accent=${ACCENT} does not change the border-top colour`);
      assert.equal(await colour('invalid'), def, '?accent=javascript:… changed the accent');
      assert.equal(await colour('invalid2'), def, '?accent=red;background:… changed the accent');
      assert.deepEqual(dialogs, [], 'an ?accent= value ran script');
    } finally {
      await context.close();
    }
  });

  test("a campaign's embed shows its card; ?xem=van-ban its directives alone (one file)", async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const shown = async (src) => {
        await page.goto(src, { waitUntil: 'load' });
        return page.evaluate(() => ({
          card: document.querySelector('.embed-card')?.getClientRects().length > 0,
          list: document.querySelectorAll('.embed-directives .list a').length,
          listShown: document.querySelector('.embed-directives')?.getClientRects().length > 0,
        }));
      };
      const card = await shown(cardSrc);
      assert.ok(card.card && !card.listShown && card.list > 0, `${cardSrc}: the card alone, as before: ${JSON.stringify(card)}`);
      const alone = await shown(`${cardSrc}?xem=van-ban&compact=1`);
      assert.ok(!alone.card && alone.listShown && alone.list === card.list, `?xem=van-ban: ${JSON.stringify(alone)}`);
      // The portal's own snippet for the directives names that view.
      const pageHtml = readFileSync(join(out, 'phong-trao', campaignSlug, 'index.html'), 'utf8');
      assert.ok(pageHtml.includes(`data-loa-embed="${cardSrc}?xem=van-ban"`), 'the directives snippet');
    } finally {
      await context.close();
    }
  });

  test('without JavaScript the host shows the links to the portal', async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${host.url}bo/`, { waitUntil: 'load' });
      await page.waitForTimeout(500);
      assert.equal(await page.locator('iframe').count(), 0, 'an iframe appeared although JavaScript is off');
      const links = await page.$$eval('a[data-loa-embed]', (as) => as.map((a) => ({ href: a.href, text: a.textContent.trim(), visible: a.getBoundingClientRect().height > 0 })));
      assert.equal(links.length, 2);
      for (const l of links) {
        assert.ok(l.visible && l.text, `the link ${l.href} is not shown`);
        assert.ok(l.href.startsWith(portal.url), `the link ${l.href} does not lead to the portal`);
      }
    } finally {
      await context.close();
    }
  });

  test('options: ?plain=1 drops the stripe and the heading, ?compact=1 tightens the list', async () => {
    host.pages.set(
      '/tuy-chon/',
      hostPage(
        'Tùy chọn',
        `<a href="${portal.url}phong-trao/" data-loa-embed="${listSrc}">Mặc định</a>\n<a href="${portal.url}phong-trao/" data-loa-embed="${listSrc}?plain=1&amp;compact=1">Gọn</a>\n<script src="${portal.url}assets/embed.js" async></script>`,
      ),
    );
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${host.url}tuy-chon/`, { waitUntil: 'load' });
      await waitForResize(page, 2);
      const [plainless, plain] = await Promise.all(
        (await page.$$('iframe[data-loa-embed]')).map(async (h) =>
          (await h.contentFrame()).evaluate(() => ({
            stripe: getComputedStyle(document.body).borderTopWidth,
            heading: document.querySelector('h1').getBoundingClientRect().height,
            headingText: document.querySelector('h1').textContent.trim(),
            meta: [...document.querySelectorAll('.list .meta')].filter((m) => m.getBoundingClientRect().height > 0).length,
            height: document.documentElement.scrollHeight,
          })),
        ),
      );
      assert.equal(plainless.stripe, '4px', 'the default embed lost its stripe');
      assert.ok(plainless.heading > 10, 'the default embed shows no heading');
      assert.equal(plain.stripe, '0px', '?plain=1 keeps the stripe');
      assert.ok(plain.heading <= 1, '?plain=1 still shows the heading');
      assert.ok(plain.headingText, '?plain=1 removed the heading for screen readers too');
      assert.equal(plain.meta, 0, '?compact=1 still shows the second line of each item');
      assert.ok(plain.height < plainless.height, `the compact list is not shorter (${plain.height} ≥ ${plainless.height})`);
    } finally {
      await context.close();
    }
  });

  test('the snippet builder: options change the copied code; the allow-list sentence is there', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${portal.url}phong-trao/`, { waitUntil: 'load' });
      const box = page.locator('details.embed-snippet').first();
      await box.locator('summary').click();
      assert.match(await box.locator('.embed-allow').textContent(), /danh sách được phép/, 'no sentence about the allow-list');
      await box.locator('input[name="plain"]').check();
      await box.locator('input[name="accent"]').fill('#005a9c');
      const code = await box.locator('pre code').textContent();
      const src = new URL(htmlUnescape(embedSrc(code)));
      assert.equal(src.searchParams.get('plain'), '1', `the code does not carry plain=1: ${code}`);
      assert.equal(src.searchParams.get('accent'), '005a9c', `the code does not carry the accent: ${code}`);
      assert.ok(src.href.startsWith(`${portal.url}nhung/`), code);
    } finally {
      await context.close();
    }
  });

  /** Opens url, waits, and tells whether the frame #id / the data-loa-embed iframe got the portal's document. */
  async function framedOutcome(url, selector) {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const console = [];
      page.on('console', (m) => console.push(m.text()));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForTimeout(1000);
      const handle = await page.$(selector);
      const frame = await handle.contentFrame();
      const frameUrl = frame?.url() ?? null;
      let heading = null;
      try {
        heading = await frame?.evaluate(() => document.querySelector('h1')?.textContent?.trim() ?? null);
      } catch {
        heading = null;
      }
      const hostSeesDocument = await handle.evaluate((f) => {
        try {
          return !!f.contentDocument && f.contentDocument.URL !== 'about:blank';
        } catch {
          return false;
        }
      });
      return { frameUrl, heading, console, hostSeesDocument };
    } finally {
      await context.close();
    }
  }

  /** The frame shows Chromium's error page, not the portal's document, and says why. */
  function assertBlocked(r, what) {
    assert.ok(!(r.frameUrl ?? '').startsWith(portal.origin), `${what} loaded in the frame (${r.frameUrl}, h1: ${r.heading})`);
    assert.ok(!r.hostSeesDocument || !(r.frameUrl ?? '').startsWith('http'), `${what}: the frame holds a document`);
    assert.ok(
      (r.frameUrl ?? '').startsWith('chrome-error://') && r.console.some((c) => /frame-ancestors/.test(c)),
      `no sign that Chromium blocked ${what} for its frame-ancestors (frame url ${r.frameUrl}; console: ${r.console.join(' | ')})`,
    );
  }

  test('Chromium refuses a non-embed portal page framed by the allowed host', async (t) => {
    const r = await framedOutcome(`${host.url}khong-phai-nhung/`, '#framed');
    t.diagnostic(`frame url: ${r.frameUrl}; console: ${r.console.join(' | ')}`);
    const req = portal.requests.find((x) => x.path === '/phong-trao/');
    assert.ok(req, 'the portal never got the request for /phong-trao/');
    assert.match(req.headers['content-security-policy'] ?? '', /frame-ancestors 'none'/, '/phong-trao/ is served without frame-ancestors \'none\'');
    assertBlocked(r, 'the portal page /phong-trao/');
  });

  test('Chromium refuses an embed framed by an origin outside the allowlist', async (t) => {
    const r = await framedOutcome(`${stranger.url}`, 'iframe[data-loa-embed]');
    t.diagnostic(`frame url: ${r.frameUrl}; console: ${r.console.join(' | ')}`);
    const req = portal.requests.find((x) => x.path === `/nhung/phong-trao/${campaignSlug}/`);
    assert.ok(req, 'the portal never got the request for the embed');
    const csp = req.headers['content-security-policy'] ?? '';
    assert.match(csp, /frame-ancestors/, 'the embed is served without frame-ancestors');
    assert.ok(csp.includes(host.origin), `the embed's frame-ancestors does not name the allowed host ${host.origin}: ${csp}`);
    assert.ok(!csp.includes(stranger.origin), `the embed's frame-ancestors names the stranger ${stranger.origin}`);
    assertBlocked(r, 'the embed');
  });

  test('a host outside the allowlist shows the readable link, not the refused frame', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(stranger.url, { waitUntil: 'load' });
      await page.waitForTimeout(1500);
      const link = await page.$eval('a[data-loa-embed]', (a) => ({ visible: !a.hidden && a.getBoundingClientRect().height > 0, href: a.href }));
      assert.ok(link.visible, 'the link was hidden on a host whose frame is refused');
      assert.equal(link.href, `${portal.url}phong-trao/${campaignSlug}/`);
      const frame = await page.$eval('iframe[data-loa-embed]', (f) => ({ height: f.getBoundingClientRect().height, visibility: getComputedStyle(f).visibility, hidden: f.getAttribute('aria-hidden') }));
      assert.ok(frame.height === 0 && frame.visibility === 'hidden' && frame.hidden === 'true', `the refused frame is in sight: ${JSON.stringify(frame)}`);
    } finally {
      await context.close();
    }
  });

  test('an allowed host shows the frame in place of the link', async () => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${host.url}bo/`, { waitUntil: 'load' });
      await waitForResize(page, 2);
      const links = await page.$$eval('a[data-loa-embed]', (as) => as.map((a) => a.hidden));
      assert.deepEqual(links, [true, true], 'the links stay beside the frames');
      const frames = await page.$$eval('iframe[data-loa-embed]', (fs) => fs.map((f) => ({ visibility: getComputedStyle(f).visibility, hidden: f.getAttribute('aria-hidden') })));
      for (const f of frames) assert.ok(f.visibility === 'visible' && f.hidden === null, JSON.stringify(f));
    } finally {
      await context.close();
    }
  });

  test('axe: no serious or critical violations on the ministry page with its embeds', async (t) => {
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      await page.goto(`${host.url}bo/`, { waitUntil: 'load' });
      await waitForResize(page, 2);
      const violations = await axeSerious(page);
      t.diagnostic(`${host.url}bo/: ${axeSummary(violations.all)}`);
      assert.equal(violations.length, 0, formatAxe(`${host.url}bo/`, violations));
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------------------------------
// The generated nginx snippet, run by Debian's nginx.

let nginxSkip = false;
let nginxError = null;
try {
  nginxSkip = missingTools('loa') || missingNginx() || false;
} catch (e) {
  nginxError = e;
}

describe('generated loa-nginx.conf in nginx', { skip: nginxSkip, concurrency: 1 }, () => {
  const ALLOWED = 'https://bo.example.gov.vn';
  let work;
  let root;
  let out;
  let nginx;

  before(async () => {
    if (nginxError) throw nginxError;
    work = tempDir('loa-nginx-');
    root = copyPortal(SITE_ROOT, join(work, 'site'), { allowedOrigins: [ALLOWED] });
    out = buildSite({ root, out: join(work, 'public') });
    nginx = await startNginx({ root: out, include: join(out, 'loa-nginx.conf'), prefix: join(work, 'nginx') });
  });

  after(async () => {
    await nginx?.stop();
    cleanup(work);
  });

  const get = (path) => fetch(nginx.origin + path, { redirect: 'manual' });

  test('short links /q/<CODE>/ answer 301 to their page', async (t) => {
    const codes = shortLinkTargets(root);
    assert.ok(codes.size > 0, 'the portal has no short links');
    for (const [code, target] of codes) {
      for (const path of [`/q/${code}/`, `/q/${code}`, `/q/${code.toLowerCase()}/`]) {
        const r = await get(path);
        assert.equal(r.status, 301, `${path} answered ${r.status}`);
        const location = new URL(r.headers.get('location'), nginx.origin);
        assert.equal(location.pathname, target, `${path} redirects to ${location}`);
      }
    }
    t.diagnostic(`${codes.size} short codes redirect`);
  });

  test('portal pages carry frame-ancestors \'none\'; embeds carry the allowlist', async () => {
    const campaign = pageDirs(join(out, 'phong-trao'))[0];
    for (const path of ['/', '/phong-trao/', `/phong-trao/${campaign}/`, '/van-ban/']) {
      const r = await get(path);
      assert.equal(r.status, 200, `${path} answered ${r.status}`);
      assert.equal(frameAncestors(r.headers.get('content-security-policy')), "'none'", `${path}: CSP`);
      assert.equal(r.headers.get('x-frame-options'), 'DENY', `${path}: X-Frame-Options`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${path}: X-Content-Type-Options`);
    }
    for (const path of ['/nhung/phong-trao/', `/nhung/phong-trao/${campaign}/`, '/nhung/thoi-han/']) {
      const r = await get(path);
      assert.equal(r.status, 200, `${path} answered ${r.status}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      const ancestors = frameAncestors(csp);
      assert.ok(ancestors, `${path}: CSP ${csp}`);
      assert.ok(ancestors.split(/\s+/).includes(ALLOWED), `${path}: frame-ancestors does not name ${ALLOWED}: ${csp}`);
      assert.ok(!ancestors.includes("'none'"), `${path}: frame-ancestors still says 'none': ${csp}`);
      assert.equal(r.headers.get('x-frame-options'), null, `${path}: X-Frame-Options would forbid the embed`);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', `${path}: X-Content-Type-Options`);
    }
    const missing = await get('/khong-ton-tai-e2e/');
    assert.equal(missing.status, 404);
    assert.equal(frameAncestors(missing.headers.get('content-security-policy')), "'none'", '404: CSP');
  });
});
