package newsroom.stats.counting;

import static newsroom.stats.counting.StatsDocs.REFRESH_STATE;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsroom.stats.StatsProperties;
import newsroom.stats.counting.Contribution.Outcome;
import org.apache.datasketches.hash.MurmurHash3;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The refresh rule (a view by the same visitor of the same article within the window after their last counted view is
 * a refresh, not a view) and its durable state: per partition, the last counted view of each (article, visitor).
 *
 * <p>A replayed view meets state that is as new as, or newer than, what it met the first time: its own decision may
 * differ, but it is already included in every counter it touches, and views after it decide exactly as they did,
 * because a counted view's time only ever raises the state.
 */
final class RefreshWindow {

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoTemplate mongo;
    private final StatsProperties properties;
    private final long windowMillis;
    private final long expiryMillis;

    RefreshWindow(MongoTemplate mongo, StatsProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
        this.windowMillis = properties.refreshWindow().toMillis();
        this.expiryMillis = windowMillis + properties.refreshStateGrace().toMillis();
    }

    /**
     * Whether the view is a refresh: the same visitor's last counted view of the article lies within the window. A
     * counted view becomes the visitor's last one right away, in memory; its key goes to {@code changed}, and the
     * next flush writes the chunks it falls in ({@link #writes}). Should that write fail, the partition's state is
     * dropped and read again from MongoDB.
     */
    Outcome outcome(PartitionState state, LongArrayList changed, DecodedView view, long time) {
        long key = refreshKey(view.articleId(), view.visitorKey());
        LongLongHashMap lastCounted = state.lastCounted;
        int index = lastCounted.indexOf(key);
        if (lastCounted.indexExists(index)) {
            long last = lastCounted.indexGet(index);
            if (time < last + windowMillis && time > last - windowMillis) {
                return Outcome.REFRESH;
            }
            lastCounted.indexReplace(index, Math.max(last, time));
        } else {
            lastCounted.indexInsert(index, key, time);
        }
        changed.add(key);
        return Outcome.COUNTED;
    }

