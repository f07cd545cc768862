package newsroom.localrun.store;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 database with its unique-index maps opened on {@link IndexKeyType}. The superclass opens an
 * index map by name ({@code MVStore.openMap(name)}), and a map already open is returned as it is: so each index map
 * is opened here first, with the key type, and the superclass then wraps that very map.
 */
final class IndexedH2Database extends H2Database {

    /** Set after the superclass's constructor, which already opens the indexes it finds (see {@link #openIndexes}). */
    private final MVStore store;

    IndexedH2Database(String name, MVStore store, CursorRegistry cursors) {
        super(openIndexes(name, store), store, cursors);
        this.store = store;
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collection, String indexName, List<IndexKey> keys,
            boolean sparse) {
        if (store != null) {
            openIndexMap(store, getFullCollectionNamespace(collection) + INDEX_INFIX + indexName);
        }
        return super.openOrCreateUniqueIndex(collection, indexName, keys, sparse);
    }

    /** The name of each index map: mongo-java-server's {@code <database>.<collection>._index_<index name>}. */
    private static final String INDEX_INFIX = "._index_";

    /**
     * Opens the database's existing index maps with the key type before the superclass's constructor opens them
     * (it does, from its collection catalogue, before this class's fields are set).
     */
    private static String openIndexes(String name, MVStore store) {
        for (String map : store.getMapNames()) {
            if (map.startsWith(name + ".") && map.contains(INDEX_INFIX)) {
                openIndexMap(store, map);
            }
        }
        return name;
    }

    private static void openIndexMap(MVStore store, String name) {
        store.openMap(name, new MVMap.Builder<Object, Object>().keyType(new IndexKeyType()));
    }
}
