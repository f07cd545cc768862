package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.localrun.ServiceProcess;
import newsroom.testing.ReservedPorts;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * article-service and category-service as child JVMs (their exec jars, as the local run starts them), each killed
 * with SIGKILL in the middle of its work and started again on the same database and port:
 * <ul>
 *   <li>article-service during a burst of publishes and edits, killed while the broker refuses its last changes'
 *       records (so they are stored, some acknowledged, none sent): every change it acknowledged, and every change it
 *       stored without getting to answer, reaches {@code article-lifecycle} (the outbox in the article document), in
 *       per-article revision order, duplicates only as the same event again (same {@code ce_id}, which consumers
 *       ignore by revision); category-service's listing ends identical to article-service's published articles;</li>
 *   <li>category-service during a subtree move of 66 descendants: the moved category's marker is seen in the store
 *       at the kill (and, usually, descendants whose paths were not rewritten yet); after the restart the repair finishes the move, every path follows the parent
 *       links, and the marker is gone.</li>
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EditorialCrashTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final int ARTICLES = 24;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final ChildServices children = new ChildServices();
    final MongoClient mongo = MongoClients.create(newsroom.testing.InProcessInfrastructure.mongo()
            .getConnectionString());
    final String articleDb = "crash-article-" + run;
    final String categoryDb = "crash-category-" + run;
    final int articlePort = ReservedPorts.next();
    final int categoryPort = ReservedPorts.next();
    Map<String, String> articleEnv;
    Map<String, String> categoryEnv;
    ServiceProcess articleService;
    ServiceProcess categoryService;

    @BeforeAll
    void startBothServices() throws Exception {
        articleEnv = ChildServices.environment(articleDb);
        categoryEnv = ChildServices.environment(categoryDb);
        // A killed holder keeps the tree lock until its lease ends, and the repair runs at start and then every
        // interval: 5 s each (instead of 30 s) so the test waits seconds, not half a minute, for the same steps.
        // As the local run: the services other than article-service check its tokens against its published keys.
        categoryEnv.put("NEWSROOM_TOKEN_JWK_SET_URI", "http://localhost:" + articlePort + "/oauth2/jwks");
        categoryEnv.put("SPRING_APPLICATION_JSON", """
                {"newsroom.category.tree-lock.lease":"PT5S","newsroom.category.repair-interval":"PT5S"}""");
        CompletableFuture<ServiceProcess> category = CompletableFuture.supplyAsync(() ->
                children.start("category-service", "crash-category-service", categoryPort, categoryEnv));
        articleService = children.start("article-service", "crash-article-service", articlePort, articleEnv);
        categoryService = category.get(310, TimeUnit.SECONDS);
    }

    @AfterAll
    void stop() throws InterruptedException {
        children.close();
        mongo.close();
    }

    @Test
    void anArticleServiceKilledDuringABurstOfPublishesAndEditsLosesNoChangeToArticleLifecycle() throws Exception {
        String categoryId = createCategory("crash-news-" + run, null);
        RestClient articles = admin(articleService);
        // article-service learns the category from category-changed: wait until a draft in it is accepted.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> create(articles, categoryId, "warm-up").getStatusCode().is2xxSuccessful());

        Map<String, List<Long>> acknowledged = new ConcurrentHashMap<>();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger changes = new AtomicInteger();
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < ARTICLES; i++) {
                    JsonNode created = create(articles, categoryId, "文章 " + i).getBody();
                    String id = created.get("id").asString();
                    ids.add(id);
                    JsonNode published = articles.post().uri("/api/editorial/articles/{id}/publish", id).retrieve()
                            .body(JsonNode.class);
                    acknowledged.computeIfAbsent(id, k -> new ArrayList<>()).add(published.get("revision").asLong());
                    changes.incrementAndGet();
                    for (int edit = 1; edit <= 2; edit++) {
                        ResponseEntity<JsonNode> current = articles.get().uri("/api/editorial/articles/{id}", id)
                                .retrieve().toEntity(JsonNode.class);
                        JsonNode edited = articles.put().uri("/api/editorial/articles/{id}", id)
                                .header(HttpHeaders.IF_MATCH, current.getHeaders().getETag())
                                .contentType(MediaType.APPLICATION_JSON)
                                .body(draft(categoryId, "文章 " + i + " 第" + edit + "版")).retrieve().body(JsonNode.class);
                        acknowledged.get(id).add(edited.get("revision").asLong());
                        changes.incrementAndGet();
                    }
                }
            } catch (RuntimeException connectionLost) {
                // the kill: the request in flight may or may not have been stored
            }
        });
        await().atMost(Duration.ofSeconds(120)).until(() -> changes.get() >= 10 || burst.isDone());
        // From here the broker refuses every record on article-lifecycle, so the changes that follow are stored and
        // acknowledged but not sent when the kill lands. Without this the relay sends each change within
        // milliseconds of its write, the kill found nothing pending, and the test proved only the happy path.
        long refusedFrom = changes.get();
        lifecycleRecordLimit("1");
        long pendingAtKill;
        try {
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> (changes.get() >= refusedFrom + 10 && pendingEvents() > 0) || burst.isDone());
            ChildServices.kill(articleService);
            burst.get(60, TimeUnit.SECONDS);
            pendingAtKill = pendingEvents();
        } finally {
            lifecycleRecordLimit(null);
        }
        assertThat(ids).as("killed during the burst").hasSizeLessThan(ARTICLES);
        assertThat(pendingAtKill).as("events stored but not sent at the kill").isPositive();

        articleService = children.start("article-service", "crash-article-service", articlePort, articleEnv);
        RestClient restarted = admin(articleService);
        await().atMost(Duration.ofSeconds(60)).until(() -> pendingEvents() == 0);

        // Everything stored — acknowledged or not — as article-service now sees it.
        Map<String, JsonNode> stored = new TreeMap<>();
        for (String id : ids) {
            stored.put(id, restarted.get().uri("/api/editorial/articles/{id}", id).retrieve().body(JsonNode.class));
        }
        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            probe.awaitCount(r -> ids.contains(r.key()), stored.values().stream()
                    .mapToInt(a -> (int) a.get("revision").asLong()).sum());
            Map<String, List<ConsumerRecord<String, String>>> byArticle = new LinkedHashMap<>();
            for (ConsumerRecord<String, String> r : probe.receivedOnceQuiet()) {
                if (ids.contains(r.key())) {
                    byArticle.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
                }
            }
            int duplicates = 0;
            for (Map.Entry<String, JsonNode> article : stored.entrySet()) {
                long revision = article.getValue().get("revision").asLong();
                List<ConsumerRecord<String, String>> events = byArticle.getOrDefault(article.getKey(), List.of());
                List<Long> revisions = events.stream().map(EditorialCrashTests::revisionOf).toList();
                // Every revision from the first publication to the stored one, in order; a repeat only directly
                // after itself and as the very same event (a send whose acknowledgement the kill cut off).
                assertThat(revisions.stream().distinct().toList()).as("article %s", article.getKey())
                        .isEqualTo(java.util.stream.LongStream.rangeClosed(1, revision).boxed().toList());
                assertThat(revisions).as("article %s in order", article.getKey()).isSorted();
                Map<Long, String> idByRevision = new HashMap<>();
                for (ConsumerRecord<String, String> event : events) {
                    String ceId = TopicProbe.header(event, CloudEventHeaders.ID);
                    String earlier = idByRevision.putIfAbsent(revisionOf(event), ceId);
                    if (earlier != null) {
                        assertThat(ceId).as("a repeat is the same event").isEqualTo(earlier);
                        duplicates++;
                    }
                }
                assertThat(acknowledged.getOrDefault(article.getKey(), List.of())).as("acknowledged changes")
                        .allSatisfy(r -> assertThat(revisions).contains(r));
            }
            System.out.printf("article-service crash: %d changes acknowledged, %d events pending at the kill, "
                    + "%d repeated after the restart%n", changes.get(), pendingAtKill, duplicates);
        }

        // category-service's listing, built from those events, is exactly the published articles as stored.
        RestClient categories = RestClient.create(categoryService.url());
        Map<String, String> expected = new TreeMap<>();
        stored.forEach((id, a) -> {
            if ("PUBLISHED".equals(a.get("status").asString())) {
                expected.put(id, a.get("title").asString());
            }
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode listing = categories.get().uri("/api/categories/{id}/articles?size=100", categoryId).retrieve()
                    .body(JsonNode.class);
            Map<String, String> listed = new TreeMap<>();
            listing.get("items").forEach(item -> {
                if (ids.contains(item.get("articleId").asString())) {
                    listed.put(item.get("articleId").asString(), item.get("title").asString());
                }
            });
            assertThat(listed).isEqualTo(expected);
        });
    }

    @Test
    void aCategoryServiceKilledDuringASubtreeMoveFinishesTheMoveAfterARestart() throws Exception {
        String from = createCategory("crash-from-" + run, null);
        String to = createCategory("crash-to-" + run, null);
        String moved = createCategory("crash-moved-" + run, from);
        List<String> descendants = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String child = createCategory("crash-c" + i + "-" + run, moved);
            descendants.add(child);
            for (int j = 0; j < 10; j++) {
                descendants.add(createCategory("crash-c" + i + "-" + j + "-" + run, child));
            }
        }

        RestClient categories = admin(categoryService);
        CompletableFuture<Void> move = CompletableFuture.runAsync(() -> {
            try {
                categories.post().uri("/api/categories/{id}/move", moved).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("parentId", to)).retrieve().toBodilessEntity();
            } catch (RuntimeException connectionLost) {
                // the kill
            }
        });
        // Kill the moment the moved category carries its marker: its descendants' paths are being rewritten.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2))
                .until(() -> categoryDoc(moved).get("moving") != null || move.isDone());
        ChildServices.kill(categoryService);
        move.get(30, TimeUnit.SECONDS);
        long stale = descendants.stream().filter(id -> !categoryDoc(id).getList("path", String.class).contains(to))
                .count();
        assertThat(categoryDoc(moved).get("moving")).as("killed during the move, its marker still there")
                .isNotNull();

        categoryService = children.start("category-service", "crash-category-service", categoryPort, categoryEnv);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(categoryDoc(moved).get("moving")).isNull();
            for (String id : descendants) {
                Document doc = categoryDoc(id);
                List<String> parentPath = categoryDoc(doc.getString("parentId")).getList("path", String.class);
                List<String> expectedPath = new ArrayList<>(parentPath);
                expectedPath.add(id);
                assertThat(doc.getList("path", String.class)).as("path of %s", id).isEqualTo(expectedPath);
            }
        });
        JsonNode breadcrumb = RestClient.create(categoryService.url()).get()
                .uri("/api/categories/{id}/breadcrumb", descendants.get(descendants.size() - 1)).retrieve()
                .body(JsonNode.class);
        assertThat(breadcrumb.toString()).contains("crash-to-" + run).doesNotContain("crash-from-" + run);
        System.out.printf("category-service crash: %d of %d descendant paths were stale at the kill%n", stale,
                descendants.size());
    }

    private Document categoryDoc(String id) {
        return mongo.getDatabase(categoryDb).getCollection("categories").find(Filters.eq("_id", id)).first();
    }

    /**
     * Sets (or, with null, removes) article-lifecycle's {@code max.message.bytes} on the in-process broker: "1" makes
     * it refuse every record, as a broker that cannot take writes would, while consumers keep reading.
     */
    private static void lifecycleRecordLimit(String bytes) throws Exception {
        ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.ARTICLE_LIFECYCLE);
        AlterConfigOp op = bytes == null
                ? new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, ""), AlterConfigOp.OpType.DELETE)
                : new AlterConfigOp(new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes), AlterConfigOp.OpType.SET);
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                newsroom.testing.InProcessInfrastructure.kafkaBootstrapServers()))) {
            admin.incrementalAlterConfigs(Map.of(topic, List.of(op))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private long pendingEvents() {
        long pending = 0;
        for (Document article : mongo.getDatabase(articleDb).getCollection("articles").find()) {
            pending += article.getList("outbox", Object.class, List.of()).size();
        }
        return pending;
    }

    private String createCategory(String slug, String parentId) {
        Map<String, Object> body = new HashMap<>(Map.of("name", slug, "slug", slug, "sortOrder", 10));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        return admin(categoryService).post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(JsonNode.class).get("id").asString();
    }

    private static ResponseEntity<JsonNode> create(RestClient articles, String categoryId, String title) {
        return articles.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON)
                .body(draft(categoryId, title)).retrieve().toEntity(JsonNode.class);
    }

    private static Map<String, Object> draft(String categoryId, String title) {
        return Map.of("title", title, "summary", "崩溃测试", "body", "<p>正文</p>", "source", "system-tests",
                "categoryId", categoryId);
    }

    private static long revisionOf(ConsumerRecord<String, String> event) {
        return JSON.readTree(event.value()).get("revision").asLong();
    }

    private static RestClient admin(ServiceProcess service) {
        return RestClient.builder().baseUrl(service.url())
                .defaultHeaders(h -> h.setBasicAuth("admin", RunningSystem.ADMIN_PASSWORD)).build();
    }
}
