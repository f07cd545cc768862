package newsroom.localrun;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import newsroom.localrun.store.IndexedH2Backend;

/**
 * A MongoDB wire-protocol server (mongo-java-server) in this JVM, storing its data in an H2 file so it survives
 * restarts. It speaks enough of MongoDB for the services (CRUD, indexes, upserts, findAndModify, bulk writes,
 * aggregation) and has no transactions, which the services never need. Its documents and unique-index keys are
 * serialised once per change, not at every comparison or page write, and its page cache grows with the heap
 * ({@link IndexedH2Backend}); the file is the stock H2 backend's.
 */
final class LocalMongo implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;
    private final int port;

    private LocalMongo(MongoServer server, H2Backend backend, int port) {
        this.server = server;
        this.backend = backend;
        this.port = port;
    }

    static LocalMongo start(Path dataDir, int port) throws IOException {
        Path file = dataDir.resolve("mongo").toAbsolutePath();
        Files.createDirectories(file);
        H2Backend backend = new IndexedH2Backend(file.resolve("newsroom.mv").toString());
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new LocalMongo(server, backend, port);
    }

    String uri(String database) {
        return uri(port, database);
    }

    /** The URI of {@code database} on the store that listens (or will) on {@code port}. */
    static String uri(int port, String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    /**
     * The URI a service is given: the services start while the store opens, and mongo-java-server opening a large
     * archive the stock backend wrote (it rebuilds each index it finds empty by reading every document: about 100 s at
     * 65,000 imported articles; this store's own files open in a second, see {@link IndexedH2Backend}) outlasts the
     * driver's default 30 s wait for a server, which failed their start. They wait 3 minutes.
     */
    static String serviceUri(int port, String database) {
        return uri(port, database) + "?serverSelectionTimeoutMS=180000";
    }

    @Override
    public void close() {
        server.shutdown();
        backend.close();
    }
}
