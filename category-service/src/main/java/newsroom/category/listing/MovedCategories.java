package newsroom.category.listing;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import newsroom.category.tree.CategoryReads;
import newsroom.category.tree.CategoryRedirects;
import newsroom.category.tree.CategoryRedirects.Redirect;
import newsroom.category.tree.TreeIndex;
import org.springframework.stereotype.Component;

/**
 * For the in-memory {@link ListingOrder}: where the articles of a deleted category went (a deletion with
 * {@code moveArticlesTo}), so that its entries count and list under that category on every replica — the store's
 * re-pointing happens on one replica only. A category redirects as soon as its tombstone exists (written before the
 * category is removed, so an interrupted deletion redirects too). The tombstones are read again with each tree
 * snapshot (every tree change, and at most every {@code newsroom.reads.max-age}).
 *
 * <p>The listing projection files events by the same snapshot ({@link #redirects()}) instead of reading the tombstones
 * for every poll — a store round trip per poll, which holds one or two events while articles are published one by
 * one. A deletion on this replica changes the tree at once (its tombstone write is a tree change); one on another
 * replica is seen within max-age, and an event filed under the deleted category meanwhile is re-pointed by the
 * repair job, which re-points every tombstone's listings (TreeMaintenance), while reads already count it under the
 * target through {@link #now()}.
 */
@Component
class MovedCategories {

    private final CategoryReads reads;
    private final CategoryRedirects redirects;
    private volatile Resolved resolved = new Resolved(null, Map.of(), Map.of());

    MovedCategories(CategoryReads reads, CategoryRedirects redirects) {
        this.reads = reads;
        this.redirects = redirects;
    }

    /** As of the current tree snapshot: category id to the id its articles went to, or null. */
    Function<String, String> now() {
        return current().targets()::get;
    }

    /** As of the current tree snapshot: each deleted category whose articles went elsewhere, with where they went. */
    Map<String, Redirect> redirects() {
        return current().redirects();
    }

    private Resolved current() {
        TreeIndex tree = reads.tree();
        Resolved current = resolved;
        if (current.tree() != tree) {
            Map<String, Redirect> redirects = this.redirects.resolved();
            Map<String, String> targets = new HashMap<>();
            redirects.forEach((from, to) -> targets.put(from, to.categoryId()));
            current = new Resolved(tree, redirects, targets);
            resolved = current;
        }
        return current;
    }

    private record Resolved(TreeIndex tree, Map<String, Redirect> redirects, Map<String, String> targets) {
    }
}
