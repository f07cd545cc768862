package newsroom.portal.site;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import newsroom.portal.backend.ArticleReader;
import newsroom.portal.backend.ServiceUnavailableException;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * RSS feeds and the sitemap on the portal's origin, where readers and crawlers expect them; article-service writes
 * them (with links to the portal's pages) and the portal passes them through, cached for five minutes.
 */
@RestController
class FeedController {

    private static final MediaType RSS = MediaType.parseMediaType("application/rss+xml;charset=UTF-8");
    private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

    private final ArticleReader articles;

    FeedController(ArticleReader articles) {
        this.articles = articles;
    }

    @GetMapping("/feeds/rss.xml")
    ResponseEntity<byte[]> site() {
        return pass("/feeds/rss.xml", RSS);
    }

    @GetMapping("/feeds/categories/{id}/rss.xml")
    ResponseEntity<byte[]> category(@PathVariable String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,64}")) {
            return plain(HttpStatus.NOT_FOUND, "No such feed");
        }
        return pass("/feeds/categories/" + id + "/rss.xml", RSS);
    }

    @GetMapping("/sitemap.xml")
    ResponseEntity<byte[]> sitemap() {
        return pass("/sitemap.xml", XML);
    }

    /** Feed readers get a plain status, not an HTML error page: 404 when there is no such feed, 503 for a while. */
    private ResponseEntity<byte[]> pass(String path, MediaType type) {
        try {
            return articles.feed(path)
                    .map(upstream -> ResponseEntity.ok().contentType(type)
                            .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                            .body(upstream.getBody()))
                    .orElseGet(() -> plain(HttpStatus.NOT_FOUND, "No such feed"));
        } catch (ServiceUnavailableException e) {
            ResponseEntity<byte[]> unavailable = plain(HttpStatus.SERVICE_UNAVAILABLE, "Feed temporarily unavailable");
            return ResponseEntity.status(unavailable.getStatusCode()).headers(unavailable.getHeaders())
                    .header(HttpHeaders.RETRY_AFTER, "60").body(unavailable.getBody());
        }
    }

    private static ResponseEntity<byte[]> plain(HttpStatus status, String text) {
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/plain;charset=UTF-8"))
                .cacheControl(CacheControl.noStore()).body(text.getBytes(StandardCharsets.UTF_8));
    }
}
