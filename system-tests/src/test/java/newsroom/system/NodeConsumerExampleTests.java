package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import newsroom.contracts.ArticleViewed;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.Prerequisites;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code examples/node-consumer} — kafkajs with an LZ4 codec, the CloudEvents SDK and the contracts' JSON Schema —
 * reads view events exactly as the beacon writes them (LZ4-compressed batches, CloudEvents binary mode) from the
 * in-process broker, accepts every valid one and names the field of an invalid one. Needs {@code node} and
 * {@code npm} (fails in CI without them, skips elsewhere); runs {@code npm ci} when {@code node_modules} is missing.
 * The events go to a topic of the test's own, so the example reads exactly these.
 */
class NodeConsumerExampleTests {

    static final Path EXAMPLE = Path.of("..", "examples", "node-consumer").toAbsolutePath().normalize();
    static final int VALID = 25;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theNodeExampleReadsLz4CompressedViewEventsAndValidatesThemAgainstTheSchema() throws Exception {
        Prerequisites.require(runs("node", "--version"), "Node.js (node) for examples/node-consumer",
                "apt-get install -y nodejs npm");
        Prerequisites.require(runs("npm", "--version"), "npm for examples/node-consumer",
                "apt-get install -y npm");
        if (!Files.isDirectory(EXAMPLE.resolve("node_modules"))) {
            Output install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
            assertThat(install.exit).as("npm ci:%n%s", install.text).isZero();
        }

        String topic = "article-viewed-node-" + UUID.randomUUID().toString().substring(0, 8);
        produce(topic);

        Output consumer = run(List.of("node", "consumer.js"), Map.of(
                "KAFKA_BROKERS", InProcessInfrastructure.kafkaBootstrapServers(),
                "TOPIC", topic,
                "GROUP_ID", "node-example-test",
                "MAX_EVENTS", String.valueOf(VALID + 1)), 120);

        assertThat(consumer.exit).as("node consumer.js:%n%s", consumer.text).isZero();
        List<JsonNode> events = new ArrayList<>();
        for (String line : consumer.text.split("\n")) {
            // kafkajs logs JSON lines too ({"level":...}); the example's own lines start with the partition.
            if (line.startsWith("{\"partition\"")) {
                events.add(JSON.readTree(line));
            }
        }
        assertThat(events).as(consumer.text).hasSize(VALID + 1);
        assertThat(events).filteredOn(e -> e.get("valid").asBoolean()).hasSize(VALID)
                .allSatisfy(e -> assertThat(e.get("articleId").asString()).startsWith("node-"));
        assertThat(events).filteredOn(e -> !e.get("valid").asBoolean()).singleElement()
                .satisfies(e -> assertThat(e.get("errors").toString()).contains("visitorKey"));
        assertThat(consumer.text).contains("SUMMARY {\"read\":26,\"valid\":25,\"invalid\":1}");
    }

    /** As the beacon sends them: LZ4-compressed batches, CloudEvents headers, JSON value, keyed by article. */
    private static void produce(String topic) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 50);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i <= VALID; i++) {
                String viewId = UUID.randomUUID().toString();
                String articleId = "node-" + (i % 5);
                String value;
                if (i < VALID) {
                    value = JSON.writeValueAsString(new ArticleViewed(viewId, articleId, "13", List.of("1", "13"),
                            Instant.now(), "visitor-" + i, null, "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"));
                } else {
                    // The schema requires visitorKey: the example must say so, not crash or pass it.
                    value = "{\"viewId\":\"" + viewId + "\",\"articleId\":\"" + articleId + "\",\"categoryId\":\"13\","
                            + "\"categoryPath\":[\"1\",\"13\"],\"viewedAt\":\"" + Instant.now() + "\"}";
                }
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, articleId, value);
                header(record, CloudEventHeaders.ID, viewId);
                header(record, CloudEventHeaders.SOURCE, "/newsroom/article-service");
                header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
                header(record, CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED);
                header(record, CloudEventHeaders.TIME, Instant.now().toString());
                header(record, CloudEventHeaders.SUBJECT, articleId);
                header(record, CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.dataSchemaOf(EventTypes.ARTICLE_VIEWED));
                header(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    record Output(int exit, String text) {
    }

    private static Output run(List<String> command, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("node-example", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(EXAMPLE.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            return new Output(-1, "timed out after " + timeoutSeconds + " s:\n" + Files.readString(log));
        }
        return new Output(process.exitValue(), Files.readString(log));
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
