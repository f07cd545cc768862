package newsroom.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import newsroom.contracts.EventTypes;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * Pages are rendered once per change: kept until an article-lifecycle or category-changed event on the in-process
 * broker says what they show has changed, then rendered afresh with what the services answer now.
 */
class PageEventsIntegrationTests extends PortalTestBase {

    private static final Duration EVENT = Duration.ofSeconds(20);
    private static final String LISTING = """
            {"items":[{"articleId":"1","slug":"park-cluster","title":"%s","publishedAt":"2022-01-07T01:00:00Z"}],
             "nextCursor":null,"size":20,"total":1}
            """;

    @Test
    void anUnpublishedArticlesKeptPageBecomesA404() {
        seedServices("<p>正文</p>");
        assertThat(get("/articles/1").statusCode()).isEqualTo(200);
        ARTICLES.on("GET", "/api/articles/1", FakeService.Reply.status(404));

        assertThat(get("/articles/1").statusCode()).as("kept until an event says otherwise").isEqualTo(200);
        announceArticle(EventTypes.ARTICLE_UNPUBLISHED, "1", 3);

        await().atMost(EVENT).untilAsserted(() -> assertThat(get("/articles/1").statusCode()).isEqualTo(404));
    }

    @Test
    void anEventAboutARelatedArticleDropsThePagesThatListIt() {
        seedServices("<p>正文</p>");
        get("/articles/1");
        ARTICLES.on("GET", "/api/articles/1/related", FakeService.Reply.json("[]"));

        announceArticle(EventTypes.ARTICLE_UNPUBLISHED, "2", 5);

        await().atMost(EVENT).untilAsserted(() ->
                assertThat(Jsoup.parse(get("/articles/1").body()).select(".related")).isEmpty());
        assertThat(ARTICLES.count("GET", "/api/articles/1")).as("article 1 itself is still kept").isEqualTo(1);
    }

    @Test
    void anEventAboutAnotherArticleLeavesTheKeptPageAlone() {
        seedServices("<p>正文</p>");
        get("/articles/1");

        announceArticle(EventTypes.ARTICLE_UPDATED, "77", 2);
        // Once the event has been heard, a listing page reflects it; the article page of article 1 was not dropped.
        CATEGORIES.on("GET", "/api/categories/13", FakeService.Reply.json(Seed.category("13", "园区规划", "1", 120)));
        CATEGORIES.on("GET", "/api/categories/13/articles", FakeService.Reply.json(LISTING.formatted("旧标题")));
        get("/categories/13");
        CATEGORIES.on("GET", "/api/categories/13/articles", FakeService.Reply.json(LISTING.formatted("新标题")));
        announceArticle(EventTypes.ARTICLE_UPDATED, "78", 2);
        await().atMost(EVENT).untilAsserted(() ->
                assertThat(Jsoup.parse(get("/categories/13").body()).select(".listing li a").text())
                        .isEqualTo("新标题"));

        get("/articles/1");
        assertThat(ARTICLES.count("GET", "/api/articles/1")).isEqualTo(1);
        assertThat(ARTICLES.count("GET", "/api/articles/1/related")).isEqualTo(1);
    }

    @Test
    void aCategoryEventDropsEveryKeptPageWithItsNavigation() {
        seedServices("<p>正文</p>");
        assertThat(Jsoup.parse(get("/articles/1").body()).select("nav.breadcrumb a").eachText())
                .containsExactly("主页", "新闻中心", "园区规划");
        CATEGORIES.on("GET", "/api/categories/13/breadcrumb", FakeService.Reply.json(
                "[" + Seed.category("1", "新闻中心", null, 1) + "," + Seed.category("13", "园区规划与建设", "1", 120) + "]"));

        announceCategory("13", "园区规划与建设", 9);

        await().atMost(EVENT).untilAsserted(() ->
                assertThat(Jsoup.parse(get("/articles/1").body()).select("nav.breadcrumb a").eachText())
                        .containsExactly("主页", "新闻中心", "园区规划与建设"));
    }

    @Test
    void aCopyOlderThanTheEventAnnouncedIsShownButNotKept() {
        seedServices("<p>正文</p>");
        get("/articles/1");
        // Seed.article is revision 2; the event says 6 (a replica of article-service that has not caught up).
        announceArticle(EventTypes.ARTICLE_UPDATED, "1", 6);
        await().atMost(EVENT).until(() -> {
            get("/articles/1");
            return ARTICLES.count("GET", "/api/articles/1") >= 2;
        });

        long asked = ARTICLES.count("GET", "/api/articles/1");
        HttpResponse<String> page = get("/articles/1");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(ARTICLES.count("GET", "/api/articles/1")).isEqualTo(asked + 1);
        ARTICLES.on("GET", "/api/articles/1", FakeService.Reply.json(Seed.article("<p>新</p>").replace(
                "\"revision\":2", "\"revision\":6")));
        assertThat(Jsoup.parse(get("/articles/1").body()).select("article .body p").text()).isEqualTo("新");
        get("/articles/1");
        assertThat(ARTICLES.count("GET", "/api/articles/1")).as("the current copy is kept").isEqualTo(asked + 2);
    }

    @Test
    void theBodyIsCleanedOncePerRevisionNotPerRequest() {
        seedServices("<p>正文</p><script>x()</script>");
        Document first = Jsoup.parse(get("/articles/1").body());
        // The count endpoint and the home page do not read the article: only a new revision would.
        for (int i = 0; i < 3; i++) {
            get("/articles/1-park-cluster");
        }

        assertThat(first.select("article .body script")).isEmpty();
        assertThat(ARTICLES.count("GET", "/api/articles/1")).isEqualTo(1);
    }
}
