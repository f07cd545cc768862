package newsroom.stats.articles;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationPredicate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import newsroom.contracts.ImportedFrom;
import newsroom.contracts.Topics;
import newsroom.platform.events.BatchDeadLetters;
import newsroom.platform.events.CloudEventReader;
import newsroom.platform.events.RawRecords;
import newsroom.stats.imported.ImportedBaselines;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.converter.BatchMessageConverter;
import org.springframework.messaging.Message;

/**
 * Learns articles from article-lifecycle (binding articleLifecycle-in-0, group stats-service): a view of an article
 * never announced there is not counted. In batch mode: each poll's records ({@link RawRecords}) are applied with one
 * read and one bulk write ({@link KnownArticles#applyAll}), and an imported article's old click count (its event's
 * {@code importedFrom}) is kept as a baseline beside the counters ({@link ImportedBaselines}), in one more bulk write;
 * the container commits the polls written so far once a second ({@code ack-mode: TIME}). A record that does not read
 * does not hold up the others: the records before it are written, it is retried and then goes to
 * article-lifecycle.stats-service.dlq ({@link BatchDeadLetters}), and the records after it are handed over again.
 */
@Configuration
class ArticleLifecycleConsumer {

    static final String GROUP = "stats-service";

    /** Names in the binding's converter-bean-name: the raw records of each poll. */
    @Bean
    BatchMessageConverter lifecycleRecordsConverter() {
        return new RawRecords();
    }

    /** Named in the binding's common-error-handler-bean-name: dead letters record by record. */
    @Bean
    DefaultErrorHandler lifecycleErrorHandler(@Value("${spring.cloud.stream.kafka.binder.brokers}") String brokers,
            @Value("${spring.cloud.stream.bindings.articleLifecycle-in-0.consumer.max-attempts:3}") int attempts,
            @Value("${spring.cloud.stream.bindings.articleLifecycle-in-0.consumer.back-off-initial-interval:100}")
            long backOffMillis, MeterRegistry meters) {
        return BatchDeadLetters.errorHandler(brokers, Topics.ARTICLE_LIFECYCLE, GROUP, attempts,
                Duration.ofMillis(backOffMillis), meters);
    }

    /**
     * No {@code spring.cloud.function} observation (a span without a parent and a timer) per poll of this batch
     * function: a poll holds what 50 ms of publishing brought (often one article), and the observation cost about as
     * much as the poll's store read (JFR, bench/publish.sh).
     */
    @Bean
    ObservationPredicate lifecycleBatchesAreNotObserved() {
        return RawRecords.unobservedFunctions(Set.of("articleLifecycle"));
    }

    @Bean
    Consumer<Message<?>> articleLifecycle(CloudEventReader reader, KnownArticles articles,
            ImportedBaselines baselines) {
        return message -> {
            List<ConsumerRecord<?, ?>> records = RawRecords.of(message);
            List<KnownArticles.Change> changes = new ArrayList<>(records.size());
            Map<String, ImportedFrom> imported = new LinkedHashMap<>();
            for (ConsumerRecord<?, ?> record : records) {
                try {
                    reader.read(record).ifPresent(event -> add(event, changes, imported));
                } catch (RuntimeException e) {
                    write(changes, imported, articles, baselines); // the records before it, so they are committed
                    throw new BatchListenerFailedException("Cannot apply " + record.topic() + "-"
                            + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e, record);
                }
            }
            write(changes, imported, articles, baselines);
        };
    }

    private static void add(Object event, List<KnownArticles.Change> changes, Map<String, ImportedFrom> imported) {
        if (event instanceof ArticlePublished p) {
            if (p.importedFrom() != null) {
                imported.put(p.articleId(), p.importedFrom());
            }
            changes.add(new KnownArticles.Change(p.articleId(), p.revision(),
                    p.article() == null ? null : p.article().categoryId(),
                    p.article() == null ? null : p.article().categoryPath(), true, p.occurredAt()));
        } else if (event instanceof ArticleUpdated u) {
            changes.add(new KnownArticles.Change(u.articleId(), u.revision(),
                    u.article() == null ? null : u.article().categoryId(),
                    u.article() == null ? null : u.article().categoryPath(), true, u.occurredAt()));
        } else if (event instanceof ArticleUnpublished u) {
            changes.add(new KnownArticles.Change(u.articleId(), u.revision(), u.categoryId(), null, false,
                    u.occurredAt()));
        }
    }

    private static void write(List<KnownArticles.Change> changes, Map<String, ImportedFrom> imported,
            KnownArticles articles, ImportedBaselines baselines) {
        baselines.recordAll(imported);
        articles.applyAll(changes);
    }
}
