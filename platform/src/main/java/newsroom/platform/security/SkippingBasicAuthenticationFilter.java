package newsroom.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP Basic everywhere except on the paths whose handler checks credentials itself
 * ({@code newsroom.security.self-authenticated-paths}, e.g. the token endpoint): there a wrong password must be
 * refused, counted and throttled by that handler before any hash is computed, not checked here first.
 */
class SkippingBasicAuthenticationFilter extends BasicAuthenticationFilter {

    private final RequestMatcher skipped;

    SkippingBasicAuthenticationFilter(AuthenticationManager manager, List<String> skippedPaths) {
        super(manager);
        this.skipped = skippedPaths.isEmpty() ? request -> false
                : new OrRequestMatcher(skippedPaths.stream()
                        .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path))
                        .toList());
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return skipped.matches(request);
    }
}
