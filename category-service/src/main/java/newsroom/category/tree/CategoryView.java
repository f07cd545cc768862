package newsroom.category.tree;

import java.util.List;

/** A category as clients see it. {@code children} is filled only in tree responses. */
public record CategoryView(
        String id,
        String name,
        String slug,
        String parentId,
        List<String> path,
        int sortOrder,
        boolean hidden,
        List<CategoryView> children) {

    static CategoryView of(Category c) {
        return new CategoryView(c.id(), c.name(), c.slug(), c.parentId(), c.path(), c.sortOrder(), c.hidden(), null);
    }

    static CategoryView of(Category c, List<CategoryView> children) {
        return new CategoryView(c.id(), c.name(), c.slug(), c.parentId(), c.path(), c.sortOrder(), c.hidden(),
                children);
    }
}
