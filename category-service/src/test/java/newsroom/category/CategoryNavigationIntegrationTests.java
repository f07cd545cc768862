package newsroom.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

class CategoryNavigationIntegrationTests extends IntegrationTestBase {

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void client() {
        // Writes are for admins: this client is the local admin (HTTP Basic).
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .defaultHeaders(headers -> headers.setBasicAuth(ADMIN, ADMIN_PASSWORD))
                .build();
    }

    JsonNode create(String name, String slug, String parentId, int sortOrder) {
        var response = http.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "slug", slug, "sortOrder", sortOrder,
                        "parentId", parentId == null ? "" : parentId).entrySet().stream()
                        .filter(e -> !"".equals(e.getValue()))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
                .retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    @Test
    void breadcrumbRunsFromTheRootToTheCategoryAndSiblingsFollowSortOrder() {
        String news = create("新闻中心", "news-" + System.nanoTime(), null, 1).get("id").asText();
        create("园区规划", "park-planning", news, 120);
        String first = create("高新院新闻", "institute-news", news, 10).get("id").asText();
        String park = http.get().uri("/api/categories/{id}/children", news).retrieve().body(JsonNode.class)
                .get(1).get("id").asText();

        JsonNode breadcrumb = http.get().uri("/api/categories/{id}/breadcrumb", park).retrieve().body(JsonNode.class);
        assertThat(breadcrumb.findValuesAsString("name")).containsExactly("新闻中心", "园区规划");

        JsonNode siblings = http.get().uri("/api/categories/{id}/siblings", park).retrieve().body(JsonNode.class);
        assertThat(siblings.findValuesAsString("name")).containsExactly("高新院新闻", "园区规划");
        assertThat(siblings.get(0).get("id").asText()).isEqualTo(first);
    }

    @Test
    void everyNewCategoryIsAnnouncedAsACloudEventKeyedByItsId() {
        String id = create("政策解读", "policy-" + System.nanoTime(), null, 20).get("id").asText();
        try (TopicProbe probe = new TopicProbe(Topics.CATEGORY_CHANGED)) {
            ConsumerRecord<String, String> record = probe.awaitRecord(r -> id.equals(r.key()));
            assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE)).isEqualTo("newsroom.category.changed.v1");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
            assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/newsroom/category-service");
            assertThat(record.value()).contains("\"name\":\"政策解读\"");
        }
    }

    @Test
    void duplicateSlugAmongSiblingsIsAConflictNamingTheField() {
        String slug = "dup-" + System.nanoTime();
        create("一", slug, null, 1);
        var response = http.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "二", "slug", slug)).retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors").get(0).get("field").asText()).isEqualTo("slug");
    }

    @Test
    void unknownParentIsUnprocessableAndMissingNameIsABadRequest() {
        var unknownParent = http.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "x", "slug", "x", "parentId", "999999")).retrieve().toEntity(JsonNode.class);
        assertThat(unknownParent.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(unknownParent.getBody().get("errors").get(0).get("field").asText()).isEqualTo("parentId");

        var noName = http.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("slug", "x")).retrieve().toEntity(JsonNode.class);
        assertThat(noName.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noName.getBody().get("errors").findValuesAsString("field")).contains("name");

        var malformed = http.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\": ").retrieve().toEntity(JsonNode.class);
        assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(malformed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void publishedArticlesAppearInTheirCategoryListingNewestFirstAndUnpublishedOnesLeave() {
        String category = create("科技创新", "tech-" + System.nanoTime(), null, 60).get("id").asText();
        publish("a-" + category + "-1", 1, category, "2022-01-05T09:00:00Z", "旧闻");
        publish("a-" + category + "-2", 1, category, "2022-01-07T09:00:00Z", "新闻");

        org.awaitility.Awaitility.await().untilAsserted(() -> {
            JsonNode page = http.get().uri("/api/categories/{id}/articles", category).retrieve().body(JsonNode.class);
            assertThat(page.get("items").findValuesAsString("title")).containsExactly("新闻", "旧闻");
        });

        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, "a-" + category + "-2", """
                {"articleId":"a-%s-2","revision":2,"categoryId":"%s","occurredAt":"2022-01-08T00:00:00Z"}
                """.formatted(category, category), Map.of(CloudEventHeaders.TYPE, "newsroom.article.unpublished.v1"));
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            JsonNode page = http.get().uri("/api/categories/{id}/articles", category).retrieve().body(JsonNode.class);
            assertThat(page.get("items").findValuesAsString("title")).containsExactly("旧闻");
            assertThat(page.get("total").asLong()).isEqualTo(1);
        });
    }

    @Test
    void aRecordThatCannotBeReadGoesToTheDeadLetterTopicAndLaterEventsStillFlow() {
        String category = create("行业洞见", "insights-" + System.nanoTime(), null, 80).get("id").asText();
        String poisonKey = "poison-" + category;
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, poisonKey, "{not json",
                Map.of(CloudEventHeaders.TYPE, "newsroom.article.published.v1"));
        publish("ok-" + category, 1, category, "2022-01-07T09:00:00Z", "照常");

        try (TopicProbe dlq = new TopicProbe("article-lifecycle.category-service.dlq")) {
            ConsumerRecord<String, String> parked = dlq.awaitRecord(r -> poisonKey.equals(r.key()));
            assertThat(parked.value()).isEqualTo("{not json");
        }
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            JsonNode page = http.get().uri("/api/categories/{id}/articles", category).retrieve().body(JsonNode.class);
            assertThat(page.get("items").findValuesAsString("title")).containsExactly("照常");
        });
    }

    static void publish(String articleId, long revision, String categoryId, String publishedAt, String title) {
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, articleId, """
                {"articleId":"%s","revision":%d,"occurredAt":"%s",
                 "article":{"slug":"s","title":"%s","summary":"","categoryId":"%s","categoryPath":["%s"],
                            "keywords":[],"publishedAt":"%s"}}
                """.formatted(articleId, revision, publishedAt, title, categoryId, categoryId, publishedAt),
                Map.of(CloudEventHeaders.TYPE, "newsroom.article.published.v1"));
    }

}
