// The life of a document on the sample portal (issue #22), in Chromium with a fixed clock:
// the deadline extension's banner and trail on the extended công văn, the replaced plan
// shown "Bị thay thế" with links both ways, the status in the header and in lists, and the
// status recomputed by loa-live.js from the reader's date. The extended deadline's calendar
// event, read by Mozilla's ical.js, keeps its UID with a higher SEQUENCE than without the
// extension. The lists' filter column has a lĩnh vực group, in both editions.

import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { SITE_ROOT, buildSite, cleanup, launchBrowser, missingTools, serve, tempDir } from './helpers.mjs';
import { copyPortal, missingNodePackages } from './support-opendata.mjs';

const EXTENDED = 'cv-skhcn-hung-yen-day-manh-phong-trao-thi-dua-yeu-nuoc-dien-hinh-tien-tien';
const EXTENSION = 'cv-skhcn-hung-yen-gia-han-gui-danh-sach-dien-hinh-tien-tien';
const EXTENSION_FILE = join('content', 'directives', '2023', `${EXTENSION}.md`);
// The sample's open contest: a registration deadline (15/07/2024) that a later notice
// moved to 15/08/2024, after the sample's build date, so every list, the embeds, the posters,
// the calendars and the API show it.
const CONTEST = 'hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14';
const REGISTRATION = 'tb-58-lhh-nhan-dang-ky-hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14';
const REGISTRATION_EXTENSION = 'tb-66-lhh-gia-han-dang-ky-hoi-thi-sang-tao-ky-thuat-thanh-hoa-lan-thu-14';
const REGISTRATION_EXTENSION_FILE = join('content', 'directives', '2024', `${REGISTRATION_EXTENSION}.md`);
const REPLACED = 'kh-90-ubnd-hung-yen-tuyen-truyen-phong-trao-thi-dua-yeu-nuoc';
const REPLACING = 'kh-52-ubnd-hung-yen-tuyen-truyen-thi-dua-yeu-nuoc-2024-2025';

let skip = false;
let toolError = null;
try {
  skip = missingTools('loa', 'chromium') || missingNodePackages('ical.js') || false;
} catch (e) {
  toolError = e;
}

