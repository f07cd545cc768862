package newsroom.stats.store;

import static newsroom.stats.store.StatsDocs.REFRESH_STATE;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import newsroom.stats.tally.Contribution;
import newsroom.stats.tally.CounterKey;
import newsroom.stats.tally.DecodedView;
import newsroom.stats.tally.PartitionTally;
import newsroom.stats.tally.PendingDoc;
import newsroom.stats.tally.StoredPart;
import newsroom.stats.tally.TouchedDocs;
import org.apache.datasketches.hll.HllSketch;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The counter documents (see {@link StatsDocs}) as counting reads and writes them: reads what a partition has put into
 * the documents a batch touches (from its cache, else from MongoDB), and writes a flush with unordered bulk upserts,
 * each a single {@code $max} on the partition's part, guarded by the offset it includes.
 *
 * <h2>Effectively once</h2>
 * Every counter document keeps, per source partition (article-viewed's and the retry topic's, each in its own part),
 * the offset up to which that partition's views are included. Before
 * adding up, a batch knows each touched document's stored offset, and adds only views with a greater offset; the
 * write carries the partition's last counted offset and goes through {@code $max}, so it cannot apply twice, and a
 * stale writer cannot go backwards. A crash between the writes and the offset commit therefore leaves nothing to
 * undo: the redelivered records are either already included in a document (skipped) or not (added), per document,
 * whatever the new batch boundaries are. A replay of the whole topic changes nothing.
 */
public final class CounterStore {

    private static final int READ_CHUNK = 200;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoTemplate mongo;
    private final RefreshStore refreshes;

