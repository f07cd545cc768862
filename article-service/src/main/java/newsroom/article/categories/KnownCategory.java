package newsroom.article.categories;

import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * article-service's own copy of a category, fed by the compacted {@code category-changed} topic: enough to validate
 * a category id and to put the category path into events, with no call to category-service (which may be down).
 */
@Document("known_categories")
public record KnownCategory(
        @Id String id,
        long revision,
        String name,
        String slug,
        String parentId,
        List<String> path,
        boolean hidden,
        boolean deleted) {
}
