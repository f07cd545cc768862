package newsroom.stats.imported;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /**
     * Stores the baselines a batch of imports announced, by article id (the later of two for one article; each
     * replacing an earlier one: a replay writes the same again), in one bulk write.
     */
    public void recordAll(Map<String, ImportedFrom> imports) {
        List<ReplaceOneModel<Document>> writes = new ArrayList<>(imports.size());
        imports.forEach((articleId, from) -> {
            if (articleId == null || from == null || from.clicks() == null) {
                return;
            }
            Document doc = new Document("_id", articleId).append("views", from.clicks())
                    .append("system", from.system()).append("site", from.site()).append("sourceId", from.sourceId());
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", articleId), doc, new ReplaceOptions().upsert(true)));
        });
        if (!writes.isEmpty()) {
            mongo.getCollection(COLLECTION).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
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
