// Page weight and the offline portal, in Chromium, on a copy of the sample portal served on
// 127.0.0.1 (where service workers are allowed) by a server that sends the `.gz` twins loa
// writes (Content-Encoding: gzip), and compresses other text on the fly, as loa-nginx.conf does.
//
// 1. Weight: one page of each kind (home, campaign, directive, guide, attachment page,
//    person, list) is loaded under a slow mobile connection (CDP Network.emulateNetworkConditions:
//    400 kbit/s down and up, 400 ms latency) with an empty cache: the bytes transferred (all
//    responses, headers included; content photos and attachments excluded, as in the budget)
//    must stay within 50 KB and the first contentful paint under 2 s. The figures go to
//    tests/e2e/artifacts/weight-metrics.json.
// 2. Offline: a campaign page and a guide are opened online; the service worker takes
//    control and saves them, with the campaign's guides and contacts. Offline, both reload
//    from the saved copies with the notice "Bạn đang xem bản đã lưu", the guide still shows
//    its deadline and the contact's phone, and a contact page never opened is there too.
//    The portal is then rebuilt with a changed guide into the same folder: back online, the
//    new text shows at once (network first) and the service worker updates to the new
//    build's version, dropping the old shell cache.
// 3. Deployment: Debian's nginx with the generated loa-nginx.conf (`gzip_static on;`) sends
//    the `.gz` twins to a client that accepts gzip, and the plain files to one that does not.

import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, get as httpGet } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';

import {
  ARTIFACTS,
  buildSite,
  cleanup,
  CONTENT_TYPES,
  discoverPages,
  launchBrowser,
  listFiles,
  missingTools,
  pageDirs,
  SITE_ROOT,
  tempDir,
  toolCheck,
} from './helpers.mjs';
import { missingNginx, startNginx } from './support-opendata.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium');

const BUDGET_BYTES = 50 * 1024;
const FCP_LIMIT_MS = 2000;
// 400 kbit/s = 50 000 bytes/s each way, 400 ms round trip.
const SLOW_MOBILE = { offline: false, latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 };
const KINDS = ['home', 'campaign', 'directive', 'guide', 'attachment', 'person', 'list'];
// The guide with a deadline and a contact phone, and the campaign that lists it.
const GUIDE = 'huong-dan/huong-dan-gui-danh-sach-gioi-thieu-dien-hinh-tien-tien/';
const DEADLINE = 'ngày 20 tháng 5 năm 2023';
const PHONE_LINK = 'tel:0942200232';
const NOTICE = 'Bạn đang xem bản đã lưu';
const CHANGED = 'Danh sách gửi kèm bản mềm định dạng .docx (nội dung cập nhật).';

/**
 * Serves `dir` at "/" on 127.0.0.1: `/x/` → `/x/index.html`; `file.gz` instead of `file` with
 * Content-Encoding: gzip when it exists and the client accepts gzip. `down = true` drops every
 * request without an answer (the network is gone). Files are read per request, so a rebuild
 * into the same folder is served at once.
 */
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|manifest\+json))/;

