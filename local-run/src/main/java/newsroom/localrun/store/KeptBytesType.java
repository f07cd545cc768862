package newsroom.localrun.store;

import com.github.benmanes.caffeine.cache.Cache;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * H2's own {@link ObjectDataType} — the same bytes on disk, the same order — except that the values it keeps (the
 * store's documents, its index keys) are Java-serialised once per object, not each time their page is written.
 *
 * <p>H2 writes such values by Java serialisation, and MVStore writes whole pages: when one entry of a page changes, or
 * the background compaction moves a page, every value of the page is serialised again. Here each kept object's bytes
 * — made by H2's own {@link ObjectDataType#serialize}, or read from the file — stay in {@link KeptBytes} while the
 * object lives, and a page write, a comparison or the page cache's weighing reuses them. An object must not change
 * while its bytes are kept ({@link #forget} first).
 */
abstract class KeptBytesType extends ObjectDataType {

    /** H2's tag for a Java-serialised value ({@code ObjectDataType.TYPE_SERIALIZED_OBJECT}), then length and bytes. */
    private static final byte SERIALIZED_OBJECT = 19;

    private final Cache<Object, byte[]> kept;

    /** H2's own estimate of a serialised value's memory (twice its bytes), averaged as H2 averages it. */
    private int averageMemory = 10_000;

    KeptBytesType(KeptBytes kept) {
        this.kept = kept.cache();
    }

    /** Whether values like this one are kept (they are never changed, or {@link #forget} is called first). */
    abstract boolean keeps(Object value);

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!keeps(obj)) {
            super.write(buff, obj);
            return;
        }
        byte[] bytes = bytes(obj);
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
        if (keeps(value)) {
            kept.put(value, bytes);
        }
        return value;
    }

    /**
     * The page cache's weight of a value, as H2 estimates it: twice its bytes, from this object's own when they are
     * known (else the running average). MVStore also splits pages by this weight.
     */
    @Override
    public int getMemory(Object obj) {
        if (!keeps(obj)) {
            return super.getMemory(obj);
        }
        byte[] bytes = kept.getIfPresent(obj);
        return bytes != null ? bytes.length * 2 : averageMemory;
    }

    /** The object's bytes, serialised now if they are not kept yet. */
    final byte[] bytes(Object value) {
        return kept.get(value, this::serializeAndRemember);
    }

    /** The object's bytes if they are kept, else null. */
    final byte[] keptBytes(Object value) {
        return kept.getIfPresent(value);
    }

    /** Forgets the bytes of an object about to be stored again after it was changed in place. */
    final void forget(Object value) {
        kept.invalidate(value);
    }

    private byte[] serializeAndRemember(Object value) {
        byte[] bytes = serialize(value);
        remember(bytes);
        return bytes;
    }

    /** H2's running estimate ({@code SerializedObjectType.averageSize}); a race between threads only blurs it. */
    private void remember(byte[] bytes) {
        averageMemory = (int) ((bytes.length * 2L + 15L * averageMemory) / 16);
    }
}
