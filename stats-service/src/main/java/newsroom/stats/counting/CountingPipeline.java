package newsroom.stats.counting;

import static newsroom.stats.counting.StatsDocs.ARTICLE_DAYS;
import static newsroom.stats.counting.StatsDocs.ARTICLE_TOTALS;
import static newsroom.stats.counting.StatsDocs.CATEGORY_DAYS;
import static newsroom.stats.counting.StatsDocs.CATEGORY_TOTALS;
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
        Instant now = clock.instant();
        BatchResult result = new BatchResult();
        List<ViewGate.DeadLetter> deadLetters = new ArrayList<>();
        List<Accepted> candidates = new ArrayList<>(records.size());
        for (ViewRecord record : records) {
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
            ViewDecoder.Result decoded = decoder.decode(record.value());
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

        // Dead letters and parked views first: if they fail, nothing is counted and the batch is redelivered.
        var sent = gate.deadLetter(deadLetters);
        gate.park(toPark);
        List<Runnable> onSuccess = new ArrayList<>();
        try {
            for (List<Accepted> views : byPartition.values()) {
                countPartition(views, result, onSuccess);
            }
            sent.join();
        } catch (RuntimeException e) {
            byPartition.keySet().forEach(partitions::remove);
            throw e;
        }
        onSuccess.forEach(Runnable::run);
        result.deadLettered = deadLetters.size();
        metrics.record(result);
        if (log.isDebugEnabled()) {
            log.debug("Batch of {}: {}", records.size(), result);
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
        for (Accepted accepted : views) {
            DecodedView view = accepted.view();
            LocalDate day = StatsDocs.dayOf(view.viewedAt());
            touched.computeIfAbsent(ARTICLE_TOTALS, k -> new HashSet<>()).add(view.articleId());
            touched.computeIfAbsent(ARTICLE_DAYS, k -> new HashSet<>()).add(StatsDocs.dayId(view.articleId(), day));
            for (String category : creditedCategories(view)) {
                touched.computeIfAbsent(CATEGORY_TOTALS, k -> new HashSet<>()).add(category);
                touched.computeIfAbsent(CATEGORY_DAYS, k -> new HashSet<>()).add(StatsDocs.dayId(category, day));
            }
        }
        touched.forEach((collection, ids) -> load(state, collection, ids));

        String field = StatsDocs.partitionField(partition);
        Map<String, Pending> pending = new LinkedHashMap<>();
        Map<String, Long> refreshes = new HashMap<>();
        long maxOffset = -1;
        long maxTime = state.watermark;
        boolean analyzerReady = false;
        for (Accepted accepted : views) {
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
            String hour = "h." + StatsDocs.hourKey(view.viewedAt());
            LocalDate day = StatsDocs.dayOf(view.viewedAt());

            Pending totals = pending(pending, state, ARTICLE_TOTALS, view.articleId());
            boolean fresh = totals.add("c", offset, outcome);
            totals.latest = view;
            Pending articleDay = pending(pending, state, ARTICLE_DAYS, StatsDocs.dayId(view.articleId(), day));
            articleDay.add("c", offset, outcome);
            articleDay.add(hour, offset, outcome);
            articleDay.latest = view;
            if (outcome == Outcome.COUNTED || outcome == Outcome.REFRESH) {
                articleDay.sketch(properties.hllLgK()).update(view.visitorKey());
            }
            for (String category : creditedCategories(view)) {
                pending(pending, state, CATEGORY_TOTALS, category).add("c", offset, outcome);
                Pending categoryDay = pending(pending, state, CATEGORY_DAYS, StatsDocs.dayId(category, day));
                categoryDay.add("c", offset, outcome);
                categoryDay.add(hour, offset, outcome);
            }
            if (fresh) {
                result.tally(outcome); // metrics count each view once, not once per redelivery
            } else {
                result.alreadyCounted++;
            }
        }

        writeCounters(pending.values(), field, maxOffset);
        writeRefreshState(state, refreshes);

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
            refreshes.keySet().forEach(k -> {
                Set<String> unsets = state.pendingUnsets.get(bucketOf(k));
                if (unsets != null) {
                    unsets.remove(escape(k));
                }
            });
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
                case ARTICLE_TOTALS -> {
                    update.put("$setOnInsert", new Document("articleId", p.id));
                    if (latest != null) {
                        update.put("$set", new Document("categoryId", latest.categoryId())
                                .append("categoryPath", creditedCategories(latest)));
                        max.put("lastViewAt", Date.from(latest.viewedAt()));
                    }
                }
                case ARTICLE_DAYS -> {
                    LocalDate day = LocalDate.parse(p.id.substring(p.id.lastIndexOf('|') + 1));
                    update.put("$setOnInsert", new Document("articleId", p.id.substring(0, p.id.lastIndexOf('|')))
                            .append("day", day.toString()).append("start", Date.from(StatsDocs.startOf(day))));
                    if (latest != null) {
                        update.put("$set", new Document("categoryId", latest.categoryId())
                                .append("categoryPath", creditedCategories(latest)));
                    }
                }
                case CATEGORY_TOTALS -> update.put("$setOnInsert", new Document("categoryId", p.id));
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

    // ---- refresh state: per partition, in bucket documents {_id: topic|partition|bucket, v: {article|visitor: t}}

    private int bucketOf(String key) {
        return (key.hashCode() & 0x7fffffff) % properties.refreshStateBuckets();
    }

    private static String bucketId(PartitionState state, int bucket) {
        return state.topic + '|' + state.partition + '|' + bucket;
    }

    private void loadRefreshState(PartitionState state) {
        if (state.refreshLoaded) {
            return;
        }
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < properties.refreshStateBuckets(); b++) {
            ids.add(bucketId(state, b));
        }
        for (Document doc : mongo.getCollection(REFRESH_STATE).find(Filters.in("_id", ids))) {
            if (doc.get("v") instanceof Document entries) {
                entries.forEach((field, value) -> {
                    if (value instanceof Number t) {
                        state.lastCounted.put(unescape(field), t.longValue());
                        state.watermark = Math.max(state.watermark, t.longValue());
                    }
                });
            }
        }
        state.refreshLoaded = true;
    }

    private void writeRefreshState(PartitionState state, Map<String, Long> changes) {
        Map<Integer, Document> maxByBucket = new HashMap<>();
        changes.forEach((key, time) -> maxByBucket.computeIfAbsent(bucketOf(key), b -> new Document())
                .put("v." + escape(key), time));
        Set<Integer> buckets = new LinkedHashSet<>(maxByBucket.keySet());
        buckets.addAll(state.pendingUnsets.keySet());
        if (buckets.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> models = new ArrayList<>();
        for (int bucket : buckets) {
            Document update = new Document("$setOnInsert", new Document("topic", state.topic)
                    .append("partition", state.partition).append("bucket", bucket));
            Document max = maxByBucket.get(bucket);
            if (max != null) {
                update.put("$max", max);
            }
            Set<String> unsets = state.pendingUnsets.getOrDefault(bucket, Set.of());
            Document unset = new Document();
            for (String field : unsets) {
                if (max == null || !max.containsKey("v." + field)) {
                    unset.put("v." + field, "");
                }
            }
            if (!unset.isEmpty()) {
                update.put("$unset", unset);
            }
            models.add(new UpdateOneModel<>(Filters.eq("_id", bucketId(state, bucket)), update, UPSERT));
        }
        mongo.getCollection(REFRESH_STATE).bulkWrite(models, UNORDERED);
        state.pendingUnsets.clear(); // written with this batch; the cache is dropped if the write failed
    }

    private void expireRefreshState(PartitionState state) {
        long cutoff = state.watermark - expiryMillis;
        var entries = state.lastCounted.entrySet().iterator();
        while (entries.hasNext()) {
            var entry = entries.next();
            if (entry.getValue() < cutoff) {
                state.pendingUnset(bucketOf(entry.getKey()), escape(entry.getKey()));
                entries.remove();
            }
        }
    }

    /** Field names may not contain '.' or start with '$': those (and '%') are percent-escaped. */
    static String escape(String key) {
        if (key.indexOf('.') < 0 && key.indexOf('$') < 0 && key.indexOf('%') < 0) {
            return key;
        }
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String unescape(String field) {
        if (field.indexOf('%') < 0) {
            return field;
        }
        return field.replace("%2E", ".").replace("%24", "$").replace("%25", "%");
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
