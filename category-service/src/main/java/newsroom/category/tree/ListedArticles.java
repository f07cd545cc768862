package newsroom.category.tree;

import java.util.List;
import java.util.Map;

/**
 * What the tree needs to know about the listings (implemented by the listing side, so that the tree does not depend
 * on how listings are stored): counts for the tree and for the "delete only when empty" rule, and the re-pointing of
 * a deleted category's listings.
 */
public interface ListedArticles {

    /** Listed (published) articles filed directly under the category. */
    long countListed(String categoryId);

    /** Listed articles per category id, for every category that has any. */
    Map<String, Long> countListedByCategory();

    /**
     * Files every listing of {@code fromCategoryId} (listed or not) under {@code toCategoryId} with the given path.
     * Idempotent; leaves revisions alone, so a later event from article-service still wins.
     *
     * @return how many listing documents were changed
     */
    long repoint(String fromCategoryId, String toCategoryId, List<String> toPath);
}
