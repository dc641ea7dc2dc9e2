// Calendar drag and drop. Month view: drop a post on another day to move it there at the same time of day. Week view
// (an hour grid): drop it on an hour cell to move it to that day and hour, keeping its minutes (09:30 dropped on
// Thursday 14:00 becomes Thursday 14:30). The move goes through the page's Move handler (antiforgery token in the
// header); without JavaScript, open the post to reschedule it.
(function () {
  'use strict';
  var cal = document.querySelector('.cal[data-drag="true"]');
  var form = document.getElementById('move-form');
  if (!cal || !form) return;
  var dragged = null;
  cal.addEventListener('dragstart', function (e) {
    var chip = e.target.closest('.chip[draggable="true"]');
    if (!chip) { e.preventDefault(); return; }
    dragged = chip;
    chip.classList.add('dragging');
    e.dataTransfer.effectAllowed = 'move';
    e.dataTransfer.setData('text/plain', chip.getAttribute('data-post'));
  });
  cal.addEventListener('dragend', function () {
    if (dragged) dragged.classList.remove('dragging');
    dragged = null;
    cal.querySelectorAll('.drop-over').forEach(function (d) { d.classList.remove('drop-over'); });
  });
  cal.addEventListener('dragover', function (e) {
    var day = e.target.closest('[data-date]');
    if (!day || !dragged) return;
    e.preventDefault();
    cal.querySelectorAll('.drop-over').forEach(function (d) { if (d !== day) d.classList.remove('drop-over'); });
    day.classList.add('drop-over');
  });
  // Week view: a chip goes into its hour cell, in time order.
  function placeInSlot(slot, c) {
    var t = c.getAttribute('data-time');
    var next = Array.prototype.find.call(slot.querySelectorAll('.chip'), function (o) { return o !== c && o.getAttribute('data-time') > t; });
    slot.insertBefore(c, next || null);
  }
  cal.addEventListener('drop', function (e) {
    var day = e.target.closest('[data-date]');
    if (!day || !dragged) return;
    e.preventDefault();
    day.classList.remove('drop-over');
    var chip = dragged;
    var postId = chip.getAttribute('data-post');
    var hour = day.getAttribute('data-hour');
    var time = chip.getAttribute('data-time');
    var local = day.getAttribute('data-date') + 'T' + (hour ? hour + time.slice(2) : time);
    var body = new URLSearchParams({ postId: postId, local: local });
    chip.classList.add('saving');
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'RequestVerificationToken': window.Herald.token(), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: body
    }).then(function (r) { return r.json(); }).then(function (res) {
      chip.classList.remove('saving');
      if (!res.ok) { window.Herald.toast(res.message, true); return; }
      // Every chip of the post (one per account) moves together.
      cal.querySelectorAll('.chip[data-post="' + postId + '"]').forEach(function (c) {
        c.setAttribute('data-time', res.local.slice(11));
        var t = c.querySelector('.chip-time'); if (t) t.textContent = res.time;
        if (hour) {
          // The server's answer decides the cell (a time skipped by a clock change lands elsewhere).
          var slot = cal.querySelector('[data-date="' + res.local.slice(0, 10) + '"][data-hour="' + res.local.slice(11, 13) + '"]') || day;
          placeInSlot(slot, c);
          return;
        }
        var head = day.querySelector('.cal-day-head');
        var more = day.querySelector('.cal-more');
        day.insertBefore(c, more || null);
        if (!more && head && head.nextSibling === null) day.appendChild(c);
      });
      window.Herald.toast(res.message);
    }).catch(function () { chip.classList.remove('saving'); window.Herald.toast('Error', true); });
  });
})();
