package newsroom.stats.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.platform.web.ProblemException;
import newsroom.stats.api.StatsQueries.Counts;
import newsroom.stats.api.StatsQueries.Granularity;
import newsroom.stats.store.StatsDocs;
import newsroom.stats.imported.ImportedBaselines;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The numbers, under /api/stats. Parameters are read as text and checked here, so a bad one is a 400 problem naming
 * it (never a 500). Nothing here 404s: stats-service cannot know every article or category, and "no views yet" is a
 * true answer.
 */
@RestController
@RequestMapping("/api/stats")
class StatsController {

    private static final int MAX_HOURS = 24 * 93;
    private static final int MAX_DAYS = 3 * 366;
    private static final int MAX_LIMIT = 100;
    private static final Duration MAX_WINDOW = Duration.ofDays(31);
    private static final Pattern WINDOW = Pattern.compile("(\\d{1,4})([hd])");

    private final StatsQueries queries;
    private final ImportedBaselines baselines;
    private final Clock clock;

    StatsController(StatsQueries queries, ImportedBaselines baselines, Clock clock) {
        this.queries = queries;
        this.baselines = baselines;
        this.clock = clock;
    }

    /**
     * {@code views} is the counted number (what the page shows); raw, bots, refreshes and uniques beside it;
     * {@code imported} (null unless the article was imported) is the old site's unfiltered count, never in the others.
     */
    record ArticleStats(String articleId, long views, long raw, long counted, long bots, long refreshes,
            long rateLimited, long uniqueVisitorsToday, long uniqueVisitorDays, String categoryId,
            List<String> categoryPath, Instant lastViewAt, Imported imported) {
    }

    /** An imported article's click count on its old site, e.g. "imported from DedeCMS, unfiltered". */
    record Imported(long views, String system, String site, String sourceId, String note) {

        static Imported of(ImportedBaselines.Baseline b) {
            return new Imported(b.views(), b.system(), b.site(), b.sourceId(), b.note());
        }
    }

    @GetMapping("/articles/{id}")
    ArticleStats article(@PathVariable String id) {
        StatsQueries.ArticleTotals t = queries.article(id, StatsDocs.dayOf(clock.instant()));
        Counts c = t.counts();
        return new ArticleStats(id, c.views(), c.raw(), c.views(), c.bots(), c.refreshes(), c.rateLimited(),
                t.uniqueVisitorsToday(), t.uniqueVisitorDays(), t.categoryId(), t.categoryPath(), t.lastViewAt(),
                baselines.of(id).map(Imported::of).orElse(null));
    }

    record Series(String id, String granularity, Instant from, Instant to, List<StatsQueries.Point> points) {
    }

    @GetMapping("/articles/{id}/series")
    Series articleSeries(@PathVariable String id, @RequestParam(required = false) String granularity,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return series(true, id, granularity, from, to);
    }

    record ViewTotal(String articleId, long views) {
    }

    /** {@code asOf} is the instant to pass as {@code since} next time (it overlaps: views are written late). */
    record ViewTotals(Instant since, Instant asOf, List<ViewTotal> items) {
    }

    /**
     * All-time counted views of every article viewed at or after {@code since}, or of every article with views. The
     * editors' desk (article-service) polls it for its views column and its sort by views.
     */
    @GetMapping("/views")
    ViewTotals views(@RequestParam(required = false) String since) {
        Instant asOf = clock.instant();
        Instant from = since == null || since.isBlank() ? null : instant("since", since);
        List<ViewTotal> items = queries.viewTotals(from).entrySet().stream()
                .map(e -> new ViewTotal(e.getKey(), e.getValue())).toList();
        return new ViewTotals(from, asOf, items);
    }

    record CategoryStats(String categoryId, long views, long raw, long counted, long bots, long refreshes,
            long rateLimited) {
    }

    /** Totals of a category's whole subtree. */
    @GetMapping("/categories/{id}")
    CategoryStats category(@PathVariable String id) {
        Counts c = queries.category(id);
        return new CategoryStats(id, c.views(), c.raw(), c.views(), c.bots(), c.refreshes(), c.rateLimited());
    }

