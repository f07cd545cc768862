package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Who may call what: anonymous readers, the editorial roles, admins; and what is public. */
@InProcessInfrastructureTest
class AccessControlIntegrationTests {

    @LocalServerPort
    int port;

    RestClient anyone;
    RestClient admin;

    @BeforeEach
    void setUp() {
        anyone = Newsroom.anonymous(port);
        admin = Newsroom.admin(port);
    }

    HttpStatus status(RestClient client, String path) {
        return HttpStatus.valueOf(client.get().uri(path).retrieve().toBodilessEntity().getStatusCode().value());
    }

    @Test
    void feedsSitemapHealthMetricsForPrometheusAndTheApiDocumentationArePublic() {
        assertThat(status(anyone, "/feeds/rss.xml")).isEqualTo(HttpStatus.OK);
        assertThat(status(anyone, "/sitemap.xml")).isEqualTo(HttpStatus.OK);
        assertThat(status(anyone, "/actuator/health/liveness")).isEqualTo(HttpStatus.OK);
        assertThat(status(anyone, "/actuator/prometheus")).isEqualTo(HttpStatus.OK);
        assertThat(status(anyone, "/swagger-ui/index.html")).isEqualTo(HttpStatus.OK);

        JsonNode api = anyone.get().uri("/v3/api-docs").retrieve().body(JsonNode.class);
        assertThat(api.get("paths").propertyNames()).contains("/api/editorial/articles",
                "/api/editorial/articles/{id}/revisions/diff", "/api/articles/by-slug/{slug}",
                "/api/articles/{id}/related", "/api/admin/users", "/feeds/rss.xml", "/sitemap.xml");
        assertThat(api.get("components").get("securitySchemes").propertyNames()).contains("basicAuth", "bearerAuth");
    }

    @Test
    void wrongCredentialsDoNotLockAnyoneOutOfPublicEndpointsButNeverOpenProtectedOnes() {
        RestClient wrong = Newsroom.as(port, "admin", "not-the-password");
        assertThat(status(wrong, "/feeds/rss.xml")).isEqualTo(HttpStatus.OK);
        assertThat(status(wrong, "/api/articles/4040404")).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<JsonNode> refused = wrong.get().uri("/api/admin/users").retrieve().toEntity(JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused.getBody().get("detail").asText()).isEqualTo("The user name or password is wrong");
    }

    @Test
    void otherActuatorEndpointsAreForAdminsOnly() {
        assertThat(status(anyone, "/actuator/metrics")).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(status(Newsroom.editor(port), "/actuator/metrics")).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(status(admin, "/actuator/metrics")).isEqualTo(HttpStatus.OK);
    }

    @Test
    void anEditorialCallWithoutCredentialsIs401ProblemAndReadingStaysAnonymous() {
        ResponseEntity<JsonNode> refused = anyone.get().uri("/api/editorial/articles").retrieve()
                .toEntity(JsonNode.class);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("instance").asText()).isEqualTo("/api/editorial/articles");
        assertThat(status(anyone, "/api/articles/4040404")).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aPostToTheApiNeedsNoCsrfTokenButNeverCreatesASession() {
        var created = Newsroom.editor(port).post().uri("/api/editorial/articles")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("title", "t", "body", "b", "categoryId", "none"))
                .retrieve().toEntity(JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(created.getHeaders().get("Set-Cookie")).isNull();
    }

    @Test
    void anAdminCreatesAUserWhoCanThenSignInWithTheGivenRole() {
        var created = admin.post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "Zhang.Wei", "password", "a-long-password-1", "roles", List.of("writer"),
                        "displayName", "张伟"))
                .retrieve().toEntity(JsonNode.class);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody().get("username").asText()).isEqualTo("zhang.wei");
        assertThat(created.getBody().get("roles").toString()).isEqualTo("[\"WRITER\"]");
        assertThat(created.getBody().has("passwordHash")).isFalse();

        RestClient zhang = Newsroom.as(port, "zhang.wei", "a-long-password-1");
        assertThat(status(zhang, "/api/editorial/articles")).isEqualTo(HttpStatus.OK);
        assertThat(status(zhang, "/api/admin/users")).isEqualTo(HttpStatus.FORBIDDEN);

        var duplicate = admin.post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "zhang.wei", "password", "another-password", "roles", List.of("EDITOR")))
                .retrieve().toEntity(JsonNode.class);
        assertThat(duplicate.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        var disabled = admin.patch().uri("/api/admin/users/zhang.wei").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("enabled", false)).retrieve().toEntity(JsonNode.class);
        assertThat(disabled.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(status(zhang, "/api/editorial/articles")).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void invalidAccountsAreRefusedNamingTheFieldAndTheLastAdminStays() {
        var weak = admin.post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "x", "password", "short", "roles", List.of("OWNER")))
                .retrieve().toEntity(JsonNode.class);
        assertThat(weak.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(weak.getBody().get("errors").findValuesAsString("field"))
                .contains("username", "password", "roles[0]");

        var tooLongForBcrypt = admin.post().uri("/api/admin/users").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "li.na", "password", "密".repeat(30), "roles", List.of("WRITER")))
                .retrieve().toEntity(JsonNode.class);
        assertThat(tooLongForBcrypt.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(tooLongForBcrypt.getBody().get("errors").get(0).get("field").asText()).isEqualTo("password");

        var selfDemotion = admin.patch().uri("/api/admin/users/admin").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("roles", List.of("EDITOR"))).retrieve().toEntity(JsonNode.class);
        assertThat(selfDemotion.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(status(admin, "/api/admin/users")).isEqualTo(HttpStatus.OK);
    }
}
