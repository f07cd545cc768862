package newsroom.localrun.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The serialised bytes of the store's documents ({@link DocumentValueType}), shared by every collection of one store:
 * keyed by the document object itself (identity, weakly: an entry goes when its document is collected, i.e. when its
 * page left the page cache and no one holds it), bounded by the bytes held.
 */
final class SerializedDocuments {

    private final Cache<Object, byte[]> cache;

    SerializedDocuments(long maxBytes) {
        this.cache = Caffeine.newBuilder()
                .weakKeys()
                .maximumWeight(maxBytes)
                .weigher((Object document, byte[] bytes) -> bytes.length)
                .build();
    }

    Cache<Object, byte[]> cache() {
        return cache;
    }
}
