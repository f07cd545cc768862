package newsroom.stats.counting;

import org.bson.Document;

/**
 * One counter (a day, or one hour of it) as far as one partition has contributed to it: raw hits and what became of
 * them. Stored inside the partition's part of a counter document (see {@link StatsDocs}).
 */
public final class Contribution {

    static final Contribution NONE = new Contribution(0, 0, 0, 0, 0);

    long raw;
    long views;
    long bots;
    long refreshes;
    long limited;

    Contribution(long raw, long views, long bots, long refreshes, long limited) {
        this.raw = raw;
        this.views = views;
        this.bots = bots;
        this.refreshes = refreshes;
        this.limited = limited;
    }

    Contribution copy() {
        return new Contribution(raw, views, bots, refreshes, limited);
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

    /** Appends the counter fields to {@code into}. */
    Document appendTo(Document into) {
        return into.append("raw", raw).append("views", views).append("bots", bots).append("refreshes", refreshes)
                .append("limited", limited);
    }

    static Contribution fromDocument(Object value) {
        if (!(value instanceof Document d)) {
            return NONE.copy();
        }
        return new Contribution(num(d, "raw"), num(d, "views"), num(d, "bots"), num(d, "refreshes"),
                num(d, "limited"));
    }

    private static long num(Document d, String field) {
        Object value = d.get(field);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /** What a view turned out to be. */
    public enum Outcome { COUNTED, BOT, REFRESH, RATE_LIMITED }
}
