package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@InProcessInfrastructureTest
class ArticlePublishingIntegrationTests {

    static final String CATEGORY = "9001";

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeAll
    static void categoryServiceAnnouncedParkPlanning() {
        TopicProbe.send(Topics.CATEGORY_CHANGED, CATEGORY, """
                {"categoryId":"9001","revision":1,"change":"CREATED","name":"园区规划","slug":"park-planning",
                 "parentId":"9000","path":["9000","9001"],"sortOrder":120,"hidden":false,"deleted":false,
                 "occurredAt":"2022-01-01T00:00:00Z"}
                """, Map.of(CloudEventHeaders.TYPE, "newsroom.category.changed.v1"));
    }

    @BeforeEach
    void client() {
        // Editorial calls need a role now: this test acts as the seeded demo editor (HTTP Basic).
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(headers -> headers.setBasicAuth("editor", "newsroom-editor"))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    ResponseEntity<JsonNode> createDraft(Map<String, Object> overrides) {
        Map<String, Object> draft = new HashMap<>(Map.of(
                "title", "打造数字经济时代产业创新集群,园区这么干!",
                "summary", "1月5日,苏州市数字经济时代产业创新集群发展大会召开",
                "body", "<p>制造业是国民经济的主体</p>",
                "source", "高新院 achie.org",
                "keywords", List.of("数字经济", "苏州工业园区"),
                "categoryId", CATEGORY));
        draft.putAll(overrides);
        // The category arrives over Kafka; until article-service has seen it, the category is unknown (422).
        await().until(() -> http.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "probe", "body", "x", "categoryId", CATEGORY)).retrieve()
                .toBodilessEntity().getStatusCode() == HttpStatus.CREATED);
        return http.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON).body(draft)
                .retrieve().toEntity(JsonNode.class);
    }

    @Test
    void aDraftIsNotPublicUntilPublishedAndPublishingEmitsAKeyedCloudEvent() {
        ResponseEntity<JsonNode> created = createDraft(Map.of());
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().get("id").asText();
        assertThat(created.getBody().get("status").asText()).isEqualTo("DRAFT");

        assertThat(http.get().uri("/api/articles/{id}", id).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.post().uri("/api/articles/{id}/views", id).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        JsonNode published = http.post().uri("/api/editorial/articles/{id}/publish", id).retrieve()
                .body(JsonNode.class);
        assertThat(published.get("status").asText()).isEqualTo("PUBLISHED");

        JsonNode article = http.get().uri("/api/articles/{id}", id).retrieve().body(JsonNode.class);
        assertThat(article.get("title").asText()).isEqualTo("打造数字经济时代产业创新集群,园区这么干!");
        assertThat(article.get("categoryPath").get(0).asText()).isEqualTo("9000");

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            ConsumerRecord<String, String> event = probe.awaitRecord(r -> id.equals(r.key()));
            assertThat(TopicProbe.header(event, CloudEventHeaders.TYPE)).isEqualTo("newsroom.article.published.v1");
            assertThat(TopicProbe.header(event, CloudEventHeaders.SUBJECT)).isEqualTo(id);
            assertThat(TopicProbe.header(event, CloudEventHeaders.ID)).isNotBlank();
            assertThat(event.value()).contains("\"revision\":1").contains("\"categoryPath\":[\"9000\",\"9001\"]");
        }
        await().until(() -> http.get().uri("/api/editorial/articles/{id}", id).retrieve().body(JsonNode.class)
                .get("pendingEvents").asInt() == 0);
    }

    @Test
    void anEditorWritesAndPublishesInOneCallWhichAWriterMayNot() {
        createDraft(Map.of()); // waits until the category is known here
        Map<String, Object> wire = Map.of("title", "快讯：园区发布新一轮产业政策", "body", "<p>一次发布</p>",
                "categoryId", CATEGORY);

        var refused = Newsroom.writer(port).post().uri("/api/editorial/articles?publish=true")
                .contentType(MediaType.APPLICATION_JSON).body(wire).retrieve().toEntity(JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        var created = http.post().uri("/api/editorial/articles?publish=true").contentType(MediaType.APPLICATION_JSON)
                .body(wire).retrieve().toEntity(JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = created.getBody().get("id").asText();
        assertThat(created.getBody().get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(created.getHeaders().getLocation()).hasPath("/api/editorial/articles/" + id);

        await().untilAsserted(() -> assertThat(http.get().uri("/api/articles/{id}", id).retrieve()
                .toEntity(JsonNode.class).getBody().get("title").asText()).isEqualTo("快讯：园区发布新一轮产业政策"));
        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            ConsumerRecord<String, String> event = probe.awaitRecord(r -> id.equals(r.key()));
            assertThat(TopicProbe.header(event, CloudEventHeaders.TYPE)).isEqualTo("newsroom.article.published.v1");
            assertThat(event.value()).contains("\"revision\":1").contains("\"categoryPath\":[\"9000\",\"9001\"]");
        }
        JsonNode history = http.get().uri("/api/editorial/articles/{id}/revisions", id).retrieve()
                .body(JsonNode.class);
        assertThat(history.findValuesAsString("action")).containsExactly("CREATED_PUBLISHED");
        await().until(() -> http.get().uri("/api/editorial/articles/{id}", id).retrieve().body(JsonNode.class)
                .get("pendingEvents").asInt() == 0);
    }

    @Test
    void theViewBeaconEmitsAnAnonymousViewEventKeyedByArticle() {
        String id = createDraft(Map.of()).getBody().get("id").asText();
        http.post().uri("/api/editorial/articles/{id}/publish", id).retrieve().toBodilessEntity();

        var accepted = http.post().uri("/api/articles/{id}/views", id)
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0")
                .header("X-Forwarded-For", "203.0.113.7")
                .contentType(MediaType.TEXT_PLAIN).body("{\"referrer\":\"https://www.example.org/news\"}")
                .retrieve().toBodilessEntity();
        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_VIEWED)) {
            ConsumerRecord<String, String> view = probe.awaitRecord(r -> id.equals(r.key()));
            assertThat(TopicProbe.header(view, CloudEventHeaders.TYPE)).isEqualTo("newsroom.article.viewed.v1");
            assertThat(view.value()).contains("\"referrer\":\"https://www.example.org/news\"")
                    .contains("\"categoryId\":\"9001\"").contains("\"visitorKey\":\"")
                    .doesNotContain("203.0.113.7");
        }
    }

    @Test
    void unknownArticlesGetNoViewAndUnknownCategoriesAreRefusedNamingTheField() {
        assertThat(http.post().uri("/api/articles/{id}/views", "404404").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        var refused = http.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", "t", "body", "b", "categoryId", "nope")).retrieve().toEntity(JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("categoryId");
    }

    @Test
    void oversizedAndMissingFieldsAreBadRequestsAndDuplicateSlugsConflict() {
        var tooLong = createDraft(Map.of("title", "长".repeat(201)));
        assertThat(tooLong.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLong.getBody().get("errors").get(0).get("field").asText()).isEqualTo("title");

        var first = createDraft(Map.of("slug", "park-cluster"));
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        var second = createDraft(Map.of("slug", "park-cluster"));
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody().get("errors").get(0).get("field").asText()).isEqualTo("slug");

        var wrongType = http.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON)
                .body("{\"title\":\"t\",\"body\":\"b\",\"categoryId\":\"9001\",\"keywords\":\"not-a-list\"}")
                .retrieve().toEntity(JsonNode.class);
        assertThat(wrongType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(wrongType.getBody().get("errors").get(0).get("field").asText()).isEqualTo("keywords");
    }

    @Test
    void scriptsAndEventHandlersAreStrippedFromBodies() {
        var created = createDraft(Map.of("body",
                "<p onclick=\"alert(1)\">正文</p><script>alert(2)</script><a href=\"javascript:alert(3)\">x</a>"));
        String body = created.getBody().get("body").asText();
        assertThat(body).contains("正文").doesNotContain("script").doesNotContain("onclick")
                .doesNotContain("javascript:");
    }
}
