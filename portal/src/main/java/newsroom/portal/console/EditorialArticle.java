package newsroom.portal.console;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * An article as article-service's editorial API shows it, with its workflow state. {@code version} is the ETag that
 * every change sends back in If-Match, so that nobody overwrites someone else's edit unseen.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EditorialArticle(String id, String slug, String title, String subtitle, String summary, String body,
        String source, String writer, String coverImageUrl, List<String> keywords, String seoTitle,
        String seoDescription, String categoryId,
        List<String> categoryPath, boolean headline, boolean recommended, boolean pinned, Integer sortRank,
        String status, Instant publishAt, Long revision, Long version, String createdBy, String lastModifiedBy,
        String lastAction, String reviewNote, String reviewedBy, Instant reviewedAt, Instant createdAt,
        Instant updatedAt, Instant publishedAt) {

    public EditorialArticle {
        keywords = keywords == null ? List.of() : keywords;
        categoryPath = categoryPath == null ? List.of() : categoryPath;
    }

    public String etag() {
        return version == null ? null : "\"" + version + "\"";
    }
}
