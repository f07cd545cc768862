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

    @Test
    void queriesNamingIdsBesideOtherConditionsAnswerAsTheStockBackend() {
        List<Document> queries = List.of(
                new Document("_id", "7").append("version", new Document("$lt", 8L)),
                new Document("_id", "7").append("version", new Document("$lt", 7L)),
                new Document("_id", "missing").append("version", new Document("$gte", 0L)),
                new Document("_id", new Document("$in", List.of("4", "10", "3", "4", "missing")))
                        .append("relayClaimOwner", new Document("$ne", null)),
                new Document("_id", new Document("$in", List.of(9, "10"))).append("version", new Document("$gte", 0L)));
        List<List<Document>> answers = new ArrayList<>();
        for (H2Backend backend : List.of(new H2Backend(dir.resolve("stock.mv").toString()),
                new IndexedH2Backend(dir.resolve("indexed.mv").toString()))) {
            List<Document> answer = new ArrayList<>();
            withStore(backend, articles -> {
                insert(articles, 0);
                // A revision-guarded write: applied where the guard holds, not where it does not.
                articles.updateOne(new Document("_id", "5").append("version", new Document("$lt", 6L)),
                        new Document("$set", new Document("title", "guarded")));
                articles.updateOne(new Document("_id", "6").append("version", new Document("$lt", 6L)),
                        new Document("$set", new Document("title", "guarded")));
                for (Document query : queries) {
                    articles.find(query).into(answer);
                    answer.add(new Document("end of", query));
                }
                articles.find(new Document("title", "guarded")).into(answer);
                return null;
            });
            answers.add(answer);
        }
        assertThat(answers.get(1)).isEqualTo(answers.get(0))
                .contains(article(7), article(4), article(10)).doesNotContain(article(3), article(6));
        assertThat(answers.get(1).stream().filter(d -> "guarded".equals(d.get("title")))).hasSize(1);
    }

    @Test
    void anIndexBuiltBeforeIsNotBuiltAgainWhenTheStoreOpensThoughItHoldsNoKey() {
        String file = dir.resolve("newsroom.mv").toString();
        withStore(new IndexedH2Backend(file), articles -> {
            articles.createIndex(Indexes.ascending("slug"), new IndexOptions().unique(true).sparse(true));
            articles.insertMany(List.of(new Document("_id", "1"), new Document("_id", "2")));
            return null;
        });
        // A document the index does not know of: only a build from the documents would add its slug.
        MVStore raw = new MVStore.Builder().fileName(file).open();
        raw.openMap("databases.test.articles").put("3",
                new de.bwaldvogel.mongo.bson.Document("_id", "3").append("slug", "unindexed"));
        raw.close();

        withStore(new IndexedH2Backend(file), articles -> null);
        assertThat(slugKeys(file)).as("not rebuilt: built before, empty for a reason").isZero();
        withStore(new H2Backend(file), articles -> null);
        assertThat(slugKeys(file)).as("the stock backend rebuilds every empty index at open").isOne();
    }

    private static long slugKeys(String file) {
        MVStore store = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            return store.openMap("test.articles._index_slug_1").sizeAsLong();
        } finally {
            store.close();
        }
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
