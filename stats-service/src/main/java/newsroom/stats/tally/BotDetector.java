package newsroom.stats.tally;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells robots from browsers with Yauaa, a maintained user-agent parser. Yauaa's analyzer takes seconds to build (it
 * compiles thousands of matching rules), so it is built once, in the background from startup on, with only the two
 * fields we read; the first batch that needs it waits for it. Verdicts are cached per distinct User-Agent string, so
 * the parser runs once per browser build, not once per view.
 *
 * <p>A view without a User-Agent counts as a bot hit: every browser sends one.
 */
public class BotDetector {

    private static final Logger log = LoggerFactory.getLogger(BotDetector.class);

    /** Yauaa's classes for non-human traffic (DeviceClass and AgentClass). */
    private static final Set<String> BOT_CLASSES = Set.of("Robot", "Robot Mobile", "Robot Imitator", "Hacker",
            "Spy", "Cloud Application");

    private final CompletableFuture<UserAgentAnalyzer> analyzer;
    private final Cache<String, Boolean> verdicts = Caffeine.newBuilder().maximumSize(50_000).build();
    private volatile long initMillis = -1;

    public BotDetector() {
        // On a thread of its own, not the common pool: with 2 cores that pool has a single thread, and whatever else
        // runs there meanwhile (the Kafka binder's start-up waits on it) would wait seconds for the analyzer.
        this.analyzer = CompletableFuture.supplyAsync(this::build, task -> {
            Thread builder = new Thread(task, "user-agent-analyzer");
            builder.setDaemon(true);
            builder.start();
        });
    }

    private UserAgentAnalyzer build() {
        long start = System.nanoTime();
        UserAgentAnalyzer built = UserAgentAnalyzer.newBuilder()
                .withField(UserAgent.DEVICE_CLASS)
                .withField(UserAgent.AGENT_CLASS)
                .hideMatcherLoadStats()
                .withCache(0) // our own cache keeps only the verdict
                .dropTests() // yauaa keeps its thousands of self-test user agents in memory unless told not to
                .immediateInitialization()
                .build();
        initMillis = (System.nanoTime() - start) / 1_000_000;
        log.info("User-agent analyzer ready in {} ms", initMillis);
        return built;
    }

    /** How long building the analyzer took, or -1 while it is still being built. */
    public long initMillis() {
        return initMillis;
    }

    /** Waits until the analyzer is built (the first batch does this implicitly). */
    public void awaitReady() {
        analyzer.join();
    }

    public boolean isBot(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return true;
        }
        return verdicts.get(userAgent, this::classify);
    }

    private boolean classify(String userAgent) {
        UserAgent parsed = analyzer.join().parse(userAgent);
        return BOT_CLASSES.contains(parsed.getValue(UserAgent.DEVICE_CLASS))
                || BOT_CLASSES.contains(parsed.getValue(UserAgent.AGENT_CLASS));
    }
}
