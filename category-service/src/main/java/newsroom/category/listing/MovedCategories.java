package newsroom.category.listing;

import java.util.Map;
import java.util.function.Function;
import newsroom.category.tree.CategoryReads;
import newsroom.category.tree.CategoryRedirects;
import newsroom.category.tree.TreeIndex;
import org.springframework.stereotype.Component;

/**
 * For the in-memory {@link ListingOrder}: where the articles of a deleted category went (a deletion with
 * {@code moveArticlesTo}), so that its entries count and list under that category on every replica — the store's
 * re-pointing happens on one replica only. A category redirects as soon as its tombstone exists (written before the
 * category is removed, so an interrupted deletion redirects too). The tombstones are read again with each tree
 * snapshot (every tree change, and at most every {@code newsroom.reads.max-age}).
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

    /** As of the current tree snapshot: category id to the id its articles went to, or null. */
    Function<String, String> now() {
        TreeIndex tree = reads.tree();
        Resolved current = resolved;
        if (current.tree() != tree) {
            current = new Resolved(tree, redirects.all());
            resolved = current;
        }
        return current.targets()::get;
    }

    private record Resolved(TreeIndex tree, Map<String, String> targets) {
    }
}
