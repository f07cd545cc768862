package newsroom.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** Admins manage the category tree from the console; category-service receives their token. */
class CategoryConsoleIntegrationTests extends PortalTestBase {

    /** The tokens article-service issued the admin: what category-service receives from the console. */
    private FakeTokenEndpoint.Issued admin;

    private static final String TREE = """
            [{"id":"1","name":"新闻中心","slug":"news","sortOrder":1,"hidden":false,"children":[
              {"id":"2","name":"高新院新闻","slug":"institute-news","parentId":"1","sortOrder":10,"hidden":false},
              {"id":"13","name":"园区规划","slug":"park-planning","parentId":"1","sortOrder":120,"hidden":false}]}]
            """;

    private void signInAsAdmin() {
        admin = FakeTokenEndpoint.serve(ARTICLES, "admin", "newsroom-admin", List.of("ADMIN"), "Administrator",
                1800);
        CATEGORIES.on("GET", "/api/categories", FakeService.Reply.json(TREE));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", "admin");
        form.put("password", "newsroom-admin");
        form.put("_csrf", token("/console/login"));
        assertThat(postForm("/console/login", form).statusCode()).isEqualTo(302);
    }

    private String token(String path) {
        return Jsoup.parse(get(path).body()).select("input[name=_csrf]").attr("value");
    }

    @Test
    void anAdminSeesTheWholeTreeHiddenCategoriesIncluded() {
        signInAsAdmin();

        HttpResponse<String> page = get("/console/categories");

        assertThat(page.statusCode()).isEqualTo(200);
        Document html = Jsoup.parse(page.body());
        assertThat(html.select(".category-tree tbody tr td:first-child > span:first-child").eachText())
                .containsExactly("新闻中心", "高新院新闻", "园区规划");
        assertThat(html.select(".who").text()).isEqualTo("Administrator (ADMIN)");
        assertThat(CATEGORIES.requests).filteredOn(r -> r.path().equals("/api/categories"))
                .anyMatch(r -> "includeHidden=true".equals(r.query()) && admin.carriedBy(r.header("Authorization")));
    }

    @Test
    void renamingSendsOnlyTheChangedFieldsWithTheAdminsCredentialsAndRefreshesTheSidebar() {
        signInAsAdmin();
        CATEGORIES.on("GET", "/api/categories/13/siblings", FakeService.Reply.json("""
                [{"id":"13","name":"园区规划","slug":"park-planning","parentId":"1","sortOrder":120}]
                """));
        assertThat(categories.siblings("13").orElseThrow().get(0).name()).isEqualTo("园区规划");
        CATEGORIES.on("PATCH", "/api/categories/13", request -> FakeService.Reply.json(
                "{\"id\":\"13\",\"name\":\"园区规划与建设\",\"slug\":\"park-planning\",\"sortOrder\":120}"));
        CATEGORIES.on("GET", "/api/categories/13/siblings", FakeService.Reply.json("""
                [{"id":"13","name":"园区规划与建设","slug":"park-planning","parentId":"1","sortOrder":120}]
                """));

        HttpResponse<String> response = postForm("/console/categories/13", Map.of("name", "园区规划与建设",
                "slug", "park-planning", "sortOrder", "120", "_csrf", token("/console/categories")));

        assertThat(response.statusCode()).isEqualTo(302);
        FakeService.Request patch = CATEGORIES.requests.stream().filter(r -> r.method().equals("PATCH"))
                .findFirst().orElseThrow();
        assertThat(patch.header("Authorization")).satisfies(h -> assertThat(admin.carriedBy(h)).isTrue());
        assertThat(patch.body()).contains("\"name\":\"园区规划与建设\"");
        assertThat(categories.siblings("13").orElseThrow().get(0).name()).isEqualTo("园区规划与建设");
    }

    @Test
    void movingACategoryUpSwapsItsSortOrderWithTheOneAbove() {
        signInAsAdmin();
        CATEGORIES.on("PATCH", "/api/categories/13", FakeService.Reply.json("{\"id\":\"13\",\"name\":\"园区规划\"}"));
        CATEGORIES.on("PATCH", "/api/categories/2", FakeService.Reply.json("{\"id\":\"2\",\"name\":\"高新院新闻\"}"));

        postForm("/console/categories/13/move", Map.of("direction", "up", "_csrf", token("/console/categories")));

        assertThat(CATEGORIES.requests).filteredOn(r -> r.method().equals("PATCH"))
                .extracting(r -> r.path() + " " + r.body())
                .containsExactly("/api/categories/13 {\"sortOrder\":10}", "/api/categories/2 {\"sortOrder\":120}");
    }

    @Test
    void hidingACategoryPatchesHidden() {
        signInAsAdmin();
        CATEGORIES.on("PATCH", "/api/categories/2", FakeService.Reply.json("{\"id\":\"2\",\"hidden\":true}"));

        postForm("/console/categories/2/visibility", Map.of("hidden", "true", "_csrf", token("/console/categories")));

        assertThat(CATEGORIES.requests).filteredOn(r -> r.method().equals("PATCH"))
                .extracting(FakeService.Request::body).containsExactly("{\"hidden\":true}");
    }

    @Test
    void aRefusalFromCategoryServiceIsShownToTheAdmin() {
        signInAsAdmin();
        CATEGORIES.on("POST", "/api/categories", new FakeService.Reply(409, "application/problem+json",
                "{\"status\":409,\"detail\":\"x\",\"errors\":[{\"field\":\"slug\",\"reason\":\"is taken\"}]}"));

        postForm("/console/categories", Map.of("name", "新栏目", "slug", "news", "parentId", "",
                "sortOrder", "5", "_csrf", token("/console/categories")));

        assertThat(Jsoup.parse(get("/console/categories").body()).select(".flash.error").text())
                .isEqualTo("无法执行：slug is taken");
    }
}
