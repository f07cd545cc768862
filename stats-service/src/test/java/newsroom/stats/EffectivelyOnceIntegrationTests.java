package newsroom.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.stats.articles.KnownArticles;
import newsroom.stats.counting.ViewCounting;
import newsroom.stats.counting.ViewGate;
import newsroom.stats.counting.ViewMetrics;
import newsroom.stats.intake.CountingLoop;
import newsroom.stats.store.CounterStore;
import newsroom.stats.tally.BotDetector;
import newsroom.stats.tally.ViewDecoder;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.InProcessInfrastructureTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import tools.jackson.databind.JsonNode;

/**
 * A view is counted once across redelivery, a crash between the MongoDB writes and the offset commit, and a replay of
 * the whole topic. MongoDB here has no transactions: the proof is the per-partition offset guard in every document.
 */
@InProcessInfrastructureTest
class EffectivelyOnceIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    BindingsLifecycleController bindings;

    @Autowired
    KnownArticles knownArticles;

    @Autowired
    ViewDecoder decoder;

    @Autowired
    BotDetector bots;

    @Autowired
    ViewGate gate;

    @Autowired
    CounterStore store;

    @Autowired
    ViewMetrics metrics;

    @Autowired
    StatsProperties properties;

    /**
     * stats-service's counting as a process has it: the steps and the loop wired as the service wires them, nothing
     * cached, fed polls of one partition of a topic only this test writes to (the real consumer never sees them).
     */
    private final class Process implements AutoCloseable {
        final CountingLoop<?, ?> loop = new CountingLoop<>(new ViewCounting(decoder, bots, gate, store, metrics,
                Clock.systemUTC(), properties), properties);
        final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        final TopicPartition partition;

        Process(String topic) {
            partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            loop.start();
        }

        /** Hands one poll over, then drains as a rebalance does: returns once it is written and acknowledged. */
        void poll(List<ConsumerRecord<byte[], byte[]>> records) {
            AtomicInteger acknowledged = new AtomicInteger();
            loop.submit(records, acknowledged::incrementAndGet, consumer);
            loop.drain(List.of(partition));
            assertThat(acknowledged).hasValue(1);
        }

        @Override
        public void close() {
            loop.stop();
        }
    }

    /** One partition's records, as the Kafka consumer returns them. */
    private static List<ConsumerRecord<byte[], byte[]>> records(String topic, String article, List<String> path,
            Instant start, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String viewId = UUID.randomUUID().toString();
            // every third view is the previous visitor again a minute later: a refresh
            String visitor = "v" + (i % 3 == 2 ? i - 1 : i);
            String userAgent = i % 5 == 4 ? Views.GOOGLEBOT : Views.CHROME;
            String json = Views.json(viewId, article, path, start.plus(i, ChronoUnit.MINUTES), visitor, userAgent);
            ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(topic, 0, i,
                    article.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.TYPE, EventTypes.ARTICLE_VIEWED.getBytes(StandardCharsets.UTF_8));
            record.headers().add(CloudEventHeaders.ID, viewId.getBytes(StandardCharsets.UTF_8));
            records.add(record);
        }
        return records;
    }

    @Test
    void aCrashBetweenTheWritesAndTheOffsetCommitCountsNothingTwice() {
        String article = Views.unique("crash");
        String root = Views.unique("root");
        String leaf = Views.unique("leaf");
        Views.publishArticle(article, List.of(root, leaf));
        await().until(() -> knownArticles.knownInMemory(article));
        String topic = Views.unique("simulated-article-viewed");
        List<ConsumerRecord<byte[], byte[]>> all = records(topic, article, List.of(root, leaf),
                Instant.now().minus(2, ChronoUnit.HOURS), 30);

        JsonNode expected;
        try (Process process = new Process(topic)) {
            // The expected numbers, from one clean pass.
            process.poll(all.subList(0, 30));
            expected = new StatsApi(port).article(article);
            assertThat(expected.get("raw").asLong()).isEqualTo(30);
            assertThat(expected.get("bots").asLong()).isEqualTo(6);
            assertThat(expected.get("refreshes").asLong()).isEqualTo(6);
            assertThat(expected.get("views").asLong()).isEqualTo(18);

            // The same batch again (redelivered after a crash before the commit), in the same process...
            process.poll(all.subList(0, 30));
        }
        // ...and in new processes (nothing cached), with other batch boundaries that overlap the applied ones.
        for (List<ConsumerRecord<byte[], byte[]>> poll : List.of(all.subList(10, 20), all.subList(0, 30),
                all.subList(25, 30))) {
            try (Process restarted = new Process(topic)) {
                restarted.poll(poll);
            }
        }

        StatsApi api = new StatsApi(port);
        JsonNode after = api.article(article);
        for (String field : List.of("raw", "views", "bots", "refreshes", "uniqueVisitorsToday", "uniqueVisitorDays")) {
            assertThat(after.get(field).asLong()).as(field).isEqualTo(expected.get(field).asLong());
        }
        assertThat(api.category(root).get("views").asLong()).isEqualTo(18);
        assertThat(api.category(leaf).get("raw").asLong()).isEqualTo(30);
    }

    @Test
    void aFirstPassCutShortIsCompletedExactlyByTheRedelivery() {
        String article = Views.unique("cut");
        String category = Views.unique("cat");
        Views.publishArticle(article, List.of(category));
        await().until(() -> knownArticles.knownInMemory(article));
        String topic = Views.unique("simulated-article-viewed");
        List<ConsumerRecord<byte[], byte[]>> all = records(topic, article, List.of(category),
                Instant.now().minus(3, ChronoUnit.HOURS), 20);

        try (Process process = new Process(topic)) {
            process.poll(all.subList(0, 7));   // committed
            process.poll(all.subList(7, 13));  // written, then the process died before the commit
        }
        try (Process restarted = new Process(topic)) {
            restarted.poll(all.subList(7, 20));  // the restarted consumer gets everything after the commit
        }

        JsonNode counted = new StatsApi(port).article(article);
        assertThat(counted.get("raw").asLong()).isEqualTo(20);
        assertThat(counted.get("bots").asLong()).isEqualTo(4);
        assertThat(counted.get("refreshes").asLong()).isEqualTo(4);
        assertThat(counted.get("views").asLong()).isEqualTo(12);
    }

    @Test
    void replayingTheWholeTopicChangesNoTotal() throws Exception {
        StatsApi api = new StatsApi(port);
        String article = Views.unique("replay");
        String category = Views.unique("cat");
        Views.publishArticle(article, List.of("1", category));
        await().until(() -> knownArticles.knownInMemory(article));
        Instant start = Instant.now().minus(90, ChronoUnit.MINUTES);
        for (int i = 0; i < 12; i++) {
            String visitor = "r" + (i % 4); // visitors come back 4 and 8 minutes later: refreshes
            Views.view(article, List.of("1", category), start.plus(i, ChronoUnit.MINUTES), visitor,
                    i == 11 ? Views.GOOGLEBOT : Views.CHROME);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.article(article).get("raw").asLong()).isEqualTo(12));
        JsonNode before = api.article(article);
        assertThat(before.get("views").asLong()).isEqualTo(4);
        assertThat(before.get("refreshes").asLong()).isEqualTo(7);
        assertThat(before.get("bots").asLong()).isEqualTo(1);
        JsonNode categoryBefore = api.category(category);

        // Reset the group to the beginning of the topic, and start over as a new process would.
        // Both bindings share the group stats-service; it must be empty for its offsets to change.
        bindings.changeState("articleViewed-in-0", BindingsLifecycleController.State.STOPPED);
        bindings.changeState("articleLifecycle-in-0", BindingsLifecycleController.State.STOPPED);
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int p = 0; p < InProcessInfrastructure.PARTITIONS; p++) {
                earliest.put(new TopicPartition(Topics.ARTICLE_VIEWED, p), OffsetSpec.earliest());
                latest.put(new TopicPartition(Topics.ARTICLE_VIEWED, p), OffsetSpec.latest());
            }
            Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
            admin.listOffsets(earliest).all().get().forEach((tp, info) ->
                    reset.put(tp, new OffsetAndMetadata(info.offset())));
            // Retry until the stopped consumers have left the group.
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets("stats-service", reset).all().get();
                return true;
            });
            bindings.changeState("articleLifecycle-in-0", BindingsLifecycleController.State.STARTED);
            bindings.changeState("articleViewed-in-0", BindingsLifecycleController.State.STARTED);

            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("stats-service").partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
            });
        }
        JsonNode after = api.article(article);
        for (String field : List.of("raw", "views", "bots", "refreshes", "uniqueVisitorsToday", "uniqueVisitorDays")) {
            assertThat(after.get(field).asLong()).as(field).isEqualTo(before.get(field).asLong());
        }
        JsonNode categoryAfter = api.category(category);
        assertThat(categoryAfter.get("views").asLong()).isEqualTo(categoryBefore.get("views").asLong());
        assertThat(categoryAfter.get("raw").asLong()).isEqualTo(categoryBefore.get("raw").asLong());
    }
}
