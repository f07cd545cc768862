package newsroom.category.tree;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PATCH /api/categories/{id}}: the fields to change; absent (or null) ones stay as they are. The
 * parent is not changed here (that rewrites a subtree: {@code POST /api/categories/{id}/move}); a {@code parentId}
 * is accepted only if it names the current parent, so a client may send back what it read.
 */
public record CategoryChanges(
        @Size(min = 1, max = 60) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Size(min = 1, max = 60) @Pattern(regexp = NewCategory.SLUG, message = NewCategory.SLUG_RULE) String slug,
        Integer sortOrder,
        Boolean hidden,
        @Size(max = 24) String parentId) {
}
