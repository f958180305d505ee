// On the "not found" page: sends an address that servers with rules (`_redirects`,
// `loa-nginx.conf`) redirect to its page on hosts that serve files only (GitHub Pages, a
// plain folder), where every missing address gets this page. Printed QR codes carry the
// upper-case short code, which is a file; a code typed in lower case (q/stkt14) has no
// file of its own, so it lands here and goes on to q/STKT14/. A flyer's old address
// (phong-trao/<slug>/to-roi/…) goes to its print page's A5 switch (ap-phich/…#a5), and a
// campaign's old directives embed (nhung/phong-trao/<slug>/van-ban/, in another site's
// frame) to its embed's directives view (?xem=van-ban, the frame's options kept). A later
// page of the list of all directives (van-ban/trang/N/, which only its first page is now)
// goes to the year list's page that holds its place, from where each year starts in that
// list (data-years, "2025:0 2024:812", newest first). A later page of the list of files
// (tep/trang/N/, which lists the shared files only now) goes to its first page.
// Nothing else is guessed: an address that is still missing after this shows this page.
(function () {
  'use strict';
  var script = document.currentScript;
  var base = (script && script.getAttribute('data-base')) || '/';
  var path = location.pathname;
  if (path.indexOf(base) !== 0) return;
  var rest = path.slice(base.length);
  var target = null;
  var code = /^q\/([A-Za-z0-9]+)\/?$/.exec(rest);
  if (code && code[1] !== code[1].toUpperCase()) target = base + 'q/' + code[1].toUpperCase() + '/';
  var hash = location.hash;
  var search = location.search;
  var embed = /^(nhung\/phong-trao\/[^/]+\/)van-ban\/?$/.exec(rest);
  if (embed) {
    target = base + embed[1];
    search = '?xem=van-ban' + (search ? '&' + search.slice(1) : '');
  }
  var flyer = /^((?:phong-trao|huong-dan)\/[^/]+\/)to-roi\/(.*)$/.exec(rest);
  if (flyer) {
    target = base + flyer[1] + 'ap-phich/' + flyer[2];
    hash = '#a5';
  }
  var older = /^van-ban\/trang\/(\d+)\/?$/.exec(rest);
  if (older) target = base + yearPage((parseInt(older[1], 10) - 1) * 50);
  if (/^tep\/trang\/\d+\/?$/.test(rest)) target = base + 'tep/';
  if (target) location.replace(target + search + hash);

  // The year list's page that holds place `index` of the list of all directives.
  function yearPage(index) {
    var starts = ((script && script.getAttribute('data-years')) || '').split(' ');
    for (var i = starts.length - 1; i >= 0; i--) {
      var start = starts[i].split(':');
      if (start.length !== 2 || parseInt(start[1], 10) > index) continue;
      var page = Math.floor((index - parseInt(start[1], 10)) / 50) + 1;
      return 'van-ban/nam/' + start[0] + '/' + (page > 1 ? 'trang/' + page + '/' : '');
    }
    return 'van-ban/';
  }
})();
