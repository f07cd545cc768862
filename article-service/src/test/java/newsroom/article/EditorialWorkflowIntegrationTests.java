package newsroom.article;

import static newsroom.article.Newsroom.action;
import static newsroom.article.Newsroom.create;
import static newsroom.article.Newsroom.createId;
import static newsroom.article.Newsroom.draft;
import static newsroom.article.Newsroom.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import newsroom.article.categories.CategoryReplica;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@InProcessInfrastructureTest
class EditorialWorkflowIntegrationTests {

    static final String NEWS = "9200";
    static final String PARK = "9201";
    static final String EVENTS = "9202";

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    RestClient writer;
    RestClient otherWriter;
    RestClient editor;
    RestClient anyone;

    @BeforeEach
    void setUp() {
        writer = Newsroom.writer(port);
        otherWriter = Newsroom.otherWriter(port);
        editor = Newsroom.editor(port);
        anyone = Newsroom.anonymous(port);
        Newsroom.category(replica, NEWS, "新闻中心", NEWS);
        Newsroom.category(replica, PARK, "园区规划", NEWS, PARK);
        Newsroom.category(replica, EVENTS, "园区活动", NEWS, EVENTS);
    }

    @Test
    void aWritersDraftGoesThroughReviewIsRejectedWithANoteRevisedAndApprovedIntoPublication() {
        String id = createId(writer, draft(PARK, Map.of("title", "初稿")));
        assertThat(Newsroom.get(writer, id).getBody().get("createdBy").asText()).isEqualTo("writer");

        var submitted = action(writer, id, "submit");
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(submitted.getBody().get("status").asText()).isEqualTo("IN_REVIEW");

        JsonNode queue = editor.get().uri("/api/editorial/articles?status=IN_REVIEW&size=100").retrieve()
                .body(JsonNode.class);
        assertThat(queue.get("items").findValuesAsString("id")).contains(id);

        var rejected = action(editor, id, "reject", Map.of("note", "请补充数据来源"));
        assertThat(rejected.getBody().get("status").asText()).isEqualTo("DRAFT");
        assertThat(rejected.getBody().get("reviewNote").asText()).isEqualTo("请补充数据来源");
        assertThat(rejected.getBody().get("reviewedBy").asText()).isEqualTo("editor");

        var revised = Newsroom.update(writer, id, draft(PARK, Map.of("title", "修改稿", "source", "苏州工业园区管委会")));
        assertThat(revised.getStatusCode()).isEqualTo(HttpStatus.OK);
        action(writer, id, "submit");

        var approved = action(editor, id, "approve", Map.of("note", "好"));
        assertThat(approved.getBody().get("status").asText()).isEqualTo("PUBLISHED");
        assertThat(read(anyone, id).getBody().get("title").asText()).isEqualTo("修改稿");
    }

    @Test
    void transitionsTheWorkflowDoesNotAllowAreConflictsNamingTheStatus() {
        String id = createId(editor, draft(PARK, Map.of()));
        assertConflict(action(editor, id, "approve"));
        assertConflict(action(editor, id, "reject", Map.of("note", "x")));
        assertConflict(action(editor, id, "unpublish"));
        assertConflict(action(editor, id, "unschedule"));

        action(editor, id, "publish");
        assertConflict(action(editor, id, "publish"));
        assertConflict(action(editor, id, "submit"));
        assertConflict(action(editor, id, "schedule", Map.of("publishAt", Newsroom.later())));

        action(editor, id, "unpublish");
        assertConflict(action(editor, id, "unpublish"));
    }

    private static void assertConflict(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors").get(0).get("field").asText()).isEqualTo("status");
    }

