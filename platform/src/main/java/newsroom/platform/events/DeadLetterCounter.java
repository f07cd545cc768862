package newsroom.platform.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;

/**
 * Counts the records the Kafka binder dead-letters, for every consumer of every service, as
 * {@code newsroom.dlq.records{topic, group}}: {@code topic} is the topic the record came from, {@code group} the
 * consumer group that gave up on it (a consumer that writes its own dead letters, as stats-service's view counting
 * does, counts them with the same tags).
 *
 * <p>Hooked in as the binder's {@link DlqPartitionFunction}: the binder asks it for the DLQ partition of each record it
 * is about to dead-letter (after the retries are exhausted), right before the send. It answers what the binder does by
 * default without one (the record's own partition; the DLQ topic is provisioned with as many partitions), so routing
 * is unchanged. The count is taken as the send starts: a DLQ send that then fails is logged by the binder and still
 * counted.
 */
public final class DeadLetterCounter {

    public static final String METER = "newsroom.dlq.records";
    public static final String DESCRIPTION =
            "Records sent to a dead-letter topic, by the topic they came from and the consumer group";

    private DeadLetterCounter() {
    }

    /** The counter of dead letters from this topic and group. */
    public static Counter of(MeterRegistry meters, String topic, String group) {
        return Counter.builder(METER).description(DESCRIPTION).tag("topic", topic).tag("group", group)
                .register(meters);
    }

    /** The binder hook that counts as it dead-letters. */
    public static DlqPartitionFunction partitionFunction(MeterRegistry meters) {
        return (group, record, failure) -> {
            of(meters, record.topic(), group == null ? "" : group).increment();
            return record.partition();
        };
    }
}