    @GetMapping("/categories/{id}/series")
    Series categorySeries(@PathVariable String id, @RequestParam(required = false) String granularity,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return series(false, id, granularity, from, to);
    }

    record Top(String category, int limit, List<StatsQueries.Ranked> items) {
    }

    /** All-time top articles by counted views; {@code category} restricts to that category's subtree. */
    @GetMapping("/top")
    Top top(@RequestParam(required = false) String category, @RequestParam(required = false) String limit) {
        int n = limit(limit);
        return new Top(blankToNull(category), n, queries.top(blankToNull(category), n));
    }

    record TrendingList(String window, String category, Instant from, Instant to, int limit,
            List<StatsQueries.Trending> items) {
    }

    /** Top articles by counted views in the last {@code window} (1h, 24h, 7d, ... up to 31d). */
    @GetMapping("/trending")
    TrendingList trending(@RequestParam(required = false) String window,
            @RequestParam(required = false) String category, @RequestParam(required = false) String limit) {
        String w = window == null || window.isBlank() ? "24h" : window.trim().toLowerCase(Locale.ROOT);
        Matcher m = WINDOW.matcher(w);
        if (!m.matches()) {
            throw ProblemException.badRequest("window", "must be a number of hours or days such as 1h, 24h or 7d");
        }
        Duration duration = m.group(2).equals("h") ? Duration.ofHours(Long.parseLong(m.group(1)))
                : Duration.ofDays(Long.parseLong(m.group(1)));
        if (duration.isZero() || duration.compareTo(MAX_WINDOW) > 0) {
            throw ProblemException.badRequest("window", "must be between 1h and 31d");
        }
        int n = limit(limit);
        Instant now = clock.instant();
        return new TrendingList(w, blankToNull(category), now.minus(duration), now, n,
                queries.trending(duration, blankToNull(category), n, now));
    }

    private Series series(boolean article, String id, String granularityText, String fromText, String toText) {
        Granularity granularity;
        if (granularityText == null || granularityText.isBlank()) {
            granularity = Granularity.HOUR;
        } else {
            try {
                granularity = Granularity.valueOf(granularityText.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("granularity", "must be hour or day");
            }
        }
        ChronoUnit unit = granularity == Granularity.HOUR ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        Instant to = toText == null || toText.isBlank() ? clock.instant() : instant("to", toText);
        Instant from = fromText == null || fromText.isBlank()
                ? to.minus(granularity == Granularity.HOUR ? Duration.ofHours(48) : Duration.ofDays(30))
                : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("from", "must be before 'to' (" + to + ")");
        }
        if (granularity == Granularity.DAY) {
            from = StatsDocs.startOf(StatsDocs.dayOf(from));
        } else {
            from = from.truncatedTo(ChronoUnit.HOURS);
        }
        long buckets = unit.between(from, to) + 1;
        long max = granularity == Granularity.HOUR ? MAX_HOURS : MAX_DAYS;
        if (buckets > max) {
            throw ProblemException.badRequest("from", "the range is too long: at most " + max + " "
                    + unit.toString().toLowerCase(Locale.ROOT) + " per request");
        }
        return new Series(id, granularity.name().toLowerCase(Locale.ROOT), from, to,
                queries.series(article, id, granularity, from, to));
    }

    /** An RFC 3339 instant (2026-11-28T08:00:00Z) or a date (2026-11-28, meaning its start, UTC). */
    private static Instant instant(String name, String text) {
        String t = text.trim();
        try {
            if (t.length() == 10) {
                return StatsDocs.startOf(LocalDate.parse(t));
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name,
                    "must be a date (2026-11-28) or a date-time with offset (2026-11-28T08:00:00Z)");
        }
    }

    private static int limit(String text) {
        if (text == null || text.isBlank()) {
            return 10;
        }
        int n;
        try {
            n = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw ProblemException.badRequest("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return n;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
