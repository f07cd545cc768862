package newsroom.portal.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** stats-service's counts of one article ({@code GET /api/stats/articles/{id}}); only {@code views} is shown. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleViews(String articleId, Long views) {
}
