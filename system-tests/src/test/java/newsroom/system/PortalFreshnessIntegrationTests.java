package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsroom.testing.InProcessInfrastructure;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The portal keeps rendered pages, yet a change made through the services' APIs is on its pages within a second:
 * publish, edit, unpublish (404), category rename, move and hide. Each bound is measured from the API's response,
 * with the page rendered and kept before the change (so a stale kept page would fail), through the services and the
 * portal running together on the in-process broker. Every measured delay is logged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalFreshnessIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(PortalFreshnessIntegrationTests.class);
    private static final Duration FRESH = Duration.ofSeconds(1);
    private static final Duration WARM_UP = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<Long> delays = new ArrayList<>();
    private RunningSystem system;
    private String portal;
    private String rootId;
    private String otherId;

    @BeforeAll
    void startTheSystemAndWarmThePortalUp() {
        system = new RunningSystem(InProcessInfrastructure.kafkaBootstrapServers(),
                InProcessInfrastructure.mongo().getConnectionString());
        portal = system.startPortal();
        rootId = category("新闻中心", null);
        otherId = category("产业规划", rootId);
        String parkId = category("园区规划", rootId);
        // The first change also waits for the portal's consumers to be assigned and for everything to be warm.
        String first = draft("预热文章", parkId);
        publish(first);
        await().atMost(WARM_UP).untilAsserted(() -> {
            assertThat(page("/articles/" + first).statusCode()).isEqualTo(200);
            assertThat(titlesOn("/categories/" + parkId)).contains("预热文章");
        });
        String second = draft("预热文章二", parkId);
        publish(second);
        await().atMost(WARM_UP).untilAsserted(() ->
                assertThat(titlesOn("/categories/" + parkId)).contains("预热文章二"));
    }

    @AfterAll
    void stopEverything() {
        log.info("Portal freshness: delays from the API's answer to the page showing the change (ms): {}", delays);
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aPublishedArticleIsOnItsPageAndItsCategoryPageWithinASecond() {
        String categoryId = category("科技创新", rootId);
        String id = draft("新发布的文章", categoryId);
        assertThat(page("/articles/" + id).statusCode()).isEqualTo(404);
        keep("/categories/" + categoryId);

        publish(id);

        within("publish", () -> {
            assertThat(titleOf("/articles/" + id)).isEqualTo("新发布的文章");
            assertThat(titlesOn("/categories/" + categoryId)).containsExactly("新发布的文章");
            assertThat(titlesOn("/")).contains("新发布的文章");
        });
    }

    @Test
    void everyEditIsOnTheArticlePageWithinASecond() {
        String categoryId = category("行业洞见", rootId);
        String id = draft("修改前", categoryId);
        publishAndAwait(id);
        for (int edit = 1; edit <= 5; edit++) {
            keep("/articles/" + id);
            String title = "第" + edit + "次修改";

            edit(id, title);

            within("edit " + edit, () -> assertThat(titleOf("/articles/" + id)).isEqualTo(title));
        }
    }

    @Test
    void anUnpublishedArticlesPageIsA404WithinASecond() {
        String categoryId = category("政策解读", rootId);
        String id = draft("将被撤下", categoryId);
        publishAndAwait(id);
        keep("/articles/" + id);
        keep("/categories/" + categoryId);

        assertThat(system.articles.post().uri("/api/editorial/articles/{id}/unpublish", id).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);

        within("unpublish", () -> {
            assertThat(page("/articles/" + id).statusCode()).isEqualTo(404);
            assertThat(titlesOn("/categories/" + categoryId)).doesNotContain("将被撤下");
        });
    }

    @Test
    void aCategoryRenameMoveAndHideAreOnThePagesWithinASecond() {
        String categoryId = category("智慧城市", rootId);
        String id = draft("栏目变化", categoryId);
        publishAndAwait(id);

        keep("/articles/" + id);
        changeCategory(categoryId, "", Map.of("name", "智慧城市案例"));
        within("rename", () -> assertThat(breadcrumbOf("/articles/" + id))
                .containsExactly("主页", "新闻中心", "智慧城市案例"));

        keep("/articles/" + id);
        changeCategory(categoryId, "/move", Map.of("parentId", otherId));
        within("move", () -> assertThat(breadcrumbOf("/articles/" + id))
                .containsExactly("主页", "新闻中心", "产业规划", "智慧城市案例"));

        keep("/categories/" + categoryId);
        changeCategory(categoryId, "", Map.of("hidden", true));
        within("hide", () -> assertThat(page("/categories/" + categoryId).statusCode()).isEqualTo(404));
    }

    /** Asserts that the page shows the change within a second of the API's answer, and records how long it took. */
    private void within(String change, Runnable assertion) {
        long started = System.nanoTime();
        await(change).atMost(FRESH).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                .untilAsserted(assertion::run);
        long millis = (System.nanoTime() - started) / 1_000_000;
        synchronized (delays) {
            delays.add(millis);
        }
        log.info("Portal freshness: {} visible after {} ms", change, millis);
    }

    /** Reads a page twice, so that it is rendered and kept before the change: a stale kept page would be served. */
    private void keep(String path) {
        assertThat(page(path).statusCode()).isEqualTo(200);
        assertThat(page(path).statusCode()).isEqualTo(200);
    }

    private String category(String name, String parentId) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", name,
                "slug", "c" + System.nanoTime(), "sortOrder", 10));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        JsonNode created = system.categories.post().uri("/api/categories").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(JsonNode.class);
        return created.get("id").asString();
    }

    private void changeCategory(String id, String action, Map<String, Object> change) {
        var request = action.isEmpty() ? system.categories.patch().uri("/api/categories/{id}", id)
                : system.categories.post().uri("/api/categories/{id}" + action, id);
        assertThat(request.contentType(MediaType.APPLICATION_JSON).body(change).retrieve().toBodilessEntity()
                .getStatusCode().is2xxSuccessful()).isTrue();
    }

    /** A draft in the category (article-service learns a new category from category-changed: retried until then). */
    private String draft(String title, String categoryId) {
        String[] id = new String[1];
        await().atMost(WARM_UP).until(() -> {
            var created = system.articles.post().uri("/api/editorial/articles")
                    .contentType(MediaType.APPLICATION_JSON).body(article(title, categoryId))
                    .retrieve().toEntity(JsonNode.class);
            if (created.getStatusCode() == HttpStatus.CREATED) {
                id[0] = created.getBody().get("id").asString();
                return true;
            }
            return false;
        });
        return id[0];
    }

    private static Map<String, Object> article(String title, String categoryId) {
        return Map.of("title", title, "summary", "摘要", "body", "<p>正文</p>", "source", "高新院 achie.org",
                "keywords", List.of("新鲜度"), "categoryId", categoryId);
    }

    private void publish(String id) {
        assertThat(system.articles.post().uri("/api/editorial/articles/{id}/publish", id).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    private void publishAndAwait(String id) {
        publish(id);
        await().atMost(WARM_UP).until(() -> page("/articles/" + id).statusCode() == 200);
    }

    private void edit(String id, String title) {
        var current = system.articles.get().uri("/api/editorial/articles/{id}", id).retrieve().toEntity(JsonNode.class);
        String categoryId = current.getBody().get("categoryId").asString();
        assertThat(system.articles.put().uri("/api/editorial/articles/{id}", id)
                .header("If-Match", current.getHeaders().getETag()).contentType(MediaType.APPLICATION_JSON)
                .body(article(title, categoryId)).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private String titleOf(String path) {
        HttpResponse<String> response = page(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return Jsoup.parse(response.body()).select("article h1").text();
    }

    private List<String> titlesOn(String path) {
        HttpResponse<String> response = page(path);
        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        return page.select(".listing li a, .teasers li a, .headline-item a").eachText();
    }

    private List<String> breadcrumbOf(String path) {
        HttpResponse<String> response = page(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return Jsoup.parse(response.body()).select("nav.breadcrumb a").eachText();
    }

    private HttpResponse<String> page(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(portal + path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
