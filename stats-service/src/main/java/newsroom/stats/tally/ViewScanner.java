package newsroom.stats.tally;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The usual view payload read straight from its UTF-8 bytes: one JSON object whose strings are ASCII without escapes,
 * as the beacon writes it. A parser per payload (creating it, turning bytes into characters, recycling its buffers)
 * cost more than half of decoding a view; this walks the bytes once.
 *
 * <p>It decides nothing it is not sure of: an escape, a byte outside ASCII, a number, object or array where it expects
 * a string or null, a missing or empty required field, a time not in the beacon's UTC form, anything after the object
 * — for all of these it returns null, and {@link ViewDecoder}'s Jackson parse decides (it accepts more forms and
 * names what is wrong). So every view it returns is one the parse returns too, field for field; ViewDecoderTests checks
 * that on every payload it has.
 *
 * <p>Not thread-safe: one per decoding thread ({@link ViewDecoder.Scratch}).
 */
final class ViewScanner {

    private static final byte[] VIEW_ID = ascii("viewId");
    private static final byte[] ARTICLE_ID = ascii("articleId");
    private static final byte[] CATEGORY_ID = ascii("categoryId");
    private static final byte[] CATEGORY_PATH = ascii("categoryPath");
    private static final byte[] VIEWED_AT = ascii("viewedAt");
    private static final byte[] VISITOR_KEY = ascii("visitorKey");
    private static final byte[] REFERRER = ascii("referrer");
    private static final byte[] USER_AGENT = ascii("userAgent");

    private final ViewDecoder.Scratch scratch;
    private final CanonicalStrings strings;
    private final List<String> path;
    private byte[] b;
    private int i;
    /** Where the last string read starts, and its length (set by {@link #string}). */
    private int start;
    private int length;

    ViewScanner(ViewDecoder.Scratch scratch) {
        this.scratch = scratch;
        this.strings = scratch.strings;
        this.path = scratch.path;
    }

    /** The view, or null when the payload is not in the usual form (then the parse decides). */
    DecodedView scan(byte[] payload) {
        b = payload;
        i = 0;
        String viewId = null, articleId = null, categoryId = null, visitorKey = null, userAgent = null;
        Instant viewedAt = null;
        boolean pathSeen = false;
        if (!skipTo('{')) {
            return null;
        }
        i++;
        if (!whitespace() || b[i] != '"') {
            return null; // {} or something odd: the parse decides
        }
        while (true) {
            if (!string()) {
                return null;
            }
            int nameStart = start, nameLength = length;
            if (!whitespace() || b[i] != ':') {
                return null;
            }
            i++;
            if (!whitespace()) {
                return null;
            }
            if (is(VIEW_ID, nameStart, nameLength)) {
                if (!nonEmptyString()) {
                    return null;
                }
                viewId = new String(b, start, length, StandardCharsets.ISO_8859_1);
            } else if (is(ARTICLE_ID, nameStart, nameLength)) {
                if (!nonEmptyString()) {
                    return null;
                }
                articleId = strings.of(b, start, length);
            } else if (is(CATEGORY_ID, nameStart, nameLength)) {
                if (!nonEmptyString()) {
                    return null;
                }
                categoryId = strings.of(b, start, length);
            } else if (is(VISITOR_KEY, nameStart, nameLength)) {
                if (!nonEmptyString()) {
                    return null;
                }
                visitorKey = new String(b, start, length, StandardCharsets.ISO_8859_1);
            } else if (is(VIEWED_AT, nameStart, nameLength)) {
                if (b[i] != '"' || !string()) {
                    return null;
                }
                viewedAt = ViewDecoder.parseUtc(b, start, length);
                if (viewedAt == null) {
                    return null; // another form of date-time, or none: the parse decides
                }
            } else if (is(CATEGORY_PATH, nameStart, nameLength)) {
                if (!path()) {
                    return null;
                }
                pathSeen = true;
            } else if (is(USER_AGENT, nameStart, nameLength)) {
                if (b[i] == '"') {
                    if (!string()) {
                        return null;
                    }
                    userAgent = strings.of(b, start, length);
                } else if (literal("null")) {
                    userAgent = null;
                } else {
                    return null;
                }
            } else if (b[i] == '"') { // referrer, or a property this version does not know: any string or null
                if (!string()) {
                    return null;
                }
            } else if (!literal("null") && (is(REFERRER, nameStart, nameLength)
                    || !literal("true") && !literal("false"))) {
                return null;
            }
            if (!whitespace()) {
                return null;
            }
            if (b[i] == '}') {
                i++;
                break;
            }
            if (b[i] != ',') {
                return null;
            }
            i++;
            if (!whitespace() || b[i] != '"') {
                return null;
            }
        }
        if (whitespace()) {
            return null; // something after the object
        }
        if (viewId == null || articleId == null || categoryId == null || visitorKey == null || viewedAt == null
                || !pathSeen) {
            return null;
        }
        return new DecodedView(viewId, articleId, categoryId, scratch.canonicalPath(), viewedAt, visitorKey,
                userAgent);
    }

    /** A JSON array of non-empty strings into the path list. */
    private boolean path() {
        path.clear();
        if (b[i] != '[') {
            return false;
        }
        i++;
        if (!whitespace()) {
            return false;
        }
        if (b[i] == ']') {
            i++;
            return true;
        }
        while (true) {
            if (!nonEmptyString()) {
                return false;
            }
            path.add(strings.of(b, start, length));
            if (!whitespace()) {
                return false;
            }
            if (b[i] == ']') {
                i++;
                return true;
            }
            if (b[i] != ',') {
                return false;
            }
            i++;
            if (!whitespace()) {
                return false;
            }
        }
    }

    private boolean nonEmptyString() {
        return b[i] == '"' && string() && length > 0;
    }

    /**
     * At a quote: reads the string to its closing quote ({@link #start}, {@link #length}), if it has no escape, no
     * control character and no byte outside ASCII.
     */
    private boolean string() {
        int j = i + 1;
        byte[] bytes = b;
        int end = bytes.length;
        while (j < end) {
            byte c = bytes[j];
            if (c == '"') {
                start = i + 1;
                length = j - start;
                i = j + 1;
                return true;
            }
            if (c < 0x20 || c == '\\') { // bytes above 0x7F are negative
                return false;
            }
            j++;
        }
        return false;
    }

    private boolean literal(String word) {
        int n = word.length();
        if (i + n > b.length) {
            return false;
        }
        for (int k = 0; k < n; k++) {
            if (b[i + k] != word.charAt(k)) {
                return false;
            }
        }
        i += n;
        return true;
    }

    /** Skips JSON whitespace; true if a byte follows. */
    private boolean whitespace() {
        while (i < b.length) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return true;
            }
            i++;
        }
        return false;
    }

    private boolean skipTo(char c) {
        return whitespace() && b[i] == c;
    }

    private boolean is(byte[] name, int from, int count) {
        return count == name.length && Arrays.equals(b, from, from + count, name, 0, count);
    }

    private static byte[] ascii(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}
