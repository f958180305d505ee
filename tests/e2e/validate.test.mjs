// Runs the Nu Html Checker (vnu.jar from the vnu-jar npm package) over every generated .html
// file of the sample portal, and over every .svg with --also-check-svg. Any error fails.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { buildSite, cleanup, listFiles, SITE_ROOT, tempDir, toolCheck, vnuCheck } from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'java', 'vnu');

describe('Nu Html Checker (sample portal)', { skip }, () => {
  let work;
  let out;

  before(() => {
    if (toolError) throw toolError;
    work = tempDir();
    out = buildSite({ root: SITE_ROOT, out: join(work, 'public') });
  });

  after(() => cleanup(work));

  test('every .html file is valid', { timeout: 300_000 }, async (t) => {
    const files = listFiles(out, ['.html']);
    assert.ok(files.length > 0, `no .html files in ${out}`);
    const { errors, warnings } = await vnuCheck(out, files);
    t.diagnostic(`${files.length} HTML file(s) checked: ${errors.length} error(s), ${warnings} warning(s)`);
    assert.equal(errors.length, 0, `${errors.length} vnu error(s):\n${errors.join('\n')}`);
  });

  test('every .svg file is valid', { timeout: 120_000 }, async (t) => {
    const files = listFiles(out, ['.svg']);
    if (files.length === 0) {
      t.diagnostic('no .svg files in the output');
      return;
    }
    const { errors, warnings } = await vnuCheck(out, files, ['--also-check-svg']);
    t.diagnostic(`${files.length} SVG file(s) checked: ${errors.length} error(s), ${warnings} warning(s)`);
    assert.equal(errors.length, 0, `${errors.length} vnu error(s):\n${errors.join('\n')}`);
  });
});
