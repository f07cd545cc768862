package newsroom.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A published article changed (text, flags, slug or category). Carries the full card, so a consumer never needs the
 * previous event to apply it; a move shows as a different {@code article.categoryId} than before.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleUpdated(
        String articleId,
        long revision,
        ArticleCard article,
        Instant occurredAt) {
}
