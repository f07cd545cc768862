package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.stats.api.StatsQueries;
import newsroom.stats.counting.ViewCounting;
import newsroom.stats.counting.ViewGate;
import newsroom.stats.counting.ViewMetrics;
import newsroom.stats.intake.CountingLoop;
import newsroom.stats.store.CounterStore;
import newsroom.stats.tally.BotDetector;
import newsroom.stats.tally.ViewDecoder;
import newsroom.testing.InProcessInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.support.Acknowledgment;

/**
 * The counting thread beside the consumer: a polled batch is acknowledged (so its offsets can be committed) only once
 * its views are in MongoDB, and a rebalance that drains gets everything handed over written and acknowledged first.
 */
class CountingLoopIntegrationTests {

    private static final BotDetector BOTS = new BotDetector();
    private static final String TOPIC = "article-viewed-loop-tests";

    private final MongoTemplate mongo = new MongoTemplate(
            MongoClients.create(InProcessInfrastructure.mongo().getConnectionString()),
            "loop_" + UUID.randomUUID().toString().substring(0, 8));
    private final StatsQueries queries = new StatsQueries(mongo);
    /** Flushes only when the consumer has caught up or a drain asks: not on a timer during the test. */
    private final StatsProperties properties =
            new StatsProperties(null, null, null, null, null, 0, 0, Duration.ofHours(1), 0, 0, null);
    private final CountingLoop<?, ?> loop = loop(mongo, properties);
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");

    /** The loop and the counting steps as the service wires them, with every article known. */
    private static CountingLoop<?, ?> loop(MongoTemplate mongo, StatsProperties properties) {
        ViewCounting counting = new ViewCounting(new ViewDecoder(), BOTS, new AllKnown(), new CounterStore(mongo),
                new ViewMetrics(new SimpleMeterRegistry(), TOPIC, "stats-service"), Clock.systemUTC(), properties);
        return new CountingLoop<>(counting, properties);
    }

    /** Every article is known; nothing is parked or dead-lettered in these tests. */
    private static final class AllKnown implements ViewGate {
        @Override
        public Set<String> known(Set<String> articleIds) {
            return articleIds;
        }

        @Override
        public boolean knownInMemory(String articleId) {
            return true;
        }

        @Override
        public boolean claimRelease(String viewId, String topic, int partition, long offset) {
            return true;
        }

        @Override
        public CompletableFuture<Void> deadLetter(List<DeadLetter> deadLetters) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void park(List<Parked> parked) {
        }

        @Override
        public Collection<Long> parkedOffsets(String topic, int partition) {
            return List.of();
        }
    }

    /** Remembers, when acknowledged, how many raw hits of the article MongoDB had at that moment. */
    private final class RecordingAck implements Acknowledgment {
        final String articleId;
        final List<Long> rawWhenAcknowledged = new CopyOnWriteArrayList<>();

        RecordingAck(String articleId) {
            this.articleId = articleId;
        }

        @Override
        public void acknowledge() {
            rawWhenAcknowledged.add(queries.article(articleId, LocalDate.now(ZoneOffset.UTC))
                    .counts().raw());
        }
    }

    /** A poll's records as the Kafka consumer returns them (values as bytes, headers as Kafka holds them). */
    private static List<ConsumerRecord<byte[], byte[]>> views(String articleId, long firstOffset, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        Instant start = Instant.now().minus(10, ChronoUnit.MINUTES);
        for (int i = 0; i < count; i++) {
            String viewId = UUID.randomUUID().toString();
            String json = Views.json(viewId, articleId, List.of("news"), start.plusSeconds(i), "visitor-" + i,
                    Views.CHROME);
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(TOPIC, 0, firstOffset + i,
                    articleId.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED.getBytes(StandardCharsets.UTF_8));
            records.add(record);
        }
        return records;
    }

    @AfterEach
    void stop() {
        loop.stop();
    }

    @Test
    void aBatchIsAcknowledgedOnlyOnceItsViewsAreInMongoDb() {
        String article = Views.unique("loop");
        consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
        loop.start();
        RecordingAck first = new RecordingAck(article);
        RecordingAck second = new RecordingAck(article);

        loop.submit(views(article, 0, 20), first, consumer);
        loop.submit(views(article, 20, 10), second, consumer);

        // Once the consumer has caught up, the loop writes what it counted and acknowledges the latest batch of the
        // partition (committing its offset covers the batches before it). Whenever a batch is acknowledged, its views
        // and all before them are in MongoDB already.
        await().atMost(Duration.ofSeconds(20)).until(() -> !second.rawWhenAcknowledged.isEmpty());
        assertThat(second.rawWhenAcknowledged).containsExactly(30L);
        assertThat(first.rawWhenAcknowledged).allMatch(raw -> raw >= 20);
    }

    @Test
    void whatCannotBeWrittenBeforeTheDrainTimeoutIsGivenUpUnacknowledgedAndReadAgain() {
        // A MongoDB that is not there: every read and write fails after a short server selection timeout.
        MongoTemplate unreachable = new MongoTemplate(
                MongoClients.create("mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=200&connectTimeoutMS=200"),
                "nowhere");
        StatsProperties shortDrain =
                new StatsProperties(null, null, null, null, null, 0, 0, null, 0, 0, Duration.ofSeconds(1));
        CountingLoop<?, ?> stuck = loop(unreachable, shortDrain);
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        stuck.start();
        try {
            String article = Views.unique("stuck");
            RecordingAck ack = new RecordingAck(article);
            stuck.submit(views(article, 40, 5), ack, consumer);
            consumer.seek(partition, 45); // the consumer has moved on past the batch it handed over

            stuck.drain(List.of()); // a rebalance that keeps the partition here: it cannot wait forever
            assertThat(ack.rawWhenAcknowledged).isEmpty();

            // The next poll's batch is dropped and the consumer is sent back to the first view given up.
            RecordingAck next = new RecordingAck(article);
            stuck.submit(views(article, 45, 5), next, consumer);
            assertThat(consumer.position(partition)).isEqualTo(40);
            assertThat(next.rawWhenAcknowledged).isEmpty();
        } finally {
            stuck.stop();
        }
    }

    @Test
    void aDrainReturnsOnlyWhenEverythingHandedOverIsWrittenAndAcknowledged() {
        String article = Views.unique("drain");
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        consumer.assign(List.of(partition));
        loop.start();
        RecordingAck ack = new RecordingAck(article);

        loop.submit(views(article, 0, 25), ack, consumer);
        loop.drain(List.of(partition));

        assertThat(ack.rawWhenAcknowledged).containsExactly(25L);
        assertThat(queries.article(article, LocalDate.now(ZoneOffset.UTC)).counts().views())
                .isEqualTo(25);
    }
}
