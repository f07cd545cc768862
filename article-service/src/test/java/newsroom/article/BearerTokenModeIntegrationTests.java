package newsroom.article;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import newsroom.article.categories.CategoryReplica;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Production mode: with an issuer URI configured (NEWSROOM_JWT_ISSUER_URI) the service is an OAuth2 resource server.
 * A stand-in identity provider here serves OpenID discovery and its signing keys; tokens carry the roles in a
 * {@code roles} claim. Local accounts no longer sign anyone in.
 */
@InProcessInfrastructureTest
class BearerTokenModeIntegrationTests {

    static final String CATEGORY = "9960";
    static final RSAKey KEY = generateKey();
    static final HttpServer ISSUER = startIssuer();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry properties) {
        properties.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", BearerTokenModeIntegrationTests::issuerUri);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    CategoryReplica replica;

    static String issuerUri() {
        return "http://localhost:" + ISSUER.getAddress().getPort();
    }

    static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test-key").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpServer startIssuer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange, """
                    {"issuer":"%1$s","jwks_uri":"%1$s/jwks","subject_types_supported":["public"],
                     "response_types_supported":["code"],"id_token_signing_alg_values_supported":["RS256"]}
                    """.formatted("http://localhost:" + server.getAddress().getPort())));
            server.createContext("/jwks", exchange -> respond(exchange, new JWKSet(KEY.toPublicJWK()).toString()));
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static String token(String issuer, String username, Object roles, Instant expires) {
        try {
            JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject("sub-" + username)
                    .claim("preferred_username", username).issueTime(new Date())
                    .expirationTime(Date.from(expires));
            if (roles != null) {
                claims.claim("roles", roles);
            }
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(KEY));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    RestClient bearer(String token) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBearerAuth(token))
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    @Test
    void rolesFromTheTokenDecideWhatTheCallerMayDo() {
        Newsroom.category(replica, CATEGORY, "令牌", CATEGORY);
        Instant inAnHour = Instant.now().plusSeconds(3600);
        RestClient editor = bearer(token(issuerUri(), "li.editor", List.of("editor"), inAnHour));
        RestClient writer = bearer(token(issuerUri(), "wang.writer", "writer", inAnHour));

        String id = Newsroom.createId(writer, Newsroom.draft(CATEGORY, Map.of()));
        assertThat(Newsroom.get(writer, id).getBody().get("createdBy").asText()).isEqualTo("wang.writer");
        assertThat(Newsroom.action(writer, id, "publish").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(Newsroom.action(editor, id, "publish").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(Newsroom.read(Newsroom.anonymous(port), id).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void badTokensAndLocalPasswordsAre401ProblemsWithABearerChallenge() {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        for (RestClient client : List.of(
                bearer(token(issuerUri(), "x", List.of("editor"), Instant.now().minusSeconds(3600))),
                bearer(token("http://evil.example", "x", List.of("editor"), inAnHour)),
                bearer("not-a-jwt"),
                Newsroom.editor(port))) {
            var response = client.get().uri("/api/editorial/articles").retrieve().toEntity(JsonNode.class);
            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getHeaders().getFirst("WWW-Authenticate")).startsWith("Bearer");
        }
    }

    @Test
    void aTokenWithoutANewsroomRoleIsForbidden() {
        Instant inAnHour = Instant.now().plusSeconds(3600);
        var noRoles = bearer(token(issuerUri(), "reader", null, inAnHour)).get().uri("/api/editorial/articles")
                .retrieve().toEntity(JsonNode.class);
        assertThat(noRoles.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var foreignRole = bearer(token(issuerUri(), "reader", List.of("offline_access", "uma_authorization"),
                inAnHour)).get().uri("/api/editorial/articles").retrieve().toEntity(JsonNode.class);
        assertThat(foreignRole.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        var admin = bearer(token(issuerUri(), "root", "ROLE_ADMIN", inAnHour)).get().uri("/api/admin/users")
                .retrieve().toEntity(JsonNode.class);
        assertThat(admin.getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
