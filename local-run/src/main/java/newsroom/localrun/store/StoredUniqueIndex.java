package newsroom.localrun.store;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import java.util.List;
import java.util.Map.Entry;
import org.h2.mvstore.MVMap;

/**
 * A unique index in an MVStore map, as mongo-java-server's own H2 unique index keeps it (the same map, keys and
 * positions), except that it can say it is built though it holds no key ({@link #built}). A copy of that class's few
 * map calls rather than a subclass: its constructor is package-private.
 *
 * <p>mongo-java-server rebuilds, whenever the store opens, every index that holds no key, reading every document of
 * its collection twice. A sparse unique index is empty for as long as no document has its field — {@code articles}'
 * {@code slug} index, at any number of imported articles (imports and drafts have no slug yet) — so each start of a
 * large local run read every article twice for nothing: minutes at 100,000 articles.
 */
final class StoredUniqueIndex extends AbstractUniqueIndex<Object> {

    private final MVMap<KeyValue, Object> map;
    /** Whether its map was in the file before this index was opened (not made for it now). */
    private final boolean inFile;
    private volatile boolean built;

    StoredUniqueIndex(MVMap<KeyValue, Object> map, boolean inFile, String name, List<IndexKey> keys,
            boolean sparse) {
        super(name, keys, sparse);
        this.map = map;
        this.inFile = inFile;
    }

    /**
     * The store says this index was built (and kept with every write since): if its map was in the file, it holds
     * every document's keys and is not built again. A map made just now (the index was dropped meanwhile, by a
     * backend that left the mark) is built as usual.
     */
    void built() {
        built = inFile;
    }

    @Override
    public boolean isEmpty() {
        return !built && map.isEmpty();
    }

    @Override
    protected Object removeDocument(KeyValue keyValue) {
        return map.remove(keyValue);
    }

    @Override
    protected boolean putKeyPosition(KeyValue keyValue, Object position) {
        return map.putIfAbsent(keyValue, Missing.ofNullable(position)) == null;
    }

    @Override
    protected Iterable<Entry<KeyValue, Object>> getIterable() {
        return map.entrySet();
    }

    @Override
    protected Object getPosition(KeyValue keyValue) {
        return map.get(keyValue);
    }

    @Override
    public long getCount() {
        return map.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }
}
