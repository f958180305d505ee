// Posters, flyers and QR codes. The sample portal is built with --base-url pointing at the
// local test server (started first, so its port is known), so every short link
// <base>/q/<CODE>/ resolves locally. The A4 poster of a campaign must print on one A4 page
// whose QR code (decoded from a 150 dpi raster with zbarimg) is the campaign's short URL,
// and following that URL in Chromium must end on the campaign page (through the redirect
// page). Every short code is drawn inline in its page (no image file per code) and must
// decode to its own short URL, and the SVG and PNG files the campaign page makes from it on
// demand (loa-qr-png.js) too; the A5 flyer must print as A5.
// Every poster and flyer, of the sample portal and of a generated portal with hostile sizes
// (tests/e2e/support-posters.mjs: a very long agency and title, five contacts, document
// numbers), must print on exactly one sheet of its paper with nothing clipped (no element of
// the sheet overflows its box) and show, in the PDF's text, the title, the issuing agency,
// the next deadline, every contact it lists or the line that says where the rest are; its
// QR code (150 dpi raster) decodes to the page's short URL.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ARTIFACTS,
  buildSite,
  cleanup,
  isPaper,
  launchBrowser,
  listFiles,
  newContext,
  openPage,
  pdfInfo,
  problemLines,
  rasterizePdf,
  readShortLinks,
  serve,
  SITE_ROOT,
  tempDir,
  toolCheck,
  zbarDecode,
} from './helpers.mjs';
import { HOSTILE, writeHostilePortal } from './support-posters.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium', 'axe', 'pdfinfo', 'pdftoppm', 'pdftotext', 'zbarimg');

const PDF_OPTIONS = { format: 'A4', printBackground: true, preferCSSPageSize: true };

/** The target of a redirect page's <meta http-equiv="refresh" content="0; url=…">. */
function refreshTarget(file) {
  const m = readFileSync(file, 'utf8').match(/http-equiv=["']?refresh["']?\s+content=["'][^"']*url=([^"']+)["']/i);
  return m ? m[1].replace(/&amp;/g, '&') : null;
}

function describePdf(info) {
  return `${info.pages} page(s) of ${info.width}×${info.height} pt`;
}


/** Text for comparing: NFC, lower case, one space between words, word joiners dropped. */
const flat = (s) => s.normalize('NFC').replace(/\u2060/g, '').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi');

/**
 * Prints every poster and flyer of a built portal and checks each sheet: one page of the
 * right paper, nothing overflowing its box, the DOM's title, agency, next deadline and
 * contacts (or the "where to find" line) in the PDF's text, and a QR code that decodes to
 * the page's short URL. Returns {checked: [{url, size, text}], wrong: [messages]}.
 */
