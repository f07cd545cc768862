package newsroom.localrun.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The serialised bytes of the store's documents and index keys ({@link KeptBytesType}), shared by every map of one
 * store: keyed by the object itself (identity, weakly: an entry goes when its object is collected, i.e. when its page
 * left the page cache and no one holds it), bounded by the bytes held.
 */
final class KeptBytes {

    private final Cache<Object, byte[]> cache;

    KeptBytes(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .weakKeys()
                .maximumWeight(maxBytes)
                .weigher((Object value, byte[] bytes) -> bytes.length)
                .build();
    }

    Cache<Object, byte[]> cache() {
        return cache;
    }
}
