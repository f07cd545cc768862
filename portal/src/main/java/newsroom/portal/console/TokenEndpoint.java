package newsroom.portal.console;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Instant;
import java.util.List;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.RestClients;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * article-service's token endpoint ({@code POST /api/auth/token}), as the console uses it: once with the password
 * the editor typed, then with the session's still valid token to get a fresh one. The claims are read without
 * checking the signature: the token comes straight from article-service in answer to this call, and every service
 * checks the signature itself whenever the console uses it.
 */
@Component
class TokenEndpoint {

    /** What article-service answered: 200 with a token and its claims, or the status it refused with. */
    record Answer(int status, String token, JWTClaimsSet claims) {

        boolean ok() {
            return status == 200 && token != null;
        }

        Instant issuedAt() {
            return claims.getIssueTime() == null ? Instant.now() : claims.getIssueTime().toInstant();
        }

        Instant expiresAt() {
            return claims.getExpirationTime().toInstant();
        }

        List<String> roles() {
            try {
                List<String> roles = claims.getStringListClaim("roles");
                return roles == null ? List.of() : roles;
            } catch (ParseException notAList) {
                return List.of();
            }
        }
    }

    private final RestClient http;

    TokenEndpoint(PortalProperties properties, HttpClient backendHttpClient,
            ObjectProvider<ObservationRegistry> observations) {
        this.http = RestClients.builder(properties.getServices().getArticleUrl(), backendHttpClient,
                        properties.getServices().getReadTimeout(), observations.getIfAvailable())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    /** Signs in with a password (HTTP Basic); the password goes nowhere else. */
    Answer signIn(String username, String password) {
        return call(headers -> headers.setBasicAuth(username, password, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Exchanges a valid token for a fresh one of the same account. */
    Answer renew(ConsoleToken token) {
        return call(headers -> headers.set(HttpHeaders.AUTHORIZATION, token.authorization()));
    }

    private Answer call(java.util.function.Consumer<HttpHeaders> credentials) {
        ResponseEntity<JsonNode> response = http.post().uri("/api/auth/token").headers(credentials)
                .retrieve().toEntity(JsonNode.class);
        int status = response.getStatusCode().value();
        JsonNode body = response.getBody();
        if (status != 200 || body == null || body.get("access_token") == null) {
            return new Answer(status == 200 ? 502 : status, null, null);
        }
        String token = body.get("access_token").asString();
        try {
            return new Answer(status, token, JWTParser.parse(token).getJWTClaimsSet());
        } catch (ParseException notAJwt) {
            return new Answer(502, null, null);
        }
    }
}
