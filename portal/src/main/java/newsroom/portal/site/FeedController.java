package newsroom.portal.site;

import java.time.Duration;
import newsroom.portal.backend.ArticleReader;
import org.springframework.http.CacheControl;
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
            throw new PageNotFoundException("feed " + id);
        }
        return pass("/feeds/categories/" + id + "/rss.xml", RSS);
    }

    @GetMapping("/sitemap.xml")
    ResponseEntity<byte[]> sitemap() {
        return pass("/sitemap.xml", XML);
    }

    private ResponseEntity<byte[]> pass(String path, MediaType type) {
        ResponseEntity<byte[]> upstream = articles.feed(path)
                .orElseThrow(() -> new PageNotFoundException(path));
        return ResponseEntity.ok().contentType(type)
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(upstream.getBody());
    }
}
