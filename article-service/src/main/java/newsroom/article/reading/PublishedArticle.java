package newsroom.article.reading;

import java.time.Instant;
import java.util.List;
import newsroom.article.editorial.Article;

/** An article as readers see it. */
public record PublishedArticle(
        String id, String slug, String title, String subtitle, String summary, String body, String source,
        String writer, String coverImageUrl, List<String> keywords, String categoryId, List<String> categoryPath,
        boolean headline, boolean recommended, boolean pinned, Instant publishedAt, Instant updatedAt,
        long revision) {

    public static PublishedArticle of(Article a) {
        return new PublishedArticle(a.getId(), a.getSlug(), a.getTitle(), a.getSubtitle(), a.getSummary(),
                a.getBody(), a.getSource(), a.getWriter(), a.getCoverImageUrl(), a.getKeywords(), a.getCategoryId(),
                a.getCategoryPath(), a.isHeadline(), a.isRecommended(), a.isPinned(), a.getPublishedAt(),
                a.getUpdatedAt(), a.getRevision());
    }
}
