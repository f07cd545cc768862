package newsroom.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A reader's browser reported that it displayed an article (the view beacon). One event per beacon call: no
 * deduplication or bot filtering has happened yet — that is the consumers' job, and why raw fields travel along.
 *
 * @param viewId       unique per beacon call; equal to the CloudEvents {@code id}; consumers deduplicate on it
 * @param categoryPath category ids from the root down to the article's category
 * @param visitorKey   an opaque, salted hash of the visitor's attributes; the salt rotates daily, so keys cannot be
 *                     joined across days, and the IP address is never part of any event
 * @param referrer     the page the reader came from, or null
 * @param userAgent    the browser's User-Agent header, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleViewed(
        String viewId,
        String articleId,
        String categoryId,
        List<String> categoryPath,
        Instant viewedAt,
        String visitorKey,
        String referrer,
        String userAgent) {

    public ArticleViewed {
        categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
    }
}
