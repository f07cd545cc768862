package newsroom.localrun.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, except that
 * <ul>
 *   <li>an updated document's kept bytes ({@link DocumentValueType}) are dropped before it is stored again:
 *       mongo-java-server applies an update to the stored document object itself and then puts that same object back,
 *       so its old bytes would otherwise still stand for it;</li>
 *   <li>the collection's data size is not tracked: for it, every insert, update and delete encoded the whole document
 *       (both versions, for an update) as BSON once more and rewrote the collection's meta entry — about 6 % of the
 *       local run's store CPU during an import — and only {@code collStats}' {@code size} and {@code avgObjSize}
 *       report it, which the services never ask for (they keep the value last stored);</li>
 *   <li>a query naming {@code _id}s (one string or object id, or {@code $in} of them) besides other conditions reads
 *       just those documents. mongo-java-server answers a query from an index only when the query has exactly that
 *       index's keys, so {@code {_id: x, revision: {$lt: n}}} — a revision-guarded write — read and matched every
 *       document of the collection; the documents are stored by {@code _id}, and no other can match;</li>
 *   <li>an index built before is not built again when the store opens ({@link #addIndex}).</li>
 * </ul>
 */
final class DocumentCollection extends H2Collection {

    private static final String ID = "_id";
    private static final String IN = "$in";
    /** The meta map's mark of an index built here, before its name. */
    private static final String BUILT = "indexBuilt.";

    private final DocumentValueType values;
    private final MVMap<Object, Document> data;
    private final MVMap<String, Object> meta;

    DocumentCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
            MVMap<String, Object> meta, CursorRegistry cursors, DocumentValueType values) {
        super(database, name, options, data, meta, cursors);
        this.values = values;
        this.data = data;
        this.meta = meta;
    }

    /**
     * Adds an index as mongo-java-server does — building it from the documents if it holds no key — except that an
     * index this store has built before (its mark in the collection's meta map) is not built again: its map was kept
     * with every write since, in the same commits as the documents, so an empty one is empty for a reason (a sparse
     * index no document has the field of). Files without the mark (the stock backend's) are built once more, as the
     * stock backend would, then marked.
     */
    @Override
    public void addIndex(Index<Object> index) {
        String mark = BUILT + index.getName();
        if (index instanceof StoredUniqueIndex stored && Boolean.TRUE.equals(meta.get(mark))) {
            stored.built();
        }
        super.addIndex(index);
        if (!Boolean.TRUE.equals(meta.get(mark))) {
            meta.put(mark, Boolean.TRUE);
        }
    }

    @Override
    public void dropIndex(String indexName) {
        super.dropIndex(indexName);
        meta.remove(BUILT + indexName);
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        values.changed(newDocument);
        super.handleUpdate(position, oldDocument, newDocument);
    }

    /** The scan mongo-java-server falls back to when no index has exactly the query's keys. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
            int batchSize, Document fieldSelector) {
        List<Object> ids = ID.equals(getIdField()) ? namedIds(query.get(ID)) : null;
        if (ids == null) {
            return super.matchDocuments(query, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
        }
        // The ids are the documents' keys in the data map (H2Collection stores each by its _id as it is), taken in the
        // map's order as the scan would meet them; each one found is still matched against the whole query.
        List<Object> stored = new ArrayList<>(ids.size());
        for (Object id : ids) {
            if (data.containsKey(id)) {
                stored.add(id);
            }
        }
        stored.sort(data.getKeyType()::compare);
        return matchDocuments(query, stored, orderBy, numberToSkip, numberToReturn, batchSize, fieldSelector);
    }

    /**
     * The {@code _id}s a query's {@code _id} condition names, if it is an equality to, or {@code $in} of, strings or
     * object ids only (those equal nothing but themselves); else null. Numbers are left to the scan: MongoDB's
     * equality of {@code 1} and {@code 1L} is not the stored keys' order.
     */
    private static List<Object> namedIds(Object condition) {
        if (isPlainId(condition)) {
            return List.of(condition);
        }
        if (condition instanceof Document expression && expression.size() == 1
                && expression.get(IN) instanceof Collection<?> in) {
            Set<Object> ids = new LinkedHashSet<>();
            for (Object id : in) {
                if (!isPlainId(id)) {
                    return null;
                }
                ids.add(id);
            }
            return List.copyOf(ids);
        }
        return null;
    }

    private static boolean isPlainId(Object value) {
        return value instanceof String || value instanceof ObjectId;
    }
}
