package newsroom.stats.api;

import static newsroom.stats.store.StatsDocs.ARTICLE_DAYS;
import static newsroom.stats.store.StatsDocs.CATEGORY_DAYS;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.stats.store.StatsDocs;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.Union;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the counter documents. Every counter is stored per partition, in the document's part {@code p.p<n>} (see
 * {@link StatsDocs}); a number served is the sum over partitions. Unique visitors are per day (visitor keys rotate
 * daily); over several days the API gives the sum of the daily numbers, "visitor-days".
 */
@Component
public class StatsQueries {

    private final MongoTemplate mongo;

    public StatsQueries(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.getCollection(ARTICLE_DAYS).createIndex(Indexes.ascending("articleId"));
        mongo.getCollection(ARTICLE_DAYS).createIndex(Indexes.ascending("start"));
        mongo.getCollection(ARTICLE_DAYS).createIndex(Indexes.ascending("categoryPath"));
        // The editors' desk asks which articles were viewed since its last look (see viewTotals).
        mongo.getCollection(ARTICLE_DAYS).createIndex(Indexes.ascending("lastViewAt"));
        mongo.getCollection(CATEGORY_DAYS).createIndex(Indexes.ascending("categoryId"));
    }

    /** raw = every accepted view event; views = counted; the rest are what was not counted and why. */
    public record Counts(long raw, long views, long bots, long refreshes, long rateLimited) {

        static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        static Counts of(Object perPartition) {
            if (!(perPartition instanceof Document partitions)) {
                return ZERO;
            }
            long raw = 0, views = 0, bots = 0, refreshes = 0, limited = 0;
            for (Object value : partitions.values()) {
                if (value instanceof Document c) {
                    raw += num(c, "raw");
                    views += num(c, "views");
                    bots += num(c, "bots");
                    refreshes += num(c, "refreshes");
                    limited += num(c, "limited");
                }
            }
            return new Counts(raw, views, bots, refreshes, limited);
        }

        /** One hour of a day document: the sum of that hour over the partitions' parts. */
        static Counts hour(Object parts, String hour) {
            if (!(parts instanceof Document perPartition)) {
                return ZERO;
            }
            Document hourParts = new Document();
            perPartition.forEach((partition, part) -> {
                if (part instanceof Document d && d.get("h") instanceof Document hours && hours.get(hour) != null) {
                    hourParts.put(partition, hours.get(hour));
                }
            });
            return of(hourParts);
        }

        Counts plus(Counts o) {
            return new Counts(raw + o.raw, views + o.views, bots + o.bots, refreshes + o.refreshes,
                    rateLimited + o.rateLimited);
        }

        private static long num(Document d, String field) {
            return d.get(field) instanceof Number n ? n.longValue() : 0;
        }
    }

    public record ArticleTotals(String articleId, String categoryId, List<String> categoryPath, Counts counts,
            long uniqueVisitorDays, long uniqueVisitorsToday, Instant lastViewAt) {
    }

    /** An article's totals: the sum of its day documents. */
    public ArticleTotals article(String articleId, LocalDate today) {
        long visitorDays = 0;
        long todays = 0;
        Counts counts = Counts.ZERO;
        Date last = null;
        Document latest = null;
        for (Document day : mongo.getCollection(ARTICLE_DAYS).find(Filters.eq("articleId", articleId))) {
            long estimate = uniques(day.get("p"));
            visitorDays += estimate;
            if (today.toString().equals(day.getString("day"))) {
                todays = estimate;
            }
            counts = counts.plus(Counts.of(day.get("p")));
            Date lastViewAt = day.getDate("lastViewAt");
            if (lastViewAt != null && (last == null || lastViewAt.after(last))) {
                last = lastViewAt;
                latest = day;
            }
        }
        if (latest == null) {
            return new ArticleTotals(articleId, null, List.of(), counts, visitorDays, todays, null);
        }
        return new ArticleTotals(articleId, latest.getString("categoryId"),
                latest.getList("categoryPath", String.class, List.of()), counts, visitorDays, todays,
                last.toInstant());
    }

