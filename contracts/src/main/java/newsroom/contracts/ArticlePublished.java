package newsroom.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An article became visible to readers.
 *
 * @param revision        grows with every change of the article; consumers ignore an event whose revision is not
 *                        newer than the one they applied (redelivery, replay, reordering across restarts)
 * @param scheduledFor    when a scheduled publication was due, or null for an immediate one
 * @param latenessMillis  how long after {@code scheduledFor} the publication actually happened, or null
 * @param importedFrom    for an article brought over from another system (the importer), where from and its old
 *                        click count; null for articles written here
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticlePublished(
        String articleId,
        long revision,
        ArticleCard article,
        Instant occurredAt,
        Instant scheduledFor,
        Long latenessMillis,
        // Absent, not null, for articles written here: the field exists only where there is something to say.
        @JsonInclude(JsonInclude.Include.NON_NULL) ImportedFrom importedFrom) {

    /** An article written here (not imported). */
    public ArticlePublished(String articleId, long revision, ArticleCard article, Instant occurredAt,
            Instant scheduledFor, Long latenessMillis) {
        this(articleId, revision, article, occurredAt, scheduledFor, latenessMillis, null);
    }
}
