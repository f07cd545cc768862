package newsroom.portal.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A line of an article's history ({@code GET /api/editorial/articles/{id}/revisions}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevisionSummary(long version, String action, String savedBy, Instant savedAt, String note,
        String status, String title) {
}
