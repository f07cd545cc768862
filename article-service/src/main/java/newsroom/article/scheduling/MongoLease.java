package newsroom.article.scheduling;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A named lease in MongoDB ({@code leases}: {@code _id} = name, {@code owner}, {@code expiresAt}) so that some work
 * runs on one replica at a time. Acquiring and renewing are the same atomic findAndModify: it matches only if the
 * lease is free, expired, or already ours, and upserts the lease document when it does not exist yet; when someone
 * else holds a live lease, the upsert collides with the existing {@code _id} and the attempt fails. No clock
 * agreement is needed beyond the lease duration being much longer than clock skew.
 */
public class MongoLease {

    static final String COLLECTION = "leases";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String name;
    private final String owner;
    private final Duration duration;

    public MongoLease(MongoTemplate mongo, Clock clock, String name, String owner, Duration duration) {
        this.mongo = mongo;
        this.clock = clock;
        this.name = name;
        this.owner = owner;
        this.duration = duration;
    }

    /** Takes or renews the lease; true if this owner holds it for {@code duration} from now. */
    public boolean tryAcquire() {
        Instant now = clock.instant();
        Criteria takeable = new Criteria().andOperator(where("_id").is(name),
                new Criteria().orOperator(where("owner").is(owner), where("expiresAt").lt(now)));
        try {
            Document lease = mongo.findAndModify(query(takeable),
                    new Update().set("owner", owner).set("expiresAt", now.plus(duration)).set("renewedAt", now),
                    options().upsert(true).returnNew(true), Document.class, COLLECTION);
            return lease != null && owner.equals(lease.getString("owner"));
        } catch (DuplicateKeyException heldBySomeoneElse) {
            return false;
        }
    }

    /** Gives the lease up (on shutdown), so another replica need not wait for it to expire. */
    public void release() {
        mongo.updateFirst(query(where("_id").is(name).and("owner").is(owner)),
                new Update().set("expiresAt", clock.instant().minusMillis(1)), COLLECTION);
    }

    public String owner() {
        return owner;
    }
}
