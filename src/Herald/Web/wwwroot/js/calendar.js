// Calendar drag and drop: drop a post on another day to move it there at the same time of day. The move goes through
// the page's Move handler (antiforgery token in the header); without JavaScript, open the post to reschedule it.
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
    cal.querySelectorAll('.drop-over').forEach(function (d) { d.classList.remove('drop-over'); });
  });
  cal.addEventListener('dragover', function (e) {
    var day = e.target.closest('[data-date]');
    if (!day || !dragged) return;
    e.preventDefault();
    cal.querySelectorAll('.drop-over').forEach(function (d) { if (d !== day) d.classList.remove('drop-over'); });
    day.classList.add('drop-over');
  });
  cal.addEventListener('drop', function (e) {
    var day = e.target.closest('[data-date]');
    if (!day || !dragged) return;
    e.preventDefault();
    day.classList.remove('drop-over');
    var chip = dragged;
    var postId = chip.getAttribute('data-post');
    var local = day.getAttribute('data-date') + 'T' + chip.getAttribute('data-time');
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
        var head = day.querySelector('.cal-day-head');
        var more = day.querySelector('.cal-more');
        day.insertBefore(c, more || null);
        if (!more && head && head.nextSibling === null) day.appendChild(c);
        c.setAttribute('data-time', res.local.slice(11));
        var t = c.querySelector('.chip-time'); if (t) t.textContent = res.time;
      });
      window.Herald.toast(res.message);
    }).catch(function () { chip.classList.remove('saving'); window.Herald.toast('Error', true); });
  });
})();
