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
 *                  p: {p0: part, p1: part, ..., r0: part, ...}}
 * category_days   {_id: categoryId|yyyy-MM-dd, categoryId, day, start, p: {p0: part, ..., r0: part, ...}}
 * part            {o, raw, views, bots, refreshes, limited, h: {"08": {raw, views, bots, refreshes, limited}, ...},
 *                  hll (article days only)}
 * </pre>
 *
 * A part is what one partition of a source has contributed, up to and including its offset {@code o}: {@code p<n>}
 * for partition n of article-viewed, {@code r<n>} for partition n of {@link #RETRY_TOPIC} (parked views released
 * once their article is known). Each source partition has its own offsets, so each has its own part. A part is
 * written whole with {@code $max}, so only a part with a later offset replaces it (the effectively-once guard); a
 * number served is the sum over all parts. A category's documents count the views of every article in its subtree
 * (the view's categoryPath credits each ancestor).
 */
public final class StatsDocs {

    public static final String ARTICLE_DAYS = "article_days";
    public static final String CATEGORY_DAYS = "category_days";
    public static final String REFRESH_STATE = "refresh_state";
    public static final String KNOWN_ARTICLES = "known_articles";
    /**
     * Views of articles not known yet, by view id: {@code {_id: viewId, articleId, topic, partition, offset, state:
     * parked | released | dead-lettered, parkedAt, doneAt, key, value, headers}} (the record is dropped once it left
     * the collection; the coordinates stay as long as article-viewed keeps the record, so that reading it again
     * never counts it beside its released copy).
     */
    public static final String PARKED_VIEWS = "parked_views";
    public static final String RELEASED_VIEWS = "released_views";

    /**
     * stats-service's own topic for parked views whose article became known: records as they were read from
     * article-viewed, plus {@code x-newsroom-released-view}. Read by the same binding, group stats-service; never by
     * anyone else, so article-viewed carries every view once.
     */
    public static final String RETRY_TOPIC = "article-viewed.stats-service.retry";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private StatsDocs() {
    }

    /** The part of a counter document that holds what this partition of this source topic contributed. */
    public static String partField(String topic, int partition) {
        return (RETRY_TOPIC.equals(topic) ? "r" : "p") + partition;
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
