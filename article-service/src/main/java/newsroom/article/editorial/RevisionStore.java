package newsroom.article.editorial;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Every save of an article as an immutable revision document ({@code article_revisions}), without a transaction.
 *
 * <p>The article document is the source of truth; a revision only describes it. So the revision is written
 * <em>before</em> the article update: if the process dies in between, there is a revision nobody points at (harmless)
 * rather than a saved state without a revision (lost history). Its id is {@code <articleId>:<version>:<saveId>}:
 * <ul>
 *   <li>the <b>version</b> the article will have after the save puts revisions in order and makes them addressable
 *       ("version 7");</li>
 *   <li>the <b>saveId</b> (a random id of the save attempt) keeps two editors who save the same version at the same
 *       time from overwriting each other's revision: only one of them wins the article's version check, and the
 *       article document records that winner's {@code saveId}. A revision is inserted, never replaced;</li>
 *   <li>retrying the same save (same saveId) inserts the same id again, which is refused as a duplicate and ignored:
 *       retries never duplicate a revision.</li>
 * </ul>
 * Each revision names the save it was based on ({@code parentSaveId}). The history is the chain from the article's
 * current {@code saveId} through the parents, so revisions of saves that lost the race or died before the article
 * update are never listed (they stay behind as unreferenced documents).
 */
@Component
public class RevisionStore {

    private final MongoTemplate mongo;

    RevisionStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Writes the revision of a save that is about to be applied to the article document. */
    public void recordBeforeSave(Revision revision) {
        try {
            mongo.insert(revision);
        } catch (DuplicateKeyException sameSaveRetried) {
            // Written by an earlier attempt of this very save: nothing to add.
        }
    }

    /** The article's history, newest first, without bodies. */
    public List<Revision> history(Article article) {
        Query all = query(where("articleId").is(article.getId()));
        all.fields().exclude("body");
        Map<String, Revision> bySaveId = new HashMap<>();
        for (Revision r : mongo.find(all, Revision.class)) {
            bySaveId.put(r.saveId(), r);
        }
        List<Revision> chain = new ArrayList<>();
        String next = article.getSaveId();
        while (next != null && bySaveId.containsKey(next) && chain.size() <= bySaveId.size()) {
            Revision r = bySaveId.get(next);
            chain.add(r);
            next = r.parentSaveId();
        }
        return chain;
    }

    /** One revision of the article's history, in full. */
    public Optional<Revision> get(Article article, long version) {
        return history(article).stream().filter(r -> r.version() == version).findFirst()
                .map(r -> mongo.findById(r.id(), Revision.class));
    }
}
