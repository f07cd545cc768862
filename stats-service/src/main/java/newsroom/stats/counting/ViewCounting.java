package newsroom.stats.counting;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import newsroom.stats.StatsProperties;
import newsroom.stats.intake.CountingSteps;
import newsroom.stats.intake.ViewRecord;
import newsroom.stats.store.CounterStore;
import newsroom.stats.store.PartitionState;
import newsroom.stats.store.StoreFlush;
import newsroom.stats.tally.BatchResult;
import newsroom.stats.tally.BotDetector;
import newsroom.stats.tally.DropReason;
import newsroom.stats.tally.PartitionTally;
import newsroom.stats.tally.TouchedDocs;
import newsroom.stats.tally.ViewDecoder;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch of article-viewed records, step by step ({@link newsroom.stats.intake.CountingLoop} calls the steps, each
 * on its thread): {@link #sort} decodes and checks the records; {@link #count} parks views of articles not known yet,
 * reads what the touched counter documents hold, and adds the views up in memory, the batch's partitions side by side;
 * {@link #beginFlush} and {@link #write} write every touched document once, however many batches touched it;
 * {@link #completed} ends the flush. The rule for one view is {@link newsroom.stats.tally.ViewClassifier}'s, the sums
 * {@link PartitionTally}'s, the documents and their offset guard {@link CounterStore}'s.
 */
public class ViewCounting implements CountingSteps<SortedBatch, ViewCounting.Flush> {

    private static final Logger log = LoggerFactory.getLogger(ViewCounting.class);

    private final ViewDecoder decoder;
    private final BotDetector bots;
    private final ViewGate gate;
    private final CounterStore store;
    private final ViewMetrics metrics;
    private final Clock clock;
    private final StatsProperties properties;
    /** What is cached per owned partition, by "topic|partition". */
    private final Map<String, PartitionState> partitions = new ConcurrentHashMap<>();
    /** Counted and not written yet, by "topic|partition" (under this object's lock). */
    private final Map<String, Unwritten> unwritten = new HashMap<>();
    private final List<CompletableFuture<Void>> unsentDeadLetters = new ArrayList<>();
    private volatile long unwrittenViews;
    private int flushesInFlight;
    /** Partitions share no state (an article lives in one), so they are counted and flushed side by side. */
    private final ExecutorService workers = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "stats-counting");
                thread.setDaemon(true);
                return thread;
            });

    public ViewCounting(ViewDecoder decoder, BotDetector bots, ViewGate gate, CounterStore store,
            ViewMetrics metrics, Clock clock, StatsProperties properties) {
        this.decoder = decoder;
        this.bots = bots;
        this.gate = gate;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
    }

    /** What one partition has counted and not written yet, and its cached state. */
    private record Unwritten(PartitionState state, PartitionTally tally) {
    }

    /** 1. Decode and check (a sorting thread): no counting state is read or changed. */
    @Override
    public SortedBatch sort(List<ViewRecord> records) {
        return SortedBatch.sort(records, decoder, gate, clock, properties);
    }

    /**
     * 2. Count (the counting thread): views of articles not known yet are parked (and, read again, skipped), a
     * released view counts only once, and the rest are added up in memory per counter document. Reads everything it needs before it changes anything
     * in memory, so if it throws, nothing of the batch is counted and the batch can be counted again. Dead letters
     * are sent here and awaited by the next flush.
     */
    @Override
    public synchronized void count(SortedBatch sorted) {
        long t0 = System.nanoTime();
        BatchResult result = new BatchResult();
        result.merge(sorted.result);
        boolean parkedBefore = false;
        for (List<Accepted> views : sorted.byPartition.values()) {
            PartitionState state = partition(views.get(0).record());
            if (!state.parkedLoaded()) { // once per assignment: the records another owner parked
                state.parked(gate.parkedOffsets(state.topic(), state.partition()));
            }
            parkedBefore |= state.anyParked(views.get(0).record().offset(),
                    views.get(views.size() - 1).record().offset());
        }
        List<ViewGate.Parked> toPark = new ArrayList<>();
        Map<String, List<Accepted>> toCount = sorted.unsure.isEmpty() && !sorted.anyReleased && !parkedBefore
                ? sorted.byPartition : settle(sorted, toPark, result);
        gate.park(toPark); // first: if parking fails, nothing of the batch is counted
        for (ViewGate.Parked parked : toPark) {
            partition(parked.record()).parked(List.of(parked.record().offset()));
        }

        // Each partition reads what its touched documents hold; none goes on to add up while another may still fail.
        List<Batch> batches = inParallel(new ArrayList<>(toCount.values()), views -> {
            PartitionState state = partition(views.get(0).record());
            TouchedDocs touched = TouchedDocs.of(views);
            store.load(state, touched);
            return new Batch(state, views, touched);
        });
        for (Batch batch : batches) {
            batch.tally = unwritten.computeIfAbsent(key(batch.state), k -> new Unwritten(batch.state,
                    new PartitionTally(bots, batch.state.refresh(), properties.hllLgK()))).tally();
        }
        inParallel(batches, batch -> batch.tally.add(batch.views, batch.touched)).forEach(result::merge);

        if (!sorted.deadLetters.isEmpty()) {
            unsentDeadLetters.add(gate.deadLetter(sorted.deadLetters));
        }
        result.deadLettered(sorted.deadLetters.size());
        unwrittenViews += sorted.size;
        metrics.record(result);
        metrics.batch(System.nanoTime() - t0);
        if (log.isDebugEnabled()) {
            log.debug("Counted {} in {} ms: {}", sorted.size, (System.nanoTime() - t0) / 1_000_000, result);
        }
    }

    /** One partition's views of a batch, with the documents they touch. */
    private static final class Batch {
        final PartitionState state;
        final List<Accepted> views;
        final TouchedDocs touched;
        PartitionTally tally;

        Batch(PartitionState state, List<Accepted> views, TouchedDocs touched) {
            this.state = state;
            this.views = views;
            this.touched = touched;
        }
    }

    /**
     * The views to count, without those of articles still unknown (parked), records parked when they were read before
     * (a redelivery or a replay), and second copies of released views. A released view is never parked again: its
     * article was known when it was released.
     */
    private Map<String, List<Accepted>> settle(SortedBatch sorted, List<ViewGate.Parked> toPark, BatchResult result) {
        Set<String> knownNow = sorted.unsure.isEmpty() ? Set.of() : gate.known(sorted.unsure);
        Map<String, List<Accepted>> toCount = new LinkedHashMap<>();
        sorted.byPartition.forEach((partition, views) -> {
            PartitionState state = partition(views.get(0).record());
            List<Accepted> kept = new ArrayList<>(views.size());
            for (Accepted accepted : views) {
                ViewRecord record = accepted.record();
                String articleId = accepted.view().articleId();
                if (state.isParked(record.offset())) {
                    continue; // parked when first read: it counts through its released copy, never here
                }
                if (!record.released() && sorted.unsure.contains(articleId) && !knownNow.contains(articleId)) {
                    toPark.add(new ViewGate.Parked(record, accepted.view()));
                    result.addParked();
                } else if (record.released() && !gate.claimRelease(accepted.view().viewId(), record.topic(),
                        record.partition(), record.offset())) {
                    result.dropped(DropReason.DUPLICATE);
                } else {
                    kept.add(accepted);
                }
            }
            if (!kept.isEmpty()) {
                toCount.put(partition, kept);
            }
        });
        return toCount;
    }

    /** Views counted in memory and not written yet (the gauge newsroom.views.unwritten). */
    @Override
    public long unwrittenViews() {
        return unwrittenViews;
    }

    /** What one flush writes: taken out of the unwritten views, and already applied to memory as if written. */
    public static final class Flush {
        private final StoreFlush store = new StoreFlush();
        private final List<CompletableFuture<Void>> deadLetters = new ArrayList<>();

        @Override
        public String toString() {
            return "a flush of " + store.documents() + " counter documents";
        }
    }

    /**
     * 3. Take what was counted into a flush (the counting thread): each touched counter document once, the refresh
     * entries the counted views changed. Applied to memory right away, so counting goes on while the writer writes.
     * Returns null when there is nothing to write.
     */
    @Override
    public synchronized Flush beginFlush() {
        if (unwritten.isEmpty() && unsentDeadLetters.isEmpty()) {
            unwrittenViews = 0;
            return null;
        }
        Flush flush = new Flush();
        // A flush at the end of a backlog builds hundreds of thousands of refresh entries, and nothing else runs then.
        inParallel(new ArrayList<>(unwritten.values()), p -> store.flush(p.state(), p.tally()))
                .forEach(flush.store::add);
        flush.deadLetters.addAll(unsentDeadLetters);
        unwritten.clear();
        unsentDeadLetters.clear();
        unwrittenViews = 0;
        flushesInFlight++;
        return flush;
    }

    /**
     * 4. Write (the writer thread), and return when the counters, the refresh state and the dead letters are durable.
     * May be called again after it failed: every write is an idempotent upsert guarded by its offset.
     */
    @Override
    public void write(Flush flush) {
        long t0 = System.nanoTime();
        store.write(flush.store, workers);
        flush.deadLetters.forEach(CompletableFuture::join);
        metrics.flush(System.nanoTime() - t0);
        if (log.isDebugEnabled()) {
            log.debug("Wrote {} in {} ms", flush, (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /** 5. The flush is durable: its documents may leave memory again (the loop acknowledges its batches next). */
    @Override
    public synchronized void completed(Flush flush) {
        store.completed(flush.store);
        flushesInFlight--;
        notifyAll();
    }

    /**
     * The flush will not be written (it failed and is given up): the caches of its partitions are dropped, since
     * they assumed it would be, and what was counted after it is dropped with them.
     */
    @Override
    public synchronized void abandon(Flush flush) {
        for (PartitionState state : flush.store.partitions()) {
            partitions.remove(key(state));
            unwritten.remove(key(state));
        }
        unwrittenViews = unwritten.values().stream().mapToLong(p -> p.tally().views()).sum();
        flushesInFlight--;
        notifyAll();
    }

    @Override
    public synchronized void discard() {
        unwritten.clear();
        unsentDeadLetters.clear();
        unwrittenViews = 0;
        partitions.clear();
    }

    /** After writing what was counted: the cache is what makes unwritten views add up correctly. */
    @Override
    public synchronized void forget(Collection<TopicPartition> moved) {
        Flush flush = beginFlush();
        if (flush != null) {
            try {
                write(flush);
            } catch (RuntimeException e) {
                abandon(flush);
                throw e;
            }
            completed(flush);
        }
        awaitFlushes();
        moved.forEach(tp -> partitions.remove(tp.topic() + '|' + tp.partition()));
    }

    /** Waits until no flush is under way (for at most the drain timeout). */
    private void awaitFlushes() {
        long deadline = System.nanoTime() + properties.drainTimeout().toNanos();
        while (flushesInFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                log.warn("A flush is still under way after {}; forgetting the cache anyway", properties.drainTimeout());
                return;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private PartitionState partition(ViewRecord record) {
        return partitions.computeIfAbsent(record.topic() + '|' + record.partition(),
                k -> new PartitionState(record.topic(), record.partition(), properties));
    }

    private static String key(PartitionState state) {
        return state.topic() + '|' + state.partition();
    }

    /**
     * Applies the step to each item, side by side: the first on this thread, the others on the workers. Returns when
     * all are done, the results in the items' order; throws the first failure (after all are done).
     */
    private <T, R> List<R> inParallel(List<T> items, Function<T, R> step) {
        List<CompletableFuture<R>> others = new ArrayList<>();
        for (int i = 1; i < items.size(); i++) {
            T item = items.get(i);
            others.add(CompletableFuture.supplyAsync(() -> step.apply(item), workers));
        }
        List<R> results = new ArrayList<>(items.size());
        try {
            if (!items.isEmpty()) {
                results.add(step.apply(items.get(0)));
            }
        } finally {
            try {
                CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        others.forEach(f -> results.add(f.join()));
        return results;
    }
}
