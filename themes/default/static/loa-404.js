// On the "not found" page: sends an address that servers with rules (`_redirects`,
// `loa-nginx.conf`) redirect to its page on hosts that serve files only (GitHub Pages, a
// plain folder), where every missing address gets this page. Printed QR codes carry the
// upper-case short code, which is a file; a code typed in lower case (q/stkt14) has no
// file of its own, so it lands here and goes on to q/STKT14/. A flyer's old address
// (phong-trao/<slug>/to-roi/…) goes to its print page's A5 switch (ap-phich/…#a5), and a
// campaign's old directives embed (nhung/phong-trao/<slug>/van-ban/, in another site's
// frame) to its embed's directives view (?xem=van-ban, the frame's options kept).
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
  if (target) location.replace(target + search + hash);
})();
