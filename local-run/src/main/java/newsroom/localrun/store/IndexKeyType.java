package newsroom.localrun.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
 * (made by H2's own {@link ObjectDataType#serialize}) are kept while that object lives, by identity (stored keys
 * stay the same objects while their page is cached; a key is never changed once built), and compared with H2's own
 * {@link ObjectDataType#compareNotNull}. The order is therefore exactly H2's, which keeps files written before
 * readable and their B-trees valid.
 */
final class IndexKeyType extends ObjectDataType {

    /** Bounds what the cached bytes may hold (their length); entries also go when their key object is collected. */
    private static final long CACHED_BYTES = 16L << 20;

    private final Cache<Object, byte[]> serialized = Caffeine.newBuilder()
            .weakKeys()
            .maximumWeight(CACHED_BYTES)
            .weigher((Object key, byte[] bytes) -> bytes.length)
            .build();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue && b instanceof KeyValue) {
            return a == b ? 0 : compareNotNull(bytes(a), bytes(b));
        }
        return super.compare(a, b);
    }

    private byte[] bytes(Object key) {
        return serialized.get(key, ObjectDataType::serialize);
    }
}
