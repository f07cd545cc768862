package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Autosave: many writes of the working copy, no revision each; the next save records one revision of what they
 * collapsed into. The ETag still tells an editor that someone else saved meanwhile; published articles only change
 * by explicit saves.
 */
class AutosaveIntegrationTests extends ArticleServiceIntegrationTest {

    static final String CATEGORY = "9950";

    RestClient writer;

    @BeforeEach
    void category() {
        Newsroom.category(replica, CATEGORY, "自动保存", CATEGORY);
        writer = Newsroom.writer(port);
    }

    static ResponseEntity<JsonNode> autosave(RestClient as, String id, String etag, String body) {
        return as.put().uri("/api/editorial/articles/{id}/autosave", id).header(HttpHeaders.IF_MATCH, etag)
                .contentType(MediaType.APPLICATION_JSON).body(Newsroom.draft(CATEGORY, Map.of("body", body)))
                .retrieve().toEntity(JsonNode.class);
    }

    int revisions(String id) {
        return editor.get().uri("/api/editorial/articles/{id}/revisions", id).retrieve().body(JsonNode.class).size();
    }

    @Test
    void autosavesCollapseIntoTheWorkingCopyAndTheNextSaveRecordsOneRevision() {
        String id = Newsroom.createId(writer, Newsroom.draft(CATEGORY, Map.of()));
        String etag = Newsroom.get(writer, id).getHeaders().getETag();
        int before = revisions(id);

        for (String text : new String[] {"<p>园</p>", "<p>园区</p>", "<p>园区建设</p>"}) {
            ResponseEntity<JsonNode> saved = autosave(writer, id, etag, text);
            assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(saved.getHeaders().getETag()).isNotEqualTo(etag);
            assertThat(saved.getBody().get("autosavedAt").isNull()).isFalse();
            etag = saved.getHeaders().getETag();
        }
        JsonNode working = Newsroom.get(writer, id).getBody();
        assertThat(working.get("body").asString()).isEqualTo("<p>园区建设</p>");
        assertThat(working.get("lastAction").asString()).isEqualTo("AUTOSAVED");
        assertThat(revisions(id)).as("autosaves make no revision").isEqualTo(before);

        // The explicit save of the same content still records it, once.
        ResponseEntity<JsonNode> saved = writer.put().uri("/api/editorial/articles/{id}", id)
                .header(HttpHeaders.IF_MATCH, etag).contentType(MediaType.APPLICATION_JSON)
                .body(Newsroom.draft(CATEGORY, Map.of("body", "<p>园区建设</p>"))).retrieve().toEntity(JsonNode.class);
        assertThat(saved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(saved.getBody().get("autosavedAt").isNull()).isTrue();
        assertThat(revisions(id)).isEqualTo(before + 1);
        JsonNode head = editor.get().uri("/api/editorial/articles/{id}/revisions", id).retrieve()
                .body(JsonNode.class).get(0);
        assertThat(head.get("version").asLong()).isEqualTo(saved.getBody().get("version").asLong());
        assertThat(editor.get().uri("/api/editorial/articles/{id}/revisions/{v}", id, head.get("version").asLong())
                .retrieve().body(JsonNode.class).get("body").asString()).isEqualTo("<p>园区建设</p>");
    }

    @Test
    void anAutosaveAfterSomeoneElseSavedIsRefusedWith412() {
        String id = Newsroom.createId(writer, Newsroom.draft(CATEGORY, Map.of()));
        String stale = Newsroom.get(writer, id).getHeaders().getETag();
        assertThat(Newsroom.update(editor, id, Newsroom.draft(CATEGORY, Map.of("body", "<p>编辑改过</p>")))
                .getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<JsonNode> refused = autosave(writer, id, stale, "<p>我的版本</p>");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(Newsroom.get(writer, id).getBody().get("body").asString()).isEqualTo("<p>编辑改过</p>");
        assertThat(writer.put().uri("/api/editorial/articles/{id}/autosave", id)
                .contentType(MediaType.APPLICATION_JSON).body(Newsroom.draft(CATEGORY, Map.of()))
                .retrieve().toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
    }

    @Test
    void aPublishedArticleIsNotAutosaved() {
        String id = Newsroom.publish(editor, CATEGORY, Map.of());
        String etag = Newsroom.get(editor, id).getHeaders().getETag();

        ResponseEntity<JsonNode> refused = autosave(editor, id, etag, "<p>半句话</p>");

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(Newsroom.read(anyone, id).getBody().get("body").asString()).doesNotContain("半句话");
    }
}
