// What a person came for, on a 360×740 phone (issue 20), measured in Chromium on two portals:
// the sample portal and a generated one (long titles, a campaign with no guide and no
// contact, a directive with many attachments). For each it records, in document pixels:
//
//   campaign pages   the y of the first deadline and of the first download (each must end
//                    inside the first screen, 740 px);
//   directive pages  the y of the first attachment (inside 1.5 screens, 1,110 px);
//   search page      the y of the first result after typing (inside the first screen).
//
// It also checks the header is one line, the language switcher is inline, the header's
// search placeholder fits its box, the search filters fold into "Lọc" with a count of the
// active ones, and that axe finds no moderate, serious or critical violation on the
// campaign, directive and search pages. The measured positions are printed (test
// diagnostics and stdout); LOA_SCREENSHOTS=1 rewrites docs/images/campaign-phone.png.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import {
  ARTIFACTS,
  buildSite,
  cleanup,
  formatAxe,
  axeSummary,
  launchBrowser,
  LIST_FOLDERS,
  newContext,
  pageDirs,
  REPO,
  runAxe,
  serve,
  SITE_ROOT,
  tempDir,
  toolCheck,
} from './helpers.mjs';

const { skip, toolError } = toolCheck('loa', 'chromium', 'axe');

const SCREEN = { width: 360, height: 740 };
const FIXTURE = join(REPO, 'tests', 'fixtures', 'minimal');
const LONG = 'về việc tổ chức triển khai, tuyên truyền sâu rộng và hướng dẫn các cơ quan, đơn vị, doanh nghiệp trên địa bàn tỉnh tham gia';

/** A generated portal laid over the minimal fixture: the worst case of titles and files. */
function generatedPortal(dir) {
  cpSync(FIXTURE, dir, { recursive: true });
  const write = (rel, text) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  };
  const campaign = 'phong-trao-thi-dua-dai-chuyen-doi-so-toan-dien';
  write(
    `content/campaigns/${campaign}/index.md`,
    `---
title: Phong trào thi đua “Chuyển đổi số toàn diện trong các cơ quan hành chính nhà nước, đơn vị sự nghiệp công lập và doanh nghiệp nhà nước trên địa bàn tỉnh Mẫu” giai đoạn 2024–2030
kind: thi-dua-chuyen-de
organizer: ubnd-tinh-mau
start: 2024-05
end: 2030-12
summary: ${LONG} phong trào thi đua chuyển đổi số, ${LONG} các hoạt động hưởng ứng.
---
Nội dung phong trào.
`,
  );
  const files = Array.from({ length: 12 }, (_, i) => `phu-luc-${i + 1}.pdf`);
  for (const f of files) write(`content/directives/2024/kh-99-ubnd/${f}`, `%PDF-1.4\n% ${f}\n`);
  write(
    'content/directives/2024/kh-99-ubnd/index.md',
    `---
title: ${LONG} Phong trào thi đua chuyển đổi số toàn diện giai đoạn 2024–2030
doc_type: ke-hoach
number: 99/KH-UBND
issuer: ubnd-tinh-mau
place: Tỉnh Mẫu
date: 2024-06-20
campaigns: [${campaign}]
recipients:
${Array.from({ length: 8 }, (_, i) => `  - Sở, ban, ngành cấp tỉnh số ${i + 1} và các đơn vị trực thuộc`).join('\n')}
attachments:
${files.map((f, i) => `  - file: ${f}\n    title: Phụ lục ${i + 1} – biểu mẫu báo cáo kết quả thực hiện phong trào thi đua chuyển đổi số của cơ quan, đơn vị`).join('\n')}
deadlines:
  - date: 2024-09-30
    what: Gửi báo cáo kết quả sơ kết phong trào về Sở Khoa học và Công nghệ
  - date: 2024-12-15
    what: Gửi hồ sơ đề nghị khen thưởng
signer:
  authority: TM.
  body: Ủy ban nhân dân
  position: Chủ tịch
  name: Nguyễn Văn D
---
${'Các cơ quan, đơn vị triển khai thực hiện nghiêm túc, hiệu quả các nội dung của Kế hoạch. '.repeat(30)}
`,
  );
  return dir;
}

/** Top and bottom (document px) of the first visible element matching selector, or null. */
async function firstVisible(page, selector) {
  return page.evaluate((sel) => {
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden') {
        return { top: Math.round(r.top + scrollY), bottom: Math.round(r.bottom + scrollY), text: el.textContent.trim().replace(/\s+/g, ' ').slice(0, 60) };
      }
    }
    return null;
  }, selector);
}

async function axeModerate(page) {
  const all = await runAxe(page);
  const bad = all.filter((v) => ['moderate', 'serious', 'critical'].includes(v.impact));
  bad.all = all;
  return bad;
}

