package newsroom.localrun.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database with its unique-index maps opened on {@link IndexKeyType} (indexes being
 * {@link StoredUniqueIndex}es, secondary indexes {@link IgnoredIndex}es) and its document maps on
 * {@link DocumentValueType} (collections being {@link DocumentCollection}s). The superclass opens a map by name
 * ({@code MVStore.openMap(name)}), and a map already open is returned as it is: so each map is opened here first,
 * with its type, and the superclass then wraps that very map. The map names are mongo-java-server's.
 */
final class IndexedH2Database extends H2Database {

    /** {@code <database>.<collection>._index_<index name>} */
    private static final String INDEX_INFIX = "._index_";
    /** {@code databases.<database>.<collection>}: the documents, by {@code _id}. */
    private static final String DATA_PREFIX = "databases.";
    /** {@code meta.<database>.<collection>}: the collection's data size. */
    private static final String META_PREFIX = "meta.";

    /**
     * The store being opened on this thread: the superclass's constructor opens the existing collections
     * ({@link #openOrCreateCollection}) before this class's fields are set.
     */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;
    private final KeptBytes kept;

    IndexedH2Database(String name, MVStore store, CursorRegistry cursors, KeptBytes kept) {
        super(openMaps(name, store, kept), store, cursors);
        OPENING.remove();
        this.store = store;
        this.kept = kept;
    }

    /**
     * As the superclass does, on the map opened with {@link IndexKeyType} (at start, by {@link #openMaps}), as a
     * {@link StoredUniqueIndex}: its collection ({@link DocumentCollection}) knows whether it was built.
     */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
            boolean sparse) {
        String name = getFullCollectionNamespace(collection) + INDEX_INFIX + indexName;
        MVStore mvStore = store != null ? store : OPENING.get();
        boolean inFile = mvStore.hasMap(name);
        MVMap<KeyValue, Object> map = store != null ? openIndexMap(store, name, kept) : mvStore.openMap(name);
        return new StoredUniqueIndex(map, inFile, indexName, keys, sparse);
    }

    /** What mongo-java-server makes of a secondary index (nothing, see {@link IgnoredIndex}), never built. */
    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collection, String indexName, List<IndexKey> keys,
            boolean sparse) {
        return new IgnoredIndex(indexName, keys);
    }

    /** As the superclass does, on the document map opened with {@link DocumentValueType}. */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = store != null ? store : OPENING.get();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> data = kept != null
                ? openDataMap(mvStore, DATA_PREFIX + fullName, kept)
                : mvStore.openMap(DATA_PREFIX + fullName);
        Object valueType = data.getValueType();
        if (!(valueType instanceof DocumentValueType values)) {
            return super.openOrCreateCollection(collectionName, options);
        }
        MVMap<String, Object> meta = mvStore.openMap(META_PREFIX + fullName);
        return new DocumentCollection(this, collectionName, options, data, meta, cursorRegistry, values);
    }

    /**
     * Opens the database's existing index and document maps with their types before the superclass's constructor
     * opens them (it does, from its collection catalogue, before this class's fields are set).
     */
    private static String openMaps(String name, MVStore store, KeptBytes kept) {
        OPENING.set(store);
        for (String map : store.getMapNames()) {
            if (map.startsWith(name + ".") && map.contains(INDEX_INFIX)) {
                openIndexMap(store, map, kept);
            } else if (map.startsWith(DATA_PREFIX + name + ".")) {
                openDataMap(store, map, kept);
            }
        }
        return name;
    }

    private static MVMap<KeyValue, Object> openIndexMap(MVStore store, String name, KeptBytes kept) {
        return store.openMap(name, new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType(kept)));
    }

    private static MVMap<Object, Document> openDataMap(MVStore store, String name, KeptBytes kept) {
        return store.openMap(name, new MVMap.Builder<Object, Document>().valueType(new DocumentValueType(kept)));
    }
}
