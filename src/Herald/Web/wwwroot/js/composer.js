// The composer's live side: per-account counters (graphemes, as the networks count), previews that look like each
// network, the thread a long text becomes, and media uploads with alt text. The server stays the judge.
(function () {
  'use strict';
  var dataEl = document.getElementById('composer-data');
  var form = document.getElementById('composer');
  if (!dataEl || !form) return;
  var data = JSON.parse(dataEl.textContent);
  var T = data.text;
  var accounts = data.accounts;
  var byId = {};
  accounts.forEach(function (a) { byId[a.id] = a; });
  var shared = document.getElementById('text');
  var thread = document.getElementById('thread');
  var previews = document.getElementById('previews');
  var counters = document.getElementById('counters');
  var segmenter = window.Intl && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  var URL_RE = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'»]/gi;
  var REMOTE_MENTION_RE = /(^|[^\w@])(@[a-z0-9_]+)@[a-z0-9.\-]+\.[a-z]{2,}/gi;
  var TOKEN_RE = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'»])|(@[a-z0-9_.\-]+(?:@[a-z0-9.\-]+\.[a-z]{2,})?)|(#[\p{L}\p{N}_]+)/giu;

  function graphemes(s) {
    if (!segmenter) return Array.from(s).length;
    var n = 0; for (var _ of segmenter.segment(s)) n++; return n;
  }
  function bytes(s) { return new TextEncoder().encode(s).length; }
  function measure(text, rules) {
    var t = text;
    if (rules.urlWeight) t = t.replace(URL_RE, function () { return 'x'.repeat(rules.urlWeight); });
    if (rules.mentionsCountLocalPartOnly) t = t.replace(REMOTE_MENTION_RE, function (m, pre, local) { return pre + local; });
    return graphemes(t);
  }
  function fits(text, rules, reserve) {
    return measure(text, rules) + reserve <= rules.maxGraphemes && (!rules.maxBytes || bytes(text) + reserve <= rules.maxBytes);
  }
  // Mirrors the server's splitter: break between words, number the parts " 1/3".
  function split(text, rules) {
    text = text.trim();
    if (fits(text, rules, 0)) return [text];
    for (var digits = 1; digits <= 2; digits++) {
      var reserve = 2 + digits * 2, parts = [], cur = '';
      text.split(/(?=\s)/).forEach(function (tok) {
        var cand = cur.length === 0 ? tok.replace(/^\s+/, '') : cur + tok;
        if (fits(cand.trimEnd(), rules, reserve)) { cur = cand; return; }
        if (cur.trim()) parts.push(cur.trim());
        cur = tok.replace(/^\s+/, '');
        while (cur && !fits(cur.trimEnd(), rules, reserve)) {
          var chars = Array.from(cur), n = chars.length;
          while (n > 1 && !fits(chars.slice(0, n).join(''), rules, reserve)) n--;
          parts.push(chars.slice(0, n).join('')); cur = chars.slice(n).join('');
        }
      });
      if (cur.trim()) parts.push(cur.trim());
      if (String(parts.length).length <= digits) return parts.map(function (p, i) { return p + ' ' + (i + 1) + '/' + parts.length; });
    }
    return [text];
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function rich(text) {
    var frag = document.createDocumentFragment(), last = 0, m;
    TOKEN_RE.lastIndex = 0;
    while ((m = TOKEN_RE.exec(text))) {
      if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      frag.appendChild(el('span', m[1] ? 'hl-link' : m[2] ? 'hl-mention' : 'hl-tag', m[0]));
      last = m.index + m[0].length;
    }
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }
  function selected() {
    return Array.prototype.slice.call(form.querySelectorAll('input[name="AccountIds"]:checked')).map(function (c) { return byId[c.value]; }).filter(Boolean);
  }
  function textFor(a) {
    var v = form.querySelector('textarea[data-variant="' + a.id + '"]');
    return v && v.value.trim() ? v.value : shared.value;
  }
  function handle(a) {
    if (!a.handle) return '';
    if (a.network === 'mastodon' && a.serviceUrl && a.handle.indexOf('@', 1) < 0) {
      try { return '@' + a.handle.replace(/^@/, '') + '@' + new URL(a.serviceUrl).host; } catch (e) { return a.handle; }
    }
    return '@' + a.handle.replace(/^@/, '');
  }
  function images() {
    return Array.prototype.slice.call(document.querySelectorAll('#media-list .media-item img')).map(function (i) { return i.src; });
  }
  function render() {
    var accs = selected();
    counters.textContent = '';
    previews.textContent = '';
    if (accs.length === 0) { previews.appendChild(el('p', 'muted', T.noAccount)); }
    document.querySelectorAll('[data-tab]').forEach(function (tab) {
      var id = tab.getAttribute('data-tab');
      if (id !== 'shared') tab.hidden = !accs.some(function (a) { return a.id === id; });
    });
    accs.forEach(function (a) {
      var text = textFor(a).trim();
      var rules = a.rules;
      var n = measure(text, rules);
      var over = n > rules.maxGraphemes || (rules.maxBytes && bytes(text) > rules.maxBytes);
      var asThread = over && thread.checked && rules.supportsThreads;
      var parts = asThread ? split(text, rules) : [text];
      var counter = el('span', 'counter' + (over && !asThread ? ' over' : ''), a.name + ' ' + n.toLocaleString() + ' / ' + rules.maxGraphemes.toLocaleString());
      counter.setAttribute('data-counter', a.id);
      if (asThread) counter.appendChild(el('span', 'counter-thread', ' → ' + T.threadOf.replace('{0}', parts.length)));
      counters.appendChild(counter);
      var badge = document.querySelector('[data-count="' + a.id + '"]');
      if (badge) { badge.textContent = n; badge.className = 'count' + (over && !asThread ? ' over' : ''); }
      var wrap = el('div', 'preview preview-' + a.network);
      wrap.setAttribute('data-preview', a.id);
      parts.forEach(function (part, i) {
        var card = el('article', 'pv-card');
        var head = el('div', 'pv-head');
        head.appendChild(el('span', 'avatar avatar-' + a.network, (a.name || '?').charAt(0).toUpperCase()));
        var who = el('div', 'pv-who');
        who.appendChild(el('strong', null, a.name));
        who.appendChild(el('small', null, handle(a) + ' · ' + T.now));
        head.appendChild(who);
        var net = el('span', 'net net-' + a.network, a.network === 'bluesky' ? 'Bluesky' : a.network === 'mastodon' ? 'Mastodon' : 'Sandbox');
        if (a.network === 'sandbox') net.appendChild(el('span', 'net-note', ' (' + T.simulated + ')'));
        head.appendChild(net);
        card.appendChild(head);
        var body = el('div', 'pv-text');
        body.appendChild(rich(part));
        card.appendChild(body);
        if (i === 0 && images().length) {
          var grid = el('div', 'pv-media pv-media-' + Math.min(images().length, 4));
          images().slice(0, 4).forEach(function (src) { var im = el('img'); im.src = src; im.alt = ''; grid.appendChild(im); });
          card.appendChild(grid);
        }
        if (parts.length > 1 && i < parts.length - 1) card.classList.add('pv-threaded');
        wrap.appendChild(card);
      });
      previews.appendChild(wrap);
    });
    var sharedCount = document.querySelector('[data-count="shared"]');
    if (sharedCount) sharedCount.textContent = graphemes(shared.value.trim());
  }

  // Tabs: shared text first, then one per selected account; arrows move between them.
  var tablist = form.querySelector('[role="tablist"]');
  function show(id) {
    form.querySelectorAll('[role="tab"]').forEach(function (t) {
      var on = t.getAttribute('data-tab') === id;
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
    });
    form.querySelectorAll('[data-panel]').forEach(function (p) { p.hidden = p.getAttribute('data-panel') !== id; });
  }
  if (tablist) {
    tablist.hidden = false;
    tablist.addEventListener('click', function (e) { var t = e.target.closest('[role="tab"]'); if (t) show(t.getAttribute('data-tab')); });
    tablist.addEventListener('keydown', function (e) {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      var tabs = Array.prototype.slice.call(tablist.querySelectorAll('[role="tab"]')).filter(function (t) { return !t.hidden; });
      var i = tabs.indexOf(document.activeElement);
      var next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
      show(next.getAttribute('data-tab')); next.focus(); e.preventDefault();
    });
    var firstError = form.querySelector('.acc-pick.has-error');
    show('shared');
  }

  // Media: upload on drop or choice, then alt text (warned about while empty) and removal.
  var list = document.getElementById('media-list');
  var input = document.getElementById('media-input');
  var zone = document.getElementById('dropzone');
  function altWarn(li) {
    var ta = li.querySelector('textarea');
    li.querySelector('.alt-warn').hidden = ta.value.trim().length > 0;
  }
  function addItem(media, src) {
    var li = el('li', 'media-item');
    li.setAttribute('data-id', media.id);
    var img = el('img'); img.src = src; img.alt = ''; li.appendChild(img);
    var hidden = el('input'); hidden.type = 'hidden'; hidden.name = 'MediaIds'; hidden.value = media.id; li.appendChild(hidden);
    var box = el('div', 'media-alt');
    var label = el('label', null, T.alt); label.htmlFor = 'alt-' + media.id; box.appendChild(label);
    var ta = el('textarea'); ta.id = 'alt-' + media.id; ta.name = 'Alt[' + media.id + ']'; ta.rows = 2; box.appendChild(ta);
    box.appendChild(el('p', 'warn alt-warn', T.altMissing));
    li.appendChild(box);
    var rm = el('button', 'btn btn-small btn-ghost', T.remove); rm.type = 'button'; rm.setAttribute('data-remove', ''); li.appendChild(rm);
    list.appendChild(li);
    render();
  }
  function upload(files) {
    Array.prototype.forEach.call(files, function (file) {
      var body = new FormData();
      body.append('file', file);
      window.Herald.toast(T.uploading + ' ' + file.name);
      fetch('/api/v1/media', { method: 'POST', body: body, credentials: 'same-origin', headers: { 'X-Herald-Workspace': data.workspaceId } })
        .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.detail || r.statusText); return j; }); })
        .then(function (media) { addItem(media, URL.createObjectURL(file)); window.Herald.toast(''); })
        .catch(function (err) { window.Herald.toast(T.uploadFailed + ' ' + err.message, true); });
    });
  }
  input.addEventListener('change', function () { upload(input.files); input.value = ''; });
  ['dragenter', 'dragover'].forEach(function (t) { zone.addEventListener(t, function (e) { e.preventDefault(); zone.classList.add('over'); }); });
  ['dragleave', 'drop'].forEach(function (t) { zone.addEventListener(t, function () { zone.classList.remove('over'); }); });
  zone.addEventListener('drop', function (e) { e.preventDefault(); if (e.dataTransfer && e.dataTransfer.files.length) upload(e.dataTransfer.files); });
  list.addEventListener('input', function (e) { var li = e.target.closest('.media-item'); if (li) altWarn(li); });
  list.addEventListener('click', function (e) {
    if (!e.target.matches('[data-remove]')) return;
    e.target.closest('.media-item').remove(); render();
  });

  form.addEventListener('input', render);
  form.addEventListener('change', render);
  render();
  if (firstError) {
    var id = firstError.getAttribute('data-account');
    if (form.querySelector('textarea[data-variant="' + id + '"]').value.trim()) show(id);
  }
})();
