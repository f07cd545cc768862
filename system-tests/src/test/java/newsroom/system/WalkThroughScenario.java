package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * README's walk-through, run against a {@link RunningSystem}: create a category, write and publish an article, see it
 * in the category listing, send three readers' views, read the count 3. Every step crosses a service boundary through Kafka.
 */
final class WalkThroughScenario {

    private WalkThroughScenario() {
    }

    static void run(RunningSystem system) {
        String slug = "park-planning-" + System.nanoTime();
        JsonNode category = system.categories.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "园区规划", "slug", slug, "sortOrder", 120)).retrieve().body(JsonNode.class);
        String categoryId = category.get("id").asString();

        // article-service learns the category from the category-changed topic, not from a call.
        Map<String, Object> draft = Map.of(
                "title", "打造数字经济时代产业创新集群,园区这么干!",
                "summary", "苏州市数字经济时代产业创新集群发展大会召开",
                "body", "<p>制造业是国民经济的主体</p>",
                "source", "高新院 achie.org",
                "keywords", List.of("数字经济"),
                "categoryId", categoryId);
        String[] articleId = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            var created = system.articles.post().uri("/api/editorial/articles")
                    .contentType(MediaType.APPLICATION_JSON).body(draft).retrieve().toEntity(JsonNode.class);
            if (created.getStatusCode() == HttpStatus.CREATED) {
                articleId[0] = created.getBody().get("id").asString();
                return true;
            }
            return false;
        });
        String id = articleId[0];
        var published = system.articles.post().uri("/api/editorial/articles/{id}/publish", id).retrieve()
                .toEntity(JsonNode.class);
        assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode listing = system.categories.get().uri("/api/categories/{id}/articles", categoryId).retrieve()
                    .body(JsonNode.class);
            assertThat(listing.get("items").findValuesAsString("title"))
                    .containsExactly("打造数字经济时代产业创新集群,园区这么干!");
        });

        // Three readers (stats-service counts one reader's repeated views within its refresh window once). The
        // test calls from loopback, a trusted proxy, so X-Forwarded-For names the reader as the portal would.
        for (int i = 1; i <= 3; i++) {
            assertThat(system.articles.post().uri("/api/articles/{id}/views", id)
                    .header("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36")
                    .header("X-Forwarded-For", "203.0.113." + i)
                    .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(views(system, id)).isEqualTo(3));
        // Reaching 3 is not enough: a view counted twice (a redelivered batch, a late write) would arrive after it.
        // The count must stay 3 for longer than stats-service's flush interval (5 s) and a redelivery.
        await().during(STABLE_FOR).atMost(STABLE_FOR.plusSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> views(system, id) == 3);
    }

    /** How long the final count must stay put before the walk-through ends. */
    static final Duration STABLE_FOR = Duration.ofSeconds(6);

    private static long views(RunningSystem system, String id) {
        JsonNode count = system.stats.get().uri("/api/stats/articles/{id}", id).retrieve().body(JsonNode.class);
        return count.get("views").asLong();
    }
}
