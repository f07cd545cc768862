package newsroom.article.reading;

import java.time.Instant;
import java.util.List;
import newsroom.article.editorial.Article;

/** An article as readers see it. {@code path} is its canonical API URL (id plus slug when it has one). */
public record PublishedArticle(
        String id, String slug, String path, String title, String subtitle, String summary, String body,
        String source, String writer, String coverImageUrl, List<String> keywords, String seoTitle,
        String seoDescription, String categoryId, List<String> categoryPath, boolean headline, boolean recommended,
        boolean pinned, Instant publishedAt, Instant updatedAt, long revision) {

    public static PublishedArticle of(Article a) {
        return new PublishedArticle(a.getId(), a.getSlug(), PublishedArticles.canonicalPath(a), a.getTitle(),
                a.getSubtitle(), a.getSummary(), a.getBody(), a.getSource(), a.getWriter(), a.getCoverImageUrl(),
                a.getKeywords(), a.getSeoTitle() != null ? a.getSeoTitle() : a.getTitle(),
                a.getSeoDescription() != null ? a.getSeoDescription() : a.getSummary(), a.getCategoryId(),
                a.getCategoryPath(), a.isHeadline(), a.isRecommended(), a.isPinned(), a.getPublishedAt(),
                a.getUpdatedAt(), a.getRevision());
    }
}
