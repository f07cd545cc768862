package newsroom.stats.counting;

import static newsroom.stats.counting.StatsDocs.REFRESH_STATE;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
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
     * Whether the view is a refresh: the same visitor's last counted view of the article (unwritten ones first) lies
     * within the window. A counted view becomes the visitor's last one in {@code unwritten}.
     */
    Outcome outcome(PartitionState state, LongLongHashMap unwritten, DecodedView view, long time) {
        long key = refreshKey(view.articleId(), view.visitorKey());
        long last = unwritten.getOrDefault(key, Long.MIN_VALUE);
        if (last == Long.MIN_VALUE) {
            last = state.lastCounted.getOrDefault(key, Long.MIN_VALUE);
        }
        if (last != Long.MIN_VALUE && time < last + windowMillis && time > last - windowMillis) {
            return Outcome.REFRESH;
        }
        unwritten.put(key, last == Long.MIN_VALUE ? time : Math.max(last, time));
        return Outcome.COUNTED;
    }

    /**
     * The (article, visitor) pair as a 64-bit MurmurHash3. Two pairs share a key with a probability of about n²/2⁶⁵
     * for n visitors in the window of one partition (below one in ten million for a million visitors); such a pair
     * would see the other's views as refreshes.
     */
    static long refreshKey(String articleId, String visitorKey) {
        char[] chars = new char[articleId.length() + 1 + visitorKey.length()];
        articleId.getChars(0, articleId.length(), chars, 0);
        chars[articleId.length()] = '|';
        visitorKey.getChars(0, visitorKey.length(), chars, articleId.length() + 1);
        return MurmurHash3.hash(chars, REFRESH_SEED)[0];
    }

    private static final long REFRESH_SEED = 0x6e657773726f6f6dL; // "newsroom"

    // ---- refresh state: per partition, in chunk documents by time slot of the counted view and by key hash:
    // {_id: topic|partition|slotStart|chunk, topic, partition, slot, state: {o, n, v, blob}}. A flush rewrites only the
    // chunks its counted views fall in (the newest slots), each whole, with $max on {o, ...}: a newer offset wins.
    // Older slots are never written again and are deleted when the window has passed them. The blob is v 2: pairs of
    // 64-bit (refresh key, epoch milli); chunks of an older format are dropped when read.

    private static final long SLOT_MILLIS = 5 * 60_000L;
    private static final int REFRESH_FORMAT = 2;

    private String chunkId(PartitionState state, long key, long time) {
        long slot = Math.floorDiv(time, SLOT_MILLIS) * SLOT_MILLIS;
        int chunk = (int) Math.floorMod(key, (long) properties.refreshStateBuckets());
        return state.topic + '|' + state.partition + '|' + slot + '|' + chunk;
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
        for (Document doc : mongo.getCollection(REFRESH_STATE)
                .find(Filters.and(Filters.eq("topic", state.topic), Filters.eq("partition", state.partition)))) {
            if (doc.get("state") instanceof Document s && s.get("blob") instanceof Binary blob
                    && s.get("v") instanceof Number v && v.intValue() == REFRESH_FORMAT) {
                LongLongHashMap entries = decodeEntries(blob.getData());
                state.chunks.put(doc.getString("_id"), entries);
                for (LongLongCursor e : entries) {
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

    /** The rewritten chunks these changes fall in, as writes; returns the chunks' new contents. */
    Map<String, LongLongHashMap> writes(PartitionState state, LongLongHashMap changes,
            long batchMaxOffset, List<WriteModel<Document>> models) {
        Map<String, LongLongHashMap> rewritten = new HashMap<>();
        for (LongLongCursor change : changes) {
            rewritten.computeIfAbsent(chunkId(state, change.key, change.value), id -> {
                LongLongHashMap existing = state.chunks.get(id);
                return existing == null ? new LongLongHashMap() : new LongLongHashMap(existing);
            }).put(change.key, change.value);
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
