// Printed directives and guides (issue #20). Every directive and guide page of the sample
// portal (both editions) is printed to PDF in Chromium as a reader would (page.pdf with the
// page's own @page size), with a fixed clock, and the paper is read back with
// `pdftotext -layout` and zbarimg:
// - A4; a page number at the top of every page from the second on, none on the first;
// - a footer on every page: "In từ <portal> ngày <the reader's date>" and the page's short
//   URL (or its full URL when it has no short link), with a QR code that decodes to it
//   (150 dpi raster of page 1);
// - every attachment with its full URL;
// - the signer block's lines on one page, "Nơi nhận" on the page of its first entry;
// - each line of the two-column header (issuer's parent, number, motto, place and date)
//   on one printed line.
// The sample portal has State (Nghị định 30/2020) and Party (Hướng dẫn 36) directives; the
// test asserts it printed both kinds and at least one document of several pages.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ARTIFACTS,
  buildSite,
  cleanup,
  isPaper,
  launchBrowser,
  listFiles,
  pdfInfo,
  rasterizePdf,
  readShortLinks,
  serve,
  SITE_ROOT,
  tempDir,
  toolCheck,
  zbarDecode,
} from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium', 'pdfinfo', 'pdftotext', 'pdftoppm', 'zbarimg');

/** The reader's clock: the footer must print this day, not the build date. */
const NOW = new Date(2026, 2, 5, 9, 30);
const PDF_OPTIONS = { format: 'Letter', printBackground: true, preferCSSPageSize: true };

/** Text with one space between words, NFC, word joiners dropped. */
const norm = (s) => s.normalize('NFC').replace(/\u2060/g, '').replace(/\s+/g, ' ').trim();

