package newsroom.portal.site;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves reader pages ({@code /}, {@code /articles/**}, {@code /categories/**}, GET only) from {@link RenderedPages}
 * when they are there, and keeps what the rest of the chain renders otherwise. It runs before Spring Security and the
 * ETag filter, so a kept page carries the headers they added when it was rendered (CSP, Cache-Control, ETag), and a
 * hit costs a map lookup and a write: no security chain, no controller, no template, no hashing. The ETag kept with
 * the page answers {@code If-None-Match} with 304 as before. Compression still applies (Tomcat's, on the way out).
 */
class RenderedPageFilter extends OncePerRequestFilter {

    /** Headers that belong to one response, not to the page. */
    private static final Set<String> NOT_KEPT = Set.of("date", "content-length", "transfer-encoding", "connection",
            "keep-alive");

    private final RenderedPages pages;

    RenderedPageFilter(RenderedPages pages) {
        this.pages = pages;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return true;
        }
        String path = request.getRequestURI();
        return !(path.equals("/") || path.startsWith("/articles/") || path.startsWith("/categories/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getQueryString() == null ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
        RenderedPages.Page page = pages.get(key);
        if (page != null) {
            serve(page, request, response);
            return;
        }
        long changesBefore = pages.changes();
        ContentCachingResponseWrapper rendering = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, rendering);
            RenderedPages.Page rendered = capture(request, rendering);
            if (rendered != null) {
                pages.keep(key, rendered, changesBefore);
            }
        } finally {
            rendering.copyBodyToResponse();
        }
    }

    private static void serve(RenderedPages.Page page, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setLocale(page.locale());
        for (Map.Entry<String, String> header : page.headers()) {
            response.addHeader(header.getKey(), header.getValue());
        }
        if (page.etag() != null && new ServletWebRequest(request, response).checkNotModified(page.etag())) {
            return;
        }
        response.setContentLength(page.body().length);
        response.getOutputStream().write(page.body());
    }

    /** The page to keep: a complete 200 its controller declared, public, setting no cookie; otherwise null. */
    private static RenderedPages.Page capture(HttpServletRequest request, ContentCachingResponseWrapper rendering) {
        RenderedPages.Dependencies dependencies = RenderedPages.dependencies(request);
        String cacheControl = rendering.getHeader(HttpHeaders.CACHE_CONTROL);
        if (dependencies == null || rendering.getStatus() != 200 || rendering.containsHeader(HttpHeaders.SET_COOKIE)
                || cacheControl == null || !cacheControl.contains("public") || request.getSession(false) != null
                && request.getSession(false).isNew()) {
            return null;
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String name : rendering.getHeaderNames()) {
            if (!NOT_KEPT.contains(name.toLowerCase(Locale.ROOT))) {
                for (String value : rendering.getHeaders(name)) {
                    headers.add(Map.entry(name, value));
                }
            }
        }
        return new RenderedPages.Page(List.copyOf(headers), rendering.getLocale(), rendering.getContentAsByteArray(),
                rendering.getHeader(HttpHeaders.ETAG), dependencies);
    }
}
