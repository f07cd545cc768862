package newsroom.portal.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** An entry of "相关文章推荐" ({@code GET /api/articles/{id}/related}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleTeaser(String id, String slug, String title, String summary, String coverImageUrl,
        String categoryId, Instant publishedAt) {
}
