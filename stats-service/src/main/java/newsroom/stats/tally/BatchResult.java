package newsroom.stats.tally;

import java.util.EnumMap;
import java.util.Map;

/** What one batch did: how many views were received, counted, parked, dead-lettered, and dropped why. */
public final class BatchResult {

    private long received;
    private long counted;
    private long parked;
    private long deadLettered;
    /** Views a redelivery brought again that the counters already included. */
    private long alreadyCounted;
    private final Map<DropReason, Long> dropped = new EnumMap<>(DropReason.class);
    /** Per outcome, counted by {@link #tally} in the hot loop; folded into the totals when merged into another. */
    private final long[] outcomes = new long[Outcome.values().length];

    public void addReceived() {
        received++;
    }

    public void addParked() {
        parked++;
    }

    public void deadLettered(int n) {
        deadLettered += n;
    }

    public void dropped(DropReason reason) {
        dropped.merge(reason, 1L, Long::sum);
    }

    void alreadyCounted() {
        alreadyCounted++;
    }

    void tally(Outcome outcome) {
        outcomes[outcome.ordinal()]++;
    }

    public void merge(BatchResult other) {
        received += other.received;
        counted += other.counted + other.outcomes[Outcome.COUNTED.ordinal()];
        parked += other.parked;
        deadLettered += other.deadLettered;
        alreadyCounted += other.alreadyCounted;
        other.dropped.forEach((reason, n) -> dropped.merge(reason, n, Long::sum));
        for (Outcome outcome : Outcome.values()) {
            long n = other.outcomes[outcome.ordinal()];
            DropReason reason = DropReason.of(outcome);
            if (n > 0 && reason != null) {
                dropped.merge(reason, n, Long::sum);
            }
        }
    }

    public long received() {
        return received;
    }

    public long counted() {
        return counted;
    }

    public long parked() {
        return parked;
    }

    public long deadLettered() {
        return deadLettered;
    }

    /** Views dropped, per reason (reasons with none are absent). */
    public Map<DropReason, Long> dropped() {
        return dropped;
    }

    @Override
    public String toString() {
        return "received=" + received + " counted=" + counted + " parked=" + parked + " deadLettered="
                + deadLettered + " alreadyCounted=" + alreadyCounted + " dropped=" + dropped;
    }
}
