package newsroom.article.editorial;

import newsroom.platform.web.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * The editorial API's ETag is the article's version, {@code "7"}. Updates must send it back in {@code If-Match}:
 * without it 428 Precondition Required, with an old one 412 Precondition Failed (both problem+json).
 */
public final class ETags {

    private ETags() {
    }

    public static String of(Article article) {
        return "\"" + article.currentVersion() + "\"";
    }

    /** The version an If-Match asks for, or null when the header is absent (for requests where it is optional). */
    public static Long optional(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        return parse(ifMatch);
    }

    /** The 428 for an update without a specific If-Match ("*" names no version either). */
    public static ProblemException required() {
        return new ProblemException(HttpStatus.PRECONDITION_REQUIRED, "If-Match",
                "send the article's ETag in If-Match (GET it first), so that nobody's changes are overwritten");
    }

    private static long parse(String ifMatch) {
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            // Weak tags never match for If-Match (RFC 9110 13.1.1): strong comparison.
            throw stale(tag);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw stale(ifMatch);
        }
    }

    private static ProblemException stale(String tag) {
        return new ProblemException(HttpStatus.PRECONDITION_FAILED, "If-Match",
                "ETag " + tag + " does not match the article's current version");
    }
}
