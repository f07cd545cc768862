package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import newsroom.testing.InProcessInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The reader APIs answer from memory (article-service's reader copies, category-service's tree snapshot and cached
 * first listing pages); through the running services, every editorial change shows in them within a second: a
 * publish, an edit, a category rename, move and hide, and an unpublish (the article and its beacon answer 404).
 */
class ReaderFreshnessIntegrationTests {

    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
            + "Gecko) Chrome/120.0 Safari/537.36";

    @Test
    void editorialChangesShowInTheReaderApisWithinASecond() {
        try (RunningSystem system = new RunningSystem(InProcessInfrastructure.kafkaBootstrapServers(),
                InProcessInfrastructure.mongo().getConnectionString())) {
            String news = category(system, "新闻中心", null);
            String planning = category(system, "园区规划", news);
            String topics = category(system, "专题", null);

            // Not timed: article-service learns categories from category-changed before it accepts them.
            String[] created = new String[1];
            await().atMost(EVENTUALLY).until(() -> {
                ResponseEntity<JsonNode> draft = system.articles.post().uri("/api/editorial/articles")
                        .contentType(MediaType.APPLICATION_JSON).body(draft("园区这么干", planning)).retrieve()
                        .toEntity(JsonNode.class);
                created[0] = draft.getStatusCode() == HttpStatus.CREATED ? draft.getBody().get("id").asString() : null;
                return created[0] != null;
            });
            String id = created[0];
            assertThat(read(system, id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

            assertThat(action(system, id, "publish")).isEqualTo(HttpStatus.OK);
            await().atMost(BOUND).until(() -> read(system, id).getStatusCode() == HttpStatus.OK
                    && beacon(system, id) == HttpStatus.ACCEPTED);
            await().atMost(BOUND).untilAsserted(() -> assertThat(firstPage(system, news)).containsExactly("园区这么干"));

            String etag = system.articles.get().uri("/api/editorial/articles/{id}", id).retrieve()
                    .toBodilessEntity().getHeaders().getETag();
            assertThat(system.articles.put().uri("/api/editorial/articles/{id}", id).header(HttpHeaders.IF_MATCH, etag)
                    .contentType(MediaType.APPLICATION_JSON).body(draft("园区这么干!", planning)).retrieve()
                    .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
            await().atMost(BOUND).until(() -> "园区这么干!".equals(read(system, id).getBody().get("title").asString()));
            await().atMost(BOUND).untilAsserted(() -> assertThat(firstPage(system, news)).containsExactly("园区这么干!"));

            assertThat(system.categories.patch().uri("/api/categories/{id}", planning)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "园区规划(二)")).retrieve()
                    .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
            await().atMost(BOUND).untilAsserted(() -> assertThat(names(system, "/api/categories/{id}/breadcrumb",
                    planning)).containsExactly("新闻中心", "园区规划(二)"));

            assertThat(system.categories.post().uri("/api/categories/{id}/move", planning)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("parentId", topics)).retrieve()
                    .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(names(system, "/api/categories/{id}/breadcrumb", planning))
                        .containsExactly("专题", "园区规划(二)");
                assertThat(firstPage(system, topics)).containsExactly("园区这么干!");
                assertThat(firstPage(system, news)).isEmpty();
            });

            assertThat(system.categories.patch().uri("/api/categories/{id}", planning)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("hidden", true)).retrieve()
                    .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
            await().atMost(BOUND).untilAsserted(() -> {
                assertThat(names(system, "/api/categories/{id}/children", topics)).isEmpty();
                assertThat(firstPage(system, topics)).isEmpty();
            });

            assertThat(action(system, id, "unpublish")).isEqualTo(HttpStatus.OK);
            await().atMost(BOUND).until(() -> read(system, id).getStatusCode() == HttpStatus.NOT_FOUND
                    && beacon(system, id) == HttpStatus.NOT_FOUND);
            await().atMost(BOUND).untilAsserted(() -> assertThat(firstPage(system, planning)).isEmpty());
        }
    }

    private static String category(RunningSystem system, String name, String parentId) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(Map.of("name", name,
                "slug", "c" + Long.toString(System.nanoTime(), 36), "sortOrder", 10));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        ResponseEntity<JsonNode> created = system.categories.post().uri("/api/categories")
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return created.getBody().get("id").asString();
    }

    private static Map<String, Object> draft(String title, String categoryId) {
        return Map.of("title", title, "summary", "大会召开", "body", "<p>正文</p>", "source", "高新院 achie.org",
                "keywords", List.of("数字经济"), "categoryId", categoryId);
    }

    private static HttpStatus action(RunningSystem system, String id, String action) {
        return HttpStatus.valueOf(system.articles.post().uri("/api/editorial/articles/{id}/{action}", id, action)
                .retrieve().toBodilessEntity().getStatusCode().value());
    }

    private static ResponseEntity<JsonNode> read(RunningSystem system, String id) {
        return system.articles.get().uri("/api/articles/{id}", id).retrieve().toEntity(JsonNode.class);
    }

    private static HttpStatus beacon(RunningSystem system, String id) {
        return HttpStatus.valueOf(system.articles.post().uri("/api/articles/{id}/views", id)
                .header(HttpHeaders.USER_AGENT, BROWSER).retrieve().toBodilessEntity().getStatusCode().value());
    }

    private static List<String> firstPage(RunningSystem system, String categoryId) {
        return system.categories.get().uri("/api/categories/{id}/articles?scope=subtree&size=20", categoryId)
                .retrieve().body(JsonNode.class).get("items").findValuesAsString("title");
    }

    private static List<String> names(RunningSystem system, String uri, String id) {
        return system.categories.get().uri(uri, id).retrieve().body(JsonNode.class).findValuesAsString("name");
    }
}
