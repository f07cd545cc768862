package newsroom.article;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.article.categories.CategoryReplica;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** What the tests do over and over: sign in as someone, make categories known, write and move articles. */
final class Newsroom {

    static final String ADMIN_PASSWORD = "test-admin-password";

    private Newsroom() {
    }

    static RestClient anonymous(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    static RestClient as(int port, String username, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(username, password))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    static RestClient editor(int port) {
        return as(port, "editor", "newsroom-editor");
    }

    static RestClient writer(int port) {
        return as(port, "writer", "newsroom-writer");
    }

    static RestClient otherWriter(int port) {
        return as(port, "writer2", "newsroom-writer2");
    }

    static RestClient admin(int port) {
        return as(port, "admin", ADMIN_PASSWORD);
    }

    /** Announces a category as category-service would, and waits until article-service knows it. */
    static void category(CategoryReplica replica, String id, String name, String... path) {
        String parent = path.length > 1 ? path[path.length - 2] : null;
        TopicProbe.send(Topics.CATEGORY_CHANGED, id, """
                {"categoryId":"%s","revision":1,"change":"CREATED","name":"%s","slug":"c-%s",%s
                 "path":[%s],"sortOrder":1,"hidden":false,"deleted":false,"occurredAt":"2024-01-01T00:00:00Z"}
                """.formatted(id, name, id, parent == null ? "" : "\"parentId\":\"" + parent + "\",",
                String.join(",", List.of(path).stream().map(p -> "\"" + p + "\"").toList())),
                Map.of(CloudEventHeaders.TYPE, "newsroom.category.changed.v1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> replica.usable(id).isPresent());
    }

    static Map<String, Object> draft(String categoryId, Map<String, Object> overrides) {
        Map<String, Object> draft = new HashMap<>(Map.of(
                "title", "打造数字经济时代产业创新集群",
                "summary", "苏州市数字经济时代产业创新集群发展大会召开",
                "body", "<p>制造业是国民经济的主体</p><p>第二段</p>",
                "source", "高新院 achie.org",
                "keywords", List.of("数字经济"),
                "categoryId", categoryId));
        draft.putAll(overrides);
        return draft;
    }

    static ResponseEntity<JsonNode> create(RestClient as, Map<String, Object> draft) {
        return as.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON).body(draft)
                .retrieve().toEntity(JsonNode.class);
    }

    static String createId(RestClient as, Map<String, Object> draft) {
        ResponseEntity<JsonNode> created = create(as, draft);
        if (!created.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("create failed: " + created.getStatusCode() + " " + created.getBody());
        }
        return created.getBody().get("id").asText();
    }

    static ResponseEntity<JsonNode> action(RestClient as, String id, String action) {
        return as.post().uri("/api/editorial/articles/{id}/{action}", id, action).retrieve().toEntity(JsonNode.class);
    }

    static ResponseEntity<JsonNode> action(RestClient as, String id, String action, Object body) {
        return as.post().uri("/api/editorial/articles/{id}/{action}", id, action)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
    }

    static ResponseEntity<JsonNode> get(RestClient as, String id) {
        return as.get().uri("/api/editorial/articles/{id}", id).retrieve().toEntity(JsonNode.class);
    }

    /** PUT with the article's current ETag. */
    static ResponseEntity<JsonNode> update(RestClient as, String id, Map<String, Object> draft) {
        String etag = get(as, id).getHeaders().getETag();
        return as.put().uri("/api/editorial/articles/{id}", id).header(HttpHeaders.IF_MATCH, etag)
                .contentType(MediaType.APPLICATION_JSON).body(draft).retrieve().toEntity(JsonNode.class);
    }

    static String publish(RestClient editor, String categoryId, Map<String, Object> overrides) {
        String id = createId(editor, draft(categoryId, overrides));
        ResponseEntity<JsonNode> published = action(editor, id, "publish");
        if (!published.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("publish failed: " + published.getBody());
        }
        return id;
    }

    static ResponseEntity<JsonNode> read(RestClient anyone, String ref) {
        return anyone.get().uri("/api/articles/" + ref).retrieve().toEntity(JsonNode.class);
    }

    /** A publication time comfortably in the future (and within the ten years the API accepts). */
    static String later() {
        return Instant.now().plus(Duration.ofDays(30)).toString();
    }
}
