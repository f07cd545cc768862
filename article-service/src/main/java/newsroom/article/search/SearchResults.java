package newsroom.article.search;

import java.time.Instant;
import java.util.List;

/**
 * One page of results, best first (relevance, then the newer article, then the id). {@code nextCursor} is null on the
 * last page; {@code total} counts every match.
 */
public record SearchResults(List<Hit> items, String nextCursor, long total) {

    /**
     * One result. {@code highlight} is HTML-escaped text of the best passages (body, else summary, else title) in
     * which only the matched words are wrapped in {@code <mark>} — nothing else from the index is markup.
     */
    public record Hit(String id, String title, String slug, String summary, Instant publishedAt, String categoryId,
            String highlight) {
    }
}
