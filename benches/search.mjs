#!/usr/bin/env node
// Static search benchmark: loa's index (tim-kiem/chi-muc/, read by loa-search.js) against
// Pagefind 1.x on the same built site. Results: benches/README-search.md.
//
//   node benches/search.mjs <built-site-dir> [--pagefind <binary | folder with node_modules/pagefind | npx>]
//        [--corpus <loa portal>] [--loa <loa binary>] [--runs 3] [--queries "thi dua,thi đua,…"]
//        [--pagefind-configs default,main] [--profiles local,slow4g] [--modes link,typed]
//        [--json <file>] [--keep]
//   node benches/search.mjs --from-json <file>      # print the tables of a saved --json run again
//
// --corpus DIR   build DIR with `LOA_TIMINGS=1 loa build --root DIR --out <built-site-dir> --quiet`
//                `runs` times (runs 2.. into <built-site-dir>.runN, deleted at the end) under
//                /usr/bin/time -v: wall time, peak RSS and the `search index built in` /
//                `pages rendered in` stage timings (both measured from the start of the render
//                stage, where the index is built in parallel with the pages). Without it the
//                site is measured as it is and the build row is left out.
// --pagefind X   index the site with Pagefind `runs` times per configuration, timed by
//                /usr/bin/time -v: "default" (as installed: `--output-subdir pagefind`) and
//                "main" (`--root-selector main`, as a theme marking <main data-pagefind-body>
//                would; into `pagefind-main`). X is the pagefind binary, a folder where
//                `npm install pagefind@1` was run (its platform binary is used), or `npx`
//                (`npx --yes pagefind@1`). Without it, bundles already in the site are queried;
//                when there is none, one is built with a Pagefind found on the PATH or where
//                `npm install pagefind@1` was run (this repository, /tmp/pagefind-bench), else
//                the run stops and says how to get one. `--pagefind none`: loa alone.
// --pagefind-configs  which of "default" and "main" to build and query (both by default).
// --queries      replaces the README's 26 queries. The output starts with the README's tables
//                (per query: requests and gzip KB before the first results, ms per profile,
//                loa beside each Pagefind bundle; then the ranges).
//
// Browser part (Debian's chromium via playwright-core, launch arguments from
// tests/e2e/helpers.mjs): for every query and run, a fresh browser context (empty cache):
//   loa: opens /tim-kiem/?q=<query> and waits until #search-results has data-ms for it;
//        data-ms is search start → 20 results shown, and navigation start → first <li> is
//        taken by a MutationObserver.
//   Pagefind: opens /pf-bench.html?q=<query>&b=<bundle>, a page written into the site that
//        imports /<bundle>/pagefind.js, init(), search(q) and loads data() of the first 20
//        results; the time from import to the 20th data() and navigation start → done.
// Two modes (--modes, both by default), each a column of the tables:
//   link:  the query is in the address (/tim-kiem/?q=…, a shared link): the search starts
//          while the page is still loading, and shares its main thread with the page's first
//          layout and scripts;
//   typed: the page is opened without a query and left until the network is idle (500 ms
//          without a request: the service worker has installed), then the query is put in the
//          box and the form submitted; ms = submit → 20 results shown (data-ms), and requests
//          count from the submit. Pagefind: its page imports pagefind.js and runs init() on
//          load, then search(q) → 20th data() is timed.
// The instrument keeps out of what it measures: the site is served by another process
// (Debian's nginx, `gzip_static on` for a file's .gz twin and `gzip on` at level 6 for other
// text, as loa-nginx.conf; without nginx, this script with `--serve` in a child process); the
// page says on its console when it is done (nothing is evaluated in it while it runs); the
// requests are read from the page's Resource Timing entries afterwards (start and end, bytes
// as sent) and their sizes from the files on disk (nothing fetched over CDP during the run).
// Network profiles (--profiles, default "local,slow4g"): "local" is loopback as is;
// "slow4g" is Chromium's network emulation over CDP (Network.emulateNetworkConditions:
// 400 kbit/s down and up, 400 ms round trip), per page.
// "requests" and "KB wire" count what was requested before the first result was shown (loa) or
// before the 20th data() resolved (Pagefind), with the bytes as the server sent them
// (Resource Timing's encodedBodySize).
// Times are medians over the runs; the machine's load average is printed with the results.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';

import { CHROMIUM, CHROMIUM_ARGS, CONTENT_TYPES } from '../tests/e2e/helpers.mjs';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const LOA_INDEX = 'tim-kiem/chi-muc';
// The README's queries: one, two, three and four words, with and without marks, frequent
// words that rarely stand together, document numbers found and unknown, Telex, a typo.
const DEFAULT_QUERIES = [
  'thi', 'ubnd', 'thi dua', 'thi đua', 'nong nghiep', 'sang tao', 'sáng tạo', 'khen thuong', 'van ban', 'xa hoi',
  'cai tien', 'can cu', 'hop bao', 'moi phu', 'tin hoc tre', 'phong trao thi', 'chuyen doi so', 'nong thon moi',
  'dan van kheo', '301/QĐ-UBND', '301 QD UBND', '45/KH-UBND', '45 KH UBND', 'hooij thi', 'khen thuonh',
  'sang tao ky thuat',
];
const PAGEFIND_CONFIGS = [
  { name: 'default', dir: 'pagefind', args: [] },
  { name: 'main', dir: 'pagefind-main', args: ['--root-selector', 'main'] },
];

