package newsroom.category.tree;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A category as clients see it. {@code children} and the article counts are filled in tree responses only.
 *
 * @param articleCount        listed articles filed directly under this category
 * @param subtreeArticleCount listed articles in this category and every descendant shown in the same response
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CategoryView(
        String id,
        String name,
        String slug,
        String parentId,
        List<String> path,
        int sortOrder,
        boolean hidden,
        long revision,
        Long articleCount,
        Long subtreeArticleCount,
        List<CategoryView> children) {

    public static CategoryView of(Category c) {
        return new CategoryView(c.id(), c.name(), c.slug(), c.parentId(), c.path(), c.sortOrder(), c.hidden(),
                c.revision(), null, null, null);
    }

    static CategoryView of(Category c, long articleCount, long subtreeArticleCount, List<CategoryView> children) {
        return new CategoryView(c.id(), c.name(), c.slug(), c.parentId(), c.path(), c.sortOrder(), c.hidden(),
                c.revision(), articleCount, subtreeArticleCount, children);
    }
}
