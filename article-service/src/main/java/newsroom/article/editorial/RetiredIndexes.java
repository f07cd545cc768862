package newsroom.article.editorial;

import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.stereotype.Component;

/**
 * Drops, at start, the indexes on {@code articles} that earlier versions made and nothing needs any more, so that no
 * write keeps maintaining them.
 *
 * <p>{@code id_version} ({@code {_id, version}}, the guarded save's query) and {@code outbox_claim}
 * ({@code {_id, relayClaimOwner}}, the relay's claim) were unique indexes of exactly those queries' shape, made because
 * mongo-java-server uses an index only for a query on exactly its fields and read every article for them otherwise.
 * MongoDB answers both from {@code _id}, and so does the local run's store since it reads just the named documents of
 * a query naming {@code _id} beside other conditions (local-run's {@code DocumentCollection}); meanwhile every insert
 * added a key to each, and every save and claim moved one (a lookup, a removal and an insertion in a B-tree, per
 * index). Without them (and with a benchmark client that no longer compiled beside it) the local run's store and
 * broker took 1.55–2.34 ms of CPU per published article instead of 2.67–2.99 (README, Publishing).
 */
@Component
class RetiredIndexes {

    private static final Logger log = LoggerFactory.getLogger(RetiredIndexes.class);
    private static final String COLLECTION = "articles";
    static final Set<String> RETIRED = Set.of("id_version", "outbox_claim");

    RetiredIndexes(MongoTemplate mongo) {
        for (IndexInfo index : mongo.indexOps(COLLECTION).getIndexInfo()) {
            if (RETIRED.contains(index.getName())) {
                try {
                    mongo.indexOps(COLLECTION).dropIndex(index.getName());
                    log.info("Dropped the index {} of {}: nothing queries by it any more", index.getName(),
                            COLLECTION);
                } catch (DataAccessException alreadyGone) { // another replica starting at the same time dropped it
                    log.debug("Index {} already dropped", index.getName(), alreadyGone);
                }
            }
        }
    }
}
