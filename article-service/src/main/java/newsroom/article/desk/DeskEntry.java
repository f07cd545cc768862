package newsroom.article.desk;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.ArticleStatus;
import org.bson.Document;

/**
 * One row of the editors' desk: what the console's article list shows and filters on, nothing else (no body), so
 * 100,000 of them fit in a few tens of megabytes. Immutable: a change replaces the entry.
 *
 * @param titleKey   the title folded for the search box (NFKC, lower case)
 * @param updatedAt  epoch milliseconds of the last save
 * @param version    the document's version (the ETag): a save with a lower one is older and ignored
 * @param views      counted views from stats-service (0 until it says otherwise)
 */
record DeskEntry(String id, String title, String titleKey, ArticleStatus status, String categoryId,
        String[] categoryPath, String createdBy, String writer, long updatedAt, Instant publishedAt, long version,
        long views) {

    /** Numeric ids (from counters) in number order: shorter first, then by their digits. */
    static final Comparator<String> ID_ORDER = Comparator.comparingInt(String::length)
            .thenComparing(Comparator.naturalOrder());

    /** Newest change first; ties by id, newest first, so the order is total and a cursor is exact. */
    static final Comparator<DeskEntry> BY_UPDATED = Comparator.comparingLong(DeskEntry::updatedAt).reversed()
            .thenComparing(DeskEntry::id, ID_ORDER.reversed());

    /** Most views first, then as {@link #BY_UPDATED}. */
    static final Comparator<DeskEntry> BY_VIEWS = Comparator.comparingLong(DeskEntry::views).reversed()
            .thenComparing(BY_UPDATED);

    static DeskEntry of(Article a, long views) {
        String title = nullToEmpty(a.getTitle());
        return new DeskEntry(a.getId(), title, fold(title), a.getStatus(), shared(a.getCategoryId()),
                path(a.getCategoryPath()), shared(a.getCreatedBy()), shared(a.getWriter()),
                millis(a.getUpdatedAt()), a.getPublishedAt(), a.currentVersion(), views);
    }

    /** From a stored document read with {@link #FIELDS} only. */
    static DeskEntry of(Document d, long views) {
        List<String> path = d.getList("categoryPath", String.class, List.of());
        Date updated = d.getDate("updatedAt");
        Date published = d.getDate("publishedAt");
        String status = d.getString("status");
        String title = nullToEmpty(d.getString("title"));
        return new DeskEntry(d.getString("_id"), title, fold(title),
                status == null ? ArticleStatus.DRAFT : ArticleStatus.valueOf(status), shared(d.getString("categoryId")),
                path(path), shared(d.getString("createdBy")), shared(d.getString("writer")),
                updated == null ? 0L : updated.getTime(), published == null ? null : published.toInstant(),
                d.get("version") instanceof Number n ? n.longValue() : 0L, views);
    }

    /** The fields of an article document an entry needs: reading only these skips bodies and outboxes. */
    static final List<String> FIELDS = List.of("_id", "title", "status", "categoryId", "categoryPath", "createdBy",
            "writer", "updatedAt", "publishedAt", "version");

    DeskEntry withViews(long count) {
        return count == views ? this : new DeskEntry(id, title, titleKey, status, categoryId, categoryPath,
                createdBy, writer, updatedAt, publishedAt, version, count);
    }

    boolean inCategory(String category) {
        for (String c : categoryPath) {
            if (c.equals(category)) {
                return true;
            }
        }
        return category.equals(categoryId);
    }

    /** A probe placed where a cursor points: only the sort fields matter. */
    static DeskEntry probe(long updatedAt, String id, long views) {
        return new DeskEntry(id, "", "", ArticleStatus.DRAFT, null, new String[0], null, null, updatedAt, null, 0,
                views);
    }

    /** The title as the search box compares it; the title itself when folding changes nothing (no second copy). */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return folded.equals(text) ? text : folded;
    }

    /**
     * Category ids, account and writer names repeat across thousands of articles: one copy each (the JVM's string
     * table), not one per entry.
     */
    private static String shared(String s) {
        return s == null ? null : s.intern();
    }

    private static String[] path(List<String> path) {
        String[] ids = new String[path.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = path.get(i).intern();
        }
        return ids;
    }

    private static long millis(Instant instant) {
        return instant == null ? 0L : instant.toEpochMilli();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
