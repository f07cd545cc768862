package newsroom.article.views;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import newsroom.article.reading.ReaderCopies;
import newsroom.article.reading.ReaderCopy;
import newsroom.contracts.ArticleViewed;
import newsroom.platform.events.CloudEventPublisher;
import newsroom.platform.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The view beacon: the article page's script posts here once per display (navigator.sendBeacon, which sends
 * text/plain or JSON), and an {@code article-viewed} event goes out keyed by article id. Counting policy (bots,
 * refreshes, uniques) is stats-service's; this only refuses views of articles readers cannot see. Whether an
 * article is visible, and its category path, come from {@link ReaderCopies} (memory): a beacon reads no store.
 */
@RestController
class ViewBeaconController {

    static final String BINDING = "articleViewed-out-0";
    private static final int MAX_REFERRER = 2048;
    private static final int MAX_USER_AGENT = 512;

    private final ReaderCopies copies;
    private final CloudEventPublisher publisher;
    private final VisitorKeys visitorKeys;
    private final BeaconRateLimiter rateLimiter;
    private final JsonMapper json;
    private final Clock clock;

    ViewBeaconController(ReaderCopies copies, CloudEventPublisher publisher, VisitorKeys visitorKeys,
            BeaconRateLimiter rateLimiter,
            JsonMapper json, Clock clock) {
        this.copies = copies;
        this.publisher = publisher;
        this.visitorKeys = visitorKeys;
        this.rateLimiter = rateLimiter;
        this.json = json;
        this.clock = clock;
    }

    @PostMapping("/api/articles/{id}/views")
    ResponseEntity<Void> view(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(value = HttpHeaders.USER_AGENT, required = false) String userAgent,
            @RequestHeader(value = HttpHeaders.REFERER, required = false) String refererHeader,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
            HttpServletRequest request) {
        String referrer = referrerFrom(body, refererHeader);
        ReaderCopy article = copies.published(id);
        Instant now = clock.instant();
        String viewId = UUID.randomUUID().toString();
        String visitor = visitorKeys.keyOf(now.atZone(ZoneOffset.UTC).toLocalDate(), request.getRemoteAddr(),
                userAgent, language);
        if (!rateLimiter.tryAcquire(visitor)) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, null,
                    "Too many views reported from this visitor; try again in a minute");
        }
        ArticleViewed event = new ArticleViewed(viewId, id, article.categoryId(), article.categoryPath(), now,
                visitor, truncate(referrer, MAX_REFERRER), truncate(userAgent, MAX_USER_AGENT));
        publisher.send(BINDING, id, viewId, now, event);
        return ResponseEntity.accepted().build();
    }

    /** The page may send {"referrer": document.referrer}; without it the Referer header is the best we have. */
    private String referrerFrom(String body, String refererHeader) {
        if (body == null || body.isBlank()) {
            return refererHeader;
        }
        try {
            JsonNode node = json.readTree(body);
            if (!node.isObject()) {
                throw ProblemException.badRequest("body", "must be a JSON object such as {\"referrer\": \"...\"}");
            }
            JsonNode referrer = node.get("referrer");
            return referrer == null || referrer.isNull() ? refererHeader : referrer.asString();
        } catch (JacksonException e) {
            throw ProblemException.badRequest("body", "must be a JSON object such as {\"referrer\": \"...\"}");
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
