package newsroom.category.tree;

import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /api/categories/{id}/move}.
 *
 * @param parentId  the new parent; null or absent makes the category a root
 * @param sortOrder its sort order among the new siblings; null keeps the current one
 */
public record MoveRequest(@Size(max = 24) String parentId, Integer sortOrder) {
}
