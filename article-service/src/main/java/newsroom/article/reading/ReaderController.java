package newsroom.article.reading;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.article.editorial.Article;
import newsroom.article.editorial.SlugRegistry;
import newsroom.platform.web.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What readers (and the portal, server-side) fetch. Stable URLs: an article is addressed by its id, optionally
 * followed by its slug ({@code /api/articles/42-park-cluster}), or by slug alone. A slug it had before answers with
 * 301 to the current URL, so links survive renames; the category is not part of any URL, so moves keep them too.
 */
@RestController
@Tag(name = "Reading", description = "Published articles, for anyone")
class ReaderController {

    private static final Pattern ID_AND_SLUG = Pattern.compile("([0-9]+)-([a-z0-9]+(?:-[a-z0-9]+)*)");

    private final PublishedArticles published;
    private final SlugRegistry slugs;
    private final RelatedArticles related;

    ReaderController(PublishedArticles published, SlugRegistry slugs, RelatedArticles related) {
        this.published = published;
        this.slugs = slugs;
        this.related = related;
    }

    @GetMapping("/api/articles/{ref}")
    @Operation(summary = "A published article by id, or by id-slug (an old slug redirects with 301)")
    ResponseEntity<PublishedArticle> get(@Parameter(description = "42 or 42-park-cluster") @PathVariable String ref) {
        Matcher idAndSlug = ID_AND_SLUG.matcher(ref);
        if (idAndSlug.matches()) {
            Article article = published.get(idAndSlug.group(1));
            if (!idAndSlug.group(2).equals(article.getSlug())) {
                return movedTo(PublishedArticles.canonicalPath(article));
            }
            return ResponseEntity.ok(PublishedArticle.of(article));
        }
        return ResponseEntity.ok(PublishedArticle.of(published.get(ref)));
    }

    @GetMapping("/api/articles/by-slug/{slug}")
    @Operation(summary = "A published article by slug (an old slug redirects with 301 to the current one)")
    ResponseEntity<PublishedArticle> bySlug(@PathVariable String slug) {
        String id = slugs.articleOf(slug).orElseThrow(() -> ProblemException.notFound("Article", slug));
        Article article = published.get(id);
        if (!slug.equals(article.getSlug())) {
            return movedTo(article.getSlug() != null
                    ? "/api/articles/by-slug/" + article.getSlug()
                    : PublishedArticles.canonicalPath(article));
        }
        return ResponseEntity.ok(PublishedArticle.of(article));
    }

    @GetMapping("/api/articles/{id}/related")
    @Operation(summary = "Related published articles: shared keywords, then category subtree, then recency")
    List<ArticleTeaser> related(@PathVariable String id,
            @RequestParam(defaultValue = "5") @Min(1) @Max(20) int limit) {
        return related.relatedTo(published.get(id), limit).stream().map(ArticleTeaser::of).toList();
    }

    private static ResponseEntity<PublishedArticle> movedTo(String path) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create(path)).build();
    }
}
