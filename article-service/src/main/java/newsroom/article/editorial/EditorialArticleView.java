package newsroom.article.editorial;

import java.time.Instant;
import java.util.List;

/** An article as editors see it: every field, including its workflow state. */
public record EditorialArticleView(
        String id, String slug, String title, String subtitle, String summary, String body, String source,
        String writer, String coverImageUrl, List<String> keywords, String categoryId, List<String> categoryPath,
        boolean headline, boolean recommended, boolean pinned, int sortRank, ArticleStatus status, long revision,
        Long version, Instant createdAt, Instant updatedAt, Instant publishedAt, int pendingEvents) {

    public static EditorialArticleView of(Article a) {
        return new EditorialArticleView(a.getId(), a.getSlug(), a.getTitle(), a.getSubtitle(), a.getSummary(),
                a.getBody(), a.getSource(), a.getWriter(), a.getCoverImageUrl(), a.getKeywords(), a.getCategoryId(),
                a.getCategoryPath(), a.isHeadline(), a.isRecommended(), a.isPinned(), a.getSortRank(), a.getStatus(),
                a.getRevision(), a.getVersion(), a.getCreatedAt(), a.getUpdatedAt(), a.getPublishedAt(),
                a.getOutbox().size());
    }
}
