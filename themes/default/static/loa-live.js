// Recomputes what a page says about time from the reader's clock, in Vietnam time (UTC+7)
// whatever the browser's time zone: campaign status, phases, countdowns, the next and
// upcoming deadlines, the order of campaigns by status, and "Thêm vào lịch" (hidden once a
// deadline or campaign is past). The page as built is right on its build date and says so
// ("Tình trạng tính đến …"); this script hides that line once it has counted from today.
// The words come from this script tag's data- attributes: the UI strings of the page.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script) return;
  var words = script.dataset;
  var DAY = 864e5;
  var now = Date.now() + 7 * 36e5;
  var today = Math.floor(now / DAY);
  var minute = Math.floor((now % DAY) / 6e4);

  function day(iso) {
    var p = iso.split('-');
    return Date.UTC(+p[0], p[1] - 1, +p[2]) / DAY;
  }
  function all(selector, root) {
    return Array.prototype.slice.call((root || document).querySelectorAll(selector));
  }
  function state(el) {
    var starts = el.getAttribute('data-starts');
    var ends = el.getAttribute('data-ends');
    if (starts && day(starts) > today) return 'upcoming';
    if (ends && day(ends) < today) return 'ended';
    return 'ongoing';
  }
  // Days left to a deadline; -1 once past (its time of day too, on its last day).
  function left(el) {
    var n = day(el.getAttribute('data-due')) - today;
    var time = el.getAttribute('data-due-time');
    if (n === 0 && time) {
      var hm = time.split(':');
      if (minute >= hm[0] * 60 + +hm[1]) n = -1;
    }
    return n;
  }

  all('[data-live="status"]').forEach(function (el) {
    var key = state(el);
    el.className = 'status status-' + key;
    el.textContent = words[key];
  });
  // A document's legal status: the same order of checks as content::life::Life::status_on.
  all('[data-live="effect"]').forEach(function (el) {
    function on(k) {
      var v = el.getAttribute('data-' + k);
      return v && day(v) <= today;
    }
    var e = el.getAttribute('data-effective');
    var key = on('replaced') ? 'replaced' : on('expires') ? 'expired' : e && day(e) > today ? 'not_yet'
      : on('amended') ? 'amended' : on('corrected') ? 'corrected' : 'in_force';
    el.className = 'effect effect-' + key;
    el.textContent = words['e_' + key];
  });
  all('[data-live="phase"]').forEach(function (el) {
    var key = { upcoming: 'upcoming', ended: 'done', ongoing: 'current' }[state(el)];
    el.classList.remove('phase-done', 'phase-current', 'phase-upcoming');
    el.classList.add('phase-' + key);
  });
  all('[data-live="calendar"]').forEach(function (el) {
    el.hidden = state(el) === 'ended';
  });
  all('[data-live="deadline"]').forEach(function (el) {
    var n = left(el);
    var status = el.querySelector('.deadline-status');
    if (status) {
      status.textContent =
        n < 0 ? el.getAttribute('data-overdue') : n === 0 ? words.today : n === 1 ? words.oneDay : words.days.replace('{days}', n);
    }
    el.classList.toggle('deadline-overdue', n < 0);
    all('.add-calendar', el).forEach(function (link) {
      link.hidden = n < 0;
    });
  });

  function showEmpty(list, empty) {
    var note = list.parentNode.querySelector('[data-live-empty]');
    if (note) note.hidden = !empty;
  }
  // Running campaigns: those that have ended leave the list and join the count of ended ones.
  all('[data-live-active]').forEach(function (list) {
    var ended = 0;
    var items = all('[data-live-item]', list);
    items.forEach(function (item) {
      var status = item.querySelector('[data-live="status"]');
      item.hidden = !!status && status.classList.contains('status-ended');
      if (item.hidden) ended++;
    });
    showEmpty(list, ended === items.length);
    var count = list.parentNode.querySelector('[data-live-ended-count]');
    if (count && ended) {
      count.textContent = +count.textContent + ended;
      count.parentNode.hidden = false;
    }
  });
  // Upcoming deadlines: the first N not past, from the list and its spares.
  all('[data-live-upcoming]').forEach(function (list) {
    var room = +list.getAttribute('data-live-upcoming');
    all('[data-live="deadline"]', list).forEach(function (item) {
      item.hidden = room <= 0 || left(item) < 0;
      if (!item.hidden) room--;
    });
    showEmpty(list, room === +list.getAttribute('data-live-upcoming'));
  });
  // A campaign's first screen: its next deadline, else its latest past one, so labelled.
  all('[data-live-next]').forEach(function (box) {
    var items = all('[data-live="deadline"]', box);
    var next = items.filter(function (item) {
      return left(item) >= 0;
    })[0];
    var shown = next || items[items.length - 1];
    items.forEach(function (item) {
      item.hidden = item !== shown;
    });
    all('[data-live-next-label]', box).forEach(function (label) {
      label.hidden = (label.getAttribute('data-live-next-label') === 'ahead') !== !!next;
    });
  });
  // Campaigns grouped by status: each card moves to its group, empty groups are hidden.
  var groups = {};
  all('[data-live-group]').forEach(function (group) {
    groups[group.getAttribute('data-live-group')] = group;
  });
  all('[data-live-group] [data-live-item]').forEach(function (card) {
    var group = groups[state(card.querySelector('[data-live="status"]'))];
    if (group && !group.contains(card)) group.querySelector('ul').appendChild(card);
  });
  Object.keys(groups).forEach(function (key) {
    groups[key].hidden = !groups[key].querySelector('[data-live-item]');
  });
  all('[data-live-as-of]').forEach(function (el) {
    el.hidden = true;
  });
})();
