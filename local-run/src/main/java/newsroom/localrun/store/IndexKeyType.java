package newsroom.localrun.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the store's unique-index maps: H2's own {@link ObjectDataType} — the same bytes on disk, the same
 * order — except that two index keys are compared without serialising them again for every comparison.
 *
 * <p>mongo-java-server keys a unique index by {@link KeyValue}, which is not {@code Comparable}, so H2 orders two of
 * them by Java-serialising both and comparing the bytes, unsigned. A lookup compares its key with a dozen or more
 * stored keys (a binary search on each level of the B-tree), and every write looks up every unique index of its
 * collection: serialisation was the largest single cost of the local run's store. Here each key object's bytes
 * (made by H2's own {@link ObjectDataType#serialize}, or read from the file) are kept while that object lives
 * ({@link KeptBytesType}: also for writing its page again; a key is never changed once built) — the key being looked
 * up once per lookup — and compared with H2's own {@link ObjectDataType#compareNotNull}. The order is therefore exactly
 * H2's, which keeps files written before readable and their B-trees valid.
 */
final class IndexKeyType extends KeptBytesType {

    /** Per thread, the key its last lookup searched for, and its bytes. */
    private static final ThreadLocal<Searched> LAST_SEARCHED = ThreadLocal.withInitial(Searched::new);

    private static final class Searched {
        private Object key;
        private byte[] bytes;
    }

    IndexKeyType(KeptBytes kept) {
        super(kept);
    }

    @Override
    boolean keeps(Object value) {
        return value instanceof KeyValue;
    }
    /**
     * H2's binary search ({@code BasicDataType.binarySearch}) within one page, with the searched key serialised once:
     * it is usually a key built for this one lookup, so caching it would only add an entry to evict.
     */
    @Override
    public int binarySearch(Object key, Object storage, int size, int initialGuess) {
        if (!(key instanceof KeyValue)) {
            return super.binarySearch(key, storage, size, initialGuess);
        }
        byte[] searched = searchedBytes(key);
        Object[] keys = (Object[]) storage;
        int low = 0;
        int high = size - 1;
        int x = initialGuess - 1;
        if (x < 0 || x > high) {
            x = high >>> 1;
        }
        while (low <= high) {
            Object stored = keys[x];
            int compare = stored instanceof KeyValue
                    ? (stored == key ? 0 : compareNotNull(searched, bytes(stored)))
                    : super.compare(key, stored);
            if (compare > 0) {
                low = x + 1;
            } else if (compare < 0) {
                high = x - 1;
            } else {
                return x;
            }
            x = (low + high) >>> 1;
        }
        return ~low;
    }

    /**
     * The searched key's bytes (its kept ones if it is a stored key), kept for the next level of the same lookup (the
     * same key object).
     */
    private byte[] searchedBytes(Object key) {
        Searched last = LAST_SEARCHED.get();
        if (last.key != key) {
            byte[] kept = keptBytes(key);
            last.bytes = kept != null ? kept : serialize(key);
            last.key = key;
        }
        return last.bytes;
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue && b instanceof KeyValue) {
            return a == b ? 0 : compareNotNull(bytes(a), bytes(b));
        }
        return super.compare(a, b);
    }
}
