package newsroom.category.tree;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/categories/{id}}: every editable field, replaced as given. As with PATCH, the parent is
 * changed only by a move; a {@code parentId} that names the current parent (or none) is accepted.
 */
public record CategoryReplacement(
        @NotBlank @Size(max = 60) String name,
        @NotBlank @Size(max = 60) @Pattern(regexp = NewCategory.SLUG, message = NewCategory.SLUG_RULE) String slug,
        @NotNull Integer sortOrder,
        @NotNull Boolean hidden,
        @Size(max = 24) String parentId) {

    CategoryChanges asChanges() {
        return new CategoryChanges(name, slug, sortOrder, hidden, parentId);
    }
}
