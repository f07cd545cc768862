package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.stats.articles.KnownArticles;
import newsroom.stats.store.StatsDocs;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.InProcessInfrastructureTest;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * stats-service reads article-lifecycle a poll at a time (one read, one bulk write): events of one article in one
 * batch apply in order, and a poison record in a batch neither blocks nor loses the good records around it.
 */
@InProcessInfrastructureTest
class ArticleLifecycleBatchIntegrationTests {

    @Autowired
    KnownArticles known;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aPoisonRecordBetweenGoodOnesInOneBatchIsParkedAndTheArticlesAroundItAreKnown() {
        // One key: one partition, so the records are polled together, in this order.
        String key = Views.unique("batch");
        String first = key + "-first";
        String last = key + "-last";
        double dead = deadLetters();

        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 200);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(record(key, EventTypes.ARTICLE_PUBLISHED, published(first)));
            producer.send(record(key, EventTypes.ARTICLE_UNPUBLISHED, """
                    {"articleId":"%s","revision":2,"categoryId":"c9","occurredAt":"%s"}
                    """.formatted(first, Instant.now())));
            producer.send(record(key, EventTypes.ARTICLE_PUBLISHED, "{\"articleId\": 42"));
            producer.send(record(key, EventTypes.ARTICLE_PUBLISHED, published(last)));
            producer.flush();
        }

        try (TopicProbe dlq = new TopicProbe("article-lifecycle.stats-service.dlq")) {
            ConsumerRecord<String, String> parked = dlq.awaitRecord(r -> key.equals(r.key()));
            assertThat(parked.value()).isEqualTo("{\"articleId\": 42");
            assertThat(TopicProbe.header(parked, "x-original-topic")).isEqualTo(Topics.ARTICLE_LIFECYCLE);
            assertThat(TopicProbe.header(parked, "x-exception-fqcn")).isNotBlank();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> known.knownInMemory(first) && known.knownInMemory(last));
        Document withdrawn = mongo.getCollection(StatsDocs.KNOWN_ARTICLES).find(Filters.eq("_id", first)).first();
        assertThat(withdrawn.getLong("revision")).isEqualTo(2);
        assertThat(withdrawn.getBoolean("published")).isFalse();
        assertThat(withdrawn.getList("categoryPath", String.class))
                .as("an unpublish keeps the path the publish in the same batch stored").containsExactly("c1", "c9");
        assertThat(deadLetters()).isEqualTo(dead + 1);
    }

    private static String published(String articleId) {
        return """
                {"articleId":"%s","revision":1,"occurredAt":"%s",
                 "article":{"slug":"s","title":"T","summary":"S","keywords":[],"categoryId":"c9",
                  "categoryPath":["c1","c9"],"pinned":false,"sortRank":0,"publishedAt":"%s"}}
                """.formatted(articleId, Instant.now(), Instant.now());
    }

    private static ProducerRecord<String, String> record(String key, String type, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ARTICLE_LIFECYCLE, key, value);
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private double deadLetters() {
        return meters.find("newsroom.dlq.records").tag("topic", Topics.ARTICLE_LIFECYCLE)
                .tag("group", "stats-service").counters().stream().mapToDouble(Counter::count).sum();
    }
}
