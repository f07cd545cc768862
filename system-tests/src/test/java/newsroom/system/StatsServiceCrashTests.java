package newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.localrun.ServiceProcess;
import newsroom.testing.InProcessInfrastructure;
import newsroom.testing.ReservedPorts;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * stats-service killed with SIGKILL in the middle of 50,000 views and started again on the same data counts exactly
 * what an instance that was never killed counts: raw, counted, bots, refreshes and unique visitors, per article and
 * per category — no view lost, none counted twice.
 *
 * <p>Both instances are the exec jar as a child JVM, reading the same topic in two consumer groups, each with its own
 * database. The views are produced straight to {@code article-viewed} as the beacon produces them (CloudEvents
 * headers, JSON, keyed by article), spread over ~8 s so the kill (once a fifth are written) usually lands while
 * views are still arriving, and deterministic: the expected raw, counted, bot and refresh totals are also computed here from the input.
 */
class StatsServiceCrashTests {

    static final int VIEWS = 50_000;
    static final int ARTICLES = 40;
    static final int VISITORS = 3_000;
    static final int CATEGORIES = 4;
    static final Duration REFRESH_WINDOW = Duration.ofMinutes(30);
    /** After the totals are reached, nothing may change for this long: a late double count would show in it. */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(6);

    static final String BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/120.0.0.0 Safari/537.36";
    static final String BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    record Expected(long raw, long counted, long bots, long refreshes) {
    }

    @Test
    void aStatsServiceKilledMidStreamAndRestartedCountsExactlyWhatAnUnkilledOneCounts() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String prefix = "crash-" + run + "-";
        try (ChildServices children = new ChildServices();
                MongoClient mongo = MongoClients.create(InProcessInfrastructure.mongo().getConnectionString())) {
            Map<String, String> controlEnv = ChildServices.environment("crash-stats-control-" + run);
            // Its own consumer groups: the control reads every event too, and is never killed.
            controlEnv.put("SPRING_APPLICATION_JSON", """
                    {"spring.cloud.stream.bindings.articleViewed-in-0.group":"stats-control-%s",
                     "spring.cloud.stream.bindings.articleLifecycle-in-0.group":"stats-control-%s"}"""
                    .formatted(run, run));
            String killedDb = "crash-stats-" + run;
            Map<String, String> killedEnv = ChildServices.environment(killedDb);
            killedEnv.put("SPRING_APPLICATION_JSON", """
                    {"spring.cloud.stream.bindings.articleViewed-in-0.group":"stats-crash-%s",
                     "spring.cloud.stream.bindings.articleLifecycle-in-0.group":"stats-crash-%s"}"""
                    .formatted(run, run));
            int killedPort = ReservedPorts.next();
            CompletableFuture<ServiceProcess> control = CompletableFuture.supplyAsync(() ->
                    children.start("stats-service", "stats-control", ReservedPorts.next(), controlEnv));
            ServiceProcess killed = children.start("stats-service", "stats-crash", killedPort, killedEnv);
            ServiceProcess controlProcess = control.get(310, TimeUnit.SECONDS);

            Instant start = Instant.now().minus(Duration.ofMinutes(55));
            Expected expected = expectedTotals(start);
            produceLifecycle(prefix, start);
            // Both instances must know every article before the views come: a view of an unknown article is parked
            // and counted later through stats-service's retry topic (ParkedViewsIntegrationTests); that path is not
            // what this test is about.
            await().atMost(Duration.ofSeconds(120)).until(() -> known(mongo, killedDb, prefix) == ARTICLES
                    && known(mongo, "crash-stats-control-" + run, prefix) == ARTICLES);
            CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> produceViews(prefix, start));

            // Kill once a fifth of the views are written, while the rest are still being produced.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                    .until(() -> writtenRaw(mongo, killedDb) >= VIEWS / 5);
            ChildServices.kill(killed);
            long writtenAtKill = writtenRaw(mongo, killedDb);
            // Usually the producer is still sending at the kill; on a machine too busy to count as fast as views
            // arrive it may have finished: either way the kill leaves views read, counted or not, and unwritten.
            boolean stillProducing = !producing.isDone();
            producing.get(120, TimeUnit.SECONDS);

