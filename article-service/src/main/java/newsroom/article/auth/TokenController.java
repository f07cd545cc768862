package newsroom.article.auth;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import newsroom.platform.security.Account;
import newsroom.platform.security.LocalAccounts;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sign in once, then use a token: {@code POST /api/auth/token} with the account's credentials (HTTP Basic, or a JSON
 * body {@code {"username","password"}}) answers {@code {"access_token","token_type":"Bearer","expires_in"}}. The
 * same call with a still valid bearer token (and no credentials) answers a fresh token for the same account, read
 * again, so a disabled account or changed roles take effect — that is how the console keeps a session going without
 * keeping the password. The public keys are at {@code GET /oauth2/jwks}.
 *
 * <p>Failures: wrong credentials are a 401 problem, counted as {@code newsroom_auth_failures_total{reason}}; too many
 * failures for one account or address a 429 with Retry-After ({@link SignInThrottle}), before any hash is computed.
 * The platform's Basic filter leaves this path alone ({@code newsroom.security.self-authenticated-paths}).
 */
@RestController
@ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''")
@Tag(name = "Sign-in", description = "Access tokens for local accounts")
class TokenController {

    record SignIn(String username, String password) {
    }

    private final AuthenticationManager passwords;
    private final LocalAccounts accounts;
    private final TokenIssuer issuer;
    private final SigningKeys keys;
    private final SignInThrottle throttle;
    private final MeterRegistry meters;

    TokenController(LocalAccounts accounts, PasswordEncoder passwordEncoder, TokenIssuer issuer, SigningKeys keys,
            SignInThrottle throttle, MeterRegistry meters) {
        // The same accounts and hashes as HTTP Basic; Spring's provider also spends a hash on unknown user names,
        // so timing does not tell which accounts exist. Not a bean: an AuthenticationManager bean would change
        // how Spring Security sets up the filter chain.
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(accounts);
        provider.setPasswordEncoder(passwordEncoder);
        this.passwords = new ProviderManager(provider);
        this.accounts = accounts;
        this.issuer = issuer;
        this.keys = keys;
        this.throttle = throttle;
        this.meters = meters;
    }

    @PostMapping("/api/auth/token")
    @Operation(summary = "An access token for a local account (HTTP Basic or JSON credentials; or refresh with a "
            + "valid bearer token)")
    ResponseEntity<?> token(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestBody(required = false) SignIn body, HttpServletRequest request) {
        Optional<SignIn> credentials = basic(authorization).or(() -> Optional.ofNullable(body)
                .filter(b -> b.username() != null && b.password() != null));
        if (credentials.isEmpty()) {
            if (request.getUserPrincipal() instanceof JwtAuthenticationToken bearer) {
                return refresh(bearer.getName(), request);
            }
            return problem(HttpStatus.UNAUTHORIZED, "Sign in with HTTP Basic or a JSON body "
                    + "{\"username\",\"password\"}", request, "missing");
        }
        String username = LocalAccounts.normalizeUsername(credentials.get().username());
        String address = request.getRemoteAddr();
        OptionalLong wait = throttle.attempt(username, address);
        if (wait.isPresent()) {
            ResponseEntity<ProblemDetail> tooMany = problem(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed sign-ins for this account or address; try again later", request, "throttled");
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(wait.getAsLong())).body(tooMany.getBody());
        }
        List<String> roles;
        try {
            roles = roles(passwords.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username,
                    credentials.get().password())).getAuthorities());
        } catch (DisabledException disabled) {
            return problem(HttpStatus.UNAUTHORIZED, "The account is disabled", request, "disabled");
        } catch (AuthenticationException wrong) {
            return problem(HttpStatus.UNAUTHORIZED, "The user name or password is wrong", request,
                    "bad_credentials");
        }
        throttle.succeeded(username, address);
        String displayName = accounts.find(username).map(Account::displayName).orElse(null);
        return issued(issuer.issue(username, roles, displayName));
    }

    @GetMapping(value = "/oauth2/jwks", produces = {"application/jwk-set+json", "application/json"})
    @Operation(summary = "The public keys tokens are signed with (JWK Set, RFC 7517)")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .body(keys.published().toJSONObject(true));
    }

    private ResponseEntity<?> refresh(String username, HttpServletRequest request) {
        Optional<Account> account = accounts.find(username).filter(Account::enabled);
        if (account.isEmpty()) {
            return problem(HttpStatus.UNAUTHORIZED, "The account no longer exists or is disabled", request,
                    "disabled");
        }
        return issued(issuer.issue(account.get().username(), account.get().roles(), account.get().displayName()));
    }

    private static ResponseEntity<?> issued(TokenIssuer.IssuedToken token) {
        // RFC 6749 5.1: token responses must not be cached.
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache")
                .body(Map.of("access_token", token.value(), "token_type", "Bearer",
                        "expires_in", token.lifetime().toSeconds()));
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request,
            String reason) {
        meters.counter("newsroom.auth.failures", "reason", reason).increment();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(java.net.URI.create(request.getRequestURI()));
        var response = ResponseEntity.status(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"newsroom\"");
        }
        return response.body(problem);
    }

    private static Optional<SignIn> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            // A header without a colon has no password: a wrong sign-in like any other.
            return Optional.of(colon < 0 ? new SignIn(decoded, "") : new SignIn(decoded.substring(0, colon),
                    decoded.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.of(new SignIn("", ""));
        }
    }

    private static List<String> roles(java.util.Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a != null && a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
    }
}
