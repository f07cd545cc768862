package newsroom.examples.analytics;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsroom.contracts.ArticleViewed;

/**
 * Views per article per hour (UTC), in memory. Kafka delivers at least once, so a view seen again (same
 * {@code viewId}, e.g. after a rebalance) is counted once; the ids of the most recent views are remembered for that.
 *
 * <p>Safe to read from another thread while the consumer thread adds.
 */
public class ViewAggregator {

    /** One row of the table: an article in one hour. */
    public record HourlyViews(Instant hour, String articleId, long views) {
    }

    private static final int REMEMBERED_VIEW_IDS = 100_000;

    private final Map<Key, Long> counts = new HashMap<>();
    private final Map<String, Boolean> recentViewIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_VIEW_IDS;
        }
    };
    private long duplicates;

    private record Key(Instant hour, String articleId) {
    }

    /** Counts a view; returns false if the same view was counted before. */
    public synchronized boolean add(ArticleViewed view) {
        if (recentViewIds.putIfAbsent(view.viewId(), Boolean.TRUE) != null) {
            duplicates++;
            return false;
        }
        counts.merge(new Key(view.viewedAt().truncatedTo(ChronoUnit.HOURS), view.articleId()), 1L, Long::sum);
        return true;
    }

    /** The views of one article in the hour that contains {@code instant}. */
    public synchronized long views(String articleId, Instant instant) {
        return counts.getOrDefault(new Key(instant.truncatedTo(ChronoUnit.HOURS), articleId), 0L);
    }

    public synchronized long duplicates() {
        return duplicates;
    }

    /** Every row, by hour, then most viewed first. */
    public synchronized List<HourlyViews> snapshot() {
        return counts.entrySet().stream()
                .map(e -> new HourlyViews(e.getKey().hour(), e.getKey().articleId(), e.getValue()))
                .sorted(Comparator.comparing(HourlyViews::hour)
                        .thenComparing(HourlyViews::views, Comparator.reverseOrder())
                        .thenComparing(HourlyViews::articleId))
                .toList();
    }
}
