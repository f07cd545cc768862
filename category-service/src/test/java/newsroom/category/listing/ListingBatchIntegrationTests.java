package newsroom.category.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import newsroom.category.IntegrationTestBase;
import newsroom.category.tree.CategoryRedirects;
import newsroom.contracts.ArticleCard;
import newsroom.contracts.ArticlePublished;
import newsroom.contracts.ArticleUnpublished;
import newsroom.contracts.ArticleUpdated;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.testing.InProcessInfrastructure;
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
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * The listing projection takes article-lifecycle a poll at a time: one bulk write per batch, and a poison record in a
 * batch neither blocks nor loses the good records around it.
 */
class ListingBatchIntegrationTests extends IntegrationTestBase {

    static final Instant T = Instant.parse("2022-01-07T09:00:00Z");

    @Autowired
    MeterRegistry meters;

    @Autowired
    CategoryRedirects redirects;

    @Test
    void aPoisonRecordBetweenGoodOnesInOneBatchIsParkedAndTheGoodOnesAreListed() {
        String category = create("批量", null);
        String before = "batch-" + category + "-before";
        String after = samePartitionAs(before, "batch-" + category + "-after");
        String poison = samePartitionAs(before, "batch-" + category + "-poison");
        double dead = deadLetters();

        // One producer, one flush: the three records reach the partition together and are polled as one batch.
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 200);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(record(before, event(before, category, "批前")));
            producer.send(record(poison, "{\"articleId\": 42"));
            producer.send(record(after, event(after, category, "批后")));
            producer.flush();
        }

        try (TopicProbe dlq = new TopicProbe("article-lifecycle.category-service.dlq")) {
            ConsumerRecord<String, String> parked = dlq.awaitRecord(r -> poison.equals(r.key()));
            assertThat(parked.value()).isEqualTo("{\"articleId\": 42");
            assertThat(TopicProbe.header(parked, "x-original-topic")).isEqualTo(Topics.ARTICLE_LIFECYCLE);
            assertThat(TopicProbe.header(parked, "x-exception-fqcn")).isNotBlank();
            assertThat(TopicProbe.header(parked, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.ARTICLE_PUBLISHED);
        }
        await().untilAsserted(() -> assertThat(titles(category, "category")).containsExactlyInAnyOrder("批前", "批后"));
        assertThat(deadLetters()).isEqualTo(dead + 1);
    }

    @Test
    void aBatchEndsInTheStateItsEventsOneByOneWouldAndAStaleEventChangesNothing() {
        MongoTemplate fresh = new MongoTemplate(
                new SimpleMongoClientDatabaseFactory(InProcessInfrastructure.freshMongoUri("batch")));
        ListingOrder order = new ListingOrder();
        ListingProjection projection = new ListingProjection(fresh, redirects::resolved, order,
                new SimpleMeterRegistry(), Clock.systemUTC());

        int first = applyAll(projection, List.of(
                new ArticlePublished("x", 1, card("x1"), T, null, null, null),
                new ArticleUpdated("x", 3, card("x3"), T.plusSeconds(3)),
                new ArticleUpdated("x", 2, card("x2"), T.plusSeconds(2)),
                new ArticlePublished("y", 1, card("y1"), T, null, null, null),
                new ArticlePublished("z", 1, card("z1"), T, null, null, null),
                new ArticleUnpublished("z", 2, "c", T.plusSeconds(1))));
        assertThat(order.page(List.of("c"), null, 10, id -> null).articleIds())
                .as("this replica's listing order has the batch as soon as it is written (z unpublished)")
                .containsExactlyInAnyOrder("x", "y");
        int second = applyAll(projection, List.of(
                new ArticleUpdated("x", 2, card("x2"), T.plusSeconds(2)),
                new ArticleUnpublished("y", 2, "c", T.plusSeconds(4))));
        assertThat(order.page(List.of("c"), null, 10, id -> null).articleIds())
                .as("a stale event does not list again, an unpublish unlists").containsExactly("x");

        assertThat(first).as("x at revision 3, y, and z's card then its unpublish").isEqualTo(4);
        assertThat(second).as("x's revision 2 is stale; y's unpublish applies").isEqualTo(1);
        Document x = fresh.findById("x", Document.class, "listed_articles");
        Document y = fresh.findById("y", Document.class, "listed_articles");
        assertThat(x.getLong("revision")).isEqualTo(3);
        assertThat(x.getString("title")).isEqualTo("x3");
        assertThat(y.getLong("revision")).isEqualTo(2);
        assertThat(y.getBoolean("listed")).isFalse();
        assertThat(y.getString("title")).as("an unpublish keeps the card").isEqualTo("y1");
        Document z = fresh.findById("z", Document.class, "listed_articles");
        assertThat(z.getBoolean("listed")).isFalse();
        assertThat(z.getString("title")).as("the card published earlier in the same batch").isEqualTo("z1");
    }

    private static ArticleCard card(String title) {
        return new ArticleCard("s", title, null, "", null, null, null, List.of(), "c", List.of("c"), false, false,
                false, 0, T);
    }

    private static ProducerRecord<String, String> record(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.ARTICLE_LIFECYCLE, key, value);
        record.headers().add(CloudEventHeaders.TYPE, EventTypes.ARTICLE_PUBLISHED.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String event(String articleId, String category, String title) {
        return """
                {"articleId":"%s","revision":1,"occurredAt":"%s",
                 "article":{"slug":"s","title":"%s","summary":"","categoryId":"%s","categoryPath":["%s"],
                            "keywords":[],"publishedAt":"%s"}}
                """.formatted(articleId, T, title, category, category, T);
    }

    private double deadLetters() {
        return meters.find("newsroom.dlq.records").tag("topic", Topics.ARTICLE_LIFECYCLE)
                .tag("group", "category-service").counters().stream().mapToDouble(Counter::count).sum();
    }

    /** As the binding does with a poll: each event prepared, then all written at once. */
    static int applyAll(ListingProjection projection, List<?> events) {
        return projection.write(events.stream().map(projection::prepare).filter(java.util.Objects::nonNull).toList());
    }
}
