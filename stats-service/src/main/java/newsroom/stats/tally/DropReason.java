package newsroom.stats.tally;

import java.util.Locale;

/** Why a view record was not counted: the {@code reason} tag of {@code newsroom.views.dropped}. */
public enum DropReason {
    /** A robot's User-Agent (or none). */
    BOT,
    /** The same visitor viewed the same article within the refresh window. */
    REFRESH,
    /** Marked {@code x-newsroom-rate-limited: true} by its producer. */
    RATE_LIMITED,
    /** Not a valid newsroom.article.viewed.v1 event: dead-lettered. */
    INVALID,
    /** Its article was not announced on article-lifecycle within the grace time: dead-lettered. */
    UNKNOWN_ARTICLE,
    /** Stamped too far ahead of this service's clock: dead-lettered. */
    FUTURE,
    /** A second copy of a released parked view. */
    DUPLICATE,
    /** A newer version of the event type beside v1: not ours to read. */
    UNSUPPORTED_TYPE;

    /** The metric tag: the name in lower case ({@code rate_limited}). */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The reason behind a hit that reached the counters without being counted, or null for a counted view. */
    public static DropReason of(Outcome outcome) {
        return switch (outcome) {
            case COUNTED -> null;
            case BOT -> BOT;
            case REFRESH -> REFRESH;
            case RATE_LIMITED -> RATE_LIMITED;
        };
    }
}
