package newsroom.article.reading;

import java.util.Collection;
import newsroom.article.editorial.ArticleSaved;
import newsroom.contracts.EventTypes;
import org.apache.kafka.common.TopicPartition;
import org.springframework.cloud.stream.binder.kafka.KafkaBindingRebalanceListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Keeps {@link ReaderCopies} current: this replica's own saves at once, every replica's changes from
 * {@code article-lifecycle}. The service's one consumer of that topic ({@value #BINDING}, see
 * {@code ArticleLifecycleFeed}) has no consumer group, so Spring Cloud Stream gives each replica an anonymous group
 * of its own that starts at the end of the topic: every replica sees every event.
 */
@Configuration
public class ReaderCopyUpdates {

    /** The binding of article-service's one {@code article-lifecycle} consumer. */
    static final String BINDING = "lifecycleEvents-in-0";

    private final ReaderCopies copies;

    ReaderCopyUpdates(ReaderCopies copies) {
        this.copies = copies;
    }

    @EventListener
    void onSaved(ArticleSaved saved) {
        copies.saved(saved.article());
    }

    /**
     * Drops or hides the copy an {@code article-lifecycle} event makes stale: by its CloudEvents type, the article it
     * names and its revision. Other types are ignored.
     */
    public void apply(String type, String articleId, long revision) {
        if (EventTypes.ARTICLE_PUBLISHED.equals(type) || EventTypes.ARTICLE_UPDATED.equals(type)) {
            copies.changed(articleId, revision);
        } else if (EventTypes.ARTICLE_UNPUBLISHED.equals(type)) {
            copies.hidden(articleId, revision);
        }
    }

    /**
     * Copies loaded before the consumer knew where in the topic it starts could miss an event published in between;
     * once its positions are fixed (asked for here, which resolves "latest"), they are all dropped.
     */
    @Bean
    KafkaBindingRebalanceListener readerCopiesRebalanceListener() {
        return new KafkaBindingRebalanceListener() {
            @Override
            public void onPartitionsAssigned(String bindingName,
                    org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, Collection<TopicPartition> partitions,
                    boolean initial) {
                if (BINDING.equals(bindingName)) {
                    partitions.forEach(consumer::position);
                    copies.clear();
                }
            }
        };
    }
}
