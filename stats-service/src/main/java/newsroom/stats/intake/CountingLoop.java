package newsroom.stats.intake;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import newsroom.stats.StatsProperties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Counts beside the Kafka consumer instead of on its thread. The consumer hands each polled batch over and goes back
 * to fetching; two sorting threads decode and check it ({@link CountingSteps#sort}, no state needed) while the
 * batch before is counted; a counting thread adds the batch up in memory ({@link CountingSteps#count}); a writer
 * thread writes what was counted ({@link CountingSteps#beginFlush}, {@link CountingSteps#write}) once per flush
 * interval, or
 * as soon as the consumer has caught up (no lag left, or no batch for {@link #IDLE}), while counting goes on; and only
 * then are the batches acknowledged, in the order they were polled. Offsets are committed (by the container, with ack
 * mode MANUAL) only for views that are written, so a crash at any point makes Kafka redeliver what was not, and the
 * offset guard in every document makes the redelivery count nothing twice.
 *
 * <h2>When things go wrong</h2>
 * <ul>
 *   <li>A failing read or write (MongoDB away) is retried by the counting thread, with growing pauses, until it
 *       succeeds; what was counted stays in memory meanwhile. The hand-off queue fills up and the consumer waits for
 *       at most {@link #HAND_OFF_TIMEOUT}, then fails the batch, and the container's error handler polls it again
 *       later.</li>
 *   <li>A rebalance (or shutdown) first waits until every handed-over batch is written and acknowledged, so the
 *       container commits them before the partitions move. If that takes longer than the drain timeout, the
 *       unwritten work is given up: the next owner reads it again from the committed offsets, and where this
 *       consumer keeps a partition it seeks back to the first batch it gave up.</li>
 * </ul>
 */
public class CountingLoop<S, F> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CountingLoop.class);
    private static final Duration HAND_OFF_TIMEOUT = Duration.ofSeconds(20);
    /**
     * No batch for this long means the consumer has caught up (as does a batch polled without lag left): what was
     * counted is written right away, so views show within moments when traffic is light, and the flush interval only
     * matters while the topic is being worked off.
     */
    private static final Duration IDLE = Duration.ofMillis(200);

    /** A polled batch on its way through the loop. */
    private final class Batch {
        final long generation;
        /** The records as polled; dropped once counted, as is everything below that holds records. */
        List<? extends ConsumerRecord<?, ?>> polled;
        private List<ViewRecord> records;
        /** The records decoded and checked ({@link CountingSteps#sort}), under way as soon as they are handed over. */
        CompletableFuture<S> sorted;
        /** Let go of once a later batch covers all its partitions (see {@link #latest}). */
        Acknowledgment ack;
        final Map<TopicPartition, Long> firstOffsets;

        /** When it was polled, the consumer had read everything there was: write what was counted right away. */
        boolean caughtUp;

        Batch(long generation, Acknowledgment ack, Map<TopicPartition, Long> firstOffsets) {
            this.generation = generation;
            this.ack = ack;
            this.firstOffsets = firstOffsets;
        }

        /** The records, read once (by a sorting thread, or by the counting thread if sorting failed). */
        synchronized List<ViewRecord> records() {
            if (records == null) {
                records = ViewRecord.of(polled);
            }
            return records;
        }

        synchronized void counted() {
            polled = null;
            records = null;
            sorted = null;
        }
    }

    private final CountingSteps<S, F> steps;
    private final long flushIntervalNanos;
    private final long maxUnwrittenViews;
    private final Duration drainTimeout;
    private final BlockingQueue<Batch> handOff;
    private final Thread thread;
    private volatile boolean running;
    private volatile boolean drainRequested;
    private volatile Consumer<?, ?> consumer;

    private final Object lock = new Object();
    /** Bumped when handed-over work is given up; batches of an older generation are dropped unacknowledged. */
    private long generation;
    /** Handed over and not acknowledged yet, oldest first (under lock). */
    private final ArrayDeque<Batch> outstanding = new ArrayDeque<>();
    /** Where the consumer must seek back to, per partition, because work from there on was given up (under lock). */
    private final Map<TopicPartition, Long> rewind = new HashMap<>();

    // Only the counting thread touches these.
    /** Counted and not yet acknowledged, oldest first. */
    private final ArrayDeque<Batch> counted = new ArrayDeque<>();
    /**
     * Per partition, the latest counted batch that has records of it. Acknowledging these is enough: the container
     * commits the highest acknowledged offset of each partition, which covers the earlier batches. An acknowledgment
     * holds its whole poll, so the others are let go as soon as a later batch covers their partitions.
     */
    private final Map<TopicPartition, Batch> latest = new HashMap<>();
    private Batch retry;
    /** The last wait for a batch timed out. */
    private boolean idle;
    /** The write under way, if any: done by the writer thread while counting goes on. */
    private Future<?> writing;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "stats-writer");
        t.setDaemon(true);
        return t;
    });
    /**
     * Decode and check the handed-over batches while the counting thread counts the one before: that step needs no
     * state, and it is the costliest per record.
     */
    private final ExecutorService sorters = Executors.newFixedThreadPool(2, runnable -> {
        Thread t = new Thread(runnable, "stats-sorting");
        t.setDaemon(true);
        return t;
    });
    private long workingGeneration;
    private long firstUnwrittenAt;

    public CountingLoop(CountingSteps<S, F> steps, StatsProperties properties) {
        this.steps = steps;
        this.flushIntervalNanos = properties.flushInterval().toNanos();
        this.maxUnwrittenViews = properties.maxUnwrittenViews();
        this.drainTimeout = properties.drainTimeout();
        this.handOff = new ArrayBlockingQueue<>(properties.handOffBatches());
        this.thread = new Thread(this::run, "stats-counting-loop");
        this.thread.setDaemon(true);
    }

    /**
     * Called on the consumer thread with one polled batch, as the Kafka consumer returned it. Returns as soon as the
     * counting thread has taken it (or has room for it), so the consumer fetches the next batch while this one is
     * counted. Even reading the records' headers is left to the sorting threads: it is a third of what the consumer
     * thread would otherwise do per record.
     */
    public void submit(List<? extends ConsumerRecord<?, ?>> polled, Acknowledgment ack, Consumer<?, ?> consumer) {
        if (consumer != null) {
            this.consumer = consumer;
        }
        if (polled.isEmpty()) {
            ack.acknowledge();
            return;
        }
        Map<TopicPartition, Long> first = new LinkedHashMap<>();
        TopicPartition current = null;
        for (ConsumerRecord<?, ?> record : polled) { // a poll returns its records partition by partition
            if (current == null || current.partition() != record.partition()
                    || !current.topic().equals(record.topic())) {
                current = new TopicPartition(record.topic(), record.partition());
                first.merge(current, record.offset(), Math::min);
            }
        }
        Batch batch;
        synchronized (lock) {
            if (!rewind.isEmpty()) {
                seekBack(first);
                return; // this batch comes again after the seek
            }
            batch = new Batch(generation, ack, first);
            batch.caughtUp = caughtUp(consumer);
            outstanding.addLast(batch);
        }
        batch.polled = polled;
        batch.sorted = CompletableFuture.supplyAsync(() -> steps.sort(batch.records()), sorters);
        boolean taken;
        try {
            taken = handOff.offer(batch, HAND_OFF_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            synchronized (lock) {
                outstanding.remove(batch);
            }
            throw new IllegalStateException("Counting is " + HAND_OFF_TIMEOUT.toSeconds() + " s behind (is MongoDB "
                    + "reachable?); the batch will be polled again");
        }
    }

    /** No lag left on any assigned partition, as of the last fetch (the consumer knows it without asking). */
    private static boolean caughtUp(Consumer<?, ?> consumer) {
        if (consumer == null) {
            return false;
        }
        for (TopicPartition tp : consumer.assignment()) {
            if (consumer.currentLag(tp).orElse(1) > 0) {
                return false;
            }
        }
        return true;
    }

    private void seekBack(Map<TopicPartition, Long> current) {
        if (consumer == null) {
            throw new IllegalStateException("Cannot read the given-up views again: no consumer in the batch's headers");
        }
        Map<TopicPartition, Long> seekTo = new HashMap<>(rewind);
        current.forEach((tp, offset) -> seekTo.merge(tp, offset, Math::min));
        Set<TopicPartition> assigned = consumer.assignment();
        seekTo.forEach((tp, offset) -> {
            if (assigned.contains(tp)) {
                consumer.seek(tp, offset);
            }
        });
        log.info("Reading again from {}: counting had given up the views from there on", seekTo);
        rewind.clear();
    }

    /**
     * Called on the consumer thread before partitions are revoked (and on shutdown): waits until everything handed
     * over is written and acknowledged, so that the container commits it before the partitions move. Gives the rest
     * up after the drain timeout.
     */
    public void drain(Collection<TopicPartition> revoked) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        drainRequested = true;
        try {
            synchronized (lock) {
                while (!outstanding.isEmpty() && running) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        giveUp(revoked);
                        return;
                    }
                    lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            synchronized (lock) {
                giveUp(revoked);
            }
        } finally {
            drainRequested = false;
        }
    }

    /** Under lock: drops every outstanding batch; partitions that stay with this consumer will be read again. */
    private void giveUp(Collection<TopicPartition> revoked) {
        log.warn("Gave up {} counted batches that could not be written in {}: Kafka redelivers them",
                outstanding.size(), drainTimeout);
        generation++;
        for (Batch batch : outstanding) {
            batch.firstOffsets.forEach((tp, offset) -> rewind.merge(tp, offset, Math::min));
        }
        outstanding.clear();
        handOff.clear();
        revoked.forEach(rewind::remove);
    }

    /**
     * Called on the consumer thread when partitions have moved (after the commit) or were assigned: what is cached for
     * them is only valid while they stay with this consumer.
     */
    public void forget(Collection<TopicPartition> partitions) {
        steps.forget(partitions);
    }

    /** Pauses between attempts at what failed and is safe to retry: 0.2 s, doubling, at most 10 s, without end. */
    static ExponentialBackOff retryBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        return backOff;
    }

    private void run() {
        BackOffExecution failing = null;
        while (running) {
            try {
                step();
                failing = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failing = failing == null ? retryBackOff().start() : failing;
                long pause = failing.nextBackOff();
                log.warn("Counting failed, trying again in {} ms: {}", pause, e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        try {
            awaitWrite();
            if (!counted.isEmpty()) {
                startWrite(); // the last views of a shutdown that did not go through drain()
                awaitWrite();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.shutdown();
        sorters.shutdown();
    }

    /** Takes the next batch (or waits for one until a flush is due), counts it, and flushes when due. */
    private void step() throws InterruptedException {
        long current;
        synchronized (lock) {
            current = generation;
        }
        if (current != workingGeneration) {
            steps.discard(); // given up by drain(): what it counted must not be written as if acknowledged
            counted.clear();
            latest.clear();
            retry = null;
            workingGeneration = current;
        }
        Batch batch = retry;
        retry = null;
        if (batch == null && !flushDue()) {
            long wait = counted.isEmpty() ? 100 : TimeUnit.NANOSECONDS.toMillis(
                    firstUnwrittenAt + flushIntervalNanos - System.nanoTime());
            batch = handOff.poll(Math.max(1, Math.min(wait, IDLE.toMillis())), TimeUnit.MILLISECONDS);
            idle = batch == null;
        }
        if (batch != null && batch.generation == workingGeneration) {
            try {
                steps.count(sorted(batch));
            } catch (RuntimeException e) {
                retry = batch; // counted again after the pause; count() changed nothing
                throw e;
            }
            batch.counted();
            idle |= batch.caughtUp;
            if (counted.isEmpty()) {
                firstUnwrittenAt = System.nanoTime();
            }
            counted.addLast(batch);
            for (TopicPartition tp : batch.firstOffsets.keySet()) {
                Batch superseded = latest.put(tp, batch);
                if (superseded != null && superseded != batch && !latest.containsValue(superseded)) {
                    superseded.ack = null;
                }
            }
        }
        if (flushDue()) {
            awaitWrite(); // one write at a time: acknowledgements go out in the order of the polls
            startWrite();
        }
    }

    /** The batch as sorted ahead of time, or sorted now if that failed (a failure now is retried with the batch). */
    private S sorted(Batch batch) {
        try {
            return batch.sorted.join();
        } catch (CompletionException | CancellationException e) {
            S sorted = steps.sort(batch.records());
            batch.sorted = CompletableFuture.completedFuture(sorted);
            return sorted;
        }
    }

    /**
     * Whether to start writing what was counted: once the flush interval has passed since the first unwritten view
     * (or when draining, stopping, or holding too many views), and not while the previous write is under way unless
     * memory is at its bound: counting goes on meanwhile, so a slow write makes the next flush carry more views.
     */
    private boolean flushDue() {
        if (counted.isEmpty()) {
            return false;
        }
        boolean full = steps.unwrittenViews() >= maxUnwrittenViews;
        if (writing != null && !writing.isDone() && !full) {
            return false;
        }
        return full || idle || drainRequested || !running
                || System.nanoTime() - firstUnwrittenAt >= flushIntervalNanos;
    }

    /** Takes what was counted into a flush and has the writer thread write it, then acknowledge its batches. */
    private void startWrite() {
        F flush = steps.beginFlush();
        Set<Batch> toAcknowledge = Collections.newSetFromMap(new IdentityHashMap<>());
        toAcknowledge.addAll(latest.values());
        List<Batch> written = new ArrayList<>(counted);
        counted.clear();
        latest.clear();
        long flushGeneration = workingGeneration;
        writing = writer.submit(() -> {
            if (flush != null && !writeUntilDone(flush, flushGeneration)) {
                return;
            }
            acknowledge(flushGeneration, toAcknowledge, written);
        });
    }

    /** Writes the flush, retrying with growing pauses, until it is durable or given up (drain timeout). */
    private boolean writeUntilDone(F flush, long flushGeneration) {
        BackOffExecution failing = retryBackOff().start();
        while (true) {
            synchronized (lock) {
                if (generation != flushGeneration) {
                    steps.abandon(flush);
                    return false;
                }
            }
            try {
                steps.write(flush);
                steps.completed(flush);
                return true;
            } catch (RuntimeException e) {
                long pause = failing.nextBackOff();
                log.warn("Writing {} failed, trying again in {} ms: {}", flush, pause, e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    steps.abandon(flush);
                    return false;
                }
            }
        }
    }

    private void awaitWrite() throws InterruptedException {
        if (writing != null) {
            try {
                writing.get();
            } catch (ExecutionException e) {
                log.error("Writing counted views failed unexpectedly", e.getCause());
            }
            writing = null;
        }
    }

    private void acknowledge(long flushGeneration, Set<Batch> toAcknowledge, List<Batch> written) {
        synchronized (lock) {
            if (generation == flushGeneration) {
                // The container commits acknowledgements from other threads when its next poll returns. In the order
                // of the polls, so that each partition's committed offset only moves forward.
                for (Batch batch : written) {
                    if (toAcknowledge.contains(batch)) {
                        batch.ack.acknowledge();
                    }
                    outstanding.remove(batch);
                }
            }
            lock.notifyAll();
        }
    }

    @Override
    public void start() {
        running = true;
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        try {
            thread.join(drainTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the bindings (which drain on the way out) and starts before them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