    /**
     * The (article, visitor) pair as a 64-bit MurmurHash3. Two pairs share a key with a probability of about n²/2⁶⁵
     * for n visitors in the window of one partition (below one in ten million for a million visitors); such a pair
     * would see the other's views as refreshes.
     */
    static long refreshKey(String articleId, String visitorKey) {
        int length = articleId.length() + 1 + visitorKey.length();
        char[] chars = KEY_CHARS.get();
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
            KEY_CHARS.set(chars);
        }
        articleId.getChars(0, articleId.length(), chars, 0);
        chars[articleId.length()] = '|';
        visitorKey.getChars(0, visitorKey.length(), chars, articleId.length() + 1);
        return MurmurHash3.hash(chars, 0, length, REFRESH_SEED)[0];
    }

    /** Where each counting thread puts "article|visitor" together for hashing: one array per thread, not per view. */
    private static final ThreadLocal<char[]> KEY_CHARS = ThreadLocal.withInitial(() -> new char[128]);

    static final long REFRESH_SEED = 0x6e657773726f6f6dL; // "newsroom"

    // ---- refresh state: per partition, in chunk documents by time slot of the counted view and by key hash:
    // {_id: topic|partition|slotStart|chunk, topic, partition, slot, state: {o, n, v, blob}}. A flush rewrites only the
    // chunks its counted views fall in (the newest slots), each whole, with $max on {o, ...}: a newer offset wins.
    // Older slots are never written again and are deleted when the window has passed them. The blob is v 2: pairs of
    // 64-bit (refresh key, epoch milli); chunks of an older format are dropped when read.

    private static final long SLOT_MILLIS = 5 * 60_000L;
    private static final int REFRESH_FORMAT = 2;

    private static String chunkId(PartitionState state, long slotStart, long chunk) {
        return state.topic + '|' + state.partition + '|' + slotStart + '|' + chunk;
    }

    private static long slotOf(String chunkId) {
        String[] parts = chunkId.split("\\|");
        return Long.parseLong(parts[parts.length - 2]);
    }

    /** Reads the partition's state from MongoDB once (after a start or a rebalance). */
    void load(PartitionState state) {
        if (state.refreshLoaded) {
            return;
        }
        List<Document> docs = new ArrayList<>();
        mongo.getCollection(REFRESH_STATE)
                .find(Filters.and(Filters.eq("topic", state.topic), Filters.eq("partition", state.partition)))
                .into(docs);
        long entries = 0;
        for (Document doc : docs) {
            if (doc.get("state") instanceof Document s && s.get("blob") instanceof Binary blob) {
                entries += blob.getData().length / 16;
            }
        }
        state.lastCounted.ensureCapacity(Math.toIntExact(state.lastCounted.size() + entries)); // no rehashing
        for (Document doc : docs) {
            if (doc.get("state") instanceof Document s && s.get("blob") instanceof Binary blob
                    && s.get("v") instanceof Number v && v.intValue() == REFRESH_FORMAT) {
                LongLongHashMap chunk = decodeEntries(blob.getData());
                state.chunks.put(doc.getString("_id"), chunk);
                for (LongLongCursor e : chunk) {
                    if (e.value > state.lastCounted.getOrDefault(e.key, Long.MIN_VALUE)) {
                        state.lastCounted.put(e.key, e.value);
                    }
                    state.watermark = Math.max(state.watermark, e.value);
                }
            } else {
                state.expiredChunks.add(doc.getString("_id"));
            }
        }
        expire(state);
        state.refreshLoaded = true;
    }

    /** The rewritten chunks the changed keys fall in, as writes; returns the chunks' new contents. */
    Map<String, LongLongHashMap> writes(PartitionState state, LongArrayList changed,
            long batchMaxOffset, List<WriteModel<Document>> models) {
        // Grouped by chunk as numbers first: a chunk id string per change would cost more than the change.
        long buckets = properties.refreshStateBuckets();
        LongObjectHashMap<LongLongHashMap> byChunk = new LongObjectHashMap<>();
        long[] keys = changed.buffer;
        for (int i = 0; i < changed.size(); i++) {
            long key = keys[i];
            long time = state.lastCounted.get(key);
            long chunk = Math.floorDiv(time, SLOT_MILLIS) * buckets + Math.floorMod(key, buckets);
            LongLongHashMap entries = byChunk.get(chunk);
            if (entries == null) {
                entries = new LongLongHashMap();
                byChunk.put(chunk, entries);
            }
            entries.put(key, time);
        }
        Map<String, LongLongHashMap> rewritten = new HashMap<>();
        for (LongObjectCursor<LongLongHashMap> chunk : byChunk) {
            long slotStart = Math.floorDiv(chunk.key, buckets) * SLOT_MILLIS;
            String id = chunkId(state, slotStart, Math.floorMod(chunk.key, buckets));
            LongLongHashMap existing = state.chunks.get(id);
            LongLongHashMap entries = chunk.value;
            if (existing != null) {
                entries = new LongLongHashMap(existing);
                entries.putAll(chunk.value);
            }
            rewritten.put(id, entries);
        }
        rewritten.forEach((id, entries) -> models.add(new UpdateOneModel<>(Filters.eq("_id", id), new Document(
                "$setOnInsert", new Document("topic", state.topic).append("partition", state.partition)
                        .append("slot", new Date(slotOf(id))))
                .append("$max", new Document("state", new Document("o", batchMaxOffset).append("n", entries.size())
                        .append("v", REFRESH_FORMAT).append("blob", new Binary(encodeEntries(entries))))),
                UPSERT)));
        return rewritten;
    }

    /** Drops entries older than the window (plus grace) before the latest view; their chunks go with the next write. */
    void expire(PartitionState state) {
        long cutoff = state.watermark - expiryMillis;
        var chunks = state.chunks.entrySet().iterator();
        while (chunks.hasNext()) {
            var chunk = chunks.next();
            if (slotOf(chunk.getKey()) + SLOT_MILLIS < cutoff) {
                for (LongLongCursor e : chunk.getValue()) {
                    if (state.lastCounted.getOrDefault(e.key, Long.MIN_VALUE) == e.value) {
                        state.lastCounted.remove(e.key);
                    }
                }
                state.expiredChunks.add(chunk.getKey());
                chunks.remove();
            }
        }
    }

    static byte[] encodeEntries(LongLongHashMap entries) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(entries.size() * 16);
        for (LongLongCursor e : entries) {
            bytes.putLong(e.key).putLong(e.value);
        }
        return bytes.array();
    }

    static LongLongHashMap decodeEntries(byte[] blob) {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(blob);
        LongLongHashMap entries = new LongLongHashMap(blob.length / 16);
        while (bytes.remaining() >= 16) {
            entries.put(bytes.getLong(), bytes.getLong());
        }
        return entries;
    }
}
