// The 404 page's script (themes/default/static/loa-404.js) on hosts without redirect rules:
// where it sends an old address. A unit test of the script itself, run in node's vm with the
// two things it reads (its script tag and the address); the browser suite's qr test follows
// a lower-case short code through a real server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const SCRIPT = readFileSync(new URL('../../themes/default/static/loa-404.js', import.meta.url), 'utf8');

// Where the script sends `path` (null: it stays), with the 404 page's data-years.
function target(path, years = '2025:0 2024:120 2023:300', search = '', hash = '') {
  let replaced = null;
  const attributes = { 'data-base': '/', 'data-years': years };
  const context = {
    document: { currentScript: { getAttribute: (name) => attributes[name] ?? null } },
    location: { pathname: path, search, hash, replace: (to) => (replaced = to) },
  };
  vm.runInNewContext(SCRIPT, context);
  return replaced;
}

test('an old later page of the list of all directives goes to the year list page that holds its place', () => {
  assert.equal(target('/van-ban/trang/2/'), '/van-ban/nam/2025/trang/2/'); // place 50 of 2025's 120
  assert.equal(target('/van-ban/trang/3/'), '/van-ban/nam/2025/trang/3/'); // place 100
  assert.equal(target('/van-ban/trang/4/'), '/van-ban/nam/2024/'); // place 150: 2024's 30th
  assert.equal(target('/van-ban/trang/6'), '/van-ban/nam/2024/trang/3/'); // place 250: 2024's 130th
  assert.equal(target('/van-ban/trang/7/'), '/van-ban/nam/2023/'); // place 300: 2023's first
  assert.equal(target('/van-ban/trang/9/'), '/van-ban/nam/2023/trang/3/'); // place 400: 2023's 100th
  assert.equal(target('/van-ban/trang/2/', ''), '/van-ban/', 'no years: the list itself');
});

test('an old later page of the list of files goes to its first page', () => {
  assert.equal(target('/tep/trang/7/'), '/tep/');
});

test('other addresses keep their rules, and a missing one stays', () => {
  assert.equal(target('/q/stkt14/'), '/q/STKT14/');
  assert.equal(target('/nhung/phong-trao/hoi-thi/van-ban/', undefined, '?accent=fff'), '/nhung/phong-trao/hoi-thi/?xem=van-ban&accent=fff');
  assert.equal(target('/van-ban/khong-co/'), null);
  assert.equal(target('/van-ban/trang/'), null);
});
