package newsroom.article.reading;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsroom.article.editorial.SlugRegistry;
import newsroom.platform.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
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
    private final ReaderCopies copies;
    private final SlugRegistry slugs;
    private final RelatedArticles related;

    ReaderController(PublishedArticles published, ReaderCopies copies, SlugRegistry slugs, RelatedArticles related) {
        this.published = published;
        this.copies = copies;
        this.slugs = slugs;
        this.related = related;
    }

    /**
     * Answered from {@link ReaderCopies}: the JSON was serialised when the copy was made, so a read is a cache
     * look-up. The ETag is the article's revision; a matching {@code If-None-Match} gets 304.
     */
    @GetMapping("/api/articles/{ref}")
    @Operation(summary = "A published article by id, or by id-slug (an old slug redirects with 301)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PublishedArticle.class)))
    ResponseEntity<byte[]> get(@Parameter(description = "42 or 42-park-cluster") @PathVariable String ref,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        Matcher idAndSlug = ID_AND_SLUG.matcher(ref);
        if (idAndSlug.matches()) {
            ReaderCopy copy = copies.published(idAndSlug.group(1));
            if (!idAndSlug.group(2).equals(copy.slug())) {
                return movedTo(copy.canonicalPath());
            }
            return answer(copy, ifNoneMatch);
        }
        return answer(copies.published(ref), ifNoneMatch);
    }

    @GetMapping("/api/articles/by-slug/{slug}")
    @Operation(summary = "A published article by slug (an old slug redirects with 301 to the current one)")
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = PublishedArticle.class)))
    ResponseEntity<byte[]> bySlug(@PathVariable String slug,
            @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        ReaderCopy current = copies.bySlug(slug).orElse(null);
        if (current != null) {
            return answer(current, ifNoneMatch);
        }
        String id = slugs.articleOf(slug).orElseThrow(() -> ProblemException.notFound("Article", slug));
        ReaderCopy copy = copies.published(id);
        if (!slug.equals(copy.slug())) {
            return movedTo(copy.slug() != null ? "/api/articles/by-slug/" + copy.slug() : copy.canonicalPath());
        }
        return answer(copy, ifNoneMatch);
    }

    private static ResponseEntity<byte[]> answer(ReaderCopy copy, String ifNoneMatch) {
        if (copy.etag().equals(ifNoneMatch)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(copy.etag()).build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).eTag(copy.etag()).body(copy.json());
    }

    @GetMapping("/api/articles/{id}/related")
    @Operation(summary = "Related published articles: shared keywords, then category subtree, then recency")
    List<ArticleTeaser> related(@PathVariable String id,
            @RequestParam(defaultValue = "5") @Min(1) @Max(20) int limit) {
        return related.relatedTo(published.get(id), limit).stream().map(ArticleTeaser::of).toList();
    }

    private static ResponseEntity<byte[]> movedTo(String path) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(URI.create(path)).build();
    }
}