    public CounterStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.refreshes = new RefreshStore(mongo);
    }

    /**
     * Fills in what the partition has put into each touched document, from its cache or read from MongoDB (in small
     * {@code $in} chunks: cheap on MongoDB, and mongo-java-server matches {@code $in} linearly per document); reads
     * the partition's refresh state first if it was not read since the partition was assigned.
     */
    public void load(PartitionState state, TouchedDocs touched) {
        refreshes.load(state);
        List<CounterKey> keys = touched.keys();
        Map<String, List<String>> missing = new HashMap<>();
        for (int slot = 0; slot < keys.size(); slot++) {
            StoredPart cached = state.doc(keys.get(slot));
            if (cached != null) {
                touched.base(slot, cached);
            } else {
                missing.computeIfAbsent(StatsDocs.collection(keys.get(slot).kind()), k -> new ArrayList<>())
                        .add(StatsDocs.id(keys.get(slot)));
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String field = state.field();
        Map<String, StoredPart> loaded = new HashMap<>();
        missing.forEach((collection, ids) -> {
            for (int i = 0; i < ids.size(); i += READ_CHUNK) {
                List<String> chunk = ids.subList(i, Math.min(ids.size(), i + READ_CHUNK));
                for (Document doc : mongo.getCollection(collection).find(Filters.in("_id", chunk))) {
                    loaded.put(collection + '/' + doc.getString("_id"), parse(doc, field));
                }
            }
        });
        for (int slot = 0; slot < keys.size(); slot++) {
            CounterKey key = keys.get(slot);
            if (state.doc(key) == null) {
                StoredPart stored = loaded.get(StatsDocs.collection(key.kind()) + '/' + StatsDocs.id(key));
                stored = stored != null ? stored : new StoredPart();
                state.put(key, stored);
                touched.base(slot, stored);
            }
        }
    }

    private static StoredPart parse(Document doc, String field) {
        List<String> path = doc.get("categoryPath") instanceof List<?> list
                ? list.stream().map(String::valueOf).toList() : null;
        Contribution[] counters = new Contribution[StoredPart.DAY + 1];
        long offset = -1;
        HllSketch sketch = null;
        if (doc.get("p") instanceof Document parts && parts.get(field) instanceof Document part) {
            offset = part.get("o") instanceof Number o ? o.longValue() : -1;
            counters[StoredPart.DAY] = counter(part);
            if (part.get("h") instanceof Document hours) {
                hours.forEach((hour, value) -> counters[Integer.parseInt(hour)] = counter(value));
            }
            if (part.get("hll") instanceof Binary bytes) {
                sketch = HllSketch.heapify(bytes.getData());
            }
        }
        return StoredPart.of(offset, counters, sketch, doc.getString("categoryId"), path);
    }

    private static Contribution counter(Object value) {
        if (!(value instanceof Document d)) {
            return new Contribution();
        }
        return new Contribution(num(d, "raw"), num(d, "views"), num(d, "bots"), num(d, "refreshes"),
                num(d, "limited"));
    }

    private static long num(Document d, String field) {
        return d.get(field) instanceof Number n ? n.longValue() : 0;
    }

    private static Document appendCounter(Contribution c, Document into) {
        if (c == null) {
            c = new Contribution();
        }
        return into.append("raw", c.raw()).append("views", c.views()).append("bots", c.bots())
                .append("refreshes", c.refreshes()).append("limited", c.limited());
    }

    /**
     * What one partition's unwritten views make a flush write, applied to its cache right away (so counting can go on
     * while the writes are under way: the next batches add up on top of it); the documents stay in the cache until
     * the flush is durable ({@link #completed}), so an eviction cannot make the next batch read them from MongoDB
     * before they are there.
     */
    public StoreFlush.Part flush(PartitionState state, PartitionTally tally) {
        Map<String, List<WriteModel<Document>>> writes = new LinkedHashMap<>();
        String field = state.field();
        List<CounterKey> pins = new ArrayList<>();
        int documents = 0;
        for (PendingDoc pending : tally.docs()) {
            state.pin(pending.key(), pending.base());
            pins.add(pending.key());
            if (!pending.changesAnything()) {
                continue; // everything counted for it was already included
            }
            documents++;
            writes.computeIfAbsent(StatsDocs.collection(pending.key().kind()), k -> new ArrayList<>())
                    .add(counterWrite(pending, field, tally.maxOffset()));
            pending.applyToBase(tally.maxOffset());
        }
        List<WriteModel<Document>> refresh = new ArrayList<>();
        refreshes.writes(state, tally.changedRefreshes(), tally.maxOffset(), refresh);
        if (!refresh.isEmpty()) {
            writes.put(REFRESH_STATE, refresh);
        }
        state.refresh().advance(tally.maxTime());
        return new StoreFlush.Part(state, writes, pins, refreshes.expire(state), documents);
    }

    /**
     * One upsert per touched document. The partition's part is written whole, {o, day counters, h, hll}, with
     * {@code $max}: MongoDB compares embedded documents field by field in order, and {@code o} comes first, so the
     * part is replaced only by one that includes a later offset. One path per write also keeps each write cheap.
     */
    private static WriteModel<Document> counterWrite(PendingDoc pending, String field, long offset) {
        Document part = appendCounter(pending.counter(StoredPart.DAY), new Document("o", offset));
        Document hours = new Document();
        for (int hour = 0; hour < StoredPart.DAY; hour++) {
            if (pending.counter(hour) != null) {
                hours.put(StatsDocs.hourKey(hour), appendCounter(pending.counter(hour), new Document()));
            }
        }
        part.append("h", hours);
        HllSketch sketch = pending.sketchToStore();
        if (sketch != null) {
            part.append("hll", new Binary(sketch.toCompactByteArray()));
        }
        Document max = new Document("p." + field, part);
        Document update = new Document("$max", max);
        CounterKey key = pending.key();
        LocalDate day = LocalDate.ofEpochDay(key.epochDay());
        Date start = Date.from(StatsDocs.startOf(day));
        switch (key.kind()) {
            case ARTICLE_DAY -> {
                update.put("$setOnInsert", new Document("articleId", key.owner()).append("day", day.toString())
                        .append("start", start));
                DecodedView latest = pending.latest();
                if (latest != null) {
                    if (pending.categoryChanged()) {
                        update.put("$set", new Document("categoryId", latest.categoryId())
                                .append("categoryPath", latest.creditedCategories()));
                    }
                    max.put("lastViewAt", Date.from(latest.viewedAt()));
                }
            }
            case CATEGORY_DAY -> update.put("$setOnInsert", new Document("categoryId", key.owner())
                    .append("day", day.toString()).append("start", start));
        }
        return new UpdateOneModel<>(Filters.eq("_id", StatsDocs.id(key)), update, UPSERT);
    }

    /**
     * Does the writes of a flush, one bulk write per collection side by side (MongoDB applies them in parallel), and
     * returns when they are durable. May be called again after it failed: every write is an idempotent upsert guarded
     * by its offset.
     */
    public void write(StoreFlush flush, Executor executor) {
        List<Map.Entry<String, List<WriteModel<Document>>>> collections = new ArrayList<>(flush.writes.entrySet());
        List<CompletableFuture<Void>> others = new ArrayList<>();
        for (Map.Entry<String, List<WriteModel<Document>>> write : collections.subList(Math.min(1, collections.size()),
                collections.size())) {
            others.add(CompletableFuture.runAsync(
                    () -> mongo.getCollection(write.getKey()).bulkWrite(write.getValue(), UNORDERED), executor));
        }
        try {
            if (!collections.isEmpty()) { // this thread writes the first collection
                mongo.getCollection(collections.get(0).getKey()).bulkWrite(collections.get(0).getValue(), UNORDERED);
            }
        } finally {
            try {
                CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        for (Bson expired : flush.deletes) {
            mongo.getCollection(REFRESH_STATE).deleteMany(expired);
        }
    }

    /** The flush is durable: its documents may leave the caches again. */
    public void completed(StoreFlush flush) {
        flush.pinned.forEach((state, keys) -> keys.forEach(state::unpin));
    }
}
