package newsroom.platform.events;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.messaging.Message;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a consumed record into its payload record by the CloudEvents {@code type} header. A type this service does
 * not know (a newer version published beside the one it reads) is skipped, not failed; a known type whose JSON does
 * not fit is an error, so the binder retries it and then parks it on the dead-letter topic.
 */
public class CloudEventReader {

    private final JsonMapper json;

    public CloudEventReader(JsonMapper json) {
        // Contracts grow by adding fields: an event written before a field existed must still read, with the
        // primitive's default; unknown fields are ignored by the records themselves.
        this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
    }

    public Optional<Object> read(Message<byte[]> message) {
        return read(typeOf(message), message.getPayload());
    }

    /**
     * The payload of a record of this CloudEvents {@code type}, read from its value: for batch consumers, which
     * take the records as Kafka returned them (no message, no header mapping per record).
     */
    public Optional<Object> read(String type, byte[] value) {
        Class<?> payloadType = EventTypes.payloadOf(type);
        if (payloadType == null) {
            return Optional.empty();
        }
        Object payload = value == null ? null : json.readValue(value, payloadType);
        if (payload == null) {
            throw new IllegalArgumentException("Empty payload for " + type);
        }
        return Optional.of(payload);
    }

    /** A record as Kafka returned it (batch consumers): its {@code ce_type} header and its value's bytes. */
    public Optional<Object> read(ConsumerRecord<?, ?> record) {
        if (record.value() != null && !(record.value() instanceof byte[])) {
            throw new IllegalArgumentException("Expected a byte[] value, got " + record.value().getClass().getName());
        }
        return read(typeOf(record), (byte[]) record.value());
    }

    /** The {@code ce_type} header of a record as Kafka returned it (a UTF-8 string), or null. */
    public static String typeOf(ConsumerRecord<?, ?> record) {
        Header header = record.headers().lastHeader(CloudEventHeaders.TYPE);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static String typeOf(Message<?> message) {
        return attribute(message, "type");
    }

    public static String idOf(Message<?> message) {
        return attribute(message, "id");
    }

    /**
     * A CloudEvents attribute of a consumed message. On the wire it is {@code ce_type}; spring-cloud-function's
     * CloudEvents support hands it to functions canonicalised as {@code ce-type}; both are accepted.
     */
    public static String attribute(Message<?> message, String name) {
        Object value = message.getHeaders().get(CloudEventHeaders.PREFIX + name);
        if (value == null) {
            value = message.getHeaders().get("ce-" + name);
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
