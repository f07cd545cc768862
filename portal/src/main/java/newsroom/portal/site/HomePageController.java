package newsroom.portal.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.BackendConfiguration;
import newsroom.portal.backend.Category;
import newsroom.portal.backend.CategoryDirectory;
import newsroom.portal.backend.ListedArticle;
import newsroom.portal.backend.Listing;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The home page: for each top category, its headline articles (marked as headlines by editors) and its latest ones,
 * from category-service's subtree listings, read side by side ({@link PageCalls}); the feeds are linked. The demo
 * tree has a single root (新闻中心), so when there is only one root its children are the sections, with the root's
 * own listing as "最新文章" above them. Sections without articles are left out (judged by their listing, not by the
 * tree's counts, which may lag just after a publish). The page is kept by {@link RenderedPages} until an article or
 * category event. article-service offers no search, so there is no search box.
 */
@Controller
class HomePageController {

    private final CategoryDirectory categories;
    private final PageCalls calls;
    private final PageFormat format;
    private final PageCaching caching;
    private final PortalProperties properties;

    HomePageController(CategoryDirectory categories, PageCalls calls, PageFormat format, PageCaching caching,
            PortalProperties properties) {
        this.categories = categories;
        this.calls = calls;
        this.format = format;
        this.caching = caching;
        this.properties = properties;
    }

    /** A block of the home page. */
    record Section(String name, String url, String feed, List<Teaser> headlines, List<Teaser> latest) {
    }

    @GetMapping("/")
    String home(Model model, HttpServletRequest request, HttpServletResponse response) {
        long deadline = calls.deadlineFromNow();
        int size = properties.getSite().getHomeArticles();
        Optional<List<Category>> tree = categories.tree();
        boolean degraded = tree.isEmpty();
        List<Category> roots = tree.orElse(List.of());
        List<Category> sectionCategories = roots.size() == 1 ? roots.get(0).children() : roots;

        Future<Optional<Listing>> latestCall = roots.size() == 1 ? listing(roots.get(0), size) : null;
        List<Future<Optional<Listing>>> sectionCalls = sectionCategories.stream().map(c -> listing(c, size)).toList();

        Section latest = null;
        if (latestCall != null) {
            latest = section(roots.get(0), latestCall, deadline);
            degraded |= latest == null;
        }
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < sectionCategories.size(); i++) {
            Section section = section(sectionCategories.get(i), sectionCalls.get(i), deadline);
            if (section == null) {
                degraded = true;
            } else if (!section.headlines().isEmpty() || !section.latest().isEmpty()) {
                sections.add(section);
            }
        }
        model.addAttribute("site", properties.getSite());
        model.addAttribute("navigation", Navigation.crumbs(sectionCategories, null));
        model.addAttribute("latest", latest);
        model.addAttribute("sections", sections);
        model.addAttribute("unavailable", tree.isEmpty());
        RenderedPages.dependOn(request, new RenderedPages.Dependencies(Set.of(), true, degraded, true));
        caching.page(response, degraded);
        return "home";
    }

    private Future<Optional<Listing>> listing(Category category, int size) {
        return calls.start(() -> subtreeListing(category.id(), size));
    }

    /** The category's headlines and latest articles; null when category-service cannot answer in time. */
    private Section section(Category category, Future<Optional<Listing>> call, long deadline) {
        Optional<Listing> listing;
        try {
            listing = calls.await(call, deadline, BackendConfiguration.CATEGORY_SERVICE);
        } catch (RuntimeException e) {
            return null;
        }
        List<Teaser> headlines = new ArrayList<>();
        List<Teaser> latest = new ArrayList<>();
        for (ListedArticle a : listing.map(Listing::items).orElse(List.of())) {
            Teaser teaser = new Teaser(a.title(), Links.article(a.articleId(), a.slug()), format.date(a.publishedAt()),
                    a.summary(), a.pinned(), a.headline());
            (a.headline() ? headlines : latest).add(teaser);
        }
        return new Section(category.name(), Links.category(category.id()), Links.categoryFeed(category.id()),
                headlines, latest);
    }

    private Optional<Listing> subtreeListing(String id, int size) {
        try {
            return categories.listing(id, "subtree", null, size);
        } catch (HttpClientErrorException.BadRequest e) {
            // A category-service without subtree listings: the category's own articles.
            return categories.listing(id, "category", null, size);
        }
    }
}
