// Reads /api/stats and draws: views over time (ECharts) for an article or a category, trending and top lists.
(function () {
  'use strict';
  const chart = echarts.init(document.getElementById('chart'));
  const $ = (id) => document.getElementById(id);

  async function getJson(url) {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.detail || body.title || response.statusText);
    }
    return body;
  }

  async function showSeries() {
    const kind = $('kind').value;
    const id = $('id').value.trim();
    const granularity = $('granularity').value;
    $('error').textContent = '';
    if (!id) {
      return;
    }
    try {
      const [series, totals] = await Promise.all([
        getJson(`/api/stats/${kind}/${encodeURIComponent(id)}/series?granularity=${granularity}`),
        getJson(`/api/stats/${kind}/${encodeURIComponent(id)}`)
      ]);
      const times = series.points.map((p) => p.start);
      const seriesOf = (name, field) => ({ name, type: 'line', showSymbol: false, data: series.points.map((p) => [p.start, p[field]]) });
      const lines = [seriesOf('counted views', 'views'), seriesOf('raw hits', 'raw'), seriesOf('bots', 'bots'), seriesOf('refreshes', 'refreshes')];
      if (kind === 'articles' && granularity === 'day') {
        lines.push(seriesOf('unique visitors', 'uniqueVisitors'));
      }
      chart.setOption({
        animation: false, // numbers, not a show: the chart is complete the moment it appears
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 20, top: 40, bottom: 40 },
        xAxis: { type: 'time', min: times[0], max: times[times.length - 1] },
        yAxis: { type: 'value', minInterval: 1 },
        series: lines
      }, true);
      $('chart-title').textContent = `Views over time: ${kind === 'articles' ? 'article' : 'category'} ${id}`;
      $('totals').textContent = `counted ${totals.views} · raw ${totals.raw} · bots ${totals.bots} · refreshes ${totals.refreshes}`
        + (kind === 'articles' ? ` · unique visitors today ${totals.uniqueVisitorsToday}` : '')
        // The old site's count stays apart from counted views: it was never filtered.
        + (totals.imported ? ` · ${totals.imported.views} ${totals.imported.note}` : '');
      const url = new URL(window.location);
      url.searchParams.set(kind === 'articles' ? 'article' : 'category', id);
      url.searchParams.delete(kind === 'articles' ? 'category' : 'article');
      window.history.replaceState(null, '', url);
    } catch (e) {
      $('error').textContent = e.message;
    }
  }

  function fillList(element, items, score) {
    element.innerHTML = '';
    items.forEach((item) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.textContent = item.articleId;
      a.addEventListener('click', () => { $('kind').value = 'articles'; $('id').value = item.articleId; showSeries(); });
      li.appendChild(a);
      li.appendChild(document.createTextNode(` — ${score(item)}`));
      element.appendChild(li);
    });
    if (items.length === 0) {
      element.innerHTML = '<li>no views yet</li>';
    }
  }

  async function showLists() {
    try {
      const trendingCategory = $('trending-category').value.trim();
      const topCategory = $('top-category').value.trim();
      const trending = await getJson(`/api/stats/trending?window=${$('window').value}&limit=10`
        + (trendingCategory ? `&category=${encodeURIComponent(trendingCategory)}` : ''));
      fillList($('trending'), trending.items, (i) => `${i.views} views`);
      const top = await getJson('/api/stats/top?limit=10' + (topCategory ? `&category=${encodeURIComponent(topCategory)}` : ''));
      fillList($('top'), top.items, (i) => `${i.views} views (${i.raw} raw, ${i.bots} bots)`);
      if (!$('id').value && top.items.length > 0) {
        $('id').value = top.items[0].articleId;
        showSeries();
      }
    } catch (e) {
      $('error').textContent = e.message;
    }
  }

  $('series-form').addEventListener('submit', (e) => { e.preventDefault(); showSeries(); });
  ['window', 'trending-category', 'top-category'].forEach((id) => $(id).addEventListener('change', showLists));
  window.addEventListener('resize', () => chart.resize());

  const params = new URLSearchParams(window.location.search);
  if (params.get('article')) { $('kind').value = 'articles'; $('id').value = params.get('article'); }
  if (params.get('category')) { $('kind').value = 'categories'; $('id').value = params.get('category'); }
  showSeries();
  showLists();
  setInterval(showLists, 30000);
}());