// ---------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const opts = {
    runs: 3,
    queries: DEFAULT_QUERIES,
    keep: false,
    loa: join(REPO, 'target/release/loa'),
    profiles: ['local', 'slow4g'],
    modes: ['link', 'typed'],
    configs: PAGEFIND_CONFIGS.map((c) => c.name),
  };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--pagefind') opts.pagefind = value();
    else if (a === '--corpus') opts.corpus = resolve(value());
    else if (a === '--loa') opts.loa = resolve(value());
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--queries') opts.queries = value().split(',').map((q) => q.trim()).filter(Boolean);
    else if (a === '--json') opts.json = resolve(value());
    else if (a === '--from-json') opts.fromJson = resolve(value());
    else if (a === '--keep') opts.keep = true;
    else if (a === '--pagefind-configs') opts.configs = value().split(',').map((c) => c.trim());
    else if (a === '--profiles') opts.profiles = value().split(',').map((p) => p.trim()).filter((p) => p in PROFILES);
    else if (a === '--modes') opts.modes = value().split(',').map((m) => m.trim()).filter((m) => MODES.includes(m));
    else if (a === '-h' || a === '--help') {
      const header = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n');
      console.log(header.slice(1, header.findIndex((line) => line.startsWith('import '))).join('\n'));
      process.exit(0);
    } else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else rest.push(a);
  }
  if (opts.fromJson && rest.length === 0) return opts;
  if (rest.length !== 1) throw new Error('usage: node benches/search.mjs <built-site-dir> [--pagefind X] [--corpus DIR] …');
  opts.site = resolve(rest[0]);
  if (!(opts.runs >= 1)) throw new Error('--runs must be at least 1');
  return opts;
}

/** How the query reaches the page (see the header). */
const MODES = ['link', 'typed'];

/** What each query is measured under: every network profile in every mode, as "local",
 * "slow4g", "local/typed", "slow4g/typed" (a run saved before the modes: its profiles). */
function conditionsOf(opts) {
  return (opts.modes || ['link']).flatMap((mode) => opts.profiles.map((p) => (mode === 'link' ? p : `${p}/${mode}`)));
}

/** A condition's network profile and mode. */
function splitCondition(condition) {
  const [profile, mode = 'link'] = condition.split('/');
  return { profile, mode };
}

/** Network profiles: null is loopback as is. */
export const PROFILES = {
  local: null,
  slow4g: { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 },
};

/** Applies a network profile to a page (CDP). */
export async function emulate(page, profile) {
  const conditions = PROFILES[profile];
  if (!conditions) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', conditions);
}

const COMPRESSIBLE = /\.(html|json|js|mjs|css|xml|svg|txt|bin)$/;

/**
 * Serves `root` on 127.0.0.1 with gzip from another process, so that serving takes no time
 * from the process that drives the browser: Debian's nginx when installed (`gzip_static on`
 * for the .gz twins loa writes, `gzip on` at level 6 for the other text files, as
 * `loa-nginx.conf` does), else this script in a child Node process (`--serve`).
 */
export async function serveGzip(root) {
  const nginx = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  return nginx ? serveNginx(nginx, root) : serveChild(root);
}

/** A free port on 127.0.0.1. */
async function freePort() {
  const probe = createServer();
  await new Promise((ok) => probe.listen(0, '127.0.0.1', ok));
  const { port } = probe.address();
  await new Promise((ok) => probe.close(ok));
  return port;
}

/** Waits until something answers on `port` (at most 10 s). */
async function answers(port) {
  for (let i = 0; i < 200; i++) {
    const up = await new Promise((ok) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        ok(true);
      }).on('error', () => ok(false));
    });
    if (up) return;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  throw new Error(`nothing answers on 127.0.0.1:${port}`);
}

/** nginx.conf serving `root` on `port`, its files under `prefix`: the helpers' content types,
 * gzip as `loa-nginx.conf` sends it (twins, else level 6 on the fly), no caching. */
function nginxConf(prefix, root, port) {
  const mime = (type) => type.replace(/;.*/, '');
  const byType = new Map();
  for (const [ext, type] of Object.entries(CONTENT_TYPES)) byType.set(mime(type), [...(byType.get(mime(type)) || []), ext.slice(1)]);
  const types = [...byType].map(([type, exts]) => `    ${type} ${exts.join(' ')};`).join('\n');
  const text = Object.entries(CONTENT_TYPES).filter(([ext]) => COMPRESSIBLE.test(`x${ext}`));
  // text/html is always compressed: nginx warns when it is listed.
  const compressed = [...new Set(text.map(([, type]) => mime(type)))].filter((type) => type !== 'text/html');
  return `${process.getuid?.() === 0 ? 'user root;\n' : ''}daemon off;
master_process off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  types {
${types}
    application/octet-stream bin;
  }
  default_type application/octet-stream;
  charset utf-8;
  gzip_static on;
  gzip on;
  gzip_comp_level 6;
  gzip_min_length 0;
  gzip_types ${compressed.join(' ')};
  server {
    listen 127.0.0.1:${port};
    root ${root};
    index index.html;
    add_header cache-control no-store;
    # loa's facet table; not Pagefind's files, which are gzipped already.
    location ~ \\.bin$ { gzip_types application/octet-stream; }
  }
}
`;
}

