package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import newsroom.article.categories.CategoryReplica;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Whatever a client sends, the answer is a 4xx problem naming what is wrong — never a 500. */
@InProcessInfrastructureTest
class BadInputIntegrationTests {

    static final String CATEGORY = "9980";

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    RestClient editor;
    String article;

    @BeforeEach
    void setUp() {
        editor = Newsroom.editor(port);
        Newsroom.category(replica, CATEGORY, "输入", CATEGORY);
        article = Newsroom.createId(editor, Newsroom.draft(CATEGORY, Map.of()));
    }

    ResponseEntity<String> send(HttpMethod method, String path, String contentType, String body) {
        var request = editor.method(method).uri(path).header("If-Match", "\"0\"");
        if (contentType != null) {
            request = request.header("Content-Type", contentType);
        }
        if (body != null) {
            request = request.body(body);
        }
        return request.retrieve().toEntity(String.class);
    }

    @Test
    void malformedRequestsAreClientErrorsWithProblemBodies() {
        String a = "/api/editorial/articles/" + article;
        List<Object[]> cases = List.of(
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "application/json", "{"},
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "application/json", "[]"},
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "application/json", "null"},
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "text/plain", "hello"},
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "application/json",
                        "{\"title\":{\"nested\":1},\"body\":\"b\",\"categoryId\":\"" + CATEGORY + "\"}"},
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "application/json",
                        "{\"title\":\"t\",\"body\":\"b\",\"categoryId\":\"" + CATEGORY + "\",\"sortRank\":1e100}"},
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "application/json",
                        "{\"title\":\"t\\u0000x\",\"body\":\"b\",\"categoryId\":\"" + CATEGORY + "\"}"},
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "application/json",
                        "{\"title\":\"t\",\"body\":\"b\",\"categoryId\":\"" + CATEGORY + "\",\"headline\":\"maybe\"}"},
                new Object[] {HttpMethod.POST, "/api/editorial/articles", "application/json",
                        "{\"title\":\"t\",\"body\":\"b\",\"categoryId\":\"" + CATEGORY
                                + "\",\"coverImageUrl\":\"javascript:alert(1)\"}"},
                new Object[] {HttpMethod.PUT, a, "application/json", "{\"title\":\"\"}"},
                new Object[] {HttpMethod.PUT, a, "application/xml", "<article/>"},
                new Object[] {HttpMethod.POST, a + "/reject", "application/json", "{}"},
                new Object[] {HttpMethod.POST, a + "/reject", null, null},
                new Object[] {HttpMethod.POST, a + "/schedule", "application/json", "{\"publishAt\":12}"},
                new Object[] {HttpMethod.POST, a + "/schedule", "application/json",
                        "{\"publishAt\":\"+999999999-12-31T23:59:59Z\"}"},
                new Object[] {HttpMethod.POST, a + "/approve", "application/json", "{\"note\":[1,2]}"},
                new Object[] {HttpMethod.GET, "/api/editorial/articles?status=ARCHIVED", null, null},
                new Object[] {HttpMethod.GET, "/api/editorial/articles?page=-1", null, null},
                new Object[] {HttpMethod.GET, "/api/editorial/articles?size=100000", null, null},
                new Object[] {HttpMethod.GET, "/api/editorial/articles/%00", null, null},
                new Object[] {HttpMethod.GET, "/api/editorial/articles/" + "9".repeat(400), null, null},
                new Object[] {HttpMethod.GET, a + "/revisions/diff?from=x", null, null},
                new Object[] {HttpMethod.GET, a + "/revisions/99999999999999999999999", null, null},
                new Object[] {HttpMethod.DELETE, a, null, null},
                new Object[] {HttpMethod.GET, "/api/articles/by-slug/%E4%B8%AD%E6%96%87", null, null},
                new Object[] {HttpMethod.GET, "/api/articles/99999999-" + "x".repeat(5000), null, null},
                new Object[] {HttpMethod.POST, "/api/articles/" + article + "/views", "application/json", "[1"},
                new Object[] {HttpMethod.GET, "/feeds/categories/%F0%9F%98%80/rss.xml", null, null});
        for (Object[] c : cases) {
            ResponseEntity<String> response = send((HttpMethod) c[0], (String) c[1], (String) c[2], (String) c[3]);
            assertThat(response.getStatusCode().is4xxClientError())
                    .as("%s %s %s -> %s %s", c[0], c[1], c[3], response.getStatusCode(), response.getBody())
                    .isTrue();
        }
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        String huge = "{\"title\":\"t\",\"body\":\"" + "字".repeat(600_000) + "\",\"categoryId\":\"" + CATEGORY + "\"}";
        var response = send(HttpMethod.POST, "/api/editorial/articles", "application/json", huge);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
    }

    @Test
    void validationNamesEveryOffendingField() {
        var response = editor.post().uri("/api/editorial/articles").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("title", " ", "body", "b", "categoryId", CATEGORY, "slug", "Not A Slug",
                        "keywords", List.of("ok", ""), "seoTitle", "s".repeat(201)))
                .retrieve().toEntity(JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("errors").findValuesAsString("field"))
                .contains("title", "slug", "keywords[1]", "seoTitle");
    }
}
