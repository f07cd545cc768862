package newsroom.localrun.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/**
 * The index key type orders keys exactly as H2's own type does, however often a key is compared, and writes and reads
 * H2's bytes.
 */
class IndexKeyTypeTests {

    @Test
    void comparesEveryPairOfKeysAsH2DoesAndAgainWithTheSameAnswer() {
        List<Object> keys = someKeys(new Random(13));
        ObjectDataType h2 = new ObjectDataType();
        IndexKeyType cached = new IndexKeyType(new KeptBytes(16 << 20));
        for (int round = 0; round < 2; round++) { // the second round compares from the cached bytes
            for (Object a : keys) {
                for (Object b : keys) {
                    assertThat(Integer.signum(cached.compare(a, b)))
                            .as("%s vs %s", a, b).isEqualTo(Integer.signum(h2.compare(a, b)));
                }
            }
        }
    }

    @Test
    void findsEveryKeyOfASortedPageWhereH2DoesWhateverTheStartingGuess() {
        ObjectDataType h2 = new ObjectDataType();
        List<Object> keys = new ArrayList<>(someKeys(new Random(17)).stream().filter(KeyValue.class::isInstance)
                .distinct().toList());
        keys.sort(h2::compare);
        Object[] page = keys.subList(0, keys.size() / 2).toArray(); // the other half: keys the page does not hold
        IndexKeyType cached = new IndexKeyType(new KeptBytes(16 << 20));
        for (Object key : keys) {
            for (int guess : new int[] {0, 1, page.length / 2, page.length}) {
                assertThat(cached.binarySearch(key, page, page.length, guess)).as("%s from %d", key, guess)
                        .isEqualTo(h2.binarySearch(key, page, page.length, guess));
            }
        }
    }

    @Test
    void anEqualKeyBuiltAfreshFindsTheStoredOne() {
        IndexKeyType cached = new IndexKeyType(new KeptBytes(16 << 20));
        KeyValue stored = new KeyValue("42", 7L);
        assertThat(cached.compare(stored, new KeyValue("43", 7L))).isNotZero();
        assertThat(cached.compare(new KeyValue("42", 7L), stored)).isZero();
        assertThat(cached.binarySearch(new KeyValue("42", 7L), new Object[] {new KeyValue("1", 0L), stored}, 2, 0))
                .isEqualTo(1);
    }

    @Test
    void writesAndReadsTheBytesH2WritesAndWeighsKeysAsH2Does() {
        Object[] keys = someKeys(new Random(19)).toArray();
        IndexKeyType cached = new IndexKeyType(new KeptBytes(16 << 20));
        byte[] ours = write(cached, keys);
        assertThat(ours).isEqualTo(write(new ObjectDataType(), keys));
        Object[] read = new Object[keys.length];
        cached.read(ByteBuffer.wrap(ours), read, keys.length);
        assertThat(read).containsExactly(keys);
        assertThat(write(cached, read)).as("written again from the bytes read").isEqualTo(ours);
        // MVStore splits pages by this weight: an index key weighs what H2 estimates, twice its bytes.
        KeyValue key = (KeyValue) read[0];
        assertThat(cached.getMemory(key)).isEqualTo(ObjectDataType.serialize(key).length * 2);
    }

    private static byte[] write(ObjectDataType type, Object[] values) {
        WriteBuffer buff = new WriteBuffer();
        type.write(buff, values, values.length);
        ByteBuffer written = buff.getBuffer();
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    /** Index keys of the shapes the services' unique indexes hold: ids, versions, owners, slugs, nulls, dates. */
    private static List<Object> someKeys(Random random) {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String id = Integer.toString(random.nextInt(100_000));
            keys.add(new KeyValue(id));
            keys.add(new KeyValue(id, (long) random.nextInt(5)));
            keys.add(new KeyValue(id, random.nextInt(5)));
            keys.add(new KeyValue(id, random.nextBoolean() ? null : "pid/" + random.nextInt(9)));
            keys.add(new KeyValue("园区-" + id + "-slug"));
            keys.add(new KeyValue(new ObjectId()));
            keys.add(new KeyValue(new Date(random.nextLong(2_000_000_000_000L))));
        }
        keys.add("a plain string"); // not an index key: H2's own comparison
        keys.add(17L);
        return keys;
    }
}
