package newsroom.category.listing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;

/**
 * Where every listed article stands in its category's listing, in memory: per category, the articles' sort keys in
 * listing order. Listing pages and counts are answered from it, and only the page's own documents are read from the
 * store, by id. Without it every first-page rebuild counted and sorted the whole listings collection — on a store
 * without secondary indexes (the local run's) a full read of every listing, which at 100,000 articles took seconds.
 *
 * <p>Kept by {@link ListingOrderFeed}: loaded from the store once, then every {@code article-lifecycle} event (every
 * replica reads them all). Idempotent and order-safe by revision, as the stored listings are: an entry changes only
 * for a newer revision, and an unpublished article keeps its revision (not listed) so a late, older event cannot list
 * it again. About 200 bytes an article: 100,000 articles take about 20 MB.
 *
 * <p>A deleted category's entries stay filed under it; reads fold them into the category its articles were moved to
 * (see {@link #page} and {@link #countsByCategory}), as the store's re-pointing does for stored listings.
 */
public class ListingOrder {

    /** The listing order: pinned first, then higher sort rank, newer publication (none: last), higher id. */
    record Key(boolean pinned, int sortRank, Instant publishedAt, String articleId) implements Comparable<Key> {

        static Key of(ListingCursor cursor) {
            return new Key(cursor.pinned(), cursor.sortRank(), cursor.publishedAt(), cursor.articleId());
        }

        @Override
        public int compareTo(Key other) {
            int c = Boolean.compare(other.pinned, pinned);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(other.sortRank, sortRank);
            if (c != 0) {
                return c;
            }
            if (publishedAt == null || other.publishedAt == null) {
                c = publishedAt == null ? (other.publishedAt == null ? 0 : 1) : -1;
            } else {
                c = other.publishedAt.compareTo(publishedAt);
            }
            return c != 0 ? c : other.articleId.compareTo(articleId);
        }
    }

    /** An article's last known state; {@code categoryId} is null while it is not listed. */
    private record Entry(long revision, String categoryId, Key key) {
    }

    /** Article ids in listing order, and how many articles the listing holds in all. */
    record Page(List<String> articleIds, long total) {
    }

    private final Map<String, Entry> articles = new ConcurrentHashMap<>();
    private final Map<String, NavigableSet<Key>> byCategory = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    /** Whether the store's listings have been read in: until then, reads go to the store. */
    boolean isLoaded() {
        return loaded;
    }

    void markLoaded() {
        loaded = true;
    }

    /** Lists the article under {@code categoryId} with {@code key}, unless a revision at least as new is known. */
    void listed(String articleId, long revision, String categoryId, Key key) {
        apply(articleId, new Entry(revision, categoryId, key));
    }

    /** The article is no longer listed (unpublished), unless a revision at least as new is known. */
    void unlisted(String articleId, long revision) {
        apply(articleId, new Entry(revision, null, null));
    }

    private void apply(String articleId, Entry next) {
        articles.compute(articleId, (id, previous) -> {
            if (previous != null && previous.revision() >= next.revision()) {
                return previous;
            }
            if (previous != null && previous.categoryId() != null) {
                NavigableSet<Key> keys = byCategory.get(previous.categoryId());
                if (keys != null) {
                    keys.remove(previous.key());
                }
            }
            if (next.categoryId() != null) {
                byCategory.computeIfAbsent(next.categoryId(), c -> new ConcurrentSkipListSet<>()).add(next.key());
            }
            return next;
        });
    }

    /**
     * Up to {@code limit} articles of the listing of {@code categoryIds} strictly after {@code after} (null: from the
     * start), in listing order, and the listing's total.
     *
     * @param movedTo where a category that no longer exists sent its articles (null if it did not, or if it exists)
     */
    Page page(Collection<String> categoryIds, Key after, int limit, Function<String, String> movedTo) {
        List<Key> candidates = new ArrayList<>();
        long total = 0;
        for (String categoryId : withMovedIn(categoryIds, movedTo)) {
            NavigableSet<Key> keys = byCategory.get(categoryId);
            if (keys == null) {
                continue;
            }
            total += keys.size();
            int taken = 0;
            for (Key key : after == null ? keys : keys.tailSet(after, false)) {
                if (taken++ == limit) {
                    break;
                }
                candidates.add(key);
            }
        }
        candidates.sort(null);
        List<String> ids = candidates.stream().limit(limit).map(Key::articleId).toList();
        return new Page(ids, total);
    }

    /** Listed articles per category id (a deleted category's counted where its articles went). */
    Map<String, Long> countsByCategory(Function<String, String> movedTo) {
        Map<String, Long> counts = new HashMap<>();
        byCategory.forEach((categoryId, keys) -> {
            if (!keys.isEmpty()) {
                String target = movedTo.apply(categoryId);
                counts.merge(target != null ? target : categoryId, (long) keys.size(), Long::sum);
            }
        });
        return counts;
    }

    private Set<String> withMovedIn(Collection<String> categoryIds, Function<String, String> movedTo) {
        Set<String> ids = new HashSet<>(categoryIds);
        for (String filed : byCategory.keySet()) {
            if (!ids.contains(filed)) {
                String target = movedTo.apply(filed);
                if (target != null && categoryIds.contains(target)) {
                    ids.add(filed);
                }
            }
        }
        return ids;
    }
}
