// A withdrawn directive through independent parsers: its calendar events load in Mozilla's
// ical.js as cancelled (STATUS:CANCELLED, SEQUENCE above the published 0, the same UIDs as
// before the withdrawal, so calendar apps remove them), and its feed entry reads, in
// @rowanmanning/feed-parser, as an update of the same entry saying it was withdrawn.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { SITE_ROOT, buildSite, cleanup, missingTools, tempDir } from './helpers.mjs';
import { copyPortal, missingNodePackages } from './support-opendata.mjs';

const SLUG = 'cv-skhcn-hung-yen-day-manh-phong-trao-thi-dua-yeu-nuoc-dien-hinh-tien-tien';
const FILE = join('content', 'directives', '2023', SLUG, 'index.md');
// A directive has no calendar file of its own: its deadlines are in its campaign's and the portal's.
const CALENDARS = ['lich.ics'];

let skip = false;
let toolError = null;
try {
  skip = missingTools('loa') || missingNodePackages('@rowanmanning/feed-parser', 'ical.js') || false;
} catch (e) {
  toolError = e;
}

describe('a withdrawn directive in calendars and feeds', { skip }, () => {
  let work;
  let ICAL;
  let feedParser;
  let before_;
  let withdrawn;

  /** UID → the event's ical.js component, for the events of this directive. */
  const events = (out, file) => {
    const calendar = new ICAL.Component(ICAL.parse(readFileSync(join(out, file), 'utf8')));
    const found = new Map();
    for (const event of calendar.getAllSubcomponents('vevent')) {
      const uid = event.getFirstPropertyValue('uid');
      if (uid.startsWith(`van-ban-${SLUG}-`)) found.set(uid, event);
    }
    return found;
  };

  before(async () => {
    if (toolError) throw toolError;
    ICAL = (await import('ical.js')).default;
    feedParser = await import('@rowanmanning/feed-parser');
    work = tempDir('loa-withdrawn-');
    const root = copyPortal(SITE_ROOT, join(work, 'portal'));
    before_ = buildSite({ root, out: join(work, 'before') });
    const path = join(root, FILE);
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace('---\n', '---\nwithdrawn:\n  date: 2024-06-20\n  reason: Đã có văn bản mới\n'));
    withdrawn = buildSite({ root, out: join(work, 'after') });
  });

  after(() => cleanup(work));

  test('its calendar events are cancelled under the same UIDs', () => {
    for (const file of CALENDARS) {
      const published = events(before_, file);
      const cancelled = events(withdrawn, file);
      assert.ok(published.size > 0, `${file}: the directive has deadlines`);
      assert.deepEqual([...cancelled.keys()], [...published.keys()], `${file}: same UIDs`);
      for (const [uid, event] of cancelled) {
        const old = published.get(uid);
        assert.equal(old.getFirstPropertyValue('status'), null, `${file}: ${uid} was live`);
        assert.equal(event.getFirstPropertyValue('status'), 'CANCELLED', `${file}: ${uid}`);
        const sequence = new ICAL.Event(event).sequence;
        assert.ok(sequence > new ICAL.Event(old).sequence, `${file}: ${uid} SEQUENCE ${sequence} is higher`);
      }
    }
  });

  test('its feed entry is an update that says it was withdrawn', () => {
    const url = `/van-ban/${SLUG}/`;
    const read = (out) => feedParser.parseFeed(readFileSync(join(out, 'atom.xml'), 'utf8'));
    const old = read(before_).items.find((item) => item.url.endsWith(url));
    const item = read(withdrawn).items.find((entry) => entry.url.endsWith(url));
    assert.ok(old && item, 'the entry is in the portal feed before and after');
    assert.equal(item.id, old.id, 'the same entry');
    assert.match(item.title, /^Thu hồi: /);
    assert.match(item.description, /Văn bản đã bị thu hồi\/bãi bỏ ngày 20 tháng 6 năm 2024: Đã có văn bản mới/);
    assert.equal(item.updated.toISOString(), '2024-06-19T17:00:00.000Z');
    assert.equal(item.published.toISOString(), old.published.toISOString(), 'published as before');
  });
});
