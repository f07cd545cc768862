package newsroom.stats.counting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import newsroom.platform.events.DeadLetterCounter;
import newsroom.stats.tally.BatchResult;
import newsroom.stats.tally.DropReason;

/**
 * The honest numbers as Micrometer counters: {@code newsroom.views.received}, {@code newsroom.views.counted},
 * {@code newsroom.views.dropped{reason}} (one per {@link DropReason}), {@code newsroom.views.parked}, and
 * {@code newsroom.dlq.records{topic, group}} for the views stats-service writes to its dead-letter topic itself,
 * tagged as the binder's dead letters of every consumer are ({@link DeadLetterCounter}).
 */
public class ViewMetrics {

    private final Counter received;
    private final Counter counted;
    private final Counter parked;
    private final Timer batches;
    private final Timer flushes;
    private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
    private final Counter deadLettered;

    /**
     * @param topic the topic the views are read from
     * @param group the consumer group reading them
     */
    public ViewMetrics(MeterRegistry registry, String topic, String group) {
        this.received = Counter.builder("newsroom.views.received")
                .description("View records read from article-viewed (re-published parked views not included)")
                .register(registry);
        this.counted = Counter.builder("newsroom.views.counted")
                .description("Views counted: not a bot, not a refresh, not rate-limited, article known")
                .register(registry);
        this.parked = Counter.builder("newsroom.views.parked")
                .description("Views of an article not known yet, parked until it is or until the grace time ends")
                .register(registry);
        this.batches = Timer.builder("newsroom.views.batch")
                .description("Time to count one polled batch of view records in memory")
                .register(registry);
        this.flushes = Timer.builder("newsroom.views.flush")
                .description("Time to write what was counted since the last flush (counters, refresh state)")
                .register(registry);
        for (DropReason reason : DropReason.values()) { // every reason shows from the start, at zero
            dropped.put(reason, Counter.builder("newsroom.views.dropped").tag("reason", reason.tag())
                    .description("Views not counted, by reason").register(registry));
        }
        this.deadLettered = DeadLetterCounter.of(registry, topic, group);
    }

    void batch(long nanos) {
        batches.record(Duration.ofNanos(nanos));
    }

    void flush(long nanos) {
        flushes.record(Duration.ofNanos(nanos));
    }

    void record(BatchResult result) {
        received.increment(result.received());
        counted.increment(result.counted());
        parked.increment(result.parked());
        result.dropped().forEach((reason, n) -> dropped.get(reason).increment(n));
        deadLettered.increment(result.deadLettered());
    }

    /** Parked views whose article never became known, dead-lettered by the sweeper. */
    public void unknownArticle(long n) {
        dropped.get(DropReason.UNKNOWN_ARTICLE).increment(n);
        deadLettered.increment(n);
    }
}
