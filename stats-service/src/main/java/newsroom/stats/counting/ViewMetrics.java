package newsroom.stats.counting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The honest numbers as Micrometer counters: {@code newsroom.views.received}, {@code newsroom.views.counted},
 * {@code newsroom.views.dropped{reason}} (bot, refresh, rate_limited, invalid, unknown_article, future, plus
 * duplicate and unsupported_type), {@code newsroom.views.parked} and {@code newsroom.dlq.records{topic}}.
 */
public class ViewMetrics {

    public static final List<String> REASONS = List.of(CountingPipeline.BatchResult.BOT,
            CountingPipeline.BatchResult.REFRESH, CountingPipeline.BatchResult.RATE_LIMITED,
            CountingPipeline.BatchResult.INVALID, CountingPipeline.BatchResult.UNKNOWN_ARTICLE,
            CountingPipeline.BatchResult.FUTURE, CountingPipeline.BatchResult.DUPLICATE,
            CountingPipeline.BatchResult.UNSUPPORTED_TYPE);

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter counted;
    private final Counter parked;
    private final io.micrometer.core.instrument.Timer batches;
    private final io.micrometer.core.instrument.Timer flushes;
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final String dlqTopic;

    public ViewMetrics(MeterRegistry registry, String dlqTopic) {
        this.registry = registry;
        this.dlqTopic = dlqTopic;
        this.received = Counter.builder("newsroom.views.received")
                .description("View records read from article-viewed (re-published parked views not included)")
                .register(registry);
        this.counted = Counter.builder("newsroom.views.counted")
                .description("Views counted: not a bot, not a refresh, not rate-limited, article known")
                .register(registry);
        this.parked = Counter.builder("newsroom.views.parked")
                .description("Views of an article not known yet, parked until it is or until the grace time ends")
                .register(registry);
        this.batches = io.micrometer.core.instrument.Timer.builder("newsroom.views.batch")
                .description("Time to count one polled batch of view records in memory")
                .register(registry);
        this.flushes = io.micrometer.core.instrument.Timer.builder("newsroom.views.flush")
                .description("Time to write what was counted since the last flush (counters, refresh state)")
                .register(registry);
        REASONS.forEach(this::droppedCounter); // every reason shows from the start, at zero
        dlqCounter(dlqTopic);
    }

    private Counter droppedCounter(String reason) {
        return dropped.computeIfAbsent(reason, r -> Counter.builder("newsroom.views.dropped").tag("reason", r)
                .description("Views not counted, by reason").register(registry));
    }

    private Counter dlqCounter(String topic) {
        return Counter.builder("newsroom.dlq.records").tag("topic", topic)
                .description("Records written to a dead-letter topic").register(registry);
    }

    void batch(long nanos) {
        batches.record(java.time.Duration.ofNanos(nanos));
    }

    void flush(long nanos) {
        flushes.record(java.time.Duration.ofNanos(nanos));
    }

    void record(CountingPipeline.BatchResult result) {
        received.increment(result.received);
        counted.increment(result.counted);
        parked.increment(result.parked);
        result.dropped.forEach((reason, n) -> droppedCounter(reason).increment(n));
        if (result.deadLettered > 0) {
            dlqCounter(dlqTopic).increment(result.deadLettered);
        }
    }

    /** A parked view whose article never became known, dead-lettered by the sweeper. */
    public void unknownArticle(String topic, long n) {
        droppedCounter(CountingPipeline.BatchResult.UNKNOWN_ARTICLE).increment(n);
        dlqCounter(topic).increment(n);
    }
}
