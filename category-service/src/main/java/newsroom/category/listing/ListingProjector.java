package newsroom.category.listing;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
import newsroom.category.tree.CategoryReads;
import newsroom.category.tree.CategoryRedirects;
import newsroom.platform.events.CloudEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

/**
 * The {@code articleLifecycle} binding: reads each record by its CloudEvents type and hands it to the
 * {@link ListingProjection}. A record that cannot be read or applied throws, so the binder retries it and then parks
 * it on {@code article-lifecycle.category-service.dlq}; the records behind it keep flowing. After each record the
 * in-memory answers ({@link CategoryReads}: counts, first listing pages) of this replica are rebuilt on next read.
 */
@Configuration
class ListingProjector {

    @Bean
    ListingProjection listingProjection(MongoTemplate mongo, CategoryRedirects redirects, MeterRegistry meters,
            Clock clock) {
        return new ListingProjection(mongo, redirects, meters, clock);
    }

    @Bean
    Consumer<Message<byte[]>> articleLifecycle(ListingProjection projection, CloudEventReader reader,
            CategoryReads reads) {
        return message -> reader.read(message).ifPresent(event -> {
            projection.apply(event);
            reads.listingsChanged();
        });
    }
}
