// loa's service worker: the portal keeps working on a weak or absent connection.
// `loa build` writes this file to the site root with the build version and the shell filled
// in; a new build is a new version, so the browser installs it and old shell caches go.
//
// - Pages (HTML): network first. A page the network answers is shown as sent and saved; only
//   when the network fails is the saved copy shown, with a notice "Bạn đang xem bản đã lưu"
//   and the time it was saved.
// - A campaign page lists its guides and contacts in `data-offline-links`: they are saved too.
// - The shell (CSS, JavaScript, icons) is saved at install and served from the cache.
// - Anything else (attachments: PDF, DOCX…, images, feeds, search data) is never intercepted
//   nor saved.
'use strict';

const VERSION = "__LOA_VERSION__";
const SHELL = [] /* __LOA_SHELL__ */;
const SHELL_PATHS = new Set(SHELL);
// The pages' Content-Security-Policy (the `<meta>` of every page), for the offline page.
const PAGE_POLICY = "__LOA_CSP__";
// The offline page is styled by the theme's stylesheet from the shell: no inline style, which
// the policy forbids.
const STYLESHEET = SHELL.find((url) => url.endsWith('/loa.css'));
const SCOPE = new URL(self.registration.scope).pathname;
const PREFIX = `loa:${SCOPE}:`;
const SHELL_CACHE = `${PREFIX}shell:${VERSION}`;
const PAGES_CACHE = `${PREFIX}pages`;
const SAVED_HEADER = 'x-loa-saved';
// Linked pages are fetched again after this long (ms) when a campaign page is opened.
const REFRESH_LINKED = 12 * 60 * 60 * 1000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      .then((cache) =>
        Promise.all(
          SHELL.map((url) =>
            fetch(url, { cache: 'no-cache' })
              .then((response) => (response.ok ? cache.put(url, response) : undefined))
              .catch(() => undefined),
          ),
        ),
      )
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith(`${PREFIX}shell:`) && name !== SHELL_CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim())
      .then(() => self.clients.matchAll({ type: 'window' }))
      // Pages opened before the worker was installed are saved now.
      .then((windows) => Promise.all(windows.map((client) => refresh(client.url, 0)))),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'loa:version' && event.source) event.source.postMessage({ type: 'loa:version', version: VERSION });
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  if (SHELL_PATHS.has(url.pathname)) {
    event.respondWith(fromShell(request));
    return;
  }
  if (request.mode === 'navigate' && isPagePath(url.pathname)) event.respondWith(page(event));
});

// A page URL ends with `/` or `.html`; a download (`/tep/<slug>/the-le.pdf`) does not.
function isPagePath(pathname) {
  const last = pathname.slice(pathname.lastIndexOf('/') + 1);
  return last === '' || last.endsWith('.html');
}

function isHtml(response) {
  return (response.headers.get('content-type') || '').includes('text/html');
}

function key(url) {
  const u = new URL(url);
  u.hash = '';
  return u.href;
}

async function fromShell(request) {
  const cached = await caches.match(request, { cacheName: SHELL_CACHE });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    caches.open(SHELL_CACHE).then((cache) => cache.put(request, copy)).catch(() => undefined);
  }
  return response;
}

async function page(event) {
  const request = event.request;
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const cache = await caches.open(PAGES_CACHE);
    const saved = (await cache.match(key(request.url))) || (await cache.match(key(request.url), { ignoreSearch: true }));
    return saved ? withNotice(saved) : offlinePage(cache);
  }
  if (response.ok && isHtml(response)) {
    event.waitUntil(save(response.url || request.url, response.clone()).catch(() => undefined));
  }
  return response;
}

// Saves a page with the time it was saved; a campaign's guides and contacts come along.
async function save(url, response) {
  const text = await response.text();
  const headers = new Headers({ 'content-type': response.headers.get('content-type') || 'text/html; charset=utf-8' });
  headers.set(SAVED_HEADER, new Date().toISOString());
  const title = /<title>([^<]*)<\/title>/.exec(text);
  if (title) headers.set('x-loa-title', encodeURIComponent(title[1]));
  const cache = await caches.open(PAGES_CACHE);
  await cache.put(key(url), new Response(text, { status: 200, headers }));
  const linked = /\sdata-offline-links="([^"]*)"/.exec(text);
  if (!linked) return;
  const urls = linked[1].split(/\s+/).filter(Boolean).map((link) => new URL(link.replace(/&amp;/g, '&'), url).href);
  await Promise.all(urls.filter((u) => u.startsWith(self.location.origin + SCOPE)).map((u) => refresh(u, REFRESH_LINKED)));
}

// Fetches and saves a page unless a copy younger than `maxAge` ms is saved.
async function refresh(url, maxAge) {
  const u = new URL(url);
  if (!u.pathname.startsWith(SCOPE) || !isPagePath(u.pathname)) return;
  const cache = await caches.open(PAGES_CACHE);
  const saved = await cache.match(key(url));
  const when = saved && Date.parse(saved.headers.get(SAVED_HEADER) || '');
  if (maxAge > 0 && when && Date.now() - when < maxAge) return;
  try {
    const response = await fetch(url, { credentials: 'same-origin' });
    if (response.ok && isHtml(response)) await save(response.url || url, response);
  } catch (offline) {
    // Nothing to save while offline.
  }
}

function pad(n) {
  return String(n).padStart(2, '0');
}

function savedAt(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return ` ngày ${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()} lúc ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function escapeHtml(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

// The saved page with the notice at the top of its main content (styled by the page's own
// stylesheet: `.loa-saved`).
async function withNotice(saved) {
  const text = await saved.text();
  const iso = saved.headers.get(SAVED_HEADER) || '';
  const notice =
    `<p id="loa-ban-da-luu" class="loa-saved" role="status" data-saved="${escapeHtml(iso)}">` +
    `<strong>Bạn đang xem bản đã lưu${savedAt(iso)}.</strong> Không có kết nối mạng; khi có mạng, tải lại trang để xem bản mới nhất.</p>`;
  const main = /<main\b[^>]*>/i.exec(text) || /<body\b[^>]*>/i.exec(text);
  const html = main ? text.slice(0, main.index + main[0].length) + notice + text.slice(main.index + main[0].length) : notice + text;
  return new Response(html, {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', [SAVED_HEADER]: iso },
  });
}

// An unsaved page while offline: say so, and list the pages that are saved.
async function offlinePage(cache) {
  const keys = (await cache.keys()).slice(0, 50);
  const items = await Promise.all(
    keys.map(async (request) => {
      const saved = await cache.match(request);
      let title = new URL(request.url).pathname;
      try {
        title = decodeURIComponent(saved.headers.get('x-loa-title') || '') || title;
      } catch (malformed) {
        // Keep the path.
      }
      return `<li><a href="${escapeHtml(request.url)}">${title}</a></li>`;
    }),
  );
  const html =
    '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(PAGE_POLICY)}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    (STYLESHEET ? `<link rel="stylesheet" href="${escapeHtml(STYLESHEET)}">` : '') +
    '<title>Không có kết nối mạng</title></head><body class="loa-offline-page">' +
    '<h1>Không có kết nối mạng</h1><p>Trang này chưa được lưu trên máy. Khi có mạng, hãy tải lại trang.</p>' +
    (items.length ? `<h2>Các trang đã lưu</h2><ul>${items.join('')}</ul>` : '') +
    `<p><a href="${escapeHtml(SCOPE)}">Về trang chủ</a></p></body></html>`;
  return new Response(html, { status: 503, headers: { 'content-type': 'text/html; charset=utf-8' } });
}
