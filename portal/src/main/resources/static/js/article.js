// The view beacon, like the seed page's count script: once per display of the article page, on the portal's own
// origin (which forwards it to article-service). Pages served from a cache still count; crawlers that run no script
// do not. text/plain keeps sendBeacon free of CORS preflights; the body is JSON all the same.
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
