// Open data through independent parsers only (never loa's own code): every Atom and RSS
// feed parses in @rowanmanning/feed-parser and, element by element, in a namespace-aware XML
// DOM (@xmldom/xmldom); every .ics loads in Mozilla's ical.js and its raw lines follow
// RFC 5545 (CRLF, 75 octets); every JSON API file validates against its shipped draft
// 2020-12 schema with Ajv; sitemap.xml is well-formed and valid against the sitemaps.org XSD
// (xmllint) and lists every real page; robots.txt names the sitemap.
//
// Three builds:
//   sample   — the sample portal (a temporary copy of it, so nothing is written into the repo)
//   rebuild  — the same copy built again: the calendars must keep their UIDs
//   fixture  — the sample plus 49 generated directives in one campaign (so the portal feed is
//              over its 50-entry cap and the campaign feed is not capped) and one directive
//              with timed deadlines, built under a sub-path base URL (/thidua/)
// Everything the files are compared with comes from the JSON API (itself schema-checked)
// and from the files on disk.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { LIST_FOLDERS, SITE_ROOT, buildSite, cleanup, listFiles, missingTools, pageDirs, rel, tempDir } from './helpers.mjs';
import {
  SITEMAP_XSD,
  addDays,
  checkIcsLines,
  copyPortal,
  missingNodePackages,
  missingXmllint,
  parseRfc3339,
  parseRfc822,
  partialDateRange,
  xmllint,
} from './support-opendata.mjs';

let skip = false;
let toolError = null;
try {
  skip =
    missingTools('loa') ||
    missingXmllint() ||
    missingNodePackages('@rowanmanning/feed-parser', '@xmldom/xmldom', 'ical.js', 'ajv', 'ajv-formats', 'sitemap') ||
    false;
} catch (e) {
  toolError = e; // CI: fail loudly in before()
}

const ATOM_NS = 'http://www.w3.org/2005/Atom';
const FIXTURE_BASE = 'https://so.example.gov.vn/thidua/';
const GENERATED = 49;
const FEED_CAP = 50;

// ---------------------------------------------------------------------------------------
// Fixture content

