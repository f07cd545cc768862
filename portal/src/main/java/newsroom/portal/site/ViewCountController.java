package newsroom.portal.site;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.StatsReader;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * 点击 of the article page, as the seed's DedeCMS page fills it ({@code plus/count.php}): the page's script asks
 * {@code GET /counts/articles/{id}} and shows {@code {"views": 41}}, so the count never makes the page itself
 * uncacheable. Counts from stats-service are kept {@code portal.caching.view-count-max-age} (by the portal and by
 * browsers): a busy article costs stats-service one request per few seconds per portal replica. Without an answer
 * from stats-service it is a 503 (not kept) and the page shows no count, as before.
 */
@RestController
class ViewCountController {

    private static final Pattern ARTICLE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final LoadingCache<String, OptionalLong> counts;
    private final Duration maxAge;

    ViewCountController(StatsReader stats, PortalProperties properties) {
        this.maxAge = properties.getCaching().getViewCountMaxAge();
        this.counts = Caffeine.newBuilder()
                .maximumSize(properties.getCaching().getArticlesMaxEntries())
                // Only counts are kept: an unanswered call returns null, so the next request asks again.
                .expireAfterWrite(maxAge)
                .build(id -> {
                    OptionalLong views = stats.views(id);
                    return views.isPresent() ? views : null;
                });
    }

    @GetMapping("/counts/articles/{id}")
    ResponseEntity<Map<String, Long>> views(@PathVariable String id) {
        OptionalLong views = ARTICLE_ID.matcher(id).matches() ? counts.get(id) : null;
        if (views == null) {
            return ResponseEntity.status(ARTICLE_ID.matcher(id).matches() ? HttpStatus.SERVICE_UNAVAILABLE
                    : HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).build();
        }
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(maxAge).cachePublic())
                .body(Map.of("views", views.getAsLong()));
    }
}
