package newsroom.localrun.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query naming {@code _id}s beside other conditions — article-service's guarded save ({@code {_id, version}}) and
 * its relay's claim ({@code {_id, relayClaimOwner}}), which have no index of their shape since the services dropped
 * them — is answered from the named documents, each still matched against the whole query; a numeric {@code _id}
 * goes to the ordinary scan, which matches {@code 1} and {@code 1L} alike.
 */
class DocumentCollectionTests {

    @TempDir
    Path dir;

    @Test
    void aQueryNamingIdsBesideOtherConditionsFindsExactlyTheMatchingNamedDocuments() {
        IndexedH2Backend backend = new IndexedH2Backend(dir.resolve("newsroom.mv").toString());
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort())) {
            MongoCollection<Document> articles = client.getDatabase("test").getCollection("articles");
            List<Document> stored = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                stored.add(new Document("_id", "a" + i).append("version", (long) i % 3));
            }
            stored.add(new Document("_id", 7).append("version", 1L));
            articles.insertMany(stored);

            assertThat(articles.find(new Document("_id", "a4").append("version", 1L)).first()).as("match")
                    .extracting(d -> d.get("_id")).isEqualTo("a4");
            assertThat(articles.find(new Document("_id", "a4").append("version", 2L)).first())
                    .as("the named document, not matching the rest").isNull();
            assertThat(articles.find(new Document("_id", "missing").append("version", 1L)).first()).isNull();
            assertThat(articles.find(new Document("_id", new Document("$in", List.of("a5", "a1", "a9", "nope")))
                    .append("version", 2L)).map(d -> d.get("_id")).into(new ArrayList<>()))
                    .as("$in: the named ones that match, in _id order").containsExactly("a5");
            assertThat(articles.find(new Document("_id", 7L).append("version", 1L)).first())
                    .as("a number equal to the stored int, by the scan").isNotNull();

            // The guarded save and the relay's claim: a conditional update answering the new document.
            Document saved = articles.findOneAndUpdate(new Document("_id", "a10").append("version", 1L),
                    new Document("$inc", new Document("version", 1L)).append("$set",
                            new Document("relayClaimOwner", "relay-1")),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            assertThat(saved).containsEntry("version", 2L).containsEntry("relayClaimOwner", "relay-1");
            assertThat(articles.findOneAndUpdate(new Document("_id", "a10").append("version", 1L),
                    new Document("$inc", new Document("version", 1L)))).as("the version moved on").isNull();
            assertThat(articles.updateOne(new Document("_id", "a10").append("relayClaimOwner", "relay-1"),
                    new Document("$unset", new Document("relayClaimOwner", ""))).getModifiedCount()).isEqualTo(1);
            assertThat(articles.countDocuments(new Document("relayClaimOwner", "relay-1"))).isZero();
        } finally {
            server.shutdown();
            backend.close();
        }
    }
}
