package newsroom.importer.dede;

import java.util.List;

/**
 * A DedeCMS category as it will be created here (category-service's {@code POST /api/categories}), with its old
 * list addresses.
 */
public record CategorySpec(long sourceId, long parentSourceId, String name, String slug, int sortOrder,
        boolean hidden, List<String> listPaths) {
}
