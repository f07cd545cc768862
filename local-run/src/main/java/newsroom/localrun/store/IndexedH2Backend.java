package newsroom.localrun.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend (documents in an H2 MVStore file), whose unique indexes compare keys without
 * serialising them for every comparison ({@link IndexKeyType}) and whose documents and index keys are serialised once
 * per object, not once per write of their page ({@link KeptBytesType}), and whose opening does not rebuild indexes
 * that need no building ({@link StoredUniqueIndex}, {@link IgnoredIndex}); the file is the same as the stock backend's,
 * and either opens what the other wrote.
 *
 * <p>The MVStore is opened with a page cache sized from the heap, not H2's fixed 16 MB: the services' periodic reads
 * that no index answers (mongo-java-server has no secondary indexes) walk whole collections, and with 10,000 imported
 * articles and their revisions far past 16 MB every walk read and deserialised most pages from the file again. And the
 * background compaction starts below half the file in use rather than below 90 %: moving live pages to new chunks
 * cost a tenth of the store's CPU during an import, for a file at most about twice its data. Commits stay H2's own
 * (in the background, at most a second apart, and on close).
 */
public final class IndexedH2Backend extends H2Backend {

    /** The fill rate (% of the file in live pages) under which the background compaction moves pages. */
    static final int COMPACT_BELOW_FILL_RATE = 50;

    /** The superclass's constructor opens the existing databases before this class's field is set. */
    private static final ThreadLocal<KeptBytes> OPENING = new ThreadLocal<>();

    private final KeptBytes kept;

    /** A store whose caches take a fifth of this JVM's maximum heap. */
    public IndexedH2Backend(String file) {
        this(file, Runtime.getRuntime().maxMemory() / 5);
    }

    /**
     * @param cacheBytes the MVStore page cache (at least 16 MB); the kept bytes of documents and keys take up to half
     *                   as much again
     */
    private IndexedH2Backend(String file, long cacheBytes) {
        this(open(file, cacheBytes), new KeptBytes(Math.max(cacheBytes, 16L << 20) / 2));
    }

    private IndexedH2Backend(MVStore store, KeptBytes kept) {
        super(opening(store, kept));
        OPENING.remove();
        this.kept = kept;
    }

    private static MVStore open(String file, long cacheBytes) {
        return new MVStore.Builder().fileName(file)
                .cacheSize((int) Math.max(16, cacheBytes >> 20))
                .autoCompactFillRate(COMPACT_BELOW_FILL_RATE)
                .open();
    }

    private static MVStore opening(MVStore store, KeptBytes kept) {
        OPENING.set(kept);
        return store;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new IndexedH2Database(name, getMvStore(), getCursorRegistry(), kept != null ? kept : OPENING.get());
    }
}
