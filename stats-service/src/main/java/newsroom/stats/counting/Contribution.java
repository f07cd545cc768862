package newsroom.stats.counting;

import org.bson.Document;

/**
 * What one partition has contributed to one counter of one document, up to offset {@code o} of that partition.
 *
 * <p>Stored as {@code {o, raw, views, bots, refreshes, limited}} with {@code o} first and always a 64-bit integer,
 * and written with {@code $max}: MongoDB compares embedded documents field by field in order, so the write replaces
 * the stored contribution only if its offset is greater. That is the single-document guard which makes counting
 * effectively once: a replayed or re-processed batch carries an offset that is not greater and changes nothing, and
 * two writers racing for the same partition (a consumer that lost it in a rebalance) cannot go backwards.
 */
public final class Contribution {

    static final Contribution NONE = new Contribution(-1, 0, 0, 0, 0, 0);

    long o;
    long raw;
    long views;
    long bots;
    long refreshes;
    long limited;

    Contribution(long o, long raw, long views, long bots, long refreshes, long limited) {
        this.o = o;
        this.raw = raw;
        this.views = views;
        this.bots = bots;
        this.refreshes = refreshes;
        this.limited = limited;
    }

    Contribution copy() {
        return new Contribution(o, raw, views, bots, refreshes, limited);
    }

    void add(Outcome outcome) {
        raw++;
        switch (outcome) {
            case COUNTED -> views++;
            case BOT -> bots++;
            case REFRESH -> refreshes++;
            case RATE_LIMITED -> limited++;
            default -> throw new IllegalArgumentException(outcome.name());
        }
    }

    Document toDocument() {
        return new Document("o", o).append("raw", raw).append("views", views).append("bots", bots)
                .append("refreshes", refreshes).append("limited", limited);
    }

    static Contribution fromDocument(Object value) {
        if (!(value instanceof Document d)) {
            return NONE;
        }
        return new Contribution(num(d, "o", -1), num(d, "raw", 0), num(d, "views", 0), num(d, "bots", 0),
                num(d, "refreshes", 0), num(d, "limited", 0));
    }

    private static long num(Document d, String field, long fallback) {
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : fallback;
    }

    /** What a view turned out to be. */
    public enum Outcome { COUNTED, BOT, REFRESH, RATE_LIMITED }
}