describe('the life of a document: effect, status, relations, extensions', { skip }, () => {
  let work;
  let out;
  let without;
  let server;
  let browser;

  before(async () => {
    if (toolError) throw toolError;
    work = tempDir('loa-life-');
    out = buildSite({ root: SITE_ROOT, out: join(work, 'public'), baseUrl: 'http://127.0.0.1/' });
    const root = copyPortal(SITE_ROOT, join(work, 'portal'));
    rmSync(join(root, EXTENSION_FILE));
    rmSync(join(root, REGISTRATION_EXTENSION_FILE));
    without = buildSite({ root, out: join(work, 'without'), baseUrl: 'http://127.0.0.1/' });
    [server, browser] = await Promise.all([serve(out), launchBrowser()]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    if (work) cleanup(work);
  });

  /** The page at `path` read at `instant` (UTC) in Vietnam's time zone. */
  async function open(path, instant = '2024-07-01T03:00:00Z') {
    const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', serviceWorkers: 'block' });
    await context.clock.setFixedTime(new Date(instant));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.origin + path, { waitUntil: 'load' });
    return { page, context, errors };
  }

  const badge = (page) => page.locator('.doc-effect [data-live="effect"]').textContent();

  test('the extended công văn shows the banner, the trail and the new deadline', async () => {
    const { page, context, errors } = await open(`/van-ban/${EXTENDED}/`);
    const notice = page.locator('.page-notice-life');
    assert.ok(await notice.isVisible(), 'the banner is shown');
    const trail = (await notice.locator('.life-trail li').allTextContents()).join('\n');
    assert.match(trail, /đã được gia hạn đến ngày 31\/05\/2023 \(trước đây: ngày 20\/05\/2023\) theo Công văn số 285\/SKHCN-VP ngày 17\/05\/2023/);
    const link = notice.locator(`a[href="/van-ban/${EXTENSION}/"]`);
    assert.equal(await link.count(), 1, 'the banner links the extension');
    const due = await page.locator('aside .deadline[data-live="deadline"]').getAttribute('data-due');
    assert.equal(due, '2023-05-31', 'the deadline in force');
    await context.close();
    assert.deepEqual(errors, []);

    const back = await open(`/van-ban/${EXTENSION}/`);
    const relations = await back.page.locator('.relations li').allTextContents();
    assert.ok(relations.some((r) => r.startsWith('Gia hạn thời hạn của:')), relations.join('\n'));
    await back.context.close();
  });

  test('the replaced plan reads "Bị thay thế", linked both ways', async () => {
    const { page, context, errors } = await open(`/van-ban/${REPLACED}/`);
    assert.equal(await badge(page), 'Bị thay thế');
    assert.equal(await page.locator('.page-notice-life strong').textContent(), 'Văn bản này đã bị thay thế.');
    assert.equal(await page.locator(`.page-notice-life a[href="/van-ban/${REPLACING}/"]`).count(), 1, 'the banner links the replacement');
    assert.equal(await page.locator(`.relations a[href="/van-ban/${REPLACING}/"]`).count(), 1);
    await context.close();
    assert.deepEqual(errors, []);
    const newer = await open(`/van-ban/${REPLACING}/`);
    assert.equal(await newer.page.locator(`.relations a[href="/van-ban/${REPLACED}/"]`).count(), 1);
    assert.equal(await badge(newer.page), 'Còn hiệu lực');
    await newer.context.close();
  });

  test('lists show each document\'s status', async () => {
    const { page, context } = await open('/van-ban/');
    const item = page.locator('.directive-item', { has: page.locator(`a[href="/van-ban/${REPLACED}/"]`) });
    assert.equal(await item.locator('[data-live="effect"]').textContent(), 'Bị thay thế');
    await context.close();
  });

  test('the filter column has a lĩnh vực group whose links open each field\'s documents', async () => {
    for (const [prefix, heading, name] of [['', 'Theo lĩnh vực', 'Tuyên truyền'], ['/en', 'By field', 'Communication']]) {
      const { page, context, errors } = await open(`${prefix}/van-ban/`);
      const group = page.locator('nav.facets h2', { hasText: heading });
      assert.equal(await group.count(), 1, `${prefix}: the group's heading`);
      const links = page.locator('nav.facets h2:has-text("' + heading + '") + ul a');
      const names = await links.allTextContents();
      const sorted = [...names].sort(new Intl.Collator(prefix ? 'en' : 'vi').compare);
      assert.deepEqual(names, sorted, `${prefix}: alphabetical order`);
      await links.filter({ hasText: name }).click();
      await page.waitForURL(`**${prefix}/van-ban/linh-vuc/tuyen-truyen/`);
      const items = await page.locator('.items .directive-item a[href*="/van-ban/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(items.some((href) => href.endsWith(`/van-ban/${REPLACING}/`)), `${prefix}: the field's plan is listed: ${items}`);
      assert.ok(!items.some((href) => href.endsWith(`/van-ban/${EXTENSION}/`)), `${prefix}: only the field's documents`);
      await context.close();
      assert.deepEqual(errors, []);
    }
  });

  test('the status changes with the reader\'s date', async () => {
    // Before the replacing plan took effect, the old one was in force, the new one not yet.
    const early = await open(`/van-ban/${REPLACED}/`, '2024-04-10T03:00:00Z');
    assert.equal(await badge(early.page), 'Còn hiệu lực');
    await early.context.close();
    const notYet = await open(`/van-ban/${REPLACING}/`, '2024-04-10T03:00:00Z');
    assert.equal(await badge(notYet.page), 'Chưa có hiệu lực');
    await notYet.context.close();
    // The replacing plan expires on 2026-01-01 (Vietnam time): 23:30 on 31/12/2025 UTC is
    // already that day in Vietnam.
    const expired = await open(`/van-ban/${REPLACING}/`, '2025-12-31T23:30:00Z');
    assert.equal(await badge(expired.page), 'Hết hiệu lực');
    assert.match(await expired.page.locator('.doc-effect [data-live="effect"]').getAttribute('class'), /effect-expired/);
    await expired.context.close();
  });

  test('the open contest shows its extended deadline with the trail on its page, home, embeds and posters', async () => {
    const step = /Gia hạn từ ngày 15\/07\/2024 theo Thông báo số 66\/TB-LHH ngày 28\/06\/2024/;
    const where = [`/phong-trao/${CONTEST}/`, '/', `/nhung/phong-trao/${CONTEST}/`, '/nhung/thoi-han/'];
    for (const path of where) {
      const { page, context, errors } = await open(path);
      const item = page.locator('[data-due="2024-08-15"]').filter({ hasText: 'Gửi Phiếu đăng ký' }).first();
      assert.ok(await item.isVisible(), `${path}: the deadline in force is shown`);
      const moved = item.locator('.deadline-extended');
      assert.ok(await moved.isVisible(), `${path}: it says the deadline was moved`);
      assert.match(await moved.textContent(), step, path);
      assert.equal(await moved.locator(`a[href="/van-ban/${REGISTRATION_EXTENSION}/"]`).count(), 1, `${path}: links the notice`);
      assert.equal(await page.locator('[data-due="2024-07-15"]').count(), 0, `${path}: the old date is not a deadline`);
      await context.close();
      assert.deepEqual(errors, [], path);
    }
    // One print page: the A4 poster, and the A5 flyer at its #a5.
    for (const paper of ['', '#a5']) {
      const { page, context } = await open(`/phong-trao/${CONTEST}/ap-phich/${paper}`);
      const body = await page.locator('body').innerText();
      assert.match(body, /15\/08\/2024/, `${paper}: the new date`);
      assert.match(
        await page.locator('.poster-trail').innerText(),
        /đã được gia hạn đến ngày 15\/08\/2024 \(trước đây: ngày 15\/07\/2024\) theo Thông báo số 66\/TB-LHH/,
        `${paper}: the trail`,
      );
      await context.close();
    }
    const api = JSON.parse(readFileSync(join(out, 'api', 'v1', 'deadlines.json'), 'utf8'));
    const registration = api.deadlines.find((e) => e.url.endsWith(`/van-ban/${REGISTRATION}/`));
    assert.equal(registration.start, '2024-08-15');
    assert.deepEqual(registration.extended, [{ by: REGISTRATION_EXTENSION, now: '2024-08-15', was: '2024-07-15' }]);
  });

  test('the extended deadline keeps its calendar UID with a higher SEQUENCE', async () => {
    const ICAL = (await import('ical.js')).default;
    const events = (dir, file, target) => {
      const calendar = new ICAL.Component(ICAL.parse(readFileSync(join(dir, file), 'utf8')));
      return new Map(
        calendar
          .getAllSubcomponents('vevent')
          .filter((e) => e.getFirstPropertyValue('uid').startsWith(`van-ban-${target}-`))
          .map((e) => [e.getFirstPropertyValue('uid'), new ICAL.Event(e)]),
      );
    };
    const cases = [
      ['lich.ics', EXTENDED, '2023-05-31', '2023-05-20'],
      ['lich.ics', REGISTRATION, '2024-08-15', '2024-07-15'],
      [`phong-trao/${CONTEST}/lich.ics`, REGISTRATION, '2024-08-15', '2024-07-15'],
    ];
    for (const [file, target, now, was] of cases) {
      const moved = events(out, file, target);
      const published = events(without, file, target);
      assert.ok(published.size > 0, `${file}: the deadline is in the calendar`);
      assert.deepEqual([...moved.keys()], [...published.keys()], `${file}: the same UIDs`);
      for (const [uid, event] of moved) {
        const old = published.get(uid);
        assert.ok(event.sequence > old.sequence, `${file}: SEQUENCE ${event.sequence} > ${old.sequence}`);
        assert.equal(event.startDate.toString(), now, `${file}: the new date`);
        assert.equal(old.startDate.toString(), was, `${file}: the date before the extension`);
        if (target === REGISTRATION) {
          assert.match(event.description, /Gia hạn từ ngày 15\/07\/2024 đến ngày 15\/08\/2024 theo Thông báo số 66\/TB-LHH/, `${file}: the trail`);
        }
      }
    }
  });
});
