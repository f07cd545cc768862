package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.stats.StatsServiceApplication;
import newsroom.stats.articles.KnownArticles;
import newsroom.testing.InProcessInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * stats-service scales out by replicas in one consumer group: two instances (two Spring applications, same group
 * {@code stats-service}, same MongoDB database, their own ports) on an article-viewed topic of six partitions split the
 * partitions between them; while views keep arriving one instance is stopped, the other takes over its partitions, and
 * every article's total is exactly the number of distinct views sent — nothing lost, nothing counted twice across the
 * rebalance (the per-partition offset guard of each counter document).
 */
class StatsScaleOutIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(StatsScaleOutIntegrationTests.class);

    private static final String GROUP = "stats-service";
    private static final String TOPIC = Topics.ARTICLE_VIEWED;
    private static final int PARTITIONS = 6;
    private static final int ARTICLES_PER_PARTITION = 2;
    /** The load: this many views every tick (distinct visitors, a browser's User-Agent: each one counts). */
    private static final int VIEWS_PER_TICK = 10;
    private static final long TICK_MILLIS = 20;
    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";

    @Test
    void twoInstancesSplitThePartitionsAndWhenOneStopsMidStreamTheOtherTakesOverWithExactTotals() throws Exception {
        String brokers = InProcessInfrastructure.kafkaBootstrapServers();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String database = InProcessInfrastructure.mongo().getConnectionString() + "/system-stats-scale-" + run;
        String category = "scale-out-" + run;
        List<String> articles = articlesCoveringEveryPartition(run);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
                KafkaProducer<String, String> producer = producer(brokers)) {
            ensurePartitions(admin);

            ConfigurableApplicationContext a = startStats("stats-a", brokers, database);
            ConfigurableApplicationContext b = startStats("stats-b", brokers, database);
            ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
            try {
                // Both members of the group, each with its own share of the partitions, none shared, none left over.
                await().atMost(EVENTUALLY).untilAsserted(() -> {
                    Map<String, Set<Integer>> owners = owners(admin);
                    assertThat(owners).containsOnlyKeys("stats-a", "stats-b");
                    assertThat(owners.get("stats-a")).isNotEmpty().doesNotContainAnyElementsOf(owners.get("stats-b"));
                    assertThat(owners.get("stats-b")).isNotEmpty();
                    Set<Integer> all = new TreeSet<>(owners.get("stats-a"));
                    all.addAll(owners.get("stats-b"));
                    assertThat(all).containsExactlyElementsOf(IntStream.range(0, PARTITIONS).boxed().toList());
                });
                log.info("Partitions split: {}", owners(admin));
                // The shared broker's article-viewed may hold other tests' views (the crash tests' 50,000 among
                // them) that this group has not read yet: let both instances work that backlog off first, and count
                // from there on, so the sums below are of this test's views only. Settled means nothing left to read
                // and no count moving across two polls 6 s apart (longer than the 5 s sweep that re-publishes parked
                // views once their article is known).
                AtomicReference<Double> lastSeen = new AtomicReference<>(-1.0);
                await().atMost(EVENTUALLY).pollInterval(Duration.ofSeconds(6)).until(() -> {
                    double now = counted(a) + counted(b);
                    boolean settled = lag(admin) == 0 && now == lastSeen.get();
                    lastSeen.set(now);
                    return settled;
                });
                double backlogOfA = counted(a);
                double backlogOfB = counted(b);

                // The articles are announced on article-lifecycle first, so no view waits parked for its article.
                for (String article : articles) {
                    producer.send(lifecycleRecord(article, category)).get();
                }
                KnownArticles known = a.getBean(KnownArticles.class);
                await().atMost(EVENTUALLY).until(() -> known.known(Set.copyOf(articles)).size() == articles.size());

                Load views = new Load(producer, articles, category);
                load.scheduleAtFixedRate(views::tick, 0, TICK_MILLIS, TimeUnit.MILLISECONDS);

                // Both instances are counting...
                await().atMost(EVENTUALLY).until(() -> counted(a) - backlogOfA >= 200 && counted(b) - backlogOfB >= 200);
                // ...when one of them is stopped (graceful shutdown: the batch in hand finishes, the member leaves).
                long sentAtStop = views.sent();
                MeterRegistry metricsOfA = a.getBean(MeterRegistry.class);
                double countedByAAtStop = counted(metricsOfA) - backlogOfA;
                long stopStarted = System.nanoTime();
                a.close();
                double countedByA = counted(metricsOfA) - backlogOfA;
                log.info("stats-a stopped in {} ms; it had counted {} views when the stop began, {} when it ended; "
                        + "{} views sent so far", (System.nanoTime() - stopStarted) / 1_000_000,
                        (long) countedByAAtStop, (long) countedByA, sentAtStop);

                // The survivor owns every partition now, and views keep coming.
                await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(owners(admin))
                        .isEqualTo(Map.of("stats-b", IntStream.range(0, PARTITIONS).boxed().collect(Collectors.toSet()))));
                double countedByBAtTakeOver = counted(b) - backlogOfB;
                await().atMost(EVENTUALLY).until(() -> views.sent() >= sentAtStop + 1_000);
                load.shutdown();
                assertThat(load.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
                producer.flush();
                views.assertAllAcknowledged();
                Map<String, Long> expected = views.perArticle();
                long total = expected.values().stream().mapToLong(Long::longValue).sum();
                log.info("Sent {} views of {} articles, {} of them after stats-a stopped", total, articles.size(),
                        total - sentAtStop);
                assertThat(expected.keySet()).containsExactlyInAnyOrderElementsOf(articles);

                RestClient stats = RunningSystem.client(RunningSystem.url(RunningSystem.port(b)));
                await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(totals(stats, articles)).isEqualTo(expected));
                assertThat(counted(b) - backlogOfB).as("stats-b counted the views sent after the take-over")
                        .isGreaterThan(countedByBAtTakeOver);

                // Everything is consumed and committed: the totals stay exact (no late duplicate arrives).
                await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(lag(admin)).isZero());
                Map<String, Long> settled = totals(stats, articles);
                assertThat(settled).isEqualTo(expected);
                for (String article : articles) {
                    JsonNode one = stats.get().uri("/api/stats/articles/{id}", article).retrieve().body(JsonNode.class);
                    assertThat(one.get("raw").asLong()).as("raw views of " + article).isEqualTo(expected.get(article));
                    assertThat(one.get("bots").asLong() + one.get("refreshes").asLong()).isZero();
                }
                // And each view was counted by exactly one of the two (a redelivered view is "already counted").
                assertThat(countedByA + counted(b) - backlogOfB).as("views counted by stats-a and stats-b together")
                        .isEqualTo(total);
                log.info("Totals exact: {} views; stats-a counted {}, stats-b {}", total, (long) countedByA,
                        (long) (counted(b) - backlogOfB));
            } finally {
                load.shutdownNow();
                if (a.isActive()) {
                    a.close();
                }
                b.close();
            }
        }
    }

    /** Views produced at a steady rate, each by a new visitor, round-robin over the articles. */
    private static final class Load {
        private final KafkaProducer<String, String> producer;
        private final List<String> articles;
        private final String category;
        private final Map<String, AtomicLong> acknowledged = new ConcurrentHashMap<>();
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        Load(KafkaProducer<String, String> producer, List<String> articles, String category) {
            this.producer = producer;
            this.articles = articles;
            this.category = category;
        }

        void tick() {
            for (int i = 0; i < VIEWS_PER_TICK; i++) {
                long n = sequence.getAndIncrement();
                String article = articles.get((int) (n % articles.size()));
                producer.send(viewRecord(article, category, "visitor-" + n), (metadata, exception) -> {
                    if (exception != null) {
                        failure.compareAndSet(null, exception);
                    } else {
                        acknowledged.computeIfAbsent(article, k -> new AtomicLong()).incrementAndGet();
                    }
                });
            }
        }

        long sent() {
            return sequence.get();
        }

        void assertAllAcknowledged() {
            assertThat(failure.get()).as("a send failed").isNull();
            assertThat(acknowledged.values().stream().mapToLong(AtomicLong::get).sum()).isEqualTo(sequence.get());
        }

        Map<String, Long> perArticle() {
            Map<String, Long> counts = new TreeMap<>();
            acknowledged.forEach((article, n) -> counts.put(article, n.get()));
            return counts;
        }
    }

    private static ConfigurableApplicationContext startStats(String clientId, String brokers, String database) {
        return RunningSystem.launch(StatsServiceApplication.class, RunningSystem.STATS_SERVICE, brokers, database,
                // The operator's setting: keep it equal to the topic's partition count (deploy/README.md).
                "--KAFKA_PARTITIONS=" + PARTITIONS,
                // Names the instance's view consumer in the group, so the test can tell the members apart.
                "--spring.cloud.stream.kafka.bindings.articleViewed-in-0.consumer.configuration.client.id=" + clientId);
    }

    /** The article-viewed topic with six partitions: created here, or grown to six if an earlier test made it. */
    private static void ensurePartitions(Admin admin) throws Exception {
        try {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
            if (topic.partitions().size() < PARTITIONS) {
                admin.createPartitions(Map.of(TOPIC, NewPartitions.increaseTo(PARTITIONS))).all().get();
            }
        }
        await().atMost(EVENTUALLY).until(() -> admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC)
                .partitions().size() >= PARTITIONS);
    }

    /** Article ids chosen so that every partition holds some (records are keyed by article id). */
    private static List<String> articlesCoveringEveryPartition(String run) {
        Map<Integer, List<String>> byPartition = new TreeMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < PARTITIONS * ARTICLES_PER_PARTITION;
                i++) {
            String id = "scale-" + run + "-" + i;
            List<String> ids = byPartition.computeIfAbsent(partitionOf(id), p -> new ArrayList<>());
            if (ids.size() < ARTICLES_PER_PARTITION) {
                ids.add(id);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).toList();
    }

    /** The producer's default partitioner for a keyed record. */
    private static int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % PARTITIONS;
    }

    /** The article-viewed partitions each member of the group holds, by the client id of its instance. */
    private static Map<String, Set<Integer>> owners(Admin admin) throws Exception {
        Map<String, Set<Integer>> owners = new TreeMap<>();
        for (MemberDescription member : admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP)
                .members()) {
            Set<Integer> partitions = new HashSet<>();
            for (TopicPartition tp : member.assignment().topicPartitions()) {
                if (tp.topic().equals(TOPIC)) {
                    partitions.add(tp.partition());
                }
            }
            if (!partitions.isEmpty()) {
                String instance = member.clientId().replaceAll("-\\d+$", "");
                assertThat(owners).as("one view consumer per instance").doesNotContainKey(instance);
                owners.put(instance, partitions);
            }
        }
        return owners;
    }

    /** Records not yet committed by the group, over all article-viewed partitions. */
    private static long lag(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        IntStream.range(0, PARTITIONS).forEach(p -> latest.put(new TopicPartition(TOPIC, p), OffsetSpec.latest()));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get().entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private static Map<String, Long> totals(RestClient stats, List<String> articles) {
        Map<String, Long> totals = new TreeMap<>();
        for (String article : articles) {
            JsonNode one = stats.get().uri("/api/stats/articles/{id}", article).retrieve().body(JsonNode.class);
            totals.put(article, one.get("views").asLong());
        }
        return totals;
    }

    private static double counted(ConfigurableApplicationContext context) {
        return counted(context.getBean(MeterRegistry.class));
    }

    /** stats-service's newsroom.views.counted: views it counted, each once however often it was delivered. */
    private static double counted(MeterRegistry registry) {
        Counter counter = registry.find("newsroom.views.counted").counter();
        return counter == null ? 0 : counter.count();
    }

    private static KafkaProducer<String, String> producer(String brokers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props);
    }

    /** newsroom.article.published.v1, as article-service publishes it (see contracts' fixtures). */
    private static ProducerRecord<String, String> lifecycleRecord(String article, String category) {
        Instant now = Instant.now();
        String json = """
                {"articleId":"%s","revision":1,"occurredAt":"%s","scheduledFor":null,"latenessMillis":null,
                 "article":{"slug":"s-%s","title":"扩容","subtitle":null,"summary":"S","coverImageUrl":null,
                  "source":"src","writer":"w","keywords":[],"categoryId":"%s","categoryPath":["%s"],
                  "headline":false,"recommended":false,"pinned":false,"sortRank":0,"publishedAt":"%s"}}
                """.formatted(article, now, article, category, category, now);
        return record(Topics.ARTICLE_LIFECYCLE, article, json, EventTypes.ARTICLE_PUBLISHED);
    }

    /** newsroom.article.viewed.v1, as article-service's beacon publishes it. */
    private static ProducerRecord<String, String> viewRecord(String article, String category, String visitor) {
        String viewId = UUID.randomUUID().toString();
        String json = """
                {"viewId":"%s","articleId":"%s","categoryId":"%s","categoryPath":["%s"],"viewedAt":"%s",
                 "visitorKey":"%s","referrer":null,"userAgent":"%s"}
                """.formatted(viewId, article, category, category, Instant.now(), visitor, CHROME);
        ProducerRecord<String, String> record = record(TOPIC, article, json, EventTypes.ARTICLE_VIEWED);
        record.headers().remove(CloudEventHeaders.ID);
        record.headers().add(CloudEventHeaders.ID, viewId.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static ProducerRecord<String, String> record(String topic, String key, String json, String type) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, "/system-tests".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
