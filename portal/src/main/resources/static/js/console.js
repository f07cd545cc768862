// Live preview of the article body: the HTML goes into a sandboxed iframe (no allow-scripts, no allow-same-origin),
// so whatever the textarea holds is shown but never runs, and cannot reach the console's session. article-service
// sanitizes the body again when it is saved.
(function () {
  'use strict';
  var body = document.querySelector('textarea[data-preview]');
  if (!body) { return; }
  var frame = document.getElementById(body.getAttribute('data-preview'));
  if (!frame) { return; }
  var title = document.querySelector('input[name="title"]');
  function render() {
    var heading = title && title.value ? '<h1>' + title.value.replace(/[&<>"]/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c];
    }) + '</h1>' : '';
    frame.srcdoc = '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="UTF-8"></head><body>' + heading
      + body.value + '</body></html>';
  }
  var pending = null;
  function schedule() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(render, 250);
  }
  body.addEventListener('input', schedule);
  if (title) { title.addEventListener('input', schedule); }
  render();
})();
