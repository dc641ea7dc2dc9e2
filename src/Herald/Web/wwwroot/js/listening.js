// Live preview of a listening query on recent posts: asks the API as the user types; network text is shown as text only.
(function () {
  var form = document.getElementById('query-form');
  var input = document.getElementById('query-text');
  if (!form || !input) return;
  var status = document.getElementById('preview-status');
  var list = document.getElementById('preview-list');
  var template = document.getElementById('query-preview').getAttribute('data-count-template') || '{0} / {1}';
  var timer = null;
  var seq = 0;
  function render(body, mine) {
    if (mine !== seq) return;
    list.textContent = '';
    if (body.detail && body.status) { status.textContent = body.detail; status.className = 'error'; return; }
    status.className = 'muted';
    status.textContent = template.replace('{0}', body.matches.length).replace('{1}', body.scanned);
    body.matches.slice(0, 20).forEach(function (m) {
      var li = document.createElement('li');
      li.textContent = m.text + ' — ' + (m.authorHandle || m.authorId);
      list.appendChild(li);
    });
  }
  function preview() {
    var text = input.value.trim();
    var mine = ++seq;
    if (!text) { status.textContent = ''; list.textContent = ''; return; }
    fetch('/api/v1/listening/preview', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-Herald-Workspace': form.getAttribute('data-workspace') },
      body: JSON.stringify({ query: text })
    }).then(function (r) { return r.json(); }).then(function (b) { render(b, mine); }).catch(function () {});
  }
  input.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(preview, 250); });
  if (input.value.trim()) preview();
})();
