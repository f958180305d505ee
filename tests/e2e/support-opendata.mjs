// Helpers for opendata.test.mjs and embed.test.mjs: temporary copies of a portal, a loopback
// server that sends the headers of the generated `_headers` file, a server for "host" pages
// of other origins, and small independent checkers (xmllint, RFC 5545 lines, RFC 822 dates).
// Nothing here uses loa's own code: only its built output.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

import { CONTENT_TYPES, IN_CI, REPO } from './helpers.mjs';

export const SITEMAP_XSD = join(REPO, 'node_modules', 'sitemap', 'schema', 'sitemap.xsd');

// ---------------------------------------------------------------------------------------
// Tools

/** null when xmllint works, else a skip reason; throws in CI. */
export function missingXmllint() {
  const r = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
  if (!r.error && r.status === 0) return null;
  const reason = 'missing: xmllint (apt-get install libxml2-utils)';
  if (IN_CI) throw new Error(`${reason} — required in CI (CI=true)`);
  return reason;
}

/** null when every npm package is installed under node_modules, else a skip reason; throws in CI. */
export function missingNodePackages(...names) {
  const missing = names.filter((n) => !existsSync(join(REPO, 'node_modules', n, 'package.json')));
  if (missing.length === 0) return null;
  const reason = `missing npm packages: ${missing.join(', ')} (run npm ci)`;
  if (IN_CI) throw new Error(`${reason} — required in CI (CI=true)`);
  return reason;
}

/** Runs xmllint with args; returns {status, output}. */
export function xmllint(args) {
  const r = spawnSync('xmllint', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`cannot run xmllint: ${r.error.message}`);
  return { status: r.status, output: `${r.stderr}${r.stdout}`.trim() };
}

// ---------------------------------------------------------------------------------------
// Temporary portals

/**
 * Copies a portal's own files (site.yaml, content/, short-links.yaml and, when present,
 * templates/, static/, themes/) to dest, so that a build there writes nothing into the
 * repository. With `allowedOrigins`, the `embed:` block of site.yaml is replaced by one
 * that allows exactly those origins.
 */
