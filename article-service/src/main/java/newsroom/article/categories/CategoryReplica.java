package newsroom.article.categories;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

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
 */
@Configuration
public class CategoryReplica {

    private final MongoTemplate mongo;
    private final CloudEventReader reader;

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
    }

    /** A category articles may be filed under: known and not deleted. */
    public Optional<KnownCategory> usable(String id) {
        return Optional.ofNullable(mongo.findById(id, KnownCategory.class)).filter(c -> !c.deleted());
    }
}
