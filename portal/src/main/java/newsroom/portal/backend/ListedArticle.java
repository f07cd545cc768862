package newsroom.portal.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** One entry of a category listing ({@code GET /api/categories/{id}/articles}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListedArticle(String articleId, String slug, String title, String summary, String coverImageUrl,
        String source, String categoryId, boolean headline, boolean pinned, Instant publishedAt) {
}
