package newsroom.localrun.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, except that
 * <ul>
 *   <li>an updated document's kept bytes ({@link DocumentValueType}) are dropped before it is stored again:
 *       mongo-java-server applies an update to the stored document object itself and then puts that same object back,
 *       so its old bytes would otherwise still stand for it;</li>
 *   <li>the collection's data size is not tracked: for it, every insert, update and delete encoded the whole document
 *       (both versions, for an update) as BSON once more and rewrote the collection's meta entry — about 6 % of the
 *       local run's store CPU during an import — and only {@code collStats}' {@code size} and {@code avgObjSize}
 *       report it, which the services never ask for (they keep the value last stored).</li>
 * </ul>
 */
final class DocumentCollection extends H2Collection {

    private final DocumentValueType values;

    DocumentCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
            MVMap<String, Object> meta, CursorRegistry cursors, DocumentValueType values) {
        super(database, name, options, data, meta, cursors);
        this.values = values;
    }

    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        values.changed(newDocument);
        super.handleUpdate(position, oldDocument, newDocument);
    }
}
