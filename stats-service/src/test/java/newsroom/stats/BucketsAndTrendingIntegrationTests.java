package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import newsroom.stats.articles.KnownArticles;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Hourly and daily buckets per article and per category (ancestors included); trending over 1 h, 24 h, 7 days. */
@InProcessInfrastructureTest
class BucketsAndTrendingIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    KnownArticles known;

    private static List<String> ids(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.get("articleId").asString()));
        return ids;
    }

    @Test
    void viewsLandInHourAndDayBucketsOfTheArticleAndEveryAncestorCategory() {
        String root = Views.unique("root");
        String section = Views.unique("section");
        String article = Views.unique("bucketed");
        List<String> path = List.of(root, section);
        Views.publishArticle(article, path);
        await().until(() -> known.knownInMemory(article));
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant threeHoursAgo = now.minus(3, ChronoUnit.HOURS).plus(10, ChronoUnit.MINUTES);
        Instant twoDaysAgo = now.minus(2, ChronoUnit.DAYS).plus(20, ChronoUnit.MINUTES);
        for (int i = 0; i < 3; i++) {
            Views.view(article, path, threeHoursAgo, "h" + i, Views.CHROME);
        }
        Views.view(article, path, twoDaysAgo, "d0", Views.CHROME);
        Views.view(article, path, twoDaysAgo, "d1", Views.GOOGLEBOT);

        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("raw").asLong()).isEqualTo(5));

        JsonNode hours = api.get("/api/stats/articles/{id}/series?granularity=hour&from={from}&to={to}", article,
                now.minus(4, ChronoUnit.HOURS), now);
        assertThat(hours.get("points")).hasSize(4);
        assertThat(hours.get("points").get(1).get("start").asString())
                .isEqualTo(now.minus(3, ChronoUnit.HOURS).toString());
        assertThat(hours.get("points").get(1).get("views").asLong()).isEqualTo(3);
        assertThat(hours.get("points").get(0).get("views").asLong()).isZero();

        JsonNode days = api.get("/api/stats/articles/{id}/series?granularity=day&from={from}", article,
                twoDaysAgo.atZone(ZoneOffset.UTC).toLocalDate().toString());
        JsonNode firstDay = days.get("points").get(0);
        assertThat(firstDay.get("raw").asLong()).isEqualTo(2);
        assertThat(firstDay.get("views").asLong()).isEqualTo(1);
        assertThat(firstDay.get("bots").asLong()).isEqualTo(1);
        assertThat(firstDay.get("uniqueVisitors").asLong()).isEqualTo(1);

        for (String category : path) {
            assertThat(api.category(category).get("views").asLong()).as(category).isEqualTo(4);
            JsonNode categoryHours = api.get("/api/stats/categories/{id}/series?granularity=hour&from={from}&to={to}",
                    category, now.minus(4, ChronoUnit.HOURS), now);
            assertThat(categoryHours.get("points").get(1).get("views").asLong()).isEqualTo(3);
        }
    }

    @Test
    void trendingRanksByViewsInTheWindowOverallAndPerCategorySubtree() {
        String root = Views.unique("root");
        String sport = Views.unique("sport");
        String politics = Views.unique("politics");
        String hot = Views.unique("hot");          // many views in the last hour
        String steady = Views.unique("steady");    // more views, but 5 hours ago
        String old = Views.unique("old");          // most views, 3 days ago
        Views.publishArticle(hot, List.of(root, sport));
        Views.publishArticle(steady, List.of(root, politics));
        Views.publishArticle(old, List.of(root, politics));
        await().until(() -> known.knownInMemory(hot) && known.knownInMemory(steady) && known.knownInMemory(old));
        Instant now = Instant.now();
        for (int i = 0; i < 4; i++) {
            Views.view(hot, List.of(root, sport), now.minus(10, ChronoUnit.MINUTES), "a" + i, Views.CHROME);
        }
        for (int i = 0; i < 6; i++) {
            Views.view(steady, List.of(root, politics), now.minus(5, ChronoUnit.HOURS), "b" + i, Views.CHROME);
        }
        for (int i = 0; i < 8; i++) {
            Views.view(old, List.of(root, politics), now.minus(3, ChronoUnit.DAYS), "c" + i, Views.CHROME);
        }
        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.category(root).get("views").asLong()).isEqualTo(18));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ids(api.get("/api/stats/trending?window=1h&category={c}", root).get("items")))
                    .containsExactly(hot);
            assertThat(ids(api.get("/api/stats/trending?window=24h&category={c}", root).get("items")))
                    .containsExactly(steady, hot);
            assertThat(ids(api.get("/api/stats/trending?window=7d&category={c}", root).get("items")))
                    .containsExactly(old, steady, hot);
            assertThat(ids(api.get("/api/stats/trending?window=7d&category={c}", politics).get("items")))
                    .containsExactly(old, steady);
            assertThat(ids(api.get("/api/stats/top?category={c}", sport).get("items"))).containsExactly(hot);
            assertThat(ids(api.get("/api/stats/top?category={c}&limit=2", root).get("items")))
                    .containsExactly(old, steady);
        });
        assertThat(ids(api.get("/api/stats/trending?window=7d&limit=100").get("items"))).contains(old, steady, hot);
    }

    @Test
    void theViewsEndpointGivesAllTimeCountedViewsOfTheArticlesViewedSinceAnInstant() {
        String category = Views.unique("desk");
        String earlier = Views.unique("viewed-earlier");
        String recent = Views.unique("viewed-recently");
        Views.publishArticle(earlier, List.of(category));
        Views.publishArticle(recent, List.of(category));
        await().until(() -> known.knownInMemory(earlier) && known.knownInMemory(recent));
        Instant now = Instant.now();
        Instant yesterday = now.minus(1, ChronoUnit.DAYS);
        Views.view(earlier, List.of(category), now.minus(2, ChronoUnit.HOURS), "e0", Views.CHROME);
        Views.view(recent, List.of(category), yesterday, "r0", Views.CHROME);
        Views.view(recent, List.of(category), now.minusSeconds(30), "r1", Views.CHROME);
        Views.view(recent, List.of(category), now.minusSeconds(20), "r2", Views.GOOGLEBOT);

        StatsApi api = new StatsApi(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(recent).get("raw").asLong()).isEqualTo(3));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(earlier).get("raw").asLong()).isEqualTo(1));

        JsonNode since = api.get("/api/stats/views?since={since}", now.minus(1, ChronoUnit.HOURS));
        assertThat(since.get("asOf").asString()).isNotBlank();
        // recent: both days' counted views (the bot is not counted); earlier was last viewed before the instant
        assertThat(views(since, recent)).isEqualTo(2);
        assertThat(views(since, earlier)).isNull();
        JsonNode all = api.get("/api/stats/views");
        assertThat(views(all, recent)).isEqualTo(2);
        assertThat(views(all, earlier)).isEqualTo(1);
    }

    private static Long views(JsonNode totals, String articleId) {
        for (JsonNode item : totals.get("items")) {
            if (item.get("articleId").asString().equals(articleId)) {
                return item.get("views").asLong();
            }
        }
        return null;
    }
}
