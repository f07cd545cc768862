package newsroom.stats.counting;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import newsroom.contracts.EventSchemas;
import newsroom.contracts.EventTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a view payload and checks it against the rules of the newsroom.article.viewed.v1 JSON Schema. The check here
 * is a hand-written mirror of the schema, because the general validator costs tens of microseconds per event and the
 * counting path reads a million events in seconds; when this check refuses a payload, {@link EventSchemas} names the
 * violation for the dead-letter reason. ViewDecoderTests keeps the two in agreement on valid and invalid payloads.
 */
public final class ViewDecoder {

    private final JsonMapper json;

    public ViewDecoder(JsonMapper json) {
        this.json = json;
    }

    /** A decoded view, or the reason it is invalid. */
    public record Result(DecodedView view, String invalidReason) {
        boolean valid() {
            return view != null;
        }
    }

    public Result decode(byte[] payload) {
        DecodedView view = fastDecode(payload);
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

    /** The view if the payload passes every rule of the schema, null otherwise. */
    DecodedView fastDecode(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return null;
        }
        JsonNode node;
        try {
            node = json.readTree(payload);
        } catch (JacksonException e) {
            return null;
        }
        if (node == null || !node.isObject()) {
            return null;
        }
        String viewId = requiredString(node, "viewId");
        String articleId = requiredString(node, "articleId");
        String categoryId = requiredString(node, "categoryId");
        String visitorKey = requiredString(node, "visitorKey");
        String viewedAtText = requiredString(node, "viewedAt");
        if (viewId == null || articleId == null || categoryId == null || visitorKey == null || viewedAtText == null) {
            return null;
        }
        JsonNode pathNode = node.get("categoryPath");
        if (pathNode == null || !pathNode.isArray()) {
            return null;
        }
        List<String> path = new ArrayList<>(pathNode.size());
        for (JsonNode item : pathNode.values()) {
            if (!item.isString() || item.stringValue().isEmpty()) {
                return null;
            }
            path.add(item.stringValue());
        }
        if (!nullableString(node, "referrer") || !nullableString(node, "userAgent")) {
            return null;
        }
        Instant viewedAt = parseDateTime(viewedAtText);
        if (viewedAt == null) {
            return null;
        }
        JsonNode ua = node.get("userAgent");
        return new DecodedView(viewId, articleId, categoryId, List.copyOf(path), viewedAt, visitorKey,
                ua == null || ua.isNull() ? null : ua.stringValue());
    }

    private static String requiredString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.stringValue().isEmpty()) {
            return null;
        }
        return value.stringValue();
    }

    private static boolean nullableString(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isString();
    }

    /** RFC 3339 date-time as JSON Schema's "date-time" format: an offset or Z is required. */
    static Instant parseDateTime(String text) {
        try {
            return java.time.OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
