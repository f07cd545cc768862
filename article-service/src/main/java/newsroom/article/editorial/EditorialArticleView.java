package newsroom.article.editorial;

import java.time.Instant;
import java.util.List;

/**
 * An article as editors see it: every field, including its workflow state. {@code version} is the ETag;
 * {@code autosavedAt} is set while the working copy holds autosaved changes no revision has recorded yet.
 */
public record EditorialArticleView(
        String id, String slug, String title, String subtitle, String summary, String body, String source,
        String writer, String coverImageUrl, List<String> keywords, String seoTitle, String seoDescription,
        String categoryId, List<String> categoryPath, boolean headline, boolean recommended, boolean pinned,
        int sortRank, ArticleStatus status, Instant publishAt, long revision, Long version, String createdBy,
        String lastModifiedBy, String lastAction, String reviewNote, String reviewedBy, Instant reviewedAt,
        Instant createdAt, Instant updatedAt, Instant publishedAt, int pendingEvents, Instant autosavedAt) {

    public static EditorialArticleView of(Article a) {
        return new EditorialArticleView(a.getId(), a.getSlug(), a.getTitle(), a.getSubtitle(), a.getSummary(),
                a.getBody(), a.getSource(), a.getWriter(), a.getCoverImageUrl(), a.getKeywords(), a.getSeoTitle(),
                a.getSeoDescription(), a.getCategoryId(), a.getCategoryPath(), a.isHeadline(), a.isRecommended(),
                a.isPinned(), a.getSortRank(), a.getStatus(), a.getPublishAt(), a.getRevision(), a.getVersion(),
                a.getCreatedBy(), a.getLastModifiedBy(), a.getLastAction(), a.getReviewNote(), a.getReviewedBy(),
                a.getReviewedAt(), a.getCreatedAt(), a.getUpdatedAt(), a.getPublishedAt(), a.getOutbox().size(),
                a.getAutosavedAt());
    }
}