function writeFixture(root, campaignSlug, issuerSlug) {
  const dir = join(root, 'content', 'directives', 'e2e');
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < GENERATED; i++) {
    const day = new Date(Date.UTC(2019, 0, 1 + i * 3)).toISOString().slice(0, 10);
    writeFileSync(
      join(dir, `tb-e2e-${String(i + 1).padStart(2, '0')}.md`),
      [
        '---',
        `title: thông báo kiểm thử số ${i + 1} về việc tham gia hội thi`,
        'doc_type: thong-bao',
        `number: ${i + 1}/TB-E2E`,
        `issuer: ${issuerSlug}`,
        'place: Thanh Hóa',
        `date: ${day}`,
        `campaigns: [${campaignSlug}]`,
        '---',
        '',
        `Nội dung thông báo kiểm thử số ${i + 1}.`,
        '',
      ].join('\n'),
    );
  }
  writeFileSync(
    join(dir, 'tb-e2e-han-co-gio.md'),
    [
      '---',
      'title: "hạn nộp hồ sơ có giờ; bản giấy, bản điện tử"',
      'doc_type: thong-bao',
      'number: 99/TB-E2E',
      `issuer: ${issuerSlug}`,
      'place: Thanh Hóa',
      'date: 2024-06-30',
      `campaigns: [${campaignSlug}]`,
      'deadlines:',
      '  - date: 2024-08-15T17:00',
      '    what: "Nộp hồ sơ dự thi; bản giấy, bản điện tử (trước 17 giờ)"',
      '  - date: 2024-08-20T06:30',
      '    what: Gửi báo cáo sơ kết trước giờ làm việc',
      '  - date: 2024-09-02',
      '    what: Tổng hợp kết quả',
      '---',
      '',
      'Thông báo kiểm thử có thời hạn kèm giờ (giờ Việt Nam).',
      '',
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------------------
// Helpers on a built output

/** A site-absolute URL → the file it names in out (index.html for a folder), or null. */
function fileForUrl(out, base, url) {
  if (!url.startsWith(base)) return null;
  let path = decodeURIComponent(url.slice(base.length).split(/[?#]/)[0]);
  if (path === '' || path.endsWith('/')) path += 'index.html';
  return join(out, path);
}

function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** The JSON API, as read from disk: {campaigns: Map slug→detail, directives: Map slug→detail, list…}. */
function readApi(out) {
  const api = join(out, 'api', 'v1');
  const campaignsList = readJson(join(api, 'campaigns.json'));
  const directivesList = readJson(join(api, 'directives.json'));
  // API version 2: a directive's api_url is its page of whole directives and #slug; version
  // 3: a campaign's too.
  const pages = new Map();
  const whole = (list) => (item) => {
    const [address, slug] = item.api_url.split('#');
    assert.equal(slug, item.slug, `${item.slug}: api_url ${item.api_url} ends in #slug`);
    const page = address.slice(address.indexOf('/api/v1/') + '/api/v1/'.length);
    assert.match(page, new RegExp(`^${list}/[0-9]+\\.json$`), `${item.slug}: api_url ${item.api_url} names a page of ${list}`);
    if (!pages.has(page)) pages.set(page, readJson(join(api, page)));
    return pages.get(page)[list].find((e) => e.slug === item.slug);
  };
  const campaigns = new Map(campaignsList.campaigns.map((c) => [c.slug, whole('campaigns')(c)]));
  const directives = new Map(directivesList.directives.map((d) => [d.slug, whole('directives')(d)]));
  return { campaignsList, directivesList, campaigns, directives };
}

const byDateDesc = (a, b) => (a.date ?? '') < (b.date ?? '') ? 1 : (a.date ?? '') > (b.date ?? '') ? -1 : 0;

function children(el, ns, name) {
  const out = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && n.localName === name && (ns === undefined || n.namespaceURI === ns)) out.push(n);
  }
  return out;
}

function one(el, ns, name, where) {
  const found = children(el, ns, name);
  assert.equal(found.length, 1, `${where}: expected exactly one <${name}>, found ${found.length}`);
  return found[0];
}

function text(el) {
  return (el?.textContent ?? '').trim();
}

function isAbsoluteUrl(s) {
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

let xmldom;
let feedParser;
let ICAL;
let Ajv2020;
let addFormats;

function parseXml(source, where) {
  const errors = [];
  const doc = new xmldom.DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(
    source,
    'application/xml',
  );
  assert.deepEqual(errors, [], `${where}: XML errors`);
  return doc;
}

// ---------------------------------------------------------------------------------------
// Feeds

function checkAtom(file, source, { base, selfUrl, title, expectedUrls, newestFirst, out }) {
  const where = file;
  const doc = parseXml(source, where);
  const feed = doc.documentElement;
  assert.equal(feed.localName, 'feed', `${where}: root element`);
  assert.equal(feed.namespaceURI, ATOM_NS, `${where}: root namespace`);
  const id = text(one(feed, ATOM_NS, 'id', where));
  assert.ok(isAbsoluteUrl(id), `${where}: feed <id> is not an absolute IRI: ${id}`);
  assert.equal(text(one(feed, ATOM_NS, 'title', where)), title, `${where}: feed <title>`);
  const feedUpdated = parseRfc3339(text(one(feed, ATOM_NS, 'updated', where)));
  const links = children(feed, ATOM_NS, 'link');
  const self = links.find((l) => l.getAttribute('rel') === 'self');
  assert.equal(self?.getAttribute('href'), selfUrl, `${where}: <link rel="self">`);
  const feedHasAuthor = children(feed, ATOM_NS, 'author').length > 0;

  const entries = children(feed, ATOM_NS, 'entry');
  const ids = new Set();
  const urls = [];
  let previous = null;
  for (const [n, entry] of entries.entries()) {
    const w = `${where} entry ${n + 1}`;
    const eid = text(one(entry, ATOM_NS, 'id', w));
    assert.ok(isAbsoluteUrl(eid), `${w}: <id> is not an absolute IRI: ${eid}`);
    assert.ok(!ids.has(eid), `${w}: duplicate <id> ${eid}`);
    ids.add(eid);
    assert.ok(text(one(entry, ATOM_NS, 'title', w)).length > 0, `${w}: empty <title>`);
    const updated = parseRfc3339(text(one(entry, ATOM_NS, 'updated', w)));
    assert.ok(updated <= feedUpdated, `${w}: entry <updated> ${updated.toISOString()} is after the feed's ${feedUpdated.toISOString()}`);
    if (newestFirst && previous) assert.ok(updated <= previous, `${w}: entries are not newest first`);
    previous = updated;
    const alt = children(entry, ATOM_NS, 'link').filter((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate');
    assert.equal(alt.length, 1, `${w}: expected one <link rel="alternate">`);
    const href = alt[0].getAttribute('href');
    assert.ok(isAbsoluteUrl(href) && href.startsWith(base), `${w}: link ${href} is not under ${base}`);
    const page = fileForUrl(out, base, href);
    assert.ok(page && existsSync(page), `${w}: link ${href} names no built page`);
    if (!feedHasAuthor) assert.ok(children(entry, ATOM_NS, 'author').length > 0, `${w}: no <author> in the entry nor the feed`);
    const hasContent = children(entry, ATOM_NS, 'content').length > 0;
    assert.ok(hasContent || children(entry, ATOM_NS, 'summary').length > 0 || alt.length > 0, `${w}: no content`);
    urls.push(href);
  }
  assert.deepEqual([...urls].sort(), [...expectedUrls].sort(), `${where}: entries are not the expected directives`);
  return entries.length;
}

function checkRss(file, source, { base, selfUrl, title, expectedUrls, newestFirst, out }) {
  const where = file;
  const doc = parseXml(source, where);
  const rss = doc.documentElement;
  assert.equal(rss.localName, 'rss', `${where}: root element`);
  assert.equal(rss.getAttribute('version'), '2.0', `${where}: rss version`);
  const channel = one(rss, null, 'channel', where);
  assert.equal(text(one(channel, null, 'title', where)), title, `${where}: channel <title>`);
  const link = text(one(channel, null, 'link', where));
  assert.ok(isAbsoluteUrl(link) && link.startsWith(base), `${where}: channel <link> ${link}`);
  assert.ok(existsSync(fileForUrl(out, base, link) ?? '/nonexistent'), `${where}: channel <link> ${link} names no built page`);
  assert.ok(text(one(channel, null, 'description', where)).length > 0, `${where}: empty channel <description>`);
  const atomSelf = children(channel, ATOM_NS, 'link').find((l) => l.getAttribute('rel') === 'self');
  if (atomSelf) assert.equal(atomSelf.getAttribute('href'), selfUrl, `${where}: <atom:link rel="self">`);
  for (const name of ['pubDate', 'lastBuildDate']) {
    const el = children(channel, null, name)[0];
    if (el) parseRfc822(text(el));
  }
  const items = children(channel, null, 'item');
  const guids = new Set();
  const urls = [];
  let previous = null;
  for (const [n, item] of items.entries()) {
    const w = `${where} item ${n + 1}`;
    assert.ok(text(one(item, null, 'title', w)).length > 0, `${w}: empty <title>`);
    const href = text(one(item, null, 'link', w));
    assert.ok(isAbsoluteUrl(href) && href.startsWith(base), `${w}: <link> ${href} is not under ${base}`);
    const page = fileForUrl(out, base, href);
    assert.ok(page && existsSync(page), `${w}: <link> ${href} names no built page`);
    const guidEl = one(item, null, 'guid', w);
    const guid = text(guidEl);
    assert.ok(guid.length > 0, `${w}: empty <guid>`);
    assert.ok(!guids.has(guid), `${w}: duplicate <guid> ${guid}`);
    guids.add(guid);
    if ((guidEl.getAttribute('isPermaLink') ?? 'true') === 'true') {
      assert.ok(isAbsoluteUrl(guid), `${w}: permalink <guid> is not a URL: ${guid}`);
    }
    const pub = parseRfc822(text(one(item, null, 'pubDate', w)));
    if (newestFirst && previous) assert.ok(pub <= previous, `${w}: items are not newest first`);
    previous = pub;
    urls.push(href);
  }
  assert.deepEqual([...urls].sort(), [...expectedUrls].sort(), `${where}: items are not the expected directives`);
  return items.length;
}

/** Checks every feed of a build; returns {feeds, entries}. */
function checkFeeds(out, base, siteTitle) {
  const api = readApi(out);
  const allDirectives = [...api.directivesList.directives].sort(byDateDesc);
  const specs = [
    {
      folder: '',
      title: siteTitle,
      expected: allDirectives.slice(0, FEED_CAP).map((d) => d.url),
      newestFirst: true,
    },
  ];
  for (const c of api.campaignsList.campaigns) {
    const detail = api.campaigns.get(c.slug);
    specs.push({
      folder: `phong-trao/${c.slug}/`,
      kinds: ['atom'], // a campaign's feed is Atom only (its old rss.xml address redirects)
      title: c.title,
      expected: detail.directives.map((slug) => {
        const d = api.directives.get(slug);
        assert.ok(d, `campaign ${c.slug} lists directive ${slug}, which directives.json does not list`);
        return d.url;
      }),
      newestFirst: true,
    });
  }
  // The portal's feeds hold the 50 newest directives: make sure the cut is not ambiguous.
  if (allDirectives.length > FEED_CAP) {
    assert.notEqual(allDirectives[FEED_CAP - 1].date, allDirectives[FEED_CAP].date, 'fixture: the 50th and 51st directives share a date');
  }

  // Each language edition (en/…) has its own portal feeds, holding its translated documents.
  for (const lang of editions(out)) {
    const home = readFileSync(join(out, lang, 'index.html'), 'utf8');
    const siteTitle = decodeEntities(home.match(/<title>([^<]*)<\/title>/)[1]);
    const translated = pageDirs(join(out, lang, 'van-ban')).filter((d) => !LIST_FOLDERS.has(d) && d !== 'trang');
    specs.push({
      folder: `${lang}/`,
      title: siteTitle,
      expected: translated.map((slug) => `${base}${lang}/van-ban/${slug}/`),
      newestFirst: false,
    });
  }
  const kindsOf = (s) => s.kinds ?? ['atom', 'rss'];
  const expectedFiles = specs.flatMap((s) => kindsOf(s).map((k) => `${s.folder}${k}.xml`)).sort();
  const found = listFiles(out, ['atom.xml', 'rss.xml']).map((f) => rel(out, f)).sort();
  assert.deepEqual(found, expectedFiles, 'feed files: Atom and RSS for the portal and each edition, Atom for each campaign');

  let feeds = 0;
  let entries = 0;
  for (const spec of specs) {
    for (const kind of kindsOf(spec)) {
      const relPath = `${spec.folder}${kind}.xml`;
      const file = join(out, relPath);
      const lint = xmllint(['--noout', '--nonet', file]);
      assert.equal(lint.status, 0, `${relPath}: xmllint says it is not well-formed:\n${lint.output}`);
      const source = readFileSync(file, 'utf8');
      const opts = { base, selfUrl: base + relPath, title: spec.title, expectedUrls: spec.expected, newestFirst: spec.newestFirst, out };
      const count = kind === 'atom' ? checkAtom(relPath, source, opts) : checkRss(relPath, source, opts);
      assert.equal(count, spec.expected.length, `${relPath}: ${count} entries, expected ${spec.expected.length}`);

      // The independent feed parser must read the same thing.
      const parsed = feedParser.parseFeed(source);
      assert.equal(parsed.meta.type, kind, `${relPath}: feed-parser sees a ${parsed.meta.type} feed`);
      assert.equal(parsed.title, spec.title, `${relPath}: feed-parser title`);
      assert.equal(parsed.self, base + relPath, `${relPath}: feed-parser self link`);
      assert.equal(parsed.items.length, spec.expected.length, `${relPath}: feed-parser item count`);
      for (const item of parsed.items) {
        assert.ok(item.title, `${relPath}: feed-parser finds an item without a title`);
        assert.ok(spec.expected.includes(item.url), `${relPath}: feed-parser item url ${item.url} is not an expected directive`);
        assert.ok(item.id, `${relPath}: feed-parser finds an item without an id/guid`);
        const date = item.updated ?? item.published;
        assert.ok(date instanceof Date && !Number.isNaN(date.getTime()), `${relPath}: feed-parser finds no date on ${item.url}`);
      }
      feeds++;
      entries += count;
    }
  }
  return { feeds, entries };
}

// ---------------------------------------------------------------------------------------
// Calendars

/** The events a calendar should hold, from the JSON API: [{key, url, dtstart, dtend, timed}]. */
function phaseEvents(campaign) {
  return (campaign.phases ?? []).flatMap((p) => {
    const start = p.start ?? p.date ?? p.end;
    const end = p.end ?? p.date ?? p.start;
    if (!start || !end) return [];
    const dtstart = partialDateRange(start)[0];
    const dtend = addDays(partialDateRange(end)[1], 1);
    return [{ url: campaign.url, dtstart, dtend, timed: false, what: p.name }];
  });
}

function deadlineEvents(directive) {
  return (directive.deadlines ?? []).map((d) => {
    const m = d.date.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/);
    if (m) {
      // Vietnam time (UTC+7), no daylight saving.
      const utc = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 7, +m[5]));
      const stamp = `${utc.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
      return { url: directive.url, dtstart: stamp, dtend: null, timed: true, what: d.what };
    }
    const [first] = partialDateRange(d.date);
    return { url: directive.url, dtstart: first, dtend: addDays(first, 1), timed: false, what: d.what };
  });
}

const eventKey = (e) => `${e.url} | ${e.dtstart}${e.timed ? '' : ` → ${e.dtend}`}`;

/**
 * Parses one .ics with ical.js and checks it; returns {events: [{uid, key, summary, dtstart,
 * dtend}], count}.
 */
function checkCalendar(relPath, buf, expected) {
  const { problems, lines } = checkIcsLines(buf);
  assert.deepEqual(problems, [], `${relPath}: RFC 5545 line problems`);
  assert.equal(lines[0], 'BEGIN:VCALENDAR', `${relPath}: first line`);
  assert.equal(lines.at(-1), 'END:VCALENDAR', `${relPath}: last line`);

  let jcal;
  try {
    jcal = ICAL.parse(buf.toString('utf8'));
  } catch (e) {
    assert.fail(`${relPath}: ical.js cannot parse it: ${e.message}`);
  }
  const cal = new ICAL.Component(jcal);
  assert.equal(cal.name, 'vcalendar', `${relPath}: top component`);
  assert.equal(String(cal.getFirstPropertyValue('version')), '2.0', `${relPath}: VERSION`);
  assert.ok(cal.getFirstPropertyValue('prodid'), `${relPath}: no PRODID`);
  assert.equal(cal.getAllSubcomponents('vtimezone').length, 0, `${relPath}: has a VTIMEZONE although every time should be UTC`);

  // Raw DTSTART/DTEND lines, to see the value type exactly as written.
  const rawVevents = [];
  let cur = null;
  for (const l of lines) {
    if (l === 'BEGIN:VEVENT') cur = {};
    else if (l === 'END:VEVENT') {
      rawVevents.push(cur);
      cur = null;
    } else if (cur) {
      const name = l.match(/^[A-Za-z-]+/)[0].toUpperCase();
      (cur[name] ??= []).push(l);
    }
  }

  const vevents = cal.getAllSubcomponents('vevent');
  assert.equal(vevents.length, rawVevents.length, `${relPath}: ical.js and the raw lines disagree on the VEVENT count`);
  const uids = new Set();
  const events = [];
  vevents.forEach((ve, n) => {
    const raw = rawVevents[n];
    const w = `${relPath} VEVENT ${n + 1}`;
    const uid = ve.getFirstPropertyValue('uid');
    assert.ok(uid && String(uid).trim(), `${w}: no UID`);
    assert.ok(!uids.has(uid), `${w}: duplicate UID ${uid}`);
    uids.add(uid);
    for (const prop of ['UID', 'DTSTAMP', 'DTSTART']) {
      assert.equal(raw[prop]?.length, 1, `${w} (${uid}): expected exactly one ${prop}`);
    }
    assert.ok((raw.DTEND?.length ?? 0) <= 1 && !(raw.DTEND && raw.DURATION), `${w} (${uid}): DTEND/DURATION`);
    assert.match(raw.DTSTAMP[0], /^DTSTAMP:\d{8}T\d{6}Z$/, `${w} (${uid}): DTSTAMP must be a UTC date-time`);
    const stamp = ve.getFirstPropertyValue('dtstamp');
    assert.ok(stamp && !stamp.isDate, `${w} (${uid}): ical.js reads no DTSTAMP date-time`);

    const ev = new ICAL.Event(ve);
    const start = ev.startDate;
    const end = ve.hasProperty('dtend') ? ve.getFirstPropertyValue('dtend') : null;
    let dtstart;
    let dtend = null;
    if (start.isDate) {
      assert.match(raw.DTSTART[0], /^DTSTART;VALUE=DATE:\d{8}$/, `${w} (${uid}): an all-day DTSTART must be a DATE value`);
      assert.ok(end, `${w} (${uid}): an all-day event without DTEND`);
      assert.match(raw.DTEND[0], /^DTEND;VALUE=DATE:\d{8}$/, `${w} (${uid}): an all-day DTEND must be a DATE value`);
      assert.ok(end.isDate, `${w} (${uid}): ical.js reads DTEND as a date-time`);
      assert.ok(end.compare(start) > 0, `${w} (${uid}): DTEND ${end} is not after DTSTART ${start}`);
      dtstart = raw.DTSTART[0].slice(-8);
      dtend = raw.DTEND[0].slice(-8);
    } else {
      assert.match(raw.DTSTART[0], /^DTSTART:\d{8}T\d{6}Z$/, `${w} (${uid}): a timed DTSTART must be in UTC (…Z)`);
      assert.equal(start.zone?.tzid, 'UTC', `${w} (${uid}): ical.js reads DTSTART outside UTC`);
      if (end) {
        assert.match(raw.DTEND[0], /^DTEND:\d{8}T\d{6}Z$/, `${w} (${uid}): a timed DTEND must be a UTC date-time like DTSTART`);
        // RFC 5545 §3.8.2.2: DTEND "MUST be later in time than the value of the DTSTART property".
        assert.ok(end.compare(start) > 0, `${w} (${uid}): DTEND ${raw.DTEND[0]} is not later than ${raw.DTSTART[0]} (RFC 5545 §3.8.2.2); a point-in-time deadline should omit DTEND`);
      }
      dtstart = raw.DTSTART[0].slice('DTSTART:'.length);
    }
    const url = ve.getFirstPropertyValue('url');
    const summary = String(ve.getFirstPropertyValue('summary') ?? '');
    assert.ok(summary.length > 0, `${w} (${uid}): empty SUMMARY`);
    events.push({ uid: String(uid), key: eventKey({ url, dtstart, dtend, timed: !start.isDate }), summary, dtstart, dtend });
  });

  if (expected) {
    const got = events.map((e) => e.key).sort();
    const want = expected.map(eventKey).sort();
    assert.deepEqual(got, want, `${relPath}: events (URL | DTSTART → DTEND) differ from the JSON API's phases and deadlines`);
    // Each deadline's text must survive TEXT escaping (commas, semicolons) intact.
    for (const e of expected) {
      if (!e.what) continue;
      const match = events.find((x) => x.key === eventKey(e) && x.summary.includes(e.what));
      assert.ok(match, `${relPath}: no event on ${eventKey(e)} whose SUMMARY contains ${JSON.stringify(e.what)}`);
    }
  }
  return { events, count: events.length };
}

/** Every .ics of a build read with ical.js only: Map path → [{uid, start, end, summary}]. */
function loadCalendars(out) {
  const files = new Map();
  for (const f of listFiles(out, ['.ics'])) {
    const cal = new ICAL.Component(ICAL.parse(readFileSync(f, 'utf8')));
    files.set(
      rel(out, f),
      cal.getAllSubcomponents('vevent').map((ve) => ({
        uid: String(ve.getFirstPropertyValue('uid')),
        start: ve.getFirstPropertyValue('dtstart')?.toICALString() ?? null,
        end: ve.getFirstPropertyValue('dtend')?.toICALString() ?? null,
        summary: String(ve.getFirstPropertyValue('summary') ?? ''),
      })),
    );
  }
  return files;
}

function checkCalendars(out) {
  const api = readApi(out);
  const specs = [];
  const allEvents = [];
  for (const c of api.campaignsList.campaigns) {
    const detail = api.campaigns.get(c.slug);
    const evs = [...phaseEvents(detail), ...detail.directives.flatMap((s) => deadlineEvents(api.directives.get(s)))];
    specs.push({ path: `phong-trao/${c.slug}/lich.ics`, expected: evs });
    allEvents.push(...phaseEvents(detail));
  }
  // A directive's deadlines are in its campaigns' calendars and the portal's (no file of its own).
  for (const d of api.directives.values()) {
    const evs = deadlineEvents(d);
    assert.ok(!existsSync(join(out, 'van-ban', d.slug, 'lich.ics')), `van-ban/${d.slug}/lich.ics is not written`);
    allEvents.push(...evs);
  }
  specs.unshift({ path: 'lich.ics', expected: allEvents });

  const langs = editions(out);
  const inEdition = (path) => langs.some((l) => path.startsWith(`${l}/`));
  const found = listFiles(out, ['.ics']).map((f) => rel(out, f)).filter((p) => !inEdition(p)).sort();
  assert.deepEqual(found, specs.map((s) => s.path).sort(), '.ics files: the portal, every campaign, every directive with deadlines');
  // A language edition has one calendar of its translated items, with UIDs of its own.
  for (const lang of langs) {
    const files = listFiles(join(out, lang), ['.ics']).map((f) => rel(out, f));
    assert.deepEqual(files, [`${lang}/lich.ics`], `${lang}: one calendar for the edition`);
    const cal = new ICAL.Component(ICAL.parse(readFileSync(join(out, lang, 'lich.ics'), 'utf8')));
    for (const ve of cal.getAllSubcomponents('vevent')) {
      const uid = String(ve.getFirstPropertyValue('uid'));
      assert.ok(uid.startsWith(`${lang}-`), `${lang}/lich.ics: UID ${uid} is not the edition's own`);
    }
  }

  const byUid = new Map();
  const perFile = new Map();
  let total = 0;
  for (const spec of specs) {
    const { events, count } = checkCalendar(spec.path, readFileSync(join(out, spec.path)), spec.expected);
    total += count;
    perFile.set(spec.path, events);
    for (const e of events) {
      const seen = byUid.get(e.uid);
      if (seen) {
        assert.equal(e.key, seen.key, `UID ${e.uid} names different events in ${seen.path} and ${spec.path}`);
        assert.equal(e.summary, seen.summary, `UID ${e.uid} has different SUMMARY in ${seen.path} and ${spec.path}`);
      } else byUid.set(e.uid, { ...e, path: spec.path });
    }
  }
  return { files: specs.length, events: total, perFile, byUid };
}

// ---------------------------------------------------------------------------------------
// JSON API

function checkApi(out, base) {
  const apiDir = join(out, 'api', 'v1');
  const schemaDir = join(apiDir, 'schema');
  const schemaFiles = listFiles(schemaDir, ['.schema.json']);
  assert.ok(schemaFiles.length > 0, 'no api/v1/schema/*.schema.json');
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  const schemas = new Map();
  for (const f of schemaFiles) {
    const schema = readJson(f);
    const name = rel(schemaDir, f);
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema', `${name}: $schema`);
    assert.equal(schema.$id, name, `${name}: $id`);
    assert.ok(ajv.validateSchema(schema), `${name}: not a valid draft 2020-12 schema: ${ajv.errorsText(ajv.errors)}`);
    ajv.addSchema(schema);
    schemas.set(name, schema);
  }

  const dataFiles = listFiles(apiDir, ['.json']).filter((f) => !f.startsWith(schemaDir));
  const schemaFor = (relPath) => {
    if (relPath === 'campaigns.json') return 'campaigns.schema.json';
    if (relPath === 'directives.json') return 'directives.schema.json';
    if (/^directives\/[0-9]+\.json$/.test(relPath)) return 'directive-page.schema.json';
    if (/^campaigns\/[0-9]+\.json$/.test(relPath)) return 'campaign-page.schema.json';
    if (relPath === 'results.json') return 'results.schema.json';
    if (relPath === 'index.json') return 'index.schema.json';
    if (relPath === 'deadlines.json') return 'deadlines.schema.json';
    return null;
  };
  const instances = new Map();
  for (const f of dataFiles) {
    const relPath = rel(apiDir, f);
    const name = schemaFor(relPath);
    assert.ok(name, `api/v1/${relPath}: no schema is known for this file`);
    assert.ok(schemas.has(name), `api/v1/${relPath}: ${name} is not shipped`);
    const data = readJson(f);
    assert.equal(data.$schema, `${base}api/v1/schema/${name}`, `api/v1/${relPath}: $schema`);
    const validate = ajv.getSchema(name);
    assert.ok(validate(data), `api/v1/${relPath} does not validate against ${name}:\n${ajv.errorsText(validate.errors, { separator: '\n' })}`);
    instances.set(relPath, { name, data });
  }

  // The schemas must constrain something: dropping a required property makes each instance invalid.
  for (const [relPath, { name, data }] of instances) {
    for (const prop of schemas.get(name).required ?? []) {
      const copy = structuredClone(data);
      delete copy[prop];
      assert.equal(ajv.getSchema(name)(copy), false, `${name} accepts api/v1/${relPath} without its required "${prop}"`);
    }
  }

  // Lists and details agree, and every URL names a built file.
  const api = readApi(out);
  const pagesOf = (list) => dataFiles
    .map((f) => rel(apiDir, f))
    .filter((p) => p.startsWith(`${list}/`))
    .map((p) => readJson(join(apiDir, p)))
    .sort((a, b) => a.page - b.page)
    .flatMap((p) => p[list]);
  // The pages of whole campaigns and directives hold their list's entries, in its order, each
  // once, with the same summary fields.
  for (const [list, entries, whole] of [
    ['campaigns', api.campaignsList.campaigns, api.campaigns],
    ['directives', api.directivesList.directives, api.directives],
  ]) {
    assert.deepEqual(pagesOf(list).map((d) => d.slug), entries.map((d) => d.slug), `${list}/N.json hold ${list}.json in order`);
    for (const entry of entries) {
      const item = whole.get(entry.slug);
      assert.ok(item, `${entry.slug}: ${entry.api_url} does not hold it`);
      for (const [key, value] of Object.entries(entry)) assert.deepEqual(item[key], value, `${entry.slug}: ${key} differs between the list and its page`);
    }
  }
  for (const item of [...api.campaignsList.campaigns, ...api.directivesList.directives]) {
    for (const key of ['url', 'api_url']) {
      const file = fileForUrl(out, base, item[key].split('#')[0]);
      assert.ok(file && existsSync(file), `${item.slug}: ${key} ${item[key]} names no built file`);
    }
  }
  // A page's entries are whole items: dropping a required field makes the page invalid.
  for (const [list, item] of [['campaigns', 'campaign'], ['directives', 'directive']]) {
    const firstPage = readJson(join(apiDir, list, '1.json'));
    for (const prop of schemas.get(`${item}.schema.json`).required) {
      const copy = structuredClone(firstPage);
      delete copy[list][0][prop];
      assert.equal(ajv.getSchema(`${item}-page.schema.json`)(copy), false, `${item}-page.schema.json accepts a ${item} without its required "${prop}"`);
    }
  }
  // index.json names each list at its versioned address, with its item count.
  const index = readJson(join(apiDir, 'index.json'));
  assert.equal(index.version, 3, 'index.json: the API version says campaigns and directives have no file of their own');
  for (const [name, entry] of Object.entries(index.lists)) {
    const [address, query] = entry.url.split('?');
    assert.equal(query, `v=${entry.version}`, `index.json: ${name} is linked with its version`);
    const file = fileForUrl(out, base, address);
    assert.ok(file && existsSync(file), `index.json: ${name} ${entry.url} names no built file`);
    assert.equal(readJson(file)[name].length, entry.count, `index.json: ${name} count`);
  }
  for (const [slug, c] of api.campaigns) {
    for (const d of c.directives) {
      assert.ok(api.directives.get(d)?.campaigns.includes(slug), `campaign ${slug} lists directive ${d}, which does not list the campaign back`);
    }
  }
  return { files: dataFiles.length, schemas: schemaFiles.length };
}

// ---------------------------------------------------------------------------------------
// Sitemap and robots.txt

/**
 * Pages a sitemap must list: every index.html except short links (q/), embeds (nhung/),
 * posters and flyers (*​/ap-phich/, *​/to-roi/) and the search page (tim-kiem/); a page that
 * says <meta name="robots" content="noindex"> is left out too. List pagination (…/trang/N/)
 * may be listed or not. Returned as paths relative to the base URL ("" = home).
 */
function expectedSitemapPaths(out) {
  const must = [];
  const may = [];
  for (const f of listFiles(out, ['index.html'])) {
    const p = rel(out, f).replace(/index\.html$/, '');
    if (/^(q|nhung)\//.test(p) || /(^|\/)(ap-phich|to-roi)\/$/.test(p) || /^([a-z]{2}\/)?tim-kiem\//.test(p)) continue;
    if (/<meta\s+name="robots"\s+content="[^"]*noindex/i.test(readFileSync(f, 'utf8'))) continue;
    if (/(^|\/)trang\/\d+\/$/.test(p)) may.push(p);
    else must.push(p);
  }
  return { must, may };
}

/** Well-formed, XSD-valid, every URL a built page; returns the listed paths. */
function checkSitemapFile(out, base) {
  const file = join(out, 'sitemap.xml');
  const wf = xmllint(['--noout', '--nonet', file]);
  assert.equal(wf.status, 0, `sitemap.xml is not well-formed:\n${wf.output}`);
  const valid = xmllint(['--noout', '--nonet', '--schema', SITEMAP_XSD, file]);
  assert.equal(valid.status, 0, `sitemap.xml is not valid against the sitemaps.org XSD (${SITEMAP_XSD}):\n${valid.output}`);

  const doc = parseXml(readFileSync(file, 'utf8'), 'sitemap.xml');
  const NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
  const locs = children(doc.documentElement, NS, 'url').map((u) => {
    const loc = text(one(u, NS, 'loc', 'sitemap.xml <url>'));
    const lastmod = children(u, NS, 'lastmod')[0];
    if (lastmod) assert.match(text(lastmod), /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, `sitemap.xml: lastmod of ${loc}`);
    return loc;
  });
  assert.equal(new Set(locs).size, locs.length, 'sitemap.xml lists a URL twice');
  const paths = [];
  for (const loc of locs) {
    assert.ok(loc.startsWith(base), `sitemap.xml: ${loc} is not under the base URL ${base}`);
    const f = fileForUrl(out, base, loc);
    assert.ok(f && existsSync(f), `sitemap.xml: ${loc} names no built page`);
    paths.push(decodeURIComponent(loc.slice(base.length)));
  }
  return paths;
}

/** Compares the sitemap's URLs with the built pages. */
function checkSitemapCoverage(out, paths) {
  const { must, may } = expectedSitemapPaths(out);
  const listed = new Set(paths);
  const missing = must.filter((p) => !listed.has(p));
  const extra = paths.filter((p) => !must.includes(p) && !may.includes(p));
  assert.deepEqual(
    { missing, extra },
    { missing: [], extra: [] },
    `sitemap.xml vs the built pages (every index.html except q/, nhung/, */ap-phich/, */to-roi/, tim-kiem/ and noindex pages): ` +
      `${missing.length} missing, ${extra.length} not expected`,
  );
  return { urls: paths.length, pages: must.length };
}

function checkRobots(out, base) {
  const robots = readFileSync(join(out, 'robots.txt'), 'utf8');
  const lines = robots.split(/\r?\n/);
  for (const l of lines) {
    assert.match(l, /^(#.*|\s*|(User-agent|Allow|Disallow|Sitemap|Crawl-delay):\s*\S.*)$/i, `robots.txt: unexpected line ${JSON.stringify(l)}`);
  }
  const sitemaps = lines.filter((l) => /^sitemap:/i.test(l)).map((l) => l.replace(/^sitemap:\s*/i, '').trim());
  assert.deepEqual(sitemaps, [`${base}sitemap.xml`], 'robots.txt must name the absolute sitemap URL');
  assert.ok(!lines.some((l) => /^disallow:\s*\/\s*$/i.test(l)), 'robots.txt disallows the whole site');
  const basePath = new URL(base).pathname;
  assert.ok(
    lines.some((l) => l.replace(/\s+/g, '').toLowerCase() === `disallow:${basePath}nhung/`),
    `robots.txt should keep crawlers out of the embeds (${basePath}nhung/)`,
  );
}

// ---------------------------------------------------------------------------------------

describe('open data through independent parsers', { skip, concurrency: 1 }, () => {
  let work;
  const builds = {};

  before(async () => {
    if (toolError) throw toolError;
    xmldom = await import('@xmldom/xmldom');
    feedParser = await import('@rowanmanning/feed-parser');
    ICAL = (await import('ical.js')).default;
    Ajv2020 = (await import('ajv/dist/2020.js')).default;
    addFormats = (await import('ajv-formats')).default;
    assert.ok(existsSync(SITEMAP_XSD), `${SITEMAP_XSD} is missing: run npm ci`);

    work = tempDir('loa-opendata-');
    const sample = copyPortal(SITE_ROOT, join(work, 'sample'));
    const siteYaml = readFileSync(join(sample, 'site.yaml'), 'utf8');
    const sampleBase = siteYaml.match(/^base_url:\s*["']?([^\s"'#]+)/m)[1];
    const sampleTitle = siteYaml.match(/^title:\s*(.+)$/m)[1].trim().replace(/^["']|["']$/g, '');
    builds.sample = { out: buildSite({ root: sample, out: join(work, 'out-sample') }), base: sampleBase, title: sampleTitle };
    builds.rebuild = { out: buildSite({ root: sample, out: join(work, 'out-rebuild') }), base: sampleBase, title: sampleTitle };

    // The fixture: the first campaign that has directives gets 50 more.
    const api = readApi(builds.sample.out);
    const campaign = [...api.campaigns.values()].find((c) => c.directives.length > 0);
    const issuer = api.directives.get(campaign.directives[0]).issuer;
    const fixture = copyPortal(SITE_ROOT, join(work, 'fixture'));
    writeFixture(fixture, campaign.slug, issuer);
    builds.fixture = {
      out: buildSite({ root: fixture, out: join(work, 'out-fixture'), baseUrl: FIXTURE_BASE }),
      base: FIXTURE_BASE,
      title: sampleTitle,
      campaign: campaign.slug,
    };
  });

  after(() => cleanup(work));

  for (const name of ['sample', 'fixture']) {
    describe(`${name} build`, () => {
      test('JSON API files validate against their shipped JSON Schemas (Ajv 2020-12)', (t) => {
        const { out, base } = builds[name];
        const r = checkApi(out, base);
        t.diagnostic(`${name}: ${r.files} JSON files validated against ${r.schemas} schemas`);
      });

      test('Atom and RSS feeds parse and hold the expected entries', (t) => {
        const { out, base, title } = builds[name];
        const r = checkFeeds(out, base, title);
        t.diagnostic(`${name}: ${r.feeds} feeds parsed, ${r.entries} entries`);
        if (name === 'fixture') {
          const api = readApi(out);
          assert.ok(api.directivesList.directives.length > FEED_CAP, 'fixture: more directives than the feed cap');
          const campaignFeed = feedParser.parseFeed(readFileSync(join(out, 'phong-trao', builds.fixture.campaign, 'atom.xml'), 'utf8'));
          assert.ok(campaignFeed.items.length > FEED_CAP, `fixture: the campaign feed holds ${campaignFeed.items.length} entries; it should hold all of its directives, more than ${FEED_CAP}`);
          assert.equal(feedParser.parseFeed(readFileSync(join(out, 'atom.xml'), 'utf8')).items.length, FEED_CAP, 'fixture: the portal feed holds the latest 50');
        }
      });

      test('iCalendar files load in ical.js, follow RFC 5545 and match the JSON API', (t) => {
        const { out } = builds[name];
        const r = checkCalendars(out);
        t.diagnostic(`${name}: ${r.files} .ics files, ${r.events} VEVENTs (${r.byUid.size} distinct UIDs)`);
        if (name === 'fixture') {
          const timed = [...r.byUid.values()].filter((e) => /T\d{6}Z$/.test(e.dtstart));
          assert.deepEqual(
            timed.map((e) => e.dtstart).sort(),
            ['20240815T100000Z', '20240819T233000Z'],
            'fixture: timed deadlines 2024-08-15T17:00 and 2024-08-20T06:30 (UTC+7) in UTC',
          );
        }
      });

      test('sitemap.xml is well-formed and valid against the sitemaps.org XSD; every URL is a built page', (t) => {
        const { out, base } = builds[name];
        const paths = checkSitemapFile(out, base);
        t.diagnostic(`${name}: sitemap lists ${paths.length} URLs`);
      });

      test('sitemap.xml lists every real page', (t) => {
        const { out, base } = builds[name];
        const r = checkSitemapCoverage(out, checkSitemapFile(out, base));
        t.diagnostic(`${name}: sitemap lists ${r.urls} URLs; ${r.pages} pages expected`);
      });

      test('robots.txt names the sitemap', () => {
        const { out, base } = builds[name];
        checkRobots(out, base);
      });
    });
  }

  test('calendar UIDs are stable: a rebuild gives the same UIDs, more content keeps the old ones', () => {
    const a = loadCalendars(builds.sample.out);
    const b = loadCalendars(builds.rebuild.out);
    assert.deepEqual([...b.keys()], [...a.keys()], 'the two builds have different .ics files');
    for (const [path, events] of a) {
      assert.deepEqual(b.get(path), events, `${path}: UIDs or their events differ between two builds`);
      const bytesA = readFileSync(join(builds.sample.out, path));
      const bytesB = readFileSync(join(builds.rebuild.out, path));
      assert.ok(bytesA.equals(bytesB), `${path}: two builds of the same content differ`);
    }
    // The fixture adds directives (and a sub-path base URL): every sample event keeps its UID's
    // local part (before "@host"), and its dates.
    const local = (uid) => uid.split('@')[0];
    const fixture = new Map([...loadCalendars(builds.fixture.out).values()].flat().map((e) => [local(e.uid), e]));
    let kept = 0;
    for (const e of [...a.values()].flat()) {
      const f = fixture.get(local(e.uid));
      assert.ok(f, `UID ${e.uid} of the sample build is gone once directives are added`);
      assert.equal(`${f.start} ${f.end}`, `${e.start} ${e.end}`, `UID ${e.uid} moved to other dates once directives are added`);
      kept++;
    }
    assert.ok(kept > 0, 'the sample build has no calendar events');
  });
});

/** The language editions of a build: two-letter folders with their own home page (`en/`). */
function editions(out) {
  return pageDirs(out).filter((d) => /^[a-z]{2}$/.test(d));
}

function decodeEntities(text) {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
