package newsroom.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** An article is no longer visible to readers (unpublished or archived). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleUnpublished(
        String articleId,
        long revision,
        String categoryId,
        Instant occurredAt) {
}
