package newsroom.bench.search;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import newsroom.article.ArticleServiceApplication;
import newsroom.article.search.SearchIndex;
import newsroom.article.search.SearchIndexSync;
import newsroom.article.search.SearchQuery;
import newsroom.article.search.SearchRequest;
import newsroom.article.search.internal.LuceneSearchIndex;
import newsroom.testing.InProcessInfrastructure;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * How fast article-service's search is over 100,000 articles, and how long building its index takes.
 *
 * <ol>
 *   <li>starts mongo-java-server and a KRaft broker in this JVM and stores N generated Chinese articles
 *       ({@link Corpus}) in article-service's collection, as published articles;</li>
 *   <li>starts article-service (its own application.yml, an empty index directory): its start-up catch-up builds the
 *       index from the store — the production path, from the Mongo stream through HTML stripping and smartcn
 *       segmentation to Lucene — and the time until all N are searchable is the <b>build time</b>;</li>
 *   <li>runs one- and two-word Chinese queries (words uniform over the vocabulary, so some match most articles and
 *       some few) through the {@link SearchIndex} bean, one at a time after a warm-up, and prints p50/p90/p99/max:
 *       query building, scoring and collecting, totals (exact up to 1,000), highlighting and stored fields, no
 *       HTTP;</li>
 *   <li>with wrk installed: {@code GET /api/search} over HTTP (the same queries, rotating) side by side with the same
 *       server's {@code /actuator/health/liveness}, same connections and duration.</li>
 * </ol>
 */
public final class SearchBench {

    private static final int CATEGORIES = 13;

    public static void main(String[] args) throws Exception {
        int articles = intArg(args, "--articles", 100_000);
        int queries = intArg(args, "--queries", 2_000);
        int port = intArg(args, "--port", 18_481);
        int httpSeconds = intArg(args, "--http-seconds", 10);
        say("Search benchmark: %,d articles, %,d measured queries of each kind, HTTP on port %d", articles, queries,
                port);

        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        String mongoUri = mongo.getConnectionString() + "/newsroom-article";
        String kafka = InProcessInfrastructure.kafkaBootstrapServers();
        Corpus corpus = new Corpus(42, CATEGORIES);

        long load = System.nanoTime();
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoCollection<Document> collection = client.getDatabase("newsroom-article").getCollection("articles");
            Instant newest = Instant.parse("2026-12-01T00:00:00Z");
            List<Document> batch = new ArrayList<>(1_000);
            for (int n = 1; n <= articles; n++) {
                batch.add(corpus.article(n, Date.from(newest.minus(Duration.ofMinutes(n)))));
                if (batch.size() == 1_000 || n == articles) {
                    collection.insertMany(batch);
                    batch.clear();
                }
            }
        }
        say("Stored %,d articles in %.1f s", articles, seconds(load));

        Path indexDir = Files.createTempDirectory("newsroom-search-bench-");
        ConfigurableApplicationContext service = new SpringApplicationBuilder(ArticleServiceApplication.class).run(
                "--server.port=" + port,
                "--spring.mongodb.uri=" + mongoUri,
                "--spring.cloud.stream.kafka.binder.brokers=" + kafka,
                "--newsroom.search.dir=" + indexDir,
                "--NEWSROOM_ADMIN_PASSWORD=search-bench-admin",
                "--logging.level.root=WARN",
                "--logging.level.newsroom.article.search=INFO");
        try {
            SearchIndex index = service.getBean(SearchIndex.class);
            long build = System.nanoTime();
            while (index.size() < articles) {
                if (seconds(build) > 900) {
                    throw new IllegalStateException("The index holds " + index.size() + " after 15 minutes");
                }
                Thread.sleep(50);
            }
            double buildSeconds = seconds(build);
            // The catch-up ends with the merge into one segment (a bulk load): searches are timed after it.
            SearchIndexSync sync = service.getBean(SearchIndexSync.class);
            while (sync.lastCatchUp() == null) {
                if (seconds(build) > 900) {
                    throw new IllegalStateException("The catch-up did not finish within 15 minutes");
                }
                Thread.sleep(50);
            }
            double caughtUpSeconds = seconds(build);
            service.getBean(LuceneSearchIndex.class).commit();
            say("Index build (start-up catch-up from the store, until all are searchable): %,d articles in %.1f s "
                    + "(%,.0f articles/s); catch-up done, merged into one segment, at %.1f s; %,d MB on disk",
                    articles, buildSeconds, articles / buildSeconds, caughtUpSeconds, sizeOf(indexDir) / (1 << 20));

            List<String> oneWord = new ArrayList<>();
            List<String> twoWords = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                oneWord.add(corpus.queryWord());
                twoWords.add(corpus.queryWord() + " " + corpus.queryWord());
            }
            measure(index, "warm-up (not counted)", Stream.concat(oneWord.stream(), twoWords.stream()).toList());
            measure(index, "one word", oneWord);
            measure(index, "two words", twoWords);

            Wrk.compare(port, Stream.concat(oneWord.stream().limit(200), twoWords.stream().limit(200))
                    .map(q -> "/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)).toList(), httpSeconds);
        } finally {
            service.close();
            mongo.shutdownNow();
            FileSystemUtils.deleteRecursively(indexDir);
        }
        System.exit(0);
    }

    private static void measure(SearchIndex index, String label, List<String> queries) {
        long[] nanos = new long[queries.size()];
        long totalHits = 0;
        long[] gcBefore = gc();
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            totalHits += index.search(new SearchRequest(SearchQuery.parse(queries.get(i)), null, 10, null)).total();
            nanos[i] = System.nanoTime() - start;
        }
        long[] gcAfter = gc();
        Arrays.sort(nanos);
        say("%-22s %,6d queries  p50 %6.2f ms  p90 %6.2f ms  p99 %6.2f ms  max %6.2f ms  (mean total %,d: exact up to 1,000;"
                + " GC meanwhile: %d collections, %d ms)", label,
                nanos.length, ms(nanos, 0.50), ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6,
                totalHits / nanos.length, gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
    }

    /** Collections so far and their accumulated time (ms), over every collector of this JVM. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    private static long sizeOf(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1].replace("_", ""));
            }
        }
        return fallback;
    }

    static void say(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }
}
