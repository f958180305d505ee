// A national portal in the browser: a member portal (the `minimal` fixture) built and served
// on loopback, a national portal whose `federation:` names it, built and served too. The
// national pages (/toan-quoc/, /toan-quoc/han/) list the member's campaign and deadlines,
// every item links to the member's own page (which opens there), they pass axe, and the
// sitemap lists them.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  LOA_BIN,
  REPO,
  axeSerious,
  buildSite,
  cleanup,
  formatAxe,
  launchBrowser,
  missingTools,
  newContext,
  openPage,
  problemLines,
  serve,
  tempDir,
} from './helpers.mjs';

const FIXTURE = join(REPO, 'tests', 'fixtures', 'minimal');

/** `loa build` in a child process, awaited: the member's server runs in this process, so a
 * blocking spawn would leave the national build's requests unanswered. */
function buildAwaited(root, out) {
  return new Promise((ok, fail) => {
    const child = spawn(LOA_BIN, ['build', '--root', root, '--out', out, '--quiet'], { cwd: REPO });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? ok({ out, stderr }) : fail(new Error(`loa build exited ${code}\n${stderr}`))));
  });
}

let skip = false;
let toolError = null;
try {
  skip = missingTools('loa', 'chromium') || false;
} catch (e) {
  toolError = e;
}

describe('national pages over a member portal', { skip }, () => {
  let work;
  let memberServer;
  let nationalServer;
  let nationalOut;
  let browser;

  before(async () => {
    if (toolError) throw toolError;
    work = tempDir('loa-national-');
    const memberOut = join(work, 'member-out');
    mkdirSync(memberOut);
    memberServer = await serve(memberOut);
    cpSync(FIXTURE, join(work, 'member'), { recursive: true });
    buildSite({ root: join(work, 'member'), out: memberOut, baseUrl: memberServer.url });

    cpSync(FIXTURE, join(work, 'national'), { recursive: true });
    const yaml = join(work, 'national', 'site.yaml');
    writeFileSync(
      yaml,
      `${readFileSync(yaml, 'utf8')}federation:\n  - name: Tỉnh Mẫu\n    base_url: ${memberServer.url}\n`,
    );
    const built = await buildAwaited(join(work, 'national'), join(work, 'national-out'));
    assert.equal(built.stderr, '', 'the member was read without a warning');
    nationalOut = built.out;
    nationalServer = await serve(nationalOut);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await memberServer?.close();
    await nationalServer?.close();
    if (work) cleanup(work);
  });

  test('the campaign list links each campaign to the member, whose page opens', async () => {
    const context = await newContext(browser);
    const { page, rec, response } = await openPage(context, `${nationalServer.url}toan-quoc/`);
    assert.equal(response.status(), 200);
    const link = page.locator(`table.national-list a[href="${memberServer.url}phong-trao/hoi-thi-mau/"]`);
    assert.equal(await link.count(), 1, 'the member campaign, linked to its own page');
    assert.match(await page.locator('table.national-list tbody tr').first().innerText(), /Tỉnh Mẫu/);
    const serious = await axeSerious(page);
    assert.equal(serious.length, 0, formatAxe(page.url(), serious));
    assert.deepEqual(problemLines(rec), []);
    await Promise.all([page.waitForURL(`${memberServer.url}phong-trao/hoi-thi-mau/`), link.click()]);
    assert.equal(await page.locator('h1').count() > 0, true, 'the member page opened');
    await context.close();
  });

  test('the deadline page lists the member deadlines, linked to the member documents', async () => {
    const context = await newContext(browser);
    const { page, rec, response } = await openPage(context, `${nationalServer.url}toan-quoc/han/`);
    assert.equal(response.status(), 200);
    const links = await page.locator('ol.national-deadlines a').evaluateAll((as) => as.map((a) => a.href));
    assert.ok(links.length > 0, 'the member deadlines are listed');
    for (const href of links) assert.ok(href.startsWith(memberServer.url), `${href} is on the member portal`);
    const serious = await axeSerious(page);
    assert.equal(serious.length, 0, formatAxe(page.url(), serious));
    assert.deepEqual(problemLines(rec), []);
    await context.close();
  });

  test('the sitemap lists the national pages', () => {
    const sitemap = readFileSync(join(nationalOut, 'sitemap.xml'), 'utf8');
    for (const path of ['toan-quoc/', 'toan-quoc/han/']) {
      assert.ok(sitemap.includes(`<loc>https://thidua.example.gov.vn/${path}</loc>`), `${path} in sitemap.xml`);
    }
  });
});
