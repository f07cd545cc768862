package newsroom.article;

import static newsroom.article.Newsroom.action;
import static newsroom.article.Newsroom.createId;
import static newsroom.article.Newsroom.draft;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import newsroom.article.categories.CategoryReplica;
import newsroom.article.editorial.Article;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@InProcessInfrastructureTest
class RevisionHistoryIntegrationTests {

    static final String CATEGORY = "9400";

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    @Autowired
    MongoTemplate mongo;

    RestClient editor;

    @BeforeEach
    void setUp() {
        editor = Newsroom.editor(port);
        Newsroom.category(replica, CATEGORY, "高新院新闻", CATEGORY);
    }

    JsonNode history(String id) {
        return editor.get().uri("/api/editorial/articles/{id}/revisions", id).retrieve().body(JsonNode.class);
    }

    @Test
    void everySaveIsARevisionListedNewestFirstWithWhoAndWhat() {
        String id = createId(Newsroom.writer(port), draft(CATEGORY, Map.of("title", "第一版")));
        Newsroom.update(Newsroom.writer(port), id, draft(CATEGORY, Map.of("title", "第二版")));
        action(Newsroom.writer(port), id, "submit");
        action(editor, id, "approve");

        JsonNode history = history(id);
        assertThat(history.findValuesAsString("action"))
                .containsExactly("APPROVED", "SUBMITTED", "EDITED", "CREATED");
        assertThat(history.findValues("version")).extracting(JsonNode::asLong).containsExactly(3L, 2L, 1L, 0L);
        assertThat(history.findValuesAsString("savedBy")).containsExactly("editor", "writer", "writer", "writer");

        JsonNode first = editor.get().uri("/api/editorial/articles/{id}/revisions/0", id).retrieve()
                .body(JsonNode.class);
        assertThat(first.get("title").asText()).isEqualTo("第一版");
        assertThat(first.get("body").asText()).contains("制造业");
    }

    @Test
    void aDiffShowsTheChangedParagraphAndTitleLineByLine() {
        String id = createId(editor, draft(CATEGORY, Map.of("title", "园区规划", "body",
                "<p>第一段不变</p><p>第二段旧的</p><p>第三段不变</p>")));
        Newsroom.update(editor, id, draft(CATEGORY, Map.of("title", "园区规划（修订）", "body",
                "<p>第一段不变</p><p>第二段新的</p><p>第三段不变</p><p>新增第四段</p>")));

        JsonNode diff = editor.get().uri("/api/editorial/articles/{id}/revisions/diff?from=0&to=1", id).retrieve()
                .body(JsonNode.class);
        assertThat(diff.get("fields").findValuesAsString("field")).containsExactly("title", "body");
        JsonNode body = diff.get("fields").get(1);
        assertThat(body.get("changes").findValuesAsString("type")).containsExactly("CHANGE", "INSERT");
        assertThat(body.get("changes").get(0).get("fromLines").get(0).asText()).isEqualTo("<p>第二段旧的</p>");
        assertThat(body.get("changes").get(0).get("toLines").get(0).asText()).isEqualTo("<p>第二段新的</p>");
        assertThat(body.get("unified").asText()).contains("-<p>第二段旧的</p>").contains("+<p>第二段新的</p>")
                .contains("+<p>新增第四段</p>");

        JsonNode toCurrent = editor.get().uri("/api/editorial/articles/{id}/revisions/diff?from=0", id).retrieve()
                .body(JsonNode.class);
        assertThat(toCurrent.get("toVersion").asLong()).isEqualTo(1);
    }

    @Test
    void restoringAnOldVersionOfAPublishedArticleIsANewRevisionAndAnUpdatedEvent() {
        String id = Newsroom.publish(editor, CATEGORY, Map.of("title", "好标题"));
        Newsroom.update(editor, id, draft(CATEGORY, Map.of("title", "改坏了的标题")));
        long goodVersion = 1; // 0 created, 1 published, 2 edited

        var restored = editor.post().uri("/api/editorial/articles/{id}/revisions/{v}/restore", id, goodVersion)
                .retrieve().toEntity(JsonNode.class);
        assertThat(restored.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(restored.getBody().get("title").asText()).isEqualTo("好标题");
        assertThat(restored.getBody().get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(restored.getHeaders().getETag()).isEqualTo("\"3\"");
        assertThat(history(id).get(0).get("action").asText()).isEqualTo("RESTORED");
        assertThat(history(id).get(0).get("note").asText()).isEqualTo("restored version 1");
        assertThat(Newsroom.read(Newsroom.anonymous(port), id).getBody().get("title").asText()).isEqualTo("好标题");

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            assertThat(probe.awaitCount(r -> id.equals(r.key()), 3).get(2))
                    .satisfies(r -> assertThat(TopicProbe.header(r, CloudEventHeaders.TYPE))
                            .isEqualTo("newsroom.article.updated.v1"))
                    .satisfies(r -> assertThat(r.value()).contains("\"revision\":3").contains("好标题"));
        }
        var stale = editor.post().uri("/api/editorial/articles/{id}/revisions/0/restore", id)
                .header("If-Match", "\"1\"").retrieve().toEntity(JsonNode.class);
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
    }

    @Test
    void aSaveThatLostTheVersionRaceLeavesNoRevisionInTheHistory() {
        String id = createId(editor, draft(CATEGORY, Map.of("title", "原稿")));
        String etag = Newsroom.get(editor, id).getHeaders().getETag();
        Newsroom.update(editor, id, draft(CATEGORY, Map.of("title", "赢家")));
        var loser = editor.put().uri("/api/editorial/articles/{id}", id).header("If-Match", etag)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(draft(CATEGORY, Map.of("title", "输家"))).retrieve().toBodilessEntity();
        assertThat(loser.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(history(id).findValuesAsString("title")).containsExactly("赢家", "原稿");
    }

    @Test
    void unknownRevisionsAreNotFoundAndBadVersionsAreBadRequests() {
        String id = createId(editor, draft(CATEGORY, Map.of()));
        assertThat(editor.get().uri("/api/editorial/articles/{id}/revisions/99", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(editor.get().uri("/api/editorial/articles/{id}/revisions/abc", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(editor.get().uri("/api/editorial/articles/{id}/revisions/diff", id).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(editor.post().uri("/api/editorial/articles/{id}/revisions/42/restore", id).retrieve()
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void revisionsAreWrittenBeforeTheArticleAndNamedByVersionAndSave() {
        String id = createId(editor, draft(CATEGORY, Map.of()));
        Newsroom.update(editor, id, draft(CATEGORY, Map.of("title", "再存一次")));
        Article article = mongo.findById(id, Article.class);
        List<String> ids = mongo.find(Query.query(Criteria.where("articleId").is(id)), org.bson.Document.class,
                "article_revisions").stream().map(d -> d.getString("_id")).toList();
        assertThat(ids).contains(id + ":1:" + article.getSaveId()).hasSize(2);
    }
}
