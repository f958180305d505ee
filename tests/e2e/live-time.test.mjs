// Live time: a portal built on one date and read on another shows the status, countdowns,
// upcoming lists and calendar links of the reader's date (loa-live.js), in Vietnam time
// whatever the browser's time zone; without JavaScript it shows the build date's values and
// says when they were computed.
//
// The portal is a small one written here, built on 2025-03-01, with a contest running from
// 2025-03-10 to 2025-06-30 and two deadlines (2025-04-15 at 17:00, 2025-05-31). Playwright's
// clock fixes the reader's time: before the start, on the first deadline's day (before and
// after 17:00), between the deadlines, after the end; a reader in New York on either side
// of midnight in Vietnam; JavaScript off; the English edition, an embed and a poster page.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import { buildSite, cleanup, launchBrowser, REPO, serve, tempDir, toolCheck } from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium');

const FILES = {
  'site.yaml': `title: Cổng thử thời gian
base_url: https://thidua.example.gov.vn/
province: Tỉnh Mẫu
organization: so-khcn-mau
build_date: 2025-03-01
languages: [vi, en]
`,
  'content/contacts/organizations/so-khcn-mau.md': `---
title: Sở Khoa học và Công nghệ tỉnh Mẫu
system: state
---
`,
  'content/campaigns/hoi-thi-song/index.md': `---
title: Hội thi Sáng tạo thử thời gian
kind: hoi-thi
organizer: so-khcn-mau
start: 2025-03-10
end: 2025-06-30
phases:
  - name: Nhận hồ sơ
    start: 2025-03-10
    end: 2025-05-31
  - name: Chấm thi
    start: 2025-06-01
    end: 2025-06-30
---
Hội thi để thử thời gian.
`,
  'content/campaigns/hoi-thi-song/index.en.md': `---
title: The time-travel contest
---
A contest to test time.
`,
  'content/directives/2025/kh-1-skhcn.md': `---
title: Tổ chức Hội thi thử thời gian
doc_type: ke-hoach
number: 1/KH-SKHCN
issuer: so-khcn-mau
date: 2025-02-20
campaigns: [hoi-thi-song]
deadlines:
  - date: 2025-04-15T17:00
    what: Gửi danh sách đăng ký
  - date: 2025-05-31
    what: Nộp sản phẩm dự thi
---
Các đơn vị thực hiện.
`,
};

let work;
let server;
let browser;

/** A page read at `instant` (UTC), in `timezoneId`, with or without JavaScript. */
async function read(path, instant, { timezoneId = 'Asia/Ho_Chi_Minh', javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ timezoneId, javaScriptEnabled, serviceWorkers: 'block' });
  if (javaScriptEnabled) await context.clock.setFixedTime(new Date(instant));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.origin + path, { waitUntil: 'load' });
  const texts = (selector) => page.locator(selector).evaluateAll((els) => els.map((e) => e.textContent.trim()));
  const visible = (selector) =>
    page.locator(selector).evaluateAll((els) => els.map((e) => e.checkVisibility()));
  const state = {
    status: await texts('main [data-live="status"]'),
    // The timeline and lists; the first screen's next deadline is `next`.
    deadlines: await texts('main [data-live="deadline"]:not([hidden]):not([data-live-next] *) .deadline-status'),
    calendar: await visible('main .deadline:not([data-live-next] *) .add-calendar'),
    next: await texts('[data-live-next-label]:not([hidden]), [data-live-next] [data-live="deadline"]:not([hidden]) time'),
    campaignCalendar: await visible('main [data-live="calendar"]'),
    asOf: await visible('[data-live-as-of]'),
    phases: await page.locator('[data-live="phase"]').evaluateAll((els) => els.map((e) => e.className)),
  };
  await context.close();
  assert.deepEqual(errors, [], `no script errors on ${path}`);
  return state;
}

