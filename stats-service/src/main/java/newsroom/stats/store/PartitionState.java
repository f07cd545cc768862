package newsroom.stats.store;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import newsroom.stats.StatsProperties;
import newsroom.stats.tally.CounterKey;
import newsroom.stats.tally.RefreshState;
import newsroom.stats.tally.StoredPart;

/**
 * What is kept in memory for one partition this instance owns: the parts this partition has put into recently
 * touched counter documents (a copy of what is stored, so a batch needs no reads), its refresh state, and the offsets
 * of its records that were parked. Thrown away whenever the partition is (re)assigned or a write fails, and rebuilt
 * from MongoDB, which always has the truth.
 */
public final class PartitionState {

    private final String topic;
    private final int partition;
    private final String field;
    /** Offsets of this partition's records that were parked (null until read from MongoDB after the assignment). */
    private NavigableSet<Long> parked;
    private final RefreshState refresh;
    /** Whether the refresh state was read from MongoDB (once per assignment). */
    boolean refreshLoaded;
    private final LinkedHashMap<CounterKey, StoredPart> docs;
    /** Documents a flush under way is writing: kept whatever the cache evicts, until the flush completes. */
    private final Map<CounterKey, StoredPart> pinned = new HashMap<>();
    private final Map<CounterKey, Integer> pins = new HashMap<>();

    public PartitionState(String topic, int partition, StatsProperties properties) {
        this.topic = topic;
        this.partition = partition;
        this.field = StatsDocs.partField(topic, partition);
        this.refresh = new RefreshState(properties.refreshWindow(), properties.refreshStateGrace());
        int maxDocs = properties.docCacheSize();
        this.docs = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CounterKey, StoredPart> eldest) {
                return size() > maxDocs;
            }
        };
    }

    public String topic() {
        return topic;
    }

    public int partition() {
        return partition;
    }

    /** The part of a counter document this partition writes ({@link StatsDocs#partField}). */
    public String field() {
        return field;
    }

    public RefreshState refresh() {
        return refresh;
    }

    /** Whether the offsets of its parked records were read since the partition was assigned. */
    public boolean parkedLoaded() {
        return parked != null;
    }

    /** Records at these offsets were parked (read once per assignment, then added to as views are parked). */
    public void parked(Collection<Long> offsets) {
        if (parked == null) {
            parked = new TreeSet<>();
        }
        parked.addAll(offsets);
    }

    /** Whether any record in [from, to] was parked: a redelivered parked view is neither counted nor parked again. */
    public boolean anyParked(long from, long to) {
        return parked != null && !parked.isEmpty() && !parked.subSet(from, true, to, true).isEmpty();
    }

    public boolean isParked(long offset) {
        return parked != null && parked.contains(offset);
    }

    /** The cached part of this document, or null. */
    StoredPart doc(CounterKey key) {
        StoredPart doc = docs.get(key);
        return doc != null ? doc : pinned.get(key);
    }

    void put(CounterKey key, StoredPart doc) {
        docs.put(key, doc);
    }

    /** Keeps the document (being written by a flush) until {@link #unpin}, whatever the cache evicts meanwhile. */
    void pin(CounterKey key, StoredPart doc) {
        docs.put(key, doc); // it may have been evicted and read again meanwhile
        pinned.put(key, doc);
        pins.merge(key, 1, Integer::sum);
    }

    void unpin(CounterKey key) {
        if (pins.merge(key, -1, Integer::sum) <= 0) {
            pins.remove(key);
            pinned.remove(key);
        }
    }
}
