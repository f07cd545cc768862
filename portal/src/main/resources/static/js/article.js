// The view beacon, like the seed page's count script: once per display of the article page, on the portal's own
// origin (which forwards it to article-service). Pages served from a cache still count; crawlers that run no script
// do not. text/plain keeps sendBeacon free of CORS preflights; the body is JSON all the same.
// Then 点击, also like the seed page: the count is fetched, not part of the page, so the page is the same bytes for
// every reader and the portal keeps it rendered; without an answer the count stays hidden.
(function () {
  'use strict';
  var views = document.querySelector('.views[data-count]');
  if (!views || !window.fetch) { return; }
  fetch(views.getAttribute('data-count'), { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (count) {
      if (count && typeof count.views === 'number') {
        document.getElementById('view-count').textContent = String(count.views);
        views.hidden = false;
      }
    })
    .catch(function () { });
})();
(function () {
  'use strict';
  var article = document.querySelector('[data-beacon]');
  if (!article) { return; }
  var url = article.getAttribute('data-beacon');
  var body = JSON.stringify({ referrer: document.referrer || null });
  var sent = false;
  try {
    if (navigator.sendBeacon) {
      sent = navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
    }
  } catch (e) {
    sent = false;
  }
  if (!sent && window.fetch) {
    fetch(url, { method: 'POST', body: body, keepalive: true, credentials: 'same-origin',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).catch(function () { });
  }
})();
