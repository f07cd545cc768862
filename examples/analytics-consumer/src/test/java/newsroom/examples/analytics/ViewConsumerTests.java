package newsroom.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import newsroom.contracts.ArticleViewed;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The example against a real (in-process KRaft) broker, fed the way article-service writes views. */
class ViewConsumerTests {

    static EmbeddedKafkaKraftBroker kafka;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant ONE_AM = Instant.parse("2022-01-07T01:00:00Z");

    @BeforeAll
    static void broker() {
        kafka = new EmbeddedKafkaKraftBroker(1, 3, Topics.ARTICLE_VIEWED);
        kafka.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        kafka.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        kafka.destroy();
    }

    @Test
    void countsV1ViewsPerArticleAndHourAndSkipsWhatItCannotRead() throws Exception {
        ArticleViewed first = view("a-1", ONE_AM.plusSeconds(5 * 60));
        ObjectNode withAddedField = JSON.valueToTree(view("a-2", ONE_AM.plusSeconds(15 * 60)));
        withAddedField.put("deviceClass", "phone");                         // a field added later within v1
        ObjectNode missingViewedAt = JSON.valueToTree(view("a-1", ONE_AM));
        missingViewedAt.remove("viewedAt");

        send("a-1", EventTypes.ARTICLE_VIEWED, JSON.writeValueAsString(first));
        send("a-1", EventTypes.ARTICLE_VIEWED, JSON.writeValueAsString(view("a-1", ONE_AM.plusSeconds(40 * 60))));
        send("a-1", EventTypes.ARTICLE_VIEWED, JSON.writeValueAsString(view("a-1", ONE_AM.plusSeconds(70 * 60))));
        send("a-2", EventTypes.ARTICLE_VIEWED, JSON.writeValueAsString(withAddedField));
        send("a-1", "newsroom.article.viewed.v2",                          // a future version: not ours
                "{\"view\":{\"id\":\"x\"},\"article\":\"a-1\",\"at\":\"2022-01-07T01:30:00Z\"}");
        send("a-1", EventTypes.ARTICLE_VIEWED, JSON.writeValueAsString(first)); // redelivered
        send("a-1", null, JSON.writeValueAsString(view("a-1", ONE_AM)));        // no ce_type header
        send("a-1", EventTypes.ARTICLE_VIEWED, JSON.writeValueAsString(missingViewedAt));

        ViewAggregator aggregator = new ViewAggregator();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ViewConsumer consumer = new ViewConsumer(kafka.getBrokersAsString(), AnalyticsConsumer.DEFAULT_GROUP,
                aggregator, new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofMillis(200));
        Thread thread = new Thread(consumer, "view-consumer");
        thread.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> consumer.counters().records() == 8);
        } finally {
            consumer.close();
            thread.join(Duration.ofSeconds(10).toMillis());
        }

        assertThat(aggregator.views("a-1", ONE_AM)).isEqualTo(2);
        assertThat(aggregator.views("a-1", ONE_AM.plusSeconds(3600))).isEqualTo(1);
        assertThat(aggregator.views("a-2", ONE_AM)).isEqualTo(1);
        assertThat(aggregator.snapshot()).containsExactly(
                new ViewAggregator.HourlyViews(ONE_AM, "a-1", 2),
                new ViewAggregator.HourlyViews(ONE_AM, "a-2", 1),
                new ViewAggregator.HourlyViews(ONE_AM.plusSeconds(3600), "a-1", 1));
        assertThat(consumer.counters()).isEqualTo(new ViewConsumer.Counters(8, 4, 1, 2, 1));
        assertThat(thread.isAlive()).isFalse();
        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("2022-01-07 01:00  a-1             2", "2022-01-07 02:00  a-1             1")
                .contains("8 records: 4 views counted, 1 duplicates, 2 of other types skipped, 1 invalid");
    }

    @Test
    void theCommandLineNamesTheBrokersAndTheGroup() {
        assertThat(AnalyticsConsumer.Options.parse()).isEqualTo(new AnalyticsConsumer.Options(
                "localhost:9092", "analytics-example", Duration.ofSeconds(10)));
        assertThat(AnalyticsConsumer.Options.parse("--bootstrap-servers", "k1:9092,k2:9092", "--group=my-team",
                "--report-every-seconds", "60")).isEqualTo(new AnalyticsConsumer.Options(
                "k1:9092,k2:9092", "my-team", Duration.ofSeconds(60)));
        assertThat(ViewConsumer.consumerProperties("k:9092", "my-team"))
                .containsEntry("group.id", "my-team").containsEntry("auto.offset.reset", "earliest");
    }

    static ArticleViewed view(String articleId, Instant at) {
        return new ArticleViewed(UUID.randomUUID().toString(), articleId, "9001", List.of("9000", "9001"), at,
                "visitor-" + at.getEpochSecond(), null, "Mozilla/5.0");
    }

    /** Writes a record the way article-service does: CloudEvents binary mode, key = article id. */
    static void send(String articleId, String type, String json) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBrokersAsString());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ARTICLE_VIEWED, articleId, json);
            String id = JSON.readTree(json).path("viewId").asString(UUID.randomUUID().toString());
            header(record, CloudEventHeaders.ID, id);
            header(record, CloudEventHeaders.SOURCE, "/newsroom/article-service");
            header(record, CloudEventHeaders.SPEC_VERSION, "1.0");
            header(record, CloudEventHeaders.TYPE, type);
            header(record, CloudEventHeaders.TIME, Instant.now().toString());
            header(record, CloudEventHeaders.SUBJECT, articleId);
            if (type != null) {
                header(record, CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.dataSchemaOf(type));
            }
            header(record, "contentType", "application/json");
            producer.send(record).get();
        }
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
