package newsroom.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * One real KRaft Kafka broker and one mongo-java-server per test JVM, started on first use and stopped when the JVM
 * exits. Cached Spring test contexts share them; each context gets its own database (see
 * {@link InProcessInfrastructureInitializer}) so contexts do not see each other's documents.
 *
 * <p>At exit the contexts that use them are closed first, then the broker and the store: JVM shutdown hooks run side
 * by side, and a context closing after the store was gone waited for it (a lease released in a {@code @PreDestroy},
 * a consumer leaving its group) until the client's 30 s timeout, so surefire killed the test JVM after 30 s instead
 * of letting it exit in a second or two.
 */
public final class InProcessInfrastructure {

    /** Enough partitions that "ordered per key" is a real property, few enough to start fast. */
    public static final int PARTITIONS = 3;

    private static EmbeddedKafkaKraftBroker kafka;
    private static MongoServer mongo;
    private static final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private static boolean shutdownHookAdded;

    private InProcessInfrastructure() {
    }

    /** A context on the broker and the store: closed before them when the JVM exits (forgotten once closed). */
    static synchronized void closeBeforeShutdown(ConfigurableApplicationContext context) {
        contexts.add(context);
        // Child contexts' (a binder's) closing events reach this listener too: only its own counts.
        context.addApplicationListener((ApplicationListener<ContextClosedEvent>) closed -> {
            if (closed.getApplicationContext() == context) {
                forget(context);
            }
        });
        addShutdownHook();
    }

    private static synchronized void forget(ConfigurableApplicationContext context) {
        contexts.remove(context);
    }

    /** One hook for everything: the contexts (newest first), then the broker, then the store. */
    private static synchronized void addShutdownHook() {
        if (!shutdownHookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(InProcessInfrastructure::shutDown, "in-process-stop"));
            shutdownHookAdded = true;
        }
    }

    private static void shutDown() {
        List<ConfigurableApplicationContext> open;
        EmbeddedKafkaKraftBroker broker;
        MongoServer store;
        synchronized (InProcessInfrastructure.class) {
            open = new ArrayList<>(contexts);
            broker = kafka;
            store = mongo;
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            // Spring's own hook may be closing it right now: close() then waits for that to finish.
            open.get(i).close();
        }
        if (broker != null) {
            broker.destroy();
        }
        if (store != null) {
            store.shutdownNow();
        }
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
            addShutdownHook();
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
            addShutdownHook();
        }
        return mongo;
    }

    /** A connection string to a database no other test context uses. */
    public static String freshMongoUri(String prefix) {
        String db = prefix.replaceAll("[^A-Za-z0-9]", "") + "_" + UUID.randomUUID().toString().substring(0, 8);
        return mongo().getConnectionString() + "/" + db;
    }
}
