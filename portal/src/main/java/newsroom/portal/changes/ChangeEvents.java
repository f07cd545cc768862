package newsroom.portal.changes;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import newsroom.contracts.CategoryChanged;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.support.converter.BatchMessageConverter;
import org.springframework.messaging.Message;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The portal's two consumers (Spring Cloud Stream functional bindings {@code articleLifecycle-in-0} and
 * {@code categoryChanged-in-0}, see application.yml). They turn each record into a {@link Change} for the caches. A
 * record of an unknown type (a newer version beside the one read here) is skipped; one that cannot be read becomes
 * an {@link Change.UnreadableChange}, which drops every cache, and is never retried: a cache is safe to empty.
 * {@code newsroom.portal.change.lag} times how long after the change (its {@code occurredAt}) the caches heard of it.
 */
@Configuration(proxyBeanMethods = false)
class ChangeEvents {

    private static final Logger log = LoggerFactory.getLogger(ChangeEvents.class);

    // Contracts grow by adding fields: unknown fields are ignored, a missing primitive reads as its default.
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final ApplicationEventPublisher publisher;
    private final ObjectProvider<MeterRegistry> meters;
    private final Map<String, Timer> lagTimers = new ConcurrentHashMap<>();

    ChangeEvents(ApplicationEventPublisher publisher, ObjectProvider<MeterRegistry> meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    /** Hands each poll of article-lifecycle to {@link #articleLifecycle} as the records Kafka returned. */
    @Bean
    BatchMessageConverter lifecycleRecordsConverter() {
        return new RawRecords();
    }

    /**
     * article-lifecycle in batch mode (an import sends thousands of events a minute): each poll's records are read
     * straight from their bytes and headers, without a message, header mapping or observation per record.
     */
    @Bean
    Consumer<Message<?>> articleLifecycle() {
        return message -> {
            for (ConsumerRecord<?, ?> record : RawRecords.of(message)) {
                String type = header(record, CloudEventHeaders.TYPE);
                byte[] value = record.value() instanceof byte[] bytes ? bytes : null;
                publish(Topics.ARTICLE_LIFECYCLE, () -> read(type, value), header(record, CloudEventHeaders.TIME));
            }
        };
    }

    @Bean
    Consumer<Message<byte[]>> categoryChanged() {
        return message -> publish(Topics.CATEGORY_CHANGED, () -> read(message), attribute(message, "time"));
    }

    private void publish(String topic, Supplier<Change> reading, String time) {
        Change change;
        try {
            change = reading.get();
        } catch (RuntimeException e) {
            log.warn("Unreadable record on {}; dropping every cache: {}", topic, e.toString());
            change = new Change.UnreadableChange(topic, e.toString());
        }
        if (change != null) {
            publisher.publishEvent(change);
            recordLag(topic, time);
            log.debug("Applied {}", change);
        }
    }

    private void recordLag(String topic, String time) {
        MeterRegistry registry = meters.getIfAvailable();
        if (time == null || registry == null) {
            return;
        }
        try {
            Duration lag = Duration.between(Instant.parse(time), Instant.now());
            lagTimers.computeIfAbsent(topic, t -> Timer.builder("newsroom.portal.change.lag")
                    .description("From a change to the portal's caches hearing of it")
                    .tag("topic", t).publishPercentiles(0.5, 0.99).register(registry)).record(lag);
        } catch (RuntimeException e) {
            log.debug("No lag for a record with ce_time {}: {}", time, e.toString());
        }
    }

    /** The change a record announces; null for a type the portal does not know. */
    static Change read(Message<byte[]> message) {
        return read(attribute(message, "type"), message.getPayload());
    }

    /** The change a record of this {@code ce_type} announces; null for a type the portal does not know. */
    static Change read(String type, byte[] value) {
        Class<?> payloadType = type == null ? null : EventTypes.payloadOf(type);
        if (payloadType == null) {
            return null;
        }
        if (value == null) {
            throw new IllegalArgumentException("empty payload for " + type);
        }
        Object payload = JSON.readValue(value, payloadType);
        if (payload instanceof ArticlePublished p) {
            return new Change.ArticleChange(required(p.articleId()), p.revision(), true);
        }
        if (payload instanceof ArticleUpdated u) {
            return new Change.ArticleChange(required(u.articleId()), u.revision(), true);
        }
        if (payload instanceof ArticleUnpublished u) {
            return new Change.ArticleChange(required(u.articleId()), u.revision(), false);
        }
        if (payload instanceof CategoryChanged c) {
            return new Change.CategoryChange(required(c.categoryId()), c.revision());
        }
        return null;
    }

    private static String required(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("event without an id");
        }
        return id;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** {@code ce_type} on the wire; spring-cloud-function may hand it over canonicalised as {@code ce-type}. */
    private static String attribute(Message<?> message, String name) {
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
