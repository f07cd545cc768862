package newsroom.stats.tally;

/** A view that passed every check and reaches the counters: where it lies in its partition, and what it says. */
public interface CountableView {

    /** Its offset in its partition: the counters keep, per partition, the offset they include. */
    long offset();

    /** Whether its producer marked it as over the visitor's rate limit. */
    boolean rateLimited();

    DecodedView view();
}
