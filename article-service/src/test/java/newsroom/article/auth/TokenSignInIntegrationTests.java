package newsroom.article.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import newsroom.testing.InProcessInfrastructureTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Sign in once at {@code POST /api/auth/token}, then call with the token; and every way that goes wrong: a wrong
 * password (401 problem, counted), repeated failures (429), expired, tampered, foreign-issuer, foreign-audience and
 * unknown-key tokens (401), a writer's token on an editor's action (403).
 */
@InProcessInfrastructureTest
class TokenSignInIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys keys;

    RestClient anyone;

    @BeforeEach
    void setUp() {
        anyone = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    ResponseEntity<JsonNode> signIn(String username, String password) {
        return anyone.post().uri("/api/auth/token").headers(h -> h.setBasicAuth(username, password))
                .retrieve().toEntity(JsonNode.class);
    }

    String token(String username, String password) {
        ResponseEntity<JsonNode> issued = signIn(username, password);
        assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.OK);
        return issued.getBody().get("access_token").asString();
    }

    ResponseEntity<JsonNode> get(String path, String token) {
        return anyone.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve().toEntity(JsonNode.class);
    }

    @Test
    void signingInWithBasicOrJsonGivesABearerTokenTheEditorialApiTakes() {
        ResponseEntity<JsonNode> issued = signIn("editor", "newsroom-editor");
        assertThat(issued.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(issued.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(issued.getBody().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(issued.getBody().get("expires_in").asLong()).isEqualTo(1800);
        String token = issued.getBody().get("access_token").asString();
        assertThat(get("/api/editorial/articles?size=1", token).getStatusCode()).isEqualTo(HttpStatus.OK);

        JsonNode claims = claims(token);
        assertThat(claims.get("sub").asString()).isEqualTo("editor");
        assertThat(claims.get("iss").asString()).isEqualTo("newsroom");
        assertThat(claims.get("aud").toString()).contains("newsroom");
        assertThat(claims.get("roles").toString()).isEqualTo("[\"EDITOR\"]");

        ResponseEntity<JsonNode> byJson = anyone.post().uri("/api/auth/token").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "Writer", "password", "newsroom-writer")).retrieve().toEntity(JsonNode.class);
        assertThat(byJson.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(claims(byJson.getBody().get("access_token").asString()).get("sub").asString()).isEqualTo("writer");
    }

    @Test
    void aValidTokenIsExchangedForAFreshOneWithoutThePassword() {
        String first = token("writer", "newsroom-writer");
        ResponseEntity<JsonNode> refreshed = anyone.post().uri("/api/auth/token")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + first).retrieve().toEntity(JsonNode.class);
        assertThat(refreshed.getStatusCode()).isEqualTo(HttpStatus.OK);
        String second = refreshed.getBody().get("access_token").asString();
        assertThat(claims(second).get("jti").asString()).isNotEqualTo(claims(first).get("jti").asString());
        assertThat(get("/api/editorial/articles?size=1", second).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aWrongPasswordIsA401ProblemAndCounted() {
        double before = failures("bad_credentials");
        ResponseEntity<JsonNode> refused = signIn("writer2", "not-the-password");
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(refused.getBody().get("detail").asString()).isEqualTo("The user name or password is wrong");
        assertThat(refused.getBody().has("access_token")).isFalse();
        assertThat(failures("bad_credentials")).isEqualTo(before + 1);

        ResponseEntity<JsonNode> nothing = anyone.post().uri("/api/auth/token").retrieve().toEntity(JsonNode.class);
        assertThat(nothing.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void repeatedFailuresForOneAccountAreSlowedTo429EvenForTheRightPassword() {
        // The test configuration allows 5 failures per account before the bucket is empty.
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("throttled.user", "guess-" + i).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        }
        double before = failures("throttled");
        ResponseEntity<JsonNode> slowed = signIn("throttled.user", "guess-6");
        assertThat(slowed.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(slowed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(slowed.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
        assertThat(failures("throttled")).isEqualTo(before + 1);
        // Other accounts from the same address still sign in.
        assertThat(signIn("editor", "newsroom-editor").getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void expiredTamperedForeignIssuerForeignAudienceAndUnknownKeyTokensAre401() throws Exception {
        String path = "/api/editorial/articles?size=1";
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new TokenIssuer(keys, "newsroom", "newsroom", Duration.ofMinutes(5), anHourAgo)
                .issue("editor", List.of("EDITOR"), null).value();
        String foreignIssuer = issuer(keys, "https://elsewhere.example", "newsroom").issue("editor",
                List.of("EDITOR"), null).value();
        String foreignAudience = issuer(keys, "newsroom", "another-app").issue("editor", List.of("EDITOR"), null)
                .value();
        RSAKey otherKey = new RSAKeyGenerator(2048).algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint(true)
                .generate();
        String unknownKey = issuer(new SigningKeys(otherKey, null), "newsroom", "newsroom")
                .issue("editor", List.of("EDITOR"), null).value();
        String writer = token("writer", "newsroom-writer");
        String[] parts = writer.split("\\.");
        String promoted = claims(writer).toString().replace("\"WRITER\"", "\"ADMIN\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(promoted.getBytes())
                + "." + parts[2];

        for (String bad : List.of(expired, foreignIssuer, foreignAudience, unknownKey, tampered)) {
            ResponseEntity<JsonNode> refused = get(path, bad);
            assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(refused.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                    .isEqualTo("Bearer error=\"invalid_token\"");
        }
        assertThat(get(path, writer).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aWritersTokenOnAnEditorsActionIs403() {
        String writer = token("writer", "newsroom-writer");
        ResponseEntity<JsonNode> approve = anyone.post().uri("/api/editorial/articles/4040404/approve")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + writer).retrieve().toEntity(JsonNode.class);
        assertThat(approve.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/admin/users", writer).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("/api/admin/users", token("admin", "test-admin-password")).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void theJwkSetPublishesThePublicSigningKeyOnly() {
        JsonNode jwks = anyone.get().uri("/oauth2/jwks").retrieve().body(JsonNode.class);
        JsonNode key = jwks.get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("kid").asString()).isEqualTo(keys.signing().getKeyID());
        assertThat(key.has("d")).isFalse();
        assertThat(key.has("p")).isFalse();
    }

    private static TokenIssuer issuer(SigningKeys keys, String issuer, String audience) {
        return new TokenIssuer(keys, issuer, audience, Duration.ofMinutes(5), Clock.systemUTC());
    }

    private static JsonNode claims(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(payload);
    }

    private double failures(String reason) {
        String metrics = anyone.get().uri("/actuator/prometheus").retrieve().body(String.class);
        return metrics.lines().filter(l -> l.startsWith("newsroom_auth_failures_total{")
                        && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
