package newsroom.portal.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A published article as article-service's reader API returns it ({@code GET /api/articles/{id}}). Only the fields
 * the pages use; anything else the service adds is ignored. {@code revision} grows with every change (null from a
 * service that does not send it). {@code body} is HTML that article-service sanitized when
 * it was saved (the portal sanitizes it once more before rendering: see {@code BodyHtml}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Article(String id, String slug, String title, String subtitle, String summary, String body,
        String source, String writer, String coverImageUrl, List<String> keywords, String categoryId,
        List<String> categoryPath, Instant publishedAt, Instant updatedAt, Long revision) {

    public Article {
        keywords = keywords == null ? List.of() : keywords;
        categoryPath = categoryPath == null ? List.of() : categoryPath;
    }
}
