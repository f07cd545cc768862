package newsroom.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;

/**
 * Sends an event payload as a CloudEvent in binary mode: attributes as {@code ce_*} Kafka headers, the JSON payload
 * as the record value, and the given key (an entity id) as the record key so that one entity's events stay ordered.
 */
public class CloudEventPublisher {

    private final StreamBridge bridge;
    private final URI source;

    public CloudEventPublisher(StreamBridge bridge, String serviceName) {
        this.bridge = bridge;
        this.source = URI.create("/newsroom/" + serviceName);
    }

    /**
     * Sends one event through a Spring Cloud Stream output binding. Whether this waits for the broker's
     * acknowledgement is the binding's {@code producer.sync} setting: lifecycle bindings wait (the outbox needs to
     * know), the high-volume view binding does not.
     *
     * @return false if the binder refused the message; a failure of a synchronous send is thrown
     */
    public boolean send(String bindingName, String key, String eventId, Instant time, Object payload) {
        return bridge.send(bindingName, toMessage(key, eventId, time, EventTypes.typeOf(payload.getClass()), payload));
    }

    /** Sends an already serialized payload (e.g. one kept in an outbox) under its recorded type. */
    public boolean sendJson(String bindingName, String key, String eventId, Instant time, String type, byte[] json) {
        return bridge.send(bindingName, toMessage(key, eventId, time, type, json));
    }

    public Message<Object> toMessage(String key, String eventId, Instant time, String type, Object payload) {
        return CloudEventMessageBuilder.withData(payload)
                .setId(eventId)
                .setSource(source)
                .setType(type)
                .setSpecVersion("1.0")
                // RFC 3339 with seconds always present (OffsetDateTime.toString() drops ":00").
                .setHeader(CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(time))
                .setSubject(key)
                .setDataSchema(URI.create(CloudEventHeaders.dataSchemaOf(type)))
                .setHeader(KafkaHeaders.KEY, key.getBytes(StandardCharsets.UTF_8))
                .setHeader("contentType", "application/json")
                .build(CloudEventMessageUtils.KAFKA_ATTR_PREFIX);
    }
}
