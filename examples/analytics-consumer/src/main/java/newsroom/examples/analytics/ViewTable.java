package newsroom.examples.analytics;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders the aggregation as a plain-text table. */
final class ViewTable {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:00").withZone(ZoneOffset.UTC);

    private ViewTable() {
    }

    static String render(List<ViewAggregator.HourlyViews> rows, ViewConsumer.Counters counters) {
        int articleWidth = Math.max("article".length(),
                rows.stream().mapToInt(r -> r.articleId().length()).max().orElse(0));
        String format = "%-16s  %-" + articleWidth + "s  %8s%n";
        StringBuilder table = new StringBuilder();
        table.append(String.format(format, "hour (UTC)", "article", "views"));
        table.append("-".repeat(16 + 2 + articleWidth + 2 + 8)).append(System.lineSeparator());
        for (ViewAggregator.HourlyViews row : rows) {
            table.append(String.format(format, HOUR.format(row.hour()), row.articleId(), row.views()));
        }
        table.append(String.format("%d records: %d views counted, %d duplicates, %d of other types skipped, "
                        + "%d invalid%n", counters.records(), counters.counted(), counters.duplicates(),
                counters.skipped(), counters.invalid()));
        return table.toString();
    }
}
