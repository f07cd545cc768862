package newsroom.category.tree;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What remains of a deleted category: its last state (for the {@code DELETED} snapshot, which is re-sent like any
 * other) and, when its articles were handed to another category, where they went.
 *
 * <p>A tombstone is written <em>first</em> when a category is deleted; the category document is removed last. So a
 * crash in between leaves a tombstone next to a live category, which the repair job (or a retried DELETE) finishes.
 *
 * @param revision     the revision of the {@code DELETED} snapshot (the category's last revision + 1)
 * @param redirectTo   the category that took over the articles, or null
 * @param redirectPath that category's path when the deletion happened; listings re-pointed here carry it, and so do
 *                     listings built later (or rebuilt from offset zero) from events that still name the deleted
 *                     category, which keeps a rebuild identical to the live state
 */
@Document("category_tombstones")
public record CategoryTombstone(
        @Id String id,
        String name,
        String slug,
        String parentId,
        List<String> path,
        int sortOrder,
        boolean hidden,
        long revision,
        String redirectTo,
        List<String> redirectPath,
        Instant deletedAt,
        boolean eventPending) {

    public CategoryTombstone {
        path = path == null ? List.of() : List.copyOf(path);
        redirectPath = redirectPath == null ? null : List.copyOf(redirectPath);
    }
}
