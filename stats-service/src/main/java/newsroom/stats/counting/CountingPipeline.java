package newsroom.stats.counting;

import static newsroom.stats.counting.StatsDocs.ARTICLE_DAYS;
import static newsroom.stats.counting.StatsDocs.CATEGORY_DAYS;
import static newsroom.stats.counting.StatsDocs.REFRESH_STATE;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import newsroom.contracts.EventTypes;
import newsroom.stats.StatsProperties;
import newsroom.stats.counting.Contribution.Outcome;
import newsroom.stats.counting.PartitionState.LoadedDoc;
import com.carrotsearch.hppc.IntArrayList;
import com.carrotsearch.hppc.LongArrayList;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Counts batches of article-viewed records: classifies every record and adds it up in memory per counter document
 * ({@link #count}); a flush then writes each touched document once, with unordered bulk upserts guarded per partition
 * (see {@link StatsDocs}), however many batches touched it ({@link #beginFlush}, {@link #write}). {@link CountingLoop}
 * drives it beside the Kafka consumer; {@link #process} does both steps at once.
 *
 * <h2>Effectively once</h2>
 * Every counter document keeps, per partition, the offset up to which that partition's views are included. Before
 * adding up, a batch knows each touched document's stored offset (from memory, or read once from MongoDB after a
 * restart or rebalance), and adds only views with a greater offset; the write carries the partition's last counted
 * offset and goes through {@code $max}, so it cannot apply twice, and a stale writer cannot go backwards. A crash
 * between the writes and the offset commit therefore leaves nothing to undo: the redelivered records are either
 * already included in a document (skipped) or not (added), per document, whatever the new batch boundaries are. A
 * replay of the whole topic changes nothing.
 *
 * <h2>Refreshes and unique visitors</h2>
 * The refresh rule and its state are {@link RefreshWindow}'s; the state is written with the counters, as what changed
 * since the last flush, and read back as the union of what was written (the latest time per visitor winning), so a
 * write that happens twice changes nothing. Unique visitors are HyperLogLog sketches: adding a visitor twice changes nothing, so replays are harmless.
 */
public class CountingPipeline {

    private static final Logger log = LoggerFactory.getLogger(CountingPipeline.class);

    /** Set on a record that stats-service re-published after it was parked: its value is the view id. */
    public static final String RELEASED_HEADER = "x-newsroom-released-view";
    /** Set by the beacon on a view it let through although the visitor is over the rate limit. */
    public static final String RATE_LIMITED_HEADER = "x-newsroom-rate-limited";

    private static final int READ_CHUNK = 200;
    private static final String[] HOUR_PATHS = new String[24];

    static {
        for (int h = 0; h < 24; h++) {
            HOUR_PATHS[h] = h < 10 ? "0" + h : Integer.toString(h);
        }
    }
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;
    private final ViewDecoder decoder;
    private final BotDetector bots;
    private final ViewGate gate;
    private final ViewMetrics metrics;
    private final Clock clock;
    private final StatsProperties properties;
    private final RefreshWindow refreshWindow;
    private final Map<String, PartitionState> partitions = new ConcurrentHashMap<>();
    /** Counted and not written yet, per "topic|partition". */
    private final Map<String, PartitionPending> unwritten = new HashMap<>();
    private final List<CompletableFuture<Void>> unsentDeadLetters = new ArrayList<>();
    private volatile long unwrittenViews;
    private final ExecutorService workers = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "stats-counting");
                thread.setDaemon(true);
                return thread;
            });

    public CountingPipeline(MongoTemplate mongo, ViewDecoder decoder, BotDetector bots, ViewGate gate,
            ViewMetrics metrics, Clock clock, StatsProperties properties) {
        this.mongo = mongo;
        this.decoder = decoder;
        this.bots = bots;
        this.gate = gate;
        this.metrics = metrics;
        this.clock = clock;
        this.properties = properties;
        this.refreshWindow = new RefreshWindow(mongo, properties);
    }

    /**
     * Forgets what is cached for these partitions (they were revoked or newly assigned), after writing what was
     * counted: the cache is what makes unwritten views add up correctly.
     */
    public synchronized void forget(String topic, Collection<Integer> revoked) {
        flush();
        awaitFlushes();
        revoked.forEach(p -> partitions.remove(topic + '|' + p));
    }

    /** Forgets everything cached, as a restarted process would have (after writing what was counted). */
    public synchronized void forgetAll() {
        flush();
        awaitFlushes();
        partitions.clear();
    }

    /**
     * Throws away what was counted but not written, and every partition's cache: the records will be read again (from
     * the committed offsets) by whoever owns their partitions next.
     */
    public synchronized void discard() {
        unwritten.clear();
        unsentDeadLetters.clear();
        unwrittenViews = 0;
        partitions.clear();
    }

    /**
     * Counts the batch and writes everything: counters, refresh state, parked views and dead letters are durable when
     * this returns. Throws if any of that failed; calling it again with the same records is safe.
     */
    public synchronized BatchResult process(List<ViewRecord> records) {
        BatchResult result = count(sort(records));
        flush();
        return result;
    }

    /** Views counted in memory and not written yet (the gauge newsroom.views.unwritten). */
    public long unwrittenViews() {
        return unwrittenViews;
    }

    /** A view that passed the static checks. */
    record Accepted(ViewRecord record, DecodedView view) {
    }

    /**
     * A batch sorted out without any state: views to count, per partition in the order of the poll, and what goes
     * to the dead-letter topic. Made by {@link #sort}, which may run on any thread and ahead of {@link #count}.
     */
    static final class SortedBatch {
        final BatchResult result = new BatchResult();
        final List<ViewGate.DeadLetter> deadLetters = new ArrayList<>();
        /** "topic|partition" to the views of that partition that passed every static check. */
        final Map<String, List<Accepted>> byPartition = new LinkedHashMap<>();
        /** Articles of accepted views that were not known to this process when the batch was sorted. */
        final Set<String> unsure = new HashSet<>();
        boolean anyReleased;
        int size;
    }

    /**
     * Decodes and checks every record of a batch: no counting state is read or changed, so it is safe on any thread and
     * at any time before the batch is counted. {@link CountingLoop} has it done while the batch before is being counted.
     */
    SortedBatch sort(List<ViewRecord> records) {
        Instant now = clock.instant();
        Instant latestAllowed = now.plus(properties.maxFutureSkew());
        SortedBatch sorted = new SortedBatch();
        sorted.size = records.size();
        BatchResult result = sorted.result;
        ViewDecoder.Scratch scratch = decoder.scratch();
        // Article ids come out of the decoder as one instance per value (on this thread), and a batch has a few
        // thousand distinct ones: asking the shared set once per article, not once per view.
        Map<String, Boolean> knownHere = new IdentityHashMap<>();
        List<Accepted> partitionViews = null; // a poll returns its records partition by partition
        String partitionTopic = null;
        int partitionNumber = -1;
        for (ViewRecord record : records) {
            if (!record.released()) {
                result.received++;
            }
            String type = record.type();
            if (type != null && !EventTypes.ARTICLE_VIEWED.equals(type) && EventTypes.payloadOf(type) == null) {
                result.dropped(BatchResult.UNSUPPORTED_TYPE); // a newer version beside v1: not ours to read
                continue;
            }
            if (type == null || !EventTypes.ARTICLE_VIEWED.equals(type)) {
                result.dropped(BatchResult.INVALID);
                sorted.deadLetters.add(new ViewGate.DeadLetter(record, "invalid: ce_type is "
                        + (type == null ? "missing" : "'" + type + "'") + ", expected " + EventTypes.ARTICLE_VIEWED));
                continue;
            }
            ViewDecoder.Result decoded = decoder.decode(record.value(), scratch);
            if (decoded.view() == null) {
                result.dropped(BatchResult.INVALID);
                sorted.deadLetters.add(new ViewGate.DeadLetter(record, "invalid: " + decoded.invalidReason()));
                continue;
            }
            DecodedView view = decoded.view();
            if (view.viewedAt().isAfter(latestAllowed)) {
                result.dropped(BatchResult.FUTURE);
                sorted.deadLetters.add(new ViewGate.DeadLetter(record, "future: viewedAt " + view.viewedAt()
                        + " is more than " + properties.maxFutureSkew() + " ahead of " + now));
                continue;
            }
            // Almost every article is known already: MongoDB is asked only about the others, when counting.
            if (!knownHere.computeIfAbsent(view.articleId(), gate::knownInMemory)) {
                sorted.unsure.add(view.articleId());
            }
            sorted.anyReleased |= record.released();
            if (partitionViews == null || record.partition() != partitionNumber
                    || !record.topic().equals(partitionTopic)) {
                partitionTopic = record.topic();
                partitionNumber = record.partition();
                partitionViews = sorted.byPartition.computeIfAbsent(partitionTopic + '|' + partitionNumber,
                        k -> new ArrayList<>(records.size()));
            }
            partitionViews.add(new Accepted(record, view));
        }
        return sorted;
    }

    /**
     * Counts the batch into memory: what it adds to each counter document and to the refresh state waits for
     * {@link #flush()}, so a document that many batches touch is written once per flush, not once per batch. Views
     * that go elsewhere are settled here: parked views are durable when this returns, dead letters are sent (and
     * awaited by the next flush). Reads from MongoDB what it needs before it changes anything in memory, so if it
     * throws, nothing of the batch is counted and the batch can be counted again.
     */
    public BatchResult count(List<ViewRecord> records) {
        return count(sort(records));
    }

    /** As {@link #count(List)}, for a batch sorted beforehand. */
    synchronized BatchResult count(SortedBatch sorted) {
        long t0 = System.nanoTime();
        BatchResult result = new BatchResult();
        result.merge(sorted.result);
        Map<String, List<Accepted>> byPartition = sorted.byPartition;
        List<ViewGate.Parked> toPark = new ArrayList<>();
        if (!sorted.unsure.isEmpty() || sorted.anyReleased) {
            Set<String> knownNow = sorted.unsure.isEmpty() ? Set.of() : gate.known(sorted.unsure);
            byPartition = new LinkedHashMap<>();
            for (Map.Entry<String, List<Accepted>> partition : sorted.byPartition.entrySet()) {
                List<Accepted> kept = new ArrayList<>(partition.getValue().size());
                for (Accepted candidate : partition.getValue()) {
                    ViewRecord record = candidate.record();
                    String articleId = candidate.view().articleId();
                    if (sorted.unsure.contains(articleId) && !knownNow.contains(articleId)) {
                        toPark.add(new ViewGate.Parked(record, candidate.view()));
                        result.parked++;
                    } else if (record.released() && !gate.claimRelease(candidate.view().viewId(), record.topic(),
                            record.partition(), record.offset())) {
                        result.dropped(BatchResult.DUPLICATE);
                    } else {
                        kept.add(candidate);
                    }
                }
                if (!kept.isEmpty()) {
                    byPartition.put(partition.getKey(), kept);
                }
            }
        }

        // Parked views first: if parking fails, nothing of the batch is counted and it can be counted again.
        gate.park(toPark);
        // Partitions share no state (an article lives in one), so they are counted side by side. Each reads first
        // and then only adds up in memory; no partition goes on to count while another may still fail its read.
        List<Prepared> prepared = inParallel(new ArrayList<>(byPartition.values()), this::prepare);
        for (Prepared p : prepared) {
            unwritten.computeIfAbsent(p.state.topic + '|' + p.state.partition, k -> new PartitionPending(p.state));
        }
        List<BatchResult> partitionResults = inParallel(prepared, p -> {
            BatchResult partitionResult = new BatchResult();
            countPartition(p, unwritten.get(p.state.topic + '|' + p.state.partition), partitionResult);
            return partitionResult;
        });
        if (!sorted.deadLetters.isEmpty()) {
            unsentDeadLetters.add(gate.deadLetter(sorted.deadLetters));
        }
        partitionResults.forEach(result::merge);
        result.deadLettered = sorted.deadLetters.size();
        unwrittenViews += sorted.size;
        metrics.record(result);
        metrics.batch(System.nanoTime() - t0);
        if (log.isDebugEnabled()) {
            log.debug("Counted {} in {} ms: {}", sorted.size, (System.nanoTime() - t0) / 1_000_000, result);
        }
        return result;
    }

    private static void join(List<? extends CompletableFuture<?>> futures) {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /**
     * Writes what was counted since the last flush, and returns when it is durable. Throws if anything failed; the
     * caches of the partitions involved are dropped then (MongoDB has the truth), and the views must be counted again
     * (Kafka redelivers them: their offsets were not committed).
     */
    public void flush() {
        Flush flush = beginFlush();
        if (flush == null) {
            return;
        }
        try {
            write(flush);
        } catch (RuntimeException e) {
            abandon(flush);
            throw e;
        }
        completed(flush);
    }

    /** What one flush writes: taken out of the unwritten views, and already applied to memory as if written. */
    public static final class Flush {
        private final Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        /** Refresh-state documents whose time has passed, per partition. */
        private final List<Bson> refreshDeletes = new ArrayList<>();
        private final List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        private final List<PartitionState> partitions = new ArrayList<>();
        private final Map<PartitionState, List<String>> pinned = new HashMap<>();
        private int documents;

        /** How many counter documents it writes. */
        public int documents() {
            return documents;
        }
    }

    private int flushesInFlight;

    /**
     * Starts a flush: builds every write from what was counted (each touched counter document once, the refresh state
     * entries the counted views changed), and applies it to memory right away, so counting can go on while the writes
     * are under way: the next batches add up on top of it. Until the flush completes, the documents it writes stay in
     * memory (a cache eviction must not make the next batch read them from MongoDB before they are there). Returns
     * null when there is nothing to write.
     */
    public synchronized Flush beginFlush() {
        if (unwritten.isEmpty() && unsentDeadLetters.isEmpty()) {
            unwrittenViews = 0;
            return null;
        }
        long t0 = System.nanoTime();
        Flush flush = new Flush();
        List<WriteModel<Document>> refresh = new ArrayList<>();
        // Partitions share nothing: each builds its writes and updates its memory side by side (a flush at the end of
        // a backlog builds hundreds of thousands of refresh entries, and nothing else runs then).
        for (PartitionFlush part : inParallel(new ArrayList<>(unwritten.values()), this::flushPartition)) {
            part.writes.forEach((collection, models) ->
                    flush.writes.computeIfAbsent(collection, k -> new ArrayList<>()).addAll(models));
            refresh.addAll(part.refresh);
            flush.documents += part.documents;
            if (part.expired != null) {
                flush.refreshDeletes.add(part.expired);
            }
            flush.partitions.add(part.state);
            flush.pinned.put(part.state, part.pins);
        }
        if (!refresh.isEmpty()) {
            flush.writes.put(REFRESH_STATE, refresh);
        }
        flush.deadLetters.addAll(unsentDeadLetters);
        unwritten.clear();
        unsentDeadLetters.clear();
        unwrittenViews = 0;
        flushesInFlight++;
        if (log.isDebugEnabled()) {
            log.debug("Prepared a flush of {} documents in {} ms", flush.documents, (System.nanoTime() - t0) / 1_000_000);
        }
        return flush;
    }

    /** What one partition adds to a flush. */
    private record PartitionFlush(PartitionState state, Map<String, List<WriteModel<Document>>> writes,
            List<WriteModel<Document>> refresh, List<String> pins, Bson expired, int documents) {
    }

    private PartitionFlush flushPartition(PartitionPending p) {
        PartitionState state = p.state;
        Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        List<WriteModel<Document>> refresh = new ArrayList<>();
        counterWrites(p.docs.values(), StatsDocs.partitionField(state.partition), p.maxOffset, writes);
        refreshWindow.writes(state, p.changedRefreshes, p.maxOffset, refresh);
        List<String> pins = new ArrayList<>();
        int documents = 0;
        for (Pending pending : p.docs.values()) {
            LoadedDoc doc = pending.base;
            String key = PartitionState.key(pending.collection, pending.id);
            state.put(key, doc); // it may have been evicted and read again meanwhile
            state.pin(key, doc);
            pins.add(key);
            if (pending.contributions.isEmpty() && pending.sketch == null) {
                continue;
            }
            documents++;
            doc.o = p.maxOffset;
            doc.contributions.putAll(pending.contributions);
            if (pending.sketch != null) {
                doc.sketch = pending.sketch;
            }
            if (pending.latest != null) {
                doc.categoryId = pending.latest.categoryId();
                doc.categoryPath = creditedCategories(pending.latest);
            }
        }
        state.watermark = Math.max(state.watermark, p.maxTime);
        Bson expired = refreshWindow.expire(state);
        return new PartitionFlush(state, writes, refresh, pins, expired, documents);
    }

    /**
     * Applies the step to each item, side by side: the first on this thread, the others on the workers. Returns when
     * all are done, the results in the items' order; throws the first failure (after all are done).
     */
    private <T, R> List<R> inParallel(List<T> items, java.util.function.Function<T, R> step) {
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
            join(others);
        }
        others.forEach(f -> results.add(f.join()));
        return results;
    }

    /**
     * Does the writes of a flush; may run on another thread than the counting, and may be called again after it
     * failed (every write is an idempotent upsert guarded by its offset).
     */
    public void write(Flush flush) {
        long t0 = System.nanoTime();
        // One bulk write per collection, side by side (this thread writes one of them): MongoDB applies them in
        // parallel.
        List<Long> millis = inParallel(new ArrayList<>(flush.writes.entrySet()), write -> {
            long start = System.nanoTime();
            mongo.getCollection(write.getKey()).bulkWrite(write.getValue(), UNORDERED);
            return (System.nanoTime() - start) / 1_000_000;
        });
        for (Bson expired : flush.refreshDeletes) {
            mongo.getCollection(REFRESH_STATE).deleteMany(expired);
        }
        flush.deadLetters.forEach(CompletableFuture::join);
        metrics.flush(System.nanoTime() - t0);
        if (log.isDebugEnabled()) {
            log.debug("Flushed {} documents in {} ms ({} ms per collection: {})", flush.documents,
                    (System.nanoTime() - t0) / 1_000_000, millis, flush.writes.keySet());
        }
    }

    /** The flush is durable: its documents may leave memory again. */
    public synchronized void completed(Flush flush) {
        flush.pinned.forEach((state, keys) -> keys.forEach(state::unpin));
        flushesInFlight--;
        notifyAll();
    }

    /**
     * The flush will not be written (it failed and is given up): the caches of its partitions are dropped, since
     * they assumed it would be, and what was counted after it is dropped with them.
     */
    public synchronized void abandon(Flush flush) {
        flush.partitions.forEach(state -> partitions.remove(state.topic + '|' + state.partition));
        for (PartitionState state : flush.partitions) {
            unwritten.remove(state.topic + '|' + state.partition);
        }
        unwrittenViews = unwritten.values().stream().mapToLong(p -> p.views).sum();
        flushesInFlight--;
        notifyAll();
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

    /** One touched counter document, with what the unwritten views add to it. */
    private static final class Pending {
        final String collection;
        final String id;
        final LoadedDoc base;
        final Map<String, Contribution> contributions = new HashMap<>(4);
        HllSketch sketch;
        DecodedView latest;

        Pending(String collection, String id, LoadedDoc base) {
            this.collection = collection;
            this.id = id;
            this.base = base;
        }

        /** Adds the view to the day's and the hour's counters unless the stored document already includes it. */
        boolean add(String hour, long offset, Outcome outcome) {
            if (offset <= base.o) {
                return false;
            }
            contribution("c").add(outcome);
            contribution(hour).add(outcome);
            return true;
        }

        private Contribution contribution(String key) {
            Contribution c = contributions.get(key);
            if (c == null) {
                Contribution stored = base.contributions.get(key);
                c = stored == null ? Contribution.NONE.copy() : stored.copy();
                contributions.put(key, c);
            }
            return c;
        }

        HllSketch sketch(int lgK) {
            if (sketch == null) {
                sketch = base.sketch == null ? new HllSketch(lgK, TgtHllType.HLL_4) : base.sketch.copy();
            }
            return sketch;
        }
    }

    /** What one partition has counted and not written yet. */
    private static final class PartitionPending {
        final PartitionState state;
        final Map<String, Pending> docs = new HashMap<>();
        /** Refresh keys whose last counted view is among the unwritten views (see {@link RefreshWindow#outcome}). */
        final LongArrayList changedRefreshes = new LongArrayList();
        long maxOffset = -1;
        long maxTime = Long.MIN_VALUE;
        long views;

        PartitionPending(PartitionState state) {
            this.state = state;
        }
    }

    /**
     * A partition's views of one batch, with the documents they touch read in beforehand. Each touched document has a
     * slot; a view refers to its article-day document and its category-day documents by slot.
     */
    private record Prepared(PartitionState state, List<Accepted> views, int[] articleSlot, int[] categoryStart,
            int[] categorySlots, String[] collections, String[] ids, String[] keys, LoadedDoc[] bases) {
    }

    /** Slots of one owner's day documents (usually one day per batch; the chain holds the others). */
    private static final class DaySlot {
        final long day;
        final int slot;
        DaySlot next;

        DaySlot(long day, int slot) {
            this.day = day;
            this.slot = slot;
        }
    }

    /** Assigns a slot to each distinct (owner, day) document of one collection. */
    private static final class Slots {
        final String collection;
        final Map<String, DaySlot> byOwner = new HashMap<>();
        final List<String> collections;
        final List<String> ids;
        final Map<Long, String> dayNames;
        /** This collection's documents: their ids, cache keys and slots. */
        final List<String> ownIds = new ArrayList<>();
        final List<String> ownKeys = new ArrayList<>();
        final IntArrayList ownSlots = new IntArrayList();

        Slots(String collection, List<String> collections, List<String> ids, Map<Long, String> dayNames) {
            this.collection = collection;
            this.collections = collections;
            this.ids = ids;
            this.dayNames = dayNames;
        }

        int slot(String owner, long day) {
            DaySlot first = byOwner.get(owner);
            for (DaySlot d = first; d != null; d = d.next) {
                if (d.day == day) {
                    return d.slot;
                }
            }
            DaySlot added = new DaySlot(day, ids.size());
            added.next = first;
            byOwner.put(owner, added);
            String id = owner + '|' + dayNames.computeIfAbsent(day, d -> LocalDate.ofEpochDay(d).toString());
            collections.add(collection);
            ids.add(id);
            ownIds.add(id);
            ownKeys.add(PartitionState.key(collection, id));
            ownSlots.add(added.slot);
            return added.slot;
        }
    }

    private Prepared prepare(List<Accepted> views) {
        ViewRecord first = views.get(0).record();
        int partition = first.partition();
        PartitionState state = partitions.computeIfAbsent(first.topic() + '|' + partition,
                k -> new PartitionState(first.topic(), partition, properties.docCacheSize()));
        refreshWindow.load(state);

        // Which documents the views touch.
        List<String> collections = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        Map<Long, String> dayNames = new HashMap<>();
        Slots articleDays = new Slots(ARTICLE_DAYS, collections, ids, dayNames);
        Slots categoryDays = new Slots(CATEGORY_DAYS, collections, ids, dayNames);
        int[] articleSlot = new int[views.size()];
        int[] categoryStart = new int[views.size() + 1];
        int[] categorySlots = new int[views.size() * 3];
        int used = 0;
        for (int i = 0; i < views.size(); i++) {
            DecodedView view = views.get(i).view();
            long day = Math.floorDiv(view.viewedAt().getEpochSecond(), 86_400L);
            articleSlot[i] = articleDays.slot(view.articleId(), day);
            categoryStart[i] = used;
            List<String> credited = creditedCategories(view);
            for (int c = 0; c < credited.size(); c++) {
                if (used == categorySlots.length) {
                    categorySlots = java.util.Arrays.copyOf(categorySlots, used * 2);
                }
                categorySlots[used++] = categoryDays.slot(credited.get(c), day);
            }
        }
        categoryStart[views.size()] = used;

        // What this partition has already put into each of them: held here, not only in the cache, which may evict
        // while the views are added up.
        String[] keys = new String[ids.size()];
        LoadedDoc[] bases = new LoadedDoc[keys.length];
        for (Slots slots : List.of(articleDays, categoryDays)) {
            LoadedDoc[] docs = load(state, slots.collection, slots.ownIds, slots.ownKeys);
            for (int i = 0; i < docs.length; i++) {
                keys[slots.ownSlots.get(i)] = slots.ownKeys.get(i);
                bases[slots.ownSlots.get(i)] = docs[i];
            }
        }
        return new Prepared(state, views, articleSlot, categoryStart, categorySlots,
                collections.toArray(String[]::new), ids.toArray(String[]::new), keys, bases);
    }

    private void countPartition(Prepared prepared, PartitionPending into, BatchResult result) {
        PartitionState state = prepared.state();
        List<Accepted> views = prepared.views();
        long l1 = System.nanoTime();
        Pending[] documents = new Pending[prepared.keys().length];
        Map<String, Boolean> botVerdicts = new HashMap<>(); // few distinct User-Agents per batch: skip the shared cache
        boolean analyzerReady = false;
        for (int i = 0; i < views.size(); i++) {
            Accepted accepted = views.get(i);
            DecodedView view = accepted.view();
            long offset = accepted.record().offset();
            if (offset <= into.maxOffset) {
                result.alreadyCounted++; // already among the unwritten views (the batch was handed over twice)
                continue;
            }
            long time = view.viewedAt().toEpochMilli();
            if (!analyzerReady) {
                bots.awaitReady();
                analyzerReady = true;
            }
            Outcome outcome;
            if (accepted.record().rateLimited()) {
                outcome = Outcome.RATE_LIMITED;
            } else if (isBot(botVerdicts, view.userAgent())) {
                outcome = Outcome.BOT;
            } else {
                outcome = refreshWindow.outcome(state, into.changedRefreshes, view, time);
            }
            String hour = HOUR_PATHS[(int) Math.floorMod(view.viewedAt().getEpochSecond(), 86_400L) / 3600];

            Pending articleDay = document(documents, prepared, into, prepared.articleSlot()[i]);
            boolean fresh = articleDay.add(hour, offset, outcome);
            articleDay.latest = view;
            if (outcome == Outcome.COUNTED || outcome == Outcome.REFRESH) {
                articleDay.sketch(properties.hllLgK()).update(view.visitorKey());
            }
            for (int c = prepared.categoryStart()[i]; c < prepared.categoryStart()[i + 1]; c++) {
                document(documents, prepared, into, prepared.categorySlots()[c]).add(hour, offset, outcome);
            }
            if (fresh) {
                result.tally(outcome); // metrics count each view once, not once per redelivery
            } else {
                result.alreadyCounted++;
            }
        }
        into.views += views.size();
        for (Accepted accepted : views) {
            into.maxOffset = Math.max(into.maxOffset, accepted.record().offset());
            into.maxTime = Math.max(into.maxTime, accepted.view().viewedAt().toEpochMilli());
        }
        if (log.isDebugEnabled()) {
            log.debug("Partition {}: counted {} views in {} ms ({} documents, {} refresh entries unwritten)",
                    state.partition, views.size(), (System.nanoTime() - l1) / 1_000_000, into.docs.size(),
                    into.changedRefreshes.size());
        }
    }

    private boolean isBot(Map<String, Boolean> verdicts, String userAgent) {
        if (userAgent == null) {
            return bots.isBot(null);
        }
        Boolean verdict = verdicts.get(userAgent);
        if (verdict == null) {
            verdict = bots.isBot(userAgent);
            verdicts.put(userAgent, verdict);
        }
        return verdict;
    }

    /** The unwritten document in this slot: taken from what earlier batches counted, or started from its base. */
    private static Pending document(Pending[] documents, Prepared prepared, PartitionPending into, int slot) {
        Pending p = documents[slot];
        if (p == null) {
            p = into.docs.get(prepared.keys()[slot]);
            if (p == null) {
                p = new Pending(prepared.collections()[slot], prepared.ids()[slot], prepared.bases()[slot]);
                into.docs.put(prepared.keys()[slot], p);
            }
            documents[slot] = p;
        }
        return p;
    }

    static List<String> creditedCategories(DecodedView view) {
        if (view.categoryPath().isEmpty()) {
            return List.of(view.categoryId());
        }
        if (view.categoryPath().contains(view.categoryId())) {
            return view.categoryPath();
        }
        List<String> credited = new ArrayList<>(view.categoryPath());
        credited.add(view.categoryId());
        return credited;
    }

    // ---- MongoDB ----

    /** The documents with these ids (and cache keys), in the same order: from the cache or read from MongoDB. */
    private LoadedDoc[] load(PartitionState state, String collection, List<String> ids, List<String> keys) {
        LoadedDoc[] docs = new LoadedDoc[ids.size()];
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < docs.length; i++) {
            docs[i] = state.doc(keys.get(i));
            if (docs[i] == null) {
                missing.add(ids.get(i));
            }
        }
        if (missing.isEmpty()) {
            return docs;
        }
        String field = StatsDocs.partitionField(state.partition);
        MongoCollection<Document> collectionDocs = mongo.getCollection(collection);
        Map<String, LoadedDoc> loaded = new HashMap<>();
        // Small $in chunks: cheap on MongoDB, and mongo-java-server matches $in linearly per document.
        for (int i = 0; i < missing.size(); i += READ_CHUNK) {
            List<String> chunk = missing.subList(i, Math.min(missing.size(), i + READ_CHUNK));
            for (Document doc : collectionDocs.find(Filters.in("_id", chunk))) {
                loaded.put(doc.getString("_id"), parse(doc, field));
            }
        }
        for (int i = 0; i < docs.length; i++) {
            if (docs[i] == null) {
                docs[i] = loaded.getOrDefault(ids.get(i), new LoadedDoc());
                state.put(keys.get(i), docs[i]);
            }
        }
        return docs;
    }

    private static LoadedDoc parse(Document doc, String field) {
        LoadedDoc loaded = new LoadedDoc();
        loaded.categoryId = doc.getString("categoryId");
        loaded.categoryPath = doc.get("categoryPath") instanceof List<?> path
                ? path.stream().map(String::valueOf).toList() : null;
        if (doc.get("p") instanceof Document parts && parts.get(field) instanceof Document part) {
            loaded.o = part.get("o") instanceof Number o ? o.longValue() : -1;
            loaded.contributions.put("c", Contribution.fromDocument(part));
            if (part.get("h") instanceof Document hours) {
                hours.forEach((hour, value) -> loaded.contributions.put(hour, Contribution.fromDocument(value)));
            }
            if (part.get("hll") instanceof Binary bytes) {
                loaded.sketch = HllSketch.heapify(bytes.getData());
            }
        }
        return loaded;
    }

    /**
     * One upsert per touched document. The partition's part is written whole, {o, day counters, h, hll}, with
     * {@code $max}: MongoDB compares embedded documents field by field in order, and {@code o} comes first, so the
     * part is replaced only by one that includes a later offset. One path per write also keeps each write cheap.
     */
    private static void counterWrites(Collection<Pending> pending, String field, long maxOffset,
            Map<String, List<WriteModel<Document>>> writes) {
        for (Pending p : pending) {
            if (p.contributions.isEmpty() && p.sketch == null) {
                continue; // everything counted for it was already included
            }
            Map<String, Contribution> all = new java.util.TreeMap<>(p.base.contributions);
            all.putAll(p.contributions);
            Document part = new Document("o", maxOffset);
            all.getOrDefault("c", Contribution.NONE).appendTo(part);
            Document hours = new Document();
            all.forEach((key, c) -> {
                if (!key.equals("c")) {
                    hours.put(key, c.appendTo(new Document()));
                }
            });
            part.append("h", hours);
            HllSketch sketch = p.sketch != null ? p.sketch : p.base.sketch;
            if (sketch != null) {
                part.append("hll", new Binary(sketch.toCompactByteArray()));
            }
            Document max = new Document("p." + field, part);
            Document update = new Document("$max", max);
            DecodedView latest = p.latest;
            int bar = p.id.lastIndexOf('|');
            LocalDate day = LocalDate.parse(p.id.substring(bar + 1));
            switch (p.collection) {
                case ARTICLE_DAYS -> {
                    update.put("$setOnInsert", new Document("articleId", p.id.substring(0, bar))
                            .append("day", day.toString()).append("start", Date.from(StatsDocs.startOf(day))));
                    if (latest != null) {
                        List<String> path = creditedCategories(latest);
                        if (!latest.categoryId().equals(p.base.categoryId) || !path.equals(p.base.categoryPath)) {
                            update.put("$set", new Document("categoryId", latest.categoryId())
                                    .append("categoryPath", path));
                        }
                        max.put("lastViewAt", Date.from(latest.viewedAt()));
                    }
                }
                case CATEGORY_DAYS -> update.put("$setOnInsert", new Document("categoryId", p.id.substring(0, bar))
                        .append("day", day.toString()).append("start", Date.from(StatsDocs.startOf(day))));
                default -> throw new IllegalStateException(p.collection);
            }
            writes.computeIfAbsent(p.collection, k -> new ArrayList<>())
                    .add(new UpdateOneModel<>(Filters.eq("_id", p.id), update, UPSERT));
        }
    }

    /** What one batch did; also the source of the metrics. */
    public static final class BatchResult {
        public static final String BOT = "bot";
        public static final String REFRESH = "refresh";
        public static final String RATE_LIMITED = "rate_limited";
        public static final String INVALID = "invalid";
        public static final String UNKNOWN_ARTICLE = "unknown_article";
        public static final String FUTURE = "future";
        public static final String DUPLICATE = "duplicate";
        public static final String UNSUPPORTED_TYPE = "unsupported_type";

        public long received;
        public long counted;
        public long parked;
        public long deadLettered;
        /** Views a redelivery brought again that the counters already included. */
        public long alreadyCounted;
        public final Map<String, Long> dropped = new LinkedHashMap<>();
        /** Per outcome, counted by tally() in the hot loop and folded into the totals by merge(). */
        private final long[] outcomes = new long[Outcome.values().length];

        void dropped(String reason) {
            dropped.merge(reason, 1L, Long::sum);
        }

        void merge(BatchResult other) {
            received += other.received;
            counted += other.counted;
            parked += other.parked;
            deadLettered += other.deadLettered;
            alreadyCounted += other.alreadyCounted;
            other.dropped.forEach((reason, n) -> dropped.merge(reason, n, Long::sum));
            addDropped(BOT, other.outcomes[Outcome.BOT.ordinal()]);
            addDropped(REFRESH, other.outcomes[Outcome.REFRESH.ordinal()]);
            addDropped(RATE_LIMITED, other.outcomes[Outcome.RATE_LIMITED.ordinal()]);
        }

        private void addDropped(String reason, long n) {
            if (n > 0) {
                dropped.merge(reason, n, Long::sum);
            }
        }

        void tally(Outcome outcome) {
            if (outcome == Outcome.COUNTED) {
                counted++;
            } else {
                outcomes[outcome.ordinal()]++;
            }
        }

        public long dropped(String reason, long fallback) {
            return dropped.getOrDefault(reason, fallback);
        }

        @Override
        public String toString() {
            return "received=" + received + " counted=" + counted + " parked=" + parked + " deadLettered="
                    + deadLettered + " alreadyCounted=" + alreadyCounted + " dropped=" + dropped;
        }
    }
}
