package newsroom.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every integration test of this module shares, including its Spring context: every test class extends this and
 * declares no context configuration of its own, so the service, the broker and the database start once per run, and
 * exactly one consumer of the {@code category-service} group reads {@code article-lifecycle}. Tests make their own
 * categories with unique slugs and never assume an empty database.
 */
@InProcessInfrastructureTest(properties = {
        // Tests run the repair job themselves, when they want to see what it does.
        "newsroom.category.repair-interval=PT1H",
        // A structural write that finds the tree locked gives up sooner than in production.
        "newsroom.category.tree-lock.max-wait=PT1S",
        // Writes are for admins: the tests write as the local admin (HTTP Basic), and also try as an editor.
        "newsroom.security.seed.admin-password=" + IntegrationTestBase.ADMIN_PASSWORD,
        "newsroom.security.seed.accounts[0].username=editor",
        "newsroom.security.seed.accounts[0].password=" + IntegrationTestBase.EDITOR_PASSWORD,
        "newsroom.security.seed.accounts[0].roles[0]=EDITOR",
        "newsroom.security.bcrypt-strength=4"
})
public abstract class IntegrationTestBase {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final String ADMIN = "admin";
    protected static final String ADMIN_PASSWORD = "test-admin-password";
    protected static final String EDITOR_PASSWORD = "test-editor-password";

    static {
        // Consumer group joins on a busy two-core machine can take seconds; a test still fails, just not spuriously.
        Awaitility.setDefaultTimeout(Duration.ofSeconds(30));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    }

    @LocalServerPort
    protected int port;

    /** Anonymous: what every reader may do. */
    protected RestClient http;

    /** The local admin, over HTTP Basic: what writes need. */
    protected RestClient admin;

    @BeforeEach
    void httpClients() {
        http = client(null, null);
        admin = client(ADMIN, ADMIN_PASSWORD);
    }

    protected RestClient client(String user, String password) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { });
        if (user != null) {
            builder.defaultHeaders(headers -> headers.setBasicAuth(user, password));
        }
        return builder.build();
    }

    protected static String unique(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    protected ResponseEntity<JsonNode> get(String uri, Object... vars) {
        return http.get().uri(uri, vars).retrieve().toEntity(JsonNode.class);
    }

    protected JsonNode getOk(String uri, Object... vars) {
        ResponseEntity<JsonNode> response = get(uri, vars);
        assertThat(response.getStatusCode()).as("GET " + uri).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** A request as the admin (writes). */
    protected ResponseEntity<JsonNode> send(HttpMethod method, String uri, Object body, Object... vars) {
        return send(admin, method, uri, body, vars);
    }

    protected static ResponseEntity<JsonNode> send(RestClient client, HttpMethod method, String uri, Object body,
            Object... vars) {
        RestClient.RequestBodySpec request = client.method(method).uri(uri, vars);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toEntity(JsonNode.class);
    }

    protected JsonNode createCategory(String name, String slug, String parentId, int sortOrder) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("slug", slug);
        body.put("sortOrder", sortOrder);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        ResponseEntity<JsonNode> response = send(HttpMethod.POST, "/api/categories", body);
        assertThat(response.getStatusCode()).as("create " + slug + ": " + response.getBody())
                .isEqualTo(HttpStatus.CREATED);
        return response.getBody();
    }

    protected String create(String name, String parentId) {
        return createCategory(name, unique("c"), parentId, 0).get("id").asString();
    }

    protected JsonNode move(String id, String parentId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parentId", parentId);
        ResponseEntity<JsonNode> response = send(HttpMethod.POST, "/api/categories/{id}/move", body, id);
        assertThat(response.getStatusCode()).as("move: " + response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    protected JsonNode category(String id) {
        return getOk("/api/categories/{id}", id);
    }

    protected List<String> titles(String categoryId, String scope) {
        JsonNode page = getOk("/api/categories/{id}/articles?scope={scope}&size=100", categoryId, scope);
        return page.get("items").findValuesAsString("title");
    }

    // ------------------------------------------------------------------------------------------------ events

    /** An article card as article-service would put it in an event. */
    protected static Map<String, Object> card(String title, String categoryId, List<String> categoryPath,
            Instant publishedAt, boolean pinned, int sortRank) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("slug", "s");
        card.put("title", title);
        card.put("summary", "");
        card.put("keywords", List.of());
        card.put("categoryId", categoryId);
        card.put("categoryPath", categoryPath);
        card.put("pinned", pinned);
        card.put("sortRank", sortRank);
        card.put("publishedAt", publishedAt.toString());
        return card;
    }

    protected static void published(String articleId, long revision, Map<String, Object> card, Instant occurredAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("articleId", articleId);
        event.put("revision", revision);
        event.put("article", card);
        event.put("occurredAt", occurredAt.toString());
        sendEvent(articleId, EventTypes.ARTICLE_PUBLISHED, event);
    }

    protected static void updated(String articleId, long revision, Map<String, Object> card, Instant occurredAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("articleId", articleId);
        event.put("revision", revision);
        event.put("article", card);
        event.put("occurredAt", occurredAt.toString());
        sendEvent(articleId, EventTypes.ARTICLE_UPDATED, event);
    }

    protected static void unpublished(String articleId, long revision, String categoryId, Instant occurredAt) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("articleId", articleId);
        event.put("revision", revision);
        event.put("categoryId", categoryId);
        event.put("occurredAt", occurredAt.toString());
        sendEvent(articleId, EventTypes.ARTICLE_UNPUBLISHED, event);
    }

    /** Publishes a simple, unpinned article of rank 0 at revision 1. */
    protected static void publishSimple(String articleId, String categoryId, String title, Instant publishedAt) {
        published(articleId, 1, card(title, categoryId, List.of(categoryId), publishedAt, false, 0), publishedAt);
    }

    /** A key starting with {@code prefix} that the default partitioner puts on the same partition as {@code key}. */
    protected static String samePartitionAs(String key, String prefix) {
        int partition = partitionOf(key);
        for (int i = 0; ; i++) {
            String candidate = prefix + "-" + i;
            if (partitionOf(candidate) == partition) {
                return candidate;
            }
        }
    }

    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % InProcessInfrastructure.PARTITIONS;
    }

    protected static void sendEvent(String key, String type, Map<String, Object> payload) {
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, key, JSON.writeValueAsString(payload),
                Map.of(CloudEventHeaders.TYPE, type, CloudEventHeaders.ID, unique("evt"),
                        CloudEventHeaders.SPEC_VERSION, "1.0", CloudEventHeaders.SOURCE, "/newsroom/test"));
    }

    // ------------------------------------------------------------------------------------------------ assertions

    protected static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status, String field) {
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        if (field != null) {
            assertThat(response.getBody().get("errors").findValuesAsString("field")).contains(field);
        }
    }

    /** The category-changed snapshots of one category by revision, waiting until {@code revisions} are there. */
    protected static Map<Long, JsonNode> snapshotsOf(String id, int revisions) {
        try (TopicProbe probe = new TopicProbe(Topics.CATEGORY_CHANGED)) {
            Map<Long, JsonNode> byRevision = new TreeMap<>();
            await().untilAsserted(() -> {
                for (ConsumerRecord<String, String> r : probe.received()) {
                    if (id.equals(r.key())) {
                        JsonNode value = JSON.readTree(r.value());
                        byRevision.put(value.get("revision").asLong(), value);
                    }
                }
                assertThat(byRevision).hasSize(revisions);
            });
            return byRevision;
        }
    }

    protected static List<String> ids(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }
}
