package newsroom.localrun.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * mongo-java-server's H2 backend (documents in an H2 MVStore file), whose unique indexes compare keys without
 * serialising them for every comparison ({@link IndexKeyType}); the file is the same as the stock backend's, and
 * either opens what the other wrote.
 */
public final class IndexedH2Backend extends H2Backend {

    public IndexedH2Backend(String file) {
        super(file);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new IndexedH2Database(name, getMvStore(), getCursorRegistry());
    }
}
