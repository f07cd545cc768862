package newsroom.article.desk;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The desk's views column: stats-service's counted views, polled ({@code GET /api/stats/views?since=…}, every
 * {@code newsroom.desk.views-interval}, 10 s). A projection rather than a call per page: sorting 100,000 articles by
 * views under the console's filters needs every count beside the filters, and a page must not wait on another
 * service. The first poll takes every article with views; later ones only those viewed since the previous answer,
 * less {@link #OVERLAP}, because stats-service writes views a few seconds after they happened. While stats-service
 * is away the counts stay as they were and the next poll starts from the last answer it had.
 */
@Component
class DeskViews {

    private static final Logger log = LoggerFactory.getLogger(DeskViews.class);
    /** stats-service writes counted views every 5 s while it works off a backlog; a view is stamped when it happened. */
    private static final Duration OVERLAP = Duration.ofMinutes(2);

    record ViewTotal(String articleId, long views) {
    }

    record ViewTotals(Instant asOf, List<ViewTotal> items) {
    }

    private final DeskIndex index;
    private final RestClient stats;
    private volatile Instant since;

    DeskViews(DeskIndex index, @Value("${newsroom.desk.stats-url:http://localhost:8083}") String statsUrl) {
        this.index = index;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build());
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.stats = RestClient.builder().baseUrl(statsUrl).requestFactory(requests).build();
    }

    @Scheduled(initialDelayString = "${newsroom.desk.views-interval:10s}",
            fixedDelayString = "${newsroom.desk.views-interval:10s}")
    void poll() {
        Instant from = since;
        ViewTotals totals;
        try {
            totals = from == null
                    ? stats.get().uri("/api/stats/views").retrieve().body(ViewTotals.class)
                    : stats.get().uri("/api/stats/views?since={since}", from.minus(OVERLAP).toString()).retrieve()
                            .body(ViewTotals.class);
        } catch (RestClientException e) {
            log.debug("Desk views: stats-service did not answer ({}); the counts stay as they were", e.toString());
            return;
        }
        if (totals == null || totals.asOf() == null) {
            return;
        }
        if (totals.items() != null) {
            totals.items().forEach(t -> index.views(t.articleId(), t.views()));
        }
        since = totals.asOf();
    }
}
