#!/usr/bin/env node
// The CPU time of loa-search.js's first page, cold: for each query, a fresh Node process (no
// compiled code, as a page opened for a search) runs `search()` on a built site's index and
// marks the words in the first 20 results, as the search page does; it prints the process's
// CPU time (user + system) from `search()` to the marked results. CPU time depends much less
// on the machine's load than the browser's wall time (benches/search.mjs), so two versions of
// the engine can be compared on a busy machine; the index files are read from disk, not
// fetched. Medians over the runs, the engines interleaved.
//
//   node benches/search-cpu.mjs <built-site-dir> [--runs 5] [--queries "thi dua,…"] <engine.js>…
//
// With no engine, themes/default/static/loa-search.js. Results: benches/README-search.md.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const QUERIES = [
  'thi', 'ubnd', 'thi dua', 'thi đua', 'nong nghiep', 'sang tao', 'sáng tạo', 'khen thuong', 'van ban', 'xa hoi',
  'cai tien', 'can cu', 'hop bao', 'moi phu', 'tin hoc tre', 'phong trao thi', 'chuyen doi so', 'nong thon moi',
  'dan van kheo', '301/QĐ-UBND', '301 QD UBND', '45/KH-UBND', '45 KH UBND', 'hooij thi', 'khen thuonh',
  'sang tao ky thuat',
];

/** One cold search in this process (the child's part): prints { cpu, ids }. */
async function child(engine, site, query) {
  const { SearchIndex, highlight, snippet } = await import(pathToFileURL(engine).href);
  const page = readFileSync(join(site, 'tim-kiem', 'index.html'), 'utf8');
  const abbreviations = page.match(/data-abbreviations="([^"]*)"/);
  const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const longForms = abbreviations ? JSON.parse(unescape(abbreviations[1])) : [];
  const base = join(site, 'tim-kiem', 'chi-muc') + '/';
  const fetchFile = async (path) => {
    let body;
    try {
      body = readFileSync(path);
    } catch {
      return { ok: false };
    }
    return { ok: true, text: async () => body.toString('utf8'), arrayBuffer: async () => body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) };
  };
  const index = new SearchIndex(base, fetchFile, { longForms });
  // The search page has meta.json before the search starts (it preloads it).
  await index.meta();
  const start = process.cpuUsage();
  const result = await index.search(query, {}, { complete: false });
  const shown = await Promise.all(result.ids.slice(0, 20).map((id) => index.fragment(id)));
  for (const doc of shown) if (doc) highlight(doc.t, result.words), highlight(snippet(doc.x, result.words), result.words);
  const used = process.cpuUsage(start);
  console.log(JSON.stringify({ cpu: (used.user + used.system) / 1000, ids: result.ids.slice(0, 20) }));
}

function main(argv) {
  if (argv[0] === '--child') return child(argv[1], argv[2], argv[3]);
  const opts = { runs: 5, queries: QUERIES, engines: [] };
  let site = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') opts.runs = Number(argv[++i]);
    else if (argv[i] === '--queries') opts.queries = argv[++i].split(',').map((q) => q.trim()).filter(Boolean);
    else if (!site) site = resolve(argv[i]);
    else opts.engines.push(resolve(argv[i]));
  }
  if (!site) {
    console.error('usage: node benches/search-cpu.mjs <built-site-dir> [--runs 5] [--queries "…"] [engine.js…]');
    process.exit(2);
  }
  if (opts.engines.length === 0) opts.engines.push(join(REPO, 'themes', 'default', 'static', 'loa-search.js'));
  const self = fileURLToPath(import.meta.url);
  const loads = [loadavg().map((x) => x.toFixed(2)).join(' ')];
  const cpu = opts.engines.map(() => new Map());
  const firstPages = opts.engines.map(() => new Map());
  for (let run = 0; run < opts.runs; run++) {
    for (const query of opts.queries) {
      opts.engines.forEach((engine, e) => {
        const out = spawnSync(process.execPath, [self, '--child', engine, site, query], { encoding: 'utf8' });
        if (out.status !== 0) throw new Error(`${engine} "${query}": ${out.stderr}`);
        const { cpu: ms, ids } = JSON.parse(out.stdout.trim().split('\n').pop());
        if (!cpu[e].has(query)) cpu[e].set(query, []);
        cpu[e].get(query).push(ms);
        firstPages[e].set(query, ids.join(','));
      });
    }
  }
  loads.push(loadavg().map((x) => x.toFixed(2)).join(' '));
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`CPU ms of the first page, cold (median of ${opts.runs}; load average ${loads.join(' → ')})\n`);
  console.log(`| query | ${opts.engines.map((e) => e.replace(REPO + '/', '')).join(' | ')} |`);
  console.log(`|---|${opts.engines.map(() => '---:').join('|')}|`);
  for (const query of opts.queries) {
    const same = firstPages.every((pages) => pages.get(query) === firstPages[0].get(query));
    console.log(`| ${query} | ${cpu.map((m) => median(m.get(query)).toFixed(0)).join(' | ')} |${same ? '' : ' first pages differ'}`);
  }
  const all = cpu.map((m) => [...m.values()].map(median));
  console.log(`| sum of the medians | ${all.map((v) => v.reduce((a, b) => a + b, 0).toFixed(0)).join(' | ')} |`);
}

await main(process.argv.slice(2));
