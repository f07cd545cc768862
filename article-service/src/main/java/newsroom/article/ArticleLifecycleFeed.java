package newsroom.article;

import java.util.function.Consumer;
import newsroom.article.reading.ReaderCopyUpdates;
import newsroom.article.search.SearchIndexFeed;
import newsroom.platform.events.CloudEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * article-service's one consumer of {@code article-lifecycle} (binding {@code lifecycleEvents-in-0}, no group: every
 * replica reads every event). Each event is fetched and read once and handed to the reader copies, then to the search
 * index (two bindings, one per feature, fetched, dispatched and parsed every event twice, and the broker answered two
 * fetches). The reader copies go first: they only drop or
 * hide a copy in memory, while the index may read the store; should that fail, the binder delivers the event again
 * (3 attempts) and the copies apply it again harmlessly (by revision).
 */
@Configuration(proxyBeanMethods = false)
class ArticleLifecycleFeed {

    @Bean
    Consumer<Message<byte[]>> lifecycleEvents(CloudEventReader reader, ReaderCopyUpdates readerCopies,
            SearchIndexFeed searchIndex) {
        return message -> reader.read(message).ifPresent(event -> {
            readerCopies.apply(event);
            searchIndex.apply(event);
        });
    }
}
