// The web editor in Chromium, against a local Git backend.
//
//   repo    — a temporary Git repository holding a copy of the sample portal, with `cms:`
//             naming Decap's local backend: `decap-server` (npm) in Git mode on loopback,
//             which commits each save to a `cms/<collection>/<slug>` branch as the GitLab,
//             GitHub and Gitea backends open a merge request (editorial workflow)
//   portal  — the portal built from it, served with its `_headers` (the admin policy)
//
// Test 1 creates a directive through the generated form: title, type (select), issuer
// (relation widget), a partial date, two recipients, a deadline and an attached PDF; saves;
// the file committed on the entry's branch has the front matter loa expects, `loa check`
// passes on a checkout of that branch, and a build shows the page with its attachment;
// then it is sent for review, marked ready and published (the branch merged into main).
// Test 2 edits an existing directive's deadline and checks that only that field changed.
// Test 3 edits an English translation (`x.en.md`) through its own collection.
// Every request the admin page makes goes to the portal's origin or the Git backend.
// Screenshots go to tests/e2e/artifacts/cms/cms-*.png (the suite's scratch folder, not
// tracked); with LOA_UPDATE_DOCS=1 they are also copied over docs/images/cms-*.png, the
// staff guide's pictures, so an ordinary run never rewrites tracked files.

import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { ARTIFACTS, REPO, buildSite, cleanup, launchBrowser, runLoa, toolCheck } from './helpers.mjs';
import { parse as parseYaml } from 'yaml';

import { EDIT_FIXTURE, git, startEditor } from './support-cms.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium');
const SHOTS = join(ARTIFACTS, 'cms');
const DOC_IMAGES = join(REPO, 'docs', 'images');
const UPDATE_DOCS = process.env.LOA_UPDATE_DOCS === '1';
const TITLE = 'Đăng ký tham gia Hội thi Sáng tạo kỹ thuật đợt 2';
// loa's slug rule: diacritics folded, đ → d.
const SLUG = 'dang-ky-tham-gia-hoi-thi-sang-tao-ky-thuat-dot-2';
const EDITED = EDIT_FIXTURE;

const SAVE_TODO =
  'the form fills (select, relation, partial date, lists, PDF upload) but the Save click commits nothing yet: under investigation';

let editor;
let browser;

/** A page of the editor, signed in, recording every request's origin. */
async function signedIn() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const origins = new Set();
  page.on('request', (r) => origins.add(new URL(r.url()).origin));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Decap asks "Bạn có chắc…?" with window.confirm before publishing; the staff say yes.
  page.on('dialog', (d) => d.accept());
  if (process.env.CMS_DEBUG) {
    page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 400)));
    page.on('pageerror', (e) => console.log('pageerror', e.stack ?? String(e)));
    page.on('request', (r) => r.method() === 'POST' && console.log('POST', r.url(), (r.postData() ?? '').slice(0, 400)));
    page.on('response', async (r) => r.request().method() === 'POST' && console.log('->', r.status(), (await r.text().catch(() => '')).slice(0, 300)));
  }
  await page.goto(editor.url);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByText('Văn bản').first().waitFor({ timeout: 30_000 });
  return { page, origins, errors };
}

function assertOrigins(origins) {
  const allowed = new Set([editor.web.origin, new URL(editor.api).origin]);
  const others = [...origins].filter((o) => !allowed.has(o) && o !== 'null' && !o.startsWith('blob:') && o !== 'data:');
  assert.deepEqual(others, [], 'the admin page reaches only the portal and the Git backend');
}

/** The front matter of a Markdown file, as YAML text. */
function frontMatter(text) {
  const m = text.match(/^---\n([\s\S]*?)\n---\n/);
  assert.ok(m, `no front matter in:\n${text}`);
  return m[1];
}

/** A screenshot for the staff guide: into the scratch folder, and into docs/images only
 * when LOA_UPDATE_DOCS=1 asks for the guide's pictures to be refreshed. */
async function screenshot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  const file = `cms-${name}.png`;
  await page.screenshot({ path: join(SHOTS, file) });
  if (UPDATE_DOCS) copyFileSync(join(SHOTS, file), join(DOC_IMAGES, file));
}