    @Test
    void writersWorkOnlyOnTheirOwnDraftsAndCannotPublish() {
        String mine = createId(writer, draft(PARK, Map.of()));
        String theirs = createId(otherWriter, draft(PARK, Map.of()));

        assertForbidden(Newsroom.get(writer, theirs));
        assertForbidden(Newsroom.update(writer, theirs, draft(PARK, Map.of("title", "改别人的稿"))));
        assertForbidden(action(writer, theirs, "submit"));
        assertForbidden(action(writer, mine, "publish"));
        assertForbidden(action(writer, mine, "schedule", Map.of("publishAt", Newsroom.later())));

        JsonNode listed = writer.get().uri("/api/editorial/articles?size=100").retrieve().body(JsonNode.class);
        assertThat(listed.get("items").findValuesAsString("createdBy")).containsOnly("writer");
        assertThat(listed.get("items").findValuesAsString("id")).contains(mine).doesNotContain(theirs);

        JsonNode myDrafts = writer.get().uri("/api/editorial/articles?status=DRAFT&createdBy=me").retrieve()
                .body(JsonNode.class);
        assertThat(myDrafts.get("items").findValuesAsString("status")).containsOnly("DRAFT");

        action(writer, mine, "submit");
        var lockedInReview = Newsroom.update(writer, mine, draft(PARK, Map.of("title", "审稿中再改")));
        assertThat(lockedInReview.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // Editors edit anything, in any state.
        assertThat(Newsroom.update(editor, theirs, draft(PARK, Map.of("title", "编辑改过"))).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private static void assertForbidden(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void editingAPublishedArticleIsANewRevisionAnnouncedAsUpdatedAndAMoveChangesTheCategory() {
        String id = Newsroom.publish(editor, PARK, Map.of("title", "原标题"));
        var edited = Newsroom.update(editor, id, draft(PARK, Map.of("title", "新标题")));
        assertThat(edited.getBody().get("revision").asLong()).isEqualTo(2);
        var moved = Newsroom.update(editor, id, draft(EVENTS, Map.of("title", "新标题")));
        assertThat(moved.getBody().get("categoryPath").toString()).isEqualTo("[\"" + NEWS + "\",\"" + EVENTS + "\"]");
        assertThat(moved.getBody().get("categoryId").asText()).isEqualTo(EVENTS);

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            List<ConsumerRecord<String, String>> events = probe.awaitCount(r -> id.equals(r.key()), 3);
            assertThat(events).extracting(r -> TopicProbe.header(r, CloudEventHeaders.TYPE)).containsExactly(
                    "newsroom.article.published.v1", "newsroom.article.updated.v1", "newsroom.article.updated.v1");
            assertThat(events.get(1).value()).contains("\"revision\":2").contains("\"title\":\"新标题\"");
            assertThat(events.get(2).value()).contains("\"revision\":3")
                    .contains("\"categoryId\":\"" + EVENTS + "\"")
                    .contains("\"categoryPath\":[\"" + NEWS + "\",\"" + EVENTS + "\"]");
        }
        assertThat(read(anyone, id).getBody().get("categoryId").asText()).isEqualTo(EVENTS);
    }

    @Test
    void unpublishingHidesTheArticleFromReadersAndAnnouncesIt() {
        String id = Newsroom.publish(editor, PARK, Map.of());
        assertThat(read(anyone, id).getStatusCode()).isEqualTo(HttpStatus.OK);

        var unpublished = action(editor, id, "unpublish");
        assertThat(unpublished.getBody().get("status").asText()).isEqualTo("UNPUBLISHED");
        assertThat(read(anyone, id).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

        try (TopicProbe probe = new TopicProbe(Topics.ARTICLE_LIFECYCLE)) {
            ConsumerRecord<String, String> event = probe.awaitRecord(r -> id.equals(r.key())
                    && "newsroom.article.unpublished.v1".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)));
            assertThat(event.value()).contains("\"revision\":2").contains("\"categoryId\":\"" + PARK + "\"");
        }
    }

    @Test
    void readersNeverSeeDraftsArticlesInReviewScheduledOrUnpublishedOnes() {
        String draft = createId(editor, draft(PARK, Map.of()));
        String inReview = createId(writer, draft(PARK, Map.of()));
        action(writer, inReview, "submit");
        String scheduled = createId(editor, draft(PARK, Map.of()));
        assertThat(action(editor, scheduled, "schedule", Map.of("publishAt", Newsroom.later())).getBody()
                .get("status").asText()).isEqualTo("SCHEDULED");
        String unpublished = Newsroom.publish(editor, PARK, Map.of());
        action(editor, unpublished, "unpublish");

        for (String id : List.of(draft, inReview, scheduled, unpublished)) {
            assertThat(read(anyone, id).getStatusCode()).as(id).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(anyone.get().uri("/api/articles/{id}/related", id).retrieve().toBodilessEntity()
                    .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void editorialCallsNeedSignInAndTheRightRoleAnsweredAsProblems() {
        var unauthenticated = create(anyone, draft(PARK, Map.of()));
        assertThat(unauthenticated.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(unauthenticated.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unauthenticated.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(unauthenticated.getBody().get("status").asInt()).isEqualTo(401);

        var wrongPassword = create(Newsroom.as(port, "editor", "wrong-password"), draft(PARK, Map.of()));
        assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(wrongPassword.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

        var writerAsAdmin = writer.get().uri("/api/admin/users").retrieve().toEntity(JsonNode.class);
        assertThat(writerAsAdmin.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(writerAsAdmin.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(editor.get().uri("/api/admin/users").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
    }
}
