package newsroom.stats.counting;

import static newsroom.stats.counting.StatsDocs.REFRESH_STATE;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import com.carrotsearch.hppc.predicates.LongLongPredicate;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import newsroom.stats.StatsProperties;
import newsroom.stats.counting.Contribution.Outcome;
import org.apache.datasketches.hash.MurmurHash3;
import org.bson.Document;
import org.bson.conversions.Bson;
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

    private final MongoTemplate mongo;
    private final long windowMillis;
    private final long expiryMillis;

    RefreshWindow(MongoTemplate mongo, StatsProperties properties) {
        this.mongo = mongo;
        this.windowMillis = properties.refreshWindow().toMillis();
        this.expiryMillis = windowMillis + properties.refreshStateGrace().toMillis();
    }

    /**
     * Whether the view is a refresh: the same visitor's last counted view of the article lies within the window. A
     * counted view becomes the visitor's last one right away, in memory; its key goes to {@code changed}, and the
     * next flush writes it ({@link #writes}). Should that write fail, the partition's state is
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

    // ---- refresh state, durable: per partition, one document per flush and 5-minute time slot of the entries in it
    // (split if large): {_id: topic|partition|slotStart|flushOffset[|part], topic, partition, slot,
    // state: {v, n, blob}}, the blob being pairs of 64-bit (refresh key, epoch milli). A flush writes only what changed
    // since the last one; the state is the union of the documents, the latest time per key winning, so a document
    // written twice (a retried flush) or twice with different boundaries (a recount after a crash) changes nothing.
    // Documents whose slot has passed out of the window (plus grace) are deleted. Version 2 documents (whole chunks,
    // rewritten at every flush) are read the same way.

    private static final long SLOT_MILLIS = 5 * 60_000L;
    private static final int REFRESH_FORMAT = 3;
    private static final int MAX_ENTRIES_PER_DOCUMENT = 100_000; // 1.6 MB, well below MongoDB's 16 MB
    private static final ReplaceOptions REPLACE_OR_INSERT = new ReplaceOptions().upsert(true);

    /** Reads the partition's state from MongoDB once (after a start or a rebalance). */
    void load(PartitionState state) {
        if (state.refreshLoaded) {
            return;
        }
        List<Document> docs = new ArrayList<>();
        mongo.getCollection(REFRESH_STATE)
                .find(Filters.and(Filters.eq("topic", state.topic), Filters.eq("partition", state.partition)))
                .into(docs);
        List<byte[]> blobs = new ArrayList<>();
        long entries = 0;
        for (Document doc : docs) {
            if (doc.get("state") instanceof Document s && s.get("blob") instanceof Binary blob
                    && s.get("v") instanceof Number v && (v.intValue() == 2 || v.intValue() == REFRESH_FORMAT)) {
                blobs.add(blob.getData());
                entries += blob.getData().length / 16;
            }
        }
        LongLongHashMap lastCounted = state.lastCounted;
        lastCounted.ensureCapacity(Math.toIntExact(lastCounted.size() + entries)); // no rehashing on the way
        for (byte[] blob : blobs) {
            ByteBuffer bytes = ByteBuffer.wrap(blob);
            while (bytes.remaining() >= 16) {
                long key = bytes.getLong();
                long time = bytes.getLong();
                int index = lastCounted.indexOf(key);
                if (!lastCounted.indexExists(index)) {
                    lastCounted.indexInsert(index, key, time);
                } else if (time > lastCounted.indexGet(index)) {
                    lastCounted.indexReplace(index, time);
                }
                state.watermark = Math.max(state.watermark, time);
            }
        }
        state.refreshLoaded = true;
    }

    /**
     * The documents that make the changed keys durable, one per time slot of their last counted view (split if
     * large), named after the flush's last offset in the partition.
     */
    void writes(PartitionState state, LongArrayList changed, long flushOffset, List<WriteModel<Document>> models) {
        LongObjectHashMap<LongLongHashMap> bySlot = new LongObjectHashMap<>();
        long[] keys = changed.buffer;
        for (int i = 0; i < changed.size(); i++) {
            long key = keys[i];
            int index = state.lastCounted.indexOf(key);
            if (!state.lastCounted.indexExists(index)) {
                continue; // expired since (a view far older than the rest)
            }
            long time = state.lastCounted.indexGet(index);
            long slot = Math.floorDiv(time, SLOT_MILLIS);
            LongLongHashMap entries = bySlot.get(slot);
            if (entries == null) {
                entries = new LongLongHashMap();
                bySlot.put(slot, entries);
            }
            entries.put(key, time); // a key changed twice is written once, with its latest time
        }
        for (LongObjectCursor<LongLongHashMap> slot : bySlot) {
            long slotStart = slot.key * SLOT_MILLIS;
            String id = state.topic + '|' + state.partition + '|' + slotStart + '|' + flushOffset;
            List<byte[]> parts = encodeEntries(slot.value, MAX_ENTRIES_PER_DOCUMENT);
            for (int part = 0; part < parts.size(); part++) {
                byte[] blob = parts.get(part);
                Document doc = new Document("_id", part == 0 ? id : id + '|' + part)
                        .append("topic", state.topic).append("partition", state.partition)
                        .append("slot", new Date(slotStart))
                        .append("state", new Document("v", REFRESH_FORMAT).append("n", blob.length / 16)
                                .append("blob", new Binary(blob)));
                models.add(new ReplaceOneModel<>(Filters.eq("_id", doc.get("_id")), doc, REPLACE_OR_INSERT));
            }
        }
    }

    /**
     * Forgets entries that have passed out of the window (plus grace) before the latest view, once per slot of view
     * time; returns what to delete from MongoDB then (the documents of slots that have passed wholly), or null.
     */
    Bson expire(PartitionState state) {
        long cutoff = state.watermark - expiryMillis;
        if (state.watermark == Long.MIN_VALUE || cutoff < state.nextExpiry) {
            return null;
        }
        state.lastCounted.removeAll((LongLongPredicate) (key, time) -> time < cutoff);
        state.nextExpiry = cutoff + SLOT_MILLIS;
        return Filters.and(Filters.eq("topic", state.topic), Filters.eq("partition", state.partition),
                Filters.lte("slot", new Date(cutoff - SLOT_MILLIS)));
    }

    /** The entries as blobs of at most {@code maxEntries} pairs each. */
    static List<byte[]> encodeEntries(LongLongHashMap entries, int maxEntries) {
        List<byte[]> blobs = new ArrayList<>();
        ByteBuffer bytes = null;
        for (LongLongCursor e : entries) {
            if (bytes == null || !bytes.hasRemaining()) {
                int left = entries.size() - blobs.size() * maxEntries;
                bytes = ByteBuffer.allocate(Math.min(left, maxEntries) * 16);
                blobs.add(bytes.array());
            }
            bytes.putLong(e.key).putLong(e.value);
        }
        return blobs;
    }
}
