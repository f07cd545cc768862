package newsroom.category.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import newsroom.category.IntegrationTestBase;
import newsroom.category.tree.CategoryRedirects;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.Topics;
import newsroom.platform.events.CloudEventReader;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

/**
 * Rebuilding the listings from offset zero gives exactly the state the live consumer built: a second consumer
 * group reads {@code article-lifecycle} from the beginning into a fresh database through the same projection, and
 * every listing document (of every test that ran in this JVM so far: this class runs last) must be equal, field for
 * field.
 */
@Order(Integer.MAX_VALUE)
class ListingReplayIntegrationTests extends IntegrationTestBase {

    static final Instant T = Instant.parse("2022-01-07T09:00:00Z");

    @Autowired
    MongoTemplate live;

    @Autowired
    CloudEventReader reader;

    @Autowired
    CategoryRedirects redirects;

    @Test
    void rebuildingTheListingsFromOffsetZeroIntoAFreshDatabaseGivesExactlyTheLiveState() {
        // A history with everything that could make a rebuild differ from the live state.
        String news = create("新闻中心", null);
        String park = create("园区规划", news);
        String industry = create("产业规划", news);
        String retired = create("旧栏目", news);
        String moved = "replay-" + park + "-moved";
        published(moved, 1, card("搬家的稿件", park, List.of(news, park), T, false, 0), T);
        updated(moved, 2, card("搬家的稿件", industry, List.of(news, industry), T, true, 3), T.plusSeconds(10));
        updated(moved, 2, card("搬家的稿件", industry, List.of(news, industry), T, true, 3), T.plusSeconds(10));
        published(moved, 1, card("搬家的稿件", park, List.of(news, park), T, false, 0), T);
        String withdrawn = "replay-" + park + "-withdrawn";
        published(withdrawn, 1, card("撤下的稿件", park, List.of(news, park), T.plusSeconds(5), false, 0), T);
        unpublished(withdrawn, 2, park, T.plusSeconds(20));
        String orphan = "replay-" + retired + "-orphan";
        published(orphan, 1, card("旧栏目的稿件", retired, List.of(news, retired), T.plusSeconds(30), false, 0), T);
        TopicProbe.send(Topics.ARTICLE_LIFECYCLE, "replay-poison-" + park, "{\"articleId\":",
                Map.of(CloudEventHeaders.TYPE, "newsroom.article.published.v1"));
        await().untilAsserted(() -> {
            assertThat(titles(industry, "category")).containsExactly("搬家的稿件");
            assertThat(titles(retired, "category")).containsExactly("旧栏目的稿件");
            assertThat(titles(park, "category")).isEmpty();
        });
        assertThat(send(HttpMethod.DELETE, "/api/categories/{id}?moveArticlesTo={t}", null, retired, park)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        updated(orphan, 2, card("旧栏目的稿件(二)", retired, List.of(news, retired), T.plusSeconds(30), false, 0),
                T.plusSeconds(40));
        move(industry, park);
        await().untilAsserted(() -> assertThat(titles(park, "subtree")).containsExactly("搬家的稿件", "旧栏目的稿件(二)"));

        MongoTemplate fresh = new MongoTemplate(
                new SimpleMongoClientDatabaseFactory(InProcessInfrastructure.freshMongoUri("replay")));
        ListingProjection rebuild = new ListingProjection(fresh, redirects::resolved, new ListingOrder(),
                new SimpleMeterRegistry(),
                Clock.systemUTC());
        ReplayStats stats = replayFromOffsetZero(rebuild);

        assertThat(stats.applied()).isGreaterThanOrEqualTo(listings(live).size());
        assertThat(stats.unreadable()).isGreaterThanOrEqualTo(1);
        await().untilAsserted(() -> assertThat(listings(fresh)).isEqualTo(listings(live)));
        assertThat(listings(fresh)).anySatisfy(d -> assertThat(d.get("_id")).isEqualTo(moved));
    }

    record ReplayStats(int applied, int unreadable) {
    }

    /**
     * Reads every partition of the topic from its first offset up to the end offsets taken at the start, as a
     * consumer group of its own (nothing is committed), and applies each record like the binding does; a record that
     * cannot be read is skipped, as the binding parks it on the dead-letter topic; each poll is written as one batch.
     */
    private ReplayStats replayFromOffsetZero(ListingProjection projection) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "category-service-replay-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        int applied = 0;
        int unreadable = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ARTICLE_LIFECYCLE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("replay finished in time").isLessThan(deadline);
                List<Object> batch = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
                        continue;
                    }
                    try {
                        reader.read(record).ifPresent(batch::add);
                    } catch (RuntimeException poison) {
                        unreadable++;
                    }
                }
                applyAll(projection, batch);
                applied += batch.size();
            }
        }
        return new ReplayStats(applied, unreadable);
    }

    private static List<Document> listings(MongoTemplate mongo) {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, "listed_articles");
    }

    /** As the binding does with a poll: each event prepared, then all written at once. */
    static int applyAll(ListingProjection projection, List<?> events) {
        return projection.write(events.stream().map(projection::prepare).filter(java.util.Objects::nonNull).toList());
    }
}
