package newsroom.platform.events;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Dead letters for a consumer in batch mode, as the binder gives a record consumer: a record that cannot be
 * processed is retried, then parked on {@code <topic>.<group>.dlq} (same partition, the binder's {@code x-original-*}
 * and {@code x-exception-*} headers, counted in {@link DeadLetterCounter#METER}), and the consumer goes on.
 *
 * <p>Why not the binder's own: in batch mode its dead-letter handler takes the whole poll, so one poison record would
 * park the good records beside it. Here the function names the record that failed by throwing
 * {@link BatchListenerFailedException} after writing the records before it: Spring Kafka's {@link DefaultErrorHandler}
 * then commits those, retries from the failed one (with the binding's back-off), parks it once the attempts are spent
 * and hands the records after it to the function again. Any other exception (the store unavailable) retries the whole
 * poll the same way — the writes are idempotent — and then parks its records, as a record consumer would park each.
 * The binding must not set {@code enable-dlq} (its handler would take the poll first).
 */
public final class BatchDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(BatchDeadLetters.class);

    private final String brokers;
    private final String dlqName;
    private volatile boolean provisioned;

    private BatchDeadLetters(String brokers, String dlqName) {
        this.brokers = brokers;
        this.dlqName = dlqName;
    }

    /**
     * The error handler of a batch binding of {@code topic} in {@code group}: {@code attempts} deliveries of a failed
     * record (the first included), {@code initialInterval} before the first retry, doubling up to 10 s.
     */
    public static DefaultErrorHandler errorHandler(String brokers, String topic, String group, int attempts,
            Duration initialInterval, MeterRegistry meters) {
        BatchDeadLetters letters = new BatchDeadLetters(brokers, topic + "." + group + ".dlq");
        KafkaTemplate<byte[], byte[]> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.ACKS_CONFIG, "all")));
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template, (record, failure) -> {
            letters.provision(record);
            DeadLetterCounter.of(meters, record.topic(), group).increment();
            return new TopicPartition(letters.dlqName, record.partition());
        });
        recoverer.setHeaderNamesSupplier(BatchDeadLetters::binderHeaderNames);
        ExponentialBackOff backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
        backOff.setMaxInterval(10_000);
        backOff.setMaxAttempts(Math.max(0, attempts - 1));
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.setCommitRecovered(true);
        return handler;
    }

    /** The header names the binder's dead letters carry (docs/events.md), instead of Spring Kafka's kafka_dlt-*. */
    private static HeaderNames binderHeaderNames() {
        return HeaderNames.Builder.original()
                .offsetHeader("x-original-offset")
                .timestampHeader("x-original-timestamp")
                .timestampTypeHeader("x-original-timestamp-type")
                .topicHeader("x-original-topic")
                .partitionHeader("x-original-partition")
                .consumerGroupHeader("x-original-consumer-group")
                .exception()
                .keyExceptionFqcn("x-exception-fqcn")
                .exceptionFqcn("x-exception-fqcn")
                .exceptionCauseFqcn("x-exception-cause-fqcn")
                .keyExceptionMessage("x-exception-message")
                .exceptionMessage("x-exception-message")
                .keyExceptionStacktrace("x-exception-stacktrace")
                .exceptionStacktrace("x-exception-stacktrace")
                .build();
    }

    /**
     * Creates the dead-letter topic with as many partitions as the topic the record came from, on the first dead
     * letter (the binder provisions it only for {@code enable-dlq}, which a batch binding must not set).
     */
    private void provision(ConsumerRecord<?, ?> record) {
        if (provisioned) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            int partitions = admin.describeTopics(List.of(record.topic())).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(record.topic()).partitions().size();
            admin.createTopics(List.of(new NewTopic(dlqName, Optional.of(partitions), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                log.warn("Could not create {}: {}", dlqName, e.getCause().toString());
            }
        } catch (Exception e) {
            log.warn("Could not create {}: {}", dlqName, e.toString());
        }
        provisioned = true;
    }
}
