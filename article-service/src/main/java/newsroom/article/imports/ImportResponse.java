package newsroom.article.imports;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a batch did, item by item. {@code CATEGORY_UNKNOWN} is worth retrying: article-service learns categories
 * from {@code category-changed}, so a category created a moment ago may not be known yet.
 *
 * @param eventsSent    {@code article-published} events acknowledged by Kafka before this answer
 * @param eventsPending events left in outboxes for the relay's sweep (Kafka refused or was slow)
 */
public record ImportResponse(int created, int updated, int unchanged, int rejected, int eventsSent,
        int eventsPending, List<Item> items) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED, REJECTED, CATEGORY_UNKNOWN }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String sourceId, Outcome outcome, String articleId, String field, String reason) {
    }
}
