package newsroom.stats.counting;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names and ids of the counter documents. Buckets are UTC. A day document holds its 24 hours (as {@code h.HH}), so
 * the hourly and the daily series of an article or a category cost one write per batch, not two.
 *
 * <pre>
 * article_totals  {_id: articleId, categoryId, categoryPath, lastViewAt, c: {p0: contribution, ...}}
 * article_days    {_id: articleId|yyyy-MM-dd, articleId, day, start, categoryId, categoryPath,
 *                  c: {p0: ...}, h: {"08": {p0: ...}}, s: {p0: {o, hll}}}
 * category_totals {_id: categoryId, categoryId, c: {...}}
 * category_days   {_id: categoryId|yyyy-MM-dd, categoryId, day, start, c: {...}, h: {...}}
 * </pre>
 *
 * A category's documents count the views of every article in its subtree (the view's categoryPath credits each
 * ancestor).
 */
public final class StatsDocs {

    public static final String ARTICLE_TOTALS = "article_totals";
    public static final String ARTICLE_DAYS = "article_days";
    public static final String CATEGORY_TOTALS = "category_totals";
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
        return time.atZone(ZoneOffset.UTC).toLocalDate();
    }

    public static String dayId(String owner, LocalDate day) {
        return owner + "|" + DAY.format(day);
    }

    public static String hourKey(Instant time) {
        int hour = time.atZone(ZoneOffset.UTC).getHour();
        return hour < 10 ? "0" + hour : Integer.toString(hour);
    }

    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
