package newsroom.localrun.store;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The value type of the store's document maps: documents are Java-serialised once per state ({@link KeptBytesType}),
 * not once per write of their page — a page of listings or import records holds dozens, and serialisation was the
 * largest cost of the local run's store during an import.
 *
 * <p>mongo-java-server updates a stored document in place and then puts the same object again; the collection
 * ({@link DocumentCollection}) calls {@link #changed} before that put, so the next write serialises its new state.
 */
final class DocumentValueType extends KeptBytesType {

    DocumentValueType(KeptBytes kept) {
        super(kept);
    }

    @Override
    boolean keeps(Object value) {
        return value instanceof Document;
    }

    /** Forgets the bytes of a document about to be stored again after it was changed in place. */
    void changed(Object document) {
        forget(document);
    }
}
