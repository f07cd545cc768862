package newsroom.article.views;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import newsroom.article.reading.ReaderCopies;
import newsroom.article.reading.ReaderCopy;
import newsroom.contracts.ArticleViewed;
import newsroom.platform.events.CloudEventPublisher;
import newsroom.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one beacon call does, whichever way it arrived ({@link BeaconFilter} or {@link ViewBeaconController}): refuse
 * articles readers cannot see (from {@link ReaderCopies}, memory — no store read), derive the visitor key, apply the
 * per-visitor rate limit, and send one {@code article-viewed} event keyed by article id. Counting policy (bots,
 * refreshes, uniques) is stats-service's.
 */
@Component
class ViewRecorder {

    static final String BINDING = "articleViewed-out-0";
    private static final int MAX_REFERRER = 2048;
    private static final int MAX_USER_AGENT = 512;

    private final ReaderCopies copies;
    private final CloudEventPublisher publisher;
    private final VisitorKeys visitorKeys;
    private final BeaconRateLimiter rateLimiter;
    private final JsonMapper json;
    private final Clock clock;

    ViewRecorder(ReaderCopies copies, CloudEventPublisher publisher, VisitorKeys visitorKeys,
            BeaconRateLimiter rateLimiter, JsonMapper json, Clock clock) {
        this.copies = copies;
        this.publisher = publisher;
        this.visitorKeys = visitorKeys;
        this.rateLimiter = rateLimiter;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records one display of article {@code id}.
     *
     * @param body the beacon's body: empty, or {@code {"referrer": document.referrer}}
     * @throws ProblemException 404 for an article readers cannot see, 429 for a visitor over the limit, 400 for a
     *                          body that is not a JSON object; no event is sent in any of these cases
     */
    void record(String id, String body, String userAgent, String refererHeader, String language,
            String remoteAddress) {
        String referrer = referrerFrom(body, refererHeader);
        ReaderCopy article = copies.published(id);
        Instant now = clock.instant();
        String visitor = visitorKeys.keyOf(now.atZone(ZoneOffset.UTC).toLocalDate(), remoteAddress, userAgent,
                language);
        if (!rateLimiter.tryAcquire(visitor)) {
            throw new ProblemException(HttpStatus.TOO_MANY_REQUESTS, null,
                    "Too many views reported from this visitor; try again in a minute");
        }
        String viewId = UUID.randomUUID().toString();
        ArticleViewed event = new ArticleViewed(viewId, id, article.categoryId(), article.categoryPath(), now,
                visitor, truncate(referrer, MAX_REFERRER), truncate(userAgent, MAX_USER_AGENT));
        publisher.send(BINDING, id, viewId, now, event);
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
