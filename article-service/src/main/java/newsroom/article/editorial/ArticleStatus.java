package newsroom.article.editorial;

/** Where an article is in its life. Only PUBLISHED articles are visible to readers. */
public enum ArticleStatus {
    DRAFT, IN_REVIEW, SCHEDULED, PUBLISHED, UNPUBLISHED
}
