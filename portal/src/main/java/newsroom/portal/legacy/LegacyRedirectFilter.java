package newsroom.portal.legacy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import newsroom.portal.backend.Backend;
import newsroom.portal.backend.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Old addresses of an imported site keep working: a GET for something shaped like a DedeCMS page — a static page
 * ({@code /a/news/2022/0107/7.html}, {@code list_13_2.html}), a dynamic one ({@code /plus/view.php?aid=7},
 * {@code /plus/list.php?tid=13}) or a list folder ({@code /a/news/}) — is looked up in the mapping stored at import
 * time (article-service's {@code /api/articles/legacy-urls}), and answered 301 to the page's new address. Anything
 * else, the portal's own paths and unknown old addresses, goes on to the portal's pages as before (a 404 for an
 * unknown one). A lookup that cannot be made (article-service down, slow or its circuit open) answers 503 with
 * {@code Retry-After}: a 404 there would tell search engines that a page other sites link to is gone.
 */
@Component
class LegacyRedirectFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(LegacyRedirectFilter.class);
    private static final Pattern OLD_SHAPE = Pattern.compile("(?i)(.*/plus/(view|list)\\.php|/.*\\.html?|/.+/)");
    /** First path segments the portal serves itself; never looked up. */
    private static final Set<String> PORTAL_PATHS = Set.of("articles", "categories", "console", "beacon", "feeds",
            "css", "js", "webjars", "actuator", "error", "login", "logout");

    private final Backend articles;

    LegacyRedirectFilter(@Qualifier("articleBackend") Backend articles) {
        this.articles = articles;
    }

    /** What article-service answers; {@code location} is the page's path on this portal. */
    record Resolved(String path, String type, String targetId, String location) {
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getRequestURI();
        if (!("GET".equals(method) || "HEAD".equals(method)) || path.length() < 2 || !OLD_SHAPE.matcher(path)
                .matches()) {
            return true;
        }
        int end = path.indexOf('/', 1);
        return PORTAL_PATHS.contains(path.substring(1, end < 0 ? path.length() : end).toLowerCase());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String asked = request.getRequestURI() + (request.getQueryString() == null ? "" : "?"
                + request.getQueryString());
        Optional<Resolved> resolved;
        try {
            resolved = articles.get(Resolved.class, "/api/articles/legacy-urls?path={path}", asked);
        } catch (ServiceUnavailableException e) {
            log.debug("Old address {} not looked up: {}", asked, e.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "30");
            response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        } catch (HttpClientErrorException e) {
            log.debug("Old address {} not looked up: {}", asked, e.getMessage());
            resolved = Optional.empty();
        }
        if (resolved.isPresent() && resolved.get().location() != null && resolved.get().location().startsWith("/")) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader(HttpHeaders.LOCATION, request.getContextPath() + resolved.get().location());
            response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400");
            return;
        }
        chain.doFilter(request, response);
    }
}
