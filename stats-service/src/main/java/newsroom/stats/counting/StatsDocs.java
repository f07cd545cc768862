package newsroom.stats.counting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names and ids of the counter documents. Buckets are UTC. A day document holds its 24 hours (as {@code h.HH}) and
 * the day's unique-visitor sketch, so counting writes one document per article (and per credited category) per
 * batch; totals are the sum of an owner's day documents, added up when read.
 *
 * <pre>
 * article_days    {_id: articleId|yyyy-MM-dd, articleId, day, start, categoryId, categoryPath, lastViewAt,
 *                  c: {p0: contribution, ...}, h: {"08": {p0: ...}}, s: {p0: {o, hll}}}
 * category_days   {_id: categoryId|yyyy-MM-dd, categoryId, day, start, c: {...}, h: {...}}
 * </pre>
 *
 * A category's documents count the views of every article in its subtree (the view's categoryPath credits each
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

    private static final String[] HOURS = new String[24];

    static {
        for (int h = 0; h < 24; h++) {
            HOURS[h] = h < 10 ? "0" + h : Integer.toString(h);
        }
    }

    public static String hourKey(Instant time) {
        return HOURS[(int) Math.floorMod(time.getEpochSecond(), 86_400L) / 3600];
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