            ServiceProcess restarted = children.start("stats-service", "stats-crash", killedPort, killedEnv);
            RestClient afterCrash = RestClient.create(restarted.url());
            RestClient unkilled = RestClient.create(controlProcess.url());

            for (RestClient stats : List.of(afterCrash, unkilled)) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                        .until(() -> totals(stats, prefix).raw() >= VIEWS);
            }
            // The totals reached, they must stay put: a view counted twice after the restart would show here.
            Map<String, JsonNode> finalCrash = snapshot(afterCrash, prefix);
            Map<String, JsonNode> finalControl = snapshot(unkilled, prefix);
            await().pollDelay(QUIET_PERIOD).atMost(QUIET_PERIOD.plusSeconds(10)).untilAsserted(() -> {
                assertThat(snapshot(afterCrash, prefix)).isEqualTo(finalCrash);
                assertThat(snapshot(unkilled, prefix)).isEqualTo(finalControl);
            });

            System.out.printf("stats-service crash: killed with %d of %d views written (%s); after the restart %s%n",
                    writtenAtKill, VIEWS, stillProducing ? "while views were still being produced"
                            : "after the last view was produced", totals(afterCrash, prefix));
            assertThat(writtenAtKill).as("killed mid-stream").isBetween((long) VIEWS / 5, (long) VIEWS - 1);
            assertThat(totals(unkilled, prefix)).isEqualTo(expected);
            assertThat(totals(afterCrash, prefix)).isEqualTo(expected);
            // Field by field, article by article and category by category: counts and unique-visitor estimates.
            assertThat(finalCrash).isEqualTo(finalControl);
        }
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, InProcessInfrastructure.kafkaBootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props);
    }

    /** The articles' publications, as article-service's outbox sends them: stats-service learns the articles. */
    private static void produceLifecycle(String prefix, Instant start) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (int a = 0; a < ARTICLES; a++) {
                String id = prefix + a;
                String category = category(a);
                String json = """
                        {"articleId":"%s","revision":1,"occurredAt":"%s","scheduledFor":null,"latenessMillis":null,
                         "article":{"slug":"%s","title":"Article %d","summary":"","source":"crash test","writer":"t",
                         "keywords":[],"categoryId":"%s","categoryPath":["news","%s"],"headline":false,
                         "recommended":false,"pinned":false,"sortRank":0,"publishedAt":"%s"}}"""
                        .formatted(id, start, "a" + a, a, category, category, start);
                producer.send(record(Topics.ARTICLE_LIFECYCLE, id, json, EventTypes.ARTICLE_PUBLISHED, start));
            }
            producer.flush();
        }
    }

    /** The beacon's view events, over ~8 s. */
    private static void produceViews(String prefix, Instant start) {
        try (KafkaProducer<String, String> producer = producer()) {
            List<View> views = views(start);
            for (int i = 0; i < views.size(); i++) {
                View v = views.get(i);
                String viewId = UUID.randomUUID().toString();
                String id = prefix + v.article;
                String category = category(v.article);
                String json = "{\"viewId\":\"" + viewId + "\",\"articleId\":\"" + id + "\",\"categoryId\":\""
                        + category + "\",\"categoryPath\":[\"news\",\"" + category + "\"],\"viewedAt\":\"" + v.at
                        + "\",\"visitorKey\":\"visitor-" + v.visitor + "\",\"referrer\":null,\"userAgent\":\""
                        + (v.bot ? BOT : BROWSER) + "\"}";
                ProducerRecord<String, String> record = record(Topics.ARTICLE_VIEWED, id, json,
                        EventTypes.ARTICLE_VIEWED, v.at);
                record.headers().remove(CloudEventHeaders.ID);
                record.headers().add(CloudEventHeaders.ID, viewId.getBytes(StandardCharsets.UTF_8));
                producer.send(record);
                if (i % 1_000 == 999) {
                    // ~50 slices of 1,000 views, 160 ms apart: the stream lasts ~8 s, long enough to kill into.
                    producer.flush();
                    TimeUnit.MILLISECONDS.sleep(160);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record View(int article, int visitor, boolean bot, Instant at) {
    }

    /** The deterministic input: 10% of views repeat the article's previous visitor (refreshes), 3% are a bot. */
    static List<View> views(Instant start) {
        SplittableRandom random = new SplittableRandom(16);
        int[] lastVisitor = new int[ARTICLES];
        java.util.Arrays.fill(lastVisitor, -1);
        List<View> views = new ArrayList<>(VIEWS);
        for (int i = 0; i < VIEWS; i++) {
            int a = random.nextInt(ARTICLES);
            int visitor = lastVisitor[a] >= 0 && random.nextDouble() < 0.10 ? lastVisitor[a]
                    : random.nextInt(VISITORS);
            lastVisitor[a] = visitor;
            boolean bot = random.nextDouble() < 0.03;
            views.add(new View(a, visitor, bot, start.plusMillis(3_000_000L * i / VIEWS)));
        }
        return views;
    }

    /** The README's rules applied to the input: bots are not counted; a visitor again within 30 min is a refresh. */
    static Expected expectedTotals(Instant start) {
        Map<String, Instant> lastCounted = new HashMap<>();
        long counted = 0, bots = 0, refreshes = 0;
        for (View v : views(start)) {
            if (v.bot) {
                bots++;
                continue;
            }
            String key = v.article + "/" + v.visitor;
            Instant last = lastCounted.get(key);
            if (last != null && v.at.isBefore(last.plus(REFRESH_WINDOW))) {
                refreshes++;
            } else {
                counted++;
                lastCounted.put(key, v.at);
            }
        }
        return new Expected(VIEWS, counted, bots, refreshes);
    }

    private static String category(int article) {
        return "crash-cat-" + (article % CATEGORIES);
    }

    private static ProducerRecord<String, String> record(String topic, String key, String json, String type,
            Instant time) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, json);
        add(record, CloudEventHeaders.ID, UUID.randomUUID().toString());
        add(record, CloudEventHeaders.SOURCE, "/newsroom/system-tests");
        add(record, CloudEventHeaders.SPEC_VERSION, "1.0");
        add(record, CloudEventHeaders.TYPE, type);
        add(record, CloudEventHeaders.TIME, time.toString());
        add(record, CloudEventHeaders.DATA_SCHEMA, CloudEventHeaders.dataSchemaOf(type));
        add(record, CloudEventHeaders.CONTENT_TYPE, "application/json");
        return record;
    }

    private static void add(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** How many of this run's articles the instance has learnt from article-lifecycle. */
    private static long known(MongoClient mongo, String database, String prefix) {
        return mongo.getDatabase(database).getCollection("known_articles")
                .countDocuments(com.mongodb.client.model.Filters.regex("_id", "^" + prefix));
    }

    /** Raw views already written by the instance, read from its database (what survives a kill). */
    private static long writtenRaw(MongoClient mongo, String database) {
        long raw = 0;
        for (Document day : mongo.getDatabase(database).getCollection("article_days").find()) {
            if (day.get("p") instanceof Document parts) {
                for (Object part : parts.values()) {
                    if (part instanceof Document counters && counters.get("raw") instanceof Number n) {
                        raw += n.longValue();
                    }
                }
            }
        }
        return raw;
    }

    private static Expected totals(RestClient stats, String prefix) {
        long raw = 0, counted = 0, bots = 0, refreshes = 0;
        for (int a = 0; a < ARTICLES; a++) {
            JsonNode article = stats.get().uri("/api/stats/articles/{id}", prefix + a).retrieve().body(JsonNode.class);
            raw += article.get("raw").asLong();
            counted += article.get("counted").asLong();
            bots += article.get("bots").asLong();
            refreshes += article.get("refreshes").asLong();
        }
        return new Expected(raw, counted, bots, refreshes);
    }

    /** Every article's and category's statistics, as the API serves them, minus nothing. */
    private static Map<String, JsonNode> snapshot(RestClient stats, String prefix) {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        for (int a = 0; a < ARTICLES; a++) {
            all.put("article " + a, stats.get().uri("/api/stats/articles/{id}", prefix + a).retrieve()
                    .body(JsonNode.class));
        }
        for (int c = 0; c < CATEGORIES; c++) {
            all.put("category " + c, stats.get().uri("/api/stats/categories/{id}", "crash-cat-" + c).retrieve()
                    .body(JsonNode.class));
        }
        return all;
    }
}
