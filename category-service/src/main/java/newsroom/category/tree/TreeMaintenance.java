package newsroom.category.tree;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.result.UpdateResult;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import newsroom.contracts.CategoryChanged.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finishes multi-document tree changes and keeps derived data right. Every step here is idempotent, so it may run
 * any number of times, after any crash, on any replica (structural steps run under the {@link TreeLock}):
 *
 * <ul>
 *   <li><b>Moves.</b> A move writes the moved category first, in one atomic update: new {@code parentId}, new
 *       {@code path}, next revision, {@code eventPending}, and a {@link Category.MoveMarker}. From then on the tree
 *       structure is final. {@link #finishMove} then rewrites the stored path of each descendant whose path differs
 *       from the one its parent links give (each such write bumps that category's revision once and marks its
 *       snapshot pending; a descendant already rewritten is left alone), publishes the pending snapshots, and removes
 *       the marker last. A crash anywhere leaves either the marker or pending flags, and running this again completes
 *       exactly the missing part.</li>
 *   <li><b>Deletions.</b> A tombstone is written first; then listings are re-pointed (if a target was given), the
 *       category document is removed, and the {@code DELETED} snapshot is sent. {@link #finishDeletion} redoes
 *       whatever is missing. Re-pointing again is harmless and heals a listing written by an event that was being
 *       applied while the deletion re-pointed.</li>
 *   <li><b>Paths.</b> Every stored path is compared with the one parent links give, and rewritten if different.</li>
 *   <li><b>Events.</b> Every snapshot still marked pending is sent.</li>
 * </ul>
 *
 * Runs at start-up (then every snapshot is sent again) and on a schedule.
 */
@Component
public class TreeMaintenance {

    private static final Logger log = LoggerFactory.getLogger(TreeMaintenance.class);
    private static final int MAX_ATTEMPTS = 5;

    private final CategoryRepository categories;
    private final MongoTemplate mongo;
    private final CategoryEvents events;
    private final ListedArticles listings;
    private final TreeLock lock;
    private final Clock clock;

    public TreeMaintenance(CategoryRepository categories, MongoTemplate mongo, CategoryEvents events,
            ListedArticles listings, TreeLock lock, Clock clock) {
        this.categories = categories;
        this.mongo = mongo;
        this.events = events;
        this.listings = listings;
        this.lock = lock;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void atStart() {
        try {
            if (!repairIfFree()) {
                log.info("Another instance is changing the tree; the scheduled repair will run later");
            }
            events.republishAll();
        } catch (RuntimeException e) {
            log.warn("Start-up repair failed; the scheduled repair will try again", e);
        }
    }

    @Scheduled(initialDelayString = "${newsroom.category.repair-interval:PT30S}",
            fixedDelayString = "${newsroom.category.repair-interval:PT30S}")
    void scheduled() {
        try {
            repairIfFree();
        } catch (RuntimeException e) {
            log.warn("Tree repair failed; it runs again at the next interval", e);
        }
    }

    /** One repair pass, if no other structural change holds the lock right now. */
    public boolean repairIfFree() {
        return lock.ifFree(this::repairLocked);
    }

    private void repairLocked() {
        for (Category moving : categories.findByMovingNotNull()) {
            log.info("Finishing the interrupted move of category {}", moving.id());
            finishMove(moving.id());
        }
        for (CategoryTombstone tombstone : mongo.findAll(CategoryTombstone.class)) {
            finishDeletion(tombstone);
        }
        List<String> rewritten = rewriteStalePaths(TreeIndex.of(categories.findAll()).all());
        if (!rewritten.isEmpty()) {
            log.warn("Rewrote stale paths of categories {}", rewritten);
        }
        events.publishPending();
    }

    /** Completes a move whose moved category has been written: descendants' paths, snapshots, then the marker. */
    public void finishMove(String movedId) {
        TreeIndex tree = TreeIndex.of(categories.findAll());
        List<Category> subtree = tree.subtree(movedId, true);
        List<String> changed = new ArrayList<>(rewriteStalePaths(subtree));
        changed.add(movedId);
        events.publishLatest(changed);
        mongo.updateFirst(query(where("_id").is(movedId).and("moving").ne(null)), new Update().unset("moving"),
                "categories");
    }

    /** Completes a deletion whose tombstone has been written. */
    public void finishDeletion(CategoryTombstone tombstone) {
        if (tombstone.redirectTo() != null) {
            listings.repoint(tombstone.id(), tombstone.redirectTo(), tombstone.redirectPath());
        }
        Category live = categories.findById(tombstone.id()).orElse(null);
        if (live != null) {
            if (live.revision() >= tombstone.revision()) {
                // Changed after the tombstone was written: the DELETED snapshot must still be the newest revision.
                mongo.save(new CategoryTombstone(live.id(), live.name(), live.slug(), live.parentId(), live.path(),
                        live.sortOrder(), live.hidden(), live.revision() + 1, tombstone.redirectTo(),
                        tombstone.redirectPath(), tombstone.deletedAt(), true));
            }
            categories.deleteById(tombstone.id());
            events.publishLatest(tombstone.id());
        } else if (tombstone.eventPending()) {
            events.publishLatest(tombstone.id());
        }
    }

    /** Rewrites the stored path of each given category that differs from its canonical one; returns their ids. */
    private List<String> rewriteStalePaths(List<Category> candidates) {
        TreeIndex tree = TreeIndex.of(categories.findAll());
        List<String> rewritten = new ArrayList<>();
        for (Category c : candidates) {
            Category current = tree.get(c.id());
            if (current != null && rewritePath(current, tree.pathOf(c.id()))) {
                rewritten.add(c.id());
            }
        }
        return rewritten;
    }

    /**
     * Sets one category's stored path, bumping its revision, unless it already is that path. Conditional on the
     * version read, so a concurrent edit is not lost: on a conflict the category is read again and retried.
     */
    private boolean rewritePath(Category category, List<String> expected) {
        Category current = category;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && current != null; attempt++) {
            if (current.path().equals(expected)) {
                return false;
            }
            Update update = new Update().set("path", expected).inc("revision", 1).set("lastChange", Change.MOVED)
                    .set("eventPending", true).set("updatedAt", clock.instant()).inc("version", 1);
            UpdateResult result = mongo.updateFirst(
                    query(where("_id").is(current.id()).and("version").is(current.version())), update,
                    Category.class);
            if (result.getMatchedCount() == 1) {
                return true;
            }
            current = categories.findById(current.id()).orElse(null);
        }
        throw new IllegalStateException("Could not rewrite the path of category " + category.id()
                + " after " + MAX_ATTEMPTS + " attempts");
    }
}
