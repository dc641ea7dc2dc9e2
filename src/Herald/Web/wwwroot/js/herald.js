// Small behaviours shared by every page: auto-submitting selects, confirmations, the toast.
(function () {
  'use strict';
  document.documentElement.classList.add('js');
  document.addEventListener('change', function (e) {
    if (e.target.matches('select[data-autosubmit]')) e.target.form.submit();
  });
  document.addEventListener('submit', function (e) {
    var b = e.submitter, msg = (b && b.getAttribute('data-confirm')) || e.target.getAttribute('data-confirm');
    if (msg && !window.confirm(msg)) e.preventDefault();
  });
  var timer;
  window.Herald = {
    toast: function (text, bad) {
      var t = document.getElementById('toast');
      if (!t) return;
      clearTimeout(timer);
      t.textContent = text;
      t.className = 'toast' + (text ? ' show' : '') + (bad ? ' bad' : '');
      if (text) timer = setTimeout(function () { t.className = 'toast'; }, bad ? 8000 : 4000);
    },
    token: function () {
      var i = document.querySelector('input[name="__RequestVerificationToken"]');
      return i ? i.value : '';
    }
  };
})();
