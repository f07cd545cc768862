package newsroom.article.reading;

import java.util.List;

/**
 * What this replica remembers of one article for readers: whether they may see it, what the beacon needs (category
 * and its path) and the reader JSON already serialised, with its ETag. An article readers may not see (a draft, an
 * unpublished article, an id that does not exist) is remembered too, without JSON, so that repeated 404s and beacons
 * for it read nothing either.
 *
 * @param revision the article's revision this copy was made from; -1 for an id the store did not have
 * @param json     the body of {@code GET /api/articles/{id}}, or null when readers may not see the article
 */
public record ReaderCopy(String id, String slug, String categoryId, List<String> categoryPath, long revision,
        byte[] json, String etag) {

    /** Rough heap footprint: the JSON plus the small fields and object headers, for Caffeine's weight bound. */
    private static final int OVERHEAD = 320;

    static ReaderCopy hidden(String id, long revision) {
        return new ReaderCopy(id, null, null, List.of(), revision, null, null);
    }

    public boolean visible() {
        return json != null;
    }

    int weight() {
        return OVERHEAD + (json == null ? 0 : json.length);
    }

    /** The canonical reader URL, as {@link PublishedArticles#canonicalPath} builds it. */
    String canonicalPath() {
        return "/api/articles/" + id + (slug == null ? "" : "-" + slug);
    }
}
