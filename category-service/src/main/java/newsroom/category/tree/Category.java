package newsroom.category.tree;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A node of the category tree. {@code path} (root → this, inclusive) is stored, not derived, so breadcrumbs and
 * subtree queries are one read; a move rewrites the paths of the moved subtree.
 */
@Document("categories")
@CompoundIndex(name = "slug_unique_among_siblings", def = "{'parentId': 1, 'slug': 1}", unique = true)
public record Category(
        @Id String id,
        String name,
        String slug,
        String parentId,
        List<String> path,
        int sortOrder,
        boolean hidden,
        long revision,
        Instant createdAt,
        Instant updatedAt,
        @Version Long version) {

    public Category {
        path = path == null ? List.of() : List.copyOf(path);
    }

    public boolean isRoot() {
        return parentId == null;
    }
}
