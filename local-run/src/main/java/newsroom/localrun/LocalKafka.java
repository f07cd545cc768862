package newsroom.localrun;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node KRaft Kafka (broker and controller in one), running in this JVM with its log on disk: formatted
 * once, then reopened on every start so topics, offsets and events survive restarts. Its per-request histograms keep
 * uniform samples ({@link RequestHistograms}).
 */
final class LocalKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private LocalKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalKafka start(Path dataDir, int port, int controllerPort, int partitions) throws IOException {
        Path logDir = dataDir.resolve("kafka").toAbsolutePath();
        Files.createDirectories(logDir);
        Properties props = new Properties();
        props.put("node.id", "1");
        props.put("process.roles", "broker,controller");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", String.valueOf(partitions));
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "true");
        props.put("log.retention.hours", "168");
        props.put("log.segment.bytes", String.valueOf(64 * 1024 * 1024));
        // The log cleaner (category-changed and the offsets topic are compacted) allocates its key map on the heap
        // when it starts: 128 MiB by default, most of this JVM's heap and resident memory. 8 MiB maps about 300,000
        // distinct keys per cleaning pass; these topics hold a few hundred (categories, groups' partitions).
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        // The controller appends a no-op record to the metadata log every 500 ms by default (to show it is alive),
        // which the raft and metadata threads of this one node then write, replicate to themselves and apply. A
        // single node has no follower to show it to.
        props.put("metadata.max.idle.interval.ms", "10000");

        if (!Files.exists(logDir.resolve("meta.properties"))) {
            Path config = dataDir.resolve("kafka-server.properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                props.store(out, "written by the Newsroom local run to format the log directory");
            }
            int exit = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", config.toString(), "--ignore-formatted"}, new PrintStream(OutputStream.nullOutputStream()));
            if (exit != 0) {
                throw new IllegalStateException("Formatting the Kafka log directory failed (exit " + exit + ")");
            }
        }
        RequestHistograms.registerUniform();
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
        server.startup();
        return new LocalKafka(server, port);
    }

    String bootstrapServers() {
        return bootstrapServers(port);
    }

    /** The bootstrap address of the broker that listens (or will) on {@code port}. */
    static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
