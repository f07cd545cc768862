package newsroom.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.yammer.metrics.core.Histogram;
import com.yammer.metrics.stats.UniformSample;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import newsroom.testing.ReservedPorts;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.server.metrics.KafkaMetricsGroup;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local run keeps in data/ survives a restart: the store's documents, Kafka's topics and records. And the
 * restarted broker records its request times in the histograms the launcher registered for it.
 */
class DataDirectoryTests {

    @TempDir
    Path data;

    @Test
    void documentsWrittenBeforeAStopAreThereAfterTheNextStart() throws Exception {
        int port = ReservedPorts.next();
        try (LocalMongo mongo = LocalMongo.start(data, port); MongoClient client = MongoClients.create(mongo.uri(""))) {
            client.getDatabase("newsroom-article").getCollection("articles").insertOne(new Document("_id", "1"));
        }
        assertThat(data.resolve("mongo").resolve("newsroom.mv")).exists();

        try (LocalMongo mongo = LocalMongo.start(data, port); MongoClient client = MongoClients.create(mongo.uri(""))) {
            assertThat(client.getDatabase("newsroom-article").getCollection("articles").find().first())
                    .isEqualTo(new Document("_id", "1"));
        }
    }

    @Test
    void kafkaIsFormattedOnceAndKeepsItsRecordsAcrossARestart() throws Exception {
        int port = ReservedPorts.next();
        int controller = ReservedPorts.next();
        try (LocalKafka kafka = LocalKafka.start(data, port, controller, 1);
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>("kept", "1", "before the restart")).get();
        }
        Path meta = data.resolve("kafka").resolve("meta.properties");
        String clusterId = clusterId(meta);

        try (LocalKafka kafka = LocalKafka.start(data, port, controller, 1);
                KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "data-dir-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            assertThat(clusterId(meta)).as("not formatted again").isEqualTo(clusterId);
            consumer.subscribe(List.of("kept"));
            List<String> values = new java.util.ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> values.add(r.value()));
                return !values.isEmpty();
            });
            assertThat(values).containsExactly("before the restart");

            // The broker timed those fetches in the uniform histograms registered before it started (RequestHistograms),
            // not in exponentially decaying ones of its own.
            Histogram fetchTime = (Histogram) KafkaYammerMetrics.defaultRegistry().allMetrics().get(
                    new KafkaMetricsGroup("kafka.network", "RequestMetrics").metricName("TotalTimeMs",
                            Map.of("request", "FetchConsumer")));
            assertThat(fetchTime.count()).isPositive();
            Field sample = Histogram.class.getDeclaredField("sample");
            sample.setAccessible(true);
            assertThat(sample.get(fetchTime)).isInstanceOf(UniformSample.class);
        }
    }

    private static String clusterId(Path meta) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newInputStream(meta)) {
            properties.load(in);
        }
        return properties.getProperty("cluster.id");
    }
}
