package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import newsroom.testing.InProcessInfrastructure;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.ResourceAccessException;
import tools.jackson.databind.JsonNode;

/**
 * article-service does not need category-service to be up: it validates category ids against its own replica of the
 * compacted category-changed topic. While category-service is stopped, an editor still files a draft under a category
 * created before the outage and publishes it, and an unknown category is still refused with 422. category-service,
 * started again on the same database, reads the lifecycle events it missed from its committed offsets and lists the
 * article.
 */
class CategoryServiceOutageIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(CategoryServiceOutageIntegrationTests.class);
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);

    @Test
    void articleServiceFilesAndPublishesInAKnownCategoryWhileCategoryServiceIsDownAndTheListingCatchesUpAfterItsRestart() {
        try (RunningSystem system = new RunningSystem(InProcessInfrastructure.kafkaBootstrapServers(),
                InProcessInfrastructure.mongo().getConnectionString())) {
            ResponseEntity<JsonNode> created = system.categories.post().uri("/api/categories")
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("name", "区域经济研究", "slug", "regional-economy-" + System.nanoTime(), "sortOrder", 40))
                    .retrieve().toEntity(JsonNode.class);
            assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
            String categoryId = created.getBody().get("id").asString();

            // The category-changed event is on the broker once the create has answered (a synchronous send):
            // category-service can go away right now, before article-service has even read it.
            long stoppedAt = System.nanoTime();
            system.stop(RunningSystem.CATEGORY_SERVICE);
            assertThat(categoryServiceAnswers(system)).as("category-service is down").isFalse();

            // Accepted as soon as article-service's replica has the category: from Kafka, not from category-service.
            String[] articleId = new String[1];
            await().atMost(EVENTUALLY).until(() -> {
                ResponseEntity<JsonNode> draft = system.articles.post().uri("/api/editorial/articles")
                        .contentType(MediaType.APPLICATION_JSON).body(draft(categoryId)).retrieve()
                        .toEntity(JsonNode.class);
                if (draft.getStatusCode() == HttpStatus.CREATED) {
                    articleId[0] = draft.getBody().get("id").asString();
                    return true;
                }
                assertThat(draft.getStatusCode()).as("before the replica has the category")
                        .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
                return false;
            });
            String id = articleId[0];
            ResponseEntity<JsonNode> published = system.articles.post()
                    .uri("/api/editorial/articles/{id}/publish", id).retrieve().toEntity(JsonNode.class);
            assertThat(published.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(published.getBody().get("status").asString()).isEqualTo("PUBLISHED");
            assertThat(published.getBody().get("categoryPath").values()).extracting(JsonNode::asString)
                    .containsExactly(categoryId);

            ResponseEntity<JsonNode> unknown = system.articles.post().uri("/api/editorial/articles")
                    .contentType(MediaType.APPLICATION_JSON).body(draft("no-such-category")).retrieve()
                    .toEntity(JsonNode.class);
            assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(unknown.getHeaders().getContentType()).isNotNull()
                    .satisfies(type -> assertThat(type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue());
            assertThat(unknown.getBody().toString()).contains("categoryId");

            assertThat(categoryServiceAnswers(system)).as("still down while all of that happened").isFalse();
            log.info("category-service was down {} ms; article-service filed and published {} meanwhile",
                    (System.nanoTime() - stoppedAt) / 1_000_000, id);

            system.startAgain(RunningSystem.CATEGORY_SERVICE);
            long restartedAt = System.nanoTime();
            await().atMost(EVENTUALLY).untilAsserted(() -> {
                JsonNode listing = system.categories.get().uri("/api/categories/{id}/articles", categoryId)
                        .retrieve().body(JsonNode.class);
                assertThat(listing.get("items").findValuesAsString("articleId")).containsExactly(id);
            });
            log.info("Listed {} ms after category-service started again", (System.nanoTime() - restartedAt) / 1_000_000);
            JsonNode tree = system.categories.get().uri("/api/categories/{id}", categoryId).retrieve()
                    .body(JsonNode.class);
            assertThat(tree.get("name").asString()).as("same database: the category survived the restart")
                    .isEqualTo("区域经济研究");
        }
    }

    private static Map<String, Object> draft(String categoryId) {
        return Map.of(
                "title", "苏州工业园区发布2024年产业规划",
                "summary", "园区产业规划要点",
                "body", "<p>园区规划</p>",
                "source", "高新院 achie.org",
                "keywords", List.of("园区规划"),
                "categoryId", categoryId);
    }

    private static boolean categoryServiceAnswers(RunningSystem system) {
        try {
            system.categories.get().uri("/api/categories").retrieve().toBodilessEntity();
            return true;
        } catch (ResourceAccessException e) {
            return false;
        }
    }
}
