package newsroom.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.Map;
import java.util.UUID;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft Kafka broker and one mongo-java-server per test JVM, started on first use and stopped when the JVM
 * exits. Cached Spring test contexts share them; each context gets its own database (see
 * {@link InProcessInfrastructureInitializer}) so contexts do not see each other's documents.
 */
public final class InProcessInfrastructure {

    /** Enough partitions that "ordered per key" is a real property, few enough to start fast. */
    public static final int PARTITIONS = 3;

    private static EmbeddedKafkaKraftBroker kafka;
    private static MongoServer mongo;

    private InProcessInfrastructure() {
    }

    public static synchronized EmbeddedKafkaKraftBroker kafka() {
        if (kafka == null) {
            EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
            broker.brokerProperties(Map.of(
                    "num.partitions", String.valueOf(PARTITIONS),
                    "auto.create.topics.enable", "true",
                    "group.initial.rebalance.delay.ms", "0",
                    "offsets.topic.num.partitions", "3",
                    "transaction.state.log.replication.factor", "1",
                    "transaction.state.log.min.isr", "1",
                    // A consumer killed with SIGKILL never leaves its group: the broker notices only when its
                    // session expires (45 s by default), and only then gives its partitions to the restarted one.
                    // Crash tests (system-tests) restart within seconds; 10 s keeps them short and stays well
                    // above the heartbeat interval, so a busy machine does not fence live consumers.
                    "group.consumer.min.session.timeout.ms", "6000",
                    "group.consumer.session.timeout.ms", "10000",
                    "group.consumer.min.heartbeat.interval.ms", "1000",
                    "group.consumer.heartbeat.interval.ms", "2000"));
            broker.afterPropertiesSet();
            kafka = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "embedded-kafka-stop"));
        }
        return kafka;
    }

    /**
     * Stops the in-process broker, keeping its data and its port, so tests can see what a service does while Kafka
     * is down. Clients connected to it fail (or block) until {@link #startKafkaBroker()} brings it back. Every cached
     * context in the JVM shares this broker: start it again before the test ends.
     */
    public static synchronized void stopKafkaBroker() {
        kafka().getCluster().brokers().values().forEach(broker -> broker.shutdown());
    }

    /** Starts the broker stopped by {@link #stopKafkaBroker()} again, on the same port with the same data. */
    public static synchronized void startKafkaBroker() {
        kafka().getCluster().brokers().values().forEach(broker -> broker.startup());
        try {
            kafka().getCluster().waitForReadyBrokers();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("The in-process broker did not come back", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the in-process broker started", e);
        }
    }

    public static String kafkaBootstrapServers() {
        return kafka().getBrokersAsString();
    }

    public static synchronized MongoServer mongo() {
        if (mongo == null) {
            MongoServer server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            mongo = server;
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-stop"));
        }
        return mongo;
    }

    /** A connection string to a database no other test context uses. */
    public static String freshMongoUri(String prefix) {
        String db = prefix.replaceAll("[^A-Za-z0-9]", "") + "_" + UUID.randomUUID().toString().substring(0, 8);
        return mongo().getConnectionString() + "/" + db;
    }
}
