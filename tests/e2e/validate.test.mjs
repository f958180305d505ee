// Runs the Nu Html Checker (vnu.jar from the vnu-jar npm package) over every generated .html
// file of the sample portal, and over every .svg with --also-check-svg. Any error fails.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

import { JAVA, SITE_ROOT, VNU_JAR, buildSite, cleanup, listFiles, missingTools, rel, tempDir } from './helpers.mjs';

let skip = false;
let toolError = null;
try {
  skip = missingTools('loa', 'java', 'vnu') ?? false;
} catch (e) {
  toolError = e;
}

const BATCH = 150;

function runVnu(files, extraArgs = []) {
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

/** Runs vnu over files in batches; returns {errors: [line], warnings: count}. */
async function check(out, files, extraArgs = []) {
  const errors = [];
  let warnings = 0;
  for (let i = 0; i < files.length; i += BATCH) {
    const messages = await runVnu(files.slice(i, i + BATCH), extraArgs);
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
    const { errors, warnings } = await check(out, files);
    t.diagnostic(`${files.length} HTML file(s) checked: ${errors.length} error(s), ${warnings} warning(s)`);
    assert.equal(errors.length, 0, `${errors.length} vnu error(s):\n${errors.join('\n')}`);
  });

  test('every .svg file is valid', { timeout: 120_000 }, async (t) => {
    const files = listFiles(out, ['.svg']);
    if (files.length === 0) {
      t.diagnostic('no .svg files in the output');
      return;
    }
    const { errors, warnings } = await check(out, files, ['--also-check-svg']);
    t.diagnostic(`${files.length} SVG file(s) checked: ${errors.length} error(s), ${warnings} warning(s)`);
    assert.equal(errors.length, 0, `${errors.length} vnu error(s):\n${errors.join('\n')}`);
  });
});