/** pdftotext -layout of one page (1-based). */
function pageText(pdf, n) {
  const r = spawnSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext ${pdf} page ${n} failed: ${r.stderr}`);
  return r.stdout;
}

/** The date as the print footer writes it in `lang`. */
function printDate(lang) {
  const pad = (n) => String(n).padStart(2, '0');
  return lang === 'vi'
    ? `${pad(NOW.getDate())}/${pad(NOW.getMonth() + 1)}/${NOW.getFullYear()}`
    : new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(NOW);
}

describe('printed directives and guides (sample portal)', { skip }, () => {
  let work;
  let out;
  let server;
  let browser;
  let targets; // [{path, kind}]
  const shortOf = new Map(); // page path -> short code
  const printed = []; // [{path, party, pages}]

  before(async () => {
    if (toolError) throw toolError;
    mkdirSync(ARTIFACTS, { recursive: true });
    work = tempDir('loa-print-');
    out = join(work, 'public');
    mkdirSync(out, { recursive: true });
    server = await serve(out);
    buildSite({ root: SITE_ROOT, out, baseUrl: server.url });
    browser = await launchBrowser();
    for (const [code, entry] of Object.entries(readShortLinks(SITE_ROOT))) {
      if (entry.url && !entry.retired) shortOf.set(entry.url, code);
    }
    // Directive and guide pages of every edition: <lang>/van-ban/<slug>/, <lang>/huong-dan/<slug>/.
    targets = listFiles(out, ['.html'])
      .map((f) => f.slice(out.length).replace(/index\.html$/, ''))
      .map((p) => p.match(/^(\/(?:[a-z]{2}\/)?)(van-ban|huong-dan)\/([^/]+)\/$/))
      .filter((m) => m && !['nam', 'co-quan', 'loai', 'trang'].includes(m[3]))
      .map((m) => ({ path: m[0], lang: m[1] === '/' ? 'vi' : m[1].slice(1, 3), kind: m[2] === 'van-ban' ? 'directive' : 'guide' }))
      .sort((a, b) => a.path.localeCompare(b.path));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    cleanup(work);
  });

  test('every directive and guide prints on A4 with page numbers, footer, QR code, attachments and whole blocks', { timeout: 600_000 }, async (t) => {
    assert.ok(targets.some((p) => p.kind === 'directive') && targets.some((p) => p.kind === 'guide'), `found no directive or guide pages in ${out}: ${JSON.stringify(targets)}`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const wrong = [];
    try {
      for (const target of targets) {
        const url = `${server.url}${target.path.slice(1)}`;
        const page = await context.newPage();
        await page.clock.setFixedTime(NOW);
        const response = await page.goto(url, { waitUntil: 'load' });
        if (response?.status() !== 200) {
          wrong.push(`${url} answered ${response?.status()}`);
          continue;
        }
        const dom = await page.evaluate(() => {
          const text = (e) => e?.textContent ?? '';
          const abs = (a) => new URL(a.getAttribute('href'), location.href).href;
          const screenAttachments = document.querySelector('.doc-aside .attachments, .guide .attachments');
          return {
            site: text(document.querySelector('.site-title')),
            party: /ĐẢNG CỘNG SẢN VIỆT NAM/.test(text(document.querySelector('.motto'))),
            header: [...document.querySelectorAll('.doc-parent, .doc-number-line, .motto, .motto-sub, .doc-place-date')].map(text),
            signer: [...document.querySelectorAll('.signer p:not(.signer-signature)')].map(text),
            distribution: [...document.querySelectorAll('.distribution p, .distribution li')].slice(0, 2).map(text),
            attachments: screenAttachments ? [...screenAttachments.querySelectorAll('a.download')].map(abs) : [],
          };
        });
        // Language editions have no short links: their footer shows the page's own URL.
        const short = target.lang === 'vi' ? shortOf.get(target.path) : undefined;
        const expectedUrl = short ? `${server.url}q/${short}/` : url;
        const pdf = join(work, `${target.path.replace(/\W+/g, '-')}.pdf`);
        writeFileSync(pdf, await page.pdf(PDF_OPTIONS));
        await page.close();
        const info = pdfInfo(pdf);
        const texts = Array.from({ length: info.pages }, (_, i) => pageText(pdf, i + 1));
        const all = norm(texts.join('\n'));
        const where = `${url} (${pdf}, ${info.pages} page(s))`;
        printed.push({ path: target.path, kind: target.kind, party: dom.party, pages: info.pages });

        if (!isPaper(info, 'A4')) wrong.push(`${where}: printed as ${info.width}×${info.height} pt, not A4`);
        // Page numbers: the first printed line of page n ≥ 2 is n; page 1 has none.
        texts.forEach((text, i) => {
          const first = text.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
          if (i === 0 && /^\d+$/.test(first)) wrong.push(`${where}: page 1 starts with a page number "${first}"`);
          if (i > 0 && first !== String(i + 1)) wrong.push(`${where}: page ${i + 1} starts with "${first}", not its number`);
        });
        // The footer on every page: where it came from, the reader's day, the URL.
        const from = target.lang === 'vi' ? 'In từ' : 'Printed from';
        const on = target.lang === 'vi' ? 'ngày' : 'on';
        const line = norm(`${from} ${dom.site} ${on} ${printDate(target.lang)}`);
        texts.forEach((text, i) => {
          const flat = norm(text);
          if (!flat.includes(line)) wrong.push(`${where}: page ${i + 1} lacks the footer line "${line}"`);
          if (!flat.replace(/\s/g, '').includes(expectedUrl)) wrong.push(`${where}: page ${i + 1} does not print the URL ${expectedUrl}`);
        });
        // Attachments with their full URLs (a URL may wrap: compare without spaces).
        const compact = all.replace(/\s/g, '');
        for (const a of dom.attachments) {
          if (!compact.includes(a)) wrong.push(`${where}: the attachment URL ${a} is not printed`);
        }
        // The signer block on one page; Nơi nhận with its first entry.
        const pageOf = (s) => texts.findIndex((text) => norm(text).includes(norm(s)));
        const signerPages = new Set(dom.signer.map(pageOf));
        if (signerPages.size > 1 || signerPages.has(-1)) {
          wrong.push(`${where}: the signer lines ${JSON.stringify(dom.signer)} print on pages ${[...signerPages].map((p) => p + 1)}`);
        }
        const distPages = new Set(dom.distribution.map(pageOf));
        if (distPages.size > 1 || distPages.has(-1)) {
          wrong.push(`${where}: "Nơi nhận" and its first entry ${JSON.stringify(dom.distribution)} print on pages ${[...distPages].map((p) => p + 1)}`);
        }
        // Header lines unbroken: each is within one printed line of page 1.
        const lines = texts[0].split('\n').map(norm);
        for (const h of dom.header.map(norm).filter(Boolean)) {
          if (!lines.some((l) => l.includes(h))) wrong.push(`${where}: the header line "${h}" is broken across printed lines`);
        }
        // The footer QR code of page 1 leads to the page.
        const [png] = rasterizePdf(pdf, join(work, `${target.path.replace(/\W+/g, '-')}-p`), 150);
        const decoded = zbarDecode(png);
        if (!decoded.includes(expectedUrl)) wrong.push(`${where}: the QR code(s) of page 1 decode to ${JSON.stringify(decoded)}, expected ${expectedUrl}`);
      }
    } finally {
      await context.close();
    }
    t.diagnostic(printed.map((p) => `${p.path}: ${p.pages} page(s)${p.kind === 'directive' ? (p.party ? ', Party format' : ', State format') : ''}`).join('\n'));
    assert.equal(wrong.length, 0, wrong.join('\n'));
    const directives = printed.filter((p) => p.kind === 'directive');
    assert.ok(directives.some((p) => p.party) && directives.some((p) => !p.party), 'the sample portal must print both a Party and a State directive');
    assert.ok(printed.some((p) => p.pages >= 2), 'no printed page ran to a second page: page numbers were never checked');
  });
});
