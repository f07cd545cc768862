package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * The batch import (POST /api/editorial/imports): articles from another system enter the editorial write model and
 * leave on article-lifecycle like any publication; a re-import is idempotent, an interrupted one is finished, bad
 * items are reported one by one; old addresses resolve to the new ones.
 */
class ArticleImportIntegrationTests extends ArticleServiceIntegrationTest {

    static final String CATEGORY = "9901";

    @Autowired
    MongoTemplate mongo;

    /** A site name of its own per test, so tests share nothing through import records. */
    final String site = "www-" + UUID.randomUUID().toString().substring(0, 8) + ".example.org";

    static Map<String, Object> item(String sourceId, Map<String, Object> overrides) {
        Map<String, Object> item = new HashMap<>(Map.of(
                "sourceId", sourceId,
                "title", "打造数字经济时代产业创新集群,园区这么干!",
                "summary", "苏州市数字经济时代产业创新集群发展大会召开",
                "body", "<p>制造业是国民经济的主体</p><script>alert(1)</script>",
                "source", "高新院 achie.org",
                "keywords", List.of("数字经济", "产业创新集群"),
                "categoryId", CATEGORY,
                "status", "PUBLISHED",
                "originallyPublishedAt", "2022-01-07T01:00:00Z",
                "clicks", 356));
        item.put("recommended", true);
        item.put("legacyPaths", List.of("/plus/view.php?aid=" + sourceId,
                "/a/news/park_planning/2022/0107/" + sourceId + ".html"));
        item.putAll(overrides);
        return item;
    }

