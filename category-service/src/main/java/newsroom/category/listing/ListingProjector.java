package newsroom.category.listing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import newsroom.category.tree.CategoryReads;
import newsroom.contracts.Topics;
import newsroom.platform.events.BatchDeadLetters;
import newsroom.platform.events.CloudEventReader;
import newsroom.platform.events.RawRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.converter.BatchMessageConverter;
import org.springframework.messaging.Message;

/**
 * The {@code articleLifecycle} binding (group category-service), in batch mode: each poll's records, as Kafka returned
 * them ({@link RawRecords}), are read by their CloudEvents type and written to the listings by the
 * {@link ListingProjection} in one bulk write; the container commits the offsets of the polls written so far once a
 * second ({@code ack-mode: TIME}), always after their writes. Then the in-memory answers ({@link CategoryReads}:
 * counts, first listing pages) of this replica are rebuilt on next read, and the records written are noted
 * ({@link ProjectedRecords}) for the listing order's feed, which need not read them again.
 *
 * <p>A record that cannot be read or applied (not JSON, no article id) does not hold up the others: the records
 * before it are written, and it is named to the container's error handler ({@link BatchDeadLetters}), which commits
 * those, retries it (3 deliveries, as the binding's {@code max-attempts}), parks it on
 * {@code article-lifecycle.category-service.dlq} and hands the records after it to this function again.
 */
@Configuration
class ListingProjector {

    @Bean
    ListingProjection listingProjection(MongoTemplate mongo, MovedCategories moved, ListingOrder inMemoryListingOrder,
            MeterRegistry meters, Clock clock) {
        return new ListingProjection(mongo, moved::redirects, inMemoryListingOrder, meters, clock);
    }

    /** Hands the raw ConsumerRecords of each poll to the batch functions of article-lifecycle. */
    @Bean
    BatchMessageConverter rawRecordsConverter() {
        return new RawRecords();
    }

    /** What the projection has written, which the listing order's feed need not read again. */
    @Bean
    ProjectedRecords projectedRecords() {
        return new ProjectedRecords();
    }

    @Bean
    Consumer<Message<?>> articleLifecycle(ListingProjection projection, CloudEventReader reader,
            CategoryReads reads, ProjectedRecords projected) {
        return message -> {
            List<ConsumerRecord<?, ?>> records = RawRecords.of(message);
            List<ListingProjection.Pending> pending = new ArrayList<>(records.size());
            try {
                for (int i = 0; i < records.size(); i++) {
                    ConsumerRecord<?, ?> record = records.get(i);
                    try {
                        reader.read(record).map(projection::prepare).ifPresent(pending::add);
                    } catch (RuntimeException e) {
                        projection.write(pending); // the records before it, so that they are committed
                        projected.markHandled(records.subList(0, i));
                        throw new BatchListenerFailedException("Cannot apply " + record.topic() + "-"
                                + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e, record);
                    }
                }
                projection.write(pending);
                projected.markHandled(records);
            } finally {
                reads.listingsChanged();
            }
        };
    }

    /**
     * No {@code spring.cloud.function} observation (a span and a timer) per poll of the two article-lifecycle batch
     * functions, this one and {@link ListingOrderFeed}'s: while articles are published one by one a poll holds one or
     * two events, and those observations were about 11% of this service's CPU (JFR, bench/publish.sh). A span of a
     * poll has no parent (the records' trace contexts are not continued in batch mode), and what the listings'
     * freshness is measured by is {@link ListingProjection#LATENCY_TIMER}, from each event's time to its write.
     */
    @Bean
    ObservationPredicate lifecycleBatchesAreNotObserved() {
        return RawRecords.unobservedFunctions(Set.of("articleLifecycle", "listingOrder"));
    }

    /**
     * The containers of both article-lifecycle bindings: the projection's error handler (its dead letters) and, as
     * for every batch container, no Spring Kafka listener timer — the binder observes record listeners only, and the
     * container's own timer would register {@code spring.kafka.listener} with other tags, which Prometheus refuses.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> articleLifecycleContainers(
            @Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            // The projection's group as configured (an operator may rename it); the order feed's binding has none.
            @Value("${spring.cloud.stream.bindings.articleLifecycle-in-0.group}") String projectionGroup,
            @Value("${spring.cloud.stream.bindings.articleLifecycle-in-0.consumer.max-attempts:3}") int attempts,
            @Value("${spring.cloud.stream.bindings.articleLifecycle-in-0.consumer.back-off-initial-interval:100}")
            long backOffMillis, MeterRegistry meters) {
        return (container, destination, group) -> {
            if (!Topics.ARTICLE_LIFECYCLE.equals(destination)) {
                return;
            }
            container.getContainerProperties().setMicrometerEnabled(false);
            if (projectionGroup.equals(group)) {
                container.setCommonErrorHandler(BatchDeadLetters.errorHandler(brokers, destination, group, attempts,
                        Duration.ofMillis(backOffMillis), meters));
            }
        };
    }
}
