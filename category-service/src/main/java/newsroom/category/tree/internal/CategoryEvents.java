package newsroom.category.tree.internal;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Collection;
import newsroom.category.tree.Category;
import newsroom.category.tree.CategoryReads;
import newsroom.category.tree.CategoryRepository;
import newsroom.category.tree.CategoryTombstone;
import newsroom.contracts.CategoryChanged;
import newsroom.contracts.CategoryChanged.Change;
import newsroom.platform.events.CloudEventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Publishes every category's full state to the compacted {@code category-changed} topic, keyed by category id.
 *
 * <p>Every write of a category sets {@code eventPending} in the same single-document update as the change; this
 * class sends the <em>current</em> stored snapshot and clears the flag only if the revision it sent is still the
 * stored one. A failed send leaves the flag, and the repair job sends again. Because it always reads and sends the
 * latest state, and sends for one category are serialised in this process, the last record per key on the
 * compacted topic is the newest snapshot (consumers also ignore a revision that is not newer than theirs).
 *
 * <p>The event id is {@code category-<id>-r<revision>}: re-sending a snapshot re-sends the same event.
 */
@Component
public class CategoryEvents {

    static final String BINDING = "categoryChanged-out-0";
    private static final Logger log = LoggerFactory.getLogger(CategoryEvents.class);
    private static final int STRIPES = 64;

    private final CloudEventPublisher publisher;
    private final CategoryRepository categories;
    private final MongoTemplate mongo;
    private final Object[] stripes = new Object[STRIPES];
    private final CategoryReads reads;

    public CategoryEvents(CloudEventPublisher publisher, CategoryRepository categories, MongoTemplate mongo,
            CategoryReads reads) {
        this.reads = reads;
        this.publisher = publisher;
        this.categories = categories;
        this.mongo = mongo;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * Sends the stored snapshot of a category, or its {@code DELETED} snapshot if only a tombstone is left. Every
     * write of the tree ends here, so this is also where this replica's in-memory reads learn of it, before the send.
     *
     * @return whether the broker acknowledged it (false: it stays pending and is re-sent later)
     */
    public boolean publishLatest(String id) {
        reads.treeChanged();
        synchronized (stripes[Math.floorMod(id.hashCode(), STRIPES)]) {
            Category category = categories.findById(id).orElse(null);
            if (category != null) {
                if (!send(id, snapshot(category))) {
                    return false;
                }
                mongo.updateFirst(query(where("_id").is(id).and("revision").is(category.revision())
                        .and("eventPending").is(true)), new Update().set("eventPending", false), "categories");
                return true;
            }
            CategoryTombstone tombstone = mongo.findById(id, CategoryTombstone.class);
            if (tombstone == null) {
                return true;
            }
            if (!send(id, snapshot(tombstone))) {
                return false;
            }
            mongo.updateFirst(query(where("_id").is(id).and("eventPending").is(true)),
                    new Update().set("eventPending", false), "category_tombstones");
            return true;
        }
    }

    public void publishLatest(Collection<String> ids) {
        ids.forEach(this::publishLatest);
    }

    /** Sends every snapshot whose send has not been acknowledged yet (categories and tombstones). */
    public int publishPending() {
        int sent = 0;
        for (Category c : categories.findByEventPendingTrue()) {
            sent += publishLatest(c.id()) ? 1 : 0;
        }
        for (CategoryTombstone t : mongo.find(query(where("eventPending").is(true)), CategoryTombstone.class)) {
            sent += publishLatest(t.id()) ? 1 : 0;
        }
        return sent;
    }

    /**
     * Sends every category and every tombstone again. Harmless (same snapshots, same event ids) and it repairs a
     * topic that lost records, e.g. a broker that was recreated empty.
     */
    public void republishAll() {
        categories.findAll().forEach(c -> publishLatest(c.id()));
        mongo.findAll(CategoryTombstone.class).forEach(t -> publishLatest(t.id()));
    }

    static CategoryChanged snapshot(Category c) {
        return new CategoryChanged(c.id(), c.revision(), c.lastChange() == null ? Change.UPDATED : c.lastChange(),
                c.name(), c.slug(), c.parentId(), c.path(), c.sortOrder(), c.hidden(), false,
                c.updatedAt() == null ? c.createdAt() : c.updatedAt());
    }

    static CategoryChanged snapshot(CategoryTombstone t) {
        return new CategoryChanged(t.id(), t.revision(), Change.DELETED, t.name(), t.slug(), t.parentId(), t.path(),
                t.sortOrder(), t.hidden(), true, t.deletedAt());
    }

    private boolean send(String key, CategoryChanged event) {
        try {
            String eventId = "category-" + key + "-r" + event.revision();
            return publisher.send(BINDING, key, eventId, event.occurredAt(), event);
        } catch (RuntimeException e) {
            log.warn("Could not publish category {} revision {} now; the repair job will send it again", key,
                    event.revision(), e);
            return false;
        }
    }
}
