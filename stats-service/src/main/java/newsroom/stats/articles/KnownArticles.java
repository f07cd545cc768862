package newsroom.stats.articles;

import static newsroom.stats.store.StatsDocs.KNOWN_ARTICLES;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
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
     * Applies a lifecycle event unless a newer revision of the article was applied already (redelivery, replay).
     * One writer per article: the lifecycle topic is keyed by article id, so one consumer owns each article.
     */
    public void apply(String articleId, long revision, String categoryId, List<String> categoryPath,
            boolean published, Instant occurredAt) {
        Document current = mongo.getCollection(KNOWN_ARTICLES).find(Filters.eq("_id", articleId)).first();
        if (current == null || current.get("revision") instanceof Number r && r.longValue() < revision) {
            Document doc = new Document("_id", articleId)
                    .append("revision", revision)
                    .append("published", published)
                    .append("categoryId", categoryId != null ? categoryId
                            : current == null ? null : current.getString("categoryId"))
                    .append("categoryPath", categoryPath != null && !categoryPath.isEmpty() ? categoryPath
                            : current == null ? List.of() : current.getList("categoryPath", String.class))
                    .append("occurredAt", occurredAt == null ? null : Date.from(occurredAt));
            mongo.getCollection(KNOWN_ARTICLES).replaceOne(Filters.eq("_id", articleId), doc,
                    new ReplaceOptions().upsert(true));
        }
        known.add(articleId);
    }
}