export function copyPortal(root, dest, { allowedOrigins } = {}) {
  for (const name of ['site.yaml', 'short-links.yaml', 'content', 'templates', 'static', 'themes']) {
    const from = join(root, name);
    if (existsSync(from)) cpSync(from, join(dest, name), { recursive: true });
  }
  if (allowedOrigins) {
    const file = join(dest, 'site.yaml');
    let yaml = readFileSync(file, 'utf8');
    // Drop an existing top-level `embed:` mapping (up to the next top-level key).
    yaml = yaml.replace(/^embed:[^\n]*\n(?:(?:[ \t][^\n]*|[ \t]*#[^\n]*|[ \t]*)\n)*/m, '');
    if (!yaml.endsWith('\n')) yaml += '\n';
    yaml += `embed:\n  allowed_origins: ${JSON.stringify(allowedOrigins)}\n`;
    writeFileSync(file, yaml);
  }
  return dest;
}

// ---------------------------------------------------------------------------------------
// The `_headers` format (Netlify / Cloudflare Pages): a line with a path pattern, then
// indented `Name: value` lines. A pattern ending in `*` matches every path with that prefix;
// otherwise the match is exact. Every matching rule applies; a header set by several rules
// is joined with ", " (as those hosts do).

export function parseHeadersFile(text) {
  const rules = [];
  let current = null;
  for (const raw of text.split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(raw)) continue;
    if (/^\s/.test(raw)) {
      const m = raw.trim().match(/^([A-Za-z0-9-]+):\s*(.*)$/);
      if (!m || !current) throw new Error(`_headers: cannot read line ${JSON.stringify(raw)}`);
      current.headers.push([m[1], m[2]]);
    } else {
      current = { pattern: raw.trim(), headers: [] };
      rules.push(current);
    }
  }
  return rules;
}

export function headersFor(rules, pathname) {
  const out = new Map();
  for (const rule of rules) {
    const p = rule.pattern;
    const hit = p.endsWith('*') ? pathname.startsWith(p.slice(0, -1)) : pathname === p;
    if (!hit) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      out.set(key, out.has(key) ? `${out.get(key)}, ${value}` : value);
    }
  }
  return Object.fromEntries(out);
}

function listen(server) {
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      ok({
        port,
        origin: `http://127.0.0.1:${port}`,
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * Serves a built portal (mounted at "/") on a free loopback port and sends, with every
 * response, the headers that the portal's own `_headers` file gives for the request path.
 * The folder and `_headers` are read at request time, so the portal may be built after the
 * server has started (its port goes into --base-url). Resolves to {port, origin, url, close,
 * requests: [{path, status, headers}]}.
 */
export async function serveWithHeaders(dir) {
  const root = resolve(dir);
  const requests = [];
  const server = createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400);
      res.end();
      return;
    }
    const headersFile = join(root, '_headers');
    const extra = existsSync(headersFile) ? headersFor(parseHeadersFile(readFileSync(headersFile, 'utf8')), pathname) : {};
    const send = (status, headers, body) => {
      requests.push({ path: pathname, status, headers: { ...extra, ...headers } });
      res.writeHead(status, { ...extra, ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const notFound = () => {
      const page = join(root, '404.html');
      const body = existsSync(page) ? readFileSync(page) : Buffer.from('<!doctype html><title>404</title>');
      send(404, { 'content-type': CONTENT_TYPES['.html'], 'content-length': body.length }, body);
    };
    if (pathname.includes('\0')) return notFound();
    let file = resolve(root, `.${sep}${pathname}`);
    if (file !== root && !file.startsWith(root + sep)) return notFound();
    let st = existsSync(file) ? statSync(file) : null;
    if (st?.isDirectory()) {
      if (!pathname.endsWith('/')) return send(301, { location: `${encodeURI(pathname)}/` }, undefined);
      file = join(file, 'index.html');
      st = existsSync(file) ? statSync(file) : null;
    }
    if (!st?.isFile()) return notFound();
    const body = readFileSync(file);
    const type = CONTENT_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    send(200, { 'content-type': type, 'content-length': body.length, 'cache-control': 'no-store' }, body);
  });
  const handle = await listen(server);
  return { ...handle, requests };
}

/**
 * A "host" site on its own loopback origin: serves the HTML strings in the `pages` map
 * (path → html; may be filled after start), 404 otherwise.
 */
export async function serveHostPages(pages = new Map()) {
  const server = createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    const html = pages.get(pathname);
    if (html == null) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    const body = Buffer.from(html, 'utf8');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(body);
  });
  const handle = await listen(server);
  return { ...handle, pages };
}

// ---------------------------------------------------------------------------------------
// HTML

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function htmlUnescape(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The embed snippets a portal page shows: [{summary, code}] with `code` HTML-unescaped. */
export function embedSnippets(html) {
  const out = [];
  const re = /<details class="embed-snippet">([\s\S]*?)<\/details>/g;
  for (const m of html.matchAll(re)) {
    const code = m[1].match(/<pre><code>([\s\S]*?)<\/code><\/pre>/);
    const summary = m[1].match(/<summary>([\s\S]*?)<\/summary>/);
    if (code) out.push({ summary: htmlUnescape(summary?.[1] ?? ''), code: htmlUnescape(code[1]) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// RFC 5545 content lines (checked on the raw bytes, not through a parser)

/**
 * Checks the physical lines of an iCalendar file: every line ends with CRLF (no bare CR or
 * LF), none is longer than 75 octets without its CRLF, every physical line is valid UTF-8 on
 * its own (folding never splits a character), continuation lines start with a space or tab.
 * Returns {problems: [string], lines: [unfolded content line]}.
 */
export function checkIcsLines(buf) {
  const problems = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  if (buf.length < 2 || buf[buf.length - 2] !== 0x0d || buf[buf.length - 1] !== 0x0a) {
    problems.push('the file does not end with CRLF');
  }
  const physical = [];
  let start = 0;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === 0x0a) {
      if (i === 0 || buf[i - 1] !== 0x0d) problems.push(`line ${physical.length + 1}: bare LF (no CR before it)`);
      physical.push(buf.subarray(start, buf[i - 1] === 0x0d ? i - 1 : i));
      start = i + 1;
    } else if (buf[i] === 0x0d && buf[i + 1] !== 0x0a) {
      problems.push(`line ${physical.length + 1}: bare CR`);
    }
  }
  if (start < buf.length) physical.push(buf.subarray(start));
  const lines = [];
  physical.forEach((bytes, n) => {
    let text;
    try {
      text = decoder.decode(bytes);
    } catch {
      problems.push(`line ${n + 1}: not valid UTF-8 on its own (folded inside a character?)`);
      text = new TextDecoder().decode(bytes);
    }
    if (bytes.length > 75) problems.push(`line ${n + 1}: ${bytes.length} octets (max 75): ${text.slice(0, 60)}…`);
    if (text === '') {
      problems.push(`line ${n + 1}: empty line`);
      return;
    }
    if (text[0] === ' ' || text[0] === '\t') {
      if (lines.length === 0) problems.push(`line ${n + 1}: continuation line at the start of the file`);
      else lines[lines.length - 1] += text.slice(1);
    } else {
      lines.push(text);
    }
  });
  for (const l of lines) {
    if (!/^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"]*"|[^";:,]*)(,("[^"]*"|[^";:,]*))*)*:/.test(l)) {
      problems.push(`not a content line (name *(";" param) ":" value): ${l.slice(0, 80)}`);
    }
  }
  return { problems, lines };
}

// ---------------------------------------------------------------------------------------
// Dates

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ZONES = { UT: 0, GMT: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };

/**
 * Parses an RFC 822 date-time (with the 4-digit year of RFC 1123, as RSS 2.0 asks):
 * `[Day, ]DD Mon YYYY HH:MM[:SS] zone`. Returns a Date, or throws with the reason; the day
 * name, when present, must match the date.
 */
export function parseRfc822(s) {
  const m = s.match(
    /^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2})(?::(\d{2}))? ([+-]\d{4}|UT|GMT|[ECMP][SD]T|[A-IK-Z])$/,
  );
  if (!m) throw new Error(`not an RFC 822 date-time: ${JSON.stringify(s)}`);
  const [, dayName, dd, mon, yyyy, hh, mi, ss = '00', zone] = m;
  const [day, hour, minute, second] = [dd, hh, mi, ss].map(Number);
  const month = MONTHS.indexOf(mon);
  if (hour > 23 || minute > 59 || second > 60) throw new Error(`time out of range: ${s}`);
  const probe = new Date(Date.UTC(Number(yyyy), month, day));
  if (probe.getUTCDate() !== day) throw new Error(`no such day: ${s}`);
  if (dayName && DAYS[probe.getUTCDay()] !== dayName) {
    throw new Error(`${s}: the day name is ${dayName} but that date is a ${DAYS[probe.getUTCDay()]}`);
  }
  let offset;
  if (/^[+-]\d{4}$/.test(zone)) {
    offset = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
    if (Number(zone.slice(3)) > 59) throw new Error(`bad zone: ${s}`);
  } else if (zone in ZONES) offset = ZONES[zone];
  else offset = 0; // military zones: RFC 1123 says treat as unknown (-0000)
  return new Date(Date.UTC(Number(yyyy), month, day, hour, minute, second) - offset * 60_000);
}

/** RFC 3339 date-time (as Atom requires); returns a Date or throws. */
export function parseRfc3339(s) {
  const m = s.match(/^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/);
  if (!m) throw new Error(`not an RFC 3339 date-time: ${JSON.stringify(s)}`);
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) throw new Error(`invalid date-time: ${s}`);
  const probe = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (probe.getUTCDate() !== Number(m[3])) throw new Error(`no such day: ${s}`);
  return d;
}

/** "2024-06" / "2024-06-10" / "2024" → [first day, last day] as "YYYYMMDD" strings. */
export function partialDateRange(s) {
  const m = s.match(/^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/);
  if (!m) throw new Error(`not a (partial) date: ${s}`);
  const y = Number(m[1]);
  const first = new Date(Date.UTC(y, m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1));
  let last;
  if (m[3]) last = first;
  else if (m[2]) last = new Date(Date.UTC(y, Number(m[2]), 0));
  else last = new Date(Date.UTC(y, 11, 31));
  return [compactDate(first), compactDate(last)];
}

export function compactDate(d) {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

/** "YYYYMMDD" + n days. */
export function addDays(yyyymmdd, n) {
  const d = new Date(Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8)) + n));
  return compactDate(d);
}

// ---------------------------------------------------------------------------------------
// nginx (Debian's `nginx` package), run in the foreground on a loopback port

export const NGINX = process.env.NGINX || ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p)) || 'nginx';

