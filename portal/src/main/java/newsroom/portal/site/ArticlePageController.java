package newsroom.portal.site;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.portal.PortalProperties;
import newsroom.portal.backend.Article;
import newsroom.portal.backend.ArticleReader;
import newsroom.portal.backend.Category;
import newsroom.portal.backend.CategoryDirectory;
import newsroom.portal.backend.StatsReader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The article page, rebuilt after the seed: breadcrumb (主页 &gt; 新闻中心 &gt; 园区规划), a sidebar of the category's
 * siblings, title, 来源, 日期, 点击, body, 相关文章推荐. article-service is required (503 without it); the count
 * (stats-service), the breadcrumb and sidebar (category-service) and the related articles are left out when their
 * service cannot answer, and the page is then cached only briefly.
 *
 * <p>Addresses: {@code /articles/42}, {@code /articles/42-park-cluster} (canonical when the article has a slug, as
 * in feeds and the sitemap) and {@code /articles/42/park-cluster}; an old or wrong slug redirects (301) to the
 * canonical address, so renamed articles keep their links.
 */
@Controller
class ArticlePageController {

    private static final Pattern ID_AND_SLUG = Pattern.compile("([0-9]+)-(.+)");

    private final ArticleReader articles;
    private final CategoryDirectory categories;
    private final StatsReader stats;
    private final BodyHtml bodyHtml;
    private final PageFormat format;
    private final PageCaching caching;
    private final PortalProperties properties;

    ArticlePageController(ArticleReader articles, CategoryDirectory categories, StatsReader stats, BodyHtml bodyHtml,
            PageFormat format, PageCaching caching, PortalProperties properties) {
        this.articles = articles;
        this.categories = categories;
        this.stats = stats;
        this.bodyHtml = bodyHtml;
        this.format = format;
        this.caching = caching;
        this.properties = properties;
    }

    @GetMapping("/articles/{ref}")
    String byRef(@PathVariable String ref, Model model, HttpServletResponse response) {
        Matcher idAndSlug = ID_AND_SLUG.matcher(ref);
        if (idAndSlug.matches()) {
            return render(idAndSlug.group(1), idAndSlug.group(2), model, response);
        }
        return render(ref, null, model, response);
    }

    @GetMapping("/articles/{id}/{slug}")
    String byIdAndSlug(@PathVariable String id, @PathVariable String slug, Model model,
            HttpServletResponse response) {
        return render(id, slug, model, response);
    }

    private String render(String id, String requestedSlug, Model model, HttpServletResponse response) {
        Article article = articles.article(id).orElseThrow(() -> new PageNotFoundException("article " + id));
        String canonical = Links.article(article.id(), article.slug());
        if (requestedSlug != null && !requestedSlug.equals(article.slug())) {
            response.setStatus(HttpStatus.MOVED_PERMANENTLY.value());
            response.setHeader(HttpHeaders.LOCATION, canonical);
            caching.page(response, false);
            return null;
        }
        boolean degraded = false;

        Optional<List<Category>> trail = article.categoryId() == null ? Optional.empty()
                : categories.breadcrumb(article.categoryId());
        Optional<List<Category>> siblings = article.categoryId() == null ? Optional.empty()
                : categories.siblings(article.categoryId());
        degraded |= article.categoryId() != null && (trail.isEmpty() || siblings.isEmpty());

        OptionalLong views = stats.views(article.id());
        degraded |= views.isEmpty();

        var related = articles.related(article.id(), properties.getSite().getRelatedArticles()).stream()
                .map(t -> new Teaser(t.title(), Links.article(t.id(), t.slug()), format.date(t.publishedAt()),
                        t.summary(), false, false))
                .toList();

        model.addAttribute("site", properties.getSite());
        model.addAttribute("article", article);
        model.addAttribute("body", bodyHtml.clean(article.body()));
        model.addAttribute("date", format.date(article.publishedAt()));
        model.addAttribute("views", views.isPresent() ? views.getAsLong() : null);
        model.addAttribute("breadcrumb", trail.map(c -> Navigation.crumbs(c, article.categoryId())).orElse(List.of()));
        model.addAttribute("sidebarTitle", trail.filter(c -> c.size() > 1).map(c -> c.get(c.size() - 2).name())
                .orElse(trail.filter(c -> !c.isEmpty()).map(c -> c.get(0).name()).orElse(null)));
        model.addAttribute("sidebar", siblings.map(s -> Navigation.crumbs(s, article.categoryId())).orElse(List.of()));
        model.addAttribute("related", related);
        model.addAttribute("canonical", canonical);
        model.addAttribute("beacon", Links.beacon(article.id()));
        model.addAttribute("feed", article.categoryId() == null ? null : Links.categoryFeed(article.categoryId()));
        caching.page(response, degraded);
        return "article";
    }
}
