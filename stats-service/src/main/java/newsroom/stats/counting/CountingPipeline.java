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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import newsroom.contracts.CloudEventHeaders;
import newsroom.contracts.EventTypes;
import newsroom.stats.StatsProperties;
import newsroom.stats.counting.Contribution.Outcome;
import newsroom.stats.counting.PartitionState.LoadedDoc;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Counts one batch of article-viewed records: classifies every record, aggregates per counter document in memory and
 * writes each touched document once, with unordered bulk upserts guarded per partition (see {@link Contribution}).
 *
 * <h2>Effectively once</h2>
 * Every counter document keeps, per partition, the offset up to which that partition's views are included. Before
 * aggregating, the batch knows each touched document's stored offset (from memory, or read once from MongoDB after a
 * restart or rebalance), and adds only views with a greater offset; the write carries the batch's last offset and goes
 * through {@code $max}, so it cannot apply twice. A crash between the writes and the offset commit therefore leaves
 * nothing to undo: the redelivered records are either already included in a document (skipped) or not (added), per
 * document, whatever the new batch boundaries are. A replay of the whole topic changes nothing.
 *
 * <h2>Refreshes</h2>
 * The last counted view of each (article, visitor) is state of the partition, written after the counters (to bucket
 * documents, {@code $max} per entry, so it only moves forward). A replayed view meets state that is as new as, or
 * newer than, what it met the first time: its own decision may differ, but it is already included in every counter it
 * touches, and views after it decide exactly as they did, because a counted view's time only ever raises the state.
 * Unique visitors are HyperLogLog sketches: adding a visitor twice changes nothing, so replays are harmless there too.
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
            HOUR_PATHS[h] = "h." + (h < 10 ? "0" + h : Integer.toString(h));
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
    private final long windowMillis;
    private final long expiryMillis;
    private final Map<String, PartitionState> partitions = new ConcurrentHashMap<>();
    private final java.util.concurrent.ExecutorService workers = java.util.concurrent.Executors.newFixedThreadPool(
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
        this.windowMillis = properties.refreshWindow().toMillis();
        this.expiryMillis = windowMillis + properties.refreshStateGrace().toMillis();
    }

    /** Forgets what is cached for these partitions (they were revoked or newly assigned). */
    public void forget(String topic, Collection<Integer> revoked) {
        revoked.forEach(p -> partitions.remove(topic + '|' + p));
    }

    /** Forgets everything cached, as a restarted process would have. */
    public void forgetAll() {
        partitions.clear();
    }

    /** A view that passed the static checks. */
    private record Accepted(ViewRecord record, DecodedView view, boolean rateLimited) {
    }

    /**
     * Counts the batch. Returns after everything it decided is durable: counters, refresh state, parked views and
     * dead letters. Throws if any of that failed; the caller retries the whole batch, which is safe.
     */
    public synchronized BatchResult process(List<ViewRecord> records) {
        long t0 = System.nanoTime();
        Instant now = clock.instant();
        BatchResult result = new BatchResult();
        List<ViewGate.DeadLetter> deadLetters = new ArrayList<>();
        List<Accepted> candidates = new ArrayList<>(records.size());
        // Parsing is the costliest step per record and needs no state: spread it over the cores.
        ViewDecoder.Result[] decodedAll = new ViewDecoder.Result[records.size()];
        java.util.stream.IntStream.range(0, records.size()).parallel().forEach(i -> {
            String t = records.get(i).header(CloudEventHeaders.TYPE);
            if (EventTypes.ARTICLE_VIEWED.equals(t)) {
                decodedAll[i] = decoder.decode(records.get(i).value());
            }
        });
        int index = -1;
        for (ViewRecord record : records) {
            index++;
            boolean released = record.header(RELEASED_HEADER) != null;
            if (!released) {
                result.received++;
            }
            String type = record.header(CloudEventHeaders.TYPE);
            if (type != null && !EventTypes.ARTICLE_VIEWED.equals(type) && EventTypes.payloadOf(type) == null) {
                result.dropped(BatchResult.UNSUPPORTED_TYPE); // a newer version beside v1: not ours to read
                continue;
            }
            if (type == null || !EventTypes.ARTICLE_VIEWED.equals(type)) {
                result.dropped(BatchResult.INVALID);
                deadLetters.add(new ViewGate.DeadLetter(record, "invalid: ce_type is "
                        + (type == null ? "missing" : "'" + type + "'") + ", expected " + EventTypes.ARTICLE_VIEWED));
                continue;
            }
            ViewDecoder.Result decoded = decodedAll[index];
            if (decoded.view() == null) {
                result.dropped(BatchResult.INVALID);
                deadLetters.add(new ViewGate.DeadLetter(record, "invalid: " + decoded.invalidReason()));
                continue;
            }
            DecodedView view = decoded.view();
            if (view.viewedAt().isAfter(now.plus(properties.maxFutureSkew()))) {
                result.dropped(BatchResult.FUTURE);
                deadLetters.add(new ViewGate.DeadLetter(record, "future: viewedAt " + view.viewedAt()
                        + " is more than " + properties.maxFutureSkew() + " ahead of " + now));
                continue;
            }
            candidates.add(new Accepted(record, view, "true".equalsIgnoreCase(record.header(RATE_LIMITED_HEADER))));
        }

        long t1 = System.nanoTime();
        Set<String> articleIds = new HashSet<>();
        candidates.forEach(c -> articleIds.add(c.view().articleId()));
        Set<String> known = gate.known(articleIds);
        List<ViewGate.Parked> toPark = new ArrayList<>();
        Map<String, List<Accepted>> byPartition = new LinkedHashMap<>();
        for (Accepted candidate : candidates) {
            ViewRecord record = candidate.record();
            if (!known.contains(candidate.view().articleId())) {
                toPark.add(new ViewGate.Parked(record, candidate.view()));
                result.parked++;
                continue;
            }
            if (record.header(RELEASED_HEADER) != null
                    && !gate.claimRelease(candidate.view().viewId(), record.topic(), record.partition(),
                    record.offset())) {
                result.dropped(BatchResult.DUPLICATE);
                continue;
            }
            byPartition.computeIfAbsent(record.topic() + '|' + record.partition(), k -> new ArrayList<>())
                    .add(candidate);
        }

        long t2 = System.nanoTime();
        // Dead letters and parked views first: if they fail, nothing is counted and the batch is redelivered.
        var sent = gate.deadLetter(deadLetters);
        gate.park(toPark);
        List<Runnable> onSuccess = java.util.Collections.synchronizedList(new ArrayList<>());
        List<BatchResult> partitionResults = new ArrayList<>();
        try {
            // Partitions share no state (an article lives in one), so they are counted side by side.
            List<java.util.concurrent.CompletableFuture<Void>> counted = new ArrayList<>();
            for (List<Accepted> views : byPartition.values()) {
                BatchResult partitionResult = new BatchResult();
                partitionResults.add(partitionResult);
                counted.add(java.util.concurrent.CompletableFuture.runAsync(
                        () -> countPartition(views, partitionResult, onSuccess), workers));
            }
            java.util.concurrent.CompletableFuture.allOf(counted.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .join();
            sent.join();
        } catch (java.util.concurrent.CompletionException e) {
            byPartition.keySet().forEach(partitions::remove);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } catch (RuntimeException e) {
            byPartition.keySet().forEach(partitions::remove);
            throw e;
        }
        onSuccess.forEach(Runnable::run);
        partitionResults.forEach(result::merge);
        result.deadLettered = deadLetters.size();
        metrics.record(result);
        metrics.batch(System.nanoTime() - t0);
        if (log.isDebugEnabled()) {
            log.debug("Batch of {} in {} ms (decode {} ms, known {} ms, count {} ms): {}", records.size(),
                    (System.nanoTime() - t0) / 1_000_000, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000,
                    (System.nanoTime() - t2) / 1_000_000, result);
        }
        return result;
    }

    /** One touched counter document, with the contributions this batch adds to it. */
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

        /** Adds the view to the counter at {@code path} unless the stored counter already includes its offset. */
        boolean add(String path, long offset, Outcome outcome) {
            Contribution stored = base.contributions.getOrDefault(path, Contribution.NONE);
            if (offset <= stored.o) {
                return false;
            }
            contributions.computeIfAbsent(path, p -> stored.copy()).add(outcome);
            return true;
        }

        HllSketch sketch(int lgK) {
            if (sketch == null) {
                sketch = base.sketch == null ? new HllSketch(lgK, TgtHllType.HLL_4) : base.sketch.copy();
            }
            return sketch;
        }
    }

    private void countPartition(List<Accepted> views, BatchResult result, List<Runnable> onSuccess) {
        ViewRecord first = views.get(0).record();
        int partition = first.partition();
        PartitionState state = partitions.computeIfAbsent(first.topic() + '|' + partition,
                k -> new PartitionState(first.topic(), partition, properties.docCacheSize()));
        loadRefreshState(state);

        // Which documents this batch touches, and what this partition has already put into each of them.
        Map<String, Set<String>> touched = new HashMap<>();
        String[] dayIds = new String[views.size()];
        String[][] categoryDayIds = new String[views.size()][];
        Map<String, String> dayIdCache = new HashMap<>();
        for (int i = 0; i < views.size(); i++) {
            DecodedView view = views.get(i).view();
            String day = StatsDocs.dayOf(view.viewedAt()).toString();
            dayIds[i] = dayIdCache.computeIfAbsent(view.articleId() + '|' + day, k -> k);
            touched.computeIfAbsent(ARTICLE_DAYS, k -> new HashSet<>()).add(dayIds[i]);
            List<String> categories = creditedCategories(view);
            categoryDayIds[i] = new String[categories.size()];
            for (int c = 0; c < categories.size(); c++) {
                categoryDayIds[i][c] = dayIdCache.computeIfAbsent(categories.get(c) + '|' + day, k -> k);
                touched.computeIfAbsent(CATEGORY_DAYS, k -> new HashSet<>()).add(categoryDayIds[i][c]);
            }
        }
        long l0 = System.nanoTime();
        touched.forEach((collection, ids) -> load(state, collection, ids));
        long l1 = System.nanoTime();

        String field = StatsDocs.partitionField(partition);
        Map<String, Pending> pending = new LinkedHashMap<>();
        Map<String, Long> refreshes = new HashMap<>();
        long maxOffset = -1;
        long maxTime = state.watermark;
        boolean analyzerReady = false;
        for (int i = 0; i < views.size(); i++) {
            Accepted accepted = views.get(i);
            DecodedView view = accepted.view();
            long offset = accepted.record().offset();
            maxOffset = Math.max(maxOffset, offset);
            long time = view.viewedAt().toEpochMilli();
            maxTime = Math.max(maxTime, time);
            if (!analyzerReady) {
                bots.awaitReady();
                analyzerReady = true;
            }
            Outcome outcome;
            if (accepted.rateLimited()) {
                outcome = Outcome.RATE_LIMITED;
            } else if (bots.isBot(view.userAgent())) {
                outcome = Outcome.BOT;
            } else {
                outcome = refreshOutcome(state, refreshes, view, time);
            }
            String hour = HOUR_PATHS[(int) Math.floorMod(view.viewedAt().getEpochSecond(), 86_400L) / 3600];

            Pending articleDay = pending(pending, state, ARTICLE_DAYS, dayIds[i]);
            boolean fresh = articleDay.add("c", offset, outcome);
            articleDay.add(hour, offset, outcome);
            articleDay.latest = view;
            if (outcome == Outcome.COUNTED || outcome == Outcome.REFRESH) {
                articleDay.sketch(properties.hllLgK()).update(view.visitorKey());
            }
            for (String categoryDayId : categoryDayIds[i]) {
                Pending categoryDay = pending(pending, state, CATEGORY_DAYS, categoryDayId);
                categoryDay.add("c", offset, outcome);
                categoryDay.add(hour, offset, outcome);
            }
            if (fresh) {
                result.tally(outcome); // metrics count each view once, not once per redelivery
            } else {
                result.alreadyCounted++;
            }
        }

        long l2 = System.nanoTime();
        writeCounters(pending.values(), field, maxOffset);
        long l3 = System.nanoTime();
        Map<String, Map<String, Long>> rewrittenChunks = writeRefreshState(state, refreshes, maxOffset);
        if (log.isDebugEnabled()) {
            log.debug("Partition {}: {} views, load {} ms, aggregate {} ms, counters {} ms ({} documents), "
                    + "refresh state {} ms ({} entries)", partition, views.size(), (l1 - l0) / 1_000_000,
                    (l2 - l1) / 1_000_000, (l3 - l2) / 1_000_000, pending.size(),
                    (System.nanoTime() - l3) / 1_000_000, refreshes.size());
        }

        long batchMaxOffset = maxOffset;
        long watermark = maxTime;
        onSuccess.add(() -> {
            for (Pending p : pending.values()) {
                LoadedDoc doc = p.base;
                p.contributions.forEach((path, c) -> {
                    c.o = batchMaxOffset;
                    doc.contributions.put(path, c);
                });
                if (p.sketch != null) {
                    doc.sketch = p.sketch;
                }
            }
            state.lastCounted.putAll(refreshes);
            state.chunks.putAll(rewrittenChunks);
            state.watermark = watermark;
            expireRefreshState(state);
        });
    }

    private Pending pending(Map<String, Pending> pending, PartitionState state, String collection, String id) {
        String key = PartitionState.key(collection, id);
        Pending p = pending.get(key);
        if (p == null) {
            LoadedDoc base = state.doc(collection, id);
            if (base == null) { // evicted since the batch started: load it again
                load(state, collection, Set.of(id));
                base = state.doc(collection, id);
            }
            p = new Pending(collection, id, base);
            pending.put(key, p);
        }
        return p;
    }

    private Outcome refreshOutcome(PartitionState state, Map<String, Long> batch, DecodedView view, long time) {
        String key = view.articleId() + '|' + view.visitorKey();
        Long last = batch.get(key);
        if (last == null) {
            last = state.lastCounted.get(key);
        }
        if (last != null && time < last + windowMillis && time > last - windowMillis) {
            return Outcome.REFRESH;
        }
        batch.put(key, last == null ? time : Math.max(last, time));
        return Outcome.COUNTED;
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

    private void load(PartitionState state, String collection, Set<String> ids) {
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            if (state.doc(collection, id) == null) {
                missing.add(id);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String field = StatsDocs.partitionField(state.partition);
        MongoCollection<Document> docs = mongo.getCollection(collection);
        Map<String, LoadedDoc> loaded = new HashMap<>();
        // Small $in chunks: cheap on MongoDB, and mongo-java-server matches $in linearly per document.
        for (int i = 0; i < missing.size(); i += READ_CHUNK) {
            List<String> chunk = missing.subList(i, Math.min(missing.size(), i + READ_CHUNK));
            for (Document doc : docs.find(Filters.in("_id", chunk))) {
                loaded.put(doc.getString("_id"), parse(doc, field));
            }
        }
        for (String id : missing) {
            state.put(collection, id, loaded.getOrDefault(id, new LoadedDoc()));
        }
    }

    private static LoadedDoc parse(Document doc, String field) {
        LoadedDoc loaded = new LoadedDoc();
        if (doc.get("c") instanceof Document c && c.get(field) != null) {
            loaded.contributions.put("c", Contribution.fromDocument(c.get(field)));
        }
        if (doc.get("h") instanceof Document hours) {
            hours.forEach((hour, value) -> {
                if (value instanceof Document perPartition && perPartition.get(field) != null) {
                    loaded.contributions.put("h." + hour, Contribution.fromDocument(perPartition.get(field)));
                }
            });
        }
        if (doc.get("s") instanceof Document sketches && sketches.get(field) instanceof Document s
                && s.get("hll") instanceof Binary bytes) {
            loaded.sketch = HllSketch.heapify(bytes.getData());
        }
        return loaded;
    }

    private void writeCounters(Collection<Pending> pending, String field, long batchMaxOffset) {
        Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        for (Pending p : pending) {
            if (p.contributions.isEmpty() && p.sketch == null) {
                continue; // everything in this batch was already included
            }
            Document max = new Document();
            p.contributions.forEach((path, c) -> {
                Document value = c.toDocument();
                value.put("o", batchMaxOffset);
                max.put(path + "." + field, value);
            });
            if (p.sketch != null) {
                max.put("s." + field, new Document("o", batchMaxOffset)
                        .append("hll", new Binary(p.sketch.toCompactByteArray())));
            }
            Document update = new Document("$max", max);
            DecodedView latest = p.latest;
            switch (p.collection) {
                case ARTICLE_DAYS -> {
                    LocalDate day = LocalDate.parse(p.id.substring(p.id.lastIndexOf('|') + 1));
                    update.put("$setOnInsert", new Document("articleId", p.id.substring(0, p.id.lastIndexOf('|')))
                            .append("day", day.toString()).append("start", Date.from(StatsDocs.startOf(day))));
                    if (latest != null) {
                        update.put("$set", new Document("categoryId", latest.categoryId())
                                .append("categoryPath", creditedCategories(latest)));
                        max.put("lastViewAt", Date.from(latest.viewedAt()));
                    }
                }
                case CATEGORY_DAYS -> {
                    LocalDate day = LocalDate.parse(p.id.substring(p.id.lastIndexOf('|') + 1));
                    update.put("$setOnInsert", new Document("categoryId", p.id.substring(0, p.id.lastIndexOf('|')))
                            .append("day", day.toString()).append("start", Date.from(StatsDocs.startOf(day))));
                }
                default -> throw new IllegalStateException(p.collection);
            }
            writes.computeIfAbsent(p.collection, k -> new ArrayList<>())
                    .add(new UpdateOneModel<>(Filters.eq("_id", p.id), update, UPSERT));
        }
        writes.forEach((collection, models) -> mongo.getCollection(collection).bulkWrite(models, UNORDERED));
    }

    // ---- refresh state: per partition, in chunk documents by time slot of the counted view and by key hash:
    // {_id: topic|partition|slotStart|chunk, topic, partition, slot, state: {o, n, blob}}. A batch rewrites only the
    // chunks its counted views fall in (the newest slots), each whole, with $max on {o, ...}: a newer offset wins.
    // Older slots are never written again and are deleted when the window has passed them.

    private static final long SLOT_MILLIS = 5 * 60_000L;

    private String chunkId(PartitionState state, String key, long time) {
        long slot = Math.floorDiv(time, SLOT_MILLIS) * SLOT_MILLIS;
        int chunk = (key.hashCode() & 0x7fffffff) % properties.refreshStateBuckets();
        return state.topic + '|' + state.partition + '|' + slot + '|' + chunk;
    }

    private static long slotOf(String chunkId) {
        String[] parts = chunkId.split("\\|");
        return Long.parseLong(parts[parts.length - 2]);
    }

    private void loadRefreshState(PartitionState state) {
        if (state.refreshLoaded) {
            return;
        }
        for (Document doc : mongo.getCollection(REFRESH_STATE)
                .find(Filters.and(Filters.eq("topic", state.topic), Filters.eq("partition", state.partition)))) {
            if (doc.get("state") instanceof Document s && s.get("blob") instanceof Binary blob) {
                Map<String, Long> entries = decodeEntries(blob.getData());
                state.chunks.put(doc.getString("_id"), entries);
                entries.forEach((key, t) -> {
                    state.lastCounted.merge(key, t, Math::max);
                    state.watermark = Math.max(state.watermark, t);
                });
            }
        }
        expireRefreshState(state);
        state.refreshLoaded = true;
    }

    /** Writes the chunks this batch adds to; returns them, to be cached once the batch has succeeded. */
    private Map<String, Map<String, Long>> writeRefreshState(PartitionState state, Map<String, Long> changes,
            long batchMaxOffset) {
        Map<String, Map<String, Long>> rewritten = new HashMap<>();
        changes.forEach((key, time) -> rewritten.computeIfAbsent(chunkId(state, key, time), id -> {
            Map<String, Long> existing = state.chunks.get(id);
            return existing == null ? new HashMap<>() : new HashMap<>(existing);
        }).put(key, time));
        List<WriteModel<Document>> models = new ArrayList<>();
        rewritten.forEach((id, entries) -> models.add(new UpdateOneModel<>(Filters.eq("_id", id), new Document(
                "$setOnInsert", new Document("topic", state.topic).append("partition", state.partition)
                        .append("slot", new Date(slotOf(id))))
                .append("$max", new Document("state", new Document("o", batchMaxOffset).append("n", entries.size())
                        .append("blob", new Binary(encodeEntries(entries))))), UPSERT)));
        if (!models.isEmpty()) {
            mongo.getCollection(REFRESH_STATE).bulkWrite(models, UNORDERED);
        }
        if (!state.expiredChunks.isEmpty()) {
            mongo.getCollection(REFRESH_STATE).deleteMany(Filters.in("_id", new ArrayList<>(state.expiredChunks)));
            state.expiredChunks.clear();
        }
        return rewritten;
    }

    private void expireRefreshState(PartitionState state) {
        long cutoff = state.watermark - expiryMillis;
        var chunks = state.chunks.entrySet().iterator();
        while (chunks.hasNext()) {
            var chunk = chunks.next();
            if (slotOf(chunk.getKey()) + SLOT_MILLIS < cutoff) {
                chunk.getValue().forEach((key, t) -> state.lastCounted.remove(key, t));
                state.expiredChunks.add(chunk.getKey());
                chunks.remove();
            }
        }
    }

    static byte[] encodeEntries(Map<String, Long> entries) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(entries.size() * 56 + 4);
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            out.writeInt(entries.size());
            for (Map.Entry<String, Long> e : entries.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Map<String, Long> decodeEntries(byte[] blob) {
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(blob))) {
            int n = in.readInt();
            Map<String, Long> entries = new HashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                entries.put(in.readUTF(), in.readLong());
            }
            return entries;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
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
        private final Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);

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
            other.outcomes.forEach((outcome, n) -> outcomes.merge(outcome, n, Long::sum));
        }

        void tally(Outcome outcome) {
            outcomes.merge(outcome, 1L, Long::sum);
            switch (outcome) {
                case COUNTED -> counted++;
                case BOT -> dropped(BOT);
                case REFRESH -> dropped(REFRESH);
                case RATE_LIMITED -> dropped(RATE_LIMITED);
                default -> throw new IllegalArgumentException(outcome.name());
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
