package newsroom.article.categories;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import newsroom.contracts.CategoryChanged;
import newsroom.platform.events.CloudEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * Keeps {@link KnownCategory} in step with category-service's snapshots; newer revisions win, equal or older ones
 * (redelivery, the start-up re-publication) change nothing.
 *
 * <p>Every create and publish asks whether its category is usable, so known categories are also kept in memory for
 * a second: a snapshot applied here drops its entry at once; one applied by another replica (the consumer group
 * splits the partitions) is seen here within that second. Unknown ids are not remembered, so a new category is
 * usable as soon as any replica stored it.
 */
@Configuration
public class CategoryReplica {

    private final MongoTemplate mongo;
    private final CloudEventReader reader;
    private final Cache<String, KnownCategory> recent = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(1)).maximumSize(10_000).build();

    CategoryReplica(MongoTemplate mongo, CloudEventReader reader) {
        this.mongo = mongo;
        this.reader = reader;
    }

    @Bean
    Consumer<Message<byte[]>> categoryChanged() {
        return message -> reader.read(message)
                .filter(CategoryChanged.class::isInstance).map(CategoryChanged.class::cast)
                .ifPresent(this::apply);
    }

    void apply(CategoryChanged event) {
        Update update = new Update()
                .set("revision", event.revision())
                .set("name", event.name())
                .set("slug", event.slug())
                .set("parentId", event.parentId())
                .set("path", event.path())
                .set("hidden", event.hidden())
                .set("deleted", event.deleted());
        try {
            mongo.upsert(query(where("_id").is(event.categoryId()).and("revision").lt(event.revision())), update,
                    KnownCategory.class);
        } catch (DuplicateKeyException notNewer) {
            // A snapshot at least as new is stored already.
        }
        recent.invalidate(event.categoryId());
    }

    /** A category articles may be filed under: known and not deleted. */
    public Optional<KnownCategory> usable(String id) {
        if (id == null) {
            return Optional.empty();
        }
        KnownCategory known = recent.getIfPresent(id);
        if (known == null) {
            known = mongo.findById(id, KnownCategory.class);
            if (known != null) {
                recent.put(id, known);
            }
        }
        return Optional.ofNullable(known).filter(c -> !c.deleted());
    }
}