    ResponseEntity<JsonNode> importItems(Object... items) {
        return editor.post().uri("/api/editorial/imports").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("system", "DedeCMS", "site", site, "items", List.of(items))).retrieve()
                .toEntity(JsonNode.class);
    }

    @Test
    void anImportedArticleIsPublishedAtItsOriginalDateAndAnnouncedWithItsOldClickCount() {
        Newsroom.category(replica, CATEGORY, "园区规划", "9900", CATEGORY);
        try (TopicProbe lifecycle = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            var answer = importItems(item("120", Map.of()), item("121", Map.of("status", "IN_REVIEW")));

            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(answer.getBody().get("created").asInt()).isEqualTo(2);
            assertThat(answer.getBody().get("eventsSent").asInt()).isEqualTo(1);
            String id = answer.getBody().get("items").get(0).get("articleId").asString();
            String inReview = answer.getBody().get("items").get(1).get("articleId").asString();

            JsonNode read = anyone.get().uri("/api/articles/{id}", id).retrieve().body(JsonNode.class);
            assertThat(read.get("publishedAt").asString()).isEqualTo("2022-01-07T01:00:00Z");
            assertThat(read.get("body").asString()).isEqualTo("<p>制造业是国民经济的主体</p>");
            assertThat(read.get("recommended").asBoolean()).isTrue();
            assertThat(anyone.get().uri("/api/articles/{id}", inReview).retrieve().toBodilessEntity()
                    .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            JsonNode editorial = Newsroom.get(editor, id).getBody();
            assertThat(editorial.get("createdBy").asString()).isEqualTo("editor");
            assertThat(editorial.get("lastAction").asString()).isEqualTo("IMPORTED");
            assertThat(Newsroom.get(editor, inReview).getBody().get("status").asString()).isEqualTo("IN_REVIEW");

            ConsumerRecord<String, String> event = lifecycle.awaitRecord(r -> id.equals(r.key()));
            assertThat(TopicProbe.header(event, "ce_type")).isEqualTo("newsroom.article.published.v1");
            assertThat(event.value()).contains("\"importedFrom\":{\"system\":\"DedeCMS\",\"site\":\"" + site
                    + "\",\"sourceId\":\"120\",\"clicks\":356}");
            assertThat(mongo.findById(id, Document.class, "articles").getList("outbox", Object.class)).isEmpty();
            assertThat(lifecycle.received()).noneMatch(r -> inReview.equals(r.key()));
        }
    }

    @Test
    void importingTheSameAgainChangesNothingAndAChangedArticleIsUpdated() {
        Newsroom.category(replica, CATEGORY, "园区规划", "9900", CATEGORY);
        String id = importItems(item("7", Map.of())).getBody().get("items").get(0).get("articleId").asString();
        long version = Newsroom.get(editor, id).getBody().get("version").asLong();

        var again = importItems(item("7", Map.of()));
        assertThat(again.getBody().get("unchanged").asInt()).isEqualTo(1);
        assertThat(again.getBody().get("items").get(0).get("articleId").asString()).isEqualTo(id);
        assertThat(Newsroom.get(editor, id).getBody().get("version").asLong()).isEqualTo(version);

        try (TopicProbe lifecycle = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            var changed = importItems(item("7", Map.of("title", "园区这么干(修订)")));
            assertThat(changed.getBody().get("updated").asInt()).isEqualTo(1);
            assertThat(Newsroom.get(editor, id).getBody().get("title").asString()).isEqualTo("园区这么干(修订)");
            ConsumerRecord<String, String> event = lifecycle.awaitRecord(
                    r -> id.equals(r.key()) && "newsroom.article.updated.v1".equals(TopicProbe.header(r, "ce_type")));
            assertThat(event.value()).contains("园区这么干(修订)");
        }
    }

    @Test
    void aRunThatDiedAfterItsRecordIsFinishedUnderTheSameIdByTheNextRun() {
        Newsroom.category(replica, CATEGORY, "园区规划", "9900", CATEGORY);
        String id = importItems(item("8", Map.of())).getBody().get("items").get(0).get("articleId").asString();
        // As if the process died after writing the record and before the article: the record names an article
        // that does not exist, and is still PENDING.
        mongo.remove(query(where("_id").is(id)), "articles");
        mongo.updateFirst(query(where("_id").is("dedecms:" + site + ":8")), new Update().set("state", "PENDING"),
                "article_imports");

        var resumed = importItems(item("8", Map.of()), item("9", Map.of()));

        assertThat(resumed.getBody().get("created").asInt()).isEqualTo(2);
        assertThat(resumed.getBody().get("items").get(0).get("articleId").asString()).isEqualTo(id);
        assertThat(Newsroom.read(anyone, id).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(importItems(item("8", Map.of()), item("9", Map.of())).getBody().get("unchanged").asInt())
                .isEqualTo(2);
    }

    @Test
    void badItemsAreReportedOneByOneAndTheRestIsImported() {
        Newsroom.category(replica, CATEGORY, "园区规划", "9900", CATEGORY);

        var answer = importItems(
                item("20", Map.of("title", "bad\u0007title")),
                item("21", Map.of("categoryId", "404404")),
                item("22", Map.of("body", "<script>alert(1)</script>")),
                item("23", Map.of("originallyPublishedAt", "2999-01-01T00:00:00Z")),
                item("24", Map.of()),
                item("24", Map.of()));

        JsonNode items = answer.getBody().get("items");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(items.get(0).get("outcome").asString()).isEqualTo("REJECTED");
        assertThat(items.get(0).get("field").asString()).isEqualTo("title");
        assertThat(items.get(1).get("outcome").asString()).isEqualTo("CATEGORY_UNKNOWN");
        assertThat(items.get(2).get("field").asString()).isEqualTo("body");
        assertThat(items.get(3).get("field").asString()).isEqualTo("originallyPublishedAt");
        assertThat(items.get(4).get("outcome").asString()).isEqualTo("CREATED");
        assertThat(items.get(5).get("field").asString()).isEqualTo("sourceId");
        assertThat(answer.getBody().get("created").asInt()).isEqualTo(1);
        assertThat(answer.getBody().get("rejected").asInt()).isEqualTo(5);
        assertThat(mongo.count(query(where("_id").regex("^dedecms:" + site.replace(".", "\\."))),
                "article_imports")).isEqualTo(1);
    }

    @Test
    void onlyEditorsImportAndABatchWithoutASiteIsABadRequest() {
        var writer = Newsroom.writer(port).post().uri("/api/editorial/imports").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("system", "DedeCMS", "site", site, "items", List.of(item("30", Map.of()))))
                .retrieve().toBodilessEntity();
        assertThat(writer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        var noSite = editor.post().uri("/api/editorial/imports").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("system", "DedeCMS", "items", List.of(item("30", Map.of())))).retrieve()
                .toEntity(JsonNode.class);
        assertThat(noSite.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(noSite.getBody().get("errors").get(0).get("field").asString()).isEqualTo("site");
    }

    @Test
    void oldAddressesOfArticlesAndCategoriesLeadToTheirNewOnes() {
        Newsroom.category(replica, CATEGORY, "园区规划", "9900", CATEGORY);
        String aid = String.valueOf(5000 + Math.abs(site.hashCode() % 1000));
        String id = importItems(item(aid, Map.of())).getBody().get("items").get(0).get("articleId").asString();
        var registered = editor.post().uri("/api/editorial/imports/category-addresses")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("system", "DedeCMS", "site", site,
                        "addresses", List.of(Map.of("path", "/a/news/park_planning-" + aid + "/", "categoryId",
                                CATEGORY), Map.of("path", "/plus/list.php?tid=" + aid, "categoryId", CATEGORY))))
                .retrieve().toEntity(JsonNode.class);
        assertThat(registered.getBody().get("registered").asInt()).isEqualTo(2);

        assertThat(resolve("/plus/view.php?aid=" + aid + "&pageno=2").get("location").asString())
                .isEqualTo("/articles/" + id);
        assertThat(resolve("/a/news/park_planning/2022/0107/" + aid + ".html").get("targetId").asString())
                .isEqualTo(id);
        assertThat(resolve("/a/news/park_planning-" + aid + "/index.html").get("location").asString())
                .isEqualTo("/categories/" + CATEGORY);
        assertThat(resolve("/a/news/park_planning-" + aid + "/list_" + aid + "_3.html").get("location").asString())
                .isEqualTo("/categories/" + CATEGORY);
        assertThat(anyone.get().uri("/api/articles/legacy-urls?path={p}", "/a/nowhere/1.html").retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        var unknownCategory = editor.post().uri("/api/editorial/imports/category-addresses")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("system", "DedeCMS", "site", site,
                        "addresses", List.of(Map.of("path", "/x/", "categoryId", "404404"))))
                .retrieve().toEntity(JsonNode.class);
        assertThat(unknownCategory.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(unknownCategory.getBody().get("errors").get(0).get("field").asString())
                .isEqualTo("addresses[0].categoryId");
    }

    @Test
    void aBatchOfManyArticlesIsImportedAndAnnouncedInOneRequest() {
        Newsroom.category(replica, CATEGORY, "园区规划", "9900", CATEGORY);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            items.add(item("b" + i, Map.of("title", "批量文章 " + i)));
        }
        try (TopicProbe lifecycle = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            var answer = importItems(items.toArray());

            assertThat(answer.getBody().get("created").asInt()).isEqualTo(300);
            assertThat(answer.getBody().get("eventsSent").asInt()).isEqualTo(300);
            List<String> ids = new ArrayList<>();
            answer.getBody().get("items").forEach(i -> ids.add(i.get("articleId").asString()));
            assertThat(lifecycle.awaitCount(r -> ids.contains(r.key()), 300)).hasSize(300);
        }
    }

    private JsonNode resolve(String path) {
        return anyone.get().uri("/api/articles/legacy-urls?path={p}", path).retrieve().body(JsonNode.class);
    }
}
