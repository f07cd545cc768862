package newsroom.platform.mongo;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Short numeric ids ("42") for URLs people read and type, like the seed portal's. One atomic {@code $inc} on one
 * counter document per name: safe with any number of replicas and without transactions.
 */
public class SequenceGenerator {

    private static final String COLLECTION = "sequences";

    private final MongoTemplate mongo;
    /** Per name, the rest of the block {@link #nextFromBlock} reserved last. */
    private final Map<String, Block> blocks = new ConcurrentHashMap<>();

    /** Ids {@code next} up to {@code end} (exclusive), reserved and not handed out yet. */
    private static final class Block {
        long next;
        long end;
    }

    public SequenceGenerator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public String next(String name) {
        Document counter = mongo.findAndModify(query(where("_id").is(name)), new Update().inc("value", 1L),
                options().returnNew(true).upsert(true), Document.class, COLLECTION);
        return String.valueOf(((Number) counter.get("value")).longValue());
    }

    /**
     * The next id of {@code name} from a block of {@code blockSize} ids this instance reserved in one {@code $inc}:
     * one store round trip per block instead of one per id, for ids handed out one at a time on a hot path (an
     * article per publishing request). Unique across replicas, restarts and {@link #next}/{@link #reserve} callers,
     * like every id here; but no longer consecutive: each replica hands out its own block, and what is left of a
     * block when the process stops is never used (at most {@code blockSize - 1} ids skipped per start).
     */
    public String nextFromBlock(String name, int blockSize) {
        if (blockSize <= 1) {
            return next(name);
        }
        Block block = blocks.computeIfAbsent(name, n -> new Block());
        synchronized (block) {
            if (block.next >= block.end) {
                block.next = reserve(name, blockSize);
                block.end = block.next + blockSize;
            }
            return String.valueOf(block.next++);
        }
    }

    /**
     * Reserves {@code count} consecutive ids in one atomic {@code $inc} (bulk work such as an import: one round trip
     * instead of one per id).
     *
     * @return the first of them; the others follow it
     */
    public long reserve(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        Document counter = mongo.findAndModify(query(where("_id").is(name)), new Update().inc("value", (long) count),
                options().returnNew(true).upsert(true), Document.class, COLLECTION);
        return ((Number) counter.get("value")).longValue() - count + 1;
    }
}
