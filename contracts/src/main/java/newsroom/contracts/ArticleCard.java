package newsroom.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * What a listing, a feed or a search result needs to show an article without asking article-service: carried by
 * {@link ArticlePublished} and {@link ArticleUpdated}.
 *
 * @param categoryPath category ids from the root down to {@code categoryId} (inclusive), as article-service knew the
 *                     tree when the event was written; lets consumers build subtree listings and subtree statistics
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ArticleCard(
        String slug,
        String title,
        String subtitle,
        String summary,
        String coverImageUrl,
        String source,
        String writer,
        List<String> keywords,
        String categoryId,
        List<String> categoryPath,
        boolean headline,
        boolean recommended,
        boolean pinned,
        int sortRank,
        Instant publishedAt) {

    public ArticleCard {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        categoryPath = categoryPath == null ? List.of() : List.copyOf(categoryPath);
    }
}
