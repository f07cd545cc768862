package newsroom.portal.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/** One revision in full ({@code GET /api/editorial/articles/{id}/revisions/{version}}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RevisionDetail(long version, String action, String savedBy, Instant savedAt, String note,
        String status, String title, String subtitle, String summary, String body, String source, String writer,
        List<String> keywords, String categoryId) {
}
