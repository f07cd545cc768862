// Autosave on the edit page: after a few seconds without typing, the form as it stands goes to the working copy
// (article-service makes no revision of it; the next save or workflow step does). Every answer brings the new ETag,
// which all the page's forms then carry. If someone else saved meanwhile (412), the page says who and when and
// offers their version, a comparison with this one, or keeping this one.
(function () {
  'use strict';
  var form = document.getElementById('article-form');
  if (!form || !form.getAttribute('data-autosave-url')) { return; }
  var url = form.getAttribute('data-autosave-url');
  var idle = Number(form.getAttribute('data-autosave-idle') || 3000);
  var status = document.getElementById('autosave-status');
  var panel = document.getElementById('autosave-conflict');
  var timer = null;
  var inFlight = false;
  var submitAfter = false;
  var theirs = null;
  var lastSent = null;

  function snapshot() {
    if (window.tinymce && tinymce.activeEditor) { tinymce.activeEditor.save(); }
    return new URLSearchParams(new FormData(form)).toString();
  }
  function say(text) { status.textContent = text; }
  function setEtag(etag) {
    document.querySelectorAll('input[name="etag"]').forEach(function (input) { input.value = etag; });
  }
  function schedule() {
    if (theirs) { return; }
    clearTimeout(timer);
    timer = setTimeout(send, idle);
  }

  function send() {
    if (inFlight) { schedule(); return; }
    var body = snapshot();
    if (body === lastSent) { return; }
    inFlight = true;
    say('正在自动保存…');
    fetch(url, {
      method: 'POST', body: new URLSearchParams(body), credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    }).then(function (response) {
      return response.json().then(function (answer) { return { ok: response.ok, status: response.status, answer: answer }; });
    }).then(function (result) {
      if (result.ok) {
        lastSent = snapshot();
        setEtag(result.answer.etag);
        say('已自动保存于 ' + result.answer.savedAt);
      } else if (result.status === 412 && result.answer.theirs) {
        conflict(result.answer.theirs);
      } else {
        say('自动保存失败：' + (result.answer.message || result.status) + '（请点“保存”）');
      }
    }, function () {
      say('自动保存失败：连接中断，稍后重试。');
      schedule();
    }).then(function () {
      inFlight = false;
      if (submitAfter) {
        submitAfter = false;
        form.submit();
      }
    });
  }

  function conflict(version) {
    theirs = version;
    clearTimeout(timer);
    panel.querySelector('[data-who]').textContent = version.by + ' 在 ' + version.at + ' 保存了这篇文章（版本 '
      + version.version + '）';
    panel.hidden = false;
    say('未自动保存：别人刚保存过这篇文章。');
  }

  function lines(title, html) {
    var doc = new DOMParser().parseFromString('<body>' + (html || '').replace(/<\/(p|h\d|li|blockquote|tr|figcaption)>|<br\s*\/?>/gi, '$&\n') + '</body>', 'text/html');
    return [title || ''].concat(doc.body.textContent.split('\n').map(function (l) { return l.trim(); })
      .filter(function (l) { return l.length > 0; }));
  }

  // A line diff (longest common subsequence): "-" only in their version, "+" only in this one.
  function diff(a, b) {
    var n = a.length, m = b.length, i, j, table = [];
    for (i = 0; i <= n; i++) { table.push(new Array(m + 1).fill(0)); }
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
      }
    }
    var out = [];
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) { out.push([' ', a[i]]); i++; j++; }
      else if (j < m && (i === n || table[i][j + 1] >= table[i + 1][j])) { out.push(['+', b[j]]); j++; }
      else { out.push(['-', a[i]]); i++; }
    }
    return out;
  }

  panel.querySelector('[data-action="diff"]').addEventListener('click', function () {
    var mine = (function () {
      snapshot();
      return lines(form.querySelector('[name="title"]').value, form.querySelector('[name="body"]').value);
    })();
    var target = panel.querySelector('.diff');
    target.textContent = '';
    diff(lines(theirs.title, theirs.body), mine).forEach(function (line) {
      var row = document.createElement('div');
      row.className = line[0] === '+' ? 'ins' : line[0] === '-' ? 'del' : 'same';
      row.textContent = line[0] + ' ' + line[1];
      target.appendChild(row);
    });
    target.hidden = false;
  });
  panel.querySelector('[data-action="theirs"]').addEventListener('click', function () {
    window.location.reload();
  });
  panel.querySelector('[data-action="mine"]').addEventListener('click', function () {
    setEtag(theirs.etag);
    theirs = null;
    lastSent = null;
    panel.hidden = true;
    send();
  });

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', function (event) {
    clearTimeout(timer);
    if (inFlight) {
      event.preventDefault();
      submitAfter = true;
    }
  });
  window.addEventListener('load', function () { lastSent = snapshot(); });
})();
