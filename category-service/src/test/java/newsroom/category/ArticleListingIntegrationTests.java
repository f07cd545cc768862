package newsroom.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.testing.TopicProbe;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

class ArticleListingIntegrationTests extends IntegrationTestBase {

    static final Instant T = Instant.parse("2022-01-07T09:00:00Z");

    private static final Logger log = LoggerFactory.getLogger(ArticleListingIntegrationTests.class);

    @Autowired
    MeterRegistry meters;

    @Test
    void pinnedArticlesComeFirstThenHigherSortRankThenNewest() {
        String c = create("科技创新", null);
        published(c + "-old", 1, card("旧", c, List.of(c), T, false, 0), T);
        published(c + "-new", 1, card("新", c, List.of(c), T.plusSeconds(3600), false, 0), T);
        published(c + "-ranked", 1, card("靠前", c, List.of(c), T.minusSeconds(3600), false, 5), T);
        published(c + "-pinned", 1, card("置顶", c, List.of(c), T.minusSeconds(7200), true, 0), T);

        await().untilAsserted(() ->
                assertThat(titles(c, "category")).containsExactly("置顶", "靠前", "新", "旧"));
    }

    @Test
    void cursorPagesNeitherRepeatNorSkipWhenNewerArticlesArriveMeanwhile() {
        String c = create("高新区新闻", null);
        for (int i = 1; i <= 5; i++) {
            // Two articles share a publication time: the id breaks the tie, so the order is total.
            publishSimple(c + "-" + i, c, "第" + i + "篇", T.plusSeconds(i == 5 ? 4 * 60 : i * 60L));
        }
        await().untilAsserted(() -> assertThat(titles(c, "category")).hasSize(5));

        JsonNode first = getOk("/api/categories/{id}/articles?size=2", c);
        assertThat(first.get("items").findValuesAsString("title")).containsExactly("第5篇", "第4篇");
        assertThat(first.get("total").asLong()).isEqualTo(5);
        String cursor = first.get("nextCursor").asString();

        publishSimple(c + "-6", c, "最新", T.plusSeconds(3600));
        await().untilAsserted(() -> assertThat(titles(c, "category")).hasSize(6));

        List<String> seen = new ArrayList<>(first.get("items").findValuesAsString("title"));
        JsonNode page = getOk("/api/categories/{id}/articles?size=2&cursor={cursor}", c, cursor);
        assertThat(page.get("total").asLong()).isEqualTo(6);
        while (true) {
            seen.addAll(page.get("items").findValuesAsString("title"));
            JsonNode next = page.get("nextCursor");
            if (next == null || next.isNull()) {
                break;
            }
            page = getOk("/api/categories/{id}/articles?size=2&cursor={cursor}", c, next.asString());
        }
        assertThat(seen).containsExactly("第5篇", "第4篇", "第3篇", "第2篇", "第1篇");
        assertThat(getOk("/api/categories/{id}/articles?size=2", c).get("items").findValuesAsString("title"))
                .containsExactly("最新", "第5篇");
    }

