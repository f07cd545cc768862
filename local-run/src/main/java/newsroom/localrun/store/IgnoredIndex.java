package newsroom.localrun.store;

import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import java.util.List;

/**
 * A secondary (non-unique) index, which mongo-java-server does not implement: it keeps nothing and answers no query,
 * as its own {@link EmptyIndex} — except that it does not say it is empty. mongo-java-server builds every index that
 * says so from the documents when the store opens, reading every document of the collection twice to add nothing:
 * {@code articles} alone has seven such indexes, so a start at 100,000 imported articles read every article fourteen
 * times, for nothing.
 */
final class IgnoredIndex extends EmptyIndex<Object> {

    IgnoredIndex(String name, List<IndexKey> keys) {
        super(name, keys);
    }

    @Override
    public boolean isEmpty() {
        return false;
    }
}