async function checkPosters({ browser, out, baseUrl, root, work, tag }) {
  const registry = readShortLinks(root);
  const codeOf = new Map(Object.entries(registry).filter(([, e]) => e.url && !e.retired).map(([code, e]) => [e.url, code]));
  // One print page per print run: the A4 poster, and the A5 flyer at its #a5.
  const sheets = listFiles(out, ['.html'])
    .map((f) => f.slice(out.length).replace(/index\.html$/, ''))
    .filter((p) => /\/ap-phich\/([^/]+\/)?$/.test(p))
    .sort()
    .flatMap((p) => [[p, 'A4', ''], [p, 'A5', '#a5']]);
  const checked = [];
  const wrong = [];
  const context = await newContext(browser);
  try {
    for (const [path, size, fragment] of sheets) {
      const subject = path.replace(/ap-phich\/$/, '');
      const code = codeOf.get(subject);
      const url = `${baseUrl}${path.slice(1)}${fragment}`;
      const { page, rec, response } = await openPage(context, url);
      if (response?.status() !== 200) {
        wrong.push(`${url} answered ${response?.status()}`);
        continue;
      }
      const problems = problemLines(rec);
      if (problems.length) wrong.push(`${url}: ${problems.join('; ')}`);
      const dom = await page.evaluate(() => {
        const sheet = document.querySelector('.sheet');
        // What this paper shows: the other paper's lines (.a4-only, .a5-only) are not printed.
        const text = (sel) => [...document.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0).map((e) => e.textContent);
        const clipped = [...sheet.querySelectorAll('*')]
          .filter((e) => getComputedStyle(e).display !== 'inline' && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
          .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> ${e.scrollWidth}×${e.scrollHeight} in ${e.clientWidth}×${e.clientHeight}`);
        if (sheet.scrollHeight > sheet.clientHeight + 1) clipped.unshift(`the sheet's content is ${sheet.scrollHeight}px high in ${sheet.clientHeight}px`);
        return {
          clipped,
          expected: [...text('h1'), ...text('.poster-org'), ...text('.poster-when'), ...text('.poster-ask li strong'), ...text('.poster-more')],
        };
      });
      if (dom.clipped.length) wrong.push(`${url}: clipped: ${dom.clipped.join('; ')}`);
      const pdf = join(work, `${tag}-${path.replace(/\W+/g, '-')}${size}.pdf`);
      writeFileSync(pdf, await page.pdf(PDF_OPTIONS));
      await page.close();
      const info = pdfInfo(pdf);
      if (info.pages !== 1) wrong.push(`${url}: prints on ${info.pages} pages (${pdf})`);
      if (!isPaper(info, size)) wrong.push(`${url}: printed as ${describePdf(info)}, expected ${size}`);
      const r = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      const text = flat(r.stdout ?? '');
      for (const e of dom.expected.map(flat).filter(Boolean)) {
        if (!text.includes(e)) wrong.push(`${url}: "${e}" is on the sheet but not in the printed text (${pdf})`);
      }
      const decoded = rasterizePdf(pdf, join(work, `${tag}-${path.replace(/\W+/g, '-')}${size}`), 150).flatMap((png) => zbarDecode(png));
      const expected = code ? [`${baseUrl}q/${code}/`] : [];
      if (JSON.stringify(decoded) !== JSON.stringify(expected)) wrong.push(`${url}: the QR code(s) decode to ${JSON.stringify(decoded)}, expected ${JSON.stringify(expected)}`);
      checked.push({ url, size, text });
    }
  } finally {
    await context.close();
  }
  return { checked, wrong };
}

describe('posters and QR codes (sample portal built for the local server)', { skip }, () => {
  let work;
  let out;
  let server;
  let browser;
  let codes; // uppercase short codes (a redirect page q/<CODE>/), sorted
  let pick; // {code, slug, path, title}: a campaign with a short code

  before(async () => {
    if (toolError) throw toolError;
    mkdirSync(ARTIFACTS, { recursive: true });
    work = tempDir();
    out = join(work, 'public');
    // Start the server first: the base URL must carry its port. Files are read per request.
    mkdirSync(out, { recursive: true });
    server = await serve(out);
    buildSite({ root: SITE_ROOT, out, baseUrl: server.url });
    browser = await launchBrowser();

    const qDir = join(out, 'q');
    codes = existsSync(qDir)
      ? readdirSync(qDir)
          .filter((d) => d === d.toUpperCase() && /[A-Z0-9]/.test(d) && existsSync(join(qDir, d, 'index.html')))
          .sort()
      : [];
    const registry = readShortLinks(SITE_ROOT);
    for (const code of codes) {
      const target = registry[code]?.url ?? refreshTarget(join(qDir, code, 'index.html'));
      const path = target?.startsWith(server.origin) ? target.slice(server.origin.length) : target;
      const m = path?.match(/^\/phong-trao\/([^/]+)\/$/);
      if (m && existsSync(join(out, 'phong-trao', m[1], 'ap-phich', 'index.html'))) {
        pick = { code, slug: m[1], path, title: registry[code]?.title ?? null };
        break;
      }
    }
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    cleanup(work);
  });

  const shortUrl = (code) => `${server.url}q/${code}/`;

  test('the A4 poster prints on one A4 page and its QR code leads to the campaign page', { timeout: 120_000 }, async (t) => {
    assert.ok(
      pick,
      `no campaign with a short code and a poster: q/<CODE>/ folders ${JSON.stringify(codes)}, ` +
        'none redirecting to a /phong-trao/<slug>/ page with ap-phich/',
    );
    const url = `${server.url}phong-trao/${pick.slug}/ap-phich/`;
    const expected = shortUrl(pick.code);
    t.diagnostic(`poster ${url}, short code ${pick.code}`);
    const context = await newContext(browser);
    try {
      const { page, rec, response } = await openPage(context, url);
      assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, `${url}:\n  ${problems.join('\n  ')}`);
      const text = await page.evaluate(() => document.body.innerText);
      assert.ok(text.includes(expected), `${url}: the poster does not print the short URL ${expected} for people who cannot scan`);

      const pdfPath = join(ARTIFACTS, 'poster-a4.pdf');
      writeFileSync(pdfPath, await page.pdf(PDF_OPTIONS));
      const info = pdfInfo(pdfPath);
      t.diagnostic(`${pdfPath}: ${describePdf(info)}`);
      assert.ok(isPaper(info, 'A4'), `${url}: printed as ${describePdf(info)}, expected A4 portrait (595×842 pt)`);
      assert.equal(info.pages, 1, `${url}: the A4 poster prints on ${info.pages} pages, expected 1 (${pdfPath})`);

      const pngs = rasterizePdf(pdfPath, join(work, 'poster-a4'), 150);
      assert.equal(pngs.length, 1, `pdftoppm made ${pngs.length} image(s) of ${pdfPath}`);
      const decoded = zbarDecode(pngs[0]);
      t.diagnostic(`zbarimg ${pngs[0]}: ${JSON.stringify(decoded)}`);
      assert.deepEqual(decoded, [expected], `${url}: the printed QR code (150 dpi raster of ${pdfPath}) decodes to ${JSON.stringify(decoded)}`);
      await page.close();

      // Follow the decoded URL as a phone would: the short link's redirect page, then the campaign.
      const phone = await context.newPage();
      const visited = [];
      phone.on('framenavigated', (f) => {
        if (f === phone.mainFrame()) visited.push(f.url());
      });
      const first = await phone.goto(decoded[0], { waitUntil: 'load' });
      assert.ok(first && first.status() < 400, `${decoded[0]} answered ${first?.status()}`);
      const campaignUrl = `${server.url}phong-trao/${pick.slug}/`;
      await phone.waitForURL(campaignUrl, { timeout: 10_000 }).catch(() => {
        throw new Error(`${decoded[0]} did not lead to ${campaignUrl}; visited: ${visited.join(' → ') || '(nothing)'}`);
      });
      await phone.waitForLoadState('load');
      t.diagnostic(`visited: ${visited.join(' → ')}`);
      assert.equal(visited[0], decoded[0], `the first page loaded was not the short link itself: ${visited.join(' → ')}`);
      const h1 = (await phone.textContent('h1'))?.trim() ?? '';
      if (pick.title) {
        assert.equal(h1.normalize('NFC'), pick.title.normalize('NFC'), `${campaignUrl}: the <h1> is not the campaign title`);
      } else {
        assert.ok(h1.length > 0, `${campaignUrl} has no <h1>`);
      }
    } finally {
      await context.close();
    }
  });

  test('a code typed in lower case reaches its page on a host without redirect rules (the 404 page)', { timeout: 60_000 }, async (t) => {
    assert.ok(pick, 'no campaign with a short code (see the poster test)');
    const lower = pick.code.toLowerCase();
    assert.notEqual(lower, pick.code, `fixture: the code ${pick.code} has no letter`);
    // One file per code: the typed spelling has none, this server answers 404.html for it.
    assert.ok(!existsSync(join(out, 'q', lower)), `q/${lower}/ should not be written`);
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      const visited = [];
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) visited.push(f.url());
      });
      const typed = `${server.url}q/${lower}/`;
      const first = await page.goto(typed, { waitUntil: 'load' });
      assert.equal(first?.status(), 404, `${typed} should be the 404 page on this host`);
      const campaignUrl = `${server.url}phong-trao/${pick.slug}/`;
      await page.waitForURL(campaignUrl, { timeout: 10_000 }).catch(() => {
        throw new Error(`${typed} did not lead to ${campaignUrl}; visited: ${visited.join(' → ')}`);
      });
      t.diagnostic(`visited: ${visited.join(' → ')}`);
      assert.ok(visited.includes(shortUrl(pick.code)), `through the printed spelling's file: ${visited.join(' → ')}`);
      // An address that is still missing stays on the 404 page (no loop, no guess).
      const missing = await page.goto(`${server.url}q/zzzzzzzz/`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      assert.equal(missing?.status(), 404);
      assert.ok(page.url().endsWith('/q/ZZZZZZZZ/'), `an unknown code ends on the 404 page of its upper-case spelling: ${page.url()}`);
    } finally {
      await context.close();
    }
  });

  // The inline drawing alone on a blank page at 8 px a module, screenshot, read by zbarimg.
  async function decodeDrawing(page, svg, name) {
    const side = Number(svg.match(/viewBox="0 0 (\d+) /)[1]);
    await page.setViewportSize({ width: side * 8, height: side * 8 });
    await page.goto('about:blank');
    await page.setContent(`<body style="margin:0">${svg.replace('<svg ', `<svg width="${side * 8}" height="${side * 8}" `)}</body>`);
    const shot = join(work, `${name}.png`);
    await page.screenshot({ path: shot });
    return zbarDecode(shot);
  }

  test('every short code is drawn inline in its page, decodes to its own short URL, and no image file is written', { timeout: 60_000 }, async (t) => {
    assert.ok(codes.length > 0, `no q/<CODE>/ in the build output ${out}`);
    const wrong = [];
    const context = await newContext(browser);
    try {
      const page = await context.newPage();
      for (const code of codes) {
        for (const file of ['qr.svg', 'qr.png']) {
          if (existsSync(join(out, 'q', code, file))) wrong.push(`q/${code}/${file} is written: the code is drawn inline`);
        }
        const target = refreshTarget(join(out, 'q', code, 'index.html'));
        const path = target?.startsWith(server.origin) ? target.slice(server.origin.length) : target;
        await page.goto(new URL(path, server.url).href);
        const svg = await page.evaluate(() => document.querySelector('.qr-downloads .qr-img svg')?.outerHTML ?? null);
        if (!svg) {
          wrong.push(`${path} (the page of q/${code}/) draws no QR code`);
          continue;
        }
        const decoded = await decodeDrawing(page, svg, `qr-${code}`);
        if (decoded.length !== 1 || decoded[0] !== shortUrl(code)) {
          wrong.push(`the QR code drawn in ${path} decodes to ${JSON.stringify(decoded)}, expected ${shortUrl(code)}`);
        }
      }
    } finally {
      await context.close();
    }
    t.diagnostic(`${codes.length} QR code(s) decoded: ${codes.join(', ')}`);
    // Every live code of the registry must have its redirect page in the output.
    const registry = readShortLinks(SITE_ROOT);
    const live = Object.entries(registry)
      .filter(([, e]) => e.page && !e.retired)
      .map(([code]) => code);
    const missing = live.filter((code) => !codes.includes(code));
    for (const code of missing) wrong.push(`short-links.yaml lists ${code} but the output has no q/${code}/`);
    assert.equal(wrong.length, 0, wrong.join('\n'));
  });

  test('"Tải mã QR (SVG)" saves the drawing as an SVG file, and it decodes', { timeout: 60_000 }, async (t) => {
    assert.ok(pick, 'no campaign with a short code (see the poster test)');
    const url = `${server.url}phong-trao/${pick.slug}/`;
    const context = await newContext(browser, { acceptDownloads: true });
    try {
      const { page, rec } = await openPage(context, url);
      const link = page.locator('[data-qr-svg] a');
      await link.waitFor({ state: 'visible', timeout: 10_000 });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), link.click()]);
      assert.equal(download.suggestedFilename(), `${pick.code}.svg`);
      const file = join(work, `download-${pick.code}.svg`);
      await download.saveAs(file);
      const svg = readFileSync(file, 'utf8');
      assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"/, `${file}: ${svg.slice(0, 120)}`);
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, `${url}:\n  ${problems.join('\n  ')}`);
      const decoded = await decodeDrawing(await context.newPage(), svg, `download-svg-${pick.code}`);
      t.diagnostic(`${file}: ${svg.length} B, zbarimg ${JSON.stringify(decoded)}`);
      assert.deepEqual(decoded, [shortUrl(pick.code)]);
    } finally {
      await context.close();
    }
  });

  test('"Tải mã QR (PNG)" draws the PNG from the inline drawing in the browser, at 16 px a module, and it decodes', { timeout: 60_000 }, async (t) => {
    assert.ok(pick, 'no campaign with a short code (see the poster test)');
    const url = `${server.url}phong-trao/${pick.slug}/`;
    const context = await newContext(browser, { acceptDownloads: true });
    try {
      const { page, rec } = await openPage(context, url);
      const link = page.locator('[data-qr-png] a');
      await link.waitFor({ state: 'visible', timeout: 10_000 });
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), link.click()]);
      assert.equal(download.suggestedFilename(), `${pick.code}.png`);
      const file = join(work, `download-${pick.code}.png`);
      await download.saveAs(file);
      const bytes = readFileSync(file);
      assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is not a PNG`);
      const drawn = await page.evaluate(() => document.querySelector('.qr-downloads .qr-img svg').outerHTML);
      const side = Number(drawn.match(/viewBox="0 0 (\d+) /)[1]);
      const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
      assert.deepEqual([width, height], [side * 16, side * 16], `the PNG is ${width}×${height}, expected ${side * 16} square`);
      const decoded = zbarDecode(file);
      t.diagnostic(`${file}: ${width}×${height}, zbarimg ${JSON.stringify(decoded)}`);
      assert.deepEqual(decoded, [shortUrl(pick.code)]);
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, `${url}:\n  ${problems.join('\n  ')}`);
    } finally {
      await context.close();
    }
  });

  test('the A5 flyer prints as A5 with a readable QR code, on one page', { timeout: 60_000 }, async (t) => {
    assert.ok(pick, 'no campaign with a short code (see the poster test)');
    // The flyer is the print page's A5 switch.
    const url = `${server.url}phong-trao/${pick.slug}/ap-phich/#a5`;
    const context = await newContext(browser);
    try {
      const { page, rec, response } = await openPage(context, url);
      assert.equal(response?.status(), 200, `${url} answered ${response?.status()}`);
      const problems = problemLines(rec);
      assert.equal(problems.length, 0, `${url}:\n  ${problems.join('\n  ')}`);
      const pdfPath = join(ARTIFACTS, 'flyer-a5.pdf');
      // The switch's own link makes the page A5 too, without a script.
      const { page: other } = await openPage(context, `${server.url}phong-trao/${pick.slug}/ap-phich/`);
      await other.click('a[href="#a5"]');
      const switched = join(work, 'flyer-a5-switched.pdf');
      writeFileSync(switched, await other.pdf(PDF_OPTIONS));
      assert.ok(isPaper(pdfInfo(switched), 'A5'), `the A5 link of the print page: printed as ${describePdf(pdfInfo(switched))}`);
      // format A4 is only the fallback: the flyer's @page size must win.
      writeFileSync(pdfPath, await page.pdf(PDF_OPTIONS));
      const info = pdfInfo(pdfPath);
      t.diagnostic(`${url} → ${pdfPath}: ${describePdf(info)}`);

      await t.test('page size is A5 portrait (≈ 420×595 pt)', () => {
        assert.ok(isPaper(info, 'A5'), `${url}: printed as ${describePdf(info)}, expected A5 portrait (420×595 pt)`);
      });

      await t.test('its QR code decodes to the short URL', () => {
        const pngs = rasterizePdf(pdfPath, join(work, 'flyer-a5'), 150);
        const decoded = pngs.flatMap((png) => zbarDecode(png));
        assert.deepEqual(decoded, [shortUrl(pick.code)], `${url}: the printed QR code(s) decode to ${JSON.stringify(decoded)}`);
      });

      await t.test('fits on one A5 sheet', () => {
        assert.equal(
          info.pages,
          1,
          `${url}: the A5 flyer prints on ${info.pages} pages, expected 1; see ${pdfPath} ` +
            `(pdftotext -f 2 ${pdfPath} - shows what spills over)`,
        );
      });
    } finally {
      await context.close();
    }
  });
  test('every poster and flyer prints on one sheet with its QR code, nothing clipped', { timeout: 300_000 }, async (t) => {
    const { checked, wrong } = await checkPosters({ browser, out, baseUrl: server.url, root: SITE_ROOT, work, tag: 'sample' });
    t.diagnostic(`${checked.length} sheet(s): ${checked.map((c) => c.url).join(', ')}`);
    assert.ok(checked.some((c) => c.size === 'A4') && checked.some((c) => c.size === 'A5'), `no posters and flyers found in ${out}`);
    assert.equal(wrong.length, 0, wrong.join('\n'));
  });
});

