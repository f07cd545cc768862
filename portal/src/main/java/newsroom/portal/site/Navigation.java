package newsroom.portal.site;

import java.util.List;
import newsroom.portal.backend.Category;

/** Categories as links. */
final class Navigation {

    private Navigation() {
    }

    static List<Crumb> crumbs(List<Category> categories, String currentId) {
        return categories.stream()
                .map(c -> new Crumb(c.name(), Links.category(c.id()), c.id().equals(currentId)))
                .toList();
    }
}
