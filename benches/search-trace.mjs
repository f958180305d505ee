#!/usr/bin/env node
// Where the search page's time goes before its first results: a Chromium trace
// (devtools.timeline, v8, loading) of /tim-kiem/?q=<query> on a built site, one fresh browser
// context per query, the site served by nginx (or a child Node process) as in
// benches/search.mjs. Prints, in ms since navigation start: the search's start (the first
// results' time less `data-ms`), each request under /tim-kiem/chi-muc/ (sent, response,
// finished), the main thread's tasks longer than 2 ms with what ran in them, and the first
// results; then the totals between search start and first results (main-thread busy time,
// script compile and run, idle time waiting for the network). Results: benches/README-search.md.
//
//   node benches/search-trace.mjs <built-site-dir> [--queries "thi,thi dua"] [--runs 1]
//        [--profile local|slow4g] [--save <folder for the raw traces>]

import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';

import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/helpers.mjs';
import { FIRST_LI, PROFILES, donePromise, emulate, serveGzip } from './search.mjs';

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'toplevel',
];

function parseArgs(argv) {
  const opts = { queries: ['thi', 'thi dua'], runs: 1, profile: 'local' };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--queries') opts.queries = argv[++i].split(',').map((q) => q.trim()).filter(Boolean);
    else if (a === '--runs') opts.runs = Number(argv[++i]);
    else if (a === '--profile') opts.profile = argv[++i];
    else if (a === '--save') opts.save = resolve(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else rest.push(a);
  }
  if (rest.length !== 1 || !(opts.profile in PROFILES)) throw new Error('usage: node benches/search-trace.mjs <built-site-dir> [--queries …] [--profile local|slow4g]');
  opts.site = resolve(rest[0]);
  return opts;
}

/** What a trace says about one search page: requests, main-thread tasks, totals. */
function summarize(events, { firstLi, dataMs }, origin) {
  // The page's own navigation (the browser may open pages of its own, chrome://…, meanwhile).
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && e.args.data.documentLoaderURL?.startsWith(origin));
  const t0 = nav.ts;
  const ms = (ts) => (ts - t0) / 1000;
  const onMain = (e) => e.pid === nav.pid && e.tid === nav.tid;
  const requests = new Map();
  for (const e of events) {
    const data = e.args?.data;
    if (!data?.requestId) continue;
    if (e.name === 'ResourceSendRequest') requests.set(data.requestId, { url: data.url, sent: ms(e.ts) });
    const r = requests.get(data.requestId);
    if (!r) continue;
    if (e.name === 'ResourceReceiveResponse') r.response = ms(e.ts);
    if (e.name === 'ResourceFinish') r.finish = ms(e.ts);
  }
  const started = firstLi - dataMs;
  const tasks = events
    .filter((e) => onMain(e) && e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask'))
    .map((e) => ({ start: ms(e.ts), dur: e.dur / 1000, ts: e.ts, end: e.ts + e.dur }))
    .sort((a, b) => a.ts - b.ts);
  const inside = (task) =>
    events
      .filter((e) => onMain(e) && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur || 0) <= task.end && e.dur >= 500 && !/RunTask/.test(e.name))
      .map((e) => `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.replace(/^.*\//, '')}` : ''}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''} ${(e.dur / 1000).toFixed(1)}`)
      .slice(0, 6);
  // A task shows as RunTask and as ThreadControllerImpl::RunTask nested in it: the union of
  // their intervals is the time the main thread was busy.
  let busy = 0;
  let reached = started;
  for (const t of [...tasks].sort((a, b) => a.start - b.start)) {
    const from = Math.max(t.start, reached);
    const to = Math.min(t.start + t.dur, firstLi);
    if (to > from) busy += to - from;
    reached = Math.max(reached, to);
  }
  const sum = (names) =>
    events
      .filter((e) => onMain(e) && e.ph === 'X' && names.includes(e.name) && ms(e.ts) >= started && ms(e.ts) < firstLi)
      .reduce((s, e) => s + e.dur / 1000, 0);
  // The page's own performance marks, if any (a copy of the engine with marks, for example).
  const marks = events
    .filter((e) => e.pid === nav.pid && e.cat === 'blink.user_timing' && !/^(nav|dom|load|response|fetchStart|unload|connect|request|redirect|secure)/.test(e.name) && ms(e.ts) >= started - 1 && ms(e.ts) <= firstLi + 1)
    .map((e) => ({ name: e.name, at: ms(e.ts) }));
  return {
    marks,
    started,
    firstLi,
    dataMs,
    requests: [...requests.values()].filter((r) => r.url.startsWith(origin)),
    tasks: tasks
      .filter((t) => t.dur >= 2 && t.start + t.dur > started - 50 && t.start < firstLi + 5)
      .filter((t, i, all) => i === 0 || Math.abs(all[i - 1].start - t.start) > 0.5)
      .map((t) => ({ ...t, what: inside(t) })),
    busy,
    // Where the page's script runs: module evaluation, promise reactions, callbacks.
    script: sum(['v8.evaluateModule', 'EvaluateScript', 'RunMicrotasks', 'FunctionCall']),
    // Tier-up compiles of hot functions (V8 runs them on the main thread).
    compile: sum(['V8.BytecodeBudgetInterrupt', 'V8.BytecodeBudgetInterruptWithStackCheck', 'v8.compile', 'V8.CompileLazy']),
    gc: sum(['MajorGC', 'MinorGC', 'V8.GCIncrementalMarking', 'V8.GCIncrementalMarkingStart']),
  };
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const { chromium } = await import('playwright-core');
  const server = await serveGzip(opts.site);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  if (opts.save) mkdirSync(opts.save, { recursive: true });
  try {
    for (let run = 1; run <= opts.runs; run++) {
      for (const query of opts.queries) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await context.addInitScript({ content: FIRST_LI });
        const page = await context.newPage();
        await emulate(page, opts.profile);
        await browser.startTracing(page, { categories: CATEGORIES });
        const done = donePromise(page, 60_000);
        await page.goto(`${server.origin}/tim-kiem/?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
        await done;
        const marks = await page.evaluate(() => ({ firstLi: window.__firstLi, dataMs: Number(document.getElementById('search-results').dataset.ms) }));
        const trace = await browser.stopTracing();
        await context.close();
        if (opts.save) writeFileSync(join(opts.save, `${query.replace(/\W+/g, '_')}-${run}.json`), trace);
        const s = summarize(JSON.parse(trace.toString()).traceEvents, marks, server.origin);
        const f = (x) => (Number.isFinite(x) ? x.toFixed(1) : '–');
        console.log(`\n## "${query}" run ${run} (${opts.profile}; load ${loadavg().map((x) => x.toFixed(2)).join(' ')})`);
        console.log(`search start ${f(s.started)}, first results ${f(s.firstLi)} (data-ms ${s.dataMs})`);
        console.log(`main thread busy ${f(s.busy)} of ${f(s.dataMs)} ms; in it, script ${f(s.script)} (tier-up compiles ${f(s.compile)}), GC ${f(s.gc)}`);
        console.log('requests (sent → response → finished):');
        for (const r of s.requests) console.log(`  ${f(r.sent)} → ${f(r.response)} → ${f(r.finish)}  ${new URL(r.url).pathname}`);
        if (s.marks.length) console.log(`performance marks: ${s.marks.map((m) => `${f(m.at)} ${m.name}`).join('; ')}`);
        console.log('main-thread tasks ≥ 2 ms (start +duration: what):');
        for (const t of s.tasks) console.log(`  ${f(t.start)} +${f(t.dur)}: ${t.what.join('; ')}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
