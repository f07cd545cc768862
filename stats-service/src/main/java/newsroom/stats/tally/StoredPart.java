package newsroom.stats.tally;

import java.util.List;
import org.apache.datasketches.hll.HllSketch;

/**
 * What one partition has put into one counter document so far, as stored: the views up to and including offset
 * {@link #offset}, the day's and each hour's counters, the day's unique-visitor sketch, and the category the article
 * was last filed under. A fresh one (nothing stored) has offset -1.
 */
public final class StoredPart {

    /** Index of the whole day's counter; 0 to 23 are the hours. */
    public static final int DAY = 24;

    long offset = -1;
    final Contribution[] counters = new Contribution[DAY + 1];
    HllSketch sketch;
    String categoryId;
    List<String> categoryPath;

    public long offset() {
        return offset;
    }

    /** The counter of an hour (0–23) or of the {@link #DAY}, or null if nothing was counted in it. */
    public Contribution counter(int index) {
        return counters[index];
    }

    public HllSketch sketch() {
        return sketch;
    }

    public String categoryId() {
        return categoryId;
    }

    public List<String> categoryPath() {
        return categoryPath;
    }

    /** As read from the store. */
    public static StoredPart of(long offset, Contribution[] counters, HllSketch sketch, String categoryId,
            List<String> categoryPath) {
        StoredPart part = new StoredPart();
        part.offset = offset;
        System.arraycopy(counters, 0, part.counters, 0, part.counters.length);
        part.sketch = sketch;
        part.categoryId = categoryId;
        part.categoryPath = categoryPath;
        return part;
    }
}
