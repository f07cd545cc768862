package newsroom.category.listing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cloud.stream.binder.kafka.utils.DlqPartitionFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts records the Kafka binder dead-letters, as {@code newsroom.dlq.records} tagged with the {@code topic} the
 * record came from and the consumer {@code group}.
 *
 * <p>Hooked in through the binder's {@link DlqPartitionFunction}: the binder asks it for the DLQ partition of each
 * record it is about to dead-letter (after the retries are exhausted), right before the send. It answers what the
 * binder does by default without one (the record's own partition; the DLQ topic is provisioned with as many
 * partitions), so routing is unchanged. The count is taken as the send starts: a DLQ send that then fails is logged by
 * the binder and still counted.
 */
@Configuration
class DeadLetterMetrics {

    static final String COUNTER = "newsroom.dlq.records";

    @Bean
    DlqPartitionFunction countingDlqPartitionFunction(MeterRegistry meters) {
        return (group, record, failure) -> {
            Counter.builder(COUNTER)
                    .description("Records sent to a dead-letter topic after their retries were exhausted")
                    .tag("topic", record.topic())
                    .tag("group", group == null ? "" : group)
                    .register(meters)
                    .increment();
            return record.partition();
        };
    }
}