    /**
     * All-time counted views of the articles viewed at or after {@code since} (every article with views when it is
     * null): two reads, the ids by {@code lastViewAt}, then their day documents by {@code articleId} (both indexed on
     * MongoDB). The editors' desk polls this to keep its views column and its sort by views current.
     */
    public Map<String, Long> viewTotals(Instant since) {
        Bson days = Filters.exists("articleId");
        if (since != null) {
            List<String> viewed = new ArrayList<>();
            mongo.getCollection(ARTICLE_DAYS).distinct("articleId", Filters.gte("lastViewAt", Date.from(since)),
                    String.class).into(viewed);
            if (viewed.isEmpty()) {
                return Map.of();
            }
            days = Filters.in("articleId", viewed);
        }
        Map<String, Long> totals = new HashMap<>();
        for (Document day : mongo.getCollection(ARTICLE_DAYS).find(days)
                .projection(new Document("articleId", 1).append("p", 1))) {
            totals.merge(day.getString("articleId"), Counts.of(day.get("p")).views(), Long::sum);
        }
        return totals;
    }

    /** A category's totals (its whole subtree): the sum of its day documents. */
    public Counts category(String categoryId) {
        Counts counts = Counts.ZERO;
        for (Document day : mongo.getCollection(CATEGORY_DAYS).find(Filters.eq("categoryId", categoryId))
                .projection(new Document("p", 1))) {
            counts = counts.plus(Counts.of(day.get("p")));
        }
        return counts;
    }

    /** The union of the per-partition sketches of one day document, as an estimate rounded to a whole visitor. */
    static long uniques(Object sketches) {
        if (!(sketches instanceof Document perPartition) || perPartition.isEmpty()) {
            return 0;
        }
        Union union = null;
        for (Object value : perPartition.values()) {
            if (value instanceof Document s && s.get("hll") instanceof Binary bytes) {
                HllSketch sketch = HllSketch.heapify(bytes.getData());
                if (union == null) {
                    union = new Union(sketch.getLgConfigK());
                }
                union.update(sketch);
            }
        }
        return union == null ? 0 : Math.round(union.getEstimate());
    }

    public enum Granularity { HOUR, DAY }

    public record Point(Instant start, long raw, long views, long bots, long refreshes, long rateLimited,
            Long uniqueVisitors) {
    }

