package newsroom.article;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micrometer.observation.ObservationPredicate;
import java.util.Set;
import java.util.function.Consumer;
import newsroom.article.reading.ReaderCopyUpdates;
import newsroom.article.search.SearchIndexFeed;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.platform.events.CloudEventReader;
import newsroom.platform.events.RawRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.config.ListenerContainerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.BatchMessageConverter;
import org.springframework.messaging.Message;
import org.springframework.util.backoff.FixedBackOff;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * article-service's one consumer of {@code article-lifecycle} (binding {@code lifecycleEvents-in-0}, no group: every
 * replica reads every event). Each event is fetched and read once and handed to the reader copies, then to the search
 * index (two bindings, one per feature, fetched, dispatched and parsed every event twice, and the broker answered two
 * fetches). The reader copies go first: they only drop or hide a copy in memory, while the index may read the store.
 *
 * <p>In batch mode, on each poll's records as Kafka returned them ({@link RawRecords}): a record binding paid Spring
 * Cloud Stream's function dispatch, the header mapping and a listener observation for every event, about as much CPU
 * as reading and applying it. A record that fails (unreadable, or the index's store read failed) is named to the
 * container's error handler ({@link #lifecycleEventsContainer}), which retries from it ({@code max-attempts}
 * deliveries, {@code back-off-initial-interval} apart, as the record binding did) and then logs it and goes on, the
 * records after it handed here again; the copies apply a repeated event harmlessly (by revision), and the index's next
 * catch-up repairs what was given up.
 *
 * <p>Polls wait for up to {@code fetch.max.wait.ms} (50 ms) of events rather than waking for each one: this replica's
 * own saves reach its reader copies at once ({@code ReaderCopyUpdates}), and the search index takes a change within
 * that wait plus its {@code max-staleness}; a poll of one or two events cost a fetch, a wake-up of the consumer thread
 * and the broker's completion of the pending fetch per article published. No function observation per poll
 * ({@link #lifecycleBatchesAreNotObserved}).
 *
 * <p>Both take from an event only its type, article id and revision (the copies drop or hide by revision, the index
 * reads the article itself), so only those are read ({@link Notice}): the whole payload — the article's card with its
 * instants and lists, built into the contract's records — was parsed for every event and thrown away. A payload that
 * is not JSON, or whose id or revision does not fit, still fails the record; a type this service does not know is
 * skipped, as {@link CloudEventReader} skips it.
 */
@Configuration(proxyBeanMethods = false)
class ArticleLifecycleFeed {

    /** Hands each poll's ConsumerRecords to the batch function as they are (named in the binding). */
    @Bean
    BatchMessageConverter rawRecordsConverter() {
        return new RawRecords();
    }

    @Bean
    Consumer<Message<?>> lifecycleEvents(JsonMapper json, ReaderCopyUpdates readerCopies,
            SearchIndexFeed searchIndex) {
        // As CloudEventReader reads contracts: an event written before a field existed reads with its default.
        ObjectReader notices = json.rebuild().disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build()
                .readerFor(Notice.class);
        return message -> {
            for (ConsumerRecord<?, ?> record : RawRecords.of(message)) {
                try {
                    String type = CloudEventReader.typeOf(record);
                    if (type == null || !KNOWN.contains(type)) {
                        continue; // no type, or one this service does not act on: skipped, as CloudEventReader does
                    }
                    if (!(record.value() instanceof byte[] value)) {
                        throw new IllegalArgumentException("Empty payload for " + type);
                    }
                    Notice notice = notices.readValue(value);
                    readerCopies.apply(type, notice.articleId(), notice.revision());
                    searchIndex.apply(type, notice.articleId(), notice.revision());
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("Cannot apply " + record.topic() + "-" + record.partition()
                            + "@" + record.offset() + ": " + e.getMessage(), e, record);
                }
            }
        };
    }

    /** The lifecycle events' types the copies and the index act on; others (a newer version beside) are skipped. */
    private static final Set<String> KNOWN = Set.of(EventTypes.ARTICLE_PUBLISHED, EventTypes.ARTICLE_UPDATED,
            EventTypes.ARTICLE_UNPUBLISHED);

    /** What the copies and the index need of a lifecycle event; every other field is skipped unread. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Notice(String articleId, long revision) {

        Notice {
            if (articleId == null || articleId.isBlank()) {
                throw new IllegalArgumentException("No articleId");
            }
        }
    }

    /**
     * No {@code spring.cloud.function} observation (a span without a parent and a timer) per poll of the batch
     * function, as category- and stats-service do for theirs: nothing reads that timer, and in batch mode the records'
     * trace contexts are not continued anyway.
     */
    @Bean
    ObservationPredicate lifecycleBatchesAreNotObserved() {
        return RawRecords.unobservedFunctions(Set.of("lifecycleEvents"));
    }

    /**
     * The container of {@code lifecycleEvents-in-0}: retries a failed record as the binding's settings say, then logs
     * it (the default recoverer) — no dead letters, as before. No Spring Kafka listener timer: the binder observes
     * record listeners only, and a batch container's own timer would register {@code spring.kafka.listener} with other
     * tags than the record binding of {@code category-changed}, which Prometheus refuses.
     */
    @Bean
    ListenerContainerCustomizer<AbstractMessageListenerContainer<?, ?>> lifecycleEventsContainer(
            @Value("${spring.cloud.stream.bindings.lifecycleEvents-in-0.consumer.max-attempts:3}") int attempts,
            @Value("${spring.cloud.stream.bindings.lifecycleEvents-in-0.consumer.back-off-initial-interval:100}")
            long backOffMillis) {
        return (container, destination, group) -> {
            if (!Topics.ARTICLE_LIFECYCLE.equals(destination)) {
                return;
            }
            container.getContainerProperties().setMicrometerEnabled(false);
            container.setCommonErrorHandler(new DefaultErrorHandler(
                    new FixedBackOff(backOffMillis, Math.max(0, attempts - 1))));
        };
    }
}
