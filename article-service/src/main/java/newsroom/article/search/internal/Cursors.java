package newsroom.article.search.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import newsroom.platform.web.ProblemException;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The opaque {@code cursor} of a result page: the sort values (score, publication time, id) of its last hit, so the
 * next page starts right after it even when articles were indexed in between.
 */
final class Cursors {

    private static final String VERSION = "s1";

    private Cursors() {
    }

    static String encode(FieldDoc last) {
        float score = (Float) last.fields[0];
        long publishedAt = (Long) last.fields[1];
        String id = ((BytesRef) last.fields[2]).utf8ToString();
        String plain = VERSION + ':' + Integer.toHexString(Float.floatToIntBits(score)) + ':' + publishedAt + ':' + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** The hit to continue after, or null for the first page; a cursor this code did not write is a 400. */
    static FieldDoc decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(":", 4);
            if (parts.length != 4 || !VERSION.equals(parts[0]) || parts[3].isEmpty()) {
                throw new IllegalArgumentException("not a search cursor");
            }
            float score = Float.intBitsToFloat(Integer.parseUnsignedInt(parts[1], 16));
            long publishedAt = Long.parseLong(parts[2]);
            return new FieldDoc(Integer.MAX_VALUE, score, new Object[] {score, publishedAt, new BytesRef(parts[3])});
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor", "is not a cursor returned by this search");
        }
    }
}