    /** Zero-filled series over [from, to), buckets aligned to UTC hours or days. */
    public List<Point> series(boolean article, String id, Granularity granularity, Instant from, Instant to) {
        LocalDate firstDay = StatsDocs.dayOf(from);
        LocalDate lastDay = StatsDocs.dayOf(to.minusMillis(1));
        List<String> ids = new ArrayList<>();
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            ids.add(StatsDocs.dayId(id, d));
        }
        Map<String, Document> days = new HashMap<>();
        String collection = article ? ARTICLE_DAYS : CATEGORY_DAYS;
        for (int i = 0; i < ids.size(); i += 200) {
            for (Document doc : mongo.getCollection(collection)
                    .find(Filters.in("_id", ids.subList(i, Math.min(ids.size(), i + 200))))) {
                days.put(doc.getString("day"), doc);
            }
        }
        List<Point> points = new ArrayList<>();
        if (granularity == Granularity.DAY) {
            for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
                Document doc = days.get(d.toString());
                Counts c = doc == null ? Counts.ZERO : Counts.of(doc.get("p"));
                points.add(new Point(StatsDocs.startOf(d), c.raw(), c.views(), c.bots(), c.refreshes(),
                        c.rateLimited(), article ? (doc == null ? 0L : uniques(doc.get("p"))) : null));
            }
        } else {
            Instant start = from.truncatedTo(ChronoUnit.HOURS);
            for (Instant h = start; h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
                Document doc = days.get(StatsDocs.dayOf(h).toString());
                Counts c = doc == null ? Counts.ZERO : Counts.hour(doc.get("p"), StatsDocs.hourKey(h));
                points.add(new Point(h, c.raw(), c.views(), c.bots(), c.refreshes(), c.rateLimited(), null));
            }
        }
        return points;
    }

    public record Ranked(String articleId, String categoryId, long views, long raw, long bots) {
    }

    /**
     * All-time top articles by counted views, overall or in a category's subtree: an aggregation over the day
     * documents. Fine for this service's scale; a very large archive would keep a periodically rebuilt read model.
     */
    public List<Ranked> top(String category, int limit) {
        List<Bson> pipeline = new ArrayList<>();
        if (category != null) {
            pipeline.add(new Document("$match", new Document("categoryPath", category)));
        }
        pipeline.add(new Document("$project", new Document("articleId", 1).append("categoryId", 1)
                .append("lastViewAt", 1)
                .append("views", sumOf("views")).append("raw", sumOf("raw")).append("bots", sumOf("bots"))));
        pipeline.add(new Document("$sort", new Document("lastViewAt", 1)));
        pipeline.add(new Document("$group", new Document("_id", "$articleId")
                .append("categoryId", new Document("$last", "$categoryId"))
                .append("views", new Document("$sum", "$views")).append("raw", new Document("$sum", "$raw"))
                .append("bots", new Document("$sum", "$bots"))));
        pipeline.add(new Document("$sort", new Document("views", -1).append("_id", 1)));
        pipeline.add(new Document("$limit", limit));
        List<Ranked> top = new ArrayList<>();
        for (Document doc : mongo.getCollection(ARTICLE_DAYS).aggregate(pipeline)) {
            top.add(new Ranked(doc.getString("_id"), doc.getString("categoryId"), num(doc, "views"),
                    num(doc, "raw"), num(doc, "bots")));
        }
        return top;
    }

    private static Document sumOf(String field) {
        return new Document("$sum", new Document("$map", new Document("input",
                new Document("$objectToArray", new Document("$ifNull", List.of("$p", new Document()))))
                .append("as", "e").append("in", "$$e.v." + field)));
    }

    private static long num(Document doc, String field) {
        return doc.get(field) instanceof Number n ? n.longValue() : 0;
    }

    public record Trending(String articleId, String categoryId, double views) {
    }

    /**
     * Articles by counted views in the window ending now, overall or in a category's subtree. Windows up to 48 hours
     * are summed from hourly buckets, longer ones from daily buckets; the oldest bucket counts with the share of it
     * that lies inside the window (views are assumed spread evenly within a bucket), so "the last hour" at 10:20 is
     * all of 10:00–10:20 plus two thirds of 09:00–10:00.
     */
    public List<Trending> trending(Duration window, String category, int limit, Instant now) {
        Instant from = now.minus(window);
        boolean hourly = window.compareTo(Duration.ofHours(48)) <= 0;
        Bson filter = Filters.gte("start", Date.from(StatsDocs.startOf(StatsDocs.dayOf(from))));
        if (category != null) {
            filter = Filters.and(filter, Filters.eq("categoryPath", category));
        }
        Map<String, double[]> scores = new LinkedHashMap<>();
        Map<String, String> categories = new HashMap<>();
        for (Document doc : mongo.getCollection(ARTICLE_DAYS).find(filter)
                .projection(new Document("articleId", 1).append("categoryId", 1).append("start", 1)
                        .append("p", 1))) {
            Instant dayStart = doc.getDate("start").toInstant();
            String articleId = doc.getString("articleId");
            double score = 0;
            if (hourly) {
                for (int hour = 0; hour < 24; hour++) {
                    Instant start = dayStart.plus(hour, ChronoUnit.HOURS);
                    long views = Counts.hour(doc.get("p"), StatsDocs.hourKey(start)).views();
                    if (views > 0) {
                        score += views * share(start, Duration.ofHours(1), from, now);
                    }
                }
            } else {
                score = Counts.of(doc.get("p")).views() * share(dayStart, Duration.ofDays(1), from, now);
            }
            if (score > 0) {
                scores.computeIfAbsent(articleId, k -> new double[1])[0] += score;
                categories.put(articleId, doc.getString("categoryId"));
            }
        }
        return scores.entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .map(e -> new Trending(e.getKey(), categories.get(e.getKey()),
                        Math.round(e.getValue()[0] * 100) / 100.0))
                .toList();
    }

    /** The share of a bucket's views that fall inside [from, now]; a bucket still running ends at now. */
    static double share(Instant bucketStart, Duration length, Instant from, Instant now) {
        Instant end = bucketStart.plus(length);
        if (end.isAfter(now)) {
            end = now;
        }
        if (!end.isAfter(bucketStart)) {
            return 1; // a bucket that starts at or after now: views stamped slightly ahead of this clock
        }
        Instant overlapStart = bucketStart.isAfter(from) ? bucketStart : from;
        if (!end.isAfter(overlapStart)) {
            return 0;
        }
        return (double) Duration.between(overlapStart, end).toMillis() / Duration.between(bucketStart, end).toMillis();
    }
}
