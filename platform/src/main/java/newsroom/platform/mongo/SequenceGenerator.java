package newsroom.platform.mongo;

import static org.springframework.data.mongodb.core.FindAndModifyOptions.options;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

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

    public SequenceGenerator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public String next(String name) {
        Document counter = mongo.findAndModify(query(where("_id").is(name)), new Update().inc("value", 1L),
                options().returnNew(true).upsert(true), Document.class, COLLECTION);
        return String.valueOf(((Number) counter.get("value")).longValue());
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
