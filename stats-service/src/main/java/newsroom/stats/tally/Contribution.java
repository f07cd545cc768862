package newsroom.stats.tally;

/**
 * One counter (a day, or one hour of it) as far as one partition has contributed to it: raw hits and what became of
 * them.
 */
public final class Contribution {

    private long raw;
    private long views;
    private long bots;
    private long refreshes;
    private long limited;

    public Contribution() {
    }

    public Contribution(long raw, long views, long bots, long refreshes, long limited) {
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
        }
    }

    public long raw() {
        return raw;
    }

    public long views() {
        return views;
    }

    public long bots() {
        return bots;
    }

    public long refreshes() {
        return refreshes;
    }

    public long limited() {
        return limited;
    }
}
