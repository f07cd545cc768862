package newsroom.article;

import static newsroom.article.Newsroom.createId;
import static newsroom.article.Newsroom.draft;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import newsroom.article.categories.CategoryReplica;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Two editors, one article: updates need the version they read (ETag / If-Match). */
@InProcessInfrastructureTest
class ConcurrentEditingIntegrationTests {

    static final String CATEGORY = "9300";

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    RestClient editor;

    @BeforeEach
    void setUp() {
        editor = Newsroom.editor(port);
        Newsroom.category(replica, CATEGORY, "政策法规", CATEGORY);
    }

    ResponseEntity<JsonNode> put(String id, String ifMatch, Map<String, Object> draft) {
        var request = editor.put().uri("/api/editorial/articles/{id}", id).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, ifMatch);
        }
        return request.body(draft).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void theEtagIsTheVersionAndEveryResponseCarriesIt() {
        var created = Newsroom.create(editor, draft(CATEGORY, Map.of()));
        assertThat(created.getHeaders().getETag()).isEqualTo("\"0\"");
        String id = created.getBody().get("id").asText();
        var updated = put(id, "\"0\"", draft(CATEGORY, Map.of("title", "第二版")));
        assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(updated.getHeaders().getETag()).isEqualTo("\"1\"");
        assertThat(updated.getBody().get("version").asLong()).isEqualTo(1);
        assertThat(Newsroom.get(editor, id).getHeaders().getETag()).isEqualTo("\"1\"");
    }

    @Test
    void anUpdateWithoutIfMatchIsRefusedWith428() {
        String id = createId(editor, draft(CATEGORY, Map.of()));
        var refused = put(id, null, draft(CATEGORY, Map.of("title", "盲改")));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_REQUIRED);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("If-Match");
        assertThat(Newsroom.get(editor, id).getBody().get("title").asText()).isNotEqualTo("盲改");
    }

    @Test
    void theSecondOfTwoEditorsWhoReadTheSameVersionGets412AndOverwritesNothing() {
        String id = createId(editor, draft(CATEGORY, Map.of()));
        String etagBothRead = Newsroom.get(editor, id).getHeaders().getETag();

        var first = put(id, etagBothRead, draft(CATEGORY, Map.of("title", "编辑甲的标题")));
        var second = put(id, etagBothRead, draft(CATEGORY, Map.of("title", "编辑乙的标题")));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(second.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Newsroom.get(editor, id).getBody().get("title").asText()).isEqualTo("编辑甲的标题");

        assertThat(put(id, "W/" + first.getHeaders().getETag(), draft(CATEGORY, Map.of())).getStatusCode())
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(put(id, "\"not-a-version\"", draft(CATEGORY, Map.of())).getStatusCode())
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
    }

    @Test
    void aStaleIfMatchOnAWorkflowActionIs412Too() {
        String id = createId(editor, draft(CATEGORY, Map.of()));
        Newsroom.update(editor, id, draft(CATEGORY, Map.of("title", "改过")));
        var stale = editor.post().uri("/api/editorial/articles/{id}/publish", id).header(HttpHeaders.IF_MATCH, "\"0\"")
                .retrieve().toEntity(JsonNode.class);
        assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(Newsroom.get(editor, id).getBody().get("status").asText()).isEqualTo("DRAFT");
    }
}
