package newsroom.stats.articles;

import static newsroom.stats.store.StatsDocs.KNOWN_ARTICLES;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The articles stats-service has heard of on article-lifecycle: id, category path, published or not. Stored in
 * MongoDB (so every replica knows what any replica's lifecycle consumer learned) and remembered in memory once seen:
 * an article never becomes unknown again, so a positive answer can be cached forever and only misses ask MongoDB.
 */
@Component
public class KnownArticles {

    private static final int READ_CHUNK = 200;

    private final MongoTemplate mongo;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public KnownArticles(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The ids among these that are known. */
    public Set<String> known(Set<String> articleIds) {
        Set<String> result = new HashSet<>();
        List<String> misses = new ArrayList<>();
        for (String id : articleIds) {
            if (known.contains(id)) {
                result.add(id);
            } else {
                misses.add(id);
            }
        }
        for (int i = 0; i < misses.size(); i += READ_CHUNK) {
            List<String> chunk = misses.subList(i, Math.min(misses.size(), i + READ_CHUNK));
            for (Document doc : mongo.getCollection(KNOWN_ARTICLES).find(Filters.in("_id", chunk))
                    .projection(new Document("_id", 1))) {
                String id = doc.getString("_id");
                known.add(id);
                result.add(id);
            }
        }
        return result;
    }

    /** Known to this process already (a false may still be known in MongoDB: ask {@link #known}). */
    public boolean knownInMemory(String articleId) {
        return known.contains(articleId);
    }

    /**
     * A lifecycle event as this service keeps it: the article's category (path), whether it is published.
     *
     * @param categoryPath null or empty when the event names none (an unpublish): the stored one is kept
     */
    public record Change(String articleId, long revision, String categoryId, List<String> categoryPath,
            boolean published, Instant occurredAt) {
    }

    /**
     * Applies a batch of lifecycle events, in order, each unless a newer revision of its article was applied already
     * (redelivery, replay): one read of the articles' stored documents and one bulk write of those that changed,
     * whatever the batch's size. One writer per article: the lifecycle topic is keyed by article id, so one consumer
     * owns each article.
     */
    public void applyAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Set<String> ids = new LinkedHashSet<>();
        changes.forEach(c -> ids.add(c.articleId()));
        Map<String, Document> current = new HashMap<>();
        List<String> all = new ArrayList<>(ids);
        for (int i = 0; i < all.size(); i += READ_CHUNK) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + READ_CHUNK));
            mongo.getCollection(KNOWN_ARTICLES).find(Filters.in("_id", chunk))
                    .forEach(doc -> current.put(doc.getString("_id"), doc));
        }
        Map<String, Document> changed = new LinkedHashMap<>();
        for (Change c : changes) {
            Document stored = current.get(c.articleId());
            if (stored == null || stored.get("revision") instanceof Number r && r.longValue() < c.revision()) {
                Document doc = new Document("_id", c.articleId())
                        .append("revision", c.revision())
                        .append("published", c.published())
                        .append("categoryId", c.categoryId() != null ? c.categoryId()
                                : stored == null ? null : stored.getString("categoryId"))
                        .append("categoryPath", c.categoryPath() != null && !c.categoryPath().isEmpty()
                                ? c.categoryPath()
                                : stored == null ? List.of() : stored.getList("categoryPath", String.class))
                        .append("occurredAt", c.occurredAt() == null ? null : Date.from(c.occurredAt()));
                current.put(c.articleId(), doc);
                changed.put(c.articleId(), doc);
            }
        }
        if (!changed.isEmpty()) {
            List<ReplaceOneModel<Document>> writes = new ArrayList<>(changed.size());
            changed.forEach((id, doc) -> writes.add(
                    new ReplaceOneModel<>(Filters.eq("_id", id), doc, new ReplaceOptions().upsert(true))));
            mongo.getCollection(KNOWN_ARTICLES).bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
        known.addAll(ids);
    }
}