describe('live time: status and countdowns on the reader\'s date', { skip }, () => {
  before(() => {
    if (toolError) throw toolError;
    work = tempDir('loa-live-');
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(work, 'portal', file)), { recursive: true });
      writeFileSync(join(work, 'portal', file), text);
    }
    const out = buildSite({ root: join(work, 'portal'), out: join(work, 'public'), baseUrl: 'http://127.0.0.1/' });
    return Promise.all([serve(out).then((s) => (server = s)), launchBrowser().then((b) => (browser = b))]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (work) cleanup(work);
  });

  const CAMPAIGN = '/phong-trao/hoi-thi-song/';
  const DIRECTIVE = '/van-ban/kh-1-skhcn/';

  test('the script is small: under 2 KB gzipped', () => {
    const source = readFileSync(join(REPO, 'themes/default/static/loa-live.js'));
    const size = gzipSync(source).length;
    assert.ok(size < 2048, `loa-live.js is ${size} bytes gzipped`);
  });

  test('without JavaScript: the build date\'s values, and the date they were computed', async () => {
    const page = await read(CAMPAIGN, '2025-07-15T03:00:00Z', { javaScriptEnabled: false });
    assert.deepEqual(page.status, ['Sắp diễn ra']);
    assert.deepEqual(page.deadlines, ['Còn 45 ngày', 'Còn 91 ngày']);
    assert.deepEqual(page.next, ['Hạn tới', '17 giờ 00, ngày 15 tháng 4 năm 2025']);
    assert.deepEqual(page.asOf, [true]);
    assert.deepEqual(page.calendar, [true, true]);
    const context = await browser.newContext({ javaScriptEnabled: false });
    const tab = await context.newPage();
    await tab.goto(server.origin + CAMPAIGN);
    assert.match(await tab.locator('[data-live-as-of]').innerText(), /Tình trạng và thời hạn tính đến ngày 1 tháng 3 năm 2025/);
    assert.match(await tab.locator('footer').innerText(), /dựng lại lần gần nhất: ngày 1 tháng 3 năm 2025/);
    await context.close();
  });

  test('before the start: upcoming, the countdown from the reader\'s day', async () => {
    const page = await read(CAMPAIGN, '2025-03-05T03:00:00Z');
    assert.deepEqual(page.status, ['Sắp diễn ra']);
    assert.deepEqual(page.deadlines, ['Còn 41 ngày', 'Còn 87 ngày']);
    assert.deepEqual(page.calendar, [true, true]);
    assert.deepEqual(page.asOf, [false], 'the "tính đến" line is hidden once the script counted');
    assert.deepEqual(page.phases, ['phase phase-upcoming', 'phase phase-upcoming']);
  });

  test('on the deadline day: "hôm nay là hạn cuối" until its hour, then past', async () => {
    const morning = await read(CAMPAIGN, '2025-04-15T02:00:00Z');
    assert.deepEqual(morning.status, ['Đang diễn ra']);
    assert.deepEqual(morning.deadlines, ['Hôm nay là hạn cuối', 'Còn 46 ngày']);
    assert.deepEqual(morning.calendar, [true, true]);
    assert.deepEqual(morning.phases, ['phase phase-current', 'phase phase-upcoming']);
    const evening = await read(CAMPAIGN, '2025-04-15T11:00:00Z');
    assert.deepEqual(evening.deadlines, ['Đã hết hạn ngày 15/04/2025', 'Còn 46 ngày']);
    assert.deepEqual(evening.calendar, [false, true], '"Thêm vào lịch" hidden for the passed deadline');
    assert.deepEqual(evening.next, ['Hạn tới', 'ngày 31 tháng 5 năm 2025'], 'the first screen moves to the next deadline');
  });

  test('between the deadlines: the home page and the embed show the next one only', async () => {
    const instant = '2025-05-01T03:00:00Z';
    const home = await read('/', instant);
    assert.deepEqual(home.deadlines, ['Còn 30 ngày']);
    assert.deepEqual(home.status, ['Đang diễn ra']);
    const embed = await read('/nhung/phong-trao/hoi-thi-song/', instant);
    assert.deepEqual(embed.deadlines, ['Còn 30 ngày']);
    const directive = await read(DIRECTIVE, instant);
    assert.deepEqual(directive.deadlines, ['Đã hết hạn ngày 15/04/2025', 'Còn 30 ngày']);
    assert.deepEqual(directive.calendar, [false, true]);
  });

  test('after the end: ended everywhere, no calendar links, lists regrouped', async () => {
    const instant = '2025-07-15T03:00:00Z';
    const campaign = await read(CAMPAIGN, instant);
    assert.deepEqual(campaign.status, ['Đã kết thúc']);
    assert.deepEqual(campaign.deadlines, ['Đã hết hạn ngày 15/04/2025', 'Đã hết hạn ngày 31/05/2025']);
    assert.deepEqual(campaign.calendar, [false, false]);
    assert.deepEqual(campaign.campaignCalendar, [false]);
    assert.deepEqual(campaign.next, ['Hạn gần nhất', 'ngày 31 tháng 5 năm 2025'], 'the latest past deadline, so labelled');
    assert.deepEqual(campaign.phases, ['phase phase-done', 'phase phase-done']);

    const context = await browser.newContext({ serviceWorkers: 'block' });
    await context.clock.setFixedTime(new Date(instant));
    const home = await context.newPage();
    await home.goto(server.origin + '/');
    assert.equal(await home.locator('[data-live-active] [data-live-item]:visible').count(), 0);
    assert.ok(await home.getByText('Hiện chưa có phong trào nào đang diễn ra.').isVisible());
    assert.ok(await home.getByText('Không có thời hạn nào sắp tới.').isVisible());
    assert.match(await home.locator('[data-live-ended]').innerText(), /1 đã kết thúc/);
    const list = await context.newPage();
    await list.goto(server.origin + '/phong-trao/');
    assert.equal(await list.locator('[data-live-group="ended"] [data-live-item]').count(), 1);
    assert.ok(await list.locator('[data-live-group="ended"]').isVisible());
    assert.ok(!(await list.locator('[data-live-group="upcoming"]').isVisible()), 'the emptied group is hidden');
    const poster = await context.newPage();
    await poster.goto(server.origin + '/phong-trao/hoi-thi-song/ap-phich/');
    const deadlines = poster.locator('.sheet [data-live="deadline"]');
    assert.ok((await deadlines.count()) > 0, 'the poster shows a deadline');
    assert.equal(await poster.locator('.sheet [data-live="deadline"].deadline-overdue').count(), await deadlines.count());
    // Printed, the passed deadlines' calendar links stay hidden too.
    const printed = await context.newPage();
    await printed.goto(server.origin + CAMPAIGN);
    await printed.emulateMedia({ media: 'print' });
    assert.equal(await printed.locator('.add-calendar:visible').count(), 0);
    await context.close();
  });

  test('the English edition counts in English', async () => {
    const page = await read('/en' + CAMPAIGN, '2025-05-01T03:00:00Z');
    assert.deepEqual(page.status, ['Under way']);
    assert.deepEqual(page.deadlines, ['Closed on 15/04/2025', '30 days left']);
    const ended = await read('/en' + CAMPAIGN, '2025-07-15T03:00:00Z');
    assert.deepEqual(ended.status, ['Ended']);
  });

  test('a reader in New York counts Vietnam\'s days, on either side of midnight there', async () => {
    const zone = { timezoneId: 'America/New_York' };
    // 20:30 on 14 April in Vietnam (09:30 in New York): one day left.
    const before = await read(DIRECTIVE, '2025-04-14T13:30:00Z', zone);
    assert.deepEqual(before.deadlines, ['Còn 1 ngày', 'Còn 47 ngày']);
    // 00:30 on 15 April in Vietnam, still 14 April (13:30) in New York: the last day.
    const afterMidnight = await read(DIRECTIVE, '2025-04-14T17:30:00Z', zone);
    assert.deepEqual(afterMidnight.deadlines, ['Hôm nay là hạn cuối', 'Còn 46 ngày']);
  });
});
