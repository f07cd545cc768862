package newsroom.portal.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;

/**
 * Console sign-in: the portal has no accounts of its own. article-service is the authority on who may write,
 * review and publish, so the portal exchanges the user name and password the editor typed for an access token at
 * article-service ({@code POST /api/auth/token}, the only place the password is ever sent): 200 with a token whose
 * {@code roles} claim says what the account may do, 401 for a wrong password, 429 after too many failures.
 *
 * <h2>Why the token stays in the server session</h2>
 * Every console action is then a server-side call to article-service (and, for admins, category-service) made with
 * the editor's own token, so each service keeps enforcing its own rules (a writer may only edit their own drafts,
 * only editors publish) and records who did what; the portal never acts with more rights than the person signed
 * in. The token lives only in the server-side session ({@link ConsoleUser}, in memory, never sent to the browser,
 * which only holds an HttpOnly SameSite=Lax session cookie); the password is not kept at all. The session renews
 * the token before it expires ({@link ConsoleTokenRenewal}); logout, 30 minutes idle or a token article-service no
 * longer accepts end the session, and the session id changes at sign-in.
 */
@Component
public class ArticleServiceAuthentication implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ArticleServiceAuthentication.class);
    private static final List<String> EDITORIAL_ROLES = List.of("WRITER", "EDITOR", "ADMIN");

    private final TokenEndpoint tokens;

    ArticleServiceAuthentication(TokenEndpoint tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName() == null ? "" : authentication.getName().strip();
        String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        if (username.isEmpty() || password.isEmpty()) {
            throw new BadCredentialsException("user name and password are required");
        }
        TokenEndpoint.Answer answer;
        try {
            answer = tokens.signIn(username, password);
        } catch (ResourceAccessException e) {
            throw new AuthenticationServiceException("article-service is unavailable", e);
        }
        switch (answer.status()) {
            case 200 -> { }
            case 401 -> throw new BadCredentialsException("wrong user name or password");
            case 429 -> throw new LockedException("too many failed sign-ins; try again later");
            default -> throw new AuthenticationServiceException("article-service answered " + answer.status());
        }
        List<String> roles = answer.roles().stream().map(ArticleServiceAuthentication::normalize)
                .filter(EDITORIAL_ROLES::contains).toList();
        if (roles.isEmpty()) {
            throw new InsufficientAuthenticationException("the account has no editorial role");
        }
        boolean isAdmin = roles.contains("ADMIN");
        String displayName = answer.claims().getClaim("name") instanceof String name && !name.isBlank()
                ? name : answer.claims().getSubject();
        List<SimpleGrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_CONSOLE"));
        if (isAdmin) {
            authorities.add(new SimpleGrantedAuthority("ROLE_ADMIN"));
        }
        ConsoleUser user = new ConsoleUser(answer.claims().getSubject(), displayName, roles, isAdmin,
                new ConsoleToken(answer.token(), answer.issuedAt(), answer.expiresAt()));
        log.info("Console sign-in: {} (roles: {})", user.username(), roles);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, authorities);
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
