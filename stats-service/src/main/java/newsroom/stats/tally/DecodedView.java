package newsroom.stats.tally;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The fields of a valid view event that counting uses. */
public record DecodedView(String viewId, String articleId, String categoryId, List<String> categoryPath, Instant viewedAt,
        String visitorKey, String userAgent) {

    /** The categories the view counts for: every category on its path, and its own category. */
    public List<String> creditedCategories() {
        if (categoryPath.isEmpty()) {
            return List.of(categoryId);
        }
        if (categoryPath.contains(categoryId)) {
            return categoryPath;
        }
        List<String> credited = new ArrayList<>(categoryPath);
        credited.add(categoryId);
        return credited;
    }

    /** The UTC day of the view, as days since 1970-01-01. */
    public long epochDay() {
        return Math.floorDiv(viewedAt.getEpochSecond(), 86_400L);
    }

    /** The UTC hour of the day of the view, 0 to 23. */
    public int hourOfDay() {
        return (int) Math.floorMod(viewedAt.getEpochSecond(), 86_400L) / 3600;
    }
}
