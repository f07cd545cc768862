package newsroom.stats.counting;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record of article-viewed, as it came off the topic: the counting code needs its coordinates (the
 * offset guard), its raw key, value and headers (the dead-letter topic keeps them unchanged), and three header facts,
 * read once per record rather than looked up again at every step.
 *
 * @param headers     header name to raw value (the binder is set up to hand headers over unconverted)
 * @param type        the {@code ce_type} header, or null
 * @param released    whether stats-service re-published this view after it was parked
 * @param rateLimited whether the beacon marked the view as over the visitor's rate limit
 */
public record ViewRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        Map<String, Object> headers, String type, boolean released, boolean rateLimited) {

    private static final byte[] VIEWED_TYPE = EventTypes.ARTICLE_VIEWED.getBytes(StandardCharsets.UTF_8);

    /** A record whose header facts are read from its headers. */
    public ViewRecord(String topic, int partition, long offset, byte[] key, byte[] value,
            Map<String, Object> headers) {
        this(topic, partition, offset, key, value, headers, text(get(headers, CloudEventHeaders.TYPE)),
                get(headers, CountingPipeline.RELEASED_HEADER) != null,
                "true".equalsIgnoreCase(text(get(headers, CountingPipeline.RATE_LIMITED_HEADER))));
    }

    /** The three header facts counting needs. */
    record HeaderFacts(String type, boolean released, boolean rateLimited) {

        static HeaderFacts read(org.apache.kafka.common.header.Headers kafkaHeaders) {
            String type = null;
            boolean released = false;
            boolean rateLimited = false;
            for (org.apache.kafka.common.header.Header h : kafkaHeaders) {
                switch (h.key()) {
                    case CloudEventHeaders.TYPE -> type = Arrays.equals(h.value(), VIEWED_TYPE)
                            ? EventTypes.ARTICLE_VIEWED : text(h.value()); // the usual value, without a new String
                    case CountingPipeline.RELEASED_HEADER -> released = true;
                    case CountingPipeline.RATE_LIMITED_HEADER ->
                            rateLimited = "true".equalsIgnoreCase(text(h.value()));
                    default -> {
                    }
                }
            }
            return new HeaderFacts(type, released, rateLimited);
        }
    }

    /**
     * The records of a poll, as the Kafka consumer returned them; their headers are kept as Kafka holds them. Values
     * that {@link PolledViewDeserializer} made carry their header facts already; others have their headers read here,
     * in one pass.
     */
    static List<ViewRecord> of(List<? extends ConsumerRecord<?, ?>> polled) {
        List<ViewRecord> records = new ArrayList<>(polled.size());
        for (ConsumerRecord<?, ?> r : polled) {
            PolledView view = r.value() instanceof PolledView v ? v : null;
            HeaderFacts facts = view != null && view.facts() != null ? view.facts() : HeaderFacts.read(r.headers());
            records.add(new ViewRecord(r.topic(), r.partition(), r.offset(), bytes(r.key()),
                    view != null ? view.bytes() : bytes(r.value()), lazy(r.headers()), facts.type(), facts.released(),
                    facts.rateLimited()));
        }
        return records;
    }

    private static byte[] bytes(Object value) {
        if (value == null || value instanceof byte[]) {
            return (byte[]) value;
        }
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Headers as Kafka holds them, read only when asked (a batch has thousands of records). */
    static Map<String, Object> lazy(org.apache.kafka.common.header.Headers kafkaHeaders) {
        return new java.util.AbstractMap<>() {
            @Override
            public Object get(Object name) {
                org.apache.kafka.common.header.Header h = kafkaHeaders.lastHeader((String) name);
                return h == null ? null : h.value();
            }

            @Override
            public java.util.Set<Entry<String, Object>> entrySet() {
                Map<String, Object> all = new java.util.LinkedHashMap<>();
                kafkaHeaders.forEach(h -> all.put(h.key(), h.value()));
                return all.entrySet();
            }
        };
    }

    private static Object get(Map<String, Object> headers, String name) {
        return headers == null ? null : headers.get(name);
    }

    public String header(String name) {
        return text(headers == null ? null : headers.get(name));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
