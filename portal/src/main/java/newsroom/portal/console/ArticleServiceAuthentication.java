package newsroom.portal.console;

import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.RestClients;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Console sign-in: the portal has no accounts of its own. article-service is the authority on who may write,
 * review and publish, so the portal checks the user name and password the editor typed by calling article-service
 * with them (HTTP Basic): {@code GET /api/editorial/articles?size=1} answers 200 for writers, editors and admins,
 * 401 for a wrong password, 403 for an account without an editorial role. {@code GET /api/admin/users/{name}}
 * answers 200 only for admins, with their roles; those may also manage the category tree.
 *
 * <h2>Why the credentials stay in the server session</h2>
 * Every console action is then a server-side call to article-service (and, for admins, category-service) made with
 * the same credentials, so each service keeps enforcing its own rules (a writer may only edit their own drafts, only
 * editors publish) and records who did what; the portal never acts with more rights than the person signed in. The
 * alternatives are worse here: a portal-wide service account would let the portal act for anyone and blur the audit
 * trail; letting the browser send Basic credentials to the services would expose the APIs to the browser, with no
 * logout and no CSRF protection; and article-service has no token endpoint in local-account mode. So the Basic
 * header lives only in the server-side session ({@link ConsoleUser}, in memory, never sent to the browser, which only
 * holds an HttpOnly SameSite=Lax session cookie), is dropped at logout or after 30 minutes idle, and the session id
 * changes at sign-in. With a JWT issuer configured (production), the same design holds with the portal as an OAuth2
 * client keeping the user's access token in the session instead of a password.
 */
@Component
public class ArticleServiceAuthentication implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ArticleServiceAuthentication.class);

    private final RestClient http;

    ArticleServiceAuthentication(PortalProperties properties, HttpClient backendHttpClient,
            ObjectProvider<ObservationRegistry> observations) {
        this.http = RestClients.builder(properties.getServices().getArticleUrl(), backendHttpClient,
                        properties.getServices().getReadTimeout(), observations.getIfAvailable())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (username.isEmpty() || password.isEmpty()) {
            throw new BadCredentialsException("user name and password are required");
        }
        String basic = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        try {
            int status = http.get().uri("/api/editorial/articles?size=1")
                    .header(HttpHeaders.AUTHORIZATION, basic)
                    .retrieve().toBodilessEntity().getStatusCode().value();
            if (status == 401) {
                throw new BadCredentialsException("wrong user name or password");
            }
            if (status == 403) {
                throw new InsufficientAuthenticationException("the account has no editorial role");
            }
            if (status != 200) {
                throw new AuthenticationServiceException("article-service answered " + status);
            }
            var admin = http.get().uri("/api/admin/users/{username}", username)
                    .header(HttpHeaders.AUTHORIZATION, basic)
                    .retrieve().toEntity(JsonNode.class);
            boolean isAdmin = admin.getStatusCode().value() == 200;
            List<String> roles = new ArrayList<>();
            String displayName = username;
            if (isAdmin && admin.getBody() != null) {
                JsonNode body = admin.getBody();
                if (body.get("roles") != null) {
                    body.get("roles").forEach(r -> roles.add(normalize(r.asString())));
                }
                if (body.get("displayName") != null && !body.get("displayName").isNull()) {
                    displayName = body.get("displayName").asString();
                }
            }
            if (isAdmin && roles.isEmpty()) {
                roles.add("ADMIN");
            }
            // For anyone else article-service does not say whether they are a writer or an editor; the console
            // offers the workflow steps of each article's state and article-service refuses what they may not do.
            List<SimpleGrantedAuthority> authorities = new ArrayList<>();
            authorities.add(new SimpleGrantedAuthority("ROLE_CONSOLE"));
            if (isAdmin) {
                authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
            }
            ConsoleUser user = new ConsoleUser(username, displayName, List.copyOf(roles), isAdmin, basic);
            log.info("Console sign-in: {} (admin: {})", username, isAdmin);
            return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
        } catch (ResourceAccessException e) {
            throw new AuthenticationServiceException("article-service is unavailable", e);
        }
    }

    private static String normalize(String role) {
        String upper = role == null ? "" : role.strip().toUpperCase(Locale.ROOT);
        return upper.startsWith("ROLE_") ? upper.substring(5) : upper;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
