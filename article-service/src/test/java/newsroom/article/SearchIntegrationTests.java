package newsroom.article;

import static newsroom.article.Newsroom.action;
import static newsroom.article.Newsroom.createId;
import static newsroom.article.Newsroom.draft;
import static newsroom.article.Newsroom.publish;
import static newsroom.article.Newsroom.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/search} over the real service: articles go in through the editorial API, reach the index through
 * the outbox, Kafka and the search feed, and come out segmented, ranked, highlighted and paged. Each test files its
 * articles under categories of its own and searches within them, so the articles other tests publish into the shared
 * context do not disturb it.
 */
class SearchIntegrationTests extends ArticleServiceIntegrationTest {

    /** The most a change may take to become searchable (the p99 goal), once the pipeline is warm. */
    private static final Duration SEARCHABLE_WITHIN = Duration.ofSeconds(1);
    /** The first article of a test may meet a cold consumer or JIT; later ones are held to SEARCHABLE_WITHIN. */
    private static final Duration FIRST_WITHIN = Duration.ofSeconds(20);

    private String parent;
    private String child;
    private String sibling;

    @BeforeEach
    void categories() {
        String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);
        parent = prefix + "p";
        child = prefix + "c";
        sibling = prefix + "s";
        Newsroom.category(replica, parent, "新闻中心", parent);
        Newsroom.category(replica, child, "园区规划", parent, child);
        Newsroom.category(replica, sibling, "通知公告", parent, sibling);
    }

    @Test
    void aWordInsideAnUnsegmentedChineseTitleIsFound() {
        String id = publish(editor, child, Map.of("title", "打造数字经济时代产业创新集群,园区这么干!",
                "summary", "产业创新集群发展大会召开", "body", "<p>苏州工业园区的制造业是国民经济的主体</p>",
                "keywords", List.of("产业集群")));

        await().atMost(FIRST_WITHIN).until(() -> ids(search("数字经济", parent)).contains(id));
        assertThat(ids(search("苏州", parent))).as("a word only in the body").containsExactly(id);
        assertThat(ids(search("制造业 主体", parent))).as("two words, both in the body").containsExactly(id);
        assertThat(ids(search("数字经济", child))).as("the article's own category").containsExactly(id);
        assertThat(ids(search("数字经济", sibling))).as("a sibling category").isEmpty();
        assertThat(ids(search("上海", parent))).as("a word it does not contain").isEmpty();
    }

    @Test
    void mixedChineseAndEnglishIsSegmentedBothWays() {
        String word = marker();
        String id = publish(editor, child, Map.of("title", "智慧城市news" + word, "summary", "智慧城市news",
                "body", "<p>Smart City 发布</p>"));

        await().atMost(FIRST_WITHIN).until(() -> ids(search("智慧城市news", parent)).contains(id));
        assertThat(ids(search("智慧城市", parent))).containsExactly(id);
        assertThat(ids(search("NEWS", parent))).as("English is lower-cased").containsExactly(id);
        assertThat(ids(search("cities", parent))).as("and stemmed: city, cities").containsExactly(id);
    }

    @Test
    void aTitleMatchRanksAboveABodyMatchAndRecencyBreaksTies() {
        String inTitle = publish(editor, child, Map.of("title", "园区规划公示", "summary", "公示",
                "body", "<p>详见附件</p>", "keywords", List.of()));
        String olderTwin = publish(editor, child, Map.of("title", "两个相同的标题", "summary", "双胞胎",
                "body", "<p>正文相同</p>", "keywords", List.of()));
        String newerTwin = publish(editor, child, Map.of("title", "两个相同的标题", "summary", "双胞胎",
                "body", "<p>正文相同</p>", "keywords", List.of()));
        String inBody = publish(editor, child, Map.of("title", "高新区动态", "summary", "动态",
                "body", "<p>会议讨论了园区规划的若干问题</p>", "keywords", List.of()));

        await().atMost(FIRST_WITHIN).until(() -> ids(search("园区规划", parent)).size() == 2
                && ids(search("双胞胎", parent)).size() == 2);
        assertThat(ids(search("园区规划", parent))).containsExactly(inTitle, inBody);
        assertThat(ids(search("双胞胎", parent))).as("equal relevance: the newer first").containsExactly(newerTwin,
                olderTwin);
    }

    @Test
    void updatesAndUnpublishingAreSearchableWithinASecond() {
        String before = marker();
        String after = marker();
        String id = publish(editor, child, Map.of("title", "原来的标题 " + before));
        await().atMost(FIRST_WITHIN).until(() -> ids(search(before, parent)).contains(id));

        Map<String, Object> revised = new HashMap<>(draft(child, Map.of("title", "改过的标题 " + after)));
        assertThat(update(editor, id, revised).getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(SEARCHABLE_WITHIN).until(() -> ids(search(after, parent)).contains(id));
        assertThat(ids(search(before, parent))).as("the old title is gone").isEmpty();

        assertThat(action(editor, id, "unpublish").getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(SEARCHABLE_WITHIN).until(() -> ids(search(after, parent)).isEmpty());

        assertThat(action(editor, id, "publish").getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(SEARCHABLE_WITHIN).until(() -> ids(search(after, parent)).contains(id));
    }

    @Test
    void draftsScheduledAndUnpublishedArticlesAreNeverFound() {
        String word = marker();
        String draft = createId(editor, draft(child, Map.of("title", "草稿 " + word)));
        String scheduled = createId(editor, draft(child, Map.of("title", "定时 " + word)));
        action(editor, scheduled, "schedule", Map.of("publishAt", Newsroom.later()));
        String unpublished = publish(editor, child, Map.of("title", "撤下 " + word));
        action(editor, unpublished, "unpublish");
        // Published last: once it is found, the events of the others (same feed) have long been applied.
        String published = publish(editor, child, Map.of("title", "发布 " + word));

        await().atMost(FIRST_WITHIN).until(() -> ids(search(word, parent)).contains(published));
        assertThat(ids(search(word, parent))).containsExactly(published).doesNotContain(draft, scheduled,
                unpublished);
    }

    @Test
    void resultsArePagedWithACursor() {
        String word = marker();
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(publish(editor, child, Map.of("title", "分页 " + word + " " + i)));
        }
        await().atMost(FIRST_WITHIN).until(() -> search(word, parent).get("total").asLong() == 5);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = get("/api/search?q={q}&category={c}&size=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    word, parent).getBody();
            assertThat(page.get("total").asLong()).isEqualTo(5);
            seen.addAll(ids(page));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(published).doesNotHaveDuplicates();
    }

    @Test
    void aHitCarriesWhatAResultListShows() {
        String word = marker();
        String id = publish(editor, child, Map.of("title", "字段齐全 " + word, "summary", "摘要 " + word,
                "slug", "fields-" + word));
        await().atMost(FIRST_WITHIN).until(() -> ids(search(word, parent)).contains(id));

        JsonNode hit = search(word, parent).get("items").get(0);
        assertThat(hit.get("title").asText()).isEqualTo("字段齐全 " + word);
        assertThat(hit.get("slug").asText()).isEqualTo("fields-" + word);
        assertThat(hit.get("summary").asText()).isEqualTo("摘要 " + word);
        assertThat(hit.get("categoryId").asText()).isEqualTo(child);
        assertThat(hit.get("publishedAt").asText()).isNotBlank();
        assertThat(hit.get("highlight").asText()).contains("<mark>" + word + "</mark>");
    }

    @Test
    void textThatLooksLikeMarkupIsEscapedInHighlightsAndOnlyTheMatchIsMarked() {
        String word = marker();
        // The body is sanitized HTML: what a reader sees of it here is the text <img src=x onerror=alert(1)>.
        String id = publish(editor, child, Map.of("title", "<script>alert('t')</script> " + word,
                "summary", "\"><svg onload=alert(2)>",
                "body", "<p>" + word + " &lt;img src=x onerror=alert(1)&gt; &amp; 数字经济</p>"));
        await().atMost(FIRST_WITHIN).until(() -> ids(search(word, parent)).contains(id));

        String highlight = search(word, parent).get("items").get(0).get("highlight").asText();
        assertThat(highlight).contains("<mark>" + word + "</mark>").contains("&lt;img src=x onerror=alert(1)&gt;")
                .contains("&amp;");
        assertThat(highlight.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");

        String titleOnly = search("script alert", parent).get("items").get(0).get("highlight").asText();
        assertThat(titleOnly.replace("<mark>", "").replace("</mark>", "")).doesNotContain("<", ">");
    }

    @Test
    void badQueriesAreProblemsNamingTheParameterNeverServerErrors() {
        for (String q : new String[] {"", "   ", "字".repeat(201), "\"数字经济", "数字\"经济\"\""}) {
            assertBadRequest(get("/api/search?q={q}", q), "q");
        }
        assertBadRequest(anyone.get().uri("/api/search").retrieve().toEntity(JsonNode.class), "q");
        assertBadRequest(get("/api/search?q=数字&size={s}", "0"), "size");
        assertBadRequest(get("/api/search?q=数字&size={s}", "abc"), "size");
        assertBadRequest(get("/api/search?q=数字&size={s}", "51"), "size");
        assertBadRequest(get("/api/search?q=数字&cursor={c}", "not-a-cursor"), "cursor");

        // Lucene's syntax means nothing here: searched literally, never parsed, never a 500.
        for (String q : new String[] {"title:(数字 AND 经济)^3", "+-&&||!(){}[]^~*?:\\/", "*", "\"\"", "数字~2",
                "a\u0000b", "字".repeat(200), "NOT OR AND", "<script>alert(1)</script>"}) {
            ResponseEntity<JsonNode> response = get("/api/search?q={q}", q);
            assertThat(response.getStatusCode()).as(q).isEqualTo(HttpStatus.OK);
            assertThat(response.getBody().get("items").isArray()).isTrue();
        }
    }

    private void assertBadRequest(ResponseEntity<JsonNode> response, String field) {
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors").findValuesAsString("field")).containsExactly(field);
    }

    private JsonNode search(String q, String category) {
        ResponseEntity<JsonNode> response = get("/api/search?q={q}&category={c}", q, category);
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private ResponseEntity<JsonNode> get(String uri, Object... variables) {
        return anyone.get().uri(uri, variables).retrieve().toEntity(JsonNode.class);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("items").findValuesAsString("id");
    }

    /** A word no other article contains: lower-case Latin letters, one token to the analyzer. */
    private static String marker() {
        StringBuilder word = new StringBuilder("zq");
        for (int i = 0; i < 8; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }
}
