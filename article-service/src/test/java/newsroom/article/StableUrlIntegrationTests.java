package newsroom.article;

import static newsroom.article.Newsroom.draft;
import static newsroom.article.Newsroom.read;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/** Links people shared keep working after a rename of the slug or a move to another category. */
class StableUrlIntegrationTests extends ArticleServiceIntegrationTest {

    static final String NEWS = "9700";
    static final String POLICY = "9701";

    @BeforeEach
    void setUp() {
        Newsroom.category(replica, NEWS, "新闻", NEWS);
        Newsroom.category(replica, POLICY, "政策", POLICY);
    }

    ResponseEntity<JsonNode> bySlug(String slug) {
        return anyone.get().uri("/api/articles/by-slug/{slug}", slug).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void anArticleIsReadableByIdByIdAndSlugAndBySlug() {
        String id = Newsroom.publish(editor, NEWS, Map.of("slug", "digital-economy-cluster"));
        assertThat(read(anyone, id).getBody().get("path").asText())
                .isEqualTo("/api/articles/" + id + "-digital-economy-cluster");
        assertThat(read(anyone, id + "-digital-economy-cluster").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bySlug("digital-economy-cluster").getBody().get("id").asText()).isEqualTo(id);
        assertThat(bySlug("no-such-slug").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aRenamedSlugRedirectsPermanentlyFromEveryOldUrlToTheCurrentOne() {
        String id = Newsroom.publish(editor, NEWS, Map.of("slug", "first-name"));
        Newsroom.update(editor, id, draft(NEWS, Map.of("slug", "second-name")));
        Newsroom.update(editor, id, draft(NEWS, Map.of("slug", "third-name")));

        for (String old : new String[] {"first-name", "second-name"}) {
            var redirect = bySlug(old);
            assertThat(redirect.getStatusCode()).isEqualTo(HttpStatus.MOVED_PERMANENTLY);
            assertThat(redirect.getHeaders().getLocation()).hasToString("/api/articles/by-slug/third-name");

            var byIdAndOldSlug = read(anyone, id + "-" + old);
            assertThat(byIdAndOldSlug.getStatusCode()).isEqualTo(HttpStatus.MOVED_PERMANENTLY);
            assertThat(byIdAndOldSlug.getHeaders().getLocation()).hasToString("/api/articles/" + id + "-third-name");
        }
        assertThat(bySlug("third-name").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read(anyone, id).getStatusCode()).as("the bare id is always valid").isEqualTo(HttpStatus.OK);
    }

    @Test
    void anOldSlugStaysWithItsArticleAndCannotBeTakenByAnother() {
        String id = Newsroom.publish(editor, NEWS, Map.of("slug", "taken-once"));
        Newsroom.update(editor, id, draft(NEWS, Map.of("slug", "taken-now")));
        var other = Newsroom.create(editor, draft(NEWS, Map.of("slug", "taken-once")));
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(other.getBody().get("errors").get(0).get("field").asText()).isEqualTo("slug");

        // ...but the article itself may go back to it.
        assertThat(Newsroom.update(editor, id, draft(NEWS, Map.of("slug", "taken-once"))).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(bySlug("taken-now").getHeaders().getLocation()).hasToString("/api/articles/by-slug/taken-once");
    }

    @Test
    void aMoveToAnotherCategoryKeepsEveryUrl() {
        String id = Newsroom.publish(editor, NEWS, Map.of("slug", "moving-article"));
        Newsroom.update(editor, id, draft(POLICY, Map.of("slug", "moving-article")));
        assertThat(read(anyone, id).getBody().get("categoryId").asText()).isEqualTo(POLICY);
        assertThat(read(anyone, id + "-moving-article").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(bySlug("moving-article").getBody().get("categoryId").asText()).isEqualTo(POLICY);
    }

    @Test
    void aSlugOfAnUnpublishedArticleIsNotFoundOldOrNew() {
        String id = Newsroom.publish(editor, NEWS, Map.of("slug", "gone-soon"));
        Newsroom.update(editor, id, draft(NEWS, Map.of("slug", "gone-now")));
        Newsroom.action(editor, id, "unpublish");
        assertThat(bySlug("gone-soon").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(bySlug("gone-now").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(read(anyone, id + "-gone-soon").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
