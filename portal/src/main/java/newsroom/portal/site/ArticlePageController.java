package newsroom.portal.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.Article;
import newsroom.portal.backend.ArticleReader;
import newsroom.portal.backend.ArticleTeaser;
import newsroom.portal.backend.BackendConfiguration;
import newsroom.portal.backend.Category;
import newsroom.portal.backend.CategoryDirectory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The article page, rebuilt after the seed: breadcrumb (主页 &gt; 新闻中心 &gt; 园区规划), a sidebar of the category's
 * siblings, title, 来源, 日期, 点击, body, 相关文章推荐. The article comes from {@link PublishedArticles} (article-service
 * is required: 503 without it); the breadcrumb and sidebar (category-service) and the related articles are read side
 * by side ({@link PageCalls}) and left out when their service cannot answer in time, and the page is then cached
 * only briefly. 点击 is not part of the page: its script fills it from {@code /counts/articles/{id}} (as the seed's
 * DedeCMS page does with {@code plus/count.php}), so the page stays the same bytes until the article changes and is
 * kept by {@link RenderedPages}.
 *
 * <p>Addresses: {@code /articles/42}, {@code /articles/42-park-cluster} (canonical when the article has a slug, as
 * in feeds and the sitemap) and {@code /articles/42/park-cluster}; an old or wrong slug redirects (301) to the
 * canonical address, so renamed articles keep their links.
 */
@Controller
class ArticlePageController {

    private static final Pattern ID_AND_SLUG = Pattern.compile("([0-9]+)-(.+)");

    private final PublishedArticles published;
    private final ArticleReader articles;
    private final CategoryDirectory categories;
    private final PageCalls calls;
    private final PageFormat format;
    private final PageCaching caching;
    private final PortalProperties properties;

    ArticlePageController(PublishedArticles published, ArticleReader articles, CategoryDirectory categories,
            PageCalls calls, PageFormat format, PageCaching caching, PortalProperties properties) {
        this.published = published;
        this.articles = articles;
        this.categories = categories;
        this.calls = calls;
        this.format = format;
        this.caching = caching;
        this.properties = properties;
    }

    @GetMapping("/articles/{ref}")
    String byRef(@PathVariable String ref, Model model, HttpServletRequest request, HttpServletResponse response) {
        Matcher idAndSlug = ID_AND_SLUG.matcher(ref);
        if (idAndSlug.matches()) {
            return render(idAndSlug.group(1), idAndSlug.group(2), model, request, response);
        }
        return render(ref, null, model, request, response);
    }

    @GetMapping("/articles/{id}/{slug}")
    String byIdAndSlug(@PathVariable String id, @PathVariable String slug, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        return render(id, slug, model, request, response);
    }

    private String render(String id, String requestedSlug, Model model, HttpServletRequest request,
            HttpServletResponse response) {
        long deadline = calls.deadlineFromNow();
        PublishedArticles.ReaderArticle found = published.find(id)
                .orElseThrow(() -> new PageNotFoundException("article " + id));
        Article article = found.article();
        String canonical = Links.article(article.id(), article.slug());
        if (requestedSlug != null && !requestedSlug.equals(article.slug())) {
            response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
            response.setHeader(HttpHeaders.LOCATION, canonical);
            caching.page(response, false);
            return null;
        }
        String categoryId = article.categoryId();
        Future<Optional<List<Category>>> trailCall = categoryId == null ? null
                : calls.start(() -> categories.breadcrumb(categoryId));
        Future<Optional<List<Category>>> siblingsCall = categoryId == null ? null
                : calls.start(() -> categories.siblings(categoryId));
        Future<List<ArticleTeaser>> relatedCall = calls.start(() ->
                articles.related(article.id(), properties.getSite().getRelatedArticles()));

        Optional<List<Category>> trail = navigation(trailCall, deadline);
        Optional<List<Category>> siblings = navigation(siblingsCall, deadline);
        boolean degraded = categoryId != null && (trail.isEmpty() || siblings.isEmpty());
        List<ArticleTeaser> relatedArticles;
        try {
            relatedArticles = calls.await(relatedCall, deadline, BackendConfiguration.ARTICLE_SERVICE);
        } catch (RuntimeException e) {
            // The block is left out, as ArticleReader.related does for a service that cannot answer.
            relatedArticles = List.of();
        }
        var related = relatedArticles.stream()
                .map(t -> new Teaser(t.title(), Links.article(t.id(), t.slug()), format.date(t.publishedAt()),
                        t.summary(), false, false))
                .toList();

        model.addAttribute("site", properties.getSite());
        model.addAttribute("article", article);
        model.addAttribute("body", found.body());
        model.addAttribute("date", format.date(article.publishedAt()));
        model.addAttribute("breadcrumb", trail.map(c -> Navigation.crumbs(c, categoryId)).orElse(List.of()));
        model.addAttribute("sidebarTitle", trail.filter(c -> c.size() > 1).map(c -> c.get(c.size() - 2).name())
                .orElse(trail.filter(c -> !c.isEmpty()).map(c -> c.get(0).name()).orElse(null)));
        model.addAttribute("sidebar", siblings.map(s -> Navigation.crumbs(s, categoryId)).orElse(List.of()));
        model.addAttribute("related", related);
        model.addAttribute("canonical", canonical);
        model.addAttribute("beacon", Links.beacon(article.id()));
        model.addAttribute("viewCount", Links.viewCount(article.id()));
        model.addAttribute("feed", categoryId == null ? null : Links.categoryFeed(categoryId));
        Set<String> shown = new HashSet<>();
        shown.add(article.id());
        relatedArticles.forEach(t -> shown.add(t.id()));
        // A copy older than the last event announced (a lagging article-service replica) is shown, not kept.
        boolean keep = published.current(id, Optional.of(found));
        RenderedPages.dependOn(request, new RenderedPages.Dependencies(Set.copyOf(shown), false, degraded, keep));
        caching.page(response, degraded);
        return "article";
    }

    /** Breadcrumb or siblings: empty when there is no category, category-service cannot answer, or not in time. */
    private Optional<List<Category>> navigation(Future<Optional<List<Category>>> call, long deadline) {
        if (call == null) {
            return Optional.empty();
        }
        try {
            return calls.await(call, deadline, BackendConfiguration.CATEGORY_SERVICE);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
