package newsroom.article.editorial;

import java.time.Instant;
import java.util.List;
import newsroom.contracts.ImportedFrom;

/**
 * An article as another system had it, already mapped to this one's fields by the importer: what
 * {@link ImportedArticles} turns into an article. The body is still the old system's HTML (it is cleaned here).
 *
 * @param published            true: published, dated {@code originallyPublishedAt}; false: waiting in review
 * @param originallyPublishedAt when it first appeared on the old site
 */
public record ImportedContent(
        String title,
        String subtitle,
        String summary,
        String body,
        String source,
        String writer,
        String coverImageUrl,
        List<String> keywords,
        String seoTitle,
        String seoDescription,
        boolean published,
        Instant originallyPublishedAt,
        boolean headline,
        boolean recommended,
        boolean pinned,
        ImportedFrom importedFrom) {

    public ImportedContent {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
