package newsroom.stats.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes records to Kafka as they were read — same key, value and headers — plus the reason: to the dead-letter topic
 * {@code article-viewed.stats-service.dlq} with {@code x-newsroom-dlq-reason}, or to stats-service's retry topic for a
 * parked view whose article became known ({@link ParkedViews}). Uses the binder's brokers, so it needs no configuration of its own.
 */
public class DeadLetters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    public static final String REASON_HEADER = "x-newsroom-dlq-reason";
    public static final String ORIGINAL_TOPIC_HEADER = "x-newsroom-dlq-original-topic";
    public static final String ORIGINAL_PARTITION_HEADER = "x-newsroom-dlq-original-partition";
    public static final String ORIGINAL_OFFSET_HEADER = "x-newsroom-dlq-original-offset";

    private final String brokers;
    private final int partitions;
    private final short replicationFactor;
    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final KafkaTemplate<byte[], byte[]> template;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public DeadLetters(String brokers, int partitions, short replicationFactor) {
        this.brokers = brokers;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 40_000));
        this.template = new KafkaTemplate<>(producers);
    }

    /**
     * Sends one record. {@code extraHeaders} are added after the original ones (a reason, a release marker).
     */
    public CompletableFuture<?> send(String topic, byte[] key, byte[] value, Map<String, Object> originalHeaders,
            Map<String, String> extraHeaders) {
        ensureTopic(topic);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
        if (originalHeaders != null) {
            originalHeaders.forEach((name, v) -> {
                byte[] bytes = v instanceof byte[] b ? b : v == null ? null : v.toString().getBytes(StandardCharsets.UTF_8);
                record.headers().add(name, bytes);
            });
        }
        extraHeaders.forEach((name, v) -> {
            record.headers().remove(name);
            record.headers().add(name, v.getBytes(StandardCharsets.UTF_8));
        });
        return template.send(record);
    }

    public static Map<String, String> reason(String reason, String topic, int partition, long offset) {
        return Map.of(REASON_HEADER, reason,
                ORIGINAL_TOPIC_HEADER, topic,
                ORIGINAL_PARTITION_HEADER, Integer.toString(partition),
                ORIGINAL_OFFSET_HEADER, Long.toString(offset),
                "x-newsroom-dlq-at", Instant.now().toString());
    }

    public static CompletableFuture<Void> all(List<CompletableFuture<?>> sends) {
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new));
    }

    /** Creates the topic if the broker does not have it (a dead-letter topic should not depend on auto-creation). */
    private void ensureTopic(String topic) {
        if (ensured.contains(topic)) {
            return;
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions),
                    replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))))
                    .all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create topic {}: {}", topic, e.getCause().toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ensured.add(topic);
    }

    @Override
    public void destroy() {
        producers.destroy();
    }
}
