package newsroom.article.search;

import java.util.Collection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import newsroom.contracts.EventTypes;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Feeds the index from {@code article-lifecycle}. Every replica keeps its own index, so every replica reads every
 * event: the service's one consumer of the topic ({@value #BINDING}, see {@code ArticleLifecycleFeed}) has no group
 * (Spring Cloud Stream gives it an anonymous one of its own, starting at the end of the topic) and hands each event
 * here. What happened before it subscribed comes from the store instead: once its partitions are assigned and their
 * positions fixed, a catch-up compares the index with the store — so nothing falls between the two. Another catch-up
 * runs when the service is ready, in case Kafka is not reachable yet.
 */
@Configuration(proxyBeanMethods = false)
public class SearchIndexFeed implements AutoCloseable {

    /** The binding of article-service's one {@code article-lifecycle} consumer. */
    static final String BINDING = "lifecycleEvents-in-0";
    private static final Logger log = LoggerFactory.getLogger(SearchIndexFeed.class);

    private final SearchIndexSync sync;
    /** Catch-ups take a while on a big store: off the consumer's and the startup thread, one at a time. */
    private final ExecutorService catchUps = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "search-index-catch-up");
        thread.setDaemon(true);
        return thread;
    });

    SearchIndexFeed(SearchIndexSync sync) {
        this.sync = sync;
    }

    /**
     * Brings the index up to an {@code article-lifecycle} event: by its CloudEvents type, the article it names and
     * its revision (the index reads the article itself). Other types are ignored.
     */
    public void apply(String type, String articleId, long revision) {
        if (EventTypes.ARTICLE_PUBLISHED.equals(type) || EventTypes.ARTICLE_UPDATED.equals(type)
                || EventTypes.ARTICLE_UNPUBLISHED.equals(type)) {
            sync.refresh(articleId, revision);
        }
    }

    @Bean
    KafkaBindingRebalanceListener searchIndexCatchUpOnAssignment() {
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsAssigned(String bindingName, org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                    Collection<TopicPartition> partitions, boolean initial) {
                if (!BINDING.equals(bindingName) || !initial) {
                    return;
                }
                // Fixes where reading starts (the end, for a new group) before the store is read: every change after
                // this point arrives as an event, every change before it is in the store.
                partitions.forEach(consumer::position);
                catchUpLater();
            }
        };
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUpWhenReady() {
        catchUpLater();
    }

    private void catchUpLater() {
        catchUps.execute(() -> {
            try {
                sync.catchUp();
            } catch (RuntimeException e) {
                log.error("Search index catch-up failed; searches answer from the index as it is", e);
            }
        });
    }

    @Override
    public void close() {
        catchUps.shutdownNow();
    }
}
