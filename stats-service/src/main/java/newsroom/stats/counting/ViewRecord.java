package newsroom.stats.counting;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One consumed record of article-viewed, as it came off the topic: the counting code needs its coordinates (the
 * offset guard), its raw key, value and headers (the dead-letter topic keeps them unchanged).
 *
 * @param headers header name to raw value (the binder is set up to hand headers over unconverted)
 */
public record ViewRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        Map<String, Object> headers) {

    /** Headers as Kafka holds them, read only when asked (a batch has hundreds of thousands of records). */
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

    public String header(String name) {
        Object value = headers == null ? null : headers.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value.toString();
    }
}
