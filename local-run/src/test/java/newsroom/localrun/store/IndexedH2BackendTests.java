package newsroom.localrun.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.bson.Document;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.DataType;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local run's store file stays the stock H2 backend's: what one backend wrote, the other reads and keeps writing
 * through the same unique indexes, every index map stays in H2's own key order, and documents changed in place are
 * stored in their new state.
 */
class IndexedH2BackendTests {

    private static final int BATCH = 400;

    @TempDir
    Path dir;

    @Test
    void eachBackendFindsEveryKeyTheOtherWroteAndRefusesItsDuplicates() {
        String file = dir.resolve("newsroom.mv").toString();

        withStore(new H2Backend(file), articles -> insert(articles, 0));
        assertIndexMapsInH2Order(file);

        IndexedH2Backend indexed = new IndexedH2Backend(file);
        withStore(indexed, articles -> {
            assertEveryArticleFoundAndDuplicatesRefused(articles, 0);
            insert(articles, BATCH);
            assertEveryArticleFoundAndDuplicatesRefused(articles, BATCH);
            indexed.commit(); // every page written, so every document's bytes are kept
            articles.updateOne(new Document("_id", "7").append("version", 7L),
                    new Document("$set", new Document("version", 8L)));
            // mongo-java-server changes each stored document in place: the kept bytes must not be written for it.
            articles.updateMany(new Document(), new Document("$set", new Document("title", "改")));
            return null;
        });
        assertIndexMapsInH2Order(file);

        withStore(new H2Backend(file), articles -> {
            assertEveryArticleFoundAndDuplicatesRefused(articles, BATCH);
            assertThat(articles.find(new Document("_id", "7").append("version", 8L)).first()).isNotNull();
            assertThat(articles.countDocuments()).isEqualTo(2 * BATCH);
            assertThat(articles.countDocuments(new Document("title", "改"))).isEqualTo(2 * BATCH);
            return null;
        });
    }

    @Test
    void theStoresIndexAndDocumentMapsAreOpenedWithTheirTypes() {
        String file = dir.resolve("newsroom.mv").toString();
        IndexedH2Backend backend = new IndexedH2Backend(file);
        withStore(backend, articles -> insert(articles, 0));
        // Opened again on an existing file: the indexes the database finds at start, too.
        IndexedH2Backend reopened = new IndexedH2Backend(file);
        withStore(reopened, articles -> {
            MVStore store = reopened.getMvStore();
            List<String> indexMaps = store.getMapNames().stream().filter(n -> n.contains("._index_")).toList();
            assertThat(indexMaps).contains("test.articles._index__id_", "test.articles._index_slug_1");
            for (String name : indexMaps) {
                assertThat(store.openMap(name).getKeyType()).as(name).isInstanceOf(IndexKeyType.class);
            }
            assertThat(store.openMap("databases.test.articles").getValueType())
                    .isInstanceOf(DocumentValueType.class);
            return null;
        });
    }

    /** Slugs, owners and ids of different lengths and scripts, so that the serialised keys differ in length too. */
    private static Void insert(MongoCollection<Document> articles, int from) {
        articles.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
        articles.createIndex(Indexes.ascending("_id", "relayClaimOwner"), new IndexOptions().unique(true));
        articles.createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true).sparse(true));
        List<Document> batch = new ArrayList<>();
        for (int i = from; i < from + BATCH; i++) {
            batch.add(article(i));
        }
        articles.insertMany(batch);
        return null;
    }

    private static Document article(int i) {
        return new Document("_id", Integer.toString(i)).append("version", (long) i)
                .append("relayClaimOwner", i % 3 == 0 ? null : "relay/" + (i * 7919 % 1000))
                .append("slug", i % 2 == 0 ? "园区-" + i : "park-cluster-" + (BATCH * 3 - i));
    }

    private static void assertEveryArticleFoundAndDuplicatesRefused(MongoCollection<Document> articles, int from) {
        for (int i = from; i < from + BATCH; i++) {
            Document article = article(i);
            // Each query has exactly an index's keys, so mongo-java-server answers it from that index.
            assertThat(articles.find(new Document("_id", article.get("_id"))
                    .append("version", article.get("version"))).first()).as("by {_id, version}").isNotNull();
            assertThat(articles.find(new Document("slug", article.get("slug"))).first()).as("by slug").isNotNull();
        }
        // A duplicate is refused only if the index's B-tree search finds the stored key.
        for (int n = from; n < from + BATCH; n += 37) {
            int i = n;
            Document copy = article(i).append("_id", "copy-" + i);
            assertThatThrownBy(() -> articles.insertOne(copy)).as("slug of %d", i)
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> articles.insertOne(article(i))).as("_id %d", i)
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
    }

    /** Every index map, read with H2's stock key type and with ours: keys strictly ascending, each one found. */
    private static void assertIndexMapsInH2Order(String file) {
        for (DataType<Object> keyType : List.<DataType<Object>>of(new ObjectDataType(), new IndexKeyType(new KeptBytes(16 << 20)))) {
            MVStore store = new MVStore.Builder().fileName(file).readOnly().open();
            try {
                for (String name : store.getMapNames()) {
                    if (!name.contains("._index_")) {
                        continue;
                    }
                    MVMap<Object, Object> map = store.openMap(name,
                            new MVMap.Builder<Object, Object>().keyType(keyType));
                    Object previous = null;
                    Cursor<Object, Object> keys = map.cursor(null);
                    int count = 0;
                    while (keys.hasNext()) {
                        Object key = keys.next();
                        if (previous != null) {
                            assertThat(new ObjectDataType().compare(previous, key)).as(name).isNegative();
                        }
                        assertThat(map.containsKey(key)).as("%s finds %s", name, key).isTrue();
                        previous = key;
                        count++;
                    }
                    assertThat(count).as(name).isPositive();
                }
            } finally {
                store.close();
            }
        }
    }

    private static void withStore(H2Backend backend, Function<MongoCollection<Document>, Void> work) {
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create(
                "mongodb://" + address.getHostString() + ":" + address.getPort())) {
            work.apply(client.getDatabase("test").getCollection("articles"));
        } finally {
            server.shutdown();
            backend.close();
        }
    }
}
