package newsroom.stats.counting;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.datasketches.hll.HllSketch;

/**
 * What the counting code keeps in memory for one partition it owns: the contributions this partition has made to
 * recently touched counter documents (a copy of what is stored, so a batch needs no reads), and the refresh window of
 * each visitor of each article (the last counted view). Thrown away whenever the partition is (re)assigned or a write
 * fails, and rebuilt from MongoDB, which always has the truth.
 */
final class PartitionState {

    /** One counter document as far as this partition is concerned. */
    static final class LoadedDoc {
        final Map<String, Contribution> contributions = new HashMap<>(4);
        HllSketch sketch;
    }

    final String topic;
    final int partition;
    private final LinkedHashMap<String, LoadedDoc> docs;

    /** "articleId|visitorKey" to the epoch milli of the last counted view. */
    final Map<String, Long> lastCounted = new HashMap<>();
    /**
     * The same entries by where they are stored: refresh-state chunk id (time slot of the counted view, and a hash
     * chunk) to the entries of that chunk. A chunk is rewritten whole when a batch adds to it.
     */
    final Map<String, Map<String, Long>> chunks = new HashMap<>();
    /** Chunk ids whose time slot has expired, to delete with the next write. */
    final Set<String> expiredChunks = new HashSet<>();
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

    LoadedDoc doc(String collection, String id) {
        return docs.get(key(collection, id));
    }

    void put(String collection, String id, LoadedDoc doc) {
        docs.put(key(collection, id), doc);
    }
}
