package newsroom.portal.site;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.Category;
import newsroom.portal.backend.CategoryDirectory;
import newsroom.portal.backend.Listing;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A category page: breadcrumb, the sibling categories in the sidebar, subcategories, and the articles of the
 * category and everything below it, pinned first, a page at a time ({@code ?cursor=} from category-service). The
 * listing comes from category-service, so without it the page is a 503; breadcrumb and sidebar are optional.
 */
@Controller
class CategoryPageController {

    private final CategoryDirectory categories;
    private final PageFormat format;
    private final PageCaching caching;
    private final PortalProperties properties;

    CategoryPageController(CategoryDirectory categories, PageFormat format, PageCaching caching,
            PortalProperties properties) {
        this.categories = categories;
        this.format = format;
        this.caching = caching;
        this.properties = properties;
    }

    @GetMapping("/categories/{id}")
    String category(@PathVariable String id, @RequestParam(required = false) String cursor, Model model,
            HttpServletResponse response) {
        if (cursor != null && cursor.length() > 400) {
            throw new PageNotFoundException("cursor");
        }
        Category category = categories.category(id).filter(c -> !c.hidden())
                .orElseThrow(() -> new PageNotFoundException("category " + id));
        Listing listing = categories.listing(id, "subtree", cursor, properties.getSite().getPageSize())
                .orElseThrow(() -> new PageNotFoundException("category " + id));

        Optional<List<Category>> trail = categories.breadcrumb(id);
        Optional<List<Category>> siblings = categories.siblings(id);
        Optional<List<Category>> children = categories.children(id);
        boolean degraded = trail.isEmpty() || siblings.isEmpty() || children.isEmpty();

        model.addAttribute("site", properties.getSite());
        model.addAttribute("category", category);
        model.addAttribute("breadcrumb", trail.map(c -> Navigation.crumbs(c, id)).orElse(List.of()));
        model.addAttribute("sidebarTitle", trail.filter(c -> c.size() > 1).map(c -> c.get(c.size() - 2).name())
                .orElse(null));
        model.addAttribute("sidebar", siblings.map(s -> Navigation.crumbs(s, id)).orElse(List.of()));
        model.addAttribute("children", children.map(s -> Navigation.crumbs(s, id)).orElse(List.of()));
        model.addAttribute("items", listing.items().stream()
                .map(a -> new Teaser(a.title(), Links.article(a.articleId(), a.slug()), format.date(a.publishedAt()),
                        a.summary(), a.pinned(), a.headline()))
                .toList());
        model.addAttribute("total", listing.total());
        model.addAttribute("firstPage", cursor == null || cursor.isBlank());
        model.addAttribute("nextCursor", listing.nextCursor());
        model.addAttribute("feed", Links.categoryFeed(id));
        model.addAttribute("canonical", Links.category(id));
        caching.page(response, degraded);
        return "category";
    }
}
