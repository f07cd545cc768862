package newsroom.stats.tally;

/** What a view that reached the counters turned out to be: counted, or which kind of hit that is not a view. */
public enum Outcome { COUNTED, BOT, REFRESH, RATE_LIMITED }
