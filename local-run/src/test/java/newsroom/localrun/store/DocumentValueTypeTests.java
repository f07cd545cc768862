package newsroom.localrun.store;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import java.util.Date;
import java.util.List;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

/** The document value type writes and reads exactly H2's bytes, and a document changed in place is written anew. */
class DocumentValueTypeTests {

    private final DocumentValueType kept = new DocumentValueType(new KeptBytes(1 << 20));

    @Test
    void writesTheBytesH2WritesAndReadsThemBack() {
        Object[] values = {article("1", "园区这么干"), "a string", 42L, null, article("2", "x")};
        byte[] ours = write(kept, values);
        assertThat(ours).isEqualTo(write(new ObjectDataType(), values));
        assertThat(write(kept, values)).as("again, from the kept bytes").isEqualTo(ours);

        Object[] read = new Object[values.length];
        kept.read(ByteBuffer.wrap(ours), read, values.length);
        assertThat(read).containsExactly(values);
        // What was read is written from the bytes it was read from: the same bytes again.
        assertThat(write(kept, read)).isEqualTo(ours);
    }

    @Test
    void aDocumentChangedInPlaceIsWrittenWithItsNewState() {
        Document article = article("7", "旧标题");
        byte[] before = write(kept, new Object[] {article});
        article.put("title", "新标题");
        kept.changed(article);
        byte[] after = write(kept, new Object[] {article});
        assertThat(after).isNotEqualTo(before).isEqualTo(write(new ObjectDataType(), new Object[] {article}));
    }

    @Test
    void weighsADocumentByItsBytesAsH2Estimates() {
        Document article = article("9", "标题");
        byte[] bytes = ObjectDataType.serialize(article);
        write(kept, new Object[] {article});
        assertThat(kept.getMemory(article)).isEqualTo(bytes.length * 2);
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

    private static Document article(String id, String title) {
        return new Document("_id", id).append("title", title).append("version", 3L)
                .append("publishedAt", new Date(1_641_513_600_000L))
                .append("keywords", List.of("数字经济", "park"))
                .append("outbox", List.of(new Document("eventId", "e-" + id).append("type", "published")));
    }
}
