package newsroom.stats.counting;

import com.carrotsearch.hppc.LongLongHashMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.datasketches.hll.HllSketch;

/**
 * What the counting code keeps in memory for one partition it owns: the contributions this partition has made to
 * recently touched counter documents (a copy of what is stored, so a batch needs no reads), and the refresh window of
 * each visitor of each article (the last counted view). Thrown away whenever the partition is (re)assigned or a write
 * fails, and rebuilt from MongoDB, which always has the truth.
 */
final class PartitionState {

    /**
     * One counter document as far as this partition is concerned: its part {@code p.p<partition>} (the views up to
     * offset {@code o}, the day's and each hour's counters, the day's sketch) and the category it was last filed
     * under.
     */
    static final class LoadedDoc {
        long o = -1;
        /** "c" for the day, "HH" for an hour. */
        final Map<String, Contribution> contributions = new HashMap<>(4);
        HllSketch sketch;
        String categoryId;
        java.util.List<String> categoryPath;
    }

    final String topic;
    final int partition;
    private final LinkedHashMap<String, LoadedDoc> docs;

    /**
     * (article, visitor) to the epoch milli of the last counted view. The key is a 64-bit hash of the pair
     * ({@link RefreshWindow#refreshKey}): primitive maps hold a million visitors in a few tens of megabytes.
     */
    final LongLongHashMap lastCounted = new LongLongHashMap();
    /** When the watermark reaches this, entries that have passed out of the window are forgotten. */
    long nextExpiry = Long.MIN_VALUE;
    boolean refreshLoaded;
    /** The latest view time seen in this partition: refresh entries older than the window before it expire. */
    long watermark = Long.MIN_VALUE;

    PartitionState(String topic, int partition, int maxDocs) {
        this.topic = topic;
        this.partition = partition;
        this.docs = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LoadedDoc> eldest) {
                return size() > maxDocs;
            }
        };
    }

    static String key(String collection, String id) {
        return collection + '/' + id;
    }

    /** Documents a flush under way is writing: kept whatever the cache evicts, until the flush completes. */
    private final Map<String, LoadedDoc> pinned = new HashMap<>();
    private final Map<String, Integer> pins = new HashMap<>();

    /** The cached document with this key ({@link #key}), or null. */
    LoadedDoc doc(String key) {
        LoadedDoc doc = docs.get(key);
        return doc != null ? doc : pinned.get(key);
    }

    void pin(String key, LoadedDoc doc) {
        pinned.put(key, doc);
        pins.merge(key, 1, Integer::sum);
    }

    void unpin(String key) {
        if (pins.merge(key, -1, Integer::sum) <= 0) {
            pins.remove(key);
            pinned.remove(key);
        }
    }

    void put(String key, LoadedDoc doc) {
        docs.put(key, doc);
    }
}
