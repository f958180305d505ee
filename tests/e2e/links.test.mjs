// The link checker (`loa check --links`) must pass on the sample portal built as is and
// built under a sub-path base URL, and must fail (exit 1, naming the page) when a linked
// file is missing from the output.

import assert from 'node:assert/strict';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  buildSite,
  cleanup,
  LIST_FOLDERS,
  listFiles,
  pageDirs,
  rel,
  runLoa,
  SITE_ROOT,
  siteBaseUrl,
  tempDir,
  toolCheck,
} from './helpers.mjs';

const { skip, toolError } = toolCheck('loa');

const SUB_PATH_BASE = 'https://example.gov.vn/thidua/';

function checkLinks(out, baseUrl) {
  const args = ['check', '--links', '--out', out, '--root', '.'];
  // The output of a --base-url build only makes sense with the same base URL.
  if (baseUrl) args.push('--base-url', baseUrl);
  return runLoa(args, { cwd: SITE_ROOT });
}

function describeRun(r) {
  return `exit ${r.status}${r.signal ? ` (signal ${r.signal})` : ''}\n--- stderr ---\n${r.stderr}\n--- stdout ---\n${r.stdout}`;
}

/** Output-relative files linked (href/src) from an HTML file, resolved against the base URL. */
function linkedFiles(out, file, baseUrl) {
  const html = readFileSync(file, 'utf8');
  const pageUrl = new URL(rel(out, file).replace(/index\.html$/, ''), baseUrl);
  const targets = new Set();
  for (const m of html.matchAll(/\s(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    const raw = (m[1] ?? m[2]).replace(/&amp;/g, '&');
    if (!raw || raw.startsWith('#') || /^(mailto|tel|data|javascript):/i.test(raw)) continue;
    let u;
    try {
      u = new URL(raw, pageUrl);
    } catch {
      continue;
    }
    u.hash = '';
    u.search = '';
    if (!u.href.startsWith(baseUrl)) continue;
    let p = decodeURIComponent(u.href.slice(baseUrl.length));
    if (p === '' || p.endsWith('/')) p += 'index.html';
    targets.add(p);
  }
  return targets;
}

describe('link checker (loa check --links)', { skip }, () => {
  let work;
  let asIs;
  let subPath;

  before(() => {
    if (toolError) throw toolError;
    work = tempDir();
    asIs = buildSite({ root: SITE_ROOT, out: join(work, 'as-is') });
    subPath = buildSite({ root: SITE_ROOT, out: join(work, 'sub-path'), baseUrl: SUB_PATH_BASE });
  });

  after(() => cleanup(work));

  test('passes on the sample portal built as is', () => {
    const r = checkLinks(asIs);
    assert.equal(r.status, 0, `loa check --links on ${asIs}: ${describeRun(r)}`);
  });

  test(`passes on the sample portal built with --base-url ${SUB_PATH_BASE}`, () => {
    const r = checkLinks(subPath, SUB_PATH_BASE);
    assert.equal(r.status, 0, `loa check --links on ${subPath}: ${describeRun(r)}`);
  });

  test('fails with exit 1, naming the page, when a linked file is missing', (t) => {
    const baseUrl = siteBaseUrl(SITE_ROOT);
    assert.ok(baseUrl, `cannot read base_url from ${join(SITE_ROOT, 'site.yaml')}`);
    const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;

    const broken = join(work, 'broken');
    cpSync(asIs, broken, { recursive: true });

    // The page that will have the broken link: a directive page.
    const directives = pageDirs(join(broken, 'van-ban')).filter((d) => !LIST_FOLDERS.has(d));
    assert.ok(directives.length > 0, 'no directive page (van-ban/*/index.html) in the build');
    const pageRel = `van-ban/${directives[0]}/index.html`;
    const pageFile = join(broken, pageRel);

    // Delete the file it links to that the fewest other pages link to.
    const referrers = new Map();
    for (const f of listFiles(broken, ['.html'])) {
      for (const target of linkedFiles(broken, f, base)) {
        referrers.set(target, (referrers.get(target) ?? 0) + 1);
      }
    }
    const candidates = [...linkedFiles(broken, pageFile, base)]
      .filter((p) => p !== pageRel && p !== 'index.html' && existsSync(join(broken, p)))
      .sort((a, b) => referrers.get(a) - referrers.get(b) || a.localeCompare(b));
    assert.ok(candidates.length > 0, `${pageRel} links to no local file`);
    const victim = candidates[0];
    rmSync(join(broken, victim));
    t.diagnostic(`deleted ${victim} (linked from ${referrers.get(victim)} page(s), including ${pageRel})`);

    const r = checkLinks(broken);
    assert.equal(r.status, 1, `expected exit 1 after deleting ${victim}: ${describeRun(r)}`);
    const pageName = `van-ban/${directives[0]}`;
    assert.ok(
      r.stderr.includes(pageName),
      `stderr does not name the page ${pageName} that links to the deleted ${victim}:\n${r.stderr}`,
    );
  });
});
