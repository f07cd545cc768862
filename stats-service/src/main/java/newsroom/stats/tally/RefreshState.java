package newsroom.stats.tally;

import com.carrotsearch.hppc.LongArrayList;
import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.predicates.LongLongPredicate;
import java.time.Duration;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * The refresh rule and its state for one partition: a view by the same visitor of the same article within the window
 * after their last counted view is a refresh, not a view. Keeps the last counted view of each (article, visitor).
 *
 * <p>A replayed view meets state that is as new as, or newer than, what it met the first time: its own decision may
 * differ, but it is already included in every counter it touches, and views after it decide exactly as they did,
 * because a counted view's time only ever raises the state.
 */
public final class RefreshState {

    /** Entries that have passed out of the window are forgotten at most once per this much view time. */
    public static final long EXPIRY_STEP_MILLIS = 5 * 60_000L;
    static final long REFRESH_SEED = 0x6e657773726f6f6dL; // "newsroom"

    /** Where each counting thread puts "article|visitor" together for hashing: one array per thread, not per view. */
    private static final ThreadLocal<char[]> KEY_CHARS = ThreadLocal.withInitial(() -> new char[128]);

    private final long windowMillis;
    private final long expiryMillis;
    /**
     * (article, visitor) to the epoch milli of the last counted view. The key is a 64-bit hash of the pair
     * ({@link #key}): primitive maps hold a million visitors in a few tens of megabytes.
     */
    private final LongLongHashMap lastCounted = new LongLongHashMap();
    /** The latest view time seen in this partition: entries older than the window (plus grace) before it expire. */
    private long watermark = Long.MIN_VALUE;
    /** When the watermark reaches this, entries that have passed out of the window are forgotten. */
    private long nextExpiry = Long.MIN_VALUE;

    /**
     * @param window how long after a visitor's last counted view of an article another view of it is a refresh
     * @param grace  how long past the window an entry is kept, for views that arrive late
     */
    public RefreshState(Duration window, Duration grace) {
        this.windowMillis = window.toMillis();
        this.expiryMillis = windowMillis + grace.toMillis();
    }

    /**
     * Whether the view at {@code time} (epoch milli) is a refresh or counts. A counted view becomes the visitor's last
     * one right away; its key goes to {@code changed}, for the store to make it durable with the next flush.
     */
    Outcome outcome(DecodedView view, long time, LongArrayList changed) {
        long key = key(view.articleId(), view.visitorKey());
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
     * The (article, visitor) pair as a 64-bit MurmurHash3 of "article|visitor". Two pairs share a key with a
     * probability of about n²/2⁶⁵ for n visitors in the window of one partition (below one in ten million for a
     * million visitors); such a pair would see the other's views as refreshes.
     */
    public static long key(String articleId, String visitorKey) {
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

    /** Takes in a stored entry (the latest time per key wins, so reading a document twice changes nothing). */
    public void restore(long key, long time) {
        int index = lastCounted.indexOf(key);
        if (!lastCounted.indexExists(index)) {
            lastCounted.indexInsert(index, key, time);
        } else if (time > lastCounted.indexGet(index)) {
            lastCounted.indexReplace(index, time);
        }
        watermark = Math.max(watermark, time);
    }

    /** Makes room for this many more entries at once (no rehashing while stored state is read). */
    public void ensureCapacity(long more) {
        lastCounted.ensureCapacity(Math.toIntExact(lastCounted.size() + more));
    }

    /** The time of the key's last counted view, or {@link Long#MIN_VALUE} if it has expired. */
    public long lastCounted(long key) {
        int index = lastCounted.indexOf(key);
        return lastCounted.indexExists(index) ? lastCounted.indexGet(index) : Long.MIN_VALUE;
    }

    public int size() {
        return lastCounted.size();
    }

    /** Views up to this time (epoch milli) have been seen. */
    public void advance(long viewTime) {
        watermark = Math.max(watermark, viewTime);
    }

    /**
     * Forgets entries that have passed out of the window (plus grace) before the latest view, at most once per
     * {@link #EXPIRY_STEP_MILLIS} of view time. Returns the cutoff (entries before it are gone), or
     * {@link Long#MIN_VALUE} when nothing was due.
     */
    public long expire() {
        long cutoff = watermark - expiryMillis;
        if (watermark == Long.MIN_VALUE || cutoff < nextExpiry) {
            return Long.MIN_VALUE;
        }
        lastCounted.removeAll((LongLongPredicate) (key, time) -> time < cutoff);
        nextExpiry = cutoff + EXPIRY_STEP_MILLIS;
        return cutoff;
    }
}
