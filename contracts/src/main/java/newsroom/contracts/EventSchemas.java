package newsroom.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an event payload against the JSON Schema (draft 2020-12) of its CloudEvents type, the schemas shipped in this
 * jar under {@link EventTypes#schemaResource(String)}.
 *
 * <p>Every schema is loaded and compiled once, when this class is first used; a missing or broken schema fails that
 * first use rather than an event later on. Validation afterwards only reads the compiled schemas, so all methods are
 * safe to call from many threads at once and cost microseconds per event.
 *
 * <p>A violation is one English line that starts with the JSON path of the offending value, for example
 * {@code "$: required property 'articleId' not found"} or {@code "$.revision: string found, integer expected"}.
 * Formats are asserted (a {@code date-time} must be an RFC 3339 timestamp), and properties the schema does not know
 * are allowed: within a version, fields are only ever added.
 *
 * <pre>{@code
 * List<String> violations = EventSchemas.validate(EventTypes.ARTICLE_VIEWED, json);
 * if (!violations.isEmpty()) {
 *     throw new IllegalArgumentException("Invalid view event: " + violations); // retried, then dead-lettered
 * }
 * }</pre>
 */
public final class EventSchemas {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Map<String, Schema> SCHEMAS = loadAll();

    private EventSchemas() {
    }

    /** Whether this version of the contracts has a schema for the type (exactly the types of {@link EventTypes}). */
    public static boolean hasSchema(String type) {
        return type != null && SCHEMAS.containsKey(type);
    }

    /**
     * The violations of a JSON payload against the schema of its type.
     *
     * @param type a CloudEvents type of {@link EventTypes}
     * @param json the record value as text
     * @return the violation messages, empty if the payload is valid; text that is not one JSON value is a violation,
     *         not an exception
     * @throws IllegalArgumentException if the type has no schema (see {@link #hasSchema(String)}): an unknown type,
     *                                  e.g. a newer version, is for the caller to skip, not an invalid event
     */
    public static List<String> validate(String type, String json) {
        Schema schema = schemaOf(type);
        if (json == null || json.isBlank()) {
            return List.of("$: the payload is empty");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(json);
        } catch (JacksonException e) {
            return List.of("$: not valid JSON: " + e.getOriginalMessage());
        }
        return validate(schema, payload);
    }

    /** As {@link #validate(String, String)}, for a record value in UTF-8 bytes as it comes off the topic. */
    public static List<String> validate(String type, byte[] json) {
        Schema schema = schemaOf(type);
        if (json == null || json.length == 0) {
            return List.of("$: the payload is empty");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(json);
        } catch (JacksonException e) {
            return List.of("$: not valid JSON: " + e.getOriginalMessage());
        }
        return validate(schema, payload);
    }

    /** As {@link #validate(String, String)}, for a payload already parsed with Jackson 3. */
    public static List<String> validate(String type, JsonNode payload) {
        Schema schema = schemaOf(type);
        if (payload == null || payload.isMissingNode()) {
            return List.of("$: the payload is empty");
        }
        return validate(schema, payload);
    }

    /** Whether the payload is valid for its type; see {@link #validate(String, String)}. */
    public static boolean isValid(String type, String json) {
        return validate(type, json).isEmpty();
    }

    private static List<String> validate(Schema schema, JsonNode payload) {
        List<Error> errors = schema.validate(payload);
        if (errors.isEmpty()) {
            return List.of();
        }
        return errors.stream().map(EventSchemas::describe).toList();
    }

    private static String describe(Error error) {
        String location = String.valueOf(error.getInstanceLocation());
        String message = error.getMessage();
        // Messages may or may not start with the location already, depending on the library's message templates.
        return message.startsWith(location) ? message : location + ": " + message;
    }

    private static Schema schemaOf(String type) {
        Schema schema = type == null ? null : SCHEMAS.get(type);
        if (schema == null) {
            throw new IllegalArgumentException("No schema for event type '" + type + "'; known types: "
                    + EventTypes.all());
        }
        return schema;
    }

    private static Map<String, Schema> loadAll() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .formatAssertionsEnabled(true)
                .pathType(PathType.JSON_PATH)
                .locale(Locale.ENGLISH)
                .preloadSchema(true)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (String type : EventTypes.all()) {
            Schema schema = registry.getSchema(readResource(EventTypes.schemaResource(type)));
            // Compiles every keyword (and $ref) now, so that validation never initialises shared state concurrently.
            schema.initializeValidators();
            schemas.put(type, schema);
        }
        return Map.copyOf(schemas);
    }

    private static JsonNode readResource(String resource) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Schema resource " + resource + " is missing from the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema resource " + resource, e);
        }
    }
}
