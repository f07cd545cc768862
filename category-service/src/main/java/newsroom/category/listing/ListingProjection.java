package newsroom.category.listing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import newsroom.category.tree.CategoryRedirects;
import newsroom.category.tree.CategoryRedirects.Redirect;
import newsroom.contracts.ArticleCard;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Applies article lifecycle events to the listings: a listing document is a pure function of the newest event of
 * its article (plus, for a category deleted with a target, the redirect kept in its tombstone). That is what makes
 * redelivery, reordering and a rebuild from offset zero all end in the same state.
 *
 * <p>Idempotent and order-safe by revision: the conditional upsert only matches a stored document with an older
 * revision; when one at least as new is stored the upsert collides on the id and the event is dropped as stale. One
 * document, one atomic write: no transaction needed. An article that moves (an {@link ArticleUpdated} with another
 * {@code categoryId}) simply gets the new category in the same write.
 *
 * <p>Records {@value #LATENCY_TIMER}: from the event's {@code occurredAt} to the listing write, per applied event
 * (stale ones are not counted). Replays record large values: they are real, and show up as such.
 */
public class ListingProjection {

    public static final String LATENCY_TIMER = "newsroom.publish.to.listed";
    private static final Logger log = LoggerFactory.getLogger(ListingProjection.class);

    private final MongoTemplate store;
    private final CategoryRedirects redirects;
    private final Clock clock;
    private final Timer publishedLatency;
    private final Timer updatedLatency;

    public ListingProjection(MongoTemplate store, CategoryRedirects redirects, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.redirects = redirects;
        this.clock = clock;
        this.publishedLatency = latencyTimer(meters, "published");
        this.updatedLatency = latencyTimer(meters, "updated");
    }

    private static Timer latencyTimer(MeterRegistry meters, String event) {
        return Timer.builder(LATENCY_TIMER)
                .description("From an article event's occurredAt to its listing being written")
                .tag("event", event)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(meters);
    }

    public void apply(Object event) {
        if (event instanceof ArticlePublished e) {
            if (upsert(e.articleId(), e.revision(), e.article(), e.occurredAt())) {
                recordLatency(publishedLatency, e.occurredAt());
            }
        } else if (event instanceof ArticleUpdated e) {
            if (upsert(e.articleId(), e.revision(), e.article(), e.occurredAt())) {
                recordLatency(updatedLatency, e.occurredAt());
            }
        } else if (event instanceof ArticleUnpublished e) {
            applyIfNewer(e.articleId(), e.revision(), new Update().set("revision", e.revision()).set("listed", false));
        } else {
            log.debug("Ignoring {}", event.getClass().getSimpleName());
        }
    }

    private boolean upsert(String articleId, long revision, ArticleCard card, Instant occurredAt) {
        if (articleId == null || card == null) {
            throw new IllegalArgumentException("An article event without articleId or article card");
        }
        String categoryId = card.categoryId();
        List<String> categoryPath = card.categoryPath();
        Redirect redirect = redirects.resolve(categoryId).orElse(null);
        if (redirect != null) {
            categoryId = redirect.categoryId();
            categoryPath = redirect.path();
        }
        Instant publishedAt = listedAt(card, occurredAt);
        Update update = new Update()
                .set("revision", revision)
                .set("listed", true)
                .set("categoryId", categoryId)
                .set("categoryPath", categoryPath)
                .set("slug", card.slug())
                .set("title", card.title())
                .set("summary", card.summary())
                .set("coverImageUrl", card.coverImageUrl())
                .set("source", card.source())
                .set("keywords", card.keywords())
                .set("headline", card.headline())
                .set("pinned", card.pinned())
                .set("sortRank", card.sortRank())
                .set("publishedAt", publishedAt);
        return applyIfNewer(articleId, revision, update);
    }

    /** The time a listing shows and sorts by: the publication time, else the event's time. */
    static Instant listedAt(ArticleCard card, Instant occurredAt) {
        return card.publishedAt() != null ? card.publishedAt() : occurredAt != null ? occurredAt : Instant.EPOCH;
    }

    private boolean applyIfNewer(String articleId, long revision, Update update) {
        if (insertIfFirst(articleId, update)) {
            return true;
        }
        try {
            store.upsert(query(where("_id").is(articleId).and("revision").lt(revision)), update, ListedArticle.class);
            return true;
        } catch (DuplicateKeyException stale) {
            log.debug("Article {} revision {} is not newer than the stored one; ignored", articleId, revision);
            return false;
        }
    }

    /**
     * The first event of an article — most events, and every one of an import — is written as a plain insert by
     * {@code _id}: it fails if any revision of the article is stored, and then the conditional upsert below decides.
     * The result is the same; the reason is speed on a store without secondary indexes (the local run's
     * mongo-java-server), which answers {@code _id} alone from its primary index but scans the whole collection for
     * {@code {_id, revision}}: with 100,000 listed articles, every event paid a full scan.
     */
    private boolean insertIfFirst(String articleId, Update update) {
        Document doc = new Document("_id", articleId);
        update.getUpdateObject().get("$set", Document.class)
                .forEach((field, value) -> doc.put(field, store.getConverter().convertToMongoType(value)));
        try {
            store.getCollection(store.getCollectionName(ListedArticle.class)).insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    private void recordLatency(Timer timer, Instant occurredAt) {
        if (occurredAt == null) {
            return;
        }
        Duration latency = Duration.between(occurredAt, clock.instant());
        timer.record(latency.isNegative() ? Duration.ZERO : latency);
    }
}
