package newsroom.stats.intake;

import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One consumed record of article-viewed, as it came off the topic: the counting code needs its coordinates (the
 * offset guard), its raw key, value and headers (the dead-letter topic keeps them unchanged), and three header facts
 * ({@link ViewHeaders}), read once per record rather than looked up again at every step.
 *
 * @param headers     header name to raw value, as Kafka holds them
 * @param type        the {@code ce_type} header, or null
 * @param released    whether stats-service re-published this view after it was parked
 * @param rateLimited whether its producer marked the view as over the visitor's rate limit
 */
public record ViewRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        Map<String, Object> headers, String type, boolean released, boolean rateLimited) {

    /**
     * The records of a poll, as the Kafka consumer returned them. Values that {@link PolledViewDeserializer} made
     * carry their header facts already; others have their headers read here, in one pass.
     */
    static List<ViewRecord> of(List<? extends ConsumerRecord<?, ?>> polled) {
        List<ViewRecord> records = new ArrayList<>(polled.size());
        for (ConsumerRecord<?, ?> r : polled) {
            PolledView view = r.value() instanceof PolledView v ? v : null;
            ViewHeaders facts = view != null && view.facts() != null ? view.facts() : ViewHeaders.read(r.headers());
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
    private static Map<String, Object> lazy(Headers kafkaHeaders) {
        return new AbstractMap<>() {
            @Override
            public Object get(Object name) {
                Header h = kafkaHeaders.lastHeader((String) name);
                return h == null ? null : h.value();
            }

            @Override
            public Set<Entry<String, Object>> entrySet() {
                Map<String, Object> all = new LinkedHashMap<>();
                kafkaHeaders.forEach(h -> all.put(h.key(), h.value()));
                return all.entrySet();
            }
        };
    }
}