async function gzipServer(dir) {
  const root = resolve(dir);
  const state = { down: false, requests: [] };
  const send = (res, status, body, headers, head) => {
    res.writeHead(status, { 'content-length': body.length, 'cache-control': 'no-cache', ...headers });
    res.end(head ? undefined : body);
  };
  const server = createServer((req, res) => {
    if (state.down) {
      req.socket.destroy();
      return;
    }
    state.requests.push(req.url);
    const head = req.method === 'HEAD';
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      return send(res, 400, Buffer.alloc(0), {}, head);
    }
    let file = resolve(root, `.${sep}${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) file = join(root, '404.html');
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!pathname.endsWith('/')) {
        res.writeHead(301, { location: `${encodeURI(pathname)}/` });
        res.end();
        return;
      }
      file = join(file, 'index.html');
    }
    let status = 200;
    if (!existsSync(file)) {
      status = 404;
      file = join(root, '404.html');
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    const accepts = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
    const twin = accepts && existsSync(`${file}.gz`);
    let body = readFileSync(twin ? `${file}.gz` : file);
    // Like loa-nginx.conf: the twin when there is one, otherwise text of 1200 bytes and more
    // compressed on the fly at level 6 (`gzip on; gzip_min_length 1200; gzip_comp_level 6`).
    const onTheFly = accepts && !twin && COMPRESSIBLE.test(type) && body.length >= 1200;
    if (onTheFly) body = gzipSync(body, { level: 6 });
    const headers = { 'content-type': type, vary: 'Accept-Encoding' };
    if (twin || onTheFly) headers['content-encoding'] = 'gzip';
    send(res, status, body, headers, head);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: `${origin}/`,
    state,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/** A copy of the portal's sources (site.yaml, content/, the short-link registry). */
function copyPortal(from, to) {
  mkdirSync(to, { recursive: true });
  for (const name of ['site.yaml', 'short-links.yaml', 'content', 'templates', 'static', 'themes']) {
    if (existsSync(join(from, name))) cpSync(join(from, name), join(to, name), { recursive: true });
  }
}

function swVersion(out) {
  const m = readFileSync(join(out, 'sw.js'), 'utf8').match(/^const VERSION = "([0-9a-f]+)";$/m);
  assert.ok(m, `${out}/sw.js has no build version`);
  return m[1];
}

/** Bytes the budget does not count: content photos and attachment downloads. */
function excluded(url) {
  const path = new URL(url).pathname;
  return /\/anh-bia-\d+\.jpg$/.test(path) || (/^\/tep\/[^/]+\/[^/]+$/.test(path) && !path.endsWith('.html'));
}

describe('page weight and offline reading (sample portal)', { skip }, () => {
  let work;
  let root;
  let out;
  let server;
  let browser;

  before(async () => {
    if (toolError) throw toolError;
    mkdirSync(ARTIFACTS, { recursive: true });
    work = tempDir('loa-offline-');
    root = join(work, 'site');
    copyPortal(SITE_ROOT, root);
    out = buildSite({ root, out: join(work, 'public') });
    server = await gzipServer(out);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    cleanup(work);
  });

  test('every page kind stays within 50 KB and paints within 2 s on a slow mobile line', { timeout: 240_000 }, async (t) => {
    const found = discoverPages(out);
    const guides = pageDirs(join(out, 'huong-dan'));
    found.guide = guides.length ? `huong-dan/${guides[0]}/` : new Error('no guide page in the output');
    const gz = listFiles(out, ['.gz']);
    const metrics = {
      connection: { down_kbit_s: 400, up_kbit_s: 400, latency_ms: SLOW_MOBILE.latency },
      budget_bytes: BUDGET_BYTES,
      fcp_limit_ms: FCP_LIMIT_MS,
      gz_files: gz.length,
      gz_bytes: gz.reduce((sum, f) => sum + statSync(f).size, 0),
      browser: `chromium ${browser.version()}`,
      pages: {},
    };
    const failures = [];
    for (const kind of KINDS) {
      const path = found[kind];
      if (path instanceof Error) throw path;
      const url = server.url + path;
      // A fresh profile without the service worker: a first visit, nothing cached.
      const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 } });
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
        await cdp.send('Network.emulateNetworkConditions', SLOW_MOBILE);
        const urls = new Map();
        const encodings = new Map();
        const sizes = new Map();
        cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
        cdp.on('Network.responseReceived', (e) => {
          const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
          encodings.set(e.requestId, headers['content-encoding'] || '');
        });
        cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
        const response = await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
        assert.equal(response.status(), 200, `${url} answered ${response.status()}`);
        await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
        const fcp = await page.evaluate(
          () =>
            new Promise((done) => {
              const seen = performance.getEntriesByName('first-contentful-paint')[0];
              if (seen) return done(seen.startTime);
              new PerformanceObserver((list) => {
                const entry = list.getEntriesByName('first-contentful-paint')[0];
                if (entry) done(entry.startTime);
              }).observe({ type: 'paint', buffered: true });
              setTimeout(() => done(null), 10_000);
            }),
        );
        const requests = [...sizes.entries()].map(([id, bytes]) => ({
          url: urls.get(id) ?? '?',
          bytes,
          encoding: encodings.get(id) ?? '',
        }));
        const counted = requests.filter((r) => !excluded(r.url));
        const bytes = counted.reduce((sum, r) => sum + r.bytes, 0);
        const document = requests.find((r) => r.url === url);
        metrics.pages[kind] = {
          path: `/${path}`,
          bytes,
          bytes_excluded: requests.reduce((sum, r) => sum + r.bytes, 0) - bytes,
          requests: requests.length,
          fcp_ms: fcp == null ? null : Math.round(fcp),
          html_gzip: document?.encoding === 'gzip',
          files: counted.map((r) => `${new URL(r.url).pathname} ${r.bytes} B${r.encoding ? ` (${r.encoding})` : ''}`),
        };
        const line = `${kind.padEnd(10)} ${String(bytes).padStart(6)} B in ${requests.length} request(s), FCP ${fcp == null ? '?' : Math.round(fcp)} ms  /${path}`;
        console.log(line);
        t.diagnostic(line);
        if (!document || document.encoding !== 'gzip') failures.push(`${url}: the page was not sent gzipped`);
        if (bytes > BUDGET_BYTES) failures.push(`${url}: ${bytes} bytes transferred, over ${BUDGET_BYTES}: ${metrics.pages[kind].files.join(', ')}`);
        if (fcp == null || fcp >= FCP_LIMIT_MS) failures.push(`${url}: first contentful paint ${fcp} ms, not under ${FCP_LIMIT_MS} ms`);
      } finally {
        await context.close();
      }
    }
    writeFileSync(join(ARTIFACTS, 'weight-metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);
    const summary = `precompressed: ${metrics.gz_files} .gz files, ${metrics.gz_bytes} bytes`;
    console.log(summary);
    t.diagnostic(summary);
    assert.deepEqual(failures, []);
  });

  test('opened pages stay readable offline and a new build replaces them', { timeout: 240_000 }, async (t) => {
    assert.ok(existsSync(join(out, GUIDE, 'index.html')), `the sample portal has no /${GUIDE}`);
    const campaigns = pageDirs(join(out, 'phong-trao'));
    const campaign = campaigns
      .map((c) => `phong-trao/${c}/`)
      .find((c) => readFileSync(join(out, c, 'index.html'), 'utf8').includes(`data-offline-links="/${GUIDE} `));
    assert.ok(campaign, `no campaign page lists /${GUIDE} in data-offline-links`);
    const links = readFileSync(join(out, campaign, 'index.html'), 'utf8').match(/data-offline-links="([^"]*)"/)[1];
    const contact = links.split(/\s+/).find((l) => l.startsWith('/lien-he/'));
    assert.ok(contact, `the campaign lists no contact for offline reading: ${links}`);
    const firstVersion = swVersion(out);
    const pagesCache = 'loa:/:pages';

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e?.message || e)));
      const savedPaths = () =>
        page.evaluate(async (name) => {
          const cache = await caches.open(name);
          return (await cache.keys()).map((r) => new URL(r.url).pathname);
        }, pagesCache);
      const cacheNames = () => page.evaluate(() => caches.keys());
      const noticeOf = () =>
        page.evaluate(() => {
          const n = document.getElementById('loa-ban-da-luu');
          if (!n) return null;
          const r = n.getBoundingClientRect();
          return { text: n.textContent, visible: r.width > 0 && r.height > 0 && getComputedStyle(n).visibility !== 'hidden' };
        });

      // Online: the campaign page, then the worker takes control and saves what it lists.
      await page.goto(server.url + campaign, { waitUntil: 'load' });
      await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
      const wanted = [`/${campaign}`, `/${GUIDE}`, contact];
      const deadline = Date.now() + 30_000;
      let saved = [];
      while (Date.now() < deadline) {
        saved = await savedPaths();
        if (wanted.every((p) => saved.includes(p))) break;
        await page.waitForTimeout(200);
      }
      assert.deepEqual(wanted.filter((p) => !saved.includes(p)), [], `not saved for offline reading (saved: ${saved.join(', ')})`);
      assert.ok((await cacheNames()).includes(`loa:/:shell:${firstVersion}`), 'the shell cache carries the build version');
      const shellCached = await page.evaluate(async (v) => (await (await caches.open(`loa:/:shell:${v}`)).keys()).map((r) => new URL(r.url).pathname), firstVersion);
      for (const file of ['/assets/loa.css', '/assets/loa-offline.js', '/assets/favicon.svg']) {
        assert.ok(shellCached.includes(file), `${file} is not in the shell cache (${shellCached.join(', ')})`);
      }
      assert.equal(await noticeOf(), null, 'online, no saved-copy notice');

      // The guide, opened online.
      await page.goto(server.url + GUIDE, { waitUntil: 'load' });
      assert.equal(await noticeOf(), null);
      assert.ok(!saved.some((p) => /^\/tep\/[^/]+\/[^/]+$/.test(p) && !p.endsWith('/')), `an attachment was saved: ${saved.join(', ')}`);

      // Offline: the server is gone and the browser knows it.
      server.state.down = true;
      await context.setOffline(true);
      const guideResponse = await page.reload({ waitUntil: 'load' });
      assert.equal(guideResponse?.status(), 200);
      let notice = await noticeOf();
      assert.ok(notice?.visible, 'the saved guide shows the notice');
      assert.match(notice.text, new RegExp(`${NOTICE} ngày \\d{1,2}/\\d{1,2}/\\d{4} lúc \\d{2}:\\d{2}`));
      const guide = await page.evaluate(() => ({
        text: document.querySelector('main').innerText,
        tel: [...document.querySelectorAll('a[href^="tel:"]')].map((a) => a.getAttribute('href')),
        deadline: document.querySelector('.deadline-block time')?.textContent ?? '',
      }));
      assert.ok(guide.deadline.includes(DEADLINE), `the saved guide's deadline reads "${guide.deadline}"`);
      assert.ok(guide.tel.includes(PHONE_LINK), `the saved guide has no ${PHONE_LINK} link (${guide.tel.join(', ')})`);
      t.diagnostic(`offline guide: "${notice.text.trim()}"; deadline ${guide.deadline}; ${PHONE_LINK}`);

      await page.goto(server.url + campaign, { waitUntil: 'load' });
      notice = await noticeOf();
      assert.ok(notice?.visible && notice.text.includes(NOTICE), 'the saved campaign page shows the notice');
      const asOf = await page.locator('[data-live-as-of]').evaluateAll((els) => els.map((e) => e.checkVisibility()));
      assert.ok(asOf.length > 0 && asOf.every((shown) => !shown), 'offline too, loa-live.js (saved with the shell) counts from today and hides the "tính đến" line');
      await page.goto(server.url + contact.slice(1), { waitUntil: 'load' });
      notice = await noticeOf();
      assert.ok(notice?.visible, `the contact ${contact}, never opened, was saved with the campaign`);
      assert.ok(
        (await page.evaluate(() => document.querySelectorAll('a[href^="tel:"], a[href^="mailto:"]').length)) > 0,
        'the saved contact page has its phone or e-mail links',
      );
      const unsaved = await page.goto(server.url + 'van-ban/', { waitUntil: 'load' });
      assert.equal(unsaved?.status(), 503, 'a page never saved answers with the offline page');
      assert.match(await page.locator('h1').innerText(), /Không có kết nối mạng/);

      // A new build with a changed guide, into the same folder; back online.
      const source = join(root, 'content', 'guides', `${GUIDE.split('/')[1]}.md`);
      const markdown = readFileSync(source, 'utf8');
      assert.ok(markdown.includes('## Ai gửi'));
      writeFileSync(source, markdown.replace('## Ai gửi', `${CHANGED}\n\n## Ai gửi`));
      buildSite({ root, out });
      const secondVersion = swVersion(out);
      assert.notEqual(secondVersion, firstVersion, 'a new build has a new service worker version');
      server.state.down = false;
      await context.setOffline(false);
      await page.goto(server.url + GUIDE, { waitUntil: 'load' });
      assert.equal(await noticeOf(), null, 'online again: the page from the network, no notice');
      assert.ok((await page.locator('main').innerText()).includes(CHANGED), 'the changed guide text shows at once');

      // The worker updates itself: the new version is active and the old shell cache is gone.
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
      const until = Date.now() + 30_000;
      let names = [];
      while (Date.now() < until) {
        names = await cacheNames();
        if (names.includes(`loa:/:shell:${secondVersion}`) && !names.includes(`loa:/:shell:${firstVersion}`)) break;
        await page.waitForTimeout(200);
      }
      assert.ok(names.includes(`loa:/:shell:${secondVersion}`), `no shell cache of the new version (${names.join(', ')})`);
      assert.ok(!names.includes(`loa:/:shell:${firstVersion}`), `the old shell cache is still there (${names.join(', ')})`);
      const active = await page.evaluate(
        () =>
          new Promise((done) => {
            navigator.serviceWorker.addEventListener('message', (e) => e.data?.type === 'loa:version' && done(e.data.version));
            navigator.serviceWorker.controller?.postMessage('loa:version');
            setTimeout(() => done(null), 5_000);
          }),
      );
      assert.equal(active, secondVersion, 'the page is controlled by the new worker');
      // The saved copy is the new one too.
      server.state.down = true;
      await context.setOffline(true);
      await page.reload({ waitUntil: 'load' });
      assert.ok((await noticeOf())?.visible);
      assert.ok((await page.locator('main').innerText()).includes(CHANGED), 'the saved copy is the new text');
      assert.deepEqual(errors, [], 'no uncaught errors in the pages');
      t.diagnostic(`service worker ${firstVersion} → ${secondVersion}`);
    } finally {
      server.state.down = false;
      await context.close();
    }
  });
});

