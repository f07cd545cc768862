package newsroom.category.tree;

import java.text.Collator;
import java.util.Comparator;
import java.util.Locale;

/**
 * Sibling order: the editor's sort order first (DedeCMS's sortrank), then the name as a Chinese reader expects
 * (a locale-aware collator, not UTF-16 code units), then id for a stable result.
 */
public final class CategoryOrder {

    private static final Collator CHINESE = Collator.getInstance(Locale.SIMPLIFIED_CHINESE);

    public static final Comparator<Category> SIBLINGS = Comparator.comparingInt(Category::sortOrder)
            .thenComparing(Category::name, CHINESE::compare)
            .thenComparing(Category::id);

    private CategoryOrder() {
    }
}
