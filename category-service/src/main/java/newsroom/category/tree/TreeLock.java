package newsroom.category.tree;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import newsroom.platform.web.ProblemException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Serialises structural changes of the tree (create, move, delete, repair) across every replica, without
 * transactions: one lease document, taken with a single conditional upsert (it matches only an expired lease; a live
 * one makes the upsert collide on {@code _id}) and removed by its holder. A holder that dies loses the lease when it
 * expires. Two concurrent moves that would each be fine but together make a cycle (a under b, b under a) are thus
 * impossible. Re-entrant within one thread.
 *
 * <p>A lease is not a fence: a holder paused longer than the lease could overlap with the next one. Structural
 * changes take milliseconds and the lease is generous; the repair job's path verification is the safety net.
 */
@Component
public class TreeLock {

    private static final String COLLECTION = "category_locks";
    private static final String TREE = "tree";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration lease;
    private final Duration maxWait;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicLong acquisitions = new AtomicLong();
    private final ThreadLocal<String> held = new ThreadLocal<>();

    public TreeLock(MongoTemplate mongo, Clock clock,
            @Value("${newsroom.category.tree-lock.lease:PT30S}") Duration lease,
            @Value("${newsroom.category.tree-lock.max-wait:PT5S}") Duration maxWait) {
        this.mongo = mongo;
        this.clock = clock;
        this.lease = lease;
        this.maxWait = maxWait;
    }

    /** Runs {@code work} holding the lock, waiting up to the configured time for it; else a 409 problem. */
    public <T> T withLock(Supplier<T> work) {
        if (held.get() != null) {
            return work.get();
        }
        String token = instance + ":" + acquisitions.incrementAndGet();
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!tryAcquire(token)) {
            if (System.nanoTime() > deadline) {
                throw ProblemException.conflict(null,
                        "Another change of the category tree is in progress; try again in a moment");
            }
            pause();
        }
        return runHolding(token, work);
    }

    /** Runs {@code work} holding the lock if it is free right now; returns false (without running) otherwise. */
    public boolean ifFree(Runnable work) {
        if (held.get() != null) {
            work.run();
            return true;
        }
        String token = instance + ":" + acquisitions.incrementAndGet();
        if (!tryAcquire(token)) {
            return false;
        }
        runHolding(token, () -> {
            work.run();
            return null;
        });
        return true;
    }

    private <T> T runHolding(String token, Supplier<T> work) {
        held.set(token);
        try {
            return work.get();
        } finally {
            held.remove();
            mongo.remove(query(where("_id").is(TREE).and("holder").is(token)), COLLECTION);
        }
    }

    private boolean tryAcquire(String token) {
        Instant now = clock.instant();
        try {
            mongo.upsert(query(where("_id").is(TREE).and("expiresAt").lt(now)),
                    new Update().set("holder", token).set("expiresAt", now.plus(lease)), COLLECTION);
            return true;
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.conflict(null, "Interrupted while waiting for the category tree lock");
        }
    }
}
