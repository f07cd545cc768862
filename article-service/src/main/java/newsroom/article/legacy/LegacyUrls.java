package newsroom.article.legacy;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** The stored old addresses: many registered at once (an import batch), one looked up by a reader's request. */
@Component
public class LegacyUrls {

    private static final String COLLECTION = "legacy_urls";
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;

    LegacyUrls(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Stores the mappings whose path is not mapped yet, in one write; a path mapped before keeps its target (so
     * re-importing changes nothing).
     *
     * @return how many were new
     */
    public int register(List<LegacyUrl> urls) {
        Map<String, Document> byPath = new LinkedHashMap<>();
        for (LegacyUrl url : urls) {
            Document doc = new Document();
            mongo.getConverter().write(url, doc);
            byPath.putIfAbsent(url.path(), doc);
        }
        if (byPath.isEmpty()) {
            return 0;
        }
        List<Document> docs = new ArrayList<>(byPath.values());
        try {
            mongo.getCollection(COLLECTION).insertMany(docs, new InsertManyOptions().ordered(false));
            return docs.size();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().anyMatch(error -> error.getCode() != DUPLICATE_KEY)) {
                throw e;
            }
            return docs.size() - e.getWriteErrors().size();
        }
    }

    /** Where an old address leads, by its path and query as the reader asked for it. */
    public Optional<LegacyUrl> find(String pathAndQuery) {
        return LegacyPaths.key(pathAndQuery).map(key -> mongo.findById(key, LegacyUrl.class));
    }
}
