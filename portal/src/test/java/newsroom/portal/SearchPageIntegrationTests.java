package newsroom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * {@code /search} in front of a fake article-service: results with linked titles, snippets in which only the match
 * is marked, date and category, paging, refused queries, and the search box in the header of reader pages.
 */
class SearchPageIntegrationTests extends PortalTestBase {

    private static final String RESULTS = """
            {"items":[{"id":"1","title":"打造数字经济时代产业创新集群,园区这么干!","slug":"park-cluster",
              "summary":"大会召开","publishedAt":"2022-01-07T02:00:00Z","categoryId":"13",
              "highlight":"苏州市<mark>数字经济</mark>时代产业创新集群发展大会"}],
             "nextCursor":"czE6YWJj","total":11}
            """;

    @Test
    void resultsLinkTheTitleShowTheMarkedSnippetDateAndCategoryAndPage() {
        ARTICLES.on("GET", "/api/search", request -> FakeService.Reply.json(RESULTS));
        CATEGORIES.on("GET", "/api/categories/13", request -> FakeService.Reply.json(
                Seed.category("13", "园区规划", "1", 130)));

        HttpResponse<String> response = get("/search?q=" + encode("数字经济"));

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        Element result = page.selectFirst(".search-results li");
        assertThat(result.selectFirst("a.result-title").attr("href")).isEqualTo("/articles/1-park-cluster");
        assertThat(result.selectFirst("a.result-title").text()).isEqualTo("打造数字经济时代产业创新集群,园区这么干!");
        assertThat(result.select(".snippet mark").text()).isEqualTo("数字经济");
        assertThat(result.selectFirst("time").text()).isEqualTo("2022-01-07");
        assertThat(result.selectFirst(".result-meta a").attr("href")).isEqualTo("/categories/13");
        assertThat(result.selectFirst(".result-meta a").text()).isEqualTo("园区规划");
        assertThat(page.selectFirst(".count").text()).contains("11");
        assertThat(page.selectFirst(".pager a[rel=next]").attr("href")).contains("cursor=czE6YWJj");
        assertThat(page.selectFirst(".search-form input[name=q]").val()).isEqualTo("数字经济");
        assertThat(ARTICLES.requests.get(0).query()).contains("q=数字经济").contains("size=10");
    }

    @Test
    void aTotalThatIsALowerBoundReadsAsThatManyOrMore() {
        ARTICLES.on("GET", "/api/search", request -> FakeService.Reply.json(
                RESULTS.replace("\"total\":11", "\"total\":1000,\"totalRelation\":\"gte\"")));
        CATEGORIES.on("GET", "/api/categories/13", request -> FakeService.Reply.json(
                Seed.category("13", "园区规划", "1", 130)));

        Document page = Jsoup.parse(get("/search?q=" + encode("园区")).body());

        assertThat(page.selectFirst(".count").text()).contains("找到 1000+ 篇");
    }

    @Test
    void nothingButTheMarkFromTheIndexReachesThePageAsMarkup() {
        ARTICLES.on("GET", "/api/search", request -> FakeService.Reply.json("""
                {"items":[{"id":"2","title":"<script>window.__xss=1</script>","slug":null,"summary":"s",
                  "publishedAt":"2024-01-01T00:00:00Z","categoryId":null,
                  "highlight":"<img src=x onerror=window.__xss=2> &lt;b&gt; <mark onclick=\\"window.__xss=3\\">词</mark>"}],
                 "nextCursor":null,"total":1}
                """));

        Document page = Jsoup.parse(get("/search?q=" + encode("词")).body());

        Element result = page.selectFirst(".search-results li");
        assertThat(result.select("script, img, b")).isEmpty();
        assertThat(result.selectFirst("a.result-title").text()).isEqualTo("<script>window.__xss=1</script>");
        assertThat(result.selectFirst(".snippet mark").attributes().size()).isZero();
        assertThat(result.selectFirst(".snippet").text()).contains("<b>");
        assertThat(page.select(".pager a[rel=next]")).isEmpty();
    }

    @Test
    void aRefusedQueryIsExplainedOnThePageAndATooLongOneIsNotSent() {
        ARTICLES.on("GET", "/api/search", request -> new FakeService.Reply(400, "application/problem+json",
                "{\"status\":400,\"detail\":\"has an unbalanced quote\",\"errors\":[{\"field\":\"q\"}]}"));

        HttpResponse<String> refused = get("/search?q=" + encode("\"数字"));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(refused.body()).selectFirst(".search-refusal").text()).contains("引号");

        HttpResponse<String> tooLong = get("/search?q=" + encode("字".repeat(201)));
        assertThat(Jsoup.parse(tooLong.body()).selectFirst(".search-refusal").text()).contains("200");
        assertThat(ARTICLES.count("GET", "/api/search")).isEqualTo(1);

        HttpResponse<String> empty = get("/search");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(empty.body()).select(".search-form")).hasSize(1);
    }

    @Test
    void everyReaderPageHasTheSearchBoxInItsHeader() {
        seedServices("<p>正文</p>");

        Element box = Jsoup.parse(get("/articles/1").body()).selectFirst("header form.site-search");

        assertThat(box.attr("action")).isEqualTo("/search");
        assertThat(box.selectFirst("input[name=q]")).isNotNull();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
