package newsroom.article.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleRepository;
import newsroom.article.editorial.ArticleStatus;
import newsroom.article.search.internal.LuceneSearchIndex;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A replica's index against the store: a new index is built from it, a reopened one only takes what changed, and
 * what the store no longer publishes leaves the index — the start-up catch-up that makes up for events this replica
 * never saw.
 */
@InProcessInfrastructureTest
class SearchCatchUpIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    ArticleRepository articles;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    CategoryReplica replica;
    @Autowired
    SearchIndex liveIndex;
    @Autowired
    SearchIndexSync liveSync;

    @TempDir
    Path dir;

    @Test
    void aNewIndexIsBuiltFromTheStoreAndAReopenedOneOnlyCatchesUp() throws Exception {
        String category = "cu" + UUID.randomUUID().toString().substring(0, 8);
        TopicProbe.send(Topics.CATEGORY_CHANGED, category, """
                {"categoryId":"%s","revision":1,"change":"CREATED","name":"补课","slug":"c-%s","path":["%s"],
                 "sortOrder":1,"hidden":false,"deleted":false,"occurredAt":"2024-01-01T00:00:00Z"}
                """.formatted(category, category, category), Map.of(CloudEventHeaders.TYPE, "newsroom.category.changed.v1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> replica.usable(category).isPresent());
        RestClient editor = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("editor", "newsroom-editor")).build();
        String published = create(editor, category, "补课发布");
        editor.post().uri("/api/editorial/articles/{id}/publish", published).retrieve().toBodilessEntity();
        String draft = create(editor, category, "补课草稿");

        Duration stale = Duration.ofMillis(10);
        try (LuceneSearchIndex fresh = new LuceneSearchIndex(dir, stale, Duration.ofHours(1))) {
            SearchIndexSync.CatchUp built = new SearchIndexSync(fresh, articles, mongo).catchUp();
            long inStore = mongo.count(query(where("status").is(ArticleStatus.PUBLISHED)), Article.class);
            assertThat(built.indexed()).isEqualTo(inStore);
            await().atMost(Duration.ofSeconds(5)).until(() -> fresh.size() == inStore);
            assertThat(ids(fresh, "补课", category)).containsExactly(published).doesNotContain(draft);
        }
        try (LuceneSearchIndex reopened = new LuceneSearchIndex(dir, stale, Duration.ofHours(1))) {
            SearchIndexSync sync = new SearchIndexSync(reopened, articles, mongo);
            editor.post().uri("/api/editorial/articles/{id}/unpublish", published).retrieve().toBodilessEntity();
            SearchIndexSync.CatchUp caughtUp = sync.catchUp();
            assertThat(caughtUp.indexed()).as("only what changed since the index was written").isZero();
            assertThat(caughtUp.removed()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> ids(reopened, "补课", category).isEmpty());
        }
    }

    @Test
    void whatTheStoreDoesNotPublishLeavesTheLiveIndex() {
        String ghost = "ghost-" + UUID.randomUUID();
        liveIndex.upsert(new SearchDocument(ghost, 1, "幽灵文章 zqghost", "", "", List.of(), "", null, "x",
                List.of("x"), Instant.now()));
        await().atMost(Duration.ofSeconds(5)).until(() -> ids(liveIndex, "zqghost", "x").contains(ghost));

        liveSync.catchUp();
        await().atMost(Duration.ofSeconds(5)).until(() -> ids(liveIndex, "zqghost", "x").isEmpty());
    }

    private static String create(RestClient editor, String category, String title) {
        return editor.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", title, "summary", "摘要", "body", "<p>正文</p>", "categoryId", category))
                .retrieve().body(JsonNode.class).get("id").asText();
    }

    private static List<String> ids(SearchIndex index, String q, String category) {
        return index.search(new SearchRequest(SearchQuery.parse(q), category, 10, null)).items().stream()
                .map(SearchResults.Hit::id).toList();
    }
}
