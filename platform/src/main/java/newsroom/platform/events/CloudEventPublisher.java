package newsroom.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import org.springframework.cloud.function.cloudevent.CloudEventMessageBuilder;
import org.springframework.cloud.function.cloudevent.CloudEventMessageUtils;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Sends an event payload as a CloudEvent in binary mode: attributes as {@code ce_*} Kafka headers, the JSON payload
 * as the record value, and the given key (an entity id) as the record key so that one entity's events stay ordered.
 *
 * <p>An already serialised payload for an output binding the service declared at start-up
 * ({@code spring.cloud.stream.output-bindings}; article-service declares {@code article-lifecycle}'s, which its outbox
 * sends to) goes straight to that binding's channel: the binder's producer with the binding's settings ({@code sync},
 * {@code acks}, idempotence), its channel observation and header mapping. Everything else goes through
 * {@link StreamBridge}, which first hands each message to a pass-through function under one lock shared by every
 * sender — parsing the JSON payload to see whether it is a collection, converting it by content type, observing the
 * function: about a third of the outbox relay's send, its threads waiting for each other on that lock
 * (bench/publish/README.md, session 11). A payload object still needs that conversion, so {@link #send} takes the
 * bridge.
 */
public class CloudEventPublisher {

    private final StreamBridge bridge;
    private final URI source;
    private final Function<String, MessageChannel> declaredChannel;

    /**
     * @param declaredChannel the channel of an output binding declared at start-up, by the binding's name; null for a
     *                        binding the bridge binds on first use
     */
    public CloudEventPublisher(StreamBridge bridge, String serviceName,
            Function<String, MessageChannel> declaredChannel) {
        this.bridge = bridge;
        this.source = URI.create("/newsroom/" + serviceName);
        this.declaredChannel = declaredChannel;
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
        Message<Object> message = toMessage(key, eventId, time, type, json);
        MessageChannel channel = declaredChannel.apply(bindingName);
        return channel != null ? channel.send(message) : bridge.send(bindingName, message);
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
