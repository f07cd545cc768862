package newsroom.portal.site;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import newsroom.portal.backend.ArticleReader;
import newsroom.portal.backend.ServiceUnavailableException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The view beacon on the portal's own origin. The article page's script calls
 * {@code navigator.sendBeacon('/beacon/articles/42/views', {"referrer": document.referrer})} once per display, so a
 * page served from a browser or CDN cache still counts, and crawlers that run no script do not. The portal forwards
 * it to article-service with the reader's address (X-Forwarded-For; the portal itself takes it from a trusted
 * ingress the same way), User-Agent and Accept-Language. No CSRF token (a beacon cannot carry one, and it changes
 * nothing but a counter), no cookies needed, never cached.
 */
@RestController
class BeaconController {

    private static final int MAX_BODY = 4096;
    private static final Pattern ARTICLE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ArticleReader articles;

    BeaconController(ArticleReader articles) {
        this.articles = articles;
    }

    @PostMapping("/beacon/articles/{id}/views")
    ResponseEntity<Void> view(@PathVariable String id, @RequestBody(required = false) String body,
            HttpServletRequest request) {
        if (!ARTICLE_ID.matcher(id).matches()) {
            return status(404);
        }
        String forwarded = body != null && body.length() <= MAX_BODY ? body : null;
        ArticleReader.Visit visit = new ArticleReader.Visit(request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT), request.getHeader(HttpHeaders.ACCEPT_LANGUAGE),
                request.getHeader(HttpHeaders.REFERER));
        try {
            return status(articles.view(id, forwarded, visit));
        } catch (ServiceUnavailableException e) {
            return status(503);
        }
    }

    private static ResponseEntity<Void> status(int status) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).build();
    }
}