function directivesWithAttachments(out) {
  return pageDirs(join(out, 'van-ban'))
    .filter((d) => !LIST_FOLDERS.has(d))
    .filter((d) => readFileSync(join(out, 'van-ban', d, 'index.html'), 'utf8').includes('class="attachment"'));
}

for (const [label, makeRoot] of [
  ['sample portal', () => SITE_ROOT],
  ['generated portal', (work) => generatedPortal(join(work, 'site'))],
]) {
  describe(`first screen on a 360×740 phone (${label})`, { skip, concurrency: 1 }, () => {
    let work;
    let out;
    let server;
    let browser;
    let context;
    const measured = [];

    before(async () => {
      if (toolError) throw toolError;
      mkdirSync(ARTIFACTS, { recursive: true });
      work = tempDir('loa-phone-');
      out = buildSite({ root: makeRoot(work), out: join(work, 'public') });
      server = await serve(out);
      browser = await launchBrowser();
      context = await newContext(browser, { viewport: SCREEN, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
    });

    after(async () => {
      const lines = measured.map((m) => `${label}: ${m}`);
      if (lines.length) console.log(`# measured at 360×740\n${lines.map((l) => `#   ${l}`).join('\n')}`);
      await context?.close();
      await browser?.close();
      await server?.close();
      cleanup(work);
    });

    async function open(path) {
      const page = await context.newPage();
      await page.goto(server.url + path, { waitUntil: 'load' });
      return page;
    }

    test('campaign pages: the next deadline and the first download are on the first screen', async (t) => {
      const campaigns = pageDirs(join(out, 'phong-trao')).filter((d) => d !== 'trang');
      assert.ok(campaigns.length > 0, 'no campaign page');
      let withDeadline = 0;
      let withDownload = 0;
      for (const slug of campaigns) {
        const page = await open(`phong-trao/${slug}/`);
        try {
          const deadline = await firstVisible(page, '.deadline time');
          // A document to download; the QR code's own downloads (drawn from the inline code,
          // href="#loa-ma-qr") are not one.
          const download = await firstVisible(page, 'main a[download]:not([href^="#"])');
          const actions = await page.$$eval('.actions .action-label', (as) => as.map((a) => a.textContent.trim()));
          const line = `phong-trao/${slug}/: first deadline y=${deadline ? `${deadline.top}–${deadline.bottom}` : 'none'}, first download y=${download ? `${download.top}–${download.bottom}` : 'none'}, actions [${actions.join(', ')}]`;
          measured.push(line);
          t.diagnostic(line);
          if (slug === campaigns[0] || slug.startsWith('hoi-thi')) await page.screenshot({ path: join(ARTIFACTS, `phone-campaign-${label.split(' ')[0]}.png`) });
          assert.ok(actions.length <= 3, `${slug}: more than three primary actions`);
          if (deadline) {
            withDeadline++;
            assert.ok(deadline.bottom <= SCREEN.height, `${slug}: the first deadline ends at y=${deadline.bottom}, below the first screen`);
          }
          if (download) {
            withDownload++;
            assert.ok(download.bottom <= SCREEN.height, `${slug}: the first download ends at y=${download.bottom}, below the first screen`);
          }
        } finally {
          await page.close();
        }
      }
      assert.ok(withDeadline > 0, 'no campaign page shows a deadline');
      assert.ok(withDownload > 0, 'no campaign page offers a download');
    });

    test('directive pages: the first attachment is within 1.5 screens, text left-aligned', async (t) => {
      const directives = directivesWithAttachments(out);
      assert.ok(directives.length > 0, 'no directive with attachments');
      for (const slug of directives) {
        const page = await open(`van-ban/${slug}/`);
        try {
          const first = await firstVisible(page, '.attachment');
          const height = await page.evaluate(() => document.documentElement.scrollHeight);
          const line = `van-ban/${slug}/: first attachment y=${first ? `${first.top}–${first.bottom}` : 'none'} of ${height}`;
          measured.push(line);
          t.diagnostic(line);
          assert.ok(first, `${slug}: no visible attachment`);
          assert.ok(first.bottom <= SCREEN.height * 1.5, `${slug}: the first attachment ends at y=${first.bottom}, beyond 1.5 screens`);
          const align = await page.$eval('.doc-body', (el) => getComputedStyle(el).textAlign);
          assert.notEqual(align, 'justify', `${slug}: the body is justified on a phone`);
          // One list of files per screen width: the side column's is hidden on the phone.
          const visibleLists = await page.$$eval('ul.attachments', (ls) => ls.filter((l) => l.getBoundingClientRect().height > 0).length);
          assert.equal(visibleLists, 1, `${slug}: ${visibleLists} visible attachment lists`);
        } finally {
          await page.close();
        }
      }
    });

    test('search page: the first result sits under the box; filters fold into "Lọc"', async (t) => {
      const page = await open('tim-kiem/');
      try {
        const word = label === 'sample portal' ? 'sáng tạo' : 'chuyển đổi số';
        await page.fill('#q', word);
        await page.waitForSelector('#search-results .result', { timeout: 15_000 });
        const first = await firstVisible(page, '#search-results .result-title');
        const line = `tim-kiem/ "${word}": first result y=${first.top}–${first.bottom}`;
        measured.push(line);
        t.diagnostic(line);
        assert.ok(first.bottom <= SCREEN.height, `the first result ends at y=${first.bottom}, below the first screen`);

        assert.equal(await page.isVisible('#f-nam'), false, 'the filters are unfolded on a phone');
        const summary = page.locator('.search-filters > summary');
        assert.match((await summary.textContent()).trim(), /^(Lọc|Filters)$/);
        await summary.click();
        const year = await page.$$eval('#f-nam option', (os) => os.map((o) => o.value).find(Boolean));
        await page.selectOption('#f-nam', year);
        await page.waitForFunction(() => /\(1 /.test(document.querySelector('.search-filters > summary').textContent));
        t.diagnostic(`after choosing a year: "${(await summary.textContent()).trim()}"`);
      } finally {
        await page.close();
      }
    });

    test('header: one line, an inline language switcher, a search placeholder that fits', async (t) => {
      const page = await open('');
      try {
        const header = await page.$eval('.site-header', (h) => h.getBoundingClientRect().height);
        measured.push(`header height ${Math.round(header)} px`);
        t.diagnostic(`header height ${header}px`);
        assert.ok(header <= 60, `the header is ${header}px high on a phone`);
        if (await page.$('.lang-switch')) {
          const li = await page.$eval('.lang-switch li', (l) => ({ list: getComputedStyle(l).listStyleType, display: getComputedStyle(l.parentElement).display }));
          assert.equal(li.list, 'none', 'the language switcher shows bullets');
          assert.equal(li.display, 'flex', 'the language switcher is not inline');
        }
        await page.click('.site-menu > summary');
        const fit = await page.$eval('#site-q', (input) => {
          const s = getComputedStyle(input);
          const ctx = document.createElement('canvas').getContext('2d');
          ctx.font = `${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
          const room = input.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
          return { text: ctx.measureText(input.placeholder).width, room };
        });
        assert.ok(fit.text <= fit.room, `the placeholder needs ${fit.text}px, the box has ${fit.room}px`);
        // The menu holds the navigation.
        assert.ok(await page.isVisible('.site-menu .nav a'), 'the menu does not show the navigation');
      } finally {
        await page.close();
      }
    });

    test('axe: no moderate, serious or critical violation on campaign, directive and search pages', async (t) => {
      const campaign = pageDirs(join(out, 'phong-trao')).filter((d) => d !== 'trang')[0];
      const paths = [`phong-trao/${campaign}/`, `van-ban/${directivesWithAttachments(out)[0]}/`, 'tim-kiem/'];
      for (const width of [SCREEN.width, 1280]) {
        for (const path of paths) {
          const page = await open(path);
          try {
            await page.setViewportSize({ width, height: SCREEN.height });
            if (path === 'tim-kiem/') {
              await page.fill('#q', 'thi');
              await page.waitForSelector('#search-results .result', { timeout: 15_000 }).catch(() => {});
            }
            const bad = await axeModerate(page);
            t.diagnostic(`${path} at ${width}px: ${axeSummary(bad.all)}`);
            assert.equal(bad.length, 0, formatAxe(`${server.url}${path} (${width}px)`, bad));
          } finally {
            await page.close();
          }
        }
      }
    });

    if (label === 'sample portal') {
      test('README screenshot of the campaign page on a phone', async () => {
        // A campaign that shows a deadline and actions, else the first.
        const campaigns = pageDirs(join(out, 'phong-trao')).filter((d) => d !== 'trang');
        const shown = campaigns.find((d) => /class="next-deadline"/.test(readFileSync(join(out, 'phong-trao', d, 'index.html'), 'utf8'))) ?? campaigns[0];
        const page = await open(`phong-trao/${shown}/`);
        try {
          const shot = join(ARTIFACTS, 'phone-campaign-readme.png');
          await page.screenshot({ path: shot });
          if (process.env.LOA_SCREENSHOTS === '1') {
            const dest = join(REPO, 'docs', 'images', 'campaign-phone.png');
            mkdirSync(join(dest, '..'), { recursive: true });
            // Fewer colours keep the PNG small; pngquant is optional.
            const q = spawnSync('pngquant', ['--force', '--quality', '60-85', '--output', dest, shot]);
            if (q.status !== 0) cpSync(shot, dest);
          }
          assert.ok(existsSync(shot));
        } finally {
          await page.close();
        }
      });
    }
  });
}
