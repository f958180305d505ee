// The gates must catch a broken theme. A copy of tests/fixtures/minimal gets a
// templates/404.html override with three planted defects: misnested and unclosed tags (the
// Nu Html Checker must report an error in 404.html), an <img> without alt (axe must report
// image-alt on the served 404 page) and a dead internal link (loa check --links must exit 1
// naming 404.html and /khong-co/). As a control, the unmodified fixture passes all three.

import assert from 'node:assert/strict';
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  buildSite,
  cleanup,
  launchBrowser,
  newContext,
  REPO,
  runAxe,
  runLoa,
  serve,
  tempDir,
  toolCheck,
  vnuCheck,
} from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium', 'axe', 'java', 'vnu');

const DEAD_LINK = '/khong-co/';

// A standalone page (no theme layout) with the three defects.
const BROKEN_404 = `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Không tìm thấy trang</title>
</head>
<body>
<main>
<h1>Không tìm thấy trang</h1>
<div class="loi">
<p>Thẻ lồng sai: <b><i>in đậm nghiêng</b></i></p>
<p><img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" width="120" height="40"></p>
<p><a href="${DEAD_LINK}">Trang không có</a></p>
</main>
</body>
</html>
`;

describe('gates fail on a broken theme (404.html override in a copy of tests/fixtures/minimal)', { skip }, () => {
  let work;
  let root; // the broken copy
  let out;
  let goodRoot; // the unmodified copy (control)
  let goodOut;

  before(() => {
    if (toolError) throw toolError;
    work = tempDir('loa-e2e-gates-');
    goodRoot = join(work, 'good-site');
    cpSync(join(REPO, 'tests', 'fixtures', 'minimal'), goodRoot, { recursive: true });
    goodOut = buildSite({ root: goodRoot, out: join(work, 'good') });
    root = join(work, 'site');
    cpSync(join(REPO, 'tests', 'fixtures', 'minimal'), root, { recursive: true });
    mkdirSync(join(root, 'templates'), { recursive: true });
    writeFileSync(join(root, 'templates', '404.html'), BROKEN_404);
    out = buildSite({ root, out: join(work, 'public') });
  });

  after(() => cleanup(work));

  test('the Nu Html Checker reports an error in 404.html (none in the control)', { timeout: 120_000 }, async (t) => {
    // One vnu run for both files; paths are reported relative to `work`.
    const { errors } = await vnuCheck(work, [join(goodOut, '404.html'), join(out, '404.html')]);
    t.diagnostic(`vnu: ${errors.length} error(s):\n${errors.join('\n')}`);
    const control = errors.filter((e) => e.startsWith('good/'));
    assert.equal(control.length, 0, `the unmodified fixture's 404.html already has vnu errors:\n${control.join('\n')}`);
    const in404 = errors.filter((e) => e.startsWith('public/404.html:'));
    assert.ok(in404.length > 0, `vnu reported no error naming 404.html (errors: ${JSON.stringify(errors)})`);
    assert.ok(
      in404.some((e) => /nesting|Unclosed element|open elements|No “i” element in scope/.test(e)),
      `vnu did not report the misnested/unclosed tags:\n${in404.join('\n')}`,
    );
  });

  test('axe reports image-alt (serious or critical) on the served 404 page (not in the control)', { timeout: 60_000 }, async (t) => {
    const server = await serve(out);
    const goodServer = await serve(goodOut);
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser);
      const goodPage = await context.newPage();
      const goodUrl = `${goodServer.url}khong-ton-tai-gates/`;
      assert.equal((await goodPage.goto(goodUrl, { waitUntil: 'load' }))?.status(), 404, `${goodUrl}: expected the 404 page`);
      const goodViolations = await runAxe(goodPage);
      t.diagnostic(`control ${goodUrl}: axe ${goodViolations.map((v) => `${v.id} (${v.impact})`).join(', ') || 'nothing'}`);
      assert.ok(!goodViolations.some((v) => v.id === 'image-alt'), `the unmodified fixture's 404 page already has image-alt`);

      const page = await context.newPage();
      const url = `${server.url}khong-ton-tai-gates/`;
      const response = await page.goto(url, { waitUntil: 'load' });
      assert.equal(response?.status(), 404, `${url} answered ${response?.status()}, expected the 404 page`);
      assert.equal(await page.textContent('h1'), 'Không tìm thấy trang', `${url} is not the planted 404 page`);
      const violations = await runAxe(page);
      t.diagnostic(`${url}: axe ${violations.map((v) => `${v.id} (${v.impact})`).join(', ') || 'nothing'}`);
      const imageAlt = violations.find((v) => v.id === 'image-alt');
      assert.ok(imageAlt, `axe did not report image-alt on ${url}: ${JSON.stringify(violations.map((v) => v.id))}`);
      assert.ok(
        imageAlt.impact === 'serious' || imageAlt.impact === 'critical',
        `image-alt has impact ${imageAlt.impact}; the quality gate only fails on serious/critical`,
      );
    } finally {
      await browser.close();
      await server.close();
      await goodServer.close();
    }
  });

  test(`loa check --links exits 1 naming 404.html and ${DEAD_LINK} (0 for the control)`, (t) => {
    const good = runLoa(['check', '--links', '--root', goodRoot, '--out', goodOut], { cwd: work });
    assert.equal(good.status, 0, `the unmodified fixture fails loa check --links (exit ${good.status}):\n${good.stderr}`);
    const r = runLoa(['check', '--links', '--root', root, '--out', out], { cwd: work });
    t.diagnostic(`exit ${r.status}; stderr:\n${r.stderr}`);
    assert.equal(r.status, 1, `expected exit 1, got ${r.status}\n--- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`);
    // Each diagnostic is a block as rustc prints it: `error: …`, ` --> file:line:col`, the
    // source line, the hint; blocks are separated by a blank line.
    const blocks = r.stderr.split(/\n\s*\n/).filter((b) => b.includes(DEAD_LINK));
    assert.ok(blocks.length > 0, `stderr does not name ${DEAD_LINK}:\n${r.stderr}`);
    assert.ok(
      blocks.some((b) => /-->\s*(\S*\/)?404\.html:\d+:\d+/.test(b)),
      `stderr names ${DEAD_LINK} but not in a diagnostic at 404.html:line:col:\n${r.stderr}`,
    );
  });
});
