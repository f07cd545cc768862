package newsroom.article.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * One page of results, best first (relevance, then the newer article, then the id). {@code nextCursor} is null on the
 * last page. {@code total} counts the matches exactly up to {@link #EXACT_TOTAL_UP_TO}; past that it is a lower bound
 * ({@code totalRelation} {@code "gte"}, otherwise {@code "eq"}), as search engines answer "1,000+ results": counting
 * every one of tens of thousands of matches would cost more than finding the best ten.
 */
public record SearchResults(List<Hit> items, String nextCursor, long total, Relation totalRelation) {

    /** Up to this many matches {@code total} is exact. */
    public static final int EXACT_TOTAL_UP_TO = 1_000;

    /** Whether {@code total} is the number of matches or a lower bound of it. */
    public enum Relation {
        @JsonProperty("eq") EQUAL_TO,
        @JsonProperty("gte") GREATER_THAN_OR_EQUAL_TO
    }

    /**
     * One result. {@code highlight} is HTML-escaped text of the best passages (body, else summary, else title) in
     * which only the matched words are wrapped in {@code <mark>} — nothing else from the index is markup.
     */
    public record Hit(String id, String title, String slug, String summary, Instant publishedAt, String categoryId,
            String highlight) {
    }
}
