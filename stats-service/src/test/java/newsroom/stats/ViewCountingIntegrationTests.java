package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@InProcessInfrastructureTest
class ViewCountingIntegrationTests {

    @LocalServerPort
    int port;

    long views(String articleId) {
        return RestClient.create("http://localhost:" + port).get().uri("/api/stats/articles/{id}", articleId)
                .retrieve().body(JsonNode.class).get("views").asLong();
    }

    @Test
    void viewsOfAnArticleAreCountedFromTheTopic() {
        String article = "stats-" + UUID.randomUUID();
        assertThat(views(article)).isZero();
        // Views count only for articles announced on article-lifecycle (unknown ones are parked, then dead-lettered).
        Views.publishArticle(article, List.of("1", "13"));
        for (int i = 0; i < 3; i++) {
            String viewId = UUID.randomUUID().toString();
            TopicProbe.send(Topics.ARTICLE_VIEWED, article, """
                    {"viewId":"%s","articleId":"%s","categoryId":"13","categoryPath":["1","13"],
                     "viewedAt":"%s","visitorKey":"v%d","referrer":null,"userAgent":"Mozilla/5.0"}
                    """.formatted(viewId, article, Instant.now(), i), Map.of(CloudEventHeaders.TYPE, "newsroom.article.viewed.v1",
                    CloudEventHeaders.ID, viewId));
        }
        await().untilAsserted(() -> assertThat(views(article)).isEqualTo(3));
    }
}
