package newsroom.stats.tally;

import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;

/**
 * One touched counter document, with what the unwritten views add to it: its stored part plus the new views, whole
 * (the store writes a partition's part whole, so it is replaced only by one that includes a later offset).
 */
public final class PendingDoc {

    private final CounterKey key;
    private final StoredPart base;
    /** Counters the unwritten views changed (the others are the base's); same indexes as {@link StoredPart}. */
    private final Contribution[] changed = new Contribution[StoredPart.DAY + 1];
    private boolean anyChanged;
    private HllSketch sketch;
    /** The latest unwritten view of an article's day: the category the article is filed under. */
    private DecodedView latest;

    PendingDoc(CounterKey key, StoredPart base) {
        this.key = key;
        this.base = base;
    }

    /** Adds the view to the day's and the hour's counters unless the stored part already includes it. */
    boolean add(int hour, long offset, Outcome outcome) {
        if (offset <= base.offset) {
            return false;
        }
        changing(StoredPart.DAY).add(outcome);
        changing(hour).add(outcome);
        anyChanged = true;
        return true;
    }

    private Contribution changing(int index) {
        Contribution c = changed[index];
        if (c == null) {
            Contribution stored = base.counters[index];
            c = stored == null ? new Contribution() : stored.copy();
            changed[index] = c;
        }
        return c;
    }

    HllSketch sketch(int lgK) {
        if (sketch == null) {
            sketch = base.sketch == null ? new HllSketch(lgK, TgtHllType.HLL_4) : base.sketch.copy();
        }
        return sketch;
    }

    void latest(DecodedView view) {
        latest = view;
    }

    public CounterKey key() {
        return key;
    }

    public StoredPart base() {
        return base;
    }

    /** Whether the unwritten views add anything (they may all have been included already). */
    public boolean changesAnything() {
        return anyChanged || sketch != null;
    }

    /** The counter of an hour (0–23) or of the {@link StoredPart#DAY} as it will be stored, or null. */
    public Contribution counter(int index) {
        return changed[index] != null ? changed[index] : base.counters[index];
    }

    /** The sketch as it will be stored, or null. */
    public HllSketch sketchToStore() {
        return sketch != null ? sketch : base.sketch;
    }

    /** The latest unwritten view, or null. */
    public DecodedView latest() {
        return latest;
    }

    /** Whether the article's stored category differs from the latest view's (an article's day documents only). */
    public boolean categoryChanged() {
        return latest != null && (!latest.categoryId().equals(base.categoryId)
                || !latest.creditedCategories().equals(base.categoryPath));
    }

    /**
     * Makes the base what is being written, up to {@code offset}: the next batches add up on top of it while the
     * write is under way.
     */
    public void applyToBase(long offset) {
        if (!changesAnything()) {
            return;
        }
        base.offset = offset;
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] != null) {
                base.counters[i] = changed[i];
            }
        }
        if (sketch != null) {
            base.sketch = sketch;
        }
        if (latest != null) {
            base.categoryId = latest.categoryId();
            base.categoryPath = latest.creditedCategories();
        }
    }
}
