package newsroom.portal.site;

import jakarta.servlet.http.HttpServletResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.ArticleSearch;
import newsroom.portal.backend.Category;
import newsroom.portal.backend.CategoryDirectory;
import newsroom.portal.backend.ServiceUnavailableException;
import org.jsoup.Jsoup;
import org.jsoup.safety.Safelist;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The search page: the results of article-service's search, a page at a time ({@code ?cursor=}), each with its
 * title linked, the highlighted snippet, date and category. Without {@code q} it is just the search box.
 */
@Controller
class SearchPageController {

    /** article-service's limit, checked here too so an over-long query gets a Chinese message without a call. */
    static final int MAX_QUERY_LENGTH = 200;
    private static final int PAGE_SIZE = 10;
    /**
     * The snippet arrives escaped with only {@code <mark>} in it; the portal does not take that on trust and keeps
     * nothing else (not even attributes) before it reaches the page unescaped.
     */
    private static final Safelist SNIPPET = Safelist.none().addTags("mark");

    private final ArticleSearch search;
    private final CategoryDirectory categories;
    private final PageFormat format;
    private final PortalProperties properties;

    SearchPageController(ArticleSearch search, CategoryDirectory categories, PageFormat format,
            PortalProperties properties) {
        this.search = search;
        this.categories = categories;
        this.format = format;
        this.properties = properties;
    }

    /** One result as the page shows it; {@code snippet} is safe HTML (text and {@code <mark>}). */
    record Result(String title, String url, String snippet, String date, String categoryName, String categoryUrl) {
    }

    @GetMapping("/search")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
            Model model, HttpServletResponse response) {
        // Results change within a second of an edit: a cache may keep the page only to revalidate it (ETag, 304).
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue());
        String query = q == null ? "" : q.strip();
        model.addAttribute("site", properties.getSite());
        model.addAttribute("q", query);
        model.addAttribute("results", List.of());
        model.addAttribute("searched", false);
        if (query.isEmpty()) {
            return "search";
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            model.addAttribute("refusal", "搜索词最多 " + MAX_QUERY_LENGTH + " 个字。");
            return "search";
        }
        String after = cursor == null || cursor.isBlank() || cursor.length() > 400 ? null : cursor;
        ArticleSearch.Answer answer = search.search(query, null, after, PAGE_SIZE);
        if (answer.results() == null) {
            model.addAttribute("refusal", "无法按这个搜索词查找(" + answer.refusal() + ")。请检查引号是否成对。");
            return "search";
        }
        Map<String, Optional<Category>> names = new HashMap<>();
        List<Result> results = answer.results().items().stream().map(hit -> {
            Optional<Category> category = hit.categoryId() == null ? Optional.empty()
                    : names.computeIfAbsent(hit.categoryId(), this::categoryQuietly);
            return new Result(hit.title(), Links.article(hit.id(), hit.slug()), snippet(hit.highlight()),
                    format.date(hit.publishedAt()), category.map(Category::name).orElse(null),
                    category.map(c -> Links.category(c.id())).orElse(null));
        }).toList();
        model.addAttribute("searched", true);
        model.addAttribute("results", results);
        model.addAttribute("total", answer.results().total() + (answer.results().totalIsLowerBound() ? "+" : ""));
        model.addAttribute("firstPage", after == null);
        model.addAttribute("nextCursor", answer.results().nextCursor());
        return "search";
    }

    static String snippet(String highlight) {
        return highlight == null ? "" : Jsoup.clean(highlight, SNIPPET);
    }

    /** The category's name is a nicety: without category-service the result shows without it. */
    private Optional<Category> categoryQuietly(String id) {
        try {
            return categories.category(id).filter(c -> !c.hidden());
        } catch (ServiceUnavailableException e) {
            return Optional.empty();
        }
    }
}
