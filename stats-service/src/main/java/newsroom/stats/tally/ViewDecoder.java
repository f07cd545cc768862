package newsroom.stats.tally;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.contracts.EventSchemas;
import newsroom.contracts.EventTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Reads a view payload and checks it against the rules of the newsroom.article.viewed.v1 JSON Schema. The check here
 * is a hand-written mirror of the schema, because the general validator costs tens of microseconds per event and the
 * counting path reads a million events in seconds; when this check refuses a payload, {@link EventSchemas} names the
 * violation for the dead-letter reason. ViewDecoderTests keeps the two in agreement on valid and invalid payloads.
 *
 * <p>Two readers: {@link ViewScanner} reads the usual payload (ASCII strings, no escapes) straight from its bytes,
 * with article ids, category ids, category paths and User-Agents as one instance per distinct value (see
 * {@link CanonicalStrings}); anything else goes through a Jackson streaming parse, which decides. The decoder is
 * called from several threads at once, and each keeps its own scratch.
 */
public final class ViewDecoder {

    /**
     * Parser buffers recycled per thread: the default pool is a concurrent deque, and taking a buffer from it and
     * giving it back for each of a million small payloads was a tenth of the decoding time.
     */
    private final JsonFactory json = JsonFactory.builder().recyclerPool(JsonRecyclerPools.threadLocalPool()).build();

    /** What one decoding thread keeps between payloads ({@link #scratch()}). */
    public static final class Scratch {
        final CanonicalStrings strings = new CanonicalStrings();
        final Map<List<String>, List<String>> paths = new HashMap<>();
        final List<String> path = new ArrayList<>(8);
        final ViewScanner scanner = new ViewScanner(this);

        List<String> canonicalPath() {
            List<String> canonical = paths.get(path);
            if (canonical == null) {
                if (paths.size() >= CanonicalStrings.MAX_SIZE) {
                    paths.clear();
                }
                canonical = List.copyOf(path);
                paths.put(canonical, canonical);
            }
            return canonical;
        }
    }

    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** A decoded view, or the reason it is invalid. */
    public record Result(DecodedView view, String invalidReason) {
    }

    /** Decodes one payload, with the calling thread's {@link #scratch()}, fetched once for many payloads. */
    public Result decode(byte[] payload, Scratch scratch) {
        DecodedView view = fastDecode(payload, scratch);
        if (view != null) {
            return new Result(view, null);
        }
        List<String> violations;
        try {
            violations = EventSchemas.validate(EventTypes.ARTICLE_VIEWED, payload);
        } catch (RuntimeException e) {
            violations = List.of("$: " + e.getMessage());
        }
        String reason = violations.isEmpty()
                ? "$: the payload does not fit newsroom.article.viewed.v1"
                : String.join("; ", violations);
        return new Result(null, reason);
    }

    /** What the calling thread keeps between payloads; only for use on that thread. */
    public Scratch scratch() {
        return scratch.get();
    }

