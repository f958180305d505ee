// Shared machinery for the browser quality gate: building the site with the loa binary,
// serving the output on loopback, launching Debian's chromium through playwright-core and
// recording what goes wrong on each page.
//
// Environment:
//   LOA_BIN          path to the loa binary (default target/release/loa, relative to the repo)
//   E2E_SITE_ROOT    portal to build (default: the repository root, i.e. the sample portal)
//   CHROMIUM_PATH    path to chromium (default /usr/bin/chromium)
//   CI=true          a missing browser, java, poppler tool or zbarimg fails the suite instead
//                    of skipping

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_DIR = join(REPO, 'tests', 'e2e');
export const ARTIFACTS = join(E2E_DIR, 'artifacts');
export const IN_CI = process.env.CI === 'true';
export const LOA_BIN = resolve(REPO, process.env.LOA_BIN || 'target/release/loa');
/** loa's messages are Vietnamese by default; the tests read its English ones. */
export const ENGLISH = { ...process.env, LC_ALL: 'en_US.UTF-8' };
// The portal under test (default: the sample portal at the repository root).
export const SITE_ROOT = resolve(REPO, process.env.E2E_SITE_ROOT || '.');
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const JAVA = process.env.JAVA || 'java';
export const VNU_JAR = join(REPO, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
export const AXE_JS = join(REPO, 'node_modules', 'axe-core', 'axe.min.js');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------
// Tools: a missing tool skips locally and fails in CI.

function commandWorks(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return !r.error && r.status === 0;
}

/**
 * Whether a suite runs: `skip` (a reason) when a tool is missing here, or `toolError` when
 * CI must have it (thrown in the suite's `before`, so CI fails loudly).
 */
export function toolCheck(...tools) {
  try {
    return { skip: missingTools(...tools) ?? false, toolError: null };
  } catch (error) {
    return { skip: false, toolError: error };
  }
}

/**
 * Returns null when every named tool is present, otherwise a reason string. In CI a missing
 * tool throws (so the test fails) instead of returning a skip reason.
 */
export function missingTools(...tools) {
  const missing = [];
  for (const tool of tools) {
    switch (tool) {
      case 'loa':
        if (!existsSync(LOA_BIN)) missing.push(`loa binary (${LOA_BIN}; set LOA_BIN)`);
        break;
      case 'chromium':
        if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM}; apt-get install chromium)`);
        break;
      case 'java':
        if (!commandWorks(JAVA, ['-version'])) missing.push(`java (${JAVA}; apt-get install default-jre-headless)`);
        break;
      case 'vnu':
        if (!existsSync(VNU_JAR)) missing.push(`vnu.jar (${VNU_JAR}; run npm ci)`);
        break;
      case 'axe':
        if (!existsSync(AXE_JS)) missing.push(`axe-core (${AXE_JS}; run npm ci)`);
        break;
      case 'pdftotext':
      case 'pdfinfo':
      case 'pdftoppm':
        if (!commandWorks(tool, ['-v'])) missing.push(`${tool} (apt-get install poppler-utils)`);
        break;
      case 'zbarimg':
        if (!commandWorks('zbarimg', ['--version'])) missing.push('zbarimg (apt-get install zbar-tools)');
        break;
      default:
        throw new Error(`unknown tool ${tool}`);
    }
  }
  if (missing.length === 0) return null;
  const reason = `missing: ${missing.join(', ')}`;
  if (IN_CI) throw new Error(`${reason} — required in CI (CI=true)`);
  return reason;
}

// ---------------------------------------------------------------------------------------
// Building

export function tempDir(prefix = 'loa-e2e-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `loa build` and returns the output folder. Throws with loa's stderr on failure. */
export function buildSite({ root = SITE_ROOT, out = join(tempDir(), 'public'), baseUrl } = {}) {
  const args = ['build', '--root', root, '--out', out];
  if (baseUrl) args.push('--base-url', baseUrl);
  args.push('--quiet');
  const r = spawnSync(LOA_BIN, args, { encoding: 'utf8', cwd: REPO, maxBuffer: 64 << 20, env: ENGLISH });
  if (r.error) throw new Error(`cannot run ${LOA_BIN}: ${r.error.message}`);
  if (r.status !== 0) {
    throw new Error(
      `${LOA_BIN} ${args.join(' ')} exited with ${r.status}\n${r.stderr}${r.stdout}`.trimEnd(),
    );
  }
  return out;
}

/** Runs loa with arbitrary arguments and returns {status, stdout, stderr}. */
export function runLoa(args, { cwd = SITE_ROOT } = {}) {
  const r = spawnSync(LOA_BIN, args, { encoding: 'utf8', cwd, maxBuffer: 64 << 20, env: ENGLISH });
  if (r.error) throw new Error(`cannot run ${LOA_BIN}: ${r.error.message}`);
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under dir (recursively) whose name ends with one of exts; sorted, absolute. */
export function listFiles(dir, exts) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!exts || exts.some((x) => e.name.endsWith(x))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/** Sub-folders of dir that contain an index.html, sorted by name. */
export function pageDirs(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'index.html')))
    .map((e) => e.name)
    .sort();
}

/** The base_url of a portal, read from its site.yaml (null when absent). */
export function siteBaseUrl(root = SITE_ROOT) {
  const f = join(root, 'site.yaml');
  if (!existsSync(f)) return null;
  const m = readFileSync(f, 'utf8').match(/^base_url:\s*["']?([^\s"'#]+)/m);
  return m ? m[1] : null;
}

/** The path part of a base URL, always with leading and trailing slash ("/" or "/thidua/"). */
export function basePath(baseUrl) {
  if (!baseUrl) return '/';
  let p = new URL(baseUrl).pathname;
  if (!p.endsWith('/')) p += '/';
  return p;
}

// ---------------------------------------------------------------------------------------
// Page discovery

export const LIST_FOLDERS = new Set(['nam', 'co-quan', 'loai']);
export const NOT_FOUND_PATH = 'khong-ton-tai-e2e/';

/**
 * Finds one page of each kind in a built output folder. Returns {kind: path-or-Error}, where
 * path is relative to the site root ('' is the home page).
 */
export function discoverPages(out) {
  const found = {};
  const missing = (what) => new Error(`no ${what} found in the build output ${out}`);

  found.home = existsSync(join(out, 'index.html')) ? '' : missing('index.html (home page)');

  const campaigns = pageDirs(join(out, 'phong-trao'));
  found.campaign = campaigns.length ? `phong-trao/${campaigns[0]}/` : missing('phong-trao/*/index.html');

  const directives = pageDirs(join(out, 'van-ban')).filter((d) => !LIST_FOLDERS.has(d));
  const withFields = directives.find((d) =>
    readFileSync(join(out, 'van-ban', d, 'index.html'), 'utf8').includes('data-field="number"'),
  );
  const directive = withFields ?? directives[0];
  found.directive = directive ? `van-ban/${directive}/` : missing('van-ban/*/index.html (directive page)');

  const attachments = pageDirs(join(out, 'tep'));
  // A shared attachment's page; else the list of files (a page bundle's files have no page).
  found.attachment = attachments.length
    ? `tep/${attachments[0]}/`
    : existsSync(join(out, 'tep', 'index.html'))
      ? 'tep/'
      : missing('tep/*/index.html or tep/index.html');

  const contacts = pageDirs(join(out, 'lien-he'));
  const isPerson = (d) => {
    const dir = join(out, 'lien-he', d);
    if (readdirSync(dir).some((f) => f.endsWith('.vcf'))) return true;
    if (existsSync(join(out, 'lien-he', `${d}.vcf`))) return true;
    return readFileSync(join(dir, 'index.html'), 'utf8').includes(`${d}.vcf`);
  };
  const people = contacts.filter(isPerson);
  const orgs = contacts.filter((d) => !people.includes(d));
  found.person = people.length ? `lien-he/${people[0]}/` : missing('lien-he/*/ person page (one with a .vcf)');
  found.organization = orgs.length ? `lien-he/${orgs[0]}/` : missing('lien-he/*/ organization page');

  if (existsSync(join(out, 'van-ban', 'index.html'))) found.list = 'van-ban/';
  else if (existsSync(join(out, 'phong-trao', 'index.html'))) found.list = 'phong-trao/';
  else found.list = missing('list page (van-ban/index.html)');

  found['404'] = existsSync(join(out, '404.html')) ? NOT_FOUND_PATH : missing('404.html');
  return found;
}

// ---------------------------------------------------------------------------------------
// Serving

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.vcf': 'text/vcard; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
};

/**
 * Serves `dir` on 127.0.0.1 (a free port) under `mount` ("/" or e.g. "/thidua/").
 * `/x/` maps to `/x/index.html`; `/x` (a folder) redirects to `/x/`; anything missing (or
 * outside the mount) gets `404.html` from the output root with status 404.
 * Files are read at request time, so the folder may be filled after the server starts.
 * Resolves to {origin, url, port, close(), requests} where url = origin + mount.
 */
export async function serve(dir, { mount = '/' } = {}) {
  if (!mount.startsWith('/')) mount = `/${mount}`;
  if (!mount.endsWith('/')) mount += '/';
  const root = resolve(dir);
  const requests = [];

  const notFound = (res, method) => {
    const page = join(root, '404.html');
    const body = existsSync(page) ? readFileSync(page) : Buffer.from('<!doctype html><title>404</title>');
    res.writeHead(404, { 'content-type': CONTENT_TYPES['.html'], 'content-length': body.length });
    res.end(method === 'HEAD' ? undefined : body);
  };

  const server = createServer((req, res) => {
    const method = req.method || 'GET';
    requests.push(req.url);
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    if (pathname === mount.slice(0, -1)) {
      res.writeHead(301, { location: mount });
      res.end();
      return;
    }
    if (!pathname.startsWith(mount) || pathname.includes('\0')) return notFound(res, method);
    const rel = pathname.slice(mount.length);
    let file = resolve(root, `.${sep}${rel}`);
    if (file !== root && !file.startsWith(root + sep)) return notFound(res, method);
    let st = existsSync(file) ? statSync(file) : null;
    if (st && st.isDirectory()) {
      if (!pathname.endsWith('/')) {
        const q = req.url.includes('?') ? req.url.slice(req.url.indexOf('?')) : '';
        res.writeHead(301, { location: encodeURI(pathname + '/') + q });
        res.end();
        return;
      }
      file = join(file, 'index.html');
      st = existsSync(file) ? statSync(file) : null;
    }
    if (!st || !st.isFile()) return notFound(res, method);
    const body = readFileSync(file);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(method === 'HEAD' ? undefined : body);
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address();
  const origin = `http://127.0.0.1:${port}`;
  return {
    port,
    origin,
    url: origin + mount,
    mount,
    requests,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

// ---------------------------------------------------------------------------------------
// Browser

/**
 * The sample portal built for a server that mounts it at /thidua/ (the base URL carries
 * the server's port, so the server starts first; it reads files per request).
 * Returns {work, out, server}; `cleanup(work)` and `server.close()` when done.
 */
export async function subPathSite() {
  const work = tempDir();
  const out = join(work, 'public');
  mkdirSync(out, { recursive: true });
  const server = await serve(out, { mount: '/thidua/' });
  buildSite({ root: SITE_ROOT, out, baseUrl: server.url });
  return { work, out, server };
}

/**
 * Registers a suite's hooks for the sample portal built under /thidua/, served locally, with
 * a browser: `ready` receives {out, server, browser} before the tests; all is closed and
 * removed after them. `toolError()` is thrown first when a tool was found broken.
 */
export function withSubPathSite(toolError, ready) {
  let site = {};
  before(async () => {
    const error = toolError();
    if (error) throw error;
    site = await subPathSite();
    site.browser = await launchBrowser();
    ready(site);
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
    cleanup(site.work);
  });
}

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

let axeSource;
/** A browser context with axe-core injected into every page. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  axeSource ??= readFileSync(AXE_JS, 'utf8');
  await context.addInitScript({ content: axeSource });
  return context;
}

/**
 * Attaches recorders to a page: console errors, uncaught page errors, failed requests and
 * responses with status >= 400. Returns the live record object.
 */
export function recordProblems(page) {
  const rec = { consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      rec.consoleErrors.push({ text: msg.text(), url: loc?.url || '' });
    }
  });
  page.on('pageerror', (err) => rec.pageErrors.push(String(err?.message || err)));
  page.on('requestfailed', (req) =>
    rec.failedRequests.push({ url: req.url(), error: req.failure()?.errorText || 'failed' }),
  );
  page.on('response', (resp) => {
    if (resp.status() >= 400) rec.badResponses.push({ url: resp.url(), status: resp.status() });
  });
  return rec;
}

/** Opens url in a fresh page of context, recording problems. Returns {page, rec, response}. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const rec = recordProblems(page);
  const response = await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  // Let late requests (lazy images, fonts, scripts) settle, without waiting forever.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  return { page, rec, response };
}

/** Human-readable lines for everything recorded, optionally ignoring a URL (e.g. the 404 page). */
export function problemLines(rec, { ignoreUrl } = {}) {
  const lines = [];
  for (const e of rec.consoleErrors) {
    if (ignoreUrl && e.url === ignoreUrl && /Failed to load resource/.test(e.text)) continue;
    lines.push(`console error: ${e.text}${e.url ? ` (${e.url})` : ''}`);
  }
  for (const e of rec.pageErrors) lines.push(`uncaught error: ${e}`);
  for (const r of rec.failedRequests) lines.push(`request failed: ${r.url} (${r.error})`);
  for (const r of rec.badResponses) {
    if (ignoreUrl && r.url === ignoreUrl) continue;
    lines.push(`HTTP ${r.status}: ${r.url}`);
  }
  return lines;
}

/**
 * Runs axe-core (injected by newContext) on the page and returns every violation as
 * {id, impact, help, nodes: [{target, summary}]}.
 */
export async function runAxe(page) {
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    if (typeof axe === 'undefined') throw new Error('axe-core is not loaded: open the page in a context from newContext()');
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
}

/** axe violations with impact serious or critical; `.all` holds every violation. */
export async function axeSerious(page) {
  const result = await runAxe(page);
  const serious = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  serious.all = result;
  return serious;
}

/** One-line summary of all axe violations by impact, e.g. "axe: 0 critical, 0 serious, 1 moderate (region)". */
export function axeSummary(all) {
  const by = {};
  for (const v of all) (by[v.impact ?? 'unknown'] ??= []).push(v.id);
  const parts = ['critical', 'serious', 'moderate', 'minor']
    .map((i) => `${(by[i] ?? []).length} ${i}${by[i]?.length ? ` (${by[i].join(', ')})` : ''}`);
  return `axe: ${parts.join(', ')}`;
}

export function formatAxe(url, violations) {
  const lines = [`${violations.length} serious/critical axe violation(s) on ${url}:`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help}`);
    for (const n of v.nodes.slice(0, 8)) {
      lines.push(`      ${n.target}`);
      if (n.summary) lines.push(`        ${n.summary.replace(/\n/g, '\n        ')}`);
    }
    if (v.nodes.length > 8) lines.push(`      … and ${v.nodes.length - 8} more node(s)`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------
// Nu Html Checker

/** Runs vnu.jar once over files; resolves to its JSON messages. */
export function runVnu(files, extraArgs = []) {
  const args = ['-Xss4m', '-jar', VNU_JAR, '--format', 'json', '--stdout', '--exit-zero-always', ...extraArgs, ...files];
  return new Promise((ok, fail) => {
    const child = spawn(JAVA, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => stderr.push(d));
    child.on('error', fail);
    child.on('close', (code) => {
      const text = Buffer.concat(stdout).toString('utf8');
      if (code !== 0) return fail(new Error(`vnu exited with ${code}: ${Buffer.concat(stderr).toString('utf8')}`));
      try {
        ok(JSON.parse(text).messages ?? []);
      } catch (e) {
        fail(new Error(`cannot parse vnu output (${e.message}): ${text.slice(0, 500)}`));
      }
    });
  });
}

const VNU_BATCH = 150;

/**
 * Runs vnu over files in batches. Returns {errors: [line], warnings: count}; each error line
 * reads "path/relative/to/out:line:col: message  [extract]".
 */
export async function vnuCheck(out, files, extraArgs = []) {
  const errors = [];
  let warnings = 0;
  for (let i = 0; i < files.length; i += VNU_BATCH) {
    const messages = await runVnu(files.slice(i, i + VNU_BATCH), extraArgs);
    for (const m of messages) {
      const isError = m.type === 'error' || m.type === 'non-document-error' || m.subType === 'fatal';
      if (!isError) {
        if (m.subType === 'warning') warnings++;
        continue;
      }
      let file = m.url ?? '?';
      try {
        if (file.startsWith('file:')) file = rel(out, fileURLToPath(file));
      } catch {
        /* keep the URL */
      }
      const line = m.firstLine ?? m.lastLine ?? 0;
      const col = m.firstColumn ?? m.lastColumn ?? 0;
      const extract = m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim().slice(0, 100)}]` : '';
      errors.push(`${file}:${line}:${col}: ${m.message}${extract}`);
    }
  }
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------
// PDF and QR codes (poppler-utils, zbar-tools)

