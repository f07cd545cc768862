package newsroom.article.search;

import java.util.Map;

/**
 * The full-text index of published articles, as the rest of article-service sees it. One small interface so the
 * embedded Lucene index ({@code search.internal}) can be swapped for a shared engine (OpenSearch, Elasticsearch)
 * without touching the controller or the event feed: see README, "Search".
 *
 * <p>Writes are guarded by the article's revision, so redelivered, replayed or reordered changes are harmless: an
 * {@link #upsert} applies only when its revision is newer than what the index holds for that article, a
 * {@link #remove} only when its revision is at least that (a shared engine would use external versioning for this).
 */
public interface SearchIndex {

    /** Adds or replaces the article; false when the index already holds this or a newer revision. */
    boolean upsert(SearchDocument document);

    /** Removes the article as of {@code revision}; false when the index holds a newer revision of it. */
    boolean remove(String articleId, long revision);

    /** One page of results; changes are visible to it within the index's refresh interval. */
    SearchResults search(SearchRequest request);

    /**
     * The revision last applied per article, whether the index holds it or removed it (what a catch-up compares with
     * the store).
     */
    Map<String, Long> revisions();

    /** How many articles a search can find now. */
    long size();

    /**
     * Told when a catch-up rewrote most of the index at once (a rebuild): the moment to lay it out for searching
     * (Lucene merges its segments into one; a shared engine would force-merge or refresh). Nothing by default.
     */
    default void bulkLoaded() {
    }
}
