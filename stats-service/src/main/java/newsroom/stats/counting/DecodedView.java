package newsroom.stats.counting;

import java.time.Instant;
import java.util.List;

/** The fields of a valid view event that counting uses. */
public record DecodedView(String viewId, String articleId, String categoryId, List<String> categoryPath, Instant viewedAt,
        String visitorKey, String userAgent) {
}
