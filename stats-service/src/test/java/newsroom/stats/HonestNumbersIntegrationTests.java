package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import newsroom.stats.articles.KnownArticles;
import newsroom.stats.intake.ViewHeaders;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Raw hits, counted views, bots, refreshes and unique visitors side by side, each drop reason a counter. */
@InProcessInfrastructureTest
class HonestNumbersIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    KnownArticles known;

    @Autowired
    MeterRegistry meters;

    private String article(String category) {
        String article = Views.unique("honest");
        Views.publishArticle(article, List.of(category));
        await().until(() -> known.knownInMemory(article));
        return article;
    }

    private double dropped(String reason) {
        return meters.get("newsroom.views.dropped").tag("reason", reason).counter().count();
    }

    @Test
    void botsAreCountedApartFromViews() {
        String article = article("1");
        double botsBefore = dropped("bot");
        Instant now = Instant.now().minusSeconds(60);
        Views.view(article, List.of("1"), now, "human", Views.CHROME);
        Views.view(article, List.of("1"), now, "crawler-1", Views.GOOGLEBOT);
        Views.view(article, List.of("1"), now, "crawler-2", "curl/8.4.0");
        Views.view(article, List.of("1"), now, "no-agent", null);

        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("raw").asLong()).isEqualTo(4));
        JsonNode stats = api.article(article);
        assertThat(stats.get("views").asLong()).isEqualTo(1);
        assertThat(stats.get("bots").asLong()).isEqualTo(3);
        assertThat(dropped("bot") - botsBefore).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRefreshBySameVisitorWithinThirtyMinutesIsOneView() {
        String article = article("1");
        Instant first = Instant.now().minus(2, ChronoUnit.HOURS);
        double refreshesBefore = dropped("refresh");
        // 0, 5, 29 minutes: one view; 31 minutes after the first counted one: a new view; 40: refresh of that one
        for (int minutes : new int[] {0, 5, 29, 31, 40}) {
            Views.view(article, List.of("1"), first.plus(minutes, ChronoUnit.MINUTES), "same-reader", Views.CHROME);
        }
        Views.view(article, List.of("1"), first.plus(5, ChronoUnit.MINUTES), "other-reader", Views.CHROME);

        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("raw").asLong()).isEqualTo(6));
        JsonNode stats = api.article(article);
        assertThat(stats.get("views").asLong()).isEqualTo(3);
        assertThat(stats.get("refreshes").asLong()).isEqualTo(3);
        assertThat(dropped("refresh") - refreshesBefore).isGreaterThanOrEqualTo(3);
    }

    @Test
    void uniqueVisitorsPerDayComeFromTheSketch() {
        String article = article("1");
        LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
        Instant morning = yesterday.atTime(8, 0).toInstant(ZoneOffset.UTC);
        for (int i = 0; i < 40; i++) {
            // 25 readers in the morning, 15 of whom come back two hours later (a new view, the same visitor)
            String visitor = "reader-" + (i % 25);
            Views.view(article, List.of("1"), i < 25 ? morning : morning.plus(2, ChronoUnit.HOURS), visitor,
                    Views.CHROME);
        }
        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(api.article(article).get("raw").asLong()).isEqualTo(40));
        JsonNode stats = api.article(article);
        assertThat(stats.get("views").asLong()).isEqualTo(40);
        assertThat(stats.get("uniqueVisitorDays").asLong()).isEqualTo(25);
        JsonNode day = api.get("/api/stats/articles/{id}/series?granularity=day&from={d}&to={d}T23:00:00Z", article,
                yesterday, yesterday).get("points").get(0);
        assertThat(day.get("uniqueVisitors").asLong()).isEqualTo(25); // HLL is exact this small; ~2 % error at scale
        assertThat(day.get("views").asLong()).isEqualTo(40);
    }

    @Test
    void viewsTheBeaconMarkedRateLimitedAreNotCounted() {
        String article = article("1");
        double before = dropped("rate_limited");
        Instant now = Instant.now().minusSeconds(30);
        Views.view(article, List.of("1"), now, "flooder", Views.CHROME,
                Map.of(ViewHeaders.RATE_LIMITED, "true"));
        Views.view(article, List.of("1"), now, "normal", Views.CHROME);
        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("raw").asLong()).isEqualTo(2));
        JsonNode stats = api.article(article);
        assertThat(stats.get("views").asLong()).isEqualTo(1);
        assertThat(stats.get("rateLimited").asLong()).isEqualTo(1);
        assertThat(dropped("rate_limited") - before).isGreaterThanOrEqualTo(1);
        assertThat(meters.get("newsroom.views.counted").counter().count()).isPositive();
        assertThat(meters.get("newsroom.views.received").counter().count()).isPositive();
    }
}
