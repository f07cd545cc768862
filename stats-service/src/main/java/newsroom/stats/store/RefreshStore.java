package newsroom.stats.store;

import static newsroom.stats.store.StatsDocs.REFRESH_STATE;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.LongObjectHashMap;
import com.carrotsearch.hppc.cursors.LongLongCursor;
import com.carrotsearch.hppc.cursors.LongObjectCursor;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import newsroom.stats.tally.RefreshState;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The refresh state, durable: per partition, one document per flush and 5-minute time slot of the entries in it
 * (split if large), {@code {_id: topic|partition|slotStart|flushOffset[|part], topic, partition, slot,
 * state: {v: 3, n, blob}}}, the blob being pairs of 64-bit (refresh key, epoch milli). A flush writes only what
 * changed since the last one; the state is the union of the documents, the latest time per key winning, so a document
 * written twice (a retried flush) or twice with different boundaries (a recount after a crash) changes nothing.
 * Documents whose slot has passed out of the window (plus grace) are deleted.
 */
final class RefreshStore {

    private static final long SLOT_MILLIS = 5 * 60_000L;
    private static final int REFRESH_FORMAT = 3;
    private static final int MAX_ENTRIES_PER_DOCUMENT = 100_000; // 1.6 MB, well below MongoDB's 16 MB
    private static final ReplaceOptions REPLACE_OR_INSERT = new ReplaceOptions().upsert(true);

    private final MongoTemplate mongo;

    RefreshStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Reads the partition's state from MongoDB once (after a start or a rebalance). */
    void load(PartitionState state) {
        if (state.refreshLoaded) {
            return;
        }
        List<byte[]> blobs = new ArrayList<>();
        long entries = 0;
        for (Document doc : mongo.getCollection(REFRESH_STATE)
                .find(Filters.and(Filters.eq("topic", state.topic()), Filters.eq("partition", state.partition())))) {
            if (doc.get("state") instanceof Document s && s.get("blob") instanceof Binary blob
                    && s.get("v") instanceof Number v && v.intValue() == REFRESH_FORMAT) {
                blobs.add(blob.getData());
                entries += blob.getData().length / 16;
            }
        }
        RefreshState refresh = state.refresh();
        refresh.ensureCapacity(entries);
        for (byte[] blob : blobs) {
            ByteBuffer bytes = ByteBuffer.wrap(blob);
            while (bytes.remaining() >= 16) {
                refresh.restore(bytes.getLong(), bytes.getLong());
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
            long time = state.refresh().lastCounted(key);
            if (time == Long.MIN_VALUE) {
                continue; // expired since (a view far older than the rest)
            }
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
            String id = state.topic() + '|' + state.partition() + '|' + slotStart + '|' + flushOffset;
            List<byte[]> parts = encodeEntries(slot.value, MAX_ENTRIES_PER_DOCUMENT);
            for (int part = 0; part < parts.size(); part++) {
                byte[] blob = parts.get(part);
                Document doc = new Document("_id", part == 0 ? id : id + '|' + part)
                        .append("topic", state.topic()).append("partition", state.partition())
                        .append("slot", new Date(slotStart))
                        .append("state", new Document("v", REFRESH_FORMAT).append("n", blob.length / 16)
                                .append("blob", new Binary(blob)));
                models.add(new ReplaceOneModel<>(Filters.eq("_id", doc.get("_id")), doc, REPLACE_OR_INSERT));
            }
        }
    }

    /**
     * Forgets entries that have passed out of the window (plus grace) before the latest view; returns what to delete
     * from MongoDB then (the documents of slots that have passed wholly), or null.
     */
    Bson expire(PartitionState state) {
        long cutoff = state.refresh().expire();
        if (cutoff == Long.MIN_VALUE) {
            return null;
        }
        return Filters.and(Filters.eq("topic", state.topic()), Filters.eq("partition", state.partition()),
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
