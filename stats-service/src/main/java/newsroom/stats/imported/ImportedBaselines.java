package newsroom.stats.imported;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.util.Optional;
import newsroom.contracts.ImportedFrom;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The click counts imported articles had on their old site ({@code imported_baselines}, one document per article,
 * learned from the {@code importedFrom} of their {@code article-published} event). Kept apart from the counters on
 * purpose: the old count is unfiltered — DedeCMS counts every hit, bots and refreshes included, and starts new
 * articles at a random 50–200 — so it is shown beside counted views, never added to them.
 */
@Component
public class ImportedBaselines {

    static final String COLLECTION = "imported_baselines";

    private final MongoTemplate mongo;

    ImportedBaselines(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** An article's old count, as its import announced it: unfiltered, never mixed into counted views. */
    public record Baseline(long views, String system, String site, String sourceId) {

        /** How the API and the dashboard label it. */
        public String note() {
            return "imported from " + system + ", unfiltered";
        }
    }

    /** Stores the baseline an import announced (replacing an earlier one: a replay writes the same again). */
    public void record(String articleId, ImportedFrom from) {
        if (articleId == null || from == null || from.clicks() == null) {
            return;
        }
        Document doc = new Document("_id", articleId).append("views", from.clicks()).append("system", from.system())
                .append("site", from.site()).append("sourceId", from.sourceId());
        mongo.getCollection(COLLECTION).replaceOne(Filters.eq("_id", articleId), doc,
                new ReplaceOptions().upsert(true));
    }

    public Optional<Baseline> of(String articleId) {
        Document doc = mongo.getCollection(COLLECTION).find(Filters.eq("_id", articleId)).first();
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(new Baseline(((Number) doc.get("views")).longValue(), doc.getString("system"),
                doc.getString("site"), doc.getString("sourceId")));
    }
}
