package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.RestClient;

class ImportedArticleDateIntegrationTests extends ArticleServiceIntegrationTest {

    static final String CATEGORY = "9871";

    @Test
    void anArticleMovedFromAnotherSiteKeepsTheDateItFirstAppearedOn() {
        Newsroom.category(replica, CATEGORY, "园区规划", CATEGORY);
        RestClient writer = Newsroom.writer(port);
        String id = Newsroom.createId(writer, Newsroom.draft(CATEGORY, Map.of()));
        assertThat(Newsroom.action(writer, id, "submit").getStatusCode()).isEqualTo(HttpStatus.OK);

        var approved = Newsroom.action(editor, id, "approve",
                Map.of("note", "迁移自旧站", "originallyPublishedAt", "2022-01-07T01:00:00Z"));
        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(approved.getBody().get("status").asText()).isEqualTo("PUBLISHED");

        var read = anyone.get().uri("/api/articles/{id}", id).retrieve()
                .body(tools.jackson.databind.JsonNode.class);
        assertThat(read.get("publishedAt").asText()).isEqualTo("2022-01-07T01:00:00Z");
    }

    @Test
    void aDateInTheFutureIsNotAnOriginalDate() {
        Newsroom.category(replica, CATEGORY, "园区规划", CATEGORY);
        RestClient writer = Newsroom.writer(port);
        String id = Newsroom.createId(writer, Newsroom.draft(CATEGORY, Map.of()));
        Newsroom.action(writer, id, "submit");

        var refused = Newsroom.action(editor, id, "approve",
                Map.of("originallyPublishedAt", "2999-01-01T00:00:00Z"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("errors").get(0).get("field").asText()).isEqualTo("originallyPublishedAt");
    }
}
