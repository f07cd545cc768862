package newsroom.stats.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import newsroom.stats.tally.CounterKey;

/**
 * Names and ids of the counter documents. Buckets are UTC. A day document holds its 24 hours and the day's
 * unique-visitor sketch, so counting writes one document per article (and per credited category) per flush; totals
 * are the sum of an owner's day documents, added up when read.
 *
 * <pre>
 * article_days    {_id: articleId|yyyy-MM-dd, articleId, day, start, categoryId, categoryPath, lastViewAt,
 *                  p: {p0: part, p1: part, ...}}
 * category_days   {_id: categoryId|yyyy-MM-dd, categoryId, day, start, p: {p0: part, ...}}
 * part            {o, raw, views, bots, refreshes, limited, h: {"08": {raw, views, bots, refreshes, limited}, ...},
 *                  hll (article days only)}
 * </pre>
 *
 * A part is what one partition of article-viewed has contributed, up to and including its offset {@code o}; it is
 * written whole with {@code $max}, so only a part with a later offset replaces it (the effectively-once guard). A
 * category's documents count the views of every article in its subtree (the view's categoryPath credits each
 * ancestor).
 */
public final class StatsDocs {

    public static final String ARTICLE_DAYS = "article_days";
    public static final String CATEGORY_DAYS = "category_days";
    public static final String REFRESH_STATE = "refresh_state";
    public static final String KNOWN_ARTICLES = "known_articles";
    public static final String PARKED_VIEWS = "parked_views";
    public static final String RELEASED_VIEWS = "released_views";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private StatsDocs() {
    }

    public static String partitionField(int partition) {
        return "p" + partition;
    }

    public static LocalDate dayOf(Instant time) {
        return LocalDate.ofEpochDay(Math.floorDiv(time.getEpochSecond(), 86_400L));
    }

    public static String dayId(String owner, LocalDate day) {
        return owner + "|" + DAY.format(day);
    }

    /** The collection of a kind of counter document. */
    public static String collection(CounterKey.Kind kind) {
        return switch (kind) {
            case ARTICLE_DAY -> ARTICLE_DAYS;
            case CATEGORY_DAY -> CATEGORY_DAYS;
        };
    }

    /** The {@code _id} of a counter document. */
    public static String id(CounterKey key) {
        return dayId(key.owner(), LocalDate.ofEpochDay(key.epochDay()));
    }

    /** "00" to "23": the keys of the hours in a part's {@code h}. */
    private static final String[] HOURS = new String[24];

    static {
        for (int h = 0; h < 24; h++) {
            HOURS[h] = h < 10 ? "0" + h : Integer.toString(h);
        }
    }

    /** The key in {@code h} of an hour of the day (0–23). */
    public static String hourKey(int hour) {
        return HOURS[hour];
    }

    /** The key in {@code h} of the hour an instant falls in. */
    public static String hourKey(Instant time) {
        return HOURS[(int) Math.floorMod(time.getEpochSecond(), 86_400L) / 3600];
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
