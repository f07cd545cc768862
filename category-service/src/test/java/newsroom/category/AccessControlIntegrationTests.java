package newsroom.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Reads of the tree and the listings are for everyone; every write is for admins. */
class AccessControlIntegrationTests extends IntegrationTestBase {

    @Test
    void everyoneMayReadTheTreeTheNavigationAndTheListings() {
        String rootSlug = unique("open");
        String root = createCategory("公开", rootSlug, null, 1).get("id").asString();
        String child = create("子栏目", root);

        for (String uri : List.of("/api/categories", "/api/categories/" + root, "/api/categories/by-path/" + rootSlug,
                "/api/categories/" + child + "/breadcrumb", "/api/categories/" + child + "/siblings",
                "/api/categories/" + root + "/children", "/api/categories/" + root + "/articles?scope=subtree",
                "/actuator/health", "/actuator/prometheus")) {
            assertThat(http.get().uri(uri).retrieve().toBodilessEntity().getStatusCode()).as(uri)
                    .isEqualTo(HttpStatus.OK);
        }
        // Wrong credentials do not make a public read fail.
        RestClient wrong = client(ADMIN, "not-the-password");
        assertThat(wrong.get().uri("/api/categories/{id}", root).retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void writesWithoutCredentialsAreUnauthorizedAndAnEditorsAreForbidden() {
        String root = create("受保护", null);
        String other = create("别处", null);
        RestClient editor = client("editor", EDITOR_PASSWORD);
        Map<String, Object> move = new LinkedHashMap<>();
        move.put("parentId", other);

        for (RestClient client : List.of(http, editor)) {
            HttpStatus expected = client == http ? HttpStatus.UNAUTHORIZED : HttpStatus.FORBIDDEN;
            assertRefused(send(client, HttpMethod.POST, "/api/categories",
                    Map.of("name", "新", "slug", unique("new"))), expected);
            assertRefused(send(client, HttpMethod.PATCH, "/api/categories/{id}", Map.of("name", "改"), root),
                    expected);
            assertRefused(send(client, HttpMethod.PUT, "/api/categories/{id}",
                    Map.of("name", "改", "slug", unique("s"), "sortOrder", 1, "hidden", false), root), expected);
            assertRefused(send(client, HttpMethod.POST, "/api/categories/{id}/move", move, root), expected);
            assertRefused(send(client, HttpMethod.DELETE, "/api/categories/{id}", null, root), expected);
        }
        ResponseEntity<JsonNode> anonymous = send(http, HttpMethod.DELETE, "/api/categories/{id}", null, root);
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");

        assertThat(category(root).get("name").asString()).isEqualTo("受保护");
        assertThat(send(HttpMethod.PATCH, "/api/categories/{id}", Map.of("name", "管理员改名"), root)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void operationalEndpointsBeyondHealthAndScrapingAreForAdmins() {
        assertThat(http.get().uri("/actuator/metrics").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(admin.get().uri("/actuator/metrics").retrieve().toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    private static void assertRefused(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