let nginxSkip = false;
let nginxError = null;
try {
  nginxSkip = missingTools('loa') || missingNginx() || false;
} catch (e) {
  nginxError = e;
}

/** GET without decoding: {status, headers, body (raw bytes)}. */
function rawGet(url, headers) {
  return new Promise((ok, fail) => {
    httpGet(url, { headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', fail);
  });
}

describe('precompressed files in nginx (gzip_static)', { skip: nginxSkip }, () => {
  let work;
  let out;
  let nginx;

  before(async () => {
    if (nginxError) throw nginxError;
    work = tempDir('loa-gzip-static-');
    const root = join(work, 'site');
    copyPortal(SITE_ROOT, root);
    out = buildSite({ root, out: join(work, 'public') });
    nginx = await startNginx({ root: out, include: join(out, 'loa-nginx.conf'), prefix: join(work, 'nginx') });
  });

  after(async () => {
    await nginx?.stop();
    cleanup(work);
  });

  test('the .gz twin goes to clients that accept gzip, the file itself to others', async () => {
    for (const [path, file] of [
      ['/', 'index.html'],
      ['/assets/loa.css', 'assets/loa.css'],
      ['/sw.js', 'sw.js'],
      ['/sitemap.xml', 'sitemap.xml'],
    ]) {
      assert.ok(existsSync(join(out, `${file}.gz`)), `${file}.gz was not written`);
      const zipped = await rawGet(nginx.origin + path, { 'accept-encoding': 'gzip' });
      assert.equal(zipped.status, 200, `${path} answered ${zipped.status}`);
      assert.equal(zipped.headers['content-encoding'], 'gzip', `${path}: not sent gzipped`);
      assert.ok(zipped.body.equals(readFileSync(join(out, `${file}.gz`))), `${path}: the body is not ${file}.gz`);
      const plain = await rawGet(nginx.origin + path, {});
      assert.equal(plain.headers['content-encoding'], undefined, `${path}: gzip sent to a client that did not ask`);
      assert.ok(plain.body.equals(readFileSync(join(out, file))), `${path}: the body is not ${file}`);
    }
  });

  test('a text file too small for a twin is compressed by nginx as it is sent', async () => {
    // Search index files of 1-4 KB (a last block of results, completions): no .gz beside
    // them, gzip on the fly.
    const index = join(out, 'tim-kiem', 'chi-muc');
    const small = ['d', 'p']
      .flatMap((folder) => readdirSync(join(index, folder)).map((name) => `${folder}/${name}`))
      .find((name) => {
        const size = statSync(join(index, name)).size;
        return name.endsWith('.json') && size >= 1200 && size < 4096;
      });
    assert.ok(small, 'the sample portal has a search index file of 1.2-4 KB');
    const fragments = index;
    assert.ok(!existsSync(join(fragments, `${small}.gz`)), `${small} has a .gz twin`);
    const zipped = await rawGet(`${nginx.origin}/tim-kiem/chi-muc/${small}`, { 'accept-encoding': 'gzip' });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers['content-encoding'], 'gzip', `${small}: not compressed on the fly`);
    assert.ok(gunzipSync(zipped.body).equals(readFileSync(join(fragments, small))), `${small}: wrong body`);
  });
});
