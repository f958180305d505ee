// Results pages: filter by award level or field in place, and sort by any column.
// Without this script the filter links open the portal's filtered pages, already sorted.
(function () {
  'use strict';
  var table = document.querySelector('table[data-results]');
  var nav = document.querySelector('[data-results-filters]');
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var collator = new Intl.Collator(document.documentElement.lang || 'vi', { sensitivity: 'base', numeric: true });

  function cellText(row, index) {
    return row.cells[index].textContent.trim();
  }

  function sortBy(th, index, key) {
    var ascending = th.getAttribute('aria-sort') !== 'ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    var sorted = rows.slice().sort(function (a, b) {
      var order = key === 'level'
        ? Number(a.dataset.rank) - Number(b.dataset.rank)
        : collator.compare(cellText(a, index), cellText(b, index));
      if (order === 0) order = Number(a.dataset.rank) - Number(b.dataset.rank);
      return ascending ? order : -order;
    });
    sorted.forEach(function (row) { body.appendChild(row); });
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
    var key = th.dataset.sort;
    if (!key) return;
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'results-sort';
    button.textContent = th.textContent;
    th.textContent = '';
    th.appendChild(button);
    button.addEventListener('click', function () { sortBy(th, index, key); });
  });

  // A filtered page holds only its rows: its links open the other pages.
  if (!nav || nav.hasAttribute('data-filtered')) return;
  nav.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-filter]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var kind = link.dataset.filter;
    var value = link.dataset.value;
    rows.forEach(function (row) {
      var show = !kind || row.dataset[kind] === value;
      row.hidden = !show;
    });
    Array.prototype.forEach.call(nav.querySelectorAll('a[data-filter]'), function (a) {
      if (a === link) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    if (window.history && history.replaceState) history.replaceState(null, '', link.href);
  });
})();
