package newsroom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/**
 * The console signs editors in at article-service's token endpoint and calls the editorial API with their token,
 * never their password; every form carries a CSRF token.
 */
class EditorConsoleIntegrationTests extends PortalTestBase {

    /** The tokens article-service issued the editor: what its editorial API receives from the console. */
    private FakeTokenEndpoint.Issued editor;

    private void articleServiceKnowsTheEditor() {
        editor = FakeTokenEndpoint.serve(ARTICLES, "editor", "newsroom-editor", List.of("EDITOR"), "Demo editor",
                1800);
        ARTICLES.on("GET", "/api/editorial/desk", request -> editor.carriedBy(request.header("Authorization"))
                ? FakeService.Reply.json("""
                        {"items":[{"id":"7","title":"一篇草稿","status":"DRAFT","categoryId":"13","createdBy":"editor",
                                   "updatedAt":"2026-01-01T00:00:00Z","views":41}],"nextCursor":null,"total":1}
                        """)
                : FakeService.Reply.status(401));
    }

    private String csrf(String path) {
        HttpResponse<String> page = get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        return Jsoup.parse(page.body()).select("input[name=_csrf]").attr("value");
    }

    private HttpResponse<String> signIn(String user, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", user);
        form.put("password", password);
        form.put("_csrf", csrf("/console/login"));
        return postForm("/console/login", form);
    }

    @Test
    void theConsoleAsksForASignInFirst() {
        HttpResponse<String> response = get("/console");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/console/login");
    }

    @Test
    void signInIsCheckedByArticleServiceAndItsCallsCarryTheEditorsCredentials() {
        articleServiceKnowsTheEditor();

        HttpResponse<String> signedIn = signIn("editor", "newsroom-editor");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).endsWith("/console");

