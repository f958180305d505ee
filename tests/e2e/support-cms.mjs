// The web editor's browser test support: a temporary Git repository holding a copy of the
// sample portal with `cms:` pointing at Decap's local backend (`decap-server` from npm, in
// its Git mode, on loopback), the built portal served with its `_headers`, and helpers to
// read what the editor committed.

import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

import { REPO, SITE_ROOT, buildSite, tempDir } from './helpers.mjs';
import { copyPortal, serveWithHeaders } from './support-opendata.mjs';

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
  const out = buildSite({ root: repo, out: join(tmp, 'public') });
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
