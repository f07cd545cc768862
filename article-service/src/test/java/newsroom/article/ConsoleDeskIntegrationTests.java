package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The console's article list (GET /api/editorial/desk) through the running service: every state at once, filtered by
 * state, category subtree, author and the search box, paged with a cursor; writes and imports are on it at once; a bad
 * parameter is a problem naming it.
 */
class ConsoleDeskIntegrationTests extends ArticleServiceIntegrationTest {

    static final String ROOT = "9720"; // ids no other test class announces (the replica keeps the first revision 1 it sees)
    static final String CHILD = "9721";

    RestClient writer;

    @BeforeEach
    void categories() {
        Newsroom.category(replica, ROOT, "编辑台", ROOT);
        Newsroom.category(replica, CHILD, "编辑台子栏目", ROOT, CHILD);
        writer = Newsroom.writer(port);
    }

    JsonNode desk(RestClient as, String query) {
        ResponseEntity<JsonNode> page = as.get().uri("/api/editorial/desk?" + query).retrieve()
                .toEntity(JsonNode.class);
        assertThat(page.getStatusCode()).as(page.getBody() == null ? "" : page.getBody().toString())
                .isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getFirst("Server-Timing")).startsWith("desk;dur=");
        return page.getBody();
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(i -> ids.add(i.get("id").asString()));
        return ids;
    }

    @Test
    void draftsReviewsAndPublishedArticlesAreListedByStateCategoryAuthorAndTitleNewestChangeFirst() {
        String tag = "台" + System.nanoTime();
        String draft = Newsroom.createId(writer, Newsroom.draft(CHILD, Map.of("title", tag + " 园区草稿")));
        String review = Newsroom.createId(writer, Newsroom.draft(ROOT, Map.of("title", tag + " 待审稿件")));
        assertThat(Newsroom.action(writer, review, "submit").getStatusCode()).isEqualTo(HttpStatus.OK);
        String published = Newsroom.publish(editor, CHILD, Map.of("title", tag + " 已发布 AI 新闻"));

        assertThat(ids(desk(editor, "category=" + ROOT))).startsWith(published, review, draft);
        assertThat(ids(desk(editor, "category=" + CHILD))).contains(published, draft).doesNotContain(review);
        assertThat(ids(desk(editor, "category=" + ROOT + "&status=DRAFT"))).contains(draft)
                .doesNotContain(review, published);
        assertThat(ids(desk(editor, "category=" + ROOT + "&status=IN_REVIEW,PUBLISHED")))
                .contains(review, published).doesNotContain(draft);
        assertThat(ids(desk(editor, "q=" + tag))).containsExactly(published, review, draft);
        assertThat(ids(desk(editor, "q=" + tag + " ａｉ"))).as("folded like the title").containsExactly(published);
        assertThat(ids(desk(editor, "q=" + draft))).as("an id").contains(draft);
        assertThat(ids(desk(editor, "q=" + tag + "&author=writer"))).containsExactly(review, draft);
        assertThat(ids(desk(editor, "q=" + tag + "&author=me"))).containsExactly(published);
        // writers see their own work only, whatever author they ask for
        assertThat(ids(desk(writer, "q=" + tag + "&author=editor"))).containsExactly(review, draft);

        JsonNode row = desk(editor, "q=" + tag + " AI").get("items").get(0);
        assertThat(row.get("status").asString()).isEqualTo("PUBLISHED");
        assertThat(row.get("categoryId").asString()).isEqualTo(CHILD);
        assertThat(row.get("createdBy").asString()).isEqualTo("editor");
        assertThat(row.get("views").asLong()).isZero();
        assertThat(row.has("body")).isFalse();

        // a save moves the article to the top at once
        assertThat(Newsroom.update(writer, draft, Newsroom.draft(CHILD, Map.of("title", tag + " 园区草稿(改)")))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode after = desk(editor, "category=" + ROOT);
        assertThat(ids(after).get(0)).isEqualTo(draft);
        assertThat(after.get("items").get(0).get("title").asString()).endsWith("(改)");
    }

    @Test
    void theCursorPagesThroughEveryArticleOnceWhileNewOnesAreWritten() {
        String tag = "页" + System.nanoTime();
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            written.add(0, Newsroom.createId(editor, Newsroom.draft(ROOT, Map.of("title", tag + " 第" + i + "篇"))));
        }
        JsonNode first = desk(editor, "q=" + tag + "&size=3");
        assertThat(first.get("total").asLong()).isEqualTo(7);
        List<String> seen = new ArrayList<>(ids(first));
        String cursor = first.get("nextCursor").asString();
        while (cursor != null) {
            Newsroom.createId(editor, Newsroom.draft(ROOT, Map.of("title", tag + " 翻页时新写的")));
            JsonNode page = desk(editor, "q=" + tag + "&size=3&cursor=" + cursor);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        }
        assertThat(seen).containsExactlyElementsOf(written);
    }

    @Test
    void importedArticlesAreOnTheDeskAsSoonAsTheBatchAnswers() {
        String tag = "导" + System.nanoTime();
        ResponseEntity<JsonNode> answer = editor.post().uri("/api/editorial/imports")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("system", "DedeCMS", "site", tag + ".example.org", "items", List.of(
                        ArticleImportIntegrationTests.item("1", Map.of("title", tag + " 导入已发布", "categoryId", ROOT,
                                "legacyPaths", List.of())),
                        ArticleImportIntegrationTests.item("2", Map.of("title", tag + " 导入待审", "categoryId", ROOT,
                                "status", "IN_REVIEW", "legacyPaths", List.of())))))
                .retrieve().toEntity(JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode page = desk(editor, "q=" + tag + "&sort=views");
        assertThat(page.get("total").asLong()).isEqualTo(2);
        assertThat(page.get("sort").asString()).isEqualTo("views");
        List<String> states = new ArrayList<>();
        page.get("items").forEach(i -> states.add(i.get("status").asString()));
        assertThat(states).containsExactlyInAnyOrder("PUBLISHED", "IN_REVIEW");
    }

    @ParameterizedTest
    @CsvSource({
            "status=WRITTEN, status",
            "sort=oldest, sort",
            "size=0, size",
            "size=101, size",
            "size=many, size",
            "cursor=not-a-cursor, cursor",
            "sort=views&cursor=dTo1OjE, cursor",
            "author=" + "x" + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx, author"
    })
    void aBadParameterIsAProblemNamingIt(String query, String field) {
        ResponseEntity<JsonNode> answer = editor.get().uri("/api/editorial/desk?" + query).retrieve()
                .toEntity(JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void aSearchOfOver200CharactersIsAProblemNamingQ() {
        ResponseEntity<JsonNode> answer = editor.get().uri("/api/editorial/desk?q={q}", "园".repeat(201)).retrieve()
                .toEntity(JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getBody().get("errors").get(0).get("field").asString()).isEqualTo("q");
    }
}
