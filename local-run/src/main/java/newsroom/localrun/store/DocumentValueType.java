package newsroom.localrun.store;

import com.github.benmanes.caffeine.cache.Cache;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the store's document maps: H2's own {@link ObjectDataType} — the same bytes on disk — except that a
 * document is Java-serialised once per state, not every time its page is written.
 *
 * <p>mongo-java-server keeps each collection's documents in an MVStore map whose values H2 writes by Java
 * serialisation. MVStore writes whole pages: when one document of a page changes, or the background compaction moves
 * a page to a new chunk, every document of that page is serialised again (a page of listings or import records holds
 * dozens), and serialisation was the largest cost of the local run's store during an import. Here the bytes of each
 * document object — made by H2's own {@link ObjectDataType#serialize}, or read from the file — are kept while that
 * object lives ({@link SerializedDocuments}, by identity), and a page write reuses them.
 *
 * <p>mongo-java-server updates a stored document in place and then puts the same object again; the collection
 * ({@link DocumentCollection}) drops the object's bytes before that put, so the next write serialises its new state.
 */
final class DocumentValueType extends ObjectDataType {

    /** H2's tag for a Java-serialised value ({@code ObjectDataType.TYPE_SERIALIZED_OBJECT}), then length and bytes. */
    private static final byte SERIALIZED_OBJECT = 19;

    private final Cache<Object, byte[]> serialized;

    /** H2's own estimate of a serialised value's memory (twice its bytes), averaged as H2 averages it. */
    private int averageMemory = 10_000;

    DocumentValueType(SerializedDocuments serialized) {
        this.serialized = serialized.cache();
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof Document)) {
            super.write(buff, obj);
            return;
        }
        byte[] bytes = serialized.get(obj, this::serializeCounted);
        buff.put(SERIALIZED_OBJECT).putVarInt(bytes.length).put(bytes);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != SERIALIZED_OBJECT) {
            return super.read(buff);
        }
        buff.get();
        byte[] bytes = new byte[DataUtils.readVarInt(buff)];
        buff.get(bytes);
        remember(bytes);
        Object value = deserialize(bytes);
        if (value instanceof Document) {
            serialized.put(value, bytes);
        }
        return value;
    }

    /** The page cache's weight of a value: as H2 estimates it, from this document's own bytes when they are known. */
    @Override
    public int getMemory(Object obj) {
        if (!(obj instanceof Document)) {
            return super.getMemory(obj);
        }
        byte[] bytes = serialized.getIfPresent(obj);
        return bytes != null ? bytes.length * 2 : averageMemory;
    }

    /** Forgets the bytes of a document about to be stored again after it was changed in place. */
    void changed(Object document) {
        serialized.invalidate(document);
    }

    private byte[] serializeCounted(Object document) {
        byte[] bytes = serialize(document);
        remember(bytes);
        return bytes;
    }

    /** H2's running estimate ({@code SerializedObjectType.averageSize}); a race between threads only blurs it. */
    private void remember(byte[] bytes) {
        averageMemory = (int) ((bytes.length * 2L + 15L * averageMemory) / 16);
    }
}
