package newsroom.testing;


import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads a topic from the beginning as an outside consumer would (its own group), so tests can see exactly what was
 * published: key, CloudEvents headers and JSON value.
 */
public final class TopicProbe implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public TopicProbe(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
    }

    /** Waits until a record matching the predicate has arrived, and returns it. */
    public ConsumerRecord<String, String> awaitRecord(Predicate<ConsumerRecord<String, String>> matching) {
        return awaitCount(matching, 1).get(0);
    }

    /** Waits until at least {@code count} matching records have arrived, and returns all matching so far. */
    public List<ConsumerRecord<String, String>> awaitCount(Predicate<ConsumerRecord<String, String>> matching,
            int count) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            poll();
            return seen.stream().filter(matching).count() >= count;
        });
        return seen.stream().filter(matching).toList();
    }

    /**
     * How long the topic must stay silent before {@link #receivedOnceQuiet()} believes nothing more is coming: well
     * above a producer's retry backoff and linger and a broker round trip, so a duplicate sent late by a retry shows
     * up inside it. (An outbox sweep runs every 5 s: tests that check "exactly once" after a sweep wait until the
     * outbox is empty first, so no sweep can send again.)
     */
    public static final Duration QUIET_PERIOD = Duration.ofSeconds(3);

    /** Everything received so far, after one more short poll: for polling loops, not for "nothing more arrived". */
    public List<ConsumerRecord<String, String>> received() {
        poll();
        return List.copyOf(seen);
    }

    /**
     * Everything received once nothing new has arrived for {@link #QUIET_PERIOD} (giving up after a minute of
     * steady traffic): what a test asserting "nothing more arrived" or "nothing twice" must look at.
     */
    public List<ConsumerRecord<String, String>> receivedOnceQuiet() {
        return receivedOnceQuiet(QUIET_PERIOD);
    }

    /** {@link #receivedOnceQuiet()} with another quiet period. */
    public List<ConsumerRecord<String, String>> receivedOnceQuiet(Duration quiet) {
        int[] size = {-1};
        org.awaitility.Awaitility.await().atMost(quiet.plus(Duration.ofSeconds(60))).pollInterval(quiet)
                .pollDelay(Duration.ZERO).until(() -> {
                    poll();
                    boolean unchanged = size[0] == seen.size();
                    size[0] = seen.size();
                    return unchanged;
                });
        return List.copyOf(seen);
    }

    private void poll() {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Writes a raw record, e.g. a poison message, straight to a topic. */
    public static void send(String topic, String key, String value, Map<String, String> headers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(record);
            producer.flush();
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
