package newsroom.stats.tally;

import com.carrotsearch.hppc.LongArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one partition has counted and not written yet: per touched counter document, its stored part plus the new
 * views ({@link PendingDoc}), and the refresh keys the new views changed. Batches add up here until a flush takes it
 * all out, so a document that many batches touch is written once per flush.
 */
public final class PartitionTally {

    private final BotDetector bots;
    private final RefreshState refresh;
    private final int hllLgK;
    private final Map<CounterKey, PendingDoc> docs = new HashMap<>();
    /** Refresh keys whose last counted view is among the unwritten views. */
    private final LongArrayList changedRefreshes = new LongArrayList();
    private long maxOffset = -1;
    private long maxTime = Long.MIN_VALUE;
    private long views;

    /**
     * @param refresh the partition's refresh state
     * @param hllLgK  log2 of the size of new unique-visitor sketches
     */
    public PartitionTally(BotDetector bots, RefreshState refresh, int hllLgK) {
        this.bots = bots;
        this.refresh = refresh;
        this.hllLgK = hllLgK;
    }

    /**
     * Adds a batch of this partition's views, in offset order, to the documents they touch (whose stored parts
     * {@code touched} holds). A view at or below an offset a document already includes changes nothing in it.
     */
    public BatchResult add(List<? extends CountableView> batch, TouchedDocs touched) {
        BatchResult result = new BatchResult();
        ViewClassifier classifier = new ViewClassifier(bots, refresh, changedRefreshes);
        PendingDoc[] documents = new PendingDoc[touched.keys().size()];
        for (int i = 0; i < batch.size(); i++) {
            CountableView countable = batch.get(i);
            long offset = countable.offset();
            if (offset <= maxOffset) {
                result.alreadyCounted(); // already among the unwritten views (the batch was handed over twice)
                continue;
            }
            DecodedView view = countable.view();
            Outcome outcome = classifier.classify(countable, view.viewedAt().toEpochMilli());
            int hour = view.hourOfDay();

            PendingDoc articleDay = document(documents, touched, touched.articleSlot(i));
            boolean fresh = articleDay.add(hour, offset, outcome);
            articleDay.latest(view);
            if (outcome == Outcome.COUNTED || outcome == Outcome.REFRESH) {
                articleDay.sketch(hllLgK).update(view.visitorKey());
            }
            for (int c = touched.categoryStart(i); c < touched.categoryStart(i + 1); c++) {
                document(documents, touched, touched.categorySlot(c)).add(hour, offset, outcome);
            }
            if (fresh) {
                result.tally(outcome); // metrics count each view once, not once per redelivery
            } else {
                result.alreadyCounted();
            }
        }
        views += batch.size();
        for (CountableView countable : batch) {
            maxOffset = Math.max(maxOffset, countable.offset());
            maxTime = Math.max(maxTime, countable.view().viewedAt().toEpochMilli());
        }
        return result;
    }

    /** The pending document in this slot: taken from what earlier batches counted, or started from its base. */
    private PendingDoc document(PendingDoc[] documents, TouchedDocs touched, int slot) {
        PendingDoc doc = documents[slot];
        if (doc == null) {
            CounterKey key = touched.keys().get(slot);
            doc = docs.get(key);
            if (doc == null) {
                doc = new PendingDoc(key, touched.base(slot));
                docs.put(key, doc);
            }
            documents[slot] = doc;
        }
        return doc;
    }

    public Collection<PendingDoc> docs() {
        return docs.values();
    }

    public LongArrayList changedRefreshes() {
        return changedRefreshes;
    }

    /** The last offset counted here: every pending document includes the partition's views up to it. */
    public long maxOffset() {
        return maxOffset;
    }

    /** The latest view time counted here (epoch milli). */
    public long maxTime() {
        return maxTime;
    }

    /** How many views were added (including those a document already held). */
    public long views() {
        return views;
    }
}
