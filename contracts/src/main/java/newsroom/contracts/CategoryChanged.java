package newsroom.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * The full, current state of one category after a change. Because every event is a complete snapshot, the compacted
 * topic's latest record per key is all a new consumer needs to rebuild the tree.
 *
 * @param change what happened; informational, consumers apply the snapshot whatever it says
 * @param path   category ids from the root down to this category (inclusive)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CategoryChanged(
        String categoryId,
        long revision,
        Change change,
        String name,
        String slug,
        String parentId,
        List<String> path,
        int sortOrder,
        boolean hidden,
        boolean deleted,
        Instant occurredAt) {

    public CategoryChanged {
        path = path == null ? List.of() : List.copyOf(path);
    }

    public enum Change { CREATED, RENAMED, MOVED, REORDERED, HIDDEN, SHOWN, DELETED, UPDATED }
}