describe('posters and flyers of a generated portal with hostile sizes', { skip }, () => {
  let work;
  let root;
  let out;
  let server;
  let browser;

  before(async () => {
    if (toolError) throw toolError;
    work = tempDir('loa-posters-');
    root = join(work, 'portal');
    out = join(work, 'public');
    writeHostilePortal(root);
    mkdirSync(out, { recursive: true });
    server = await serve(out);
    buildSite({ root, out, baseUrl: server.url });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    cleanup(work);
  });

  test('long titles and agencies, five contacts, no guide or contact: one sheet each, every fact printed', { timeout: 300_000 }, async (t) => {
    const { checked, wrong } = await checkPosters({ browser, out, baseUrl: server.url, root, work, tag: 'hostile' });
    t.diagnostic(`${checked.length} sheet(s)`);
    const sheet = (slug, size) => checked.find((c) => c.url.endsWith(`/phong-trao/${slug}/ap-phich/${size === 'A4' ? '' : '#a5'}`));
    for (const size of ['A4', 'A5']) {
      const long = sheet(HOSTILE.campaign, size);
      assert.ok(long, `no ${size} sheet of ${HOSTILE.campaign}`);
      // What the source says, not what the page shows: the sheet must carry it.
      for (const fact of [HOSTILE.title, HOSTILE.agency, '31/03/2030', HOSTILE.deadline.what]) {
        if (!long.text.includes(flat(fact))) wrong.push(`${long.url}: the printed text lacks "${fact}"`);
      }
      const names = HOSTILE.contacts.map((c) => c[1]);
      const missing = names.filter((n) => !long.text.includes(flat(n)));
      if (size === 'A4' && missing.length) wrong.push(`${long.url}: the A4 poster drops the contacts ${missing.join(', ')}`);
      if (missing.length && !long.text.includes(flat('Danh sách đầy đủ các đầu mối liên hệ tại'))) {
        wrong.push(`${long.url}: drops ${missing.join(', ')} without saying where to find them`);
      }
      const bare = sheet(HOSTILE.bare, size);
      assert.ok(bare, `no ${size} sheet of ${HOSTILE.bare}`);
      if (!bare.text.includes(flat(HOSTILE.bareTitle))) wrong.push(`${bare.url}: the printed text lacks its title`);
      if (!bare.text.includes(flat(HOSTILE.site))) wrong.push(`${bare.url}: a campaign with no organizer must name the portal`);
    }
    assert.equal(wrong.length, 0, wrong.join('\n'));
  });
});
