package newsroom.portal.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.BackendConfiguration;
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
 * category and its listing come from category-service, so without it the page is a 503; breadcrumb, sidebar and
 * subcategories are optional. All five are read side by side ({@link PageCalls}); the page is kept by
 * {@link RenderedPages} until an article or category event.
 */
@Controller
class CategoryPageController {

    private final CategoryDirectory categories;
    private final PageCalls calls;
    private final PageFormat format;
    private final PageCaching caching;
    private final PortalProperties properties;

    CategoryPageController(CategoryDirectory categories, PageCalls calls, PageFormat format, PageCaching caching,
            PortalProperties properties) {
        this.categories = categories;
        this.calls = calls;
        this.format = format;
        this.caching = caching;
        this.properties = properties;
    }

    @GetMapping("/categories/{id}")
    String category(@PathVariable String id, @RequestParam(required = false) String cursor, Model model,
            HttpServletRequest request, HttpServletResponse response) {
        if (cursor != null && cursor.length() > 400) {
            throw new PageNotFoundException("cursor");
        }
        long deadline = calls.deadlineFromNow();
        Future<Optional<Category>> categoryCall = calls.start(() -> categories.category(id));
        Future<Optional<Listing>> listingCall = calls.start(() ->
                categories.listing(id, "subtree", cursor, properties.getSite().getPageSize()));
        Future<Optional<List<Category>>> trailCall = calls.start(() -> categories.breadcrumb(id));
        Future<Optional<List<Category>>> siblingsCall = calls.start(() -> categories.siblings(id));
        Future<Optional<List<Category>>> childrenCall = calls.start(() -> categories.children(id));

        Category category = calls.await(categoryCall, deadline, BackendConfiguration.CATEGORY_SERVICE)
                .filter(c -> !c.hidden())
                .orElseThrow(() -> new PageNotFoundException("category " + id));
        Listing listing = calls.await(listingCall, deadline, BackendConfiguration.CATEGORY_SERVICE)
                .orElseThrow(() -> new PageNotFoundException("category " + id));
        Optional<List<Category>> trail = optional(trailCall, deadline);
        Optional<List<Category>> siblings = optional(siblingsCall, deadline);
        Optional<List<Category>> children = optional(childrenCall, deadline);
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
        RenderedPages.dependOn(request, new RenderedPages.Dependencies(Set.of(), true, degraded, true));
        caching.page(response, degraded);
        return "category";
    }

    /** Navigation the page can do without: empty when category-service cannot answer in time. */
    private Optional<List<Category>> optional(Future<Optional<List<Category>>> call, long deadline) {
        try {
            return calls.await(call, deadline, BackendConfiguration.CATEGORY_SERVICE);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
