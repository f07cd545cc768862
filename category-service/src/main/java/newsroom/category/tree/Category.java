package newsroom.category.tree;

import java.time.Instant;
import java.util.List;
import newsroom.contracts.CategoryChanged.Change;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A node of the category tree.
 *
 * <p>The structure is the {@code parentId} link; {@code path} (root → this, inclusive) is derived from it and stored
 * so that events can carry it and consumers need no lookups. Reads in this service that must be right at once
 * (breadcrumbs, subtree listings) walk the {@code parentId} links instead of trusting the stored path, because a move
 * rewrites the paths of a subtree in several single-document writes (see {@link CategoryService#move}).
 *
 * @param revision     grows by one with every change that consumers should see; sent with each snapshot
 * @param lastChange   what the change that produced {@code revision} was; sent with its snapshot
 * @param eventPending the snapshot of this revision has not been acknowledged by the broker yet: set in the same
 *                     write as the change (an in-document outbox), cleared after the send; the repair job re-sends
 * @param moving       set while a move of this category's subtree is being completed; see {@link MoveMarker}
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
        @Version Long version,
        Change lastChange,
        boolean eventPending,
        MoveMarker moving) {

    public Category {
        path = path == null ? List.of() : List.copyOf(path);
    }

    public boolean isRoot() {
        return parentId == null;
    }

    /**
     * Written together with the new {@code parentId} and {@code path} of a moved category, in one atomic update, and
     * removed when every descendant's path has been rewritten and every changed snapshot published. A category that
     * still carries it after a crash is how the repair job knows which move to finish.
     */
    public record MoveMarker(String fromParentId, List<String> fromPath, Instant startedAt) {
    }
}