export const PAPER_PT = { A4: [595.28, 841.89], A5: [419.53, 595.28] };

/** pdfinfo of a PDF file: {pages, width, height} in points (throws when unreadable). */
export function pdfInfo(file) {
  const r = spawnSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = r.stdout?.match(/Page size:\s+([\d.]+) x ([\d.]+) pts/);
  const pages = r.stdout?.match(/^Pages:\s+(\d+)/m);
  if (r.status !== 0 || !size || !pages) {
    throw new Error(`pdfinfo could not read ${file} (exit ${r.status}): ${r.stderr}${r.stdout}`);
  }
  return { pages: Number(pages[1]), width: Number(size[1]), height: Number(size[2]) };
}

/** True when (width, height) is the named paper size (portrait) within `tolerance` points. */
export function isPaper(info, name, tolerance = 3) {
  const [w, h] = PAPER_PT[name];
  return Math.abs(info.width - w) < tolerance && Math.abs(info.height - h) < tolerance;
}

/** Rasterizes every page of a PDF with pdftoppm; returns the PNG files, in page order. */
export function rasterizePdf(file, prefix, dpi = 150) {
  const r = spawnSync('pdftoppm', ['-r', String(dpi), '-png', file, prefix], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm ${file} failed (exit ${r.status}): ${r.stderr}`);
  const dir = dirname(prefix);
  const base = prefix.slice(dir.length + 1);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => join(dir, f));
}

/**
 * Decodes the barcodes in an image with zbarimg. Returns the decoded texts (empty when
 * nothing was found: zbarimg exits 4); throws on any other failure.
 */
export function zbarDecode(file) {
  const r = spawnSync('zbarimg', ['--nodbus', '-q', '--raw', file], { encoding: 'utf8' });
  if (r.status === 4) return [];
  if (r.status !== 0) throw new Error(`zbarimg ${file} failed (exit ${r.status}): ${r.stderr}`);
  return r.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/**
 * The short-link registry of a portal (short-links.yaml, written by `loa build`), read with a
 * small parser for its flat two-level layout: {CODE: {page, title, url, retired, …}}.
 */
export function readShortLinks(root = SITE_ROOT) {
  const f = join(root, 'short-links.yaml');
  if (!existsSync(f)) return {};
  const codes = {};
  let current = null;
  for (const line of readFileSync(f, 'utf8').split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const top = line.match(/^([^\s:#][^:]*):\s*$/);
    if (top) {
      current = codes[top[1].trim().replace(/^["']|["']$/g, '')] = {};
      continue;
    }
    const field = line.match(/^\s+([\w-]+):\s*(.*)$/);
    if (field && current) {
      let v = field[2].trim();
      if (/^".*"$/.test(v)) v = JSON.parse(v);
      else if (/^'.*'$/.test(v)) v = v.slice(1, -1).replace(/''/g, "'");
      current[field[1]] = v;
    }
  }
  return codes;
}

/** Runs async fn over items with at most `limit` in flight. */
export async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export function cleanup(...dirs) {
  for (const d of dirs) if (d) rmSync(d, { recursive: true, force: true });
}

export function rel(root, file) {
  return relative(root, file).split(sep).join('/');
}
