package newsroom.portal.backend;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A category as category-service returns it. {@code children} and the counts are only filled in tree responses
 * ({@code GET /api/categories}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Category(String id, String name, String slug, String parentId, List<String> path, int sortOrder,
        boolean hidden, Long revision, Long articleCount, Long subtreeArticleCount, List<Category> children) {

    public Category {
        path = path == null ? List.of() : path;
        children = children == null ? List.of() : children;
    }
}
