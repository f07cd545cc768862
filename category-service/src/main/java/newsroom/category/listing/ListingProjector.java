package newsroom.category.listing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.function.Consumer;
import newsroom.contracts.ArticleCard;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import newsroom.platform.events.CloudEventReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.messaging.Message;

/**
 * Applies article lifecycle events to the listings. Idempotent and order-safe by revision: the conditional upsert
 * only matches a stored document with an older revision; when a newer one is stored the upsert collides on the id and
 * the event is dropped as stale. One document, one atomic write: no transaction needed.
 */
@Configuration
class ListingProjector {

    private static final Logger log = LoggerFactory.getLogger(ListingProjector.class);

    private final MongoTemplate mongo;
    private final CloudEventReader reader;

    ListingProjector(MongoTemplate mongo, CloudEventReader reader) {
        this.mongo = mongo;
        this.reader = reader;
    }

    @Bean
    Consumer<Message<byte[]>> articleLifecycle() {
        return message -> reader.read(message).ifPresent(this::apply);
    }

    void apply(Object event) {
        if (event instanceof ArticlePublished e) {
            upsert(e.articleId(), e.revision(), e.article());
        } else if (event instanceof ArticleUpdated e) {
            upsert(e.articleId(), e.revision(), e.article());
        } else if (event instanceof ArticleUnpublished e) {
            unlist(e);
        } else {
            log.debug("Ignoring {}", event.getClass().getSimpleName());
        }
    }

    private void upsert(String articleId, long revision, ArticleCard card) {
        Update update = new Update()
                .set("revision", revision)
                .set("listed", true)
                .set("categoryId", card.categoryId())
                .set("categoryPath", card.categoryPath())
                .set("slug", card.slug())
                .set("title", card.title())
                .set("summary", card.summary())
                .set("coverImageUrl", card.coverImageUrl())
                .set("source", card.source())
                .set("keywords", card.keywords())
                .set("headline", card.headline())
                .set("pinned", card.pinned())
                .set("sortRank", card.sortRank())
                .set("publishedAt", card.publishedAt());
        applyIfNewer(articleId, revision, update);
    }

    private void unlist(ArticleUnpublished event) {
        applyIfNewer(event.articleId(), event.revision(),
                new Update().set("revision", event.revision()).set("listed", false));
    }

    private void applyIfNewer(String articleId, long revision, Update update) {
        try {
            mongo.upsert(query(where("_id").is(articleId).and("revision").lt(revision)), update, ListedArticle.class);
        } catch (DuplicateKeyException stale) {
            log.debug("Article {} revision {} is not newer than the stored one; ignored", articleId, revision);
        }
    }
}
