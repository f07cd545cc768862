package newsroom.category.listing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import newsroom.category.tree.CategoryReads;
import newsroom.category.tree.CategoryRedirects;
import newsroom.category.tree.TreeIndex;
import org.springframework.stereotype.Component;

/**
 * For the in-memory {@link ListingOrder}: where the articles of a category that no longer exists went (a deletion
 * with {@code moveArticlesTo}), so that its entries count and list under that category on every replica — the store's
 * re-pointing happens on one replica only. Asked again for each tree snapshot; categories that exist go nowhere.
 */
@Component
class MovedCategories {

    private final CategoryReads reads;
    private final CategoryRedirects redirects;
    private volatile Resolved resolved = new Resolved(null, Map.of());

    MovedCategories(CategoryReads reads, CategoryRedirects redirects) {
        this.reads = reads;
        this.redirects = redirects;
    }

    /** As of the current tree: category id to the id its articles went to, or null. */
    Function<String, String> now() {
        TreeIndex tree = reads.tree();
        Resolved current = resolved;
        if (current.tree() != tree) {
            current = new Resolved(tree, new ConcurrentHashMap<>());
            resolved = current;
        }
        Map<String, Optional<String>> targets = current.targets();
        return id -> tree.get(id) != null ? null : targets.computeIfAbsent(id,
                gone -> redirects.resolve(gone).map(CategoryRedirects.Redirect::categoryId)).orElse(null);
    }

    private record Resolved(TreeIndex tree, Map<String, Optional<String>> targets) {
    }
}
