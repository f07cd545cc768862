package newsroom.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.sun.management.OperatingSystemMXBean;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.contracts.Topics;
import newsroom.stats.StatsServiceApplication;
import newsroom.stats.store.StatsDocs;
import newsroom.stats.tally.BotDetector;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * How fast stats-service counts, next to how fast Kafka can be read at all.
 *
 * <ol>
 *   <li>starts a KRaft broker and mongo-java-server in this JVM, and stats-service (its application.yml), whose
 *       article-viewed binding joins its group once and is paused between rounds;</li>
 *   <li>warm-up: in three rounds, publishes new articles and views of them, and has stats-service count them, so
 *       that the measured round finds a JIT-compiled service, as one that has been running would be;</li>
 *   <li>publishes one lifecycle event per article and N view events of other articles (Zipf-distributed, s = 1;
 *       about 3 % bots, about 10 % refreshes by the same visitor; view times spread over the last hour);</li>
 *   <li>(a) reads those N records with a plain KafkaConsumer (byte arrays, no processing, assigned the partitions, the
 *       same poll and fetch sizes as stats-service), three times, and keeps the fastest;</li>
 *   <li>(b) resumes stats-service's article-viewed binding and times until the group's committed offsets reach the end
 *       of the topic: stats-service acknowledges a batch only once its views are counted and written, so every view
 *       is counted and persisted by then;</li>
 *   <li>prints both rates and their ratio, and checks that raw hits in MongoDB add up to N.</li>
 * </ol>
 *
 * Options: --events N (1,000,000), --warmup N (views per warm-up round, as many as --events; 0 to skip),
 * --warmup-rounds N (3), --articles N (10,000), --visitors N (250,000), --seed N. -Dbench.threads=true prints the
 * CPU time of each thread and of the JIT compiler during each round.
 */
public final class Bench {

