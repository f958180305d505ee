// Writes the reader's date into the print footer of directives and guides ("In từ … ngày
// 05/12/2026"): a paper copy should say when it was printed, which the static page cannot
// know. Without this script the footer names only the date the content is current to.
(function () {
  'use strict';
  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function fill() {
    var now = new Date();
    var lang = document.documentElement.lang || 'vi';
    // Vietnamese paper writes the day first with two digits; other languages use their own long form.
    var text =
      lang === 'vi'
        ? pad(now.getDate()) + '/' + pad(now.getMonth() + 1) + '/' + now.getFullYear()
        : new Intl.DateTimeFormat(lang, { dateStyle: 'long' }).format(now);
    var iso = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
    document.querySelectorAll('[data-loa-print-date]').forEach(function (span) {
      var time = span.querySelector('time');
      if (!time) return;
      time.textContent = text;
      time.setAttribute('datetime', iso);
      span.hidden = false;
    });
  }
  fill();
  // A page left open over midnight prints the day it is printed.
  window.addEventListener('beforeprint', fill);
})();