/** nginx in the foreground with a configuration in a temporary folder. */
async function serveNginx(nginx, root) {
  const prefix = mkdtempSync(join(tmpdir(), 'loa-search-bench-nginx-'));
  mkdirSync(join(prefix, 'logs'));
  const port = await freePort();
  writeFileSync(join(prefix, 'nginx.conf'), nginxConf(prefix, root, port));
  const child = spawn(nginx, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Stopped with this process, however it ends.
  process.on('exit', () => child.kill());
  await answers(port);
  return {
    origin: `http://127.0.0.1:${port}`,
    server: 'nginx',
    close: async () => {
      child.kill();
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** This script's own server (`--serve`) in a child process, when there is no nginx. */
async function serveChild(root) {
  const port = await freePort();
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', root, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  process.on('exit', () => child.kill());
  await answers(port);
  return {
    origin: `http://127.0.0.1:${port}`,
    server: 'node (child process)',
    close: async () => {
      child.kill();
      await new Promise((ok) => (child.exitCode !== null ? ok() : child.once('exit', ok)));
    },
  };
}

/** The `--serve` child: `root` on `port`, a file's .gz twin, else gzip on the fly for text. */
function serveHere(root, port) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(root, `.${path}`);
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    const type = CONTENT_TYPES[extname(file).toLowerCase()] || 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-store' };
    let body = readFileSync(file);
    if (/\bgzip\b/.test(req.headers['accept-encoding'] || '') && COMPRESSIBLE.test(file)) {
      body = existsSync(`${file}.gz`) ? readFileSync(`${file}.gz`) : gzipSync(body, { level: 6 });
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = body.length;
    res.writeHead(200, headers);
    res.end(body);
  });
  server.listen(port, '127.0.0.1');
}

// ---------------------------------------------------------------------------------------
// Small helpers

const log = (...a) => console.error('==', ...a);
const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

function walk(dir) {
  const files = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) files.push(p);
    }
  }
  return files;
}

/**
 * {files, bytes, gzip, precompressed} of a folder; gzip = sum of each file gzipped at level 6;
 * precompressed .gz/.br siblings a build may write are counted apart.
 */
function folderSize(dir, withGzip = false) {
  let bytes = 0;
  let gzip = 0;
  const all = walk(dir);
  const names = new Set(all);
  const siblings = all.filter((f) => /\.(gz|br)$/.test(f) && names.has(f.replace(/\.(gz|br)$/, '')));
  const precompressed = { files: siblings.length, bytes: siblings.reduce((s, f) => s + statSync(f).size, 0) };
  const skip = new Set(siblings);
  const files = all.filter((f) => !skip.has(f));
  for (const f of files) {
    if (withGzip) {
      const b = readFileSync(f);
      bytes += b.length;
      gzip += gzipSync(b, { level: 6 }).length;
    } else bytes += statSync(f).size;
  }
  return { files: files.length, bytes, gzip: withGzip ? gzip : null, precompressed };
}

const kb = (b) => (Number.isFinite(b) ? (b / 1024).toFixed(1) : '–');
const mb = (b) => (Number.isFinite(b) ? (b / 1024 / 1024).toFixed(1) : '–');
const ms = (x) => (Number.isFinite(x) ? String(Math.round(x)) : '–');
const int = (x) => (Number.isFinite(x) ? String(x) : '–');

/** Runs a command under /usr/bin/time -v: {status, stdout, stderr, wall s, rss KiB}. */
function timed(cmd, args, { env, cwd } = {}) {
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], {
    env: { ...process.env, ...env },
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  const wall = r.stderr.match(/Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/);
  const seconds = wall ? Number(wall[1] || 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  const rss = r.stderr.match(/Maximum resident set size \(kbytes\): (\d+)/);
  const cpu = ['User time \\(seconds\\)', 'System time \\(seconds\\)']
    .map((k) => Number(r.stderr.match(new RegExp(`${k}: ([\\d.]+)`))?.[1] || 0))
    .reduce((a, b) => a + b, 0);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, wall: seconds, rss: rss ? Number(rss[1]) : NaN, cpu };
}

// ---------------------------------------------------------------------------------------
// Builds

const trash = [];

/** Moves an existing folder aside (deleted at the end), so each build writes a new folder. */
function moveAside(dir) {
  if (!existsSync(dir)) return;
  const aside = `${dir}.old-${process.pid}-${trash.length}`;
  renameSync(dir, aside);
  trash.push(aside);
}

function buildLoa(opts) {
  const runs = [];
  for (let k = 1; k <= opts.runs; k++) {
    const out = k === 1 ? opts.site : `${opts.site}.run${k}`;
    // A new folder each time (loa refuses an output folder holding files it did not write,
    // such as a Pagefind bundle; and a cold build is what is measured).
    moveAside(out);
    log(`loa build ${k}/${opts.runs} → ${out} (load ${load()})`);
    const r = timed(opts.loa, ['build', '--root', opts.corpus, '--out', out, '--quiet'], { env: { LOA_TIMINGS: '1' } });
    if (r.status !== 0) throw new Error(`loa build failed (${r.status}):\n${r.stderr}`);
    const stage = (re) => Number(r.stderr.match(re)?.[1]);
    runs.push({
      wall: r.wall,
      rss: r.rss,
      cpu: r.cpu,
      index: stage(/search index built in (\d+) ms/),
      pages: stage(/pages rendered in (\d+) ms/),
      load: load(),
      timings: r.stderr.split('\n').filter((l) => l.startsWith('timing:')),
    });
    if (k > 1) trash.push(out);
  }
  return {
    runs,
    wall: median(runs.map((r) => r.wall)),
    rss: median(runs.map((r) => r.rss)),
    cpu: median(runs.map((r) => r.cpu)),
    index: median(runs.map((r) => r.index)),
    pages: median(runs.map((r) => r.pages)),
  };
}

/** A Pagefind to build bundles with when none is given: `pagefind` on the PATH, or a folder
 * where `npm install pagefind@1` was run (this repository, /tmp/pagefind-bench); else null. */