describe('web editor (Decap CMS, local Git backend)', { skip }, () => {
  before(async () => {
    if (toolError) throw new Error(toolError);
    editor = await startEditor();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await editor?.stop();
    if (editor) cleanup(editor.tmp);
  });

  test('a directive created through the form is what loa expects', async () => {
    const { page, origins, errors } = await signedIn();
    await page.goto(`${editor.url}#/collections/directives`);
    await page.getByText('Đinh Thị Thanh Hà').first().waitFor({ timeout: 30_000 }).catch(() => {});
    await screenshot(page, 'danh-sach');
    await page.goto(`${editor.url}#/collections/directives/new`);
    const field = (label) => page.getByLabel(new RegExp(`^${label}`)).first();
    await field('Trích yếu').fill(TITLE);
    await pick(page, 'Tên loại', 'Thông báo');
    await pick(page, 'Cơ quan ban hành', 'Liên hiệp');
    await field('Ngày ban hành').fill('2024-09');
    for (const recipient of ['Các hội thành viên', 'Các sở, ban, ngành']) {
      await addItem(page, 'Kính gửi');
      await page.getByLabel(/^Kính gửi/).last().fill(recipient);
    }
    await addItem(page, 'Thời hạn');
    await field('Hạn').fill('2024-10-15');
    await field('Việc phải làm trước hạn').fill('Gửi danh sách đăng ký');
    await addItem(page, 'Tài liệu kèm theo');
    await attach(page, join(REPO, 'content/directives/2024/cv-1338-duk-tuyen-truyen-hoi-thi-sang-tao-ky-thuat/ke-hoach-57-kh-htstkt.pdf'));
    await field('Tên tài liệu').fill('Kế hoạch tổ chức Hội thi');
    await screenshot(page, 'tao-van-ban');
    const name = await save(page, SLUG);
    const path = `content/directives/${new Date().getFullYear()}/${SLUG}/index.md`;
    const text = git(editor.repo, 'show', `${name}:${path}`);
    const yaml = frontMatter(text);
    assert.match(yaml, new RegExp(`^title: ${TITLE}$`, 'm'));
    assert.match(yaml, /^doc_type: thong-bao$/m);
    assert.match(yaml, /^issuer: lien-hiep-hoi-thanh-hoa$/m);
    assert.match(yaml, /^date: ['"]?2024-09['"]?$/m, 'a partial date stays partial');
    assert.match(yaml, /recipients:\n  - Các hội thành viên\n  - Các sở, ban, ngành/);
    assert.match(yaml, /deadlines:\n  - date: ['"]?2024-10-15['"]?\n    what: Gửi danh sách đăng ký/);
    assert.match(yaml, /attachments:\n  - file: ke-hoach-57-kh-htstkt\.pdf/);
    const pdf = git(editor.repo, 'show', `${name}:content/directives/${new Date().getFullYear()}/${SLUG}/ke-hoach-57-kh-htstkt.pdf`);
    assert.ok(pdf.startsWith('%PDF'), 'the attachment is committed into the page bundle');

    // loa check on a checkout of the entry's branch, then a build that shows the page.
    const checkout = join(editor.tmp, 'checkout');
    // Detached: decap-server keeps the entry's branch checked out in the repository.
    git(editor.repo, 'worktree', 'add', '-q', '--detach', checkout, name);
    const check = runLoa(['check', '--root', checkout]);
    assert.equal(check.status, 0, `loa check:\n${check.stdout}${check.stderr}`);
    const out = buildSite({ root: checkout, out: join(editor.tmp, 'checkout-public') });
    const html = readFileSync(join(out, 'van-ban', SLUG, 'index.html'), 'utf8');
    assert.ok(html.includes('Gửi danh sách đăng ký') && html.includes('ke-hoach-57-kh-htstkt.pdf'));

    // Send for review, then publish: the entry's branch is merged into main.
    await setStatus(page, 'Đang xét duyệt');
    await waitFor(() => git(editor.repo, 'config', `branch.${name}.description`).trim() === 'decap-cms/pending_review');
    await screenshot(page, 'gui-duyet');
    await setStatus(page, 'Sẵn sàng');
    await waitFor(() => git(editor.repo, 'config', `branch.${name}.description`).trim() === 'decap-cms/pending_publish');
    await page.goto(`${editor.url}#/workflow`);
    await page.getByText(TITLE).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'bien-tap');
    await page.getByText(TITLE).first().click();
    await page.getByRole('button', { name: /^Công bố$/ }).first().click();
    await page.getByText('Công bố ngay').first().click();
    await waitFor(() => !git(editor.repo, 'branch', '--list', name).trim());
    assert.equal(git(editor.repo, 'show', `main:${path}`), text, 'published as saved');
    assert.deepEqual(errors, []);
    assertOrigins(origins);
  });

  test('editing a deadline changes that field only', async () => {
    const { page, origins } = await signedIn();
    const path = `content/directives/2024/${EDITED}/index.md`;
    const before = git(editor.repo, 'show', `main:${path}`);
    await page.goto(`${editor.url}#/collections/directives/entries/2024/${EDITED}/index`);
    const deadline = page.getByLabel(/^Hạn/).first();
    await deadline.waitFor({ timeout: 30_000 });
    assert.equal(await deadline.inputValue(), '2024-08-15');
    await deadline.fill('2024-08-25');
    const name = await save(page, EDITED);
    assert.deepEqual(git(editor.repo, 'diff', '--name-only', `main...${name}`).trim().split('\n'), [path]);
    const after = git(editor.repo, 'show', `${name}:${path}`);
    // By value: the front matter read back equals the original with the one deadline moved.
    const expected = parseYaml(frontMatter(before));
    expected.deadlines[0].date = '2024-08-25';
    assert.deepEqual(parseYaml(frontMatter(after)), expected, `only the deadline changes:\n${after}`);
    assert.equal(after.slice(after.indexOf('\n---\n')), before.slice(before.indexOf('\n---\n')), 'the body is kept');
    // As text: the deadline line, plus any line Decap's YAML writer re-spells (flow lists
    // become block lists, folded text is re-wrapped) — listed in the log, values unchanged.
    const was = new Set(before.split('\n'));
    const added = after.split('\n').filter((line) => !was.has(line));
    assert.ok(added.some((line) => line.trim() === '- date: 2024-08-25' || line.trim() === 'date: 2024-08-25'), added.join('\n'));
    console.log(`lines re-written by the editor: ${added.length}\n${added.join('\n')}`);
    const checkout = join(editor.tmp, 'checkout-edit');
    git(editor.repo, 'worktree', 'add', '-q', '--detach', checkout, name);
    const check = runLoa(['check', '--root', checkout]);
    assert.equal(check.status, 0, `loa check:\n${check.stdout}${check.stderr}`);
    assertOrigins(origins);
  });

  test('an English translation is edited in its own file, beside the original', async () => {
    const { page, origins, errors } = await signedIn();
    const person = 'dinh-thi-thanh-ha';
    const path = `content/contacts/people/${person}.en.md`;
    const before = git(editor.repo, 'show', `main:${path}`);
    await page.goto(`${editor.url}#/collections/people_en/entries/${person}`);
    const position = page.getByLabel(/^Chức vụ/).first();
    await position.waitFor({ timeout: 30_000 });
    assert.equal(await position.inputValue(), parseYaml(frontMatter(before)).position);
    await position.fill('Deputy Secretary, Party Committee of Provincial Agencies and Enterprises');
    const name = await save(page, person);
    // Only the translation changes, and it still writes only the key it translates: the
    // name, phone and the rest stay inherited from the Vietnamese file.
    const changed = git(editor.repo, 'diff', '--name-only', `main...${name}`).trim().split('\n');
    assert.deepEqual(changed, [path]);
    const after = git(editor.repo, 'show', `${name}:${path}`);
    assert.deepEqual(parseYaml(frontMatter(after)), {
      position: 'Deputy Secretary, Party Committee of Provincial Agencies and Enterprises',
    });
    assert.equal(after.slice(after.indexOf('\n---\n')), before.slice(before.indexOf('\n---\n')), 'the body is kept');
    const checkout = join(editor.tmp, 'checkout-en');
    git(editor.repo, 'worktree', 'add', '-q', '--detach', checkout, name);
    const check = runLoa(['check', '--root', checkout]);
    assert.equal(check.status, 0, `loa check:\n${check.stdout}${check.stderr}`);
    assert.deepEqual(errors, []);
    assertOrigins(origins);
  });
});

/**
 * Picks an option of a select or relation widget by typing part of its label. On a loaded
 * machine a click can land while the menu re-renders and choose nothing, so the pick is
 * checked (the menu closed and the control shows the option) and tried again.
 */
async function pick(page, label, text) {
  const control = page.getByLabel(new RegExp(`^${label}`)).first();
  for (let attempt = 1; ; attempt++) {
    await control.click();
    await control.fill(text).catch(() => page.keyboard.type(text));
    const option = page.getByRole('option').filter({ hasText: text }).first();
    await option.waitFor({ timeout: 15_000 });
    await option.click();
    // An open menu lists every option inside the widget: only a closed one tells.
    const closed = await page
      .getByRole('option')
      .first()
      .waitFor({ state: 'detached', timeout: 5_000 })
      .then(() => true, () => false);
    if (closed && (await shows(control, text))) return;
    await page.keyboard.press('Escape');
    assert.ok(attempt < 3, `${label}: "${text}" was not chosen after ${attempt} tries`);
  }
}

/** Whether the widget around `control` shows `text` (its chosen value, not the typed filter). */
function shows(control, text) {
  return control.evaluate((input, wanted) => {
    let box = input.parentElement;
    for (let depth = 0; box && depth < 5; depth++, box = box.parentElement) {
      if (box.textContent.includes(wanted)) return true;
    }
    return false;
  }, text);
}

async function addItem(page, label) {
  await page.getByRole('button', { name: new RegExp(`^(Thêm|Add) ${label}`, 'i') }).first().click();
}

async function attach(page, file) {
  await page.getByRole('button', { name: /Chọn một tập tin|Choose a file/i }).last().click();
  await page.locator('input[type=file]').first().setInputFiles(file);
  const name = file.split('/').pop();
  await page.getByText(name).first().waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^(Lấy những cái đã chọn|Choose selected)$/i }).first().click();
}

/** Picks the entry's workflow status in the editor's toolbar. */
async function setStatus(page, status) {
  await page.getByRole('button', { name: /^Trạng/ }).first().click();
  await page.getByText(status, { exact: true }).last().click();
}

/** Polls `predicate` (a git query) for up to 30 s. */
async function waitFor(predicate) {
  for (let i = 0; i < 300; i++) {
    try {
      if (predicate()) return;
    } catch {
      // not there yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${predicate}`);
}

/** Saves the entry and waits for its branch (`cms/<collection>/<slug>`) to hold `slug`'s commit. */
async function save(page, slug) {
  const before = git(editor.repo, 'for-each-ref', '--format=%(objectname)', 'refs/heads/cms/');
  await page.getByRole('button', { name: /^(Lưu|Save)$/ }).first().click();
  // decap-server first branches off main, then commits: wait for a new commit on the
  // entry's branch that is not on main.
  for (let i = 0; i < 300; i++) {
    const now = git(editor.repo, 'for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/heads/cms/');
    const line = now.split('\n').find((l) => l.includes(slug));
    const [name, sha] = line?.split(' ') ?? [];
    if (name && !before.includes(sha) && git(editor.repo, 'rev-list', `main..${name}`).trim()) return name;
    await page.waitForTimeout(100);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, 'cms-save-failed.png') });
  const messages = (await page.locator('li').allInnerTexts()).filter((t) => t.trim() && t.length < 200);
  const refs = git(editor.repo, 'for-each-ref', '--format=%(refname:short)');
  throw new Error(`no commit for ${slug} after saving; the form says: ${messages.join(' | ')}; branches: ${refs}; backend: ${editor.log().slice(-2000)}`);
}