    /** The view if the payload passes every rule of the schema, null otherwise. */
    DecodedView fastDecode(byte[] payload, Scratch scratch) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        DecodedView view = scratch.scanner.scan(payload);
        return view != null ? view : parse(payload, scratch);
    }

    /**
     * As {@link #fastDecode}, with a streaming parse (no tree, little garbage, a few microseconds per view): for what
     * {@link ViewScanner} does not read, and the reference it is checked against.
     */
    DecodedView parse(byte[] payload, Scratch scratch) {
        String viewId = null, articleId = null, categoryId = null, visitorKey = null;
        Instant viewedAt = null;
        String userAgent = null;
        List<String> path = null;
        // Straight from the factory: a parser made by an ObjectMapper also gets a deserialization context, unused here.
        try (JsonParser p = json.createParser(ObjectReadContext.empty(), payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            JsonToken token;
            while ((token = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "viewId" -> viewId = requiredString(p, value);
                    case "articleId" -> articleId = requiredString(p, value);
                    case "categoryId" -> categoryId = requiredString(p, value);
                    case "visitorKey" -> visitorKey = requiredString(p, value);
                    case "viewedAt" -> viewedAt = requiredTime(p, value);
                    case "categoryPath" -> {
                        if (value != JsonToken.START_ARRAY) {
                            return null;
                        }
                        path = scratch.path;
                        path.clear();
                        JsonToken item;
                        while ((item = p.nextToken()) != JsonToken.END_ARRAY) {
                            String category = requiredString(p, item);
                            if (category == null) {
                                return null;
                            }
                            path.add(category);
                        }
                    }
                    case "referrer", "userAgent" -> {
                        if (value != JsonToken.VALUE_NULL && value != JsonToken.VALUE_STRING) {
                            return null;
                        }
                        if (name.equals("userAgent")) {
                            userAgent = value == JsonToken.VALUE_STRING ? p.getString() : null;
                        }
                    }
                    default -> p.skipChildren();
                }
                if (invalid(name, viewId, articleId, categoryId, visitorKey, viewedAt)) {
                    return null;
                }
            }
            if (token != JsonToken.END_OBJECT || p.nextToken() != null) {
                return null; // not one JSON object, or something after it
            }
        } catch (JacksonException e) {
            return null;
        }
        if (viewId == null || articleId == null || categoryId == null || visitorKey == null || viewedAt == null
                || path == null) {
            return null;
        }
        return new DecodedView(viewId, articleId, categoryId, scratch.canonicalPath(), viewedAt, visitorKey,
                userAgent);
    }

    /** A required property was present with a value that is not a non-empty string (viewedAt: not a date-time). */
    private static boolean invalid(String name, String viewId, String articleId, String categoryId,
            String visitorKey, Instant viewedAt) {
        return switch (name) {
            case "viewId" -> viewId == null;
            case "articleId" -> articleId == null;
            case "categoryId" -> categoryId == null;
            case "visitorKey" -> visitorKey == null;
            case "viewedAt" -> viewedAt == null;
            default -> false;
        };
    }

    private static String requiredString(JsonParser p, JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                p.skipChildren();
            }
            return null;
        }
        String value = p.getString();
        return value.isEmpty() ? null : value;
    }

    /** A date-time string as an Instant, or null if it is not one. */
    private static Instant requiredTime(JsonParser p, JsonToken token) {
        if (token != JsonToken.VALUE_STRING) {
            requiredString(p, token); // skips an object or array
            return null;
        }
        return parseDateTime(p.getString());
    }

    /** RFC 3339 date-time as JSON Schema's "date-time" format: an offset or Z is required. */
    static Instant parseDateTime(String text) {
        Instant utc = parseUtc(text);
        if (utc != null) {
            return utc;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The beacon's form, {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} as Instant.toString() writes it, read digit by digit: the
     * general parser costs about a microsecond a view. Anything else (offsets, a bad field) returns null and goes
     * through the general parser, which decides.
     */
    static Instant parseUtc(String text) {
        return parseUtc(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length()); // not Latin-1: not a digit
    }

    /** As {@link #parseUtc(String)}, over the {@code n} bytes from {@code o} of an ASCII text. */
    static Instant parseUtc(byte[] t, int o, int n) {
        if (n < 20 || n > 30 || t[o + n - 1] != 'Z' || t[o + 4] != '-' || t[o + 7] != '-'
                || t[o + 10] != 'T' || t[o + 13] != ':' || t[o + 16] != ':') {
            return null;
        }
        int year = digits(t, o, 4), month = digits(t, o + 5, 2), day = digits(t, o + 8, 2);
        int hour = digits(t, o + 11, 2), minute = digits(t, o + 14, 2), second = digits(t, o + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || day > YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (t[o + 19] != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            int value = digits(t, o + 20, fraction);
            if (value < 0) {
                return null;
            }
            nanos = value;
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * 86_400L + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal number in t[from, from + count), or -1 if any of it is not a digit. */
    private static int digits(byte[] t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            byte c = t[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