        HttpResponse<String> dashboard = get("/console");
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        Document page = Jsoup.parse(dashboard.body());
        assertThat(page.select("#desk td a").eachText()).contains("一篇草稿");
        assertThat(page.select("#nav-categories")).isEmpty();
        assertThat(ARTICLES.requests).filteredOn(r -> r.path().equals("/api/editorial/desk"))
                .allMatch(r -> editor.carriedBy(r.header("Authorization")));
    }

    @Test
    void theArticleListSendsItsFiltersToArticleServiceAndShowsViewsAndALinkToTheNextPage() {
        articleServiceKnowsTheEditor();
        ARTICLES.on("GET", "/api/editorial/desk", request -> FakeService.Reply.json("""
                {"items":[{"id":"9","title":"园区 & 产业","status":"PUBLISHED","categoryId":"13","createdBy":"writer",
                           "updatedAt":"2026-01-01T00:00:00Z","views":356}],"nextCursor":"dTox","total":31,"sort":"views"}
                """));
        signIn("editor", "newsroom-editor");

        Document page = Jsoup.parse(get("/console?status=PUBLISHED&author=writer&q=%E5%9B%AD%E5%8C%BA+%26&sort=views")
                .body());

        FakeService.Request asked = ARTICLES.requests.stream().filter(r -> r.path().equals("/api/editorial/desk"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(asked.rawQuery()).contains("status=PUBLISHED", "author=writer", "sort=views", "size=30")
                .contains("q=%E5%9B%AD%E5%8C%BA%20%26").doesNotContain("cursor", "category");
        assertThat(page.select("#desk tbody tr td.views").text()).isEqualTo("356");
        assertThat(page.select("#desk-total").text()).isEqualTo("(31)");
        assertThat(page.select("#filter-status option[selected]").attr("value")).isEqualTo("PUBLISHED");
        assertThat(page.select("#filter-q").attr("value")).isEqualTo("园区 &");
        assertThat(page.select("#desk-next").attr("href")).contains("cursor=dTox").contains("sort=views");
    }

    @Test
    void aFilterArticleServiceRefusesIsShownOnThePageNotAnError() {
        articleServiceKnowsTheEditor();
        ARTICLES.on("GET", "/api/editorial/desk", request -> new FakeService.Reply(400, "application/problem+json",
                "{\"status\":400,\"detail\":\"cursor: is not a cursor of this list\",\"errors\":[{\"field\":"
                        + "\"cursor\",\"reason\":\"is not a cursor of this list\"}]}"));
        signIn("editor", "newsroom-editor");

        HttpResponse<String> response = get("/console?cursor=garbage");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Jsoup.parse(response.body()).select("#desk-error").text()).contains("cursor");
    }

    @Test
    void aWrongPasswordIsRefused() {
        articleServiceKnowsTheEditor();

        HttpResponse<String> response = signIn("editor", "wrong-password");

        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error=credentials");
        assertThat(get("/console").statusCode()).isEqualTo(302);
    }

    @Test
    void withArticleServiceDownSignInSaysSoRatherThanBlamingThePassword() {
        ARTICLES.down();

        HttpResponse<String> response = signIn("editor", "newsroom-editor");

        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error=unavailable");
    }

    @Test
    void aFormPostedWithoutTheCsrfTokenIsRefused() {
        articleServiceKnowsTheEditor();
        signIn("editor", "newsroom-editor");

        HttpResponse<String> response = postForm("/console/articles/7/publish", Map.of("etag", "\"3\""));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(ARTICLES.count("POST", "/api/editorial/articles/7/publish")).isZero();
    }

    @Test
    void publishingSendsTheArticlesEtagInIfMatch() {
        articleServiceKnowsTheEditor();
        ARTICLES.on("POST", "/api/editorial/articles/7/publish", FakeService.Reply.json("""
                {"id":"7","title":"一篇草稿","status":"PUBLISHED","version":4}
                """));
        signIn("editor", "newsroom-editor");
        String token = csrf("/console");

        HttpResponse<String> response = postForm("/console/articles/7/publish",
                Map.of("etag", "\"3\"", "_csrf", token));

        assertThat(response.statusCode()).isEqualTo(302);
        FakeService.Request publish = ARTICLES.requests.stream()
                .filter(r -> r.path().equals("/api/editorial/articles/7/publish")).findFirst().orElseThrow();
        assertThat(publish.header("If-Match")).isEqualTo("\"3\"");
        assertThat(publish.header("Authorization")).satisfies(h -> assertThat(editor.carriedBy(h)).isTrue());
    }

    @Test
    void schedulingSendsTheChosenLocalTimeAsAnInstantInTheNewsroomsZone() {
        articleServiceKnowsTheEditor();
        ARTICLES.on("POST", "/api/editorial/articles/7/schedule", FakeService.Reply.json("""
                {"id":"7","title":"一篇草稿","status":"SCHEDULED","version":4}
                """));
        signIn("editor", "newsroom-editor");

        postForm("/console/articles/7/schedule",
                Map.of("etag", "\"3\"", "publishAt", "2030-01-07T09:00", "_csrf", csrf("/console")));

        FakeService.Request schedule = ARTICLES.requests.stream()
                .filter(r -> r.path().equals("/api/editorial/articles/7/schedule")).findFirst().orElseThrow();
        assertThat(schedule.body()).isEqualTo("{\"publishAt\":\"2030-01-07T01:00:00Z\"}");
    }

    @Test
    void theEditorSeesTheHistoryAndRestoresAnEarlierVersion() {
        articleServiceKnowsTheEditor();
        ARTICLES.on("GET", "/api/editorial/articles/7", FakeService.Reply.json("""
                {"id":"7","title":"第二稿","body":"<p>二</p>","status":"DRAFT","categoryId":"13","version":2,
                 "keywords":["a"],"createdBy":"editor"}
                """));
        ARTICLES.on("GET", "/api/editorial/articles/7/revisions", FakeService.Reply.json("""
                [{"version":2,"action":"UPDATED","savedBy":"editor","savedAt":"2026-01-02T00:00:00Z","status":"DRAFT","title":"第二稿"},
                 {"version":1,"action":"CREATED","savedBy":"editor","savedAt":"2026-01-01T00:00:00Z","status":"DRAFT","title":"第一稿"}]
                """));
        ARTICLES.on("POST", "/api/editorial/articles/7/revisions/1/restore", FakeService.Reply.json("""
                {"id":"7","title":"第一稿","status":"DRAFT","version":3}
                """));
        signIn("editor", "newsroom-editor");

        Document editor = Jsoup.parse(get("/console/articles/7").body());
        assertThat(editor.select(".revisions tbody tr")).hasSize(2);
        assertThat(editor.select("#restore-1")).hasSize(1);
        assertThat(editor.select("#restore-2")).isEmpty();
        assertThat(editor.select("textarea[name=body]").text()).isEqualTo("<p>二</p>");
        assertThat(editor.select("iframe#preview").hasAttr("sandbox")).isTrue();
        assertThat(editor.select("iframe#preview").attr("sandbox")).isEmpty();
        String token = editor.select("input[name=_csrf]").first().attr("value");

        postForm("/console/articles/7/revisions/1/restore", Map.of("etag", "\"2\"", "_csrf", token));

        FakeService.Request restore = ARTICLES.requests.stream()
                .filter(r -> r.path().equals("/api/editorial/articles/7/revisions/1/restore")).findFirst()
                .orElseThrow();
        assertThat(restore.header("If-Match")).isEqualTo("\"2\"");
    }

    @Test
    void aStaleEditIsRefusedWithAnExplanationNotOverwritten() {
        articleServiceKnowsTheEditor();
        ARTICLES.on("GET", "/api/editorial/articles/7", FakeService.Reply.json("""
                {"id":"7","title":"第二稿","body":"<p>二</p>","status":"DRAFT","categoryId":"13","version":5}
                """));
        ARTICLES.on("PUT", "/api/editorial/articles/7", new FakeService.Reply(412, "application/problem+json",
                "{\"status\":412,\"detail\":\"the article's current version is 5\"}"));
        signIn("editor", "newsroom-editor");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("title", "我的修改");
        form.put("body", "<p>改</p>");
        form.put("categoryId", "13");
        form.put("etag", "\"2\"");
        form.put("_csrf", csrf("/console"));

        HttpResponse<String> response = postForm("/console/articles/7", form);

        assertThat(response.statusCode()).isEqualTo(200);
        Document page = Jsoup.parse(response.body());
        assertThat(page.select(".flash.error").text()).startsWith("这篇文章刚被别人修改过");
        assertThat(page.select("input[name=title]").attr("value")).isEqualTo("我的修改");
        FakeService.Request put = ARTICLES.requests.stream().filter(r -> r.method().equals("PUT")).findFirst()
                .orElseThrow();
        assertThat(put.header("If-Match")).isEqualTo("\"2\"");
    }

    @Test
    void categoryManagementIsForAdminsOnly() {
        articleServiceKnowsTheEditor();
        signIn("editor", "newsroom-editor");

        assertThat(get("/console/categories").statusCode()).isEqualTo(403);
    }

    @Test
    void logoutEndsTheSession() {
        articleServiceKnowsTheEditor();
        signIn("editor", "newsroom-editor");
        String token = csrf("/console");

        HttpResponse<String> response = postForm("/console/logout", Map.of("_csrf", token));

        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?logout");
        assertThat(get("/console").statusCode()).isEqualTo(302);
    }
}