    @Test
    void badPagingParametersAreProblemsNamingTheParameter() {
        String c = create("参数", null);
        var badCursor = get("/api/categories/{id}/articles?cursor=not-a-cursor", c);
        assertThat(badCursor.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badCursor.getBody().get("errors").findValuesAsString("field")).contains("cursor");

        var badSize = get("/api/categories/{id}/articles?size=0", c);
        assertThat(badSize.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badSize.getBody().get("errors").findValuesAsString("field")).contains("size");

        var badScope = get("/api/categories/{id}/articles?scope=everything", c);
        assertThat(badScope.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(badScope.getBody().get("errors").findValuesAsString("field")).contains("scope");

        assertThat(get("/api/categories/{id}/articles", "999999").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aSubtreeListingFollowsTheTreeAsItIsNowAndAnArticleMoveMovesItsListing() {
        String news = create("新闻中心", null);
        String park = create("园区规划", news);
        String industry = create("产业规划", news);
        String other = create("其他", null);
        published(c(park, 1), 1, card("园区稿", park, List.of(news, park), T, false, 0), T);
        published(c(industry, 1), 1, card("产业稿", industry, List.of(news, industry), T.plusSeconds(60), false, 0),
                T);
        published(c(news, 1), 1, card("中心稿", news, List.of(news), T.minusSeconds(60), false, 0), T);

        await().untilAsserted(() -> assertThat(titles(news, "subtree")).containsExactly("产业稿", "园区稿", "中心稿"));
        assertThat(titles(news, "category")).containsExactly("中心稿");
        assertThat(getOk("/api/categories/{id}/articles?scope=subtree", news).get("total").asLong()).isEqualTo(3);

        // The article moves to another category: an ArticleUpdated with the new categoryId.
        updated(c(park, 1), 2, card("园区稿", industry, List.of(news, industry), T, false, 0), T.plusSeconds(120));
        await().untilAsserted(() -> assertThat(titles(industry, "category")).containsExactly("产业稿", "园区稿"));
        assertThat(titles(park, "category")).isEmpty();

        // The category moves: its listings' stored categoryPath is stale now, the subtree listing is right at once.
        move(industry, other);
        assertThat(titles(other, "subtree")).containsExactly("产业稿", "园区稿");
        assertThat(titles(news, "subtree")).containsExactly("中心稿");

        // A hidden category's articles leave its parent's subtree listing but its own listing stays reachable.
        send(org.springframework.http.HttpMethod.PATCH, "/api/categories/{id}", Map.of("hidden", true), industry);
        assertThat(titles(other, "subtree")).isEmpty();
        assertThat(titles(industry, "category")).hasSize(2);
    }

    @Test
    void theSameEventTwiceOrAnOlderOneAfterANewerOneChangesNothing() {
        String c = create("行业洞见", null);
        String article = c(c, 1);
        published(article, 1, card("初稿", c, List.of(c), T, false, 0), T);
        updated(article, 3, card("终稿", c, List.of(c), T, true, 9), T.plusSeconds(30));
        updated(article, 3, card("终稿", c, List.of(c), T, true, 9), T.plusSeconds(30));
        updated(article, 2, card("二稿", c, List.of(c), T, false, 0), T.plusSeconds(20));
        published(article, 1, card("初稿", c, List.of(c), T, false, 0), T);
        // A sentinel on the same partition: once it is listed, every event before it has been applied.
        publishSimple(samePartitionAs(article, c + "-sentinel"), c, "哨兵", T.minusSeconds(60));

        await().untilAsserted(() -> assertThat(titles(c, "category")).containsExactly("终稿", "哨兵"));
        JsonNode item = getOk("/api/categories/{id}/articles", c).get("items").get(0);
        assertThat(item.get("revision").asLong()).isEqualTo(3);
        assertThat(item.get("pinned").asBoolean()).isTrue();

        unpublished(article, 4, c, T.plusSeconds(40));
        published(article, 3, card("终稿", c, List.of(c), T, true, 9), T.plusSeconds(30));
        publishSimple(samePartitionAs(article, c + "-sentinel2"), c, "哨兵二", T.minusSeconds(120));
        await().untilAsserted(() -> assertThat(titles(c, "category")).containsExactly("哨兵", "哨兵二"));
    }

    @Test
    void publishToListedLatencyIsTimedAndDeadLetteredRecordsAreCounted() {
        String c = create("计量", null);
        Timer timer = meters.find("newsroom.publish.to.listed").tag("event", "published").timer();
        long countBefore = timer == null ? 0 : timer.count();
        double totalBefore = timer == null ? 0 : timer.totalTime(TimeUnit.MILLISECONDS);
        int events = 20;
        for (int i = 0; i < events; i++) {
            publishSimple(c(c, 100 + i), c, "计时" + i, Instant.now());
        }
        await().untilAsserted(() -> assertThat(timerCount()).isGreaterThanOrEqualTo(countBefore + events));
        Timer after = meters.find("newsroom.publish.to.listed").tag("event", "published").timer();
        log.info("publish→listed, mean over {} fresh events: {} ms (each sent by a new producer, as tests do)",
                after.count() - countBefore,
                Math.round((after.totalTime(TimeUnit.MILLISECONDS) - totalBefore) / (after.count() - countBefore)));

        double dead = dlqCount();
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, c(c, 2), "{\"articleId\": 42",
                Map.of(CloudEventHeaders.TYPE, "newsroom.article.updated.v1"));
        await().untilAsserted(() -> assertThat(dlqCount()).isEqualTo(dead + 1));
    }

    private long timerCount() {
        return meters.find("newsroom.publish.to.listed").tag("event", "published").timers().stream()
                .mapToLong(Timer::count).sum();
    }

    private double dlqCount() {
        return meters.find("newsroom.dlq.records").tag("topic", Topics.ARTICLE_LIFECYCLE).counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static String c(String categoryId, int n) {
        return "art-" + categoryId + "-" + n;
    }
}