/** null when nginx runs, else a skip reason; throws in CI. */
export function missingNginx() {
  const r = spawnSync(NGINX, ['-v'], { encoding: 'utf8' });
  if (!r.error && r.status === 0) return null;
  const reason = `missing: nginx (${NGINX}; apt-get install nginx)`;
  if (IN_CI) throw new Error(`${reason} — required in CI (CI=true)`);
  return reason;
}

async function freePort() {
  const server = createServer();
  const { port, close } = await listen(server);
  await close();
  return port;
}

/**
 * Writes a minimal nginx.conf under `prefix` whose one server has root = `root` and includes
 * `include` inside its `server { }` block, checks it with `nginx -t`, then runs nginx in the
 * foreground on a free loopback port. Resolves to {origin, url, stop(), test: nginx -t output}.
 */
export async function startNginx({ root, include, prefix }) {
  const port = await freePort();
  for (const d of ['logs', 'tmp']) mkdirSync(join(prefix, d), { recursive: true });
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(
    conf,
    `${asRoot ? 'user root;\n' : ''}daemon off;
master_process off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'logs', 'error.log')} warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${join(prefix, 'tmp', 'body')};
  proxy_temp_path ${join(prefix, 'tmp', 'proxy')};
  fastcgi_temp_path ${join(prefix, 'tmp', 'fastcgi')};
  uwsgi_temp_path ${join(prefix, 'tmp', 'uwsgi')};
  scgi_temp_path ${join(prefix, 'tmp', 'scgi')};
  types { text/html html; text/css css; text/javascript js; application/json json; application/xml xml; text/calendar ics; image/svg+xml svg; image/png png; application/pdf pdf; }
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:${port};
    server_name localhost;
    root ${root};
    index index.html;
    error_page 404 /404.html;
    include ${include};
  }
}
`,
  );
  const t = spawnSync(NGINX, ['-t', '-p', prefix, '-c', conf], { encoding: 'utf8' });
  const testOutput = `${t.stderr}${t.stdout}`.trim();
  if (t.status !== 0) throw new Error(`nginx -t rejects the configuration that includes ${include}:\n${testOutput}`);
  const child = spawn(NGINX, ['-p', prefix, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
    try {
      await fetch(`${origin}/`, { redirect: 'manual' });
      break;
    } catch {
      if (Date.now() > deadline) {
        child.kill('SIGTERM');
        throw new Error(`nginx did not answer on ${origin}: ${stderr}`);
      }
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
  return {
    origin,
    url: `${origin}/`,
    test: testOutput,
    stop: () =>
      new Promise((ok) => {
        if (child.exitCode !== null) return ok();
        child.once('exit', () => ok());
        child.kill('SIGQUIT');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

/** Short codes of a portal's short-links.yaml: Map CODE → target path (`retired:` wins over `url:`). */
export function shortLinkTargets(root) {
  const codes = new Map();
  let code = null;
  let entry = null;
  const file = join(root, 'short-links.yaml');
  if (!existsSync(file)) return codes;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const top = line.match(/^([A-Za-z0-9_-]+):\s*$/);
    if (top) {
      code = top[1];
      entry = {};
      codes.set(code, entry);
      continue;
    }
    const field = line.match(/^\s+(url|retired):\s*["']?([^"'\s#]+)/);
    if (field && entry) entry[field[1]] = field[2];
  }
  return new Map([...codes].filter(([, e]) => e.retired || e.url).map(([c, e]) => [c, e.retired ?? e.url]));
}
