package newsroom.category.listing;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import newsroom.platform.web.ProblemException;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * A position in a listing: the sort key of the last item a page showed. Listings are ordered by pinned (first),
 * sort rank (higher first), publication time (newest first) and article id (a unique tie-breaker, so the order is
 * total); the next page is "everything strictly after this key" (keyset pagination). So an article published while
 * a reader pages shows up on page one, not as a duplicate on page two, and no item is skipped. (An item whose own
 * sort key changes between two page loads can move across the cursor, as it would in any live list.)
 *
 * <p>On the wire the cursor is opaque: base64url (no padding) of {@code v1|<pinned 0/1>|<sortRank>|<publishedAt ISO-8601
 * or ->|<articleId>}. Clients must not build or parse it; the version prefix lets the format change later.
 */
record ListingCursor(boolean pinned, int sortRank, Instant publishedAt, String articleId) {

    private static final String VERSION = "v1";

    static ListingCursor after(ListedArticle last) {
        return new ListingCursor(last.pinned(), last.sortRank(), last.publishedAt(), last.articleId());
    }

    String encode() {
        String raw = String.join("|", VERSION, pinned ? "1" : "0", Integer.toString(sortRank),
                publishedAt == null ? "-" : publishedAt.toString(), articleId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static ListingCursor decode(String token) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 5);
            if (parts.length != 5 || !VERSION.equals(parts[0]) || !(parts[1].equals("0") || parts[1].equals("1"))
                    || parts[4].isEmpty()) {
                throw invalid();
            }
            return new ListingCursor(parts[1].equals("1"), Integer.parseInt(parts[2]),
                    parts[3].equals("-") ? null : Instant.parse(parts[3]), parts[4]);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw invalid();
        }
    }

    /** Items strictly after this position, in listing order (pinned, sortRank, publishedAt, id: all descending). */
    Criteria itemsAfter() {
        Criteria afterInRank;
        if (publishedAt == null) {
            // A missing publication time sorts last; after one, only others without it and a smaller id follow.
            afterInRank = new Criteria().orOperator(
                    where("sortRank").lt(sortRank),
                    where("sortRank").is(sortRank).and("publishedAt").is(null).and("_id").lt(articleId));
        } else {
            afterInRank = new Criteria().orOperator(
                    where("sortRank").lt(sortRank),
                    where("sortRank").is(sortRank).and("publishedAt").lt(publishedAt),
                    where("sortRank").is(sortRank).and("publishedAt").is(null),
                    where("sortRank").is(sortRank).and("publishedAt").is(publishedAt).and("_id").lt(articleId));
        }
        if (pinned) {
            return new Criteria().orOperator(
                    new Criteria().andOperator(where("pinned").is(true), afterInRank),
                    where("pinned").ne(true));
        }
        return new Criteria().andOperator(where("pinned").ne(true), afterInRank);
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("cursor", "not a cursor this API returned; start again without one");
    }
}
