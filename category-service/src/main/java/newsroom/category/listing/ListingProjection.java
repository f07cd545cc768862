package newsroom.category.listing;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import newsroom.category.tree.CategoryRedirects.Redirect;
import newsroom.contracts.ArticleCard;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Applies article lifecycle events to the listings: a listing document is a pure function of the newest event of
 * its article (plus, for a category deleted with a target, the redirect kept in its tombstone). That is what makes
 * redelivery, reordering and a rebuild from offset zero all end in the same state.
 *
 * <p>Events come in batches (a poll of the binding): {@link #prepare} checks each one alone, {@link #write} writes a
 * batch in a few bulk round trips, whatever its size — the store's cost per event was most of this consumer's
 * CPU. Within a batch, per article, only the events that decide its final state are written ({@link #write}).
 *
 * <p>Idempotent and order-safe by revision: first every article is inserted by {@code _id} (unordered; an article
 * already stored fails with a duplicate key), then their stored revisions are read and each older one is replaced by
 * a compare-and-set on that revision; when one at least as new is stored the event is dropped as stale. One
 * document, one atomic write each: no transaction needed. An article that moves (an
 * {@link ArticleUpdated} with another {@code categoryId}) simply gets the new category in the same write.
 *
 * <p>Records {@value #LATENCY_TIMER}: from the event's {@code occurredAt} to the listing write, per applied event
 * (stale ones are not counted). Replays record large values: they are real, and show up as such.
 */
public class ListingProjection {

    public static final String LATENCY_TIMER = "newsroom.publish.to.listed";
    private static final Logger log = LoggerFactory.getLogger(ListingProjection.class);
    private static final int DUPLICATE_KEY = 11000;
    private static final int MAX_ROUNDS = 5;

    private final MongoTemplate store;
    /** Where deleted categories' articles went (ListingProjector: as of the tree snapshot, see MovedCategories). */
    private final Supplier<Map<String, Redirect>> redirects;
    /** This replica's in-memory listing order, told of each batch once it is written. */
    private final ListingOrder order;
    private final Clock clock;
    private final Timer publishedLatency;
    private final Timer updatedLatency;

    /**
     * @param order this replica's listing order: each batch written is applied to it at once (by revision, as
     *              {@link ListingOrderFeed} applies every event), so this replica lists what it wrote without waiting
     *              for its own feed, which reads article-lifecycle in larger polls
     */
    public ListingProjection(MongoTemplate store, Supplier<Map<String, Redirect>> redirects, ListingOrder order,
            MeterRegistry meters, Clock clock) {
        this.store = store;
        this.redirects = redirects;
        this.order = order;
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

    /**
     * One event as the listings take it, or null for an event they ignore.
     *
     * @throws IllegalArgumentException for an article event without {@code articleId} or article card: it can never
     *                                  be applied (its record belongs on the dead-letter topic)
     */
    public Pending prepare(Object event) {
        if (event instanceof ArticlePublished e) {
            return listed(e.articleId(), e.revision(), e.article(), e.occurredAt(), publishedLatency);
        } else if (event instanceof ArticleUpdated e) {
            return listed(e.articleId(), e.revision(), e.article(), e.occurredAt(), updatedLatency);
        } else if (event instanceof ArticleUnpublished e) {
            if (e.articleId() == null) {
                throw new IllegalArgumentException("An article event without articleId");
            }
            return new Pending(e.articleId(), e.revision(), null, e.occurredAt(), null);
        }
        log.debug("Ignoring {}", event.getClass().getSimpleName());
        return null;
    }

    private static Pending listed(String articleId, long revision, ArticleCard card, Instant occurredAt, Timer timer) {
        if (articleId == null || card == null) {
            throw new IllegalArgumentException("An article event without articleId or article card");
        }
        return new Pending(articleId, revision, card, occurredAt, timer);
    }

    /**
     * Writes prepared events as if one after the other, each only over an older stored revision; returns how many
     * were applied (written over nothing or an older revision). Per article at most two writes reach the store: the
     * newest event carrying the card and, when an unpublish newer than it follows, that unpublish — the events in
     * between change nothing the later of those two does not overwrite (an unpublish sets only the revision and
     * {@code listed}, so the card it keeps is the last one written before it, whichever revision the store holds).
     */
    public int write(List<Pending> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Map<String, Fold> folds = new LinkedHashMap<>();
        for (Pending p : events) {
            folds.computeIfAbsent(p.articleId(), id -> new Fold()).add(p);
        }
        List<Pending> first = new ArrayList<>(folds.size());
        List<Pending> then = new ArrayList<>();
        for (Fold fold : folds.values()) {
            first.add(fold.card != null ? fold.card : fold.unlisted);
            if (fold.card != null && fold.unlisted != null) {
                then.add(fold.unlisted);
            }
        }
        Map<String, Redirect> moved = redirects.get();
        MongoCollection<Document> listings = store.getCollection(store.getCollectionName(ListedArticle.class));
        int applied = writeEach(listings, first, moved) + writeEach(listings, then, moved);
        for (Pending p : events) {
            ordered(p, moved);
        }
        return applied;
    }

    /**
     * Applies a written event to the in-memory order, filed as its listing document is ({@link #document}); the
     * order keeps the newest revision of each article, so stale events and the feed's later copy change nothing.
     */
    private void ordered(Pending p, Map<String, Redirect> moved) {
        ArticleCard card = p.card();
        if (card == null) {
            order.unlisted(p.articleId(), p.revision());
            return;
        }
        Redirect redirect = card.categoryId() == null ? null : moved.get(card.categoryId());
        order.listed(p.articleId(), p.revision(), redirect != null ? redirect.categoryId() : card.categoryId(),
                new ListingOrder.Key(card.pinned(), card.sortRank(), listedAt(card, p.occurredAt()), p.articleId()));
    }

    /** One article's events of a batch, as they would apply in order among themselves. */
    private static final class Fold {
        private long newest = Long.MIN_VALUE;
        private Pending card;
        private Pending unlisted;

        void add(Pending p) {
            if (p.revision() <= newest) {
                return; // not newer than one before it in the batch: stale whatever the store holds
            }
            newest = p.revision();
            if (p.card() != null) {
                card = p;
                unlisted = null;
            } else {
                unlisted = p;
            }
        }
    }

    /** Writes events of distinct articles: inserted when the article is new, else written over an older revision. */
    private int writeEach(MongoCollection<Document> listings, List<Pending> events, Map<String, Redirect> moved) {
        if (events.isEmpty()) {
            return 0;
        }
        List<Document> docs = new ArrayList<>(events.size());
        for (Pending p : events) {
            docs.add(document(p, moved));
        }
        Set<Integer> stored = insertNew(listings, docs);
        Set<Integer> stale = stored.isEmpty() ? Set.of() : updateOlder(listings, docs, stored);
        Instant now = clock.instant();
        int applied = 0;
        for (int i = 0; i < docs.size(); i++) {
            if (stale.contains(i)) {
                log.debug("Article {} revision {} is not newer than the stored one; ignored",
                        events.get(i).articleId(), events.get(i).revision());
                continue;
            }
            applied++;
            recordLatency(events.get(i), now);
        }
        return applied;
    }

    /** The listing document of an event, {@code _id} included (an unpublish sets only its revision and listed). */
    private static Document document(Pending p, Map<String, Redirect> moved) {
        Document doc = new Document("_id", p.articleId()).append("revision", p.revision());
        ArticleCard card = p.card();
        if (card == null) {
            return doc.append("listed", false);
        }
        String categoryId = card.categoryId();
        List<String> categoryPath = card.categoryPath();
        Redirect redirect = categoryId == null ? null : moved.get(categoryId);
        if (redirect != null) {
            categoryId = redirect.categoryId();
            categoryPath = redirect.path();
        }
        return doc.append("listed", true)
                .append("categoryId", categoryId)
                .append("categoryPath", categoryPath)
                .append("slug", card.slug())
                .append("title", card.title())
                .append("summary", card.summary())
                .append("coverImageUrl", card.coverImageUrl())
                .append("source", card.source())
                .append("keywords", card.keywords())
                .append("headline", card.headline())
                .append("pinned", card.pinned())
                .append("sortRank", card.sortRank())
                .append("publishedAt", Date.from(listedAt(card, p.occurredAt())));
    }

    /** The time a listing shows and sorts by: the publication time, else the event's time. */
    static Instant listedAt(ArticleCard card, Instant occurredAt) {
        return card.publishedAt() != null ? card.publishedAt() : occurredAt != null ? occurredAt : Instant.EPOCH;
    }

    /**
     * Inserts every document by {@code _id} alone, unordered; returns the indexes of those already stored (a
     * duplicate key), for the compare-and-set. The first event of an article — most events, and every one of an
     * import — is written in this one round trip.
     */
    private static Set<Integer> insertNew(MongoCollection<Document> listings, List<Document> docs) {
        try {
            listings.insertMany(docs, new InsertManyOptions().ordered(false));
            return Set.of();
        } catch (MongoBulkWriteException e) {
            return duplicates(e);
        }
    }

    /**
     * Writes the already-stored ones over an older revision; returns the indexes found stale (one at least as new is
     * stored). Each write is a compare-and-set on the revision just read ({@code {_id, revision}}, equality only), so
     * a newer revision written meanwhile by another consumer (a rebalance) is never overwritten: its write matches
     * nothing and the next round reads again. Equality on both fields of the unique {@code id_revision} index, and
     * {@code _id $in} for the read, are what the local run's store (mongo-java-server) answers from an index; a
     * condition such as {@code revision < r} made it scan every listing per write — hours for a replay at 65,000
     * articles.
     */
    private static Set<Integer> updateOlder(MongoCollection<Document> listings, List<Document> docs,
            Set<Integer> stored) {
        Set<Integer> stale = new HashSet<>();
        Set<Integer> attempted = new HashSet<>();
        List<Integer> pending = new ArrayList<>(stored);
        Collections.sort(pending);
        for (int round = 0; !pending.isEmpty(); round++) {
            if (round == MAX_ROUNDS) {
                throw new IllegalStateException("Listings of " + pending.size() + " articles kept changing under "
                        + MAX_ROUNDS + " rounds of compare-and-set; the batch is retried");
            }
            Map<Object, Object> revisions = storedRevisions(listings, docs, pending);
            List<UpdateOneModel<Document>> writes = new ArrayList<>(pending.size());
            List<Document> missing = new ArrayList<>();
            List<Integer> missingIndexes = new ArrayList<>();
            List<Integer> written = new ArrayList<>();
            for (int i : pending) {
                Document doc = docs.get(i);
                if (!revisions.containsKey(doc.get("_id"))) {
                    missing.add(doc); // removed since the insert collided: insert again
                    missingIndexes.add(i);
                    continue;
                }
                Object storedRevision = revisions.get(doc.get("_id"));
                long revision = doc.getLong("revision");
                if (storedRevision instanceof Number n && n.longValue() >= revision) {
                    if (!(n.longValue() == revision && attempted.contains(i))) {
                        stale.add(i); // equal to one this batch wrote in an earlier round: that was ours
                    }
                    continue;
                }
                Document set = new Document(doc);
                set.remove("_id");
                writes.add(new UpdateOneModel<>(
                        Filters.and(Filters.eq("_id", doc.get("_id")), Filters.eq("revision", storedRevision)),
                        new Document("$set", set)));
                written.add(i);
            }
            attempted.addAll(written);
            List<Integer> again = new ArrayList<>();
            if (!writes.isEmpty()
                    && listings.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount()
                    < writes.size()) {
                again.addAll(written); // some lost their compare-and-set: read them all again
            }
            if (!missing.isEmpty()) {
                Set<Integer> collided = insertNew(listings, missing);
                collided.forEach(k -> again.add(missingIndexes.get(k)));
            }
            Collections.sort(again);
            pending = again;
        }
        return stale;
    }

    /** The stored revision of each of those documents' articles, by {@code _id} (a null value: none stored). */
    private static Map<Object, Object> storedRevisions(MongoCollection<Document> listings, List<Document> docs,
            List<Integer> indexes) {
        List<Object> ids = new ArrayList<>(indexes.size());
        for (int i : indexes) {
            ids.add(docs.get(i).get("_id"));
        }
        Map<Object, Object> revisions = new HashMap<>();
        for (Document found : listings.find(Filters.in("_id", ids)).projection(new Document("revision", 1))) {
            revisions.put(found.get("_id"), found.get("revision"));
        }
        return revisions;
    }

    /** The indexes of the duplicate-key failures of a bulk write; any other failure is thrown. */
    private static Set<Integer> duplicates(MongoBulkWriteException e) {
        Set<Integer> found = new HashSet<>();
        for (BulkWriteError error : e.getWriteErrors()) {
            if (error.getCode() != DUPLICATE_KEY) {
                throw e;
            }
            found.add(error.getIndex());
        }
        if (e.getWriteConcernError() != null) {
            throw e;
        }
        return found;
    }

    private void recordLatency(Pending p, Instant now) {
        if (p.latency() == null || p.occurredAt() == null) {
            return;
        }
        Duration latency = Duration.between(p.occurredAt(), now);
        p.latency().record(latency.isNegative() ? Duration.ZERO : latency);
    }

    /**
     * An event ready to write: {@code card} null for an unpublish; {@code latency} the timer it is recorded in once
     * applied (none for an unpublish).
     */
    public record Pending(String articleId, long revision, ArticleCard card, Instant occurredAt, Timer latency) {
    }
}
