// The web editor's browser test support: a temporary Git repository holding a copy of the
// sample portal with `cms:` pointing at Decap's local backend (`decap-server` from npm, in
// its Git mode, on loopback), the built portal served with its `_headers`, and helpers to
// read what the editor committed.

import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { REPO, SITE_ROOT, buildSite, tempDir } from './helpers.mjs';
import { copyPortal, serveWithHeaders } from './support-opendata.mjs';

/** The folder of the directive the edit test changes (committed by `startEditor`). */
export const EDIT_FIXTURE = 'tb-12-lhh-nop-ho-so-du-thi';

/** A free loopback port. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs git in `cwd`; throws with its output on failure. */
export function git(cwd, ...args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/**
 * The portal repository and its editor: returns {tmp, repo, out, url, api, requests, stop}.
 * `url` is the admin page; `requests` the paths the web server answered.
 */
export async function startEditor() {
  const tmp = tempDir('loa-cms-');
  const repo = join(tmp, 'repo');
  copyPortal(SITE_ROOT, repo);
  const apiPort = await freePort();
  const api = `http://127.0.0.1:${apiPort}/api/v1`;
  appendFileSync(
    join(repo, 'site.yaml'),
    `\ncms:\n  backend: gitlab\n  repo: so-khcn/cong-thi-dua\n  local_backend: ${api}\n`,
  );
  // A directive with a deadline that no other directive extends, for the edit test (the
  // sample's one deadline is extended elsewhere, so moving it is rightly an error).
  const fixture = join(repo, 'content', 'directives', '2024', EDIT_FIXTURE);
  mkdirSync(fixture, { recursive: true });
  writeFileSync(
    join(fixture, 'index.md'),
    `---
title: nộp hồ sơ dự thi Hội thi Sáng tạo kỹ thuật
doc_type: thong-bao
number: 12/TB-LHH
issuer: lien-hiep-hoi-thanh-hoa
place: Thanh Hóa
date: 2024-07-01
campaigns: [hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14]
recipients:
  - Các hội thành viên
  - Các sở, ban, ngành
deadlines:
  - date: 2024-08-15
    what: Nộp hồ sơ dự thi về Thường trực Hội thi
---

Thường trực Hội thi nhận hồ sơ dự thi đến hết ngày 15/8/2024.
`,
  );
  // Build before the first commit: a build updates state files in the portal
  // (`published-pages.yaml`, `.loa-cache/`), and decap-server's Git mode commits whatever
  // the working tree holds along with the entry.
  const out = buildSite({ root: repo, out: join(tmp, 'public') });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'bien-tap@example.gov.vn');
  git(repo, 'config', 'user.name', 'Biên tập');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'Cổng mẫu');
  const server = spawn(process.execPath, [join(REPO, 'node_modules', 'decap-server', 'dist', 'index.js')], {
    env: { ...process.env, MODE: 'git', PORT: String(apiPort), BIND_HOST: '127.0.0.1', GIT_REPO_DIRECTORY: repo, LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (d) => (log += d));
  server.stderr.on('data', (d) => (log += d));
  await waitForApi(api, () => log);
  const web = await serveWithHeaders(out);
  return {
    tmp,
    repo,
    out,
    api,
    web,
    url: `${web.url}admin/`,
    log: () => log,
    stop: async () => {
      server.kill();
      await web.close?.();
    },
  };
}

async function waitForApi(api, log) {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"action":"info"}' });
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`decap-server did not start:\n${log()}`);
}