    private static final String[] BROWSERS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 Edg/119.0.0.0",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0",
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:120.0) Gecko/20100101 Firefox/120.0",
            "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
            "Mozilla/5.0 (iPad; CPU OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
            "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko",
            "Mozilla/5.0 (Linux; U; Android 10; zh-CN; V2001A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/78.0.3904.108 UCBrowser/13.4.0.1306 Mobile Safari/537.36",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.42(0x18002a2f) NetType/WIFI Language/zh_CN",
    };
    private static final String[] BOTS = {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
            "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)",
            "python-requests/2.31.0",
    };
    private static final int SECTIONS = 20;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Long> options = options(args);
        int events = Math.toIntExact(options.getOrDefault("events", 1_000_000L));
        int articles = Math.toIntExact(options.getOrDefault("articles", 10_000L));
        int visitors = Math.toIntExact(options.getOrDefault("visitors", 250_000L));
        long seed = options.getOrDefault("seed", 42L);
        int warmup = Math.toIntExact(options.getOrDefault("warmup", (long) events));
        int warmupRounds = Math.toIntExact(options.getOrDefault("warmup-rounds", 3L));
        System.out.printf(Locale.ROOT, "newsroom bench: %,d view events, %,d articles (Zipf s=1), %,d visitors, "
                + "%d cores, max heap %,d MB%n", events, articles, visitors, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));

        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerProperties(Map.of("num.partitions", "3", "auto.create.topics.enable", "true",
                "group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "3",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        kafka.afterPropertiesSet();
        MongoServer mongoServer = new MongoServer(new MemoryBackend());
        mongoServer.bind("127.0.0.1", 0);
        String brokers = kafka.getBrokersAsString();
        Run run = new Run(Topics.ARTICLE_VIEWED, Topics.ARTICLE_LIFECYCLE, "bench-stats");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers));
             MongoClient mongo = MongoClients.create(mongoServer.getConnectionString())) {
            run.createTopics(admin);
            long bootStart = System.nanoTime();
            try (ConfigurableApplicationContext stats = startStats(brokers, mongoServer, run)) {
                BotDetector bots = stats.getBean(BotDetector.class);
                bots.awaitReady();
                System.out.printf(Locale.ROOT, "stats-service up in %.1f s (user-agent analyzer built in %,d ms, in "
                        + "the background)%n", seconds(bootStart), bots.initMillis());
                MongoDatabase db = mongo.getDatabase(run.database());
                // The view binding joins its group once and is paused between rounds, as a running service that
                // waits for views: a round measures counting, not joining the group and reading the partitions'
                // state from MongoDB after an assignment.
                BindingsLifecycleController bindings = stats.getBean(BindingsLifecycleController.class);
                bindings.changeState("articleViewed-in-0", BindingsLifecycleController.State.STARTED);
                bindings.changeState("articleViewed-in-0", BindingsLifecycleController.State.PAUSED);

                // Warm-up: the same service counts rounds of views of other articles first, so that the measured
                // round finds it JIT-compiled, as a service that has been running would be. Each round brings new
                // articles, as the measured round does: code that runs once per new counter document (reading it
                // from MongoDB) runs a few hundred times per round and is compiled only after a few rounds.
                for (int round = 1; warmup > 0 && round <= warmupRounds; round++) {
                    long warmStart = System.nanoTime();
                    long compileBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
                    // As long as the measured round's "article-": hashing code (MurmurHash3's tail over "article|
                    // visitor") branches on the length, and a warm-up of other lengths left the measured round to
                    // deoptimise and recompile the counting loop (about a second of C2 inside it).
                    String prefix = "warmup" + round + "-";
                    Map<TopicPartition, Long> from = ends(admin, run.viewsTopic());
                    produce(brokers, run, prefix, warmup, articles, visitors, seed + round);
                    plainRead(brokers, from, warmup);
                    awaitKnown(db, (long) articles * round);
                    countRound(stats, admin, run, prefix, warmup, db);
                    System.out.printf(Locale.ROOT, "warm-up round %d with %,d events done in %.1f s (JIT compiler "
                            + "threads busy %.1f s)%n", round, warmup, seconds(warmStart),
                            (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compileBefore) / 1e3);
                }

                Map<TopicPartition, Long> from = ends(admin, run.viewsTopic());
                long produceStart = System.nanoTime();
                produce(brokers, run, "article-", events, articles, visitors, seed);
                System.out.printf(Locale.ROOT, "produced in %.1f s%n", seconds(produceStart));

                // (a) a plain consumer, three times: its time swings with the machine's load, and the fastest of
                // three is the hardest baseline to hold the ratio against.
                double plainSeconds = Double.MAX_VALUE;
                for (int round = 0; round < 3; round++) {
                    plainSeconds = Math.min(plainSeconds, plainRead(brokers, from, events));
                }
                // (b) stats-service
                awaitKnown(db, (long) articles * (1 + (warmup > 0 ? warmupRounds : 0)));
                Result counted = countRound(stats, admin, run, "article-", events, db);

                double plainRate = events / plainSeconds;
                double countRate = events / counted.seconds;
                System.out.println();
                System.out.println("| measured on the same broker, same events        | events    | seconds | events/s  |");
                System.out.println("|--------------------------------------------------|-----------|---------|-----------|");
                System.out.printf(Locale.ROOT, "| (a) plain KafkaConsumer, read only (best of 3)   | %,9d | %7.2f | %,9.0f |%n",
                        events, plainSeconds, plainRate);
                System.out.printf(Locale.ROOT, "| (b) stats-service, counted and persisted         | %,9d | %7.2f | %,9.0f |%n",
                        events, counted.seconds, countRate);
                System.out.printf(Locale.ROOT, "%nratio (b)/(a) = %.2f   (goal >= 0.50)%n", countRate / plainRate);
                System.out.printf(Locale.ROOT, "in MongoDB: raw %,d (expected %,d)  counted %,d  bots %,d  "
                        + "refreshes %,d  article-day documents %,d%n", counted.raw, events, counted.views,
                        counted.bots, counted.refreshes, counted.dayDocuments);
                if (counted.raw != events) {
                    System.out.println("MISMATCH: raw hits in MongoDB do not add up to the events produced");
                    System.exit(2);
                }
            }
        } finally {
            mongoServer.shutdownNow();
            kafka.destroy();
        }
        System.exit(0);
    }

    /** Where the run reads and writes. */
    record Run(String viewsTopic, String lifecycleTopic, String database) {
        void createTopics(Admin admin) throws Exception {
            admin.createTopics(List.of(new NewTopic(viewsTopic, 3, (short) 1), new NewTopic(lifecycleTopic, 3,
                    (short) 1))).all().get();
        }
    }

    record Result(double seconds, long raw, long views, long bots, long refreshes, long dayDocuments) {
    }

    /** stats-service in this JVM, with its application.yml, on the run's topics and database; views not consumed yet. */
    private static ConfigurableApplicationContext startStats(String brokers, MongoServer mongoServer, Run run) {
        return new SpringApplicationBuilder(StatsServiceApplication.class).run(
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.mongodb.uri=" + mongoServer.getConnectionString() + "/" + run.database(),
                "--spring.cloud.stream.bindings.articleViewed-in-0.destination=" + run.viewsTopic() + ","
                        + StatsDocs.RETRY_TOPIC,
                "--spring.cloud.stream.bindings.articleLifecycle-in-0.destination=" + run.lifecycleTopic(),
                "--server.port=0",
                "--spring.cloud.stream.bindings.articleViewed-in-0.consumer.auto-startup=false",
                "--logging.level.root=WARN",
                "--logging.level.org.apache.kafka=ERROR",
                "--logging.level.kafka=ERROR",
                "--logging.level.state.change.logger=ERROR",
                "--springdoc.api-docs.enabled=false",
                "--logging.level.newsroom.stats.counting.ViewCounting="
                        + System.getProperty("bench.pipelineLog", "WARN"));
    }

    private static void awaitKnown(MongoDatabase db, long articles) throws Exception {
        awaitTrue(Duration.ofMinutes(5), () -> db.getCollection(StatsDocs.KNOWN_ARTICLES).countDocuments() >= articles);
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    /**
     * Resumes the view binding and times until the group's committed offsets reach the end of the topic: offsets are
     * committed only for views that are counted and written, so by then every view is. Pauses the binding again.
     */
    private static Result countRound(ConfigurableApplicationContext stats, Admin admin, Run run, String prefix,
            int events, MongoDatabase db) throws Exception {
        Map<TopicPartition, Long> ends = ends(admin, run.viewsTopic());
        MeterRegistry meters =
                stats.getBean(MeterRegistry.class);
        Timer batches = meters.get("newsroom.views.batch").timer();
        Timer flushes = meters.get("newsroom.views.flush").timer();
        double batchesBefore = batches.totalTime(TimeUnit.NANOSECONDS);
        long batchCountBefore = batches.count();
        double flushesBefore = flushes.totalTime(TimeUnit.NANOSECONDS);
        long flushCountBefore = flushes.count();

        System.gc(); // start from a collected heap, as the plain reads do: the set-up's garbage is not the run's
        long countCpu = processCpuNanos();
        Map<String, Long> threadsBefore = threadCpu();
        long compileBefore = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        Instant startedAt = Instant.now();
        long countStart = System.nanoTime();
        BindingsLifecycleController bindings = stats.getBean(BindingsLifecycleController.class);
        bindings.changeState("articleViewed-in-0", BindingsLifecycleController.State.RESUMED);
        awaitTrue(Duration.ofMinutes(30), () -> {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("stats-service").partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        });
        double countSeconds = seconds(countStart);
        double cpuSeconds = (processCpuNanos() - countCpu) / 1e9;
        Map<String, Long> threadsAfter = threadCpu(); // before the binding stops: its consumer thread ends with it
        long compileMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - compileBefore;
        bindings.changeState("articleViewed-in-0", BindingsLifecycleController.State.PAUSED);
        if (Boolean.getBoolean("bench.threads")) {
            System.out.printf(Locale.ROOT, "  round from %s to %s; JIT compiler threads busy %.2f s%n", startedAt,
                    Instant.now(), compileMillis / 1e3);
            Map<String, Long> used = new java.util.TreeMap<>();
            threadsAfter.forEach((name, nanos) -> used.merge(name.replaceAll("[0-9]+", "#"),
                    nanos - threadsBefore.getOrDefault(name, 0L), Long::sum));
            used.entrySet().stream().filter(e -> e.getValue() > 50_000_000L)
                    .sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                    .forEach(e -> System.out.printf(Locale.ROOT, "  thread %-70s %6.2f s CPU%n",
                            e.getKey().substring(0, Math.min(70, e.getKey().length())), e.getValue() / 1e9));
        }
        System.out.printf(Locale.ROOT, "stats-service counted %,d events in %.2f s, using %.1f s of CPU: counting "
                + "thread busy %.2f s adding up %d polled batches, writer %.2f s in %d flushes%n", events,
                countSeconds, cpuSeconds,
                (batches.totalTime(TimeUnit.NANOSECONDS) - batchesBefore) / 1e9,
                batches.count() - batchCountBefore,
                (flushes.totalTime(TimeUnit.NANOSECONDS) - flushesBefore) / 1e9,
                flushes.count() - flushCountBefore);

        long raw = 0, views = 0, bot = 0, refreshes = 0, documents = 0;
        for (Document doc : db.getCollection(StatsDocs.ARTICLE_DAYS).find()) {
            if (!doc.getString("articleId").startsWith(prefix)) {
                continue;
            }
            documents++;
            if (doc.get("p") instanceof Document partitions) {
                for (Object c : partitions.values()) {
                    Document d = (Document) c;
                    raw += d.getLong("raw");
                    views += d.getLong("views");
                    bot += d.getLong("bots");
                    refreshes += d.getLong("refreshes");
                }
            }
        }
        return new Result(countSeconds, raw, views, bot, refreshes, documents);
    }

    private static void produce(String brokers, Run run, String prefix, int events, int articles, int visitors,
            long seed)
            throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.ACKS_CONFIG, "1");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        Instant now = Instant.now();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            for (int a = 0; a < articles; a++) {
                String id = prefix + articleId(a);
                String section = "s" + (a % SECTIONS);
                String json = """
                        {"articleId":"%s","revision":1,"occurredAt":"%s","scheduledFor":null,"latenessMillis":null,
                         "article":{"slug":"%s","title":"Article %d","summary":"","source":"bench","writer":"bench",
                         "keywords":[],"categoryId":"%s","categoryPath":["news","%s"],"headline":false,
                         "recommended":false,"pinned":false,"sortRank":0,"publishedAt":"%s"}}"""
                        .formatted(id, now.minusSeconds(7200), id, a, section, section, now.minusSeconds(7200));
                producer.send(record(run.lifecycleTopic(), id, json, EventTypes.ARTICLE_PUBLISHED,
                        UUID.randomUUID().toString(), now.minusSeconds(7200)));
            }
            double[] cdf = zipfCdf(articles, 1.0);
            SplittableRandom random = new SplittableRandom(seed);
            int[] lastVisitor = new int[articles];
            Arrays.fill(lastVisitor, -1);
            Instant start = now.minusSeconds(3600);
            for (int i = 0; i < events; i++) {
                int a = sample(cdf, random.nextDouble());
                int visitor = lastVisitor[a] >= 0 && random.nextDouble() < 0.10 ? lastVisitor[a]
                        : random.nextInt(visitors);
                lastVisitor[a] = visitor;
                String userAgent = random.nextDouble() < 0.03 ? BOTS[random.nextInt(BOTS.length)]
                        : BROWSERS[random.nextInt(BROWSERS.length)];
                Instant viewedAt = start.plusMillis(3_540_000L * i / events);
                String viewId = UUID.randomUUID().toString();
                String id = prefix + articleId(a);
                String section = "s" + (a % SECTIONS);
                String json = "{\"viewId\":\"" + viewId + "\",\"articleId\":\"" + id + "\",\"categoryId\":\""
                        + section + "\",\"categoryPath\":[\"news\",\"" + section + "\"],\"viewedAt\":\"" + viewedAt
                        + "\",\"visitorKey\":\"" + visitorKey(visitor) + "\",\"referrer\":null,\"userAgent\":\""
                        + userAgent + "\"}";
                producer.send(record(run.viewsTopic(), id, json, EventTypes.ARTICLE_VIEWED, viewId, viewedAt));
            }
            producer.flush();
        }
    }

    private static ProducerRecord<byte[], byte[]> record(String topic, String key, String json, String type,
            String id, Instant time) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                json.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SOURCE, "/newsroom/bench".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TIME, time.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        return record;
    }

    /** Reads every view record once with the consumer settings stats-service uses, doing nothing with them. */
    /**
     * Reads the records from {@code from} on once, with the consumer settings stats-service uses, doing nothing with
     * them: a group of its own, subscribed (so joining the group is timed, as it is for stats-service), positioned at
     * {@code from} when its partitions are assigned.
     */
    private static double plainRead(String brokers, Map<TopicPartition, Long> from, int events) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20_000);
        props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        System.gc();
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        long read = 0;
        long bytes = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
            // Assigned, not subscribed: no group to join, as stats-service's paused consumer has joined already.
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (read < events) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    bytes += r.value().length;
                    read++;
                }
            }
        }
        double seconds = seconds(start);
        System.out.printf(Locale.ROOT, "plain consumer read %,d records (%,d MB) in %.2f s, using %.1f s of CPU%n",
                read, bytes / (1024 * 1024), seconds, (processCpuNanos() - cpu) / 1e9);
        return seconds;
    }

    static String articleId(int rank) {
        return String.format(Locale.ROOT, "%05d", rank);
    }

    /** A stand-in for article-service's daily-salted HMAC: 32 hex characters, stable per visitor. */
    static String visitorKey(int visitor) {
        long h = visitor * 0x9E3779B97F4A7C15L;
        return String.format(Locale.ROOT, "%016x%016x", h, Long.rotateLeft(h, 29) ^ 0x5DEECE66DL);
    }

    static double[] zipfCdf(int n, double s) {
        double[] cdf = new double[n];
        double sum = 0;
        for (int k = 1; k <= n; k++) {
            sum += 1.0 / Math.pow(k, s);
            cdf[k - 1] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        return cdf;
    }

    static int sample(double[] cdf, double u) {
        int index = Arrays.binarySearch(cdf, u);
        return index >= 0 ? index : Math.min(cdf.length - 1, -index - 1);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out after " + timeout);
            }
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
        }
    }

    /** CPU time per live thread (id and name), for -Dbench.threads=true. */
    private static Map<String, Long> threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.put(info.getThreadName() + " " + info.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** CPU time of this whole process (broker, MongoDB, consumers, garbage collection), all threads. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, Long> options(String[] args) {
        Map<String, Long> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Expected --name value, got " + args[i]);
            }
            options.put(args[i].substring(2), Long.parseLong(args[i + 1].replace("_", "").replace(",", "")));
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("Options come in pairs: --events 100000");
        }
        return options;
    }
}