function findPagefind() {
  const onPath = spawnSync('sh', ['-c', 'command -v pagefind'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return onPath;
  return [REPO, '/tmp/pagefind-bench'].find((dir) => existsSync(join(dir, 'node_modules', '@pagefind'))) || null;
}

/** The command that runs Pagefind: [cmd, ...args]. */
function pagefindCommand(spec) {
  if (spec === 'npx') return ['npx', '--yes', 'pagefind@1'];
  const p = resolve(spec);
  if (existsSync(p) && statSync(p).isDirectory()) {
    const scope = join(p, 'node_modules', '@pagefind');
    if (existsSync(scope)) {
      for (const platform of readdirSync(scope)) {
        for (const name of ['pagefind_extended', 'pagefind']) {
          const bin = join(scope, platform, 'bin', name);
          if (existsSync(bin)) return [bin];
        }
      }
    }
    throw new Error(`no pagefind binary under ${scope} (run \`npm install pagefind@1\` in ${p})`);
  }
  if (!existsSync(p)) throw new Error(`pagefind not found: ${spec}`);
  return [p];
}

function buildPagefind(opts) {
  const [cmd, ...pre] = pagefindCommand(opts.pagefind);
  const version = spawnSync(cmd, [...pre, '--version'], { encoding: 'utf8' }).stdout.trim();
  log(`${version} (${[cmd, ...pre].join(' ')})`);
  const results = {};
  for (const config of PAGEFIND_CONFIGS.filter((c) => opts.configs.includes(c.name))) {
    const runs = [];
    for (let k = 1; k <= opts.runs; k++) {
      const sub = k === 1 ? config.dir : `${config.dir}-run${k}`;
      moveAside(join(opts.site, sub));
      log(`pagefind ${config.name} ${k}/${opts.runs} → ${sub} (load ${load()})`);
      const r = timed(cmd, [...pre, '--site', opts.site, '--output-subdir', sub, ...config.args]);
      if (r.status !== 0) throw new Error(`pagefind failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
      const count = (re) => Number(r.stdout.match(re)?.[1]);
      runs.push({
        wall: r.wall,
        rss: r.rss,
        cpu: r.cpu,
        pages: count(/Indexed (\d+) pages?/),
        words: count(/Indexed (\d+) words?/),
        load: load(),
      });
      if (k > 1) trash.push(join(opts.site, sub));
    }
    results[config.name] = {
      version,
      runs,
      wall: median(runs.map((r) => r.wall)),
      rss: median(runs.map((r) => r.rss)),
      cpu: median(runs.map((r) => r.cpu)),
      pages: runs[0].pages,
      words: runs[0].words,
    };
  }
  return results;
}

// ---------------------------------------------------------------------------------------
// Browser

/** What a page says on its console when it is done: the script waits for it without
 * evaluating anything in the page while the search runs (Playwright's waitForFunction injects
 * and runs its own script there, 30–50 ms of the main thread on this machine). */
const DONE = 'search-bench-done';

const PF_PAGE = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Pagefind bench</title></head>
<body><p id="out">…</p>
<script type="module">
const params = new URLSearchParams(location.search);
const q = params.get('q');
const bundle = params.get('b') || 'pagefind';
let t0 = performance.now();
const pf = await import('/' + bundle + '/pagefind.js');
await pf.init();
async function run(query) {
  const r = await pf.search(query);
  const data = await Promise.all(r.results.slice(0, 20).map((x) => x.data()));
  const done = performance.now();
  window.__pf = {
    count: r.results.length,
    unfiltered: r.unfilteredResultCount,
    engineMs: done - t0,
    sinceNavigation: done,
    top: data.slice(0, 5).map((d) => [d.url, d.meta && d.meta.title]),
  };
  document.getElementById('out').textContent = JSON.stringify(window.__pf);
  console.debug('${DONE}');
}
// Typed mode: the bench calls __pfSearch once the page is idle; the time starts there.
window.__pfSearch = (query) => {
  t0 = performance.now();
  window.__pfStart = t0;
  run(query);
};
if (q) run(q);
</script></body></html>
`;

/**
 * The requests of a page under `prefix`, read from the Resource Timing API once the page is
 * done (nothing is recorded while it runs: fetching bodies or sizes over CDP then would take
 * the browser's and this process's time from the search measured): { files, allBytes }, each
 * file { path, start, end (ms since navigation start), wire (bytes received, as encoded),
 * size (bytes on disk), gzip (the file gzipped at level 6, or its .gz twin) } with the
 * sizes taken from `site` on disk.
 */
async function resourcesOf(page, prefix, site, since = 0) {
  // The page's entries and its workers' (Pagefind fetches its index from a worker), on the
  // page's clock.
  const read = () => ({
    origin: performance.timeOrigin,
    entries: performance.getEntriesByType('resource').map((e) => ({
      url: e.name,
      start: e.startTime,
      end: e.responseEnd,
      wire: e.encodedBodySize,
      decoded: e.decodedBodySize,
    })),
  });
  const own = await page.evaluate(read);
  const entries = [];
  for (const timeline of [own, ...(await Promise.all(page.workers().map((w) => w.evaluate(read))))]) {
    const shift = timeline.origin - own.origin;
    for (const e of timeline.entries) entries.push({ ...e, start: Math.round(e.start + shift - since), end: Math.round(e.end + shift - since) });
  }
  const all = entries.map((e) => {
    const path = new URL(e.url).pathname;
    const local = join(site, decodeURIComponent(path));
    const onDisk = existsSync(local) && statSync(local).isFile();
    const size = onDisk ? statSync(local).size : e.decoded;
    return { path, start: e.start, end: e.end, wire: e.wire, size, local: onDisk ? local : null };
  });
  const files = all.filter((f) => f.path.startsWith(prefix));
  for (const f of files) {
    const twin = `${f.local}.gz`;
    f.gzip = !f.local ? NaN : existsSync(twin) ? statSync(twin).size : gzipSync(readFileSync(f.local), { level: 6 }).length;
    delete f.local;
  }
  for (const f of all) delete f.local;
  return { files, allBytes: all.reduce((s, f) => s + (f.size || 0), 0) };
}

/** In the loa page: the time of the first result (`__firstLi`), and DONE once the list has
 * `data-ms` and `data-query` for the query of the URL (the search page sets `data-query`
 * last, after the count and the facet counts). */
export const FIRST_LI = `
(() => {
  performance.setResourceTimingBufferSize(10000);
  const urlQuery = new URLSearchParams(location.search).get('q');
  new MutationObserver((changes, observer) => {
    const list = document.getElementById('search-results');
    if (window.__firstLi === undefined && list && list.querySelector('li')) window.__firstLi = performance.now();
    if (list && list.dataset.ms !== undefined && list.dataset.query === (window.__benchQuery ?? urlQuery)) {
      observer.disconnect();
      console.debug('${DONE}');
    }
  }).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-query'] });
})();
`;

/** Resolves when the page says DONE on its console. */
export function donePromise(page, timeout) {
  return page.waitForEvent('console', { predicate: (message) => message.text() === DONE, timeout });
}

/** Typed mode: waits until the page's network is idle, then puts `query` in a page's box and
 * submits the form (`start` of the page's clock); the page says DONE as in link mode. */
async function typeAndSubmit(page, query, done) {
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const start = await page.evaluate((q) => {
    window.__benchQuery = q;
    document.getElementById('q').value = q;
    const start = performance.now();
    document.getElementById('search-form').requestSubmit();
    return start;
  }, query);
  await done;
  return start;
}

async function measureLoa(browser, origin, site, query, profile, mode = 'link') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript({ content: FIRST_LI });
    const page = await context.newPage();
    await emulate(page, profile);
    const done = donePromise(page, 180_000);
    let start = 0;
    if (mode === 'typed') {
      await page.goto(`${origin}/tim-kiem/`, { waitUntil: 'load', timeout: 120_000 });
      start = await typeAndSubmit(page, query, done);
    } else {
      await page.goto(`${origin}/tim-kiem/?q=${encodeURIComponent(query)}`, { waitUntil: 'load', timeout: 60_000 });
      await done;
    }
    const r = await page.evaluate((start) => {
      const list = document.getElementById('search-results');
      const status = document.getElementById('search-status')?.textContent || '';
      return {
        dataMs: Number(list.dataset.ms),
        firstLi: window.__firstLi - start,
        items: list.querySelectorAll('li').length,
        status,
        top: [...list.querySelectorAll('li .result-title')].slice(0, 5).map((a) => [a.getAttribute('href'), a.textContent]),
      };
    }, start);
    const m = r.status.match(/Tìm thấy (\d+) kết quả/);
    const { files, allBytes } = await resourcesOf(page, `/${LOA_INDEX}/`, site, start);
    const before = files.filter((f) => f.start >= 0 && f.start < r.firstLi);
    return {
      ...r,
      total: m ? Number(m[1]) : 0,
      files,
      requests: before.length,
      wire: before.reduce((sum, f) => sum + f.wire, 0),
      bytes: files.reduce((s, f) => s + f.size, 0),
      gzip: files.reduce((s, f) => s + f.gzip, 0),
      allBytes,
    };
  } finally {
    await context.close();
  }
}

async function measurePagefind(browser, origin, site, bundle, query, profile, mode = 'link') {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    await context.addInitScript({ content: 'performance.setResourceTimingBufferSize(10000);' });
    const page = await context.newPage();
    await emulate(page, profile);
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const done = donePromise(page, 180_000);
    let start = 0;
    try {
      if (mode === 'typed') {
        await page.goto(`${origin}/pf-bench.html?b=${bundle}`, { waitUntil: 'load', timeout: 120_000 });
        await page.waitForFunction(() => window.__pfSearch, null, { timeout: 120_000 });
        await page.waitForLoadState('networkidle', { timeout: 120_000 });
        await page.evaluate((q) => window.__pfSearch(q), query);
        await done;
        start = await page.evaluate(() => window.__pfStart);
      } else {
        await page.goto(`${origin}/pf-bench.html?q=${encodeURIComponent(query)}&b=${bundle}`, { waitUntil: 'load', timeout: 60_000 });
        await done;
      }
    } catch (e) {
      throw new Error(`Pagefind page did not finish for "${query}" (${bundle}): ${errors.join('; ') || e.message}`);
    }
    const r = await page.evaluate(() => window.__pf);
    const { files, allBytes } = await resourcesOf(page, `/${bundle}/`, site, start);
    const after = files.filter((f) => f.start >= 0);
    return {
      ...r,
      total: r.count,
      files: after,
      bytes: after.reduce((s, f) => s + f.size, 0),
      requests: after.length,
      wire: after.reduce((s, f) => s + f.wire, 0),
      allBytes,
    };
  } finally {
    await context.close();
  }
}

async function browserRuns(opts, bundles) {
  const { chromium } = await import('playwright-core');
  const server = await serveGzip(opts.site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const samples = {}; // engine → query → [runs]
  const add = (engine, query, r) => ((samples[engine] ??= {})[query] ??= []).push(r);
  const loads = [load()];
  try {
    for (let k = 1; k <= opts.runs; k++) {
      log(`browser run ${k}/${opts.runs} (load ${load()})`);
      for (const condition of conditionsOf(opts)) {
        const tag = profileTag(condition);
        const { profile, mode } = splitCondition(condition);
        for (const query of opts.queries) {
          add('loa', query + tag, await measureLoa(browser, server.origin, opts.site, query, profile, mode));
          for (const bundle of bundles) {
            add(`pagefind:${bundle}`, query + tag, await measurePagefind(browser, server.origin, opts.site, bundle, query, profile, mode));
          }
        }
      }
      loads.push(load());
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const summary = {};
  for (const [engine, perQuery] of Object.entries(samples)) {
    summary[engine] = {};
    for (const [query, runs] of Object.entries(perQuery)) {
      const last = runs[runs.length - 1];
      const bytes = runs.map((r) => r.bytes);
      summary[engine][query] = {
        total: last.total,
        totals: [...new Set(runs.map((r) => r.total))],
        files: median(runs.map((r) => r.files.length)),
        bytes: median(bytes),
        bytesVary: Math.min(...bytes) !== Math.max(...bytes),
        gzip: median(runs.map((r) => r.gzip)),
        requests: median(runs.map((r) => r.requests)),
        wire: median(runs.map((r) => r.wire)),
        allBytes: median(runs.map((r) => r.allBytes)),
        engineMs: median(runs.map((r) => (engine === 'loa' ? r.dataMs : r.engineMs))),
        firstMs: median(runs.map((r) => (engine === 'loa' ? r.firstLi : r.sinceNavigation))),
        engineMsRuns: runs.map((r) => Math.round(engine === 'loa' ? r.dataMs : r.engineMs)),
        firstMsRuns: runs.map((r) => Math.round(engine === 'loa' ? r.firstLi : r.sinceNavigation)),
        top: last.top,
        fileList: last.files.map((f) => [f.path, f.size]).sort((a, b) => b[1] - a[1]),
        waterfall: last.files.map((f) => [f.path, f.start, f.end]),
      };
    }
  }
  return { summary, loads };
}

// ---------------------------------------------------------------------------------------
// Report

/** How a query is tagged with its network profile in the summaries. */
const profileTag = (profile) => (profile === 'local' ? '' : ` @${profile}`);

const foldQuery = (q) => q.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();

const engineName = (engine) =>
  engine === 'loa' ? 'loa' : `Pagefind ${PAGEFIND_CONFIGS.find((c) => `pagefind:${c.dir}` === engine)?.name || engine}`;

const range = (values, format) => {
  const v = values.filter(Number.isFinite);
  if (v.length === 0) return '–';
  const [low, high] = [Math.min(...v), Math.max(...v)];
  return low === high ? format(low) : `${format(low)}–${format(high)}`;
};

/**
 * The README's tables: per query and engine, the requests and gzip KB on the wire before the
 * first results (counted on the first profile: they do not depend on it) and the engine ms of
 * each profile; then each engine's ranges over the queries, and its index.
 */
function readmeTables(opts, data) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  const { summary } = data.browser;
  const engines = Object.keys(summary);
  const tag = profileTag;
  const conditions = conditionsOf(opts);
  const label = (condition) => {
    const { profile, mode } = splitCondition(condition);
    return `ms ${profile === 'local' ? 'loopback' : profile === 'slow4g' ? 'Slow 4G' : profile}${mode === 'link' ? ', link' : `, ${mode}`}`;
  };
  const counted = conditions[0];
  out(`| query | engine | requests before the first results | gzip KB before them | ${conditions.map(label).join(' | ')} |`);
  out(`|---|---|---:|---:|${conditions.map(() => '---:').join('|')}|`);
  for (const query of opts.queries) {
    for (const engine of engines) {
      const s = summary[engine][query + tag(counted)];
      if (!s) continue;
      const times = conditions.map((p) => ms(summary[engine][query + tag(p)]?.engineMs));
      out(`| ${query} | ${engineName(engine)} | ${int(s.requests)} | ${kb(s.wire)} | ${times.join(' | ')} |`);
    }
  }
  out();
  const of = (engine, profile, field) => opts.queries.map((q) => summary[engine][q + tag(profile)]?.[field]);
  out(`| ${opts.queries.length} queries, first 20 results | ${engines.map(engineName).join(' | ')} |`);
  out(`| --- | ${engines.map(() => '---:').join(' | ')} |`);
  out(`| requests before the first results | ${engines.map((e) => range(of(e, counted, 'requests'), int)).join(' | ')} |`);
  out(`| gzip KB before them | ${engines.map((e) => range(of(e, counted, 'wire'), kb)).join(' | ')} |`);
  // Typed: counted from the submit (what the page loaded before, meta.json or init(), is not).
  const typed = conditions.find((c) => splitCondition(c).mode === 'typed');
  if (typed) {
    out(`| requests after the submit, typed | ${engines.map((e) => range(of(e, typed, 'requests'), int)).join(' | ')} |`);
    out(`| gzip KB after the submit, typed | ${engines.map((e) => range(of(e, typed, 'wire'), kb)).join(' | ')} |`);
  }
  for (const profile of conditions) {
    out(`| first results, ${label(profile)} (load ${data.browser.loads.join(' → ')}) | ${engines.map((e) => range(of(e, profile, 'engineMs'), ms)).join(' | ')} |`);
  }
  const folder = (engine) => {
    const f = engine === 'loa' ? data.index.loa : data.index[engine.slice('pagefind:'.length)];
    return f ? `${f.files.toLocaleString('en')} files, ${mb(f.bytes)} MB` : '–';
  };
  out(`| index | ${engines.map(folder).join(' | ')} |`);
  const build = (engine) => {
    if (engine === 'loa') return data.loaBuild ? `whole site: ${data.loaBuild.cpu.toFixed(1)} CPU s, ${mb(data.loaBuild.rss * 1024)} MB` : '–';
    const b = data.pagefind?.[engineName(engine).replace('Pagefind ', '')];
    return b ? `${b.cpu.toFixed(1)} CPU s, ${mb(b.rss * 1024)} MB` : '–';
  };
  if (data.loaBuild || data.pagefind) out(`| indexing | ${engines.map(build).join(' | ')} |`);
  return lines.join('\n');
}

function report(opts, data) {
  const lines = [];
  const out = (s = '') => lines.push(s);
  const { index, loaBuild, pagefind, bundles, browser } = data;

  out(`Site: ${opts.site}; runs: ${opts.runs} (medians); load average (1/5/15 min) at start ${data.loadStart}, end ${data.loadEnd}; ${data.cpus} CPUs.`);
  out();
  out('### Index size and build');
  out();
  out('| engine | files | bytes on disk | gzip -6 per file | build wall s | build CPU s | build peak RSS MB | index stage |');
  out('|---|---:|---:|---:|---:|---:|---:|---|');
  const stage = loaBuild
    ? `search index built in ${ms(loaBuild.index)} ms, pages rendered in ${ms(loaBuild.pages)} ms (both from render start, in parallel)`
    : '–';
  const pre = index.loa.precompressed;
  out(
    `| loa (\`${LOA_INDEX}/\`${pre.files ? `; plus ${pre.files} precompressed .gz/.br, ${mb(pre.bytes)} MB` : ''}) | ${index.loa.files} | ${mb(index.loa.bytes)} MB | ${mb(index.loa.gzip)} MB | ` +
      `${loaBuild ? loaBuild.wall.toFixed(1) : '–'} (whole site) | ${loaBuild ? loaBuild.cpu.toFixed(1) : '–'} | ` +
      `${loaBuild ? mb(loaBuild.rss * 1024) : '–'} | ${stage} |`,
  );
  for (const bundle of bundles) {
    const name = PAGEFIND_CONFIGS.find((c) => c.dir === bundle)?.name || bundle;
    const b = pagefind?.[name];
    const info = b ? `${b.version}; ${b.pages} pages, ${b.words} words indexed` : 'existing bundle';
    out(
      `| Pagefind ${name} (\`${bundle}/\`) | ${index[bundle].files} | ${mb(index[bundle].bytes)} MB | (already gzipped) | ` +
        `${b ? b.wall.toFixed(1) : '–'} | ${b ? b.cpu.toFixed(1) : '–'} | ${b ? mb(b.rss * 1024) : '–'} | ${info} |`,
    );
  }
  out();
  out('### The README\'s tables');
  out();
  if (!Object.keys(browser.summary).some((e) => e.startsWith('pagefind:'))) {
    out('(No Pagefind bundle in the site: build one with `--pagefind X`, see the header of benches/search.mjs.)');
    out();
  }
  out(readmeTables(opts, data));
  out();
  out('### Queries (fresh browser context each, medians)');
  out();
  if (browser.loads) out(`Load average before each browser run and after the last: ${browser.loads.join(' → ')}.`);
  out();
  out("loa: bytes = the files fetched under `/tim-kiem/chi-muc/`, as on disk (gzip = the same files gzipped at level 6, or their .gz twins); ");
  out('engine ms = `data-ms` (search start → 20 results shown); nav ms = navigation start → first `<li>`. ');
  out('Pagefind: bytes under `/<bundle>/`; engine ms = import of pagefind.js → 20th `data()`; nav ms = navigation start → 20th `data()`.');
  out();
  out('requests / KB wire = requests and gzip bytes on the wire before the first results. A query tagged @slow4g ran on the emulated Slow 4G profile.');
  out();
  out('| query | engine | results | requests before first results | KB wire before | files fetched in all | KB fetched | KB gzip | engine ms | nav ms |');
  out('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const tagged = Object.keys(browser.summary.loa || {});
  for (const query of tagged) {
    for (const [engine, perQuery] of Object.entries(browser.summary)) {
      const s = perQuery[query];
      if (!s) continue;
      const name = engine === 'loa' ? 'loa' : `Pagefind ${PAGEFIND_CONFIGS.find((c) => `pagefind:${c.dir}` === engine)?.name || engine}`;
      const total = s.totals.length > 1 ? s.totals.join('/') : s.total;
      out(
        `| ${query} | ${name} | ${total} | ${int(s.requests)} | ${kb(s.wire)} | ${s.files} | ${kb(s.bytes)}${s.bytesVary ? '*' : ''} | ` +
          `${engine === 'loa' ? kb(s.gzip) : '='} | ${ms(s.engineMs)} | ${ms(s.firstMs)} |`,
      );
    }
  }
  out();
  out('### Diacritics: results for the same words typed with and without marks');
  out();
  const first0 = profileTag(opts.profiles[0]);
  // Each query typed with marks beside the same words typed without.
  const pairs = opts.queries
    .filter((q) => foldQuery(q) !== q.toLowerCase())
    .map((q) => [opts.queries.find((other) => other !== q && foldQuery(other) === foldQuery(q)), q])
    .filter(([plain]) => plain);
  out(`| engine | ${pairs.map(([a, b]) => `${a} / ${b}`).join(' | ')} |`);
  out(`|---|${pairs.map(() => '---:').join('|')}|`);
  for (const [engine, perQuery] of Object.entries(browser.summary)) {
    const name = engine === 'loa' ? 'loa' : `Pagefind ${PAGEFIND_CONFIGS.find((c) => `pagefind:${c.dir}` === engine)?.name || engine}`;
    out(`| ${name} | ${pairs.map(([a, b]) => `${perQuery[a + first0]?.total ?? '–'} / ${perQuery[b + first0]?.total ?? '–'}`).join(' | ')} |`);
  }
  out();
  out('### loa: largest files fetched per query');
  out();
  out('| query | files (bytes) |');
  out('|---|---|');
  for (const query of opts.queries) {
    const s = browser.summary.loa[query + profileTag(opts.profiles[0])];
    out(`| ${query} | ${s.fileList.slice(0, 6).map(([p, b]) => `${p.replace(`/${LOA_INDEX}/`, '')} ${b}`).join(', ')} |`);
  }
  out();
  const first = opts.queries[0] + profileTag(opts.profiles[0]);
  out(`### Request waterfall for "${first}" (last run; ms since navigation start)`);
  out();
  out('| engine | file | bytes | start | end |');
  out('|---|---|---:|---:|---:|');
  for (const [engine, perQuery] of Object.entries(browser.summary)) {
    const s = perQuery[first];
    if (!s) continue;
    const sizes = new Map(s.fileList);
    const name = engine === 'loa' ? 'loa' : `Pagefind ${PAGEFIND_CONFIGS.find((c) => `pagefind:${c.dir}` === engine)?.name || engine}`;
    // Result fragments (loa d/<id>.json, Pagefind fragment/*.pf_fragment) on one line.
    const isFragment = (path) => /\/(d|fragment)\/[^/]+$/.test(path);
    const rows = [...(s.waterfall || [])].sort((a, b) => a[1] - b[1]);
    const fragments = rows.filter(([path]) => isFragment(path));
    for (const [path, start, end] of rows.filter(([path]) => !isFragment(path))) {
      out(`| ${name} | ${path} | ${sizes.get(path) ?? '–'} | ${start} | ${end} |`);
    }
    if (fragments.length) {
      const dir = fragments[0][0].replace(/[^/]+$/, '');
      const bytes = fragments.reduce((sum, [path]) => sum + (sizes.get(path) || 0), 0);
      const start = Math.min(...fragments.map((f) => f[1]));
      const end = Math.max(...fragments.map((f) => f[2]));
      out(`| ${name} | ${fragments.length} result fragments ${dir}… | ${bytes} | ${start} | ${end} |`);
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------

async function main() {
  if (process.argv[2] === '--serve') return serveHere(resolve(process.argv[3]), Number(process.argv[4]));
  const opts = parseArgs(process.argv.slice(2));
  if (opts.fromJson) {
    const saved = JSON.parse(readFileSync(opts.fromJson, 'utf8'));
    console.log(report(saved.opts, saved));
    return;
  }
  const data = { loadStart: load(), cpus: (await import('node:os')).cpus().length };
  log(`load average ${data.loadStart}`);
  if (opts.corpus) data.loaBuild = buildLoa(opts);
  if (!existsSync(join(opts.site, LOA_INDEX, 'meta.json'))) throw new Error(`${opts.site} has no ${LOA_INDEX}/meta.json: not a loa build`);
  const hasBundles = () => PAGEFIND_CONFIGS.some((c) => opts.configs.includes(c.name) && existsSync(join(opts.site, c.dir, 'pagefind.js')));
  if (!opts.pagefind && !hasBundles()) {
    // The comparison is the point: without a bundle in the site, build one with a Pagefind
    // found here, or say how to get one.
    opts.pagefind = findPagefind();
    if (!opts.pagefind) {
      throw new Error(
        `no Pagefind bundle in ${opts.site} and no Pagefind found: run \`npm install pagefind@1\` in /tmp/pagefind-bench ` +
          '(or pass --pagefind <binary | folder | npx>), or --pagefind none for loa alone',
      );
    }
    log(`no Pagefind bundle in the site: building one with ${opts.pagefind}`);
  }
  if (opts.pagefind && opts.pagefind !== 'none') data.pagefind = buildPagefind(opts);
  const bundles = PAGEFIND_CONFIGS.filter((c) => opts.configs.includes(c.name))
    .map((c) => c.dir)
    .filter((d) => existsSync(join(opts.site, d, 'pagefind.js')));
  if (bundles.length === 0) log(`no Pagefind bundle in ${opts.site}: loa alone`);
  data.bundles = bundles;

  log('measuring index folders');
  data.index = { loa: folderSize(join(opts.site, LOA_INDEX), true) };
  for (const b of bundles) data.index[b] = folderSize(join(opts.site, b));

  if (bundles.length) writeFileSync(join(opts.site, 'pf-bench.html'), PF_PAGE);
  data.browser = await browserRuns(opts, bundles);

  data.loadEnd = load();
  // Saved first: a run is long, and --from-json prints its tables again.
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ opts, ...data }, null, 2));
  console.log(report(opts, data));
  if (trash.length && !opts.keep) {
    log(`deleting ${trash.length} folders of earlier runs (--keep keeps them)`);
    for (const d of trash) rmSync(d, { recursive: true, force: true });
  }
}

// Run as a script (benches/search-trace.mjs imports the server and the profiles).
if (resolve(process.argv[1] || '') === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e.stack || String(e));
    process.exit(1);
  });
}
