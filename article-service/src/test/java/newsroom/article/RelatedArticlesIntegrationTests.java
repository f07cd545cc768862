package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** "相关文章推荐": shared keywords first, then the category subtree, then recency. */
class RelatedArticlesIntegrationTests extends ArticleServiceIntegrationTest {

    // Its own tree, so other test classes' articles do not take part: ROOT > {PARK > PARK_SUB, EVENTS}
    static final String ROOT = "9800";
    static final String PARK = "9801";
    static final String PARK_SUB = "9802";
    static final String EVENTS = "9803";
    static final String LONELY = "9809";
    static final String LIMITS = "9808";

    @BeforeEach
    void setUp() {
        Newsroom.category(replica, ROOT, "根", ROOT);
        Newsroom.category(replica, PARK, "园区", ROOT, PARK);
        Newsroom.category(replica, PARK_SUB, "园区规划", ROOT, PARK, PARK_SUB);
        Newsroom.category(replica, EVENTS, "活动", ROOT, EVENTS);
        Newsroom.category(replica, LONELY, "孤岛", LONELY);
        Newsroom.category(replica, LIMITS, "限制", LIMITS);
    }

    String publish(String category, String title, List<String> keywords) {
        return Newsroom.publish(editor, category, Map.of("title", title, "keywords", keywords));
    }

    List<String> related(String id, int limit) {
        JsonNode related = anyone.get().uri("/api/articles/{id}/related?limit={limit}", id, limit).retrieve()
                .body(JsonNode.class);
        return related.findValuesAsString("title");
    }

    @Test
    void rankedBySharedKeywordsThenCategorySubtreeThenRecencyNeverItselfNeverUnpublished() {
        String subject = publish(PARK_SUB, "主题文章", List.of("关联甲", "关联乙", "ＲＬＴ"));
        publish(EVENTS, "两个关键词-远亲", List.of("关联甲", "rlt"));
        publish(PARK_SUB, "一个关键词-同类", List.of("关联乙"));
        publish(EVENTS, "一个关键词-远亲", List.of("关联甲"));
        publish(PARK_SUB, "无关键词-同类-旧", List.of("别的"));
        publish(PARK, "无关键词-父类", List.of());
        publish(PARK_SUB, "无关键词-同类-新", List.of());
        String withdrawn = publish(PARK_SUB, "已撤下", List.of("关联甲", "关联乙", "RLT"));
        Newsroom.action(editor, withdrawn, "unpublish");
        Newsroom.createId(editor, Newsroom.draft(PARK_SUB, Map.of("title", "草稿", "keywords", List.of("关联甲"))));

        assertThat(related(subject, 20)).containsExactly(
                "两个关键词-远亲",       // 2 keywords ("ＲＬＴ" and "rlt" are one keyword)
                "一个关键词-同类",       // 1 keyword, same category (path overlap 3)
                "一个关键词-远亲",       // 1 keyword, shares only the root
                "无关键词-同类-新",      // same category, newest first
                "无关键词-同类-旧",
                "无关键词-父类");        // parent category (overlap 2)
        assertThat(related(subject, 2)).containsExactly("两个关键词-远亲", "一个关键词-同类");
    }

    @Test
    void withNothingInCommonTheCategorysLatestFillTheList() {
        String older = publish(LONELY, "孤岛旧闻", List.of("甲"));
        String newer = publish(LONELY, "孤岛新闻", List.of("乙"));
        String subject = publish(LONELY, "孤岛主题", List.of("丙"));
        assertThat(related(subject, 5)).containsExactly("孤岛新闻", "孤岛旧闻");
        assertThat(older).isNotEqualTo(newer);
    }

    @Test
    void theLimitIsValidatedAndUnknownArticlesAreNotFound() {
        String subject = publish(LIMITS, "限制", List.of());
        var tooMany = anyone.get().uri("/api/articles/{id}/related?limit=1000", subject).retrieve()
                .toEntity(JsonNode.class);
        assertThat(tooMany.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooMany.getBody().get("errors").get(0).get("field").asText()).isEqualTo("limit");
        assertThat(anyone.get().uri("/api/articles/{id}/related?limit=zero", subject).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(anyone.get().uri("/api/articles/424242424/related").retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }
}
